//! The shop's words for the closed values every side shows — order statuses and actions,
//! channels, payment statuses and methods, statement entries, document kinds, audit actions,
//! stock movements — in zh-CN and English. The window (the generated `ui/src/vocab.ts`), the
//! printed documents, the CLI and the error messages all take them from here: one word for one
//! thing. English words are lower case, as they read inside a sentence; a list or a document
//! capitalises the first letter ([`capitalized`]).

use crate::closed::Closed;
use crate::document::DocKind;
use crate::kinds::{AuditAction, AuditEntity, BackupKind, ImportKind, StatementEntry};
use crate::model::{PayMethod, PaymentKind, PaymentStatus, Settlement};
use crate::order::{Channel, OrderAction, OrderStatus};
use crate::people::Action;
use crate::report::{Bucket, Compare, Measure, Period, RankBy, ReportKind, ReportNote};
use crate::sheet::{Platform, SheetField};
use crate::{Lang, MoveReason, Role};

/// A closed value's word in the shop's vocabulary.
pub trait Word: Closed {
    /// The name the vocabulary file gives this set (`order_status`).
    const SET: &'static str;
    fn word(self, lang: Lang) -> &'static str;
}

macro_rules! words {
    ($t:ty as $set:literal { $($v:ident => $zh:literal, $en:literal;)+ }) => {
        impl Word for $t {
            const SET: &'static str = $set;
            fn word(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((<$t>::$v, Lang::ZhCn) => $zh, (<$t>::$v, Lang::En) => $en,)+
                }
            }
        }
    };
}

words!(OrderStatus as "order_status" {
    Draft => "草稿", "draft";
    PendingApproval => "待审批", "pending approval";
    Confirmed => "已确认", "confirmed";
    PartiallyDelivered => "部分发货", "partly delivered";
    Delivered => "已发货", "delivered";
    Cancelled => "已取消", "cancelled";
});

words!(OrderAction as "order_action" {
    Confirm => "确认", "confirm";
    Approve => "审批", "approve";
    Change => "修改", "change";
    Deliver => "发货", "deliver";
    Cancel => "取消", "cancel";
    Invoice => "开销售单", "invoice";
    Return => "退货", "take back goods";
    Pay => "收款", "receive payment";
});

words!(Action as "action" {
    TakeOrders => "开单和修改订单", "take and change orders";
    Deliver => "发货", "deliver goods";
    ReceivePayments => "收款", "receive payments";
    Print => "打印单据", "print documents";
    IssueInvoices => "开销售单", "issue invoices";
    TakeReturns => "办理退货", "take goods back";
    EditCatalog => "编辑商品和客户", "edit products and customers";
    ReceiveStock => "入库", "receive stock";
    Import => "导入", "import files";
    Backup => "备份", "make backups";
    ApproveOrders => "审批订单", "approve orders";
    ChangeSalesperson => "更换业务员", "change an order's salesperson";
    CreditInvoices => "开冲销单", "issue credit notes";
    Refund => "退款或冲销收款", "refund or reverse payments";
    ChangeCredit => "修改信用额度和账期", "change credit limits and terms";
    AdjustStock => "调整库存和盘点", "adjust and count stock";
    SeeCosts => "查看成本和毛利", "see costs and margins";
    ChangeSettings => "修改设置", "change settings";
    RestoreBackups => "从备份恢复", "restore backups";
    UndoImports => "撤销导入", "undo imports";
    ManageOperators => "管理操作员", "manage operators";
});

words!(Channel as "channel" {
    Phone => "电话", "phone";
    Wechat => "微信", "WeChat";
    Counter => "门店", "counter";
    Email => "邮件", "e-mail";
    Web => "网店", "web";
    Other => "其他", "other";
});

words!(AuditEntity as "audit_entity" {
    Order => "订单", "order";
    Product => "商品", "product";
    Customer => "客户", "customer";
    Payment => "收付款", "payment";
    Invoice => "销售单", "invoice";
    ImportBatch => "导入", "import";
    Operator => "操作员", "operator";
    Setting => "设置", "setting";
    Company => "公司信息", "company details";
});

words!(MoveReason as "move_reason" {
    Receipt => "入库", "receipt";
    Delivery => "发货", "delivery";
    Return => "退货", "return";
    Adjustment => "调整", "adjustment";
    Stocktake => "盘点", "stocktake";
});

words!(PaymentStatus as "payment_status" {
    Unpaid => "未收款", "unpaid";
    Deposit => "已付定金", "deposit";
    PartiallyPaid => "部分收款", "part paid";
    Paid => "已收清", "paid";
    Overpaid => "多收", "overpaid";
});

words!(PayMethod as "pay_method" {
    Cash => "现金", "cash";
    Bank => "转账", "bank transfer";
    Wechat => "微信", "WeChat Pay";
    Alipay => "支付宝", "Alipay";
    Card => "刷卡", "card";
    Other => "其他", "other";
});

words!(PaymentKind as "payment_kind" {
    Receipt => "收款", "payment";
    Refund => "退款", "refund";
    Reversal => "冲回", "reversal";
});

