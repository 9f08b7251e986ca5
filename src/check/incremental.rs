//! Re-checking after an edit without re-checking everything. Per-table findings are cached and
//! recomputed for the tables that changed and their foreign-key neighbours; the cross-table
//! rule groups (FK graph, names and types, workload) are cached under a fingerprint of exactly
//! what they read, combined from per-table fingerprints so that computing it costs one table.

use super::finding::Finding;
use super::sink::Sink;
use super::{Context, check_graph, check_names, check_table, check_workload};
use crate::model::{CheckSettings, Point, Schema, Table, TableId};
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// A validator that remembers its last run.
#[derive(Default)]
pub struct Checker {
    settings: Option<CheckSettings>,
    tables: HashMap<TableId, Cached>,
    /// Signature of the table list (ids, names, keys): when it changes, every table is redone.
    roster: u64,
    graph: Option<(u64, Vec<Finding>)>,
    names: Option<(u64, Vec<Finding>)>,
    workload: Option<(u64, Vec<Finding>)>,
    findings: Vec<Finding>,
    /// Tables re-checked by the last run (for tests and the status bar).
    last_rechecked: usize,
}

struct Cached {
    table: Table,
    findings: Vec<Finding>,
    fk_sig: u64,
    names_sig: u64,
    index_sig: u64,
}

fn hash_of(f: impl FnOnce(&mut DefaultHasher)) -> u64 {
    let mut h = DefaultHasher::new();
    f(&mut h);
    h.finish()
}

/// The table as the rules see it: its position on the canvas does not matter.
fn without_position(table: &Table) -> Table {
    let mut copy = table.clone();
    copy.position = Point::default();
    copy
}

fn same_for_checks(cached: &Table, table: &Table) -> bool {
    // Compare field by field rather than cloning: this runs for every table on every check.
    cached.id == table.id
        && cached.name == table.name
        && cached.schema == table.schema
        && cached.comment == table.comment
        && cached.group == table.group
        && cached.properties == table.properties
        && cached.columns == table.columns
        && cached.primary_key == table.primary_key
        && cached.uniques == table.uniques
        && cached.foreign_keys == table.foreign_keys
        && cached.checks == table.checks
        && cached.indexes == table.indexes
        && cached.dependencies == table.dependencies
}

fn fk_sig(table: &Table) -> u64 {
    hash_of(|h| {
        table.id.hash(h);
        for fk in &table.foreign_keys {
            fk.references.hash(h);
            fk.columns.hash(h);
            (fk.on_delete as u8, fk.on_update as u8).hash(h);
            for c in &fk.columns {
                table.column(*c).map(|c| c.nullable).hash(h);
            }
        }
    })
}

fn names_sig(table: &Table) -> u64 {
    hash_of(|h| {
        table.id.hash(h);
        table.name.hash(h);
        table.schema.hash(h);
        for c in &table.columns {
            (c.id, &c.name, &c.data_type).hash(h);
        }
        table
            .primary_key
            .as_ref()
            .map(|pk| (&pk.columns, &pk.name))
            .hash(h);
        for u in &table.uniques {
            u.name.hash(h);
        }
        for i in &table.indexes {
            i.name.hash(h);
        }
        for c in &table.checks {
            c.name.hash(h);
        }
        for fk in &table.foreign_keys {
            (fk.name.as_ref(), &fk.columns).hash(h);
        }
    })
}

fn index_sig(table: &Table) -> u64 {
    hash_of(|h| {
        table.id.hash(h);
        format!(
            "{:?}{:?}{:?}",
            table.indexes, table.uniques, table.primary_key
        )
        .hash(h);
        for c in &table.columns {
            (c.nullable, c.data_type == crate::model::DataType::Boolean).hash(h);
        }
        for fk in &table.foreign_keys {
            fk.columns.hash(h);
        }
    })
}

fn roster_sig(schema: &Schema) -> u64 {
    hash_of(|h| {
        for t in &schema.tables {
            (t.id, &t.name, &t.schema).hash(h);
            t.primary_key.as_ref().map(|pk| &pk.columns).hash(h);
        }
    })
}

