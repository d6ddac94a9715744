//! The app itself: start-up facts, language, first run, settings, company.

use kaidan_api::core::model::Company;
use kaidan_api::core::{Lang, Settings};
use kaidan_api::{AppInfo, BackupDone, BackupEntry, DemoSummary, Desk, HomeView, IpcError, RestoreDone};
use tauri::State;

#[tauri::command(async, rename_all = "snake_case")]
pub fn app_info(desk: State<'_, Desk>) -> AppInfo {
    desk.info()
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn set_language(desk: State<'_, Desk>, lang: Lang) -> AppInfo {
    desk.set_lang(lang)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn init_shop(desk: State<'_, Desk>, shop_name: String, owner_name: String, request_id: Option<String>) -> Result<Company, IpcError> {
    desk.write(request_id, |shop, ctx| shop.init(ctx, &shop_name, &owner_name))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn load_demo(desk: State<'_, Desk>, orders: usize, request_id: Option<String>) -> Result<DemoSummary, IpcError> {
    desk.write(request_id, |shop, ctx| shop.demo(ctx, orders))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn home(desk: State<'_, Desk>, today: String) -> Result<HomeView, IpcError> {
    desk.read_seen(|shop| shop.home(&today, 50))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn settings(desk: State<'_, Desk>) -> Result<Settings, IpcError> {
    desk.settings()
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn set_setting(desk: State<'_, Desk>, key: String, value: String, request_id: Option<String>) -> Result<Settings, IpcError> {
    desk.write(request_id, |shop, ctx| shop.set_setting(ctx, &key, &value))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn update_company(desk: State<'_, Desk>, company: Company, request_id: Option<String>) -> Result<Company, IpcError> {
    desk.write(request_id, |shop, ctx| shop.update_company(ctx, &company))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn backup_now(desk: State<'_, Desk>, request_id: Option<String>) -> Result<BackupDone, IpcError> {
    desk.backup_now(request_id)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn backups(desk: State<'_, Desk>) -> Result<Vec<BackupEntry>, IpcError> {
    desk.backups()
}

/// Restores one of the listed backups (the current data is saved as a safety copy first).
#[tauri::command(async, rename_all = "snake_case")]
pub fn restore_backup(desk: State<'_, Desk>, file: String, request_id: Option<String>) -> Result<RestoreDone, IpcError> {
    desk.restore(&file, request_id)
}

/// When the shop's file cannot be opened: the intact backups beside it.
#[tauri::command(async, rename_all = "snake_case")]
pub fn damaged_backups(desk: State<'_, Desk>) -> Result<Vec<BackupEntry>, IpcError> {
    desk.damaged_backups()
}

/// Restores one of those over the damaged file (moved aside untouched).
#[tauri::command(async, rename_all = "snake_case")]
pub fn restore_damaged(desk: State<'_, Desk>, file: String, request_id: Option<String>) -> Result<RestoreDone, IpcError> {
    desk.restore_damaged(&file, request_id)
}

/// "Save a copy as…": a verified backup into a folder the user names.
#[tauri::command(async, rename_all = "snake_case")]
pub fn backup_to(desk: State<'_, Desk>, folder: String, request_id: Option<String>) -> Result<BackupDone, IpcError> {
    desk.backup_to(&folder, request_id)
}
