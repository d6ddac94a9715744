//! Order and line totals: the one place where Kaidan multiplies and rounds money.
//!
//! Rounding rule (documented in docs/ARCHITECTURE.md): every line is rounded on its own,
//! half away from zero ("四舍五入", half-up on magnitudes) to the fen; order totals are plain
//! sums of the rounded lines, so a printed document always adds up.
//!
//! - line amount = round(qty × unit price × (1 − discount%))
//! - prices include tax (the default, 含税价): line tax = round(amount × rate / (1 + rate)),
//!   net = amount − tax, and the line's total is its amount.
//! - prices exclude tax: net = amount, tax = round(amount × rate), line total = amount + tax.
//! - order subtotal = Σ net, tax = Σ tax, total = Σ line totals = subtotal + tax.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::fixed::{Money, NumberIssue, Qty, Rate, UnitPrice};

/// Whether the unit prices of an order already contain the tax. Fixed per order when it is
/// created, so that changing the shop setting later never changes an existing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxMode {
    Inclusive,
    Exclusive,
}

impl TaxMode {
    /// The mode of a document whose prices include tax (`true`) or not.
    pub fn of(prices_include_tax: bool) -> Self {
        if prices_include_tax {
            Self::Inclusive
        } else {
            Self::Exclusive
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineInput {
    pub qty: Qty,
    pub unit_price: UnitPrice,
    /// Discount off the line, in percent (0–100).
    pub discount: Rate,
    pub tax_rate: Rate,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineAmounts {
    /// The line's amount as printed: qty × price less discount, rounded.
    pub amount: Money,
    /// Tax contained in (inclusive) or added to (exclusive) the amount.
    pub tax: Money,
    /// Amount without tax.
    pub net: Money,
    /// What the line adds to the order total (amount, plus tax when prices exclude tax).
    pub total: Money,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderTotals {
    pub subtotal: Money,
    pub tax: Money,
    pub total: Money,
}

/// Computes one line. Fails only when the result is beyond [`Money::MAX_MINOR`].
pub fn line_amounts(line: &LineInput, mode: TaxMode) -> Result<LineAmounts, NumberIssue> {
    let keep = Decimal::ONE - line.discount.fraction();
    let raw = line.qty.to_decimal() * line.unit_price.to_decimal() * keep;
    let amount = Money::from_decimal_rounded(raw)?;
    let rate = line.tax_rate.fraction();
    let (tax, net, total) = match mode {
        TaxMode::Inclusive => {
            let tax = Money::from_decimal_rounded(amount.to_decimal() * rate / (Decimal::ONE + rate))?;
            (tax, amount - tax, amount)
        }
        TaxMode::Exclusive => {
            let tax = Money::from_decimal_rounded(amount.to_decimal() * rate)?;
            let total = amount.checked_add(tax).ok_or(NumberIssue::TooLarge)?;
            (tax, amount, total)
        }
    };
    Ok(LineAmounts { amount, tax, net, total })
}

/// What the goods on the shelf are worth at cost: on hand × the product's cost, to the fen.
pub fn stock_value(on_hand: crate::fixed::Qty, cost: crate::fixed::UnitPrice) -> Result<Money, NumberIssue> {
    Money::from_decimal_rounded(on_hand.to_decimal() * cost.to_decimal())
}

/// Sums computed lines into the order's totals.
pub fn order_totals<'a>(lines: impl IntoIterator<Item = &'a LineAmounts>) -> Result<OrderTotals, NumberIssue> {
    let mut t = OrderTotals::default();
    for l in lines {
        t.subtotal = t.subtotal.checked_add(l.net).ok_or(NumberIssue::TooLarge)?;
        t.tax = t.tax.checked_add(l.tax).ok_or(NumberIssue::TooLarge)?;
        t.total = t.total.checked_add(l.total).ok_or(NumberIssue::TooLarge)?;
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixed::Sign;

    fn line(qty: &str, price: &str, disc: &str, tax: &str) -> LineInput {
        LineInput {
            qty: Qty::parse(qty, Sign::Positive).unwrap(),
            unit_price: UnitPrice::parse(price, Sign::NonNegative).unwrap(),
            discount: Rate::parse_percent(disc).unwrap(),
            tax_rate: Rate::parse_percent(tax).unwrap(),
        }
    }

    #[test]
    fn line_table() {
        // qty, price, discount%, tax%, mode → amount, tax, net, total
        let cases = [
            ("3", "12.50", "0", "0", TaxMode::Inclusive, "37.50", "0.00", "37.50", "37.50"),
            ("1.5", "3.3333", "0", "0", TaxMode::Inclusive, "5.00", "0.00", "5.00", "5.00"),
            ("1", "0.005", "0", "0", TaxMode::Inclusive, "0.01", "0.00", "0.01", "0.01"),
            ("1", "0.0049", "0", "0", TaxMode::Inclusive, "0.00", "0.00", "0.00", "0.00"),
            ("10", "9.99", "5", "0", TaxMode::Inclusive, "94.91", "0.00", "94.91", "94.91"),
            ("1", "113", "0", "13", TaxMode::Inclusive, "113.00", "13.00", "100.00", "113.00"),
            ("1", "100", "0", "13", TaxMode::Exclusive, "100.00", "13.00", "100.00", "113.00"),
            ("3", "0.10", "0", "3", TaxMode::Exclusive, "0.30", "0.01", "0.30", "0.31"),
            ("2", "50", "100", "13", TaxMode::Inclusive, "0.00", "0.00", "0.00", "0.00"),
        ];
        for (q, p, d, t, mode, amount, tax, net, total) in cases {
            let got = line_amounts(&line(q, p, d, t), mode).unwrap();
            assert_eq!(
                (got.amount.to_string(), got.tax.to_string(), got.net.to_string(), got.total.to_string()),
                (amount.into(), tax.into(), net.into(), total.into()),
                "{q} × {p} -{d}% tax {t}% {mode:?}"
            );
        }
    }

    #[test]
    fn ten_dimes_are_a_yuan() {
        let l = line_amounts(&line("1", "0.10", "0", "0"), TaxMode::Inclusive).unwrap();
        let t = order_totals(std::iter::repeat_n(&l, 10)).unwrap();
        assert_eq!(t.total.to_string(), "1.00");
    }

    #[test]
    fn huge_line_is_refused_not_wrapped() {
        let l = line("1000000000", "1000000000", "0", "0");
        assert_eq!(line_amounts(&l, TaxMode::Inclusive), Err(NumberIssue::TooLarge));
    }

    proptest::proptest! {
        #[test]
        fn totals_are_sums_of_lines(
            lines in proptest::collection::vec((1i64..5_000_000, 0i64..50_000_000, 0i64..=10_000, 0i64..2_000, proptest::bool::ANY), 0..40)
        ) {
            let computed: Vec<LineAmounts> = lines.iter().map(|&(q, p, d, t, incl)| {
                let input = LineInput { qty: Qty::from_minor(q), unit_price: UnitPrice::from_minor(p), discount: Rate::from_minor(d), tax_rate: Rate::from_minor(t) };
                line_amounts(&input, if incl { TaxMode::Inclusive } else { TaxMode::Exclusive }).unwrap()
            }).collect();
            let t = order_totals(&computed).unwrap();
            proptest::prop_assert_eq!(t.total, t.subtotal + t.tax);
            proptest::prop_assert_eq!(t.total, computed.iter().map(|l| l.total).sum::<Money>());
            for l in &computed {
                proptest::prop_assert_eq!(l.total, l.net + l.tax);
                proptest::prop_assert!(!l.tax.is_negative() && !l.net.is_negative());
            }
        }
    }
}
