"""Follow-ups (tindak lanjut) on the pages: cached reads, the detail of one follow-up, and
the forms each role gets (admins add, edit, close and cancel; an operator notes progress on
its own regency's; a viewer reads). Analytics enforces the roles again on every write; its
Indonesian refusal is shown as text, never a traceback."""

from __future__ import annotations

import datetime as dt
import threading
import time

import streamlit as st

from analytics import auth, followup_view, followups, number_notes, training_detail
from analytics import formatting as fmt
from analytics.auth import User
from analytics.config import load_config
from analytics.errors import NotAllowed, Refusal
from analytics.followup_drafts import FollowupDraft, attention_drafts
from analytics.followup_view import FollowupLine
from analytics.messages import msg
from analytics.storage import Database
from analytics.views import followups as view
from ui import auth as auth_ui
from ui import shared

FLASH_KEY = "tl_flash"  # the message of the last successful change, shown once
NOTES_SLOT = "_angka"  # ... of a note on the numbers (Profil shows it beside the notes)
TOPIC_HELP = (
    "Teks bebas, atau bentuk yang tertaut ke angka dasbor: badan:PPS (pelantikan), "
    "bimtek:PPS:M03 (materi bimtek), item:PC07 (butir pencalonan), pelaporan."
)

# ---------------------------------------------------------------------- cached reads

# The follow-ups' own version (an edit or a note bumps no data version), remembered while
# the database file and its WAL are untouched, as shared.data_version does.
_VERSIONS: dict[str, tuple[tuple, tuple[str, str]]] = {}
_VERSIONS_LOCK = threading.Lock()


def _versions() -> tuple[str, str]:
    """(follow-ups and their progress notes, notes on the numbers): each changes with every
    write to it."""
    db = shared.database()
    key = str(db.path)
    before = shared._file_state(db.path)
    with _VERSIONS_LOCK:
        remembered = _VERSIONS.get(key)
    if remembered is not None and remembered[0] == before:
        return remembered[1]
    versions = (followup_view.version(db), number_notes.version(db))
    after = shared._file_state(db.path)
    newest = max((s[2] for s in after if s is not None), default=0)
    if after == before and time.time_ns() - newest > shared.SETTLED_NS:
        with _VERSIONS_LOCK:
            _VERSIONS[key] = (after, versions)
    return versions


def followups_version() -> str:
    """Changes with every follow-up change, progress note and note on the numbers."""
    return "|".join(_versions())


def number_notes_version() -> str:
    """Changes with every note on the numbers added or removed."""
    return _versions()[1]


@shared.built
def _lines(path: str, version: str, fversion: str, as_of: dt.date) -> tuple[FollowupLine, ...]:
    series = shared.indicators_series(shared.weekly_dates(as_of))
    return tuple(followup_view.followup_lines(Database(path), as_of, series=series))


def lines(as_of: dt.date, user: User | None, region: str | None = None) -> list[FollowupLine]:
    """The follow-ups ``user`` may read on ``as_of`` (None: all, as a dashboard reader
    without login), of ``region`` only when given (a code or followups.PROVINCE), overdue
    first, then open, then done and cancelled. Cached per data and follow-up version."""
    found = _lines(str(shared.database().path), shared.data_version(), followups_version(), as_of)
    visible = followups.visible_regions(user)
    return [
        line
        for line in found
        if (visible is None or line.followup.kode_wilayah in visible)
        and (region is None or line.followup.kode_wilayah == region)
    ]


def counts(as_of: dt.date) -> tuple[int, int]:
    """(open, overdue) follow-ups on ``as_of``, province-wide ones included."""
    found = lines(as_of, None)
    return sum(line.is_open for line in found), sum(line.is_overdue for line in found)


