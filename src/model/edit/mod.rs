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
    /// Applies the edit and returns its inverse. On error the schema is left as it was.
    pub fn apply(self, schema: &mut Schema) -> Result<Edit, EditError> {
        match self {
            Edit::SetModelInfo { name, comment } => {
                let old_name = std::mem::replace(&mut schema.name, name);
                let old_comment = std::mem::replace(&mut schema.comment, comment);
                Ok(Edit::SetModelInfo {
                    name: old_name,
                    comment: old_comment,
                })
            }
            Edit::AddTable { table, index } => add_table(schema, table, index),
            Edit::RemoveTable { table } => remove_table(schema, table),
            Edit::SetTableInfo { table, info } => set_table_info(schema, table, info),
            Edit::MoveItems { tables, notes } => move_items(schema, tables, notes),
            Edit::AddColumn {
                table,
                column,
                index,
            } => add_item(schema, table, column, index),
            Edit::RemoveColumn { column } => remove_column(schema, column),
            Edit::SetColumn { column } => set_item(schema, column),
            Edit::MoveColumn { column, index } => move_column(schema, column, index),
            Edit::SetPrimaryKey { table, primary_key } => {
                set_primary_key(schema, table, primary_key)
            }
            Edit::AddUnique {
                table,
                unique,
                index,
            } => add_item(schema, table, unique, index),
            Edit::RemoveUnique { unique } => remove_item::<UniqueConstraint>(schema, unique),
            Edit::SetUnique { unique } => set_item(schema, unique),
            Edit::AddForeignKey {
                table,
                foreign_key,
                index,
            } => add_item(schema, table, foreign_key, index),
            Edit::RemoveForeignKey { foreign_key } => {
                remove_item::<ForeignKey>(schema, foreign_key)
            }
            Edit::SetForeignKey { foreign_key } => set_item(schema, foreign_key),
            Edit::AddCheck {
                table,
                check,
                index,
            } => add_item(schema, table, check, index),
            Edit::RemoveCheck { check } => remove_item::<CheckConstraint>(schema, check),
            Edit::SetCheck { check } => set_item(schema, check),
            Edit::AddIndex {
                table,
                index_def,
                index,
            } => add_item(schema, table, index_def, index),
            Edit::RemoveIndex { index_id } => remove_item::<Index>(schema, index_id),
            Edit::SetIndex { index_def } => set_item(schema, index_def),
            Edit::AddDependency {
                table,
                dependency,
                index,
            } => add_item(schema, table, dependency, index),
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
            Edit::Batch(edits) => apply_batch(schema, edits),
        }
    }

    /// A short description for the undo menu ("Undo remove column").
    pub fn label(&self) -> &'static str {
        match self {
            Edit::SetModelInfo { .. } => "edit model details",
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
        }
    }
}

fn missing(kind: &'static str, id: impl fmt::Display) -> EditError {
    EditError::Missing {
        kind,
        id: id.to_string(),
    }
}

