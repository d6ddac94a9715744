//! Orders: the list, one order with its history, and every step of its life.

use kaidan_api::core::model::{AuditEntry, Order, OrderSummary, Page};
use kaidan_api::core::order::Backorder;
use kaidan_api::{ChangeInput, DeliverInput, Delivered, Desk, IpcError, OrderInput, OrderQuery, Sold};
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

/// `backorder: true`: when the shelf is short, what it has is reserved and the rest waits.
fn backorder_of(yes: Option<bool>) -> Backorder {
    if yes == Some(true) {
        Backorder::Yes
    } else {
        Backorder::No
    }
}

/// Saves a draft, or with `confirm` creates and confirms it in one transaction (as a
/// backorder with `backorder`).
#[tauri::command(async, rename_all = "snake_case")]
pub fn create_order(
    desk: State<'_, Desk>,
    input: OrderInput,
    confirm: bool,
    backorder: Option<bool>,
    request_id: Option<String>,
) -> Result<Order, IpcError> {
    desk.write(request_id, |shop, ctx| {
        if confirm {
            shop.create_and_confirm_with(ctx, &input, false, backorder_of(backorder))
        } else {
            shop.create_order(ctx, &input)
        }
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn confirm_order(
    desk: State<'_, Desk>,
    number: String,
    backorder: Option<bool>,
    request_id: Option<String>,
) -> Result<Order, IpcError> {
    desk.write(request_id, |shop, ctx| shop.confirm_order_with(ctx, &number, backorder_of(backorder)))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn approve_order(
    desk: State<'_, Desk>,
    number: String,
    backorder: Option<bool>,
    request_id: Option<String>,
) -> Result<Order, IpcError> {
    desk.write(request_id, |shop, ctx| shop.approve_order_with(ctx, &number, backorder_of(backorder)))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn change_order(desk: State<'_, Desk>, number: String, input: ChangeInput, request_id: Option<String>) -> Result<Order, IpcError> {
    desk.write(request_id, |shop, ctx| shop.change_order(ctx, &number, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn cancel_order(desk: State<'_, Desk>, number: String, reason: String, request_id: Option<String>) -> Result<Order, IpcError> {
    desk.write(request_id, |shop, ctx| shop.cancel_order(ctx, &number, &reason))
}

/// A counter sale (现场开单): created, confirmed and handed over whole in one write, and its
/// receipt printed when the settings ask for that.
#[tauri::command(async, rename_all = "snake_case")]
pub fn sell_order(desk: State<'_, Desk>, input: OrderInput, request_id: Option<String>) -> Result<Sold, IpcError> {
    desk.sell(&input, request_id)
}

/// Delivers the given quantities (or everything still open), with money taken at the door and
/// the owner's word for a customer over the credit limit.
#[tauri::command(async, rename_all = "snake_case")]
pub fn deliver(desk: State<'_, Desk>, number: String, input: DeliverInput, request_id: Option<String>) -> Result<Delivered, IpcError> {
    desk.deliver(&number, &input, request_id)
}
