//! What every document shares around its table: the head (company, title, copy mark,
//! customer and document facts), the foot (totals, amount in words, notes, signatures) and
//! the page footer.

use kaidan_core::document::DocTotals;
use kaidan_core::words::amount_in_words;
use kaidan_core::{DocKind, PrintDoc};

use super::pen::{face, lh, Pen};
use super::statement::statement_foot;
use super::{Draw, Frame, Scale};
use crate::text::{money, Words};

/// An amount with the yuan sign before the digits and after a minus: "-¥206.00".
pub(super) fn yuan(m: kaidan_core::Money) -> String {
    let text = money(m);
    match text.strip_prefix('-') {
        Some(digits) => format!("-¥{digits}"),
        None => format!("¥{text}"),
    }
}

/// The company block, title, copy mark and the customer/document facts. Returns the y below.
pub(super) fn head(pen: &mut Pen, doc: &PrintDoc, w: &Words, s: &Scale, f: &Frame) -> f32 {
    let mut y = f.top;
    if doc.logo.is_some() {
        pen.draws.push(Draw::Logo { x: f.left, y, h: s.logo });
    }
    y += lh(s.company);
    pen.center(f.center(), y - lh(s.company) * 0.25, s.company, true, &doc.company.name);
    let c = &doc.company;
    let mut facts = Vec::new();
    if let Some(a) = c.address.as_deref().filter(|a| !a.is_empty()) {
        facts.push(w.pair(w.address(), a));
    }
    if let Some(p) = c.phone.as_deref().filter(|a| !a.is_empty()) {
        facts.push(w.pair(w.phone(), p));
    }
    let mut bank = Vec::new();
    if let Some(t) = c.tax_id.as_deref().filter(|a| !a.is_empty()) {
        bank.push(w.pair(w.tax_id(), t));
    }
    if let Some(b) = c.bank_account.as_deref().filter(|a| !a.is_empty()) {
        bank.push(w.pair(w.bank(), b));
    }
    for row in [facts.join("    "), bank.join("    ")] {
        if !row.is_empty() {
            y += lh(s.small);
            pen.center(f.center(), y - lh(s.small) * 0.25, s.small, false, &row);
        }
    }
    if doc.logo.is_some() {
        y = y.max(f.top + s.logo);
    }
    y += 1.5 + lh(s.title);
    let title = w.title(doc.kind);
    pen.center(f.center(), y - lh(s.title) * 0.25, s.title, true, title);
    let tw = face(true).width(title, s.title);
    pen.line(f.center() - tw / 2.0, y + 0.6, f.center() + tw / 2.0, y + 0.6, 0.6);
    pen.line(f.center() - tw / 2.0, y + 1.2, f.center() + tw / 2.0, y + 1.2, 0.6);
    if doc.copy {
        copy_mark(pen, w, f.right, y - lh(s.title), s.title);
    }
    y += 2.5;
    let mut left = vec![w.pair(w.customer(), &doc.customer.name)];
    let mut contact = Vec::new();
    if let Some(c) = doc.customer.contact.as_deref().filter(|c| !c.is_empty()) {
        contact.push(w.pair(w.contact(), c));
    }
    if !doc.customer.phones.is_empty() {
        contact.push(w.pair(w.phone(), &doc.customer.phones.join(" / ")));
    }
    if !contact.is_empty() {
        left.push(contact.join("  "));
    }
    if let Some(a) = doc.customer.address.as_deref().filter(|a| !a.is_empty()) {
        left.push(w.pair(w.address(), a));
    }
    let mut right = match &doc.statement {
        Some(st) => vec![w.pair(w.period(), &format!("{} – {}", st.from, st.to)), w.pair(w.printed_on(), &doc.date)],
        None => vec![w.pair(w.number(), &doc.number), w.pair(w.date(), &doc.date)],
    };
    if let Some(o) = &doc.order_number {
        right.push(w.pair(w.order(), o));
    }
    if let Some(r) = &doc.reference {
        right.push(w.pair(w.credits(), r));
    }
    if let Some(d) = &doc.due_date {
        right.push(w.pair(w.due(), d));
    }
    let right_w = right.iter().map(|t| face(false).width(t, s.body)).fold(0.0, f32::max);
    let right_x = f.right - right_w;
    let left_max = right_x - f.left - 4.0;
    let mut yl = y;
    for t in &left {
        yl = pen.paragraph(f.left, yl, s.body, false, left_max, t);
    }
    let mut yr = y;
    for t in &right {
        yr += lh(s.body);
        pen.text(right_x, yr - lh(s.body) * 0.28, s.body, false, t);
    }
    yl.max(yr) + 1.5
}

