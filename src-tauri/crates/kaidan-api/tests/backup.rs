//! Backups and restore: verified files, retention, restore with a safety copy, old and new
//! schemas, and the faults a shop meets (folder gone, read-only, disk full).

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Duration, Utc};
use kaidan_api::core::ErrorCode;
use kaidan_api::{BackupKind, Ctx, CustomerInput, LineInput, OrderInput, ProductInput, Shop};

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-02-01T20:00:00Z").unwrap().with_timezone(&Utc)
}

fn shop_at(path: &Path, orders: usize) -> Shop {
    let c = Ctx::owner_at(t0());
    let mut s = Shop::open(path).unwrap();
    s.init(&c, "备份测试店", "owner").unwrap();
    s.add_product(&c, &ProductInput { sku: Some("A1".into()), name: Some("螺丝".into()), price: Some("1.5".into()), ..Default::default() })
        .unwrap();
    s.receive_stock(&c, "A1", "100000", None, None).unwrap();
    s.add_customer(&c, &CustomerInput { name: Some("王喆五金店".into()), ..Default::default() }).unwrap();
    add_orders(&mut s, orders);
    s
}

fn add_orders(s: &mut Shop, n: usize) {
    let c = Ctx::owner_at(t0());
    for _ in 0..n {
        let input = OrderInput {
            customer: "王喆五金店".into(),
            lines: vec![LineInput { sku: "A1".into(), qty: "2".into(), ..Default::default() }],
            ..Default::default()
        };
        s.create_and_confirm(&c, &input, true).unwrap();
    }
}

fn backup(s: &mut Shop, at: DateTime<Utc>, to: Option<&Path>, kind: BackupKind) -> Result<kaidan_api::BackupInfo, kaidan_api::core::Error> {
    s.backup(&Ctx::owner_at(at), to, kind, &mut |_, _| {}, &AtomicBool::new(false))
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).map(|r| r.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect()).unwrap_or_default();
    v.sort();
    v
}

#[test]
fn a_backup_is_verified_listed_and_restores_with_a_safety_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("店 铺").join("kaidan.db");
    let mut s = shop_at(&db, 5);
    let b = backup(&mut s, t0(), None, BackupKind::Manual).unwrap();
    assert_eq!(b.manifest.counts.orders, 5);
    assert_eq!(b.manifest.last_order_number.as_deref(), Some("SO-2026-000005"));
    assert_eq!(b.manifest.schema_version, kaidan_store_schema());
    assert!(b.file.starts_with(dir.path().join("店 铺").join("backups")));
    let (file, manifest) = kaidan_api::inspect_backup(&b.file).unwrap();
    assert!(file.intact && manifest.is_some());
    assert_eq!(s.backups(None).unwrap().len(), 1);

    add_orders(&mut s, 3);
    let before_restore = s.dump().unwrap();
    // without yes: refused, nothing changes
    assert_eq!(s.restore(&Ctx::owner_at(t0()), &b.file, false, &mut |_, _| {}).unwrap_err().code(), ErrorCode::Invalid);
    assert_eq!(s.dump().unwrap(), before_restore);
    let r = s.restore(&Ctx::owner_at(t0() + Duration::hours(1)), &b.file, true, &mut |_, _| {}).unwrap();
    assert!(r.check_ok);
    assert_eq!(s.orders(&Default::default()).unwrap().items.len(), 5, "the shop shows the restored data at once");
    assert_eq!(r.safety_copy.manifest.counts.orders, 8, "the replaced data was saved first");
    assert_eq!(r.safety_copy.manifest.kind, BackupKind::Safety);
    // numbering continues after the restored data
    add_orders(&mut s, 1);
    assert_eq!(s.orders(&Default::default()).unwrap().items[0].number, "SO-2026-000006");
    assert!(s.check(true).unwrap().is_ok(false));
    // a manifest that lies is caught
    std::fs::write(
        b.file.with_extension("json"),
        std::fs::read_to_string(b.file.with_extension("json")).unwrap().replace("\"orders\": 5", "\"orders\": 6"),
    )
    .unwrap();
    assert_eq!(kaidan_api::inspect_backup(&b.file).unwrap_err().code(), ErrorCode::Invalid);
}

fn kaidan_store_schema() -> i64 {
    // the schema version this build writes, as the manifest records it
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("v.db");
    drop(Shop::open(&p).unwrap());
    kaidan_api::inspect_backup(&p).unwrap().0.schema_version
}

