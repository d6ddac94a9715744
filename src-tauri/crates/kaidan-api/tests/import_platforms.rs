//! Orders from online shops (issue 19): the seller-centre exports of Taobao/Tmall, JD,
//! Pinduoduo, Douyin and Youzan (tests/fixtures/import/platforms, written from the exports'
//! published columns) are recognised from their headers with no mapping work and imported end
//! to end: shipped orders as delivered history, paid orders waiting to be shipped as open
//! orders with their stock reserved, closed/unpaid/refunded ones left out and counted; each
//! order is the web shop's, with the platform's number kept and searchable; a later export of
//! the same shop adds only the orders not yet in Kaidan and says which have shipped since.

use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};
use kaidan_api::core::model::{PayMethod, PaymentKind, PaymentStatus};
use kaidan_api::core::sheet::{Platform, SheetProblem};
use kaidan_api::core::{Channel, Lang, OrderStatus};
use kaidan_api::{Ctx, DryRun, ImportOptions, ImportResult, OrderQuery, Shop};

fn ctx() -> Ctx {
    Ctx::owner_at(DateTime::parse_from_rfc3339("2026-03-06T09:00:00Z").unwrap().with_timezone(&Utc))
}

/// A shop with the three products the exports sell, 20 of each on the shelf.
fn shop() -> Shop {
    let mut s = Shop::open_in_memory().unwrap();
    s.init(&ctx(), "测试杂货店", "店主").unwrap();
    for (sku, name, price) in
        [("BWB-500", "不锈钢保温杯 500ml", "59.00"), ("CH-800", "玻璃茶壶 800ml", "88.00"), ("KB-10", "竹筷子 10 双装", "19.90")]
    {
        let input =
            kaidan_api::ProductInput { sku: Some(sku.into()), name: Some(name.into()), price: Some(price.into()), ..Default::default() };
        s.add_product(&ctx(), &input).unwrap();
        s.receive_stock(&ctx(), sku, "20", Some("10"), None).unwrap();
    }
    s
}

