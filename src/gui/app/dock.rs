//! The panels around the canvas, made so that they keep the canvas usable: each is resized by a
//! grip that always shows, remembers its size between sessions, and folds to a narrow rail with
//! its name, by its fold button or by itself where the window has no room for it.

use super::App;
use egui::{Id, Sense, Ui};

/// A folded panel's rail, across.
const RAIL: f32 = 22.0;

/// Which edge of the window a panel sits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Side {
    Left,
    Right,
    Bottom,
}

/// A panel to show.
pub(super) struct Dock {
    /// Names the panel in egui's memory and in the settings.
    pub id: &'static str,
    /// What its rail says.
    pub title: &'static str,
    pub side: Side,
    /// Its size (across the edge it sits on) until the user gives it one.
    pub default: f32,
    /// The most it may take: what keeps the canvas its share of the window.
    pub room: f32,
}

impl Dock {
    /// Smaller than this a panel is of no use: where the room is smaller it starts folded.
    fn min_open(&self) -> f32 {
        match self.side {
            Side::Left | Side::Right => 200.0,
            Side::Bottom => 120.0,
        }
    }

    fn size_of(&self, rect: egui::Rect) -> f32 {
        match self.side {
            Side::Left | Side::Right => rect.width(),
            Side::Bottom => rect.height(),
        }
    }

    fn panel(&self, id: impl egui::AsIdSalt) -> egui::Panel {
        match self.side {
            Side::Left => egui::Panel::left(id),
            Side::Right => egui::Panel::right(id),
            Side::Bottom => egui::Panel::bottom(id),
        }
    }
}

impl App {
    /// Shows `dock` with `add` inside it, or its rail when it is folded.
    pub(super) fn docked(&mut self, ui: &mut Ui, dock: Dock, add: impl FnOnce(&mut App, &mut Ui)) {
        let short_of_room = dock.room < dock.min_open();
        let docks = &mut self.view.panels.docks;
        let folded = self.view.prefs.folded_panels.contains(dock.id)
            || (short_of_room && !docks.opened_anyway.contains(dock.id));
        if folded {
            docks.last.remove(dock.id);
            if rail(ui, &dock) {
                self.view.prefs.folded_panels.remove(dock.id);
                if short_of_room {
                    self.view.panels.docks.opened_anyway.insert(dock.id);
                }
            }
            return;
        }
        let remembered = self.view.prefs.panel_sizes.get(dock.id).copied();
        let most = dock.room.max(dock.min_open());
        let shown = dock
            .panel(dock.id)
            .resizable(true)
            .default_size(remembered.unwrap_or(dock.default).min(most))
            .min_size(dock.min_open() * 0.75)
            .max_size(most)
            .show(ui, |ui| {
                let fold = ui
                    .with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                        let glyph = match dock.side {
                            Side::Left => "«",
                            Side::Right => "»",
                            Side::Bottom => "v",
                        };
                        ui.small_button(glyph)
                            .on_hover_text(format!("Fold the {} panel", dock.title))
                            .accessible_name(format!("Fold {}", dock.title))
                            .clicked()
                    })
                    .inner;
                add(self, ui);
                fold
            });
        let docks = &mut self.view.panels.docks;
        if shown.inner {
            self.view.prefs.folded_panels.insert(dock.id.to_string());
            docks.opened_anyway.remove(dock.id);
        }
        let rect = shown.response.rect;
        grip(ui, rect, dock.side);
        // A size the user gave (the grip dragged) is kept once the button is let go; one the
        // window imposed is not.
        let now = dock.size_of(rect);
        let before = docks.last.insert(dock.id, now);
        let pressed = ui.input(|i| i.pointer.any_down());
        if pressed && before.is_some_and(|b| (b - now).abs() > 0.5) {
            docks.resizing.insert(dock.id);
        } else if !pressed && docks.resizing.remove(dock.id) {
            self.view
                .prefs
                .panel_sizes
                .insert(dock.id.to_string(), now.round());
        }
    }
}

/// The grip on a panel's inner edge: three dots at its middle, so the edge reads as draggable.
fn grip(ui: &Ui, rect: egui::Rect, side: Side) {
    let (center, step) = match side {
        Side::Left => (rect.right_center(), egui::vec2(0.0, 5.0)),
        Side::Right => (rect.left_center(), egui::vec2(0.0, 5.0)),
        Side::Bottom => (rect.center_top(), egui::vec2(5.0, 0.0)),
    };
    let color = ui.visuals().widgets.inactive.fg_stroke.color;
    for k in [-1.0, 0.0, 1.0] {
        ui.painter().circle_filled(center + step * k, 1.5, color);
    }
}

/// A folded panel's rail, its title written along it; true when it was clicked (to open).
fn rail(ui: &mut Ui, dock: &Dock) -> bool {
    let panel = match dock.side {
        Side::Left => egui::Panel::left((dock.id, "rail")),
        Side::Right => egui::Panel::right((dock.id, "rail")),
        Side::Bottom => egui::Panel::bottom((dock.id, "rail")),
    };
    panel
        .resizable(false)
        .exact_size(RAIL)
        .show(ui, |ui| {
            let area = ui.max_rect();
            let response = ui
                .interact(area, Id::unique((dock.id, "rail-button")), Sense::click())
                .on_hover_text(format!("Show the {} panel", dock.title))
                .accessible_name(dock.title);
            let visuals = ui.style().interact(&response);
            if response.hovered() {
                ui.painter().rect_filled(area, 0.0, visuals.weak_bg_fill);
            }
            let galley = ui.painter().layout_no_wrap(
                dock.title.to_string(),
                egui::TextStyle::Button.resolve(ui.style()),
                visuals.text_color(),
            );
            let text = match dock.side {
                // Read from the top down, as on a book's spine.
                Side::Left | Side::Right => egui::epaint::TextShape::new(
                    egui::pos2(area.center().x + galley.size().y / 2.0, area.top() + 10.0),
                    galley,
                    visuals.text_color(),
                )
                .with_angle(std::f32::consts::FRAC_PI_2),
                Side::Bottom => egui::epaint::TextShape::new(
                    egui::pos2(area.left() + 10.0, area.center().y - galley.size().y / 2.0),
                    galley,
                    visuals.text_color(),
                ),
            };
            ui.painter().add(text);
            response.clicked()
        })
        .inner
}
