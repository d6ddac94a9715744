//! A report on paper: on A4 the shop's name, the title and what it covers, the chart, the tables
//! (columns as wide as their widest cell, the font smaller and the page turned when a table is
//! wide; the head repeated on each page), the notes, the lines to sign, numbered pages; on a
//! till roll (the day's close) the same in one column, without the chart.

use kaidan_core::report::{Cell, Chart, ChartUnit, ReportSheet, Table};
use kaidan_core::{Lang, Margins, Money, Paper};

use super::pen::{face, lh, Pen};
use super::{mm, Draw, Frame, Sheet};
use crate::text::{grouped, money, Words};

/// The A4 body size; tables shrink from it down to [`SMALLEST`] to fit the width.
const BODY: f32 = 8.5;
const SMALLEST: f32 = 5.5;
/// A text column's widest (a name longer is cut with "…").
const TEXT_MAX: f32 = 62.0;

pub(crate) fn lay_out_report(sheet: &ReportSheet, company: &str, printed_on: &str, lang: Lang, paper: Paper, m: Margins) -> Sheet {
    let w = Words { lang: lang.into() };
    let pw = mm(paper.width());
    match paper.height() {
        Some(h) => {
            let ph = mm(h);
            // turned when the widest table does not fit upright at the body size
            let upright = Frame::within(pw, m).width();
            let widest = sheet.tables.iter().map(|t| natural(t, BODY).iter().sum::<f32>()).fold(0.0, f32::max);
            let (width, height) = if widest > upright { (ph, pw) } else { (pw, ph) };
            pages(sheet, company, printed_on, &w, width, height, &Frame::within(width, m))
        }
        None => roll(sheet, company, printed_on, &w, paper, pw, &Frame::within(pw, m)),
    }
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(t) => t.clone(),
        Cell::Money(m) => money(*m),
        Cell::Number(n) => grouped(n),
    }
}

/// Each column's width at `size`: its widest cell (the head in bold) and some air; a text
/// column at most [`TEXT_MAX`].
fn natural(t: &Table, size: f32) -> Vec<f32> {
    let n = t.columns();
    let mut widths = vec![0.0f32; n];
    let mut figure = vec![false; n];
    for (i, h) in t.head.iter().enumerate() {
        widths[i] = widths[i].max(face(true).width(h, size));
    }
    for (row, bold) in t.rows.iter().map(|r| (r, false)).chain(t.total.iter().map(|r| (r, true))) {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(face(bold).width(&cell_text(c), size));
            figure[i] |= c.is_figure();
        }
    }
    widths.iter().zip(&figure).map(|(w, fig)| if *fig { w + 3.0 } else { w.min(TEXT_MAX * size / BODY) + 3.0 }).collect()
}

/// The font size and the column widths that fit `room`: smaller type first, then the text
/// columns narrower (cut with "…"). Tables of five or more columns take the whole width.
fn fit(t: &Table, room: f32) -> (f32, Vec<f32>) {
    let total = |w: &[f32]| w.iter().sum::<f32>();
    let mut size = BODY;
    let mut widths = natural(t, size);
    while total(&widths) > room && size > SMALLEST {
        size = (size - 0.25).max(SMALLEST);
        widths = natural(t, size);
    }
    let over = total(&widths) - room;
    if over > 0.0 {
        // the text columns give up the rest, in proportion to their width
        let text: Vec<bool> = (0..widths.len()).map(|i| !column_is_figure(t, i)).collect();
        let text_w: f32 = widths.iter().zip(&text).filter(|(_, t)| **t).map(|(w, _)| w).sum();
        if text_w > 0.0 {
            for (w, is_text) in widths.iter_mut().zip(&text) {
                if *is_text {
                    *w = (*w - over * *w / text_w).max(8.0);
                }
            }
        }
    } else if widths.len() >= 5 {
        let extra = -over / widths.len() as f32;
        widths.iter_mut().for_each(|w| *w += extra);
    }
    (size, widths)
}

fn column_is_figure(t: &Table, i: usize) -> bool {
    t.rows.iter().chain(t.total.iter()).any(|r| r.get(i).is_some_and(Cell::is_figure))
}

/// A page's pen and where the next thing goes.
struct Flow<'a> {
    pages: Vec<Pen>,
    y: f32,
    limit: f32,
    f: &'a Frame,
    /// The title repeated small at the top of every page after the first.
    running: String,
}

