//! Orders, deliveries, their history, invoices and printed documents; money: payments, the
//! account, aging, matching, statements, returns.

use std::fmt::Write;
use std::path::Path;

use kaidan_api::core::model::{
    Account, Aging, AuditEntry, Delivery, Invoice, InvoiceKind, InvoiceSummary, Order, OrderSummary, Payment, SalesReturn, Statement,
};
use kaidan_api::core::Lang;
use kaidan_api::DeliveryOutcome;

use super::{table, w};

pub fn order(l: Lang, o: &Order) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}  [{}]", w(l).order(), o.number, o.status.label(l));
    let _ = writeln!(out, "{}{}   {}{}", w(l).customer_label(), o.customer, w(l).date_label(), o.order_date);
    if let Some(d) = &o.deliver_by {
        let _ = writeln!(out, "{}{d}", w(l).deliver_by_label());
    }
    let rows: Vec<Vec<String>> = o
        .lines
        .iter()
        .map(|x| {
            vec![
                x.line_no.to_string(),
                x.sku.clone(),
                x.name.clone(),
                x.qty.to_string(),
                x.delivered_qty.to_string(),
                x.unit_price.to_string(),
                if x.discount.is_zero() { String::new() } else { format!("{}%", x.discount) },
                x.amount.to_string(),
            ]
        })
        .collect();
    out.push_str(&table(
        &["#", w(l).sku(), w(l).product_name(), w(l).qty(), w(l).delivered(), w(l).unit_price(), w(l).disc(), w(l).amount()],
        &rows,
        &[0, 3, 4, 5, 6, 7],
    ));
    let _ = writeln!(out, "{}{}   {}{}   {}{}", w(l).subtotal_label(), o.subtotal, w(l).tax_label(), o.tax, w(l).total_label(), o.total);
    for d in &o.deliveries {
        let _ = writeln!(out, "{}{}  {}", w(l).delivery_label(), d.number, d.created_at);
    }
    if !o.approval_reasons.is_empty() && o.status == kaidan_api::core::OrderStatus::PendingApproval {
        let _ = writeln!(out, "{}{}", w(l).needs_approval_label(), serde_json::to_string(&o.approval_reasons).unwrap_or_default());
    }
    if let Some(r) = &o.cancel_reason {
        let _ = writeln!(out, "{}{r}", w(l).cancelled_because_label());
    }
    let waiting: Vec<String> =
        o.lines.iter().filter(|x| x.backordered_qty.is_positive()).map(|x| format!("{} × {}", x.sku, x.backordered_qty)).collect();
    if !waiting.is_empty() {
        let _ = writeln!(out, "{}{}", w(l).backordered_label(), waiting.join(", "));
    }
    out
}

pub fn orders(l: Lang, items: &[OrderSummary], next: Option<&str>) -> String {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|o| vec![o.number.clone(), o.order_date.clone(), o.customer.clone(), o.status.label(l).into(), o.total.to_string()])
        .collect();
    let mut out = table(&[w(l).order_number(), w(l).date(), w(l).customer(), w(l).status(), w(l).money_total()], &rows, &[4]);
    if let Some(c) = next {
        let _ = writeln!(out, "{} --cursor {c}", w(l).next_page_label());
    }
    out
}

pub fn delivery_outcome(l: Lang, d: &DeliveryOutcome) -> String {
    let mut out = format!("{}{}  {}{} [{}]\n", w(l).delivery_label(), d.number, w(l).order_label(), d.order, d.order_status.label(l));
    for x in &d.lines {
        let _ = writeln!(out, "  {}  {}  {}", x.sku, x.name, x.qty);
    }
    if let Some(p) = &d.payment {
        let _ = writeln!(out, "{}{p}", w(l).paid_on_label());
    }
    out
}

pub fn delivery(l: Lang, d: &Delivery) -> String {
    let mut out = format!("{}{}  {}{}  {}\n", w(l).delivery_label(), d.number, w(l).order_label(), d.order, d.created_at);
    for x in &d.lines {
        let _ = writeln!(out, "  {}  {}  {}", x.sku, x.name, x.qty);
    }
    out
}

