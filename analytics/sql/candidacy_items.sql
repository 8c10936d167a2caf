-- Grain: report_date, kode_wilayah, kode_item
-- One row per report date x regency x checklist item. A missing item counts as
-- 'belum'; overdue = due before the report date and neither done nor not applicable, for
-- regencies that reported (a regency that never reported is "belum lapor", not overdue).
WITH current_version AS (
    SELECT report_date, version_id, kode_wilayah FROM version_in_force
    WHERE dataset = 'persiapan_pencalonan'
),
items AS (
    SELECT c.report_date, r.* FROM persiapan_pencalonan_rows r JOIN current_version c USING (version_id)
),
region_item AS (
    SELECT d.report_date, w.kode_wilayah, w.nama, k.kode_item, k.uraian, k.batas_waktu,
        k.pihak_ketiga,
        c.kode_wilayah IS NOT NULL AS is_reported,
        coalesce(i.status, 'belum') AS status,
        i.tanggal_selesai, i.mitra, i.penanggung_jawab, i.tautan_bukti, i.catatan
    FROM report_dates d CROSS JOIN ref_wilayah w CROSS JOIN ref_checklist k
    LEFT JOIN current_version c ON c.report_date = d.report_date AND c.kode_wilayah = w.kode_wilayah
    LEFT JOIN items i ON i.report_date = d.report_date AND i.kode_wilayah = w.kode_wilayah
        AND i.kode_item = k.kode_item
),
final AS (
    SELECT *,
        is_reported AND status NOT IN ('selesai', 'tidak_berlaku') AND batas_waktu < report_date
            AS is_overdue,
        CASE WHEN is_reported AND status NOT IN ('selesai', 'tidak_berlaku')
            AND batas_waktu < report_date
            THEN date_diff('day', batas_waktu, report_date) END AS days_overdue
    FROM region_item
)
SELECT * FROM final
ORDER BY report_date, kode_wilayah, kode_item
