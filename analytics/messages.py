"""Every user-facing message in Indonesian, in one catalogue so wording stays consistent."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Whole-file refusals (one line each).
    "file_empty": "Berkas kosong. Unggah berkas CSV atau Excel (.xlsx) yang berisi tabel data.",
    "file_not_table": (
        "Berkas ini bukan tabel CSV atau Excel (.xlsx) yang dapat dibaca. Simpan ulang dari "
        "spreadsheet sebagai CSV atau .xlsx, lalu unggah lagi."
    ),
    "file_markup": (
        "Berkas ini halaman web atau XML (sering diberi nama .xls oleh aplikasi), bukan tabel "
        "CSV atau Excel (.xlsx). Buka di Excel, pilih Simpan Sebagai > Buku Kerja Excel "
        "(.xlsx), lalu unggah lagi."
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
    "file_xlsx_formulas": (
        "Berkas Excel berisi rumus yang hasilnya belum tersimpan (dibuat oleh program dan "
        "belum pernah dibuka di Excel). Buka dan simpan ulang di Excel/LibreOffice, lalu "
        "unggah lagi."
    ),
    "file_many_sheets": (
        "Data ada di beberapa lembar ({sheets}). Gabungkan ke satu lembar (dan hapus lembar "
        "salinan atau contoh), lalu unggah lagi."
    ),
    "file_truncated": (
        'Berkas CSV terpotong: ada tanda kutip (") yang tidak ditutup sampai akhir berkas, '
        "jadi baris terakhirnya tidak lengkap. Simpan atau ekspor ulang berkas yang lengkap, "
        "lalu unggah lagi."
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
    "unknown_module": (
        "Materi tidak ada dalam daftar materi bimtek. Gunakan salah satu kode: {choices} "
        "(atau nama materinya)."
    ),
    "unknown_item": (
        "Butir tidak ada dalam daftar periksa pencalonan. Gunakan salah satu kode: {choices}."
    ),
    "value_outside_columns": (
        "Ada nilai di kolom tanpa judul. Hapus nilai itu atau beri judul kolomnya."
    ),
    "not_url": "Tautan harus diawali http:// atau https://.",
    "too_long": "Teks terlalu panjang (lebih dari {limit} karakter). Persingkat isinya.",
    "dilantik_gt_terisi": "dilantik ({dilantik}) melebihi terisi ({terisi}). Periksa kedua angka.",
    "terisi_gt_kebutuhan": (
        "terisi ({terisi}) melebihi kebutuhan ({kebutuhan}). Periksa kedua angka."
    ),
    "perempuan_gt_terisi": "perempuan ({perempuan}) melebihi terisi ({terisi}). Periksa kedua angka.",
    # A unit that is no official one: the closest official names first (a long message is
    # cut in the table of issues), else how to write it.
    "unit_unknown_kecamatan": "{hint}Tidak ada kecamatan bernama atau berkode ini di {scope}.{how}",
    "unit_unknown_desa": (
        "{hint}Tidak ada desa/kelurahan bernama atau berkode ini di Kecamatan {scope}.{how}"
    ),
    "unit_did_you_mean": "Apakah maksudnya: {names}? ",
    "unit_write_official": (
        " Tulis nama resminya atau kode Kemendagri (misalnya {example}); templat terisi "
        "wilayah ini memuat daftar resminya."
    ),
    "unit_desa_elsewhere": (
        "{name} ada di Kecamatan {parent}, bukan di Kecamatan {scope}. Perbaiki kecamatan atau "
        "desa/kelurahan baris ini."
    ),
    "unit_kecamatan_elsewhere": (
        "Kode ini milik Kecamatan {name} di {parent}, bukan di {scope}. Periksa kode wilayah "
        "atau kecamatan baris ini."
    ),
    "unit_code_name_disagree": (
        "Kode dan nama tidak cocok: kode ini milik {name}. Tulis salah satunya saja, atau "
        "perbaiki yang keliru."
    ),
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
    "warn_ignored_column": (
        "Kolom ini juga berarti {column}, tetapi kolom {used} yang dipakai; kolom ini diabaikan."
    ),
    "warn_control_characters": (
        "Karakter tak terlihat (misalnya dari Shift+Enter di Word) diganti spasi."
    ),
    "warn_total_row": "Baris jumlah/total diabaikan (SIAGA menghitung totalnya sendiri).",
    "warn_month_first": (
        "Tanggal ditulis bulan/hari/tahun (format Amerika, misalnya {example}) dan dibaca "
        "begitu. Periksa bila keliru; sebaiknya tulis 2024-05-20 atau 20/05/2024."
    ),
    "warn_note_row": (
        "Baris tanpa data (judul, judul kolom berulang, catatan atau tanda tangan) dilewati."
    ),
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
    # Accounts, login, scope and the upload page (analytics/auth.py, ingest.py, pages/).
    "auth_unknown_user": "Pengguna {name} tidak terdaftar.",
    "cli_login_refused": "{reason} {action} ditolak.",
    "login_failed": "Nama pengguna atau kata sandi salah.",
    "login_wait": (
        "Terlalu banyak kata sandi salah untuk nama ini dari alamat Anda. Tunggu {seconds} "
        "detik sebelum mencoba lagi."
    ),
    "login_address_budget": (
        "Terlalu banyak percobaan masuk yang gagal dari alamat Anda. Coba lagi setelah "
        "{minutes} menit, atau masuk dari jaringan lain."
    ),
    "login_needed_upload": "Masuk terlebih dahulu untuk mengunggah data.",
    "login_needed_history": "Masuk terlebih dahulu untuk melihat riwayat unggahan.",
    "login_needed_read": "Masuk terlebih dahulu untuk membaca dasbor SIAGA.",
    "upload_viewer": (
        "Akun {name} berperan peninjau: hanya membaca dasbor, tidak dapat mengunggah data."
    ),
    "upload_other_region": (
        "Berkas ditolak seluruhnya: berisi baris kabupaten/kota lain ({others}). Akun {name} "
        "hanya boleh mengunggah data {region}. Hapus baris kabupaten/kota lain, lalu unggah "
        "lagi."
    ),
    "withdraw_not_admin": (
        "Hanya admin provinsi yang dapat menarik versi; akun {name} berperan {role}."
    ),
    "withdraw_reason_required": "Tulis alasan penarikan terlebih dahulu (wajib diisi).",
    "withdraw_done": "Versi {version} ditarik. Dasbor kembali memakai versi sebelumnya.",
    # The sidebar date picker (ui/shared.py): a date chosen earlier is no longer selectable.
    "as_of_out_of_range": (
        "Tanggal {asked} tidak dapat dipilih lagi (pilihan: {first} sampai {latest}); yang "
        "ditampilkan: data terbaru, per {last}."
    ),
    "download_not_allowed": "Akun {name} tidak berhak mengunduh berkas asli versi {version}.",
    "download_account_gone": "Akun {name} tidak aktif lagi; berkas asli tidak diberikan.",
    "download_original_help": (
        "Berkas disiapkan saat tombol ditekan, hanya untuk akun yang masuk; "
        "setiap unduhan tercatat di log audit."
    ),
    "user_exists": (
        "Pengguna {name} sudah ada. Untuk mengganti kata sandinya: python -m analytics user "
        "passwd {name}."
    ),
    "user_bad_name": (
        "Nama pengguna {name} tidak valid: 3-40 karakter berupa huruf kecil, angka, titik, "
        "garis bawah atau tanda hubung, diawali huruf atau angka."
    ),
    "user_bad_role": "Peran {role} tidak dikenal. Pilihan: admin, operator, viewer.",
    "user_region_required": (
        "Operator wajib terikat pada satu kabupaten/kota: tambahkan --region, misalnya "
        "--region 33.01."
    ),
    "user_region_not_allowed": (
        "Hanya operator yang terikat pada satu kabupaten/kota; hapus --region untuk peran {role}."
    ),
    "user_unknown_region": (
        "Kode kabupaten/kota {region} tidak dikenal. Gunakan kode Kemendagri, misalnya 33.01 "
        "atau 3301."
    ),
    "password_too_short": "Kata sandi terlalu pendek: minimal {length} karakter.",
    "password_mismatch": "Kedua kata sandi tidak sama; tidak ada yang diubah.",
    "password_missing": "Kata sandi tidak terbaca dari masukan (stdin); tidak ada yang diubah.",
    "user_added": "Pengguna {name} dibuat: {label}.",
    "password_changed": "Kata sandi {name} diganti; kunci akun (bila ada) dibuka.",
    "upload_limit": (
        "Batas ukuran berkas: {limit} MB. Berkas yang lebih besar ditolak sebelum terkirim; "
        "simpan sebagai CSV (lebih kecil dari .xlsx) atau pecah per kabupaten/kota."
    ),
    "upload_server_error": (
        "Terjadi kesalahan di server saat memproses berkas ini; tidak ada data yang disimpan. "
        "Kesalahan sudah dicatat di server (waktu {time}). Coba lagi, atau hubungi admin "
        "provinsi bila terulang."
    ),
    "preview_partial": (
        "{region}: berkas ini hanya memuat {new} unit, padahal data yang berlaku sekarang "
        "{current} unit. Apakah berkasnya lengkap? Unggahan menggantikan SELURUH data "
        "kabupaten/kota ini per tanggal data; unit yang tidak ada di berkas akan hilang dari dasbor."
    ),
    "preview_newer_exists": (
        "{region}: sudah ada data yang lebih baru (per {newer}). Unggahan bertanggal {as_of} "
        "ini hanya mengisi riwayat sampai sebelum tanggal itu; dasbor terbaru tidak berubah."
    ),
    "preview_first": "{region}: belum ada data {dataset} yang berlaku per {as_of}; semua unit baru.",
    "upload_stored": "Tersimpan sebagai versi {versions} ({rows} baris, data per {as_of}).",
    "archive_missing": (
        "Berkas asli versi {version} tidak ada di arsip (data demo tidak punya berkas asli)."
    ),
    "history_empty": "Belum ada unggahan yang sesuai saringan ini.",
    "preview_unchanged": (
        "Isi berkas sama persis dengan data yang berlaku. Menyimpannya mencatat bahwa keadaan "
        "masih sama per {as_of} (laporan tepat waktu)."
    ),
    "demo_users_refused": (
        "{path} bukan basis data demo; akun demo (dengan kata sandi publik) tidak dibuat."
    ),
    # ------------------------------------------------------------ follow-ups (tindak lanjut)
    "followup_viewer": (
        "Akun {name} berperan peninjau: hanya membaca tindak lanjut, tidak dapat mengubahnya."
    ),
    "followup_not_admin": (
        "Hanya admin provinsi yang dapat {act} tindak lanjut; akun {name} berperan {role}."
    ),
    "followup_other_region": (
        "Tindak lanjut {id} untuk {region}; akun {name} (operator {own}) hanya dapat mencatat "
        "perkembangan tindak lanjut kabupaten/kotanya sendiri."
    ),
    "followup_unknown": "Tindak lanjut {id} tidak ditemukan.",
    "followup_not_open": (
        "Tindak lanjut {id} sudah berstatus {status}; hanya tindak lanjut terbuka yang dapat {act}."
    ),
    "followup_unknown_region": (
        "Wilayah {region} tidak dikenal. Tulis kode kabupaten/kota (33.27 atau 3327), namanya, "
        "atau provinsi untuk seluruh provinsi."
    ),
    "followup_bad_topic": (
        "Topik {topic} tidak dikenali: {reason}. Bentuk terstruktur: badan:PPS, bimtek:PPS:M03, "
        "item:PC07 atau pelaporan; selain itu tulis teks bebas tanpa awalan badan:, bimtek: "
        "atau item:."
    ),
    "followup_topic_body": "badan {value} tidak dikenal (PPK, PPS, PANTARLIH atau KPPS)",
    "followup_topic_module": "materi {value} tidak ada dalam daftar materi bimtek (M01 ...)",
    "followup_topic_item": "butir {value} tidak ada dalam daftar periksa pencalonan (PC01 ...)",
    "followup_topic_shape": "bagiannya tidak lengkap atau berlebih",
    "followup_empty": "{field} wajib diisi.",
    "followup_too_long": "{field} terlalu panjang: paling banyak {limit} karakter.",
    "followup_due_before_meeting": (
        "Jatuh tempo {due} lebih awal dari tanggal rapat {meeting}; periksa kedua tanggal."
    ),
    "followup_unchanged": "Tidak ada yang berubah pada tindak lanjut {id}; tidak disimpan.",
    "followup_added": "Tindak lanjut {id} ditambahkan: {region}, jatuh tempo {due}.",
    "followup_noted": "Catatan perkembangan ditambahkan pada tindak lanjut {id}.",
    "followup_closed": "Tindak lanjut {id} ditandai selesai.",
    "followup_cancelled": "Tindak lanjut {id} dibatalkan.",
    "followup_list_empty": "Belum ada tindak lanjut yang sesuai saringan ini.",
    "followup_edited": "Tindak lanjut {id} diubah (versi {version}).",
    "followup_edit_nothing": (
        "Tidak ada yang diubah: sebutkan paling sedikit satu dari --region, --topic, --text, "
        "--due, --pic, --meeting-date atau --meeting-title."
    ),
    # ------------------------------------------------------------ notes on the numbers
    "number_note_not_admin": (
        "Hanya admin provinsi yang dapat {act} catatan angka; akun {name} berperan {role}."
    ),
    "number_note_province": (
        "Catatan angka dilekatkan pada satu kabupaten/kota, bukan pada seluruh provinsi."
    ),
    "number_note_unknown": "Catatan angka {id} tidak ditemukan.",
    "number_note_already_removed": "Catatan angka {id} sudah dihapus oleh {who} pada {when}.",
    "number_note_added": "Catatan angka {id} ditambahkan: {region}, tanggal {date}.",
    "number_note_removed": "Catatan angka {id} dihapus (tetap tercatat di riwayat audit).",
    "number_note_list_empty": "Belum ada catatan angka yang sesuai saringan ini.",
    "followup_login_needed": (
        "Sesi Anda sudah berakhir: masuk kembali (halaman Unggah Data) untuk mengubah tindak "
        "lanjut atau catatan."
    ),
    # ------------------------------------------------------------ status cards
    "card_unknown_region": (
        "Kabupaten/kota tidak dikenal: {region}. Tulis kodenya (33.27 atau 3327), namanya "
        "(Kabupaten Pemalang atau pemalang), atau provinsi."
    ),
    "card_ambiguous_region": "Nama {region} dipakai {regions}; tulis nama lengkap atau kodenya.",
    "card_format_required": (
        "Sebutkan --format png atau --format text, atau --all untuk semua kartu dalam satu ZIP."
    ),
    "card_out_required": "Kartu PNG memerlukan --out BERKAS.png.",
    "card_all_out_required": (
        "--all memerlukan --out BERKAS.zip atau --out FOLDER (folder dibuat bila belum ada)."
    ),
    "card_all_with_region": "--all membuat semua kartu; jangan gabungkan dengan --region.",
    "card_folder_missing": "Folder {path} tidak ditemukan.",
    "card_out_is_folder": "{path} adalah folder; tulis nama berkasnya, misalnya {path}/kartu.png.",
    # ------------------------------------------------------------ early warning (risk)
    "risk_line": "{head} — perkiraan selesai {range}, batas {deadline} ({days} hari terlambat)",
    "risk_line_open": (
        "{head} — perkiraan selesai paling cepat {early}, batas {deadline} (sedikitnya {late} "
        "hari terlambat)"
    ),
    "risk_line_no_progress": (
        "{head} — tidak ada kemajuan dalam minggu-minggu terakhir, batas {deadline}"
    ),
    "risk_none": "Tidak ada komponen berisiko per {date}.",
    "risk_header": "{count} komponen berisiko per {date} (paling mendesak lebih dulu):",
    "risk_backtest_header": "Uji mundur peringatan dini pada riwayat data, per minggu:",
    "risk_backtest_week": (
        "{week}: {flagged} ditandai, {missed} terbukti terlambat, {on_time} ternyata tepat waktu"
    ),
    "risk_backtest_totals": (
        "{name}: {flagged} tanda (minggu x komponen), {right} terbukti terlambat ({precision}); "
        "{components} komponen pernah ditandai, {components_right} di antaranya terlambat; "
        "dari {judged} komponen yang batas waktunya lewat, {misses} terlambat: {caught} "
        "ditandai sebelumnya, {never} tidak pernah ditandai; median peringatan {lead}"
    ),
}


def msg(key: str, **values: object) -> str:
    """The Indonesian message for ``key`` with ``values`` filled in."""
    return MESSAGES[key].format(**values)
