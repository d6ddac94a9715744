//! The order aggregate: a sales order with its lines and what happened to each (ordered,
//! delivered, invoiced, returned; received on the order), and the pure functions that decide
//! every step of its life. kaidan-store loads and saves it in one call each; kaidan-api gathers
//! the facts a decision needs (stock on the shelf, the customer's credit), calls it, persists
//! what it decided and writes the audit entry.

use std::collections::BTreeMap;

use crate::error::{Error, Field, FieldKey, Problem};
use crate::fixed::{Money, Qty};
use crate::model::PaymentStatus;
use crate::order::plan::{plan, Purpose, Take, Want};
use crate::order::{confirmation_route, ApprovalReason, Channel, ConfirmationFacts, OrderAction, OrderStatus, Route};
use crate::settings::{Policy, Settings};
use crate::totals::{order_totals, LineAmounts, OrderTotals, TaxMode};

use super::line::{new_line, qty_issue, NewLine, SalesLine};
use super::stock::{needs_delta, needs_of, negate, Backorder, Credit, Needs, Reservation, Shelf};

/// What an order is due to be paid: its total less what came back; nothing once cancelled, nor
/// for history imported from old sheets (settled before the shop used Kaidan). The store's SQL
/// for list filters (`kaidan_store::PAYMENT_STATUS_SQL`) says the same; a test holds them together.
pub fn order_due(status: OrderStatus, total: Money, returned: Money, imported: bool) -> Money {
    if status == OrderStatus::Cancelled || imported {
        Money::ZERO
    } else {
        total - returned
    }
}

/// A change to an order: `lines` replace its lines (a product already on it keeps its line);
/// `None` keeps a field, `Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderChange {
    pub lines: Option<Vec<NewLine>>,
    pub channel: Option<Channel>,
    pub deliver_by: Option<Option<String>>,
    pub notes: Option<Option<String>>,
}

/// How a cancellation went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cancellation {
    /// Nothing had left the shop: the order is cancelled.
    Whole,
    /// A partly delivered order keeps what was delivered; its remainder is cancelled.
    Remainder,
}

/// One part of a return as decided: `qty` of line `line`, for request row `row`, worth `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReturnPart {
    pub line: usize,
    pub row: usize,
    pub qty: Qty,
    pub total: Money,
}

/// One part of an invoice as decided: `qty` of line `line`, billing `amounts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvoicePart {
    pub line: usize,
    pub qty: Qty,
    pub amounts: LineAmounts,
}

/// A sales order with its lines and money: the one type the order's rules decide on.
#[derive(Debug, Clone, PartialEq)]
pub struct SalesOrder {
    pub id: String,
    pub number: String,
    pub customer_id: String,
    pub status: OrderStatus,
    pub channel: Channel,
    /// `YYYY-MM-DD`.
    pub order_date: String,
    pub deliver_by: Option<String>,
    pub notes: Option<String>,
    pub prices_include_tax: bool,
    pub totals: OrderTotals,
    pub approval_reasons: Vec<ApprovalReason>,
    pub cancel_reason: Option<String>,
    /// The import batch that wrote it as history (settled before the shop used Kaidan).
    pub import_batch_id: Option<String>,
    /// The order's number in the sheet it was imported from.
    pub external_number: Option<String>,
    /// Billed by its invoices, net of credit notes.
    pub invoiced: Money,
    /// The value of goods returned.
    pub returned: Money,
    /// Money received for it.
    pub received: Money,
    /// The highest line number the order ever had (removed lines keep theirs).
    pub last_line_no: u32,
    pub lines: Vec<SalesLine>,
}

impl SalesOrder {
    /// A new order of `lines`, its totals summed from them; nothing delivered, billed, returned
    /// or paid yet, no approval reasons; sold at the counter unless the caller says otherwise.
    pub fn new(
        id: String,
        number: String,
        customer_id: String,
        status: OrderStatus,
        order_date: String,
        prices_include_tax: bool,
        lines: Vec<SalesLine>,
    ) -> Result<Self, Error> {
        let mut o = SalesOrder {
            id,
            number,
            customer_id,
            status,
            channel: Channel::Counter,
            order_date,
            deliver_by: None,
            notes: None,
            prices_include_tax,
            totals: OrderTotals::default(),
            approval_reasons: Vec::new(),
            cancel_reason: None,
            import_batch_id: None,
            external_number: None,
            invoiced: Money::ZERO,
            returned: Money::ZERO,
            received: Money::ZERO,
            last_line_no: lines.iter().map(|l| l.line_no).max().unwrap_or(0),
            lines,
        };
        o.retotal()?;
        Ok(o)
    }

