"""``python -m loadtest``: many viewers at once on the demo data, over Streamlit's websocket.

Builds a demo database in a temporary folder (unless ``--db``), starts ``streamlit run
app.py`` as ``make run`` does (free port, loopback only), runs the scenarios, stops the
server and prints one row per scenario: sessions, p50/p95/max seconds from the first
request to the end of the run, errors, server CPU seconds per open and server RSS.

Scenarios (``--scenario``):
  ringkasan  1, 10, 35 and 50 viewers at once on Ringkasan
  mix        35 at once over Ringkasan, Bimtek, Pencalonan, Badan Ad Hoc, Profil, Mode Rapat
  memory     a freshly started server, warmed up, then 100 sessions (waves of 25, all
             kept open): its RSS
  restart    the server restarted 3 times, each time met by 35 mixed sessions at once
  all        all of the above, in that order (the default)
Every scenario but restart runs after one untimed open of each page (warm-up).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import tempfile
import time
from pathlib import Path

from loadtest import scenarios
from loadtest.scenarios import RINGKASAN, Runner, mix_pages
from loadtest.server import AppServer, ServerError, build_demo_db

RINGKASAN_STEPS = (  # (sessions at once, the number before this work, target)
    (1, "0,60 s", ""),
    (10, "p95 3,2 s", ""),
    (35, "11,1 s", ""),
    (50, "18,3 s", "p95 ≤ 3 s"),
)
MIX_SESSIONS, MIX_PREVIOUS, MIX_TARGET = 35, "9,8 s", "≤ 1,5 s"
MEMORY_SESSIONS, MEMORY_WAVE, MEMORY_TARGET = 100, 25, "RSS < 600 MB"
RESTART_SESSIONS, RESTARTS = 35, 3
CHOICES = ("all", "ringkasan", "mix", "memory", "restart")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m loadtest",
        description="Uji beban: banyak penonton sekaligus lewat websocket Streamlit.",
    )
    parser.add_argument("--scenario", choices=CHOICES, default="all")
    parser.add_argument(
        "--sessions", type=int, help="sesi serentak per skenario (ganti 1/10/35/50, 35, 100)"
    )
    parser.add_argument("--port", type=int, help="port server (bawaan: port bebas)")
    parser.add_argument("--db", type=Path, help="berkas DuckDB (bawaan: demo baru di folder temp)")
    parser.add_argument("--json", action="store_true", help="cetak juga hasil sebagai JSON")
    parser.add_argument(
        "--timeout", type=float, default=scenarios.DEFAULT_TIMEOUT_S,
        help="detik paling lama per sesi sampai skrip selesai (lewat: galat)",
    )  # fmt: skip
    parser.add_argument(
        "--streamlit-flags",
        default="",
        metavar="FLAGS",
        help="flag streamlit tambahan seperti STREAMLIT_FLAGS `make run`, mis. "
        '--streamlit-flags="--server.fileWatcherType auto --runner.postScriptGC true"',
    )
    parser.add_argument("--log", type=Path, help="simpan log server di sini")
    args = parser.parse_args(argv)
    if args.sessions is not None and args.sessions < 1:
        parser.error("--sessions harus >= 1")
    try:
        args.streamlit_flags = shlex.split(args.streamlit_flags)
    except ValueError as exc:
        parser.error(f"--streamlit-flags: {exc}")
    return args


def run_scenarios(runner: Runner, which: str, sessions: int | None) -> None:
    server = runner.server
    wants = {which} if which != "all" else set(CHOICES) - {"all"}
    warmed = False

    def warm() -> None:
        nonlocal warmed
        if not warmed:
            runner.warm_up()
            warmed = True

    if "ringkasan" in wants:
        warm()
        steps = RINGKASAN_STEPS if sessions is None else ((sessions, "", ""),)
        for count, previous, target in steps:
            title = "1 penonton Ringkasan" if count == 1 else f"{count} serentak Ringkasan"
            runner.burst(
                f"ringkasan-{count}", title, [RINGKASAN] * count,
                previous=previous, target=target,
            )  # fmt: skip
    if "mix" in wants:
        warm()
        count = sessions or MIX_SESSIONS
        runner.burst(
            "mix", f"{count} serentak campuran (6 halaman)", mix_pages(count),
            previous=MIX_PREVIOUS if count == MIX_SESSIONS else "", target=MIX_TARGET,
        )  # fmt: skip
    if "memory" in wants:
        if warmed:  # RSS of the 100 sessions on a fresh server, not of earlier scenarios
            server.restart()
        runner.warm_up()
        warmed = True
        count = sessions or MEMORY_SESSIONS
        wave = min(MEMORY_WAVE, count)
        runner.burst(
            "memory", f"memori: {count} sesi terbuka (gelombang {wave})", mix_pages(count),
            wave=wave, target=MEMORY_TARGET,
            notes=["server baru dinyalakan lalu dipanaskan; RSS dibaca saat semua sesi terbuka"],
        )  # fmt: skip
    if "restart" in wants:
        runner.restart_burst(sessions or RESTART_SESSIONS, RESTARTS)


def report(runner: Runner, header: list[str], as_json: bool, extra: dict) -> None:
    print("\n".join(header))
    for warm in runner.warmups:
        pages = ", ".join(
            f"{w['page']} {scenarios._num(w['seconds'])} s"
            + (f" ({w['error']})" if w["error"] else "")
            for w in warm["pages"]
        )
        print(f"pemanasan (tidak dihitung; server siap {warm['server_start_s']:.1f} s): {pages}")
    print(scenarios.table(runner))
    for sc in runner.scenarios:
        for note in sc.notes:
            print(f"catatan {sc.title}: {note}")
    errors = scenarios.error_lines(runner)
    if errors:
        print("galat:")
        print("\n".join(f"  {line}" for line in errors))
    print(f"selesai; {scenarios.machine_line()}")
    if as_json:
        print(
            json.dumps(
                {
                    **extra,
                    "warmups": runner.warmups,
                    "scenarios": [sc.to_json() for sc in runner.scenarios],
                }
            )
        )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="siaga-loadtest-") as tmp:
        work = Path(tmp)
        header = [f"uji beban SIAGA; {scenarios.machine_line()}"]
        extra: dict = {"load_average_start": scenarios.load_average()}
        if args.db is None:
            db_path = work / "siaga.duckdb"
            seconds = build_demo_db(db_path)
            header.append(f"basis data demo dibuat dalam {seconds:.1f} s")
        else:
            db_path = args.db.resolve()
            if not db_path.exists():
                print(f"--db {db_path}: berkas tidak ada", file=sys.stderr)
                return 2
        log_path = args.log.resolve() if args.log else work / "streamlit.log"
        server = AppServer(db_path, log_path, args.port, args.streamlit_flags)
        runner = Runner(server, args.timeout)
        started = time.perf_counter()
        status = 0
        try:
            server.start()
            header.append(f"server: {' '.join(server.command()[1:])} (SIAGA_DB={db_path})")
            run_scenarios(runner, args.scenario, args.sessions)
        except (ServerError, OSError) as exc:  # OSError: /proc/<pid> gone (server died)
            print(f"server gagal: {exc}\n{server.log_tail(3000)}", file=sys.stderr)
            status = 1
        finally:
            server.stop()
        extra["load_average_end"] = scenarios.load_average()
        extra["total_s"] = round(time.perf_counter() - started, 1)
        report(runner, header, args.json, extra)
        failed = sum(1 for sc in runner.scenarios for r in sc.results if not r.ok)
        if failed and not args.log and not status:
            print(f"log server (akhir):\n{server.log_tail(3000)}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
