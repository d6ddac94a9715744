//! Orders: every step of an order's life, one module per verb (`create`, `confirm` and
//! `approve`, `change`, `cancel`, `deliver`) and the list (`list`). Each use case is
//! load → decide → persist → audit: the store loads the order aggregate
//! ([`kaidan_core::order::SalesOrder`]), kaidan-core decides, the store saves what changed,
//! and the audit log records before → after.

use kaidan_core::model::{DeliveryLine, Product};
use kaidan_core::order::{Credit, LineProduct, Needs, NewLine, SalesOrder, Shelf, ShelfStock, Want};
use kaidan_core::validate;
use kaidan_core::{AuditAction, AuditEntity, Channel, Error, Field, FieldKey, OrderStatus, Problem, Qty, Rate, Settings, Sign};
use kaidan_store::Db;
use serde::{Deserialize, Serialize};

use crate::Actor;

mod cancel;
mod change;
mod confirm;
mod create;
mod deliver;
mod list;
mod shop;

pub(crate) use cancel::cancel;
pub(crate) use change::change;
pub(crate) use confirm::{approve, confirm};
pub(crate) use create::create;
pub(crate) use deliver::{deliver, DeliverOpts};

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

/// An order list request (all fields optional).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct OrderQuery {
    pub status: Option<String>,
    /// unpaid, deposit, partially_paid, paid, overpaid (drafts and cancelled orders left out).
    pub payment: Option<String>,
    pub search: Option<String>,
    pub customer: Option<String>,
    /// Orders of this salesperson (业务员), by operator name.
    pub salesperson: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Only open orders with lines waiting for stock (backorders).
    pub backordered: Option<bool>,
    /// The orders behind a report's figure: goods delivered or returned on these days
    /// (`YYYY-MM-DD`, inclusive).
    pub sold_from: Option<String>,
    pub sold_to: Option<String>,
    /// Orders with this product (SKU or barcode); with `sold_*`, delivered or returned then.
    pub sku: Option<String>,
    /// Open orders by their promised day against `today`: late, today, later (later or no day).
    pub due: Option<String>,
    /// The day `due` compares with, `YYYY-MM-DD` (default: today).
    pub today: Option<String>,
    /// Orders that came through this channel: phone, wechat, counter, email, web, other.
    pub channel: Option<String>,
    /// Orders of customers of this region ("" for customers without one): a report's row.
    pub region: Option<String>,
    /// Only orders taken (confirmed or later, not cancelled), as the reports count them.
    pub taken: Option<bool>,
    /// `new`: orders of customers whose first order is on or after `from`; `returning`: of
    /// those who ordered before it (the customers report's new and returning customers).
    pub buyers: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

/// Typed lines, parsed and their products resolved. `on_order`: products already on the
/// order, which may stay on it after they were made inactive.
pub(crate) fn parse_lines(db: &Db, inputs: &[LineInput], on_order: &[&str]) -> Result<Vec<NewLine>, Error> {
    if inputs.is_empty() {
        return Err(Error::at(Problem::EmptyOrder, Field::new(FieldKey::Line)));
    }
    let mut out = Vec::with_capacity(inputs.len());
    for (i, l) in inputs.iter().enumerate() {
        let row = i + 1;
        let sku = validate::text(FieldKey::Sku, &l.sku, validate::limits::SKU, true)
            .map_err(|e| Error { field: Some(Field::row(FieldKey::Sku, row)), ..e })?;
        let qty = validate::qty(Field::row(FieldKey::Qty, row), &l.qty, Sign::Positive)?;
        let product = db.product(&sku).map_err(|e| Error { field: Some(Field::row(FieldKey::Sku, row)), ..e })?;
        if !product.active && !on_order.contains(&product.id.as_str()) {
            return Err(Error::at(Problem::Inactive { sku: product.sku }, Field::row(FieldKey::Sku, row)));
        }
        let unit_price = match l.unit_price.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(p) => validate::unit_price(Field::row(FieldKey::UnitPrice, row), p)?,
            None => product.price,
        };
        let discount = match l.discount.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(d) => validate::percent(Field::row(FieldKey::Discount, row), d)?,
            None => Rate::ZERO,
        };
        out.push(NewLine { product: line_product(product), qty, unit_price, discount });
    }
    Ok(out)
}

/// A product's cost as the store read it (the store always reads it; zero is "not known").
pub(crate) fn known_cost(p: &Product) -> kaidan_core::UnitPrice {
    p.cost.unwrap_or(kaidan_core::UnitPrice::ZERO)
}

/// A product as an order line takes it.
pub(crate) fn line_product(p: Product) -> LineProduct {
    let cost = known_cost(&p);
    LineProduct { id: p.id, sku: p.sku, name: p.name, spec: p.spec, unit: p.unit, tax_rate: p.tax_rate, cost }
}

/// A request's lines (a SKU or barcode and a quantity each), their products resolved; errors
/// name the row.
pub(crate) fn wants(db: &Db, lines: &[(String, Qty)]) -> Result<Vec<Want>, Error> {
    lines
        .iter()
        .enumerate()
        .map(|(i, (key, qty))| {
            let product = db.product(key).map_err(|e| Error { field: Some(Field::row(FieldKey::Sku, i + 1)), ..e })?;
            Ok(Want { product_id: product.id, sku: product.sku, qty: *qty })
        })
        .collect()
}

