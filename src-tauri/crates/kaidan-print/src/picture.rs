//! A document as one picture (PNG), drawn from its PDF: the pages one below the other, for
//! sending in a WeChat chat, where shops send 对账单 and 送货单 as pictures.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{render, PixmapSettings, RenderCache, RenderSettings};

/// A picture: PNG bytes, its pixels (RGB, row by row, for the clipboard) and its size.
#[derive(Debug, Clone)]
pub struct Picture {
    pub png: Vec<u8>,
    pub rgb: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Pixels per PDF point: 2 draws an A4 page 1190 pixels wide, sharp on a phone.
const SCALE: f32 = 2.0;
/// The grey band between two pages, in pixels.
const GAP: u32 = 16;

/// Draws every page of `pdf` (one of ours: its fonts are embedded) on white, one below the
/// other, as one PNG.
pub fn picture(pdf: &[u8]) -> Result<Picture, String> {
    let pdf = Pdf::new(pdf.to_vec()).map_err(|e| format!("{e:?}"))?;
    let cache = RenderCache::new();
    let settings = InterpreterSettings::default();
    let pixmap = PixmapSettings { x_scale: SCALE, y_scale: SCALE, bg_color: WHITE };
    let pages: Vec<_> = pdf.pages().iter().map(|p| render(p, &cache, &settings, &RenderSettings::default(), &pixmap)).collect();
    if pages.is_empty() {
        return Err("the document has no page".into());
    }
    let width = pages.iter().map(|p| u32::from(p.width())).max().unwrap_or(0);
    let height = pages.iter().map(|p| u32::from(p.height())).sum::<u32>() + GAP * (pages.len() as u32 - 1);
    // RGB, white; each page's rows copied in (opaque on white: premultiplied = straight)
    let mut rgb = vec![255u8; (width * height * 3) as usize];
    let mut top = 0u32;
    for (i, p) in pages.iter().enumerate() {
        if i > 0 {
            let band = &mut rgb[(top * width * 3) as usize..((top + GAP) * width * 3) as usize];
            band.fill(0xe5);
            top += GAP;
        }
        let (w, h) = (u32::from(p.width()), u32::from(p.height()));
        let src = p.data_as_u8_slice();
        for y in 0..h {
            let row = &src[(y * w * 4) as usize..((y + 1) * w * 4) as usize];
            let out = &mut rgb[((top + y) * width * 3) as usize..][..(w * 3) as usize];
            for (o, s) in out.chunks_exact_mut(3).zip(row.chunks_exact(4)) {
                o.copy_from_slice(&s[..3]);
            }
        }
        top += h;
    }
    let mut png = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png, width, height);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Balanced);
        let mut w = enc.write_header().map_err(|e| e.to_string())?;
        w.write_image_data(&rgb).map_err(|e| e.to_string())?;
    }
    Ok(Picture { png, rgb, width, height })
}
