//! A report to .xlsx: every row (not a screen's page), a totals row, headed in the user's
//! language with the shop's words (the vocabulary's measures), amounts as numbers Excel adds up.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use kaidan_core::report::{Measure, Measures, ReportKind};
use kaidan_core::text::cli::CliWords;
use kaidan_core::text::vocab::{capitalized, Word};
use kaidan_core::{Error, Lang, Problem};
use rust_xlsxwriter::{Format, Workbook};

use crate::{ExportResult, ReportQuery, Shop};

/// A cell: text, or a decimal (a money amount, a quantity, a percentage) kept as its string
/// until the spreadsheet's number is written.
#[derive(Clone)]
enum Cell {
    T(String),
    Money(String),
    N(String),
}

const MEASURES: [Measure; 11] = [
    Measure::Sales,
    Measure::SalesTotal,
    Measure::Cogs,
    Measure::SalesCostUnknown,
    Measure::GrossProfit,
    Measure::Margin,
    Measure::Qty,
    Measure::Orders,
    Measure::OrdersValue,
    Measure::AvgOrderValue,
    Measure::Received,
];

fn cells(m: &Measures) -> Vec<Cell> {
    let money = |v: kaidan_core::Money| Cell::Money(v.to_string());
    vec![
        money(m.sales),
        money(m.sales_total),
        money(m.cogs),
        money(m.sales_cost_unknown),
        money(m.gross_profit),
        m.margin.clone().map(Cell::N).unwrap_or(Cell::T(String::new())),
        Cell::N(m.qty.to_string()),
        Cell::N(m.orders.to_string()),
        money(m.orders_value),
        m.avg_order_value.map(money).unwrap_or(Cell::T(String::new())),
        money(m.received),
    ]
}

fn measure_heads(lang: Lang) -> Vec<String> {
    MEASURES
        .iter()
        .map(|&m| {
            let w = capitalized(m.word(lang));
            if m == Measure::Margin {
                format!("{w} %")
            } else {
                w
            }
        })
        .collect()
}

fn io(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(Problem::Storage { detail: format!("{}: {e}", path.display()) })
}

impl Shop {
    /// The report `kind` for `q` written to `out` (.xlsx), in `lang`.
    pub fn export_report(
        &self,
        kind: ReportKind,
        q: &ReportQuery,
        today: NaiveDate,
        lang: Lang,
        out: &Path,
    ) -> Result<ExportResult, Error> {
        let words = CliWords { lang };
        let total = capitalized(words.total());
        let (title, head, rows): (String, Vec<String>, Vec<Vec<Cell>>) = match kind {
            ReportKind::Overview => {
                let o = self.report_overview(q, today)?;
                let mut head = vec![String::new(), format!("{} – {}", o.range.from, o.range.to)];
                if let Some(c) = &o.compared_range {
                    head.push(format!("{} – {}", c.from, c.to));
                }
                let now = cells(&o.measures);
                let was = o.compared.as_ref().map(cells);
                let mut was = was.map(|w| w.into_iter());
                let rows = measure_heads(lang)
                    .into_iter()
                    .zip(now)
                    .map(|(h, c)| {
                        let mut r = vec![Cell::T(h), c];
                        if let Some(w) = was.as_mut().and_then(|w| w.next()) {
                            r.push(w);
                        }
                        r
                    })
                    .collect();
                (format!("{} {} – {}", kind.word(lang), o.range.from, o.range.to), head, rows)
            }
            ReportKind::Trend => {
                let t = self.report_trend(q, today)?;
                let mut head = vec![capitalized(words.from_label()), capitalized(words.to_label())];
                head.extend(measure_heads(lang));
                let mut rows: Vec<Vec<Cell>> = t
                    .points
                    .iter()
                    .map(|p| [vec![Cell::T(p.range.from.to_string()), Cell::T(p.range.to.to_string())], cells(&p.measures)].concat())
                    .collect();
                rows.push([vec![Cell::T(total.clone()), Cell::T(String::new())], cells(&t.total)].concat());
                (format!("{} {} – {}", kind.word(lang), t.range.from, t.range.to), head, rows)
            }
            ReportKind::Products => {
                let r = self.report_products(q, today)?;
                let mut head = vec![capitalized(words.sku()), capitalized(words.product_name()), capitalized(words.unit())];
                head.extend(measure_heads(lang));
                let mut rows: Vec<Vec<Cell>> = r
                    .rows
                    .iter()
                    .map(|p| [vec![Cell::T(p.sku.clone()), Cell::T(p.name.clone()), Cell::T(p.unit.clone())], cells(&p.measures)].concat())
                    .collect();
                rows.push([vec![Cell::T(total.clone()), Cell::T(String::new()), Cell::T(String::new())], cells(&r.total)].concat());
                (format!("{} {} – {}", kind.word(lang), r.range.from, r.range.to), head, rows)
            }
            ReportKind::Day => {
                let d = self.report_day(q, today)?;
                let head = vec![String::new(), d.date.to_string(), capitalized(words.refunded_label()), capitalized(words.net_amount())];
                let mut rows: Vec<Vec<Cell>> =
                    measure_heads(lang).into_iter().zip(cells(&d.measures)).map(|(h, c)| vec![Cell::T(h), c]).collect();
                for m in &d.methods {
                    rows.push(vec![
                        Cell::T(capitalized(m.method.word(lang))),
                        Cell::Money(m.received.to_string()),
                        Cell::Money(m.refunded.to_string()),
                        Cell::Money(m.net.to_string()),
                    ]);
                }
                (format!("{} {}", kind.word(lang), d.date), head, rows)
            }
            ReportKind::Customers => {
                let r = self.report_customers(q, today)?;
                let mut head = vec![capitalized(words.customer()), capitalized(words.region())];
                head.extend(measure_heads(lang));
                let mut rows: Vec<Vec<Cell>> = r
                    .rows
                    .iter()
                    .map(|c| {
                        [vec![Cell::T(c.customer.clone()), Cell::T(c.region.clone().unwrap_or_default())], cells(&c.measures)].concat()
                    })
                    .collect();
                rows.push([vec![Cell::T(total.clone()), Cell::T(String::new())], cells(&r.total)].concat());
                (format!("{} {} – {}", kind.word(lang), r.range.from, r.range.to), head, rows)
            }
        };
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let bold = Format::new().set_bold();
        let amount = Format::new().set_num_format("#,##0.00");
        ws.write_string_with_format(0, 0, capitalized(&title), &bold).map_err(|e| io(out, e))?;
        for (c, h) in head.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, h, &bold).map_err(|e| io(out, e))?;
        }
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 3;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::T(s) if s.is_empty() => Ok(()),
                    Cell::T(s) => ws.write_string(r, c, crate::export::neutralise(s)).map(drop),
                    // the spreadsheet's own number type: the file is for Excel to add up
                    Cell::Money(s) => ws.write_number_with_format(r, c, s.parse::<f64>().unwrap_or(0.0), &amount).map(drop),
                    Cell::N(s) => ws.write_number(r, c, s.parse::<f64>().unwrap_or(0.0)).map(drop),
                }
                .map_err(|e| io(out, e))?;
            }
        }
        ws.set_column_width(0, 24).map_err(|e| io(out, e))?;
        let bytes = wb.save_to_buffer().map_err(|e| io(out, e))?;
        crate::write_bytes_whole(out, &bytes).map_err(|e| io(out, e))?;
        Ok(ExportResult { file: PathBuf::from(out), rows: rows.len() })
    }
}