    pub fn mode(&self) -> TaxMode {
        TaxMode::of(self.prices_include_tax)
    }

    /// History imported from an old sheet.
    pub fn imported(&self) -> bool {
        self.import_batch_id.is_some()
    }

    /// Refuses an action the order's state does not allow.
    pub fn require(&self, action: OrderAction) -> Result<(), Problem> {
        self.status.require(&self.number, action)
    }

    /// What can be done with the order now: its state allows it and there is something to do
    /// it to (goods to deliver, delivered goods to bill or take back). The window offers exactly
    /// these; the use cases refuse the rest. Who may do it (the owner's approval) and whether the
    /// shelf and the customer's credit allow it are checked when it is done.
    pub fn allowed_actions(&self) -> Vec<OrderAction> {
        OrderAction::ALL.into_iter().filter(|&a| self.allows(a)).collect()
    }

    fn allows(&self, action: OrderAction) -> bool {
        let any = |f: &dyn Fn(&SalesLine) -> Qty| self.lines.iter().any(|l| f(l).is_positive());
        self.status.allows(action)
            && match action {
                OrderAction::Deliver => any(&|l| l.remaining()),
                OrderAction::Invoice => any(&|l| self.invoice_open(l, false)),
                OrderAction::Return => any(&|l| l.delivered - l.returned),
                _ => true,
            }
    }

    /// What the order is due to be paid ([`order_due`]).
    pub fn due(&self) -> Money {
        order_due(self.status, self.totals.total, self.returned, self.imported())
    }

    /// What is still to be paid on it: its due less what was received, never below zero.
    pub fn outstanding(&self) -> Money {
        (self.due() - self.received).max(Money::ZERO)
    }

    pub fn payment_status(&self) -> PaymentStatus {
        PaymentStatus::of_order(self.due(), self.received, self.invoiced)
    }

    /// The undelivered remainder per product.
    pub fn remaining(&self) -> Needs {
        needs_of(&self.lines, SalesLine::remaining)
    }

    /// The reservation the order holds in its state (none unless confirmed or partly delivered).
    pub fn reserved(&self) -> Needs {
        if self.status.holds_reservation() {
            needs_of(&self.lines, SalesLine::reserved)
        } else {
            Needs::new()
        }
    }

    fn retotal(&mut self) -> Result<(), Error> {
        self.totals = order_totals(self.lines.iter().map(|l| &l.amounts))
            .map_err(|issue| Error::number(Field::new(FieldKey::Line), "total", issue))?;
        Ok(())
    }

    /// What the order counts for in its customer's credit exposure now.
    fn counted_for_credit(&self) -> Money {
        if self.status.counts_for_credit() {
            self.totals.total
        } else {
            Money::ZERO
        }
    }

    /// The status the deliveries give a confirmed order: nothing out, some, or all.
    fn status_from_deliveries(&self) -> OrderStatus {
        let delivered: Qty = self.lines.iter().map(|l| l.delivered).sum();
        let ordered: Qty = self.lines.iter().map(|l| l.qty).sum();
        if delivered.is_zero() {
            OrderStatus::Confirmed
        } else if delivered >= ordered {
            OrderStatus::Delivered
        } else {
            OrderStatus::PartiallyDelivered
        }
    }

    /// The facts the confirmation rules look at: this order's total and lines priced below
    /// cost, and the customer's exposure without `counted` (what the order counted for in it).
    fn facts(&self, credit: &Credit, counted: Money) -> ConfirmationFacts {
        ConfirmationFacts {
            order_total: self.totals.total,
            credit_limit: credit.limit,
            exposure_before: credit.exposure - counted,
            below_cost: self.lines.iter().filter(|l| l.below_cost()).map(|l| l.sku.clone()).collect(),
        }
    }

