//! Spreadsheets: import (with a dry run), export, and import batches (list, undo).

use kaidan_api::core::{Error, Field, FieldKey, Problem};
use kaidan_api::{Ctx, Shop};

use crate::args::{Command, ImportsCmd};
use crate::{text, Out};

pub(super) fn run(command: Command, shop: &mut Shop, ctx: &Ctx, out: &Out) -> Result<bool, Error> {
    let lang = out.lang;
    match command {
        Command::Import { file, pair, sheet, kind, mapping, encoding, dry_run, skip_errors, open, order_date, products, errors_out } => {
            let mapping = match mapping.trim() {
                "auto" | "" => None,
                file => Some(json_file("--mapping", std::path::Path::new(file))?),
            };
            let products = products.map(|f| json_file("--products", &f)).transpose()?;
            let opts = kaidan_api::ImportOptions {
                sheet,
                encoding,
                kind: Some(kind),
                mapping,
                open_orders: open.then_some(true),
                order_date,
                products,
                paired_file: pair.map(|p| p.to_string_lossy().into_owned()),
            };
            if dry_run {
                let d = shop.import_dry_run(&file, &opts, lang)?;
                if let Some(copy) = &errors_out {
                    shop.import_error_copy(&file, &opts, copy, lang)?;
                }
                out.print(&d, |l| text::dry_run(l, &d));
            } else {
                let r = out.with_progress(
                    |done, total| format!("{} {done}/{total}", text::w(lang).importing()),
                    |progress, cancel| shop.import_orders(ctx, &file, &opts, skip_errors, progress, cancel),
                )?;
                out.print(&r, |l| text::imported(l, &r));
            }
        }
        Command::Export { what, format, encoding, out: file } => {
            let kind = kaidan_api::ExportKind::parse(&what).ok_or_else(|| {
                Error::at(
                    Problem::BadChoice {
                        text: what.clone(),
                        allowed: ["orders", "lines", "customers", "products", "moves"].map(String::from).to_vec(),
                    },
                    Field::new(FieldKey::Setting),
                )
            })?;
            let fmt = match (format.as_str(), encoding.to_ascii_lowercase().as_str()) {
                ("xlsx", _) => kaidan_api::ExportFormat::Xlsx,
                ("csv", "utf-8" | "utf8") => kaidan_api::ExportFormat::CsvUtf8,
                ("csv", "gbk" | "gb18030") => kaidan_api::ExportFormat::CsvGbk,
                ("csv", other) => {
                    return Err(Error::at(
                        Problem::BadChoice { text: other.to_string(), allowed: vec!["utf-8".into(), "gbk".into()] },
                        Field::new(FieldKey::Setting),
                    ))
                }
                (other, _) => {
                    return Err(Error::at(
                        Problem::BadChoice { text: other.to_string(), allowed: vec!["xlsx".into(), "csv".into()] },
                        Field::new(FieldKey::Setting),
                    ))
                }
            };
            let costs = shop.sees_costs(ctx)?;
            let r = shop.export(kind, fmt, &file, costs, &std::sync::atomic::AtomicBool::new(false))?;
            out.print(&r, |l| text::w(l).exported(r.rows, &r.file.display().to_string()));
        }
        Command::Imports(ImportsCmd::List) => {
            let list = shop.import_batches(100)?;
            out.print(&serde_json::json!({ "items": list }), |l| text::imports(l, &list));
        }
        Command::Imports(ImportsCmd::Undo { batch }) => {
            let b = shop.undo_import(ctx, &batch)?;
            out.print(&b, |l| text::imports(l, std::slice::from_ref(&b)));
        }
        _ => unreachable!("not an import command"),
    }
    Ok(true)
}

/// A JSON file an option names (`--mapping`, `--products`), read and parsed; a file that cannot
/// be is refused naming the option and the file.
fn json_file<T: serde::de::DeserializeOwned>(option: &str, path: &std::path::Path) -> Result<T, Error> {
    let failed = |e: &dyn std::fmt::Display| Error::new(Problem::ImportFile { detail: format!("{option} {}: {e}", path.display()) });
    let text = std::fs::read_to_string(path).map_err(|e| failed(&e))?;
    serde_json::from_str(&text).map_err(|e| failed(&e))
}
