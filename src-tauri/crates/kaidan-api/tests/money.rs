//! Receipts, allocation (核销), refunds, reversals, the account and aging, on an in-memory shop.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use kaidan_api::core::model::PaymentKind;
use kaidan_api::core::{ErrorCode, Money, Sign};
use kaidan_api::{Ctx, CustomerInput, DocLineInput, LineInput, OrderInput, PayInput, ProductInput, Shop};

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-05T09:00:00Z").unwrap().with_timezone(&Utc)
}

fn ctx() -> Ctx {
    Ctx::owner_at(t0())
}

fn day(d: &str) -> NaiveDate {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()
}

fn m(s: &str) -> Money {
    Money::parse(s, Sign::Any).unwrap()
}

fn shop() -> Shop {
    let mut s = Shop::open_in_memory().unwrap();
    s.init(&ctx(), "喆记五金", "店主").unwrap();
    s.set_setting(&ctx(), "approval_threshold", "none").unwrap();
    s.set_setting(&ctx(), "allow_negative_stock", "true").unwrap();
    s.add_product(
        &ctx(),
        &ProductInput {
            sku: Some("P".into()),
            name: Some("合页".into()),
            price: Some("1.00".into()),
            unit: Some("个".into()),
            ..Default::default()
        },
    )
    .unwrap();
    for (name, terms) in [("王喆五金店", "30"), ("堃泰物业", "0")] {
        s.add_customer(&ctx(), &CustomerInput { name: Some(name.into()), payment_terms_days: Some(terms.into()), ..Default::default() })
            .unwrap();
    }
    s
}

/// A confirmed order of `qty` × ¥1.00 for the customer.
fn order(s: &mut Shop, customer: &str, qty: &str) -> String {
    let input = OrderInput {
        customer: customer.into(),
        lines: vec![LineInput { sku: "P".into(), qty: qty.into(), unit_price: None, discount: None }],
        ..Default::default()
    };
    s.create_and_confirm(&ctx(), &input, false).unwrap().number
}

/// An order delivered and invoiced in full; returns the invoice number.
fn invoiced(s: &mut Shop, customer: &str, qty: &str) -> String {
    let o = order(s, customer, qty);
    s.deliver(&ctx(), &o, None).unwrap();
    s.issue_invoice(&ctx(), &o, None).unwrap().number
}

fn pay(s: &mut Shop, customer: &str, amount: &str) -> kaidan_api::core::model::Payment {
    s.pay(&ctx(), &PayInput { customer: customer.into(), amount: amount.into(), method: "微信".into(), ..Default::default() }).unwrap()
}

fn open_of(s: &Shop, customer: &str, invoice: &str) -> Option<Money> {
    s.account(customer, day("2026-03-05")).unwrap().invoices.into_iter().find(|i| i.number == invoice).map(|i| i.open)
}