#[test]
fn a_backup_of_the_previous_schema_migrates_and_a_newer_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // a shop in the previous version's schema: today's shop copied, table by table and column
    // by column, into a database migrated only that far
    let previous = kaidan_store_schema() as usize - 1;
    let current = dir.path().join("current.db");
    drop(shop_at(&current, 4));
    // the reports' rows waiting added up first: what waits may have columns the previous
    // schema's table lacks (its sums were kept another way), the sums are the same in both
    kaidan_store::Store::open(&current).unwrap().fold_reports().unwrap();
    let old = dir.path().join("previous version.db");
    {
        let mut store = kaidan_store::Store::open_at_schema_for_tests(&old, previous).unwrap();
        let conn = store.raw_connection_for_benchmarks();
        conn.execute_batch(&format!("PRAGMA foreign_keys = OFF; ATTACH '{}' AS cur;", current.display())).unwrap();
        // the copied rows carry their caches already: the triggers that keep them are set
        // aside while copying, and put back after
        let triggers: Vec<(String, String)> = conn
            .prepare("SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger'")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for (name, _) in &triggers {
            conn.execute_batch(&format!("DROP TRIGGER main.\"{name}\";")).unwrap();
        }
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'order_search%'")
            .unwrap()
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for t in tables {
            let cols: Vec<String> = conn
                .prepare(&format!("PRAGMA table_info(\"{t}\")"))
                .unwrap()
                .query_map([], |r| r.get::<_, String>(1))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let list = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
            // OR REPLACE: rows a migration seeds (the kept aging's day) are the copied ones
            conn.execute_batch(&format!("INSERT OR REPLACE INTO main.\"{t}\" ({list}) SELECT {list} FROM cur.\"{t}\";")).unwrap();
        }
        conn.execute_batch("INSERT INTO main.order_search (rowid, body) SELECT rowid, body FROM cur.order_search; DETACH cur;").unwrap();
        for (_, sql) in &triggers {
            conn.execute_batch(&format!("{sql};")).unwrap();
        }
    }
    assert_eq!(kaidan_api::inspect_backup(&old).unwrap().0.schema_version, previous as i64);
    let mut target = shop_at(&dir.path().join("b.db"), 1);
    let r = target.restore(&Ctx::owner_at(t0()), &old, true, &mut |_, _| {}).unwrap();
    assert!(r.check_ok);
    assert_eq!(target.orders(&Default::default()).unwrap().items.len(), 4);
    assert!(target.import_batches(5).is_ok(), "migrated: the newest tables are there");
    assert!(target.check(true).unwrap().is_ok(false));

    // newer than this build: refused, nothing written
    let b = backup(&mut target, t0(), Some(dir.path()), BackupKind::Manual).unwrap();
    let newer = dir.path().join("v99.db");
    std::fs::copy(&b.file, &newer).unwrap();
    {
        let mut v = Shop::open_in_memory().unwrap();
        v.store_mut()
            .raw_connection_for_benchmarks()
            .execute_batch(&format!("ATTACH '{}' AS n; PRAGMA n.user_version = 99; DETACH n;", newer.display()))
            .unwrap();
    }
    let before = target.dump().unwrap();
    let e = target.restore(&Ctx::owner_at(t0()), &newer, true, &mut |_, _| {}).unwrap_err();
    assert!(e.message(kaidan_api::core::Lang::En).contains("newer Kaidan"), "{e}");
    assert_eq!(target.dump().unwrap(), before);
}

/// The home screen's count, and the automatic backup that keeps up with the work: after a
/// write, a backup comes once `backup_every_minutes` have passed with work waiting (not before,
/// and not when nothing changed); a day-old shop backs up regardless.
#[test]
fn work_waits_at_most_backup_every_minutes_for_a_verified_backup() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop_at(&dir.path().join("k.db"), 0);
    let at = |min: i64| Ctx::owner_at(t0() + Duration::minutes(min));
    // product, stock receipt, customer: three changes, none backed up
    assert_eq!(s.changes_since_backup().unwrap(), 3);
    assert!(s.auto_backup(&at(0)).unwrap(), "the first backup of a shop with work");
    assert_eq!(s.changes_since_backup().unwrap(), 0);
    assert!(!s.auto_backup(&at(1)).unwrap(), "nothing waits");
    add_orders(&mut s, 3);
    assert_eq!(s.changes_since_backup().unwrap(), 3);
    assert!(!s.auto_backup(&at(30)).unwrap(), "half an hour: not yet");
    assert!(s.auto_backup(&at(56)).unwrap(), "within the hour (less the timer's five minutes)");
    assert_eq!(s.changes_since_backup().unwrap(), 0);
    assert!(!s.auto_backup(&at(200)).unwrap(), "hours later, but nothing changed");
    assert!(s.auto_backup(&at(56 + 24 * 60)).unwrap(), "a day old: backed up anyway");
    // the setting: 0 means once a day only
    s.set_setting(&at(56 + 24 * 60 + 1), "backup_every_minutes", "0").unwrap();
    add_orders(&mut s, 1);
    assert!(!s.auto_backup(&at(60 * 30)).unwrap());
    assert_eq!(s.changes_since_backup().unwrap(), 2, "the setting and the order");
    // a manual backup holds the work too; a restore's safety copy does not
    backup(&mut s, t0() + Duration::minutes(60 * 31), None, BackupKind::Manual).unwrap();
    assert_eq!(s.changes_since_backup().unwrap(), 0);
    add_orders(&mut s, 1);
    backup(&mut s, t0() + Duration::minutes(60 * 32), None, BackupKind::Safety).unwrap();
    assert_eq!(s.changes_since_backup().unwrap(), 1);
    assert!(s.set_setting(&at(60 * 33), "backup_every_minutes", "1441").is_err(), "at most a day");
}

