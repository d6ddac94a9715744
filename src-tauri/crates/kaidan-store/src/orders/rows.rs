//! How order rows are written: the column lists and row builders shared by one order and by
//! the import's bulk history ([`Db::insert_history`]), whose statements carry many rows each.

use kaidan_core::order::{SalesLine, SalesOrder};
use kaidan_core::{ApprovalReason, Entity, Error, LineAmounts, Money, Problem, Qty};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::OptionalExtension;

use crate::{Db, SqlResult, Stamp};

/// The search text of an order `o` (its customer `c`): number, the sheet's number, customer
/// name and phones, SKUs and names of the live lines.
pub(crate) const SEARCH_BODY: &str =
    "o.number || ' ' || COALESCE(o.external_number || ' ', '') || c.name || ' ' || COALESCE(c.phones, '') || ' ' ||
                    COALESCE((SELECT group_concat(l.sku || ' ' || l.name, ' ') FROM order_line l
                              WHERE l.order_id = o.id AND l.deleted_at IS NULL), '')";

/// The columns of an order line [`line_cells`] writes, after `order_id, created_at, updated_at`.
pub(crate) const LINE_COLS: &str = "id, line_no, product_id, sku, name, spec, unit, qty_milli, delivered_milli, unit_price_e4, discount_bp,
                         tax_rate_bp, amount_cents, tax_cents, total_cents, cost_e4, backordered_milli";

/// An imported order written as completed history ([`Db::insert_history`]): the order with
/// its lines, and the delivery that took them all.
#[derive(Debug, Clone)]
pub struct HistoryOrder {
    pub order: SalesOrder,
    pub delivery_id: String,
    pub delivery_number: String,
}

