//! Returns and exchanges: credit notes for what was invoiced, stock back on the shelf or
//! written off, refunds from the deposit, exchange orders paid by the credit.

use kaidan_api::core::model::{PaymentKind, PaymentStatus};
use kaidan_api::core::{ErrorCode, Money, Sign};
use kaidan_api::{DocLineInput, LineInput, PayInput, Shop};

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
