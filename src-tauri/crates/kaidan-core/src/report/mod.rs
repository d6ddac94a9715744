//! Reports: the date range a report covers (a named period or two dates), the range it is
//! compared with, the buckets a trend is drawn in, and the measures every report shows.
//!
//! **What counts as a sale** (销售出库口径): goods delivered, at the delivery's date and the
//! order's prices, net of goods returned at the return's date — when stock and its cost leave (or
//! come back to) the shop. Sales are without tax (`sales`) and with it (`sales_total`); the cost
//! of goods sold (`cogs`) is what the goods cost when they left (the shelf's moving average,
//! [`crate::cost`]); goods brought back onto the shelf take their cost back, goods written off
//! keep it. Goods whose cost is not known (history imported without cost, products never
//! received with one) are counted apart (`sales_cost_unknown`) and left out of gross profit and
//! margin — never a 100 % margin. "Orders taken" (`orders`, `orders_value`: confirmed or later,
//! by order date, not cancelled, drafts not) is a second measure shown beside it.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Field, FieldKey, Problem};
use crate::fixed::Money;

mod collections;
mod cover;
mod customers;
mod daylog;
mod fulfilment;
mod measures;
mod printed;
mod stock;
pub use collections::{by_method, dso, Collections, MoneyPoint, Moved};
pub use cover::{Span, SumLevel};
pub use customers::{
    bought, by_channel, by_region, is_inactive, is_new, Buyer, ChannelRow, CustomerGroup, CustomerMix, CustomersReport, Inactive,
    InactiveCustomer, ProductsReport, RegionRow,
};
pub use daylog::{DayLog, PersonDay};
pub use fulfilment::{percentile, Delivered, Fulfilment, LateOrder, LeadCount, StatusCount, LATE_SHOWN};
pub use measures::{avg_order_value, Changes, Measures, Tally};
pub use printed::{Cell, Chart, ChartUnit, ReportSheet, Series, Table, CHART_TOP};
pub use stock::{days_of_cover, is_slow, on_hand, stock_value, SellThrough, Shelf, SlowMover, SlowMovers, COVER_DAYS, QUIET_DAYS};

/// The longest range a report looks at.
pub const MAX_YEARS: u32 = 20;

crate::closed_enum! {
    /// The reports.
    pub enum ReportKind in "report.kind" {
        Overview = "overview",
        Trend = "trend",
        Products = "products",
        Customers = "customers",
        Day = "day",
        Profit = "profit",
        Salespeople = "salespeople",
        Fulfilment = "fulfilment",
        Collections = "collections",
        Slow = "slow",
        Inactive = "inactive",
    }
}

crate::closed_enum! {
    /// A named period, counted from today.
    pub enum Period in "report.period" {
        Today = "today",
        Yesterday = "yesterday",
        ThisWeek = "this-week",
        LastWeek = "last-week",
        ThisMonth = "this-month",
        LastMonth = "last-month",
        ThisQuarter = "this-quarter",
        ThisYear = "this-year",
        LastYear = "last-year",
        Last7Days = "7d",
        Last30Days = "30d",
        Last90Days = "90d",
    }
}

crate::closed_enum! {
    /// The buckets a trend is drawn in.
    pub enum Bucket in "report.by" {
        Day = "day",
        Week = "week",
        Month = "month",
        Quarter = "quarter",
        Year = "year",
    }
}

crate::closed_enum! {
    /// A report's footnote: the window shows it under the report, the printed report at its foot.
    pub enum ReportNote in "report.note" {
        /// What counts as a sale, its cost, and an order taken.
        WhatCounts = "what_counts",
    }
}

crate::closed_enum! {
    /// What a range is compared with: the range just before it, of the same length (环比), or
    /// the same dates a year earlier (同比).
    pub enum Compare in "report.compare" {
        Previous = "previous",
        LastYear = "last-year",
    }
}

/// Days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DateRange {
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
}

impl DateRange {
    /// A range of two dates, refused when it ends before it starts or is longer than
    /// [`MAX_YEARS`].
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self, Error> {
        if to < from {
            return Err(Error::at(Problem::RangeInverted { from: from.to_string(), to: to.to_string() }, Field::new(FieldKey::To)));
        }
        let limit = from.checked_add_months(chrono::Months::new(12 * MAX_YEARS)).unwrap_or(NaiveDate::MAX);
        if to >= limit {
            return Err(Error::at(Problem::RangeTooLong { years: MAX_YEARS }, Field::new(FieldKey::To)));
        }
        Ok(Self { from, to })
    }

