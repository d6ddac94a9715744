//! Orders, their lines, deliveries, listing and search.

use kaidan_core::model::{Delivery, DeliveryLine, Order, OrderLine, OrderSummary, PaymentStatus};
use kaidan_core::{ApprovalReason, Channel, Entity, Error, LineAmounts, Money, OrderStatus, OrderTotals, Problem, Qty, Rate, UnitPrice};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{params, OptionalExtension};

use crate::{Db, SqlResult, Stamp};

/// An order header as written.
#[derive(Debug, Clone)]
pub struct OrderWrite {
    pub id: String,
    pub number: String,
    pub customer_id: String,
    pub status: OrderStatus,
    pub channel: Channel,
    pub order_date: String,
    pub deliver_by: Option<String>,
    pub notes: Option<String>,
    pub prices_include_tax: bool,
    pub totals: OrderTotals,
    pub approval_reasons: Vec<ApprovalReason>,
    /// The import batch that created it, and the number it had in the imported sheet.
    pub import_batch_id: Option<String>,
    pub external_number: Option<String>,
}

/// An order line as written and as read back for use cases.
#[derive(Debug, Clone, PartialEq)]
pub struct LineWrite {
    pub id: String,
    pub line_no: u32,
    pub product_id: String,
    pub sku: String,
    pub name: String,
    pub spec: Option<String>,
    pub unit: String,
    pub qty: Qty,
    pub delivered: Qty,
    pub unit_price: UnitPrice,
    pub discount: Rate,
    pub tax_rate: Rate,
    pub amounts: LineAmounts,
    pub cost: UnitPrice,
    /// Delivered and brought back (read only: returns write it through their trigger).
    pub returned: Qty,
}

/// An imported order written as completed history ([`Db::insert_history`]): the order, its
/// lines, and the delivery that took them all.
#[derive(Debug, Clone)]
pub struct HistoryOrder {
    pub order: OrderWrite,
    pub lines: Vec<LineWrite>,
    pub delivery_id: String,
    pub delivery_number: String,
}

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
    /// Order dates, inclusive, `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    /// The cursor: the `seq` of the last row of the previous page.
    pub before: Option<i64>,
    pub limit: u32,
}

pub(crate) const LINE_COLS: &str = "id, line_no, product_id, sku, name, spec, unit, qty_milli, delivered_milli, unit_price_e4, discount_bp,
                         tax_rate_bp, amount_cents, tax_cents, total_cents, cost_e4";
/// The columns [`line_from_row`] reads: the written ones and what returns keep.
pub(crate) const LINE_READ_COLS: &str = "id, line_no, product_id, sku, name, spec, unit, qty_milli, delivered_milli, unit_price_e4,
                         discount_bp, tax_rate_bp, amount_cents, tax_cents, total_cents, cost_e4, returned_milli";

pub(crate) fn line_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LineWrite> {
    let amount = Money::from_minor(r.get(12)?);
    let tax = Money::from_minor(r.get(13)?);
    let total = Money::from_minor(r.get(14)?);
    Ok(LineWrite {
        id: r.get(0)?,
        line_no: r.get(1)?,
        product_id: r.get(2)?,
        sku: r.get(3)?,
        name: r.get(4)?,
        spec: r.get(5)?,
        unit: r.get(6)?,
        qty: Qty::from_minor(r.get(7)?),
        delivered: Qty::from_minor(r.get(8)?),
        unit_price: UnitPrice::from_minor(r.get(9)?),
        discount: Rate::from_minor(r.get(10)?),
        tax_rate: Rate::from_minor(r.get(11)?),
        // net = total − tax whether prices include tax (total = amount) or not (total = amount + tax)
        amounts: LineAmounts { amount, tax, net: total - tax, total },
        cost: UnitPrice::from_minor(r.get(15)?),
        returned: Qty::from_minor(r.get(16)?),
    })
}

