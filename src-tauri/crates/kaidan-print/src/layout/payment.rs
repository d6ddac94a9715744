//! What only a payment receipt (收款收据) prints: the invoices the money paid as table rows
//! (what it keeps as the customer's credit the last), the amount and in words, how it was paid,
//! and the two signatures — on a page paper or a roll.

use kaidan_core::document::PaymentDoc;
use kaidan_core::words::amount_in_words;
use kaidan_core::PrintDoc;

use super::pen::{face, lh, Pen};
use super::sections::yuan;
use super::table::{Align, Column};
use super::{Frame, Scale, Sheet};
use crate::text::{money, Words};

/// A row of the receipt: an invoice it paid, or what it keeps on account.
pub(super) struct Applied {
    pub(super) what: String,
    pub(super) amount: kaidan_core::Money,
}

pub(super) fn applied_rows(p: &PaymentDoc, w: &Words) -> Vec<Applied> {
    let mut rows: Vec<Applied> = p.applied.iter().map(|a| Applied { what: a.invoice.clone(), amount: a.amount }).collect();
    if !p.on_account.is_zero() {
        rows.push(Applied { what: w.on_account().to_string(), amount: p.on_account });
    }
    rows
}

pub(super) fn payment_columns(w: &Words) -> Vec<Column<Applied>> {
    vec![
        Column { title: w.col_no(), width: 10.0, align: Align::Center, cell: |_, i| (i + 1).to_string() },
        Column { title: w.col_applied(), width: 0.0, align: Align::Left, cell: |a, _| a.what.clone() },
        Column { title: w.col_amount(), width: 34.0, align: Align::Right, cell: |a, _| money(a.amount) },
    ]
}

/// How it was paid: "收款方式：微信  凭证号：…".
fn paid_how(p: &PaymentDoc, w: &Words) -> String {
    let mut how = vec![w.pair(w.method(), &w.both(|l| p.method.label(l).to_string()))];
    if let Some(r) = p.reference.as_deref().filter(|r| !r.trim().is_empty()) {
        how.push(w.pair(w.reference(), r));
    }
    how.join("    ")
}

/// The amount, in words, how it was paid, the notes and the signatures.
pub(super) fn payment_foot(pen: &mut Pen, doc: &PrintDoc, p: &PaymentDoc, w: &Words, s: &Scale, f: &Frame, y: f32) -> f32 {
    let mut y = y + 1.0 + lh(s.title) + 0.5;
    pen.right(f.right - 1.0, y - lh(s.title) * 0.28, s.title, true, &w.pair(w.received(), &yuan(p.amount)));
    let words = w.pair(w.received_words(), &w.both(|l| amount_in_words(p.amount, l)));
    let top = y + 0.8;
    let end = pen.paragraph(f.left + 1.0, top, s.body, true, f.width() - 2.0, &words);
    pen.boxed(f.left, top - 0.2, f.width(), end - top + 1.4, 0.6);
    y = end + 1.5;
    y = pen.paragraph(f.left, y, s.body, false, f.width(), &paid_how(p, w));
    if let Some(n) = doc.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        y = pen.paragraph(f.left, y + 0.5, s.body, false, f.width(), &w.pair(w.notes(), n));
    }
    y += lh(s.body) * 2.0;
    super::sections::signatures(pen, &[(w.received_by(), doc.operator.as_deref()), (w.paid_by(), None)], w, s, f, y);
    y + lh(s.body) * 0.6
}

/// A payment receipt on a roll: its facts, each invoice it paid, the amount and in words.
#[allow(clippy::too_many_arguments)]
pub(super) fn roll_payment(pen: &mut Pen, doc: &PrintDoc, p: &PaymentDoc, w: &Words, s: &Scale, width: f32, f: &Frame, y: f32) -> Sheet {
    let mut y = y;
    let mut facts = vec![w.pair(w.number(), &doc.number), w.pair(w.date(), &doc.date), w.pair(w.customer(), &doc.customer.name)];
    if let Some(o) = &doc.order_number {
        facts.push(w.pair(w.order(), o));
    }
    for t in &facts {
        y = pen.paragraph(f.left, y, s.body, false, f.width(), t);
    }
    y += 1.0;
    pen.line(f.left, y, f.right, y, 0.5);
    y += 0.5;
    for a in applied_rows(p, w) {
        y += lh(s.body);
        let base = y - lh(s.body) * 0.28;
        let amount = money(a.amount);
        let room = f.width() - face(false).width(&amount, s.body) - 2.0;
        pen.text(f.left, base, s.body, false, &face(false).clip(&a.what, s.body, room));
        pen.right(f.right, base, s.body, false, &amount);
    }
    pen.line(f.left, y + 1.0, f.right, y + 1.0, 0.5);
    y += 1.5 + lh(s.title);
    pen.right(f.right, y - lh(s.title) * 0.28, s.title, true, &w.pair(w.received(), &yuan(p.amount)));
    y = pen.paragraph(f.left, y, s.body, false, f.width(), &w.both(|l| amount_in_words(p.amount, l)));
    y = pen.paragraph(f.left, y + 0.5, s.body, false, f.width(), &paid_how(p, w));
    if let Some(n) = doc.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        y = pen.paragraph(f.left, y + 0.5, s.body, false, f.width(), &w.pair(w.notes(), n));
    }
    y += lh(s.body) * 1.5;
    let by = w.pair(w.received_by(), doc.operator.as_deref().unwrap_or(""));
    pen.text(f.left, y - lh(s.body) * 0.28, s.body, false, &by);
    y += lh(s.body) * 2.0;
    let label = w.pair(w.paid_by(), "");
    pen.text(f.left, y - lh(s.body) * 0.28, s.body, false, &label);
    let lw = face(false).width(&label, s.body);
    pen.line(f.left + lw, y, f.right, y, 0.4);
    Sheet { width, height: y + f.bottom_margin, pages: vec![std::mem::take(&mut pen.draws)] }
}
