//! The canvas's look: its palette (chosen in `scene::palette`, shared with the images) for
//! egui's light or dark visuals, its fonts and its card corners.

use crate::model::Color;
use crate::scene::palette::{Palette, Theme};

/// A model colour as egui's: the one conversion, so the canvas takes its colours from the
/// palette or the model (a clippy rule refuses `Color32::from_rgb` anywhere else).
impl From<Color> for egui::Color32 {
    #[allow(clippy::disallowed_methods)]
    fn from(color: Color) -> Self {
        egui::Color32::from_rgb(color.r, color.g, color.b)
    }
}

/// `color` seen through: a group's area over the canvas, the same hue at `alpha` (0–255).
#[allow(clippy::disallowed_methods)]
pub fn translucent(color: Color, alpha: u8) -> egui::Color32 {
    egui::Color32::from_rgba_unmultiplied(color.r, color.g, color.b, alpha)
}

/// The palette that goes with egui's current visuals (light or dark, following the system
/// unless the user chose one in the View menu).
pub fn palette(visuals: &egui::Visuals) -> &'static Palette {
    Palette::of(if visuals.dark_mode {
        Theme::Dark
    } else {
        Theme::Light
    })
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
