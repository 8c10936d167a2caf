"""Every user-facing message in Indonesian, in one catalogue so wording stays consistent."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Whole-file refusals (one line each).
    "file_empty": "Berkas kosong. Unggah berkas CSV atau Excel (.xlsx) yang berisi tabel data.",
    "file_not_table": (
        "Berkas ini bukan tabel CSV atau Excel (.xlsx) yang dapat dibaca. Simpan ulang dari "
        "spreadsheet sebagai CSV atau .xlsx, lalu unggah lagi."
    ),
    "file_xls_old": (
        "Format Excel lama (.xls) tidak didukung. Buka berkas di Excel, pilih Simpan Sebagai "
        "> Buku Kerja Excel (.xlsx), lalu unggah lagi."
    ),
    "file_ods": (
        "Format OpenDocument (.ods) tidak didukung. Simpan ulang sebagai .xlsx atau CSV, "
        "lalu unggah lagi."
    ),
    "file_xlsx_broken": (
        "Berkas Excel rusak atau tidak dapat dibuka ({detail}). Simpan ulang sebagai .xlsx "
        "atau CSV, lalu unggah lagi."
    ),
    "file_xlsx_bomb": (
        "Berkas Excel ini terlalu besar setelah dibuka ({size} MB). Batasnya {limit} MB; "
        "pecah datanya atau unggah sebagai CSV."
    ),
    "file_xlsx_encrypted": (
        "Berkas Excel dilindungi kata sandi. Hapus kata sandinya di Excel, simpan, lalu unggah lagi."
    ),
    "file_too_large": "Berkas terlalu besar ({size} MB). Batas unggahan {limit} MB.",
    "no_header": (
        "Baris judul kolom tidak ditemukan. Baris pertama tabel harus berisi nama kolom "
        "templat {dataset}: {columns}."
    ),
    "no_rows": "Berkas tidak berisi baris data di bawah judul kolom. Isi data lalu unggah lagi.",
    "wrong_dataset": (
        "Kolom berkas ini cocok dengan dataset {other}, bukan {dataset}. Pilih dataset {other} "
        "atau unggah berkas {dataset}."
    ),
    "missing_columns": (
        "Kolom wajib tidak ditemukan: {columns}. Tambahkan kolom tersebut (lihat templat "
        "{dataset})."
    ),
    "duplicate_column": "Kolom {column} muncul lebih dari sekali (kolom {positions}). Hapus salah satunya.",
    "personal_column": (
        "Berkas memuat data pribadi (kolom {column}). SIAGA hanya menerima jumlah per unit; "
        "hapus kolom data pribadi lalu unggah lagi. Berkas ini tidak disimpan."
    ),
    "personal_nik": (
        "Berkas memuat data pribadi: nomor 16 digit seperti NIK di kolom {column} (baris "
        "{line}). SIAGA hanya menerima jumlah per unit; hapus data tersebut lalu unggah lagi. "
        "Berkas ini tidak disimpan."
    ),
    "unknown_dataset": "Dataset {dataset} tidak dikenal. Pilihan: {choices}.",
    "bad_as_of": "Tanggal data {value} tidak valid. Tulis sebagai TTTT-BB-HH, misalnya 2024-08-15.",
    # Cell and row errors (shown with line, column and value).
    "required": "Wajib diisi.",
    "required_for_body": "Wajib diisi untuk {body}.",
    "not_integer": "Harus bilangan bulat 0 atau lebih, misalnya 12 atau 1.234.",
    "not_date": (
        "Tanggal tidak valid. Tulis sebagai 2024-08-15, 15/08/2024 atau 15-08-2024, dan "
        "pastikan tanggalnya ada di kalender."
    ),
    "unknown_region": (
        "Kode kabupaten/kota tidak dikenal. Gunakan kode Kemendagri, misalnya 33.01 atau 3301."
    ),
    "unknown_choice": "Nilai tidak dikenal. Pilihan: {choices}.",
    "unknown_module": "Materi tidak ada dalam daftar materi bimtek. Gunakan kode {choices}.",
    "unknown_item": "Butir tidak ada dalam daftar periksa pencalonan. Gunakan kode {choices}.",
    "not_url": "Tautan harus diawali http:// atau https://.",
    "too_long": "Teks terlalu panjang (lebih dari {limit} karakter). Persingkat isinya.",
    "dilantik_gt_terisi": "dilantik ({dilantik}) melebihi terisi ({terisi}). Periksa kedua angka.",
    "terisi_gt_kebutuhan": (
        "terisi ({terisi}) melebihi kebutuhan ({kebutuhan}). Periksa kedua angka."
    ),
    "perempuan_gt_terisi": "perempuan ({perempuan}) melebihi terisi ({terisi}). Periksa kedua angka.",
    "duplicate_unit": "Unit ini sudah ada di baris {first}. Satu unit hanya boleh satu baris.",
    "duplicate_item": "Butir ini sudah ada di baris {first}. Satu butir hanya boleh satu baris.",
    "tuntas_gt_hadir": (
        "peserta_tuntas ({tuntas}) melebihi peserta_hadir ({hadir}). Periksa kedua angka."
    ),
    "end_before_start": "tanggal_selesai sebelum tanggal_mulai ({start}). Periksa kedua tanggal.",
    "done_without_date": "Status selesai wajib disertai tanggal_selesai.",
    "done_after_as_of": "tanggal_selesai setelah tanggal data ({as_of}). Periksa tanggalnya.",
    # Warnings (stored with the upload and flagged).
    "warn_nonstandard_need": "kebutuhan {value} tidak sesuai standar {body} ({standard}).",
    "warn_fewer_ppk": (
        "Hanya {rows} baris PPK, padahal {region} memiliki {expected} kecamatan. Apakah berkas "
        "lengkap?"
    ),
    "warn_fewer_pps": (
        "Hanya {rows} baris PPS, padahal {region} memiliki {expected} desa/kelurahan. Apakah "
        "berkas lengkap?"
    ),
    "warn_over_target": "peserta_hadir ({hadir}) melebihi peserta_target ({target}).",
    "warn_unknown_column": "Kolom tidak dikenal dan diabaikan.",
    "warn_total_row": "Baris jumlah/total diabaikan (SIAGA menghitung totalnya sendiri).",
    # Storage and environment.
    "db_busy": (
        "Basis data sedang dipakai proses lain (menunggu {seconds} detik). Coba lagi sebentar lagi."
    ),
    "db_missing": "Basis data {path} tidak ditemukan.",
    "version_unknown": "Versi {version} tidak ditemukan.",
    "version_already_withdrawn": "Versi {version} sudah ditarik sebelumnya.",
    "refused_summary": "Berkas ditolak: {errors} kesalahan{warnings_part}. Perbaiki lalu unggah lagi.",
    "valid_summary": "Berkas valid: {rows} baris, {warnings} peringatan.",
    "duplicate_upload": "Berkas yang sama persis sudah tersimpan sebagai versi {version}; tidak disimpan ulang.",
    "file_not_found": "Berkas {path} tidak ditemukan.",
    "belum_lapor": "belum lapor",
}


def msg(key: str, **values: object) -> str:
    """The Indonesian message for ``key`` with ``values`` filled in."""
    return MESSAGES[key].format(**values)
