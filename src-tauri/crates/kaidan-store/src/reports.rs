//! The documents a report adds up: delivery and return lines (sales, cost of goods sold),
//! orders taken and money received, in a date range, grouped by day, product or customer.
//! The measures themselves are kaidan-core's ([`kaidan_core::report::Tally`]).

use std::collections::HashMap;

use kaidan_core::report::{DateRange, Delivered, LateOrder, Moved, RankBy, SumLevel, Tally};
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
/// (Migration 0015 keeps products by day, customers by month and day; 0028 customers by year,
/// 0029 products by month.)
const PRODUCT_LEVELS: [(SumLevel, u64); 2] = [(SumLevel::Month, 2), (SumLevel::Day, 1)];
const CUSTOMER_LEVELS: [(SumLevel, u64); 3] = [(SumLevel::Year, 25), (SumLevel::Month, 15), (SumLevel::Day, 1)];

/// The rows waiting in report_pending (migration 0028), read as the sums read them: each query
/// takes the range's first and last day, and gives a group's key and [`Tally`]'s columns.
const PENDING_ALL: &str = "SELECT '', {SUMS}, SUM(received_cents) FROM report_pending
     WHERE only_product = 0 AND day BETWEEN ?1 AND ?2";
const PENDING_DAY: &str = "SELECT day, {SUMS}, SUM(received_cents) FROM report_pending
     WHERE only_product = 0 AND day BETWEEN ?1 AND ?2 GROUP BY day";
const PENDING_PRODUCT: &str = "SELECT product_id, SUM(qty_milli), SUM(net_cents), SUM(total_cents), SUM(cost_cents),
        SUM(unknown_cents), SUM(orders * only_product), SUM(orders_cents * only_product), 0
     FROM report_pending WHERE product_id IS NOT NULL AND day BETWEEN ?1 AND ?2 GROUP BY product_id";
const PENDING_CUSTOMER: &str = "SELECT customer_id, {SUMS}, SUM(received_cents) FROM report_pending
     WHERE customer_id IS NOT NULL AND only_product = 0 AND day BETWEEN ?1 AND ?2 GROUP BY customer_id";

/// How many rows may wait in report_pending before a write adds them to the sums: a report
/// reads the rows waiting without an index, so a few thousand cost it a millisecond or two;
/// adding them up costs the write that does it a few milliseconds, once in some hundred orders.
pub(crate) const FOLD_AT: i64 = 4096;

/// Adds the rows waiting in report_pending to the sums they belong to (what the documents'
/// triggers wrote straight into them before migration 0028: the day; a product's goods by
/// month and day, and its orders taken; a customer's by year, month and day; an order's goods over its
/// life, report_order; orders taken by day and channel, report_channel, 0029) and empties it. Run inside
/// the caller's transaction.
const FOLD: &str = "
INSERT INTO report_day (day, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, orders, orders_cents, received_cents)
SELECT day, SUM(qty_milli), SUM(net_cents), SUM(total_cents), SUM(cost_cents), SUM(unknown_cents), SUM(orders),
       SUM(orders_cents), SUM(received_cents)
FROM report_pending WHERE only_product = 0 GROUP BY day
ON CONFLICT (day) DO UPDATE SET
    qty_milli = qty_milli + excluded.qty_milli, net_cents = net_cents + excluded.net_cents,
    total_cents = total_cents + excluded.total_cents, cost_cents = cost_cents + excluded.cost_cents,
    unknown_cents = unknown_cents + excluded.unknown_cents, orders = orders + excluded.orders,
    orders_cents = orders_cents + excluded.orders_cents, received_cents = received_cents + excluded.received_cents;
INSERT INTO report_product (level, period, product_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, orders, orders_cents)
SELECT l.level, substr(p.day, 1, l.len), p.product_id, SUM(qty_milli), SUM(net_cents), SUM(total_cents), SUM(cost_cents),
       SUM(unknown_cents), SUM(orders * only_product), SUM(orders_cents * only_product)
FROM report_pending p, (SELECT 'm' AS level, 7 AS len UNION ALL SELECT 'd', 10) l
WHERE p.product_id IS NOT NULL GROUP BY 1, 2, 3
ON CONFLICT (level, period, product_id) DO UPDATE SET
    qty_milli = qty_milli + excluded.qty_milli, net_cents = net_cents + excluded.net_cents,
    total_cents = total_cents + excluded.total_cents, cost_cents = cost_cents + excluded.cost_cents,
    unknown_cents = unknown_cents + excluded.unknown_cents, orders = orders + excluded.orders,
    orders_cents = orders_cents + excluded.orders_cents;
