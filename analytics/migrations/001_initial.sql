-- 001: uploads, versions and the rows of each dataset (reference tables are loaded from
-- data/reference/ by analytics/storage.py; "current" is analytics/sql/version_in_force.sql).
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE SEQUENCE upload_id_seq START 1;
CREATE SEQUENCE version_id_seq START 1;

-- One accepted file. A file may cover several regencies (an administrator's upload).
CREATE TABLE uploads (
    upload_id BIGINT PRIMARY KEY,
    dataset VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    file_name VARCHAR,
    size_bytes BIGINT NOT NULL,
    file_format VARCHAR,
    uploaded_by VARCHAR NOT NULL,
    uploaded_at TIMESTAMP NOT NULL,
    as_of DATE NOT NULL,
    row_count BIGINT NOT NULL,
    is_demo BOOLEAN NOT NULL DEFAULT false
);

-- One regency's complete state of one dataset as of a date. Withdrawal marks, never deletes.
CREATE TABLE versions (
    version_id BIGINT PRIMARY KEY,
    upload_id BIGINT NOT NULL,
    dataset VARCHAR NOT NULL,
    kode_wilayah VARCHAR NOT NULL,
    as_of DATE NOT NULL,
    row_count BIGINT NOT NULL,
    warning_count BIGINT NOT NULL,
    withdrawn_at TIMESTAMP,
    withdrawn_by VARCHAR,
    withdrawn_reason VARCHAR
);

CREATE TABLE version_warnings (
    version_id BIGINT NOT NULL,
    line BIGINT,
    "column" VARCHAR,
    value VARCHAR,
    message VARCHAR NOT NULL
);

CREATE TABLE badan_adhoc_rows (
    version_id BIGINT NOT NULL,
    line BIGINT,
    kode_wilayah VARCHAR NOT NULL,
    badan VARCHAR NOT NULL,
    kecamatan VARCHAR NOT NULL,
    desa_kelurahan VARCHAR,
    tps VARCHAR,
    kebutuhan BIGINT NOT NULL,
    pendaftar BIGINT,
    terisi BIGINT NOT NULL,
    dilantik BIGINT NOT NULL,
    perempuan BIGINT NOT NULL,
    pengganti BIGINT
);

CREATE TABLE bimtek_rows (
    version_id BIGINT NOT NULL,
    line BIGINT,
    kode_wilayah VARCHAR NOT NULL,
    badan VARCHAR NOT NULL,
    materi VARCHAR NOT NULL,
    tanggal_mulai DATE NOT NULL,
    tanggal_selesai DATE NOT NULL,
    metode VARCHAR,
    peserta_target BIGINT NOT NULL,
    peserta_hadir BIGINT NOT NULL,
    peserta_tuntas BIGINT NOT NULL,
    catatan VARCHAR
);

CREATE TABLE persiapan_pencalonan_rows (
    version_id BIGINT NOT NULL,
    line BIGINT,
    kode_wilayah VARCHAR NOT NULL,
    kode_item VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    tanggal_selesai DATE,
    mitra VARCHAR,
    penanggung_jawab VARCHAR,
    tautan_bukti VARCHAR,
    catatan VARCHAR
);
