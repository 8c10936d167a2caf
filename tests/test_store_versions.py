"""One upload covering several regencies: one version each, numbered in code order, with
its own rows (the versions are written in one statement since the ingest benchmark)."""

import datetime as dt

import pytest

from analytics.ingest import ingest_bytes
from analytics.storage import Database

HEADER = "kode_wilayah,badan,kecamatan,desa_kelurahan,tps,kebutuhan,pendaftar,terisi,dilantik,perempuan,pengganti\n"  # noqa: E501
# Surakarta (33.72) first in the file: the version numbers still follow the codes.
ROWS = (
    "33.72,PPK,Laweyan,,,5,20,5,5,2,0\n"
    "33.72,PPK,Serengan,,,5,18,5,5,3,0\n"
    "33.71,PPK,Magelang Selatan,,,5,12,5,5,1,0\n"
    "33.01,PPK,Kedungreja,,,5,9,5,4,2,0\n"
)


@pytest.fixture
def db(tmp_path) -> Database:
    database = Database(tmp_path / "siaga.duckdb")
    database.initialise()
    return database


def test_three_regencies_give_three_versions_in_code_order_each_with_its_rows(db):
    data = (HEADER + ROWS).encode()
    outcome = ingest_bytes(db, "badan_adhoc", data, dt.date(2024, 8, 15), "uji", "tiga.csv")
    stored = outcome.stored
    assert outcome.accepted and stored.regions == ["33.01", "33.71", "33.72"]
    assert stored.version_ids == [1, 2, 3]
    with db.reader() as con:
        versions = con.execute(
            "SELECT version_id, kode_wilayah, row_count, warning_count, upload_id, as_of "
            "FROM versions ORDER BY version_id"
        ).fetchall()
        rows = con.execute(
            "SELECT version_id, line, kecamatan, kode_kecamatan FROM badan_adhoc_rows ORDER BY line"
        ).fetchall()
    upload = stored.upload_id
    day = dt.date(2024, 8, 15)
    # Every regency has fewer PPK rows than kecamatan: a warning each, without a line, so
    # all three are counted on the first version.
    assert [v[:4] for v in versions] == [(1, "33.01", 1, 3), (2, "33.71", 1, 0), (3, "33.72", 2, 0)]
    assert {(v[4], v[5]) for v in versions} == {(upload, day)}
    assert rows == [
        (3, 2, "Laweyan", "33.72.01"),
        (3, 3, "Serengan", "33.72.02"),
        (2, 4, "Magelang Selatan", "33.71.01"),
        (1, 5, "Kedungreja", "33.01.01"),
    ]


def test_the_next_upload_numbers_on_from_the_last_version(db):
    first = ingest_bytes(db, "badan_adhoc", (HEADER + ROWS).encode(), dt.date(2024, 8, 15), "uji")
    later = (HEADER + ROWS.replace(",20,", ",21,")).encode()
    second = ingest_bytes(db, "badan_adhoc", later, dt.date(2024, 8, 22), "uji")
    assert first.stored.version_ids == [1, 2, 3]
    assert second.stored.version_ids == [4, 5, 6]
