"""Kartu Status: the card of every regency, most urgent first, readable on a phone."""

import streamlit as st

from ui import cards, navigation, shared

navigation.through_app()

chosen = shared.require_data()
made = cards.cards_on(chosen.as_of)
province, regencies = made[0], made[1:]

st.title("Kartu Status")
st.caption(
    "Yang paling mendesak dulu: kategori terburuk (■, ○, ▲, ●, –), lalu risiko terbanyak, "
    "lalu indeks terendah. Salin teks WhatsApp atau unduh gambar (1080×1350) tiap kartu."
)
cards.zip_button(made)
if chosen.region:
    regencies = tuple(card for card in regencies if card.code == chosen.region)
    st.info(
        "Hanya kartu kabupaten/kota yang dipilih di saringan. Kosongkan saringan "
        "Kabupaten/kota untuk melihat semua kartu."
    )
for card in (*regencies, province) if chosen.region else (province, *regencies):
    cards.show(card)
