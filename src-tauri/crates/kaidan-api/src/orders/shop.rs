//! The order use cases as the window and the CLI call them: each one write of the store, the
//! order shown as it is afterwards.

use kaidan_core::model::{AuditEntry, Delivery, Order};
use kaidan_core::order::Backorder;
use kaidan_core::validate;
use kaidan_core::{Error, Field, FieldKey, OrderStatus, Sign};

use super::{
    approve, cancel, change, confirm, create, deliver, typed_wants, wants, ChangeInput, DeliverInput, DeliverLine, DeliverOpts,
    DeliveryOutcome, OrderInput,
};
use crate::{Ctx, Shop};

impl Shop {
    /// Creates a draft order. Nothing is reserved until it is confirmed.
    pub fn create_order(&mut self, ctx: &Ctx, input: &OrderInput) -> Result<Order, Error> {
        self.write(ctx, "order.create", input, |db, a| {
            let o = create(db, a, input)?;
            db.order_view(&o)
        })
    }

    /// Creates and confirms an order in one transaction, and with `deliver` also hands over
    /// everything (a counter sale: 现场开单). The same checks as [`Shop::confirm_order`] apply;
    /// an order that needs approval stops at `pending_approval`, undelivered.
    pub fn create_and_confirm(&mut self, ctx: &Ctx, input: &OrderInput, deliver_now: bool) -> Result<Order, Error> {
        self.create_and_confirm_with(ctx, input, deliver_now, Backorder::No)
    }

    /// [`Shop::create_and_confirm`], and as a `backorder` when the shelf is short: what it
    /// has is reserved, the rest waits for stock (nothing is handed over then).
    pub fn create_and_confirm_with(
        &mut self,
        ctx: &Ctx,
        input: &OrderInput,
        deliver_now: bool,
        backorder: Backorder,
    ) -> Result<Order, Error> {
        let deliver_now = deliver_now && backorder == Backorder::No;
        let request = (input, backorder == Backorder::Yes);
        self.write(ctx, if deliver_now { "order.sell" } else { "order.create_confirm" }, &request, |db, a| {
            let mut o = create(db, a, input)?;
            confirm(db, a, &mut o, backorder)?;
            if deliver_now && o.status == OrderStatus::Confirmed {
                deliver(db, a, &mut o, None, &DeliverOpts::default())?;
            }
            db.order_view(&o)
        })
    }

    /// Confirms a draft: checks stock (and reserves it), credit, prices below cost and the
    /// approval threshold in one transaction. The order ends `confirmed` or
    /// `pending_approval`; a blocking rule refuses with an error and changes nothing.
    pub fn confirm_order(&mut self, ctx: &Ctx, number: &str) -> Result<Order, Error> {
        self.confirm_order_with(ctx, number, Backorder::No)
    }

    /// [`Shop::confirm_order`], and as a `backorder` when the shelf is short: what it has is
    /// reserved, the rest of each line waits for stock and is reserved as stock comes in.
    pub fn confirm_order_with(&mut self, ctx: &Ctx, number: &str, backorder: Backorder) -> Result<Order, Error> {
        self.write(ctx, "order.confirm", &(number, backorder == Backorder::Yes), |db, a| {
            let mut o = db.load_order(number)?;
            confirm(db, a, &mut o, backorder)?;
            db.order_view(&o)
        })
    }

    /// The owner approves an order waiting for approval; its stock is reserved.
    pub fn approve_order(&mut self, ctx: &Ctx, number: &str) -> Result<Order, Error> {
        self.approve_order_with(ctx, number, Backorder::No)
    }

    /// [`Shop::approve_order`], and as a `backorder` when the shelf is short.
    pub fn approve_order_with(&mut self, ctx: &Ctx, number: &str, backorder: Backorder) -> Result<Order, Error> {
        self.write(ctx, "order.approve", &(number, backorder == Backorder::Yes), |db, a| {
            let mut o = db.load_order(number)?;
            approve(db, a, &mut o, backorder)?;
            db.order_view(&o)
        })
    }

