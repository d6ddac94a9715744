//! Money: payments, the account, aging, matching, statements, returns.

use std::fmt::Write;

use kaidan_api::core::model::{Account, Aging, Payment, SalesReturn, Statement};
use kaidan_api::core::Lang;

use super::{table, w};

pub fn payment(l: Lang, p: &Payment) -> String {
    let mut out = format!("{} {}  {}  {}  {}  {}\n", w(l).payment(), p.number, p.customer, p.date, p.method.as_str(), p.amount);
    for a in &p.allocations {
        let _ = writeln!(out, "  {}{}  {}", w(l).allocated_to(), a.invoice, a.amount);
    }
    if !p.unallocated.is_zero() {
        let _ = writeln!(out, "{}{}", w(l).unallocated_label(), p.unallocated);
    }
    out
}

pub fn account(l: Lang, a: &Account) -> String {
    let mut out = format!(
        "{}  {}{}  {}{}  {}{}\n",
        a.customer,
        w(l).balance_label(),
        a.balance,
        w(l).credit_left_label(),
        a.credit_left.map(|m| m.to_string()).unwrap_or_else(|| w(l).no_limit().to_string()),
        w(l).overdue_label(),
        a.overdue
    );
    let rows: Vec<Vec<String>> = a
        .invoices
        .iter()
        .map(|i| {
            vec![
                i.number.clone(),
                i.issue_date.clone(),
                i.due_date.clone(),
                i.total.to_string(),
                i.paid.to_string(),
                i.open.to_string(),
                i.days_overdue.to_string(),
            ]
        })
        .collect();
    out.push_str(&table(
        &[w(l).entry_invoice(), w(l).date(), w(l).due(), w(l).money_total(), w(l).paid(), w(l).open(), w(l).days_late()],
        &rows,
        &[3, 4, 5, 6],
    ));
    if !a.unallocated.is_zero() {
        let _ = writeln!(out, "{}{}", w(l).unallocated_credit_label(), a.unallocated);
    }
    out
}

pub fn aging(l: Lang, a: &Aging) -> String {
    let mut rows: Vec<Vec<String>> = a
        .rows
        .iter()
        .map(|r| {
            vec![
                r.customer.clone(),
                r.current.to_string(),
                r.d1_30.to_string(),
                r.d31_60.to_string(),
                r.d61_90.to_string(),
                r.d90_plus.to_string(),
                r.total.to_string(),
            ]
        })
        .collect();
    let x = &a.totals;
    rows.push(vec![
        w(l).total().to_string(),
        x.current.to_string(),
        x.d1_30.to_string(),
        x.d31_60.to_string(),
        x.d61_90.to_string(),
        x.d90_plus.to_string(),
        x.total.to_string(),
    ]);
    table(&[w(l).customer(), w(l).current(), "1–30", "31–60", "61–90", "90+", w(l).total()], &rows, &[1, 2, 3, 4, 5, 6])
}

pub fn allocated(l: Lang, r: &kaidan_api::AllocateResult) -> String {
    let mut out = String::new();
    for a in &r.allocations {
        let _ = writeln!(out, "  {} → {}  {}", a.payment, a.invoice, a.amount);
    }
    let _ = writeln!(out, "{}{}  {}{}", w(l).allocated_label(), r.allocated, w(l).unallocated_credit_label(), r.unallocated);
    out
}

/// A statement entry: the shop's word ([`kaidan_api::core::text::vocab`]).
fn entry_label(l: Lang, kind: kaidan_api::core::StatementEntry) -> &'static str {
    kaidan_api::core::text::Word::word(kind, l)
}

pub fn statement(l: Lang, st: &Statement) -> String {
    let mut out = format!("{}  {} – {}\n", st.customer, st.from, st.to);
    let mut rows = vec![vec![
        st.from.clone(),
        entry_label(l, kaidan_api::core::StatementEntry::Opening).into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        st.opening.to_string(),
    ]];
    for r in &st.rows {
        let blank = |m: kaidan_api::core::Money| if m.is_zero() { String::new() } else { m.to_string() };
        rows.push(vec![
            r.date.clone(),
            entry_label(l, r.kind).into(),
            r.number.clone(),
            [r.method.map(|m| m.label(l).to_string()), r.reference.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · "),
            blank(r.debit),
            blank(r.credit),
            r.balance.to_string(),
        ]);
    }
    rows.push(vec![
        st.to.clone(),
        w(l).closing_balance().into(),
        String::new(),
        String::new(),
        st.debits.to_string(),
        st.credits.to_string(),
        st.closing.to_string(),
    ]);
    out.push_str(&table(
        &[w(l).date(), w(l).entry(), w(l).doc_number(), w(l).reference(), w(l).debit(), w(l).credit(), w(l).balance()],
        &rows,
        &[4, 5, 6],
    ));
    out
}

pub fn sales_return(l: Lang, r: &SalesReturn) -> String {
    let mut out = format!("{}{}  {}{}  {}  {}\n", w(l).return_label(), r.number, w(l).order_label(), r.order, r.customer, r.date);
    for x in &r.lines {
        let how = if x.restock { w(l).back_in() } else { w(l).written_off() };
        let _ = writeln!(out, "  {}  {}  {} {}  {}  [{how}]", x.sku, x.name, x.qty, x.unit, x.total);
    }
    let _ = writeln!(out, "{}{}", w(l).value_label(), r.total);
    if !r.credit_notes.is_empty() {
        let _ = writeln!(out, "{}{}", w(l).credit_notes_label(), r.credit_notes.join(", "));
    }
    if let Some(p) = &r.refund {
        let _ = writeln!(out, "{}{} {}", w(l).refund_label(), p, r.refunded);
    }
    if let Some(o) = &r.exchange_order {
        let _ = writeln!(out, "{}{o}", w(l).exchange_order_label());
    }
    out
}
