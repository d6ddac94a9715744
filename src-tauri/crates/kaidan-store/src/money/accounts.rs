//! The customer's account: balance and credit, open invoices, AR aging (kept for the day or
//! computed), the overdue list, statements, receivables and an order's money.

use std::collections::HashMap;

use kaidan_core::model::{AccountInvoice, AgingRow, OverdueInvoice, PayMethod, StatementRow};
use kaidan_core::{Error, Money, Problem};
use rusqlite::{params, OptionalExtension};

use crate::{Db, SqlResult};

/// The stored facts of a customer's account (the API adds the credit limit and open orders).
#[derive(Debug, Clone, PartialEq)]
pub struct AccountFacts {
    pub balance: Money,
    /// Receipts' money neither matched to an invoice nor paid back.
    pub unallocated: Money,
    pub invoices: Vec<AccountInvoice>,
}

fn days_between(from: &str, to: &str) -> i64 {
    match (chrono::NaiveDate::parse_from_str(from, "%Y-%m-%d"), chrono::NaiveDate::parse_from_str(to, "%Y-%m-%d")) {
        (Ok(a), Ok(b)) => (b - a).num_days(),
        _ => 0,
    }
}

fn blank_row(id: String, name: String) -> AgingRow {
    AgingRow::zero(id, name)
}

