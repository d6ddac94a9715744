//! The reports against a plain fold of the documents: a worked shop over two years — receipts
//! at two costs, a product with its form's cost, one never costed, partial deliveries, a price
//! change, a return to the shelf and one written off, an invoice and a credit note, a cancelled
//! order, imported history without cost, money in two methods — and every figure of every
//! report recomputed from the orders, their deliveries and returns, the stock ledger and the
//! payments, to the fen. Then the identities: Σ products = Σ customers = Σ of the trend = the
//! overview, for any range.

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use kaidan_api::core::report::{Measures, Tally};
use kaidan_api::core::{Money, MoveReason, Qty};
use kaidan_api::{
    ChangeInput, CustomerInput, DeliverInput, DeliverLine, ImportOptions, LineInput, OrderInput, OrderQuery, PayInput, ProductInput,
    ReportQuery, ReturnInput, ReturnLineInput, Shop,
};
use rust_decimal::Decimal;

mod common;
use common::{at, day as d};

fn line(sku: &str, qty: &str) -> LineInput {
    LineInput { sku: sku.into(), qty: qty.into(), unit_price: None, discount: None }
}
fn range(from: &str, to: &str) -> ReportQuery {
    ReportQuery { from: Some(from.into()), to: Some(to.into()), ..Default::default() }
}
fn cents(x: Decimal) -> Money {
    Money::from_decimal_rounded(x).unwrap()
}

/// The worked shop. Returns it and the numbers of its orders.
fn worked_shop(dir: &std::path::Path) -> Shop {
    let mut s = Shop::open_in_memory().unwrap();
    let c = at("2025-01-02");
    s.init(&c, "测试五金店", "店主").unwrap();
    let product = |sku: &str, name: &str, price: &str, cost: Option<&str>| ProductInput {
        sku: Some(sku.into()),
        name: Some(name.into()),
        price: Some(price.into()),
        cost: cost.map(Into::into),
        tax_rate: Some("13".into()),
        ..Default::default()
    };
    s.add_product(&c, &product("A1", "六角螺栓", "2.50", None)).unwrap();
    s.add_product(&c, &product("B2", "膨胀螺栓", "12.00", Some("7.00"))).unwrap();
    s.add_product(&c, &product("C3", "圆钉", "9.50", None)).unwrap();
    for name in ["王喆五金店", "城东装修队"] {
        s.add_customer(&c, &CustomerInput { name: Some(name.into()), region: Some("城东".into()), ..Default::default() }).unwrap();
    }
    // A1 at two costs: 100 at 1.20, then 50 at 1.50 (average 1.30); B2 at its form's cost 7.00;
    // C3 never costed
    s.receive_stock(&c, "A1", "100", Some("1.20"), None).unwrap();
    s.receive_stock(&c, "B2", "20", None, None).unwrap();
    s.receive_stock(&c, "C3", "30", None, None).unwrap();

    // history from a sheet, 2024, no cost
    let sheet = dir.join("2024.csv");
    std::fs::write(&sheet, "单号,客户,日期,编码,品名,数量,单价\r\nH1,王喆五金店,2024-06-03,A1,六角螺栓,40,2.40\r\nH2,城东装修队,2024-11-20,B2,膨胀螺栓,3,11.00\r\n").unwrap();
    let no = AtomicBool::new(false);
    s.import_orders(&c, &sheet, &ImportOptions::default(), false, &mut |_, _| {}, &no).unwrap();

    // order 1: 10 A1 and 2 B2; 4 A1 go out in March, the rest in April after more A1 at 1.50
    let c = at("2025-03-05");
    let o1 = s
        .create_and_confirm(
            &c,
            &OrderInput { customer: "王喆五金店".into(), lines: vec![line("A1", "10"), line("B2", "2")], ..Default::default() },
            false,
        )
        .unwrap()
        .number;
    let part = DeliverInput { lines: Some(vec![DeliverLine { sku: "A1".into(), qty: "4".into() }]), ..Default::default() };
    s.deliver_order(&c, &o1, &part).unwrap();
    s.issue_invoice(&c, &o1, None).unwrap();
    s.pay(&c, &PayInput { customer: "王喆五金店".into(), amount: "6".into(), method: "wechat".into(), ..Default::default() }).unwrap();
    let c = at("2025-04-10");
    s.receive_stock(&c, "A1", "50", Some("1.50"), None).unwrap();
    s.deliver_order(&c, &o1, &DeliverInput::default()).unwrap();

    // order 2: 3 C3 (never costed) and 1 B2, its price changed before delivery; a return in
    // May: 1 C3 to the shelf, the B2 written off
    let c = at("2025-04-20");
    let o2 = s
        .create_and_confirm(
            &c,
            &OrderInput { customer: "城东装修队".into(), lines: vec![line("C3", "3"), line("B2", "1")], ..Default::default() },
            false,
        )
        .unwrap()
        .number;
    let changed = LineInput { unit_price: Some("11.00".into()), ..line("B2", "1") };
    s.change_order(&c, &o2, &ChangeInput { lines: Some(vec![line("C3", "3"), changed]), ..Default::default() }).unwrap();
    s.deliver_order(&c, &o2, &DeliverInput::default()).unwrap();
    let c = at("2025-05-06");
    let back = |sku: &str, qty: &str, damaged: bool| ReturnLineInput { sku: sku.into(), qty: qty.into(), damaged: Some(damaged) };
    s.return_goods(
        &c,
        &ReturnInput { order: o2.clone(), lines: vec![back("C3", "1", false), back("B2", "1", true)], ..Default::default() },
    )
    .unwrap();

    // order 1 loses 2 A1 to a return in 2026; a cash payment; an invoice and its credit note
    let c = at("2026-01-15");
    s.return_goods(&c, &ReturnInput { order: o1.clone(), lines: vec![back("A1", "2", false)], ..Default::default() }).unwrap();
    s.pay(&c, &PayInput { customer: "王喆五金店".into(), amount: "20".into(), method: "cash".into(), ..Default::default() }).unwrap();
    let inv = s.issue_invoice(&c, &o2, None).unwrap();
    s.credit_invoice(&c, &inv.number, None, Some("开错")).unwrap();

    // a cancelled order, and a draft: neither counts
    let c = at("2026-02-02");
    let o3 = s
        .create_and_confirm(&c, &OrderInput { customer: "王喆五金店".into(), lines: vec![line("A1", "5")], ..Default::default() }, false)
        .unwrap()
        .number;
    s.cancel_order(&c, &o3, "客户不要了").unwrap();
    s.create_order(&c, &OrderInput { customer: "王喆五金店".into(), lines: vec![line("A1", "7")], ..Default::default() }).unwrap();
    // a counter sale of A1 after everything
    let c = at("2026-02-03");
    s.create_and_confirm(&c, &OrderInput { customer: "城东装修队".into(), lines: vec![line("A1", "3")], ..Default::default() }, true)
        .unwrap();
    s
}

