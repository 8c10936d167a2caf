-- Grain: report_date, dataset, kode_wilayah
-- One row per report date x dataset x regency: the version in force on that date,
-- i.e. the latest as-of on or before it, the latest upload winning ties; withdrawn
-- versions never count. The one definition of "current" every indicator uses.
SELECT d.report_date, v.dataset, v.kode_wilayah, v.version_id, v.upload_id,
    v.as_of AS data_as_of
FROM report_dates d
JOIN versions v ON v.as_of <= d.report_date AND v.withdrawn_at IS NULL
QUALIFY row_number() OVER (
    PARTITION BY d.report_date, v.dataset, v.kode_wilayah
    ORDER BY v.as_of DESC, v.version_id DESC) = 1
