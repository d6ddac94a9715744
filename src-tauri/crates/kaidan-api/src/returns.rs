//! Returns (退货) and exchanges (换货).
//!
//! A return takes delivered goods back from an order in one transaction: the goods go back on
//! the shelf (a `return` movement) or are written off as damaged (a `return` and an
//! `adjustment` movement, with the reason); the order's lines remember what came back, so it is
//! never billed or returned twice; whatever invoices billed beyond what the customer now keeps
//! is taken back by credit notes (the newest invoice first); and the customer is settled with:
//! - `credit` (default): the value stays on the account (it pays open invoices first), or
//! - `refund`: what the customer had paid for the goods they returned is paid back (a negative
//!   receipt, out of the order's deposits and the money the credit notes freed).
//!
//! An exchange is a return plus a new order for the replacement goods, confirmed in the same
//! transaction and linked to the return; the return's credit pays the new order's invoice.

use chrono::Datelike;
use kaidan_core::model::{PayMethod, ReturnLine, SalesReturn, Settlement};
use kaidan_core::order::{ReturnPart, Want};
use kaidan_core::validate;
use kaidan_core::Action;
use kaidan_core::{AuditAction, AuditEntity, Series};
use kaidan_core::{Error, Field, FieldKey, Money, MoveReason, OrderAction};
use kaidan_store::{Db, MoveWrite, Pool, ReturnLineWrite, ReturnWrite};
use serde::{Deserialize, Serialize};

use crate::orders::{LineInput, OrderInput};
use crate::{Actor, Ctx, Shop};

/// One returned product: how many, and whether they are damaged (written off instead of going
/// back on the shelf).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct ReturnLineInput {
    pub sku: String,
    pub qty: String,
    pub damaged: Option<bool>,
}

/// A return of delivered goods.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct ReturnInput {
    pub order: String,
    pub lines: Vec<ReturnLineInput>,
    /// credit (default) or refund.
    pub settlement: Option<String>,
    /// How a refund is paid (default cash).
    pub method: Option<String>,
    pub reason: Option<String>,
    /// An exchange: the replacement goods, as a new confirmed order for the same customer.
    pub exchange: Option<Vec<LineInput>>,
}