/// Day by day, from the documents: deliveries (their lines' share of each order line, the last
/// taking what is left), returns, the ledger's costs, orders taken and payments.
fn fold(s: &Shop) -> BTreeMap<(NaiveDate, String, String), Tally> {
    let mut days: BTreeMap<(NaiveDate, String, String), Tally> = BTreeMap::new();
    let moves = s.stock_moves(None, None, 10_000).unwrap();
    let cost_of = |doc: &str, sku: &str, reason: MoveReason| -> Option<Money> {
        moves
            .iter()
            .find(|m| m.doc_number.as_deref() == Some(doc) && m.sku == sku && m.reason == reason)
            .and_then(|m| m.unit_cost.map(|c| cents(m.qty.to_decimal().abs() * c.to_decimal())))
    };
    let orders = s.orders(&OrderQuery { limit: Some(1000), ..Default::default() }).unwrap().items;
    for summary in &orders {
        let o = s.order(&summary.number).unwrap();
        let key = |date: NaiveDate, sku: &str| (date, o.customer.clone(), sku.to_string());
        if !matches!(o.status.as_str(), "draft" | "pending_approval" | "cancelled") {
            days.entry(key(d(&o.order_date), "")).or_default().order(o.total);
        }
        for l in &o.lines {
            let (rate, mut taken_total, mut taken_tax, mut got) =
                (l.tax_rate.to_decimal() / Decimal::from(100), Money::ZERO, Money::ZERO, Qty::ZERO);
            let mut deliveries = o.deliveries.clone();
            deliveries.sort_by(|a, b| a.number.cmp(&b.number));
            for dv in &deliveries {
                let Some(dl) = dv.lines.iter().find(|x| x.sku == l.sku) else { continue };
                got += dl.qty;
                let (total, tax) = if got == l.qty {
                    (l.total - taken_total, l.tax - taken_tax)
                } else {
                    let total = cents(
                        dl.qty.to_decimal() * l.unit_price.to_decimal() * (Decimal::ONE - l.discount.to_decimal() / Decimal::from(100)),
                    );
                    (total, cents(total.to_decimal() * rate / (Decimal::ONE + rate)))
                };
                taken_total += total;
                taken_tax += tax;
                let date = d(&dv.date);
                days.entry(key(date, &l.sku)).or_default().delivered(
                    dl.qty,
                    total - tax,
                    total,
                    cost_of(&dv.number, &l.sku, MoveReason::Delivery),
                );
            }
        }
        for r in s.returns_of_order(&o.number).unwrap() {
            for rl in &r.lines {
                let l = o.lines.iter().find(|l| l.sku == rl.sku).unwrap();
                let net = cents(rl.total.to_decimal() * (l.total - l.tax).to_decimal() / l.total.to_decimal());
                let cost = if rl.restock { cost_of(&r.number, &rl.sku, MoveReason::Return) } else { Some(Money::ZERO) };
                days.entry(key(d(&r.date), &rl.sku)).or_default().returned(rl.qty, net, rl.total, cost);
            }
        }
    }
    // money in and out, from each customer's statement: receipts in, refunds and reversals out
    use kaidan_api::core::StatementEntry as E;
    for c in ["王喆五金店", "城东装修队"] {
        for row in s.statement(c, d("2020-01-01"), d("2030-12-31")).unwrap().rows {
            let amount = match row.kind {
                E::Receipt => row.credit - row.debit,
                E::Refund | E::Reversal => row.credit - row.debit,
                _ => continue,
            };
            days.entry((d(&row.date), c.to_string(), String::new())).or_default().received += amount;
        }
    }
    days
}

fn sum<'a>(it: impl Iterator<Item = &'a Tally>) -> Measures {
    let mut t = Tally::default();
    for x in it {
        t.add(x);
    }
    t.measures()
}

