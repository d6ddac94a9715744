//! Money: receipts, refunds and reversals, allocation to invoices (核销), the customer's account
//! and AR aging.
//!
//! A receipt is allocated when it is recorded: to the invoices named, else to the order's open
//! invoices (a deposit on an order waits for that order's invoice), else first-in-first-out to
//! the customer's open invoices by due date. What is left stays on the customer's account as
//! credit, allocated later (`allocate`) or refunded. Payments and allocations are never changed:
//! a mistaken receipt is reversed (its allocations are taken back by negative allocations).

use chrono::Datelike;
use kaidan_core::model::{Account, Aging, AgingRow, PayMethod, Payment, PaymentKind};
use kaidan_core::validate;
use kaidan_core::{Error, Field, FieldKey, Money, Problem, Sign};
use kaidan_store::{Db, OpenInvoice, PaymentWrite};
use serde::{Deserialize, Serialize};

use crate::{Actor, Ctx, Shop};

/// Money received (or, with `refund`, paid back).
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
    /// A deposit on this order (allocated to its invoices, now or when issued).
    pub order: Option<String>,
    /// Allocate to these invoices, in this order.
    pub invoices: Option<Vec<String>>,
    pub note: Option<String>,
}

fn parse_method(text: &str) -> Result<PayMethod, Error> {
    PayMethod::parse(text).ok_or_else(|| {
        Error::at(
            Problem::BadChoice { text: text.to_string(), allowed: PayMethod::ALL.iter().map(|m| m.as_str().to_string()).collect() },
            Field::new(FieldKey::Method),
        )
    })
}

/// The customer's unallocated credit: what was paid beyond what is allocated, less refunds.
fn credit_of(db: &Db, customer_id: &str) -> Result<Money, Error> {
    let facts = db.account_facts(customer_id, "9999-12-31")?;
    Ok(facts.open_total - facts.balance)
}

/// Allocates up to `available` from the given receipts to the given invoices, in order.
/// Returns what was allocated.
fn settle(db: &Db, a: &Actor, sources: &mut [(String, Money)], invoices: &mut [OpenInvoice], available: Money) -> Result<Money, Error> {
    let mut left = available;
    let mut done = Money::ZERO;
    for inv in invoices.iter_mut() {
        for (payment_id, unallocated) in sources.iter_mut() {
            if !left.is_positive() || !inv.open.is_positive() {
                break;
            }
            let take = (*unallocated).min(inv.open).min(left);
            if take.is_positive() {
                db.insert_allocation(&a.stamp, payment_id, &inv.id, take)?;
                *unallocated -= take;
                inv.open -= take;
                left -= take;
                done += take;
            }
        }
    }
    Ok(done)
}

/// First-in-first-out: the customer's unallocated receipts to their open invoices (of one order
/// when `order_id` is given: a deposit moving to its order's invoice).
pub(crate) fn auto_allocate(db: &Db, a: &Actor, customer_id: &str, order_id: Option<&str>) -> Result<Money, Error> {
    let credit = credit_of(db, customer_id)?;
    if !credit.is_positive() {
        return Ok(Money::ZERO);
    }
    let mut invoices: Vec<OpenInvoice> = db.open_invoices(customer_id)?;
    if let Some(o) = order_id {
        invoices.retain(|i| i.order_id == o);
    }
    let mut sources: Vec<(String, Money)> = db
        .unallocated_payments(customer_id, None)?
        .into_iter()
        // with an order: only the deposits paid on it
        .filter(|u| order_id.is_none() || u.order_id.as_deref() == order_id)
        .map(|u| (u.id, u.unallocated))
        .collect();
    settle(db, a, &mut sources, &mut invoices, credit)
}

/// After a credit note: money settled on the invoice beyond what it is now worth goes back to
/// the payments (latest first), so it is the customer's credit again.
pub(crate) fn release_overpaid(db: &Db, a: &Actor, invoice_number: &str) -> Result<(), Error> {
    let (inv, _) = db.open_invoice(invoice_number)?;
    let mut excess = -inv.open;
    if !excess.is_positive() {
        return Ok(());
    }
    for (payment_id, settled) in db.allocations_to(&inv.id)? {
        let back = settled.min(excess);
        db.insert_allocation(&a.stamp, &payment_id, &inv.id, -back)?;
        excess -= back;
        if !excess.is_positive() {
            break;
        }
    }
    Ok(())
}

