//! Every change to a model, as a value that can be applied and undone.
//!
//! [`Edit::apply`] changes the schema and returns the edit that undoes it, so undo/redo is two
//! stacks of edits and nothing else. The GUI, the importer's clean-ups and the tests all change a
//! model this way. An edit that would break an invariant of [`super::integrity`] (a dangling
//! reference, a reused id, a non-finite position) is refused and leaves the schema untouched.
//!
//! Removals cascade the way a user expects from a modelling tool: removing a column also removes
//! the keys, foreign keys and indexes that use it (as `DROP COLUMN … CASCADE` would), and the
//! returned inverse puts all of them back.

use super::check_settings::CheckSettings;
use super::diagram::{Group, Note, Point};
use super::enum_type::EnumType;
use super::ids::{
    ColumnId, ConstraintId, EnumId, FdId, GroupId, IndexId, NoteId, QueryId, TableId,
};
use super::integrity::table_problems;
use super::schema::Schema;
use super::table::{
    CheckConstraint, Column, ForeignKey, FunctionalDependency, Index, IndexTarget, PrimaryKey,
    Table, TableInfo, UniqueConstraint,
};
use super::workload::Query;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One reversible change to a [`Schema`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Sets the model's title and description.
    SetModelInfo {
        /// New title.
        name: String,
        /// New description.
        comment: String,
    },
    /// Replaces the validator's settings (rule levels, naming, targets, accepted findings).
    SetCheckSettings(Box<CheckSettings>),
    /// Replaces the review comment threads (adding, answering, resolving, deleting one).
    SetComments(Vec<crate::model::review::Thread>),
    /// Replaces the named views (adding, removing, changing one, moving a table in one).
    SetViews(Vec<crate::model::views::View>),
    /// Replaces the views, routines and triggers kept as SQL (adding, removing, rewriting one).
    SetVerbatim(Vec<crate::model::VerbatimSql>),
    /// Sets the template new tables start from (`None`: the built-in one).
    SetTableTemplate(Option<crate::model::template::TableTemplate>),
    /// Inserts a table (with everything it holds) at `index` in the table list.
    AddTable {
        /// The table, its ids allocated from the schema.
        table: Table,
        /// Position in [`Schema::tables`]; clamped to the end.
        index: usize,
    },
    /// Removes a table and the foreign keys of other tables that reference it.
    RemoveTable {
        /// Which table.
        table: TableId,
    },
    /// Replaces a table's header fields (rename, move to another schema, comment, group…).
    SetTableInfo {
        /// Which table.
        table: TableId,
        /// The new header.
        info: TableInfo,
    },
    /// Moves tables and notes to absolute positions (one drag of a selection).
    MoveItems {
        /// New top-left corners of tables.
        tables: Vec<(TableId, Point)>,
        /// New top-left corners of notes.
        notes: Vec<(NoteId, Point)>,
    },
    /// Inserts a column at `index` in its table.
    AddColumn {
        /// Owning table.
        table: TableId,
        /// The column.
        column: Column,
        /// Position among the table's columns; clamped to the end.
        index: usize,
    },
    /// Removes a column and the keys, foreign keys, indexes and dependencies that use it.
    RemoveColumn {
        /// Which column.
        column: ColumnId,
    },
    /// Replaces a column's attributes (name, type, nullability, default…), keeping its id.
    SetColumn {
        /// The column with its new attributes.
        column: Column,
    },
    /// Moves a column to another position in its table.
    MoveColumn {
        /// Which column.
        column: ColumnId,
        /// New position; clamped to the last.
        index: usize,
    },
    /// Sets or clears a table's primary key.
    SetPrimaryKey {
        /// Which table.
        table: TableId,
        /// The new key.
        primary_key: Option<PrimaryKey>,
    },
    /// Adds a UNIQUE constraint.
    AddUnique {
        /// Owning table.
        table: TableId,
        /// The constraint.
        unique: UniqueConstraint,
        /// Position in the table's list.
        index: usize,
    },
    /// Removes a UNIQUE constraint.
    RemoveUnique {
        /// Which constraint.
        unique: ConstraintId,
    },
    /// Replaces a UNIQUE constraint with the same id.
    SetUnique {
        /// The new constraint.
        unique: UniqueConstraint,
    },
    /// Adds a foreign key.
    AddForeignKey {
        /// Referencing table.
        table: TableId,
        /// The foreign key.
        foreign_key: ForeignKey,
        /// Position in the table's list.
        index: usize,
    },
    /// Removes a foreign key.
    RemoveForeignKey {
        /// Which foreign key.
        foreign_key: ConstraintId,
    },
    /// Replaces a foreign key with the same id.
    SetForeignKey {
        /// The new foreign key.
        foreign_key: ForeignKey,
    },
    /// Adds a CHECK constraint.
    AddCheck {
        /// Owning table.
        table: TableId,
        /// The constraint.
        check: CheckConstraint,
        /// Position in the table's list.
        index: usize,
    },
    /// Removes a CHECK constraint.
    RemoveCheck {
        /// Which constraint.
        check: ConstraintId,
    },
    /// Replaces a CHECK constraint with the same id.
    SetCheck {
        /// The new constraint.
        check: CheckConstraint,
    },
    /// Adds an index.
    AddIndex {
        /// Owning table.
        table: TableId,
        /// The index.
        index_def: Index,
        /// Position in the table's list.
        index: usize,
    },
    /// Removes an index.
    RemoveIndex {
        /// Which index.
        index_id: IndexId,
    },
    /// Replaces an index with the same id.
    SetIndex {
        /// The new index.
        index_def: Index,
    },
    /// Declares a functional dependency.
    AddDependency {
        /// Owning table.
        table: TableId,
        /// The dependency.
        dependency: FunctionalDependency,
        /// Position in the table's list.
        index: usize,
    },
    /// Removes a functional dependency.
    RemoveDependency {
        /// Which dependency.
        dependency: FdId,
    },
    /// Replaces a functional dependency with the same id.
    SetDependency {
        /// The new dependency.
        dependency: FunctionalDependency,
    },
    /// Adds an enum type.
    AddEnum {
        /// The type.
        enum_type: EnumType,
        /// Position in [`Schema::enums`].
        index: usize,
    },
    /// Removes an enum type no column uses.
    RemoveEnum {
        /// Which type.
        enum_type: EnumId,
    },
    /// Replaces an enum type with the same id.
    SetEnum {
        /// The new type.
        enum_type: EnumType,
    },
    /// Adds a group.
    AddGroup {
        /// The group.
        group: Group,
        /// Position in [`Schema::groups`].
        index: usize,
    },
    /// Removes a group; its tables stay, ungrouped.
    RemoveGroup {
        /// Which group.
        group: GroupId,
    },
    /// Replaces a group with the same id.
    SetGroup {
        /// The new group.
        group: Group,
    },
    /// Adds a note.
    AddNote {
        /// The note.
        note: Note,
        /// Position in [`Schema::notes`].
        index: usize,
    },
    /// Removes a note.
    RemoveNote {
        /// Which note.
        note: NoteId,
    },
    /// Replaces a note with the same id.
    SetNote {
        /// The new note.
        note: Note,
    },
    /// Adds a sample query.
    AddQuery {
        /// The query.
        query: Query,
        /// Position in [`Schema::queries`].
        index: usize,
    },
    /// Removes a sample query.
    RemoveQuery {
        /// Which query.
        query: QueryId,
    },
    /// Replaces a sample query with the same id.
    SetQuery {
        /// The new query.
        query: Query,
    },
    /// Several edits as one undo step, applied in order and undone in reverse; all or nothing.
    Batch(Vec<Edit>),
    /// Takes the next `ids` ids from the model's counter, then applies `edit`, which brings new
    /// objects with those ids. Code that only reads the model (a panel, the canvas) builds such
    /// an edit with [`IdAllocator::upcoming`](crate::model::ids::IdAllocator::upcoming) ids; the
    /// counter moves when the edit is applied, and stays (ids are never reused) when it is undone.
    Allocating {
        /// How many ids the edit brings.
        ids: u32,
        /// The edit.
        edit: Box<Edit>,
    },
}

