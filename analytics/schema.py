"""The datasets regencies upload: columns, kinds and rules, the single source of truth.

Each rule is declared once, here: its Indonesian text (templates, README, upload page)
and the checks that enforce it (``analytics/upload/rules.py`` turns them into SQL).
"""

from __future__ import annotations

from analytics.contract import (
    BODY,
    CHOICE,
    DATE,
    INT,
    ITEM,
    MODULE,
    REGION,
    TEXT,
    TPS,
    URL,
    WARNING,
    Check,
    Column,
    Dataset,
    FewerRowsThanUnits,
    OfficialUnits,
    RequiredWhen,
    Rule,
    Unique,
)

BODIES: dict[str, tuple[str, ...]] = {
    "PPK": ("ppk", "panitia pemilihan kecamatan"),
    "PPS": ("pps", "panitia pemungutan suara"),
    "PANTARLIH": ("pantarlih", "ppdp", "petugas pemutakhiran data pemilih"),
    "KPPS": ("kpps", "kelompok penyelenggara pemungutan suara"),
}

STATUSES: dict[str, tuple[str, ...]] = {
    "belum": ("belum", "belum mulai", "belum dimulai", "belum dilaksanakan"),
    "proses": (
        "proses",
        "dalam proses",
        "sedang proses",
        "sedang berjalan",
        "berjalan",
        "on progress",
        "in progress",
        "progress",
        "progres",
    ),
    "selesai": ("selesai", "sudah", "sudah selesai", "tuntas"),
    "tidak_berlaku": ("tidak berlaku", "tidak_berlaku", "tidakberlaku", "n/a", "na"),
}

METHODS: dict[str, tuple[str, ...]] = {
    "luring": ("luring", "tatap muka", "offline"),
    "daring": ("daring", "online", "virtual"),
    "campuran": ("campuran", "hybrid", "hibrida", "blended"),
}

_REGION_COL = Column(
    "kode_wilayah",
    REGION,
    True,
    "Kode kabupaten/kota, misalnya 33.01 atau 3301",
    "33.01",
    aliases=(
        "kode wilayah",
        "kode kab",
        "kode kabkota",
        "kode kabupaten",
        "kode kabupaten kota",
        "kode satker",
        "kode wil",
        "kab kota",
        "kabupaten kota",
        "kota kabupaten",
        "nama kabupaten kota",
        "satker",
        "nama satker",
        "wilayah",
    ),
)
_BODY_COL = Column(
    "badan",
    BODY,
    True,
    "Badan ad hoc: PPK, PPS, PANTARLIH atau KPPS",
    "PPK",
    aliases=("badan adhoc", "badan ad hoc", "jenis badan", "jenis badan ad hoc", "lembaga"),
    choices=BODIES,
)

