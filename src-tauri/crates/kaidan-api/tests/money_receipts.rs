//! Money in and back: receipts and matching (核销), refunds and reversals.
//!
//! Receipts and matching (核销): deposits, one transfer for several invoices, over- and part
//! payments, an order's payment status, matches by hand, refusals; payments are never changed.
//!
//! Refunds and reversals: credit paid back, a mistaken receipt or refund reversed, an invoiced
//! order cancelled only once credited.

use kaidan_api::core::model::{PaymentKind, PaymentStatus};
use kaidan_api::core::{ErrorCode, Money};
use kaidan_api::{DocLineInput, PayInput};

mod common;

use common::{ctx, day, healthy, invoiced, m, open_of, order, pay, shop, status_of};

#[test]
fn a_deposit_of_30_percent_then_the_balance() {
    let mut s = shop();
    let o = order(&mut s, "王喆五金店", "1000");
    let dep = s
        .pay(
            &ctx(),
            &PayInput {
                customer: "王喆五金店".into(),
                amount: "300".into(),
                method: "bank".into(),
                order: Some(o.clone()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(dep.number, "RC-2026-000001");
    assert_eq!((dep.allocated, dep.unallocated), (m("0"), m("300")), "no invoice yet: the deposit waits");
    let acc = s.account("王喆五金店", day("2026-03-05")).unwrap();
    assert_eq!((acc.balance, acc.unallocated), (m("-300"), m("300")));
    s.deliver(&ctx(), &o, None).unwrap();
    let inv = s.issue_invoice(&ctx(), &o, None).unwrap().number;
    assert_eq!(open_of(&s, "王喆五金店", &inv), Some(m("700")), "the deposit moved to the order's invoice");
    assert_eq!(s.payment(&dep.number).unwrap().allocations[0].invoice, inv);
    let rest = pay(&mut s, "王喆五金店", "700");
    assert_eq!(rest.allocations.len(), 1);
    let acc = s.account("王喆五金店", day("2026-03-05")).unwrap();
    assert_eq!((acc.balance, acc.unallocated, acc.invoices.len()), (m("0"), m("0"), 0));
    healthy(&s);
}

#[test]
fn three_invoices_paid_by_one_transfer_and_one_invoice_in_three_parts() {
    let mut s = shop();
    let invs: Vec<String> = ["100", "250", "50"].iter().map(|q| invoiced(&mut s, "王喆五金店", q)).collect();
    let p = pay(&mut s, "王喆五金店", "400");
    assert_eq!(
        p.allocations.iter().map(|a| (a.invoice.clone(), a.amount)).collect::<Vec<_>>(),
        [(invs[0].clone(), m("100")), (invs[1].clone(), m("250")), (invs[2].clone(), m("50"))]
    );
    assert_eq!(s.account("王喆五金店", day("2026-03-05")).unwrap().balance, m("0"));

    let one = invoiced(&mut s, "堃泰物业", "90");
    for (part, open) in [("30", "60"), ("30.50", "29.50"), ("29.50", "0")] {
        pay(&mut s, "堃泰物业", part);
        assert_eq!(open_of(&s, "堃泰物业", &one).unwrap_or(Money::ZERO), m(open));
    }
    healthy(&s);
}

#[test]
fn payments_are_never_changed() {
    let mut s = shop();
    invoiced(&mut s, "王喆五金店", "10");
    pay(&mut s, "王喆五金店", "10");
    let conn = s.store_mut().raw_connection_for_benchmarks();
    for sql in
        ["UPDATE payment SET amount_cents = 1", "DELETE FROM payment", "UPDATE allocation SET amount_cents = 1", "DELETE FROM allocation"]
    {
        assert!(conn.execute(sql, []).unwrap_err().to_string().contains("never"), "{sql}");
    }
}

#[test]
fn bad_payments_name_the_field_and_write_nothing() {
    let mut s = shop();
    let inv = invoiced(&mut s, "王喆五金店", "10");
    let before = s.dump().unwrap();
    for (input, code, field) in [
        (
            PayInput { customer: "王喆五金店".into(), amount: "abc".into(), method: "cash".into(), ..Default::default() },
            ErrorCode::Invalid,
            "amount",
        ),
        (
            PayInput { customer: "王喆五金店".into(), amount: "-5".into(), method: "cash".into(), ..Default::default() },
            ErrorCode::Invalid,
            "amount",
        ),
        (
            PayInput { customer: "王喆五金店".into(), amount: "5".into(), method: "bitcoin".into(), ..Default::default() },
            ErrorCode::Invalid,
            "method",
        ),
        (
            PayInput { customer: "nobody".into(), amount: "5".into(), method: "cash".into(), ..Default::default() },
            ErrorCode::NotFound,
            "customer",
        ),
        (
            PayInput {
                customer: "堃泰物业".into(),
                amount: "5".into(),
                method: "cash".into(),
                invoices: Some(vec![inv.clone()]),
                ..Default::default()
            },
            ErrorCode::NotFound,
            "invoice",
        ),
    ] {
        let e = s.pay(&ctx(), &input).unwrap_err();
        assert_eq!(e.code(), code, "{e}");
        assert_eq!(e.field.map(|f| f.key.as_str()), Some(field), "{e}");
    }
    assert_eq!(s.dump().unwrap(), before);
}

#[test]
fn an_order_goes_from_unpaid_through_deposit_and_part_payment_to_paid_and_overpaid() {
    let mut s = shop();
    let o = order(&mut s, "王喆五金店", "100");
    assert_eq!(status_of(&s, &o), PaymentStatus::Unpaid);
    s.pay(
        &ctx(),
        &PayInput {
            customer: "王喆五金店".into(),
            amount: "30".into(),
            method: "cash".into(),
            order: Some(o.clone()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(status_of(&s, &o), PaymentStatus::Deposit);
    s.deliver(&ctx(), &o, None).unwrap();
    let inv = s.issue_invoice(&ctx(), &o, None).unwrap();
    assert_eq!((inv.paid, inv.open, inv.payment_status), (m("30"), m("70"), Some(PaymentStatus::PartiallyPaid)));
    assert_eq!(status_of(&s, &o), PaymentStatus::PartiallyPaid);
    pay(&mut s, "王喆五金店", "70");
    assert_eq!(status_of(&s, &o), PaymentStatus::Paid);
    assert_eq!(s.invoice(&inv.number).unwrap().payment_status, Some(PaymentStatus::Paid));
    // money paid on the order after it is settled stays on it: overpaid
    s.pay(
        &ctx(),
        &PayInput {
            customer: "王喆五金店".into(),
            amount: "5".into(),
            method: "cash".into(),
            order: Some(o.clone()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(status_of(&s, &o), PaymentStatus::Overpaid);
    // lists filter by payment status
    let other = order(&mut s, "王喆五金店", "10");
    let list = |p: &str| -> Vec<String> {
        s.orders(&kaidan_api::OrderQuery { payment: Some(p.into()), ..Default::default() })
            .unwrap()
            .items
            .into_iter()
            .map(|o| o.number)
            .collect()
    };
    assert_eq!(list("overpaid"), [o.clone()]);
    assert_eq!(list("unpaid"), [other]);
    assert!(list("paid").is_empty());
    assert_eq!(
        s.orders(&kaidan_api::OrderQuery { payment: Some("owing".into()), ..Default::default() }).unwrap_err().code(),
        ErrorCode::Invalid
    );
    healthy(&s);
}

#[test]
fn matches_can_be_made_and_taken_back_by_hand() {
    let mut s = shop();
    let a = invoiced(&mut s, "王喆五金店", "50");
    let b = invoiced(&mut s, "王喆五金店", "50");
    let p = s
        .pay(
            &ctx(),
            &PayInput {
                customer: "王喆五金店".into(),
                amount: "50".into(),
                method: "cash".into(),
                invoices: Some(vec![b.clone()]),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(p.allocations[0].invoice, b, "the invoice named is paid, not the oldest");
    let undo = kaidan_api::AllocateInput {
        customer: "王喆五金店".into(),
        payment: Some(p.number.clone()),
        invoice: Some(b.clone()),
        undo: Some(true),
        ..Default::default()
    };
    let r = s.allocate(&ctx(), &undo).unwrap();
    assert_eq!((r.allocated, r.unallocated), (m("-50"), m("50")));
    let by_hand = kaidan_api::AllocateInput {
        customer: "王喆五金店".into(),
        payment: Some(p.number.clone()),
        invoice: Some(a.clone()),
        amount: Some("20".into()),
        ..Default::default()
    };
    assert_eq!(s.allocate(&ctx(), &by_hand).unwrap().allocated, m("20"));
    assert_eq!(open_of(&s, "王喆五金店", &a), Some(m("30")));
    let before = s.dump().unwrap();
    let too_much = kaidan_api::AllocateInput { amount: Some("31".into()), ..by_hand.clone() };
    let e = s.allocate(&ctx(), &too_much).unwrap_err();
    assert_eq!(e.field.map(|f| f.key.as_str()), Some("amount"));
    assert_eq!(s.dump().unwrap(), before);
    // FIFO takes the rest: a's 30 first (due first), then nothing is left for b
    let r = s.allocate(&ctx(), &kaidan_api::AllocateInput { customer: "王喆五金店".into(), ..Default::default() }).unwrap();
    assert_eq!((r.allocated, r.unallocated, open_of(&s, "王喆五金店", &a)), (m("30"), m("0"), None));
    healthy(&s);
}

#[test]
fn an_over_payment_stays_as_credit_then_is_refunded() {
    let mut s = shop();
    let inv = invoiced(&mut s, "王喆五金店", "80");
    let p = pay(&mut s, "王喆五金店", "100");
    assert_eq!((p.allocated, p.unallocated), (m("80"), m("20")));
    assert_eq!(open_of(&s, "王喆五金店", &inv), None, "paid in full");
    let acc = s.account("王喆五金店", day("2026-03-05")).unwrap();
    assert_eq!((acc.balance, acc.unallocated), (m("-20"), m("20")));
    let before = s.dump().unwrap();
    let e = s
        .refund(&ctx(), &PayInput { customer: "王喆五金店".into(), amount: "25".into(), method: "cash".into(), ..Default::default() })
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid, "{e}");
    assert!(e.message(kaidan_api::core::Lang::ZhCn).contains("20.00"), "the message says what can be refunded: {e}");
    assert_eq!(s.dump().unwrap(), before);
    let r = s
        .refund(&ctx(), &PayInput { customer: "王喆五金店".into(), amount: "20".into(), method: "cash".into(), ..Default::default() })
        .unwrap();
    assert_eq!((r.kind, r.amount), (PaymentKind::Refund, m("-20")));
    assert_eq!(s.account("王喆五金店", day("2026-03-05")).unwrap().balance, m("0"));
    healthy(&s);
}

#[test]
fn a_return_after_payment_gives_a_credit_note_then_a_refund() {
    let mut s = shop();
    let inv = invoiced(&mut s, "王喆五金店", "50");
    pay(&mut s, "王喆五金店", "50");
    s.credit_invoice(&ctx(), &inv, Some(&[DocLineInput { sku: "P".into(), qty: "10".into() }]), Some("退货 10 个")).unwrap();
    let acc = s.account("王喆五金店", day("2026-03-05")).unwrap();
    assert_eq!(acc.balance, m("-10"), "the shop owes the customer the returned goods");
    let r = s
        .refund(&ctx(), &PayInput { customer: "王喆五金店".into(), amount: "10".into(), method: "wechat".into(), ..Default::default() })
        .unwrap();
    assert_eq!(r.amount, m("-10"));
    assert_eq!(s.account("王喆五金店", day("2026-03-05")).unwrap().balance, m("0"));
    healthy(&s);
}

#[test]
fn a_mistaken_receipt_is_reversed_and_its_invoices_reopen() {
    let mut s = shop();
    let inv = invoiced(&mut s, "王喆五金店", "60");
    let p = pay(&mut s, "王喆五金店", "60");
    let rev = s.reverse_payment(&ctx(), &p.number, "录错客户").unwrap();
    assert_eq!((rev.kind, rev.amount, rev.reverses.as_deref()), (PaymentKind::Reversal, m("-60"), Some(p.number.as_str())));
    assert_eq!(open_of(&s, "王喆五金店", &inv), Some(m("60")));
    assert_eq!(s.reverse_payment(&ctx(), &p.number, "again").unwrap_err().code(), ErrorCode::WrongState);
    assert_eq!(s.reverse_payment(&ctx(), &rev.number, "again").unwrap_err().code(), ErrorCode::WrongState);
    let again = pay(&mut s, "王喆五金店", "60");
    assert_eq!(again.allocations.len(), 1, "the reversed receipt's money is not allocated again");
    healthy(&s);
}

#[test]
fn a_refund_reversed_gives_the_receipt_its_money_back_and_a_refunded_receipt_cannot_be_reversed() {
    let mut s = shop();
    let p = pay(&mut s, "王喆五金店", "40");
    let r = s
        .refund(&ctx(), &PayInput { customer: "王喆五金店".into(), amount: "15".into(), method: "cash".into(), ..Default::default() })
        .unwrap();
    assert_eq!(s.payment(&p.number).unwrap().refunded, m("15"));
    assert_eq!(s.reverse_payment(&ctx(), &p.number, "错").unwrap_err().code(), ErrorCode::WrongState);
    s.reverse_payment(&ctx(), &r.number, "没退成").unwrap();
    let back = s.payment(&p.number).unwrap();
    assert_eq!((back.refunded, back.unallocated), (m("0"), m("40")));
    s.reverse_payment(&ctx(), &p.number, "录错").unwrap();
    assert_eq!(s.account("王喆五金店", day("2026-03-05")).unwrap().balance, m("0"));
    healthy(&s);
}

#[test]
fn a_confirmed_order_with_an_invoice_cannot_be_cancelled_until_it_is_credited() {
    let mut s = shop();
    let o = order(&mut s, "王喆五金店", "10");
    let inv = s.issue_invoice(&ctx(), &o, Some(&[DocLineInput { sku: "P".into(), qty: "10".into() }])).unwrap();
    let e = s.cancel_order(&ctx(), &o, "客户不要了").unwrap_err();
    assert!(e.message(kaidan_api::core::Lang::ZhCn).contains("冲销单"), "{e}");
    s.credit_invoice(&ctx(), &inv.number, None, None).unwrap();
    s.cancel_order(&ctx(), &o, "客户不要了").unwrap();
    healthy(&s);
}

/// The order's history tells the whole story: its own steps, its invoice, the payment matched
/// to it and that payment's reversal — and nothing of another order's.
#[test]
fn an_orders_history_shows_its_invoice_and_payments() {
    let mut s = shop();
    let inv = invoiced(&mut s, "王喆五金店", "40");
    let other = invoiced(&mut s, "王喆五金店", "7");
    let p = pay(&mut s, "王喆五金店", "40");
    s.reverse_payment(&ctx(), &p.number, "录错了").unwrap();
    let order = s.invoice(&inv).unwrap().order;
    let h = s.order_history(&order).unwrap();
    let said: Vec<(&str, String)> =
        h.iter().map(|e| (e.action.as_str(), e.after.as_ref().and_then(|a| a["number"].as_str()).unwrap_or("").to_string())).collect();
    let acts: Vec<&str> = said.iter().map(|(a, _)| *a).collect();
    assert_eq!(acts, ["create", "confirm", "deliver", "issue", "receive", "reverse"], "{said:?}");
    assert_eq!(said[3].1, inv);
    assert_eq!(said[4].1, p.number);
    assert!(!said.iter().any(|(_, n)| *n == other), "another order's invoice is not in this history");
}
