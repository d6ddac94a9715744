use chrono::NaiveDate;

use super::*;
use crate::fixed::Qty;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}
fn r(from: &str, to: &str) -> DateRange {
    DateRange { from: d(from), to: d(to) }
}
fn m(s: &str) -> Money {
    s.parse().unwrap()
}

#[test]
fn named_periods_on_a_thursday_in_december() {
    let today = d("2026-12-03"); // a Thursday
    let cases = [
        (Period::Today, r("2026-12-03", "2026-12-03")),
        (Period::Yesterday, r("2026-12-02", "2026-12-02")),
        (Period::ThisWeek, r("2026-11-30", "2026-12-03")),
        (Period::LastWeek, r("2026-11-23", "2026-11-29")),
        (Period::ThisMonth, r("2026-12-01", "2026-12-03")),
        (Period::LastMonth, r("2026-11-01", "2026-11-30")),
        (Period::ThisQuarter, r("2026-10-01", "2026-12-03")),
        (Period::ThisYear, r("2026-01-01", "2026-12-03")),
        (Period::LastYear, r("2025-01-01", "2025-12-31")),
        (Period::Last7Days, r("2026-11-27", "2026-12-03")),
        (Period::Last30Days, r("2026-11-04", "2026-12-03")),
        (Period::Last90Days, r("2026-09-05", "2026-12-03")),
    ];
    for (p, want) in cases {
        assert_eq!(DateRange::of_period(p, today), want, "{p}");
    }
    assert_eq!(DateRange::of_period(Period::LastMonth, d("2026-03-31")), r("2026-02-01", "2026-02-28"));
}

#[test]
fn comparisons_are_the_range_before_and_a_year_back() {
    let march = r("2026-03-01", "2026-03-31");
    assert_eq!(march.compared(Compare::Previous), r("2026-02-01", "2026-02-28"), "a whole month: the month before");
    assert_eq!(r("2026-03-10", "2026-03-19").compared(Compare::Previous), r("2026-02-28", "2026-03-09"), "10 days: the 10 before");
    assert_eq!(r("2026-01-01", "2026-03-31").compared(Compare::Previous), r("2025-10-01", "2025-12-31"), "a quarter: the one before");
    // so far this month, quarter, year, week: the same days of the one before
    assert_eq!(r("2026-12-01", "2026-12-06").compared(Compare::Previous), r("2026-11-01", "2026-11-06"), "1–6 December: 1–6 November");
    assert_eq!(r("2026-03-01", "2026-03-30").compared(Compare::Previous), r("2026-02-01", "2026-02-28"), "to February's end");
    assert_eq!(r("2026-10-01", "2026-12-06").compared(Compare::Previous), r("2026-07-01", "2026-09-06"), "a quarter so far");
    assert_eq!(r("2026-01-01", "2026-12-06").compared(Compare::Previous), r("2025-01-01", "2025-12-06"), "a year so far");
    // 2026-12-07 is a Monday: Monday to Wednesday against the Monday to Wednesday before
    assert_eq!(r("2026-12-07", "2026-12-09").compared(Compare::Previous), r("2026-11-30", "2026-12-02"), "a week so far");
    assert_eq!(r("2026-12-07", "2026-12-13").compared(Compare::Previous), r("2026-11-30", "2026-12-06"), "a whole week");
    assert_eq!(march.compared(Compare::LastYear), r("2025-03-01", "2025-03-31"));
    // 29 February a year back is the 28th
    assert_eq!(r("2028-02-29", "2028-02-29").compared(Compare::LastYear), r("2027-02-28", "2027-02-28"));
}

