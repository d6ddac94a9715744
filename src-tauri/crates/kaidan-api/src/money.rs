//! Money: receipts, refunds and reversals, matching (核销) receipts to invoices, the customer's
//! account, statements and AR aging.
//!
//! A receipt is matched when it is recorded: to the invoices named, else to the order's open
//! invoices (a deposit on an order waits for that order's invoice), else first-in-first-out to
//! the customer's open invoices by due date. What is left stays on the customer's account as
//! credit: it pays the next invoice issued to the customer, is matched by hand (`allocate`), or
//! is refunded. Money paid on an order (a deposit) pays only that order's invoices unless it is
//! matched by hand.
//!
//! Refunds are paid out of receipts' unmatched money (the receipts they come from are recorded),
//! so every receipt always knows what of it is still the customer's credit. Payments and
//! matches are never changed: a mistaken receipt or refund is reversed by a reversing entry and
//! its matches are taken back by negative matches.

use chrono::Datelike;
use kaidan_core::model::{Account, Aging, AgingRow, OverdueInvoice, PayMethod, Payment, PaymentKind, Statement};
use kaidan_core::validate;
use kaidan_core::Action;
use kaidan_core::{AuditAction, AuditEntity, Series};
use kaidan_core::{Entity, Error, Field, FieldKey, Money, Problem, Sign};
use kaidan_store::{Db, OpenInvoice, PaymentWrite, Pool, Target, Unallocated};
use serde::{Deserialize, Serialize};

use crate::{Actor, Ctx, Shop};

/// Money received (or, with `Shop::refund`, paid back).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct PayInput {
    /// Name, phone or id.
    pub customer: String,
    pub amount: String,
    /// cash, bank, wechat, alipay, card, other (现金, 转账, 微信, 支付宝, 刷卡, 其他).
    pub method: String,
    /// YYYY-MM-DD (default today).
    pub date: Option<String>,
    pub reference: Option<String>,
    /// A receipt: a deposit on this order (it pays the order's invoices, now or when issued).
    /// A refund: pay back this order's deposit.
    pub order: Option<String>,
    /// Allocate to these invoices, in this order.
    pub invoices: Option<Vec<String>>,
    pub note: Option<String>,
}

/// A match made by hand: this much of a receipt to an invoice (or, with `undo`, the match
/// taken back).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct AllocateInput {
    pub customer: String,
    /// The receipt (RC-…); without it, the customer's credit is matched oldest due first.
    pub payment: Option<String>,
    pub invoice: Option<String>,
    /// Default: as much as both sides allow (with `undo`: the whole match).
    pub amount: Option<String>,
    pub undo: Option<bool>,
}

/// One match written by `allocate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Allocated {
    pub payment: String,
    pub invoice: String,
    /// Negative: a match taken back.
    pub amount: Money,
}

/// What `allocate` did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct AllocateResult {
    /// The net amount matched (negative when a match was taken back).
    pub allocated: Money,
    pub allocations: Vec<Allocated>,
    /// The customer's unallocated credit afterwards.
    pub unallocated: Money,
}

pub(crate) fn parse_method(text: &str) -> Result<PayMethod, Error> {
    PayMethod::parse(text).ok_or_else(|| {
        Error::at(
            Problem::BadChoice { text: text.to_string(), allowed: PayMethod::ALL.iter().map(|m| m.as_str().to_string()).collect() },
            Field::new(FieldKey::Method),
        )
    })
}

fn customer_field(e: Error) -> Error {
    Error { field: Some(Field::new(FieldKey::Customer)), ..e }
}

/// Matches receipt money to invoices, invoice by invoice in the order given: each invoice
/// takes from the receipts allowed to pay it (`may_pay`), oldest first. Returns the matches.
fn settle(
    db: &Db,
    a: &Actor,
    sources: &mut [Unallocated],
    invoices: &mut [OpenInvoice],
    may_pay: impl Fn(&Unallocated, &OpenInvoice) -> bool,
) -> Result<Vec<(String, String, Money)>, Error> {
    let mut done = Vec::new();
    for inv in invoices.iter_mut() {
        for src in sources.iter_mut() {
            if !inv.open.is_positive() {
                break;
            }
            if !src.unallocated.is_positive() || !may_pay(src, inv) {
                continue;
            }
            let take = src.unallocated.min(inv.open);
            db.insert_allocation(&a.stamp, &src.id, Target::Invoice(&inv.id), take)?;
            src.unallocated -= take;
            inv.open -= take;
            done.push((src.number.clone(), inv.number.clone(), take));
        }
    }
    Ok(done)
}

