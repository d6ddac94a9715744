//! The words of the `kaidan` command line's human output, in zh-CN and English (`--json`
//! prints none of them): headings, column names, confirmations. Statuses, channels, methods and
//! entries are the shop's vocabulary ([`crate::text::vocab`]); error messages are
//! [`crate::text::problems`].

use crate::Lang;

/// The command line's words in one language.
pub struct CliWords {
    pub lang: Lang,
}

super::words!(CliWords {
    database_label: "数据库：", "Database: ";
    field: "项目", "field";
    value: "内容", "value";
    shop_name: "店名", "name";
    address: "地址", "address";
    phone: "电话", "phone";
    tax_id: "税号", "tax id";
    bank_account: "银行账户", "bank account";
    yes: "有", "yes";
    no: "无", "no";
    operator_name: "姓名", "name";
    role: "角色", "role";
    operator_state: "状态", "state";
    operator_active: "在用", "active";
    operator_inactive: "已停用", "deactivated";
    setting: "设置项", "setting";
    setting_value: "值", "value";
    sku: "编码", "SKU";
    barcode: "条码", "barcode";
    product_name: "名称", "name";
    spec: "规格型号", "spec";
    unit: "单位", "unit";
    from_label: "起始日期", "from";
    refunded_label: "退款", "refunded";
    net_amount: "净额", "net";
    cash_in_till: "现金应在钱箱", "cash in the till";
    deliveries_count: "发货单", "deliveries";
    returns_count: "退货单", "returns";
    to_label: "截止日期", "to";
    price: "售价", "price";
    cost: "成本", "cost";
    tax_rate: "税率 %", "tax rate %";
    reorder_point: "补货点", "reorder point";
    active: "状态", "active";
    on_sale: "在售", "yes";
    off_sale: "停用", "no";
    none: "不限", "none";
    customer_name: "客户", "name";
    contact: "联系人", "contact";
    phones: "电话", "phones";
    region: "地区", "region";
    email: "邮箱", "e-mail";
    credit_limit: "信用额度", "credit limit";
    payment_terms: "账期（天）", "payment terms (days)";
    notes: "备注", "notes";
    open_orders: "未结订单", "open orders";
    unpaid: "未收款", "unpaid";
    credit_left: "可用额度", "credit left";
    customer: "客户", "customer";
    on_hand: "在库", "on hand";
    reserved: "已预留", "reserved";
    available: "可用", "available";
    reorder_at: "补货点", "reorder at";
    suggest: "建议补货", "suggest";
    time: "时间", "time";
    log_person: "操作员", "operator";
    log_what: "操作", "what";
    log_record: "单据/对象", "record";
    money_in: "收款", "money in";
    money_out: "退款", "money out";
    approvals: "审批", "approvals";
    corrections: "更正", "corrections";
    log_entries: "记录数", "entries";
    qty: "数量", "qty";
    reason: "类型", "reason";
    document: "单据", "document";
    note: "备注", "note";
    by: "操作员", "by";
    order: "订单", "Order";
    customer_label: "客户：", "Customer: ";
    date_label: "下单日期：", "Date: ";
    deliver_by_label: "交货日期：", "Deliver by: ";
    delivered: "已发", "delivered";
    unit_price: "单价", "price";
    disc: "折扣", "disc.";
    amount: "金额", "amount";
    subtotal_label: "不含税：", "Subtotal: ";
    tax_label: "税额：", "Tax: ";
    total_label: "合计：", "Total: ";
    delivery_label: "送货单：", "Delivery: ";
    needs_approval_label: "需审批：", "Needs approval: ";
    cancelled_because_label: "取消原因：", "Cancelled because: ";
    backordered_label: "缺货待补：", "Waiting for stock: ";
    order_number: "订单号", "number";
    date: "日期", "date";
    status: "状态", "status";
    money_total: "金额", "total";
    next_page_label: "下一页：", "Next page:";
    order_label: "订单：", "order: ";
    paid_on_label: "货到收款：", "paid on delivery: ";
    action: "操作", "action";
    before: "之前", "before";
    after: "之后", "after";
    backup_written_label: "备份已完成并校验：", "Backup written and verified: ";
    contains_label: "内容：", "Contains: ";
    size_label: "大小：", "Size: ";
    backup_folder_label: "备份文件夹：", "Backup folder: ";
    kind: "类型", "kind";
    orders: "订单数", "orders";
    last_order: "最后单号", "last order";
    file: "文件", "file";
    failed_backup_label: "失败的备份：", "Failed backup: ";
    backup_label: "备份：", "Backup: ";
    made_label: "时间：", "Made: ";
    last_order_label: "最后单号：", "Last order: ";
    restored_label: "已恢复：", "Restored: ";
    the_replaced_label: "原数据已另存为：", "The replaced data was saved as: ";
    check_label: "检查：", "Check: ";
    ok: "通过", "ok";
    problems_found: "发现问题，请运行 kaidan check", "problems found, run kaidan check";
    the_damaged_label: "损坏的数据库已原样保留为：", "The damaged database was kept, untouched, as: ";
    remembered: "上次记住的", "remembered";
    given: "指定的", "given";
    guessed_from: "按列名猜测的", "guessed from the names";
    error: "错误", "error";
    warning: "提醒", "warning";
    automatic_backup_failed: "自动备份失败", "automatic backup failed";
    backing_up: "备份中", "backing up";
    importing: "导入中", "importing";
    default_shop_name: "我的小店", "My Shop";
    row: "行", "row";
    imported_as: "作为未完成订单导入：已确认并预留库存", "imported as open orders: confirmed, stock reserved";
    awaiting_the_label: "待店主审批：", "pending the owner's approval: ";
    rows_left_label: "跳过的错误行：", "rows left out for errors: ";
    batch: "批次", "batch";
    sheet: "工作表", "sheet";
    invoice: "销售单", "Invoice";
    credit_note: "冲销单", "Credit note";
    customer_inline: "客户：", "customer: ";
    credits_label: "冲销：", "credits: ";
    due_label: "付款到期日：", "due: ";
    item_name: "品名", "name";
    net_label: "不含税：", "net: ";
    tax_inline: "税额：", "tax: ";
    total_inline: "合计：", "total: ";
    credit_notes_label: "冲销单：", "credit notes: ";
    doc_number: "单号", "number";
    due: "到期", "due";
    credits: "冲销", "credits";
    page_s: "页", "page(s)";
    kb_copy: " KB，副本", " KB, copy";
    sent_to: "已送往打印机", "sent to printer";
    copies_n: "份", "copies";
    job_label: "任务", "job";
    printer_col: "打印机", "Printer";
    printer_name_col: "队列名", "Queue name";
    default_col: "默认", "Default";
    state_col: "状态", "State";
    papers_col: "用于纸张", "Papers";
    no_printers: "这台电脑没有安装打印机", "no printers are installed on this computer";
    payment: "收款单", "Payment";
    allocated_to: "核销 ", "allocated to ";
    unallocated_label: "未核销：", "unallocated: ";
    balance_label: "欠款：", "balance: ";
    credit_left_label: "信用额度剩余：", "credit left: ";
    no_limit: "不限", "no limit";
    overdue_label: "逾期：", "overdue: ";
    entry_invoice: "销售单", "invoice";
    paid: "已收", "paid";
    open: "未收", "open";
    days_late: "逾期天数", "days late";
    unallocated_credit_label: "未核销余款：", "unallocated credit: ";
    total: "合计", "total";
    current: "未到期", "current";
    allocated_label: "已核销：", "allocated: ";
    closing_balance: "期末余额", "closing balance";
    entry: "单据", "entry";
    reference: "摘要", "reference";
    debit: "增加", "debit";
    credit: "减少", "credit";
    balance: "余额", "balance";
    return_label: "退货单：", "Return: ";
    back_in: "入库", "back in stock";
    written_off: "报损", "written off";
    value_label: "退货金额：", "value: ";
    refund_label: "退款：", "refund: ";
    exchange_order_label: "换货订单：", "exchange order: ";
    lead_days: "发货用时（天）", "days to deliver";
    delivered_in_full: "全部发货的订单", "orders delivered in full";
    lead_median: "用时中位数（天）", "median days to deliver";
    lead_p90: "90% 的订单不超过（天）", "90% delivered within (days)";
    promised: "有交货日期的订单", "orders with a promised date";
    on_time: "按时发货", "delivered on time";
    on_time_rate: "准时率 %", "on-time rate %";
    late_open_orders: "已逾期的未结订单", "late open orders";
    deliver_by: "交货日期", "deliver by";
    order_date: "下单日期", "order date";
    salesperson: "业务员", "salesperson";
    receivables: "应收账款", "receivables";
    overdue: "已逾期", "overdue";
    dso: "应收账款周转天数", "days sales outstanding";
    received: "收款", "received";
    aging_1_30: "逾期 1–30 天", "1–30 days overdue";
    aging_31_60: "逾期 31–60 天", "31–60 days overdue";
    aging_61_90: "逾期 61–90 天", "61–90 days overdue";
    aging_90_plus: "逾期 90 天以上", "over 90 days overdue";
    sell_through: "动销率 %", "sell-through %";
    products_on_sale: "在售商品", "products on sale";
    products_sold: "有销售的商品", "products that sold";
    new_customers: "新客户", "new customers";
    returning_customers: "老客户", "returning customers";
    customers_count: "客户数", "customers";
    no_region: "未填地区", "no region";
    channel: "渠道", "channel";
    share: "占比 %", "share %";
    stock_value: "库存金额（按成本）", "value at cost";
    cost_unknown: "成本未知", "cost unknown";
    last_sold: "最后销售日", "last sold";
    never: "从未", "never";
    days_since: "距今（天）", "days since";
    sold_year: "近 365 天销量", "sold in the last 365 days";
    days_of_cover: "可售天数", "days of cover";
    last_ordered: "最后下单日", "last ordered";
    first_ordered: "首次下单日", "first ordered";
    days_between: "平均下单间隔（天）", "days between orders";
    change: "变化 %", "change %";
    pay_method: "收款方式", "method";
    compared_with_label: "对比：", "Compared with: ";
    cash_counted: "实点现金", "cash counted";
    difference: "差额", "difference";
    counted_by: "点钞人", "counted by";
    checked_by: "复核人", "checked by";
    top_label: "前 10 名：", "Top 10: ";
    check_ok: "检查通过：数据库完好，库存与流水一致，预留、合计与编号无误", "OK: database intact; stock equals the ledger; reservations, totals and numbering are right";
    restoring_replaces_all_current: "恢复会替换当前全部数据（先自动另存一份）：确认请加 --yes", "Restoring replaces all current data (a copy is saved first): add --yes to do it";
    server_label: "服务器：", "Server: ";
    counter_label: "本收银机：", "This counter: ";
    waiting_label: "待发送：", "Waiting to be sent: ";
    synced_label: "上次同步：", "Last synced: ";
    offline_label: "离线起于：", "Offline since: ";
    sent_label: "已发送：", "Sent: ";
    received_label: "已接收：", "Received: ";
    noticed_label: "服务器发现：", "The server noticed: ";
    counter_url_label: "在新收银机上用这个地址加入（含密码，只在那台电脑上输入）：", "Join on the new counter with this address (it holds the password: type it on that PC only): ";
    server_check_ok: "服务器检查通过：库存等于全部流水，各收银机的变更与编号都没有缺号", "Server check OK: stock equals the whole ledger; every counter's changes and numbers have no gap";
    no_issues: "没有待处理的超卖或冲突", "No oversells or conflicts to look at";
    single_pc: "单机使用：这台电脑没有连接店里的服务器", "On its own: this PC is not linked to a shop server";
});

