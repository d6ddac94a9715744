//! What only a statement (对账单) prints: its entries as table rows, its balances and the
//! customer's confirmation, on a page paper or a roll.

use kaidan_core::model::{Statement, StatementRow};
use kaidan_core::words::amount_in_words;
use kaidan_core::PrintDoc;

use super::pen::{lh, Pen};
use super::sections::yuan;
use super::table::{Align, Column};
use super::{Frame, Scale, Sheet};
use crate::text::{money, Words};

/// A statement entry as printed: the opening balance is the first row.
pub(super) struct Entry<'a> {
    pub(super) row: &'a StatementRow,
    pub(super) label: &'static str,
    /// How the money moved, and the reference: "转账 · SO-2026-000001".
    pub(super) reference: String,
}

fn blank_zero(m: kaidan_core::Money) -> String {
    if m.is_zero() {
        String::new()
    } else {
        money(m)
    }
}

pub(super) fn statement_columns<'a>(w: &Words) -> Vec<Column<Entry<'a>>> {
    // a bilingual entry ("期初余额 Opening balance") needs the room that wraps; the reference
    // then gets a fixed width
    let both = w.lang == kaidan_core::DocLang::Bilingual;
    vec![
        Column { title: w.col_date(), width: 22.0, align: Align::Left, cell: |e, _| e.row.date.clone() },
        Column { title: w.col_doc(), width: if both { 0.0 } else { 17.0 }, align: Align::Left, cell: |e, _| e.label.to_string() },
        Column { title: w.col_number(), width: 33.0, align: Align::Left, cell: |e, _| e.row.number.clone() },
        Column { title: w.col_ref(), width: if both { 36.0 } else { 0.0 }, align: Align::Left, cell: |e, _| e.reference.clone() },
        Column { title: w.col_debit(), width: 24.0, align: Align::Right, cell: |e, _| blank_zero(e.row.debit) },
        Column { title: w.col_credit(), width: 24.0, align: Align::Right, cell: |e, _| blank_zero(e.row.credit) },
        Column { title: w.col_balance(), width: 26.0, align: Align::Right, cell: |e, _| money(e.row.balance) },
    ]
}

/// A statement's balances, the closing balance in words and the customer's confirmation box.
pub(super) fn statement_foot(pen: &mut Pen, doc: &PrintDoc, st: &Statement, w: &Words, s: &Scale, f: &Frame, y: f32) -> f32 {
    let mut y = y + 1.0 + lh(s.body) + 0.5;
    let summary = [
        w.pair(w.opening(), &money(st.opening)),
        w.pair(w.debits(), &money(st.debits)),
        w.pair(w.credits_total(), &money(st.credits)),
        w.pair(w.closing(), &yuan(st.closing)),
    ]
    .join("    ");
    pen.right(f.right - 1.0, y - lh(s.body) * 0.28, s.body, true, &summary);
    let words = w.pair(w.closing_words(), &w.both(|l| amount_in_words(st.closing, l)));
    let top = y + 0.8;
    let end = pen.paragraph(f.left + 1.0, top, s.body, true, f.width() - 2.0, &words);
    pen.boxed(f.left, top - 0.2, f.width(), end - top + 1.4, 0.6);
    y = end + 2.0;
    y = pen.paragraph(f.left, y, s.body, false, f.width(), &w.confirm_text(&st.to));
    // the confirmation box: the customer signs, stamps and dates it
    let top = y + 1.5;
    let h = lh(s.body) * 4.0;
    pen.boxed(f.left, top, f.width(), h, 0.6);
    let half = f.width() / 2.0;
    pen.text(f.left + 2.0, top + lh(s.body), s.body, false, &w.pair(w.customer_confirm(), ""));
    pen.text(f.left + half + 2.0, top + h - lh(s.body) * 0.8, s.body, false, &w.pair(w.date(), "____________"));
    pen.text(f.left + 2.0, top + h - lh(s.body) * 0.8, s.body, false, &w.pair(w.made_by(), doc.operator.as_deref().unwrap_or("")));
    top + h + 1.0
}

/// A statement on a roll: one entry a line with its balance, the closing balance, the
/// customer's confirmation.
#[allow(clippy::too_many_arguments)]
pub(super) fn roll_statement(pen: &mut Pen, doc: &PrintDoc, st: &Statement, w: &Words, s: &Scale, width: f32, f: &Frame, y: f32) -> Sheet {
    let mut y = y;
    for t in [w.pair(w.customer(), &doc.customer.name), w.pair(w.period(), &format!("{} – {}", st.from, st.to))] {
        y = pen.paragraph(f.left, y, s.body, false, f.width(), &t);
    }
    y += 1.0;
    pen.line(f.left, y, f.right, y, 0.5);
    y += 0.5;
    y += lh(s.body);
    pen.text(f.left, y - lh(s.body) * 0.28, s.body, false, w.opening());
    pen.right(f.right, y - lh(s.body) * 0.28, s.body, false, &money(st.opening));
    for r in &st.rows {
        y = pen.paragraph(f.left, y, s.body, false, f.width(), &format!("{} {} {}", r.date, w.entry(r.kind), r.number));
        y += lh(s.body);
        let base = y - lh(s.body) * 0.28;
        let change = if r.credit.is_zero() { format!("+{}", money(r.debit)) } else { format!("-{}", money(r.credit)) };
        pen.text(f.left + 3.0, base, s.body, false, &change);
        pen.right(f.right, base, s.body, false, &money(r.balance));
    }
    pen.line(f.left, y + 1.0, f.right, y + 1.0, 0.5);
    y += 1.5 + lh(s.title);
    pen.right(f.right, y - lh(s.title) * 0.28, s.title, true, &w.pair(w.closing(), &yuan(st.closing)));
    y = pen.paragraph(f.left, y, s.body, false, f.width(), &w.both(|l| amount_in_words(st.closing, l)));
    y = pen.paragraph(f.left, y + 1.0, s.small, false, f.width(), &w.confirm_text(&st.to));
    y += lh(s.body) * 2.5;
    let label = w.pair(w.customer_confirm(), "");
    pen.text(f.left, y - lh(s.body) * 0.28, s.body, false, &label);
    y += lh(s.body) * 1.5;
    pen.line(f.left, y, f.right, y, 0.4);
    Sheet { width, height: y + f.bottom_margin, pages: vec![std::mem::take(&mut pen.draws)] }
}
