//! Payments, allocations (核销), the customer's account and AR aging.

use std::collections::BTreeMap;

use kaidan_core::model::{AccountInvoice, AgingRow, AllocationLine, PayMethod, Payment, PaymentKind};
use kaidan_core::{Entity, Error, Money, Problem};
use rusqlite::{params, OptionalExtension};

use crate::{Db, SqlResult, Stamp};

/// A payment as written.
#[derive(Debug, Clone)]
pub struct PaymentWrite<'a> {
    pub id: &'a str,
    pub number: &'a str,
    pub kind: PaymentKind,
    pub customer_id: &'a str,
    pub method: PayMethod,
    pub paid_on: &'a str,
    pub amount: Money,
    pub reference: Option<&'a str>,
    pub order_id: Option<&'a str>,
    pub reverses_id: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// An invoice with something open, for allocating.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenInvoice {
    pub id: String,
    pub number: String,
    pub order_id: String,
    pub due_date: String,
    pub open: Money,
}

/// A payment with money not yet allocated.
#[derive(Debug, Clone, PartialEq)]
pub struct Unallocated {
    pub id: String,
    pub number: String,
    pub order_id: Option<String>,
    pub unallocated: Money,
}

/// The stored facts of a customer's account (the API adds the credit limit and open orders).
#[derive(Debug, Clone, PartialEq)]
pub struct AccountFacts {
    pub balance: Money,
    pub open_total: Money,
    pub invoices: Vec<AccountInvoice>,
}

fn method_of(s: String) -> PayMethod {
    PayMethod::parse(&s).unwrap_or(PayMethod::Other)
}

fn days_between(from: &str, to: &str) -> i64 {
    match (chrono::NaiveDate::parse_from_str(from, "%Y-%m-%d"), chrono::NaiveDate::parse_from_str(to, "%Y-%m-%d")) {
        (Ok(a), Ok(b)) => (b - a).num_days(),
        _ => 0,
    }
}

