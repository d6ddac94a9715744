//! The shop's file: the check, backups and restores, imports.

use std::fmt::Write;
use std::path::Path;

use kaidan_api::core::Lang;
use kaidan_api::CheckReport;

use super::{table, w};

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
    for (label, list) in [(w(l).error(), &d.errors), (w(l).warning(), &d.warnings)] {
        for i in list {
            let _ = writeln!(
                out,
                "{label} {} {}{}: {}",
                w(l).row(),
                i.row,
                i.column.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default(),
                i.message
            );
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