/// Why an edit was refused. The schema is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The edit names an object that does not exist.
    #[error("there is no {kind} {id}")]
    Missing {
        /// Kind of object.
        kind: &'static str,
        /// Its id.
        id: String,
    },
    /// A new object reuses an id, or carries one the schema never allocated.
    #[error("{kind} id {id} is already in use or was never allocated")]
    IdNotFree {
        /// Kind of object.
        kind: &'static str,
        /// The id.
        id: String,
    },
    /// The result would break a structural invariant.
    #[error("{0}")]
    Invalid(String),
    /// The enum type is still the type of a column.
    #[error("enum type {enum_name:?} is still used by column {column:?}")]
    EnumInUse {
        /// The type's name.
        enum_name: String,
        /// A column using it (`table.column`).
        column: String,
    },
}

impl Edit {
    /// `edit`, bringing `ids` new ids from the counter (see [`Edit::Allocating`]).
    pub fn allocating(ids: u32, edit: Edit) -> Edit {
        Edit::Allocating {
            ids,
            edit: Box::new(edit),
        }
    }

    /// The edit `make` builds for `schema` with new ids from a copy of its counter, made one
    /// edit that takes those ids when it is applied ([`Edit::Allocating`]): how code that only
    /// reads the model brings new objects. `make` returns the edit and anything else it made.
    pub fn with_new_ids<R>(
        schema: &Schema,
        make: impl FnOnce(&mut super::ids::IdAllocator) -> (Edit, R),
    ) -> (Edit, R) {
        let mut ids = schema.ids.clone();
        let (edit, made) = make(&mut ids);
        let taken = ids.peek().saturating_sub(schema.ids.peek());
        let edit = if taken == 0 {
            edit
        } else {
            Edit::allocating(taken, edit)
        };
        (edit, made)
    }

