-- Grain: one row per report date x regency x body. Completion = mean over the body's
-- required modules of min(1, sum(tuntas) / sum(target)); a required module with no
-- activity counts 0. Due completion counts only the modules due (batas_waktu in
-- data/reference/materi_wajib.csv) by the report date: what the calendar asks for.
WITH current_version AS (
    SELECT report_date, version_id, kode_wilayah FROM version_in_force WHERE dataset = 'bimtek'
),
per_version_module AS (
    SELECT version_id, badan, materi,
        sum(peserta_target) AS peserta_target, sum(peserta_hadir) AS peserta_hadir,
        sum(peserta_tuntas) AS peserta_tuntas, count(*) AS activity_count
    FROM bimtek_rows
    WHERE version_id IN (SELECT version_id FROM current_version)
    GROUP BY ALL
),
required AS (
    SELECT d.report_date, w.kode_wilayah, w.nama, m.badan, m.kode_materi AS materi,
        m.batas_waktu
    FROM report_dates d CROSS JOIN ref_wilayah w CROSS JOIN ref_materi_wajib m
),
module_completion AS (
    SELECT q.report_date, q.kode_wilayah, q.nama, q.badan, q.materi, q.batas_waktu,
        c.kode_wilayah IS NOT NULL AS is_reported,
        CASE WHEN c.kode_wilayah IS NULL THEN NULL
            WHEN coalesce(p.peserta_target, 0) = 0 THEN 0.0
            ELSE least(1.0, p.peserta_tuntas / p.peserta_target) END AS completion_rate
    FROM required q
    LEFT JOIN current_version c USING (report_date, kode_wilayah)
    LEFT JOIN per_version_module p
        ON p.version_id = c.version_id AND p.badan = q.badan AND p.materi = q.materi
),
totals AS (
    SELECT c.report_date, c.kode_wilayah, p.badan, sum(p.peserta_target) AS peserta_target,
        sum(p.peserta_hadir) AS peserta_hadir, sum(p.peserta_tuntas) AS peserta_tuntas,
        sum(p.activity_count) AS activity_count
    FROM current_version c JOIN per_version_module p USING (version_id)
    GROUP BY ALL
),
final AS (
    SELECT m.report_date, m.kode_wilayah, m.nama, m.badan,
        bool_or(m.is_reported) AS is_reported,
        count(*) AS required_module_count,
        count(*) FILTER (WHERE m.completion_rate >= 1.0) AS completed_module_count,
        avg(m.completion_rate) AS training_completion,
        count(*) FILTER (WHERE m.batas_waktu <= m.report_date) AS due_module_count,
        avg(m.completion_rate) FILTER (WHERE m.batas_waktu <= m.report_date)
            AS training_due_completion
    FROM module_completion m GROUP BY m.report_date, m.kode_wilayah, m.nama, m.badan
)
SELECT f.*,
    CASE WHEN f.is_reported THEN coalesce(t.peserta_target, 0) END AS peserta_target,
    CASE WHEN f.is_reported THEN coalesce(t.peserta_hadir, 0) END AS peserta_hadir,
    CASE WHEN f.is_reported THEN coalesce(t.peserta_tuntas, 0) END AS peserta_tuntas,
    CASE WHEN f.is_reported THEN coalesce(t.activity_count, 0) END AS activity_count
FROM final f LEFT JOIN totals t USING (report_date, kode_wilayah, badan)
ORDER BY report_date, kode_wilayah, badan
