//! 收款 (collections): money received in a range by period and method, how many days of sales
//! customers owe (DSO), and the receivables by age.
//!
//! **What counts**: payments at their date — receipts in, refunds out, a reversal where the
//! payment it undoes belongs (a reversed receipt took nothing in). **DSO** (应收账款周转天数) is
//! what customers owe today ÷ the range's sales with tax × the range's days: how many days of
//! the range's sales are still unpaid. It reads today's receivables, so it is the shop's DSO
//! when the range ends today (本月, 近 30 天 …) and an estimate for a range in the past.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::{DateRange, MethodTotal};
use crate::closed::Closed;
use crate::fixed::Money;
use crate::model::{AgingRow, PayMethod};

/// Money moved by one method, as the store adds it up: received, refunded (positive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    pub method: PayMethod,
    pub received: Money,
    pub refunded: Money,
}

/// Every method (zero ones too, in the order a till lists them) with what moved by it.
pub fn by_method(moved: &[Moved]) -> Vec<MethodTotal> {
    PayMethod::all()
        .iter()
        .map(|&method| {
            let (received, refunded) =
                moved.iter().filter(|m| m.method == method).fold((Money::ZERO, Money::ZERO), |(r, f), m| (r + m.received, f + m.refunded));
            MethodTotal { method, received, refunded, net: received - refunded }
        })
        .collect()
}

/// One period's money: by method, and in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct MoneyPoint {
    pub range: DateRange,
    pub methods: Vec<MethodTotal>,
    pub received: Money,
    pub refunded: Money,
    pub net: Money,
}

impl MoneyPoint {
    pub fn new(range: DateRange, moved: &[Moved]) -> Self {
        let methods = by_method(moved);
        let received = methods.iter().map(|m| m.received).fold(Money::ZERO, |a, b| a + b);
        let refunded = methods.iter().map(|m| m.refunded).fold(Money::ZERO, |a, b| a + b);
        Self { range, methods, received, refunded, net: received - refunded }
    }
}

/// The collections report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Collections {
    pub range: DateRange,
    pub by: super::Bucket,
    /// The range in periods (every period, empty ones too).
    pub points: Vec<MoneyPoint>,
    /// The whole range.
    pub total: MoneyPoint,
    /// The range's sales with tax (DSO's denominator).
    pub sales_total: Money,
    /// Today, whatever the range: what customers owe, of it overdue, and by age.
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    pub receivables: Money,
    pub overdue: Money,
    pub aging: AgingRow,
    /// Days sales outstanding, 1 decimal ("23.4"); none without sales in the range.
    pub dso: Option<String>,
}

/// Days sales outstanding: `receivables` ÷ `sales_total` × `days`, 1 decimal, half away from
/// zero; none when the range sold nothing (or less than nothing: returns above sales).
pub fn dso(receivables: Money, sales_total: Money, days: i64) -> Option<String> {
    if sales_total <= Money::ZERO {
        return None;
    }
    let d = receivables.to_decimal() * Decimal::from(days) / sales_total.to_decimal();
    Some(format!("{:.1}", d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)))
}
