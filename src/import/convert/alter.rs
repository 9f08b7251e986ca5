//! Statements that change tables already read (`ALTER TABLE`, `CREATE INDEX`, `COMMENT ON`) and
//! the other statements the model holds (`CREATE TYPE … AS ENUM`, `CREATE SCHEMA`).
//!
//! Changes to an existing table are made on a copy, and the difference is applied as model
//! [`Edit`]s, so the importer changes a model the same way the GUI does.

use super::table::{self, Outcome, index_keys, index_method, set_default, table_constraint};
use super::types::map_type;
use super::{At, State, column_named};
use crate::import::report::Report;
use crate::model::{Edit, EnumType, Identity, Index, Table, TableId};
use sqlparser::ast::{
    self, AlterColumnOperation, AlterTableOperation, CommentObject, GeneratedAs, Statement,
    UserDefinedTypeRepresentation,
};

/// What became of a statement.
#[derive(Debug, PartialEq, Eq)]
pub enum Handled {
    /// It is now part of the model.
    Modelled,
    /// Understood, but of a kind the model does not hold; the label names the kind if the
    /// statement's own words would not.
    Skipped(Option<String>),
    /// Not modelled, but kept as written for an export to the same dialect.
    Kept {
        /// What it makes (`index on view`).
        kind: &'static str,
        /// Its name.
        name: String,
        /// The kind for the report (`CREATE INDEX on a view`).
        label: &'static str,
    },
    /// It could not be taken into the model.
    Failed(String),
}

pub fn statement(state: &mut State, statement: &Statement, at: At, report: &mut Report) -> Handled {
    let result = match statement {
        Statement::CreateTable(create) => match table::create_table(state, create, at) {
            Ok(Outcome::Added) => Ok(Handled::Modelled),
            Ok(Outcome::Skipped(label)) => Ok(Handled::Skipped(Some(label.to_string()))),
            Err(e) => Err(e),
        },
        Statement::AlterTable(alter) => alter_table(state, alter, at, report),
        // An index on a materialized view: the view is kept verbatim, and so is its index.
        Statement::CreateIndex(index) if state.is_view(&index.table_name) => Ok(Handled::Kept {
            kind: "index on view",
            name: index
                .name
                .as_ref()
                .map_or_else(|| index.table_name.to_string(), ToString::to_string),
            label: "CREATE INDEX on a view",
        }),
        Statement::CreateIndex(index) => create_index(state, index).map(|_| Handled::Modelled),
        Statement::CreateType {
            name,
            representation: Some(UserDefinedTypeRepresentation::Enum { labels }),
        } => create_enum(state, name, labels).map(|_| Handled::Modelled),
        Statement::Comment {
            object_type: object_type @ (CommentObject::Table | CommentObject::Column),
            object_name,
            comment,
            ..
        } => comment_on(
            state,
            *object_type,
            object_name,
            comment.clone().unwrap_or_default(),
        )
        .map(|_| Handled::Modelled),
        Statement::Comment {
            object_type: CommentObject::Index,
            object_name,
            comment,
            ..
        } => Ok(comment_on_index(
            state,
            object_name,
            comment.clone().unwrap_or_default(),
        )),
        Statement::Drop {
            object_type: object_type @ (ast::ObjectType::Table | ast::ObjectType::Index),
            names,
            if_exists,
            ..
        } => drop_objects(state, *object_type, names, *if_exists),
        // Schemas exist through the tables in them.
        Statement::CreateSchema { .. } => Ok(Handled::Modelled),
        _ => Ok(Handled::Skipped(None)),
    };
    result.unwrap_or_else(Handled::Failed)
}

