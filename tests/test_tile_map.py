"""The tile-map layout: every regency on its own tile, roughly where it lies."""

import pandas as pd
import pytest

from analytics import reference, tile_map


@pytest.fixture(scope="module")
def placed() -> pd.DataFrame:
    """The committed layout joined to the seats of government in wilayah.csv."""
    return tile_map.tiles().merge(reference.regions(), on="kode_wilayah", validate="1:1")


def tile(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[frame["nama"] == name].iloc[0]


def test_every_regency_has_one_unique_tile(placed):
    tiles = tile_map.tiles()
    assert sorted(tiles["kode_wilayah"]) == sorted(reference.regions()["kode_wilayah"])
    assert len(tiles) == 35
    assert not tiles.duplicated(["kolom", "baris"]).any()
    assert tiles["kolom"].between(0, tile_map.COLUMNS - 1).all()
    assert tiles["baris"].between(0, tile_map.ROWS - 1).all()


@pytest.mark.parametrize(
    ("west", "east"),
    [
        ("Kabupaten Brebes", "Kabupaten Blora"),
        ("Kabupaten Cilacap", "Kabupaten Kebumen"),
        ("Kabupaten Tegal", "Kota Semarang"),
        ("Kabupaten Magelang", "Kabupaten Klaten"),
        ("Kabupaten Pati", "Kabupaten Rembang"),
    ],
)
def test_west_lies_left_of_east(placed, west, east):
    assert tile(placed, west)["kolom"] < tile(placed, east)["kolom"]


@pytest.mark.parametrize(
    ("north", "south"),
    [
        ("Kabupaten Jepara", "Kabupaten Wonogiri"),
        ("Kabupaten Brebes", "Kabupaten Cilacap"),
        ("Kota Semarang", "Kabupaten Semarang"),
        ("Kabupaten Demak", "Kabupaten Boyolali"),
    ],
)
def test_north_lies_above_south(placed, north, south):
    assert tile(placed, north)["baris"] < tile(placed, south)["baris"]


def test_order_follows_coordinates_overall(placed):
    def rank_correlation(a: pd.Series, b: pd.Series) -> float:  # Spearman, without scipy
        return a.rank().corr(b.rank())

    west_east = rank_correlation(placed["kolom"], placed["bujur"])
    north_south = rank_correlation(placed["baris"], -placed["lintang"])
    assert west_east > 0.95
    assert north_south > 0.85


def test_layout_from_coordinates_puts_corners_in_corners():
    places = pd.DataFrame(
        {
            "kode_wilayah": ["NW", "NE", "SW", "SE"],
            "lintang": [-6.5, -6.5, -7.5, -7.5],
            "bujur": [109.0, 111.0, 109.0, 111.0],
        }
    )
    layout = tile_map.layout_from_coordinates(places, columns=3, rows=2).set_index("kode_wilayah")
    assert layout.loc["NW"].tolist() == [0, 0]
    assert layout.loc["NE"].tolist() == [2, 0]
    assert layout.loc["SW"].tolist() == [0, 1]
    assert layout.loc["SE"].tolist() == [2, 1]


def test_layout_from_coordinates_separates_places_on_the_same_spot():
    places = pd.DataFrame(
        {"kode_wilayah": ["A", "B", "C"], "lintang": [-7.0] * 3, "bujur": [110.0] * 3}
    )
    layout = tile_map.layout_from_coordinates(places, columns=2, rows=2)
    assert not layout.duplicated(["kolom", "baris"]).any()


def test_layout_from_coordinates_refuses_too_small_a_grid():
    places = reference.regions()
    with pytest.raises(ValueError, match="35 places do not fit a 5x5 grid"):
        tile_map.layout_from_coordinates(places, columns=5, rows=5)


def test_generated_layout_of_the_province_is_unique():
    layout = tile_map.layout_from_coordinates(reference.regions())
    assert len(layout) == 35
    assert not layout.duplicated(["kolom", "baris"]).any()


@pytest.mark.parametrize(
    ("name", "short"),
    [("Kabupaten Brebes", "Brebes"), ("Kota Tegal", "Kota Tegal"), ("Kabupaten Tegal", "Tegal")],
)
def test_short_name_keeps_cities_apart(name, short):
    assert tile_map.short_name(name) == short
