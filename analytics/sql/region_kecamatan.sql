-- Grain: kecamatan, badan
-- One row per kecamatan x body of one regency ($kode_wilayah), from the
-- badan_adhoc version in force on the single date in report_dates. Only kecamatan with a
-- gap: seats not filled, members not yet sworn in, or no unit at all of a body that the
-- regency reports elsewhere (units_reported_count = 0: kecamatan listed for another body).
WITH current_version AS (
    SELECT version_id FROM version_in_force
    WHERE dataset = 'badan_adhoc' AND kode_wilayah = $kode_wilayah
),
unit AS (
    SELECT r.kecamatan, r.badan, r.kebutuhan, r.terisi, r.dilantik, r.perempuan
    FROM badan_adhoc_rows r JOIN current_version c USING (version_id)
),
kecamatan AS (
    SELECT DISTINCT kecamatan FROM unit
),
body AS (
    SELECT DISTINCT badan FROM unit
),
per_kecamatan_body AS (
    SELECT kecamatan, badan, count(*) AS units_reported_count,
        sum(kebutuhan) AS kebutuhan, sum(terisi) AS terisi, sum(dilantik) AS dilantik,
        sum(perempuan) AS perempuan
    FROM unit GROUP BY ALL
),
kecamatan_body AS (
    SELECT k.kecamatan, b.badan,
        coalesce(p.units_reported_count, 0) AS units_reported_count,
        p.kebutuhan, p.terisi, p.dilantik, p.perempuan,
        p.kebutuhan - p.terisi AS vacancy_count,
        p.terisi - p.dilantik AS not_sworn_in_count,
        p.kebutuhan - p.dilantik AS gap_count,
        p.kecamatan IS NULL AS is_missing_units
    FROM kecamatan k CROSS JOIN body b
    LEFT JOIN per_kecamatan_body p ON p.kecamatan = k.kecamatan AND p.badan = b.badan
),
final AS (
    SELECT * FROM kecamatan_body
    WHERE is_missing_units OR gap_count > 0
)
SELECT * FROM final
ORDER BY is_missing_units, gap_count DESC, dilantik / nullif(kebutuhan, 0),
    kecamatan, list_position(['PPK', 'PPS', 'PANTARLIH', 'KPPS'], badan)