/// Deposits pay their own order's invoices; money paid on no order pays any.
fn own_or_general(src: &Unallocated, inv: &OpenInvoice) -> bool {
    src.order_id.as_deref().is_none_or(|o| o == inv.order_id)
}

/// First-in-first-out: the customer's unmatched receipts to their open invoices, oldest due
/// first (deposits only to their own order's invoices). With `order_id`, only that order's
/// invoices, paid by its deposits first and then by money paid on no order.
pub(crate) fn auto_allocate(db: &Db, a: &Actor, customer_id: &str, order_id: Option<&str>) -> Result<Vec<(String, String, Money)>, Error> {
    let mut invoices: Vec<OpenInvoice> = db.open_invoices(customer_id)?;
    if let Some(o) = order_id {
        invoices.retain(|i| i.order_id == o);
    }
    if invoices.is_empty() {
        return Ok(Vec::new());
    }
    let mut sources = db.unallocated_payments(customer_id, Pool::Any)?;
    // the invoice's own deposits before money paid on no order (a stable sort keeps age order)
    if let Some(o) = order_id {
        sources.sort_by_key(|s| s.order_id.as_deref() != Some(o));
    }
    settle(db, a, &mut sources, &mut invoices, own_or_general)
}

/// After a credit note: money settled on the invoice beyond what it is now worth goes back to
/// the receipts (latest first), so it is the customer's credit again.
pub(crate) fn release_overpaid(db: &Db, a: &Actor, invoice_number: &str) -> Result<(), Error> {
    let (inv, _) = db.open_invoice(invoice_number)?;
    let mut excess = -inv.open;
    if !excess.is_positive() {
        return Ok(());
    }
    for (payment_id, settled) in db.allocations_to(&inv.id)? {
        let back = settled.min(excess);
        db.insert_allocation(&a.stamp, &payment_id, Target::Invoice(&inv.id), -back)?;
        excess -= back;
        if !excess.is_positive() {
            break;
        }
    }
    Ok(())
}

fn date_or_today(a: &Actor, text: Option<&str>) -> Result<chrono::NaiveDate, Error> {
    match text.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => validate::date(Field::new(FieldKey::Date), d),
        None => Ok(a.today),
    }
}

/// Records a receipt and matches it. `order_id`: a deposit or cash on delivery on that order.
#[allow(clippy::too_many_arguments)]
pub(crate) fn receive(
    db: &Db,
    a: &Actor,
    customer_id: &str,
    amount: Money,
    method: PayMethod,
    paid_on: &str,
    reference: Option<&str>,
    order_id: Option<&str>,
    named: Vec<OpenInvoice>,
    note: Option<&str>,
) -> Result<Payment, Error> {
    let number = db.next_number(&a.stamp, Series::Payment, a.today.year())?;
    let id = kaidan_store::new_id(a.stamp.at);
    db.insert_payment(
        &a.stamp,
        &PaymentWrite {
            id: &id,
            number: &number,
            kind: PaymentKind::Receipt,
            customer_id,
            method,
            paid_on,
            amount,
            reference,
            order_id,
            reverses_id: None,
            return_id: None,
            note,
        },
    )?;
    let mut source =
        vec![Unallocated { id: id.clone(), number: number.clone(), order_id: order_id.map(String::from), unallocated: amount }];
    let mut invoices = if !named.is_empty() {
        named
    } else {
        let mut all = db.open_invoices(customer_id)?;
        if let Some(o) = order_id {
            all.retain(|i| i.order_id == o);
        }
        all
    };
    settle(db, a, &mut source, &mut invoices, |_, _| true)?;
    let after = serde_json::json!({ "number": number, "amount": amount.to_string(), "method": method.as_str(), "paid_on": paid_on });
    recorded(db, a, (&id, &number), AuditAction::Receive, after)
}

