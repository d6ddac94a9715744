//! The documents a report adds up: delivery and return lines (sales, cost of goods sold),
//! orders taken and money received, in a date range, grouped by day, product or customer.
//! The measures themselves are kaidan-core's ([`kaidan_core::report::Tally`]).

use std::collections::HashMap;

use kaidan_core::report::{DateRange, Delivered, LateOrder, Moved, SumLevel, Tally};
use kaidan_core::{Error, Money, OrderStatus, Qty};
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

/// The sums a row reads (a report_* table's columns, in [`Tally`]'s order).
const SUMS: &str = "SUM(qty_milli), SUM(net_cents), SUM(total_cents), SUM(cost_cents), SUM(unknown_cents), SUM(orders), SUM(orders_cents)";
const PRODUCT_SUMS: &str = "SELECT product_id, SUM(qty_milli), SUM(net_cents), SUM(total_cents), SUM(cost_cents), SUM(unknown_cents),
        SUM(orders), SUM(orders_cents), 0
     FROM report_product WHERE level = ?1 AND period BETWEEN ?2 AND ?3 GROUP BY product_id";
const CUSTOMER_SUMS: &str = "SELECT customer_id, SUM(qty_milli), SUM(net_cents), SUM(total_cents), SUM(cost_cents), SUM(unknown_cents),
        SUM(orders), SUM(orders_cents), SUM(received_cents)
     FROM report_customer WHERE level = ?1 AND period BETWEEN ?2 AND ?3 GROUP BY customer_id";
/// What a period's rows cost to read, against a day's: a product sells on most days, so its
/// month is a few days' rows; a customer buys now and then, so their month and year are many.
/// (Migration 0015 keeps products by day, customers by month and day.)
const PRODUCT_LEVELS: [(SumLevel, u64); 1] = [(SumLevel::Day, 1)];
const CUSTOMER_LEVELS: [(SumLevel, u64); 2] = [(SumLevel::Month, 15), (SumLevel::Day, 1)];

/// A level's code in the report_* tables.
fn level_code(l: SumLevel) -> &'static str {
    match l {
        SumLevel::Year => "y",
        SumLevel::Month => "m",
        SumLevel::Day => "d",
    }
}

/// Each order's goods delivered (`live` 0) and returned (`live` 1: they count whatever became of
/// their order) from ?1 to ?2: quantity, net, total, cost and net of unknown cost.
const ORDER_GOODS: &str = "WITH goods (oid, live, q, n, t, k, u) AS (
                 SELECT d.order_id, 0, SUM(dl.qty_milli), SUM(COALESCE(dl.net_cents, 0)), SUM(COALESCE(dl.total_cents, 0)),
                        SUM(COALESCE(dl.cost_cents, 0)), SUM(CASE WHEN dl.cost_cents IS NULL THEN COALESCE(dl.net_cents, 0) ELSE 0 END)
                 FROM delivery d INDEXED BY delivery_date JOIN delivery_line dl ON dl.delivery_id = d.id
                 WHERE d.delivery_date BETWEEN ?1 AND ?2 AND d.deleted_at IS NULL AND dl.deleted_at IS NULL
                 GROUP BY d.order_id
                 UNION ALL
                 -- returns count whatever became of their order
                 SELECT r.order_id, 1, -SUM(rl.qty_milli), -SUM(COALESCE(rl.net_cents, 0)), -SUM(rl.total_cents),
                        -SUM(COALESCE(rl.cost_cents, 0)), SUM(CASE WHEN rl.cost_cents IS NULL THEN -COALESCE(rl.net_cents, 0) ELSE 0 END)
                 FROM sales_return r JOIN return_line rl ON rl.return_id = r.id
                 WHERE r.return_date BETWEEN ?1 AND ?2
                 GROUP BY r.order_id)";

