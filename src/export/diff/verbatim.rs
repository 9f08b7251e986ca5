//! Views, functions, procedures and triggers kept verbatim: their SQL is the only fact the
//! model has of them, so one defined otherwise is dropped and created again, and one that reads
//! a table the migration changes (or an object that is itself re-created: a view on a view, a
//! trigger calling a function) is dropped before the tables change and created again after, as
//! servers refuse to drop or alter what a view still reads.

use crate::model::verbatim::{NamePart, name_parts, verbatim_changes};
use crate::model::{Dialect, Schema, Table, VerbatimSql};
use std::collections::{BTreeMap, BTreeSet};

/// What a migration does with the objects kept verbatim.
#[derive(Default)]
pub(super) struct Redo {
    /// Statements before the tables change, dependants first.
    pub drops: Vec<String>,
    /// Statements after, in the new model's order (the order its script made them in).
    pub creates: Vec<String>,
}

impl super::Writer<'_> {
    /// The drops and creates of objects kept verbatim between the two models.
    pub(super) fn verbatim_redo(&mut self) -> Redo {
        let changes = verbatim_changes(&self.old.verbatim, &self.new.verbatim);
        let touched = touched_tables(self.old, self.new, &self.rebuilt_enums());
        let mut dropped: BTreeSet<(String, String)> = changes
            .removed
            .iter()
            .map(|o| o.key())
            .chain(changes.changed.iter().map(|(o, _)| o.key()))
            .collect();
        // Dependants, to a fixed point: what reads a touched table or a dropped object.
        let old_objects: Vec<&VerbatimSql> = self
            .old
            .verbatim
            .iter()
            .filter(|o| redefinable(o))
            .collect();
        loop {
            let before = dropped.len();
            for object in &old_objects {
                if dropped.contains(&object.key()) {
                    continue;
                }
                let reads_table = touched.iter().any(|t| object.mentions(t));
                let reads_dropped = dropped
                    .iter()
                    .any(|(_, name)| object.mentions(name.rsplit('.').next().unwrap_or(name)));
                if reads_table || reads_dropped {
                    dropped.insert(object.key());
                }
            }
            if dropped.len() == before {
                break;
            }
        }
        let mut redo = Redo::default();
        for object in old_objects.iter().rev() {
            if dropped.contains(&object.key()) && self.written_here(object) {
                match self.drop_statement(object) {
                    Some(statement) => redo.drops.push(statement),
                    None => self.cx.lose(
                        format!("{} {}", object.kind, object.name),
                        "cannot be dropped in this dialect; drop it by hand".to_string(),
                    ),
                }
            }
        }
        let added: BTreeSet<_> = changes.added.iter().map(|o| o.key()).collect();
        for object in self.new.verbatim.iter().filter(|o| redefinable(o)) {
            let key = object.key();
            if !(added.contains(&key) || dropped.contains(&key)) {
                continue;
            }
            if self.written_here(object) {
                let text = self.dialect.verbatim(&object.sql);
                let sep = self.dialect.separator();
                redo.creates
                    .push(text.strip_suffix(sep).unwrap_or(&text).to_string());
            } else {
                self.cx.lose(
                    format!("{} {}", object.kind, object.name),
                    format!(
                        "written for {}, not {}; left out",
                        object.dialect,
                        self.dialect.name()
                    ),
                );
            }
        }
        if !redo.drops.is_empty() {
            redo.drops.insert(
                0,
                "-- Views, routines and triggers kept as written: dropped before the tables \
                 change, created again after"
                    .to_string(),
            );
        }
        redo
    }

    fn written_here(&self, object: &VerbatimSql) -> bool {
        object.dialect == self.dialect.dialect()
    }

    /// `DROP VIEW v`, `DROP TRIGGER t ON table` (PostgreSQL)…; `None` where the dialect has no
    /// such object or its table cannot be read from the statement.
    fn drop_statement(&self, object: &VerbatimSql) -> Option<String> {
        let kind = object.kind.to_ascii_uppercase();
        let dialect = self.dialect.dialect();
        if dialect == Dialect::Sqlite && !matches!(kind.as_str(), "VIEW" | "TRIGGER") {
            return None;
        }
        let parts = name_parts(&object.name);
        if kind == "TRIGGER" && dialect == Dialect::Postgres {
            // A PostgreSQL trigger's name is its table's, never schema-qualified.
            let name = self.written(std::slice::from_ref(parts.last()?));
            let table = self.written(&object.trigger_table()?);
            return Some(format!("DROP TRIGGER {name} ON {table}"));
        }
        Some(format!("DROP {kind} {}", self.written(&parts)))
    }

    /// A name read from a statement, written through the dialect's quoting: an unquoted part
    /// is folded to lower case where the server folds it (PostgreSQL).
    fn written(&self, parts: &[NamePart]) -> String {
        parts
            .iter()
            .map(|p| {
                if !p.quoted && self.dialect.dialect() == Dialect::Postgres {
                    self.dialect.ident(&p.text.to_lowercase())
                } else {
                    self.dialect.ident(&p.text)
                }
            })
            .collect::<Vec<_>>()
            .join(".")
    }
}

fn redefinable(object: &VerbatimSql) -> bool {
    crate::model::verbatim::REDEFINABLE.contains(&object.kind.to_lowercase().as_str())
}

/// The old names of the tables a view may no longer read as it did: dropped, renamed, or with
/// columns, keys or constraints changed (SQLite rebuilds such a table, which drops its
/// triggers).
fn touched_tables(
    old: &Schema,
    new: &Schema,
    rebuilt: &BTreeSet<crate::model::EnumId>,
) -> Vec<String> {
    let new_tables: BTreeMap<_, &Table> = new.tables.iter().map(|t| (t.id, t)).collect();
    // A column of a rebuilt type changes type twice (to the new type, the old one dropped): a
    // view reading it would stop both.
    let of_rebuilt = |t: &Table| {
        t.columns.iter().any(|c| match c.data_type {
            crate::model::DataType::Enum(id) => rebuilt.contains(&id),
            _ => false,
        })
    };
    old.tables
        .iter()
        .filter(|t| match new_tables.get(&t.id) {
            None => true,
            Some(now) => {
                of_rebuilt(t)
                    || t.name != now.name
                    || t.schema != now.schema
                    || t.columns != now.columns
                    || t.primary_key != now.primary_key
                    || t.uniques != now.uniques
                    || t.foreign_keys != now.foreign_keys
                    || t.checks != now.checks
            }
        })
        .map(|t| t.name.clone())
        .collect()
}
