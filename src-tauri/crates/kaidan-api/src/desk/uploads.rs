//! Files handed over for importing: kept in the window's own folder, previewed, imported with
//! progress and cancel; old windows' folders swept away.

use super::*;

impl Desk {
    /// A file the user picked in the window, handed over as bytes: kept in a folder of this
    /// window's own under the system's temporary folder, with its name (the import records it).
    /// Returns the token to name it by.
    pub fn import_upload(&self, name: &str, bytes: &[u8]) -> Result<String, IpcError> {
        let lang = self.lang();
        let fail = |detail: String| IpcError::from_error(&Error::new(kaidan_core::Problem::ImportFile { detail }), lang);
        let base = Path::new(name).file_name().map(|n| file_stem(&n.to_string_lossy())).unwrap_or_else(|| "sheet".into());
        let dir = self.uploads.join(kaidan_store::new_id(Utc::now()));
        std::fs::create_dir_all(&dir).map_err(|e| fail(e.to_string()))?;
        let path = dir.join(base);
        crate::write_bytes_whole(&path, bytes).map_err(|e| fail(e.to_string()))?;
        Ok(path.display().to_string())
    }

    /// A handed-over file by its token; nothing outside the window's own folder.
    fn uploaded(&self, token: &str) -> Result<PathBuf, IpcError> {
        let path = PathBuf::from(token);
        if path.starts_with(&self.uploads) && path.is_file() && !token.contains("..") {
            Ok(path)
        } else {
            Err(IpcError::from_error(&Error::new(kaidan_core::Problem::UploadGone), self.lang()))
        }
    }

    /// `opts` with the file paired with the sheet (Taobao's order report with its item report)
    /// named by its path: the window names it by its token, handed over like the sheet.
    fn paired(&self, opts: &crate::ImportOptions) -> Result<crate::ImportOptions, IpcError> {
        let mut opts = opts.clone();
        if let Some(token) = opts.paired_file.take().filter(|t| !t.is_empty()) {
            opts.paired_file = Some(self.uploaded(&token)?.display().to_string());
        }
        Ok(opts)
    }

    /// The wizard's preview of a handed-over file.
    pub fn import_preview(&self, token: &str, opts: &crate::ImportOptions) -> Result<crate::ImportPreview, IpcError> {
        let path = self.uploaded(token)?;
        let opts = &self.paired(opts)?;
        let lang = self.lang();
        self.read(|shop| shop.import_preview(&path, opts, lang))
    }

    /// Imports a handed-over file in one transaction; [`Desk::import_progress`] tells how far
    /// it is and [`Desk::import_cancel`] stops it (nothing is written then).
    pub fn import_run(
        &self,
        token: &str,
        opts: &crate::ImportOptions,
        skip_errors: bool,
        request_id: Option<String>,
    ) -> Result<crate::ImportResult, IpcError> {
        use std::sync::atomic::Ordering::Relaxed;
        let path = self.uploaded(token)?;
        let opts = &self.paired(opts)?;
        self.import_cancel.store(false, Relaxed);
        self.import_done.store(0, Relaxed);
        self.import_total.store(0, Relaxed);
        self.import_running.store(true, Relaxed);
        let out = self.write(request_id, |shop, ctx| {
            shop.import_orders(
                ctx,
                &path,
                opts,
                skip_errors,
                &mut |done, total| {
                    self.import_done.store(done, Relaxed);
                    self.import_total.store(total, Relaxed);
                },
                &self.import_cancel,
            )
        });
        self.import_running.store(false, Relaxed);
        out
    }

    pub fn import_progress(&self) -> crate::ImportProgress {
        use std::sync::atomic::Ordering::Relaxed;
        crate::ImportProgress {
            running: self.import_running.load(Relaxed),
            done: self.import_done.load(Relaxed) as u32,
            total: self.import_total.load(Relaxed) as u32,
        }
    }

    /// Asks the import running now to stop; it rolls back whole.
    pub fn import_cancel(&self) {
        self.import_cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Files handed to the import wizard by windows that are gone: their folders are removed a day
/// after they were last written (a window still open keeps its own, being newer or in use).
pub(super) fn sweep_old_uploads(temp: &Path, age: std::time::Duration) {
    let Ok(entries) = std::fs::read_dir(temp) else { return };
    for e in entries.flatten() {
        let old = e.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok()).is_some_and(|a| a > age);
        if old && e.file_name().to_string_lossy().starts_with("kaidan-import-") && e.path().is_dir() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_keep_chinese_and_drop_what_windows_refuses() {
        assert_eq!(super::file_stem("王喆五金店 2026-11-01–2026-11-30"), "王喆五金店 2026-11-01–2026-11-30");
        assert_eq!(super::file_stem("A/B: C*D?\"<E>|F\u{7}."), "A_B_ C_D___E__F_");
        assert_eq!(super::file_stem(" . "), "kaidan");
    }

    #[test]
    fn old_upload_folders_are_swept_and_nothing_else() {
        let temp = std::env::temp_dir().join(format!("kaidan-sweep-test-{}", std::process::id()));
        let upload = temp.join("kaidan-import-1234").join("0190");
        let other = temp.join("someone-else");
        std::fs::create_dir_all(&upload).unwrap();
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(upload.join("旧 订单.xlsx"), b"x").unwrap();
        super::sweep_old_uploads(&temp, std::time::Duration::from_secs(3600));
        assert!(upload.exists(), "a fresh upload stays");
        std::thread::sleep(std::time::Duration::from_millis(20));
        super::sweep_old_uploads(&temp, std::time::Duration::from_millis(1));
        assert!(!temp.join("kaidan-import-1234").exists());
        assert!(other.exists(), "only Kaidan's upload folders go");
        std::fs::remove_dir_all(&temp).unwrap();
    }
}
