//! The dry run promises what the import does (issue 19): for generated order sheets — names,
//! specs, units, phones, addresses and notes around the lengths the shop keeps, quantities,
//! prices and dates good and bad — if the dry run reports no error the import succeeds; if it
//! reports errors, the import refuses, naming the first of them, and leaves the shop exactly as
//! it was; and imported with "only the rows without errors" it succeeds and skips exactly the
//! rows the dry run named.

use std::collections::BTreeSet;
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};
use kaidan_api::core::{ErrorCode, Lang, Problem};
use kaidan_api::{Ctx, ImportOptions, Shop};
use proptest::prelude::*;

fn ctx() -> Ctx {
    Ctx::owner_at(DateTime::parse_from_rfc3339("2026-03-05T09:00:00Z").unwrap().with_timezone(&Utc))
}

fn shop() -> Shop {
    let mut s = Shop::open_in_memory().unwrap();
    s.init(&ctx(), "测试五金店", "店主").unwrap();
    s
}

/// A text of `n` characters (Chinese and Latin, as real sheets mix them).
fn text(stem: &str, n: usize) -> String {
    let mut t: String = stem.chars().take(n).collect();
    while t.chars().count() < n {
        t.push(if t.chars().count() % 3 == 0 { 'a' } else { '螺' });
    }
    t
}

/// A length near a limit: well inside, at it, or one over (rarely).
fn around(limit: usize) -> impl Strategy<Value = usize> {
    prop_oneof![8 => 1usize..12, 1 => Just(limit), 1 => Just(limit + 1)]
}

#[derive(Debug, Clone)]
struct Row {
    customer: usize,
    customer_len: usize,
    phone: String,
    address_len: usize,
    date: &'static str,
    sku: Option<usize>,
    product: usize,
    product_len: usize,
    spec_len: usize,
    unit: &'static str,
    qty: &'static str,
    price: &'static str,
    notes_len: usize,
}

fn row() -> impl Strategy<Value = Row> {
    (
        (0usize..3, around(255), prop_oneof![5 => Just("138 0000 0001".to_string()), 1 => Just("1".repeat(31)), 1 => Just(String::new())]),
        (
            prop_oneof![4 => Just(0usize), 2 => 1usize..30, 1 => Just(500), 1 => Just(501)],
            prop_oneof![6 => Just("2025-03-04"), 1 => Just("2025-13-40"), 1 => Just("")],
        ),
        (proptest::option::of(prop_oneof![5 => 1usize..40, 1 => Just(40), 1 => Just(41)]), 0usize..4, around(255)),
        (
            prop_oneof![4 => Just(0usize), 1 => Just(500), 1 => Just(501)],
            prop_oneof![5 => Just("个"), 1 => Just(""), 1 => Just("一箱十二个装的纸箱")],
        ),
        prop_oneof![6 => Just("2"), 1 => Just("0"), 1 => Just("-1"), 1 => Just("abc"), 1 => Just("1.2345"), 1 => Just("")],
        prop_oneof![6 => Just("3.50"), 1 => Just(""), 1 => Just("x"), 1 => Just("-1")],
        prop_oneof![6 => Just(0usize), 1 => Just(2000), 1 => Just(2001)],
    )
        .prop_map(
            |(
                (customer, customer_len, phone),
                (address_len, date),
                (sku, product, product_len),
                (spec_len, unit),
                qty,
                price,
                notes_len,
            )| {
                Row { customer, customer_len, phone, address_len, date, sku, product, product_len, spec_len, unit, qty, price, notes_len }
            },
        )
}

