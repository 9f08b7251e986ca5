//! What the model holds about the drawing: positions, colours, subject-area groups and notes.
//! Saved with the schema so a layout someone arranged by hand survives in git.

use super::ids::{GroupId, NoteId};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A point in scene units (1 unit = 1 pixel at 100% zoom). Saved as `(x, y)` on one line, so
/// moving a card is a one-line diff.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(into = "(f32, f32)", from = "(f32, f32)")]
pub struct Point {
    /// Rightwards.
    pub x: f32,
    /// Downwards.
    pub y: f32,
}

impl From<Point> for (f32, f32) {
    fn from(point: Point) -> Self {
        (point.x, point.y)
    }
}

impl From<(f32, f32)> for Point {
    fn from((x, y): (f32, f32)) -> Self {
        Self { x, y }
    }
}

impl Point {
    /// A point.
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    /// Both coordinates are finite numbers.
    pub fn is_finite(self) -> bool {
        self.x.is_finite() && self.y.is_finite()
    }
}

/// An axis-aligned rectangle in scene units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width, not negative.
    pub width: f32,
    /// Height, not negative.
    pub height: f32,
}

impl Rect {
    /// Whether all four numbers are finite and the size is not negative.
    pub fn is_valid(self) -> bool {
        [self.x, self.y, self.width, self.height]
            .iter()
            .all(|v| v.is_finite())
            && self.width >= 0.0
            && self.height >= 0.0
    }
}

/// An sRGB colour, saved as `"#rrggbb"` so it reads like CSS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Color {
    /// A colour from its channels.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// Parses `#rrggbb` (the `#` is optional).
    pub fn from_hex(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#').unwrap_or(text);
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Self::rgb(channel(0)?, channel(2)?, channel(4)?))
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

impl Serialize for Color {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Color::from_hex(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "expected a colour like \"#3b82f6\", found {text:?}"
            ))
        })
    }
}

/// A subject area: tables that belong together, drawn as a coloured area behind them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Stable id.
    pub id: GroupId,
    /// Shown on the area and in the data dictionary.
    pub name: String,
    /// Area and header colour.
    pub color: Color,
    /// What the area covers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// A hand-placed area; `None` fits the area around the member tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Rect>,
}

/// A free sticky note on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Stable id.
    pub id: NoteId,
    /// The note's text (plain, several lines allowed).
    pub text: String,
    /// Top-left corner.
    pub position: Point,
    /// Width of the card; the height follows the text.
    pub width: f32,
    /// Card colour; `None` is the theme's note colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_read_and_write_as_hex() {
        let color = Color::from_hex("#3B82f6").unwrap();
        assert_eq!(color, Color::rgb(0x3b, 0x82, 0xf6));
        assert_eq!(color.to_string(), "#3b82f6");
        assert_eq!(Color::from_hex("3b82f6"), Some(color));
        for bad in ["", "#12345", "#12345g", "#ééé", "#1234567"] {
            assert_eq!(Color::from_hex(bad), None, "{bad}");
        }
    }
}
