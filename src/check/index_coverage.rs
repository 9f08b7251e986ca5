//! Index coverage and hygiene on the model alone: foreign keys without a supporting index,
//! duplicate, redundant and PK-repeating indexes, tables without any index, and B-trees over
//! types they cannot search (IX201–IX204, IX206, IX209).

use super::Context;
use super::fix::Fix;
use super::index_model::{CanonIndex, KeyTarget, Source, indexes_of};
use super::sink::Sink;
use super::types::is_btree_unfriendly;
use crate::model::{
    Dialect, FindingTarget, ForeignKey, IndexKey, IndexMethod, ReferentialAction, Severity, Table,
};
use std::collections::HashSet;

pub(super) fn check_table(ctx: &Context, table: &Table, sink: &mut Sink) {
    let indexes = indexes_of(table);
    if !ctx.only(Dialect::MySql) {
        // InnoDB creates a missing FK index itself, so a MySQL-only model never lacks one.
        for fk in &table.foreign_keys {
            fk_coverage(table, fk, &indexes, sink);
        }
    }
    redundancy(table, &indexes, sink);
    if indexes.is_empty() {
        sink.emit(
            "IX206",
            FindingTarget::of_table(table.id),
            format!(
                "{} has no primary key, UNIQUE constraint or index",
                table.name
            ),
        )
        .help("Give it a primary key; that also gives it its first index.");
    }
    for (index, def) in table
        .indexes
        .iter()
        .zip(indexes.iter().filter(|i| !i.backs_constraint()))
    {
        if index.method != IndexMethod::BTree {
            continue;
        }
        for column in def.keys.iter().filter_map(|k| k.column()) {
            let Some(col) = table.column(column) else {
                continue;
            };
            if is_btree_unfriendly(&col.data_type) {
                sink.emit(
                    "IX209",
                    FindingTarget {
                        index: Some(index.id),
                        columns: vec![column],
                        ..FindingTarget::of_table(table.id)
                    },
                    format!(
                        "{} is a B-tree over {}.{} ({}), which it can only compare whole",
                        def.describe(table),
                        table.name,
                        col.name,
                        ctx.schema.type_name(col)
                    ),
                )
                .help("Use a GIN index (PostgreSQL) for containment and key lookups, or an expression index on the part you search.");
            }
        }
    }
}

/// How many leading key columns of `index` an FK lookup can bound with equality (§3.3): the
/// set of the first k plain-column keys must equal the FK's columns; fewer is partial.
fn fk_support(index: &CanonIndex, fk: &ForeignKey) -> usize {
    let k = fk.columns.len();
    let hash_ok = *index.method == IndexMethod::Hash && k == 1;
    if *index.method != IndexMethod::BTree && !hash_ok {
        return 0;
    }
    // A predicate is harmless only when it is `fk_col IS NOT NULL`: FK checks imply it.
    if !index.predicate.is_empty() {
        return 0;
    }
    let mut bounded = 0;
    for key in index.keys.iter().take(k) {
        match key.target {
            KeyTarget::Column(c) if fk.columns.contains(&c) => bounded += 1,
            _ => break,
        }
    }
    bounded
}

fn fk_coverage(table: &Table, fk: &ForeignKey, indexes: &[CanonIndex], sink: &mut Sink) {
    if fk.columns.is_empty() || fk.columns.iter().any(|c| table.column(*c).is_none()) {
        return; // IN305 reports it
    }
    let k = fk.columns.len();
    let best = indexes.iter().map(|i| fk_support(i, fk)).max().unwrap_or(0);
    if best == k {
        return;
    }
    let cascades = [fk.on_delete, fk.on_update].iter().any(|a| {
        matches!(
            a,
            ReferentialAction::Cascade | ReferentialAction::SetNull | ReferentialAction::SetDefault
        )
    });
    let columns = table.column_names(&fk.columns, ", ");
    let message = if best == 0 {
        format!(
            "foreign key {}.({columns}) has no index leading with its columns{}",
            table.name,
            if cascades {
                "; its cascades scan the table"
            } else {
                ""
            }
        )
    } else {
        format!(
            "foreign key {}.({columns}) is only partly indexed: lookups are bounded by {best} of its {k} columns",
            table.name
        )
    };
    let draft = sink
        .emit(
            "IX201",
            FindingTarget {
                columns: fk.columns.clone(),
                constraint: Some(fk.id),
                ..FindingTarget::of_table(table.id)
            },
            message,
        )
        .help(format!("Create an index on {}({columns}).", table.name))
        .fix(Fix::CreateIndex {
            table: table.id,
            keys: fk.columns.iter().map(|c| IndexKey::column(*c)).collect(),
        });
    if best > 0 {
        draft.severity(Severity::Info);
    }
}

/// Directions of the first `k` items all equal, or all inverted (a backward scan).
fn dirs_compatible(a: &CanonIndex, b: &CanonIndex, k: usize) -> bool {
    let same = (0..k).all(|i| {
        a.keys[i].desc == b.keys[i].desc && a.keys[i].nulls_first == b.keys[i].nulls_first
    });
    let inverted = (0..k).all(|i| {
        a.keys[i].desc != b.keys[i].desc && a.keys[i].nulls_first != b.keys[i].nulls_first
    });
    k <= 1 || same || inverted
}

