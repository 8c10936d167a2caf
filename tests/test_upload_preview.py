"""What an upload would change, against the version in force (numbers worked out by hand)."""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analytics.auth import User
from analytics.ingest import check_upload, ingest_bytes
from analytics.storage import Database
from analytics.views import upload as view

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "indikator"
AUG_1 = (FIXTURES / "badan_adhoc_3371_2024-08-01.csv").read_bytes()
AUG_15 = (FIXTURES / "badan_adhoc_3371_2024-08-15.csv").read_bytes()
ADMIN = User("adm", "admin")


@pytest.fixture
def db(tmp_path) -> Database:
    database = Database(tmp_path / "siaga.duckdb")
    assert ingest_bytes(database, "badan_adhoc", AUG_1, dt.date(2024, 8, 1), "uji").accepted
    return database


def preview(db, data, as_of, dataset="badan_adhoc"):
    check = check_upload(db, ADMIN, dataset, data, as_of, "f.csv")
    assert check.verdict.ok, check.verdict.issues
    return check.preview


def total(result, body, measure) -> tuple[int, int]:
    frame = result.totals
    row = frame[(frame["badan"] == body) & (frame["measure"] == measure)].iloc[0]
    return int(row.before), int(row.after)


def test_units_and_totals_against_the_version_in_force(db):
    # 1 Aug: 5 units; 15 Aug adds PPS Magersari and fills Magelang Utara (PPK) and
    # Jurangombo Utara (PPS) completely.
    result = preview(db, AUG_15, dt.date(2024, 8, 15))
    region = result.regions.iloc[0]
    assert (region.kode_wilayah, region.current_version_id) == ("33.71", 1)
    counts = [int(region[c]) for c in ("units_current_count", "units_new_count",
              "units_added_count", "units_removed_count", "units_changed_count",
              "units_unchanged_count")]  # fmt: skip
    assert counts == [5, 6, 1, 0, 2, 3]
    assert not region.is_partial and pd.isna(region.newer_as_of)
    assert total(result, "PPK", "terisi") == (14, 15)
    assert total(result, "PPK", "dilantik") == (14, 15)
    assert total(result, "PPS", "unit") == (2, 3)
    assert total(result, "PPS", "kebutuhan") == (6, 9)
    assert total(result, "PPS", "terisi") == (5, 9)
    assert total(result, "PPS", "dilantik") == (5, 6)
    assert total(result, "PPS", "perempuan") == (2, 4)
    units = view.units_table(result)
    assert units.values.tolist() == [
        ["33.71", "berubah", "PPK · Magelang Utara · – · –", "terisi 4 → 5; dilantik 4 → 5"],
        ["33.71", "berubah", "PPS · Magelang Selatan · Jurangombo Utara · –",
         "terisi 2 → 3; dilantik 2 → 3"],
        ["33.71", "ditambah", "PPS · Magelang Selatan · Magersari · –", ""],
    ]  # fmt: skip
    table = view.totals_table(result).set_index("Badan")
    assert table.loc["PPS", ["Unit (baris)", "terisi", "pengganti"]].tolist() == [
        "2 → 3 (+1)", "5 → 9 (+4)", "0 (tetap)",
    ]  # fmt: skip


def test_far_fewer_units_warns_of_a_partial_file(db):
    header, *rows = AUG_1.decode().strip().split("\n")
    two = "\n".join([header, *rows[:2]]).encode()  # 2 of 5 units: fewer than half
    result = preview(db, two, dt.date(2024, 8, 15))
    assert result.partial_regions["kode_wilayah"].tolist() == ["33.71"]
    assert int(result.regions.iloc[0].units_removed_count) == 3
    assert view.preview_notices(result, "badan_adhoc")[0] == (
        "warning",
        "33.71 Kota Magelang: berkas ini hanya memuat 2 unit, padahal data yang berlaku "
        "sekarang 5 unit. Apakah berkasnya lengkap? Unggahan menggantikan SELURUH data "
        "kabupaten/kota ini per tanggal data; unit yang tidak ada di berkas akan hilang dari "
        "dasbor.",
    )
    three = "\n".join([header, *rows[:3]]).encode()  # 3 of 5: not fewer than half
    assert preview(db, three, dt.date(2024, 8, 15)).partial_regions.empty


