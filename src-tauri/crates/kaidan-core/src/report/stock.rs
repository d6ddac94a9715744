//! 商品 (products), what the ranking cannot say: 动销率 (how many of the products on sale sold
//! in the range) and 滞销商品 (slow movers: goods on the shelf that have not sold for a while,
//! the money they hold and how long they would last).
//!
//! **What counts**: a product *sold* in a range when its goods delivered less goods returned in
//! it are more than nothing (the products ranking's quantity). *On sale* means not deactivated or
//! deleted, and created by the range's last day. A *slow mover* has stock on hand today and did
//! not sell in the last `days` days (today included); its stock value is on hand × the shelf's
//! average cost (unknown when a shelf holding it has no known cost); its days of cover are the
//! days its stock lasts at the pace of the last [`COVER_DAYS`] days' sales (none when nothing
//! sold in them).

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::fixed::{Money, Qty, UnitPrice};

/// The days a slow mover has not sold, unless asked (and an inactive customer not bought).
pub const QUIET_DAYS: u32 = 60;
/// The days whose sales days of cover are counted from.
pub const COVER_DAYS: u32 = 365;

/// 动销率: of the products on sale, how many sold in the range, in percent ("24.00"; none when
/// nothing is on sale).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SellThrough {
    pub active: u32,
    pub sold: u32,
    pub rate: Option<String>,
}

impl SellThrough {
    pub fn new(active: u32, sold: u32) -> Self {
        Self { active, sold, rate: super::percent_of_counts(sold, active) }
    }
}

/// One shelf of a product (a location's stock): on hand, and its average cost when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shelf {
    pub on_hand: Qty,
    pub avg_cost: Option<UnitPrice>,
}

/// What `shelves` hold in all.
pub fn on_hand(shelves: &[Shelf]) -> Qty {
    shelves.iter().fold(Qty::ZERO, |a, s| a + s.on_hand)
}

/// What the stock on `shelves` is worth at their average cost; `None` when a shelf with goods on
/// it has no known cost.
pub fn stock_value(shelves: &[Shelf]) -> Option<Money> {
    let mut value = Money::ZERO;
    for s in shelves.iter().filter(|s| s.on_hand.is_positive()) {
        value += crate::cost::cost_of(s.on_hand, s.avg_cost?);
    }
    Some(value)
}

/// Whether a product holding `on_hand` whose last sale was `last_sold` is a slow mover on
/// `today`: goods on hand, and no sale in the `days` days up to today.
pub fn is_slow(on_hand: Qty, last_sold: Option<NaiveDate>, today: NaiveDate, days: u32) -> bool {
    on_hand.is_positive() && last_sold.is_none_or(|d| d <= today - Duration::days(days.into()))
}

/// The whole days `on_hand` lasts when `sold` goes in `days` days; none when nothing sold.
pub fn days_of_cover(on_hand: Qty, sold: Qty, days: u32) -> Option<u32> {
    if !sold.is_positive() || !on_hand.is_positive() {
        return None;
    }
    let d = (on_hand.to_decimal() * rust_decimal::Decimal::from(days) / sold.to_decimal()).floor();
    Some(u32::try_from(d.mantissa() / 10i128.pow(d.scale())).unwrap_or(u32::MAX))
}

/// A slow mover.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SlowMover {
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub on_hand: Qty,
    /// On hand at the shelf's average cost; none when its cost is not known.
    pub stock_value: Option<Money>,
    /// Its last day with a sale; none when it never sold.
    #[ts(type = "string | null")]
    pub last_sold: Option<NaiveDate>,
    pub days_since: Option<u32>,
    /// Sold in the last [`COVER_DAYS`] days, and how long its stock lasts at that pace.
    pub sold_year: Qty,
    pub days_of_cover: Option<u32>,
}

impl SlowMover {
    /// Counted on `today` from its `shelves`, last sale and last year's sales.
    pub fn new(
        (sku, name, unit): (String, String, String),
        shelves: &[Shelf],
        last_sold: Option<NaiveDate>,
        sold_year: Qty,
        today: NaiveDate,
    ) -> Self {
        let on_hand = on_hand(shelves);
        SlowMover {
            sku,
            name,
            unit,
            on_hand,
            stock_value: stock_value(shelves),
            last_sold,
            days_since: last_sold.map(|d| u32::try_from((today - d).num_days()).unwrap_or(0)),
            sold_year,
            days_of_cover: days_of_cover(on_hand, sold_year, COVER_DAYS),
        }
    }
}

