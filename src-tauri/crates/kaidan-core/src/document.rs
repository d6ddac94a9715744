//! Printed documents: what goes on the paper, independent of how it is drawn (kaidan-print).
//!
//! A [`PrintDoc`] is built by kaidan-api from the stored invoice, delivery or order, and holds
//! every text and amount already decided: the renderer only lays it out. Lengths here are
//! integer tenths of a millimetre (no floating point in core).

use serde::{Deserialize, Serialize};

use crate::fixed::{Money, Qty, Rate, UnitPrice};
use crate::model::{Company, Statement};
use crate::Lang;

crate::closed_enum! {
    /// The language of the shop's printed documents: Chinese, English, or both (中英对照: every
    /// heading and label in both, Chinese first; amounts in words in both).
    pub enum DocLang in "settings.document_language" {
        ZhCn = "zh-CN",
        En = "en",
        Bilingual = "bilingual",
    }
}

impl DocLang {
    /// As typed in settings: the code, or 中文 / English / 中英对照.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "zh-CN" | "zh" | "中文" => Some(Self::ZhCn),
            "en" | "English" | "英文" => Some(Self::En),
            "bilingual" | "中英对照" | "中英" | "zh+en" => Some(Self::Bilingual),
            _ => None,
        }
    }

    /// The languages printed, in order.
    pub fn langs(self) -> &'static [Lang] {
        match self {
            Self::ZhCn => &[Lang::ZhCn],
            Self::En => &[Lang::En],
            Self::Bilingual => &[Lang::ZhCn, Lang::En],
        }
    }

    /// The one language of what is printed once (a file's name, the print queue's title):
    /// Chinese for a bilingual document.
    pub fn first(self) -> Lang {
        self.langs()[0]
    }
}

impl From<Lang> for DocLang {
    fn from(l: Lang) -> Self {
        match l {
            Lang::ZhCn => Self::ZhCn,
            Lang::En => Self::En,
        }
    }
}

/// The paper a document is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS)]
pub enum Paper {
    /// 210 × 297 mm.
    #[serde(rename = "a4")]
    A4,
    /// Half an A4, landscape: 210 × 148 mm (common for 送货单).
    #[serde(rename = "a5")]
    A5,
    /// 80 mm thermal roll; the page is as long as the content.
    #[serde(rename = "80mm")]
    Roll80,
    /// 58 mm thermal roll; the page is as long as the content.
    #[serde(rename = "58mm")]
    Roll58,
    /// 241 × 279.4 mm continuous (three-part) paper for dot-matrix printers.
    #[serde(rename = "241mm")]
    Continuous241,
}

impl Paper {
    pub const ALL: [Paper; 5] = [Self::A4, Self::A5, Self::Roll80, Self::Roll58, Self::Continuous241];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::A4 => "a4",
            Self::A5 => "a5",
            Self::Roll80 => "80mm",
            Self::Roll58 => "58mm",
            Self::Continuous241 => "241mm",
        }
    }

    /// As a shop names it: A4, A5, 80 mm, 58 mm, 241 mm.
    pub fn label(self) -> &'static str {
        match self {
            Self::A4 => "A4",
            Self::A5 => "A5",
            Self::Roll80 => "80 mm",
            Self::Roll58 => "58 mm",
            Self::Continuous241 => "241 mm",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().trim_end_matches("mm") {
            "a4" => Some(Self::A4),
            "a5" => Some(Self::A5),
            "80" => Some(Self::Roll80),
            "58" => Some(Self::Roll58),
            "241" => Some(Self::Continuous241),
            _ => None,
        }
    }

    /// Width in tenths of a millimetre.
    pub fn width(self) -> u32 {
        match self {
            Self::A4 | Self::A5 => 2100,
            Self::Roll80 => 800,
            Self::Roll58 => 580,
            Self::Continuous241 => 2410,
        }
    }

    /// Height in tenths of a millimetre; `None` for a roll (as long as the content).
    pub fn height(self) -> Option<u32> {
        match self {
            Self::A4 => Some(2970),
            Self::A5 => Some(1480),
            Self::Roll80 | Self::Roll58 => None,
            Self::Continuous241 => Some(2794),
        }
    }

    pub fn is_roll(self) -> bool {
        self.height().is_none()
    }

    pub fn default_margins(self) -> Margins {
        match self {
            Self::A4 => Margins::all(120),
            Self::A5 => Margins { top: 80, right: 100, bottom: 80, left: 100 },
            Self::Roll80 => Margins { top: 30, right: 40, bottom: 60, left: 40 },
            Self::Roll58 => Margins { top: 30, right: 30, bottom: 60, left: 30 },
            // Tractor-feed holes take 12.7 mm on each side of 241 mm paper.
            Self::Continuous241 => Margins { top: 100, right: 180, bottom: 100, left: 180 },
        }
    }
}

/// Page margins in tenths of a millimetre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Margins {
    pub top: u32,
    pub right: u32,
    pub bottom: u32,
    pub left: u32,
}

impl Margins {
    pub const fn all(v: u32) -> Self {
        Self { top: v, right: v, bottom: v, left: v }
    }