    /// What the order reserves of its remainder from `shelf`: all of it when the shelf covers
    /// it (or the shop allows negative stock); when it does not, a refusal naming every product
    /// short — or, as a `backorder`, what the shelf has, the rest of each line waiting for
    /// stock (the last lines of a product wait first). Sets the lines' backordered quantities.
    fn hold(&mut self, shelf: &Shelf, backorder: Backorder) -> Result<Reservation, Error> {
        for l in &mut self.lines {
            l.backordered = Qty::ZERO;
        }
        let needs = self.remaining();
        match shelf.cover(&needs) {
            Ok(()) => Ok(needs),
            Err(short) if backorder == Backorder::No => Err(short.into()),
            Err(_) => {
                let mut held = Needs::new();
                for (pid, (sku, need)) in needs {
                    let free = shelf.free(&pid);
                    let take = if free < need { free } else { need };
                    let mut waits = need - take;
                    for l in self.lines.iter_mut().rev().filter(|l| l.product_id == pid) {
                        let w = if waits < l.remaining() { waits } else { l.remaining() };
                        l.backordered = w;
                        waits -= w;
                    }
                    held.insert(pid, (sku, take));
                }
                Ok(held)
            }
        }
    }

    /// Whether any line waits for stock.
    pub fn backordered(&self) -> bool {
        self.lines.iter().any(|l| l.backordered.is_positive())
    }

    /// Confirms a draft: the shelf must cover it (or, as a `backorder`, what it has is
    /// reserved and the rest waits for stock); then the credit, below-cost and threshold rules
    /// route it to `confirmed` (the returned reservation) or to `pending_approval` with the
    /// reasons (nothing reserved; the shelf is asked again at approval). A blocking rule refuses.
    pub fn confirm(&mut self, shelf: &Shelf, credit: &Credit, settings: &Settings, backorder: Backorder) -> Result<Reservation, Error> {
        self.require(OrderAction::Confirm)?;
        let needs = self.hold(shelf, backorder)?;
        self.retotal()?;
        let counted = self.counted_for_credit();
        match confirmation_route(&self.facts(credit, counted), settings)? {
            Route::Confirm => {
                self.status = OrderStatus::Confirmed;
                self.approval_reasons = Vec::new();
                Ok(needs)
            }
            Route::NeedsApproval(reasons) => {
                for l in &mut self.lines {
                    l.backordered = Qty::ZERO;
                }
                self.status = OrderStatus::PendingApproval;
                self.approval_reasons = reasons;
                Ok(Needs::new())
            }
        }
    }

    /// The owner approves an order waiting for approval: the shelf must cover it (or, as a
    /// `backorder`, the rest waits), and its remainder is reserved. The reasons stay recorded
    /// (the credit check at delivery reads them).
    pub fn approve(&mut self, shelf: &Shelf, backorder: Backorder) -> Result<Reservation, Error> {
        self.require(OrderAction::Approve)?;
        let needs = self.hold(shelf, backorder)?;
        self.retotal()?;
        self.status = OrderStatus::Confirmed;
        Ok(needs)
    }

    /// Stock came in: what waits for it on this order's lines of `product_id` is reserved, up
    /// to `free` (on hand less reserved), the first lines first. Returns the quantity newly
    /// reserved (the reservation to add); nothing unless the order holds a reservation.
    pub fn fill_backorder(&mut self, product_id: &str, free: Qty) -> Qty {
        if !self.status.holds_reservation() || !free.is_positive() {
            return Qty::ZERO;
        }
        let mut left = free;
        for l in self.lines.iter_mut().filter(|l| l.product_id == product_id) {
            let take = if left < l.backordered { left } else { l.backordered };
            l.backordered -= take;
            left -= take;
        }
        free - left
    }

