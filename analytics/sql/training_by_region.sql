-- Grain: one row per regency x body. Completion = mean over the body's required modules of
-- min(1, sum(tuntas) / sum(target)); a required module with no activity counts 0.
WITH current_version AS (
    SELECT version_id, kode_wilayah FROM current_versions($as_of) WHERE dataset = 'bimtek'
),
activities AS (
    SELECT r.* FROM bimtek_rows r JOIN current_version USING (version_id)
),
per_module AS (
    SELECT kode_wilayah, badan, materi,
        sum(peserta_target) AS peserta_target, sum(peserta_hadir) AS peserta_hadir,
        sum(peserta_tuntas) AS peserta_tuntas, count(*) AS activity_count
    FROM activities GROUP BY ALL
),
required AS (
    SELECT w.kode_wilayah, w.nama, m.badan, m.kode_materi AS materi
    FROM ref_wilayah w CROSS JOIN ref_materi_wajib m
),
module_completion AS (
    SELECT q.kode_wilayah, q.nama, q.badan, q.materi,
        c.kode_wilayah IS NOT NULL AS is_reported,
        CASE WHEN c.kode_wilayah IS NULL THEN NULL
            WHEN coalesce(p.peserta_target, 0) = 0 THEN 0.0
            ELSE least(1.0, p.peserta_tuntas / p.peserta_target) END AS completion_rate
    FROM required q
    LEFT JOIN current_version c USING (kode_wilayah)
    LEFT JOIN per_module p USING (kode_wilayah, badan, materi)
),
totals AS (
    SELECT kode_wilayah, badan, sum(peserta_target) AS peserta_target,
        sum(peserta_hadir) AS peserta_hadir, sum(peserta_tuntas) AS peserta_tuntas,
        sum(activity_count) AS activity_count
    FROM per_module GROUP BY ALL
),
final AS (
    SELECT m.kode_wilayah, m.nama, m.badan, bool_or(m.is_reported) AS is_reported,
        count(*) AS required_module_count,
        count(*) FILTER (WHERE m.completion_rate >= 1.0) AS completed_module_count,
        avg(m.completion_rate) AS training_completion
    FROM module_completion m GROUP BY ALL
)
SELECT f.*,
    CASE WHEN f.is_reported THEN coalesce(t.peserta_target, 0) END AS peserta_target,
    CASE WHEN f.is_reported THEN coalesce(t.peserta_hadir, 0) END AS peserta_hadir,
    CASE WHEN f.is_reported THEN coalesce(t.peserta_tuntas, 0) END AS peserta_tuntas,
    CASE WHEN f.is_reported THEN coalesce(t.activity_count, 0) END AS activity_count
FROM final f LEFT JOIN totals t USING (kode_wilayah, badan)
ORDER BY kode_wilayah, badan