INSERT INTO report_customer (level, period, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents,
                             orders, orders_cents, received_cents)
SELECT l.level, substr(p.day, 1, l.len), p.customer_id, SUM(qty_milli), SUM(net_cents), SUM(total_cents), SUM(cost_cents),
       SUM(unknown_cents), SUM(orders), SUM(orders_cents), SUM(received_cents)
FROM report_pending p, (SELECT 'y' AS level, 4 AS len UNION ALL SELECT 'm', 7 UNION ALL SELECT 'd', 10) l
WHERE p.customer_id IS NOT NULL AND p.only_product = 0
GROUP BY 1, 2, 3
ON CONFLICT (level, period, customer_id) DO UPDATE SET
    qty_milli = qty_milli + excluded.qty_milli, net_cents = net_cents + excluded.net_cents,
    total_cents = total_cents + excluded.total_cents, cost_cents = cost_cents + excluded.cost_cents,
    unknown_cents = unknown_cents + excluded.unknown_cents, orders = orders + excluded.orders,
    orders_cents = orders_cents + excluded.orders_cents, received_cents = received_cents + excluded.received_cents;
INSERT INTO report_order (order_id, first_day, last_day, lines, qty_milli, net_cents, total_cents, cost_cents, unknown_cents)
SELECT order_id, MIN(day), MAX(day), SUM(lines), SUM(qty_milli), SUM(net_cents), SUM(total_cents), SUM(cost_cents), SUM(unknown_cents)
FROM report_pending WHERE order_id IS NOT NULL GROUP BY order_id
ON CONFLICT (order_id) DO UPDATE SET
    first_day = min(first_day, excluded.first_day), last_day = max(last_day, excluded.last_day), lines = lines + excluded.lines,
    qty_milli = qty_milli + excluded.qty_milli, net_cents = net_cents + excluded.net_cents,
    total_cents = total_cents + excluded.total_cents, cost_cents = cost_cents + excluded.cost_cents,
    unknown_cents = unknown_cents + excluded.unknown_cents;
INSERT INTO report_channel (day, channel, orders, orders_cents)
SELECT day, channel, SUM(orders), SUM(orders_cents) FROM report_pending WHERE channel IS NOT NULL GROUP BY day, channel
ON CONFLICT (day, channel) DO UPDATE SET orders = orders + excluded.orders, orders_cents = orders_cents + excluded.orders_cents;
DELETE FROM report_pending;";

/// [`FOLD`]s the rows waiting when [`FOLD_AT`] or more are (`always`: when any are), inside
/// the caller's transaction. Rows are only ever appended and all removed at once, so the
/// largest rowid is how many wait (found through the table's b-tree, not by counting).
///
/// Fails when an import's bulk history is still held back from the reports (migration 0031:
/// [`Db::insert_history`] without [`Db::add_history_to_reports`]): committed, its orders would
/// be missing from every report.
pub(crate) fn fold_reports(conn: &rusqlite::Connection, always: bool) -> rusqlite::Result<()> {
    let (waiting, held): (i64, Option<String>) = conn
        .prepare_cached("SELECT (SELECT COALESCE(MAX(rowid), 0) FROM report_pending), (SELECT batch_id FROM report_bulk LIMIT 1)")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if let Some(batch) = held {
        let detail = format!("import batch {batch}: its history was not added to the reports");
        return Err(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR), Some(detail)));
    }
    if waiting >= FOLD_AT || (always && waiting > 0) {
        conn.execute_batch(FOLD)?;
    }
    Ok(())
}

/// What an import's history adds to the reports, gathered while [`Db::insert_history`] writes
/// it (migration 0031: the reports' triggers leave an import batch's history alone) and added by
/// [`Db::add_history_to_reports`] in a few rows: what the triggers of its orders, lines and
/// delivery lines would have added (migrations 0015, 0018, 0028, 0029) — the same figures, grouped
/// as far as the sums allow.
#[derive(Debug, Default)]
pub struct HistorySums {
    /// The batches held back from the triggers until these sums are added.
    pub(crate) batches: std::collections::BTreeSet<String>,
    /// By day, customer and channel: the goods delivered and the orders taken.
    pub(crate) buyers: HashMap<(String, String, String), [i64; 7]>,
    /// By day and product: the goods delivered, and the orders taken (an order once for each
    /// product it has) — `only_product` rows.
    pub(crate) products: HashMap<(String, String), [i64; 7]>,
    /// Each customer's first and last order day, orders and their value (customer_orders).
    pub(crate) customers: HashMap<String, (String, String, i64, i64)>,
}

