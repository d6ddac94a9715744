//! An order sheet large enough to be written in several batches (history orders are built on
//! a second thread, 256 at a time, and written in statements of many rows): every order, line
//! and delivery lands with exact totals and is found by search; a cancel, or a bad order in the
//! last batch, leaves the database exactly as it was.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use kaidan_api::core::{ErrorCode, OrderStatus};
use kaidan_api::{Ctx, ImportOptions, OrderQuery, Shop};

fn ctx() -> Ctx {
    Ctx::owner_at(DateTime::parse_from_rfc3339("2026-03-05T09:00:00Z").unwrap().with_timezone(&Utc))
}

fn shop() -> Shop {
    let mut s = Shop::open_in_memory().unwrap();
    s.init(&ctx(), "测试五金店", "店主").unwrap();
    s
}

/// 700 orders of 1 to 7 lines (3 batches and a part; line counts that are no multiple of a
/// statement's 32 rows), 40 customers, 30 products; the sheet row of each order's first line,
/// and the sheet's total in cents. `long_note_on` gives that order a note over 1,000 characters.
fn sheet(dir: &std::path::Path, long_note_on: Option<usize>) -> (std::path::PathBuf, Vec<u32>, i64, usize) {
    let mut csv = String::from("单号,客户,日期,编码,品名,数量,单价,备注\r\n");
    let (mut row, mut first_rows, mut total, mut lines) = (1u32, Vec::new(), 0i64, 0usize);
    for o in 0..700usize {
        first_rows.push(row + 1);
        for l in 0..1 + (o * 5) % 7 {
            let p = (o * 3 + l * 7) % 30;
            let (qty, price_cents) = (1 + (o + l) % 9, 150 + 25 * p as i64);
            total += qty as i64 * price_cents;
            let note = if l == 0 && Some(o) == long_note_on { "长".repeat(2001) } else { String::new() };
            csv.push_str(&format!(
                "H{o:05},客户{:02},2025-{:02}-{:02},P{p:03},商品 {p},{qty},{}.{:02},{note}\r\n",
                o % 40,
                1 + o % 12,
                1 + o % 28,
                price_cents / 100,
                price_cents % 100
            ));
            row += 1;
            lines += 1;
        }
    }
    let path = dir.join("历史 订单.csv");
    std::fs::write(&path, csv).unwrap();
    (path, first_rows, total, lines)
}

/// The same sheet as an xlsx (read on a second thread while its rows are analysed).
fn as_xlsx(csv: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(csv).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, line) in text.lines().enumerate() {
        for (c, v) in line.split(',').enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, v).unwrap();
            }
        }
    }
    let path = csv.with_extension("xlsx");
    wb.save(&path).unwrap();
    path
}

/// A file of tests/fixtures/import.
fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(&*std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo test"))
        .join("../../../tests/fixtures/import")
        .join(name)
}

fn import(s: &mut Shop, path: &std::path::Path, cancel: &AtomicBool, progress: &mut dyn FnMut(u64, u64)) -> kaidan_api::core::Error {
    s.import_orders(&ctx(), path, &ImportOptions::default(), false, progress, cancel).unwrap_err()
}

#[test]
fn a_sheet_of_many_batches_lands_whole_with_exact_totals_and_is_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, total, lines) = sheet(dir.path(), None);
    let mut s = shop();
    let mut seen = Vec::new();
    let r = s
        .import_orders(&ctx(), &path, &ImportOptions::default(), false, &mut |done, of| seen.push((done, of)), &AtomicBool::new(false))
        .unwrap();
    assert_eq!((r.orders, r.lines, r.customers_new, r.products_new), (700, lines, 40, 30));
    assert_eq!(r.total.minor(), total, "the sheet's total to the cent");
    assert_eq!((r.first_number.as_deref(), r.last_number.as_deref()), (Some("SO-2025-000001"), Some("SO-2025-000700")));
    // progress climbs batch by batch to the end
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");
    assert!(seen.len() >= 4 && seen.last() == Some(&(700, 700)), "{seen:?}");
    // the last order of the last batch: its lines, all delivered on one delivery note
    let last = s.order("SO-2025-000700").unwrap();
    assert_eq!((last.status, last.external_number.as_deref()), (OrderStatus::Delivered, Some("H00699")));
    assert_eq!(last.lines.len(), 1 + (699 * 5) % 7);
    assert!(last.lines.iter().all(|l| l.delivered_qty == l.qty));
    assert_eq!(last.deliveries.len(), 1);
    assert_eq!(last.deliveries[0].number, "DN-2025-000700");
    assert_eq!(last.deliveries[0].lines.len(), last.lines.len());
    // every order is found by its number in the old sheet, and by its customer
    let found = s.orders(&OrderQuery { search: Some("H00513".into()), ..Default::default() }).unwrap();
    assert_eq!(found.items.len(), 1);
    let by_customer = s.orders(&OrderQuery { search: Some("客户07".into()), limit: Some(100), ..Default::default() }).unwrap();
    assert_eq!(by_customer.items.len(), (0..700).filter(|o| o % 40 == 7).count());
    // and every invariant holds: totals = their lines, deliveries = delivered quantities,
    // numbering, and every reference (written without SQLite enforcing them row by row)
    let check = s.check(true).unwrap();
    assert!(check.is_ok(false), "{check:?}");
    assert!(s.store_mut().foreign_keys_enforced().unwrap(), "enforcement is back on after the bulk import");
}

