//! Documents rendered and read back with poppler (pdftotext, pdffonts, pdfinfo): the text a
//! customer sees is exactly the names, numbers and totals given.
//!
//! `KAIDAN_PRINT_OUT=dir` keeps the PDFs (render them with `pdftoppm -png -r 80` to look at them).

use std::process::Command;

use kaidan_core::document::{DocLine, DocParty, DocTotals};
use kaidan_core::model::Company;
use kaidan_core::words::amount_in_words;
use kaidan_core::{DocKind, DocLang, Lang, Money, Paper, PrintDoc, Qty, Rate, Sign, UnitPrice};
use kaidan_print::render;

mod common;
use common::{pages_of, poppler, save, text_of};

fn line(sku: &str, name: &str, spec: Option<&str>, q: &str, p: &str, disc: &str, amount: &str) -> DocLine {
    DocLine {
        sku: sku.into(),
        name: name.into(),
        spec: spec.map(Into::into),
        unit: "个".into(),
        qty: Qty::parse(q, Sign::Positive).unwrap(),
        unit_price: UnitPrice::parse(p, Sign::NonNegative).unwrap(),
        discount: Rate::parse_percent(disc).unwrap(),
        amount: Money::parse(amount, Sign::Any).unwrap(),
        remaining: None,
    }
}

fn money(s: &str) -> Money {
    Money::parse(s, Sign::Any).unwrap()
}

fn invoice(lang: Lang) -> PrintDoc {
    PrintDoc {
        kind: DocKind::Invoice,
        lang: lang.into(),
        number: "INV-2026-000042".into(),
        date: "2026-11-25".into(),
        due_date: Some("2026-12-25".into()),
        order_number: Some("SO-2026-000317".into()),
        reference: None,
        company: Company {
            name: "喆记五金建材商行".into(),
            address: Some("广州市荔湾区芳村大道中 88 号".into()),
            phone: Some("020-8123 4567".into()),
            tax_id: Some("91440101MA5XXXXX1K".into()),
            bank_account: Some("工商银行芳村支行 3602 0000 1234 5678".into()),
            currency: "CNY".into(),
        },
        logo: None,
        customer: DocParty {
            name: "王喆五金店（堃记）".into(),
            contact: Some("王镕".into()),
            phones: vec!["138 0013 8000".into()],
            address: Some("佛山市南海区桂城街道 12 号".into()),
        },
        lines: vec![
            line("HW-001", "不锈钢合页", Some("4寸 加厚"), "12", "8.50", "0", "102.00"),
            line("HW-002", "镕铸门锁", Some("执手锁 银色"), "3", "125.00", "5", "356.25"),
            line("HW-003", "膨胀螺丝", Some("M8×80"), "500", "0.35", "0", "175.00"),
        ],
        show_prices: true,
        totals: Some(DocTotals { subtotal: money("561.28"), tax: money("71.97"), total: money("633.25") }),
        notes: Some("货到付款，请当面点清。".into()),
        copy: false,
        operator: Some("店主".into()),
        statement: None,
        payment: None,
    }
}

#[test]
fn invoice_reads_back_with_names_numbers_totals_and_words() {
    for lang in [Lang::ZhCn, Lang::En] {
        let doc = invoice(lang);
        let r = render(&doc, Paper::A4, Paper::A4.default_margins()).unwrap();
        let path = save(&format!("invoice-a4-{lang:?}"), &r.pdf);
        let text = text_of(&path);
        for needle in [
            "喆记五金建材商行",
            "王喆五金店（堃记）",
            "王镕",
            "不锈钢合页 4寸 加厚",
            "镕铸门锁",
            "M8×80",
            "INV-2026-000042",
            "SO-2026-000317",
            "2026-12-25",
            "356.25",
            "125.00",
            "633.25",
            "71.97",
            "561.28",
            "5%",
            "货到付款，请当面点清。",
        ] {
            assert!(text.contains(needle), "{lang:?}: {needle} missing from\n{text}");
        }
        let words = amount_in_words(money("633.25"), lang);
        assert!(text.replace('\n', " ").contains(&words), "{lang:?}: {words} missing from\n{text}");
        let title = if lang == Lang::ZhCn { "销售单" } else { "INVOICE" };
        assert!(text.contains(title));
        assert!(!text.contains("副本") && !text.contains("COPY"), "an original carries no copy mark");
        assert_eq!(r.pages, 1);
        assert_eq!(pages_of(&path), 1);
    }
    let text = text_of(&save("invoice-zh-words", &render(&invoice(Lang::ZhCn), Paper::A4, Paper::A4.default_margins()).unwrap().pdf));
    assert!(text.contains("陆佰叁拾叁元贰角伍分"), "{text}");
    // pdftotext drops the spaces between Chinese characters
    assert!(text.replace(' ', "").contains("第1页/共1页"), "{text}");
}

