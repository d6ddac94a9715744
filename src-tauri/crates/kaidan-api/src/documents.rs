//! Documents: issue invoices and credit notes, and print invoices, credit notes, delivery notes
//! and till receipts.
//!
//! An invoice bills what was delivered and not yet invoiced (or chosen lines, which may run ahead
//! of delivery up to what was ordered); its number is taken from the device's series inside the
//! issuing transaction, so a failed issue gives the number back. A credit note takes back all or
//! part of one invoice and has its own series. Neither is ever changed afterwards.

use chrono::{Datelike, FixedOffset};
use kaidan_core::document::{DocLine, DocParty, DocTotals};
use kaidan_core::model::{Invoice, InvoiceKind, InvoiceLine, InvoiceSummary};
use kaidan_core::order::{qty_issue, Purpose, SalesLine, Want};
use kaidan_core::totals::{line_amounts, LineInput, TaxMode};
use kaidan_core::validate;
use kaidan_core::Action;
use kaidan_core::{AuditAction, AuditEntity, Series};
use kaidan_core::{DocKind, Entity, Error, Field, FieldKey, Money, Paper, PrintDoc, Problem, Qty, Rate, UnitPrice};
use kaidan_store::{Db, InvoiceLineWrite, InvoiceWrite};
use serde::{Deserialize, Serialize};

use crate::{Actor, Ctx, Shop};

/// A line to invoice or credit: a SKU (or barcode) and a quantity.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct DocLineInput {
    pub sku: String,
    pub qty: String,
}

/// What to print.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct PrintRequest {
    /// invoice, credit_note, delivery_note (or delivery), receipt, statement.
    pub kind: String,
    /// The document's number; for a receipt an invoice or an order number; for a statement
    /// the customer.
    pub number: String,
    /// A statement's first and last day, YYYY-MM-DD.
    pub from: Option<String>,
    pub to: Option<String>,
    /// a4, a5, 80mm, 58mm, 241mm (default: the setting for the kind).
    pub paper: Option<String>,
    /// Delivery notes: with prices (default: the setting).
    pub prices: Option<bool>,
    /// A preview is not a print: it is not logged and does not make the next print a copy.
    pub preview: Option<bool>,
}

/// What was printed (the PDF itself travels beside it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Printed {
    pub kind: DocKind,
    pub number: String,
    pub paper: Paper,
    pub pages: u32,
    /// Marked 副本 / COPY: printed before.
    pub copy: bool,
    pub bytes: u32,
    /// What the print queue calls the job: `送货单 DN-2026-000012`.
    pub title: String,
    /// The name a saved file gets (before the system's forbidden characters are replaced):
    /// `送货单 DN-2026-000012 城东装修队`.
    pub name: String,
}

/// A print handed to a printer's queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SentToPrinter {
    pub printed: Printed,
    /// The printer's name in the system's print queue.
    pub printer: String,
    pub copies: u32,
    /// The queue's job number.
    pub job: u32,
}

/// An installed printer, for choosing one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct PrinterEntry {
    /// The printer's name in the system's print queue (what a setting holds).
    pub name: String,
    /// What the system shows (may equal `name`).
    pub label: String,
    pub is_default: bool,
    /// ready, printing, paused, offline or unknown.
    pub state: String,
}

/// The printers installed on this computer, the system's default first.
pub fn printers() -> Vec<PrinterEntry> {
    kaidan_spool::installed()
        .into_iter()
        .map(|p| PrinterEntry {
            state: match p.state {
                kaidan_spool::State::Ready => "ready",
                kaidan_spool::State::Printing => "printing",
                kaidan_spool::State::Paused => "paused",
                kaidan_spool::State::Offline => "offline",
                kaidan_spool::State::Unknown => "unknown",
            }
            .into(),
            name: p.name,
            label: p.label,
            is_default: p.is_default,
        })
        .collect()
}

