//! Views drawn beside the tables: a card per view with the columns its query yields, placed in
//! a column right of the tables, and a dashed line to each table it reads. The shapes come from
//! the caller (reading a view's query is the checker's: `check::view_shape`), so the scene stays
//! a function of model data.

use super::{Metrics, Rect, Scene, TableCard, TextMeasure, card_height, card_width, row_width};
use crate::model::verbatim::ViewShape;
use crate::model::{Point, Schema, TableId};

/// A view's card.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewCard {
    /// The view: its place in [`Schema::verbatim`].
    pub object: usize,
    /// The whole card.
    pub rect: Rect,
    /// `view name` or `materialized view name`.
    pub title: String,
    /// One row per column its query yields.
    pub rows: Vec<ViewRow>,
    /// The tables it reads.
    pub reads: Vec<TableId>,
}

/// A column of a view's card.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewRow {
    /// The row's rectangle.
    pub rect: Rect,
    /// The column's name.
    pub name: String,
    /// The type of the table column it shows, or `expression`.
    pub type_text: String,
}

/// A dashed line from a view to a table it reads.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewLink {
    /// The view: its place in [`Schema::verbatim`].
    pub object: usize,
    /// The table read.
    pub table: TableId,
    /// From the view's card to the table's, edge to edge.
    pub points: [Point; 2],
}

/// Space between the tables and the column of views, and between views.
const GAP: f32 = 60.0;

/// Adds the cards of `shapes` (views by their place in the model, as `check::view_shape::views`
/// gives them) to `scene`, right of everything else, with their lines to the tables they read.
pub fn add_views(
    scene: &mut Scene,
    schema: &Schema,
    shapes: &[(usize, ViewShape)],
    measure: &dyn TextMeasure,
    metrics: &Metrics,
) {
    let left = scene.bounds.x + scene.bounds.width + GAP;
    let mut top = scene.bounds.y;
    for (object, shape) in shapes {
        let Some(view) = schema.verbatim.get(*object) else {
            continue;
        };
        let title = format!("{} {}", view.kind, view.name);
        let texts: Vec<(String, String)> = shape
            .columns
            .iter()
            .map(|c| {
                let type_text = c
                    .source
                    .and_then(|(t, col)| schema.table(t)?.column(col))
                    .map_or_else(|| "expression".to_string(), |col| schema.type_name(col));
                (c.name.clone(), type_text)
            })
            .collect();
        let widest = texts
            .iter()
            .map(|(name, type_text)| row_width(name, type_text, measure, metrics))
            .fold(0.0, f32::max);
        let width = card_width(&title, widest, measure, metrics);
        let rows: Vec<ViewRow> = texts
            .into_iter()
            .enumerate()
            .map(|(i, (name, type_text))| ViewRow {
                rect: Rect {
                    x: left,
                    y: top + metrics.header_height + i as f32 * metrics.row_height,
                    width,
                    height: metrics.row_height,
                },
                name,
                type_text,
            })
            .collect();
        let rect = Rect {
            x: left,
            y: top,
            width,
            height: card_height(rows.len(), metrics),
        };
        top += rect.height + GAP / 2.0;
        scene.views.push(ViewCard {
            object: *object,
            rect,
            title,
            rows,
            reads: shape.reads.clone(),
        });
    }
    scene.view_links = links(&scene.views, &scene.tables, metrics);
    if let Some(bounds) =
        super::union(std::iter::once(scene.bounds).chain(scene.views.iter().map(|v| v.rect)))
    {
        scene.bounds = bounds;
    }
}

/// A line from each view's card to each table it reads: from the view's header to the nearer
/// side of the table's card, at its header.
pub(super) fn links(views: &[ViewCard], tables: &[TableCard], metrics: &Metrics) -> Vec<ViewLink> {
    let mut out = Vec::new();
    for view in views {
        for table in &view.reads {
            let Some(card) = tables.iter().find(|c| c.table == *table) else {
                continue;
            };
            let y = |r: Rect| r.y + metrics.header_height / 2.0;
            let (from_x, to_x) = if card.rect.x + card.rect.width <= view.rect.x {
                (view.rect.x, card.rect.x + card.rect.width)
            } else if card.rect.x >= view.rect.x + view.rect.width {
                (view.rect.x + view.rect.width, card.rect.x)
            } else {
                (view.rect.x, card.rect.x)
            };
            out.push(ViewLink {
                object: view.object,
                table: *table,
                points: [
                    Point::new(from_x, y(view.rect)),
                    Point::new(to_x, y(card.rect)),
                ],
            });
        }
    }
    out
}

/// The view whose card holds `point`, if one does.
pub fn view_at(scene: &Scene, point: Point) -> Option<usize> {
    scene
        .views
        .iter()
        .rev()
        .find(|v| {
            point.x >= v.rect.x
                && point.x <= v.rect.x + v.rect.width
                && point.y >= v.rect.y
                && point.y <= v.rect.y + v.rect.height
        })
        .map(|v| v.object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::ApproxMeasure;

    #[test]
    fn a_view_is_a_card_right_of_the_tables_with_a_line_to_each_table_it_reads() {
        let sql = "CREATE TABLE customers (id int PRIMARY KEY, email text);\n\
                   CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, total numeric);\n\
                   CREATE VIEW spend AS SELECT c.email, sum(o.total) AS spent FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.email;\n";
        let schema =
            crate::import::import_sql(sql, Some(crate::import::Dialect::Postgres), "t").schema;
        let metrics = Metrics::default();
        let mut scene = super::super::build(&schema, &ApproxMeasure, &metrics);
        let right_of_tables = scene.bounds.x + scene.bounds.width;
        let shapes = crate::check::view_shape::views(&schema);
        add_views(&mut scene, &schema, &shapes, &ApproxMeasure, &metrics);
        assert_eq!(scene.views.len(), 1);
        let card = &scene.views[0];
        assert_eq!(card.title, "view spend");
        let rows: Vec<(&str, &str)> = card
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.type_text.as_str()))
            .collect();
        assert_eq!(rows, [("email", "text"), ("spent", "expression")]);
        assert!(card.rect.x >= right_of_tables + GAP);
        assert!(scene.bounds.x + scene.bounds.width >= card.rect.x + card.rect.width);
        let read: Vec<TableId> = scene.view_links.iter().map(|l| l.table).collect();
        assert_eq!(read.len(), 2);
        for link in &scene.view_links {
            let table = scene.tables.iter().find(|t| t.table == link.table).unwrap();
            assert_eq!(link.points[0].x, card.rect.x);
            assert_eq!(link.points[1].x, table.rect.x + table.rect.width);
        }
        let inside = Point::new(card.rect.x + 2.0, card.rect.y + 2.0);
        assert_eq!(view_at(&scene, inside), Some(card.object));
        assert_eq!(
            view_at(&scene, Point::new(card.rect.x - 5.0, card.rect.y)),
            None
        );
    }
}
