-- Grain: one row per regency. Readiness index 0-100 = weighted mean of the components
-- active on $as_of (data/indikator.toml); NULL ("belum lapor") when none has data, and
-- missing components count 0 (flagged by is_complete = false).
WITH active_component AS (
    SELECT * FROM readiness_component WHERE active_from <= CAST($as_of AS DATE)
),
component_value AS (
    SELECT b.kode_wilayah, c.name, c.weight, b.sworn_in_rate AS value
    FROM active_component c JOIN badan b ON c.metric = 'sworn_in_rate' AND b.badan = c.badan
    UNION ALL
    SELECT t.kode_wilayah, c.name, c.weight, t.training_completion
    FROM active_component c JOIN training t
        ON c.metric = 'training_completion' AND t.badan = c.badan
    UNION ALL
    SELECT p.kode_wilayah, c.name, c.weight, p.candidacy_due_completion
    FROM active_component c JOIN candidacy p ON c.metric = 'candidacy_due_completion'
),
final AS (
    SELECT w.kode_wilayah, w.nama,
        count(v.name) AS active_component_count,
        count(v.value) AS reported_component_count,
        CASE WHEN count(v.value) > 0
            THEN 100.0 * sum(coalesce(v.value, 0) * v.weight) / sum(v.weight) END
            AS readiness_index
    FROM ref_wilayah w LEFT JOIN component_value v USING (kode_wilayah)
    GROUP BY ALL
)
SELECT *, reported_component_count = active_component_count AS is_complete
FROM final
ORDER BY kode_wilayah
