"""Follow-up drafts from the attention list, worked out by hand on the tiny fixture (Kota
Magelang 33.71 reports; the 34 others do not), as of 21 August 2024."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from analytics import meeting, training_detail
from analytics.config import load_config
from analytics.followup_drafts import FollowupDraft, attention_drafts, blank
from tests.ui.support import fixture_db

AS_OF = dt.date(2024, 8, 21)
MEETING = ("Rapat koordinasi 21 Agustus 2024",)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    db = fixture_db(tmp_path_factory.mktemp("drafts") / "siaga.duckdb")
    return meeting.load_series(db, AS_OF), training_detail.module_completion(db, AS_OF)


def only(metric: str, **changes):
    config = load_config()
    kept = tuple(c for c in config.components if c.metric == metric)
    return replace(config, components=kept, **changes)


def test_every_regency_of_the_list_in_its_order(inputs):
    drafts = attention_drafts(*inputs, load_config())
    assert len(drafts) == 35  # Kota Magelang behind, the 34 others not reported
    assert next(iter(drafts)) == "33.71"


def test_the_component_that_pulls_hardest_gives_the_topic(inputs):
    # Kota Magelang's due components: Pantarlih dilantik 0% (weight 1: pull 1 x (1 - 0) = 1)
    # and the candidacy checklist 50% (weight 2: pull 2 x 0,5 = 1) lead, both tertinggal;
    # on a tie the component's name decides (pantarlih_dilantik < pencalonan).
    draft = attention_drafts(*inputs, load_config())["33.71"]
    assert draft == FollowupDraft(
        "33.71", "badan:PANTARLIH", "Percepat pelantikan Pantarlih",
        dt.date(2024, 8, 28), AS_OF, *MEETING,
    )  # fmt: skip


def test_a_training_component_names_its_weakest_due_module(inputs):
    # Bimtek Pantarlih 0% pulls 0,5 x 1 = 0,5, more than PPS (0,5 x 0,75) and PPK; of its
    # modules due by 21 August (M01, M02 on 8 July, M03 on 9 July) all stand at 0%: the
    # earliest deadline, then the code, picks M01.
    draft = attention_drafts(*inputs, only("training_due_completion"))["33.71"]
    assert (draft.topic, draft.text) == (
        "bimtek:PANTARLIH:M01",
        "Tuntaskan bimtek Pantarlih materi M01 (Orientasi dan tata kerja)",
    )


def test_a_late_checklist_names_the_item_that_fell_due_first(inputs):
    # Overdue on 21 August: PC04, PC07 and PC09 (all due 20 August, none selesai).
    draft = attention_drafts(*inputs, only("candidacy_due_completion"))["33.71"]
    assert (draft.topic, draft.text) == (
        "item:PC04",
        "Selesaikan PC04: Sosialisasi persyaratan dan SILON kepada partai politik "
        "(termasuk Putusan MK 60 dan 70/2024)",
    )


def test_a_regency_that_never_reported_is_asked_to_upload(inputs):
    draft = attention_drafts(*inputs, load_config())["33.27"]
    assert (draft.topic, draft.text) == (
        "pelaporan",
        "Unggah data badan ad hoc, bimtek dan persiapan pencalonan",
    )


def test_due_date_comes_from_the_settings(inputs):
    config = replace(load_config(), followup_due_days=3)
    assert attention_drafts(*inputs, config)["33.71"].due == dt.date(2024, 8, 24)
    assert load_config().followup_due_days == 7  # data/indikator.toml [tindak_lanjut]
    assert blank(AS_OF, config, "33.71") == FollowupDraft(
        "33.71", "", "", dt.date(2024, 8, 24), AS_OF, *MEETING
    )
