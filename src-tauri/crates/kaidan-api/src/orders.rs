//! Orders: create, confirm (checks and reservation), approve, change, cancel, deliver, list.

use std::collections::BTreeMap;

use kaidan_core::model::{AuditEntry, DeliveryLine, Order, OrderSummary, Page, Product};
use kaidan_core::order::confirmation_route;
use kaidan_core::totals::{line_amounts, order_totals};
use kaidan_core::validate;
use kaidan_core::{
    ApprovalReason, Channel, ConfirmationFacts, Entity, Error, Field, FieldKey, LineInput as CoreLine, Money, MoveReason, OrderAction,
    OrderStatus, Problem, Qty, Rate, Route, Settings, Sign, TaxMode, UnitPrice,
};
use kaidan_store::{Db, LineWrite, MoveWrite, OrderFilter, OrderHead, OrderWrite};
use serde::{Deserialize, Serialize};

use crate::setup::json;
use crate::{Actor, Ctx, Shop};

/// One line as typed: `sku` (or barcode), quantity, and optionally a price and a discount
/// percent (defaults: the product's price, no discount).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct LineInput {
    pub sku: String,
    pub qty: String,
    pub unit_price: Option<String>,
    pub discount: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct OrderInput {
    /// Customer id, exact name, or a name/phone fragment matching one customer.
    pub customer: String,
    pub lines: Vec<LineInput>,
    /// phone, wechat, counter (default), email, web, other.
    pub channel: Option<String>,
    /// `YYYY-MM-DD`; default today.
    pub order_date: Option<String>,
    /// Promised delivery date, `YYYY-MM-DD`.
    pub deliver_by: Option<String>,
    pub notes: Option<String>,
}

/// A change to an order. `lines`, when given, replace the order's lines: a line of a product
/// already on the order keeps its delivered quantity.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct ChangeInput {
    pub lines: Option<Vec<LineInput>>,
    pub channel: Option<String>,
    pub deliver_by: Option<String>,
    pub notes: Option<String>,
}

/// A quantity of one product to deliver.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct DeliverLine {
    pub sku: String,
    pub qty: String,
}

/// Money taken when the goods are handed over (cash on delivery, 货到付款).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct CodInput {
    pub amount: String,
    /// cash, bank, wechat, alipay, card, other.
    pub method: String,
    pub reference: Option<String>,
}

/// A delivery: what goes out, money taken at the door, and the owner's word when the customer
/// is over the credit limit.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct DeliverInput {
    /// Default: everything that remains.
    pub lines: Option<Vec<DeliverLine>>,
    pub payment: Option<CodInput>,
    /// The owner lets the goods go to a customer over the credit limit (credit policy
    /// `approval`). Without it the delivery is refused with `credit_limit`.
    pub approve_credit: Option<bool>,
}

/// What a delivery did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct DeliveryOutcome {
    pub number: String,
    pub order: String,
    pub order_status: OrderStatus,
    pub created_at: String,
    pub lines: Vec<DeliveryLine>,
    /// The receipt for money taken at the door.
    pub payment: Option<String>,
}

/// How a delivery runs inside its transaction.
#[derive(Debug, Clone, Default)]
pub(crate) struct DeliverOpts {
    pub cod: Option<(Money, kaidan_core::model::PayMethod, Option<String>)>,
    pub approve_credit: bool,
    /// Demo data skips the credit check at delivery.
    pub skip_credit_check: bool,
}

/// The credit check at delivery: a customer whose credit used (open orders, unpaid deliveries,
/// less money taken at the door) is over the limit gets goods only with the owner's word
/// (policy `approval`) or not at all (`block`). An order the owner approved over the limit may
/// go out while the customer's credit used is no higher than it was when approved.
fn check_credit_at_delivery(db: &Db, a: &Actor, head: &OrderHead, opts: &DeliverOpts) -> Result<bool, Error> {
    if opts.skip_credit_check {
        return Ok(false);
    }
    let customer = db.customer_by_id(&head.customer_id)?;
    let Some(limit) = customer.credit_limit else {
        return Ok(false);
    };
    let cod = opts.cod.as_ref().map(|c| c.0).unwrap_or(Money::ZERO);
    let exposure = db.credit_position(&customer.id, Some(limit))?.exposure - cod;
    if exposure <= limit {
        return Ok(false);
    }
    let approved = db.order(&head.number)?.approval_reasons.iter().any(|r| match r {
        ApprovalReason::CreditLimit { exposure: at, .. } => exposure <= *at,
        _ => false,
    });
    if approved {
        return Ok(false);
    }
    match db.settings()?.credit_policy {
        kaidan_core::Policy::Approval if opts.approve_credit && a.operator.role == kaidan_core::Role::Owner => Ok(true),
        kaidan_core::Policy::Approval => Err(Problem::DeliveryOverCredit { limit, exposure, owner_may_approve: true }.into()),
        kaidan_core::Policy::Block => Err(Problem::DeliveryOverCredit { limit, exposure, owner_may_approve: false }.into()),
        kaidan_core::Policy::Allow => Ok(false),
    }
}

