//! `kaidan-bench`: seeds a shop of N orders (default 1,000,000 orders / 5,000,000 lines),
//! then times Kaidan's own use cases beside a raw-rusqlite baseline doing the same SQL work in
//! the same process, on the same file:
//!
//! - order commit (order + 5 lines + ledger + balances, one transaction, synchronous=FULL)
//! - order-number lookup, customer-name prefix search, latest-50 page, a cursor page deep in
//!   the list, a status page, 3-character Chinese substring search (FTS5 trigram) and the
//!   2-character fallback.
//!
//! Prints a Markdown table for docs/BENCHMARKS.md. The seeded history is shaped like a real
//! shop's for the queries (numbers, customers, lines, search text); it is bulk-loaded with
//! plain SQL and is not a balanced ledger — the invariants are proven by the tests, not here.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use clap::Parser;
use kaidan_api::{Ctx, LineInput, OrderInput, OrderQuery, ProductInput, Shop};
use rusqlite::{params, Connection};

#[derive(Parser)]
struct Args {
    /// Database file (default: kaidan-bench.db in the system temp folder).
    #[arg(long)]
    db: Option<PathBuf>,
    #[arg(long, default_value_t = 1_000_000)]
    orders: usize,
    #[arg(long, default_value_t = 5)]
    lines_per_order: usize,
    #[arg(long, default_value_t = 20_000)]
    customers: usize,
    #[arg(long, default_value_t = 500)]
    products: usize,
    /// Timed repetitions per read measurement.
    #[arg(long, default_value_t = 2000)]
    iterations: usize,
    /// Time printing instead: a 30-line Chinese invoice as an A4 PDF, this many times.
    #[arg(long)]
    print: Option<usize>,
    /// Timed order commits (each side).
    #[arg(long, default_value_t = 1000)]
    commits: usize,
    /// Reuse an already seeded database file.
    #[arg(long)]
    reuse: bool,
    /// Measure backup and its verification instead (issue 8): `--orders 330000` makes ~1 GB.
    #[arg(long)]
    backup: bool,
    /// Measure importing a generated sheet of this many lines instead (issue 6).
    #[arg(long)]
    import_lines: Option<usize>,
    /// The generated sheet's format for `--import-lines`: xlsx or csv.
    #[arg(long, default_value = "xlsx")]
    import_format: String,
    /// Measure receivables instead (issue 7): this many invoices over `--customers`
    /// customers (e.g. `--money 1000000 --customers 100000`), then aging, account, statement
    /// and the overdue list.
    #[arg(long)]
    money: Option<usize>,
}

struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

const PLACES: [&str; 24] = [
    "城东", "城西", "河西", "高新", "开福", "雨花", "天心", "岳麓", "望城", "星沙", "浏阳", "宁乡", "株洲", "湘潭", "衡阳", "常德", "益阳",
    "娄底", "邵阳", "岳阳", "郴州", "永州", "怀化", "吉首",
];
const GIVEN: [&str; 40] = [
    "王喆", "李记", "张氏", "刘家", "陈镕", "杨堃", "赵恒", "黄明", "周顺", "吴越", "徐达", "孙宏", "马林", "朱强", "胡发", "郭兴", "何佳",
    "高远", "林峰", "罗成", "郑和", "梁山", "谢安", "宋江", "唐宁", "许诺", "韩信", "冯顺", "邓超", "曹操", "彭城", "曾经", "萧然", "田园",
    "董事", "袁隆", "潘安", "于谦", "蒋欣", "蔡伦",
];
const KINDS: [&str; 12] =
    ["五金店", "建材行", "装修队", "水电工程", "物业公司", "家居馆", "灯饰店", "管道维修", "劳务公司", "装饰工程", "门窗厂", "便利店"];
const GOODS: [&str; 20] = [
    "六角螺栓",
    "膨胀螺栓",
    "自攻钉",
    "PPR 冷热水管",
    "PVC 排水管",
    "铜球阀",
    "铜芯电线",
    "五孔插座",
    "单开开关",
    "LED 球泡灯",
    "电工胶布",
    "水泥",
    "防水涂料",
    "乳胶漆",
    "玻璃胶",
    "活动扳手",
    "卷尺",
    "冲击钻",
    "不锈钢合页",
    "铝塑管",
];

fn customer_name(i: usize) -> String {
    let p = PLACES[i % PLACES.len()];
    let g = GIVEN[(i / PLACES.len()) % GIVEN.len()];
    let k = KINDS[(i / (PLACES.len() * GIVEN.len())) % KINDS.len()];
    let n = i / (PLACES.len() * GIVEN.len() * KINDS.len());
    if n == 0 {
        format!("{p}{g}{k}")
    } else {
        format!("{p}{g}{k}{n}号")
    }
}

