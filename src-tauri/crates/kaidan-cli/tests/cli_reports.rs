//! `kaidan report …`: the JSON keys of docs/CLI.md, the figures of a small day, the text in both
//! languages, and a bad range refused (exit 1, both languages, nothing changed).

mod common;

use common::{seed, Shop};

fn sold(s: &Shop) {
    seed(s);
    // 10 A1 at 1.50 (cost 0.80 each) and 2 kg C3 (no cost known), handed over at the counter
    s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:10", "--line", "C3:2", "--deliver"]);
    s.ok(&["pay", "王喆五金店", "5", "--method", "wechat"]);
}

#[test]
fn the_reports_answer_in_the_keys_of_the_contract() {
    let s = Shop::new();
    sold(&s);
    let o = s.ok(&["report", "overview", "--period", "today", "--compare", "previous"]);
    for k in
        ["range", "measures", "compare", "compared_range", "compared", "receivables", "overdue", "open_orders", "late_orders", "low_stock"]
    {
        assert!(o.get(k).is_some(), "overview.{k}: {o}");
    }
    let m = &o["measures"];
    for k in [
        "sales",
        "sales_total",
        "cogs",
        "sales_cost_unknown",
        "gross_profit",
        "margin",
        "qty",
        "orders",
        "orders_value",
        "avg_order_value",
        "received",
    ] {
        assert!(m.get(k).is_some(), "measures.{k}: {m}");
    }
    // 15.00 + 19.00 with tax included at 0 %: sales 34.00; cost 8.00 known; C3's 19.00 unknown
    assert_eq!(
        (m["sales_total"].as_str(), m["cogs"].as_str(), m["sales_cost_unknown"].as_str()),
        (Some("34.00"), Some("8.00"), Some("19.00"))
    );
    assert_eq!((m["gross_profit"].as_str(), m["margin"].as_str(), m["qty"].as_str()), (Some("7.00"), Some("46.67"), Some("12")));
    assert_eq!((m["orders"].as_u64(), m["received"].as_str()), (Some(1), Some("5.00")));
    assert_eq!(o["compared"]["sales"].as_str(), Some("0.00"), "yesterday sold nothing");

    let t = s.ok(&["report", "trend", "--period", "7d", "--by", "day"]);
    assert_eq!((t["by"].as_str(), t["points"].as_array().map(Vec::len)), (Some("day"), Some(7)));
    assert_eq!(t["points"][6]["measures"]["sales"], m["sales"], "today is the last day");

    let p = s.ok(&["report", "products", "--period", "today", "--rank", "qty"]);
    let skus: Vec<&str> = p["rows"].as_array().unwrap().iter().map(|r| r["sku"].as_str().unwrap()).collect();
    assert_eq!(skus, ["A1", "C3"], "ranked by quantity: 10 before 2");
    assert_eq!(p["rank_by"].as_str(), Some("qty"));
    let c = s.ok(&["report", "customers", "--period", "today"]);
    assert_eq!(c["rows"][0]["customer"].as_str(), Some("王喆五金店"));
    assert_eq!(c["rows"][0]["measures"]["received"].as_str(), Some("5.00"));
}

