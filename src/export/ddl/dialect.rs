//! The `SqlDialect` trait: how each dialect spells what differs. Defaults are standard SQL.

use super::names;
use super::{Context, standard_index, translate_default};
use crate::model::{
    Column, Dialect, ForeignKey, Index, ReferentialAction, Table, UniqueConstraint,
};

/// How a dialect writes DDL. Defaults are standard SQL; each dialect overrides what differs.
pub trait SqlDialect {
    /// The model's dialect this writes: where its names, quotes and limits come from.
    fn dialect(&self) -> Dialect;
    /// The dialect's name, as on the command line.
    fn name(&self) -> &'static str {
        self.dialect().id()
    }
    /// The column's type: the source's own spelling when the column was read from this dialect
    /// (so a same-dialect round trip writes back what was read), else the portable type's.
    fn column_type(&self, table: &Table, column: &Column, cx: &mut Context<'_>) -> String {
        match self.native_type(table, column) {
            Some(spelling) => spelling.to_string(),
            None => self.portable_type(table, column, cx),
        }
    }
    /// The portable type's nearest spelling here, with a loss where it is not exact.
    fn portable_type(&self, table: &Table, column: &Column, cx: &mut Context<'_>) -> String;
    /// The type as this dialect spelled it when the column was read from it.
    fn native_type<'c>(&self, _table: &Table, column: &'c Column) -> Option<&'c str> {
        column.native_type_in(self.dialect())
    }
    /// What follows the type for a database-generated key (`GENERATED … AS IDENTITY`).
    fn identity(&self, table: &Table, column: &Column, cx: &mut Context<'_>) -> Option<String>;
    /// A computed column: the clause after the type.
    fn generated(&self, expression: &str) -> String {
        format!("GENERATED ALWAYS AS ({expression}) STORED")
    }
    /// A partition of a partitioned table, made as one (PostgreSQL): its columns and keys are
    /// the partitioned table's. `None` writes it as a table of its own.
    fn create_partition(&self, _table: &Table) -> Option<String> {
        None
    }
    /// The statement that makes a table, written as one of its own, a partition of its
    /// parent (PostgreSQL's `ALTER TABLE … ATTACH PARTITION`); `None` where there is none.
    fn attach_partition(&self, _table: &Table) -> Option<String> {
        None
    }
    /// Whether a computed column declares its type (all but SQL Server).
    fn computed_columns_typed(&self) -> bool {
        true
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
    /// Whether a default may take a sequence's next value (`nextval('s')`, PostgreSQL); the
    /// others make such a column's values with their own auto-increment instead.
    fn sequence_defaults(&self) -> bool {
        false
    }
    /// How a column says it is required.
    fn not_null(&self, _column: &Column) -> &'static str {
        "NOT NULL"
    }
    /// Whether an unnamed key or foreign key is written unnamed, for the server to name as it
    /// always does (MySQL: `t_ibfk_1`, a key after its first column); the names below are then
    /// the ones the server will have given.
    fn server_names_unnamed(&self) -> bool {
        false
    }
    /// A unique constraint's name in the database.
    fn unique_name(&self, table: &Table, unique: &UniqueConstraint) -> String {
        names::unique_name(self.dialect(), table, unique)
    }
    /// A foreign key's name in the database.
    fn foreign_key_name(&self, table: &Table, fk: &ForeignKey) -> String {
        names::foreign_key_name(self.dialect(), table, fk)
    }
    /// An index's name in the database.
    fn index_name(&self, table: &Table, index: &Index) -> String {
        super::index_name(table, index)
    }
    /// Whether the server takes this check on this table.
    fn check_allowed(
        &self,
        _table: &Table,
        _check: &crate::model::CheckConstraint,
    ) -> Result<(), String> {
        Ok(())
    }
    /// Whether index names share one namespace per schema with tables (PostgreSQL, SQLite),
    /// rather than being per table (MySQL, SQL Server).
    fn index_names_per_schema(&self) -> bool {
        matches!(self.dialect(), Dialect::Postgres | Dialect::Sqlite)
    }
    /// Whether an index key may index a prefix of a column (MySQL's `name(10)`).
    fn key_prefixes(&self) -> bool {
        false
    }
    /// Whether NO ACTION must be written out: MySQL records an action left unsaid as RESTRICT.
    fn says_no_action(&self) -> bool {
        false
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
    /// The statement that says an index's comment, run after the index is made; where the
    /// dialect has no index comments, `None` with a loss.
    fn index_comment(&self, table: &Table, index: &Index, cx: &mut Context<'_>) -> Option<String> {
        if !index.comment.is_empty() {
            cx.lose(
                format!("index {}", super::index_name(table, index)),
                format!("{} keeps no index comments; left out", self.name()),
            );
        }
        None
    }
    /// Whether the dialect writes MySQL's version gates (`/*!50705 … */`) back.
    fn version_gates(&self) -> bool {
        false
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
    /// `ALTER TABLE … DROP` of a check the model has no name for, where a server that names
    /// such checks itself may have made it from the user's own SQL: `derived` is the name
    /// Schemaboard's DDL gives it, `expression` its clause as this dialect writes it, and
    /// `on_column` the column it was written on with that column's definition. `None` where the
    /// derived name is the real one.
    fn drop_unnamed_check(
        &self,
        _table: &Table,
        _derived: &str,
        _expression: &str,
        _on_column: Option<(&str, &str)>,
    ) -> Option<String> {
        None
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
            let target = new.schema.as_deref().or(self.dialect().default_schema());
            out.push(format!(
                "ALTER TABLE {} SET SCHEMA {}",
                self.table_name(&current),
                self.ident(target.unwrap_or_default())
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
            // Between string types the assignment cast refuses a value that does not fit; the
            // explicit cast of a USING clause would cut it.
            let strings = |c: &Column| {
                matches!(
                    c.data_type,
                    crate::model::DataType::Varchar(_)
                        | crate::model::DataType::Char(_)
                        | crate::model::DataType::Text
                )
            };
            if strings(old) && strings(new) {
                out.push(format!("{prefix} TYPE {new_type}"));
            } else {
                out.push(format!(
                    "{prefix} TYPE {new_type} USING {}::{new_type}",
                    self.ident(&new.name)
                ));
            }
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
    /// The statement that sets (an empty `text`: removes) the comment of `table`, or of its
    /// column named `column`, in a migration; `None` where the dialect keeps it elsewhere (in
    /// the column's definition) or not at all.
    fn set_comment(&self, _table: &Table, _column: Option<&str>, _text: &str) -> Option<String> {
        None
    }
    /// A statement that stops the migration with `message`, before it changes anything more,
    /// when `table` has a row for which `condition` (SQL over its columns) holds; `None` where
    /// plain SQL cannot raise an error.
    fn guard(&self, _table: &Table, _condition: &str, _message: &str) -> Option<String> {
        None
    }
    /// Adds a value to a named enum type (PostgreSQL), placed before the existing value
    /// `before` (at the end without one); `None` where enums live in columns.
    fn add_enum_value(
        &self,
        _enum_type: &crate::model::EnumType,
        _value: &str,
        _before: Option<&str>,
    ) -> Option<String> {
        None
    }
    /// The identifier as written.
    fn ident(&self, name: &str) -> String {
        names::ident(self.dialect(), &self.server_name(name))
    }
    /// The name as the server keeps it: cut at the length limit (at a character boundary), the
    /// way PostgreSQL truncates a long identifier; [`super::check_lengths`] reports each cut.
    fn server_name<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        let repaired = self.name_repair(name);
        let name: &str = &repaired;
        match self.dialect().name_limit() {
            Some(limit) if limit.measure(name) > limit.max() => limit.cut(name).to_string().into(),
            _ => repaired,
        }
    }
    /// The name with what the server refuses in a quoted name replaced (`_` for a NUL, which no
    /// server takes); [`super::check_lengths`] reports each repair.
    fn name_repair<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        if name.contains('\0') {
            name.replace('\0', "_").into()
        } else {
            name.into()
        }
    }
    /// A string literal.
    fn literal(&self, text: &str) -> String {
        names::string_literal(text, self.dialect().backslash_escapes())
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
