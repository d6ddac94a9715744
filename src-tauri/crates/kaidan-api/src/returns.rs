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

use std::collections::HashMap;

use chrono::Datelike;
use kaidan_core::model::{PayMethod, ReturnLine, SalesReturn, Settlement};
use kaidan_core::validate;
use kaidan_core::{Entity, Error, Field, FieldKey, Money, MoveReason, OrderAction, Problem, Qty, Sign};
use kaidan_store::{order_due, Db, LineWrite, MoveWrite, Pool, ReturnLineWrite, ReturnWrite};
use serde::{Deserialize, Serialize};

use crate::documents::Wanted;
use crate::orders::{amounts, mode, LineInput, OrderInput};
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

/// One part of a return: the order line, how much, back on the shelf or not, its value.
struct Part {
    line: usize,
    qty: Qty,
    restock: bool,
    total: Money,
}

fn plan(db: &Db, order_number: &str, lines: &[LineWrite], input: &[ReturnLineInput], inclusive: bool) -> Result<Vec<Part>, Error> {
    if input.is_empty() {
        return Err(Error::at(Problem::Required, Field::new(FieldKey::Line)));
    }
    let m = mode(inclusive);
    let mut taken = vec![Qty::ZERO; lines.len()];
    let mut taken_value = vec![Money::ZERO; lines.len()];
    let mut parts = Vec::new();
    for (i, l) in input.iter().enumerate() {
        let row = i + 1;
        let sku =
            validate::text(FieldKey::Sku, &l.sku, 40, true).map_err(|e| Error { field: Some(Field::row(FieldKey::Sku, row)), ..e })?;
        let product = db.product(&sku).map_err(|e| Error { field: Some(Field::row(FieldKey::Sku, row)), ..e })?;
        let qty = validate::qty(Field::row(FieldKey::Qty, row), &l.qty, Sign::Positive)?;
        let idx: Vec<usize> = (0..lines.len()).filter(|&k| lines[k].product_id == product.id).collect();
        if idx.is_empty() {
            return Err(Error::at(
                Problem::NotFound { what: Entity::OrderLine, key: format!("{order_number} / {}", product.sku) },
                Field::row(FieldKey::Sku, row),
            ));
        }
        let open = |k: usize, taken: &[Qty]| lines[k].delivered - lines[k].returned - taken[k];
        let returnable: Qty = idx.iter().map(|&k| open(k, &taken)).sum();
        if qty > returnable {
            return Err(Error::at(Problem::OverReturn { sku: product.sku, returnable, asked: qty }, Field::row(FieldKey::Qty, row)));
        }
        let mut left = qty;
        for &k in &idx {
            let q = open(k, &taken).min(left);
            if !q.is_positive() {
                continue;
            }
            let line = &lines[k];
            // The last of a line to come back takes what is left of its value, so that returns
            // add up to the line to the fen; a part is computed (and rounded) on its own.
            let total = if line.returned + taken[k] + q == line.qty {
                line.amounts.total - line_returned_value(db, line)? - taken_value[k]
            } else {
                amounts(row, q, line.unit_price, line.discount, line.tax_rate, m)?.total
            };
            taken[k] += q;
            taken_value[k] += total;
            left -= q;
            parts.push(Part { line: k, qty: q, restock: !l.damaged.unwrap_or(false), total });
        }
    }
    Ok(parts)
}

/// The value earlier returns took off a line.
fn line_returned_value(db: &Db, line: &LineWrite) -> Result<Money, Error> {
    if line.returned.is_zero() {
        return Ok(Money::ZERO);
    }
    db.returned_by_order_line_value(&line.id)
}

