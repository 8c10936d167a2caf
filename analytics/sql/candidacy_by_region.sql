-- Grain: report_date, kode_wilayah
-- One row per report date x regency. Completion = done / applicable items; due
-- completion counts only items due on or before the report date.
WITH checklist_item AS (
    SELECT report_date, kode_wilayah, nama, is_reported, status, batas_waktu, is_overdue
    FROM candidacy_items
),
item_counts AS (
    SELECT report_date, kode_wilayah, nama, bool_or(is_reported) AS is_reported,
        count(*) FILTER (WHERE status <> 'tidak_berlaku') AS applicable_count,
        count(*) FILTER (WHERE status = 'selesai') AS done_count,
        count(*) FILTER (WHERE status = 'proses') AS in_progress_count,
        count(*) FILTER (WHERE is_overdue) AS overdue_count,
        count(*) FILTER (WHERE status <> 'tidak_berlaku' AND batas_waktu <= report_date)
            AS due_count,
        count(*) FILTER (WHERE status = 'selesai' AND batas_waktu <= report_date)
            AS due_done_count
    FROM checklist_item GROUP BY ALL
),
final AS (
    SELECT report_date, kode_wilayah, nama, is_reported,
        CASE WHEN is_reported THEN applicable_count END AS applicable_count,
        CASE WHEN is_reported THEN done_count END AS done_count,
        CASE WHEN is_reported THEN in_progress_count END AS in_progress_count,
        CASE WHEN is_reported THEN overdue_count END AS overdue_count,
        CASE WHEN is_reported AND applicable_count > 0 THEN done_count / applicable_count END
            AS candidacy_completion,
        CASE WHEN is_reported AND due_count > 0 THEN due_done_count / due_count END
            AS candidacy_due_completion
    FROM item_counts
)
SELECT * FROM final
ORDER BY report_date, kode_wilayah
