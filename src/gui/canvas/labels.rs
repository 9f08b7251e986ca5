//! Names far out, placed as a map places its labels: below [`TEXT_ZOOM`](super::TEXT_ZOOM) a
//! card is too small for its own title, so names are drawn at a size that reads whatever the
//! zoom, centred on their card and allowed past its edges, and a name that would cover one
//! already placed is left out (zooming in makes room for it). Groups are named first, then
//! selected tables, then the largest tables: what an architect looks for in a whole model.

use crate::scene::palette::Palette;
use crate::scene::{Metrics, Scene};
use egui::{Color32, CornerRadius, FontId, Painter, Pos2, Rect, Vec2};
use std::collections::{BTreeSet, HashMap};

use crate::model::TableId;

/// The smallest text drawn for a name, in screen points.
pub const NAME_TEXT: f32 = 11.0;

/// A group's name, larger than its tables'.
const GROUP_TEXT: f32 = 14.0;

/// The side of a cell of the occupancy grid, in screen points (about one label's height).
const CELL: f32 = 24.0;

/// Where the names placed so far lie, bucketed so that a test looks at a few neighbours only.
#[derive(Default)]
struct Occupied {
    cells: HashMap<(i32, i32), Vec<Rect>>,
}

impl Occupied {
    fn cells_of(rect: Rect) -> impl Iterator<Item = (i32, i32)> {
        let (x0, y0) = (
            (rect.min.x / CELL).floor() as i32,
            (rect.min.y / CELL).floor() as i32,
        );
        let (x1, y1) = (
            (rect.max.x / CELL).floor() as i32,
            (rect.max.y / CELL).floor() as i32,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn is_free(&self, rect: Rect) -> bool {
        Self::cells_of(rect).all(|cell| {
            self.cells
                .get(&cell)
                .is_none_or(|placed| placed.iter().all(|r| !r.intersects(rect)))
        })
    }

    fn take(&mut self, rect: Rect) {
        for cell in Self::cells_of(rect) {
            self.cells.entry(cell).or_default().push(rect);
        }
    }
}

/// One name to place: its text, the point it is centred on, its size and colour.
struct Label<'a> {
    text: &'a str,
    at: Pos2,
    size: f32,
    color: Color32,
}

/// Paints the names of groups and tables that fit without covering each other; returns how
/// many were drawn.
pub(super) fn paint(
    painter: &Painter,
    canvas: Rect,
    scene: &Scene,
    to_screen: egui::emath::TSTransform,
    metrics: &Metrics,
    selected: &BTreeSet<TableId>,
    theme: &Palette,
) -> usize {
    let zoom = to_screen.scaling;
    let screen = |r: crate::model::Rect| super::screen_rect(to_screen, r);
    let mut labels = Vec::new();
    for group in &scene.groups {
        let rect = screen(group.rect);
        if rect.intersects(canvas) {
            labels.push(Label {
                text: &group.name,
                at: rect.center_top() + egui::vec2(0.0, GROUP_TEXT),
                size: GROUP_TEXT.max(metrics.title_size * zoom),
                color: Color32::from(group.color),
            });
        }
    }
    let mut tables: Vec<(&crate::scene::TableCard, Rect)> = scene
        .tables
        .iter()
        .map(|card| (card, screen(card.rect)))
        .filter(|(_, rect)| rect.intersects(canvas))
        .collect();
    tables.sort_by(|(a, ra), (b, rb)| {
        let chosen = |card: &crate::scene::TableCard| !selected.contains(&card.table);
        chosen(a)
            .cmp(&chosen(b))
            .then(rb.area().total_cmp(&ra.area()))
            .then_with(|| a.title.cmp(&b.title))
    });
    labels.extend(tables.into_iter().map(|(card, rect)| Label {
        text: &card.title,
        at: rect.center(),
        size: NAME_TEXT.max(metrics.title_size * zoom),
        color: theme.text.into(),
    }));

    let mut occupied = Occupied::default();
    let mut drawn = 0;
    for label in labels {
        // The width is known before any layout: a label that cannot be free is not laid out.
        let guess = Rect::from_center_size(
            label.at,
            Vec2::new(
                label.size * 0.45 * label.text.chars().count() as f32,
                label.size,
            ),
        );
        if !occupied.is_free(guess.shrink2(Vec2::new(guess.width() * 0.2, 0.0))) {
            continue;
        }
        let galley = painter.layout_no_wrap(
            label.text.to_string(),
            FontId::proportional(label.size),
            label.color,
        );
        let plate = Rect::from_center_size(label.at, galley.size()).expand(2.0);
        if !canvas.intersects(plate) || !occupied.is_free(plate) {
            continue;
        }
        occupied.take(plate.expand(2.0));
        painter.rect_filled(
            plate,
            CornerRadius::same(3),
            Color32::from(theme.card).gamma_multiply(0.9),
        );
        painter.galley(plate.min + Vec2::splat(2.0), galley, label.color);
        drawn += 1;
    }
    drawn
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rectangle_is_free_until_one_it_touches_is_taken() {
        let mut occupied = Occupied::default();
        let a = Rect::from_min_size(egui::pos2(10.0, 10.0), egui::vec2(80.0, 14.0));
        assert!(occupied.is_free(a));
        occupied.take(a);
        assert!(!occupied.is_free(a.translate(egui::vec2(70.0, 5.0))));
        assert!(occupied.is_free(a.translate(egui::vec2(0.0, 20.0))));
        assert!(occupied.is_free(a.translate(egui::vec2(-200.0, -300.0))));
    }
}
