//! SQL DDL for one dialect: `schemaboard export model.ron --format sql --dialect D`.
//!
//! The writer ([`export_ddl`]) is shared; each dialect ([`postgres`], [`mysql`], [`sqlite`],
//! [`mssql`]) is a [`SqlDialect`] whose methods say how it spells what differs, the way
//! sqlparser-rs structures its dialects. Output is deterministic. Where a dialect cannot express
//! part of the model, the DDL says the nearest thing it can and a [`Loss`] says what was lost.

pub mod mssql;
pub mod mysql;
pub mod names;
pub mod order;
pub mod postgres;
pub mod sqlite;

use crate::model::{
    CheckConstraint, Column, DataType, ForeignKey, Identity, Index, IndexMethod, IndexTarget,
    NullsOrder, ReferentialAction, Schema, SortOrder, Table,
};
use names::NameRules;
use std::fmt::Write;

/// Something the dialect could not express, said plainly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loss {
    /// Where (`orders.status`, `index orders_open_idx`).
    pub object: String,
    /// What happened (`jsonb written as TEXT`).
    pub message: String,
}

/// The DDL script and what it could not say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ddl {
    /// The script.
    pub sql: String,
    /// Each lossy mapping, in script order.
    pub losses: Vec<Loss>,
}

/// Why no script was written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// A name is longer than the dialect allows; truncating it silently would change the model.
    #[error("{kind} name {name:?} is {length} {unit} long; {dialect} allows at most {limit}")]
    NameTooLong {
        /// What is named.
        kind: &'static str,
        /// The name.
        name: String,
        /// Its length.
        length: usize,
        /// Bytes or characters.
        unit: &'static str,
        /// The limit.
        limit: usize,
        /// The dialect.
        dialect: &'static str,
    },
}

/// Collects losses while writing.
pub struct Context<'a> {
    /// The model being written.
    pub schema: &'a Schema,
    losses: Vec<Loss>,
}

impl<'a> Context<'a> {
    /// A fresh context for writing `schema`.
    pub fn new(schema: &'a Schema) -> Self {
        Self {
            schema,
            losses: Vec::new(),
        }
    }

    /// What was lost while writing.
    pub fn into_losses(self) -> Vec<Loss> {
        self.losses
    }

    /// Records a loss.
    pub fn lose(&mut self, object: impl Into<String>, message: impl Into<String>) {
        self.losses.push(Loss {
            object: object.into(),
            message: message.into(),
        });
    }
}

