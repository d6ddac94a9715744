//! The foundation's use cases, end to end on an in-memory shop.

use chrono::{DateTime, Duration, Utc};
use kaidan_api::core::{ErrorCode, Lang, OrderStatus, Role};
use kaidan_api::{ChangeInput, CountInput, Ctx, CustomerInput, DeliverLine, LineInput, OrderInput, OrderQuery, ProductInput, Shop};

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-05T09:00:00Z").unwrap().with_timezone(&Utc)
}

/// The owner: with the PIN the tests that add a clerk give them (no PIN set, none is asked).
fn ctx() -> Ctx {
    Ctx::owner_at(t0()).with_pin("店主", "9999")
}

fn product(sku: &str, name: &str, price: &str, cost: &str) -> ProductInput {
    ProductInput {
        sku: Some(sku.into()),
        name: Some(name.into()),
        price: Some(price.into()),
        cost: Some(cost.into()),
        unit: Some("个".into()),
        ..Default::default()
    }
}

fn line(sku: &str, qty: &str) -> LineInput {
    LineInput { sku: sku.into(), qty: qty.into(), unit_price: None, discount: None }
}

/// A shop with three products in stock and two customers.
fn shop() -> Shop {
    let mut s = Shop::open_in_memory().unwrap();
    s.init(&ctx(), "测试五金店", "店主").unwrap();
    s.add_product(&ctx(), &product("A1", "六角螺栓", "1.50", "0.80")).unwrap();
    s.add_product(&ctx(), &product("B2", "膨胀螺栓", "12.00", "7.00")).unwrap();
    s.add_product(&ctx(), &ProductInput { unit: Some("kg".into()), ..product("C3", "圆钉", "9.50", "6.80") }).unwrap();
    s.receive_stock(&ctx(), "A1", "100", Some("0.80"), None).unwrap();
    s.receive_stock(&ctx(), "B2", "20", None, None).unwrap();
    s.receive_stock(&ctx(), "C3", "10.5", None, None).unwrap();
    s.add_customer(
        &ctx(),
        &CustomerInput { name: Some("王喆五金店".into()), phones: Some(vec!["13800138001".into()]), ..Default::default() },
    )
    .unwrap();
    s.add_customer(
        &ctx(),
        &CustomerInput {
            name: Some("堃泰物业".into()),
            credit_limit: Some("1000".into()),
            payment_terms_days: Some("30".into()),
            ..Default::default()
        },
    )
    .unwrap();
    s
}

fn level(s: &Shop, sku: &str) -> (String, String, String) {
    let l = s.stock_levels(Some(sku), false, None, 1).unwrap().pop().unwrap();
    (l.on_hand.to_string(), l.reserved.to_string(), l.available.to_string())
}

fn assert_healthy(s: &Shop) {
    let r = s.check(true).unwrap();
    assert!(r.is_ok(s.settings().unwrap().allow_negative_stock), "{r:#?}");
}

#[test]
fn order_lifecycle_moves_stock_and_reservations() {
    let mut s = shop();
    let o = s
        .create_order(
            &ctx(),
            &OrderInput { customer: "王喆".into(), lines: vec![line("A1", "10"), line("C3", "1.5")], ..Default::default() },
        )
        .unwrap();
    assert_eq!(o.number, "SO-2026-000001");
    assert_eq!(o.status, OrderStatus::Draft);
    assert_eq!(o.total.to_string(), "29.25"); // 10 × 1.50 + 1.5 × 9.50
    assert_eq!(level(&s, "A1"), ("100".into(), "0".into(), "100".into()), "a draft reserves nothing");

    let o = s.confirm_order(&ctx(), &o.number).unwrap();
    assert_eq!(o.status, OrderStatus::Confirmed);
    assert_eq!(level(&s, "A1"), ("100".into(), "10".into(), "90".into()));
    assert_eq!(level(&s, "C3"), ("10.5".into(), "1.5".into(), "9".into()));

    let d = s.deliver(&ctx(), &o.number, Some(&[DeliverLine { sku: "A1".into(), qty: "4".into() }])).unwrap();
    assert_eq!(d.number, "DN-2026-000001");
    assert_eq!(d.order_status, OrderStatus::PartiallyDelivered);
    assert_eq!(level(&s, "A1"), ("96".into(), "6".into(), "90".into()));

    // more than remains is refused, nothing changes
    let before = s.dump().unwrap();
    let e = s.deliver(&ctx(), &o.number, Some(&[DeliverLine { sku: "A1".into(), qty: "7".into() }])).unwrap_err();
    assert_eq!(e.code(), ErrorCode::OverDelivery);
    assert_eq!(e.field.unwrap().path(), "lines[1].qty");
    assert_eq!(s.dump().unwrap(), before);

    let d = s.deliver(&ctx(), &o.number, None).unwrap();
    assert_eq!(d.number, "DN-2026-000002");
    assert_eq!(d.order_status, OrderStatus::Delivered);
    assert_eq!(level(&s, "A1"), ("90".into(), "0".into(), "90".into()));
    assert_eq!(level(&s, "C3"), ("9".into(), "0".into(), "9".into()));
    let shown = s.order(&o.number).unwrap();
    assert_eq!(shown.deliveries.iter().map(|d| d.number.as_str()).collect::<Vec<_>>(), ["DN-2026-000001", "DN-2026-000002"]);
    assert!(shown.lines.iter().all(|l| l.remaining_qty.is_zero()));
    assert_eq!(s.deliver(&ctx(), &o.number, None).unwrap_err().code(), ErrorCode::WrongState);
    let moves = s.stock_moves(Some("A1"), None, 10).unwrap();
    assert_eq!(moves.iter().map(|m| m.qty.to_string()).collect::<Vec<_>>(), ["-6", "-4", "100"]);
    assert_eq!(moves[0].doc_number.as_deref(), Some("DN-2026-000002"));
    assert_healthy(&s);
}

