//! Export: orders, lines, customers, products and stock movements to .xlsx or CSV (UTF-8 with
//! a BOM for Excel, or GBK). Text that a spreadsheet would run as a formula (starting with
//! `=`, `+`, `-`, `@`, a tab or a carriage return) is neutralised with a leading apostrophe.
//! Written whole (`write_whole`: a temporary file beside it, then a rename): never a half-written
//! file under the real name.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use kaidan_core::model::Page;
use kaidan_core::{Error, Problem};
use kaidan_store::{Db, OrderFilter};
use serde::{Deserialize, Serialize};

use crate::Shop;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    Orders,
    Lines,
    Customers,
    Products,
    Moves,
}

impl ExportKind {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "orders" => Self::Orders,
            "lines" => Self::Lines,
            "customers" => Self::Customers,
            "products" => Self::Products,
            "moves" => Self::Moves,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Xlsx,
    /// CSV, UTF-8 with a BOM (Excel opens it correctly).
    CsvUtf8,
    /// CSV in GBK, for old Excel and other Chinese tools.
    CsvGbk,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportResult {
    pub file: PathBuf,
    pub rows: usize,
}

/// A cell to write: text, or a decimal number kept as text until the file needs it.
enum V {
    T(String),
    N(String),
}

/// Text a spreadsheet would take for a formula gets a leading apostrophe.
pub fn neutralise(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn t(s: impl Into<String>) -> V {
    V::T(s.into())
}
fn n(s: impl ToString) -> V {
    V::N(s.to_string())
}
fn o(s: &Option<String>) -> V {
    V::T(s.clone().unwrap_or_default())
}

/// The columns that carry costs: a file made for a reader who may not see costs has none of
/// them ([`kaidan_core::model::HasCosts`]).
const COST_COLUMNS: [&str; 2] = ["cost", "unit_cost"];

fn header(kind: ExportKind) -> &'static [&'static str] {
    match kind {
        ExportKind::Orders => &["number", "status", "customer", "channel", "order_date", "deliver_by", "total", "created_at"],
        ExportKind::Lines => &[
            "order",
            "line_no",
            "sku",
            "name",
            "spec",
            "unit",
            "qty",
            "delivered_qty",
            "unit_price",
            "discount",
            "tax_rate",
            "amount",
            "tax",
            "total",
        ],
        ExportKind::Customers => {
            &["name", "contact_person", "phones", "address", "region", "credit_limit", "payment_terms_days", "notes", "email"]
        }
        ExportKind::Products => &["sku", "barcode", "name", "spec", "unit", "price", "cost", "tax_rate", "reorder_point", "active"],
        ExportKind::Moves => &["time", "sku", "qty", "reason", "document", "unit_cost", "note", "operator"],
    }
}

/// Every item of a list read page by page (`fetch` of the page after a cursor), checking for a
/// cancel between pages.
fn each_page<T>(
    check: &dyn Fn() -> Result<(), Error>,
    mut fetch: impl FnMut(Option<&str>) -> Result<Vec<T>, Error>,
    key: impl Fn(&T) -> String,
    mut each: impl FnMut(&T),
) -> Result<(), Error> {
    let mut after: Option<String> = None;
    loop {
        check()?;
        let page = Page::of(fetch(after.as_deref())?, PAGE, &key);
        page.items.iter().for_each(&mut each);
        match page.next_cursor {
            Some(c) => after = Some(c),
            None => return Ok(()),
        }
    }
}

/// How many records an export reads at a time.
const PAGE: u32 = 1000;

/// Calls `row` for every record of `kind`, page by page.
fn each_row(db: &Db, kind: ExportKind, cancel: &AtomicBool, row: &mut dyn FnMut(Vec<V>)) -> Result<(), Error> {
    let check = || if cancel.load(Ordering::Relaxed) { Err(Error::new(Problem::Cancelled)) } else { Ok(()) };
    match kind {
        ExportKind::Orders | ExportKind::Lines => {
            let mut before = None;
            loop {
                check()?;
                let (items, next) = db.orders(&OrderFilter { before, limit: 500, ..Default::default() })?;
                for s in &items {
                    if kind == ExportKind::Orders {
                        row(vec![
                            t(&s.number),
                            t(s.status.as_str()),
                            t(&s.customer),
                            t(s.channel.as_str()),
                            t(&s.order_date),
                            o(&s.deliver_by),
                            n(s.total),
                            t(&s.created_at),
                        ]);
                    } else {
                        for l in db.load_order(&s.number)?.lines {
                            row(vec![
                                t(&s.number),
                                n(l.line_no),
                                t(l.sku),
                                t(l.name),
                                o(&l.spec),
                                t(l.unit),
                                n(l.qty),
                                n(l.delivered),
                                n(l.unit_price),
                                n(l.discount),
                                n(l.tax_rate),
                                n(l.amounts.amount),
                                n(l.amounts.tax),
                                n(l.amounts.total),
                            ]);
                        }
                    }
                }
                match next {
                    Some(c) => before = Some(c),
                    None => break,
                }
            }
        }
        ExportKind::Customers => each_page(
            &check,
            |after| db.customers(None, after, PAGE),
            |c| c.name.clone(),
            |c| {
                row(vec![
                    t(&c.name),
                    o(&c.contact_person),
                    t(c.phones.join(", ")),
                    o(&c.address),
                    o(&c.region),
                    c.credit_limit.map(n).unwrap_or_else(|| t("")),
                    n(c.payment_terms_days),
                    o(&c.notes),
                    o(&c.email),
                ])
            },
        )?,
        ExportKind::Products => each_page(
            &check,
            |after| db.products(None, after, PAGE),
            |p| p.sku.clone(),
            |p| {
                row(vec![
                    t(&p.sku),
                    o(&p.barcode),
                    t(&p.name),
                    o(&p.spec),
                    t(&p.unit),
                    n(p.price),
                    p.cost.map(n).unwrap_or_else(|| t("")),
                    n(p.tax_rate),
                    n(p.reorder_point),
                    t(if p.active { "true" } else { "false" }),
                ])
            },
        )?,
        ExportKind::Moves => each_page(
            &check,
            |before| db.stock_moves(None, before, PAGE),
            |m| m.id.clone(),
            |m| {
                row(vec![
                    t(&m.created_at),
                    t(&m.sku),
                    n(m.qty),
                    t(m.reason.as_str()),
                    o(&m.doc_number),
                    m.unit_cost.map(n).unwrap_or_else(|| t("")),
                    o(&m.note),
                    t(&m.operator),
                ])
            },
        )?,
    }
    Ok(())
}

fn io(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(Problem::Storage { detail: format!("{}: {e}", path.display()) })
}

impl Shop {
    /// Exports one kind of record to `out` (a long job: `cancel` stops it and leaves no file).
    /// The file is written whole ([`crate::write_whole`]). `costs`: whether the reader may see
    /// costs ([`Shop::sees_costs`]); without, the file has no cost columns at all.
    pub fn export(
        &self,
        kind: ExportKind,
        format: ExportFormat,
        out: &Path,
        costs: bool,
        cancel: &AtomicBool,
    ) -> Result<ExportResult, Error> {
        let keep: Vec<bool> = header(kind).iter().map(|h| costs || !COST_COLUMNS.contains(h)).collect();
        let header: Vec<&str> = header(kind).iter().zip(&keep).filter(|(_, k)| **k).map(|(h, _)| *h).collect();
        let rows = self.read(|db| {
            let mut rows: Vec<Vec<V>> = Vec::new();
            each_row(db, kind, cancel, &mut |r| rows.push(r.into_iter().zip(&keep).filter(|(_, k)| **k).map(|(v, _)| v).collect()))?;
            Ok(rows)
        })?;
        let bytes = match format {
            ExportFormat::Xlsx => {
                let mut wb = rust_xlsxwriter::Workbook::new();
                let ws = wb.add_worksheet();
                for (c, h) in header.iter().enumerate() {
                    ws.write_string(0, c as u16, *h).map_err(|e| io(out, e))?;
                }
                for (r, row) in rows.iter().enumerate() {
                    for (c, v) in row.iter().enumerate() {
                        let (r, c) = (r as u32 + 1, c as u16);
                        match v {
                            // a spreadsheet's own number type: the export is for Excel
                            V::N(s) => ws.write_number(r, c, s.parse::<f64>().unwrap_or(0.0)).map(drop),
                            V::T(s) if s.is_empty() => Ok(()),
                            V::T(s) => ws.write_string(r, c, neutralise(s)).map(drop),
                        }
                        .map_err(|e| io(out, e))?;
                    }
                }
                wb.save_to_buffer().map_err(|e| io(out, e))?
            }
            ExportFormat::CsvUtf8 | ExportFormat::CsvGbk => {
                let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
                w.write_record(&header).map_err(|e| io(out, e))?;
                for row in &rows {
                    w.write_record(row.iter().map(|v| match v {
                        V::N(s) => s.clone(),
                        V::T(s) => neutralise(s),
                    }))
                    .map_err(|e| io(out, e))?;
                }
                let text = String::from_utf8(w.into_inner().map_err(|e| io(out, e))?).map_err(|e| io(out, e))?;
                match format {
                    ExportFormat::CsvGbk => encoding_rs::GBK.encode(&text).0.into_owned(),
                    _ => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
                }
            }
        };
        crate::write_bytes_whole(out, &bytes).map_err(|e| io(out, e))?;
        Ok(ExportResult { file: out.to_path_buf(), rows: rows.len() })
    }
}
