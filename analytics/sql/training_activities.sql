-- Grain: report_date, version_id, line
-- One row per report date x training activity (one uploaded bimtek row: version_id, line)
-- of the version in force. $badan and $kode_wilayah narrow the result; NULL means all.
-- is_required: the module is required for the body (ref_materi_wajib).
WITH current_version AS (
    SELECT report_date, version_id, kode_wilayah, data_as_of
    FROM version_in_force WHERE dataset = 'bimtek'
),
activity AS (
    SELECT c.report_date, c.data_as_of, r.version_id, r.line, r.kode_wilayah, r.badan,
        r.materi, r.tanggal_mulai, r.tanggal_selesai, r.metode, r.peserta_target,
        r.peserta_hadir, r.peserta_tuntas, r.catatan
    FROM current_version c
    JOIN bimtek_rows r USING (version_id)
    WHERE ($badan::VARCHAR IS NULL OR r.badan = $badan::VARCHAR)
        AND ($kode_wilayah::VARCHAR IS NULL OR c.kode_wilayah = $kode_wilayah::VARCHAR)
),
final AS (
    SELECT a.report_date, a.kode_wilayah, w.nama, a.badan, a.materi,
        coalesce(m.nama_materi, a.materi) AS nama_materi,
        q.kode_materi IS NOT NULL AS is_required,
        a.tanggal_mulai, a.tanggal_selesai, a.metode,
        a.peserta_target, a.peserta_hadir, a.peserta_tuntas, a.catatan,
        a.data_as_of, a.version_id, a.line
    FROM activity a
    JOIN ref_wilayah w ON w.kode_wilayah = a.kode_wilayah
    LEFT JOIN ref_materi m ON m.kode_materi = a.materi
    LEFT JOIN ref_materi_wajib q ON q.badan = a.badan AND q.kode_materi = a.materi
)
SELECT * FROM final
ORDER BY report_date, kode_wilayah, badan, tanggal_mulai, materi, line