#[test]
fn every_report_equals_a_fold_of_the_documents_to_the_fen() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = worked_shop(dir.path());
    // a clerk's orders: every other order is given to 小李 (业务员), the rest stay the owner's
    let c = at("2026-02-03");
    s.set_operator_pin(&c, "店主", Some("2468")).unwrap();
    let c = c.with_pin("店主", "2468");
    s.add_operator(&c, "小李", kaidan_api::core::Role::Clerk, Some("1357")).unwrap();
    let numbers: Vec<String> =
        s.orders(&OrderQuery { limit: Some(500), ..Default::default() }).unwrap().items.into_iter().map(|o| o.number).collect();
    let mut theirs: BTreeMap<String, String> = BTreeMap::new();
    for (i, n) in numbers.iter().enumerate() {
        let who = if i % 2 == 0 { "小李" } else { "店主" };
        if who == "小李" {
            s.set_salesperson(&c, n, who).unwrap();
        }
        theirs.insert(n.clone(), who.to_string());
    }
    let days = fold(&s);
    let today = d("2026-02-03");
    for (from, to) in [
        ("2024-01-01", "2026-12-31"),
        ("2025-01-01", "2025-12-31"),
        ("2025-03-01", "2025-04-30"),
        ("2025-04-10", "2025-04-10"),
        ("2026-01-01", "2026-02-03"),
    ] {
        let within = |k: &(NaiveDate, String, String)| k.0 >= d(from) && k.0 <= d(to);
        let want = sum(days.iter().filter(|(k, _)| within(k)).map(|(_, t)| t));
        let q = range(from, to);
        let overview = s.report_overview(&q, today).unwrap();
        assert_eq!(overview.measures, want, "overview {from}..{to}");
        // Σ products = Σ customers = Σ of the trend = the overview (orders and money in aside:
        // a product's orders are the orders with it, and money is a customer's)
        let products = s.report_products(&q, today).unwrap();
        let customers = s.report_customers(&q, today).unwrap();
        let trend = s.report_trend(&ReportQuery { by: Some("week".into()), ..q.clone() }, today).unwrap();
        let goods = |m: &Measures| (m.sales, m.sales_total, m.cogs, m.sales_cost_unknown, m.gross_profit, m.qty);
        let add = |ms: Vec<&Measures>| {
            ms.iter().fold((Money::ZERO, Money::ZERO, Money::ZERO, Money::ZERO, Money::ZERO, Qty::ZERO), |a, m| {
                (a.0 + m.sales, a.1 + m.sales_total, a.2 + m.cogs, a.3 + m.sales_cost_unknown, a.4 + m.gross_profit, a.5 + m.qty)
            })
        };
        assert_eq!(add(products.rows.iter().map(|r| &r.measures).collect()), goods(&want), "Σ products {from}..{to}");
        assert_eq!(add(customers.rows.iter().map(|r| &r.measures).collect()), goods(&want), "Σ customers {from}..{to}");
        assert_eq!(add(trend.points.iter().map(|p| &p.measures).collect()), goods(&want), "Σ trend {from}..{to}");
        // Σ orders' gross profit = the range's; the money collected = the money received
        let profit = s.report_profit(&q, today).unwrap();
        assert_eq!(add(profit.rows.iter().map(|r| &r.measures).collect()), goods(&want), "Σ orders {from}..{to}");
        // Σ salespeople = the range; each salesperson = Σ their orders' rows, and the orders
        // they took = the range's orders taken that are theirs
        let people = s.report_salespeople(&q, today).unwrap();
        assert_eq!(add(people.rows.iter().map(|r| &r.measures).collect()), goods(&want), "Σ salespeople {from}..{to}");
        assert_eq!(people.rows.iter().map(|r| r.measures.orders).sum::<u32>(), want.orders, "orders by salesperson {from}..{to}");
        assert_eq!(people.rows.iter().map(|r| r.measures.orders_value).sum::<Money>(), want.orders_value, "{from}..{to}");
        for row in &people.rows {
            let mine: Vec<&Measures> = profit.rows.iter().filter(|o| theirs[&o.number] == row.salesperson).map(|o| &o.measures).collect();
            assert_eq!(goods(&row.measures), add(mine), "{} {from}..{to}", row.salesperson);
            assert_eq!(row.measures.gross_profit, row.measures.sales - row.measures.sales_cost_unknown - row.measures.cogs);
        }
        if from == "2024-01-01" {
            assert_eq!(
                people.rows.iter().map(|r| r.salesperson.as_str()).collect::<std::collections::BTreeSet<_>>().len(),
                2,
                "{people:?}"
            );
        }
        let collections = s.report_collections(&q, today).unwrap();
        assert_eq!(collections.total.net, want.received, "collections {from}..{to}");
        assert_eq!(collections.points.iter().map(|p| p.net).sum::<Money>(), want.received, "Σ collection periods {from}..{to}");
        assert_eq!(collections.sales_total, want.sales_total);
        let orders: u32 = customers.rows.iter().map(|r| r.measures.orders).sum();
        let received: Money = customers.rows.iter().map(|r| r.measures.received).sum();
        assert_eq!((orders, received), (want.orders, want.received), "orders and money by customer {from}..{to}");
        // each customer and product as the fold has them
        for row in &customers.rows {
            let mine = sum(days.iter().filter(|(k, _)| within(k) && k.1 == row.customer).map(|(_, t)| t));
            assert_eq!(row.measures, mine, "{} {from}..{to}", row.customer);
        }
        for row in &products.rows {
            let mine = sum(days.iter().filter(|(k, _)| within(k) && k.2 == row.sku).map(|(_, t)| t));
            assert_eq!(goods(&row.measures), goods(&mine), "{} {from}..{to}", row.sku);
        }
        // gross profit = sales of known cost − their cost, in every row
        for m in products.rows.iter().map(|r| &r.measures).chain(customers.rows.iter().map(|r| &r.measures)) {
            assert_eq!(m.gross_profit, m.sales - m.sales_cost_unknown - m.cogs);
        }
    }
}