words!(StatementEntry as "statement_entry" {
    Opening => "期初余额", "opening balance";
    Invoice => "销售单", "invoice";
    CreditNote => "冲销单", "credit note";
    Receipt => "收款", "payment";
    Refund => "退款", "refund";
    Reversal => "冲回", "reversal";
});

words!(Settlement as "settlement" {
    Credit => "记入客户余额", "kept as credit";
    Refund => "退款", "refund";
});

words!(DocKind as "doc_kind" {
    Invoice => "销售单", "invoice";
    CreditNote => "冲销单", "credit note";
    DeliveryNote => "送货单", "delivery note";
    PaymentReceipt => "收款收据", "payment receipt";
    Receipt => "小票", "receipt";
    Statement => "对账单", "statement";
});

words!(AuditAction as "audit_action" {
    Create => "创建", "created";
    Update => "修改", "updated";
    Confirm => "确认", "confirmed";
    Approve => "审批通过", "approved";
    Change => "修改", "changed";
    Cancel => "取消", "cancelled";
    CancelRemainder => "取消未发部分", "remainder cancelled";
    Reserve => "到货预留", "stock reserved on arrival";
    Deactivate => "停用", "deactivated";
    Reactivate => "重新启用", "reactivated";
    Deliver => "发货", "delivered";
    Return => "退货", "goods returned";
    Import => "导入", "imported";
    ImportHistory => "导入", "imported";
    Undo => "撤销导入", "import undone";
    Issue => "开销售单", "invoice issued";
    Credit => "开冲销单", "credit note issued";
    Receive => "收款", "payment received";
    Refund => "退款", "refunded";
    Reverse => "冲回", "reversed";
    Allocate => "核销", "matched";
});

words!(BackupKind as "backup_kind" {
    Auto => "自动", "automatic";
    Manual => "手动", "manual";
    Safety => "恢复前安全副本", "safety copy before a restore";
    Update => "更新前备份", "backup before an update";
});

words!(ImportKind as "import_kind" {
    Orders => "订单", "orders";
    Products => "商品", "products";
    Customers => "客户", "customers";
});

words!(SheetField as "import_field" {
    OrderNo => "单号", "order no.";
    Customer => "客户", "customer";
    Phone => "电话", "phone";
    Address => "地址", "address";
    City => "城市", "city";
    Province => "省份/州", "province/state";
    Country => "国家/地区", "country";
    Product => "品名", "product";
    Sku => "编码", "SKU";
    Spec => "规格", "spec";
    Unit => "单位", "unit";
    Qty => "数量", "qty";
    UnitPrice => "单价", "unit price";
    Amount => "金额", "amount";
    Discount => "折扣%", "discount %";
    OrderDate => "日期", "date";
    DeliverBy => "交货日期", "deliver by";
    Notes => "备注", "notes";
    Barcode => "条码", "barcode";
    Cost => "成本", "cost";
    TaxRate => "税率%", "tax %";
    Stock => "期初库存", "opening stock";
    ReorderPoint => "补货点", "reorder point";
    Contact => "联系人", "contact";
    Region => "区域", "region";
    CreditLimit => "信用额度", "credit limit";
    Terms => "账期（天）", "terms (days)";
    Email => "邮箱", "e-mail";
    Status => "订单状态", "order status";
    District => "区/县", "district";
    Paid => "实付金额", "paid by the buyer";
    Postage => "运费", "postage";
});

words!(Platform as "platform" {
    Taobao => "淘宝/天猫", "Taobao/Tmall";
    Jd => "京东", "JD";
    Pinduoduo => "拼多多", "Pinduoduo";
    Douyin => "抖店", "Douyin";
    Youzan => "有赞", "Youzan";
});

words!(ReportKind as "report_kind" {
    Overview => "经营概况", "overview";
    Trend => "销售趋势", "sales trend";
    Products => "商品销售", "product sales";
    Customers => "客户销售", "customer sales";
    Day => "日结", "end of day";
    Profit => "订单毛利", "gross profit by order";
    Fulfilment => "履约情况", "fulfilment";
    Collections => "收款情况", "collections";
    Slow => "滞销商品", "slow movers";
    Inactive => "沉睡客户", "inactive customers";
    Salespeople => "业务员业绩", "sales by salesperson";
});

words!(Period as "period" {
    Today => "今天", "today";
    Yesterday => "昨天", "yesterday";
    ThisWeek => "本周", "this week";
    LastWeek => "上周", "last week";
    ThisMonth => "本月", "this month";
    LastMonth => "上月", "last month";
    ThisQuarter => "本季度", "this quarter";
    ThisYear => "本年", "this year";
    LastYear => "去年", "last year";
    Last7Days => "近 7 天", "last 7 days";
    Last30Days => "近 30 天", "last 30 days";
    Last90Days => "近 90 天", "last 90 days";
});

words!(Bucket as "bucket" {
    Day => "按日", "by day";
    Week => "按周", "by week";
    Month => "按月", "by month";
    Quarter => "按季度", "by quarter";
    Year => "按年", "by year";
});

