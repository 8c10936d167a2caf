-- Grain: report_date, kode_wilayah, badan
-- One row per report date x regency x body. Counts summed over the units of the version
-- in force; rates NULL when the regency has not reported.
WITH current_version AS (
    SELECT report_date, version_id, kode_wilayah, data_as_of
    FROM version_in_force WHERE dataset = 'badan_adhoc'
),
per_version_body AS (
    SELECT version_id, badan,
        count(*) AS units_reported_count,
        sum(kebutuhan) AS kebutuhan, sum(pendaftar) AS pendaftar, sum(terisi) AS terisi,
        sum(dilantik) AS dilantik, sum(perempuan) AS perempuan, sum(pengganti) AS pengganti
    FROM badan_adhoc_rows
    WHERE version_id IN (SELECT version_id FROM current_version)
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