impl Db<'_> {
    /// Search text for every order of an import batch, in one statement: FTS5 flushes its
    /// pending index at every statement savepoint, so indexing order by order between other
    /// writes costs an import most of its time.
    pub fn index_import_batch(&self, batch_id: &str) -> Result<(), Error> {
        self.exec(
            &format!(
                "INSERT INTO order_search (rowid, body)
                 SELECT o.seq, {SEARCH_BODY} FROM sales_order o JOIN customer c ON c.id = o.customer_id WHERE o.import_batch_id = ?1"
            ),
            [batch_id],
        )
        .sql()?;
        Ok(())
    }

    /// Orders from an import, written as completed history a batch at a time: the orders,
    /// their lines, one delivery each and its lines, each table in statements of many rows
    /// (a statement per order was most of an import's time). Without search text (see
    /// [`Db::index_import_batch`]). Every line is delivered in full.
    ///
    /// The reports' triggers leave the orders of an import batch alone: what they would add is
    /// gathered in `sums`, which the caller adds with [`Db::add_history_to_reports`] after the
    /// import's last history, before its transaction ends (a write that ends without it
    /// fails). While a batch is held, its history is the only order written (the line
    /// triggers skip every line then): an order without a batch is refused here, and the caller
    /// writes no other order before adding the sums.
    ///
    /// Fit for [`crate::Store::write_bulk`]: the rows reference each other as built here, and
    /// every reference outside them (customer, product, import batch, operator, device) is
    /// looked up first, each distinct one once. A row that breaks a constraint ends the whole
    /// transaction at once (`INSERT OR ROLLBACK`), so SQLite keeps no statement journal.
    pub fn insert_history(&self, stamp: &Stamp, orders: &[HistoryOrder], sums: &mut crate::HistorySums) -> Result<(), Error> {
        self.require_outside_rows(stamp, orders)?;
        // an import batch's history is added to the reports by `sums`, not by the rows' triggers
        // (migration 0031): every figure the triggers would take, gathered here; each order's own
        // row (report_order's) is written now — it groups no further, and a million-line import
        // would hold some hundred thousand of them
        let held = !sums.batches.is_empty() || orders.iter().any(|h| h.order.import_batch_id.is_some());
        let mut own_rows = Vec::new();
        for o in orders.iter().map(|h| &h.order).filter(|_| held) {
            let Some(batch) = o.import_batch_id.as_deref() else {
                return Err(crate::storage(format!("order {}: written while an import's history is held from the reports", o.number)));
            };
            if o.status != kaidan_core::OrderStatus::Delivered {
                return Err(crate::storage(format!("order {}: history is written delivered", o.number)));
            }
            if !sums.batches.contains(batch) {
                self.exec("INSERT OR IGNORE INTO report_bulk (batch_id) VALUES (?1)", [batch]).sql()?;
                sums.batches.insert(batch.to_string());
            }
            if let Some((goods, lines)) = sums.history(o) {
                own_rows.push((o, [goods[0], goods[1], goods[2], goods[3], goods[4], 0, 0], lines));
            }
        }
        self.insert_pending(
            own_rows
                .iter()
                .map(|(o, v, lines)| crate::reports::pending_row(&o.order_date, None, None, None, true, v, Some((&o.id, *lines)))),
        )?;
        let t = stamp.time();
        let reasons: Vec<Option<String>> = orders.iter().map(|h| reasons_json(&h.order.approval_reasons)).collect();
        let delivered: Vec<(&HistoryOrder, &SalesLine, String)> = orders
            .iter()
            .flat_map(|h| h.order.lines.iter().filter(|l| l.qty > Qty::ZERO).map(move |l| (h, l, crate::new_id(stamp.at))))
            .collect();
        let mut cells = Vec::with_capacity(orders.len() * ORDER_CELLS);
        for (h, reasons) in orders.iter().zip(&reasons) {
            cells.extend(order_cells(stamp, &t, &h.order, reasons));
        }
        self.insert_rows(&or_rollback(INSERT_ORDER), ORDER_CELLS, &cells)?;
        cells.clear();
        for h in orders {
            for l in &h.order.lines {
                cells.extend(line_cells(&h.order.id, &t, l));
            }
        }
        self.insert_rows(&or_rollback(&insert_line_head()), LINE_CELLS, &cells)?;
        cells.clear();
        // the past was delivered on its order's date, at its order's prices, its cost unknown
        let dates: Vec<String> = orders.iter().map(|h| h.order.order_date.to_string()).collect();
        for (h, date) in orders.iter().zip(&dates) {
            cells.extend(delivery_cells(stamp, &t, date, &h.delivery_id, &h.delivery_number, &h.order.id));
        }
        self.insert_rows(&or_rollback(INSERT_DELIVERY), 8, &cells)?;
        cells.clear();
        for (h, l, id) in &delivered {
            cells.extend(delivery_line_cells(&t, id, &h.delivery_id, l, l.qty, &l.amounts, None));
        }
        self.insert_rows(&or_rollback(INSERT_DELIVERY_LINE), 11, &cells)
    }

    /// The rows outside `orders` that [`Db::insert_history`] would reference, each looked up
    /// once: an error names the first one missing.
    fn require_outside_rows(&self, stamp: &Stamp, orders: &[HistoryOrder]) -> Result<(), Error> {
        use std::collections::BTreeSet;
        let mut customers = BTreeSet::new();
        let mut products = BTreeSet::new();
        let mut batches = BTreeSet::new();
        for h in orders {
            customers.insert(h.order.customer_id.as_str());
            batches.extend(h.order.import_batch_id.as_deref());
            products.extend(h.order.lines.iter().map(|l| l.product_id.as_str()));
        }
        let missing = |what: Entity, key: &str| -> Error { Problem::NotFound { what, key: key.to_string() }.into() };
        let exists = |sql: &str, id: &str| -> Result<bool, Error> { self.row(sql, [id], |_| Ok(())).optional().sql().map(|r| r.is_some()) };
        for id in customers {
            if !exists("SELECT 1 FROM customer WHERE id = ?1", id)? {
                return Err(missing(Entity::Customer, id));
            }
        }
        for id in products {
            if !exists("SELECT 1 FROM product WHERE id = ?1", id)? {
                return Err(missing(Entity::Product, id));
            }
        }
        for id in batches {
            if !exists("SELECT 1 FROM import_batch WHERE id = ?1", id)? {
                return Err(crate::storage(format!("import batch {id} not found")));
            }
        }
        if !exists("SELECT 1 FROM operator WHERE id = ?1", &stamp.operator_id)? {
            return Err(missing(Entity::Operator, &stamp.operator_id));
        }
        if !exists("SELECT 1 FROM device WHERE id = ?1", &stamp.device_id)? {
            return Err(crate::storage(format!("device {} not found", stamp.device_id)));
        }
        Ok(())
    }

    /// Inserts an order and its lines without its search text ([`Db::insert_order`] adds it).
    pub(crate) fn insert_order_unindexed(&self, stamp: &Stamp, o: &SalesOrder) -> Result<(), Error> {
        let t = stamp.time();
        let reasons = reasons_json(&o.approval_reasons);
        self.insert_rows(INSERT_ORDER, ORDER_CELLS, &order_cells(stamp, &t, o, &reasons))?;
        self.insert_lines(stamp, &o.id, &o.lines)
    }

    /// An order's lines, many a statement (an import writes thousands of orders; a statement
    /// a line was most of its time).
    pub(crate) fn insert_lines(&self, stamp: &Stamp, order_id: &str, lines: &[SalesLine]) -> Result<(), Error> {
        let t = stamp.time();
        let cells: Vec<ToSqlOutput<'_>> = lines.iter().flat_map(|l| line_cells(order_id, &t, l)).collect();
        self.insert_rows(&insert_line_head(), LINE_CELLS, &cells)
    }
}

/// A text bound as it is, without a copy (bulk inserts bind hundreds of values a statement).
fn text(s: &str) -> ToSqlOutput<'_> {
    ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
}

fn opt(s: &Option<String>) -> ToSqlOutput<'_> {
    s.as_deref().map_or(ToSqlOutput::Owned(Value::Null), text)
}

fn int(v: i64) -> ToSqlOutput<'static> {
    ToSqlOutput::Owned(Value::Integer(v))
}

