//! The import benchmark: a generated order sheet imported end to end beside a baseline that
//! reads the same file and inserts the same rows.

use std::time::Instant;

use chrono::Utc;
use kaidan_api::{Ctx, Shop};
use rusqlite::{params, Connection};

use crate::measure::{cpu_seconds, peak_rss_mb};
use crate::seed::{customer_name, GOODS};

/// A sheet of `lines` order lines (5 a order, 500 customers, 200 products), read and imported
/// end to end beside the baseline: the same file read alone, plus raw inserts of the same rows.
pub(crate) fn bench_import(lines: usize, format: &str, path: &std::path::Path) {
    let dir = path.with_extension("import");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sheet = dir.join(format!("orders.{format}"));
    let header = ["订单号", "客户", "日期", "商品编码", "商品名称", "数量", "单价", "金额"];
    let row = |i: usize| -> [String; 8] {
        let order = i / 5;
        let p = (i * 7) % 200;
        let qty = 1 + i % 9;
        let price = 100 + p;
        [
            format!("H{order:07}"),
            customer_name(order % 500),
            format!("2024-{:02}-{:02}", 1 + order % 12, 1 + order % 28),
            format!("P{p:04}"),
            format!("{} {}", GOODS[p % GOODS.len()], p),
            qty.to_string(),
            format!("{}.{:02}", price / 100, price % 100),
            {
                let c = qty * price;
                format!("{}.{:02}", c / 100, c % 100)
            },
        ]
    };
    if format == "xlsx" {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in header.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for i in 0..lines {
            for (c, v) in row(i).iter().enumerate() {
                ws.write_string(i as u32 + 1, c as u16, v).unwrap();
            }
        }
        wb.save(&sheet).unwrap();
    } else {
        let mut text = header.join(",") + "\n";
        for i in 0..lines {
            text.push_str(&row(i).join(","));
            text.push('\n');
        }
        std::fs::write(&sheet, text).unwrap();
    }
    let mb = std::fs::metadata(&sheet).unwrap().len() as f64 / 1e6;
    // rounds of baseline then Kaidan, each on a fresh database: this machine's speed drifts
    // between runs, so the ratio is taken within a round and the median of the rounds kept
    let rounds = if lines > 200_000 { 1 } else { 3 };
    println!("Sheet: {lines} lines, {} orders, {format}, {mb:.1} MB. Seconds; CPU seconds (user + system) in brackets.", lines / 5);
    println!();
    println!("| round | baseline: read the file alone | baseline: raw inserts (one transaction) | Kaidan: import end to end | × the baseline | baseline's peak memory | Kaidan's peak memory |");
    println!("|---|---|---|---|---|---|---|");
    let mut ratios = Vec::new();
    for round in 1..=rounds {
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        // baseline: read alone, then raw inserts of the same rows into a scratch database
        let t = Instant::now();
        let base_cpu = cpu_seconds();
        let grid = kaidan_import::read_file(&sheet, None, None).unwrap();
        let read = t.elapsed();
        let base_db = dir.join(format!("baseline-{round}.db"));
        let mut c = Connection::open(&base_db).unwrap();
        c.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE o (id TEXT PRIMARY KEY, number TEXT, customer TEXT, date TEXT); CREATE TABLE l (id TEXT PRIMARY KEY, o TEXT, sku TEXT, name TEXT, qty INTEGER, price INTEGER, amount INTEGER);").unwrap();
        let t = Instant::now();
        {
            let tx = c.transaction().unwrap();
            {
                let mut io = tx.prepare("INSERT OR IGNORE INTO o VALUES (?1, ?1, ?2, ?3)").unwrap();
                let mut il = tx.prepare("INSERT INTO l VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)").unwrap();
                for (n, (_, cells)) in grid.rows.iter().skip(1).enumerate() {
                    let v: Vec<String> = cells.iter().map(|c| c.text()).collect();
                    io.execute(params![v[0], v[1], v[2]]).unwrap();
                    il.execute(params![n as i64, v[0], v[3], v[4], v[5], v[6], v[7]]).unwrap();
                }
            }
            tx.commit().unwrap();
        }
        let insert = t.elapsed();
        let base_cpu = cpu_seconds() - base_cpu;
        drop(grid);
        drop(c);
        let baseline_peak = peak_rss_mb();
        // Kaidan end to end: read, analyse, one transaction writing orders, lines, deliveries,
        // customers, products, audit and search text
        let db = dir.join(format!("shop-{round}.db"));
        let mut shop = Shop::open(&db).unwrap();
        let ctx = Ctx::owner_at(Utc::now());
        shop.init(&ctx, "Import bench", "owner").unwrap();
        // the peak from here on is Kaidan's own (Linux: writing 5 to clear_refs resets VmHWM)
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let t = Instant::now();
        let cpu = cpu_seconds();
        let r = shop
            .import_orders(&ctx, &sheet, &Default::default(), false, &mut |_, _| {}, &std::sync::atomic::AtomicBool::new(false))
            .unwrap();
        let kaidan = t.elapsed();
        let kaidan_cpu = cpu_seconds() - cpu;
        assert_eq!(r.lines, lines);
        drop(shop);
        let base = read + insert;
        let ratio = kaidan.as_secs_f64() / base.as_secs_f64();
        ratios.push(ratio);
        println!(
            "| {round} | {:.2} | {:.2} | {:.2} [{kaidan_cpu:.2}] | {ratio:.1}× (CPU {:.1}×) | {baseline_peak:.0} MB | {:.0} MB |",
            read.as_secs_f64(),
            insert.as_secs_f64(),
            kaidan.as_secs_f64(),
            kaidan_cpu / base_cpu,
            peak_rss_mb()
        );
    }
    ratios.sort_by(f64::total_cmp);
    println!();
    println!("Median of the rounds: {:.1}× the baseline.", ratios[ratios.len() / 2]);
}
