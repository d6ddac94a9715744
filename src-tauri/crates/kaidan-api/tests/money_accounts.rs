//! The account over time: aging buckets, statements, and a property test that balances,
//! matches, aging and statements stay consistent through random money operations.

use chrono::{DateTime, Duration, Utc};
use kaidan_api::core::model::PaymentStatus;
use kaidan_api::core::Money;
use kaidan_api::{Ctx, DocLineInput, PayInput};

mod common;

use common::{ctx, day, invoiced, m, order, pay, shop, t0};

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
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]
    /// Random invoices, receipts (to named invoices, on an order, cash on delivery, or FIFO),
    /// refunds, credit notes, reversals, matches, and returns (credit or refund, back on the
    /// shelf or written off): after every step the check holds (balances equal the documents,
    /// matches never exceed a receipt or an invoice, every refund is paid out of receipts, order
    /// money equals its documents); at the end aging buckets and the statement agree with the
    /// balance, and each order's payment status is the one its list filter finds it under.
    #[test]
    fn balances_allocations_and_aging_stay_consistent(ops in proptest::collection::vec((0u8..10, 0usize..2, 1u32..300), 1..16)) {
        let mut s = shop();
        let customers = ["王喆五金店", "堃泰物业"];
        let mut invoices: Vec<(usize, String)> = Vec::new();
        let mut orders: Vec<(usize, String)> = Vec::new();
        let mut payments: Vec<String> = Vec::new();
        let mut clock = 0i64;
        for (op, c, n) in ops {
            clock += 1;
            let ctx = Ctx::owner_at(t0() + Duration::days(clock));
            let customer = customers[c];
            let last_order = orders.iter().rev().find(|(oc, _)| *oc == c).map(|(_, o)| o.clone());
            match op {
                0 => {
                    let o = order(&mut s, customer, &n.to_string());
                    s.deliver(&ctx, &o, None).unwrap();
                    invoices.push((c, s.issue_invoice(&ctx, &o, None).unwrap().number));
                    orders.push((c, o));
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
                        let amount = if n % 2 == 0 { credit } else { Money::from_minor((credit.minor() / 2).max(1)) };
                        let p = s.refund(&ctx, &PayInput { customer: customer.into(), amount: amount.to_string(), method: "cash".into(), ..Default::default() }).unwrap();
                        payments.push(p.number);
                    }
                }
                4 => {
                    if let Some((_, inv)) = invoices.iter().find(|(ic, _)| *ic == c) {
                        let _ = s.credit_invoice(&ctx, inv, Some(&[DocLineInput { sku: "P".into(), qty: "1".into() }]), None);
                    }
                }
                5 => {
                    if let Some(p) = payments.pop() {
                        let _ = s.reverse_payment(&ctx, &p, "test");
                    }
                    let _ = s.allocate(&ctx, &kaidan_api::AllocateInput { customer: customer.into(), ..Default::default() });
                }
                6 | 7 => {
                    if let Some(o) = last_order {
                        let input = kaidan_api::ReturnInput {
                            order: o,
                            lines: vec![kaidan_api::ReturnLineInput { sku: "P".into(), qty: (n % 7 + 1).to_string(), damaged: Some(n % 3 == 0) }],
                            settlement: Some(if op == 6 { "refund" } else { "credit" }.into()),
                            ..Default::default()
                        };
                        let _ = s.return_goods(&ctx, &input);
                    }
                }
                8 => {
                    // a deposit on a new order, some more at the door
                    let o = order(&mut s, customer, &n.to_string());
                    let dep = s.pay(&ctx, &PayInput { customer: customer.into(), amount: format!("{}", n / 3 + 1), method: "wechat".into(), order: Some(o.clone()), ..Default::default() }).unwrap();
                    payments.push(dep.number);
                    let cod = kaidan_api::CodInput { amount: format!("{}", n / 2 + 1), method: "cash".into(), reference: None };
                    let d = s.deliver_order(&ctx, &o, &kaidan_api::DeliverInput { payment: Some(cod), ..Default::default() }).unwrap();
                    payments.extend(d.payment);
                    orders.push((c, o));
                }
                _ => {
                    if let Some(o) = last_order {
                        if let Ok(inv) = s.issue_invoice(&ctx, &o, None) { invoices.push((c, inv.number)) }
                    }
                }
            }
            let report = s.check(true).unwrap();
            proptest::prop_assert!(report.is_ok(true), "{:#?}", report);
        }
        let aging = s.aging(day("2026-06-30")).unwrap();
        for customer in customers {
            let acc = s.account(customer, day("2026-06-30")).unwrap();
            let row = aging.rows.iter().find(|r| r.customer == customer);
            let buckets = row.map(|r| r.current + r.d1_30 + r.d31_60 + r.d61_90 + r.d90_plus).unwrap_or(Money::ZERO);
            proptest::prop_assert_eq!(buckets, acc.balance, "aging buckets sum to the balance");
            proptest::prop_assert_eq!(row.map(|r| r.total).unwrap_or(Money::ZERO), acc.balance);
            proptest::prop_assert_eq!(acc.unallocated + acc.balance, acc.invoices.iter().map(|i| i.open).sum::<Money>());
            proptest::prop_assert!(!acc.unallocated.is_negative());
            let st = s.statement(customer, day("2026-01-01"), day("2027-12-31")).unwrap();
            proptest::prop_assert_eq!(st.closing, acc.balance, "the statement ends at the balance");
            proptest::prop_assert_eq!(st.rows.last().map(|r| r.balance).unwrap_or(Money::ZERO), acc.balance);
        }
        for (_, o) in &orders {
            let order = s.order(o).unwrap();
            let due = PaymentStatus::of_order(order.total - order.returned, order.received, order.invoiced);
            proptest::prop_assert_eq!(order.payment_status, due);
            let listed = s.orders(&kaidan_api::OrderQuery { payment: Some(due.as_str().into()), limit: Some(500), ..Default::default() }).unwrap();
            proptest::prop_assert!(listed.items.iter().any(|x| &x.number == o), "{} is listed as {}", o, due.as_str());
        }
    }
}

