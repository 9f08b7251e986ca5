//! Rules over the foreign-key graph and across tables: cycles (IN306), conflicting cascade
//! paths (IN308), relationships implied by names but not declared (IN314), and one column name
//! with different types (IN319).

use super::super::Context;
use super::super::fix::Fix;
use super::super::sink::Sink;
use super::super::types::singular;
use crate::model::{DataType, Dialect, FindingTarget, ReferentialAction, Severity, TableId};
use petgraph::algo::tarjan_scc;
use petgraph::graphmap::DiGraphMap;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// Rules over the foreign-key graph (what they read: tables' foreign keys and nullability).
pub(in crate::check) fn graph_rules(ctx: &Context, sink: &mut Sink) {
    if sink.enabled("IN306") {
        cycles(ctx, sink);
    }
    if sink.enabled("IN308") {
        cascade_paths(ctx, sink);
    }
}

/// Rules comparing names and types across tables.
pub(in crate::check) fn name_rules(ctx: &Context, sink: &mut Sink) {
    if sink.enabled("IN314") {
        implied_relationships(ctx, sink);
    }
    if sink.enabled("IN319") {
        inconsistent_types(ctx, sink);
    }
}

/// Table names joined by `separator`; a long list is cut after eight (Odoo has cycles of
/// dozens of tables), saying how many more there are.
fn listed(ctx: &Context, tables: &[TableId], separator: &str) -> String {
    const SHOWN: usize = 8;
    let names: Vec<String> = tables
        .iter()
        .take(SHOWN)
        .map(|t| table_name(ctx, *t))
        .collect();
    let mut text = names.join(separator);
    if tables.len() > SHOWN {
        text.push_str(&format!(" and {} more", tables.len() - SHOWN));
    }
    text
}

fn table_name(ctx: &Context, id: TableId) -> String {
    ctx.table(id).map_or_else(|| "?".into(), |t| t.name.clone())
}

fn cycles(ctx: &Context, sink: &mut Sink) {
    // Edges child → parent; `true` when every column of the FK is NOT NULL (a hard edge).
    let mut graph: DiGraphMap<TableId, bool> = DiGraphMap::new();
    let mut hard: DiGraphMap<TableId, ()> = DiGraphMap::new();
    for table in &ctx.schema.tables {
        graph.add_node(table.id);
        for fk in &table.foreign_keys {
            if fk.references == table.id || ctx.table(fk.references).is_none() {
                continue;
            }
            let not_null = fk
                .columns
                .iter()
                .all(|c| table.column(*c).is_some_and(|c| !c.nullable));
            let previous = graph.edge_weight(table.id, fk.references).copied();
            graph.add_edge(
                table.id,
                fk.references,
                previous.unwrap_or(false) || not_null,
            );
            if not_null {
                hard.add_edge(table.id, fk.references, ());
            }
        }
    }
    let hard_cycles: Vec<Vec<TableId>> = tarjan_scc(&hard)
        .into_iter()
        .filter(|c| c.len() > 1)
        .collect();
    for mut component in tarjan_scc(&graph).into_iter().filter(|c| c.len() > 1) {
        component.sort();
        let stuck = hard_cycles
            .iter()
            .any(|h| h.iter().all(|t| component.contains(t)));
        let names = listed(ctx, &component, ", ");
        let first = component[0];
        let draft = sink.emit(
            "IN306",
            target_of(first),
            if stuck {
                format!(
                    "{} reference each other through NOT NULL foreign keys: no row can be inserted first",
                    names
                )
            } else {
                format!(
                    "{} reference each other in a cycle: loading needs two steps (insert with NULL, then update)",
                    names
                )
            },
        );
        let draft = draft.help(if stuck {
            "Make one foreign key of the cycle nullable (or deferrable where the dialect has it)."
        } else {
            "Load the tables with the nullable reference empty first, then fill it in."
        });
        // A cycle with a nullable edge is a deliberate two-way link more often than not.
        draft.severity(if stuck {
            Severity::Error
        } else {
            Severity::Info
        });
    }
}

fn target_of(table: TableId) -> FindingTarget {
    FindingTarget {
        table: Some(table),
        ..FindingTarget::default()
    }
}

fn cascades(action: ReferentialAction) -> bool {
    matches!(
        action,
        ReferentialAction::Cascade | ReferentialAction::SetNull | ReferentialAction::SetDefault
    )
}

