//! A report as a file: the report's [`ReportSheet`] (its tables, chart and notes in the user's
//! language, headed with the shop's words — the vocabulary's measures) written to .xlsx (every
//! row, not a screen's page, amounts as numbers Excel adds up) or printed to PDF by kaidan-print
//! (A4 with its chart; the day's close also on a till roll).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use kaidan_core::report::{
    Bucket, Cell, Chart, ChartUnit, DateRange, Measure, Measures, RankBy, ReportKind, ReportNote, ReportSheet, Series, Table, CHART_TOP,
};
use kaidan_core::text::cli::CliWords;
use kaidan_core::text::vocab::{capitalized, Word};
use kaidan_core::{Error, Lang, Money, Paper, Problem};
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};

use crate::{ExportResult, ReportQuery, Shop};

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
    match k {
        Measure::Sales => Cell::Money(m.sales),
        Measure::SalesTotal => Cell::Money(m.sales_total),
        Measure::Cogs => Cell::Money(m.cogs),
        Measure::SalesCostUnknown => Cell::Money(m.sales_cost_unknown),
        Measure::GrossProfit => Cell::Money(m.gross_profit),
        Measure::Margin => Cell::number_or_blank(m.margin.clone()),
        Measure::Qty => Cell::Number(m.qty.to_string()),
        Measure::Orders => Cell::Number(m.orders.to_string()),
        Measure::OrdersValue => Cell::Money(m.orders_value),
        Measure::AvgOrderValue => Cell::money_or_blank(m.avg_order_value),
        Measure::Received => Cell::Money(m.received),
    }
}

fn cells(m: &Measures) -> Vec<Cell> {
    MEASURES.iter().map(|&k| cell(m, k)).collect()
}

