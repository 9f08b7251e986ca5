//! The diagram canvas: draws the scene with our own pan/zoom transform and turns gestures into
//! edits.
//!
//! We transform geometry ourselves and lay text out at the zoomed font size instead of using
//! `egui::Scene`'s transform layer, which scales glyph meshes and makes text soft when zoomed in.

mod compare_marks;
pub mod connect;
mod draw;
mod hit_test;
mod input;
mod labels;
mod minimap;

pub use input::{zoom_about, zoom_to};

use super::commands::AppCommand;
use super::document::Document;
use super::view_state::ViewState;
use crate::model::TableId;
use crate::scene::{Metrics, Scene, TextMeasure, TextStyle};
use egui::emath::TSTransform;
use egui::{FontId, Rect, Ui, Vec2};

/// Zoom limits: 1% (F fits a model of thousands of tables) to 400%.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.01..=4.0;

/// Below this zoom a card's rows have no text and its name is drawn as a plate; a drag that
/// starts on a card pans (unless it is selected already, or Alt is held), since a press on a
/// dense model at this size nearly always lands on one.
pub const TEXT_ZOOM: f32 = 0.3;

/// Where a scene rectangle lies on screen.
pub(super) fn screen_rect(to_screen: TSTransform, rect: crate::model::Rect) -> Rect {
    to_screen
        * Rect::from_min_size(
            egui::pos2(rect.x, rect.y),
            egui::vec2(rect.width, rect.height),
        )
}

/// The zoom levels the keys step through: powers of √2 from 100 %, so that every step scales
/// by the same ratio and two steps double or halve.
fn zoom_level(k: i32) -> f32 {
    // Whole powers of two exactly, so that 100 %, 200 % and 400 % are reached as such.
    let odd = if k.rem_euclid(2) == 1 {
        std::f32::consts::SQRT_2
    } else {
        1.0
    };
    2f32.powi(k.div_euclid(2)) * odd
}

/// The zoom `steps` levels away from `now` (a zoom between two levels counts the next one in
/// that direction as the first step); 0 steps is 100 %. Kept within [`ZOOM_RANGE`].
pub fn zoom_step(now: f32, steps: i32) -> f32 {
    if steps == 0 {
        return 1.0;
    }
    // Which level `now` is at, allowing for rounding: 0.7071 is level -1, not between levels.
    let at = 2.0 * now.log2();
    let near = at.round();
    let from = if (at - near).abs() < 1e-3 {
        near as i32
    } else if steps > 0 {
        at.floor() as i32
    } else {
        at.ceil() as i32
    };
    zoom_level(from + steps).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end())
}

/// Draws the canvas in the remaining space and handles its input.
pub fn canvas_ui(
    ui: &mut Ui,
    document: &mut Document,
    view: &mut ViewState,
    commands: &mut Vec<AppCommand>,
) {
    let metrics = Metrics::default();
    let scene = current_scene(view, document, ui.ctx());
    let (rect, response) =
        ui.allocate_exact_size(ui.available_size(), egui::Sense::click_and_drag());
    if !view.canvas.fitted && rect.width() > 0.0 {
        fit(view, &scene, rect);
        // A named view opens at its own zoom, if it has one, about the same centre.
        let zoom = view
            .active_view
            .and_then(|i| document.schema().views.get(i))
            .and_then(|v| v.zoom);
        if let Some(zoom) = zoom {
            zoom_to(view, rect.center(), zoom);
        }
        view.canvas.fitted = true;
    }
    view.canvas.rect = Some(rect);
    if let Some((table, frames)) = view.canvas.focus {
        if let Some(card) = scene.tables.iter().find(|c| c.table == table) {
            center_on(view, card.rect, rect);
        }
        view.canvas.focus = frames.checked_sub(1).map(|left| (table, left));
        ui.ctx().request_repaint();
    }
    if let Some((table, frames)) = view.canvas.reveal {
        if let Some(card) = scene.tables.iter().find(|c| c.table == table) {
            reveal(view, card.rect, rect);
        }
        view.canvas.reveal = frames.checked_sub(1).map(|left| (table, left));
        ui.ctx().request_repaint();
    }
    input::handle(ui, &response, rect, &scene, document, view, commands);
    // Presenting, findings stay off the cards unless asked for (M).
    let marks = if view.presenting && !view.presenting_findings {
        std::sync::Arc::default()
    } else {
        finding_marks(view, document)
    };
    let mut hot = draw::scene(ui.painter_at(rect), rect, &scene, &metrics, view, &marks);
    if let Some(comparing) = &view.comparing {
        // Marks' hover texts come first: they sit over the findings' markers.
        let mut marked = compare_marks::paint(&ui.painter_at(rect), rect, &scene, view, comparing);
        marked.append(&mut hot);
        hot = marked;
    }
    hot.extend(comment_badges(ui, rect, &scene, view, document.schema()));
    draw_gestures(
        ui,
        rect,
        &scene,
        document.schema(),
        view,
        response.hover_pos(),
    );
    if scene.tables.is_empty() && scene.notes.is_empty() && !view.presenting {
        empty_hint(ui, rect);
    }
    if view.presenting
        && let Some(pointer) = response.hover_pos()
    {
        // The laser pointer: a red dot with a glow, instead of the arrow.
        ui.ctx().set_cursor_icon(egui::CursorIcon::None);
        let painter = ui.painter_at(rect);
        let red = egui::Color32::from(super::theme::palette(ui.visuals()).pointer);
        painter.circle_filled(pointer, 14.0, red.gamma_multiply(0.25));
        painter.circle_filled(pointer, 6.0, red);
    }
    // Presenting, the room sees the diagram alone.
    if view.prefs.show_minimap && !view.presenting {
        minimap::show(ui, rect, &scene, view);
    }
    if let Some(since) = view.presenting_since.filter(|_| view.presenting) {
        leave_hint(ui, rect, ui.input(|i| i.time) - since);
    }
    if let Some(pointer) = response.hover_pos()
        && let Some((_, text)) = hot.iter().find(|(area, _)| area.contains(pointer))
    {
        response.on_hover_text_at_pointer(text);
    }
}

