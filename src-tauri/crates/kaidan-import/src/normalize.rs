//! Numbers and dates as people type them in Chinese spreadsheets.

use chrono::{Duration, NaiveDate};

use crate::read::Cell;

/// Full-width digits and punctuation to ASCII (１２，３４５．６ → 12,345.6).
pub fn halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFF10 + '0' as u32).unwrap_or(c),
            '\u{FF0E}' | '。' => '.',
            '\u{FF0C}' => ',',
            '\u{FF05}' => '%',
            '\u{FF0D}' => '-',
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// A number cell or text into plain decimal text, or `None` when it is not a number:
/// ￥/¥/RMB/元, thousands separators, full-width digits, spaces, a trailing % (kept as percent
/// text with `is_percent`), parentheses for negatives are understood.
pub fn number_text(cell: &Cell) -> Option<(String, bool)> {
    let raw = match cell {
        Cell::Number(n) => return Some((n.to_string(), false)),
        // most cells are plain already (12, 1.50, -3): no copy-and-replace passes for them
        Cell::Text(t) if plain_decimal(t) => return Some((t.to_string(), false)),
        Cell::Text(t) => halfwidth(t),
        _ => return None,
    };
    let mut s: String = raw.trim().to_string();
    for sym in ["￥", "¥", "RMB", "CNY", "元", "$"] {
        s = s.replace(sym, "");
    }
    s = s.replace([',', ' ', '\u{00A0}'], "");
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = s[1..s.len() - 1].to_string();
    }
    let percent = s.ends_with('%');
    if percent {
        s.pop();
    }
    let body = s.strip_prefix(['-', '+']).unwrap_or(&s);
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == '.') || body.matches('.').count() > 1 || body == "." {
        return None;
    }
    if negative && !s.starts_with('-') {
        s.insert(0, '-');
    }
    Some((s, percent))
}

/// `12`, `1.50`, `-3`: ASCII digits with at most one point and an optional leading minus.
fn plain_decimal(t: &str) -> bool {
    let body = t.strip_prefix('-').unwrap_or(t).as_bytes();
    !body.is_empty()
        && body != b"."
        && body.iter().all(|b| b.is_ascii_digit() || *b == b'.')
        && body.iter().filter(|b| **b == b'.').count() <= 1
}

/// How a date was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRead {
    Clear,
    /// Year last, and a date only day first (`25/3/2024`) or only month first (`3/25/2024`):
    /// the cell tells which order its column writes.
    Ordered(DateOrder),
    /// `5/3/2024`: read day/month (the Chinese and European order); month/day was possible too
    /// (`month_first`), and the column's other cells may say it is.
    Ambiguous {
        month_first: NaiveDate,
    },
}

/// The order of day and month in a date written year last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateOrder {
    DayFirst,
    MonthFirst,
}

/// How a date typed as text is written: year first (2024/3/5, 2024年3月5日) or year last
/// (05/03/2024). Dates the spreadsheet holds as dates, serial numbers and 20240305 have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    YearFirst,
    YearLast,
}

pub fn date_style(cell: &Cell) -> Option<DateStyle> {
    let Cell::Text(t) = cell else { return None };
    let t = halfwidth(t);
    let t =
        t.trim().split(['T', ' ']).next().unwrap_or("").replace('年', "-").replace('月', "-").replace('日', "").replace(['/', '.'], "-");
    let parts: Vec<&str> = t.split('-').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [y, _, _] if y.len() == 4 => Some(DateStyle::YearFirst),
        [_, _, y] if y.len() == 4 => Some(DateStyle::YearLast),
        _ => None,
    }
}

/// Excel serial numbers, 2024/3/5, 2024-03-05, 2024.3.5, 2024年3月5日, 20240305, and
/// 5/3/2024 (day first, named as ambiguous when both readings are dates).
pub fn date(cell: &Cell) -> Option<(NaiveDate, DateRead)> {
    match cell {
        Cell::Date(d) => Some((*d, DateRead::Clear)),
        Cell::Number(n) => serial(n).map(|d| (d, DateRead::Clear)),
        Cell::Text(t) => iso_date(t).map(|d| (d, DateRead::Clear)).or_else(|| text_date(&halfwidth(t))),
        Cell::Empty => None,
    }
}

