//! Invoices, credit notes (written once, never changed) and the print log.

use std::collections::HashMap;

use kaidan_core::model::{Invoice, InvoiceKind, InvoiceLine, InvoiceSummary, PaymentStatus};
use kaidan_core::{Entity, Error, Money, OrderTotals, Problem, Qty, Rate, UnitPrice};
use rusqlite::{params, OptionalExtension};

use crate::{Db, SqlResult, Stamp};

/// An invoice or credit note header as written.
#[derive(Debug, Clone)]
pub struct InvoiceWrite<'a> {
    pub id: &'a str,
    pub number: &'a str,
    pub kind: InvoiceKind,
    pub order_id: &'a str,
    pub customer_id: &'a str,
    pub credits_id: Option<&'a str>,
    pub issue_date: &'a str,
    pub due_date: Option<&'a str>,
    pub prices_include_tax: bool,
    pub totals: OrderTotals,
    pub reason: Option<&'a str>,
    /// A credit note issued for a return.
    pub return_id: Option<&'a str>,
}

/// One line as written: the order line it bills and, on a credit note, the invoice line it
/// takes back.
#[derive(Debug, Clone)]
pub struct InvoiceLineWrite {
    pub order_line_id: String,
    pub credits_line_id: Option<String>,
    pub product_id: String,
    pub line: InvoiceLine,
}

/// An invoice line with what is still uncredited, for crediting.
#[derive(Debug, Clone)]
pub struct CreditableLine {
    pub id: String,
    pub order_line_id: String,
    pub product_id: String,
    pub line: InvoiceLine,
    pub credited_qty: Qty,
    pub credited_amount: Money,
    pub credited_tax: Money,
    pub credited_total: Money,
}

/// The stored head of an invoice, for use cases.
#[derive(Debug, Clone)]
pub struct InvoiceHead {
    pub id: String,
    pub number: String,
    pub kind: InvoiceKind,
    pub order_id: String,
    pub customer_id: String,
    pub prices_include_tax: bool,
}

const LINE_COLS: &str =
    "line_no, sku, name, spec, unit, qty_milli, unit_price_e4, discount_bp, tax_rate_bp, amount_cents, tax_cents, total_cents";