impl Db<'_> {
    /// Σ invoices − Σ payments of a customer.
    pub fn customer_balance(&self, customer_id: &str) -> Result<Money, Error> {
        let b: Option<i64> = self
            .row("SELECT invoiced_cents - paid_cents FROM customer_account WHERE customer_id = ?1", [customer_id], |r| r.get(0))
            .optional()
            .sql()?;
        Ok(Money::from_minor(b.unwrap_or(0)))
    }

    /// The customer's unallocated credit: receipts' money neither matched nor paid back
    /// (what is open on invoices less the balance).
    pub fn customer_credit(&self, customer_id: &str) -> Result<Money, Error> {
        let c: Option<i64> = self
            .row("SELECT open_cents - (invoiced_cents - paid_cents) FROM customer_account WHERE customer_id = ?1", [customer_id], |r| {
                r.get(0)
            })
            .optional()
            .sql()?;
        Ok(Money::from_minor(c.unwrap_or(0)))
    }

    /// A customer's balance, unallocated credit and open invoices as of a date.
    pub fn account_facts(&self, customer_id: &str, as_of: &str) -> Result<AccountFacts, Error> {
        let invoices = self.rows(
            "SELECT i.number, so.number, i.issue_date, o.due_date, i.total_cents,
                        COALESCE((SELECT SUM(c.total_cents) FROM invoice c WHERE c.credits_id = i.id), 0),
                        COALESCE((SELECT SUM(a.amount_cents) FROM allocation a WHERE a.invoice_id = i.id), 0),
                        o.open_cents
                 FROM invoice_open o JOIN invoice i ON i.id = o.invoice_id JOIN sales_order so ON so.id = i.order_id
                 WHERE o.customer_id = ?1 AND o.open_cents <> 0 ORDER BY o.due_date, i.seq",
            [customer_id],
            |r| {
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
            },
        )?;
        Ok(AccountFacts { balance: self.customer_balance(customer_id)?, unallocated: self.customer_credit(customer_id)?, invoices })
    }

    /// The day the kept aging (`aging_row`) is for.
    pub fn aging_day(&self) -> Result<String, Error> {
        self.row("SELECT day FROM aging_meta WHERE id = 1", [], |r| r.get(0)).sql()
    }

    /// Rebuilds the kept aging for `day` when it is for another day (the first write of a day
    /// does it). Returns whether it rebuilt.
    pub fn refresh_aging(&self, day: &str) -> Result<bool, Error> {
        if self.aging_day()? == day {
            return Ok(false);
        }
        let rows = self.aging_computed(day)?;
        self.exec("UPDATE aging_meta SET day = ?1 WHERE id = 1", [day]).sql()?;
        self.exec("DELETE FROM aging_row", []).sql()?;
        let mut st = self
            .conn
            .prepare_cached(
                "INSERT INTO aging_row (customer_id, name, not_due_cents, d1_30_cents, d31_60_cents, d61_90_cents, d90_plus_cents, credit_cents)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .sql()?;
        for (r, credit) in rows {
            st.execute(params![
                r.customer_id,
                r.customer,
                (r.current + credit).minor(),
                r.d1_30.minor(),
                r.d31_60.minor(),
                r.d61_90.minor(),
                r.d90_plus.minor(),
                credit.minor()
            ])
            .sql()?;
        }
        Ok(true)
    }

    /// AR aging of every customer with a balance or something open, by name. Open invoices go
    /// into buckets by days past due; unallocated credit counts as current, negative, so that
    /// each row's buckets add up to the customer's balance. Read from the kept aging when it is
    /// for `as_of` (one row a customer), computed from the open invoices otherwise.
    pub fn aging(&self, as_of: &str) -> Result<Vec<AgingRow>, Error> {
        if self.aging_day()? != as_of {
            return Ok(self.aging_computed(as_of)?.into_iter().map(|(r, _)| r).collect());
        }
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT customer_id, name, not_due_cents - credit_cents, d1_30_cents, d31_60_cents, d61_90_cents, d90_plus_cents
                 FROM aging_row INDEXED BY aging_row_name ORDER BY name, customer_id",
            )
            .sql()?;
        let rows = st
            .query_map([], |r| {
                let m = |i: usize| -> rusqlite::Result<Money> { Ok(Money::from_minor(r.get(i)?)) };
                let mut row = blank_row(r.get(0)?, r.get(1)?);
                row.current = m(2)?;
                row.d1_30 = m(3)?;
                row.d31_60 = m(4)?;
                row.d61_90 = m(5)?;
                row.d90_plus = m(6)?;
                row.total = row.current + row.d1_30 + row.d31_60 + row.d61_90 + row.d90_plus;
                Ok(row)
            })
            .sql()?;
        let mut out = rows.collect::<rusqlite::Result<Vec<_>>>().sql()?;
        out.retain(|r| [r.current, r.d1_30, r.d31_60, r.d61_90, r.d90_plus].iter().any(|m| !m.is_zero()));
        Ok(out)
    }

    /// Aging computed from the open invoices, each row with the customer's unmatched credit.
    fn aging_computed(&self, as_of: &str) -> Result<Vec<(AgingRow, Money)>, Error> {
        let day =
            chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").map_err(|_| Error::new(Problem::BadDate { text: as_of.to_string() }))?;
        // the buckets' first days: due on or after `as_of` is current, then 1–30 days late, …
        let before = |days: u64| (day - chrono::Days::new(days)).to_string();
        let (d30, d60, d90) = (before(30), before(60), before(90));
        // One pass over the covering index, in customer order, summing in Rust: SQLite's
        // GROUP BY costs about a microsecond a group, too much for 100,000 customers.
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT o.customer_id, o.due_date, o.open_cents FROM invoice_open o INDEXED BY invoice_open_customer
                 WHERE o.open_cents <> 0 ORDER BY o.customer_id",
            )
            .sql()?;
        let mut rows: Vec<AgingRow> = Vec::new();
        let mut q = st.query([]).sql()?;
        while let Some(r) = q.next().sql()? {
            let id = r.get_ref(0).sql()?.as_str().map_err(crate::storage)?;
            if rows.last().is_none_or(|x| x.customer_id != id) {
                rows.push(blank_row(id.to_string(), String::new()));
            }
            let due = r.get_ref(1).sql()?.as_str().map_err(crate::storage)?;
            let amount = Money::from_minor(r.get(2).sql()?);
            let row = rows.last_mut().expect("pushed");
            let bucket = if due >= as_of {
                &mut row.current
            } else if due >= d30.as_str() {
                &mut row.d1_30
            } else if due >= d60.as_str() {
                &mut row.d31_60
            } else if due >= d90.as_str() {
                &mut row.d61_90
            } else {
                &mut row.d90_plus
            };
            *bucket += amount;
            row.total += amount;
        }
        drop(q);
        // customers with unallocated credit (the partial index lists exactly them)
        let mut credits: HashMap<String, Money> = HashMap::new();
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT a.customer_id, a.open_cents - (a.invoiced_cents - a.paid_cents) FROM customer_account a
                 WHERE a.open_cents <> a.invoiced_cents - a.paid_cents",
            )
            .sql()?;
        for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, Money::from_minor(r.get(1)?)))).sql()? {
            let (id, credit) = row.sql()?;
            credits.insert(id, credit);
        }
        let mut rows: Vec<(AgingRow, Money)> = rows
            .into_iter()
            .map(|mut row| {
                let credit = credits.remove(&row.customer_id).unwrap_or(Money::ZERO);
                row.current -= credit;
                row.total -= credit;
                (row, credit)
            })
            .collect();
        rows.extend(credits.into_iter().map(|(id, credit)| {
            let mut row = blank_row(id, String::new());
            row.current = -credit;
            row.total = -credit;
            (row, credit)
        }));
        // kept when anything is open or owed back, as the kept aging does
        rows.retain(|(r, c)| [r.d1_30, r.d31_60, r.d61_90, r.d90_plus, r.current + *c, *c].iter().any(|m| !m.is_zero()));
        // the names, in one statement (a query per row costs a microsecond each in calls)
        let ids = serde_json::to_string(&rows.iter().map(|(r, _)| r.customer_id.as_str()).collect::<Vec<_>>()).map_err(crate::storage)?;
        let mut names: HashMap<String, String> = HashMap::with_capacity(rows.len());
        let mut st = self.conn.prepare_cached("SELECT id, name FROM customer WHERE id IN (SELECT value FROM json_each(?1))").sql()?;
        for r in st.query_map([ids], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).sql()? {
            let (id, name) = r.sql()?;
            names.insert(id, name);
        }
        for (row, _) in &mut rows {
            row.customer = names.remove(&row.customer_id).unwrap_or_default();
        }
        rows.sort_unstable_by(|(a, _), (b, _)| a.customer.cmp(&b.customer).then_with(|| a.customer_id.cmp(&b.customer_id)));
        Ok(rows)
    }

    /// Open invoices past their due date, the longest overdue first.
    pub fn overdue_invoices(&self, as_of: &str, limit: u32) -> Result<Vec<OverdueInvoice>, Error> {
        Ok(self
            .rows(
                "SELECT c.name, i.number, so.number, o.due_date, o.open_cents, c.id
                 FROM invoice_open o JOIN invoice i ON i.id = o.invoice_id JOIN customer c ON c.id = o.customer_id
                      JOIN sales_order so ON so.id = i.order_id
                 WHERE o.open_cents <> 0 AND o.due_date < ?1 ORDER BY o.due_date, i.seq LIMIT ?2",
                params![as_of, limit],
                |r| {
                    let due: String = r.get(3)?;
                    Ok(OverdueInvoice {
                        customer: r.get(0)?,
                        customer_id: r.get(5)?,
                        number: r.get(1)?,
                        order: r.get(2)?,
                        days_overdue: days_between(&due, as_of).max(0) as u32,
                        due_date: due,
                        open: Money::from_minor(r.get(4)?),
                    })
                },
            )?
            .into_iter()
            .filter(|i| i.open.is_positive())
            .collect())
    }

    /// How many open invoices are past due.
    pub fn overdue_count(&self, as_of: &str) -> Result<u32, Error> {
        self.row("SELECT COUNT(*) FROM invoice_open WHERE open_cents > 0 AND due_date < ?1", [as_of], |r| r.get(0)).sql()
    }

    /// A customer's balance before a date (invoices by issue date, payments by date paid).
    pub fn balance_before(&self, customer_id: &str, date: &str) -> Result<Money, Error> {
        let b: i64 = self
            .row(
                "SELECT COALESCE((SELECT SUM(total_cents) FROM invoice WHERE customer_id = ?1 AND issue_date < ?2), 0)
                      - COALESCE((SELECT SUM(amount_cents) FROM payment WHERE customer_id = ?1 AND paid_on < ?2), 0)",
                params![customer_id, date],
                |r| r.get(0),
            )
            .sql()?;
        Ok(Money::from_minor(b))
    }

    /// A customer's invoices, credit notes and payments dated in `from..=to`, in date order
    /// (documents of one day in the order they were written), with a running balance from
    /// `opening`.
    pub fn statement_rows(&self, customer_id: &str, from: &str, to: &str, opening: Money) -> Result<Vec<StatementRow>, Error> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT d, kind, number, reference, amount, method FROM (
                     SELECT i.issue_date AS d, i.kind AS kind, i.number AS number,
                            CASE WHEN i.kind = 'invoice' THEN o.number ELSE cr.number END AS reference,
                            i.total_cents AS amount, i.created_at AS at, NULL AS method
                     FROM invoice i JOIN sales_order o ON o.id = i.order_id LEFT JOIN invoice cr ON cr.id = i.credits_id
                     WHERE i.customer_id = ?1 AND i.issue_date >= ?2 AND i.issue_date <= ?3
                     UNION ALL
                     SELECT p.paid_on, p.kind, p.number,
                            NULLIF(TRIM(COALESCE(r.number, o.number, sr.number, '') || ' ' || COALESCE(p.reference, '')), ''), -p.amount_cents,
                            p.created_at, p.method
                     FROM payment p LEFT JOIN payment r ON r.id = p.reverses_id LEFT JOIN sales_order o ON o.id = p.order_id
                          LEFT JOIN sales_return sr ON sr.id = p.return_id
                     WHERE p.customer_id = ?1 AND p.paid_on >= ?2 AND p.paid_on <= ?3)
                 ORDER BY d, at, number",
            )
            .sql()?;
        let rows = st
            .query_map(params![customer_id, from, to], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    crate::closed::<kaidan_core::StatementEntry>(r, 1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })
            .sql()?;
        let mut balance = opening;
        let mut out = Vec::new();
        for row in rows {
            let (date, kind, number, reference, amount, method) = row.sql()?;
            let method = method.map(|m| <PayMethod as kaidan_core::Closed>::read_stored(&m)).transpose().map_err(Error::new)?;
            // amount: what the entry adds to the balance
            let amount = Money::from_minor(amount);
            balance += amount;
            let (debit, credit) = if amount.is_negative() { (Money::ZERO, -amount) } else { (amount, Money::ZERO) };
            out.push(StatementRow { date, kind, number, reference, method, debit, credit, balance });
        }
        Ok(out)
    }

    /// The receivables by age, all customers added up (current less credit, 1–30, 31–60, 61–90,
    /// 90+ days past due, total): the kept aging's sums on the day it is kept for, else
    /// [`Db::aging`] added up.
    pub fn aging_totals(&self, as_of: &str) -> Result<AgingRow, Error> {
        let mut t = blank_row(String::new(), String::new());
        if self.aging_day()? == as_of {
            let v: [i64; 5] = self
                .row(
                    "SELECT COALESCE(SUM(not_due_cents - credit_cents), 0), COALESCE(SUM(d1_30_cents), 0), COALESCE(SUM(d31_60_cents), 0),
                            COALESCE(SUM(d61_90_cents), 0), COALESCE(SUM(d90_plus_cents), 0)
                     FROM aging_row",
                    [],
                    |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]),
                )
                .sql()?;
            let m = Money::from_minor;
            (t.current, t.d1_30, t.d31_60, t.d61_90, t.d90_plus) = (m(v[0]), m(v[1]), m(v[2]), m(v[3]), m(v[4]));
            t.total = t.current + t.d1_30 + t.d31_60 + t.d61_90 + t.d90_plus;
        } else {
            for r in self.aging(as_of)? {
                t.add(&r);
            }
        }
        Ok(t)
    }

    /// What all customers owe: Σ balances, and Σ open invoices past due.
    pub fn receivables(&self, as_of: &str) -> Result<(Money, Money), Error> {
        if self.aging_day()? == as_of {
            let (all, late): (i64, i64) = self
                .row(
                    "SELECT COALESCE(SUM(not_due_cents + d1_30_cents + d31_60_cents + d61_90_cents + d90_plus_cents - credit_cents), 0),
                            COALESCE(SUM(d1_30_cents + d31_60_cents + d61_90_cents + d90_plus_cents), 0)
                     FROM aging_row",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .sql()?;
            return Ok((Money::from_minor(all), Money::from_minor(late)));
        }
        let (all, late): (i64, i64) = self
            .row(
                "SELECT COALESCE((SELECT SUM(invoiced_cents - paid_cents) FROM customer_account), 0),
                        COALESCE((SELECT SUM(open_cents) FROM invoice_open WHERE open_cents <> 0 AND due_date < ?1), 0)",
                [as_of],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .sql()?;
        Ok((Money::from_minor(all), Money::from_minor(late)))
    }
}
