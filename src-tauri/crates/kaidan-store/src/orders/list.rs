//! Order lists: filters, cursor paging (never OFFSET), search through the trigram index, and
//! the payment status in SQL for list filters.

use kaidan_core::model::{OrderSummary, PaymentStatus};
use kaidan_core::{Money, OrderStatus};
use rusqlite::params;

use crate::{closed, Db, SqlResult};
use kaidan_core::Error;

/// What an order list asks for.
#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    pub status: Option<OrderStatus>,
    /// Orders (not drafts or cancelled ones) in this payment status.
    pub payment: Option<PaymentStatus>,
    /// Number, customer name or phone, product name or SKU; 3+ characters use the trigram
    /// index, shorter ones a scan that stops at the page size.
    pub search: Option<String>,
    pub customer_id: Option<String>,
    /// The salesperson's operator id.
    pub salesperson_id: Option<String>,
    /// Order dates, inclusive, `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Only open orders with lines waiting for stock.
    pub backordered: bool,
    /// The orders behind a report's figure: with goods delivered or returned on these days
    /// (inclusive, `YYYY-MM-DD`; either bound may be open), of `product_id` when given.
    pub sold_from: Option<String>,
    pub sold_to: Option<String>,
    /// Orders with this product (on a line; with `sold_*`, delivered or returned then).
    pub product_id: Option<String>,
    /// Only open orders (confirmed or partly delivered) promised before, on or after a day.
    pub due: Option<Due>,
    /// Orders that came through this channel.
    pub channel: Option<kaidan_core::order::Channel>,
    /// Orders of customers of this region (trimmed; "" for customers without one).
    pub region: Option<String>,
    /// Only orders taken (confirmed or later, not cancelled): the reports' orders.
    pub taken: bool,
    /// Orders of customers whose first order taken is on or after this day (`true`: new in a
    /// report's range starting then) or before it (`false`: returning), from customer_orders.
    pub first_order: Option<(bool, String)>,
    /// The cursor: the `seq` of the last row of the previous page.
    pub before: Option<i64>,
    pub limit: u32,
}

/// Open orders by their promised day against `today` (`YYYY-MM-DD`), as the home screen splits
/// them: late (before today), due today, later (after today or no day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    Late(String),
    Today(String),
    Later(String),
}

fn summary_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, OrderSummary)> {
    Ok((
        r.get(0)?,
        OrderSummary {
            id: r.get(1)?,
            number: r.get(2)?,
            status: closed(r, 3)?,
            customer: r.get(4)?,
            channel: closed(r, 5)?,
            order_date: r.get(6)?,
            deliver_by: r.get(7)?,
            total: Money::from_minor(r.get(8)?),
            created_at: r.get(9)?,
            payment_status: closed(r, 10)?,
            received: Money::from_minor(r.get(11)?),
            backordered: r.get(12)?,
        },
    ))
}

/// An order row `o`'s payment status in SQL: the same decision as
/// [`PaymentStatus::of_order`] over [`kaidan_core::order::order_due`] (a test holds the two together), so that
/// lists can filter on it.
pub const PAYMENT_STATUS_SQL: &str = "(CASE
    WHEN o.received_cents > (CASE WHEN o.status = 'cancelled' OR o.import_batch_id IS NOT NULL THEN 0 ELSE o.total_cents - o.returned_cents END)
        THEN 'overpaid'
    WHEN o.received_cents = (CASE WHEN o.status = 'cancelled' OR o.import_batch_id IS NOT NULL THEN 0 ELSE o.total_cents - o.returned_cents END)
        THEN 'paid'
    WHEN o.received_cents <= 0 THEN 'unpaid'
    WHEN o.invoiced_cents = 0 THEN 'deposit'
    ELSE 'partially_paid' END)";