/// Runs `change` on a copy of the table and applies the difference as one batch of edits.
fn change_table(
    state: &mut State,
    id: TableId,
    change: impl FnOnce(&mut State, &mut Table) -> Result<(), String>,
) -> Result<(), String> {
    let before = state
        .schema
        .table(id)
        .cloned()
        .ok_or_else(|| "table vanished".to_string())?;
    let mut after = before.clone();
    change(state, &mut after)?;
    let edits = table_difference(&before, &after);
    if edits.is_empty() {
        return Ok(());
    }
    // New items in `after` got their ids from the allocator inside `change`, just now.
    Edit::Batch(edits)
        .apply_new(&mut state.schema)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The edits that turn `before` into `after` (a copy of it that only gained things, or changed
/// columns, keys and indexes in place).
fn table_difference(before: &Table, after: &Table) -> Vec<Edit> {
    let mut edits = Vec::new();
    if before.info() != after.info() {
        edits.push(Edit::SetTableInfo {
            table: before.id,
            info: after.info(),
        });
    }
    // By position first (a change leaves the columns where they were), by id where that fails:
    // a lookup per column would make every statement cost the table's width squared.
    let mut by_id: Option<std::collections::HashMap<_, &crate::model::Column>> = None;
    for (index, column) in after.columns.iter().enumerate() {
        let was = match before.columns.get(index) {
            Some(old) if old.id == column.id => Some(old),
            _ => by_id
                .get_or_insert_with(|| before.columns.iter().map(|c| (c.id, c)).collect())
                .get(&column.id)
                .copied(),
        };
        match was {
            None => edits.push(Edit::AddColumn {
                table: before.id,
                column: column.clone(),
                index,
            }),
            Some(old) if old != column => edits.push(Edit::SetColumn {
                column: column.clone(),
            }),
            Some(_) => {}
        }
    }
    if before.primary_key != after.primary_key {
        edits.push(Edit::SetPrimaryKey {
            table: before.id,
            primary_key: after.primary_key.clone(),
        });
    }
    let table = before.id;
    for unique in after.uniques.iter().skip(before.uniques.len()) {
        edits.push(Edit::AddUnique {
            table,
            unique: unique.clone(),
            index: usize::MAX,
        });
    }
    for check in after.checks.iter().skip(before.checks.len()) {
        edits.push(Edit::AddCheck {
            table,
            check: check.clone(),
            index: usize::MAX,
        });
    }
    for (was, index_def) in before.indexes.iter().zip(&after.indexes) {
        if was != index_def {
            edits.push(Edit::SetIndex {
                index_def: index_def.clone(),
            });
        }
    }
    for index_def in after.indexes.iter().skip(before.indexes.len()) {
        edits.push(Edit::AddIndex {
            table,
            index_def: index_def.clone(),
            index: usize::MAX,
        });
    }
    edits
}

fn find(state: &State, name: &ast::ObjectName) -> Result<TableId, String> {
    let (schema, table) = state.object_name(name);
    state
        .find_table(schema.as_deref(), &table)
        .ok_or_else(|| format!("unknown table {name}"))
}

fn alter_table(
    state: &mut State,
    alter: &ast::AlterTable,
    at: At,
    report: &mut Report,
) -> Result<Handled, String> {
    let id = find(state, &alter.name)?;
    let mut modelled = false;
    let mut skipped = None;
    for operation in &alter.operations {
        match operation {
            AlterTableOperation::AddConstraint { constraint, .. } => {
                change_table(state, id, |state, table| {
                    table_constraint(state, table, constraint, at)
                })?;
                modelled = true;
            }
            AlterTableOperation::AddColumn { column_def, .. } => {
                add_column(state, id, column_def, at)?;
                modelled = true;
            }
            AlterTableOperation::AlterColumn { column_name, op } => {
                let name = state.fold(column_name);
                change_table(state, id, |state, table| {
                    alter_column(state, table, &name, op)
                })?;
                modelled = true;
            }
            AlterTableOperation::DropColumn {
                column_names,
                if_exists,
                ..
            } => {
                for name in column_names {
                    drop_column(state, id, name, *if_exists)?;
                }
                modelled = true;
            }
            AlterTableOperation::DropConstraint {
                name, if_exists, ..
            } => {
                drop_constraint(state, id, name, *if_exists)?;
                modelled = true;
            }
            AlterTableOperation::RenameColumn {
                old_column_name,
                new_column_name,
            } => {
                let (old, new) = (state.fold(old_column_name), state.fold(new_column_name));
                change_table(state, id, |state, table| {
                    let column = column_named(table, &old, state.dialect)
                        .ok_or_else(|| format!("unknown column {old}"))?;
                    if let Some(c) = table.columns.iter_mut().find(|c| c.id == column) {
                        c.name = new;
                    }
                    Ok(())
                })?;
                modelled = true;
            }
            AlterTableOperation::RenameTable { table_name } => {
                let (ast::RenameTableNameKind::As(name) | ast::RenameTableNameKind::To(name)) =
                    table_name;
                let (schema, name) = state.object_name(name);
                state.rename_table(id, schema, name)?;
                modelled = true;
            }
            AlterTableOperation::OwnerTo { .. } => skipped = Some("ALTER … OWNER"),
            AlterTableOperation::AttachPartitionOf {
                partition,
                for_values,
            } => {
                attach_partition(state, &alter.name, partition, for_values)?;
                modelled = true;
            }
            AlterTableOperation::AttachPartition { .. } => {
                skipped = Some("ALTER TABLE … ATTACH PARTITION")
            }
            other => {
                let text = other.to_string();
                let word = text.split_whitespace().next().unwrap_or("").to_uppercase();
                report.warn(
                    at.line,
                    at.column,
                    format!("ALTER TABLE … {word}: not part of the model, ignored"),
                );
            }
        }
    }
    Ok(if modelled {
        Handled::Modelled
    } else {
        Handled::Skipped(skipped.map(str::to_string))
    })
}

fn drop_column(
    state: &mut State,
    id: TableId,
    name: &ast::Ident,
    if_exists: bool,
) -> Result<(), String> {
    let name = state.fold(name);
    let table = state.schema.table(id).ok_or("table vanished")?;
    match column_named(table, &name, state.dialect) {
        Some(column) => Edit::RemoveColumn { column }
            .apply(&mut state.schema)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        None if if_exists => Ok(()),
        None => Err(format!("unknown column {name}")),
    }
}

/// Drops the primary key, unique, check or foreign key of that name (foreign keys may still be
/// waiting for the end of the script).
fn drop_constraint(
    state: &mut State,
    id: TableId,
    name: &ast::Ident,
    if_exists: bool,
) -> Result<(), String> {
    let name = state.fold(name);
    let table = state.schema.table(id).ok_or("table vanished")?;
    let named = |n: &Option<String>| n.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(&name));
    let edit = if table.primary_key.as_ref().is_some_and(|pk| named(&pk.name)) {
        Some(Edit::SetPrimaryKey {
            table: id,
            primary_key: None,
        })
    } else if let Some(unique) = table.uniques.iter().find(|u| named(&u.name)) {
        Some(Edit::RemoveUnique { unique: unique.id })
    } else if let Some(check) = table.checks.iter().find(|c| named(&c.name)) {
        Some(Edit::RemoveCheck { check: check.id })
    } else {
        table
            .foreign_keys
            .iter()
            .find(|f| named(&f.name))
            .map(|fk| Edit::RemoveForeignKey { foreign_key: fk.id })
    };
    match edit {
        Some(edit) => edit
            .apply(&mut state.schema)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        None if state.forget_pending_foreign_key(id, &name) || if_exists => Ok(()),
        None => Err(format!("no constraint named {name}")),
    }
}

/// `DROP TABLE` and `DROP INDEX`: the objects go from the model; a missing one is fine with
/// `IF EXISTS` (as every mysqldump writes before each CREATE TABLE).
fn drop_objects(
    state: &mut State,
    object_type: ast::ObjectType,
    names: &[ast::ObjectName],
    if_exists: bool,
) -> Result<Handled, String> {
    for name in names {
        match object_type {
            ast::ObjectType::Table => match find(state, name) {
                Ok(id) => state.drop_table(id)?,
                Err(_) if if_exists => {}
                Err(e) => return Err(e),
            },
            _ => {
                let (_, index_name) = state.object_name(name);
                let found = state.schema.tables.iter().find_map(|t| {
                    t.indexes
                        .iter()
                        .find(|i| i.name.as_deref() == Some(index_name.as_str()))
                        .map(|i| i.id)
                });
                match found {
                    Some(index_id) => {
                        Edit::RemoveIndex { index_id }
                            .apply(&mut state.schema)
                            .map_err(|e| e.to_string())?;
                    }
                    None if if_exists => {}
                    None => return Err(format!("unknown index {index_name}")),
                }
            }
        }
    }
    Ok(Handled::Modelled)
}

fn add_column(state: &mut State, id: TableId, def: &ast::ColumnDef, at: At) -> Result<(), String> {
    change_table(state, id, |state, table| {
        table::add_columns(state, table, std::slice::from_ref(def), at)
    })
}

fn alter_column(
    state: &mut State,
    table: &mut Table,
    name: &str,
    op: &AlterColumnOperation,
) -> Result<(), String> {
    let id =
        column_named(table, name, state.dialect).ok_or_else(|| format!("unknown column {name}"))?;
    let dialect = state.dialect;
    let enums = state.schema.enums.clone();
    let written_default = match op {
        AlterColumnOperation::SetDefault { value } => {
            let printed = value.to_string();
            Some(
                state
                    .source()
                    .written(value, &printed)
                    .map_or(printed.clone(), str::to_string),
            )
        }
        _ => None,
    };
    let column = table
        .columns
        .iter_mut()
        .find(|c| c.id == id)
        .ok_or_else(|| format!("unknown column {name}"))?;
    match op {
        AlterColumnOperation::SetNotNull => column.nullable = false,
        AlterColumnOperation::DropNotNull => column.nullable = true,
        AlterColumnOperation::SetDefault { .. } => {
            set_default(column, written_default.unwrap_or_default())
        }
        AlterColumnOperation::DropDefault => column.default = None,
        AlterColumnOperation::SetDataType { data_type, .. } => {
            let enum_named = |n: &str| enums.iter().find(|e| e.name == n).map(|e| e.id);
            column.data_type = map_type(data_type, dialect, &enum_named).data_type;
            column.native_type = Some(crate::model::NativeType {
                dialect,
                spelling: data_type.to_string(),
            });
        }
        AlterColumnOperation::AddGenerated { generated_as, .. } => {
            column.identity = Some(match generated_as {
                Some(GeneratedAs::ByDefault) => Identity::ByDefault,
                _ => Identity::Always,
            });
            column.nullable = false;
        }
        _ => {}
    }
    Ok(())
}

fn create_index(state: &mut State, create: &ast::CreateIndex) -> Result<(), String> {
    let id = find(state, &create.table_name)?;
    let name = create
        .name
        .as_ref()
        .and_then(|n| n.0.last())
        .and_then(|p| p.as_ident())
        .map(|i| state.fold(i));
    // Added in place, not through a copy of the table: a dump's thousands of CREATE INDEX on
    // one wide table would otherwise each cost the table's width.
    let table = state.schema.table(id).ok_or("table vanished")?;
    let keys = index_keys(state, table, &create.columns);
    let include = create
        .include
        .iter()
        .filter_map(|c| column_named(table, &state.fold(c), state.dialect))
        .collect();
    let index_id = state.schema.ids.allocate();
    let index = Index {
        id: index_id,
        name,
        unique: create.unique,
        method: create.using.as_ref().map(index_method).unwrap_or_default(),
        keys,
        include,
        predicate: create.predicate.as_ref().map(|p| p.to_string()),
        comment: super::table::index_comment(&create.index_options),
        mysql_since: None,
    };
    if let Some(table) = state.schema.table_mut(id) {
        table.indexes.push(index);
    }
    Ok(())
}

fn create_enum(
    state: &mut State,
    name: &ast::ObjectName,
    labels: &[ast::Ident],
) -> Result<(), String> {
    let (schema, name) = state.object_name(name);
    let id = state.schema.ids.allocate();
    Edit::AddEnum {
        enum_type: EnumType {
            id,
            schema,
            name,
            values: labels.iter().map(|l| l.value.clone()).collect(),
            comment: String::new(),
        },
        index: usize::MAX,
    }
    .apply(&mut state.schema)
    .map(|_| ())
    .map_err(|e| e.to_string())
}

/// `COMMENT ON INDEX i IS '…'`: the index's comment, or kept as written when the index is not
/// in the model (one on a materialized view, kept itself).
fn comment_on_index(state: &mut State, object_name: &ast::ObjectName, text: String) -> Handled {
    let (schema, index_name) = state.object_name(object_name);
    let found = state.schema.tables.iter().find_map(|t| {
        let same_schema = schema.is_none() || t.schema == schema;
        t.indexes
            .iter()
            .find(|i| same_schema && i.name.as_deref() == Some(index_name.as_str()))
            .map(|i| (t.id, i.id))
    });
    let Some((table_id, index_id)) = found else {
        return Handled::Kept {
            kind: "comment",
            name: object_name.to_string(),
            label: "COMMENT ON INDEX",
        };
    };
    let changed = change_table(state, table_id, |_, table| {
        if let Some(index) = table.indexes.iter_mut().find(|i| i.id == index_id) {
            index.comment = text;
        }
        Ok(())
    });
    match changed {
        Ok(()) => Handled::Modelled,
        Err(message) => Handled::Failed(message),
    }
}

fn comment_on(
    state: &mut State,
    object_type: CommentObject,
    object_name: &ast::ObjectName,
    text: String,
) -> Result<(), String> {
    match object_type {
        CommentObject::Table => {
            let id = find(state, object_name)?;
            change_table(state, id, |_, table| {
                table.comment = text;
                Ok(())
            })
        }
        _ => {
            let mut parts = object_name.0.clone();
            let column = parts
                .pop()
                .and_then(|p| p.as_ident().cloned())
                .ok_or_else(|| "COMMENT ON COLUMN needs table.column".to_string())?;
            let id = find(state, &ast::ObjectName(parts))?;
            let column = state.fold(&column);
            change_table(state, id, |state, table| {
                let id = column_named(table, &column, state.dialect)
                    .ok_or_else(|| format!("unknown column {column}"))?;
                if let Some(c) = table.columns.iter_mut().find(|c| c.id == id) {
                    c.comment = text;
                }
                Ok(())
            })
        }
    }
}

/// `ALTER TABLE parent ATTACH PARTITION child FOR VALUES …`: the child, a table of its own until
/// now, is a partition of the parent with that bound.
fn attach_partition(
    state: &mut State,
    parent: &ast::ObjectName,
    partition: &ast::ObjectName,
    bound: &ast::ForValues,
) -> Result<(), String> {
    use crate::model::table::{PARTITION_ATTACHED, PARTITION_BOUND, PARTITION_OF};
    let child = find(state, partition)?;
    let table = state
        .schema
        .table_mut(child)
        .ok_or_else(|| format!("unknown table {partition}"))?;
    if table.properties.contains_key(PARTITION_OF) {
        return Err(format!("{partition} is a partition already"));
    }
    table
        .properties
        .insert(PARTITION_OF.to_string(), parent.to_string());
    table
        .properties
        .insert(PARTITION_BOUND.to_string(), bound.to_string());
    table
        .properties
        .insert(PARTITION_ATTACHED.to_string(), String::new());
    Ok(())
}
