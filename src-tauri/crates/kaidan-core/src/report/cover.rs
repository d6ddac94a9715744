//! How a date range is read from sums kept by year, month and day: as few rows as it takes,
//! counting what a period of each kind costs to read. A range may be read as whole periods
//! less what lies outside it (1 January – 5 December: the year less 6–31 December), which is
//! exact because every period's sum is kept.

use chrono::{Datelike, Duration, NaiveDate};

use super::{bucket_end, bucket_start, Bucket, DateRange};

/// The kinds of period sums are kept by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SumLevel {
    Year,
    Month,
    Day,
}

impl SumLevel {
    fn bucket(self) -> Bucket {
        match self {
            SumLevel::Year => Bucket::Year,
            SumLevel::Month => Bucket::Month,
            SumLevel::Day => Bucket::Day,
        }
    }

    /// The key a period of this kind is kept under: "2025", "2025-06", "2025-06-14".
    pub fn key(self, d: NaiveDate) -> String {
        match self {
            SumLevel::Year => format!("{:04}", d.year()),
            SumLevel::Month => format!("{:04}-{:02}", d.year(), d.month()),
            SumLevel::Day => d.to_string(),
        }
    }
}

/// Periods of one kind to add (or, `minus`, to take away): every period from the one that
/// holds `from` to the one that holds `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub minus: bool,
    pub level: SumLevel,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Span {
    /// The keys of its first and last periods.
    pub fn keys(&self) -> (String, String) {
        (self.level.key(self.from), self.level.key(self.to))
    }
}

impl DateRange {
    /// The spans whose sums, added and taken away, are this range's, read at the `levels`
    /// given (coarsest first, each with what a period of it costs to read; the last must be
    /// [`SumLevel::Day`]) for the least cost.
    pub fn cover(&self, levels: &[(SumLevel, u64)]) -> Vec<Span> {
        debug_assert!(matches!(levels.last(), Some((SumLevel::Day, _))), "a cover ends with days");
        cover(self.from, self.to, levels).1
    }
}

