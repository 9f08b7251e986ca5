//! A compact way to write a model in Rust, for tests and for authoring sample models.
//!
//! ```
//! use schemaboard::model::{ReferentialAction, SchemaBuilder};
//! let mut b = SchemaBuilder::new("Shop");
//! b.table("customers", (0.0, 0.0), |t| {
//!     t.column("id", "bigint").pk().identity();
//!     t.column("email", "varchar(320)").not_null().unique();
//! });
//! b.table("orders", (300.0, 0.0), |t| {
//!     t.column("id", "bigint").pk().identity();
//!     t.column("customer_id", "bigint").not_null()
//!         .references("customers", "id").on_delete(ReferentialAction::Cascade);
//!     t.index(&["customer_id"]);
//! });
//! let schema = b.build().unwrap();
//! assert_eq!(schema.stats().foreign_keys, 1);
//! ```
//! Names are resolved when [`SchemaBuilder::build`] runs, so tables may reference tables defined
//! later; every unknown name is reported, not panicked on.

use super::data_type::DataType;
use super::diagram::{Color, Group, Note, Point};
use super::enum_type::EnumType;
use super::ids::{ColumnId, EnumId, GroupId};
use super::integrity::integrity_problems;
use super::schema::Schema;
use super::table::{
    CheckConstraint, Column, ForeignKey, FunctionalDependency, Identity, Index, IndexKey,
    IndexMethod, IndexTarget, PrimaryKey, ReferentialAction, SortOrder, Table, UniqueConstraint,
};
use super::workload::Query;

/// Builds a [`Schema`] by name rather than by id.
pub struct SchemaBuilder {
    schema: Schema,
    pending: Vec<PendingForeignKey>,
    errors: Vec<String>,
}

struct PendingForeignKey {
    table: usize,
    columns: Vec<ColumnId>,
    target: String,
    target_columns: Vec<String>,
    name: Option<String>,
    on_delete: ReferentialAction,
    on_update: ReferentialAction,
}

/// The model described was inconsistent (unknown names, duplicate columns…).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the model has {} problem(s): {}", .0.len(), .0.join("; "))]
pub struct BuildError(pub Vec<String>);