fn summary_cols() -> String {
    format!("o.seq, o.id, o.number, o.status, c.name, o.channel, o.order_date, o.deliver_by, o.total_cents, o.created_at, {PAYMENT_STATUS_SQL}, o.received_cents,
             EXISTS (SELECT 1 FROM order_line b WHERE b.order_id = o.id AND b.backordered_milli > 0 AND b.deleted_at IS NULL)")
}

/// An FTS5 phrase for a literal substring.
fn fts_phrase(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

impl Db<'_> {
    /// A page of orders, newest first, and the cursor of the next page. Cursor paging only:
    /// never OFFSET.
    pub fn orders(&self, f: &OrderFilter) -> Result<(Vec<OrderSummary>, Option<i64>), Error> {
        let short = self.short_search(f)?;
        let (sql, args, limit) = order_query(f, short.as_ref());
        let rows = self.rows(&sql, rusqlite::params_from_iter(args.iter()), summary_from_row)?;
        let next = if rows.len() == limit as usize { rows.last().map(|(seq, _)| *seq) } else { None };
        Ok((rows.into_iter().map(|(_, s)| s).collect(), next))
    }

    /// `EXPLAIN QUERY PLAN` of the order list for a filter, one step a line (tests check that
    /// the hot lists use their indexes and never sort or scan the whole table).
    pub fn explain_orders(&self, f: &OrderFilter) -> Result<String, Error> {
        let short = self.short_search(f)?;
        let (sql, args, _) = order_query(f, short.as_ref());
        let mut st = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).sql()?;
        let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| r.get::<_, String>(3)).sql()?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>().sql()?.join("\n"))
    }

    /// For 1–2 character searches (too short for trigrams) and for 拼音 initials (`wzwj`: letters
    /// only, which the search text does not hold): the customers and products whose text or
    /// initials contain it, when there are few enough to drive the list through their indexes.
    /// `None` means "many" (or, for initials, none): the search text is then scanned or matched.
    fn short_search(&self, f: &OrderFilter) -> Result<Option<ShortMatch>, Error> {
        let Some(s) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
            return Ok(None);
        };
        let letters = s.chars().all(|c| c.is_ascii_alphabetic());
        if s.chars().count() >= 3 && !letters {
            return Ok(None);
        }
        let (pattern, initials) = (crate::catalog::like_contains(s), crate::catalog::like_initials(s));
        let ids = |sql: &str, cap: usize| -> Result<Option<Vec<String>>, Error> {
            let v = self.rows(sql, params![pattern, cap as i64 + 1, initials], |r| r.get::<_, String>(0))?;
            Ok(if v.len() > cap { None } else { Some(v) })
        };
        let customers = ids(
            "SELECT id FROM customer WHERE name LIKE ?1 ESCAPE '\\' OR phones LIKE ?1 ESCAPE '\\' OR initials LIKE ?3 ESCAPE '\\' LIMIT ?2",
            SHORT_CUSTOMERS,
        )?;
        let products = ids(
            "SELECT id FROM product WHERE name LIKE ?1 ESCAPE '\\' OR sku LIKE ?1 ESCAPE '\\' OR initials LIKE ?3 ESCAPE '\\' LIMIT ?2",
            SHORT_PRODUCTS,
        )?;
        let (Some(customers), Some(products)) = (customers, products) else {
            return Ok(None);
        };
        if s.chars().count() >= 3 && customers.is_empty() && products.is_empty() {
            return Ok(None);
        }
        // products on many orders make the scan the quicker way to a page of matches
        let lines: i64 = self
            .row(
                "SELECT COUNT(*) FROM (SELECT 1 FROM order_line WHERE product_id IN (SELECT value FROM json_each(?1)) LIMIT ?2)",
                params![serde_json::to_string(&products).unwrap_or_else(|_| "[]".into()), SHORT_LINES + 1],
                |r| r.get(0),
            )
            .sql()?;
        Ok(if lines > SHORT_LINES { None } else { Some(ShortMatch { customers, products }) })
    }
}

