"""Command line: `python -m analytics ...`; parses options, calls the library, maps failures to exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from analytics.messages import msg
from analytics.reading import FileRefused
from analytics.schema import DATASETS
from analytics.storage import SHELL_USER, Database, DatabaseBusy, StoreError, default_db_path

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad options or environment: exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 itself; keep its usage text
        self.print_usage(sys.stderr)
        print(f"kesalahan: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(msg("bad_as_of", value=text)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m analytics", description="SIAGA: data kesiapan Pilkada 2024")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def db_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--db", type=Path, help="berkas DuckDB (bawaan: SIAGA_DB atau data/siaga.duckdb)"
        )

    p = sub.add_parser("demo", help="bangun basis data demo")
    db_option(p)
    p.add_argument(
        "--export", type=Path, help="tulis keadaan demo terakhir sebagai CSV siap unggah"
    )

    p = sub.add_parser("datasets", help="daftar dataset yang dapat diunggah")
    p.add_argument("--markdown", action="store_true", help="tabel kolom untuk README")

    p = sub.add_parser("template", help="templat kosong sebuah dataset")
    p.add_argument("dataset")
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    p.add_argument("--out", type=Path, help="berkas keluaran (bawaan: layar untuk csv)")

    p = sub.add_parser("validate", help="periksa berkas tanpa menyimpan")
    p.add_argument("dataset")
    p.add_argument("file", type=Path)
    p.add_argument("--as-of", type=_date, help="tanggal data (bawaan: hari ini)")

    p = sub.add_parser("ingest", help="periksa lalu simpan berkas sebagai versi baru")
    p.add_argument("dataset")
    p.add_argument("file", type=Path)
    db_option(p)
    p.add_argument("--as-of", type=_date, help="tanggal data (bawaan: hari ini)")
    p.add_argument("--user", help="nama pengguna yang mengunggah")

    p = sub.add_parser("summary", help="indikator semua kabupaten/kota dan provinsi (JSON)")
    db_option(p)
    p.add_argument("--as-of", type=_date, help="tanggal data (bawaan: data terbaru)")

    p = sub.add_parser("history", help="riwayat versi")
    db_option(p)

    p = sub.add_parser("rollback", help="tarik sebuah versi (versi sebelumnya berlaku lagi)")
    p.add_argument("version_id", type=int)
    db_option(p)
    p.add_argument("--reason", help="alasan penarikan")
    p.add_argument("--user", help="nama pengguna yang menarik")

    p = sub.add_parser("bench", help="ukur kinerja")
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--json", action="store_true", help="baris terakhir: satu objek JSON")
    p.add_argument("--no-pages", action="store_true", help="lewati pengukuran halaman")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except FileRefused as exc:
        print(f"Ditolak: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    except (UsageError, DatabaseBusy) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE


def _db(args) -> Database:
    return Database(args.db or default_db_path())


def _read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UsageError(msg("file_not_found", path=path)) from None
    except IsADirectoryError:
        raise UsageError(msg("file_not_found", path=path)) from None


def _dataset(name: str):
    if name not in DATASETS:
        raise UsageError(msg("unknown_dataset", dataset=name, choices=", ".join(DATASETS)))
    return DATASETS[name]


def cmd_datasets(args) -> int:
    if args.markdown:
        from analytics.schema import dataset_table_markdown

        sys.stdout.write(dataset_table_markdown())
        return EXIT_OK
    for ds in DATASETS.values():
        print(f"{ds.name}\t{ds.description}")
    return EXIT_OK


def cmd_template(args) -> int:
    from analytics import templates

    ds = _dataset(args.dataset)
    if args.format == "xlsx":
        if not args.out:
            raise UsageError("Templat xlsx memerlukan --out BERKAS.xlsx")
        args.out.write_bytes(templates.template_xlsx(ds))
    elif args.out:
        args.out.write_bytes(templates.template_csv(ds))
    else:
        sys.stdout.write(templates.template_csv(ds).decode("utf-8-sig"))
    return EXIT_OK


def _print_verdict(verdict, stream=None) -> None:
    from analytics.report import issues_text

    text = issues_text(verdict.issues)
    if text:
        print(text, file=stream or sys.stdout)


def cmd_validate(args) -> int:
    from analytics.checking import check_file

    ds = _dataset(args.dataset)
    data = _read_input(args.file)
    verdict = check_file(data, ds, args.as_of or dt.date.today())
    _print_verdict(verdict)
    print(verdict.summary(), file=sys.stdout if verdict.ok else sys.stderr)
    return EXIT_OK if verdict.ok else EXIT_REFUSED


def cmd_ingest(args) -> int:
    from analytics.ingest import ingest_bytes

    ds = _dataset(args.dataset)
    data = _read_input(args.file)
    outcome = ingest_bytes(
        _db(args),
        ds.name,
        data,
        args.as_of or dt.date.today(),
        user=args.user or SHELL_USER,
        file_name=args.file.name,
    )
    _print_verdict(outcome.verdict, sys.stderr)  # stdout carries only the version ids
    if not outcome.accepted:
        print(outcome.verdict.summary(), file=sys.stderr)
        return EXIT_REFUSED
    stored = outcome.stored
    if stored.duplicate:
        print(
            msg("duplicate_upload", version=", ".join(map(str, stored.version_ids))),
            file=sys.stderr,
        )
    for vid in stored.version_ids:
        print(vid)
    return EXIT_OK


def cmd_summary(args) -> int:
    from analytics import indicators

    db = _db(args)
    if not db.exists():
        raise UsageError(msg("db_missing", path=db.path))
    as_of = args.as_of or indicators.latest_data_date(db) or dt.date.today()
    result = indicators.summary(indicators.compute(db, as_of))
    print(json.dumps(result, ensure_ascii=False, indent=2, sort_keys=False))
    return EXIT_OK


def cmd_history(args) -> int:
    from analytics.report import history_text

    db = _db(args)
    if not db.exists():
        raise UsageError(msg("db_missing", path=db.path))
    print(history_text(db.history()))
    return EXIT_OK


def cmd_rollback(args) -> int:
    db = _db(args)
    if not db.exists():
        raise UsageError(msg("db_missing", path=db.path))
    db.withdraw(args.version_id, args.user or SHELL_USER, args.reason)
    print(f"Versi {args.version_id} ditarik.")
    return EXIT_OK


def cmd_demo(args) -> int:
    from analytics import demo_store

    db_path = args.db or default_db_path()
    try:
        result = demo_store.build_demo(Path(db_path), export_dir=args.export)
    except demo_store.DemoRefused as exc:
        raise UsageError(str(exc)) from None
    print(result, file=sys.stderr)
    return EXIT_OK


def cmd_bench(args) -> int:
    from analytics import bench

    return bench.run(rows=args.rows, as_json=args.json, pages=not args.no_pages)


COMMANDS = {
    "demo": cmd_demo,
    "datasets": cmd_datasets,
    "template": cmd_template,
    "validate": cmd_validate,
    "ingest": cmd_ingest,
    "summary": cmd_summary,
    "history": cmd_history,
    "rollback": cmd_rollback,
    "bench": cmd_bench,
}