#[test]
fn a_cancel_midway_or_a_bad_order_in_the_last_batch_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop();
    let before = s.dump().unwrap();
    // cancelled once the first batches are written
    let (path, _, _, _) = sheet(dir.path(), None);
    let cancel = AtomicBool::new(false);
    let e = import(&mut s, &path, &cancel, &mut |done, _| {
        if done >= 256 {
            cancel.store(true, Ordering::Relaxed)
        }
    });
    assert_eq!(e.code(), ErrorCode::Cancelled, "{e:?}");
    assert!(cancel.load(Ordering::Relaxed), "the cancel came after batches were written");
    assert!(s.dump().unwrap() == before, "nothing of the cancelled import is left");
    // order 690 (in the last batch) has a note the shop cannot keep: the dry run finds it, and
    // the import refuses before writing anything, naming its row, column and header
    let (path, first_rows, _, _) = sheet(dir.path(), Some(690));
    let e = import(&mut s, &path, &AtomicBool::new(false), &mut |_, _| {});
    let message = e.message(kaidan_api::core::Lang::En);
    assert!(message.contains(&format!("row {}, column H", first_rows[690])) && message.contains("2000"), "{message}");
    let zh = e.message(kaidan_api::core::Lang::ZhCn);
    assert!(zh.contains(&format!("第 {} 行 H 列", first_rows[690])) && zh.contains("什么都没有导入"), "{zh}");
    assert!(s.dump().unwrap() == before, "nothing of the refused import is left");
    assert!(s.store_mut().foreign_keys_enforced().unwrap(), "enforcement is back on after a refused bulk import");
}

#[test]
fn an_xlsx_read_while_it_is_analysed_imports_as_the_same_sheet_in_csv_and_damage_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, _, total, lines) = sheet(dir.path(), None);
    let xlsx = as_xlsx(&csv);
    let (mut from_csv, mut from_xlsx) = (shop(), shop());
    let no = AtomicBool::new(false);
    let a = from_csv.import_orders(&ctx(), &csv, &ImportOptions::default(), false, &mut |_, _| {}, &no).unwrap();
    let b = from_xlsx.import_orders(&ctx(), &xlsx, &ImportOptions::default(), false, &mut |_, _| {}, &no).unwrap();
    assert_eq!((b.orders, b.lines, b.total.minor()), (700, lines, total));
    assert_eq!(
        (a.orders, a.lines, a.total, a.customers_new, a.products_new),
        (b.orders, b.lines, b.total, b.customers_new, b.products_new)
    );
    for n in ["SO-2025-000001", "SO-2025-000377", "SO-2025-000700"] {
        let (x, y) = (from_csv.order(n).unwrap(), from_xlsx.order(n).unwrap());
        assert_eq!((&x.external_number, &x.customer, &x.order_date, x.total), (&y.external_number, &y.customer, &y.order_date, y.total));
        let lines = |o: &kaidan_api::core::model::Order| o.lines.iter().map(|l| (l.sku.clone(), l.qty, l.unit_price)).collect::<Vec<_>>();
        assert_eq!(lines(&x), lines(&y));
    }
    assert!(from_xlsx.check(true).unwrap().is_ok(false));

    // a file listing its rows out of order is read whole after all, and imports in full
    let mut s = shop();
    let r = s.import_orders(&ctx(), &fixture("rows-out-of-order.xlsx"), &ImportOptions::default(), false, &mut |_, _| {}, &no).unwrap();
    assert_eq!((r.orders, r.lines, r.total.to_string()), (4, 4, "47.50".to_string()));

    // a damaged xlsx is refused for what it is, not for what the analysis made of half of it
    let bytes = std::fs::read(&xlsx).unwrap();
    let cut = dir.path().join("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let before = s.dump().unwrap();
    let e = s.import_orders(&ctx(), &cut, &ImportOptions::default(), false, &mut |_, _| {}, &no).unwrap_err();
    let message = e.message(kaidan_api::core::Lang::En);
    assert!(!message.contains("header") && !message.contains("error(s)"), "{message}");
    assert!(s.dump().unwrap() == before);
}