fn summary_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, OrderSummary)> {
    let status: String = r.get(3)?;
    let channel: String = r.get(5)?;
    Ok((
        r.get(0)?,
        OrderSummary {
            id: r.get(1)?,
            number: r.get(2)?,
            status: OrderStatus::parse(&status).unwrap_or(OrderStatus::Draft),
            customer: r.get(4)?,
            channel: Channel::parse(&channel).unwrap_or(Channel::Other),
            order_date: r.get(6)?,
            deliver_by: r.get(7)?,
            total: Money::from_minor(r.get(8)?),
            created_at: r.get(9)?,
            payment_status: PaymentStatus::parse(&r.get::<_, String>(10)?).unwrap_or(PaymentStatus::Unpaid),
            received: Money::from_minor(r.get(11)?),
        },
    ))
}

/// What an order is due to be paid: its total less what came back; nothing once cancelled,
/// nor for history imported from old sheets (it was settled before the shop used Kaidan).
pub fn order_due(status: OrderStatus, total: Money, returned: Money, imported: bool) -> Money {
    if status == OrderStatus::Cancelled || imported {
        Money::ZERO
    } else {
        total - returned
    }
}

/// An order row `o`'s payment status in SQL: the same decision as
/// [`PaymentStatus::of_order`] over [`order_due`] (a test holds the two together), so that
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
    format!("o.seq, o.id, o.number, o.status, c.name, o.channel, o.order_date, o.deliver_by, o.total_cents, o.created_at, {PAYMENT_STATUS_SQL}, o.received_cents")
}

