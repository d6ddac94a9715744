//! Orders: the order aggregate loaded and saved in one call each ([`Db::load_order`],
//! [`Db::insert_order`], [`Db::save_order`]), the order as shown, deliveries and the search text.
//! Lists and search are in `list.rs`; the row builders and the bulk history write in `rows.rs`.

use kaidan_core::model::{Delivery, DeliveryLine, Order};
use kaidan_core::order::{OrderShown, SalesLine, SalesOrder};
use kaidan_core::{Entity, Error, LineAmounts, Money, OrderStatus, OrderTotals, Problem, Qty, Rate, UnitPrice};
use rusqlite::{params, OptionalExtension};

use crate::{closed, Db, SqlResult, Stamp};

mod list;
mod rows;

pub use list::{Due, OrderFilter, PAYMENT_STATUS_SQL};
pub use rows::HistoryOrder;

/// The columns [`line_from_row`] reads.
pub(crate) const LINE_READ_COLS: &str = "id, line_no, product_id, sku, name, spec, unit, qty_milli, delivered_milli, unit_price_e4,
                         discount_bp, tax_rate_bp, amount_cents, tax_cents, total_cents, cost_e4, returned_milli,
                         backordered_milli";

/// A line as stored; what invoices and returns keep of it is filled in by [`Db::load_order`].
pub(crate) fn line_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SalesLine> {
    let amount = Money::from_minor(r.get(12)?);
    let tax = Money::from_minor(r.get(13)?);
    let total = Money::from_minor(r.get(14)?);
    Ok(SalesLine {
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
        invoiced: Qty::ZERO,
        returned_value: Money::ZERO,
        backordered: Qty::from_minor(r.get(17)?),
    })
}

/// The few header facts of an order that payments look up by its number.
#[derive(Debug, Clone)]
pub struct OrderHead {
    pub id: String,
    pub number: String,
    pub status: OrderStatus,
    pub customer_id: String,
}

