-- Grain: one row per regency x dataset: the latest upload in force on $as_of and whether it
-- is recent enough for the reporting period ($period_days) once the dataset is expected.
WITH current_version AS (
    SELECT dataset, kode_wilayah, as_of AS data_as_of, upload_id
    FROM current_versions($as_of)
),
uploads_in_force AS (
    SELECT c.*, u.uploaded_at, u.uploaded_by FROM current_version c JOIN uploads u USING (upload_id)
),
expected AS (
    SELECT w.kode_wilayah, w.nama, d.dataset, d.expected_from
    FROM ref_wilayah w CROSS JOIN reporting_expectation d
),
final AS (
    SELECT e.kode_wilayah, e.nama, e.dataset, e.expected_from,
        u.data_as_of, u.uploaded_at, u.uploaded_by,
        CAST($as_of AS DATE) >= e.expected_from AS is_expected,
        date_diff('day', u.data_as_of, CAST($as_of AS DATE)) AS days_since_data
    FROM expected e LEFT JOIN uploads_in_force u USING (kode_wilayah, dataset)
)
SELECT *,
    CASE WHEN NOT is_expected THEN 'belum_waktunya'
        WHEN data_as_of IS NULL THEN 'belum_lapor'
        WHEN days_since_data <= $period_days THEN 'tepat_waktu'
        ELSE 'terlambat' END AS reporting_status
FROM final
ORDER BY kode_wilayah, dataset