#[test]
fn the_worked_shop_in_figures() {
    let dir = tempfile::tempdir().unwrap();
    let s = worked_shop(dir.path());
    let today = d("2026-02-03");
    let m = |t: &str| t.parse::<Money>().unwrap();
    // 2024: history only, its cost unknown: sales without tax, no margin
    let y2024 = s.report_overview(&range("2024-01-01", "2024-12-31"), today).unwrap().measures;
    assert_eq!(
        (y2024.sales_total, y2024.sales_cost_unknown, y2024.gross_profit, y2024.margin),
        (m("129.00"), y2024.sales, Money::ZERO, None)
    );
    assert_eq!(y2024.orders, 2);
    // April 2025: 6 A1 at the average 1.30 after 4 left at 1.20 and 50 came in at 1.50 (96 at
    // 1.20 + 50 at 1.50 → 1.3027), 2 B2 at 7.00, 3 C3 at unknown cost
    let april = s.report_products(&range("2025-04-01", "2025-04-30"), today).unwrap();
    let a1 = april.rows.iter().find(|r| r.sku == "A1").unwrap();
    assert_eq!((a1.measures.qty.to_string().as_str(), a1.measures.sales_total), ("6", m("15.00")));
    assert_eq!(a1.measures.cogs, m("7.82"), "6 × 1.3027");
    let c3 = april.rows.iter().find(|r| r.sku == "C3").unwrap();
    assert_eq!((c3.measures.cogs, c3.measures.sales_cost_unknown, c3.measures.margin.as_deref()), (Money::ZERO, c3.measures.sales, None));
    // the B2 of order 2 went at the changed price, 11.00
    let b2 = april.rows.iter().find(|r| r.sku == "B2").unwrap();
    assert_eq!(b2.measures.sales_total, m("35.00"), "2 × 12.00 + 11.00");
    // the margin of A1 after 2 came back equals the margin of the 8 kept (GoodERP #1902)
    let all = s.report_products(&range("2025-01-01", "2026-01-31"), today).unwrap();
    let a1 = all.rows.iter().find(|r| r.sku == "A1").unwrap();
    assert_eq!(a1.measures.qty.to_string(), "8");
    assert_eq!(a1.measures.gross_profit, a1.measures.sales - a1.measures.cogs);
    // the written-off B2 keeps its cost: 11.00 of sales gone, 7.00 of cost stays
    let may = s.report_overview(&range("2025-05-01", "2025-05-31"), today).unwrap().measures;
    assert_eq!(may.sales_total, -m("20.50"), "1 C3 (9.50) and 1 B2 (11.00) back");
    assert_eq!(may.cogs, Money::ZERO, "C3 had no known cost; the B2 written off keeps its cost");
    // money in: 6.00 by WeChat in March 2025, 20.00 in cash in January 2026
    assert_eq!(s.report_overview(&range("2025-01-01", "2026-12-31"), today).unwrap().measures.received, m("26.00"));
    // the cancelled order and the draft count nowhere; the counter sale does
    let feb = s.report_overview(&range("2026-02-01", "2026-02-28"), today).unwrap().measures;
    assert_eq!((feb.orders, feb.sales_total), (1, m("7.50")));
}

#[test]
fn comparisons_and_buckets() {
    let dir = tempfile::tempdir().unwrap();
    let s = worked_shop(dir.path());
    let today = d("2026-02-03");
    let q = ReportQuery {
        from: Some("2026-01-01".into()),
        to: Some("2026-01-31".into()),
        compare: Some("last-year".into()),
        ..Default::default()
    };
    let o = s.report_overview(&q, today).unwrap();
    assert_eq!(o.compared_range.map(|r| (r.from, r.to)), Some((d("2025-01-01"), d("2025-01-31"))));
    assert_eq!(o.compared.as_ref().map(|m| m.sales), Some(Money::ZERO));
    let t = s
        .report_trend(
            &ReportQuery { by: Some("month".into()), compare: Some("previous".into()), ..range("2025-03-01", "2025-05-31") },
            today,
        )
        .unwrap();
    assert_eq!(t.points.len(), 3);
    assert_eq!(t.compared.len(), 3, "Dec, Jan, Feb before: the same 3 buckets' worth");
    assert_eq!(
        t.points[1].measures.sales_total,
        "78.50".parse::<Money>().unwrap(),
        "April: 6 A1 (15.00), 2 B2 (24.00), 3 C3 (28.50), 1 B2 at 11.00"
    );
}

#[test]
fn a_bad_range_says_so_in_both_languages_and_every_problem_at_once() {
    let s = worked_shop(tempfile::tempdir().unwrap().path());
    let today = d("2026-02-03");
    let e = s.report_overview(&range("2026-03-01", "2026-02-01"), today).unwrap_err();
    assert_eq!(e.message(kaidan_api::core::Lang::ZhCn), "「截止日期」：2026-02-01 早于起始日期 2026-03-01");
    let e = s.report_overview(&range("2000-01-01", "2026-02-01"), today).unwrap_err();
    assert!(e.message(kaidan_api::core::Lang::En).contains("at most 20 years"));
    let bad =
        ReportQuery { period: Some("next-month".into()), from: Some("2026-13-01".into()), by: Some("hour".into()), ..Default::default() };
    let e = s.report_trend(&bad, today).unwrap_err();
    let all: Vec<String> = e.into_each().iter().map(|e| e.message(kaidan_api::core::Lang::En)).collect();
    assert_eq!(all.len(), 3, "{all:?}");
    assert!(all[0].contains("next-month") && all[1].contains("2026-13-01") && all[2].contains("hour"), "{all:?}");
}

