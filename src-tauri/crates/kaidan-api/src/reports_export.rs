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

/// What a goods-only row (an order's) shows: no orders taken, no money received.
const GOODS: [Measure; 7] =
    [Measure::Sales, Measure::SalesTotal, Measure::Cogs, Measure::SalesCostUnknown, Measure::GrossProfit, Measure::Margin, Measure::Qty];

fn cell(m: &Measures, k: Measure) -> Cell {
    let money = |v: kaidan_core::Money| Cell::Money(v.to_string());
    match k {
        Measure::Sales => money(m.sales),
        Measure::SalesTotal => money(m.sales_total),
        Measure::Cogs => money(m.cogs),
        Measure::SalesCostUnknown => money(m.sales_cost_unknown),
        Measure::GrossProfit => money(m.gross_profit),
        Measure::Margin => m.margin.clone().map(Cell::N).unwrap_or(Cell::T(String::new())),
        Measure::Qty => Cell::N(m.qty.to_string()),
        Measure::Orders => Cell::N(m.orders.to_string()),
        Measure::OrdersValue => money(m.orders_value),
        Measure::AvgOrderValue => m.avg_order_value.map(money).unwrap_or(Cell::T(String::new())),
        Measure::Received => money(m.received),
    }
}

fn cells(m: &Measures) -> Vec<Cell> {
    MEASURES.iter().map(|&k| cell(m, k)).collect()
}

fn measure_head(m: Measure, lang: Lang) -> String {
    let w = capitalized(m.word(lang));
    if m == Measure::Margin {
        format!("{w} %")
    } else {
        w
    }
}

