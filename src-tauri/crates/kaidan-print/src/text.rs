//! Fonts, measuring, and the words printed on documents in both languages.

use std::sync::OnceLock;

use kaidan_core::{Money, Qty, Rate, UnitPrice};
use printpdf::ParsedFont;

const REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/NotoSansSC-Regular-GBK.ttf");
const BOLD: &[u8] = include_bytes!("../../../../assets/fonts/NotoSansSC-Bold-GBK.ttf");

pub(crate) struct Face {
    pub font: ParsedFont,
    upem: f32,
}

pub(crate) struct Faces {
    pub regular: Face,
    pub bold: Face,
}

fn face(bytes: &[u8]) -> Face {
    let font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("the bundled Noto Sans SC parses");
    let upem = f32::from(font.pdf_font_metrics.units_per_em.max(1));
    Face { font, upem }
}

/// The two bundled faces, parsed once per process.
pub(crate) fn faces() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| Faces { regular: face(REGULAR), bold: face(BOLD) })
}

pub(crate) const MM_PER_PT: f32 = 25.4 / 72.0;

impl Face {
    /// Advance width of `text` at `size` points, in millimetres.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text
            .chars()
            .map(|c| match self.font.lookup_glyph_index(c as u32) {
                Some(gid) => f32::from(self.font.get_horizontal_advance(gid)),
                None => self.upem,
            })
            .sum();
        units / self.upem * size * MM_PER_PT
    }

    /// Breaks `text` into lines no wider than `max` mm: at spaces where it can, else between
    /// any two characters (Chinese has no spaces). Never returns an empty list.
    pub fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut last_space: Option<usize> = None;
            for c in paragraph.chars() {
                line.push(c);
                if c == ' ' {
                    last_space = Some(line.len());
                }
                if self.width(&line, size) > max && line.chars().count() > 1 {
                    match last_space.filter(|&at| at < line.len()) {
                        Some(at) => {
                            let rest = line.split_off(at);
                            lines.push(line.trim_end().to_string());
                            line = rest;
                        }
                        None => {
                            let last = line.pop().expect("two or more chars");
                            lines.push(std::mem::take(&mut line));
                            line.push(last);
                        }
                    }
                    last_space = None;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// `text` cut to `max` mm with an ellipsis when it is wider.
    pub fn clip(&self, text: &str, size: f32, max: f32) -> String {
        if self.width(text, size) <= max {
            return text.to_string();
        }
        let mut out = String::new();
        for c in text.chars() {
            out.push(c);
            if self.width(&format!("{out}…"), size) > max {
                out.pop();
                break;
            }
        }
        out.push('…');
        out
    }
}

pub(crate) use kaidan_core::words::grouped;

pub(crate) fn money(m: Money) -> String {
    grouped(&m.to_string())
}

pub(crate) fn price(p: UnitPrice) -> String {
    grouped(&p.to_string())
}

pub(crate) fn qty(q: Qty) -> String {
    grouped(&q.to_string())
}

pub(crate) fn percent(r: Rate) -> String {
    format!("{r}%")
}

/// Every word a document prints: the catalogue's ([`kaidan_core::text::documents`]).
pub(crate) use kaidan_core::text::documents::DocWords as Words;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_character_and_respects_the_width() {
        let f = &faces().regular;
        let text = "王喆五金店 镕铸不锈钢合页 4寸 加厚款 Stainless hinge, extra heavy, brushed finish";
        let lines = f.wrap(text, 9.0, 30.0);
        assert!(lines.len() > 2, "{lines:?}");
        for l in &lines {
            assert!(f.width(l, 9.0) <= 30.0, "{l}");
        }
        let joined: String = lines.concat();
        assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn chinese_is_wider_than_latin_and_measured_from_the_font() {
        let f = &faces().regular;
        let han = f.width("镕", 10.0);
        let one = f.width("1", 10.0);
        assert!((han - 10.0 * MM_PER_PT).abs() < 0.01, "a Han character is one em: {han}");
        assert!(one < han * 0.7, "digits are narrow: {one}");
        assert_eq!(f.clip("ABCDEFGHIJKLMNOP", 10.0, 10.0).chars().last(), Some('…'));
        assert!(f.width(&f.clip("ABCDEFGHIJKLMNOP", 10.0, 10.0), 10.0) <= 10.0);
    }
}