fn healthy(s: &Shop) {
    let r = s.check(true).unwrap();
    assert!(r.is_ok(true), "{r:#?}");
}

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
fn aging_puts_open_amounts_in_buckets_by_days_past_due() {
    let mut s = shop();
    // 王喆: 30 days' terms; 堃泰: due on issue
    let a = invoiced(&mut s, "王喆五金店", "100"); // due 2026-04-04
    let b = invoiced(&mut s, "堃泰物业", "40"); // due 2026-03-05
    pay(&mut s, "堃泰物业", "50"); // 10 of credit
    let at = |d: &str| s.aging(day(d)).unwrap();
    let now = at("2026-03-05");
    assert_eq!(now.rows.len(), 2);
    let w = now.rows.iter().find(|r| r.customer == "王喆五金店").unwrap();
    assert_eq!((w.current, w.total), (m("100"), m("100")));
    let k = now.rows.iter().find(|r| r.customer == "堃泰物业").unwrap();
    assert_eq!((k.current, k.total), (m("-10"), m("-10")), "credit on account is current, negative");
    let later = at("2026-05-10"); // 王喆 36 days late
    let w = later.rows.iter().find(|r| r.customer == "王喆五金店").unwrap();
    assert_eq!((w.current, w.d31_60, w.total), (m("0"), m("100"), m("100")));
    let far = at("2026-08-10");
    let w = far.rows.iter().find(|r| r.customer == "王喆五金店").unwrap();
    assert_eq!(w.d90_plus, m("100"));
    assert_eq!(far.totals.total, m("90"));
    let acc = s.account("王喆五金店", day("2026-05-10")).unwrap();
    assert_eq!((acc.overdue, acc.invoices[0].days_overdue), (m("100"), 36));
    let _ = (a, b);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]
    /// Random invoices, receipts (to named invoices, an order, or FIFO), refunds, credit notes,
    /// reversals and allocations: balances equal the documents, allocations never exceed either
    /// side (the check), and aging buckets sum to the balance.
    #[test]
    fn balances_allocations_and_aging_stay_consistent(ops in proptest::collection::vec((0u8..6, 0usize..2, 1u32..300), 1..14)) {
        let mut s = shop();
        let customers = ["王喆五金店", "堃泰物业"];
        let mut invoices: Vec<(usize, String)> = Vec::new();
        let mut payments: Vec<String> = Vec::new();
        let mut clock = 0i64;
        for (op, c, n) in ops {
            clock += 1;
            let ctx = Ctx::owner_at(t0() + Duration::days(clock));
            let customer = customers[c];
            match op {
                0 => {
                    let o = order(&mut s, customer, &n.to_string());
                    s.deliver(&ctx, &o, None).unwrap();
                    invoices.push((c, s.issue_invoice(&ctx, &o, None).unwrap().number));
                }
                1 | 2 => {
                    let target = invoices.iter().rev().find(|(ic, _)| *ic == c).map(|(_, n)| n.clone());
                    let input = PayInput {
                        customer: customer.into(),
                        amount: format!("{}.{:02}", n / 3, n % 100),
                        method: "cash".into(),
                        invoices: if op == 2 { target.map(|t| vec![t]) } else { None },
                        ..Default::default()
                    };
                    if let Ok(p) = s.pay(&ctx, &input) { payments.push(p.number) }
                }
                3 => {
                    let credit = s.account(customer, day("2026-03-05")).unwrap().unallocated;
                    if credit.is_positive() {
                        s.refund(&ctx, &PayInput { customer: customer.into(), amount: credit.to_string(), method: "cash".into(), ..Default::default() }).unwrap();
                    }
                }
                4 => {
                    if let Some((_, inv)) = invoices.iter().find(|(ic, _)| *ic == c) {
                        let _ = s.credit_invoice(&ctx, inv, Some(&[DocLineInput { sku: "P".into(), qty: "1".into() }]), None);
                    }
                }
                _ => {
                    if let Some(p) = payments.pop() {
                        let _ = s.reverse_payment(&ctx, &p, "test");
                    }
                    let _ = s.allocate(&ctx, &kaidan_api::AllocateInput { customer: customer.into(), ..Default::default() });
                }
            }
            let report = s.check(true).unwrap();
            proptest::prop_assert!(report.is_ok(true), "{:#?}", report);
        }
        let aging = s.aging(day("2026-06-30")).unwrap();
        for (i, customer) in customers.iter().enumerate() {
            let acc = s.account(customer, day("2026-06-30")).unwrap();
            let invoiced: Money = invoices.iter().filter(|(c, _)| *c == i)
                .map(|(_, n)| { let inv = s.invoice(n).unwrap(); inv.total + inv.credit_notes.iter().map(|c| s.invoice(c).unwrap().total).sum::<Money>() })
                .sum();
            let row = aging.rows.iter().find(|r| r.customer == *customer);
            let buckets = row.map(|r| r.current + r.d1_30 + r.d31_60 + r.d61_90 + r.d90_plus).unwrap_or(Money::ZERO);
            proptest::prop_assert_eq!(buckets, acc.balance, "aging buckets sum to the balance");
            proptest::prop_assert_eq!(row.map(|r| r.total).unwrap_or(Money::ZERO), acc.balance);
            proptest::prop_assert_eq!(acc.unallocated + acc.balance, acc.invoices.iter().map(|i| i.open).sum::<Money>());
            proptest::prop_assert!(acc.balance <= invoiced, "paying never raises the balance");
        }
    }
}
