//! Which automatic backups to keep: the newest of each of the last N days, weeks (ISO) and
//! months that have a backup (7 / 4 / 12 by default). Time is passed in: no clock here.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Retention {
    pub daily: u32,
    pub weekly: u32,
    pub monthly: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Self { daily: 7, weekly: 4, monthly: 12 }
    }
}

/// Indexes into `times` of the backups to keep.
pub fn keep(times: &[DateTime<Utc>], policy: Retention) -> BTreeSet<usize> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|a, b| times[*b].cmp(&times[*a]));
    let mut kept = BTreeSet::new();
    let mut pick = |count: u32, period: &dyn Fn(&DateTime<Utc>) -> (i32, u32, u32)| {
        let mut seen: Vec<(i32, u32, u32)> = Vec::new();
        for &i in &order {
            let p = period(&times[i]);
            if seen.contains(&p) {
                continue;
            }
            if seen.len() as u32 >= count {
                break;
            }
            seen.push(p);
            kept.insert(i);
        }
    };
    pick(policy.daily, &|t| (t.year(), t.ordinal(), 0));
    pick(policy.weekly, &|t| {
        let w = t.iso_week();
        (w.year(), w.week(), 1)
    });
    pick(policy.monthly, &|t| (t.year(), t.month(), 2));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate, TimeZone};

    /// A year of daily backups at 22:00, pruned after each one as the app does; the survivors
    /// are exactly the last 7 days, the newest of each of the last 4 ISO weeks and of each of
    /// the last 12 months.
    #[test]
    fn a_simulated_year_keeps_exactly_what_it_should() {
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 22, 0, 0).unwrap();
        let mut alive: Vec<DateTime<Utc>> = Vec::new();
        let days = 365;
        for d in 0..days {
            alive.push(start + Duration::days(d));
            let k = keep(&alive, Retention::default());
            alive = k.into_iter().map(|i| alive[i]).collect();
            alive.sort();
        }
        let today: NaiveDate = (start + Duration::days(days - 1)).date_naive();
        let all: Vec<NaiveDate> = (0..days).map(|d| (start + Duration::days(d)).date_naive()).collect();
        let mut expected: BTreeSet<NaiveDate> = BTreeSet::new();
        // the last 7 days
        expected.extend(all.iter().filter(|d| (today - **d).num_days() < 7));
        // the last day present in each of the 4 latest ISO weeks
        let mut weeks: Vec<(i32, u32)> = all.iter().map(|d| (d.iso_week().year(), d.iso_week().week())).collect();
        weeks.dedup();
        for w in weeks.iter().rev().take(4) {
            expected.insert(*all.iter().filter(|d| (d.iso_week().year(), d.iso_week().week()) == *w).max().unwrap());
        }
        // the last day present in each of the 12 latest months
        let mut months: Vec<(i32, u32)> = all.iter().map(|d| (d.year(), d.month())).collect();
        months.dedup();
        for m in months.iter().rev().take(12) {
            expected.insert(*all.iter().filter(|d| (d.year(), d.month()) == *m).max().unwrap());
        }
        let got: BTreeSet<NaiveDate> = alive.iter().map(|t| t.date_naive()).collect();
        assert_eq!(got, expected);
        assert_eq!(alive.len(), expected.len());
        assert!(got.len() <= 7 + 4 + 12);
        assert!(got.contains(&NaiveDate::from_ymd_opt(2026, 1, 31).unwrap()), "January's last backup is a monthly");
    }

    #[test]
    fn several_backups_a_day_keep_the_newest_of_the_day() {
        let t = |h| Utc.with_ymd_and_hms(2026, 5, 5, h, 0, 0).unwrap();
        let times = [t(9), t(18), t(12)];
        assert_eq!(keep(&times, Retention::default()), BTreeSet::from([1]));
        assert!(keep(&times, Retention { daily: 0, weekly: 0, monthly: 0 }).is_empty());
    }
}
