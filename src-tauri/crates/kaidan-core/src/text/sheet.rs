//! The catalogue's messages for old sheets being imported: a file that cannot be read
//! ([`SheetReadError`]) and what is wrong with a header, a row or a cell ([`SheetProblem`]).

use super::vocab::Word;

/// The words of the import's error copy (the sheet given back with every problem beside its row).
pub struct ErrorCopyWords {
    pub lang: Lang,
}

super::words!(ErrorCopyWords {
    error: "错误", "error";
    warning: "提醒", "warning";
    problems_column: "导入问题", "Import problems";
});

/// Where in a sheet a problem is, and what it is, as one sentence: `第 188 行 J 列「Product」：…`.
pub fn located(lang: Lang, row: u32, letter: Option<&str>, header: Option<&str>, message: &str) -> String {
    let header = header.filter(|h| Some(*h) != letter);
    match lang {
        Lang::ZhCn => {
            let l = letter.map(|l| format!(" {l} 列")).unwrap_or_default();
            let h = header.map(|h| format!("「{h}」")).unwrap_or_default();
            format!("第 {row} 行{l}{h}：{message}")
        }
        Lang::En => {
            let place = match (letter, header) {
                (Some(l), Some(h)) => format!(", column {l} ({h})"),
                (Some(l), None) => format!(", column {l}"),
                (None, Some(h)) => format!(", {h}"),
                (None, None) => String::new(),
            };
            format!("row {row}{place}: {message}")
        }
    }
}
use crate::sheet::{SheetField, SheetProblem, SheetReadError};
use crate::Lang;

impl SheetReadError {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            Self::Unreadable { detail } => detail.clone(),
            Self::Damaged { detail } => {
                if zh {
                    format!("文件已损坏（{detail}）")
                } else {
                    format!("the file is damaged ({detail})")
                }
            }
            Self::SpreadOut { cell } => {
                if zh {
                    format!("表格里的单元格相隔太远（最远的一个在 {cell}）：请删掉表格外零散的单元格后再导入")
                } else {
                    format!("the sheet's cells are spread too far apart (one is at {cell}): delete the stray cells far from the table")
                }
            }
            Self::TooManyCells { sheet, cells } => {
                if zh {
                    format!("工作表“{sheet}”展开重复的单元格后有 {cells} 个单元格，太多了，读不了：请另存为 CSV 后再导入")
                } else {
                    format!("the sheet \"{sheet}\" holds {cells} cells once its repeated cells are spread out, too many to read: save it as CSV and import that")
                }
            }
            Self::NotAPair => {
                if zh {
                    "两个文件要一起导入时，应是淘宝/天猫卖家中心同一时段导出的订单报表和宝贝报表（订单明细）：这两个文件不是".to_string()
                } else {
                    "two files imported together must be the order report (订单报表) and the item report (宝贝报表) of one period from the Taobao/Tmall seller centre: these two are not".to_string()
                }
            }
            Self::NoSuchSheet { sheet, sheets } => {
                if zh {
                    format!("没有工作表“{sheet}”（有：{}）", sheets.join("、"))
                } else {
                    format!("no sheet \"{sheet}\" (there are: {})", sheets.join(", "))
                }
            }
            Self::BadEncoding { encoding } => {
                if zh {
                    format!("文本不是 {encoding} 编码，请在预检时换一种编码")
                } else {
                    format!("the text is not valid {encoding}; choose another encoding")
                }
            }
        }
    }
}

