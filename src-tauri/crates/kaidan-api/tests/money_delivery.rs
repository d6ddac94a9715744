//! Money at delivery: cash on delivery, and the credit limit blocking or routing the next order
//! and the next delivery.

use kaidan_api::core::model::PaymentStatus;
use kaidan_api::core::ErrorCode;
use kaidan_api::{CustomerInput, LineInput, OrderInput};

mod common;

use common::{ctx, day, healthy, invoiced, m, order, pay, shop, status_of};

#[test]
fn cash_on_delivery_is_a_receipt_on_the_order_taken_with_the_goods() {
    let mut s = shop();
    let o = order(&mut s, "堃泰物业", "40");
    let d = s
        .deliver_order(
            &ctx(),
            &o,
            &kaidan_api::DeliverInput {
                payment: Some(kaidan_api::CodInput { amount: "40".into(), method: "现金".into(), reference: None }),
                ..Default::default()
            },
        )
        .unwrap();
    let rc = s.payment(d.payment.as_deref().unwrap()).unwrap();
    assert_eq!((rc.amount, rc.order.as_deref(), rc.note.as_deref()), (m("40"), Some(o.as_str()), Some(d.number.as_str())));
    assert_eq!(status_of(&s, &o), PaymentStatus::Paid, "paid in full at the door, before the invoice");
    let inv = s.issue_invoice(&ctx(), &o, None).unwrap();
    assert_eq!(s.invoice(&inv.number).unwrap().open, m("0"), "the money taken at the door pays the invoice");
    assert_eq!(status_of(&s, &o), PaymentStatus::Paid);
    // a bad amount refuses the whole delivery
    let o2 = order(&mut s, "堃泰物业", "5");
    let before = s.dump().unwrap();
    let e = s
        .deliver_order(
            &ctx(),
            &o2,
            &kaidan_api::DeliverInput {
                payment: Some(kaidan_api::CodInput { amount: "abc".into(), method: "cash".into(), reference: None }),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.field.map(|f| f.key.as_str()), Some("amount"));
    assert_eq!(s.dump().unwrap(), before);
    healthy(&s);
}

#[test]
fn the_credit_limit_blocks_or_routes_the_next_order_and_the_next_delivery() {
    let mut s = shop();
    s.update_customer(&ctx(), "王喆五金店", &CustomerInput { credit_limit: Some("1000".into()), ..Default::default() }).unwrap();
    s.add_operator(&ctx(), "小李", kaidan_api::core::Role::Clerk, None).unwrap();
    let clerk = ctx().as_operator("小李");
    invoiced(&mut s, "王喆五金店", "600");
    let b = order(&mut s, "王喆五金店", "300"); // 900 of 1000 used: confirmed
    assert_eq!(s.account("王喆五金店", day("2026-03-05")).unwrap().credit_left, Some(m("100")));
    // approval policy: the next order waits for the owner
    let input = OrderInput {
        customer: "王喆五金店".into(),
        lines: vec![LineInput { sku: "P".into(), qty: "200".into(), unit_price: None, discount: None }],
        ..Default::default()
    };
    let c = s.create_and_confirm(&ctx(), &input, false).unwrap();
    assert_eq!(c.status, kaidan_api::core::OrderStatus::PendingApproval);
    s.approve_order(&ctx(), &c.number).unwrap(); // the owner lets 1,100 out
                                                 // b was never approved over the limit: its delivery needs the owner now
    let e = s.deliver(&clerk, &b, None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::CreditLimit, "{e}");
    assert!(e.message(kaidan_api::core::Lang::ZhCn).contains("店主批准"), "{}", e.message(kaidan_api::core::Lang::ZhCn));
    let approve = kaidan_api::DeliverInput { approve_credit: Some(true), ..Default::default() };
    assert_eq!(s.deliver_order(&clerk, &b, &approve).unwrap_err().code(), ErrorCode::CreditLimit, "only the owner may approve");
    assert_eq!(s.deliver(&ctx(), &b, None).unwrap_err().code(), ErrorCode::CreditLimit, "the owner too says so explicitly");
    s.deliver_order(&ctx(), &b, &approve).unwrap();
    // c was approved at 1,100: it goes out without asking again
    s.deliver(&clerk, &c.number, None).unwrap();
    // paying brings the customer back under the limit
    pay(&mut s, "王喆五金店", "600");
    assert_eq!(s.account("王喆五金店", day("2026-03-05")).unwrap().credit_used, m("500"));
    // block policy: refused outright, for the owner too
    s.set_setting(&ctx(), "credit_policy", "block").unwrap();
    let d = order(&mut s, "王喆五金店", "400"); // 900: fine
    let before = s.dump().unwrap();
    let over =
        OrderInput { lines: vec![LineInput { sku: "P".into(), qty: "101".into(), unit_price: None, discount: None }], ..input.clone() };
    let e = s.create_and_confirm(&ctx(), &over, false).unwrap_err();
    assert_eq!(e.code(), ErrorCode::CreditLimit);
    assert_eq!(s.dump().unwrap(), before, "a refused order writes nothing");
    s.update_customer(&ctx(), "王喆五金店", &CustomerInput { credit_limit: Some("800".into()), ..Default::default() }).unwrap();
    let before = s.dump().unwrap();
    let e = s.deliver_order(&ctx(), &d, &approve).unwrap_err();
    assert_eq!(e.code(), ErrorCode::CreditLimit);
    assert!(e.message(kaidan_api::core::Lang::ZhCn).contains("先收款"), "{e}");
    assert_eq!(s.dump().unwrap(), before);
    // money at the door counts: 900 − 100 taken = 800, within the limit
    s.deliver_order(
        &ctx(),
        &d,
        &kaidan_api::DeliverInput {
            payment: Some(kaidan_api::CodInput { amount: "100".into(), method: "cash".into(), reference: None }),
            ..Default::default()
        },
    )
    .unwrap();
    healthy(&s);
}
