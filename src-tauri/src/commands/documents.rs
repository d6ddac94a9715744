//! Invoices and printing. A print or preview is opened in the system's PDF viewer (which
//! prints); "Save as PDF" stays in Documents/Kaidan. `KAIDAN_NO_OPEN=1` (the end-to-end tests)
//! writes the file without opening a viewer.

use kaidan_api::core::model::{Invoice, InvoiceSummary};
use kaidan_api::{Desk, DocLineInput, IpcError, PrintRequest, PrintedFile};
use tauri::State;

#[tauri::command(async, rename_all = "snake_case")]
pub fn invoices_of_order(desk: State<'_, Desk>, order: String) -> Result<Vec<InvoiceSummary>, IpcError> {
    desk.read(|shop| shop.invoices_of_order(&order))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn issue_invoice(
    desk: State<'_, Desk>,
    order: String,
    lines: Option<Vec<DocLineInput>>,
    request_id: Option<String>,
) -> Result<Invoice, IpcError> {
    desk.write(request_id, |shop, ctx| shop.issue_invoice(ctx, &order, lines.as_deref()))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn print_document(
    desk: State<'_, Desk>,
    request: PrintRequest,
    save: bool,
    request_id: Option<String>,
) -> Result<PrintedFile, IpcError> {
    let mut file = desk.print_document(&request, save, request_id)?;
    file.opened = !save && std::env::var_os("KAIDAN_NO_OPEN").is_none() && open::that_detached(&file.path).is_ok();
    Ok(file)
}

/// The logo on document headers (PNG or JPEG, at most 512 KiB), or `None` to remove it.
#[tauri::command(async, rename_all = "snake_case")]
pub fn set_logo(desk: State<'_, Desk>, logo: Option<Vec<u8>>, request_id: Option<String>) -> Result<(), IpcError> {
    desk.write(request_id, |shop, ctx| shop.set_logo(ctx, logo.as_deref()))
}
