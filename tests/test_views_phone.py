"""Phone lists: what the bimtek matrices and wide tables give way to at 390 px."""

import pandas as pd

from analytics.config import load_config
from analytics.views import phone

CONFIG = load_config()  # green 85, amber 60


def _bodies(rows):
    return pd.DataFrame(
        rows,
        columns=[
            "kode_wilayah", "nama", "badan_label", "is_reported", "due_module_count",
            "training_due_completion",
        ],
    )  # fmt: skip


def test_training_lines_name_each_lagging_body_worst_first_and_count_the_rest():
    frame = _bodies(
        [
            ("33.01", "Kabupaten Cilacap", "PPK", True, 4, 0.90),  # siap
            ("33.01", "Kabupaten Cilacap", "PPS", True, 4, 0.7),  # ▲
            ("33.02", "Kabupaten Banyumas", "PPK", True, 4, 0.5),  # ■
            ("33.02", "Kabupaten Banyumas", "PPS", True, 4, 0.849),  # shown 84,9: ▲
            ("33.03", "Kabupaten Purbalingga", "PPK", True, 4, 0.8496),  # shown 85,0: siap
            ("33.04", "Kabupaten Banjarnegara", "PPK", False, 4, None),  # not reported: ■
            ("33.05", "Kabupaten Kebumen", "KPPS", True, 0, None),  # nothing due: not judged
        ]
    )
    result = phone.training_lines(frame, CONFIG)
    assert result.title == "Bimtek (jatuh tempo) per badan: yang belum siap"
    assert result.lines == (
        "Kabupaten Banjarnegara: ■ PPK belum lapor",
        "Kabupaten Banyumas: ■ PPK 50,0% · ▲ PPS 84,9%",
        "Kabupaten Cilacap: ▲ PPS 70,0%",
    )
    assert result.rest == ("1 kabupaten/kota lain: semua bimtek yang jatuh tempo ≥ 85% (● Siap).")


def test_training_lines_before_any_module_is_due():
    frame = _bodies([("33.01", "Kabupaten Cilacap", "PPK", True, 0, None)])
    result = phone.training_lines(frame, CONFIG)
    assert result.lines == ()
    assert result.rest == "Belum ada materi bimtek yang jatuh tempo."


def test_module_lines_judge_due_modules_only():
    frame = pd.DataFrame(
        [
            ("33.01", "Kabupaten Cilacap", "M01", True, True, 0.0),
            ("33.01", "Kabupaten Cilacap", "M02", True, False, 0.0),  # not due yet
            ("33.02", "Kabupaten Banyumas", "M01", True, True, 1.0),
        ],
        columns=["kode_wilayah", "nama", "materi", "is_reported", "is_due", "completion_rate"],
    )
    result = phone.module_lines(frame, "PPK", CONFIG)
    assert result.title == "Penuntasan per materi wajib (PPK): yang belum siap"
    assert result.lines == ("Kabupaten Cilacap: ■ M01 0,0%",)
    assert result.rest == ("1 kabupaten/kota lain: semua materi yang jatuh tempo ≥ 85% (● Siap).")


def test_table_lines_put_the_name_first_and_leave_empty_cells_out():
    table = pd.DataFrame(
        {
            "Kabupaten/Kota": ["Kota Tegal", "Kabupaten Pati"],
            "Butir": ["PC01", "PC02"],
            "Status": ["■ Belum", "■ Proses"],
            "Penanggung jawab": ["Divisi Teknis", ""],
        }
    )
    result = phone.table_lines(table, "", "Kabupaten/Kota", ["Butir", "Status", "Penanggung jawab"])
    assert result.lines == (
        "Kota Tegal — Butir: PC01 · ■ Belum · Penanggung jawab: Divisi Teknis",
        "Kabupaten Pati — Butir: PC02 · ■ Proses",
    )


def test_title_html_keeps_breaks_drops_markup_and_escapes_text():
    title = "Kehadiran PPK<br>Kab. &lt;b&gt;X <sup>(35 dari 35)</sup>"
    assert phone.title_html(title) == "Kehadiran PPK<br>Kab. &lt;b&gt;X (35 dari 35)"
    assert phone.title_html("") is None
    assert phone.title_html(None) is None
