//! `kaidan print … --printer` and `kaidan printers`: a PDF handed to the system's print queue as
//! a job named for the document. On the CI machine a CUPS PDF printer (cups-pdf) receives it
//! and writes the job as a file whose name carries the job's title; `KAIDAN_TEST_PRINTER` names
//! that printer and `KAIDAN_TEST_PRINTER_OUT` the folder it writes to (.ci/run sets both).

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::{seed, Shop};

/// The test printer, or None off CI (where no print queue may exist). On CI a missing printer
/// fails the test: it must never pass by skipping.
fn test_printer() -> Option<(String, PathBuf)> {
    match (std::env::var("KAIDAN_TEST_PRINTER"), std::env::var("KAIDAN_TEST_PRINTER_OUT")) {
        (Ok(p), Ok(out)) => Some((p, PathBuf::from(out))),
        _ => {
            assert!(std::env::var_os("CI").is_none(), "CI must set KAIDAN_TEST_PRINTER and KAIDAN_TEST_PRINTER_OUT (a CUPS PDF printer)");
            eprintln!("no test printer (KAIDAN_TEST_PRINTER): printing to a printer not tried");
            None
        }
    }
}

/// cups-pdf names a job's file from its title: each byte of a non-ASCII character in octal.
fn cups_pdf_title(title: &str) -> String {
    let octal: Vec<String> = title.split(' ').next().unwrap().bytes().map(|b| format!("{b:03o}")).collect();
    octal.join("_")
}

fn delivered_order(s: &Shop) -> String {
    seed(s);
    let o = s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:10"]);
    let n = o["number"].as_str().unwrap().to_string();
    s.ok(&["order", "confirm", &n]);
    let d = s.ok(&["order", "deliver", &n]);
    d["number"].as_str().unwrap().to_string()
}