pub fn history(l: Lang, h: &[AuditEntry]) -> String {
    let rows: Vec<Vec<String>> = h
        .iter()
        .map(|e| {
            vec![
                e.at.clone(),
                e.operator.clone(),
                e.action.as_str().to_string(),
                e.before.as_ref().map(|v| v.to_string()).unwrap_or_default(),
                e.after.as_ref().map(|v| v.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    table(&[w(l).time(), w(l).by(), w(l).action(), w(l).before(), w(l).after()], &rows, &[])
}

pub fn invoice(l: Lang, inv: &Invoice) -> String {
    let title = match inv.kind {
        InvoiceKind::Invoice => w(l).invoice(),
        InvoiceKind::CreditNote => w(l).credit_note(),
    };
    let mut out = format!(
        "{title} {}  {}{}  {}{}  {}\n",
        inv.number,
        w(l).order_label(),
        inv.order,
        w(l).customer_inline(),
        inv.customer,
        inv.issue_date
    );
    if let Some(c) = &inv.credits {
        let _ = writeln!(out, "{}{c}", w(l).credits_label());
    }
    if let Some(d) = &inv.due_date {
        let _ = writeln!(out, "{}{d}", w(l).due_label());
    }
    let rows: Vec<Vec<String>> = inv
        .lines
        .iter()
        .map(|x| vec![x.sku.clone(), x.name.clone(), x.qty.to_string(), x.unit_price.to_string(), x.total.to_string()])
        .collect();
    out.push_str(&table(&[w(l).sku(), w(l).item_name(), w(l).qty(), w(l).unit_price(), w(l).amount()], &rows, &[2, 3, 4]));
    let _ = writeln!(out, "{}{}  {}{}  {}{}", w(l).net_label(), inv.subtotal, w(l).tax_inline(), inv.tax, w(l).total_inline(), inv.total);
    if !inv.credit_notes.is_empty() {
        let _ = writeln!(out, "{}{}", w(l).credit_notes_label(), inv.credit_notes.join(", "));
    }
    out
}

pub fn invoices(l: Lang, list: &[InvoiceSummary]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|i| {
            vec![
                i.number.clone(),
                i.issue_date.clone(),
                i.due_date.clone().unwrap_or_default(),
                i.credits.clone().unwrap_or_default(),
                i.total.to_string(),
            ]
        })
        .collect();
    table(&[w(l).doc_number(), w(l).date(), w(l).due(), w(l).credits(), w(l).money_total()], &rows, &[4])
}

pub fn sent_to_printer(l: Lang, s: &kaidan_api::SentToPrinter) -> String {
    format!(
        "{} → {} {}  ({}, {} {}, {} {}, {} {})",
        s.printed.title,
        w(l).sent_to(),
        s.printer,
        s.printed.paper.as_str(),
        s.printed.pages,
        w(l).page_s(),
        s.copies,
        w(l).copies_n(),
        w(l).job_label(),
        s.job
    )
}

pub fn printers(l: Lang, list: &[crate::run::PrinterRow]) -> String {
    if list.is_empty() {
        return w(l).no_printers().to_string();
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|r| {
            vec![
                r.printer.label.clone(),
                r.printer.name.clone(),
                if r.printer.is_default { "✓".into() } else { String::new() },
                r.printer.state.clone(),
                r.papers.join(", "),
            ]
        })
        .collect();
    table(&[w(l).printer_col(), w(l).printer_name_col(), w(l).default_col(), w(l).state_col(), w(l).papers_col()], &rows, &[])
}

pub fn printed(l: Lang, p: &kaidan_api::Printed, file: &Path) -> String {
    format!(
        "{} {} → {}  ({} {}, {}{})",
        p.number,
        p.paper.as_str(),
        file.display(),
        p.pages,
        w(l).page_s(),
        p.bytes / 1024 + 1,
        if p.copy { w(l).kb_copy() } else { " KB" }
    )
}

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