pub(crate) fn take_back(db: &Db, a: &Actor, input: &ReturnInput) -> Result<SalesReturn, Error> {
    let head = db.order_head(&input.order).map_err(|e| Error { field: Some(Field::new(FieldKey::Order)), ..e })?;
    if !head.status.allows(OrderAction::Return) {
        return Err(Problem::WrongState { number: head.number.clone(), status: head.status, action: OrderAction::Return }.into());
    }
    let settlement = match input.settlement.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Settlement::Credit,
        Some(s) => Settlement::parse(s).ok_or_else(|| {
            Error::at(
                Problem::BadChoice { text: s.into(), allowed: vec!["credit".into(), "refund".into()] },
                Field::new(FieldKey::Settlement),
            )
        })?,
    };
    let method = match input.method.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => PayMethod::Cash,
        Some(m) => crate::money::parse_method(m)?,
    };
    let reason = validate::opt_text(FieldKey::Reason, input.reason.as_deref(), 500)?;
    let lines = db.order_lines(&head.id)?;
    let parts = plan(db, &head.number, &lines, &input.lines, head.prices_include_tax)?;
    let (_, returned_before, received_before) = db.order_money(&head.id)?;
    let total: Money = parts.iter().map(|p| p.total).sum();

    // the exchange order first, so the return can point at it
    let exchange = match input.exchange.as_ref().filter(|l| !l.is_empty()) {
        Some(new_lines) => {
            let customer = db.customer_by_id(&head.customer_id)?;
            let o = crate::orders::create(
                db,
                a,
                &OrderInput {
                    customer: customer.id.clone(),
                    lines: new_lines.clone(),
                    notes: Some(format!("换货 / exchange: {}", head.number)),
                    ..Default::default()
                },
            )?;
            Some(crate::orders::confirm(db, a, &o.number)?)
        }
        None => None,
    };

    let number = db.next_number(&a.stamp, "RT", "RT", a.today.year())?;
    let id = kaidan_store::new_id(a.stamp.at);
    let exchange_id = exchange.as_ref().map(|o| o.id.clone());
    let writes: Vec<ReturnLineWrite> = parts
        .iter()
        .map(|p| {
            let l = &lines[p.line];
            ReturnLineWrite {
                order_line_id: l.id.clone(),
                product_id: l.product_id.clone(),
                line: ReturnLine {
                    sku: l.sku.clone(),
                    name: l.name.clone(),
                    unit: l.unit.clone(),
                    qty: p.qty,
                    restock: p.restock,
                    total: p.total,
                },
            }
        })
        .collect();
    db.insert_return(
        &a.stamp,
        &ReturnWrite {
            id: &id,
            number: &number,
            order_id: &head.id,
            customer_id: &head.customer_id,
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
            product_id: &l.product_id,
            location_id: &a.location_id,
            qty: p.qty,
            reason: MoveReason::Return,
            unit_cost: None,
            doc_type: Some("return"),
            doc_id: Some(&id),
            doc_number: Some(&number),
            note: None,
        };
        db.post_move(&a.stamp, &mv)?;
        if !p.restock {
            db.post_move(&a.stamp, &MoveWrite { qty: -p.qty, reason: MoveReason::Adjustment, note: Some(&note), ..mv })?;
        }
    }

    // invoices may not bill more than the customer keeps: credit the excess, newest invoice first
    let invoiced = db.invoiced_by_order_line(&head.id)?;
    let mut excess: HashMap<String, Qty> = HashMap::new();
    for p in &parts {
        let l = &lines[p.line];
        let back: Qty = parts.iter().filter(|x| x.line == p.line).map(|x| x.qty).sum();
        let keeps = l.qty - l.returned - back;
        let billed = invoiced.get(&l.id).copied().unwrap_or(Qty::ZERO);
        if billed > keeps {
            excess.insert(l.id.clone(), billed - keeps);
        }
    }
    let mut credit_notes = Vec::new();
    if !excess.is_empty() {
        let mut invoices = db.invoices_of_order(&head.id)?;
        invoices.retain(|i| i.kind == kaidan_core::model::InvoiceKind::Invoice);
        for inv in invoices.iter().rev() {
            let head_inv = db.invoice_head(&inv.number)?;
            let mut wanted = Vec::new();
            for c in db.creditable_lines(&head_inv.id)? {
                let Some(left) = excess.get_mut(&c.order_line_id) else { continue };
                let q = (c.line.qty - c.credited_qty).min(*left);
                if q.is_positive() {
                    *left -= q;
                    wanted.push(Wanted { product_id: c.product_id.clone(), sku: c.line.sku.clone(), qty: q });
                }
            }
            if wanted.is_empty() {
                continue;
            }
            // one request per product (a product on two lines of the invoice is spread by the planner)
            let mut merged: Vec<Wanted> = Vec::new();
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
            let due_after = order_due(head.status, head.total, returned_before + total, head.imported);
            let paid_for = (received_before - due_after).max(Money::ZERO).min(total);
            if paid_for.is_positive() {
                let own = db.unallocated_payments(&head.customer_id, Pool::Order(&head.id))?.iter().map(|u| u.unallocated).sum::<Money>();
                let from_deposits = own.min(paid_for);
                let text = format!("退货 {number}");
                if from_deposits.is_positive() {
                    crate::money::pay_back(
                        db,
                        a,
                        &head.customer_id,
                        from_deposits,
                        method,
                        Pool::Order(&head.id),
                        Some(&id),
                        None,
                        Some(&text),
                    )?;
                }
                if paid_for > from_deposits {
                    // the money the credit notes freed (paid on no order, or matched here by hand)
                    crate::money::pay_back(
                        db,
                        a,
                        &head.customer_id,
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
            crate::money::auto_allocate(db, a, &head.customer_id, None)?;
        }
    }
    db.audit(
        &a.stamp,
        "order",
        &head.id,
        "return",
        None,
        Some(&serde_json::json!({
            "return": number,
            "total": total.to_string(),
            "settlement": settlement.as_str(),
            "credit_notes": credit_notes,
            "exchange_order": exchange.as_ref().map(|o| o.number.clone()),
            "lines": parts.iter().map(|p| serde_json::json!({
                "sku": lines[p.line].sku, "qty": p.qty.to_string(), "restock": p.restock, "total": p.total.to_string(),
            })).collect::<Vec<_>>(),
        })),
        a.request_id.as_deref(),
    )?;
    db.sales_return(&number)
}

impl Shop {
    /// Takes delivered goods back (see the module's rules), in one transaction.
    pub fn return_goods(&mut self, ctx: &Ctx, input: &ReturnInput) -> Result<SalesReturn, Error> {
        self.write(ctx, "order.return", input, |db, a| take_back(db, a, input))
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
