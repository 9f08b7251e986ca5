//! Automatic layout: places every table so that tables joined by foreign keys sit near each other.
//!
//! Tables are grouped into the connected parts of the foreign-key graph (largest first); each part
//! is walked breadth-first from its most connected table, and the walk is packed onto a skyline
//! (each card where it sits highest). The result is deterministic: it depends only on the model,
//! never on hash order.
//!
//! A model wider than a strip (about 500 tables) is packed in strips side by side, each filled
//! to the page's height, so time grows linearly in tables: each card scans one strip's skyline,
//! whose segments are bounded by the strip's width, not the page's.

use crate::model::{Point, Schema, Table};
#[cfg(test)]
use crate::scene::build;
use crate::scene::{ApproxMeasure, Metrics, card_sizes};
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use petgraph::visit::Bfs;

/// Space between cards, in scene units.
const GAP: f32 = 80.0;

/// Gives every table a position, but for pinned ones. Notes and groups are left as they are.
pub fn arrange(schema: &mut Schema) {
    arrange_where(schema, |table| !table.pinned);
}

/// Places the tables `movable` accepts, packed around the others, which stay where they are
/// (a card is never placed over one of them).
pub fn arrange_where(schema: &mut Schema, movable: impl Fn(&Table) -> bool) {
    let count = schema.tables.len();
    if count == 0 {
        return;
    }
    let drawn = card_sizes(schema, &ApproxMeasure, &Metrics::default());
    // A partition is drawn inside its partitioned table's card: it takes no place of its own.
    let sizes: Vec<(f32, f32)> = drawn.iter().map(|s| s.unwrap_or((0.0, 0.0))).collect();
    let moving: Vec<bool> = schema
        .tables
        .iter()
        .zip(&drawn)
        .map(|(t, size)| size.is_some() && movable(t))
        .collect();
    let order: Vec<usize> = walk_order(schema)
        .into_iter()
        .filter(|i| moving[*i])
        .collect();
    let area: f32 = order
        .iter()
        .map(|i| (sizes[*i].0 + GAP) * (sizes[*i].1 + GAP))
        .sum();
    let widest = sizes.iter().map(|(w, _)| w + GAP).fold(0.0, f32::max);
    let row_width = (area.sqrt() * 1.2).max(1600.0).max(widest);
    // A large model is packed in strips side by side, each filled to the page's height before
    // the next: a skyline as wide as the whole page would make each card scan √n segments.
    let strip = row_width.min(STRIP_WIDTH.max(widest));
    let page_height = area / row_width * 1.2;
    // A table that stays is an obstacle: the skyline is lifted below it, over its width.
    let obstacles: Vec<(f32, f32, f32)> = schema
        .tables
        .iter()
        .zip(&sizes)
        .zip(&moving)
        .zip(&drawn)
        .filter(|((_, m), size)| !**m && size.is_some())
        .map(|(((table, (width, height)), _), _)| {
            let at = table.position;
            (at.x - GAP, width + 2.0 * GAP, at.y + height + GAP)
        })
        .collect();
    let strip_at = |left: f32| {
        let mut skyline = Skyline::new(strip);
        for &(x, width, top) in &obstacles {
            skyline.lift(x - left, width, top);
        }
        skyline
    };
    // Skyline packing: each card goes where it can sit highest (then leftmost), in walk order,
    // so a tall table no longer leaves a row's worth of empty space beside its short neighbours.
    let (mut left, mut skyline) = (0.0, strip_at(0.0));
    for index in order {
        let (width, height) = sizes[index];
        let (mut x, mut y) = skyline.place(width + GAP, height + GAP);
        if y > page_height && strip < row_width {
            left += strip;
            skyline = strip_at(left);
            (x, y) = skyline.place(width + GAP, height + GAP);
        }
        schema.tables[index].position = Point::new((left + x).round(), y.round());
    }
}

/// The widest a skyline is made: about 28 cards of 200 units across.
const STRIP_WIDTH: f32 = 8000.0;

/// The lowest free height along the layout's width, as adjacent segments `(x, width, y)`.
struct Skyline {
    segments: Vec<(f32, f32, f32)>,
    /// The segments being remade, kept between placements: two allocations per table were a
    /// tenth of a large import's allocations.
    scratch: Vec<(f32, f32, f32)>,
}

impl Skyline {
    fn new(width: f32) -> Self {
        Self {
            segments: vec![(0.0, width, 0.0)],
            scratch: Vec::new(),
        }
    }

