//! The stock ledger (append-only movements) and the balances cached from it.

use kaidan_core::model::{StockLevel, StockMove};
use kaidan_core::{Error, Money, MoveReason, Qty, UnitPrice};
use rusqlite::{params, OptionalExtension};

use crate::{new_id, Db, SqlResult, Stamp};

/// One movement to post.
#[derive(Debug, Clone)]
pub struct MoveWrite<'a> {
    pub product_id: &'a str,
    pub location_id: &'a str,
    pub qty: Qty,
    pub reason: MoveReason,
    /// The cost of goods coming in, when known (a receipt's cost, goods returned at the cost
    /// they left with); other movements take the shelf's average ([`kaidan_core::cost`]).
    pub unit_cost: Option<UnitPrice>,
    pub doc_type: Option<&'a str>,
    pub doc_id: Option<&'a str>,
    pub doc_number: Option<&'a str>,
    pub note: Option<&'a str>,
}

impl<'a> MoveWrite<'a> {
    /// A movement a document makes (`doc_type` `doc_number`, id `doc_id`), with no cost or note.
    pub fn of_document(
        (product_id, location_id): (&'a str, &'a str),
        qty: Qty,
        reason: MoveReason,
        (doc_type, doc_id, doc_number): (&'a str, &'a str, &'a str),
    ) -> Self {
        Self {
            product_id,
            location_id,
            qty,
            reason,
            unit_cost: None,
            doc_type: Some(doc_type),
            doc_id: Some(doc_id),
            doc_number: Some(doc_number),
            note: None,
        }
    }
}

/// The open orders (waiting for approval, to deliver, partly delivered), read from their partial
/// index alone (migration 0016: it holds status and promised date): the home screen's counts
/// and the fulfilment report's late orders.
pub(crate) const OPEN_ORDERS: &str = "FROM sales_order o INDEXED BY sales_order_open
                 WHERE o.deleted_at IS NULL AND o.status IN ('pending_approval', 'confirmed', 'partially_delivered')";
/// Of them, the late ones on `?1` (today): to deliver, promised before today.
pub(crate) const LATE: &str = "o.status <> 'pending_approval' AND o.deliver_by < ?1";

impl Db<'_> {
    /// Appends a movement to the ledger and moves the cached on-hand balance and average cost
    /// with it, in the caller's transaction.
    pub fn post_move(&self, stamp: &Stamp, m: &MoveWrite<'_>) -> Result<String, Error> {
        self.post_move_costed(stamp, m).map(|(id, _)| id)
    }

