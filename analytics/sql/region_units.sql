-- Grain: badan, kode_unit
-- One row per official unit x body of one regency ($kode_wilayah), from the badan_adhoc
-- version in force on the single date in report_dates. A body formed per kecamatan (PPK)
-- has a row for every official kecamatan of the regency; the others one for every
-- official desa/kelurahan (ref_wilayah_administrasi). PPS is one row per desa/kelurahan;
-- PANTARLIH and KPPS are formed per TPS, for which no official list exists, so their TPS
-- rows are summed per desa/kelurahan (tps_count) and a desa/kelurahan without any reads
-- 'belum_ada_baris_tps'. Stored rows join their unit by the official code matched on
-- upload; a row without one (a legacy row) joins no unit and is counted, per body, in
-- unmatched_row_count instead.
WITH current_version AS (
    SELECT version_id FROM version_in_force
    WHERE dataset = 'badan_adhoc' AND kode_wilayah = $kode_wilayah
),
official_kecamatan AS (
    SELECT kode AS kode_kecamatan, nama AS nama_kecamatan
    FROM ref_wilayah_administrasi
    WHERE tingkat = 'kecamatan' AND kode_induk = $kode_wilayah
),
official_desa AS (
    SELECT d.kode AS kode_desa_kelurahan, d.nama AS nama_desa_kelurahan,
        d.jenis AS jenis_desa_kelurahan, k.kode_kecamatan, k.nama_kecamatan
    FROM ref_wilayah_administrasi d
    JOIN official_kecamatan k ON d.kode_induk = k.kode_kecamatan
    WHERE d.tingkat = 'desa_kelurahan'
),
body AS (
    SELECT badan, dibentuk_per, dibentuk_per = 'tps' AS is_per_tps FROM ref_badan
),
official_unit AS (
    SELECT b.badan, b.is_per_tps, 'kecamatan' AS tingkat_unit, k.kode_kecamatan AS kode_unit,
        k.kode_kecamatan, k.nama_kecamatan,
        NULL::VARCHAR AS kode_desa_kelurahan, NULL::VARCHAR AS nama_desa_kelurahan,
        NULL::VARCHAR AS jenis_desa_kelurahan
    FROM body b CROSS JOIN official_kecamatan k
    WHERE b.dibentuk_per = 'kecamatan'
    UNION ALL
    SELECT b.badan, b.is_per_tps, 'desa_kelurahan', d.kode_desa_kelurahan,
        d.kode_kecamatan, d.nama_kecamatan,
        d.kode_desa_kelurahan, d.nama_desa_kelurahan, d.jenis_desa_kelurahan
    FROM body b CROSS JOIN official_desa d
    WHERE b.dibentuk_per <> 'kecamatan'
),
stored_row AS (
    SELECT r.badan,
        CASE WHEN b.dibentuk_per = 'kecamatan' THEN r.kode_kecamatan
            ELSE r.kode_desa_kelurahan END AS kode_unit,
        r.kebutuhan, r.terisi, r.dilantik, r.perempuan
    FROM badan_adhoc_rows r
    JOIN current_version c USING (version_id)
    JOIN body b USING (badan)
),
per_unit AS (
    SELECT s.badan, s.kode_unit, count(*) AS row_count,
        sum(s.kebutuhan) AS kebutuhan, sum(s.terisi) AS terisi, sum(s.dilantik) AS dilantik,
        sum(s.perempuan) AS perempuan
    FROM stored_row s
    SEMI JOIN official_unit o ON o.badan = s.badan AND o.kode_unit = s.kode_unit
    GROUP BY ALL
),
per_body AS (
    SELECT s.badan, count(*) AS body_row_count,
        count(*) FILTER (WHERE o.kode_unit IS NULL) AS unmatched_row_count
    FROM stored_row s
    LEFT JOIN official_unit o ON o.badan = s.badan AND o.kode_unit = s.kode_unit
    GROUP BY ALL
),
unit AS (
    SELECT o.badan, o.tingkat_unit, o.kode_unit, o.kode_kecamatan, o.nama_kecamatan,
        o.kode_desa_kelurahan, o.nama_desa_kelurahan, o.jenis_desa_kelurahan, o.is_per_tps,
        (SELECT count(*) FROM current_version) > 0 AS is_reported,
        coalesce(b.body_row_count, 0) AS body_row_count,
        coalesce(b.unmatched_row_count, 0) AS unmatched_row_count,
        coalesce(p.row_count, 0) AS row_count,
        CASE WHEN o.is_per_tps THEN coalesce(p.row_count, 0) END AS tps_count,
        p.kebutuhan, p.terisi, p.dilantik, p.perempuan,
        p.kebutuhan - p.terisi AS vacancy_count,
        p.terisi - p.dilantik AS not_sworn_in_count
    FROM official_unit o
    LEFT JOIN per_unit p USING (badan, kode_unit)
    LEFT JOIN per_body b USING (badan)
),
final AS (
    SELECT *,
        CASE WHEN NOT is_reported THEN 'belum_lapor'
            WHEN row_count = 0 AND is_per_tps THEN 'belum_ada_baris_tps'
            WHEN row_count = 0 THEN 'belum_ada_baris'
            WHEN terisi < kebutuhan THEN 'kekurangan_anggota'
            WHEN dilantik < terisi THEN 'belum_dilantik'
            ELSE 'lengkap' END AS status
    FROM unit
)
SELECT * FROM final
ORDER BY nama_kecamatan, kode_kecamatan,
    list_position(['PPK', 'PPS', 'PANTARLIH', 'KPPS'], badan), nama_desa_kelurahan, kode_unit
