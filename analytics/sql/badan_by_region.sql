-- Grain: one row per regency x body, as of $as_of. Counts summed over the units of the
-- regency's current badan_adhoc version; rates NULL when the regency has not reported.
WITH current_version AS (
    SELECT version_id, kode_wilayah, as_of AS data_as_of
    FROM current_versions($as_of) WHERE dataset = 'badan_adhoc'
),
unit_rows AS (
    SELECT r.* FROM badan_adhoc_rows r JOIN current_version USING (version_id)
),
per_body AS (
    SELECT kode_wilayah, badan,
        count(*) AS units_reported_count,
        sum(kebutuhan) AS kebutuhan, sum(pendaftar) AS pendaftar, sum(terisi) AS terisi,
        sum(dilantik) AS dilantik, sum(perempuan) AS perempuan, sum(pengganti) AS pengganti
    FROM unit_rows GROUP BY ALL
),
expected AS (
    SELECT w.kode_wilayah, w.nama, b.badan,
        CASE b.dibentuk_per WHEN 'kecamatan' THEN w.jumlah_kecamatan
            WHEN 'desa_kelurahan' THEN w.jumlah_desa_kelurahan ELSE w.jumlah_tps END
            AS units_expected_count
    FROM ref_wilayah w CROSS JOIN ref_badan b
),
final AS (
    SELECT e.kode_wilayah, e.nama, e.badan,
        c.kode_wilayah IS NOT NULL AS is_reported,
        c.data_as_of,
        e.units_expected_count,
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.units_reported_count, 0) END
            AS units_reported_count,
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.kebutuhan, 0) END AS kebutuhan,
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.pendaftar, 0) END AS pendaftar,
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.terisi, 0) END AS terisi,
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.dilantik, 0) END AS dilantik,
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.perempuan, 0) END AS perempuan,
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.pengganti, 0) END AS pengganti
    FROM expected e
    LEFT JOIN current_version c USING (kode_wilayah)
    LEFT JOIN per_body p USING (kode_wilayah, badan)
)
SELECT *,
    CASE WHEN kebutuhan > 0 THEN terisi / kebutuhan WHEN is_reported THEN 0.0 END AS fill_rate,
    CASE WHEN kebutuhan > 0 THEN dilantik / kebutuhan WHEN is_reported THEN 0.0 END
        AS sworn_in_rate,
    CASE WHEN terisi > 0 THEN perempuan / terisi END AS women_share,
    CASE WHEN kebutuhan > 0 THEN pendaftar / kebutuhan END AS applicant_ratio,
    CASE WHEN is_reported AND units_expected_count > 0
        THEN units_reported_count / units_expected_count END AS coverage_rate,
    kebutuhan - terisi AS vacancy_count
FROM final
ORDER BY kode_wilayah, badan
