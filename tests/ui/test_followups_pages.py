"""AppTest of the meeting loop on the existing pages: a follow-up made from the *Perlu
perhatian* slide of Mode Rapat, follow-ups and notes on the numbers on Profil, the counts and
the overdue marker on Ringkasan; each role sees the forms it may use, and a refusal from
analytics reads as text.

Fixture: Kota Magelang (33.71) reports; the 34 others do not. On 21 August 2024 its
weakest component is "Pantarlih dilantik" at 0% (pull 1 × (1 − 0) = 1, tied with the
candidacy checklist's 2 × (1 − 0,5) = 1 and first by name), so its draft reads "Percepat
pelantikan Pantarlih", topic badan:PANTARLIH, due 21 + 7 = 28 August.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from analytics import auth, followups, number_notes
from analytics.followup_view import indicator_label
from analytics.storage import Database
from tests.ui.support import REPO, fixture_db, texts
from ui.shared import plain

PASSWORD = "sandi-tindak-lanjut-1"
ADMIN = auth.User("adm", "admin")
AS_OF = {"tanggal": "2024-08-21"}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    path = tmp_path_factory.mktemp("tl_base") / "siaga.duckdb"
    db = fixture_db(path)
    auth.add_user(db, "adm", "admin", PASSWORD)
    auth.add_user(db, "op-magelang", "operator", PASSWORD, region="33.71")
    auth.add_user(db, "peninjau", "viewer", PASSWORD)
    return path


@pytest.fixture
def db_path(base, tmp_path):
    """A fresh copy of the fixture database per test (the tests write)."""
    path = tmp_path / "siaga.duckdb"
    shutil.copy(base, path)
    return path


def opened(db_path, page: str, user: str | None, query: dict | None = None) -> AppTest:
    """``pages/<page>.py`` as ``user`` sees it (logged in before the first run)."""
    os.environ["SIAGA_DB"] = str(db_path)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in {**AS_OF, **(query or {})}.items():
        at.query_params[key] = value
    if user:
        at.session_state["auth_user"] = user
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception
    return at


def to_slide(at: AppTest, title: str) -> AppTest:
    for _ in range(12):
        line = next(m.value for m in at.markdown if m.value.startswith("**Slide "))
        if line.replace("\\", "").endswith(title):
            return at
        at.button(key="mr_next").click().run()
    raise AssertionError(f"no slide {title}")


def submit(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception
    return at


def add_followup(db_path, region="33.71", due=dt.date(2024, 8, 28), **kwargs) -> int:
    values = {"topic": "badan:PANTARLIH", "text": "Percepat pelantikan Pantarlih"} | kwargs
    return followups.add(
        Database(db_path), ADMIN, region=region, due=due, meeting_date=dt.date(2024, 8, 14),
        meeting_title="Rakor 14 Agustus", **values,
    )  # fmt: skip


# ---------------------------------------------------------------------- Mode Rapat


def test_admin_turns_an_attention_row_into_a_followup(db_path):
    at = to_slide(opened(db_path, "mode_rapat", "adm"), "Kabupaten/kota yang perlu perhatian")
    assert at.selectbox(key="mr_followup_region").value == "33.71"  # most urgent first
    prefix = "mr_fu_33.71"
    assert at.text_input(key=f"{prefix}_topic").value == "badan:PANTARLIH"
    assert at.text_area(key=f"{prefix}_text").value == "Percepat pelantikan Pantarlih"
    assert at.date_input(key=f"{prefix}_due").value == dt.date(2024, 8, 28)
    assert at.date_input(key=f"{prefix}_meeting_date").value == dt.date(2024, 8, 21)
    assert at.text_input(key=f"{prefix}_title").value == "Rapat koordinasi 21 Agustus 2024"
    at.text_input(key=f"{prefix}_pic").input("Kasubbag HSDM")
    submit(at, "Simpan tindak lanjut")

    assert [s.value for s in at.success] == [
        plain("Tindak lanjut 1 ditambahkan: 33.71 Kota Magelang, jatuh tempo 28 Agustus 2024.")
    ]
    (stored,) = followups.current(Database(db_path))
    assert (stored.kode_wilayah, stored.topik, stored.isi, stored.penanggung_jawab) == (
        "33.71", "badan:PANTARLIH", "Percepat pelantikan Pantarlih", "Kasubbag HSDM",
    )  # fmt: skip
    assert (stored.jatuh_tempo, stored.tanggal_rapat, stored.judul_rapat) == (
        dt.date(2024, 8, 28), dt.date(2024, 8, 21), "Rapat koordinasi 21 Agustus 2024",
    )  # fmt: skip
    assert stored.changed_by == "adm"
    # The deck is rebuilt at once: its follow-up slide lists the new one.
    at = to_slide(at, "Tindak lanjut rapat sebelumnya")
    assert "Percepat pelantikan Pantarlih" in at.table[0].value.to_string()


def test_the_deck_shows_an_operator_its_own_and_the_province_followups_only(db_path):
    add_followup(db_path, text="Tindak lanjut Magelang")
    add_followup(db_path, region="33.27", text="Tindak lanjut Pemalang")
    add_followup(db_path, region="provinsi", topic="pelaporan", text="Tindak lanjut provinsi")
    slide = "Tindak lanjut rapat sebelumnya"
    operator = to_slide(opened(db_path, "mode_rapat", "op-magelang"), slide)
    shown = operator.table[0].value.to_string()
    assert "Tindak lanjut Magelang" in shown and "Tindak lanjut provinsi" in shown
    assert "Tindak lanjut Pemalang" not in shown
    viewer = to_slide(opened(db_path, "mode_rapat", "peninjau"), slide)
    assert "Tindak lanjut Pemalang" in viewer.table[0].value.to_string()


def test_the_admin_changes_the_draft_before_confirming(db_path):
    at = to_slide(opened(db_path, "mode_rapat", "adm"), "Kabupaten/kota yang perlu perhatian")
    at.selectbox(key="mr_followup_region").set_value("33.27").run()
    prefix = "mr_fu_33.27"  # a regency that reported nothing: a reporting matter
    assert at.text_input(key=f"{prefix}_topic").value == "pelaporan"
    assert at.text_area(key=f"{prefix}_text").value == (
        "Unggah data badan ad hoc, bimtek dan persiapan pencalonan"
    )
    at.text_area(key=f"{prefix}_text").input("Unggah data badan ad hoc paling lambat Jumat")
    at.date_input(key=f"{prefix}_due").set_value(dt.date(2024, 8, 23))
    submit(at, "Simpan tindak lanjut")
    (stored,) = followups.current(Database(db_path))
    assert (stored.kode_wilayah, stored.isi, stored.jatuh_tempo) == (
        "33.27", "Unggah data badan ad hoc paling lambat Jumat", dt.date(2024, 8, 23),
    )  # fmt: skip


def test_a_bad_topic_is_refused_in_indonesian_and_nothing_is_stored(db_path):
    at = to_slide(opened(db_path, "mode_rapat", "adm"), "Kabupaten/kota yang perlu perhatian")
    at.text_input(key="mr_fu_33.71_topic").input("item:PC99")
    submit(at, "Simpan tindak lanjut")
    assert [e.value for e in at.error] == [
        plain(
            "Topik item:PC99 tidak dikenali: butir PC99 tidak ada dalam daftar periksa "
            "pencalonan (PC01 ...). Bentuk terstruktur: badan:PPS, bimtek:PPS:M03, item:PC07 "
            "atau pelaporan; selain itu tulis teks bebas tanpa awalan badan:, bimtek: atau item:."
        )
    ]
    assert followups.current(Database(db_path)) == []


@pytest.mark.parametrize("user", ["peninjau", "op-magelang", None])
def test_only_admins_get_the_form_under_the_slide(db_path, user):
    at = to_slide(opened(db_path, "mode_rapat", user), "Kabupaten/kota yang perlu perhatian")
    assert "Jadikan tindak lanjut" not in texts(at)
    assert not [b for b in at.button if b.label == "Simpan tindak lanjut"]


def test_the_form_follows_a_role_changed_meanwhile(db_path):
    """The form was drawn for an admin; by the time it is sent the account is a viewer:
    analytics refuses, and the page shows its message, not a traceback."""
    at = to_slide(opened(db_path, "mode_rapat", "adm"), "Kabupaten/kota yang perlu perhatian")
    with Database(db_path).writer() as con:
        con.execute("UPDATE users SET role = 'viewer' WHERE username = 'adm'")
    submit(at, "Simpan tindak lanjut")
    assert [e.value for e in at.error] == [
        plain("Akun adm berperan peninjau: hanya membaca tindak lanjut, tidak dapat mengubahnya.")
    ]
    assert followups.current(Database(db_path)) == []


# ---------------------------------------------------------------------- Profil


def test_operator_adds_a_progress_note_on_its_own_regency(db_path):
    followup_id = add_followup(db_path)
    at = opened(db_path, "profil", "op-magelang", {"wilayah": "33.71"})
    assert [e.label for e in at.expander][0] == plain(
        "○ Terbuka · Pantarlih dilantik · jatuh tempo 28 Agustus 2024"
    )
    assert not [b for b in at.button if b.label in ("Tandai selesai", "Batalkan")]
    at.text_area(key=f"pf_{followup_id}_note_text").input("12 Pantarlih dilantik 20 Agustus")
    submit(at, "Tambah catatan")
    assert [s.value for s in at.success] == [
        "Catatan perkembangan ditambahkan pada tindak lanjut 1\\."
    ]
    notes = followups.notes(Database(db_path), [followup_id])
    assert notes[["note", "written_by"]].values.tolist() == [
        ["12 Pantarlih dilantik 20 Agustus", "op-magelang"]
    ]
    assert "12 Pantarlih dilantik 20 Agustus" in texts(at)


def test_profile_lists_open_first_with_status_and_indicator(db_path):
    done = add_followup(db_path, text="Bentuk pokja pencalonan", topic="item:PC02")
    followups.close(Database(db_path), ADMIN, done)
    add_followup(db_path, due=dt.date(2024, 8, 30))  # open, not yet due on 21 August
    add_followup(db_path, due=dt.date(2024, 8, 20), text="Lantik PPS pengganti")  # overdue
    at = opened(db_path, "profil", "peninjau", {"wilayah": "33.71"})
    labels = [e.label for e in at.expander if "jatuh tempo" in e.label]
    assert labels == [
        plain("⚠ Terlambat · Pantarlih dilantik · jatuh tempo 20 Agustus 2024"),
        plain("○ Terbuka · Pantarlih dilantik · jatuh tempo 30 Agustus 2024"),
        plain(f"✓ Selesai · {indicator_label('item:PC02', '33.71')} · jatuh tempo 28 Agustus 2024"),
    ]
    # Pantarlih sworn in on 14 August (the meeting) and on 21 August: 0 of 4 both times.
    assert plain("Pantarlih dilantik: 0,0% pada 14 Agu → 0,0% pada 21 Agu") in texts(at)


def test_viewer_reads_the_profile_but_can_change_nothing(db_path):
    add_followup(db_path)
    number_notes.add(Database(db_path), ADMIN, "33.71", dt.date(2024, 8, 15), "PAW 2 Sep")
    at = opened(db_path, "profil", "peninjau", {"wilayah": "33.71"})
    assert not at.text_area and not at.text_input
    assert not [b for b in at.button if b.label in ("Tambah catatan", "Tandai selesai",
                                                    "Batalkan", "Hapus", "Simpan perubahan",
                                                    "Tambah catatan angka")]  # fmt: skip
    assert plain("PAW 2 Sep") in texts(at)


def test_admin_attaches_and_removes_a_note_on_the_numbers(db_path):
    at = opened(db_path, "profil", "adm", {"wilayah": "33.71"})
    at.text_input(key="pf_note_text").input("3 anggota PPS mengundurkan diri, PAW 2 Sep")
    at.date_input(key="pf_note_date").set_value(dt.date(2024, 8, 15))
    submit(at, "Tambah catatan angka")
    assert [s.value for s in at.success] == [
        plain("Catatan angka 1 ditambahkan: 33.71 Kota Magelang, tanggal 15 Agustus 2024.")
    ]
    (note,) = number_notes.notes_for(Database(db_path), "33.71")
    assert (note.tanggal, note.teks, note.dibuat_oleh) == (
        dt.date(2024, 8, 15), "3 anggota PPS mengundurkan diri, PAW 2 Sep", "adm",
    )  # fmt: skip
    assert "**15 Agustus 2024** · 3 anggota PPS mengundurkan diri, PAW 2 Sep · _adm_" in [
        m.value.replace("\\", "") for m in at.markdown
    ]
    # ... and as a star on the weekly readiness chart, at its date.
    readiness = json.loads(at.get("plotly_chart")[1].proto.spec)["data"]
    (marker,) = [trace for trace in readiness if trace.get("name") == "Catatan angka"]
    assert marker["x"] == ["2024-08-15T00:00:00"]
    at.button(key=f"pf_note_rm_{note.id}").click().run()
    assert [s.value for s in at.success] == [
        plain("Catatan angka 1 dihapus (tetap tercatat di riwayat audit).")
    ]
    assert number_notes.notes_for(Database(db_path), "33.71") == []


def test_admin_closes_a_followup_on_the_profile(db_path):
    followup_id = add_followup(db_path)
    at = opened(db_path, "profil", "adm", {"wilayah": "33.71"})
    at.button(key=f"pf_{followup_id}_close").click().run()
    assert [s.value for s in at.success] == [plain("Tindak lanjut 1 ditandai selesai.")]
    assert followups.current(Database(db_path))[0].status == "selesai"
    assert [e.label for e in at.expander if "jatuh tempo" in e.label] == [
        plain("✓ Selesai · Pantarlih dilantik · jatuh tempo 28 Agustus 2024")
    ]


# ---------------------------------------------------------------------- Ringkasan


def test_overview_counts_open_and_overdue_and_marks_the_regency(db_path):
    add_followup(db_path, due=dt.date(2024, 8, 20))  # overdue on the 21st
    add_followup(db_path, region="provinsi", due=dt.date(2024, 8, 30), topic="pelaporan")
    closed = add_followup(db_path, region="33.27")
    followups.close(Database(db_path), ADMIN, closed)
    at = opened(db_path, "ringkasan", None)
    assert "2 tindak lanjut rapat terbuka, 1 di antaranya terlambat." in [
        m.value for m in at.markdown
    ]
    names = at.table[0].value["Kabupaten/Kota"].tolist()
    assert names[0] == "Kota Magelang ⚑"
    assert not [n for n in names[1:] if "⚑" in n]
    assert any("⚑ = ada tindak lanjut rapat yang terlambat." in c.value for c in at.caption)