/// A report's figure opens the orders behind it: the orders with goods delivered or returned in
/// the range, of a product when it is one.
#[test]
fn a_figure_drills_down_to_the_orders_behind_it() {
    let s = worked_shop(tempfile::tempdir().unwrap().path());
    let numbers = |q: OrderQuery| -> Vec<String> {
        let mut n: Vec<String> = s.orders(&OrderQuery { limit: Some(100), ..q }).unwrap().items.into_iter().map(|o| o.number).collect();
        n.sort();
        n
    };
    let sold = |from: &str, to: &str| OrderQuery { sold_from: Some(from.into()), sold_to: Some(to.into()), ..Default::default() };
    // April 2025: order 1's rest and order 2 went out
    let april = numbers(sold("2025-04-01", "2025-04-30"));
    assert_eq!(april.len(), 2, "{april:?}");
    // May 2025: only order 2's return
    let may = numbers(sold("2025-05-01", "2025-05-31"));
    assert_eq!(may.len(), 1);
    assert!(april.contains(&may[0]));
    // C3 in April: order 2 only; A1 in 2024: the imported history order
    let c3 = numbers(OrderQuery { sku: Some("C3".into()), ..sold("2025-04-01", "2025-04-30") });
    assert_eq!(c3, may);
    let past = s.orders(&OrderQuery { sku: Some("A1".into()), ..sold("2024-01-01", "2024-12-31") }).unwrap().items;
    assert_eq!(past.len(), 1);
    assert_eq!(s.order(&past[0].number).unwrap().external_number.as_deref(), Some("H1"));
    // the report's rows name the same orders: every product sold in April has an order there
    let report = s.report_products(&range("2025-04-01", "2025-04-30"), d("2026-02-03")).unwrap();
    for row in report.ranked.rows {
        assert!(!numbers(OrderQuery { sku: Some(row.sku.clone()), ..sold("2025-04-01", "2025-04-30") }).is_empty(), "{}", row.sku);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 40, ..Default::default() })]
    /// Random days of a shop — goods received with and without a cost, orders confirmed, part
    /// and whole deliveries, returns to the shelf and written off, payments, cancels — and for
    /// random ranges: Σ products = Σ customers = Σ of the weekly trend = the overview; gross
    /// profit = costed sales − their cost in every row; a cancel changes no sale, cost or money.
    #[test]
    fn the_reports_add_up_whatever_the_shop_did(
        ops in proptest::collection::vec((0u8..8, 0usize..3, 1u32..12, 0i64..3), 1..30),
        ranges in proptest::collection::vec((0i64..40, 0i64..40), 1..4),
    ) {
        let mut s = Shop::open_in_memory().unwrap();
        let start = d("2026-01-05");
        let ctx_on = |day: i64| at(&(start + chrono::Duration::days(day)).to_string());
        s.init(&ctx_on(0), "测试五金店", "店主").unwrap();
        let skus = ["A1", "B2", "C3"];
        for (i, sku) in skus.iter().enumerate() {
            let cost = (i != 2).then(|| format!("{}.{}", i + 1, i * 3));
            s.add_product(&ctx_on(0), &ProductInput { sku: Some((*sku).into()), name: Some(format!("商品{i}")), price: Some(format!("{}.75", 3 + i)), cost, tax_rate: Some("13".into()), ..Default::default() }).unwrap();
            s.set_setting(&ctx_on(0), "allow_negative_stock", "true").unwrap();
        }
        let customers = ["王喆五金店", "城东装修队"];
        for c in customers {
            s.add_customer(&ctx_on(0), &CustomerInput { name: Some(c.into()), ..Default::default() }).unwrap();
        }
        let mut orders: Vec<String> = Vec::new();
        let mut day = 0i64;
        for (kind, who, qty, step) in ops {
            day += step;
            let c = ctx_on(day);
            let q = qty.to_string();
            // a refused step (nothing left to deliver or return, a cancel after delivery) is fine
            let _ = match kind {
                0 => s.receive_stock(&c, skus[who], &q, Some(&format!("{}.{:02}", 1 + who, qty)), None).map(drop),
                1 => s.receive_stock(&c, skus[who], &q, None, None).map(drop),
                2 | 3 => s
                    .create_and_confirm(&c, &OrderInput { customer: customers[who % 2].into(), lines: vec![line(skus[who], &q), line(skus[(who + 1) % 3], "1")], ..Default::default() }, kind == 3)
                    .map(|o| orders.push(o.number)),
                4 => match orders.get(qty as usize % orders.len().max(1)) {
                    Some(n) => s.deliver_order(&c, n, &DeliverInput { lines: Some(vec![DeliverLine { sku: skus[who].into(), qty: "1".into() }]), ..Default::default() }).map(drop),
                    None => Ok(()),
                },
                5 => match orders.get(qty as usize % orders.len().max(1)) {
                    Some(n) => s.deliver_order(&c, n, &DeliverInput::default()).map(drop),
                    None => Ok(()),
                },
                6 => match orders.get(qty as usize % orders.len().max(1)) {
                    Some(n) => s.return_goods(&c, &ReturnInput { order: n.clone(), lines: vec![ReturnLineInput { sku: skus[who].into(), qty: "1".into(), damaged: Some(qty % 2 == 0) }], ..Default::default() }).map(drop),
                    None => Ok(()),
                },
                _ => match orders.get(qty as usize % orders.len().max(1)) {
                    Some(n) => {
                        let whole = range("2020-01-01", "2030-12-31");
                        let before = s.report_overview(&whole, d("2030-12-31")).unwrap().measures;
                        let r = s.cancel_order(&c, n, "不要了").map(drop);
                        let after = s.report_overview(&whole, d("2030-12-31")).unwrap().measures;
                        proptest::prop_assert_eq!((before.sales, before.cogs, before.qty, before.received), (after.sales, after.cogs, after.qty, after.received));
                        r
                    }
                    None => Ok(()),
                },
            };
            if kind == 1 && qty % 3 == 0 {
                let _ = s.pay(&c, &PayInput { customer: customers[who % 2].into(), amount: q.clone(), method: ["cash", "wechat"][who % 2].into(), ..Default::default() });
            }
            // now and then the rows waiting are added to the sums (a busy shop's writes do it
            // every few thousand rows), so that the reports read some of each
            if step == 0 && qty % 4 == 1 {
                s.store_mut().fold_reports().unwrap();
            }
        }
        // every report reads the same before and after what waits is added up
        let mut first_pass: Vec<String> = Vec::new();
        for pass in 0..2 {
        if pass == 1 {
            proptest::prop_assert!(s.check(true).unwrap().is_ok(true));
            s.store_mut().fold_reports().unwrap();
        }
        for (i, &(a, b)) in ranges.iter().enumerate() {
            let (from, to) = (start + chrono::Duration::days(a.min(b)), start + chrono::Duration::days(a.max(b)));
            let q = range(&from.to_string(), &to.to_string());
            let today = d("2030-12-31");
            let all = s.report_overview(&q, today).unwrap().measures;
            let goods = |m: &Measures| (m.sales, m.sales_total, m.cogs, m.sales_cost_unknown, m.gross_profit, m.qty);
            let add = |ms: Vec<&Measures>| ms.iter().fold((Money::ZERO, Money::ZERO, Money::ZERO, Money::ZERO, Money::ZERO, Qty::ZERO), |x, m| {
                (x.0 + m.sales, x.1 + m.sales_total, x.2 + m.cogs, x.3 + m.sales_cost_unknown, x.4 + m.gross_profit, x.5 + m.qty)
            });
            let products = s.report_products(&q, today).unwrap();
            let customers = s.report_customers(&q, today).unwrap();
            let trend = s.report_trend(&ReportQuery { by: Some("week".into()), ..q.clone() }, today).unwrap();
            proptest::prop_assert_eq!(add(products.rows.iter().map(|r| &r.measures).collect()), goods(&all));
            proptest::prop_assert_eq!(add(customers.rows.iter().map(|r| &r.measures).collect()), goods(&all));
            proptest::prop_assert_eq!(add(trend.points.iter().map(|p| &p.measures).collect()), goods(&all));
            proptest::prop_assert_eq!(customers.rows.iter().map(|r| r.measures.received).sum::<Money>(), all.received);
            // new + returning, and the regions, are the range's sales; the channels its orders
            proptest::prop_assert_eq!(add(vec![&customers.mix.new.measures, &customers.mix.returning.measures]), goods(&all));
            proptest::prop_assert_eq!(add(customers.regions.iter().map(|r| &r.measures).collect()), goods(&all));
            proptest::prop_assert_eq!(customers.mix.new.measures.orders + customers.mix.returning.measures.orders, all.orders);
            proptest::prop_assert_eq!(customers.channels.iter().map(|c| c.orders).sum::<u32>(), all.orders);
            proptest::prop_assert_eq!(customers.channels.iter().map(|c| c.orders_value).sum::<Money>(), all.orders_value);
            let sold = products.rows.iter().filter(|r| r.measures.qty.is_positive()).count() as u32;
            proptest::prop_assert_eq!(products.sell_through.sold, sold);
            let profit = s.report_profit(&q, today).unwrap();
            proptest::prop_assert_eq!(add(profit.rows.iter().map(|r| &r.measures).collect()), goods(&all));
            proptest::prop_assert_eq!(profit.row_count as usize, profit.rows.len());
            // the best few, read without every order of the range, are the whole ranking's first
            for rank in ["gross_profit", "sales", "qty"] {
                let ranked = ReportQuery { rank: Some(rank.into()), ..q.clone() };
                let whole = s.report_profit(&ranked, today).unwrap();
                for top in [1u32, 2, 3] {
                    let best = s.report_profit(&ReportQuery { top: Some(top), ..ranked.clone() }, today).unwrap();
                    proptest::prop_assert_eq!(best.row_count as usize, whole.rows.len());
                    let first = &whole.rows[..whole.rows.len().min(top as usize)];
                    proptest::prop_assert_eq!(format!("{:?}", best.rows), format!("{first:?}"), "{} top {}", rank, top);
                    proptest::prop_assert_eq!(&best.total, &whole.total);
                }
                // the best products and customers likewise; who they are (new or returning,
                // regions, channels) and what sold stay everyone's
                let (products, customers) = (s.report_products(&ranked, today).unwrap(), s.report_customers(&ranked, today).unwrap());
                for top in [0u32, 1, 2, 3] {
                    let asked = ReportQuery { top: Some(top), ..ranked.clone() };
                    let (p, c) = (s.report_products(&asked, today).unwrap(), s.report_customers(&asked, today).unwrap());
                    proptest::prop_assert_eq!(p.ranked.row_count as usize, products.ranked.rows.len());
                    let first = &products.ranked.rows[..products.ranked.rows.len().min(top as usize)];
                    proptest::prop_assert_eq!(format!("{:?}", p.ranked.rows), format!("{first:?}"), "products {} top {}", rank, top);
                    proptest::prop_assert_eq!(&p.sell_through, &products.sell_through);
                    proptest::prop_assert_eq!(c.ranked.row_count as usize, customers.ranked.rows.len());
                    let first = &customers.ranked.rows[..customers.ranked.rows.len().min(top as usize)];
                    proptest::prop_assert_eq!(format!("{:?}", c.ranked.rows), format!("{first:?}"), "customers {} top {}", rank, top);
                    proptest::prop_assert_eq!(
                        format!("{:?}", (&c.mix, &c.regions, &c.channels, &c.ranked.total)),
                        format!("{:?}", (&customers.mix, &customers.regions, &customers.channels, &customers.ranked.total))
                    );
                }
            }
            let money = s.report_collections(&ReportQuery { by: Some("week".into()), ..q.clone() }, today).unwrap();
            proptest::prop_assert_eq!(money.total.net, all.received);
            proptest::prop_assert_eq!(money.points.iter().map(|p| p.net).sum::<Money>(), all.received);
            // fulfilment: the orders delivered in full whose last delivery falls in the range,
            // counted from the orders themselves
            let mut want_delivered = 0u32;
            let mut statuses: BTreeMap<String, u32> = BTreeMap::new();
            for n in &orders {
                let o = s.order(n).unwrap();
                let taken = d(&o.order_date);
                if taken >= from && taken <= to {
                    *statuses.entry(o.status.as_str().to_string()).or_default() += 1;
                }
                let last = o.deliveries.iter().map(|dv| d(&dv.date)).max();
                if o.status.as_str() == "delivered" && last.is_some_and(|l| l >= from && l <= to) {
                    want_delivered += 1;
                }
            }
            let f = s.report_fulfilment(&q, today).unwrap();
            proptest::prop_assert_eq!(f.delivered, want_delivered);
            proptest::prop_assert_eq!(f.lead_days.iter().map(|l| l.orders).sum::<u32>(), want_delivered);
            let got: BTreeMap<String, u32> = f.statuses.iter().filter(|x| x.orders > 0).map(|x| (x.status.as_str().to_string(), x.orders)).collect();
            proptest::prop_assert_eq!(got, statuses);
            for m in products.rows.iter().map(|r| &r.measures).chain(customers.rows.iter().map(|r| &r.measures)).chain(std::iter::once(&all)) {
                proptest::prop_assert_eq!(m.gross_profit, m.sales - m.sales_cost_unknown - m.cogs);
            }
            let seen = format!("{all:?} {products:?} {customers:?} {trend:?} {profit:?} {money:?}");
            if pass == 0 {
                first_pass.push(seen);
            } else {
                proptest::prop_assert_eq!(&first_pass[i], &seen);
            }
        }
        }
        proptest::prop_assert!(s.check(true).unwrap().is_ok(true));
    }
}

