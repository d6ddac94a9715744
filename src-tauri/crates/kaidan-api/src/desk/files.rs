//! The window's work on files: printed documents, backups and restores, the periodic
//! housekeeping (the daily backup, the weekly full check).

use super::*;

impl Desk {
    /// Renders a document and writes it to a file named for it (`送货单 DN-2026-000012
    /// 城东装修队.pdf`): a preview into the temporary folder (the window then opens it in the
    /// system's PDF viewer), "Save as PDF" into the PDF folder ([`Desk::pdf_folder`], created
    /// when missing; a name taken gets " (2)"). The file is written whole. A saved print is
    /// logged once per `request_id` (a double click logs one original, not a copy).
    pub fn print_document(&self, request: &crate::PrintRequest, save: bool, request_id: Option<String>) -> Result<PrintedFile, IpcError> {
        let preview = request.preview.unwrap_or(false);
        let (printed, pdf) = if preview {
            let ctx = self.ctx(None);
            self.read(|shop| shop.render_preview(&ctx, request))?
        } else {
            self.write(request_id, |shop, ctx| shop.print(ctx, request))?
        };
        let dir = if save { self.pdf_folder()? } else { crate::print_folder() };
        let lang = self.lang();
        let fail = |e: std::io::Error, path: &std::path::Path| {
            IpcError::from_error(&Error::new(kaidan_core::Problem::PrintFailed { detail: format!("{}: {e}", path.display()) }), lang)
        };
        std::fs::create_dir_all(&dir).map_err(|e| fail(e, &dir))?;
        let stem = file_stem(&printed.name);
        let mut path = dir.join(format!("{stem}.pdf"));
        let mut n = 2;
        while save && path.exists() {
            path = dir.join(format!("{stem} ({n}).pdf"));
            n += 1;
        }
        crate::write_bytes_whole(&path, &pdf).map_err(|e| fail(e, &path))?;
        Ok(PrintedFile { printed, path: path.display().to_string(), opened: false, open_error: None })
    }

    /// The document as one picture (not a print: not logged), for the clipboard.
    pub fn picture(&self, request: &crate::PrintRequest) -> Result<(crate::Printed, kaidan_print::Picture), IpcError> {
        let ctx = self.ctx(None);
        self.read(|shop| shop.document_picture(&ctx, request))
    }

