//! The shop, its products, customers and stock; its file: the check, backups and restores,
//! imports.

use std::fmt::Write;
use std::path::Path;

use kaidan_api::core::model::{Company, CreditPosition, Customer, Operator, Product, StockLevel, StockMove};
use kaidan_api::core::{Lang, Settings};
use kaidan_api::{CheckReport, DemoSummary};

use super::{opt, table, w};

pub fn initialized(l: Lang, name: &str, db: &Path) -> String {
    w(l).shop_created(name, &db.display().to_string())
}

pub fn demo_skipped(l: Lang, db: &Path) -> String {
    w(l).demo_skipped(&db.display().to_string())
}

pub fn demo(l: Lang, s: &DemoSummary, db: &Path) -> String {
    let mut out = w(l).demo_made(s.products, s.customers, s.orders);
    out.push('\n');
    for (st, n) in &s.by_status {
        let _ = writeln!(out, "  {}: {n}", st.label(l));
    }
    let _ = write!(out, "{}{}", w(l).database_label(), db.display());
    out
}

pub fn company(l: Lang, c: &Company) -> String {
    table(
        &[w(l).field(), w(l).value()],
        &[
            vec![w(l).shop_name().into(), c.name.clone()],
            vec![w(l).address().into(), opt(&c.address).into()],
            vec![w(l).phone().into(), opt(&c.phone).into()],
            vec![w(l).tax_id().into(), opt(&c.tax_id).into()],
            vec![w(l).bank_account().into(), opt(&c.bank_account).into()],
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
                kaidan_api::core::text::Word::word(o.role, l).into(),
                if o.has_pin { w(l).yes() } else { w(l).no() }.into(),
                if o.active { w(l).operator_active() } else { w(l).operator_inactive() }.into(),
            ]
        })
        .collect();
    table(&[w(l).operator_name(), w(l).role(), "PIN", w(l).operator_state()], &rows, &[])
}

pub fn settings(l: Lang, s: &Settings) -> String {
    let rows: Vec<Vec<String>> =
        kaidan_api::core::settings::SettingKey::ALL.iter().map(|k| vec![k.as_str().to_string(), s.get_key(*k)]).collect();
    table(&[w(l).setting(), w(l).setting_value()], &rows, &[])
}

pub fn product(l: Lang, p: &Product) -> String {
    table(
        &[w(l).field(), w(l).value()],
        &[
            vec![w(l).sku().into(), p.sku.clone()],
            vec![w(l).barcode().into(), opt(&p.barcode).into()],
            vec![w(l).product_name().into(), p.name.clone()],
            vec![w(l).spec().into(), opt(&p.spec).into()],
            vec![w(l).unit().into(), p.unit.clone()],
            vec![w(l).price().into(), p.price.to_string()],
            vec![w(l).cost().into(), p.cost.map_or_else(|| "-".into(), |c| c.to_string())],
            vec![w(l).tax_rate().into(), p.tax_rate.to_string()],
            vec![w(l).reorder_point().into(), p.reorder_point.to_string()],
            vec![w(l).active().into(), if p.active { w(l).on_sale() } else { w(l).off_sale() }.into()],
        ],
        &[],
    )
}

pub fn products(l: Lang, ps: &[Product]) -> String {
    let rows: Vec<Vec<String>> = ps
        .iter()
        .map(|p| {
            vec![
                p.sku.clone(),
                p.name.clone(),
                opt(&p.spec).into(),
                p.unit.clone(),
                p.price.to_string(),
                p.cost.map_or_else(|| "-".into(), |c| c.to_string()),
            ]
        })
        .collect();
    table(&[w(l).sku(), w(l).product_name(), w(l).spec(), w(l).unit(), w(l).price(), w(l).cost()], &rows, &[4, 5])
}

pub fn customer(l: Lang, c: &Customer, pos: Option<&CreditPosition>) -> String {
    let none = w(l).none();
    let mut rows = vec![
        vec![w(l).customer_name().into(), c.name.clone()],
        vec![w(l).contact().into(), opt(&c.contact_person).into()],
        vec![w(l).phones().into(), c.phones.join(", ")],
        vec![w(l).address().into(), opt(&c.address).into()],
        vec![w(l).region().into(), opt(&c.region).into()],
        vec![w(l).email().into(), opt(&c.email).into()],
        vec![w(l).credit_limit().into(), c.credit_limit.map(|m| m.to_string()).unwrap_or_else(|| none.into())],
        vec![w(l).payment_terms().into(), c.payment_terms_days.to_string()],
        vec![w(l).notes().into(), opt(&c.notes).into()],
    ];
    if let Some(p) = pos {
        rows.push(vec![w(l).open_orders().into(), p.open_orders.to_string()]);
        rows.push(vec![w(l).unpaid().into(), p.unpaid.to_string()]);
        rows.push(vec![w(l).credit_left().into(), p.credit_left.map(|m| m.to_string()).unwrap_or_else(|| none.into())]);
    }
    table(&[w(l).field(), w(l).value()], &rows, &[])
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
    table(&[w(l).customer(), w(l).contact(), w(l).phones(), w(l).region(), w(l).credit_limit()], &rows, &[4])
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
        &[w(l).sku(), w(l).product_name(), w(l).on_hand(), w(l).reserved(), w(l).available(), w(l).reorder_at(), w(l).suggest()],
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
    table(&[w(l).time(), w(l).sku(), w(l).qty(), w(l).reason(), w(l).document(), w(l).note(), w(l).by()], &rows, &[2])
}

