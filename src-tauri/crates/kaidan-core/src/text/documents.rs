//! The words of the printed documents (invoices, credit notes, delivery notes, receipts,
//! statements) in zh-CN and English: headings, column names, signature boxes. What a document
//! shares with the window — statuses, entries, payment methods — is the shop's vocabulary
//! ([`crate::text::vocab`]).

use super::vocab::{capitalized, Word};
use crate::{DocKind, DocLang, Lang};

/// Every word a document prints, in the shop's document language: Chinese, English, or both
/// (中英对照: "数量 Qty", Chinese first, one space between; a table's header puts the English
/// under the Chinese).
#[derive(Debug, Clone, Copy)]
pub struct DocWords {
    pub lang: DocLang,
}

/// The words of a document, each in Chinese and English; a bilingual document prints both.
macro_rules! doc_words {
    ($ty:ident { $($name:ident: $zh:literal, $en:literal;)* }) => {
        impl $ty {
            $(pub fn $name(&self) -> &'static str {
                match self.lang {
                    DocLang::ZhCn => $zh,
                    DocLang::En => $en,
                    DocLang::Bilingual => concat!($zh, " ", $en),
                }
            })*
        }
    };
}

doc_words!(DocWords {
    address: "地址", "Address";
    phone: "电话", "Phone";
    tax_id: "税号", "Tax ID";
    bank: "开户行及账号", "Bank account";
    customer: "客户", "Customer";
    contact: "联系人", "Contact";
    number: "单号", "No.";
    date: "日期", "Date";
    order: "订单号", "Order";
    due: "付款到期日", "Due date";
    credits: "原销售单", "Credits invoice";
    col_no: "序号", "#";
    col_sku: "编码", "Code";
    col_name: "品名规格", "Description";
    col_unit: "单位", "Unit";
    col_qty: "数量", "Qty";
    col_delivered: "本次实发", "Delivered";
    col_remaining: "尚欠", "To follow";
    col_price: "单价", "Unit price";
    col_discount: "折扣", "Disc.";
    col_amount: "金额", "Amount";
    subtotal: "不含税金额", "Net";
    tax: "税额", "Tax";
    total: "合计", "Total";
    total_words: "合计金额（大写）", "Amount in words";
    notes: "备注", "Notes";
    made_by: "制单", "Prepared by";
    checked_by: "审核", "Checked by";
    customer_sign: "客户签收", "Received by";
    deliverer: "送货人", "Delivered by";
    receiver_sign: "收货人签字", "Receiver's signature";
    sign_date: "签收日期", "Date received";
    copy: "副本", "COPY";
    thanks: "谢谢惠顾，欢迎再来！", "Thank you for your business!";
    lines_count: "品项", "Items";
    period: "对账期间", "Period";
    printed_on: "打印日期", "Printed";
    col_date: "日期", "Date";
    col_doc: "单据", "Document";
    col_number: "单号", "No.";
    col_ref: "摘要", "Reference";
    col_debit: "应收增加", "Debit";
    col_credit: "应收减少", "Credit";
    col_balance: "余额", "Balance";
    opening: "期初余额", "Opening balance";
    closing: "期末余额", "Closing balance";
    debits: "本期增加", "Debits";
    credits_total: "本期减少", "Credits";
    closing_words: "期末余额（大写）", "Closing balance in words";
    customer_confirm: "客户确认（签字盖章）", "Confirmed by the customer (signature, stamp)";
    received: "收款金额", "Amount received";
    received_words: "收款金额（大写）", "Amount received in words";
    method: "收款方式", "Payment method";
    reference: "凭证号", "Reference";
    col_applied: "冲抵单据", "Paid against";
    on_account: "预收款（存为客户余额）", "Kept on account (customer credit)";
    received_by: "收款人", "Received by";
    paid_by: "交款人", "Paid by (signature)";
});