impl HistorySums {
    /// An order of history as [`Db::insert_history`] writes it: taken and delivered in full on
    /// its order's day, at its prices, the goods' cost not known. Gives the order's own goods and
    /// lines delivered (report_order's row, which groups no further: the caller writes it with
    /// the order), `None` when nothing was delivered.
    pub(crate) fn history(&mut self, o: &kaidan_core::order::SalesOrder) -> Option<([i64; 5], i64)> {
        let day = o.order_date.as_str();
        // each product once, with its lines' value
        let mut products: Vec<(&str, i64)> = Vec::new();
        for l in &o.lines {
            match products.iter_mut().find(|(p, _)| *p == l.product_id) {
                Some((_, total)) => *total += l.amounts.total.minor(),
                None => products.push((&l.product_id, l.amounts.total.minor())),
            }
        }
        for (product, total) in products {
            self.product_ordered(day, product, total);
        }
        let mut delivered = [0i64; 5];
        let mut lines = 0;
        for l in o.lines.iter().filter(|l| l.qty > Qty::ZERO) {
            let net = l.amounts.net.minor();
            let goods = [l.qty.minor(), net, l.amounts.total.minor(), 0, net];
            self.goods(day, &l.product_id, goods);
            for (d, g) in delivered.iter_mut().zip(goods) {
                *d += g;
            }
            lines += 1;
        }
        self.order(day, &o.customer_id, o.channel.as_str(), o.totals.total.minor(), delivered);
        (lines > 0).then_some((delivered, lines))
    }

    /// An order of history taken on `day` by `customer` through `channel`, worth `total`, its
    /// goods delivered that day: quantity, net, total, cost and the net of goods whose cost is
    /// not known.
    fn order(&mut self, day: &str, customer: &str, channel: &str, total: i64, goods: [i64; 5]) {
        let b = self.buyers.entry((day.to_string(), customer.to_string(), channel.to_string())).or_default();
        for (s, g) in b.iter_mut().zip(goods) {
            *s += g;
        }
        b[5] += 1;
        b[6] += total;
        let c = self.customers.entry(customer.to_string()).or_insert_with(|| (day.to_string(), day.to_string(), 0, 0));
        if day < c.0.as_str() {
            c.0 = day.to_string();
        }
        if day > c.1.as_str() {
            c.1 = day.to_string();
        }
        c.2 += 1;
        c.3 += total;
    }

    /// A product of an order taken on `day`: its lines' value with tax, the order counted once.
    fn product_ordered(&mut self, day: &str, product: &str, total: i64) {
        let p = self.products.entry((day.to_string(), product.to_string())).or_default();
        p[5] += 1;
        p[6] += total;
    }

    /// Goods of `product` delivered on `day`: quantity, net, total, cost, net of unknown cost.
    fn goods(&mut self, day: &str, product: &str, goods: [i64; 5]) {
        let p = self.products.entry((day.to_string(), product.to_string())).or_default();
        for (s, g) in p.iter_mut().zip(goods) {
            *s += g;
        }
    }
}

/// A level's code in the report_* tables.
fn level_code(l: SumLevel) -> &'static str {
    match l {
        SumLevel::Year => "y",
        SumLevel::Month => "m",
        SumLevel::Day => "d",
    }
}

