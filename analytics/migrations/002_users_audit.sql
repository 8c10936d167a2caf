-- 002: user accounts (roles, scope, lock state) and the audit log of every upload,
-- withdrawal, login and user change (analytics/auth.py, analytics/audit.py).

-- One account. Passwords are argon2id hashes (salted, slow); never stored in clear.
-- The lock state lives here so a restart of the app does not reset it.
CREATE TABLE users (
    username VARCHAR PRIMARY KEY,
    role VARCHAR NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
    kode_wilayah VARCHAR,  -- the operator's regency; NULL for admin and viewer
    password_hash VARCHAR NOT NULL,
    is_active BOOLEAN NOT NULL DEFAULT true,
    failed_count INTEGER NOT NULL DEFAULT 0,  -- wrong passwords since the last success or lock
    last_failed_at TIMESTAMP,
    locked_until TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL,
    password_changed_at TIMESTAMP NOT NULL,
    CHECK ((role = 'operator') = (kode_wilayah IS NOT NULL))
);

CREATE SEQUENCE audit_id_seq START 1;

-- Who did what, when, to what, with which outcome and why. Append only.
CREATE TABLE audit_log (
    audit_id BIGINT PRIMARY KEY,
    recorded_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,        -- user name as typed (also for unknown users)
    actor_role VARCHAR,            -- role at the time; NULL for an unknown user
    action VARCHAR NOT NULL,       -- unggah, tarik, unduh, masuk, keluar, pengguna_tambah, ...
    outcome VARCHAR NOT NULL,      -- diterima, ditolak, duplikat, berhasil, gagal, terkunci
    dataset VARCHAR,
    kode_wilayah VARCHAR,          -- the one regency concerned, for operators' history
    target VARCHAR,                -- version ids, regencies of a file, or a user name
    reason VARCHAR,                -- refusal message or withdrawal reason
    file_name VARCHAR,             -- as the user named it (shown, never used as a path)
    sha256 VARCHAR,
    upload_id BIGINT
);
