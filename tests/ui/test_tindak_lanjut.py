"""AppTest of the Tindak Lanjut page: counts, filters and order; admins add, edit, close and
cancel; an operator notes progress on its own regency's follow-ups only; a viewer reads.

Four follow-ups, seen on 21 August 2024 (fixture database: Kota Magelang 33.71 reports):
  1  33.71     due 20 Aug, open       -> Terlambat (open and past due)
  2  33.71     due 30 Aug, open       -> Terbuka
  3  provinsi  due 28 Aug, closed     -> Selesai
  4  33.73     due 25 Aug, cancelled  -> Batal
So: Terbuka 2 (overdue included), Terlambat 1, Selesai 1, Batal 1; order 1, 2 (open, the
overdue first), then 4, 3 (closed ones by due date).
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics import followups
from analytics.storage import Database
from tests.ui.support import texts
from tests.ui.test_followups_pages import (  # noqa: F401  (fixtures used by name)
    ADMIN,
    add_followup,
    base,
    db_path,
    opened,
    submit,
)
from ui.shared import plain

ALL_BUTTONS = ("Tambah catatan", "Tandai selesai", "Batalkan", "Simpan perubahan",
               "Simpan tindak lanjut")  # fmt: skip


@pytest.fixture
def four(db_path):  # noqa: F811
    db = Database(db_path)
    add_followup(db_path, due=dt.date(2024, 8, 20), text="Lantik Pantarlih yang tersisa")
    add_followup(db_path, due=dt.date(2024, 8, 30), topic="bimtek:PPS:M02", text="Bimtek PPS")
    done = add_followup(db_path, region="provinsi", due=dt.date(2024, 8, 28), topic="pelaporan",
                        text="Semua satker unggah tiap Jumat")  # fmt: skip
    followups.close(db, ADMIN, done)
    cancelled = add_followup(db_path, region="33.73", due=dt.date(2024, 8, 25),
                             topic="Rapat dengan Bawaslu", text="Jadwalkan ulang")  # fmt: skip
    followups.close(db, ADMIN, cancelled, cancel=True)
    return db_path


def numbers(at) -> list[int]:
    return at.dataframe[0].value["No."].tolist()


def buttons(at) -> list[str]:
    return [b.label for b in at.button if b.label in ALL_BUTTONS]


def test_counts_order_and_table(four):
    at = opened(four, "tindak_lanjut", "adm")
    assert {m.label: m.value for m in at.metric} == {
        "Terbuka": "2", "Terlambat": "1", "Selesai": "1", "Batal": "1",
    }  # fmt: skip
    table = at.dataframe[0].value
    assert numbers(at) == [1, 2, 4, 3]
    first = table.iloc[0].to_dict()
    assert first == {
        "No.": 1,
        "Status": "⚠ Terlambat",
        "Wilayah": "Kota Magelang",
        "Topik": "Pantarlih dilantik",
        "Jatuh tempo": "20 Agustus 2024",
        # Kota Magelang swore in none of its Pantarlih by the meeting (14 Aug) nor by 21 Aug.
        "Indikator dulu → kini": "0,0% pada 14 Agu → 0,0% pada 21 Agu",
        "Isi": "Lantik Pantarlih yang tersisa",
        "Penanggung jawab": "–",
        "Catatan": "0",
    }
    assert table["Status"].tolist() == ["⚠ Terlambat", "○ Terbuka", "✕ Batal", "✓ Selesai"]
    assert table["Wilayah"].tolist()[2:] == ["Kota Salatiga", "Provinsi Jawa Tengah"]


def test_filters_status_overdue_and_region(four):
    at = opened(four, "tindak_lanjut", "adm")
    at.segmented_control(key="tl_status").set_value("selesai").run()
    assert numbers(at) == [3]
    at.segmented_control(key="tl_status").set_value("terbuka").run()
    assert numbers(at) == [1, 2]
    at.toggle(key="tl_overdue").set_value(True).run()
    assert numbers(at) == [1]
    at.segmented_control(key="tl_status").set_value("").run()
    at.toggle(key="tl_overdue").set_value(False).run()
    at.selectbox(key="tl_region").set_value("33.73").run()
    assert numbers(at) == [4]
    at.selectbox(key="tl_region").set_value("provinsi").run()
    assert numbers(at) == [3]
    at.segmented_control(key="tl_status").set_value("batal").run()
    assert not at.dataframe
    assert [i.value for i in at.info] == ["Belum ada tindak lanjut yang sesuai saringan ini."]


def test_admin_adds_edits_closes_and_cancels(four):
    at = opened(four, "tindak_lanjut", "adm")
    form = "tl_add_baru"
    assert at.date_input(key=f"{form}_due").value == dt.date(2024, 8, 28)  # as_of + 7 days
    assert at.text_input(key=f"{form}_title").value == "Rapat koordinasi 21 Agustus 2024"
    at.selectbox(key=f"{form}_region").set_value("33.27")
    at.text_input(key=f"{form}_topic").set_value("item:pc7")
    at.text_area(key=f"{form}_text").set_value("Tetapkan rumah sakit pemeriksa kesehatan")
    submit(at, "Simpan tindak lanjut")
    assert [s.value for s in at.success] == [
        plain("Tindak lanjut 5 ditambahkan: 33.27 Kabupaten Pemalang, jatuh tempo 28 Agustus 2024.")
    ]
    added = followups.current(Database(four), region="33.27")[0]
    assert (added.topik, added.isi) == ("item:PC07", "Tetapkan rumah sakit pemeriksa kesehatan")
    assert at.text_area(key=f"{form}_text").value == ""  # the form starts afresh

    at.selectbox(key="tl_pick").set_value(2).run()
    at.text_area(key="tl_2_edit_text").set_value("Bimtek PPS materi M02 untuk 30 desa")
    submit(at, "Simpan perubahan")
    assert [s.value for s in at.success] == [plain("Tindak lanjut 2 diubah (versi 2).")]
    assert followups.current(Database(four))[1].isi == "Bimtek PPS materi M02 untuk 30 desa"

    at.button(key="tl_2_close").click().run()
    assert [s.value for s in at.success] == [plain("Tindak lanjut 2 ditandai selesai.")]
    at.selectbox(key="tl_pick").set_value(1).run()
    at.button(key="tl_1_cancel").click().run()
    assert [s.value for s in at.success] == [plain("Tindak lanjut 1 dibatalkan.")]
    statuses = {f.id: f.status for f in followups.current(Database(four))}
    assert statuses == {1: "batal", 2: "selesai", 3: "selesai", 4: "batal", 5: "terbuka"}
    assert {m.label: m.value for m in at.metric}["Batal"] == "2"


def test_a_refused_add_shows_the_reason_and_stores_nothing(four):
    at = opened(four, "tindak_lanjut", "adm")
    at.selectbox(key="tl_add_baru_region").set_value("33.71")
    at.text_input(key="tl_add_baru_topic").set_value("Rekrutmen KPPS")
    submit(at, "Simpan tindak lanjut")  # no text
    assert [e.value for e in at.error] == [plain("Isi tindak lanjut wajib diisi.")]
    assert at.text_input(key="tl_add_baru_topic").value == "Rekrutmen KPPS"  # kept to correct
    assert len(followups.current(Database(four))) == 4


def test_operator_sees_its_regency_and_the_province_and_notes_its_own(four):
    at = opened(four, "tindak_lanjut", "op-magelang")
    assert numbers(at) == [1, 2, 3]  # not Kota Salatiga's
    assert at.selectbox(key="tl_region").options == ["Semua wilayah", "Seluruh provinsi",
                                                      "33.71 Kota Magelang"]  # fmt: skip
    assert {m.label: m.value for m in at.metric} == {
        "Terbuka": "2", "Terlambat": "1", "Selesai": "1", "Batal": "0",
    }  # fmt: skip
    assert plain("Anda dapat mencatat perkembangan tindak lanjut 33.71 Kota Magelang") in texts(at)
    assert buttons(at) == ["Tambah catatan"]  # no add, edit, close or cancel
    at.selectbox(key="tl_pick").set_value(3).run()  # province-wide: read only
    assert buttons(at) == []
    at.selectbox(key="tl_pick").set_value(1).run()
    at.text_area(key="tl_1_note_text").set_value("Pelantikan susulan 24 Agustus")
    submit(at, "Tambah catatan")
    assert [s.value for s in at.success] == [
        plain("Catatan perkembangan ditambahkan pada tindak lanjut 1.")
    ]
    assert at.dataframe[0].value["Catatan"].tolist()[0] == "1"
    assert plain("Pelantikan susulan 24 Agustus") in texts(at)
    assert any(c.value.endswith("op\\-magelang") for c in at.caption)


def test_operator_note_refused_after_the_followup_moved_away(four):
    """Drawn while the follow-up was Kota Magelang's; an admin moves it to Kota Salatiga
    before the note is sent: analytics refuses and the page says why."""
    at = opened(four, "tindak_lanjut", "op-magelang")
    followups.edit(Database(four), ADMIN, 1, region="33.73")
    at.text_area(key="tl_1_note_text").set_value("Pelantikan susulan 24 Agustus")
    submit(at, "Tambah catatan")
    assert [e.value for e in at.error] == [
        plain(
            "Tindak lanjut 1 untuk 33.73 Kota Salatiga; akun op-magelang (operator 33.71 Kota "
            "Magelang) hanya dapat mencatat perkembangan tindak lanjut kabupaten/kotanya sendiri."
        )
    ]
    assert followups.notes(Database(four), [1]).empty


def test_viewer_reads_everything_and_can_change_nothing(four):
    at = opened(four, "tindak_lanjut", "peninjau")
    assert numbers(at) == [1, 2, 4, 3]
    assert plain("Akun peninjau hanya membaca tindak lanjut; tidak dapat mengubahnya.") in [
        c.value for c in at.caption
    ]
    for pick in (1, 2, 3, 4):
        at.selectbox(key="tl_pick").set_value(pick).run()
        assert buttons(at) == [] and not at.text_area and not at.text_input


def test_reading_without_login_is_told_how_to_act(four):
    at = opened(four, "tindak_lanjut", None)
    assert numbers(at) == [1, 2, 4, 3]
    assert buttons(at) == []
    assert any(c.value.startswith(plain("Anda membaca tanpa masuk.")) for c in at.caption)


def test_typed_text_is_shown_as_typed(db_path):  # noqa: F811
    typed = "**Segera** <b>lantik</b> [tautan](https://contoh.id) $x$ :red[merah]"
    add_followup(db_path, text=typed, pic="_Ketua_ #1")
    at = opened(db_path, "tindak_lanjut", "peninjau")
    assert plain(typed) in [m.value for m in at.markdown]
    assert any(plain("penanggung jawab _Ketua_ #1") in c.value for c in at.caption)
