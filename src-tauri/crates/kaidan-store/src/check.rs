//! Health of a shop's database: SQLite's own checks and Kaidan's invariants. Used by tests,
//! the crash test and `kaidan check`.

use std::fmt::Write;

use kaidan_core::{Closed, Error};
use serde::Serialize;

use crate::{Db, SqlResult};

/// What `check` found. Every list is empty on a healthy shop.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CheckReport {
    /// `PRAGMA quick_check` or `integrity_check` output when it is not "ok".
    pub sqlite: Vec<String>,
    /// Balances whose on-hand differs from the ledger's sum.
    pub on_hand_mismatches: Vec<String>,
    /// Balances whose reserved differs from what the open orders hold (their undelivered
    /// remainder less what waits for stock), and lines waiting for more than remains.
    pub reserved_mismatches: Vec<String>,
    /// Orders whose totals differ from the sum of their lines.
    pub total_mismatches: Vec<String>,
    /// Lines whose delivered quantity differs from their delivery lines.
    pub delivered_mismatches: Vec<String>,
    /// Orders whose status does not fit their delivered quantities.
    pub status_mismatches: Vec<String>,
    /// Number series with a gap or a duplicate, and series counters behind the numbers used.
    pub numbering: Vec<String>,
    /// Balances with available < 0 (only a problem while negative stock is off).
    pub negative_available: Vec<String>,
    /// Customers whose cached exposure differs from their orders.
    pub exposure_mismatches: Vec<String>,
    /// Cached balances, open amounts, order money or returned quantities that differ from the
    /// invoices, payments, allocations and returns; matches beyond a receipt; refunds not paid
    /// out of receipts in full; invoices with less than nothing open.
    pub account_mismatches: Vec<String>,
    /// Delivery and return lines whose money does not add up (without tax + tax = with it), and
    /// delivery lines whose cost of goods is not what their ledger movement recorded.
    pub sales_mismatches: Vec<String>,
    /// The reports' sums (by day, product and customer) that differ from the documents they
    /// add up: `report_day 2025-06-14: off by …` (what the sums hold more than the documents);
    /// and orders delivered in full whose kept day, lead time or lateness differs from their
    /// deliveries': `order_fulfil SO-2026-000012: kept …, deliveries say …`; fulfilment counts
    /// and money by method and orders by channel that differ from them (`report_fulfil …`,
    /// `report_money …`, `report_channel …`, `customer_orders …`).
    pub report_mismatches: Vec<String>,
    /// Rows whose foreign key names a row that does not exist (`PRAGMA foreign_key_check`;
    /// full check only: it reads every table).
    pub foreign_keys: Vec<String>,
    /// Values no version of Kaidan writes where a closed set is stored (a status, a kind, an
    /// action): `table.column: "text" (N rows)`. Written behind Kaidan's back, or damage.
    pub unknown_values: Vec<String>,
    /// Audit entries changed, removed or put in behind Kaidan's back: the log's hash chain
    /// (migration 0019) does not hold there.
    pub audit_chain: Vec<String>,
}

impl CheckReport {
    /// Healthy, given whether negative stock is allowed.
    pub fn is_ok(&self, allow_negative_stock: bool) -> bool {
        self.sqlite.is_empty()
            && self.on_hand_mismatches.is_empty()
            && self.reserved_mismatches.is_empty()
            && self.total_mismatches.is_empty()
            && self.delivered_mismatches.is_empty()
            && self.status_mismatches.is_empty()
            && self.numbering.is_empty()
            && self.exposure_mismatches.is_empty()
            && self.account_mismatches.is_empty()
            && self.sales_mismatches.is_empty()
            && self.report_mismatches.is_empty()
            && self.foreign_keys.is_empty()
            && self.unknown_values.is_empty()
            && self.audit_chain.is_empty()
            && (allow_negative_stock || self.negative_available.is_empty())
    }
}

/// The columns where a closed type is stored, each with its values' texts.
type KnownValues = fn() -> Vec<&'static str>;
const STORED_CLOSED: &[(&str, KnownValues)] = &[
    stored::<kaidan_core::OrderStatus>(),
    stored::<kaidan_core::Channel>(),
    stored::<kaidan_core::Role>(),
    stored::<kaidan_core::MoveReason>(),
    stored::<kaidan_core::model::InvoiceKind>(),
    stored::<kaidan_core::model::PaymentKind>(),
    stored::<kaidan_core::model::PayMethod>(),
    stored::<kaidan_core::model::Settlement>(),
    stored::<kaidan_core::Series>(),
    stored::<kaidan_core::AuditEntity>(),
    stored::<kaidan_core::AuditAction>(),
    stored::<kaidan_core::ImportKind>(),
    stored::<kaidan_core::ImportStatus>(),
    stored::<kaidan_core::BackupKind>(),
    stored::<kaidan_core::settings::SettingKey>(),
];

const fn stored<T: Closed>() -> (&'static str, KnownValues) {
    (T::STORED_IN, || T::all().iter().map(|v| v.as_str()).collect())
}

