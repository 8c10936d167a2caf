"""The load benchmark's client and server helper (python -m loadtest), timing nothing.

The client must see a page load end as a browser does and tell a clean run from one that
shows an error: canned ForwardMsgs check what counts as an error, a tiny app that raises
or hangs checks it on a real server, and SIAGA's app on a demo database checks that
every page loads through the websocket protocol, several sessions at once.
"""

from __future__ import annotations

import asyncio
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from loadtest import client
from loadtest.client import (
    Page,
    Viewer,
    is_page_asked,
    message_errors,
    open_page,
    page_ran,
    rerun_message,
    run_finished,
)
from loadtest.scenarios import MIX, RINGKASAN, mix_pages, percentile, summarize
from loadtest.server import AppServer, build_demo_db

# --- what counts as an error (no server) ----------------------------------------------


def _exception_msg(is_warning: bool = False) -> ForwardMsg:
    msg = ForwardMsg()
    exc = msg.delta.new_element.exception
    exc.type = "RuntimeError"
    exc.message = "boom"
    exc.is_warning = is_warning
    return msg


def test_an_exception_element_is_an_error():
    assert message_errors(_exception_msg()) == [(client.EXCEPTION, "RuntimeError: boom")]


def test_a_warning_shown_as_an_exception_element_is_not_an_error():
    assert message_errors(_exception_msg(is_warning=True)) == []


def test_the_generic_error_text_anywhere_is_an_error():
    msg = ForwardMsg()
    msg.delta.new_element.markdown.body = f"x {client.GENERIC_ERROR_TEXT.decode()}. y"
    raw = msg.SerializeToString()
    assert [kind for kind, _ in message_errors(msg, raw)] == [client.ERROR_TEXT]
    plain = ForwardMsg()
    plain.delta.new_element.markdown.body = "Ringkasan Provinsi"
    assert message_errors(plain, plain.SerializeToString()) == []


def test_a_compile_error_ends_the_run_as_an_error():
    msg = ForwardMsg()
    msg.script_finished = ForwardMsg.FINISHED_WITH_COMPILE_ERROR
    assert [kind for kind, _ in message_errors(msg)] == [client.COMPILE_ERROR]
    assert run_finished(msg)
    event = ForwardMsg()
    event.session_event.script_compilation_exception.type = "SyntaxError"
    assert [kind for kind, _ in message_errors(event)] == [client.COMPILE_ERROR]


def test_a_run_stopped_for_a_rerun_is_not_the_end_of_the_load():
    msg = ForwardMsg()
    msg.script_finished = ForwardMsg.FINISHED_EARLY_FOR_RERUN
    assert not run_finished(msg)
    assert message_errors(msg) == []
    done = ForwardMsg()
    done.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
    assert run_finished(done)
    assert message_errors(done) == []


def test_page_not_found_is_an_error():
    msg = ForwardMsg()
    msg.page_not_found.page_name = ""
    assert [kind for kind, _ in message_errors(msg)] == [client.PAGE_NOT_FOUND]


def test_the_page_that_ran_is_read_from_st_navigation():
    msg = ForwardMsg()
    for url_path, is_default in (("", True), ("bimtek", False), ("ringkasan", False)):
        app_page = msg.navigation.app_pages.add()
        app_page.page_script_hash = f"hash-{url_path}"
        app_page.url_pathname = url_path
        app_page.is_default = is_default
    msg.navigation.page_script_hash = "hash-bimtek"
    assert page_ran(msg) == ("bimtek", False)
    assert is_page_asked(Page("Bimtek", "bimtek"), page_ran(msg))
    assert not is_page_asked(RINGKASAN, page_ran(msg))
    msg.navigation.page_script_hash = "hash-"
    assert is_page_asked(RINGKASAN, page_ran(msg))  # "" asks for the default page
    assert not is_page_asked(Page("Bimtek", "bimtek"), page_ran(msg))
    msg.navigation.page_script_hash = "unknown"
    assert page_ran(msg) is None
    assert not is_page_asked(RINGKASAN, None)


def test_the_rerun_request_names_the_page_as_the_frontend_does():
    page = Page("Profil", "profil", "wilayah=33.01")
    msg = BackMsg()
    msg.ParseFromString(rerun_message(page, "http://127.0.0.1:1").SerializeToString())
    assert msg.WhichOneof("type") == "rerun_script"
    state = msg.rerun_script
    assert (state.page_name, state.query_string, state.page_script_hash) == (
        "profil",
        "wilayah=33.01",
        "",
    )
    assert state.context_info.url == "http://127.0.0.1:1/profil?wilayah=33.01"
    assert state.HasField("widget_states")
    assert rerun_message(RINGKASAN, "http://h").rerun_script.page_name == ""  # default page


