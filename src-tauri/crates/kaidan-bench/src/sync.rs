//! Several counters (issue 21, docs/SYNC.md):
//!
//! - what capture costs the order commit: the same commits on the seeded shop with the shop
//!   linked to a server (capture triggers on, every change into the outbox) and not linked, in
//!   alternating blocks so that neither side gains from coming second (no server is needed:
//!   capture is local);
//! - with `KAIDAN_BENCH_PG` (the address of a PostgreSQL role that may make databases, roles
//!   and the pgq extension): 1,000 orders made on counter A while offline, then A's sync (up to
//!   the server) and B's (down from it), in seconds and orders a second.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Utc;
use kaidan_api::{Ctx, LineInput, OrderInput, Shop};
use rusqlite::Connection;

use crate::measure::{row, stats};
use crate::Args;

fn order(customer: &str, skus: &[String], i: usize) -> OrderInput {
    OrderInput {
        customer: customer.to_string(),
        lines: (0..5)
            .map(|k| LineInput { sku: skus[(i * 7 + k * 13) % skus.len()].clone(), qty: "2".into(), unit_price: None, discount: None })
            .collect(),
        channel: Some("counter".into()),
        ..Default::default()
    }
}

pub(crate) fn bench_sync(args: &Args, path: &Path) {
    bench_capture(args, path);
    match std::env::var("KAIDAN_BENCH_PG") {
        Ok(url) => bench_server(&url),
        Err(_) => println!("\n(KAIDAN_BENCH_PG not set: the server's part was not measured)"),
    }
}

