//! Payments (receipts, refunds, reversals) and their allocations (核销) to invoices and refunds.

use kaidan_core::model::{AllocationLine, PayMethod, Payment, PaymentKind};
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
    pub return_id: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// What receipt money is matched against.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// An invoice (核销).
    Invoice(&'a str),
    /// A refund (or a reversal) that paid the money back.
    Refund(&'a str),
}

/// Which receipts' money: every receipt, those paid on no order, or the deposits of one order.
#[derive(Debug, Clone, Copy)]
pub enum Pool<'a> {
    Any,
    General,
    Order(&'a str),
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

/// A receipt with money neither matched nor paid back.
#[derive(Debug, Clone, PartialEq)]
pub struct Unallocated {
    pub id: String,
    pub number: String,
    pub order_id: Option<String>,
    pub unallocated: Money,
}

impl Db<'_> {
    pub fn insert_payment(&self, stamp: &Stamp, p: &PaymentWrite<'_>) -> Result<(), Error> {
        self.exec(
            "INSERT INTO payment (id, number, kind, customer_id, method, paid_on, amount_cents, reference, order_id, reverses_id, return_id,
                                  note, created_by, device_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
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
                p.return_id,
                p.note,
                stamp.operator_id,
                stamp.device_id,
                stamp.time()
            ],
        )
        .sql()?;
        Ok(())
    }

    /// Matches (or, negative, takes back a match of) a receipt's money.
    pub fn insert_allocation(&self, stamp: &Stamp, payment_id: &str, target: Target<'_>, amount: Money) -> Result<(), Error> {
        let (invoice, refund) = match target {
            Target::Invoice(i) => (Some(i), None),
            Target::Refund(r) => (None, Some(r)),
        };
        self.conn
            .prepare_cached(
                "INSERT INTO allocation (id, payment_id, invoice_id, refund_id, amount_cents, created_by, device_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .sql()?
            .execute(params![
                crate::new_id(stamp.at),
                payment_id,
                invoice,
                refund,
                amount.minor(),
                stamp.operator_id,
                stamp.device_id,
                stamp.time()
            ])
            .sql()?;
        Ok(())
    }

    /// A customer's invoices with something open, oldest due first (FIFO).
    pub fn open_invoices(&self, customer_id: &str) -> Result<Vec<OpenInvoice>, Error> {
        Ok(self
            .rows(
                "SELECT i.id, i.number, i.order_id, o.due_date, o.open_cents FROM invoice_open o JOIN invoice i ON i.id = o.invoice_id
                 WHERE o.customer_id = ?1 AND o.open_cents <> 0 ORDER BY o.due_date, i.seq",
                [customer_id],
                |r| {
                    Ok(OpenInvoice {
                        id: r.get(0)?,
                        number: r.get(1)?,
                        order_id: r.get(2)?,
                        due_date: r.get(3)?,
                        open: Money::from_minor(r.get(4)?),
                    })
                },
            )?
            .into_iter()
            .filter(|i| i.open.is_positive())
            .collect())
    }

    /// One invoice's open amount by its number (invoices only), and its customer's id.
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

    /// A customer's receipts with money neither matched nor paid back, oldest first, from the
    /// pool asked for.
    pub fn unallocated_payments(&self, customer_id: &str, pool: Pool<'_>) -> Result<Vec<Unallocated>, Error> {
        let (mode, order) = match pool {
            Pool::Any => (0, None),
            Pool::General => (1, None),
            Pool::Order(o) => (2, Some(o)),
        };
        Ok(self.rows("SELECT p.id, p.number, p.order_id, p.amount_cents - COALESCE((SELECT SUM(a.amount_cents) FROM allocation a WHERE a.payment_id = p.id), 0)
                 FROM payment p
                 WHERE p.customer_id = ?1 AND p.kind = 'receipt'
                   AND (?2 = 0 OR (?2 = 1 AND p.order_id IS NULL) OR (?2 = 2 AND p.order_id = ?3))
                 ORDER BY p.seq", params![customer_id, mode, order], |r| {
                Ok(Unallocated { id: r.get(0)?, number: r.get(1)?, order_id: r.get(2)?, unallocated: Money::from_minor(r.get(3)?) })
            })?.into_iter().filter(|u| u.unallocated.is_positive()).collect())
    }

    /// The payment by its number, with what of it is matched.
    pub fn payment(&self, number: &str) -> Result<Payment, Error> {
        let mut p = self
            .row(
                "SELECT p.id, p.number, p.kind, c.name, c.id, p.method, p.paid_on, p.amount_cents, p.reference, o.number, r.number, p.note,
                        op.name, p.created_at, sr.number
                 FROM payment p JOIN customer c ON c.id = p.customer_id JOIN operator op ON op.id = p.created_by
                      LEFT JOIN sales_order o ON o.id = p.order_id LEFT JOIN payment r ON r.id = p.reverses_id
                      LEFT JOIN sales_return sr ON sr.id = p.return_id
                 WHERE p.number = ?1",
                [number],
                |r| {
                    Ok(Payment {
                        id: r.get(0)?,
                        number: r.get(1)?,
                        kind: crate::closed(r, 2)?,
                        customer: r.get(3)?,
                        customer_id: r.get(4)?,
                        method: crate::closed(r, 5)?,
                        date: r.get(6)?,
                        amount: Money::from_minor(r.get(7)?),
                        reference: r.get(8)?,
                        order: r.get(9)?,
                        reverses: r.get(10)?,
                        note: r.get(11)?,
                        created_by: r.get(12)?,
                        created_at: r.get(13)?,
                        return_number: r.get(14)?,
                        allocated: Money::ZERO,
                        refunded: Money::ZERO,
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
        if p.kind == PaymentKind::Receipt {
            let refunded: i64 = self
                .row(
                    "SELECT COALESCE(SUM(amount_cents), 0) FROM allocation WHERE payment_id = ?1 AND refund_id IS NOT NULL",
                    [&p.id],
                    |r| r.get(0),
                )
                .sql()?;
            p.allocated = p.allocations.iter().map(|a| a.amount).sum();
            p.refunded = Money::from_minor(refunded);
            p.unallocated = p.amount - p.allocated - p.refunded;
        }
        Ok(p)
    }

    /// What each payment has settled on an invoice (net, positive), latest payment first.
    pub fn allocations_to(&self, invoice_id: &str) -> Result<Vec<(String, Money)>, Error> {
        self.rows(
            "SELECT a.payment_id, SUM(a.amount_cents) FROM allocation a JOIN payment p ON p.id = a.payment_id
                 WHERE a.invoice_id = ?1 GROUP BY a.payment_id HAVING SUM(a.amount_cents) > 0 ORDER BY MAX(p.seq) DESC",
            [invoice_id],
            |r| Ok((r.get::<_, String>(0)?, Money::from_minor(r.get(1)?))),
        )
    }

    /// The receipts a refund paid back from (net, positive).
    pub fn refund_sources(&self, refund_id: &str) -> Result<Vec<(String, Money)>, Error> {
        self.rows(
            "SELECT payment_id, SUM(amount_cents) FROM allocation WHERE refund_id = ?1 GROUP BY payment_id HAVING SUM(amount_cents) > 0",
            [refund_id],
            |r| Ok((r.get::<_, String>(0)?, Money::from_minor(r.get(1)?))),
        )
    }

    /// Whether a payment was already reversed.
    pub fn is_reversed(&self, payment_id: &str) -> Result<bool, Error> {
        self.row("SELECT EXISTS (SELECT 1 FROM payment WHERE reverses_id = ?1)", [payment_id], |r| r.get(0)).sql()
    }

    /// The numbers of the payments of an order: paid on it, matched to its invoices, refunds
    /// for its returns, and reversals of those; oldest first.
    pub fn payments_of_order(&self, order_id: &str) -> Result<Vec<String>, Error> {
        self.rows(
            "WITH mine AS (
                     SELECT id FROM payment WHERE order_id = ?1
                     UNION SELECT a.payment_id FROM allocation a JOIN invoice i ON i.id = a.invoice_id WHERE i.order_id = ?1
                     UNION SELECT p.id FROM payment p JOIN sales_return r ON r.id = p.return_id WHERE r.order_id = ?1)
                 SELECT number FROM payment WHERE id IN (SELECT id FROM mine) OR reverses_id IN (SELECT id FROM mine) ORDER BY seq",
            [order_id],
            |r| r.get(0),
        )
    }
}
