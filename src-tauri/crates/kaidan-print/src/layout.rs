//! Page layout: drawing commands in millimetres from the top-left corner, then PDF.

use kaidan_core::document::{DocLine, DocTotals};
use kaidan_core::model::{Statement, StatementRow};
use kaidan_core::words::amount_in_words;
use kaidan_core::{DocKind, Margins, Paper, PrintDoc};
use printpdf::{
    Color, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, RawImage, Rect,
    TextItem, XObjectTransform,
};

use crate::text::{faces, money, percent, price, qty, Face, Words, MM_PER_PT};

#[derive(Debug, Clone)]
pub(crate) enum Draw {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A filled box (grey 0 = black, 1 = white), `y` its top.
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        grey: f32,
    },
    /// The logo, `y` its top, scaled to height `h`.
    Logo {
        x: f32,
        y: f32,
        h: f32,
    },
}

pub(crate) struct Sheet {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Vec<Draw>>,
}

/// Text and lines on one page.
struct Pen {
    draws: Vec<Draw>,
}

/// Line height for a font size, in mm.
fn lh(size: f32) -> f32 {
    size * 1.45 * MM_PER_PT
}

fn face(bold: bool) -> &'static Face {
    if bold {
        &faces().bold
    } else {
        &faces().regular
    }
}

impl Pen {
    fn new() -> Self {
        Self { draws: Vec::new() }
    }
    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, text: &str) {
        if !text.is_empty() {
            self.draws.push(Draw::Text { x, y, size, bold, text: text.to_string() });
        }
    }
    fn right(&mut self, right: f32, y: f32, size: f32, bold: bool, text: &str) {
        let w = face(bold).width(text, size);
        self.text(right - w, y, size, bold, text);
    }
    fn center(&mut self, center: f32, y: f32, size: f32, bold: bool, text: &str) {
        let w = face(bold).width(text, size);
        self.text(center - w / 2.0, y, size, bold, text);
    }
    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.draws.push(Draw::Line { x1, y1, x2, y2, width });
    }
    fn boxed(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32) {
        self.line(x, y, x + w, y, width);
        self.line(x + w, y, x + w, y + h, width);
        self.line(x + w, y + h, x, y + h, width);
        self.line(x, y + h, x, y, width);
    }
    /// Wrapped text from `y` (top of the first line); returns the y below the last line.
    fn paragraph(&mut self, x: f32, y: f32, size: f32, bold: bool, max: f32, text: &str) -> f32 {
        let mut y = y;
        for l in face(bold).wrap(text, size, max) {
            y += lh(size);
            self.text(x, y - lh(size) * 0.28, size, bold, &l);
        }
        y
    }
}

/// Where a column's text sits.
#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
    Center,
}

/// A table column over rows of type `R`.
struct Column<R> {
    title: &'static str,
    /// Width in mm; 0 = takes what is left (the description, which wraps).
    width: f32,
    align: Align,
    cell: fn(&R, usize) -> String,
}

fn columns(doc: &PrintDoc, w: &Words) -> Vec<Column<DocLine>> {
    let mut cols: Vec<Column<DocLine>> = vec![
        Column { title: w.col_no(), width: 10.0, align: Align::Center, cell: |_, i| (i + 1).to_string() },
        Column { title: w.col_sku(), width: 24.0, align: Align::Left, cell: |l, _| l.sku.clone() },
        Column { title: w.col_name(), width: 0.0, align: Align::Left, cell: description },
        Column { title: w.col_unit(), width: 10.0, align: Align::Center, cell: |l, _| l.unit.clone() },
    ];
    if doc.kind == DocKind::DeliveryNote {
        cols.push(Column { title: w.col_delivered(), width: 17.0, align: Align::Right, cell: |l, _| qty(l.qty) });
        if doc.lines.iter().any(|l| l.remaining.is_some()) {
            cols.push(Column {
                title: w.col_remaining(),
                width: 15.0,
                align: Align::Right,
                cell: |l, _| l.remaining.map(qty).unwrap_or_default(),
            });
        }
    } else {
        cols.push(Column { title: w.col_qty(), width: 16.0, align: Align::Right, cell: |l, _| qty(l.qty) });
    }
    if doc.show_prices {
        cols.push(Column { title: w.col_price(), width: 21.0, align: Align::Right, cell: |l, _| price(l.unit_price) });
        if doc.lines.iter().any(|l| !l.discount.is_zero()) {
            cols.push(Column {
                title: w.col_discount(),
                width: 12.0,
                align: Align::Right,
                cell: |l, _| if l.discount.is_zero() { String::new() } else { percent(l.discount) },
            });
        }
        cols.push(Column { title: w.col_amount(), width: 25.0, align: Align::Right, cell: |l, _| money(l.amount) });
    }
    cols
}

