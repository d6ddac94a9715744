//! Amounts in words, as printed under a document's total: 金额大写 in Chinese and words in English.
//!
//! Chinese follows the banking rules (中国人民银行《支付结算办法》附件一 "正确填写票据和结算凭证的基本规定"):
//! - digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿; every 拾 has its digit (壹拾元整, not 拾元整);
//! - one 零 for any run of zeros between non-zero digits (1,001 → 壹仟零壹元; 10,100 → 壹万零壹佰元),
//!   none for the zeros that end a 万/亿 group (107,000 → 壹拾万柒仟元整; 100,000 → 壹拾万元整);
//! - after 元 with no 角 and no 分: 整 (10.00 → 壹拾元整; 0 → 零元整);
//! - 角 is 0 and 分 is not: 零 after 元 (10.05 → 壹拾元零伍分); the 元 digit is 0 and 角 is not:
//!   the rules allow 零 or nothing, Kaidan writes 零 (100,000.10 → 壹拾万元零壹角整), the safer form;
//! - an amount ending in 角 gets 整 too (the rules allow it; it leaves no room to add 分);
//!   below one yuan there is no 元 (0.05 → 伍分);
//! - negative amounts (credit notes) start with 负.
//!
//! English: short scale, "yuan" and "fen", ending in "only" (the counterpart of 整).

use crate::fixed::Money;
use crate::Lang;

const DIGITS: [&str; 10] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
const IN_GROUP: [&str; 4] = ["仟", "佰", "拾", ""];
/// Units of the four-digit groups, lowest first. Money stops below 10^12 yuan (万亿).
const GROUPS: [&str; 4] = ["", "万", "亿", "万亿"];

/// The amount in words in the given language.
pub fn amount_in_words(amount: Money, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => chinese(amount),
        Lang::En => english(amount),
    }
}

/// 金额大写, e.g. 12,345.67 → 壹万贰仟叁佰肆拾伍元陆角柒分.
pub fn chinese(amount: Money) -> String {
    let minor = amount.minor();
    let abs = minor.unsigned_abs();
    let (yuan, jiao, fen) = (abs / 100, (abs / 10 % 10) as usize, (abs % 10) as usize);
    let mut out = String::new();
    if minor < 0 {
        out.push('负');
    }
    if yuan == 0 && jiao == 0 && fen == 0 {
        out.push_str("零元整");
        return out;
    }
    if yuan > 0 {
        out.push_str(&chinese_integer(yuan));
        out.push('元');
        if jiao == 0 && fen == 0 {
            out.push('整');
            return out;
        }
        if jiao == 0 || yuan % 10 == 0 {
            out.push('零');
        }
    }
    if jiao > 0 {
        out.push_str(DIGITS[jiao]);
        out.push('角');
    }
    if fen > 0 {
        out.push_str(DIGITS[fen]);
        out.push('分');
    } else {
        out.push('整');
    }
    out
}

fn chinese_integer(n: u64) -> String {
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push((rest % 10_000) as usize);
        rest /= 10_000;
    }
    let mut out = String::new();
    let mut started = false;
    let mut zero_pending = false;
    for (g, &value) in groups.iter().enumerate().rev() {
        if value == 0 {
            zero_pending |= started;
            continue;
        }
        if started && value < 1000 {
            zero_pending = true;
        }
        let digits = [value / 1000, value / 100 % 10, value / 10 % 10, value % 10];
        for (pos, &d) in digits.iter().enumerate() {
            if d == 0 {
                zero_pending |= started;
                continue;
            }
            if zero_pending {
                out.push('零');
                zero_pending = false;
            }
            out.push_str(DIGITS[d]);
            out.push_str(IN_GROUP[pos]);
            started = true;
        }
        out.push_str(GROUPS[g]);
        // Zeros at the end of a group are not read (每级末尾的0都不读).
        zero_pending = false;
    }
    out
}

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const SCALES: [&str; 5] = ["", "thousand", "million", "billion", "trillion"];

/// Words in English, e.g. 12,345.67 → "Twelve thousand three hundred forty-five yuan and
/// sixty-seven fen only".
pub fn english(amount: Money) -> String {
    let minor = amount.minor();
    let abs = minor.unsigned_abs();
    let (yuan, fen) = (abs / 100, abs % 100);
    let mut out = String::new();
    if minor < 0 {
        out.push_str("minus ");
    }
    if yuan > 0 || fen == 0 {
        out.push_str(&english_integer(yuan));
        out.push_str(" yuan");
        if fen > 0 {
            out.push_str(" and ");
        }
    }
    if fen > 0 {
        out.push_str(&english_integer(fen));
        out.push_str(" fen");
    }
    out.push_str(" only");
    let mut chars = out.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => out,
    }
}

fn english_below_thousand(n: usize) -> String {
    let mut parts = Vec::new();
    if n >= 100 {
        parts.push(format!("{} hundred", ONES[n / 100]));
    }
    let rest = n % 100;
    if rest > 0 {
        parts.push(if rest < 20 {
            ONES[rest].to_string()
        } else if rest % 10 == 0 {
            TENS[rest / 10].to_string()
        } else {
            format!("{}-{}", TENS[rest / 10], ONES[rest % 10])
        });
    }
    parts.join(" ")
}

fn english_integer(n: u64) -> String {
    if n == 0 {
        return ONES[0].to_string();
    }
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push((rest % 1000) as usize);
        rest /= 1000;
    }
    let mut parts = Vec::new();
    for (g, &value) in groups.iter().enumerate().rev() {
        if value == 0 {
            continue;
        }
        let words = english_below_thousand(value);
        parts.push(if SCALES[g].is_empty() { words } else { format!("{words} {}", SCALES[g]) });
    }
    parts.join(" ")
}