fn line_from(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<InvoiceLine> {
    Ok(InvoiceLine {
        line_no: r.get(at)?,
        sku: r.get(at + 1)?,
        name: r.get(at + 2)?,
        spec: r.get(at + 3)?,
        unit: r.get(at + 4)?,
        qty: Qty::from_minor(r.get(at + 5)?),
        unit_price: UnitPrice::from_minor(r.get(at + 6)?),
        discount: Rate::from_minor(r.get(at + 7)?),
        tax_rate: Rate::from_minor(r.get(at + 8)?),
        amount: Money::from_minor(r.get(at + 9)?),
        tax: Money::from_minor(r.get(at + 10)?),
        total: Money::from_minor(r.get(at + 11)?),
    })
}

impl Db<'_> {
    pub fn insert_invoice(&self, stamp: &Stamp, inv: &InvoiceWrite<'_>, lines: &[InvoiceLineWrite]) -> Result<(), Error> {
        let t = stamp.time();
        self.exec(
            "INSERT INTO invoice (id, number, kind, order_id, customer_id, credits_id, issue_date, due_date, prices_include_tax,
                                  subtotal_cents, tax_cents, total_cents, reason, created_by, device_id, created_at, return_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            params![
                inv.id,
                inv.number,
                inv.kind.as_str(),
                inv.order_id,
                inv.customer_id,
                inv.credits_id,
                inv.issue_date,
                inv.due_date,
                inv.prices_include_tax,
                inv.totals.subtotal.minor(),
                inv.totals.tax.minor(),
                inv.totals.total.minor(),
                inv.reason,
                stamp.operator_id,
                stamp.device_id,
                t,
                inv.return_id
            ],
        )
        .sql()?;
        let mut st = self
            .conn
            .prepare_cached(
                "INSERT INTO invoice_line (id, invoice_id, line_no, order_line_id, credits_line_id, product_id, sku, name, spec, unit,
                                           qty_milli, unit_price_e4, discount_bp, tax_rate_bp, amount_cents, tax_cents, total_cents)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            )
            .sql()?;
        for w in lines {
            let l = &w.line;
            st.execute(params![
                crate::new_id(stamp.at),
                inv.id,
                l.line_no,
                w.order_line_id,
                w.credits_line_id,
                w.product_id,
                l.sku,
                l.name,
                l.spec,
                l.unit,
                l.qty.minor(),
                l.unit_price.minor(),
                l.discount.minor(),
                l.tax_rate.minor(),
                l.amount.minor(),
                l.tax.minor(),
                l.total.minor()
            ])
            .sql()?;
        }
        Ok(())
    }

    /// How much of each order line is invoiced, net of credit notes.
    pub fn invoiced_by_order_line(&self, order_id: &str) -> Result<HashMap<String, Qty>, Error> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT l.order_line_id, SUM(CASE i.kind WHEN 'invoice' THEN l.qty_milli ELSE -l.qty_milli END)
                 FROM invoice i JOIN invoice_line l ON l.invoice_id = i.id
                 WHERE i.order_id = ?1 GROUP BY l.order_line_id",
            )
            .sql()?;
        let rows = st.query_map([order_id], |r| Ok((r.get::<_, String>(0)?, Qty::from_minor(r.get(1)?)))).sql()?;
        rows.collect::<rusqlite::Result<HashMap<_, _>>>().sql()
    }

    pub fn invoice_head(&self, number: &str) -> Result<InvoiceHead, Error> {
        self.row("SELECT id, number, kind, order_id, customer_id, prices_include_tax FROM invoice WHERE number = ?1", [number], |r| {
            Ok(InvoiceHead {
                id: r.get(0)?,
                number: r.get(1)?,
                kind: crate::closed(r, 2)?,
                order_id: r.get(3)?,
                customer_id: r.get(4)?,
                prices_include_tax: r.get(5)?,
            })
        })
        .optional()
        .sql()?
        .ok_or_else(|| Problem::NotFound { what: Entity::Invoice, key: number.to_string() }.into())
    }

    /// An invoice's lines with what credit notes have taken back from each.
    pub fn creditable_lines(&self, invoice_id: &str) -> Result<Vec<CreditableLine>, Error> {
        self.rows(
            &format!(
                "SELECT l.id, l.order_line_id, l.product_id,
                        COALESCE(SUM(c.qty_milli), 0), COALESCE(SUM(c.amount_cents), 0), COALESCE(SUM(c.tax_cents), 0),
                        COALESCE(SUM(c.total_cents), 0), {}
                 FROM invoice_line l LEFT JOIN invoice_line c ON c.credits_line_id = l.id
                 WHERE l.invoice_id = ?1 GROUP BY l.id ORDER BY l.line_no",
                LINE_COLS.split(", ").map(|c| format!("l.{c}")).collect::<Vec<_>>().join(", ")
            ),
            [invoice_id],
            |r| {
                Ok(CreditableLine {
                    id: r.get(0)?,
                    order_line_id: r.get(1)?,
                    product_id: r.get(2)?,
                    credited_qty: Qty::from_minor(r.get(3)?),
                    credited_amount: -Money::from_minor(r.get(4)?),
                    credited_tax: -Money::from_minor(r.get(5)?),
                    credited_total: -Money::from_minor(r.get(6)?),
                    line: line_from(r, 7)?,
                })
            },
        )
    }

    /// The invoice or credit note by its number.
    pub fn invoice(&self, number: &str) -> Result<Invoice, Error> {
        let mut inv = self
            .row(
                "SELECT i.id, i.number, i.kind, o.number, c.name, c.id, cr.number, i.issue_date, i.due_date, i.prices_include_tax,
                        i.subtotal_cents, i.tax_cents, i.total_cents, i.reason, op.name, i.created_at,
                        COALESCE((SELECT SUM(a.amount_cents) FROM allocation a WHERE a.invoice_id = i.id), 0), COALESCE(io.open_cents, 0)
                 FROM invoice i JOIN sales_order o ON o.id = i.order_id JOIN customer c ON c.id = i.customer_id
                      JOIN operator op ON op.id = i.created_by LEFT JOIN invoice cr ON cr.id = i.credits_id
                      LEFT JOIN invoice_open io ON io.invoice_id = i.id
                 WHERE i.number = ?1",
                [number],
                |r| {
                    Ok(Invoice {
                        id: r.get(0)?,
                        number: r.get(1)?,
                        kind: crate::closed(r, 2)?,
                        order: r.get(3)?,
                        customer: r.get(4)?,
                        customer_id: r.get(5)?,
                        credits: r.get(6)?,
                        issue_date: r.get(7)?,
                        due_date: r.get(8)?,
                        prices_include_tax: r.get(9)?,
                        subtotal: Money::from_minor(r.get(10)?),
                        tax: Money::from_minor(r.get(11)?),
                        total: Money::from_minor(r.get(12)?),
                        reason: r.get(13)?,
                        created_by: r.get(14)?,
                        created_at: r.get(15)?,
                        lines: Vec::new(),
                        credit_notes: Vec::new(),
                        paid: Money::from_minor(r.get(16)?),
                        open: Money::from_minor(r.get(17)?),
                        payment_status: None,
                    })
                },
            )
            .optional()
            .sql()?
            .ok_or_else(|| Error::new(Problem::NotFound { what: Entity::Invoice, key: number.to_string() }))?;
        let mut st =
            self.conn.prepare_cached(&format!("SELECT {LINE_COLS} FROM invoice_line WHERE invoice_id = ?1 ORDER BY line_no")).sql()?;
        inv.lines = st.query_map([&inv.id], |r| line_from(r, 0)).sql()?.collect::<rusqlite::Result<Vec<_>>>().sql()?;
        let mut st = self.conn.prepare_cached("SELECT number FROM invoice WHERE credits_id = ?1 ORDER BY seq").sql()?;
        inv.credit_notes = st.query_map([&inv.id], |r| r.get(0)).sql()?.collect::<rusqlite::Result<Vec<_>>>().sql()?;
        if inv.kind == InvoiceKind::Invoice {
            inv.payment_status = Some(PaymentStatus::of_invoice(inv.open + inv.paid, inv.paid));
        }
        Ok(inv)
    }

    /// The invoices and credit notes of an order, oldest first.
    pub fn invoices_of_order(&self, order_id: &str) -> Result<Vec<InvoiceSummary>, Error> {
        self.rows(
            "SELECT i.number, i.kind, o.number, c.name, i.issue_date, i.due_date, i.total_cents, cr.number,
                        COALESCE(io.open_cents, 0), COALESCE((SELECT SUM(a.amount_cents) FROM allocation a WHERE a.invoice_id = i.id), 0)
                 FROM invoice i JOIN sales_order o ON o.id = i.order_id JOIN customer c ON c.id = i.customer_id
                      LEFT JOIN invoice cr ON cr.id = i.credits_id LEFT JOIN invoice_open io ON io.invoice_id = i.id
                 WHERE i.order_id = ?1 ORDER BY i.seq",
            [order_id],
            |r| {
                let mut s = InvoiceSummary {
                    number: r.get(0)?,
                    kind: crate::closed(r, 1)?,
                    order: r.get(2)?,
                    customer: r.get(3)?,
                    issue_date: r.get(4)?,
                    due_date: r.get(5)?,
                    total: Money::from_minor(r.get(6)?),
                    credits: r.get(7)?,
                    open: Money::from_minor(r.get(8)?),
                    payment_status: None,
                };
                if s.kind == InvoiceKind::Invoice {
                    let paid = Money::from_minor(r.get(9)?);
                    s.payment_status = Some(PaymentStatus::of_invoice(s.open + paid, paid));
                }
                Ok(s)
            },
        )
    }

    /// How many times a document was printed or saved (0: the next print is the original).
    pub fn print_count(&self, doc_type: &str, number: &str) -> Result<i64, Error> {
        self.row("SELECT COUNT(*) FROM print_log WHERE doc_type = ?1 AND doc_number = ?2", [doc_type, number], |r| r.get(0)).sql()
    }

    pub fn log_print(&self, stamp: &Stamp, doc_type: &str, number: &str, paper: &str, with_prices: bool, copy: bool) -> Result<(), Error> {
        self.exec(
            "INSERT INTO print_log (id, doc_type, doc_number, paper, with_prices, copy, operator_id, device_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![crate::new_id(stamp.at), doc_type, number, paper, with_prices, copy, stamp.operator_id, stamp.device_id, stamp.time()],
        )
        .sql()?;
        Ok(())
    }

    pub fn company_logo(&self) -> Result<Option<Vec<u8>>, Error> {
        self.row("SELECT logo FROM company LIMIT 1", [], |r| r.get(0)).optional().sql().map(Option::flatten)
    }

    pub fn set_company_logo(&self, stamp: &Stamp, logo: Option<&[u8]>) -> Result<(), Error> {
        self.exec("UPDATE company SET logo = ?1, updated_at = ?2", params![logo, stamp.time()]).sql()?;
        Ok(())
    }
}

