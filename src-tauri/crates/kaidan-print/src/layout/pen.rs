//! The pen: text (left, right, centred, wrapped), lines and boxes on one page, in mm.

use super::Draw;
use crate::text::{faces, Face, MM_PER_PT};

/// Text and lines on one page.
pub(super) struct Pen {
    pub(super) draws: Vec<Draw>,
}

/// Line height for a font size, in mm.
pub(super) fn lh(size: f32) -> f32 {
    size * 1.45 * MM_PER_PT
}

pub(super) fn face(bold: bool) -> &'static Face {
    if bold {
        &faces().bold
    } else {
        &faces().regular
    }
}

impl Pen {
    pub(super) fn new() -> Self {
        Self { draws: Vec::new() }
    }
    pub(super) fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, text: &str) {
        if !text.is_empty() {
            self.draws.push(Draw::Text { x, y, size, bold, text: text.to_string() });
        }
    }
    pub(super) fn right(&mut self, right: f32, y: f32, size: f32, bold: bool, text: &str) {
        let w = face(bold).width(text, size);
        self.text(right - w, y, size, bold, text);
    }
    pub(super) fn center(&mut self, center: f32, y: f32, size: f32, bold: bool, text: &str) {
        let w = face(bold).width(text, size);
        self.text(center - w / 2.0, y, size, bold, text);
    }
    pub(super) fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.draws.push(Draw::Line { x1, y1, x2, y2, width });
    }
    pub(super) fn boxed(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32) {
        self.line(x, y, x + w, y, width);
        self.line(x + w, y, x + w, y + h, width);
        self.line(x + w, y + h, x, y + h, width);
        self.line(x, y + h, x, y, width);
    }
    /// Wrapped text from `y` (top of the first line); returns the y below the last line.
    pub(super) fn paragraph(&mut self, x: f32, y: f32, size: f32, bold: bool, max: f32, text: &str) -> f32 {
        let mut y = y;
        for l in face(bold).wrap(text, size, max) {
            y += lh(size);
            self.text(x, y - lh(size) * 0.28, size, bold, &l);
        }
        y
    }
}