/// The command line's sentences with figures in them.
impl CliWords {
    fn zh(&self) -> bool {
        self.lang == Lang::ZhCn
    }

    /// Who did an entry that an owner approved on the spot.
    pub fn approved_on_spot(&self, who: &str, owner: &str) -> String {
        if self.zh() {
            format!("{who}（{owner} 当场批准）")
        } else {
            format!("{who} (approved on the spot by {owner})")
        }
    }

    pub fn shop_created(&self, name: &str, db: &str) -> String {
        if self.zh() {
            format!("已建立店铺“{name}”\n数据库：{db}")
        } else {
            format!("Created shop \"{name}\"\nDatabase: {db}")
        }
    }

    /// The overview's line on what stands today, whatever its range.
    pub fn report_today(&self, owed: &str, overdue: &str, open: u32, late: u32, low: u32) -> String {
        if self.zh() {
            format!("今天：客户共欠 {owed}，其中逾期 {overdue}；未发货订单 {open}，其中晚于交货日期 {late}；低库存商品 {low}")
        } else {
            format!("Today: customers owe {owed}, {overdue} of it overdue; {open} open orders to deliver, {late} late; {low} products low on stock")
        }
    }

    /// The slow movers' heading.
    pub fn slow_heading(&self, days: u32, as_of: &str, n: usize) -> String {
        if self.zh() {
            format!("有库存、{days} 天没有销售的商品（截至 {as_of}）：{n} 种")
        } else {
            format!("In stock, no sale in {days} days (as of {as_of}): {n} products")
        }
    }