#[test]
fn refused_operations_write_nothing() {
    let mut s = shop();
    let o =
        s.create_order(&ctx(), &OrderInput { customer: "王喆五金店".into(), lines: vec![line("B2", "25")], ..Default::default() }).unwrap();
    let before = s.dump().unwrap();
    // oversell
    let e = s.confirm_order(&ctx(), &o.number).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InsufficientStock);
    assert_eq!(e.message(Lang::ZhCn), "商品 B2 库存不足：需要 25，可用 20");
    assert_eq!(s.dump().unwrap(), before);
    // bad quantities, bad SKU, bad price, bad customer: each names its field, nothing written
    for (lines, code, field) in [
        (vec![line("A1", "-1")], ErrorCode::Invalid, "lines[1].qty"),
        (vec![line("A1", "1"), line("A1", "abc")], ErrorCode::Invalid, "lines[2].qty"),
        (vec![line("A1", "1e309")], ErrorCode::Invalid, "lines[1].qty"),
        (vec![line("A1", "0")], ErrorCode::Invalid, "lines[1].qty"),
        (vec![line("A1", "1.0001")], ErrorCode::Invalid, "lines[1].qty"),
        (vec![line("NOPE", "1")], ErrorCode::NotFound, "lines[1].sku"),
        (vec![LineInput { unit_price: Some("-3".into()), ..line("A1", "1") }], ErrorCode::Invalid, "lines[1].unit_price"),
        (vec![LineInput { discount: Some("120".into()), ..line("A1", "1") }], ErrorCode::Invalid, "lines[1].discount"),
        (vec![LineInput { unit_price: Some("1000000000".into()), ..line("A1", "1000000000") }], ErrorCode::Invalid, "lines[1].qty"),
        (vec![], ErrorCode::Invalid, "line"),
    ] {
        let input = OrderInput { customer: "王喆五金店".into(), lines, ..Default::default() };
        match s.create_order(&ctx(), &input) {
            Ok(o) => panic!("accepted {input:?}: {o:?}"),
            Err(e) => {
                assert_eq!(e.code(), code, "{e}");
                if !field.is_empty() {
                    assert_eq!(e.field.map(|f| f.path()).unwrap_or_default(), field, "{e}");
                }
                assert!(!e.message(Lang::ZhCn).is_empty() && !e.message(Lang::En).is_empty());
            }
        }
        assert_eq!(s.dump().unwrap(), before, "{input:?} wrote something");
    }
    let e =
        s.create_order(&ctx(), &OrderInput { customer: "nobody".into(), lines: vec![line("A1", "1")], ..Default::default() }).unwrap_err();
    assert_eq!((e.code(), e.field.unwrap().path()), (ErrorCode::NotFound, "customer".to_string()));
    // adjustments that would go negative, stocktake with one bad row
    assert_eq!(s.adjust_stock(&ctx(), "B2", "-21", "破损").unwrap_err().code(), ErrorCode::InsufficientStock);
    let e = s
        .stocktake(
            &ctx(),
            &[CountInput { sku: "A1".into(), counted: "90".into() }, CountInput { sku: "B2".into(), counted: "x".into() }],
            None,
        )
        .unwrap_err();
    assert_eq!(e.field.unwrap().path(), "lines[2].counted");
    assert_eq!(s.dump().unwrap(), before);
    // the next good order still gets the next number: refused work took no number
    let o2 =
        s.create_order(&ctx(), &OrderInput { customer: "王喆五金店".into(), lines: vec![line("A1", "1")], ..Default::default() }).unwrap();
    assert_eq!(o2.number, "SO-2026-000002");
    assert_healthy(&s);
}