    /// [`Edit::with_new_ids`] for a `make` that may fail.
    pub fn try_with_new_ids<E>(
        schema: &Schema,
        make: impl FnOnce(&mut super::ids::IdAllocator) -> Result<Edit, E>,
    ) -> Result<Edit, E> {
        let mut failed = None;
        let (edit, ()) = Edit::with_new_ids(schema, |ids| match make(ids) {
            Ok(edit) => (edit, ()),
            Err(error) => {
                failed = Some(error);
                (Edit::Batch(Vec::new()), ())
            }
        });
        match failed {
            Some(error) => Err(error),
            None => Ok(edit),
        }
    }

    /// Applies the edit and returns its inverse. On error the schema is left as it was.
    pub fn apply(self, schema: &mut Schema) -> Result<Edit, EditError> {
        self.apply_with(schema, NewIds::Scanned)
    }

    /// [`Edit::apply`] for an edit whose new ids the caller has just taken from `schema.ids`
    /// (the importer): it skips the scan of the whole model that proves them unused, which made
    /// importing thousands of tables quadratic. Debug builds, and so the tests, still scan.
    pub fn apply_new(self, schema: &mut Schema) -> Result<Edit, EditError> {
        self.apply_with(schema, NewIds::JustAllocated)
    }

    fn apply_with(self, schema: &mut Schema, ids: NewIds) -> Result<Edit, EditError> {
        match self {
            Edit::SetModelInfo { name, comment } => {
                let old_name = std::mem::replace(&mut schema.name, name);
                let old_comment = std::mem::replace(&mut schema.comment, comment);
                Ok(Edit::SetModelInfo {
                    name: old_name,
                    comment: old_comment,
                })
            }
            Edit::SetCheckSettings(settings) => Ok(Edit::SetCheckSettings(Box::new(
                std::mem::replace(&mut schema.check_settings, *settings),
            ))),
            Edit::SetComments(threads) => {
                let mut numbers: Vec<u32> = threads.iter().map(|t| t.number).collect();
                numbers.sort_unstable();
                if numbers.windows(2).any(|w| w[0] == w[1]) {
                    return Err(EditError::Invalid(
                        "two comment threads have the same number".to_string(),
                    ));
                }
                Ok(Edit::SetComments(std::mem::replace(
                    &mut schema.comments,
                    threads,
                )))
            }
            Edit::SetViews(views) => {
                let bad = views
                    .iter()
                    .flat_map(|v| &v.tables)
                    .any(|(_, p)| !p.is_finite())
                    || views
                        .iter()
                        .flat_map(|v| &v.notes)
                        .any(|(_, p)| !p.is_finite())
                    || views
                        .iter()
                        .any(|v| v.zoom.is_some_and(|z| !(z.is_finite() && z > 0.0)));
                if bad {
                    return Err(EditError::Invalid(
                        "view positions and zooms must be finite (zoom above 0)".to_string(),
                    ));
                }
                Ok(Edit::SetViews(std::mem::replace(&mut schema.views, views)))
            }
            Edit::SetVerbatim(objects) => Ok(Edit::SetVerbatim(std::mem::replace(
                &mut schema.verbatim,
                objects,
            ))),
            Edit::SetTableTemplate(template) => Ok(Edit::SetTableTemplate(std::mem::replace(
                &mut schema.table_template,
                template,
            ))),
            Edit::AddTable { table, index } => add_table(schema, table, index, ids),
            Edit::RemoveTable { table } => remove_table(schema, table),
            Edit::SetTableInfo { table, info } => set_table_info(schema, table, info),
            Edit::MoveItems { tables, notes } => move_items(schema, tables, notes),
            Edit::AddColumn {
                table,
                column,
                index,
            } => add_item(schema, table, column, index, ids),
            Edit::RemoveColumn { column } => remove_column(schema, column),
            Edit::SetColumn { column } => {
                set_item(schema, without_stale_native_type(schema, column))
            }
            Edit::MoveColumn { column, index } => move_column(schema, column, index),
            Edit::SetPrimaryKey { table, primary_key } => {
                set_primary_key(schema, table, primary_key, ids)
            }
            Edit::AddUnique {
                table,
                unique,
                index,
            } => add_item(schema, table, unique, index, ids),
            Edit::RemoveUnique { unique } => remove_item::<UniqueConstraint>(schema, unique),
            Edit::SetUnique { unique } => set_item(schema, unique),
            Edit::AddForeignKey {
                table,
                foreign_key,
                index,
            } => add_item(schema, table, foreign_key, index, ids),
            Edit::RemoveForeignKey { foreign_key } => {
                remove_item::<ForeignKey>(schema, foreign_key)
            }
            Edit::SetForeignKey { foreign_key } => set_item(schema, foreign_key),
            Edit::AddCheck {
                table,
                check,
                index,
            } => add_item(schema, table, check, index, ids),
            Edit::RemoveCheck { check } => remove_item::<CheckConstraint>(schema, check),
            Edit::SetCheck { check } => set_item(schema, check),
            Edit::AddIndex {
                table,
                index_def,
                index,
            } => add_item(schema, table, index_def, index, ids),
            Edit::RemoveIndex { index_id } => remove_item::<Index>(schema, index_id),
            Edit::SetIndex { index_def } => set_item(schema, index_def),
            Edit::AddDependency {
                table,
                dependency,
                index,
            } => add_item(schema, table, dependency, index, ids),
            Edit::RemoveDependency { dependency } => {
                remove_item::<FunctionalDependency>(schema, dependency)
            }
            Edit::SetDependency { dependency } => set_item(schema, dependency),
            Edit::AddEnum { enum_type, index } => add_top(schema, enum_type, index),
            Edit::RemoveEnum { enum_type } => remove_top::<EnumType>(schema, enum_type),
            Edit::SetEnum { enum_type } => set_top(schema, enum_type),
            Edit::AddGroup { group, index } => add_top(schema, group, index),
            Edit::RemoveGroup { group } => remove_top::<Group>(schema, group),
            Edit::SetGroup { group } => set_top(schema, group),
            Edit::AddNote { note, index } => add_top(schema, note, index),
            Edit::RemoveNote { note } => remove_top::<Note>(schema, note),
            Edit::SetNote { note } => set_top(schema, note),
            Edit::AddQuery { query, index } => add_top(schema, query, index),
            Edit::RemoveQuery { query } => remove_top::<Query>(schema, query),
            Edit::SetQuery { query } => set_top(schema, query),
            Edit::Batch(edits) => apply_batch(schema, edits, ids),
            Edit::Allocating { ids: count, edit } => {
                let before = schema.ids.clone();
                for _ in 0..count {
                    schema.ids.allocate::<u32>();
                }
                edit.apply_with(schema, ids)
                    .inspect_err(|_| schema.ids = before)
            }
        }
    }

