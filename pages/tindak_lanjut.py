"""Tindak Lanjut: every follow-up agreed at coordination meetings, filtered, with its notes;
admins add, edit, close and cancel, operators note progress on their own regency's."""

import streamlit as st

from analytics import followups
from analytics import formatting as fmt
from analytics.config import load_config
from analytics.followup_drafts import blank
from analytics.labels import FOLLOWUP_STATUS_LABEL
from analytics.messages import msg
from analytics.views import followups as view
from ui import auth as auth_ui
from ui import followups as followups_ui
from ui import navigation, shared

navigation.through_app()

chosen = shared.require_data()
user = auth_ui.current_user()
names = shared.region_names()
st.title("Tindak Lanjut Rapat")
st.caption(
    f"Yang disepakati dalam rapat koordinasi, keadaannya per {fmt.date(chosen.as_of)}: "
    "yang terlambat dan terbuka di atas. Terlambat = terbuka dan jatuh temponya sudah lewat."
)
hint = followups_ui.role_hint(user)
if hint:
    st.caption(shared.plain(hint))
followups_ui.flash()

visible = followups.visible_regions(user)
everything = followups_ui.lines(chosen.as_of, user)
counts = view.status_counts(everything)
shared.metric_row(
    [(label, fmt.number(counts[key])) for key, label in FOLLOWUP_STATUS_LABEL.items()]
)

regions = [followups.PROVINCE, *(code for code in visible or names if code in names)]
st.session_state.setdefault("tl_region", chosen.region if chosen.region in regions else view.ALL)
choices = st.container(horizontal=True, vertical_alignment="bottom")  # wraps on a phone
status = choices.segmented_control(
    "Status", list(view.STATUS_CHOICES), format_func=view.STATUS_CHOICES.get,
    default=view.ALL, key="tl_status", width="content",
)  # fmt: skip
region = choices.selectbox(
    "Wilayah", [view.ALL, *regions], key="tl_region", width=320,
    format_func=lambda c: view.region_choice(c, names) if c else "Semua wilayah",
)  # fmt: skip
overdue_only = choices.toggle("Hanya yang terlambat", key="tl_overdue", width="content")

shown = view.chosen(
    [line for line in everything if not region or line.followup.kode_wilayah == region],
    status or view.ALL,
    overdue_only,
)
if not shown:
    st.info(msg("followup_list_empty"))
else:
    st.dataframe(
        view.table(shown),
        hide_index=True,
        width="stretch",
        column_config={
            "No.": st.column_config.NumberColumn(width="small"),
            "Isi": st.column_config.TextColumn(width="large"),
            "Indikator dulu → kini": st.column_config.TextColumn(width="medium"),
        },
    )
    st.subheader("Rincian dan catatan perkembangan")
    by_id = {line.followup.id: line for line in shown}
    picked = st.selectbox(
        "Tindak lanjut", list(by_id), key="tl_pick",
        format_func=lambda i: view.option_label(by_id[i]),
    )  # fmt: skip
    with st.container(border=True):
        followups_ui.detail(by_id[picked], user, f"tl_{picked}", names)

if followups_ui.is_admin(user):
    st.subheader("Tambah tindak lanjut")
    draft = blank(chosen.as_of, load_config(), region if region in names else "")
    followups_ui.add_form(draft, "tl_add", names)
