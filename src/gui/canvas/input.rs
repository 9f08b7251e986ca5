//! Canvas gestures: pan, zoom about the pointer, select (click, Shift+click, Shift+drag band),
//! drag tables (one edit per drag), drag a foreign key out of a column's handle, add a table
//! (double-click the background, or T), delete the selection, Escape to select nothing.

use super::super::action_table::{self, Scope};
use super::super::commands::AppCommand;
use super::super::document::Document;
use super::super::view_state::{GRID, Resize, Resizing, TableDrag, ViewState};
use super::ZOOM_RANGE;
use super::connect::{self, Drop};
use super::hit_test::{self, Part};
use crate::model::{Edit, NoteId, Point, Schema, TableId};
use crate::scene::{Metrics, Scene};
use egui::emath::TSTransform;
use egui::{Key, PointerButton, Pos2, Rect, Response, Ui, Vec2};

pub(super) fn handle(
    ui: &Ui,
    response: &Response,
    canvas: Rect,
    scene: &Scene,
    document: &mut Document,
    view: &mut ViewState,
    commands: &mut Vec<AppCommand>,
) {
    let metrics = Metrics::default();
    let scene_from_screen = view.canvas.screen_from_scene.inverse();
    let pointer_screen = response.interact_pointer_pos().or(response.hover_pos());
    let pointer_scene = pointer_screen.map(|p| scene_from_screen * p);
    let under_pointer = pointer_scene.and_then(|p| hit_test::part_at(scene, &metrics, p.x, p.y));
    // Notes lie over tables; a group's label lies above its tables.
    let note_under = pointer_scene.and_then(|p| hit_test::note_at(scene, p.x, p.y));
    let group_under = pointer_scene
        .filter(|_| under_pointer.is_none() && note_under.is_none())
        .and_then(|p| hit_test::group_label_at(scene, &metrics, p.x, p.y));
    let (shift, space) = ui.input(|i| (i.modifiers.shift, i.key_down(Key::Space)));

    let view_under = pointer_scene
        .filter(|_| under_pointer.is_none() && note_under.is_none())
        .and_then(|p| crate::scene::views::view_at(scene, Point::new(p.x, p.y)));
    let nothing_under = under_pointer.is_none()
        && note_under.is_none()
        && group_under.is_none()
        && view_under.is_none();
    // A view's card opens its SQL in the editor: the SQL is all the model has of it.
    if let Some(object) = view_under
        && response.clicked()
    {
        commands.push(AppCommand::EditSqlObject(object));
    }
    if response.double_clicked() && nothing_under {
        if let Some(at) = pointer_scene {
            commands.push(AppCommand::AddTableAt(Point::new(at.x, at.y)));
        }
    } else if response.clicked() {
        view.selection.column = None;
        view.selection.note = note_under;
        view.selection.group = group_under;
        // A click on a relationship's line selects it, with the table that holds the key.
        let line = pointer_scene
            .filter(|_| nothing_under)
            .and_then(|p| hit_test::connector_at(scene, p.x, p.y, 6.0 / view.zoom()));
        view.selection.fk = line.map(|(fk, _)| fk);
        if let Some((_, table)) = line {
            view.selection.tables = [table].into();
        }
        if note_under.is_some() || group_under.is_some() {
            view.selection.tables.clear();
        }
        match under_pointer
            .map(|(table, _)| table)
            .filter(|_| note_under.is_none())
        {
            Some(table) if shift => {
                if !view.selection.tables.remove(&table) {
                    view.selection.tables.insert(table);
                }
            }
            Some(table) => view.selection.tables = [table].into(),
            None if line.is_some() => {}
            None => view.selection.tables.clear(),
        }
    }

    if response.drag_started_by(PointerButton::Primary) && !space {
        // A drag starts once the pointer has moved some way: what it grabbed is under the
        // point where the button went down, not where the pointer is now.
        let origin = ui
            .input(|i| i.pointer.press_origin())
            .map(|p| scene_from_screen * p)
            .or(pointer_scene);
        let grabbed = origin.and_then(|p| {
            handle_under(scene, view, p)
                .map(|(table, column)| (table, Part::Handle(column)))
                .or_else(|| hit_test::part_at(scene, &metrics, p.x, p.y))
        });
        let note = origin.and_then(|p| hit_test::note_at(scene, p.x, p.y));
        let group = origin
            .filter(|_| grabbed.is_none() && note.is_none())
            .and_then(|p| hit_test::group_label_at(scene, &metrics, p.x, p.y));
        // The selected note's or group's grips lie over whatever is under them.
        let grip = origin.and_then(|p| {
            let reach = GRIP_REACH / view.zoom();
            hit_test::grip_at(
                scene,
                view.selection.note,
                view.selection.group,
                (p.x, p.y),
                reach,
            )
        });
        match (grabbed, origin) {
            _ if grip.is_some() => {
                view.canvas.resize = grip.map(|(what, start)| Resize {
                    what,
                    start,
                    now: start,
                });
            }
            _ if note.is_some() => start_note_drag(document, view, note),
            _ if group.is_some() => start_group_drag(document, view, group),
            (Some((table, Part::Handle(column))), Some(at)) => {
                view.canvas.connecting = Some(((table, column), at));
            }
            // Zoomed far out, a card is too small to aim at: the drag pans.
            (Some((table, _)), _)
                if view.zoom() < super::TEXT_ZOOM
                    && !view.selection.tables.contains(&table)
                    && !ui.input(|i| i.modifiers.alt) => {}
            (Some((table, _)), _) => start_table_drag(document, view, table),
            (None, Some(at)) if shift => view.canvas.rubber_band = Some((at, at)),
            _ => {}
        }
    }

    let delta_screen = response.drag_delta();
    if let Some((from, _)) = view.canvas.connecting {
        if let Some(at) = pointer_scene {
            view.canvas.connecting = Some((from, at));
        }
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            view.canvas.connecting = None;
        } else if response.drag_stopped() {
            view.canvas.connecting = None;
            let drop = under_pointer.and_then(|(table, part)| match part {
                Part::Header => Some(Drop::Header(table)),
                Part::Row(column) | Part::Handle(column) => Some(Drop::Column(table, column)),
                Part::Body => None,
            });
            if let Some(edit) = drop.and_then(|d| connect::edit(document.schema(), from, d)) {
                commands.push(AppCommand::Apply(Box::new(edit)));
            }
        }
    } else if let Some((start, _)) = view.canvas.rubber_band {
        let end = pointer_scene.unwrap_or(start);
        view.canvas.rubber_band = Some((start, end));
        if response.drag_stopped() {
            view.canvas.rubber_band = None;
            let area = Rect::from_two_pos(start, end);
            let inside = hit_test::tables_inside(
                scene,
                crate::model::Rect {
                    x: area.min.x,
                    y: area.min.y,
                    width: area.width(),
                    height: area.height(),
                },
            );
            view.selection.tables.extend(inside);
        }
    } else if let Some(resize) = &mut view.canvas.resize {
        if let Some(at) = pointer_scene {
            resize.now = resized(resize.what, resize.start, at, view.prefs.snap_to_grid);
            document.preview(|schema| resize_edit(schema, resize));
        }
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            document.cancel_preview();
            view.canvas.resize = None;
        } else if response.drag_stopped() || !ui.input(|i| i.pointer.any_down()) {
            let _ = document.commit_preview(|schema| resize_edit(schema, resize));
            view.canvas.resize = None;
        }
    } else if let Some(drag) = &mut view.canvas.drag {
        if response.dragged_by(PointerButton::Primary) {
            drag.offset += delta_screen / view.canvas.screen_from_scene.scaling;
            let (active, snap) = (view.active_view, view.prefs.snap_to_grid);
            document.preview(|schema| drag_edit(schema, active, drag, snap));
        }
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            document.cancel_preview();
            view.canvas.drag = None;
        } else if response.drag_stopped() || !ui.input(|i| i.pointer.any_down()) {
            // Released, even where the canvas did not see it (over a window that opened):
            // the drag must end with its edit, never leave tables moved outside the history.
            let (active, snap) = (view.active_view, view.prefs.snap_to_grid);
            // Positions are finite and the items exist, so the edit cannot be refused.
            let _ = document.commit_preview(|schema| drag_edit(schema, active, drag, snap));
            view.canvas.drag = None;
        }
    } else if response.dragged() {
        // The background, the middle button, or anywhere with Space held: pan.
        view.canvas.screen_from_scene.translation += delta_screen;
    }

    if response.hovered() {
        let (scroll, zoom, hover) =
            ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
        if zoom != 1.0
            && let Some(anchor) = hover
        {
            zoom_about(view, anchor, zoom);
        } else if scroll != Vec2::ZERO {
            view.canvas.screen_from_scene.translation += scroll;
        }
    }

    if ui.ctx().text_edit_focused() {
        return;
    }
    let gesture = view.canvas.drag.is_some()
        || view.canvas.resize.is_some()
        || view.canvas.connecting.is_some()
        || view.canvas.rubber_band.is_some();
    if !gesture && ui.input(|i| i.key_pressed(Key::Escape)) {
        view.selection.tables.clear();
        view.selection.note = None;
        view.selection.group = None;
        view.selection.fk = None;
    }
    // New items land under the pointer, else mid-canvas.
    let at = pointer_scene
        .filter(|_| response.hovered())
        .unwrap_or_else(|| scene_from_screen * canvas.center());
    let cx = action_table::Context {
        document,
        view,
        at: Point::new(at.x, at.y),
    };
    let mut pressed = ui.input_mut(|input| action_table::pressed(input, Scope::Canvas, &cx));
    commands.append(&mut pressed);
}