#[test]
fn a_trend_is_compared_bucket_by_bucket() {
    let spring = r("2026-03-01", "2026-05-31");
    assert_eq!(
        spring.compared_buckets(Bucket::Month, Compare::Previous),
        [r("2025-12-01", "2025-12-31"), r("2026-01-01", "2026-01-31"), r("2026-02-01", "2026-02-28")]
    );
    assert_eq!(spring.compared_buckets(Bucket::Month, Compare::LastYear)[1], r("2025-04-01", "2025-04-30"));
    // this month so far, day by day, beside the same days of last month (as the overview compares)
    let so_far = r("2026-12-01", "2026-12-03");
    assert_eq!(
        so_far.compared_buckets(Bucket::Day, Compare::Previous),
        [r("2026-11-01", "2026-11-01"), r("2026-11-02", "2026-11-02"), r("2026-11-03", "2026-11-03")]
    );
    // not whole weeks: each bucket as many days back as the range is long
    let part = r("2026-03-04", "2026-03-10");
    let before = part.compared_buckets(Bucket::Week, Compare::Previous);
    assert_eq!(before, [r("2026-02-25", "2026-03-01"), r("2026-03-02", "2026-03-03")]);
    assert_eq!(before.len(), part.buckets(Bucket::Week).len());
}

#[test]
fn buckets_cover_the_range_exactly() {
    let range = r("2026-01-30", "2026-04-02");
    let months = range.buckets(Bucket::Month);
    assert_eq!(
        months,
        [r("2026-01-30", "2026-01-31"), r("2026-02-01", "2026-02-28"), r("2026-03-01", "2026-03-31"), r("2026-04-01", "2026-04-02")]
    );
    let weeks = range.buckets(Bucket::Week);
    assert_eq!(weeks.first(), Some(&r("2026-01-30", "2026-02-01")), "Friday to Sunday");
    assert_eq!(weeks[1], r("2026-02-02", "2026-02-08"));
    assert_eq!(weeks.iter().map(|w| w.days()).sum::<i64>(), range.days());
    assert_eq!(range.buckets(Bucket::Quarter), [r("2026-01-30", "2026-03-31"), r("2026-04-01", "2026-04-02")]);
    assert_eq!(range.buckets(Bucket::Day).len(), 63);
    assert_eq!(r("2024-05-01", "2026-02-01").buckets(Bucket::Year).len(), 3);
}

#[test]
fn a_range_that_ends_before_it_starts_or_runs_over_twenty_years_is_refused() {
    let e = DateRange::new(d("2026-03-31"), d("2026-03-01")).unwrap_err();
    assert_eq!(e.message(crate::Lang::ZhCn), "「截止日期」：2026-03-01 早于起始日期 2026-03-31");
    assert_eq!(e.message(crate::Lang::En), "To date: 2026-03-01 is before the from date 2026-03-31");
    assert!(DateRange::new(d("2000-01-01"), d("2019-12-31")).is_ok());
    let e = DateRange::new(d("2000-01-01"), d("2020-01-01")).unwrap_err();
    assert!(e.message(crate::Lang::En).contains("at most 20 years"), "{e:?}");
}

#[test]
fn gross_profit_and_margin_leave_out_goods_of_unknown_cost() {
    let mut t = Tally::default();
    // 10 bolts sold for 25.00 (28.25 with tax), cost 12.00; 2 come back onto the shelf
    t.delivered(Qty::from_minor(10_000), m("25"), m("28.25"), Some(m("12")));
    t.returned(Qty::from_minor(2_000), m("5"), m("5.65"), Some(m("2.4")));
    let kept = t.measures();
    assert_eq!((kept.sales, kept.cogs, kept.gross_profit, kept.margin.as_deref()), (m("20"), m("9.6"), m("10.4"), Some("52.00")));
    // the margin of what was kept: 8 bolts at 2.50 costing 1.20 each
    assert_eq!(kept.margin, percent(m("10.4"), m("20")));
    // imported history without cost: in sales, not in gross profit
    t.delivered(Qty::from_minor(1_000), m("100"), m("113"), None);
    let all = t.measures();
    assert_eq!(
        (all.sales, all.sales_cost_unknown, all.gross_profit, all.margin.as_deref()),
        (m("120"), m("100"), m("10.4"), Some("52.00"))
    );
    // goods written off keep their cost: the sale is gone, the cost stays
    t.returned(Qty::from_minor(1_000), m("2.5"), m("2.83"), Some(Money::ZERO));
    assert_eq!(t.measures().gross_profit, m("7.9"));
    // nothing of known cost sold: no margin, not 100 %
    let mut unknown = Tally::default();
    unknown.delivered(Qty::from_minor(1_000), m("10"), m("11.3"), None);
    assert_eq!((unknown.measures().gross_profit, unknown.measures().margin), (Money::ZERO, None));
}