fn seed(args: &Args, path: &PathBuf) {
    let t0 = Instant::now();
    let base: DateTime<Utc> = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let ctx = Ctx::owner_at(base);
    {
        let store = kaidan_store::Store::open_with(path, kaidan_store::Durability::BulkLoadUnsafe).unwrap();
        let mut shop = Shop::from_store(store);
        shop.init(&ctx, "Bench Shop", "owner").unwrap();
        for i in 0..args.products {
            let sku = format!("SKU-{i:05}");
            let name = format!("{} {}", GOODS[i % GOODS.len()], i / GOODS.len());
            shop.add_product(
                &ctx,
                &ProductInput {
                    sku: Some(sku.clone()),
                    name: Some(name),
                    price: Some(format!("{}.{:02}", 1 + i % 300, i % 100)),
                    cost: Some("0.50".into()),
                    ..Default::default()
                },
            )
            .unwrap();
            shop.receive_stock(&ctx, &sku, "1000000000", None, None).unwrap();
        }
    }
    let (mut c, owner, device) = raw_seeding(path);
    let products: Vec<(String, String, String, i64)> = {
        let mut st = c.prepare("SELECT id, sku, name, price_e4 FROM product ORDER BY sku").unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect()
    };
    let mut customers = Vec::with_capacity(args.customers);
    {
        let tx = c.transaction().unwrap();
        {
            let mut st = tx.prepare("INSERT INTO customer (id, name, phones, region, payment_terms_days, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 30, ?5, ?5)").unwrap();
            for i in 0..args.customers {
                let id = kaidan_store::new_id(base);
                let name = customer_name(i);
                let phone = format!("13{:09}", (i * 7919) % 1_000_000_000);
                st.execute(params![id, name, phone, PLACES[i % PLACES.len()], kaidan_store::time_text(base)]).unwrap();
                customers.push((id, name, phone));
            }
        }
        tx.commit().unwrap();
    }
    let mut rng = Rng(42);
    let span = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap() - base;
    let mut per_year: std::collections::BTreeMap<i32, i64> = Default::default();
    let chunk = 50_000;
    let mut done = 0;
    while done < args.orders {
        let tx = c.transaction().unwrap();
        {
            let mut ins_order = tx.prepare(
                "INSERT INTO sales_order (id, number, customer_id, status, channel, order_date, prices_include_tax, subtotal_cents, tax_cents,
                     total_cents, created_by, device_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, 0, ?7, ?8, ?9, ?10, ?10)",
            ).unwrap();
            let mut ins_line = tx
                .prepare(
                    "INSERT INTO order_line (id, order_id, line_no, product_id, sku, name, unit, qty_milli, delivered_milli, unit_price_e4,
                     amount_cents, tax_cents, total_cents, cost_e4, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, '个', ?7, ?8, ?9, ?10, 0, ?10, 5000, ?11, ?11)",
                )
                .unwrap();
            let mut ins_fts = tx.prepare("INSERT INTO order_search (rowid, body) VALUES (?1, ?2)").unwrap();
            for i in done..(done + chunk).min(args.orders) {
                let at = base + span * (i as i32) / (args.orders as i32);
                let year: i32 = chrono::Datelike::year(&at);
                let seq = per_year.entry(year).or_insert(0);
                *seq += 1;
                let number = format!("SO-{year}-{:06}", *seq);
                let (cid, cname, phone) = &customers[rng.next(customers.len())];
                let roll = rng.next(100);
                let status = match roll {
                    0..=1 => "draft",
                    2 => "pending_approval",
                    3..=5 => "confirmed",
                    6 => "partially_delivered",
                    7..=9 => "cancelled",
                    _ => "delivered",
                };
                let oid = kaidan_store::new_id(at);
                let t = kaidan_store::time_text(at);
                let mut body = format!("{number} {cname} {phone}");
                let mut total = 0i64;
                let mut lines = Vec::new();
                for ln in 0..args.lines_per_order {
                    let (pid, sku, pname, price) = &products[rng.next(products.len())];
                    let qty = (1 + rng.next(20) as i64) * 1000;
                    let amount = qty * price / 100_000;
                    total += amount;
                    let delivered = match status {
                        "delivered" => qty,
                        "partially_delivered" if ln == 0 => qty,
                        _ => 0,
                    };
                    lines.push((kaidan_store::new_id(at), ln + 1, pid, sku, pname, qty, delivered, *price, amount));
                    body.push(' ');
                    body.push_str(sku);
                    body.push(' ');
                    body.push_str(pname);
                }
                let channel = ["phone", "wechat", "counter", "email"][rng.next(4)];
                ins_order
                    .execute(params![oid, number, cid, status, channel, at.date_naive().to_string(), total, owner, device, t])
                    .unwrap();
                let seq_row = tx.last_insert_rowid();
                for (lid, ln, pid, sku, pname, qty, delivered, price, amount) in lines {
                    ins_line.execute(params![lid, oid, ln as i64, pid, sku, pname, qty, delivered, price, amount, t]).unwrap();
                }
                ins_fts.execute(params![seq_row, body]).unwrap();
            }
        }
        tx.commit().unwrap();
        done = (done + chunk).min(args.orders);
        eprintln!("seeded {done} orders ({:.0} s)", t0.elapsed().as_secs_f64());
    }
    for (year, n) in per_year {
        c.execute(
            "INSERT INTO number_series (id, device_id, kind, year, prefix, next_value, created_at, updated_at)
             VALUES (?1, ?2, 'SO', ?3, 'SO', ?4, ?5, ?5)
             ON CONFLICT (device_id, kind, year) DO UPDATE SET next_value = excluded.next_value",
            params![kaidan_store::new_id(base), device, year, n + 1, kaidan_store::time_text(base)],
        )
        .unwrap();
    }
    // no ANALYZE: the product never runs it, and with STAT4 statistics SQLite re-prepares
    // statements whenever a bound value might change the plan
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    eprintln!("seeded in {:.0} s", t0.elapsed().as_secs_f64());
}

