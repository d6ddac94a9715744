//! Kaidan updating itself (see `crate::updates`): look, download with progress, install.

use kaidan_api::{BackupDone, Desk, IpcError, UpdateOffer, UpdateProgress};
use tauri::{AppHandle, State};

use crate::updates::{self, Updates};

/// Looks for a new version: when `asked` (the user pressed the button) now, with a message if
/// the server cannot be reached; otherwise once a day and silently.
#[tauri::command(async, rename_all = "snake_case")]
pub async fn update_check(
    app: AppHandle,
    desk: State<'_, Desk>,
    updates: State<'_, Updates>,
    asked: bool,
) -> Result<Option<UpdateOffer>, IpcError> {
    updates.look(updates::updater(&app), &desk, asked).await
}

/// Downloads the update on offer and verifies its signature; answers its version.
#[tauri::command(async, rename_all = "snake_case")]
pub async fn update_download(desk: State<'_, Desk>, updates: State<'_, Updates>) -> Result<String, IpcError> {
    updates.download(&desk).await
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn update_progress(updates: State<'_, Updates>) -> UpdateProgress {
    updates.progress()
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn update_cancel(updates: State<'_, Updates>) {
    updates.cancel()
}

/// The backup, then the installer; then Kaidan restarts into the new version (on Windows the
/// installer closes it and starts it again itself).
#[tauri::command(async, rename_all = "snake_case")]
pub fn update_install(app: AppHandle, desk: State<'_, Desk>, updates: State<'_, Updates>) -> Result<BackupDone, IpcError> {
    let done = updates.install(&desk, updates::plugin_install)?;
    // the answer reaches the window (it says "restarting") before the restart
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(1500));
        app.restart();
    });
    Ok(done)
}
