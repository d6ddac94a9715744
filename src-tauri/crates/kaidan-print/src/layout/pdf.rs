//! The sheet's drawing commands written as a PDF with printpdf (the only use of printpdf's
//! drawing operations).

use printpdf::{
    Color, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, RawImage, Rect,
    TextItem, XObjectTransform,
};

use super::{Draw, Sheet};
use crate::text::faces;

/// Writes the sheet as a PDF titled `title`, with the logo the sheet draws.
pub(crate) fn pdf(sheet: &Sheet, title: &str, logo: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let mut pdf = PdfDocument::new(title);
    let regular = pdf.add_font(&faces().regular.font);
    let bold = pdf.add_font(&faces().bold.font);
    let logo = match logo {
        Some(bytes) => {
            let image = RawImage::decode_from_bytes(bytes, &mut Vec::new())?;
            let size = (image.width, image.height);
            Some((pdf.add_image(&image), size))
        }
        None => None,
    };
    let pt = |mm: f32| Pt::from(Mm(mm));
    let h = sheet.height;
    let black = Color::Greyscale(Greyscale::new(0.0, None));
    let point = |x: f32, y: f32| Point { x: pt(x), y: pt(h - y) };
    let mut pages = Vec::with_capacity(sheet.pages.len());
    for draws in &sheet.pages {
        let mut ops = Vec::with_capacity(draws.len() * 5);
        for d in draws {
            match d {
                Draw::Text { x, y, size, bold: b, text } => {
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(if *b { bold.clone() } else { regular.clone() }),
                        size: Pt(*size),
                    });
                    ops.push(Op::SetTextCursor { pos: point(*x, *y) });
                    ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
                    ops.push(Op::EndTextSection);
                }
                Draw::Line { x1, y1, x2, y2, width } => {
                    ops.push(Op::SetOutlineColor { col: black.clone() });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![LinePoint { p: point(*x1, *y1), bezier: false }, LinePoint { p: point(*x2, *y2), bezier: false }],
                            is_closed: false,
                        },
                    });
                }
                Draw::Stroke { points, width, grey } => {
                    ops.push(Op::SetOutlineColor { col: Color::Greyscale(Greyscale::new(*grey, None)) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: points.iter().map(|(x, y)| LinePoint { p: point(*x, *y), bezier: false }).collect(),
                            is_closed: false,
                        },
                    });
                    ops.push(Op::SetOutlineColor { col: black.clone() });
                }
                Draw::Fill { x, y, w, h: bh, grey } => {
                    ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale::new(*grey, None)) });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: pt(*x),
                            y: pt(h - y - bh),
                            width: pt(*w),
                            height: pt(*bh),
                            mode: Some(PaintMode::Fill),
                            winding_order: None,
                        },
                    });
                    ops.push(Op::SetFillColor { col: black.clone() });
                }
                Draw::Logo { x, y, h: lh_mm } => {
                    if let Some((id, (_, ph))) = &logo {
                        // At `dpi`, the image is pw × 72 / dpi points wide: pick the dpi that makes it lh_mm tall.
                        let dpi = *ph as f32 * 72.0 / pt(*lh_mm).0;
                        ops.push(Op::UseXobject {
                            id: id.clone(),
                            transform: XObjectTransform {
                                translate_x: Some(pt(*x)),
                                translate_y: Some(pt(h - y - lh_mm)),
                                dpi: Some(dpi),
                                ..Default::default()
                            },
                        });
                    }
                }
            }
        }
        pages.push(PdfPage::new(Mm(sheet.width), Mm(sheet.height), ops));
    }
    let mut warnings = Vec::new();
    Ok(pdf.with_pages(pages).save(&PdfSaveOptions::default(), &mut warnings))
}