    /// The inactive customers' heading.
    pub fn inactive_heading(&self, days: u32, as_of: &str, n: usize) -> String {
        if self.zh() {
            format!("以前下过单、{days} 天没有下单的客户（截至 {as_of}）：{n} 位")
        } else {
            format!("Ordered before, no order in {days} days (as of {as_of}): {n} customers")
        }
    }

    /// Under a ranking that shows only its best rows: how many it has in all.
    pub fn rows_more(&self, rows: u32, shown: usize) -> String {
        if self.zh() {
            format!("共 {rows} 行，显示前 {shown} 行")
        } else {
            format!("{rows} rows, the first {shown} shown")
        }
    }

    pub fn exported(&self, rows: usize, file: &str) -> String {
        if self.zh() {
            format!("已导出 {rows} 行：{file}")
        } else {
            format!("Exported {rows} rows: {file}")
        }
    }

    pub fn demo_skipped(&self, db: &str) -> String {
        if self.zh() {
            format!("店铺已有数据，未添加示例数据（{db}）")
        } else {
            format!("The shop already has data; no demo added ({db})")
        }
    }

    pub fn demo_made(&self, products: usize, customers: usize, orders: usize) -> String {
        if self.zh() {
            format!("示例数据：{products} 个商品，{customers} 个客户，{orders} 张订单")
        } else {
            format!("Demo data: {products} products, {customers} customers, {orders} orders")
        }
    }

