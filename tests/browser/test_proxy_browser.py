"""Browser test: SIAGA behind nginx as deployed (deploy/nginx/siaga.conf).

Runs Debian's nginx (not its service) on its own ports with the deploy file itself, only
the ports, certificate, cache and webroot paths substituted, in front of a freshly
started `streamlit run app.py` on a small demo database. Chromium loads Ringkasan over
HTTPS (self-signed certificate made with openssl): the page renders through the proxied
websocket, and the static files arrive gzip-compressed with a long Cache-Control and are
then served from nginx's cache. Also: HTTP redirects to HTTPS, security headers, no
caching of the HTML or /_stcore/, an oversized upload refused by nginx, and an upload
through Unggah Data (login, XSRF, the upload endpoint) accepted. Prints the static bytes
transferred with and without gzip.

Skipped when nginx, openssl or chromium is missing (`make test` installs them as root).
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import pytest

from tests.browser.test_pages_browser import (  # noqa: F401  (fixtures used by name)
    ARTIFACTS_DIR,
    CHROMIUM,
    PAGE_TIMEOUT_MS,
    REPO_ROOT,
    Server,
    _free_port,
    _tail,
    _wait_app_idle,
    assert_through_app,
    browser,
    running_server,
)

DEPLOY_CONF = REPO_ROOT / "deploy" / "nginx" / "siaga.conf"
NGINX = (
    os.environ.get("SIAGA_NGINX")
    or shutil.which("nginx")
    or shutil.which("nginx", path="/usr/sbin:/sbin:/usr/local/sbin")
)
OPENSSL = shutil.which("openssl")
START_TIMEOUT_S = 20
GZIP_MIN_LENGTH = 1024  # gzip_min_length of the deploy file: smaller responses stay plain

pytestmark = [
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} not found: browser tests need chromium"
    ),
    pytest.mark.skipif(
        NGINX is None,
        reason="nginx not found: the proxy test needs Debian's nginx "
        "(apt-get install -y nginx; `make test` does this as root)",
    ),
    pytest.mark.skipif(OPENSSL is None, reason="openssl not found: needed for a test certificate"),
]

# The test's own nginx.conf around the deploy file: foreground, one process as the current
# user, every path in the test's folder (Debian's /etc/nginx/nginx.conf is not read).
MAIN_CONF = """\
daemon off;
master_process off;
pid {work}/nginx.pid;
error_log {work}/error.log info;
events {{ worker_connections 1024; }}
http {{
    {mime_types}
    default_type application/octet-stream;
    access_log {work}/access.log;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/siaga.conf;
}}
"""


class Proxy(NamedTuple):
    https_url: str
    http_url: str
    app: Server  # the Streamlit server behind it (its log)
    work: Path
    db_path: Path
    visitor_url: str | None  # the same proxy on this machine's network address, if any


def render_site(text: str, **values) -> str:
    """deploy/nginx/siaga.conf for the test: the same file, its ports and paths replaced.
    Each replaced text must be in the file, so a changed deploy file fails here loudly
    instead of being tested in a form nobody deploys."""
    substitutions = [
        ("listen 80;", f"listen 127.0.0.1:{values['http_port']};"),
        ("listen [::]:80;", ""),  # CI containers may have no IPv6
        (
            "listen 443 ssl http2;",
            "\n    ".join(
                f"listen {address}:{values['https_port']} ssl http2;"
                for address in ("127.0.0.1", *values["more_addresses"])
            ),
        ),  # fmt: skip
        ("listen [::]:443 ssl http2;", ""),
        ("server 127.0.0.1:8501;", f"server 127.0.0.1:{values['app_port']};"),
        ("/etc/ssl/siaga/fullchain.pem", str(values["cert"])),
        ("/etc/ssl/siaga/privkey.pem", str(values["key"])),
        ("/var/cache/nginx/siaga", str(values["cache"])),
        ("/var/www/letsencrypt", str(values["webroot"])),
    ]
    assert f"gzip_min_length {GZIP_MIN_LENGTH};" in text  # what test_ringkasan assumes
    for old, new in substitutions:
        assert old in text, f"{DEPLOY_CONF} no longer contains {old!r}: update render_site"
        text = text.replace(old, new)
    return text


def _self_signed(work: Path) -> tuple[Path, Path]:
    cert, key = work / "cert.pem", work / "key.pem"
    subprocess.run(
        [OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj",
         "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def _network_address() -> str | None:
    """This machine's address on its network (not loopback), or None: the address a
    browser on this machine connects from when it opens that address."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent; picks the outgoing address
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def _unverified() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """(status, lower-cased headers, raw body as transferred) without following redirects."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, context=_unverified(),
                                           timeout=30)  # fmt: skip
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request("GET", path or "/", headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def _start_nginx(work: Path, conf: Path) -> subprocess.Popen:
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(work), "-c", str(conf), "-e", str(work / "error.log")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if checked.returncode != 0:
        pytest.fail(f"nginx -t refused the rendered deploy config:\n{checked.stderr}")
    log = (work / "nginx.out").open("wb")
    return subprocess.Popen(
        [NGINX, "-p", str(work), "-c", str(conf), "-e", str(work / "error.log")],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def _wait_proxy(proc: subprocess.Popen, url: str, work: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"nginx exited with {proc.returncode}:\n{_tail(work / 'error.log')}")
        try:
            status, _, body = fetch(f"{url}/_stcore/health")
            if status == 200 and body.strip() == b"ok":
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.2)
    pytest.fail(f"no health answer through nginx at {url}:\n{_tail(work / 'error.log')}")


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    from analytics import auth, demo_store, reference
    from analytics.storage import Database

    work = tmp_path_factory.mktemp("siaga-proxy")
    db_path = work / "siaga.duckdb"
    # Two regencies are enough to render every page; Cilacap has a demo operator.
    demo_store.build_demo(db_path, regions=reference.regions().head(2))
    auth.create_demo_users(Database(db_path))
    with running_server(db_path, work) as app:
        cert, key = _self_signed(work)
        ports = {"http_port": _free_port(), "https_port": _free_port()}
        visitor = _network_address()
        site = render_site(
            DEPLOY_CONF.read_text(),
            **ports,
            more_addresses=[visitor] if visitor else [],
            app_port=urlsplit(app.base_url).port,
            cert=cert,
            key=key,
            cache=work / "cache",
            webroot=work / "webroot",
        )
        (work / "siaga.conf").write_text(site)
        mime = Path("/etc/nginx/mime.types")
        conf = work / "nginx.conf"
        conf.write_text(
            MAIN_CONF.format(work=work, mime_types=f"include {mime};" if mime.exists() else "")
        )
        proc = _start_nginx(work, conf)
        try:
            https_url = f"https://127.0.0.1:{ports['https_port']}"
            _wait_proxy(proc, https_url, work)
            yield Proxy(
                https_url,
                f"http://127.0.0.1:{ports['http_port']}",
                app,
                work,
                db_path,
                f"https://{visitor}:{ports['https_port']}" if visitor else None,
            )
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def _logs(proxy: Proxy) -> str:
    return (
        f"--- nginx error.log ---\n{_tail(proxy.work / 'error.log')}\n"
        f"--- streamlit log ---\n{_tail(proxy.app.log_path)}"
    )


def test_ringkasan_through_nginx(proxy: Proxy, browser):  # noqa: F811
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="id-ID", ignore_https_errors=True
    )
    page = context.new_page()
    responses, sockets = [], []
    page.on("response", lambda response: responses.append(response))
    page.on("websocket", lambda socket: sockets.append(socket))
    try:
        page.goto(f"{proxy.https_url}/", timeout=PAGE_TIMEOUT_MS)
        _wait_app_idle(page)
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS_DIR / "proxy_ringkasan.png"), full_page=True)
        body = page.locator('[data-testid="stApp"]').inner_text()
        assert "Ringkasan Provinsi" in body, f"{body[:1000]}\n{_logs(proxy)}"
        assert_through_app(page, "", proxy.app)  # header, filters, menu, no error text
        # The page came over the proxied websocket (nothing renders without it).
        streams = [ws for ws in sockets if urlsplit(ws.url).path == "/_stcore/stream"]
        assert streams and streams[0].url.startswith("wss://"), [ws.url for ws in sockets]
        assert not streams[0].is_closed()
        static = sorted({r.url for r in responses if urlsplit(r.url).path.startswith("/static/")})
        browser_js = [
            r for r in responses if r.url.endswith(".js") and "/static/" in r.url and r.ok
        ]
        # Chromium received the JavaScript compressed (all but files under gzip_min_length).
        assert browser_js, "no /static/*.js loaded"
        plain_js = [
            (r.url, r.all_headers().get("content-length"))
            for r in browser_js
            if r.all_headers().get("content-encoding") != "gzip"
        ]
        assert all(size and int(size) < GZIP_MIN_LENGTH for _, size in plain_js), plain_js
        zipped_js = [r for r in browser_js if r.all_headers().get("content-encoding") == "gzip"]
        assert zipped_js
        js = max(zipped_js, key=lambda r: len(r.body())).url  # the largest bundle
    finally:
        context.close()

    # One of them again, asked explicitly: gzip, long-lived, and now from nginx's cache.
    status, headers, raw = fetch(js, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers.get("content-encoding") == "gzip", headers
    assert raw[:2] == b"\x1f\x8b"  # gzip bytes on the wire
    assert "max-age=" in headers.get("cache-control", ""), headers
    assert "accept-encoding" in headers.get("vary", "").lower(), headers
    assert headers.get("x-cache-status") == "HIT", headers  # the browser's request filled it
    assert "set-cookie" not in headers

    # Bytes of every static file the page loaded, as transferred with and without gzip.
    plain = zipped = 0
    for url in static:
        plain += len(fetch(url)[2])
        zipped += len(fetch(url, {"Accept-Encoding": "gzip"})[2])
    print(
        f"\nstatic files of Ringkasan through nginx: {len(static)} files, "
        f"{plain / 1e6:.2f} MB without gzip, {zipped / 1e6:.2f} MB with gzip "
        f"({zipped / max(plain, 1):.0%})"
    )
    assert zipped < plain


def test_html_and_stcore_are_not_cached_and_carry_security_headers(proxy: Proxy):
    for path in ("/", "/ringkasan", "/_stcore/health", "/_stcore/health"):
        status, headers, _ = fetch(f"{proxy.https_url}{path}", {"Accept-Encoding": "gzip"})
        assert status == 200, (path, status)
        assert "x-cache-status" not in headers, (path, headers)
        assert headers.get("strict-transport-security") == "max-age=31536000"
        assert headers.get("x-content-type-options") == "nosniff"
        assert headers.get("x-frame-options") == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in headers.get("content-security-policy", "")
        assert headers.get("referrer-policy") == "same-origin"
        assert "server" not in headers or "/" not in headers["server"]  # no version
    status, headers, _ = fetch(f"{proxy.https_url}/")
    assert "no-cache" in headers.get("cache-control", ""), headers


def test_http_redirects_to_https(proxy: Proxy):
    status, headers, _ = fetch(f"{proxy.http_url}/bimtek?wilayah=33.01")
    assert status == 301
    assert headers["location"] == "https://127.0.0.1/bimtek?wilayah=33.01"


def test_an_upload_over_the_limit_is_refused_by_nginx(proxy: Proxy):
    # 60 MB announced, nothing sent: nginx answers 413 before Streamlit sees anything.
    parts = urlsplit(proxy.https_url)
    conn = http.client.HTTPSConnection(parts.hostname, parts.port, context=_unverified(),
                                       timeout=30)  # fmt: skip
    try:
        conn.putrequest("PUT", "/_stcore/upload_file/sesi/berkas")
        conn.putheader("Content-Length", str(60 * 1024 * 1024))
        conn.putheader("Content-Type", "multipart/form-data; boundary=x")
        conn.endheaders()
        assert conn.getresponse().status == 413
    finally:
        conn.close()
    # Elsewhere the limit is 1 MB.
    conn = http.client.HTTPSConnection(parts.hostname, parts.port, context=_unverified(),
                                       timeout=30)  # fmt: skip
    try:
        conn.putrequest("POST", "/")
        conn.putheader("Content-Length", str(2 * 1024 * 1024))
        conn.endheaders()
        assert conn.getresponse().status == 413
    finally:
        conn.close()


def test_upload_through_nginx(proxy: Proxy, browser, tmp_path):  # noqa: F811
    """Login and a file through Unggah Data: the upload endpoint, XSRF cookie and header
    all pass the proxy."""
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="id-ID", ignore_https_errors=True
    )
    page = context.new_page()
    app = page.locator('[data-testid="stApp"]')
    try:
        page.goto(f"{proxy.https_url}/unggah", timeout=PAGE_TIMEOUT_MS)
        _wait_app_idle(page)
        page.get_by_label("Nama pengguna").fill("operator-cilacap")
        page.get_by_label("Kata sandi").fill("demo-cilacap-2024")
        page.get_by_role("button", name="Masuk").click()
        _wait_app_idle(page)
        assert "Anda mengunggah untuk 33.01 Kabupaten Cilacap" in app.inner_text(), _logs(proxy)
        upload = tmp_path / "cilacap.csv"
        upload.write_text(
            "kode_wilayah;badan;kecamatan;kebutuhan;terisi;dilantik;perempuan\n"
            "3301;PPK;Kedungreja;5;5;5;2\n",
            encoding="utf-8",
        )
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
        _wait_app_idle(page)
        body = app.inner_text()
        assert "Berkas valid: 1 baris" in body, f"{body[:2000]}\n{_logs(proxy)}"
    finally:
        context.close()


def test_the_app_sees_the_visitor_address_not_the_proxys(proxy: Proxy, browser):  # noqa: F811
    """nginx passes the visitor's address (X-Forwarded-For) and Streamlit's server trusts
    it from 127.0.0.1: the login throttle and the audit log see each visitor, not one
    proxy address for everyone. Needs a non-loopback address (a browser on this machine
    opening it connects from it)."""
    if proxy.visitor_url is None:
        pytest.skip("no network address besides loopback: cannot tell a visitor from nginx")
    from analytics.storage import Database

    visitor = urlsplit(proxy.visitor_url).hostname
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="id-ID", ignore_https_errors=True
    )
    page = context.new_page()
    try:
        page.goto(f"{proxy.visitor_url}/unggah", timeout=PAGE_TIMEOUT_MS)
        _wait_app_idle(page)
        page.get_by_label("Nama pengguna").fill("peninjau-demo")
        page.get_by_label("Kata sandi").fill("bukan-kata-sandi")
        page.get_by_role("button", name="Masuk").click()
        _wait_app_idle(page)
        time.sleep(1.5)  # the back-off after one wrong password (backoff_base_seconds)
        # A success is written at once, with the failure before it (failures are batched).
        page.get_by_label("Kata sandi").fill("demo-peninjau-2024")
        page.get_by_role("button", name="Masuk").click()
        _wait_app_idle(page)
    finally:
        context.close()
    with Database(proxy.db_path).reader() as con:
        rows = con.execute(
            "SELECT outcome, target FROM audit_log WHERE actor = 'peninjau-demo' "
            "AND action = 'masuk' ORDER BY audit_id"
        ).fetchall()
    assert rows == [("gagal", f"dari {visitor}"), ("berhasil", f"dari {visitor}")], (
        f"{rows}\n{_logs(proxy)}"
    )
