//! Who is at the counter: sign-in, locking, an owner's approval on the spot, the operators.

use kaidan_api::core::model::Operator;
use kaidan_api::core::{Action, Role};
use kaidan_api::{AtCounter, Desk, IpcError};
use tauri::State;

#[tauri::command(async, rename_all = "snake_case")]
pub fn at_counter(desk: State<'_, Desk>) -> Result<AtCounter, IpcError> {
    desk.at_counter()
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sign_in(desk: State<'_, Desk>, name: String, pin: Option<String>) -> Result<AtCounter, IpcError> {
    desk.sign_in(&name, pin.as_deref())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn sign_out(desk: State<'_, Desk>) -> Result<AtCounter, IpcError> {
    desk.sign_out()
}

/// The owner's PIN for the next action, the one the shop refused (checked when it runs).
#[tauri::command(async, rename_all = "snake_case")]
pub fn approve_next(desk: State<'_, Desk>, owner: String, pin: String, action: Action) {
    desk.approve_next(&owner, &pin, action)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn operators(desk: State<'_, Desk>) -> Result<Vec<Operator>, IpcError> {
    desk.operators()
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn add_operator(
    desk: State<'_, Desk>,
    name: String,
    role: Role,
    pin: Option<String>,
    request_id: Option<String>,
) -> Result<Operator, IpcError> {
    desk.add_operator(&name, role, pin.as_deref(), request_id)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn rename_operator(desk: State<'_, Desk>, name: String, new_name: String, request_id: Option<String>) -> Result<Operator, IpcError> {
    desk.rename_operator(&name, &new_name, request_id)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn set_operator_pin(
    desk: State<'_, Desk>,
    name: String,
    pin: Option<String>,
    request_id: Option<String>,
) -> Result<Operator, IpcError> {
    desk.set_operator_pin(&name, pin.as_deref(), request_id)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn set_operator_active(desk: State<'_, Desk>, name: String, active: bool, request_id: Option<String>) -> Result<Operator, IpcError> {
    desk.set_operator_active(&name, active, request_id)
}