/// The reports' sums against the documents (migration 0015 says what they add up): each day's,
/// each product's and each customer's day against the documents of that day, and every month
/// and year against its days; the rows still waiting to be added up (report_pending, migration
/// 0028) count as the sums' own. A sum off shows as what it holds more than it should.
const REPORT_MISMATCHES: &str = "
WITH goods AS (
    SELECT d.delivery_date AS day, dl.product_id AS pid, o.customer_id AS cid, d.order_id AS oid, dl.qty_milli AS q, COALESCE(dl.net_cents, 0) AS n,
           COALESCE(dl.total_cents, 0) AS t, COALESCE(dl.cost_cents, 0) AS c,
           CASE WHEN dl.cost_cents IS NULL THEN COALESCE(dl.net_cents, 0) ELSE 0 END AS u
    FROM delivery_line dl JOIN delivery d ON d.id = dl.delivery_id JOIN sales_order o ON o.id = d.order_id
    WHERE dl.deleted_at IS NULL AND d.deleted_at IS NULL AND o.deleted_at IS NULL
    UNION ALL
    SELECT r.return_date, rl.product_id, r.customer_id, r.order_id, -rl.qty_milli, -COALESCE(rl.net_cents, 0), -rl.total_cents,
           -COALESCE(rl.cost_cents, 0), CASE WHEN rl.cost_cents IS NULL THEN -COALESCE(rl.net_cents, 0) ELSE 0 END
    FROM return_line rl JOIN sales_return r ON r.id = rl.return_id),
taken AS (
    SELECT order_date AS day, customer_id AS cid, COUNT(*) AS n, SUM(total_cents) AS v FROM sales_order
    WHERE deleted_at IS NULL AND status NOT IN ('draft', 'pending_approval', 'cancelled') GROUP BY 1, 2),
product_taken AS (
    SELECT o.order_date AS day, l.product_id AS pid, COUNT(DISTINCT o.id) AS n, SUM(l.total_cents) AS v
    FROM sales_order o JOIN order_line l ON l.order_id = o.id
    WHERE o.deleted_at IS NULL AND o.status NOT IN ('draft', 'pending_approval', 'cancelled') AND l.deleted_at IS NULL
    GROUP BY 1, 2),
paid AS (SELECT paid_on AS day, customer_id AS cid, SUM(amount_cents) AS v FROM payment GROUP BY 1, 2),
diff (what, q, n, t, c, u, o, ov, rc) AS (
    SELECT 'report_day ' || day, SUM(q), SUM(n), SUM(t), SUM(c), SUM(u), SUM(o), SUM(ov), SUM(rc) FROM (
        SELECT day, -q AS q, -n AS n, -t AS t, -c AS c, -u AS u, 0 AS o, 0 AS ov, 0 AS rc FROM goods
        UNION ALL SELECT day, 0, 0, 0, 0, 0, -n, -v, 0 FROM taken
        UNION ALL SELECT day, 0, 0, 0, 0, 0, 0, 0, -v FROM paid
        UNION ALL SELECT day, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, orders, orders_cents, received_cents
                  FROM report_day
        UNION ALL SELECT day, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, orders, orders_cents, received_cents
                  FROM report_pending WHERE only_product = 0)
    GROUP BY day
    UNION ALL
    SELECT 'report_product d ' || day || ' ' || pid, SUM(q), SUM(n), SUM(t), SUM(c), SUM(u), SUM(o), SUM(ov), 0 FROM (
        SELECT day, pid, -q AS q, -n AS n, -t AS t, -c AS c, -u AS u, 0 AS o, 0 AS ov FROM goods
        UNION ALL SELECT day, pid, 0, 0, 0, 0, 0, -n, -v FROM product_taken
        UNION ALL SELECT period, product_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, orders, orders_cents
                  FROM report_product WHERE level = 'd'
        UNION ALL SELECT day, product_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, orders * only_product,
                         orders_cents * only_product
                  FROM report_pending WHERE product_id IS NOT NULL)
    GROUP BY day, pid
    UNION ALL
    SELECT 'report_customer d ' || day || ' ' || cid, SUM(q), SUM(n), SUM(t), SUM(c), SUM(u), SUM(o), SUM(ov), SUM(rc) FROM (
        SELECT day, cid, -q AS q, -n AS n, -t AS t, -c AS c, -u AS u, 0 AS o, 0 AS ov, 0 AS rc FROM goods
        UNION ALL SELECT day, cid, 0, 0, 0, 0, 0, -n, -v, 0 FROM taken
        UNION ALL SELECT day, cid, 0, 0, 0, 0, 0, 0, 0, -v FROM paid
        UNION ALL SELECT period, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, orders, orders_cents,
                         received_cents
                  FROM report_customer WHERE level = 'd'
        UNION ALL SELECT day, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, orders, orders_cents,
                         received_cents
                  FROM report_pending WHERE customer_id IS NOT NULL AND only_product = 0)
    GROUP BY day, cid
    UNION ALL
    SELECT 'report_customer ' || lv || ' ' || period || ' ' || customer_id, SUM(q), SUM(n), SUM(t), SUM(c), SUM(u), SUM(o), SUM(ov),
           SUM(rc) FROM (
        SELECT x.lv, substr(period, 1, x.len) AS period, customer_id, -qty_milli AS q, -net_cents AS n, -total_cents AS t,
               -cost_cents AS c, -unknown_cents AS u, -orders AS o, -orders_cents AS ov, -received_cents AS rc
        FROM report_customer, (SELECT 'm' AS lv, 7 AS len UNION ALL SELECT 'y', 4) x WHERE level = 'd'
        UNION ALL SELECT level, period, customer_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, orders,
                         orders_cents, received_cents
                  FROM report_customer WHERE level <> 'd')
    GROUP BY lv, period, customer_id
    UNION ALL
    SELECT 'report_product m ' || period || ' ' || product_id, SUM(q), SUM(n), SUM(t), SUM(c), SUM(u), SUM(o), SUM(ov), 0 FROM (
        SELECT substr(period, 1, 7) AS period, product_id, -qty_milli AS q, -net_cents AS n, -total_cents AS t, -cost_cents AS c,
               -unknown_cents AS u, -orders AS o, -orders_cents AS ov
        FROM report_product WHERE level = 'd'
        UNION ALL SELECT period, product_id, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, orders, orders_cents
                  FROM report_product WHERE level = 'm')
    GROUP BY period, product_id)
