//! Returns and exchanges, and money at the door and the credit check at delivery.
//!
//! Returns and exchanges: credit notes for what was invoiced, stock back on the shelf or
//! written off, refunds from the deposit, exchange orders paid by the credit.
//!
//! Money at delivery: cash on delivery, and the credit limit blocking or routing the next order
//! and the next delivery.

use kaidan_api::core::model::{PaymentKind, PaymentStatus};
use kaidan_api::core::{ErrorCode, Money, Sign};
use kaidan_api::{CustomerInput, DocLineInput, LineInput, OrderInput, PayInput, Shop};

mod common;

use common::{ctx, day, healthy, invoiced, m, order, pay, shop, status_of};

fn ret(s: &mut Shop, order: &str, lines: &[(&str, &str, bool)], settlement: &str) -> kaidan_api::core::model::SalesReturn {
    s.return_goods(
        &ctx(),
        &kaidan_api::ReturnInput {
            order: order.into(),
            lines: lines
                .iter()
                .map(|(sku, qty, damaged)| kaidan_api::ReturnLineInput { sku: (*sku).into(), qty: (*qty).into(), damaged: Some(*damaged) })
                .collect(),
            settlement: Some(settlement.into()),
            method: Some("wechat".into()),
            reason: Some("尺寸不对".into()),
            exchange: None,
        },
    )
    .unwrap()
}

fn on_hand(s: &Shop) -> Money {
    // P is priced ¥1.00: compare quantities through their text
    let l = s.stock_levels(Some("P"), false, None, 1).unwrap();
    Money::parse(&l[0].on_hand.to_string(), Sign::Any).unwrap()
}