const INSERT_ORDER: &str = "INSERT INTO sales_order (id, number, customer_id, status, channel, order_date, deliver_by, notes,
     prices_include_tax, subtotal_cents, tax_cents, total_cents, approval_reasons, created_by, device_id, created_at, updated_at,
     import_batch_id, external_number, salesperson_id)";

/// The values of one order in [`INSERT_ORDER`].
const ORDER_CELLS: usize = 20;

/// An order's values in the order of [`INSERT_ORDER`]; `reasons` as [`reasons_json`] makes them.
fn order_cells<'a>(stamp: &'a Stamp, t: &'a str, o: &'a SalesOrder, reasons: &'a Option<String>) -> [ToSqlOutput<'a>; ORDER_CELLS] {
    [
        text(&o.id),
        text(&o.number),
        text(&o.customer_id),
        text(o.status.as_str()),
        text(o.channel.as_str()),
        text(&o.order_date),
        opt(&o.deliver_by),
        opt(&o.notes),
        int(i64::from(o.prices_include_tax)),
        int(o.totals.subtotal.minor()),
        int(o.totals.tax.minor()),
        int(o.totals.total.minor()),
        opt(reasons),
        text(&stamp.operator_id),
        text(&stamp.device_id),
        text(t),
        text(t),
        opt(&o.import_batch_id),
        opt(&o.external_number),
        // the salesperson (业务员): who took the order, until the owner says otherwise
        text(&stamp.operator_id),
    ]
}

/// `INSERT OR ROLLBACK INTO …` for `INSERT INTO …`: a row that breaks a constraint rolls the
/// whole transaction back at once, so SQLite keeps no statement journal to undo the statement
/// alone (for writers that fail as a whole anyway).
fn or_rollback(head: &str) -> String {
    head.replacen("INSERT INTO", "INSERT OR ROLLBACK INTO", 1)
}

/// `INSERT INTO order_line (…)` for the values [`line_cells`] gives.
fn insert_line_head() -> String {
    format!("INSERT INTO order_line (order_id, created_at, updated_at, {LINE_COLS})")
}

pub(crate) const INSERT_DELIVERY: &str =
    "INSERT INTO delivery (id, number, order_id, created_by, device_id, created_at, updated_at, delivery_date)";

/// A delivery's values in the order of [`INSERT_DELIVERY`]: made at `t`, on the shop's `date`.
pub(crate) fn delivery_cells<'a>(
    stamp: &'a Stamp,
    t: &'a str,
    date: &'a str,
    id: &'a str,
    number: &'a str,
    order_id: &'a str,
) -> [ToSqlOutput<'a>; 8] {
    [text(id), text(number), text(order_id), text(&stamp.operator_id), text(&stamp.device_id), text(t), text(t), text(date)]
}

pub(crate) const INSERT_DELIVERY_LINE: &str = "INSERT INTO delivery_line (id, delivery_id, order_line_id, product_id, qty_milli, \
                                               created_at, updated_at, net_cents, tax_cents, total_cents, cost_cents)";

/// A delivery line's values in the order of [`INSERT_DELIVERY_LINE`]: `qty` of `line`, which
/// sold `share`, the goods costing `cost` (`None`: not known).
pub(crate) fn delivery_line_cells<'a>(
    t: &'a str,
    id: &'a str,
    delivery_id: &'a str,
    line: &'a SalesLine,
    qty: Qty,
    share: &LineAmounts,
    cost: Option<Money>,
) -> [ToSqlOutput<'a>; 11] {
    [
        text(id),
        text(delivery_id),
        text(&line.id),
        text(&line.product_id),
        int(qty.minor()),
        text(t),
        text(t),
        int(share.net.minor()),
        int(share.tax.minor()),
        int(share.total.minor()),
        cost.map_or(ToSqlOutput::Owned(Value::Null), |c| int(c.minor())),
    ]
}

/// How many values [`line_cells`] gives a line.
const LINE_CELLS: usize = 20;

/// An order line's values in the order of `order_id, created_at, updated_at, {LINE_COLS}`.
fn line_cells<'a>(order_id: &'a str, t: &'a str, l: &'a SalesLine) -> [ToSqlOutput<'a>; LINE_CELLS] {
    [
        text(order_id),
        text(t),
        text(t),
        text(&l.id),
        int(i64::from(l.line_no)),
        text(&l.product_id),
        text(&l.sku),
        text(&l.name),
        opt(&l.spec),
        text(&l.unit),
        int(l.qty.minor()),
        int(l.delivered.minor()),
        int(l.unit_price.minor()),
        int(l.discount.minor()),
        int(l.tax_rate.minor()),
        int(l.amounts.amount.minor()),
        int(l.amounts.tax.minor()),
        int(l.amounts.total.minor()),
        int(l.cost.minor()),
        int(l.backordered.minor()),
    ]
}

pub(crate) fn reasons_json(r: &[ApprovalReason]) -> Option<String> {
    if r.is_empty() {
        None
    } else {
        serde_json::to_string(r).ok()
    }
}