fn money(t: &str) -> kaidan_api::core::Money {
    kaidan_api::core::Money::parse(t, kaidan_api::core::Sign::Any).unwrap()
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(&*std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo test"))
        .join("../../../tests/fixtures/import/platforms")
        .join(name)
}

fn dry(s: &Shop, name: &str, opts: &ImportOptions) -> DryRun {
    s.import_dry_run(&fixture(name), opts, Lang::ZhCn).unwrap()
}

fn import(s: &mut Shop, name: &str, opts: &ImportOptions) -> ImportResult {
    s.import_orders(&ctx(), &fixture(name), opts, false, &mut |_, _| {}, &AtomicBool::new(false)).unwrap()
}

/// The shop's order made from a platform's order number (found by searching for it).
fn order_of(s: &Shop, platform_number: &str) -> kaidan_api::core::model::Order {
    let found = s.orders(&OrderQuery { search: Some(platform_number.into()), ..Default::default() }).unwrap();
    assert_eq!(found.items.len(), 1, "{platform_number} is found by its number");
    s.order(&found.items[0].number).unwrap()
}

fn reserved(s: &Shop, sku: &str) -> String {
    s.stock_levels(Some(sku), false, None, 10).unwrap()[0].reserved.to_string()
}

fn problems(d: &DryRun) -> Vec<&SheetProblem> {
    d.warnings.iter().chain(d.errors.iter()).map(|i| &i.problem).collect()
}

fn not_sales(d: &DryRun) -> usize {
    d.warnings.iter().filter(|w| matches!(w.problem, SheetProblem::NotASale { .. })).count()
}

#[test]
fn each_platforms_export_is_recognised_and_read_without_mapping() {
    let s = shop();
    // (file, platform, orders imported, of them waiting, left out as no sale, buyers' total of the goods)
    for (file, platform, orders, waiting, no_sale, total) in [
        ("taobao-items.csv", Platform::Taobao, 2, 1, 2, "265.00"),
        ("jd-orders.csv", Platform::Jd, 2, 1, 1, "206.00"),
        ("pinduoduo-orders.csv", Platform::Pinduoduo, 2, 1, 2, "206.00"),
        ("douyin-orders.csv", Platform::Douyin, 2, 1, 1, "186.80"),
        ("youzan-orders.csv", Platform::Youzan, 2, 1, 1, "235.00"),
    ] {
        let d = dry(&s, file, &ImportOptions::default());
        assert_eq!(d.platform, Some(platform), "{file}");
        assert!(d.errors.is_empty(), "{file}: {:?}", d.errors);
        assert_eq!((d.orders, d.waiting, not_sales(&d)), (orders, waiting, no_sale), "{file}: {:?}", d.warnings);
        assert_eq!(d.total.to_string(), total, "{file}");
        assert_eq!(d.products_new, 0, "{file}: every line is one of the shop's products, by its code");
    }
}

#[test]
fn taobaos_item_report_imports_its_buyers_orders_as_history_and_open_orders() {
    let mut s = shop();
    let opts = ImportOptions { order_date: Some("2026-03-01".into()), ..Default::default() };
    let d = dry(&s, "taobao-items.csv", &ImportOptions::default());
    // the item report names no buyer and no date: the platform's buyers, and the date is asked
    assert!(d.drafts.iter().all(|o| o.customer == "淘宝/天猫买家"), "{:?}", d.drafts);
    assert!(problems(&d).contains(&&SheetProblem::NoDateColumn));
    let r = import(&mut s, "taobao-items.csv", &opts);
    assert_eq!((r.orders, r.waiting, r.platform, r.open), (2, 1, Some(Platform::Taobao), false));
    // 交易成功: delivered history; its long number kept whole (never 2.03E+18) and searchable
    let done = order_of(&s, "2031415890943168732");
    assert_eq!(
        (done.status, done.channel, done.external_number.as_deref()),
        (OrderStatus::Delivered, Channel::Web, Some("2031415890943168732"))
    );
    assert_eq!((done.total.to_string(), done.lines.len(), done.order_date.as_str()), ("206.00".into(), 2, "2026-03-01"));
    // 买家已付款，等待卖家发货: an open order, confirmed, its cup reserved
    let open = order_of(&s, "2031415890943168733");
    assert_eq!((open.status, open.channel), (OrderStatus::Confirmed, Channel::Web));
    assert_eq!(reserved(&s, "BWB-500"), "1");
    // the buyer paid Taobao: the open order is paid (a receipt by Alipay, its number the reference)
    assert_eq!((open.payment_status, open.due.to_string()), (PaymentStatus::Paid, "0.00".to_string()));
    let paid = s.payments_of_order(&open.number).unwrap();
    assert_eq!(paid.len(), 1);
    assert_eq!(
        (paid[0].kind, paid[0].method, paid[0].amount.to_string(), paid[0].reference.as_deref()),
        (PaymentKind::Receipt, PayMethod::Alipay, "59.00".to_string(), Some("2031415890943168733"))
    );
    assert!(paid[0].note.as_deref().unwrap_or_default().contains("淘宝/天猫代收"));
    // the delivered history needs no receipt: imported history is settled
    assert!(s.payments_of_order(&done.number).unwrap().is_empty());
    assert_eq!(done.due.to_string(), "0.00");
    // 交易关闭 and 等待买家付款 are not in the shop
    for n in ["2031415890943168734", "2031415890943168735"] {
        assert!(s.orders(&OrderQuery { search: Some(n.into()), ..Default::default() }).unwrap().items.is_empty(), "{n}");
    }
    assert!(s.check(true).unwrap().is_ok(false));
}

/// Taobao's order report (订单报表) imported with its item report (宝贝报表), either named first:
/// each item's order gets its buyer, phone, address and the day it was paid from the order
/// report (the headers as Taobao writes them, some with a trailing space), so that no date is
/// asked and the buyers are the shop's customers; the pair is imported once, whichever way
/// round; two files that are not such a pair are refused, said in the user's language.
#[test]
fn taobaos_order_report_with_its_item_report_gives_each_order_its_buyer_and_day() {
    let mut s = shop();
    let with = |other: &str| ImportOptions { paired_file: Some(fixture(other).to_string_lossy().into_owned()), ..Default::default() };
    for (first, second) in [("taobao-items.csv", "taobao-orders.csv"), ("taobao-orders.csv", "taobao-items.csv")] {
        let d = dry(&s, first, &with(second));
        assert_eq!(d.platform, Some(Platform::Taobao), "{first} first");
        assert!(!problems(&d).contains(&&SheetProblem::NoDateColumn), "{first} first: {:?}", d.warnings);
        assert!(d.errors.is_empty(), "{first} first: {:?}", d.errors);
        let buyers: Vec<(&str, String)> =
            d.drafts.iter().map(|o| (o.customer.as_str(), o.order_date.map(|d| d.to_string()).unwrap_or_default())).collect();
        assert_eq!(buyers, [("tb_小王2019", "2026-02-27".to_string()), ("cathy_88", "2026-03-02".to_string())], "{first} first");
        assert_eq!(d.drafts[0].phone.as_deref(), Some("138****1234"));
        assert_eq!(d.drafts[0].address.as_deref(), Some("浙江省 杭州市 西湖区 文三路100号"));
    }
    let r = s
        .import_orders(&ctx(), &fixture("taobao-orders.csv"), &with("taobao-items.csv"), false, &mut |_, _| {}, &AtomicBool::new(false))
        .unwrap();
    assert_eq!((r.orders, r.waiting, r.platform), (2, 1, Some(Platform::Taobao)));
    let done = order_of(&s, "2031415890943168732");
    assert_eq!((done.status, done.order_date.as_str(), done.total.to_string()), (OrderStatus::Delivered, "2026-02-27", "206.00".into()));
    assert_eq!(done.customer, "tb_小王2019");
    let open = order_of(&s, "2031415890943168733");
    assert_eq!((open.status, open.order_date.as_str(), open.customer.as_str()), (OrderStatus::Confirmed, "2026-03-02", "cathy_88"));
    assert_eq!(reserved(&s, "BWB-500"), "1");
    assert!(s.check(true).unwrap().is_ok(false));
    // the same pair again, the other way round: imported before
    let again =
        s.import_orders(&ctx(), &fixture("taobao-items.csv"), &with("taobao-orders.csv"), false, &mut |_, _| {}, &AtomicBool::new(false));
    assert!(matches!(again.unwrap_err().problem, kaidan_api::core::Problem::ImportedBefore { .. }));
    // two files that are not an order report and its item report
    for (first, second) in [("taobao-items.csv", "taobao-items.csv"), ("jd-orders.csv", "taobao-orders.csv")] {
        let e = s.import_dry_run(&fixture(first), &with(second), Lang::ZhCn).unwrap_err();
        assert!(e.message(Lang::ZhCn).contains("订单报表和宝贝报表"), "{first} + {second}: {}", e.message(Lang::ZhCn));
        let en = s.import_dry_run(&fixture(first), &with(second), Lang::En).unwrap_err().message(Lang::En);
        assert!(en.contains("order report") && !en.contains("订单报表和"), "{en}");
    }
}

#[test]
fn pinduoduos_export_keeps_address_parts_and_says_the_postage_and_discounts() {
    let mut s = shop();
    let d = dry(&s, "pinduoduo-orders.csv", &ImportOptions::default());
    // the postage (6.00) and the shop's discount (5.00) are said once; the goods are imported
    let said = problems(&d).into_iter().find(|p| matches!(p, SheetProblem::PostageNotKept { .. })).cloned();
    assert_eq!(said, Some(SheetProblem::PostageNotKept { orders: 2, postage: money("6.00"), other: money("-5.00") }), "{:?}", d.warnings);
    let w = d.warnings.iter().find(|w| matches!(w.problem, SheetProblem::PostageNotKept { .. })).unwrap();
    assert!(w.whole.contains("运费共 6.00") && w.whole.contains("优惠共 5.00"), "{}", w.whole);
    let r = import(&mut s, "pinduoduo-orders.csv", &ImportOptions::default());
    assert_eq!((r.orders, r.waiting), (2, 1));
    let shipped = order_of(&s, "231204-512345678901234");
    assert_eq!((shipped.status, shipped.order_date.as_str()), (OrderStatus::Delivered, "2026-03-03"));
    let c = s.customer(&shipped.customer_id).unwrap();
    assert_eq!((c.name.as_str(), c.address.as_deref()), ("李四", Some("广东省深圳市南山区科技园路 1 号")));
    assert_eq!(c.phones, vec!["139****5678".to_string()], "a masked phone is kept as the platform wrote it");
    let waiting = order_of(&s, "231204-512345678901235");
    assert_eq!((waiting.status, waiting.total.to_string()), (OrderStatus::Confirmed, "118.00".to_string()));
    assert_eq!(reserved(&s, "BWB-500"), "2");
}

#[test]
fn a_later_export_adds_only_the_new_orders_and_says_what_shipped_since() {
    let mut s = shop();
    import(&mut s, "pinduoduo-orders.csv", &ImportOptions::default());
    let ours = order_of(&s, "231204-512345678901235").number;
    let d = dry(&s, "pinduoduo-orders-later.csv", &ImportOptions::default());
    assert_eq!((d.orders, d.already_in_shop, d.waiting), (1, 2, 1));
    let p = problems(&d);
    assert!(p.contains(&&SheetProblem::ShippedSince { number: "231204-512345678901235".into(), ours: ours.clone() }), "{p:?}");
    assert!(p.iter().any(|x| matches!(x, SheetProblem::AlreadyInShop { number, .. } if number == "231204-512345678901234")), "{p:?}");
    let r = import(&mut s, "pinduoduo-orders-later.csv", &ImportOptions::default());
    assert_eq!((r.orders, r.already_in_shop, r.waiting), (1, 2, 1));
    // each platform order once in the shop
    for n in ["231204-512345678901234", "231204-512345678901235", "231204-512345678901238"] {
        order_of(&s, n);
    }
    assert_eq!(reserved(&s, "KB-10"), "3");
    // the same export again brings nothing new: refused as the file imported before
    let again = s.import_orders(
        &ctx(),
        &fixture("pinduoduo-orders-later.csv"),
        &ImportOptions::default(),
        false,
        &mut |_, _| {},
        &AtomicBool::new(false),
    );
    assert!(matches!(again.unwrap_err().problem, kaidan_api::core::Problem::ImportedBefore { .. }));
    assert!(s.check(true).unwrap().is_ok(false));
}

#[test]
fn waiting_orders_the_shelf_cannot_fill_are_found_by_the_dry_run() {
    let mut s = Shop::open_in_memory().unwrap();
    s.init(&ctx(), "测试杂货店", "店主").unwrap();
    // an empty shelf: the JD order waiting to be shipped cannot be confirmed
    let d = dry(&s, "jd-orders.csv", &ImportOptions::default());
    assert_eq!((d.orders, d.waiting), (1, 0), "{:?}", d.errors);
    let refused: Vec<_> = d.errors.iter().filter(|e| matches!(e.problem, SheetProblem::Refused { .. })).collect();
    assert_eq!(refused.len(), 1, "{:?}", d.errors);
    assert_eq!(refused[0].row, 3);
    assert!(refused[0].whole.contains("库存不足"), "{}", refused[0].whole);
    // and the import refuses the same, leaving the shop as it was
    let before = s.dump().unwrap();
    let zh = Ctx { lang: Lang::ZhCn, ..ctx() };
    let e = s.import_orders(&zh, &fixture("jd-orders.csv"), &ImportOptions::default(), false, &mut |_, _| {}, &AtomicBool::new(false));
    let said = e.unwrap_err().message(Lang::ZhCn);
    assert!(said.contains("第 3 行") && said.contains("库存不足"), "{said}");
    assert!(s.dump().unwrap() == before);
}

#[test]
fn an_import_of_an_export_is_undone_whole() {
    let mut s = shop();
    let r = import(&mut s, "youzan-orders.csv", &ImportOptions::default());
    assert_eq!((r.orders, r.waiting), (2, 1));
    assert_eq!(reserved(&s, "CH-800"), "2");
    let waiting = order_of(&s, "E20260304111111012346");
    let receipt = s.payments_of_order(&waiting.number).unwrap().remove(0);
    assert_eq!((receipt.method, receipt.amount.to_string()), (PayMethod::Other, "176.00".to_string()));
    s.undo_import(&ctx(), &r.batch).unwrap();
    assert_eq!(reserved(&s, "CH-800"), "0");
    // the receipt is reversed (a reversal of its own number: nothing issued is edited)
    let again = s.reverse_payment(&ctx(), &receipt.number, "again").unwrap_err();
    assert!(matches!(again.problem, kaidan_api::core::Problem::AlreadyReversed { .. }), "{again:?}");
    assert!(s.orders(&OrderQuery { search: Some("E20260302101010012345".into()), ..Default::default() }).unwrap().items.is_empty());
    // undone as if it never was: the reversal is dated on the receipt's own day, so that day's
    // money nets to nothing and today's (the undo's day) is untouched
    let today = ctx().today;
    let day = |d: &str| kaidan_api::ReportQuery { from: Some(d.into()), to: Some(d.into()), ..Default::default() };
    for d in [receipt.date.clone(), today.to_string()] {
        let net = s.report_collections(&day(&d), today).unwrap().total.net;
        assert_eq!(net, kaidan_api::core::Money::ZERO, "money of {d}");
    }
    assert!(s.check(true).unwrap().is_ok(false));
}

/// A file of its own (the cases the fixtures do not hold), UTF-8 with Windows line ends.
fn sheet(dir: &std::path::Path, name: &str, rows: &[&str]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("\u{feff}{}\r\n", rows.join("\r\n"))).unwrap();
    path
}