    /// Where a `width` × `height` box sits highest (then leftmost); marks it taken.
    fn place(&mut self, width: f32, height: f32) -> (f32, f32) {
        let mut best: Option<(f32, f32, usize)> = None;
        for start in 0..self.segments.len() {
            let x = self.segments[start].0;
            // A box here sits at least as high as this segment, and further right than the best
            // so far: it cannot be better.
            if best.is_some_and(|(by, _, _)| self.segments[start].2 >= by) {
                continue;
            }
            let (mut covered, mut y, mut end) = (0.0f32, 0.0f32, start);
            while covered < width && end < self.segments.len() {
                covered += self.segments[end].1;
                y = y.max(self.segments[end].2);
                end += 1;
            }
            if covered < width && start > 0 {
                break; // runs past the right edge
            }
            if best.is_none_or(|(by, bx, _)| y < by || (y == by && x < bx)) {
                best = Some((y, x, start));
            }
        }
        let (y, x, _) = best.unwrap_or((0.0, 0.0, 0));
        self.raise(x, width, y + height);
        (x, y)
    }

    /// Raises the skyline over `[x, x + width)` to at least `top`.
    fn lift(&mut self, x: f32, width: f32, top: f32) {
        let pieces: Vec<(f32, f32, f32)> = self
            .segments
            .iter()
            .filter_map(|&(sx, sw, sy)| {
                let start = sx.max(x);
                let end = (sx + sw).min(x + width);
                (end > start && sy < top).then_some((start, end - start, sy))
            })
            .collect();
        for (start, width, _) in pieces {
            self.raise(start, width, top);
        }
    }

    /// Sets the skyline over `[x, x + width)` to `top`, splitting and merging segments.
    fn raise(&mut self, x: f32, width: f32, top: f32) {
        let end = x + width;
        let mut next = std::mem::take(&mut self.scratch);
        next.clear();
        for &(sx, sw, sy) in &self.segments {
            let se = sx + sw;
            if se <= x || sx >= end {
                next.push((sx, sw, sy));
                continue;
            }
            if sx < x {
                next.push((sx, x - sx, sy));
            }
            if se > end {
                next.push((end, se - end, sy));
            }
        }
        next.push((x, width, top));
        next.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Merge neighbours of equal height, so the list stays short.
        let merged = &mut self.segments;
        merged.clear();
        for seg in next.drain(..) {
            match merged.last_mut() {
                Some(last) if last.2 == seg.2 && (last.0 + last.1 - seg.0).abs() < 0.01 => {
                    last.1 += seg.1;
                }
                _ => merged.push(seg),
            }
        }
        self.scratch = next;
    }
}

