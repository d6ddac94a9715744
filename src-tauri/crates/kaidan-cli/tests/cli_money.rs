//! Money through the `kaidan` binary: receipts, the account, aging, returns with a refund,
//! and the statement as JSON and as a PDF.

mod common;

use common::{pdf_text, seed, Shop};

#[test]
fn money_commands_speak_the_documented_json_and_the_statement_pdf_matches_the_account() {
    let s = Shop::new();
    seed(&s);
    // two delivered and invoiced orders: 15.00 and 9.00
    let mut invoices = Vec::new();
    for line in ["A1:10", "A1:6"] {
        let o = s.ok(&["order", "create", "--customer", "王喆五金店", "--line", line, "--deliver"]);
        let inv = s.ok(&["invoice", "issue", o["number"].as_str().unwrap()]);
        invoices.push((o["number"].as_str().unwrap().to_string(), inv["number"].as_str().unwrap().to_string()));
    }
    let p = s.ok(&["pay", "王喆五金店", "20", "--method", "wechat", "--reference", "微信转账 4200"]);
    assert_eq!((p["kind"].as_str(), p["amount"].as_str(), p["method"].as_str()), (Some("receipt"), Some("20.00"), Some("wechat")));
    assert_eq!(p["allocations"][0]["invoice"], invoices[0].1.as_str(), "the oldest invoice first");
    assert_eq!(p["allocations"][0]["amount"], "15.00");
    assert_eq!(p["allocations"][1]["amount"], "5.00");
    assert_eq!(p["unallocated"], "0.00");

    let acc = s.ok(&["account", "王喆五金店"]);
    assert_eq!(
        (acc["balance"].as_str(), acc["credit_limit"].as_str(), acc["credit_left"].as_str()),
        (Some("4.00"), Some("5000.00"), Some("4996.00"))
    );
    let inv = &acc["invoices"][0];
    assert_eq!(
        (inv["number"].as_str(), inv["open"].as_str(), inv["paid"].as_str()),
        (Some(invoices[1].1.as_str()), Some("4.00"), Some("5.00"))
    );
    assert!(inv["due_date"].is_string() && inv["days_overdue"].is_number());

    // 60 days on, the 4.00 is 30 days late (30 days' terms)
    let later = chrono::Local::now().date_naive() + chrono::Days::new(60);
    let aging = s.ok(&["aging", "--as-of", &later.to_string()]);
    let row = &aging["rows"][0];
    assert_eq!(row["customer"], "王喆五金店");
    for (key, want) in
        [("current", "0.00"), ("d1_30", "4.00"), ("d31_60", "0.00"), ("d61_90", "0.00"), ("d90_plus", "0.00"), ("total", "4.00")]
    {
        assert_eq!(row[key].as_str(), Some(want), "{key}");
    }

    // a return of 2 bolts (3.00) with a refund of what was paid for them
    let r = s.ok(&["return", &invoices[0].0, "--line", "A1:2", "--refund", "--method", "cash", "--reason", "多送了"]);
    assert_eq!((r["total"].as_str(), r["refunded"].as_str(), r["settlement"].as_str()), (Some("3.00"), Some("3.00"), Some("refund")));
    assert_eq!(r["credit_notes"].as_array().unwrap().len(), 1);
    assert_eq!(s.ok(&["stock", "show", "A1"])["rows"][0]["on_hand"], "86", "100 − 16 delivered + 2 back");
    assert_eq!(s.ok(&["order", "show", &invoices[0].0])["payment_status"], "paid");
    let refused = s.dump();
    let e = s.err(&["return", &invoices[0].0, "--line", "A1:9"]);
    assert_eq!((e["code"].as_str(), e["field"].as_str()), (Some("over_delivery"), Some("lines[1].qty")));
    let e = s.err(&["pay", "王喆五金店", "-3", "--method", "cash"]);
    assert_eq!(e["field"], "amount");
    let e = s.err(&["pay", "王喆五金店", "3", "--method", "bitcoin"]);
    assert_eq!(e["field"], "method");
    assert_eq!(s.dump(), refused, "refusals write nothing");

    // the statement: JSON and PDF say the same as the account
    let acc = s.ok(&["account", "王喆五金店"]);
    let st = s.ok(&["statement", "王喆五金店", "--from", "2000-01-01", "--to", "2099-12-31"]);
    assert_eq!(st["closing"], acc["balance"]);
    let rows = st["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 5, "2 invoices, a receipt, a credit note, a refund: {st}");
    let dir = s.db.parent().unwrap().join("对账 单");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("王喆 对账单.pdf");
    let printed = s.ok(&["print", "statement", "王喆五金店", "--from", "2000-01-01", "--to", "2099-12-31", "--out", pdf.to_str().unwrap()]);
    assert_eq!(printed["kind"], "statement");
    let text = pdf_text(&pdf);
    assert!(text.contains("STATEMENT OF ACCOUNT") && text.contains("王喆五金店"), "{text}");
    for r in rows {
        let line =
            text.lines().find(|l| l.contains(r["number"].as_str().unwrap())).unwrap_or_else(|| panic!("{} missing:\n{text}", r["number"]));
        assert!(line.trim_end().ends_with(r["balance"].as_str().unwrap()), "running balance {} on: {line}", r["balance"]);
        for key in ["debit", "credit"] {
            let v = r[key].as_str().unwrap();
            if v != "0.00" {
                assert!(line.contains(v), "{key} {v} on: {line}");
            }
        }
    }
    assert!(text.contains(&format!("Closing balance: ¥{}", acc["balance"].as_str().unwrap())), "{text}");
    assert!(text.contains("Confirmed by the customer"), "{text}");
    // the shop's documents in Chinese, whatever the reader's language
    s.ok(&["settings", "set", "document_language", "zh-CN"]);
    let zh = s
        .cmd(&["print", "statement", "王喆五金店", "--from", "2000-01-01", "--to", "2099-12-31", "--out", pdf.to_str().unwrap()])
        .env("KAIDAN_LANG", "zh-CN")
        .output()
        .unwrap();
    assert!(zh.status.success());
    let text = pdf_text(&pdf);
    assert!(text.contains("对账单") && text.contains("期末余额") && text.contains("客户确认"), "{text}");
    assert!(text.contains("肆元整"), "the closing balance 4.00 in words: {text}");
    assert_eq!(s.ok(&["check", "--full"])["ok"], true);
}