BADAN_ADHOC = Dataset(
    name="badan_adhoc",
    title="Badan Ad Hoc",
    description="Pembentukan badan ad hoc: satu baris per unit (kecamatan, desa/kelurahan, TPS)",
    grain="satu baris per unit satu badan (PPK per kecamatan, PPS per desa/kelurahan, "
    "Pantarlih dan KPPS per TPS)",
    columns=(
        _REGION_COL,
        _BODY_COL,
        Column(
            "kecamatan",
            TEXT,
            True,
            "Nama resmi kecamatan (atau kode Kemendagri, misalnya 33.01.01 atau 330101)",
            "Kedungreja",
            aliases=("nama kecamatan", "kec", "kode kecamatan"),
            max_length=100,
        ),
        Column(
            "desa_kelurahan",
            TEXT,
            False,
            "Nama resmi desa/kelurahan di kecamatan itu (atau kode Kemendagri, misalnya "
            "33.01.01.2001); wajib untuk PPS, PANTARLIH dan KPPS",
            "",
            aliases=(
                "desa",
                "kelurahan",
                "desa kel",
                "kel desa",
                "kelurahan desa",
                "nama desa",
                "nama kelurahan",
                "nama desa kelurahan",
            ),
            required_when=RequiredWhen(
                "wajib untuk PPS, PANTARLIH dan KPPS",
                Check(
                    "desa_kelurahan",
                    "badan IN ('PPS', 'PANTARLIH', 'KPPS')",
                    "required_for_body",
                    (("body", "badan"),),
                    missing=True,
                ),
            ),
            max_length=100,
        ),
        Column(
            "tps",
            TPS,
            False,
            "Nomor TPS, misalnya 001 (disimpan sebagai teks); wajib untuk PANTARLIH dan KPPS",
            "",
            aliases=("no tps", "nomor tps", "kode tps", "tps no"),
            required_when=RequiredWhen(
                "wajib untuk PANTARLIH dan KPPS",
                Check(
                    "tps",
                    "badan IN ('PANTARLIH', 'KPPS')",
                    "required_for_body",
                    (("body", "badan"),),
                    missing=True,
                ),
            ),
            max_length=10,
        ),
        Column(
            "kebutuhan",
            INT,
            True,
            "Jumlah kursi anggota yang dibutuhkan",
            "5",
            aliases=(
                "jumlah kebutuhan",
                "kebutuhan anggota",
                "jumlah kebutuhan anggota",
                "formasi",
                "jumlah formasi",
                "kuota",
            ),
        ),
        Column(
            "pendaftar",
            INT,
            False,
            "Jumlah pendaftar sejauh ini",
            "12",
            aliases=("jumlah pendaftar",),
        ),
        Column(
            "terisi",
            INT,
            True,
            "Jumlah anggota yang sudah ditetapkan",
            "5",
            aliases=(
                "jumlah terisi",
                "ditetapkan",
                "anggota terisi",
                "jumlah ditetapkan",
                "anggota ditetapkan",
            ),
        ),
        Column(
            "dilantik",
            INT,
            True,
            "Jumlah anggota yang sudah dilantik",
            "5",
            aliases=("jumlah dilantik", "sudah dilantik", "anggota dilantik"),
        ),
        Column(
            "perempuan",
            INT,
            True,
            "Jumlah perempuan di antara anggota yang ditetapkan",
            "2",
            aliases=(
                "jumlah perempuan",
                "anggota perempuan",
                "wanita",
                "jumlah wanita",
                "keterwakilan perempuan",
            ),
        ),
        Column(
            "pengganti",
            INT,
            False,
            "Jumlah penggantian antarwaktu (PAW) sejauh ini",
            "0",
            aliases=("paw", "jumlah pengganti", "jumlah paw", "pengganti antar waktu"),
        ),
    ),
    key=("badan", "kecamatan", "desa_kelurahan", "tps"),
    rules=(
        Rule("Semua angka bilangan bulat >= 0", enforced_by="column kinds"),
        Rule(
            "dilantik <= terisi <= kebutuhan",
            (
                Check(
                    "dilantik",
                    "dilantik > terisi",
                    "dilantik_gt_terisi",
                    (("dilantik", "dilantik"), ("terisi", "terisi")),
                ),
                Check(
                    "terisi",
                    "terisi > kebutuhan",
                    "terisi_gt_kebutuhan",
                    (("terisi", "terisi"), ("kebutuhan", "kebutuhan")),
                ),
            ),
        ),
        Rule(
            "perempuan <= terisi",
            (
                Check(
                    "perempuan",
                    "perempuan > terisi",
                    "perempuan_gt_terisi",
                    (("perempuan", "perempuan"), ("terisi", "terisi")),
                ),
            ),
        ),
        Rule(
            "kecamatan dan desa_kelurahan: nama resmi Kemendagri atau kodenya (33.01.01, "
            "330101, 33.01.01.2001, 3301012001); huruf besar/kecil, spasi, tanda baca, awalan "
            "Kec./Desa/Ds./Kel. dan ejaan lama (oe, dj, tj) tidak berpengaruh. Nama yang tidak "
            "ada dalam daftar resmi kabupaten/kota itu menolak berkas, dengan usulan nama resmi "
            "terdekat",
            (OfficialUnits("kecamatan", "desa_kelurahan"),),
        ),
        Rule(
            "Satu baris per unit (badan, kecamatan, desa/kelurahan, TPS); dua ejaan satu unit "
            "dihitung sama",
            (
                # The unit's own column names the duplicate: kecamatan for PPK,
                # desa_kelurahan for PPS, tps for PANTARLIH and KPPS.
                # Units compare by their official codes: two spellings of one unit repeat it.
                Unique(
                    "kode_wilayah, badan, kode_kecamatan, "
                    "CASE WHEN badan = 'PPK' THEN '' ELSE coalesce(kode_desa_kelurahan, '') "
                    "END, CASE WHEN badan IN ('PPK', 'PPS') THEN '' ELSE coalesce(tps, '') END",
                    "CASE badan WHEN 'PPK' THEN 'kecamatan' WHEN 'PPS' THEN 'desa_kelurahan' "
                    "ELSE 'tps' END",
                    "kode_wilayah IS NOT NULL AND badan IS NOT NULL AND kode_kecamatan IS NOT NULL "
                    "AND (badan = 'PPK' OR kode_desa_kelurahan IS NOT NULL)",
                    "duplicate_unit",
                    written=(
                        "kode_wilayah, badan, kecamatan, CASE WHEN badan = 'PPK' THEN '' "
                        "ELSE coalesce(desa_kelurahan, '') END, "
                        "CASE WHEN badan IN ('PPK', 'PPS') THEN '' ELSE coalesce(tps, '') END",
                        "kode_wilayah IS NOT NULL AND badan IS NOT NULL AND kecamatan IS NOT NULL",
                    ),
                ),
            ),
        ),
        Rule(
            "Peringatan: kebutuhan tidak sesuai standar badan (PPK 5, PPS 3, PANTARLIH 1 atau 2, "
            "KPPS 7); baris PPK lebih sedikit dari jumlah kecamatan; baris PPS lebih sedikit dari "
            "jumlah desa/kelurahan",
            (
                Check(
                    "kebutuhan",
                    "badan IS NOT NULL AND kebutuhan IS NOT NULL "
                    "AND NOT list_contains({standard_seats}[badan], kebutuhan)",
                    "warn_nonstandard_need",
                    (
                        ("value", "kebutuhan"),
                        ("body", "badan"),
                        ("standard", "{standard_label}[badan]"),
                    ),
                    WARNING,
                ),
                FewerRowsThanUnits("PPK", "jumlah_kecamatan", "warn_fewer_ppk"),
                FewerRowsThanUnits("PPS", "jumlah_desa_kelurahan", "warn_fewer_pps"),
            ),
        ),
    ),
)