    /// The range a named period covers on `today`.
    pub fn of_period(period: Period, today: NaiveDate) -> Self {
        let week_start = today - Duration::days(today.weekday().num_days_from_monday() as i64);
        let month_start = today.with_day(1).expect("day 1");
        let quarter_start = NaiveDate::from_ymd_opt(today.year(), (today.month0() / 3) * 3 + 1, 1).expect("a quarter's first day");
        let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("1 January");
        let back = |days: i64| Self { from: today - Duration::days(days - 1), to: today };
        match period {
            Period::Today => Self { from: today, to: today },
            Period::Yesterday => {
                let y = today - Duration::days(1);
                Self { from: y, to: y }
            }
            Period::ThisWeek => Self { from: week_start, to: today },
            Period::LastWeek => Self { from: week_start - Duration::days(7), to: week_start - Duration::days(1) },
            Period::ThisMonth => Self { from: month_start, to: today },
            Period::LastMonth => {
                let end = month_start - Duration::days(1);
                Self { from: end.with_day(1).expect("day 1"), to: end }
            }
            Period::ThisQuarter => Self { from: quarter_start, to: today },
            Period::ThisYear => Self { from: year_start, to: today },
            Period::LastYear => {
                Self { from: NaiveDate::from_ymd_opt(today.year() - 1, 1, 1).expect("1 January"), to: year_start - Duration::days(1) }
            }
            Period::Last7Days => back(7),
            Period::Last30Days => back(30),
            Period::Last90Days => back(90),
        }
    }

    /// How many days the range holds.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The range this one is compared with: a year back, or the range just before — whole
    /// months: as many months before (March's is February); a month, quarter or year so far: the
    /// same days as many months before (1–6 December: 1–6 November; a month's last days
    /// shorten to the earlier month's end); a week so far: the same days a week before; else as
    /// many days before.
    pub fn compared(&self, with: Compare) -> Self {
        match with {
            Compare::Previous => {
                if self.from == bucket_start(self.from, Bucket::Month) && self.to == bucket_end(self.to, Bucket::Month) {
                    return Self { from: self.back(self.from), to: self.from - Duration::days(1) };
                }
                Self { from: self.back(self.from), to: self.back(self.to) }
            }
            Compare::LastYear => {
                let back = |d: NaiveDate| d.checked_sub_months(chrono::Months::new(12)).unwrap_or(d);
                Self { from: back(self.from), to: back(self.to) }
            }
        }
    }

    /// A day of this range moved to where the range just before puts it (see
    /// [`DateRange::compared`]): as many months back for a range from a month's first day, a week
    /// back for a week so far, else as many days back as the range holds.
    fn back(&self, d: NaiveDate) -> NaiveDate {
        if self.from == bucket_start(self.from, Bucket::Month) {
            let months = self.buckets(Bucket::Month).len() as u32;
            d.checked_sub_months(chrono::Months::new(months)).unwrap_or(d)
        } else if self.from == bucket_start(self.from, Bucket::Week) && self.days() < 7 {
            d - Duration::days(7)
        } else {
            d - Duration::days(self.days())
        }
    }

    /// The buckets a trend's comparison is drawn in, one beside each of [`DateRange::buckets`]:
    /// a year back each, or the buckets just before (as many whole buckets when the range is
    /// made of whole ones — the 3 months before 3 months; else each moved as the range is).
    pub fn compared_buckets(&self, by: Bucket, with: Compare) -> Vec<DateRange> {
        let mine = self.buckets(by);
        match with {
            Compare::LastYear => {
                let back = |d: NaiveDate| d.checked_sub_months(chrono::Months::new(12)).unwrap_or(d);
                mine.iter().map(|b| DateRange { from: back(b.from), to: back(b.to) }).collect()
            }
            // whole buckets compared with the span just before them: as many whole buckets
            Compare::Previous
                if self.from == bucket_start(self.from, by)
                    && self.to == bucket_end(self.to, by)
                    && self.compared(Compare::Previous).to == self.from - Duration::days(1) =>
            {
                let mut start = self.from;
                for _ in 0..mine.len() {
                    start = bucket_start(start - Duration::days(1), by);
                }
                DateRange { from: start, to: self.from - Duration::days(1) }.buckets(by)
            }
            Compare::Previous => mine.iter().map(|b| DateRange { from: self.back(b.from), to: self.back(b.to) }).collect(),
        }
    }

