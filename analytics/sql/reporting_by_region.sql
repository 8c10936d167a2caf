-- Grain: report_date, kode_wilayah, dataset
-- One row per report date x regency x dataset: the upload in force and whether its
-- data is recent enough for the reporting period ($period_days) once the dataset is expected.
WITH uploads_in_force AS (
    SELECT c.report_date, c.dataset, c.kode_wilayah, c.data_as_of, u.uploaded_at, u.uploaded_by
    FROM version_in_force c JOIN uploads u USING (upload_id)
),
expected AS (
    SELECT d.report_date, w.kode_wilayah, w.nama, e.dataset, e.expected_from
    FROM report_dates d CROSS JOIN ref_wilayah w CROSS JOIN reporting_expectation e
),
region_dataset AS (
    SELECT e.report_date, e.kode_wilayah, e.nama, e.dataset, e.expected_from,
        u.data_as_of, u.uploaded_at, u.uploaded_by,
        e.report_date >= e.expected_from AS is_expected,
        date_diff('day', u.data_as_of, e.report_date) AS days_since_data
    FROM expected e LEFT JOIN uploads_in_force u USING (report_date, kode_wilayah, dataset)
),
final AS (
    SELECT *,
        CASE WHEN NOT is_expected THEN 'belum_waktunya'
            WHEN data_as_of IS NULL THEN 'belum_lapor'
            WHEN days_since_data <= $period_days THEN 'tepat_waktu'
            ELSE 'terlambat' END AS reporting_status
    FROM region_dataset
)
SELECT * FROM final
ORDER BY report_date, kode_wilayah, dataset
