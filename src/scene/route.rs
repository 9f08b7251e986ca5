//! Relationship connectors: orthogonal paths from the foreign-key column's row to the referenced
//! column's row, with crow's-foot ends whose shape comes from the model.

use super::detour::Obstacles;
use super::{Metrics, TableCard};
use crate::model::{ConstraintId, ForeignKey, Point, Schema, Table, TableId};

/// One foreign key, drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Connector {
    /// The foreign key.
    pub foreign_key: ConstraintId,
    /// Referencing table.
    pub from_table: TableId,
    /// Referenced table.
    pub to_table: TableId,
    /// Orthogonal polyline from the referencing row to the referenced row; at least 2 points.
    pub points: Vec<Point>,
    /// Crow's-foot end at the referencing (child) side.
    pub from_end: EndShape,
    /// End at the referenced (parent) side.
    pub to_end: EndShape,
}

/// A crow's-foot end: how many rows may be on this side of the relationship, and whether none may.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EndShape {
    /// Many (a crow's foot) rather than one (a bar).
    pub many: bool,
    /// Zero allowed (a circle) rather than at least one (a second bar).
    pub optional: bool,
}

/// Connectors of an earlier scene that a drag did not touch, kept as they were.
pub(super) struct Kept<'a> {
    /// The earlier scene's connectors.
    pub previous: &'a [Connector],
    /// The tables that moved since.
    pub moved: &'a rustc_hash::FxHashSet<TableId>,
}