/// An amount with the yuan sign before the digits and after a minus: "-¥206.00".
fn yuan(m: kaidan_core::Money) -> String {
    let text = money(m);
    match text.strip_prefix('-') {
        Some(digits) => format!("-¥{digits}"),
        None => format!("¥{text}"),
    }
}

/// A statement entry as printed: the opening balance is the first row.
struct Entry<'a> {
    row: &'a StatementRow,
    label: &'static str,
    /// How the money moved, and the reference: "转账 · SO-2026-000001".
    reference: String,
}

fn blank_zero(m: kaidan_core::Money) -> String {
    if m.is_zero() {
        String::new()
    } else {
        money(m)
    }
}

fn statement_columns<'a>(w: &Words) -> Vec<Column<Entry<'a>>> {
    vec![
        Column { title: w.col_date(), width: 22.0, align: Align::Left, cell: |e, _| e.row.date.clone() },
        Column { title: w.col_doc(), width: 17.0, align: Align::Left, cell: |e, _| e.label.to_string() },
        Column { title: w.col_number(), width: 33.0, align: Align::Left, cell: |e, _| e.row.number.clone() },
        Column { title: w.col_ref(), width: 0.0, align: Align::Left, cell: |e, _| e.reference.clone() },
        Column { title: w.col_debit(), width: 24.0, align: Align::Right, cell: |e, _| blank_zero(e.row.debit) },
        Column { title: w.col_credit(), width: 24.0, align: Align::Right, cell: |e, _| blank_zero(e.row.credit) },
        Column { title: w.col_balance(), width: 26.0, align: Align::Right, cell: |e, _| money(e.row.balance) },
    ]
}

fn description(l: &DocLine, _: usize) -> String {
    match &l.spec {
        Some(s) if !s.trim().is_empty() => format!("{} {}", l.name, s),
        _ => l.name.clone(),
    }
}

/// Sizes that change with the paper.
struct Scale {
    body: f32,
    small: f32,
    company: f32,
    title: f32,
    logo: f32,
}

fn scale(paper: Paper) -> Scale {
    match paper {
        Paper::A5 => Scale { body: 8.5, small: 7.0, company: 13.0, title: 12.0, logo: 10.0 },
        Paper::Roll58 => Scale { body: 7.5, small: 6.5, company: 10.0, title: 10.0, logo: 8.0 },
        Paper::Roll80 => Scale { body: 8.5, small: 7.0, company: 11.0, title: 11.0, logo: 10.0 },
        Paper::A4 | Paper::Continuous241 => Scale { body: 9.5, small: 7.5, company: 16.0, title: 14.0, logo: 14.0 },
    }
}

pub(crate) fn lay_out(doc: &PrintDoc, paper: Paper, m: Margins) -> Sheet {
    let mm = |tenths: u32| tenths as f32 / 10.0;
    let width = mm(paper.width());
    let frame = Frame { left: mm(m.left), right: width - mm(m.right), top: mm(m.top), bottom_margin: mm(m.bottom) };
    match paper.height() {
        Some(h) => sheet(doc, paper, width, mm(h), &frame),
        None => roll(doc, paper, width, &frame),
    }
}

struct Frame {
    left: f32,
    right: f32,
    top: f32,
    bottom_margin: f32,
}

impl Frame {
    fn width(&self) -> f32 {
        self.right - self.left
    }
    fn center(&self) -> f32 {
        (self.left + self.right) / 2.0
    }
}

