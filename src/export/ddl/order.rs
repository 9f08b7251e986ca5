//! Creation order: a table after the tables its foreign keys reference, so each CREATE TABLE can
//! declare its foreign keys inline; the foreign keys that close a cycle are added afterwards.

use crate::model::{ConstraintId, Schema, TableId};
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};

/// Tables in an order that respects foreign keys, and the foreign keys to add after all tables.
pub struct CreationOrder {
    /// Table indexes into `schema.tables`, referenced tables first.
    pub tables: Vec<usize>,
    /// Foreign keys that would reference a table not created yet.
    pub deferred: BTreeSet<ConstraintId>,
}

/// Orders tables by dependency, keeping the model's order wherever dependencies allow.
pub fn creation_order(schema: &Schema) -> CreationOrder {
    let index_of: BTreeMap<TableId, usize> = schema
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i))
        .collect();
    // Strongly connected parts of the reference graph, in dependency order (Tarjan returns them
    // referenced-first for edges child → parent).
    let mut graph = DiGraph::<usize, ()>::new();
    let nodes: Vec<NodeIndex> = (0..schema.tables.len())
        .map(|i| graph.add_node(i))
        .collect();
    for (i, table) in schema.tables.iter().enumerate() {
        for fk in &table.foreign_keys {
            if let Some(&j) = index_of.get(&fk.references)
                && i != j
            {
                graph.add_edge(nodes[i], nodes[j], ());
            }
        }
    }
    let mut parts = tarjan_scc(&graph);
    for part in &mut parts {
        part.sort_by_key(|n| graph[*n]);
    }
    // Among parts that do not depend on each other, keep the model's order: repeatedly take the
    // first part (by smallest table index) whose dependencies are all placed.
    let graph = &graph;
    let part_of: BTreeMap<usize, usize> = parts
        .iter()
        .enumerate()
        .flat_map(|(p, members)| members.iter().map(move |n| (graph[*n], p)))
        .collect();
    let mut placed_parts = BTreeSet::new();
    let mut order = Vec::with_capacity(schema.tables.len());
    let mut remaining: Vec<usize> = (0..parts.len()).collect();
    remaining.sort_by_key(|p| graph[parts[*p][0]]);
    while !remaining.is_empty() {
        let ready = remaining.iter().position(|p| {
            parts[*p].iter().all(|n| {
                graph
                    .neighbors(*n)
                    .all(|m| part_of[&graph[m]] == *p || placed_parts.contains(&part_of[&graph[m]]))
            })
        });
        let position = ready.unwrap_or(0);
        let part = remaining.remove(position);
        placed_parts.insert(part);
        order.extend(parts[part].iter().map(|n| graph[*n]));
    }
    let mut created = BTreeSet::new();
    let mut deferred = BTreeSet::new();
    for &i in &order {
        let table = &schema.tables[i];
        created.insert(table.id);
        for fk in &table.foreign_keys {
            if !created.contains(&fk.references) {
                deferred.insert(fk.id);
            }
        }
    }
    CreationOrder {
        tables: order,
        deferred,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SchemaBuilder;

    #[test]
    fn parents_first_and_cycles_broken_by_deferring_one_key() {
        let mut b = SchemaBuilder::new("t");
        b.table("items", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("order_id", "int").references("orders", "id");
        });
        b.table("orders", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("customer_id", "int").references("customers", "id");
        });
        b.table("customers", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("first_order_id", "int").references("orders", "id");
            t.column("boss_id", "int").references("customers", "id");
        });
        b.table("lonely", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
        });
        let schema = b.build().unwrap();
        let order = creation_order(&schema);
        let names: Vec<&str> = order
            .tables
            .iter()
            .map(|i| schema.tables[*i].name.as_str())
            .collect();
        assert_eq!(names, ["orders", "customers", "items", "lonely"]);
        // orders → customers is the one key that points forward.
        let orders_fk = schema.tables[1].foreign_keys[0].id;
        assert_eq!(order.deferred, [orders_fk].into());
    }
}