/// Table indexes in placement order: connected parts largest first, each walked breadth-first.
fn walk_order(schema: &Schema) -> Vec<usize> {
    let count = schema.tables.len();
    // Hashed, not ordered: an ordered map's search per foreign key strayed over memory enough to
    // make laying out a 40,000-table import grow faster than its size.
    let index_of: rustc_hash::FxHashMap<_, _> = schema
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i))
        .collect();
    let mut graph = UnGraph::<usize, ()>::with_capacity(count, count);
    let nodes: Vec<NodeIndex> = (0..count).map(|i| graph.add_node(i)).collect();
    let mut parts = UnionFind::new(count);
    let mut degree = vec![0usize; count];
    for (i, table) in schema.tables.iter().enumerate() {
        for fk in &table.foreign_keys {
            if let Some(&j) = index_of.get(&fk.references)
                && i != j
            {
                graph.add_edge(nodes[i], nodes[j], ());
                parts.union(i, j);
                degree[i] += 1;
                degree[j] += 1;
            }
        }
    }
    let mut by_part: Vec<Vec<usize>> = vec![Vec::new(); count];
    for i in 0..count {
        by_part[parts.find(i)].push(i);
    }
    let mut part_list: Vec<Vec<usize>> = by_part.into_iter().filter(|p| !p.is_empty()).collect();
    part_list.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    let mut order = Vec::with_capacity(count);
    for members in part_list {
        let root = *members
            .iter()
            .max_by(|a, b| degree[**a].cmp(&degree[**b]).then(b.cmp(a)))
            .unwrap_or(&members[0]);
        let mut bfs = Bfs::new(&graph, nodes[root]);
        while let Some(node) = bfs.next(&graph) {
            order.push(graph[node]);
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SchemaBuilder;

    #[test]
    fn pinned_tables_stay_and_nothing_is_placed_over_them() {
        let mut schema = crate::synth::generate(crate::synth::Spec {
            tables: 60,
            columns: 6,
            queries: 0,
            seed: 5,
        });
        arrange(&mut schema);
        // Pin two tables where the layout would put others.
        let pinned = [schema.tables[7].id, schema.tables[30].id];
        for (id, at) in pinned.iter().zip([(150.0, 40.0), (900.0, 600.0)]) {
            let table = schema.table_mut(*id).unwrap();
            table.pinned = true;
            table.position = Point::new(at.0, at.1);
        }
        let before = schema.clone();
        arrange(&mut schema);
        for id in pinned {
            assert_eq!(
                schema.table(id).unwrap().position,
                before.table(id).unwrap().position
            );
        }
        let moved = schema
            .tables
            .iter()
            .zip(&before.tables)
            .filter(|(a, b)| a.position != b.position)
            .count();
        assert!(moved > 10, "the others were laid out again ({moved} moved)");
        let scene = build(&schema, &ApproxMeasure, &Metrics::default());
        for card in scene.tables.iter().filter(|c| pinned.contains(&c.table)) {
            for other in scene.tables.iter().filter(|c| c.table != card.table) {
                let (a, b) = (card.rect, other.rect);
                let apart = a.x + a.width <= b.x
                    || b.x + b.width <= a.x
                    || a.y + a.height <= b.y
                    || b.y + b.height <= a.y;
                assert!(apart, "{:?} placed over the pinned {:?}", b, a);
            }
        }
    }

    #[test]
    fn related_tables_are_placed_next_to_each_other_without_overlap() {
        let mut b = SchemaBuilder::new("t");
        for name in ["lonely", "orders", "customers", "items"] {
            b.table(name, (0.0, 0.0), |t| {
                t.column("id", "bigint").pk();
                match name {
                    "orders" => {
                        t.column("customer_id", "bigint")
                            .references("customers", "id");
                    }
                    "items" => {
                        t.column("order_id", "bigint").references("orders", "id");
                    }
                    _ => {}
                }
            });
        }
        let mut schema = b.build().unwrap();
        arrange(&mut schema);
        let order = walk_order(&schema);
        let names: Vec<&str> = order
            .iter()
            .map(|i| schema.tables[*i].name.as_str())
            .collect();
        assert_eq!(names, ["orders", "customers", "items", "lonely"]);
        let scene = build(&schema, &ApproxMeasure, &Metrics::default());
        for (i, a) in scene.tables.iter().enumerate() {
            for b in &scene.tables[i + 1..] {
                let apart = a.rect.x + a.rect.width <= b.rect.x
                    || b.rect.x + b.rect.width <= a.rect.x
                    || a.rect.y + a.rect.height <= b.rect.y
                    || b.rect.y + b.rect.height <= a.rect.y;
                assert!(apart, "{:?} overlaps {:?}", a.rect, b.rect);
            }
        }
        let before = schema.clone();
        arrange(&mut schema);
        assert_eq!(schema, before, "deterministic");
    }

    #[test]
    fn cards_of_very_different_heights_pack_densely_without_overlap() {
        let mut schema = crate::synth::generate(crate::synth::Spec {
            tables: 300,
            columns: 6,
            queries: 0,
            seed: 11,
        });
        // Every tenth table is very tall, as in real schemas (Odoo's res_partner has 100+).
        for (i, table) in schema.tables.iter_mut().enumerate() {
            if i % 10 == 0 {
                for k in 0..80 {
                    let id = crate::model::ColumnId(1_000_000 + (i * 100 + k) as u32);
                    table.columns.push(crate::model::Column::new(
                        id,
                        format!("extra_{k}"),
                        crate::model::DataType::Text,
                    ));
                }
            }
        }
        arrange(&mut schema);
        let scene = build(&schema, &ApproxMeasure, &Metrics::default());
        assert_dense_without_overlap(&scene);
    }

    #[test]
    fn a_large_model_is_packed_in_strips_into_a_page_near_square_without_overlap() {
        let mut schema = crate::synth::generate(crate::synth::Spec {
            tables: 3000,
            columns: 5,
            queries: 0,
            seed: 2,
        });
        // A pinned table in the middle of where the strips go.
        schema.tables[0].pinned = true;
        schema.tables[0].position = Point::new(9000.0, 3000.0);
        arrange(&mut schema);
        assert_eq!(schema.tables[0].position, Point::new(9000.0, 3000.0));
        let scene = build(&schema, &ApproxMeasure, &Metrics::default());
        let b = scene.bounds;
        assert!(b.width > STRIP_WIDTH, "in strips: {} wide", b.width);
        let aspect = b.width / b.height;
        assert!((0.5..=2.0).contains(&aspect), "{} x {}", b.width, b.height);
        assert_dense_without_overlap(&scene);
    }

    /// The cards cover at least a third of the layout's bounds, and no two overlap.
    fn assert_dense_without_overlap(scene: &crate::scene::Scene) {
        let cards: f32 = scene
            .tables
            .iter()
            .map(|t| t.rect.width * t.rect.height)
            .sum();
        let b = scene.bounds;
        assert!(
            b.width * b.height < 3.0 * cards,
            "{} x {} for {cards}",
            b.width,
            b.height
        );
        let mut rects: Vec<_> = scene.tables.iter().map(|t| t.rect).collect();
        rects.sort_by(|a, b| a.x.total_cmp(&b.x));
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                if b.x >= a.x + a.width {
                    break;
                }
                let apart = a.y + a.height <= b.y || b.y + b.height <= a.y;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
    }
}
