//! What is under the pointer.

use super::super::view_state::Resizing;
use crate::model::{ColumnId, ConstraintId, GroupId, NoteId, Rect, TableId};
use crate::scene::{Metrics, Scene, TableCard};

/// The diameter of a row's connection handle, in screen points: big enough to hit at any zoom.
pub const HANDLE_SIZE: f32 = 12.0;

/// A part of a table card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The header with the table's name.
    Header,
    /// A column's row.
    Row(ColumnId),
    /// The handle on a row's right edge, where a foreign key is dragged from ([`handle_at`]).
    Handle(ColumnId),
    /// The card below its rows.
    Body,
}

/// The topmost table card containing the scene point (cards later in the list are drawn on top).
pub fn table_at(scene: &Scene, x: f32, y: f32) -> Option<TableId> {
    card_at(scene, x, y).map(|card| card.table)
}

/// The topmost card containing the point and which part of it is there.
pub fn part_at(scene: &Scene, metrics: &Metrics, x: f32, y: f32) -> Option<(TableId, Part)> {
    let card = card_at(scene, x, y)?;
    if y < card.rect.y + metrics.header_height {
        return Some((card.table, Part::Header));
    }
    let part = card
        .rows
        .iter()
        .find(|row| contains(row.rect, x, y))
        .map_or(Part::Body, |row| Part::Row(row.column));
    Some((card.table, part))
}

/// The handle within `reach` (scene units) of the point: a circle on a row's right edge, half
/// outside the card so that it covers none of the row's text. The topmost card wins.
pub fn handle_at(scene: &Scene, x: f32, y: f32, reach: f32) -> Option<(TableId, ColumnId)> {
    scene.tables.iter().rev().find_map(|card| {
        let edge = card.rect.x + card.rect.width;
        if (x - edge).abs() > reach {
            return None;
        }
        card.rows
            .iter()
            .filter(|row| {
                (y - (row.rect.y + row.rect.height / 2.0)).abs() <= reach.max(row.rect.height / 2.0)
            })
            .min_by(|a, b| {
                let distance =
                    |r: &&crate::scene::ColumnRow| (y - (r.rect.y + r.rect.height / 2.0)).abs();
                distance(a).total_cmp(&distance(b))
            })
            .map(|row| (card.table, row.column))
    })
}

/// The tables whose cards lie wholly inside `area`.
pub fn tables_inside(scene: &Scene, area: Rect) -> Vec<TableId> {
    scene
        .tables
        .iter()
        .filter(|card| {
            let r = card.rect;
            r.x >= area.x
                && r.y >= area.y
                && r.x + r.width <= area.x + area.width
                && r.y + r.height <= area.y + area.height
        })
        .map(|card| card.table)
        .collect()
}

/// The topmost note containing the scene point (notes are drawn over tables).
pub fn note_at(scene: &Scene, x: f32, y: f32) -> Option<NoteId> {
    scene
        .notes
        .iter()
        .rev()
        .find(|note| contains(note.rect, x, y))
        .map(|note| note.note)
}

/// The group whose label band (the strip above its tables) holds the scene point.
pub fn group_label_at(scene: &Scene, metrics: &Metrics, x: f32, y: f32) -> Option<GroupId> {
    scene
        .groups
        .iter()
        .rev()
        .find(|group| {
            let band = Rect {
                height: metrics.group_padding,
                ..group.rect
            };
            contains(band, x, y)
        })
        .map(|group| group.group)
}

/// The relationship whose line passes within `reach` scene units of the point: its foreign key
/// and the referencing table.
pub fn connector_at(scene: &Scene, x: f32, y: f32, reach: f32) -> Option<(ConstraintId, TableId)> {
    let near = |a: crate::model::Point, b: crate::model::Point| {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let length2 = dx * dx + dy * dy;
        let t = if length2 > 0.0 {
            (((x - a.x) * dx + (y - a.y) * dy) / length2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let (px, py) = (a.x + t * dx - x, a.y + t * dy - y);
        px * px + py * py <= reach * reach
    };
    scene
        .connectors
        .iter()
        .find(|c| c.points.windows(2).any(|w| near(w[0], w[1])))
        .map(|c| (c.foreign_key, c.from_table))
}

/// The resize grips of the selected note or group: what each resizes, the rectangle it
/// resizes and the grip's centre (scene units). A note is resized by its bottom-right corner
/// (its width; the height follows the text), a group's area by two opposite corners.
pub fn grips(
    scene: &Scene,
    note: Option<NoteId>,
    group: Option<GroupId>,
) -> Vec<(Resizing, Rect, crate::model::Point)> {
    let corner = |r: Rect, right: bool| {
        if right {
            crate::model::Point::new(r.x + r.width, r.y + r.height)
        } else {
            crate::model::Point::new(r.x, r.y)
        }
    };
    let mut grips = Vec::new();
    if let Some(card) = note.and_then(|id| scene.notes.iter().find(|n| n.note == id)) {
        grips.push((
            Resizing::Note(card.note),
            card.rect,
            corner(card.rect, true),
        ));
    }
    if let Some(area) = group.and_then(|id| scene.groups.iter().find(|g| g.group == id)) {
        let r = area.rect;
        grips.push((Resizing::GroupTopLeft(area.group), r, corner(r, false)));
        grips.push((Resizing::GroupBottomRight(area.group), r, corner(r, true)));
    }
    grips
}

/// The grip within `reach` scene units of the point, with the rectangle it resizes.
pub fn grip_at(
    scene: &Scene,
    note: Option<NoteId>,
    group: Option<GroupId>,
    (x, y): (f32, f32),
    reach: f32,
) -> Option<(Resizing, Rect)> {
    grips(scene, note, group)
        .into_iter()
        .find(|(_, _, at)| (at.x - x).abs() <= reach && (at.y - y).abs() <= reach)
        .map(|(what, rect, _)| (what, rect))
}

fn card_at(scene: &Scene, x: f32, y: f32) -> Option<&TableCard> {
    scene
        .tables
        .iter()
        .rev()
        .find(|card| contains(card.rect, x, y))
}

fn contains(r: Rect, x: f32, y: f32) -> bool {
    x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height
}
