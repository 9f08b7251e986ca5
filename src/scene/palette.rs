//! The colours of a diagram, light and dark: the one place they are chosen. The canvas
//! (`gui::theme`, which only converts them for the toolkit) and the exported images (`render`) both take
//! theirs from here, so an image looks like the app in either theme; DOT takes its default header
//! colour from here too.

use crate::model::{Color, Severity};

/// Which palette: light or dark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on light cards.
    #[default]
    Light,
    /// Light text on dark cards.
    Dark,
}

/// The colours of one theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Behind the diagram on the canvas.
    pub background: Color,
    /// Behind an exported image: white in the light theme, as the page it goes on; the
    /// canvas's background in the dark one.
    pub paper: Color,
    /// Grid lines (canvas only).
    pub grid: Color,
    /// Card body.
    pub card: Color,
    /// Card and note outline.
    pub card_border: Color,
    /// Header of a card with no colour of its own.
    pub header: Color,
    /// Title text on headers.
    pub header_text: Color,
    /// Column names.
    pub text: Color,
    /// Types and secondary text.
    pub muted: Color,
    /// Primary-key marker.
    pub primary_key: Color,
    /// Foreign-key marker.
    pub foreign_key: Color,
    /// Relationship lines, and the dashed lines from a view to the tables it reads.
    pub connector: Color,
    /// Header of a view's card: a view is not a table, and must not look like one.
    pub view_header: Color,
    /// Outline of selected cards, the minimap's view (canvas only).
    pub selection: Color,
    /// Note cards with no colour of their own.
    pub note: Color,
    /// Text on notes.
    pub note_text: Color,
    /// Error findings.
    pub error: Color,
    /// Warning findings.
    pub warning: Color,
    /// Info findings.
    pub info: Color,
    /// Text and outlines drawn on a coloured marker (a finding's count, a comment badge).
    pub on_accent: Color,
    /// A comparison's added tables and columns.
    pub added: Color,
    /// A comparison's changed tables and columns.
    pub changed: Color,
    /// A comparison's removed tables.
    pub removed: Color,
    /// The presenter's laser pointer.
    pub pointer: Color,
}

const fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color::rgb(r, g, b)
}

const WHITE: Color = rgb(255, 255, 255);

impl Palette {
    /// The light palette.
    pub const LIGHT: Palette = Palette {
        background: rgb(246, 247, 249),
        paper: WHITE,
        grid: rgb(230, 232, 236),
        card: WHITE,
        card_border: rgb(203, 208, 216),
        header: rgb(71, 85, 105),
        header_text: WHITE,
        text: rgb(30, 35, 45),
        muted: rgb(110, 118, 130),
        primary_key: rgb(202, 138, 4),
        foreign_key: rgb(37, 99, 235),
        connector: rgb(100, 110, 125),
        view_header: rgb(15, 118, 110),
        selection: rgb(249, 115, 22),
        note: rgb(254, 243, 199),
        note_text: rgb(30, 35, 45),
        error: rgb(220, 38, 38),
        warning: rgb(217, 119, 6),
        info: rgb(37, 99, 235),
        on_accent: WHITE,
        added: rgb(22, 163, 74),
        changed: rgb(217, 119, 6),
        removed: rgb(220, 38, 38),
        pointer: rgb(239, 68, 68),
    };

    /// The dark palette: the same hues, on a dark canvas.
    pub const DARK: Palette = Palette {
        background: rgb(24, 26, 31),
        paper: rgb(24, 26, 31),
        grid: rgb(36, 39, 46),
        card: rgb(38, 41, 48),
        card_border: rgb(70, 76, 88),
        header: rgb(71, 85, 105),
        header_text: WHITE,
        text: rgb(225, 228, 234),
        muted: rgb(150, 158, 170),
        primary_key: rgb(234, 179, 8),
        foreign_key: rgb(96, 165, 250),
        connector: rgb(150, 160, 175),
        view_header: rgb(17, 94, 89),
        selection: rgb(251, 146, 60),
        note: rgb(92, 80, 40),
        note_text: rgb(225, 228, 234),
        error: rgb(248, 113, 113),
        warning: rgb(251, 191, 36),
        info: rgb(96, 165, 250),
        on_accent: WHITE,
        added: rgb(34, 197, 94),
        changed: rgb(251, 191, 36),
        removed: rgb(248, 113, 113),
        pointer: rgb(239, 68, 68),
    };

    /// The palette of `theme`.
    pub const fn of(theme: Theme) -> &'static Palette {
        match theme {
            Theme::Light => &Palette::LIGHT,
            Theme::Dark => &Palette::DARK,
        }
    }

    /// The colour of a finding's severity.
    pub fn severity(&self, severity: Severity) -> Color {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

/// The colours new groups take in turn: distinct hues that keep white header text readable.
pub const GROUP_COLORS: [Color; 6] = [
    rgb(0x4f, 0x46, 0xe5),
    rgb(0x02, 0x84, 0xc7),
    rgb(0x05, 0x96, 0x69),
    rgb(0xb4, 0x53, 0x09),
    rgb(0xdc, 0x26, 0x26),
    rgb(0x93, 0x33, 0xea),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(c: Color) -> f32 {
        let linear = |v: u8| {
            let v = v as f32 / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
    }

    fn contrast(a: Color, b: Color) -> f32 {
        let (l1, l2) = (luminance(a), luminance(b));
        (l1.max(l2) + 0.05) / (l1.min(l2) + 0.05)
    }

    #[test]
    fn text_is_readable_on_what_it_is_drawn_on_in_both_themes() {
        for palette in [Palette::LIGHT, Palette::DARK] {
            // WCAG AA for body text (4.5:1); secondary text at least the large-text 3:1.
            assert!(contrast(palette.text, palette.card) >= 4.5);
            assert!(contrast(palette.header_text, palette.header) >= 4.5);
            assert!(contrast(palette.note_text, palette.note) >= 4.5);
            assert!(contrast(palette.muted, palette.card) >= 3.0);
            for group in GROUP_COLORS {
                // Headers are bold: the large-text ratio.
                assert!(contrast(palette.header_text, group) >= 3.0, "{group}");
            }
        }
    }
}
