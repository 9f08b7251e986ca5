//! Text measurement, abstracted so the scene needs no GUI toolkit: the canvas measures with
//! egui's fonts, the image exporter with the bundled font, and tests with an approximation.

/// Which face a run of text uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextStyle {
    /// Table titles.
    Title,
    /// Column names.
    Body,
    /// Column types and markers, drawn smaller and muted.
    Detail,
}

/// Measures the width of a line of text, in scene units, at the scene's font sizes.
pub trait TextMeasure {
    /// Width of `text` on one line.
    fn width(&self, text: &str, style: TextStyle) -> f32;
}

/// A fixed average advance per character: good enough for tests and headless layout.
#[derive(Clone, Copy, Debug)]
pub struct ApproxMeasure;

impl TextMeasure for ApproxMeasure {
    fn width(&self, text: &str, style: TextStyle) -> f32 {
        let advance = match style {
            TextStyle::Title => 8.0,
            TextStyle::Body => 7.2,
            TextStyle::Detail => 6.4,
        };
        text.chars().count() as f32 * advance
    }
}