/// The printer a print goes to: the one asked for (by its queue name or the name the system
/// shows), else the one the settings choose for the paper, else the system's default.
fn choose_printer(asked: Option<&str>, chosen: Option<&str>, paper: Paper) -> Result<String, Error> {
    let installed = kaidan_spool::installed();
    let wanted = asked.map(str::trim).filter(|s| !s.is_empty()).or(chosen);
    let Some(wanted) = wanted else {
        return installed
            .iter()
            .find(|p| p.is_default)
            .map(|p| p.name.clone())
            .ok_or_else(|| Error::at(Problem::NoPrinter { paper: paper.label().into() }, Field::new(FieldKey::Printer)));
    };
    installed
        .iter()
        .find(|p| p.name == wanted)
        .or_else(|| installed.iter().find(|p| p.label == wanted))
        .map(|p| p.name.clone())
        .ok_or_else(|| Error::at(Problem::NoSuchPrinter { printer: wanted.to_string() }, Field::new(FieldKey::Printer)))
}

/// Sends `pdf` to the printer asked (else the one `chosen` in the settings for its paper, else
/// the system's default), `copies` times, by way of a file named `name` in [`print_folder`];
/// `title` names the job in the queue. Returns the printer's name and the queue's job number.
pub(crate) fn spool_pdf(
    name: &str,
    title: &str,
    pdf: &[u8],
    paper: Paper,
    asked: Option<&str>,
    chosen: Option<&str>,
    copies: u32,
) -> Result<(String, u32), Error> {
    let printer = choose_printer(asked, chosen, paper)?;
    let dir = print_folder();
    let fail = |e: std::io::Error, p: &std::path::Path| Error::new(Problem::PrintFailed { detail: format!("{}: {e}", p.display()) });
    std::fs::create_dir_all(&dir).map_err(|e| fail(e, &dir))?;
    // not the preview's name: a preview still open in a viewer is not written over
    let file = dir.join(format!("{}.print.pdf", crate::file_stem(name)));
    crate::write_bytes_whole(&file, pdf).map_err(|e| fail(e, &file))?;
    let job = kaidan_spool::send(&printer, &file, title, copies).map_err(|e| match e {
        kaidan_spool::SpoolError::NotInstalled => {
            Error::at(Problem::NoSuchPrinter { printer: printer.clone() }, Field::new(FieldKey::Printer))
        }
        kaidan_spool::SpoolError::Refused(detail) => Error::new(Problem::PrinterRefused { printer: printer.clone(), detail }),
    })?;
    Ok((printer, job.min(u32::MAX as u64) as u32))
}

/// Where a printed PDF goes on its way to a printer or a viewer: the system's temporary folder.
pub fn print_folder() -> std::path::PathBuf {
    std::env::temp_dir().join("kaidan-print")
}

/// Typed invoice or credit lines, their products resolved (rows counted from 1).
pub(crate) fn parse_lines(db: &Db, inputs: &[DocLineInput]) -> Result<Vec<Want>, Error> {
    let typed = crate::orders::typed_wants(inputs.iter().map(|l| (l.sku.as_str(), l.qty.as_str())))?;
    crate::orders::wants(db, &typed)
}

fn invoice_line(no: u32, l: &SalesLine, qty: Qty, a: kaidan_core::LineAmounts) -> InvoiceLine {
    InvoiceLine {
        line_no: no,
        sku: l.sku.clone(),
        name: l.name.clone(),
        spec: l.spec.clone(),
        unit: l.unit.clone(),
        qty,
        unit_price: l.unit_price,
        discount: l.discount,
        tax_rate: l.tax_rate,
        amount: a.amount,
        tax: a.tax,
        total: a.total,
    }
}

fn sum_totals(lines: &[InvoiceLineWrite]) -> kaidan_core::OrderTotals {
    let mut t = kaidan_core::OrderTotals::default();
    for w in lines {
        t.subtotal += w.line.total - w.line.tax;
        t.tax += w.line.tax;
        t.total += w.line.total;
    }
    t
}