    /// Parses "12" (every side) or "10,8,10,8" (top, right, bottom, left — CSS order), in
    /// millimetres with at most one decimal, each at most 50 mm.
    pub fn parse(text: &str) -> Option<Self> {
        let parts: Vec<u32> = text.split([',', '，', ' ']).filter(|p| !p.trim().is_empty()).map(tenths).collect::<Option<_>>()?;
        match parts.as_slice() {
            [v] => Some(Self::all(*v)),
            [t, r, b, l] => Some(Self { top: *t, right: *r, bottom: *b, left: *l }),
            _ => None,
        }
    }
}

fn tenths(mm: &str) -> Option<u32> {
    let mm = mm.trim();
    let (whole, frac) = mm.split_once('.').unwrap_or((mm, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 1 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v = whole.parse::<u32>().ok()?.checked_mul(10)? + frac.parse::<u32>().unwrap_or(0);
    (v <= 500).then_some(v)
}

impl std::fmt::Display for Margins {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mm = |v: u32| if v % 10 == 0 { format!("{}", v / 10) } else { format!("{}.{}", v / 10, v % 10) };
        if self.top == self.right && self.right == self.bottom && self.bottom == self.left {
            write!(f, "{}", mm(self.top))
        } else {
            write!(f, "{},{},{},{}", mm(self.top), mm(self.right), mm(self.bottom), mm(self.left))
        }
    }
}

crate::closed_enum! {
    /// Which document.
    pub enum DocKind in "print_log.doc_type" {
        /// 销售单: what the customer pays against.
        Invoice = "invoice",
        /// 红字冲销单: takes back (part of) an invoice; amounts are negative.
        CreditNote = "credit_note",
        /// 送货单: travels with the goods and comes back signed.
        DeliveryNote = "delivery_note",
        /// 小票: the till receipt at the counter.
        Receipt = "receipt",
        /// 对账单: a customer's account for a period, with their confirmation box.
        Statement = "statement",
        /// 收款收据: money received from a customer, what it paid and what is kept as credit.
        PaymentReceipt = "payment_receipt",
    }
}

/// One table row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocLine {
    pub sku: String,
    pub name: String,
    pub spec: Option<String>,
    pub unit: String,
    pub qty: Qty,
    pub unit_price: UnitPrice,
    pub discount: Rate,
    pub amount: Money,
    /// Delivery notes: what is still to deliver on this line after this delivery.
    pub remaining: Option<Qty>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocTotals {
    pub subtotal: Money,
    pub tax: Money,
    pub total: Money,
}

/// The customer block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocParty {
    pub name: String,
    pub contact: Option<String>,
    pub phones: Vec<String>,
    pub address: Option<String>,
}

/// A document ready to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrintDoc {
    pub kind: DocKind,
    pub lang: DocLang,
    pub number: String,
    /// YYYY-MM-DD.
    pub date: String,
    pub due_date: Option<String>,
    pub order_number: Option<String>,
    /// A credit note: the invoice it credits. A delivery note: nothing.
    pub reference: Option<String>,
    pub company: Company,
    /// PNG or JPEG bytes.
    pub logo: Option<Vec<u8>>,
    pub customer: DocParty,
    pub lines: Vec<DocLine>,
    /// `false`: a delivery note without prices (no price, discount, amount or total anywhere).
    pub show_prices: bool,
    pub totals: Option<DocTotals>,
    pub notes: Option<String>,
    /// A reprint: every page is marked 副本 / COPY.
    pub copy: bool,
    pub operator: Option<String>,
    /// A statement: its period, balances and entries (`lines` stay empty).
    pub statement: Option<Statement>,
    /// A payment receipt: the money and what it paid (`lines` stay empty).
    pub payment: Option<PaymentDoc>,
}

/// What a payment receipt (收款收据) prints of a payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentDoc {
    pub amount: Money,
    pub method: crate::model::PayMethod,
    pub reference: Option<String>,
    /// The invoices it paid, and how much of each.
    pub applied: Vec<crate::model::AllocationLine>,
    /// Neither matched to an invoice nor paid back: kept as the customer's credit (a deposit).
    pub on_account: Money,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn papers_parse_in_the_forms_people_type() {
        for (text, paper) in [
            ("a4", Paper::A4),
            ("A5", Paper::A5),
            ("80mm", Paper::Roll80),
            ("80", Paper::Roll80),
            ("58MM", Paper::Roll58),
            ("241mm", Paper::Continuous241),
            ("241", Paper::Continuous241),
        ] {
            assert_eq!(Paper::parse(text), Some(paper), "{text}");
        }
        assert_eq!(Paper::parse("a3"), None);
        assert_eq!(Paper::parse("4"), None);
        for p in Paper::ALL {
            assert_eq!(Paper::parse(p.as_str()), Some(p));
            let m = p.default_margins();
            assert!(m.left + m.right < p.width() / 2, "{p:?} keeps most of its width");
        }
    }

    #[test]
    fn margins_parse_and_print_back() {
        assert_eq!(Margins::parse("12"), Some(Margins::all(120)));
        assert_eq!(Margins::parse("10, 8.5, 10, 8"), Some(Margins { top: 100, right: 85, bottom: 100, left: 80 }));
        assert_eq!(Margins::parse("10，8，10，8"), Some(Margins { top: 100, right: 80, bottom: 100, left: 80 }));
        for bad in ["", "abc", "10,8", "-1", "8.25", "51", "1e3"] {
            assert_eq!(Margins::parse(bad), None, "{bad}");
        }
        for text in ["12", "3.5", "10,8.5,10,8"] {
            assert_eq!(Margins::parse(text).unwrap().to_string(), text);
        }
    }
}