pub(crate) fn pay(db: &Db, a: &Actor, input: &PayInput) -> Result<Payment, Error> {
    let customer = db.resolve_customer(&input.customer).map_err(|e| Error { field: Some(Field::new(FieldKey::Customer)), ..e })?;
    let amount = validate::money(Field::new(FieldKey::Amount), &input.amount, Sign::Positive)?;
    let method = parse_method(&input.method)?;
    let date = match input.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => validate::date(Field::new(FieldKey::OrderDate), d)?,
        None => a.today,
    };
    let reference = input.reference.as_deref().map(|r| validate::text(FieldKey::Notes, r, 200, false)).transpose()?;
    let note = input.note.as_deref().map(|r| validate::text(FieldKey::Notes, r, 500, false)).transpose()?;
    let order = match input.order.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        Some(number) => {
            let head = db.order_head(number).map_err(|e| Error { field: Some(Field::new(FieldKey::Line)), ..e })?;
            if head.customer_id != customer.id {
                return Err(Error::at(
                    Problem::NotFound { what: kaidan_core::Entity::Order, key: format!("{number} / {}", customer.name) },
                    Field::new(FieldKey::Line),
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
                Problem::NotFound { what: kaidan_core::Entity::Invoice, key: format!("{number} / {}", customer.name) },
                Field::row(FieldKey::Invoice, i + 1),
            ));
        }
        named.push(inv);
    }
    let number = db.next_number(&a.stamp, "RC", "RC", a.today.year())?;
    let id = kaidan_store::new_id(a.stamp.at);
    let paid_on = date.to_string();
    db.insert_payment(
        &a.stamp,
        &PaymentWrite {
            id: &id,
            number: &number,
            kind: PaymentKind::Receipt,
            customer_id: &customer.id,
            method,
            paid_on: &paid_on,
            amount,
            reference: reference.as_deref(),
            order_id: order.as_deref(),
            reverses_id: None,
            note: note.as_deref(),
        },
    )?;
    let mut source = vec![(id.clone(), amount)];
    if !named.is_empty() {
        settle(db, a, &mut source, &mut named, amount)?;
    } else {
        let mut invoices = db.open_invoices(&customer.id)?;
        if let Some(o) = &order {
            invoices.retain(|i| &i.order_id == o);
        }
        settle(db, a, &mut source, &mut invoices, amount)?;
    }
    db.audit(
        &a.stamp,
        "payment",
        &id,
        "receive",
        None,
        Some(&serde_json::json!({ "number": number, "customer": customer.name, "amount": amount.to_string(), "method": method.as_str() })),
        a.request_id.as_deref(),
    )?;
    db.payment(&number)
}

pub(crate) fn refund(db: &Db, a: &Actor, input: &PayInput) -> Result<Payment, Error> {
    let customer = db.resolve_customer(&input.customer).map_err(|e| Error { field: Some(Field::new(FieldKey::Customer)), ..e })?;
    let amount = validate::money(Field::new(FieldKey::Amount), &input.amount, Sign::Positive)?;
    let method = parse_method(&input.method)?;
    let available = credit_of(db, &customer.id)?;
    if amount > available {
        return Err(Error::at(
            Problem::NotEnoughCredit { available: if available.is_negative() { Money::ZERO } else { available }, asked: amount },
            Field::new(FieldKey::Amount),
        ));
    }
    let number = db.next_number(&a.stamp, "RC", "RC", a.today.year())?;
    let id = kaidan_store::new_id(a.stamp.at);
    let reference = input.reference.as_deref().map(|r| validate::text(FieldKey::Notes, r, 200, false)).transpose()?;
    let note = input.note.as_deref().map(|r| validate::text(FieldKey::Notes, r, 500, false)).transpose()?;
    db.insert_payment(
        &a.stamp,
        &PaymentWrite {
            id: &id,
            number: &number,
            kind: PaymentKind::Refund,
            customer_id: &customer.id,
            method,
            paid_on: &a.today.to_string(),
            amount: -amount,
            reference: reference.as_deref(),
            order_id: None,
            reverses_id: None,
            note: note.as_deref(),
        },
    )?;
    db.audit(
        &a.stamp,
        "payment",
        &id,
        "refund",
        None,
        Some(&serde_json::json!({ "number": number, "amount": (-amount).to_string() })),
        a.request_id.as_deref(),
    )?;
    db.payment(&number)
}