/// Combines per-table signatures independently of order.
fn combine(sigs: impl Iterator<Item = u64>) -> u64 {
    sigs.fold(0u64, |acc, s| {
        acc.wrapping_add(s.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    })
}

impl std::fmt::Debug for Checker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker")
            .field("tables", &self.tables.len())
            .field("findings", &self.findings.len())
            .finish()
    }
}

impl Checker {
    /// Checks `schema`, redoing only what changed since the last call.
    pub fn check(&mut self, schema: &Schema, settings: &CheckSettings) -> &[Finding] {
        if self.settings.as_ref() != Some(settings) {
            *self = Checker {
                settings: Some(settings.clone()),
                ..Checker::default()
            };
        }
        let ctx = Context::new(schema, settings);
        let roster = roster_sig(schema);
        let everything = roster != self.roster;
        self.roster = roster;
        let changed: Vec<TableId> = schema
            .tables
            .iter()
            .filter(|t| {
                everything
                    || self
                        .tables
                        .get(&t.id)
                        .is_none_or(|c| !same_for_checks(&c.table, t))
            })
            .map(|t| t.id)
            .collect();
        let mut dirty: HashSet<TableId> = changed.iter().copied().collect();
        // Neighbours read each other: parents for types and keys, children for references.
        for id in &changed {
            let old = self.tables.get(id).map(|c| &c.table);
            for table in old.into_iter().chain(ctx.table(*id)) {
                dirty.extend(table.foreign_keys.iter().map(|fk| fk.references));
            }
        }
        for table in &schema.tables {
            if table
                .foreign_keys
                .iter()
                .any(|fk| changed.contains(&fk.references))
            {
                dirty.insert(table.id);
            }
        }
        self.tables.retain(|id, _| ctx.table(*id).is_some());
        self.last_rechecked = 0;
        for table in &schema.tables {
            if !dirty.contains(&table.id) && self.tables.contains_key(&table.id) {
                continue;
            }
            self.last_rechecked += 1;
            let mut sink = Sink::new(settings);
            check_table(&ctx, table, &mut sink);
            self.tables.insert(
                table.id,
                Cached {
                    table: without_position(table),
                    findings: sink.finish(),
                    fk_sig: fk_sig(table),
                    names_sig: names_sig(table),
                    index_sig: index_sig(table),
                },
            );
        }
        let graph = combine(self.tables.values().map(|c| c.fk_sig));
        let names = combine(self.tables.values().map(|c| c.names_sig));
        let indexes = combine(self.tables.values().map(|c| c.index_sig));
        let workload = hash_of(|h| {
            (names, indexes).hash(h);
            for q in &schema.queries {
                (q.id, &q.name, &q.sql).hash(h);
            }
        });
        refresh(&mut self.graph, graph, &ctx, check_graph);
        refresh(&mut self.names, names, &ctx, check_names);
        refresh(&mut self.workload, workload, &ctx, check_workload);
        self.assemble(schema);
        &self.findings
    }

    /// How many tables the last run re-checked.
    pub fn last_rechecked(&self) -> usize {
        self.last_rechecked
    }

    /// The findings of the last run.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    fn assemble(&mut self, schema: &Schema) {
        let order: HashMap<TableId, usize> = schema
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        let mut all: Vec<Finding> = Vec::new();
        for table in &schema.tables {
            if let Some(cached) = self.tables.get(&table.id) {
                all.extend(cached.findings.iter().cloned());
            }
        }
        for group in [&self.graph, &self.names, &self.workload]
            .into_iter()
            .flatten()
        {
            all.extend(group.1.iter().cloned());
        }
        let rank = |f: &Finding| {
            f.target
                .table
                .and_then(|t| order.get(&t).copied())
                .unwrap_or(usize::MAX)
        };
        all.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.code.cmp(b.code)));
        self.findings = all;
    }
}

fn refresh(
    slot: &mut Option<(u64, Vec<Finding>)>,
    sig: u64,
    ctx: &Context,
    rules: fn(&Context, &mut Sink),
) {
    if slot.as_ref().is_some_and(|(s, _)| *s == sig) {
        return;
    }
    let mut sink = Sink::new(ctx.settings);
    rules(ctx, &mut sink);
    *slot = Some((sig, sink.finish()));
}