def test_older_date_is_compared_with_what_was_in_force_then(db):
    ingest_bytes(db, "badan_adhoc", AUG_15, dt.date(2024, 8, 15), "uji")
    result = preview(db, AUG_15, dt.date(2024, 8, 10))
    region = result.regions.iloc[0]
    assert int(region.current_version_id) == 1  # the 1 August version, not the 15 August one
    assert region.newer_as_of == pd.Timestamp("2024-08-15")
    assert any("sudah ada data yang lebih baru (per 15 Agustus 2024)" in text
               for _, text in view.preview_notices(result, "badan_adhoc"))  # fmt: skip


def test_regency_without_data_shows_no_before(db):
    file = AUG_1 + b"33.73;PPK;Sidorejo;;;5;9;5;4;1;0\n"
    result = preview(db, file, dt.date(2024, 8, 15))
    salatiga = result.regions.set_index("kode_wilayah").loc["33.73"]
    assert pd.isna(salatiga.current_version_id)
    assert (int(salatiga.units_current_count), int(salatiga.units_added_count)) == (0, 1)
    totals = view.totals_table(result).set_index("Kode")
    assert totals.loc["33.73", "dilantik"] == "baru: 4"
    changes = view.region_changes_table(result).set_index("Kode")
    assert changes.loc["33.73", "Menggantikan"] == "belum ada data"
    assert changes.loc["33.71", "Menggantikan"] == "versi 1 (data per 1 Agustus 2024)"


def test_bimtek_activities_pair_by_body_module_and_start(db):
    bimtek = (FIXTURES / "bimtek_3371_2024-08-01.csv").read_bytes()
    ingest_bytes(db, "bimtek", bimtek, dt.date(2024, 8, 1), "uji")
    changed = bimtek.replace(
        b"M03;2024-06-10;2024-06-11;luring;5;5;5;", b"M03;2024-06-10;2024-06-11;luring;5;5;4;"
    )
    result = preview(db, changed, dt.date(2024, 8, 8), "bimtek")
    assert view.units_table(result).values.tolist() == [
        ["33.71", "berubah", "PPK · M03 · 2024-06-10", "peserta_tuntas 5 → 4"]
    ]
    assert total(result, "PPK", "peserta_tuntas") == (41, 40)  # 15 + 12 + 9 + 5 before
    assert total(result, "PPS", "peserta_tuntas") == (6, 6)


def test_checklist_counts_items_per_status(db):
    checklist = (FIXTURES / "persiapan_pencalonan_3371_2024-08-20.csv").read_bytes()
    result = preview(db, checklist, dt.date(2024, 8, 20), "persiapan_pencalonan")
    after = result.totals.set_index("measure")["after"].astype(int).to_dict()
    assert after == {
        "unit": 6, "status belum": 1, "status proses": 1, "status selesai": 3,
        "status tidak_berlaku": 1,
    }  # fmt: skip


def test_same_content_for_a_new_date_says_nothing_changes(db):
    result = preview(db, AUG_1, dt.date(2024, 8, 8))
    assert view.preview_notices(result, "badan_adhoc") == [
        ("info", "Isi berkas sama persis dengan data yang berlaku. Menyimpannya mencatat bahwa "
         "keadaan masih sama per 8 Agustus 2024 (laporan tepat waktu).")
    ]  # fmt: skip
    assert view.region_changes_table(result).iloc[0]["Tetap"] == "5"


def test_a_unit_written_another_way_is_the_same_unit_changed_not_removed_and_added(db):
    # AUG_1 with Magelang Utara written as its code and in capitals: same official units.
    text = AUG_1.decode("utf-8-sig")
    respelled = text.replace("Magelang Utara", "MAGELANG UTARA").replace(
        "Jurangombo Utara", "33.71.01.1008"
    )
    assert respelled != text
    result = preview(db, respelled.encode(), dt.date(2024, 8, 15))
    region = result.regions.iloc[0]
    assert [int(region[c]) for c in ("units_added_count", "units_removed_count")] == [0, 0]
    changed = view.units_table(result).values.tolist()
    assert ["33.71", "berubah", "PPK · MAGELANG UTARA · – · –",
            "kecamatan Magelang Utara → MAGELANG UTARA"] in changed  # fmt: skip
    assert any("desa_kelurahan Jurangombo Utara → 33.71.01.1008" in r[3] for r in changed)
