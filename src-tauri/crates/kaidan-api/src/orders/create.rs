//! Create: a draft order with its number; nothing is reserved.

use chrono::Datelike;
use kaidan_core::order::{new_line, SalesOrder};
use kaidan_core::validate;
use kaidan_core::{AuditAction, AuditEntity, Series};
use kaidan_core::{Channel, Error, Field, FieldKey, Money, OrderStatus, OrderTotals};
use kaidan_store::Db;

use super::{audit_view, parse_channel, parse_lines, OrderInput};
use crate::Actor;

pub(crate) fn create(db: &Db, a: &Actor, input: &OrderInput) -> Result<SalesOrder, Error> {
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
    let mut o = SalesOrder {
        id: kaidan_store::new_id(a.stamp.at),
        number: String::new(),
        customer_id: customer.id,
        status: OrderStatus::Draft,
        channel,
        order_date: order_date.to_string(),
        deliver_by: deliver_by.map(|d| d.to_string()),
        notes,
        prices_include_tax: settings.prices_include_tax,
        totals: OrderTotals::default(),
        approval_reasons: Vec::new(),
        cancel_reason: None,
        import_batch_id: None,
        external_number: None,
        invoiced: Money::ZERO,
        returned: Money::ZERO,
        received: Money::ZERO,
        last_line_no: 0,
        lines: Vec::with_capacity(parsed.len()),
    };
    let m = o.mode();
    for (i, p) in parsed.into_iter().enumerate() {
        o.lines.push(new_line(kaidan_store::new_id(a.stamp.at), i + 1, (i + 1) as u32, p, m)?);
    }
    o.last_line_no = o.lines.len() as u32;
    o.totals = kaidan_core::totals::order_totals(o.lines.iter().map(|l| &l.amounts))
        .map_err(|issue| Error::number(Field::new(FieldKey::Line), "total", issue))?;
    o.number = db.next_number(&a.stamp, Series::Order, order_date.year())?;
    db.insert_order(&a.stamp, &o)?;
    db.audit(&a.stamp, AuditEntity::Order, &o.id, AuditAction::Create, None, Some(&audit_view(&o)), a.request_id.as_deref())?;
    Ok(o)
}