/// A delivery with what a delivery note prints: each order line, the quantity of this delivery
/// and how much of the line had been delivered up to and including it.
#[derive(Debug, Clone)]
pub struct DeliveryForPrint {
    pub id: String,
    pub number: String,
    pub order_number: String,
    pub created_at: String,
    pub lines: Vec<(kaidan_core::order::SalesLine, Qty, Qty)>,
}

impl Db<'_> {
    pub fn delivery_for_print(&self, number: &str) -> Result<DeliveryForPrint, Error> {
        let (id, order_number, created_at): (String, String, String) = self
            .row(
                "SELECT d.id, o.number, d.created_at FROM delivery d JOIN sales_order o ON o.id = d.order_id
                 WHERE d.number = ?1 AND d.deleted_at IS NULL",
                [number],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .sql()?
            .ok_or_else(|| Error::new(Problem::NotFound { what: Entity::Delivery, key: number.to_string() }))?;
        let cols = crate::orders::LINE_READ_COLS.split(',').map(|c| format!("l.{}", c.trim())).collect::<Vec<_>>().join(", ");
        let line_cols = crate::orders::LINE_READ_COLS.split(',').count();
        let lines = self.rows(
            &format!(
                "SELECT {cols}, dl.qty_milli,
                        (SELECT COALESCE(SUM(x.qty_milli), 0) FROM delivery_line x JOIN delivery dx ON dx.id = x.delivery_id
                         WHERE x.order_line_id = l.id AND dx.id <= dl.delivery_id AND dx.deleted_at IS NULL)
                 FROM delivery_line dl JOIN order_line l ON l.id = dl.order_line_id
                 WHERE dl.delivery_id = ?1 AND dl.deleted_at IS NULL ORDER BY l.line_no"
            ),
            [&id],
            // after the line's columns: this delivery's quantity, and the line's delivered through it
            |r| Ok((crate::orders::line_from_row(r)?, Qty::from_minor(r.get(line_cols)?), Qty::from_minor(r.get(line_cols + 1)?))),
        )?;
        Ok(DeliveryForPrint { id, number: number.to_string(), order_number, created_at, lines })
    }
}
