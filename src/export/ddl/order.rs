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
    // Among parts that do not depend on each other, keep the model's order: take the ready part
    // (all it depends on placed) whose first table comes first, from a heap, as parts get ready.
    let mut part_of = vec![0; schema.tables.len()];
    for (p, members) in parts.iter().enumerate() {
        for n in members {
            part_of[graph[*n]] = p;
        }
    }
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); parts.len()];
    let mut waiting_on = vec![0usize; parts.len()];
    for (p, members) in parts.iter().enumerate() {
        let needs: BTreeSet<usize> = members
            .iter()
            .flat_map(|n| graph.neighbors(*n).map(|m| part_of[graph[m]]))
            .filter(|q| *q != p)
            .collect();
        waiting_on[p] = needs.len();
        for q in needs {
            dependents[q].push(p);
        }
    }
    let first_table = |p: usize| graph[parts[p][0]];
    let mut ready: std::collections::BinaryHeap<std::cmp::Reverse<(usize, usize)>> = (0..parts
        .len())
        .filter(|p| waiting_on[*p] == 0)
        .map(|p| std::cmp::Reverse((first_table(p), p)))
        .collect();
    let mut order = Vec::with_capacity(schema.tables.len());
    while let Some(std::cmp::Reverse((_, part))) = ready.pop() {
        order.extend(parts[part].iter().map(|n| graph[*n]));
        for &next in &dependents[part] {
            waiting_on[next] -= 1;
            if waiting_on[next] == 0 {
                ready.push(std::cmp::Reverse((first_table(next), next)));
            }
        }
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