    /// Which of `buckets` (in order, as [`DateRange::buckets`] gives them) holds `day`, if any.
    pub fn bucket_of(buckets: &[DateRange], day: NaiveDate) -> Option<usize> {
        let i = buckets.partition_point(|b| b.to < day);
        buckets.get(i).is_some_and(|b| b.from <= day).then_some(i)
    }

    /// The buckets of the range, in order: each bucket's first day (clipped to the range) and
    /// its last.
    pub fn buckets(&self, by: Bucket) -> Vec<DateRange> {
        let mut out = Vec::new();
        let mut start = self.from;
        while start <= self.to {
            let end = bucket_end(start, by).min(self.to);
            out.push(DateRange { from: start, to: end });
            start = end + Duration::days(1);
        }
        out
    }
}

/// The first day of the bucket that holds `d`.
pub fn bucket_start(d: NaiveDate, by: Bucket) -> NaiveDate {
    match by {
        Bucket::Day => d,
        Bucket::Week => d - Duration::days(d.weekday().num_days_from_monday() as i64),
        Bucket::Month => d.with_day(1).expect("day 1"),
        Bucket::Quarter => NaiveDate::from_ymd_opt(d.year(), (d.month0() / 3) * 3 + 1, 1).expect("a quarter's first day"),
        Bucket::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).expect("1 January"),
    }
}

/// The last day of the bucket that holds `d`.
pub fn bucket_end(d: NaiveDate, by: Bucket) -> NaiveDate {
    let start = bucket_start(d, by);
    let next = match by {
        Bucket::Day => start + Duration::days(1),
        Bucket::Week => start + Duration::days(7),
        Bucket::Month => start.checked_add_months(chrono::Months::new(1)).unwrap_or(NaiveDate::MAX),
        Bucket::Quarter => start.checked_add_months(chrono::Months::new(3)).unwrap_or(NaiveDate::MAX),
        Bucket::Year => start.checked_add_months(chrono::Months::new(12)).unwrap_or(NaiveDate::MAX),
    };
    next - Duration::days(1)
}

/// The overview (经营概况): the range's measures, the comparison's, and what stands today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Overview {
    pub range: DateRange,
    pub measures: Measures,
    pub compare: Option<Compare>,
    pub compared_range: Option<DateRange>,
    pub compared: Option<Measures>,
    /// How the measures changed from the compared range's.
    pub changes: Option<Changes>,
    /// Today, whatever the range: what customers owe, and of it overdue.
    pub receivables: Money,
    pub overdue: Money,
    /// Open orders still to deliver, and of them late.
    pub open_orders: u32,
    pub late_orders: u32,
    pub low_stock: u32,
}

/// Money that moved by one method (现金, 微信 …) in a day: received, paid back (refunds), and
/// what stays (received − refunded, reversals counted where they belong).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct MethodTotal {
    pub method: crate::model::PayMethod,
    pub received: Money,
    pub refunded: Money,
    pub net: Money,
}

/// 日结 (end of day): what a day sold and took in, and the cash the till should hold from it —
/// what the owner reconciles before closing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct DayReport {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub measures: Measures,
    /// Deliveries and returns made that day.
    pub deliveries: u32,
    pub returns: u32,
    /// Money in and out by method, every method (zero ones too), in the order a till lists them.
    pub methods: Vec<MethodTotal>,
    /// Of it in cash: what the till should hold more at closing than at opening.
    pub cash: Money,
}

/// One bucket of a trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TrendPoint {
    pub range: DateRange,
    pub measures: Measures,
}

/// The sales trend (销售趋势): the range in buckets, and the comparison range in the same
/// buckets (point by point: the n-th compared bucket beside the n-th).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Trend {
    pub range: DateRange,
    pub by: Bucket,
    pub points: Vec<TrendPoint>,
    pub compare: Option<Compare>,
    pub compared: Vec<TrendPoint>,
    pub total: Measures,
}

