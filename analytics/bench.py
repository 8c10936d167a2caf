"""Benchmark: ingest against bare DuckDB read_csv, peak memory, summary and demo timings.

Timings are ratios against a baseline measured in the same run, because the machines are
shared and noisy. Heavy steps run in child processes so their peak memory is their own.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analytics import reference
from analytics.schema import BADAN_ADHOC
from analytics.units import official_units

AS_OF = dt.date(2024, 11, 29)


def write_badan_adhoc_csv(path: Path, rows: int) -> None:
    """A valid badan_adhoc file of ``rows`` KPPS units spread over the 35 regencies.

    Row ``i`` is a TPS of the official desa/kelurahan ``i % D`` (D = 8,563 desa of the
    35 regencies, data/reference/wilayah_administrasi.csv) with its official kecamatan
    and desa names; TPS numbers run 001, 002, .. within each desa, so at most 999 x D
    rows. Consecutive rows go through the desa in file order, regency after regency.
    """
    units = official_units()
    prefixes = [
        f"{region},KPPS,{kec.name},{desa.name},"
        for region in reference.regions()["kode_wilayah"]
        for kec in units.kecamatan_of(region)
        for desa in units.desa_of(kec.code)
    ]
    if rows > 999 * len(prefixes):
        raise ValueError(f"at most {999 * len(prefixes):,} rows (999 TPS per desa)")
    count = len(prefixes)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(",".join(BADAN_ADHOC.column_names) + "\n")
        chunk = 200_000
        for start in range(0, rows, chunk):
            stop = min(rows, start + chunk)
            lines = []
            for i in range(start, stop):
                terisi = 7 - (i % 11 == 0)
                lines.append(
                    f"{prefixes[i % count]}{i // count + 1:03d},7,14,{terisi},{terisi},3,0\n"
                )
            handle.writelines(lines)


def _cpu_s() -> float:
    """CPU seconds of this process so far, every thread (DuckDB's workers too)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _child(kind: str, csv_path: str, db_path: str) -> None:
    """Run one measured step in this (child) process and print its seconds (wall and CPU,
    every thread) as JSON."""
    import duckdb

    if kind == "baseline":
        started, cpu = time.perf_counter(), _cpu_s()
        con = duckdb.connect(db_path)
        con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{csv_path}')")
        con.close()
        seconds, cpu_seconds = time.perf_counter() - started, _cpu_s() - cpu
    elif kind == "ingest":
        from analytics.ingest import ingest_bytes
        from analytics.storage import Database

        db = Database(db_path)
        db.initialise()
        started, cpu = time.perf_counter(), _cpu_s()
        data = Path(csv_path).read_bytes()
        outcome = ingest_bytes(db, "badan_adhoc", data, AS_OF, "bench", Path(csv_path).name)
        seconds, cpu_seconds = time.perf_counter() - started, _cpu_s() - cpu
        if not outcome.accepted:
            raise SystemExit("bench file refused: " + outcome.verdict.summary())
    else:
        raise SystemExit(f"unknown step {kind}")
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds}))


def _run_child(kind: str, csv_path: Path, db_path: Path) -> tuple[float, float, float]:
    """(seconds, CPU seconds, peak RSS in MB) of one step in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run(
        [sys.executable, "-m", "analytics.bench", kind, str(csv_path), str(db_path)],
        capture_output=True,
        text=True,
    )
    if proc.returncode:
        raise SystemExit(f"bench step {kind} on {csv_path.name} failed:\n{proc.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    measured = json.loads(proc.stdout.strip().splitlines()[-1])
    # ru_maxrss of children is the max over all waited children; a larger one shows here.
    return measured["seconds"], measured["cpu_seconds"], max(after, before) / 1024


def measure_ingest(rows: int, workdir: Path) -> dict:
    csv_path = workdir / "badan_adhoc.csv"
    write_badan_adhoc_csv(csv_path, rows)
    base_s, base_cpu, _ = _run_child("baseline", csv_path, workdir / "baseline.duckdb")
    ingest_s, ingest_cpu, peak = _run_child("ingest", csv_path, workdir / "ingest.duckdb")
    return {
        "ingest_rows": rows,
        "ingest_s": round(ingest_s, 3),
        "duckdb_read_csv_s": round(base_s, 3),
        "ingest_ratio": round(ingest_s / base_s, 3),
        # CPU seconds (all threads) barely move when other processes share the cores:
        # the wall-clock ratio above is the target, this one tells noise from change.
        "ingest_cpu_s": round(ingest_cpu, 3),
        "duckdb_read_csv_cpu_s": round(base_cpu, 3),
        "ingest_cpu_ratio": round(ingest_cpu / base_cpu, 3),
        "peak_rss_mb": round(peak, 1),
    }


def write_xlsx_from_csv(csv_path: Path, xlsx_path: Path) -> None:
    """The bench CSV as a workbook (openpyxl, write-only): text cells and whole numbers."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("data")
    with csv_path.open(encoding="utf-8") as handle:
        sheet.append(next(handle).rstrip("\n").split(","))
        for line in handle:
            cells = line.rstrip("\n").split(",")
            sheet.append(cells[:5] + [int(c) for c in cells[5:]])
    book.save(xlsx_path)


