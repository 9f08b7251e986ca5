//! Which tables an edit touched, so the checker compares only those instead of the whole
//! model. `None` means "could be anything": the checker then compares every table.

use crate::model::{ConstraintId, Edit, FdId, IndexId, Schema, TableId};

fn owner_of_constraint(schema: &Schema, id: ConstraintId) -> Option<TableId> {
    schema
        .tables
        .iter()
        .find(|t| {
            t.primary_key.as_ref().is_some_and(|k| k.id == id)
                || t.uniques.iter().any(|c| c.id == id)
                || t.foreign_keys.iter().any(|c| c.id == id)
                || t.checks.iter().any(|c| c.id == id)
        })
        .map(|t| t.id)
}

fn owner_of_index(schema: &Schema, id: IndexId) -> Option<TableId> {
    schema
        .tables
        .iter()
        .find(|t| t.indexes.iter().any(|i| i.id == id))
        .map(|t| t.id)
}

fn owner_of_dependency(schema: &Schema, id: FdId) -> Option<TableId> {
    schema
        .tables
        .iter()
        .find(|t| t.dependencies.iter().any(|d| d.id == id))
        .map(|t| t.id)
}

/// The tables `edit` changes when applied to (or just applied on) `schema`. Call it with the
/// edit and with its inverse, against the model after the change: between them every object
/// is named by an id that still resolves.
pub fn tables_touched(edit: &Edit, schema: &Schema) -> Option<Vec<TableId>> {
    let one = |t: Option<TableId>| Some(t.into_iter().collect::<Vec<_>>());
    match edit {
        Edit::SetModelInfo { .. }
        | Edit::MoveItems { .. }
        | Edit::AddNote { .. }
        | Edit::RemoveNote { .. }
        | Edit::SetNote { .. }
        | Edit::AddGroup { .. }
        | Edit::SetGroup { .. }
        | Edit::AddQuery { .. }
        | Edit::RemoveQuery { .. }
        | Edit::SetQuery { .. } => Some(Vec::new()),
        // Settings reset the checker; enum and group removals reach into many tables, and the
        // views and triggers kept as SQL are read by checks of any table.
        Edit::SetComments(_) | Edit::SetViews(_) | Edit::SetTableTemplate(_) => Some(Vec::new()),
        Edit::SetCheckSettings(_)
        | Edit::SetVerbatim(_)
        | Edit::AddEnum { .. }
        | Edit::RemoveEnum { .. }
        | Edit::SetEnum { .. }
        | Edit::RemoveGroup { .. } => None,
        Edit::AddTable { table, .. } => Some(vec![table.id]),
        Edit::RemoveTable { table }
        | Edit::SetTableInfo { table, .. }
        | Edit::AddColumn { table, .. }
        | Edit::SetPrimaryKey { table, .. }
        | Edit::AddUnique { table, .. }
        | Edit::AddForeignKey { table, .. }
        | Edit::AddCheck { table, .. }
        | Edit::AddIndex { table, .. }
        | Edit::AddDependency { table, .. } => Some(vec![*table]),
        Edit::RemoveColumn { column } | Edit::MoveColumn { column, .. } => {
            one(schema.table_of_column(*column))
        }
        Edit::SetColumn { column } => one(schema.table_of_column(column.id)),
        Edit::RemoveUnique { unique } => one(owner_of_constraint(schema, *unique)),
        Edit::SetUnique { unique } => one(owner_of_constraint(schema, unique.id)),
        Edit::RemoveForeignKey { foreign_key } => one(owner_of_constraint(schema, *foreign_key)),
        Edit::SetForeignKey { foreign_key } => one(owner_of_constraint(schema, foreign_key.id)),
        Edit::RemoveCheck { check } => one(owner_of_constraint(schema, *check)),
        Edit::SetCheck { check } => one(owner_of_constraint(schema, check.id)),
        Edit::RemoveIndex { index_id } => one(owner_of_index(schema, *index_id)),
        Edit::SetIndex { index_def } => one(owner_of_index(schema, index_def.id)),
        Edit::RemoveDependency { dependency } => one(owner_of_dependency(schema, *dependency)),
        Edit::SetDependency { dependency } => one(owner_of_dependency(schema, dependency.id)),
        Edit::Allocating { edit, .. } => tables_touched(edit, schema),
        Edit::Batch(edits) => {
            let mut all = Vec::new();
            for e in edits {
                all.extend(tables_touched(e, schema)?);
            }
            Some(all)
        }
    }
}
