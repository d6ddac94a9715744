//! Human-readable output, in zh-CN or English, with columns aligned for CJK text.

use std::fmt::Write;
use std::path::Path;

use kaidan_api::core::model::{
    Account, Aging, AuditEntry, Company, CreditPosition, Customer, Delivery, Invoice, InvoiceKind, InvoiceSummary, Operator, Order,
    OrderSummary, Payment, Product, SalesReturn, Statement, StockLevel, StockMove,
};
use kaidan_api::core::{Lang, Settings};
use kaidan_api::{CheckReport, DeliveryOutcome, DemoSummary};
use unicode_width::UnicodeWidthStr;

fn t(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

/// Left-aligned text columns, right-aligned columns listed in `right`.
fn table(header: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.width());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(c.width());
            if right.contains(&i) {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                if i + 1 < cells.len() {
                    s.push_str(&" ".repeat(pad));
                }
            }
            if i + 1 < cells.len() {
                s.push_str("  ");
            }
        }
        s.trim_end().to_string()
    };
    let mut out = line(header.to_vec());
    out.push('\n');
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
        out.push('\n');
    }
    out
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("-")
}

pub fn initialized(l: Lang, name: &str, db: &Path) -> String {
    match l {
        Lang::ZhCn => format!("已建立店铺“{name}”\n数据库：{}", db.display()),
        Lang::En => format!("Created shop \"{name}\"\nDatabase: {}", db.display()),
    }
}

pub fn demo_skipped(l: Lang, db: &Path) -> String {
    match l {
        Lang::ZhCn => format!("店铺已有数据，未添加示例数据（{}）", db.display()),
        Lang::En => format!("The shop already has data; no demo added ({})", db.display()),
    }
}

pub fn demo(l: Lang, s: &DemoSummary, db: &Path) -> String {
    let mut out = match l {
        Lang::ZhCn => format!("示例数据：{} 个商品，{} 个客户，{} 张订单\n", s.products, s.customers, s.orders),
        Lang::En => format!("Demo data: {} products, {} customers, {} orders\n", s.products, s.customers, s.orders),
    };
    for (st, n) in &s.by_status {
        let _ = writeln!(out, "  {}: {n}", st.label(l));
    }
    let _ = write!(out, "{}{}", t(l, "数据库：", "Database: "), db.display());
    out
}

pub fn company(l: Lang, c: &Company) -> String {
    table(
        &[t(l, "项目", "field"), t(l, "内容", "value")],
        &[
            vec![t(l, "店名", "name").into(), c.name.clone()],
            vec![t(l, "地址", "address").into(), opt(&c.address).into()],
            vec![t(l, "电话", "phone").into(), opt(&c.phone).into()],
            vec![t(l, "税号", "tax id").into(), opt(&c.tax_id).into()],
            vec![t(l, "银行账户", "bank account").into(), opt(&c.bank_account).into()],
        ],
        &[],
    )
}

pub fn operators(l: Lang, ops: &[Operator]) -> String {
    let rows: Vec<Vec<String>> = ops
        .iter()
        .map(|o| {
            vec![
                o.name.clone(),
                match (o.role, l) {
                    (kaidan_api::core::Role::Owner, Lang::ZhCn) => "店主".into(),
                    (kaidan_api::core::Role::Clerk, Lang::ZhCn) => "店员".into(),
                    (r, Lang::En) => r.as_str().into(),
                },
                if o.has_pin { t(l, "有", "yes") } else { t(l, "无", "no") }.into(),
            ]
        })
        .collect();
    table(&[t(l, "姓名", "name"), t(l, "角色", "role"), "PIN"], &rows, &[])
}

pub fn settings(l: Lang, s: &Settings) -> String {
    let rows: Vec<Vec<String>> =
        kaidan_api::core::settings::SETTING_KEYS.iter().map(|k| vec![k.to_string(), s.get(k).unwrap_or_default()]).collect();
    table(&[t(l, "设置项", "setting"), t(l, "值", "value")], &rows, &[])
}

