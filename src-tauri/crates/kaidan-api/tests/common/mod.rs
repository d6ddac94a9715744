//! The money tests' shop and helpers (tests/money_*.rs): an in-memory shop with one product at
//! ¥1.00 and two customers (30 days' terms and due on issue), orders, invoices, payments; and the
//! dates and amounts the report tests (tests/report*.rs) write their shops with.
// each test file uses some of these
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use kaidan_api::core::model::PaymentStatus;
use kaidan_api::core::{Money, Sign};
use kaidan_api::{Ctx, CustomerInput, LineInput, OrderInput, PayInput, ProductInput, Shop};

pub fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-05T09:00:00Z").unwrap().with_timezone(&Utc)
}

/// The owner: with the PIN the tests that add a clerk give them (no PIN set, none is asked).
pub fn ctx() -> Ctx {
    Ctx::owner_at(t0()).with_pin("店主", "9999")
}

/// The owner at work at 10:00 UTC on `day` (`YYYY-MM-DD`).
pub fn at(day: &str) -> Ctx {
    Ctx::owner_at(DateTime::parse_from_rfc3339(&format!("{day}T10:00:00Z")).unwrap().with_timezone(&Utc))
}

pub fn day(d: &str) -> NaiveDate {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()
}

pub fn m(s: &str) -> Money {
    Money::parse(s, Sign::Any).unwrap()
}

pub fn shop() -> Shop {
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
pub fn order(s: &mut Shop, customer: &str, qty: &str) -> String {
    let input = OrderInput {
        customer: customer.into(),
        lines: vec![LineInput { sku: "P".into(), qty: qty.into(), unit_price: None, discount: None }],
        ..Default::default()
    };
    s.create_and_confirm(&ctx(), &input, false).unwrap().number
}

/// An order delivered and invoiced in full; returns the invoice number.
pub fn invoiced(s: &mut Shop, customer: &str, qty: &str) -> String {
    let o = order(s, customer, qty);
    s.deliver(&ctx(), &o, None).unwrap();
    s.issue_invoice(&ctx(), &o, None).unwrap().number
}

pub fn pay(s: &mut Shop, customer: &str, amount: &str) -> kaidan_api::core::model::Payment {
    s.pay(&ctx(), &PayInput { customer: customer.into(), amount: amount.into(), method: "微信".into(), ..Default::default() }).unwrap()
}

pub fn open_of(s: &Shop, customer: &str, invoice: &str) -> Option<Money> {
    s.account(customer, day("2026-03-05")).unwrap().invoices.into_iter().find(|i| i.number == invoice).map(|i| i.open)
}

pub fn healthy(s: &Shop) {
    let r = s.check(true).unwrap();
    assert!(r.is_ok(true), "{r:#?}");
}

pub fn status_of(s: &Shop, order: &str) -> PaymentStatus {
    s.order(order).unwrap().payment_status
}