fn copy_mark(pen: &mut Pen, w: &Words, right: f32, top: f32, size: f32) {
    let text = w.copy();
    let tw = face(true).width(text, size);
    let (bw, bh) = (tw + 4.0, lh(size) + 1.0);
    pen.boxed(right - bw, top, bw, bh, 1.0);
    pen.text(right - bw + 2.0, top + bh - lh(size) * 0.3 - 0.5, size, true, text);
}

/// Totals, amount in words, notes and the signature boxes. Returns the y below.
pub(super) fn foot(pen: &mut Pen, doc: &PrintDoc, w: &Words, s: &Scale, f: &Frame, y: f32) -> f32 {
    if let Some(st) = &doc.statement {
        return statement_foot(pen, doc, st, w, s, f, y);
    }
    if let Some(p) = &doc.payment {
        return super::payment::payment_foot(pen, doc, p, w, s, f, y);
    }
    let mut y = y + 1.0;
    if let (true, Some(t)) = (doc.show_prices, &doc.totals) {
        y = totals_block(pen, t, w, s, f, y);
    }
    if let Some(n) = doc.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        y = pen.paragraph(f.left, y + 1.0, s.body, false, f.width(), &w.pair(w.notes(), n));
    }
    y += 2.0;
    let cells: Vec<(&str, Option<&str>)> = match doc.kind {
        DocKind::DeliveryNote => vec![(w.deliverer(), None), (w.receiver_sign(), None), (w.sign_date(), None)],
        _ => vec![(w.made_by(), doc.operator.as_deref()), (w.checked_by(), None), (w.customer_sign(), None)],
    };
    y += lh(s.body) * 1.6;
    signatures(pen, &cells, w, s, f, y);
    y + lh(s.body) * 0.6
}

/// A row of signature boxes on `baseline`, the width shared out: each its label and the name
/// already known, or a line to sign on drawn to the box's end (as long as the label leaves).
pub(super) fn signatures(pen: &mut Pen, cells: &[(&str, Option<&str>)], w: &Words, s: &Scale, f: &Frame, baseline: f32) {
    let cell_w = f.width() / cells.len() as f32;
    for (i, (label, value)) in cells.iter().enumerate() {
        let x = f.left + i as f32 * cell_w;
        let text = face(false).clip(&w.pair(label, value.unwrap_or("")), s.body, cell_w - 2.0);
        pen.text(x, baseline, s.body, false, &text);
        if value.is_none() {
            let from = x + face(false).width(&text, s.body) + 0.5;
            let to = x + cell_w - 3.0;
            if to > from + 5.0 {
                pen.line(from, baseline + 0.6, to, baseline + 0.6, 0.3);
            }
        }
    }
}

fn totals_block(pen: &mut Pen, t: &DocTotals, w: &Words, s: &Scale, f: &Frame, y: f32) -> f32 {
    let mut y = y;
    let mut parts = Vec::new();
    if !t.tax.is_zero() {
        parts.push(w.pair(w.subtotal(), &money(t.subtotal)));
        parts.push(w.pair(w.tax(), &money(t.tax)));
    }
    parts.push(w.pair(w.total(), &yuan(t.total)));
    let summary = parts.join("    ");
    y += lh(s.body) + 0.5;
    pen.right(f.right - 1.0, y - lh(s.body) * 0.28, s.body, true, &summary);
    let words = w.pair(w.total_words(), &w.both(|l| amount_in_words(t.total, l)));
    let top = y + 0.8;
    let end = pen.paragraph(f.left + 1.0, top, s.body, true, f.width() - 2.0, &words);
    pen.boxed(f.left, top - 0.2, f.width(), end - top + 1.4, 0.6);
    end + 1.2
}

pub(super) fn footer(pen: &mut Pen, w: &Words, s: &Scale, f: &Frame, height: f32, n: usize, of: usize, number: &str) {
    let y = height - f.bottom_margin + lh(s.small);
    pen.center(f.center(), y, s.small, false, &w.page(n, of));
    pen.right(f.right, y, s.small, false, number);
}
