//! Kaidan updating itself. The Tauri updater plugin (tauri-plugin-updater: the signed-manifest
//! updater the Tauri project maintains, which checks every package against a minisign public
//! key before it installs it) asks the release's address for `latest.json`, downloads the
//! package and verifies its signature with the public key built into this copy. Both come from
//! the release build (`src-tauri/scripts/updater-config.mjs`); a copy built without them has
//! no updater and says so. [`kaidan_api::Desk`] decides the rest: one look a day, never during
//! an import or in the middle of a write, a verified backup before the installer runs.
//!
//! Generic over the runtime so that `tests/updater.rs` drives the same code with Tauri's mock
//! runtime against a test server on 127.0.0.1.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::SeqCst};
use std::sync::{Arc, Mutex};

use kaidan_api::core::{Error, Lang, Problem};
use kaidan_api::{BackupDone, Desk, InstallFailure, IpcError, UpdateOffer, UpdateProgress};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_updater::{Update, Updater, UpdaterExt};

/// What the window's update commands share: the update on offer, the package downloaded and
/// verified (with the update it was downloaded for), and how far a download is.
#[derive(Default)]
pub struct Updates {
    offer: Mutex<Option<Update>>,
    package: Mutex<Option<(Update, Vec<u8>)>>,
    /// Bytes downloaded, and the package's size once the server said it.
    bytes: Arc<(AtomicU64, AtomicU64)>,
    running: AtomicBool,
    cancelled: AtomicBool,
    download: Mutex<Option<tokio::task::AbortHandle>>,
}

/// Whether this copy was built with the updater's address and key (a release build).
pub fn configured(config: &tauri::Config) -> bool {
    config.plugins.0.contains_key("updater")
}

/// The updater of this copy, as its configuration says, or why there is none.
pub fn updater<R: Runtime>(app: &AppHandle<R>) -> Result<Updater, Error> {
    if !configured(app.config()) {
        return Err(Error::new(Problem::UpdatesOff));
    }
    app.updater_builder().timeout(std::time::Duration::from_secs(30)).build().map_err(|e| Error::new(check_failed(e)))
}

/// Clears `running` however the download ends (an error, a cancel, a panic in the task).
struct Running<'a>(&'a AtomicBool);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.store(false, SeqCst);
    }
}

impl Updates {
    /// Looks for a new version. Unless `asked` (the user pressed "Check for updates"), only
    /// when the daily look is due, and silently: no answer from the server (offline) is no new
    /// offer, said on the console only, and what was on offer stays. An answer is recorded as
    /// the day's look; an update found is kept for [`Updates::download`] and offered again
    /// without asking the server.
    pub async fn look(&self, updater: Result<Updater, Error>, desk: &Desk, asked: bool) -> Result<Option<UpdateOffer>, IpcError> {
        let lang = desk.lang();
        let fail = |e: Error| IpcError::from_error(&e, lang);
        let now = chrono::Utc::now();
        let kept = || self.offer.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(offer);
        if !asked && !desk.update_check_due(now) {
            return Ok(kept());
        }
        let found = match updater {
            Ok(u) => u.check().await.map_err(|e| Error::new(check_failed(e))),
            Err(e) => Err(e),
        };
        match found {
            Ok(found) => {
                desk.update_checked(now);
                let answer = found.as_ref().map(offer);
                *self.offer.lock().unwrap_or_else(|p| p.into_inner()) = found;
                Ok(answer)
            }
            Err(e) if asked => Err(fail(e)),
            Err(e) => {
                eprintln!("kaidan: no update check today: {}", e.message(Lang::En));
                Ok(kept())
            }
        }
    }