#[test]
fn the_text_speaks_the_shops_words_in_both_languages() {
    let s = Shop::new();
    sold(&s);
    let text = |lang: &str, args: &[&str]| {
        let out = s.cmd(args).args(["--lang", lang]).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let zh = text("zh-CN", &["report", "overview", "--period", "today"]);
    for w in ["销售额（不含税）", "销售成本", "毛利率", "46.67%", "今天：客户共欠"] {
        assert!(zh.contains(w), "{w} in\n{zh}");
    }
    let en = text("en", &["report", "products", "--period", "today"]);
    for w in ["Gross profit", "Margin", "六角螺栓", "46.67%"] {
        assert!(en.contains(w), "{w} in\n{en}");
    }
    assert!(en.contains("A1") && en.contains("-"), "C3's margin is unknown, shown as -:\n{en}");
    // a ranking that shows fewer rows than it has says how many there are
    let zh = text("zh-CN", &["report", "products", "--period", "today", "--rank", "qty", "--limit", "1"]);
    assert!(zh.contains("A1") && !zh.contains("C3") && zh.contains("共 2 行，显示前 1 行"), "{zh}");
    let en = text("en", &["report", "products", "--period", "today", "--rank", "qty", "--limit", "1"]);
    assert!(en.contains("2 rows, the first 1 shown"), "{en}");
    let all = text("en", &["report", "products", "--period", "today"]);
    assert!(!all.contains("rows, the first"), "every row shown: {all}");
    // --top: the best N in JSON, and how many there are
    let top = s.ok(&["report", "products", "--period", "today", "--rank", "qty", "--top", "1"]);
    let skus: Vec<&str> = top["rows"].as_array().unwrap().iter().map(|r| r["sku"].as_str().unwrap()).collect();
    assert_eq!((skus, top["row_count"].as_u64()), (vec!["A1"], Some(2)));
    let top = s.ok(&["report", "customers", "--period", "today", "--top", "0"]);
    assert_eq!((top["rows"].as_array().map(Vec::len), top["row_count"].as_u64()), (Some(0), Some(1)));
    assert_eq!(top["mix"]["returning"]["customers"].as_u64().unwrap() + top["mix"]["new"]["customers"].as_u64().unwrap(), 1);
}

#[test]
fn a_bad_range_is_refused_in_both_languages_and_changes_nothing() {
    let s = Shop::new();
    sold(&s);
    let before = s.dump();
    let e = s.err(&["report", "overview", "--from", "2026-03-01", "--to", "2026-02-01"]);
    assert_eq!(e["message"].as_str(), Some("To date: 2026-02-01 is before the from date 2026-03-01"));
    let out = s.cmd(&["report", "trend", "--from", "2000-01-01", "--to", "2026-01-01", "--lang", "zh-CN"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("日期范围不能超过 20 年"), "{}", String::from_utf8_lossy(&out.stderr));
    let e = s.err(&["report", "trend", "--by", "hour", "--compare", "yesterday"]);
    let all = e["message"].as_str().unwrap();
    assert!(all.contains("\"hour\"") && all.contains("\"yesterday\""), "both problems named: {e}");
    assert_eq!(s.dump(), before, "a report changes nothing");
}

/// `--out FILE.xlsx`: every row and a totals row, headed with the shop's words, amounts that
/// add up; read back.
#[test]
fn a_report_is_written_to_a_spreadsheet_with_every_row_and_a_total() {
    let s = Shop::new();
    sold(&s);
    let file = s.db.parent().unwrap().join("商品 报表.xlsx");
    let r = s.ok(&["report", "products", "--period", "today", "--limit", "1", "--out", file.to_str().unwrap(), "--lang", "zh-CN"]);
    // both products (not the text's limit of 1), the total, a blank row, and 动销率's three rows
    assert_eq!(r["rows"].as_u64(), Some(7));
    let g = kaidan_import::read_file(&file, None, None).unwrap();
    let text: Vec<Vec<String>> = g.rows.iter().map(|(_, r)| r.iter().map(|c| c.text()).collect()).collect();
    assert!(text[0][0].starts_with("商品销售"), "{text:?}");
    let head = text.iter().find(|r| r.first().map(String::as_str) == Some("编码")).expect("a header row");
    assert!(head.contains(&"销售额（不含税）".to_string()) && head.contains(&"毛利率 %".to_string()), "{head:?}");
    let col = head.iter().position(|h| h == "销售额（含税）").unwrap();
    let rows: Vec<&Vec<String>> = text.iter().filter(|r| matches!(r.first().map(String::as_str), Some("A1" | "C3"))).collect();
    assert_eq!(rows.len(), 2);
    let total = text.iter().find(|r| r.first().map(String::as_str) == Some("合计")).expect("a totals row");
    let sum: f64 = rows.iter().map(|r| r[col].parse::<f64>().unwrap()).sum();
    assert_eq!(total[col].parse::<f64>().unwrap(), 34.0);
    assert_eq!(sum, 34.0, "the rows add up to the total");
    let line = |label: &str| text.iter().find(|r| r.first().map(String::as_str) == Some(label)).map(|r| r[1].clone());
    assert_eq!(line("在售商品").as_deref(), Some("2"));
    assert_eq!(line("有销售的商品").as_deref(), Some("2"));
    assert_eq!(line("动销率 %").as_deref(), Some("100"));
}

/// 订单毛利, 履约 and 收款: their JSON keys, their figures on the small day, their text in both
/// languages, and a spreadsheet of each.
#[test]
fn profit_fulfilment_and_collections_answer_in_the_keys_of_the_contract() {
    let s = Shop::new();
    sold(&s);
    let p = s.ok(&["report", "profit", "--period", "today"]);
    for k in ["range", "rank_by", "rows", "total"] {
        assert!(p.get(k).is_some(), "profit.{k}: {p}");
    }
    let row = &p["rows"][0];
    for k in ["number", "customer_id", "customer", "order_date", "measures"] {
        assert!(row.get(k).is_some(), "profit row {k}: {row}");
    }
    assert_eq!(p["rank_by"].as_str(), Some("gross_profit"), "orders rank by gross profit unless asked");
    assert_eq!((row["measures"]["gross_profit"].as_str(), row["measures"]["sales_cost_unknown"].as_str()), (Some("7.00"), Some("19.00")));

    // 业务员业绩: the one salesperson of the small day has the day's goods and its order
    let sp = s.ok(&["report", "salespeople", "--period", "today"]);
    assert_eq!(sp["rank_by"].as_str(), Some("gross_profit"));
    let one = &sp["rows"][0];
    assert_eq!(sp["rows"].as_array().map(Vec::len), Some(1), "{sp}");
    for k in ["salesperson", "measures"] {
        assert!(one.get(k).is_some(), "salespeople row {k}: {one}");
    }
    assert_eq!((one["measures"]["gross_profit"].as_str(), one["measures"]["orders"].as_u64()), (Some("7.00"), Some(1)));
    assert_eq!(one["measures"]["sales"], sp["total"]["sales"]);

    let f = s.ok(&["report", "fulfilment", "--period", "today"]);
    for k in ["range", "statuses", "delivered", "lead_days", "lead_median", "lead_p90", "promised", "on_time", "on_time_rate", "late"] {
        assert!(f.get(k).is_some(), "fulfilment.{k}: {f}");
    }
    // handed over at the counter the day it was taken: 0 days, no promise
    assert_eq!((f["delivered"].as_u64(), f["lead_median"].as_u64(), f["on_time_rate"].is_null()), (Some(1), Some(0), true));
    assert_eq!(f["lead_days"][0]["days"].as_u64(), Some(0));
    assert_eq!(f["statuses"].as_array().map(Vec::len), Some(6));

    let c = s.ok(&["report", "collections", "--period", "7d", "--by", "day"]);
    for k in ["range", "by", "points", "total", "sales_total", "as_of", "receivables", "overdue", "aging", "dso"] {
        assert!(c.get(k).is_some(), "collections.{k}: {c}");
    }
    assert_eq!(c["points"].as_array().map(Vec::len), Some(7));
    let wechat = c["total"]["methods"].as_array().unwrap().iter().find(|m| m["method"] == "wechat").unwrap();
    assert_eq!((wechat["received"].as_str(), c["total"]["net"].as_str()), (Some("5.00"), Some("5.00")));
    for k in ["current", "d1_30", "d31_60", "d61_90", "d90_plus", "total"] {
        assert!(c["aging"].get(k).is_some(), "aging.{k}: {c}");
    }

    let text = |lang: &str, args: &[&str]| {
        let out = s.cmd(args).args(["--lang", lang]).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let zh = text("zh-CN", &["report", "fulfilment", "--period", "today"]);
    for w in ["已发货", "全部发货的订单", "用时中位数（天）", "准时率 %", "已逾期的未结订单 (0)"] {
        assert!(zh.contains(w), "{w} in\n{zh}");
    }
    let en = text("en", &["report", "collections", "--period", "today"]);
    for w in ["WeChat Pay", "Receivables", "Days sales outstanding", "5.00"] {
        assert!(en.contains(w), "{w} in\n{en}");
    }
    let en = text("en", &["report", "profit", "--period", "today"]);
    assert!(en.contains("Gross profit") && en.contains("王喆五金店"), "{en}");

    let zh = text("zh-CN", &["report", "salespeople", "--period", "today"]);
    assert!(zh.contains("业务员") && zh.contains("毛利") && zh.contains("7.00"), "{zh}");
    for kind in ["profit", "salespeople", "fulfilment", "collections"] {
        let file = s.db.parent().unwrap().join(format!("{kind} 报表.xlsx"));
        let r = s.ok(&["report", kind, "--period", "today", "--out", file.to_str().unwrap(), "--lang", "zh-CN"]);
        assert!(r["rows"].as_u64().unwrap() > 0, "{kind}: {r}");
        let g = kaidan_import::read_file(&file, None, None).unwrap();
        let text: Vec<String> = g.rows.iter().flat_map(|(_, r)| r.iter().map(|c| c.text())).collect();
        let want = match kind {
            "profit" => ["订单毛利", "毛利", "王喆五金店"],
            "fulfilment" => ["履约情况", "已发货", "全部发货的订单"],
            "salespeople" => ["业务员业绩", "业务员", "毛利"],
            _ => ["收款情况", "微信", "应收账款周转天数"],
        };
        for w in want {
            assert!(text.iter().any(|t| t.contains(w)), "{kind}: {w} in {text:?}");
        }
    }
}

/// `--out FILE.pdf` prints the report (A4, or a till roll with `--paper`); `--paper` without a
/// file, or a paper no report prints on, is refused and writes nothing.
#[test]
fn a_report_is_saved_as_a_pdf_on_the_paper_asked() {
    let s = Shop::new();
    sold(&s);
    let dir = s.db.parent().unwrap();
    let file = dir.join("商品 报表.pdf");
    let r = s.ok(&["report", "products", "--period", "today", "--out", file.to_str().unwrap(), "--lang", "zh-CN"]);
    assert_eq!(r["file"].as_str(), Some(file.to_str().unwrap()));
    assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF"));
    let day = dir.join("day 80.pdf");
    s.ok(&["report", "day", "--out", day.to_str().unwrap(), "--paper", "80mm"]);
    let info = std::process::Command::new("pdfinfo").arg(&day).output().expect("pdfinfo (apt install poppler-utils)");
    let info = String::from_utf8(info.stdout).unwrap();
    let width: f64 = info.lines().find_map(|l| l.strip_prefix("Page size:")).unwrap().split_whitespace().next().unwrap().parse().unwrap();
    assert!((width / 72.0 * 25.4 - 80.0).abs() < 0.5, "80 mm wide: {info}");

    let out = s.cmd(&["report", "day", "--paper", "80mm"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "--paper needs --out");
    let bad = dir.join("bad.pdf");
    let e = s.err(&["report", "day", "--out", bad.to_str().unwrap(), "--paper", "a5"]);
    let m = e["message"].as_str().unwrap();
    assert!(m.contains("a5") && m.contains("80mm"), "{m}");
    assert!(!bad.exists(), "nothing written");
    // a spreadsheet has no paper: never a PDF in a file named .xlsx
    let sheet = dir.join("close.xlsx");
    let e = s.err(&["report", "day", "--out", sheet.to_str().unwrap(), "--paper", "a4"]);
    assert!(e["message"].as_str().unwrap().contains("close.xlsx") && e["message"].as_str().unwrap().contains(".pdf"), "{e}");
    assert!(!sheet.exists(), "nothing written");
}
