//! Orders: the list, one order with its history, and every step of its life.

use kaidan_api::core::model::{AuditEntry, Order, OrderSummary, Page};
use kaidan_api::{ChangeInput, DeliverInput, Delivered, Desk, IpcError, OrderInput, OrderQuery};
use tauri::State;

#[tauri::command(async, rename_all = "snake_case")]
pub fn orders(desk: State<'_, Desk>, query: OrderQuery) -> Result<Page<OrderSummary>, IpcError> {
    desk.read(|shop| shop.orders(&query))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn order(desk: State<'_, Desk>, number: String) -> Result<Order, IpcError> {
    desk.read(|shop| shop.order(&number))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn order_history(desk: State<'_, Desk>, number: String) -> Result<Vec<AuditEntry>, IpcError> {
    desk.read(|shop| shop.order_history(&number))
}

/// Saves a draft, or with `confirm` creates and confirms it in one transaction.
#[tauri::command(async, rename_all = "snake_case")]
pub fn create_order(desk: State<'_, Desk>, input: OrderInput, confirm: bool, request_id: Option<String>) -> Result<Order, IpcError> {
    desk.write(request_id, |shop, ctx| if confirm { shop.create_and_confirm(ctx, &input, false) } else { shop.create_order(ctx, &input) })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn confirm_order(desk: State<'_, Desk>, number: String, request_id: Option<String>) -> Result<Order, IpcError> {
    desk.write(request_id, |shop, ctx| shop.confirm_order(ctx, &number))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn approve_order(desk: State<'_, Desk>, number: String, request_id: Option<String>) -> Result<Order, IpcError> {
    desk.write(request_id, |shop, ctx| shop.approve_order(ctx, &number))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn change_order(desk: State<'_, Desk>, number: String, input: ChangeInput, request_id: Option<String>) -> Result<Order, IpcError> {
    desk.write(request_id, |shop, ctx| shop.change_order(ctx, &number, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn cancel_order(desk: State<'_, Desk>, number: String, reason: String, request_id: Option<String>) -> Result<Order, IpcError> {
    desk.write(request_id, |shop, ctx| shop.cancel_order(ctx, &number, &reason))
}

/// Delivers the given quantities (or everything still open), with money taken at the door and
/// the owner's word for a customer over the credit limit.
#[tauri::command(async, rename_all = "snake_case")]
pub fn deliver(desk: State<'_, Desk>, number: String, input: DeliverInput, request_id: Option<String>) -> Result<Delivered, IpcError> {
    desk.deliver(&number, &input, request_id)
}
