//! The fonts bundled with the app (the ones the canvas uses: Ubuntu Light for text, Hack for
//! types), measured from their own glyph advances and embedded in every SVG, so an exported
//! diagram has the same geometry and looks the same on any machine.

use crate::scene::{Metrics, TextMeasure, TextStyle};

/// Ubuntu Light (Ubuntu Font Licence, `assets/fonts/UFL.txt`).
pub const SANS: &[u8] = include_bytes!("../../assets/fonts/Ubuntu-Light.ttf");
/// Hack (MIT and Bitstream Vera licences, `assets/fonts/Hack-Regular.txt`).
pub const MONO: &[u8] = include_bytes!("../../assets/fonts/Hack-Regular.ttf");

/// The bundled faces: Ubuntu Light, then Hack.
pub(super) fn faces() -> [ttf_parser::Face<'static>; 2] {
    // The fonts are compiled in and known good; a parse failure is a build defect.
    [
        ttf_parser::Face::parse(SANS, 0).expect("bundled Ubuntu Light parses"),
        ttf_parser::Face::parse(MONO, 0).expect("bundled Hack parses"),
    ]
}

/// How far `c` advances the pen, in font units, and its glyph when the face has one (a
/// character the face lacks advances half an em). The one measure of layout and drawing.
pub(super) fn advance(face: &ttf_parser::Face<'_>, c: char) -> (f32, Option<ttf_parser::GlyphId>) {
    let glyph = face.glyph_index(c);
    let units = glyph
        .and_then(|g| face.glyph_hor_advance(g))
        .map_or(f32::from(face.units_per_em()) / 2.0, f32::from);
    (units, glyph)
}

/// Measures text with the bundled fonts at the scene's sizes.
pub struct FontMeasure {
    sans: ttf_parser::Face<'static>,
    mono: ttf_parser::Face<'static>,
    metrics: Metrics,
}

impl FontMeasure {
    /// The measure for `metrics`' font sizes.
    pub fn new(metrics: Metrics) -> Self {
        let [sans, mono] = faces();
        Self {
            sans,
            mono,
            metrics,
        }
    }
}

impl TextMeasure for FontMeasure {
    fn width(&self, text: &str, style: TextStyle) -> f32 {
        let (face, size) = match style {
            TextStyle::Title => (&self.sans, self.metrics.title_size),
            TextStyle::Body => (&self.sans, self.metrics.body_size),
            TextStyle::Detail => (&self.mono, self.metrics.detail_size),
        };
        let units: f32 = text.chars().map(|c| advance(face, c).0).sum();
        units * size / f32::from(face.units_per_em())
    }
}

/// Standard base64, for embedding the fonts as data URLs.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn wider_text_measures_wider_and_mono_is_fixed() {
        let m = FontMeasure::new(Metrics::default());
        assert!(m.width("customer_id", TextStyle::Body) > m.width("id", TextStyle::Body));
        assert_eq!(
            m.width("iiii", TextStyle::Detail),
            m.width("MMMM", TextStyle::Detail)
        );
    }
}
