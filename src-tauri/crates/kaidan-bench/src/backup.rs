//! The backup benchmark: backup and its verification of the seeded shop.

use std::time::Instant;

use chrono::Utc;
use kaidan_api::{Ctx, Shop};

/// Backup (online copy + manifest with counts and SHA-256) and verification (quick_check +
/// counts + size), three times each, of the seeded shop.
pub(crate) fn bench_backup(shop: &mut Shop, path: &std::path::Path) {
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