/// 滞销商品: the slow movers on `as_of`, the most money on the shelf first (unknown cost last).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SlowMovers {
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    pub days: u32,
    pub rows: Vec<SlowMover>,
    /// Their stock value, of those whose cost is known; and how many have no known cost.
    pub stock_value: Money,
    pub value_unknown: u32,
}

impl SlowMovers {
    pub fn new(as_of: NaiveDate, days: u32, mut rows: Vec<SlowMover>) -> Self {
        rows.sort_by(|a, b| {
            let v = |r: &SlowMover| r.stock_value.map(|m| m.minor());
            // Some(x) > None: known values first, the largest first
            v(b).cmp(&v(a)).then_with(|| a.sku.cmp(&b.sku))
        });
        let stock_value = rows.iter().filter_map(|r| r.stock_value).fold(Money::ZERO, |a, b| a + b);
        let value_unknown = rows.iter().filter(|r| r.stock_value.is_none()).count() as u32;
        Self { as_of, days, rows, stock_value, value_unknown }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Qty {
        s.parse().unwrap()
    }
    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_slow_mover_has_stock_and_no_sale_in_the_days_up_to_today() {
        let today = d("2026-06-30");
        // 60 days up to today: 2 May – 30 June; a sale on 1 May is 60 days ago
        assert!(is_slow(q("1"), Some(d("2026-05-01")), today, 60));
        assert!(!is_slow(q("1"), Some(d("2026-05-02")), today, 60));
        assert!(is_slow(q("1"), None, today, 60));
        assert!(!is_slow(Qty::ZERO, None, today, 60));
        assert!(!is_slow(q("-2"), None, today, 60));
    }

    #[test]
    fn days_of_cover_at_last_years_pace() {
        // 73 a year is 0.2 a day: 10 last 50 days
        assert_eq!(days_of_cover(q("10"), q("73"), 365), Some(50));
        assert_eq!(days_of_cover(q("10"), q("3"), 365), Some(1216));
        assert_eq!(days_of_cover(q("0.5"), q("365"), 365), Some(0));
        assert_eq!(days_of_cover(q("10"), Qty::ZERO, 365), None);
        assert_eq!(days_of_cover(q("10"), q("-1"), 365), None);
    }

    #[test]
    fn stock_value_is_unknown_when_a_stocked_shelf_has_no_cost() {
        let p = |s: &str| Some(s.parse::<UnitPrice>().unwrap());
        let a = Shelf { on_hand: q("3"), avg_cost: p("2.3333") };
        let b = Shelf { on_hand: q("1.5"), avg_cost: p("10") };
        assert_eq!(stock_value(&[a, b]), Some(Money::from_minor(700 + 1500)));
        let empty_unknown = Shelf { on_hand: Qty::ZERO, avg_cost: None };
        assert_eq!(stock_value(&[a, empty_unknown]), Some(Money::from_minor(700)));
        let unknown = Shelf { on_hand: q("1"), avg_cost: None };
        assert_eq!(stock_value(&[a, unknown]), None);
    }

    #[test]
    fn slow_movers_list_the_most_money_first_and_unknown_last() {
        let today = d("2026-06-30");
        let mk = |sku: &str, cost: Option<&str>| {
            let shelves = [Shelf { on_hand: q("2"), avg_cost: cost.map(|c| c.parse().unwrap()) }];
            SlowMover::new((sku.into(), sku.into(), "个".into()), &shelves, Some(d("2026-01-01")), q("4"), today)
        };
        let s = SlowMovers::new(today, 60, vec![mk("A", Some("1")), mk("B", None), mk("C", Some("5"))]);
        assert_eq!(s.rows.iter().map(|r| r.sku.as_str()).collect::<Vec<_>>(), ["C", "A", "B"]);
        assert_eq!(s.stock_value, Money::from_minor(1200));
        assert_eq!(s.value_unknown, 1);
        assert_eq!(s.rows[0].days_since, Some(180));
        assert_eq!(s.rows[0].days_of_cover, Some(182));
    }

    #[test]
    fn sell_through_in_percent() {
        assert_eq!(SellThrough::new(8, 3).rate.as_deref(), Some("37.50"));
        assert_eq!(SellThrough::new(0, 0).rate, None);
    }
}
