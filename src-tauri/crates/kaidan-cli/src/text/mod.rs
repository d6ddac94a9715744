//! Human-readable output, in zh-CN or English, with columns aligned for CJK text; the words are
//! the catalogue's ([`kaidan_api::core::text::cli`]), one module per area.

mod orders;
mod reports;
mod shop;
mod sync;

pub use orders::*;
pub use reports::*;
pub use shop::*;
pub use sync::*;

use kaidan_api::core::text::cli::CliWords;
use kaidan_api::core::Lang;
use unicode_width::UnicodeWidthStr;

/// The command line's words in `lang` (the catalogue's, [`kaidan_api::core::text::cli`]).
pub(crate) fn w(lang: Lang) -> CliWords {
    CliWords { lang }
}

/// Left-aligned text columns, right-aligned columns listed in `right`.
pub(super) fn table(header: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
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

pub(super) fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("-")
}
