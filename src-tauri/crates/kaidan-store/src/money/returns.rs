//! Returns (退货): written with their lines, read back with their credit notes and refund.

use std::collections::HashMap;

use kaidan_core::model::{ReturnLine, SalesReturn, Settlement};
use kaidan_core::{Entity, Error, Money, Problem, Qty};
use rusqlite::{params, OptionalExtension};

use crate::{Db, SqlResult, Stamp};

/// A return header as written.
#[derive(Debug, Clone)]
pub struct ReturnWrite<'a> {
    pub id: &'a str,
    pub number: &'a str,
    pub order_id: &'a str,
    pub customer_id: &'a str,
    pub return_date: &'a str,
    pub total: Money,
    pub settlement: Settlement,
    pub reason: Option<&'a str>,
    pub exchange_order_id: Option<&'a str>,
}

/// A return line as written.
#[derive(Debug, Clone)]
pub struct ReturnLineWrite {
    pub order_line_id: String,
    pub product_id: String,
    pub line: ReturnLine,
    /// The line's value without tax.
    pub net: Money,
    /// The cost of the goods coming back onto the shelf (zero when written off; `None`: not
    /// known).
    pub cost: Option<Money>,
}

impl Db<'_> {
    pub fn insert_return(&self, stamp: &Stamp, r: &ReturnWrite<'_>, lines: &[ReturnLineWrite]) -> Result<(), Error> {
        self.exec(
            "INSERT INTO sales_return (id, number, order_id, customer_id, return_date, total_cents, settlement, reason, exchange_order_id,
                                       created_by, device_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                r.id,
                r.number,
                r.order_id,
                r.customer_id,
                r.return_date,
                r.total.minor(),
                r.settlement.as_str(),
                r.reason,
                r.exchange_order_id,
                stamp.operator_id,
                stamp.device_id,
                stamp.time()
            ],
        )
        .sql()?;
        let mut st = self
            .conn
            .prepare_cached(
                "INSERT INTO return_line (id, return_id, line_no, order_line_id, product_id, sku, name, unit, qty_milli, restock, total_cents,
                                          net_cents, cost_cents)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )
            .sql()?;
        for (i, w) in lines.iter().enumerate() {
            let l = &w.line;
            st.execute(params![
                crate::new_id(stamp.at),
                r.id,
                i as i64 + 1,
                w.order_line_id,
                w.product_id,
                l.sku,
                l.name,
                l.unit,
                l.qty.minor(),
                l.restock,
                l.total.minor(),
                w.net.minor(),
                w.cost.map(Money::minor)
            ])
            .sql()?;
        }
        Ok(())
    }

    /// The value returns took off each line of an order (lines nothing came back on are absent).
    pub fn returned_value_by_order_line(&self, order_id: &str) -> Result<HashMap<String, Money>, Error> {
        let rows = self.rows(
            "SELECT rl.order_line_id, SUM(rl.total_cents)
             FROM sales_return r JOIN return_line rl ON rl.return_id = r.id
             WHERE r.order_id = ?1 GROUP BY rl.order_line_id",
            [order_id],
            |r| Ok((r.get::<_, String>(0)?, Money::from_minor(r.get(1)?))),
        )?;
        Ok(rows.into_iter().collect())
    }

    /// The return by its number, with its credit notes and refund.
    pub fn sales_return(&self, number: &str) -> Result<SalesReturn, Error> {
        let mut r = self
            .row(
                "SELECT r.id, r.number, o.number, c.name, r.return_date, r.total_cents, r.settlement, r.reason, x.number, op.name, r.created_at
                 FROM sales_return r JOIN sales_order o ON o.id = r.order_id JOIN customer c ON c.id = r.customer_id
                      JOIN operator op ON op.id = r.created_by LEFT JOIN sales_order x ON x.id = r.exchange_order_id
                 WHERE r.number = ?1",
                [number],
                |r| {
                    Ok(SalesReturn {
                        id: r.get(0)?,
                        number: r.get(1)?,
                        order: r.get(2)?,
                        customer: r.get(3)?,
                        date: r.get(4)?,
                        total: Money::from_minor(r.get(5)?),
                        settlement: crate::closed(r, 6)?,
                        reason: r.get(7)?,
                        exchange_order: r.get(8)?,
                        created_by: r.get(9)?,
                        created_at: r.get(10)?,
                        lines: Vec::new(),
                        credit_notes: Vec::new(),
                        refund: None,
                        refunded: Money::ZERO,
                    })
                },
            )
            .optional()
            .sql()?
            .ok_or_else(|| Error::new(Problem::NotFound { what: Entity::Return, key: number.to_string() }))?;
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT sku, name, unit, qty_milli, restock, total_cents FROM return_line WHERE return_id = ?1 ORDER BY line_no",
            )
            .sql()?;
        r.lines = st
            .query_map([&r.id], |row| {
                Ok(ReturnLine {
                    sku: row.get(0)?,
                    name: row.get(1)?,
                    unit: row.get(2)?,
                    qty: Qty::from_minor(row.get(3)?),
                    restock: row.get(4)?,
                    total: Money::from_minor(row.get(5)?),
                })
            })
            .sql()?
            .collect::<rusqlite::Result<Vec<_>>>()
            .sql()?;
        let mut st = self.conn.prepare_cached("SELECT number FROM invoice WHERE return_id = ?1 ORDER BY seq").sql()?;
        r.credit_notes = st.query_map([&r.id], |row| row.get(0)).sql()?.collect::<rusqlite::Result<Vec<_>>>().sql()?;
        let refunds: Vec<(String, i64)> = {
            self.rows("SELECT number, amount_cents FROM payment WHERE return_id = ?1 ORDER BY seq", [&r.id], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?
        };
        r.refund = refunds.first().map(|(n, _)| n.clone());
        r.refunded = -Money::from_minor(refunds.iter().map(|(_, a)| a).sum());
        Ok(r)
    }

    /// The numbers of an order's returns, oldest first.
    pub fn returns_of_order(&self, order_id: &str) -> Result<Vec<String>, Error> {
        self.rows("SELECT number FROM sales_return WHERE order_id = ?1 ORDER BY seq", [order_id], |r| r.get(0))
    }
}