impl Db<'_> {
    /// Inserts a new order with its lines and its search text.
    pub fn insert_order(&self, stamp: &Stamp, o: &SalesOrder) -> Result<(), Error> {
        self.insert_order_unindexed(stamp, o)?;
        self.reindex_order(&o.id)
    }

    /// An order with its lines and what happened to them, by its number: the aggregate every
    /// order use case decides on.
    pub fn load_order(&self, number: &str) -> Result<SalesOrder, Error> {
        let (mut o, has_invoices): (SalesOrder, bool) = self
            .conn
            .prepare_cached(
                "SELECT o.id, o.number, o.customer_id, o.status, o.channel, o.order_date, o.deliver_by, o.notes, o.prices_include_tax,
                        o.subtotal_cents, o.tax_cents, o.total_cents, o.approval_reasons, o.cancel_reason, o.import_batch_id,
                        o.external_number, o.invoiced_cents, o.returned_cents, o.received_cents,
                        (SELECT COALESCE(MAX(line_no), 0) FROM order_line WHERE order_id = o.id),
                        EXISTS (SELECT 1 FROM invoice WHERE order_id = o.id)
                 FROM sales_order o WHERE o.number = ?1 AND o.deleted_at IS NULL",
            )
            .sql()?
            .query_row([number.trim()], |r| {
                let reasons: Option<String> = r.get(12)?;
                Ok((
                    SalesOrder {
                        id: r.get(0)?,
                        number: r.get(1)?,
                        customer_id: r.get(2)?,
                        status: closed(r, 3)?,
                        channel: closed(r, 4)?,
                        order_date: r.get(5)?,
                        deliver_by: r.get(6)?,
                        notes: r.get(7)?,
                        prices_include_tax: r.get(8)?,
                        totals: OrderTotals {
                            subtotal: Money::from_minor(r.get(9)?),
                            tax: Money::from_minor(r.get(10)?),
                            total: Money::from_minor(r.get(11)?),
                        },
                        approval_reasons: reasons.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default(),
                        cancel_reason: r.get(13)?,
                        import_batch_id: r.get(14)?,
                        external_number: r.get(15)?,
                        invoiced: Money::from_minor(r.get(16)?),
                        returned: Money::from_minor(r.get(17)?),
                        received: Money::from_minor(r.get(18)?),
                        last_line_no: r.get(19)?,
                        lines: Vec::new(),
                    },
                    r.get(20)?,
                ))
            })
            .optional()
            .sql()?
            .ok_or_else(|| Error::new(Problem::NotFound { what: Entity::Order, key: number.trim().to_string() }))?;
        o.lines = self.rows(
            &format!("SELECT {LINE_READ_COLS} FROM order_line WHERE order_id = ?1 AND deleted_at IS NULL ORDER BY line_no"),
            [&o.id],
            line_from_row,
        )?;
        if has_invoices {
            let invoiced = self.invoiced_by_order_line(&o.id)?;
            for l in &mut o.lines {
                l.invoiced = invoiced.get(&l.id).copied().unwrap_or(Qty::ZERO);
            }
        }
        if o.lines.iter().any(|l| l.returned.is_positive()) {
            let returned = self.returned_value_by_order_line(&o.id)?;
            for l in &mut o.lines {
                l.returned_value = returned.get(&l.id).copied().unwrap_or(Money::ZERO);
            }
        }
        Ok(o)
    }

    /// Writes what a use case changed in an order: the header (status, totals, approval
    /// reasons, cancel reason, channel, promised date, notes), and its lines — new ones
    /// inserted, changed ones rewritten (quantity, delivered, prices, amounts), missing ones
    /// removed (soft delete). The search text follows the lines.
    pub fn save_order(&self, stamp: &Stamp, before: &SalesOrder, after: &SalesOrder) -> Result<(), Error> {
        let t = stamp.time();
        // lines removed or added change the search text; any line written touches the order
        let (mut relisted, mut touched) = (false, false);
        for old in &before.lines {
            if !after.lines.iter().any(|l| l.id == old.id) {
                self.exec("UPDATE order_line SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1", params![old.id, t]).sql()?;
                relisted = true;
            }
        }
        let mut added = Vec::new();
        for l in &after.lines {
            match before.lines.iter().find(|o| o.id == l.id) {
                Some(o) if o == l => {}
                Some(_) => {
                    self.update_line(&t, l)?;
                    touched = true;
                }
                None => added.push(l.clone()),
            }
        }
        if !added.is_empty() {
            self.insert_lines(stamp, &after.id, &added)?;
            relisted = true;
        }
        fn head(
            o: &SalesOrder,
        ) -> (
            OrderStatus,
            OrderTotals,
            &[kaidan_core::ApprovalReason],
            &Option<String>,
            kaidan_core::Channel,
            &Option<String>,
            &Option<String>,
        ) {
            (o.status, o.totals, &o.approval_reasons, &o.cancel_reason, o.channel, &o.deliver_by, &o.notes)
        }
        if head(before) != head(after) {
            self.conn
                .prepare_cached(
                    "UPDATE sales_order SET status = ?2, subtotal_cents = ?3, tax_cents = ?4, total_cents = ?5, approval_reasons = ?6,
                            cancel_reason = ?7, channel = ?8, deliver_by = ?9, notes = ?10, updated_at = ?11
                     WHERE id = ?1",
                )
                .sql()?
                .execute(params![
                    after.id,
                    after.status.as_str(),
                    after.totals.subtotal.minor(),
                    after.totals.tax.minor(),
                    after.totals.total.minor(),
                    rows::reasons_json(&after.approval_reasons),
                    after.cancel_reason,
                    after.channel.as_str(),
                    after.deliver_by,
                    after.notes,
                    t,
                ])
                .sql()?;
        } else if touched || relisted {
            self.exec("UPDATE sales_order SET updated_at = ?2 WHERE id = ?1", params![after.id, t]).sql()?;
        }
        if relisted {
            self.reindex_order(&after.id)?;
        }
        Ok(())
    }

    /// Rewrites a line's quantities and prices.
    fn update_line(&self, t: &str, l: &SalesLine) -> Result<(), Error> {
        self.conn
            .prepare_cached(
                "UPDATE order_line SET qty_milli = ?2, delivered_milli = ?3, unit_price_e4 = ?4, discount_bp = ?5, tax_rate_bp = ?6,
                        amount_cents = ?7, tax_cents = ?8, total_cents = ?9, updated_at = ?10, backordered_milli = ?11
                 WHERE id = ?1 AND deleted_at IS NULL",
            )
            .sql()?
            .execute(params![
                l.id,
                l.qty.minor(),
                l.delivered.minor(),
                l.unit_price.minor(),
                l.discount.minor(),
                l.tax_rate.minor(),
                l.amounts.amount.minor(),
                l.amounts.tax.minor(),
                l.amounts.total.minor(),
                t,
                l.backordered.minor()
            ])
            .sql()?;
        Ok(())
    }

    /// The numbers of the open orders with lines of `product_id` waiting for stock, the oldest
    /// first (stock that comes in fills them in this order).
    pub fn backordered_orders(&self, product_id: &str) -> Result<Vec<String>, Error> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT o.number, o.seq FROM order_line l JOIN sales_order o ON o.id = l.order_id
                 WHERE l.product_id = ?1 AND l.backordered_milli > 0 AND l.deleted_at IS NULL
                   AND o.status IN ('confirmed', 'partially_delivered')
                 ORDER BY o.seq",
            )
            .sql()?;
        let ids = st.query_map([product_id], |r| r.get(0)).sql()?.collect::<rusqlite::Result<Vec<String>>>().sql()?;
        Ok(ids)
    }

    /// An order's id, status and customer by its number.
    pub fn order_head(&self, number: &str) -> Result<OrderHead, Error> {
        self.conn
            .prepare_cached("SELECT id, number, status, customer_id FROM sales_order WHERE number = ?1 AND deleted_at IS NULL")
            .sql()?
            .query_row([number.trim()], |r| {
                Ok(OrderHead { id: r.get(0)?, number: r.get(1)?, status: closed(r, 2)?, customer_id: r.get(3)? })
            })
            .optional()
            .sql()?
            .ok_or_else(|| Problem::NotFound { what: Entity::Order, key: number.trim().to_string() }.into())
    }

    /// The whole order as shown and printed: lines, deliveries, and what the rules say of it
    /// now (actions it allows, what is still due).
    pub fn order(&self, number: &str) -> Result<Order, Error> {
        let o = self.load_order(number)?;
        self.order_view(&o)
    }

    /// [`Db::order`] of an order already loaded.
    pub fn order_view(&self, o: &SalesOrder) -> Result<Order, Error> {
        let (customer, created_by, created_at, updated_at, salesperson) = self
            .row(
                "SELECT c.name, op.name, o.created_at, o.updated_at, COALESCE(sp.name, op.name)
                 FROM sales_order o JOIN customer c ON c.id = o.customer_id JOIN operator op ON op.id = o.created_by
                 LEFT JOIN operator sp ON sp.id = o.salesperson_id WHERE o.id = ?1",
                [&o.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .sql()?;
        let deliveries = self.deliveries_of(&o.id, &o.number)?;
        Ok(o.view(OrderShown { customer, created_by, created_at, updated_at, deliveries, salesperson }))
    }

    /// The order's salesperson (业务员), and who it was before.
    pub fn set_salesperson(&self, stamp: &Stamp, order_id: &str, operator_id: &str) -> Result<(), Error> {
        self.exec(
            "UPDATE sales_order SET salesperson_id = ?2, updated_at = ?3 WHERE id = ?1",
            rusqlite::params![order_id, operator_id, stamp.time()],
        )
        .sql()?;
        Ok(())
    }

    /// A delivery made on the shop's `date`.
    pub fn insert_delivery(&self, stamp: &Stamp, id: &str, number: &str, order_id: &str, date: &str) -> Result<(), Error> {
        self.insert_rows(rows::INSERT_DELIVERY, 8, &rows::delivery_cells(stamp, &stamp.time(), date, id, number, order_id))
    }

    /// `qty` of `line` delivered, which sold `share`; the goods cost `cost` (`None`: not known).
    pub fn insert_delivery_line(
        &self,
        stamp: &Stamp,
        delivery_id: &str,
        line: &SalesLine,
        qty: Qty,
        share: &LineAmounts,
        cost: Option<Money>,
    ) -> Result<(), Error> {
        let id = crate::new_id(stamp.at);
        let t = stamp.time();
        self.insert_rows(rows::INSERT_DELIVERY_LINE, 11, &rows::delivery_line_cells(&t, &id, delivery_id, line, qty, share, cost))
    }

    /// What the deliveries of an order line sold so far: (net, tax, total).
    pub fn delivered_value(&self, order_line_id: &str) -> Result<LineAmounts, Error> {
        let (net, tax, total): (i64, i64, i64) =
            self.row(DELIVERED_VALUE, [order_line_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).sql()?;
        let (net, tax, total) = (Money::from_minor(net), Money::from_minor(tax), Money::from_minor(total));
        // a delivery keeps no printed amount of its own: the total stands for it
        Ok(LineAmounts { amount: total, tax, net, total })
    }

    /// The unit cost the goods of an order line left the shelf with: the cost of its deliveries
    /// over their quantity (`None` when a delivery's cost is not known, or none was made).
    pub fn delivered_unit_cost(&self, order_line_id: &str) -> Result<Option<kaidan_core::UnitPrice>, Error> {
        let (qty, cost, unknown): (i64, i64, i64) =
            self.row(DELIVERED_COST, [order_line_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).sql()?;
        if qty == 0 || unknown > 0 {
            return Ok(None);
        }
        let per_unit = Money::from_minor(cost).to_decimal() / Qty::from_minor(qty).to_decimal();
        Ok(kaidan_core::UnitPrice::from_decimal_rounded(per_unit).ok())
    }

    fn deliveries_of(&self, order_id: &str, order_number: &str) -> Result<Vec<Delivery>, Error> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT d.id, d.number, d.created_at, l.sku, l.name, dl.qty_milli, d.delivery_date
                 FROM delivery d JOIN delivery_line dl ON dl.delivery_id = d.id JOIN order_line l ON l.id = dl.order_line_id
                 WHERE d.order_id = ?1 AND d.deleted_at IS NULL ORDER BY d.number, l.line_no",
            )
            .sql()?;
        let mut out: Vec<Delivery> = Vec::new();
        let rows = st
            .query_map([order_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
            })
            .sql()?;
        for row in rows {
            let (id, number, at, sku, name, qty, date): (String, String, String, String, String, i64, String) = row.sql()?;
            if out.last().map(|d| d.id != id).unwrap_or(true) {
                out.push(Delivery { id, number, order: order_number.to_string(), created_at: at, date, lines: Vec::new() });
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
    pub(crate) fn reindex_order(&self, order_id: &str) -> Result<(), Error> {
        let (seq, body): (i64, String) = self
            .conn
            .prepare_cached(&format!(
                "SELECT o.seq, {} FROM sales_order o JOIN customer c ON c.id = o.customer_id WHERE o.id = ?1",
                rows::SEARCH_BODY
            ))
            .sql()?
            .query_row([order_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .sql()?;
        self.conn.prepare_cached("DELETE FROM order_search WHERE rowid = ?1").sql()?.execute([seq]).sql()?;
        self.conn.prepare_cached("INSERT INTO order_search (rowid, body) VALUES (?1, ?2)").sql()?.execute(params![seq, body]).sql()?;
        Ok(())
    }

    pub(crate) fn reindex_orders_of_customer(&self, customer_id: &str) -> Result<(), Error> {
        let ids: Vec<String> = self.rows("SELECT id FROM sales_order WHERE customer_id = ?1", [customer_id], |r| r.get(0))?;
        for id in ids {
            self.reindex_order(&id)?;
        }
        Ok(())
    }
}

/// What an order line's deliveries sold so far (read by each delivery of it).
pub(crate) const DELIVERED_VALUE: &str =
    "SELECT COALESCE(SUM(dl.net_cents), 0), COALESCE(SUM(dl.tax_cents), 0), COALESCE(SUM(dl.total_cents), 0)
     FROM delivery_line dl JOIN delivery d ON d.id = dl.delivery_id
     WHERE dl.order_line_id = ?1 AND dl.deleted_at IS NULL AND d.deleted_at IS NULL";

/// What an order line's delivered goods cost (read by each return of it).
pub(crate) const DELIVERED_COST: &str =
    "SELECT COALESCE(SUM(dl.qty_milli), 0), COALESCE(SUM(dl.cost_cents), 0), COUNT(*) - COUNT(dl.cost_cents)
     FROM delivery_line dl JOIN delivery d ON d.id = dl.delivery_id
     WHERE dl.order_line_id = ?1 AND dl.deleted_at IS NULL AND d.deleted_at IS NULL";

#[cfg(test)]
mod plan_tests {
    /// Every delivery reads what its lines' earlier deliveries sold, every return what they cost:
    /// by the line's index, never a scan of all delivery lines (a million-order shop has millions).
    #[test]
    fn a_lines_deliveries_are_read_through_their_index() {
        let store = crate::Store::open_in_memory().unwrap();
        for sql in [super::DELIVERED_VALUE, super::DELIVERED_COST] {
            let plan: Vec<String> = store
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap()
                .query_map(["x"], |r| r.get::<_, String>(3))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            assert!(plan.iter().any(|s| s.contains("delivery_line_order_line")), "{plan:?}");
            assert!(!plan.iter().any(|s| s.starts_with("SCAN dl")), "{plan:?}");
        }
    }
}