impl SchemaBuilder {
    /// Starts an empty model.
    pub fn new(name: &str) -> Self {
        Self {
            schema: Schema::new(name),
            pending: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Sets the model's description.
    pub fn comment(&mut self, text: &str) -> &mut Self {
        self.schema.comment = text.to_string();
        self
    }

    /// Adds a subject area; `color` is `#rrggbb`.
    pub fn group(&mut self, name: &str, color: &str, comment: &str) -> GroupId {
        let id = self.schema.ids.allocate();
        let color = Color::from_hex(color).unwrap_or_else(|| {
            self.errors
                .push(format!("group {name:?}: {color:?} is not a #rrggbb colour"));
            Color::rgb(128, 128, 128)
        });
        self.schema.groups.push(Group {
            id,
            name: name.to_string(),
            color,
            comment: comment.to_string(),
            area: None,
        });
        id
    }

    /// Adds a named enum type.
    pub fn enum_type(&mut self, name: &str, values: &[&str], comment: &str) -> EnumId {
        let id = self.schema.ids.allocate();
        self.schema.enums.push(EnumType {
            id,
            schema: None,
            name: name.to_string(),
            values: values.iter().map(|v| v.to_string()).collect(),
            comment: comment.to_string(),
        });
        id
    }

    /// Adds a table; `name` may be schema-qualified (`billing.invoices`).
    pub fn table(
        &mut self,
        name: &str,
        at: (f32, f32),
        define: impl FnOnce(&mut TableBuilder<'_>),
    ) {
        let (schema, bare) = match name.split_once('.') {
            Some((schema, bare)) => (Some(schema.to_string()), bare),
            None => (None, name),
        };
        let mut table = Table::new(self.schema.ids.allocate(), bare, Point::new(at.0, at.1));
        table.schema = schema;
        self.schema.tables.push(table);
        let index = self.schema.tables.len() - 1;
        define(&mut TableBuilder {
            builder: self,
            index,
            last_column: None,
        });
    }

    /// Adds a sticky note.
    pub fn note(&mut self, text: &str, at: (f32, f32), width: f32) {
        let id = self.schema.ids.allocate();
        self.schema.notes.push(Note {
            id,
            text: text.to_string(),
            position: Point::new(at.0, at.1),
            width,
            color: None,
        });
    }

    /// Adds a sample query to the workload.
    pub fn query(&mut self, name: &str, sql: &str, comment: &str) {
        let id = self.schema.ids.allocate();
        self.schema.queries.push(Query {
            id,
            name: name.to_string(),
            sql: sql.to_string(),
            comment: comment.to_string(),
        });
    }

    /// Resolves the foreign keys and returns the model, or every problem found.
    pub fn build(mut self) -> Result<Schema, BuildError> {
        for pending in std::mem::take(&mut self.pending) {
            self.resolve(pending);
        }
        self.errors.extend(
            integrity_problems(&self.schema)
                .iter()
                .map(|p| p.to_string()),
        );
        if self.errors.is_empty() {
            Ok(self.schema)
        } else {
            Err(BuildError(self.errors))
        }
    }

    fn resolve(&mut self, pending: PendingForeignKey) {
        let from = self.schema.tables[pending.table].qualified_name();
        let Some(target) = self
            .schema
            .tables
            .iter()
            .find(|t| t.qualified_name() == pending.target)
        else {
            self.errors.push(format!(
                "{from}: references unknown table {:?}",
                pending.target
            ));
            return;
        };
        let mut referenced = Vec::new();
        for name in &pending.target_columns {
            match target.column_named(name) {
                Some(column) => referenced.push(column.id),
                None => self.errors.push(format!(
                    "{from}: references unknown column {}.{name}",
                    pending.target
                )),
            }
        }
        let references = target.id;
        let id = self.schema.ids.allocate();
        self.schema.tables[pending.table]
            .foreign_keys
            .push(ForeignKey {
                id,
                name: pending.name,
                columns: pending.columns,
                references,
                referenced_columns: referenced,
                on_delete: pending.on_delete,
                on_update: pending.on_update,
                deferrable: None,
                match_full: false,
            });
    }
}

/// Defines one table's columns, keys and indexes.
pub struct TableBuilder<'a> {
    builder: &'a mut SchemaBuilder,
    index: usize,
    last_column: Option<ColumnId>,
}

impl<'a> TableBuilder<'a> {
    fn table(&mut self) -> &mut Table {
        &mut self.builder.schema.tables[self.index]
    }

    fn error(&mut self, message: String) {
        let name = self.builder.schema.tables[self.index].qualified_name();
        self.builder.errors.push(format!("{name}: {message}"));
    }

    fn column_ids(&mut self, names: &[&str]) -> Vec<ColumnId> {
        let mut ids = Vec::new();
        for name in names {
            match self.table().column_named(name) {
                Some(column) => ids.push(column.id),
                None => self.error(format!("unknown column {name:?}")),
            }
        }
        ids
    }

    /// Sets the table's comment.
    pub fn comment(&mut self, text: &str) -> &mut Self {
        self.table().comment = text.to_string();
        self
    }

    /// Puts the table in a group.
    pub fn group(&mut self, group: GroupId) -> &mut Self {
        self.table().group = Some(group);
        self
    }

    /// Sets a dialect-specific table property.
    pub fn property(&mut self, key: &str, value: &str) -> &mut Self {
        self.table()
            .properties
            .insert(key.to_string(), value.to_string());
        self
    }

    /// Adds a nullable column; `type_text` is the portable spelling (`varchar(120)`, an enum name…).
    pub fn column<'t>(&'t mut self, name: &str, type_text: &str) -> ColumnBuilder<'t, 'a> {
        let schema = &self.builder.schema;
        let data_type = DataType::parse(type_text, |n| schema.enum_named(n))
            .unwrap_or_else(|_| DataType::Raw(String::new()));
        if self.table().column_named(name).is_some() {
            self.error(format!("column {name:?} is defined twice"));
        }
        let id = self.builder.schema.ids.allocate();
        self.table().columns.push(Column::new(id, name, data_type));
        self.last_column = Some(id);
        ColumnBuilder { table: self, id }
    }

    /// Sets a (composite) primary key.
    pub fn primary_key(&mut self, columns: &[&str]) -> &mut Self {
        let ids = self.column_ids(columns);
        for column in &mut self.table().columns {
            if ids.contains(&column.id) {
                column.nullable = false;
            }
        }
        let id = self.builder.schema.ids.allocate();
        self.table().primary_key = Some(PrimaryKey {
            id,
            name: None,
            columns: ids,
        });
        self
    }

    /// Adds a UNIQUE constraint over the columns.
    pub fn unique(&mut self, columns: &[&str]) -> &mut Self {
        let ids = self.column_ids(columns);
        let id = self.builder.schema.ids.allocate();
        self.table().uniques.push(UniqueConstraint {
            id,
            name: None,
            columns: ids,
            nulls_not_distinct: false,
        });
        self
    }

    /// Adds a (composite) foreign key to `target`'s columns.
    pub fn foreign_key(
        &mut self,
        columns: &[&str],
        target: &str,
        target_columns: &[&str],
        on_delete: ReferentialAction,
    ) -> &mut Self {
        let ids = self.column_ids(columns);
        self.builder.pending.push(PendingForeignKey {
            table: self.index,
            columns: ids,
            target: target.to_string(),
            target_columns: target_columns.iter().map(|c| c.to_string()).collect(),
            name: None,
            on_delete,
            on_update: ReferentialAction::NoAction,
        });
        self
    }

    /// Adds a CHECK constraint.
    pub fn check(&mut self, name: &str, expression: &str) -> &mut Self {
        let id = self.builder.schema.ids.allocate();
        self.table().checks.push(CheckConstraint {
            id,
            name: Some(name.to_string()),
            expression: expression.to_string(),
            on_column: None,
        });
        self
    }

    /// Adds a b-tree index. Each key is a column name, optionally followed by ` desc`, or an
    /// expression such as `lower(email)`.
    pub fn index(&mut self, keys: &[&str]) -> &mut Self {
        self.add_index(keys, false, IndexMethod::BTree, None)
    }

    /// Adds a unique b-tree index.
    pub fn unique_index(&mut self, keys: &[&str]) -> &mut Self {
        self.add_index(keys, true, IndexMethod::BTree, None)
    }

    /// Adds a partial index with a `WHERE` predicate.
    pub fn partial_index(&mut self, keys: &[&str], unique: bool, predicate: &str) -> &mut Self {
        self.add_index(keys, unique, IndexMethod::BTree, Some(predicate))
    }

    /// Adds an index with another access method (GIN over jsonb, say).
    pub fn index_using(&mut self, method: IndexMethod, keys: &[&str]) -> &mut Self {
        self.add_index(keys, false, method, None)
    }

    fn add_index(
        &mut self,
        keys: &[&str],
        unique: bool,
        method: IndexMethod,
        predicate: Option<&str>,
    ) -> &mut Self {
        let mut parsed = Vec::new();
        let mut name_parts = Vec::new();
        for key in keys {
            let (text, order) = match key.strip_suffix(" desc") {
                Some(text) => (text, SortOrder::Desc),
                None => (*key, SortOrder::Asc),
            };
            let target = if text.contains('(') {
                name_parts.push(
                    text.chars()
                        .filter(|c| c.is_alphanumeric() || *c == '_')
                        .collect::<String>(),
                );
                IndexTarget::Expression(text.to_string())
            } else {
                name_parts.push(text.to_string());
                match self.column_ids(&[text]).first() {
                    Some(id) => IndexTarget::Column(*id),
                    None => continue,
                }
            };
            parsed.push(IndexKey {
                target,
                order,
                nulls: None,
                opclass: None,
                prefix: None,
            });
        }
        let suffix = if unique { "key" } else { "idx" };
        let base = format!("{}_{}_{suffix}", self.table().name, name_parts.join("_"));
        // Index names are unique per schema in most databases: number a repeated one.
        let taken = |name: &str| {
            self.builder
                .schema
                .tables
                .iter()
                .flat_map(|t| &t.indexes)
                .any(|i| i.name.as_deref() == Some(name))
        };
        let mut name = base.clone();
        let mut counter = 1;
        while taken(&name) {
            counter += 1;
            name = format!("{base}{counter}");
        }
        let id = self.builder.schema.ids.allocate();
        self.table().indexes.push(Index {
            id,
            name: Some(name),
            unique,
            method,
            keys: parsed,
            include: Vec::new(),
            predicate: predicate.map(str::to_string),
            comment: String::new(),
            mysql_since: None,
        });
        self
    }

    /// Declares the functional dependency `lhs -> rhs`.
    pub fn dependency(&mut self, lhs: &[&str], rhs: &[&str], comment: &str) -> &mut Self {
        let lhs = self.column_ids(lhs);
        let rhs = self.column_ids(rhs);
        let id = self.builder.schema.ids.allocate();
        self.table().dependencies.push(FunctionalDependency {
            id,
            lhs,
            rhs,
            soft: false,
            comment: comment.to_string(),
        });
        self
    }
}

/// Sets the attributes of the column just added.
pub struct ColumnBuilder<'t, 'a> {
    table: &'t mut TableBuilder<'a>,
    id: ColumnId,
}

impl ColumnBuilder<'_, '_> {
    fn column(&mut self) -> &mut Column {
        let id = self.id;
        self.table
            .table()
            .columns
            .iter_mut()
            .find(|c| c.id == id)
            .expect("the column was just added")
    }