#[test]
fn an_ods_too_large_once_spread_out_is_refused_in_the_users_language_and_nothing_is_written() {
    let ods = fixture("damaged-repeated-cells.ods");
    let mut s = shop();
    let before = s.dump().unwrap();
    let e = import(&mut s, &ods, &AtomicBool::new(false), &mut |_, _| {});
    assert!(e.message(kaidan_api::core::Lang::En).contains("96016000 cells"), "{e:?}");
    let zh = Ctx { lang: kaidan_api::core::Lang::ZhCn, ..ctx() };
    let e = s.import_orders(&zh, &ods, &ImportOptions::default(), false, &mut |_, _| {}, &AtomicBool::new(false)).unwrap_err();
    assert!(e.message(kaidan_api::core::Lang::ZhCn).contains("请另存为 CSV 后再导入"), "{e:?}");
    assert!(s.dump().unwrap() == before);
}

/// A workbook that opens on a notes sheet, the orders on the second: the check, the error copy
/// and the import all take the sheet that holds a header, unless the user names another.
#[test]
fn a_workbook_opening_on_a_notes_sheet_is_read_from_the_sheet_that_holds_the_orders() {
    let book = fixture("history-two-sheets.xlsx");
    let mut s = shop();
    let lang = kaidan_api::core::Lang::ZhCn;
    let preview = s.import_preview(&book, &ImportOptions::default(), lang).unwrap();
    assert_eq!(preview.sheets, ["说明", "2024年订单"]);
    assert_eq!((preview.dry.sheet.as_str(), preview.dry.orders, preview.dry.total.to_string()), ("2024年订单", 3, "141.00".into()));
    assert_eq!(s.import_dry_run(&book, &ImportOptions::default(), lang).unwrap().sheet, "2024年订单");
    // a column changed in the wizard (a mapping, no sheet named: the sheet was chosen for the
    // user) still reads the orders' sheet
    let mut columns = preview.dry.mapping.clone();
    columns.remove("金额");
    let remapped = ImportOptions {
        mapping: Some(kaidan_api::MappingSpec { header_row: Some(preview.dry.header_row), columns }),
        ..Default::default()
    };
    let d = s.import_dry_run(&book, &remapped, lang).unwrap();
    assert_eq!((d.sheet.as_str(), d.orders, d.mapping.contains_key("金额")), ("2024年订单", 3, false));
    // the notes sheet named by the user is read, and has no header
    let notes = ImportOptions { sheet: Some("说明".into()), ..Default::default() };
    let e = s.import_dry_run(&book, &notes, kaidan_api::core::Lang::En).unwrap_err();
    assert!(e.message(kaidan_api::core::Lang::En).contains("no header row"), "{e:?}");
    let no = AtomicBool::new(false);
    let r = s.import_orders(&ctx(), &book, &ImportOptions::default(), false, &mut |_, _| {}, &no).unwrap();
    assert_eq!((r.orders, r.lines, r.customers_new, r.products_new, r.total.to_string()), (3, 4, 2, 3, "141.00".into()));
    let first = s.order(r.first_number.as_deref().unwrap()).unwrap();
    assert_eq!((first.external_number.as_deref(), first.lines.len(), first.status), (Some("H-2024-001"), 2, OrderStatus::Delivered));
    assert!(s.check(true).unwrap().is_ok(false));
}