fn apply_batch(schema: &mut Schema, edits: Vec<Edit>) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(schema) {
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

// ---------------------------------------------------------------------------------------------
// Tables

fn add_table(schema: &mut Schema, table: Table, index: usize) -> Result<Edit, EditError> {
    let id = table.id;
    let in_use = schema.table(id).is_some() || !id_allocated(schema, id.0);
    if in_use {
        return Err(EditError::IdNotFree {
            kind: "table",
            id: id.to_string(),
        });
    }
    for column in &table.columns {
        require_free::<Column>(schema, column.id)?;
    }
    if let Some(pk) = &table.primary_key {
        require_free::<UniqueConstraint>(schema, pk.id)?;
    }
    for unique in &table.uniques {
        require_free::<UniqueConstraint>(schema, unique.id)?;
    }
    for fk in &table.foreign_keys {
        require_free::<ForeignKey>(schema, fk.id)?;
    }
    for check in &table.checks {
        require_free::<CheckConstraint>(schema, check.id)?;
    }
    for index_def in &table.indexes {
        require_free::<Index>(schema, index_def.id)?;
    }
    for fd in &table.dependencies {
        require_free::<FunctionalDependency>(schema, fd.id)?;
    }
    let at = index.min(schema.tables.len());
    schema.tables.insert(at, table);
    verify_table(schema, id, |schema| {
        schema.tables.remove(at);
    })?;
    Ok(Edit::RemoveTable { table: id })
}

fn remove_table(schema: &mut Schema, id: TableId) -> Result<Edit, EditError> {
    let inbound: Vec<Edit> = schema
        .foreign_keys_into(id)
        .filter(|(table, _)| table.id != id)
        .map(|(_, fk)| Edit::RemoveForeignKey { foreign_key: fk.id })
        .collect();
    if !inbound.is_empty() {
        let mut edits = inbound;
        edits.push(Edit::RemoveTable { table: id });
        return apply_batch(schema, edits);
    }
    let at = schema
        .tables
        .iter()
        .position(|t| t.id == id)
        .ok_or_else(|| missing("table", id))?;
    let table = schema.tables.remove(at);
    Ok(Edit::AddTable { table, index: at })
}

fn set_table_info(schema: &mut Schema, id: TableId, info: TableInfo) -> Result<Edit, EditError> {
    if let Some(group) = info.group
        && schema.group(group).is_none()
    {
        return Err(missing("group", group));
    }
    let table = schema.table_mut(id).ok_or_else(|| missing("table", id))?;
    let old = table.replace_info(info);
    Ok(Edit::SetTableInfo {
        table: id,
        info: old,
    })
}

fn move_items(
    schema: &mut Schema,
    tables: Vec<(TableId, Point)>,
    notes: Vec<(NoteId, Point)>,
) -> Result<Edit, EditError> {
    if let Some((_, point)) = tables
        .iter()
        .map(|(_, p)| ((), p))
        .chain(notes.iter().map(|(_, p)| ((), p)))
        .find(|(_, p)| !p.is_finite())
    {
        return Err(EditError::Invalid(format!(
            "cannot move to a non-finite position ({}, {})",
            point.x, point.y
        )));
    }
    for (id, _) in &tables {
        schema.table(*id).ok_or_else(|| missing("table", id))?;
    }
    for (id, _) in &notes {
        schema.note(*id).ok_or_else(|| missing("note", id))?;
    }
    let mut old_tables = Vec::with_capacity(tables.len());
    for (id, point) in tables {
        if let Some(table) = schema.table_mut(id) {
            old_tables.push((id, std::mem::replace(&mut table.position, point)));
        }
    }
    let mut old_notes = Vec::with_capacity(notes.len());
    for (id, point) in notes {
        if let Some(note) = schema.notes.iter_mut().find(|n| n.id == id) {
            old_notes.push((id, std::mem::replace(&mut note.position, point)));
        }
    }
    // Restore in reverse so a list that names one item twice comes back to the first position.
    old_tables.reverse();
    old_notes.reverse();
    Ok(Edit::MoveItems {
        tables: old_tables,
        notes: old_notes,
    })
}

fn set_primary_key(
    schema: &mut Schema,
    id: TableId,
    primary_key: Option<PrimaryKey>,
) -> Result<Edit, EditError> {
    let current = schema
        .table(id)
        .ok_or_else(|| missing("table", id))?
        .primary_key
        .as_ref()
        .map(|pk| pk.id);
    if let Some(pk) = &primary_key
        && current != Some(pk.id)
    {
        require_free::<UniqueConstraint>(schema, pk.id)?;
    }
    let table = schema.table_mut(id).ok_or_else(|| missing("table", id))?;
    let old = std::mem::replace(&mut table.primary_key, primary_key);
    let restore = old.clone();
    verify_table(schema, id, move |schema| {
        if let Some(table) = schema.table_mut(id) {
            table.primary_key = restore;
        }
    })?;
    Ok(Edit::SetPrimaryKey {
        table: id,
        primary_key: old,
    })
}

// ---------------------------------------------------------------------------------------------
// Columns

fn remove_column(schema: &mut Schema, id: ColumnId) -> Result<Edit, EditError> {
    let (table, _) = schema.column(id).ok_or_else(|| missing("column", id))?;
    let dependents = column_dependents(schema, table, id);
    if !dependents.is_empty() {
        let mut edits = dependents;
        edits.push(Edit::RemoveColumn { column: id });
        return apply_batch(schema, edits);
    }
    remove_item::<Column>(schema, id)
}

/// The edits that must go before removing `column` so nothing references it.
fn column_dependents(schema: &Schema, table: &Table, column: ColumnId) -> Vec<Edit> {
    let mut edits = Vec::new();
    if table.is_primary_key_column(column) {
        edits.push(Edit::SetPrimaryKey {
            table: table.id,
            primary_key: None,
        });
    }
    for unique in table.uniques.iter().filter(|u| u.columns.contains(&column)) {
        edits.push(Edit::RemoveUnique { unique: unique.id });
    }
    for other in &schema.tables {
        for fk in &other.foreign_keys {
            let outgoing = other.id == table.id && fk.columns.contains(&column);
            if outgoing || fk.referenced_columns.contains(&column) {
                edits.push(Edit::RemoveForeignKey { foreign_key: fk.id });
            }
        }
    }
    let name = table.column(column).map(|c| c.name.as_str()).unwrap_or("");
    for check in table
        .checks
        .iter()
        .filter(|c| mentions(&c.expression, name))
    {
        edits.push(Edit::RemoveCheck { check: check.id });
    }
    for index in &table.indexes {
        let keyed = index.keys.iter().any(|k| match &k.target {
            IndexTarget::Column(id) => *id == column,
            IndexTarget::Expression(sql) => mentions(sql, name),
        });
        if keyed || index.include.contains(&column) {
            edits.push(Edit::RemoveIndex { index_id: index.id });
        }
    }
    for fd in &table.dependencies {
        if fd.lhs.contains(&column) || fd.rhs == [column] {
            edits.push(Edit::RemoveDependency { dependency: fd.id });
        } else if fd.rhs.contains(&column) {
            // A → BC implies A → B: keep what still holds.
            let mut narrowed = fd.clone();
            narrowed.rhs.retain(|c| *c != column);
            edits.push(Edit::SetDependency {
                dependency: narrowed,
            });
        }
    }
    edits
}

/// Whether an SQL expression names the column: the name as a whole word, bare or quoted. A
/// string literal holding the same word is a false match, which only removes a check that the
/// user can undo.
fn mentions(expression: &str, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let lower = expression.to_lowercase();
    let name = name.to_lowercase();
    lower.match_indices(&name).any(|(at, _)| {
        let before = lower[..at].chars().next_back();
        let after = lower[at + name.len()..].chars().next();
        before.is_none_or(|c| !is_word(c)) && after.is_none_or(|c| !is_word(c))
    })
}

fn move_column(schema: &mut Schema, id: ColumnId, index: usize) -> Result<Edit, EditError> {
    let table_id = schema
        .table_of_column(id)
        .ok_or_else(|| missing("column", id))?;
    let table = schema
        .table_mut(table_id)
        .ok_or_else(|| missing("table", table_id))?;
    let from = table
        .columns
        .iter()
        .position(|c| c.id == id)
        .ok_or_else(|| missing("column", id))?;
    let column = table.columns.remove(from);
    let to = index.min(table.columns.len());
    table.columns.insert(to, column);
    Ok(Edit::MoveColumn {
        column: id,
        index: from,
    })
}

// ---------------------------------------------------------------------------------------------
// Items that live in a table: one generic add/remove/set for all of them.

trait TableItem: Clone + Sized {
    type Id: Copy + PartialEq + fmt::Display + Into<u32>;
    const KIND: &'static str;
    fn item_id(&self) -> Self::Id;
    fn list(table: &Table) -> &Vec<Self>;
    fn list_mut(table: &mut Table) -> &mut Vec<Self>;
    fn add_edit(table: TableId, item: Self, index: usize) -> Edit;
    fn remove_edit(id: Self::Id) -> Edit;
    fn set_edit(item: Self) -> Edit;

    /// Whether another object already has this id. Constraints of all kinds share one space.
    fn id_taken(schema: &Schema, id: Self::Id) -> bool {
        owner_of::<Self>(schema, id).is_some()
    }
}

fn owner_of<T: TableItem>(schema: &Schema, id: T::Id) -> Option<TableId> {
    schema
        .tables
        .iter()
        .find(|t| T::list(t).iter().any(|item| item.item_id() == id))
        .map(|t| t.id)
}

fn constraint_id_taken(schema: &Schema, id: ConstraintId) -> bool {
    schema.tables.iter().any(|t| {
        t.primary_key.as_ref().is_some_and(|pk| pk.id == id)
            || t.uniques.iter().any(|c| c.id == id)
            || t.foreign_keys.iter().any(|c| c.id == id)
            || t.checks.iter().any(|c| c.id == id)
    })
}

fn require_free<T: TableItem>(schema: &Schema, id: T::Id) -> Result<(), EditError> {
    if T::id_taken(schema, id) || !id_allocated(schema, id.into()) {
        return Err(EditError::IdNotFree {
            kind: T::KIND,
            id: id.to_string(),
        });
    }
    Ok(())
}

fn add_item<T: TableItem>(
    schema: &mut Schema,
    table: TableId,
    item: T,
    index: usize,
) -> Result<Edit, EditError> {
    let id = item.item_id();
    require_free::<T>(schema, id)?;
    let owner = schema
        .table_mut(table)
        .ok_or_else(|| missing("table", table))?;
    let list = T::list_mut(owner);
    let at = index.min(list.len());
    list.insert(at, item);
    verify_table(schema, table, |schema| {
        if let Some(owner) = schema.table_mut(table) {
            T::list_mut(owner).remove(at);
        }
    })?;
    Ok(T::remove_edit(id))
}

fn remove_item<T: TableItem>(schema: &mut Schema, id: T::Id) -> Result<Edit, EditError> {
    let table = owner_of::<T>(schema, id).ok_or_else(|| missing(T::KIND, id))?;
    let owner = schema
        .table_mut(table)
        .ok_or_else(|| missing("table", table))?;
    let list = T::list_mut(owner);
    let at = list
        .iter()
        .position(|item| item.item_id() == id)
        .ok_or_else(|| missing(T::KIND, id))?;
    let item = list.remove(at);
    Ok(T::add_edit(table, item, at))
}

fn set_item<T: TableItem>(schema: &mut Schema, item: T) -> Result<Edit, EditError> {
    let id = item.item_id();
    let table = owner_of::<T>(schema, id).ok_or_else(|| missing(T::KIND, id))?;
    let owner = schema
        .table_mut(table)
        .ok_or_else(|| missing("table", table))?;
    let slot = T::list_mut(owner)
        .iter_mut()
        .find(|existing| existing.item_id() == id)
        .ok_or_else(|| missing(T::KIND, id))?;
    let old = std::mem::replace(slot, item);
    let restore = old.clone();
    verify_table(schema, table, move |schema| {
        if let Some(slot) = schema
            .table_mut(table)
            .and_then(|owner| T::list_mut(owner).iter_mut().find(|i| i.item_id() == id))
        {
            *slot = restore;
        }
    })?;
    Ok(T::set_edit(old))
}

macro_rules! table_item {
    ($type:ty, $id:ty, $kind:literal, $field:ident,
     add: |$at_table:ident, $add_item:ident, $at:ident| $add:expr,
     remove: |$rm_id:ident| $remove:expr,
     set: |$set_item:ident| $set:expr,
     taken: $taken:expr) => {
        impl TableItem for $type {
            type Id = $id;
            const KIND: &'static str = $kind;
            fn item_id(&self) -> $id {
                self.id
            }
            fn list(table: &Table) -> &Vec<Self> {
                &table.$field
            }
            fn list_mut(table: &mut Table) -> &mut Vec<Self> {
                &mut table.$field
            }
            fn add_edit($at_table: TableId, $add_item: Self, $at: usize) -> Edit {
                $add
            }
            fn remove_edit($rm_id: $id) -> Edit {
                $remove
            }
            fn set_edit($set_item: Self) -> Edit {
                $set
            }
            fn id_taken(schema: &Schema, id: $id) -> bool {
                let taken: fn(&Schema, $id) -> bool = $taken;
                taken(schema, id)
            }
        }
    };
}

table_item!(Column, ColumnId, "column", columns,
    add: |table, column, index| Edit::AddColumn { table, column, index },
    remove: |column| Edit::RemoveColumn { column },
    set: |column| Edit::SetColumn { column },
    taken: |schema, id| schema.column(id).is_some());
table_item!(UniqueConstraint, ConstraintId, "unique constraint", uniques,
    add: |table, unique, index| Edit::AddUnique { table, unique, index },
    remove: |unique| Edit::RemoveUnique { unique },
    set: |unique| Edit::SetUnique { unique },
    taken: constraint_id_taken);
table_item!(ForeignKey, ConstraintId, "foreign key", foreign_keys,
    add: |table, foreign_key, index| Edit::AddForeignKey { table, foreign_key, index },
    remove: |foreign_key| Edit::RemoveForeignKey { foreign_key },
    set: |foreign_key| Edit::SetForeignKey { foreign_key },
    taken: constraint_id_taken);
table_item!(CheckConstraint, ConstraintId, "check constraint", checks,
    add: |table, check, index| Edit::AddCheck { table, check, index },
    remove: |check| Edit::RemoveCheck { check },
    set: |check| Edit::SetCheck { check },
    taken: constraint_id_taken);
table_item!(Index, IndexId, "index", indexes,
    add: |table, index_def, index| Edit::AddIndex { table, index_def, index },
    remove: |index_id| Edit::RemoveIndex { index_id },
    set: |index_def| Edit::SetIndex { index_def },
    taken: |schema, id| owner_of::<Index>(schema, id).is_some());
table_item!(FunctionalDependency, FdId, "functional dependency", dependencies,
    add: |table, dependency, index| Edit::AddDependency { table, dependency, index },
    remove: |dependency| Edit::RemoveDependency { dependency },
    set: |dependency| Edit::SetDependency { dependency },
    taken: |schema, id| owner_of::<FunctionalDependency>(schema, id).is_some());

// ---------------------------------------------------------------------------------------------
// Items that live at the top of the schema.

trait SchemaItem: Clone + Sized {
    type Id: Copy + PartialEq + fmt::Display + Into<u32>;
    const KIND: &'static str;
    fn item_id(&self) -> Self::Id;
    fn list(schema: &Schema) -> &Vec<Self>;
    fn list_mut(schema: &mut Schema) -> &mut Vec<Self>;
    fn add_edit(item: Self, index: usize) -> Edit;
    fn remove_edit(id: Self::Id) -> Edit;
    fn set_edit(item: Self) -> Edit;

    /// Why the item itself is unsound, if it is.
    fn problem(&self) -> Option<String> {
        None
    }

    /// What must change elsewhere before the item can go, or why it cannot.
    fn dependents(_schema: &Schema, _id: Self::Id) -> Result<Vec<Edit>, EditError> {
        Ok(Vec::new())
    }
}

fn add_top<T: SchemaItem>(schema: &mut Schema, item: T, index: usize) -> Result<Edit, EditError> {
    let id = item.item_id();
    let taken = T::list(schema).iter().any(|i| i.item_id() == id);
    if taken || !id_allocated(schema, id.into()) {
        return Err(EditError::IdNotFree {
            kind: T::KIND,
            id: id.to_string(),
        });
    }
    if let Some(problem) = item.problem() {
        return Err(EditError::Invalid(problem));
    }
    let list = T::list_mut(schema);
    let at = index.min(list.len());
    list.insert(at, item);
    Ok(T::remove_edit(id))
}

fn remove_top<T: SchemaItem>(schema: &mut Schema, id: T::Id) -> Result<Edit, EditError> {
    let at = T::list(schema)
        .iter()
        .position(|i| i.item_id() == id)
        .ok_or_else(|| missing(T::KIND, id))?;
    let dependents = T::dependents(schema, id)?;
    if !dependents.is_empty() {
        let mut edits = dependents;
        edits.push(T::remove_edit(id));
        return apply_batch(schema, edits);
    }
    let item = T::list_mut(schema).remove(at);
    Ok(T::add_edit(item, at))
}

fn set_top<T: SchemaItem>(schema: &mut Schema, item: T) -> Result<Edit, EditError> {
    let id = item.item_id();
    if let Some(problem) = item.problem() {
        return Err(EditError::Invalid(problem));
    }
    let slot = T::list_mut(schema)
        .iter_mut()
        .find(|i| i.item_id() == id)
        .ok_or_else(|| missing(T::KIND, id))?;
    Ok(T::set_edit(std::mem::replace(slot, item)))
}

macro_rules! schema_item {
    ($type:ident, $id:ty, $kind:literal, $field:ident,
     add: |$add_item:ident, $at:ident| $add:expr,
     remove: |$rm_id:ident| $remove:expr,
     set: |$set_item:ident| $set:expr) => {
        impl SchemaItem for $type {
            type Id = $id;
            const KIND: &'static str = $kind;
            fn item_id(&self) -> $id {
                self.id
            }
            fn list(schema: &Schema) -> &Vec<Self> {
                &schema.$field
            }
            fn list_mut(schema: &mut Schema) -> &mut Vec<Self> {
                &mut schema.$field
            }
            fn add_edit($add_item: Self, $at: usize) -> Edit {
                $add
            }
            fn remove_edit($rm_id: $id) -> Edit {
                $remove
            }
            fn set_edit($set_item: Self) -> Edit {
                $set
            }
            schema_item!(@extra $type);
        }
    };
    (@extra EnumType) => {
        fn dependents(schema: &Schema, id: EnumId) -> Result<Vec<Edit>, EditError> {
            enum_users(schema, id)
        }
    };
    (@extra Group) => {
        fn problem(&self) -> Option<String> {
            let bad = self.area.is_some_and(|area| !area.is_valid());
            bad.then(|| format!("group {:?} has an area with a non-finite or negative size", self.name))
        }
        fn dependents(schema: &Schema, id: GroupId) -> Result<Vec<Edit>, EditError> {
            Ok(group_members_leaving(schema, id))
        }
    };
    (@extra Note) => {
        fn problem(&self) -> Option<String> {
            let bad = !self.position.is_finite() || !self.width.is_finite() || self.width <= 0.0;
            bad.then(|| "a note needs a finite position and a width above 0".to_string())
        }
    };
    (@extra Query) => {};
}

schema_item!(EnumType, EnumId, "enum type", enums,
    add: |enum_type, index| Edit::AddEnum { enum_type, index },
    remove: |enum_type| Edit::RemoveEnum { enum_type },
    set: |enum_type| Edit::SetEnum { enum_type });
schema_item!(Group, GroupId, "group", groups,
    add: |group, index| Edit::AddGroup { group, index },
    remove: |group| Edit::RemoveGroup { group },
    set: |group| Edit::SetGroup { group });
schema_item!(Note, NoteId, "note", notes,
    add: |note, index| Edit::AddNote { note, index },
    remove: |note| Edit::RemoveNote { note },
    set: |note| Edit::SetNote { note });
schema_item!(Query, QueryId, "query", queries,
    add: |query, index| Edit::AddQuery { query, index },
    remove: |query| Edit::RemoveQuery { query },
    set: |query| Edit::SetQuery { query });

fn enum_users(schema: &Schema, id: EnumId) -> Result<Vec<Edit>, EditError> {
    use super::data_type::DataType;
    fn uses(data_type: &DataType, id: EnumId) -> bool {
        match data_type {
            DataType::Enum(used) => *used == id,
            DataType::Array(element) => uses(element, id),
            _ => false,
        }
    }
    for table in &schema.tables {
        if let Some(column) = table.columns.iter().find(|c| uses(&c.data_type, id)) {
            let enum_name = schema
                .enum_type(id)
                .map(|e| e.name.clone())
                .unwrap_or_default();
            return Err(EditError::EnumInUse {
                enum_name,
                column: format!("{}.{}", table.qualified_name(), column.name),
            });
        }
    }
    Ok(Vec::new())
}

fn group_members_leaving(schema: &Schema, id: GroupId) -> Vec<Edit> {
    schema
        .tables
        .iter()
        .filter(|t| t.group == Some(id))
        .map(|t| Edit::SetTableInfo {
            table: t.id,
            info: TableInfo {
                group: None,
                ..t.info()
            },
        })
        .collect()
}

#[cfg(test)]
mod tests;
