//! The minimap: the whole diagram in a corner of the canvas, with the part in view outlined.
//! Click or drag in it to move the view there.

use super::super::theme;
use super::super::view_state::ViewState;
use egui::emath::TSTransform;
use egui::{Rect, Sense, Stroke, StrokeKind, Ui, Vec2, pos2, vec2};

/// Largest side of the minimap, in screen points.
const SIDE: f32 = 180.0;
/// Gap to the canvas corner.
const MARGIN: f32 = 12.0;
/// How opaque the minimap is over cards while the pointer is elsewhere.
const SEE_THROUGH: f32 = 0.3;

/// Draws the minimap in the bottom-right corner of `canvas` and moves the view when it is used.
pub fn show(ui: &mut Ui, canvas: Rect, scene: &crate::scene::Scene, view: &mut ViewState) {
    let b = scene.bounds;
    if b.width <= 0.0 || b.height <= 0.0 || canvas.width() < 3.0 * SIDE {
        return;
    }
    let scale = SIDE / b.width.max(b.height);
    let size = vec2(b.width * scale, b.height * scale);
    let area = Rect::from_min_size(canvas.max - size - Vec2::splat(MARGIN), size);
    // Minimap point ← scene point.
    let map_from_scene = TSTransform::new(area.min.to_vec2() - vec2(b.x, b.y) * scale, scale);
    let response = ui.interact(area, ui.scope_id().with("minimap"), Sense::click_and_drag());
    if let Some(pointer) = response.interact_pointer_pos()
        && (response.clicked() || response.dragged())
    {
        let target = map_from_scene.inverse() * pointer;
        let zoom = view.canvas.screen_from_scene.scaling;
        view.canvas.screen_from_scene =
            TSTransform::new(canvas.center().to_vec2() - target.to_vec2() * zoom, zoom);
    }
    // Over cards it is see-through until the pointer comes to it: it never hides the model.
    let covers_a_card = scene
        .tables
        .iter()
        .any(|card| super::screen_rect(view.canvas.screen_from_scene, card.rect).intersects(area));
    let theme = theme::palette(ui.visuals());
    let mut painter = ui.painter_at(area.expand(2.0));
    if covers_a_card && !response.hovered() && !response.dragged() {
        painter.set_opacity(SEE_THROUGH);
    }
    painter.rect(
        area.expand(2.0),
        3.0,
        egui::Color32::from(theme.background).gamma_multiply(0.95),
        Stroke::new(1.0, theme.card_border),
        StrokeKind::Outside,
    );
    let to_map = |r: crate::model::Rect| {
        Rect::from_min_size(
            map_from_scene * pos2(r.x, r.y),
            vec2(r.width, r.height) * scale,
        )
    };
    for group in &scene.groups {
        let color = group.color;
        let fill = theme::translucent(color, 40);
        painter.rect_filled(to_map(group.rect), 0.0, fill);
    }
    for card in &scene.tables {
        let fill = if view.selection.tables.contains(&card.table) {
            theme.selection
        } else {
            theme.muted
        };
        painter.rect_filled(to_map(card.rect), 0.0, fill);
    }
    // The part of the diagram in view.
    let seen = view.canvas.screen_from_scene.inverse() * canvas;
    let seen = Rect::from_min_max(map_from_scene * seen.min, map_from_scene * seen.max);
    painter.rect_stroke(
        seen.intersect(area.expand(2.0)),
        0.0,
        Stroke::new(1.5, theme.selection),
        StrokeKind::Inside,
    );
}
