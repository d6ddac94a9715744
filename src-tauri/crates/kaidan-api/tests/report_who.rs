//! 动销率, slow movers, new and returning customers, regions, channels and inactive customers in
//! figures: a small shop whose every product, customer and order is known, each figure worked out
//! by hand below.

use chrono::NaiveDate;
use kaidan_api::core::order::Channel;
use kaidan_api::core::report::ReportKind;
use kaidan_api::core::{Lang, Money, Qty};
use kaidan_api::{CustomerInput, DeliverInput, LineInput, OrderInput, OrderQuery, ProductInput, ReportQuery, Shop};

mod common;
use common::{at, day as d, m};

fn q(s: &str) -> Qty {
    s.parse().unwrap()
}
fn june() -> ReportQuery {
    ReportQuery { from: Some("2026-06-01".into()), to: Some("2026-06-30".into()), ..Default::default() }
}
fn days(n: &str) -> ReportQuery {
    ReportQuery { days: Some(n.into()), ..Default::default() }
}

/// An order of `qty` of `sku` (no tax) by `customer` through `channel`, taken on `day`.
fn order(s: &mut Shop, day: &str, customer: &str, channel: &str, sku: &str, qty: &str) -> String {
    let input = OrderInput {
        customer: customer.into(),
        channel: Some(channel.into()),
        lines: vec![LineInput { sku: sku.into(), qty: qty.into(), unit_price: None, discount: None }],
        ..Default::default()
    };
    s.create_and_confirm(&at(day), &input, false).unwrap().number
}

fn sold(s: &mut Shop, day: &str, customer: &str, channel: &str, sku: &str, qty: &str) -> String {
    let n = order(s, day, customer, channel, sku, qty);
    s.deliver_order(&at(day), &n, &DeliverInput::default()).unwrap();
    n
}

/// The shop on 30 June 2026:
/// - A1 (10.00, cost 6.00): 1000 received, sells in June; B2 (8.00, cost 4.00): 50 received,
///   5 sold on 10 February, nothing since; C3: 10 counted in without a cost, never sold; D4:
///   deactivated; E5: on sale, never stocked.
/// - 甲 (华东, two phones) ordered in February and June; 乙 (华南) first on 5 June, again on
///   15 June (not delivered); 丙 (no region) first on 10 June — cancelled — then on 11 June;
///   丁 only on 5 January; 戊 only an order that was cancelled.
fn shop() -> Shop {
    let mut s = Shop::open_in_memory().unwrap();
    let c = at("2026-01-02");
    s.init(&c, "测试五金店", "店主").unwrap();
    let product = |sku: &str, price: &str, active: bool| ProductInput {
        sku: Some(sku.into()),
        name: Some(format!("商品{sku}")),
        price: Some(price.into()),
        tax_rate: Some("0".into()),
        active: Some(active),
        ..Default::default()
    };
    for (sku, price, active) in
        [("A1", "10.00", true), ("B2", "8.00", true), ("C3", "3.00", true), ("D4", "1.00", false), ("E5", "2.00", true)]
    {
        s.add_product(&c, &product(sku, price, active)).unwrap();
    }
    let customer = |name: &str, region: Option<&str>, phones: &[&str]| CustomerInput {
        name: Some(name.into()),
        region: region.map(Into::into),
        phones: Some(phones.iter().map(|p| p.to_string()).collect()),
        ..Default::default()
    };
    s.add_customer(&c, &customer("甲", Some("华东"), &["138 0000 0001", "021-1234"])).unwrap();
    s.add_customer(&c, &customer("乙", Some("华南"), &[])).unwrap();
    s.add_customer(&c, &customer("丙", None, &[])).unwrap();
    s.add_customer(&c, &customer("丁", Some("华东"), &["139 1111 2222"])).unwrap();
    s.add_customer(&c, &customer("戊", None, &[])).unwrap();
    s.receive_stock(&c, "A1", "1000", Some("6.00"), None).unwrap();
    s.receive_stock(&c, "B2", "50", Some("4.00"), None).unwrap();
    s.receive_stock(&c, "C3", "10", None, None).unwrap();

    sold(&mut s, "2026-01-05", "丁", "phone", "A1", "2");
    sold(&mut s, "2026-02-10", "甲", "wechat", "B2", "5");
    let x = order(&mut s, "2026-03-01", "戊", "web", "A1", "1");
    s.cancel_order(&at("2026-03-01"), &x, "不要了").unwrap();
    sold(&mut s, "2026-06-02", "甲", "wechat", "A1", "3");
    sold(&mut s, "2026-06-05", "乙", "counter", "A1", "1");
    let x = order(&mut s, "2026-06-10", "丙", "phone", "A1", "2");
    s.cancel_order(&at("2026-06-10"), &x, "下错了").unwrap();
    sold(&mut s, "2026-06-11", "丙", "phone", "A1", "1");
    order(&mut s, "2026-06-15", "乙", "counter", "A1", "2");
    s
}

