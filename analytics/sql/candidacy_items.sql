-- Grain: one row per regency x checklist item, as of $as_of. A missing item counts as
-- 'belum'; overdue = due before the as-of date and neither done nor not applicable.
WITH current_version AS (
    SELECT version_id, kode_wilayah FROM current_versions($as_of)
    WHERE dataset = 'persiapan_pencalonan'
),
items AS (
    SELECT r.* FROM persiapan_pencalonan_rows r JOIN current_version USING (version_id)
),
final AS (
    SELECT w.kode_wilayah, w.nama, k.kode_item, k.uraian, k.batas_waktu, k.pihak_ketiga,
        c.kode_wilayah IS NOT NULL AS is_reported,
        coalesce(i.status, 'belum') AS status,
        i.tanggal_selesai, i.mitra, i.penanggung_jawab, i.tautan_bukti, i.catatan
    FROM ref_wilayah w CROSS JOIN ref_checklist k
    LEFT JOIN current_version c ON c.kode_wilayah = w.kode_wilayah
    LEFT JOIN items i ON i.kode_wilayah = w.kode_wilayah AND i.kode_item = k.kode_item
)
SELECT *,
    status NOT IN ('selesai', 'tidak_berlaku') AND batas_waktu < CAST($as_of AS DATE)
        AS is_overdue,
    CASE WHEN status NOT IN ('selesai', 'tidak_berlaku') AND batas_waktu < CAST($as_of AS DATE)
        THEN date_diff('day', batas_waktu, CAST($as_of AS DATE)) END AS days_overdue
FROM final
ORDER BY kode_wilayah, kode_item
