//! Messy sheets generated here (xlsx and CSV in GBK / UTF-8 / TSV) and broken files: every good
//! row read with exact totals, every bad one named with its row and column.

use std::path::Path;

use kaidan_core::Lang;
use kaidan_import::{analyse, analyse_streamed, read_file, stream_rows, DryRun, Grid, NothingKnown, Streamed};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// The same messy order sheet as rows of text (row 1 is a title, row 2 blank, row 3 the header).
fn rows() -> Vec<Vec<&'static str>> {
    vec![
        vec!["王喆五金店 2024年销售单", "", "", "", "", "", "", "", ""],
        vec!["", "", "", "", "", "", "", "", ""],
        vec!["订单号", "客户名称", "日期", "商品名称", "规格型号", "数量", "单价", "金额", "备注"],
        vec!["XS-001", "城东装修队", "2024/3/5", "六角螺栓", "M6×30", "100", "0.35", "￥35.00", ""],
        vec!["", "", "", "膨胀螺栓", "M8×80", "20", "1.20", "24.00", "merged cells above"],
        vec!["XS-002", "鑫镕水电工程", "2024年3月6日", "PPR 冷热水管", "Φ20", "10", "16.80", "￥1,168.00", "amount typo"],
        vec!["XS-003", "堃泰物业", "5/3/2024", "电工胶布", "", "abc", "3.00", "", ""],
        vec!["XS-004", "", "2024-03-07", "水泥", "P.O 42.5", "2", "32", "64", "no customer"],
        vec!["XS-005", "<b>Acme</b>", "2024-02-30", "=1+1", "", "1", "-5", "", "html, formula, impossible date, negative price"],
        vec!["XS-006", "Sunrise Café", "2024-03-08", "Masking Tape", "48mm", "1.5", "7.50", "11.25", ""],
        vec!["合计", "", "", "", "", "", "", "1,302.25", ""],
    ]
}

fn check(d: &DryRun, what: &str) {
    // good: XS-001 (2 lines, 35 + 24), XS-002 (1 line, 168.00 computed; stated 1,168.00 → warning), XS-006 (11.25)
    assert_eq!(d.orders, 3, "{what}: {:#?}", d.errors);
    assert_eq!(d.lines, 4, "{what}");
    assert_eq!(d.total.to_string(), "238.25", "{what}"); // 35 + 24 + 168 + 11.25
    assert_eq!(d.customers_new, 3, "{what}");
    assert_eq!(d.products_new, 4, "{what}");
    assert_eq!(d.header_row, 3, "{what}");
    assert!(d.skipped_rows.contains(&11), "{what}: the 合计 row is skipped: {:?}", d.skipped_rows);
    let e = |row: u32, col: &str| d.errors.iter().any(|i| i.row == row && i.column.as_deref() == Some(col));
    assert!(e(7, "数量"), "{what}: abc quantity on row 7: {:#?}", d.errors);
    assert!(e(8, "客户名称"), "{what}: empty customer on row 8: {:#?}", d.errors);
    assert!(e(9, "单价"), "{what}: negative price on row 9");
    assert!(e(9, "日期"), "{what}: impossible date on row 9");
    assert_eq!(d.errors.len(), 4, "{what}: {:#?}", d.errors);
    let w = |row: u32, col: &str| d.warnings.iter().any(|i| i.row == row && i.column.as_deref() == Some(col));
    assert!(w(6, "金额"), "{what}: the amount typo is a warning: {:#?}", d.warnings);
    assert!(w(7, "日期"), "{what}: 5/3/2024 is named as ambiguous: {:#?}", d.warnings);
    let first = &d.drafts[0];
    assert_eq!((first.number.as_deref(), first.customer.as_str(), first.lines.len()), (Some("XS-001"), "城东装修队", 2));
    assert_eq!(first.order_date.unwrap().to_string(), "2024-03-05");
    assert_eq!(d.drafts[1].order_date.unwrap().to_string(), "2024-03-06");
    assert_eq!(d.drafts[2].lines[0].qty.to_string(), "1.5");
}

/// tests/fixtures/import, where the committed fixtures are.
fn fixtures() -> std::path::PathBuf {
    Path::new(&*std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo test")).join("../../../tests/fixtures/import")
}

fn analyse_file(path: &Path) -> DryRun {
    let grid = read_file(path, None, None).unwrap();
    analyse(&grid, None, &NothingKnown, Lang::En).unwrap()
}

#[test]
fn an_xlsx_with_title_merged_cells_total_row_and_real_dates() {
    let dir = tempfile_dir();
    let path = dir.path().join("销售 记录.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows().iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let (r, c) = (r as u32, c as u16);
            // real numbers and a real date cell where Excel would have them
            if r == 3 && c == 2 {
                ws.write_datetime_with_format(r, c, &ExcelDateTime::from_ymd(2024, 3, 5).unwrap(), &date_format).unwrap();
            } else if (c == 5 || c == 6) && v.parse::<f64>().is_ok() {
                ws.write_number(r, c, v.parse::<f64>().unwrap()).unwrap();
            } else {
                ws.write_string(r, c, *v).unwrap();
            }
        }
    }
    wb.save(&path).unwrap();
    let d = analyse_file(&path);
    check(&d, "xlsx");
    assert_eq!(d.drafts[0].lines[0].unit_price.to_string(), "0.35", "0.35 stored as a double reads back exactly");
    // handed over row by row as it is read: the same rows, and the same dry run when the
    // analysis takes the first rows first and the rest as they come
    let mut streamed = Vec::new();
    let end = stream_rows(&path, None, &mut |n, cells| {
        streamed.push((n, cells));
        true
    })
    .unwrap();
    assert_eq!(end, Streamed::Whole("Sheet1".into()));
    let whole = read_file(&path, None, None).unwrap();
    assert!(streamed == whole.rows, "{streamed:?}");
    let rest = streamed.split_off(4);
    let head = Grid { rows: streamed, ..whole };
    let (d, _) = analyse_streamed(head, None, rest.into_iter(), &NothingKnown, Lang::En).unwrap();
    check(&d, "xlsx streamed");
    // the receiver may stop the reading
    let mut taken = 0;
    assert_eq!(
        stream_rows(&path, None, &mut |_, _| {
            taken += 1;
            taken < 2
        })
        .unwrap(),
        Streamed::Not
    );
    assert_eq!(taken, 2);
}

