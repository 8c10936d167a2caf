-- Grain: report_date, kode_wilayah, komponen
-- One row per report date x regency x component with a deadline (the early-warning
-- projection's input, analytics/risk.py). Components:
--   badan:<BODY>          seats filled (sum terisi / sum kebutuhan) before the body's
--                         swearing-in (ref_badan.tanggal_pelantikan): members must be
--                         appointed to be sworn in; 0 when the regency reported no unit;
--   bimtek:<BODY>:<MOD>   completion_rate of a required module (training_modules), due
--                         at ref_materi_wajib.batas_waktu;
--   item:<CODE>           a candidacy checklist item (status; risk.py turns it into a
--                         value), due at ref_checklist.batas_waktu.
-- is_scheduled (bimtek): every activity of the module in the version in force ends by the
-- deadline and one has not ended yet on the data date (the rest is on the schedule).
-- capaian_by_deadline: what the version in force shows was done by the deadline (the
-- backtest's outcome): bimtek counts only activities ended by then, an item only when
-- done on or before it (tanggal_selesai); a body has no date, so it is its capaian.
-- capaian is NULL when the regency has no version in force (belum lapor) and, for items,
-- always (risk.py reads status); data_as_of is the date the version in force describes,
-- the x of a trend point (a regency that skipped a week repeats its older point).
WITH body_version AS (
    SELECT report_date, version_id, kode_wilayah, data_as_of
    FROM version_in_force WHERE dataset = 'badan_adhoc'
),
body_sum AS (
    SELECT r.version_id, r.badan, sum(r.terisi) AS terisi, sum(r.kebutuhan) AS kebutuhan
    FROM badan_adhoc_rows r
    WHERE r.version_id IN (SELECT version_id FROM body_version)
    GROUP BY ALL
),
body_progress AS (
    SELECT d.report_date, w.kode_wilayah, w.nama, 'badan:' || b.badan AS komponen,
        'badan' AS jenis, b.badan, NULL AS kode, NULL AS uraian,
        CAST(b.tanggal_pelantikan AS DATE) AS batas_waktu,
        v.data_as_of,
        CASE WHEN v.kode_wilayah IS NULL THEN NULL
            WHEN coalesce(s.kebutuhan, 0) = 0 THEN 0.0
            ELSE s.terisi / s.kebutuhan END AS capaian,
        CASE WHEN v.kode_wilayah IS NULL THEN NULL
            WHEN coalesce(s.kebutuhan, 0) = 0 THEN 0.0
            ELSE s.terisi / s.kebutuhan END AS capaian_by_deadline,
        NULL AS status, false AS is_scheduled
    FROM report_dates d
    CROSS JOIN ref_wilayah w
    CROSS JOIN ref_badan b
    LEFT JOIN body_version v ON v.report_date = d.report_date AND v.kode_wilayah = w.kode_wilayah
    LEFT JOIN body_sum s ON s.version_id = v.version_id AND s.badan = b.badan
),
module_version AS (
    SELECT report_date, version_id, kode_wilayah FROM version_in_force WHERE dataset = 'bimtek'
),
module_done_by_deadline AS (  -- completion counting only activities ended by the deadline
    SELECT r.version_id, r.badan, r.materi,
        sum(r.peserta_tuntas) FILTER (WHERE r.tanggal_selesai <= m.batas_waktu) AS tuntas,
        sum(r.peserta_target) AS target
    FROM bimtek_rows r
    JOIN ref_materi_wajib m ON m.badan = r.badan AND m.kode_materi = r.materi
    WHERE r.version_id IN (SELECT version_id FROM module_version)
    GROUP BY ALL
),
module_progress AS (
    SELECT t.report_date, t.kode_wilayah, t.nama,
        'bimtek:' || t.badan || ':' || t.materi AS komponen, 'bimtek' AS jenis, t.badan,
        t.materi AS kode, t.nama_materi AS uraian, t.batas_waktu, t.data_as_of,
        t.completion_rate AS capaian,
        CASE WHEN NOT t.is_reported THEN NULL
            WHEN coalesce(d.target, 0) = 0 THEN 0.0
            ELSE least(1.0, coalesce(d.tuntas, 0) / d.target) END AS capaian_by_deadline,
        NULL AS status,
        coalesce(t.last_end_date > t.data_as_of AND t.last_end_date <= t.batas_waktu, false)
            AS is_scheduled
    FROM training_modules t
    LEFT JOIN module_version v USING (report_date, kode_wilayah)
    LEFT JOIN module_done_by_deadline d
        ON d.version_id = v.version_id AND d.badan = t.badan AND d.materi = t.materi
),
item_version AS (
    SELECT report_date, kode_wilayah, data_as_of
    FROM version_in_force WHERE dataset = 'persiapan_pencalonan'
),
item_progress AS (
    SELECT i.report_date, i.kode_wilayah, i.nama, 'item:' || i.kode_item AS komponen,
        'item' AS jenis, NULL AS badan, i.kode_item AS kode, i.uraian, i.batas_waktu,
        v.data_as_of,
        NULL AS capaian,
        CASE WHEN NOT i.is_reported OR i.status = 'tidak_berlaku' THEN NULL
            WHEN i.status = 'selesai' AND coalesce(i.tanggal_selesai <= i.batas_waktu, true)
            THEN 1.0 ELSE 0.0 END AS capaian_by_deadline,
        CASE WHEN i.is_reported THEN i.status END AS status, false AS is_scheduled
    FROM candidacy_items i
    LEFT JOIN item_version v USING (report_date, kode_wilayah)
),
final AS (
    SELECT * FROM body_progress
    UNION ALL BY NAME SELECT * FROM module_progress
    UNION ALL BY NAME SELECT * FROM item_progress
)
SELECT report_date, kode_wilayah, nama, komponen, jenis, badan, kode, uraian,
    CAST(batas_waktu AS DATE) AS batas_waktu, data_as_of, CAST(capaian AS DOUBLE) AS capaian,
    CAST(capaian_by_deadline AS DOUBLE) AS capaian_by_deadline,
    CAST(status AS VARCHAR) AS status, is_scheduled
FROM final
ORDER BY report_date, kode_wilayah, komponen
