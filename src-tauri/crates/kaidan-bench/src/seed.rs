//! The seeded shops: 1,000,000 orders shaped like a real shop's for the queries, and a
//! receivables history for the money benchmark, bulk-loaded with plain SQL; the names they use.

use std::path::PathBuf;
use std::time::Instant;

use chrono::{DateTime, TimeZone, Utc};
use kaidan_api::{Ctx, ProductInput, Shop};
use rusqlite::{params, Connection};

use crate::Args;

pub(crate) struct Rng(pub(crate) u64);
impl Rng {
    pub(crate) fn next(&mut self, n: usize) -> usize {
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
pub(crate) const GOODS: [&str; 20] = [
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

pub(crate) fn customer_name(i: usize) -> String {
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

pub(crate) fn seed(args: &Args, path: &PathBuf) {
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
    let mut per_year_dn: std::collections::BTreeMap<i32, i64> = Default::default();
    let chunk = 50_000;
    let mut done = 0;
    while done < args.orders {
        let tx = c.transaction().unwrap();
        {
            let mut ins_order = tx.prepare(
                "INSERT INTO sales_order (id, number, customer_id, status, channel, order_date, prices_include_tax, subtotal_cents, tax_cents,
                     total_cents, created_by, device_id, created_at, updated_at, salesperson_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, 0, ?7, ?8, ?9, ?10, ?10, ?8)",
            ).unwrap();
            let mut ins_line = tx
                .prepare(
                    "INSERT INTO order_line (id, order_id, line_no, product_id, sku, name, unit, qty_milli, delivered_milli, unit_price_e4,
                     amount_cents, tax_cents, total_cents, cost_e4, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, '个', ?7, ?8, ?9, ?10, 0, ?10, 5000, ?11, ?11)",
                )
                .unwrap();
            let mut ins_fts = tx.prepare("INSERT INTO order_search (rowid, body) VALUES (?1, ?2)").unwrap();
            // what went out: one delivery an order, on its order's day or up to 3 days later,
            // each line with its money and the cost of its goods (1 line in 10 of unknown
            // cost, as imported history is) — what the reports add up
            let mut ins_delivery = tx
                .prepare(
                    "INSERT INTO delivery (id, number, order_id, created_by, device_id, created_at, updated_at, delivery_date)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
                )
                .unwrap();
            let mut ins_dl = tx
                .prepare(
                    "INSERT INTO delivery_line (id, delivery_id, order_line_id, product_id, qty_milli, created_at, updated_at,
                                                net_cents, tax_cents, total_cents, cost_cents)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, 0, ?7, ?8)",
                )
                .unwrap();
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
                let delivered_any = lines.iter().any(|l| l.6 > 0);
                let did = kaidan_store::new_id(at);
                if delivered_any {
                    let day = (at + chrono::Duration::days(rng.next(4) as i64)).date_naive().to_string();
                    let dseq = per_year_dn.entry(year).or_insert(0);
                    *dseq += 1;
                    ins_delivery.execute(params![did, format!("DN-{year}-{:06}", *dseq), oid, owner, device, t, day]).unwrap();
                }
                for (lid, ln, pid, sku, pname, qty, delivered, price, amount) in lines {
                    ins_line.execute(params![lid, oid, ln as i64, pid, sku, pname, qty, delivered, price, amount, t]).unwrap();
                    if delivered > 0 {
                        let cost = (rng.next(10) != 0).then_some(delivered * 5000 / 100_000);
                        ins_dl.execute(params![kaidan_store::new_id(at), did, lid, pid, delivered, t, amount, cost]).unwrap();
                    }
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
    for (year, n) in per_year_dn {
        c.execute(
            "INSERT INTO number_series (id, device_id, kind, year, prefix, next_value, created_at, updated_at)
             VALUES (?1, ?2, 'DN', ?3, 'DN', ?4, ?5, ?5)
             ON CONFLICT (device_id, kind, year) DO UPDATE SET next_value = excluded.next_value",
            params![kaidan_store::new_id(base), device, year, n + 1, kaidan_store::time_text(base)],
        )
        .unwrap();
    }
    // no ANALYZE: the product never runs it, and with STAT4 statistics SQLite re-prepares
    // statements whenever a bound value might change the plan
    drop(c);
    seeded(path, t0);
}

/// The end of a seeding: the documents' rows the triggers left waiting, added to the reports'
/// sums once (as a shop's writes do every few thousand; migration 0028) — not in the first
/// measured commit — and the log folded into the file.
fn seeded(path: &std::path::Path, t0: Instant) {
    let t1 = Instant::now();
    kaidan_store::Store::open(path).unwrap().fold_reports().unwrap();
    eprintln!("reports' sums added up in {:.0} s", t1.elapsed().as_secs_f64());
    Connection::open(path).unwrap().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    eprintln!("seeded in {:.0} s", t0.elapsed().as_secs_f64());
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

/// A receivables history: `invoices` delivered orders, each invoiced, over three years and
/// `customers` customers (30 days' terms); 96 % paid in full 5–60 days after the invoice (so
/// the last two months are partly open), 2 % in half, 2 % never; one payment in 50 pays ahead
/// (unallocated credit). Written with plain SQL through the
/// product's own triggers, so the caches (open amounts, balances, order money) are real.
pub(crate) fn seed_money(invoices: usize, customers: usize, path: &std::path::Path) {
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
                     total_cents, created_by, device_id, created_at, updated_at, salesperson_id) VALUES (?1, ?2, ?3, 'delivered', 'phone', ?4, 1, ?5, 0, ?5, ?6, ?7, ?8, ?8, ?6)",
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
    drop(c);
    seeded(path, t0);
}

/// What the fulfilment and collections reports read, added to a shop seeded by [`seed`] before
/// either existed: a promised date on every order (2–6 days after it was taken, so some
/// deliveries are late), the kept fulfilment rows rebuilt from the deliveries with it, and a
/// receipt for every delivered order (by one of the six methods, 0–20 days after its order
/// date) through the product's own triggers. Once: a shop with payments is left alone.
pub(crate) fn seed_flow(path: &std::path::Path) {
    let (c, owner, device) = raw_seeding(path);
    let payments: i64 = c.query_row("SELECT COUNT(*) FROM payment", [], |r| r.get(0)).unwrap();
    if payments > 0 {
        return;
    }
    let t0 = Instant::now();
    c.execute_batch("BEGIN").unwrap();
    c.execute("UPDATE sales_order SET deliver_by = date(order_date, '+' || (2 + seq % 5) || ' days') WHERE deliver_by IS NULL", [])
        .unwrap();
    c.execute_batch("DELETE FROM order_fulfil; INSERT INTO order_fulfil SELECT * FROM order_fulfil_of;").unwrap();
    c.execute(
        "INSERT INTO payment (id, number, kind, customer_id, method, paid_on, amount_cents, created_by, device_id, created_at)
         SELECT id || '-pay', 'PAY-' || seq, 'receipt', customer_id,
                CASE seq % 6 WHEN 0 THEN 'cash' WHEN 1 THEN 'bank' WHEN 2 THEN 'wechat' WHEN 3 THEN 'alipay' WHEN 4 THEN 'card' ELSE 'other' END,
                date(order_date, '+' || (seq % 21) || ' days'), total_cents, ?1, ?2, created_at
         FROM sales_order WHERE status = 'delivered' AND total_cents > 0",
        params![owner, device],
    )
    .unwrap();
    c.execute_batch("COMMIT").unwrap();
    eprintln!("promised dates and receipts added ({:.0} s)", t0.elapsed().as_secs_f64());
}