words!(Compare as "compare" {
    Previous => "环比（上一期）", "previous period";
    LastYear => "同比（去年同期）", "same period last year";
});

words!(RankBy as "rank_by" {
    Sales => "按销售额", "by sales";
    GrossProfit => "按毛利", "by gross profit";
    Qty => "按数量", "by quantity";
});

words!(Measure as "measure" {
    Sales => "销售额（不含税）", "sales (excl. tax)";
    SalesTotal => "销售额（含税）", "sales (incl. tax)";
    Cogs => "销售成本", "cost of goods sold";
    SalesCostUnknown => "成本未知的销售额", "sales of unknown cost";
    GrossProfit => "毛利", "gross profit";
    Margin => "毛利率", "margin";
    Qty => "数量", "quantity";
    Orders => "订单数", "orders";
    OrdersValue => "订单金额", "order value";
    AvgOrderValue => "客单价", "average order";
    Received => "收款", "money received";
});

words!(ReportNote as "report_note" {
    WhatCounts => "销售额按发货计：发货日、订单价格，减去退货（退货日）；销售成本为商品出库时的移动加权平均成本，退回上架的商品冲回成本，报损的不冲回。订单数按下单日计（已确认及以后，不含草稿和已取消）。",
        "Sales count goods delivered, on the delivery's date at the order's prices, less goods returned on the return's date; their cost is the moving average cost when they left (goods back on the shelf take it back, goods written off keep it). Orders count by order date (confirmed or later, not drafts or cancelled).";
});

words!(Role as "role" {
    Owner => "店主", "owner";
    Clerk => "店员", "clerk";
});

/// `s` with its first letter in upper case (English at the start of a cell or a line).
pub fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn set<T: Word>(lang: Lang) -> (String, serde_json::Value) {
    let words = T::all().iter().map(|v| (v.as_str().to_string(), serde_json::Value::String(v.word(lang).into()))).collect();
    (T::SET.to_string(), serde_json::Value::Object(words))
}

/// The whole vocabulary in one language, by set and value (`order_status.draft`): what the
/// window's `ui/src/vocab.ts` is generated from.
pub fn vocabulary(lang: Lang) -> serde_json::Map<String, serde_json::Value> {
    [
        set::<OrderStatus>(lang),
        set::<OrderAction>(lang),
        set::<Channel>(lang),
        set::<MoveReason>(lang),
        set::<PaymentStatus>(lang),
        set::<PayMethod>(lang),
        set::<PaymentKind>(lang),
        set::<StatementEntry>(lang),
        set::<Settlement>(lang),
        set::<DocKind>(lang),
        set::<AuditAction>(lang),
        set::<AuditEntity>(lang),
        set::<BackupKind>(lang),
        set::<ImportKind>(lang),
        set::<SheetField>(lang),
        set::<Platform>(lang),
        set::<Role>(lang),
        set::<ReportKind>(lang),
        set::<Period>(lang),
        set::<Bucket>(lang),
        set::<Compare>(lang),
        set::<RankBy>(lang),
        set::<Measure>(lang),
        set::<ReportNote>(lang),
        set::<Action>(lang),
    ]
    .into_iter()
    .collect()
}

/// The sets of [`vocabulary`], each with the TypeScript type of its values (for the typed file).
pub const SETS: &[(&str, &str)] = &[
    ("order_status", "OrderStatus"),
    ("order_action", "OrderAction"),
    ("channel", "Channel"),
    ("move_reason", "MoveReason"),
    ("payment_status", "PaymentStatus"),
    ("pay_method", "PayMethod"),
    ("payment_kind", "PaymentKind"),
    ("statement_entry", "StatementEntry"),
    ("settlement", "Settlement"),
    ("doc_kind", "DocKind"),
    ("audit_action", "AuditAction"),
    ("audit_entity", "AuditEntity"),
    ("backup_kind", "BackupKind"),
    ("import_kind", "ImportKind"),
    ("import_field", "Field"),
    ("platform", "Platform"),
    ("role", "Role"),
    ("report_kind", "ReportKind"),
    ("period", "Period"),
    ("bucket", "Bucket"),
    ("compare", "Compare"),
    ("rank_by", "RankBy"),
    ("measure", "Measure"),
    ("report_note", "ReportNote"),
    ("action", "Action"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_has_a_word_in_both_languages_and_every_set_is_listed() {
        for lang in [Lang::ZhCn, Lang::En] {
            let v = vocabulary(lang);
            assert_eq!(v.keys().cloned().collect::<std::collections::BTreeSet<_>>(), SETS.iter().map(|(s, _)| s.to_string()).collect());
            for (set, words) in &v {
                for (value, word) in words.as_object().unwrap() {
                    assert!(!word.as_str().unwrap().is_empty(), "{set}.{value} in {lang:?}");
                }
            }
        }
        assert_eq!(OrderStatus::PendingApproval.word(Lang::En), "pending approval");
        assert_eq!(capitalized("pending approval"), "Pending approval");
        assert_eq!(capitalized("微信"), "微信");
    }
}
