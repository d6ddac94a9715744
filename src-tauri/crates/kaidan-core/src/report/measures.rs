//! The measures every report shows, and the tally that adds them up from the documents.

use serde::{Deserialize, Serialize};

use crate::fixed::{Money, Qty};

/// What a range (or a product's, a customer's part of it) sold and earned. Money and
/// quantities are decimal strings in JSON, as everywhere.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Measures {
    /// Sales without tax: goods delivered less goods returned.
    pub sales: Money,
    /// The same with tax.
    pub sales_total: Money,
    /// The cost of the goods sold whose cost is known.
    pub cogs: Money,
    /// Sales (without tax) of goods whose cost is not known: left out of gross profit.
    pub sales_cost_unknown: Money,
    /// Sales of goods with a known cost, less their cost.
    pub gross_profit: Money,
    /// Gross profit in percent of the sales it is made on ("52.00"); none without such sales.
    pub margin: Option<String>,
    /// Quantity delivered less quantity returned.
    pub qty: Qty,
    /// Orders taken (confirmed or later, not cancelled) by their order date.
    pub orders: u32,
    /// Their value with tax.
    pub orders_value: Money,
    /// Their average value; none without orders.
    pub avg_order_value: Option<Money>,
    /// Money received from customers, less refunds.
    pub received: Money,
}

/// The average of `orders` orders worth `value` in all, to the fen; none without orders.
pub fn avg_order_value(value: Money, orders: u32) -> Option<Money> {
    (orders > 0).then(|| Money::from_decimal_rounded(value.to_decimal() / rust_decimal::Decimal::from(orders)).unwrap_or(Money::ZERO))
}

/// Adds the documents of a range up into [`Measures`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub sales: Money,
    pub sales_total: Money,
    pub cogs: Money,
    pub sales_cost_unknown: Money,
    pub qty: Qty,
    pub orders: u32,
    pub orders_value: Money,
    pub received: Money,
}

impl Tally {
    /// A delivery line: `net` and `total` sold, `cost` of its goods when known.
    pub fn delivered(&mut self, qty: Qty, net: Money, total: Money, cost: Option<Money>) {
        self.qty += qty;
        self.sales += net;
        self.sales_total += total;
        match cost {
            Some(c) => self.cogs += c,
            None => self.sales_cost_unknown += net,
        }
    }

    /// A return line: `net` and `total` taken back, the `cost` the goods took back (zero when
    /// written off; `None` when not known).
    pub fn returned(&mut self, qty: Qty, net: Money, total: Money, cost: Option<Money>) {
        self.qty -= qty;
        self.sales -= net;
        self.sales_total -= total;
        match cost {
            Some(c) => self.cogs -= c,
            None => self.sales_cost_unknown -= net,
        }
    }

    /// Goods added up already (a day's or a product's lines, summed by the store): `qty`, what
    /// they sold without and with tax, the cost of those of known cost, and the sales of those
    /// of unknown cost. Returns come in negated.
    pub fn goods(&mut self, qty: Qty, net: Money, total: Money, cogs: Money, cost_unknown: Money) {
        self.qty += qty;
        self.sales += net;
        self.sales_total += total;
        self.cogs += cogs;
        self.sales_cost_unknown += cost_unknown;
    }

    /// An order taken, worth `total`.
    pub fn order(&mut self, total: Money) {
        self.orders += 1;
        self.orders_value += total;
    }

    /// Another tally's documents added to this one's.
    pub fn add(&mut self, o: &Tally) {
        self.sales += o.sales;
        self.sales_total += o.sales_total;
        self.cogs += o.cogs;
        self.sales_cost_unknown += o.sales_cost_unknown;
        self.qty += o.qty;
        self.orders += o.orders;
        self.orders_value += o.orders_value;
        self.received += o.received;
    }

    /// The figure a ranking by `by` orders by, in minor units: what [`Tally::measures`] shows
    /// for it, without working out the rest.
    pub fn ranked_by(&self, by: super::RankBy) -> i64 {
        match by {
            super::RankBy::Sales => self.sales.minor(),
            super::RankBy::GrossProfit => self.gross_profit().minor(),
            super::RankBy::Qty => self.qty.minor(),
        }
    }

    /// Sales of goods with a known cost, less their cost.
    fn gross_profit(&self) -> Money {
        self.sales - self.sales_cost_unknown - self.cogs
    }

    /// The measures: gross profit and margin on the sales whose cost is known.
    pub fn measures(&self) -> Measures {
        let costed = self.sales - self.sales_cost_unknown;
        let gross_profit = self.gross_profit();
        let avg_order_value = avg_order_value(self.orders_value, self.orders);
        Measures {
            sales: self.sales,
            sales_total: self.sales_total,
            cogs: self.cogs,
            sales_cost_unknown: self.sales_cost_unknown,
            gross_profit,
            margin: super::percent(gross_profit, costed),
            qty: self.qty,
            orders: self.orders,
            orders_value: self.orders_value,
            avg_order_value,
            received: self.received,
        }
    }
}

/// How a range's measures changed from the range it is compared with: in percent of the
/// earlier figure ("12.50", "-3.00"; none when the earlier one is 0), the margin in points.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Changes {
    pub sales: Option<String>,
    pub sales_total: Option<String>,
    pub gross_profit: Option<String>,
    /// Percentage points ("1.20": from 22.40 % to 23.60 %); none without both margins.
    pub margin: Option<String>,
    pub qty: Option<String>,
    pub orders: Option<String>,
    pub avg_order_value: Option<String>,
    pub received: Option<String>,
}

fn change(now: rust_decimal::Decimal, was: rust_decimal::Decimal) -> Option<String> {
    if was.is_zero() {
        return None;
    }
    let p = ((now - was) * rust_decimal::Decimal::from(100) / was.abs())
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    Some(format!("{p:.2}"))
}

impl Measures {
    /// The figure a ranking by `by` orders by, in minor units.
    pub fn ranked_by(&self, by: super::RankBy) -> i64 {
        match by {
            super::RankBy::Sales => self.sales.minor(),
            super::RankBy::GrossProfit => self.gross_profit.minor(),
            super::RankBy::Qty => self.qty.minor(),
        }
    }

    /// How these measures changed from `was`.
    pub fn changes_from(&self, was: &Measures) -> Changes {
        let m = |a: Money, b: Money| change(a.to_decimal(), b.to_decimal());
        let margin = match (&self.margin, &was.margin) {
            (Some(a), Some(b)) => match (a.parse::<rust_decimal::Decimal>(), b.parse::<rust_decimal::Decimal>()) {
                (Ok(a), Ok(b)) => Some(format!("{:.2}", a - b)),
                _ => None,
            },
            _ => None,
        };
        Changes {
            sales: m(self.sales, was.sales),
            sales_total: m(self.sales_total, was.sales_total),
            gross_profit: m(self.gross_profit, was.gross_profit),
            margin,
            qty: change(self.qty.to_decimal(), was.qty.to_decimal()),
            orders: change(self.orders.into(), was.orders.into()),
            avg_order_value: match (self.avg_order_value, was.avg_order_value) {
                (Some(a), Some(b)) => m(a, b),
                _ => None,
            },
            received: m(self.received, was.received),
        }
    }
}