SELECT what || ': off by qty ' || q || ', sales ' || n || '/' || t || ', cost ' || c || ', cost unknown ' || u
       || ', orders ' || o || ' worth ' || ov || ', received ' || rc
FROM diff WHERE q <> 0 OR n <> 0 OR t <> 0 OR c <> 0 OR u <> 0 OR o <> 0 OR ov <> 0 OR rc <> 0
UNION ALL
-- each order delivered in full, as kept (order_fulfil) and as its deliveries say (the view)
SELECT 'order_fulfil ' || COALESCE(o.number, x.order_id) || ': kept ' || COALESCE(k.delivered_on || ' after ' || k.lead_days || ' days, '
       || COALESCE(k.days_late, '-') || ' late', 'nothing') || ', deliveries say '
       || COALESCE(w.delivered_on || ' after ' || w.lead_days || ' days, ' || COALESCE(w.days_late, '-') || ' late', 'nothing')
FROM (SELECT order_id FROM order_fulfil UNION SELECT order_id FROM order_fulfil_of) x
LEFT JOIN order_fulfil k ON k.order_id = x.order_id
LEFT JOIN order_fulfil_of w ON w.order_id = x.order_id
LEFT JOIN sales_order o ON o.id = x.order_id
WHERE k.order_id IS NULL OR w.order_id IS NULL OR k.delivered_on <> w.delivered_on OR k.lead_days <> w.lead_days
   OR k.days_late IS NOT w.days_late
UNION ALL
-- each order's goods over its life (report_order and the rows waiting for it), and its
-- documents: the same figures and lines, and days kept that take in every day its goods moved
SELECT 'report_order ' || COALESCE(o.number, x.oid) || ': off by lines ' || x.l || ', qty ' || x.q || ', sales ' || x.n || '/' || x.t
       || ', cost ' || x.c || ', cost unknown ' || x.u || '; kept days ' || COALESCE(x.kf, '-') || '..' || COALESCE(x.kl, '-')
       || ', goods moved ' || COALESCE(x.gf, '-') || '..' || COALESCE(x.gl, '-')
FROM (SELECT oid, SUM(l) AS l, SUM(q) AS q, SUM(n) AS n, SUM(t) AS t, SUM(c) AS c, SUM(u) AS u,
             MIN(kf) AS kf, MAX(kl) AS kl, MIN(gd) AS gf, MAX(gd) AS gl FROM (
          SELECT order_id AS oid, lines AS l, qty_milli AS q, net_cents AS n, total_cents AS t, cost_cents AS c, unknown_cents AS u,
                 first_day AS kf, last_day AS kl, NULL AS gd FROM report_order
          UNION ALL SELECT order_id, lines, qty_milli, net_cents, total_cents, cost_cents, unknown_cents, day, day, NULL
                    FROM report_pending WHERE order_id IS NOT NULL
          UNION ALL SELECT oid, -1, -q, -n, -t, -c, -u, NULL, NULL, day FROM goods)
      GROUP BY oid) x
LEFT JOIN sales_order o ON o.id = x.oid
WHERE x.l <> 0 OR x.q <> 0 OR x.n <> 0 OR x.t <> 0 OR x.c <> 0 OR x.u <> 0 OR x.gf < x.kf OR x.gl > x.kl
   OR (x.gf IS NOT NULL AND x.kf IS NULL)