fn equal_definition(a: &CanonIndex, b: &CanonIndex) -> bool {
    a.same_kind(b)
        && a.keys.len() == b.keys.len()
        && a.keys
            .iter()
            .zip(&b.keys)
            .all(|(x, y)| x.same_item(y) && x.desc == y.desc && x.nulls_first == y.nulls_first)
        && {
            let mut ai = a.include.clone();
            let mut bi = b.include.clone();
            ai.sort();
            bi.sort();
            ai == bi
        }
}

/// Which of two equal indexes to keep: the constraint, else the unique one, else the first.
fn keeps_first(a: &CanonIndex, b: &CanonIndex) -> bool {
    (a.backs_constraint(), a.unique) >= (b.backs_constraint(), b.unique)
}

fn drop_fix(index: &CanonIndex) -> Option<Fix> {
    match index.source {
        Source::Index(id) => Some(Fix::DropIndex { index: id }),
        Source::Unique(id) => Some(Fix::DropUnique { unique: id }),
        Source::PrimaryKey(_) => None,
    }
}

fn index_target(table: &Table, index: &CanonIndex) -> FindingTarget {
    FindingTarget {
        index: index.index_id(),
        constraint: match index.source {
            Source::Unique(id) => Some(id),
            _ => None,
        },
        columns: index.key_columns(),
        ..FindingTarget::of_table(table.id)
    }
}

fn redundancy(table: &Table, indexes: &[CanonIndex], sink: &mut Sink) {
    let mut flagged: HashSet<usize> = HashSet::new();
    let pk = indexes
        .iter()
        .position(|i| matches!(i.source, Source::PrimaryKey(_)));
    // IX204: repeats of the primary key.
    if let Some(pk_at) = pk {
        let pk_index = &indexes[pk_at];
        let mut pk_set = pk_index.key_columns();
        pk_set.sort();
        for (i, index) in indexes.iter().enumerate() {
            if i == pk_at || !index.predicate.is_empty() || *index.method != IndexMethod::BTree {
                continue;
            }
            let mut cols = index.key_columns();
            if cols.len() != index.keys.len() {
                continue;
            }
            // In key order: (b, a) next to a primary key (a, b) serves lookups by b.
            let is_prefix = cols.len() <= pk_index.keys.len()
                && index
                    .keys
                    .iter()
                    .zip(&pk_index.keys)
                    .all(|(a, b)| a.same_item(b));
            let same_keys = is_prefix && cols.len() == pk_index.keys.len();
            cols.sort();
            // A UNIQUE constraint on the key's columns repeats its uniqueness in any order;
            // an index repeats its access path only in the key's order.
            let repeats = match index.source {
                Source::Unique(_) => cols == pk_set,
                _ if index.unique => same_keys,
                _ => is_prefix,
            };
            if !repeats || (index.unique && !index.include.is_empty()) {
                continue;
            }
            flagged.insert(i);
            let draft = sink
                .emit(
                    "IX204",
                    index_target(table, index),
                    format!(
                        "{} of {} repeats the primary key",
                        index.describe(table),
                        table.name
                    ),
                )
                .help("Drop it: the primary key's own index already serves these lookups.");
            if let Some(fix) = drop_fix(index) {
                draft.fix(fix);
            }
        }
    }
    // IX202: duplicates.
    for i in 0..indexes.len() {
        for j in i + 1..indexes.len() {
            let (a, b) = (&indexes[i], &indexes[j]);
            if flagged.contains(&i) || flagged.contains(&j) || !equal_definition(a, b) {
                continue;
            }
            let (keep, drop, drop_at) = if keeps_first(a, b) {
                (a, b, j)
            } else {
                (b, a, i)
            };
            if matches!(drop.source, Source::PrimaryKey(_)) {
                continue;
            }
            flagged.insert(drop_at);
            let draft = sink
                .emit(
                    "IX202",
                    index_target(table, drop),
                    format!(
                        "{} of {} duplicates {}",
                        drop.describe(table),
                        table.name,
                        keep.describe(table)
                    ),
                )
                .help("Drop the duplicate.");
            if let Some(fix) = drop_fix(drop) {
                draft.fix(fix);
            }
        }
    }
    // IX203: a non-unique index that is a leftmost prefix of another.
    for (i, a) in indexes.iter().enumerate() {
        if flagged.contains(&i) || a.unique || a.backs_constraint() {
            continue;
        }
        let longer = indexes.iter().enumerate().find(|(j, b)| {
            *j != i
                && !flagged.contains(j)
                && a.same_kind(b)
                && a.keys.len() < b.keys.len()
                && a.keys.iter().zip(&b.keys).all(|(x, y)| x.same_item(y))
                && dirs_compatible(a, b, a.keys.len())
                && a.include
                    .iter()
                    .all(|c| b.include.contains(c) || b.keys.iter().any(|k| k.column() == Some(*c)))
        });
        let Some((_, b)) = longer else { continue };
        flagged.insert(i);
        let draft = sink
            .emit(
                "IX203",
                index_target(table, a),
                format!(
                    "{} of {} is a leftmost prefix of {}",
                    a.describe(table),
                    table.name,
                    b.describe(table)
                ),
            )
            .help("Drop it; the longer index serves the same lookups (keep it only if its smaller size matters for covering scans).");
        if let Some(fix) = drop_fix(a) {
            draft.fix(fix);
        }
    }
}