/// A payment just written: its audit entry, and the payment as read back.
fn recorded(db: &Db, a: &Actor, (id, number): (&str, &str), action: AuditAction, after: serde_json::Value) -> Result<Payment, Error> {
    db.audit(&a.stamp, AuditEntity::Payment, id, action, None, Some(&after))?;
    db.payment(number)
}

pub(crate) fn pay(db: &Db, a: &Actor, input: &PayInput) -> Result<Payment, Error> {
    let customer = db.resolve_customer(&input.customer).map_err(customer_field)?;
    let amount = validate::money(Field::new(FieldKey::Amount), &input.amount, Sign::Positive)?;
    let method = parse_method(&input.method)?;
    let date = date_or_today(a, input.date.as_deref())?;
    let reference = validate::opt_text(FieldKey::Reference, input.reference.as_deref(), 200)?;
    let note = validate::opt_text(FieldKey::Notes, input.note.as_deref(), 500)?;
    let order = match input.order.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        Some(number) => {
            let head = db.order_head(number).map_err(|e| Error { field: Some(Field::new(FieldKey::Order)), ..e })?;
            // the order's state allows money on it (not once cancelled): the same rule the window offers
            head.status.require(&head.number, kaidan_core::OrderAction::Pay).map_err(|p| Error::at(p, Field::new(FieldKey::Order)))?;
            if head.customer_id != customer.id {
                return Err(Error::at(
                    Problem::NotFound { what: Entity::Order, key: format!("{number} / {}", customer.name) },
                    Field::new(FieldKey::Order),
                ));
            }
            Some(head.id)
        }
        None => None,
    };
    // the invoices named, checked before anything is written
    let mut named = Vec::new();
    for (i, number) in input.invoices.iter().flatten().enumerate() {
        let (inv, owner) = db.open_invoice(number.trim()).map_err(|e| Error { field: Some(Field::row(FieldKey::Invoice, i + 1)), ..e })?;
        if owner != customer.id {
            return Err(Error::at(
                Problem::NotFound { what: Entity::Invoice, key: format!("{number} / {}", customer.name) },
                Field::row(FieldKey::Invoice, i + 1),
            ));
        }
        named.push(inv);
    }
    receive(db, a, &customer.id, amount, method, &date.to_string(), reference.as_deref(), order.as_deref(), named, note.as_deref())
}

/// Pays money back to the customer out of unmatched receipt money: from `pool` only when it is
/// an order's deposits, else money paid on no order first and then deposits, oldest first.
#[allow(clippy::too_many_arguments)]
pub(crate) fn pay_back(
    db: &Db,
    a: &Actor,
    customer_id: &str,
    amount: Money,
    method: PayMethod,
    pool: Pool<'_>,
    return_id: Option<&str>,
    reference: Option<&str>,
    note: Option<&str>,
) -> Result<Payment, Error> {
    let mut sources = db.unallocated_payments(customer_id, pool)?;
    sources.sort_by_key(|s| s.order_id.is_some());
    let available: Money = sources.iter().map(|s| s.unallocated).sum();
    if amount > available {
        return Err(Error::at(Problem::NotEnoughCredit { available, asked: amount }, Field::new(FieldKey::Amount)));
    }
    let number = db.next_number(&a.stamp, Series::Payment, a.today.year())?;
    let id = kaidan_store::new_id(a.stamp.at);
    db.insert_payment(
        &a.stamp,
        &PaymentWrite {
            id: &id,
            number: &number,
            kind: PaymentKind::Refund,
            customer_id,
            method,
            paid_on: &a.today.to_string(),
            amount: -amount,
            reference,
            order_id: None,
            reverses_id: None,
            return_id,
            note,
        },
    )?;
    let mut left = amount;
    for s in &sources {
        let take = s.unallocated.min(left);
        if take.is_positive() {
            db.insert_allocation(&a.stamp, &s.id, Target::Refund(&id), take)?;
            left -= take;
        }
    }
    let after = serde_json::json!({ "number": number, "amount": (-amount).to_string(), "method": method.as_str() });
    recorded(db, a, (&id, &number), AuditAction::Refund, after)
}

