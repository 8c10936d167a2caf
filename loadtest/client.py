"""One viewer without a browser: Streamlit's websocket protocol, as the frontend speaks it.

What the frontend does for a page load, and so what ``Viewer.open`` does:

1. ``GET /_stcore/health`` and ``GET /_stcore/host-config`` (the frontend's "ping" before
   it opens the socket);
2. opens ``/_stcore/stream`` offering the subprotocols ``streamlit`` and an auth token
   (the ``_streamlit_xsrf`` cookie, or ``PLACEHOLDER_AUTH_TOKEN`` without one). The
   server accepts any token; it is only checked to read Streamlit's own login cookie,
   which SIAGA does not use (anonymous viewers, ``read_without_login``);
3. sends one ``BackMsg.rerun_script`` with the page's URL path as ``page_name`` (""
   for the default page), the query string and the browser context, and no page hash;
4. reads ``ForwardMsg`` frames (one protobuf per binary frame) until ``script_finished``
   says the run ended. ``FINISHED_EARLY_FOR_RERUN`` (``st.rerun()``) is not the end.

The session then stays open, its frames read and dropped, until ``close``: a browser
tab keeps its session while its reader looks at the page.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

STREAM_PATH = "/_stcore/stream"
# What the frontend offers when it has no XSRF cookie (see the module docstring).
NO_TOKEN = "PLACEHOLDER_AUTH_TOKEN"
# Streamlit's text for an uncaught exception when client.showErrorDetails hides details.
GENERIC_ERROR_TEXT = b"This app has encountered an error"

# Error kinds a session can end with (None: finished without error).
EXCEPTION = "exception"  # an exception element (st.exception or an uncaught exception)
ERROR_TEXT = "error-text"  # "This app has encountered an error" somewhere in the page
COMPILE_ERROR = "compile-error"  # script_finished FINISHED_WITH_COMPILE_ERROR
PAGE_NOT_FOUND = "page-not-found"  # the URL path names no page (default page shown)
WRONG_PAGE = "wrong-page"  # the run ended on another page than the one asked for
TIMEOUT = "timeout"  # no script_finished within the timeout
CLOSED = "closed"  # the server closed the socket before the run finished
CONNECT = "connect"  # no connection (refused, handshake failed)


@dataclass(frozen=True)
class Page:
    """A page as a browser asks for it: its label, URL path ("" = default page), query."""

    label: str
    url_path: str
    query: str = ""

    @property
    def url(self) -> str:
        return f"/{self.url_path}" + (f"?{self.query}" if self.query else "")


@dataclass
class SessionResult:
    """One page open: seconds from the first request to ``script_finished``, and errors."""

    page: str
    seconds: float | None = None  # None when the run never finished
    error: str | None = None  # the first error kind met (see the constants above)
    detail: str = ""  # a short description of the error
    messages: int = 0  # ForwardMsg frames read until the run finished
    payload_bytes: int = 0
    reruns: int = 0  # runs that ended early for a rerun (st.rerun) before the last one
    ran: str | None = None  # URL path of the page the last run showed (from st.navigation)
    kinds: set[str] = field(default_factory=set)  # every error kind met

    @property
    def ok(self) -> bool:
        return self.error is None


def rerun_message(page: Page, base_url: str) -> BackMsg:
    """The BackMsg the frontend sends on connect for ``page`` (widget states empty)."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = page.query
    state.page_script_hash = ""
    state.page_name = page.url_path
    context = state.context_info
    context.timezone = "Asia/Jakarta"
    context.timezone_offset = -420  # JavaScript's getTimezoneOffset() for UTC+7
    context.locale = "id-ID"
    context.url = base_url + page.url
    context.is_embedded = False
    context.color_scheme = "light"
    state.widget_states.SetInParent()
    return msg


def message_errors(msg: ForwardMsg, raw: bytes = b"") -> list[tuple[str, str]]:
    """The errors one ForwardMsg shows: (kind, detail) pairs, empty when it shows none.

    An exception element that is only a warning (``is_warning``, e.g. a deprecation
    notice) is not an error. ``raw`` (the frame as received) is searched for Streamlit's
    generic error text, wherever the page shows it.
    """
    found: list[tuple[str, str]] = []
    kind = msg.WhichOneof("type")
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        element = msg.delta.new_element
        if element.WhichOneof("type") == "exception" and not element.exception.is_warning:
            exc = element.exception
            found.append((EXCEPTION, f"{exc.type}: {exc.message}"[:300]))
    elif (
        kind == "script_finished" and msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR
    ):
        found.append((COMPILE_ERROR, "script finished with a compile error"))
    elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
        exc = msg.session_event.script_compilation_exception
        found.append((COMPILE_ERROR, f"{exc.type}: {exc.message}"[:300]))
    elif kind == "page_not_found":
        found.append((PAGE_NOT_FOUND, f"page not found: {msg.page_not_found.page_name!r}"))
    if GENERIC_ERROR_TEXT in raw and not any(k == EXCEPTION for k, _ in found):
        found.append((ERROR_TEXT, GENERIC_ERROR_TEXT.decode()))
    return found


def run_finished(msg: ForwardMsg) -> bool:
    """True for the ``script_finished`` that ends a page load (not one before a rerun)."""
    return msg.WhichOneof("type") == "script_finished" and msg.script_finished in (
        ForwardMsg.FINISHED_SUCCESSFULLY,
        ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
    )


