//! 客户 (customers), beyond the ranking: new and returning customers, sales by region and orders
//! by channel, and the customers who have gone quiet (沉睡客户).
//!
//! **What counts**: a customer *bought* in a range when they ordered in it (an order taken) or
//! goods went out to them or came back from them in it. They are *new* when their first order
//! ever taken is in the range, *returning* otherwise; the two add up to the range's sales. A
//! customer's *region* is the one on their card (none: 未填地区 / no region). Channels count the
//! orders taken in the range (电话, 微信 …: where the order came from), not goods delivered.
//! A customer is *inactive* on a day when they ordered before but not in the `days` days up to it;
//! their usual spend is the average value of their orders taken, and how often they ordered.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{DateRange, Measures, Tally};
use crate::fixed::Money;
use crate::order::Channel;

/// Customers counted together and what they bought.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CustomerGroup {
    pub customers: u32,
    pub measures: Measures,
}

/// New and returning customers of a range.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CustomerMix {
    pub new: CustomerGroup,
    pub returning: CustomerGroup,
}

/// Whether a customer's tally of a range says they bought in it: an order taken, or goods that
/// moved — whatever nets to nothing in quantity and money may still move a cost (goods back of
/// unknown cost against goods out of a known one): such a customer counts, so that the groups
/// add up to the range.
pub fn bought(t: &Tally) -> bool {
    t.orders > 0
        || !t.qty.is_zero()
        || !t.sales_total.is_zero()
        || !t.sales.is_zero()
        || !t.cogs.is_zero()
        || !t.sales_cost_unknown.is_zero()
}

/// A customer's orders taken, ever: the first and the last order date, how many, their value
/// with tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Buyer {
    pub first_order: NaiveDate,
    pub last_order: NaiveDate,
    pub orders: u32,
    pub orders_value: Money,
}

/// Whether a customer whose first order ever taken was on `first_order` is new in `range`.
pub fn is_new(first_order: Option<NaiveDate>, range: &DateRange) -> bool {
    first_order.is_some_and(|d| d >= range.from)
}

impl CustomerMix {
    /// From each customer's tally of `range` and their first order ever taken.
    pub fn new<'a>(range: &DateRange, customers: impl IntoIterator<Item = (&'a Tally, Option<NaiveDate>)>) -> Self {
        let (mut new, mut returning) = ((0u32, Tally::default()), (0u32, Tally::default()));
        for (t, first) in customers.into_iter().filter(|(t, _)| bought(t)) {
            let g = if is_new(first, range) { &mut new } else { &mut returning };
            g.0 += 1;
            g.1.add(t);
        }
        let group = |(customers, t): (u32, Tally)| CustomerGroup { customers, measures: t.measures() };
        Self { new: group(new), returning: group(returning) }
    }
}

/// A region's customers (those who bought) and their measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct RegionRow {
    /// None: customers with no region on their card.
    pub region: Option<String>,
    pub customers: u32,
    pub measures: Measures,
}

/// Sales by region, the most sales first (no region last).
pub fn by_region<'a>(customers: impl IntoIterator<Item = (&'a Tally, Option<&'a str>)>) -> Vec<RegionRow> {
    let mut groups: BTreeMap<Option<String>, (u32, Tally)> = BTreeMap::new();
    for (t, region) in customers.into_iter().filter(|(t, _)| bought(t)) {
        let region = region.map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
        let g = groups.entry(region).or_default();
        g.0 += 1;
        g.1.add(t);
    }
    let mut rows: Vec<RegionRow> =
        groups.into_iter().map(|(region, (customers, t))| RegionRow { region, customers, measures: t.measures() }).collect();
    rows.sort_by(|a, b| {
        (a.region.is_none(), std::cmp::Reverse(a.measures.sales.minor()), &a.region).cmp(&(
            b.region.is_none(),
            std::cmp::Reverse(b.measures.sales.minor()),
            &b.region,
        ))
    });
    rows
}

/// Orders taken through a channel, and their share of the range's order value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ChannelRow {
    pub channel: Channel,
    pub orders: u32,
    /// Their value with tax.
    pub orders_value: Money,
    /// Of all orders' value, in percent ("25.00").
    pub share: Option<String>,
}

