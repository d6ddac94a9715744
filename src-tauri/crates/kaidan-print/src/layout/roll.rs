//! Thermal rolls (80 mm, 58 mm): one column, one page as long as the content.

use kaidan_core::words::amount_in_words;
use kaidan_core::{DocKind, Paper, PrintDoc};

use super::pen::{face, lh, Pen};
use super::sections::yuan;
use super::statement::roll_statement;
use super::table::description;
use super::{scale, Draw, Frame, Sheet};
use crate::text::{money, percent, price, qty, Words};

/// A thermal roll: one column, one page as long as the content.
pub(super) fn roll(doc: &PrintDoc, paper: Paper, width: f32, f: &Frame) -> Sheet {
    let w = Words { lang: doc.lang };
    let s = scale(paper);
    let mut pen = Pen::new();
    let mut y = f.top;
    if doc.logo.is_some() {
        pen.draws.push(Draw::Logo { x: f.center() - s.logo / 2.0, y, h: s.logo });
        y += s.logo + 1.0;
    }
    for l in face(true).wrap(&doc.company.name, s.company, f.width()) {
        y += lh(s.company);
        pen.center(f.center(), y - lh(s.company) * 0.28, s.company, true, &l);
    }
    for fact in [doc.company.phone.as_deref(), doc.company.address.as_deref()].into_iter().flatten().filter(|t| !t.is_empty()) {
        for l in face(false).wrap(fact, s.small, f.width()) {
            y += lh(s.small);
            pen.center(f.center(), y - lh(s.small) * 0.28, s.small, false, &l);
        }
    }
    y += 1.0;
    // a bilingual title may not fit a 58 mm roll on one line
    for l in face(true).wrap(w.title(doc.kind), s.title, f.width()) {
        y += lh(s.title);
        pen.center(f.center(), y - lh(s.title) * 0.28, s.title, true, &l);
    }
    if doc.copy {
        y += lh(s.title);
        pen.center(f.center(), y - lh(s.title) * 0.28, s.title, true, &format!("** {} **", w.copy()));
    }
    y += 1.0;
    if let Some(st) = &doc.statement {
        return roll_statement(&mut pen, doc, st, &w, &s, width, f, y);
    }
    if let Some(p) = &doc.payment {
        return super::payment::roll_payment(&mut pen, doc, p, &w, &s, width, f, y);
    }
    let mut facts = vec![w.pair(w.number(), &doc.number), w.pair(w.date(), &doc.date), w.pair(w.customer(), &doc.customer.name)];
    if let Some(o) = &doc.order_number {
        facts.push(w.pair(w.order(), o));
    }
    if let Some(r) = &doc.reference {
        facts.push(w.pair(w.credits(), r));
    }
    if let Some(d) = &doc.due_date {
        facts.push(w.pair(w.due(), d));
    }
    for t in &facts {
        y = pen.paragraph(f.left, y, s.body, false, f.width(), t);
    }
    y += 1.0;
    pen.line(f.left, y, f.right, y, 0.5);
    y += 0.5;
    for (i, l) in doc.lines.iter().enumerate() {
        y = pen.paragraph(f.left, y, s.body, false, f.width(), &format!("{}. {}", i + 1, description(l, i)));
        y += lh(s.body);
        let base = y - lh(s.body) * 0.28;
        let mut left = format!("{} {}", qty(l.qty), l.unit);
        if doc.show_prices {
            left.push_str(&format!(" × {}", price(l.unit_price)));
            if !l.discount.is_zero() {
                left.push_str(&format!(" -{}", percent(l.discount)));
            }
            pen.right(f.right, base, s.body, false, &money(l.amount));
        } else if let Some(r) = l.remaining.filter(|r| !r.is_zero()) {
            pen.right(f.right, base, s.body, false, &w.pair(w.col_remaining(), &qty(r)));
        }
        pen.text(f.left + 3.0, base, s.body, false, &left);
    }
    pen.line(f.left, y + 1.0, f.right, y + 1.0, 0.5);
    y += 1.5;
    y += lh(s.body);
    pen.text(f.left, y - lh(s.body) * 0.28, s.body, false, &w.pair(w.lines_count(), &doc.lines.len().to_string()));
    if let (true, Some(t)) = (doc.show_prices, &doc.totals) {
        if !t.tax.is_zero() {
            y += lh(s.body);
            pen.right(f.right, y - lh(s.body) * 0.28, s.body, false, &w.pair(w.tax(), &money(t.tax)));
        }
        y += lh(s.title);
        pen.right(f.right, y - lh(s.title) * 0.28, s.title, true, &w.pair(w.total(), &yuan(t.total)));
        y = pen.paragraph(f.left, y, s.body, false, f.width(), &w.both(|l| amount_in_words(t.total, l)));
    }
    if let Some(n) = doc.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        y = pen.paragraph(f.left, y + 1.0, s.body, false, f.width(), &w.pair(w.notes(), n));
    }
    match doc.kind {
        DocKind::Receipt => {
            y += lh(s.body) + 2.0;
            pen.center(f.center(), y - lh(s.body) * 0.28, s.body, false, w.thanks());
        }
        _ => {
            y += lh(s.body) * 2.5;
            let label = if doc.kind == DocKind::DeliveryNote { w.receiver_sign() } else { w.customer_sign() };
            pen.text(f.left, y - lh(s.body) * 0.28, s.body, false, &w.pair(label, ""));
            let lw = face(false).width(&w.pair(label, ""), s.body);
            pen.line(f.left + lw, y, f.right, y, 0.4);
        }
    }
    let height = y + f.bottom_margin;
    Sheet { width, height, pages: vec![pen.draws] }
}