/// An order list request (all fields optional).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct OrderQuery {
    pub status: Option<String>,
    /// unpaid, deposit, partially_paid, paid, overpaid (drafts and cancelled orders left out).
    pub payment: Option<String>,
    pub search: Option<String>,
    pub customer: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

/// Below-cost test in exact integers: price × (1 − discount) < cost.
fn effective_below_cost(price: UnitPrice, discount: Rate, cost: UnitPrice) -> bool {
    if cost.is_zero() {
        return false;
    }
    // price_e4 × (10000 − discount_bp) < cost_e4 × 10000
    let lhs = i128::from(price.minor()) * i128::from(10_000 - discount.minor());
    let rhs = i128::from(cost.minor()) * 10_000;
    lhs < rhs
}

struct Parsed {
    product: Product,
    qty: Qty,
    price: UnitPrice,
    discount: Rate,
}

/// Parses typed lines. `on_order`: products already on the order, which may stay on it after
/// they were made inactive.
fn parse_lines(db: &Db, inputs: &[LineInput], on_order: &[&str]) -> Result<Vec<Parsed>, Error> {
    if inputs.is_empty() {
        return Err(Error::at(Problem::EmptyOrder, Field::new(FieldKey::Line)));
    }
    let mut out = Vec::with_capacity(inputs.len());
    for (i, l) in inputs.iter().enumerate() {
        let row = i + 1;
        let sku =
            validate::text(FieldKey::Sku, &l.sku, 40, true).map_err(|e| Error { field: Some(Field::row(FieldKey::Sku, row)), ..e })?;
        let qty = validate::qty(Field::row(FieldKey::Qty, row), &l.qty, Sign::Positive)?;
        let product = db.product(&sku).map_err(|e| Error { field: Some(Field::row(FieldKey::Sku, row)), ..e })?;
        if !product.active && !on_order.contains(&product.id.as_str()) {
            return Err(Error::at(Problem::Inactive { sku: product.sku }, Field::row(FieldKey::Sku, row)));
        }
        let price = match l.unit_price.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(p) => validate::unit_price(Field::row(FieldKey::UnitPrice, row), p)?,
            None => product.price,
        };
        let discount = match l.discount.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(d) => validate::percent(Field::row(FieldKey::Discount, row), d)?,
            None => Rate::ZERO,
        };
        out.push(Parsed { product, qty, price, discount });
    }
    Ok(out)
}

pub(crate) fn mode(prices_include_tax: bool) -> TaxMode {
    if prices_include_tax {
        TaxMode::Inclusive
    } else {
        TaxMode::Exclusive
    }
}

pub(crate) fn amounts(
    row: usize,
    qty: Qty,
    price: UnitPrice,
    discount: Rate,
    tax_rate: Rate,
    m: TaxMode,
) -> Result<kaidan_core::LineAmounts, Error> {
    line_amounts(&CoreLine { qty, unit_price: price, discount, tax_rate }, m)
        .map_err(|issue| Error::number(Field::row(FieldKey::Qty, row), &qty.to_string(), issue))
}

/// A new, undelivered line for a typed line (`row` names it in errors).
fn new_line(a: &Actor, row: usize, line_no: u32, p: Parsed, m: TaxMode) -> Result<LineWrite, Error> {
    Ok(LineWrite {
        id: kaidan_store::new_id(a.stamp.at),
        line_no,
        amounts: amounts(row, p.qty, p.price, p.discount, p.product.tax_rate, m)?,
        product_id: p.product.id,
        sku: p.product.sku,
        name: p.product.name,
        spec: p.product.spec,
        unit: p.product.unit,
        qty: p.qty,
        delivered: Qty::ZERO,
        unit_price: p.price,
        discount: p.discount,
        tax_rate: p.product.tax_rate,
        cost: p.product.cost,
        returned: Qty::ZERO,
    })
}

pub(crate) fn totals(lines: &[LineWrite]) -> Result<kaidan_core::OrderTotals, Error> {
    order_totals(lines.iter().map(|l| &l.amounts)).map_err(|issue| Error::number(Field::new(FieldKey::Line), "total", issue))
}

fn wrong_state(head: &OrderHead, action: OrderAction) -> Error {
    Problem::WrongState { number: head.number.clone(), status: head.status, action }.into()
}

/// Remaining (undelivered) quantity per product.
fn remaining_by_product(lines: &[LineWrite]) -> BTreeMap<String, (String, Qty)> {
    let mut m: BTreeMap<String, (String, Qty)> = BTreeMap::new();
    for l in lines {
        let e = m.entry(l.product_id.clone()).or_insert((l.sku.clone(), Qty::ZERO));
        e.1 += l.qty - l.delivered;
    }
    m
}

