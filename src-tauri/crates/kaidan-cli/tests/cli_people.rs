//! People from the command line: the owner's approval on the spot (--approve-as/--approve-pin),
//! operators renamed, PINs set and cleared, deactivated; the salesperson; and `kaidan check`
//! finding audit entries edited or removed behind the app's back.

use serde_json::Value;

mod common;

use common::{seed, Shop};

/// A command's arguments and who runs it.
fn with<'a>(args: &[&'a str], who: &[&'a str]) -> Vec<&'a str> {
    [args, who].concat()
}

fn check(s: &Shop) -> (bool, Value) {
    let out = s.cmd(&["check", "--json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.success(), v["ok"] == true, "{v}");
    (v["ok"] == true, v["report"]["audit_chain"].clone())
}

#[test]
fn a_clerk_asks_the_owner_on_the_spot_and_the_history_names_both() {
    let s = Shop::new();
    seed(&s);
    s.ok(&["operator", "pin", "owner", "--new-pin", "246800"]);
    // the owner now gives their PIN too
    assert_eq!(s.err(&["operator", "add", "小李", "--new-pin", "135790"])["code"], "forbidden");
    s.ok(&["operator", "add", "小李", "--new-pin", "135790", "--pin", "246800"]);
    let o = s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:80", "--as", "小李", "--pin", "135790"]);
    let number = o["number"].as_str().unwrap().to_string();
    s.ok(&["settings", "set", "approval_threshold", "100", "--pin", "246800"]);
    let c = s.ok(&["order", "confirm", &number, "--as", "小李", "--pin", "135790"]);
    assert_eq!(c["status"], "pending_approval");
    let e = s.err(&["order", "approve", &number, "--as", "小李", "--pin", "135790", "--lang", "zh-CN"]);
    assert_eq!(e["code"], "forbidden");
    assert_eq!(e["message"], "店员不能审批订单：请店主在旁输入 PIN 批准，或由店主操作");
    // --approve-as needs --approve-pin (a usage error, exit 2)
    assert_eq!(s.cmd(&["order", "approve", &number, "--approve-as", "owner"]).output().unwrap().status.code(), Some(2));
    let a = s.ok(&["order", "approve", &number, "--as", "小李", "--pin", "135790", "--approve-as", "owner", "--approve-pin", "246800"]);
    assert_eq!(a["status"], "confirmed");
    let history = s.ok(&["order", "history", &number]);
    let last = history["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["action"].as_str(), last["operator"].as_str(), last["approved_by"].as_str()),
        (Some("approve"), Some("小李"), Some("owner"))
    );
    // the salesperson is the clerk who took it; only the owner gives it to someone else
    assert_eq!(a["salesperson"], "小李");
    assert_eq!(s.err(&["order", "salesperson", &number, "owner", "--as", "小李", "--pin", "135790"])["code"], "forbidden");
    assert_eq!(s.ok(&["order", "salesperson", &number, "owner", "--pin", "246800"])["salesperson"], "owner");
    assert_eq!(s.ok(&["order", "list", "--salesperson", "小李"])["items"].as_array().unwrap().len(), 0);
    assert_eq!(s.ok(&["order", "list", "--salesperson", "owner"])["items"].as_array().unwrap().len(), 1);
    // the reports show margins: the owner's, or a clerk's with the owner beside them
    assert_eq!(s.err(&["report", "overview", "--as", "小李", "--pin", "135790"])["code"], "forbidden");
    s.ok(&["report", "overview", "--as", "小李", "--pin", "135790", "--approve-as", "owner", "--approve-pin", "246800"]);
    s.ok(&["report", "overview", "--pin", "246800"]);
    // the day's log, by person: the owner's, like the reports
    assert_eq!(s.err(&["report", "log", "--as", "小李", "--pin", "135790"])["code"], "forbidden");
    let log = s.ok(&["report", "log", "--pin", "246800", "--lang", "zh-CN"]);
    for k in ["date", "people", "entries"] {
        assert!(log.get(k).is_some(), "log.{k}: {log}");
    }
    let li = log["people"].as_array().unwrap().iter().find(|p| p["operator"] == "小李").unwrap().clone();
    for k in ["orders", "deliveries", "returns", "money_in", "money_out", "approvals", "corrections", "entries"] {
        assert!(li.get(k).is_some(), "person.{k}: {li}");
    }
    assert_eq!(li["orders"], 1);
    let spot = log["entries"].as_array().unwrap().iter().find(|e| e["approved"].as_array().is_some_and(|a| !a.is_empty())).unwrap().clone();
    assert_eq!(
        (spot["operator"].as_str(), spot["approved_by"].as_str(), spot["approved"][0].as_str()),
        (Some("小李"), Some("owner"), Some("orders.approve"))
    );
    for k in ["at", "operator", "approved_by", "entity", "action", "moved", "record", "amount", "qty", "approved", "what"] {
        assert!(spot.get(k).is_some(), "entry.{k}: {spot}");
    }
    let theirs = s.ok(&["report", "log", "--who", "小李", "--pin", "246800"]);
    assert!(theirs["entries"].as_array().unwrap().iter().all(|e| e["operator"] == "小李"), "{theirs}");
    let text = s.cmd(&["report", "log", "--pin", "246800", "--lang", "zh-CN"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("小李（owner 当场批准）") && text.contains("订单 审批通过"), "{text}");
    // a customer's history names who did each thing
    let h = s.ok(&["customer", "history", "王喆五金店", "--as", "小李", "--pin", "135790"]);
    let items = h["items"].as_array().unwrap();
    assert!(items.iter().any(|e| e["operator"] == "小李" && e["record"] == number.as_str()), "{h}");
    assert_eq!(items.last().unwrap()["entity"], "customer");
    assert!(check(&s).0);
}

#[test]
fn a_clerk_reads_products_stock_and_exports_without_costs() {
    let s = Shop::new();
    seed(&s);
    // a shop of one owner without a PIN: the owner reads every cost
    assert_eq!(s.ok(&["product", "show", "A1"])["cost"], "0.80");
    s.ok(&["operator", "pin", "owner", "--new-pin", "246800"]);
    s.ok(&["operator", "add", "小李", "--new-pin", "135790", "--pin", "246800"]);
    let clerk = ["--as", "小李", "--pin", "135790"];
    assert_eq!(s.ok(&with(&["product", "show", "A1"], &clerk))["cost"], Value::Null);
    let list = s.ok(&with(&["product", "list"], &clerk));
    assert!(list["items"].as_array().unwrap().iter().all(|p| p["cost"].is_null()), "{list}");
    let stock = s.ok(&with(&["stock", "show"], &clerk));
    assert!(stock["rows"].as_array().unwrap().iter().all(|r| r["cost"].is_null() && r["value"].is_null()), "{stock}");
    let moves = s.ok(&with(&["stock", "moves"], &clerk));
    assert!(moves["items"].as_array().unwrap().iter().all(|m| m["unit_cost"].is_null()), "{moves}");
    // the table a clerk reads says "-" where the cost was
    let text = s.cmd(&with(&["product", "show", "A1", "--lang", "en"], &clerk)).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(!text.contains("0.80") && text.lines().any(|l| l.starts_with("cost") && l.trim_end().ends_with('-')), "{text}");
    // a clerk's export has no cost column at all
    let dir = tempfile::tempdir().unwrap();
    let read = |name: &str, who: &[&str]| {
        let out = dir.path().join(name);
        s.ok(&with(&["export", "products", "--format", "csv", "--out", out.to_str().unwrap()], who));
        std::fs::read_to_string(out).unwrap()
    };
    let theirs = read("clerk.csv", &clerk);
    let header = theirs.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert_eq!(header, "sku,barcode,name,spec,unit,price,tax_rate,reorder_point,active");
    assert!(!theirs.contains("0.8"), "{theirs}");
    let out = dir.path().join("moves.csv");
    s.ok(&with(&["export", "moves", "--format", "csv", "--out", out.to_str().unwrap()], &clerk));
    assert!(!std::fs::read_to_string(out).unwrap().contains("unit_cost"));
    // the owner, who gave their PIN, reads them; without it, nobody is known to be the owner
    assert!(read("owner.csv", &["--pin", "246800"]).lines().next().unwrap().contains(",cost,"));
    assert_eq!(s.ok(&["product", "show", "A1", "--pin", "246800"])["cost"], "0.80");
    assert_eq!(s.ok(&["product", "show", "A1"])["cost"], Value::Null);
    // a wrong PIN is refused, not read as a clerk
    assert_eq!(s.err(&["product", "show", "A1", "--pin", "000000"])["code"], "forbidden");
}

#[test]
fn operators_are_renamed_their_pins_set_and_cleared_and_deactivated_never_deleted() {
    let s = Shop::new();
    seed(&s);
    s.ok(&["operator", "pin", "owner", "--new-pin", "9999"]);
    s.ok(&["operator", "add", "小李", "--new-pin", "1357", "--pin", "9999"]);
    // a clerk changes their own PIN, not someone else's
    s.ok(&["operator", "pin", "小李", "--new-pin", "2468", "--as", "小李", "--pin", "1357"]);
    assert_eq!(s.err(&["stock", "receive", "A1", "1", "--as", "小李", "--pin", "1357"])["code"], "forbidden");
    s.ok(&["stock", "receive", "A1", "1", "--as", "小李", "--pin", "2468"]);
    assert_eq!(s.err(&["operator", "pin", "owner", "--new-pin", "9999", "--as", "小李", "--pin", "2468"])["code"], "forbidden");
    assert_eq!(s.cmd(&["operator", "pin", "小李"]).output().unwrap().status.code(), Some(2));
    s.ok(&["operator", "rename", "小李", "李明", "--pin", "9999"]);
    let moves = s.ok(&["stock", "moves", "A1", "--limit", "1"]);
    assert_eq!(moves["items"][0]["operator"], "李明");
    s.ok(&["operator", "deactivate", "李明", "--pin", "9999"]);
    let e = s.err(&["stock", "receive", "A1", "1", "--as", "李明", "--pin", "2468"]);
    assert_eq!(e["code"], "forbidden");
    let ops = s.ok(&["operator", "list"]);
    assert_eq!((ops[1]["name"].as_str(), ops[1]["active"].as_bool()), (Some("李明"), Some(false)));
    let text = String::from_utf8(s.cmd(&["operator", "list", "--lang", "zh-CN"]).output().unwrap().stdout).unwrap();
    assert!(text.contains("已停用"), "{text}");
    assert_eq!(s.err(&["operator", "deactivate", "owner", "--pin", "9999"])["code"], "invalid");
    s.ok(&["operator", "activate", "李明", "--pin", "9999"]);
    s.ok(&["operator", "pin", "李明", "--clear", "--pin", "9999"]);
    s.ok(&["stock", "receive", "A1", "1", "--as", "李明"]);
    assert!(check(&s).0);
}

#[test]
fn check_finds_an_audit_entry_changed_or_removed_with_the_triggers_dropped() {
    let s = Shop::new();
    seed(&s);
    s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:2"]);
    assert_eq!(check(&s), (true, serde_json::json!([])));
    let sql = |q: &str| rusqlite::Connection::open(&s.db).unwrap().execute_batch(q).unwrap();
    // an entry changed
    sql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET entity_id = entity_id || '-x' WHERE seq = 2;");
    let (ok, found) = check(&s);
    assert!(!ok);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert!(found[0].as_str().unwrap().starts_with("audit #2 "), "{found}");
    sql("UPDATE audit_log SET entity_id = substr(entity_id, 1, length(entity_id) - 2) WHERE seq = 2;");
    assert!(check(&s).0, "put back as it was");
    // an entry removed from the middle
    sql("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;");
    let (ok, found) = check(&s);
    assert!(!ok);
    assert!(found.to_string().contains("audit #2: missing"), "{found}");
}

#[test]
fn check_finds_the_newest_audit_entries_cut_off() {
    let s = Shop::new();
    seed(&s);
    let sql = |q: &str| rusqlite::Connection::open(&s.db).unwrap().execute_batch(q).unwrap();
    sql("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log);");
    let (ok, found) = check(&s);
    assert!(!ok);
    assert!(found.to_string().contains("the newest entry is missing"), "{found}");
}