#[test]
fn a_missing_printer_is_named_and_the_print_is_not_logged() {
    let s = Shop::new();
    let dn = delivered_order(&s);
    let before = s.dump();
    let e = s.err(&["print", "delivery", &dn, "--printer", "没有这台打印机"]);
    assert_eq!((e["code"].as_str(), e["field"].as_str()), (Some("print_failed"), Some("printer")));
    assert!(e["message"].as_str().unwrap().contains("没有这台打印机"), "{e}");
    let e = s.err(&["print", "delivery", &dn, "--printer", "x", "--copies", "0"]);
    assert_eq!(e["field"], "copies");
    assert_eq!(s.dump(), before, "a print that went nowhere is not logged");
    // the window's words stay plain; the command line's hint names the commands
    let out = s.cmd(&["print", "delivery", &dn, "--printer", "没有这台打印机"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("kaidan printers"));
}

#[test]
fn a_delivery_note_goes_to_the_printer_as_a_job_named_for_it() {
    let Some((printer, out_dir)) = test_printer() else { return };
    let s = Shop::new();
    let dn = delivered_order(&s);
    let list = s.ok(&["printers"]);
    assert!(list.as_array().unwrap().iter().any(|p| p["name"] == printer.as_str()), "{list}");

    // the printer chosen for the delivery note's paper (A5 by default) is used without --printer
    if list.as_array().unwrap().iter().all(|p| p["is_default"] == false) {
        let e = s.err(&["print", "delivery", &dn]);
        assert_eq!(e["field"], "printer", "no printer chosen and no default: {e}");
        assert!(e["message"].as_str().unwrap().contains("A5"), "{e}");
    }
    s.ok(&["settings", "set", "printer_a5", &printer]);
    let list = s.ok(&["printers"]);
    let row = list.as_array().unwrap().iter().find(|p| p["name"] == printer.as_str()).unwrap().clone();
    assert_eq!(row["papers"], serde_json::json!(["a5"]));

    // the shop's documents in Chinese (the shop was set up in English): whatever --lang says
    s.ok(&["settings", "set", "document_language", "zh-CN"]);
    let started = std::time::SystemTime::now();
    let r = s.ok(&["--lang", "en", "print", "delivery", &dn, "--copies", "2"]);
    assert_eq!(r["printer"], printer.as_str());
    assert_eq!(r["copies"], 2);
    assert_eq!(r["title"], format!("送货单 {dn}"));
    assert_eq!(r["copy"], false);
    assert!(r["job"].as_u64().unwrap() > 0);

    // the job lands as a file; its name carries the job's title
    let want = format!("{}_{dn}-job_{}", cups_pdf_title("送货单"), r["job"]);
    let deadline = Instant::now() + Duration::from_secs(30);
    let landed = loop {
        let found = std::fs::read_dir(&out_dir).ok().into_iter().flatten().flatten().find(|f| {
            f.file_name().to_string_lossy().starts_with(&want)
                && f.metadata().map(|m| m.modified().unwrap() >= started && m.len() > 0).unwrap_or(false)
        });
        if let Some(f) = found {
            break f.path();
        }
        assert!(Instant::now() < deadline, "no job {want} in {}", out_dir.display());
        std::thread::sleep(Duration::from_millis(300));
    };
    let head = std::fs::read(&landed).unwrap();
    assert!(head.starts_with(b"%PDF"), "{}", landed.display());

    // a reprint is a copy, and says so in its title
    let r = s.ok(&["--lang", "zh-CN", "print", "delivery", &dn, "--printer", &printer]);
    assert_eq!((r["copy"].as_bool(), r["title"].as_str()), (Some(true), Some(format!("送货单 {dn}（副本）").as_str())));
}

/// A payment receipt (收款收据): the money, in words, how it was paid, the invoice it paid and
/// what it kept as the customer's credit, on A4 and on an 80 mm roll; a refund is no receipt.
#[test]
fn a_payment_receipt_says_what_was_paid_and_against_what() {
    let s = Shop::new();
    delivered_order(&s);
    let order = s.ok(&["order", "list"])["items"][0]["number"].as_str().unwrap().to_string();
    let inv = s.ok(&["invoice", "issue", &order]);
    let inv_no = inv["number"].as_str().unwrap().to_string();
    // ¥15.00 billed; ¥20.00 paid by WeChat: 15 pays the invoice, 5 stays as credit
    let p = s.ok(&["pay", "王喆五金店", "20", "--method", "wechat", "--reference", "微信 0312", "--note", "现场付清"]);
    let rc = p["number"].as_str().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let a4 = dir.path().join("收款 收据.pdf");
    s.ok(&["print", "payment", &rc, "--out", a4.to_str().unwrap(), "--paper", "a4"]);
    let text = common::pdf_text(&a4);
    for needle in ["PAYMENT RECEIPT", "Amount received: ¥20.00", "Twenty yuan only", "WeChat Pay", "Kept on account", "Received by"] {
        assert!(text.contains(needle), "{needle} in the English receipt:\n{text}");
    }
    // the documents speak the shop's language (set at first run: English here), not the reader's
    s.ok(&["print", "payment", &rc, "--out", a4.to_str().unwrap(), "--paper", "a4", "--lang", "zh-CN"]);
    assert!(common::pdf_text(&a4).contains("PAYMENT RECEIPT"));
    s.ok(&["settings", "set", "document_language", "zh-CN"]);
    let out =
        s.cmd(&["print", "payment", &rc, "--out", a4.to_str().unwrap(), "--paper", "a4", "--lang", "en"]).env("KAIDAN_LANG", "en").output();
    assert!(out.unwrap().status.success());
    let text = common::pdf_text(&a4);
    for needle in [
        "收款收据",
        rc.as_str(),
        "王喆五金店",
        inv_no.as_str(),
        "15.00",
        "预收款",
        "5.00",
        "¥20.00",
        "贰拾元整",
        "微信",
        "微信 0312",
        "现场付清",
        "收款人",
        "交款人",
    ] {
        assert!(text.contains(needle), "{needle} in the receipt:\n{text}");
    }
    let roll = dir.path().join("roll.pdf");
    s.ok(&["print", "payment", &rc, "--out", roll.to_str().unwrap(), "--paper", "80mm", "--lang", "zh-CN"]);
    let text = common::pdf_text(&roll);
    for needle in ["收款收据", rc.as_str(), inv_no.as_str(), "¥20.00", "贰拾元整"] {
        assert!(text.contains(needle), "{needle} on the roll:\n{text}");
    }
    // printed again: the same, never a copy (payment receipts are not logged)
    s.ok(&["print", "payment", &rc, "--out", a4.to_str().unwrap(), "--paper", "a4", "--lang", "zh-CN"]);
    assert!(!common::pdf_text(&a4).contains("副本"));
    let e = s.err(&["print", "payment", "RC-2099-000001", "--out", a4.to_str().unwrap()]);
    assert_eq!(e["code"], "not_found", "{e}");
}

/// A delivery note prints what this delivery sent, what is still to follow and its money — in
/// each language the shop's documents may speak (a bilingual one with both headings).
#[test]
fn a_partial_delivery_note_prints_its_quantities_and_money() {
    let s = Shop::new();
    seed(&s);
    let o = s.ok(&["order", "create", "--customer", "王喆五金店", "--line", "A1:12:8.50", "--confirm"]);
    let number = o["number"].as_str().unwrap().to_string();
    let first = s.ok(&["order", "deliver", &number, "--line", "A1:5"]);
    let dn = first["delivery"]["number"].as_str().or(first["number"].as_str()).unwrap().to_string();
    let second = s.ok(&["order", "deliver", &number]);
    let dn2 = second["delivery"]["number"].as_str().or(second["number"].as_str()).unwrap().to_string();
    for (lang, heads) in [
        ("zh-CN", vec!["本次实发", "尚欠"]),
        ("en", vec!["Delivered", "To follow"]),
        ("bilingual", vec!["本次实发", "Delivered", "尚欠", "To follow"]),
    ] {
        s.ok(&["settings", "set", "document_language", lang]);
        for (note, sent, left, amount) in [(&dn, "5", "7", "42.50"), (&dn2, "7", "0", "59.50")] {
            let pdf = s.db.parent().unwrap().join(format!("{note} {lang}.pdf"));
            s.ok(&["print", "delivery", note, "--out", pdf.to_str().unwrap(), "--paper", "a5", "--preview"]);
            let text = common::pdf_text(&pdf);
            let row: Vec<&str> = text
                .lines()
                .find(|l| l.contains("六角螺栓"))
                .unwrap_or_else(|| panic!("{lang}: no line in\n{text}"))
                .split_whitespace()
                .collect();
            let at = row.iter().position(|c| *c == "个").unwrap_or_else(|| panic!("{lang}: {row:?}"));
            assert_eq!(&row[at + 1..], [sent, left, "8.50", amount], "{lang} {note}:\n{text}");
            let flat: String = text.split_whitespace().collect();
            // (a heading too wide for its column is set on two lines)
            for word in heads.iter().flat_map(|h| h.split(' ')) {
                assert!(flat.contains(word), "{lang}: {word} in\n{text}");
            }
            assert!(!text.contains('…'), "{lang}: a heading was cut short\n{text}");
        }
    }
}
