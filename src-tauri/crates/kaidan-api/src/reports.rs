//! The reports (经营概况, 销售趋势, 商品, 客户): a range asked for by name or by two dates,
//! checked whole, and the documents of it added up by kaidan-store and measured by kaidan-core.

use chrono::NaiveDate;
use std::collections::HashSet;

use kaidan_core::report::{
    by_channel, by_region, Bucket, Collections, Compare, CustomerMix, CustomerRow, CustomersReport, DateRange, Fulfilment, Inactive,
    Measures, OrderRow, Overview, Period, ProductRow, ProductsReport, RankBy, Ranked, SalespersonRow, SellThrough, SlowMovers, Tally,
    Trend, TrendPoint,
};
use kaidan_core::{validate, Error, Field, FieldKey};
use kaidan_store::{CustomerHead, ProductHead, ReportGroup};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Shop;

/// What a report is asked for, as typed in the window or the CLI. Either a named `period`
/// (`this-month`, `30d`, …) or `from` and `to` (a missing `to` is today); nothing is this month.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportQuery {
    pub period: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// The trend's buckets: day, week, month, quarter, year (default: by the range's length).
    pub by: Option<String>,
    /// `previous` or `last-year`.
    pub compare: Option<String>,
    /// Products and customers: `sales` (default), `gross_profit`, `qty`.
    pub rank: Option<String>,
    /// Slow movers and inactive customers: the days without a sale or an order (default 60).
    #[serde(default)]
    pub days: Option<String>,
    /// Gross profit by order, products and customers: only the best this many rows (the window
    /// shows 100), with how many there are in all (`row_count`); none: every row. A file always
    /// holds every row.
    #[serde(default)]
    pub top: Option<u32>,
}

/// A query checked whole: its range and choices.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resolved {
    pub range: DateRange,
    pub by: Bucket,
    pub compare: Option<Compare>,
    pub rank: RankBy,
    /// Slow movers' and inactive customers' days (1–3650).
    pub days: u32,
}

impl ReportQuery {
    /// The range and choices on `today`; every problem at once (a bad period and a bad date
    /// are both named).
    pub fn resolve(&self, today: NaiveDate) -> Result<Resolved, Error> {
        let period = validate::choice::<Period>(FieldKey::Period, self.period.as_deref());
        let date = |key, text: &Option<String>| match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => validate::date(Field::new(key), t).map(Some),
            None => Ok(None),
        };
        let from = date(FieldKey::From, &self.from);
        let to = date(FieldKey::To, &self.to);
        let by = validate::choice::<Bucket>(FieldKey::By, self.by.as_deref());
        let compare = validate::choice::<Compare>(FieldKey::Compare, self.compare.as_deref());
        let rank = validate::choice::<RankBy>(FieldKey::Rank, self.rank.as_deref());
        let days = match self.days.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            None => Ok(kaidan_core::report::QUIET_DAYS),
            Some(t) => validate::days(Field::new(FieldKey::Days), t).and_then(|d| match d {
                0 => Err(Error::number(Field::new(FieldKey::Days), t, kaidan_core::NumberIssue::NotPositive)),
                d => Ok(d),
            }),
        };
        let problems: Vec<Error> = [
            period.as_ref().err(),
            from.as_ref().err(),
            to.as_ref().err(),
            by.as_ref().err(),
            compare.as_ref().err(),
            rank.as_ref().err(),
            days.as_ref().err(),
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
        Error::all(problems)?;
        let ok = "checked above";
        let (period, from, to) = (period.expect(ok), from.expect(ok), to.expect(ok));
        let (by, compare, rank, days) = (by.expect(ok), compare.expect(ok), rank.expect(ok), days.expect(ok));
        // dates typed win over a named period
        let range = match (from, to, period) {
            (Some(f), t, _) => DateRange::new(f, t.unwrap_or(today))?,
            (None, Some(t), _) => DateRange::new(t.with_day(1).unwrap_or(t), t)?,
            (None, None, Some(p)) => DateRange::of_period(p, today),
            (None, None, None) => DateRange::of_period(Period::ThisMonth, today),
        };
        let by = by.unwrap_or(match range.days() {
            ..=62 => Bucket::Day,
            ..=370 => Bucket::Month,
            ..=1830 => Bucket::Quarter,
            _ => Bucket::Year,
        });
        Ok(Resolved { range, by, compare, rank: rank.unwrap_or(RankBy::Sales), days })
    }
}

