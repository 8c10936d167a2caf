-- 004: follow-ups (tindak lanjut) agreed at coordination meetings, versioned like uploads
-- (analytics/followups.py). Append only: an edit, a close or a cancellation adds a version;
-- nothing is updated or deleted. The current state of a follow-up is its highest version.

CREATE SEQUENCE followup_id_seq START 1;

-- One version of one follow-up.
CREATE TABLE followups (
    followup_id BIGINT NOT NULL,
    version INTEGER NOT NULL,          -- 1 when created, +1 per change
    kode_wilayah VARCHAR NOT NULL,     -- regency code (33.27) or 'provinsi' for the whole province
    topik VARCHAR NOT NULL,            -- badan:PPS, bimtek:PPS:M03, item:PC07, pelaporan or free text
    isi VARCHAR NOT NULL,              -- what was agreed
    penanggung_jawab VARCHAR,          -- person or division responsible
    jatuh_tempo DATE NOT NULL,         -- due date
    tanggal_rapat DATE,                -- the meeting it came from
    judul_rapat VARCHAR,
    status VARCHAR NOT NULL CHECK (status IN ('terbuka', 'selesai', 'batal')),
    perubahan VARCHAR NOT NULL,        -- what this version changed: tambah, ubah, selesai, batal
    changed_by VARCHAR NOT NULL,       -- user name
    changed_at TIMESTAMP NOT NULL,     -- UTC
    PRIMARY KEY (followup_id, version)
);

CREATE SEQUENCE followup_note_id_seq START 1;

-- Progress notes (catatan perkembangan) on a follow-up, with who and when. Append only.
CREATE TABLE followup_notes (
    note_id BIGINT PRIMARY KEY,
    followup_id BIGINT NOT NULL,
    note VARCHAR NOT NULL,
    written_by VARCHAR NOT NULL,
    written_at TIMESTAMP NOT NULL      -- UTC
);
