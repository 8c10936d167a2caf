-- Grain: report_date, kode_wilayah, badan
-- One row per report date x regency x body. Counts summed over the rows of the version
-- in force; rates NULL when the regency has not reported. Coverage counts official units
-- only: for a body formed per kecamatan or per desa/kelurahan, units reported are the
-- distinct official codes matched on upload (a row without one, or two rows of one unit,
-- add nothing); for a body formed per TPS (no official list) every row is a unit.
WITH current_version AS (
    SELECT report_date, version_id, kode_wilayah, data_as_of
    FROM version_in_force WHERE dataset = 'badan_adhoc'
),
official_unit AS (
    SELECT kode AS kode_unit FROM ref_wilayah_administrasi
    WHERE tingkat IN ('kecamatan', 'desa_kelurahan')
),
version_region AS (
    SELECT DISTINCT version_id, kode_wilayah FROM current_version
),
stored_row AS (
    SELECT r.version_id, v.kode_wilayah, r.badan, b.dibentuk_per = 'tps' AS is_per_tps,
        CASE b.dibentuk_per WHEN 'kecamatan' THEN r.kode_kecamatan
            WHEN 'desa_kelurahan' THEN r.kode_desa_kelurahan END AS kode_unit,
        r.kebutuhan, r.pendaftar, r.terisi, r.dilantik, r.perempuan, r.pengganti
    FROM badan_adhoc_rows r
    JOIN version_region v USING (version_id)
    JOIN ref_badan b USING (badan)
),
official_row AS (  -- a code of another regency's unit is no unit of this one
    SELECT s.*, o.kode_unit AS kode_official_unit
    FROM stored_row s
    LEFT JOIN official_unit o
        ON o.kode_unit = s.kode_unit AND starts_with(o.kode_unit, s.kode_wilayah || '.')
),
per_version_body AS (
    SELECT version_id, badan,
        CASE WHEN bool_or(is_per_tps) THEN count(*) ELSE count(DISTINCT kode_official_unit) END
            AS units_reported_count,
        sum(kebutuhan) AS kebutuhan, sum(pendaftar) AS pendaftar, sum(terisi) AS terisi,
        sum(dilantik) AS dilantik, sum(perempuan) AS perempuan, sum(pengganti) AS pengganti
    FROM official_row
    GROUP BY ALL
),
expected AS (
    SELECT d.report_date, w.kode_wilayah, w.nama, b.badan,
        CASE b.dibentuk_per WHEN 'kecamatan' THEN w.jumlah_kecamatan
            WHEN 'desa_kelurahan' THEN w.jumlah_desa_kelurahan ELSE w.jumlah_tps END
            AS units_expected_count
    FROM report_dates d CROSS JOIN ref_wilayah w CROSS JOIN ref_badan b
),
region_body AS (
    SELECT e.report_date, e.kode_wilayah, e.nama, e.badan,
        c.kode_wilayah IS NOT NULL AS is_reported,
        c.data_as_of,
        e.units_expected_count,
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.units_reported_count, 0) END
            AS units_reported_count,
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.kebutuhan, 0) END AS kebutuhan,
        p.pendaftar,  -- optional column: unknown stays NULL, never 0
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.terisi, 0) END AS terisi,
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.dilantik, 0) END AS dilantik,
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.perempuan, 0) END AS perempuan,
        p.pengganti
    FROM expected e
    LEFT JOIN current_version c USING (report_date, kode_wilayah)
    LEFT JOIN per_version_body p ON p.version_id = c.version_id AND p.badan = e.badan
),
final AS (
    SELECT *,
        CASE WHEN kebutuhan > 0 THEN terisi / kebutuhan WHEN is_reported THEN 0.0 END
            AS fill_rate,
        CASE WHEN kebutuhan > 0 THEN dilantik / kebutuhan WHEN is_reported THEN 0.0 END
            AS sworn_in_rate,
        CASE WHEN terisi > 0 THEN perempuan / terisi END AS women_share,
        CASE WHEN kebutuhan > 0 THEN pendaftar / kebutuhan END AS applicant_ratio,
        CASE WHEN is_reported AND units_expected_count > 0
            THEN units_reported_count / units_expected_count END AS coverage_rate,
        kebutuhan - terisi AS vacancy_count
    FROM region_body
)
SELECT * FROM final
ORDER BY report_date, kode_wilayah, badan
