//! `check` finds real damage: each invariant is broken on purpose behind the store's back and
//! must be reported; the ledger and audit log refuse edits.

use chrono::{DateTime, Utc};
use kaidan_api::{Ctx, CustomerInput, LineInput, OrderInput, ProductInput, Shop};

fn shop() -> Shop {
    let t = DateTime::parse_from_rfc3339("2026-04-01T10:00:00Z").unwrap().with_timezone(&Utc);
    let c = Ctx::owner_at(t);
    let mut s = Shop::open_in_memory().unwrap();
    s.init(&c, "Check Shop", "owner").unwrap();
    s.add_product(&c, &ProductInput { sku: Some("A1".into()), name: Some("螺丝".into()), price: Some("2".into()), ..Default::default() })
        .unwrap();
    s.receive_stock(&c, "A1", "50", None, None).unwrap();
    s.add_customer(&c, &CustomerInput { name: Some("王喆五金店".into()), ..Default::default() }).unwrap();
    let o = s
        .create_order(
            &c,
            &OrderInput {
                customer: "王喆五金店".into(),
                lines: vec![LineInput { sku: "A1".into(), qty: "5".into(), ..Default::default() }],
                ..Default::default()
            },
        )
        .unwrap();
    s.confirm_order(&c, &o.number).unwrap();
    s.deliver(&c, &o.number, Some(&[kaidan_api::DeliverLine { sku: "A1".into(), qty: "2".into() }])).unwrap();
    assert!(s.check(true).unwrap().is_ok(false));
    s
}

fn tamper(s: &mut Shop, sql: &str) {
    s.store_mut().raw_connection_for_benchmarks().execute_batch(sql).unwrap();
}

#[test]
fn each_broken_invariant_is_reported() {
    let cases: [(&str, fn(&kaidan_api::CheckReport) -> usize); 15] = [
        ("UPDATE stock_balance SET on_hand_milli = on_hand_milli + 1", |r| r.on_hand_mismatches.len()),
        ("UPDATE stock_balance SET reserved_milli = reserved_milli + 1000", |r| r.reserved_mismatches.len()),
        ("UPDATE order_line SET total_cents = total_cents + 1", |r| r.total_mismatches.len()),
        ("UPDATE order_line SET delivered_milli = 3000", |r| r.delivered_mismatches.len()),
        ("UPDATE number_series SET next_value = next_value + 1 WHERE kind = 'SO'", |r| r.numbering.len()),
        ("UPDATE customer_exposure SET open_cents = open_cents + 1", |r| r.exposure_mismatches.len()),
        ("UPDATE stock_balance SET reserved_milli = 60000", |r| r.negative_available.len()),
        // the reports' sums: a day's, a product's day, a customer's month, a product's days gone
        ("UPDATE report_day SET net_cents = net_cents + 1", |r| r.report_mismatches.len()),
        ("UPDATE report_product SET orders = orders + 1 WHERE level = 'd'", |r| r.report_mismatches.len()),
        ("UPDATE report_customer SET received_cents = received_cents - 1 WHERE level = 'm'", |r| r.report_mismatches.len()),
        ("DELETE FROM report_product WHERE level = 'd'", |r| r.report_mismatches.len()),
        ("UPDATE report_customer SET qty_milli = qty_milli + 1 WHERE level = 'y'", |r| r.report_mismatches.len()),
        ("UPDATE report_product SET net_cents = net_cents + 1 WHERE level = 'm'", |r| r.report_mismatches.len()),
        ("UPDATE report_order SET cost_cents = cost_cents + 1", |r| r.report_mismatches.len()),
        // a document's row still waiting to be added to the sums (migration 0028)
        ("UPDATE report_pending SET cost_cents = cost_cents + 1", |r| r.report_mismatches.len()),
    ];
    for (sql, found) in cases {
        let mut s = shop();
        if !sql.contains("report_pending") {
            // the sums hold the documents' rows (a small shop's rows wait until a few thousand do)
            s.store_mut().fold_reports().unwrap();
            assert!(s.check(false).unwrap().is_ok(false));
        }
        tamper(&mut s, sql);
        let r = s.check(false).unwrap();
        assert!(found(&r) > 0 && !r.is_ok(false), "{sql} went unnoticed: {r:#?}");
    }
}

