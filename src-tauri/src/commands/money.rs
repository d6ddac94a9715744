//! Money: receipts, refunds, reversals and matching; the customer's account, statement and
//! aging; returns.

use kaidan_api::core::model::{Account, Aging, Payment, SalesReturn, Statement};
use kaidan_api::core::FieldKey;
use kaidan_api::{day, AllocateInput, AllocateResult, Desk, IpcError, PayInput, ReturnInput};
use tauri::State;

#[tauri::command(async, rename_all = "snake_case")]
pub fn pay(desk: State<'_, Desk>, input: PayInput, request_id: Option<String>) -> Result<Payment, IpcError> {
    desk.write(request_id, |shop, ctx| shop.pay(ctx, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn refund(desk: State<'_, Desk>, input: PayInput, request_id: Option<String>) -> Result<Payment, IpcError> {
    desk.write(request_id, |shop, ctx| shop.refund(ctx, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn reverse_payment(desk: State<'_, Desk>, number: String, reason: String, request_id: Option<String>) -> Result<Payment, IpcError> {
    desk.write(request_id, |shop, ctx| shop.reverse_payment(ctx, &number, &reason))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn allocate(desk: State<'_, Desk>, input: AllocateInput, request_id: Option<String>) -> Result<AllocateResult, IpcError> {
    desk.write(request_id, |shop, ctx| shop.allocate(ctx, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn account(desk: State<'_, Desk>, customer: String, as_of: String) -> Result<Account, IpcError> {
    desk.read(|shop| shop.account(&customer, day(&as_of, FieldKey::Date)?))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn statement(desk: State<'_, Desk>, customer: String, from: String, to: String) -> Result<Statement, IpcError> {
    desk.read(|shop| shop.statement(&customer, day(&from, FieldKey::From)?, day(&to, FieldKey::To)?))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn aging(desk: State<'_, Desk>, as_of: String) -> Result<Aging, IpcError> {
    desk.read(|shop| shop.aging(day(&as_of, FieldKey::Date)?))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn payments_of_order(desk: State<'_, Desk>, order: String) -> Result<Vec<Payment>, IpcError> {
    desk.read(|shop| shop.payments_of_order(&order))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn return_goods(desk: State<'_, Desk>, input: ReturnInput, request_id: Option<String>) -> Result<SalesReturn, IpcError> {
    desk.write(request_id, |shop, ctx| shop.return_goods(ctx, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn returns_of_order(desk: State<'_, Desk>, order: String) -> Result<Vec<SalesReturn>, IpcError> {
    desk.read(|shop| shop.returns_of_order(&order))
}