/// 日结: a day's sales and money by method, and the cash it leaves in the till; a refund in
/// cash is money out of the till.
#[test]
fn the_end_of_day_counts_the_days_money_by_method_and_the_cash_in_the_till() {
    let mut s = worked_shop(tempfile::tempdir().unwrap().path());
    let today = d("2026-02-03");
    let day = |s: &Shop, date: &str| s.report_day(&ReportQuery { to: Some(date.into()), ..Default::default() }, today).unwrap();
    let m = |t: &str| t.parse::<Money>().unwrap();
    // 15 January 2026: 2 A1 came back (credit), 20.00 in cash
    let jan = day(&s, "2026-01-15");
    assert_eq!((jan.returns, jan.deliveries, jan.cash), (1, 0, m("20.00")));
    let cash = jan.methods.iter().find(|x| x.method.as_str() == "cash").unwrap();
    assert_eq!((cash.received, cash.refunded, cash.net), (m("20.00"), Money::ZERO, m("20.00")));
    assert_eq!(jan.methods.len(), 6, "every method listed, in the till's order");
    // 5 March 2025: 4 A1 delivered, 6.00 by WeChat: no cash
    let march = day(&s, "2025-03-05");
    assert_eq!((march.deliveries, march.measures.sales_total, march.cash), (1, m("10.00"), Money::ZERO));
    assert_eq!(march.methods.iter().find(|x| x.method.as_str() == "wechat").unwrap().received, m("6.00"));
    // a cash refund on a day: out of the till
    let c = at("2026-02-03");
    s.pay(&c, &PayInput { customer: "城东装修队".into(), amount: "50".into(), method: "cash".into(), ..Default::default() }).unwrap();
    s.refund(&c, &PayInput { customer: "城东装修队".into(), amount: "30".into(), method: "cash".into(), ..Default::default() }).unwrap();
    let feb = day(&s, "2026-02-03");
    let cash = feb.methods.iter().find(|x| x.method.as_str() == "cash").unwrap();
    assert_eq!((cash.received, cash.refunded, feb.cash), (m("50.00"), m("30.00"), m("20.00")));
    assert_eq!(feb.measures.received, m("20.00"), "money received less refunds");
}

