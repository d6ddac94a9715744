//! Spreadsheets through the `kaidan` binary: dry runs, history and open-order imports, product
//! and customer lists, undo, and exports of every kind.

use std::path::Path;

mod common;

use common::{seed, sha, Shop};

#[test]
fn import_dry_run_reads_a_gbk_csv_and_writes_nothing() {
    let s = Shop::new();
    seed(&s);
    let csv = "销售记录\r\n\r\n单号,客户,日期,品名,数量,单价,金额\r\nA1,王喆五金店,2024/3/5,六角螺栓,10,1.50,￥15.00\r\n,,,圆钉,2,9.5,19\r\nA2,新客户,2024年3月6日,新商品,abc,1,1\r\n合计,,,,,,34\r\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(csv);
    let file = s.db.parent().unwrap().join("旧 订单.csv");
    std::fs::write(&file, gbk).unwrap();
    let before = s.dump();
    let bytes_before = sha(&s.db);
    let d = s.ok(&["import", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(d["orders"], 1);
    assert_eq!(d["lines"], 2);
    assert_eq!(d["total"], "34.00");
    assert_eq!(d["customers_new"], 0, "王喆五金店 is known");
    assert_eq!(d["products_new"], 0, "六角螺栓 and 圆钉 are known by name");
    let e = &d["errors"][0];
    assert_eq!((e["row"].as_u64(), e["column"].as_str()), (Some(6), Some("数量")));
    assert!(e["message"].as_str().unwrap().contains("abc"));
    assert_eq!(s.dump(), before, "a dry run writes nothing");
    // the error list as an .xlsx copy of the input with a problems column
    let copy = file.with_file_name("旧 订单-问题.xlsx");
    s.ok(&["import", file.to_str().unwrap(), "--dry-run", "--errors-out", copy.to_str().unwrap()]);
    let g = kaidan_import::read_file(&copy, None, None).unwrap();
    let row6 = &g.rows.iter().find(|(n, _)| *n == 6).unwrap().1;
    assert_eq!(row6[4].text(), "abc", "the original cells are kept");
    assert!(row6.last().unwrap().text().contains("abc"), "{row6:?}");
    assert_eq!(g.rows.iter().find(|(n, _)| *n == 3).unwrap().1.last().unwrap().text(), "Import problems");
    // a sheet with a bad row is refused whole, and nothing is written
    let e = s.err(&["import", file.to_str().unwrap()]);
    assert!(e["message"].as_str().unwrap().contains("row 6"), "{e}");
    assert!(sha(&s.db) == bytes_before, "the data file is byte for byte as before");
    assert_eq!(s.dump(), before);
    // the good rows, with the bad ones listed
    let stock_before = s.ok(&["stock", "show"]);
    let r = s.ok(&["import", file.to_str().unwrap(), "--skip-errors"]);
    assert_eq!((r["orders"].as_u64(), r["lines"].as_u64(), r["total"].as_str()), (Some(1), Some(2), Some("34.00")));
    assert_eq!(r["skipped_error_rows"], serde_json::json!([6]));
    let number = r["first_number"].as_str().unwrap().to_string();
    assert!(number.starts_with("SO-2024-"), "history keeps its year: {number}");
    let o = s.ok(&["order", "show", &number]);
    assert_eq!(
        (o["status"].as_str(), o["order_date"].as_str(), o["total"].as_str()),
        (Some("delivered"), Some("2024-03-05"), Some("34.00"))
    );
    assert_eq!(s.ok(&["stock", "show"]), stock_before, "history does not move today's stock");
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
    // the same file again creates nothing twice
    let after_import = s.dump();
    assert!(s.err(&["import", file.to_str().unwrap(), "--skip-errors"])["message"].as_str().unwrap().contains("already imported"));
    assert_eq!(s.dump(), after_import);
    // undo the whole batch
    let batch = r["batch"].as_str().unwrap();
    assert_eq!(s.ok(&["imports", "list"])["items"][0]["status"], "imported");
    let u = s.ok(&["imports", "undo", batch]);
    assert_eq!(u["status"], "undone");
    assert!(s.err(&["order", "show", &number])["code"] == "not_found");
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
    // and it can be imported again after the undo
    s.ok(&["import", file.to_str().unwrap(), "--skip-errors"]);
    // damaged workbooks are refused in the user's language, naming what is wrong, and the
    // data file stays as it was
    let fixtures =
        std::path::Path::new(&*std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo test")).join("../../../tests/fixtures/import");
    let bytes_before = sha(&s.db);
    let spread = fixtures.join("damaged-spread-cells.xls");
    let zh = s.cmd(&["import", spread.to_str().unwrap(), "--json", "--lang", "zh-CN"]).output().unwrap();
    let zh = String::from_utf8_lossy(&zh.stdout).into_owned() + &String::from_utf8_lossy(&zh.stderr);
    assert!(zh.contains("单元格相隔太远") && zh.contains("请删掉表格外零散的单元格"), "{zh}");
    // a file on which the spreadsheet reader panics: the clean refusal alone, no panic text
    let merge = fixtures.join("damaged-merge-record.xls");
    let out = s.cmd(&["import", merge.to_str().unwrap(), "--dry-run"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("the file is damaged"), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("calamine"), "{stderr}");
    let circle = fixtures.join("damaged-stream-loop.xls");
    assert!(s.err(&["import", circle.to_str().unwrap(), "--dry-run"])["message"].as_str().unwrap().contains("the file is damaged"));
    assert!(sha(&s.db) == bytes_before, "the data file is byte for byte as before");
}

#[test]
fn an_import_numbers_each_year_without_gaps_and_new_orders_follow() {
    let s = Shop::new();
    seed(&s);
    // orders from two years, interleaved; numbers are taken per year in the order of the sheet
    let csv = "单号,客户,日期,品名,数量,单价\nA1,王喆五金店,2024-03-05,六角螺栓,10,1.50\n,,,圆钉,2,9.5\nA2,王喆五金店,2025-01-02,圆钉,1,9.5\nA3,王喆五金店,2024-12-30,六角螺栓,4,1.50\n";
    let file = s.db.parent().unwrap().join("two years.csv");
    std::fs::write(&file, csv).unwrap();
    let r = s.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(
        (r["orders"].as_u64(), r["first_number"].as_str(), r["last_number"].as_str()),
        (Some(3), Some("SO-2024-000001"), Some("SO-2024-000002"))
    );
    let shown = |n: &str| {
        let o = s.ok(&["order", "show", n]);
        (
            o["order_date"].as_str().unwrap().to_string(),
            o["deliveries"][0]["number"].as_str().unwrap().to_string(),
            o["lines"].as_array().unwrap().len(),
        )
    };
    assert_eq!(shown("SO-2024-000001"), ("2024-03-05".to_string(), "DN-2024-000001".to_string(), 2));
    assert_eq!(shown("SO-2025-000001"), ("2025-01-02".to_string(), "DN-2025-000001".to_string(), 1));
    assert_eq!(shown("SO-2024-000002"), ("2024-12-30".to_string(), "DN-2024-000002".to_string(), 1));
    // a second import continues the series; an order made today starts this year's
    let more = file.with_file_name("more.csv");
    std::fs::write(&more, "单号,客户,日期,品名,数量,单价\nB1,王喆五金店,2024-06-01,圆钉,1,9.5\n").unwrap();
    assert_eq!(s.ok(&["import", more.to_str().unwrap()])["first_number"], "SO-2024-000003");
    assert_eq!(shown("SO-2024-000003").1, "DN-2024-000003");
    // a sheet without dates takes the one date given for all its orders: in its year's series
    let undated = file.with_file_name("没有日期.csv");
    std::fs::write(&undated, "单号,客户,品名,数量,单价\nC1,王喆五金店,圆钉,1,9.5\n").unwrap();
    let bad = s.err(&["import", undated.to_str().unwrap(), "--order-date", "2024-13-01", "--dry-run"]);
    assert_eq!((bad["code"].as_str(), bad["field"].as_str()), (Some("invalid"), Some("order_date")), "{bad}");
    let d = s.ok(&["import", undated.to_str().unwrap(), "--order-date", "2024-07-01", "--dry-run"]);
    assert_eq!(d["drafts"][0]["order_date"], "2024-07-01");
    assert!(d["warnings"].as_array().unwrap().iter().all(|w| w["problem"]["kind"] != "no_date_column"), "answered: {d}");
    assert_eq!(s.ok(&["import", undated.to_str().unwrap(), "--order-date", "2024-07-01"])["first_number"], "SO-2024-000004");
    assert_eq!(shown("SO-2024-000004").0, "2024-07-01");
    // a product the sheet writes otherwise: listed by the dry run, said to be the shop's A1
    let otherwise = file.with_file_name("别的写法.csv");
    std::fs::write(&otherwise, "单号,客户,日期,品名,数量,单价\nD1,王喆五金店,2024-08-01,六角螺丝,3,1.50\n").unwrap();
    let d = s.ok(&["import", otherwise.to_str().unwrap(), "--dry-run"]);
    assert_eq!((d["new_products"][0]["key"].as_str(), d["products_new"].as_u64()), (Some("六角螺丝"), Some(1)), "{d}");
    let choice = file.with_file_name("商品 对应.json");
    std::fs::write(&choice, r#"{"六角螺丝": "A1"}"#).unwrap();
    let r = s.ok(&["import", otherwise.to_str().unwrap(), "--products", choice.to_str().unwrap()]);
    assert_eq!(r["products_new"], 0);
    assert_eq!(s.ok(&["order", "show", r["first_number"].as_str().unwrap()])["lines"][0]["sku"], "A1");
    let today = s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:1"]);
    assert!(today["number"].as_str().unwrap().ends_with("-000001"), "{today}");
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
}

#[test]
fn open_orders_import_confirmed_with_stock_reserved_and_undo_releases_it() {
    let s = Shop::new();
    seed(&s);
    let reserved = |sku: &str| s.ok(&["stock", "show", sku])["rows"][0]["reserved"].as_str().unwrap().to_string();
    // two orders still to deliver, and one over 王喆五金店's 5,000 credit limit
    let csv = "单号,客户,日期,编码,品名,数量,单价\r\nW-17,王喆五金店,2026-11-28,A1,六角螺栓,30,1.50\r\nW-18,王喆五金店,2026-11-29,C3,圆钉,2,9.5\r\n,,,A1,六角螺栓,10,1.50\r\nW-19,王喆五金店,2026-11-29,A1,六角螺栓,50,120\r\n";
    let file = s.db.parent().unwrap().join("未发货 订单.csv");
    std::fs::write(&file, csv).unwrap();
    let r = s.ok(&["import", file.to_str().unwrap(), "--open"]);
    assert_eq!((r["orders"].as_u64(), r["open"].as_bool()), (Some(3), Some(true)));
    assert_eq!(r["awaiting_approval"], serde_json::json!([r["last_number"]]), "W-19 is over the credit limit: {r}");
    let first = r["first_number"].as_str().unwrap().to_string();
    let o = s.ok(&["order", "show", &first]);
    assert_eq!((o["status"].as_str(), o["external_number"].as_str()), (Some("confirmed"), Some("W-17")));
    assert_eq!(o["deliveries"].as_array().unwrap().len(), 0);
    let found = s.ok(&["order", "list", "--search", "W-17"]);
    assert_eq!(found["items"][0]["number"].as_str(), Some(first.as_str()), "the sheet's number finds the order");
    assert_eq!((reserved("A1"), reserved("C3")), ("40".to_string(), "2".to_string()), "W-17 and W-18 hold their stock; W-19 waits");
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
    // the orders are the shop's own now: they can be delivered like any other
    let second = s.ok(&["order", "list", "--status", "confirmed"])["items"].as_array().unwrap().len();
    assert_eq!(second, 2);

    // short of stock: refused whole, naming the row, nothing written
    let short = file.with_file_name("short.csv");
    std::fs::write(
        &short,
        "单号,客户,日期,编码,品名,数量,单价\nX-1,王喆五金店,2026-11-30,C3,圆钉,1,9.5\nX-2,王喆五金店,2026-11-30,C3,圆钉,500,9.5\n",
    )
    .unwrap();
    let before = sha(&s.db);
    let e = s.err(&["import", short.to_str().unwrap(), "--open"]);
    assert!(e["message"].as_str().unwrap().contains("Row 3"), "{e}");
    assert!(sha(&s.db) == before, "nothing written");

    // undo cancels the open orders and gives their stock back
    let batch = r["batch"].as_str().unwrap();
    s.ok(&["imports", "undo", batch]);
    assert_eq!((reserved("A1"), reserved("C3")), ("0".to_string(), "0".to_string()));
    assert_eq!(s.err(&["order", "show", &first])["code"], "not_found");
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);

    // once an imported open order has been delivered, the import cannot be undone
    let r = s.ok(&["import", file.to_str().unwrap(), "--open"]);
    let first = r["first_number"].as_str().unwrap().to_string();
    // (the delivery is over the credit limit because W-19 waits as well: the owner approves it)
    s.ok(&["order", "deliver", &first, "--approve-credit"]);
    let e = s.err(&["imports", "undo", r["batch"].as_str().unwrap()]);
    assert!(e["message"].as_str().unwrap().contains(&first), "{e}");
    assert_eq!(s.ok(&["stock", "show", "A1"])["rows"][0]["on_hand"], "70");
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
}

#[test]
fn product_and_customer_lists_import_with_opening_stock_and_undo_takes_it_out_again() {
    let s = Shop::new();
    seed(&s);
    let dir = s.db.parent().unwrap();
    // a product list as Chinese Excel saves it: GBK, a title row, 单位 is the unit, 数量 the stock
    let csv = "商品资料\r\n编码,品名,规格,单位,售价,进价,数量,最低库存\r\nLS-M8,六角螺栓,M8×40,个,0.45,0.22,1500,200\r\n,膨胀螺丝,M10,个,\"1,20\",0.6,300,\r\nA1,重复编码,,个,1,1,1,\r\nJD-1,胶带,48mm,卷,abc,1,5,\r\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(csv);
    let products = dir.join("商品 资料.csv");
    std::fs::write(&products, gbk).unwrap();
    let before = s.dump();
    let d = s.ok(&["import", products.to_str().unwrap(), "--kind", "products", "--dry-run"]);
    assert_eq!((d["kind"].as_str(), d["products_new"].as_u64(), d["header_row"].as_u64()), (Some("products"), Some(2), Some(2)));
    assert_eq!(d["total"], "510.00", "opening stock at cost: 1500 × 0.22 + 300 × 0.60");
    let errors: Vec<(u64, &str)> =
        d["errors"].as_array().unwrap().iter().map(|e| (e["row"].as_u64().unwrap(), e["column"].as_str().unwrap())).collect();
    assert_eq!(errors, [(5, "编码"), (6, "售价")], "A1 is already in the shop, abc is not a price: {d}");
    assert_eq!(d["mapping"]["单位"], "unit");
    assert_eq!(d["mapping"]["数量"], "stock");
    assert_eq!(s.dump(), before);
    let r = s.ok(&["import", products.to_str().unwrap(), "--kind", "products", "--skip-errors"]);
    assert_eq!(r["products_new"], 2);
    assert_eq!(s.ok(&["stock", "show", "LS-M8"])["rows"][0]["on_hand"], "1500");
    let p = s.ok(&["product", "show", "LS-M8"]);
    assert_eq!((p["price"].as_str(), p["cost"].as_str(), p["reorder_point"].as_str()), (Some("0.45"), Some("0.22"), Some("200")));
    let moves = s.ok(&["stock", "moves", "LS-M8"]);
    assert_eq!((moves["items"][0]["reason"].as_str(), moves["items"][0]["qty"].as_str()), (Some("receipt"), Some("1500")));
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
    let u = s.ok(&["imports", "undo", r["batch"].as_str().unwrap()]);
    assert_eq!(u["status"], "undone");
    assert_eq!(s.err(&["product", "show", "LS-M8"])["code"], "not_found");
    let moves = s.ok(&["stock", "moves"]);
    assert!(
        moves["items"].as_array().unwrap().iter().any(|m| m["qty"] == "-1500" && m["reason"] == "adjustment"),
        "the opening stock goes out again as a movement of its own: {moves}"
    );
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);

    // a customer list with its own column names, mapped by hand; the mapping is remembered
    let csv = "客户名,联系人,手机,片区,赊账上限,结账天数,邮箱\n城西装修队,老周,13900000001,城西,\"8,000\",30,chengxi@163.com\n王喆五金店,,,,,,\n河西物业,小何,13900000002;13900000003,河西,,abc,\n";
    let customers = dir.join("客户.csv");
    std::fs::write(&customers, csv).unwrap();
    let auto = s.ok(&["import", customers.to_str().unwrap(), "--kind", "customers", "--dry-run"]);
    assert_eq!(auto["mapping"].get("赊账上限"), None, "an unknown header is not guessed: {auto}");
    let mapping = dir.join("客户 映射.json");
    std::fs::write(
        &mapping,
        r#"{"columns": {"客户名": "customer", "联系人": "contact", "手机": "phone", "片区": "region", "赊账上限": "credit_limit", "结账天数": "terms", "邮箱": "email"}}"#,
    )
    .unwrap();
    let d = s.ok(&["import", customers.to_str().unwrap(), "--kind", "customers", "--mapping", mapping.to_str().unwrap(), "--dry-run"]);
    assert_eq!((d["mapping_source"].as_str(), d["customers_new"].as_u64()), (Some("given"), Some(1)));
    let errors: Vec<(u64, &str)> =
        d["errors"].as_array().unwrap().iter().map(|e| (e["row"].as_u64().unwrap(), e["column"].as_str().unwrap())).collect();
    assert_eq!(errors, [(3, "客户名"), (4, "结账天数")], "王喆五金店 exists, abc days: {d}");
    let r = s.ok(&["import", customers.to_str().unwrap(), "--kind", "customers", "--mapping", mapping.to_str().unwrap(), "--skip-errors"]);
    assert_eq!(r["customers_new"], 1);
    let c = s.ok(&["customer", "show", "城西装修队"]);
    assert_eq!(
        (c["credit_limit"].as_str(), c["payment_terms_days"].as_u64(), c["region"].as_str(), c["email"].as_str()),
        (Some("8000.00"), Some(30), Some("城西"), Some("chengxi@163.com"))
    );
    // the e-mail is changed and refused as a form field is
    let c = s.ok(&["customer", "edit", "城西装修队", "--email", "boss@chengxi.cn"]);
    assert_eq!(c["email"], "boss@chengxi.cn");
    let bad = s.err(&["customer", "edit", "城西装修队", "--email", "老周的 QQ"]);
    assert_eq!((bad["code"].as_str(), bad["field"].as_str()), (Some("invalid"), Some("email")), "{bad}");
    assert_eq!(s.ok(&["customer", "show", "城西装修队"])["email"], "boss@chengxi.cn", "the refused edit changed nothing");
    // the next file with the same header uses the remembered mapping
    let next = dir.join("客户 二.csv");
    std::fs::write(&next, "客户名,联系人,手机,片区,赊账上限,结账天数,邮箱\n河东建材,,,河东,500,7,\n").unwrap();
    let d = s.ok(&["import", next.to_str().unwrap(), "--kind", "customers", "--dry-run"]);
    assert_eq!((d["mapping_source"].as_str(), d["mapping"]["赊账上限"].as_str()), (Some("saved"), Some("credit_limit")), "{d}");
    // a mapping naming a column the file does not have is refused by name
    std::fs::write(&mapping, r#"{"columns": {"客户名称": "customer"}}"#).unwrap();
    let e = s.err(&["import", next.to_str().unwrap(), "--kind", "customers", "--mapping", mapping.to_str().unwrap(), "--dry-run"]);
    assert!(e["message"].as_str().unwrap().contains("客户名称"), "{e}");
    assert_eq!(s.err(&["import", next.to_str().unwrap(), "--kind", "suppliers", "--dry-run"])["field"], "setting");
}

#[test]
fn export_writes_every_kind_with_formulas_neutralised_in_xlsx_utf8_and_gbk() {
    let s = Shop::new();
    seed(&s);
    s.ok(&["customer", "add", "--name", "=HYPERLINK(\"x\")", "--phone", "+8613800000000"]);
    s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:3", "--line", "C3:1.5", "--deliver"]);
    s.ok(&["order", "create", "--customer", "=HYPERLINK(\"x\")", "--line", "A1:1"]);
    let dir = s.db.parent().unwrap().to_path_buf();
    let read = |p: &Path| kaidan_import::read_file(p, None, None).unwrap();
    for (what, rows) in [("orders", 2), ("lines", 3), ("customers", 2), ("products", 2), ("moves", 4)] {
        for (format, encoding, ext) in [("xlsx", "utf-8", "xlsx"), ("csv", "utf-8", "csv"), ("csv", "gbk", "csv")] {
            let file = dir.join(format!("导出 {what}-{encoding}.{ext}"));
            let r = s.ok(&["export", what, "--format", format, "--encoding", encoding, "--out", file.to_str().unwrap()]);
            assert_eq!(r["rows"], rows, "{what} {format} {encoding}");
            let g = read(&file);
            assert_eq!(g.rows.len(), rows + 1, "{what} {format} {encoding}: header + rows");
            if encoding == "gbk" && what != "moves" {
                // (the moves of this shop are plain ASCII, which reads back as UTF-8)
                assert_eq!(g.encoding.as_deref(), Some("gb18030"), "{what}: read back as GBK");
            }
            if what == "customers" {
                let cells: Vec<String> = g.rows.iter().flat_map(|(_, r)| r.iter().map(|c| c.text())).collect();
                assert!(cells.contains(&"'=HYPERLINK(\"x\")".to_string()), "{format} {encoding}: {cells:?}");
                assert!(cells.contains(&"'+8613800000000".to_string()), "{format} {encoding}: {cells:?}");
                assert!(cells.contains(&"王喆五金店".to_string()), "{format} {encoding}: {cells:?}");
            }
        }
    }
    let lines = read(&dir.join("导出 lines-utf-8.xlsx"));
    assert_eq!(lines.rows[0].1[6].text(), "qty");
    assert!(lines.rows.iter().any(|(_, r)| r[6].text() == "1.5"), "quantities are numbers in xlsx");
    assert!(!dir.join("导出 lines-utf-8.xlsx.partial").exists());
}

/// An online shop's export through the CLI (issue 19): its JSON says the platform, the orders
/// waiting to be shipped and those brought before; the waiting one is open, paid on the
/// platform, on the web channel; the text output says the platform in the user's language.
#[test]
fn an_online_shops_export_imports_through_the_cli_and_a_later_one_adds_only_new_orders() {
    let s = Shop::new();
    seed(&s);
    const HEAD: &str = "订单号,订单状态,商品名称,商品规格,商品编码,商品单价,商品数量,订单实付金额,运费,收货人/提货人,收货人手机号/提货人手机号,收货人省份,收货人城市,收货人地区,详细收货地址/提货地址,买家备注,订单创建时间,商家订单备注";
    let first = s.db.parent().unwrap().join("有赞 订单.csv");
    std::fs::write(
        &first,
        format!(
            "{HEAD}\r\nE20261128000001,交易成功,六角螺栓,,A1,1.50,4,6.00,0.00,刘四,177****4444,北京市,北京市,海淀区,中关村大街 27 号,,2026-11-28 10:10:10,\r\n\
             E20261129000002,待发货,六角螺栓,,A1,1.50,2,3.00,0.00,何五,176****5555,天津市,天津市,和平区,南京路 50 号,,2026-11-29 11:11:11,\r\n"
        ),
    )
    .unwrap();
    let d = s.ok(&["import", first.to_str().unwrap(), "--dry-run"]);
    assert_eq!(
        (d["platform"].as_str(), d["orders"].as_u64(), d["waiting"].as_u64(), d["already_in_shop"].as_u64()),
        (Some("youzan"), Some(2), Some(1), Some(0))
    );
    let text = s.cmd(&["import", first.to_str().unwrap(), "--dry-run"]).env("KAIDAN_LANG", "zh-CN").output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("有赞导出的订单"), "{}", String::from_utf8_lossy(&text.stdout));
    let r = s.ok(&["import", first.to_str().unwrap()]);
    assert_eq!(
        (r["orders"].as_u64(), r["waiting"].as_u64(), r["platform"].as_str(), r["open"].as_bool()),
        (Some(2), Some(1), Some("youzan"), Some(false))
    );
    let waiting = s.ok(&["order", "list", "--search", "E20261129000002"])["items"][0]["number"].as_str().unwrap().to_string();
    let o = s.ok(&["order", "show", &waiting]);
    assert_eq!((o["status"].as_str(), o["channel"].as_str(), o["payment_status"].as_str()), (Some("confirmed"), Some("web"), Some("paid")));
    assert_eq!(s.ok(&["stock", "show", "A1"])["rows"][0]["reserved"], "2");
    // the next export: the same two and a new one
    let later = first.with_file_name("有赞 订单 2.csv");
    std::fs::write(
        &later,
        format!(
            "{HEAD}\r\nE20261128000001,交易成功,六角螺栓,,A1,1.50,4,6.00,0.00,刘四,177****4444,北京市,北京市,海淀区,中关村大街 27 号,,2026-11-28 10:10:10,\r\n\
             E20261129000002,已发货,六角螺栓,,A1,1.50,2,3.00,0.00,何五,176****5555,天津市,天津市,和平区,南京路 50 号,,2026-11-29 11:11:11,\r\n\
             E20261130000003,待发货,圆钉,,C3,9.50,1,9.50,0.00,许六,175****6666,重庆市,重庆市,渝中区,解放碑 1 号,,2026-11-30 12:12:12,\r\n"
        ),
    )
    .unwrap();
    let d = s.ok(&["import", later.to_str().unwrap(), "--dry-run"]);
    assert_eq!((d["orders"].as_u64(), d["waiting"].as_u64(), d["already_in_shop"].as_u64()), (Some(1), Some(1), Some(2)));
    let kinds: Vec<&str> = d["warnings"].as_array().unwrap().iter().filter_map(|w| w["problem"]["kind"].as_str()).collect();
    assert!(kinds.contains(&"shipped_since") && kinds.contains(&"already_in_shop"), "{kinds:?}");
    let r = s.ok(&["import", later.to_str().unwrap()]);
    assert_eq!((r["orders"].as_u64(), r["already_in_shop"].as_u64()), (Some(1), Some(2)));
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
}

/// Taobao's order report and item report given together (`kaidan import ORDERS ITEMS`, either
/// way round): the item report's orders get their buyers and days; two files that are not such
/// a pair are refused as invalid.
#[test]
fn taobaos_order_report_and_item_report_import_together_through_the_cli() {
    let s = Shop::new();
    for (sku, name, price) in [("BWB-500", "不锈钢保温杯 500ml", "59.00"), ("CH-800", "玻璃茶壶 800ml", "88.00")] {
        s.ok(&["product", "add", "--sku", sku, "--name", name, "--price", price]);
        s.ok(&["stock", "receive", sku, "20"]);
    }
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/import/platforms");
    let (orders, items) = (fixtures.join("taobao-orders.csv"), fixtures.join("taobao-items.csv"));
    let (orders, items) = (orders.to_str().unwrap(), items.to_str().unwrap());
    let d = s.ok(&["import", orders, items, "--dry-run"]);
    assert_eq!((d["platform"].as_str(), d["orders"].as_u64(), d["waiting"].as_u64()), (Some("taobao"), Some(2), Some(1)));
    let buyers: Vec<(&str, &str)> =
        d["drafts"].as_array().unwrap().iter().map(|o| (o["customer"].as_str().unwrap(), o["order_date"].as_str().unwrap())).collect();
    assert_eq!(buyers, [("tb_小王2019", "2026-02-27"), ("cathy_88", "2026-03-02")], "{d}");
    let r = s.ok(&["import", items, orders]);
    assert_eq!((r["orders"].as_u64(), r["waiting"].as_u64()), (Some(2), Some(1)));
    assert_eq!(s.ok(&["imports", "list"])["items"][0]["file_name"], "taobao-items.csv + taobao-orders.csv");
    assert_eq!(s.err(&["import", orders, items])["code"], "invalid", "the pair again, the other way round");
    let kinds: Vec<&str> = d["warnings"].as_array().unwrap().iter().filter_map(|w| w["problem"]["kind"].as_str()).collect();
    assert!(!kinds.contains(&"no_date_column"), "{kinds:?}");
    let e = s.err(&["import", items, items, "--dry-run"]);
    assert_eq!(e["code"], "invalid", "{e}");
}