/// Refuses when available stock cannot cover `needs` (product → (sku, qty)), unless the shop
/// allows negative stock.
fn check_stock(db: &Db, a: &Actor, settings: &Settings, needs: &BTreeMap<String, (String, Qty)>) -> Result<(), Error> {
    if settings.allow_negative_stock {
        return Ok(());
    }
    for (pid, (sku, need)) in needs {
        if !need.is_positive() {
            continue;
        }
        let (on_hand, reserved) = db.balance(pid, &a.location_id)?;
        let available = on_hand - reserved;
        if available < *need {
            return Err(Problem::InsufficientStock { sku: sku.clone(), needed: *need, available }.into());
        }
    }
    Ok(())
}

fn reserve(db: &Db, a: &Actor, deltas: &BTreeMap<String, (String, Qty)>, sign: i64) -> Result<(), Error> {
    for (pid, (_, q)) in deltas {
        let d = if sign < 0 { -*q } else { *q };
        db.add_reserved(&a.stamp, pid, &a.location_id, d)?;
    }
    Ok(())
}

fn status_from_deliveries(lines: &[LineWrite]) -> OrderStatus {
    let delivered: Qty = lines.iter().map(|l| l.delivered).sum();
    let ordered: Qty = lines.iter().map(|l| l.qty).sum();
    if delivered.is_zero() {
        OrderStatus::Confirmed
    } else if delivered >= ordered {
        OrderStatus::Delivered
    } else {
        OrderStatus::PartiallyDelivered
    }
}

fn facts(db: &Db, head: &OrderHead, lines: &[LineWrite], total: Money) -> Result<ConfirmationFacts, Error> {
    let customer = db.customer_by_id(&head.customer_id)?;
    let pos = db.credit_position(&customer.id, customer.credit_limit)?;
    let own = if head.status.counts_for_credit() { head.total } else { Money::ZERO };
    Ok(ConfirmationFacts {
        order_total: total,
        credit_limit: customer.credit_limit,
        exposure_before: pos.exposure - own,
        below_cost: lines.iter().filter(|l| effective_below_cost(l.unit_price, l.discount, l.cost)).map(|l| l.sku.clone()).collect(),
    })
}

/// A compact view of an order for the audit log.
fn audit_view(status: OrderStatus, lines: &[LineWrite], total: Money) -> serde_json::Value {
    serde_json::json!({
        "status": status.as_str(),
        "total": total.to_string(),
        "lines": lines.iter().map(|l| serde_json::json!({
            "sku": l.sku, "qty": l.qty.to_string(), "unit_price": l.unit_price.to_string(),
            "discount": l.discount.to_string(), "delivered_qty": l.delivered.to_string(),
        })).collect::<Vec<_>>(),
    })
}

fn parse_channel(text: Option<&str>) -> Result<Option<Channel>, Error> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(t) => Channel::parse(t).map(Some).ok_or_else(|| {
            Error::at(
                Problem::BadChoice { text: t.to_string(), allowed: Channel::ALL.iter().map(|c| c.as_str().to_string()).collect() },
                Field::new(FieldKey::Channel),
            )
        }),
    }
}

pub(crate) fn create(db: &Db, a: &Actor, input: &OrderInput) -> Result<Order, Error> {
    let settings = db.settings()?;
    let customer_key = validate::text(FieldKey::Customer, &input.customer, 100, true)?;
    let customer = db.resolve_customer(&customer_key).map_err(|e| Error { field: Some(Field::new(FieldKey::Customer)), ..e })?;
    let channel = parse_channel(input.channel.as_deref())?.unwrap_or(Channel::Counter);
    let order_date = match input.order_date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(d) => validate::date(Field::new(FieldKey::OrderDate), d)?,
        None => a.today,
    };
    let deliver_by = input
        .deliver_by
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|d| validate::date(Field::new(FieldKey::DeliverBy), d))
        .transpose()?;
    let notes = validate::opt_text(FieldKey::Notes, input.notes.as_deref(), 1000)?;
    let parsed = parse_lines(db, &input.lines, &[])?;
    let m = mode(settings.prices_include_tax);
    let mut lines = Vec::with_capacity(parsed.len());
    for (i, p) in parsed.into_iter().enumerate() {
        lines.push(new_line(a, i + 1, (i + 1) as u32, p, m)?);
    }
    let t = totals(&lines)?;
    use chrono::Datelike;
    let number = db.next_number(&a.stamp, "SO", "SO", order_date.year())?;
    let id = kaidan_store::new_id(a.stamp.at);
    db.insert_order(
        &a.stamp,
        &OrderWrite {
            id: id.clone(),
            number: number.clone(),
            customer_id: customer.id,
            status: OrderStatus::Draft,
            channel,
            order_date: order_date.to_string(),
            deliver_by: deliver_by.map(|d| d.to_string()),
            notes,
            prices_include_tax: settings.prices_include_tax,
            totals: t,
            approval_reasons: Vec::new(),
            import_batch_id: None,
            external_number: None,
        },
        &lines,
    )?;
    db.audit(&a.stamp, "order", &id, "create", None, Some(&audit_view(OrderStatus::Draft, &lines, t.total)), a.request_id.as_deref())?;
    db.order(&number)
}

