-- Grain: version_id
-- One row per version of one regency ($kode_wilayah), every dataset, withdrawn
-- versions included, newest data first. version_status says how the version stands on the
-- single date in report_dates: berlaku (in force), digantikan (an older one replaced by a
-- newer), sesudah_tanggal (describes a later date), ditarik (withdrawn).
WITH in_force AS (
    SELECT version_id FROM version_in_force WHERE kode_wilayah = $kode_wilayah
),
region_version AS (
    SELECT v.version_id, v.dataset, v.as_of AS data_as_of, u.uploaded_by, u.uploaded_at,
        u.file_name, v.row_count, v.warning_count, v.withdrawn_at, v.withdrawn_by,
        v.withdrawn_reason
    FROM versions v JOIN uploads u USING (upload_id)
    WHERE v.kode_wilayah = $kode_wilayah
),
final AS (
    SELECT r.*,
        CASE WHEN r.withdrawn_at IS NOT NULL THEN 'ditarik'
            WHEN r.version_id IN (SELECT version_id FROM in_force) THEN 'berlaku'
            WHEN r.data_as_of > (SELECT max(report_date) FROM report_dates)
                THEN 'sesudah_tanggal'
            ELSE 'digantikan' END AS version_status
    FROM region_version r
)
SELECT * FROM final
ORDER BY data_as_of DESC, version_id DESC