#[test]
fn customers_new_and_returning_by_region_and_channel() {
    let s = shop();
    let r = s.report_customers(&june(), d("2026-06-30")).unwrap();
    // bought in June: 甲 (3 × 10.00, one order), 乙 (1 × 10.00, two orders), 丙 (1 × 10.00, one)
    assert_eq!(r.total.sales, m("50.00"));
    // 乙 and 丙 first ordered in June (丙's cancelled order of 10 June does not count: 11 June)
    assert_eq!((r.mix.new.customers, r.mix.new.measures.sales, r.mix.new.measures.orders), (2, m("20.00"), 3));
    // 甲 ordered in February
    assert_eq!((r.mix.returning.customers, r.mix.returning.measures.sales, r.mix.returning.measures.orders), (1, m("30.00"), 1));
    assert_eq!(r.mix.new.measures.sales + r.mix.returning.measures.sales, r.total.sales, "the two add up to the range's sales");
    // by region: 华东 (甲) 30, 华南 (乙) 10, none (丙) 10 last
    let regions: Vec<(Option<&str>, u32, Money)> = r.regions.iter().map(|g| (g.region.as_deref(), g.customers, g.measures.sales)).collect();
    assert_eq!(regions, vec![(Some("华东"), 1, m("30.00")), (Some("华南"), 1, m("10.00")), (None, 1, m("10.00"))]);
    // orders taken in June by channel (the cancelled one left out): 70.00 in all
    let channels: Vec<(Channel, u32, Money, Option<&str>)> =
        r.channels.iter().map(|c| (c.channel, c.orders, c.orders_value, c.share.as_deref())).collect();
    assert_eq!(
        channels,
        vec![
            (Channel::Phone, 1, m("10.00"), Some("14.29")),
            (Channel::Wechat, 1, m("30.00"), Some("42.86")),
            (Channel::Counter, 2, m("30.00"), Some("42.86")),
        ]
    );
    assert_eq!(r.channels.iter().map(|c| c.orders).sum::<u32>(), r.total.orders, "channels count the range's orders");
    // the year: 丁 (January) and 甲 (February) were new then; in June 甲 returns
    let year = ReportQuery { from: Some("2026-01-01".into()), to: Some("2026-06-30".into()), ..Default::default() };
    let y = s.report_customers(&year, d("2026-06-30")).unwrap();
    assert_eq!((y.mix.new.customers, y.mix.returning.customers), (4, 0));
    assert!(y.channels.iter().all(|c| c.channel != Channel::Web), "戊's cancelled web order counts nowhere");
}

#[test]
fn sell_through_counts_the_products_on_sale_that_sold() {
    let s = shop();
    let r = s.report_products(&june(), d("2026-06-30")).unwrap();
    // on sale: A1, B2, C3, E5 (D4 deactivated); sold in June: A1
    assert_eq!((r.sell_through.active, r.sell_through.sold, r.sell_through.rate.as_deref()), (4, 1, Some("25.00")));
    let feb = ReportQuery { from: Some("2026-02-01".into()), to: Some("2026-02-28".into()), ..Default::default() };
    let r = s.report_products(&feb, d("2026-06-30")).unwrap();
    assert_eq!((r.sell_through.sold, r.sell_through.rate.as_deref()), (1, Some("25.00")), "B2 in February");
}

#[test]
fn slow_movers_hold_stock_and_sold_nothing_for_the_days_asked() {
    let s = shop();
    let today = d("2026-06-30");
    let r = s.report_slow(&days(""), today).unwrap();
    assert_eq!(r.days, 60, "60 days unless asked");
    // A1 sold on 11 June; B2 last on 10 February (140 days); C3 never, its cost unknown
    let rows: Vec<(&str, Qty, Option<Money>, Option<NaiveDate>, Option<u32>)> =
        r.rows.iter().map(|p| (p.sku.as_str(), p.on_hand, p.stock_value, p.last_sold, p.days_since)).collect();
    assert_eq!(rows, vec![("B2", q("45"), Some(m("180.00")), Some(d("2026-02-10")), Some(140)), ("C3", q("10"), None, None, None)]);
    // B2 sold 5 in the last 365 days: 45 last 45 × 365 / 5 = 3285 days; C3 sold none: no figure
    assert_eq!((r.rows[0].sold_year, r.rows[0].days_of_cover), (q("5"), Some(3285)));
    assert_eq!((r.rows[1].sold_year, r.rows[1].days_of_cover), (Qty::ZERO, None));
    assert_eq!((r.stock_value, r.value_unknown), (m("180.00"), 1));
    // 200 days: B2 sold within them
    let r = s.report_slow(&days("200"), today).unwrap();
    assert_eq!(r.rows.iter().map(|p| p.sku.as_str()).collect::<Vec<_>>(), vec!["C3"]);
    // 20 days back from 1 July: A1's last sale (11 June) is 20 days before
    let r = s.report_slow(&days("20"), d("2026-07-01")).unwrap();
    assert_eq!(r.rows.iter().map(|p| p.sku.as_str()).collect::<Vec<_>>(), vec!["A1", "B2", "C3"]);
}

