"""Command line: `python -m analytics ...`; parses options, calls the library, maps failures to exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from analytics import formatting as fmt
from analytics.auth import SHELL_ADMIN, User
from analytics.errors import AuthError, Refusal, UsageError
from analytics.messages import msg
from analytics.report import terminal_text
from analytics.schema import DATASETS
from analytics.storage import Database, default_db_path

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


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

    p = sub.add_parser(
        "template",
        help="templat sebuah dataset: kosong, atau berisi unit resmi satu kabupaten/kota",
        description="Templat unggah: judul kolom dan satu baris contoh. Dengan --region, "
        "templat berisi isian awal kabupaten/kota itu: badan_adhoc satu baris PPK per "
        "kecamatan dan satu baris PPS per desa/kelurahan resmi (nama resmi, kebutuhan "
        "standar, angka lain kosong; PANTARLIH dan KPPS per TPS ditambahkan sendiri), "
        "persiapan_pencalonan satu baris per butir daftar periksa (status kosong), bimtek "
        "baris contoh dengan kode kabupaten/kota itu.",
    )
    p.add_argument("dataset")
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    p.add_argument(
        "--out",
        type=Path,
        help="berkas keluaran, atau folder untuk nama bawaan templat_DATASET[_KODE].FORMAT "
        "(bawaan: layar untuk csv)",
    )
    p.add_argument(
        "--region",
        help="kode kabupaten/kota (33.01 atau 3301): templat berisi unit resmi atau butir "
        "daftar periksanya",
    )

    p = sub.add_parser("validate", help="periksa berkas tanpa menyimpan")
    p.add_argument("dataset")
    p.add_argument("file", type=Path)
    p.add_argument("--as-of", type=_date, help="tanggal data (bawaan: hari ini)")

    p = sub.add_parser("ingest", help="periksa lalu simpan berkas sebagai versi baru")
    p.add_argument("dataset")
    p.add_argument("file", type=Path)
    db_option(p)
    p.add_argument("--as-of", type=_date, help="tanggal data (bawaan: hari ini)")
    p.add_argument(
        "--user", help="nama pengguna yang mengunggah; kata sandinya dari prompt atau stdin"
    )

    p = sub.add_parser("summary", help="indikator semua kabupaten/kota dan provinsi (JSON)")
    db_option(p)
    p.add_argument("--as-of", type=_date, help="tanggal data (bawaan: data terbaru)")

    p = sub.add_parser(
        "risk",
        help="peringatan dini: komponen yang diperkirakan melewati batas waktunya",
        description="Proyeksi tren mingguan tiap kabupaten/kota ke batas waktu pembentukan "
        "badan, materi bimtek wajib dan butir persiapan pencalonan (metode dan parameter: "
        "bagian [risk] data/indikator.toml). Dengan --backtest: uji mundur metode itu pada "
        "riwayat data, minggu demi minggu.",
    )
    db_option(p)
    p.add_argument(
        "--as-of",
        type=_date,
        help="tanggal data (bawaan: data terbaru); dengan --backtest: minggu terakhir yang diuji",
    )
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.add_argument("--backtest", action="store_true", help="uji mundur pada riwayat data")

    p = sub.add_parser("history", help="riwayat versi")
    db_option(p)

    p = sub.add_parser("rollback", help="tarik sebuah versi (versi sebelumnya berlaku lagi)")
    p.add_argument("version_id", type=int)
    db_option(p)
    p.add_argument("--reason", help="alasan penarikan")
    p.add_argument(
        "--user", help="nama pengguna yang menarik; kata sandinya dari prompt atau stdin"
    )

    p = sub.add_parser("user", help="kelola akun pengguna (admin, operator, viewer)")
    users = p.add_subparsers(dest="user_command", required=True, parser_class=_Parser)
    q = users.add_parser("add", help="buat akun; kata sandi dari prompt atau stdin")
    q.add_argument("name")
    q.add_argument("--role", required=True, choices=("admin", "operator", "viewer"))
    q.add_argument("--region", help="kode kabupaten/kota operator, misalnya 33.01")
    db_option(q)
    q = users.add_parser("passwd", help="ganti kata sandi (juga membuka kunci akun)")
    q.add_argument("name")
    db_option(q)
    q = users.add_parser("list", help="daftar akun")
    db_option(q)

    p = sub.add_parser("followup", help="tindak lanjut rapat: tambah, ubah, daftar, catatan, tutup")
    followup = p.add_subparsers(dest="followup_command", required=True, parser_class=_Parser)
    user_help = "nama pengguna yang bertindak; kata sandinya dari prompt atau stdin"
    q = followup.add_parser("add", help="tambah tindak lanjut (admin); mencetak id-nya")
    q.add_argument(
        "--region", required=True, help="kode kabupaten/kota (33.27, 3327, nama) atau provinsi"
    )
    q.add_argument(
        "--topic", required=True, help="badan:PPS, bimtek:PPS:M03, item:PC07, pelaporan atau teks"
    )
    q.add_argument("--text", required=True, help="isi yang disepakati")
    q.add_argument("--due", required=True, type=_date, help="jatuh tempo (YYYY-MM-DD)")
    q.add_argument("--pic", help="penanggung jawab (orang atau divisi)")
    q.add_argument("--meeting-date", type=_date, help="tanggal rapat asal (YYYY-MM-DD)")
    q.add_argument("--meeting-title", help="judul rapat asal")
    q.add_argument("--user", required=True, help=user_help)
    db_option(q)
    q = followup.add_parser(
        "edit", help="ubah tindak lanjut terbuka (admin); yang tidak disebut tetap"
    )
    q.add_argument("followup_id", type=int)
    q.add_argument("--region", help="kode kabupaten/kota (33.27, 3327, nama) atau provinsi")
    q.add_argument("--topic", help="badan:PPS, bimtek:PPS:M03, item:PC07, pelaporan atau teks")
    q.add_argument("--text", help="isi yang disepakati")
    q.add_argument("--due", type=_date, help="jatuh tempo (YYYY-MM-DD)")
    q.add_argument("--pic", help='penanggung jawab; "" mengosongkannya')
    q.add_argument("--meeting-date", type=_date, help="tanggal rapat asal (YYYY-MM-DD)")
    q.add_argument("--meeting-title", help='judul rapat asal; "" mengosongkannya')
    q.add_argument("--user", required=True, help=user_help)
    db_option(q)
    q = followup.add_parser("list", help="daftar tindak lanjut (terlambat lebih dulu)")
    q.add_argument("--region", help="hanya kabupaten/kota ini (atau provinsi)")
    q.add_argument("--as-of", type=_date, help="tanggal penilaian terlambat (bawaan: hari ini)")
    q.add_argument("--json", action="store_true", help="keluaran JSON")
    db_option(q)
    q = followup.add_parser("note", help="tambah catatan perkembangan")
    q.add_argument("followup_id", type=int)
    q.add_argument("--text", required=True, help="isi catatan perkembangan")
    q.add_argument("--user", required=True, help=user_help)
    db_option(q)
    q = followup.add_parser("close", help="tandai selesai, atau batalkan dengan --cancel (admin)")
    q.add_argument("followup_id", type=int)
    q.add_argument("--cancel", action="store_true", help="batalkan, bukan selesai")
    q.add_argument("--user", required=True, help=user_help)
    db_option(q)

    p = sub.add_parser("catatan", help="catatan angka: penjelasan admin atas angka satu satker")
    notes = p.add_subparsers(dest="catatan_command", required=True, parser_class=_Parser)
    q = notes.add_parser("add", help="lekatkan catatan pada kabupaten/kota dan tanggal (admin)")
    q.add_argument("--region", required=True, help="kode kabupaten/kota (33.27, 3327) atau nama")
    q.add_argument("--date", required=True, type=_date, help="tanggal angka itu (YYYY-MM-DD)")
    q.add_argument("--text", required=True, help="isi catatan (paling banyak 300 karakter)")
    q.add_argument("--user", required=True, help=user_help)
    db_option(q)
    q = notes.add_parser("list", help="daftar catatan angka yang berlaku")
    q.add_argument("--region", help="hanya kabupaten/kota ini")
    q.add_argument("--until", type=_date, help="hanya sampai tanggal ini (YYYY-MM-DD)")
    q.add_argument("--json", action="store_true", help="keluaran JSON")
    db_option(q)
    q = notes.add_parser("remove", help="hapus catatan (admin); tetap tercatat di audit")
    q.add_argument("note_id", type=int)
    q.add_argument("--reason", help="alasan penghapusan")
    q.add_argument("--user", required=True, help=user_help)
    db_option(q)

    p = sub.add_parser("export", help="bahan rapat: PowerPoint, HTML luring atau Excel")
    p.add_argument("--format", choices=("pptx", "html", "xlsx"), required=True)
    p.add_argument("--out", type=Path, required=True, help="berkas keluaran")
    db_option(p)
    p.add_argument("--as-of", type=_date, help="tanggal data (bawaan: data terbaru)")
    p.add_argument("--region", help="kode kabupaten/kota (33.01 atau 3301): berkas satu satker")
    p.add_argument("--title", help="judul rapat (bawaan: Rapat Koordinasi Kesiapan ...)")

    p = sub.add_parser(
        "card",
        help="kartu status untuk ponsel: gambar PNG 1080×1350 atau teks WhatsApp",
        description="Kartu status provinsi atau satu kabupaten/kota pada suatu tanggal: "
        "indeks dan kategori, yang belum siap dan sejak kapan, yang berisiko, tenggat "
        "berikutnya, tanggal data dan tanda DEMO. Digambar tanpa peramban (tanpa Chromium).",
    )
    p.add_argument(
        "--region",
        help="kode (33.27 atau 3327), nama (Kabupaten Pemalang, pemalang) atau 'provinsi' "
        "(bawaan: provinsi)",
    )
    db_option(p)
    p.add_argument("--as-of", type=_date, help="tanggal data (bawaan: data terbaru)")
    p.add_argument("--format", choices=("png", "text"), help="png (gambar) atau text (WhatsApp)")
    p.add_argument("--out", type=Path, help="berkas keluaran (text tanpa --out: dicetak ke layar)")
    p.add_argument(
        "--all",
        action="store_true",
        help="semua kartu (provinsi dan tiap kabupaten/kota, PNG dan teks) ke --out "
        "BERKAS.zip atau --out FOLDER",
    )

    p = sub.add_parser(
        "backup",
        help="cadangkan basis data dan arsip unggahan",
        description="Salinan utuh basis data (diambil saat memegang kunci tulisnya) dan "
        "arsip unggahan, dengan manifest (sha256 tiap berkas, jumlah baris tiap tabel, "
        "data_version), ke folder baru OUT/siaga-TTTTBBHH-JJMMDD. Mencetak folder itu.",
    )
    p.add_argument("--out", type=Path, required=True, help="folder tempat cadangan disimpan")
    db_option(p)

    p = sub.add_parser(
        "restore",
        help="pulihkan basis data dan arsip dari sebuah cadangan",
        description="Memeriksa manifest dan setiap berkas cadangan, lalu menaruh basis data "
        "dan arsip unggahan di tempatnya. Basis data yang sudah ada hanya diganti dengan "
        "--force (yang lama disimpan di sampingnya). Hentikan aplikasi dulu.",
    )
    p.add_argument("backup_dir", type=Path, metavar="DIR", help="folder siaga-... dari backup")
    db_option(p)
    p.add_argument(
        "--force",
        action="store_true",
        help="ganti basis data yang sudah ada (disimpan di sampingnya)",
    )

    p = sub.add_parser("bench", help="ukur kinerja")
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--json", action="store_true", help="baris terakhir: satu objek JSON")
    p.add_argument("--no-pages", action="store_true", help="lewati pengukuran halaman")
    p.add_argument(
        "--xlsx-rows", type=int, default=600_000, help="baris berkas .xlsx yang diukur (0: lewati)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except Refusal as exc:
        print(terminal_text(exc.user_message), file=sys.stderr)
        return exc.exit_code


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


def _template_region(text: str) -> str:
    """The canonical code of the regency a template is pre-filled for (33.01, 3301 or
    its name); UsageError for an unknown one."""
    from analytics import reference

    regions = reference.regions()
    spellings = reference.region_spellings(list(regions["kode_wilayah"]), list(regions["nama"]))
    code = spellings.get(" ".join(text.split()).lower())
    if code is None:
        raise UsageError(f"{msg('unknown_region')} ({text})")
    return code


def cmd_template(args) -> int:
    from analytics import templates

    ds = _dataset(args.dataset)
    region = _template_region(args.region) if args.region is not None else None
    out = args.out
    if out is not None and out.is_dir():
        out = out / templates.file_name(ds, args.format, region)
    if args.format == "xlsx":
        if not out:
            raise UsageError("Templat xlsx memerlukan --out BERKAS.xlsx")
        data = templates.template_xlsx(ds, region)
    else:
        data = templates.template_csv(ds, region)
    if out is None:
        sys.stdout.write(data.decode("utf-8-sig"))
        return EXIT_OK
    if not out.parent.is_dir():
        raise UsageError(f"Folder {out.parent} tidak ditemukan.")
    out.write_bytes(data)
    if out != args.out:
        print(out)  # the name chosen for a folder
    return EXIT_OK


def _print_verdict(verdict, stream=None) -> None:
    from analytics.report import issues_text

    text = issues_text(verdict.issues)
    if text:
        print(text, file=stream or sys.stdout)


def cmd_validate(args) -> int:
    from analytics.upload import check_file

    ds = _dataset(args.dataset)
    data = _read_input(args.file)
    verdict = check_file(data, ds, args.as_of or dt.date.today())
    _print_verdict(verdict)
    print(verdict.summary(), file=sys.stdout if verdict.ok else sys.stderr)
    return EXIT_OK if verdict.ok else EXIT_REFUSED


def cmd_ingest(args) -> int:
    from analytics.ingest import ingest_bytes
    from analytics.upload.staging import remove_stale_files

    remove_stale_files()  # upload bodies left in the temp folder by killed runs
    ds = _dataset(args.dataset)
    data = _read_input(args.file)
    db = _db(args)
    outcome = ingest_bytes(
        db,
        ds.name,
        data,
        args.as_of or dt.date.today(),
        user=_acting_user(db, args.user, "unggah", dataset=ds.name, file_name=args.file.name),
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


def cmd_risk(args) -> int:
    from analytics import indicators, risk

    db = _db(args)
    if not db.exists():
        raise UsageError(msg("db_missing", path=db.path))
    if args.backtest:
        result = risk.backtest(db, until=args.as_of)
        text = json.dumps(result, ensure_ascii=False, indent=2) if args.json else None
        print(text or risk.backtest_text(result))
        return EXIT_OK
    as_of = args.as_of or indicators.latest_data_date(db) or dt.date.today()
    found = risk.flags(db, as_of)
    if args.json:
        print(json.dumps([f.as_dict() for f in found], ensure_ascii=False, indent=2))
    else:
        print(risk.flags_text(found, as_of))
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
    from analytics import history

    user = _acting_user(db, args.user, "tarik", target=f"versi {args.version_id}")
    history.withdraw(db, user, args.version_id, args.reason, require_reason=False)
    print(f"Versi {args.version_id} ditarik.")
    return EXIT_OK


def cmd_demo(args) -> int:
    from analytics import demo_store

    db_path = args.db or default_db_path()
    result = demo_store.build_demo(Path(db_path), export_dir=args.export)
    print(result, file=sys.stderr)
    from analytics import auth

    for user in auth.create_demo_users(Database(db_path)):
        print(f"Akun demo: {user.label}", file=sys.stderr)
    return EXIT_OK


# What a refused --user was about to do, for the refusal message.
_ACTION_NOUN = {
    "unggah": "Unggahan",
    "tarik": "Penarikan versi",
    "tindak_lanjut_tambah": "Penambahan tindak lanjut",
    "tindak_lanjut_ubah": "Perubahan tindak lanjut",
    "catatan_angka_tambah": "Penambahan catatan angka",
    "catatan_angka_hapus": "Penghapusan catatan angka",
    "tindak_lanjut_catatan": "Pencatatan perkembangan tindak lanjut",
    "tindak_lanjut_selesai": "Penutupan tindak lanjut",
    "tindak_lanjut_batal": "Pembatalan tindak lanjut",
}


def _acting_user(db: Database, name: str | None, action: str, **fields) -> User:
    """The account named by --user once its password is given (a login like the app's,
    throttled and audited); refused, and audited, otherwise. The shell's administrator
    when no --user is given."""
    from analytics import audit, auth

    if not name:
        return SHELL_ADMIN
    result = auth.login(db, name, _password(confirm=False, prompt=f"Kata sandi {name}: "))
    if result.user is None:
        text = msg("cli_login_refused", reason=result.message, action=_ACTION_NOUN[action])
        audit.record(db, auth.actor_label(db, name), action, "ditolak", reason=text, **fields)
        raise AuthError(text)
    return result.user


def _password(confirm: bool, prompt: str = "Kata sandi: ") -> str:
    """A password from a hidden prompt (twice when ``confirm``) on a terminal, else the
    first line of stdin."""
    import getpass

    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("Ulangi kata sandi: ") != first:
            raise AuthError(msg("password_mismatch"))
        return first
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise AuthError(msg("password_missing"))
    return line


def cmd_user(args) -> int:
    from analytics import auth

    db = _db(args)
    if args.user_command == "list":
        if not db.exists():
            raise UsageError(msg("db_missing", path=db.path))
        print(_users_text(auth.list_users(db)))
        return EXIT_OK
    if args.user_command == "add":
        user = auth.add_user(db, args.name, args.role, _password(confirm=True), args.region)
        print(msg("user_added", name=user.name, label=user.label), file=sys.stderr)
        return EXIT_OK
    if not db.exists():
        raise UsageError(msg("db_missing", path=db.path))
    auth.set_password(db, args.name, _password(confirm=True))
    print(msg("password_changed", name=args.name), file=sys.stderr)
    return EXIT_OK


def _text_or_dash(value) -> str:
    return value if isinstance(value, str) and value else "-"


def _users_text(users) -> str:
    """One account per line, tab separated, Indonesian headers; never the hashes."""
    import pandas as pd

    lines = ["nama\tperan\twilayah\tstatus\tdibuat\tsandi_diganti"]
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # stored times are UTC
    for row in users.itertuples(index=False):
        if not row.is_active:
            status = "nonaktif"
        elif not pd.isna(row.locked_until) and row.locked_until > now:
            status = f"terkunci sampai {fmt.to_wib(row.locked_until):%Y-%m-%d %H:%M} WIB"
        else:
            status = "aktif"
        lines.append(
            f"{row.username}\t{row.role}\t{_text_or_dash(row.kode_wilayah)}\t{status}\t"
            f"{row.created_at:%Y-%m-%d}\t{row.password_changed_at:%Y-%m-%d}"
        )
    return "\n".join(lines)


def cmd_followup(args) -> int:
    from analytics import followups

    db = _db(args)
    if args.followup_command == "list":
        if not db.exists():
            raise UsageError(msg("db_missing", path=db.path))
        as_of = args.as_of or fmt.today_wib()
        rows = followups.listing(db, as_of, region=args.region)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            print(_followups_text(rows))
        return EXIT_OK
    if args.followup_command == "add":
        user = _acting_user(db, args.user, followups.ADD)
        followup_id = followups.add(
            db, user, region=args.region, topic=args.topic, text=args.text, due=args.due,
            pic=args.pic, meeting_date=args.meeting_date, meeting_title=args.meeting_title,
        )  # fmt: skip
        print(followup_id)  # stdout carries only the id, for scripts
        region = followups.region_label(followups.parse_region(args.region))
        print(
            msg("followup_added", id=followup_id, region=region, due=fmt.date(args.due)),
            file=sys.stderr,
        )
        return EXIT_OK
    if not db.exists():
        raise UsageError(msg("db_missing", path=db.path))
    target = f"tindak lanjut {args.followup_id}"
    if args.followup_command == "note":
        user = _acting_user(db, args.user, followups.NOTE, target=target)
        followups.add_note(db, user, args.followup_id, args.text)
        print(msg("followup_noted", id=args.followup_id), file=sys.stderr)
        return EXIT_OK
    if args.followup_command == "edit":
        return _followup_edit(db, args, target)
    action = followups.CANCEL if args.cancel else followups.CLOSE
    user = _acting_user(db, args.user, action, target=target)
    followups.close(db, user, args.followup_id, cancel=args.cancel)
    done = "followup_cancelled" if args.cancel else "followup_closed"
    print(msg(done, id=args.followup_id), file=sys.stderr)
    return EXIT_OK


def cmd_catatan(args) -> int:
    from analytics import followups, number_notes

    db = _db(args)
    if args.catatan_command == "add":
        user = _acting_user(db, args.user, number_notes.ADD)
        note_id = number_notes.add(db, user, args.region, args.date, args.text)
        print(note_id)  # stdout carries only the id, for scripts
        region = followups.region_label(followups.parse_region(args.region))
        print(
            msg("number_note_added", id=note_id, region=region, date=fmt.date(args.date)),
            file=sys.stderr,
        )
        return EXIT_OK
    if not db.exists():
        raise UsageError(msg("db_missing", path=db.path))
    if args.catatan_command == "list":
        found = number_notes.notes_for(db, args.region, until=args.until)
        rows = [
            {"id": n.id, "kode_wilayah": n.kode_wilayah, "tanggal": n.tanggal.isoformat(),
             "teks": n.teks, "oleh": n.dibuat_oleh,
             "waktu": fmt.to_wib(n.dibuat_pada).isoformat(timespec="seconds")}
            for n in found
        ]  # fmt: skip
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        elif not rows:
            print(msg("number_note_list_empty"))
        else:
            print("id\twilayah\ttanggal\toleh\tteks")
            for r in rows:
                print(f"{r['id']}\t{r['kode_wilayah']}\t{r['tanggal']}\t{r['oleh']}\t{r['teks']}")
        return EXIT_OK
    target = f"catatan angka {args.note_id}"
    user = _acting_user(db, args.user, number_notes.REMOVE, target=target)
    number_notes.remove(db, user, args.note_id, args.reason)
    print(msg("number_note_removed", id=args.note_id), file=sys.stderr)
    return EXIT_OK


# `followup edit` option -> keyword of followups.edit (an option not given: unchanged).
_EDIT_OPTIONS = {
    "region": "region", "topic": "topic", "text": "text", "due": "due", "pic": "pic",
    "meeting_date": "meeting_date", "meeting_title": "meeting_title",
}  # fmt: skip


def _followup_edit(db: Database, args, target: str) -> int:
    from analytics import followups

    changes = {
        keyword: getattr(args, option)
        for option, keyword in _EDIT_OPTIONS.items()
        if getattr(args, option) is not None
    }
    if not changes:
        raise UsageError(msg("followup_edit_nothing"))
    user = _acting_user(db, args.user, followups.EDIT, target=target)
    version = followups.edit(db, user, args.followup_id, **changes)
    print(msg("followup_edited", id=args.followup_id, version=version), file=sys.stderr)
    return EXIT_OK


def _followups_text(rows: list[dict]) -> str:
    """One follow-up per line, tab separated, Indonesian headers; status 'terlambat' when
    an open one is overdue."""
    if not rows:
        return msg("followup_list_empty")
    lines = ["id\twilayah\ttopik\tjatuh_tempo\tstatus\tpenanggung_jawab\tcatatan\tisi"]
    for row in rows:
        status = "terlambat" if row["terlambat"] else row["status"]
        text = " ".join(row["isi"].split())
        lines.append(
            f"{row['id']}\t{row['kode_wilayah']}\t{row['topik']}\t{row['jatuh_tempo']}\t"
            f"{status}\t{_text_or_dash(row['penanggung_jawab'])}\t{len(row['catatan'])}\t{text}"
        )
    return "\n".join(lines)


def cmd_export(args) -> int:
    from analytics import exports, indicators, meeting, reference

    db = _db(args)
    if not db.exists():
        raise UsageError(msg("db_missing", path=db.path))
    region = None
    if args.region:
        regions = reference.regions()
        spellings = reference.region_spellings(list(regions["kode_wilayah"]), list(regions["nama"]))
        region = spellings.get(args.region.strip().lower())
        if region is None:
            raise UsageError(f"{msg('unknown_region')} ({args.region})")
    if not args.out.parent.is_dir():
        raise UsageError(f"Folder {args.out.parent} tidak ditemukan.")
    as_of = args.as_of or indicators.latest_data_date(db) or dt.date.today()
    deck = meeting.load_deck(db, as_of, title=args.title, region=region)
    args.out.write_bytes(exports.render(deck, args.format))
    print(f"{args.out}\t{deck.scope}\tdata per {as_of.isoformat()}")
    return EXIT_OK


def _card_region(text: str | None, names: dict[str, str]) -> str:
    """The code of the card asked for ('33.27', '3327', 'pemalang', 'Kabupaten Pemalang'),
    or the province's ('provinsi', or nothing); UsageError naming what was typed."""
    from analytics import url_params
    from analytics.cards import PROVINCE

    key = " ".join((text or "").split()).lower()
    if key in ("", PROVINCE, "provinsi jawa tengah", "jawa tengah", "33"):
        return PROVINCE
    spellings, shared = url_params.region_spellings(names)
    squeezed = key.replace(" ", "")
    if squeezed in spellings:
        return spellings[squeezed]
    if squeezed in shared:
        regions = " dan ".join(f"{code} {names[code]}" for code in shared[squeezed])
        raise UsageError(msg("card_ambiguous_region", region=text, regions=regions))
    raise UsageError(msg("card_unknown_region", region=text))