const YOUZAN: &str = "订单号,订单状态,商品名称,商品规格,商品编码,商品单价,商品数量,订单实付金额,运费,收货人/提货人,收货人手机号/提货人手机号,收货人省份,收货人城市,收货人地区,详细收货地址/提货地址,买家备注,订单创建时间,商家订单备注";

#[test]
fn a_platform_order_closed_since_is_said_and_an_unknown_status_is_history_said() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop();
    let first = sheet(
        dir.path(),
        "first.csv",
        &[YOUZAN, "E20260001,待发货,玻璃茶壶 800ml,,CH-800,88.00,1,88.00,包邮,何五,176****5555,天津市,天津市,和平区,南京路 50 号,,2026-03-04 11:11:11,"],
    );
    let d = s.import_dry_run(&first, &ImportOptions::default(), Lang::ZhCn).unwrap();
    // a postage of words (包邮) is said on its cell and read as none: the order is imported
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    assert!(d.warnings.iter().any(|w| matches!(&w.problem, SheetProblem::NotANumber { text } if text == "包邮")), "{:?}", d.warnings);
    s.import_orders(&ctx(), &first, &ImportOptions::default(), false, &mut |_, _| {}, &AtomicBool::new(false)).unwrap();
    let ours = order_of(&s, "E20260001").number;
    // the next export: E20260001 refunded since, E20260002 in words no platform writes
    let later = sheet(
        dir.path(),
        "later.csv",
        &[
            YOUZAN,
            "E20260001,退款成功,玻璃茶壶 800ml,,CH-800,88.00,1,88.00,0.00,何五,176****5555,天津市,天津市,和平区,南京路 50 号,,2026-03-04 11:11:11,",
            "E20260002,神秘状态,竹筷子 10 双装,,KB-10,19.90,1,19.90,0.00,许六,175****6666,重庆市,重庆市,渝中区,解放碑 1 号,,2026-03-05 12:12:12,",
        ],
    );
    let d = s.import_dry_run(&later, &ImportOptions::default(), Lang::ZhCn).unwrap();
    let p = problems(&d);
    assert!(p.contains(&&SheetProblem::ClosedSince { number: "E20260001".into(), ours: ours.clone(), status: "退款成功".into() }), "{p:?}");
    assert!(p.contains(&&SheetProblem::StatusNotKnown { status: "神秘状态".into() }), "{p:?}");
    assert_eq!((d.orders, d.waiting, d.already_in_shop), (1, 0, 1));
    let r = s.import_orders(&ctx(), &later, &ImportOptions::default(), false, &mut |_, _| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(order_of(&s, "E20260002").status, OrderStatus::Delivered);
    assert_eq!(r.waiting, 0);
}

#[test]
fn a_plain_sheets_status_only_leaves_out_no_sales() {
    // not an online shop's export: 已付款 and 待发货 are the shop's own words, the sheet history
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop();
    let plain = sheet(
        dir.path(),
        "plain.csv",
        &[
            "单号,客户,日期,编码,品名,数量,单价,订单状态",
            "P-1,王五,2026-03-01,BWB-500,保温杯,1,59.00,已付款",
            "P-2,王五,2026-03-02,BWB-500,保温杯,1,59.00,已取消",
        ],
    );
    let d = s.import_dry_run(&plain, &ImportOptions::default(), Lang::ZhCn).unwrap();
    assert_eq!((d.platform, d.orders, d.waiting), (None, 1, 0));
    let r = s.import_orders(&ctx(), &plain, &ImportOptions::default(), false, &mut |_, _| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!((r.orders, r.waiting, r.open), (1, 0, false));
    assert_eq!(order_of(&s, "P-1").status, OrderStatus::Delivered);
    assert_eq!(reserved(&s, "BWB-500"), "0");
}
