//! What a comparison marks on a diagram: added and changed tables and columns of the new model,
//! and the tables the old one had that the new one lacks. The canvas and `diff --format png`
//! draw the same marks.

use super::{Change, ChangeKind, Comparison};
use crate::model::{ColumnId, Schema, TableId};
use std::collections::HashMap;

/// How a table or column differs from the other version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Only in the new model.
    Added,
    /// In both, different (renamed, retyped, or something inside it changed).
    Changed,
}

/// The marks of one comparison.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    /// Tables of the old model that the new one no longer has (ids of the old model).
    pub removed: Vec<TableId>,
    /// Added or changed tables of the new model, with what changed in them.
    pub tables: HashMap<TableId, (Mark, Vec<String>)>,
    /// Added or changed columns of the new model, with what changed.
    pub columns: HashMap<ColumnId, (Mark, String)>,
}

impl Marks {
    /// The marks of `comparison`, made from `old` to `new`.
    pub fn of(comparison: &Comparison, old: &Schema, new: &Schema) -> Marks {
        let by_name = |schema: &Schema, name: &str| {
            schema
                .tables
                .iter()
                .find(|t| t.qualified_name() == name)
                .map(|t| t.id)
        };
        let mut marks = Marks::default();
        for change in &comparison.changes {
            if change.object == "enum" {
                continue;
            }
            if change.object == "table" && change.kind == ChangeKind::Removed {
                marks.removed.extend(by_name(old, &change.table));
                continue;
            }
            let Some(table) = by_name(new, &change.table) else {
                continue;
            };
            let added_table = change.object == "table" && change.kind == ChangeKind::Added;
            let entry = marks
                .tables
                .entry(table)
                .or_insert((Mark::Changed, Vec::new()));
            if added_table {
                entry.0 = Mark::Added;
            }
            entry.1.push(describe(change));
            if change.object == "column"
                && change.kind != ChangeKind::Removed
                && let Some(column) = new
                    .table(table)
                    .and_then(|t| t.columns.iter().find(|c| c.name == change.name))
            {
                let mark = if change.kind == ChangeKind::Added {
                    Mark::Added
                } else {
                    Mark::Changed
                };
                marks.columns.insert(column.id, (mark, describe(change)));
            }
        }
        marks
    }
}

/// One line for a change: `changed column amount: type integer → bigint`.
pub fn describe(change: &Change) -> String {
    let mut line = format!(
        "{} {} {}",
        change.kind.as_str(),
        change.object.replace('_', " "),
        change.name
    );
    if !change.detail.is_empty() {
        line.push_str(": ");
        line.push_str(&change.detail);
    }
    line
}