fn start_table_drag(document: &Document, view: &mut ViewState, table: crate::model::TableId) {
    if !view.selection.tables.contains(&table) {
        view.selection.tables = [table].into();
    }
    view.selection.note = None;
    view.selection.group = None;
    let origins = view
        .selection
        .tables
        .iter()
        .filter_map(|id| table_position(document, view.active_view, *id).map(|p| (*id, p)))
        .collect();
    view.canvas.drag = Some(TableDrag {
        origins,
        ..Default::default()
    });
}

/// Where a table sits on the canvas: in the named view shown, else in the model.
fn table_position(document: &Document, active: Option<usize>, id: TableId) -> Option<Point> {
    match active.and_then(|i| document.schema().views.get(i)) {
        Some(named) => named.tables.iter().find(|(t, _)| *t == id).map(|(_, p)| *p),
        None => document.schema().table(id).map(|t| t.position),
    }
}

/// See [`table_position`].
fn note_position(document: &Document, active: Option<usize>, id: NoteId) -> Option<Point> {
    match active.and_then(|i| document.schema().views.get(i)) {
        Some(named) => named.notes.iter().find(|(n, _)| *n == id).map(|(_, p)| *p),
        None => document.schema().note(id).map(|n| n.position),
    }
}

fn start_note_drag(document: &Document, view: &mut ViewState, note: Option<NoteId>) {
    let Some((note, at)) =
        note.and_then(|id| note_position(document, view.active_view, id).map(|p| (id, p)))
    else {
        return;
    };
    view.selection.tables.clear();
    view.selection.group = None;
    view.selection.note = Some(note);
    view.canvas.drag = Some(TableDrag {
        notes: vec![(note, at)],
        ..Default::default()
    });
}