fn goods(m: &Measures) -> Vec<Cell> {
    GOODS.iter().map(|&k| cell(m, k)).collect()
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

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn io(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(Problem::Storage { detail: format!("{}: {e}", path.display()) })
}

fn range_title(kind: ReportKind, lang: Lang, r: &DateRange) -> String {
    format!("{} {} – {}", kind.word(lang), r.from, r.to)
}

/// A bucket's label on a chart's axis: `11-05` (a day, a week's first day), `2026-11`,
/// `2026 Q4`, `2026`.
fn bucket_label(by: Bucket, r: &DateRange) -> String {
    use chrono::Datelike;
    match by {
        Bucket::Day | Bucket::Week => r.from.format("%m-%d").to_string(),
        Bucket::Month => r.from.format("%Y-%m").to_string(),
        Bucket::Quarter => format!("{} Q{}", r.from.year(), r.from.month0() / 3 + 1),
        Bucket::Year => r.from.year().to_string(),
    }
}

/// The measure a ranking's chart draws: what it is ranked by (sales for a ranking by quantity:
/// a chart's axis counts money).
fn ranked_measure(rank: RankBy) -> Measure {
    match rank {
        RankBy::GrossProfit => Measure::GrossProfit,
        RankBy::Sales | RankBy::Qty => Measure::Sales,
    }
}

fn money_of(m: &Measures, k: Measure) -> i64 {
    match k {
        Measure::GrossProfit => m.gross_profit.minor(),
        _ => m.sales.minor(),
    }
}

/// The first [`CHART_TOP`] rows of a ranking as lying bars.
fn top_chart<R>(rows: &[R], lang: Lang, k: Measure, label: impl Fn(&R) -> String, value: impl Fn(&R) -> i64) -> Option<Chart> {
    let top = &rows[..rows.len().min(CHART_TOP)];
    (!top.is_empty()).then(|| Chart {
        title: format!("{}{}", CliWords { lang }.top_label(), capitalized(k.word(lang))),
        labels: top.iter().map(&label).collect(),
        series: vec![Series { name: capitalized(k.word(lang)), values: top.iter().map(&value).collect(), line: false }],
        unit: ChartUnit::Money,
        lying: true,
    })
}

impl Shop {
    /// The report `kind` for `q` as the file and the printed page show it, in `lang`.
    pub fn report_sheet(&self, kind: ReportKind, q: &ReportQuery, today: NaiveDate, lang: Lang) -> Result<ReportSheet, Error> {
        let words = CliWords { lang };
        let total = capitalized(words.total());
        let w = |s: &str| text(capitalized(s));
        let what_counts = vec![ReportNote::WhatCounts.word(lang).to_string()];
        // a file holds every row, whatever the window shows
        let q = &ReportQuery { top: None, ..q.clone() };
        let sheet = match kind {
            ReportKind::Overview => {
                let o = self.report_overview(q, today)?;
                let mut head = vec![String::new(), format!("{} – {}", o.range.from, o.range.to)];
                let mut subtitle = Vec::new();
                if let Some(c) = &o.compared_range {
                    head.push(format!("{} – {}", c.from, c.to));
                    head.push(capitalized(words.change()));
                    subtitle.push(format!("{}{} – {}", words.compared_with_label(), c.from, c.to));
                }
                let changes = o.changes.as_ref();
                let change = |k: Measure| -> Cell {
                    let c = changes.and_then(|c| match k {
                        Measure::Sales => c.sales.clone(),
                        Measure::SalesTotal => c.sales_total.clone(),
                        Measure::GrossProfit => c.gross_profit.clone(),
                        Measure::Margin => c.margin.clone(),
                        Measure::Qty => c.qty.clone(),
                        Measure::Orders => c.orders.clone(),
                        Measure::AvgOrderValue => c.avg_order_value.clone(),
                        Measure::Received => c.received.clone(),
                        _ => None,
                    });
                    Cell::number_or_blank(c)
                };
                let rows = MEASURES
                    .iter()
                    .map(|&k| {
                        let mut r = vec![text(measure_head(k, lang)), cell(&o.measures, k)];
                        if let Some(was) = &o.compared {
                            r.push(cell(was, k));
                            r.push(change(k));
                        }
                        r
                    })
                    .collect();
                subtitle.push(words.report_today(
                    &kaidan_core::words::grouped(&o.receivables.to_string()),
                    &kaidan_core::words::grouped(&o.overdue.to_string()),
                    o.open_orders,
                    o.late_orders,
                    o.low_stock,
                ));
                ReportSheet {
                    title: range_title(kind, lang, &o.range),
                    subtitle,
                    chart: None,
                    tables: vec![Table { heading: None, head, rows, total: None }],
                    notes: what_counts,
                    sign: vec![],
                }
            }
            ReportKind::Trend => {
                let t = self.report_trend(q, today)?;
                let mut head = vec![capitalized(words.from_label()), capitalized(words.to_label())];
                head.extend(measure_heads(lang));
                let rows = t
                    .points
                    .iter()
                    .map(|p| [vec![text(p.range.from.to_string()), text(p.range.to.to_string())], cells(&p.measures)].concat())
                    .collect();
                let mut series = vec![
                    Series {
                        name: capitalized(Measure::Sales.word(lang)),
                        values: t.points.iter().map(|p| p.measures.sales.minor()).collect(),
                        line: false,
                    },
                    Series {
                        name: capitalized(Measure::GrossProfit.word(lang)),
                        values: t.points.iter().map(|p| p.measures.gross_profit.minor()).collect(),
                        line: true,
                    },
                ];
                let mut subtitle = vec![capitalized(t.by.word(lang))];
                if let (Some(c), Some(first), Some(last)) = (t.compare, t.compared.first(), t.compared.last()) {
                    series.push(Series {
                        name: format!("{} · {}", capitalized(Measure::Sales.word(lang)), c.word(lang)),
                        values: t.compared.iter().map(|p| p.measures.sales.minor()).collect(),
                        line: true,
                    });
                    subtitle.push(format!("{}{} – {}", words.compared_with_label(), first.range.from, last.range.to));
                }
                ReportSheet {
                    title: range_title(kind, lang, &t.range),
                    subtitle,
                    chart: Some(Chart {
                        title: capitalized(Measure::Sales.word(lang)),
                        labels: t.points.iter().map(|p| bucket_label(t.by, &p.range)).collect(),
                        series,
                        unit: ChartUnit::Money,
                        lying: false,
                    }),
                    tables: vec![Table {
                        heading: None,
                        head,
                        rows,
                        total: Some([vec![text(total.clone()), Cell::blank()], cells(&t.total)].concat()),
                    }],
                    notes: what_counts,
                    sign: vec![],
                }
            }
            ReportKind::Products => {
                let r = self.report_products(q, today)?;
                let mut head = vec![capitalized(words.sku()), capitalized(words.product_name()), capitalized(words.unit())];
                head.extend(measure_heads(lang));
                let rows = r
                    .ranked
                    .rows
                    .iter()
                    .map(|p| [vec![text(p.sku.clone()), text(p.name.clone()), text(p.unit.clone())], cells(&p.measures)].concat())
                    .collect();
                let s = &r.sell_through;
                let k = ranked_measure(r.ranked.rank_by);
                ReportSheet {
                    title: range_title(kind, lang, &r.ranked.range),
                    subtitle: vec![capitalized(r.ranked.rank_by.word(lang))],
                    chart: top_chart(&r.ranked.rows, lang, k, |p| p.name.clone(), |p| money_of(&p.measures, k)),
                    tables: vec![
                        Table {
                            heading: None,
                            head,
                            rows,
                            total: Some([vec![text(total.clone()), Cell::blank(), Cell::blank()], cells(&r.ranked.total)].concat()),
                        },
                        Table {
                            heading: None,
                            head: vec![],
                            rows: vec![
                                vec![w(words.products_on_sale()), Cell::Number(s.active.to_string())],
                                vec![w(words.products_sold()), Cell::Number(s.sold.to_string())],
                                vec![w(words.sell_through()), Cell::number_or_blank(s.rate.clone())],
                            ],
                            total: None,
                        },
                    ],
                    notes: what_counts,
                    sign: vec![],
                }
            }
            ReportKind::Slow => {
                let s = self.report_slow(q, today)?;
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
                let rows = s
                    .rows
                    .iter()
                    .map(|p| {
                        vec![
                            text(p.sku.clone()),
                            text(p.name.clone()),
                            text(p.unit.clone()),
                            Cell::Number(p.on_hand.to_string()),
                            p.stock_value.map(Cell::Money).unwrap_or_else(|| w(words.cost_unknown())),
                            text(p.last_sold.map(|d| d.to_string()).unwrap_or_else(|| capitalized(words.never()))),
                            Cell::number_or_blank(p.days_since.map(|d| d.to_string())),
                            Cell::Number(p.sold_year.to_string()),
                            Cell::number_or_blank(p.days_of_cover.map(|d| d.to_string())),
                        ]
                    })
                    .collect();
                let valued: Vec<_> = s.rows.iter().filter(|p| p.stock_value.is_some()).cloned().collect();
                let mut chart =
                    top_chart(&valued, lang, Measure::Sales, |p| p.name.clone(), |p| p.stock_value.map(Money::minor).unwrap_or(0));
                if let Some(c) = chart.as_mut() {
                    c.title = format!("{}{}", words.top_label(), capitalized(words.stock_value()));
                    c.series[0].name = capitalized(words.stock_value());
                }
                ReportSheet {
                    title: words.slow_heading(s.days, &s.as_of.to_string(), s.rows.len()),
                    subtitle: vec![],
                    chart,
                    tables: vec![Table {
                        heading: None,
                        head,
                        rows,
                        total: Some(vec![text(total.clone()), Cell::blank(), Cell::blank(), Cell::blank(), Cell::Money(s.stock_value)]),
                    }],
                    notes: vec![],
                    sign: vec![],
                }
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
                let rows = s
                    .rows
                    .iter()
                    .map(|c| {
                        vec![
                            text(c.customer.clone()),
                            text(c.region.clone().unwrap_or_default()),
                            text(c.phone.clone().unwrap_or_default()),
                            text(c.first_order.to_string()),
                            text(c.last_order.to_string()),
                            Cell::Number(c.days_since.to_string()),
                            Cell::Number(c.orders.to_string()),
                            Cell::Money(c.orders_value),
                            Cell::money_or_blank(c.avg_order_value),
                            Cell::number_or_blank(c.days_between.map(|v| v.to_string())),
                        ]
                    })
                    .collect();
                ReportSheet {
                    title: words.inactive_heading(s.days, &s.as_of.to_string(), s.rows.len()),
                    subtitle: vec![],
                    chart: None,
                    tables: vec![Table { heading: None, head, rows, total: None }],
                    notes: vec![],
                    sign: vec![],
                }
            }
            ReportKind::Day => {
                let d = self.report_day(q, today)?;
                let mut rows: Vec<Vec<Cell>> = MEASURES.iter().map(|&k| vec![text(measure_head(k, lang)), cell(&d.measures, k)]).collect();
                rows.push(vec![w(words.deliveries_count()), Cell::Number(d.deliveries.to_string())]);
                rows.push(vec![w(words.returns_count()), Cell::Number(d.returns.to_string())]);
                let methods = d
                    .methods
                    .iter()
                    .map(|m| vec![w(m.method.word(lang)), Cell::Money(m.received), Cell::Money(m.refunded), Cell::Money(m.net)])
                    .collect();
                ReportSheet {
                    title: format!("{} {}", kind.word(lang), d.date),
                    subtitle: vec![],
                    chart: None,
                    tables: vec![
                        Table { heading: None, head: vec![String::new(), d.date.to_string()], rows, total: None },
                        Table {
                            heading: None,
                            head: [words.pay_method(), words.received(), words.refunded_label(), words.net_amount()]
                                .map(capitalized)
                                .to_vec(),
                            rows: methods,
                            total: None,
                        },
                        Table { heading: None, head: vec![], rows: vec![vec![w(words.cash_in_till()), Cell::Money(d.cash)]], total: None },
                    ],
                    notes: what_counts,
                    sign: [words.cash_counted(), words.difference(), words.counted_by(), words.checked_by()].map(capitalized).to_vec(),
                }
            }
            ReportKind::Customers => {
                let r = self.report_customers(q, today)?;
                let mut head = vec![capitalized(words.customer()), capitalized(words.region())];
                head.extend(measure_heads(lang));
                let rows = r
                    .ranked
                    .rows
                    .iter()
                    .map(|c| [vec![text(c.customer.clone()), text(c.region.clone().unwrap_or_default())], cells(&c.measures)].concat())
                    .collect();
                // who they are: new and returning, by region, orders by channel
                let group =
                    |label: &str, customers: u32, m: &Measures| [vec![w(label), Cell::Number(customers.to_string())], cells(m)].concat();
                let sub = |first: &str| -> Vec<String> {
                    [vec![capitalized(first), capitalized(words.customers_count())], measure_heads(lang)].concat()
                };
                let k = ranked_measure(r.ranked.rank_by);
                ReportSheet {
                    title: range_title(kind, lang, &r.ranked.range),
                    subtitle: vec![capitalized(r.ranked.rank_by.word(lang))],
                    chart: top_chart(&r.ranked.rows, lang, k, |c| c.customer.clone(), |c| money_of(&c.measures, k)),
                    tables: vec![
                        Table {
                            heading: None,
                            head,
                            rows,
                            total: Some([vec![text(total.clone()), Cell::blank()], cells(&r.ranked.total)].concat()),
                        },
                        Table {
                            heading: None,
                            head: sub(""),
                            rows: vec![
                                group(words.new_customers(), r.mix.new.customers, &r.mix.new.measures),
                                group(words.returning_customers(), r.mix.returning.customers, &r.mix.returning.measures),
                            ],
                            total: None,
                        },
                        Table {
                            heading: None,
                            head: sub(words.region()),
                            rows: r
                                .regions
                                .iter()
                                .map(|g| group(g.region.as_deref().unwrap_or(words.no_region()), g.customers, &g.measures))
                                .collect(),
                            total: None,
                        },
                        Table {
                            heading: None,
                            head: [words.channel(), Measure::Orders.word(lang), Measure::OrdersValue.word(lang), words.share()]
                                .map(capitalized)
                                .to_vec(),
                            rows: r
                                .channels
                                .iter()
                                .map(|c| {
                                    vec![
                                        w(c.channel.word(lang)),
                                        Cell::Number(c.orders.to_string()),
                                        Cell::Money(c.orders_value),
                                        Cell::number_or_blank(c.share.clone()),
                                    ]
                                })
                                .collect(),
                            total: None,
                        },
                    ],
                    notes: what_counts,
                    sign: vec![],
                }
            }
            ReportKind::Profit => {
                let r = self.report_profit(q, today)?;
                let mut head = vec![capitalized(words.order_number()), capitalized(words.customer()), capitalized(words.order_date())];
                head.extend(GOODS.iter().map(|&m| measure_head(m, lang)));
                let rows = r
                    .rows
                    .iter()
                    .map(|o| {
                        [vec![text(o.number.clone()), text(o.customer.clone()), text(o.order_date.clone())], goods(&o.measures)].concat()
                    })
                    .collect();
                let k = if r.rank_by == RankBy::Sales { Measure::Sales } else { Measure::GrossProfit };
                ReportSheet {
                    title: range_title(kind, lang, &r.range),
                    subtitle: vec![capitalized(r.rank_by.word(lang))],
                    chart: top_chart(&r.rows, lang, k, |o| o.number.clone(), |o| money_of(&o.measures, k)),
                    tables: vec![Table {
                        heading: None,
                        head,
                        rows,
                        total: Some([vec![text(total.clone()), Cell::blank(), Cell::blank()], goods(&r.total)].concat()),
                    }],
                    notes: what_counts,
                    sign: vec![],
                }
            }
            ReportKind::Salespeople => {
                let r = self.report_salespeople(q, today)?;
                let shown: Vec<Measure> =
                    GOODS.iter().chain(&[Measure::Orders, Measure::OrdersValue, Measure::AvgOrderValue]).copied().collect();
                let mut head = vec![capitalized(words.salesperson())];
                head.extend(shown.iter().map(|&m| measure_head(m, lang)));
                let row = |m: &Measures| shown.iter().map(|&k| cell(m, k)).collect::<Vec<_>>();
                let rows = r.rows.iter().map(|x| [vec![text(x.salesperson.clone())], row(&x.measures)].concat()).collect();
                let k = if r.rank_by == RankBy::Sales { Measure::Sales } else { Measure::GrossProfit };
                ReportSheet {
                    title: range_title(kind, lang, &r.range),
                    subtitle: vec![capitalized(r.rank_by.word(lang))],
                    chart: top_chart(&r.rows, lang, k, |x| x.salesperson.clone(), |x| money_of(&x.measures, k)),
                    tables: vec![Table { heading: None, head, rows, total: Some([vec![text(total.clone())], row(&r.total)].concat()) }],
                    notes: what_counts,
                    sign: vec![],
                }
            }
            ReportKind::Fulfilment => {
                let f = self.report_fulfilment(q, today)?;
                let n = |v: u32| Cell::Number(v.to_string());
                let opt = |v: Option<u32>| Cell::number_or_blank(v.map(|d| d.to_string()));
                let late = f
                    .late
                    .iter()
                    .map(|o| {
                        vec![
                            text(o.number.clone()),
                            text(o.customer.clone()),
                            w(o.status.word(lang)),
                            text(o.order_date.clone()),
                            text(o.deliver_by.clone()),
                            n(o.days_late),
                            Cell::Money(o.total),
                        ]
                    })
                    .collect();
                ReportSheet {
                    title: range_title(kind, lang, &f.range),
                    subtitle: vec![],
                    chart: (!f.lead_days.is_empty()).then(|| Chart {
                        title: capitalized(words.lead_days()),
                        labels: f.lead_days.iter().map(|l| l.days.to_string()).collect(),
                        series: vec![Series {
                            name: capitalized(words.orders()),
                            values: f.lead_days.iter().map(|l| i64::from(l.orders)).collect(),
                            line: false,
                        }],
                        unit: ChartUnit::Count,
                        lying: false,
                    }),
                    tables: vec![
                        Table {
                            heading: None,
                            head: vec![capitalized(words.status()), capitalized(words.orders())],
                            rows: f.statuses.iter().map(|s| vec![w(s.status.word(lang)), n(s.orders)]).collect(),
                            total: None,
                        },
                        Table {
                            heading: None,
                            head: vec![],
                            rows: vec![
                                vec![w(words.delivered_in_full()), n(f.delivered)],
                                vec![w(words.lead_median()), opt(f.lead_median)],
                                vec![w(words.lead_p90()), opt(f.lead_p90)],
                                vec![w(words.promised()), n(f.promised)],
                                vec![w(words.on_time()), n(f.on_time)],
                                vec![w(words.on_time_rate()), Cell::number_or_blank(f.on_time_rate.clone())],
                            ],
                            total: None,
                        },
                        Table {
                            heading: None,
                            head: vec![capitalized(words.lead_days()), capitalized(words.orders())],
                            rows: f.lead_days.iter().map(|l| vec![n(l.days), n(l.orders)]).collect(),
                            total: None,
                        },
                        Table {
                            heading: Some(format!("{}: {}", capitalized(words.late_open_orders()), f.late_count)),
                            head: [
                                words.order_number(),
                                words.customer(),
                                words.status(),
                                words.order_date(),
                                words.deliver_by(),
                                words.days_late(),
                                words.money_total(),
                            ]
                            .map(capitalized)
                            .to_vec(),
                            rows: late,
                            total: None,
                        },
                    ],
                    notes: vec![],
                    sign: vec![],
                }
            }
            ReportKind::Collections => {
                let c = self.report_collections(q, today)?;
                let mut head = vec![capitalized(words.from_label()), capitalized(words.to_label())];
                head.extend(c.total.methods.iter().map(|m| capitalized(m.method.word(lang))));
                head.extend([words.received(), words.refunded_label(), words.net_amount()].map(capitalized));
                let point = |p: &kaidan_core::report::MoneyPoint, first: Vec<Cell>| -> Vec<Cell> {
                    let mut r = first;
                    r.extend(p.methods.iter().map(|m| Cell::Money(m.net)));
                    r.extend([Cell::Money(p.received), Cell::Money(p.refunded), Cell::Money(p.net)]);
                    r
                };
                let line = |label: &str, v: Money| vec![w(label), Cell::Money(v)];
                ReportSheet {
                    title: range_title(kind, lang, &c.range),
                    subtitle: vec![capitalized(c.by.word(lang))],
                    chart: Some(Chart {
                        title: capitalized(words.net_amount()),
                        labels: c.points.iter().map(|p| bucket_label(c.by, &p.range)).collect(),
                        series: vec![Series {
                            name: capitalized(words.net_amount()),
                            values: c.points.iter().map(|p| p.net.minor()).collect(),
                            line: false,
                        }],
                        unit: ChartUnit::Money,
                        lying: false,
                    }),
                    tables: vec![
                        Table {
                            heading: None,
                            head,
                            rows: c
                                .points
                                .iter()
                                .map(|p| point(p, vec![text(p.range.from.to_string()), text(p.range.to.to_string())]))
                                .collect(),
                            total: Some(point(&c.total, vec![text(total.clone()), Cell::blank()])),
                        },
                        Table {
                            heading: None,
                            head: vec![],
                            rows: vec![
                                line(Measure::SalesTotal.word(lang), c.sales_total),
                                line(words.receivables(), c.receivables),
                                line(words.overdue(), c.overdue),
                                vec![w(words.dso()), Cell::number_or_blank(c.dso.clone())],
                            ],
                            total: None,
                        },
                        Table {
                            heading: None,
                            head: vec![],
                            rows: vec![
                                line(words.current(), c.aging.current),
                                line(words.aging_1_30(), c.aging.d1_30),
                                line(words.aging_31_60(), c.aging.d31_60),
                                line(words.aging_61_90(), c.aging.d61_90),
                                line(words.aging_90_plus(), c.aging.d90_plus),
                            ],
                            total: Some(line(words.total(), c.aging.total)),
                        },
                    ],
                    notes: vec![],
                    sign: vec![],
                }
            }
        };
        Ok(ReportSheet { title: capitalized(&sheet.title), ..sheet })
    }

    /// The report `kind` for `q` written to `out` in `lang`: a PDF on A4 when `out` ends in
    /// `.pdf`, else a spreadsheet (.xlsx).
    pub fn export_report(
        &self,
        kind: ReportKind,
        q: &ReportQuery,
        today: NaiveDate,
        lang: Lang,
        out: &Path,
    ) -> Result<ExportResult, Error> {
        self.export_report_on(kind, q, today, lang, out, None)
    }

    /// As [`Shop::export_report`], a PDF on `paper` (default A4; the day's close also prints on
    /// a till roll).
    pub fn export_report_on(
        &self,
        kind: ReportKind,
        q: &ReportQuery,
        today: NaiveDate,
        lang: Lang,
        out: &Path,
        paper: Option<Paper>,
    ) -> Result<ExportResult, Error> {
        let pdf = out.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if paper.is_some() && !pdf {
            // a spreadsheet has no paper: a PDF is never written into a file named otherwise
            let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            return Err(Error::at(
                Problem::BadChoice { text: name, allowed: vec!["….pdf".into()] },
                kaidan_core::Field::new(kaidan_core::FieldKey::Paper),
            ));
        }
        if pdf {
            let printed = self.report_pdf(kind, q, today, lang, paper.unwrap_or(Paper::A4))?;
            crate::write_bytes_whole(out, &printed.pdf).map_err(|e| io(out, e))?;
            return Ok(ExportResult { file: PathBuf::from(out), rows: printed.rows });
        }
        let sheet = self.report_sheet(kind, q, today, lang)?;
        let rows = write_xlsx(&sheet, out)?;
        Ok(ExportResult { file: PathBuf::from(out), rows })
    }

    /// The report printed: A4 (portrait, or landscape when its table is wide) with its chart,
    /// or a till roll. Headed with the shop's name, the pages numbered.
    pub fn report_pdf(&self, kind: ReportKind, q: &ReportQuery, today: NaiveDate, lang: Lang, paper: Paper) -> Result<ReportPdf, Error> {
        if !REPORT_PAPERS.contains(&paper) {
            return Err(bad_paper(paper.as_str()));
        }
        let sheet = self.report_sheet(kind, q, today, lang)?;
        let (company, margins) = self.read(|db| Ok((db.company()?.name, db.settings()?.margins_of(paper))))?;
        let rows = sheet.tables.iter().map(|t| t.rows.len() + usize::from(t.total.is_some())).sum();
        let r = kaidan_print::render_report(&sheet, &company, &today.to_string(), lang, paper, margins)
            .map_err(|detail| Error::new(Problem::PrintFailed { detail }))?;
        Ok(ReportPdf { title: sheet.title, pdf: r.pdf, pages: r.pages, rows })
    }
}

impl Shop {
    /// "Print" of a report: straight to the printer the settings choose for `paper` (else the
    /// system's default; `printer` names another), without a viewer. A report is read, not
    /// issued: nothing is logged.
    pub fn print_report_to_printer(
        &self,
        kind: ReportKind,
        q: &ReportQuery,
        today: NaiveDate,
        lang: Lang,
        paper: Paper,
        printer: Option<&str>,
    ) -> Result<ReportSent, Error> {
        let printed = self.report_pdf(kind, q, today, lang, paper)?;
        let chosen = self.read(|db| db.settings())?.printer_for(paper).map(str::to_string);
        let (printer, job) =
            crate::documents::spool_pdf(&printed.title, &printed.title, &printed.pdf, paper, printer, chosen.as_deref(), 1)?;
        Ok(ReportSent { title: printed.title, printer, job, pages: printed.pages as u32 })
    }
}

/// A report sent to a printer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ReportSent {
    pub title: String,
    /// The printer's name in the system's print queue.
    pub printer: String,
    /// The queue's job number.
    pub job: u32,
    pub pages: u32,
}