BIMTEK = Dataset(
    name="bimtek",
    title="Bimbingan Teknis",
    description="Kegiatan bimbingan teknis (bimtek): satu baris per kegiatan untuk satu badan",
    grain="satu baris per kegiatan bimtek untuk satu badan",
    columns=(
        _REGION_COL,
        _BODY_COL,
        Column(
            "materi",
            MODULE,
            True,
            "Kode atau nama materi dari daftar materi bimtek (M01 ...)",
            "M01",
            aliases=("kode materi", "nama materi", "modul", "materi bimtek", "judul materi"),
        ),
        Column(
            "tanggal_mulai",
            DATE,
            True,
            "Tanggal mulai (2024-08-15, 15/08/2024 atau 15-08-2024)",
            "2024-06-03",
            aliases=("mulai", "tgl mulai", "tanggal awal", "tgl awal"),
        ),
        Column(
            "tanggal_selesai",
            DATE,
            True,
            "Tanggal selesai, tidak sebelum tanggal mulai",
            "2024-06-04",
            aliases=("selesai", "tgl selesai", "tanggal akhir", "tgl akhir"),
        ),
        Column(
            "metode",
            CHOICE,
            False,
            "luring, daring atau campuran",
            "luring",
            aliases=("metode pelaksanaan", "metode bimtek", "moda"),
            choices=METHODS,
        ),
        Column(
            "peserta_target",
            INT,
            True,
            "Jumlah anggota yang seharusnya ikut",
            "120",
            aliases=(
                "target peserta",
                "target",
                "jumlah target",
                "jumlah target peserta",
                "peserta sasaran",
                "sasaran",
            ),
        ),
        Column(
            "peserta_hadir",
            INT,
            True,
            "Jumlah anggota yang hadir (0 untuk kegiatan yang baru direncanakan)",
            "118",
            aliases=("hadir", "jumlah hadir", "jumlah peserta hadir", "kehadiran"),
        ),
        Column(
            "peserta_tuntas",
            INT,
            True,
            "Jumlah anggota yang menuntaskan materi",
            "115",
            aliases=("tuntas", "jumlah tuntas", "jumlah peserta tuntas", "lulus", "peserta lulus"),
        ),
        Column("catatan", TEXT, False, "Catatan bebas", "", aliases=("keterangan", "ket")),
    ),
    key=(),
    rules=(
        Rule(
            "peserta_tuntas <= peserta_hadir",
            (
                Check(
                    "peserta_tuntas",
                    "peserta_tuntas > peserta_hadir",
                    "tuntas_gt_hadir",
                    (("tuntas", "peserta_tuntas"), ("hadir", "peserta_hadir")),
                ),
            ),
        ),
        Rule(
            "tanggal_selesai tidak sebelum tanggal_mulai",
            (
                Check(
                    "tanggal_selesai",
                    "tanggal_selesai < tanggal_mulai",
                    "end_before_start",
                    (("start", "strftime(tanggal_mulai, '%d-%m-%Y')"),),
                ),
            ),
        ),
        Rule(
            "Peringatan: peserta_hadir melebihi peserta_target",
            (
                Check(
                    "peserta_hadir",
                    "peserta_hadir > peserta_target",
                    "warn_over_target",
                    (("hadir", "peserta_hadir"), ("target", "peserta_target")),
                    WARNING,
                ),
            ),
        ),
    ),
)

