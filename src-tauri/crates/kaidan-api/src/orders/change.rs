//! Change: lines, prices, channel, promised date, notes; the reservation follows and the audit
//! log keeps before → after.

use kaidan_core::order::{OrderChange, SalesOrder};
use kaidan_core::validate;
use kaidan_core::AuditAction;
use kaidan_core::{Action, Error, Field, FieldKey, Problem};
use kaidan_store::Db;

use super::{audit_view, commit, credit, parse_channel, parse_lines, shelf, ChangeInput};
use crate::setup::json;
use crate::Actor;

pub(crate) fn change(db: &Db, a: &Actor, o: &mut SalesOrder, input: &ChangeInput) -> Result<(), Error> {
    a.require(Action::TakeOrders)?;
    o.require(kaidan_core::OrderAction::Change)?;
    let lines = match &input.lines {
        Some(inputs) => {
            let on_order: Vec<&str> = o.lines.iter().map(|l| l.product_id.as_str()).collect();
            Some(parse_lines(db, inputs, &on_order)?)
        }
        None => None,
    };
    let deliver_by = match input.deliver_by.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(d) => Some(Some(validate::date(Field::new(FieldKey::DeliverBy), d)?.to_string())),
    };
    let notes = match &input.notes {
        None => None,
        Some(n) => Some(validate::opt_text(FieldKey::Notes, Some(n), validate::limits::NOTES)?),
    };
    let change = OrderChange { channel: parse_channel(input.channel.as_deref())?, deliver_by, notes, lines };
    let settings = db.settings()?;
    let shelf = shelf(db, a, &settings, o, change.lines.as_deref().unwrap_or_default())?;
    let before = o.clone();
    let credit = credit(db, &o.customer_id)?;
    let new_id = || kaidan_store::new_id(a.stamp.at);
    // a change the rules send to the owner: the owner's own, or a clerk's with the owner's PIN
    // given on the spot (recorded only when the change needed it)
    let mut owner = a.operator.role.may(Action::ApproveOrders);
    if !owner && a.can(Action::ApproveOrders) {
        let needs = o.clone().change(change.clone(), new_id, &shelf, &credit, &settings, false);
        if matches!(&needs, Err(e) if e.problem == Problem::ChangeNeedsApproval) {
            a.used(Action::ApproveOrders);
            owner = true;
        }
    }
    let reservation = o.change(change, new_id, &shelf, &credit, &settings, owner)?;
    let view = |o: &SalesOrder| {
        let mut v = audit_view(o);
        v["channel"] = serde_json::Value::String(o.channel.as_str().into());
        v["deliver_by"] = json(&o.deliver_by);
        v["notes"] = json(&o.notes);
        v
    };
    let views = (view(&before), view(o));
    commit(db, a, (&before, o), &reservation, AuditAction::Change, views)?;
    // what the change let go of goes to the orders waiting for it
    let freed: Vec<&String> = reservation.iter().filter(|(_, (_, q))| q.is_negative()).map(|(pid, _)| pid).collect();
    for pid in &freed {
        super::fill_backorders(db, a, pid)?;
    }
    if !freed.is_empty() && o.backordered() {
        *o = db.load_order(&o.number)?;
    }
    Ok(())
}
