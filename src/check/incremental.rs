//! Re-checking after an edit without re-checking everything. Per-table findings are cached and
//! recomputed for the tables that changed and their foreign-key neighbours; the cross-table
//! rule groups (FK graph, names and types, workload) are cached under a fingerprint of exactly
//! what they read, combined from per-table fingerprints so that computing it costs one table.

use super::finding::Finding;
use super::sink::Sink;
use super::{Context, check_graph, check_names, check_table, check_types};
use crate::model::{CheckSettings, Point, QueryId, Schema, Table, TableId};
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
    types: Option<(u64, Vec<Finding>)>,
    wanted_case: Option<usize>,
    /// Per query: its text, the tables it read with their signatures, its findings.
    queries: HashMap<QueryId, CachedQuery>,
    /// Tables and queries in model order, for listing findings.
    order: Vec<TableId>,
    query_order: Vec<QueryId>,
    /// Tables re-checked by the last run (for tests and the status bar).
    last_rechecked: usize,
}

struct CachedQuery {
    sql: String,
    read: Vec<(TableId, u64)>,
    findings: Vec<Finding>,
}

struct Cached {
    table: Table,
    findings: Vec<Finding>,
    fk_sig: u64,
    names_sig: u64,
    types_sig: u64,
    case_counts: [usize; 3],
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

/// What the cross-table naming rules read: the names in each schema's relation namespace.
fn names_sig(table: &Table) -> u64 {
    hash_of(|h| {
        (table.id, &table.name, &table.schema).hash(h);
        for i in &table.indexes {
            i.name.hash(h);
        }
    })
}

/// What the cross-table type rules read: column names and types, and which are keys.
fn types_sig(table: &Table) -> u64 {
    hash_of(|h| {
        (table.id, &table.name).hash(h);
        for c in &table.columns {
            (c.id, &c.name, &c.data_type).hash(h);
        }
        table.primary_key.as_ref().map(|pk| &pk.columns).hash(h);
        for fk in &table.foreign_keys {
            fk.columns.hash(h);
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
    })
}

fn roster_sig(schema: &Schema) -> u64 {
    hash_of(|h| {
        for t in &schema.tables {
            (t.id, &t.name, &t.schema).hash(h);
            if let Some(pk) = &t.primary_key {
                pk.columns.hash(h);
                for c in &pk.columns {
                    t.column(*c).map(|c| &c.data_type).hash(h);
                }
            }
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
            .field("findings", &self.findings().count())
            .finish()
    }
}

impl Checker {
    /// Checks `schema`, redoing only what changed since the last call (every table is
    /// compared with its cached copy).
    pub fn check(&mut self, schema: &Schema, settings: &CheckSettings) {
        self.check_touched(schema, settings, None);
    }

    /// Like [`Checker::check`], when the caller knows which tables changed since the last call
    /// (from the edits, see [`super::tables_touched`]): only those are compared. `None` compares
    /// them all.
    pub fn check_touched(
        &mut self,
        schema: &Schema,
        settings: &CheckSettings,
        touched: Option<&[TableId]>,
    ) {
        if self.settings.as_ref() != Some(settings) {
            *self = Checker {
                settings: Some(settings.clone()),
                ..Checker::default()
            };
        }
        let mut ctx = Context::new(schema, settings);
        let roster = roster_sig(schema);
        let everything = roster != self.roster;
        self.roster = roster;
        let candidates: Vec<&Table> = match touched {
            Some(ids) if !everything => ids.iter().filter_map(|id| ctx.table(*id)).collect(),
            _ => schema.tables.iter().collect(),
        };
        let changed: Vec<TableId> = candidates
            .into_iter()
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
        // The majority letter case is the model's: when it flips, every table is re-judged.
        self.tables.retain(|id, _| ctx.table(*id).is_some());
        let mut totals = [0usize; 3];
        for table in &schema.tables {
            let counts = match self.tables.get(&table.id) {
                Some(cached) if !dirty.contains(&table.id) => cached.case_counts,
                _ => super::naming::case_counts(table),
            };
            for i in 0..3 {
                totals[i] += counts[i];
            }
        }
        let wanted = super::naming::wanted_case(settings.naming.case, totals);
        if wanted != self.wanted_case {
            dirty.extend(schema.tables.iter().map(|t| t.id));
        }
        self.wanted_case = wanted;
        ctx.wanted_case = wanted;
        // Neighbours read each other: parents for types and keys, children for references.
        for id in &changed {
            let old = self.tables.get(id).map(|c| &c.table);
            for table in old.into_iter().chain(ctx.table(*id)) {
                dirty.extend(table.foreign_keys.iter().map(|fk| fk.references));
            }
        }
        // A set: on a first check every table changed, and a scan of the list per foreign key
        // made checking an 80,000-table chain quadratic.
        let changed_set: HashSet<TableId> = changed.iter().copied().collect();
        for table in &schema.tables {
            if table
                .foreign_keys
                .iter()
                .any(|fk| changed_set.contains(&fk.references))
            {
                dirty.insert(table.id);
            }
        }
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
                    types_sig: types_sig(table),
                    index_sig: index_sig(table),
                    case_counts: super::naming::case_counts(table),
                },
            );
        }
        let graph = combine(self.tables.values().map(|c| c.fk_sig));
        let names = combine(self.tables.values().map(|c| c.names_sig));
        let types = combine(self.tables.values().map(|c| c.types_sig));
        refresh(&mut self.graph, graph, &ctx, check_graph);
        refresh(&mut self.names, names, &ctx, check_names);
        refresh(&mut self.types, types, &ctx, check_types);
        self.refresh_queries(&ctx, everything);
        self.order = schema.tables.iter().map(|t| t.id).collect();
        self.query_order = schema.queries.iter().map(|q| q.id).collect();
    }

    /// Re-checks the queries whose text or tables changed.
    fn refresh_queries(&mut self, ctx: &Context, everything: bool) {
        let table_sig = |tables: &HashMap<TableId, Cached>, id: TableId| {
            tables
                .get(&id)
                .map_or(0, |c| c.types_sig ^ c.index_sig.rotate_left(1))
        };
        self.queries.retain(|id, _| ctx.schema.query(*id).is_some());
        for query in &ctx.schema.queries {
            let fresh = !everything
                && self.queries.get(&query.id).is_some_and(|cached| {
                    cached.sql == query.sql
                        && cached
                            .read
                            .iter()
                            .all(|(t, sig)| table_sig(&self.tables, *t) == *sig)
                });
            if fresh {
                continue;
            }
            let mut sink = Sink::new(ctx.settings);
            let read = super::workload::check_query(ctx, query, &mut sink);
            let read = read
                .iter()
                .map(|t| (*t, table_sig(&self.tables, *t)))
                .collect();
            self.queries.insert(
                query.id,
                CachedQuery {
                    sql: query.sql.clone(),
                    read,
                    findings: sink.finish(),
                },
            );
        }
    }

    /// How many tables the last run re-checked.
    pub fn last_rechecked(&self) -> usize {
        self.last_rechecked
    }

    /// The findings of the last run: per table in model order, then the cross-table ones, then
    /// the workload's. Borrowed from the cache, so reading them costs nothing.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> + '_ {
        let tables = self
            .order
            .iter()
            .filter_map(|t| self.tables.get(t))
            .flat_map(|c| c.findings.iter());
        let groups = [&self.graph, &self.names, &self.types]
            .into_iter()
            .flatten()
            .flat_map(|g| g.1.iter());
        let queries = self
            .query_order
            .iter()
            .filter_map(|q| self.queries.get(q))
            .flat_map(|c| c.findings.iter());
        tables.chain(groups).chain(queries)
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