impl Flow<'_> {
    fn pen(&mut self) -> &mut Pen {
        self.pages.last_mut().expect("a page")
    }
    /// Room for `h` mm on this page, else a new page.
    fn need(&mut self, h: f32) -> bool {
        if self.y + h <= self.limit {
            return false;
        }
        let mut pen = Pen::new();
        let y = self.f.top + lh(7.5);
        pen.text(self.f.left, y - lh(7.5) * 0.28, 7.5, false, &self.running);
        pen.line(self.f.left, y + 0.8, self.f.right, y + 0.8, 0.3);
        self.pages.push(pen);
        self.y = y + 3.0;
        true
    }
}

fn pages(sheet: &ReportSheet, company: &str, printed_on: &str, w: &Words, width: f32, height: f32, f: &Frame) -> Sheet {
    let mut flow = Flow {
        pages: vec![Pen::new()],
        y: f.top,
        limit: height - f.bottom_margin - 4.0,
        f,
        running: format!("{company} · {}", sheet.title),
    };
    // the head: the shop, the title, what it covers, when it was printed
    let pen = flow.pen();
    let mut y = f.top;
    for l in face(true).wrap(company, 15.0, f.width()) {
        y += lh(15.0);
        pen.text(f.left, y - lh(15.0) * 0.28, 15.0, true, &l);
    }
    y += 1.0;
    for l in face(true).wrap(&sheet.title, 12.5, f.width()) {
        y += lh(12.5);
        pen.text(f.left, y - lh(12.5) * 0.28, 12.5, true, &l);
    }
    for s in &sheet.subtitle {
        y = pen.paragraph(f.left, y, 8.5, false, f.width(), s);
    }
    y += lh(7.5);
    pen.right(f.right, y - lh(7.5) * 0.28, 7.5, false, &w.pair(w.printed_on(), printed_on));
    pen.line(f.left, y + 1.0, f.right, y + 1.0, 0.8);
    flow.y = y + 4.0;
    if let Some(c) = &sheet.chart {
        let h = if c.lying {
            9.0 + c.labels.len() as f32 * 5.2
        } else if width > height {
            62.0
        } else {
            72.0
        };
        flow.need(h);
        let y = flow.y;
        chart(flow.pen(), c, w.lang.first(), f, y, h);
        flow.y = y + h + 4.0;
    }
    for t in &sheet.tables {
        table(&mut flow, t);
        flow.y += 4.0;
    }
    for n in &sheet.notes {
        let lines = face(false).wrap(n, 7.5, f.width()).len();
        flow.need(lines as f32 * lh(7.5));
        let y = flow.y;
        flow.y = flow.pen().paragraph(f.left, y, 7.5, false, f.width(), n);
    }
    if !sheet.sign.is_empty() {
        flow.y += 4.0;
        let half = f.width() / 2.0;
        for pair in sheet.sign.chunks(2) {
            flow.need(lh(BODY) * 2.2);
            flow.y += lh(BODY) * 2.0;
            let y = flow.y;
            for (k, label) in pair.iter().enumerate() {
                let x = f.left + k as f32 * half;
                let text = w.pair(label, "");
                let tw = face(false).width(&text, BODY);
                let pen = flow.pen();
                pen.text(x, y - lh(BODY) * 0.28, BODY, false, &text);
                pen.line(x + tw + 1.0, y, x + half - 6.0, y, 0.4);
            }
        }
    }
    let of = flow.pages.len();
    let mut pages = flow.pages;
    for (n, pen) in pages.iter_mut().enumerate() {
        let y = height - f.bottom_margin + lh(7.0);
        pen.text(f.left, y, 7.0, false, &w.pair(w.printed_on(), printed_on));
        pen.center(f.center(), y, 7.0, false, &w.page(n + 1, of));
        pen.right(f.right, y, 7.0, false, &face(false).clip(company, 7.0, f.width() / 3.0));
    }
    Sheet { width, height, pages: pages.into_iter().map(|p| p.draws).collect() }
}