/// Thousands separators on the digits of an amount's text ("-1234567.50" → "-1,234,567.50").
pub fn grouped(text: &str) -> String {
    let (sign, digits) = text.strip_prefix('-').map(|d| ("-", d)).unwrap_or(("", text));
    let (int, frac) = digits.split_once('.').map(|(i, f)| (i, Some(f))).unwrap_or((digits, None));
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped() {
        for (text, want) in [
            ("0.00", "0.00"),
            ("999.99", "999.99"),
            ("1000.00", "1,000.00"),
            ("-1234567.50", "-1,234,567.50"),
            ("12", "12"),
            ("1234", "1,234"),
            ("100000.1234", "100,000.1234"),
        ] {
            assert_eq!(grouped(text), want);
        }
    }

    use crate::fixed::Sign;

    fn m(s: &str) -> Money {
        Money::parse(s, Sign::Any).unwrap()
    }

    #[test]
    fn chinese_edge_cases() {
        let cases = [
            ("0", "零元整"),
            ("0.05", "伍分"),
            ("0.50", "伍角整"),
            ("0.55", "伍角伍分"),
            ("1", "壹元整"),
            ("10.00", "壹拾元整"),
            ("10.05", "壹拾元零伍分"),
            ("10.50", "壹拾元零伍角整"),
            ("11.11", "壹拾壹元壹角壹分"),
            ("100000.10", "壹拾万元零壹角整"),
            ("1000000000.00", "壹拾亿元整"),
            ("12345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"),
            ("1001", "壹仟零壹元整"),
            ("1010", "壹仟零壹拾元整"),
            ("10100", "壹万零壹佰元整"),
            ("10001000", "壹仟万壹仟元整"),
            ("10011000", "壹仟零壹万壹仟元整"),
            ("100010000", "壹亿零壹万元整"),
            ("100000001", "壹亿零壹元整"),
            ("110000000", "壹亿壹仟万元整"),
            ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
            ("107000.53", "壹拾万柒仟元零伍角叁分"),
            ("6007.14", "陆仟零柒元壹角肆分"),
            ("325.04", "叁佰贰拾伍元零肆分"),
            ("1000000000000.00", "壹万亿元整"),
            ("-100", "负壹佰元整"),
            ("-0.05", "负伍分"),
            ("-12345.67", "负壹万贰仟叁佰肆拾伍元陆角柒分"),
        ];
        for (amount, words) in cases {
            assert_eq!(chinese(m(amount)), words, "{amount}");
        }
    }

    #[test]
    fn english_edge_cases() {
        let cases = [
            ("0", "Zero yuan only"),
            ("0.05", "Five fen only"),
            ("10.00", "Ten yuan only"),
            ("10.05", "Ten yuan and five fen only"),
            ("100000.10", "One hundred thousand yuan and ten fen only"),
            ("1000000000.00", "One billion yuan only"),
            ("12345.67", "Twelve thousand three hundred forty-five yuan and sixty-seven fen only"),
            ("1000001", "One million one yuan only"),
            ("-100", "Minus one hundred yuan only"),
            ("-0.05", "Minus five fen only"),
        ];
        for (amount, words) in cases {
            assert_eq!(english(m(amount)), words, "{amount}");
        }
    }

    #[test]
    fn language_picks_the_form() {
        assert_eq!(amount_in_words(m("10.05"), Lang::ZhCn), "壹拾元零伍分");
        assert_eq!(amount_in_words(m("10.05"), Lang::En), "Ten yuan and five fen only");
    }

    /// Reads 大写 back into fen: every digit must sit before its unit, so a missing or doubled
    /// unit, or a digit lost to a zero rule, changes the value.
    fn read_back(words: &str) -> i64 {
        let (neg, words) = match words.strip_prefix('负') {
            Some(rest) => (true, rest),
            None => (false, words),
        };
        let mut total: i64 = 0;
        let mut section: i64 = 0;
        let mut digit: i64 = 0;
        let mut yi_part: i64 = 0;
        for ch in words.chars() {
            match ch {
                '零' => digit = 0,
                '整' => {}
                '拾' => {
                    section += digit * 10;
                    digit = 0
                }
                '佰' => {
                    section += digit * 100;
                    digit = 0
                }
                '仟' => {
                    section += digit * 1000;
                    digit = 0
                }
                '万' => {
                    section += digit;
                    digit = 0;
                    total += section * 10_000;
                    section = 0;
                }
                '亿' => {
                    section += digit;
                    digit = 0;
                    yi_part = (total + section) * 100_000_000;
                    total = 0;
                    section = 0;
                }
                '元' => {
                    total = yi_part + total + section + digit;
                    yi_part = 0;
                    section = 0;
                    digit = 0;
                    total *= 100;
                }
                '角' => {
                    total += digit * 10;
                    digit = 0
                }
                '分' => {
                    total += digit;
                    digit = 0
                }
                c => digit = DIGITS.iter().position(|d| d.starts_with(c)).unwrap_or_else(|| panic!("{c} in {words}")) as i64,
            }
        }
        if neg {
            -total
        } else {
            total
        }
    }

    proptest::proptest! {
        #[test]
        fn chinese_words_read_back_to_the_amount(fen in -99_999_999_999_99i64..=99_999_999_999_99i64) {
            let words = chinese(Money::from_minor(fen));
            proptest::prop_assert_eq!(read_back(&words), fen, "{}", words);
            proptest::prop_assert!(!words.contains("零零"), "{}", words);
            proptest::prop_assert!(!words.ends_with('零'), "{}", words);
        }
    }
}