/// Moves the view the least that shows `target` whole inside `canvas` (a margin in), or centres
/// it when it is larger than the canvas.
fn reveal(view: &mut ViewState, target: crate::model::Rect, canvas: Rect) {
    let margin = 24.0;
    let on_screen = view.canvas.screen_from_scene
        * Rect::from_min_size(
            egui::pos2(target.x, target.y),
            Vec2::new(target.width, target.height),
        );
    let room = canvas.shrink(margin);
    let shift = |low: f32, high: f32, min: f32, max: f32| {
        if high - low > max - min {
            (min + max) / 2.0 - (low + high) / 2.0
        } else if low < min {
            min - low
        } else if high > max {
            max - high
        } else {
            0.0
        }
    };
    view.canvas.screen_from_scene.translation += Vec2::new(
        shift(
            on_screen.left(),
            on_screen.right(),
            room.left(),
            room.right(),
        ),
        shift(
            on_screen.top(),
            on_screen.bottom(),
            room.top(),
            room.bottom(),
        ),
    );
}

/// How long the presentation's first seconds say how to leave it.
const LEAVE_HINT_SECONDS: f64 = 4.0;

/// "Esc leaves", at the top of the canvas, for the first seconds of a presentation.
fn leave_hint(ui: &mut Ui, rect: Rect, shown_for: f64) {
    if shown_for >= LEAVE_HINT_SECONDS {
        return;
    }
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_secs_f64(
            LEAVE_HINT_SECONDS - shown_for,
        ));
    let text = egui::RichText::new("Esc leaves the presentation · arrows step through the views")
        .size(15.0);
    let area = Rect::from_center_size(
        egui::pos2(rect.center().x, rect.top() + 28.0),
        Vec2::new(rect.width().min(520.0), 32.0),
    );
    ui.put(area, egui::Label::new(text).selectable(false));
}

/// What to do on an empty canvas, in its middle, until the first table or note is there.
fn empty_hint(ui: &mut Ui, rect: Rect) {
    let hint = "Double-click, or press T, to add a table.\nN adds a note.\n\
                File → Import SQL or DBML… brings in a schema you have.";
    let area = Rect::from_center_size(rect.center(), Vec2::new(rect.width().min(420.0), 90.0));
    let text = egui::RichText::new(hint)
        .size(15.0)
        .color(ui.visuals().weak_text_color());
    ui.put(
        area,
        egui::Label::new(text)
            .selectable(false)
            .halign(egui::Align::Center),
    );
}