    /// What a backup holds.
    pub fn backup_counts(&self, orders: i64, customers: i64, products: i64, deliveries: i64, stock_moves: i64) -> String {
        if self.zh() {
            format!("订单 {orders}，客户 {customers}，商品 {products}，送货单 {deliveries}，库存流水 {stock_moves}")
        } else {
            format!("{orders} orders, {customers} customers, {products} products, {deliveries} deliveries, {stock_moves} stock moves")
        }
    }

    /// The first lines of an import's check: where the header is and what would be made.
    #[allow(clippy::too_many_arguments)]
    pub fn dry_run_head(
        &self,
        sheet: &str,
        header_row: u32,
        orders: usize,
        lines: usize,
        customers_new: usize,
        products_new: usize,
        total: &str,
    ) -> String {
        if self.zh() {
            format!(
                "预检（未写入任何数据）：工作表“{sheet}”，表头在第 {header_row} 行\n订单 {orders}，明细 {lines}，新客户 {customers_new}，新商品 {products_new}，合计 {total}"
            )
        } else {
            format!(
                "Dry run (nothing written): sheet \"{sheet}\", header on row {header_row}\n{orders} orders, {lines} lines, {customers_new} new customers, {products_new} new products, total {total}"
            )
        }
    }

    /// A product the sheet names that the shop lacks: made by the import, or the shop's product
    /// (`mapped_to`) the user said it is.
    pub fn new_product(&self, named: &str, row: u32, lines: u32, mapped_to: Option<&str>) -> String {
        match (self.zh(), mapped_to) {
            (true, None) => format!("新商品（导入时新建）：{named}（第 {row} 行起，{lines} 行）"),
            (true, Some(sku)) => format!("表里的商品 {named}（第 {row} 行起，{lines} 行）→ 用本店的 {sku}"),
            (false, None) => format!("new product (made by the import): {named} (from row {row}, lines: {lines})"),
            (false, Some(sku)) => format!("the sheet's {named} (from row {row}, lines: {lines}) → the shop's {sku}"),
        }
    }