pub(crate) fn refund(db: &Db, a: &Actor, input: &PayInput) -> Result<Payment, Error> {
    let customer = db.resolve_customer(&input.customer).map_err(customer_field)?;
    let amount = validate::money(Field::new(FieldKey::Amount), &input.amount, Sign::Positive)?;
    let method = parse_method(&input.method)?;
    let reference = validate::opt_text(FieldKey::Reference, input.reference.as_deref(), 200)?;
    let note = validate::opt_text(FieldKey::Notes, input.note.as_deref(), 500)?;
    let order = match input.order.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        Some(number) => Some(db.order_head(number).map_err(|e| Error { field: Some(Field::new(FieldKey::Order)), ..e })?.id),
        None => None,
    };
    let pool = order.as_deref().map(Pool::Order).unwrap_or(Pool::Any);
    pay_back(db, a, &customer.id, amount, method, pool, None, reference.as_deref(), note.as_deref())
}

/// The day a reversal is dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReversalDay {
    /// Today: a correction is dated when it is made.
    Today,
    /// The day of the payment it undoes: an import undone, whose receipts (dated on the online
    /// shop's days) are taken back as if the import had never been — the money of those days
    /// nets to nothing and today's is not touched.
    OfThePayment,
}

pub(crate) fn reverse(db: &Db, a: &Actor, number: &str, reason: &str, day: ReversalDay) -> Result<Payment, Error> {
    let reason = validate::text(FieldKey::Reason, reason, 500, true)?;
    let original = db.payment(number)?;
    if original.kind == PaymentKind::Reversal || db.is_reversed(&original.id)? {
        return Err(Problem::AlreadyReversed { number: original.number }.into());
    }
    if original.kind == PaymentKind::Receipt && original.refunded.is_positive() {
        return Err(Problem::ReceiptRefunded { number: original.number }.into());
    }
    let rc = db.next_number(&a.stamp, Series::Payment, a.today.year())?;
    let id = kaidan_store::new_id(a.stamp.at);
    db.insert_payment(
        &a.stamp,
        &PaymentWrite {
            id: &id,
            number: &rc,
            kind: PaymentKind::Reversal,
            customer_id: &original.customer_id,
            method: original.method,
            paid_on: &match day {
                ReversalDay::Today => a.today.to_string(),
                ReversalDay::OfThePayment => original.date.clone(),
            },
            amount: -original.amount,
            reference: original.reference.as_deref(),
            order_id: None,
            reverses_id: Some(&original.id),
            return_id: None,
            note: Some(&reason),
        },
    )?;
    match original.kind {
        PaymentKind::Receipt => {
            // the invoices it settled are open again, and the whole receipt goes back out
            for alloc in &original.allocations {
                let (inv, _) = db.open_invoice(&alloc.invoice)?;
                db.insert_allocation(&a.stamp, &original.id, Target::Invoice(&inv.id), -alloc.amount)?;
            }
            db.insert_allocation(&a.stamp, &original.id, Target::Refund(&id), original.amount)?;
        }
        _ => {
            // a refund undone: the receipts it was paid from have that money again
            for (receipt, amount) in db.refund_sources(&original.id)? {
                db.insert_allocation(&a.stamp, &receipt, Target::Refund(&original.id), -amount)?;
            }
        }
    }
    let after = serde_json::json!({ "reversal": rc, "reason": reason });
    recorded(db, a, (&original.id, &rc), AuditAction::Reverse, after)
}

