"""`python -m analytics risk`: listing, JSON keys, backtest, exit codes (0 ok, 2 usage)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from analytics import cli
from analytics.storage import Database
from tests.test_risk import FRIDAYS, checklist

JSON_KEYS = [
    "kode_wilayah", "nama_wilayah", "komponen", "label", "batas_waktu", "capaian",
    "proyeksi_awal", "proyeksi_akhir", "hari_terlambat", "alasan",
]  # fmt: skip


@pytest.fixture
def db_path(tmp_path):
    """Kota Magelang, four Fridays: PC04 belum then proses on 16 Aug (due 20 Aug), PC07
    belum throughout, the items due later done or not applicable."""
    db = Database(tmp_path / "siaga.duckdb")
    for week, pc04 in zip(FRIDAYS, ["belum", "belum", "belum", "proses"], strict=True):
        statuses = {f"PC{i:02d}": "tidak_berlaku" for i in range(1, 12)}
        statuses.update({"PC04": pc04, "PC07": "belum"})
        checklist(db, "33.71", week, statuses)
    return db.path


def risk(*args) -> int:
    return cli.main(["risk", *map(str, args)])


def test_json_lists_every_flag_with_its_keys(db_path, capsys):
    assert risk("--db", db_path, "--as-of", "2024-08-16", "--json") == 0
    flags = json.loads(capsys.readouterr().out)
    assert [list(f) for f in flags] == [JSON_KEYS, JSON_KEYS]
    # No progress first, then projections (same deadline).
    assert [(f["komponen"], f["alasan"]) for f in flags] == [
        ("item:PC07", "tanpa_kemajuan"),
        ("item:PC04", "proyeksi"),
    ]
    pc04 = flags[1]
    # The shipped [risk] settings: a proses item is worth 0,5; fastest pace .5 in a week.
    assert (pc04["batas_waktu"], pc04["proyeksi_awal"], pc04["proyeksi_akhir"]) == (
        "2024-08-20",
        "2024-08-23",
        "2024-09-06",
    )
    assert (pc04["capaian"], pc04["hari_terlambat"], pc04["nama_wilayah"]) == (
        0.5,
        3,
        "Kota Magelang",
    )


def test_default_date_is_the_latest_data(db_path, capsys):
    assert risk("--db", db_path) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2 komponen berisiko per 16 Agustus 2024 (paling mendesak lebih dulu):"
    assert out[1] == (
        "33.71 Kota Magelang · PC07 Rumah sakit pemeriksaan kesehatan ditetapkan (rekomendasi "
        "dinas kesehatan, survei, SK): belum — tidak ada kemajuan dalam minggu-minggu terakhir, "
        "batas 20 Agustus 2024"
    )
    assert out[2].endswith(
        "proses — perkiraan selesai 23 Agustus – 6 September 2024, batas 20 Agustus 2024 "
        "(3–17 hari terlambat)"
    )


def test_nothing_to_say(db_path, capsys):
    assert risk("--db", db_path, "--as-of", "2024-08-02") == 0
    assert capsys.readouterr().out == "Tidak ada komponen berisiko per 2 Agustus 2024.\n"
    assert risk("--db", db_path, "--as-of", "2024-08-02", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_backtest_json_and_text(db_path, capsys):
    assert risk("--db", db_path, "--backtest", "--json") == 0
    result = json.loads(capsys.readouterr().out)
    assert list(result) == ["minggu", "total", "per_jenis"]
    assert [w["minggu"] for w in result["minggu"]] == [d.isoformat() for d in FRIDAYS]
    assert result["minggu"][-1] == {
        "minggu": "2024-08-16", "ditandai": 2, "terbukti_terlambat": 0, "tepat_waktu": 0,
    }  # fmt: skip
    # No upload after the deadlines: nothing judged yet.
    assert result["total"]["komponen_dinilai"] == 0
    assert list(result["per_jenis"]) == ["badan", "bimtek", "item"]
    assert risk("--db", db_path, "--backtest") == 0
    text = capsys.readouterr().out.splitlines()
    assert text[0] == "Uji mundur peringatan dini pada riwayat data, per minggu:"
    assert text[4] == "16 Agustus 2024: 2 ditandai, 0 terbukti terlambat, 0 ternyata tepat waktu"


def test_bad_date_is_a_usage_error(db_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        risk("--db", db_path, "--as-of", "16-08-2024")
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "kesalahan: argument --as-of: Tanggal data 16-08-2024 tidak valid. Tulis sebagai "
        "TTTT-BB-HH, misalnya 2024-08-15."
    )


def test_missing_database_is_a_usage_error(tmp_path, capsys):
    assert risk("--db", tmp_path / "tidak-ada.duckdb") == 2
    assert capsys.readouterr().err.strip() == (
        f"Basis data {tmp_path / 'tidak-ada.duckdb'} tidak ditemukan."
    )


def test_help_documents_every_option(capsys):
    with pytest.raises(SystemExit):
        cli.main(["risk", "--help"])
    out = capsys.readouterr().out
    for option in ("--db", "--as-of", "--json", "--backtest"):
        assert option in out


def test_flags_match_the_library(db_path, capsys):
    from analytics import risk as risk_module

    assert risk("--db", db_path, "--as-of", "2024-08-16", "--json") == 0
    printed = json.loads(capsys.readouterr().out)
    library = risk_module.flags(Database(db_path), dt.date(2024, 8, 16))
    assert printed == [f.as_dict() for f in library]


def test_empty_database_has_nothing_to_say(tmp_path, capsys):
    db = Database(tmp_path / "kosong.duckdb")
    db.initialise()
    assert risk("--db", db.path, "--as-of", "2024-08-16") == 0
    assert capsys.readouterr().out == "Tidak ada komponen berisiko per 16 Agustus 2024.\n"
    assert risk("--db", db.path, "--backtest", "--json") == 0
    result = json.loads(capsys.readouterr().out)
    assert result["minggu"] == [] and result["total"]["ditandai"] == 0
    assert list(result["per_jenis"]) == ["badan", "bimtek", "item"]