def overdue_regions(as_of: dt.date) -> frozenset[str]:
    """Regencies with an overdue follow-up on ``as_of`` (Ringkasan's marker)."""
    return frozenset(
        line.followup.kode_wilayah
        for line in lines(as_of, None)
        if line.is_overdue and line.followup.kode_wilayah != followups.PROVINCE
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _number_notes(path: str, notes_version: str, region: str | None, until: dt.date | None):
    return number_notes.notes_for(Database(path), region, until)


def notes_on_numbers(region: str | None, until: dt.date | None) -> list:
    """Notes on the numbers of ``region`` (None: every regency) up to ``until``, cached
    until a note is added or removed."""
    return _number_notes(str(shared.database().path), number_notes_version(), region, until)


def deck_inputs(
    as_of: dt.date, scope: tuple[str, ...] | None = None
) -> tuple[tuple[FollowupLine, ...], list]:
    """What the meeting deck shows of the follow-ups and the notes on the numbers: all of
    them, or those of the regions in ``scope`` (``followups.visible_regions``: an operator
    reads its own regency's and the province-wide follow-ups, here as on the other pages)."""
    shown = tuple(
        line for line in lines(as_of, None) if scope is None or line.followup.kode_wilayah in scope
    )
    return shown, notes_on_numbers(None, as_of)


@shared.built
def _drafts(path: str, version: str, as_of: dt.date) -> dict[str, FollowupDraft]:
    series = shared.indicators_series(shared.weekly_dates(as_of))
    modules = training_detail.module_completion(Database(path), as_of)
    return attention_drafts(series, modules, load_config())


def drafts(as_of: dt.date) -> dict[str, FollowupDraft]:
    """Pre-filled follow-ups of the attention list on ``as_of``, most urgent first."""
    return _drafts(str(shared.database().path), shared.data_version(), as_of)


# ---------------------------------------------------------------------- roles


def may_note(user: User | None, line: FollowupLine) -> bool:
    if user is None or user.role == auth.VIEWER:
        return False
    return user.role == auth.ADMIN or line.followup.kode_wilayah == user.region


def is_admin(user: User | None) -> bool:
    return user is not None and user.role == auth.ADMIN


def role_hint(user: User | None) -> str | None:
    """What this reader can do here, for those who can change nothing (None: admins)."""
    if user is None:
        return (
            "Anda membaca tanpa masuk. Admin provinsi mengelola tindak lanjut; operator "
            "kabupaten/kota mencatat perkembangannya setelah masuk (halaman Unggah Data)."
        )
    if user.role == auth.VIEWER:
        return "Akun peninjau hanya membaca tindak lanjut; tidak dapat mengubahnya."
    if user.role == auth.OPERATOR:
        return (
            f"Anda dapat mencatat perkembangan tindak lanjut {user.region} "
            f"{auth.region_name(user.region or '')}; admin provinsi yang menambah, mengubah, "
            "menutup dan membatalkannya."
        )
    return None


# ---------------------------------------------------------------------- writes
# Every write runs in the callback of the button that asks for it, as the account is at
# that moment (read again; an account changed meanwhile is refused by analytics), with the
# values the form held. Its outcome is kept for the next run, shown where it was asked
# (``slot``) even when the form is no longer drawn (the follow-up closed meanwhile).

ADD_FIELDS = ("region", "topic", "text", "pic", "due", "meeting_date", "title")
RERUN_APP_KEY = "tl_rerun_app"  # a write from inside a fragment (Mode Rapat): rerun the app


def flash(slot: str = "") -> None:
    """The outcome of the last change asked for here (``slot``): its confirmation, or the
    Indonesian refusal from analytics, once."""
    st.session_state.pop(RERUN_APP_KEY, None)  # this run already shows the change
    outcome = st.session_state.pop(FLASH_KEY + slot, None)
    if outcome is None:
        return
    kind, text = outcome
    if kind == "success":
        st.success(shared.plain(text), icon=":material/check_circle:")
    else:
        st.error(shared.plain(text))


def _run(write, done, slot: str = "") -> None:
    """Callback: ``write(user)`` as the account is now, then ``done(result)`` the
    confirmation; a refusal keeps its message instead."""
    user = auth_ui.current_user()
    try:
        if user is None:
            raise NotAllowed(msg("followup_login_needed"))
        outcome = ("success", done(write(user)))
    except Refusal as exc:
        outcome = ("error", str(exc))
    st.session_state[FLASH_KEY + slot] = outcome
    st.session_state[RERUN_APP_KEY] = True


def rerun_app_after_write() -> None:
    """Inside a fragment: after a write, rerun the whole app (the deck shows the change)."""
    if st.session_state.pop(RERUN_APP_KEY, False):
        st.rerun(scope="app")


def _value(key: str):
    return st.session_state.get(key)


def _add(suffix: str, regions: dict[str, str]) -> None:
    region, due = _value(f"{suffix}_region") or "", _value(f"{suffix}_due")

    def write(user: User) -> int:
        return followups.add(
            shared.database(), user, region=region, topic=_value(f"{suffix}_topic"),
            text=_value(f"{suffix}_text"), due=due, pic=_value(f"{suffix}_pic"),
            meeting_date=_value(f"{suffix}_meeting_date"),
            meeting_title=_value(f"{suffix}_title"),
        )  # fmt: skip

    def done(followup_id: int) -> str:
        for field in ADD_FIELDS:  # the form starts again from its draft
            st.session_state.pop(f"{suffix}_{field}", None)
        label = view.region_choice(followups.parse_region(region), regions)
        return msg("followup_added", id=followup_id, region=label, due=fmt.date(due))

    _run(write, done)


def add_form(draft: FollowupDraft, key: str, regions: dict[str, str]) -> None:
    """The add form, filled from ``draft``; the admin edits and confirms. Widget keys carry
    the draft's region so another row starts from its own values."""
    codes = [followups.PROVINCE, *regions]
    suffix = f"{key}_{draft.region or 'baru'}"
    with st.form(f"{key}_form", border=True):
        st.selectbox(
            "Wilayah",
            codes,
            index=codes.index(draft.region) if draft.region in codes else None,
            format_func=lambda c: view.region_choice(c, regions),
            placeholder="Pilih kabupaten/kota atau seluruh provinsi",
            key=f"{suffix}_region",
        )
        st.text_input(
            "Topik", value=draft.topic, max_chars=followups.SHORT_MAX, help=TOPIC_HELP,
            key=f"{suffix}_topic",
        )  # fmt: skip
        st.text_area(
            "Isi tindak lanjut", value=draft.text, max_chars=followups.TEXT_MAX,
            key=f"{suffix}_text",
        )  # fmt: skip
        st.text_input(
            "Penanggung jawab (boleh kosong)", value=draft.pic, max_chars=followups.SHORT_MAX,
            key=f"{suffix}_pic",
        )  # fmt: skip
        left, middle, right = st.columns([1, 1, 2])
        left.date_input("Jatuh tempo", value=draft.due, format="DD/MM/YYYY", key=f"{suffix}_due")
        middle.date_input(
            "Tanggal rapat", value=draft.meeting_date, format="DD/MM/YYYY",
            key=f"{suffix}_meeting_date",
        )  # fmt: skip
        right.text_input(
            "Judul rapat", value=draft.meeting_title, max_chars=followups.SHORT_MAX,
            key=f"{suffix}_title",
        )  # fmt: skip
        st.form_submit_button(
            "Simpan tindak lanjut", type="primary", icon=":material/add_task:",
            on_click=_add, args=(suffix, regions),
        )  # fmt: skip


def note_form(line: FollowupLine, key: str) -> None:
    """A progress note (admins; an operator on its own regency's follow-ups)."""
    fid = line.followup.id
    with st.form(f"{key}_note_form", clear_on_submit=True, border=False):
        st.text_area(
            "Catatan perkembangan", max_chars=followups.TEXT_MAX, key=f"{key}_note_text",
            placeholder="Misalnya: 12 PPS dilantik 28 Agustus; sisanya dijadwalkan 2 September.",
        )  # fmt: skip
        st.form_submit_button(
            "Tambah catatan", icon=":material/note_add:", on_click=_run, args=(
                lambda user: followups.add_note(
                    shared.database(), user, fid, _value(f"{key}_note_text")
                ),
                lambda _: msg("followup_noted", id=fid),
            ),
        )  # fmt: skip


def admin_actions(line: FollowupLine, key: str, regions: dict[str, str]) -> None:
    """Edit an open follow-up; mark it done or cancel it (admins)."""
    f = line.followup
    if f.status != followups.OPEN:
        return
    with st.expander("Ubah tindak lanjut ini"), st.form(f"{key}_edit_form", border=False):
        codes = [followups.PROVINCE, *regions]
        st.selectbox(
            "Wilayah", codes, index=codes.index(f.kode_wilayah),
            format_func=lambda c: view.region_choice(c, regions), key=f"{key}_edit_region",
        )  # fmt: skip
        st.text_input(
            "Topik", value=f.topik, max_chars=followups.SHORT_MAX, help=TOPIC_HELP,
            key=f"{key}_edit_topic",
        )  # fmt: skip
        st.text_area(
            "Isi tindak lanjut", value=f.isi, max_chars=followups.TEXT_MAX,
            key=f"{key}_edit_text",
        )  # fmt: skip
        st.text_input(
            "Penanggung jawab", value=f.penanggung_jawab or "", max_chars=followups.SHORT_MAX,
            key=f"{key}_edit_pic",
        )  # fmt: skip
        st.date_input(
            "Jatuh tempo", value=f.jatuh_tempo, format="DD/MM/YYYY", key=f"{key}_edit_due"
        )
        st.form_submit_button(
            "Simpan perubahan", icon=":material/save:", on_click=_run, args=(
                lambda user: followups.edit(
                    shared.database(), user, f.id, region=_value(f"{key}_edit_region"),
                    topic=_value(f"{key}_edit_topic"), text=_value(f"{key}_edit_text"),
                    pic=_value(f"{key}_edit_pic"), due=_value(f"{key}_edit_due"),
                ),
                lambda version: msg("followup_edited", id=f.id, version=version),
            ),
        )  # fmt: skip
    buttons = st.container(horizontal=True)
    buttons.button(
        "Tandai selesai", icon=":material/task_alt:", key=f"{key}_close", on_click=_run, args=(
            lambda user: followups.close(shared.database(), user, f.id),
            lambda _: msg("followup_closed", id=f.id),
        ),
    )  # fmt: skip
    buttons.button(
        "Batalkan", icon=":material/cancel:", key=f"{key}_cancel", on_click=_run, args=(
            lambda user: followups.close(shared.database(), user, f.id, cancel=True),
            lambda _: msg("followup_cancelled", id=f.id),
        ),
    )  # fmt: skip


# ---------------------------------------------------------------------- display


def detail(line: FollowupLine, user: User | None, key: str, regions: dict[str, str]) -> None:
    """One follow-up: what was agreed, who and when, the linked indicator then and now, the
    progress notes, and the forms this user's role allows."""
    f = line.followup
    st.markdown(shared.plain(f.isi))
    facts = [f"{line.region_name}", f"jatuh tempo {fmt.date(f.jatuh_tempo)}"]
    if f.penanggung_jawab:
        facts.append(f"penanggung jawab {f.penanggung_jawab}")
    meeting = view.meeting_text(line)
    if meeting:
        facts.append(f"dari {meeting}")
    st.caption(shared.plain(" · ".join(facts)))
    indicator = line.indicator_text()
    if indicator:
        st.markdown(f"**{shared.plain(indicator)}**")
    notes = view.note_texts(line)
    if notes:
        st.markdown("**Catatan perkembangan**")
        for when, text in notes:
            st.caption(shared.plain(when))
            st.markdown(shared.plain(text))
    else:
        st.caption("Belum ada catatan perkembangan.")
    if may_note(user, line):
        note_form(line, key)
    if is_admin(user):
        admin_actions(line, key, regions)


def attention_form(user: User | None, as_of: dt.date, region: str | None) -> None:
    """Under the *Perlu perhatian* slide: an admin turns a row into a follow-up in one step
    (choose the regency; the form comes filled from its row). Drawn inside Mode Rapat's
    fragment: after a write the whole app reruns, so the deck shows the new follow-up."""
    rerun_app_after_write()
    flash()
    if not is_admin(user):
        return
    found = drafts(as_of)
    if region is not None:
        found = {code: d for code, d in found.items() if code == region}
    if not found:
        return
    names = shared.region_names()
    with st.container(border=True, key="mr_followup"):
        st.markdown("**Jadikan tindak lanjut** (admin)")
        code = st.selectbox(
            "Kabupaten/kota dari daftar perlu perhatian",
            list(found),
            format_func=lambda c: view.region_choice(c, names),
            key="mr_followup_region",
        )
        add_form(found[code], "mr_fu", names)


def region_section(region: str, name: str, as_of: dt.date, user: User | None) -> None:
    """Profil: the regency's follow-ups, open first, each with its notes and the forms the
    reader's role allows."""
    st.subheader("Tindak lanjut rapat")
    flash()
    if user is not None and user.role == auth.OPERATOR and user.region != region:
        st.caption("Akun operator hanya melihat tindak lanjut kabupaten/kotanya sendiri.")
        return
    found = lines(as_of, user, region)
    if not found:
        st.info(f"Belum ada tindak lanjut rapat untuk {shared.plain(name)}.")
    names = shared.region_names()
    for line in found:
        with st.expander(shared.plain(view.heading(line)), expanded=line.is_open):
            detail(line, user, f"pf_{line.followup.id}", names)
    st.page_link(
        "pages/tindak_lanjut.py", label="Semua tindak lanjut rapat", icon=":material/task_alt:"
    )


def _add_number_note(region: str) -> None:
    day, text = _value("pf_note_date"), _value("pf_note_text")
    _run(
        lambda user: number_notes.add(shared.database(), user, region, day, text),
        lambda note_id: msg(
            "number_note_added",
            id=note_id,
            region=view.region_choice(region, shared.region_names()),
            date=fmt.date(day),
        ),
        NOTES_SLOT,
    )


def number_notes_section(region: str, as_of: dt.date, user: User | None) -> None:
    """Profil: the notes on this regency's numbers (marked on its trend charts); admins
    add and remove them."""
    notes = notes_on_numbers(region, None)
    admin = is_admin(user)
    flash(NOTES_SLOT)
    if not notes and not admin:
        return
    st.markdown("**Catatan pada angka** (ditandai ★ pada grafik per pekan)")
    for note in notes:
        row = st.container(horizontal=True, vertical_alignment="center")
        row.markdown(
            f"**{fmt.date(note.tanggal)}** · {shared.plain(note.teks)} "
            f"· _{shared.plain(note.dibuat_oleh)}_",
            width="stretch",
        )
        if admin:
            row.button(
                "Hapus", icon=":material/delete:", key=f"pf_note_rm_{note.id}", on_click=_run,
                args=(
                    lambda user, note=note: number_notes.remove(shared.database(), user, note.id),
                    lambda _, note=note: msg("number_note_removed", id=note.id),
                    NOTES_SLOT,
                ),
            )  # fmt: skip
    if not admin:
        return
    with st.form("pf_note_form", clear_on_submit=True, border=True):
        day, text = st.columns([1, 3], vertical_alignment="bottom")
        day.date_input("Tanggal angka", value=as_of, format="DD/MM/YYYY", key="pf_note_date")
        text.text_input(
            "Catatan (admin)", max_chars=number_notes.TEXT_MAX, key="pf_note_text",
            placeholder="Misalnya: 3 anggota PPS mengundurkan diri, PAW dijadwalkan 2 Sep",
        )  # fmt: skip
        st.form_submit_button(
            "Tambah catatan angka", icon=":material/add_comment:", on_click=_add_number_note,
            args=(region,),
        )  # fmt: skip