pub(super) fn connectors(
    schema: &Schema,
    cards: &[TableCard],
    partition_of: &rustc_hash::FxHashMap<TableId, TableId>,
    metrics: &Metrics,
    kept: Option<Kept<'_>>,
) -> Vec<Connector> {
    let mut index: rustc_hash::FxHashMap<TableId, usize> = cards
        .iter()
        .enumerate()
        .map(|(i, c)| (c.table, i))
        .collect();
    // A partition's keys start from its partitioned table's card, but for those the partitioned
    // table has itself (a line per partition would say the same thing again).
    for (partition, parent) in partition_of {
        if let Some(&card) = index.get(parent) {
            index.insert(*partition, card);
        }
    }
    let repeats_its_parent = |table: &crate::model::Table, fk: &crate::model::ForeignKey| {
        partition_of
            .get(&table.id)
            .and_then(|p| schema.table(*p))
            .is_some_and(|p| {
                p.foreign_keys
                    .iter()
                    .any(|own| own.references == fk.references)
            })
    };
    let obstacles = Obstacles::new(cards.iter().map(|c| c.rect).collect());
    let previous: rustc_hash::FxHashMap<ConstraintId, &Connector> = kept
        .as_ref()
        .map(|k| k.previous.iter().map(|c| (c.foreign_key, c)).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for table in &schema.tables {
        for fk in &table.foreign_keys {
            let (Some(&from), Some(&to)) = (index.get(&table.id), index.get(&fk.references)) else {
                continue;
            };
            if repeats_its_parent(table, fk) {
                continue;
            }
            let untouched = kept
                .as_ref()
                .is_some_and(|k| !k.moved.contains(&table.id) && !k.moved.contains(&fk.references));
            if untouched && let Some(old) = previous.get(&fk.id) {
                out.push((*old).clone());
                continue;
            }
            let from_y = row_center(&cards[from], fk.columns.first().copied());
            let to_y = row_center(&cards[to], fk.referenced_columns.first().copied());
            let mut points = path(&cards[from], from_y, &cards[to], to_y, metrics.stub);
            if obstacles.blocks(&points, [from, to])
                && let Some(around) = detour(&obstacles, &points, [from, to], metrics.stub)
            {
                points = around;
            }
            out.push(Connector {
                foreign_key: fk.id,
                from_table: table.id,
                to_table: fk.references,
                points,
                from_end: child_end(table, fk),
                to_end: EndShape {
                    many: false,
                    optional: fk_nullable(table, fk),
                },
            });
        }
    }
    out
}

/// The child side: zero-or-many rows reference one parent, zero-or-one when the FK is unique.
fn child_end(table: &Table, fk: &ForeignKey) -> EndShape {
    let unique = table
        .primary_key
        .as_ref()
        .is_some_and(|pk| same_set(&pk.columns, &fk.columns))
        || table.uniques.iter().any(|u| same_set(&u.columns, &fk.columns))
        || table.indexes.iter().any(|i| {
            i.unique
                && i.predicate.is_none()
                && i.keys.len() == fk.columns.len()
                && i.keys.iter().all(|k| {
                    matches!(k.target, crate::model::IndexTarget::Column(c) if fk.columns.contains(&c))
                })
        });
    EndShape {
        many: !unique,
        optional: true,
    }
}

fn fk_nullable(table: &Table, fk: &ForeignKey) -> bool {
    fk.columns
        .iter()
        .any(|id| table.column(*id).is_none_or(|c| c.nullable))
}

fn same_set<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

/// The straight route's two ends, kept, joined by a path around the cards in between.
fn detour(
    obstacles: &Obstacles,
    straight: &[Point],
    ends: [usize; 2],
    stub: f32,
) -> Option<Vec<Point>> {
    let n = straight.len();
    let (start, end) = (straight[0], straight[n - 1]);
    // Each end leaves its card sideways, as the straight route does.
    let outward = |tip: Point, next: Point| (next.x - tip.x).signum();
    let start_dir = outward(start, straight[1]);
    let end_dir = outward(end, straight[n - 2]);
    obstacles.detour((start, start_dir), (end, end_dir), ends, stub)
}

fn row_center(card: &TableCard, column: Option<crate::model::ColumnId>) -> f32 {
    card.rows
        .iter()
        .find(|r| Some(r.column) == column)
        .map(|r| r.rect.y + r.rect.height / 2.0)
        .unwrap_or(card.rect.y + card.rect.height / 2.0)
}

/// Halfway between `a` and `b`, without overflowing at the far ends of the plane.
pub(super) fn midway(a: f32, b: f32) -> f32 {
    a / 2.0 + b / 2.0
}

/// Leaves and enters cards sideways, turning once in the gap between them; when the cards overlap
/// horizontally (or it is the same card) it loops round the right-hand side instead.
fn path(from: &TableCard, from_y: f32, to: &TableCard, to_y: f32, stub: f32) -> Vec<Point> {
    let (f, t) = (from.rect, to.rect);
    let (f_right, t_right) = (f.x + f.width, t.x + t.width);
    if from.table != to.table && t.x >= f_right + 2.0 * stub {
        let mid = midway(f_right, t.x);
        return vec![
            Point::new(f_right, from_y),
            Point::new(mid, from_y),
            Point::new(mid, to_y),
            Point::new(t.x, to_y),
        ];
    }
    if from.table != to.table && f.x >= t_right + 2.0 * stub {
        let mid = midway(t_right, f.x);
        return vec![
            Point::new(f.x, from_y),
            Point::new(mid, from_y),
            Point::new(mid, to_y),
            Point::new(t_right, to_y),
        ];
    }
    let outside = f_right.max(t_right) + stub;
    vec![
        Point::new(f_right, from_y),
        Point::new(outside, from_y),
        Point::new(outside, to_y),
        Point::new(t_right, to_y),
    ]
}

#[cfg(test)]
mod tests {
    use crate::model::SchemaBuilder;
    use crate::scene::{ApproxMeasure, Metrics, build};

    #[test]
    fn connectors_join_the_rows_and_take_their_ends_from_the_model() {
        let mut b = SchemaBuilder::new("t");
        b.table("parents", (0.0, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("boss_id", "bigint").references("parents", "id");
        });
        b.table("children", (500.0, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("parent_id", "bigint")
                .not_null()
                .references("parents", "id");
        });
        b.table("profiles", (500.0, 300.0), |t| {
            t.column("parent_id", "bigint")
                .pk()
                .references("parents", "id");
        });
        let schema = b.build().unwrap();
        let scene = build(&schema, &ApproxMeasure, &Metrics::default());
        let [self_ref, child, profile] = scene.connectors.as_slice() else {
            panic!("three foreign keys");
        };
        let parents = &scene.tables[0];
        let children = &scene.tables[1];
        // The child's FK row on the left card edge of `children`, the parent's id row on `parents`.
        let start = child.points[0];
        let end = *child.points.last().unwrap();
        assert_eq!(start.x, children.rect.x);
        assert_eq!(start.y, children.rows[1].rect.y + 10.0);
        assert_eq!(end.x, parents.rect.x + parents.rect.width);
        assert_eq!(end.y, parents.rows[0].rect.y + 10.0);
        for pair in child.points.windows(2) {
            assert!(
                pair[0].x == pair[1].x || pair[0].y == pair[1].y,
                "orthogonal"
            );
        }
        assert!(
            child.from_end.many && !child.to_end.optional,
            "NOT NULL FK: parent mandatory"
        );
        assert!(self_ref.to_end.optional, "nullable FK: parent optional");
        assert!(
            self_ref.points[1].x > parents.rect.x + parents.rect.width,
            "loops outside"
        );
        assert!(!profile.from_end.many, "FK that is the PK: one to one");
    }

    /// Whether an axis-parallel segment passes through the inside of a card.
    fn through(card: crate::model::Rect, a: crate::model::Point, b: crate::model::Point) -> bool {
        let inside_x = |x: f32| x > card.x && x < card.x + card.width;
        let inside_y = |y: f32| y > card.y && y < card.y + card.height;
        if a.y == b.y {
            inside_y(a.y) && a.x.min(b.x) < card.x + card.width && a.x.max(b.x) > card.x
        } else {
            inside_x(a.x) && a.y.min(b.y) < card.y + card.height && a.y.max(b.y) > card.y
        }
    }

    #[test]
    fn a_connector_goes_round_the_cards_between_its_tables_and_keeps_its_ends() {
        // Three cards in a row at one height: the key of the right one references the left
        // one, and the straight route would cross the middle card.
        let mut b = SchemaBuilder::new("t");
        b.table("customers", (0.0, 0.0), |t| {
            t.column("id", "bigint").pk();
        });
        b.table("orders", (400.0, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("note", "text");
        });
        b.table("invoices", (800.0, 0.0), |t| {
            t.column("customer_id", "bigint")
                .references("customers", "id");
        });
        let schema = b.build().unwrap();
        let scene = build(&schema, &ApproxMeasure, &Metrics::default());
        let [customers, orders, invoices] = scene.tables.as_slice() else {
            panic!("three cards");
        };
        let connector = &scene.connectors[0];
        let points = &connector.points;
        for pair in points.windows(2) {
            assert!(
                pair[0].x == pair[1].x || pair[0].y == pair[1].y,
                "orthogonal"
            );
            assert!(!through(orders.rect, pair[0], pair[1]), "{points:?}");
            for end in [customers, invoices] {
                assert!(!through(end.rect, pair[0], pair[1]), "{points:?}");
            }
        }
        // Still from the key's row on the invoices card to the id row on the customers card,
        // leaving and entering sideways, with room for the crow's-foot marks.
        let (start, end) = (points[0], *points.last().unwrap());
        assert_eq!(start.x, invoices.rect.x);
        assert_eq!(start.y, invoices.rows[0].rect.y + 10.0);
        assert_eq!(end.x, customers.rect.x + customers.rect.width);
        assert_eq!(end.y, customers.rows[0].rect.y + 10.0);
        assert_eq!(points[1].y, start.y);
        assert!(start.x - points[1].x >= Metrics::default().stub);
        assert_eq!(points[points.len() - 2].y, end.y);
        assert!(points[points.len() - 2].x - end.x >= Metrics::default().stub);
        assert!(points.len() <= 6, "few bends: {points:?}");
    }

    #[test]
    fn cards_at_the_far_ends_of_the_plane_are_routed_without_overflow() {
        let mut b = SchemaBuilder::new("t");
        b.table("west", (-3.0e38, 0.0), |t| {
            t.column("id", "bigint").pk();
        });
        b.table("middle", (0.0, -10.0), |t| {
            t.column("id", "bigint").pk();
        });
        b.table("east", (3.0e38, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("west_id", "bigint").references("west", "id");
        });
        // Halfway between two far-east cards is beyond f32's range if summed first.
        b.table("farther", (3.3e38, 400.0), |t| {
            t.column("east_id", "bigint").references("east", "id");
        });
        let schema = b.build().unwrap();
        let scene = build(&schema, &ApproxMeasure, &Metrics::default());
        assert_eq!(scene.connectors.len(), 2);
        for connector in &scene.connectors {
            let finite = |p: &crate::model::Point| p.x.is_finite() && p.y.is_finite();
            assert!(
                connector.points.iter().all(finite),
                "{:?}",
                connector.points
            );
        }
    }

    #[test]
    fn an_unobstructed_connector_keeps_the_straight_route() {
        let mut b = SchemaBuilder::new("t");
        b.table("customers", (0.0, 0.0), |t| {
            t.column("id", "bigint").pk();
        });
        b.table("orders", (400.0, 200.0), |t| {
            t.column("customer_id", "bigint")
                .references("customers", "id");
        });
        // Off the route: below both.
        b.table("notes", (200.0, 600.0), |t| {
            t.column("id", "bigint").pk();
        });
        let schema = b.build().unwrap();
        let scene = build(&schema, &ApproxMeasure, &Metrics::default());
        assert_eq!(scene.connectors[0].points.len(), 4, "one jog in the gap");
    }
}

/// A stroke of a crow's-foot end, in scene units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mark {
    /// A straight stroke.
    Line(Point, Point),
    /// A circle outline.
    Circle {
        /// Centre.
        center: Point,
        /// Radius.
        radius: f32,
    },
}