    /// Gives an order to another salesperson (业务员): the owner's call; the log keeps who it was.
    pub fn set_salesperson(&mut self, ctx: &Ctx, number: &str, operator: &str) -> Result<Order, Error> {
        self.write(ctx, "order.salesperson", &(number, operator), |db, a| {
            a.require(kaidan_core::Action::ChangeSalesperson)?;
            let o = db.load_order(number)?;
            let to = crate::people::operator_named(db, operator)?;
            if !to.active {
                return Err(Error::at(kaidan_core::Problem::OperatorInactive { operator: to.name }, Field::new(FieldKey::Operator)));
            }
            let before = db.order_view(&o)?.salesperson;
            db.set_salesperson(&a.stamp, &o.id, &to.id)?;
            db.audit(
                &a.stamp,
                kaidan_core::AuditEntity::Order,
                &o.id,
                kaidan_core::AuditAction::Change,
                Some(&serde_json::json!({ "salesperson": before })),
                Some(&serde_json::json!({ "salesperson": to.name })),
            )?;
            db.order_view(&o)
        })
    }

    /// Changes lines, quantities, prices, channel, promised date or notes. The reservation
    /// follows; the change is in the audit log, before → after.
    pub fn change_order(&mut self, ctx: &Ctx, number: &str, input: &ChangeInput) -> Result<Order, Error> {
        self.write(ctx, "order.change", &(number, input), |db, a| {
            let mut o = db.load_order(number)?;
            change(db, a, &mut o, input)?;
            db.order_view(&o)
        })
    }

    /// Cancels an order with a reason, releasing its reservation. A partly delivered order
    /// keeps what was delivered: its remainder is cancelled and it ends `delivered`.
    pub fn cancel_order(&mut self, ctx: &Ctx, number: &str, reason: &str) -> Result<Order, Error> {
        self.write(ctx, "order.cancel", &(number, reason), |db, a| {
            let mut o = db.load_order(number)?;
            cancel(db, a, &mut o, reason)?;
            db.order_view(&o)
        })
    }

    /// Delivers everything remaining (`lines` = `None`) or the given quantities.
    pub fn deliver(&mut self, ctx: &Ctx, number: &str, lines: Option<&[DeliverLine]>) -> Result<DeliveryOutcome, Error> {
        self.deliver_order(ctx, number, &DeliverInput { lines: lines.map(<[DeliverLine]>::to_vec), ..Default::default() })
    }

    /// Delivers (see [`DeliverInput`]): the goods, money taken at the door as a receipt on the
    /// order, and the credit check at delivery — all in one transaction.
    pub fn deliver_order(&mut self, ctx: &Ctx, number: &str, input: &DeliverInput) -> Result<DeliveryOutcome, Error> {
        let wanted = input.lines.as_ref().map(|ls| typed_wants(ls.iter().map(|l| (l.sku.as_str(), l.qty.as_str())))).transpose()?;
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
        self.write(ctx, "order.deliver", &key, |db, a| {
            let mut o = db.load_order(number)?;
            let wanted = wanted.as_deref().map(|w| wants(db, w)).transpose()?;
            deliver(db, a, &mut o, wanted.as_deref(), &opts)
        })
    }

    pub fn order(&self, number: &str) -> Result<Order, Error> {
        self.read(|db| db.order(number))
    }

    pub fn delivery(&self, number: &str) -> Result<Delivery, Error> {
        self.read(|db| db.delivery(number.trim()))
    }

    /// The order's history from the audit log, oldest first, with its invoices and payments.
    pub fn order_history(&self, number: &str) -> Result<Vec<AuditEntry>, Error> {
        self.read(|db| {
            let head = db.order_head(number)?;
            db.audit_of_order(&head.id)
        })
    }
}
