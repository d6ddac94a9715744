//! Stock in, adjustments, stocktakes, levels and the ledger.

use kaidan_core::model::{Page, StockLevel, StockMove};
use kaidan_core::validate;
use kaidan_core::Action;
use kaidan_core::{Error, Field, FieldKey, MoveReason, Problem, Qty, Sign};
use kaidan_store::{Db, MoveWrite};
use serde::{Deserialize, Serialize};

use crate::{Actor, Ctx, Shop};

/// One counted product of a stocktake.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct CountInput {
    pub sku: String,
    pub counted: String,
}

/// Refuses a decrease that would leave available stock below zero, unless the shop allows it.
fn ensure_not_negative(db: &Db, a: &Actor, product_id: &str, sku: &str, change: Qty) -> Result<(), Error> {
    if !change.is_negative() || db.settings()?.allow_negative_stock {
        return Ok(());
    }
    let (on_hand, reserved) = db.balance(product_id, &a.location_id)?;
    if (on_hand - reserved + change).is_negative() {
        return Err(Problem::NegativeStock { sku: sku.to_string(), on_hand: on_hand - reserved, change }.into());
    }
    Ok(())
}

pub(crate) fn receive(
    db: &Db,
    a: &Actor,
    sku: &str,
    qty: Qty,
    cost: Option<kaidan_core::UnitPrice>,
    note: Option<&str>,
) -> Result<StockLevel, Error> {
    let p = db.product(sku).map_err(|e| Error { field: Some(Field::new(FieldKey::Sku)), ..e })?;
    db.post_move(
        &a.stamp,
        &MoveWrite {
            product_id: &p.id,
            location_id: &a.location_id,
            qty,
            reason: MoveReason::Receipt,
            // without a cost given, the product's own cost (the form's, or the last purchase
            // price) when it has one; else the goods' cost is not known
            unit_cost: cost.or(p.cost.filter(|c| c.is_positive())),
            doc_type: None,
            doc_id: None,
            doc_number: None,
            note,
        },
    )?;
    crate::orders::fill_backorders(db, a, &p.id)?;
    if let Some(c) = cost {
        // the product's cost follows the last purchase price
        if Some(c) != p.cost {
            let mut updated = p.clone();
            updated.cost = Some(c);
            db.update_product(&a.stamp, &updated)?;
        }
    }
    level(db, a, &p.sku)
}

fn level(db: &Db, a: &Actor, sku: &str) -> Result<StockLevel, Error> {
    db.stock_levels(&a.location_id, Some(sku), None, false, None, 1)?
        .pop()
        .ok_or_else(|| Problem::NotFound { what: kaidan_core::Entity::Product, key: sku.to_string() }.into())
}

/// The most stock levels or movements one call lists (a page and its cursor use the same bound).
const STOCK_LIST_MAX: u32 = 5000;

impl Shop {
    /// Goods in from a supplier (purchase receipt), optionally with the unit cost paid.
    pub fn receive_stock(&mut self, ctx: &Ctx, sku: &str, qty: &str, cost: Option<&str>, note: Option<&str>) -> Result<StockLevel, Error> {
        let q = validate::qty(Field::new(FieldKey::Qty), qty, Sign::Positive)?;
        let c = cost.map(|c| validate::unit_price(Field::new(FieldKey::Cost), c)).transpose()?;
        let note = validate::opt_text(FieldKey::Notes, note, 200)?;
        self.write(ctx, "stock.receive", &(sku, q, c, &note), |db, a| {
            a.require(Action::ReceiveStock)?;
            receive(db, a, sku, q, c, note.as_deref())
        })
    }

    /// A signed correction with a reason (damage, loss, found).
    pub fn adjust_stock(&mut self, ctx: &Ctx, sku: &str, change: &str, reason: &str) -> Result<StockLevel, Error> {
        let q = validate::qty(Field::new(FieldKey::Qty), change, Sign::Any)?;
        if q.is_zero() {
            return Err(Error::number(Field::new(FieldKey::Qty), change, kaidan_core::NumberIssue::NotPositive));
        }
        let reason = validate::text(FieldKey::Reason, reason, 200, true)?;
        self.write(ctx, "stock.adjust", &(sku, q, &reason), |db, a| {
            a.require(Action::AdjustStock)?;
            let p = db.product(sku).map_err(|e| Error { field: Some(Field::new(FieldKey::Sku)), ..e })?;
            ensure_not_negative(db, a, &p.id, &p.sku, q)?;
            db.post_move(
                &a.stamp,
                &MoveWrite {
                    product_id: &p.id,
                    location_id: &a.location_id,
                    qty: q,
                    reason: MoveReason::Adjustment,
                    unit_cost: None,
                    doc_type: None,
                    doc_id: None,
                    doc_number: None,
                    note: Some(&reason),
                },
            )?;
            if q.is_positive() {
                crate::orders::fill_backorders(db, a, &p.id)?;
            }
            level(db, a, &p.sku)
        })
    }