    /// An online shop's export: which one, and how its orders are imported.
    pub fn platform_export(&self, platform: &str, waiting: usize, already: usize) -> String {
        match (self.zh(), already) {
            (true, 0) => format!("{platform}导出的订单：已发货的作为已完成订单导入，等待发货的 {waiting} 张作为未发货订单（确认并预留库存，货款记为平台收款）"),
            (true, n) => format!("{platform}导出的订单：已发货的作为已完成订单导入，等待发货的 {waiting} 张作为未发货订单（确认并预留库存，货款记为平台收款），以前导入过的 {n} 张不再导入"),
            (false, 0) => format!("orders exported from {platform}: the shipped ones imported as completed orders, the {waiting} waiting to be shipped as open orders (confirmed, stock reserved, money received on the platform)"),
            (false, n) => format!("orders exported from {platform}: the shipped ones imported as completed orders, the {waiting} waiting to be shipped as open orders (confirmed, stock reserved, money received on the platform); {n} imported before are not imported again"),
        }
    }

    /// Of an import's orders, those made open because they wait to be shipped, and those
    /// left out because an earlier export brought them.
    pub fn imported_waiting(&self, waiting: usize, already: usize) -> String {
        if self.zh() {
            format!("等待发货、已确认并预留库存：{waiting} 张；以前导入过、没有再导入：{already} 张")
        } else {
            format!("waiting to be shipped, confirmed with stock reserved: {waiting}; imported before, not again: {already}")
        }
    }

    /// Which column is which, and where that came from.
    pub fn columns(&self, source: &str, columns: &[String]) -> String {
        if self.zh() {
            format!("列对应（{source}）：{}", columns.join("，"))
        } else {
            format!("Columns ({source}): {}", columns.join(", "))
        }
    }

    /// What an import wrote.
    #[allow(clippy::too_many_arguments)]
    pub fn imported(
        &self,
        batch: &str,
        orders: usize,
        lines: usize,
        customers_new: usize,
        products_new: usize,
        total: &str,
        numbers: (&str, &str),
    ) -> String {
        let (first, last) = numbers;
        if self.zh() {
            format!("已导入（批次 {batch}）：订单 {orders}，明细 {lines}，新客户 {customers_new}，新商品 {products_new}，合计 {total}；单号 {first} 至 {last}")
        } else {
            format!(
                "Imported (batch {batch}): {orders} orders, {lines} lines, {customers_new} new customers, {products_new} new products, total {total}; numbers {first} to {last}"
            )
        }
    }
}

