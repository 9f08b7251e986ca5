//! What is under the pointer.

use crate::model::TableId;
use crate::scene::Scene;

/// The topmost table card containing the scene point (cards later in the list are drawn on top).
pub fn table_at(scene: &Scene, x: f32, y: f32) -> Option<TableId> {
    scene
        .tables
        .iter()
        .rev()
        .find(|card| {
            let r = card.rect;
            x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height
        })
        .map(|card| card.table)
}