/// Goods of unknown cost sold and then taken back and written off: the return takes back sales
/// of unknown cost (not sales of cost zero), so the range's gross profit is nothing rather than
/// minus their price, and every report adds up. A shop written so by an older Kaidan (cost 0
/// on the return, its sums with it) is mended by migration 0026, and `check` passes after.
#[test]
fn a_write_off_of_goods_of_unknown_cost_takes_back_sales_of_unknown_cost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("报损 店.db");
    let c = at("2026-03-02");
    let today = d("2026-03-31");
    let day = range("2026-03-02", "2026-03-02");
    {
        let mut s = Shop::open(&path).unwrap();
        s.init(&c, "测试五金店", "店主").unwrap();
        s.set_setting(&c, "allow_negative_stock", "true").unwrap();
        s.add_product(
            &c,
            &ProductInput {
                sku: Some("B2".into()),
                name: Some("膨胀螺丝".into()),
                price: Some("4.75".into()),
                tax_rate: Some("13".into()),
                ..Default::default()
            },
        )
        .unwrap();
        s.add_customer(&c, &CustomerInput { name: Some("城东装修队".into()), ..Default::default() }).unwrap();
        let o = s
            .create_and_confirm(&c, &OrderInput { customer: "城东装修队".into(), lines: vec![line("B2", "1")], ..Default::default() }, true)
            .unwrap();
        s.return_goods(
            &c,
            &ReturnInput {
                order: o.number,
                lines: vec![ReturnLineInput { sku: "B2".into(), qty: "1".into(), damaged: Some(true) }],
                ..Default::default()
            },
        )
        .unwrap();
        let m = s.report_overview(&day, today).unwrap().measures;
        assert_eq!((m.sales, m.sales_cost_unknown, m.gross_profit), (Money::ZERO, Money::ZERO, Money::ZERO));
        let customers = s.report_customers(&day, today).unwrap();
        assert_eq!(customers.mix.new.measures.gross_profit + customers.mix.returning.measures.gross_profit, m.gross_profit);
    }
    // as Kaidan wrote it before: the write-off's cost 0, the sums with it; then migration 0026
    {
        let mut store = kaidan_store::Store::open(&path).unwrap();
        let conn = store.raw_connection_for_benchmarks();
        conn.execute_batch(
            "DROP TRIGGER return_line_no_update;
             UPDATE return_line SET cost_cents = 0;
             CREATE TRIGGER return_line_no_update BEFORE UPDATE ON return_line BEGIN SELECT RAISE(ABORT, 'a return is never changed'); END;
             INSERT INTO report_feed (day, product_id, customer_id, unknown_cents)
             SELECT r.return_date, rl.product_id, r.customer_id, rl.net_cents FROM return_line rl JOIN sales_return r ON r.id = rl.return_id;",
        )
        .unwrap();
    }
    {
        let s = Shop::open(&path).unwrap();
        let m = s.report_overview(&day, today).unwrap().measures;
        assert_eq!(m.gross_profit, Money::from_minor(-420), "the old figure: the write-off read as sales of cost zero taken back");
    }
    {
        let mut store = kaidan_store::Store::open(&path).unwrap();
        store
            .raw_connection_for_benchmarks()
            .execute_batch(include_str!("../../kaidan-store/migrations/0026_written_off_unknown_cost.sql"))
            .unwrap();
    }
    let s = Shop::open(&path).unwrap();
    let m = s.report_overview(&day, today).unwrap().measures;
    assert_eq!((m.sales_cost_unknown, m.gross_profit), (Money::ZERO, Money::ZERO), "mended by the migration");
    let report = s.check(true).unwrap();
    assert!(report.is_ok(true), "{report:?}");
}