/// How many matching customers / products a short search may fan out to through indexes.
const SHORT_CUSTOMERS: usize = 200;
const SHORT_PRODUCTS: usize = 20;
const SHORT_LINES: i64 = 5_000;

struct ShortMatch {
    customers: Vec<String>,
    products: Vec<String>,
}

/// The SQL, its arguments and the clamped page size of an order list.
fn order_query(f: &OrderFilter, short: Option<&ShortMatch>) -> (String, Vec<rusqlite::types::Value>, u32) {
    let mut conds: Vec<String> = vec!["o.deleted_at IS NULL".into()];
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let mut arg = |v: rusqlite::types::Value| {
        args.push(v);
        format!("?{}", args.len())
    };
    let mut from = "sales_order o JOIN customer c ON c.id = o.customer_id";
    let mut key = "o.seq";
    if let Some(s) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        if let Some(m) = short {
            // 1–2 characters matching few customers and products: their indexes find the orders
            let json = |v: &[String]| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
            let pc = arg(json(&m.customers).into());
            let pp = arg(json(&m.products).into());
            // 3+ letters: what the search text holds (a number, a phone) counts as well
            let text = if s.chars().count() >= 3 {
                let p = arg(fts_phrase(s).into());
                format!(" OR o.seq IN (SELECT rowid FROM order_search WHERE order_search MATCH {p})")
            } else {
                String::new()
            };
            conds.push(format!(
                "(o.customer_id IN (SELECT value FROM json_each({pc}))
                  OR o.id IN (SELECT order_id FROM order_line WHERE product_id IN (SELECT value FROM json_each({pp}))){text})"
            ));
        } else {
            // The search index drives the query, newest match first, so a page stops early.
            from = "order_search s JOIN sales_order o ON o.seq = s.rowid JOIN customer c ON c.id = o.customer_id";
            key = "s.rowid";
            if s.chars().count() >= 3 {
                let p = arg(fts_phrase(s).into());
                conds.push(format!("order_search MATCH {p}"));
            } else {
                // Trigrams need 3 characters: a common short text scans the index text, newest
                // first, and meets a page of matches soon.
                let p = arg(crate::catalog::like_contains(s).into());
                conds.push(format!("s.body LIKE {p} ESCAPE '\\'"));
            }
        }
    }
    if let Some(st) = f.status {
        let p = arg(st.as_str().to_string().into());
        conds.push(format!("o.status = {p}"));
    }
    if let Some(ps) = f.payment {
        let p = arg(ps.as_str().to_string().into());
        // drafts and cancelled orders owe nothing yet: a payment filter leaves them out
        conds.push(format!("o.status NOT IN ('draft', 'cancelled') AND {PAYMENT_STATUS_SQL} = {p}"));
    }
    if let Some(c) = &f.customer_id {
        let p = arg(c.clone().into());
        conds.push(format!("o.customer_id = {p}"));
    }
    if let Some(s) = &f.salesperson_id {
        let p = arg(s.clone().into());
        conds.push(format!("o.salesperson_id = {p}"));
    }
    if let Some(d) = &f.from {
        let p = arg(d.clone().into());
        conds.push(format!("o.order_date >= {p}"));
    }
    if let Some(d) = &f.to {
        let p = arg(d.clone().into());
        conds.push(format!("o.order_date <= {p}"));
    }
    if f.backordered {
        conds.push(
            "o.status IN ('confirmed', 'partially_delivered')
             AND o.id IN (SELECT order_id FROM order_line WHERE backordered_milli > 0 AND deleted_at IS NULL)"
                .into(),
        );
    }
    if f.sold_from.is_some() || f.sold_to.is_some() {
        let from = arg(f.sold_from.clone().unwrap_or_else(|| "0000-01-01".into()).into());
        let to = arg(f.sold_to.clone().unwrap_or_else(|| "9999-12-31".into()).into());
        let (dl, rl) = match &f.product_id {
            Some(id) => {
                let p = arg(id.clone().into());
                (format!(" AND dl.product_id = {p}"), format!(" AND rl.product_id = {p}"))
            }
            None => (String::new(), String::new()),
        };
        conds.push(format!(
            "o.id IN (SELECT d.order_id FROM delivery d JOIN delivery_line dl ON dl.delivery_id = d.id
                      WHERE d.delivery_date BETWEEN {from} AND {to} AND d.deleted_at IS NULL{dl}
                      UNION SELECT r.order_id FROM sales_return r JOIN return_line rl ON rl.return_id = r.id
                      WHERE r.return_date BETWEEN {from} AND {to}{rl})"
        ));
    } else if let Some(id) = &f.product_id {
        let p = arg(id.clone().into());
        conds.push(format!("o.id IN (SELECT order_id FROM order_line WHERE product_id = {p} AND deleted_at IS NULL)"));
    }
    if let Some(ch) = f.channel {
        let p = arg(ch.as_str().to_string().into());
        conds.push(format!("o.channel = {p}"));
    }
    if let Some(r) = &f.region {
        let p = arg(r.trim().to_string().into());
        conds.push(format!("COALESCE(TRIM(c.region), '') = {p}"));
    }
    if f.taken {
        conds.push("o.status NOT IN ('draft', 'pending_approval', 'cancelled')".into());
    }
    if let Some((new, day)) = &f.first_order {
        let p = arg(day.clone().into());
        let op = if *new { ">=" } else { "<" };
        conds.push(format!("o.customer_id IN (SELECT customer_id FROM customer_orders WHERE first_day {op} {p})"));
    }
    if let Some(due) = &f.due {
        let (op, day) = match due {
            Due::Late(d) => ("o.deliver_by < {}", d),
            Due::Today(d) => ("o.deliver_by = {}", d),
            Due::Later(d) => ("(o.deliver_by IS NULL OR o.deliver_by > {})", d),
        };
        let p = arg(day.clone().into());
        conds.push(format!("o.status IN ('confirmed', 'partially_delivered') AND {}", op.replace("{}", &p)));
    }
    if let Some(b) = f.before {
        let p = arg(b.into());
        conds.push(format!("{key} < {p}"));
    }
    let limit = f.limit.clamp(1, 500);
    let p = arg(i64::from(limit).into());
    let sql = format!("SELECT {} FROM {from} WHERE {} ORDER BY {key} DESC LIMIT {p}", summary_cols(), conds.join(" AND "));
    (sql, args, limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kaidan_core::order::order_due;

    /// The list filter's SQL and the order's own status never disagree.
    #[test]
    fn payment_status_sql_decides_as_core_does() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let values = [-500, 0, 1, 499, 500, 501, 1000];
        let mut cases = 0;
        for status in [OrderStatus::Draft, OrderStatus::Confirmed, OrderStatus::Delivered, OrderStatus::Cancelled] {
            for total in [0, 500, 1000] {
                for returned in [0, 500] {
                    for received in values {
                        for (invoiced, imported) in [(0, false), (500, false), (0, true)] {
                            let sql: String = conn
                                .query_row(
                                    &format!("SELECT {PAYMENT_STATUS_SQL} FROM (SELECT ?1 AS status, ?2 AS total_cents, ?3 AS returned_cents, ?4 AS received_cents, ?5 AS invoiced_cents, ?6 AS import_batch_id) o"),
                                    params![status.as_str(), total, returned, received, invoiced, imported.then_some("batch")],
                                    |r| r.get(0),
                                )
                                .unwrap();
                            let m = Money::from_minor;
                            let core =
                                PaymentStatus::of_order(order_due(status, m(total), m(returned), imported), m(received), m(invoiced));
                            assert_eq!(
                                sql,
                                core.as_str(),
                                "{status:?} total {total} returned {returned} received {received} invoiced {invoiced} imported {imported}"
                            );
                            cases += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(cases, 4 * 3 * 2 * 7 * 3);
    }
}
