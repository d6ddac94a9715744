//! The window while a long import runs (issue 16): the screens the clerk uses — the orders
//! list, order entry's product and customer lookups — read through the [`Desk`] as the window
//! does, first with the shop idle (the baseline) and then while a 100,000-line import holds it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use kaidan_api::core::Lang;
use kaidan_api::{Desk, OrderQuery, ProductInput};

use crate::measure::{ms, stats, Stats};
use crate::seed::{customer_name, GOODS};

/// A CSV order sheet of `lines` lines (5 a order), order numbers starting with `prefix`.
fn sheet(path: &std::path::Path, lines: usize, prefix: char) {
    let mut text = String::from("订单号,客户,日期,商品编码,商品名称,数量,单价,金额\n");
    for i in 0..lines {
        let (order, p, qty) = (i / 5, (i * 7) % 200, 1 + i % 9);
        let price = 100 + p;
        let c = qty * price;
        text.push_str(&format!(
            "{prefix}{order:07},{},2024-{:02}-{:02},P{p:04},{} {p},{qty},{}.{:02},{}.{:02}\n",
            customer_name(order % 500),
            1 + order % 12,
            1 + order % 28,
            GOODS[p % GOODS.len()],
            price / 100,
            price % 100,
            c / 100,
            c % 100
        ));
    }
    std::fs::write(path, text).unwrap();
}

/// One round of the clerk's reads; each timed on its own.
fn reads(desk: &Desk, out: &mut [Vec<Duration>; 3]) {
    let t = Instant::now();
    let page = desk.read(|s| s.orders(&OrderQuery { limit: Some(100), ..Default::default() })).unwrap();
    out[0].push(t.elapsed());
    assert!(!page.items.is_empty());
    let t = Instant::now();
    std::hint::black_box(desk.read(|s| s.products(Some("螺"), None, 20)).unwrap());
    out[1].push(t.elapsed());
    let t = Instant::now();
    std::hint::black_box(desk.read(|s| s.customers(Some("王"), None, 20)).unwrap());
    out[2].push(t.elapsed());
}

pub(crate) fn bench_busy(lines: usize, products: usize, path: &std::path::Path) {
    let dir = path.with_extension("busy");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let desk = Desk::open(&dir.join("kaidan.db"), Lang::ZhCn);
    desk.write(None, |s, ctx| s.init(ctx, "Busy bench", "owner")).unwrap();
    for i in 0..products {
        let p = ProductInput {
            sku: Some(format!("S{i:05}")),
            name: Some(format!("{} 规格{i}", GOODS[i % GOODS.len()])),
            price: Some("9.90".into()),
            ..Default::default()
        };
        desk.write(None, |s, ctx| s.add_product(ctx, &p)).unwrap();
    }
    // four customers a product (5,000 products: 20,000 customers); the sheets' 500 are among them
    for i in 0..products * 4 {
        let c = kaidan_api::CustomerInput { name: Some(customer_name(i)), ..Default::default() };
        desk.write(None, |s, ctx| s.add_customer(ctx, &c)).unwrap();
    }
    // a first import: the orders, customers and products the screens then list
    let first = dir.join("first.csv");
    sheet(&first, lines, 'H');
    let (lang_none, stop): (kaidan_api::ImportOptions, _) = (Default::default(), AtomicBool::new(false));
    desk.write(None, |s, ctx| s.import_orders(ctx, &first, &lang_none, false, &mut |_, _| {}, &stop)).unwrap();
    let second = dir.join("second.csv");
    sheet(&second, lines, 'K');

    let mut idle: [Vec<Duration>; 3] = Default::default();
    for _ in 0..300 {
        reads(&desk, &mut idle);
    }
    let mut busy: [Vec<Duration>; 3] = Default::default();
    let done = AtomicBool::new(false);
    let took = std::thread::scope(|sc| {
        let job = sc.spawn(|| {
            let t = Instant::now();
            let r = desk.write(None, |s, ctx| s.import_orders(ctx, &second, &lang_none, false, &mut |_, _| {}, &stop)).unwrap();
            done.store(true, Ordering::SeqCst);
            (t.elapsed(), r.lines)
        });
        // the window asks again and again while the import runs
        std::thread::sleep(Duration::from_millis(50));
        while !done.load(Ordering::SeqCst) {
            reads(&desk, &mut busy);
            std::thread::sleep(Duration::from_millis(20));
        }
        job.join().unwrap()
    });
    assert_eq!(took.1, lines);
    println!(
        "Shop: {products} products, {} customers, {} orders, then a second {lines}-line import ({:.1} s) while the window reads. ms.",
        (products * 4).max(500),
        lines / 5,
        took.0.as_secs_f64()
    );
    println!();
    println!("| read (through the Desk, as the window) | idle p50 | idle p99 | idle max | during the import p50 | p99 | max | reads during the import | goal |");
    println!("|---|---|---|---|---|---|---|---|---|");
    let names = ["orders list, first 100", "order entry: product lookup 「螺」", "order entry: customer lookup 「王」"];
    for (i, name) in names.iter().enumerate() {
        let (a, b): (Stats, Stats) = (stats(idle[i].clone()), stats(busy[i].clone()));
        println!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} | < 100 |",
            ms(a.p50),
            ms(a.p99),
            ms(a.max),
            ms(b.p50),
            ms(b.p99),
            ms(b.max),
            busy[i].len()
        );
    }
}
