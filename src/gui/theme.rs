//! Colours and stroke widths of the app: the only place they are chosen.

use egui::Color32;

/// A palette.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    /// Canvas background.
    pub background: Color32,
    /// Grid lines.
    pub grid: Color32,
    /// Card body.
    pub card: Color32,
    /// Card outline.
    pub card_border: Color32,
    /// Header of a card with no colour of its own.
    pub header: Color32,
    /// Title text on headers.
    pub header_text: Color32,
    /// Column names.
    pub text: Color32,
    /// Types and secondary text.
    pub muted: Color32,
    /// Primary-key marker.
    pub primary_key: Color32,
    /// Foreign-key marker.
    pub foreign_key: Color32,
    /// Relationship lines.
    pub connector: Color32,
    /// Outline of selected cards.
    pub selection: Color32,
    /// Note cards with no colour of their own.
    pub note: Color32,
    /// Error findings.
    pub error: Color32,
    /// Warning findings.
    pub warning: Color32,
    /// Info findings.
    pub info: Color32,
}

impl Theme {
    /// The light palette.
    pub const LIGHT: Theme = Theme {
        background: Color32::from_rgb(246, 247, 249),
        grid: Color32::from_rgb(230, 232, 236),
        card: Color32::WHITE,
        card_border: Color32::from_rgb(203, 208, 216),
        header: Color32::from_rgb(71, 85, 105),
        header_text: Color32::WHITE,
        text: Color32::from_rgb(30, 35, 45),
        muted: Color32::from_rgb(110, 118, 130),
        primary_key: Color32::from_rgb(202, 138, 4),
        foreign_key: Color32::from_rgb(37, 99, 235),
        connector: Color32::from_rgb(100, 110, 125),
        selection: Color32::from_rgb(249, 115, 22),
        note: Color32::from_rgb(254, 243, 199),
        error: Color32::from_rgb(220, 38, 38),
        warning: Color32::from_rgb(217, 119, 6),
        info: Color32::from_rgb(37, 99, 235),
    };

    /// The dark palette: the same hues, on a dark canvas.
    pub const DARK: Theme = Theme {
        background: Color32::from_rgb(24, 26, 31),
        grid: Color32::from_rgb(36, 39, 46),
        card: Color32::from_rgb(38, 41, 48),
        card_border: Color32::from_rgb(70, 76, 88),
        header: Color32::from_rgb(71, 85, 105),
        header_text: Color32::WHITE,
        text: Color32::from_rgb(225, 228, 234),
        muted: Color32::from_rgb(150, 158, 170),
        primary_key: Color32::from_rgb(234, 179, 8),
        foreign_key: Color32::from_rgb(96, 165, 250),
        connector: Color32::from_rgb(150, 160, 175),
        selection: Color32::from_rgb(251, 146, 60),
        note: Color32::from_rgb(92, 80, 40),
        error: Color32::from_rgb(248, 113, 113),
        warning: Color32::from_rgb(251, 191, 36),
        info: Color32::from_rgb(96, 165, 250),
    };

    /// The palette that goes with egui's current visuals (light or dark, following the system
    /// unless the user chose one in the View menu).
    pub fn of(visuals: &egui::Visuals) -> Theme {
        if visuals.dark_mode {
            Theme::DARK
        } else {
            Theme::LIGHT
        }
    }

    /// The colour of a finding's severity.
    pub fn severity(&self, severity: crate::model::Severity) -> Color32 {
        match severity {
            crate::model::Severity::Error => self.error,
            crate::model::Severity::Warning => self.warning,
            crate::model::Severity::Info => self.info,
        }
    }
}

/// egui's fonts, with the monospace font (which has arrows, box drawing and more symbols) as a
/// fallback of the proportional one: change lists and names show `→` and the like, not boxes.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if let Some(mono) = fonts
        .families
        .get(&egui::FontFamily::Monospace)
        .and_then(|list| list.first())
        .cloned()
        && let Some(proportional) = fonts.families.get_mut(&egui::FontFamily::Proportional)
        && !proportional.contains(&mono)
    {
        proportional.push(mono);
    }
    ctx.set_fonts(fonts);
}

/// Corner radius of cards at 100% zoom.
pub const CARD_RADIUS: f32 = 6.0;