/// How a dialect writes DDL. Defaults are standard SQL; each dialect overrides what differs.
pub trait SqlDialect {
    /// The dialect's name, as on the command line.
    fn name(&self) -> &'static str;
    /// Quoting, reserved words, name length.
    fn rules(&self) -> &NameRules;
    /// Whether the length limit counts bytes (PostgreSQL) rather than characters.
    fn limit_in_bytes(&self) -> bool {
        false
    }
    /// Whether string literals treat backslash as an escape.
    fn backslash_escapes(&self) -> bool {
        false
    }
    /// The column's type.
    fn column_type(&self, table: &Table, column: &Column, cx: &mut Context<'_>) -> String;
    /// What follows the type for a database-generated key (`GENERATED … AS IDENTITY`).
    fn identity(&self, table: &Table, column: &Column, cx: &mut Context<'_>) -> Option<String>;
    /// A computed column: the clause after the type.
    fn generated(&self, expression: &str) -> String {
        format!("GENERATED ALWAYS AS ({expression}) STORED")
    }
    /// Whether the dialect has schemas (namespaces inside one database).
    fn has_schemas(&self) -> bool {
        true
    }
    /// The statement that makes a schema.
    fn create_schema(&self, name: &str) -> String {
        format!("CREATE SCHEMA IF NOT EXISTS {}", self.ident(name))
    }
    /// Statements that create named enum types (PostgreSQL), before the tables.
    fn enum_types(&self, _cx: &mut Context<'_>) -> Vec<String> {
        Vec::new()
    }
    /// Extra column constraints the type needs (a CHECK for an enum written as text).
    fn column_checks(&self, _table: &Table, _column: &Column, _cx: &Context<'_>) -> Option<String> {
        None
    }
    /// A column comment written inside the column definition (MySQL).
    fn inline_column_comment(&self, _column: &Column) -> Option<String> {
        None
    }
    /// Items the dialect needs in CREATE TABLE beyond the model's (MySQL's key for an
    /// AUTO_INCREMENT column).
    fn extra_items(&self, _table: &Table) -> Vec<String> {
        Vec::new()
    }
    /// Text after the closing parenthesis of CREATE TABLE.
    fn table_options(&self, _table: &Table, _cx: &mut Context<'_>) -> String {
        String::new()
    }
    /// Statements that keep the table's `auto_updated_at` column current on every UPDATE
    /// (PostgreSQL, SQLite and SQL Server use a trigger; MySQL says it in the column instead).
    fn touch_on_update(
        &self,
        _table: &Table,
        _column: &Column,
        _cx: &mut Context<'_>,
    ) -> Vec<String> {
        Vec::new()
    }
    /// Text at the end of a column definition for `auto_updated_at` (MySQL's ON UPDATE).
    fn on_update_clause(&self, _table: &Table, _column: &Column) -> Option<String> {
        None
    }
    /// Statements that attach comments, after the tables.
    fn comments(&self, _table: &Table) -> Vec<String> {
        Vec::new()
    }
    /// Whether foreign keys can be added with ALTER TABLE (SQLite cannot; it allows references
    /// to tables created later instead).
    fn alter_add_foreign_key(&self) -> bool {
        true
    }
    /// A referential action the dialect has, or the nearest one it has.
    fn action(
        &self,
        action: ReferentialAction,
        _object: &str,
        _cx: &mut Context<'_>,
    ) -> ReferentialAction {
        action
    }
    /// The CREATE INDEX statement, or `None` (with a loss) where the dialect cannot index so.
    fn create_index(&self, table: &Table, index: &Index, cx: &mut Context<'_>) -> Option<String> {
        standard_index(self, table, index, cx, true)
    }
    /// Text between statements.
    fn separator(&self) -> &'static str {
        ";\n"
    }
    /// A statement kept verbatim, with its terminator.
    fn verbatim(&self, sql: &str) -> String {
        format!("{sql}{}", self.separator())
    }
    /// Lines at the top of the script, after the title.
    fn preamble(&self) -> Option<&'static str> {
        None
    }
    /// Whether every foreign key must keep an index on its columns (InnoDB), so dropping such an
    /// index means dropping and re-adding the foreign key around it.
    fn foreign_keys_need_an_index(&self) -> bool {
        false
    }
    /// `ALTER TABLE … DROP` of a primary key.
    fn drop_primary_key(&self, table: &Table, name: &str) -> String {
        format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            self.table_name(table),
            self.ident(name)
        )
    }
    /// `ALTER TABLE … DROP` of a unique constraint.
    fn drop_unique(&self, table: &Table, name: &str) -> String {
        format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            self.table_name(table),
            self.ident(name)
        )
    }
    /// `ALTER TABLE … DROP` of a check constraint.
    fn drop_check(&self, table: &Table, name: &str) -> String {
        format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            self.table_name(table),
            self.ident(name)
        )
    }
    /// `ALTER TABLE … DROP` of a foreign key.
    fn drop_foreign_key(&self, table: &Table, name: &str) -> String {
        format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            self.table_name(table),
            self.ident(name)
        )
    }
    /// `DROP INDEX`.
    fn drop_index(&self, table: &Table, name: &str) -> String {
        match &table.schema {
            Some(schema) if self.has_schemas() => {
                format!("DROP INDEX {}.{}", self.ident(schema), self.ident(name))
            }
            _ => format!("DROP INDEX {}", self.ident(name)),
        }
    }
    /// Renames (and moves to another schema) a table.
    fn rename_table(&self, old: &Table, new: &Table) -> Vec<String> {
        let mut out = Vec::new();
        let mut current = old.clone();
        if old.schema != new.schema && self.has_schemas() {
            let target = new.schema.clone().unwrap_or_else(|| "public".to_string());
            out.push(format!(
                "ALTER TABLE {} SET SCHEMA {}",
                self.table_name(&current),
                self.ident(&target)
            ));
            current.schema = new.schema.clone();
        }
        if old.name != new.name {
            out.push(format!(
                "ALTER TABLE {} RENAME TO {}",
                self.table_name(&current),
                self.ident(&new.name)
            ));
        }
        out
    }
    /// Renames a column.
    fn rename_column(&self, table: &Table, old: &str, new: &str) -> String {
        format!(
            "ALTER TABLE {} RENAME COLUMN {} TO {}",
            self.table_name(table),
            self.ident(old),
            self.ident(new)
        )
    }
    /// Adds a column, given its definition.
    fn add_column(&self, table: &Table, definition: &str) -> String {
        format!(
            "ALTER TABLE {} ADD COLUMN {definition}",
            self.table_name(table)
        )
    }
    /// Changes a column's type, nullability or default (PostgreSQL's spelling by default).
    fn alter_column(
        &self,
        table: &Table,
        old: &Column,
        new: &Column,
        cx: &mut Context<'_>,
    ) -> Vec<String> {
        let prefix = format!(
            "ALTER TABLE {} ALTER COLUMN {}",
            self.table_name(table),
            self.ident(&new.name)
        );
        let mut out = Vec::new();
        let old_type = self.column_type(table, old, &mut Context::new(cx.schema));
        let new_type = self.column_type(table, new, cx);
        if old_type != new_type {
            out.push(format!(
                "{prefix} TYPE {new_type} USING {}::{new_type}",
                self.ident(&new.name)
            ));
        }
        if old.nullable != new.nullable {
            out.push(format!(
                "{prefix} {} NOT NULL",
                if new.nullable { "DROP" } else { "SET" }
            ));
        }
        if old.default != new.default {
            out.push(match &new.default {
                Some(default) => {
                    format!("{prefix} SET DEFAULT {}", self.default_expression(default))
                }
                None => format!("{prefix} DROP DEFAULT"),
            });
        }
        out
    }
    /// Adds a value to a named enum type (PostgreSQL); `None` where enums live in columns.
    fn add_enum_value(&self, _enum_type: &crate::model::EnumType, _value: &str) -> Option<String> {
        None
    }
    /// The identifier as written.
    fn ident(&self, name: &str) -> String {
        self.rules().ident(name)
    }
    /// A string literal.
    fn literal(&self, text: &str) -> String {
        names::string_literal(text, self.backslash_escapes())
    }
    /// A table's qualified name.
    fn table_name(&self, table: &Table) -> String {
        match &table.schema {
            Some(schema) if self.has_schemas() => {
                format!("{}.{}", self.ident(schema), self.ident(&table.name))
            }
            _ => self.ident(&table.name),
        }
    }
    /// A default expression as this dialect reads it.
    fn default_expression(&self, expression: &str) -> String {
        translate_default(expression, self.name())
    }
}