pub fn product(l: Lang, p: &Product) -> String {
    table(
        &[t(l, "项目", "field"), t(l, "内容", "value")],
        &[
            vec![t(l, "编码", "SKU").into(), p.sku.clone()],
            vec![t(l, "条码", "barcode").into(), opt(&p.barcode).into()],
            vec![t(l, "名称", "name").into(), p.name.clone()],
            vec![t(l, "规格型号", "spec").into(), opt(&p.spec).into()],
            vec![t(l, "单位", "unit").into(), p.unit.clone()],
            vec![t(l, "售价", "price").into(), p.price.to_string()],
            vec![t(l, "成本", "cost").into(), p.cost.to_string()],
            vec![t(l, "税率 %", "tax rate %").into(), p.tax_rate.to_string()],
            vec![t(l, "补货点", "reorder point").into(), p.reorder_point.to_string()],
            vec![t(l, "状态", "active").into(), if p.active { t(l, "在售", "yes") } else { t(l, "停用", "no") }.into()],
        ],
        &[],
    )
}

pub fn products(l: Lang, ps: &[Product]) -> String {
    let rows: Vec<Vec<String>> = ps
        .iter()
        .map(|p| vec![p.sku.clone(), p.name.clone(), opt(&p.spec).into(), p.unit.clone(), p.price.to_string(), p.cost.to_string()])
        .collect();
    table(
        &[
            t(l, "编码", "SKU"),
            t(l, "名称", "name"),
            t(l, "规格型号", "spec"),
            t(l, "单位", "unit"),
            t(l, "售价", "price"),
            t(l, "成本", "cost"),
        ],
        &rows,
        &[4, 5],
    )
}

pub fn customer(l: Lang, c: &Customer, pos: Option<&CreditPosition>) -> String {
    let none = t(l, "不限", "none");
    let mut rows = vec![
        vec![t(l, "客户", "name").into(), c.name.clone()],
        vec![t(l, "联系人", "contact").into(), opt(&c.contact_person).into()],
        vec![t(l, "电话", "phones").into(), c.phones.join(", ")],
        vec![t(l, "地址", "address").into(), opt(&c.address).into()],
        vec![t(l, "地区", "region").into(), opt(&c.region).into()],
        vec![t(l, "信用额度", "credit limit").into(), c.credit_limit.map(|m| m.to_string()).unwrap_or_else(|| none.into())],
        vec![t(l, "账期（天）", "payment terms (days)").into(), c.payment_terms_days.to_string()],
        vec![t(l, "备注", "notes").into(), opt(&c.notes).into()],
    ];
    if let Some(p) = pos {
        rows.push(vec![t(l, "未结订单", "open orders").into(), p.open_orders.to_string()]);
        rows.push(vec![t(l, "未收款", "unpaid").into(), p.unpaid.to_string()]);
        rows.push(vec![t(l, "可用额度", "credit left").into(), p.credit_left.map(|m| m.to_string()).unwrap_or_else(|| none.into())]);
    }
    table(&[t(l, "项目", "field"), t(l, "内容", "value")], &rows, &[])
}

