//! The `kaidan` binary as scripts use it: commands, JSON keys, errors, exit codes.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

struct Shop {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

impl Shop {
    /// A new shop in a folder whose name has spaces and Chinese characters.
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("我的 小店 data").join("kaidan.db");
        let s = Self { _dir: dir, db };
        s.ok(&["init", "--name", "测试五金店"]);
        s
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kaidan"));
        c.arg("--db").arg(&self.db).args(args).env_remove("KAIDAN_DB").env("KAIDAN_LANG", "en");
        c
    }

    /// Runs with --json and expects success.
    fn ok(&self, args: &[&str]) -> Value {
        let out = self.cmd(args).arg("--json").output().unwrap();
        assert!(out.status.success(), "{args:?}: {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout)))
    }

    /// Runs with --json and expects a refusal: exit 1 and an error object.
    fn err(&self, args: &[&str]) -> Value {
        let out = self.cmd(args).arg("--json").output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(v["error"]["code"].is_string() && v["error"]["message"].is_string(), "{v}");
        v["error"].clone()
    }

    fn dump(&self) -> String {
        kaidan_api::Shop::open(&self.db).unwrap().dump().unwrap().0
    }
}

fn seed(s: &Shop) {
    s.ok(&["product", "add", "--sku", "A1", "--name", "六角螺栓", "--spec", "M6×30", "--unit", "个", "--price", "1.50", "--cost", "0.8"]);
    s.ok(&["product", "add", "--sku", "C3", "--name", "圆钉", "--unit", "kg", "--price", "9.50", "--barcode", "6901234500073"]);
    s.ok(&["stock", "receive", "A1", "100", "--cost", "0.80"]);
    s.ok(&["stock", "receive", "C3", "10.5"]);
    s.ok(&["customer", "add", "--name", "王喆五金店", "--phone", "13800138001", "--credit-limit", "5000", "--terms", "30"]);
}

#[test]
fn an_order_from_create_to_partial_delivery_speaks_the_documented_json() {
    let s = Shop::new();
    seed(&s);
    let o = s.ok(&[
        "order",
        "create",
        "--customer",
        "王喆五金店",
        "--line",
        "A1:10",
        "--line",
        "6901234500073:1.5:9.00",
        "--line",
        "A1:2:1.40:10",
        "--channel",
        "wechat",
        "--deliver-by",
        "2026-12-01",
    ]);
    assert_eq!(o["status"], "draft");
    assert_eq!(o["customer"], "王喆五金店");
    let number = o["number"].as_str().unwrap().to_string();
    assert!(number.starts_with("SO-") && number.ends_with("-000001"), "{number}");
    assert_eq!(o["total"], "31.02"); // 15.00 + 13.50 + 2 × 1.40 × 0.9 (2.52)
    let lines = o["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["sku"], "C3");
    assert_eq!(lines[1]["qty"], "1.5");
    assert_eq!(lines[1]["unit_price"], "9.00");
    assert_eq!(lines[1]["amount"], "13.50");
    assert_eq!(lines[1]["delivered_qty"], "0");
    assert_eq!(o["deliveries"].as_array().unwrap().len(), 0);

    let o = s.ok(&["order", "confirm", &number]);
    assert_eq!(o["status"], "confirmed");
    let d = s.ok(&["order", "deliver", &number, "--line", "A1:5"]);
    assert!(d["number"].as_str().unwrap().starts_with("DN-"));
    assert_eq!(d["order"], number.as_str());
    assert_eq!(d["order_status"], "partially_delivered");

    let o = s.ok(&["order", "show", &number]);
    assert_eq!(o["status"], "partially_delivered");
    assert_eq!(o["deliveries"][0]["number"], d["number"]);
    assert_eq!(o["lines"][0]["delivered_qty"], "5");

    let stock = s.ok(&["stock", "show", "A1"]);
    let row = &stock["rows"][0];
    assert_eq!(
        (row["sku"].as_str(), row["on_hand"].as_str(), row["reserved"].as_str(), row["available"].as_str()),
        (Some("A1"), Some("95"), Some("7"), Some("88"))
    );

    let list = s.ok(&["order", "list", "--status", "partially_delivered"]);
    assert_eq!(list["items"][0]["number"], number.as_str());
    let found = s.ok(&["order", "list", "--search", "王喆五"]);
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    let history = s.ok(&["order", "history", &number]);
    let actions: Vec<&str> = history["items"].as_array().unwrap().iter().map(|h| h["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create", "confirm", "deliver"]);
    let moves = s.ok(&["stock", "moves", "A1"]);
    assert_eq!(moves["items"][0]["qty"], "-5");
    assert_eq!(moves["items"][0]["reason"], "delivery");
    // a counter sale: created, confirmed and delivered in one step
    let sale = s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:2", "--channel", "counter", "--deliver"]);
    assert_eq!(sale["status"], "delivered");
    assert_eq!(sale["deliveries"].as_array().unwrap().len(), 1);
    assert_eq!(s.ok(&["stock", "show", "A1"])["rows"][0]["on_hand"], "93");
    let check = s.ok(&["check", "--full"]);
    assert_eq!(check["ok"], true);
}

#[test]
fn bad_input_is_refused_by_name_and_leaves_the_database_untouched() {
    let s = Shop::new();
    seed(&s);
    let before = s.dump();
    for (args, code, field) in [
        (vec!["order", "create", "--customer", "王喆五金店", "--line", "A1:-1"], "invalid", "lines[1].qty"),
        (vec!["order", "create", "--customer", "王喆五金店", "--line", "A1:2", "--line", "A1:abc"], "invalid", "lines[2].qty"),
        (vec!["order", "create", "--customer", "王喆五金店", "--line", "A1:1e309"], "invalid", "lines[1].qty"),
        (vec!["order", "create", "--customer", "王喆五金店", "--line", "NOPE:1"], "not_found", "lines[1].sku"),
        (vec!["order", "create", "--customer", "王喆五金店", "--line", "A1"], "invalid", "lines[1].line"),
        (vec!["order", "create", "--customer", "nobody", "--line", "A1:1"], "not_found", "customer"),
        (vec!["order", "create", "--customer", "王喆五金店", "--line", "A1:1", "--deliver-by", "2026-02-30"], "invalid", "deliver_by"),
        (vec!["order", "create", "--customer", "王喆五金店", "--line", "A1:1", "--channel", "fax"], "invalid", "channel"),
        (vec!["stock", "receive", "A1", "abc"], "invalid", "qty"),
        (vec!["stock", "adjust", "A1", "-101", "--reason", "丢失"], "insufficient_stock", ""),
        (vec!["product", "add", "--sku", "A1", "--name", "dup", "--price", "1"], "duplicate", "sku"),
        (vec!["customer", "add", "--name", "x", "--credit-limit=-5"], "invalid", "credit_limit"),
        (vec!["settings", "set", "approval_threshold", "lots"], "invalid", "setting"),
    ] {
        let e = s.err(&args);
        assert_eq!(e["code"], code, "{args:?}: {e}");
        if !field.is_empty() {
            assert_eq!(e["field"], field, "{args:?}: {e}");
        }
        assert_eq!(s.dump(), before, "{args:?} changed the database");
    }
    // an oversell at confirmation
    let o = s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:150"]);
    let before = s.dump();
    let e = s.err(&["order", "confirm", o["number"].as_str().unwrap()]);
    assert_eq!(e["code"], "insufficient_stock");
    assert_eq!(s.dump(), before);
    // over the credit limit, with the credit policy set to block
    s.ok(&["settings", "set", "credit_policy", "block"]);
    s.ok(&["stock", "receive", "A1", "5000"]);
    let o = s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:3400"]);
    let before = s.dump();
    assert_eq!(s.err(&["order", "confirm", o["number"].as_str().unwrap()])["code"], "credit_limit");
    assert_eq!(s.dump(), before);
    // more than ordered
    let o = s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:3"]);
    let n = o["number"].as_str().unwrap();
    s.ok(&["order", "confirm", n]);
    let before = s.dump();
    let e = s.err(&["order", "deliver", n, "--line", "A1:4"]);
    assert_eq!((e["code"].as_str(), e["field"].as_str()), (Some("over_delivery"), Some("lines[1].qty")));
    assert_eq!(s.dump(), before);
}

#[test]
fn messages_follow_the_language_and_text_output_is_aligned() {
    let s = Shop::new();
    seed(&s);
    let out = s.cmd(&["order", "create", "--customer", "王喆五金店", "--line", "A1:abc", "--lang", "zh-CN"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stderr).unwrap().trim(), "错误: 第 1 行「数量」：“abc”不是有效的数字");
    let out = s.cmd(&["stock", "show"]).env("KAIDAN_LANG", "zh_CN.UTF-8").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("编码  名称      在库  已预留  可用"), "{text}");
    let out = s.cmd(&["order", "confirm", "SO-2026-000404"]).output().unwrap();
    assert_eq!(String::from_utf8(out.stderr).unwrap().trim(), "error: No order \"SO-2026-000404\"");
    // usage errors are exit 2, from the argument parser
    assert_eq!(s.cmd(&["order", "frobnicate"]).output().unwrap().status.code(), Some(2));
}

#[test]
fn a_request_id_makes_a_retry_harmless_across_processes() {
    let s = Shop::new();
    seed(&s);
    let args = ["order", "create", "--customer", "王喆五金店", "--line", "A1:1", "--request-id", "7f1c-retry"];
    let a = s.ok(&args);
    let b = s.ok(&args);
    assert_eq!(a, b);
    assert_eq!(s.ok(&["order", "list"])["items"].as_array().unwrap().len(), 1);
    let n = a["number"].as_str().unwrap();
    s.ok(&["order", "confirm", n, "--request-id", "c-1"]);
    s.ok(&["order", "deliver", n, "--request-id", "d-1"]);
    s.ok(&["order", "deliver", n, "--request-id", "d-1"]);
    assert_eq!(s.ok(&["stock", "show", "A1"])["rows"][0]["on_hand"], "99");
    assert_eq!(s.err(&["stock", "receive", "A1", "1", "--request-id", "d-1"])["code"], "conflict");
}

#[test]
fn operators_pins_and_owner_only_actions() {
    let s = Shop::new();
    seed(&s);
    s.ok(&["operator", "add", "小李", "--role", "clerk", "--new-pin", "2468"]);
    assert_eq!(s.err(&["stock", "receive", "A1", "1", "--as", "小李", "--pin", "1111"])["code"], "forbidden");
    assert_eq!(s.err(&["stock", "receive", "A1", "1", "--as", "小李"])["code"], "forbidden");
    s.ok(&["stock", "receive", "A1", "1", "--as", "小李", "--pin", "2468"]);
    let moves = s.ok(&["stock", "moves", "A1", "--limit", "1"]);
    assert_eq!(moves["items"][0]["operator"], "小李");
    assert_eq!(s.err(&["settings", "set", "allow_negative_stock", "true", "--as", "小李", "--pin", "2468"])["code"], "forbidden");
    let e = s.err(&["stock", "receive", "A1", "1", "--as", "nobody"]);
    assert_eq!((e["code"].as_str(), e["field"].as_str()), (Some("not_found"), Some("operator")));
    assert_eq!(s.err(&["operator", "add", "小王", "--new-pin", "12"])["field"], "pin");
    let ops = s.ok(&["operator", "list"]);
    assert_eq!(ops.as_array().unwrap().len(), 2);
    assert_eq!(ops[1]["has_pin"], true);
}

#[test]
fn the_database_defaults_to_kaidan_db_then_the_app_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env choice.db");
    let out = Command::new(env!("CARGO_BIN_EXE_kaidan"))
        .args(["init", "--json"])
        .env("KAIDAN_DB", &db)
        .env("KAIDAN_LANG", "en")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(Path::new(&db).exists());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["company"]["name"], "My Shop");
    // without --db or KAIDAN_DB: the OS data dir (here: $XDG_DATA_HOME) / cn.kaidan.desktop
    if cfg!(target_os = "linux") {
        let home = tempfile::tempdir().unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_kaidan"))
            .args(["init", "--json"])
            .env_remove("KAIDAN_DB")
            .env("XDG_DATA_HOME", home.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(home.path().join("cn.kaidan.desktop").join("kaidan.db").exists());
    }
}