/// Writes the whole model as a DDL script for `dialect`.
pub fn export_ddl(schema: &Schema, dialect: &dyn SqlDialect) -> Result<Ddl, ExportError> {
    check_lengths(schema, dialect)?;
    let mut cx = Context {
        schema,
        losses: Vec::new(),
    };
    let mut out = String::new();
    let sep = dialect.separator();
    let _ = writeln!(
        out,
        "-- {} for {}, written by Schemaboard",
        sql_comment(&schema.name),
        dialect.name()
    );
    out.push('\n');
    if let Some(preamble) = dialect.preamble() {
        out.push_str(preamble);
        out.push('\n');
    }
    if dialect.has_schemas() {
        // Schemas holding only views or routines kept verbatim are needed too.
        let verbatim_schemas = schema
            .verbatim
            .iter()
            .filter(|o| o.dialect == dialect.name())
            .filter_map(|o| {
                o.name
                    .rsplit_once('.')
                    .map(|(s, _)| s.trim_matches(['"', '`', '[', ']']))
            })
            .filter(|s| {
                !s.contains('.')
                    && !["public", "dbo", "main"].contains(&s.to_ascii_lowercase().as_str())
            });
        let mut schemas: Vec<&str> = schema
            .tables
            .iter()
            .filter_map(|t| t.schema.as_deref())
            .chain(schema.enums.iter().filter_map(|e| e.schema.as_deref()))
            .chain(verbatim_schemas)
            .collect();
        schemas.sort_unstable();
        schemas.dedup();
        for name in schemas {
            out.push_str(&dialect.create_schema(name));
            out.push_str(sep);
        }
    } else {
        for table in schema.tables.iter().filter(|t| t.schema.is_some()) {
            cx.lose(
                table.qualified_name(),
                format!(
                    "{} has no schemas; written as {}",
                    dialect.name(),
                    table.name
                ),
            );
        }
    }
    for statement in dialect.enum_types(&mut cx) {
        out.push_str(&statement);
        out.push_str(sep);
    }
    let mut seen = std::collections::BTreeSet::new();
    for object in schema
        .verbatim
        .iter()
        .filter(|o| runs_before_tables(schema, o))
    {
        write_verbatim(dialect, object, &mut seen, &mut cx, &mut out);
    }
    let order = order::creation_order(schema);
    let inline_all = !dialect.alter_add_foreign_key();
    for &index in &order.tables {
        let table = &schema.tables[index];
        out.push('\n');
        create_table(
            dialect,
            table,
            &order.deferred,
            inline_all,
            &mut cx,
            &mut out,
        );
        out.push_str(sep);
    }
    if !inline_all {
        for &index in &order.tables {
            let table = &schema.tables[index];
            for fk in table
                .foreign_keys
                .iter()
                .filter(|fk| order.deferred.contains(&fk.id))
            {
                let clause = foreign_key(dialect, table, fk, &mut cx);
                let _ = write!(
                    out,
                    "\nALTER TABLE {} ADD {clause}",
                    dialect.table_name(table)
                );
                out.push_str(sep);
            }
        }
    }
    let mut wrote_index = false;
    for &index in &order.tables {
        let table = &schema.tables[index];
        for index_def in &table.indexes {
            if let Some(statement) = dialect.create_index(table, index_def, &mut cx) {
                if !wrote_index {
                    out.push('\n');
                    wrote_index = true;
                }
                out.push_str(&statement);
                out.push_str(sep);
            }
        }
    }
    for &index in &order.tables {
        let table = &schema.tables[index];
        if let Some(column) = auto_updated_column(table) {
            for statement in dialect.touch_on_update(table, column, &mut cx) {
                out.push('\n');
                out.push_str(&statement);
                out.push_str(sep);
            }
        }
    }
    let mut wrote_comment = false;
    for &index in &order.tables {
        for statement in dialect.comments(&schema.tables[index]) {
            if !wrote_comment {
                out.push('\n');
                wrote_comment = true;
            }
            out.push_str(&statement);
            // A comment that is only SQL comment lines needs no terminator.
            if statement.starts_with("--") {
                out.push('\n');
            } else {
                out.push_str(sep);
            }
        }
    }
    for object in schema
        .verbatim
        .iter()
        .filter(|o| !runs_before_tables(schema, o))
    {
        write_verbatim(dialect, object, &mut seen, &mut cx, &mut out);
    }
    Ok(Ddl {
        sql: out,
        losses: cx.losses,
    })
}