impl Connector {
    /// The strokes of both ends: a fork for "many", a bar for "one", a circle for "zero allowed"
    /// or a second bar for "at least one".
    pub fn end_marks(&self) -> Vec<Mark> {
        let mut marks = Vec::new();
        let n = self.points.len();
        if n >= 2 {
            end_marks(self.points[0], self.points[1], self.from_end, &mut marks);
            end_marks(
                self.points[n - 1],
                self.points[n - 2],
                self.to_end,
                &mut marks,
            );
        }
        marks
    }
}

fn end_marks(tip: Point, toward: Point, shape: EndShape, marks: &mut Vec<Mark>) {
    let (dx, dy) = (toward.x - tip.x, toward.y - tip.y);
    let length = (dx * dx + dy * dy).sqrt();
    if length == 0.0 {
        return;
    }
    // Unit vector away from the card, and its normal.
    let (ux, uy) = (dx / length, dy / length);
    let (nx, ny) = (-uy, ux);
    let at = |along: f32, across: f32| {
        Point::new(
            tip.x + ux * along + nx * across,
            tip.y + uy * along + ny * across,
        )
    };
    const SPREAD: f32 = 6.0;
    if shape.many {
        marks.push(Mark::Line(at(11.0, 0.0), at(0.0, SPREAD)));
        marks.push(Mark::Line(at(11.0, 0.0), at(0.0, -SPREAD)));
    } else {
        marks.push(Mark::Line(at(7.0, SPREAD), at(7.0, -SPREAD)));
    }
    if shape.optional {
        marks.push(Mark::Circle {
            center: at(16.5, 0.0),
            radius: 4.0,
        });
    } else {
        marks.push(Mark::Line(at(13.0, SPREAD), at(13.0, -SPREAD)));
    }
}
