//! What a comparison shows on the canvas: added tables and columns outlined in green, changed
//! ones in amber (hover for what changed), removed tables ghosted in red where they were.

use super::super::comparing::{Comparing, Mark};
use super::super::view_state::ViewState;
use crate::scene::Scene;
use crate::scene::palette::Palette;
use egui::{Color32, Painter, Rect, Stroke, StrokeKind};

fn color(palette: &Palette, mark: Mark) -> Color32 {
    match mark {
        Mark::Added => palette.added,
        Mark::Changed => palette.changed,
    }
    .into()
}

/// Paints the marks over the drawn scene; returns hover areas with their text.
pub(super) fn paint(
    painter: &Painter,
    canvas: Rect,
    scene: &Scene,
    view: &ViewState,
    comparing: &Comparing,
) -> Vec<(Rect, String)> {
    let to_screen = view.canvas.screen_from_scene;
    let zoom = to_screen.scaling;
    let screen = |r: crate::model::Rect| {
        Rect::from_min_max(
            to_screen * egui::pos2(r.x, r.y),
            to_screen * egui::pos2(r.x + r.width, r.y + r.height),
        )
    };
    let palette = super::super::theme::palette(&painter.ctx().global_style().visuals);
    let removed = Color32::from(palette.removed);
    let mut hot = Vec::new();
    for card in &comparing.old_scene.tables {
        if !comparing.marks.removed.contains(&card.table) {
            continue;
        }
        let rect = screen(card.rect);
        if !rect.intersects(canvas) {
            continue;
        }
        painter.rect_filled(rect, 4.0 * zoom, removed.gamma_multiply(0.12));
        let dash = (6.0 * zoom).max(2.0);
        painter.extend(egui::Shape::dashed_line(
            &[
                rect.left_top(),
                rect.right_top(),
                rect.right_bottom(),
                rect.left_bottom(),
                rect.left_top(),
            ],
            Stroke::new(1.5, removed),
            dash,
            dash,
        ));
        painter.text(
            rect.left_top() + egui::vec2(6.0, 4.0) * zoom.max(0.5),
            egui::Align2::LEFT_TOP,
            format!("{} (removed)", card.title),
            egui::FontId::proportional((13.0 * zoom).clamp(8.0, 40.0)),
            removed,
        );
        hot.push((rect, format!("removed table {}", card.title)));
    }
    for card in &scene.tables {
        let rect = screen(card.rect);
        if !rect.intersects(canvas) {
            continue;
        }
        for row in &card.rows {
            if let Some((mark, what)) = comparing.marks.columns.get(&row.column) {
                let row_rect = screen(row.rect);
                painter.rect_filled(row_rect, 0.0, color(palette, *mark).gamma_multiply(0.18));
                hot.push((row_rect, what.clone()));
            }
        }
        if let Some((mark, changes)) = comparing.marks.tables.get(&card.table) {
            painter.rect_stroke(
                rect.expand(2.0),
                6.0 * zoom,
                Stroke::new(2.5, color(palette, *mark)),
                StrokeKind::Outside,
            );
            let header =
                Rect::from_min_size(rect.min, egui::vec2(rect.width(), (28.0 * zoom).max(6.0)));
            hot.push((header, changes.join("\n")));
        }
    }
    hot
}