/// The findings' markers, made again only when the findings change: a big model has tens of
/// thousands, and gathering their texts every frame cost more than drawing the cards in view.
fn finding_marks(
    view: &mut ViewState,
    document: &Document,
) -> std::sync::Arc<super::validation::FindingMarks> {
    let key = (document.findings_revision(), document.summary());
    match &view.canvas.finding_marks {
        Some((made_for, marks)) if *made_for == key => marks.clone(),
        _ => {
            let marks =
                std::sync::Arc::new(super::validation::FindingMarks::of(document.findings()));
            view.canvas.finding_marks = Some((key, marks.clone()));
            marks
        }
    }
}

/// A badge at the top-right corner of each table with open review threads, with their count;
/// hovering lists them. Returns the badges' hover areas.
fn comment_badges(
    ui: &Ui,
    rect: Rect,
    scene: &Scene,
    view: &ViewState,
    schema: &crate::model::Schema,
) -> Vec<(Rect, String)> {
    let mut hot = Vec::new();
    if schema.comments.is_empty() {
        return hot;
    }
    let painter = ui.painter_at(rect);
    let accent = ui.visuals().selection.bg_fill;
    for card in &scene.tables {
        let open: Vec<String> = schema
            .comments
            .iter()
            .filter(|t| !t.resolved && t.on.table == Some(card.table))
            .map(|t| format!("#{}: {}", t.number, t.opening()))
            .collect();
        if open.is_empty() {
            continue;
        }
        // Top-left: the header's right end holds the findings' markers.
        let corner = view.canvas.screen_from_scene * egui::pos2(card.rect.x, card.rect.y);
        let badge = Rect::from_center_size(corner, egui::vec2(18.0, 18.0));
        if !badge.intersects(rect) {
            continue;
        }
        painter.circle_filled(badge.center(), 9.0, accent);
        painter.text(
            badge.center(),
            egui::Align2::CENTER_CENTER,
            open.len().to_string(),
            FontId::proportional(11.0),
            super::theme::palette(ui.visuals()).on_accent.into(),
        );
        hot.push((badge, open.join("\n")));
    }
    hot
}