pub(crate) fn confirm(db: &Db, a: &Actor, number: &str) -> Result<Order, Error> {
    let head = db.order_head(number)?;
    if !head.status.allows(OrderAction::Confirm) {
        return Err(wrong_state(&head, OrderAction::Confirm));
    }
    let settings = db.settings()?;
    let lines = db.order_lines(&head.id)?;
    let needs = remaining_by_product(&lines);
    check_stock(db, a, &settings, &needs)?;
    let t = totals(&lines)?;
    let route = confirmation_route(&facts(db, &head, &lines, t.total)?, &settings).map_err(Error::new)?;
    let (status, reasons) = match route {
        Route::Confirm => {
            reserve(db, a, &needs, 1)?;
            (OrderStatus::Confirmed, Vec::new())
        }
        Route::NeedsApproval(r) => (OrderStatus::PendingApproval, r),
    };
    db.update_order_header(&a.stamp, &head.id, status, &t, Some(&reasons), None)?;
    db.audit(
        &a.stamp,
        "order",
        &head.id,
        "confirm",
        Some(&serde_json::json!({ "status": head.status.as_str() })),
        Some(&serde_json::json!({ "status": status.as_str(), "approval_reasons": reasons })),
        a.request_id.as_deref(),
    )?;
    db.order(&head.number)
}

pub(crate) fn approve(db: &Db, a: &Actor, number: &str) -> Result<Order, Error> {
    a.require_owner()?;
    let head = db.order_head(number)?;
    if !head.status.allows(OrderAction::Approve) {
        return Err(wrong_state(&head, OrderAction::Approve));
    }
    let settings = db.settings()?;
    let lines = db.order_lines(&head.id)?;
    let needs = remaining_by_product(&lines);
    check_stock(db, a, &settings, &needs)?;
    reserve(db, a, &needs, 1)?;
    let t = totals(&lines)?;
    let reasons: Vec<ApprovalReason> = db.order(&head.number)?.approval_reasons;
    db.update_order_header(&a.stamp, &head.id, OrderStatus::Confirmed, &t, None, None)?;
    db.audit(
        &a.stamp,
        "order",
        &head.id,
        "approve",
        Some(&serde_json::json!({ "status": head.status.as_str(), "approval_reasons": reasons })),
        Some(&serde_json::json!({ "status": OrderStatus::Confirmed.as_str() })),
        a.request_id.as_deref(),
    )?;
    db.order(&head.number)
}

