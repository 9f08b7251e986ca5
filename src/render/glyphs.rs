//! Text for the PNG: each glyph of the bundled fonts is rasterised once per size and quarter-pixel
//! position, then stamped wherever it occurs, instead of resvg shaping every `<text>` and filling
//! every glyph's outline anew (on Odoo's 20,000 lines of text, most of a render's time). Pens
//! advance by the fonts' own advances, as [`super::FontMeasure`] measures, so text sits exactly
//! where the card layout made room for it.

use super::svg::Label;
use resvg::tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};
use rustc_hash::FxHashMap;

/// Sub-pixel positions a glyph is rasterised for, per pixel and axis.
const STEPS: f32 = 4.0;

/// A glyph's coverage, placed relative to the pen's whole-pixel position.
struct Mask {
    left: i32,
    top: i32,
    width: usize,
    alpha: Vec<u8>,
}

/// Font, glyph, pixel size (bits of the f32), sub-pixel x and y.
type Key = (u8, u16, u32, u8, u8);

/// The two faces and the masks made so far. One per rendering thread.
pub(super) struct Glyphs {
    faces: [ttf_parser::Face<'static>; 2],
    masks: FxHashMap<Key, Option<Mask>>,
}

impl Glyphs {
    pub fn new() -> Self {
        Self {
            faces: super::fonts::faces(),
            masks: FxHashMap::default(),
        }
    }

    fn advance(&self, font: usize, c: char) -> (f32, Option<ttf_parser::GlyphId>) {
        super::fonts::advance(&self.faces[font], c)
    }

    /// Where the label's text begins and ends, scene units.
    fn span(&self, label: &Label) -> (f32, f32) {
        let font = usize::from(label.mono);
        let em = f32::from(self.faces[font].units_per_em());
        let units: f32 = label
            .runs
            .iter()
            .flat_map(|(text, _)| text.chars())
            .map(|c| self.advance(font, c).0)
            .sum();
        let width = units * label.size / em;
        if label.end {
            (label.x - width, label.x)
        } else {
            (label.x, label.x + width)
        }
    }

    /// The box the label's ink may cover, in pixels of the whole picture at `scale`.
    pub fn extent(&self, label: &Label, scale: f32) -> Rect {
        let (start, end) = self.span(label);
        let (top, bottom) = (
            label.baseline - label.size,
            label.baseline + 0.4 * label.size,
        );
        // A label of no width still gets a box; its glyphs draw nothing anyway.
        Rect::from_ltrb(
            start * scale,
            top * scale,
            end.max(start + 0.1) * scale,
            bottom * scale,
        )
        .unwrap_or_else(|| Rect::from_xywh(0.0, 0.0, 1.0, 1.0).expect("a unit square"))
    }

    /// Draws `label` at `scale` into `band`, whose top-left pixel is `origin` in the picture.
    pub fn draw(&mut self, label: &Label, scale: f32, origin: (f32, f32), band: &mut Pixmap) {
        let font = usize::from(label.mono);
        let px = label.size * scale;
        let per_unit = px / f32::from(self.faces[font].units_per_em());
        let (start, _) = self.span(label);
        let mut pen = start * scale - origin.0;
        let y = label.baseline * scale - origin.1;
        let (iy, sy) = split(y);
        for (text, color) in &label.runs {
            let color = color.unwrap_or(label.color);
            for c in text.chars() {
                let (units, glyph) = self.advance(font, c);
                if let Some(glyph) = glyph.filter(|_| !c.is_whitespace()) {
                    let (ix, sx) = split(pen);
                    let key = (font as u8, glyph.0, px.to_bits(), sx, sy);
                    let faces = &self.faces;
                    let mask = self
                        .masks
                        .entry(key)
                        .or_insert_with(|| rasterise(&faces[font], glyph, per_unit, sx, sy));
                    if let Some(mask) = mask {
                        stamp(band, mask, ix, iy, color);
                    }
                }
                pen += units * per_unit;
            }
        }
    }
}

/// A position as its whole pixel and its nearest quarter within it.
fn split(v: f32) -> (i32, u8) {
    let quarters = (v * STEPS).round();
    let whole = (quarters / STEPS).floor();
    (whole as i32, (quarters - whole * STEPS) as u8)
}

/// The glyph's coverage with its pen at (`sx`, `sy`) quarters of a pixel; None for no ink.
fn rasterise(
    face: &ttf_parser::Face<'_>,
    glyph: ttf_parser::GlyphId,
    per_unit: f32,
    sx: u8,
    sy: u8,
) -> Option<Mask> {
    let mut outline = Outline(PathBuilder::new());
    let bounds = face.outline_glyph(glyph, &mut outline)?;
    let path = outline.0.finish()?;
    let (ox, oy) = (f32::from(sx) / STEPS, f32::from(sy) / STEPS);
    let left = (ox + f32::from(bounds.x_min) * per_unit).floor() as i32 - 1;
    let right = (ox + f32::from(bounds.x_max) * per_unit).ceil() as i32 + 1;
    let top = (oy - f32::from(bounds.y_max) * per_unit).floor() as i32 - 1;
    let bottom = (oy - f32::from(bounds.y_min) * per_unit).ceil() as i32 + 1;
    let (width, height) = ((right - left) as u32, (bottom - top) as u32);
    let mut pixmap = Pixmap::new(width, height)?;
    let mut paint = Paint::default();
    paint.set_color_rgba8(0, 0, 0, 255);
    paint.anti_alias = true;
    // Font units point up; pixels point down.
    let transform = Transform::from_row(
        per_unit,
        0.0,
        0.0,
        -per_unit,
        ox - left as f32,
        oy - top as f32,
    );
    pixmap.fill_path(&path, &paint, FillRule::Winding, transform, None);
    Some(Mask {
        left,
        top,
        width: width as usize,
        alpha: pixmap.pixels().iter().map(|p| p.alpha()).collect(),
    })
}

/// Blends `color` through the mask's coverage onto the band (premultiplied RGBA, source over).
fn stamp(band: &mut Pixmap, mask: &Mask, ix: i32, iy: i32, color: crate::model::Color) {
    let (band_w, band_h) = (band.width() as i32, band.height() as i32);
    let stride = band_w as usize * 4;
    let data = band.data_mut();
    for (row, coverage) in mask.alpha.chunks_exact(mask.width).enumerate() {
        let y = iy + mask.top + row as i32;
        if !(0..band_h).contains(&y) {
            continue;
        }
        let line = &mut data[y as usize * stride..(y as usize + 1) * stride];
        for (column, &a) in coverage.iter().enumerate() {
            let x = ix + mask.left + column as i32;
            if a == 0 || !(0..band_w).contains(&x) {
                continue;
            }
            let pixel = &mut line[x as usize * 4..x as usize * 4 + 4];
            let keep = 255 - u32::from(a);
            let over = |source: u8, under: u8| -> u8 {
                ((u32::from(source) * u32::from(a) + u32::from(under) * keep + 127) / 255) as u8
            };
            pixel[0] = over(color.r, pixel[0]);
            pixel[1] = over(color.g, pixel[1]);
            pixel[2] = over(color.b, pixel[2]);
            pixel[3] = over(255, pixel[3]);
        }
    }
}

/// ttf-parser's outline calls, into a tiny-skia path.
struct Outline(PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}