#[test]
fn approval_threshold_credit_and_below_cost_route_to_the_owner() {
    let mut s = shop();
    s.set_operator_pin(&ctx(), "店主", Some("9999")).unwrap();
    s.add_operator(&ctx(), "小李", Role::Clerk, None).unwrap();
    let clerk = ctx().as_operator("小李");
    s.receive_stock(&ctx(), "B2", "1000", None, None).unwrap();
    // above 5000 → pending approval, nothing reserved
    let o = s
        .create_order(&clerk, &OrderInput { customer: "王喆五金店".into(), lines: vec![line("B2", "500")], ..Default::default() })
        .unwrap();
    let o = s.confirm_order(&clerk, &o.number).unwrap();
    assert_eq!(o.status, OrderStatus::PendingApproval);
    assert_eq!(o.approval_reasons.len(), 1);
    assert_eq!(level(&s, "B2").1, "0");
    let e = s.approve_order(&clerk, &o.number).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden);
    let o = s.approve_order(&ctx(), &o.number).unwrap();
    assert_eq!(o.status, OrderStatus::Confirmed);
    assert_eq!(level(&s, "B2").1, "500");
    let history = s.order_history(&o.number).unwrap();
    assert_eq!(history.iter().map(|h| h.action.as_str()).collect::<Vec<_>>(), ["create", "confirm", "approve"]);
    assert_eq!(history[0].operator, "小李");
    assert_eq!(history[2].operator, "店主");

    // credit: 堃泰物业 has a 1000 limit
    let o =
        s.create_order(&clerk, &OrderInput { customer: "堃泰物业".into(), lines: vec![line("B2", "84")], ..Default::default() }).unwrap();
    assert_eq!(o.total.to_string(), "1008.00");
    let o = s.confirm_order(&clerk, &o.number).unwrap();
    assert_eq!(o.status, OrderStatus::PendingApproval);
    assert!(matches!(o.approval_reasons[0], kaidan_api::core::ApprovalReason::CreditLimit { .. }));
    s.set_setting(&ctx(), "credit_policy", "block").unwrap();
    let o2 =
        s.create_order(&clerk, &OrderInput { customer: "堃泰物业".into(), lines: vec![line("A1", "1")], ..Default::default() }).unwrap();
    let before = s.dump().unwrap();
    let e = s.confirm_order(&clerk, &o2.number).unwrap_err();
    assert_eq!(e.code(), ErrorCode::CreditLimit);
    assert_eq!(s.dump().unwrap(), before);
    assert_eq!(s.set_setting(&clerk, "credit_policy", "approval").unwrap_err().code(), ErrorCode::Forbidden);

    // below cost
    let o = s
        .create_order(
            &clerk,
            &OrderInput {
                customer: "王喆五金店".into(),
                lines: vec![LineInput { unit_price: Some("0.79".into()), ..line("A1", "1") }],
                ..Default::default()
            },
        )
        .unwrap();
    let o = s.confirm_order(&clerk, &o.number).unwrap();
    assert_eq!(o.status, OrderStatus::PendingApproval);
    s.set_setting(&ctx(), "below_cost_policy", "block").unwrap();
    let o = s
        .create_order(
            &clerk,
            &OrderInput {
                customer: "王喆五金店".into(),
                lines: vec![LineInput { discount: Some("50".into()), ..line("A1", "2") }],
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(s.confirm_order(&clerk, &o.number).unwrap_err().code(), ErrorCode::BelowCost);
    assert_healthy(&s);
}

#[test]
fn changing_a_confirmed_order_moves_the_reservation_and_is_audited() {
    let mut s = shop();
    let o = s
        .create_order(
            &ctx(),
            &OrderInput { customer: "王喆五金店".into(), lines: vec![line("A1", "10"), line("B2", "5")], ..Default::default() },
        )
        .unwrap();
    s.confirm_order(&ctx(), &o.number).unwrap();
    s.deliver(&ctx(), &o.number, Some(&[DeliverLine { sku: "A1".into(), qty: "4".into() }])).unwrap();
    assert_eq!(level(&s, "A1"), ("96".into(), "6".into(), "90".into()));
    // A1 up to 20 at a new price, B2 dropped, C3 added
    let changed = s
        .change_order(
            &ctx(),
            &o.number,
            &ChangeInput {
                lines: Some(vec![LineInput { unit_price: Some("1.40".into()), ..line("A1", "20") }, line("C3", "2")]),
                notes: Some("客户加单".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(changed.status, OrderStatus::PartiallyDelivered);
    assert_eq!(changed.total.to_string(), "47.00"); // 20 × 1.40 + 2 × 9.50
    assert_eq!(changed.lines[0].delivered_qty.to_string(), "4");
    assert_eq!(level(&s, "A1"), ("96".into(), "16".into(), "80".into()));
    assert_eq!(level(&s, "B2"), ("20".into(), "0".into(), "20".into()));
    assert_eq!(level(&s, "C3"), ("10.5".into(), "2".into(), "8.5".into()));
    let h = s.order_history(&o.number).unwrap();
    let last = h.last().unwrap();
    assert_eq!(last.action, "change");
    assert_eq!(last.before.as_ref().unwrap()["total"], "75.00");
    assert_eq!(last.after.as_ref().unwrap()["total"], "47.00");
    assert_eq!(last.after.as_ref().unwrap()["notes"], "客户加单");
    // a product made inactive stays changeable on orders that have it, and is refused on new ones
    s.update_product(&ctx(), "C3", &ProductInput { active: Some(false), ..Default::default() }).unwrap();
    s.change_order(
        &ctx(),
        &o.number,
        &ChangeInput {
            lines: Some(vec![LineInput { unit_price: Some("1.40".into()), ..line("A1", "20") }, line("C3", "2")]),
            ..Default::default()
        },
    )
    .unwrap();
    let e = s
        .create_order(&ctx(), &OrderInput { customer: "王喆五金店".into(), lines: vec![line("C3", "1")], ..Default::default() })
        .unwrap_err();
    assert_eq!((e.code(), e.field.unwrap().path()), (ErrorCode::Invalid, "lines[1].sku".to_string()));
    // cannot go below what was delivered
    let e = s.change_order(&ctx(), &o.number, &ChangeInput { lines: Some(vec![line("A1", "3")]), ..Default::default() }).unwrap_err();
    assert_eq!(e.field.unwrap().path(), "lines[1].qty");
    // a clerk may not raise a confirmed order past the approval threshold
    s.set_operator_pin(&ctx(), "店主", Some("9999")).unwrap();
    s.add_operator(&ctx(), "小李", Role::Clerk, Some("1234")).unwrap();
    let clerk = Ctx { pin: Some("1234".into()), ..ctx().as_operator("小李") };
    s.receive_stock(&ctx(), "B2", "1000", None, None).unwrap();
    let e = s
        .change_order(&clerk, &o.number, &ChangeInput { lines: Some(vec![line("A1", "20"), line("B2", "600")]), ..Default::default() })
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden);
    let wrong_pin = Ctx { pin: Some("0000".into()), ..clerk.clone() };
    assert_eq!(s.change_order(&wrong_pin, &o.number, &ChangeInput::default()).unwrap_err().code(), ErrorCode::Forbidden);
    // cancelling a partly delivered order keeps what was delivered
    let c = s.cancel_order(&ctx(), &o.number, "客户不要了").unwrap();
    assert_eq!(c.status, OrderStatus::Delivered);
    assert_eq!(c.lines.len(), 1);
    assert_eq!(c.total.to_string(), "5.60"); // 4 × 1.40
    assert_eq!(level(&s, "A1"), ("96".into(), "0".into(), "96".into()));
    assert_eq!(level(&s, "C3"), ("10.5".into(), "0".into(), "10.5".into()));
    assert_healthy(&s);
}

#[test]
fn cancel_releases_the_reservation() {
    let mut s = shop();
    let o =
        s.create_order(&ctx(), &OrderInput { customer: "王喆五金店".into(), lines: vec![line("A1", "30")], ..Default::default() }).unwrap();
    s.confirm_order(&ctx(), &o.number).unwrap();
    assert_eq!(level(&s, "A1").1, "30");
    assert_eq!(s.cancel_order(&ctx(), &o.number, " ").unwrap_err().code(), ErrorCode::Invalid, "a reason is required");
    let c = s.cancel_order(&ctx(), &o.number, "重复下单").unwrap();
    assert_eq!(c.status, OrderStatus::Cancelled);
    assert_eq!(c.cancel_reason.as_deref(), Some("重复下单"));
    assert_eq!(level(&s, "A1"), ("100".into(), "0".into(), "100".into()));
    assert_eq!(s.confirm_order(&ctx(), &o.number).unwrap_err().code(), ErrorCode::WrongState);
    assert_healthy(&s);
}

#[test]
fn a_retried_request_applies_once() {
    let mut s = shop();
    let input = OrderInput { customer: "王喆五金店".into(), lines: vec![line("A1", "2")], ..Default::default() };
    let c = ctx().with_request("req-1");
    let a = s.create_order(&c, &input).unwrap();
    let b = s.create_order(&c, &input).unwrap();
    assert_eq!(a, b);
    assert_eq!(s.orders(&OrderQuery::default()).unwrap().items.len(), 1);
    // the same key for another action is refused
    let e = s.create_order(&c, &OrderInput { lines: vec![line("A1", "3")], ..input.clone() }).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Conflict);
    // confirm and deliver: a double click does it once
    let c2 = ctx().with_request("req-2");
    s.confirm_order(&c2, &a.number).unwrap();
    s.confirm_order(&c2, &a.number).unwrap();
    let c3 = ctx().with_request("req-3");
    let d1 = s.deliver(&c3, &a.number, Some(&[DeliverLine { sku: "A1".into(), qty: "1".into() }])).unwrap();
    let d2 = s.deliver(&c3, &a.number, Some(&[DeliverLine { sku: "A1".into(), qty: "1".into() }])).unwrap();
    assert_eq!(d1, d2);
    assert_eq!(level(&s, "A1"), ("99".into(), "1".into(), "98".into()));
    let r = ctx().with_request("req-4");
    s.receive_stock(&r, "A1", "5", None, None).unwrap();
    s.receive_stock(&r, "A1", "5", None, None).unwrap();
    assert_eq!(level(&s, "A1").0, "104");
    assert_healthy(&s);
}

#[test]
fn negative_stock_is_a_setting_and_stocktake_posts_differences() {
    let mut s = shop();
    let counted = s
        .stocktake(
            &ctx(),
            &[CountInput { sku: "A1".into(), counted: "97".into() }, CountInput { sku: "C3".into(), counted: "10.5".into() }],
            Some("月底盘点"),
        )
        .unwrap();
    assert_eq!(counted[0].on_hand.to_string(), "97");
    let moves = s.stock_moves(Some("A1"), None, 5).unwrap();
    assert_eq!((moves[0].qty.to_string(), moves[0].reason.as_str()), ("-3".into(), "stocktake"));
    assert_eq!(s.stock_moves(Some("C3"), None, 5).unwrap().len(), 1, "no difference, no movement");
    s.set_setting(&ctx(), "allow_negative_stock", "true").unwrap();
    let o =
        s.create_order(&ctx(), &OrderInput { customer: "王喆五金店".into(), lines: vec![line("B2", "25")], ..Default::default() }).unwrap();
    s.confirm_order(&ctx(), &o.number).unwrap();
    assert_eq!(level(&s, "B2"), ("20".into(), "25".into(), "-5".into()));
    s.deliver(&ctx(), &o.number, None).unwrap();
    assert_eq!(level(&s, "B2"), ("-5".into(), "0".into(), "-5".into()));
    assert_healthy(&s);
}

#[test]
fn lists_page_by_cursor_and_search_finds_chinese_substrings() {
    let mut s = shop();
    s.add_customer(
        &ctx(),
        &CustomerInput { name: Some("鑫镕水电工程".into()), phones: Some(vec!["13577776666".into()]), ..Default::default() },
    )
    .unwrap();
    let mut numbers = Vec::new();
    for i in 0..23 {
        let who = if i % 3 == 0 { "鑫镕水电工程" } else { "王喆五金店" };
        let c = Ctx::owner_at(t0() + Duration::minutes(i));
        let o = s
            .create_order(
                &c,
                &OrderInput { customer: who.into(), lines: vec![line(if i % 2 == 0 { "A1" } else { "C3" }, "1")], ..Default::default() },
            )
            .unwrap();
        if i % 4 == 0 {
            s.confirm_order(&c, &o.number).unwrap();
        }
        numbers.push(o.number);
    }
    // cursor paging returns every order exactly once, newest first
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = s.orders(&OrderQuery { cursor: cursor.clone(), limit: Some(5), ..Default::default() }).unwrap();
        seen.extend(page.items.iter().map(|o| o.number.clone()));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    numbers.reverse();
    assert_eq!(seen, numbers);
    let count = |s: &Shop, q: OrderQuery| s.orders(&OrderQuery { limit: Some(100), ..q }).unwrap().items.len();
    assert_eq!(count(&s, OrderQuery { search: Some("水电工".into()), ..Default::default() }), 8);
    assert_eq!(count(&s, OrderQuery { search: Some("镕水".into()), ..Default::default() }), 8, "two characters fall back to a scan");
    assert_eq!(count(&s, OrderQuery { search: Some("13577776666".into()), ..Default::default() }), 8);
    assert_eq!(count(&s, OrderQuery { search: Some("圆钉".into()), ..Default::default() }), 11);
    assert_eq!(count(&s, OrderQuery { search: Some("钉".into()), ..Default::default() }), 11);
    assert_eq!(count(&s, OrderQuery { search: Some("zz".into()), ..Default::default() }), 0);
    assert_eq!(count(&s, OrderQuery { search: Some("钉".into()), status: Some("confirmed".into()), ..Default::default() }), 0);
    assert_eq!(count(&s, OrderQuery { search: Some("螺".into()), status: Some("confirmed".into()), ..Default::default() }), 6);
    assert_eq!(count(&s, OrderQuery { search: Some("SO-2026-000007".into()), ..Default::default() }), 1);
    assert_eq!(count(&s, OrderQuery { search: Some("\"'%_".into()), ..Default::default() }), 0);
    assert_eq!(count(&s, OrderQuery { status: Some("confirmed".into()), ..Default::default() }), 6);
    assert_eq!(count(&s, OrderQuery { status: Some("confirmed".into()), search: Some("水电工程".into()), ..Default::default() }), 2);
    assert_eq!(count(&s, OrderQuery { customer: Some("鑫镕水电工程".into()), ..Default::default() }), 8);
    assert_eq!(s.orders(&OrderQuery { status: Some("shipped".into()), ..Default::default() }).unwrap_err().code(), ErrorCode::Invalid);
    // a renamed customer is found under the new name
    s.update_customer(&ctx(), "鑫镕水电工程", &CustomerInput { name: Some("鑫镕机电".into()), ..Default::default() }).unwrap();
    assert_eq!(count(&s, OrderQuery { search: Some("鑫镕机电".into()), ..Default::default() }), 8);
    assert_eq!(count(&s, OrderQuery { search: Some("水电工".into()), ..Default::default() }), 0);
}

#[test]
fn customers_and_products_are_validated_and_unique() {
    let mut s = shop();
    let e = s.add_product(&ctx(), &product("A1", "重复", "1", "1")).unwrap_err();
    assert_eq!((e.code(), e.field.unwrap().path()), (ErrorCode::Duplicate, "sku".to_string()));
    let e = s.add_product(&ctx(), &product("Z9", "新品", "abc", "1")).unwrap_err();
    assert_eq!(e.field.unwrap().path(), "price");
    let e = s.add_customer(&ctx(), &CustomerInput { name: Some("王喆五金店".into()), ..Default::default() }).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Duplicate);
    let c = s.add_customer(&ctx(), &CustomerInput { name: Some("<img src=x onerror=alert(1)>".into()), ..Default::default() }).unwrap();
    assert_eq!(s.customer(&c.id).unwrap().name, "<img src=x onerror=alert(1)>");
    let p = s.update_product(&ctx(), "A1", &ProductInput { barcode: Some("6901234567892".into()), ..Default::default() }).unwrap();
    assert_eq!(s.product("6901234567892").unwrap().id, p.id, "a scanner's code finds the product");
    // the owner sets credit terms; a clerk may not
    s.set_operator_pin(&ctx(), "店主", Some("9999")).unwrap();
    s.add_operator(&ctx(), "小李", Role::Clerk, None).unwrap();
    let e = s
        .update_customer(
            &ctx().as_operator("小李"),
            "堃泰物业",
            &CustomerInput { credit_limit: Some("99999".into()), ..Default::default() },
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden);
    let (_, pos) = s.customer_credit("堃泰物业").unwrap();
    assert_eq!(pos.credit_left.unwrap().to_string(), "1000.00");
}

#[test]
fn hot_order_lists_use_indexes_without_sorting() {
    let s = shop();
    let plans = [
        OrderQuery::default(),
        OrderQuery { status: Some("confirmed".into()), cursor: Some("100".into()), ..Default::default() },
        OrderQuery { search: Some("水电工".into()), ..Default::default() },
    ];
    for q in plans {
        let plan = s.explain_orders(&q).unwrap();
        if std::env::var("KAIDAN_SHOW_PLANS").is_ok() {
            eprintln!("{q:?}\n{plan}\n");
        }
        assert!(!plan.contains("TEMP B-TREE"), "{q:?} sorts: {plan}");
        assert!(!plan.contains("SCAN c") && !plan.contains("SCAN customer"), "{q:?} scans customers: {plan}");
    }
    // a 1–2 character search matching few customers and products goes through their indexes
    // (and sorts only their orders)
    let plan = s.explain_orders(&OrderQuery { search: Some("喆".into()), ..Default::default() }).unwrap();
    assert!(plan.contains("MULTI-INDEX OR") && plan.contains("USING INDEX sales_order_customer"), "{plan}");
    assert!(!plan.contains("SCAN o") && !plan.contains("SCAN s"), "{plan}");
}

/// What the window offers is what the use cases accept: an order's `allowed_actions` and
/// `due` come from kaidan-core, and a deposit on a cancelled order (which allows no payment)
/// is refused by the use case too, with nothing written.
#[test]
fn the_order_says_what_it_allows_and_the_use_cases_hold_to_it() {
    use kaidan_api::core::OrderAction as A;
    let mut s = shop();
    let o =
        s.create_order(&ctx(), &OrderInput { customer: "王喆五金店".into(), lines: vec![line("A1", "10")], ..Default::default() }).unwrap();
    assert_eq!(o.allowed_actions, [A::Confirm, A::Change, A::Cancel, A::Pay]);
    assert_eq!(o.due.to_string(), "15.00");
    let confirmed = s.confirm_order(&ctx(), &o.number).unwrap();
    assert_eq!(confirmed.allowed_actions, [A::Change, A::Deliver, A::Cancel, A::Pay]);
    s.deliver(&ctx(), &o.number, None).unwrap();
    let delivered = s.order(&o.number).unwrap();
    assert_eq!(delivered.allowed_actions, [A::Invoice, A::Return, A::Pay]);
    s.issue_invoice(&ctx(), &o.number, None).unwrap();
    let billed = s.order(&o.number).unwrap();
    assert_eq!(billed.allowed_actions, [A::Return, A::Pay], "nothing left to invoice");
    let pay = |order: &str, amount: &str| kaidan_api::PayInput {
        customer: "王喆五金店".into(),
        amount: amount.into(),
        method: "cash".into(),
        order: Some(order.into()),
        ..Default::default()
    };
    s.pay(&ctx(), &pay(&o.number, "5")).unwrap();
    assert_eq!(s.order(&o.number).unwrap().due.to_string(), "10.00");

    let other =
        s.create_order(&ctx(), &OrderInput { customer: "王喆五金店".into(), lines: vec![line("B2", "1")], ..Default::default() }).unwrap();
    let cancelled = s.cancel_order(&ctx(), &other.number, "客户不要了").unwrap();
    assert!(cancelled.allowed_actions.is_empty() && cancelled.due.is_zero(), "{cancelled:?}");
    let before = s.dump().unwrap();
    let e = s.pay(&ctx(), &pay(&other.number, "12")).unwrap_err();
    assert_eq!((e.code(), e.field.map(|f| f.path())), (ErrorCode::WrongState, Some("order".into())), "{e:?}");
    assert!(e.message(Lang::En).contains("cancelled"), "{}", e.message(Lang::En));
    assert_eq!(s.dump().unwrap(), before, "nothing written");
}

/// A backorder (缺货待补): the shelf is short, the owner confirms anyway; what there is is
/// reserved, the rest waits, stock that comes in (or that a cancelled order lets go) is reserved
/// for the oldest waiting order first, the lists and the home screen show it, and the books stay
/// consistent throughout.
#[test]
fn a_backorder_reserves_what_there_is_and_the_rest_waits_for_stock() {
    use kaidan_api::core::order::Backorder;
    let mut s = shop();
    let waits = |s: &Shop, n: &str| -> Vec<String> { s.order(n).unwrap().lines.iter().map(|l| l.backordered_qty.to_string()).collect() };
    // another order holds 5 of B2's 20
    let other = s
        .create_and_confirm(&ctx(), &OrderInput { customer: "堃泰物业".into(), lines: vec![line("B2", "5")], ..Default::default() }, false)
        .unwrap();
    let input = OrderInput { customer: "王喆五金店".into(), lines: vec![line("A1", "10"), line("B2", "25")], ..Default::default() };
    let before = s.dump().unwrap();
    let e = s.create_and_confirm(&ctx(), &input, false).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InsufficientStock);
    assert_eq!(s.dump().unwrap(), before, "a refused confirmation writes nothing");

    let o = s.create_and_confirm_with(&ctx(), &input, false, Backorder::Yes).unwrap();
    assert_eq!(o.status, OrderStatus::Confirmed);
    assert_eq!(waits(&s, &o.number), ["0", "10"], "A1 is covered; B2 has 15 free of the 25 wanted");
    assert_eq!(level(&s, "B2"), ("20".into(), "20".into(), "0".into()));
    let listed = s.orders(&OrderQuery { backordered: Some(true), ..Default::default() }).unwrap().items;
    assert_eq!(listed.iter().map(|o| o.number.as_str()).collect::<Vec<_>>(), [o.number.as_str()]);
    assert!(listed[0].backordered);
    assert_healthy(&s);

    // delivering all is refused (10 of B2 are not there); the reserved part goes
    assert_eq!(s.deliver(&ctx(), &o.number, None).unwrap_err().code(), ErrorCode::InsufficientStock);
    s.deliver(&ctx(), &o.number, Some(&[DeliverLine { sku: "B2".into(), qty: "15".into() }])).unwrap();
    assert_eq!(level(&s, "B2"), ("5".into(), "5".into(), "0".into()));
    assert_eq!(waits(&s, &o.number), ["0", "10"]);

    // 6 come in: reserved for the waiting order at once, and said in its history
    s.receive_stock(&ctx(), "B2", "6", None, None).unwrap();
    assert_eq!(waits(&s, &o.number), ["0", "4"]);
    assert_eq!(level(&s, "B2"), ("11".into(), "11".into(), "0".into()));
    let history = s.order_history(&o.number).unwrap();
    assert!(history.iter().any(|h| h.action == kaidan_api::core::AuditAction::Reserve), "{history:#?}");
    assert_healthy(&s);

    // the other order is cancelled: its 5 go to the one waiting (4), 1 stays free
    s.cancel_order(&ctx(), &other.number, "客户不要了").unwrap();
    assert_eq!(waits(&s, &o.number), ["0", "0"]);
    assert_eq!(level(&s, "B2"), ("11".into(), "10".into(), "1".into()));
    assert!(s.orders(&OrderQuery { backordered: Some(true), ..Default::default() }).unwrap().items.is_empty());
    let d = s.deliver(&ctx(), &o.number, None).unwrap();
    assert_eq!(d.order_status, OrderStatus::Delivered);
    assert_eq!(level(&s, "B2"), ("1".into(), "0".into(), "1".into()));
    assert_healthy(&s);
}