fn cascade_paths(ctx: &Context, sink: &mut Sink) {
    // SQL Server rejects such schemas; a portable model (no targets) may meet it; elsewhere
    // it is a design smell only.
    let severity = if ctx.settings.dialects.contains(&Dialect::MsSql) {
        Severity::Error
    } else if ctx.settings.dialects.is_empty() {
        Severity::Warning
    } else {
        Severity::Info
    };
    for (action_name, pick) in [
        (
            "DELETE",
            (|fk: &crate::model::ForeignKey| fk.on_delete) as fn(&_) -> _,
        ),
        ("UPDATE", |fk: &crate::model::ForeignKey| fk.on_update),
    ] {
        // parent → children along cascading foreign keys, one entry per foreign key.
        let mut children: BTreeMap<TableId, Vec<TableId>> = BTreeMap::new();
        for table in &ctx.schema.tables {
            for fk in &table.foreign_keys {
                if cascades(pick(fk)) && ctx.table(fk.references).is_some() {
                    children.entry(fk.references).or_default().push(table.id);
                }
            }
        }
        if children.is_empty() {
            continue;
        }
        let mut graph: DiGraphMap<TableId, ()> = DiGraphMap::new();
        for (parent, kids) in &children {
            for kid in kids {
                graph.add_edge(*parent, *kid, ());
            }
        }
        let mut in_cycle = std::collections::HashSet::new();
        for component in tarjan_scc(&graph) {
            let self_loop = component.len() == 1 && graph.contains_edge(component[0], component[0]);
            if component.len() > 1 || (self_loop && severity == Severity::Error) {
                let mut component = component;
                component.sort();
                in_cycle.extend(component.iter().copied());
                let names = listed(ctx, &component, ", ");
                sink.emit(
                    "IN308",
                    target_of(component[0]),
                    format!("ON {action_name} cascades run in a cycle among {names}"),
                )
                .severity(severity)
                .help("Make one foreign key of the cycle NO ACTION and handle that step in the application.");
            }
        }
        // Count paths from each parent (capped at 2) over the acyclic part, in one topological
        // order of the graph without its cycles.
        let mut acyclic = graph.clone();
        for t in &in_cycle {
            acyclic.remove_node(*t);
        }
        let topological = petgraph::algo::toposort(&acyclic, None).unwrap_or_default();
        for &source in children.keys() {
            if in_cycle.contains(&source) {
                continue;
            }
            let mut count: HashMap<TableId, u8> = HashMap::new();
            let mut via: HashMap<TableId, TableId> = HashMap::new();
            let mut stack = vec![source];
            let mut seen = std::collections::HashSet::new();
            while let Some(t) = stack.pop() {
                if !seen.insert(t) || in_cycle.contains(&t) {
                    continue;
                }
                stack.extend(children.get(&t).into_iter().flatten().copied());
            }
            // Topological order of the reachable subgraph (it is acyclic here).
            let sub: Vec<TableId> = topological
                .iter()
                .copied()
                .filter(|t| seen.contains(t) && !in_cycle.contains(t))
                .collect();
            count.insert(source, 1);
            for t in sub {
                let c = count.get(&t).copied().unwrap_or(0);
                if c == 0 {
                    continue;
                }
                for kid in children.get(&t).into_iter().flatten() {
                    let entry = count.entry(*kid).or_insert(0);
                    *entry = (*entry + c).min(2);
                    via.entry(*kid).or_insert(t);
                }
            }
            for (&t, &c) in &count {
                if c >= 2 && t != source {
                    sink.emit(
                        "IN308",
                        target_of(t),
                        format!(
                            "ON {action_name} of a {} row reaches {} by more than one cascading path",
                            table_name(ctx, source),
                            table_name(ctx, t)
                        ),
                    )
                    .severity(severity)
                    .help("Keep one cascading path and make the other foreign keys NO ACTION.");
                }
            }
        }
    }
}

fn lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