pub(crate) fn change(db: &Db, a: &Actor, number: &str, input: &ChangeInput) -> Result<Order, Error> {
    let head = db.order_head(number)?;
    if !head.status.allows(OrderAction::Change) {
        return Err(wrong_state(&head, OrderAction::Change));
    }
    let settings = db.settings()?;
    let old = db.order_lines(&head.id)?;
    let old_total = totals(&old)?.total;
    let m = mode(head.prices_include_tax);
    let mut new_lines: Vec<LineWrite> = old.clone();
    let mut removed: Vec<LineWrite> = Vec::new();
    if let Some(inputs) = &input.lines {
        let on_order: Vec<&str> = old.iter().map(|l| l.product_id.as_str()).collect();
        let parsed = parse_lines(db, inputs, &on_order)?;
        let mut next_no = db.max_line_no(&head.id)?;
        let mut unmatched: Vec<Option<LineWrite>> = old.iter().cloned().map(Some).collect();
        // an invoice that left the shop holds its quantities: a line cannot go below them
        let invoiced = db.invoiced_by_order_line(&head.id)?;
        let invoiced_of = |l: &LineWrite| invoiced.get(&l.id).copied().unwrap_or(Qty::ZERO);
        new_lines = Vec::with_capacity(parsed.len());
        for (i, p) in parsed.into_iter().enumerate() {
            let row = i + 1;
            let found =
                unmatched.iter_mut().find(|o| o.as_ref().map(|o| o.product_id == p.product.id).unwrap_or(false)).and_then(Option::take);
            let line = match found {
                Some(o) => {
                    if p.qty < o.delivered {
                        return Err(Error::at(
                            Problem::BelowDelivered { sku: o.sku.clone(), delivered: o.delivered },
                            Field::row(FieldKey::Qty, row),
                        ));
                    }
                    if p.qty - o.returned < invoiced_of(&o) {
                        return Err(Error::at(
                            Problem::BelowInvoiced { sku: o.sku.clone(), invoiced: invoiced_of(&o) },
                            Field::row(FieldKey::Qty, row),
                        ));
                    }
                    LineWrite {
                        qty: p.qty,
                        unit_price: p.price,
                        discount: p.discount,
                        amounts: amounts(row, p.qty, p.price, p.discount, o.tax_rate, m)?,
                        ..o
                    }
                }
                None => {
                    next_no += 1;
                    new_line(a, row, next_no, p, m)?
                }
            };
            new_lines.push(line);
        }
        for o in unmatched.into_iter().flatten() {
            if o.delivered.is_positive() {
                return Err(Error::at(Problem::BelowDelivered { sku: o.sku.clone(), delivered: o.delivered }, Field::new(FieldKey::Line)));
            }
            if invoiced_of(&o).is_positive() {
                return Err(Error::at(
                    Problem::BelowInvoiced { sku: o.sku.clone(), invoiced: invoiced_of(&o) },
                    Field::new(FieldKey::Line),
                ));
            }
            removed.push(o);
        }
    }
    let t = totals(&new_lines)?;
    let mut status = head.status;
    // the order as it was, for its recorded approval reasons and the audit's "before"
    let before_order = db.order(&head.number)?;
    let mut reasons: Vec<ApprovalReason> = before_order.approval_reasons.clone();
    if head.status != OrderStatus::Draft {
        // A change that raises the amount, or adds a below-cost line, passes the same rules as a
        // confirmation: blocking rules refuse it; approval rules need the owner to make it.
        let f = facts(db, &head, &new_lines, t.total)?;
        let route = confirmation_route(&f, &settings).map_err(Error::new)?;
        if let Route::NeedsApproval(r) = route {
            let raises = t.total > old_total
                || new_lines.iter().any(|l| {
                    effective_below_cost(l.unit_price, l.discount, l.cost)
                        && !old.iter().any(|o| o.id == l.id && effective_below_cost(o.unit_price, o.discount, o.cost))
                });
            if head.status == OrderStatus::PendingApproval {
                reasons = r;
            } else if raises && a.require_owner().is_err() {
                return Err(Problem::ChangeNeedsApproval.into());
            }
        } else if head.status == OrderStatus::PendingApproval {
            reasons = Vec::new();
        }
    }
    if head.status.holds_reservation() {
        let before = remaining_by_product(&old);
        let after = remaining_by_product(&new_lines);
        let mut deltas: BTreeMap<String, (String, Qty)> = BTreeMap::new();
        for (pid, (sku, q)) in &after {
            let was = before.get(pid).map(|(_, q)| *q).unwrap_or(Qty::ZERO);
            deltas.insert(pid.clone(), (sku.clone(), *q - was));
        }
        for (pid, (sku, q)) in &before {
            deltas.entry(pid.clone()).or_insert((sku.clone(), -*q));
        }
        check_stock(db, a, &settings, &deltas)?;
        reserve(db, a, &deltas, 1)?;
        status = status_from_deliveries(&new_lines);
    }
    for l in &removed {
        db.delete_line(&a.stamp, &l.id)?;
    }
    for l in &new_lines {
        match old.iter().find(|o| o.id == l.id) {
            Some(o) if o == l => {}
            Some(_) => db.update_line(&a.stamp, l)?,
            None => db.insert_line(&a.stamp, &head.id, l)?,
        }
    }
    let channel = parse_channel(input.channel.as_deref())?;
    let deliver_by = match input.deliver_by.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(d) => Some(Some(validate::date(Field::new(FieldKey::DeliverBy), d)?.to_string())),
    };
    let notes = match &input.notes {
        None => None,
        Some(n) => Some(validate::opt_text(FieldKey::Notes, Some(n), 1000)?),
    };
    db.update_order_header(&a.stamp, &head.id, status, &t, Some(&reasons), None)?;
    db.update_order_details(
        &a.stamp,
        &head.id,
        channel.map(Channel::as_str),
        deliver_by.as_ref().map(|d| d.as_deref()),
        notes.as_ref().map(|n| n.as_deref()),
    )?;
    db.reindex_order(&head.id)?;
    let after_order = db.order(&head.number)?;
    let view = |o: &Order, lines: &[LineWrite]| {
        let mut v = audit_view(o.status, lines, o.total);
        v["channel"] = serde_json::Value::String(o.channel.as_str().into());
        v["deliver_by"] = json(&o.deliver_by);
        v["notes"] = json(&o.notes);
        v
    };
    db.audit(
        &a.stamp,
        "order",
        &head.id,
        "change",
        Some(&view(&before_order, &old)),
        Some(&view(&after_order, &new_lines)),
        a.request_id.as_deref(),
    )?;
    Ok(after_order)
}

