//! A backup taken while another process commits orders in a loop restores to a consistent
//! shop: ledger equals balances, no half order, numbers without gaps.

use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use kaidan_api::{BackupKind, Ctx, Shop};

#[test]
fn backups_under_load_restore_to_a_consistent_shop() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("busy shop.db");
    {
        let mut s = Shop::open(&db).unwrap();
        kaidan_crashtest::ensure_shop(&mut s, &Ctx::owner_at(chrono::Utc::now())).unwrap();
    }
    let mut writer =
        Command::new(env!("CARGO_BIN_EXE_kaidan-churn")).arg(&db).arg("1").stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let mut shop = Shop::open(&db).unwrap();
    let backups_dir = dir.path().join("backups");
    std::fs::create_dir(&backups_dir).unwrap();
    let mut made = Vec::new();
    for i in 0..5 {
        let b = shop
            .backup(&Ctx::owner_at(chrono::Utc::now()), Some(&backups_dir), BackupKind::Manual, &mut |_, _| {}, &AtomicBool::new(false))
            .unwrap_or_else(|e| panic!("backup {i} under load: {e}"));
        made.push(b);
        std::thread::sleep(Duration::from_millis(150));
    }
    writer.kill().unwrap();
    let _ = writer.wait();
    let orders: Vec<i64> = made.iter().map(|b| b.manifest.counts.orders).collect();
    assert!(orders.windows(2).all(|w| w[0] <= w[1]) && orders[4] > orders[0], "the writer was writing: {orders:?}");
    for b in &made {
        // restore each backup into a fresh shop and check it
        let target = dir.path().join(format!("restored-{}.db", b.manifest.counts.orders));
        let mut t = Shop::open(&target).unwrap();
        t.restore(&Ctx::owner_at(chrono::Utc::now()), &b.file, true, &mut |_, _| {}).unwrap();
        let report = t.check(true).unwrap();
        assert!(report.is_ok(false), "{}: {report:#?}", b.file.display());
        let n = t.orders(&kaidan_api::OrderQuery { limit: Some(500), ..Default::default() }).unwrap().items.len() as i64;
        assert_eq!(n.min(500), b.manifest.counts.orders.min(500));
    }
}
