//! Stock: levels, the movement ledger, receipts, adjustments, stocktakes.

use kaidan_api::core::model::{StockLevel, StockMove};
use kaidan_api::{CountInput, Desk, IpcError};
use tauri::State;

#[tauri::command(async, rename_all = "snake_case")]
pub fn stock_levels(
    desk: State<'_, Desk>,
    sku: Option<String>,
    search: Option<String>,
    low_only: bool,
    after: Option<String>,
    limit: u32,
) -> Result<Vec<StockLevel>, IpcError> {
    desk.read_seen(|shop| match search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(q) => shop.stock_search(q, low_only, after.as_deref(), limit),
        None => shop.stock_levels(sku.as_deref(), low_only, after.as_deref(), limit),
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn stock_moves(desk: State<'_, Desk>, sku: Option<String>, before: Option<String>, limit: u32) -> Result<Vec<StockMove>, IpcError> {
    desk.read_seen(|shop| shop.stock_moves(sku.as_deref(), before.as_deref(), limit))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn receive_stock(
    desk: State<'_, Desk>,
    sku: String,
    qty: String,
    cost: Option<String>,
    note: Option<String>,
    request_id: Option<String>,
) -> Result<StockLevel, IpcError> {
    desk.write_seen(request_id, |shop, ctx| shop.receive_stock(ctx, &sku, &qty, cost.as_deref(), note.as_deref()))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn adjust_stock(
    desk: State<'_, Desk>,
    sku: String,
    change: String,
    reason: String,
    request_id: Option<String>,
) -> Result<StockLevel, IpcError> {
    desk.write_seen(request_id, |shop, ctx| shop.adjust_stock(ctx, &sku, &change, &reason))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn stocktake(
    desk: State<'_, Desk>,
    counts: Vec<CountInput>,
    note: Option<String>,
    request_id: Option<String>,
) -> Result<Vec<StockLevel>, IpcError> {
    desk.write_seen(request_id, |shop, ctx| shop.stocktake(ctx, &counts, note.as_deref()))
}