/// An .ods repeating one filled cell 16,000 times across in 6,000 rows (864 bytes; calamine
/// would spread it out to 96 million cells, 3 GB) is refused by name, before calamine reads
/// it; a sheet followed by a million empty repeated rows, as LibreOffice saves them, reads.
#[test]
fn an_ods_repeating_a_cell_millions_of_times_is_refused_and_an_empty_tail_is_not() {
    let dir = fixtures();
    match read_file(&dir.join("damaged-repeated-cells.ods"), None, None) {
        Err(kaidan_import::ReadError::TooManyCells { sheet, cells }) => assert_eq!((sheet.as_str(), cells), ("订单", 6_001 * 16_000)),
        other => panic!("{other:?}"),
    }
    let bytes = std::fs::read(dir.join("damaged-repeated-cells.ods")).unwrap();
    assert!(matches!(kaidan_import::read_workbook_bytes(&bytes, None), Err(kaidan_import::ReadError::TooManyCells { .. })));
    let g = read_file(&dir.join("empty-tail.ods"), None, None).unwrap();
    let d = analyse(&g, None, &NothingKnown, Lang::En).unwrap();
    assert_eq!((d.orders, d.lines, d.total.to_string(), d.errors.len()), (2, 2, "9.50".to_string(), 0));
}