pub fn customers(l: Lang, cs: &[Customer]) -> String {
    let rows: Vec<Vec<String>> = cs
        .iter()
        .map(|c| {
            vec![
                c.name.clone(),
                opt(&c.contact_person).into(),
                c.phones.join(", "),
                opt(&c.region).into(),
                c.credit_limit.map(|m| m.to_string()).unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    table(
        &[
            t(l, "客户", "customer"),
            t(l, "联系人", "contact"),
            t(l, "电话", "phones"),
            t(l, "地区", "region"),
            t(l, "信用额度", "credit limit"),
        ],
        &rows,
        &[4],
    )
}

pub fn stock(l: Lang, rows: &[StockLevel]) -> String {
    let r: Vec<Vec<String>> = rows
        .iter()
        .map(|s| {
            vec![
                s.sku.clone(),
                s.name.clone(),
                s.on_hand.to_string(),
                s.reserved.to_string(),
                s.available.to_string(),
                s.reorder_point.to_string(),
                if s.low { s.suggested_reorder.to_string() } else { String::new() },
            ]
        })
        .collect();
    table(
        &[
            t(l, "编码", "SKU"),
            t(l, "名称", "name"),
            t(l, "在库", "on hand"),
            t(l, "已预留", "reserved"),
            t(l, "可用", "available"),
            t(l, "补货点", "reorder at"),
            t(l, "建议补货", "suggest"),
        ],
        &r,
        &[2, 3, 4, 5, 6],
    )
}

pub fn moves(l: Lang, ms: &[StockMove]) -> String {
    let rows: Vec<Vec<String>> = ms
        .iter()
        .map(|m| {
            vec![
                m.created_at.clone(),
                m.sku.clone(),
                m.qty.to_string(),
                m.reason.as_str().into(),
                m.doc_number.clone().unwrap_or_default(),
                m.note.clone().unwrap_or_default(),
                m.operator.clone(),
            ]
        })
        .collect();
    table(
        &[
            t(l, "时间", "time"),
            t(l, "编码", "SKU"),
            t(l, "数量", "qty"),
            t(l, "类型", "reason"),
            t(l, "单据", "document"),
            t(l, "备注", "note"),
            t(l, "操作员", "by"),
        ],
        &rows,
        &[2],
    )
}

pub fn order(l: Lang, o: &Order) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}  [{}]", t(l, "订单", "Order"), o.number, o.status.label(l));
    let _ = writeln!(out, "{}{}   {}{}", t(l, "客户：", "Customer: "), o.customer, t(l, "下单日期：", "Date: "), o.order_date);
    if let Some(d) = &o.deliver_by {
        let _ = writeln!(out, "{}{d}", t(l, "交货日期：", "Deliver by: "));
    }
    let rows: Vec<Vec<String>> = o
        .lines
        .iter()
        .map(|x| {
            vec![
                x.line_no.to_string(),
                x.sku.clone(),
                x.name.clone(),
                x.qty.to_string(),
                x.delivered_qty.to_string(),
                x.unit_price.to_string(),
                if x.discount.is_zero() { String::new() } else { format!("{}%", x.discount) },
                x.amount.to_string(),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            "#",
            t(l, "编码", "SKU"),
            t(l, "名称", "name"),
            t(l, "数量", "qty"),
            t(l, "已发", "delivered"),
            t(l, "单价", "price"),
            t(l, "折扣", "disc."),
            t(l, "金额", "amount"),
        ],
        &rows,
        &[0, 3, 4, 5, 6, 7],
    ));
    let _ = writeln!(
        out,
        "{}{}   {}{}   {}{}",
        t(l, "不含税：", "Subtotal: "),
        o.subtotal,
        t(l, "税额：", "Tax: "),
        o.tax,
        t(l, "合计：", "Total: "),
        o.total
    );
    for d in &o.deliveries {
        let _ = writeln!(out, "{}{}  {}", t(l, "发货单：", "Delivery: "), d.number, d.created_at);
    }
    if !o.approval_reasons.is_empty() && o.status == kaidan_api::core::OrderStatus::PendingApproval {
        let _ = writeln!(out, "{}{}", t(l, "需审批：", "Needs approval: "), serde_json::to_string(&o.approval_reasons).unwrap_or_default());
    }
    if let Some(r) = &o.cancel_reason {
        let _ = writeln!(out, "{}{r}", t(l, "取消原因：", "Cancelled because: "));
    }
    out
}

pub fn orders(l: Lang, items: &[OrderSummary], next: Option<&str>) -> String {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|o| vec![o.number.clone(), o.order_date.clone(), o.customer.clone(), o.status.label(l).into(), o.total.to_string()])
        .collect();
    let mut out = table(
        &[t(l, "订单号", "number"), t(l, "日期", "date"), t(l, "客户", "customer"), t(l, "状态", "status"), t(l, "金额", "total")],
        &rows,
        &[4],
    );
    if let Some(c) = next {
        let _ = writeln!(out, "{} --cursor {c}", t(l, "下一页：", "Next page:"));
    }
    out
}

pub fn delivery_outcome(l: Lang, d: &DeliveryOutcome) -> String {
    let mut out =
        format!("{}{}  {}{} [{}]\n", t(l, "发货单：", "Delivery: "), d.number, t(l, "订单：", "order: "), d.order, d.order_status.label(l));
    for x in &d.lines {
        let _ = writeln!(out, "  {}  {}  {}", x.sku, x.name, x.qty);
    }
    if let Some(p) = &d.payment {
        let _ = writeln!(out, "{}{p}", t(l, "货到收款：", "paid on delivery: "));
    }
    out
}

pub fn delivery(l: Lang, d: &Delivery) -> String {
    let mut out = format!("{}{}  {}{}  {}\n", t(l, "发货单：", "Delivery: "), d.number, t(l, "订单：", "order: "), d.order, d.created_at);
    for x in &d.lines {
        let _ = writeln!(out, "  {}  {}  {}", x.sku, x.name, x.qty);
    }
    out
}

