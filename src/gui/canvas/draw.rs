//! Painting the scene at the current zoom. Only what intersects the view is drawn, and below a
//! zoom threshold cards are drawn without their column text (level of detail).

use super::super::theme::translucent;
use super::super::theme::{self, CARD_RADIUS};
use super::super::validation::FindingMarks;
use super::super::view_state::ViewState;
use super::font_for;
use crate::model::Point;
use crate::scene::palette::Palette;
use crate::scene::{Mark, Metrics, Scene, TableCard, TextStyle};
use egui::emath::TSTransform;
use egui::{Align2, Color32, CornerRadius, Painter, Pos2, Rect, Shape, Stroke, StrokeKind};

use super::{TEXT_ZOOM, screen_rect};

/// Paints the scene; returns the finding markers' screen areas with their hover text.
pub(super) fn scene(
    painter: Painter,
    canvas: Rect,
    scene: &Scene,
    metrics: &Metrics,
    view: &ViewState,
    marks: &FindingMarks,
) -> Vec<(Rect, String)> {
    let mut hot = Vec::new();
    let theme = theme::palette(&painter.ctx().global_style().visuals);
    let to_screen = view.canvas.screen_from_scene;
    let zoom = to_screen.scaling;
    painter.rect_filled(canvas, 0.0, theme.background);
    grid(&painter, canvas, to_screen, theme);
    for group in &scene.groups {
        let rect = screen_rect(to_screen, group.rect);
        if !rect.intersects(canvas) {
            continue;
        }
        let fill = translucent(group.color, 28);
        painter.rect(
            rect,
            CornerRadius::same((10.0 * zoom).min(255.0) as u8),
            fill,
            Stroke::new(1.0, translucent(group.color, 120)),
            StrokeKind::Inside,
        );
        if zoom >= TEXT_ZOOM {
            painter.text(
                rect.min + egui::vec2(10.0, 6.0) * zoom,
                Align2::LEFT_TOP,
                &group.name,
                font_for(TextStyle::Title, metrics, zoom),
                Color32::from(group.color),
            );
        }
    }
    let line = Stroke::new(metrics.connector_width * zoom.max(0.5), theme.connector);
    for connector in &scene.connectors {
        let points: Vec<Pos2> = connector
            .points
            .iter()
            .map(|p| to_screen * pos(*p))
            .collect();
        let bounds = Rect::from_points(&points).expand(20.0 * zoom);
        if !bounds.intersects(canvas) {
            continue;
        }
        painter.add(Shape::line(points, line));
        for mark in connector.end_marks() {
            match mark {
                Mark::Line(a, b) => {
                    painter.line_segment([to_screen * pos(a), to_screen * pos(b)], line);
                }
                Mark::Circle { center, radius } => {
                    let center = to_screen * pos(center);
                    painter.circle(center, radius * zoom, theme.card, line);
                }
            }
        }
    }
    // A view reads its tables: dashed lines, under the cards like the relationships.
    for link in &scene.view_links {
        let [a, b] = link.points.map(|p| to_screen * pos(p));
        if Rect::from_two_pos(a, b).expand(4.0).intersects(canvas) {
            painter.extend(Shape::dashed_line(
                &[a, b],
                line,
                6.0 * zoom.max(0.5),
                4.0 * zoom.max(0.5),
            ));
        }
    }
    for card in &scene.tables {
        let rect = screen_rect(to_screen, card.rect);
        if rect.intersects(canvas) {
            let selected = view.selection.tables.contains(&card.table);
            table_card(&painter, card, rect, to_screen, metrics, theme, selected);
            finding_markers(
                &painter, card, rect, to_screen, metrics, theme, marks, &mut hot,
            );
        }
    }
    for card in &scene.views {
        let rect = screen_rect(to_screen, card.rect);
        if rect.intersects(canvas) {
            view_card(&painter, card, rect, to_screen, metrics, theme);
        }
    }
    for note in &scene.notes {
        let rect = screen_rect(to_screen, note.rect);
        if !rect.intersects(canvas) {
            continue;
        }
        let fill = Color32::from(note.color.unwrap_or(theme.note));
        painter.rect(
            rect,
            CornerRadius::same(2),
            fill,
            Stroke::new(1.0, theme.card_border),
            StrokeKind::Inside,
        );
        if zoom >= TEXT_ZOOM {
            for (i, text) in note.lines.iter().enumerate() {
                let at = Point::new(
                    note.rect.x + metrics.padding,
                    note.rect.y + metrics.padding + i as f32 * metrics.note_line_height,
                );
                painter.text(
                    to_screen * pos(at),
                    Align2::LEFT_TOP,
                    text,
                    font_for(TextStyle::Body, metrics, zoom),
                    theme.text.into(),
                );
            }
        }
    }
    if zoom < TEXT_ZOOM {
        super::labels::paint(
            &painter,
            canvas,
            scene,
            to_screen,
            metrics,
            &view.selection.tables,
            theme,
        );
    }
    hot
}