/// The papers a report prints on: A4, and the till rolls for the day's close.
pub const REPORT_PAPERS: [Paper; 3] = [Paper::A4, Paper::Roll80, Paper::Roll58];

fn bad_paper(text: &str) -> Error {
    Error::at(
        Problem::BadChoice { text: text.into(), allowed: REPORT_PAPERS.iter().map(|p| p.as_str().to_string()).collect() },
        kaidan_core::Field::new(kaidan_core::FieldKey::Paper),
    )
}

/// The paper a report is asked for: `a4`, `80mm`, `58mm` (none: A4).
pub fn report_paper(text: Option<&str>) -> Result<Paper, Error> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(Paper::A4),
        Some(t) => Paper::parse(t).filter(|p| REPORT_PAPERS.contains(p)).ok_or_else(|| bad_paper(t)),
    }
}

/// A report as a PDF.
#[derive(Debug, Clone)]
pub struct ReportPdf {
    /// The report's title: what the print queue and the file are called.
    pub title: String,
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// The tables' rows and their totals rows.
    pub rows: usize,
}

/// The sheet as a workbook: the title in the first row, the subtitle in the second, the first
/// table's head in the third and its rows below; each further table after a blank row; the
/// notes after the last. Returns the rows written below the first head.
fn write_xlsx(sheet: &ReportSheet, out: &Path) -> Result<usize, Error> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let bold = Format::new().set_bold();
    let amount = Format::new().set_num_format("#,##0.00");
    let e = |e: rust_xlsxwriter::XlsxError| io(out, e);
    ws.write_string_with_format(0, 0, &sheet.title, &bold).map_err(e)?;
    if !sheet.subtitle.is_empty() {
        ws.write_string(1, 0, sheet.subtitle.join(" · ")).map_err(e)?;
    }
    let mut r: u32 = 2;
    let line = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, row: &[Cell], bolded: bool| -> Result<(), Error> {
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) if s.is_empty() => Ok(()),
                Cell::Text(s) if bolded => ws.write_string_with_format(r, c, crate::export::neutralise(s), &bold).map(drop),
                Cell::Text(s) => ws.write_string(r, c, crate::export::neutralise(s)).map(drop),
                // the spreadsheet's own number type: the file is for Excel to add up
                Cell::Money(m) => ws.write_number_with_format(r, c, m.to_string().parse::<f64>().unwrap_or(0.0), &amount).map(drop),
                Cell::Number(s) => ws.write_number(r, c, s.parse::<f64>().unwrap_or(0.0)).map(drop),
            }
            .map_err(e)?;
        }
        Ok(())
    };
    for (i, t) in sheet.tables.iter().enumerate() {
        if i > 0 {
            r += 1;
        }
        if let Some(h) = &t.heading {
            ws.write_string_with_format(r, 0, h, &bold).map_err(e)?;
            r += 1;
        }
        if !t.head.is_empty() {
            for (c, h) in t.head.iter().enumerate() {
                ws.write_string_with_format(r, c as u16, h, &bold).map_err(e)?;
            }
            r += 1;
        }
        for row in &t.rows {
            line(ws, r, row, false)?;
            r += 1;
        }
        if let Some(total) = &t.total {
            line(ws, r, total, true)?;
            r += 1;
        }
    }
    let rows = (r - 3) as usize;
    for n in &sheet.notes {
        r += 1;
        ws.write_string(r, 0, n).map_err(e)?;
    }
    ws.set_column_width(0, 24).map_err(e)?;
    let bytes = wb.save_to_buffer().map_err(e)?;
    crate::write_bytes_whole(out, &bytes).map_err(|e| io(out, e))?;
    Ok(rows)
}
