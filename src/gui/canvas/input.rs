//! Canvas gestures: pan, zoom about the pointer, select, and drag tables (one edit per drag).

use super::super::commands::AppCommand;
use super::super::document::Document;
use super::super::view_state::{TableDrag, ViewState};
use super::{ZOOM_RANGE, hit_test};
use crate::model::{Edit, Point};
use crate::scene::Scene;
use egui::emath::TSTransform;
use egui::{Key, PointerButton, Rect, Response, Ui, Vec2};

pub(super) fn handle(
    ui: &Ui,
    response: &Response,
    canvas: Rect,
    scene: &Scene,
    document: &mut Document,
    view: &mut ViewState,
    commands: &mut Vec<AppCommand>,
) {
    let scene_from_screen = view.screen_from_scene.inverse();
    let pointer_scene = response
        .interact_pointer_pos()
        .or(response.hover_pos())
        .map(|p| scene_from_screen * p);
    let under_pointer = pointer_scene.and_then(|p| hit_test::table_at(scene, p.x, p.y));

    if response.clicked() {
        let shift = ui.input(|i| i.modifiers.shift);
        match under_pointer {
            Some(table) if shift => {
                if !view.selection.remove(&table) {
                    view.selection.insert(table);
                }
            }
            Some(table) => view.selection = [table].into(),
            None => view.selection.clear(),
        }
    }

    if response.drag_started_by(PointerButton::Primary)
        && let Some(table) = under_pointer
    {
        if !view.selection.contains(&table) {
            view.selection = [table].into();
        }
        let origins = view
            .selection
            .iter()
            .filter_map(|id| document.schema.table(*id).map(|t| (*id, t.position)))
            .collect();
        view.drag = Some(TableDrag {
            origins,
            offset: Vec2::ZERO,
        });
    }

    let delta_screen = response.drag_delta();
    if let Some(drag) = &mut view.drag {
        if response.dragged_by(PointerButton::Primary) {
            drag.offset += delta_screen / view.screen_from_scene.scaling;
            preview(document, drag);
        }
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            drag.offset = Vec2::ZERO;
            preview(document, drag);
            view.drag = None;
        } else if response.drag_stopped() {
            commit(document, drag);
            view.drag = None;
        }
    } else if response.dragged() {
        view.screen_from_scene.translation += delta_screen;
    }

    if response.hovered() {
        let (scroll, zoom, hover) =
            ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
        if zoom != 1.0
            && let Some(anchor) = hover
        {
            zoom_about(view, anchor, zoom);
        } else if scroll != Vec2::ZERO {
            view.screen_from_scene.translation += scroll;
        }
    }

    let typing = ui.ctx().text_edit_focused();
    if !typing && ui.input(|i| i.key_pressed(Key::F) || i.key_pressed(Key::Home)) {
        commands.push(AppCommand::FitAll);
    }
    let _ = canvas;
}

/// Scales the view by `factor`, keeping the scene point under `anchor` where it is.
fn zoom_about(view: &mut ViewState, anchor: egui::Pos2, factor: f32) {
    let old = view.screen_from_scene;
    let scaling = (old.scaling * factor).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
    let anchor_scene = old.inverse() * anchor;
    let translation = anchor.to_vec2() - anchor_scene.to_vec2() * scaling;
    view.screen_from_scene = TSTransform::new(translation, scaling);
}

/// Shows the drag live, without touching the history.
fn preview(document: &mut Document, drag: &TableDrag) {
    for (id, origin) in &drag.origins {
        if let Some(table) = document.schema.table_mut(*id) {
            table.position = Point::new(origin.x + drag.offset.x, origin.y + drag.offset.y);
        }
    }
}

/// Puts the tables back where the drag began and moves them with one undoable edit.
fn commit(document: &mut Document, drag: &TableDrag) {
    let moved: Vec<_> = drag
        .origins
        .iter()
        .map(|(id, origin)| {
            let to = Point::new(
                (origin.x + drag.offset.x).round(),
                (origin.y + drag.offset.y).round(),
            );
            (*id, to)
        })
        .collect();
    for (id, origin) in &drag.origins {
        if let Some(table) = document.schema.table_mut(*id) {
            table.position = *origin;
        }
    }
    if drag.offset != Vec2::ZERO {
        // Positions are finite and the tables exist, so the edit cannot be refused.
        let _ = document.apply(Edit::MoveItems {
            tables: moved,
            notes: Vec::new(),
        });
    }
}
