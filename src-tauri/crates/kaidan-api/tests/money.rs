//! Receipts, allocation (核销), refunds, reversals, the account and aging, on an in-memory shop.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use kaidan_api::core::model::{PaymentKind, PaymentStatus};
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

fn status_of(s: &Shop, order: &str) -> PaymentStatus {
    s.order(order).unwrap().payment_status
}

fn on_hand(s: &Shop) -> Money {
    // P is priced ¥1.00: compare quantities through their text
    let l = s.stock_levels(Some("P"), false, None, 1).unwrap();
    Money::parse(&l[0].on_hand.to_string(), Sign::Any).unwrap()
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
