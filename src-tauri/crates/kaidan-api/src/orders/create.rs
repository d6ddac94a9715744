//! Create: a draft order with its number; nothing is reserved.

use chrono::Datelike;
use kaidan_core::order::{new_line, SalesOrder};
use kaidan_core::validate;
use kaidan_core::{AuditAction, AuditEntity, Series};
use kaidan_core::{Channel, Error, Field, FieldKey, OrderStatus, TaxMode};
use kaidan_store::Db;

use super::{audit_view, parse_channel, parse_lines, OrderInput};
use crate::Actor;

pub(crate) fn create(db: &Db, a: &Actor, input: &OrderInput) -> Result<SalesOrder, Error> {
    a.require(kaidan_core::Action::TakeOrders)?;
    let settings = db.settings()?;
    let customer_key = validate::text(FieldKey::Customer, &input.customer, validate::limits::CUSTOMER_NAME, true)?;
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
    let notes = validate::opt_text(FieldKey::Notes, input.notes.as_deref(), validate::limits::NOTES)?;
    let parsed = parse_lines(db, &input.lines, &[])?;
    let m = TaxMode::of(settings.prices_include_tax);
    let lines = parsed
        .into_iter()
        .enumerate()
        .map(|(i, p)| new_line(kaidan_store::new_id(a.stamp.at), i + 1, (i + 1) as u32, p, m))
        .collect::<Result<Vec<_>, Error>>()?;
    let number = db.next_number(&a.stamp, Series::Order, order_date.year())?;
    let id = kaidan_store::new_id(a.stamp.at);
    let made = SalesOrder::new(id, number, customer.id, OrderStatus::Draft, order_date.to_string(), settings.prices_include_tax, lines)?;
    let o = SalesOrder { channel, deliver_by: deliver_by.map(|d| d.to_string()), notes, ..made };
    db.insert_order(&a.stamp, &o)?;
    db.audit(&a.stamp, AuditEntity::Order, &o.id, AuditAction::Create, None, Some(&audit_view(&o)))?;
    Ok(o)
}