    /// Changes lines, channel, promised date or notes. A line of a product already on the order
    /// keeps its line (and its delivered quantity; never below what was delivered or invoiced);
    /// new products get new lines (`new_id` names them). Once confirmed, a change passes the
    /// confirmation rules: a blocking rule refuses it, an approval rule lets only the owner
    /// (`owner`) raise the amount or add a below-cost line; an order waiting for approval takes
    /// the reasons anew. The reservation follows (increases need the shelf).
    pub fn change(
        &mut self,
        change: OrderChange,
        mut new_id: impl FnMut() -> String,
        shelf: &Shelf,
        credit: &Credit,
        settings: &Settings,
        owner: bool,
    ) -> Result<Reservation, Error> {
        self.require(OrderAction::Change)?;
        let before = self.clone();
        if let Some(inputs) = change.lines {
            self.lines = self.merge_lines(inputs, &mut new_id)?;
        }
        self.retotal()?;
        if self.status != OrderStatus::Draft {
            match confirmation_route(&self.facts(credit, before.counted_for_credit()), settings)? {
                Route::NeedsApproval(reasons) => {
                    let below_now = |l: &SalesLine| l.below_cost() && !before.lines.iter().any(|o| o.id == l.id && o.below_cost());
                    let raises = self.totals.total > before.totals.total || self.lines.iter().any(below_now);
                    if self.status == OrderStatus::PendingApproval {
                        self.approval_reasons = reasons;
                    } else if raises && !owner {
                        return Err(Problem::ChangeNeedsApproval.into());
                    }
                }
                Route::Confirm if self.status == OrderStatus::PendingApproval => self.approval_reasons = Vec::new(),
                Route::Confirm => {}
            }
        }
        for l in &mut self.lines {
            if l.backordered > l.remaining() {
                l.backordered = l.remaining();
            }
        }
        let mut reservation = Needs::new();
        if self.status.holds_reservation() {
            reservation = needs_delta(&before.reserved(), &self.reserved());
            shelf.cover(&reservation)?;
            self.status = self.status_from_deliveries();
        }
        if let Some(c) = change.channel {
            self.channel = c;
        }
        if let Some(d) = change.deliver_by {
            self.deliver_by = d;
        }
        if let Some(n) = change.notes {
            self.notes = n;
        }
        Ok(reservation)
    }

    fn merge_lines(&mut self, inputs: Vec<NewLine>, new_id: &mut impl FnMut() -> String) -> Result<Vec<SalesLine>, Error> {
        if inputs.is_empty() {
            return Err(Error::at(Problem::EmptyOrder, Field::new(FieldKey::Line)));
        }
        let m = self.mode();
        let mut unmatched: Vec<Option<SalesLine>> = self.lines.iter().cloned().map(Some).collect();
        let mut out = Vec::with_capacity(inputs.len());
        for (i, p) in inputs.into_iter().enumerate() {
            let row = i + 1;
            let found = unmatched.iter_mut().find(|o| o.as_ref().is_some_and(|o| o.product_id == p.product.id)).and_then(Option::take);
            let line = match found {
                Some(o) => {
                    if p.qty < o.delivered {
                        return Err(Error::at(
                            Problem::BelowDelivered { sku: o.sku.clone(), delivered: o.delivered },
                            Field::row(FieldKey::Qty, row),
                        ));
                    }
                    // an invoice that left the shop holds its quantities
                    if p.qty - o.returned < o.invoiced {
                        return Err(Error::at(
                            Problem::BelowInvoiced { sku: o.sku.clone(), invoiced: o.invoiced },
                            Field::row(FieldKey::Qty, row),
                        ));
                    }
                    // a cut takes from what waits for stock first
                    let cut = if p.qty < o.qty { o.qty - p.qty } else { Qty::ZERO };
                    let backordered = if cut < o.backordered { o.backordered - cut } else { Qty::ZERO };
                    let mut l = SalesLine { qty: p.qty, unit_price: p.unit_price, discount: p.discount, backordered, ..o };
                    l.amounts = l.amounts_of(p.qty, m).map_err(qty_issue(row, p.qty))?;
                    l
                }
                None => {
                    self.last_line_no += 1;
                    new_line(new_id(), row, self.last_line_no, p, m)?
                }
            };
            out.push(line);
        }
        for o in unmatched.into_iter().flatten() {
            if o.delivered.is_positive() {
                return Err(Error::at(Problem::BelowDelivered { sku: o.sku.clone(), delivered: o.delivered }, Field::new(FieldKey::Line)));
            }
            if o.invoiced.is_positive() {
                return Err(Error::at(Problem::BelowInvoiced { sku: o.sku.clone(), invoiced: o.invoiced }, Field::new(FieldKey::Line)));
            }
        }
        Ok(out)
    }