/// Each order's goods delivered (`live` 0) and returned (`live` 1: they count whatever became of
/// their order) from ?1 to ?2: quantity, net, total, cost and net of unknown cost — the CTE
/// `goods`. `of_ids`: only the orders of the JSON array ?3, read through each order's
/// deliveries and returns; otherwise every order of the range, read by date.
fn goods_cte(of_ids: bool) -> String {
    let (ids, deliveries, returns) = if of_ids {
        (
            "ids (oid) AS (SELECT value FROM json_each(?3)),",
            "ids JOIN delivery d INDEXED BY delivery_order ON d.order_id = ids.oid",
            "ids JOIN sales_return r INDEXED BY sales_return_order ON r.order_id = ids.oid",
        )
    } else {
        ("", "delivery d INDEXED BY delivery_date", "sales_return r")
    };
    format!(
        "WITH {ids} goods (oid, live, q, n, t, k, u) AS (
                 SELECT d.order_id, 0, SUM(dl.qty_milli), SUM(COALESCE(dl.net_cents, 0)), SUM(COALESCE(dl.total_cents, 0)),
                        SUM(COALESCE(dl.cost_cents, 0)), SUM(CASE WHEN dl.cost_cents IS NULL THEN COALESCE(dl.net_cents, 0) ELSE 0 END)
                 FROM {deliveries} JOIN delivery_line dl ON dl.delivery_id = d.id
                 WHERE d.delivery_date BETWEEN ?1 AND ?2 AND d.deleted_at IS NULL AND dl.deleted_at IS NULL
                 GROUP BY d.order_id
                 UNION ALL
                 -- returns count whatever became of their order
                 SELECT r.order_id, 1, -SUM(rl.qty_milli), -SUM(COALESCE(rl.net_cents, 0)), -SUM(rl.total_cents),
                        -SUM(COALESCE(rl.cost_cents, 0)), SUM(CASE WHEN rl.cost_cents IS NULL THEN -COALESCE(rl.net_cents, 0) ELSE 0 END)
                 FROM {returns} JOIN return_line rl ON rl.return_id = r.id
                 WHERE r.return_date BETWEEN ?1 AND ?2
                 GROUP BY r.order_id)"
    )
}

/// [`goods_cte`]'s goods summed by order, with the order's number,
/// customer and date; a deleted order's deliveries left out, its returns kept.
const BY_ORDER: &str = "SELECT o.number, o.customer_id, c.name, o.order_date, SUM(q), SUM(n), SUM(t), SUM(k), SUM(u)
     FROM goods g JOIN sales_order o ON o.id = g.oid JOIN customer c ON c.id = o.customer_id
     WHERE g.live = 1 OR o.deleted_at IS NULL
     GROUP BY g.oid";

/// A row of [`BY_ORDER`]: number, customer id and name, order date, tally.
fn order_row(r: &rusqlite::Row) -> rusqlite::Result<(String, String, String, String, Tally)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, goods_at(r, 4)?))
}

/// The goods of five columns from `first` on: quantity, net, total, cost, net of unknown cost.
fn goods_at(r: &rusqlite::Row, first: usize) -> rusqlite::Result<Tally> {
    let m = |i| r.get::<_, i64>(first + i).map(Money::from_minor);
    let mut t = Tally::default();
    t.goods(Qty::from_minor(r.get(first)?), m(1)?, m(2)?, m(3)?, m(4)?);
    Ok(t)
}

/// A row of report_pending: its day, product, customer, channel, `only_product`, the seven
/// figures (quantity, net, total, cost, net of unknown cost, orders, their value) and, for an
/// order's own row, the order and its lines.
#[allow(clippy::too_many_arguments)]
pub(crate) fn pending_row<'a>(
    day: &'a str,
    product: Option<&'a str>,
    customer: Option<&'a str>,
    channel: Option<&'a str>,
    only_product: bool,
    v: &[i64; 7],
    order: Option<(&'a str, i64)>,
) -> [rusqlite::types::ToSqlOutput<'a>; 14] {
    use rusqlite::types::{ToSqlOutput, Value, ValueRef};
    let text = |t: Option<&'a str>| t.map_or(ToSqlOutput::Owned(Value::Null), |t| ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())));
    let int = |i: i64| ToSqlOutput::Owned(Value::Integer(i));
    [
        text(Some(day)),
        text(product),
        text(customer),
        text(channel),
        int(i64::from(only_product)),
        int(v[0]),
        int(v[1]),
        int(v[2]),
        int(v[3]),
        int(v[4]),
        int(v[5]),
        int(v[6]),
        text(order.map(|o| o.0)),
        int(order.map_or(0, |o| o.1)),
    ]
}