use chrono::Datelike;

/// The rows asked for: the best `top`, or all.
fn top(q: &ReportQuery) -> Option<usize> {
    q.top.map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

/// A count of rows as the reports keep it.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Shop {
    fn tallies(&self, range: &DateRange, group: ReportGroup) -> Result<std::collections::HashMap<String, Tally>, Error> {
        self.read(|db| db.report_tallies(range, group))
    }

    fn measures_of(&self, range: &DateRange) -> Result<Measures, Error> {
        Ok(self.tallies(range, ReportGroup::All)?.remove("").unwrap_or_default().measures())
    }

    /// 经营概况: the range's measures beside the comparison's, and what stands on `today`.
    pub fn report_overview(&self, q: &ReportQuery, today: NaiveDate) -> Result<Overview, Error> {
        self.snapshot(|| {
            let r = q.resolve(today)?;
            let measures = self.measures_of(&r.range)?;
            let compared_range = r.compare.map(|c| r.range.compared(c));
            let compared = compared_range.as_ref().map(|c| self.measures_of(c)).transpose()?;
            let changes = compared.as_ref().map(|was| measures.changes_from(was));
            let t = today.to_string();
            let (receivables, overdue) = self.read(|db| db.receivables(&t))?;
            let counts = self.read(|db| {
                let ids = db.local_ids()?;
                db.home_counts(&ids.location_id, &t)
            })?;
            Ok(Overview {
                range: r.range,
                measures,
                compare: r.compare,
                compared_range,
                compared,
                changes,
                receivables,
                overdue,
                open_orders: counts.to_deliver + counts.due_today + counts.late,
                late_orders: counts.late,
                low_stock: counts.low_stock,
            })
        })
    }

    /// 销售趋势: the range in buckets (every bucket, empty ones too), the comparison's beside.
    pub fn report_trend(&self, q: &ReportQuery, today: NaiveDate) -> Result<Trend, Error> {
        self.snapshot(|| {
            let r = q.resolve(today)?;
            // each day's documents into the bucket that holds the day
            let points = |buckets: Vec<DateRange>| -> Result<Vec<TrendPoint>, Error> {
                let (Some(first), Some(last)) = (buckets.first(), buckets.last()) else { return Ok(Vec::new()) };
                let days = self.tallies(&DateRange { from: first.from, to: last.to }, ReportGroup::Day)?;
                let mut sums = vec![Tally::default(); buckets.len()];
                for (day, t) in &days {
                    let Some(i) = day.parse().ok().and_then(|d| DateRange::bucket_of(&buckets, d)) else { continue };
                    sums[i].add(t);
                }
                Ok(buckets.into_iter().zip(sums).map(|(range, t)| TrendPoint { range, measures: t.measures() }).collect())
            };
            let mine = points(r.range.buckets(r.by))?;
            let compared = match r.compare {
                Some(c) => points(r.range.compared_buckets(r.by, c))?,
                None => Vec::new(),
            };
            let total = self.measures_of(&r.range)?;
            Ok(Trend { range: r.range, by: r.by, points: mine, compare: r.compare, compared, total })
        })
    }

    /// 日结: the day `q` ends on (a period's or a range's last day; today without one): its
    /// sales, deliveries and returns, money in and out by method, and the cash it leaves in the
    /// till.
    pub fn report_day(&self, q: &ReportQuery, today: NaiveDate) -> Result<kaidan_core::report::DayReport, Error> {
        self.snapshot(|| {
            use kaidan_core::model::PayMethod;
            let r = q.resolve(today)?;
            let day = r.range.to;
            let one = DateRange { from: day, to: day };
            let measures = self.measures_of(&one)?;
            let d = day.to_string();
            let (moved, (deliveries, returns)) = self.read(|db| Ok((db.money_moved(&d, &d)?, db.documents_on(&d)?)))?;
            let moved: Vec<kaidan_core::report::Moved> = moved.into_iter().map(|(_, m)| m).collect();
            let methods = kaidan_core::report::by_method(&moved);
            let cash = methods.iter().find(|m| m.method == PayMethod::Cash).map(|m| m.net).unwrap_or_default();
            Ok(kaidan_core::report::DayReport { date: day, measures, deliveries, returns, methods, cash })
        })
    }

    /// 今日日志: everything done on `day` (the shop's day, at `offset` from UTC) — orders,
    /// deliveries, money in and out, approvals, corrections, stock received — each entry with
    /// who did it and the owner who approved it on the spot, and a line for each person.
    /// With `operator`, that person's day only.
    pub fn day_log(
        &self,
        day: NaiveDate,
        offset: chrono::FixedOffset,
        operator: Option<&str>,
        lang: kaidan_core::Lang,
    ) -> Result<kaidan_core::report::DayLog, Error> {
        let start = |d: NaiveDate| {
            d.and_hms_opt(0, 0, 0).and_then(|t| t.and_local_timezone(offset).single()).map(|t| t.with_timezone(&chrono::Utc))
        };
        let (Some(from), Some(to)) = (start(day), day.succ_opt().and_then(start)) else {
            return Err(Error::at(kaidan_core::Problem::Required, Field::new(FieldKey::Date)));
        };
        let (mut entries, who) = self.read(|db| {
            let who = operator.map(|n| crate::people::operator_named(db, n)).transpose()?;
            Ok((db.log_between(from, to)?, who))
        })?;
        for e in &mut entries {
            e.what = e.describe(lang);
        }
        let log = kaidan_core::report::DayLog::new(day, entries);
        Ok(match who {
            Some(op) => log.of(&op.name),
            None => log,
        })
    }

    /// 商品: every product that sold or was ordered in the range (the best `top` when asked),
    /// the best first; and how many of the products on sale sold (动销率).
    pub fn report_products(&self, q: &ReportQuery, today: NaiveDate) -> Result<ProductsReport, Error> {
        self.snapshot(|| {
            let r = q.resolve(today)?;
            let (heads, on_sale) = self.read(|db| Ok((db.product_heads()?, db.products_on_sale(&r.range.to.to_string())?)))?;
            let tallies = self.tallies(&r.range, ReportGroup::Product)?;
            let sold = tallies.iter().filter(|(id, t)| t.qty.is_positive() && on_sale.contains(*id)).count();
            let mut known: Vec<(&Tally, &ProductHead)> = tallies.iter().filter_map(|(id, t)| heads.get(id).map(|h| (t, h))).collect();
            let row_count = count(known.len());
            kaidan_core::report::best(&mut known, top(q), |x| x.0.ranked_by(r.rank), |x| &x.1.sku);
            let rows = known
                .into_iter()
                .map(|(t, h)| ProductRow { sku: h.sku.clone(), name: h.name.clone(), unit: h.unit.clone(), measures: t.measures() })
                .collect();
            Ok(ProductsReport {
                ranked: Ranked { range: r.range, rank_by: r.rank, row_count, rows, total: self.measures_of(&r.range)? },
                sell_through: SellThrough::new(count(on_sale.len()), count(sold)),
            })
        })
    }

    /// 滞销商品: the products with stock on `today` that sold nothing in the days asked (60
    /// unless asked), with their stock value, last sale and days of cover.
    pub fn report_slow(&self, q: &ReportQuery, today: NaiveDate) -> Result<SlowMovers, Error> {
        self.snapshot(|| {
            use kaidan_core::report::{is_slow, on_hand, SlowMover, COVER_DAYS};
            let r = q.resolve(today)?;
            let (heads, shelves) = self.read(|db| Ok((db.product_heads()?, db.shelves()?)))?;
            // products that sold more than came back in the days asked sold on one of them: not slow
            // whatever else they did; the others' sales are read day by day
            let days = i64::from(r.days);
            let window = DateRange { from: today - chrono::Duration::days(days - 1), to: today };
            let sold = self.tallies(&window, ReportGroup::Product)?;
            let asked: HashSet<String> = shelves
                .iter()
                .filter(|(id, s)| on_hand(s).is_positive() && !sold.get(*id).is_some_and(|t| t.qty.is_positive()))
                .map(|(id, _)| id.clone())
                .collect();
            let year_from = today - chrono::Duration::days(i64::from(COVER_DAYS) - 1);
            let sales = self.read(|db| db.sales_days(&asked, &today.to_string(), &year_from.to_string()))?;
            let rows = asked
                .iter()
                .filter_map(|id| {
                    let (last, year) = sales.get(id).copied().unwrap_or_default();
                    let h = heads.get(id)?;
                    is_slow(on_hand(&shelves[id]), last, today, r.days)
                        .then(|| SlowMover::new((h.sku.clone(), h.name.clone(), h.unit.clone()), &shelves[id], last, year, today))
                })
                .collect();
            Ok(SlowMovers::new(today, r.days, rows))
        })
    }

    /// 客户: every customer who bought, ordered or paid in the range (the best `top` when asked),
    /// the best first; new and returning customers, sales by region and orders by channel (of
    /// everyone, whatever `top`).
    pub fn report_customers(&self, q: &ReportQuery, today: NaiveDate) -> Result<CustomersReport, Error> {
        self.snapshot(|| {
            let r = q.resolve(today)?;
            let heads = self.read(|db| db.customer_heads())?;
            let tallies = self.tallies(&r.range, ReportGroup::Customer)?;
            let (from, to) = (r.range.from.to_string(), r.range.to.to_string());
            // who first ordered in the range or after (the others' first order is before it: not new)
            let (first, channels) = self.read(|db| Ok((db.first_orders_since(&from)?, db.channel_orders(&from, &to)?)))?;
            let mut known: Vec<(&String, &Tally, &CustomerHead)> =
                tallies.iter().filter_map(|(id, t)| heads.get(id).map(|h| (id, t, h))).collect();
            let mix = CustomerMix::new(&r.range, known.iter().map(|(id, t, _)| (*t, first.get(*id).copied())));
            let regions = by_region(known.iter().map(|(_, t, h)| (*t, h.region.as_deref())));
            // the best only are measured and named when only they are asked for
            let row_count = count(known.len());
            kaidan_core::report::best(&mut known, top(q), |x| x.1.ranked_by(r.rank), |x| &x.2.name);
            let rows = known
                .into_iter()
                .map(|(id, t, h)| CustomerRow {
                    customer_id: id.clone(),
                    customer: h.name.clone(),
                    region: h.region.clone(),
                    measures: t.measures(),
                })
                .collect();
            Ok(CustomersReport {
                ranked: Ranked { range: r.range, rank_by: r.rank, row_count, rows, total: self.measures_of(&r.range)? },
                mix,
                regions,
                channels: by_channel(&channels),
            })
        })
    }

    /// 沉睡客户: the customers who ordered before but not in the days asked (60 unless asked)
    /// up to `today`, with their last order and what they usually spent.
    pub fn report_inactive(&self, q: &ReportQuery, today: NaiveDate) -> Result<Inactive, Error> {
        use kaidan_core::report::{is_inactive, InactiveCustomer};
        let r = q.resolve(today)?;
        let rows = self
            .read(|db| db.customer_buyers())?
            .into_iter()
            .filter(|c| is_inactive(c.orders.last_order, today, r.days))
            .map(|c| InactiveCustomer::new((c.id, c.name, c.region, c.phone), c.orders, today))
            .collect();
        Ok(Inactive::new(today, r.days, rows))
    }

    /// 订单毛利: every order whose goods went out or came back in the range, with what they
    /// sold and earned in it (the rows add up to the range's sales), the best first.
    pub fn report_profit(&self, q: &ReportQuery, today: NaiveDate) -> Result<Ranked<OrderRow>, Error> {
        self.snapshot(|| {
            let r = q.resolve(today)?;
            let rank = q.rank.as_ref().map_or(RankBy::GrossProfit, |_| r.rank);
            let (from, to) = (r.range.from.to_string(), r.range.to.to_string());
            let (mut goods, row_count) = match q.top {
                // the best only: read without naming every order of the range
                Some(top) => self.read(|db| db.order_goods_top(&from, &to, rank, top))?,
                None => {
                    let all = self.read(|db| db.order_goods(&from, &to))?;
                    let n = count(all.len());
                    (all, n)
                }
            };
            kaidan_core::report::best(&mut goods, top(q), |x| x.4.ranked_by(rank), |x| &x.0);
            let rows = goods
                .into_iter()
                .map(|(number, customer_id, customer, order_date, t)| OrderRow {
                    number,
                    customer_id,
                    customer,
                    order_date,
                    measures: t.measures(),
                })
                .collect();
            Ok(Ranked { range: r.range, rank_by: rank, row_count, rows, total: self.measures_of(&r.range)? })
        })
    }

    /// 业务员业绩: each salesperson's orders in the range — sales and gross profit of the goods
    /// delivered less returned, and the orders taken — the best first (by gross profit unless
    /// asked); the total is the range's, salesperson or not.
    pub fn report_salespeople(&self, q: &ReportQuery, today: NaiveDate) -> Result<Ranked<SalespersonRow>, Error> {
        self.snapshot(|| {
            let r = q.resolve(today)?;
            let rank = q.rank.as_ref().map_or(RankBy::GrossProfit, |_| r.rank);
            let (from, to) = (r.range.from.to_string(), r.range.to.to_string());
            let mut rows: Vec<SalespersonRow> = self
                .read(|db| db.salesperson_tallies(&from, &to))?
                .into_iter()
                .map(|(salesperson, t)| SalespersonRow { salesperson, measures: t.measures() })
                .collect();
            kaidan_core::report::rank(&mut rows, rank, |x| &x.measures, |x| &x.salesperson);
            Ok(Ranked { range: r.range, rank_by: rank, row_count: count(rows.len()), rows, total: self.measures_of(&r.range)? })
        })
    }

    /// 履约: how the range's orders stand, how long full delivery took and whether it came by
    /// the promised date; and the open orders late today.
    pub fn report_fulfilment(&self, q: &ReportQuery, today: NaiveDate) -> Result<Fulfilment, Error> {
        let r = q.resolve(today)?;
        let (from, to, t) = (r.range.from.to_string(), r.range.to.to_string(), today.to_string());
        let (statuses, delivered, late) = self.read(|db| {
            Ok((db.order_statuses(&from, &to)?, db.fulfilled(&from, &to)?, db.late_orders(&t, kaidan_core::report::LATE_SHOWN)?))
        })?;
        Ok(Fulfilment::new(r.range, &statuses, &delivered, late))
    }

    /// 收款: money received in the range by period and method, days sales outstanding, and
    /// what customers owe today by age.
    pub fn report_collections(&self, q: &ReportQuery, today: NaiveDate) -> Result<Collections, Error> {
        self.snapshot(|| {
            use kaidan_core::report::{dso, MoneyPoint, Moved};
            let r = q.resolve(today)?;
            let (from, to) = (r.range.from.to_string(), r.range.to.to_string());
            let moved = self.read(|db| db.money_moved(&from, &to))?;
            let buckets = r.range.buckets(r.by);
            let mut per: Vec<Vec<Moved>> = vec![Vec::new(); buckets.len()];
            for (day, m) in &moved {
                let Some(i) = day.parse().ok().and_then(|d| DateRange::bucket_of(&buckets, d)) else { continue };
                per[i].push(*m);
            }
            let points = buckets.into_iter().zip(&per).map(|(b, m)| MoneyPoint::new(b, m)).collect();
            let all: Vec<Moved> = moved.into_iter().map(|(_, m)| m).collect();
            let total = MoneyPoint::new(r.range, &all);
            let sales_total = self.measures_of(&r.range)?.sales_total;
            let t = today.to_string();
            let (receivables, overdue, aging) = self.read(|db| {
                let (r, o) = db.receivables(&t)?;
                Ok((r, o, db.aging_totals(&t)?))
            })?;
            Ok(Collections {
                range: r.range,
                by: r.by,
                points,
                total,
                sales_total,
                as_of: today,
                receivables,
                overdue,
                aging,
                dso: dso(receivables, sales_total, r.range.days()),
            })
        })
    }
}