pub(crate) fn cancel(db: &Db, a: &Actor, number: &str, reason: &str) -> Result<Order, Error> {
    let head = db.order_head(number)?;
    if !head.status.allows(OrderAction::Cancel) {
        return Err(wrong_state(&head, OrderAction::Cancel));
    }
    let reason = validate::text(FieldKey::Reason, reason, 200, true)?;
    let lines = db.order_lines(&head.id)?;
    // what stays sold must still cover what invoices billed (credit them first)
    let invoiced = db.invoiced_by_order_line(&head.id)?;
    for l in &lines {
        let billed = invoiced.get(&l.id).copied().unwrap_or(Qty::ZERO);
        let stays = if head.status == OrderStatus::PartiallyDelivered { l.delivered - l.returned } else { Qty::ZERO };
        if billed > stays {
            return Err(Error::at(Problem::BelowInvoiced { sku: l.sku.clone(), invoiced: billed }, Field::new(FieldKey::Line)));
        }
    }
    if head.status.holds_reservation() {
        reserve(db, a, &remaining_by_product(&lines), -1)?;
    }
    let (status, action, kept) = if head.status == OrderStatus::PartiallyDelivered {
        // What left the shop stays sold: the order is cut down to what was delivered.
        let m = mode(head.prices_include_tax);
        let mut kept = Vec::new();
        for l in &lines {
            if l.delivered.is_zero() {
                db.delete_line(&a.stamp, &l.id)?;
            } else if l.delivered < l.qty {
                let cut = LineWrite {
                    qty: l.delivered,
                    amounts: amounts(l.line_no as usize, l.delivered, l.unit_price, l.discount, l.tax_rate, m)?,
                    ..l.clone()
                };
                db.update_line(&a.stamp, &cut)?;
                kept.push(cut);
            } else {
                kept.push(l.clone());
            }
        }
        (OrderStatus::Delivered, "cancel_remainder", kept)
    } else {
        (OrderStatus::Cancelled, "cancel", lines.clone())
    };
    let t = totals(&kept)?;
    db.update_order_header(&a.stamp, &head.id, status, &t, None, Some(&reason))?;
    db.reindex_order(&head.id)?;
    db.audit(
        &a.stamp,
        "order",
        &head.id,
        action,
        Some(&audit_view(head.status, &lines, head.total)),
        Some(&{
            let mut v = audit_view(status, &kept, t.total);
            v["reason"] = serde_json::Value::String(reason.clone());
            v
        }),
        a.request_id.as_deref(),
    )?;
    db.order(&head.number)
}

pub(crate) fn deliver(
    db: &Db,
    a: &Actor,
    number: &str,
    wanted: Option<&[(String, Qty)]>,
    opts: &DeliverOpts,
) -> Result<DeliveryOutcome, Error> {
    let head = db.order_head(number)?;
    if !head.status.allows(OrderAction::Deliver) {
        return Err(wrong_state(&head, OrderAction::Deliver));
    }
    let credit_override = check_credit_at_delivery(db, a, &head, opts)?;
    let settings = db.settings()?;
    let mut lines = db.order_lines(&head.id)?;
    // plan: (line index, qty)
    let mut plan: Vec<(usize, Qty)> = Vec::new();
    match wanted {
        None => {
            for (i, l) in lines.iter().enumerate() {
                let rest = l.qty - l.delivered;
                if rest.is_positive() {
                    plan.push((i, rest));
                }
            }
        }
        Some(req) => {
            let mut taken: Vec<Qty> = vec![Qty::ZERO; lines.len()];
            for (row, (key, qty)) in req.iter().enumerate() {
                let row = row + 1;
                let product = db.product(key).map_err(|e| Error { field: Some(Field::row(FieldKey::Sku, row)), ..e })?;
                let idx: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].product_id == product.id).collect();
                if idx.is_empty() {
                    return Err(Error::at(
                        Problem::NotFound { what: Entity::OrderLine, key: format!("{} / {}", head.number, product.sku) },
                        Field::row(FieldKey::Sku, row),
                    ));
                }
                let remaining: Qty = idx.iter().map(|&i| lines[i].qty - lines[i].delivered - taken[i]).sum();
                if *qty > remaining {
                    return Err(Error::at(
                        Problem::OverDelivery { sku: product.sku.clone(), remaining, asked: *qty },
                        Field::row(FieldKey::Qty, row),
                    ));
                }
                let mut left = *qty;
                for &i in &idx {
                    let free = lines[i].qty - lines[i].delivered - taken[i];
                    let q = free.min(left);
                    if q.is_positive() {
                        taken[i] += q;
                        plan.push((i, q));
                        left -= q;
                    }
                }
            }
        }
    }
    if plan.is_empty() {
        return Err(Problem::NothingToDeliver { number: head.number.clone() }.into());
    }
    use chrono::Datelike;
    let dn = db.next_number(&a.stamp, "DN", "DN", a.today.year())?;
    let delivery_id = kaidan_store::new_id(a.stamp.at);
    db.insert_delivery(&a.stamp, &delivery_id, &dn, &head.id)?;
    let mut out_lines = Vec::new();
    for (i, q) in &plan {
        let l = &lines[*i];
        if !settings.allow_negative_stock {
            let (on_hand, _) = db.balance(&l.product_id, &a.location_id)?;
            if on_hand < *q {
                return Err(Problem::InsufficientStock { sku: l.sku.clone(), needed: *q, available: on_hand }.into());
            }
        }
        db.insert_delivery_line(&a.stamp, &delivery_id, l, *q)?;
        db.add_delivered(&a.stamp, &l.id, *q)?;
        db.post_move(
            &a.stamp,
            &MoveWrite {
                product_id: &l.product_id,
                location_id: &a.location_id,
                qty: -*q,
                reason: MoveReason::Delivery,
                unit_cost: None,
                doc_type: Some("delivery"),
                doc_id: Some(&delivery_id),
                doc_number: Some(&dn),
                note: None,
            },
        )?;
        db.add_reserved(&a.stamp, &l.product_id, &a.location_id, -*q)?;
        out_lines.push(DeliveryLine { sku: l.sku.clone(), name: l.name.clone(), qty: *q });
    }
    for (i, q) in &plan {
        lines[*i].delivered += *q;
    }
    let status = status_from_deliveries(&lines);
    let t = totals(&lines)?;
    db.update_order_header(&a.stamp, &head.id, status, &t, None, None)?;
    let payment = match &opts.cod {
        Some((amount, method, reference)) => Some(
            crate::money::receive(
                db,
                a,
                &head.customer_id,
                *amount,
                *method,
                &a.today.to_string(),
                reference.as_deref(),
                Some(&head.id),
                Vec::new(),
                Some(&dn),
            )?
            .number,
        ),
        None => None,
    };
    db.audit(
        &a.stamp,
        "order",
        &head.id,
        "deliver",
        Some(&serde_json::json!({ "status": head.status.as_str() })),
        Some(&serde_json::json!({
            "status": status.as_str(),
            "delivery": dn,
            "lines": out_lines.iter().map(|l| serde_json::json!({ "sku": l.sku, "qty": l.qty.to_string() })).collect::<Vec<_>>(),
            "payment": payment,
            "credit_override": credit_override,
        })),
        a.request_id.as_deref(),
    )?;
    Ok(DeliveryOutcome { number: dn, order: head.number, order_status: status, created_at: a.stamp.time(), lines: out_lines, payment })
}