/// Issues an invoice for an order (see [`SalesOrder::invoice`] for what it bills).
pub(crate) fn issue(db: &Db, a: &Actor, number: &str, wanted: Option<&[Want]>) -> Result<Invoice, Error> {
    let o = db.load_order(number)?;
    let parts = o.invoice(wanted)?;
    let out: Vec<InvoiceLineWrite> = parts
        .iter()
        .enumerate()
        .map(|(no, p)| {
            let l = &o.lines[p.line];
            InvoiceLineWrite {
                order_line_id: l.id.clone(),
                credits_line_id: None,
                product_id: l.product_id.clone(),
                line: invoice_line(no as u32 + 1, l, p.qty, p.amounts),
            }
        })
        .collect();
    let customer = db.customer_by_id(&o.customer_id)?;
    let inv_number = db.next_number(&a.stamp, Series::Invoice, a.today.year())?;
    let id = kaidan_store::new_id(a.stamp.at);
    let issue_date = a.today.to_string();
    let due = (a.today + chrono::Days::new(u64::from(customer.payment_terms_days))).to_string();
    db.insert_invoice(
        &a.stamp,
        &InvoiceWrite {
            id: &id,
            number: &inv_number,
            kind: InvoiceKind::Invoice,
            order_id: &o.id,
            customer_id: &o.customer_id,
            credits_id: None,
            issue_date: &issue_date,
            due_date: Some(&due),
            prices_include_tax: o.prices_include_tax,
            totals: sum_totals(&out),
            reason: None,
            return_id: None,
        },
        &out,
    )?;
    // deposits paid on this order move to its invoice, then credit on the customer's account
    crate::money::auto_allocate(db, a, &o.customer_id, Some(&o.id))?;
    let after = serde_json::json!({ "number": inv_number, "order": o.number, "total": sum_totals(&out).total.to_string() });
    written(db, a, (&id, &inv_number), AuditAction::Issue, after)
}

/// An invoice or credit note just written: its audit entry, and the document as read back.
fn written(db: &Db, a: &Actor, (id, number): (&str, &str), action: AuditAction, after: serde_json::Value) -> Result<Invoice, Error> {
    db.audit(&a.stamp, AuditEntity::Invoice, id, action, None, Some(&after))?;
    db.invoice(number)
}

pub(crate) fn credit(
    db: &Db,
    a: &Actor,
    number: &str,
    wanted: Option<&[Want]>,
    reason: Option<&str>,
    return_id: Option<&str>,
) -> Result<Invoice, Error> {
    let head = db.invoice_head(number)?;
    if head.kind != InvoiceKind::Invoice {
        return Err(Problem::NotAnInvoice { number: head.number }.into());
    }
    let lines = db.creditable_lines(&head.id)?;
    let open = |i: usize| lines[i].line.qty - lines[i].credited_qty;
    let on_invoice: Vec<(&str, Qty)> = lines.iter().enumerate().map(|(i, l)| (l.product_id.as_str(), open(i))).collect();
    let plan = kaidan_core::order::plan::plan(Purpose::Credit, &head.number, &on_invoice, wanted)?;
    if plan.is_empty() {
        return Err(Problem::NothingToCredit { number: head.number }.into());
    }
    let m = TaxMode::of(head.prices_include_tax);
    let mut out = Vec::with_capacity(plan.len());
    for (no, t) in plan.iter().enumerate() {
        let (i, q) = (t.line, &t.qty);
        let c = &lines[i];
        let l = &c.line;
        // Crediting the whole rest of a line takes back exactly what is left of its amount.
        let (amount, tax, total) = if *q == open(i) {
            (l.amount - c.credited_amount, l.tax - c.credited_tax, l.total - c.credited_total)
        } else {
            let a = line_amounts(&LineInput { qty: *q, unit_price: l.unit_price, discount: l.discount, tax_rate: l.tax_rate }, m)
                .map_err(qty_issue(no + 1, *q))?;
            (a.amount, a.tax, a.total)
        };
        out.push(InvoiceLineWrite {
            order_line_id: c.order_line_id.clone(),
            credits_line_id: Some(c.id.clone()),
            product_id: c.product_id.clone(),
            line: InvoiceLine { line_no: no as u32 + 1, qty: *q, amount: -amount, tax: -tax, total: -total, ..l.clone() },
        });
    }
    let cn = db.next_number(&a.stamp, Series::CreditNote, a.today.year())?;
    let id = kaidan_store::new_id(a.stamp.at);
    let order_id = head.order_id.clone();
    let issue_date = a.today.to_string();
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    db.insert_invoice(
        &a.stamp,
        &InvoiceWrite {
            id: &id,
            number: &cn,
            kind: InvoiceKind::CreditNote,
            order_id: &order_id,
            customer_id: &head.customer_id,
            credits_id: Some(&head.id),
            issue_date: &issue_date,
            due_date: None,
            prices_include_tax: head.prices_include_tax,
            totals: sum_totals(&out),
            reason,
            return_id,
        },
        &out,
    )?;
    crate::money::release_overpaid(db, a, &head.number)?;
    let after = serde_json::json!({ "number": cn, "credits": head.number, "total": sum_totals(&out).total.to_string() });
    written(db, a, (&id, &cn), AuditAction::Credit, after)
}

