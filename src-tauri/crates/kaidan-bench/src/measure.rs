//! Measuring and reporting: percentiles of timed runs, a Markdown table row, CPU time and peak
//! memory of this process.

use std::time::{Duration, Instant};

#[derive(Clone, Copy)]
pub(crate) struct Stats {
    pub(crate) p50: Duration,
    pub(crate) p99: Duration,
    pub(crate) max: Duration,
}

pub(crate) fn stats(mut v: Vec<Duration>) -> Stats {
    v.sort();
    let at = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    Stats { p50: at(0.50), p99: at(0.99), max: *v.last().unwrap() }
}

pub(crate) fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

pub(crate) fn time<T>(n: usize, mut f: impl FnMut(usize) -> T) -> Stats {
    for i in 0..(n / 10).max(20) {
        std::hint::black_box(f(i)); // warm
    }
    let mut v = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        std::hint::black_box(f(i));
        v.push(t.elapsed());
    }
    stats(v)
}

pub(crate) fn row(name: &str, kaidan: Stats, raw: Option<Stats>, target: &str) {
    let (rp50, rp99) = raw.map(|r| (ms(r.p50), ms(r.p99))).unwrap_or(("–".into(), "–".into()));
    println!("| {name} | {} | {} | {} | {rp50} | {rp99} | {target} |", ms(kaidan.p50), ms(kaidan.p99), ms(kaidan.max));
}

/// CPU seconds (user + system) this process has used so far: on a shared virtual machine the
/// wall clock of a run varies by a third, CPU time much less (Linux; 0 elsewhere).
pub(crate) fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    // the fields after the command name (which is in parentheses and may hold spaces)
    let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name
    (ticks(11) + ticks(12)) / 100.0
}

pub(crate) fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok()))
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}
