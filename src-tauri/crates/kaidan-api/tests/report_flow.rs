//! 履约, 收款 and 订单毛利 in figures: a small shop whose every order, promise, delivery and
//! payment is known, each figure worked out by hand below.

use std::sync::atomic::AtomicBool;

use kaidan_api::core::{Money, OrderStatus};
use kaidan_api::{
    CustomerInput, DeliverInput, DeliverLine, ImportOptions, LineInput, OrderInput, PayInput, ProductInput, ReportQuery, Shop,
};

mod common;
use common::{at, day as d, m};

fn range(from: &str, to: &str) -> ReportQuery {
    ReportQuery { from: Some(from.into()), to: Some(to.into()), ..Default::default() }
}

/// Orders taken on `day`, promised for `by`, of `qty` A1 (price 10.00, cost 6.00, no tax).
fn order(s: &mut Shop, day: &str, by: Option<&str>, qty: &str) -> String {
    let input = OrderInput {
        customer: "王喆五金店".into(),
        lines: vec![LineInput { sku: "A1".into(), qty: qty.into(), unit_price: None, discount: None }],
        deliver_by: by.map(Into::into),
        ..Default::default()
    };
    s.create_and_confirm(&at(day), &input, false).unwrap().number
}

fn shop(dir: &std::path::Path) -> Shop {
    let mut s = Shop::open_in_memory().unwrap();
    let c = at("2026-03-01");
    s.init(&c, "测试五金店", "店主").unwrap();
    s.add_product(
        &c,
        &ProductInput {
            sku: Some("A1".into()),
            name: Some("六角螺栓".into()),
            price: Some("10.00".into()),
            tax_rate: Some("0".into()),
            ..Default::default()
        },
    )
    .unwrap();
    s.add_customer(&c, &CustomerInput { name: Some("王喆五金店".into()), ..Default::default() }).unwrap();
    s.receive_stock(&c, "A1", "1000", Some("6.00"), None).unwrap();
    // history: delivered "on its order date", which is not known to be true: left out
    let sheet = dir.join("history.csv");
    std::fs::write(&sheet, "单号,客户,日期,编码,品名,数量,单价\r\nH1,王喆五金店,2026-03-02,A1,六角螺栓,1,10.00\r\n").unwrap();
    s.import_orders(&c, &sheet, &ImportOptions::default(), false, &mut |_, _| {}, &AtomicBool::new(false)).unwrap();
    s
}

