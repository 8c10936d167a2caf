"""The app under load: a demo database and ``streamlit run app.py`` as ``make run`` starts it.

``make run`` runs ``SIAGA_DB=... .venv/bin/streamlit run app.py $(STREAMLIT_FLAGS)``, empty
by default (the serving profile is .streamlit/config.toml). ``AppServer`` adds only a free
port and the loopback address, so the load never leaves this machine; further flags (the
same as STREAMLIT_FLAGS, e.g. ``make dev``'s) compare other settings.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
DEMO_TIMEOUT_S = 600
START_TIMEOUT_S = 120
STOP_TIMEOUT_S = 20
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class ServerError(RuntimeError):
    """The server did not start or stopped by itself; the message ends with its log."""


def build_demo_db(db_path: Path) -> float:
    """``python -m analytics demo --db db_path``; returns its seconds."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "analytics", "demo", "--db", str(db_path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=DEMO_TIMEOUT_S,
        check=False,
    )
    if result.returncode != 0 or not db_path.exists():
        raise ServerError(
            f"`python -m analytics demo` failed (exit {result.returncode}):\n"
            f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
        )
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def streamlit_command() -> list[str]:
    """The venv's ``streamlit`` script (as ``make run``), else ``python -m streamlit``."""
    script = Path(sys.executable).parent / "streamlit"
    if script.exists():
        return [str(script)]
    found = shutil.which("streamlit")
    return [found] if found else [sys.executable, "-m", "streamlit"]


def proc_cpu_seconds(pid: int) -> float:
    """utime + stime of ``pid`` (all its threads) from /proc/<pid>/stat, in seconds."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()  # fields from the 3rd (state) on
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS  # fields 14 and 15


def proc_memory_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of ``pid`` in MB: resident memory now and its peak."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024  # kB
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def load_average() -> tuple[float, float, float]:
    one, five, fifteen = Path("/proc/loadavg").read_text().split()[:3]
    return float(one), float(five), float(fifteen)


class AppServer:
    """``streamlit run app.py`` on ``db_path``; ``start``/``stop``/``restart`` keep the port.

    The server's output goes to ``log_path`` (appended, one block per start).
    """

    def __init__(
        self,
        db_path: Path,
        log_path: Path,
        port: int | None = None,
        options: Sequence[str] = (),
        script: Path | None = None,
    ) -> None:
        """``script`` (tests): another app to run instead of SIAGA's app.py; it runs in
        its own folder, so SIAGA's .streamlit/config.toml does not apply to it."""
        self.db_path = Path(db_path)
        self.script = Path(script).resolve() if script else REPO_ROOT / "app.py"
        self.log_path = Path(log_path)
        self.port = port or free_port()
        self.options = list(options)  # extra streamlit flags, as STREAMLIT_FLAGS of make run
        self.proc: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0
        self.start_seconds = 0.0  # from Popen to a healthy /_stcore/health

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        if self.proc is None:
            raise ServerError("the server is not running")
        return self.proc.pid

    def command(self) -> list[str]:
        return [
            *streamlit_command(),
            "run",
            self.script.name,
            "--server.port",
            str(self.port),
            "--server.address",
            HOST,
            *self.options,
        ]

    def start(self) -> None:
        env = {**os.environ, "SIAGA_DB": str(self.db_path), "PYTHONUNBUFFERED": "1"}
        with self.log_path.open("ab") as log:
            log.write(f"\n--- start: {' '.join(self.command())}\n".encode())
            log.flush()
            self.started_at = time.perf_counter()
            self.proc = subprocess.Popen(
                self.command(),
                cwd=self.script.parent,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_healthy()
        self.start_seconds = time.perf_counter() - self.started_at

    def _wait_healthy(self) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServerError(
                    f"streamlit exited with code {self.proc.returncode} before it was "
                    f"healthy:\n{self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(f"{self.base_url}/_stcore/health", timeout=2) as r:
                    if r.status == 200 and r.read().strip() == b"ok":
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.1)
        self.stop()
        raise ServerError(f"streamlit not healthy after {START_TIMEOUT_S} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """SIGTERM (as Ctrl+C on ``make run`` would end it), SIGKILL if it hangs."""
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=STOP_TIMEOUT_S)

    def restart(self) -> None:
        self.stop()
        self.start()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def cpu_seconds(self) -> float:
        return proc_cpu_seconds(self.pid)

    def memory_mb(self) -> tuple[float, float]:
        return proc_memory_mb(self.pid)

    def log_tail(self, limit: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-limit:]
        except OSError:
            return "<no log>"

    def __enter__(self) -> AppServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
