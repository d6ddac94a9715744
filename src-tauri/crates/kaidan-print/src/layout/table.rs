//! The table of a document: its columns (what each shows, how wide, how aligned), the header
//! and the rows, the description column wrapping.

use kaidan_core::document::DocLine;
use kaidan_core::{DocKind, PrintDoc};

use super::pen::{face, lh, Pen};
use super::{Draw, Frame, Scale};
use crate::text::{money, percent, price, qty, Words};

/// Where a column's text sits.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Align {
    Left,
    Right,
    Center,
}

/// A table column over rows of type `R`.
pub(super) struct Column<R> {
    pub(super) title: &'static str,
    /// Width in mm; 0 = takes what is left (the description, which wraps).
    pub(super) width: f32,
    pub(super) align: Align,
    pub(super) cell: fn(&R, usize) -> String,
}

pub(super) fn columns(doc: &PrintDoc, w: &Words) -> Vec<Column<DocLine>> {
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

pub(super) fn description(l: &DocLine, _: usize) -> String {
    match &l.spec {
        Some(s) if !s.trim().is_empty() => format!("{} {}", l.name, s),
        _ => l.name.clone(),
    }
}

pub(super) struct Table<R> {
    cols: Vec<Column<R>>,
    x: Vec<f32>,
    widths: Vec<f32>,
}

impl<R> Table<R> {
    pub(super) fn new(cols: Vec<Column<R>>, f: &Frame) -> Self {
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

    /// A column's title as the header prints it: on one line, or — too wide for its column, as
    /// a bilingual title is ("单价 Unit price") — on two, broken at the first space.
    fn title_lines(&self, i: usize, size: f32) -> Vec<&'static str> {
        let title = self.cols[i].title;
        match title.split_once(' ') {
            Some((a, b)) if face(true).width(title, size) > self.widths[i] - 2.0 => vec![a, b],
            _ => vec![title],
        }
    }

    pub(super) fn header(&self, pen: &mut Pen, y: f32, s: &Scale, f: &Frame) -> f32 {
        let titles: Vec<Vec<&str>> = (0..self.cols.len()).map(|i| self.title_lines(i, s.body)).collect();
        let rows = titles.iter().map(Vec::len).max().unwrap_or(1);
        let h = rows as f32 * lh(s.body) + 2.0;
        pen.draws.push(Draw::Fill { x: f.left, y, w: f.width(), h, grey: 0.88 });
        for (i, lines) in titles.iter().enumerate() {
            // each title sits on the header's bottom line; a two-line one rises above it
            let last = y + h - 1.0 - lh(s.body) * 0.28;
            for (k, text) in lines.iter().enumerate() {
                // a word still too wide for its column ("To follow" over a narrow one) is set
                // smaller before it would be cut
                let size = if face(true).width(text, s.body) > self.widths[i] - 2.0 { s.body * 0.8 } else { s.body };
                self.cell(pen, i, last - (lines.len() - 1 - k) as f32 * lh(s.body), size, true, text);
            }
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
    pub(super) fn row_lines(&self, line: &R, index: usize, s: &Scale) -> (Vec<String>, f32) {
        let i = self.cols.iter().position(|c| c.width == 0.0).expect("a description column");
        let lines = face(false).wrap(&(self.cols[i].cell)(line, index), s.body, self.widths[i] - 2.0);
        let h = lines.len().max(1) as f32 * lh(s.body) + 1.6;
        (lines, h)
    }

    pub(super) fn row(&self, pen: &mut Pen, y: f32, line: &R, index: usize, s: &Scale, f: &Frame) -> f32 {
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