fn party(db: &Db, customer_id: &str) -> Result<DocParty, Error> {
    let c = db.customer_by_id(customer_id)?;
    Ok(DocParty { name: c.name, contact: c.contact_person, phones: c.phones, address: c.address })
}

/// A document with the shop's header and the customer block, and nothing else yet.
fn base(db: &Db, kind: DocKind, number: &str, date: String, customer_id: &str) -> Result<PrintDoc, Error> {
    Ok(PrintDoc {
        kind,
        lang: kaidan_core::DocLang::ZhCn,
        number: number.to_string(),
        date,
        due_date: None,
        order_number: None,
        reference: None,
        company: db.company()?,
        logo: db.company_logo()?,
        customer: party(db, customer_id)?,
        lines: Vec::new(),
        show_prices: true,
        totals: None,
        notes: None,
        copy: false,
        operator: None,
        statement: None,
        payment: None,
    })
}

/// Whether prints of `kind` are logged (and a reprint marked 副本 / COPY): a statement is not a
/// numbered document, and a payment receipt is printed as often as the customer asks (the print
/// log's kinds are fixed by its schema: invoices, credit notes, delivery notes, receipts).
fn logged(kind: DocKind) -> bool {
    !matches!(kind, DocKind::Statement | DocKind::PaymentReceipt)
}

#[allow(clippy::too_many_arguments)]
fn doc_line(
    sku: &str,
    name: &str,
    spec: &Option<String>,
    unit: &str,
    qty: Qty,
    unit_price: UnitPrice,
    discount: Rate,
    amount: Money,
) -> DocLine {
    DocLine {
        sku: sku.to_string(),
        name: name.to_string(),
        spec: spec.clone(),
        unit: unit.to_string(),
        qty,
        unit_price,
        discount,
        amount,
        remaining: None,
    }
}

fn doc_from_invoice(db: &Db, inv: &Invoice, kind: DocKind) -> Result<PrintDoc, Error> {
    Ok(PrintDoc {
        due_date: inv.due_date.clone().filter(|_| kind == DocKind::Invoice),
        order_number: Some(inv.order.clone()),
        reference: inv.credits.clone(),
        lines: inv.lines.iter().map(|l| doc_line(&l.sku, &l.name, &l.spec, &l.unit, l.qty, l.unit_price, l.discount, l.amount)).collect(),
        totals: Some(DocTotals { subtotal: inv.subtotal, tax: inv.tax, total: inv.total }),
        notes: inv.reason.clone(),
        operator: Some(inv.created_by.clone()),
        ..base(db, kind, &inv.number, inv.issue_date.clone(), &inv.customer_id)?
    })
}

/// The local calendar date of a stored UTC time.
fn local_date(utc: &str, offset: FixedOffset) -> String {
    chrono::DateTime::parse_from_rfc3339(utc)
        .map(|t| t.with_timezone(&offset).date_naive().to_string())
        .unwrap_or_else(|_| utc.chars().take(10).collect())
}

