//! Reports: the owner's view of the business, for a range the window names.

use kaidan_api::core::report::{
    Collections, CustomersReport, DayLog, DayReport, Fulfilment, Inactive, OrderRow, Overview, ProductsReport, Ranked, ReportKind,
    SalespersonRow, SlowMovers, Trend,
};
use kaidan_api::core::{validate, Field, FieldKey};
use kaidan_api::{Desk, IpcError, PrintedReport, ReportQuery, ReportSent, SavedReport};
use tauri::State;

// `today` is the window's local date, checked like any date typed

/// "Export to Excel": the report, every row, into the PDF folder.
#[tauri::command(async, rename_all = "snake_case")]
pub fn export_report(desk: State<'_, Desk>, kind: ReportKind, query: ReportQuery, today: String) -> Result<SavedReport, IpcError> {
    desk.export_report(kind, &query, &today)
}

/// "Save as PDF" (`save`) and the print preview: the report on `paper` (A4, or a till roll for
/// the day's close). The preview is opened in the system's PDF viewer, which prints; whether it
/// opened is said truly.
#[tauri::command(async, rename_all = "snake_case")]
pub fn print_report(
    desk: State<'_, Desk>,
    kind: ReportKind,
    query: ReportQuery,
    today: String,
    paper: Option<String>,
    save: bool,
) -> Result<PrintedReport, IpcError> {
    let mut file = desk.print_report(kind, &query, &today, paper.as_deref(), save)?;
    if !save {
        (file.opened, file.open_error) = crate::launch::show(&file.path);
    }
    Ok(file)
}

/// "Print": the report straight to the printer chosen for its paper (else the system's default).
#[tauri::command(async, rename_all = "snake_case")]
pub fn print_report_to_printer(
    desk: State<'_, Desk>,
    kind: ReportKind,
    query: ReportQuery,
    today: String,
    paper: Option<String>,
) -> Result<ReportSent, IpcError> {
    desk.print_report_to_printer(kind, &query, &today, paper.as_deref())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn report_day(desk: State<'_, Desk>, query: ReportQuery, today: String) -> Result<DayReport, IpcError> {
    desk.report(|shop| shop.report_day(&query, validate::date(Field::new(FieldKey::Date), &today)?))
}

/// 今日日志: what was done on `day`, by whom (the owner's, like every report).
#[tauri::command(async, rename_all = "snake_case")]
pub fn day_log(desk: State<'_, Desk>, day: String, who: Option<String>) -> Result<DayLog, IpcError> {
    desk.day_log(&day, who.as_deref())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn report_overview(desk: State<'_, Desk>, query: ReportQuery, today: String) -> Result<Overview, IpcError> {
    desk.report(|shop| shop.report_overview(&query, validate::date(Field::new(FieldKey::Date), &today)?))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn report_trend(desk: State<'_, Desk>, query: ReportQuery, today: String) -> Result<Trend, IpcError> {
    desk.report(|shop| shop.report_trend(&query, validate::date(Field::new(FieldKey::Date), &today)?))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn report_products(desk: State<'_, Desk>, query: ReportQuery, today: String) -> Result<ProductsReport, IpcError> {
    desk.report(|shop| shop.report_products(&query, validate::date(Field::new(FieldKey::Date), &today)?))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn report_customers(desk: State<'_, Desk>, query: ReportQuery, today: String) -> Result<CustomersReport, IpcError> {
    desk.report(|shop| shop.report_customers(&query, validate::date(Field::new(FieldKey::Date), &today)?))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn report_salespeople(desk: State<'_, Desk>, query: ReportQuery, today: String) -> Result<Ranked<SalespersonRow>, IpcError> {
    desk.report(|shop| shop.report_salespeople(&query, validate::date(Field::new(FieldKey::Date), &today)?))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn report_profit(desk: State<'_, Desk>, query: ReportQuery, today: String) -> Result<Ranked<OrderRow>, IpcError> {
    desk.report(|shop| shop.report_profit(&query, validate::date(Field::new(FieldKey::Date), &today)?))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn report_fulfilment(desk: State<'_, Desk>, query: ReportQuery, today: String) -> Result<Fulfilment, IpcError> {
    desk.report(|shop| shop.report_fulfilment(&query, validate::date(Field::new(FieldKey::Date), &today)?))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn report_collections(desk: State<'_, Desk>, query: ReportQuery, today: String) -> Result<Collections, IpcError> {
    desk.report(|shop| shop.report_collections(&query, validate::date(Field::new(FieldKey::Date), &today)?))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn report_slow(desk: State<'_, Desk>, query: ReportQuery, today: String) -> Result<SlowMovers, IpcError> {
    desk.report(|shop| shop.report_slow(&query, validate::date(Field::new(FieldKey::Date), &today)?))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn report_inactive(desk: State<'_, Desk>, query: ReportQuery, today: String) -> Result<Inactive, IpcError> {
    desk.report(|shop| shop.report_inactive(&query, validate::date(Field::new(FieldKey::Date), &today)?))
}