#[test]
fn the_statement_runs_from_the_opening_balance_to_the_balance_of_the_account() {
    let mut s = shop();
    let at = |d: &str| Ctx::owner_at(DateTime::parse_from_rfc3339(&format!("{d}T09:00:00Z")).unwrap().with_timezone(&Utc));
    let o1 = order(&mut s, "王喆五金店", "100");
    s.deliver(&ctx(), &o1, None).unwrap();
    let i1 = s.issue_invoice(&at("2026-02-20"), &o1, None).unwrap().number; // before the period
    s.pay(&at("2026-03-02"), &PayInput { customer: "王喆五金店".into(), amount: "60".into(), method: "bank".into(), ..Default::default() })
        .unwrap();
    let o2 = order(&mut s, "王喆五金店", "50");
    s.deliver(&ctx(), &o2, None).unwrap();
    let i2 = s.issue_invoice(&at("2026-03-10"), &o2, None).unwrap().number;
    let cn = s.credit_invoice(&at("2026-03-12"), &i2, Some(&[DocLineInput { sku: "P".into(), qty: "5".into() }]), None).unwrap().number;
    s.pay(&at("2026-04-02"), &PayInput { customer: "王喆五金店".into(), amount: "10".into(), method: "cash".into(), ..Default::default() })
        .unwrap();
    let st = s.statement("王喆五金店", day("2026-03-01"), day("2026-03-31")).unwrap();
    assert_eq!(st.opening, m("100"));
    let rows: Vec<(&str, &str, Money, Money, Money)> =
        st.rows.iter().map(|r| (r.kind.as_str(), r.number.as_str(), r.debit, r.credit, r.balance)).collect();
    assert_eq!(
        rows,
        [
            ("receipt", "RC-2026-000001", m("0"), m("60"), m("40")),
            ("invoice", i2.as_str(), m("50"), m("0"), m("90")),
            ("credit_note", cn.as_str(), m("0"), m("5"), m("85")),
        ]
    );
    assert_eq!((st.debits, st.credits, st.closing), (m("50"), m("65"), m("85")));
    let all = s.statement("王喆五金店", day("2026-01-01"), day("2026-12-31")).unwrap();
    assert_eq!((all.opening, all.closing), (m("0"), s.account("王喆五金店", day("2026-12-31")).unwrap().balance));
    assert_eq!(all.rows.first().map(|r| r.number.as_str()), Some(i1.as_str()));
    let e = s.statement("王喆五金店", day("2026-03-31"), day("2026-03-01")).unwrap_err();
    assert_eq!(e.field.map(|f| f.key.as_str()), Some("to"));
}