/// Every channel orders came through, in the order the order form lists them.
pub fn by_channel(counts: &[(Channel, u32, Money)]) -> Vec<ChannelRow> {
    let total = counts.iter().fold(Money::ZERO, |a, c| a + c.2);
    Channel::ALL
        .iter()
        .filter_map(|ch| {
            let (orders, value) = counts.iter().filter(|c| c.0 == *ch).fold((0u32, Money::ZERO), |a, c| (a.0 + c.1, a.1 + c.2));
            (orders != 0 || !value.is_zero()).then(|| ChannelRow {
                channel: *ch,
                orders,
                orders_value: value,
                share: super::percent(value, total),
            })
        })
        .collect()
}

/// The customers report: the ranking, and who they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CustomersReport {
    #[serde(flatten)]
    pub ranked: super::Ranked<super::CustomerRow>,
    pub mix: CustomerMix,
    pub regions: Vec<RegionRow>,
    pub channels: Vec<ChannelRow>,
}

/// The products report: the ranking, and 动销率.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ProductsReport {
    #[serde(flatten)]
    pub ranked: super::Ranked<super::ProductRow>,
    pub sell_through: super::SellThrough,
}

// Each is its ranking with more beside it: read the ranking's rows and total through it.
impl std::ops::Deref for CustomersReport {
    type Target = super::Ranked<super::CustomerRow>;
    fn deref(&self) -> &Self::Target {
        &self.ranked
    }
}

impl std::ops::Deref for ProductsReport {
    type Target = super::Ranked<super::ProductRow>;
    fn deref(&self) -> &Self::Target {
        &self.ranked
    }
}

/// Whether a customer whose last order taken was `last_order` is inactive on `today`.
pub fn is_inactive(last_order: NaiveDate, today: NaiveDate, days: u32) -> bool {
    last_order <= today - Duration::days(days.into())
}

/// A customer gone quiet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct InactiveCustomer {
    pub customer_id: String,
    pub customer: String,
    pub region: Option<String>,
    pub phone: Option<String>,
    #[ts(type = "string")]
    pub first_order: NaiveDate,
    #[ts(type = "string")]
    pub last_order: NaiveDate,
    pub days_since: u32,
    /// Their orders taken, ever, and their value with tax; the average (their usual spend), and
    /// the average days between orders (none with one order).
    pub orders: u32,
    pub orders_value: Money,
    pub avg_order_value: Option<Money>,
    pub days_between: Option<u32>,
}

impl InactiveCustomer {
    pub fn new(
        (customer_id, customer, region, phone): (String, String, Option<String>, Option<String>),
        b: Buyer,
        today: NaiveDate,
    ) -> Self {
        let span = u32::try_from((b.last_order - b.first_order).num_days()).unwrap_or(0);
        InactiveCustomer {
            customer_id,
            customer,
            region,
            phone,
            first_order: b.first_order,
            last_order: b.last_order,
            days_since: u32::try_from((today - b.last_order).num_days()).unwrap_or(0),
            orders: b.orders,
            orders_value: b.orders_value,
            avg_order_value: super::avg_order_value(b.orders_value, b.orders),
            days_between: (b.orders > 1).then(|| (span + (b.orders - 1) / 2) / (b.orders - 1)),
        }
    }
}

/// 沉睡客户 on `as_of`: those who spent most first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Inactive {
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    pub days: u32,
    pub rows: Vec<InactiveCustomer>,
}

