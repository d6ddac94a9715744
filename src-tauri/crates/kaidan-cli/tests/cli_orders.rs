//! Orders through the `kaidan` binary: the documented JSON from creation to delivery, refusals
//! that name the field and write nothing, retries with a request id, unknown stored values.

use serde_json::Value;

mod common;

use common::{seed, Shop};

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

#[test]
fn a_backorder_through_the_cli_waits_for_stock_and_is_filled_by_a_receipt() {
    let s = Shop::new();
    seed(&s);
    // the seed received 100 of A1
    let line = "A1:107";
    let before = s.dump();
    let e = s.err(&["order", "create", "--customer", "王喆五金店", "--line", line, "--confirm"]);
    assert_eq!(e["code"], "insufficient_stock", "{e}");
    assert_eq!(s.dump(), before, "refused: nothing written");
    let o = s.ok(&["order", "create", "--customer", "王喆五金店", "--line", line, "--backorder"]);
    assert_eq!(o["status"], "confirmed");
    assert_eq!(o["lines"][0]["backordered_qty"], "7");
    let number = o["number"].as_str().unwrap().to_string();
    let listed = s.ok(&["order", "list", "--backordered"]);
    assert_eq!(listed["items"][0]["number"], number.as_str());
    assert_eq!(listed["items"][0]["backordered"], true);
    s.ok(&["stock", "receive", "A1", "5"]);
    assert_eq!(s.ok(&["order", "show", &number])["lines"][0]["backordered_qty"], "2");
    let history = s.ok(&["order", "history", &number]);
    assert!(history["items"].as_array().unwrap().iter().any(|h| h["action"] == "reserve"), "{history}");
    assert_eq!(s.ok(&["check"])["ok"], true);
}
