//! The diagram canvas: draws the scene with our own pan/zoom transform and turns gestures into
//! edits.
//!
//! We transform geometry ourselves and lay text out at the zoomed font size instead of using
//! `egui::Scene`'s transform layer, which scales glyph meshes and makes text soft when zoomed in.

mod draw;
mod hit_test;
mod input;

use super::commands::AppCommand;
use super::document::Document;
use super::view_state::ViewState;
use crate::scene::{Metrics, Scene, TextMeasure, TextStyle};
use egui::emath::TSTransform;
use egui::{FontId, Rect, Ui, Vec2};

/// Zoom limits: 10% to 400%.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.1..=4.0;

/// Draws the canvas in the remaining space and handles its input.
pub fn canvas_ui(
    ui: &mut Ui,
    document: &mut Document,
    view: &mut ViewState,
    commands: &mut Vec<AppCommand>,
) {
    let metrics = Metrics::default();
    let scene = crate::scene::build(&document.schema, &EguiMeasure { ctx: ui.ctx() }, &metrics);
    let (rect, response) =
        ui.allocate_exact_size(ui.available_size(), egui::Sense::click_and_drag());
    if !view.fitted && rect.width() > 0.0 {
        fit(view, &scene, rect);
        view.fitted = true;
    }
    view.canvas = Some(rect);
    input::handle(ui, &response, rect, &scene, document, view, commands);
    let marks = draw::FindingMarks::of(document.findings());
    let hot = draw::scene(ui.painter_at(rect), rect, &scene, &metrics, view, &marks);
    if let Some(pointer) = response.hover_pos()
        && let Some((_, text)) = hot.iter().find(|(area, _)| area.contains(pointer))
    {
        response.on_hover_text_at_pointer(text);
    }
}

/// Pans so the scene rectangle is centred in the canvas, keeping the zoom.
pub fn center_on(view: &mut ViewState, target: crate::model::Rect, canvas: Rect) {
    if canvas.width() <= 0.0 {
        return;
    }
    let zoom = view.screen_from_scene.scaling;
    let center = egui::vec2(
        target.x + target.width / 2.0,
        target.y + target.height / 2.0,
    );
    view.screen_from_scene = TSTransform::new(canvas.center().to_vec2() - center * zoom, zoom);
}

/// Sets the view so the whole diagram fits the canvas rectangle, at 100% at most.
pub fn fit(view: &mut ViewState, scene: &Scene, canvas: Rect) {
    let b = scene.bounds;
    if b.width <= 0.0 || b.height <= 0.0 {
        view.screen_from_scene = TSTransform::from_translation(canvas.min.to_vec2());
        return;
    }
    let margin = 32.0;
    let available = (canvas.size() - Vec2::splat(2.0 * margin)).max(Vec2::splat(1.0));
    let zoom = (available.x / b.width)
        .min(available.y / b.height)
        .clamp(*ZOOM_RANGE.start(), 1.0);
    let center_scene = egui::pos2(b.x + b.width / 2.0, b.y + b.height / 2.0);
    let translation = canvas.center().to_vec2() - center_scene.to_vec2() * zoom;
    view.screen_from_scene = TSTransform::new(translation, zoom);
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