def test_percentiles_and_summary():
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile([1.0, 2.0], 95) == pytest.approx(1.95)
    results = [
        client.SessionResult("A", seconds=1.0),
        client.SessionResult("A", seconds=3.0),
        client.SessionResult("A", error=client.TIMEOUT),
    ]
    summary = summarize(results)
    assert (summary["sessions"], summary["finished"], summary["errors"]) == (3, 2, 1)
    assert (summary["p50_s"], summary["max_s"]) == (2.0, 3.0)
    assert summary["error_kinds"] == {client.TIMEOUT: 1}


def test_the_mix_covers_every_page_and_walks_the_regencies():
    pages = mix_pages(35)
    assert {p.label for p in pages} == {p.label for p in MIX}
    profil = [p.query for p in pages if p.url_path == "profil"]
    assert len(profil) == 6 and len(set(profil)) == 6


# --- a tiny app that raises or hangs, on a real server --------------------------------

TINY_APP = textwrap.dedent(
    """
    import time
    import streamlit as st

    mode = st.query_params.get("mode", "")
    st.write("halo")
    if mode == "raise":
        raise RuntimeError("boom")
    if mode == "hang":
        time.sleep(30)
    """
)


@pytest.fixture(scope="module")
def tiny_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    work = tmp_path_factory.mktemp("loadtest-tiny")
    script = work / "tiny_app.py"
    script.write_text(TINY_APP, encoding="utf-8")
    server = AppServer(work / "unused.duckdb", work / "streamlit.log", script=script)
    with server:
        yield server


def test_the_client_sees_an_uncaught_exception(tiny_server):
    async def scenario():
        return await asyncio.gather(
            open_page(tiny_server.base_url, Page("ok", "")),
            open_page(tiny_server.base_url, Page("raise", "", "mode=raise")),
            open_page(tiny_server.base_url, Page("hang", "", "mode=hang"), timeout=3),
        )

    ok, raised, hung = asyncio.run(scenario())
    log = tiny_server.log_tail()
    assert ok.ok and ok.seconds is not None, (ok, log)
    assert raised.error == client.EXCEPTION and raised.seconds is not None, (raised, log)
    assert "boom" in raised.detail
    assert hung.error == client.TIMEOUT and hung.seconds is None, (hung, log)


def test_no_server_is_a_connect_error(tmp_path):
    from loadtest.server import free_port

    result = asyncio.run(open_page(f"http://127.0.0.1:{free_port()}", RINGKASAN, timeout=5))
    assert result.error == client.CONNECT


# --- SIAGA's app on the demo data ------------------------------------------------------


@pytest.fixture(scope="module")
def siaga_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    work: Path = tmp_path_factory.mktemp("loadtest-siaga")
    db_path = work / "siaga.duckdb"
    build_demo_db(db_path)
    with AppServer(db_path, work / "streamlit.log") as server:
        yield server


def test_every_page_loads_without_error_several_sessions_at_once(siaga_server):
    # One open first, as python -m loadtest warms up: the first deep links after a start
    # (Streamlit's legacy pages/ mode, left through ui/navigation.through_app) are the
    # subject of its restart scenario, not of this test.
    first = asyncio.run(open_page(siaga_server.base_url, RINGKASAN))
    assert first.ok, (first, siaga_server.log_tail())
    pages = [RINGKASAN] * 3 + list(MIX[1:])

    async def scenario():
        viewers = [Viewer(siaga_server.base_url) for _ in pages]
        try:
            return await asyncio.gather(*(v.open(p) for v, p in zip(viewers, pages, strict=True)))
        finally:
            await asyncio.gather(*(v.close() for v in viewers))

    results = asyncio.run(scenario())
    failed = [r for r in results if not r.ok or r.seconds is None]
    assert not failed, (failed, siaga_server.log_tail())
    assert all(r.messages > 5 for r in results)
    assert [r.ran for r in results] == [""] * 3 + [p.url_path for p in MIX[1:]]
    assert siaga_server.cpu_seconds() > 0
    rss, peak = siaga_server.memory_mb()
    assert 0 < rss <= peak


def test_a_url_path_that_names_no_page_is_reported(siaga_server):
    result = asyncio.run(open_page(siaga_server.base_url, Page("salah", "tidak_ada_halaman")))
    assert result.error == client.PAGE_NOT_FOUND
    assert result.seconds is not None  # the default page still ran to its end
    assert result.ran == "" and client.WRONG_PAGE in result.kinds