/// Cutting a backordered line takes from what waits first; a cancelled backorder releases only
/// what it held.
#[test]
fn a_cut_backorder_waits_for_less_and_a_cancel_releases_what_it_held() {
    use kaidan_api::core::order::Backorder;
    let mut s = shop();
    let input = OrderInput { customer: "王喆五金店".into(), lines: vec![line("B2", "30")], ..Default::default() };
    let o = s.create_and_confirm_with(&ctx(), &input, false, Backorder::Yes).unwrap();
    assert_eq!(s.order(&o.number).unwrap().lines[0].backordered_qty.to_string(), "10");
    let change = ChangeInput { lines: Some(vec![line("B2", "24")]), ..Default::default() };
    let c = s.change_order(&ctx(), &o.number, &change).unwrap();
    assert_eq!(c.lines[0].backordered_qty.to_string(), "4");
    assert_eq!(level(&s, "B2"), ("20".into(), "20".into(), "0".into()));
    assert_healthy(&s);
    s.cancel_order(&ctx(), &o.number, "改天再来").unwrap();
    assert_eq!(level(&s, "B2"), ("20".into(), "0".into(), "20".into()));
    assert_healthy(&s);
}

/// The orders list finds orders by the 拼音 initials of their customer (`wzwj`: 王喆五金店) or
/// product (`lsls`: 六角螺栓), as order entry does, beside numbers and names.
#[test]
fn the_orders_list_finds_by_pinyin_initials() {
    let mut s = shop();
    let a =
        s.create_order(&ctx(), &OrderInput { customer: "王喆五金店".into(), lines: vec![line("B2", "1")], ..Default::default() }).unwrap();
    let b =
        s.create_order(&ctx(), &OrderInput { customer: "堃泰物业".into(), lines: vec![line("A1", "1")], ..Default::default() }).unwrap();
    let found = |s: &Shop, q: &str| -> Vec<String> {
        s.orders(&OrderQuery { search: Some(q.into()), ..Default::default() }).unwrap().items.into_iter().map(|o| o.number).collect()
    };
    assert_eq!(found(&s, "wzwj"), [a.number.clone()]);
    assert_eq!(found(&s, "WZ"), [a.number.clone()]);
    assert_eq!(found(&s, "ljls"), [b.number.clone()], "六角螺栓");
    assert_eq!(found(&s, "000002"), [b.number.clone()], "numbers still match");
    assert_eq!(found(&s, "王喆"), [a.number.clone()]);
    assert!(found(&s, "qqqq").is_empty());
}

