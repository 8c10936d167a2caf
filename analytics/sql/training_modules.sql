-- Grain: report_date, kode_wilayah, badan, materi
-- One row per report date x regency x body x required module (ref_materi_wajib): the one
-- definition of bimtek completion. completion_rate = min(1, sum(tuntas) / sum(target)) over
-- the activities of the version in force; NULL when the regency has not reported; 0 for a
-- required module without activity (or without target). is_due: the module's deadline
-- (batas_waktu, data/reference/materi_wajib.csv) is on or before the report date.
-- Installed as the view training_modules, which training_by_region.sql averages.
WITH current_version AS (
    SELECT report_date, version_id, kode_wilayah, data_as_of
    FROM version_in_force WHERE dataset = 'bimtek'
),
per_version_module AS (
    SELECT version_id, badan, materi,
        sum(peserta_target) AS peserta_target, sum(peserta_hadir) AS peserta_hadir,
        sum(peserta_tuntas) AS peserta_tuntas, count(*) AS activity_count,
        min(tanggal_mulai) AS first_start_date, max(tanggal_selesai) AS last_end_date
    FROM bimtek_rows
    WHERE version_id IN (SELECT version_id FROM current_version)
    GROUP BY ALL
),
required AS (
    SELECT d.report_date, w.kode_wilayah, w.nama, m.badan, m.kode_materi AS materi,
        coalesce(r.nama_materi, m.kode_materi) AS nama_materi, m.batas_waktu
    FROM report_dates d
    CROSS JOIN ref_wilayah w
    CROSS JOIN ref_materi_wajib m
    LEFT JOIN ref_materi r ON r.kode_materi = m.kode_materi
),
final AS (
    SELECT q.report_date, q.kode_wilayah, q.nama, q.badan, q.materi, q.nama_materi,
        c.kode_wilayah IS NOT NULL AS is_reported,
        c.data_as_of,
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.peserta_target, 0) END
            AS peserta_target,
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.peserta_hadir, 0) END
            AS peserta_hadir,
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.peserta_tuntas, 0) END
            AS peserta_tuntas,
        CASE WHEN c.kode_wilayah IS NOT NULL THEN coalesce(p.activity_count, 0) END
            AS activity_count,
        p.first_start_date,
        p.last_end_date,
        CASE WHEN c.kode_wilayah IS NULL THEN NULL
            WHEN coalesce(p.peserta_target, 0) = 0 THEN 0.0
            ELSE least(1.0, p.peserta_tuntas / p.peserta_target) END AS completion_rate,
        q.batas_waktu,
        coalesce(q.batas_waktu <= q.report_date, false) AS is_due
    FROM required q
    LEFT JOIN current_version c USING (report_date, kode_wilayah)
    LEFT JOIN per_version_module p
        ON p.version_id = c.version_id AND p.badan = q.badan AND p.materi = q.materi
)
SELECT * FROM final
ORDER BY report_date, kode_wilayah, badan, materi