impl DocWords {
    pub fn title(&self, kind: DocKind) -> &'static str {
        let (zh, en) = match kind {
            DocKind::Invoice => ("销售单", "INVOICE"),
            DocKind::CreditNote => ("冲销单（红字）", "CREDIT NOTE"),
            DocKind::DeliveryNote => ("送货单", "DELIVERY NOTE"),
            DocKind::Receipt => ("小票", "RECEIPT"),
            DocKind::Statement => ("对账单", "STATEMENT OF ACCOUNT"),
            DocKind::PaymentReceipt => ("收款收据", "PAYMENT RECEIPT"),
        };
        match self.lang {
            DocLang::ZhCn => zh,
            DocLang::En => en,
            DocLang::Bilingual => match kind {
                DocKind::Invoice => "销售单 INVOICE",
                DocKind::CreditNote => "冲销单（红字） CREDIT NOTE",
                DocKind::DeliveryNote => "送货单 DELIVERY NOTE",
                DocKind::Receipt => "小票 RECEIPT",
                DocKind::Statement => "对账单 STATEMENT OF ACCOUNT",
                DocKind::PaymentReceipt => "收款收据 PAYMENT RECEIPT",
            },
        }
    }

    /// A word of the shop's vocabulary in the document's language(s), "现金 Cash" when both.
    pub fn both(&self, word: impl Fn(Lang) -> String) -> String {
        self.lang.langs().iter().map(|l| word(*l)).collect::<Vec<_>>().join(" ")
    }

    /// A sentence in the document's language(s), one under the other when both.
    pub fn sentences(&self, sentence: impl Fn(Lang) -> String) -> String {
        self.lang.langs().iter().map(|l| sentence(*l)).collect::<Vec<_>>().join("\n")
    }

    /// What a statement entry is (the shop's word, [`crate::text::vocab`], capitalised as the
    /// start of a cell).
    pub fn entry(&self, kind: crate::StatementEntry) -> &'static str {
        use crate::closed::Closed;
        // made once per process: a document is laid out many times
        static CAPITALISED: std::sync::OnceLock<Vec<(crate::StatementEntry, DocLang, &'static str)>> = std::sync::OnceLock::new();
        let all = CAPITALISED.get_or_init(|| {
            let each = crate::StatementEntry::all().iter().flat_map(|&k| DocLang::ALL.map(move |l| (k, l)));
            each.map(|(k, l)| (k, l, &*Box::leak(DocWords { lang: l }.both(|x| capitalized(k.word(x))).into_boxed_str()))).collect()
        });
        all.iter().find(|(k, l, _)| *k == kind && *l == self.lang).map_or("", |e| e.2)
    }

    /// The sentence above the customer's confirmation box.
    pub fn confirm_text(&self, to: &str) -> String {
        self.sentences(|l| match l {
            Lang::ZhCn => format!("以上为截至 {to} 的往来明细。如有不符，请于收到后 7 日内告知；核对无误请签字盖章后回传。"),
            Lang::En => format!(
                "This is your account with us up to {to}. If it does not agree with your records, please tell us within 7 days; if it does, please sign and return it."
            ),
        })
    }

    pub fn page(&self, n: usize, of: usize) -> String {
        self.both(|l| match l {
            Lang::ZhCn => format!("第 {n} 页 / 共 {of} 页"),
            Lang::En => format!("Page {n} of {of}"),
        })
    }

    /// "label: value" with the colon of the language.
    pub fn pair(&self, label: &str, value: &str) -> String {
        match self.lang {
            DocLang::ZhCn | DocLang::Bilingual => format!("{label}：{value}"),
            DocLang::En => format!("{label}: {value}"),
        }
    }
}

/// A printed document's name where the shop meets it outside the window: the print queue's job
/// title (`送货单 DN-2026-000012`) and, with the customer, the saved file's name
/// (`送货单 DN-2026-000012 城东装修队`). A reprint says it is a copy. A statement's "number"
/// already names its customer and period.
pub fn document_name(kind: DocKind, number: &str, customer: Option<&str>, copy: bool, lang: Lang) -> String {
    let mut name = format!("{} {number}", capitalized(kind.word(lang)));
    if let Some(c) = customer.map(str::trim).filter(|c| !c.is_empty() && kind != DocKind::Statement) {
        name.push(' ');
        name.push_str(c);
    }
    if copy {
        name.push_str(match lang {
            Lang::ZhCn => "（副本）",
            Lang::En => " (copy)",
        });
    }
    name
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn a_document_is_named_as_the_shop_says_it() {
        let n = "DN-2026-000012";
        assert_eq!(document_name(DocKind::DeliveryNote, n, None, false, Lang::ZhCn), "送货单 DN-2026-000012");
        assert_eq!(document_name(DocKind::DeliveryNote, n, Some("城东装修队"), false, Lang::ZhCn), "送货单 DN-2026-000012 城东装修队");
        assert_eq!(document_name(DocKind::Invoice, "INV-2026-000003", Some("Acme"), true, Lang::En), "Invoice INV-2026-000003 Acme (copy)");
        assert_eq!(
            document_name(DocKind::Statement, "城东装修队 2026-11-01–2026-11-30", Some("城东装修队"), false, Lang::ZhCn),
            "对账单 城东装修队 2026-11-01–2026-11-30"
        );
    }
}