impl Db<'_> {
    /// The documents of `range`, added up per group: read from the sums the documents' triggers
    /// keep (migration 0015, checked by `kaidan check`), a range as its whole years and months
    /// and the days left over. Groups whose documents add up to nothing are left out.
    pub fn report_tallies(&self, range: &DateRange, group: ReportGroup) -> Result<HashMap<String, Tally>, Error> {
        let mut sums: HashMap<String, [i64; 8]> = HashMap::new();
        let mut add = |key: String, minus: bool, v: [i64; 8]| {
            let s = sums.entry(key).or_default();
            for (a, b) in s.iter_mut().zip(v) {
                *a += if minus { -b } else { b };
            }
        };
        let (from, to) = (range.from.to_string(), range.to.to_string());
        let read = |r: &rusqlite::Row| -> rusqlite::Result<(String, [i64; 8])> {
            let mut v = [0i64; 8];
            for (i, x) in v.iter_mut().enumerate() {
                *x = r.get::<_, Option<i64>>(i + 1)?.unwrap_or(0);
            }
            Ok((r.get(0)?, v))
        };
        match group {
            ReportGroup::All | ReportGroup::Day => {
                let key = if group == ReportGroup::All { "''" } else { "day" };
                let grouped = if group == ReportGroup::All { "" } else { "GROUP BY day" };
                let sql = format!("SELECT {key}, {SUMS}, SUM(received_cents) FROM report_day WHERE day BETWEEN ?1 AND ?2 {grouped}");
                for (k, v) in self.rows(&sql, params![from, to], read)? {
                    add(k, false, v);
                }
            }
            ReportGroup::Product | ReportGroup::Customer => {
                let (sql, levels) =
                    if group == ReportGroup::Product { (PRODUCT_SUMS, &PRODUCT_LEVELS[..]) } else { (CUSTOMER_SUMS, &CUSTOMER_LEVELS[..]) };
                for span in range.cover(levels) {
                    let (a, b) = span.keys();
                    for (k, v) in self.rows(sql, params![level_code(span.level), a, b], read)? {
                        add(k, span.minus, v);
                    }
                }
            }
        }
        Ok(sums
            .into_iter()
            .filter(|(_, v)| v.iter().any(|x| *x != 0))
            .map(|(k, [qty, net, total, cost, unknown, orders, orders_value, received])| {
                let m = Money::from_minor;
                let mut t = Tally::default();
                t.goods(Qty::from_minor(qty), m(net), m(total), m(cost), m(unknown));
                t.orders = u32::try_from(orders).unwrap_or(0);
                t.orders_value = m(orders_value);
                t.received = m(received);
                (k, t)
            })
            .collect())
    }

    /// Money by day and method from `from` to `to`: receipts and refunds (positive) with their
    /// reversals netted into them (a reversed receipt took nothing in), from the sums the
    /// payments' trigger keeps (report_money, migration 0017). Days and methods with no payment
    /// are left out.
    pub fn money_moved(&self, from: &str, to: &str) -> Result<Vec<(String, Moved)>, Error> {
        self.rows(
            "SELECT day, method, received_cents, refunded_cents FROM report_money
             WHERE day BETWEEN ?1 AND ?2 AND (received_cents <> 0 OR refunded_cents <> 0)",
            [from, to],
            |r| {
                Ok((
                    r.get(0)?,
                    Moved { method: crate::closed(r, 1)?, received: Money::from_minor(r.get(2)?), refunded: Money::from_minor(r.get(3)?) },
                ))
            },
        )
    }

    /// Orders taken from `from` to `to` (by order date, not deleted; drafts and cancelled ones
    /// too), by the status they stand in now.
    pub fn order_statuses(&self, from: &str, to: &str) -> Result<Vec<(OrderStatus, u32)>, Error> {
        self.rows(
            "SELECT status, COUNT(*) FROM sales_order WHERE order_date BETWEEN ?1 AND ?2 AND deleted_at IS NULL GROUP BY status",
            [from, to],
            |r| Ok((crate::closed(r, 0)?, r.get(1)?)),
        )
    }

    /// Orders delivered in full from `from` to `to` (imported history left out), counted by lead
    /// time and promise, from the counts kept by day (report_fulfil, migration 0017).
    pub fn fulfilled(&self, from: &str, to: &str) -> Result<Vec<Delivered>, Error> {
        self.rows(
            "SELECT lead_days, promise, SUM(orders) FROM report_fulfil WHERE day BETWEEN ?1 AND ?2 GROUP BY 1, 2 HAVING SUM(orders) <> 0",
            [from, to],
            |r| {
                let promise: i64 = r.get(1)?;
                Ok(Delivered { days: r.get(0)?, on_time: (promise != 0).then_some(promise == 1), orders: r.get(2)? })
            },
        )
    }

    /// Open orders (confirmed or partly delivered) promised before `today`: how many, and the
    /// `limit` latest (longest overdue first).
    pub fn late_orders(&self, today: &str, limit: u32) -> Result<(u32, Vec<LateOrder>), Error> {
        use crate::stock::{LATE, OPEN_ORDERS};
        let count: u32 = self.row(&format!("SELECT COUNT(*) {OPEN_ORDERS} AND {LATE}"), [today], |r| r.get(0)).sql()?;
        let rows = self.rows(
            &format!(
                "SELECT o.number, o.customer_id, c.name, o.status, o.order_date, o.deliver_by,
                        CAST(julianday(?1) - julianday(o.deliver_by) AS INTEGER), o.total_cents
                 FROM (SELECT o.seq {OPEN_ORDERS} AND {LATE} ORDER BY o.deliver_by, o.seq LIMIT ?2) x
                 JOIN sales_order o ON o.seq = x.seq JOIN customer c ON c.id = o.customer_id
                 ORDER BY o.deliver_by, o.number"
            ),
            params![today, limit],
            |r| {
                Ok(LateOrder {
                    number: r.get(0)?,
                    customer_id: r.get(1)?,
                    customer: r.get(2)?,
                    status: crate::closed(r, 3)?,
                    order_date: r.get(4)?,
                    deliver_by: r.get(5)?,
                    days_late: r.get(6)?,
                    total: Money::from_minor(r.get(7)?),
                })
            },
        )?;
        Ok((count, rows))
    }

    /// Each order's goods delivered and returned from `from` to `to` (what the range sold, by
    /// order): its number, customer, order date and tally. Orders of deleted deliveries and
    /// orders do not count (as in the reports' sums).
    pub fn order_goods(&self, from: &str, to: &str) -> Result<Vec<(String, String, String, String, Tally)>, Error> {
        self.rows(
            &format!(
                "{ORDER_GOODS}
             SELECT o.number, o.customer_id, c.name, o.order_date, SUM(q), SUM(n), SUM(t), SUM(k), SUM(u)
             FROM goods g JOIN sales_order o ON o.id = g.oid JOIN customer c ON c.id = o.customer_id
             WHERE g.live = 1 OR o.deleted_at IS NULL
             GROUP BY g.oid"
            ),
            [from, to],
            |r| {
                let m = |i| r.get::<_, i64>(i).map(Money::from_minor);
                let mut t = Tally::default();
                t.goods(Qty::from_minor(r.get(4)?), m(5)?, m(6)?, m(7)?, m(8)?);
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, t))
            },
        )
    }

    /// Each salesperson's orders from `from` to `to` (业务员业绩): the goods they delivered and
    /// took back in the range (as [`Db::order_goods`]) and the orders they took (by order date,
    /// confirmed or later, not cancelled or deleted: as the reports' sums count them), by the
    /// salesperson's name. Salespeople with neither are left out.
    pub fn salesperson_tallies(&self, from: &str, to: &str) -> Result<Vec<(String, Tally)>, Error> {
        self.rows(
            &format!(
                "{ORDER_GOODS},
                 sold AS (
                     SELECT o.salesperson_id AS sp, SUM(q) AS q, SUM(n) AS n, SUM(t) AS t, SUM(k) AS k, SUM(u) AS u
                     FROM goods g JOIN sales_order o ON o.id = g.oid
                     WHERE g.live = 1 OR o.deleted_at IS NULL
                     GROUP BY o.salesperson_id),
                 taken AS (
                     SELECT salesperson_id AS sp, COUNT(*) AS c, SUM(total_cents) AS v FROM sales_order
                     WHERE order_date BETWEEN ?1 AND ?2 AND deleted_at IS NULL
                       AND status NOT IN ('draft', 'pending_approval', 'cancelled')
                     GROUP BY salesperson_id),
                 who AS (SELECT sp FROM sold UNION SELECT sp FROM taken)
             SELECT op.name, COALESCE(s.q, 0), COALESCE(s.n, 0), COALESCE(s.t, 0), COALESCE(s.k, 0), COALESCE(s.u, 0),
                    COALESCE(tk.c, 0), COALESCE(tk.v, 0)
             FROM who JOIN operator op ON op.id = who.sp
             LEFT JOIN sold s ON s.sp = who.sp LEFT JOIN taken tk ON tk.sp = who.sp"
            ),
            [from, to],
            |r| {
                let m = |i| r.get::<_, i64>(i).map(Money::from_minor);
                let mut t = Tally::default();
                t.goods(Qty::from_minor(r.get(1)?), m(2)?, m(3)?, m(4)?, m(5)?);
                t.orders = r.get(6)?;
                t.orders_value = m(7)?;
                Ok((r.get(0)?, t))
            },
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