    /// Cancels with a reason. The reservation is released (returned, negative). A partly
    /// delivered order keeps what left the shop: lines are cut to their delivered quantities,
    /// undelivered ones go, and it ends `delivered`. What stays sold must still cover what
    /// invoices billed (credit them first).
    pub fn cancel(&mut self, reason: String) -> Result<(Cancellation, Reservation), Error> {
        self.require(OrderAction::Cancel)?;
        let partly = self.status == OrderStatus::PartiallyDelivered;
        for l in &self.lines {
            let stays = if partly { l.delivered - l.returned } else { Qty::ZERO };
            if l.invoiced > stays {
                return Err(Error::at(Problem::BelowInvoiced { sku: l.sku.clone(), invoiced: l.invoiced }, Field::new(FieldKey::Line)));
            }
        }
        let release = negate(&self.reserved());
        let how = if partly {
            let m = self.mode();
            let mut kept = Vec::with_capacity(self.lines.len());
            for l in self.lines.drain(..) {
                if l.delivered.is_zero() {
                    continue;
                }
                if l.delivered < l.qty {
                    let amounts = l.amounts_of(l.delivered, m).map_err(qty_issue(l.line_no as usize, l.delivered))?;
                    kept.push(SalesLine { qty: l.delivered, amounts, backordered: Qty::ZERO, ..l });
                } else {
                    kept.push(l);
                }
            }
            self.lines = kept;
            self.status = OrderStatus::Delivered;
            Cancellation::Remainder
        } else {
            for l in &mut self.lines {
                l.backordered = Qty::ZERO;
            }
            self.status = OrderStatus::Cancelled;
            Cancellation::Whole
        };
        self.retotal()?;
        self.cancel_reason = Some(reason);
        Ok((how, release))
    }

    /// The credit check at delivery: a customer whose credit used (less `cod`, money taken at
    /// the door) is over the limit gets goods only with the owner's word (policy `approval`,
    /// `approve` by an `owner`) or not at all (`block`). An order the owner approved over the
    /// limit goes out while the exposure is no higher than when approved. Returns whether the
    /// owner's word let it through.
    pub fn credit_at_delivery(&self, credit: &Credit, cod: Money, policy: Policy, approve: bool, owner: bool) -> Result<bool, Problem> {
        let Some(limit) = credit.limit else { return Ok(false) };
        let exposure = credit.exposure - cod;
        if exposure <= limit {
            return Ok(false);
        }
        let approved =
            self.approval_reasons.iter().any(|r| matches!(r, ApprovalReason::CreditLimit { exposure: at, .. } if exposure <= *at));
        if approved {
            return Ok(false);
        }
        match policy {
            Policy::Approval if approve && owner => Ok(true),
            Policy::Approval => Err(Problem::DeliveryOverCredit { limit, exposure, owner_may_approve: true }),
            Policy::Block => Err(Problem::DeliveryOverCredit { limit, exposure, owner_may_approve: false }),
            Policy::Allow => Ok(false),
        }
    }

    /// Delivers `wanted` (or everything remaining): the plan, checked against the shelf
    /// (unless negative stock is allowed): what the order reserved, and beyond it (what waits
    /// for stock) only what no other order holds; the lines' delivered quantities, what waits
    /// and the status follow. Returns the plan and the change of the reservation (negative:
    /// what the delivered quantities held), which the api writes with the movements it posts.
    pub fn deliver(&mut self, wanted: Option<&[Want]>, shelf: &Shelf) -> Result<(Vec<Take>, Reservation), Error> {
        self.require(OrderAction::Deliver)?;
        let open: Vec<(&str, Qty)> = self.lines.iter().map(|l| (l.product_id.as_str(), l.remaining())).collect();
        let takes = plan(Purpose::Deliver, &self.number, &open, wanted)?;
        if takes.is_empty() {
            return Err(Problem::NothingToDeliver { number: self.number.clone() }.into());
        }
        let before = self.reserved();
        if !shelf.allow_negative {
            let mut out: BTreeMap<&str, (&str, Qty)> = BTreeMap::new();
            for t in &takes {
                let l = &self.lines[t.line];
                out.entry(&l.product_id).or_insert((&l.sku, Qty::ZERO)).1 += t.qty;
            }
            let short = out.into_iter().filter_map(|(pid, (sku, qty))| {
                let own = before.get(pid).map_or(Qty::ZERO, |(_, q)| *q);
                let s = shelf.of(pid);
                let beyond = shelf.free(pid);
                let available = if s.on_hand < own + beyond { s.on_hand } else { own + beyond };
                (available < qty).then(|| crate::error::Shortage { sku: sku.to_string(), needed: qty, available })
            });
            super::stock::short_of(short)?;
        }
        for t in &takes {
            let l = &mut self.lines[t.line];
            // what was reserved goes out first; beyond it, what waited for stock
            let beyond = t.qty - l.reserved();
            if beyond.is_positive() {
                l.backordered -= beyond;
            }
            l.delivered += t.qty;
        }
        self.status = self.status_from_deliveries();
        self.retotal()?;
        Ok((takes, needs_delta(&before, &self.reserved())))
    }