fn doc_from_delivery(db: &Db, number: &str, prices: bool, offset: FixedOffset) -> Result<PrintDoc, Error> {
    let d = db.delivery_for_print(number)?;
    let order = db.load_order(&d.order_number)?;
    let m = order.mode();
    let mut lines = Vec::with_capacity(d.lines.len());
    let mut computed = Vec::with_capacity(d.lines.len());
    for (i, (l, q, through)) in d.lines.iter().enumerate() {
        let a = l.amounts_of(*q, m).map_err(qty_issue(i + 1, *q))?;
        computed.push(a);
        lines.push(DocLine {
            remaining: Some(l.qty - *through),
            ..doc_line(&l.sku, &l.name, &l.spec, &l.unit, *q, l.unit_price, l.discount, a.amount)
        });
    }
    let t = kaidan_core::totals::order_totals(&computed).map_err(|issue| Error::number(Field::new(FieldKey::Line), "total", issue))?;
    Ok(PrintDoc {
        order_number: Some(d.order_number.clone()),
        lines,
        show_prices: prices,
        totals: prices.then_some(DocTotals { subtotal: t.subtotal, tax: t.tax, total: t.total }),
        notes: order.notes.clone(),
        ..base(db, DocKind::DeliveryNote, &d.number, local_date(&d.created_at, offset), &order.customer_id)?
    })
}

fn doc_from_order(db: &Db, number: &str, kind: DocKind) -> Result<PrintDoc, Error> {
    let o = db.order(number)?;
    Ok(PrintDoc {
        lines: o.lines.iter().map(|l| doc_line(&l.sku, &l.name, &l.spec, &l.unit, l.qty, l.unit_price, l.discount, l.amount)).collect(),
        totals: Some(DocTotals { subtotal: o.subtotal, tax: o.tax, total: o.total }),
        notes: o.notes.clone(),
        operator: Some(o.created_by.clone()),
        ..base(db, kind, &o.number, o.order_date.clone(), &o.customer_id)?
    })
}

fn parse_kind(text: &str) -> Result<DocKind, Error> {
    match text.trim() {
        "invoice" => Ok(DocKind::Invoice),
        "credit_note" | "credit" => Ok(DocKind::CreditNote),
        "delivery_note" | "delivery" => Ok(DocKind::DeliveryNote),
        "receipt" => Ok(DocKind::Receipt),
        "statement" => Ok(DocKind::Statement),
        "payment_receipt" | "payment" => Ok(DocKind::PaymentReceipt),
        other => Err(Error::at(
            Problem::BadChoice {
                text: other.into(),
                allowed: ["invoice", "credit_note", "delivery_note", "receipt", "statement", "payment_receipt"].map(String::from).to_vec(),
            },
            Field::new(FieldKey::Setting),
        )),
    }
}

/// Draws a document as PDF and says what it is.
fn render_doc(doc: PrintDoc, kind: DocKind, paper: Paper, margins: kaidan_core::document::Margins) -> Result<(Printed, Vec<u8>), Error> {
    let rendered = kaidan_print::render(&doc, paper, margins).map_err(|detail| Error::new(Problem::PrintFailed { detail }))?;
    let name = |customer| kaidan_core::text::documents::document_name(kind, &doc.number, customer, doc.copy, doc.lang.first());
    let printed = Printed {
        kind,
        number: doc.number.clone(),
        paper,
        pages: rendered.pages as u32,
        copy: doc.copy,
        bytes: rendered.pdf.len() as u32,
        title: name(None),
        name: name(Some(&doc.customer.name)),
    };
    Ok((printed, rendered.pdf))
}