impl Shop {
    /// Creates a draft order. Nothing is reserved until it is confirmed.
    pub fn create_order(&mut self, ctx: &Ctx, input: &OrderInput) -> Result<Order, Error> {
        self.write(ctx, "order.create", input, |db, a| create(db, a, input))
    }

    /// Creates and confirms an order in one transaction, and with `deliver` also hands over
    /// everything (a counter sale: 现场开单). The same checks as [`Shop::confirm_order`] apply;
    /// an order that needs approval stops at `pending_approval`, undelivered.
    pub fn create_and_confirm(&mut self, ctx: &Ctx, input: &OrderInput, deliver_now: bool) -> Result<Order, Error> {
        self.write(ctx, if deliver_now { "order.sell" } else { "order.create_confirm" }, input, |db, a| {
            let o = create(db, a, input)?;
            let o = confirm(db, a, &o.number)?;
            if deliver_now && o.status == OrderStatus::Confirmed {
                deliver(db, a, &o.number, None, &DeliverOpts::default())?;
                return db.order(&o.number);
            }
            Ok(o)
        })
    }

    /// Confirms a draft: checks stock (and reserves it), credit, prices below cost and the
    /// approval threshold in one transaction. The order ends `confirmed` or
    /// `pending_approval`; a blocking rule refuses with an error and changes nothing.
    pub fn confirm_order(&mut self, ctx: &Ctx, number: &str) -> Result<Order, Error> {
        self.write(ctx, "order.confirm", number, |db, a| confirm(db, a, number))
    }

    /// The owner approves an order waiting for approval; its stock is reserved.
    pub fn approve_order(&mut self, ctx: &Ctx, number: &str) -> Result<Order, Error> {
        self.write(ctx, "order.approve", number, |db, a| approve(db, a, number))
    }

    /// Changes lines, quantities, prices, channel, promised date or notes. The reservation
    /// follows; the change is in the audit log, before → after.
    pub fn change_order(&mut self, ctx: &Ctx, number: &str, input: &ChangeInput) -> Result<Order, Error> {
        self.write(ctx, "order.change", &(number, input), |db, a| change(db, a, number, input))
    }

    /// Cancels an order with a reason, releasing its reservation. A partly delivered order
    /// keeps what was delivered: its remainder is cancelled and it ends `delivered`.
    pub fn cancel_order(&mut self, ctx: &Ctx, number: &str, reason: &str) -> Result<Order, Error> {
        self.write(ctx, "order.cancel", &(number, reason), |db, a| cancel(db, a, number, reason))
    }

    /// Delivers everything remaining (`lines` = `None`) or the given quantities.
    pub fn deliver(&mut self, ctx: &Ctx, number: &str, lines: Option<&[DeliverLine]>) -> Result<DeliveryOutcome, Error> {
        self.deliver_order(ctx, number, &DeliverInput { lines: lines.map(<[DeliverLine]>::to_vec), ..Default::default() })
    }

