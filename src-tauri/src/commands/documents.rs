//! Invoices and printing. A print or preview is opened in the system's PDF viewer (which
//! prints); "Save as PDF" stays in Documents/Kaidan. Whether the viewer opened is said truly
//! ([`crate::launch`]); when it did not, the window says why, names the file and offers its
//! folder. `KAIDAN_NO_OPEN=1` (the end-to-end tests) writes the file without opening a viewer.

use kaidan_api::core::model::{Invoice, InvoiceSummary};
use kaidan_api::{Desk, DocLineInput, IpcError, PrintRequest, PrintedFile, PrinterEntry, SentToPrinter};
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
    if !save {
        (file.opened, file.open_error) = crate::launch::show(&file.path);
    }
    Ok(file)
}

/// "Save as picture": the document as a PNG in the PDF folder, to send in WeChat.
#[tauri::command(async, rename_all = "snake_case")]
pub fn save_picture(desk: State<'_, Desk>, request: PrintRequest) -> Result<PrintedFile, IpcError> {
    desk.save_picture(&request)
}

/// "Copy as picture": the document as one picture on the system's clipboard, to paste into a
/// WeChat chat. Says which document it copied; a clipboard that refuses is an error.
#[tauri::command(async, rename_all = "snake_case")]
pub fn copy_picture(app: tauri::AppHandle, desk: State<'_, Desk>, request: PrintRequest) -> Result<kaidan_api::Printed, IpcError> {
    use tauri_plugin_clipboard_manager::ClipboardExt;
    let (printed, picture) = desk.picture(&request)?;
    let rgba: Vec<u8> = picture.rgb.chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect();
    let image = tauri::image::Image::new_owned(rgba, picture.width, picture.height);
    app.clipboard().write_image(&image).map_err(|e| {
        let problem = kaidan_api::core::Problem::PrintFailed { detail: format!("clipboard: {e}") };
        IpcError::from_error(&kaidan_api::core::Error::new(problem), desk.lang())
    })?;
    Ok(printed)
}

/// "Print": the PDF straight to the printer chosen for its paper (else the system's default),
/// `copies` times, with no viewer.
#[tauri::command(async, rename_all = "snake_case")]
pub fn print_to_printer(
    desk: State<'_, Desk>,
    request: PrintRequest,
    copies: u32,
    request_id: Option<String>,
) -> Result<SentToPrinter, IpcError> {
    desk.print_to_printer(&request, copies, request_id)
}

/// The printers installed on this computer, the system's default first.
#[tauri::command(async, rename_all = "snake_case")]
pub fn printers(desk: State<'_, Desk>) -> Vec<PrinterEntry> {
    desk.printers()
}

/// Where "Save as PDF" writes (the setting, else Documents/Kaidan).
#[tauri::command(async, rename_all = "snake_case")]
pub fn pdf_folder(desk: State<'_, Desk>) -> Result<String, IpcError> {
    Ok(desk.pdf_folder()?.display().to_string())
}

/// Opens the folder that holds `path` (a printed or saved PDF, a backup) in Explorer, Finder
/// or the file manager; an error says why it could not.
#[tauri::command(async, rename_all = "snake_case")]
pub fn open_folder(desk: State<'_, Desk>, path: String) -> Result<(), IpcError> {
    let p = std::path::Path::new(&path);
    let folder = if p.is_dir() { p } else { p.parent().unwrap_or(p) };
    crate::launch::open(folder).map_err(|detail| desk.open_failed(folder, &detail))
}

/// The logo on document headers (PNG or JPEG, at most 512 KiB), or `None` to remove it.
#[tauri::command(async, rename_all = "snake_case")]
pub fn set_logo(desk: State<'_, Desk>, logo: Option<Vec<u8>>, request_id: Option<String>) -> Result<(), IpcError> {
    desk.write(request_id, |shop, ctx| shop.set_logo(ctx, logo.as_deref()))
}