fn bench_capture(args: &Args, path: &Path) {
    let raw = Connection::open(path).unwrap();
    let customer: String = raw.query_row("SELECT name FROM customer LIMIT 1", [], |r| r.get(0)).unwrap();
    let skus: Vec<String> = {
        let mut st = raw.prepare("SELECT sku FROM product WHERE sku LIKE 'SKU-%'").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let mut shop = Shop::open(path).unwrap();
    // linked once (numbers carry the code from here on); then the link is taken away and put
    // back between blocks
    let ids = shop.store().read(|db| db.local_ids()).unwrap();
    let owner: String = raw.query_row("SELECT id FROM operator WHERE role = 'owner' LIMIT 1", [], |r| r.get(0)).unwrap();
    let stamp = kaidan_store::Stamp { operator_id: owner, device_id: ids.device_id, at: Utc::now(), request_id: None, approved_by: None };
    shop.store_mut().write(|db| db.start_sync(&stamp, "postgres://bench@localhost/bench", "A", false)).unwrap();
    let link_row: (String, String) =
        raw.query_row("SELECT server, joined_at FROM sync_config", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    let unlink = |shop: &mut Shop| {
        let triggers: Vec<String> = {
            let mut st = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_out_%'").unwrap();
            st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        for t in triggers {
            raw.execute_batch(&format!("DROP TRIGGER {t}")).unwrap();
        }
        raw.execute_batch("DELETE FROM sync_config; DELETE FROM sync_outbox; DELETE FROM sync_outbox_tx;").unwrap();
        shop.store_mut().relink().unwrap();
    };
    let link = |shop: &mut Shop| {
        raw.execute(
            "INSERT INTO sync_config (id, server, capturing, pulled_to, joined_at) VALUES (1, ?1, 1, 0, ?2)",
            [&link_row.0, &link_row.1],
        )
        .unwrap();
        shop.store_mut().relink().unwrap();
    };
    unlink(&mut shop);
    let (mut linked, mut alone) = (Vec::new(), Vec::new());
    let block = (args.commits / 4).max(60);
    let now = Utc::now();
    let mut i = 0;
    for round in 0..8 {
        let on = round % 2 == 1;
        if on {
            link(&mut shop);
        } else if round > 0 {
            unlink(&mut shop);
        }
        for k in 0..block {
            let ctx = Ctx::owner_at(now + chrono::Duration::milliseconds(i as i64));
            let t = Instant::now();
            shop.create_and_confirm(&ctx, &order(&customer, &skus, i), true).unwrap();
            let d = t.elapsed();
            i += 1;
            if k >= 10 {
                if on {
                    linked.push(d)
                } else {
                    alone.push(d)
                }
            }
        }
    }
    let waiting: i64 = raw.query_row("SELECT COUNT(*) FROM sync_outbox", [], |r| r.get(0)).unwrap();
    unlink(&mut shop);
    println!("| measurement | linked p50 | linked p99 | linked max | one PC p50 | one PC p99 | target |");
    println!("|---|---|---|---|---|---|---|");
    row(
        "order commit on a linked counter (capture on) beside one PC (create + confirm + deliver, 5 lines)",
        stats(linked),
        Some(stats(alone)),
        "p50 within 10 %",
    );
    println!("\n(the last linked block left {waiting} changes in the outbox)");
}

fn bench_server(maintenance: &str) {
    let db = format!("kdbench{}", std::process::id());
    let mut pg = postgres_admin(maintenance, &db);
    let dir = std::env::temp_dir().join(format!("kaidan-sync-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let now = Utc::now();
    let ctx = Ctx::owner_at(now);
    let mut a = Shop::open(&dir.join("a.db")).unwrap();
    a.init(&ctx, "同步测速", "老板").unwrap();
    let skus: Vec<String> = (0..50).map(|k| format!("SKU-{k:03}")).collect();
    for s in &skus {
        a.add_product(
            &ctx,
            &kaidan_api::ProductInput {
                sku: Some(s.clone()),
                name: Some(format!("商品 {s}")),
                unit: Some("个".into()),
                price: Some("10".into()),
                ..Default::default()
            },
        )
        .unwrap();
        a.receive_stock(&ctx, s, "100000", Some("5"), None).unwrap();
    }
    a.add_customer(&ctx, &kaidan_api::CustomerInput { name: Some("测速客户".into()), ..Default::default() }).unwrap();
    a.server_init(&ctx, &pg.1, "A").unwrap();
    let reg = a.server_add_counter(&ctx, &pg.1, "B").unwrap();
    let mut b = kaidan_api::join_shop(&dir.join("b.db"), &reg.url, Some("B"), now).unwrap();
    let n = 1_000;
    for i in 0..n {
        a.create_and_confirm(&Ctx::owner_at(now + chrono::Duration::milliseconds(i as i64 + 1)), &order("测速客户", &skus, i), true)
            .unwrap();
    }
    let waiting = a.sync_status().unwrap().unwrap().waiting;
    let t = Instant::now();
    let up = a.sync_now(&ctx).unwrap();
    let up_time = t.elapsed();
    let t = Instant::now();
    let down = b.sync_now(&ctx).unwrap();
    let down_time = t.elapsed();
    let per = |d: Duration| n as f64 / d.as_secs_f64();
    println!("\n| {n} orders made offline on counter A ({waiting} changes) | seconds | orders/s |");
    println!("|---|---|---|");
    println!("| A's sync: sent {} changes, applied by the server | {:.2} | {:.0} |", up.sent, up_time.as_secs_f64(), per(up_time));
    println!(
        "| B's sync: received {} changes, applied to its file | {:.2} | {:.0} |",
        down.received,
        down_time.as_secs_f64(),
        per(down_time)
    );
    drop((a, b));
    let _ = std::fs::remove_dir_all(&dir);
    pg.0.batch_execute(&format!("DROP DATABASE {db} WITH (FORCE)")).unwrap();
    for r in ["a", "b"] {
        let _ = pg.0.batch_execute(&format!("DROP ROLE IF EXISTS kaidan_{db}_{r}"));
    }
}

/// A new database `db` on the server at `maintenance`: the client there and the address of `db`.
fn postgres_admin(maintenance: &str, db: &str) -> (postgres::Client, String) {
    let mut c = postgres::Client::connect(maintenance, postgres::NoTls).unwrap();
    c.batch_execute(&format!("CREATE DATABASE {db}")).unwrap();
    let mut u = url::Url::parse(maintenance).unwrap();
    u.set_path(&format!("/{db}"));
    (c, u.to_string())
}
