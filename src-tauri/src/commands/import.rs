//! Importing old sheets from the window: the file is handed over as bytes, previewed with the
//! mapping the user adjusts, imported with progress and cancel, and undone by batch.

use kaidan_api::{Desk, ImportBatch, ImportOptions, ImportPreview, ImportProgress, ImportResult, IpcError};
use tauri::State;

/// Hands over a file the user picked; returns the token the other commands name it by.
#[tauri::command(async, rename_all = "snake_case")]
pub fn import_upload(desk: State<'_, Desk>, name: String, bytes: Vec<u8>) -> Result<String, IpcError> {
    desk.import_upload(&name, &bytes)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn import_preview(desk: State<'_, Desk>, file: String, options: ImportOptions) -> Result<ImportPreview, IpcError> {
    desk.import_preview(&file, &options)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn import_run(
    desk: State<'_, Desk>,
    file: String,
    options: ImportOptions,
    skip_errors: bool,
    request_id: Option<String>,
) -> Result<ImportResult, IpcError> {
    desk.import_run(&file, &options, skip_errors, request_id)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn import_progress(desk: State<'_, Desk>) -> ImportProgress {
    desk.import_progress()
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn import_cancel(desk: State<'_, Desk>) {
    desk.import_cancel()
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn import_batches(desk: State<'_, Desk>) -> Result<Vec<ImportBatch>, IpcError> {
    desk.read(|shop| shop.import_batches(50))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn undo_import(desk: State<'_, Desk>, batch: String, request_id: Option<String>) -> Result<ImportBatch, IpcError> {
    desk.write(request_id, |shop, ctx| shop.undo_import(ctx, &batch))
}
