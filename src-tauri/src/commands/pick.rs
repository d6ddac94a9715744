//! The system's file and folder dialogs (tauri-plugin-dialog), opened from here so that the
//! window names no file itself: a folder for backups or copies, a backup file to restore.
//! Each dialog is in the system's language; its title comes from the window, in the user's.
//!
//! `KAIDAN_PICK_FILE` (the end-to-end tests, which cannot drive a system dialog): each pick
//! takes the first line of that file instead, and removes it.

use std::path::PathBuf;

use kaidan_api::{Desk, IpcError, RestoreDone};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

fn scripted() -> Option<Option<PathBuf>> {
    let file = std::env::var_os("KAIDAN_PICK_FILE")?;
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let mut lines = text.lines();
    let first = lines.next().map(str::trim).filter(|l| !l.is_empty()).map(PathBuf::from);
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(&file, rest.join("\n"));
    Some(first)
}

/// A folder the user picks; `None` when they cancel.
#[tauri::command(async, rename_all = "snake_case")]
pub fn pick_folder(app: AppHandle, title: String) -> Option<String> {
    let picked = match scripted() {
        Some(p) => p,
        None => app.dialog().file().set_title(title).blocking_pick_folder().and_then(|p| p.into_path().ok()),
    };
    picked.map(|p| p.display().to_string())
}

/// A backup file the user picks, restored (over a damaged file, or with a safety copy of the
/// current data); `None` when they cancel.
#[tauri::command(async, rename_all = "snake_case")]
pub fn restore_pick(
    app: AppHandle,
    desk: State<'_, Desk>,
    title: String,
    filter: String,
    request_id: Option<String>,
) -> Result<Option<RestoreDone>, IpcError> {
    let picked = match scripted() {
        Some(p) => p,
        None => app.dialog().file().set_title(title).add_filter(filter, &["db"]).blocking_pick_file().and_then(|p| p.into_path().ok()),
    };
    match picked {
        Some(p) => desk.restore_picked(&p.display().to_string(), request_id).map(Some),
        None => Ok(None),
    }
}