/// A row of the products report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ProductRow {
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub measures: Measures,
}

/// A row of the customers report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CustomerRow {
    pub customer_id: String,
    pub customer: String,
    pub region: Option<String>,
    pub measures: Measures,
}

/// A row of the gross profit report (订单毛利): an order's goods delivered and returned in the
/// range (the range's sales, so the rows add up to its total).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct OrderRow {
    pub number: String,
    pub customer_id: String,
    pub customer: String,
    pub order_date: String,
    pub measures: Measures,
}

/// A row of the salespeople report (业务员业绩): what the orders of one salesperson sold and
/// earned in the range (goods delivered less returned), and the orders they took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SalespersonRow {
    pub salesperson: String,
    pub measures: Measures,
}

crate::closed_enum! {
    /// The measures of [`Measures`], by their JSON names: what a column, a tile or a chart's
    /// series is headed with (their words are the shop's vocabulary).
    pub enum Measure in "report.measure" {
        Sales = "sales",
        SalesTotal = "sales_total",
        Cogs = "cogs",
        SalesCostUnknown = "sales_cost_unknown",
        GrossProfit = "gross_profit",
        Margin = "margin",
        Qty = "qty",
        Orders = "orders",
        OrdersValue = "orders_value",
        AvgOrderValue = "avg_order_value",
        Received = "received",
    }
}

crate::closed_enum! {
    /// What a ranking of products or customers is ordered by.
    pub enum RankBy in "report.rank" {
        Sales = "sales",
        GrossProfit = "gross_profit",
        Qty = "qty",
    }
}

/// A ranked report (products, customers): every row, the best first, and the range's total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Ranked<R> {
    pub range: DateRange,
    pub rank_by: RankBy,
    pub rows: Vec<R>,
    /// How many rows the report has: all of them are in `rows` unless only the best were asked
    /// for (the profit report's `top`).
    #[serde(default)]
    pub row_count: u32,
    pub total: Measures,
}

/// Orders `rows` by `by`, best first (ties by their key, for a stable order).
pub fn rank<R>(rows: &mut [R], by: RankBy, measures: impl Fn(&R) -> &Measures, key: impl Fn(&R) -> &str) {
    rows.sort_by(|a, b| ranked(measures(a).ranked_by(by), key(a), measures(b).ranked_by(by), key(b)));
}

/// The best `top` of `rows` (all of them when `top` is none) in [`rank`]'s order, `value`
/// being the figure ranked by ([`Tally::ranked_by`]): a report that shows the best rows
/// measures only those, whatever the range holds.
pub fn best<R>(rows: &mut Vec<R>, top: Option<usize>, value: impl Fn(&R) -> i64, key: impl Fn(&R) -> &str) {
    let order = |a: &R, b: &R| ranked(value(a), key(a), value(b), key(b));
    if let Some(top) = top.filter(|&t| t < rows.len()) {
        if top == 0 {
            rows.clear();
            return;
        }
        rows.select_nth_unstable_by(top - 1, order);
        rows.truncate(top);
    }
    rows.sort_by(order);
}

/// A ranking's order: the higher figure first, then the key.
fn ranked(x: i64, key_x: &str, y: i64, key_y: &str) -> std::cmp::Ordering {
    y.cmp(&x).then_with(|| key_x.cmp(key_y))
}

/// `part / whole` in percent with 2 decimals ("52.00"), `None` when `whole` is 0.
pub fn percent(part: Money, whole: Money) -> Option<String> {
    percent_of(part.to_decimal(), whole.to_decimal())
}

/// The same of two counts (products sold of products on sale).
pub fn percent_of_counts(part: u32, whole: u32) -> Option<String> {
    percent_of(part.into(), whole.into())
}

fn percent_of(part: rust_decimal::Decimal, whole: rust_decimal::Decimal) -> Option<String> {
    if whole.is_zero() {
        return None;
    }
    let p =
        (part * rust_decimal::Decimal::from(100) / whole).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    Some(format!("{p:.2}"))
}

#[cfg(test)]
mod tests;