/// Builds the document to print (in the caller's transaction).
fn build(db: &Db, req: &PrintRequest, kind: DocKind, offset: FixedOffset, today: chrono::NaiveDate) -> Result<(PrintDoc, Paper), Error> {
    let settings = db.settings()?;
    let number = req.number.trim();
    let paper = match req.paper.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Paper::parse(p).ok_or_else(|| {
            Error::at(
                Problem::BadChoice { text: p.into(), allowed: Paper::ALL.iter().map(|p| p.as_str().to_string()).collect() },
                Field::new(FieldKey::Setting),
            )
        })?,
        None => settings.paper_for(kind),
    };
    let prices = req.prices.unwrap_or(settings.delivery_note_prices);
    let doc = match kind {
        DocKind::Invoice | DocKind::CreditNote => {
            let inv = db.invoice(number)?;
            let actual = if inv.kind == InvoiceKind::CreditNote { DocKind::CreditNote } else { DocKind::Invoice };
            if actual != kind {
                return Err(Problem::NotFound { what: Entity::Invoice, key: number.to_string() }.into());
            }
            doc_from_invoice(db, &inv, kind)?
        }
        DocKind::DeliveryNote => doc_from_delivery(db, number, prices, offset)?,
        DocKind::Receipt => match db.invoice(number) {
            Ok(inv) => doc_from_invoice(db, &inv, kind)?,
            Err(e) if e.code() == kaidan_core::ErrorCode::NotFound => doc_from_order(db, number, kind)?,
            Err(e) => return Err(e),
        },
        DocKind::Statement => {
            let date = |key, text: Option<&str>| -> Result<chrono::NaiveDate, Error> {
                match text.map(str::trim).filter(|t| !t.is_empty()) {
                    Some(t) => validate::date(Field::new(key), t),
                    None => Err(Error::at(Problem::Required, Field::new(key))),
                }
            };
            let st =
                crate::money::statement(db, number, date(FieldKey::From, req.from.as_deref())?, date(FieldKey::To, req.to.as_deref())?)?;
            // not a numbered document: the customer and the period name it (footer, file name)
            let name = format!("{} {}–{}", st.customer, st.from, st.to);
            PrintDoc { statement: Some(st.clone()), ..base(db, DocKind::Statement, &name, today.to_string(), &st.customer_id)? }
        }
        DocKind::PaymentReceipt => {
            let p = db.payment(number)?;
            // money received (not a refund or a reversal, which pay nothing in)
            if p.kind != kaidan_core::model::PaymentKind::Receipt {
                return Err(Problem::NotFound { what: Entity::Payment, key: number.to_string() }.into());
            }
            PrintDoc {
                order_number: p.order.clone(),
                notes: p.note.clone(),
                operator: Some(p.created_by.clone()),
                payment: Some(kaidan_core::document::PaymentDoc {
                    amount: p.amount,
                    method: p.method,
                    reference: p.reference.clone(),
                    applied: p.allocations.clone(),
                    on_account: p.unallocated,
                }),
                ..base(db, DocKind::PaymentReceipt, &p.number, p.date.clone(), &p.customer_id)?
            }
        }
    };
    Ok((doc, paper))
}

impl Shop {
    /// Issues an invoice for an order: by default every delivered quantity not yet invoiced;
    /// with `lines`, those quantities (up to what was ordered and not yet invoiced).
    pub fn issue_invoice(&mut self, ctx: &Ctx, order: &str, lines: Option<&[DocLineInput]>) -> Result<Invoice, Error> {
        let order = order.trim().to_string();
        self.write(ctx, "invoice.issue", &(&order, lines), |db, a| {
            a.require(Action::IssueInvoices)?;
            let wanted = lines.map(|l| parse_lines(db, l)).transpose()?;
            issue(db, a, &order, wanted.as_deref())
        })
    }

    /// Issues a credit note against an invoice: by default everything not yet credited.
    pub fn credit_invoice(
        &mut self,
        ctx: &Ctx,
        invoice: &str,
        lines: Option<&[DocLineInput]>,
        reason: Option<&str>,
    ) -> Result<Invoice, Error> {
        let invoice = invoice.trim().to_string();
        if let Some(r) = reason {
            validate::text(FieldKey::Reason, r, 500, false)?;
        }
        self.write(ctx, "invoice.credit", &(&invoice, lines, reason), |db, a| {
            a.require(Action::CreditInvoices)?;
            let wanted = lines.map(|l| parse_lines(db, l)).transpose()?;
            credit(db, a, &invoice, wanted.as_deref(), reason, None)
        })
    }