fn allocate(db: &Db, a: &Actor, input: &AllocateInput) -> Result<AllocateResult, Error> {
    let customer = db.resolve_customer(&input.customer).map_err(customer_field)?;
    let payment = input.payment.as_deref().map(str::trim).filter(|p| !p.is_empty());
    let invoice = input.invoice.as_deref().map(str::trim).filter(|p| !p.is_empty());
    let amount = input.amount.as_deref().map(|t| validate::money(Field::new(FieldKey::Amount), t, Sign::Positive)).transpose()?;
    let done: Vec<(String, String, Money)> = match (payment, invoice) {
        (None, None) => {
            if amount.is_some() || input.undo.unwrap_or(false) {
                return Err(Error::at(Problem::Required, Field::new(FieldKey::Payment)));
            }
            auto_allocate(db, a, &customer.id, None)?
        }
        (Some(_), None) => return Err(Error::at(Problem::Required, Field::new(FieldKey::Invoice))),
        (None, Some(_)) => return Err(Error::at(Problem::Required, Field::new(FieldKey::Payment))),
        (Some(p), Some(i)) => {
            let pay = db.payment(p).map_err(|e| Error { field: Some(Field::new(FieldKey::Payment)), ..e })?;
            let not_theirs = |what, key: &str| Problem::NotFound { what, key: format!("{key} / {}", customer.name) };
            if pay.customer_id != customer.id || pay.kind != PaymentKind::Receipt {
                return Err(Error::at(not_theirs(Entity::Payment, p), Field::new(FieldKey::Payment)));
            }
            let (inv, owner) = db.open_invoice(i).map_err(|e| Error { field: Some(Field::new(FieldKey::Invoice)), ..e })?;
            if owner != customer.id {
                return Err(Error::at(not_theirs(Entity::Invoice, i), Field::new(FieldKey::Invoice)));
            }
            if input.undo.unwrap_or(false) {
                let matched = pay.allocations.iter().find(|l| l.invoice == inv.number).map(|l| l.amount).unwrap_or(Money::ZERO);
                let back = amount.unwrap_or(matched);
                if back > matched || !back.is_positive() {
                    return Err(Error::at(
                        Problem::OverAllocation { invoice: inv.number.clone(), open: matched, asked: back },
                        Field::new(FieldKey::Amount),
                    ));
                }
                db.insert_allocation(&a.stamp, &pay.id, Target::Invoice(&inv.id), -back)?;
                vec![(pay.number, inv.number, -back)]
            } else {
                let take = amount.unwrap_or_else(|| pay.unallocated.min(inv.open));
                if take > pay.unallocated || !take.is_positive() {
                    return Err(Error::at(
                        Problem::NotEnoughCredit { available: pay.unallocated.max(Money::ZERO), asked: take },
                        Field::new(FieldKey::Amount),
                    ));
                }
                if take > inv.open {
                    return Err(Error::at(
                        Problem::OverAllocation { invoice: inv.number.clone(), open: inv.open, asked: take },
                        Field::new(FieldKey::Amount),
                    ));
                }
                db.insert_allocation(&a.stamp, &pay.id, Target::Invoice(&inv.id), take)?;
                vec![(pay.number, inv.number, take)]
            }
        }
    };
    if !done.is_empty() {
        db.audit(
            &a.stamp,
            AuditEntity::Customer,
            &customer.id,
            AuditAction::Allocate,
            None,
            Some(&serde_json::json!(done
                .iter()
                .map(|(p, i, m)| serde_json::json!({ "payment": p, "invoice": i, "amount": m.to_string() }))
                .collect::<Vec<_>>())),
        )?;
    }
    Ok(AllocateResult {
        allocated: done.iter().map(|(_, _, m)| *m).sum(),
        allocations: done.into_iter().map(|(payment, invoice, amount)| Allocated { payment, invoice, amount }).collect(),
        unallocated: db.customer_credit(&customer.id)?,
    })
}

fn account(db: &Db, customer: &str, as_of: chrono::NaiveDate) -> Result<Account, Error> {
    let c = db.resolve_customer(customer).map_err(customer_field)?;
    let facts = db.account_facts(&c.id, &as_of.to_string())?;
    let position = db.credit_position(&c.id, c.credit_limit)?;
    Ok(Account {
        customer: c.name,
        customer_id: c.id,
        balance: facts.balance,
        credit_limit: c.credit_limit,
        credit_used: position.exposure,
        credit_left: position.credit_left,
        unallocated: facts.unallocated,
        overdue: facts.invoices.iter().filter(|i| i.days_overdue > 0).map(|i| i.open).sum(),
        invoices: facts.invoices,
    })
}