/// Extensions, domains and types come before the tables that use them, and so do functions that
/// a default, check or computed column calls; other functions, views and triggers come after the
/// tables they read.
fn runs_before_tables(schema: &Schema, object: &crate::model::VerbatimSql) -> bool {
    match object.kind.as_str() {
        "extension" | "domain" | "type" => true,
        "function" | "procedure" => {
            let bare = object
                .name
                .rsplit('.')
                .next()
                .unwrap_or(&object.name)
                .trim_matches(['"', '`', '[', ']'])
                .to_lowercase();
            let calls = |sql: &str| sql.to_lowercase().contains(&format!("{bare}("));
            schema.tables.iter().any(|t| {
                t.checks.iter().any(|c| calls(&c.expression))
                    || t.columns.iter().any(|c| {
                        c.default.as_deref().is_some_and(calls)
                            || c.generated.as_deref().is_some_and(calls)
                    })
            })
        }
        _ => false,
    }
}

fn write_verbatim(
    dialect: &dyn SqlDialect,
    object: &crate::model::VerbatimSql,
    seen: &mut std::collections::BTreeSet<(String, String)>,
    cx: &mut Context<'_>,
    out: &mut String,
) {
    // Scripts often create the same extension twice; the second would fail.
    if object.kind == "extension" && !seen.insert((object.kind.clone(), object.name.to_lowercase()))
    {
        return;
    }
    if object.dialect != dialect.name() {
        cx.lose(
            format!("{} {}", object.kind, object.name),
            format!(
                "written for {}, not {}; left out",
                object.dialect,
                dialect.name()
            ),
        );
        return;
    }
    out.push('\n');
    out.push_str(&dialect.verbatim(&object.sql));
}