fn implied_relationships(ctx: &Context, sink: &mut Sink) {
    // Tables with a single-column key, by singular name; and the key columns' names, so a
    // column whose name does not end in one is dismissed without allocating.
    let mut by_stem: FxHashMap<String, Vec<(TableId, crate::model::ColumnId)>> =
        FxHashMap::default();
    let mut key_names: FxHashSet<String> = FxHashSet::default();
    for table in &ctx.schema.tables {
        if let Some(pk) = &table.primary_key
            && let [key] = pk.columns.as_slice()
            && let Some(key_column) = table.column(*key)
        {
            by_stem
                .entry(singular(&table.name))
                .or_default()
                .push((table.id, *key));
            key_names.insert(key_column.name.to_ascii_lowercase());
        }
    }
    for table in &ctx.schema.tables {
        for column in &table.columns {
            let name = lower(&column.name);
            let splits = name
                .match_indices('_')
                .filter(|(at, _)| key_names.contains(&name[at + 1..]));
            let mut candidates: Vec<(TableId, crate::model::ColumnId)> = Vec::new();
            for (at, _) in splits {
                let (stem, key_name) = (&name[..at], &name[at + 1..]);
                for (parent_id, key) in by_stem.get(&singular(stem)).into_iter().flatten() {
                    let Some(parent) = ctx.table(*parent_id) else {
                        continue;
                    };
                    let Some(key_column) = parent.column(*key) else {
                        continue;
                    };
                    if *parent_id != table.id
                        && key_column.name.eq_ignore_ascii_case(key_name)
                        && same_type(&key_column.data_type, &column.data_type)
                    {
                        candidates.push((*parent_id, *key));
                    }
                }
            }
            let [(parent_id, key)] = candidates.as_slice() else {
                continue;
            };
            if table.is_foreign_key_column(column.id) {
                continue;
            }
            // `commentable_type` + `commentable_id` is a polymorphic pair, not a foreign key.
            let stem = name.trim_end_matches("_id");
            if table.columns.iter().any(|c| {
                let n = c.name.to_ascii_lowercase();
                n == format!("{stem}_type") || n == format!("{stem}_kind")
            }) {
                continue;
            }
            let parent_name = table_name(ctx, *parent_id);
            sink.emit(
                "IN314",
                FindingTarget::of_columns(table.id, vec![column.id]),
                format!(
                    "{}.{} looks like a reference to {} but has no foreign key",
                    table.name, column.name, parent_name
                ),
            )
            .help(format!(
                "Add a foreign key from {}.{} to {}.",
                table.name, column.name, parent_name
            ))
            .fix(Fix::AddForeignKey {
                table: table.id,
                columns: vec![column.id],
                references: *parent_id,
                referenced_columns: vec![*key],
            });
        }
    }
}

fn same_type(a: &DataType, b: &DataType) -> bool {
    a == b
}

const GENERIC_NAMES: &[&str] = &[
    "id",
    "name",
    "description",
    "status",
    "value",
    "type",
    "code",
    "title",
    "comment",
    "notes",
    "note",
    "data",
    "key",
    "label",
    "kind",
    "state",
];

/// The kind of a type for IN319: lengths and precisions differ harmlessly.
type Kind<'a> = (std::mem::Discriminant<DataType>, Option<&'a str>);

fn kind(c: &crate::model::Column) -> Kind<'_> {
    let raw = match &c.data_type {
        DataType::Raw(r) => Some(r.as_str()),
        _ => None,
    };
    (std::mem::discriminant(&c.data_type), raw)
}

fn inconsistent_types(ctx: &Context, sink: &mut Sink) {
    type Uses<'a> = Vec<(TableId, &'a crate::model::Column)>;
    let mut by_name: FxHashMap<Cow<str>, Uses> = FxHashMap::default();
    for table in &ctx.schema.tables {
        for column in &table.columns {
            let name = lower(&column.name);
            if !GENERIC_NAMES.contains(&name.as_ref()) {
                by_name.entry(name).or_default().push((table.id, column));
            }
        }
    }
    let mut names: Vec<(&Cow<str>, &Uses)> = by_name
        .iter()
        .filter(|(_, uses)| uses.len() > 1 && uses.iter().any(|(_, c)| kind(c) != kind(uses[0].1)))
        .collect();
    names.sort_by(|a, b| a.0.cmp(b.0));
    for (name, uses) in names {
        let mut counts: Vec<(Kind, usize)> = Vec::new();
        for (_, c) in uses {
            match counts.iter_mut().find(|(k, _)| *k == kind(c)) {
                Some((_, n)) => *n += 1,
                None => counts.push((kind(c), 1)),
            }
        }
        // The most common kind; ties go to the first met.
        let Some(&(majority, majority_count)) = counts.iter().rev().max_by_key(|(_, n)| *n) else {
            continue;
        };
        let Some(example) = uses.iter().find(|(_, c)| kind(c) == majority) else {
            continue;
        };
        let majority_type = ctx.schema.type_name(example.1);
        for (table_id, column) in uses.iter().filter(|(_, c)| kind(c) != majority) {
            let Some(table) = ctx.table(*table_id) else {
                continue;
            };
            sink.emit(
                "IN319",
                FindingTarget::of_columns(table.id, vec![column.id]),
                format!(
                    "{}.{name} is {}, while {majority_count} other columns named {name} are {majority_type}",
                    table.name,
                    ctx.schema.type_name(column),
                ),
            )
            .help(format!(
                "Use {majority_type} if it holds the same thing, or rename it if it does not."
            ));
        }
    }
}
