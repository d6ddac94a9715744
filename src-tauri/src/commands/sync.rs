//! Several counters (docs/SYNC.md): where this counter stands, a sync (the window runs one
//! every few seconds), making the shop's server, and the owner's list of what it noticed.

use kaidan_api::{CounterRegistration, Desk, IpcError, SyncDone, SyncIssue, SyncView};
use tauri::State;

#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_view(desk: State<'_, Desk>) -> Result<SyncView, IpcError> {
    desk.sync_view()
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_now(desk: State<'_, Desk>) -> Result<SyncDone, IpcError> {
    desk.sync_now()
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_make_server(desk: State<'_, Desk>, admin_url: String, code: String) -> Result<SyncView, IpcError> {
    desk.sync_make_server(&admin_url, &code)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_issues(desk: State<'_, Desk>) -> Result<Vec<SyncIssue>, IpcError> {
    desk.sync_issues()
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_join(desk: State<'_, Desk>, url: String) -> Result<SyncView, IpcError> {
    desk.sync_join(&url)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sync_add_counter(desk: State<'_, Desk>, admin_url: String, code: String) -> Result<CounterRegistration, IpcError> {
    desk.sync_add_counter(&admin_url, &code)
}
