//! Deliver: all or part of what remains, in one transaction with the delivery note, the
//! ledger's movements, the reservation released, money taken at the door, and the credit check
//! at delivery.

use chrono::Datelike;
use kaidan_core::model::{DeliveryLine, PayMethod};
use kaidan_core::order::{qty_issue, SalesOrder, Want};
use kaidan_core::Action;
use kaidan_core::{AuditAction, AuditEntity, Series};
use kaidan_core::{Error, Money, MoveReason, OrderAction};
use kaidan_store::{Db, MoveWrite};

use super::{credit, reserve, shelf, DeliveryOutcome};
use crate::Actor;

/// How a delivery runs inside its transaction.
#[derive(Debug, Clone, Default)]
pub(crate) struct DeliverOpts {
    pub cod: Option<(Money, PayMethod, Option<String>)>,
    pub approve_credit: bool,
    /// Demo data skips the credit check at delivery.
    pub skip_credit_check: bool,
}

pub(crate) fn deliver(
    db: &Db,
    a: &Actor,
    o: &mut SalesOrder,
    wanted: Option<&[Want]>,
    opts: &DeliverOpts,
) -> Result<DeliveryOutcome, Error> {
    o.require(OrderAction::Deliver)?;
    let settings = db.settings()?;
    a.require(Action::Deliver)?;
    let credit_override = if opts.skip_credit_check {
        false
    } else {
        let cod = opts.cod.as_ref().map_or(Money::ZERO, |c| c.0);
        // over the limit, the owner's word: their own, or their PIN given on the spot
        let over = o.credit_at_delivery(
            &credit(db, &o.customer_id)?,
            cod,
            settings.credit_policy,
            opts.approve_credit,
            a.can(Action::ApproveOrders),
        )?;
        if over {
            a.used(Action::ApproveOrders);
        }
        over
    };
    let before = o.clone();
    let (takes, release) = o.deliver(wanted, &shelf(db, a, &settings, o, &[])?)?;
    let dn = db.next_number(&a.stamp, Series::Delivery, a.today.year())?;
    let delivery_id = kaidan_store::new_id(a.stamp.at);
    db.insert_delivery(&a.stamp, &delivery_id, &dn, &o.id, &a.today.to_string())?;
    let mut out_lines = Vec::with_capacity(takes.len());
    for t in &takes {
        let l = &o.lines[t.line];
        // the goods leave at the shelf's average cost; what they sold is the line's share
        let (_, unit_cost) = db.post_move_costed(
            &a.stamp,
            &MoveWrite::of_document((&l.product_id, &a.location_id), -t.qty, MoveReason::Delivery, ("delivery", &delivery_id, &dn)),
        )?;
        let share = l.delivery_share(t.qty, db.delivered_value(&l.id)?, o.mode()).map_err(qty_issue(t.line + 1, t.qty))?;
        let cost = unit_cost.map(|c| kaidan_core::cost::cost_of(t.qty, c));
        db.insert_delivery_line(&a.stamp, &delivery_id, l, t.qty, &share, cost)?;
        out_lines.push(DeliveryLine { sku: l.sku.clone(), name: l.name.clone(), qty: t.qty });
    }
    reserve(db, a, &release)?;
    db.save_order(&a.stamp, &before, o)?;
    let payment = match &opts.cod {
        Some((amount, method, reference)) => Some(
            crate::money::receive(
                db,
                a,
                &o.customer_id,
                *amount,
                *method,
                &a.today.to_string(),
                reference.as_deref(),
                Some(&o.id),
                Vec::new(),
                Some(&dn),
            )?
            .number,
        ),
        None => None,
    };
    db.audit(
        &a.stamp,
        AuditEntity::Order,
        &o.id,
        AuditAction::Deliver,
        Some(&serde_json::json!({ "status": before.status.as_str() })),
        Some(&serde_json::json!({
            "status": o.status.as_str(),
            "delivery": dn,
            "lines": out_lines.iter().map(|l| serde_json::json!({ "sku": l.sku, "qty": l.qty.to_string() })).collect::<Vec<_>>(),
            "payment": payment,
            "credit_override": credit_override,
        })),
    )?;
    Ok(DeliveryOutcome {
        number: dn,
        order: o.number.clone(),
        order_status: o.status,
        created_at: a.stamp.time(),
        lines: out_lines,
        payment,
    })
}
