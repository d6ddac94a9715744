//! kaidan-print: documents and reports as PDF.
//!
//! [`render`] lays a [`PrintDoc`] out on a [`Paper`] and writes a PDF with printpdf. Layout is
//! done here, in millimetres from the top-left corner, as a list of drawing commands per page
//! ([`Draw`]); only [`pdf`] turns them into printpdf operations. Page papers (A4, A5, 241 mm)
//! repeat the document header and the table header on every page and number the pages; roll
//! papers (80/58 mm) are one page as long as the content.
//!
//! Fonts: Noto Sans SC Regular and Bold cut to GBK, compiled in; printpdf embeds only the
//! glyphs a document uses. Floating point here is geometry only (millimetres and points):
//! every amount arrives as text from kaidan-core's fixed-point types.

mod layout;
mod picture;
mod text;

pub use picture::{picture, Picture};

use kaidan_core::report::ReportSheet;
use kaidan_core::{Lang, Margins, Paper, PrintDoc};

/// A finished PDF.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: usize,
}

/// Lays out and writes the document. Fails only on a logo that is not a PNG or JPEG.
pub fn render(doc: &PrintDoc, paper: Paper, margins: Margins) -> Result<Rendered, String> {
    let sheet = layout::lay_out(doc, paper, margins);
    let pages = sheet.pages.len();
    let title = format!("{} {}", text::Words { lang: doc.lang }.title(doc.kind), doc.number);
    let pdf = layout::pdf(&sheet, &title, doc.logo.as_deref())?;
    Ok(Rendered { pdf, pages })
}

/// Lays out a report — headed with the shop's `company` and the day it was `printed_on` — on
/// A4 (turned when its widest table needs it) with its chart, or on a till roll, and writes it.
pub fn render_report(
    sheet: &ReportSheet,
    company: &str,
    printed_on: &str,
    lang: Lang,
    paper: Paper,
    margins: Margins,
) -> Result<Rendered, String> {
    let laid = layout::lay_out_report(sheet, company, printed_on, lang, paper, margins);
    let pages = laid.pages.len();
    let pdf = layout::pdf(&laid, &format!("{company} {}", sheet.title), None)?;
    Ok(Rendered { pdf, pages })
}

/// Parses the bundled fonts now (~0.1 s), so that the first document is as quick as the rest.
pub fn warm_up() {
    let _ = text::faces();
}

/// Checks that `bytes` are an image a document header can carry (PNG or JPEG).
pub fn check_logo(bytes: &[u8]) -> Result<(), String> {
    let mut warnings = Vec::new();
    printpdf::RawImage::decode_from_bytes(bytes, &mut warnings).map(|_| ())
}
