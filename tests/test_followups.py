"""Follow-ups (tindak lanjut, issue 13): stored, versioned, scoped by role, audited, scriptable."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analytics import audit, auth, followups
from analytics.auth import User
from analytics.errors import FollowupError, NotAllowed
from analytics.storage import Database

REPO = Path(__file__).resolve().parent.parent
ADMIN_PW, OP_PW, OTHER_PW, VIEWER_PW = (
    "sandi-admin-123", "sandi-pemalang-1", "sandi-cilacap-1", "sandi-peninjau-1",
)  # fmt: skip
ADMIN = User("adm", "admin")
OP_PEMALANG = User("op-pemalang", "operator", "33.27")
OP_CILACAP = User("op-cilacap", "operator", "33.01")
VIEWER = User("peninjau", "viewer")


def run(*args, stdin: str = ""):
    return subprocess.run(
        [sys.executable, "-m", "analytics", *map(str, args)],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ},
    )


@pytest.fixture
def db_path(tmp_path) -> Path:
    path = tmp_path / "siaga.duckdb"
    db = Database(path)
    auth.add_user(db, "adm", "admin", ADMIN_PW)
    auth.add_user(db, "op-pemalang", "operator", OP_PW, region="3327")
    auth.add_user(db, "op-cilacap", "operator", OTHER_PW, region="33.01")
    auth.add_user(db, "peninjau", "viewer", VIEWER_PW)
    return path


def listed(db_path, *args) -> list[dict]:
    result = run("followup", "list", "--json", "--db", db_path, *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def add_cli(db_path, *extra, user="adm", password=ADMIN_PW, region="33.27"):
    return run("followup", "add", "--region", region, "--topic", "item:PC07", "--text",
               "Tetapkan rumah sakit pemeriksaan kesehatan", "--due", "2024-08-30",
               "--user", user, "--db", db_path, *extra, stdin=f"{password}\n")  # fmt: skip


def test_done_when_open_then_overdue_then_done(db_path):
    added = add_cli(db_path, "--pic", "Divisi Teknis", "--meeting-date", "2024-08-15",
                    "--meeting-title", "Rakor badan ad hoc")  # fmt: skip
    assert (added.returncode, added.stdout) == (0, "1\n"), added.stderr
    before = listed(db_path, "--as-of", "2024-08-23")
    assert before == [
        {
            "id": 1,
            "kode_wilayah": "33.27",
            "topik": "item:PC07",
            "isi": "Tetapkan rumah sakit pemeriksaan kesehatan",
            "penanggung_jawab": "Divisi Teknis",
            "jatuh_tempo": "2024-08-30",
            "status": "terbuka",
            "terlambat": False,
            "catatan": [],
        }
    ]
    late = listed(db_path, "--as-of", "2024-09-06")
    assert (late[0]["status"], late[0]["terlambat"]) == ("terbuka", True)
    on_due_date = listed(db_path, "--as-of", "2024-08-30")
    assert on_due_date[0]["terlambat"] is False  # due that day: not late yet
    closed = run("followup", "close", "1", "--user", "adm", "--db", db_path,
                 stdin=f"{ADMIN_PW}\n")  # fmt: skip
    assert closed.returncode == 0, closed.stderr
    done = listed(db_path, "--as-of", "2024-09-06")
    assert (done[0]["status"], done[0]["terlambat"]) == ("selesai", False)
    text = run("followup", "list", "--as-of", "2024-09-06", "--db", db_path)
    assert text.stdout.split("\n")[1].split("\t")[:5] == [
        "1", "33.27", "item:PC07", "2024-08-30", "selesai",
    ]  # fmt: skip


def test_viewer_and_unknown_user_are_refused(db_path):
    viewer = add_cli(db_path, user="peninjau", password=VIEWER_PW)
    assert (viewer.returncode, viewer.stdout, viewer.stderr.strip()) == (
        1,
        "",
        "Ditolak: Akun peninjau berperan peninjau: hanya membaca tindak lanjut, "
        "tidak dapat mengubahnya.",
    )
    unknown = add_cli(db_path, user="siapa", password="apa-saja-123")
    assert (unknown.returncode, unknown.stdout, unknown.stderr.strip()) == (
        1,
        "",
        "Nama pengguna atau kata sandi salah. Penambahan tindak lanjut ditolak.",
    )
    wrong = add_cli(db_path, password="bukan-sandi-admin")
    assert wrong.returncode == 1
    missing = run("followup", "add", "--region", "33.27", "--topic", "x", "--text", "y",
                  "--due", "2024-08-30", "--db", db_path)  # fmt: skip
    assert missing.returncode == 2  # --user is required
    operator = add_cli(db_path, user="op-pemalang", password=OP_PW)
    assert operator.returncode == 1
    assert "Hanya admin provinsi yang dapat menambah tindak lanjut" in operator.stderr
    assert listed(db_path) == []
    log = audit.entries(Database(db_path))
    refused = log[log.action == "tindak_lanjut_tambah"]
    assert refused.outcome.tolist() == ["ditolak"] * 4


def test_operator_notes_only_its_own_regency(db_path):
    db = Database(db_path)
    fid = followups.add(db, ADMIN, region="3327", topic="pelaporan", text="Unggah data KPPS",
                        due=dt.date(2024, 9, 20))  # fmt: skip
    other = run("followup", "note", fid, "--text", "sudah", "--user", "op-cilacap",
                "--db", db_path, stdin=f"{OTHER_PW}\n")  # fmt: skip
    assert other.returncode == 1
    assert other.stderr.strip() == (
        "Ditolak: Tindak lanjut 1 untuk 33.27 Kabupaten Pemalang; akun op-cilacap "
        "(operator 33.01 Kabupaten Cilacap) hanya dapat mencatat perkembangan tindak lanjut "
        "kabupaten/kotanya sendiri."
    )
    own = run("followup", "note", fid, "--text", "Data KPPS 14 kecamatan sudah masuk",
              "--user", "op-pemalang", "--db", db_path, stdin=f"{OP_PW}\n")  # fmt: skip
    assert own.returncode == 0, own.stderr
    viewer = run("followup", "note", fid, "--text", "x", "--user", "peninjau", "--db", db_path,
                 stdin=f"{VIEWER_PW}\n")  # fmt: skip
    assert viewer.returncode == 1 and "hanya membaca tindak lanjut" in viewer.stderr
    [row] = listed(db_path)
    assert [(n["isi"], n["oleh"]) for n in row["catatan"]] == [
        ("Data KPPS 14 kecamatan sudah masuk", "op-pemalang")
    ]
    assert dt.datetime.fromisoformat(row["catatan"][0]["waktu"]).utcoffset() == dt.timedelta(
        hours=7
    )
    # the operator may not close it, nor note a province-wide follow-up
    with pytest.raises(NotAllowed, match="menutup"):
        followups.close(db, OP_PEMALANG, fid)
    province = followups.add(db, ADMIN, region="provinsi", topic="Rapat evaluasi",
                             text="Semua satker kirim laporan", due=dt.date(2024, 9, 1))  # fmt: skip
    with pytest.raises(NotAllowed):
        followups.add_note(db, OP_PEMALANG, province, "sudah")
    # an operator sees its own regency's and the province-wide follow-ups
    assert [f["id"] for f in followups.listing(db, dt.date(2024, 8, 1), OP_PEMALANG)] == [
        province,
        fid,
    ]
    assert followups.listing(db, dt.date(2024, 8, 1), OP_CILACAP) == [
        followups.listing(db, dt.date(2024, 8, 1), OP_PEMALANG)[0]
    ]


def test_admin_closes_and_cancels_and_every_version_is_kept(db_path):
    db = Database(db_path)
    first = followups.add(db, ADMIN, region="Kabupaten Pemalang", topic="badan:pps",
                          text="Lengkapi PPS", due=dt.date(2024, 8, 30))  # fmt: skip
    second = followups.add(db, ADMIN, region="33.01", topic="bimtek:ppk:m3",
                           text="Ulang bimtek M03", due=dt.date(2024, 8, 25))  # fmt: skip
    followups.add_note(db, OP_PEMALANG, first, "Dua desa belum lengkap")
    assert followups.edit(db, ADMIN, first, due=dt.date(2024, 9, 6), pic="Divisi SDM") == 2
    with pytest.raises(FollowupError, match="Tidak ada yang berubah"):
        followups.edit(db, ADMIN, first, pic="Divisi SDM")
    assert followups.close(db, ADMIN, first) == 3
    cancel = run("followup", "close", second, "--cancel", "--user", "adm", "--db", db_path,
                 stdin=f"{ADMIN_PW}\n")  # fmt: skip
    assert cancel.returncode == 0, cancel.stderr
    history = followups.versions(db, first)
    columns = ["version", "status", "perubahan", "jatuh_tempo", "penanggung_jawab"]
    assert history[columns].fillna("-").astype(str).values.tolist() == [
        ["1", "terbuka", "tambah", "2024-08-30", "-"],
        ["2", "terbuka", "ubah", "2024-09-06", "Divisi SDM"],
        ["3", "selesai", "selesai", "2024-09-06", "Divisi SDM"],
    ]
    assert history.changed_by.tolist() == ["adm"] * 3
    assert followups.versions(db, second).status.tolist() == ["terbuka", "batal"]
    with pytest.raises(FollowupError, match="sudah berstatus selesai"):
        followups.close(db, ADMIN, first, cancel=True)
    with pytest.raises(FollowupError, match="tidak ditemukan"):
        followups.close(db, ADMIN, 99)
    with pytest.raises(FollowupError, match="sudah berstatus batal; .* dapat diubah"):
        followups.edit(db, ADMIN, second, text="Ulang bimtek M03 dan M04")
    rows = {r["id"]: r for r in followups.listing(db, dt.date(2024, 9, 10))}
    assert (rows[first]["topik"], rows[first]["status"]) == ("badan:PPS", "selesai")
    assert (rows[second]["topik"], rows[second]["status"]) == ("bimtek:PPK:M03", "batal")
    assert not rows[second]["terlambat"]


def test_every_change_is_audited(db_path):
    db = Database(db_path)
    fid = followups.add(db, ADMIN, region="33.27", topic="pelaporan", text="x",
                        due=dt.date(2024, 8, 30))  # fmt: skip
    followups.add_note(db, OP_PEMALANG, fid, "progres")
    with pytest.raises(NotAllowed):
        followups.add_note(db, OP_CILACAP, fid, "bukan wilayahnya")
    followups.edit(db, ADMIN, fid, text="y")
    followups.close(db, ADMIN, fid)
    log = audit.entries(db)
    log = log[log.action.str.startswith("tindak_lanjut")]
    assert log[["actor", "action", "outcome", "kode_wilayah", "target"]].values.tolist()[::-1] == [
        ["adm", "tindak_lanjut_tambah", "berhasil", "33.27", "tindak lanjut 1"],
        ["op-pemalang", "tindak_lanjut_catatan", "berhasil", "33.27", "tindak lanjut 1"],
        ["op-cilacap", "tindak_lanjut_catatan", "ditolak", "33.27", "tindak lanjut 1"],
        ["adm", "tindak_lanjut_ubah", "berhasil", "33.27", "tindak lanjut 1"],
        ["adm", "tindak_lanjut_selesai", "berhasil", "33.27", "tindak lanjut 1"],
    ]
    assert log.iloc[1].reason == "ubah: isi"
    assert set(log.action) <= set(audit.ACTION_LABEL)


def test_list_filters_by_region_and_sorts_overdue_first(db_path):
    db = Database(db_path)
    a = followups.add(db, ADMIN, region="33.27", topic="a", text="a", due=dt.date(2024, 9, 30))
    b = followups.add(db, ADMIN, region="33.01", topic="b", text="b", due=dt.date(2024, 8, 20))
    c = followups.add(db, ADMIN, region="3327", topic="c", text="c", due=dt.date(2024, 8, 25))
    d = followups.add(db, ADMIN, region="provinsi", topic="d", text="d", due=dt.date(2024, 8, 1))
    followups.close(db, ADMIN, d)
    everything = listed(db_path, "--as-of", "2024-09-01")
    assert [r["id"] for r in everything] == [b, c, a, d]  # overdue, open, then done
    assert [r["terlambat"] for r in everything] == [True, True, False, False]
    assert all(list(r) == list(followups.LIST_KEYS) for r in everything)
    assert [r["id"] for r in listed(db_path, "--region", "3327", "--as-of", "2024-09-01")] == [
        c,
        a,
    ]
    assert [r["id"] for r in listed(db_path, "--region", "provinsi")] == [d]
    bad = run("followup", "list", "--region", "33.99", "--db", db_path)
    assert bad.returncode == 1 and "Wilayah 33.99 tidak dikenal" in bad.stderr


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("badan:Panitia Pemungutan Suara", "badan:PPS"),
        ("BIMTEK:kpps:M1", "bimtek:KPPS:M01"),
        ("item:pc-7", "item:PC07"),
        ("Pelaporan", "pelaporan"),
        ("Catatan: koordinasi dengan Bawaslu", "Catatan: koordinasi dengan Bawaslu"),
    ],
)
def test_topics_are_checked_against_reference_data(typed, stored):
    assert followups.parse_topic(typed) == stored


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("badan:PPD", "badan PPD tidak dikenal"),
        ("bimtek:PPS:M99", "materi M99 tidak ada"),
        ("bimtek:PPS", "bagiannya tidak lengkap"),
        ("item:PC99", "butir PC99 tidak ada"),
        ("   ", "Topik wajib diisi"),
    ],
)
def test_bad_topics_are_refused(typed, reason):
    with pytest.raises(FollowupError, match=reason):
        followups.parse_topic(typed)


def test_bad_input_is_refused_before_anything_is_stored(db_path):
    db = Database(db_path)
    with pytest.raises(FollowupError, match="lebih awal dari tanggal rapat"):
        followups.add(db, ADMIN, region="33.27", topic="x", text="y", due=dt.date(2024, 8, 1),
                      meeting_date=dt.date(2024, 8, 15))  # fmt: skip
    with pytest.raises(FollowupError, match="Isi tindak lanjut wajib diisi"):
        followups.add(db, ADMIN, region="33.27", topic="x", text=" ", due=dt.date(2024, 8, 1))
    with pytest.raises(FollowupError, match="paling banyak 2000"):
        followups.add(db, ADMIN, region="33.27", topic="x", text="y" * 2001,
                      due=dt.date(2024, 8, 1))  # fmt: skip
    assert followups.current(db) == []


def test_every_follow_up_action_has_an_audit_label_and_shows_in_a_regency_history():
    actions = (followups.ADD, followups.EDIT, followups.NOTE, followups.CLOSE, followups.CANCEL)
    assert all(audit.ACTION_LABEL[a].lower().count("tindak lanjut") == 1 for a in actions)
    assert set(actions) <= set(audit.REGION_ACTIONS)


def edit_cli(db_path, *args, user="adm", password=ADMIN_PW):
    return run("followup", "edit", *args, "--user", user, "--db", db_path,
               stdin=f"{password}\n")  # fmt: skip


def test_edit_from_the_cli_changes_only_what_is_given(db_path):
    assert add_cli(db_path, "--pic", "Divisi Teknis").returncode == 0
    edited = edit_cli(db_path, "1", "--due", "2024-09-06", "--topic", "badan:pps",
                      "--meeting-date", "2024-08-16", "--meeting-title", "Rakor 16 Agustus")  # fmt: skip
    assert (edited.returncode, edited.stdout) == (0, ""), edited.stderr
    assert edited.stderr.strip() == "Tindak lanjut 1 diubah (versi 2)."
    row = listed(db_path, "--as-of", "2024-09-01")[0]
    assert (row["topik"], row["jatuh_tempo"], row["penanggung_jawab"], row["isi"]) == (
        "badan:PPS", "2024-09-06", "Divisi Teknis", "Tetapkan rumah sakit pemeriksaan kesehatan",
    )  # fmt: skip
    assert list(row) == list(followups.LIST_KEYS)  # `list --json` keeps its shape
    current = followups.current(Database(db_path))[0]
    assert (current.tanggal_rapat, current.judul_rapat) == (
        dt.date(2024, 8, 16),
        "Rakor 16 Agustus",
    )
    cleared = edit_cli(db_path, "1", "--pic", "", "--text", "Lantik PAW PPS", "--region", "3301")
    assert cleared.returncode == 0, cleared.stderr
    row = listed(db_path, "--as-of", "2024-09-01")[0]
    assert (row["kode_wilayah"], row["isi"], row["penanggung_jawab"]) == (
        "33.01", "Lantik PAW PPS", None,
    )  # fmt: skip
    history = followups.versions(Database(db_path), 1)
    assert history.perubahan.tolist() == ["tambah", "ubah", "ubah"]
    log = audit.entries(Database(db_path))
    edits = log[log.action == "tindak_lanjut_ubah"].sort_values("audit_id")
    assert edits.reason.tolist() == [
        "ubah: topik, jatuh_tempo, tanggal_rapat, judul_rapat",
        "ubah: kode_wilayah, isi, penanggung_jawab",
    ]


@pytest.mark.parametrize(
    ("args", "user", "password", "code", "message"),
    [
        (("1",), "adm", ADMIN_PW, 2,
         "Tidak ada yang diubah: sebutkan paling sedikit satu dari --region, --topic, --text, "
         "--due, --pic, --meeting-date atau --meeting-title."),
        (("1", "--text", "x"), "op-pemalang", OP_PW, 1,
         "Ditolak: Hanya admin provinsi yang dapat mengubah tindak lanjut; akun op-pemalang "
         "berperan operator."),
        (("1", "--topic", "item:PC99"), "adm", ADMIN_PW, 1,
         "Topik item:PC99 tidak dikenali: butir PC99 tidak ada dalam daftar periksa pencalonan "
         "(PC01 ...). Bentuk terstruktur: badan:PPS, bimtek:PPS:M03, item:PC07 atau pelaporan; "
         "selain itu tulis teks bebas tanpa awalan badan:, bimtek: atau item:."),
        (("1", "--due", "2024-08-01", "--meeting-date", "2024-08-15"), "adm", ADMIN_PW, 1,
         "Jatuh tempo 1 Agustus 2024 lebih awal dari tanggal rapat 15 Agustus 2024; periksa kedua "
         "tanggal."),
        (("7", "--text", "x"), "adm", ADMIN_PW, 1, "Tindak lanjut 7 tidak ditemukan."),
        (("1", "--due", "2024-08-30"), "adm", ADMIN_PW, 1,
         "Tidak ada yang berubah pada tindak lanjut 1; tidak disimpan."),
    ],
)  # fmt: skip
def test_edit_refusals(db_path, args, user, password, code, message):
    assert add_cli(db_path).returncode == 0
    refused = edit_cli(db_path, *args, user=user, password=password)
    assert (refused.returncode, refused.stderr.strip()) == (code, message)
    assert followups.versions(Database(db_path), 1).version.tolist() == [1]


def test_a_closed_follow_up_cannot_be_edited_from_the_cli(db_path):
    assert add_cli(db_path).returncode == 0
    followups.close(Database(db_path), ADMIN, 1)
    refused = edit_cli(db_path, "1", "--text", "x")
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "Tindak lanjut 1 sudah berstatus selesai; hanya tindak lanjut terbuka yang dapat diubah."
    )