def cmd_card(args) -> int:
    from analytics import cards, indicators
    from analytics.cards import bundle
    from analytics.cards.text import card_text

    db = _db(args)
    if not db.exists():
        raise UsageError(msg("db_missing", path=db.path))
    if args.all and args.region:
        raise UsageError(msg("card_all_with_region"))
    if not args.all and args.format is None:
        raise UsageError(msg("card_format_required"))
    if args.all and args.out is None:
        raise UsageError(msg("card_all_out_required"))
    if args.format == "png" and args.out is None and not args.all:
        raise UsageError(msg("card_out_required"))
    region = None if args.all else _card_region(args.region, db.region_names())
    out = args.out
    if out is not None and not out.parent.is_dir():
        raise UsageError(msg("card_folder_missing", path=out.parent))
    if out is not None and not args.all and out.is_dir():
        raise UsageError(msg("card_out_is_folder", path=out))
    as_of = args.as_of or indicators.latest_data_date(db) or dt.date.today()
    made = cards.load_cards(db, as_of)
    if args.all:
        if out.suffix.lower() == ".zip":
            out.write_bytes(bundle.cards_zip(made))
        else:
            bundle.write_folder(made, out)
        print(f"{out}\t{len(made)} kartu\tdata per {as_of.isoformat()}")
        return EXIT_OK
    card = next(c for c in made if c.code == region)
    if args.format == "text":
        text = card_text(card)
        if out is None:
            sys.stdout.write(text)
            return EXIT_OK
        out.write_text(text, encoding="utf-8")
    else:
        from analytics.cards.image import card_png

        out.write_bytes(card_png(card))
    print(f"{out}\t{card.name}\tdata per {as_of.isoformat()}")
    return EXIT_OK


