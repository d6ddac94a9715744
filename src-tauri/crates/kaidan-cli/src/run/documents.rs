//! Documents: invoices and credit notes, and printing any document to a PDF file.

use kaidan_api::core::{Error, Field, FieldKey, Problem};
use kaidan_api::{Ctx, Shop};
use serde::Serialize;

use super::period;
use crate::args::{Command, InvoiceCmd};
use crate::{text, Out};

pub(super) fn run(command: Command, shop: &mut Shop, ctx: &Ctx, out: &Out) -> Result<bool, Error> {
    match command {
        Command::Invoice(InvoiceCmd::Issue { order, lines }) => {
            let wanted = doc_lines(&lines)?;
            let inv = shop.issue_invoice(ctx, &order, wanted.as_deref())?;
            out.print(&inv, |l| text::invoice(l, &inv));
        }
        Command::Invoice(InvoiceCmd::Credit { number, lines, reason }) => {
            let wanted = doc_lines(&lines)?;
            let inv = shop.credit_invoice(ctx, &number, wanted.as_deref(), reason.as_deref())?;
            out.print(&inv, |l| text::invoice(l, &inv));
        }
        Command::Invoice(InvoiceCmd::Show { number }) => {
            let inv = shop.invoice(&number)?;
            out.print(&inv, |l| text::invoice(l, &inv));
        }
        Command::Invoice(InvoiceCmd::List { order }) => {
            let list = shop.invoices_of_order(&order)?;
            out.print(&list, |l| text::invoices(l, &list));
        }
        Command::Print { kind, number, from, to, paper, no_prices, prices, preview, out: file, printer, copies } => {
            let (from, to) = if kind.trim() == "statement" {
                let (f, t) = period(from.as_deref(), to.as_deref(), ctx.today)?;
                (Some(f.to_string()), Some(t.to_string()))
            } else {
                (None, None)
            };
            let req = kaidan_api::PrintRequest {
                kind,
                number,
                from,
                to,
                paper,
                prices: if no_prices {
                    Some(false)
                } else if prices {
                    Some(true)
                } else {
                    None
                },
                preview: Some(preview),
            };
            let picture = file.as_ref().is_some_and(|f| f.extension().is_some_and(|e| e.eq_ignore_ascii_case("png")));
            match file {
                Some(file) if printer.is_none() && picture => {
                    let (printed, pic) = shop.document_picture(ctx, &req)?;
                    write_file_whole(&file, &pic.png)?;
                    let report = PrintReport { printed, out: Some(file.display().to_string()), printer: None, copies: None, job: None };
                    out.print(&report, |l| text::printed(l, &report.printed, &file));
                }
                Some(file) if printer.is_none() => {
                    let (printed, pdf) = shop.print(ctx, &req)?;
                    write_file_whole(&file, &pdf)?;
                    let report = PrintReport { printed, out: Some(file.display().to_string()), printer: None, copies: None, job: None };
                    out.print(&report, |l| text::printed(l, &report.printed, &file));
                }
                file => {
                    let sent = shop.print_to_printer(ctx, &req, printer.as_deref(), copies)?;
                    if let Some(f) = &file {
                        // the same document, marked as the print was (no second log entry)
                        let (_, pdf) = shop.render_preview(ctx, &kaidan_api::PrintRequest { preview: Some(true), ..req.clone() })?;
                        write_file_whole(f, &pdf)?;
                    }
                    let report = PrintReport {
                        printed: sent.printed.clone(),
                        out: file.map(|f| f.display().to_string()),
                        printer: Some(sent.printer.clone()),
                        copies: Some(sent.copies),
                        job: Some(sent.job),
                    };
                    out.print(&report, |l| text::sent_to_printer(l, &sent));
                }
            }
        }
        Command::Printers => {
            let settings = shop.settings()?;
            let list: Vec<PrinterRow> = kaidan_api::printers()
                .into_iter()
                .map(|p| PrinterRow {
                    papers: kaidan_api::core::Paper::ALL
                        .into_iter()
                        .filter(|&paper| settings.printer_for(paper) == Some(p.name.as_str()))
                        .map(|paper| paper.as_str().to_string())
                        .collect(),
                    printer: p,
                })
                .collect();
            out.print(&list, |l| text::printers(l, &list));
        }
        _ => unreachable!("not a documents command"),
    }
    Ok(true)
}

/// `SKU:QTY` lines of an invoice or credit note (`None` when none are given).
fn doc_lines(args: &[String]) -> Result<Option<Vec<kaidan_api::DocLineInput>>, Error> {
    let args: Vec<&String> = args.iter().filter(|a| !a.trim().is_empty()).collect();
    if args.is_empty() {
        return Ok(None);
    }
    let mut v = Vec::with_capacity(args.len());
    for (i, a) in args.iter().enumerate() {
        let norm = a.replace('：', ":");
        match norm.split_once(':') {
            Some((sku, qty)) if !sku.trim().is_empty() && !qty.contains(':') => {
                v.push(kaidan_api::DocLineInput { sku: sku.trim().to_string(), qty: qty.trim().to_string() })
            }
            _ => {
                return Err(Error::at(
                    Problem::BadChoice { text: a.to_string(), allowed: vec!["SKU:QTY".into()] },
                    Field::row(FieldKey::Line, i + 1),
                ))
            }
        }
    }
    Ok(Some(v))
}

/// What `kaidan print` reports: the document, the file written, the printer and its job.
#[derive(Serialize)]
struct PrintReport {
    #[serde(flatten)]
    printed: kaidan_api::Printed,
    #[serde(skip_serializing_if = "Option::is_none")]
    out: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    printer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    copies: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job: Option<u32>,
}

/// One line of `kaidan printers`: an installed printer and the papers chosen for it.
#[derive(Serialize)]
pub struct PrinterRow {
    #[serde(flatten)]
    pub printer: kaidan_api::PrinterEntry,
    pub papers: Vec<String>,
}

/// Writes a whole file or nothing (see [`kaidan_api::write_bytes_whole`]).
fn write_file_whole(path: &std::path::Path, bytes: &[u8]) -> Result<(), Error> {
    kaidan_api::write_bytes_whole(path, bytes).map_err(|e| Error::new(Problem::PrintFailed { detail: format!("{}: {e}", path.display()) }))
}
