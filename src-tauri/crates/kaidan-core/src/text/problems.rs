//! The catalogue's messages for errors: every [`Problem`] in zh-CN and English, and the words
//! for what an error points at ([`Entity`], [`FieldKey`], [`Field`]).

use crate::error::{Entity, Field, FieldKey, Problem};
use crate::fixed::NumberIssue;
use crate::text::vocab::Word;
use crate::Lang;

impl Entity {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Product, Lang::ZhCn) => "商品",
            (Self::Customer, Lang::ZhCn) => "客户",
            (Self::Order, Lang::ZhCn) => "订单",
            (Self::Delivery, Lang::ZhCn) => "送货单",
            (Self::Operator, Lang::ZhCn) => "操作员",
            (Self::Location, Lang::ZhCn) => "库位",
            (Self::OrderLine, Lang::ZhCn) => "订单行",
            (Self::Invoice, Lang::ZhCn) => "销售单",
            (Self::InvoiceLine, Lang::ZhCn) => "销售单行",
            (Self::Payment, Lang::ZhCn) => "收款单",
            (Self::Return, Lang::ZhCn) => "退货单",
            (Self::Product, Lang::En) => "product",
            (Self::Customer, Lang::En) => "customer",
            (Self::Order, Lang::En) => "order",
            (Self::Delivery, Lang::En) => "delivery",
            (Self::Operator, Lang::En) => "operator",
            (Self::Location, Lang::En) => "location",
            (Self::OrderLine, Lang::En) => "order line",
            (Self::Invoice, Lang::En) => "invoice",
            (Self::InvoiceLine, Lang::En) => "invoice line",
            (Self::Payment, Lang::En) => "payment",
            (Self::Return, Lang::En) => "return",
        }
    }
}

impl FieldKey {
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Self::Sku => ("商品编码", "SKU"),
            Self::Barcode => ("条码", "barcode"),
            Self::Name => ("名称", "name"),
            Self::Spec => ("规格型号", "spec"),
            Self::Unit => ("单位", "unit"),
            Self::Price => ("售价", "price"),
            Self::Cost => ("成本", "cost"),
            Self::TaxRate => ("税率", "tax rate"),
            Self::ReorderPoint => ("补货点", "reorder point"),
            Self::Customer => ("客户", "customer"),
            Self::ContactPerson => ("联系人", "contact person"),
            Self::Phone => ("电话", "phone"),
            Self::Address => ("地址", "address"),
            Self::Region => ("地区", "region"),
            Self::Email => ("邮箱", "e-mail"),
            Self::CreditLimit => ("信用额度", "credit limit"),
            Self::PaymentTerms => ("账期（天）", "payment terms (days)"),
            Self::Notes => ("备注", "notes"),
            Self::Line => ("订单行", "line"),
            Self::Qty => ("数量", "quantity"),
            Self::UnitPrice => ("单价", "unit price"),
            Self::Discount => ("折扣", "discount"),
            Self::Channel => ("渠道", "channel"),
            Self::OrderDate => ("下单日期", "order date"),
            Self::DeliverBy => ("交货日期", "delivery date"),
            Self::Reason => ("原因", "reason"),
            Self::Operator => ("操作员", "operator"),
            Self::Pin => ("PIN 码", "PIN"),
            Self::Role => ("角色", "role"),
            Self::Setting => ("设置项", "setting"),
            Self::RequestId => ("请求编号", "request id"),
            Self::Status => ("状态", "status"),
            Self::Limit => ("条数", "limit"),
            Self::Cursor => ("翻页游标", "cursor"),
            Self::Counted => ("盘点数量", "counted quantity"),
            Self::Amount => ("金额", "amount"),
            Self::Method => ("收款方式", "method"),
            Self::Invoice => ("销售单", "invoice"),
            Self::Payment => ("收款单", "payment"),
            Self::Reference => ("参考号", "reference"),
            Self::Order => ("订单", "order"),
            Self::Date => ("日期", "date"),
            Self::From => ("起始日期", "from date"),
            Self::To => ("截止日期", "to date"),
            Self::Settlement => ("结算方式", "settlement"),
            Self::Printer => ("打印机", "printer"),
            Self::Copies => ("份数", "copies"),
            Self::Period => ("期间", "period"),
            Self::By => ("按", "by"),
            Self::Compare => ("对比", "comparison"),
            Self::Rank => ("排序", "ranking"),
            Self::Days => ("天数", "days"),
            Self::Paper => ("纸张", "paper"),
        };
        match lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }
}

