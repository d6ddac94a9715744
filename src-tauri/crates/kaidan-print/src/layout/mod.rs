//! Page layout: drawing commands in millimetres from the top-left corner, then PDF.
//!
//! `pen.rs` holds the drawing primitives, `table.rs` the table and its columns, `sections.rs`
//! the head and foot every document shares, `statement.rs` what only a statement prints,
//! `page.rs` page papers (rows on pages), `roll.rs` thermal rolls and `pdf.rs` the writer.

use kaidan_core::{Margins, Paper, PrintDoc};

mod page;
mod payment;
mod pdf;
mod pen;
mod report;
mod roll;
mod sections;
mod statement;
mod table;

use page::sheet;
pub(crate) use pdf::pdf;
pub(crate) use report::lay_out_report;
use roll::roll;

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
    /// A line through the points (a chart's series), in a grey (0 = black).
    Stroke {
        points: Vec<(f32, f32)>,
        width: f32,
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

/// Tenths of a millimetre (how papers and margins are kept) in millimetres.
fn mm(tenths: u32) -> f32 {
    tenths as f32 / 10.0
}

pub(crate) fn lay_out(doc: &PrintDoc, paper: Paper, m: Margins) -> Sheet {
    let width = mm(paper.width());
    let frame = Frame::within(width, m);
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
    /// The space inside margins `m` on a sheet `width` mm wide.
    fn within(width: f32, m: Margins) -> Self {
        Frame { left: mm(m.left), right: width - mm(m.right), top: mm(m.top), bottom_margin: mm(m.bottom) }
    }
    fn width(&self) -> f32 {
        self.right - self.left
    }
    fn center(&self) -> f32 {
        (self.left + self.right) / 2.0
    }
}