fn measure_heads(lang: Lang) -> Vec<String> {
    MEASURES.iter().map(|&m| measure_head(m, lang)).collect()
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
                    .ranked
                    .rows
                    .iter()
                    .map(|p| [vec![Cell::T(p.sku.clone()), Cell::T(p.name.clone()), Cell::T(p.unit.clone())], cells(&p.measures)].concat())
                    .collect();
                rows.push([vec![Cell::T(total.clone()), Cell::T(String::new()), Cell::T(String::new())], cells(&r.ranked.total)].concat());
                rows.push(vec![]);
                let s = &r.sell_through;
                let line = |label: &str, v: Cell| vec![Cell::T(capitalized(label)), v];
                rows.push(line(words.products_on_sale(), Cell::N(s.active.to_string())));
                rows.push(line(words.products_sold(), Cell::N(s.sold.to_string())));
                rows.push(line(words.sell_through(), s.rate.clone().map(Cell::N).unwrap_or(Cell::T(String::new()))));
                (format!("{} {} – {}", kind.word(lang), r.ranked.range.from, r.ranked.range.to), head, rows)
            }
            ReportKind::Slow => {
                let s = self.report_slow(q, today)?;
                let opt = |v: Option<String>| v.map(Cell::N).unwrap_or(Cell::T(String::new()));
                let head = [
                    words.sku(),
                    words.product_name(),
                    words.unit(),
                    words.on_hand(),
                    words.stock_value(),
                    words.last_sold(),
                    words.days_since(),
                    words.sold_year(),
                    words.days_of_cover(),
                ]
                .map(capitalized)
                .to_vec();
                let mut rows: Vec<Vec<Cell>> = s
                    .rows
                    .iter()
                    .map(|p| {
                        vec![
                            Cell::T(p.sku.clone()),
                            Cell::T(p.name.clone()),
                            Cell::T(p.unit.clone()),
                            Cell::N(p.on_hand.to_string()),
                            p.stock_value.map(|v| Cell::Money(v.to_string())).unwrap_or(Cell::T(capitalized(words.cost_unknown()))),
                            Cell::T(p.last_sold.map(|d| d.to_string()).unwrap_or_else(|| capitalized(words.never()))),
                            opt(p.days_since.map(|d| d.to_string())),
                            Cell::N(p.sold_year.to_string()),
                            opt(p.days_of_cover.map(|d| d.to_string())),
                        ]
                    })
                    .collect();
                let blank = || Cell::T(String::new());
                rows.push(vec![Cell::T(total.clone()), blank(), blank(), blank(), Cell::Money(s.stock_value.to_string())]);
                (words.slow_heading(s.days, &s.as_of.to_string(), s.rows.len()), head, rows)
            }
            ReportKind::Inactive => {
                let s = self.report_inactive(q, today)?;
                let head = [
                    words.customer(),
                    words.region(),
                    words.phone(),
                    words.first_ordered(),
                    words.last_ordered(),
                    words.days_since(),
                    Measure::Orders.word(lang),
                    Measure::OrdersValue.word(lang),
                    Measure::AvgOrderValue.word(lang),
                    words.days_between(),
                ]
                .map(capitalized)
                .to_vec();
                let opt = |v: Option<String>, cell: fn(String) -> Cell| v.map(cell).unwrap_or(Cell::T(String::new()));
                let rows: Vec<Vec<Cell>> = s
                    .rows
                    .iter()
                    .map(|c| {
                        vec![
                            Cell::T(c.customer.clone()),
                            Cell::T(c.region.clone().unwrap_or_default()),
                            Cell::T(c.phone.clone().unwrap_or_default()),
                            Cell::T(c.first_order.to_string()),
                            Cell::T(c.last_order.to_string()),
                            Cell::N(c.days_since.to_string()),
                            Cell::N(c.orders.to_string()),
                            Cell::Money(c.orders_value.to_string()),
                            opt(c.avg_order_value.map(|v| v.to_string()), Cell::Money),
                            opt(c.days_between.map(|v| v.to_string()), Cell::N),
                        ]
                    })
                    .collect();
                (words.inactive_heading(s.days, &s.as_of.to_string(), s.rows.len()), head, rows)
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
                    .ranked
                    .rows
                    .iter()
                    .map(|c| {
                        [vec![Cell::T(c.customer.clone()), Cell::T(c.region.clone().unwrap_or_default())], cells(&c.measures)].concat()
                    })
                    .collect();
                rows.push([vec![Cell::T(total.clone()), Cell::T(String::new())], cells(&r.ranked.total)].concat());
                // who they are: new and returning, by region, orders by channel
                let group = |label: &str, customers: u32, m: &Measures| {
                    [vec![Cell::T(capitalized(label)), Cell::N(customers.to_string())], cells(m)].concat()
                };
                rows.push(vec![]);
                let mut sub = vec![Cell::T(String::new()), Cell::T(capitalized(words.customers_count()))];
                sub.extend(measure_heads(lang).into_iter().map(Cell::T));
                rows.push(sub.clone());
                rows.push(group(words.new_customers(), r.mix.new.customers, &r.mix.new.measures));
                rows.push(group(words.returning_customers(), r.mix.returning.customers, &r.mix.returning.measures));
                rows.push(vec![]);
                sub[0] = Cell::T(capitalized(words.region()));
                rows.push(sub);
                for g in &r.regions {
                    rows.push(group(g.region.as_deref().unwrap_or(words.no_region()), g.customers, &g.measures));
                }
                rows.push(vec![]);
                rows.push(
                    [words.channel(), Measure::Orders.word(lang), Measure::OrdersValue.word(lang), words.share()]
                        .map(|w| Cell::T(capitalized(w)))
                        .to_vec(),
                );
                for c in &r.channels {
                    rows.push(vec![
                        Cell::T(capitalized(c.channel.word(lang))),
                        Cell::N(c.orders.to_string()),
                        Cell::Money(c.orders_value.to_string()),
                        c.share.clone().map(Cell::N).unwrap_or(Cell::T(String::new())),
                    ]);
                }
                (format!("{} {} – {}", kind.word(lang), r.ranked.range.from, r.ranked.range.to), head, rows)
            }
            ReportKind::Profit => {
                let r = self.report_profit(q, today)?;
                let mut head = vec![capitalized(words.order_number()), capitalized(words.customer()), capitalized(words.order_date())];
                head.extend(GOODS.iter().map(|&m| measure_head(m, lang)));
                let goods = |m: &Measures| -> Vec<Cell> { GOODS.iter().map(|&k| cell(m, k)).collect() };
                let mut rows: Vec<Vec<Cell>> = r
                    .rows
                    .iter()
                    .map(|o| {
                        [vec![Cell::T(o.number.clone()), Cell::T(o.customer.clone()), Cell::T(o.order_date.clone())], goods(&o.measures)]
                            .concat()
                    })
                    .collect();
                rows.push([vec![Cell::T(total.clone()), Cell::T(String::new()), Cell::T(String::new())], goods(&r.total)].concat());
                (format!("{} {} – {}", kind.word(lang), r.range.from, r.range.to), head, rows)
            }
            ReportKind::Fulfilment => {
                let f = self.report_fulfilment(q, today)?;
                let w = |s: &str| Cell::T(capitalized(s));
                let n = |v: u32| Cell::N(v.to_string());
                let opt = |v: Option<String>| v.map(Cell::N).unwrap_or(Cell::T(String::new()));
                let head = vec![capitalized(words.status()), capitalized(words.orders())];
                let mut rows: Vec<Vec<Cell>> = f.statuses.iter().map(|s| vec![w(s.status.word(lang)), n(s.orders)]).collect();
                rows.push(vec![]);
                rows.push(vec![w(words.delivered_in_full()), n(f.delivered)]);
                rows.push(vec![w(words.lead_median()), opt(f.lead_median.map(|d| d.to_string()))]);
                rows.push(vec![w(words.lead_p90()), opt(f.lead_p90.map(|d| d.to_string()))]);
                rows.push(vec![w(words.promised()), n(f.promised)]);
                rows.push(vec![w(words.on_time()), n(f.on_time)]);
                rows.push(vec![w(words.on_time_rate()), opt(f.on_time_rate.clone())]);
                rows.push(vec![]);
                rows.push(vec![w(words.lead_days()), w(words.orders())]);
                rows.extend(f.lead_days.iter().map(|l| vec![n(l.days), n(l.orders)]));
                rows.push(vec![]);
                rows.push(vec![w(words.late_open_orders()), n(f.late_count)]);
                rows.push(
                    [
                        words.order_number(),
                        words.customer(),
                        words.status(),
                        words.order_date(),
                        words.deliver_by(),
                        words.days_late(),
                        words.money_total(),
                    ]
                    .into_iter()
                    .map(w)
                    .collect(),
                );
                rows.extend(f.late.iter().map(|o| {
                    vec![
                        Cell::T(o.number.clone()),
                        Cell::T(o.customer.clone()),
                        w(o.status.word(lang)),
                        Cell::T(o.order_date.clone()),
                        Cell::T(o.deliver_by.clone()),
                        n(o.days_late),
                        Cell::Money(o.total.to_string()),
                    ]
                }));
                (format!("{} {} – {}", kind.word(lang), f.range.from, f.range.to), head, rows)
            }
            ReportKind::Collections => {
                let c = self.report_collections(q, today)?;
                let money = |v: kaidan_core::Money| Cell::Money(v.to_string());
                let mut head = vec![capitalized(words.from_label()), capitalized(words.to_label())];
                head.extend(c.total.methods.iter().map(|m| capitalized(m.method.word(lang))));
                head.extend([words.received(), words.refunded_label(), words.net_amount()].map(capitalized));
                let point = |p: &kaidan_core::report::MoneyPoint, first: Vec<Cell>| -> Vec<Cell> {
                    let mut r = first;
                    r.extend(p.methods.iter().map(|m| money(m.net)));
                    r.extend([money(p.received), money(p.refunded), money(p.net)]);
                    r
                };
                let mut rows: Vec<Vec<Cell>> =
                    c.points.iter().map(|p| point(p, vec![Cell::T(p.range.from.to_string()), Cell::T(p.range.to.to_string())])).collect();
                rows.push(point(&c.total, vec![Cell::T(total.clone()), Cell::T(String::new())]));
                rows.push(vec![]);
                let line = |label: &str, v: Cell| vec![Cell::T(capitalized(label)), v];
                rows.push(line(Measure::SalesTotal.word(lang), money(c.sales_total)));
                rows.push(line(words.receivables(), money(c.receivables)));
                rows.push(line(words.overdue(), money(c.overdue)));
                rows.push(line(words.dso(), c.dso.clone().map(Cell::N).unwrap_or(Cell::T(String::new()))));
                rows.push(vec![]);
                rows.push(line(words.current(), money(c.aging.current)));
                rows.push(line(words.aging_1_30(), money(c.aging.d1_30)));
                rows.push(line(words.aging_31_60(), money(c.aging.d31_60)));
                rows.push(line(words.aging_61_90(), money(c.aging.d61_90)));
                rows.push(line(words.aging_90_plus(), money(c.aging.d90_plus)));
                rows.push(line(words.total(), money(c.aging.total)));
                (format!("{} {} – {}", kind.word(lang), c.range.from, c.range.to), head, rows)
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