    /// What a line can still be billed for: by default what was delivered; chosen lines up to
    /// what was ordered (only what was delivered once the order is cancelled); never what came
    /// back, less what invoices already billed.
    fn invoice_open(&self, l: &SalesLine, chosen: bool) -> Qty {
        let cap = if chosen && self.status != OrderStatus::Cancelled { l.qty } else { l.delivered };
        cap - l.returned - l.invoiced
    }

    /// An invoice: `wanted` (chosen lines) or every delivered quantity not yet billed, and what
    /// each part bills ([`SalesLine::invoice_share`]).
    pub fn invoice(&self, wanted: Option<&[Want]>) -> Result<Vec<InvoicePart>, Error> {
        self.require(OrderAction::Invoice)?;
        let chosen = wanted.is_some();
        let open: Vec<(&str, Qty)> = self.lines.iter().map(|l| (l.product_id.as_str(), self.invoice_open(l, chosen))).collect();
        let takes = plan(Purpose::Invoice, &self.number, &open, wanted)?;
        if takes.is_empty() {
            return Err(Problem::NothingToInvoice { number: self.number.clone() }.into());
        }
        let m = self.mode();
        takes
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let l = &self.lines[t.line];
                let amounts = l.invoice_share(t.qty, m).map_err(qty_issue(i + 1, t.qty))?;
                Ok(InvoicePart { line: t.line, qty: t.qty, amounts })
            })
            .collect()
    }

    /// A return of delivered goods: each row's product spread over its lines, up to what was
    /// delivered and has not come back, and each part's value ([`SalesLine::return_share`]).
    pub fn take_back(&self, wanted: &[Want]) -> Result<Vec<ReturnPart>, Error> {
        self.require(OrderAction::Return)?;
        if wanted.is_empty() {
            return Err(Error::at(Problem::Required, Field::new(FieldKey::Line)));
        }
        let open: Vec<(&str, Qty)> = self.lines.iter().map(|l| (l.product_id.as_str(), l.delivered - l.returned)).collect();
        let takes = plan(Purpose::Return, &self.number, &open, Some(wanted))?;
        let m = self.mode();
        let mut taken: Vec<(Qty, Money)> = vec![(Qty::ZERO, Money::ZERO); self.lines.len()];
        let mut parts = Vec::with_capacity(takes.len());
        for t in takes {
            let row = t.row.unwrap_or(1);
            let line = &self.lines[t.line];
            let total = line.return_share(t.qty, taken[t.line], m).map_err(qty_issue(row, t.qty))?;
            taken[t.line].0 += t.qty;
            taken[t.line].1 += total;
            parts.push(ReturnPart { line: t.line, row, qty: t.qty, total });
        }
        Ok(parts)
    }

    /// After a return of `parts`: how much of each line (by id) invoices billed beyond what the
    /// customer keeps (`qty − returned`), to be credited.
    pub fn over_billed(&self, parts: &[ReturnPart]) -> BTreeMap<String, Qty> {
        let mut back: BTreeMap<usize, Qty> = BTreeMap::new();
        for p in parts {
            *back.entry(p.line).or_insert(Qty::ZERO) += p.qty;
        }
        back.into_iter()
            .filter_map(|(i, back)| {
                let l = &self.lines[i];
                let keeps = l.qty - l.returned - back;
                (l.invoiced > keeps).then(|| (l.id.clone(), l.invoiced - keeps))
            })
            .collect()
    }

    /// What a refund for a return worth `value` pays back: what the customer had paid beyond
    /// what is due once the goods are back, at most the return's value.
    pub fn refund_for_return(&self, value: Money) -> Money {
        let due_after = order_due(self.status, self.totals.total, self.returned + value, self.imported());
        (self.received - due_after).max(Money::ZERO).min(value)
    }
}