/// An FTS5 phrase for a literal substring.
fn fts_phrase(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

impl Db<'_> {
    pub fn insert_order(&self, stamp: &Stamp, o: &OrderWrite, lines: &[LineWrite]) -> Result<(), Error> {
        self.insert_order_unindexed(stamp, o, lines)?;
        self.reindex_order(&o.id)
    }

    /// Search text for every order of an import batch, in one statement: FTS5 flushes its
    /// pending index at every statement savepoint, so indexing order by order between other
    /// writes costs an import most of its time.
    pub fn index_import_batch(&self, batch_id: &str) -> Result<(), Error> {
        self.exec(
            "INSERT INTO order_search (rowid, body)
             SELECT o.seq, o.number || ' ' || COALESCE(o.external_number || ' ', '') || c.name || ' ' || COALESCE(c.phones, '') || ' ' ||
                    COALESCE((SELECT group_concat(l.sku || ' ' || l.name, ' ') FROM order_line l
                              WHERE l.order_id = o.id AND l.deleted_at IS NULL), '')
             FROM sales_order o JOIN customer c ON c.id = o.customer_id WHERE o.import_batch_id = ?1",
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
    /// Fit for [`crate::Store::write_bulk`]: the rows reference each other as built here, and
    /// every reference outside them (customer, product, import batch, operator, device) is
    /// looked up first, each distinct one once. A row that breaks a constraint ends the whole
    /// transaction at once (`INSERT OR ROLLBACK`), so SQLite keeps no statement journal.
    pub fn insert_history(&self, stamp: &Stamp, orders: &[HistoryOrder]) -> Result<(), Error> {
        self.require_outside_rows(stamp, orders)?;
        let t = stamp.time();
        let reasons: Vec<Option<String>> = orders.iter().map(|h| reasons_json(&h.order.approval_reasons)).collect();
        let delivered: Vec<(&HistoryOrder, &LineWrite, String)> = orders
            .iter()
            .flat_map(|h| h.lines.iter().filter(|l| l.qty > Qty::ZERO).map(move |l| (h, l, crate::new_id(stamp.at))))
            .collect();
        let mut cells = Vec::with_capacity(orders.len() * 19);
        for (h, reasons) in orders.iter().zip(&reasons) {
            cells.extend(order_cells(stamp, &t, &h.order, reasons));
        }
        self.insert_rows(&or_rollback(INSERT_ORDER), 19, &cells)?;
        cells.clear();
        for h in orders {
            for l in &h.lines {
                cells.extend(line_cells(&h.order.id, &t, l));
            }
        }
        self.insert_rows(&or_rollback(&insert_line_head()), 19, &cells)?;
        cells.clear();
        for h in orders {
            cells.extend(delivery_cells(stamp, &t, &h.delivery_id, &h.delivery_number, &h.order.id));
        }
        self.insert_rows(&or_rollback(INSERT_DELIVERY), 7, &cells)?;
        cells.clear();
        for (h, l, id) in &delivered {
            cells.extend(delivery_line_cells(&t, id, &h.delivery_id, l, l.qty));
        }
        self.insert_rows(&or_rollback(INSERT_DELIVERY_LINE), 7, &cells)
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
            products.extend(h.lines.iter().map(|l| l.product_id.as_str()));
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

    /// Inserts an order and its lines without its search text (see [`Db::index_import_batch`]).
    pub fn insert_order_unindexed(&self, stamp: &Stamp, o: &OrderWrite, lines: &[LineWrite]) -> Result<(), Error> {
        let t = stamp.time();
        let reasons = reasons_json(&o.approval_reasons);
        self.insert_rows(INSERT_ORDER, 19, &order_cells(stamp, &t, o, &reasons))?;
        self.insert_lines(stamp, &o.id, lines)
    }

    /// An order's lines, many a statement (an import writes thousands of orders; a statement
    /// a line was most of its time).
    pub fn insert_lines(&self, stamp: &Stamp, order_id: &str, lines: &[LineWrite]) -> Result<(), Error> {
        let t = stamp.time();
        let cells: Vec<ToSqlOutput<'_>> = lines.iter().flat_map(|l| line_cells(order_id, &t, l)).collect();
        self.insert_rows(&insert_line_head(), 19, &cells)
    }

    pub fn insert_line(&self, stamp: &Stamp, order_id: &str, l: &LineWrite) -> Result<(), Error> {
        self.insert_lines(stamp, order_id, std::slice::from_ref(l))
    }

    /// Rewrites a line's quantity and prices (an order change). The delivered quantity is kept.
    pub fn update_line(&self, stamp: &Stamp, l: &LineWrite) -> Result<(), Error> {
        self.exec(
            "UPDATE order_line SET qty_milli = ?2, unit_price_e4 = ?3, discount_bp = ?4, tax_rate_bp = ?5,
                        amount_cents = ?6, tax_cents = ?7, total_cents = ?8, updated_at = ?9
                 WHERE id = ?1 AND deleted_at IS NULL",
            params![
                l.id,
                l.qty.minor(),
                l.unit_price.minor(),
                l.discount.minor(),
                l.tax_rate.minor(),
                l.amounts.amount.minor(),
                l.amounts.tax.minor(),
                l.amounts.total.minor(),
                stamp.time()
            ],
        )
        .sql()?;
        Ok(())
    }

    /// Removes a line from an order (soft delete).
    pub fn delete_line(&self, stamp: &Stamp, line_id: &str) -> Result<(), Error> {
        self.exec("UPDATE order_line SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1", params![line_id, stamp.time()]).sql()?;
        Ok(())
    }

    /// Writes the header fields an order change, approval, confirmation or cancellation touches.
    /// `approval_reasons`: `None` keeps the recorded reasons.
    #[allow(clippy::too_many_arguments)]
    pub fn update_order_header(
        &self,
        stamp: &Stamp,
        order_id: &str,
        status: OrderStatus,
        totals: &OrderTotals,
        approval_reasons: Option<&[ApprovalReason]>,
        cancel_reason: Option<&str>,
    ) -> Result<(), Error> {
        self.conn
            .prepare_cached(
                "UPDATE sales_order SET status = ?2, subtotal_cents = ?3, tax_cents = ?4, total_cents = ?5,
                        approval_reasons = CASE WHEN ?9 THEN ?6 ELSE approval_reasons END,
                        cancel_reason = COALESCE(?7, cancel_reason), updated_at = ?8
                 WHERE id = ?1",
            )
            .sql()?
            .execute(params![
                order_id,
                status.as_str(),
                totals.subtotal.minor(),
                totals.tax.minor(),
                totals.total.minor(),
                approval_reasons.and_then(reasons_json),
                cancel_reason,
                stamp.time(),
                approval_reasons.is_some()
            ])
            .sql()?;
        Ok(())
    }

    /// Channel, promised date and notes. `None` keeps a field; `Some(None)` clears it.
    pub fn update_order_details(
        &self,
        stamp: &Stamp,
        order_id: &str,
        channel: Option<&str>,
        deliver_by: Option<Option<&str>>,
        notes: Option<Option<&str>>,
    ) -> Result<(), Error> {
        self.exec(
            "UPDATE sales_order SET channel = COALESCE(?2, channel),
                        deliver_by = CASE WHEN ?3 THEN ?4 ELSE deliver_by END,
                        notes = CASE WHEN ?5 THEN ?6 ELSE notes END, updated_at = ?7
                 WHERE id = ?1",
            params![order_id, channel, deliver_by.is_some(), deliver_by.flatten(), notes.is_some(), notes.flatten(), stamp.time()],
        )
        .sql()?;
        Ok(())
    }

    pub fn add_delivered(&self, stamp: &Stamp, line_id: &str, qty: Qty) -> Result<(), Error> {
        self.conn
            .prepare_cached("UPDATE order_line SET delivered_milli = delivered_milli + ?2, updated_at = ?3 WHERE id = ?1")
            .sql()?
            .execute(params![line_id, qty.minor(), stamp.time()])
            .sql()?;
        Ok(())
    }

    /// `(id, status, customer_id, prices_include_tax)` of an order by its number.
    pub fn order_head(&self, number: &str) -> Result<OrderHead, Error> {
        self.conn
            .prepare_cached(
                "SELECT id, number, status, customer_id, prices_include_tax, total_cents, import_batch_id IS NOT NULL FROM sales_order
                 WHERE number = ?1 AND deleted_at IS NULL",
            )
            .sql()?
            .query_row([number.trim()], |r| {
                let status: String = r.get(2)?;
                Ok(OrderHead {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    status: OrderStatus::parse(&status).unwrap_or(OrderStatus::Draft),
                    customer_id: r.get(3)?,
                    prices_include_tax: r.get(4)?,
                    total: Money::from_minor(r.get(5)?),
                    imported: r.get(6)?,
                })
            })
            .optional()
            .sql()?
            .ok_or_else(|| Problem::NotFound { what: Entity::Order, key: number.trim().to_string() }.into())
    }

    /// The live lines of an order, in line order.
    pub fn order_lines(&self, order_id: &str) -> Result<Vec<LineWrite>, Error> {
        let mut st = self
            .conn
            .prepare_cached(&format!("SELECT {LINE_READ_COLS} FROM order_line WHERE order_id = ?1 AND deleted_at IS NULL ORDER BY line_no"))
            .sql()?;
        let rows = st.query_map([order_id], line_from_row).sql()?;
        rows.collect::<rusqlite::Result<Vec<_>>>().sql()
    }

    pub fn max_line_no(&self, order_id: &str) -> Result<u32, Error> {
        self.row("SELECT COALESCE(MAX(line_no), 0) FROM order_line WHERE order_id = ?1", [order_id], |r| r.get(0)).sql()
    }

    /// The whole order as shown and printed: lines and deliveries.
    pub fn order(&self, number: &str) -> Result<Order, Error> {
        let head = self.order_head(number)?;
        let (mut order, reasons): (Order, Option<String>) = self
            .row(
                "SELECT o.id, o.number, o.status, c.name, o.customer_id, o.channel, o.order_date, o.deliver_by, o.notes,
                        o.prices_include_tax, o.subtotal_cents, o.tax_cents, o.total_cents, o.approval_reasons,
                        o.cancel_reason, op.name, o.created_at, o.updated_at, o.invoiced_cents, o.returned_cents, o.received_cents,
                        o.import_batch_id IS NOT NULL, o.external_number
                 FROM sales_order o JOIN customer c ON c.id = o.customer_id JOIN operator op ON op.id = o.created_by
                 WHERE o.id = ?1",
                [&head.id],
                |r| {
                    let channel: String = r.get(5)?;
                    Ok((
                        Order {
                            id: r.get(0)?,
                            number: r.get(1)?,
                            status: head.status,
                            customer: r.get(3)?,
                            customer_id: r.get(4)?,
                            channel: Channel::parse(&channel).unwrap_or(Channel::Other),
                            order_date: r.get(6)?,
                            deliver_by: r.get(7)?,
                            notes: r.get(8)?,
                            prices_include_tax: r.get(9)?,
                            subtotal: Money::from_minor(r.get(10)?),
                            tax: Money::from_minor(r.get(11)?),
                            total: Money::from_minor(r.get(12)?),
                            lines: Vec::new(),
                            deliveries: Vec::new(),
                            approval_reasons: Vec::new(),
                            cancel_reason: r.get(14)?,
                            created_by: r.get(15)?,
                            created_at: r.get(16)?,
                            updated_at: r.get(17)?,
                            invoiced: Money::from_minor(r.get(18)?),
                            returned: Money::from_minor(r.get(19)?),
                            received: Money::from_minor(r.get(20)?),
                            payment_status: PaymentStatus::Unpaid,
                            external_number: r.get(22)?,
                        },
                        r.get::<_, Option<String>>(13)?,
                    ))
                },
            )
            .sql()?;
        order.approval_reasons = reasons.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default();
        order.payment_status =
            PaymentStatus::of_order(order_due(order.status, order.total, order.returned, head.imported), order.received, order.invoiced);
        order.lines = self
            .order_lines(&head.id)?
            .into_iter()
            .map(|l| OrderLine {
                id: l.id,
                line_no: l.line_no,
                sku: l.sku,
                name: l.name,
                spec: l.spec,
                unit: l.unit,
                qty: l.qty,
                delivered_qty: l.delivered,
                remaining_qty: l.qty - l.delivered,
                returned_qty: l.returned,
                unit_price: l.unit_price,
                discount: l.discount,
                tax_rate: l.tax_rate,
                amount: l.amounts.amount,
                tax: l.amounts.tax,
                total: l.amounts.total,
            })
            .collect();
        order.deliveries = self.deliveries_of(&head.id, &head.number)?;
        Ok(order)
    }

    pub fn insert_delivery(&self, stamp: &Stamp, id: &str, number: &str, order_id: &str) -> Result<(), Error> {
        self.insert_rows(INSERT_DELIVERY, 7, &delivery_cells(stamp, &stamp.time(), id, number, order_id))
    }

    pub fn insert_delivery_line(&self, stamp: &Stamp, delivery_id: &str, line: &LineWrite, qty: Qty) -> Result<(), Error> {
        let id = crate::new_id(stamp.at);
        self.insert_rows(INSERT_DELIVERY_LINE, 7, &delivery_line_cells(&stamp.time(), &id, delivery_id, line, qty))
    }

    fn deliveries_of(&self, order_id: &str, order_number: &str) -> Result<Vec<Delivery>, Error> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT d.id, d.number, d.created_at, l.sku, l.name, dl.qty_milli
                 FROM delivery d JOIN delivery_line dl ON dl.delivery_id = d.id JOIN order_line l ON l.id = dl.order_line_id
                 WHERE d.order_id = ?1 AND d.deleted_at IS NULL ORDER BY d.number, l.line_no",
            )
            .sql()?;
        let mut out: Vec<Delivery> = Vec::new();
        let rows = st
            .query_map([order_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })
            .sql()?;
        for row in rows {
            let (id, number, at, sku, name, qty): (String, String, String, String, String, i64) = row.sql()?;
            if out.last().map(|d| d.id != id).unwrap_or(true) {
                out.push(Delivery { id, number, order: order_number.to_string(), created_at: at, lines: Vec::new() });
            }
            out.last_mut().expect("pushed").lines.push(DeliveryLine { sku, name, qty: Qty::from_minor(qty) });
        }
        Ok(out)
    }

    /// The delivery by its number.
    pub fn delivery(&self, number: &str) -> Result<Delivery, Error> {
        let (order_id, order_number): (String, String) = self
            .row("SELECT o.id, o.number FROM delivery d JOIN sales_order o ON o.id = d.order_id WHERE d.number = ?1", [number], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .sql()?
            .ok_or_else(|| Error::new(Problem::NotFound { what: Entity::Delivery, key: number.to_string() }))?;
        self.deliveries_of(&order_id, &order_number)?
            .into_iter()
            .find(|d| d.number == number)
            .ok_or_else(|| Problem::NotFound { what: Entity::Delivery, key: number.to_string() }.into())
    }

    /// Rebuilds an order's search text: number, customer name, phones, SKUs and product names.
    pub fn reindex_order(&self, order_id: &str) -> Result<(), Error> {
        let (seq, body): (i64, String) = self
            .conn
            .prepare_cached(
                "SELECT o.seq, o.number || ' ' || COALESCE(o.external_number || ' ', '') || c.name || ' ' || COALESCE(c.phones, '') || ' ' ||
                        COALESCE((SELECT group_concat(l.sku || ' ' || l.name, ' ') FROM order_line l
                                  WHERE l.order_id = o.id AND l.deleted_at IS NULL), '')
                 FROM sales_order o JOIN customer c ON c.id = o.customer_id WHERE o.id = ?1",
            )
            .sql()?
            .query_row([order_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .sql()?;
        self.conn.prepare_cached("DELETE FROM order_search WHERE rowid = ?1").sql()?.execute([seq]).sql()?;
        self.conn.prepare_cached("INSERT INTO order_search (rowid, body) VALUES (?1, ?2)").sql()?.execute(params![seq, body]).sql()?;
        Ok(())
    }

    pub(crate) fn reindex_orders_of_customer(&self, customer_id: &str) -> Result<(), Error> {
        let ids: Vec<String> = {
            let mut st = self.conn.prepare("SELECT id FROM sales_order WHERE customer_id = ?1").sql()?;
            let rows = st.query_map([customer_id], |r| r.get(0)).sql()?;
            rows.collect::<rusqlite::Result<Vec<_>>>().sql()?
        };
        for id in ids {
            self.reindex_order(&id)?;
        }
        Ok(())
    }

    /// A page of orders, newest first, and the cursor of the next page. Cursor paging only:
    /// never OFFSET.
    pub fn orders(&self, f: &OrderFilter) -> Result<(Vec<OrderSummary>, Option<i64>), Error> {
        let short = self.short_search(f)?;
        let (sql, args, limit) = order_query(f, short.as_ref());
        let mut st = self.conn.prepare_cached(&sql).sql()?;
        let rows = st.query_map(rusqlite::params_from_iter(args.iter()), summary_from_row).sql()?;
        let rows = rows.collect::<rusqlite::Result<Vec<_>>>().sql()?;
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

    /// For 1–2 character searches (too short for trigrams): the customers and products whose
    /// text contains it, when there are few enough to drive the list through their indexes.
    /// `None` means "many": the scan of the search text then finds a page quickly.
    fn short_search(&self, f: &OrderFilter) -> Result<Option<ShortMatch>, Error> {
        let Some(s) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty() && s.chars().count() < 3) else {
            return Ok(None);
        };
        let pattern = crate::catalog::like_contains(s);
        let ids = |sql: &str, cap: usize| -> Result<Option<Vec<String>>, Error> {
            let mut st = self.conn.prepare_cached(sql).sql()?;
            let rows = st.query_map(params![pattern, cap as i64 + 1], |r| r.get::<_, String>(0)).sql()?;
            let v = rows.collect::<rusqlite::Result<Vec<_>>>().sql()?;
            Ok(if v.len() > cap { None } else { Some(v) })
        };
        let customers =
            ids("SELECT id FROM customer WHERE name LIKE ?1 ESCAPE '\\' OR phones LIKE ?1 ESCAPE '\\' LIMIT ?2", SHORT_CUSTOMERS)?;
        let products = ids("SELECT id FROM product WHERE name LIKE ?1 ESCAPE '\\' OR sku LIKE ?1 ESCAPE '\\' LIMIT ?2", SHORT_PRODUCTS)?;
        let (Some(customers), Some(products)) = (customers, products) else {
            return Ok(None);
        };
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
            conds.push(format!(
                "(o.customer_id IN (SELECT value FROM json_each({pc}))
                  OR o.id IN (SELECT order_id FROM order_line WHERE product_id IN (SELECT value FROM json_each({pp}))))"
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
    if let Some(d) = &f.from {
        let p = arg(d.clone().into());
        conds.push(format!("o.order_date >= {p}"));
    }
    if let Some(d) = &f.to {
        let p = arg(d.clone().into());
        conds.push(format!("o.order_date <= {p}"));
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

/// The few header facts use cases branch on.
#[derive(Debug, Clone)]
pub struct OrderHead {
    pub id: String,
    pub number: String,
    pub status: OrderStatus,
    pub customer_id: String,
    pub prices_include_tax: bool,
    pub total: Money,
    /// History imported from an old sheet.
    pub imported: bool,
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
     import_batch_id, external_number)";

/// An order's values in the order of [`INSERT_ORDER`]; `reasons` as [`reasons_json`] makes them.
fn order_cells<'a>(stamp: &'a Stamp, t: &'a str, o: &'a OrderWrite, reasons: &'a Option<String>) -> [ToSqlOutput<'a>; 19] {
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

const INSERT_DELIVERY: &str = "INSERT INTO delivery (id, number, order_id, created_by, device_id, created_at, updated_at)";

/// A delivery's values in the order of [`INSERT_DELIVERY`].
fn delivery_cells<'a>(stamp: &'a Stamp, t: &'a str, id: &'a str, number: &'a str, order_id: &'a str) -> [ToSqlOutput<'a>; 7] {
    [text(id), text(number), text(order_id), text(&stamp.operator_id), text(&stamp.device_id), text(t), text(t)]
}

const INSERT_DELIVERY_LINE: &str =
    "INSERT INTO delivery_line (id, delivery_id, order_line_id, product_id, qty_milli, created_at, updated_at)";

/// A delivery line's values in the order of [`INSERT_DELIVERY_LINE`]: `qty` of `line`.
fn delivery_line_cells<'a>(t: &'a str, id: &'a str, delivery_id: &'a str, line: &'a LineWrite, qty: Qty) -> [ToSqlOutput<'a>; 7] {
    [text(id), text(delivery_id), text(&line.id), text(&line.product_id), int(qty.minor()), text(t), text(t)]
}

/// An order line's values in the order of `order_id, created_at, updated_at, {LINE_COLS}`.
fn line_cells<'a>(order_id: &'a str, t: &'a str, l: &'a LineWrite) -> [ToSqlOutput<'a>; 19] {
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
    ]
}

fn reasons_json(r: &[ApprovalReason]) -> Option<String> {
    if r.is_empty() {
        None
    } else {
        serde_json::to_string(r).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
