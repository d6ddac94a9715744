//! The reports (issue 17) on the seeded 1,000,000-order shop: each report for a full year and
//! for one month, warm, beside the same aggregate as one plain GROUP BY query on the same file.

use std::time::Instant;

use chrono::NaiveDate;
use kaidan_api::{ReportQuery, Shop};
use rusqlite::{params, Connection};

use crate::measure::{row, stats, Stats};
use crate::Args;

/// `n` timed runs after 2 warm ones (a year's report takes seconds: `measure::time` would warm
/// it for minutes).
fn time<T>(n: usize, mut f: impl FnMut(usize) -> T) -> Stats {
    for i in 0..2 {
        std::hint::black_box(f(i));
    }
    stats(
        (0..n)
            .map(|i| {
                let t = Instant::now();
                std::hint::black_box(f(i));
                t.elapsed()
            })
            .collect(),
    )
}

pub(crate) fn bench_reports(args: &Args, path: &std::path::Path) {
    let t = Instant::now();
    drop(Shop::open(path).unwrap());
    eprintln!("opened, migrations run: {:.1} s", t.elapsed().as_secs_f64());
    crate::seed::seed_flow(path);
    let mut shop = Shop::open(path).unwrap();
    // dead stock: 50 products received with a cost and never sold (slow movers that make the
    // last-sale read go back through every day), added once
    if shop.product("DEAD-001").is_err() {
        let ctx = kaidan_api::Ctx::owner_at(chrono::Utc::now());
        for i in 1..=50 {
            let sku = format!("DEAD-{i:03}");
            let p = kaidan_api::ProductInput {
                sku: Some(sku.clone()),
                name: Some(format!("积压商品 {i}")),
                price: Some("20.00".into()),
                ..Default::default()
            };
            shop.add_product(&ctx, &p).unwrap();
            shop.receive_stock(&ctx, &sku, "10", Some("5.00"), None).unwrap();
        }
    }
    // what the setup's writes left waiting, added up (the reports read the sums, as a shop's do)
    let t = Instant::now();
    shop.store_mut().fold_reports().unwrap();
    eprintln!("reports' sums added up: {:.1} s", t.elapsed().as_secs_f64());
    let raw = Connection::open(path).unwrap();
    raw.pragma_update(None, "cache_size", -32_768).unwrap();
    let count = |sql: &str| -> i64 { raw.query_row(sql, [], |r| r.get(0)).unwrap() };
    println!(
        "Reports: {} orders, {} delivery lines, {} products, {} customers.",
        count("SELECT COUNT(*) FROM sales_order"),
        count("SELECT COUNT(*) FROM delivery_line"),
        count("SELECT COUNT(*) FROM product"),
        count("SELECT COUNT(*) FROM customer"),
    );
    println!(
        "{} payments; {} orders delivered in full (kept).",
        count("SELECT COUNT(*) FROM payment"),
        count("SELECT COUNT(*) FROM order_fulfil")
    );
    println!("Times in ms.");
    println!();
    println!("| measurement | Kaidan p50 | Kaidan p99 | Kaidan max | raw SQLite p50 | raw SQLite p99 | target |");
    println!("|---|---|---|---|---|---|---|");
    // today's date, as in the window: the receivables are kept for it (the seeded orders end
    // before it)
    let today = chrono::Local::now().date_naive().max(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
    let n = args.iterations;
    for (label, from, to, target, by) in [
        ("a year (2025)", "2025-01-01", "2025-12-31", "p99 ≤ 200", "month"),
        ("a month (2025-06)", "2025-06-01", "2025-06-30", "p99 ≤ 50", "day"),
    ] {
        let q = ReportQuery { from: Some(from.into()), to: Some(to.into()), by: Some(by.into()), ..Default::default() };
        let compared = ReportQuery { compare: Some("previous".into()), ..q.clone() };
        let overview_target = if target == "p99 ≤ 200" { "p99 ≤ 100" } else { target };
        // the baseline: one GROUP BY over the same rows, the plain way
        let mut by_all = raw
            .prepare(
                "SELECT SUM(dl.net_cents), SUM(dl.cost_cents), SUM(dl.qty_milli) FROM delivery d JOIN delivery_line dl ON dl.delivery_id = d.id
                 WHERE d.delivery_date BETWEEN ?1 AND ?2",
            )
            .unwrap();
        let mut by_day = raw
            .prepare(
                "SELECT d.delivery_date, SUM(dl.net_cents), SUM(dl.cost_cents) FROM delivery d JOIN delivery_line dl ON dl.delivery_id = d.id
                 WHERE d.delivery_date BETWEEN ?1 AND ?2 GROUP BY 1",
            )
            .unwrap();
        let mut by_product = raw
            .prepare(
                "SELECT dl.product_id, SUM(dl.net_cents), SUM(dl.cost_cents), SUM(dl.qty_milli) FROM delivery d
                 JOIN delivery_line dl ON dl.delivery_id = d.id WHERE d.delivery_date BETWEEN ?1 AND ?2 GROUP BY 1",
            )
            .unwrap();
        let mut by_customer = raw
            .prepare(
                "SELECT o.customer_id, SUM(dl.net_cents), SUM(dl.cost_cents) FROM delivery d JOIN delivery_line dl ON dl.delivery_id = d.id
                 JOIN sales_order o ON o.id = d.order_id WHERE d.delivery_date BETWEEN ?1 AND ?2 GROUP BY 1",
            )
            .unwrap();
        let rows = |st: &mut rusqlite::Statement| st.query_map(params![from, to], |_| Ok(())).unwrap().count();
        let t = Instant::now();
        let first = shop.report_overview(&q, today).unwrap();
        eprintln!("{label}: first overview (cold) {:.0} ms; sales {}", t.elapsed().as_secs_f64() * 1000.0, first.measures.sales);
        row(
            &format!("overview, {label}"),
            time(n, |_| shop.report_overview(&q, today).unwrap()),
            Some(time(n, |_| rows(&mut by_all))),
            overview_target,
        );
        row(
            &format!("overview compared with the period before, {label}"),
            time(n, |_| shop.report_overview(&compared, today).unwrap()),
            None,
            overview_target,
        );
        row(
            &format!("sales trend by {by}, {label}"),
            time(n, |_| shop.report_trend(&q, today).unwrap()),
            Some(time(n, |_| rows(&mut by_day))),
            target,
        );
        // as the window asks for them: the best 100 and how many there are; then every row
        let best = kaidan_api::ReportQuery { top: Some(100), ..q.clone() };
        row(
            &format!("products ranked, the best 100 (the window), {label}"),
            time(n, |_| shop.report_products(&best, today).unwrap()),
            Some(time(n, |_| rows(&mut by_product))),
            target,
        );
        row(&format!("products ranked, every product, {label}"), time(n, |_| shop.report_products(&q, today).unwrap()), None, "–");
        row(
            &format!("customers ranked, the best 100 (the window), {label}"),
            time(n, |_| shop.report_customers(&best, today).unwrap()),
            Some(time(n, |_| rows(&mut by_customer))),
            target,
        );
        row(&format!("customers ranked, every customer, {label}"), time(n, |_| shop.report_customers(&q, today).unwrap()), None, "–");
        let mut by_order = raw
            .prepare(
                "SELECT d.order_id, SUM(dl.net_cents), SUM(dl.cost_cents) FROM delivery d JOIN delivery_line dl ON dl.delivery_id = d.id
                 WHERE d.delivery_date BETWEEN ?1 AND ?2 GROUP BY 1",
            )
            .unwrap();
        let mut last_delivery = raw
            .prepare(
                "SELECT o.id, MAX(d.delivery_date) FROM sales_order o JOIN delivery d ON d.order_id = o.id WHERE o.status = 'delivered'
                 GROUP BY o.id HAVING MAX(d.delivery_date) BETWEEN ?1 AND ?2",
            )
            .unwrap();
        let mut by_method =
            raw.prepare("SELECT method, SUM(amount_cents) FROM payment WHERE paid_on BETWEEN ?1 AND ?2 GROUP BY 1").unwrap();
        row(
            &format!("gross profit by order, the best 100 (the window), {label}"),
            time(n, |_| shop.report_profit(&best, today).unwrap()),
            Some(time(n, |_| rows(&mut by_order))),
            target,
        );
        // every order (the .xlsx file, the CLI's JSON)
        row(
            &format!("gross profit by order, every order (export), {label}"),
            time(n, |_| shop.report_profit(&q, today).unwrap()),
            None,
            "–",
        );
        row(
            &format!("fulfilment, {label}"),
            time(n, |_| shop.report_fulfilment(&q, today).unwrap()),
            Some(time(n, |_| rows(&mut last_delivery))),
            target,
        );
        row(
            &format!("collections by {by}, {label}"),
            time(n, |_| shop.report_collections(&q, today).unwrap()),
            Some(time(n, |_| rows(&mut by_method))),
            target,
        );
    }
    // as of today, whatever the range: slow movers and inactive customers
    let quiet = |days: &str| ReportQuery { days: Some(days.into()), ..Default::default() };
    let count_rows = |st: &mut rusqlite::Statement| st.query_map([], |_| Ok(())).unwrap().count();
    let mut last_sale =
        raw.prepare("SELECT product_id, MAX(period) FROM report_product WHERE level = 'd' AND qty_milli > 0 GROUP BY 1").unwrap();
    let mut last_order = raw
        .prepare(
            "SELECT customer_id, MAX(order_date) FROM sales_order
             WHERE deleted_at IS NULL AND status NOT IN ('draft', 'pending_approval', 'cancelled') GROUP BY 1",
        )
        .unwrap();
    let slow = shop.report_slow(&quiet("60"), today).unwrap().rows.len();
    let every = shop.report_slow(&quiet("1"), today).unwrap().rows.len();
    let inactive = shop.report_inactive(&quiet("60"), today).unwrap().rows.len();
    eprintln!("slow movers: {slow} at 60 days, {every} at 1 day; inactive customers: {inactive} at 60 days");
    row(
        &format!("slow movers, 60 days ({slow} listed)"),
        time(n, |_| shop.report_slow(&quiet("60"), today).unwrap()),
        Some(time(n, |_| count_rows(&mut last_sale))),
        "p99 ≤ 200",
    );
    row(
        &format!("slow movers, 1 day (every stocked product: {every})"),
        time(n, |_| shop.report_slow(&quiet("1"), today).unwrap()),
        None,
        "p99 ≤ 200",
    );
    row(
        &format!("inactive customers, 60 days ({inactive} listed)"),
        time(n, |_| shop.report_inactive(&quiet("60"), today).unwrap()),
        Some(time(n, |_| count_rows(&mut last_order))),
        "p99 ≤ 200",
    );
}
