"""Official units of one regency (region_units.sql, views/units.py) and coverage counted
by official unit (badan_by_region.sql, region_kecamatan.sql), worked out by hand from a
tiny store of Kota Magelang (33.71: 3 kecamatan, 17 kelurahan).

The store is written directly with SQL, rows carrying the official codes the upload
matching gives them, plus legacy rows without codes and one unit reported twice.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from analytics import indicators, region_detail
from analytics.storage import Database
from analytics.views import units

D = dt.date
AS_OF = D(2024, 8, 20)
ROW_COLUMNS = (
    "badan", "kecamatan", "desa_kelurahan", "tps", "kebutuhan", "terisi", "dilantik",
    "kode_kecamatan", "kode_desa_kelurahan",
)  # fmt: skip
# (badan, kecamatan as typed, desa/kelurahan as typed, tps, kebutuhan, terisi, dilantik,
#  official kecamatan code, official desa/kelurahan code)
MAGELANG_ROWS = [
    ("PPK", "Magelang Selatan", None, None, 5, 5, 5, "33.71.01", None),  # lengkap
    ("PPK", "Magelang Utara", None, None, 5, 4, 4, "33.71.02", None),  # kekurangan anggota
    ("PPK", "Kec. Mgl Tengah (lama)", None, None, 5, 5, 5, None, None),  # legacy: no code
    ("PPS", "Magelang Selatan", "Magersari", None, 3, 3, 3, "33.71.01", "33.71.01.1007"),
    ("PPS", "Magelang Selatan", "Jurangombo Utara", None, 3, 3, 1, "33.71.01", "33.71.01.1008"),
    ("PPS", "Magelang Utara", "Wates", None, 3, 3, 3, "33.71.02", "33.71.02.1003"),
    ("PPS", "Magelang Utara", "Ds. Wates", None, 3, 3, 3, "33.71.02", "33.71.02.1003"),  # twice
    ("PPS", "Magelang Tengah", "Kemirirejo", None, 3, 2, 2, "33.71.03", "33.71.03.1001"),
    ("PPS", "Mgl Tengah", "Panjang lama", None, 3, 3, 3, None, None),  # legacy: no codes
    ("PPS", "Magelang Tengah", "Gelangan lama", None, 3, 3, 3, "33.71.03", None),  # no desa
    ("PANTARLIH", "Magelang Selatan", "Magersari", "001", 1, 1, 1, "33.71.01", "33.71.01.1007"),
    ("PANTARLIH", "Magelang Selatan", "Magersari", "002", 2, 2, 2, "33.71.01", "33.71.01.1007"),
    ("PANTARLIH", "Magelang Tengah", "Cacaban", "001", 1, 1, 0, "33.71.03", "33.71.03.1002"),
]


def store_badan(db: Database, region: str, as_of: dt.date, rows: list[tuple]) -> int:
    """One badan_adhoc version of ``region`` as of ``as_of`` holding ``rows`` (as
    ROW_COLUMNS), written straight into the store as an upload stores it; returns its id."""
    frame = pd.DataFrame(rows, columns=ROW_COLUMNS)
    frame.insert(0, "kode_wilayah", region)
    frame["perempuan"] = 0
    with db.writer() as con:
        number = con.execute("SELECT coalesce(max(version_id), 0) + 1 FROM versions").fetchall()
        number = number[0][0]
        con.execute(
            "INSERT INTO uploads VALUES (?, 'badan_adhoc', ?, 'badan_adhoc.csv', 1, 'csv', "
            "'uji', ?, ?, ?, false)",
            [number, f"sha{number}", dt.datetime(2024, 8, 1, 9), as_of, len(frame)],
        )
        con.execute(
            "INSERT INTO versions (version_id, upload_id, dataset, kode_wilayah, as_of, "
            "row_count, warning_count) VALUES (?, ?, 'badan_adhoc', ?, ?, ?, 0)",
            [number, number, region, as_of, len(frame)],
        )
        frame.insert(0, "line", range(2, len(frame) + 2))
        frame.insert(0, "version_id", number)
        con.register("_rows", frame)
        columns = ", ".join(frame.columns)
        con.execute(f"INSERT INTO badan_adhoc_rows ({columns}) SELECT {columns} FROM _rows")
        con.unregister("_rows")
        con.execute(
            "INSERT OR REPLACE INTO meta SELECT 'data_version', 'uji-' || CAST(? AS VARCHAR)",
            [number],
        )
    return number


def magelang_db(path) -> Database:
    """Kota Magelang reports MAGELANG_ROWS as of 1 August 2024; no other regency reports."""
    db = Database(path)
    db.initialise()
    store_badan(db, "33.71", D(2024, 8, 1), MAGELANG_ROWS)
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Database:
    return magelang_db(tmp_path_factory.mktemp("units") / "siaga.duckdb")


@pytest.fixture(scope="module")
def frame(db) -> pd.DataFrame:
    return region_detail.region_units(db, "33.71", AS_OF)


def statuses(frame: pd.DataFrame, body: str) -> dict[str, str]:
    rows = frame[frame["badan"] == body]
    names = rows["nama_desa_kelurahan"].fillna(rows["nama_kecamatan"])
    return dict(zip(names, rows["status"], strict=True))


def test_one_row_per_official_unit_and_body(frame):
    assert frame.groupby("badan").size().to_dict() == {
        "PPK": 3, "PPS": 17, "PANTARLIH": 17, "KPPS": 17,
    }  # fmt: skip
    assert not frame.duplicated(["badan", "kode_unit"]).any()
    assert frame["is_reported"].all()


def test_ppk_per_official_kecamatan(frame):
    assert statuses(frame, "PPK") == {
        "Magelang Selatan": "lengkap",
        "Magelang Tengah": "belum_ada_baris",  # only a legacy row without a code
        "Magelang Utara": "kekurangan_anggota",
    }
    utara = frame[(frame.badan == "PPK") & (frame.kode_unit == "33.71.02")].iloc[0]
    assert (utara.kebutuhan, utara.terisi, utara.dilantik, utara.vacancy_count) == (5, 4, 4, 1)


def test_pps_per_official_kelurahan(frame):
    shown = statuses(frame, "PPS")
    assert {k: v for k, v in shown.items() if v != "belum_ada_baris"} == {
        "Jurangombo Utara": "belum_dilantik",  # 1 of 3 sworn in
        "Kemirirejo": "kekurangan_anggota",  # 2 of 3 appointed
        "Magersari": "lengkap",
        "Wates": "lengkap",
    }
    assert sum(v == "belum_ada_baris" for v in shown.values()) == 13
    wates = frame[(frame.badan == "PPS") & (frame.kode_unit == "33.71.02.1003")].iloc[0]
    assert (wates.row_count, wates.kebutuhan, wates.terisi) == (2, 6, 6)  # reported twice
    pps = frame[frame.badan == "PPS"]
    assert set(pps["unmatched_row_count"]) == {2}  # no codes; a kecamatan code only
    assert set(pps["body_row_count"]) == {7}


def test_tps_bodies_summed_per_kelurahan(frame):
    shown = statuses(frame, "PANTARLIH")
    assert shown["Magersari"] == "lengkap"
    assert shown["Cacaban"] == "belum_dilantik"
    assert sum(v == "belum_ada_baris_tps" for v in shown.values()) == 15
    magersari = frame[(frame.badan == "PANTARLIH") & (frame.kode_unit == "33.71.01.1007")]
    assert magersari[["tps_count", "kebutuhan", "terisi", "dilantik"]].values.tolist() == [
        [2, 3, 3, 3]
    ]
    assert set(statuses(frame, "KPPS").values()) == {"belum_ada_baris_tps"}


def test_coverage_counts_distinct_official_units(db):
    badan = indicators.compute(db, AS_OF).badan
    own = badan[badan.kode_wilayah == "33.71"].set_index("badan")
    # PPK: Selatan and Utara (the legacy Tengah row has no code); PPS: Magersari,
    # Jurangombo Utara, Wates (two rows, one unit), Kemirirejo; Pantarlih: rows vs TPS.
    assert own.loc["PPK", ["units_reported_count", "units_expected_count"]].tolist() == [2, 3]
    assert own.loc["PPS", ["units_reported_count", "units_expected_count"]].tolist() == [4, 17]
    assert own.loc["PANTARLIH", ["units_reported_count", "units_expected_count"]].tolist() == [
        3,
        180,
    ]
    assert own.loc["KPPS", "units_reported_count"] == 0
    assert own.loc["PPS", "coverage_rate"] == pytest.approx(4 / 17)
    # The seats still add up every row reported, legacy rows included.
    assert own.loc["PPS", "kebutuhan"] == 21


def test_region_kecamatan_uses_official_kecamatan(db):
    gaps = region_detail.kecamatan_gaps(db, "33.71", AS_OF)
    rows = gaps[["kecamatan", "badan", "units_reported_count", "gap_count"]]
    assert rows.astype(object).where(rows.notna(), None).values.tolist() == [
        ["Magelang Selatan", "PPS", 2, 2],
        ["Magelang Tengah", "PANTARLIH", 1, 1],  # 0 of 1 sworn in
        ["Magelang Tengah", "PPS", 1, 1],  # Kemirirejo; the legacy rows count nowhere
        ["Magelang Utara", "PPK", 1, 1],
        ["Magelang Tengah", "PPK", 0, None],
        ["Magelang Utara", "PANTARLIH", 0, None],
    ]


def test_bodies_shown_are_reported_or_due(frame):
    assert units.shown_bodies(frame, AS_OF) == ["PPK", "PPS", "PANTARLIH"]
    assert units.shown_bodies(frame, D(2024, 11, 7)) == ["PPK", "PPS", "PANTARLIH", "KPPS"]
    assert units.shown_bodies(frame, AS_OF, "KPPS") == []
    assert units.waiting_sentence(["KPPS"], AS_OF) == (
        "Belum dinilai per 20 Agustus 2024 karena belum ada baris: KPPS (pelantikan jatuh "
        "tempo 7 November 2024)."
    )
    assert units.waiting_sentence([], AS_OF) is None


def test_summary_lines(frame):
    assert units.summary_lines(frame, ["PPK", "PPS", "PANTARLIH"]) == [
        "**PPK**: 1 dari 3 kecamatan belum ada baris PPK; 1 kekurangan anggota, 1 lengkap. "
        "1 baris PPK tanpa kode unit resmi tidak dihitung.",
        "**PPS**: 13 dari 17 desa/kelurahan belum ada baris PPS; 1 kekurangan anggota, "
        "1 belum dilantik, 2 lengkap. 2 baris PPS tanpa kode unit resmi tidak dihitung.",
        "**Pantarlih**: 15 dari 17 desa/kelurahan belum ada baris TPS Pantarlih; "
        "3 TPS dilaporkan, 1 belum dilantik, 1 lengkap.",
    ]


def test_problem_units_grouped_by_kecamatan(frame):
    groups = units.problem_groups(frame, ["PPK", "PPS", "PANTARLIH"])
    assert [(g.nama_kecamatan, g.problem_count, g.counts_text) for g in groups] == [
        ("Magelang Selatan", 10, "4 belum ada baris, 5 belum ada baris TPS, 1 belum dilantik"),
        (
            "Magelang Tengah",
            13,
            "6 belum ada baris, 5 belum ada baris TPS, 1 kekurangan anggota, 1 belum dilantik",
        ),
        ("Magelang Utara", 10, "4 belum ada baris, 5 belum ada baris TPS, 1 kekurangan anggota"),
    ]
    tengah = {entry.heading: entry.units for entry in groups[1].entries}
    assert tengah == {
        "PPK · belum ada baris": ("Kecamatan Magelang Tengah",),
        "PPS · belum ada baris": ("Cacaban", "Gelangan", "Magelang", "Panjang", "Rejowinangun Utara"),
        "PPS · kekurangan anggota": ("Kemirirejo (terisi 2 dari 3)",),
        "Pantarlih · belum ada baris TPS": (
            "Gelangan", "Kemirirejo", "Magelang", "Panjang", "Rejowinangun Utara",
        ),
        "Pantarlih · belum dilantik": ("Cacaban (1 TPS, dilantik 0 dari 1)",),
    }  # fmt: skip
    selatan = {entry.heading: entry.units for entry in groups[0].entries}
    assert selatan["PPS · belum dilantik"] == ("Jurangombo Utara (dilantik 1 dari 3)",)
    utara = {entry.heading: entry.units for entry in groups[2].entries}
    assert utara["PPK · kekurangan anggota"] == ("Kecamatan Magelang Utara (terisi 4 dari 5)",)
    assert "Wates" not in utara["PPS · belum ada baris"]  # lengkap (reported twice)
    # One body only (the Badan Ad Hoc page's tab).
    only_pps = units.problem_groups(frame, ["PPS"])
    assert [g.counts_text for g in only_pps] == [
        "4 belum ada baris, 1 belum dilantik",
        "5 belum ada baris, 1 kekurangan anggota",
        "4 belum ada baris",
    ]


def test_kecamatan_drill_down(frame):
    bodies = ["PPK", "PPS", "PANTARLIH"]
    assert units.kecamatan_choices(frame, bodies) == {
        "33.71.01": ("Magelang Selatan", "Magelang Selatan (10 belum lengkap)"),
        "33.71.03": ("Magelang Tengah", "Magelang Tengah (13 belum lengkap)"),
        "33.71.02": ("Magelang Utara", "Magelang Utara (10 belum lengkap)"),
    }
    table = units.kecamatan_detail(frame, bodies, "33.71.02")
    assert list(table.columns) == [
        "Unit", "Badan", "Status", "TPS", "Kebutuhan", "Terisi", "Dilantik",
    ]  # fmt: skip
    assert table.values.tolist()[:6] == [
        ["Kecamatan Magelang Utara", "PPK", "kekurangan anggota", "-", "5", "4", "4"],
        ["Kedungsari", "PPS", "belum ada baris", "-", "-", "-", "-"],
        ["Kramat Selatan", "PPS", "belum ada baris", "-", "-", "-", "-"],
        ["Kramat Utara", "PPS", "belum ada baris", "-", "-", "-", "-"],
        ["Potrobangsan", "PPS", "belum ada baris", "-", "-", "-", "-"],
        ["Wates", "PPS", "lengkap", "-", "6", "6", "6"],
    ]
    assert len(table) == 11  # 1 kecamatan (PPK) + 5 kelurahan x (PPS, Pantarlih)
    assert table.iloc[-1].tolist() == [
        "Wates",
        "Pantarlih",
        "belum ada baris TPS",
        "0",
        "-",
        "-",
        "-",
    ]
    assert "TPS" not in units.kecamatan_detail(frame, ["PPK"], "33.71.02").columns


def test_problem_export_csv_and_xlsx(frame):
    export = units.problem_export(frame, ["PPK", "PPS", "PANTARLIH"])
    assert len(export) == 33  # 2 PPK + 15 PPS + 16 Pantarlih units not complete
    text = units.export_csv(export).decode("utf-8-sig").splitlines()
    assert text[0] == (
        "Kode kecamatan;Kecamatan;Kode desa/kelurahan;Desa/kelurahan;Badan;Status;"
        "TPS dilaporkan;Kebutuhan;Terisi;Dilantik;Kosong;Belum dilantik"
    )
    assert (
        "33.71.01;Magelang Selatan;33.71.01.1008;Jurangombo Utara;PPS;belum dilantik;;3;3;1;0;2"
        in text
    )
    assert "33.71.03;Magelang Tengah;;;PPK;belum ada baris;;;;;;" in text  # empty, never 0
    book = load_workbook(io.BytesIO(units.export_xlsx(export, "Kota Magelang", AS_OF, False)))
    sheet = book["Unit belum lengkap"]
    assert sheet.max_row == 34
    assert [c.value for c in sheet[2]][:6] == [
        "33.71.01", "Magelang Selatan", "33.71.01.1009", "Jurangombo Selatan", "PPS",
        "belum ada baris",
    ]  # fmt: skip
    assert units.file_name("33.71", "PPS", AS_OF, "csv") == (
        "siaga_unit_belum_lengkap_3371_pps_2024-08-20.csv"
    )
    assert units.file_name("33.71", None, AS_OF, "xlsx").endswith("_3371_semua_2024-08-20.xlsx")


def test_a_name_like_a_formula_stays_text(tmp_path):
    db = magelang_db(tmp_path / "siaga.duckdb")
    with db.writer() as con:  # as if the official list held such a name
        con.execute(
            'UPDATE ref_wilayah_administrasi SET nama = \'=HYPERLINK("http://x","Tidar")\' '
            "WHERE kode = '33.71.01.1010'"
        )
    export = units.problem_export(region_detail.region_units(db, "33.71", AS_OF), ["PPS"])
    text = units.export_csv(export).decode("utf-8-sig")
    assert ';"\'=HYPERLINK(""http://x"",""Tidar"")";PPS;' in text  # quoted: it holds quotes
    book = load_workbook(io.BytesIO(units.export_xlsx(export, "Kota Magelang", AS_OF, False)))
    cell = next(c for row in book.active.iter_rows() for c in row if c.value and "HYPER" in c.value)
    assert cell.data_type == "s" and cell.quotePrefix


def test_version_in_force_and_not_reported(db, tmp_path):
    assert not units.is_reported(region_detail.region_units(db, "33.71", D(2024, 7, 31)))
    salatiga = region_detail.region_units(db, "33.73", AS_OF)
    assert not units.is_reported(salatiga)
    assert set(salatiga["status"]) == {"belum_lapor"}
    assert len(salatiga) == 4 + 3 * 23  # 4 kecamatan (PPK), 23 desa/kelurahan x 3 bodies
    # A later version replaces the units from its own date on only.
    later = magelang_db(tmp_path / "later.duckdb")
    store_badan(later, "33.71", D(2024, 9, 1), [
        ("PPK", "Magelang Tengah", None, None, 5, 5, 5, "33.71.03", None),
    ])  # fmt: skip
    assert statuses(region_detail.region_units(later, "33.71", AS_OF), "PPK")[
        "Magelang Tengah"
    ] == ("belum_ada_baris")
    september = region_detail.region_units(later, "33.71", D(2024, 9, 1))
    assert statuses(september, "PPK") == {
        "Magelang Selatan": "belum_ada_baris",
        "Magelang Tengah": "lengkap",
        "Magelang Utara": "belum_ada_baris",
    }
    assert set(september.loc[september.badan == "PPS", "status"]) == {"belum_ada_baris"}
