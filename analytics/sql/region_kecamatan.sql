-- Grain: kecamatan, badan
-- One row per official kecamatan x body of one regency ($kode_wilayah), from the
-- badan_adhoc version in force on the single date in report_dates. Only kecamatan with a
-- gap: seats not filled, members not yet sworn in, or no unit at all of a body that the
-- regency reports elsewhere (units_reported_count = 0). Kecamatan are the official ones
-- (ref_wilayah_administrasi, by name); a row joins its kecamatan by the official code
-- matched on upload, and units reported count distinct official units (a kecamatan for
-- PPK, a desa/kelurahan for PPS; every row for a body formed per TPS). A row without the
-- official code of its unit (a legacy row) counts nowhere here, as in region_units.sql.
WITH current_version AS (
    SELECT version_id FROM version_in_force
    WHERE dataset = 'badan_adhoc' AND kode_wilayah = $kode_wilayah
),
official_kecamatan AS (
    SELECT kode AS kode_kecamatan, nama AS kecamatan
    FROM ref_wilayah_administrasi
    WHERE tingkat = 'kecamatan' AND kode_induk = $kode_wilayah
),
official_desa AS (
    SELECT kode AS kode_desa_kelurahan, kode_induk AS kode_kecamatan
    FROM ref_wilayah_administrasi
    WHERE tingkat = 'desa_kelurahan' AND starts_with(kode_induk, $kode_wilayah || '.')
),
stored_row AS (
    SELECT r.badan, b.dibentuk_per, r.kode_kecamatan, r.kode_desa_kelurahan,
        r.kebutuhan, r.terisi, r.dilantik, r.perempuan
    FROM badan_adhoc_rows r
    JOIN current_version c USING (version_id)
    JOIN ref_badan b USING (badan)
),
unit AS (
    SELECT s.*,
        CASE s.dibentuk_per WHEN 'kecamatan' THEN s.kode_kecamatan
            ELSE d.kode_desa_kelurahan END AS kode_official_unit
    FROM stored_row s
    JOIN official_kecamatan k USING (kode_kecamatan)
    LEFT JOIN official_desa d
        ON d.kode_desa_kelurahan = s.kode_desa_kelurahan AND d.kode_kecamatan = s.kode_kecamatan
    WHERE kode_official_unit IS NOT NULL
),
body AS (
    SELECT DISTINCT badan FROM stored_row
),
per_kecamatan_body AS (
    SELECT kode_kecamatan, badan,
        CASE WHEN bool_or(dibentuk_per = 'tps') THEN count(*)
            ELSE count(DISTINCT kode_official_unit) END AS units_reported_count,
        sum(kebutuhan) AS kebutuhan, sum(terisi) AS terisi, sum(dilantik) AS dilantik,
        sum(perempuan) AS perempuan
    FROM unit GROUP BY ALL
),
kecamatan_body AS (
    SELECT k.kecamatan, k.kode_kecamatan, b.badan,
        coalesce(p.units_reported_count, 0) AS units_reported_count,
        p.kebutuhan, p.terisi, p.dilantik, p.perempuan,
        p.kebutuhan - p.terisi AS vacancy_count,
        p.terisi - p.dilantik AS not_sworn_in_count,
        p.kebutuhan - p.dilantik AS gap_count,
        coalesce(p.units_reported_count, 0) = 0 AS is_missing_units
    FROM official_kecamatan k CROSS JOIN body b
    LEFT JOIN per_kecamatan_body p ON p.kode_kecamatan = k.kode_kecamatan AND p.badan = b.badan
),
final AS (
    SELECT * FROM kecamatan_body
    WHERE is_missing_units OR gap_count > 0
)
SELECT * FROM final
ORDER BY is_missing_units, gap_count DESC, dilantik / nullif(kebutuhan, 0),
    kecamatan, list_position(['PPK', 'PPS', 'PANTARLIH', 'KPPS'], badan)