def cmd_backup(args) -> int:
    from analytics import backup

    result = backup.backup(_db(args), args.out)
    files = result.manifest["files"]
    print(result.path)  # stdout carries only the folder, for scripts
    print(
        backup.text(
            "backup_done",
            path=result.path,
            size=fmt.number(files[backup.DB_NAME]["bytes"] / 1e6, 1),
            files=len(files) - 1,
            version=result.manifest["data_version"],
        ),
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_restore(args) -> int:
    from analytics import backup

    result = backup.restore(args.backup_dir, _db(args), force=args.force)
    print(
        backup.text(
            "restore_done",
            backup=args.backup_dir,
            path=result.path,
            version=result.data_version,
            files=result.archive_files,
            archive=result.archive_dir,
        )
    )
    if result.kept_old is not None:
        print(backup.text("restore_kept_old", path=result.kept_old))
    print(backup.text("restore_restart"), file=sys.stderr)
    return EXIT_OK


def cmd_bench(args) -> int:
    from analytics import bench

    return bench.run(
        rows=args.rows, as_json=args.json, pages=not args.no_pages, xlsx_rows=args.xlsx_rows
    )


COMMANDS = {
    "demo": cmd_demo,
    "datasets": cmd_datasets,
    "template": cmd_template,
    "validate": cmd_validate,
    "ingest": cmd_ingest,
    "summary": cmd_summary,
    "risk": cmd_risk,
    "history": cmd_history,
    "rollback": cmd_rollback,
    "user": cmd_user,
    "followup": cmd_followup,
    "catatan": cmd_catatan,
    "export": cmd_export,
    "card": cmd_card,
    "bench": cmd_bench,
    "backup": cmd_backup,
    "restore": cmd_restore,
}