    pub fn invoice(&self, number: &str) -> Result<Invoice, Error> {
        self.read(|db| db.invoice(number.trim()))
    }

    /// The invoices and credit notes of an order, oldest first.
    pub fn invoices_of_order(&self, order: &str) -> Result<Vec<InvoiceSummary>, Error> {
        self.read(|db| {
            let head = db.order_head(order.trim())?;
            db.invoices_of_order(&head.id)
        })
    }

    /// Renders a document as PDF. A print (not a preview) is logged; every print after the
    /// first of a document is marked 副本 / COPY.
    pub fn print(&mut self, ctx: &Ctx, req: &PrintRequest) -> Result<(Printed, Vec<u8>), Error> {
        let kind = parse_kind(&req.kind)?;
        // a statement and a payment receipt are not logged and never a copy
        if req.preview.unwrap_or(false) || !logged(kind) {
            return self.render_preview(ctx, req);
        }
        let offset = ctx.utc_offset;
        let (doc, paper) = self.write(ctx, "document.print", req, |db, a| {
            a.require(Action::Print)?;
            let (mut doc, paper) = build(db, req, kind, offset, a.today)?;
            doc.copy = db.print_count(kind.as_str(), &doc.number)? > 0;
            db.log_print(&a.stamp, kind.as_str(), &doc.number, paper.as_str(), doc.show_prices, doc.copy)?;
            Ok((doc, paper))
        })?;
        self.render(doc, kind, paper)
    }

    /// Prints a document on a printer, without a viewer: on `printer` when given, else the
    /// printer the settings choose for its paper, else the system's default; `copies` times
    /// (1–99). The PDF is written to [`print_folder`] and queued as a job titled with the
    /// document's name. The print is logged only when the queue took the job: a printer that
    /// is missing or refuses leaves the shop as it was (the next print is not a copy).
    pub fn print_to_printer(&mut self, ctx: &Ctx, req: &PrintRequest, printer: Option<&str>, copies: u32) -> Result<SentToPrinter, Error> {
        let kind = parse_kind(&req.kind)?;
        if !(1..=99).contains(&copies) {
            let issue = if copies == 0 { kaidan_core::NumberIssue::NotPositive } else { kaidan_core::NumberIssue::TooLarge };
            return Err(Error::at(Problem::BadNumber { text: copies.to_string(), issue }, Field::new(FieldKey::Copies)));
        }
        let offset = ctx.utc_offset;
        let spool = |printed: &Printed, pdf: &[u8], chosen: Option<&str>| -> Result<SentToPrinter, Error> {
            let (name, job) = spool_pdf(&printed.name, &printed.title, pdf, printed.paper, printer, chosen, copies)?;
            Ok(SentToPrinter { printed: printed.clone(), printer: name, copies, job })
        };
        if req.preview.unwrap_or(false) || !logged(kind) {
            // not logged: a statement, a payment receipt
            let (printed, pdf) = self.render_preview(ctx, req)?;
            let chosen = self.read(|db| db.settings())?.printer_for(printed.paper).map(str::to_string);
            return spool(&printed, &pdf, chosen.as_deref());
        }
        self.write(ctx, "document.print", &(req, printer, copies), |db, a| {
            a.require(Action::Print)?;
            let settings = db.settings()?;
            let (mut doc, paper) = build(db, req, kind, offset, a.today)?;
            doc.copy = db.print_count(kind.as_str(), &doc.number)? > 0;
            db.log_print(&a.stamp, kind.as_str(), &doc.number, paper.as_str(), doc.show_prices, doc.copy)?;
            // the shop's documents speak the shop's language, whoever prints them
            doc.lang = settings.document_language;
            let (printed, pdf) = render_doc(doc, kind, paper, settings.margins_of(paper))?;
            spool(&printed, &pdf, settings.printer_for(paper))
        })
    }

