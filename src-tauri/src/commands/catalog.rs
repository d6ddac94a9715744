//! Products and customers.

use kaidan_api::core::model::{Customer, LogEntry, Product};
use kaidan_api::{CustomerCredit, CustomerInput, Desk, IpcError, ProductInput};
use tauri::State;

#[tauri::command(async, rename_all = "snake_case")]
pub fn products(desk: State<'_, Desk>, search: Option<String>, after: Option<String>, limit: u32) -> Result<Vec<Product>, IpcError> {
    desk.read_seen(|shop| shop.products(search.as_deref(), after.as_deref(), limit))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn product(desk: State<'_, Desk>, key: String) -> Result<Product, IpcError> {
    desk.read_seen(|shop| shop.product(&key))
}

/// Adds a product, or updates the one `key` names.
#[tauri::command(async, rename_all = "snake_case")]
pub fn save_product(
    desk: State<'_, Desk>,
    key: Option<String>,
    input: ProductInput,
    request_id: Option<String>,
) -> Result<Product, IpcError> {
    desk.write_seen(request_id, |shop, ctx| match &key {
        Some(k) => shop.update_product(ctx, k, &input),
        None => shop.add_product(ctx, &input),
    })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn customer_balances(desk: State<'_, Desk>, ids: Vec<String>) -> Result<Vec<kaidan_api::core::model::CustomerBalance>, IpcError> {
    desk.read(|shop| shop.customer_balances(&ids))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn customers(desk: State<'_, Desk>, search: Option<String>, after: Option<String>, limit: u32) -> Result<Vec<Customer>, IpcError> {
    desk.read(|shop| shop.customers(search.as_deref(), after.as_deref(), limit))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn customer(desk: State<'_, Desk>, key: String) -> Result<CustomerCredit, IpcError> {
    desk.read(|shop| shop.customer_with_credit(&key))
}

/// The customer's history, the newest first, each entry with who did it.
#[tauri::command(async, rename_all = "snake_case")]
pub fn customer_log(desk: State<'_, Desk>, key: String, limit: u32) -> Result<Vec<LogEntry>, IpcError> {
    let lang = desk.lang();
    desk.read(|shop| shop.customer_log(&key, limit, lang))
}

/// Adds a customer, or updates the one `key` names.
#[tauri::command(async, rename_all = "snake_case")]
pub fn save_customer(
    desk: State<'_, Desk>,
    key: Option<String>,
    input: CustomerInput,
    request_id: Option<String>,
) -> Result<Customer, IpcError> {
    desk.write(request_id, |shop, ctx| match &key {
        Some(k) => shop.update_customer(ctx, k, &input),
        None => shop.add_customer(ctx, &input),
    })
}