pub fn history(l: Lang, h: &[AuditEntry]) -> String {
    let rows: Vec<Vec<String>> = h
        .iter()
        .map(|e| {
            vec![
                e.at.clone(),
                e.operator.clone(),
                e.action.as_str().to_string(),
                e.before.as_ref().map(|v| v.to_string()).unwrap_or_default(),
                e.after.as_ref().map(|v| v.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    table(&[t(l, "时间", "time"), t(l, "操作员", "by"), t(l, "操作", "action"), t(l, "之前", "before"), t(l, "之后", "after")], &rows, &[])
}

pub fn check(l: Lang, ok: bool, r: &CheckReport) -> String {
    if ok {
        return t(
            l,
            "检查通过：数据库完好，库存与流水一致，预留、合计与编号无误",
            "OK: database intact; stock equals the ledger; reservations, totals and numbering are right",
        )
        .into();
    }
    serde_json::to_string_pretty(r).unwrap_or_default()
}

fn counts_line(l: Lang, c: &kaidan_api::BackupCounts) -> String {
    match l {
        Lang::ZhCn => {
            format!("订单 {}，客户 {}，商品 {}，发货单 {}，库存流水 {}", c.orders, c.customers, c.products, c.deliveries, c.stock_moves)
        }
        Lang::En => format!(
            "{} orders, {} customers, {} products, {} deliveries, {} stock moves",
            c.orders, c.customers, c.products, c.deliveries, c.stock_moves
        ),
    }
}

pub fn backup(l: Lang, b: &kaidan_api::BackupInfo) -> String {
    format!(
        "{}{}\n{}{}\n{}{} MB, SHA-256 {}",
        t(l, "备份已完成并校验：", "Backup written and verified: "),
        b.file.display(),
        t(l, "内容：", "Contains: "),
        counts_line(l, &b.manifest.counts),
        t(l, "大小：", "Size: "),
        b.manifest.bytes / 1_000_000,
        &b.manifest.sha256[..16]
    )
}

pub fn backups(l: Lang, folder: &Path, list: &[kaidan_api::BackupInfo], attempts: &[kaidan_api::BackupAttempt]) -> String {
    let mut out = format!("{}{}\n", t(l, "备份文件夹：", "Backup folder: "), folder.display());
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|b| {
            vec![
                b.manifest.created_at.clone(),
                b.manifest.kind.as_str().into(),
                b.manifest.counts.orders.to_string(),
                b.manifest.last_order_number.clone().unwrap_or_default(),
                b.file.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default(),
            ]
        })
        .collect();
    out.push_str(&table(
        &[t(l, "时间", "time"), t(l, "类型", "kind"), t(l, "订单数", "orders"), t(l, "最后单号", "last order"), t(l, "文件", "file")],
        &rows,
        &[2],
    ));
    for a in attempts.iter().filter(|a| !a.ok).take(3) {
        let _ = writeln!(out, "{}{} {}", t(l, "失败的备份：", "Failed backup: "), a.at, a.error.clone().unwrap_or_default());
    }
    out
}

pub fn restore_preview(l: Lang, file: &Path, f: &kaidan_api::BackupFile, m: Option<&kaidan_api::Manifest>) -> String {
    let mut out = format!("{}{}\n", t(l, "备份：", "Backup: "), file.display());
    if let Some(m) = m {
        let _ = writeln!(out, "{}{}", t(l, "时间：", "Made: "), m.created_at);
    }
    let _ = writeln!(out, "{}{}", t(l, "内容：", "Contains: "), counts_line(l, &f.counts));
    let _ = writeln!(out, "{}{}", t(l, "最后单号：", "Last order: "), f.last_order_number.clone().unwrap_or_else(|| "-".into()));
    out.push_str(t(
        l,
        "恢复会替换当前全部数据（先自动另存一份）：确认请加 --yes",
        "Restoring replaces all current data (a copy is saved first): add --yes to do it",
    ));
    out
}

pub fn restored(l: Lang, r: &kaidan_api::RestoreOutcome) -> String {
    format!(
        "{}{}\n{}{}\n{}{}",
        t(l, "已恢复：", "Restored: "),
        r.restored.file.display(),
        t(l, "原数据已另存为：", "The replaced data was saved as: "),
        r.safety_copy.file.display(),
        t(l, "检查：", "Check: "),
        if r.check_ok { t(l, "通过", "ok") } else { t(l, "发现问题，请运行 kaidan check", "problems found, run kaidan check") }
    )
}

pub fn restored_over_damaged(l: Lang, file: &Path, aside: &Path) -> String {
    format!(
        "{}{}\n{}{}",
        t(l, "已恢复：", "Restored: "),
        file.display(),
        t(l, "损坏的数据库已原样保留为：", "The damaged database was kept, untouched, as: "),
        aside.display()
    )
}

pub fn dry_run(l: Lang, d: &kaidan_api::DryRun) -> String {
    let mut out = match l {
        Lang::ZhCn => format!(
            "预检（未写入任何数据）：工作表“{}”，表头在第 {} 行\n订单 {}，明细 {}，新客户 {}，新商品 {}，合计 {}\n",
            d.sheet, d.header_row, d.orders, d.lines, d.customers_new, d.products_new, d.total
        ),
        Lang::En => format!(
            "Dry run (nothing written): sheet \"{}\", header on row {}\n{} orders, {} lines, {} new customers, {} new products, total {}\n",
            d.sheet, d.header_row, d.orders, d.lines, d.customers_new, d.products_new, d.total
        ),
    };
    let source = match d.mapping_source.as_str() {
        "saved" => t(l, "上次记住的", "remembered"),
        "given" => t(l, "指定的", "given"),
        _ => t(l, "按列名猜测的", "guessed from the names"),
    };
    let columns: Vec<String> =
        d.mapping.iter().map(|(name, f)| format!("{name}→{}", serde_json::to_string(f).unwrap_or_default().trim_matches('"'))).collect();
    let _ = match l {
        Lang::ZhCn => writeln!(out, "列对应（{source}）：{}", columns.join("，")),
        Lang::En => writeln!(out, "Columns ({source}): {}", columns.join(", ")),
    };
    for (label, list) in [(t(l, "错误", "error"), &d.errors), (t(l, "提醒", "warning"), &d.warnings)] {
        for i in list {
            let _ = writeln!(
                out,
                "{label} {} {}{}: {}",
                t(l, "行", "row"),
                i.row,
                i.column.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default(),
                i.message
            );
        }
    }
    out
}

pub fn imported(l: Lang, r: &kaidan_api::ImportResult) -> String {
    let mut out = match l {
        Lang::ZhCn => format!(
            "已导入（批次 {}）：订单 {}，明细 {}，新客户 {}，新商品 {}，合计 {}；单号 {} 至 {}\n",
            r.batch,
            r.orders,
            r.lines,
            r.customers_new,
            r.products_new,
            r.total,
            r.first_number.as_deref().unwrap_or("-"),
            r.last_number.as_deref().unwrap_or("-")
        ),
        Lang::En => format!(
            "Imported (batch {}): {} orders, {} lines, {} new customers, {} new products, total {}; numbers {} to {}\n",
            r.batch,
            r.orders,
            r.lines,
            r.customers_new,
            r.products_new,
            r.total,
            r.first_number.as_deref().unwrap_or("-"),
            r.last_number.as_deref().unwrap_or("-")
        ),
    };
    if r.open {
        let _ = writeln!(out, "{}", t(l, "作为未完成订单导入：已确认并预留库存", "imported as open orders: confirmed, stock reserved"));
    }
    if !r.awaiting_approval.is_empty() {
        let _ = writeln!(out, "{}{}", t(l, "待店主审批：", "awaiting the owner's approval: "), r.awaiting_approval.join(", "));
    }
    if !r.skipped_error_rows.is_empty() {
        let _ = writeln!(out, "{}{:?}", t(l, "跳过的错误行：", "rows left out for errors: "), r.skipped_error_rows);
    }
    out
}

pub fn imports(l: Lang, list: &[kaidan_api::ImportBatch]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|b| vec![b.id.clone(), b.created_at.clone(), b.file_name.clone(), b.sheet.clone(), b.status.as_str().to_string()])
        .collect();
    table(&[t(l, "批次", "batch"), t(l, "时间", "time"), t(l, "文件", "file"), t(l, "工作表", "sheet"), t(l, "状态", "status")], &rows, &[])
}

pub fn invoice(l: Lang, inv: &Invoice) -> String {
    let title = match inv.kind {
        InvoiceKind::Invoice => t(l, "销售单", "Invoice"),
        InvoiceKind::CreditNote => t(l, "冲销单", "Credit note"),
    };
    let mut out = format!(
        "{title} {}  {}{}  {}{}  {}\n",
        inv.number,
        t(l, "订单：", "order: "),
        inv.order,
        t(l, "客户：", "customer: "),
        inv.customer,
        inv.issue_date
    );
    if let Some(c) = &inv.credits {
        let _ = writeln!(out, "{}{c}", t(l, "冲销：", "credits: "));
    }
    if let Some(d) = &inv.due_date {
        let _ = writeln!(out, "{}{d}", t(l, "付款到期日：", "due: "));
    }
    let rows: Vec<Vec<String>> = inv
        .lines
        .iter()
        .map(|x| vec![x.sku.clone(), x.name.clone(), x.qty.to_string(), x.unit_price.to_string(), x.total.to_string()])
        .collect();
    out.push_str(&table(
        &[t(l, "编码", "SKU"), t(l, "品名", "name"), t(l, "数量", "qty"), t(l, "单价", "price"), t(l, "金额", "amount")],
        &rows,
        &[2, 3, 4],
    ));
    let _ = writeln!(
        out,
        "{}{}  {}{}  {}{}",
        t(l, "不含税：", "net: "),
        inv.subtotal,
        t(l, "税额：", "tax: "),
        inv.tax,
        t(l, "合计：", "total: "),
        inv.total
    );
    if !inv.credit_notes.is_empty() {
        let _ = writeln!(out, "{}{}", t(l, "冲销单：", "credit notes: "), inv.credit_notes.join(", "));
    }
    out
}

pub fn invoices(l: Lang, list: &[InvoiceSummary]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|i| {
            vec![
                i.number.clone(),
                i.issue_date.clone(),
                i.due_date.clone().unwrap_or_default(),
                i.credits.clone().unwrap_or_default(),
                i.total.to_string(),
            ]
        })
        .collect();
    table(&[t(l, "单号", "number"), t(l, "日期", "date"), t(l, "到期", "due"), t(l, "冲销", "credits"), t(l, "金额", "total")], &rows, &[4])
}

pub fn printed(l: Lang, p: &kaidan_api::Printed, file: &Path) -> String {
    format!(
        "{} {} → {}  ({} {}, {}{})",
        p.number,
        p.paper.as_str(),
        file.display(),
        p.pages,
        t(l, "页", "page(s)"),
        p.bytes / 1024 + 1,
        if p.copy { t(l, " KB，副本", " KB, copy") } else { " KB" }
    )
}

pub fn payment(l: Lang, p: &Payment) -> String {
    let mut out = format!("{} {}  {}  {}  {}  {}\n", t(l, "收款单", "Payment"), p.number, p.customer, p.date, p.method.as_str(), p.amount);
    for a in &p.allocations {
        let _ = writeln!(out, "  {}{}  {}", t(l, "核销 ", "allocated to "), a.invoice, a.amount);
    }
    if !p.unallocated.is_zero() {
        let _ = writeln!(out, "{}{}", t(l, "未核销：", "unallocated: "), p.unallocated);
    }
    out
}

pub fn account(l: Lang, a: &Account) -> String {
    let mut out = format!(
        "{}  {}{}  {}{}  {}{}\n",
        a.customer,
        t(l, "欠款：", "balance: "),
        a.balance,
        t(l, "信用额度剩余：", "credit left: "),
        a.credit_left.map(|m| m.to_string()).unwrap_or_else(|| t(l, "不限", "no limit").to_string()),
        t(l, "逾期：", "overdue: "),
        a.overdue
    );
    let rows: Vec<Vec<String>> = a
        .invoices
        .iter()
        .map(|i| {
            vec![
                i.number.clone(),
                i.issue_date.clone(),
                i.due_date.clone(),
                i.total.to_string(),
                i.paid.to_string(),
                i.open.to_string(),
                i.days_overdue.to_string(),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            t(l, "销售单", "invoice"),
            t(l, "日期", "date"),
            t(l, "到期", "due"),
            t(l, "金额", "total"),
            t(l, "已收", "paid"),
            t(l, "未收", "open"),
            t(l, "逾期天数", "days late"),
        ],
        &rows,
        &[3, 4, 5, 6],
    ));
    if !a.unallocated.is_zero() {
        let _ = writeln!(out, "{}{}", t(l, "未核销余款：", "unallocated credit: "), a.unallocated);
    }
    out
}

pub fn aging(l: Lang, a: &Aging) -> String {
    let mut rows: Vec<Vec<String>> = a
        .rows
        .iter()
        .map(|r| {
            vec![
                r.customer.clone(),
                r.current.to_string(),
                r.d1_30.to_string(),
                r.d31_60.to_string(),
                r.d61_90.to_string(),
                r.d90_plus.to_string(),
                r.total.to_string(),
            ]
        })
        .collect();
    let x = &a.totals;
    rows.push(vec![
        t(l, "合计", "total").to_string(),
        x.current.to_string(),
        x.d1_30.to_string(),
        x.d31_60.to_string(),
        x.d61_90.to_string(),
        x.d90_plus.to_string(),
        x.total.to_string(),
    ]);
    table(
        &[t(l, "客户", "customer"), t(l, "未到期", "current"), "1–30", "31–60", "61–90", "90+", t(l, "合计", "total")],
        &rows,
        &[1, 2, 3, 4, 5, 6],
    )
}

pub fn allocated(l: Lang, r: &kaidan_api::AllocateResult) -> String {
    let mut out = String::new();
    for a in &r.allocations {
        let _ = writeln!(out, "  {} → {}  {}", a.payment, a.invoice, a.amount);
    }
    let _ = writeln!(
        out,
        "{}{}  {}{}",
        t(l, "已核销：", "allocated: "),
        r.allocated,
        t(l, "未核销余款：", "unallocated credit: "),
        r.unallocated
    );
    out
}

fn entry_label(l: Lang, kind: kaidan_api::core::StatementEntry) -> &'static str {
    use kaidan_api::core::StatementEntry as E;
    match kind {
        E::Invoice => t(l, "销售单", "invoice"),
        E::CreditNote => t(l, "冲销单", "credit note"),
        E::Receipt => t(l, "收款", "payment"),
        E::Refund => t(l, "退款", "refund"),
        E::Reversal => t(l, "冲回", "reversal"),
        E::Opening => t(l, "期初余额", "opening balance"),
    }
}