fn sha(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

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

#[test]
fn import_dry_run_reads_a_gbk_csv_and_writes_nothing() {
    let s = Shop::new();
    seed(&s);
    let csv = "销售记录\r\n\r\n单号,客户,日期,品名,数量,单价,金额\r\nA1,王喆五金店,2024/3/5,六角螺栓,10,1.50,￥15.00\r\n,,,圆钉,2,9.5,19\r\nA2,新客户,2024年3月6日,新商品,abc,1,1\r\n合计,,,,,,34\r\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(csv);
    let file = s.db.parent().unwrap().join("旧 订单.csv");
    std::fs::write(&file, gbk).unwrap();
    let before = s.dump();
    let bytes_before = sha(&s.db);
    let d = s.ok(&["import", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(d["orders"], 1);
    assert_eq!(d["lines"], 2);
    assert_eq!(d["total"], "34.00");
    assert_eq!(d["customers_new"], 0, "王喆五金店 is known");
    assert_eq!(d["products_new"], 0, "六角螺栓 and 圆钉 are known by name");
    let e = &d["errors"][0];
    assert_eq!((e["row"].as_u64(), e["column"].as_str()), (Some(6), Some("数量")));
    assert!(e["message"].as_str().unwrap().contains("abc"));
    assert_eq!(s.dump(), before, "a dry run writes nothing");
    // the error list as an .xlsx copy of the input with a problems column
    let copy = file.with_file_name("旧 订单-问题.xlsx");
    s.ok(&["import", file.to_str().unwrap(), "--dry-run", "--errors-out", copy.to_str().unwrap()]);
    let g = kaidan_import::read_file(&copy, None, None).unwrap();
    let row6 = &g.rows.iter().find(|(n, _)| *n == 6).unwrap().1;
    assert_eq!(row6[4].text(), "abc", "the original cells are kept");
    assert!(row6.last().unwrap().text().contains("abc"), "{row6:?}");
    assert_eq!(g.rows.iter().find(|(n, _)| *n == 3).unwrap().1.last().unwrap().text(), "Import problems");
    // a sheet with a bad row is refused whole, and nothing is written
    let e = s.err(&["import", file.to_str().unwrap()]);
    assert!(e["message"].as_str().unwrap().contains("row 6"), "{e}");
    assert!(sha(&s.db) == bytes_before, "the data file is byte for byte as before");
    assert_eq!(s.dump(), before);
    // the good rows, with the bad ones listed
    let stock_before = s.ok(&["stock", "show"]);
    let r = s.ok(&["import", file.to_str().unwrap(), "--skip-errors"]);
    assert_eq!((r["orders"].as_u64(), r["lines"].as_u64(), r["total"].as_str()), (Some(1), Some(2), Some("34.00")));
    assert_eq!(r["skipped_error_rows"], serde_json::json!([6]));
    let number = r["first_number"].as_str().unwrap().to_string();
    assert!(number.starts_with("SO-2024-"), "history keeps its year: {number}");
    let o = s.ok(&["order", "show", &number]);
    assert_eq!(
        (o["status"].as_str(), o["order_date"].as_str(), o["total"].as_str()),
        (Some("delivered"), Some("2024-03-05"), Some("34.00"))
    );
    assert_eq!(s.ok(&["stock", "show"]), stock_before, "history does not move today's stock");
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
    // the same file again creates nothing twice
    let after_import = s.dump();
    assert!(s.err(&["import", file.to_str().unwrap(), "--skip-errors"])["message"].as_str().unwrap().contains("already imported"));
    assert_eq!(s.dump(), after_import);
    // undo the whole batch
    let batch = r["batch"].as_str().unwrap();
    assert_eq!(s.ok(&["imports", "list"])["items"][0]["status"], "imported");
    let u = s.ok(&["imports", "undo", batch]);
    assert_eq!(u["status"], "undone");
    assert!(s.err(&["order", "show", &number])["code"] == "not_found");
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
    // and it can be imported again after the undo
    s.ok(&["import", file.to_str().unwrap(), "--skip-errors"]);
    // damaged workbooks are refused in the user's language, naming what is wrong, and the
    // data file stays as it was
    let fixtures =
        std::path::Path::new(&*std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo test")).join("../../../tests/fixtures/import");
    let bytes_before = sha(&s.db);
    let spread = fixtures.join("damaged-spread-cells.xls");
    let zh = s.cmd(&["import", spread.to_str().unwrap(), "--json", "--lang", "zh-CN"]).output().unwrap();
    let zh = String::from_utf8_lossy(&zh.stdout).into_owned() + &String::from_utf8_lossy(&zh.stderr);
    assert!(zh.contains("单元格相隔太远") && zh.contains("请删掉表格外零散的单元格"), "{zh}");
    // a file on which the spreadsheet reader panics: the clean refusal alone, no panic text
    let merge = fixtures.join("damaged-merge-record.xls");
    let out = s.cmd(&["import", merge.to_str().unwrap(), "--dry-run"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("the file is damaged"), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("calamine"), "{stderr}");
    let circle = fixtures.join("damaged-stream-loop.xls");
    assert!(s.err(&["import", circle.to_str().unwrap(), "--dry-run"])["message"].as_str().unwrap().contains("the file is damaged"));
    assert!(sha(&s.db) == bytes_before, "the data file is byte for byte as before");
}

#[test]
fn an_import_numbers_each_year_without_gaps_and_new_orders_follow() {
    let s = Shop::new();
    seed(&s);
    // orders from two years, interleaved; numbers are taken per year in the order of the sheet
    let csv = "单号,客户,日期,品名,数量,单价\nA1,王喆五金店,2024-03-05,六角螺栓,10,1.50\n,,,圆钉,2,9.5\nA2,王喆五金店,2025-01-02,圆钉,1,9.5\nA3,王喆五金店,2024-12-30,六角螺栓,4,1.50\n";
    let file = s.db.parent().unwrap().join("two years.csv");
    std::fs::write(&file, csv).unwrap();
    let r = s.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(
        (r["orders"].as_u64(), r["first_number"].as_str(), r["last_number"].as_str()),
        (Some(3), Some("SO-2024-000001"), Some("SO-2024-000002"))
    );
    let shown = |n: &str| {
        let o = s.ok(&["order", "show", n]);
        (
            o["order_date"].as_str().unwrap().to_string(),
            o["deliveries"][0]["number"].as_str().unwrap().to_string(),
            o["lines"].as_array().unwrap().len(),
        )
    };
    assert_eq!(shown("SO-2024-000001"), ("2024-03-05".to_string(), "DN-2024-000001".to_string(), 2));
    assert_eq!(shown("SO-2025-000001"), ("2025-01-02".to_string(), "DN-2025-000001".to_string(), 1));
    assert_eq!(shown("SO-2024-000002"), ("2024-12-30".to_string(), "DN-2024-000002".to_string(), 1));
    // a second import continues the series; an order made today starts this year's
    let more = file.with_file_name("more.csv");
    std::fs::write(&more, "单号,客户,日期,品名,数量,单价\nB1,王喆五金店,2024-06-01,圆钉,1,9.5\n").unwrap();
    assert_eq!(s.ok(&["import", more.to_str().unwrap()])["first_number"], "SO-2024-000003");
    assert_eq!(shown("SO-2024-000003").1, "DN-2024-000003");
    let today = s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:1"]);
    assert!(today["number"].as_str().unwrap().ends_with("-000001"), "{today}");
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
}

#[test]
fn open_orders_import_confirmed_with_stock_reserved_and_undo_releases_it() {
    let s = Shop::new();
    seed(&s);
    let reserved = |sku: &str| s.ok(&["stock", "show", sku])["rows"][0]["reserved"].as_str().unwrap().to_string();
    // two orders still to deliver, and one over 王喆五金店's 5,000 credit limit
    let csv = "单号,客户,日期,编码,品名,数量,单价\r\nW-17,王喆五金店,2026-11-28,A1,六角螺栓,30,1.50\r\nW-18,王喆五金店,2026-11-29,C3,圆钉,2,9.5\r\n,,,A1,六角螺栓,10,1.50\r\nW-19,王喆五金店,2026-11-29,A1,六角螺栓,50,120\r\n";
    let file = s.db.parent().unwrap().join("未发货 订单.csv");
    std::fs::write(&file, csv).unwrap();
    let r = s.ok(&["import", file.to_str().unwrap(), "--open"]);
    assert_eq!((r["orders"].as_u64(), r["open"].as_bool()), (Some(3), Some(true)));
    assert_eq!(r["awaiting_approval"], serde_json::json!([r["last_number"]]), "W-19 is over the credit limit: {r}");
    let first = r["first_number"].as_str().unwrap().to_string();
    let o = s.ok(&["order", "show", &first]);
    assert_eq!((o["status"].as_str(), o["external_number"].as_str()), (Some("confirmed"), Some("W-17")));
    assert_eq!(o["deliveries"].as_array().unwrap().len(), 0);
    let found = s.ok(&["order", "list", "--search", "W-17"]);
    assert_eq!(found["items"][0]["number"].as_str(), Some(first.as_str()), "the sheet's number finds the order");
    assert_eq!((reserved("A1"), reserved("C3")), ("40".to_string(), "2".to_string()), "W-17 and W-18 hold their stock; W-19 waits");
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
    // the orders are the shop's own now: they can be delivered like any other
    let second = s.ok(&["order", "list", "--status", "confirmed"])["items"].as_array().unwrap().len();
    assert_eq!(second, 2);

    // short of stock: refused whole, naming the row, nothing written
    let short = file.with_file_name("short.csv");
    std::fs::write(
        &short,
        "单号,客户,日期,编码,品名,数量,单价\nX-1,王喆五金店,2026-11-30,C3,圆钉,1,9.5\nX-2,王喆五金店,2026-11-30,C3,圆钉,500,9.5\n",
    )
    .unwrap();
    let before = sha(&s.db);
    let e = s.err(&["import", short.to_str().unwrap(), "--open"]);
    assert!(e["message"].as_str().unwrap().contains("row 3"), "{e}");
    assert!(sha(&s.db) == before, "nothing written");

    // undo cancels the open orders and gives their stock back
    let batch = r["batch"].as_str().unwrap();
    s.ok(&["imports", "undo", batch]);
    assert_eq!((reserved("A1"), reserved("C3")), ("0".to_string(), "0".to_string()));
    assert_eq!(s.err(&["order", "show", &first])["code"], "not_found");
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);

    // once an imported open order has been delivered, the import cannot be undone
    let r = s.ok(&["import", file.to_str().unwrap(), "--open"]);
    let first = r["first_number"].as_str().unwrap().to_string();
    // (the delivery is over the credit limit because W-19 waits as well: the owner approves it)
    s.ok(&["order", "deliver", &first, "--approve-credit"]);
    let e = s.err(&["imports", "undo", r["batch"].as_str().unwrap()]);
    assert!(e["message"].as_str().unwrap().contains(&first), "{e}");
    assert_eq!(s.ok(&["stock", "show", "A1"])["rows"][0]["on_hand"], "70");
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
}

#[test]
fn export_writes_every_kind_with_formulas_neutralised_in_xlsx_utf8_and_gbk() {
    let s = Shop::new();
    seed(&s);
    s.ok(&["customer", "add", "--name", "=HYPERLINK(\"x\")", "--phone", "+8613800000000"]);
    s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:3", "--line", "C3:1.5", "--deliver"]);
    s.ok(&["order", "create", "--customer", "=HYPERLINK(\"x\")", "--line", "A1:1"]);
    let dir = s.db.parent().unwrap().to_path_buf();
    let read = |p: &Path| kaidan_import::read_file(p, None, None).unwrap();
    for (what, rows) in [("orders", 2), ("lines", 3), ("customers", 2), ("products", 2), ("moves", 4)] {
        for (format, encoding, ext) in [("xlsx", "utf-8", "xlsx"), ("csv", "utf-8", "csv"), ("csv", "gbk", "csv")] {
            let file = dir.join(format!("导出 {what}-{encoding}.{ext}"));
            let r = s.ok(&["export", what, "--format", format, "--encoding", encoding, "--out", file.to_str().unwrap()]);
            assert_eq!(r["rows"], rows, "{what} {format} {encoding}");
            let g = read(&file);
            assert_eq!(g.rows.len(), rows + 1, "{what} {format} {encoding}: header + rows");
            if encoding == "gbk" && what != "moves" {
                // (the moves of this shop are plain ASCII, which reads back as UTF-8)
                assert_eq!(g.encoding.as_deref(), Some("gb18030"), "{what}: read back as GBK");
            }
            if what == "customers" {
                let cells: Vec<String> = g.rows.iter().flat_map(|(_, r)| r.iter().map(|c| c.text())).collect();
                assert!(cells.contains(&"'=HYPERLINK(\"x\")".to_string()), "{format} {encoding}: {cells:?}");
                assert!(cells.contains(&"'+8613800000000".to_string()), "{format} {encoding}: {cells:?}");
                assert!(cells.contains(&"王喆五金店".to_string()), "{format} {encoding}: {cells:?}");
            }
        }
    }
    let lines = read(&dir.join("导出 lines-utf-8.xlsx"));
    assert_eq!(lines.rows[0].1[6].text(), "qty");
    assert!(lines.rows.iter().any(|(_, r)| r[6].text() == "1.5"), "quantities are numbers in xlsx");
    assert!(!dir.join("导出 lines-utf-8.xlsx.partial").exists());
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (apt install poppler-utils): {e}"));
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn money_commands_speak_the_documented_json_and_the_statement_pdf_matches_the_account() {
    let s = Shop::new();
    seed(&s);
    // two delivered and invoiced orders: 15.00 and 9.00
    let mut invoices = Vec::new();
    for line in ["A1:10", "A1:6"] {
        let o = s.ok(&["order", "create", "--customer", "王喆五金店", "--line", line, "--deliver"]);
        let inv = s.ok(&["invoice", "issue", o["number"].as_str().unwrap()]);
        invoices.push((o["number"].as_str().unwrap().to_string(), inv["number"].as_str().unwrap().to_string()));
    }
    let p = s.ok(&["pay", "王喆五金店", "20", "--method", "wechat", "--reference", "微信转账 4200"]);
    assert_eq!((p["kind"].as_str(), p["amount"].as_str(), p["method"].as_str()), (Some("receipt"), Some("20.00"), Some("wechat")));
    assert_eq!(p["allocations"][0]["invoice"], invoices[0].1.as_str(), "the oldest invoice first");
    assert_eq!(p["allocations"][0]["amount"], "15.00");
    assert_eq!(p["allocations"][1]["amount"], "5.00");
    assert_eq!(p["unallocated"], "0.00");

    let acc = s.ok(&["account", "王喆五金店"]);
    assert_eq!(
        (acc["balance"].as_str(), acc["credit_limit"].as_str(), acc["credit_left"].as_str()),
        (Some("4.00"), Some("5000.00"), Some("4996.00"))
    );
    let inv = &acc["invoices"][0];
    assert_eq!(
        (inv["number"].as_str(), inv["open"].as_str(), inv["paid"].as_str()),
        (Some(invoices[1].1.as_str()), Some("4.00"), Some("5.00"))
    );
    assert!(inv["due_date"].is_string() && inv["days_overdue"].is_number());

    // 60 days on, the 4.00 is 30 days late (30 days' terms)
    let later = chrono::Local::now().date_naive() + chrono::Days::new(60);
    let aging = s.ok(&["aging", "--as-of", &later.to_string()]);
    let row = &aging["rows"][0];
    assert_eq!(row["customer"], "王喆五金店");
    for (key, want) in
        [("current", "0.00"), ("d1_30", "4.00"), ("d31_60", "0.00"), ("d61_90", "0.00"), ("d90_plus", "0.00"), ("total", "4.00")]
    {
        assert_eq!(row[key].as_str(), Some(want), "{key}");
    }

    // a return of 2 bolts (3.00) with a refund of what was paid for them
    let r = s.ok(&["return", &invoices[0].0, "--line", "A1:2", "--refund", "--method", "cash", "--reason", "多送了"]);
    assert_eq!((r["total"].as_str(), r["refunded"].as_str(), r["settlement"].as_str()), (Some("3.00"), Some("3.00"), Some("refund")));
    assert_eq!(r["credit_notes"].as_array().unwrap().len(), 1);
    assert_eq!(s.ok(&["stock", "show", "A1"])["rows"][0]["on_hand"], "86", "100 − 16 delivered + 2 back");
    assert_eq!(s.ok(&["order", "show", &invoices[0].0])["payment_status"], "paid");
    let refused = s.dump();
    let e = s.err(&["return", &invoices[0].0, "--line", "A1:9"]);
    assert_eq!((e["code"].as_str(), e["field"].as_str()), (Some("over_delivery"), Some("lines[1].qty")));
    let e = s.err(&["pay", "王喆五金店", "-3", "--method", "cash"]);
    assert_eq!(e["field"], "amount");
    let e = s.err(&["pay", "王喆五金店", "3", "--method", "bitcoin"]);
    assert_eq!(e["field"], "method");
    assert_eq!(s.dump(), refused, "refusals write nothing");

    // the statement: JSON and PDF say the same as the account
    let acc = s.ok(&["account", "王喆五金店"]);
    let st = s.ok(&["statement", "王喆五金店", "--from", "2000-01-01", "--to", "2099-12-31"]);
    assert_eq!(st["closing"], acc["balance"]);
    let rows = st["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 5, "2 invoices, a receipt, a credit note, a refund: {st}");
    let dir = s.db.parent().unwrap().join("对账 单");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("王喆 对账单.pdf");
    let printed = s.ok(&["print", "statement", "王喆五金店", "--from", "2000-01-01", "--to", "2099-12-31", "--out", pdf.to_str().unwrap()]);
    assert_eq!(printed["kind"], "statement");
    let text = pdf_text(&pdf);
    assert!(text.contains("STATEMENT OF ACCOUNT") && text.contains("王喆五金店"), "{text}");
    for r in rows {
        let line =
            text.lines().find(|l| l.contains(r["number"].as_str().unwrap())).unwrap_or_else(|| panic!("{} missing:\n{text}", r["number"]));
        assert!(line.trim_end().ends_with(r["balance"].as_str().unwrap()), "running balance {} on: {line}", r["balance"]);
        for key in ["debit", "credit"] {
            let v = r[key].as_str().unwrap();
            if v != "0.00" {
                assert!(line.contains(v), "{key} {v} on: {line}");
            }
        }
    }
    assert!(text.contains(&format!("Closing balance: ¥{}", acc["balance"].as_str().unwrap())), "{text}");
    assert!(text.contains("Confirmed by the customer"), "{text}");
    let zh = s
        .cmd(&["print", "statement", "王喆五金店", "--from", "2000-01-01", "--to", "2099-12-31", "--out", pdf.to_str().unwrap()])
        .env("KAIDAN_LANG", "zh-CN")
        .output()
        .unwrap();
    assert!(zh.status.success());
    let text = pdf_text(&pdf);
    assert!(text.contains("对账单") && text.contains("期末余额") && text.contains("客户确认"), "{text}");
    assert!(text.contains("肆元整"), "the closing balance 4.00 in words: {text}");
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
}

#[test]
fn product_and_customer_lists_import_with_opening_stock_and_undo_takes_it_out_again() {
    let s = Shop::new();
    seed(&s);
    let dir = s.db.parent().unwrap();
    // a product list as Chinese Excel saves it: GBK, a title row, 单位 is the unit, 数量 the stock
    let csv = "商品资料\r\n编码,品名,规格,单位,售价,进价,数量,最低库存\r\nLS-M8,六角螺栓,M8×40,个,0.45,0.22,1500,200\r\n,膨胀螺丝,M10,个,\"1,20\",0.6,300,\r\nA1,重复编码,,个,1,1,1,\r\nJD-1,胶带,48mm,卷,abc,1,5,\r\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(csv);
    let products = dir.join("商品 资料.csv");
    std::fs::write(&products, gbk).unwrap();
    let before = s.dump();
    let d = s.ok(&["import", products.to_str().unwrap(), "--kind", "products", "--dry-run"]);
    assert_eq!((d["kind"].as_str(), d["products_new"].as_u64(), d["header_row"].as_u64()), (Some("products"), Some(2), Some(2)));
    assert_eq!(d["total"], "510.00", "opening stock at cost: 1500 × 0.22 + 300 × 0.60");
    let errors: Vec<(u64, &str)> =
        d["errors"].as_array().unwrap().iter().map(|e| (e["row"].as_u64().unwrap(), e["column"].as_str().unwrap())).collect();
    assert_eq!(errors, [(5, "编码"), (6, "售价")], "A1 is already in the shop, abc is not a price: {d}");
    assert_eq!(d["mapping"]["单位"], "unit");
    assert_eq!(d["mapping"]["数量"], "stock");
    assert_eq!(s.dump(), before);
    let r = s.ok(&["import", products.to_str().unwrap(), "--kind", "products", "--skip-errors"]);
    assert_eq!(r["products_new"], 2);
    assert_eq!(s.ok(&["stock", "show", "LS-M8"])["rows"][0]["on_hand"], "1500");
    let p = s.ok(&["product", "show", "LS-M8"]);
    assert_eq!((p["price"].as_str(), p["cost"].as_str(), p["reorder_point"].as_str()), (Some("0.45"), Some("0.22"), Some("200")));
    let moves = s.ok(&["stock", "moves", "LS-M8"]);
    assert_eq!((moves["items"][0]["reason"].as_str(), moves["items"][0]["qty"].as_str()), (Some("receipt"), Some("1500")));
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
    let u = s.ok(&["imports", "undo", r["batch"].as_str().unwrap()]);
    assert_eq!(u["status"], "undone");
    assert_eq!(s.err(&["product", "show", "LS-M8"])["code"], "not_found");
    let moves = s.ok(&["stock", "moves"]);
    assert!(
        moves["items"].as_array().unwrap().iter().any(|m| m["qty"] == "-1500" && m["reason"] == "adjustment"),
        "the opening stock goes out again as a movement of its own: {moves}"
    );
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);

    // a customer list with its own column names, mapped by hand; the mapping is remembered
    let csv = "客户名,联系人,手机,片区,赊账上限,结账天数\n城西装修队,老周,13900000001,城西,\"8,000\",30\n王喆五金店,,,,,\n河西物业,小何,13900000002;13900000003,河西,,abc\n";
    let customers = dir.join("客户.csv");
    std::fs::write(&customers, csv).unwrap();
    let auto = s.ok(&["import", customers.to_str().unwrap(), "--kind", "customers", "--dry-run"]);
    assert_eq!(auto["mapping"].get("赊账上限"), None, "an unknown header is not guessed: {auto}");
    let mapping = dir.join("客户 映射.json");
    std::fs::write(
        &mapping,
        r#"{"columns": {"客户名": "customer", "联系人": "contact", "手机": "phone", "片区": "region", "赊账上限": "credit_limit", "结账天数": "terms"}}"#,
    )
    .unwrap();
    let d = s.ok(&["import", customers.to_str().unwrap(), "--kind", "customers", "--mapping", mapping.to_str().unwrap(), "--dry-run"]);
    assert_eq!((d["mapping_source"].as_str(), d["customers_new"].as_u64()), (Some("given"), Some(1)));
    let errors: Vec<(u64, &str)> =
        d["errors"].as_array().unwrap().iter().map(|e| (e["row"].as_u64().unwrap(), e["column"].as_str().unwrap())).collect();
    assert_eq!(errors, [(3, "客户名"), (4, "结账天数")], "王喆五金店 exists, abc days: {d}");
    let r = s.ok(&["import", customers.to_str().unwrap(), "--kind", "customers", "--mapping", mapping.to_str().unwrap(), "--skip-errors"]);
    assert_eq!(r["customers_new"], 1);
    let c = s.ok(&["customer", "show", "城西装修队"]);
    assert_eq!(
        (c["credit_limit"].as_str(), c["payment_terms_days"].as_u64(), c["region"].as_str()),
        (Some("8000.00"), Some(30), Some("城西"))
    );
    // the next file with the same header uses the remembered mapping
    let next = dir.join("客户 二.csv");
    std::fs::write(&next, "客户名,联系人,手机,片区,赊账上限,结账天数\n河东建材,,,河东,500,7\n").unwrap();
    let d = s.ok(&["import", next.to_str().unwrap(), "--kind", "customers", "--dry-run"]);
    assert_eq!((d["mapping_source"].as_str(), d["mapping"]["赊账上限"].as_str()), (Some("saved"), Some("credit_limit")), "{d}");
    // a mapping naming a column the file does not have is refused by name
    std::fs::write(&mapping, r#"{"columns": {"客户名称": "customer"}}"#).unwrap();
    let e = s.err(&["import", next.to_str().unwrap(), "--kind", "customers", "--mapping", mapping.to_str().unwrap(), "--dry-run"]);
    assert!(e["message"].as_str().unwrap().contains("客户名称"), "{e}");
    assert_eq!(s.err(&["import", next.to_str().unwrap(), "--kind", "suppliers", "--dry-run"])["field"], "setting");
}

/// An audit action no Kaidan writes, added behind the app's back (the audit log has no CHECK
/// constraint for SQLite's own check at open to catch; a status with one is refused at open):
/// `kaidan check` fails naming it, and the order's history refuses to read it as anything else.
#[test]
fn an_unknown_value_written_behind_the_apps_back_fails_the_check_and_the_command_that_reads_it() {
    let s = Shop::new();
    seed(&s);
    let o = s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:2"]);
    let number = o["number"].as_str().unwrap();
    kaidan_api::Shop::open(&s.db)
        .unwrap()
        .store_mut()
        .raw_connection_for_benchmarks()
        .execute_batch(
            "INSERT INTO audit_log (id, at, operator_id, device_id, entity, entity_id, action)
             SELECT id || 'x', at, operator_id, device_id, entity, entity_id, 'teleport' FROM audit_log WHERE action = 'create' AND entity = 'order'",
        )
        .unwrap();
    let out = s.cmd(&["check", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["report"]["unknown_values"], serde_json::json!(["audit_log.action: \"teleport\" (1 row)"]));
    let e = s.err(&["order", "history", number]);
    assert_eq!(e["code"], "damaged");
    assert!(e["message"].as_str().unwrap().contains("\"teleport\" in audit_log.action"), "{e}");
}