/// A dot with the count on the header of a card with findings, and a dot at the left edge
/// of each row with findings; colour = the most serious.
#[allow(clippy::too_many_arguments)]
fn finding_markers(
    painter: &Painter,
    card: &TableCard,
    rect: Rect,
    to_screen: TSTransform,
    metrics: &Metrics,
    theme: &Palette,
    marks: &FindingMarks,
    hot: &mut Vec<(Rect, String)>,
) {
    let zoom = to_screen.scaling;
    if let Some((severity, lines)) = marks.tables.get(&card.table) {
        let radius = (7.0 * zoom).max(3.0);
        let center = egui::pos2(
            rect.right() - radius - 4.0 * zoom,
            rect.top() + metrics.header_height * zoom / 2.0,
        );
        painter.circle(
            center,
            radius,
            theme.severity(*severity),
            Stroke::new(1.0, theme.on_accent),
        );
        if zoom >= TEXT_ZOOM {
            painter.text(
                center,
                Align2::CENTER_CENTER,
                lines.len().to_string(),
                egui::FontId::proportional(9.0 * zoom),
                theme.on_accent.into(),
            );
        }
        hot.push((
            Rect::from_center_size(center, egui::Vec2::splat(radius * 2.0)),
            lines.join("\n"),
        ));
    }
    if zoom < TEXT_ZOOM {
        return;
    }
    for row in &card.rows {
        if let Some((severity, lines)) = marks.columns.get(&row.column) {
            let row_rect = to_screen * rect_of(row.rect);
            let center = egui::pos2(row_rect.left() + 3.0 * zoom, row_rect.center().y);
            painter.circle_filled(center, 2.5 * zoom, theme.severity(*severity));
            hot.push((row_rect, lines.join("\n")));
        }
    }
}

fn table_card(
    painter: &Painter,
    card: &TableCard,
    rect: Rect,
    to_screen: TSTransform,
    metrics: &Metrics,
    theme: &Palette,
    selected: bool,
) {
    let zoom = to_screen.scaling;
    let radius = (CARD_RADIUS * zoom).clamp(0.0, 255.0) as u8;
    let border = if selected {
        Stroke::new(2.0, theme.selection)
    } else {
        Stroke::new(1.0, theme.card_border)
    };
    painter.rect(
        rect,
        CornerRadius::same(radius),
        theme.card,
        border,
        StrokeKind::Inside,
    );
    let header = Rect::from_min_size(
        rect.min,
        egui::vec2(rect.width(), metrics.header_height * zoom),
    );
    let header_fill = Color32::from(card.color.unwrap_or(theme.header));
    painter.rect_filled(
        header,
        CornerRadius {
            nw: radius,
            ne: radius,
            sw: 0,
            se: 0,
        },
        header_fill,
    );
    if zoom < TEXT_ZOOM {
        // Far out the names are placed all together (labels.rs), after every card.
        return;
    }
    painter.text(
        header.left_center() + egui::vec2(metrics.padding * zoom, 0.0),
        Align2::LEFT_CENTER,
        &card.title,
        font_for(TextStyle::Title, metrics, zoom),
        theme.header_text.into(),
    );
    for row in &card.rows {
        let row_rect = to_screen * rect_of(row.rect);
        let y = row_rect.center().y;
        let left = row_rect.left() + metrics.padding * zoom;
        let marker = if row.markers.primary_key {
            Some(("PK", theme.primary_key))
        } else if row.markers.foreign_key {
            Some(("FK", theme.foreign_key))
        } else if row.markers.unique {
            Some(("UQ", theme.muted))
        } else {
            None
        };
        if let Some((label, color)) = marker {
            painter.text(
                egui::pos2(left, y),
                Align2::LEFT_CENTER,
                label,
                egui::FontId::proportional(metrics.marker_size * zoom),
                color.into(),
            );
        }
        let name_color = if row.markers.not_null {
            theme.text
        } else {
            theme.muted
        };
        painter.text(
            egui::pos2(left + metrics.gutter * zoom, y),
            Align2::LEFT_CENTER,
            &row.name,
            font_for(TextStyle::Body, metrics, zoom),
            name_color.into(),
        );
        right_detail(painter, row_rect, y, &row.type_text, metrics, zoom, theme);
    }
    // Partitions below the columns, after a rule: the card is the whole logical table.
    if let Some(first) = card.partitions.first() {
        let top = to_screen * rect_of(first.rect);
        painter.hline(
            top.left()..=top.right(),
            top.top(),
            Stroke::new(1.0, theme.card_border),
        );
    }
    for row in &card.partitions {
        let row_rect = to_screen * rect_of(row.rect);
        let y = row_rect.center().y;
        let left = row_rect.left() + metrics.padding * zoom;
        painter.text(
            egui::pos2(left, y),
            Align2::LEFT_CENTER,
            "P",
            egui::FontId::proportional(metrics.marker_size * zoom),
            theme.muted.into(),
        );
        painter.text(
            egui::pos2(left + metrics.gutter * zoom, y),
            Align2::LEFT_CENTER,
            &row.name,
            font_for(TextStyle::Body, metrics, zoom),
            theme.text.into(),
        );
        right_detail(painter, row_rect, y, &row.bound, metrics, zoom, theme);
    }
}