    /// A stocktake (盘点): each counted quantity becomes an adjustment movement of the
    /// difference. All rows or none: one bad row refuses the whole count, naming the row.
    pub fn stocktake(&mut self, ctx: &Ctx, counts: &[CountInput], note: Option<&str>) -> Result<Vec<StockLevel>, Error> {
        let mut parsed = Vec::with_capacity(counts.len());
        for (i, c) in counts.iter().enumerate() {
            parsed.push((c.sku.trim().to_string(), validate::qty(Field::row(FieldKey::Counted, i + 1), &c.counted, Sign::NonNegative)?));
        }
        if parsed.is_empty() {
            return Err(Error::at(Problem::Required, Field::new(FieldKey::Counted)));
        }
        let note = validate::opt_text(FieldKey::Notes, note, 200)?;
        self.write(ctx, "stock.stocktake", &(&parsed, &note), |db, a| {
            a.require(Action::AdjustStock)?;
            let mut out = Vec::new();
            for (i, (sku, counted)) in parsed.iter().enumerate() {
                let p = db.product(sku).map_err(|e| Error { field: Some(Field::row(FieldKey::Sku, i + 1)), ..e })?;
                let (on_hand, _) = db.balance(&p.id, &a.location_id)?;
                let diff = *counted - on_hand;
                if !diff.is_zero() {
                    ensure_not_negative(db, a, &p.id, &p.sku, diff)
                        .map_err(|e| Error { field: Some(Field::row(FieldKey::Counted, i + 1)), ..e })?;
                    db.post_move(
                        &a.stamp,
                        &MoveWrite {
                            product_id: &p.id,
                            location_id: &a.location_id,
                            qty: diff,
                            reason: MoveReason::Stocktake,
                            unit_cost: None,
                            doc_type: None,
                            doc_id: None,
                            doc_number: None,
                            note: note.as_deref(),
                        },
                    )?;
                    if diff.is_positive() {
                        crate::orders::fill_backorders(db, a, &p.id)?;
                    }
                }
                out.push(level(db, a, &p.sku)?);
            }
            Ok(out)
        })
    }

    /// Stock levels by SKU; `low_only` lists available ≤ reorder point with a suggestion.
    pub fn stock_levels(&self, sku: Option<&str>, low_only: bool, after: Option<&str>, limit: u32) -> Result<Vec<StockLevel>, Error> {
        self.read(|db| {
            let ids = db.local_ids()?;
            let sku = match sku {
                Some(k) => Some(db.product(k)?.sku),
                None => None,
            };
            db.stock_levels(&ids.location_id, sku.as_deref(), None, low_only, after, limit.clamp(1, STOCK_LIST_MAX))
        })
    }

    /// Stock levels of the products a search finds (as the product list's), by SKU.
    pub fn stock_search(&self, search: &str, low_only: bool, after: Option<&str>, limit: u32) -> Result<Vec<StockLevel>, Error> {
        self.read(|db| {
            let ids = db.local_ids()?;
            db.stock_levels(&ids.location_id, None, Some(search), low_only, after, limit.clamp(1, STOCK_LIST_MAX))
        })
    }

    /// The movement ledger, newest first, of one product or all.
    pub fn stock_moves(&self, sku: Option<&str>, before: Option<&str>, limit: u32) -> Result<Vec<StockMove>, Error> {
        self.read(|db| {
            let pid = match sku {
                Some(k) => Some(db.product(k)?.id),
                None => None,
            };
            db.stock_moves(pid.as_deref(), before, limit.clamp(1, STOCK_LIST_MAX))
        })
    }

    /// A page of the ledger, newest first; `next_cursor` is the `before` of the next page.
    pub fn move_page(&self, sku: Option<&str>, before: Option<&str>, limit: u32) -> Result<Page<StockMove>, Error> {
        Ok(Page::of(self.stock_moves(sku, before, limit)?, limit.clamp(1, STOCK_LIST_MAX), |m| m.id.clone()))
    }
}