UNION ALL
-- the fulfilment counts by day, lead time and promise, and the orders they count
SELECT 'report_fulfil ' || day || ' ' || lead_days || ' days, promise ' || promise || ': off by ' || SUM(n) FROM (
    SELECT day, lead_days, promise, orders AS n FROM report_fulfil
    UNION ALL
    SELECT delivered_on, lead_days, CASE WHEN days_late IS NULL THEN 0 WHEN days_late <= 0 THEN 1 ELSE 2 END, -1 FROM order_fulfil)
GROUP BY day, lead_days, promise HAVING SUM(n) <> 0
UNION ALL
-- money by day and method, and the payments
SELECT 'report_money ' || day || ' ' || method || ': off by received ' || SUM(rc) || ', refunded ' || SUM(rf) FROM (
    SELECT day, method, received_cents AS rc, refunded_cents AS rf FROM report_money
    UNION ALL
    SELECT day, method, -received_cents, -refunded_cents FROM payment_money)
GROUP BY day, method HAVING SUM(rc) <> 0 OR SUM(rf) <> 0
UNION ALL
-- orders taken by day and channel, and the orders
SELECT 'report_channel ' || day || ' ' || channel || ': off by ' || SUM(o) || ' orders worth ' || SUM(ov) FROM (
    SELECT day, channel, orders AS o, orders_cents AS ov FROM report_channel
    UNION ALL
    SELECT day, channel, orders, orders_cents FROM report_pending WHERE channel IS NOT NULL
    UNION ALL
    SELECT order_date, channel, -1, -total_cents FROM sales_order
    WHERE deleted_at IS NULL AND status NOT IN ('draft', 'pending_approval', 'cancelled'))
GROUP BY day, channel HAVING SUM(o) <> 0 OR SUM(ov) <> 0
UNION ALL
-- each customer's orders taken, and the orders
SELECT 'customer_orders ' || COALESCE(c.name, x.customer_id) || ': kept ' || COALESCE(k.orders || ' orders worth ' || k.orders_cents
       || ', ' || k.first_day || ' to ' || k.last_day, 'nothing') || ', orders say '
       || COALESCE(w.orders || ' orders worth ' || w.orders_cents || ', ' || w.first_day || ' to ' || w.last_day, 'nothing')
FROM (SELECT customer_id FROM customer_orders
      UNION SELECT customer_id FROM sales_order WHERE deleted_at IS NULL AND status NOT IN ('draft', 'pending_approval', 'cancelled')) x
LEFT JOIN customer_orders k ON k.customer_id = x.customer_id
LEFT JOIN (SELECT customer_id, min(order_date) AS first_day, max(order_date) AS last_day, COUNT(*) AS orders,
                  SUM(total_cents) AS orders_cents
           FROM sales_order WHERE deleted_at IS NULL AND status NOT IN ('draft', 'pending_approval', 'cancelled')
           GROUP BY customer_id) w ON w.customer_id = x.customer_id
LEFT JOIN customer c ON c.id = x.customer_id
WHERE k.customer_id IS NULL OR w.customer_id IS NULL OR k.orders <> w.orders OR k.orders_cents <> w.orders_cents
   OR k.first_day <> w.first_day OR k.last_day <> w.last_day";

fn strings(db: &Db, sql: &str) -> Result<Vec<String>, Error> {
    let mut st = db.conn.prepare(sql).sql()?;
    let rows = st.query_map([], |r| r.get::<_, String>(0)).sql()?;
    rows.collect::<rusqlite::Result<Vec<_>>>().sql()
}