#[test]
fn fulfilment_counts_lead_times_promises_and_late_open_orders() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop(dir.path());
    let all = DeliverInput::default;
    // delivered the same day, no promise: 0 days
    let a = order(&mut s, "2026-03-02", None, "1");
    s.deliver_order(&at("2026-03-02"), &a, &all()).unwrap();
    // promised 03-05, delivered 03-04: 2 days, on time
    let b = order(&mut s, "2026-03-02", Some("2026-03-05"), "1");
    s.deliver_order(&at("2026-03-04"), &b, &all()).unwrap();
    // promised 03-05, delivered on 03-05 exactly: 3 days, on time
    let c = order(&mut s, "2026-03-02", Some("2026-03-05"), "1");
    s.deliver_order(&at("2026-03-05"), &c, &all()).unwrap();
    // promised 03-04, half on 03-03, the rest on 03-12: 10 days, 8 late
    let e = order(&mut s, "2026-03-02", Some("2026-03-04"), "2");
    s.deliver_order(
        &at("2026-03-03"),
        &e,
        &DeliverInput { lines: Some(vec![DeliverLine { sku: "A1".into(), qty: "1".into() }]), ..Default::default() },
    )
    .unwrap();
    s.deliver_order(&at("2026-03-12"), &e, &all()).unwrap();
    // open: promised 03-10, nothing delivered; one partly delivered promised 03-08; one not yet due
    let late1 = order(&mut s, "2026-03-03", Some("2026-03-10"), "1");
    let late2 = order(&mut s, "2026-03-03", Some("2026-03-08"), "2");
    s.deliver_order(
        &at("2026-03-04"),
        &late2,
        &DeliverInput { lines: Some(vec![DeliverLine { sku: "A1".into(), qty: "1".into() }]), ..Default::default() },
    )
    .unwrap();
    order(&mut s, "2026-03-03", Some("2026-03-31"), "1");
    // a cancelled one
    let x = order(&mut s, "2026-03-03", None, "1");
    s.cancel_order(&at("2026-03-03"), &x, "不要了").unwrap();

    let today = d("2026-03-15");
    let f = s.report_fulfilment(&range("2026-03-01", "2026-03-31"), today).unwrap();
    // lead times 0, 2, 3, 10: the median (nearest rank: the 2nd of 4) is 2, the 90th the 4th
    assert_eq!(f.delivered, 4);
    assert_eq!(f.lead_days.iter().map(|l| (l.days, l.orders)).collect::<Vec<_>>(), vec![(0, 1), (2, 1), (3, 1), (10, 1)]);
    assert_eq!((f.lead_median, f.lead_p90), (Some(2), Some(10)));
    assert_eq!((f.promised, f.on_time, f.on_time_rate.as_deref()), (3, 2, Some("66.67")));
    // taken in March: 4 delivered + H1 (history, delivered) + 1 partly + 2 confirmed + 1 cancelled
    let count = |st: OrderStatus| f.statuses.iter().find(|x| x.status == st).unwrap().orders;
    assert_eq!(count(OrderStatus::Delivered), 5);
    assert_eq!(count(OrderStatus::PartiallyDelivered), 1);
    assert_eq!(count(OrderStatus::Confirmed), 2);
    assert_eq!(count(OrderStatus::Cancelled), 1);
    assert_eq!(f.statuses.len(), 6, "every status, zero ones too");
    // late today (15 March): promised 03-08 (7 days) and 03-10 (5 days), the latest first
    let late: Vec<(&str, u32)> = f.late.iter().map(|o| (o.number.as_str(), o.days_late)).collect();
    assert_eq!(late, vec![(late2.as_str(), 7), (late1.as_str(), 5)]);
    assert_eq!(f.late[0].status, OrderStatus::PartiallyDelivered);
    // the overview counts the same late orders
    assert_eq!(s.report_overview(&range("2026-03-01", "2026-03-31"), today).unwrap().late_orders, 2);
    // a range that holds only the last delivery of order e: it counts there, with its 10 days
    let f = s.report_fulfilment(&range("2026-03-10", "2026-03-12"), today).unwrap();
    assert_eq!((f.delivered, f.lead_median, f.on_time_rate.as_deref()), (1, Some(10), Some("0.00")));
    // nothing delivered: no median, no rate — never a 0 that means nothing
    let f = s.report_fulfilment(&range("2026-02-01", "2026-02-28"), today).unwrap();
    assert_eq!((f.delivered, f.lead_median, f.lead_p90, f.on_time_rate), (0, None, None, None));
    assert!(s.check(true).unwrap().is_ok(false));
}