pub(crate) fn take_back(db: &Db, a: &Actor, input: &ReturnInput) -> Result<SalesReturn, Error> {
    let o = db.load_order(&input.order).map_err(|e| Error { field: Some(Field::new(FieldKey::Order)), ..e })?;
    o.require(OrderAction::Return)?;
    let settlement = validate::choice::<Settlement>(FieldKey::Settlement, input.settlement.as_deref())?.unwrap_or(Settlement::Credit);
    // money paid back is the owner's; goods back on account are the counter's
    if settlement == Settlement::Refund {
        a.require(Action::Refund)?;
    }
    let method = match input.method.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => PayMethod::Cash,
        Some(m) => crate::money::parse_method(m)?,
    };
    let reason = validate::opt_text(FieldKey::Reason, input.reason.as_deref(), 500)?;
    let typed = crate::orders::typed_wants(input.lines.iter().map(|l| (l.sku.as_str(), l.qty.as_str())))?;
    let parts = o.take_back(&crate::orders::wants(db, &typed)?)?;
    let restock = |p: &ReturnPart| !input.lines[p.row - 1].damaged.unwrap_or(false);
    let lines = &o.lines;
    let total: Money = parts.iter().map(|p| p.total).sum();

    // the exchange order first, so the return can point at it
    let exchange = match input.exchange.as_ref().filter(|l| !l.is_empty()) {
        Some(new_lines) => {
            let mut x = crate::orders::create(
                db,
                a,
                &OrderInput {
                    customer: o.customer_id.clone(),
                    lines: new_lines.clone(),
                    notes: Some(format!("换货 / exchange: {}", o.number)),
                    ..Default::default()
                },
            )?;
            crate::orders::confirm(db, a, &mut x, kaidan_core::order::Backorder::No)?;
            Some(x)
        }
        None => None,
    };

    let number = db.next_number(&a.stamp, Series::Return, a.today.year())?;
    let id = kaidan_store::new_id(a.stamp.at);
    let exchange_id = exchange.as_ref().map(|o| o.id.clone());
    // the cost each line's goods left the shelf with: they come back at it
    let left_at = lines.iter().map(|l| db.delivered_unit_cost(&l.id)).collect::<Result<Vec<_>, _>>()?;
    let writes: Vec<ReturnLineWrite> = parts
        .iter()
        .map(|p| {
            let l = &lines[p.line];
            let restock = restock(p);
            let cost = kaidan_core::cost::returned_cost(p.qty, left_at[p.line], restock);
            ReturnLineWrite {
                order_line_id: l.id.clone(),
                product_id: l.product_id.clone(),
                line: ReturnLine { sku: l.sku.clone(), name: l.name.clone(), unit: l.unit.clone(), qty: p.qty, restock, total: p.total },
                net: l.net_of(p.total),
                cost,
            }
        })
        .collect();
    db.insert_return(
        &a.stamp,
        &ReturnWrite {
            id: &id,
            number: &number,
            order_id: &o.id,
            customer_id: &o.customer_id,
            return_date: &a.today.to_string(),
            total,
            settlement,
            reason: reason.as_deref(),
            exchange_order_id: exchange_id.as_deref(),
        },
        &writes,
    )?;

    // the goods: back on the shelf, or back and written off
    let note = reason.as_deref().map(|r| format!("损坏 / damaged: {r}")).unwrap_or_else(|| "损坏 / damaged".into());
    for p in &parts {
        let l = &lines[p.line];
        let mv = MoveWrite {
            unit_cost: left_at[p.line],
            ..MoveWrite::of_document((&l.product_id, &a.location_id), p.qty, MoveReason::Return, ("return", &id, &number))
        };
        db.post_move(&a.stamp, &mv)?;
        if !restock(p) {
            db.post_move(&a.stamp, &MoveWrite { qty: -p.qty, reason: MoveReason::Adjustment, note: Some(&note), unit_cost: None, ..mv })?;
        }
    }
    // goods back on the shelf go to the orders waiting for them
    for p in parts.iter().filter(|p| restock(p)) {
        crate::orders::fill_backorders(db, a, &lines[p.line].product_id)?;
    }

    // invoices may not bill more than the customer keeps: credit the excess, newest invoice first
    let mut excess = o.over_billed(&parts);
    let mut credit_notes = Vec::new();
    if !excess.is_empty() {
        let mut invoices = db.invoices_of_order(&o.id)?;
        invoices.retain(|i| i.kind == kaidan_core::model::InvoiceKind::Invoice);
        for inv in invoices.iter().rev() {
            let head_inv = db.invoice_head(&inv.number)?;
            let mut wanted = Vec::new();
            for c in db.creditable_lines(&head_inv.id)? {
                let Some(left) = excess.get_mut(&c.order_line_id) else { continue };
                let q = (c.line.qty - c.credited_qty).min(*left);
                if q.is_positive() {
                    *left -= q;
                    wanted.push(Want { product_id: c.product_id.clone(), sku: c.line.sku.clone(), qty: q });
                }
            }
            if wanted.is_empty() {
                continue;
            }
            // one request per product (a product on two lines of the invoice is spread by the planner)
            let mut merged: Vec<Want> = Vec::new();
            for w in wanted {
                match merged.iter_mut().find(|m| m.product_id == w.product_id) {
                    Some(m) => m.qty += w.qty,
                    None => merged.push(w),
                }
            }
            let text = match &reason {
                Some(r) => format!("退货 {number}：{r}"),
                None => format!("退货 {number}"),
            };
            let cn = crate::documents::credit(db, a, &inv.number, Some(&merged), Some(&text), Some(&id))?;
            credit_notes.push(cn.number);
            excess.retain(|_, q| q.is_positive());
            if excess.is_empty() {
                break;
            }
        }
    }

    // settle with the customer
    match settlement {
        Settlement::Refund => {
            // what the customer paid for goods they no longer keep
            let paid_for = o.refund_for_return(total);
            if paid_for.is_positive() {
                let own = db.unallocated_payments(&o.customer_id, Pool::Order(&o.id))?.iter().map(|u| u.unallocated).sum::<Money>();
                let from_deposits = own.min(paid_for);
                let text = format!("退货 {number}");
                if from_deposits.is_positive() {
                    crate::money::pay_back(db, a, &o.customer_id, from_deposits, method, Pool::Order(&o.id), Some(&id), None, Some(&text))?;
                }
                if paid_for > from_deposits {
                    // the money the credit notes freed (paid on no order, or matched here by hand)
                    crate::money::pay_back(
                        db,
                        a,
                        &o.customer_id,
                        paid_for - from_deposits,
                        method,
                        Pool::Any,
                        Some(&id),
                        None,
                        Some(&text),
                    )?;
                }
            }
        }
        Settlement::Credit => {
            // the freed money pays what else is open (an exchange order's invoice when it is issued)
            crate::money::auto_allocate(db, a, &o.customer_id, None)?;
        }
    }
    db.audit(
        &a.stamp,
        AuditEntity::Order,
        &o.id,
        AuditAction::Return,
        None,
        Some(&serde_json::json!({
            "return": number,
            "total": total.to_string(),
            "settlement": settlement.as_str(),
            "credit_notes": credit_notes,
            "exchange_order": exchange.as_ref().map(|o| o.number.clone()),
            "lines": parts.iter().map(|p| serde_json::json!({
                "sku": lines[p.line].sku, "qty": p.qty.to_string(), "restock": restock(p), "total": p.total.to_string(),
            })).collect::<Vec<_>>(),
        })),
    )?;
    db.sales_return(&number)
}

impl Shop {
    /// Takes delivered goods back (see the module's rules), in one transaction.
    pub fn return_goods(&mut self, ctx: &Ctx, input: &ReturnInput) -> Result<SalesReturn, Error> {
        self.write(ctx, "order.return", input, |db, a| {
            a.require(Action::TakeReturns)?;
            take_back(db, a, input)
        })
    }

    pub fn sales_return(&self, number: &str) -> Result<SalesReturn, Error> {
        self.read(|db| db.sales_return(number.trim()))
    }

    /// The returns of an order, oldest first.
    pub fn returns_of_order(&self, order: &str) -> Result<Vec<SalesReturn>, Error> {
        self.read(|db| {
            let head = db.order_head(order.trim())?;
            db.returns_of_order(&head.id)?.iter().map(|n| db.sales_return(n)).collect()
        })
    }
}