#[test]
fn a_bilingual_document_prints_every_label_in_chinese_and_english() {
    let mut doc = invoice(Lang::ZhCn);
    doc.lang = DocLang::Bilingual;
    for paper in [Paper::A4, Paper::A5, Paper::Roll80, Paper::Roll58] {
        let r = render(&doc, paper, paper.default_margins()).unwrap();
        let path = save(&format!("invoice-bilingual-{}", paper.as_str()), &r.pdf);
        let text = text_of(&path);
        // pdftotext drops the spaces between Chinese characters and may break a line anywhere
        let flat = text.split_whitespace().collect::<String>();
        let mut needles = vec!["销售单INVOICE", "合计", "Total", "客户Customer", "王喆五金店（堃记）", "633.25"];
        if !paper.is_roll() {
            // the table's header: the English under the Chinese
            needles.extend(["数量", "Qty", "单价", "Unitprice", "金额", "Amount", "品名规格", "Description", "第1页/共1页", "Page1of1"]);
        }
        for needle in needles {
            assert!(flat.contains(needle), "{paper:?}: {needle} missing from\n{text}");
        }
        for lang in [Lang::ZhCn, Lang::En] {
            let words: String = amount_in_words(money("633.25"), lang).split_whitespace().collect();
            assert!(flat.contains(&words), "{paper:?}: {words} missing from\n{text}");
        }
        assert!(!text.contains('…'), "{paper:?}: a label was cut short\n{text}");
    }
}

#[test]
fn a_120_line_invoice_repeats_its_headers_on_every_page() {
    let mut doc = invoice(Lang::ZhCn);
    doc.lines =
        (1..=120).map(|i| line(&format!("SKU-{i:04}"), &format!("商品{i}号 喆"), Some("规格"), "2", "10.00", "0", "20.00")).collect();
    doc.totals = Some(DocTotals { subtotal: money("2400.00"), tax: money("0.00"), total: money("2400.00") });
    let r = render(&doc, Paper::A4, Paper::A4.default_margins()).unwrap();
    let path = save("invoice-120-lines", &r.pdf);
    let pages = pages_of(&path);
    assert_eq!(pages, r.pages);
    assert!((3..=5).contains(&pages), "120 lines on A4 take 3–5 pages, not {pages}");
    for p in 1..=pages {
        let page = poppler("pdftotext", &["-layout", "-f", &p.to_string(), "-l", &p.to_string()], &path);
        for needle in ["喆记五金建材商行", "销售单", "INV-2026-000042", "王喆五金店（堃记）", "品名规格", "单价", "金额"]
        {
            assert!(page.contains(needle), "page {p}: {needle} missing");
        }
        assert!(page.replace(' ', "").contains(&format!("第{p}页/共{pages}页")), "page {p} of {pages}:\n{page}");
    }
    let all = text_of(&path);
    for i in 1..=120 {
        assert!(all.contains(&format!("SKU-{i:04}")), "line {i} is printed");
    }
    assert_eq!(all.matches("贰仟肆佰元整").count(), 1, "the total in words is printed once, at the end");
    let last = poppler("pdftotext", &["-layout", "-f", &pages.to_string(), "-l", &pages.to_string()], &path);
    assert!(last.contains("2,400.00") && last.contains("贰仟肆佰元整"));
}