/// Dragging a group's label moves every table of the group.
fn start_group_drag(
    document: &Document,
    view: &mut ViewState,
    group: Option<crate::model::GroupId>,
) {
    view.selection.note = None;
    view.selection.group = group;
    view.selection.tables.clear();
    let origins = document
        .schema()
        .tables
        .iter()
        .filter(|t| t.group.is_some() && t.group == group)
        .filter_map(|t| table_position(document, view.active_view, t.id).map(|p| (t.id, p)))
        .collect();
    let area = group.and_then(|id| {
        document
            .schema()
            .group(id)
            .and_then(|g| g.area.map(|a| (id, a)))
    });
    view.canvas.drag = Some(TableDrag {
        origins,
        area,
        ..Default::default()
    });
}

/// How close to a grip a press must be to take it, in screen points.
const GRIP_REACH: f32 = 8.0;
/// The narrowest note, and the smallest group area, a grip leaves.
const MIN_NOTE_WIDTH: f32 = 80.0;
const MIN_AREA: Vec2 = Vec2::new(80.0, 60.0);

/// The rectangle a grip drag makes with the pointer at `at` (scene units).
fn resized(what: Resizing, start: crate::model::Rect, at: Pos2, snap: bool) -> crate::model::Rect {
    // The corner lands as a dragged table does: on the grid when snapping.
    let at = landing(Point::new(at.x, at.y), Vec2::ZERO, snap);
    let (right, bottom) = (start.x + start.width, start.y + start.height);
    match what {
        Resizing::Note(_) => crate::model::Rect {
            width: (at.x - start.x).max(MIN_NOTE_WIDTH),
            ..start
        },
        Resizing::GroupTopLeft(_) => {
            let x = at.x.min(right - MIN_AREA.x);
            let y = at.y.min(bottom - MIN_AREA.y);
            crate::model::Rect {
                x,
                y,
                width: right - x,
                height: bottom - y,
            }
        }
        Resizing::GroupBottomRight(_) => crate::model::Rect {
            width: (at.x - start.x).max(MIN_AREA.x),
            height: (at.y - start.y).max(MIN_AREA.y),
            ..start
        },
    }
}