impl Db<'_> {
    /// Adds an import's history to the reports ([`HistorySums`], gathered by
    /// [`Db::insert_history`]) and lets the reports' triggers see its batches again, in the
    /// caller's transaction. Once, after the import's last history.
    pub fn add_history_to_reports(&self, sums: HistorySums) -> Result<(), Error> {
        let rows = sums
            .buyers
            .iter()
            .map(|((day, customer, channel), v)| pending_row(day, None, Some(customer), Some(channel), false, v, None))
            .chain(sums.products.iter().map(|((day, product), v)| pending_row(day, Some(product), None, None, true, v, None)));
        self.insert_pending(rows)?;
        let mut upsert = self
            .conn
            .prepare_cached(
                "INSERT INTO customer_orders (customer_id, first_day, last_day, orders, orders_cents) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (customer_id) DO UPDATE SET
                     first_day = min(first_day, excluded.first_day), last_day = max(last_day, excluded.last_day),
                     orders = orders + excluded.orders, orders_cents = orders_cents + excluded.orders_cents",
            )
            .sql()?;
        for (customer, (first, last, orders, cents)) in &sums.customers {
            upsert.execute(params![customer, first, last, orders, cents]).sql()?;
        }
        for batch in &sums.batches {
            self.exec("DELETE FROM report_bulk WHERE batch_id = ?1", [batch]).sql()?;
        }
        Ok(())
    }

    /// Appends `rows` to report_pending ([`pending_row`]), a thousand at a time (an import of a
    /// million lines gathers some hundred thousand).
    pub(crate) fn insert_pending<'a>(&self, rows: impl Iterator<Item = [rusqlite::types::ToSqlOutput<'a>; 14]>) -> Result<(), Error> {
        const AT_ONCE: usize = 1024;
        let mut cells = Vec::with_capacity(AT_ONCE * 14);
        let mut rows = rows.peekable();
        while rows.peek().is_some() {
            cells.clear();
            cells.extend(rows.by_ref().take(AT_ONCE).flatten());
            self.insert_rows(
                "INSERT INTO report_pending (day, product_id, customer_id, channel, only_product, qty_milli, net_cents, total_cents,
                                             cost_cents, unknown_cents, orders, orders_cents, order_id, lines)",
                14,
                &cells,
            )?;
        }
        Ok(())
    }

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
        let pending = match group {
            ReportGroup::All | ReportGroup::Day => {
                let key = if group == ReportGroup::All { "''" } else { "day" };
                let grouped = if group == ReportGroup::All { "" } else { "GROUP BY day" };
                let sql = format!("SELECT {key}, {SUMS}, SUM(received_cents) FROM report_day WHERE day BETWEEN ?1 AND ?2 {grouped}");
                for (k, v) in self.rows(&sql, params![from, to], read)? {
                    add(k, false, v);
                }
                if group == ReportGroup::All {
                    PENDING_ALL
                } else {
                    PENDING_DAY
                }
            }
            ReportGroup::Product | ReportGroup::Customer => {
                let (sql, levels) =
                    if group == ReportGroup::Product { (PRODUCT_SUMS, &PRODUCT_LEVELS[..]) } else { (CUSTOMER_SUMS, &CUSTOMER_LEVELS[..]) };
                for span in range.cover(levels) {
                    let (a, b) = span.keys();
                    // one period (a month, a year) is read in the key's order, grouped as it
                    // comes; a range of them is sorted first
                    let sql = if a == b { sql.replace("period BETWEEN ?2 AND ?3", "period = ?2 AND ?3 = ?2") } else { sql.to_string() };
                    for (k, v) in self.rows(&sql, params![level_code(span.level), a, b], read)? {
                        add(k, span.minus, v);
                    }
                }
                if group == ReportGroup::Product {
                    PENDING_PRODUCT
                } else {
                    PENDING_CUSTOMER
                }
            }
        };
        // the documents' rows not yet added to the sums (migration 0028), once for the range
        for (k, v) in self.rows(&pending.replace("{SUMS}", SUMS), params![from, to], read)? {
            add(k, false, v);
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
        self.rows(&format!("{} {BY_ORDER}", goods_cte(false)), [from, to], order_row)
    }

    /// The orders [`Db::order_goods`] gives for `from`..`to` that may be among the best `top`
    /// by `by` (kaidan-core's `rank`: the measure, highest first; ties by number), and how many
    /// orders it gives in all — without reading each of them (a busy shop's year is hundreds of
    /// thousands): the orders whose goods all moved inside the range, from report_order (the
    /// `top` highest through an index holding every figure, more when the last of them ties),
    /// and, from their documents, those whose goods moved on both sides of an end of the range
    /// or still wait in report_pending. Rank the rows given and keep the first `top`.
    pub fn order_goods_top(
        &self,
        from: &str,
        to: &str,
        by: RankBy,
        top: u32,
    ) -> Result<(Vec<(String, String, String, String, Tally)>, u32), Error> {
        // the measure rank() ranks by, as report_order's columns hold it (Tally::measures:
        // gross profit is the sales of known cost less their cost)
        let key = match by {
            RankBy::Sales => "net_cents",
            RankBy::GrossProfit => "net_cents - unknown_cents - cost_cents",
            RankBy::Qty => "qty_milli",
        };
        let inside = "FROM report_order INDEXED BY report_order_days
             WHERE first_day BETWEEN ?1 AND ?2 AND last_day <= ?2 AND lines > 0
               AND order_id NOT IN (SELECT order_id FROM report_pending WHERE order_id IS NOT NULL)";
        let read = |r: &rusqlite::Row| -> rusqlite::Result<(String, i64, Tally)> { Ok((r.get(0)?, r.get(6)?, goods_at(r, 1)?)) };
        let columns = format!("SELECT order_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, {key}");
        let mut best =
            self.rows(&format!("{columns} {inside} ORDER BY 7 DESC LIMIT ?3"), params![from, to, top.saturating_add(1)], read)?;
        let cut = top as usize;
        if cut > 0 && best.len() > cut && best[cut].1 == best[cut - 1].1 {
            // the last one shown ties with the next: every order of that measure, for the ranking
            // by number to choose among them
            let tied = best[cut - 1].1;
            let more = self.rows(&format!("{columns} {inside} AND {key} = ?3"), params![from, to, tied], read)?;
            let seen: std::collections::HashSet<String> = best.iter().map(|b| b.0.clone()).collect();
            best.extend(more.into_iter().filter(|m| !seen.contains(&m.0)));
        }
        let inside_count: u32 = self.row(&format!("SELECT COUNT(*) {inside}"), params![from, to], |r| r.get(0)).sql()?;
        // the orders whose goods moved on both sides of an end, or wait to be added up
        let edge: Vec<String> = self.rows(
            "SELECT order_id FROM report_pending WHERE order_id IS NOT NULL
             UNION
             SELECT order_id FROM report_order INDEXED BY report_order_spread
             WHERE last_day <> first_day AND last_day >= ?1 AND first_day <= ?2 AND NOT (first_day >= ?1 AND last_day <= ?2)",
            params![from, to],
            |r| r.get(0),
        )?;
        let json =
            |ids: Vec<&str>| serde_json::to_string(&ids).map_err(|e| Error::new(kaidan_core::Problem::Storage { detail: e.to_string() }));
        let edge_ids = json(edge.iter().map(String::as_str).collect())?;
        let best_ids = json(best.iter().map(|b| b.0.as_str()).collect())?;
        // the edge orders' goods in the range, from their documents (as order_goods reads them)
        let mut out = self.rows(&format!("{} {BY_ORDER}", goods_cte(true)), params![from, to, edge_ids], order_row)?;
        let edge_count = out.len() as u32;
        let mut heads: HashMap<String, (String, String, String, String)> = self
            .rows(
                "SELECT o.id, o.number, o.customer_id, c.name, o.order_date
                 FROM sales_order o JOIN customer c ON c.id = o.customer_id
                 WHERE o.id IN (SELECT value FROM json_each(?1))",
                [best_ids],
                |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))),
            )?
            .into_iter()
            .collect();
        for (id, _, t) in best {
            if let Some((number, customer_id, customer, day)) = heads.remove(&id) {
                out.push((number, customer_id, customer, day, t));
            }
        }
        Ok((out, inside_count + edge_count))
    }

    /// Each salesperson's orders from `from` to `to` (业务员业绩): the goods they delivered and
    /// took back in the range (as [`Db::order_goods`]) and the orders they took (by order date,
    /// confirmed or later, not cancelled or deleted: as the reports' sums count them), by the
    /// salesperson's name. Salespeople with neither are left out.
    pub fn salesperson_tallies(&self, from: &str, to: &str) -> Result<Vec<(String, Tally)>, Error> {
        let goods = goods_cte(false);
        self.rows(
            &format!(
                "{goods},
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
