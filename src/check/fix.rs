//! Quick fixes: what a finding proposes, turned into one undoable model edit on demand (ids
//! are allocated only when the architect clicks, so checking never touches the model).

use crate::model::IdAllocator;
use crate::model::{
    Column, ColumnId, ConstraintId, DataType, Edit, FdId, ForeignKey, FunctionalDependency, Index,
    IndexId, IndexKey, IndexMethod, Point, PrimaryKey, Schema, Table, TableId, UniqueConstraint,
};

/// A mechanical fix a finding carries.
#[derive(Clone, Debug, PartialEq)]
pub enum Fix {
    /// Create an index with these keys.
    CreateIndex {
        /// The table.
        table: TableId,
        /// Key items in order.
        keys: Vec<IndexKey>,
    },
    /// Drop a redundant or duplicate index.
    DropIndex {
        /// The index.
        index: IndexId,
    },
    /// Drop a UNIQUE constraint that repeats another key.
    DropUnique {
        /// The constraint.
        unique: ConstraintId,
    },
    /// Make columns NOT NULL.
    SetNotNull {
        /// The columns.
        columns: Vec<ColumnId>,
    },
    /// Change a column's type.
    SetType {
        /// The column.
        column: ColumnId,
        /// Its new type.
        data_type: DataType,
    },
    /// Add a UNIQUE constraint.
    AddUnique {
        /// The table.
        table: TableId,
        /// Its columns.
        columns: Vec<ColumnId>,
    },
    /// Add a foreign key.
    AddForeignKey {
        /// Referencing table.
        table: TableId,
        /// Referencing columns.
        columns: Vec<ColumnId>,
        /// Referenced table.
        references: TableId,
        /// Referenced columns.
        referenced_columns: Vec<ColumnId>,
    },
    /// Declare a functional dependency (confirm a heuristic candidate).
    DeclareDependency {
        /// The table.
        table: TableId,
        /// Determinant.
        lhs: Vec<ColumnId>,
        /// Dependents.
        rhs: Vec<ColumnId>,
    },
    /// Remove a declared functional dependency.
    RemoveDependency {
        /// The dependency.
        dependency: FdId,
    },
    /// One decomposition step for `lhs → rhs`: a new table keyed by copies of `lhs` takes the
    /// `rhs` columns, and `lhs` stays here as a foreign key to it.
    ExtractTable {
        /// The table to split.
        table: TableId,
        /// Determinant (the new table's key).
        lhs: Vec<ColumnId>,
        /// Dependent columns to move.
        rhs: Vec<ColumnId>,
    },
}

/// The fix no longer applies to the model (its table or columns are gone).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the fix no longer applies: {0}")]
pub struct StaleFix(String);

impl Fix {
    /// A short label for a button or menu entry.
    pub fn label(&self) -> &'static str {
        match self {
            Fix::CreateIndex { .. } => "Create the index",
            Fix::DropIndex { .. } => "Drop the index",
            Fix::DropUnique { .. } => "Drop the UNIQUE constraint",
            Fix::SetNotNull { .. } => "Make NOT NULL",
            Fix::SetType { .. } => "Change the type",
            Fix::AddUnique { .. } => "Add the UNIQUE constraint",
            Fix::AddForeignKey { .. } => "Add the foreign key",
            Fix::DeclareDependency { .. } => "Confirm the dependency",
            Fix::RemoveDependency { .. } => "Remove the dependency",
            Fix::ExtractTable { .. } => "Extract a table",
        }
    }

    /// The edit that performs the fix, with fresh ids taken from `schema`'s allocator (the only
    /// change made to `schema` here). Apply it through the history so it can be undone.
    pub fn edit(&self, schema: &Schema, ids: &mut IdAllocator) -> Result<Edit, StaleFix> {
        let table_of = |schema: &Schema, id: TableId| {
            schema
                .table(id)
                .cloned()
                .ok_or_else(|| StaleFix("the table was removed".into()))
        };
        let column_of = |schema: &Schema, id: ColumnId| {
            schema
                .column(id)
                .map(|(_, c)| c.clone())
                .ok_or_else(|| StaleFix("a column was removed".into()))
        };
        Ok(match self {
            Fix::CreateIndex { table, keys } => {
                let owner = table_of(schema, *table)?;
                let name = index_name(schema, &owner, keys);
                Edit::AddIndex {
                    table: *table,
                    index_def: Index {
                        id: ids.allocate(),
                        name: Some(name),
                        unique: false,
                        method: IndexMethod::BTree,
                        keys: keys.clone(),
                        include: Vec::new(),
                        predicate: None,
                        comment: String::new(),
                        mysql_since: None,
                    },
                    index: usize::MAX,
                }
            }
            Fix::DropIndex { index } => Edit::RemoveIndex { index_id: *index },
            Fix::DropUnique { unique } => Edit::RemoveUnique { unique: *unique },
            Fix::SetNotNull { columns } => {
                let mut edits = Vec::new();
                for id in columns {
                    let mut column = column_of(schema, *id)?;
                    column.nullable = false;
                    edits.push(Edit::SetColumn { column });
                }
                single_or_batch(edits)
            }
            Fix::SetType { column, data_type } => {
                let mut column = column_of(schema, *column)?;
                column.data_type = data_type.clone();
                Edit::SetColumn { column }
            }
            Fix::AddUnique { table, columns } => Edit::AddUnique {
                table: *table,
                unique: UniqueConstraint {
                    id: ids.allocate(),
                    name: None,
                    columns: columns.clone(),
                    nulls_not_distinct: false,
                },
                index: usize::MAX,
            },
            Fix::AddForeignKey {
                table,
                columns,
                references,
                referenced_columns,
            } => Edit::AddForeignKey {
                table: *table,
                foreign_key: ForeignKey {
                    id: ids.allocate(),
                    name: None,
                    columns: columns.clone(),
                    references: *references,
                    referenced_columns: referenced_columns.clone(),
                    on_delete: Default::default(),
                    on_update: Default::default(),
                    deferrable: None,
                    match_full: false,
                },
                index: usize::MAX,
            },
            Fix::DeclareDependency { table, lhs, rhs } => Edit::AddDependency {
                table: *table,
                dependency: FunctionalDependency {
                    id: ids.allocate(),
                    lhs: lhs.clone(),
                    rhs: rhs.clone(),
                    soft: false,
                    comment: String::new(),
                },
                index: usize::MAX,
            },
            Fix::RemoveDependency { dependency } => Edit::RemoveDependency {
                dependency: *dependency,
            },
            Fix::ExtractTable { table, lhs, rhs } => {
                let owner = table_of(schema, *table)?;
                extract_table(schema, ids, &owner, lhs, rhs)?
            }
        })
    }
}