/// What the gestures in progress show over the diagram: the handles of the card under the
/// pointer, the foreign key being dragged out, the rubber band.
fn draw_gestures(
    ui: &Ui,
    rect: Rect,
    scene: &Scene,
    schema: &crate::model::Schema,
    view: &ViewState,
    hover: Option<egui::Pos2>,
) {
    let painter = ui.painter_at(rect);
    let to_screen = view.canvas.screen_from_scene;
    let accent = ui.visuals().selection.bg_fill;
    let stroke = egui::Stroke::new(1.5, accent);
    let hovered_table = hover.and_then(|p| {
        let p = to_screen.inverse() * p;
        hit_test::table_at(scene, p.x, p.y).or(input::handle_under(scene, view, p).map(|h| h.0))
    });
    // Handles on the card under the pointer, the selected cards and the one a key comes from.
    if view.zoom() >= TEXT_ZOOM {
        let from = view.canvas.connecting.map(|((table, _), _)| table);
        let shown = |table: TableId| {
            hovered_table == Some(table)
                || from == Some(table)
                || (view.selection.tables.len() <= 20 && view.selection.tables.contains(&table))
        };
        let card_fill = egui::Color32::from(super::theme::palette(ui.visuals()).card);
        let zoom = view.zoom();
        for card in scene.tables.iter().filter(|c| shown(c.table)) {
            for row in &card.rows {
                let end = to_screen
                    * egui::pos2(
                        card.rect.x + card.rect.width,
                        row.rect.y + row.rect.height / 2.0,
                    );
                if !rect.contains(end) {
                    continue;
                }
                // Hit within HANDLE_SIZE at any zoom; drawn no taller than its row, so that
                // the handles of a small card do not run together.
                let radius = (hit_test::HANDLE_SIZE / 2.0).min(row.rect.height * zoom * 0.4);
                let hot = hover.is_some_and(|p| p.distance(end) <= hit_test::HANDLE_SIZE / 2.0);
                let fill = if hot { accent } else { card_fill };
                painter.circle(end, radius.max(2.5), fill, stroke);
            }
        }
    }
    // The column a search found, on the card of the table it selected.
    let found = view.selection.column.and_then(|column| {
        let table = view.selection.only_table()?;
        let card = scene.tables.iter().find(|c| c.table == table)?;
        card.rows.iter().find(|r| r.column == column)
    });
    if let Some(row) = found {
        painter.rect(
            screen_rect(to_screen, row.rect),
            2.0,
            accent.gamma_multiply(0.25),
            egui::Stroke::new(1.5, accent),
            egui::StrokeKind::Inside,
        );
    }
    // Where the key being dragged would land: the column it would reference, or the table that
    // would get a new column for it.
    if let (Some((from, _)), Some(p)) = (view.canvas.connecting, hover) {
        let p = to_screen.inverse() * p;
        let target =
            hit_test::part_at(scene, &Metrics::default(), p.x, p.y).and_then(|(table, part)| {
                match part {
                    hit_test::Part::Header => Some(connect::Drop::Header(table)),
                    hit_test::Part::Row(c) | hit_test::Part::Handle(c) => {
                        Some(connect::Drop::Column(table, c))
                    }
                    hit_test::Part::Body => None,
                }
            });
        let card_of = |table: TableId| scene.tables.iter().find(|c| c.table == table);
        let area = target
            .filter(|drop| connect::edit(schema, from, *drop).is_some())
            .and_then(|drop| match drop {
                connect::Drop::Header(table) => card_of(table).map(|c| c.rect),
                connect::Drop::Column(table, column) => card_of(table)
                    .and_then(|c| c.rows.iter().find(|r| r.column == column))
                    .map(|r| r.rect),
            });
        if let Some(area) = area {
            painter.rect(
                screen_rect(to_screen, area),
                2.0,
                accent.gamma_multiply(0.2),
                egui::Stroke::new(2.0, accent),
                egui::StrokeKind::Inside,
            );
        }
    }
    if let Some(line) = view
        .selection
        .fk
        .and_then(|fk| scene.connectors.iter().find(|c| c.foreign_key == fk))
    {
        let points: Vec<egui::Pos2> = line
            .points
            .iter()
            .map(|p| to_screen * egui::pos2(p.x, p.y))
            .collect();
        painter.add(egui::Shape::line(points, egui::Stroke::new(3.0, accent)));
    }
    if let Some(((table, column), at)) = view.canvas.connecting {
        let start = scene
            .tables
            .iter()
            .find(|c| c.table == table)
            .and_then(|card| card.rows.iter().find(|r| r.column == column))
            .map(|row| {
                egui::pos2(
                    row.rect.x + row.rect.width,
                    row.rect.y + row.rect.height / 2.0,
                )
            });
        if let Some(start) = start {
            painter.line_segment([to_screen * start, to_screen * at], stroke);
            painter.circle_filled(to_screen * at, 4.0, accent);
        }
    }
    // The selected note or group: an outline, and grips to resize it by.
    let outline = |r: crate::model::Rect| screen_rect(to_screen, r);
    let selected_rects = scene
        .notes
        .iter()
        .filter(|n| view.selection.note == Some(n.note))
        .map(|n| n.rect)
        .chain(
            scene
                .groups
                .iter()
                .filter(|g| view.selection.group == Some(g.group))
                .map(|g| g.rect),
        );
    for r in selected_rects {
        painter.rect_stroke(outline(r), 2.0, stroke, egui::StrokeKind::Outside);
    }
    let grips = hit_test::grips(scene, view.selection.note, view.selection.group);
    for (what, _, at) in &grips {
        let grip = Rect::from_center_size(to_screen * egui::pos2(at.x, at.y), egui::vec2(9.0, 9.0));
        painter.rect_filled(grip, 1.0, accent);
        if hover.is_some_and(|p| grip.expand(3.0).contains(p)) {
            ui.ctx().set_cursor_icon(match what {
                super::view_state::Resizing::Note(_) => egui::CursorIcon::ResizeHorizontal,
                _ => egui::CursorIcon::ResizeNwSe,
            });
        }
    }
    if let Some(resize) = view.canvas.resize {
        let ghost = outline(resize.now);
        painter.rect_filled(ghost, 2.0, accent.gamma_multiply(0.12));
        painter.rect_stroke(ghost, 2.0, stroke, egui::StrokeKind::Inside);
    }
    if let Some((start, end)) = view.canvas.rubber_band {
        let band = Rect::from_two_pos(to_screen * start, to_screen * end);
        painter.rect_filled(band, 0.0, accent.gamma_multiply(0.15));
        painter.rect_stroke(band, 0.0, stroke, egui::StrokeKind::Inside);
    }
}

