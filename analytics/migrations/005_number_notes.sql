-- 005: notes on the numbers (catatan angka, analytics/number_notes.py): a short text an
-- admin attaches to a regency and a date to explain a number ("3 anggota PPS mengundurkan
-- diri, PAW dijadwalkan 2 Sep"). Append only: a removal is a row of number_note_removals;
-- nothing is updated or deleted.

CREATE SEQUENCE number_note_id_seq START 1;

-- One note, as written.
CREATE TABLE number_notes (
    note_id BIGINT PRIMARY KEY,
    kode_wilayah VARCHAR NOT NULL,     -- regency code (33.27)
    tanggal DATE NOT NULL,             -- the date whose number it explains
    teks VARCHAR NOT NULL,
    dibuat_oleh VARCHAR NOT NULL,      -- user name
    dibuat_pada TIMESTAMP NOT NULL     -- UTC
);

-- The removal of a note (at most one per note): who, when, why.
CREATE TABLE number_note_removals (
    note_id BIGINT PRIMARY KEY,
    dihapus_oleh VARCHAR NOT NULL,
    dihapus_pada TIMESTAMP NOT NULL,   -- UTC
    alasan VARCHAR
);