/// The sheet as a CSV (header on row 1), each row its own order.
fn csv(rows: &[Row]) -> String {
    let mut out = String::from("单号,客户,电话,地址,日期,商品编码,商品,规格,单位,数量,单价,备注\r\n");
    for (i, r) in rows.iter().enumerate() {
        let sku = r.sku.map(|n| text(&format!("SKU{}-", r.product), n)).unwrap_or_default();
        out.push_str(&format!(
            "H{i:03},{},{},{},{},{sku},{},{},{},{},{},{}\r\n",
            text(&format!("客户{}", r.customer), r.customer_len),
            r.phone,
            if r.address_len == 0 { String::new() } else { text("上海市", r.address_len) },
            r.date,
            text(&format!("商品{}", r.product), r.product_len),
            if r.spec_len == 0 { String::new() } else { text("M", r.spec_len) },
            r.unit,
            r.qty,
            r.price,
            if r.notes_len == 0 { String::new() } else { text("备注", r.notes_len) },
        ));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn what_the_dry_run_passes_imports_and_what_it_refuses_the_import_refuses(rows in proptest::collection::vec(row(), 1..7)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("订单.csv");
        std::fs::write(&path, csv(&rows)).unwrap();
        let opts = ImportOptions::default();
        let no = AtomicBool::new(false);

        let mut s = shop();
        let dry = s.import_dry_run(&path, &opts, Lang::ZhCn).unwrap();
        let error_rows: BTreeSet<u32> = dry.errors.iter().map(|e| e.row).collect();
        let before = s.dump().unwrap();
        let done = s.import_orders(&ctx(), &path, &opts, false, &mut |_, _| {}, &no);
        if dry.errors.is_empty() {
            let r = done.map_err(|e| e.message(Lang::En)).unwrap();
            prop_assert_eq!(r.orders, dry.orders);
            prop_assert_eq!(r.total, dry.total);
        } else {
            let e = done.unwrap_err();
            prop_assert_eq!(e.code(), ErrorCode::Invalid);
            let first = &dry.errors[0];
            let refused_at = match &e.problem {
                Problem::ImportHasErrors { count, row, letter, .. } => (*count as usize, *row, letter.clone()),
                other => return Err(TestCaseError::fail(format!("refused for another reason: {other:?}"))),
            };
            prop_assert_eq!(refused_at, (dry.errors.len(), first.row, first.letter.clone()));
            prop_assert!(s.dump().unwrap() == before, "a refused import changed the shop");
            // every error is worded whole, in Chinese, with its row
            for i in &dry.errors {
                prop_assert!(i.whole.starts_with(&format!("第 {} 行", i.row)), "{}", i.whole);
            }
            // only the rows without errors: imported, and exactly the dry run's rows skipped
            let mut t = shop();
            let r = t.import_orders(&ctx(), &path, &opts, true, &mut |_, _| {}, &no).map_err(|e| e.message(Lang::En)).unwrap();
            let skipped: BTreeSet<u32> = r.skipped_error_rows.iter().copied().collect();
            prop_assert_eq!(skipped, error_rows);
            prop_assert_eq!(r.orders, dry.orders);
            prop_assert!(t.check(true).unwrap().is_ok(false));
        }
    }
}

/// A sheet of orders still to deliver (open orders), each row its own order of one product: the
/// shelf holds 5 of each of three products; the fourth is new to the shop (none on the shelf).
fn open_csv(rows: &[(usize, usize, u32)]) -> String {
    let mut out = String::from("单号,客户,日期,商品编码,商品,数量,单价\r\n");
    for (i, (customer, product, qty)) in rows.iter().enumerate() {
        out.push_str(&format!("K{i:03},客户{customer},2026-03-04,P{product},商品{product},{qty},3.50\r\n"));
    }
    out
}

fn stocked_shop() -> Shop {
    let mut s = shop();
    for p in 0..3 {
        let input = kaidan_api::ProductInput {
            sku: Some(format!("P{p}")),
            name: Some(format!("商品{p}")),
            price: Some("3.50".into()),
            ..Default::default()
        };
        s.add_product(&ctx(), &input).unwrap();
        s.receive_stock(&ctx(), &format!("P{p}"), "5", Some("2"), None).unwrap();
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Open orders take stock as they are made, one after the other: the dry run finds every
    /// order the shelf cannot fill (the earlier orders of the sheet counted first), the import
    /// refuses at the first of them and changes nothing, and "only the rows without errors"
    /// makes exactly the others.
    #[test]
    fn the_dry_run_of_open_orders_finds_every_order_short_of_stock(
        rows in proptest::collection::vec((0usize..3, prop_oneof![6 => 0usize..3, 1 => Just(3usize)], 1u32..5), 1..8)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("未发货 订单.csv");
        std::fs::write(&path, open_csv(&rows)).unwrap();
        let opts = ImportOptions { open_orders: Some(true), ..Default::default() };
        let no = AtomicBool::new(false);

        // what the shelf can fill, order by order, as the shop takes them
        let mut shelf = [5u32, 5, 5, 0];
        let mut short = BTreeSet::new();
        for (i, (_, p, qty)) in rows.iter().enumerate() {
            if shelf[*p] >= *qty {
                shelf[*p] -= qty;
            } else {
                short.insert(i as u32 + 2);
            }
        }

        let mut s = stocked_shop();
        let before = s.dump().unwrap();
        let dry = s.import_dry_run(&path, &opts, Lang::ZhCn).unwrap();
        prop_assert!(s.dump().unwrap() == before, "the dry run changed the shop");
        let error_rows: BTreeSet<u32> = dry.errors.iter().map(|e| e.row).collect();
        prop_assert_eq!(&error_rows, &short);
        prop_assert_eq!(dry.orders, rows.len() - short.len());
        for i in &dry.errors {
            prop_assert!(i.whole.starts_with(&format!("第 {} 行", i.row)) && i.whole.contains("库存"), "{}", i.whole);
        }
        let done = s.import_orders(&ctx(), &path, &opts, false, &mut |_, _| {}, &no);
        if short.is_empty() {
            let r = done.map_err(|e| e.message(Lang::En)).unwrap();
            prop_assert_eq!(r.orders, dry.orders);
            prop_assert_eq!(r.total, dry.total);
        } else {
            let e = done.unwrap_err();
            let row = match &e.problem {
                Problem::ImportRowRefused { row, .. } => *row,
                other => return Err(TestCaseError::fail(format!("refused for another reason: {other:?}"))),
            };
            prop_assert_eq!(Some(&row), short.iter().next());
            prop_assert!(s.dump().unwrap() == before, "a refused import changed the shop");
            // only the rows without errors: the other orders made, their numbers without a gap
            let r = s.import_orders(&ctx(), &path, &opts, true, &mut |_, _| {}, &no).map_err(|e| e.message(Lang::En)).unwrap();
            let skipped: BTreeSet<u32> = r.skipped_error_rows.iter().copied().collect();
            prop_assert_eq!(skipped, short);
            prop_assert_eq!(r.orders, dry.orders);
            prop_assert_eq!(r.total, dry.total);
            prop_assert!(s.check(true).unwrap().is_ok(false), "{:?}", s.check(true).unwrap());
        }
    }
}