/// `CREATE TABLE`, with the foreign keys in `deferred` left for ALTER TABLE (all of them inline
/// when `inline_all`).
pub fn create_table(
    dialect: &dyn SqlDialect,
    table: &Table,
    deferred: &std::collections::BTreeSet<crate::model::ConstraintId>,
    inline_all: bool,
    cx: &mut Context<'_>,
    out: &mut String,
) {
    let mut items: Vec<String> = Vec::new();
    let mut key_written_inline = false;
    for column in &table.columns {
        let (definition, inline_key) = column_definition(dialect, table, column, cx);
        key_written_inline |= inline_key;
        items.push(definition);
    }
    if let Some(pk) = &table.primary_key
        && !key_written_inline
    {
        items.push(primary_key_clause(dialect, table, pk));
    }
    for unique in &table.uniques {
        items.push(unique_clause(dialect, table, unique));
    }
    for check in &table.checks {
        items.push(check_clause(dialect, table, check));
    }
    for fk in &table.foreign_keys {
        if inline_all || !deferred.contains(&fk.id) {
            items.push(foreign_key(dialect, table, fk, cx));
        }
    }
    items.extend(dialect.extra_items(table));
    let _ = write!(
        out,
        "CREATE TABLE {} (\n    {}\n){}",
        dialect.table_name(table),
        items.join(",\n    "),
        dialect.table_options(table, cx)
    );
}

/// A column definition, and whether it carries the table's primary key (SQLite's
/// `INTEGER PRIMARY KEY AUTOINCREMENT`).
pub fn column_definition(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    column: &Column,
    cx: &mut Context<'_>,
) -> (String, bool) {
    let mut text = format!(
        "{} {}",
        dialect.ident(&column.name),
        dialect.column_type(table, column, cx)
    );
    let mut inline_key = false;
    if let Some(expression) = &column.generated {
        text.push(' ');
        text.push_str(&dialect.generated(expression));
    }
    if column.identity.is_some()
        && let Some(clause) = dialect.identity(table, column, cx)
    {
        inline_key = clause.contains("PRIMARY KEY");
        text.push(' ');
        text.push_str(&clause);
    }
    if !column.nullable && !inline_key {
        text.push_str(" NOT NULL");
    }
    if let Some(default) = &column.default {
        let _ = write!(text, " DEFAULT {}", dialect.default_expression(default));
    }
    if let Some(check) = dialect.column_checks(table, column, cx) {
        text.push(' ');
        text.push_str(&check);
    }
    if auto_updated_column(table).is_some_and(|c| c.id == column.id)
        && let Some(clause) = dialect.on_update_clause(table, column)
    {
        text.push(' ');
        text.push_str(&clause);
    }
    if let Some(comment) = dialect.inline_column_comment(column) {
        text.push(' ');
        text.push_str(&comment);
    }
    (text, inline_key)
}

fn constraint_name(dialect: &(impl SqlDialect + ?Sized), name: &str) -> String {
    format!("CONSTRAINT {} ", dialect.ident(name))
}

/// `CONSTRAINT name PRIMARY KEY (…)`.
pub fn primary_key_clause(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    pk: &crate::model::PrimaryKey,
) -> String {
    format!(
        "{}PRIMARY KEY ({})",
        constraint_name(
            dialect,
            &names::primary_key_name(dialect.rules(), table, pk)
        ),
        column_list(dialect, table, &pk.columns)
    )
}

/// `CONSTRAINT name UNIQUE (…)`.
pub fn unique_clause(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    unique: &crate::model::UniqueConstraint,
) -> String {
    format!(
        "{}UNIQUE ({})",
        constraint_name(dialect, &names::unique_name(dialect.rules(), table, unique)),
        column_list(dialect, table, &unique.columns)
    )
}

