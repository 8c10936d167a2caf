"""Notes on the numbers (catatan angka): admin only, append only, audited, on the trend chart
(escaped) and from the CLI."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analytics import audit, auth, number_notes
from analytics.auth import User
from analytics.errors import NotAllowed, NumberNoteError
from analytics.figures import profile
from analytics.storage import Database

REPO = Path(__file__).resolve().parent.parent
ADMIN = User("adm", "admin")
ADMIN_PW = "sandi-admin-123"
RESIGNED = "3 anggota PPS mengundurkan diri, PAW dijadwalkan 2 Sep"


@pytest.fixture
def db(tmp_path) -> Database:
    return Database(tmp_path / "siaga.duckdb")


def run(*args, stdin: str = ""):
    return subprocess.run(
        [sys.executable, "-m", "analytics", *map(str, args)],
        cwd=REPO, input=stdin, capture_output=True, text=True, env={**os.environ},
    )  # fmt: skip


def test_add_read_and_remove(db):
    first = number_notes.add(db, ADMIN, "3327", dt.date(2024, 8, 20), f"  {RESIGNED}\n")
    second = number_notes.add(db, ADMIN, "Kabupaten Pemalang", dt.date(2024, 8, 9), "PPK lengkap")
    other = number_notes.add(db, ADMIN, "33.01", dt.date(2024, 8, 20), "Cilacap")
    found = number_notes.notes_for(db, "33.27")
    assert [(n.id, n.kode_wilayah, n.tanggal, n.teks, n.dibuat_oleh) for n in found] == [
        (second, "33.27", dt.date(2024, 8, 9), "PPK lengkap", "adm"),
        (first, "33.27", dt.date(2024, 8, 20), RESIGNED, "adm"),  # trimmed, one line
    ]
    assert [n.id for n in number_notes.notes_for(db, "33.27", until=dt.date(2024, 8, 19))] == [
        second
    ]
    assert [n.id for n in number_notes.notes_for(db)] == [second, first, other]
    before = number_notes.version(db)
    number_notes.remove(db, ADMIN, first, reason="salah tanggal")
    assert [n.id for n in number_notes.notes_for(db, "33.27")] == [second]
    assert number_notes.version(db) != before
    with db.reader() as con:  # append only: the note itself is still there
        assert con.execute("SELECT count(*) FROM number_notes").fetchone()[0] == 3


@pytest.mark.parametrize(
    ("user", "message"),
    [
        (User("op-pemalang", "operator", "33.27"),
         "Hanya admin provinsi yang dapat menambah catatan angka; akun op-pemalang berperan "
         "operator."),
        (User("peninjau", "viewer"),
         "Hanya admin provinsi yang dapat menambah catatan angka; akun peninjau berperan "
         "peninjau."),
    ],
)  # fmt: skip
def test_only_admins_write(db, user, message):
    with pytest.raises(NotAllowed) as refused:
        number_notes.add(db, user, "33.27", dt.date(2024, 8, 20), RESIGNED)
    assert str(refused.value) == message
    note_id = number_notes.add(db, ADMIN, "33.27", dt.date(2024, 8, 20), RESIGNED)
    with pytest.raises(NotAllowed, match="menghapus catatan angka"):
        number_notes.remove(db, user, note_id)
    assert len(number_notes.notes_for(db, "33.27")) == 1


@pytest.mark.parametrize(
    ("region", "text", "message"),
    [
        ("provinsi", RESIGNED,
         "Catatan angka dilekatkan pada satu kabupaten/kota, bukan pada seluruh provinsi."),
        ("33.99", RESIGNED,
         "Wilayah 33.99 tidak dikenal. Tulis kode kabupaten/kota (33.27 atau 3327), namanya, "
         "atau provinsi untuk seluruh provinsi."),
        ("33.27", " \n ", "Teks catatan wajib diisi."),
        ("33.27", "x" * 301, "Teks catatan terlalu panjang: paling banyak 300 karakter."),
    ],
)  # fmt: skip
def test_bad_input_is_refused(db, region, text, message):
    with pytest.raises(NumberNoteError) as refused:
        number_notes.add(db, ADMIN, region, dt.date(2024, 8, 20), text)
    assert str(refused.value) == message
    assert number_notes.notes_for(db) == []


def test_removing_twice_or_an_unknown_note_is_refused(db, monkeypatch):
    monkeypatch.setattr(number_notes, "_now", lambda: dt.datetime(2024, 8, 21, 3, 5))
    note_id = number_notes.add(db, ADMIN, "33.27", dt.date(2024, 8, 20), RESIGNED)
    number_notes.remove(db, ADMIN, note_id)
    with pytest.raises(NumberNoteError) as twice:
        number_notes.remove(db, ADMIN, note_id)
    assert str(twice.value) == (
        f"Catatan angka {note_id} sudah dihapus oleh adm pada 21 Agustus 2024 10.05 WIB."
    )
    with pytest.raises(NumberNoteError, match="Catatan angka 99 tidak ditemukan."):
        number_notes.remove(db, ADMIN, 99)


def test_every_change_and_refusal_is_audited(db):
    note_id = number_notes.add(db, ADMIN, "33.27", dt.date(2024, 8, 20), RESIGNED)
    with pytest.raises(NotAllowed):
        number_notes.add(db, User("op", "operator", "33.27"), "33.27", dt.date(2024, 8, 20), "x")
    number_notes.remove(db, ADMIN, note_id, reason="sudah tidak relevan")
    log = audit.entries(db).sort_values("audit_id")
    log = log.astype(object).where(log.notna(), None)
    assert [tuple(r) for r in log[["actor", "action", "outcome", "kode_wilayah", "target"]]
            .itertuples(index=False)] == [
        ("adm", "catatan_angka_tambah", "berhasil", "33.27", f"catatan angka {note_id}"),
        ("op", "catatan_angka_tambah", "ditolak", None, None),
        ("adm", "catatan_angka_hapus", "berhasil", "33.27", f"catatan angka {note_id}"),
    ]  # fmt: skip
    assert list(log["reason"])[0] == f"2024-08-20: {RESIGNED}"
    assert audit.ACTION_LABEL["catatan_angka_tambah"] == "Tambah catatan angka"
    assert {"catatan_angka_tambah", "catatan_angka_hapus"} <= set(audit.REGION_ACTIONS)


def test_trend_charts_mark_the_notes_escaped(db):
    number_notes.add(db, ADMIN, "33.27", dt.date(2024, 8, 9), "PPK <b>lengkap</b> & dilantik")
    number_notes.add(db, ADMIN, "33.27", dt.date(2024, 8, 9), "Kedua")
    number_notes.add(db, ADMIN, "33.27", dt.date(2024, 7, 1), "Sebelum grafik: tidak tampil")
    notes = number_notes.notes_for(db, "33.27")
    dates = pd.to_datetime(["2024-08-02", "2024-08-09", "2024-08-16"])
    ready = pd.DataFrame(
        {"report_date": dates, "readiness_index": [40.0, 55.0, 60.0], "median": [50.0] * 3}
    )
    fig = profile.readiness_trend(ready, "Kabupaten Pemalang", notes=notes)
    marker = fig.data[-1]
    assert marker.name == "Catatan angka"
    assert list(marker.x) == [pd.Timestamp("2024-08-09")] and list(marker.y) == [100]
    assert list(marker.customdata) == ["9 Agustus 2024"]
    assert list(marker.hovertext) == [
        "PPK &lt;b&gt;lengkap&lt;/b&gt; &amp; dilantik (adm)<br>Kedua (adm)"
    ]
    assert [s.x0 for s in fig.layout.shapes] == [pd.Timestamp("2024-08-09")]
    sworn = pd.DataFrame(
        {"report_date": dates, "badan": ["PPS"] * 3, "sworn_in_rate": [0.2, 0.5, 0.9]}
    )
    assert profile.sworn_in_trend(sworn, notes=notes).data[-1].name == "Catatan angka"
    assert [t.name for t in profile.sworn_in_trend(sworn).data] == ["PPS"]  # no notes: no marker


def test_a_long_note_wraps_in_its_hover_box(db):
    text = "Tiga anggota PPS Desa Plakaran mengundurkan diri karena pindah tugas; PAW 2 Sep"
    number_notes.add(db, ADMIN, "33.27", dt.date(2024, 8, 9), text)
    dates = pd.to_datetime(["2024-08-02", "2024-08-09"])
    ready = pd.DataFrame({"report_date": dates, "readiness_index": [1.0, 2.0], "median": [1, 2]})
    fig = profile.readiness_trend(ready, "X", notes=number_notes.notes_for(db))
    assert fig.data[-1].hovertext[0] == (
        "Tiga anggota PPS Desa Plakaran mengundurkan diri<br>karena pindah tugas; PAW 2 Sep (adm)"
    )


def test_cli_add_list_remove(tmp_path):
    path = tmp_path / "siaga.duckdb"
    auth.add_user(Database(path), "adm", "admin", ADMIN_PW)
    added = run("catatan", "add", "--region", "3327", "--date", "2024-08-20", "--text", RESIGNED,
                "--user", "adm", "--db", path, stdin=f"{ADMIN_PW}\n")  # fmt: skip
    assert (added.returncode, added.stdout) == (0, "1\n"), added.stderr
    assert added.stderr.strip() == (
        "Catatan angka 1 ditambahkan: 33.27 Kabupaten Pemalang, tanggal 20 Agustus 2024."
    )
    listed = run("catatan", "list", "--json", "--region", "33.27", "--db", path)
    rows = json.loads(listed.stdout)
    assert [(r["id"], r["kode_wilayah"], r["tanggal"], r["teks"], r["oleh"]) for r in rows] == [
        (1, "33.27", "2024-08-20", RESIGNED, "adm")
    ]
    removed = run("catatan", "remove", "1", "--reason", "salah", "--user", "adm", "--db", path,
                  stdin=f"{ADMIN_PW}\n")  # fmt: skip
    assert removed.returncode == 0, removed.stderr
    assert removed.stderr.strip() == "Catatan angka 1 dihapus (tetap tercatat di riwayat audit)."
    empty = run("catatan", "list", "--db", path)
    assert empty.stdout.strip() == "Belum ada catatan angka yang sesuai saringan ini."
    refused = run("catatan", "add", "--region", "provinsi", "--date", "2024-08-20", "--text", "x",
                  "--user", "adm", "--db", path, stdin=f"{ADMIN_PW}\n")  # fmt: skip
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "Catatan angka dilekatkan pada satu kabupaten/kota, bukan pada seluruh provinsi."
    )


def test_a_database_from_before_migration_005_reads_no_notes(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    db = Database(path)
    with db.reader() as con:  # opening brings it up to date: the tables exist, empty
        assert con.execute("SELECT count(*) FROM number_notes").fetchone()[0] == 0
    assert number_notes.notes_for(db) == [] and number_notes.version(db) == "0:0"


def test_reading_the_notes_of_a_code_outside_jawa_tengah_gives_none(tmp_path):
    """A database of another province (the national benchmark) has regencies the Jawa
    Tengah reference does not know: Profil reads their notes, and there are none."""
    db = Database(tmp_path / "siaga.duckdb")
    db.initialise()
    assert number_notes.notes_for(db, "11.01") == []