    /// [`Db::post_move`], and the unit cost the movement recorded (the cost of goods that left:
    /// the shelf's average; `None` when it is not known).
    pub fn post_move_costed(&self, stamp: &Stamp, m: &MoveWrite<'_>) -> Result<(String, Option<UnitPrice>), Error> {
        let id = new_id(stamp.at);
        let t = stamp.time();
        let (on_hand, avg): (i64, Option<i64>) = self
            .conn
            .prepare_cached("SELECT on_hand_milli, avg_cost_e4 FROM stock_balance WHERE product_id = ?1 AND location_id = ?2")
            .sql()?
            .query_row(params![m.product_id, m.location_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .sql()?
            .unwrap_or((0, None));
        let cost = kaidan_core::cost::step(Qty::from_minor(on_hand), avg.map(UnitPrice::from_minor), m.qty, m.unit_cost);
        self.conn
            .prepare_cached(
                "INSERT INTO stock_move (id, product_id, location_id, qty_milli, reason, unit_cost_e4, doc_type, doc_id,
                                         doc_number, note, operator_id, device_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )
            .sql()?
            .execute(params![
                id,
                m.product_id,
                m.location_id,
                m.qty.minor(),
                m.reason.as_str(),
                cost.unit_cost.map(UnitPrice::minor),
                m.doc_type,
                m.doc_id,
                m.doc_number,
                m.note,
                stamp.operator_id,
                stamp.device_id,
                t
            ])
            .sql()?;
        self.conn
            .prepare_cached(
                "INSERT INTO stock_balance (product_id, location_id, on_hand_milli, reserved_milli, updated_at, avg_cost_e4)
                 VALUES (?1, ?2, ?3, 0, ?4, ?5)
                 ON CONFLICT (product_id, location_id)
                 DO UPDATE SET on_hand_milli = on_hand_milli + excluded.on_hand_milli, updated_at = excluded.updated_at,
                               avg_cost_e4 = excluded.avg_cost_e4",
            )
            .sql()?
            .execute(params![m.product_id, m.location_id, m.qty.minor(), t, cost.average.map(UnitPrice::minor)])
            .sql()?;
        Ok((id, cost.unit_cost))
    }

    /// Changes the reserved quantity (positive: reserve, negative: release).
    pub fn add_reserved(&self, stamp: &Stamp, product_id: &str, location_id: &str, delta: Qty) -> Result<(), Error> {
        if delta.is_zero() {
            return Ok(());
        }
        // UPDATE first: an upsert would check the inserted row's CHECK (reserved >= 0) before it
        // turns into an update, and refuse every release.
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE stock_balance SET reserved_milli = reserved_milli + ?3, updated_at = ?4
                 WHERE product_id = ?1 AND location_id = ?2",
            )
            .sql()?
            .execute(params![product_id, location_id, delta.minor(), stamp.time()])
            .sql()?;
        if changed == 0 {
            self.conn
                .prepare_cached(
                    "INSERT INTO stock_balance (product_id, location_id, on_hand_milli, reserved_milli, updated_at)
                     VALUES (?1, ?2, 0, ?3, ?4)",
                )
                .sql()?
                .execute(params![product_id, location_id, delta.minor(), stamp.time()])
                .sql()?;
        }
        Ok(())
    }

    /// `(on_hand, reserved)` of a product at a location.
    pub fn balance(&self, product_id: &str, location_id: &str) -> Result<(Qty, Qty), Error> {
        let row: Option<(i64, i64)> = self
            .conn
            .prepare_cached("SELECT on_hand_milli, reserved_milli FROM stock_balance WHERE product_id = ?1 AND location_id = ?2")
            .sql()?
            .query_row(params![product_id, location_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .sql()?;
        let (h, r) = row.unwrap_or((0, 0));
        Ok((Qty::from_minor(h), Qty::from_minor(r)))
    }

    /// How many of each home screen list there are (`today`: `YYYY-MM-DD`; a late order is
    /// `LATE`).
    pub fn home_counts(&self, location_id: &str, today: &str) -> Result<kaidan_core::model::HomeCounts, Error> {
        let mut c = self
            .row(
                &format!(
                    "SELECT COALESCE(SUM(status = 'pending_approval'), 0),
                        COALESCE(SUM(status <> 'pending_approval' AND (deliver_by IS NULL OR deliver_by > ?1)), 0),
                        COALESCE(SUM(status <> 'pending_approval' AND deliver_by = ?1), 0),
                        COALESCE(SUM({LATE}), 0),
                        -- the orders waiting for stock, found from the few lines that wait (not
                        -- every open order's lines: 0.3 s on a million orders)
                        (SELECT COUNT(DISTINCT l.order_id) FROM order_line l INDEXED BY order_line_backordered
                           JOIN sales_order w ON w.id = l.order_id
                         WHERE l.backordered_milli > 0 AND l.deleted_at IS NULL
                           AND w.deleted_at IS NULL AND w.status IN ('confirmed', 'partially_delivered'))
                 -- the open orders' partial index holds every column counted (migration 0016)
                 {OPEN_ORDERS}"
                ),
                [today],
                |r| {
                    Ok(kaidan_core::model::HomeCounts {
                        pending_approval: r.get(0)?,
                        to_deliver: r.get(1)?,
                        due_today: r.get(2)?,
                        late: r.get(3)?,
                        backordered: r.get(4)?,
                        low_stock: 0,
                    })
                },
            )
            .sql()?;
        c.low_stock = self
            .row(
                "SELECT COUNT(*) FROM product p LEFT JOIN stock_balance b ON b.product_id = p.id AND b.location_id = ?1
                 WHERE p.deleted_at IS NULL AND p.reorder_point_milli > 0
                   AND COALESCE(b.on_hand_milli, 0) - COALESCE(b.reserved_milli, 0) <= p.reorder_point_milli",
                [location_id],
                |r| r.get(0),
            )
            .sql()?;
        Ok(c)
    }

    /// Stock levels by SKU. `sku`: one product; `search`: the products a search finds (as the
    /// product list's); `low_only`: available ≤ reorder point.
    #[allow(clippy::too_many_arguments)]
    pub fn stock_levels(
        &self,
        location_id: &str,
        sku: Option<&str>,
        search: Option<&str>,
        low_only: bool,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<StockLevel>, Error> {
        let found = crate::catalog::product_search(search);
        let clause = if found.is_some() { crate::catalog::product_search_sql("p", 6) } else { "1".to_string() };
        let head: [rusqlite::types::Value; 5] = [
            location_id.to_string().into(),
            sku.map(str::to_string).into(),
            after.unwrap_or("").to_string().into(),
            (low_only as i64).into(),
            limit.into(),
        ];
        self.rows(
            &format!(
                "SELECT p.sku, p.name, p.unit, COALESCE(b.on_hand_milli, 0), COALESCE(b.reserved_milli, 0), p.reorder_point_milli, p.cost_e4
                 FROM product p LEFT JOIN stock_balance b ON b.product_id = p.id AND b.location_id = ?1
                 WHERE p.deleted_at IS NULL AND (?2 IS NULL OR p.sku = ?2) AND p.sku > ?3
                   AND (?4 = 0 OR (p.reorder_point_milli > 0
                                   AND COALESCE(b.on_hand_milli, 0) - COALESCE(b.reserved_milli, 0) <= p.reorder_point_milli))
                   AND ({clause})
                 ORDER BY p.sku LIMIT ?5"
            ),
            rusqlite::params_from_iter(head.into_iter().chain(found.into_iter().flatten())),
            |r| {
                let on_hand = Qty::from_minor(r.get(3)?);
                let reserved = Qty::from_minor(r.get(4)?);
                let reorder_point = Qty::from_minor(r.get(5)?);
                let available = on_hand - reserved;
                let low = reorder_point.is_positive() && available <= reorder_point;
                let target = reorder_point + reorder_point;
                let cost = UnitPrice::from_minor(r.get(6)?);
                let value = kaidan_core::totals::stock_value(on_hand, cost).unwrap_or(Money::ZERO);
                Ok(StockLevel {
                    sku: r.get(0)?,
                    name: r.get(1)?,
                    unit: r.get(2)?,
                    on_hand,
                    reserved,
                    available,
                    reorder_point,
                    low,
                    suggested_reorder: if low { target - available } else { Qty::ZERO },
                    cost: Some(cost),
                    value: Some(value),
                })
            },
        )
    }

    /// The ledger, newest first; `product_id` narrows it to one product; `before` is the last
    /// id of the previous page.
    pub fn stock_moves(&self, product_id: Option<&str>, before: Option<&str>, limit: u32) -> Result<Vec<StockMove>, Error> {
        self.rows(
            "SELECT m.id, p.sku, m.qty_milli, m.reason, m.unit_cost_e4, m.doc_type, m.doc_number, m.note, o.name, m.created_at
                 FROM stock_move m JOIN product p ON p.id = m.product_id JOIN operator o ON o.id = m.operator_id
                 WHERE (?1 IS NULL OR m.product_id = ?1) AND (?2 IS NULL OR m.id < ?2)
                 ORDER BY m.id DESC LIMIT ?3",
            params![product_id, before, limit],
            |r| {
                Ok(StockMove {
                    id: r.get(0)?,
                    sku: r.get(1)?,
                    qty: Qty::from_minor(r.get(2)?),
                    reason: crate::closed(r, 3)?,
                    unit_cost: r.get::<_, Option<i64>>(4)?.map(UnitPrice::from_minor),
                    doc_type: r.get(5)?,
                    doc_number: r.get(6)?,
                    note: r.get(7)?,
                    operator: r.get(8)?,
                    created_at: r.get(9)?,
                })
            },
        )
    }
}