#[test]
fn changes_are_in_percent_of_the_earlier_figure_and_margin_points() {
    let mut now = Tally::default();
    now.delivered(Qty::from_minor(1000), m("125"), m("125"), Some(m("100")));
    now.order(m("125"));
    let mut was = Tally::default();
    was.delivered(Qty::from_minor(1000), m("100"), m("100"), Some(m("80")));
    was.order(m("50"));
    was.order(m("50"));
    let c = now.measures().changes_from(&was.measures());
    assert_eq!(c.sales.as_deref(), Some("25.00"));
    assert_eq!(c.gross_profit.as_deref(), Some("25.00"), "25 from 20");
    assert_eq!(c.margin.as_deref(), Some("0.00"), "20 % both");
    assert_eq!(c.orders.as_deref(), Some("-50.00"));
    assert_eq!(c.avg_order_value.as_deref(), Some("150.00"), "125 from 50");
    assert_eq!(c.received, None, "nothing received before: no percentage");
}

#[test]
fn the_average_order_is_rounded_to_the_fen() {
    let mut t = Tally::default();
    for v in ["10", "10", "10.01"] {
        t.order(m(v));
    }
    let x = t.measures();
    assert_eq!((x.orders, x.orders_value, x.avg_order_value), (3, m("30.01"), Some(m("10"))));
}

#[test]
fn percentiles_by_nearest_rank() {
    let h = |v: &[(u32, u32)]| v.iter().map(|&(days, orders)| LeadCount { days, orders }).collect::<Vec<_>>();
    assert_eq!(percentile(&h(&[]), 50), None);
    assert_eq!(percentile(&h(&[(3, 0)]), 50), None, "no order counted");
    assert_eq!(percentile(&h(&[(4, 1)]), 50), Some(4));
    // 0, 2, 3, 10: the median is the 2nd (⌈0.5 × 4⌉), the 90th the 4th (⌈3.6⌉)
    let four = h(&[(0, 1), (2, 1), (3, 1), (10, 1)]);
    assert_eq!((percentile(&four, 50), percentile(&four, 90), percentile(&four, 100)), (Some(2), Some(10), Some(10)));
    // 10 orders: 9 in a day, 1 after 30: the 90th percentile is still 1 day
    let ten = h(&[(1, 9), (30, 1)]);
    assert_eq!((percentile(&ten, 50), percentile(&ten, 90), percentile(&ten, 91)), (Some(1), Some(1), Some(30)));
    assert_eq!(percentile(&ten, 0), Some(1), "the 0th is the first");
}

#[test]
fn fulfilment_from_counts() {
    use crate::order::OrderStatus;
    let range = r("2026-03-01", "2026-03-31");
    let delivered = [
        Delivered { days: 2, on_time: Some(true), orders: 3 },
        Delivered { days: 2, on_time: None, orders: 1 },
        Delivered { days: -1, on_time: Some(true), orders: 1 },
        Delivered { days: 9, on_time: Some(false), orders: 1 },
    ];
    let f = Fulfilment::new(range, &[(OrderStatus::Delivered, 6), (OrderStatus::Draft, 2)], &delivered, (0, Vec::new()));
    assert_eq!(f.delivered, 6);
    assert_eq!(f.lead_days, vec![LeadCount { days: 0, orders: 1 }, LeadCount { days: 2, orders: 4 }, LeadCount { days: 9, orders: 1 }]);
    assert_eq!((f.lead_median, f.lead_p90), (Some(2), Some(9)));
    assert_eq!((f.promised, f.on_time, f.on_time_rate.as_deref()), (5, 4, Some("80.00")));
    assert_eq!(f.statuses.len(), 6);
    assert_eq!(f.statuses.iter().map(|s| s.orders).sum::<u32>(), 8);
}

