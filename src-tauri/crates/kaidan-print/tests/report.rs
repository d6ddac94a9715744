//! Reports printed and read back with poppler: the title, every row, the totals and the chart's
//! figures are on the page; a wide table turns the page; a day's close fits a till roll.
//!
//! `KAIDAN_PRINT_OUT=dir` keeps the PDFs.

use kaidan_core::report::{Cell, Chart, ChartUnit, ReportSheet, Series, Table};
use kaidan_core::{Lang, Money, Paper, Sign};
use kaidan_print::render_report;

mod common;
use common::{save, size_of, text_of};

fn money(s: &str) -> Money {
    Money::parse(s, Sign::Any).unwrap()
}

fn products(rows: usize) -> ReportSheet {
    let rows: Vec<Vec<Cell>> = (1..=rows)
        .map(|i| {
            vec![
                Cell::Text(format!("HW-{i:03}")),
                Cell::Text(format!("不锈钢合页 {i} 号")),
                Cell::Number(format!("{}", i * 3)),
                Cell::Money(Money::from_minor(i as i64 * 12_345)),
            ]
        })
        .collect();
    let total = (1..=rows.len() as i64).map(|i| i * 12_345).sum::<i64>();
    let qty = (1..=rows.len()).map(|i| i * 3).sum::<usize>();
    ReportSheet {
        title: "商品销售排行 2026-11-01 – 2026-11-30".into(),
        subtitle: vec!["对比 2026-10-02 – 2026-10-31".into()],
        chart: Some(Chart {
            title: "前 10 名：销售额".into(),
            labels: rows.iter().take(10).map(|r| if let Cell::Text(t) = &r[1] { t.clone() } else { unreachable!() }).collect(),
            series: vec![Series { name: "销售额".into(), values: (1..=10).map(|i| i * 12_345).collect(), line: false }],
            unit: ChartUnit::Money,
            lying: true,
        }),
        tables: vec![Table {
            heading: None,
            head: vec!["编号".into(), "商品".into(), "数量".into(), "销售额".into()],
            rows,
            total: Some(vec![
                Cell::Text("合计".into()),
                Cell::blank(),
                Cell::Number(qty.to_string()),
                Cell::Money(Money::from_minor(total)),
            ]),
        }],
        notes: vec!["销售额不含税。".into()],
        sign: vec![],
    }
}

#[test]
fn a_ranking_reads_back_with_its_title_every_row_and_the_total() {
    let sheet = products(120);
    let r = render_report(&sheet, "喆记五金建材商行", "2026-12-01", Lang::ZhCn, Paper::A4, Paper::A4.default_margins()).unwrap();
    let path = save("products-a4", &r.pdf);
    let text = text_of(&path);
    let (pages, w, h) = size_of(&path);
    assert_eq!(pages, r.pages);
    assert!(pages >= 3, "120 rows and a chart take several pages, not {pages}");
    assert!(w < h, "four columns stay upright: {w} x {h}");
    for needle in ["商品销售排行 2026-11-01 – 2026-11-30", "对比 2026-10-02 – 2026-10-31", "喆记五金建材商行", "销售额不含税。", "合计"]
    {
        assert!(text.contains(needle), "{needle} missing");
    }
    for i in [1, 57, 120] {
        assert!(text.contains(&format!("不锈钢合页 {i} 号")), "row {i} missing");
    }
    // The last row, and the total with its thousands separators: 12,345 × (1 + … + 120) fen.
    assert!(text.contains("14,814.00"), "row 120's amount");
    assert!(text.contains("896,247.00"), "the total");
    assert!(text.contains("21,780"), "the quantity total");
    // The head is repeated on every page.
    assert_eq!(text.matches("编号").count(), pages, "the head on each of {pages} pages");
    assert!(text.contains(&format!("第1页/共{pages}页")) && text.contains(&format!("第{pages}页/共{pages}页")), "page numbers");
}

#[test]
fn a_wide_table_turns_the_page_and_keeps_every_column() {
    let head: Vec<String> = [
        "起",
        "止",
        "销售额（不含税）",
        "销售额（含税）",
        "销售成本",
        "未知成本的销售",
        "毛利",
        "毛利率",
        "数量",
        "订单数",
        "订单金额",
        "平均订单",
        "收款",
    ]
    .map(String::from)
    .to_vec();
    let mut row = vec![Cell::Text("2026-01-01".into()), Cell::Text("2026-01-31".into())];
    row.extend((0..11).map(|i| Cell::Money(Money::from_minor(333_753_740 + i))));
    let sheet = ReportSheet {
        title: "Sales trend".into(),
        tables: vec![Table { heading: None, head, rows: vec![row], total: None }],
        ..Default::default()
    };
    let r = render_report(&sheet, "Shop", "2026-12-01", Lang::En, Paper::A4, Paper::A4.default_margins()).unwrap();
    let path = save("wide-a4", &r.pdf);
    let (_, w, h) = size_of(&path);
    assert!(w > h, "thirteen columns go landscape: {w} x {h}");
    let text = text_of(&path);
    assert!(text.contains("3,337,537.40") && text.contains("3,337,537.50"), "the first and the last column:\n{text}");
    assert!(text.contains("收款"));
}

#[test]
fn the_days_close_fits_one_till_roll_with_its_sign_lines() {
    let sheet = ReportSheet {
        title: "日结 2026-12-01".into(),
        subtitle: vec![],
        chart: None,
        tables: vec![
            Table {
                heading: None,
                head: vec![],
                rows: vec![
                    vec![Cell::Text("订单数".into()), Cell::Number("17".into())],
                    vec![Cell::Text("销售额".into()), Cell::Money(money("12345.60"))],
                    vec![Cell::Text("收款".into()), Cell::Money(money("9876.50"))],
                ],
                total: None,
            },
            Table {
                heading: Some("收款方式".into()),
                head: vec!["方式".into(), "笔数".into(), "金额".into()],
                rows: vec![
                    vec![Cell::Text("现金".into()), Cell::Number("9".into()), Cell::Money(money("1200.00"))],
                    vec![Cell::Text("微信".into()), Cell::Number("6".into()), Cell::Money(money("8676.50"))],
                ],
                total: Some(vec![Cell::Text("合计".into()), Cell::Number("15".into()), Cell::Money(money("9876.50"))]),
            },
        ],
        notes: vec![],
        sign: vec!["实点现金".into(), "差额".into(), "点钞人".into(), "复核人".into()],
    };
    for (paper, width_mm) in [(Paper::Roll80, 80.0), (Paper::Roll58, 58.0)] {
        let r = render_report(&sheet, "喆记五金", "2026-12-01", Lang::ZhCn, paper, paper.default_margins()).unwrap();
        let path = save(&format!("day-{width_mm}"), &r.pdf);
        let (pages, w, _) = size_of(&path);
        assert_eq!(pages, 1, "{paper:?}: one roll");
        assert!((w / 72.0 * 25.4 - width_mm).abs() < 0.5, "{paper:?}: {w} pt wide");
        let text = text_of(&path);
        for needle in ["日结 2026-12-01", "12,345.60", "8,676.50", "9,876.50", "微信", "实点现金", "复核人"] {
            assert!(text.contains(needle), "{paper:?}: {needle} missing from\n{text}");
        }
    }
}