impl Field {
    pub(crate) fn describe(&self, lang: Lang) -> String {
        match (self.row, lang) {
            (Some(r), Lang::ZhCn) => format!("第 {r} 行「{}」", self.key.label(lang)),
            (Some(r), Lang::En) => format!("line {r}, {}", self.key.label(lang)),
            (None, Lang::ZhCn) => format!("「{}」", self.key.label(lang)),
            (None, Lang::En) => self.key.label(lang).to_string(),
        }
    }
}

impl Problem {
    pub(crate) fn text(&self, lang: Lang) -> String {
        use Lang::*;
        use Problem::*;
        let zh = lang == ZhCn;
        match self {
            NotInitialized => {
                if zh {
                    "还没有建立店铺".into()
                } else {
                    "No shop here yet".into()
                }
            }
            AlreadyInitialized => {
                if zh {
                    "店铺已经建立，无需再次初始化".into()
                } else {
                    "The shop is already set up".into()
                }
            }
            NotFound { what, key } => {
                if zh {
                    format!("找不到{}“{key}”", what.label(lang))
                } else {
                    format!("no {} \"{key}\"", what.label(lang))
                }
            }
            Ambiguous { what, key, candidates } => {
                if zh {
                    format!("“{key}”对应多个{}：{}，请写得更具体", what.label(lang), candidates.join("、"))
                } else {
                    format!("\"{key}\" matches more than one {}: {}; be more specific", what.label(lang), candidates.join(", "))
                }
            }
            BadNumber { text, issue } => match (issue, zh) {
                (NumberIssue::NotANumber, true) => format!("“{text}”不是有效的数字"),
                (NumberIssue::NotANumber, false) => format!("\"{text}\" is not a number"),
                (NumberIssue::TooManyDecimals { max }, true) => format!("“{text}”最多只能有 {max} 位小数"),
                (NumberIssue::TooManyDecimals { max }, false) => format!("\"{text}\" has more than {max} decimal places"),
                (NumberIssue::TooLarge, true) => format!("“{text}”超出允许的范围"),
                (NumberIssue::TooLarge, false) => format!("\"{text}\" is too large"),
                (NumberIssue::Negative, true) => format!("“{text}”不能为负数"),
                (NumberIssue::Negative, false) => format!("\"{text}\" must not be negative"),
                (NumberIssue::NotPositive, true) => format!("“{text}”必须大于 0"),
                (NumberIssue::NotPositive, false) => format!("\"{text}\" must be greater than 0"),
            },
            Required => {
                if zh {
                    "不能为空".into()
                } else {
                    "is required".into()
                }
            }
            TooLong { max } => {
                if zh {
                    format!("不能超过 {max} 个字")
                } else {
                    format!("must be at most {max} characters")
                }
            }
            BadChoice { text, allowed } => {
                if zh {
                    format!("“{text}”无效，可选：{}", allowed.join("、"))
                } else {
                    format!("\"{text}\" is not one of: {}", allowed.join(", "))
                }
            }
            RangeInverted { from, to } => {
                if zh {
                    format!("{to} 早于起始日期 {from}")
                } else {
                    format!("{to} is before the from date {from}")
                }
            }
            RangeTooLong { years } => {
                if zh {
                    format!("日期范围不能超过 {years} 年")
                } else {
                    format!("a range may be at most {years} years long")
                }
            }
            BadDate { text } => {
                if zh {
                    format!("“{text}”不是有效日期（格式 YYYY-MM-DD）")
                } else {
                    format!("\"{text}\" is not a date (YYYY-MM-DD)")
                }
            }
            BadEmail { text } => {
                if zh {
                    format!("“{text}”不是邮箱地址（应像 name@example.com）")
                } else {
                    format!("\"{text}\" is not an e-mail address (like name@example.com)")
                }
            }
            EmptyOrder => {
                if zh {
                    "订单至少要有一行商品".into()
                } else {
                    "an order needs at least one line".into()
                }
            }
            BadSetting { key, value } => {
                if zh {
                    format!("设置项 {key} 的值“{value}”无效")
                } else {
                    format!("\"{value}\" is not a valid value for setting {key}")
                }
            }
            UnknownSetting { key } => {
                if zh {
                    format!("没有设置项“{key}”")
                } else {
                    format!("there is no setting \"{key}\"")
                }
            }
            Duplicate { what, key } => {
                if zh {
                    format!("{}“{key}”已存在", what.label(lang))
                } else {
                    format!("{} \"{key}\" already exists", what.label(lang))
                }
            }
            InsufficientStock { sku, needed, available, also } => {
                let more: String = also
                    .iter()
                    .map(|s| {
                        if zh {
                            format!("；{} 需要 {}，可用 {}", s.sku, s.needed, s.available)
                        } else {
                            format!("; {}: {} needed, {} available", s.sku, s.needed, s.available)
                        }
                    })
                    .collect();
                match (zh, also.is_empty()) {
                    (true, true) => format!("商品 {sku} 库存不足：需要 {needed}，可用 {available}"),
                    (true, false) => format!("{} 个商品库存不足：{sku} 需要 {needed}，可用 {available}{more}", also.len() + 1),
                    (false, true) => format!("not enough stock of {sku}: {needed} needed, {available} available"),
                    (false, false) => {
                        format!("not enough stock of {} products: {sku}: {needed} needed, {available} available{more}", also.len() + 1)
                    }
                }
            }
            NegativeStock { sku, on_hand, change } => {
                if zh {
                    format!("商品 {sku} 现有库存 {on_hand}，变动 {change} 后将为负数（设置中未允许负库存）")
                } else {
                    format!("{sku} has {on_hand} on hand; a change of {change} would make it negative (negative stock is off)")
                }
            }
            CreditLimit { limit, exposure, order_total } => {
                if zh {
                    format!("超出信用额度：额度 {limit}，加上本单 {order_total} 后欠款及未结订单共 {exposure}")
                } else {
                    format!("over the credit limit: limit {limit}, open orders and unpaid amounts would be {exposure} with this order's {order_total}")
                }
            }
            BelowCost { sku } => {
                if zh {
                    format!("商品 {sku} 的售价低于成本")
                } else {
                    format!("{sku} is priced below its cost")
                }
            }
            WrongState { number, status, action } => {
                if zh {
                    format!("订单 {number} 当前为“{}”，不能{}", status.label(lang), action.label(lang))
                } else {
                    format!("order {number} is {}; it cannot {}", status.label(lang), action.label(lang))
                }
            }
            OverDelivery { sku, remaining, asked } => {
                if zh {
                    format!("商品 {sku} 只剩 {remaining} 未发，不能发 {asked}")
                } else {
                    format!("only {remaining} of {sku} remain to deliver, not {asked}")
                }
            }
            OverInvoice { sku, remaining, asked } => {
                if zh {
                    format!("商品 {sku} 只剩 {remaining} 可开单，不能开 {asked}")
                } else {
                    format!("only {remaining} of {sku} remain to invoice, not {asked}")
                }
            }
            NothingToInvoice { number } => {
                if zh {
                    format!("订单 {number} 没有已发货未开单的数量：先发货，再开销售单")
                } else {
                    format!("order {number} has nothing delivered and not yet invoiced: deliver first, then invoice")
                }
            }
            OverCredit { sku, remaining, asked } => {
                if zh {
                    format!("商品 {sku} 只剩 {remaining} 可冲销，不能冲销 {asked}")
                } else {
                    format!("only {remaining} of {sku} remain to credit, not {asked}")
                }
            }
            NothingToCredit { number } => {
                if zh {
                    format!("销售单 {number} 已全部冲销")
                } else {
                    format!("invoice {number} is already fully credited")
                }
            }
            NotAnInvoice { number } => {
                if zh {
                    format!("{number} 是冲销单，只能冲销销售单")
                } else {
                    format!("{number} is a credit note: only an invoice can be credited")
                }
            }
            NotEnoughCredit { available, asked } => {
                if zh {
                    format!("客户只有 {available} 未核销的余款，不能退或核销 {asked}")
                } else {
                    format!("the customer has only {available} of unallocated credit, not {asked}")
                }
            }
            OverAllocation { invoice, open, asked } => {
                if zh {
                    format!("销售单 {invoice} 只剩 {open} 未收，不能核销 {asked}")
                } else {
                    format!("only {open} is open on invoice {invoice}, not {asked}")
                }
            }
            AlreadyReversed { number } => {
                if zh {
                    format!("收款单 {number} 已经冲回过（或本身是冲回单）")
                } else {
                    format!("payment {number} is already reversed (or is itself a reversal)")
                }
            }
            ReceiptRefunded { number } => {
                if zh {
                    format!("收款单 {number} 的钱已有部分退给客户：请先冲回那笔退款")
                } else {
                    format!("part of payment {number} was refunded to the customer: reverse that refund first")
                }
            }
            OverReturn { sku, returnable, asked } => {
                if zh {
                    format!("商品 {sku} 已送出且未退的只有 {returnable}，不能退 {asked}")
                } else {
                    format!("only {returnable} of {sku} were delivered and not yet returned, not {asked}")
                }
            }
            DeliveryOverCredit { limit, exposure, owner_may_approve } => match (zh, owner_may_approve) {
                (true, true) => format!("客户已超出信用额度（额度 {limit}，欠款及未结订单 {exposure}）：发货需店主批准"),
                (true, false) => format!("客户已超出信用额度（额度 {limit}，欠款及未结订单 {exposure}）：先收款再发货"),
                (false, true) => {
                    format!("the customer is over the credit limit ({limit}; owed and open orders {exposure}): the owner must approve this delivery")
                }
                (false, false) => {
                    format!("the customer is over the credit limit ({limit}; owed and open orders {exposure}): take a payment before delivering")
                }
            },
            PrintFailed { detail } => {
                if zh {
                    format!("无法生成单据：{detail}")
                } else {
                    format!("the document could not be made: {detail}")
                }
            }
            NoPrinter { paper } => {
                if zh {
                    format!("没有可用的打印机（{paper} 纸）：在 设置 → 打印 里选一台打印机，或者先用“预览”在 PDF 查看器里打印")
                } else {
                    format!("there is no printer for {paper} paper: choose one in Settings → Printing, or use Preview to print from the PDF viewer")
                }
            }
            NoSuchPrinter { printer } => {
                if zh {
                    format!("这台电脑上找不到打印机“{printer}”：检查打印机是否已安装、已开机，或在 设置 → 打印 里另选一台")
                } else {
                    format!("the printer \"{printer}\" is not installed on this computer: check it is installed and on, or choose another in Settings → Printing")
                }
            }
            PrinterRefused { printer, detail } => {
                if zh {
                    format!("打印机“{printer}”没有接受打印任务（{detail}）：检查打印机后再打印，或用“预览”在 PDF 查看器里打印")
                } else {
                    format!("the printer \"{printer}\" did not take the job ({detail}): check the printer and print again, or use Preview to print from the PDF viewer")
                }
            }
            OpenFailed { path, detail } => {
                if zh {
                    format!("系统没能打开 {path}（{detail}）：文件已保存，可以打开所在文件夹，用别的程序打开")
                } else {
                    format!("the system could not open {path} ({detail}): the file is saved; open its folder and use another program")
                }
            }
            NothingToDeliver { number } => {
                if zh {
                    format!("订单 {number} 没有待发货的数量")
                } else {
                    format!("order {number} has nothing left to deliver")
                }
            }
            BelowDelivered { sku, delivered } => {
                if zh {
                    format!("商品 {sku} 已发货 {delivered}，数量不能改得更少")
                } else {
                    format!("{delivered} of {sku} were already delivered; the quantity cannot go below that")
                }
            }
            BelowInvoiced { sku, invoiced } => {
                if zh {
                    format!("商品 {sku} 已开单 {invoiced}，数量不能改得更少（先开冲销单）")
                } else {
                    format!("{invoiced} of {sku} are already invoiced; the quantity cannot go below that (issue a credit note first)")
                }
            }
            Inactive { sku } => {
                if zh {
                    format!("商品 {sku} 已停用")
                } else {
                    format!("product {sku} is inactive")
                }
            }
            ChangeNeedsApproval => {
                if zh {
                    "这次修改超出了审批规则（金额、信用或低于成本），需要店主来修改".into()
                } else {
                    "this change needs the owner's approval (amount, credit or below-cost rule); ask the owner to make it".into()
                }
            }
            NotAllowed { action } => {
                let what = action.word(lang);
                if zh {
                    format!("店员不能{what}：请店主在旁输入 PIN 批准，或由店主操作")
                } else {
                    format!("a clerk may not {what}: the owner can approve it on the spot with their PIN, or do it")
                }
            }
            WrongPin { operator, tries_left } => match (zh, tries_left) {
                (true, 0) => format!("操作员“{operator}”的 PIN 码不正确，已暂时锁定，请稍后再试"),
                (true, n) => format!("操作员“{operator}”的 PIN 码不正确，还可再试 {n} 次"),
                (false, 0) => format!("wrong PIN for operator \"{operator}\"; they are locked for a while, try again later"),
                (false, n) => format!("wrong PIN for operator \"{operator}\"; {n} more tries before a lock"),
            },
            PinLocked { operator, seconds } => {
                let (m, s) = (seconds / 60, seconds % 60);
                match (zh, m) {
                    (true, 0) => format!("操作员“{operator}”输错 PIN 次数过多，请 {s} 秒后再试"),
                    (true, m) => format!("操作员“{operator}”输错 PIN 次数过多，请 {m} 分 {s} 秒后再试"),
                    (false, 0) => format!("too many wrong PINs for operator \"{operator}\": try again in {s} s"),
                    (false, m) => format!("too many wrong PINs for operator \"{operator}\": try again in {m} min {s} s"),
                }
            }
            ApproverNotOwner { operator } => {
                if zh {
                    format!("“{operator}”不是店主，不能批准")
                } else {
                    format!("\"{operator}\" is not an owner and cannot approve")
                }
            }
            OperatorInactive { operator } => {
                if zh {
                    format!("操作员“{operator}”已停用")
                } else {
                    format!("operator \"{operator}\" is deactivated")
                }
            }
            SignInNeeded => {
                if zh {
                    "请先选择操作员并输入 PIN 登录".into()
                } else {
                    "sign in first: choose who you are and enter your PIN".into()
                }
            }
            PinFormat => {
                if zh {
                    "须为 4–12 位数字".into()
                } else {
                    "must be 4 to 12 digits".into()
                }
            }
            OwnerNeedsPin { owner } => {
                if zh {
                    format!("店里有其他操作员时，店主“{owner}”必须设 PIN（别人才不能冒用店主登录或批准）")
                } else {
                    format!("with other operators at the counter, owner \"{owner}\" needs a PIN (so nobody else can sign in or approve as the owner)")
                }
            }
            LastOwner => {
                if zh {
                    "店里至少要有一位在用的店主".into()
                } else {
                    "the shop needs at least one active owner".into()
                }
            }
            RequestReused { request_id } => {
                if zh {
                    format!("请求编号 {request_id} 已用于另一项操作")
                } else {
                    format!("request id {request_id} was already used for a different action")
                }
            }
            Storage { detail } => {
                if zh {
                    format!("数据库错误：{detail}")
                } else {
                    format!("database error: {detail}")
                }
            }
            Cancelled => {
                if zh {
                    "已取消".into()
                } else {
                    "cancelled".into()
                }
            }
            BackupFolderMissing { folder } => {
                if zh {
                    format!("备份文件夹“{folder}”不存在（U 盘拔掉了？）；店铺照常工作，下次会再试")
                } else {
                    format!("the backup folder \"{folder}\" is not there (USB drive unplugged?); the shop keeps working and the next backup tries again")
                }
            }
            BackupWriteFailed { folder, detail } => {
                if zh {
                    format!("无法在“{folder}”写入备份（{detail}）；店铺照常工作，下次会再试")
                } else {
                    format!("could not write the backup in \"{folder}\" ({detail}); the shop keeps working and the next backup tries again")
                }
            }
            BackupUnverified { detail } => {
                if zh {
                    format!("备份写入后校验失败：{detail}；已删除这份备份")
                } else {
                    format!("the backup did not verify ({detail}) and was removed")
                }
            }
            BackupDamaged { file, detail } => {
                if zh {
                    format!("备份“{file}”已损坏或不是开单备份：{detail}")
                } else {
                    format!("\"{file}\" is damaged or not a Kaidan backup: {detail}")
                }
            }
            BackupTooNew { version, supported } => {
                if zh {
                    format!("这份备份来自更新版本的开单（数据版本 {version}，本程序支持到 {supported}）；请先升级开单再恢复")
                } else {
                    format!("this backup was made by a newer Kaidan (schema {version}, this version knows up to {supported}); update Kaidan to restore it")
                }
            }
            DatabaseDamaged { detail, newest_backup } => match (zh, newest_backup) {
                (true, Some(b)) => format!("店铺数据库已损坏（{detail}），为保护数据未做任何写入；可以用最新的完好备份恢复：{b}"),
                (true, None) => format!("店铺数据库已损坏（{detail}），为保护数据未做任何写入；没有找到可用的备份"),
                (false, Some(b)) => {
                    format!("the shop's database is damaged ({detail}); nothing was written to it. Restore the newest good backup: {b}")
                }
                (false, None) => {
                    format!("the shop's database is damaged ({detail}); nothing was written to it, and no good backup was found")
                }
            },
            UnknownStored { column, value } => {
                if zh {
                    format!("数据库的 {column} 中有开单不认识的值“{value}”：数据可能已损坏或被其他程序改动。请在“设置”中从备份恢复，或联系技术支持")
                } else {
                    format!("the database holds \"{value}\" in {column}, which Kaidan does not know: the data may be damaged or changed by another program. Restore a backup (Settings) or ask for support")
                }
            }
            Sheet { problem } => problem.text(lang),
            BackupNotListed { file } => {
                if zh {
                    format!("“{file}”不在备份文件夹中：只能恢复列出的备份")
                } else {
                    format!("\"{file}\" is not in the backup folder: only a listed backup can be restored")
                }
            }
            UploadGone => {
                if zh {
                    "要导入的文件已不在，请重新选择文件".into()
                } else {
                    "the file to import is gone: choose it again".into()
                }
            }
            ImportHasErrors { count, row, letter, header, problem } => {
                let at = crate::text::sheet::located(lang, *row, letter.as_deref(), header.as_deref(), &problem.text(lang));
                if zh {
                    format!("文件里有 {count} 处错误，什么都没有导入。第一处：{at}。改好文件后再导入，或选择只导入没有错误的行")
                } else {
                    format!("the file has {count} error(s) and nothing was imported. The first: {at}. Fix the file and import it again, or choose to import only the rows without errors")
                }
            }
            ImportRowRefused { row, detail } => {
                let at = crate::text::sheet::located(lang, *row, None, None, detail);
                if zh {
                    format!("{at}；什么都没有导入")
                } else {
                    format!("{at}; nothing was imported")
                }
            }
            ImportedBefore { sheet, at, batch } => match (sheet, zh) {
                (Some(s), true) => format!("这个文件的工作表“{s}”已在 {at} 导入过（批次 {batch}）；要重新导入，请先撤销那一批"),
                (None, true) => format!("这个文件已在 {at} 导入过（批次 {batch}）；要重新导入，请先撤销那一批"),
                (Some(s), false) => {
                    format!("sheet \"{s}\" of this file was already imported on {at} (batch {batch}); undo that batch to import it again")
                }
                (None, false) => format!("this file was already imported on {at} (batch {batch}); undo that batch to import it again"),
            },
            ImportUndoBlocked { record } => {
                if zh {
                    format!("“{record}”用到了这一批导入的客户、商品或订单，或在导入后有了改动：这一批不能再撤销")
                } else {
                    format!("\"{record}\" uses this import's customers, products or orders, or changed after it: the batch can no longer be undone")
                }
            }
            ImportFile { detail } => {
                if zh {
                    format!("无法读取导入文件：{detail}")
                } else {
                    format!("cannot read the import file: {detail}")
                }
            }
            RestoreNotConfirmed => {
                if zh {
                    "恢复会替换店里现在的全部数据，需要先确认".into()
                } else {
                    "restoring replaces all of the shop's current data: it needs your confirmation first".into()
                }
            }
            UpdatesOff => {
                if zh {
                    "这份开单不是正式安装包装的，不能自动更新：请从开单的发布页下载新的安装程序，装在这份上面（数据会保留）".into()
                } else {
                    "this copy of Kaidan was not installed from a release, so it cannot update itself: download the new installer from Kaidan's releases page and run it over this one (your data stays)".into()
                }
            }
            UpdateCheckFailed { detail } => {
                if zh {
                    format!("连不上更新服务器（{detail}）；店铺照常工作，联网后再试")
                } else {
                    format!("could not reach the update server ({detail}); the shop keeps working: try again when the PC is online")
                }
            }
            UpdateRefused { detail } => {
                if zh {
                    format!("下载的更新没有通过签名校验，已丢弃，没有安装（{detail}）；什么都没有改变。如果一再出现，请联系开单")
                } else {
                    format!("the downloaded update failed its signature check and was thrown away, not installed ({detail}); nothing changed. If this keeps happening, tell Kaidan's makers")
                }
            }
            ServerUnreachable { detail } => {
                if zh {
                    format!("连不上店里的服务器（{detail}）；这台收银机照常开单，做过的事等连上后再发送")
                } else {
                    format!("could not reach the shop's server ({detail}); this counter keeps working and sends what it did once the server answers")
                }
            }
            ServerNotTrusted { why, detail } => {
                use crate::error::Distrust::*;
                let why = match (why, zh) {
                    (WrongHost, true) => "证书上写的不是服务器地址里的主机名".to_string(),
                    (WrongHost, false) => "it is not made out to the host name in the server's address".to_string(),
                    (UnknownAuthority, true) => "证书不是由这台收银机信任的机构签发的".to_string(),
                    (UnknownAuthority, false) => "it is not signed by an authority this counter trusts".to_string(),
                    (OutOfDate, true) => "证书已过期或尚未生效（也请核对这台电脑的日期）".to_string(),
                    (OutOfDate, false) => "it has expired or is not valid yet (check this PC's date too)".to_string(),
                    (AuthorityFile, true) => format!("证书文件读不出来：{detail}"),
                    (AuthorityFile, false) => format!("the certificate file cannot be read: {detail}"),
                    (Other, _) => detail.clone(),
                };
                if zh {
                    format!("店里服务器的证书没有通过检查：{why}。这台收银机没有发送任何内容；请店主核对服务器地址里的主机名和证书文件")
                } else {
                    format!("the shop's server's certificate did not pass the check: {why}. This counter sent nothing: ask the owner to check the host name in the server's address and the certificate file")
                }
            }
            ServerRefused { detail } => {
                if zh {
                    format!("店里的服务器拒绝了这台收银机发送的内容（{detail}）；这里什么都没有丢，请让店主检查服务器上登记的收银机")
                } else {
                    format!("the shop's server refused what this counter sent ({detail}); nothing is lost here: ask the owner to check this counter's registration on the server")
                }
            }
            NoServer => {
                if zh {
                    "这台电脑没有连接店里的服务器（单机使用）".into()
                } else {
                    "this PC is not linked to a shop server (it works on its own)".into()
                }
            }
            SyncRunning => {
                if zh {
                    "正在和服务器同步，请稍等片刻再试".into()
                } else {
                    "a sync with the server is running: try again in a moment".into()
                }
            }
            AlreadyLinked { server } => {
                if zh {
                    format!("这台收银机已经连接服务器 {server}")
                } else {
                    format!("this counter is already linked to the server {server}")
                }
            }
            DeviceCodeFormat { given } => {
                if zh {
                    format!("收银机代码「{given}」不对：用 1 到 8 个大写字母或数字，以字母开头，例如 B 或 WH1")
                } else {
                    format!("the counter code \"{given}\" is not valid: use 1 to 8 capital letters or digits starting with a letter, such as B or WH1")
                }
            }
            DeviceCodeTaken { code } => {
                if zh {
                    format!("服务器上已经有代码为 {code} 的收银机：给新收银机换一个代码")
                } else {
                    format!("the shop's server already has a counter {code}: give the new counter another code")
                }
            }
            JoinNeedsNewFile { path } => {
                if zh {
                    format!("加入店铺会新建一个数据文件，但 {path} 已经存在；请换一个位置")
                } else {
                    format!("joining a shop makes a new data file, but {path} already exists: choose another place")
                }
            }
            UpdateBusy => {
                if zh {
                    "正在导入，开单不会在导入时更新；导入完成后再更新".into()
                } else {
                    "an import is running and Kaidan does not update itself during one: update when it has finished".into()
                }
            }
            UpdateRestarting => {
                if zh {
                    "开单正在安装新版本，马上重新启动；重启后再保存".into()
                } else {
                    "Kaidan is installing its new version and restarts in a moment: save again after the restart".into()
                }
            }
            UpdateFailed { detail, backup, program_left } => {
                let kept = match (backup, zh) {
                    (Some(b), true) => format!("；更新前的备份在“{b}”"),
                    (Some(b), false) => format!("; the backup made before it is \"{b}\""),
                    (None, _) => String::new(),
                };
                match (program_left, zh) {
                    (Some(p), true) => format!("更新没有装好（{detail}），原来的程序被留在“{p}”；请从开单的发布页下载安装程序重新安装，数据没有改动{kept}"),
                    (Some(p), false) => format!("the update could not be put in place ({detail}) and the old program was left in \"{p}\": download the installer from Kaidan's releases page and install it again; the data is untouched{kept}"),
                    (None, true) => format!("更新没有安装（{detail}）；开单还是原来的版本，数据没有改动{kept}。可以稍后再试，或从开单的发布页下载安装程序，装在这份上面"),
                    (None, false) => format!("the update was not installed ({detail}); Kaidan is still the version it was and the data is untouched{kept}. Try again later, or download the installer from Kaidan's releases page and run it over this copy"),
                }
            }
            UpdateUnavailable { detail } => {
                if zh {
                    format!("更新服务器上还没有这台电脑能装的新版本（{detail}）；要现在更新，请从开单的发布页下载安装程序")
                } else {
                    format!("the update server has no new version this computer can install yet ({detail}); to update now, download the installer from Kaidan's releases page")
                }
            }
            UpdateDownloading => {
                if zh {
                    "新版本正在下载；等它下完，或先停止那次下载".into()
                } else {
                    "the new version is already downloading: wait for it, or stop that download first".into()
                }
            }
            UpdateNotReady => {
                if zh {
                    "还没有下载好可以安装的新版本：请再检查一次更新，然后安装".into()
                } else {
                    "no new version has been downloaded to install: check for updates again, then install".into()
                }
            }
        }
    }
}