fn serial(n: &str) -> Option<NaiveDate> {
    let whole: i64 = n.split('.').next()?.parse().ok()?;
    if (20000..80000).contains(&whole) {
        // 1899-12-30 is day 0 of the 1900 date system (Excel's leap-year bug included)
        NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(Duration::days(whole))
    } else if (19000101..=21001231).contains(&whole) {
        NaiveDate::parse_from_str(&whole.to_string(), "%Y%m%d").ok()
    } else {
        None
    }
}

/// `2024-03-05` exactly, read without the copies [`text_date`] makes for the other forms.
fn iso_date(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r.clone()].iter().all(u8::is_ascii_digit).then(|| t[r].parse::<u32>().ok()).flatten();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

fn text_date(t: &str) -> Option<(NaiveDate, DateRead)> {
    let t = t.trim();
    let t = t.split(['T', ' ']).next().unwrap_or(t);
    if let Some(d) = serial(t).filter(|_| t.len() == 8) {
        return Some((d, DateRead::Clear));
    }
    let t = t.replace('年', "-").replace('月', "-").replace('日', "").replace(['/', '.'], "-");
    let parts: Vec<&str> = t.split('-').filter(|p| !p.is_empty()).collect();
    if parts.len() != 3 {
        return None;
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().ok()).collect::<Option<Vec<u32>>>()?;
    if parts[0].len() == 4 {
        return NaiveDate::from_ymd_opt(n[0] as i32, n[1], n[2]).map(|d| (d, DateRead::Clear));
    }
    if parts[2].len() == 4 {
        let day_first = NaiveDate::from_ymd_opt(n[2] as i32, n[1], n[0]);
        let month_first = NaiveDate::from_ymd_opt(n[2] as i32, n[0], n[1]);
        return match (day_first, month_first) {
            (Some(d), Some(m)) if d != m => Some((d, DateRead::Ambiguous { month_first: m })),
            (Some(d), Some(_)) => Some((d, DateRead::Clear)),
            (Some(d), None) => Some((d, DateRead::Ordered(DateOrder::DayFirst))),
            (None, Some(m)) => Some((m, DateRead::Ordered(DateOrder::MonthFirst))),
            (None, None) => None,
        };
    }
    None
}

/// Rows that sum others up (合计, 小计, 总计, Total) are not orders.
/// An address with the city, province (state) and country a sheet keeps in columns of their own
/// joined on, so that the customer's address reads whole: Chinese as a parcel is addressed,
/// largest first with no separator (广东省深圳市南山区…); other text smallest first with commas
/// (12 Main St, Springfield, IL, USA). A part the address already holds is not said twice.
pub fn join_address(address: &str, city: &str, province: &str, country: &str) -> String {
    join_address_in(address, "", city, province, country)
}

/// [`join_address`] with a district (区/县) as well, between the city and the street.
pub fn join_address_in(address: &str, district: &str, city: &str, province: &str, country: &str) -> String {
    let address = &join_parts(address, district, "", "");
    join_parts(address, city, province, country)
}