/// A workbook of a year a sheet: each sheet is imported once (the same sheet again is refused,
/// naming it; the other sheet imports; an undone sheet imports again). A batch from before
/// sheets were recorded stands for the whole file.
#[test]
fn each_sheet_of_a_workbook_is_imported_once() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("销售 2023-2024.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (year, customer) in [("2023", "城东装修队"), ("2024", "堃泰物业")] {
        let ws = wb.add_worksheet().set_name(format!("{year}年")).unwrap();
        for (r, row) in [
            ["单号", "客户", "日期", "品名", "数量", "单价"],
            [&format!("{year}-1"), customer, &format!("{year}-03-05"), "六角螺栓", "10", "0.35"],
            [&format!("{year}-2"), customer, &format!("{year}-04-06"), "圆钉", "2", "9.50"],
        ]
        .iter()
        .enumerate()
        {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(&book).unwrap();
    let mut s = shop();
    let no = AtomicBool::new(false);
    let sheet = |name: &str| ImportOptions { sheet: Some(name.into()), ..Default::default() };
    let first = s.import_orders(&ctx(), &book, &ImportOptions::default(), false, &mut |_, _| {}, &no).unwrap();
    assert_eq!((first.orders, first.first_number.as_deref()), (2, Some("SO-2023-000001")), "the first sheet by default");
    let before = s.dump().unwrap();
    let e = s.import_orders(&ctx(), &book, &sheet("2023年"), false, &mut |_, _| {}, &no).unwrap_err();
    assert!(e.message(kaidan_api::core::Lang::En).contains("Sheet \"2023年\" of this file was already imported"), "{e:?}");
    assert!(e.message(kaidan_api::core::Lang::ZhCn).contains("工作表“2023年”已在"), "{e:?}");
    assert!(s.dump().unwrap() == before);
    let second = s.import_orders(&ctx(), &book, &sheet("2024年"), false, &mut |_, _| {}, &no).unwrap();
    assert_eq!((second.orders, second.first_number.as_deref()), (2, Some("SO-2024-000001")));
    let batches = s.import_batches(10).unwrap();
    assert_eq!(batches.iter().map(|b| b.sheet.as_str()).collect::<Vec<_>>(), ["2024年", "2023年"]);
    // undone (the later first: it uses the products the first made), a sheet imports again
    s.undo_import(&ctx(), &second.batch).unwrap();
    s.undo_import(&ctx(), &first.batch).unwrap();
    let again = s.import_orders(&ctx(), &book, &sheet("2023年"), false, &mut |_, _| {}, &no).unwrap();
    assert_eq!(again.orders, 2);
    // a batch recorded before schema 9 has no sheet: it stands for the whole file
    s.store_mut().raw_connection_for_benchmarks().execute("UPDATE import_batch SET sheet = '' WHERE id = ?1", [&again.batch]).unwrap();
    let e = s.import_orders(&ctx(), &book, &sheet("2024年"), false, &mut |_, _| {}, &no).unwrap_err();
    assert!(e.message(kaidan_api::core::Lang::En).contains("This file was already imported"), "{e:?}");
    assert!(s.check(true).unwrap().is_ok(false));
}

/// Goods named without a code get one from their name's initials, the first number no product
/// uses (a product the shop already has with that code, or one made earlier in the import).
#[test]
fn products_without_a_code_get_one_from_their_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop();
    s.add_product(
        &ctx(),
        &kaidan_api::ProductInput {
            sku: Some("LJLS-001".into()),
            name: Some("六角螺丝".into()),
            price: Some("1".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let path = dir.path().join("订单.csv");
    std::fs::write(
        &path,
        "单号,客户,日期,品名,单位,数量,单价\r\nA1,城东装修队,2025-03-05,六角螺栓,个,10,0.35\r\nA2,城东装修队,2025-03-06,六角螺栓,个,5,0.35\r\nA2,城东装修队,2025-03-06,Hex bolt 8mm,pc,3,1.20\r\n",
    )
    .unwrap();
    let no = AtomicBool::new(false);
    let r = s.import_orders(&ctx(), &path, &ImportOptions::default(), false, &mut |_, _| {}, &no).unwrap();
    assert_eq!((r.orders, r.products_new), (2, 2));
    let bolt = s.product("LJLS-002").unwrap();
    assert_eq!((bolt.name.as_str(), bolt.unit.as_str()), ("六角螺栓", "个"));
    assert_eq!(s.product("HB8MM-001").unwrap().name, "Hex bolt 8mm");
    assert_eq!(s.product("LJLS-001").unwrap().name, "六角螺丝", "the shop's own product is left alone");
}

/// An English invoice export: its Invoice Date dates the orders (month first, as its 03/26/2024
/// says, so 03/05/2024 is 5 March), its Billing Address with City,
/// State and Country is the new customer's address, its Email is kept on the customer; a
/// customer the shop has already keeps what the shop knows.
#[test]
fn an_english_invoice_export_keeps_the_date_address_and_email_on_the_new_customer() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop();
    s.add_customer(
        &ctx(),
        &kaidan_api::CustomerInput { name: Some("Known Co".into()), email: Some("old@known.test".into()), ..Default::default() },
    )
    .unwrap();
    let path = dir.path().join("invoices export.csv");
    std::fs::write(
        &path,
        "Invoice Date,Invoice No,Customer,Billing Address,City,State,Country,Email,Item,Qty,Rate\r\n\
         03/05/2024,INV-1,Acme Ltd,12 Main St,Springfield,IL,USA,Buyer@Acme.test,Tea,2,9.50\r\n\
         03/05/2024,INV-1,Acme Ltd,12 Main St,Springfield,IL,USA,Buyer@Acme.test,Cups,1,3\r\n\
         03/26/2024,INV-2,Known Co,1 High St,Leeds,,UK,new@known.test,Tea,1,9.50\r\n",
    )
    .unwrap();
    let no = AtomicBool::new(false);
    let r = s.import_orders(&ctx(), &path, &ImportOptions::default(), false, &mut |_, _| {}, &no).unwrap();
    assert_eq!((r.orders, r.customers_new, r.total.to_string().as_str()), (2, 1, "31.50"));
    let acme = s.customer("Acme Ltd").unwrap();
    assert_eq!(acme.email.as_deref(), Some("Buyer@Acme.test"));
    assert_eq!(acme.address.as_deref(), Some("12 Main St, Springfield, IL, USA"));
    assert_eq!(s.customer("Known Co").unwrap().email.as_deref(), Some("old@known.test"), "the shop's own customer is left alone");
    let inv1 = s.orders(&OrderQuery { search: Some("INV-1".into()), ..Default::default() }).unwrap();
    assert_eq!(inv1.items.len(), 1);
    assert_eq!(inv1.items[0].order_date, "2024-03-05");
}

/// A sheet without a date column: the dry run says so; given one date for all (the wizard's
/// and `--order-date`'s answer), its orders take that date — in the dry run and the import alike
/// — and the warning is answered; a date that is no date is refused on its field, before the
/// sheet is read, and nothing is written.
#[test]
fn a_sheet_without_dates_takes_the_one_date_given_for_all_its_orders() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop();
    let path = dir.path().join("没有日期.csv");
    std::fs::write(&path, "单号,客户,品名,数量,单价\r\nA1,城东装修队,六角螺栓,10,0.35\r\nA2,城西物业,六角螺栓,5,0.35\r\n").unwrap();
    let plain = s.import_dry_run(&path, &ImportOptions::default(), kaidan_api::core::Lang::ZhCn).unwrap();
    let no_date = |d: &kaidan_api::DryRun| d.warnings.iter().any(|w| w.problem == kaidan_api::core::sheet::SheetProblem::NoDateColumn);
    assert!(no_date(&plain), "{:#?}", plain.warnings);
    assert!(plain.drafts.iter().all(|o| o.order_date.is_none()));
    let given = ImportOptions { order_date: Some("2024-06-30".into()), ..Default::default() };
    let d = s.import_dry_run(&path, &given, kaidan_api::core::Lang::ZhCn).unwrap();
    assert!(!no_date(&d), "answered: {:#?}", d.warnings);
    assert!(d.drafts.iter().all(|o| o.order_date.map(|d| d.to_string()).as_deref() == Some("2024-06-30")));
    let bad = ImportOptions { order_date: Some("6月31日".into()), ..Default::default() };
    let e = s.import_dry_run(&path, &bad, kaidan_api::core::Lang::ZhCn).unwrap_err();
    assert_eq!((e.code(), e.field.as_ref().map(|f| f.path())), (ErrorCode::Invalid, Some("order_date".to_string())));
    let no = AtomicBool::new(false);
    let before = s.dump().unwrap().0;
    assert!(s.import_orders(&ctx(), &path, &bad, false, &mut |_, _| {}, &no).is_err());
    assert_eq!(s.dump().unwrap().0, before, "nothing written");
    let r = s.import_orders(&ctx(), &path, &given, false, &mut |_, _| {}, &no).unwrap();
    assert_eq!(r.orders, 2);
    let orders = s.orders(&OrderQuery { search: Some("城东装修队".into()), ..Default::default() }).unwrap();
    assert_eq!(orders.items[0].order_date, "2024-06-30");
    assert!(r.first_number.unwrap().starts_with("SO-2024-"), "numbered in the year of its date");
}

/// A product the sheet writes otherwise than the shop: listed by the dry run as new; said to be
/// the shop's (by its code), it is counted as known, the import's lines are that product and no
/// product is made; the next import that names it so remembers the choice, which "" (make it
/// new) replaces; a code the shop does not have is refused before anything is read or written.
#[test]
fn a_product_the_sheet_names_otherwise_can_be_the_shops_and_the_choice_is_remembered() {
    use std::collections::BTreeMap;
    let dir = tempfile::tempdir().unwrap();
    let mut s = shop();
    s.add_product(
        &ctx(),
        &kaidan_api::ProductInput {
            sku: Some("A-001".into()),
            name: Some("六角螺栓".into()),
            spec: Some("M8".into()),
            price: Some("1".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let sheet = |name: &str, number: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, format!("单号,客户,日期,品名,规格,计量单位,数量,单价\r\n{number},城东装修队,2025-03-05,六角螺丝,M8,只,10,0.35\r\n{number},城东装修队,2025-03-05,电工胶布,,卷,1,3\r\n")).unwrap();
        path
    };
    let first = sheet("一月.csv", "A1");
    let lang = kaidan_api::core::Lang::ZhCn;
    let listed = |d: &kaidan_api::DryRun| d.new_products.iter().map(|p| (p.key.clone(), p.mapped_to.clone())).collect::<Vec<_>>();
    let d = s.import_dry_run(&first, &ImportOptions::default(), lang).unwrap();
    assert_eq!(listed(&d), [("六角螺丝 | M8".to_string(), None), ("电工胶布".to_string(), None)]);
    assert_eq!(d.products_new, 2);
    let chosen = |code: &str| ImportOptions {
        products: Some(BTreeMap::from([("六角螺丝 | M8".to_string(), code.to_string())])),
        ..Default::default()
    };
    let before = s.dump().unwrap().0;
    let no = AtomicBool::new(false);
    let e = s.import_orders(&ctx(), &first, &chosen("Z-404"), false, &mut |_, _| {}, &no).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound, "{e:?}");
    assert_eq!(s.dump().unwrap().0, before, "nothing written");
    let d = s.import_dry_run(&first, &chosen("A-001"), lang).unwrap();
    assert_eq!(listed(&d)[0], ("六角螺丝 | M8".to_string(), Some("A-001".to_string())));
    assert_eq!(d.products_new, 1);
    let r = s.import_orders(&ctx(), &first, &chosen("A-001"), false, &mut |_, _| {}, &no).unwrap();
    assert_eq!(r.products_new, 1, "only 电工胶布 is made");
    let order = s.order(r.first_number.as_deref().unwrap()).unwrap();
    assert_eq!(order.lines.iter().map(|l| l.sku.as_str()).collect::<Vec<_>>()[0], "A-001");
    assert_eq!(order.lines[0].name, "六角螺丝", "the line keeps the sheet's words");
    assert_eq!((order.lines[0].unit.as_str(), order.lines[1].unit.as_str()), ("pcs", "卷"), "a chosen product's line is in its unit");
    // the next month's sheet: the choice is remembered
    let second = sheet("二月.csv", "A2");
    let d = s.import_dry_run(&second, &ImportOptions::default(), lang).unwrap();
    assert_eq!(listed(&d), [("六角螺丝 | M8".to_string(), Some("A-001".to_string()))]);
    assert_eq!(d.products_new, 0);
    // …until the user makes it a new product after all
    let r = s.import_orders(&ctx(), &second, &chosen(""), false, &mut |_, _| {}, &no).unwrap();
    assert_eq!(r.products_new, 1);
    let d = s.import_dry_run(&sheet("三月.csv", "A3"), &ImportOptions::default(), lang).unwrap();
    assert!(d.new_products.is_empty(), "六角螺丝 M8 is the shop's own product now: {:?}", d.new_products);
}