#[test]
fn collections_by_period_and_method_with_days_sales_outstanding() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop(dir.path());
    // 300.00 delivered in March (the history's 10.00 on 03-02 too), invoiced, 120.00 paid
    let a = order(&mut s, "2026-03-02", None, "20");
    s.deliver_order(&at("2026-03-02"), &a, &DeliverInput::default()).unwrap();
    let b = order(&mut s, "2026-03-09", None, "9");
    s.deliver_order(&at("2026-03-09"), &b, &DeliverInput::default()).unwrap();
    s.issue_invoice(&at("2026-03-09"), &a, None).unwrap();
    s.issue_invoice(&at("2026-03-09"), &b, None).unwrap();
    let pay = |s: &mut Shop, day: &str, amount: &str, method: &str| {
        s.pay(&at(day), &PayInput { customer: "王喆五金店".into(), amount: amount.into(), method: method.into(), ..Default::default() })
            .unwrap()
    };
    pay(&mut s, "2026-03-03", "100", "wechat");
    let wrong = pay(&mut s, "2026-03-10", "50", "cash");
    s.reverse_payment(&at("2026-03-10"), &wrong.number, "记错了").unwrap();
    pay(&mut s, "2026-03-16", "20", "cash");

    let today = d("2026-03-31");
    let c = s.report_collections(&ReportQuery { by: Some("week".into()), ..range("2026-03-01", "2026-03-31") }, today).unwrap();
    // weeks: 1 Mar (Sun), 2–8, 9–15, 16–22, 23–29, 30–31
    assert_eq!(c.points.len(), 6);
    let week = |i: usize| (c.points[i].received, c.points[i].refunded, c.points[i].net);
    assert_eq!(week(1), (m("100.00"), Money::ZERO, m("100.00")), "WeChat 100 on 3 March");
    assert_eq!(week(2), (Money::ZERO, Money::ZERO, Money::ZERO), "50 in cash, reversed the same day: nothing came in");
    assert_eq!(week(3), (m("20.00"), Money::ZERO, m("20.00")));
    let method = |p: &kaidan_api::core::report::MoneyPoint, k: &str| p.methods.iter().find(|x| x.method.as_str() == k).unwrap().net;
    assert_eq!((method(&c.total, "wechat"), method(&c.total, "cash")), (m("100.00"), m("20.00")));
    assert_eq!(c.total.methods.len(), 6, "every method, in the till's order");
    // sales with tax in March: 10.00 of history + 200.00 + 90.00; owed today: 290.00 invoiced
    // − 120.00 paid (the history was not invoiced)
    assert_eq!(c.sales_total, m("300.00"));
    assert_eq!(c.receivables, m("170.00"));
    assert_eq!(c.aging.total, c.receivables);
    // DSO: 170 / 300 × 31 days = 17.566… → 17.6
    assert_eq!(c.dso.as_deref(), Some("17.6"));
    // the money received equals the overview's, and a month with no sales has no DSO
    assert_eq!(c.total.net, s.report_overview(&range("2026-03-01", "2026-03-31"), today).unwrap().measures.received);
    assert_eq!(s.report_collections(&range("2026-02-01", "2026-02-28"), today).unwrap().dso, None);
}

#[test]
fn gross_profit_by_order_counts_what_went_out_and_came_back_in_the_range() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop(dir.path());
    let a = order(&mut s, "2026-03-02", None, "10");
    s.deliver_order(
        &at("2026-03-02"),
        &a,
        &DeliverInput { lines: Some(vec![DeliverLine { sku: "A1".into(), qty: "4".into() }]), ..Default::default() },
    )
    .unwrap();
    s.deliver_order(&at("2026-04-02"), &a, &DeliverInput::default()).unwrap();
    let b = order(&mut s, "2026-03-05", None, "3");
    s.deliver_order(&at("2026-03-05"), &b, &DeliverInput::default()).unwrap();
    s.return_goods(
        &at("2026-03-20"),
        &kaidan_api::ReturnInput {
            order: b.clone(),
            lines: vec![kaidan_api::ReturnLineInput { sku: "A1".into(), qty: "1".into(), damaged: Some(false) }],
            ..Default::default()
        },
    )
    .unwrap();
    let today = d("2026-04-30");
    let march = s.report_profit(&range("2026-03-01", "2026-03-31"), today).unwrap();
    // March: a's 4 (40.00 − 24.00), b's 3 less 1 back (20.00 − 12.00), H1 (10.00, cost unknown)
    let row = |n: &str| march.rows.iter().find(|r| r.number == n).unwrap().measures.clone();
    assert_eq!(
        (row(&a).sales, row(&a).cogs, row(&a).gross_profit, row(&a).margin.as_deref()),
        (m("40.00"), m("24.00"), m("16.00"), Some("40.00"))
    );
    assert_eq!((row(&b).sales, row(&b).cogs, row(&b).gross_profit), (m("20.00"), m("12.00"), m("8.00")));
    assert_eq!(march.rows.len(), 3);
    let h1 = march.rows.iter().find(|r| r.number != a && r.number != b).unwrap();
    assert_eq!(
        (h1.measures.sales_cost_unknown, h1.measures.margin.clone()),
        (m("10.00"), None),
        "history: cost unknown, never a 100 % margin"
    );
    // the best first
    assert_eq!(march.rows[0].number, a);
    assert_eq!(march.rank_by.as_str(), "gross_profit");
    // April: a's other 6 only
    let april = s.report_profit(&range("2026-04-01", "2026-04-30"), today).unwrap();
    assert_eq!(april.rows.len(), 1);
    assert_eq!((april.rows[0].measures.sales, april.rows[0].measures.gross_profit), (m("60.00"), m("24.00")));
    // ranked by sales when asked
    let by_sales = s.report_profit(&ReportQuery { rank: Some("sales".into()), ..range("2026-03-01", "2026-04-30") }, today).unwrap();
    assert_eq!((by_sales.rows[0].number.as_str(), by_sales.rows[0].measures.sales), (a.as_str(), m("100.00")));
}

