//! Page papers (A4, A5, 241 mm): rows on pages, the head and table header on every page, the
//! foot on the last, the page numbers.

use kaidan_core::model::StatementRow;
use kaidan_core::{Paper, PrintDoc};

use super::payment::{applied_rows, payment_columns};
use super::pen::Pen;
use super::sections::{foot, footer, head};
use super::statement::{statement_columns, Entry};
use super::table::{columns, Table};
use super::{scale, Frame, Sheet};
use crate::text::Words;

pub(super) fn sheet(doc: &PrintDoc, paper: Paper, width: f32, height: f32, f: &Frame) -> Sheet {
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
                    reference: [row.method.map(|m| w.both(|l| m.label(l).to_string())), row.reference.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · "),
                })
                .collect();
            paged(doc, &rows, Table::new(statement_columns(&w), f), paper, width, height, f)
        }
        None => match &doc.payment {
            Some(p) => paged(doc, &applied_rows(p, &w), Table::new(payment_columns(&w), f), paper, width, height, f),
            None => paged(doc, &doc.lines, Table::new(columns(doc, &w), f), paper, width, height, f),
        },
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
