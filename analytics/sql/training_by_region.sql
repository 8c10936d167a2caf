-- Grain: report_date, kode_wilayah, badan
-- One row per report date x regency x body. training_completion = mean completion_rate of
-- the body's required modules (the view training_modules: training_modules.sql holds the
-- formula); training_due_completion = the same mean over the modules due by the report
-- date (is_due): what the calendar asks for. The participant totals count every activity
-- of the version in force, required module or not.
WITH module_completion AS (
    SELECT report_date, kode_wilayah, nama, badan, is_reported, completion_rate, is_due
    FROM training_modules
),
body_completion AS (
    SELECT report_date, kode_wilayah, nama, badan,
        bool_or(is_reported) AS is_reported,
        count(*) AS required_module_count,
        count(*) FILTER (WHERE completion_rate >= 1.0) AS completed_module_count,
        avg(completion_rate) AS training_completion,
        count(*) FILTER (WHERE is_due) AS due_module_count,
        avg(completion_rate) FILTER (WHERE is_due) AS training_due_completion
    FROM module_completion GROUP BY report_date, kode_wilayah, nama, badan
),
current_version AS (
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
totals AS (
    SELECT c.report_date, c.kode_wilayah, p.badan, sum(p.peserta_target) AS peserta_target,
        sum(p.peserta_hadir) AS peserta_hadir, sum(p.peserta_tuntas) AS peserta_tuntas,
        sum(p.activity_count) AS activity_count
    FROM current_version c JOIN per_version_module p USING (version_id)
    GROUP BY ALL
),
final AS (
    SELECT b.*,
        CASE WHEN b.is_reported THEN coalesce(t.peserta_target, 0) END AS peserta_target,
        CASE WHEN b.is_reported THEN coalesce(t.peserta_hadir, 0) END AS peserta_hadir,
        CASE WHEN b.is_reported THEN coalesce(t.peserta_tuntas, 0) END AS peserta_tuntas,
        CASE WHEN b.is_reported THEN coalesce(t.activity_count, 0) END AS activity_count
    FROM body_completion b LEFT JOIN totals t USING (report_date, kode_wilayah, badan)
)
SELECT * FROM final
ORDER BY report_date, kode_wilayah, badan