#[derive(Clone, Copy)]
struct Stats {
    p50: Duration,
    p99: Duration,
    max: Duration,
}

fn stats(mut v: Vec<Duration>) -> Stats {
    v.sort();
    let at = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    Stats { p50: at(0.50), p99: at(0.99), max: *v.last().unwrap() }
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

fn time<T>(n: usize, mut f: impl FnMut(usize) -> T) -> Stats {
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

fn row(name: &str, kaidan: Stats, raw: Option<Stats>, target: &str) {
    let (rp50, rp99) = raw.map(|r| (ms(r.p50), ms(r.p99))).unwrap_or(("–".into(), "–".into()));
    println!("| {name} | {} | {} | {} | {rp50} | {rp99} | {target} |", ms(kaidan.p50), ms(kaidan.p99), ms(kaidan.max));
}

fn main() {
    let args = Args::parse();
    let path = args.db.clone().unwrap_or_else(|| std::env::temp_dir().join("kaidan-bench.db"));
    if let Some(n) = args.print {
        bench_print(n);
        return;
    }
    if let Some(n) = args.import_lines {
        bench_import(n, &args.import_format, &path);
        return;
    }
    if let Some(n) = args.money {
        if !args.reuse {
            for ext in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
            }
            seed_money(n, args.customers, &path);
        }
        bench_money(&args, &path);
        return;
    }
    if !args.reuse {
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
        seed(&args, &path);
    }
    let mut shop = Shop::open(&path).unwrap();
    if args.backup {
        bench_backup(&mut shop, &path);
        return;
    }
    if std::env::var("BENCH_SYNC_OFF").is_ok() {
        shop.store_mut().raw_connection_for_benchmarks().pragma_update(None, "synchronous", "OFF").unwrap();
    }
    if let Ok(v) = std::env::var("BENCH_AUTOCHECKPOINT") {
        shop.store_mut().raw_connection_for_benchmarks().pragma_update(None, "wal_autocheckpoint", v.parse::<i64>().unwrap()).unwrap();
    }
    let raw = Connection::open(&path).unwrap();
    raw.pragma_update(None, "synchronous", "FULL").unwrap();
    raw.pragma_update(None, "cache_size", -32_768).unwrap(); // the same page cache as Kaidan's
    raw.busy_timeout(Duration::from_secs(5)).unwrap();
    let (n_orders, n_lines): (i64, i64) = raw
        .query_row("SELECT (SELECT COUNT(*) FROM sales_order), (SELECT COUNT(*) FROM order_line)", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let max_seq: i64 = raw.query_row("SELECT MAX(seq) FROM sales_order", [], |r| r.get(0)).unwrap();
    let numbers: Vec<String> = {
        let mut st = raw.prepare("SELECT number FROM sales_order WHERE seq % 997 = 0").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let names: Vec<String> = {
        let mut st = raw.prepare("SELECT name FROM customer WHERE rowid % 7 = 0").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let skus: Vec<String> = {
        let mut st = raw.prepare("SELECT sku FROM product").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let customer = names[0].clone();
    let mut rng = Rng(7);
    println!("Shop: {n_orders} orders, {n_lines} lines, {} customers, {} products. Times in ms.", args.customers, skus.len());
    println!();
    println!("| measurement | Kaidan p50 | Kaidan p99 | Kaidan max | raw SQLite p50 | raw SQLite p99 | target |");
    println!("|---|---|---|---|---|---|---|");

    // fsync floor: the smallest durable commit this disk allows
    let floor = time(args.commits.min(300), |i| {
        raw.execute_batch(&format!(
            "BEGIN IMMEDIATE; INSERT OR REPLACE INTO setting (key, value, updated_at) VALUES ('bench_floor', '{i}', 'now'); COMMIT;"
        ))
        .unwrap();
    });
    row("durable commit floor (1-row write, synchronous=FULL)", floor, None, "–");

    // order commit: Kaidan (create + confirm + deliver, one transaction) vs raw SQL of the same rows
    let lines_for = |rng: &mut Rng| -> Vec<usize> { (0..5).map(|_| rng.next(skus.len())).collect() };
    let mut kaidan_commit = Vec::new();
    let mut raw_commit = Vec::new();
    let now = Utc::now();
    let loc: String = raw.query_row("SELECT id FROM location WHERE is_default = 1", [], |r| r.get(0)).unwrap();
    let (owner, device): (String, String) = raw
        .query_row("SELECT o.id, d.id FROM operator o, device d WHERE o.role='owner' AND d.is_local=1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let cust_id: String = raw.query_row("SELECT id FROM customer WHERE name = ?1", [&customer], |r| r.get(0)).unwrap();
    let product_ids: Vec<String> =
        skus.iter().map(|s| raw.query_row("SELECT id FROM product WHERE sku = ?1", [s], |r| r.get(0)).unwrap()).collect();
    // Kaidan's commits first, then the baseline's: interleaving them would make each
    // connection throw away its page cache after every commit of the other.
    let picks_all: Vec<Vec<usize>> = (0..(args.commits + 50)).map(|_| lines_for(&mut rng)).collect();
    for (i, picks) in picks_all.iter().enumerate() {
        let input = OrderInput {
            customer: customer.clone(),
            lines: picks.iter().map(|&p| LineInput { sku: skus[p].clone(), qty: "2".into(), unit_price: None, discount: None }).collect(),
            channel: Some("counter".into()),
            ..Default::default()
        };
        let ctx = Ctx::owner_at(now + chrono::Duration::milliseconds(i as i64));
        let t = Instant::now();
        let o = shop.create_and_confirm(&ctx, &input, true).unwrap();
        let k = t.elapsed();
        assert_eq!(o.status, kaidan_api::core::OrderStatus::Delivered);
        if i >= 50 {
            kaidan_commit.push(k);
        }
    }
    for (i, picks) in picks_all.iter().enumerate() {
        let t = Instant::now();
        raw_order_commit(&raw, i, &cust_id, &owner, &device, &loc, &picks.iter().map(|&p| (&product_ids[p], &skus[p])).collect::<Vec<_>>());
        let r = t.elapsed();
        if i >= 50 {
            raw_commit.push(r);
        }
    }
    row(
        "order commit: create + confirm + deliver, 5 lines (ledger, balances, audit)",
        stats(kaidan_commit),
        Some(stats(raw_commit)),
        "p99 ≤ 5",
    );

    if std::env::var("BENCH_ONLY_COMMIT").is_ok() {
        return;
    }
    let n = args.iterations;
    let k = time(n, |_| shop.order(&numbers[rng.next(numbers.len())]).unwrap());
    let mut st_lookup = raw
        .prepare("SELECT o.*, (SELECT COUNT(*) FROM order_line l WHERE l.order_id = o.id) FROM sales_order o WHERE number = ?1")
        .unwrap();
    let r = time(n, |_| st_lookup.query_row([&numbers[rng.next(numbers.len())]], |r| r.get::<_, i64>(0)).unwrap());
    row("order-number lookup (whole order with lines)", k, Some(r), "p99 ≤ 10");

    let prefixes: Vec<String> = names.iter().map(|n| n.chars().take(3).collect()).collect();
    let k = time(n, |_| shop.customers_by_prefix(&prefixes[rng.next(prefixes.len())], 20).unwrap());
    let mut st_prefix =
        raw.prepare("SELECT id, name FROM customer WHERE name >= ?1 AND name < ?1 || char(1114111) ORDER BY name LIMIT 20").unwrap();
    let r = time(n, |_| st_prefix.query_map([&prefixes[rng.next(prefixes.len())]], |r| r.get::<_, String>(0)).unwrap().count());
    row("customer-name prefix search (20 rows)", k, Some(r), "p99 ≤ 10");

    let k = time(n, |_| shop.orders(&OrderQuery { limit: Some(50), ..Default::default() }).unwrap());
    let mut st_latest = raw.prepare("SELECT o.number, c.name, o.total_cents FROM sales_order o JOIN customer c ON c.id = o.customer_id ORDER BY o.seq DESC LIMIT 50").unwrap();
    let r = time(n, |_| st_latest.query_map([], |r| r.get::<_, String>(0)).unwrap().count());
    row("latest 50 orders", k, Some(r), "p99 ≤ 10");

    let k = time(n, |_| {
        let c = 1 + rng.next(max_seq as usize);
        shop.orders(&OrderQuery { limit: Some(50), cursor: Some(c.to_string()), ..Default::default() }).unwrap()
    });
    let mut st_deep = raw.prepare("SELECT o.number, c.name, o.total_cents FROM sales_order o JOIN customer c ON c.id = o.customer_id WHERE o.seq < ?1 ORDER BY o.seq DESC LIMIT 50").unwrap();
    let r = time(n, |_| st_deep.query_map([1 + rng.next(max_seq as usize) as i64], |r| r.get::<_, String>(0)).unwrap().count());
    row("cursor page deep in the list (50)", k, Some(r), "p99 ≤ 10");

    let k = time(n, |_| shop.orders(&OrderQuery { limit: Some(50), status: Some("confirmed".into()), ..Default::default() }).unwrap());
    row("status tab page: confirmed (50)", k, None, "p99 ≤ 10");

    // 3-character Chinese substrings of customer names (e.g. 喆五金, 镕装修)
    let tri: Vec<String> = names
        .iter()
        .map(|n| {
            let c: Vec<char> = n.chars().collect();
            c[3..6.min(c.len())].iter().collect()
        })
        .filter(|s: &String| s.chars().count() == 3)
        .collect();
    let k = time(n, |_| {
        shop.orders(&OrderQuery { limit: Some(50), search: Some(tri[rng.next(tri.len())].clone()), ..Default::default() }).unwrap()
    });
    let mut st_fts = raw.prepare("SELECT o.number FROM order_search s JOIN sales_order o ON o.seq = s.rowid WHERE order_search MATCH ?1 ORDER BY s.rowid DESC LIMIT 50").unwrap();
    let r = time(n, |_| st_fts.query_map([format!("\"{}\"", tri[rng.next(tri.len())])], |r| r.get::<_, String>(0)).unwrap().count());
    row("3-character Chinese substring search (FTS5 trigram, 50)", k, Some(r), "p99 ≤ 10");

    let rare: Vec<String> = names.iter().map(|n| n.chars().skip(2).take(3).collect()).collect();
    let k = time(n, |_| {
        shop.orders(&OrderQuery { limit: Some(50), search: Some(rare[rng.next(rare.len())].clone()), ..Default::default() }).unwrap()
    });
    row("3-character search, rarer names (place+surname, 50)", k, None, "p99 ≤ 10");

    let duo: Vec<String> = names.iter().map(|n| n.chars().skip(3).take(2).collect()).collect();
    let k = time(n.min(300), |_| {
        shop.orders(&OrderQuery { limit: Some(50), search: Some(duo[rng.next(duo.len())].clone()), ..Default::default() }).unwrap()
    });
    row("2-character search (scan fallback, 50)", k, None, "fallback");
    let rare2: Vec<String> = vec!["镕装".into(), "喆门".into(), "zz".into()];
    let k = time(30, |i| {
        shop.orders(&OrderQuery { limit: Some(50), search: Some(rare2[i % rare2.len()].clone()), ..Default::default() }).unwrap()
    });
    row("2-character search matching few or no orders (worst case: full scan)", k, None, "fallback");
}

/// The raw baseline of one order commit: the same rows Kaidan writes for a counter sale
/// (order, 5 lines, search text, 5 ledger rows, 5 balance updates, a delivery), without
/// Kaidan's checks, audit, idempotency or number series.
fn raw_order_commit(c: &Connection, i: usize, customer: &str, owner: &str, device: &str, loc: &str, lines: &[(&String, &String)]) {
    let now = kaidan_store::time_text(Utc::now());
    c.execute_batch("BEGIN IMMEDIATE").unwrap();
    let oid = kaidan_store::new_id(Utc::now());
    c.prepare_cached(
        "INSERT INTO sales_order (id, number, customer_id, status, channel, order_date, prices_include_tax, subtotal_cents, tax_cents,
             total_cents, created_by, device_id, created_at, updated_at) VALUES (?1, ?2, ?3, 'delivered', 'counter', '2026-11-25', 1, 100, 0, 100, ?4, ?5, ?6, ?6)",
    )
    .unwrap()
    .execute(params![oid, format!("RAW-{}-{i}", std::process::id()), customer, owner, device, now])
    .unwrap();
    let seq = c.last_insert_rowid();
    let did = kaidan_store::new_id(Utc::now());
    c.prepare_cached(
        "INSERT INTO delivery (id, number, order_id, created_by, device_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )
    .unwrap()
    .execute(params![did, format!("RAWD-{}-{i}", std::process::id()), oid, owner, device, now])
    .unwrap();
    for (n, (pid, sku)) in lines.iter().enumerate() {
        let lid = kaidan_store::new_id(Utc::now());
        c.prepare_cached(
            "INSERT INTO order_line (id, order_id, line_no, product_id, sku, name, unit, qty_milli, delivered_milli, unit_price_e4,
                 amount_cents, tax_cents, total_cents, cost_e4, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'x', '个', 2000, 2000, 10000, 20, 0, 20, 0, ?6, ?6)",
        )
        .unwrap()
        .execute(params![lid, oid, n as i64 + 1, pid, sku, now])
        .unwrap();
        c.prepare_cached("INSERT INTO delivery_line (id, delivery_id, order_line_id, product_id, qty_milli, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 2000, ?5, ?5)")
            .unwrap()
            .execute(params![kaidan_store::new_id(Utc::now()), did, lid, pid, now])
            .unwrap();
        c.prepare_cached(
            "INSERT INTO stock_move (id, product_id, location_id, qty_milli, reason, doc_type, doc_id, operator_id, device_id, created_at)
             VALUES (?1, ?2, ?3, -2000, 'delivery', 'delivery', ?4, ?5, ?6, ?7)",
        )
        .unwrap()
        .execute(params![kaidan_store::new_id(Utc::now()), pid, loc, did, owner, device, now])
        .unwrap();
        c.prepare_cached(
            "UPDATE stock_balance SET on_hand_milli = on_hand_milli - 2000, updated_at = ?3 WHERE product_id = ?1 AND location_id = ?2",
        )
        .unwrap()
        .execute(params![pid, loc, now])
        .unwrap();
    }
    c.prepare_cached("INSERT INTO order_search (rowid, body) VALUES (?1, ?2)").unwrap().execute(params![seq, format!("RAW {i}")]).unwrap();
    c.execute_batch("COMMIT").unwrap();
}

/// Backup (online copy + manifest with counts and SHA-256) and verification (quick_check +
/// counts + size), three times each, of the seeded shop.
fn bench_backup(shop: &mut Shop, path: &std::path::Path) {
    let size = std::fs::metadata(path).unwrap().len();
    let dir = path.with_extension("backups");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    println!("Database: {:.2} GB ({size} bytes). Times in seconds.", size as f64 / 1e9);
    println!();
    println!("| run | backup (copy, counts, SHA-256, manifest) | verification (quick_check, counts, size) | target |");
    println!("|---|---|---|---|");
    let never = std::sync::atomic::AtomicBool::new(false);
    for run in 1..=3 {
        let t = Instant::now();
        let b = shop.backup_unverified_for_benchmarks(&Ctx::owner_at(Utc::now()), &dir, &mut |_, _| {}, &never).unwrap();
        let backup = t.elapsed();
        let t = Instant::now();
        kaidan_api::verify_backup(&b.file, &b.manifest).unwrap();
        let verify = t.elapsed();
        println!("| {run} | {:.2} | {:.2} | ≤ 5 each |", backup.as_secs_f64(), verify.as_secs_f64());
        let _ = std::fs::remove_file(&b.file);
    }
}

/// A raw connection for seeding a bench shop in bulk (no flush, no foreign-key checks, a
/// large cache), with the shop's owner and this device, which every seeded row names.
fn raw_seeding(path: &std::path::Path) -> (Connection, String, String) {
    let c = Connection::open(path).unwrap();
    c.pragma_update(None, "synchronous", "OFF").unwrap();
    c.pragma_update(None, "foreign_keys", "OFF").unwrap();
    c.pragma_update(None, "cache_size", -400_000).unwrap();
    let (owner, device): (String, String) = c
        .query_row("SELECT o.id, d.id FROM operator o, device d WHERE o.role='owner' AND d.is_local=1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    (c, owner, device)
}

/// CPU seconds (user + system) this process has used so far: on a shared virtual machine the
/// wall clock of a run varies by a third, CPU time much less (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    // the fields after the command name (which is in parentheses and may hold spaces)
    let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name
    (ticks(11) + ticks(12)) / 100.0
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok()))
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// A sheet of `lines` order lines (5 a order, 500 customers, 200 products), read and imported
/// end to end beside the baseline: the same file read alone, plus raw inserts of the same rows.
fn bench_import(lines: usize, format: &str, path: &std::path::Path) {
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

/// A 30-line invoice with Chinese names, printed (preview: read + layout + PDF) `n` times.
fn bench_print(n: usize) {
    use kaidan_api::{CustomerInput, DocLineInput, PrintRequest};
    let ctx = Ctx::owner_at(Utc::now());
    let mut shop = Shop::open_in_memory().unwrap();
    shop.init(&ctx, "喆记五金建材商行", "店主").unwrap();
    shop.add_customer(&ctx, &CustomerInput { name: Some("王喆五金店（堃记）".into()), ..Default::default() }).unwrap();
    let names = ["镕铸不锈钢合页", "堃牌膨胀螺丝", "喆记执手门锁", "加厚铝合金拉手", "防锈自攻螺钉", "PVC 电工胶布"];
    let mut lines = Vec::new();
    for i in 0..30 {
        let sku = format!("HW-{i:03}");
        shop.add_product(
            &ctx,
            &ProductInput {
                sku: Some(sku.clone()),
                name: Some(format!("{} {}号", names[i % names.len()], i + 1)),
                spec: Some(format!("{}寸 加厚款", i % 8 + 2)),
                price: Some(format!("{}.{:02}", 3 + i * 7 % 90, i * 13 % 100)),
                tax_rate: Some("13".into()),
                unit: Some("个".into()),
                ..Default::default()
            },
        )
        .unwrap();
        lines.push(LineInput { sku: sku.clone(), qty: format!("{}", i % 9 + 1), unit_price: None, discount: None });
    }
    let mut settings_ctx = ctx.clone();
    settings_ctx.lang = kaidan_api::core::Lang::ZhCn;
    shop.set_setting(&ctx, "allow_negative_stock", "true").unwrap();
    shop.set_setting(&ctx, "approval_threshold", "none").unwrap();
    let order =
        shop.create_and_confirm(&ctx, &OrderInput { customer: "王喆五金店（堃记）".into(), lines, ..Default::default() }, false).unwrap();
    let all: Vec<DocLineInput> = order.lines.iter().map(|l| DocLineInput { sku: l.sku.clone(), qty: l.qty.to_string() }).collect();
    let inv = shop.issue_invoice(&ctx, &order.number, Some(&all)).unwrap();
    let req = PrintRequest {
        kind: "invoice".into(),
        number: inv.number.clone(),
        paper: Some("a4".into()),
        preview: Some(true),
        ..Default::default()
    };
    let started = Instant::now();
    let (_, first) = shop.print(&settings_ctx, &req).unwrap();
    let first_ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut size = first.len();
    let times = time(n, |_| {
        let (printed, pdf) = shop.print(&settings_ctx, &req).unwrap();
        assert_eq!(printed.pages, 1);
        size = pdf.len();
    });
    println!("30-line A4 invoice, Chinese text, fonts subset: first print {first_ms:.0} ms (parses the fonts), then {n} prints:");
    println!();
    println!("| measurement | p50 | p99 | max | size | target |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| print 30-line A4 invoice (read + layout + PDF) | {} ms | {} ms | {} ms | {} KB | ≤ 50 ms, ≤ 150 KB |",
        ms(times.p50),
        ms(times.p99),
        ms(times.max),
        size / 1024
    );
}

/// A receivables history: `invoices` delivered orders, each invoiced, over three years and
/// `customers` customers (30 days' terms); 96 % paid in full 5–60 days after the invoice (so
/// the last two months are partly open), 2 % in half, 2 % never; one payment in 50 pays ahead
/// (unallocated credit). Written with plain SQL through the
/// product's own triggers, so the caches (open amounts, balances, order money) are real.
fn seed_money(invoices: usize, customers: usize, path: &std::path::Path) {
    let t0 = Instant::now();
    let base: DateTime<Utc> = Utc.with_ymd_and_hms(2023, 11, 1, 0, 0, 0).unwrap();
    {
        let store = kaidan_store::Store::open_with(path, kaidan_store::Durability::BulkLoadUnsafe).unwrap();
        Shop::from_store(store).init(&Ctx::owner_at(base), "Bench Shop", "owner").unwrap();
    }
    let (mut c, owner, device) = raw_seeding(path);
    let mut ids = Vec::with_capacity(customers);
    {
        let tx = c.transaction().unwrap();
        {
            let mut st = tx
                .prepare(
                    "INSERT INTO customer (id, name, phones, payment_terms_days, created_at, updated_at) VALUES (?1, ?2, ?3, 30, ?4, ?4)",
                )
                .unwrap();
            for i in 0..customers {
                let id = kaidan_store::new_id(base);
                st.execute(params![id, customer_name(i), format!("13{:09}", (i * 7919) % 1_000_000_000), kaidan_store::time_text(base)])
                    .unwrap();
                ids.push(id);
            }
        }
        tx.commit().unwrap();
    }
    let mut rng = Rng(7);
    let days = 3 * 365;
    let chunk = 50_000;
    let mut done = 0;
    let mut per_year: std::collections::BTreeMap<(i32, &str), i64> = Default::default();
    while done < invoices {
        let tx = c.transaction().unwrap();
        {
            let mut ins_order = tx.prepare(
                "INSERT INTO sales_order (id, number, customer_id, status, channel, order_date, prices_include_tax, subtotal_cents, tax_cents,
                     total_cents, created_by, device_id, created_at, updated_at) VALUES (?1, ?2, ?3, 'delivered', 'phone', ?4, 1, ?5, 0, ?5, ?6, ?7, ?8, ?8)",
            ).unwrap();
            let mut ins_invoice = tx.prepare(
                "INSERT INTO invoice (id, number, kind, order_id, customer_id, issue_date, due_date, prices_include_tax, subtotal_cents,
                     tax_cents, total_cents, created_by, device_id, created_at) VALUES (?1, ?2, 'invoice', ?3, ?4, ?5, ?6, 1, ?7, 0, ?7, ?8, ?9, ?10)",
            ).unwrap();
            let mut ins_payment = tx
                .prepare(
                    "INSERT INTO payment (id, number, kind, customer_id, method, paid_on, amount_cents, created_by, device_id, created_at)
                 VALUES (?1, ?2, 'receipt', ?3, 'bank', ?4, ?5, ?6, ?7, ?8)",
                )
                .unwrap();
            let mut ins_alloc = tx.prepare(
                "INSERT INTO allocation (id, payment_id, invoice_id, amount_cents, created_by, device_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            ).unwrap();
            let mut next = |year: i32, kind: &'static str| {
                let n = per_year.entry((year, kind)).or_insert(0);
                *n += 1;
                format!("{kind}-{year}-{:06}", *n)
            };
            for i in done..(done + chunk).min(invoices) {
                let day = base + chrono::Duration::days((i as i64 * days) / invoices as i64);
                let t = kaidan_store::time_text(day);
                let date = day.date_naive();
                let year = chrono::Datelike::year(&date);
                let cid = &ids[rng.next(ids.len())];
                let total = 1_000 + rng.next(500_000) as i64;
                let oid = kaidan_store::new_id(day);
                ins_order.execute(params![oid, next(year, "SO"), cid, date.to_string(), total, owner, device, t]).unwrap();
                let iid = kaidan_store::new_id(day);
                let due = (date + chrono::Days::new(30)).to_string();
                ins_invoice.execute(params![iid, next(year, "INV"), oid, cid, date.to_string(), due, total, owner, device, t]).unwrap();
                // most customers settle within a month or two (月结); a few pay half, a few never
                let roll = rng.next(100);
                let paid = match roll {
                    0..=95 => total,
                    96..=97 => total / 2,
                    _ => 0,
                };
                let after = 5 + rng.next(55) as i64;
                let age = days - (i as i64 * days) / invoices as i64;
                if paid > 0 && after < age {
                    let paid_on = (date + chrono::Days::new(after as u64)).to_string();
                    let pid = kaidan_store::new_id(day);
                    // one customer in 50 pays ahead: 100.00 beyond the invoice
                    let extra = if rng.next(50) == 0 { 10_000 } else { 0 };
                    ins_payment.execute(params![pid, next(year, "RC"), cid, paid_on, paid + extra, owner, device, t]).unwrap();
                    ins_alloc.execute(params![kaidan_store::new_id(day), pid, iid, paid, owner, device, t]).unwrap();
                }
            }
        }
        tx.commit().unwrap();
        done = (done + chunk).min(invoices);
        eprintln!("seeded {done} invoices ({:.0} s)", t0.elapsed().as_secs_f64());
    }
    for ((year, kind), n) in per_year {
        c.execute(
            "INSERT INTO number_series (id, device_id, kind, year, prefix, next_value, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?3, ?5, ?6, ?6)
             ON CONFLICT (device_id, kind, year) DO UPDATE SET next_value = excluded.next_value",
            params![kaidan_store::new_id(base), device, kind, year, n + 1, kaidan_store::time_text(base)],
        )
        .unwrap();
    }
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    eprintln!("seeded in {:.0} s", t0.elapsed().as_secs_f64());
}

fn bench_money(args: &Args, path: &std::path::Path) {
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