#[test]
fn days_sales_outstanding() {
    assert_eq!(dso(m("170.00"), m("300.00"), 31).as_deref(), Some("17.6"));
    assert_eq!(dso(m("0"), m("300.00"), 31).as_deref(), Some("0.0"));
    assert_eq!(dso(m("100.00"), Money::ZERO, 31), None);
    assert_eq!(dso(m("100.00"), m("-5.00"), 31), None, "returns above sales: no DSO");
    assert_eq!(dso(m("-10.00"), m("100.00"), 10).as_deref(), Some("-1.0"), "customers in credit");
}

#[test]
fn every_method_in_the_tills_order() {
    use crate::model::PayMethod;
    let moved = [
        Moved { method: PayMethod::Wechat, received: m("5.00"), refunded: Money::ZERO },
        Moved { method: PayMethod::Cash, received: m("3.00"), refunded: m("1.00") },
        Moved { method: PayMethod::Wechat, received: m("2.00"), refunded: Money::ZERO },
    ];
    let p = MoneyPoint::new(r("2026-03-01", "2026-03-01"), &moved);
    assert_eq!(p.methods.iter().map(|x| x.method.as_str()).collect::<Vec<_>>(), ["cash", "bank", "wechat", "alipay", "card", "other"]);
    assert_eq!((p.methods[0].net, p.methods[2].net), (m("2.00"), m("7.00")));
    assert_eq!((p.received, p.refunded, p.net), (m("10.00"), m("1.00"), m("9.00")));
}

mod best_rows {
    use proptest::prelude::*;

    use super::super::*;
    use crate::fixed::{Money, Qty};

    fn tally((net, total, cost, unknown, qty): (i64, i64, i64, i64, i64)) -> Tally {
        let mut t = Tally::default();
        t.goods(
            Qty::from_minor(qty),
            Money::from_minor(net),
            Money::from_minor(total),
            Money::from_minor(cost),
            Money::from_minor(unknown),
        );
        t
    }

    proptest! {
        /// The best N are the first N of the whole ranking, ties and all, and the figure a
        /// tally is ranked by is the one its measures show.
        #[test]
        fn the_best_rows_are_the_whole_rankings_first(
            // few distinct figures and names, so that ties are common
            raw in prop::collection::vec(((-3i64..4, 0i64..3, 0i64..3, 0i64..2, -2i64..3), 0u8..4), 0..40),
            top in 0usize..45,
            by in prop::sample::select(vec![RankBy::Sales, RankBy::GrossProfit, RankBy::Qty]),
        ) {
            let rows: Vec<(String, Tally)> =
                raw.iter().enumerate().map(|(i, (f, k))| (format!("{k}-{}", i % 3), tally(*f))).collect();
            for (_, t) in &rows {
                prop_assert_eq!(t.ranked_by(by), t.measures().ranked_by(by));
            }
            let mut whole: Vec<(String, Measures)> = rows.iter().map(|(k, t)| (k.clone(), t.measures())).collect();
            rank(&mut whole, by, |x| &x.1, |x| &x.0);
            let mut picked = rows.clone();
            best(&mut picked, Some(top), |x| x.1.ranked_by(by), |x| &x.0);
            prop_assert_eq!(picked.len(), top.min(rows.len()));
            for (p, w) in picked.iter().zip(&whole) {
                prop_assert_eq!(&p.0, &w.0);
                prop_assert_eq!(p.1.ranked_by(by), w.1.ranked_by(by));
            }
            let mut all = rows.clone();
            best(&mut all, None, |x| x.1.ranked_by(by), |x| &x.0);
            prop_assert_eq!(all.len(), rows.len());
            let keys: Vec<(&str, i64)> = all.iter().map(|x| (x.0.as_str(), x.1.ranked_by(by))).collect();
            let whole_keys: Vec<(&str, i64)> = whole.iter().map(|x| (x.0.as_str(), x.1.ranked_by(by))).collect();
            prop_assert_eq!(keys, whole_keys);
        }
    }
}