fn join_parts(address: &str, city: &str, province: &str, country: &str) -> String {
    let address = address.trim();
    let lower = address.to_lowercase();
    let mut parts: Vec<&str> =
        [city, province, country].into_iter().map(str::trim).filter(|p| !p.is_empty() && !lower.contains(&p.to_lowercase())).collect();
    // a city that is its own province (北京市, 北京市) once
    parts.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    if parts.is_empty() {
        return address.to_string();
    }
    let chinese = [address, city, province, country].iter().any(|t| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    if chinese {
        let mut out: String = parts.iter().rev().copied().collect();
        out.push_str(address);
        out
    } else {
        let mut all: Vec<&str> = Vec::new();
        if !address.is_empty() {
            all.push(address);
        }
        all.extend(parts);
        all.join(", ")
    }
}

pub fn is_total_row(cells: &[Cell]) -> bool {
    cells.iter().take(4).any(|c| match c {
        // the words, spaced and with a colon, are short; numbers and dates are never totals
        Cell::Text(t) if t.len() <= 40 => {
            let t = t.trim().replace([' ', '\u{3000}', ':', '：'], "").to_lowercase();
            matches!(t.as_str(), "合计" | "小计" | "总计" | "总合计" | "共计" | "total" | "subtotal" | "grandtotal" | "sum")
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn numbers_table() {
        for (input, want) in [
            ("￥1,234.50", Some(("1234.50", false))),
            ("¥ 12", Some(("12", false))),
            ("１２，３４５．６", Some(("12345.6", false))),
            ("13%", Some(("13", true))),
            ("(5.00)", Some(("-5.00", false))),
            ("-3", Some(("-3", false))),
            ("00123", Some(("00123", false))),
            ("1e5", None),
            ("abc", None),
            ("", None),
            ("1.2.3", None),
            ("12元", Some(("12", false))),
            (".", None),
            ("-", None),
            ("--1", None),
            ("-0.50", Some(("-0.50", false))),
            (" 12", Some(("12", false))),
        ] {
            assert_eq!(number_text(&text(input)), want.map(|(a, b)| (a.to_string(), b)), "{input}");
        }
        assert_eq!(number_text(&Cell::Number("0.1".into())), Some(("0.1".into(), false)));
    }

    #[test]
    fn dates_table() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        for (cell, want) in [
            (text("2024/3/5"), Some((d(2024, 3, 5), DateRead::Clear))),
            (text("2024-03-05"), Some((d(2024, 3, 5), DateRead::Clear))),
            (text("2024年3月5日"), Some((d(2024, 3, 5), DateRead::Clear))),
            (text("2024.3.5"), Some((d(2024, 3, 5), DateRead::Clear))),
            (text("20240305"), Some((d(2024, 3, 5), DateRead::Clear))),
            (text("5/3/2024"), Some((d(2024, 3, 5), DateRead::Ambiguous { month_first: d(2024, 5, 3) }))),
            (text("5/5/2024"), Some((d(2024, 5, 5), DateRead::Clear))),
            (text("25/3/2024"), Some((d(2024, 3, 25), DateRead::Ordered(DateOrder::DayFirst)))),
            (text("3/25/2024"), Some((d(2024, 3, 25), DateRead::Ordered(DateOrder::MonthFirst)))),
            (text("2024-02-30"), None),
            (text("明天"), None),
            (Cell::Number("45356".into()), Some((d(2024, 3, 5), DateRead::Clear))),
            (text("2024-03-05 14:30"), Some((d(2024, 3, 5), DateRead::Clear))),
            (text("2024-13-05"), None),
            (text("２０２４-03-05"), Some((d(2024, 3, 5), DateRead::Clear))),
            (text(" 2024-03-05 "), Some((d(2024, 3, 5), DateRead::Clear))),
            (text("2024-3-05x"), None),
        ] {
            assert_eq!(date(&cell), want, "{cell:?}");
        }
    }

    #[test]
    fn total_rows() {
        assert!(is_total_row(&[text("合计"), Cell::Empty, Cell::Number("100".into())]));
        assert!(is_total_row(&[Cell::Empty, text("小 计：")]));
        assert!(is_total_row(&[text("Total")]));
        assert!(!is_total_row(&[text("合计五金店")]));
        assert!(is_total_row(&[text("合计\n")]));
        assert!(!is_total_row(&[Cell::Number("0".into()), text("合计".repeat(20).as_str())]));
    }
}

#[cfg(test)]
mod address_tests {
    use super::join_address;

    #[test]
    fn an_address_takes_its_city_province_and_country_once() {
        assert_eq!(join_address("南山区科技园 8 号", "深圳市", "广东省", ""), "广东省深圳市南山区科技园 8 号");
        assert_eq!(join_address("广东省深圳市南山区科技园", "深圳", "广东", "中国"), "中国广东省深圳市南山区科技园");
        assert_eq!(join_address("12 Main St", "Springfield", "IL", "USA"), "12 Main St, Springfield, IL, USA");
        assert_eq!(join_address("12 Main St, Springfield", "springfield", "", "United States"), "12 Main St, Springfield, United States");
        assert_eq!(join_address("", "Leeds", "", "UK"), "Leeds, UK");
        assert_eq!(join_address(" 8 Rue X ", "", "", ""), "8 Rue X");
        assert_eq!(super::join_address_in("科技园 8 号", "南山区", "深圳市", "广东省", ""), "广东省深圳市南山区科技园 8 号");
        assert_eq!(super::join_address_in("南山区科技园", "南山区", "深圳市", "广东省", ""), "广东省深圳市南山区科技园");
        assert_eq!(super::join_address_in("12 Main St", "Downtown", "Springfield", "", ""), "12 Main St, Downtown, Springfield");
        assert_eq!(super::join_address_in("中关村大街 27 号", "海淀区", "北京市", "北京市", ""), "北京市海淀区中关村大街 27 号");
    }
}