    /// NOT NULL.
    pub fn not_null(mut self) -> Self {
        self.column().nullable = false;
        self
    }

    /// Makes this column (part of) the primary key, in call order.
    pub fn pk(mut self) -> Self {
        self.column().nullable = false;
        let id = self.id;
        let fresh = self.table.builder.schema.ids.allocate();
        let table = self.table.table();
        match &mut table.primary_key {
            Some(pk) => pk.columns.push(id),
            None => {
                table.primary_key = Some(PrimaryKey {
                    id: fresh,
                    name: None,
                    columns: vec![id],
                })
            }
        }
        self
    }

    /// `GENERATED ALWAYS AS IDENTITY`.
    pub fn identity(mut self) -> Self {
        self.column().identity = Some(Identity::Always);
        self
    }

    /// A single-column UNIQUE constraint.
    pub fn unique(self) -> Self {
        let id = self.id;
        let constraint = self.table.builder.schema.ids.allocate();
        self.table.table().uniques.push(UniqueConstraint {
            id: constraint,
            name: None,
            columns: vec![id],
            nulls_not_distinct: false,
        });
        self
    }

    /// The default expression.
    pub fn default(mut self, expression: &str) -> Self {
        self.column().default = Some(expression.to_string());
        self
    }

    /// What the column means.
    pub fn comment(mut self, text: &str) -> Self {
        self.column().comment = text.to_string();
        self
    }

    /// A single-column foreign key to `table.column` (resolved at build time).
    pub fn references(self, table: &str, column: &str) -> Self {
        let id = self.id;
        self.table.builder.pending.push(PendingForeignKey {
            table: self.table.index,
            columns: vec![id],
            target: table.to_string(),
            target_columns: vec![column.to_string()],
            name: None,
            on_delete: ReferentialAction::NoAction,
            on_update: ReferentialAction::NoAction,
        });
        self
    }

    /// `ON DELETE` for the foreign key just declared with [`ColumnBuilder::references`].
    pub fn on_delete(self, action: ReferentialAction) -> Self {
        if let Some(pending) = self.table.builder.pending.last_mut() {
            pending.on_delete = action;
        }
        self
    }
}