impl Db<'_> {
    pub fn insert_payment(&self, stamp: &Stamp, p: &PaymentWrite<'_>) -> Result<(), Error> {
        self.exec(
            "INSERT INTO payment (id, number, kind, customer_id, method, paid_on, amount_cents, reference, order_id, reverses_id, note,
                                  created_by, device_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                p.id,
                p.number,
                p.kind.as_str(),
                p.customer_id,
                p.method.as_str(),
                p.paid_on,
                p.amount.minor(),
                p.reference,
                p.order_id,
                p.reverses_id,
                p.note,
                stamp.operator_id,
                stamp.device_id,
                stamp.time()
            ],
        )
        .sql()?;
        Ok(())
    }

    pub fn insert_allocation(&self, stamp: &Stamp, payment_id: &str, invoice_id: &str, amount: Money) -> Result<(), Error> {
        self.exec(
            "INSERT INTO allocation (id, payment_id, invoice_id, amount_cents, created_by, device_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![crate::new_id(stamp.at), payment_id, invoice_id, amount.minor(), stamp.operator_id, stamp.device_id, stamp.time()],
        )
        .sql()?;
        Ok(())
    }

    /// A customer's invoices with something open (positive), oldest due first (FIFO).
    pub fn open_invoices(&self, customer_id: &str) -> Result<Vec<OpenInvoice>, Error> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT i.id, i.number, i.order_id, o.due_date, o.open_cents FROM invoice_open o JOIN invoice i ON i.id = o.invoice_id
                 WHERE o.customer_id = ?1 AND o.open_cents > 0 ORDER BY o.due_date, i.seq",
            )
            .sql()?;
        let rows = st
            .query_map([customer_id], |r| {
                Ok(OpenInvoice {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    order_id: r.get(2)?,
                    due_date: r.get(3)?,
                    open: Money::from_minor(r.get(4)?),
                })
            })
            .sql()?;
        rows.collect::<rusqlite::Result<Vec<_>>>().sql()
    }

    /// One invoice's open amount by its number (invoices only).
    pub fn open_invoice(&self, number: &str) -> Result<(OpenInvoice, String), Error> {
        self.row(
            "SELECT i.id, i.number, i.order_id, o.due_date, o.open_cents, i.customer_id FROM invoice i JOIN invoice_open o ON o.invoice_id = i.id
             WHERE i.number = ?1",
            [number],
            |r| {
                Ok((
                    OpenInvoice { id: r.get(0)?, number: r.get(1)?, order_id: r.get(2)?, due_date: r.get(3)?, open: Money::from_minor(r.get(4)?) },
                    r.get(5)?,
                ))
            },
        )
        .optional()
        .sql()?
        .ok_or_else(|| Problem::NotFound { what: Entity::Invoice, key: number.to_string() }.into())
    }

    /// A customer's receipts with money not yet allocated, oldest first; with `order_id`, only
    /// the deposits paid on that order.
    pub fn unallocated_payments(&self, customer_id: &str, order_id: Option<&str>) -> Result<Vec<Unallocated>, Error> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.number, p.order_id, p.amount_cents - COALESCE((SELECT SUM(a.amount_cents) FROM allocation a WHERE a.payment_id = p.id), 0)
                 FROM payment p
                 WHERE p.customer_id = ?1 AND p.kind = 'receipt' AND (?2 IS NULL OR p.order_id = ?2)
                   AND NOT EXISTS (SELECT 1 FROM payment r WHERE r.reverses_id = p.id)
                 ORDER BY p.seq",
            )
            .sql()?;
        let rows = st
            .query_map(params![customer_id, order_id], |r| {
                Ok(Unallocated { id: r.get(0)?, number: r.get(1)?, order_id: r.get(2)?, unallocated: Money::from_minor(r.get(3)?) })
            })
            .sql()?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>().sql()?.into_iter().filter(|u| u.unallocated.is_positive()).collect())
    }

    /// Σ invoices − Σ payments of a customer.
    pub fn customer_balance(&self, customer_id: &str) -> Result<Money, Error> {
        let b: Option<i64> = self
            .row("SELECT invoiced_cents - paid_cents FROM customer_account WHERE customer_id = ?1", [customer_id], |r| r.get(0))
            .optional()
            .sql()?;
        Ok(Money::from_minor(b.unwrap_or(0)))
    }

    /// The payment by its number, with its allocations.
    pub fn payment(&self, number: &str) -> Result<Payment, Error> {
        let mut p = self
            .row(
                "SELECT p.id, p.number, p.kind, c.name, c.id, p.method, p.paid_on, p.amount_cents, p.reference, o.number, r.number, p.note,
                        op.name, p.created_at
                 FROM payment p JOIN customer c ON c.id = p.customer_id JOIN operator op ON op.id = p.created_by
                      LEFT JOIN sales_order o ON o.id = p.order_id LEFT JOIN payment r ON r.id = p.reverses_id
                 WHERE p.number = ?1",
                [number],
                |r| {
                    Ok(Payment {
                        id: r.get(0)?,
                        number: r.get(1)?,
                        kind: PaymentKind::parse(&r.get::<_, String>(2)?).unwrap_or(PaymentKind::Receipt),
                        customer: r.get(3)?,
                        customer_id: r.get(4)?,
                        method: method_of(r.get(5)?),
                        date: r.get(6)?,
                        amount: Money::from_minor(r.get(7)?),
                        reference: r.get(8)?,
                        order: r.get(9)?,
                        reverses: r.get(10)?,
                        note: r.get(11)?,
                        created_by: r.get(12)?,
                        created_at: r.get(13)?,
                        allocated: Money::ZERO,
                        unallocated: Money::ZERO,
                        allocations: Vec::new(),
                    })
                },
            )
            .optional()
            .sql()?
            .ok_or_else(|| Error::new(Problem::NotFound { what: Entity::Payment, key: number.to_string() }))?;
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT i.number, SUM(a.amount_cents) FROM allocation a JOIN invoice i ON i.id = a.invoice_id
                 WHERE a.payment_id = ?1 GROUP BY i.id HAVING SUM(a.amount_cents) <> 0 ORDER BY MIN(a.id)",
            )
            .sql()?;
        p.allocations = st
            .query_map([&p.id], |r| Ok(AllocationLine { invoice: r.get(0)?, amount: Money::from_minor(r.get(1)?) }))
            .sql()?
            .collect::<rusqlite::Result<Vec<_>>>()
            .sql()?;
        p.allocated = p.allocations.iter().map(|a| a.amount).sum();
        p.unallocated = p.amount - p.allocated;
        Ok(p)
    }

    /// What each payment has settled on an invoice (net, positive), latest payment first.
    pub fn allocations_to(&self, invoice_id: &str) -> Result<Vec<(String, Money)>, Error> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT a.payment_id, SUM(a.amount_cents) FROM allocation a JOIN payment p ON p.id = a.payment_id
                 WHERE a.invoice_id = ?1 GROUP BY a.payment_id HAVING SUM(a.amount_cents) > 0 ORDER BY MAX(p.seq) DESC",
            )
            .sql()?;
        let rows = st.query_map([invoice_id], |r| Ok((r.get::<_, String>(0)?, Money::from_minor(r.get(1)?)))).sql()?;
        rows.collect::<rusqlite::Result<Vec<_>>>().sql()
    }

    /// Whether a payment was already reversed.
    pub fn is_reversed(&self, payment_id: &str) -> Result<bool, Error> {
        self.row("SELECT EXISTS (SELECT 1 FROM payment WHERE reverses_id = ?1)", [payment_id], |r| r.get(0)).sql()
    }

    /// A customer's balance and open invoices as of a date.
    pub fn account_facts(&self, customer_id: &str, as_of: &str) -> Result<AccountFacts, Error> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT i.number, so.number, i.issue_date, o.due_date, i.total_cents,
                        COALESCE((SELECT SUM(c.total_cents) FROM invoice c WHERE c.credits_id = i.id), 0),
                        COALESCE((SELECT SUM(a.amount_cents) FROM allocation a WHERE a.invoice_id = i.id), 0),
                        o.open_cents
                 FROM invoice_open o JOIN invoice i ON i.id = o.invoice_id JOIN sales_order so ON so.id = i.order_id
                 WHERE o.customer_id = ?1 AND o.open_cents <> 0 ORDER BY o.due_date, i.seq",
            )
            .sql()?;
        let rows = st
            .query_map([customer_id], |r| {
                let due: String = r.get(3)?;
                Ok(AccountInvoice {
                    number: r.get(0)?,
                    order: r.get(1)?,
                    issue_date: r.get(2)?,
                    days_overdue: days_between(&due, as_of).max(0) as u32,
                    due_date: due,
                    total: Money::from_minor(r.get(4)?),
                    credited: -Money::from_minor(r.get(5)?),
                    paid: Money::from_minor(r.get(6)?),
                    open: Money::from_minor(r.get(7)?),
                })
            })
            .sql()?;
        let invoices = rows.collect::<rusqlite::Result<Vec<_>>>().sql()?;
        let open_total = invoices.iter().map(|i| i.open).sum();
        Ok(AccountFacts { balance: self.customer_balance(customer_id)?, open_total, invoices })
    }

    /// AR aging of every customer with a balance or something open, by name.
    pub fn aging(&self, as_of: &str) -> Result<Vec<AgingRow>, Error> {
        let mut rows: BTreeMap<String, AgingRow> = BTreeMap::new();
        let blank = |id: String, name: String| AgingRow {
            customer: name,
            customer_id: id,
            current: Money::ZERO,
            d1_30: Money::ZERO,
            d31_60: Money::ZERO,
            d61_90: Money::ZERO,
            d90_plus: Money::ZERO,
            total: Money::ZERO,
        };
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT o.customer_id, c.name, CAST(julianday(?1) - julianday(o.due_date) AS INTEGER) AS late, SUM(o.open_cents)
                 FROM invoice_open o JOIN customer c ON c.id = o.customer_id
                 WHERE o.open_cents <> 0
                 GROUP BY o.customer_id, CASE WHEN late <= 0 THEN 0 WHEN late <= 30 THEN 1 WHEN late <= 60 THEN 2 WHEN late <= 90 THEN 3 ELSE 4 END",
            )
            .sql()?;
        let open = st
            .query_map([as_of], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, Money::from_minor(r.get(3)?))))
            .sql()?;
        for row in open {
            let (id, name, late, amount) = row.sql()?;
            let e = rows.entry(id.clone()).or_insert_with(|| blank(id, name));
            let bucket = match late {
                i64::MIN..=0 => &mut e.current,
                1..=30 => &mut e.d1_30,
                31..=60 => &mut e.d31_60,
                61..=90 => &mut e.d61_90,
                _ => &mut e.d90_plus,
            };
            *bucket += amount;
            e.total += amount;
        }
        // Unallocated credit (balance below what is open) counts as current, negative.
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT a.customer_id, c.name, a.invoiced_cents - a.paid_cents FROM customer_account a JOIN customer c ON c.id = a.customer_id
                 WHERE a.invoiced_cents <> a.paid_cents OR a.paid_cents <> 0",
            )
            .sql()?;
        let balances = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, Money::from_minor(r.get(2)?)))).sql()?;
        for row in balances {
            let (id, name, balance) = row.sql()?;
            let e = rows.entry(id.clone()).or_insert_with(|| blank(id, name));
            let credit = balance - e.total;
            e.current += credit;
            e.total = balance;
        }
        let mut out: Vec<AgingRow> = rows
            .into_values()
            .filter(|r| [r.current, r.d1_30, r.d31_60, r.d61_90, r.d90_plus, r.total].iter().any(|m| !m.is_zero()))
            .collect();
        out.sort_by(|a, b| a.customer.cmp(&b.customer));
        Ok(out)
    }
}