/// A product or customer form is checked whole: every field's problem at once, each naming its
/// field, and nothing written.
#[test]
fn a_form_is_checked_whole_every_problem_at_once() {
    let mut s = shop();
    let before = s.dump().unwrap();
    let bad =
        ProductInput { name: Some(" ".into()), price: Some("abc".into()), tax_rate: Some("130".into()), ..product("Z9", "x", "1", "1") };
    let e = s.add_product(&ctx(), &bad).unwrap_err();
    let fields: Vec<String> = e.each().map(|x| x.field.unwrap().path()).collect();
    assert_eq!(fields, ["name", "price", "tax_rate"]);
    let ipc = kaidan_api::IpcError::from_error(&e, Lang::ZhCn);
    assert_eq!(ipc.fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["name", "price", "tax_rate"]);
    assert_eq!(ipc.message.lines().count(), 3, "{}", ipc.message);
    assert!(ipc.fields[1].message.contains("售价"), "{}", ipc.fields[1].message);
    let e = s
        .add_customer(
            &ctx(),
            &CustomerInput {
                name: Some("新客户".into()),
                credit_limit: Some("-5".into()),
                payment_terms_days: Some("-30".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.each().map(|x| x.field.unwrap().path()).collect::<Vec<_>>(), ["credit_limit", "payment_terms_days"]);
    assert_eq!(s.dump().unwrap(), before, "nothing written");
}

/// Phones as a clerk types them in one field: several numbers split at commas, 、 or
/// semicolons (either width), a space kept inside a number.
#[test]
fn phones_typed_in_one_field_split_at_commas_and_keep_their_spaces() {
    let mut s = shop();
    let c = s
        .add_customer(
            &ctx(),
            &CustomerInput {
                name: Some("港湾建材".into()),
                phones: Some(vec!["0755 1234 5678，138 0000 0001、 13900000002;".into()]),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(c.phones, ["0755 1234 5678", "138 0000 0001", "13900000002"]);
}