#[test]
fn a_delivery_note_without_prices_shows_no_price_anywhere() {
    let mut doc = invoice(Lang::ZhCn);
    doc.kind = DocKind::DeliveryNote;
    doc.number = "DN-2026-000007".into();
    doc.due_date = None;
    doc.show_prices = false;
    for l in &mut doc.lines {
        l.remaining = Some(Qty::parse("2", Sign::NonNegative).unwrap());
    }
    for paper in [Paper::A5, Paper::A4, Paper::Roll80] {
        let r = render(&doc, paper, paper.default_margins()).unwrap();
        let text = text_of(&save(&format!("delivery-no-prices-{}", paper.as_str()), &r.pdf));
        for needle in ["送货单", "DN-2026-000007", "不锈钢合页", "收货人签字", "500"] {
            assert!(text.contains(needle), "{paper:?}: {needle} missing\n{text}");
        }
        for price in ["8.50", "125.00", "0.35", "102.00", "356.25", "633.25", "单价", "金额", "¥", "陆佰"] {
            assert!(!text.contains(price), "{paper:?}: {price} printed on a note without prices\n{text}");
        }
    }
    doc.show_prices = true;
    let text = text_of(&save("delivery-prices", &render(&doc, Paper::A5, Paper::A5.default_margins()).unwrap().pdf));
    assert!(text.contains("125.00") && text.contains("尚欠"), "{text}");
}

#[test]
fn fonts_are_embedded_as_subsets_and_the_file_stays_small() {
    let r = render(&invoice(Lang::ZhCn), Paper::A4, Paper::A4.default_margins()).unwrap();
    let path = save("invoice-fonts", &r.pdf);
    let fonts = poppler("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID
        assert!(cols[0].contains('+'), "a subset font is named ABCDEF+Name: {row}");
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "embedded, subset, with a ToUnicode map: {row}");
    }
    assert!(r.pdf.len() < 150_000, "{} bytes", r.pdf.len());
}

#[test]
fn a_reprint_is_marked_copy() {
    for (lang, mark) in [(Lang::ZhCn, "副本"), (Lang::En, "COPY")] {
        let mut doc = invoice(lang);
        doc.copy = true;
        for paper in [Paper::A4, Paper::Roll58] {
            let text =
                text_of(&save(&format!("copy-{lang:?}-{}", paper.as_str()), &render(&doc, paper, paper.default_margins()).unwrap().pdf));
            assert!(text.contains(mark), "{lang:?} {paper:?}\n{text}");
        }
    }
}

#[test]
fn every_paper_renders_the_whole_document() {
    let mut doc = invoice(Lang::ZhCn);
    doc.logo = Some(include_bytes!("../../../../icons/32x32.png").to_vec());
    let credit = {
        let mut c = invoice(Lang::En);
        c.kind = DocKind::CreditNote;
        c.number = "CN-2026-000001".into();
        c.reference = Some("INV-2026-000042".into());
        c.due_date = None;
        for l in &mut c.lines {
            l.amount = -l.amount;
        }
        c.totals = Some(DocTotals { subtotal: money("-561.28"), tax: money("-71.97"), total: money("-633.25") });
        c
    };
    let receipt = {
        let mut r = invoice(Lang::ZhCn);
        r.kind = DocKind::Receipt;
        r
    };
    for paper in Paper::ALL {
        for (name, d) in [("invoice", &doc), ("credit", &credit), ("receipt", &receipt)] {
            let r = render(d, paper, paper.default_margins()).unwrap();
            let path = save(&format!("{name}-{}", paper.as_str()), &r.pdf);
            let text = text_of(&path);
            let flat = text.replace('\n', " ");
            for needle in ["王喆五金店（堃记）", "633.25", "HW-003"] {
                // rolls print the description, not the code
                if needle == "HW-003" && paper.is_roll() {
                    continue;
                }
                assert!(text.contains(needle), "{name} on {paper:?}: {needle} missing\n{text}");
            }
            let words = amount_in_words(d.totals.as_ref().unwrap().total, d.lang.first());
            assert!(
                flat.contains(&words) || flat.replace(' ', "").contains(&words.replace(' ', "")),
                "{name} on {paper:?}: {words}\n{text}"
            );
            if paper.is_roll() {
                assert_eq!(r.pages, 1, "a roll is one page");
            }
        }
    }
    let credit_text = text_of(&save("credit-a4", &render(&credit, Paper::A4, Paper::A4.default_margins()).unwrap().pdf));
    assert!(
        credit_text.contains("CREDIT NOTE") && credit_text.contains("-¥633.25") && credit_text.contains("Minus six hundred thirty-three"),
        "{credit_text}"
    );
}