#[test]
fn a_return_after_payment_issues_a_credit_note_puts_stock_back_and_refunds() {
    let mut s = shop();
    s.set_setting(&ctx(), "allow_negative_stock", "false").unwrap();
    s.receive_stock(&ctx(), "P", "100", None, None).unwrap();
    let inv = invoiced(&mut s, "王喆五金店", "50");
    let o = s.invoice(&inv).unwrap().order;
    pay(&mut s, "王喆五金店", "50");
    assert_eq!(on_hand(&s), m("50"));
    let before = s.dump().unwrap();
    let r = ret(&mut s, &o, &[("P", "8", false), ("P", "2", true)], "refund");
    assert_eq!(r.number, "RT-2026-000001");
    assert_eq!((r.total, r.refunded, r.credit_notes.len()), (m("10"), m("10"), 1));
    let cn = s.invoice(&r.credit_notes[0]).unwrap();
    assert_eq!((cn.total, cn.credits.as_deref()), (m("-10"), Some(inv.as_str())));
    assert!(cn.reason.as_deref().unwrap().contains(&r.number));
    assert_eq!(on_hand(&s), m("58"), "8 back on the shelf, 2 written off");
    let moves = s.stock_moves(Some("P"), None, 3).unwrap();
    assert!(moves
        .iter()
        .any(|mv| mv.reason == kaidan_api::core::MoveReason::Adjustment && mv.note.as_deref().unwrap_or("").contains("损坏")));
    let acc = s.account("王喆五金店", day("2026-03-05")).unwrap();
    assert_eq!((acc.balance, acc.unallocated), (m("0"), m("0")));
    let order = s.order(&o).unwrap();
    assert_eq!((order.returned, order.received, order.payment_status), (m("10"), m("40"), PaymentStatus::Paid));
    assert_eq!(order.lines[0].returned_qty.to_string(), "10");
    let refund = s.payment(r.refund.as_deref().unwrap()).unwrap();
    assert_eq!((refund.kind, refund.amount, refund.return_number.as_deref()), (PaymentKind::Refund, m("-10"), Some(r.number.as_str())));
    // no more than was delivered and not yet returned: row and field named, nothing written
    let mid = s.dump().unwrap();
    assert_ne!(mid, before);
    let e = s
        .return_goods(
            &ctx(),
            &kaidan_api::ReturnInput {
                order: o.clone(),
                lines: vec![
                    kaidan_api::ReturnLineInput { sku: "P".into(), qty: "1".into(), damaged: None },
                    kaidan_api::ReturnLineInput { sku: "P".into(), qty: "40".into(), damaged: None },
                ],
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::OverDelivery);
    assert_eq!(e.field.map(|f| (f.key.as_str(), f.row)), Some(("qty", Some(2))), "{e}");
    assert!(e.message(kaidan_api::core::Lang::ZhCn).contains("39"), "{}", e.message(kaidan_api::core::Lang::ZhCn));
    assert_eq!(s.dump().unwrap(), mid);
    healthy(&s);
}

#[test]
fn a_return_of_goods_not_yet_invoiced_needs_no_credit_note_and_is_not_billed() {
    let mut s = shop();
    let o = order(&mut s, "王喆五金店", "100");
    s.deliver(&ctx(), &o, None).unwrap();
    let r = ret(&mut s, &o, &[("P", "30", false)], "credit");
    assert!(r.credit_notes.is_empty());
    assert!(r.refund.is_none());
    let inv = s.issue_invoice(&ctx(), &o, None).unwrap();
    assert_eq!(inv.total, m("70"), "the invoice bills what the customer kept");
    let e = s.issue_invoice(&ctx(), &o, Some(&[DocLineInput { sku: "P".into(), qty: "1".into() }])).unwrap_err();
    assert_eq!(e.code(), ErrorCode::OverDelivery, "returned goods are never billed: {e}");
    assert_eq!(s.account("王喆五金店", day("2026-03-05")).unwrap().credit_used, m("70"));
    healthy(&s);
}

#[test]
fn a_partly_invoiced_line_is_credited_only_beyond_what_the_customer_keeps() {
    let mut s = shop();
    let o = order(&mut s, "王喆五金店", "100");
    s.deliver(&ctx(), &o, None).unwrap();
    s.issue_invoice(&ctx(), &o, Some(&[DocLineInput { sku: "P".into(), qty: "60".into() }])).unwrap();
    let r = ret(&mut s, &o, &[("P", "30", false)], "credit");
    assert!(r.credit_notes.is_empty(), "70 kept, 60 billed: nothing to credit");
    let r = ret(&mut s, &o, &[("P", "20", false)], "credit");
    assert_eq!(r.credit_notes.len(), 1);
    assert_eq!(s.invoice(&r.credit_notes[0]).unwrap().total, m("-10"), "50 kept, 60 billed: 10 credited");
    healthy(&s);
}

#[test]
fn a_deposit_paid_for_returned_goods_goes_back_from_the_deposit() {
    let mut s = shop();
    let o = order(&mut s, "堃泰物业", "100");
    s.pay(
        &ctx(),
        &PayInput {
            customer: "堃泰物业".into(),
            amount: "100".into(),
            method: "bank".into(),
            order: Some(o.clone()),
            ..Default::default()
        },
    )
    .unwrap();
    s.deliver(&ctx(), &o, None).unwrap();
    let r = ret(&mut s, &o, &[("P", "25", false)], "refund");
    assert_eq!(r.refunded, m("25"));
    let order = s.order(&o).unwrap();
    assert_eq!((order.received, order.payment_status), (m("75"), PaymentStatus::Paid), "75 paid for the 75 kept");
    let inv = s.issue_invoice(&ctx(), &o, None).unwrap();
    assert_eq!((s.invoice(&inv.number).unwrap().open, status_of(&s, &o)), (m("0"), PaymentStatus::Paid));
    healthy(&s);
}

#[test]
fn an_exchange_is_a_return_and_a_new_order_paid_by_its_credit() {
    let mut s = shop();
    let inv = invoiced(&mut s, "王喆五金店", "20");
    let o = s.invoice(&inv).unwrap().order;
    pay(&mut s, "王喆五金店", "20");
    let r = s
        .return_goods(
            &ctx(),
            &kaidan_api::ReturnInput {
                order: o.clone(),
                lines: vec![kaidan_api::ReturnLineInput { sku: "P".into(), qty: "5".into(), damaged: Some(true) }],
                exchange: Some(vec![LineInput { sku: "P".into(), qty: "5".into(), unit_price: None, discount: None }]),
                ..Default::default()
            },
        )
        .unwrap();
    let x = r.exchange_order.clone().unwrap();
    let new = s.order(&x).unwrap();
    assert_eq!((new.status, new.total), (kaidan_api::core::OrderStatus::Confirmed, m("5")));
    assert_eq!(s.account("王喆五金店", day("2026-03-05")).unwrap().unallocated, m("5"), "the returned goods' money waits as credit");
    s.deliver(&ctx(), &x, None).unwrap();
    let xi = s.issue_invoice(&ctx(), &x, None).unwrap();
    assert_eq!(s.invoice(&xi.number).unwrap().open, m("0"), "the credit pays the exchange order's invoice");
    assert_eq!(status_of(&s, &x), PaymentStatus::Paid);
    assert_eq!(s.account("王喆五金店", day("2026-03-05")).unwrap().balance, m("0"));
    assert_eq!(s.sales_return(&r.number).unwrap().exchange_order.as_deref(), Some(x.as_str()));
    healthy(&s);
}

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
    s.set_operator_pin(&ctx(), "店主", Some("9999")).unwrap();
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

/// The customers list: by 拼音 (堃 kun before 王 wang, whatever their code points), page after
/// page by the last name shown, each with what it owes now (credit below zero).
#[test]
fn customers_list_by_pinyin_with_what_each_owes() {
    let mut s = shop();
    s.add_customer(&ctx(), &CustomerInput { name: Some("阿强建材".into()), ..Default::default() }).unwrap();
    invoiced(&mut s, "王喆五金店", "12");
    pay(&mut s, "王喆五金店", "2.50");
    pay(&mut s, "堃泰物业", "5");
    let names =
        |after: Option<&str>, limit: u32| -> Vec<String> { s.customers(None, after, limit).unwrap().into_iter().map(|c| c.name).collect() };
    assert_eq!(names(None, 10), ["阿强建材", "堃泰物业", "王喆五金店"]);
    assert_eq!(names(None, 2), ["阿强建材", "堃泰物业"]);
    assert_eq!(names(Some("堃泰物业"), 2), ["王喆五金店"]);
    let ids: Vec<String> = s.customers(None, None, 10).unwrap().into_iter().map(|c| c.id).collect();
    let owed: Vec<String> = s.customer_balances(&ids).unwrap().into_iter().map(|b| b.balance.to_string()).collect();
    assert_eq!(owed, ["0.00", "-5.00", "9.50"]);
}