impl crate::Problem {
    /// What to type next, for the problems whose way out is a command: the `kaidan` command
    /// line prints it after the message ([`crate::Error::cli_message`]); the window, which has
    /// buttons for these, never shows it.
    pub fn cli_hint(&self, lang: Lang) -> Option<String> {
        use crate::Problem::*;
        let zh = lang == Lang::ZhCn;
        Some(match self {
            NotInitialized if zh => "请先运行 `kaidan init --name 店名`".into(),
            NotInitialized => "run `kaidan init --name \"Shop name\"` first".into(),
            NothingToInvoice { .. } if zh => "要先开单后发货，可用 --lines 指定要开单的商品和数量".into(),
            NothingToInvoice { .. } => "to invoice ahead of delivery, name lines and quantities with --lines".into(),
            DatabaseDamaged { newest_backup: Some(b), .. } if zh => format!("恢复：kaidan restore \"{b}\" --yes"),
            DatabaseDamaged { newest_backup: Some(b), .. } => format!("to restore: kaidan restore \"{b}\" --yes"),
            NoPrinter { .. } | NoSuchPrinter { .. } if zh => {
                "`kaidan printers` 列出打印机；用 --printer 名称 指定，或 `kaidan settings set printer_a4 名称` 为纸张选定".into()
            }
            NoPrinter { .. } | NoSuchPrinter { .. } => {
                "`kaidan printers` lists them; name one with --printer, or choose one per paper with `kaidan settings set printer_a4 NAME`"
                    .into()
            }
            RestoreNotConfirmed if zh => "确认请加 --yes".into(),
            RestoreNotConfirmed => "add --yes to confirm".into(),
            _ => return None,
        })
    }
}

impl crate::Error {
    /// [`crate::Error::message`] with the command line's hint after it, if the problem has one.
    pub fn cli_message(&self, lang: Lang) -> String {
        // every problem of an input checked whole, one a line
        self.each()
            .map(|e| {
                let message = e.message(lang);
                match e.problem.cli_hint(lang) {
                    Some(h) if lang == Lang::ZhCn => format!("{message}（{h}）"),
                    Some(h) => format!("{message} ({h})"),
                    None => message,
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use crate::{Error, Lang, Problem};

    /// The window shows `message`; only the command line adds what to type.
    #[test]
    fn problems_name_commands_only_on_the_command_line() {
        let b = "/备份/kaidan-2026-12-04.kdb".to_string();
        for (p, hint) in [
            (Problem::NothingToInvoice { number: "SO-2026-000001".into() }, "--lines"),
            (Problem::NotInitialized, "kaidan init"),
            (Problem::RestoreNotConfirmed, "--yes"),
            (Problem::DatabaseDamaged { detail: "page 3".into(), newest_backup: Some(b.clone()) }, "kaidan restore"),
        ] {
            for lang in [Lang::ZhCn, Lang::En] {
                let e = Error::new(p.clone());
                assert!(!e.message(lang).contains(hint), "{}", e.message(lang));
                assert!(e.cli_message(lang).starts_with(&e.message(lang)), "{}", e.cli_message(lang));
                assert!(e.cli_message(lang).contains(hint), "{}", e.cli_message(lang));
            }
        }
        let damaged = Error::new(Problem::DatabaseDamaged { detail: "page 3".into(), newest_backup: Some(b.clone()) });
        assert!(damaged.message(Lang::ZhCn).contains(&b), "the window still names the backup");
        assert_eq!(
            Error::new(Problem::NotFound { what: crate::error::Entity::Order, key: "x".into() }).cli_message(Lang::En),
            Error::new(Problem::NotFound { what: crate::error::Entity::Order, key: "x".into() }).message(Lang::En)
        );
    }

    /// No message of any problem names a command or a flag: the window shows them all.
    #[test]
    fn no_problem_message_has_command_line_words() {
        let src = include_str!("problems.rs");
        for (i, line) in src.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for bad in ["--", "kaidan "] {
                // inside a string literal: an odd number of quotes before it
                if let Some(at) = code.find(bad) {
                    let quotes = code[..at].matches('"').count();
                    assert!(quotes % 2 == 0, "problems.rs line {}: {bad:?} in a message: {line}", i + 1);
                }
            }
        }
    }
}