impl Db<'_> {
    /// Runs SQLite's check (`quick_check`, or `integrity_check` and `foreign_key_check` when
    /// `full`) and every
    /// invariant of the ledger, the reservations, the totals and the numbering.
    pub fn check(&self, full: bool) -> Result<CheckReport, Error> {
        let pragma = if full { "PRAGMA integrity_check" } else { "PRAGMA quick_check" };
        let sqlite: Vec<String> = strings(self, pragma)?.into_iter().filter(|s| s != "ok").collect();
        let on_hand_mismatches = strings(
            self,
            "WITH ledger AS (SELECT product_id, location_id, SUM(qty_milli) AS q FROM stock_move GROUP BY 1, 2)
             SELECT p.sku || ': balance ' || COALESCE(b.on_hand_milli, 0) || ' ledger ' || COALESCE(l.q, 0)
             FROM (SELECT product_id, location_id FROM stock_balance UNION SELECT product_id, location_id FROM ledger) k
             JOIN product p ON p.id = k.product_id
             LEFT JOIN stock_balance b ON b.product_id = k.product_id AND b.location_id = k.location_id
             LEFT JOIN ledger l ON l.product_id = k.product_id AND l.location_id = k.location_id
             WHERE COALESCE(b.on_hand_milli, 0) <> COALESCE(l.q, 0)",
        )?;
        let reserved_mismatches = strings(
            self,
            "WITH open AS (SELECT l.product_id, SUM(l.qty_milli - l.delivered_milli - l.backordered_milli) AS q
                           FROM order_line l JOIN sales_order o ON o.id = l.order_id
                           WHERE l.deleted_at IS NULL AND o.status IN ('confirmed', 'partially_delivered')
                           GROUP BY 1),
                  held AS (SELECT product_id, SUM(reserved_milli) AS q FROM stock_balance GROUP BY 1)
             SELECT p.sku || ': reserved ' || COALESCE(h.q, 0) || ' open orders ' || COALESCE(o.q, 0)
             FROM (SELECT product_id FROM open UNION SELECT product_id FROM held) k
             JOIN product p ON p.id = k.product_id
             LEFT JOIN open o ON o.product_id = k.product_id LEFT JOIN held h ON h.product_id = k.product_id
             WHERE COALESCE(h.q, 0) <> COALESCE(o.q, 0)
             UNION ALL
             SELECT o.number || ' line ' || l.line_no || ': waits for ' || l.backordered_milli || ' of ' || (l.qty_milli - l.delivered_milli)
             FROM order_line l JOIN sales_order o ON o.id = l.order_id
             WHERE l.backordered_milli > 0 AND l.deleted_at IS NULL
               AND (l.backordered_milli > l.qty_milli - l.delivered_milli OR o.status NOT IN ('confirmed', 'partially_delivered'))",
        )?;
        let total_mismatches = strings(
            self,
            "SELECT o.number || ': total ' || o.total_cents || ' lines ' || COALESCE(SUM(l.total_cents), 0)
             FROM sales_order o LEFT JOIN order_line l ON l.order_id = o.id AND l.deleted_at IS NULL
             WHERE o.deleted_at IS NULL
             GROUP BY o.id
             HAVING o.total_cents <> COALESCE(SUM(l.total_cents), 0)
                 OR o.tax_cents <> COALESCE(SUM(l.tax_cents), 0)
                 OR o.subtotal_cents <> COALESCE(SUM(l.total_cents - l.tax_cents), 0)
             UNION ALL
             SELECT i.number || ': total ' || i.total_cents || ' lines ' || COALESCE(SUM(l.total_cents), 0)
             FROM invoice i LEFT JOIN invoice_line l ON l.invoice_id = i.id
             GROUP BY i.id
             HAVING i.total_cents <> COALESCE(SUM(l.total_cents), 0)
                 OR i.tax_cents <> COALESCE(SUM(l.tax_cents), 0)
                 OR i.subtotal_cents <> COALESCE(SUM(l.total_cents - l.tax_cents), 0)
             UNION ALL
             SELECT o.number || ' line ' || ol.line_no || ': invoiced ' || SUM(CASE i.kind WHEN 'invoice' THEN l.qty_milli ELSE -l.qty_milli END)
                    || ' of ' || ol.qty_milli
             FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id JOIN order_line ol ON ol.id = l.order_line_id
                  JOIN sales_order o ON o.id = ol.order_id
             GROUP BY ol.id
             HAVING SUM(CASE i.kind WHEN 'invoice' THEN l.qty_milli ELSE -l.qty_milli END) NOT BETWEEN 0 AND ol.qty_milli - ol.returned_milli",
        )?;
        let delivered_mismatches = strings(
            self,
            "SELECT o.number || ' line ' || l.line_no || ': delivered ' || l.delivered_milli || ' deliveries ' || COALESCE(SUM(dl.qty_milli), 0)
             FROM order_line l JOIN sales_order o ON o.id = l.order_id
             LEFT JOIN delivery_line dl ON dl.order_line_id = l.id
             GROUP BY l.id HAVING l.delivered_milli <> COALESCE(SUM(dl.qty_milli), 0)",
        )?;
        let status_mismatches = strings(
            self,
            "SELECT o.number || ': ' || o.status FROM sales_order o
             JOIN (SELECT order_id, SUM(qty_milli) AS q, SUM(delivered_milli) AS d FROM order_line
                   WHERE deleted_at IS NULL GROUP BY 1) t ON t.order_id = o.id
             WHERE (o.status = 'delivered' AND t.d <> t.q)
                OR (o.status = 'partially_delivered' AND (t.d = 0 OR t.d >= t.q))
                OR (o.status IN ('draft', 'pending_approval', 'confirmed') AND t.d <> 0)",
        )?;
        let mut numbering = Vec::new();
        for (table, kind) in [
            ("sales_order", "SO"),
            ("delivery", "DN"),
            ("invoice WHERE kind = 'invoice'", "INV"),
            ("invoice WHERE kind = 'credit_note'", "CN"),
            ("payment", "RC"),
            ("sales_return", "RT"),
        ] {
            // numbers of one year: exactly 1..=n, and the series counter at n + 1
            let rows: Vec<(String, i64, i64, i64, i64)> = {
                let mut st = self
                    .conn
                    .prepare(&format!(
                        "WITH n AS (SELECT substr(number, 1, length(number) - 7) AS pre,
                                           CAST(substr(number, -6) AS INTEGER) AS seq FROM {table})
                         SELECT n.pre, COUNT(*), COUNT(DISTINCT n.seq), MAX(n.seq),
                                COALESCE((SELECT s.next_value FROM number_series s
                                          WHERE s.prefix || '-' || s.year = n.pre AND s.kind = ?1), -1)
                         FROM n GROUP BY n.pre"
                    ))
                    .sql()?;
                let rows = st.query_map([kind], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))).sql()?;
                rows.collect::<rusqlite::Result<Vec<_>>>().sql()?
            };
            for (pre, count, distinct, max, next) in rows {
                if count != distinct || max != count {
                    numbering.push(format!("{pre}: {count} numbers, {distinct} distinct, highest {max}"));
                }
                // -1: no series has this prefix now: a retired one (a shop's numbers before it had
                // a server, `SO-2026-…`); its numbers are still held to 1..=n above
                if next != max + 1 && next != -1 {
                    numbering.push(format!("{pre}: series next {next}, highest used {max}"));
                }
            }
        }
        let negative_available = strings(
            self,
            "SELECT p.sku || ': on hand ' || b.on_hand_milli || ' reserved ' || b.reserved_milli
             FROM stock_balance b JOIN product p ON p.id = b.product_id WHERE b.on_hand_milli - b.reserved_milli < 0",
        )?;
        let exposure_mismatches = strings(
            self,
            "WITH o AS (SELECT customer_id,
                               SUM(CASE WHEN status IN ('pending_approval', 'confirmed', 'partially_delivered') THEN total_cents ELSE 0 END) AS open,
                               SUM(CASE WHEN status = 'delivered' THEN total_cents ELSE 0 END) AS delivered
                        FROM sales_order WHERE deleted_at IS NULL AND import_batch_id IS NULL GROUP BY 1)
             SELECT c.name || ': cached ' || COALESCE(e.open_cents, 0) || '/' || COALESCE(e.delivered_cents, 0)
                    || ' orders ' || COALESCE(o.open, 0) || '/' || COALESCE(o.delivered, 0)
             FROM customer c LEFT JOIN customer_exposure e ON e.customer_id = c.id LEFT JOIN o ON o.customer_id = c.id
             WHERE COALESCE(e.open_cents, 0) <> COALESCE(o.open, 0) OR COALESCE(e.delivered_cents, 0) <> COALESCE(o.delivered, 0)",
        )?;
        let account_mismatches = strings(
            self,
            "WITH inv AS (SELECT customer_id, SUM(total_cents) AS t FROM invoice GROUP BY 1),
                  pay AS (SELECT customer_id, SUM(amount_cents) AS t FROM payment GROUP BY 1),
                  op AS (SELECT customer_id, SUM(open_cents) AS t FROM invoice_open GROUP BY 1),
                  ret AS (SELECT customer_id, SUM(total_cents) AS t FROM sales_return GROUP BY 1)
             SELECT c.name || ': cached ' || COALESCE(a.invoiced_cents, 0) || '/' || COALESCE(a.paid_cents, 0) || '/'
                    || COALESCE(a.open_cents, 0) || '/' || COALESCE(a.returned_cents, 0)
                    || ' documents ' || COALESCE(inv.t, 0) || '/' || COALESCE(pay.t, 0) || '/' || COALESCE(op.t, 0) || '/' || COALESCE(ret.t, 0)
             FROM customer c LEFT JOIN customer_account a ON a.customer_id = c.id
                  LEFT JOIN inv ON inv.customer_id = c.id LEFT JOIN pay ON pay.customer_id = c.id
                  LEFT JOIN op ON op.customer_id = c.id LEFT JOIN ret ON ret.customer_id = c.id
             WHERE COALESCE(a.invoiced_cents, 0) <> COALESCE(inv.t, 0) OR COALESCE(a.paid_cents, 0) <> COALESCE(pay.t, 0)
                OR COALESCE(a.open_cents, 0) <> COALESCE(op.t, 0) OR COALESCE(a.returned_cents, 0) <> COALESCE(ret.t, 0)
             UNION ALL
             SELECT i.number || ': open ' || COALESCE(o.open_cents, 'none') || ' computed '
                    || (i.total_cents + COALESCE((SELECT SUM(c.total_cents) FROM invoice c WHERE c.credits_id = i.id), 0)
                        - COALESCE((SELECT SUM(a.amount_cents) FROM allocation a WHERE a.invoice_id = i.id), 0))
             FROM invoice i LEFT JOIN invoice_open o ON o.invoice_id = i.id
             WHERE i.kind = 'invoice' AND COALESCE(o.open_cents, -1) <> i.total_cents
                   + COALESCE((SELECT SUM(c.total_cents) FROM invoice c WHERE c.credits_id = i.id), 0)
                   - COALESCE((SELECT SUM(a.amount_cents) FROM allocation a WHERE a.invoice_id = i.id), 0)
             UNION ALL
             SELECT i.number || ': open ' || o.open_cents || ' below zero'
             FROM invoice i JOIN invoice_open o ON o.invoice_id = i.id WHERE o.open_cents < 0
             UNION ALL
             -- a receipt's matches stay within it; only receipts are matched
             SELECT p.number || ': matched ' || SUM(a.amount_cents) || ' of ' || p.amount_cents
             FROM payment p JOIN allocation a ON a.payment_id = p.id
             GROUP BY p.id HAVING p.kind <> 'receipt' OR SUM(a.amount_cents) < 0 OR SUM(a.amount_cents) > p.amount_cents
             UNION ALL
             -- every refund (until it is reversed), and the reversal of every receipt, is paid out of
             -- receipts in full
             SELECT p.number || ': paid back ' || -p.amount_cents || ', matched '
                    || COALESCE((SELECT SUM(a.amount_cents) FROM allocation a WHERE a.refund_id = p.id), 0)
             FROM payment p LEFT JOIN payment r ON r.id = p.reverses_id
             WHERE (p.kind = 'refund' OR (p.kind = 'reversal' AND r.kind = 'receipt'))
               AND CASE WHEN EXISTS (SELECT 1 FROM payment x WHERE x.reverses_id = p.id) THEN 0 ELSE -p.amount_cents END
                   <> COALESCE((SELECT SUM(a.amount_cents) FROM allocation a WHERE a.refund_id = p.id), 0)
             UNION ALL
             SELECT p.number || ': matched to a ' || p.kind FROM allocation a JOIN payment p ON p.id = a.refund_id
             WHERE p.kind = 'receipt'
             UNION ALL
             -- each order's money
             SELECT o.number || ': cached ' || o.invoiced_cents || '/' || o.returned_cents || '/' || o.received_cents
                    || ' documents ' || x.inv || '/' || x.ret || '/' || x.rec
             FROM sales_order o JOIN (
                 SELECT o2.id AS id,
                        COALESCE((SELECT SUM(i.total_cents) FROM invoice i WHERE i.order_id = o2.id), 0) AS inv,
                        COALESCE((SELECT SUM(r.total_cents) FROM sales_return r WHERE r.order_id = o2.id), 0) AS ret,
                        COALESCE((SELECT SUM(p.amount_cents) FROM payment p WHERE p.order_id = o2.id), 0)
                        + COALESCE((SELECT SUM(a.amount_cents) FROM allocation a JOIN invoice i ON i.id = a.invoice_id
                                    JOIN payment p ON p.id = a.payment_id
                                    WHERE i.order_id = o2.id AND p.order_id IS NOT o2.id), 0)
                        - COALESCE((SELECT SUM(a.amount_cents) FROM allocation a JOIN payment p ON p.id = a.payment_id
                                    LEFT JOIN invoice i ON i.id = a.invoice_id
                                    WHERE p.order_id = o2.id AND (a.refund_id IS NOT NULL OR i.order_id IS NOT o2.id)), 0) AS rec
                 FROM sales_order o2) x ON x.id = o.id
             WHERE o.invoiced_cents <> x.inv OR o.returned_cents <> x.ret OR o.received_cents <> x.rec
             UNION ALL
             -- returns: each line's returned quantity is what its returns say, and never more than was delivered
             SELECT o.number || ' line ' || l.line_no || ': returned ' || l.returned_milli || ' returns '
                    || COALESCE((SELECT SUM(r.qty_milli) FROM return_line r WHERE r.order_line_id = l.id), 0) || ' delivered ' || l.delivered_milli
             FROM order_line l JOIN sales_order o ON o.id = l.order_id
             WHERE l.returned_milli <> COALESCE((SELECT SUM(r.qty_milli) FROM return_line r WHERE r.order_line_id = l.id), 0)
                OR l.returned_milli > l.delivered_milli
             UNION ALL
             -- the kept aging equals the aging computed for its day
             SELECT 'aging of ' || COALESCE(v.name, k.name) || ': kept ' || COALESCE(k.not_due_cents, 'none') || ' computed '
                    || COALESCE(v.not_due_cents, 'none')
             FROM (SELECT * FROM aging_of WHERE not_due_cents <> 0 OR d1_30_cents <> 0 OR d31_60_cents <> 0 OR d61_90_cents <> 0
                                              OR d90_plus_cents <> 0 OR credit_cents <> 0) v
                  FULL JOIN aging_row k ON k.customer_id = v.customer_id
             WHERE k.customer_id IS NULL OR v.customer_id IS NULL OR k.name <> v.name OR k.not_due_cents <> v.not_due_cents
                OR k.d1_30_cents <> v.d1_30_cents OR k.d31_60_cents <> v.d31_60_cents OR k.d61_90_cents <> v.d61_90_cents
                OR k.d90_plus_cents <> v.d90_plus_cents OR k.credit_cents <> v.credit_cents
             UNION ALL
             SELECT r.number || ': total ' || r.total_cents || ' lines ' || COALESCE(SUM(l.total_cents), 0)
             FROM sales_return r LEFT JOIN return_line l ON l.return_id = r.id
             GROUP BY r.id HAVING r.total_cents <> COALESCE(SUM(l.total_cents), 0)",
        )?;
        let sales_mismatches = strings(
            self,
            "SELECT d.number || ' ' || p.sku || ': without tax ' || dl.net_cents || ' + tax ' || dl.tax_cents || ' <> ' || dl.total_cents
             FROM delivery_line dl JOIN delivery d ON d.id = dl.delivery_id JOIN product p ON p.id = dl.product_id
             WHERE dl.net_cents + dl.tax_cents <> dl.total_cents
             UNION ALL
             -- the cost a delivery line keeps is its movement's unit cost times its quantity
             SELECT d.number || ' ' || p.sku || ': cost ' || COALESCE(dl.cost_cents, 'unknown') || ', the ledger says '
                    || COALESCE((SELECT (dl.qty_milli * m.unit_cost_e4 + 50000) / 100000 FROM stock_move m
                                 WHERE m.doc_id = dl.delivery_id AND m.product_id = dl.product_id AND m.reason = 'delivery'
                                 LIMIT 1), 'unknown')
             FROM delivery_line dl JOIN delivery d ON d.id = dl.delivery_id JOIN product p ON p.id = dl.product_id
             WHERE dl.deleted_at IS NULL AND EXISTS (SELECT 1 FROM stock_move m WHERE m.doc_id = dl.delivery_id AND m.reason = 'delivery')
               AND NOT EXISTS (
                   SELECT 1 FROM stock_move m
                   WHERE m.doc_id = dl.delivery_id AND m.product_id = dl.product_id AND m.reason = 'delivery'
                     AND m.qty_milli = -dl.qty_milli
                     AND ((m.unit_cost_e4 IS NULL AND dl.cost_cents IS NULL)
                          OR dl.cost_cents = (dl.qty_milli * m.unit_cost_e4 + 50000) / 100000))
             UNION ALL
             SELECT r.number || ' ' || l.sku || ': without tax ' || l.net_cents || ' more than ' || l.total_cents
             FROM return_line l JOIN sales_return r ON r.id = l.return_id
             WHERE l.net_cents > l.total_cents",
        )?;
        let report_mismatches = strings(self, REPORT_MISMATCHES)?;
        let foreign_keys = if full {
            let mut st = self.conn.prepare("PRAGMA foreign_key_check").sql()?;
            let rows = st
                .query_map([], |r| {
                    let (table, rowid, parent): (String, Option<i64>, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
                    Ok(format!("{table} row {}: no such {parent}", rowid.map_or("?".into(), |n| n.to_string())))
                })
                .sql()?;
            rows.collect::<rusqlite::Result<Vec<_>>>().sql()?
        } else {
            Vec::new()
        };
        let unknown_values = self.unknown_values()?;
        let audit_chain = self.audit_chain_breaks()?;
        Ok(CheckReport {
            unknown_values,
            audit_chain,
            foreign_keys,
            account_mismatches,
            sales_mismatches,
            report_mismatches,
            exposure_mismatches,
            sqlite,
            on_hand_mismatches,
            reserved_mismatches,
            total_mismatches,
            delivered_mismatches,
            status_mismatches,
            numbering,
            negative_available,
        })
    }

    /// Every stored closed column's values that are none of its type's ([`STORED_CLOSED`]).
    fn unknown_values(&self) -> Result<Vec<String>, Error> {
        let mut out = Vec::new();
        for (stored_in, known) in STORED_CLOSED {
            let (table, column) = stored_in.split_once('.').expect("table.column");
            let known: Vec<String> = known().iter().map(|v| format!("'{}'", v.replace('\'', "''"))).collect();
            out.extend(strings(
                self,
                &format!(
                    "SELECT '{stored_in}: \"' || {column} || '\" (' || COUNT(*) || CASE COUNT(*) WHEN 1 THEN ' row)' ELSE ' rows)' END
                     FROM {table} WHERE {column} NOT IN ({}) GROUP BY {column} ORDER BY {column}",
                    known.join(", ")
                ),
            )?);
        }
        Ok(out)
    }

    /// Every row of every table, in a stable order, as text: two dumps are equal exactly when
    /// the shop's data is equal (used to prove a refused operation wrote nothing).
    pub fn dump(&self) -> Result<Dump, Error> {
        let tables = strings(self, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?;
        let mut out = String::new();
        let _ = writeln!(out, "user_version={}", self.conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)).sql()?);
        for t in tables {
            let _ = writeln!(out, "## {t}");
            let mut st = self.conn.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1")).sql()?;
            let n = st.column_count();
            let mut rows = st.query([]).sql()?;
            while let Some(r) = rows.next().sql()? {
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i).sql()?;
                    let _ = write!(out, "{v:?}|");
                }
                out.push('\n');
            }
        }
        Ok(Dump(out))
    }
}

/// A textual dump of a database (see [`Db::dump`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dump(pub String);