impl Inactive {
    pub fn new(as_of: NaiveDate, days: u32, mut rows: Vec<InactiveCustomer>) -> Self {
        rows.sort_by(|a, b| b.orders_value.minor().cmp(&a.orders_value.minor()).then_with(|| a.customer.cmp(&b.customer)));
        Self { as_of, days, rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixed::Qty;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn sold(cents: i64, orders: u32) -> Tally {
        let mut t = Tally::default();
        let m = Money::from_minor(cents);
        t.goods(Qty::from_minor(1000), m, m, Money::ZERO, m);
        t.orders = orders;
        t.orders_value = Money::from_minor(cents * i64::from(orders));
        t
    }

    #[test]
    fn new_customers_first_ordered_in_the_range() {
        let june = DateRange { from: d("2026-06-01"), to: d("2026-06-30") };
        let (a, b, c) = (sold(1000, 1), sold(500, 2), sold(300, 0));
        let mut payer = Tally::default();
        payer.received = Money::from_minor(99);
        let mix = CustomerMix::new(
            &june,
            [(&a, Some(d("2026-06-03"))), (&b, Some(d("2025-01-01"))), (&c, Some(d("2026-05-31"))), (&payer, Some(d("2026-06-10")))],
        );
        assert_eq!(mix.new.customers, 1);
        assert_eq!(mix.new.measures.sales, Money::from_minor(1000));
        assert_eq!(mix.returning.customers, 2);
        assert_eq!(mix.returning.measures.sales, Money::from_minor(800));
        assert_eq!(mix.returning.measures.orders, 2);
    }

    /// Goods out at a known cost and the same goods back, written off, of unknown cost: nothing
    /// sold in quantity or money, but a cost moved — the customer counts in the groups, which
    /// then add up to the range (found by the reports' property test).
    #[test]
    fn a_customer_whose_range_nets_to_nothing_sold_but_moved_a_cost_counts() {
        let june = DateRange { from: d("2026-06-01"), to: d("2026-06-30") };
        let mut t = Tally::default();
        let (price, cost) = (Money::from_minor(420), Money::from_minor(201));
        t.goods(Qty::from_minor(1000), price, price, cost, Money::ZERO);
        t.goods(Qty::from_minor(-1000), -price, -price, Money::ZERO, -price);
        assert!(bought(&t));
        let mix = CustomerMix::new(&june, [(&t, Some(d("2025-01-01")))]);
        assert_eq!((mix.returning.customers, mix.returning.measures.gross_profit), (1, Money::from_minor(219)));
        assert_eq!(by_region([(&t, None)])[0].measures.gross_profit, Money::from_minor(219));
        assert!(!bought(&Tally::default()));
    }

    #[test]
    fn regions_add_up_and_no_region_comes_last() {
        let (a, b, c, e) = (sold(100, 1), sold(700, 1), sold(300, 1), sold(50, 1));
        let rows = by_region([(&a, Some("华东")), (&b, Some("华南")), (&c, Some(" 华东 ")), (&e, None), (&Tally::default(), Some("西北"))]);
        let got: Vec<_> = rows.iter().map(|r| (r.region.as_deref(), r.customers, r.measures.sales.minor())).collect();
        assert_eq!(got, [(Some("华南"), 1, 700), (Some("华东"), 2, 400), (None, 1, 50)]);
    }

    #[test]
    fn channels_in_the_forms_order_with_their_share() {
        let m = Money::from_minor;
        let rows = by_channel(&[(Channel::Wechat, 3, m(300)), (Channel::Phone, 1, m(100)), (Channel::Web, 0, m(0))]);
        let got: Vec<_> = rows.iter().map(|r| (r.channel, r.orders, r.share.as_deref())).collect();
        assert_eq!(got, [(Channel::Phone, 1, Some("25.00")), (Channel::Wechat, 3, Some("75.00"))]);
    }

    #[test]
    fn inactive_after_the_days_without_an_order() {
        let today = d("2026-06-30");
        assert!(is_inactive(d("2026-05-01"), today, 60));
        assert!(!is_inactive(d("2026-05-02"), today, 60));
        let b = Buyer { first_order: d("2026-01-01"), last_order: d("2026-05-01"), orders: 3, orders_value: Money::from_minor(1000) };
        let c = InactiveCustomer::new(("id".into(), "甲".into(), None, None), b, today);
        // 120 days from the first order to the last, two gaps: every 60 days
        assert_eq!((c.days_since, c.avg_order_value, c.days_between), (60, Some(Money::from_minor(333)), Some(60)));
        let once =
            InactiveCustomer::new(("id".into(), "乙".into(), None, None), Buyer { orders: 1, first_order: b.last_order, ..b }, today);
        assert_eq!(once.days_between, None);
    }
}
