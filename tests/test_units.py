"""Official units: a kecamatan or desa/kelurahan written any accepted way is the same unit;
a name that is no official unit refuses the file with the closest official names."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from analytics import cli
from analytics.ingest import ingest_bytes
from analytics.storage import Database
from analytics.units import code_in, official_units, unit_key
from analytics.upload import check_file

AS_OF = dt.date(2024, 8, 1)
HEADER = "kode_wilayah;badan;kecamatan;desa_kelurahan;tps;kebutuhan;pendaftar;terisi;dilantik;perempuan;pengganti"

# Kota Magelang (33.71): 3 kecamatan, 17 kelurahan. Official names, as the reference has them.
MAGELANG = {
    ("33.71.01", "Magelang Selatan"): [
        ("1003", "Rejowinangun Selatan"),
        ("1007", "Magersari"),
        ("1008", "Jurangombo Utara"),
        ("1009", "Jurangombo Selatan"),
        ("1010", "Tidar Utara"),
        ("1011", "Tidar Selatan"),
    ],
    ("33.71.02", "Magelang Utara"): [
        ("1003", "Wates"),
        ("1004", "Potrobangsan"),
        ("1005", "Kedungsari"),
        ("1008", "Kramat Utara"),
        ("1009", "Kramat Selatan"),
    ],
    ("33.71.03", "Magelang Tengah"): [
        ("1001", "Kemirirejo"),
        ("1002", "Cacaban"),
        ("1003", "Rejowinangun Utara"),
        ("1004", "Magelang"),
        ("1005", "Panjang"),
        ("1006", "Gelangan"),
    ],
}


def magelang_file(kecamatan_as, desa_as) -> bytes:
    """3 PPK rows and 17 PPS rows of Kota Magelang; every number fixed, so two files
    differ only in how the units are written. ``kecamatan_as(code, name)`` and
    ``desa_as(code, name)`` give the text written for each unit."""
    lines = [HEADER]
    for i, ((kec_code, kec_name), desa) in enumerate(MAGELANG.items()):
        lines.append(f"33.71;PPK;{kecamatan_as(kec_code, kec_name)};;;5;12;5;{4 + i % 2};2;0")
        for j, (suffix, desa_name) in enumerate(desa):
            written = desa_as(f"{kec_code}.{suffix}", desa_name)
            terisi = 3 - (j == 0)
            lines.append(
                f"33.71;PPS;{kecamatan_as(kec_code, kec_name)};{written};;3;7;{terisi};{terisi};1;0"
            )
    return ("\n".join(lines) + "\n").encode()


def official(code, name):
    return name


WAYS = {
    "upper case": (lambda c, n: n.upper(), lambda c, n: n.upper()),
    "prefixes": (lambda c, n: f"Kec. {n}", lambda c, n: f"Kel. {n}"),
    "long prefixes": (lambda c, n: f"Kecamatan {n}", lambda c, n: f"Kelurahan {n}"),
    "dotted codes": (lambda c, n: c, lambda c, n: c),
    "bare codes": (lambda c, n: c.replace(".", ""), lambda c, n: c.replace(".", "")),
    "code and name": (lambda c, n: f"{c} - {n}", lambda c, n: f"{n} ({c})"),
    "no spaces, punctuation": (
        lambda c, n: n.replace(" ", "").lower(),
        lambda c, n: n.replace(" ", ".").lower(),
    ),
    "old spellings": (
        lambda c, n: n.replace("u", "oe"),
        lambda c, n: n.replace("j", "dj").replace("c", "tj"),
    ),
    "space inside a name": (
        lambda c, n: n,
        lambda c, n: n.replace("rejo", " Rejo").replace("sari", " Sari"),
    ),
}


def summary(tmp_path, name: str, data: bytes) -> dict:
    db = Database(tmp_path / f"{name}.duckdb")
    db.initialise()
    outcome = ingest_bytes(db, "badan_adhoc", data, AS_OF, "tester", f"{name}.csv")
    assert outcome.accepted, outcome.verdict.issues.to_string()
    return db


def summary_json(db: Database, capsys) -> dict:
    assert cli.main(["summary", "--db", str(db.path), "--as-of", AS_OF.isoformat()]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("way", list(WAYS))
def test_any_accepted_spelling_gives_the_same_summary(tmp_path, capsys, way):
    reference = summary_json(
        summary(tmp_path, "official", magelang_file(official, official)), capsys
    )
    kecamatan_as, desa_as = WAYS[way]
    variant = summary_json(
        summary(tmp_path, "variant", magelang_file(kecamatan_as, desa_as)), capsys
    )
    assert variant == reference
    region = next(r for r in variant["kabupaten_kota"] if r["kode_wilayah"] == "33.71")
    assert [region["badan"][b]["unit_dilaporkan"] for b in ("PPK", "PPS")] == [3, 17]


def test_stored_rows_keep_the_text_and_get_the_official_codes(tmp_path):
    db = summary(tmp_path, "codes", magelang_file(lambda c, n: f"Kec. {n}", lambda c, n: c))
    with db.reader() as con:
        rows = con.execute(
            "SELECT badan, kecamatan, desa_kelurahan, kode_kecamatan, kode_desa_kelurahan "
            "FROM badan_adhoc_rows ORDER BY line"
        ).fetchall()
    assert rows[0] == ("PPK", "Kec. Magelang Selatan", None, "33.71.01", None)
    assert rows[1] == (
        "PPS",
        "Kec. Magelang Selatan",
        "33.71.01.1003",
        "33.71.01",
        "33.71.01.1003",
    )
    assert len(rows) == 20
    assert len({r[4] for r in rows if r[0] == "PPS"}) == 17


def errors(data: bytes) -> list[tuple[int, str, str, str]]:
    verdict = check_file(data, "badan_adhoc", AS_OF)
    return [
        (int(r.line), r.column, r.value, r.message) for r in verdict.errors.itertuples(index=False)
    ]


def test_a_misspelled_desa_is_refused_with_the_official_name_it_meant():
    data = magelang_file(official, lambda c, n: "Kramat Selatn" if n == "Kramat Selatan" else n)
    assert errors(data) == [
        (
            14,  # header, PPK and 6 kelurahan of Magelang Selatan, PPK Utara, 4 before it
            "desa_kelurahan",
            "Kramat Selatn",
            "Apakah maksudnya: Kramat Selatan? Tidak ada desa/kelurahan bernama atau berkode "
            "ini di Kecamatan Magelang Utara.",
        )
    ]


def test_a_misspelled_kecamatan_names_the_regency_and_the_closest_kecamatan():
    data = b"\n".join(
        [HEADER.encode(), b"33.01;PPK;Kedungrejo;;;5;12;5;5;2;0", b"33.01;PPK;Xyz;;;5;12;5;5;2;0"]
    )
    assert errors(data) == [
        (
            2,
            "kecamatan",
            "Kedungrejo",
            "Apakah maksudnya: Kedungreja? Tidak ada kecamatan bernama atau berkode ini di "
            "Kabupaten Cilacap.",
        ),
        (
            3,
            "kecamatan",
            "Xyz",
            "Tidak ada kecamatan bernama atau berkode ini di Kabupaten Cilacap. Tulis nama "
            "resminya atau kode Kemendagri (misalnya 33.01.01); templat terisi wilayah ini "
            "memuat daftar resminya.",
        ),
    ]


def test_a_typo_never_raises_the_unit_count(tmp_path, capsys):
    good = summary(tmp_path, "good", magelang_file(official, official))
    before = summary_json(good, capsys)
    # The same file with one kelurahan misspelled, and an extra row for a made-up one.
    typo = magelang_file(official, lambda c, n: "Wates Baru" if n == "Wates" else n)
    outcome = ingest_bytes(good, "badan_adhoc", typo, AS_OF, "tester", "typo.csv")
    assert not outcome.accepted
    assert summary_json(good, capsys) == before
    region = next(r for r in before["kabupaten_kota"] if r["kode_wilayah"] == "33.71")
    pps = region["badan"]["PPS"]
    assert (pps["unit_dilaporkan"], pps["cakupan_unit"]) == (17, 1.0)


def test_two_spellings_of_one_unit_are_a_duplicate():
    data = b"\n".join(
        [
            HEADER.encode(),
            b"33.71;PPS;Magelang Utara;Kramat Selatan;;3;7;3;3;1;0",
            b"33.71;PPS;Kec. Magelang Utara;KRAMAT SELATAN;;3;7;3;3;1;0",
            b"33.71;PPS;33.71.02;3371021009;;3;7;3;3;1;0",
        ]
    )
    assert [(line, column, message) for line, column, _, message in errors(data)] == [
        (3, "desa_kelurahan", "Unit ini sudah ada di baris 2. Satu unit hanya boleh satu baris."),
        (4, "desa_kelurahan", "Unit ini sudah ada di baris 2. Satu unit hanya boleh satu baris."),
    ]


def test_a_desa_name_found_in_several_kecamatan_is_resolved_by_the_row_kecamatan(tmp_path):
    # Tambakreja is a desa of Kedungreja (33.01.01) and a kelurahan of Cilacap Selatan.
    data = b"\n".join(
        [
            HEADER.encode(),
            b"33.01;PPS;Kedungreja;Tambakreja;;3;7;3;3;1;0",
            b"33.01;PPS;Cilacap Selatan;Tambakreja;;3;7;3;3;1;0",
            b"33.01;PPS;Kesugihan;Tambakreja;;3;7;3;3;1;0",
        ]
    )
    assert errors(data) == [
        (
            4,
            "desa_kelurahan",
            "Tambakreja",
            "Tambakreja ada di Kecamatan Cilacap Selatan dan Kedungreja, bukan di Kecamatan "
            "Kesugihan. Perbaiki kecamatan atau desa/kelurahan baris ini.",
        )
    ]
    db = summary(tmp_path, "two", b"\n".join(data.split(b"\n")[:3]))
    with db.reader() as con:
        codes = con.execute(
            "SELECT kode_desa_kelurahan FROM badan_adhoc_rows ORDER BY line"
        ).fetchall()
    assert codes == [("33.01.01.2001",), ("33.01.21.1003",)]


def test_codes_of_another_regency_or_that_disagree_with_the_name_are_refused():
    data = b"\n".join(
        [
            HEADER.encode(),
            b"33.01;PPK;33.02.01;;;5;12;5;5;2;0",
            b"33.71;PPK;33.71.01 Magelang Utara;;;5;12;5;5;2;0",
        ]
    )
    assert errors(data) == [
        (
            2,
            "kecamatan",
            "33.02.01",
            "Kode ini milik Kecamatan Lumbir di Kabupaten Banyumas, bukan di Kabupaten "
            "Cilacap. Periksa kode wilayah atau kecamatan baris ini.",
        ),
        (
            3,
            "kecamatan",
            "33.71.01 Magelang Utara",
            "Kode dan nama tidak cocok: kode ini milik Magelang Selatan. Tulis salah satunya "
            "saja, atau perbaiki yang keliru.",
        ),
    ]


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Kec. Kedungreja", "kedungreja"),
        ("KECAMATAN KEDUNG REJA", "kedungreja"),
        ("Ds.Tambakreja", "tambakreja"),
        ("Desa: Tambak-Reja", "tambakreja"),
        ("Kel. Kramat Selatan", "kramatselatan"),
        ("Keling", "keling"),  # a name that starts like a prefix keeps its letters
        ("Tjilatjap", "cilacap"),
        ("Djati", "jati"),
        ("Soemberrejo", "sumberrejo"),
        ("Desa", "desa"),  # only a prefix: kept
    ],
)
def test_unit_key(written, key):
    assert unit_key(written) == key


@pytest.mark.parametrize(
    ("written", "code", "rest"),
    [
        ("33.01.01", "33.01.01", ""),
        ("330101", "33.01.01", ""),
        ("330101.0", "33.01.01", ""),
        ("33.01.01.2001", "33.01.01.2001", ""),
        ("3301012001", "33.01.01.2001", ""),
        ("33 01 01 2001", "33.01.01.2001", ""),
        ("33.01.01.2001 - Tambakreja", "33.01.01.2001", "Tambakreja"),
        ("Tambakreja (3301012001)", "33.01.01.2001", "Tambakreja"),
        ("Tambakreja", None, "Tambakreja"),
    ],
)
def test_code_in(written, code, rest):
    assert code_in(written) == (code, rest)


def test_the_official_list_has_every_unit_of_jawa_tengah():
    units = official_units()
    kecamatan = [k for r in ("33.01", "33.71") for k in units.kecamatan_of(r)]
    assert [len(units.kecamatan_of(r)) for r in ("33.01", "33.71")] == [24, 3]
    assert sum(len(units.desa_of(k.code)) for k in kecamatan) == 284 + 17
    assert units.name("33.01.01") == "Kedungreja"


@pytest.mark.parametrize(
    "written",
    ["Desa/Kel. Kramat Selatan", "Kel./Desa Kramat Selatan", "Kramat Selatan (Kel.)",
     "Kramat Selatan, Kel.", "KEL. KRAMAT SELATAN"],
)  # fmt: skip
def test_prefixes_and_suffixes_as_kpu_sheets_write_them(written):
    assert official_units().find("desa_kelurahan", "33.71.02", written).code == "33.71.02.1009"


def test_the_desa_named_kelurahan_is_found():
    units = official_units()
    assert units.name("33.22.08.2003") == "Kelurahan"
    assert units.find("desa_kelurahan", "33.22.08", "Kelurahan").code == "33.22.08.2003"
    assert units.find("desa_kelurahan", "33.22.08", "Desa Kelurahan").code == "33.22.08.2003"
