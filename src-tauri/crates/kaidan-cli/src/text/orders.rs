//! Orders, deliveries, their history, invoices and printed documents.

use std::fmt::Write;
use std::path::Path;

use kaidan_api::core::model::{AuditEntry, Delivery, Invoice, InvoiceKind, InvoiceSummary, Order, OrderSummary};
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