    /// "Save as picture": the document as one PNG (its pages one below the other) in the PDF
    /// folder, named for it (`对账单 城东装修队 2026-11-01–2026-11-30.png`), to send in WeChat.
    /// Not a print: not logged.
    pub fn save_picture(&self, request: &crate::PrintRequest) -> Result<PrintedFile, IpcError> {
        let ctx = self.ctx(None);
        let (printed, picture) = self.read(|shop| shop.document_picture(&ctx, request))?;
        let dir = self.pdf_folder()?;
        let lang = self.lang();
        let fail = |e: std::io::Error, path: &std::path::Path| {
            IpcError::from_error(&Error::new(kaidan_core::Problem::PrintFailed { detail: format!("{}: {e}", path.display()) }), lang)
        };
        std::fs::create_dir_all(&dir).map_err(|e| fail(e, &dir))?;
        let stem = file_stem(&printed.name);
        let mut path = dir.join(format!("{stem}.png"));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{stem} ({n}).png"));
            n += 1;
        }
        crate::write_bytes_whole(&path, &picture.png).map_err(|e| fail(e, &path))?;
        Ok(PrintedFile { printed, path: path.display().to_string(), opened: false, open_error: None })
    }

    /// "Print": straight to the printer the settings choose for the document's paper (else the
    /// system's default), `copies` times, without a viewer. Logged once per `request_id`, and
    /// only when the printer's queue took the job.
    pub fn print_to_printer(
        &self,
        request: &crate::PrintRequest,
        copies: u32,
        request_id: Option<String>,
    ) -> Result<crate::SentToPrinter, IpcError> {
        self.write(request_id, |shop, ctx| shop.print_to_printer(ctx, request, None, copies))
    }

    /// Records a delivery; then, when the settings ask for it, sends its delivery note to the
    /// printer. A print that fails is reported beside the delivery, which stands. A retried
    /// request (same id) neither delivers nor prints twice.
    pub fn deliver(&self, number: &str, input: &crate::DeliverInput, request_id: Option<String>) -> Result<Delivered, IpcError> {
        let print_id = request_id.as_ref().map(|r| format!("{r}:print"));
        let delivery = self.write(request_id, |shop, ctx| shop.deliver_order(ctx, number, input))?;
        let mut out = Delivered { delivery, printed: None, print_error: None };
        if self.settings()?.print_delivery_note_on_delivery {
            let req = crate::PrintRequest { kind: "delivery_note".into(), number: out.delivery.number.clone(), ..Default::default() };
            match self.print_to_printer(&req, 1, print_id) {
                Ok(sent) => out.printed = Some(sent),
                Err(e) => out.print_error = Some(e.message),
            }
        }
        Ok(out)
    }

    /// A counter sale (现场开单): the order created, confirmed and handed over whole in one
    /// write; then, when the settings ask for it and the goods went out, its receipt (小票) sent
    /// to the printer. An order that needs approval stops there, undelivered, and prints
    /// nothing. A print that fails is reported beside the sale, which stands; a retried request
    /// (same id) neither sells nor prints twice.
    pub fn sell(&self, input: &crate::OrderInput, request_id: Option<String>) -> Result<Sold, IpcError> {
        let print_id = request_id.as_ref().map(|r| format!("{r}:print"));
        let order = self.write(request_id, |shop, ctx| shop.create_and_confirm(ctx, input, true))?;
        let mut out = Sold { order, printed: None, print_error: None };
        if out.order.status == kaidan_core::OrderStatus::Delivered && self.settings()?.print_receipt_on_counter_sale {
            let req = crate::PrintRequest { kind: "receipt".into(), number: out.order.number.clone(), ..Default::default() };
            match self.print_to_printer(&req, 1, print_id) {
                Ok(sent) => out.printed = Some(sent),
                Err(e) => out.print_error = Some(e.message),
            }
        }
        Ok(out)
    }

    /// "Export to Excel" of a report: every row and a totals row, in the PDF folder, named for
    /// the report and its range (`销售趋势 2026-03-01–2026-03-31.xlsx`), never over a file.
    pub fn export_report(
        &self,
        kind: kaidan_core::report::ReportKind,
        query: &crate::ReportQuery,
        today: &str,
    ) -> Result<SavedReport, IpcError> {
        let day = self.report_today(today)?;
        // asked first: nothing is made for someone who may not see it
        self.report(|_| Ok(()))?;
        let path = self.report_file(kind, query, day, "xlsx", true)?;
        let lang = self.lang();
        let r = self.report(|shop| shop.export_report(kind, query, day, lang, &path))?;
        Ok(SavedReport { path: r.file.display().to_string(), rows: r.rows as u32 })
    }

    /// A report printed on `paper` (`a4`, `80mm`, `58mm`; none: A4): into the temporary folder
    /// for the system's viewer, or with `save` into the PDF folder, named like its spreadsheet
    /// (`日结 2026-12-06.pdf`), never over a file. Nothing is logged: a report is read.
    pub fn print_report(
        &self,
        kind: kaidan_core::report::ReportKind,
        query: &crate::ReportQuery,
        today: &str,
        paper: Option<&str>,
        save: bool,
    ) -> Result<PrintedReport, IpcError> {
        let lang = self.lang();
        let (day, paper) = self.report_asked(today, paper)?;
        let printed = self.report(|shop| shop.report_pdf(kind, query, day, lang, paper))?;
        let path = self.report_file(kind, query, day, "pdf", save)?;
        crate::write_bytes_whole(&path, &printed.pdf).map_err(|e| self.report_file_failed(&path, e))?;
        Ok(PrintedReport { path: path.display().to_string(), pages: printed.pages as u32, opened: false, open_error: None })
    }

    /// "Print" of a report: straight to the printer the settings choose for its paper (else the
    /// system's default).
    pub fn print_report_to_printer(
        &self,
        kind: kaidan_core::report::ReportKind,
        query: &crate::ReportQuery,
        today: &str,
        paper: Option<&str>,
    ) -> Result<crate::ReportSent, IpcError> {
        let lang = self.lang();
        let (day, paper) = self.report_asked(today, paper)?;
        self.report(|shop| shop.print_report_to_printer(kind, query, day, lang, paper, None))
    }

    /// The window's local date and the paper asked for a printed report, both checked.
    fn report_asked(&self, today: &str, paper: Option<&str>) -> Result<(chrono::NaiveDate, kaidan_core::Paper), IpcError> {
        let day = self.report_today(today)?;
        Ok((day, crate::report_paper(paper).map_err(|e| IpcError::from_error(&e, self.lang()))?))
    }

    /// The window's local date, checked like any date typed.
    fn report_today(&self, today: &str) -> Result<chrono::NaiveDate, IpcError> {
        kaidan_core::validate::date(kaidan_core::Field::new(kaidan_core::FieldKey::Date), today)
            .map_err(|e| IpcError::from_error(&e, self.lang()))
    }

    fn report_file_failed(&self, path: &std::path::Path, e: std::io::Error) -> IpcError {
        let problem = kaidan_core::Problem::Storage { detail: format!("{}: {e}", path.display()) };
        IpcError::from_error(&Error::new(problem), self.lang())
    }

    /// Where a report's file goes: named for the report and its range (`销售趋势
    /// 2026-03-01–2026-03-31.xlsx`); with `keep` in the PDF folder and never over a file (a
    /// name taken gets " (2)"), else in the temporary print folder.
    fn report_file(
        &self,
        kind: kaidan_core::report::ReportKind,
        query: &crate::ReportQuery,
        day: chrono::NaiveDate,
        ext: &str,
        keep: bool,
    ) -> Result<PathBuf, IpcError> {
        use kaidan_core::text::vocab::{capitalized, Word};
        let lang = self.lang();
        let range = query.resolve(day).map_err(|e| IpcError::from_error(&e, lang))?.range;
        let dir = if keep { self.pdf_folder()? } else { crate::print_folder() };
        std::fs::create_dir_all(&dir).map_err(|e| self.report_file_failed(&dir, e))?;
        // the end of day is one day: the range's last
        let dates =
            if kind == kaidan_core::report::ReportKind::Day { range.to.to_string() } else { format!("{}–{}", range.from, range.to) };
        let stem = file_stem(&format!("{} {dates}", capitalized(kind.word(lang))));
        let mut path = dir.join(format!("{stem}.{ext}"));
        let mut n = 2;
        while keep && path.exists() {
            path = dir.join(format!("{stem} ({n}).{ext}"));
            n += 1;
        }
        Ok(path)
    }

    /// The printers installed on this computer, the system's default first.
    pub fn printers(&self) -> Vec<crate::PrinterEntry> {
        crate::printers()
    }

    /// Where "Save as PDF" writes: the folder the settings name, else `Documents/Kaidan` (else
    /// `Kaidan` beside the shop's file, on a system without a Documents folder).
    pub fn pdf_folder(&self) -> Result<PathBuf, IpcError> {
        Ok(match self.settings()?.pdf_dir {
            Some(d) => PathBuf::from(d),
            None => directories::UserDirs::new()
                .and_then(|u| u.document_dir().map(|d| d.to_path_buf()))
                .unwrap_or_else(|| self.db_path.parent().map(|p| p.to_path_buf()).unwrap_or_default())
                .join("Kaidan"),
        })
    }

    /// The window's error for a file or folder the system could not open.
    pub fn open_failed(&self, path: &Path, detail: &str) -> IpcError {
        let p = kaidan_core::Problem::OpenFailed { path: path.display().to_string(), detail: detail.to_string() };
        IpcError::from_error(&Error::new(p), self.lang())
    }

    /// "Back up now": a verified manual backup into the backup folder.
    pub fn backup_now(&self, request_id: Option<String>) -> Result<BackupDone, IpcError> {
        let never = std::sync::atomic::AtomicBool::new(false);
        self.once(request_id, "backup_now", || {
            self.write(None, |shop, ctx| {
                let b = shop.backup(ctx, None, BackupKind::Manual, &mut |_, _| {}, &never)?;
                Ok(BackupDone { file: b.file.display().to_string(), created_at: b.manifest.created_at })
            })
        })
    }

    /// Called from time to time while the window is open: the automatic backup when one is due
    /// (a day old, or work waiting `backup_every_minutes`), so work done just before the shop
    /// goes quiet is backed up too.
    /// Returns whether a backup was made; a failure is recorded (the home screen shows it).
    pub fn backup_if_due(&self) -> bool {
        let ctx = self.ctx(None);
        self.with_shop(|shop| shop.auto_backup(&ctx)).unwrap_or_else(|e| {
            backup_failed(&e);
            false
        })
    }

    /// What the window's timer does every few minutes: the automatic backup when due,
    /// then the weekly full check of the file when due.
    pub fn housekeeping(&self) {
        self.backup_if_due();
        if self.integrity_check_if_due(Utc::now()) == Some(false) {
            eprintln!("kaidan: writes stopped until the shop's file is restored");
        }
    }

    /// The weekly full check of the shop's file (`PRAGMA integrity_check`), when the last one
    /// that passed is a week old or there is none. It reads the file on a connection of its own
    /// without holding the shop, which keeps working meanwhile. A pass is recorded; damage
    /// stops every write (a damaged file is never written to) and the window shows why and
    /// offers the backups. Returns `None` when none was due, else whether the file is intact.
    pub fn integrity_check_if_due(&self, now: chrono::DateTime<Utc>) -> Option<bool> {
        let due = match self.read(|shop| shop.read(|db| db.last_integrity_check())) {
            Ok(Some(last)) => match chrono::DateTime::parse_from_rfc3339(&last) {
                Ok(at) => now.signed_duration_since(at) >= chrono::Duration::days(7),
                Err(_) => true,
            },
            Ok(None) => true,
            // not even that could be read: the file needs looking at now
            Err(e) if e.code == ErrorCode::Damaged => return None,
            Err(_) => true,
        };
        if !due {
            return None;
        }
        let started = std::time::Instant::now();
        let problems = match kaidan_store::integrity_check_in_place(&self.db_path) {
            Ok(p) => p,
            Err(e) => vec![e.message(Lang::En)],
        };
        if problems.is_empty() {
            let millis = started.elapsed().as_millis() as u64;
            // the window's own housekeeping: recorded whoever is (or is not) signed in
            let _ = self.with_shop(|shop| shop.record_integrity_check(now, millis));
            return Some(true);
        }
        eprintln!("kaidan: the shop's file failed its check: {}", problems.join("; "));
        let dir = self.db_path.parent().unwrap_or(Path::new(".")).join("backups");
        let newest = crate::backups_in(&dir)
            .ok()
            .and_then(|v| v.into_iter().find(|b| crate::inspect_backup(&b.file).is_ok()))
            .map(|b| b.file.display().to_string());
        *self.shop.lock().unwrap_or_else(|p| p.into_inner()) =
            Err(Error::new(kaidan_core::Problem::DatabaseDamaged { detail: problems.join("; "), newest_backup: newest }));
        Some(false)
    }

    /// The backup made when the window closes (an automatic one, pruned by the retention
    /// rule). A failure is recorded in the backup log (the home screen shows it next time).
    pub fn backup_on_close(&self) {
        if self.updating() {
            // closing for an update: the update's own backup was made a moment ago
            return;
        }
        let ctx = self.ctx(None);
        let never = std::sync::atomic::AtomicBool::new(false);
        let done = self.with_shop(|shop| {
            if shop.is_initialized()? {
                shop.backup(&ctx, None, BackupKind::Auto, &mut |_, _| {}, &never)?;
            }
            Ok(())
        });
        if let Err(e) = done {
            eprintln!("kaidan: backup on close failed: {}", e.message(Lang::En));
        }
    }

    /// The good backups in the backup folder, newest first.
    pub fn backups(&self) -> Result<Vec<BackupEntry>, IpcError> {
        self.read(|shop| Ok(shop.backups(None)?.into_iter().map(entry).collect()))
    }

    /// When the shop's file cannot be opened: the backups in `backups` beside it that are
    /// intact and match their manifest, newest first (the one place the window can look
    /// without the shop's settings; a backup elsewhere is picked with [`Desk::restore_picked`]).
    pub fn damaged_backups(&self) -> Result<Vec<BackupEntry>, IpcError> {
        let dir = self.db_path.parent().unwrap_or(Path::new(".")).join("backups");
        let found = crate::backups_in(&dir).map_err(|e| IpcError::from_error(&e, self.lang()))?;
        Ok(found.into_iter().filter(|b| crate::inspect_backup(&b.file).is_ok()).map(entry).collect())
    }

    /// Restores one of [`Desk::damaged_backups`] over a shop whose file cannot be opened: the
    /// damaged file is moved aside untouched (`kaidan.db.damaged-<time>`), the backup takes its
    /// place, and the window has its shop again without a restart.
    pub fn restore_damaged(&self, file: &str, request_id: Option<String>) -> Result<RestoreDone, IpcError> {
        self.once(request_id, &format!("restore_damaged {file}"), || self.restore_damaged_now(file, true))
    }

    /// Restores a backup file the user picked in the system's file dialog (a USB stick, another
    /// folder): over the damaged file when the shop cannot be opened, else with a safety copy as
    /// [`Desk::restore`] does. The shell's own dialog names the file, never the window.
    pub fn restore_picked(&self, file: &str, request_id: Option<String>) -> Result<RestoreDone, IpcError> {
        self.once(request_id, &format!("restore_picked {file}"), || {
            let open = self.shop.lock().unwrap_or_else(|p| p.into_inner()).is_ok();
            if open {
                self.restore_now(file, false)
            } else {
                self.restore_damaged_now(file, false)
            }
        })
    }

    fn restore_damaged_now(&self, file: &str, listed: bool) -> Result<RestoreDone, IpcError> {
        let lang = self.lang();
        let fail = |e: Error| IpcError::from_error(&e, lang);
        if listed && !self.damaged_backups()?.iter().any(|b| b.file == file) {
            return Err(fail(Error::new(kaidan_core::Problem::BackupNotListed { file: file.to_string() })));
        }
        let mut guard = self.shop.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_ok() {
            // the shop is open: Settings restores with a safety copy instead
            return Err(fail(Error::new(kaidan_core::Problem::RestoreNotConfirmed)));
        }
        let (shop, aside) = crate::restore_over_damaged(&self.db_path, Path::new(file), Utc::now(), true).map_err(fail)?;
        let check_ok = shop.check(false).map(|r| r.is_ok(true)).unwrap_or(false);
        *guard = Ok(shop);
        self.drop_reader();
        Ok(RestoreDone { restored: file.to_string(), safety_copy: aside.display().to_string(), check_ok })
    }

    /// "Save a copy as…": a verified manual backup into a folder the user names (a USB drive).
    pub fn backup_to(&self, folder: &str, request_id: Option<String>) -> Result<BackupDone, IpcError> {
        let never = std::sync::atomic::AtomicBool::new(false);
        self.once(request_id, &format!("backup_to {folder}"), || {
            self.write(None, |shop, ctx| {
                let b = shop.backup(ctx, Some(Path::new(folder.trim())), BackupKind::Manual, &mut |_, _| {}, &never)?;
                Ok(BackupDone { file: b.file.display().to_string(), created_at: b.manifest.created_at })
            })
        })
    }

    /// Restores one of [`Desk::backups`] (the window names no other file: it has no file
    /// system access of its own). The current data is saved as a safety copy first; the window
    /// shows the restored data at once (the backup is copied into the open database).
    pub fn restore(&self, file: &str, request_id: Option<String>) -> Result<RestoreDone, IpcError> {
        self.once(request_id, &format!("restore {file}"), || self.restore_now(file, true))
    }

    fn restore_now(&self, file: &str, must_be_listed: bool) -> Result<RestoreDone, IpcError> {
        let listed = !must_be_listed || self.backups()?.into_iter().any(|b| b.file == file);
        self.write(None, |shop, ctx| {
            if !listed {
                return Err(Error::new(kaidan_core::Problem::BackupNotListed { file: file.to_string() }));
            }
            let out = shop.restore(ctx, Path::new(file), true, &mut |_, _| {})?;
            // other books, other people: whoever signs in next signs in to the restored shop
            *self.session.lock().unwrap_or_else(|p| p.into_inner()) = None;
            Ok(RestoreDone {
                restored: out.restored.file.display().to_string(),
                safety_copy: out.safety_copy.file.display().to_string(),
                check_ok: out.check_ok,
            })
        })
    }

    pub fn settings(&self) -> Result<Settings, IpcError> {
        self.read(|shop| shop.settings())
    }
}

pub(super) fn entry(b: crate::BackupInfo) -> BackupEntry {
    BackupEntry {
        file: b.file.display().to_string(),
        created_at: b.manifest.created_at,
        kind: b.manifest.kind,
        orders: b.manifest.counts.orders,
        customers: b.manifest.counts.customers,
        products: b.manifest.counts.products,
        last_order_number: b.manifest.last_order_number,
        bytes: b.manifest.bytes,
    }
}