/// The scene of the model as it is now. Laying out 1,000 tables takes milliseconds, so it is
/// redone only when the model changed (a new revision); a gesture's preview, which changes the
/// model outside the history until it ends, shifts the cached cards instead (`scene::moved`).
pub fn current_scene(
    view: &mut ViewState,
    document: &Document,
    ctx: &egui::Context,
) -> std::sync::Arc<Scene> {
    let (revision, pixels_per_point) = (document.revision(), ctx.pixels_per_point());
    let named = view
        .active_view
        .and_then(|i| document.schema().views.get(i).map(|v| (i, v)));
    let active_view = named.map(|(i, _)| i);
    if let Some(cache) = &view.canvas.scene_cache
        && cache.revision == revision
        && cache.pixels_per_point == pixels_per_point
        && cache.active_view == active_view
    {
        if !document.previewing() {
            return cache.scene.clone();
        }
        // A drag or a resize shows its edit outside the history (`Document::preview`): the
        // cards it moves are shifted, connectors, groups and notes redone; no card is measured
        // again.
        let moved = match named {
            Some((_, named)) => crate::scene::moved(
                &cache.scene,
                &named.project(document.schema()),
                &Metrics::default(),
            ),
            None => crate::scene::moved(&cache.scene, document.schema(), &Metrics::default()),
        };
        if let Some(scene) = moved {
            return std::sync::Arc::new(scene);
        }
    }
    let measure = EguiMeasure { ctx };
    let scene = std::sync::Arc::new(match named {
        Some((_, named)) => crate::scene::build_detailed(
            &named.project(document.schema()),
            &measure,
            &Metrics::default(),
            named.detail,
        ),
        None => {
            let schema = document.schema();
            let mut scene = crate::scene::build(schema, &measure, &Metrics::default());
            let views = crate::check::view_shape::views(schema);
            crate::scene::views::add_views(
                &mut scene,
                schema,
                &views,
                &measure,
                &Metrics::default(),
            );
            scene
        }
    });
    view.canvas.scene_cache = view
        .canvas
        .drag
        .is_none()
        .then(|| super::view_state::SceneCache {
            revision,
            pixels_per_point,
            active_view,
            scene: scene.clone(),
        });
    scene
}

/// Pans so the scene rectangle is centred in the canvas, keeping the zoom.
pub fn center_on(view: &mut ViewState, target: crate::model::Rect, canvas: Rect) {
    if canvas.width() <= 0.0 {
        return;
    }
    let zoom = view.canvas.screen_from_scene.scaling;
    let center = egui::vec2(
        target.x + target.width / 2.0,
        target.y + target.height / 2.0,
    );
    view.canvas.screen_from_scene =
        TSTransform::new(canvas.center().to_vec2() - center * zoom, zoom);
}

/// Sets the view so the whole diagram fits the canvas rectangle, at 100% at most.
pub fn fit(view: &mut ViewState, scene: &Scene, canvas: Rect) {
    fit_rect(view, scene.bounds, canvas);
}

/// Sets the view so the selected tables fill the canvas (at 100% at most); nothing selected,
/// nothing changes.
pub fn zoom_to_selection(view: &mut ViewState, scene: &Scene, canvas: Rect) {
    let bounds = scene
        .tables
        .iter()
        .filter(|card| view.selection.tables.contains(&card.table))
        .map(|card| card.rect)
        .reduce(|a, b| {
            let (x, y) = (a.x.min(b.x), a.y.min(b.y));
            let right = (a.x + a.width).max(b.x + b.width);
            let bottom = (a.y + a.height).max(b.y + b.height);
            crate::model::Rect {
                x,
                y,
                width: right - x,
                height: bottom - y,
            }
        });
    if let Some(bounds) = bounds {
        fit_rect(view, bounds, canvas);
    }
}

fn fit_rect(view: &mut ViewState, b: crate::model::Rect, canvas: Rect) {
    if b.width <= 0.0 || b.height <= 0.0 {
        view.canvas.screen_from_scene = TSTransform::from_translation(canvas.min.to_vec2());
        return;
    }
    let margin = 32.0;
    let available = (canvas.size() - Vec2::splat(2.0 * margin)).max(Vec2::splat(1.0));
    let zoom = (available.x / b.width)
        .min(available.y / b.height)
        .clamp(*ZOOM_RANGE.start(), 1.0);
    let center_scene = egui::pos2(b.x + b.width / 2.0, b.y + b.height / 2.0);
    let translation = canvas.center().to_vec2() - center_scene.to_vec2() * zoom;
    view.canvas.screen_from_scene = TSTransform::new(translation, zoom);
}