/// A file that lists its rows out of order, or a row in two pieces (Excel does not, other
/// programs may): read whole, rows in order and put together; not streamed.
#[test]
fn an_xlsx_listing_rows_out_of_order_is_read_whole_and_in_order() {
    let path = fixtures().join("rows-out-of-order.xlsx");
    let g = read_file(&path, None, None).unwrap();
    let rows: Vec<(u32, Vec<String>)> = g.rows.iter().map(|(n, c)| (*n, c.iter().map(|c| c.text()).collect())).collect();
    assert_eq!(rows.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
    assert_eq!(rows[2].1, ["R2", "堃泰物业", "电工胶布", "2", "3.00"]);
    assert_eq!(rows[3].1[0], "R3");
    let d = analyse(&g, None, &NothingKnown, Lang::En).unwrap();
    assert_eq!((d.orders, d.lines, d.errors.len()), (4, 4, 0));
    let mut handed = 0;
    assert_eq!(
        stream_rows(&path, None, &mut |_, _| {
            handed += 1;
            true
        })
        .unwrap(),
        Streamed::Not
    );
    assert!(handed < 5, "the rows before the first one out of order, at most");
    // nor is anything but an xlsx
    let tmp = tempfile_dir();
    let csv = tmp.path().join("a.csv");
    std::fs::write(&csv, "客户,商品,数量\n张三,螺丝,2\n").unwrap();
    assert_eq!(stream_rows(&csv, None, &mut |_, _| panic!("a csv is read whole")).unwrap(), Streamed::Not);
}

#[test]
fn a_gbk_csv_a_utf8_bom_csv_and_a_tsv_read_the_same() {
    let dir = tempfile_dir();
    let csv_text: String = rows()
        .iter()
        .map(|r| r.iter().map(|c| if c.contains(',') { format!("\"{c}\"") } else { c.to_string() }).collect::<Vec<_>>().join(",") + "\r\n")
        .collect();
    let (gbk, _, bad) = encoding_rs::GB18030.encode(&csv_text);
    assert!(!bad);
    let p = dir.path().join("gbk 订单.csv");
    std::fs::write(&p, &gbk).unwrap();
    let grid = read_file(&p, None, None).unwrap();
    assert_eq!(grid.encoding.as_deref(), Some("gb18030"));
    check(&analyse(&grid, None, &NothingKnown, Lang::En).unwrap(), "gbk csv");

    let p = dir.path().join("utf8.csv");
    std::fs::write(&p, [b"\xEF\xBB\xBF".as_slice(), csv_text.as_bytes()].concat()).unwrap();
    check(&analyse_file(&p), "utf-8 bom csv");

    let tsv: String = rows().iter().map(|r| r.join("\t") + "\n").collect();
    let p = dir.path().join("orders.tsv");
    std::fs::write(&p, tsv).unwrap();
    let grid = read_file(&p, None, None).unwrap();
    assert_eq!(grid.delimiter, Some('\t'));
    check(&analyse(&grid, None, &NothingKnown, Lang::En).unwrap(), "tsv");

    // messages in Chinese name the row and the column's own header
    let d = analyse(&read_file(&dir.path().join("utf8.csv"), None, None).unwrap(), None, &NothingKnown, Lang::ZhCn).unwrap();
    let abc = d.errors.iter().find(|e| e.row == 7).unwrap();
    assert_eq!(abc.message, "“abc”不是有效的数字");
}

/// The committed .xls and .ods fixtures (tests/fixtures/import/make_legacy.py writes them: no
/// Rust crate writes these formats): the same messy sheet, with XS-001's customer and date
/// merged over its two lines, read with the same result as the xlsx and CSVs.
#[test]
fn an_old_xls_and_an_ods_with_merged_cells_read_like_the_xlsx() {
    let dir = fixtures();
    for name in ["orders.xls", "orders.ods"] {
        let d = analyse_file(&dir.join(name));
        check(&d, name);
        assert_eq!(d.drafts[0].lines[1].row, 5, "{name}: the merged cells' second line keeps its row");
        assert_eq!(d.drafts[0].lines[0].unit_price.to_string(), "0.35", "{name}");
    }
}

/// Damaged .xls files whose sector chains run in a circle (the first was found by the fuzz
/// target: the spreadsheet reader followed the circle until it had taken 2 GB) are refused
/// with the reason, at once, from a path and from bytes; so is one that makes the reader
/// panic (also found by the fuzz target).
#[test]
fn an_xls_with_sectors_chained_in_a_circle_is_refused_not_read_forever() {
    let dir = fixtures();
    for (name, reason) in [
        ("damaged-fat-too-long.xls", "Malformed FAT"),
        ("damaged-directory-loop.xls", "duplicate sector"),
        ("damaged-stream-loop.xls", "Excel 97-2003 file"),
    ] {
        let path = dir.join(name);
        for r in [read_file(&path, None, None), kaidan_import::read_workbook_bytes(&std::fs::read(&path).unwrap(), None)] {
            match r {
                Err(kaidan_import::ReadError::Damaged { detail }) => {
                    assert!(detail.starts_with("Excel 97-2003 file") && detail.contains(reason), "{name}: {detail}")
                }
                other => panic!("{name}: {other:?}"),
            }
        }
    }
    // a merged-cells record cut short: the reader panics inside; the file is refused instead
    let path = dir.join("damaged-merge-record.xls");
    for r in [read_file(&path, None, None), kaidan_import::read_workbook_bytes(&std::fs::read(&path).unwrap(), None)] {
        assert!(matches!(&r, Err(kaidan_import::ReadError::Damaged { detail }) if detail.contains("reader failed")), "{r:?}");
    }
    // a sheet that says it is billions of cells large (calamine reserves that much at once)
    // (the second's sheet starts mid-record, where calamine's BOUNDSHEET points it)
    for name in ["damaged-dimensions.xls", "damaged-sheet-offset.xls"] {
        let path = dir.join(name);
        for r in [read_file(&path, None, None), kaidan_import::read_workbook_bytes(&std::fs::read(&path).unwrap(), None)] {
            assert!(
                matches!(&r, Err(kaidan_import::ReadError::Damaged { detail }) if detail.contains("a sheet says it spans rows")),
                "{name}: {r:?}"
            );
        }
    }
    // cells far apart in a damaged sheet (calamine makes one rectangle of
    // them, twice: 1.3 GB)
    let path = dir.join("damaged-spread-cells.xls");
    for r in [read_file(&path, None, None), kaidan_import::read_workbook_bytes(&std::fs::read(&path).unwrap(), None)] {
        assert!(matches!(&r, Err(kaidan_import::ReadError::SpreadOut { cell }) if !cell.is_empty()), "{r:?}");
    }
    // the good .xls they were made from still reads
    assert!(read_file(&dir.join("orders.xls"), None, None).is_ok());
}

/// An xlsx is read cell by cell: a stray cell at XFD1048576 beside a small table reads (a dense
/// rectangle from A1 to it would be 17 billion cells); thousands of cells spread along column
/// XFD are refused, naming the farthest one, instead of padding them to gigabytes.
#[test]
fn an_xlsx_with_cells_far_apart_reads_or_is_refused_but_never_takes_all_memory() {
    let dir = tempfile_dir();
    let stray = dir.path().join("stray.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["客户", "商品", "数量", "单价"].iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for (c, v) in ["张三", "螺丝", "2", "1.5"].iter().enumerate() {
        ws.write_string(3, c as u16, *v).unwrap();
    }
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(&stray).unwrap();
    let g = read_file(&stray, None, None).unwrap();
    assert_eq!(g.rows.iter().map(|(r, c)| (*r, c.len())).collect::<Vec<_>>(), [(3, 4), (4, 4), (1_048_576, 16_384)]);
    let d = analyse(&g, None, &NothingKnown, Lang::En).unwrap();
    assert_eq!((d.orders, d.lines, d.header_row), (1, 1, 3));

    let spread = dir.path().join("spread.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for r in 0..2_000u32 {
        ws.write_string(r, 16_383, "x").unwrap();
    }
    wb.save(&spread).unwrap();
    match read_file(&spread, None, None) {
        Err(kaidan_import::ReadError::SpreadOut { cell }) => assert!(cell.starts_with("XFD"), "{cell}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn broken_files_are_refused_with_a_reason() {
    let dir = tempfile_dir();
    let junk = dir.path().join("junk.csv");
    std::fs::write(&junk, (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect::<Vec<u8>>()).unwrap();
    assert!(read_file(&junk, None, None).is_err());
    // a truncated xlsx
    let good = dir.path().join("good.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet().write_string(0, 0, "客户").unwrap();
    wb.save(&good).unwrap();
    let bytes = std::fs::read(&good).unwrap();
    let cut = dir.path().join("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    assert!(read_file(&cut, None, None).is_err());
    assert!(stream_rows(&cut, None, &mut |_, _| true).is_err());
    // no header at all
    let p = dir.path().join("noheader.csv");
    std::fs::write(&p, "a,b,c\n1,2,3\n").unwrap();
    assert!(analyse(&read_file(&p, None, None).unwrap(), None, &NothingKnown, Lang::En).is_err());
    // ragged rows are fine
    let p = dir.path().join("ragged.csv");
    std::fs::write(&p, "客户,商品,数量,单价\n张三,螺丝,2,1.5,extra,fields\n李四,钉子\n").unwrap();
    let d = analyse(&read_file(&p, None, None).unwrap(), None, &NothingKnown, Lang::En).unwrap();
    assert_eq!((d.orders, d.errors.len()), (1, 1));
    assert_eq!(d.errors[0].row, 3);
}

/// A folder of its own, removed when the test ends.
fn tempfile_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// The first rows of a sheet, to look for a header in: an xlsx stops reading there, an .xls or
/// .ods is read whole and cut.
#[test]
fn the_head_of_a_sheet_is_its_first_rows() {
    let dir = fixtures();
    let book = dir.join("history-two-sheets.xlsx");
    let head = kaidan_import::sheet_head(&book, "2024年订单", 3).unwrap();
    assert_eq!(head.rows.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [1, 3, 4]);
    assert_eq!(head.rows[1].1[0].text(), "单号");
    assert!(kaidan_import::guess_header(&head).is_some());
    let notes = kaidan_import::sheet_head(&book, "说明", 30).unwrap();
    assert_eq!(notes.rows.len(), 2);
    assert!(kaidan_import::guess_header(&notes).is_none());
    for old in ["orders.xls", "orders.ods"] {
        let path = dir.join(old);
        let sheet = kaidan_import::sheet_names(&path).unwrap().remove(0);
        let whole = read_file(&path, Some(&sheet), None).unwrap();
        let head = kaidan_import::sheet_head(&path, &sheet, 2).unwrap();
        assert_eq!(head.rows, whole.rows[..2], "{old}");
    }
    assert!(matches!(kaidan_import::sheet_head(&book, "no such", 3), Err(kaidan_import::ReadError::NoSuchSheet { .. })));
}

fn grid_of(rows: &[&[&str]]) -> Grid {
    Grid {
        sheet: "Sheet1".into(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let cells: Box<[kaidan_import::Cell]> = r
                    .iter()
                    .map(|t| if t.is_empty() { kaidan_import::Cell::Empty } else { kaidan_import::Cell::Text((*t).into()) })
                    .collect();
                (i as u32 + 1, cells)
            })
            .collect(),
        encoding: None,
        delimiter: None,
    }
}

/// "单位" is the unit of measure beside a customer column, or when its cells are 个/把/盒; it
/// is the buying company (购货单位) when it holds company names and nothing else names one.
#[test]
fn a_column_headed_unit_is_the_unit_when_it_reads_like_one() {
    use kaidan_import::Field;
    let field_of = |g: &Grid, header: &str| {
        let (i, m) = kaidan_import::guess_header(g).unwrap();
        let c = g.rows[i].1.iter().position(|c| c.text() == header).unwrap();
        m.get(&c).copied()
    };
    let beside_customer = grid_of(&[&["客户", "商品名称", "数量", "单位", "单价"], &["城东装修队", "螺丝刀", "10", "把", "15"]]);
    assert_eq!(field_of(&beside_customer, "单位"), Some(Field::Unit));
    assert_eq!(field_of(&beside_customer, "客户"), Some(Field::Customer));
    let units_alone = grid_of(&[
        &["商品名称", "数量", "单位", "单价"],
        &["螺丝刀", "10", "把", "15"],
        &["卷尺", "2", "个", "9"],
        &["胶水", "1", "kg", "9"],
    ]);
    assert_eq!(field_of(&units_alone, "单位"), Some(Field::Unit));
    let buyers =
        grid_of(&[&["单位", "商品名称", "数量", "单价"], &["城东装修队", "螺丝刀", "10", "15"], &["鑫镕水电工程", "卷尺", "2", "9"]]);
    assert_eq!(field_of(&buyers, "单位"), Some(Field::Customer));
}

/// A line typed twice is imported twice, but the check says so first.
#[test]
fn the_same_line_twice_is_a_warning() {
    let g = grid_of(&[
        &["订单号", "客户", "商品名称", "数量", "单位", "单价"],
        &["XS-1", "城东装修队", "螺丝刀", "10", "把", "15"],
        &["XS-1", "城东装修队", "卷尺", "2", "个", "9"],
        &["XS-1", "城东装修队", "螺丝刀", "10", "把", "15"],
        &["XS-2", "城东装修队", "螺丝刀", "10", "把", "15"],
    ]);
    let d = analyse(&g, None, &NothingKnown, Lang::ZhCn).unwrap();
    assert!(d.errors.is_empty(), "{:#?}", d.errors);
    assert_eq!(d.lines, 4);
    let same: Vec<_> = d.warnings.iter().filter(|w| matches!(w.problem, kaidan_core::sheet::SheetProblem::SameAsRow { .. })).collect();
    assert_eq!(same.len(), 1, "{:#?}", d.warnings);
    assert_eq!(same[0].row, 4);
    assert_eq!(same[0].message, "与第 2 行完全相同（重复录入？两行都会导入）");
    // the unit column was read as units, not as a second customer
    assert!(d.drafts.iter().flat_map(|o| &o.lines).all(|l| l.unit.is_some()), "{:#?}", d.drafts);
}

/// A date column that mixes year-first and year-last dates (a sheet pieced together from two
/// sources) is said once, at the first row written the other way; dates held as dates are not.
#[test]
fn mixed_date_styles_are_a_warning() {
    let g = grid_of(&[
        &["订单号", "日期", "客户", "商品名称", "数量", "单价"],
        &["XS-1", "2024/3/5", "城东装修队", "螺丝刀", "10", "15"],
        &["XS-2", "2024-03-06", "城东装修队", "卷尺", "2", "9"],
        &["XS-3", "07/03/2024", "城东装修队", "胶水", "1", "9"],
        &["XS-4", "08/03/2024", "城东装修队", "胶水", "1", "9"],
    ]);
    let d = analyse(&g, None, &NothingKnown, Lang::ZhCn).unwrap();
    assert!(d.errors.is_empty(), "{:#?}", d.errors);
    let mixed: Vec<_> =
        d.warnings.iter().filter(|w| matches!(w.problem, kaidan_core::sheet::SheetProblem::MixedDateStyles { .. })).collect();
    assert_eq!(mixed.len(), 1, "{:#?}", d.warnings);
    assert_eq!(mixed[0].row, 4);
    assert_eq!(mixed[0].message, "日期写法“07/03/2024”与第 2 行的“2024/3/5”不同（年在前 / 年在后混用）：请核对日期是否读对");
    let same_style = grid_of(&[
        &["订单号", "日期", "客户", "商品名称", "数量", "单价"],
        &["XS-1", "2024/3/5", "城东装修队", "螺丝刀", "10", "15"],
        &["XS-2", "2024年3月6日", "城东装修队", "卷尺", "2", "9"],
    ]);
    let d = analyse(&same_style, None, &NothingKnown, Lang::ZhCn).unwrap();
    assert!(!d.warnings.iter().any(|w| matches!(w.problem, kaidan_core::sheet::SheetProblem::MixedDateStyles { .. })), "{:#?}", d.warnings);
}

/// An English invoice export and a Chinese online shop's order export are understood without a
/// mapping: their dates, numbers, customers, addresses, codes, names, quantities and prices.
#[test]
fn english_invoice_and_online_shop_headers_are_understood() {
    use kaidan_import::Field;
    let english = grid_of(&[
        &["Invoice Date", "Invoice #", "Bill To", "Billing Address", "Phone Number", "Item Code", "Description", "Qty", "Rate", "Amount"],
        &["2025-03-04", "INV-1001", "Harbour Builders", "12 Quay St", "555 0101", "HB-1", "Hex bolt M8", "10", "1.50", "15.00"],
    ]);
    let shop = grid_of(&[
        &["订单编号", "下单时间", "买家会员名", "联系手机", "收货地址", "商家编码", "宝贝标题", "购买数量", "价格"],
        &[
            "2031415890943168732",
            "2025-11-11",
            "王镕",
            "138****1234",
            "佛山市南海区桂城街道 12 号",
            "HW-001",
            "不锈钢合页 4寸",
            "2",
            "8.50",
        ],
    ]);
    let want = [
        Field::OrderDate,
        Field::OrderNo,
        Field::Customer,
        Field::Address,
        Field::Phone,
        Field::Sku,
        Field::Product,
        Field::Qty,
        Field::UnitPrice,
    ];
    for (what, g) in [("english", &english), ("online shop", &shop)] {
        let (i, m) = kaidan_import::guess_header(g).unwrap();
        assert_eq!(i, 0, "{what}");
        for f in want {
            assert!(m.values().any(|x| *x == f), "{what}: {f:?} not found in {m:?}");
        }
        let d = analyse(g, None, &NothingKnown, Lang::En).unwrap();
        assert!(d.errors.is_empty(), "{what}: {:#?}", d.errors);
        assert_eq!(d.orders, 1, "{what}");
        assert!(d.drafts[0].order_date.is_some(), "{what}: the order keeps its date");
    }
    let d = analyse(&english, None, &NothingKnown, Lang::En).unwrap();
    assert_eq!(d.drafts[0].order_date.unwrap().to_string(), "2025-03-04");
    assert_eq!((d.drafts[0].number.as_deref(), d.drafts[0].customer.as_str()), (Some("INV-1001"), "Harbour Builders"));
    assert_eq!(d.total.to_string(), "15.00");
    let d = analyse(&shop, None, &NothingKnown, Lang::ZhCn).unwrap();
    assert_eq!(d.drafts[0].number.as_deref(), Some("2031415890943168732"), "every digit of a long order number");
    // the consignee (收货人) is a contact: beside a buying company (单位) the company stays the customer
    let b2b = grid_of(&[
        &["日期", "单号", "单位", "收货人", "电话", "品名", "数量", "单价"],
        &["2025-03-04", "XS-9", "宏达五金", "王师傅", "138 0000 0000", "螺丝刀", "10", "15"],
    ]);
    let d2 = analyse(&b2b, None, &NothingKnown, Lang::ZhCn).unwrap();
    assert_eq!(d2.drafts[0].customer, "宏达五金", "{:#?}", d2.drafts[0]);
    assert_eq!(d2.drafts[0].lines[0].unit, None, "单位 is the company here, not the unit");
    assert_eq!(d.drafts[0].order_date.unwrap().to_string(), "2025-11-11");
    assert_eq!(d.total.to_string(), "17.00");
}

/// An order sheet without a date column is read, and the check says once, on the header row, in
/// the user's language, that every order would be dated the day of the import.
#[test]
fn a_sheet_without_dates_is_said_to_have_none() {
    use kaidan_core::sheet::SheetProblem;
    let g = grid_of(&[
        &["", ""],
        &["客户", "商品名称", "数量", "单价"],
        &["城东装修队", "螺丝刀", "10", "15"],
        &["城东装修队", "卷尺", "2", "9"],
    ]);
    for lang in [Lang::ZhCn, Lang::En] {
        let d = analyse(&g, None, &NothingKnown, lang).unwrap();
        assert!(d.errors.is_empty(), "{:#?}", d.errors);
        let none: Vec<_> = d.warnings.iter().filter(|w| w.problem == SheetProblem::NoDateColumn).collect();
        assert_eq!(none.len(), 1, "said once: {:#?}", d.warnings);
        assert_eq!((none[0].row, none[0].column.as_deref()), (2, None), "on the header row");
        let m = &none[0].message;
        if lang == Lang::ZhCn {
            assert!(m.contains("日期列") && !m.chars().any(|c| c.is_ascii_alphabetic()), "{m}");
        } else {
            assert!(m.starts_with("no date column"), "{m}");
        }
    }
    let dated = grid_of(&[&["日期", "客户", "商品名称", "数量", "单价"], &["2025-03-04", "城东装修队", "螺丝刀", "10", "15"]]);
    let d = analyse(&dated, None, &NothingKnown, Lang::ZhCn).unwrap();
    assert!(d.warnings.iter().all(|w| w.problem != SheetProblem::NoDateColumn), "{:#?}", d.warnings);
}

/// What a list's write would refuse as too long is said on its cell, with the column's letter;
/// a phone cell of several numbers is measured number by number, split as the list splits it.
#[test]
fn a_list_names_too_long_texts_by_cell_and_measures_phones_one_by_one() {
    let long_name = "长".repeat(256);
    let grid = grid_of(&[
        &["客户", "电话", "地址"],
        &["王喆五金店", "13800000001/13900000002/13700000003", "上海"],
        &[long_name.as_str(), "138", "上海"],
    ]);
    let d = kaidan_import::analyse_list(&grid, kaidan_import::ListKind::Customers, None, &NothingKnown, Lang::ZhCn).unwrap();
    assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
    let e = &d.errors[0];
    assert_eq!((e.row, e.letter.as_deref(), e.column.as_deref()), (3, Some("A"), Some("客户")));
    assert_eq!(e.whole, "第 3 行 A 列「客户」：客户不能超过 255 个字（这里有 256 个）");
    assert_eq!(d.customers.len(), 1);
    assert_eq!(d.customers[0].phones, ["13800000001", "13900000002", "13700000003"]);
    let en = kaidan_import::analyse_list(&grid, kaidan_import::ListKind::Customers, None, &NothingKnown, Lang::En).unwrap();
    assert_eq!(en.errors[0].whole, "Row 3, column A (客户): the customer may be at most 255 characters long (256 here)");
}

/// An English invoice export keeps its city, state and country on the address (joined on, not
/// dropped), reads its Invoice Date and the customer's Email, and says which columns it does not
/// import (Ship Via) by letter and header; a Chinese sheet's 省/市 columns join its address as a
/// parcel is addressed, and its 邮箱 that is no address is said and not kept.
#[test]
fn an_address_takes_its_city_state_and_country_and_unread_columns_are_said() {
    use kaidan_core::sheet::SheetProblem;
    let g = grid_of(&[
        &[
            "Invoice Date",
            "Invoice No",
            "Customer",
            "Billing Address",
            "City",
            "State",
            "Country",
            "Email",
            "Ship Via",
            "Item",
            "Qty",
            "Rate",
        ],
        &["2024-03-05", "INV-1", "Acme Ltd", "12 Main St", "Springfield", "IL", "USA", " buyer@acme.test ", "UPS", "Tea", "2", "9.50"],
        &["2024-03-05", "INV-1", "Acme Ltd", "12 Main St", "Springfield", "IL", "USA", "buyer@acme.test", "UPS", "Cups", "1", "3"],
    ]);
    for lang in [Lang::ZhCn, Lang::En] {
        let d = analyse(&g, None, &NothingKnown, lang).unwrap();
        assert!(d.errors.is_empty(), "{:#?}", d.errors);
        assert_eq!(d.drafts.len(), 1);
        assert_eq!(d.drafts[0].address.as_deref(), Some("12 Main St, Springfield, IL, USA"));
        assert_eq!(d.drafts[0].order_date.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
        assert_eq!(d.drafts[0].email.as_deref(), Some("buyer@acme.test"));
        assert_eq!(d.mapping.get("Email"), Some(&kaidan_import::Field::Email));
        let unread: Vec<_> = d.warnings.iter().filter(|w| matches!(w.problem, SheetProblem::ColumnsNotImported { .. })).collect();
        assert_eq!(unread.len(), 1, "{:#?}", d.warnings);
        assert_eq!(unread[0].problem, SheetProblem::ColumnsNotImported { columns: vec![("I".into(), "Ship Via".into())] });
        assert_eq!(unread[0].row, 1, "on the header row");
        let m = &unread[0].message;
        if lang == Lang::ZhCn {
            assert!(m.starts_with("这些列不会导入：I 列「Ship Via」"), "{m}");
        } else {
            assert!(m.starts_with("these columns are not imported: I (Ship Via)"), "{m}");
        }
    }
    let zh = grid_of(&[
        &["日期", "客户", "省份", "城市", "详细地址", "邮箱", "商品名称", "数量", "单价"],
        &["2024-03-05", "城东装修队", "广东省", "深圳市", "南山区科技园 8 号", "老王 qq 号 12345", "螺丝刀", "10", "15"],
        &["2024-03-06", "城西五金", "广东省", "深圳市", "福田区 1 号", "chengxi＠163.com", "螺丝刀", "1", "15"],
    ]);
    let d = analyse(&zh, None, &NothingKnown, Lang::ZhCn).unwrap();
    assert!(d.errors.is_empty(), "{:#?}", d.errors);
    assert_eq!(d.drafts[0].address.as_deref(), Some("广东省深圳市南山区科技园 8 号"));
    assert!(d.warnings.iter().all(|w| !matches!(w.problem, SheetProblem::ColumnsNotImported { .. })), "{:#?}", d.warnings);
    // an e-mail cell that is no address: said on its cell, the order goes ahead without it; a
    // full-width ＠ typed with a Chinese keyboard is read as @
    assert_eq!((d.drafts[0].email.as_deref(), d.drafts[1].email.as_deref()), (None, Some("chengxi@163.com")));
    let bad: Vec<_> = d.warnings.iter().filter(|w| matches!(w.problem, SheetProblem::NotAnEmail { .. })).collect();
    assert_eq!(bad.len(), 1, "{:#?}", d.warnings);
    assert_eq!(bad[0].whole, "第 2 行 F 列「邮箱」：“老王 qq 号 12345”不是邮箱地址，不会保存到客户上");
    let en = analyse(&zh, None, &NothingKnown, Lang::En).unwrap();
    let bad = en.warnings.iter().find(|w| matches!(w.problem, SheetProblem::NotAnEmail { .. })).unwrap();
    assert_eq!(bad.whole, "Row 2, column F (邮箱): \"老王 qq 号 12345\" is not an e-mail address: it is not kept on the customer");
    // a joined address longer than the shop keeps is said on the address's cell
    let long = grid_of(&[
        &["日期", "客户", "城市", "地址", "商品名称", "数量"],
        &["2024-03-05", "城东装修队", &"城".repeat(300), &"路".repeat(300), "螺丝刀", "10"],
    ]);
    let d = analyse(&long, None, &NothingKnown, Lang::ZhCn).unwrap();
    assert_eq!(d.errors.len(), 1, "{:#?}", d.errors);
    assert_eq!(d.errors[0].letter.as_deref(), Some("D"));
}

/// A date column's order of day and month is its own: an American export's 3/25/2024 says the
/// column writes month first, so its 03/05/2024 is 5 March (not 3 May) and nothing is asked; a
/// column that never says keeps reading day first and says so on each such cell; a column saying
/// both is said once, where it turns.
#[test]
fn dates_that_read_either_way_follow_the_order_their_column_writes() {
    use kaidan_core::sheet::SheetProblem;
    let sheet = |dates: &[&str]| {
        let mut rows: Vec<Vec<String>> = vec![["Invoice Date", "Invoice No", "Customer", "Item", "Qty", "Rate"].map(String::from).to_vec()];
        for (i, d) in dates.iter().enumerate() {
            rows.push(vec![d.to_string(), format!("INV-{i}"), "Acme Ltd".into(), "Tea".into(), "1".into(), "2".into()]);
        }
        let refs: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
        let refs: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
        analyse(&grid_of(&refs), None, &NothingKnown, Lang::En).unwrap()
    };
    let dates = |d: &kaidan_import::DryRun| d.drafts.iter().map(|o| o.order_date.unwrap().to_string()).collect::<Vec<_>>();
    let asked = |d: &kaidan_import::DryRun| d.warnings.iter().filter(|w| matches!(w.problem, SheetProblem::DayFirst { .. })).count();
    // month first, said by a later row: the earlier ambiguous ones follow it
    let us = sheet(&["03/05/2024", "03/06/2024", "03/25/2024", "12/01/2024"]);
    assert_eq!(dates(&us), ["2024-03-05", "2024-03-06", "2024-03-25", "2024-12-01"]);
    assert_eq!(asked(&us), 0, "{:#?}", us.warnings);
    // day first, said by a row
    let uk = sheet(&["03/05/2024", "25/03/2024"]);
    assert_eq!(dates(&uk), ["2024-05-03", "2024-03-25"]);
    assert_eq!(asked(&uk), 0, "{:#?}", uk.warnings);
    // nothing says: read day first, and asked on the cell
    let unsure = sheet(&["03/05/2024", "04/05/2024"]);
    assert_eq!(dates(&unsure), ["2024-05-03", "2024-05-04"]);
    assert_eq!(asked(&unsure), 2);
    // both orders in one column: said once where it turns; the ambiguous stay day first, asked
    let both = sheet(&["25/03/2024", "03/05/2024", "03/26/2024", "03/27/2024"]);
    assert_eq!(dates(&both), ["2024-03-25", "2024-05-03", "2024-03-26", "2024-03-27"]);
    let mixed: Vec<_> = both.warnings.iter().filter(|w| matches!(w.problem, SheetProblem::DateOrdersMixed { .. })).collect();
    assert_eq!(mixed.len(), 1, "{:#?}", both.warnings);
    assert_eq!(mixed[0].row, 4);
    assert!(mixed[0].whole.starts_with("Row 4, column A (Invoice Date): \"03/26/2024\" and row 2's \"25/03/2024\""), "{}", mixed[0].whole);
    assert_eq!(asked(&both), 1);
}

/// The sheet's products the shop lacks are listed once each, in the sheet's order, with the
/// first row naming them and how many lines do; those the shop has by code or name are not;
/// those the user said are the shop's carry its code and are not counted as made.
#[test]
fn the_products_a_sheet_names_that_the_shop_lacks_are_listed_once_with_their_rows() {
    struct Shop;
    impl kaidan_import::Known for Shop {
        fn customer_exists(&self, _: &str) -> bool {
            false
        }
        fn product_exists(&self, sku: Option<&str>, name: Option<&str>, _: Option<&str>) -> bool {
            sku == Some("A-001") || name == Some("膨胀螺丝")
        }
        fn product_mapped(&self, key: &str) -> Option<String> {
            (key == "六角螺丝 | M8").then(|| "A-001".to_string())
        }
    }
    let g = grid_of(&[
        &["单号", "客户", "日期", "编码", "品名", "规格", "数量", "单价"],
        &["1", "城东装修队", "2024-03-05", "", "六角螺丝", "M8", "2", "1"],
        &["1", "城东装修队", "2024-03-05", "X-9", "活动扳手", "", "1", "38"],
        &["2", "城西物业", "2024-03-06", "A-001", "六角螺栓", "M8", "1", "1"],
        &["2", "城西物业", "2024-03-06", "", "膨胀螺丝", "", "1", "0.35"],
        &["3", "城西物业", "2024-03-07", "X-9", "扳手", "", "3", "38"],
        &["3", "城西物业", "2024-03-07", "", "电工胶布", "", "1", "3"],
    ]);
    let d = analyse(&g, None, &Shop, Lang::ZhCn).unwrap();
    let listed: Vec<_> = d.new_products.iter().map(|p| (p.key.as_str(), p.row, p.lines, p.mapped_to.as_deref())).collect();
    assert_eq!(listed, [("六角螺丝 | M8", 2, 1, Some("A-001")), ("#X-9", 3, 2, None), ("电工胶布", 7, 1, None)]);
    assert_eq!(d.products_new, 2, "the one the user mapped is not made");
    assert_eq!((d.new_products[1].sku.as_deref(), d.new_products[1].name.as_deref()), (Some("X-9"), Some("活动扳手")));
}

/// A date column that never says which order it writes follows the sheet's other date column:
/// the same export writes its dates one way.
#[test]
fn a_deliver_by_column_that_never_says_follows_the_order_date_column() {
    let g = grid_of(&[
        &["Order Date", "Delivery Date", "Order No", "Customer", "Item", "Qty", "Rate"],
        &["03/25/2024", "04/05/2024", "A1", "Acme Ltd", "Tea", "1", "2"],
    ]);
    let d = analyse(&g, None, &NothingKnown, Lang::En).unwrap();
    let o = &d.drafts[0];
    assert_eq!((o.order_date.unwrap().to_string(), o.deliver_by.unwrap().to_string()), ("2024-03-25".into(), "2024-04-05".into()));
    assert!(d.warnings.iter().all(|w| !matches!(w.problem, kaidan_core::sheet::SheetProblem::DayFirst { .. })), "{:#?}", d.warnings);
}

/// An online shop's export lists closed and unpaid orders beside the sales: those are said once
/// each (on their first row, with their status) and not imported; every other status is an
/// order; the long order numbers Excel would round are read whole.
#[test]
fn orders_whose_status_says_they_never_were_sales_are_said_and_left_out() {
    use kaidan_core::sheet::SheetProblem;
    let csv = "订单编号,买家会员名,订单创建时间,订单状态,商家编码,宝贝标题,购买数量,价格\r\n\
               =\"2031415890943168732\",tb_wang,2026-11-01 10:00:00,交易成功,LJ-01,龙井 250g,2,98.00\r\n\
               =\"2031415890943168733\",tb_li,2026-11-02 11:00:00,交易关闭,LJ-01,龙井 250g,1,98.00\r\n\
               =\"2031415890943168733\",tb_li,2026-11-02 11:00:00,交易关闭,BL-02,碧螺春,1,60.00\r\n\
               =\"2031415890943168734\",tb_zhao,2026-11-03 12:00:00,等待买家付款,BL-02,碧螺春,3,60.00\r\n\
               =\"2031415890943168735\",tb_qian,2026-11-04 13:00:00,卖家已发货，等待买家确认,BL-02,碧螺春,1,60.00\r\n";
    let g = kaidan_import::read_text(csv.as_bytes(), None, "淘宝 订单.csv").unwrap();
    let d = analyse(&g, None, &NothingKnown, Lang::ZhCn).unwrap();
    assert!(d.errors.is_empty(), "{:#?}", d.errors);
    let numbers: Vec<_> = d.drafts.iter().map(|o| o.number.clone().unwrap()).collect();
    assert_eq!(numbers, ["2031415890943168732", "2031415890943168735"]);
    assert_eq!(d.drafts[1].order_date.map(|d| d.to_string()).as_deref(), Some("2026-11-04"), "订单创建时间 dates the order");
    assert_eq!(d.total.to_string(), "256.00");
    let left_out: Vec<_> =
        d.warnings.iter().filter(|w| matches!(w.problem, SheetProblem::NotASale { .. })).map(|w| (w.row, w.whole.as_str())).collect();
    assert_eq!(
        left_out,
        [
            (3, "第 3 行 D 列「订单状态」：订单状态为“交易关闭”：没有成交，不导入"),
            (5, "第 5 行 D 列「订单状态」：订单状态为“等待买家付款”：没有成交，不导入"),
        ]
    );
}

/// Taobao's order report (订单报表) has each order's totals but no item's quantity or price: the
/// user is told to import the item report of the same period, not that a column is missing.
#[test]
fn taobaos_order_report_alone_says_to_import_its_item_report() {
    let csv = "订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,总金额,买家实际支付金额,订单状态,买家留言,收货人姓名,收货地址,联系手机,订单创建时间,订单付款时间,宝贝标题,宝贝种类,物流单号,宝贝总数量\r\n\
               =\"2031415890943168732\",tb_wang,wang***@163.com,206.00,0.00,206.00,206.00,交易成功,,王一,浙江省 杭州市 西湖区 文三路 1 号,138****1234,2026-11-01 10:00:00,2026-11-01 10:00:30,不锈钢保温杯 500ml，玻璃茶壶 800ml,2,YT123,3\r\n";
    let g = kaidan_import::read_text(csv.as_bytes(), None, "ExportOrderList.csv").unwrap();
    let zh = analyse(&g, None, &NothingKnown, Lang::ZhCn).unwrap_err();
    assert!(zh.starts_with("这是淘宝/天猫的订单报表") && zh.contains("宝贝报表"), "{zh}");
    let en = analyse(&g, None, &NothingKnown, Lang::En).unwrap_err();
    assert!(en.starts_with("this is Taobao/Tmall's order report") && en.contains("item report"), "{en}");
    // a sheet that lacks the quantity for no such reason is told so as before
    let plain = kaidan_import::read_text("单号,客户,品名\r\n1,王一,保温杯\r\n".as_bytes(), None, "x.csv").unwrap();
    assert!(analyse(&plain, None, &NothingKnown, Lang::ZhCn).unwrap_err().contains("数量"));
}
