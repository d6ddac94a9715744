//! Confirm (the shelf, then the credit, below-cost and threshold rules; the stock reserved)
//! and approve (the owner's word; the stock reserved).

use kaidan_core::order::{Backorder, SalesOrder};
use kaidan_core::AuditAction;
use kaidan_core::Error;
use kaidan_store::Db;

use super::{commit, credit, shelf};
use crate::Actor;

pub(crate) fn confirm(db: &Db, a: &Actor, o: &mut SalesOrder, backorder: Backorder) -> Result<(), Error> {
    a.require(kaidan_core::Action::TakeOrders)?;
    let before = o.clone();
    let settings = db.settings()?;
    let reservation = o.confirm(&shelf(db, a, &settings, o, &[])?, &credit(db, &o.customer_id)?, &settings, backorder)?;
    let views = (
        serde_json::json!({ "status": before.status.as_str() }),
        serde_json::json!({ "status": o.status.as_str(), "approval_reasons": o.approval_reasons, "backorder": backordered(o) }),
    );
    commit(db, a, (&before, o), &reservation, AuditAction::Confirm, views)
}

pub(crate) fn approve(db: &Db, a: &Actor, o: &mut SalesOrder, backorder: Backorder) -> Result<(), Error> {
    a.require(kaidan_core::Action::ApproveOrders)?;
    let before = o.clone();
    let reservation = o.approve(&shelf(db, a, &db.settings()?, o, &[])?, backorder)?;
    let views = (
        serde_json::json!({ "status": before.status.as_str(), "approval_reasons": before.approval_reasons }),
        serde_json::json!({ "status": o.status.as_str(), "backorder": backordered(o) }),
    );
    commit(db, a, (&before, o), &reservation, AuditAction::Approve, views)
}

/// What waits for stock, for the audit log (none: null).
fn backordered(o: &SalesOrder) -> serde_json::Value {
    if !o.backordered() {
        return serde_json::Value::Null;
    }
    o.lines
        .iter()
        .filter(|l| l.backordered.is_positive())
        .map(|l| serde_json::json!({ "sku": l.sku, "qty": l.backordered.to_string() }))
        .collect()
}
