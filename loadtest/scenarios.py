"""The load scenarios of issue "Many viewers at once", their measurements and the table.

Every session of a scenario starts at the same moment and stays open until all of them
have finished their run (browser tabs stay open); then CPU and memory are read and the
sessions are closed. Seconds are per session, from its first request (the frontend's
health/host-config ping) to ``script_finished``.
"""

from __future__ import annotations

import asyncio
import math
import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from loadtest.client import Page, SessionResult, Viewer
from loadtest.server import AppServer, load_average

RINGKASAN = Page("Ringkasan", "")  # the default page (url_path "beranda", served at "/")
BIMTEK = Page("Bimtek", "bimtek")
PENCALONAN = Page("Pencalonan", "pencalonan")
BADAN_ADHOC = Page("Badan Ad Hoc", "badan_adhoc")
PROFIL = Page("Profil", "profil", "wilayah=33.01")
MODE_RAPAT = Page("Mode Rapat", "mode_rapat")
MIX = (RINGKASAN, BIMTEK, PENCALONAN, BADAN_ADHOC, PROFIL, MODE_RAPAT)
# Profil without ?wilayah= only asks for a regency; a reader arrives with one (a link
# from Ringkasan), each reader maybe another: the mix walks the 35 regencies in turn.
REGENCIES = tuple(f"33.{n:02d}" for n in range(1, 30)) + tuple(f"33.{n:02d}" for n in range(71, 77))

DEFAULT_TIMEOUT_S = 120.0
SETTLE_S = 2.0  # pause between scenarios: closed sessions are torn down, caches settle