/// Measures with egui's own fonts, at the scene's sizes.
pub struct EguiMeasure<'a> {
    /// The context whose fonts measure.
    pub ctx: &'a egui::Context,
}

impl TextMeasure for EguiMeasure<'_> {
    fn width(&self, text: &str, style: TextStyle) -> f32 {
        let font = font_for(style, &Metrics::default(), 1.0);
        self.ctx.fonts_mut(|fonts| {
            fonts
                .layout_no_wrap(text.to_string(), font, egui::Color32::WHITE)
                .size()
                .x
        })
    }
}

/// The font of a text style at a zoom factor.
pub fn font_for(style: TextStyle, metrics: &Metrics, zoom: f32) -> FontId {
    match style {
        TextStyle::Title => FontId::proportional(metrics.title_size * zoom),
        TextStyle::Body => FontId::proportional(metrics.body_size * zoom),
        TextStyle::Detail => FontId::monospace(metrics.detail_size * zoom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, Point};
    use std::sync::Arc;

    #[test]
    fn zoom_steps_scale_by_one_ratio_and_stop_at_the_range() {
        let mut zoom = 1.0;
        let mut levels = vec![zoom];
        while zoom < *ZOOM_RANGE.end() {
            zoom = zoom_step(zoom, 1);
            levels.push(zoom);
        }
        assert_eq!(levels.len(), 5, "{levels:?}");
        for pair in levels.windows(2) {
            assert!(
                (pair[1] / pair[0] - std::f32::consts::SQRT_2).abs() < 1e-3,
                "{pair:?}"
            );
        }
        assert_eq!(zoom_step(4.0, 1), 4.0);
        assert!((zoom_step(zoom_step(1.0, -2), 2) - 1.0).abs() < 1e-4);
        assert!((zoom_step(1.0, -2) - 0.5).abs() < 1e-4);
        // Between levels, the first step goes to the next level that way.
        assert!((zoom_step(0.6, 1) - std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-4);
        assert!((zoom_step(0.6, -1) - 0.5).abs() < 1e-4);
        assert_eq!(zoom_step(0.013, -5), *ZOOM_RANGE.start());
        assert_eq!(zoom_step(0.3, 0), 1.0);
    }

    #[test]
    fn the_scene_is_laid_out_again_when_the_model_changes_and_only_then() {
        let sample = crate::synth::generate(crate::synth::Spec {
            tables: 20,
            columns: 6,
            queries: 0,
            seed: 3,
        });
        let mut document = Document::untitled(sample);
        let mut view = ViewState::default();
        let table = document.schema().tables[0].id;
        let x_of = |scene: &Scene| {
            scene
                .tables
                .iter()
                .find(|c| c.table == table)
                .unwrap()
                .rect
                .x
        };
        let ctx = egui::Context::default();
        // Text is measured with egui's fonts, which exist inside a pass.
        let output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let first = current_scene(&mut view, &document, ui.ctx());
            assert!(Arc::ptr_eq(
                &first,
                &current_scene(&mut view, &document, ui.ctx())
            ));
            let edit = Edit::MoveItems {
                tables: vec![(table, Point::new(-5000.0, 0.0))],
                notes: Vec::new(),
            };
            document.apply(edit).unwrap();
            let moved = current_scene(&mut view, &document, ui.ctx());
            assert_eq!(x_of(&moved), -5000.0);
            document.undo();
            assert_eq!(
                x_of(&current_scene(&mut view, &document, ui.ctx())),
                x_of(&first)
            );
            // A drag previews its move outside the history: the cached cards are shifted, the
            // cache itself keeps the model as it was, and the end of the preview shows it again.
            let before_drag = current_scene(&mut view, &document, ui.ctx());
            document.preview(|_| {
                Some(Edit::MoveItems {
                    tables: vec![(table, Point::new(123.0, 0.0))],
                    notes: Vec::new(),
                })
            });
            let dragged = current_scene(&mut view, &document, ui.ctx());
            assert_eq!(x_of(&dragged), 123.0);
            assert!(!Arc::ptr_eq(&dragged, &before_drag));
            let cached = &view.canvas.scene_cache.as_ref().unwrap().scene;
            assert!(
                Arc::ptr_eq(cached, &before_drag),
                "the cache is left as it was"
            );
            document.cancel_preview();
            assert!(Arc::ptr_eq(
                &current_scene(&mut view, &document, ui.ctx()),
                &before_drag
            ));
        });
        output.drop_without_applying_deltas();
    }
}