/// The one edit a finished grip drag makes: the note's width, or the group's hand-drawn area.
fn resize_edit(schema: &Schema, resize: &Resize) -> Option<Edit> {
    if resize.now == resize.start {
        return None;
    }
    match resize.what {
        Resizing::Note(id) => schema.note(id).map(|note| Edit::SetNote {
            note: crate::model::Note {
                width: resize.now.width,
                ..note.clone()
            },
        }),
        Resizing::GroupTopLeft(id) | Resizing::GroupBottomRight(id) => {
            schema.group(id).map(|group| Edit::SetGroup {
                group: crate::model::Group {
                    area: Some(resize.now),
                    ..group.clone()
                },
            })
        }
    }
}

/// Scales the view by `factor`, keeping the scene point under `anchor` where it is.
pub fn zoom_about(view: &mut ViewState, anchor: Pos2, factor: f32) {
    zoom_to(view, anchor, view.canvas.screen_from_scene.scaling * factor);
}

/// Sets the zoom to `zoom` (within [`ZOOM_RANGE`]), keeping the scene point under `anchor`.
pub fn zoom_to(view: &mut ViewState, anchor: Pos2, zoom: f32) {
    let old = view.canvas.screen_from_scene;
    let scaling = zoom.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
    let anchor_scene = old.inverse() * anchor;
    let translation = anchor.to_vec2() - anchor_scene.to_vec2() * scaling;
    view.canvas.screen_from_scene = TSTransform::new(translation, scaling);
}

/// Where a dragged table lands: its start moved by the drag, on the grid when snapping.
fn landing(origin: Point, offset: Vec2, snap: bool) -> Point {
    let (x, y) = (origin.x + offset.x, origin.y + offset.y);
    if snap {
        Point::new((x / GRID).round() * GRID, (y / GRID).round() * GRID)
    } else {
        Point::new(x.round(), y.round())
    }
}

/// How far a dragged group's area moves: as far as its first table lands from where it was
/// (snapping included), so the area stays around its tables.
fn area_shift(drag: &TableDrag, area: crate::model::Rect, snap: bool) -> Vec2 {
    let origin = drag
        .origins
        .first()
        .map_or(Point::new(area.x, area.y), |(_, origin)| *origin);
    let to = landing(origin, drag.offset, snap);
    Vec2::new(to.x - origin.x, to.y - origin.y)
}

fn shifted(area: crate::model::Rect, by: Vec2) -> crate::model::Rect {
    crate::model::Rect {
        x: area.x + by.x,
        y: area.y + by.y,
        ..area
    }
}

/// The edit a drag makes, built from the model as it was before the drag (its origins): the
/// model's positions, or the named view's when one is shown, and a group's hand-drawn area.
fn drag_edit(schema: &Schema, active: Option<usize>, drag: &TableDrag, snap: bool) -> Option<Edit> {
    let moved: Vec<_> = drag
        .origins
        .iter()
        .map(|(id, origin)| (*id, landing(*origin, drag.offset, snap)))
        .filter(|(id, to)| drag.origins.iter().any(|(o, from)| o == id && from != to))
        .collect();
    let notes: Vec<_> = drag
        .notes
        .iter()
        .map(|(id, origin)| (*id, landing(*origin, drag.offset, snap)))
        .filter(|(id, to)| drag.notes.iter().any(|(o, from)| o == id && from != to))
        .collect();
    // The area moves as the group's tables do (the first one's landing, snap included).
    let area = drag.area.and_then(|(id, area)| {
        let shift = area_shift(drag, area, snap);
        let group = schema.group(id)?.clone();
        (shift != Vec2::ZERO).then(|| Edit::SetGroup {
            group: crate::model::Group {
                area: Some(shifted(area, shift)),
                ..group
            },
        })
    });
    let mut edits = Vec::new();
    match active.filter(|i| *i < schema.views.len()) {
        _ if moved.is_empty() && notes.is_empty() => {}
        Some(i) => {
            let mut views = schema.views.clone();
            for (id, at) in moved {
                views[i].place_table(id, at);
            }
            for (id, at) in notes {
                views[i].place_note(id, at);
            }
            edits.push(Edit::SetViews(views));
        }
        None => edits.push(Edit::MoveItems {
            tables: moved,
            notes,
        }),
    }
    edits.extend(area);
    match edits.len() {
        0 => None,
        1 => Some(edits.remove(0)),
        _ => Some(Edit::Batch(edits)),
    }
}

/// The connection handle under a scene point; none far out, where rows are not drawn.
pub(super) fn handle_under(
    scene: &Scene,
    view: &ViewState,
    at: egui::Pos2,
) -> Option<(crate::model::TableId, crate::model::ColumnId)> {
    let zoom = view.zoom();
    if zoom < super::TEXT_ZOOM {
        return None;
    }
    hit_test::handle_at(scene, at.x, at.y, hit_test::HANDLE_SIZE / 2.0 / zoom)
}