def mix_pages(count: int) -> list[Page]:
    """``count`` pages over the mix in turn; Profil sessions walk the regencies."""
    pages: list[Page] = []
    for i in range(count):
        page = MIX[i % len(MIX)]
        if page is PROFIL:
            region = REGENCIES[(i // len(MIX)) % len(REGENCIES)]
            page = Page(PROFIL.label, PROFIL.url_path, f"wilayah={region}")
        pages.append(page)
    return pages


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear between ranks (as numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize(results: Sequence[SessionResult]) -> dict[str, Any]:
    """p50/p95/max over the sessions that finished; errors over all of them."""
    seconds = [r.seconds for r in results if r.seconds is not None]
    return {
        "sessions": len(results),
        "finished": len(seconds),
        "p50_s": round(percentile(seconds, 50), 3) if seconds else None,
        "p95_s": round(percentile(seconds, 95), 3) if seconds else None,
        "max_s": round(max(seconds), 3) if seconds else None,
        "errors": sum(1 for r in results if not r.ok),
        "error_kinds": dict(Counter(r.error for r in results if r.error)),
        "reruns": sum(r.reruns for r in results),
    }


@dataclass
class ScenarioResult:
    key: str
    title: str
    results: list[SessionResult]
    cpu_seconds: float  # server utime+stime spent from the first open to the last finish
    rss_mb: float  # server VmRSS with every session of the scenario still open
    hwm_mb: float  # server VmHWM (peak RSS since it started)
    wall_s: float
    previous: str = ""  # the number before this work
    target: str = ""
    notes: list[str] = field(default_factory=list)
    log_tracebacks: int = 0  # "Traceback" lines the server logged during the scenario
    rounds: list[dict[str, Any]] = field(default_factory=list)  # restart: one per restart

    @property
    def opens(self) -> int:
        return len(self.results)

    @property
    def cpu_per_open(self) -> float:
        return self.cpu_seconds / self.opens if self.opens else math.nan

    def by_page(self) -> dict[str, dict[str, Any]]:
        labels = list(dict.fromkeys(r.page for r in self.results))
        return {label: summarize([r for r in self.results if r.page == label]) for label in labels}

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "key": self.key,
            "title": self.title,
            **summarize(self.results),
            "cpu_s": round(self.cpu_seconds, 3),
            "cpu_s_per_open": round(self.cpu_per_open, 3),
            "rss_mb": round(self.rss_mb, 1),
            "hwm_mb": round(self.hwm_mb, 1),
            "wall_s": round(self.wall_s, 3),
            "previous": self.previous,
            "target": self.target,
            "log_tracebacks": self.log_tracebacks,
            "notes": self.notes,
            "errors_detail": [
                {"page": r.page, "error": r.error, "detail": r.detail}
                for r in self.results
                if r.error
            ][:20],
        }
        if len({r.page for r in self.results}) > 1:
            data["pages"] = self.by_page()
        if self.rounds:
            data["rounds"] = self.rounds
        return data


async def _open_together(
    base_url: str,
    pages: Sequence[Page],
    timeout: float,
    wave: int | None = None,
    when_open: Callable[[], Any] | None = None,
) -> tuple[list[SessionResult], Any]:
    """Open ``pages`` at once (or ``wave`` at a time, earlier waves kept open), call
    ``when_open`` while every session is still open, then close them all."""
    viewers = [Viewer(base_url) for _ in pages]
    results: list[SessionResult] = []
    measured = None
    try:
        step = wave or len(pages) or 1
        for start in range(0, len(pages), step):
            batch = list(
                zip(viewers[start : start + step], pages[start : start + step], strict=True)
            )
            results += await asyncio.gather(*(v.open(p, timeout) for v, p in batch))
        if when_open is not None:
            measured = when_open()
    finally:
        await asyncio.gather(*(v.close() for v in viewers))
    return results, measured


class Runner:
    """Runs scenarios against one ``AppServer`` and keeps their results."""

    def __init__(self, server: AppServer, timeout: float = DEFAULT_TIMEOUT_S) -> None:
        self.server = server
        self.timeout = timeout
        self.scenarios: list[ScenarioResult] = []
        self.warmups: list[dict[str, Any]] = []

    def _log_size(self) -> int:
        try:
            return self.server.log_path.stat().st_size
        except OSError:
            return 0

    def _tracebacks_since(self, offset: int) -> int:
        try:
            with self.server.log_path.open("rb") as log:
                log.seek(offset)
                return log.read().count(b"Traceback")
        except OSError:
            return 0

    def open_pages(
        self, pages: Sequence[Page], wave: int | None = None
    ) -> tuple[list[SessionResult], float, float, float, float]:
        """(results, server CPU seconds, RSS MB, HWM MB, wall seconds) of one burst."""
        cpu_before = self.server.cpu_seconds()
        started = time.perf_counter()

        def when_open() -> tuple[float, float, float, float]:
            wall = time.perf_counter() - started
            cpu = self.server.cpu_seconds() - cpu_before
            rss, hwm = self.server.memory_mb()
            return cpu, rss, hwm, wall

        results, (cpu, rss, hwm, wall) = asyncio.run(
            _open_together(self.server.base_url, pages, self.timeout, wave, when_open)
        )
        return results, cpu, rss, hwm, wall

    def warm_up(self, pages: Sequence[Page] = MIX) -> list[dict[str, Any]]:
        """One open of each page, one after another (caches and imports warm); untimed."""
        done = []
        for page in pages:
            results, *_ = self.open_pages([page])
            r = results[0]
            done.append({"page": page.label, "seconds": r.seconds, "error": r.error})
        self.warmups.append({"server_start_s": round(self.server.start_seconds, 2), "pages": done})
        time.sleep(SETTLE_S)
        return done

    def burst(
        self,
        key: str,
        title: str,
        pages: Sequence[Page],
        *,
        wave: int | None = None,
        previous: str = "",
        target: str = "",
        notes: Sequence[str] = (),
    ) -> ScenarioResult:
        log_offset = self._log_size()
        results, cpu, rss, hwm, wall = self.open_pages(pages, wave)
        scenario = ScenarioResult(
            key, title, results, cpu, rss, hwm, wall, previous, target, list(notes),
            log_tracebacks=self._tracebacks_since(log_offset),
        )  # fmt: skip
        self.scenarios.append(scenario)
        time.sleep(SETTLE_S)
        return scenario

    def restart_burst(self, sessions: int = 35, restarts: int = 3) -> ScenarioResult:
        """Restart the server ``restarts`` times; each time, as soon as it answers its
        health check, ``sessions`` deep links (the mix) arrive at once. No warm-up."""
        results: list[SessionResult] = []
        rounds = []
        cpu_total = wall_total = rss = hwm = 0.0
        log_offset = self._log_size()
        for number in range(1, restarts + 1):
            self.server.restart()
            round_results, cpu, rss, hwm, wall = self.open_pages(mix_pages(sessions))
            results += round_results
            cpu_total += cpu
            wall_total += wall
            rounds.append(
                {
                    "restart": number,
                    "server_start_s": round(self.server.start_seconds, 2),
                    **summarize(round_results),
                    "cpu_s_per_open": round(cpu / max(1, len(round_results)), 3),
                    "rss_mb": round(rss, 1),
                }
            )
        scenario = ScenarioResult(
            "restart",
            f"restart ×{restarts}, tiap kali {sessions} serentak (campuran)",
            results, cpu_total, rss, hwm, wall_total, "", "galat 0",
            ["tanpa pemanasan: tiap putaran dimulai dari server yang baru menyala"],
            log_tracebacks=self._tracebacks_since(log_offset),
            rounds=rounds,
        )  # fmt: skip
        self.scenarios.append(scenario)
        return scenario


def _num(value: float | None, digits: int = 2) -> str:
    return (
        "—"
        if value is None or (isinstance(value, float) and math.isnan(value))
        else (f"{value:.{digits}f}")
    )


def table(runner: Runner) -> str:
    """The report: one row per scenario (and per page of a mixed one)."""
    header = (
        f"{'skenario':<44} {'sesi':>5} {'p50 s':>7} {'p95 s':>7} {'maks s':>7} "
        f"{'galat':>5} {'CPU-s/buka':>10} {'RSS MB':>7}  sebelumnya → target"
    )
    lines = [header, "-" * len(header)]
    for sc in runner.scenarios:
        s = summarize(sc.results)
        goal = " → ".join(x for x in (sc.previous, sc.target) if x)
        lines.append(
            f"{sc.title:<44} {s['sessions']:>5} {_num(s['p50_s']):>7} {_num(s['p95_s']):>7} "
            f"{_num(s['max_s']):>7} {s['errors']:>5} {_num(sc.cpu_per_open, 3):>10} "
            f"{sc.rss_mb:>7.0f}  {goal}"
        )
        pages = sc.by_page()
        if len(pages) > 1:
            for label, p in pages.items():
                lines.append(
                    f"{'  · ' + label:<44} {p['sessions']:>5} {_num(p['p50_s']):>7} "
                    f"{_num(p['p95_s']):>7} {_num(p['max_s']):>7} {p['errors']:>5}"
                )
        for rnd in sc.rounds:
            label = f"  · restart {rnd['restart']} (server siap {_num(rnd['server_start_s'], 1)} s)"
            lines.append(
                f"{label:<44} {rnd['sessions']:>5} {_num(rnd['p50_s']):>7} {_num(rnd['p95_s']):>7} "
                f"{_num(rnd['max_s']):>7} {rnd['errors']:>5} {_num(rnd['cpu_s_per_open'], 3):>10} "
                f"{rnd['rss_mb']:>7.0f}"
            )
    return "\n".join(lines)


def error_lines(runner: Runner, limit: int = 10) -> list[str]:
    lines = []
    for sc in runner.scenarios:
        failed = [r for r in sc.results if r.error]
        if sc.log_tracebacks:
            lines.append(f"{sc.title}: {sc.log_tracebacks} traceback di log server")
        for r in failed[:limit]:
            lines.append(f"{sc.title}: {r.page}: {r.error}: {r.detail}")
        if len(failed) > limit:
            lines.append(f"{sc.title}: … dan {len(failed) - limit} galat lain")
    return lines


def machine_line() -> str:
    one, five, fifteen = load_average()
    return (
        f"beban mesin {one:.2f} / {five:.2f} / {fifteen:.2f} (1/5/15 menit), {os.cpu_count()} inti"
    )