PERSIAPAN_PENCALONAN = Dataset(
    name="persiapan_pencalonan",
    title="Persiapan Pencalonan",
    description="Daftar periksa persiapan tahapan pencalonan: satu baris per butir (PC01 ...)",
    grain="satu baris per butir daftar periksa",
    columns=(
        _REGION_COL,
        Column(
            "kode_item",
            ITEM,
            True,
            "Kode butir dari daftar periksa (PC01 ... PC11)",
            "PC01",
            aliases=("kode butir", "kode", "item", "butir", "no item"),
        ),
        Column(
            "status",
            CHOICE,
            True,
            "belum, proses, selesai atau tidak_berlaku",
            "selesai",
            aliases=("status item", "status pelaksanaan", "progres"),
            choices=STATUSES,
        ),
        Column(
            "tanggal_selesai",
            DATE,
            False,
            "Tanggal selesai; wajib bila status selesai, tidak boleh setelah tanggal data",
            "2024-08-09",
            aliases=("tgl selesai", "selesai tanggal", "tanggal penyelesaian"),
            required_when=RequiredWhen(
                "wajib bila status selesai",
                Check("tanggal_selesai", "status = 'selesai'", "done_without_date", missing=True),
            ),
        ),
        Column(
            "mitra",
            TEXT,
            False,
            "Pihak ketiga yang terlibat (misalnya rumah sakit)",
            "",
            aliases=("pihak ketiga", "mitra kerja", "instansi terkait"),
        ),
        Column(
            "penanggung_jawab",
            TEXT,
            False,
            "Divisi atau jabatan penanggung jawab",
            "Divisi Teknis",
            aliases=("pj", "penanggungjawab", "pic", "divisi"),
        ),
        Column(
            "tautan_bukti",
            URL,
            False,
            "Tautan bukti (hanya http/https)",
            "",
            aliases=(
                "link bukti",
                "tautan",
                "link",
                "bukti",
                "bukti dukung",
                "link bukti dukung",
                "url",
            ),
        ),
        Column("catatan", TEXT, False, "Catatan bebas", "", aliases=("keterangan", "ket")),
    ),
    key=("kode_item",),
    rules=(
        Rule("Butir yang tidak ada dihitung 'belum'", enforced_by="indicators"),
        Rule(
            "tanggal_selesai wajib bila status selesai dan tidak boleh setelah tanggal data",
            (
                # (Required when selesai: declared on the column, checked before this.)
                Check(
                    "tanggal_selesai",
                    "tanggal_selesai > {as_of}",
                    "done_after_as_of",
                    (("as_of", "strftime({as_of}, '%d-%m-%Y')"),),
                ),
            ),
        ),
        Rule(
            "Satu baris per butir (kode_item)",
            (
                Unique(
                    "kode_wilayah, kode_item",
                    "'kode_item'",
                    "kode_wilayah IS NOT NULL AND kode_item IS NOT NULL",
                    "duplicate_item",
                ),
            ),
        ),
        Rule("tautan_bukti hanya http:// atau https://", enforced_by="column kinds"),
    ),
)

DATASETS: dict[str, Dataset] = {d.name: d for d in (BADAN_ADHOC, BIMTEK, PERSIAPAN_PENCALONAN)}


def dataset_table_markdown() -> str:
    """The README's dataset table, generated from the schema (a test keeps them in sync)."""
    lines = []
    for ds in DATASETS.values():
        lines.append(f"### `{ds.name}` — {ds.description}")
        lines.append("")
        lines.append("| kolom | wajib | arti | contoh |")
        lines.append("|---|---|---|---|")
        for col in ds.columns:
            need = (
                "ya" if col.required else (col.required_when.text if col.required_when else "tidak")
            )
            lines.append(f"| {col.name} | {need} | {col.description} | {col.example} |")
        lines.append("")
        lines.append("Aturan: " + "; ".join(ds.rule_texts) + ".")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