/// The company block, title, copy mark and the customer/document facts. Returns the y below.
fn head(pen: &mut Pen, doc: &PrintDoc, w: &Words, s: &Scale, f: &Frame) -> f32 {
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

struct Table<R> {
    cols: Vec<Column<R>>,
    x: Vec<f32>,
    widths: Vec<f32>,
}

impl<R> Table<R> {
    fn new(cols: Vec<Column<R>>, f: &Frame) -> Self {
        let fixed: f32 = cols.iter().map(|c| c.width).sum();
        let flex = (f.width() - fixed).max(20.0);
        let widths: Vec<f32> = cols.iter().map(|c| if c.width == 0.0 { flex } else { c.width }).collect();
        let mut x = Vec::with_capacity(cols.len());
        let mut at = f.left;
        for w in &widths {
            x.push(at);
            at += w;
        }
        Self { cols, x, widths }
    }

    fn header_height(s: &Scale) -> f32 {
        lh(s.body) + 2.0
    }

    fn header(&self, pen: &mut Pen, y: f32, s: &Scale, f: &Frame) -> f32 {
        let h = Self::header_height(s);
        pen.draws.push(Draw::Fill { x: f.left, y, w: f.width(), h, grey: 0.88 });
        for (i, c) in self.cols.iter().enumerate() {
            self.cell(pen, i, y + h - 1.0 - lh(s.body) * 0.28, s.body, true, c.title);
        }
        pen.line(f.left, y, f.right, y, 0.8);
        pen.line(f.left, y + h, f.right, y + h, 0.5);
        y + h
    }

    fn cell(&self, pen: &mut Pen, i: usize, baseline: f32, size: f32, bold: bool, text: &str) {
        let (x, w) = (self.x[i], self.widths[i]);
        let text = face(bold).clip(text, size, w - 2.0);
        match self.cols[i].align {
            Align::Left => pen.text(x + 1.0, baseline, size, bold, &text),
            Align::Right => pen.right(x + w - 1.0, baseline, size, bold, &text),
            Align::Center => pen.center(x + w / 2.0, baseline, size, bold, &text),
        }
    }

    /// The description's lines and the row's height.
    fn row_lines(&self, line: &R, index: usize, s: &Scale) -> (Vec<String>, f32) {
        let i = self.cols.iter().position(|c| c.width == 0.0).expect("a description column");
        let lines = face(false).wrap(&(self.cols[i].cell)(line, index), s.body, self.widths[i] - 2.0);
        let h = lines.len().max(1) as f32 * lh(s.body) + 1.6;
        (lines, h)
    }

    fn row(&self, pen: &mut Pen, y: f32, line: &R, index: usize, s: &Scale, f: &Frame) -> f32 {
        let (desc, h) = self.row_lines(line, index, s);
        let first = y + 0.8 + lh(s.body) - lh(s.body) * 0.28;
        for (i, c) in self.cols.iter().enumerate() {
            if c.width == 0.0 {
                for (k, l) in desc.iter().enumerate() {
                    pen.text(self.x[i] + 1.0, first + k as f32 * lh(s.body), s.body, false, l);
                }
            } else {
                self.cell(pen, i, first, s.body, false, &(c.cell)(line, index));
            }
        }
        pen.line(f.left, y + h, f.right, y + h, 0.25);
        y + h
    }
}

/// A statement's balances, the closing balance in words and the customer's confirmation box.
fn statement_foot(pen: &mut Pen, doc: &PrintDoc, st: &Statement, w: &Words, s: &Scale, f: &Frame, y: f32) -> f32 {
    let mut y = y + 1.0 + lh(s.body) + 0.5;
    let summary = [
        w.pair(w.opening(), &money(st.opening)),
        w.pair(w.debits(), &money(st.debits)),
        w.pair(w.credits_total(), &money(st.credits)),
        w.pair(w.closing(), &yuan(st.closing)),
    ]
    .join("    ");
    pen.right(f.right - 1.0, y - lh(s.body) * 0.28, s.body, true, &summary);
    let words = w.pair(w.closing_words(), &amount_in_words(st.closing, doc.lang));
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

/// Totals, amount in words, notes and the signature boxes. Returns the y below.
fn foot(pen: &mut Pen, doc: &PrintDoc, w: &Words, s: &Scale, f: &Frame, y: f32) -> f32 {
    if let Some(st) = &doc.statement {
        return statement_foot(pen, doc, st, w, s, f, y);
    }
    let mut y = y + 1.0;
    if let (true, Some(t)) = (doc.show_prices, &doc.totals) {
        y = totals_block(pen, doc, t, w, s, f, y);
    }
    if let Some(n) = doc.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        y = pen.paragraph(f.left, y + 1.0, s.body, false, f.width(), &w.pair(w.notes(), n));
    }
    y += 2.0;
    let blank = "________________";
    let cells: Vec<String> = match doc.kind {
        DocKind::DeliveryNote => {
            vec![w.pair(w.deliverer(), blank), w.pair(w.receiver_sign(), blank), w.pair(w.sign_date(), "____________")]
        }
        _ => vec![
            w.pair(w.made_by(), doc.operator.as_deref().unwrap_or(blank)),
            w.pair(w.checked_by(), blank),
            w.pair(w.customer_sign(), blank),
        ],
    };
    let cell_w = f.width() / cells.len() as f32;
    y += lh(s.body) * 1.6;
    for (i, c) in cells.iter().enumerate() {
        let c = face(false).clip(c, s.body, cell_w - 2.0);
        pen.text(f.left + i as f32 * cell_w, y, s.body, false, &c);
    }
    y + lh(s.body) * 0.6
}

fn totals_block(pen: &mut Pen, doc: &PrintDoc, t: &DocTotals, w: &Words, s: &Scale, f: &Frame, y: f32) -> f32 {
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
    let words = w.pair(w.total_words(), &amount_in_words(t.total, doc.lang));
    let top = y + 0.8;
    let end = pen.paragraph(f.left + 1.0, top, s.body, true, f.width() - 2.0, &words);
    pen.boxed(f.left, top - 0.2, f.width(), end - top + 1.4, 0.6);
    end + 1.2
}

fn footer(pen: &mut Pen, w: &Words, s: &Scale, f: &Frame, height: f32, n: usize, of: usize, number: &str) {
    let y = height - f.bottom_margin + lh(s.small);
    pen.center(f.center(), y, s.small, false, &w.page(n, of));
    pen.right(f.right, y, s.small, false, number);
}

fn sheet(doc: &PrintDoc, paper: Paper, width: f32, height: f32, f: &Frame) -> Sheet {
    let w = Words { lang: doc.lang };
    match &doc.statement {
        Some(st) => {
            let opening = StatementRow {
                date: st.from.clone(),
                kind: kaidan_core::StatementEntry::Opening,
                number: String::new(),
                reference: None,
                method: None,
                debit: kaidan_core::Money::ZERO,
                credit: kaidan_core::Money::ZERO,
                balance: st.opening,
            };
            let rows: Vec<Entry> = std::iter::once(&opening)
                .chain(st.rows.iter())
                .map(|row| Entry {
                    row,
                    label: w.entry(row.kind),
                    reference: [row.method.map(|m| m.label(doc.lang).to_string()), row.reference.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · "),
                })
                .collect();
            paged(doc, &rows, Table::new(statement_columns(&w), f), paper, width, height, f)
        }
        None => paged(doc, &doc.lines, Table::new(columns(doc, &w), f), paper, width, height, f),
    }
}

/// Rows on pages: the head and the table header on every page, the foot on the last.
fn paged<R>(doc: &PrintDoc, rows: &[R], table: Table<R>, paper: Paper, width: f32, height: f32, f: &Frame) -> Sheet {
    let w = Words { lang: doc.lang };
    let s = scale(paper);
    let limit = height - f.bottom_margin;
    // The foot's height, measured by drawing it once aside.
    let foot_h = {
        let mut scratch = Pen::new();
        foot(&mut scratch, doc, &w, &s, f, 0.0)
    };
    let mut pages: Vec<Pen> = Vec::new();
    let mut rows_here = 0usize;
    let start_page = |pages: &mut Vec<Pen>| -> f32 {
        let mut pen = Pen::new();
        let y = head(&mut pen, doc, &w, &s, f);
        let y = table.header(&mut pen, y, &s, f);
        pages.push(pen);
        y
    };
    let mut y = start_page(&mut pages);
    for (i, line) in rows.iter().enumerate() {
        let (_, h) = table.row_lines(line, i, &s);
        // A row that does not fit goes to a new page, unless the page has no row yet (a row
        // taller than a page is drawn and clipped rather than looping forever).
        if y + h > limit && rows_here > 0 {
            y = start_page(&mut pages);
            rows_here = 0;
        }
        let pen = pages.last_mut().expect("a page");
        y = table.row(pen, y, line, i, &s, f);
        rows_here += 1;
    }
    if y + foot_h > limit {
        y = start_page(&mut pages);
    }
    foot(pages.last_mut().expect("a page"), doc, &w, &s, f, y);
    let of = pages.len();
    for (n, pen) in pages.iter_mut().enumerate() {
        footer(pen, &w, &s, f, height, n + 1, of, &doc.number);
    }
    Sheet { width, height, pages: pages.into_iter().map(|p| p.draws).collect() }
}

/// A thermal roll: one column, one page as long as the content.
fn roll(doc: &PrintDoc, paper: Paper, width: f32, f: &Frame) -> Sheet {
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
    y += lh(s.title) + 1.0;
    pen.center(f.center(), y - lh(s.title) * 0.28, s.title, true, w.title(doc.kind));
    if doc.copy {
        y += lh(s.title);
        pen.center(f.center(), y - lh(s.title) * 0.28, s.title, true, &format!("** {} **", w.copy()));
    }
    y += 1.0;
    if let Some(st) = &doc.statement {
        return roll_statement(&mut pen, doc, st, &w, &s, width, f, y);
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
        y = pen.paragraph(f.left, y, s.body, false, f.width(), &amount_in_words(t.total, doc.lang));
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

/// A statement on a roll: one entry a line with its balance, the closing balance, the
/// customer's confirmation.
#[allow(clippy::too_many_arguments)]
fn roll_statement(pen: &mut Pen, doc: &PrintDoc, st: &Statement, w: &Words, s: &Scale, width: f32, f: &Frame, y: f32) -> Sheet {
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
    y = pen.paragraph(f.left, y, s.body, false, f.width(), &amount_in_words(st.closing, doc.lang));
    y = pen.paragraph(f.left, y + 1.0, s.small, false, f.width(), &w.confirm_text(&st.to));
    y += lh(s.body) * 2.5;
    let label = w.pair(w.customer_confirm(), "");
    pen.text(f.left, y - lh(s.body) * 0.28, s.body, false, &label);
    y += lh(s.body) * 1.5;
    pen.line(f.left, y, f.right, y, 0.4);
    Sheet { width, height: y + f.bottom_margin, pages: vec![std::mem::take(&mut pen.draws)] }
}

/// Writes the sheet as a PDF.
pub(crate) fn pdf(sheet: &Sheet, doc: &PrintDoc) -> Result<Vec<u8>, String> {
    let mut pdf = PdfDocument::new(&format!("{} {}", Words { lang: doc.lang }.title(doc.kind), doc.number));
    let regular = pdf.add_font(&faces().regular.font);
    let bold = pdf.add_font(&faces().bold.font);
    let logo = match &doc.logo {
        Some(bytes) => {
            let image = RawImage::decode_from_bytes(bytes, &mut Vec::new())?;
            let size = (image.width, image.height);
            Some((pdf.add_image(&image), size))
        }
        None => None,
    };
    let pt = |mm: f32| Pt::from(Mm(mm));
    let h = sheet.height;
    let black = Color::Greyscale(Greyscale::new(0.0, None));
    let point = |x: f32, y: f32| Point { x: pt(x), y: pt(h - y) };
    let mut pages = Vec::with_capacity(sheet.pages.len());
    for draws in &sheet.pages {
        let mut ops = Vec::with_capacity(draws.len() * 5);
        for d in draws {
            match d {
                Draw::Text { x, y, size, bold: b, text } => {
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(if *b { bold.clone() } else { regular.clone() }),
                        size: Pt(*size),
                    });
                    ops.push(Op::SetTextCursor { pos: point(*x, *y) });
                    ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
                    ops.push(Op::EndTextSection);
                }
                Draw::Line { x1, y1, x2, y2, width } => {
                    ops.push(Op::SetOutlineColor { col: black.clone() });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![LinePoint { p: point(*x1, *y1), bezier: false }, LinePoint { p: point(*x2, *y2), bezier: false }],
                            is_closed: false,
                        },
                    });
                }
                Draw::Fill { x, y, w, h: bh, grey } => {
                    ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale::new(*grey, None)) });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: pt(*x),
                            y: pt(h - y - bh),
                            width: pt(*w),
                            height: pt(*bh),
                            mode: Some(PaintMode::Fill),
                            winding_order: None,
                        },
                    });
                    ops.push(Op::SetFillColor { col: black.clone() });
                }
                Draw::Logo { x, y, h: lh_mm } => {
                    if let Some((id, (_, ph))) = &logo {
                        // At `dpi`, the image is pw × 72 / dpi points wide: pick the dpi that makes it lh_mm tall.
                        let dpi = *ph as f32 * 72.0 / pt(*lh_mm).0;
                        ops.push(Op::UseXobject {
                            id: id.clone(),
                            transform: XObjectTransform {
                                translate_x: Some(pt(*x)),
                                translate_y: Some(pt(h - y - lh_mm)),
                                dpi: Some(dpi),
                                ..Default::default()
                            },
                        });
                    }
                }
            }
        }
        pages.push(PdfPage::new(Mm(sheet.width), Mm(sheet.height), ops));
    }
    let mut warnings = Vec::new();
    Ok(pdf.with_pages(pages).save(&PdfSaveOptions::default(), &mut warnings))
}