pub(crate) fn statement(db: &Db, customer: &str, from: chrono::NaiveDate, to: chrono::NaiveDate) -> Result<Statement, Error> {
    if to < from {
        return Err(Error::at(Problem::BadDate { text: format!("{from} – {to}") }, Field::new(FieldKey::To)));
    }
    let c = db.resolve_customer(customer).map_err(customer_field)?;
    let (from, to) = (from.to_string(), to.to_string());
    let opening = db.balance_before(&c.id, &from)?;
    let rows = db.statement_rows(&c.id, &from, &to, opening)?;
    let debits: Money = rows.iter().map(|r| r.debit).sum();
    let credits: Money = rows.iter().map(|r| r.credit).sum();
    Ok(Statement { customer: c.name, customer_id: c.id, from, to, opening, rows, debits, credits, closing: opening + debits - credits })
}

impl Shop {
    /// Records money received and matches it (see the module's rules).
    pub fn pay(&mut self, ctx: &Ctx, input: &PayInput) -> Result<Payment, Error> {
        self.write(ctx, "payment.receive", input, |db, a| {
            a.require(Action::ReceivePayments)?;
            pay(db, a, input)
        })
    }

    /// Pays unmatched money back to the customer (a negative payment).
    pub fn refund(&mut self, ctx: &Ctx, input: &PayInput) -> Result<Payment, Error> {
        self.write(ctx, "payment.refund", input, |db, a| {
            a.require(Action::Refund)?;
            refund(db, a, input)
        })
    }

    /// Reverses a mistaken receipt or refund: a reversing entry, and its matches taken back.
    pub fn reverse_payment(&mut self, ctx: &Ctx, number: &str, reason: &str) -> Result<Payment, Error> {
        let number = number.trim().to_string();
        self.write(ctx, "payment.reverse", &(&number, reason), |db, a| {
            a.require(Action::Refund)?;
            reverse(db, a, &number, reason, ReversalDay::Today)
        })
    }

    /// Matches a customer's credit to their open invoices, oldest due first; or, with a
    /// payment and an invoice, that match by hand (or, with `undo`, takes it back).
    pub fn allocate(&mut self, ctx: &Ctx, input: &AllocateInput) -> Result<AllocateResult, Error> {
        self.write(ctx, "payment.allocate", input, |db, a| {
            a.require(Action::ReceivePayments)?;
            allocate(db, a, input)
        })
    }

    pub fn payment(&self, number: &str) -> Result<Payment, Error> {
        self.read(|db| db.payment(number.trim()))
    }

    /// The customer's account as of `as_of` (days overdue are counted to that day).
    pub fn account(&self, customer: &str, as_of: chrono::NaiveDate) -> Result<Account, Error> {
        self.read(|db| account(db, customer, as_of))
    }

    /// The customer's statement (对账单) for `from..=to`.
    pub fn statement(&self, customer: &str, from: chrono::NaiveDate, to: chrono::NaiveDate) -> Result<Statement, Error> {
        self.read(|db| statement(db, customer, from, to))
    }

    /// The payments of an order (paid on it, matched to its invoices, refunds for its
    /// returns, and their reversals), oldest first.
    pub fn payments_of_order(&self, order: &str) -> Result<Vec<Payment>, Error> {
        self.read(|db| {
            let head = db.order_head(order.trim())?;
            db.payments_of_order(&head.id)?.iter().map(|n| db.payment(n)).collect()
        })
    }

    /// Open invoices past due as of `as_of`, the longest overdue first.
    pub fn overdue(&self, as_of: chrono::NaiveDate, limit: u32) -> Result<Vec<OverdueInvoice>, Error> {
        self.read(|db| db.overdue_invoices(&as_of.to_string(), limit.clamp(1, 1000)))
    }

    /// AR aging (current, 1–30, 31–60, 61–90, 90+ days past due) of every customer with a balance.
    pub fn aging(&self, as_of: chrono::NaiveDate) -> Result<Aging, Error> {
        self.read(|db| {
            let rows = db.aging(&as_of.to_string())?;
            let mut totals = AgingRow::zero(String::new(), String::new());
            for r in &rows {
                totals.add(r);
            }
            Ok(Aging { as_of: as_of.to_string(), rows, totals })
        })
    }
}