pub(crate) fn reverse(db: &Db, a: &Actor, number: &str, reason: &str) -> Result<Payment, Error> {
    let reason = validate::text(FieldKey::Reason, reason, 500, true)?;
    let original = db.payment(number)?;
    if original.kind == PaymentKind::Reversal || db.is_reversed(&original.id)? {
        return Err(Problem::AlreadyReversed { number: original.number }.into());
    }
    // a receipt's unallocated money must still be on the account (not refunded meanwhile)
    let credit = credit_of(db, &original.customer_id)?;
    if original.unallocated.is_positive() && original.unallocated > credit {
        return Err(Problem::NotEnoughCredit {
            available: if credit.is_negative() { Money::ZERO } else { credit },
            asked: original.unallocated,
        }
        .into());
    }
    let rc = db.next_number(&a.stamp, "RC", "RC", a.today.year())?;
    let id = kaidan_store::new_id(a.stamp.at);
    db.insert_payment(
        &a.stamp,
        &PaymentWrite {
            id: &id,
            number: &rc,
            kind: PaymentKind::Reversal,
            customer_id: &original.customer_id,
            method: original.method,
            paid_on: &a.today.to_string(),
            amount: -original.amount,
            reference: original.reference.as_deref(),
            order_id: None,
            reverses_id: Some(&original.id),
            note: Some(&reason),
        },
    )?;
    // the invoices it settled are open again
    for alloc in &original.allocations {
        let (inv, _) = db.open_invoice(&alloc.invoice)?;
        db.insert_allocation(&a.stamp, &original.id, &inv.id, -alloc.amount)?;
    }
    db.audit(
        &a.stamp,
        "payment",
        &original.id,
        "reverse",
        None,
        Some(&serde_json::json!({ "reversal": rc, "reason": reason })),
        a.request_id.as_deref(),
    )?;
    db.payment(&rc)
}

impl Shop {
    /// Records money received and allocates it (see the module's rules).
    pub fn pay(&mut self, ctx: &Ctx, input: &PayInput) -> Result<Payment, Error> {
        self.write(ctx, "payment.receive", input, |db, a| pay(db, a, input))
    }

    /// Pays unallocated credit back to the customer (a negative payment).
    pub fn refund(&mut self, ctx: &Ctx, input: &PayInput) -> Result<Payment, Error> {
        self.write(ctx, "payment.refund", input, |db, a| refund(db, a, input))
    }

    /// Reverses a mistaken receipt or refund: a reversing entry, and its allocations taken back.
    pub fn reverse_payment(&mut self, ctx: &Ctx, number: &str, reason: &str) -> Result<Payment, Error> {
        let number = number.trim().to_string();
        self.write(ctx, "payment.reverse", &(&number, reason), |db, a| reverse(db, a, &number, reason))
    }

    /// Allocates a customer's unallocated credit to their open invoices, oldest due first.
    /// Returns the amount allocated.
    pub fn allocate(&mut self, ctx: &Ctx, customer: &str) -> Result<Money, Error> {
        self.write(ctx, "payment.allocate", &customer, |db, a| {
            let c = db.resolve_customer(customer).map_err(|e| Error { field: Some(Field::new(FieldKey::Customer)), ..e })?;
            auto_allocate(db, a, &c.id, None)
        })
    }

    pub fn payment(&self, number: &str) -> Result<Payment, Error> {
        self.read(|db| db.payment(number.trim()))
    }

    /// The customer's account as of `as_of` (YYYY-MM-DD).
    pub fn account(&self, customer: &str, as_of: chrono::NaiveDate) -> Result<Account, Error> {
        self.read(|db| {
            let c = db.resolve_customer(customer).map_err(|e| Error { field: Some(Field::new(FieldKey::Customer)), ..e })?;
            let facts = db.account_facts(&c.id, &as_of.to_string())?;
            let position = db.credit_position(&c.id, c.credit_limit)?;
            let credit_used = facts.balance + position.open_orders;
            Ok(Account {
                customer: c.name,
                customer_id: c.id,
                balance: facts.balance,
                credit_limit: c.credit_limit,
                credit_used,
                credit_left: c.credit_limit.map(|l| l - credit_used),
                unallocated: facts.open_total - facts.balance,
                overdue: facts.invoices.iter().filter(|i| i.days_overdue > 0).map(|i| i.open).sum(),
                invoices: facts.invoices,
            })
        })
    }

    /// AR aging (current, 1–30, 31–60, 61–90, 90+ days past due) of every customer with a balance.
    pub fn aging(&self, as_of: chrono::NaiveDate) -> Result<Aging, Error> {
        self.read(|db| {
            let rows = db.aging(&as_of.to_string())?;
            let mut totals = AgingRow {
                customer: String::new(),
                customer_id: String::new(),
                current: Money::ZERO,
                d1_30: Money::ZERO,
                d31_60: Money::ZERO,
                d61_90: Money::ZERO,
                d90_plus: Money::ZERO,
                total: Money::ZERO,
            };
            for r in &rows {
                totals.current += r.current;
                totals.d1_30 += r.d1_30;
                totals.d31_60 += r.d31_60;
                totals.d61_90 += r.d61_90;
                totals.d90_plus += r.d90_plus;
                totals.total += r.total;
            }
            Ok(Aging { as_of: as_of.to_string(), rows, totals })
        })
    }
}
