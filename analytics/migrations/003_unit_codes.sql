-- 003: every badan_adhoc row keeps the unit as typed (kecamatan, desa_kelurahan) and the
-- official Kemendagri code it was matched to on upload (analytics/units.py): 33.01.01 and
-- 33.01.01.2001. Rows stored before this migration get their codes from the backfill in
-- analytics/storage.py (exact official names and codes only; anything else stays NULL and
-- counts as no official unit).
ALTER TABLE badan_adhoc_rows ADD COLUMN kode_kecamatan VARCHAR;
ALTER TABLE badan_adhoc_rows ADD COLUMN kode_desa_kelurahan VARCHAR;
