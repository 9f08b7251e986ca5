//! Automatic layout: places every table so that tables joined by foreign keys sit near each other.
//!
//! Tables are grouped into the connected parts of the foreign-key graph (largest first); each part
//! is walked breadth-first from its most connected table, and the walk is packed in rows. The
//! result is deterministic: it depends only on the model, never on hash order.

use crate::model::{Point, Schema};
use crate::scene::{ApproxMeasure, Metrics, build};
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use petgraph::visit::Bfs;
use std::collections::BTreeMap;

/// Space between cards, in scene units.
const GAP: f32 = 80.0;

/// Gives every table a position. Notes and groups are left as they are.
pub fn arrange(schema: &mut Schema) {
    let count = schema.tables.len();
    if count == 0 {
        return;
    }
    let scene = build(schema, &ApproxMeasure, &Metrics::default());
    let sizes: Vec<(f32, f32)> = scene
        .tables
        .iter()
        .map(|card| (card.rect.width, card.rect.height))
        .collect();
    let order = walk_order(schema);
    let area: f32 = sizes.iter().map(|(w, h)| (w + GAP) * (h + GAP)).sum();
    let row_width = (area.sqrt() * 1.4).max(1600.0);
    let (mut x, mut y, mut row_height) = (0.0f32, 0.0f32, 0.0f32);
    for index in order {
        let (width, height) = sizes[index];
        if x > 0.0 && x + width > row_width {
            x = 0.0;
            y += row_height + GAP;
            row_height = 0.0;
        }
        schema.tables[index].position = Point::new(x.round(), y.round());
        x += width + GAP;
        row_height = row_height.max(height);
    }
}

/// Table indexes in placement order: connected parts largest first, each walked breadth-first.
fn walk_order(schema: &Schema) -> Vec<usize> {
    let count = schema.tables.len();
    let index_of: BTreeMap<_, _> = schema
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
    let mut by_part: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..count {
        by_part.entry(parts.find(i)).or_default().push(i);
    }
    let mut part_list: Vec<Vec<usize>> = by_part.into_values().collect();
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
}