impl SheetProblem {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let f = |field: &SheetField| field.word(lang);
        let t = |z: String, e: String| if zh { z } else { e };
        match self {
            Self::NoHeaderRow { lists: false } => t(
                "找不到表头行（需要至少两列可识别的列名，如“客户”“数量”）".into(),
                "no header row found (need at least two known column names, such as Customer and Qty)".into(),
            ),
            Self::NoHeaderRow { lists: true } => t(
                "找不到表头行（需要至少两列可识别的列名，如“编码”“品名”或“客户名称”“电话”）".into(),
                "no header row found (need at least two known column names, such as SKU and Product, or Customer and Phone)".into(),
            ),
            Self::NeedsQtyAndProduct => {
                t("缺少“数量”列或“商品/编码”列".into(), "a Qty column and a Product or SKU column are needed".into())
            }
            Self::OrderReportOnly { platform } => t(
                format!("这是{}的订单报表：它只有每张订单的合计，没有每件商品的数量和价格。请在卖家中心导出同一时段的宝贝报表（订单明细），和这份订单报表一起导入（或只导入宝贝报表）", platform.word(Lang::ZhCn)),
                format!("this is {}'s order report: it holds each order's totals, not each item's quantity and price. Export the item report (宝贝报表) of the same period from the seller centre and import it together with this order report (or the item report alone)", platform.word(Lang::En)),
            ),
            Self::ProductListNeedsName => t("商品清单需要“品名”列".into(), "a product list needs a Product (name) column".into()),
            Self::CustomerListNeedsName => t("客户清单需要“客户名称”列".into(), "a customer list needs a Customer (name) column".into()),
            Self::RowNotInSheet { row } => t(format!("第 {row} 行不在表格中"), format!("row {row} is not in the sheet")),
            Self::RowLacksColumns { row, missing } => {
                t(format!("第 {row} 行没有这些列：{}", missing.join("、")), format!("row {row} has no column named {}", missing.join(", ")))
            }
            Self::NoRowWithColumns { columns } => {
                t(format!("没有一行同时有这些列：{}", columns.join("、")), format!("no row has the columns {}", columns.join(", ")))
            }
            Self::Empty { field } => t(format!("{}为空", f(field)), format!("the {} is empty", f(field))),
            Self::TooLong { field, max, chars } => t(
                format!("{}不能超过 {max} 个字（这里有 {chars} 个）", f(field)),
                format!("the {} may be at most {max} characters long ({chars} here)", f(field)),
            ),
            Self::NotANumber { text } => t(format!("“{text}”不是有效的数字"), format!("\"{text}\" is not a number")),
            Self::Negative { text } => t(format!("“{text}”不能为负数"), format!("\"{text}\" must not be negative")),
            Self::BadQty { text } => t(
                format!("数量“{text}”无效（须大于 0，最多 3 位小数）"),
                format!("quantity \"{text}\" is not valid (more than 0, at most 3 decimals)"),
            ),
            Self::NotADate { text } => t(format!("“{text}”不是有效日期"), format!("\"{text}\" is not a date")),
            Self::DateOrdersMixed { text, first_row, first_text } => t(
                format!("“{text}”与第 {first_row} 行的“{first_text}”日、月顺序相反（一个只能是 日/月/年，一个只能是 月/日/年）：两种都能读的日期按 日/月/年 读"),
                format!("\"{text}\" and row {first_row}'s \"{first_text}\" put day and month in opposite orders (one can only be day/month/year, the other only month/day/year): dates that read either way are read day/month/year"),
            ),
            Self::DayFirst { text, read } => t(
                format!("“{text}”按 日/月/年 读作 {read}（也可能是 月/日/年）"),
                format!("\"{text}\" read as day/month/year: {read} (month/day/year was possible too)"),
            ),
            Self::BadValue { field, text } => t(format!("{}“{text}”无效", f(field)), format!("{} \"{text}\" is not valid", f(field))),
            Self::PriceFromAmount { price } => {
                t(format!("没有单价，按金额/数量算作 {price}"), format!("no unit price: {price} from amount / quantity"))
            }
            Self::NoPriceNoAmount => t("单价和金额都为空".into(), "both unit price and amount are empty".into()),
            Self::AmountTooLarge => t("金额过大".into(), "the amount is too large".into()),
            Self::AmountDiffers { stated, computed } => t(
                format!("金额 {stated} 与 数量×单价 {computed} 不符"),
                format!("amount {stated} differs from quantity × price {computed}"),
            ),
            Self::TwoCustomers { first, second } => t(
                format!("同一单号下客户不同：“{first}” 与 “{second}”"),
                format!("one order number, two customers: \"{first}\" and \"{second}\""),
            ),
            Self::MixedDateStyles { text, first_row, first_text } => t(
                format!("日期写法“{text}”与第 {first_row} 行的“{first_text}”不同（年在前 / 年在后混用）：请核对日期是否读对"),
                format!("the date \"{text}\" is written another way than \"{first_text}\" on row {first_row} (year first and year last mixed): check that the dates were read right"),
            ),
            Self::SameAsRow { row } => t(
                format!("与第 {row} 行完全相同（重复录入？两行都会导入）"),
                format!("exactly like row {row} (entered twice? both rows are imported)"),
            ),
            Self::RepeatedRow { field } => t("与上面一行重复".into(), format!("the same {} is on an earlier row", f(field))),
            Self::ProductExists { name } => t(format!("商品“{name}”已经在店里"), format!("product \"{name}\" is already in the shop")),
            Self::CustomerExists { name } => t(format!("客户“{name}”已经在店里"), format!("customer \"{name}\" is already in the shop")),
            Self::CostAbovePrice { cost, price } => {
                t(format!("成本 {cost} 高于单价 {price}"), format!("cost {cost} is above the price {price}"))
            }
            Self::BadTerms { text } => {
                t(format!("账期“{text}”应是 0–3650 的整数天"), format!("terms \"{text}\" must be whole days, 0–3650"))
            }
            Self::NotASale { status } => t(
                format!("订单状态为“{status}”：没有成交，不导入"),
                format!("order status \"{status}\": never a sale, not imported"),
            ),
            Self::AlreadyInShop { number, ours } => t(
                format!("平台订单 {number} 已经导入过（开单订单 {ours}），这次不再导入"),
                format!("platform order {number} was imported before (order {ours}); it is not imported again"),
            ),
            Self::ShippedSince { number, ours } => t(
                format!("平台订单 {number} 已经导入过（开单订单 {ours}），平台上已发货，开单里还没有发货：请在开单里给 {ours} 发货"),
                format!("platform order {number} was imported before (order {ours}) and has shipped on the platform since, but not in Kaidan: deliver {ours} in Kaidan"),
            ),
            Self::PostageNotKept { orders, postage, other } => {
                let (mut zh, mut en) = (Vec::new(), Vec::new());
                if !postage.is_zero() {
                    zh.push(format!("运费共 {postage}"));
                    en.push(format!("postage of {postage}"));
                }
                if other.is_negative() {
                    zh.push(format!("优惠共 {}", -*other));
                    en.push(format!("discounts of {}", -*other));
                } else if !other.is_zero() {
                    zh.push(format!("其他差额共 {other}"));
                    en.push(format!("other differences of {other}"));
                }
                t(
                    format!("{orders} 张订单另有{}：开单的订单暂时没有运费和整单优惠，这些订单按商品金额导入，订单合计不等于买家实付", zh.join("、")),
                    format!(
                        "{} {} besides the goods: an order in Kaidan has no postage or order discount yet, so these are imported at the amount of their goods and their totals differ from what the buyers paid",
                        if *orders == 1 { "1 order has".to_string() } else { format!("{orders} orders have") },
                        en.join(" and ")
                    ),
                )
            }
            Self::ClosedSince { number, ours, status } => t(
                format!("平台订单 {number} 已经导入过（开单订单 {ours}），平台上现在是“{status}”：请在开单里取消 {ours}，或办理退货"),
                format!("platform order {number} was imported before (order {ours}) and is now \"{status}\" on the platform: cancel {ours} in Kaidan, or take its goods back"),
            ),
            Self::StatusNotKnown { status } => t(
                format!("订单状态“{status}”不认识：这张订单按已发货的历史订单导入"),
                format!("order status \"{status}\" is not known: this order is imported as delivered history"),
            ),
            Self::Refused { detail } => t(format!("这张订单确认不了：{detail}"), format!("this order cannot be confirmed: {detail}")),
            Self::ColumnsNotImported { columns } => {
                let zh: Vec<String> = columns.iter().map(|(l, h)| format!("{l} 列「{h}」")).collect();
                let en: Vec<String> = columns.iter().map(|(l, h)| format!("{l} ({h})")).collect();
                t(
                    format!("这些列不会导入：{}。若其中有要导入的内容，请在列对应里指定", zh.join("、")),
                    format!("these columns are not imported: {}. If one of them holds something to import, name it in the column mapping", en.join(", ")),
                )
            }
            Self::NotAnEmail { text } => t(
                format!("“{text}”不是邮箱地址，不会保存到客户上"),
                format!("\"{text}\" is not an e-mail address: it is not kept on the customer"),
            ),
            Self::NoDateColumn => t(
                "没有找到日期列：每张订单都会记在导入当天。若是以前的订单，请在列对应里指定日期列，或给这些订单填一个日期".into(),
                "no date column found: every order would be dated the day of the import. For past orders, name the date column in the column mapping, or give them one date".into(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::fixed::{Money, UnitPrice};
    use crate::sheet::{Platform, SheetField as F, SheetProblem as P};
    use crate::Lang;

    /// Every problem's place in [`samples`]: a problem added without a sample does not compile.
    fn index(p: &P) -> usize {
        match p {
            P::NoHeaderRow { .. } => 0,
            P::NeedsQtyAndProduct => 1,
            P::OrderReportOnly { .. } => 2,
            P::ProductListNeedsName => 3,
            P::CustomerListNeedsName => 4,
            P::RowNotInSheet { .. } => 5,
            P::RowLacksColumns { .. } => 6,
            P::NoRowWithColumns { .. } => 7,
            P::Empty { .. } => 8,
            P::NotANumber { .. } => 9,
            P::Negative { .. } => 10,
            P::BadQty { .. } => 11,
            P::NotADate { .. } => 12,
            P::DateOrdersMixed { .. } => 13,
            P::DayFirst { .. } => 14,
            P::BadValue { .. } => 15,
            P::PriceFromAmount { .. } => 16,
            P::NoPriceNoAmount => 17,
            P::AmountTooLarge => 18,
            P::AmountDiffers { .. } => 19,
            P::TwoCustomers { .. } => 20,
            P::SameAsRow { .. } => 21,
            P::MixedDateStyles { .. } => 22,
            P::RepeatedRow { .. } => 23,
            P::ProductExists { .. } => 24,
            P::CustomerExists { .. } => 25,
            P::CostAbovePrice { .. } => 26,
            P::BadTerms { .. } => 27,
            P::NoDateColumn => 28,
            P::NotAnEmail { .. } => 29,
            P::NotASale { .. } => 30,
            P::AlreadyInShop { .. } => 31,
            P::ShippedSince { .. } => 32,
            P::ClosedSince { .. } => 33,
            P::StatusNotKnown { .. } => 34,
            P::PostageNotKept { .. } => 35,
            P::Refused { .. } => 36,
            P::ColumnsNotImported { .. } => 37,
            P::TooLong { .. } => 38,
        }
    }

    /// One of each problem, its values written without letters or Chinese (numbers, dates), so
    /// that what is left of each language in a text is the catalogue's own.
    fn samples() -> Vec<P> {
        let m = |t: &str| Money::parse(t, crate::Sign::Any).unwrap();
        let u = |t: &str| UnitPrice::parse(t, crate::Sign::Any).unwrap();
        let s = |t: &str| t.to_string();
        vec![
            P::NoHeaderRow { lists: false },
            P::NeedsQtyAndProduct,
            P::OrderReportOnly { platform: Platform::Taobao },
            P::ProductListNeedsName,
            P::CustomerListNeedsName,
            P::RowNotInSheet { row: 3 },
            P::RowLacksColumns { row: 3, missing: vec![s("12")] },
            P::NoRowWithColumns { columns: vec![s("12")] },
            P::Empty { field: F::Qty },
            P::NotANumber { text: s("1..2") },
            P::Negative { text: s("-1") },
            P::BadQty { text: s("0") },
            P::NotADate { text: s("2024-13-40") },
            P::DateOrdersMixed { text: s("3/25/2024"), first_row: 2, first_text: s("25/3/2024") },
            P::DayFirst { text: s("5/3/2024"), read: s("2024-03-05") },
            P::BadValue { field: F::UnitPrice, text: s("1..2") },
            P::PriceFromAmount { price: u("2.5") },
            P::NoPriceNoAmount,
            P::AmountTooLarge,
            P::AmountDiffers { stated: m("10.00"), computed: m("9.00") },
            P::TwoCustomers { first: s("1"), second: s("2") },
            P::SameAsRow { row: 2 },
            P::MixedDateStyles { text: s("2024/3/5"), first_row: 2, first_text: s("2024-03-05") },
            P::RepeatedRow { field: F::Sku },
            P::ProductExists { name: s("12") },
            P::CustomerExists { name: s("12") },
            P::CostAbovePrice { cost: u("3"), price: u("2") },
            P::BadTerms { text: s("-3") },
            P::NoDateColumn,
            P::NotAnEmail { text: s("12") },
            P::NotASale { status: s("0") },
            P::AlreadyInShop { number: s("2031415890943168732"), ours: s("2026-000001") },
            P::ShippedSince { number: s("2031415890943168732"), ours: s("2026-000001") },
            P::ClosedSince { number: s("2031415890943168732"), ours: s("2026-000001"), status: s("0") },
            P::StatusNotKnown { status: s("0") },
            P::PostageNotKept { orders: 2, postage: m("6.00"), other: m("-5.00") },
            P::Refused { detail: s("12") },
            P::ColumnsNotImported { columns: vec![(s("9"), s("12"))] },
            P::TooLong { field: F::Product, max: 255, chars: 256 },
        ]
    }

    /// Every problem the import says is whole in each language: no English in the Chinese, no
    /// Chinese in the English (but the name of Taobao's 宝贝报表, as its seller centre calls it).
    #[test]
    fn every_sheet_problem_is_worded_in_each_language_alone() {
        let all = samples();
        let mut seen: Vec<usize> = all.iter().map(index).collect();
        seen.sort();
        assert_eq!(seen, (0..all.len()).collect::<Vec<_>>(), "one sample of each problem");
        for p in &all {
            let zh = p.text(Lang::ZhCn);
            let en = p.text(Lang::En).replace("宝贝报表", "");
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "English in the Chinese of {p:?}: {zh}");
            assert!(
                !en.chars().any(|c| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c)),
                "Chinese in the English of {p:?}: {en}"
            );
            assert!(!zh.is_empty() && !en.is_empty());
        }
    }
}
