"""Tile-map layout: one square per regency, placed roughly where it lies in the province.

The layout is reference data (``data/reference/petak_peta.csv``: kode_wilayah, kolom,
baris; column 0 is the west, row 0 the north). It was generated once by
``layout_from_coordinates`` from the seats of government in ``wilayah.csv`` and may be
edited by hand; regenerate with ``python -m analytics.tile_map`` (overwrites the file).
"""

from __future__ import annotations

import functools
import itertools

import pandas as pd

from analytics.reference import REFERENCE_DIR, read_reference, regions

TILE_FILE = "petak_peta.csv"
COLUMNS = 10  # Central Java is about twice as wide as it is tall
ROWS = 5


def layout_from_coordinates(
    places: pd.DataFrame, columns: int = COLUMNS, rows: int = ROWS
) -> pd.DataFrame:
    """kode_wilayah, kolom, baris: each place (kode_wilayah, lintang, bujur) on its own cell.

    Coordinates are stretched onto the grid, then every place gets a distinct cell so that
    the summed squared distance between place and cell is small: a greedy start, then
    moves and pairwise swaps while they help. Deterministic for the same input.
    """
    if len(places) > columns * rows:
        raise ValueError(f"{len(places)} places do not fit a {columns}x{rows} grid")
    west, east = places["bujur"].min(), places["bujur"].max()
    north, south = places["lintang"].max(), places["lintang"].min()
    codes = list(places["kode_wilayah"])
    target = {
        code: (
            (lon - west) / ((east - west) or 1) * (columns - 1),
            (north - lat) / ((north - south) or 1) * (rows - 1),
        )
        for code, lat, lon in zip(codes, places["lintang"], places["bujur"], strict=True)
    }
    cells = [(c, r) for r in range(rows) for c in range(columns)]

    def cost(code: str, cell: tuple[int, int]) -> float:
        x, y = target[code]
        return (x - cell[0]) ** 2 + (y - cell[1]) ** 2

    placed: dict[str, tuple[int, int]] = {}
    # Greedy start: the places with the fewest good options choose first.
    for code in sorted(codes, key=lambda c: (target[c][0], target[c][1], c)):
        free = [cell for cell in cells if cell not in placed.values()]
        placed[code] = min(free, key=lambda cell: (cost(code, cell), cell))
    improved = True
    while improved:
        improved = False
        for code in codes:
            taken = set(placed.values())
            for cell in cells:
                if cell not in taken and cost(code, cell) < cost(code, placed[code]) - 1e-9:
                    taken.discard(placed[code])
                    placed[code] = cell
                    taken.add(cell)
                    improved = True
        for a, b in itertools.combinations(codes, 2):
            now = cost(a, placed[a]) + cost(b, placed[b])
            if cost(a, placed[b]) + cost(b, placed[a]) < now - 1e-9:
                placed[a], placed[b] = placed[b], placed[a]
                improved = True
    return pd.DataFrame(
        [{"kode_wilayah": c, "kolom": placed[c][0], "baris": placed[c][1]} for c in codes]
    )


@functools.cache
def tiles() -> pd.DataFrame:
    """The tile of every regency (kode_wilayah, kolom, baris) from the reference file."""
    frame = read_reference(TILE_FILE)
    return frame.astype({"kolom": "int64", "baris": "int64"})


def short_name(name: str) -> str:
    """'Kabupaten Brebes' -> 'Brebes'; cities keep 'Kota' so Kota Tegal and Tegal differ."""
    return name.removeprefix("Kabupaten ")


def write_layout() -> pd.DataFrame:
    """Generate the layout from wilayah.csv and write it to data/reference/petak_peta.csv."""
    layout = layout_from_coordinates(regions())
    layout.sort_values("kode_wilayah").to_csv(REFERENCE_DIR / TILE_FILE, index=False)
    return layout


if __name__ == "__main__":
    print(write_layout().pivot(index="baris", columns="kolom", values="kode_wilayah"))
