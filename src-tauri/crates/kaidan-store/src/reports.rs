//! The documents a report adds up: delivery and return lines (sales, cost of goods sold),
//! orders taken and money received, in a date range, grouped by day, product or customer.
//! The measures themselves are kaidan-core's ([`kaidan_core::report::Tally`]).

use std::collections::HashMap;

use kaidan_core::report::Tally;
use kaidan_core::{Error, Money, Qty};
use rusqlite::params;

use crate::{Db, SqlResult};

/// What a report's rows are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportGroup {
    /// One row for the whole range (key "").
    All,
    /// A row a day (key: the date).
    Day,
    /// A row a product (key: its id).
    Product,
    /// A row a customer (key: their id).
    Customer,
}

/// A product as a report row names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductHead {
    pub sku: String,
    pub name: String,
    pub unit: String,
}

/// A customer as a report row names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerHead {
    pub name: String,
    pub region: Option<String>,
}

impl Db<'_> {
    /// The documents of `from..=to` (dates), added up per group.
    pub fn report_tallies(&self, from: &str, to: &str, group: ReportGroup) -> Result<HashMap<String, Tally>, Error> {
        let mut out: HashMap<String, Tally> = HashMap::new();
        let (dk, rk, ok, pk) = match group {
            ReportGroup::All => ("''", "''", "''", "''"),
            ReportGroup::Day => ("d.delivery_date", "r.return_date", "o.order_date", "p.paid_on"),
            ReportGroup::Product => ("dl.product_id", "rl.product_id", "l.product_id", "NULL"),
            ReportGroup::Customer => ("o.customer_id", "r.customer_id", "o.customer_id", "p.customer_id"),
        };
        // goods delivered (what they sold, and what they cost: NULL not known), and goods
        // returned (sales taken back, and the cost they took back: 0 written off), each summed
        // per key and added by the core's tally, returns negated
        let delivered = format!(
            "SELECT {dk}, SUM(dl.qty_milli), SUM(dl.net_cents), SUM(dl.total_cents), COALESCE(SUM(dl.cost_cents), 0),
                    SUM(CASE WHEN dl.cost_cents IS NULL THEN dl.net_cents ELSE 0 END)
             FROM delivery d JOIN delivery_line dl ON dl.delivery_id = d.id JOIN sales_order o ON o.id = d.order_id
             WHERE d.delivery_date BETWEEN ?1 AND ?2 AND d.deleted_at IS NULL AND dl.deleted_at IS NULL AND o.deleted_at IS NULL
             GROUP BY 1"
        );
        let returned = format!(
            "SELECT {rk}, SUM(rl.qty_milli), SUM(rl.net_cents), SUM(rl.total_cents), COALESCE(SUM(rl.cost_cents), 0),
                    SUM(CASE WHEN rl.cost_cents IS NULL THEN rl.net_cents ELSE 0 END)
             FROM sales_return r JOIN return_line rl ON rl.return_id = r.id
             WHERE r.return_date BETWEEN ?1 AND ?2
             GROUP BY 1"
        );
        for (sql, sign) in [(&delivered, 1), (&returned, -1)] {
            let rows = self.rows(sql, params![from, to], |r| {
                Ok((r.get::<_, String>(0)?, [r.get::<_, i64>(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?]))
            })?;
            for (key, [qty, net, total, cost, unknown]) in rows {
                let m = |v: i64| Money::from_minor(sign * v);
                out.entry(key).or_default().goods(Qty::from_minor(sign * qty), m(net), m(total), m(cost), m(unknown));
            }
        }
        // orders taken: confirmed or later, by order date; a product's are the orders with it
        // (their value: its lines')
        let taken = if group == ReportGroup::Product {
            "SELECT l.product_id, COUNT(DISTINCT o.id), SUM(l.total_cents)
             FROM sales_order o JOIN order_line l ON l.order_id = o.id
             WHERE o.order_date BETWEEN ?1 AND ?2 AND o.status NOT IN ('draft', 'pending_approval', 'cancelled')
               AND o.deleted_at IS NULL AND l.deleted_at IS NULL
             GROUP BY 1"
                .to_string()
        } else {
            format!(
                "SELECT {ok}, COUNT(*), SUM(o.total_cents) FROM sales_order o
                 WHERE o.order_date BETWEEN ?1 AND ?2 AND o.status NOT IN ('draft', 'pending_approval', 'cancelled')
                   AND o.deleted_at IS NULL
                 GROUP BY 1"
            )
        };
        for (key, n, value) in
            self.rows(&taken, params![from, to], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))?
        {
            let t = out.entry(key).or_default();
            t.orders += n as u32;
            t.orders_value += Money::from_minor(value);
        }
        // money received, less refunds (and reversals); not a product's
        if group != ReportGroup::Product {
            let received = format!("SELECT {pk}, SUM(p.amount_cents) FROM payment p WHERE p.paid_on BETWEEN ?1 AND ?2 GROUP BY 1");
            for (key, amount) in self.rows(&received, params![from, to], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
                out.entry(key).or_default().received += Money::from_minor(amount);
            }
        }
        Ok(out)
    }

    /// Money by method on `day`: (method, received, refunded), receipts and refunds with their
    /// reversals netted into them (a reversed receipt took nothing in).
    pub fn money_by_method(&self, day: &str) -> Result<Vec<(String, i64, i64)>, Error> {
        self.rows(
            "SELECT p.method,
                    SUM(CASE WHEN p.kind = 'receipt' OR (p.kind = 'reversal' AND r.kind = 'receipt') THEN p.amount_cents ELSE 0 END),
                    -SUM(CASE WHEN p.kind = 'refund' OR (p.kind = 'reversal' AND r.kind = 'refund') THEN p.amount_cents ELSE 0 END)
             FROM payment p LEFT JOIN payment r ON r.id = p.reverses_id
             WHERE p.paid_on = ?1 GROUP BY p.method",
            [day],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    /// How many deliveries and returns were made on `day`.
    pub fn documents_on(&self, day: &str) -> Result<(u32, u32), Error> {
        self.row(
            "SELECT (SELECT COUNT(*) FROM delivery WHERE delivery_date = ?1 AND deleted_at IS NULL),
                    (SELECT COUNT(*) FROM sales_return WHERE return_date = ?1)",
            [day],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .sql()
    }

    /// Every product's SKU, name and unit, by id (deleted ones too: they sold once).
    pub fn product_heads(&self) -> Result<HashMap<String, ProductHead>, Error> {
        let rows = self.rows("SELECT id, sku, name, unit FROM product", [], |r| {
            Ok((r.get::<_, String>(0)?, ProductHead { sku: r.get(1)?, name: r.get(2)?, unit: r.get(3)? }))
        })?;
        Ok(rows.into_iter().collect())
    }

    /// Every customer's name and region, by id.
    pub fn customer_heads(&self) -> Result<HashMap<String, CustomerHead>, Error> {
        let rows = self.rows("SELECT id, name, region FROM customer", [], |r| {
            Ok((r.get::<_, String>(0)?, CustomerHead { name: r.get(1)?, region: r.get(2)? }))
        })?;
        Ok(rows.into_iter().collect())
    }

    /// The first day anything was sold or ordered (the report screen's "all time"), if any.
    pub fn first_business_day(&self) -> Result<Option<String>, Error> {
        self.row(
            "SELECT MIN(x) FROM (SELECT MIN(delivery_date) AS x FROM delivery WHERE deleted_at IS NULL
                                 UNION ALL SELECT MIN(order_date) FROM sales_order WHERE deleted_at IS NULL)",
            [],
            |r| r.get(0),
        )
        .sql()
    }
}
