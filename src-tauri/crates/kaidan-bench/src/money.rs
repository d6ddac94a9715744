//! The receivables benchmark on the seeded history: account, aging, statement, overdue list
//! and home screen.

use std::time::Instant;

use chrono::{TimeZone, Utc};
use kaidan_api::{Ctx, Shop};
use rusqlite::Connection;

use crate::measure::{row, time};
use crate::seed::Rng;
use crate::Args;

pub(crate) fn bench_money(args: &Args, path: &std::path::Path) {
    let shop = Shop::open(path).unwrap();
    let raw = Connection::open(path).unwrap();
    raw.pragma_update(None, "cache_size", -32_768).unwrap();
    let count = |sql: &str| -> i64 { raw.query_row(sql, [], |r| r.get(0)).unwrap() };
    let (n_customers, n_invoices, n_open, n_payments) = (
        count("SELECT COUNT(*) FROM customer"),
        count("SELECT COUNT(*) FROM invoice"),
        count("SELECT COUNT(*) FROM invoice_open WHERE open_cents <> 0"),
        count("SELECT COUNT(*) FROM payment"),
    );
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    // the day's first write keeps aging for that day (as the shop's first sale of the day would)
    {
        let t = Instant::now();
        let mut shop = Shop::open(path).unwrap();
        let ctx = Ctx::owner_at(Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap());
        shop.set_setting(&ctx, "approval_threshold", "none").unwrap();
        eprintln!("first write of the day (keeps aging for it): {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    }
    let names: Vec<String> = {
        let mut st = raw.prepare("SELECT name FROM customer WHERE rowid % 13 = 0").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let aging = shop.aging(as_of).unwrap();
    println!(
        "Receivables: {n_customers} customers, {n_invoices} invoices ({n_open} with something open), {n_payments} payments; aging lists {} customers. Times in ms.",
        aging.rows.len()
    );
    println!();
    println!("| measurement | Kaidan p50 | Kaidan p99 | Kaidan max | raw SQLite p50 | raw SQLite p99 | target |");
    println!("|---|---|---|---|---|---|---|");
    let n = args.iterations;
    let mut rng = Rng(11);
    let k = time(n, |_| shop.account(&names[rng.next(names.len())], as_of).unwrap());
    let mut st = raw
        .prepare(
            "SELECT i.number, o.due_date, o.open_cents FROM invoice_open o JOIN invoice i ON i.id = o.invoice_id
             WHERE o.customer_id = (SELECT id FROM customer WHERE name = ?1 AND deleted_at IS NULL) AND o.open_cents <> 0 ORDER BY o.due_date",
        )
        .unwrap();
    let r = time(n, |_| st.query_map([&names[rng.next(names.len())]], |r| r.get::<_, String>(0)).unwrap().count());
    row("account of one customer (balance, credit, open invoices)", k, Some(r), "p99 ≤ 50");
    let k = time((n / 5).max(100), |_| shop.aging(as_of).unwrap());
    let mut st = raw
        .prepare(
            "SELECT o.customer_id, c.name, SUM(CASE WHEN o.due_date >= ?1 THEN o.open_cents ELSE 0 END),
                    SUM(CASE WHEN o.due_date < ?1 THEN o.open_cents ELSE 0 END)
             FROM invoice_open o JOIN customer c ON c.id = o.customer_id WHERE o.open_cents <> 0 GROUP BY o.customer_id",
        )
        .unwrap();
    let d = as_of.to_string();
    let r = time((n / 20).max(50), |_| st.query_map([&d], |r| r.get::<_, String>(0)).unwrap().count());
    row("AR aging of every customer (5 buckets, kept for the day)", k, Some(r), "p99 ≤ 50");
    let other = as_of.pred_opt().unwrap();
    let k = time(10, |_| shop.aging(other).unwrap());
    row("AR aging as of another day (computed from the open invoices)", k, None, "–");
    let from = chrono::NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
    let k = time(n, |_| shop.statement(&names[rng.next(names.len())], from, as_of).unwrap());
    row("statement of one customer for a year", k, None, "–");
    if std::env::var("BENCH_PROBE").is_ok() {
        let mut st = raw.prepare("SELECT customer_id, invoiced_cents - paid_cents FROM customer_account").unwrap();
        let r = time(50, |_| st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).unwrap().count());
        row("probe: every customer_account row (id, balance)", r, None, "–");
        let mut st = raw
            .prepare("SELECT c.name, a.invoiced_cents - a.paid_cents FROM customer_account a JOIN customer c ON c.id = a.customer_id")
            .unwrap();
        let r = time(50, |_| st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).unwrap().count());
        row("probe: every customer_account row with the name", r, None, "–");
        let mut st = raw
            .prepare("SELECT customer_id, due_date, open_cents FROM invoice_open INDEXED BY invoice_open_customer WHERE open_cents <> 0")
            .unwrap();
        let r = time(50, |_| st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(2)?))).unwrap().count());
        row("probe: every open invoice (covering index)", r, None, "–");
    }
    let k = time(n, |_| shop.overdue(as_of, 50).unwrap());
    row("overdue list of the home screen (50)", k, None, "–");
    let k = time(n, |_| shop.home(&d, 50).unwrap());
    row("home screen (orders, low stock, overdue, receivables)", k, None, "–");
}