/// An order sheet's history is added to the reports as a whole (migration 0031), not line by
/// line by the triggers: it counts as its orders would — a product twice in one order is one
/// order of that product, a customer's two orders of a day are two — every sum agrees with the
/// documents, and the import's undo takes it all out again.
#[test]
fn an_imported_sheets_history_counts_as_its_orders_and_its_undo_takes_it_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Shop::open_in_memory().unwrap();
    let c = at("2025-03-01");
    s.init(&c, "测试五金店", "店主").unwrap();
    let sheet = dir.path().join("旧 订单.csv");
    std::fs::write(
        &sheet,
        "单号,客户,日期,编码,品名,数量,单价\r\n\
         H1,客户甲,2025-03-04,A1,螺丝刀,10,15.00\r\n\
         H1,客户甲,2025-03-04,A1,螺丝刀,2,15.00\r\n\
         H1,客户甲,2025-03-04,B2,卷尺,1,9.00\r\n\
         H2,客户甲,2025-03-04,B2,卷尺,2,9.00\r\n\
         H3,客户乙,2025-03-05,A1,螺丝刀,1,15.00\r\n",
    )
    .unwrap();
    let r = s.import_orders(&c, &sheet, &ImportOptions::default(), false, &mut |_, _| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!((r.orders, r.lines), (3, 5));
    assert!(s.check(true).unwrap().is_ok(false), "{:?}", s.check(true).unwrap());
    let today = d("2025-03-31");
    let march = range("2025-03-01", "2025-03-31");
    let all = s.report_overview(&march, today).unwrap().measures;
    assert_eq!((all.orders, all.orders_value, all.sales_total, all.qty.to_string()), (3, m("222.00"), m("222.00"), "16".into()));
    let products = s.report_products(&march, today).unwrap();
    let figures = |sku: &str| {
        let p = products.rows.iter().find(|r| r.sku == sku).unwrap();
        (p.measures.orders, p.measures.qty.to_string(), p.measures.sales_total)
    };
    assert_eq!(figures("A1"), (2, "13".into(), m("195.00")), "A1 twice in H1 is one order");
    assert_eq!(figures("B2"), (2, "3".into(), m("27.00")));
    let customers = s.report_customers(&march, today).unwrap();
    let buyer = |name: &str| {
        let b = customers.rows.iter().find(|r| r.customer == name).unwrap();
        (b.measures.orders, b.measures.sales_total)
    };
    assert_eq!(buyer("客户甲"), (2, m("207.00")));
    assert_eq!(buyer("客户乙"), (1, m("15.00")));
    // both bought for the first time in March (customer_orders)
    assert_eq!(customers.mix.new.customers, 2, "{:?}", customers.mix);
    let day = s.report_overview(&range("2025-03-05", "2025-03-05"), today).unwrap().measures;
    assert_eq!((day.orders, day.sales_total), (1, m("15.00")));
    let profit = s.report_profit(&march, today).unwrap();
    assert_eq!(profit.rows.len(), 3, "each order's goods (report_order)");

    s.undo_import(&c, &r.batch).unwrap();
    assert!(s.check(true).unwrap().is_ok(false), "{:?}", s.check(true).unwrap());
    let none = s.report_overview(&march, today).unwrap().measures;
    assert_eq!((none.orders, none.sales_total), (0, Money::ZERO));
    assert!(s.report_customers(&march, today).unwrap().rows.is_empty());
    assert!(s.report_profit(&march, today).unwrap().rows.is_empty());
}