    /// A short description for the undo menu ("Undo remove column").
    pub fn label(&self) -> &'static str {
        match self {
            Edit::SetModelInfo { .. } => "edit model details",
            Edit::SetCheckSettings(_) => "change check settings",
            Edit::SetComments(_) => "edit comments",
            Edit::SetViews(_) => "edit views",
            Edit::SetVerbatim(_) => "edit views and routines",
            Edit::SetTableTemplate(_) => "set the table template",
            Edit::AddTable { .. } => "add table",
            Edit::RemoveTable { .. } => "remove table",
            Edit::SetTableInfo { .. } => "edit table",
            Edit::MoveItems { .. } => "move",
            Edit::AddColumn { .. } => "add column",
            Edit::RemoveColumn { .. } => "remove column",
            Edit::SetColumn { .. } => "edit column",
            Edit::MoveColumn { .. } => "reorder columns",
            Edit::SetPrimaryKey { .. } => "set primary key",
            Edit::AddUnique { .. } => "add unique constraint",
            Edit::RemoveUnique { .. } => "remove unique constraint",
            Edit::SetUnique { .. } => "edit unique constraint",
            Edit::AddForeignKey { .. } => "add foreign key",
            Edit::RemoveForeignKey { .. } => "remove foreign key",
            Edit::SetForeignKey { .. } => "edit foreign key",
            Edit::AddCheck { .. } => "add check",
            Edit::RemoveCheck { .. } => "remove check",
            Edit::SetCheck { .. } => "edit check",
            Edit::AddIndex { .. } => "add index",
            Edit::RemoveIndex { .. } => "remove index",
            Edit::SetIndex { .. } => "edit index",
            Edit::AddDependency { .. } => "declare dependency",
            Edit::RemoveDependency { .. } => "remove dependency",
            Edit::SetDependency { .. } => "edit dependency",
            Edit::AddEnum { .. } => "add enum type",
            Edit::RemoveEnum { .. } => "remove enum type",
            Edit::SetEnum { .. } => "edit enum type",
            Edit::AddGroup { .. } => "add group",
            Edit::RemoveGroup { .. } => "remove group",
            Edit::SetGroup { .. } => "edit group",
            Edit::AddNote { .. } => "add note",
            Edit::RemoveNote { .. } => "remove note",
            Edit::SetNote { .. } => "edit note",
            Edit::AddQuery { .. } => "add query",
            Edit::RemoveQuery { .. } => "remove query",
            Edit::SetQuery { .. } => "edit query",
            Edit::Batch(edits) => match edits.as_slice() {
                [only] => only.label(),
                _ => "several changes",
            },
            Edit::Allocating { edit, .. } => edit.label(),
        }
    }
}

