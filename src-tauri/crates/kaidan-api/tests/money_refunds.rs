//! Refunds and reversals: credit paid back, a mistaken receipt or refund reversed, an invoiced
//! order cancelled only once credited.

use kaidan_api::core::model::PaymentKind;
use kaidan_api::core::ErrorCode;
use kaidan_api::{DocLineInput, PayInput};

mod common;

use common::{ctx, day, healthy, invoiced, m, open_of, order, pay, shop};

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