/// Typed `SKU` and quantity pairs, checked (rows counted from 1).
pub(crate) fn typed_wants<'a>(lines: impl Iterator<Item = (&'a str, &'a str)>) -> Result<Vec<(String, Qty)>, Error> {
    lines
        .enumerate()
        .map(|(i, (sku, qty))| {
            let sku = validate::text(FieldKey::Sku, sku, validate::limits::SKU, true)
                .map_err(|e| Error { field: Some(Field::row(FieldKey::Sku, i + 1)), ..e })?;
            Ok((sku, validate::qty(Field::row(FieldKey::Qty, i + 1), qty, Sign::Positive)?))
        })
        .collect()
}

/// What the shelf holds of the order's products (and of `more`), read in the transaction;
/// nothing to read while the shop allows negative stock (no decision looks at it then).
pub(crate) fn shelf(db: &Db, a: &Actor, settings: &Settings, o: &SalesOrder, more: &[NewLine]) -> Result<Shelf, Error> {
    let mut shelf = Shelf { allow_negative: settings.allow_negative_stock, ..Shelf::default() };
    if shelf.allow_negative {
        return Ok(shelf);
    }
    let ids = o.lines.iter().map(|l| l.product_id.as_str()).chain(more.iter().map(|l| l.product.id.as_str()));
    for pid in ids {
        if !shelf.stock.contains_key(pid) {
            let (on_hand, reserved) = db.balance(pid, &a.location_id)?;
            shelf.stock.insert(pid.to_string(), ShelfStock { on_hand, reserved });
        }
    }
    Ok(shelf)
}

/// The customer's credit now: the limit and the exposure (this order included where it counts).
pub(crate) fn credit(db: &Db, customer_id: &str) -> Result<Credit, Error> {
    let customer = db.customer_by_id(customer_id)?;
    let pos = db.credit_position(&customer.id, customer.credit_limit)?;
    Ok(Credit { limit: customer.credit_limit, exposure: pos.exposure })
}

/// Stock of `product_id` came in (or was freed): the open orders waiting for it, the oldest
/// first, reserve what no order holds now, each in the audit log.
pub(crate) fn fill_backorders(db: &Db, a: &Actor, product_id: &str) -> Result<(), Error> {
    for number in db.backordered_orders(product_id)? {
        let (on_hand, reserved) = db.balance(product_id, &a.location_id)?;
        let shelf = Shelf { allow_negative: false, stock: [(product_id.to_string(), ShelfStock { on_hand, reserved })].into() };
        let free = shelf.free(product_id);
        if !free.is_positive() {
            break;
        }
        let mut o = db.load_order(&number)?;
        let before = o.clone();
        let got = o.fill_backorder(product_id, free);
        if got.is_positive() {
            let sku = o.lines.iter().find(|l| l.product_id == product_id).map(|l| l.sku.clone()).unwrap_or_default();
            db.add_reserved(&a.stamp, product_id, &a.location_id, got)?;
            db.save_order(&a.stamp, &before, &o)?;
            let waits: Qty = o.lines.iter().filter(|l| l.product_id == product_id).map(|l| l.backordered).sum();
            db.audit(
                &a.stamp,
                AuditEntity::Order,
                &o.id,
                AuditAction::Reserve,
                None,
                Some(&serde_json::json!({ "sku": sku, "reserved": got.to_string(), "still_waiting": waits.to_string() })),
            )?;
        }
    }
    Ok(())
}

/// Writes a decided change of reservations.
pub(crate) fn reserve(db: &Db, a: &Actor, change: &Needs) -> Result<(), Error> {
    for (pid, (_, q)) in change.iter().filter(|(_, (_, q))| !q.is_zero()) {
        db.add_reserved(&a.stamp, pid, &a.location_id, *q)?;
    }
    Ok(())
}

/// Persists a decision: what changed in the order, the reservation it decided, and the audit
/// entry (`views`: the order before and after, as the audit log keeps them).
pub(crate) fn commit(
    db: &Db,
    a: &Actor,
    (before, after): (&SalesOrder, &SalesOrder),
    reservation: &Needs,
    action: AuditAction,
    views: (serde_json::Value, serde_json::Value),
) -> Result<(), Error> {
    db.save_order(&a.stamp, before, after)?;
    reserve(db, a, reservation)?;
    db.audit(&a.stamp, AuditEntity::Order, &after.id, action, Some(&views.0), Some(&views.1))
}

/// A compact view of an order for the audit log.
pub(crate) fn audit_view(o: &SalesOrder) -> serde_json::Value {
    serde_json::json!({
        "status": o.status.as_str(),
        "total": o.totals.total.to_string(),
        "lines": o.lines.iter().map(|l| serde_json::json!({
            "sku": l.sku, "qty": l.qty.to_string(), "unit_price": l.unit_price.to_string(),
            "discount": l.discount.to_string(), "delivered_qty": l.delivered.to_string(),
        })).collect::<Vec<_>>(),
    })
}

pub(crate) fn parse_channel(text: Option<&str>) -> Result<Option<Channel>, Error> {
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