    /// Downloads the update on offer and verifies its signature (the plugin's `download`
    /// refuses a package whose signature does not match the key, or one signed for another
    /// version than announced); a refused package is thrown away. Asks first whether the person
    /// at the window may install it. [`Updates::progress`] says how far it is and
    /// [`Updates::cancel`] stops it. The package is kept with the update it was downloaded for.
    pub async fn download(&self, desk: &Desk) -> Result<String, IpcError> {
        let lang = desk.lang();
        let fail = |e: Error| IpcError::from_error(&e, lang);
        desk.may_update()?;
        let Some(update) = self.offer.lock().unwrap_or_else(|p| p.into_inner()).clone() else {
            return Err(fail(Error::new(Problem::UpdateNotReady)));
        };
        if self.running.swap(true, SeqCst) {
            return Err(fail(Error::new(Problem::UpdateDownloading)));
        }
        let _running = Running(&self.running);
        self.cancelled.store(false, SeqCst);
        self.bytes.0.store(0, SeqCst);
        self.bytes.1.store(0, SeqCst);
        *self.package.lock().unwrap_or_else(|p| p.into_inner()) = None;
        // the download runs as a task of its own so that cancelling can stop it mid-stream; the
        // handle is stored before anyone can ask to cancel (the lock is held across the spawn)
        let task = {
            let mut handle = self.download.lock().unwrap_or_else(|p| p.into_inner());
            let (update, counters) = (update.clone(), self.bytes.clone());
            let task = tauri::async_runtime::spawn(async move {
                update
                    .download(
                        |chunk, total| {
                            counters.0.fetch_add(chunk as u64, SeqCst);
                            counters.1.store(total.unwrap_or(0), SeqCst);
                        },
                        || {},
                    )
                    .await
            });
            *handle = Some(task.inner().abort_handle());
            task
        };
        let finished = task.await;
        self.download.lock().unwrap_or_else(|p| p.into_inner()).take();
        // a stop pressed after the last byte still stops: nothing is kept
        if self.cancelled.load(SeqCst) {
            return Err(fail(Error::new(Problem::Cancelled)));
        }
        match finished {
            Ok(Ok(bytes)) => {
                let version = update.version.clone();
                *self.package.lock().unwrap_or_else(|p| p.into_inner()) = Some((update, bytes));
                Ok(version)
            }
            Ok(Err(e)) => Err(fail(Error::new(refused_or_failed(e)))),
            // the task was stopped (the cancel above), or it panicked
            Err(e) => Err(fail(Error::new(match e {
                tauri::Error::JoinError(j) if j.is_cancelled() => Problem::Cancelled,
                other => Problem::UpdateCheckFailed { detail: other.to_string() },
            }))),
        }
    }

    pub fn progress(&self) -> UpdateProgress {
        UpdateProgress { running: self.running.load(SeqCst), done: self.bytes.0.load(SeqCst), total: self.bytes.1.load(SeqCst) }
    }

    /// Stops the download running now; nothing was installed or kept.
    pub fn cancel(&self) {
        if self.running.load(SeqCst) {
            self.cancelled.store(true, SeqCst);
        }
        if let Some(task) = self.download.lock().unwrap_or_else(|p| p.into_inner()).take() {
            task.abort();
        }
    }

    /// Installs the downloaded, verified package once [`Desk::before_update`] has made its
    /// backup. On Windows the installer takes over and Kaidan closes; on macOS and Linux the
    /// caller restarts Kaidan. `install` is the plugin's installer ([`plugin_install`]), or a
    /// test's stand-in that looks at the backup instead of replacing the running program.
    pub fn install(&self, desk: &Desk, install: impl FnOnce(&Update, &[u8]) -> Result<(), InstallFailure>) -> Result<BackupDone, IpcError> {
        let lang = desk.lang();
        if self.running.load(SeqCst) {
            return Err(IpcError::from_error(&Error::new(Problem::UpdateDownloading), lang));
        }
        let package = self.package.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let Some((update, bytes)) = package else {
            return Err(IpcError::from_error(&Error::new(Problem::UpdateNotReady), lang));
        };
        desk.before_update(&update.version, || install(&update, &bytes))
    }
}

/// The installer the product uses: the plugin's (it verifies the package once more).
pub fn plugin_install(update: &Update, package: &[u8]) -> Result<(), InstallFailure> {
    update.install(package).map_err(|e| {
        let program_left = match &e {
            tauri_plugin_updater::Error::PreviousAppNotRestored(path) => Some(path.display().to_string()),
            _ => None,
        };
        InstallFailure { detail: e.to_string(), program_left }
    })
}

fn offer(u: &Update) -> UpdateOffer {
    UpdateOffer {
        version: u.version.clone(),
        current: u.current_version.clone(),
        notes: u.body.clone().filter(|b| !b.trim().is_empty()),
        date: u.raw_json.get("pub_date").and_then(|d| d.as_str()).map(str::to_string),
    }
}

/// A look that failed: no answer (offline, a proxy) is worth trying again later; an answer
/// with nothing this computer can install is not.
fn check_failed(e: tauri_plugin_updater::Error) -> Problem {
    use tauri_plugin_updater::Error as U;
    match e {
        U::Reqwest(_) | U::Network(_) | U::Io(_) | U::Http(_) => Problem::UpdateCheckFailed { detail: e.to_string() },
        other => Problem::UpdateUnavailable { detail: other.to_string() },
    }
}

/// A package whose signature does not hold is refused; anything else is a failed download.
fn refused_or_failed(e: tauri_plugin_updater::Error) -> Problem {
    use tauri_plugin_updater::Error as U;
    match e {
        U::Minisign(_) | U::Base64(_) | U::SignatureUtf8(_) | U::SignedVersionMismatch { .. } | U::MissingSignedVersion => {
            Problem::UpdateRefused { detail: e.to_string() }
        }
        other => Problem::UpdateCheckFailed { detail: other.to_string() },
    }
}

/// Where the app keeps them.
pub fn state<R: Runtime>(app: &AppHandle<R>) -> tauri::State<'_, Updates> {
    app.state::<Updates>()
}