def page_ran(navigation: ForwardMsg) -> tuple[str, bool] | None:
    """(URL path, is default) of the page a ``navigation`` ForwardMsg says runs."""
    chosen = navigation.navigation.page_script_hash
    for app_page in navigation.navigation.app_pages:
        if app_page.page_script_hash == chosen:
            return app_page.url_pathname, app_page.is_default
    return None


def is_page_asked(page: Page, ran: tuple[str, bool] | None) -> bool:
    """True when the page that ran is the one asked for ("" asks for the default page)."""
    if ran is None:
        return False
    url_path, is_default = ran
    return is_default if page.url_path == "" else url_path == page.url_path


async def _http_get(host: str, port: int, path: str, timeout: float) -> int:
    """Status code of a plain HTTP/1.1 GET (the frontend's pings)."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode()
        )
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), timeout)
        await asyncio.wait_for(reader.read(), timeout)
        parts = status_line.split()
        if len(parts) < 2 or not parts[1].isdigit():
            raise OSError(f"GET {path}: no HTTP answer ({status_line[:80]!r})")
        return int(parts[1])
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()


class Viewer:
    """One browser tab on the app at ``base_url`` (e.g. ``http://127.0.0.1:8501``)."""

    def __init__(self, base_url: str, *, preflight: bool = True) -> None:
        self.base_url = base_url.rstrip("/")
        self.preflight = preflight
        self._ws: ClientConnection | None = None
        self._drain: asyncio.Task[None] | None = None

    async def open(self, page: Page, timeout: float = 120.0) -> SessionResult:
        """Load ``page`` and wait for its run to finish; the session then stays open."""
        result = SessionResult(page=page.label)
        started = time.perf_counter()
        try:
            await asyncio.wait_for(self._load(page, result, started), timeout)
        except TimeoutError:
            _note(result, TIMEOUT, f"no script_finished within {timeout:g} s")
        except ConnectionClosed as exc:
            _note(result, CLOSED, f"socket closed before the run finished: {exc}")
        except (OSError, InvalidHandshake) as exc:
            _note(result, CONNECT, f"{type(exc).__name__}: {exc}"[:300])
        if self._ws is not None and result.seconds is not None:
            self._drain = asyncio.create_task(self._discard_frames(self._ws))
        return result

    async def _load(self, page: Page, result: SessionResult, started: float) -> None:
        parts = urlsplit(self.base_url)
        host, port = parts.hostname or "127.0.0.1", parts.port or 80
        if self.preflight:
            for path in ("/_stcore/health", "/_stcore/host-config"):
                status = await _http_get(host, port, path, timeout=60)
                if status != 200:
                    raise OSError(f"GET {path} answered {status}")
        ws_url = f"ws://{host}:{port}{STREAM_PATH}"
        self._ws = await connect(
            ws_url,
            subprotocols=["streamlit", NO_TOKEN],  # type: ignore[list-item]
            origin=self.base_url,  # type: ignore[arg-type]
            max_size=None,  # a page's frames can be large (charts, tables)
            open_timeout=None,  # the caller's timeout covers the whole load
            ping_interval=None,  # the frontend sends no websocket pings either
        )
        await self._ws.send(rerun_message(page, self.base_url).SerializeToString())
        navigation: ForwardMsg | None = None  # the last run's st.navigation, if it had one
        async for frame in self._ws:
            raw = frame if isinstance(frame, bytes) else frame.encode()
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            result.messages += 1
            result.payload_bytes += len(raw)
            for kind, detail in message_errors(msg, raw):
                _note(result, kind, detail)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                navigation = None
            elif kind == "navigation":
                navigation = msg
            elif kind == "script_finished":
                if run_finished(msg):
                    result.seconds = time.perf_counter() - started
                    if navigation is not None:  # an app with st.navigation: which page ran
                        ran = page_ran(navigation)
                        result.ran = ran[0] if ran else None
                        if not is_page_asked(page, ran):
                            _note(result, WRONG_PAGE, f"asked {page.url!r}, ran {result.ran!r}")
                        if result.error == PAGE_NOT_FOUND:
                            result.detail += f"; ran {result.ran!r}"
                    return
                if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    result.reruns += 1
        raise ConnectionClosed(None, None)

    @staticmethod
    async def _discard_frames(ws: ClientConnection) -> None:
        with contextlib.suppress(ConnectionClosed):
            async for _ in ws:
                pass

    async def close(self) -> None:
        """Close the session (a tab closed); safe to call twice or after a failed open."""
        ws, self._ws = self._ws, None
        if ws is not None:
            with contextlib.suppress(OSError, ConnectionClosed):
                await asyncio.wait_for(ws.close(), 10)
        if self._drain is not None:
            self._drain.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._drain
            self._drain = None


def _note(result: SessionResult, kind: str, detail: str) -> None:
    result.kinds.add(kind)
    if result.error is None:
        result.error, result.detail = kind, detail


async def open_page(base_url: str, page: Page, timeout: float = 120.0) -> SessionResult:
    """Open ``page`` in a new session, wait for its run, close the session."""
    viewer = Viewer(base_url)
    try:
        return await viewer.open(page, timeout)
    finally:
        await viewer.close()