/// A table on the pages: its heading, its head (again on each page it runs onto), the rows,
/// the totals row in bold between rules.
fn table(flow: &mut Flow, t: &Table) {
    let f = flow.f;
    let (size, widths) = fit(t, f.width());
    let n = widths.len();
    if n == 0 {
        return;
    }
    let x: Vec<f32> = widths
        .iter()
        .scan(f.left, |at, w| {
            let x = *at;
            *at += w;
            Some(x)
        })
        .collect();
    let right = x[n - 1] + widths[n - 1];
    let row_h = lh(size) + 1.4;
    let figure: Vec<bool> = (0..n).map(|i| column_is_figure(t, i)).collect();
    let draw_row = |pen: &mut Pen, y: f32, cells: &[String], bold: bool| {
        let base = y + row_h - 0.7 - lh(size) * 0.28;
        for (i, text) in cells.iter().enumerate().take(n) {
            let text = face(bold).clip(text, size, widths[i] - 2.0);
            if figure[i] {
                pen.right(x[i] + widths[i] - 1.0, base, size, bold, &text);
            } else {
                pen.text(x[i] + 1.0, base, size, bold, &text);
            }
        }
    };
    let head = |flow: &mut Flow| {
        if t.head.is_empty() {
            return;
        }
        let y = flow.y;
        let pen = flow.pen();
        pen.draws.push(Draw::Fill { x: f.left, y, w: right - f.left, h: row_h, grey: 0.88 });
        draw_row(pen, y, &t.head, true);
        pen.line(f.left, y, right, y, 0.6);
        pen.line(f.left, y + row_h, right, y + row_h, 0.4);
        flow.y += row_h;
    };
    let heading_h = t.heading.as_ref().map_or(0.0, |_| lh(BODY + 0.5) + 1.0);
    // the heading, the head and a first row stay together
    flow.need(heading_h + row_h * 3.0);
    if let Some(h) = &t.heading {
        flow.y += lh(BODY + 0.5);
        let y = flow.y;
        flow.pen().text(f.left, y - lh(BODY + 0.5) * 0.28, BODY + 0.5, true, h);
        flow.y += 1.0;
    }
    head(flow);
    let rows = t.rows.iter().map(|r| (r, false)).chain(t.total.iter().map(|r| (r, true)));
    for (row, bold) in rows {
        if flow.need(row_h) {
            head(flow);
        }
        let y = flow.y;
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        let pen = flow.pen();
        if bold {
            pen.line(f.left, y, right, y, 0.6);
        }
        draw_row(pen, y, &cells, bold);
        pen.line(f.left, y + row_h, right, y + row_h, if bold { 0.6 } else { 0.2 });
        flow.y += row_h;
    }
}

/// A round step for an axis of `span` in `parts`: 1, 2 or 5 times a power of ten.
fn nice_step(span: i64, parts: i64) -> i64 {
    let raw = ((span + parts - 1) / parts).max(1);
    let mut p = 1i64;
    while p.saturating_mul(10) <= raw {
        p *= 10;
    }
    [1, 2, 5, 10].iter().map(|k| k * p).find(|s| *s >= raw).unwrap_or(10 * p)
}

/// An upright chart's axis for values from `lo` to `hi`: its ends and ticks, on round steps.
/// Money steps by whole yuan (the labels are in yuan, so no two ticks read alike); an empty
/// chart still has an axis (0–4).
fn axis(lo: i64, hi: i64, unit: ChartUnit) -> (i64, i64, Vec<i64>) {
    let one = if unit == ChartUnit::Money { 100 } else { 1 };
    let hi = if hi == lo { lo + 4 * one } else { hi };
    let step = nice_step((hi - lo + one - 1) / one, 4) * one;
    let lo = lo.div_euclid(step) * step;
    let hi = if hi % step == 0 { hi } else { (hi.div_euclid(step) + 1) * step }.max(lo + step);
    (lo, hi, (0..).map(|k| lo + k * step).take_while(|v| *v <= hi).collect())
}

/// An axis figure: money in 万 and 亿 in Chinese, k and M in English (the exact figures are in
/// the table); counts as they are.
fn axis_label(v: i64, unit: ChartUnit, lang: Lang) -> String {
    let yuan = match unit {
        ChartUnit::Money => v / 100,
        ChartUnit::Count => return v.to_string(),
    };
    // tenths of the unit, rounded half away from zero, integers only
    let tenths = |unit: i64| -> String {
        let t = (yuan * 10 + yuan.signum() * unit / 2) / unit;
        if t % 10 == 0 {
            (t / 10).to_string()
        } else {
            format!("{}{}.{}", if t < 0 { "-" } else { "" }, (t / 10).abs(), (t % 10).abs())
        }
    };
    match lang {
        Lang::ZhCn if yuan.abs() >= 100_000_000 => format!("{}亿", tenths(100_000_000)),
        Lang::ZhCn if yuan.abs() >= 10_000 => format!("{}万", tenths(10_000)),
        Lang::En if yuan.abs() >= 1_000_000 => format!("{}M", tenths(1_000_000)),
        Lang::En if yuan.abs() >= 1_000 => format!("{}k", tenths(1_000)),
        _ => grouped(&yuan.to_string()),
    }
}