pub fn check(l: Lang, ok: bool, r: &CheckReport) -> String {
    if ok {
        return w(l).check_ok().into();
    }
    serde_json::to_string_pretty(r).unwrap_or_default()
}

fn counts_line(l: Lang, c: &kaidan_api::BackupCounts) -> String {
    w(l).backup_counts(c.orders, c.customers, c.products, c.deliveries, c.stock_moves)
}

pub fn backup(l: Lang, b: &kaidan_api::BackupInfo) -> String {
    format!(
        "{}{}\n{}{}\n{}{} MB, SHA-256 {}",
        w(l).backup_written_label(),
        b.file.display(),
        w(l).contains_label(),
        counts_line(l, &b.manifest.counts),
        w(l).size_label(),
        b.manifest.bytes / 1_000_000,
        &b.manifest.sha256[..16]
    )
}

pub fn backups(l: Lang, folder: &Path, list: &[kaidan_api::BackupInfo], attempts: &[kaidan_api::BackupAttempt]) -> String {
    let mut out = format!("{}{}\n", w(l).backup_folder_label(), folder.display());
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
    out.push_str(&table(&[w(l).time(), w(l).kind(), w(l).orders(), w(l).last_order(), w(l).file()], &rows, &[2]));
    for a in attempts.iter().filter(|a| !a.ok).take(3) {
        let _ = writeln!(out, "{}{} {}", w(l).failed_backup_label(), a.at, a.error.clone().unwrap_or_default());
    }
    out
}

pub fn restore_preview(l: Lang, file: &Path, f: &kaidan_api::BackupFile, m: Option<&kaidan_api::Manifest>) -> String {
    let mut out = format!("{}{}\n", w(l).backup_label(), file.display());
    if let Some(m) = m {
        let _ = writeln!(out, "{}{}", w(l).made_label(), m.created_at);
    }
    let _ = writeln!(out, "{}{}", w(l).contains_label(), counts_line(l, &f.counts));
    let _ = writeln!(out, "{}{}", w(l).last_order_label(), f.last_order_number.clone().unwrap_or_else(|| "-".into()));
    out.push_str(w(l).restoring_replaces_all_current());
    out
}

pub fn restored(l: Lang, r: &kaidan_api::RestoreOutcome) -> String {
    format!(
        "{}{}\n{}{}\n{}{}",
        w(l).restored_label(),
        r.restored.file.display(),
        w(l).the_replaced_label(),
        r.safety_copy.file.display(),
        w(l).check_label(),
        if r.check_ok { w(l).ok() } else { w(l).problems_found() }
    )
}

pub fn restored_over_damaged(l: Lang, file: &Path, aside: &Path) -> String {
    format!("{}{}\n{}{}", w(l).restored_label(), file.display(), w(l).the_damaged_label(), aside.display())
}

pub fn dry_run(l: Lang, d: &kaidan_api::DryRun) -> String {
    let mut out = w(l).dry_run_head(&d.sheet, d.header_row, d.orders, d.lines, d.customers_new, d.products_new, &d.total.to_string());
    out.push('\n');
    let source = match d.mapping_source.as_str() {
        "saved" => w(l).remembered(),
        "given" => w(l).given(),
        _ => w(l).guessed_from(),
    };
    let columns: Vec<String> =
        d.mapping.iter().map(|(name, f)| format!("{name}→{}", serde_json::to_string(f).unwrap_or_default().trim_matches('"'))).collect();
    let _ = writeln!(out, "{}", w(l).columns(source, &columns));
    if let Some(p) = d.platform {
        use kaidan_api::core::text::vocab::Word;
        let _ = writeln!(out, "{}", w(l).platform_export(p.word(l), d.waiting, d.already_in_shop));
    }
    for p in &d.new_products {
        let _ = writeln!(out, "{}", w(l).new_product(&p.key, p.row, p.lines, p.mapped_to.as_deref()));
    }
    for (label, list) in [(w(l).error(), &d.errors), (w(l).warning(), &d.warnings)] {
        for i in list {
            let _ = writeln!(out, "{label} {}", i.whole);
        }
    }
    out
}

pub fn imported(l: Lang, r: &kaidan_api::ImportResult) -> String {
    let numbers = (r.first_number.as_deref().unwrap_or("-"), r.last_number.as_deref().unwrap_or("-"));
    let mut out = w(l).imported(&r.batch, r.orders, r.lines, r.customers_new, r.products_new, &r.total.to_string(), numbers);
    out.push('\n');
    if r.open {
        let _ = writeln!(out, "{}", w(l).imported_as());
    } else if r.waiting > 0 || r.already_in_shop > 0 {
        let _ = writeln!(out, "{}", w(l).imported_waiting(r.waiting, r.already_in_shop));
    }
    if !r.awaiting_approval.is_empty() {
        let _ = writeln!(out, "{}{}", w(l).awaiting_the_label(), r.awaiting_approval.join(", "));
    }
    if !r.skipped_error_rows.is_empty() {
        let _ = writeln!(out, "{}{:?}", w(l).rows_left_label(), r.skipped_error_rows);
    }
    out
}

pub fn imports(l: Lang, list: &[kaidan_api::ImportBatch]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|b| vec![b.id.clone(), b.created_at.clone(), b.file_name.clone(), b.sheet.clone(), b.status.as_str().to_string()])
        .collect();
    table(&[w(l).batch(), w(l).time(), w(l).file(), w(l).sheet(), w(l).status()], &rows, &[])
}