fn grid(painter: &Painter, canvas: Rect, to_screen: TSTransform, theme: &Palette) {
    let spacing = 40.0 * to_screen.scaling;
    if spacing < 12.0 {
        return;
    }
    let stroke = Stroke::new(1.0, theme.grid);
    let offset = to_screen.translation;
    let mut x = canvas.left() + (offset.x - canvas.left()).rem_euclid(spacing);
    while x < canvas.right() {
        painter.vline(x, canvas.y_range(), stroke);
        x += spacing;
    }
    let mut y = canvas.top() + (offset.y - canvas.top()).rem_euclid(spacing);
    while y < canvas.bottom() {
        painter.hline(canvas.x_range(), y, stroke);
        y += spacing;
    }
}

fn pos(point: Point) -> Pos2 {
    egui::pos2(point.x, point.y)
}

fn rect_of(rect: crate::model::Rect) -> Rect {
    Rect::from_min_size(
        egui::pos2(rect.x, rect.y),
        egui::vec2(rect.width, rect.height),
    )
}

/// A view's card: a table's shape in the view's own colours, with the columns its query yields.
fn view_card(
    painter: &Painter,
    card: &crate::scene::views::ViewCard,
    rect: Rect,
    to_screen: TSTransform,
    metrics: &Metrics,
    theme: &Palette,
) {
    let zoom = to_screen.scaling;
    let radius = (CARD_RADIUS * zoom).clamp(0.0, 255.0) as u8;
    painter.rect(
        rect,
        CornerRadius::same(radius),
        theme.card,
        Stroke::new(1.0, theme.view_header),
        StrokeKind::Inside,
    );
    let header = Rect::from_min_size(
        rect.min,
        egui::vec2(rect.width(), metrics.header_height * zoom),
    );
    painter.rect_filled(
        header,
        CornerRadius {
            nw: radius,
            ne: radius,
            sw: 0,
            se: 0,
        },
        Color32::from(theme.view_header),
    );
    if zoom < TEXT_ZOOM {
        return;
    }
    painter.text(
        header.left_center() + egui::vec2(metrics.padding * zoom, 0.0),
        Align2::LEFT_CENTER,
        &card.title,
        font_for(TextStyle::Title, metrics, zoom),
        theme.header_text.into(),
    );
    for row in &card.rows {
        let row_rect = to_screen * rect_of(row.rect);
        let y = row_rect.center().y;
        let left = row_rect.left() + (metrics.padding + metrics.gutter) * zoom;
        painter.text(
            egui::pos2(left, y),
            Align2::LEFT_CENTER,
            &row.name,
            font_for(TextStyle::Body, metrics, zoom),
            theme.text.into(),
        );
        right_detail(painter, row_rect, y, &row.type_text, metrics, zoom, theme);
    }
}

/// A row's detail (a column's type, a partition's bound), at the card's right edge.
fn right_detail(
    painter: &Painter,
    row: Rect,
    y: f32,
    text: &str,
    metrics: &Metrics,
    zoom: f32,
    theme: &Palette,
) {
    painter.text(
        egui::pos2(row.right() - metrics.padding * zoom, y),
        Align2::RIGHT_CENTER,
        text,
        font_for(TextStyle::Detail, metrics, zoom),
        theme.muted.into(),
    );
}