fn single_or_batch(mut edits: Vec<Edit>) -> Edit {
    if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Batch(edits)
    }
}

/// `idx_<table>_<columns>` with the model's prefix, or `<table>_<columns>_idx` without one;
/// numbered when taken.
fn index_name(schema: &Schema, table: &Table, keys: &[IndexKey]) -> String {
    let columns: Vec<&str> = keys
        .iter()
        .map(|k| match &k.target {
            crate::model::IndexTarget::Column(id) => {
                table.column(*id).map_or("expr", |c| c.name.as_str())
            }
            crate::model::IndexTarget::Expression(_) => "expr",
        })
        .collect();
    let prefix = &schema.check_settings.naming.index_prefix;
    let base = if prefix.is_empty() {
        format!("{}_{}_idx", table.name, columns.join("_"))
    } else {
        format!("{prefix}{}_{}", table.name, columns.join("_"))
    };
    let taken = |name: &str| {
        schema
            .tables
            .iter()
            .flat_map(|t| &t.indexes)
            .any(|i| i.name.as_deref() == Some(name))
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    name
}

fn extract_table(
    schema: &Schema,
    ids: &mut IdAllocator,
    owner: &Table,
    lhs: &[ColumnId],
    rhs: &[ColumnId],
) -> Result<Edit, StaleFix> {
    let missing = || StaleFix("a column was removed".into());
    let key_columns: Vec<&Column> = lhs
        .iter()
        .map(|id| owner.column(*id).ok_or_else(missing))
        .collect::<Result<_, _>>()?;
    let moved: Vec<&Column> = rhs
        .iter()
        .filter(|id| !lhs.contains(id))
        .map(|id| owner.column(*id).ok_or_else(missing))
        .collect::<Result<_, _>>()?;
    let name = new_table_name(schema, owner, &key_columns);
    let mut table = Table::new(
        ids.allocate(),
        name,
        Point::new(owner.position.x + 340.0, owner.position.y),
    );
    table.schema = owner.schema.clone();
    table.group = owner.group;
    let mut new_key = Vec::new();
    for column in &key_columns {
        let mut copy = (*column).clone();
        copy.id = ids.allocate();
        copy.nullable = false;
        copy.identity = None;
        copy.default = None;
        new_key.push(copy.id);
        table.columns.push(copy);
    }
    for column in &moved {
        let mut copy = (*column).clone();
        copy.id = ids.allocate();
        table.columns.push(copy);
    }
    table.primary_key = Some(PrimaryKey {
        id: ids.allocate(),
        name: None,
        columns: new_key.clone(),
    });
    let mut edits = vec![Edit::AddTable {
        table: table.clone(),
        index: usize::MAX,
    }];
    edits.extend(moved.iter().map(|c| Edit::RemoveColumn { column: c.id }));
    edits.push(Edit::AddForeignKey {
        table: owner.id,
        foreign_key: ForeignKey {
            id: ids.allocate(),
            name: None,
            columns: lhs.to_vec(),
            references: table.id,
            referenced_columns: new_key,
            on_delete: Default::default(),
            on_update: Default::default(),
            deferrable: None,
            match_full: false,
        },
        index: usize::MAX,
    });
    Ok(Edit::Batch(edits))
}

/// `department_id` → `departments` (plural when the model's tables are), else `<table>_<cols>`.
fn new_table_name(schema: &Schema, owner: &Table, key: &[&Column]) -> String {
    let base = match key {
        [one] => {
            let stem = ["_id", "_code", "_no", "_key", "_number"]
                .iter()
                .find_map(|s| one.name.strip_suffix(s))
                .unwrap_or(&one.name);
            if owner.name.ends_with('s') && !stem.ends_with('s') {
                format!("{stem}s")
            } else {
                stem.to_string()
            }
        }
        many => format!(
            "{}_{}",
            owner.name,
            many.iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join("_")
        ),
    };
    let taken = |name: &str| schema.table_named(owner.schema.as_deref(), name).is_some();
    let mut name = base.clone();
    let mut n = 2;
    while taken(&name) {
        name = format!("{base}_{n}");
        n += 1;
    }
    name
}
