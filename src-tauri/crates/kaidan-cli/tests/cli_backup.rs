//! Backups through the `kaidan` binary: a damaged database detected and restored, restore's
//! preview and `--yes`.

use std::path::Path;

mod common;

use common::{seed, sha, Shop};

#[test]
fn a_damaged_database_is_detected_at_open_never_written_and_restored_from_the_newest_backup() {
    let s = Shop::new();
    seed(&s);
    for _ in 0..30 {
        s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:1", "--deliver"]);
    }
    let b = s.ok(&["backup"]);
    let backup_file = b["file"].as_str().unwrap().to_string();
    assert_eq!(b["manifest"]["counts"]["orders"], 30);
    s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:1"]); // after the backup
    assert_eq!(s.ok(&["check"])["ok"], true);
    // flip bytes in the b-tree page headers of every other page
    let mut bytes = std::fs::read(&s.db).unwrap();
    let pages = bytes.len() / 4096;
    assert!(pages > 10, "{pages} pages");
    for p in (2..pages).step_by(2) {
        for b in &mut bytes[p * 4096..p * 4096 + 12] {
            *b ^= 0x5A;
        }
    }
    std::fs::write(&s.db, &bytes).unwrap();
    let damaged = sha(&s.db);
    let e = s.err(&["order", "create", "--customer", "王喆五金店", "--line", "A1:1"]);
    assert_eq!(e["code"], "damaged", "{e}");
    assert!(e["message"].as_str().unwrap().contains(&backup_file), "{e}");
    assert_eq!(s.err(&["order", "list"])["code"], "damaged");
    assert_eq!(sha(&s.db), damaged, "nothing was written to the damaged file");
    // restore the newest good backup
    let r = s.ok(&["restore", &backup_file, "--yes"]);
    let aside = r["damaged_copy"].as_str().unwrap();
    assert_eq!(sha(Path::new(aside)), damaged, "the damaged file is kept as it was");
    let list = s.ok(&["order", "list", "--limit", "100"]);
    assert_eq!(list["items"].as_array().unwrap().len(), 30, "every order up to the backup is back");
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
}

#[test]
fn restore_shows_the_backup_first_and_needs_yes() {
    let s = Shop::new();
    seed(&s);
    s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:1", "--deliver"]);
    let b = s.ok(&["backup"]);
    let file = b["file"].as_str().unwrap();
    s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:2", "--deliver"]);
    let preview = s.ok(&["restore", file]);
    assert_eq!(preview["restored"], false);
    assert_eq!(preview["contents"]["counts"]["orders"], 1);
    assert_eq!(preview["contents"]["last_order_number"], b["manifest"]["last_order_number"]);
    assert_eq!(s.ok(&["order", "list"])["items"].as_array().unwrap().len(), 2, "a preview changes nothing");
    let r = s.ok(&["restore", file, "--yes"]);
    assert_eq!(r["check_ok"], true);
    assert_eq!(r["safety_copy"]["manifest"]["counts"]["orders"], 2);
    assert_eq!(s.ok(&["order", "list"])["items"].as_array().unwrap().len(), 1);
    let listed = s.ok(&["backups", "list"]);
    let mut kinds: Vec<&str> = listed["backups"].as_array().unwrap().iter().map(|b| b["manifest"]["kind"].as_str().unwrap()).collect();
    kinds.sort();
    // the day's automatic backup (made after the first write), the manual one, the safety copy
    assert_eq!(kinds, ["auto", "manual", "safety"]);
    assert!(listed["attempts"].as_array().unwrap().iter().all(|a| a["ok"] == true));
}