fn exact(v: i64, unit: ChartUnit) -> String {
    match unit {
        ChartUnit::Money => money(Money::from_minor(v)),
        ChartUnit::Count => v.to_string(),
    }
}

/// The greys the series are drawn in: bars mid grey, lines black, then lighter.
const GREYS: [f32; 4] = [0.55, 0.0, 0.45, 0.7];

fn chart(pen: &mut Pen, c: &Chart, lang: Lang, f: &Frame, top: f32, h: f32) {
    let small = 7.0;
    // the title and the legend on one line
    let mut y = top + lh(9.0);
    pen.text(f.left, y - lh(9.0) * 0.28, 9.0, true, &c.title);
    let mut lx = f.left + face(true).width(&c.title, 9.0) + 6.0;
    if c.series.len() > 1 {
        for (i, s) in c.series.iter().enumerate() {
            let g = GREYS[i % GREYS.len()];
            if s.line {
                pen.draws.push(Draw::Stroke { points: vec![(lx, y - 1.2), (lx + 5.0, y - 1.2)], width: 1.2, grey: g });
            } else {
                pen.draws.push(Draw::Fill { x: lx, y: y - 2.6, w: 5.0, h: 2.6, grey: g });
            }
            pen.text(lx + 6.0, y - lh(small) * 0.28, small, false, &s.name);
            lx += 6.0 + face(false).width(&s.name, small) + 5.0;
        }
    }
    y += 2.5;
    if c.lying {
        lying(pen, c, f, y);
        return;
    }
    let all = c.series.iter().flat_map(|s| s.values.iter().copied());
    let (lo, hi) = all.fold((0i64, 0i64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (lo, hi, ticks) = axis(lo, hi, c.unit);
    let labels: Vec<String> = ticks.iter().map(|v| axis_label(*v, c.unit, lang)).collect();
    let axis_w = labels.iter().map(|l| face(false).width(l, small)).fold(0.0, f32::max) + 2.0;
    let (left, right) = (f.left + axis_w, f.right);
    let (plot_top, plot_bottom) = (y + 1.0, top + h - lh(small) - 1.0);
    let at = |v: i64| plot_bottom - (v - lo) as f32 / (hi - lo) as f32 * (plot_bottom - plot_top);
    for (v, l) in ticks.iter().zip(&labels) {
        let ty = at(*v);
        pen.line(left, ty, right, ty, if *v == 0 { 0.6 } else { 0.15 });
        pen.right(left - 1.0, ty + lh(small) * 0.3, small, false, l);
    }
    let n = c.labels.len().max(1);
    let slot = (right - left) / n as f32;
    let bars: Vec<usize> = (0..c.series.len()).filter(|&i| !c.series[i].line).collect();
    let bar_w = slot * 0.7 / bars.len().max(1) as f32;
    for (k, &si) in bars.iter().enumerate() {
        for (i, v) in c.series[si].values.iter().enumerate().take(n) {
            let x = left + i as f32 * slot + slot * 0.15 + k as f32 * bar_w;
            let (a, b) = (at(*v), at(0.max(lo)));
            pen.draws.push(Draw::Fill { x, y: a.min(b), w: bar_w, h: (a - b).abs(), grey: GREYS[si % GREYS.len()] });
        }
    }
    for (si, s) in c.series.iter().enumerate().filter(|(_, s)| s.line) {
        let points: Vec<(f32, f32)> = s.values.iter().enumerate().take(n).map(|(i, v)| (left + (i as f32 + 0.5) * slot, at(*v))).collect();
        pen.draws.push(Draw::Stroke { points, width: if si == 1 { 1.1 } else { 0.8 }, grey: GREYS[si % GREYS.len()] });
    }
    // the labels under the axis, as many as fit side by side
    let label_w = c.labels.iter().map(|l| face(false).width(l, small)).fold(0.0, f32::max) + 2.0;
    let every = ((label_w / slot).ceil() as usize).max(1);
    for (i, l) in c.labels.iter().enumerate().step_by(every) {
        pen.center(left + (i as f32 + 0.5) * slot, plot_bottom + lh(small), small, false, l);
    }
}

/// A ranking: one bar a row, the label before it and the exact figure after it.
fn lying(pen: &mut Pen, c: &Chart, f: &Frame, top: f32) {
    let small = 7.5;
    let Some(s) = c.series.first() else { return };
    let label_w = c.labels.iter().map(|l| face(false).width(l, small)).fold(0.0, f32::max).min(50.0) + 2.0;
    let figures: Vec<String> = s.values.iter().map(|v| exact(*v, c.unit)).collect();
    let figure_w = figures.iter().map(|t| face(false).width(t, small)).fold(0.0, f32::max) + 2.0;
    let (left, right) = (f.left + label_w, f.right - figure_w);
    let hi = s.values.iter().copied().max().unwrap_or(0).max(1);
    let lo = s.values.iter().copied().min().unwrap_or(0).min(0);
    let zero = left + (-lo) as f32 / (hi - lo) as f32 * (right - left);
    let row = 5.2;
    for (i, (label, v)) in c.labels.iter().zip(&s.values).enumerate() {
        let y = top + i as f32 * row;
        let base = y + row / 2.0 + lh(small) * 0.22;
        pen.right(left - 2.0, base, small, false, &face(false).clip(label, small, label_w - 2.0));
        let end = left + (*v - lo) as f32 / (hi - lo) as f32 * (right - left);
        pen.draws.push(Draw::Fill { x: zero.min(end), y: y + 0.8, w: (end - zero).abs(), h: row - 1.6, grey: GREYS[0] });
        pen.text(zero.max(end) + 1.0, base, small, false, &figures[i]);
    }
}

/// The day's close (or any report) on a till roll: one column, the tables of up to four
/// columns as they are, wider ones a row at a time as "head: value" lines.
fn roll(sheet: &ReportSheet, company: &str, printed_on: &str, w: &Words, paper: Paper, width: f32, f: &Frame) -> Sheet {
    let body = if paper == Paper::Roll58 { 7.5 } else { 8.5 };
    let mut pen = Pen::new();
    let mut y = f.top;
    for l in face(true).wrap(company, body + 2.5, f.width()) {
        y += lh(body + 2.5);
        pen.center(f.center(), y - lh(body + 2.5) * 0.28, body + 2.5, true, &l);
    }
    for l in face(true).wrap(&sheet.title, body + 1.5, f.width()) {
        y += lh(body + 1.5);
        pen.center(f.center(), y - lh(body + 1.5) * 0.28, body + 1.5, true, &l);
    }
    for s in &sheet.subtitle {
        y = pen.paragraph(f.left, y, body - 1.0, false, f.width(), s);
    }
    y = pen.paragraph(f.left, y, body - 1.0, false, f.width(), &w.pair(w.printed_on(), printed_on));
    for t in &sheet.tables {
        y += 1.2;
        pen.line(f.left, y, f.right, y, 0.5);
        y += 0.5;
        if let Some(h) = &t.heading {
            y = pen.paragraph(f.left, y, body, true, f.width(), h);
        }
        let n = t.columns();
        if n <= 4 {
            let (size, widths) = fit_roll(t, f.width(), body);
            let mut x = f.left;
            let xs: Vec<f32> = widths
                .iter()
                .map(|w| {
                    let at = x;
                    x += w;
                    at
                })
                .collect();
            let rows = std::iter::once((t.head.iter().map(String::clone).collect::<Vec<_>>(), true, false))
                .filter(|_| !t.head.iter().all(String::is_empty))
                .chain(t.rows.iter().map(|r| (r.iter().map(cell_text).collect(), false, false)))
                .chain(t.total.iter().map(|r| (r.iter().map(cell_text).collect(), true, true)));
            for (cells, bold, rule) in rows {
                if rule {
                    pen.line(f.left, y + 0.3, f.right, y + 0.3, 0.4);
                }
                y += lh(size);
                let base = y - lh(size) * 0.28;
                for (i, text) in cells.iter().enumerate().take(n) {
                    let text = face(bold).clip(text, size, widths[i] - 1.0);
                    if i > 0 {
                        pen.right(xs[i] + widths[i], base, size, bold, &text);
                    } else {
                        pen.text(xs[i], base, size, bold, &text);
                    }
                }
            }
        } else {
            for (row, bold) in t.rows.iter().map(|r| (r, false)).chain(t.total.iter().map(|r| (r, true))) {
                let cells: Vec<String> = row.iter().map(cell_text).collect();
                y = pen.paragraph(f.left, y + 0.6, body, true, f.width(), cells.first().map(String::as_str).unwrap_or(""));
                for (i, text) in cells.iter().enumerate().skip(1).filter(|(_, t)| !t.is_empty()) {
                    y += lh(body - 0.5);
                    let base = y - lh(body - 0.5) * 0.28;
                    let head = t.head.get(i).map(String::as_str).unwrap_or("");
                    pen.text(f.left + 2.0, base, body - 0.5, false, &face(false).clip(head, body - 0.5, f.width() * 0.6));
                    pen.right(f.right, base, body - 0.5, bold, text);
                }
            }
        }
    }
    y += 1.2;
    pen.line(f.left, y, f.right, y, 0.5);
    for n in &sheet.notes {
        y = pen.paragraph(f.left, y + 0.8, body - 1.5, false, f.width(), n);
    }
    for label in &sheet.sign {
        y += lh(body) * 2.0;
        let text = w.pair(label, "");
        let tw = face(false).width(&text, body);
        pen.text(f.left, y - lh(body) * 0.28, body, false, &text);
        pen.line(f.left + tw + 1.0, y, f.right, y, 0.4);
    }
    Sheet { width, height: y + f.bottom_margin, pages: vec![pen.draws] }
}

/// A narrow table on a roll: the figures as wide as they need, the first column the rest.
fn fit_roll(t: &Table, room: f32, body: f32) -> (f32, Vec<f32>) {
    let mut size = body;
    loop {
        let mut widths = natural(t, size);
        let figures: f32 = widths.iter().skip(1).sum();
        if figures + 12.0 <= room || size <= SMALLEST {
            if let Some(first) = widths.first_mut() {
                *first = (room - figures).max(12.0);
            }
            return (size, widths);
        }
        size -= 0.5;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_figures_are_in_wan_and_yi_in_chinese() {
        let yuan = |y: i64| y * 100;
        assert_eq!(axis_label(yuan(0), ChartUnit::Money, Lang::ZhCn), "0");
        assert_eq!(axis_label(yuan(5_000), ChartUnit::Money, Lang::ZhCn), "5,000");
        assert_eq!(axis_label(yuan(20_000), ChartUnit::Money, Lang::ZhCn), "2万");
        assert_eq!(axis_label(yuan(125_000), ChartUnit::Money, Lang::ZhCn), "12.5万");
        assert_eq!(axis_label(yuan(-15_000), ChartUnit::Money, Lang::ZhCn), "-1.5万");
        assert_eq!(axis_label(yuan(300_000_000), ChartUnit::Money, Lang::ZhCn), "3亿");
        assert_eq!(axis_label(yuan(20_000), ChartUnit::Money, Lang::En), "20k");
        assert_eq!(axis_label(yuan(2_500_000), ChartUnit::Money, Lang::En), "2.5M");
        assert_eq!(axis_label(7, ChartUnit::Count, Lang::En), "7");
    }

    #[test]
    fn money_axes_step_by_whole_yuan_and_no_two_ticks_read_alike() {
        for (lo, hi) in [(0, 0), (0, 150), (0, 1), (-250, 99), (0, 12_345_678), (-5_000_000, 30_000_000)] {
            let (a, b, ticks) = axis(lo, hi, ChartUnit::Money);
            assert!(a <= lo && b >= hi && ticks.len() >= 2, "{lo}..{hi}: {a}..{b} {ticks:?}");
            let labels: Vec<String> = ticks.iter().map(|t| axis_label(*t, ChartUnit::Money, Lang::ZhCn)).collect();
            let distinct: std::collections::BTreeSet<&String> = labels.iter().collect();
            assert_eq!(distinct.len(), labels.len(), "{lo}..{hi}: {labels:?}");
        }
        assert_eq!(axis(0, 0, ChartUnit::Money).2, vec![0, 100, 200, 300, 400], "an empty chart: 0–4 yuan");
        assert_eq!(axis(0, 150, ChartUnit::Money).2, vec![0, 100, 200], "1.50 yuan: whole yuan");
        assert_eq!(axis(0, 7, ChartUnit::Count).2, vec![0, 2, 4, 6, 8]);
    }

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(nice_step(100, 4), 50);
        assert_eq!(nice_step(1_000_000, 4), 500_000);
        assert_eq!(nice_step(7, 4), 2);
        assert_eq!(nice_step(3, 4), 1);
        assert_eq!(nice_step(12_345_678, 4), 5_000_000);
    }
}
