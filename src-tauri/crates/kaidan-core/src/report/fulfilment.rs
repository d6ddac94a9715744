//! 履约 (fulfilment): how the orders of a range stand, how long full delivery took, whether it
//! came by the promised date, and which open orders are late today.
//!
//! **What counts**: an order counts in the lead time when its last goods went out in the range
//! (the day it became 已发货 / delivered); its lead time is the days from its order date to that
//! day. It was on time when that day is on or before its promised date (交货日期); orders without
//! a promised date are left out of the on-time rate. Imported history is left out of both: the
//! sheet said what was sold, not when it went out. The status mix counts the orders taken in the
//! range (by order date, drafts and cancelled ones too) as they stand now.

use serde::{Deserialize, Serialize};

use super::DateRange;
use crate::fixed::Money;
use crate::order::OrderStatus;

/// How many late open orders the report lists.
pub const LATE_SHOWN: u32 = 500;

/// How many orders of the range stand in a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct StatusCount {
    pub status: OrderStatus,
    pub orders: u32,
}

/// How many orders were delivered in full `days` after they were taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct LeadCount {
    pub days: u32,
    pub orders: u32,
}

/// Orders delivered in full, as the store counts them: after `days`, and against a promise
/// (`None`: none was made; `Some(true)`: on or before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delivered {
    pub days: i64,
    pub on_time: Option<bool>,
    pub orders: u32,
}

/// An open order past its promised date today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct LateOrder {
    pub number: String,
    pub customer_id: String,
    pub customer: String,
    pub status: OrderStatus,
    pub order_date: String,
    pub deliver_by: String,
    pub days_late: u32,
    /// The order's value with tax.
    pub total: Money,
}

/// The fulfilment report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Fulfilment {
    pub range: DateRange,
    /// Every status (zero ones too), in the order an order goes through them.
    pub statuses: Vec<StatusCount>,
    /// Orders delivered in full in the range (imported history left out).
    pub delivered: u32,
    /// Of them, how many took how many days, fewest first (days with none left out).
    pub lead_days: Vec<LeadCount>,
    /// The median and the 90th percentile of the lead time, in days; none without deliveries.
    pub lead_median: Option<u32>,
    pub lead_p90: Option<u32>,
    /// Of them, those with a promised date, and of those the ones on or before it.
    pub promised: u32,
    pub on_time: u32,
    /// on_time / promised in percent ("92.50"); none without promises.
    pub on_time_rate: Option<String>,
    /// Today, whatever the range: how many open orders are past their promised date, and the
    /// first [`LATE_SHOWN`] of them, the longest overdue first (the orders list has them all).
    pub late_count: u32,
    pub late: Vec<LateOrder>,
}

impl Fulfilment {
    /// The report from what the store counted: orders per status, and the orders delivered in
    /// full in the range by lead time and promise. A lead time below zero (goods out before
    /// the order's date, as typed) counts as 0 days.
    pub fn new(
        range: DateRange,
        statuses: &[(OrderStatus, u32)],
        delivered: &[Delivered],
        (late_count, late): (u32, Vec<LateOrder>),
    ) -> Self {
        use crate::closed::Closed;
        let statuses = OrderStatus::all()
            .iter()
            .map(|&s| StatusCount { status: s, orders: statuses.iter().filter(|(x, _)| *x == s).map(|(_, n)| n).sum() })
            .collect();
        let mut lead: std::collections::BTreeMap<u32, u32> = std::collections::BTreeMap::new();
        let (mut promised, mut on_time) = (0u32, 0u32);
        for d in delivered {
            *lead.entry(u32::try_from(d.days.max(0)).unwrap_or(u32::MAX)).or_default() += d.orders;
            if let Some(ok) = d.on_time {
                promised += d.orders;
                if ok {
                    on_time += d.orders;
                }
            }
        }
        let lead_days: Vec<LeadCount> = lead.into_iter().filter(|(_, n)| *n > 0).map(|(days, orders)| LeadCount { days, orders }).collect();
        Self {
            range,
            statuses,
            delivered: lead_days.iter().map(|l| l.orders).sum(),
            lead_median: percentile(&lead_days, 50),
            lead_p90: percentile(&lead_days, 90),
            on_time_rate: super::percent(Money::from_minor(on_time.into()), Money::from_minor(promised.into())),
            lead_days,
            promised,
            on_time,
            late_count,
            late,
        }
    }
}

/// The `p`-th percentile (nearest rank: the smallest value with at least `p` % of the orders
/// at or below it) of a lead-time count sorted by days; none when it counts no order.
pub fn percentile(sorted: &[LeadCount], p: u32) -> Option<u32> {
    let n: u64 = sorted.iter().map(|l| u64::from(l.orders)).sum();
    if n == 0 {
        return None;
    }
    // rank = ⌈p × n / 100⌉, at least 1
    let rank = ((u64::from(p.min(100)) * n).div_ceil(100)).max(1);
    let mut seen = 0u64;
    for l in sorted {
        seen += u64::from(l.orders);
        if seen >= rank {
            return Some(l.days);
        }
    }
    sorted.last().map(|l| l.days)
}