/// A column whose portable type is being changed, and whose source spelling is not, no longer
/// has that spelling: it stood for the old type.
fn without_stale_native_type(schema: &Schema, mut column: Column) -> Column {
    let old = schema
        .tables
        .iter()
        .flat_map(|t| &t.columns)
        .find(|c| c.id == column.id);
    if let Some(old) = old
        && old.data_type != column.data_type
        && old.native_type == column.native_type
    {
        column.native_type = None;
    }
    column
}

fn missing(kind: &'static str, id: impl fmt::Display) -> EditError {
    EditError::Missing {
        kind,
        id: id.to_string(),
    }
}

fn apply_batch(schema: &mut Schema, edits: Vec<Edit>, ids: NewIds) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply_with(schema, ids) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                // All or nothing: undo what this batch already did.
                for inverse in inverses.into_iter().rev() {
                    inverse
                        .apply(schema)
                        .expect("the inverse of an applied edit always applies");
                }
                return Err(error);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}

/// Refuses the change (after `rollback`) if the table now breaks an invariant.
fn verify_table(
    schema: &mut Schema,
    table: TableId,
    rollback: impl FnOnce(&mut Schema),
) -> Result<(), EditError> {
    let Some(owner) = schema.table(table) else {
        return Ok(());
    };
    match table_problems(schema, owner).into_iter().next() {
        None => Ok(()),
        Some(problem) => {
            rollback(schema);
            Err(EditError::Invalid(problem.to_string()))
        }
    }
}

fn id_allocated(schema: &Schema, raw: u32) -> bool {
    raw != 0 && raw < schema.ids.peek()
}

/// How an edit shows that the ids it brings are unused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NewIds {
    /// By scanning the model: user edits, undo, redo.
    Scanned,
    /// The caller has just taken them from `schema.ids` ([`Edit::apply_new`]).
    JustAllocated,
}

impl NewIds {
    /// Whether to scan the model for other users of an id.
    fn scan(self) -> bool {
        self == NewIds::Scanned || cfg!(debug_assertions)
    }
}

mod items;
mod structure;

use items::*;
use structure::*;

#[cfg(test)]
mod tests;