#[test]
fn automatic_backups_are_pruned_by_the_retention_rule() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop_at(&dir.path().join("k.db"), 1);
    let c = Ctx::owner_at(t0());
    s.set_setting(&c, "backup_keep_daily", "3").unwrap();
    s.set_setting(&c, "backup_keep_weekly", "0").unwrap();
    s.set_setting(&c, "backup_keep_monthly", "0").unwrap();
    let manual = backup(&mut s, t0(), None, BackupKind::Manual).unwrap();
    for d in 0..10 {
        backup(&mut s, t0() + Duration::days(d), None, BackupKind::Auto).unwrap();
    }
    let list = s.backups(None).unwrap();
    let autos: Vec<_> =
        list.iter().filter(|b| b.manifest.kind == BackupKind::Auto).map(|b| b.manifest.created_at[..10].to_string()).collect();
    assert_eq!(autos, ["2026-02-10", "2026-02-09", "2026-02-08"]);
    assert!(list.iter().any(|b| b.file == manual.file), "manual backups are never pruned");
    let dir_files = files(&s.default_backup_dir().unwrap());
    assert_eq!(dir_files.len(), 8, "4 backups, each a .db and a .json: {dir_files:?}");
}

#[test]
fn a_vanished_folder_is_reported_and_the_shop_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop_at(&dir.path().join("k.db"), 1);
    let usb = dir.path().join("USB 盘");
    std::fs::create_dir(&usb).unwrap();
    s.set_setting(&Ctx::owner_at(t0()), "backup_dir", usb.to_str().unwrap()).unwrap();
    backup(&mut s, t0(), None, BackupKind::Auto).unwrap();
    std::fs::remove_dir_all(&usb).unwrap(); // unplugged
    let e = backup(&mut s, t0() + Duration::days(1), None, BackupKind::Auto).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BackupFailed);
    assert!(!usb.exists(), "the folder is not recreated on the PC's own disk");
    add_orders(&mut s, 1); // the shop keeps working
    let attempts = s.backup_attempts(5).unwrap();
    assert!(!attempts[0].ok && attempts[0].error.as_deref().unwrap().contains("USB"), "{attempts:?}");
    assert!(attempts[1].ok);
}

/// Disk full and read-only, on a small tmpfs (needs root to mount; CI runs as root).
#[test]
fn disk_full_and_read_only_folders_leave_no_partial_backup() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("small disk");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(&mnt)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !mounted {
        eprintln!("SKIPPED: cannot mount a tmpfs here (not root?); CI runs this test as root");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mnt.clone());
    let mut s = shop_at(&dir.path().join("k.db"), 400); // well over 256 KiB
    let before = s.dump().unwrap();
    let e = backup(&mut s, t0(), Some(&mnt), BackupKind::Manual).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BackupFailed, "{e}");
    assert!(files(&mnt).is_empty(), "left behind: {:?}", files(&mnt));
    let attempts = s.backup_attempts(1).unwrap();
    assert!(!attempts[0].ok);
    // the shop is untouched but for the record of the failed attempt
    let after = s.dump().unwrap();
    assert_eq!(strip_backup_log(&after.0), strip_backup_log(&before.0));

    assert!(std::process::Command::new("mount").args(["-o", "remount,ro"]).arg(&mnt).status().unwrap().success());
    let e = backup(&mut s, t0(), Some(&mnt), BackupKind::Manual).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BackupFailed, "{e}");
    assert!(files(&mnt).is_empty());
}

fn strip_backup_log(dump: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    for line in dump.lines() {
        if line.starts_with("## ") {
            skip = line == "## backup_log";
        }
        if !skip {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
