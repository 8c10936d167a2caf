-- Grain: report_date, dataset, kode_wilayah
-- One row per report date x dataset x regency: the version in force on that date,
-- i.e. the latest as-of on or before it, the latest upload winning ties; withdrawn
-- versions never count. The one definition of "current" every indicator uses.
WITH live_version AS (
    SELECT dataset, kode_wilayah, version_id, upload_id, as_of
    FROM versions WHERE withdrawn_at IS NULL
),
version_on_date AS (
    SELECT d.report_date, v.dataset, v.kode_wilayah, v.version_id, v.upload_id,
        v.as_of AS data_as_of
    FROM report_dates d JOIN live_version v ON v.as_of <= d.report_date
),
final AS (
    SELECT * FROM version_on_date
    QUALIFY row_number() OVER (
        PARTITION BY report_date, dataset, kode_wilayah
        ORDER BY data_as_of DESC, version_id DESC) = 1
)
SELECT * FROM final