def measure_xlsx_ingest(rows: int, workdir: Path) -> dict:
    """Ingest of the same rows as a workbook and as CSV, each in a fresh process."""
    csv_path = workdir / "xlsx_rows.csv"
    xlsx_path = workdir / "xlsx_rows.xlsx"
    write_badan_adhoc_csv(csv_path, rows)
    write_xlsx_from_csv(csv_path, xlsx_path)
    csv_s, _, _ = _run_child("ingest", csv_path, workdir / "csv_twin.duckdb")
    xlsx_s, _, peak = _run_child("ingest", xlsx_path, workdir / "xlsx.duckdb")
    return {
        "xlsx_rows": rows,
        "xlsx_ingest_s": round(xlsx_s, 3),
        "xlsx_csv_twin_s": round(csv_s, 3),
        "xlsx_ratio": round(xlsx_s / csv_s, 2),
        "xlsx_peak_rss_mb": round(peak, 1),
    }


def measure_demo_and_summary(workdir: Path) -> dict:
    from analytics import indicators
    from analytics.demo_store import build_demo
    from analytics.storage import Database

    db_path = workdir / "demo.duckdb"
    started = time.perf_counter()
    build_demo(db_path)
    demo_s = time.perf_counter() - started
    db = Database(db_path)
    as_of = indicators.latest_data_date(db)
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        indicators.summary(indicators.compute(db, as_of))
        runs.append(time.perf_counter() - started)
    return {"demo_s": round(demo_s, 3), "summary_s": round(sorted(runs)[len(runs) // 2], 4)}


def measure_exports(workdir: Path) -> dict:
    """The full meeting set on the demo database, as the secretariat sends it: the province
    deck as PowerPoint, HTML and Excel plus the one-pager (HTML) of each of the 35 regencies."""
    from analytics import exports, indicators, meeting
    from analytics.demo_store import build_demo
    from analytics.storage import Database

    db_path = workdir / "demo.duckdb"
    if not db_path.exists():
        build_demo(db_path)
    db = Database(db_path)
    out = workdir / "ekspor"
    out.mkdir(exist_ok=True)
    started = time.perf_counter()
    series = meeting.load_series(db, indicators.latest_data_date(db))
    province = meeting.build_deck(series, is_demo=db.is_demo())
    written = 0
    for name in exports.FORMATS:
        (out / exports.file_name(province, name)).write_bytes(exports.render(province, name))
        written += 1
    for deck in meeting.build_region_decks(series, is_demo=db.is_demo()).values():
        (out / exports.file_name(deck, "html")).write_bytes(exports.render(deck, "html"))
        written += 1
    seconds = time.perf_counter() - started
    size = sum(f.stat().st_size for f in out.iterdir())
    return {"exports_s": round(seconds, 2), "export_files": written,
            "export_mb": round(size / 2**20, 1)}  # fmt: skip


def measure_login_flood(workdir: Path, threads: int = 20, reads: int = 15) -> dict:
    """The overview's indicator read (``indicators.compute``, what Ringkasan draws from),
    median of ``reads``, idle and while ``threads`` threads try wrong passwords with the
    real argon2 cost: known and unknown names, a new client address for most tries (a
    botnet the throttle cannot stop, so every try is checked)."""
    import threading

    from analytics import auth, indicators
    from analytics.demo_store import build_demo
    from analytics.storage import Database

    db_path = workdir / "demo.duckdb"
    if not db_path.exists():
        build_demo(db_path)
    db = Database(db_path)
    auth.create_demo_users(db)
    names = [name for name, *_ in auth.DEMO_ACCOUNTS] + ["admin", "operator", "kpu"]
    as_of = indicators.latest_data_date(db)

    def median_read() -> float:
        runs = []
        for _ in range(reads):
            started = time.perf_counter()
            indicators.compute(db, as_of)
            runs.append(time.perf_counter() - started)
        return sorted(runs)[len(runs) // 2]

    median_read()  # warm
    idle = median_read()
    stop, attempts = threading.Event(), []

    def attacker(number: int) -> None:
        tries = 0
        while not stop.is_set():
            client = f"198.51.{number}.{tries % 250}"
            auth.login(db, names[tries % len(names)], f"tebakan-{tries}", client=client)
            tries += 1
        attempts.append(tries)

    workers = [threading.Thread(target=attacker, args=(i,)) for i in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    time.sleep(1.0)  # let the flood build up
    flood = median_read()
    stop.set()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - started
    return {
        "login_flood_threads": threads,
        "page_read_idle_s": round(idle, 4),
        "page_read_flood_s": round(flood, 4),
        "page_read_flood_ratio": round(flood / idle, 2),
        "login_flood_tries_per_s": round(sum(attempts) / seconds, 1),
    }


PAGE_FILES = ["ringkasan", "badan_adhoc", "bimtek", "pencalonan", "profil"]
REPO = Path(__file__).resolve().parent.parent


def _page_times(db_path: Path, region: str) -> dict:
    """Per page, first run (cold caches) and warm rerun through AppTest, in seconds.

    The AppTest driver lives in ui/page_timings.py: analytics/ never imports streamlit.
    """
    import importlib

    return importlib.import_module("ui.page_timings").page_times(db_path, region, PAGE_FILES)


def measure_pages(workdir: Path) -> dict:
    """Page timings at demo scale (35 regencies) and at a synthetic national scale (514)."""
    from analytics.demo_store import build_demo, national_regions

    demo_db = workdir / "demo.duckdb"
    if not demo_db.exists():
        build_demo(demo_db)
    national_db = workdir / "national.duckdb"
    started = time.perf_counter()
    regions = national_regions()
    build_demo(national_db, regions=regions, replace_reference_regions=True)
    build_s = time.perf_counter() - started
    demo = _page_times(demo_db, "33.01")
    national = _page_times(national_db, regions["kode_wilayah"].iloc[0])
    pages = {}
    for page in PAGE_FILES:
        pages[page] = {
            "demo_first_s": demo[page]["first_s"],
            "demo_warm_s": demo[page]["warm_s"],
            "national_first_s": national[page]["first_s"],
            "national_warm_s": national[page]["warm_s"],
            "warm_ratio": round(national[page]["warm_s"] / max(demo[page]["warm_s"], 1e-3), 2),
        }
    return {"national_build_s": round(build_s, 1), "national_tps": int(regions["jumlah_tps"].sum()),
            "pages": pages}  # fmt: skip


def run(
    rows: int = 1_000_000, as_json: bool = False, pages: bool = True, xlsx_rows: int = 600_000
) -> int:
    with tempfile.TemporaryDirectory(prefix="siaga-bench-") as tmp:
        workdir = Path(tmp)
        result = measure_ingest(rows, workdir)
        print(
            f"ingest {rows:,} baris badan_adhoc: {result['ingest_s']:.2f} s; DuckDB read_csv "
            f"{result['duckdb_read_csv_s']:.2f} s; rasio {result['ingest_ratio']:.2f} "
            f"(target <= 2); puncak memori {result['peak_rss_mb']:.0f} MB (target < 1536)"
        )
        print(
            f"waktu CPU ingest {result['ingest_cpu_s']:.2f} s; DuckDB read_csv "
            f"{result['duckdb_read_csv_cpu_s']:.2f} s; rasio CPU {result['ingest_cpu_ratio']:.2f} "
            "(hampir tidak terpengaruh beban proses lain di mesin yang sama)"
        )
        if xlsx_rows:
            result.update(measure_xlsx_ingest(xlsx_rows, workdir))
            print(
                f"ingest {xlsx_rows:,} baris sebagai .xlsx: {result['xlsx_ingest_s']:.2f} s; "
                f"CSV yang sama {result['xlsx_csv_twin_s']:.2f} s; rasio "
                f"{result['xlsx_ratio']:.2f} (target <= 10); puncak memori "
                f"{result['xlsx_peak_rss_mb']:.0f} MB"
            )
        result.update(measure_demo_and_summary(workdir))
        print(f"demo: {result['demo_s']:.1f} s (target < 30)")
        print(f"summary 35 kabupaten/kota: {result['summary_s']:.3f} s (target < 0,2)")
        result.update(measure_exports(workdir))
        print(
            f"ekspor rapat (PPTX, HTML, XLSX provinsi + 35 satu halaman): "
            f"{result['exports_s']:.1f} s (target < 10), {result['export_files']} berkas, "
            f"{result['export_mb']} MB"
        )
        result.update(measure_login_flood(workdir))
        print(
            f"baca halaman selama banjir {result['login_flood_threads']} login salah: "
            f"{result['page_read_flood_s'] * 1000:.0f} ms, diam "
            f"{result['page_read_idle_s'] * 1000:.0f} ms, rasio "
            f"{result['page_read_flood_ratio']:.2f} (target <= 2); "
            f"{result['login_flood_tries_per_s']:.1f} percobaan/s"
        )
        if pages:
            result.update(measure_pages(workdir))
            print(
                f"skala nasional: {len(national_regions_codes())} kabupaten/kota sintetis, "
                f"{result['national_tps']:,} TPS, dibangun dalam {result['national_build_s']} s"
            )
            for page, t in result["pages"].items():
                print(
                    f"halaman {page}: pertama {t['demo_first_s']:.2f} s (target < 2), hangat "
                    f"{t['demo_warm_s'] * 1000:.0f} ms; nasional pertama "
                    f"{t['national_first_s']:.2f} s, hangat {t['national_warm_s'] * 1000:.0f} ms, "
                    f"rasio {t['warm_ratio']:.2f} (target <= 1,5)"
                )
    if as_json:
        print(json.dumps(result))
    return 0


def national_regions_codes() -> list[str]:
    from analytics.demo_store import national_regions

    return list(national_regions()["kode_wilayah"])


if __name__ == "__main__":
    _child(*sys.argv[1:4])