#[test]
fn a_row_naming_a_row_that_is_not_there_is_reported_by_the_full_check() {
    let mut s = shop();
    // behind the store's back, with enforcement off: a delivery line of a product never made
    tamper(&mut s, "PRAGMA foreign_keys = OFF; UPDATE delivery_line SET product_id = 'no-such-product'; PRAGMA foreign_keys = ON;");
    let full = s.check(true).unwrap();
    assert_eq!(full.foreign_keys.len(), 1, "{full:#?}");
    assert!(full.foreign_keys[0].starts_with("delivery_line row ") && full.foreign_keys[0].ends_with("no such product"), "{full:?}");
    assert!(!full.is_ok(true));
    // the quick check (after every backup) does not read every table for it
    assert!(s.check(false).unwrap().foreign_keys.is_empty());
}

#[test]
fn the_ledger_and_the_audit_log_refuse_edits() {
    let mut s = shop();
    let conn = s.store_mut().raw_connection_for_benchmarks();
    for sql in
        ["UPDATE stock_move SET qty_milli = 1", "DELETE FROM stock_move", "UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"]
    {
        let err = conn.execute_batch(sql).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
}

/// A status or an action that no version of Kaidan writes, put in behind the app's back (SQLite's
/// own CHECK constraints switched off, as another program could): `check` reports each column
/// and text, and the commands that read it refuse with the column named, never reading it as a
/// default (a damaged row once read as a draft).
#[test]
fn an_unknown_status_or_action_is_reported_and_never_read_as_a_default() {
    use kaidan_api::core::{ErrorCode, Lang};
    let mut s = shop();
    let number = s.orders(&Default::default()).unwrap().items[0].number.clone();
    assert!(s.check(false).unwrap().unknown_values.is_empty());
    tamper(
        &mut s,
        "PRAGMA ignore_check_constraints = ON;
         UPDATE sales_order SET status = 'shipped';
         INSERT INTO audit_log (id, at, operator_id, device_id, entity, entity_id, action, before_json, after_json, request_id)
             SELECT id || 'x', at, operator_id, device_id, entity, entity_id, 'teleport', NULL, NULL, NULL FROM audit_log
             WHERE action = 'deliver';
         PRAGMA ignore_check_constraints = OFF;",
    );
    let r = s.check(false).unwrap();
    assert_eq!(r.unknown_values, ["sales_order.status: \"shipped\" (1 row)", "audit_log.action: \"teleport\" (1 row)"]);
    assert!(!r.is_ok(true));
    for e in [s.order(&number).unwrap_err(), s.orders(&Default::default()).unwrap_err()] {
        assert_eq!(e.code(), ErrorCode::Damaged, "{e:?}");
        assert!(e.message(Lang::En).contains("\"shipped\" in sales_order.status"), "{}", e.message(Lang::En));
        assert!(e.message(Lang::ZhCn).contains("sales_order.status") && e.message(Lang::ZhCn).contains("“shipped”"));
    }
    // the order's history reads the audit log: the unknown action is refused there too
    tamper(
        &mut s,
        "PRAGMA ignore_check_constraints = ON; UPDATE sales_order SET status = 'delivered'; PRAGMA ignore_check_constraints = OFF;",
    );
    let e = s.order_history(&number).unwrap_err();
    assert!(e.message(Lang::En).contains("\"teleport\" in audit_log.action"), "{e:?}");
}

/// The money and cost a delivery line keeps for the reports are held to its movement in the
/// ledger: a cost changed behind the store's back, or money that does not add up, is reported.
#[test]
fn a_delivery_lines_cost_or_money_changed_behind_the_stores_back_is_reported() {
    let t = DateTime::parse_from_rfc3339("2026-04-01T10:00:00Z").unwrap().with_timezone(&Utc);
    let c = Ctx::owner_at(t);
    // the second delivery of a fresh shop (its first is shop()'s)
    let d = "DN-2026-000002";
    for sql in [
        format!("UPDATE delivery_line SET cost_cents = cost_cents + 1 WHERE delivery_id = (SELECT id FROM delivery WHERE number = '{d}')"),
        format!("UPDATE delivery_line SET cost_cents = NULL WHERE delivery_id = (SELECT id FROM delivery WHERE number = '{d}')"),
        format!("UPDATE delivery_line SET net_cents = net_cents - 1 WHERE delivery_id = (SELECT id FROM delivery WHERE number = '{d}')"),
    ] {
        let mut s2 = shop();
        // the same sale in a fresh shop, then the change
        s2.receive_stock(&c, "A1", "10", Some("1.3333"), None).unwrap();
        let o2 = s2
            .create_and_confirm(
                &c,
                &OrderInput {
                    customer: "王喆五金店".into(),
                    lines: vec![LineInput { sku: "A1".into(), qty: "3".into(), ..Default::default() }],
                    ..Default::default()
                },
                true,
            )
            .unwrap();
        assert_eq!(s2.order(&o2.number).unwrap().deliveries[0].number, d);
        assert!(s2.check(false).unwrap().is_ok(false), "a costed delivery is consistent");
        tamper(&mut s2, &sql);
        let r = s2.check(false).unwrap();
        assert!(!r.sales_mismatches.is_empty() && !r.is_ok(false), "{sql} went unnoticed: {r:#?}");
    }
}

/// The fulfilment report's kept rows (each order delivered in full, their counts by day), the
/// collections report's money by method and the orders by channel are held to the orders,
/// deliveries and payments.
#[test]
fn the_fulfilment_and_money_sums_changed_behind_the_stores_back_are_reported() {
    let t = DateTime::parse_from_rfc3339("2026-04-03T10:00:00Z").unwrap().with_timezone(&Utc);
    let c = Ctx::owner_at(t);
    let fresh = || {
        let mut s = shop();
        let number = s.orders(&Default::default()).unwrap().items[0].number.clone();
        s.deliver(&c, &number, None).unwrap();
        s.pay(
            &c,
            &kaidan_api::PayInput { customer: "王喆五金店".into(), amount: "3".into(), method: "wechat".into(), ..Default::default() },
        )
        .unwrap();
        // the orders' rows waiting added to the sums (report_channel among them)
        s.store_mut().fold_reports().unwrap();
        let r = s.check(true).unwrap();
        assert!(r.is_ok(false), "{r:#?}");
        s
    };
    for sql in [
        "UPDATE order_fulfil SET lead_days = lead_days + 1",
        "DELETE FROM order_fulfil",
        "UPDATE sales_order SET deliver_by = '2026-04-01'",
        "UPDATE report_fulfil SET orders = orders + 1",
        "DELETE FROM report_money",
        "UPDATE report_money SET received_cents = received_cents + 1",
        "DELETE FROM report_channel",
        "UPDATE report_channel SET orders_cents = orders_cents - 1",
        "UPDATE report_channel SET channel = 'web'",
        "DELETE FROM customer_orders",
        "UPDATE customer_orders SET orders_cents = orders_cents + 1",
        "UPDATE customer_orders SET first_day = '2020-01-01'",
        "UPDATE customer_orders SET last_day = '2030-01-01'",
    ] {
        let mut s = fresh();
        tamper(&mut s, sql);
        let r = s.check(false).unwrap();
        assert!(!r.report_mismatches.is_empty() && !r.is_ok(false), "{sql} went unnoticed: {r:#?}");
    }
    let mut s = fresh();
    tamper(&mut s, "UPDATE report_money SET refunded_cents = refunded_cents + 5");
    let r = s.check(false).unwrap();
    assert!(r.report_mismatches.iter().any(|m| m.starts_with("report_money 2026-04-03 wechat: off by received 0, refunded 5")), "{r:#?}");
    let mut s = fresh();
    tamper(&mut s, "UPDATE report_channel SET orders = orders + 2");
    let r = s.check(false).unwrap();
    assert!(r.report_mismatches.iter().any(|m| m.starts_with("report_channel ") && m.ends_with(": off by 2 orders worth 0")), "{r:#?}");
}
