//! Confirm (the shelf, then the credit, below-cost and threshold rules; the stock reserved)
//! and approve (the owner's word; the stock reserved).

use kaidan_core::order::SalesOrder;
use kaidan_core::Error;
use kaidan_core::{AuditAction, AuditEntity};
use kaidan_store::Db;

use super::{credit, reserve, shelf};
use crate::Actor;

pub(crate) fn confirm(db: &Db, a: &Actor, o: &mut SalesOrder) -> Result<(), Error> {
    let before = o.clone();
    let reservation = o.confirm(&shelf(db, a, o, &[])?, &credit(db, &o.customer_id)?, &db.settings()?)?;
    db.save_order(&a.stamp, &before, o)?;
    reserve(db, a, &reservation)?;
    db.audit(
        &a.stamp,
        AuditEntity::Order,
        &o.id,
        AuditAction::Confirm,
        Some(&serde_json::json!({ "status": before.status.as_str() })),
        Some(&serde_json::json!({ "status": o.status.as_str(), "approval_reasons": o.approval_reasons })),
        a.request_id.as_deref(),
    )
}

pub(crate) fn approve(db: &Db, a: &Actor, o: &mut SalesOrder) -> Result<(), Error> {
    a.require_owner()?;
    let before = o.clone();
    let reservation = o.approve(&shelf(db, a, o, &[])?)?;
    db.save_order(&a.stamp, &before, o)?;
    reserve(db, a, &reservation)?;
    db.audit(
        &a.stamp,
        AuditEntity::Order,
        &o.id,
        AuditAction::Approve,
        Some(&serde_json::json!({ "status": before.status.as_str(), "approval_reasons": before.approval_reasons })),
        Some(&serde_json::json!({ "status": o.status.as_str() })),
        a.request_id.as_deref(),
    )
}
