//! Cancel, with a reason: the reservation released; a partly delivered order keeps what left
//! the shop and ends delivered.

use kaidan_core::order::{Cancellation, SalesOrder};
use kaidan_core::validate;
use kaidan_core::AuditAction;
use kaidan_core::{Error, FieldKey};
use kaidan_store::Db;

use super::{audit_view, commit, fill_backorders};
use crate::Actor;

pub(crate) fn cancel(db: &Db, a: &Actor, o: &mut SalesOrder, reason: &str) -> Result<(), Error> {
    a.require(kaidan_core::Action::TakeOrders)?;
    o.require(kaidan_core::OrderAction::Cancel)?;
    let reason = validate::text(FieldKey::Reason, reason, 200, true)?;
    let before = o.clone();
    let (how, release) = o.cancel(reason.clone())?;
    let action = match how {
        Cancellation::Whole => AuditAction::Cancel,
        Cancellation::Remainder => AuditAction::CancelRemainder,
    };
    let mut after = audit_view(o);
    after["reason"] = serde_json::Value::String(reason);
    commit(db, a, (&before, o), &release, action, (audit_view(&before), after))?;
    // what this order held goes to the orders waiting for it
    for pid in release.iter().filter(|(_, (_, q))| q.is_negative()).map(|(pid, _)| pid) {
        fill_backorders(db, a, pid)?;
    }
    Ok(())
}