    /// The document as one picture (PNG), to send in a chat (shops send 对账单 and 送货单 as
    /// pictures in WeChat): drawn from the document's PDF, every page one below the other. Not a
    /// print: not logged, never marked a copy.
    pub fn document_picture(&self, ctx: &Ctx, req: &PrintRequest) -> Result<(Printed, kaidan_print::Picture), Error> {
        let kind = parse_kind(&req.kind)?;
        let (doc, paper) = self.read(|db| build(db, req, kind, ctx.utc_offset, ctx.today))?;
        let (printed, pdf) = self.render(doc, kind, paper)?;
        let picture = kaidan_print::picture(&pdf).map_err(|detail| Error::new(Problem::PrintFailed { detail }))?;
        Ok((Printed { bytes: picture.png.len().min(u32::MAX as usize) as u32, ..printed }, picture))
    }

    /// What the next print would look like (a copy mark included), without logging a print.
    pub fn render_preview(&self, ctx: &Ctx, req: &PrintRequest) -> Result<(Printed, Vec<u8>), Error> {
        let kind = parse_kind(&req.kind)?;
        let (doc, paper) = self.read(|db| {
            let (mut doc, paper) = build(db, req, kind, ctx.utc_offset, ctx.today)?;
            doc.copy = db.print_count(kind.as_str(), &doc.number)? > 0;
            Ok((doc, paper))
        })?;
        self.render(doc, kind, paper)
    }

    fn render(&self, mut doc: PrintDoc, kind: DocKind, paper: Paper) -> Result<(Printed, Vec<u8>), Error> {
        let settings = self.read(|db| db.settings())?;
        // the shop's documents speak the shop's language, whoever prints them
        doc.lang = settings.document_language;
        render_doc(doc, kind, paper, settings.margins_of(paper))
    }

    /// Sets (or with `None` removes) the logo printed in document headers: a PNG or JPEG of at
    /// most 512 KiB.
    pub fn set_logo(&mut self, ctx: &Ctx, logo: Option<&[u8]>) -> Result<(), Error> {
        if let Some(bytes) = logo {
            if bytes.len() > 512 * 1024 {
                return Err(Error::new(Problem::PrintFailed { detail: format!("logo {} KiB > 512 KiB", bytes.len() / 1024) }));
            }
            kaidan_print::check_logo(bytes).map_err(|detail| Error::new(Problem::PrintFailed { detail }))?;
        }
        self.write(ctx, "company.logo", &logo.map(|l| l.len()), |db, a| {
            a.require(kaidan_core::Action::ChangeSettings)?;
            db.set_company_logo(&a.stamp, logo)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_dates_follow_the_offset() {
        let cst = FixedOffset::east_opt(8 * 3600).unwrap();
        assert_eq!(local_date("2026-11-24T23:30:00.000Z", cst), "2026-11-25");
        assert_eq!(local_date("2026-11-24T15:59:59.000Z", cst), "2026-11-24");
        assert_eq!(local_date("2026-11-24T23:30:00.000Z", FixedOffset::east_opt(0).unwrap()), "2026-11-24");
    }

    #[test]
    fn kinds_parse() {
        assert_eq!(parse_kind("delivery").unwrap(), DocKind::DeliveryNote);
        assert_eq!(parse_kind("credit").unwrap(), DocKind::CreditNote);
        assert!(parse_kind("letter").is_err());
    }

    #[test]
    fn totals_of_credit_lines_are_negative_sums() {
        let line = |total: i64, tax: i64| InvoiceLineWrite {
            order_line_id: String::new(),
            credits_line_id: None,
            product_id: String::new(),
            line: InvoiceLine {
                line_no: 1,
                sku: String::new(),
                name: String::new(),
                spec: None,
                unit: String::new(),
                qty: Qty::from_minor(1000),
                unit_price: kaidan_core::UnitPrice::ZERO,
                discount: kaidan_core::Rate::ZERO,
                tax_rate: kaidan_core::Rate::ZERO,
                amount: Money::from_minor(total),
                tax: Money::from_minor(tax),
                total: Money::from_minor(total),
            },
        };
        let t = sum_totals(&[line(-11300, -1300), line(-500, 0)]);
        assert_eq!((t.subtotal, t.tax, t.total), (Money::from_minor(-10500), Money::from_minor(-1300), Money::from_minor(-11800)));
    }
}