/// The profit report's best orders, read from the orders' kept sums: when more orders tie at
/// the last place than were read, every one of that figure is read, so that the order number
/// decides among them as it does in the whole list — here three orders alike, delivered on
/// days in the opposite order of their numbers (the kept sums are read by first day).
#[test]
fn the_best_orders_among_equals_are_the_first_by_number_as_in_the_whole_list() {
    let mut s = Shop::open_in_memory().unwrap();
    let c = at("2026-03-01");
    s.init(&c, "测试五金店", "店主").unwrap();
    s.add_product(
        &c,
        &ProductInput {
            sku: Some("A1".into()),
            name: Some("膨胀螺丝".into()),
            price: Some("4.75".into()),
            cost: Some("2.00".into()),
            ..Default::default()
        },
    )
    .unwrap();
    s.receive_stock(&c, "A1", "100", Some("2.00"), None).unwrap();
    s.add_customer(&c, &CustomerInput { name: Some("王喆五金店".into()), ..Default::default() }).unwrap();
    let numbers: Vec<String> = (0..3)
        .map(|_| {
            s.create_and_confirm(
                &c,
                &OrderInput { customer: "王喆五金店".into(), lines: vec![line("A1", "2")], ..Default::default() },
                false,
            )
            .unwrap()
            .number
        })
        .collect();
    for (i, n) in numbers.iter().rev().enumerate() {
        s.deliver_order(&at(&format!("2026-03-0{}", i + 2)), n, &DeliverInput::default()).unwrap();
    }
    let q = ReportQuery { top: Some(1), ..range("2026-03-01", "2026-03-31") };
    for folded in [false, true] {
        if folded {
            s.store_mut().fold_reports().unwrap();
        }
        let best = s.report_profit(&q, d("2026-03-31")).unwrap();
        assert_eq!(best.rows.iter().map(|r| r.number.as_str()).collect::<Vec<_>>(), vec![numbers[0].as_str()], "folded: {folded}");
        assert_eq!(best.row_count, 3);
    }
}