pub fn statement(l: Lang, st: &Statement) -> String {
    let mut out = format!("{}  {} – {}\n", st.customer, st.from, st.to);
    let mut rows = vec![vec![
        st.from.clone(),
        t(l, "期初余额", "opening balance").into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        st.opening.to_string(),
    ]];
    for r in &st.rows {
        let blank = |m: kaidan_api::core::Money| if m.is_zero() { String::new() } else { m.to_string() };
        rows.push(vec![
            r.date.clone(),
            entry_label(l, r.kind).into(),
            r.number.clone(),
            [r.method.map(|m| m.label(l).to_string()), r.reference.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · "),
            blank(r.debit),
            blank(r.credit),
            r.balance.to_string(),
        ]);
    }
    rows.push(vec![
        st.to.clone(),
        t(l, "期末余额", "closing balance").into(),
        String::new(),
        String::new(),
        st.debits.to_string(),
        st.credits.to_string(),
        st.closing.to_string(),
    ]);
    out.push_str(&table(
        &[
            t(l, "日期", "date"),
            t(l, "单据", "entry"),
            t(l, "单号", "number"),
            t(l, "摘要", "reference"),
            t(l, "增加", "debit"),
            t(l, "减少", "credit"),
            t(l, "余额", "balance"),
        ],
        &rows,
        &[4, 5, 6],
    ));
    out
}

pub fn sales_return(l: Lang, r: &SalesReturn) -> String {
    let mut out =
        format!("{}{}  {}{}  {}  {}\n", t(l, "退货单：", "Return: "), r.number, t(l, "订单：", "order: "), r.order, r.customer, r.date);
    for x in &r.lines {
        let how = if x.restock { t(l, "入库", "back in stock") } else { t(l, "报损", "written off") };
        let _ = writeln!(out, "  {}  {}  {} {}  {}  [{how}]", x.sku, x.name, x.qty, x.unit, x.total);
    }
    let _ = writeln!(out, "{}{}", t(l, "退货金额：", "value: "), r.total);
    if !r.credit_notes.is_empty() {
        let _ = writeln!(out, "{}{}", t(l, "冲销单：", "credit notes: "), r.credit_notes.join(", "));
    }
    if let Some(p) = &r.refund {
        let _ = writeln!(out, "{}{} {}", t(l, "退款：", "refund: "), p, r.refunded);
    }
    if let Some(o) = &r.exchange_order {
        let _ = writeln!(out, "{}{o}", t(l, "换货订单：", "exchange order: "));
    }
    out
}
