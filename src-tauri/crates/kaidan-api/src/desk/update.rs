//! The window's side of Kaidan updating itself. The shell finds, downloads and verifies a new
//! version with the Tauri updater plugin; this decides when it may look (once a day,
//! [`kaidan_core::update::check_due`]) and what happens before the installer runs: no import
//! under way, no write in the middle, and a verified backup of the shop beside its file (where
//! the restore screen looks if the new version cannot open it).

use std::sync::atomic::Ordering::SeqCst;

use super::*;

/// The file beside the shop's database that remembers the last look for a new version: the
/// program's business, not the shop's (a restored backup must not change it).
const CHECKED_FILE: &str = "update-checked-at.txt";

/// A new version the update server offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct UpdateOffer {
    /// The version on offer (`0.2.0`).
    pub version: String,
    /// The version running now.
    pub current: String,
    /// What changed, as the release wrote it.
    pub notes: Option<String>,
    /// When it was published (RFC 3339), if the server said.
    pub date: Option<String>,
}

/// How far the download of an update is (bytes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct UpdateProgress {
    pub running: bool,
    pub done: u64,
    /// `0` until the server said how big the package is.
    pub total: u64,
}

impl Desk {
    fn checked_file(&self) -> PathBuf {
        self.db_path.parent().unwrap_or(Path::new(".")).join(CHECKED_FILE)
    }

    /// Whether the daily look for a new version is due (a file that cannot be read counts as
    /// never looked).
    pub fn update_check_due(&self, now: chrono::DateTime<Utc>) -> bool {
        let last = std::fs::read_to_string(self.checked_file())
            .ok()
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s.trim()).ok())
            .map(|t| t.with_timezone(&Utc));
        kaidan_core::update::check_due(last, now)
    }

    /// Records that the update server answered at `now` (an update or none). A look that
    /// did not reach the server is not recorded: the next start tries again.
    pub fn update_checked(&self, now: chrono::DateTime<Utc>) {
        if let Err(e) = crate::write_bytes_whole(&self.checked_file(), now.to_rfc3339().as_bytes()) {
            eprintln!("kaidan: could not record the update check: {e}");
        }
    }

    /// Whether an update is being installed (writes are refused until the restart).
    pub fn updating(&self) -> bool {
        self.updating.load(SeqCst)
    }

    /// Whether the person at this window may install an update (the owner's call, as the
    /// settings are): asked before the download, so that nobody downloads what they may not install.
    pub fn may_update(&self) -> Result<(), IpcError> {
        let ctx = self.ctx(None);
        self.with_shop(|shop| self.may_update_in(shop, &ctx)).map_err(|e| IpcError::from_error(&e, self.lang()))
    }

    /// The rule of [`Desk::may_update`], for a shop already held.
    fn may_update_in(&self, shop: &mut Shop, ctx: &Ctx) -> Result<(), Error> {
        self.signed_in_if_asked(shop)?;
        if shop.is_initialized()? {
            shop.authorize(ctx, kaidan_core::Action::ChangeSettings)?;
        }
        Ok(())
    }

    /// What comes before a new version installs, then `install` itself: refused while an import
    /// runs, and for someone who may not change the settings; then, with the shop held so that
    /// no write comes in between, a backup of kind `update` into the `backups` folder beside the
    /// shop's file (made if missing), verified as every backup is, and from then on every write
    /// is refused until the restart. The shop is let go before `install` (the plugin's, with the
    /// package it verified), which may wait on the system asking for a password. If the backup
    /// or the installer fails, nothing was installed and the shop works on. Returns the backup.
    /// Another program on the same file (the `kaidan` command line) is not held by this.
    pub fn before_update(&self, version: &str, install: impl FnOnce() -> Result<(), InstallFailure>) -> Result<BackupDone, IpcError> {
        let lang = self.lang();
        let fail = |e: Error| IpcError::from_error(&e, lang);
        if self.updating() {
            // a second click: the first is installing
            return Err(fail(Error::new(kaidan_core::Problem::UpdateRestarting)));
        }
        if self.import_running.load(SeqCst) {
            return Err(fail(Error::new(kaidan_core::Problem::UpdateBusy)));
        }
        let ctx = Ctx { approval: self.take_approval(None), ..self.ctx(None) };
        let never = std::sync::atomic::AtomicBool::new(false);
        let dir = self.db_path.parent().unwrap_or(Path::new(".")).join("backups");
        let done = self
            .with_shop(|shop| {
                if self.updating() {
                    return Err(Error::new(kaidan_core::Problem::UpdateRestarting));
                }
                self.may_update_in(shop, &ctx)?;
                // an import that asked for the shop just before this took it has finished now
                std::fs::create_dir_all(&dir).map_err(|e| {
                    Error::new(kaidan_core::Problem::BackupWriteFailed { folder: dir.display().to_string(), detail: e.to_string() })
                })?;
                let b = shop.backup(&ctx, Some(&dir), BackupKind::Update, &mut |_, _| {}, &never)?;
                // from here every write is refused: it would be missing from this backup
                self.updating.store(true, SeqCst);
                Ok(BackupDone { file: b.file.display().to_string(), created_at: b.manifest.created_at })
            })
            .map_err(fail)?;
        match install() {
            Ok(()) => {
                eprintln!("kaidan: version {version} installed; the backup made before it is {}", done.file);
                Ok(done)
            }
            Err(f) => {
                self.updating.store(false, SeqCst);
                let p = kaidan_core::Problem::UpdateFailed { detail: f.detail, backup: Some(done.file), program_left: f.program_left };
                Err(fail(Error::new(p)))
            }
        }
    }
}

/// Why the installer did not install, as the shell tells it.
#[derive(Debug, Clone, PartialEq)]
pub struct InstallFailure {
    pub detail: String,
    /// Where the old program was left when the installer could not put it back (macOS).
    pub program_left: Option<String>,
}
