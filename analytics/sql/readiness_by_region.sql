-- Grain: report_date, kode_wilayah
-- One row per report date x regency. Readiness index 0-100 = weighted mean of the
-- components active on the report date (data/indikator.toml); NULL when none has data;
-- missing components count 0 (flagged by is_complete = false).
WITH active_component AS (
    SELECT d.report_date, c.*
    FROM report_dates d JOIN readiness_component c ON c.active_from <= d.report_date
),
sworn_in_value AS (
    SELECT b.report_date, b.kode_wilayah, c.name, c.weight, b.sworn_in_rate AS value
    FROM active_component c JOIN badan b
        ON c.metric = 'sworn_in_rate' AND b.badan = c.badan AND b.report_date = c.report_date
),
training_value AS (
    SELECT t.report_date, t.kode_wilayah, c.name, c.weight,
        CASE c.metric WHEN 'training_completion' THEN t.training_completion
            ELSE t.training_due_completion END AS value
    FROM active_component c JOIN training t
        ON c.metric IN ('training_completion', 'training_due_completion') AND t.badan = c.badan
        AND t.report_date = c.report_date
),
candidacy_value AS (
    SELECT p.report_date, p.kode_wilayah, c.name, c.weight, p.candidacy_due_completion AS value
    FROM active_component c JOIN candidacy p
        ON c.metric = 'candidacy_due_completion' AND p.report_date = c.report_date
),
component_value AS (
    SELECT * FROM sworn_in_value
    UNION ALL
    SELECT * FROM training_value
    UNION ALL
    SELECT * FROM candidacy_value
),
region_index AS (
    SELECT d.report_date, w.kode_wilayah, w.nama,
        count(v.name) AS active_component_count,
        count(v.value) AS reported_component_count,
        CASE WHEN count(v.value) > 0
            THEN 100.0 * sum(coalesce(v.value, 0) * v.weight) / sum(v.weight) END
            AS readiness_index
    FROM report_dates d CROSS JOIN ref_wilayah w
    LEFT JOIN component_value v ON v.report_date = d.report_date AND v.kode_wilayah = w.kode_wilayah
    GROUP BY ALL
),
final AS (
    SELECT *, reported_component_count = active_component_count AS is_complete
    FROM region_index
)
SELECT * FROM final
ORDER BY report_date, kode_wilayah