    /// Delivers (see [`DeliverInput`]): the goods, money taken at the door as a receipt on the
    /// order, and the credit check at delivery — all in one transaction.
    pub fn deliver_order(&mut self, ctx: &Ctx, number: &str, input: &DeliverInput) -> Result<DeliveryOutcome, Error> {
        let wanted = match &input.lines {
            None => None,
            Some(ls) => {
                let mut v = Vec::with_capacity(ls.len());
                for (i, l) in ls.iter().enumerate() {
                    let sku = validate::text(FieldKey::Sku, &l.sku, 40, true)
                        .map_err(|e| Error { field: Some(Field::row(FieldKey::Sku, i + 1)), ..e })?;
                    v.push((sku, validate::qty(Field::row(FieldKey::Qty, i + 1), &l.qty, Sign::Positive)?));
                }
                Some(v)
            }
        };
        let cod = match &input.payment {
            Some(p) => Some((
                validate::money(Field::new(FieldKey::Amount), &p.amount, Sign::Positive)?,
                crate::money::parse_method(&p.method)?,
                validate::opt_text(FieldKey::Reference, p.reference.as_deref(), 200)?,
            )),
            None => None,
        };
        let opts = DeliverOpts { cod, approve_credit: input.approve_credit.unwrap_or(false), skip_credit_check: false };
        // the request's fingerprint: a plain delivery keeps the one it always had
        let key = if input.payment.is_none() && input.approve_credit.is_none() {
            serde_json::json!([number, &wanted])
        } else {
            let payment = input.payment.as_ref().map(|p| (&p.amount, &p.method, &p.reference));
            serde_json::json!([number, &wanted, payment, input.approve_credit])
        };
        self.write(ctx, "order.deliver", &key, |db, a| deliver(db, a, number, wanted.as_deref(), &opts))
    }

    pub fn order(&self, number: &str) -> Result<Order, Error> {
        self.read(|db| db.order(number))
    }

    pub fn delivery(&self, number: &str) -> Result<kaidan_core::model::Delivery, Error> {
        self.read(|db| db.delivery(number.trim()))
    }

    /// The order's history from the audit log, oldest first.
    pub fn order_history(&self, number: &str) -> Result<Vec<AuditEntry>, Error> {
        self.read(|db| {
            let head = db.order_head(number)?;
            db.audit_of(&head.id)
        })
    }

    /// A page of orders, newest first; pass `next_cursor` back for the next page.
    pub fn orders(&self, q: &OrderQuery) -> Result<Page<OrderSummary>, Error> {
        let parsed = parse_query(q)?;
        self.read(|db| {
            let (items, next) = db.orders(&parsed.filter(db)?)?;
            Ok(Page { items, next_cursor: next.map(|n| n.to_string()) })
        })
    }

    /// SQLite's plan for an order list (tests assert the hot lists never sort or scan).
    pub fn explain_orders(&self, q: &OrderQuery) -> Result<String, Error> {
        let parsed = parse_query(q)?;
        self.read(|db| db.explain_orders(&parsed.filter(db)?))
    }
}

struct ParsedQuery<'q> {
    q: &'q OrderQuery,
    status: Option<OrderStatus>,
    payment: Option<kaidan_core::model::PaymentStatus>,
    before: Option<i64>,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
}

impl ParsedQuery<'_> {
    fn filter(&self, db: &Db) -> Result<OrderFilter, Error> {
        let customer_id = match self.q.customer.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(c) => Some(db.resolve_customer(c).map_err(|e| Error { field: Some(Field::new(FieldKey::Customer)), ..e })?.id),
        };
        Ok(OrderFilter {
            status: self.status,
            payment: self.payment,
            search: self.q.search.clone(),
            customer_id,
            from: self.from.map(|d| d.to_string()),
            to: self.to.map(|d| d.to_string()),
            before: self.before,
            limit: self.q.limit.unwrap_or(50),
        })
    }
}

fn parse_query(q: &OrderQuery) -> Result<ParsedQuery<'_>, Error> {
    let status = match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(OrderStatus::parse(s).ok_or_else(|| {
            Error::at(
                Problem::BadChoice { text: s.into(), allowed: OrderStatus::ALL.iter().map(|s| s.as_str().to_string()).collect() },
                Field::new(FieldKey::Status),
            )
        })?),
    };
    let payment = match q.payment.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(kaidan_core::model::PaymentStatus::parse(s).ok_or_else(|| {
            Error::at(
                Problem::BadChoice {
                    text: s.into(),
                    allowed: kaidan_core::model::PaymentStatus::ALL.iter().map(|s| s.as_str().to_string()).collect(),
                },
                Field::new(FieldKey::Status),
            )
        })?),
    };
    let before = match q.cursor.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(c) => Some(c.parse::<i64>().map_err(|_| {
            Error::at(Problem::BadChoice { text: c.into(), allowed: vec!["next_cursor".into()] }, Field::new(FieldKey::Cursor))
        })?),
    };
    let from = q.from.as_deref().map(|d| validate::date(Field::new(FieldKey::OrderDate), d)).transpose()?;
    let to = q.to.as_deref().map(|d| validate::date(Field::new(FieldKey::OrderDate), d)).transpose()?;
    Ok(ParsedQuery { q, status, payment, before, from, to })
}