#[test]
fn a_bad_logo_is_refused_with_a_reason() {
    assert!(kaidan_print::check_logo(b"not an image").is_err());
    assert!(kaidan_print::check_logo(include_bytes!("../../../../icons/32x32.png")).is_ok());
    let mut doc = invoice(Lang::ZhCn);
    doc.logo = Some(b"not an image".to_vec());
    assert!(render(&doc, Paper::A4, Paper::A4.default_margins()).is_err());
}

/// Grey levels of a PNG (RGB or RGBA, 8 bit), with its width and height.
fn grey(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut dec = png::Decoder::new(std::io::Cursor::new(png_bytes)).read_info().unwrap();
    let mut buf = vec![0; dec.output_buffer_size().unwrap()];
    let info = dec.next_frame(&mut buf).unwrap();
    let n = info.color_type.samples();
    let px = buf[..info.buffer_size()].chunks_exact(n).map(|p| ((u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3) as u8).collect();
    (info.width, info.height, px)
}

/// The picture (for WeChat) is the PDF drawn: a two-page invoice gives one picture of both pages
/// at 144 dpi, which looks like poppler's drawing of the same PDF page for page (text, lines,
/// totals in place), not a blank or a different layout.
#[test]
fn the_picture_of_a_document_is_its_pdf_drawn_page_below_page() {
    let mut doc = invoice(Lang::ZhCn);
    doc.lines =
        (1..=40).map(|i| line(&format!("SKU-{i:04}"), &format!("商品{i}号 喆"), Some("规格"), "2", "10.00", "0", "20.00")).collect();
    let r = render(&doc, Paper::A4, Paper::A4.default_margins()).unwrap();
    assert_eq!(r.pages, 2);
    let pic = kaidan_print::picture(&r.pdf).unwrap();
    let (w, h, ours) = grey(&pic.png);
    assert_eq!((w, h), (pic.width, pic.height));
    assert_eq!(w, 1190, "A4 at 2 pixels a point");
    assert_eq!(h, 2 * 1683 + 16, "two pages and the band between them");
    // poppler draws the first page at the same size
    let path = save("picture-invoice", &r.pdf);
    let prefix = path.with_extension("");
    let out =
        Command::new("pdftoppm").args(["-png", "-r", "144", "-f", "1", "-l", "1", "-singlefile"]).arg(&path).arg(&prefix).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (pw, ph, theirs) = grey(&std::fs::read(prefix.with_extension("png")).unwrap());
    assert!(pw.abs_diff(w) <= 1 && ph.abs_diff(1683) <= 1, "poppler {pw}×{ph}");
    // compare the first page in 10×10-pixel cells: ink in the same places
    let cell = |img: &[u8], iw: u32, cx: u32, cy: u32| -> u32 {
        let mut dark = 0;
        for y in cy * 10..cy * 10 + 10 {
            for x in cx * 10..cx * 10 + 10 {
                dark += u32::from(img[(y * iw + x) as usize] < 128);
            }
        }
        dark
    };
    let (cols, rows) = (w.min(pw) / 10, 1680 / 10);
    let (mut inked, mut agree) = (0, 0);
    for cy in 0..rows {
        for cx in 0..cols {
            let (a, b) = (cell(&ours, w, cx, cy) > 3, cell(&theirs, pw, cx, cy) > 3);
            if a || b {
                inked += 1;
                agree += u32::from(a == b);
            }
        }
    }
    assert!(inked > 2000, "the page has text and lines ({inked} inked cells)");
    assert!(agree * 100 / inked >= 90, "the picture matches poppler's drawing in {agree} of {inked} inked cells");
    // the second page is there too, below the band
    let second: u32 = ours[((1683 + 16 + 100) * w) as usize..((1683 + 16 + 400) * w) as usize].iter().map(|&g| u32::from(g < 128)).sum();
    assert!(second > 1000, "the second page has ink ({second})");
}
