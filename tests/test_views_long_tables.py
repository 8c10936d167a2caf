"""What a table longer than a province says about the rows it leaves out."""

from analytics.views import long_tables


def test_a_province_is_never_long():
    assert not long_tables.is_long(35)
    assert long_tables.is_long(36)


def test_hidden_text_names_what_is_left_out():
    text = long_tables.hidden_text(
        514, {"tertinggal": 0, "perlu_perhatian": 2, "siap": 477}, "yang terlemah dulu"
    )
    assert text == (
        "Ditampilkan 35 dari 514 kabupaten/kota (yang terlemah dulu); 479 lainnya: "
        "2 ▲ perlu perhatian, 477 ● siap."
    )
    free = long_tables.hidden_text(1200, {"belum lengkap": 1165})
    assert free == "Ditampilkan 35 dari 1.200 kabupaten/kota; 1.165 lainnya: 1.165 belum lengkap."
    assert long_tables.hidden_text(40) == (
        "Ditampilkan 35 dari 40 kabupaten/kota; 5 lainnya tidak ditampilkan."
    )