fn periods(level: SumLevel, from: NaiveDate, to: NaiveDate) -> u64 {
    match level {
        SumLevel::Day => ((to - from).num_days() + 1) as u64,
        SumLevel::Month => ((to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32 + 1) as u64,
        SumLevel::Year => (to.year() - from.year() + 1) as u64,
    }
}

fn flip(spans: Vec<Span>) -> Vec<Span> {
    spans.into_iter().map(|s| Span { minus: !s.minus, ..s }).collect()
}

/// The cheapest cover of `from..=to` (empty when `to < from`), and its cost.
fn cover(from: NaiveDate, to: NaiveDate, levels: &[(SumLevel, u64)]) -> (u64, Vec<Span>) {
    if to < from {
        return (0, Vec::new());
    }
    let Some((&(level, cost), finer)) = levels.split_first() else {
        return (0, Vec::new());
    };
    if finer.is_empty() {
        return (periods(level, from, to) * cost, vec![Span { minus: false, level, from, to }]);
    }
    let mut best = cover(from, to, finer);
    let by = level.bucket();
    let (outer_from, outer_to) = (bucket_start(from, by), bucket_end(to, by));
    // each end: whole periods inside the range and the days before them added, or the period
    // it starts (ends) in whole and the days outside the range taken away
    let inner_from = if from == outer_from { from } else { bucket_end(from, by) + Duration::days(1) };
    let inner_to = if to == outer_to { to } else { bucket_start(to, by) - Duration::days(1) };
    let lefts = [
        (inner_from, cover(from, inner_from - Duration::days(1), finer)),
        (outer_from, {
            let (c, s) = cover(outer_from, from - Duration::days(1), finer);
            (c, flip(s))
        }),
    ];
    let rights = [
        (inner_to, cover(inner_to + Duration::days(1), to, finer)),
        (outer_to, {
            let (c, s) = cover(to + Duration::days(1), outer_to, finer);
            (c, flip(s))
        }),
    ];
    for (start, (lc, ls)) in &lefts {
        for (end, (rc, rs)) in &rights {
            if start > end {
                continue;
            }
            let total = lc + rc + periods(level, *start, *end) * cost;
            if total < best.0 {
                let mut spans = vec![Span { minus: false, level, from: *start, to: *end }];
                spans.extend(ls.iter().copied());
                spans.extend(rs.iter().copied());
                best = (total, spans);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LEVELS: [(SumLevel, u64); 3] = [(SumLevel::Year, 20), (SumLevel::Month, 15), (SumLevel::Day, 1)];

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// How many times each day of `lo..=hi` is counted by the spans.
    fn counts(spans: &[Span], lo: NaiveDate, hi: NaiveDate) -> Vec<(NaiveDate, i64)> {
        let mut out = Vec::new();
        let mut day = lo;
        while day <= hi {
            let n: i64 = spans
                .iter()
                .filter(|s| {
                    let by = s.level.bucket();
                    bucket_start(s.from, by) <= day && day <= bucket_end(s.to, by)
                })
                .map(|s| if s.minus { -1 } else { 1 })
                .sum();
            out.push((day, n));
            day += Duration::days(1);
        }
        out
    }

    #[test]
    fn a_year_to_date_is_the_year_less_the_rest() {
        let r = DateRange::new(d("2026-01-01"), d("2026-12-05")).unwrap();
        // the year, less December, and December's first five days: 20 + 15 + 5
        let spans = r.cover(&LEVELS);
        assert_eq!(
            spans,
            vec![
                Span { minus: false, level: SumLevel::Year, from: d("2026-01-01"), to: d("2026-12-31") },
                Span { minus: true, level: SumLevel::Month, from: d("2026-12-01"), to: d("2026-12-31") },
                Span { minus: false, level: SumLevel::Day, from: d("2026-12-01"), to: d("2026-12-05") },
            ]
        );
        assert_eq!(spans[1].keys(), ("2026-12".to_string(), "2026-12".to_string()));
        assert_eq!(spans[0].keys(), ("2026".to_string(), "2026".to_string()));
    }

    #[test]
    fn whole_periods_are_read_whole() {
        let year = DateRange::new(d("2025-01-01"), d("2025-12-31")).unwrap().cover(&LEVELS);
        assert_eq!(year, vec![Span { minus: false, level: SumLevel::Year, from: d("2025-01-01"), to: d("2025-12-31") }]);
        let june = DateRange::new(d("2025-06-01"), d("2025-06-30")).unwrap().cover(&LEVELS);
        assert_eq!(june, vec![Span { minus: false, level: SumLevel::Month, from: d("2025-06-01"), to: d("2025-06-30") }]);
        let week = DateRange::new(d("2025-06-09"), d("2025-06-15")).unwrap().cover(&LEVELS);
        assert_eq!(week, vec![Span { minus: false, level: SumLevel::Day, from: d("2025-06-09"), to: d("2025-06-15") }]);
        assert_eq!(week[0].keys(), ("2025-06-09".to_string(), "2025-06-15".to_string()));
        let months = DateRange::new(d("2024-11-01"), d("2025-02-28")).unwrap().cover(&LEVELS);
        assert_eq!(months, vec![Span { minus: false, level: SumLevel::Month, from: d("2024-11-01"), to: d("2025-02-28") }]);
    }

    proptest! {
        /// Every day of the range counted once, every day outside it not at all, at any costs.
        #[test]
        fn a_cover_counts_each_day_of_the_range_once(
            start in 0i64..3000, len in 0i64..1200, y in 1u64..40, m in 1u64..40, with_years in any::<bool>()
        ) {
            let from = d("2020-01-01") + Duration::days(start);
            let to = from + Duration::days(len);
            let levels: Vec<(SumLevel, u64)> = if with_years {
                vec![(SumLevel::Year, y), (SumLevel::Month, m), (SumLevel::Day, 1)]
            } else {
                vec![(SumLevel::Month, m), (SumLevel::Day, 1)]
            };
            let spans = DateRange { from, to }.cover(&levels);
            let lo = bucket_start(from, Bucket::Year) - Duration::days(1);
            let hi = bucket_end(to, Bucket::Year) + Duration::days(1);
            for (day, n) in counts(&spans, lo, hi) {
                let want = i64::from(from <= day && day <= to);
                prop_assert_eq!(n, want, "{} in {}..{}: {:?}", day, from, to, spans);
            }
            // never dearer than reading the days one by one
            let cost: u64 = spans.iter().map(|s| periods(s.level, s.from, s.to) * levels.iter().find(|l| l.0 == s.level).unwrap().1).sum();
            prop_assert!(cost <= periods(SumLevel::Day, from, to));
        }
    }
}
