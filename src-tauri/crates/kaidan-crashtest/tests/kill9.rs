//! Kill -9 a writer ≥ 200 times (KAIDAN_CRASH_KILLS to change). After each kill: SQLite's
//! integrity check is ok, balances equal the ledger, reservations equal the open orders, no
//! order is half-written (totals equal lines), order, delivery, invoice and credit-note numbers
//! have no gaps and no duplicates, and every write the writer reported as done is there.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use kaidan_api::{Ctx, Shop};

fn kills() -> usize {
    std::env::var("KAIDAN_CRASH_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
}

#[test]
fn killed_writers_lose_nothing_they_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash 测试").join("kaidan.db");
    let mut reported_orders = Vec::new();
    let mut reported_deliveries = Vec::new();
    let mut reported_receipts = Vec::new();
    let mut reported_invoices: Vec<(String, String)> = Vec::new();
    let mut seed: u64 = 0x5eed;
    let mut lines_seen = 0;
    for run in 0..kills() {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        // the first runs get time to set the shop up; later ones die anywhere, startup included
        let wait_ms = if run < 3 { 400 } else { 2 + (seed >> 33) % 60 };
        let mut child = Command::new(env!("CARGO_BIN_EXE_kaidan-churn"))
            .arg(&db)
            .arg(run.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn writer");
        std::thread::sleep(Duration::from_millis(wait_ms));
        child.kill().expect("kill -9"); // SIGKILL on Unix, TerminateProcess on Windows
        let status = child.wait().unwrap();
        let mut out = String::new();
        child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        assert!(!err.contains("panicked"), "writer failed on its own (run {run}, {status:?}): {err}");
        // only whole lines were reported
        let complete = out.rsplit_once('\n').map(|(done, _)| done).unwrap_or("");
        let (orders_before, deliveries_before, invoices_before) =
            (reported_orders.len(), reported_deliveries.len(), reported_invoices.len());
        for line in complete.lines() {
            lines_seen += 1;
            let f: Vec<&str> = line.split(' ').collect();
            match f[0] {
                "order" => reported_orders.push((f[1].to_string(), f[2].to_string())),
                "delivery" => reported_deliveries.push((f[1].to_string(), f[2].to_string())),
                "receipt" => reported_receipts.push((f[1].to_string(), f[2].to_string(), f[3].to_string())),
                "invoice" | "credit" => reported_invoices.push((f[1].to_string(), f[2].to_string())),
                other => panic!("unexpected line {other}"),
            }
        }
        if !db.exists() {
            continue;
        }
        let mut shop = Shop::open(&db).expect("reopen after kill");
        let report = shop.check(true).unwrap();
        assert!(report.is_ok(false), "after kill {run}: {report:#?}");
        // this run's reports now, everything again at the end
        let last_run = run + 1 == kills();
        let from_o = if last_run { 0 } else { orders_before };
        let from_d = if last_run { 0 } else { deliveries_before };
        for (number, status) in &reported_orders[from_o..] {
            let o = shop.order(number).unwrap_or_else(|e| panic!("reported order {number} lost after kill {run}: {e}"));
            assert!(!o.lines.is_empty(), "order {number} has no lines");
            if status != "draft" {
                assert_ne!(o.status.as_str(), "draft", "order {number} was reported {status}");
            }
        }
        for (number, order) in &reported_deliveries[from_d..] {
            let d = shop.delivery(number).unwrap_or_else(|e| panic!("reported delivery {number} lost after kill {run}: {e}"));
            assert_eq!(&d.order, order);
        }
        for (number, of) in &reported_invoices[if last_run { 0 } else { invoices_before }..] {
            let inv = shop.invoice(number).unwrap_or_else(|e| panic!("reported invoice {number} lost after kill {run}: {e}"));
            assert!(&inv.order == of || inv.credits.as_ref() == Some(of), "{number} belongs to {of}");
            assert!(!inv.lines.is_empty());
        }
        // a reported receipt replayed with its request id must be recognised, not applied again
        if let Some((rid, sku, qty)) = reported_receipts.last() {
            let newest = |shop: &Shop| shop.stock_moves(None, None, 1).unwrap().first().map(|m| m.id.clone());
            let before = (newest(&shop), shop.stock_levels(Some(sku), false, None, 1).unwrap());
            shop.receive_stock(&Ctx::owner_at(chrono::Utc::now()).with_request(rid.clone()), sku, qty, None, None).unwrap();
            let after = (newest(&shop), shop.stock_levels(Some(sku), false, None, 1).unwrap());
            assert_eq!(after, before, "receipt {rid} was not recorded");
        }
    }
    eprintln!(
        "{} kills, {lines_seen} writes reported: {} order steps, {} deliveries, {} receipts, {} invoices and credit notes",
        kills(),
        reported_orders.len(),
        reported_deliveries.len(),
        reported_receipts.len(),
        reported_invoices.len()
    );
    // every number of each series, as reported, is distinct; the check above proved 1..=n per series
    let mut numbers: Vec<&str> = reported_invoices.iter().map(|(n, _)| n.as_str()).collect();
    numbers.sort_unstable();
    let before = numbers.len();
    numbers.dedup();
    assert_eq!(numbers.len(), before, "a number was reported twice");
    assert!(reported_invoices.len() > 10, "too few invoices to prove anything: {}", reported_invoices.len());
    assert!(
        reported_orders.len() > 50 && reported_deliveries.len() > 10 && reported_receipts.len() > 20,
        "the writer did too little to prove anything: {} lines, {} orders, {} deliveries, {} receipts",
        lines_seen,
        reported_orders.len(),
        reported_deliveries.len(),
        reported_receipts.len()
    );
}