fn column_list(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    ids: &[crate::model::ColumnId],
) -> String {
    ids.iter()
        .filter_map(|id| table.column(*id))
        .map(|c| dialect.ident(&c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `CONSTRAINT name CHECK (…)`.
pub fn check_clause(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    check: &CheckConstraint,
) -> String {
    format!(
        "{}CHECK ({})",
        constraint_name(dialect, &names::check_name(dialect.rules(), table, check)),
        check.expression
    )
}

/// `CONSTRAINT name FOREIGN KEY (…) REFERENCES …`.
pub fn foreign_key(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    fk: &ForeignKey,
    cx: &mut Context<'_>,
) -> String {
    let target = cx.schema.table(fk.references);
    let target_name = target.map(|t| dialect.table_name(t)).unwrap_or_default();
    let target_columns = target
        .map(|t| column_list(dialect, t, &fk.referenced_columns))
        .unwrap_or_default();
    let object = format!(
        "{}.{}",
        table.name,
        fk.name.clone().unwrap_or_else(|| "foreign key".to_string())
    );
    let mut text = format!(
        "{}FOREIGN KEY ({}) REFERENCES {target_name} ({target_columns})",
        constraint_name(
            dialect,
            &names::foreign_key_name(dialect.rules(), table, fk)
        ),
        column_list(dialect, table, &fk.columns)
    );
    for (clause, action) in [("ON DELETE", fk.on_delete), ("ON UPDATE", fk.on_update)] {
        let action = dialect.action(action, &object, cx);
        if action != ReferentialAction::NoAction {
            let _ = write!(text, " {clause} {}", action.sql());
        }
    }
    text
}

/// The usual `CREATE [UNIQUE] INDEX name ON table [USING method] (keys) [INCLUDE …] [WHERE …]`.
pub fn standard_index(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    index: &Index,
    cx: &mut Context<'_>,
    using_clause: bool,
) -> Option<String> {
    let name = index_name(table, index);
    let keys: Vec<String> = index
        .keys
        .iter()
        .map(|key| {
            let mut text = match &key.target {
                IndexTarget::Column(id) => table
                    .column(*id)
                    .map(|c| dialect.ident(&c.name))
                    .unwrap_or_default(),
                IndexTarget::Expression(sql) => format!("({sql})"),
            };
            if using_clause && let Some(opclass) = &key.opclass {
                text.push(' ');
                text.push_str(opclass);
            }
            if key.order == SortOrder::Desc {
                text.push_str(" DESC");
            }
            match key.nulls {
                Some(NullsOrder::First) => text.push_str(" NULLS FIRST"),
                Some(NullsOrder::Last) => text.push_str(" NULLS LAST"),
                None => {}
            }
            text
        })
        .collect();
    let mut text = format!(
        "CREATE {}INDEX {} ON {}",
        if index.unique { "UNIQUE " } else { "" },
        dialect.ident(&name),
        dialect.table_name(table)
    );
    if using_clause && index.method != IndexMethod::BTree {
        let method = match &index.method {
            IndexMethod::Hash => "hash".to_string(),
            IndexMethod::Gin => "gin".to_string(),
            IndexMethod::Gist => "gist".to_string(),
            IndexMethod::SpGist => "spgist".to_string(),
            IndexMethod::Brin => "brin".to_string(),
            IndexMethod::Other(other) => other.clone(),
            IndexMethod::BTree | IndexMethod::FullText | IndexMethod::Spatial => {
                cx.lose(
                    format!("index {name}"),
                    format!(
                        "{:?} indexes are not PostgreSQL's; written as b-tree",
                        index.method
                    ),
                );
                String::new()
            }
        };
        if !method.is_empty() {
            let _ = write!(text, " USING {method}");
        }
    }
    let _ = write!(text, " ({})", keys.join(", "));
    if !index.include.is_empty() {
        let _ = write!(
            text,
            " INCLUDE ({})",
            column_list(dialect, table, &index.include)
        );
    }
    if let Some(predicate) = &index.predicate {
        let _ = write!(text, " WHERE {predicate}");
    }
    Some(text)
}

/// An index's name, or the conventional `table_col1_col2_idx` when it has none.
pub fn index_name(table: &Table, index: &Index) -> String {
    index.name.clone().unwrap_or_else(|| {
        let parts: Vec<String> = index
            .keys
            .iter()
            .map(|k| match &k.target {
                IndexTarget::Column(id) => table
                    .column(*id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                IndexTarget::Expression(_) => "expr".to_string(),
            })
            .collect();
        format!(
            "{}_{}_{}",
            table.name,
            parts.join("_"),
            if index.unique { "key" } else { "idx" }
        )
    })
}

/// The table property that asks for a column kept at the time of the last UPDATE.
pub const AUTO_UPDATED_AT: &str = "auto_updated_at";

/// The column named by the table's `auto_updated_at` property, if it has one.
pub fn auto_updated_column(table: &Table) -> Option<&Column> {
    let name = table.properties.get(AUTO_UPDATED_AT)?;
    table.column_named(name)
}

/// Text for an SQL line comment: one line, whatever the model's name holds.
pub fn sql_comment(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// A default for a dialect other than PostgreSQL: casts dropped, common functions translated.
pub fn translate_default(expression: &str, dialect: &str) -> String {
    translate_functions(&without_casts(expression), dialect)
}

/// The few functions defaults use everywhere, spelled the way each dialect spells them.
fn translate_functions(expression: &str, dialect: &str) -> String {
    let lower = expression.trim().to_ascii_lowercase();
    let now = matches!(
        lower.as_str(),
        "now()" | "current_timestamp" | "current_timestamp()" | "getdate()" | "localtimestamp"
    );
    let uuid = matches!(
        lower.as_str(),
        "gen_random_uuid()" | "uuid()" | "newid()" | "uuid_generate_v4()"
    );
    match dialect {
        _ if now => "CURRENT_TIMESTAMP".to_string(),
        "mysql" if uuid => "(uuid())".to_string(),
        "mssql" if uuid => "newid()".to_string(),
        "sqlite" if uuid => "(lower(hex(randomblob(16))))".to_string(),
        _ => expression.to_string(),
    }
}

/// `'ok'::mood` → `'ok'`: PostgreSQL casts in defaults read by the importer, for other dialects.
fn without_casts(expression: &str) -> String {
    let mut out = String::with_capacity(expression.len());
    let mut in_string = false;
    let mut chars = expression.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            in_string = !in_string;
        }
        if !in_string && c == ':' && chars.peek() == Some(&':') {
            // Skip the type name (and its parenthesised arguments or array brackets).
            chars.next();
            while let Some(&next) = chars.peek() {
                if next.is_alphanumeric()
                    || matches!(next, '_' | '.' | '"' | '[' | ']' | ' ' | '(' | ')' | ',')
                {
                    if next == ' ' || next == ')' || next == ',' {
                        break;
                    }
                    chars.next();
                } else {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// Refuses names longer than the dialect allows.
pub fn check_lengths(schema: &Schema, dialect: &dyn SqlDialect) -> Result<(), ExportError> {
    let limit = dialect.rules().max_bytes;
    let bytes = dialect.limit_in_bytes();
    let check = |kind: &'static str, name: &str| {
        let length = if bytes {
            name.len()
        } else {
            name.chars().count()
        };
        if length > limit {
            Err(ExportError::NameTooLong {
                kind,
                name: name.to_string(),
                length,
                unit: if bytes { "bytes" } else { "characters" },
                limit,
                dialect: dialect.name(),
            })
        } else {
            Ok(())
        }
    };
    for table in &schema.tables {
        check("table", &table.name)?;
        if let Some(s) = &table.schema {
            check("schema", s)?;
        }
        for column in &table.columns {
            check("column", &column.name)?;
        }
        let named = table
            .primary_key
            .iter()
            .filter_map(|k| k.name.as_deref())
            .chain(table.uniques.iter().filter_map(|k| k.name.as_deref()))
            .chain(table.checks.iter().filter_map(|k| k.name.as_deref()))
            .chain(table.foreign_keys.iter().filter_map(|k| k.name.as_deref()));
        for name in named {
            check("constraint", name)?;
        }
        for index in &table.indexes {
            check("index", &index_name(table, index))?;
        }
    }
    for enum_type in &schema.enums {
        check("type", &enum_type.name)?;
    }
    Ok(())
}

/// The enum's values as a list of literals, for CHECK (… IN (…)) and MySQL's ENUM(…).
pub fn enum_values(
    dialect: &(impl SqlDialect + ?Sized),
    column: &Column,
    cx: &Context<'_>,
) -> Option<String> {
    let DataType::Enum(id) = &column.data_type else {
        return None;
    };
    let enum_type = cx.schema.enum_type(*id)?;
    Some(
        enum_type
            .values
            .iter()
            .map(|v| dialect.literal(v))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// Identity kinds a dialect cannot tell apart become its one auto-increment form.
pub fn note_identity_kind(column: &Column, table: &Table, dialect: &str, cx: &mut Context<'_>) {
    if matches!(
        column.identity,
        Some(Identity::Always) | Some(Identity::ByDefault)
    ) {
        cx.lose(
            format!("{}.{}", table.name, column.name),
            format!("{dialect} has one auto-increment form; GENERATED … AS IDENTITY written as it"),
        );
    }
}

#[cfg(test)]
mod tests;