#[test]
fn inactive_customers_ordered_before_and_not_for_the_days_asked() {
    let mut s = shop();
    let r = s.report_inactive(&days("60"), d("2026-06-30")).unwrap();
    // 丁 last on 5 January (176 days); 甲, 乙, 丙 ordered in June; 戊 never had an order taken
    assert_eq!(r.rows.len(), 1, "{:?}", r.rows);
    let c = &r.rows[0];
    assert_eq!((c.customer.as_str(), c.region.as_deref(), c.phone.as_deref()), ("丁", Some("华东"), Some("139 1111 2222")));
    assert_eq!((c.first_order, c.last_order, c.days_since), (d("2026-01-05"), d("2026-01-05"), 176));
    assert_eq!((c.orders, c.orders_value, c.avg_order_value, c.days_between), (1, m("20.00"), Some(m("20.00")), None));
    // 120 days up to 30 June: 甲 ordered 28 days ago; nobody else quiet that long but 丁
    let r = s.report_inactive(&days("120"), d("2026-06-30")).unwrap();
    assert_eq!(r.rows.iter().map(|c| c.customer.as_str()).collect::<Vec<_>>(), vec!["丁"]);
    // on 1 September, 60 days: everyone who ordered, the biggest spenders first — 甲's two
    // orders (40.00 on 10 February, 30.00 on 2 June: 112 days apart)
    let r = s.report_inactive(&days("60"), d("2026-09-01")).unwrap();
    let rows: Vec<(&str, u32, Money, Option<u32>)> =
        r.rows.iter().map(|c| (c.customer.as_str(), c.orders, c.orders_value, c.days_between)).collect();
    assert_eq!(
        rows,
        vec![("甲", 2, m("70.00"), Some(112)), ("乙", 2, m("30.00"), Some(10)), ("丁", 1, m("20.00"), None), ("丙", 1, m("10.00"), None)]
    );
    // 乙's last order (15 June) cancelled: their last is 5 June again, one order of 10.00
    let last = s.orders(&Default::default()).unwrap().items.into_iter().find(|o| o.order_date == "2026-06-15").unwrap().number;
    s.cancel_order(&at("2026-06-20"), &last, "不要了").unwrap();
    let r = s.report_inactive(&days("60"), d("2026-09-01")).unwrap();
    let b = r.rows.iter().find(|c| c.customer == "乙").unwrap();
    assert_eq!((b.last_order, b.orders, b.orders_value, b.days_since), (d("2026-06-05"), 1, m("10.00"), 88));
    assert!(s.check(true).unwrap().is_ok(false));
}

#[test]
fn the_days_are_checked_in_both_languages() {
    let s = shop();
    for bad in ["0", "-5", "abc", "5000"] {
        let e = s.report_slow(&days(bad), d("2026-06-30")).unwrap_err();
        assert!(e.message(Lang::ZhCn).contains("天数"), "{bad}: {}", e.message(Lang::ZhCn));
        assert!(e.message(Lang::En).to_lowercase().contains("days"), "{bad}: {}", e.message(Lang::En));
        assert!(s.report_inactive(&days(bad), d("2026-06-30")).is_err());
    }
}

#[test]
fn the_lists_go_to_spreadsheets_with_every_row() {
    let s = shop();
    let dir = tempfile::tempdir().unwrap();
    for (kind, rows) in [(ReportKind::Slow, 3), (ReportKind::Inactive, 1)] {
        let file = dir.path().join(format!("{} 报表.xlsx", kind.as_str()));
        let r = s.export_report(kind, &days("60"), d("2026-06-30"), Lang::ZhCn, &file).unwrap();
        assert_eq!(r.rows, rows, "{kind:?}: every row (and the slow movers' total)");
        let g = kaidan_import::read_file(&file, None, None).unwrap();
        let text: Vec<String> = g.rows.iter().flat_map(|(_, r)| r.iter().map(|c| c.text())).collect();
        let want =
            if kind == ReportKind::Slow { ["B2", "成本未知", "从未", "180"] } else { ["丁", "139 1111 2222", "2026-01-05", "20"] };
        for w in want {
            assert!(text.iter().any(|t| t == w), "{kind:?}: {w} in {text:?}");
        }
    }
}

/// Each channel's and each region's row opens the orders behind it: the channel's orders taken
/// in the range (as many as the row counts, worth as much), the region's orders with goods
/// delivered or returned in it.
#[test]
fn channel_and_region_rows_open_the_orders_behind_them() {
    let s = shop();
    let r = s.report_customers(&june(), d("2026-06-30")).unwrap();
    let list = |q: OrderQuery| s.orders(&OrderQuery { limit: Some(100), ..q }).unwrap().items;
    for c in &r.channels {
        let q = OrderQuery {
            from: Some("2026-06-01".into()),
            to: Some("2026-06-30".into()),
            channel: Some(c.channel.as_str().into()),
            taken: Some(true),
            ..Default::default()
        };
        let orders = list(q);
        assert_eq!(orders.len() as u32, c.orders, "{:?}", c.channel);
        assert_eq!(orders.iter().map(|o| o.total).sum::<Money>(), c.orders_value, "{:?}", c.channel);
    }
    // the phone's cancelled order of 10 June is among the phone's orders, not its taken ones
    let all_phone = list(OrderQuery {
        from: Some("2026-06-01".into()),
        to: Some("2026-06-30".into()),
        channel: Some("phone".into()),
        ..Default::default()
    });
    assert_eq!(all_phone.len(), 2);
    for g in &r.regions {
        let q = OrderQuery {
            sold_from: Some("2026-06-01".into()),
            sold_to: Some("2026-06-30".into()),
            region: Some(g.region.clone().unwrap_or_default()),
            ..Default::default()
        };
        let names: std::collections::BTreeSet<String> = list(q).into_iter().map(|o| o.customer).collect();
        assert_eq!(names.len() as u32, g.customers, "{:?}", g.region);
    }
    // new and returning customers' orders taken in the range: as many as each tile counts
    for (buyers, want) in [("new", r.mix.new.measures.orders), ("returning", r.mix.returning.measures.orders)] {
        let q = OrderQuery {
            from: Some("2026-06-01".into()),
            to: Some("2026-06-30".into()),
            buyers: Some(buyers.into()),
            taken: Some(true),
            ..Default::default()
        };
        assert_eq!(list(q).len() as u32, want, "{buyers}");
    }
    assert!(s.orders(&OrderQuery { buyers: Some("new".into()), ..Default::default() }).is_err(), "new since when?");
    let bad = s.orders(&OrderQuery { channel: Some("fax".into()), ..Default::default() }).unwrap_err();
    assert!(bad.message(Lang::ZhCn).contains("fax"), "{}", bad.message(Lang::ZhCn));
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (apt install poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// A report saved as a PDF holds the rows the spreadsheet holds, with the same figures; the
/// paper is A4 unless asked, and a paper a report does not print on is refused with its name.
#[test]
fn the_lists_print_as_pdf_with_the_rows_of_the_spreadsheet() {
    let s = shop();
    let dir = tempfile::tempdir().unwrap();
    for (kind, want) in
        [(ReportKind::Slow, ["B2", "成本未知", "从未", "180"]), (ReportKind::Inactive, ["丁", "139 1111 2222", "2026-01-05", "20"])]
    {
        let xlsx = s.export_report(kind, &days("60"), d("2026-06-30"), Lang::ZhCn, &dir.path().join("r.xlsx")).unwrap();
        let file = dir.path().join(format!("{} 报表 一.pdf", kind.as_str()));
        let pdf = s.export_report(kind, &days("60"), d("2026-06-30"), Lang::ZhCn, &file).unwrap();
        assert_eq!(pdf.rows, xlsx.rows, "{kind:?}: the same rows (and the slow movers' total)");
        let bytes = std::fs::read(&file).unwrap();
        assert!(bytes.starts_with(b"%PDF"), "{kind:?}: a PDF");
        let text = pdf_text(&file);
        for w in want {
            assert!(text.contains(w), "{kind:?}: {w} in\n{text}");
        }
    }
    // The day's close on a till roll, in English: one narrow page.
    let file = dir.path().join("day.pdf");
    let q = ReportQuery { from: Some("2026-06-05".into()), to: Some("2026-06-05".into()), ..Default::default() };
    s.export_report_on(ReportKind::Day, &q, d("2026-06-30"), Lang::En, &file, Some(kaidan_api::report_paper(Some("80mm")).unwrap()))
        .unwrap();
    let text = pdf_text(&file);
    assert!(text.contains("Cash counted") && text.contains("Checked by"), "{text}");
    // A paper no report prints on, and one that does not exist.
    for bad in ["a5", "letter"] {
        let e = kaidan_api::report_paper(Some(bad)).unwrap_err();
        assert!(e.message(Lang::ZhCn).contains(bad) && e.message(Lang::ZhCn).contains("80mm"), "{}", e.message(Lang::ZhCn));
    }
    assert_eq!(kaidan_api::report_paper(None).unwrap(), kaidan_api::core::Paper::A4);
}
