//! Migrations: the script that turns a database made from one version of a model into the next.
//!
//! Changes are found by stable ids, so a rename is a rename (never a drop and an add) and nothing
//! is guessed. Statements come in an order every dialect accepts: what goes away first (foreign
//! keys, indexes, constraints), then renames, new types and tables, column changes, drops, and
//! finally the new constraints, indexes and foreign keys. SQLite, whose ALTER TABLE cannot change
//! a column or a constraint, gets its documented table-rebuild recipe inside a transaction.
//! Steps that can lose data (dropping a table or column, narrowing a type) are marked in the
//! script and listed in [`Migration::destructive`].

use super::ddl::{
    self, Context, ExportError, Loss, SqlDialect, check_clause, column_definition, foreign_key,
    names, primary_key_clause, unique_clause,
};
use crate::model::{Column, DataType, Schema, Table, TableId};
use std::collections::{BTreeMap, BTreeSet};

mod checks;
mod columns;
mod enums;
mod guards;
use guards::narrows;
mod renames;
mod safe;
mod sqlite;
mod verbatim;
pub mod versions;

/// A migration script and what it puts at risk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Migration {
    /// The script.
    pub sql: String,
    /// Each step that can lose data, in script order.
    pub destructive: Vec<String>,
    /// What the dialect could not express.
    pub losses: Vec<Loss>,
}

/// How a migration is written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// PostgreSQL on a live database: lock and statement timeouts, indexes built and dropped
    /// concurrently, foreign keys and checks added `NOT VALID` and validated after, NOT NULL
    /// through a validated check, unique constraints over a concurrently built index. Other
    /// dialects ignore it.
    pub safe: bool,
    /// Values for the rows already there where a column becomes NOT NULL or is added NOT NULL
    /// without a default: the rows get the value first, and the step no longer needs a guard.
    pub backfill: Vec<Backfill>,
}

/// The value the rows already in a table get in a column that becomes required.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backfill {
    /// The table, as the new model names it (schema-qualified where it has a schema).
    pub table: String,
    /// The column, as the new model names it.
    pub column: String,
    /// An SQL expression of the target dialect (`0`, `'none'`, `created_at`); it is parsed
    /// before it is written, and refused unless it is exactly one expression.
    pub value: String,
}

/// The script from `old` to `new` for `dialect`. For the way back, swap the two.
pub fn migration(
    old: &Schema,
    new: &Schema,
    dialect: &dyn SqlDialect,
) -> Result<Migration, ExportError> {
    migration_with(old, new, dialect, &Options::default())
}

/// [`migration`], written as `options` say.
pub fn migration_with(
    old: &Schema,
    new: &Schema,
    dialect: &dyn SqlDialect,
    options: &Options,
) -> Result<Migration, ExportError> {
    ddl::check_verbatim_clauses(new, dialect)?;
    let backfill = columns::backfills(new, dialect, &options.backfill)?;
    let cuts = ddl::check_lengths(new, dialect)?;
    let mut writer = Writer {
        dialect,
        old,
        new,
        out: Vec::new(),
        first: Vec::new(),
        after: Vec::new(),
        safe: options.safe && dialect.dialect() == crate::model::Dialect::Postgres,
        destructive: Vec::new(),
        cx: Context::new(new),
        keyed_early: BTreeSet::new(),
        renumber: Vec::new(),
        backfill,
        enums_aside: Vec::new(),
        keys_after: BTreeSet::new(),
    };
    for cut in cuts {
        writer.cx.lose(cut.object, cut.message);
    }
    let redo = writer.verbatim_redo();
    if dialect.alter_add_foreign_key() {
        writer.out.extend(redo.drops);
        writer.in_place();
        writer.out.extend(redo.creates);
    } else {
        writer.rebuilding(redo);
    }
    let sep = dialect.separator();
    let mut sql = format!(
        "-- Migration of {} for {}, written by Schemaboard\n\n",
        ddl::sql_comment(&new.name),
        dialect.name()
    );
    if dialect.dialect() == crate::model::Dialect::MySql
        && writer.out.iter().any(|s| !s.starts_with("--"))
    {
        sql.push_str(
            "-- MySQL and MariaDB commit each DDL statement as it runs: a step that fails leaves \
             those before it done. Each step that could reject or lose values has a guard before \
             it that stops the script first.\n\n",
        );
    }
    // PostgreSQL changes its catalog in transactions: a step that fails takes the others back
    // with it, so a failure leaves the database as it was.
    let transactional = dialect.dialect() == crate::model::Dialect::Postgres
        && writer.out.iter().any(|s| !s.starts_with("--"));
    let mut statements = Vec::new();
    if writer.safe {
        statements.push(
            "-- Safe mode: waits at most 5 s for a lock and 10 min for a statement (raise them \
             for tables that take longer to scan)"
                .to_string(),
        );
        statements.push("SET lock_timeout = '5s'".to_string());
        statements.push("SET statement_timeout = '10min'".to_string());
    }
    if !writer.first.is_empty() {
        statements.push(
            "-- First, each committed on its own: new enum values (PostgreSQL lets no \
             transaction use a value it added) and, in safe mode, indexes dropped concurrently"
                .to_string(),
        );
        statements.append(&mut writer.first);
    }
    if transactional {
        statements.push("BEGIN".to_string());
    }
    statements.append(&mut writer.out);
    if transactional {
        statements.push("COMMIT".to_string());
    }
    if !writer.after.is_empty() {
        statements.push(
            "-- After the commit, each on its own (no transaction may hold them): indexes built \
             concurrently, and the constraints added NOT VALID above validated without \
             blocking writes"
                .to_string(),
        );
        statements.append(&mut writer.after);
    }
    for statement in &statements {
        sql.push_str(statement);
        if statement.starts_with("--") {
            sql.push('\n');
        } else {
            sql.push_str(sep);
        }
    }
    Ok(Migration {
        sql,
        destructive: writer.destructive,
        losses: writer.cx.into_losses(),
    })
}

struct Writer<'a> {
    dialect: &'a dyn SqlDialect,
    old: &'a Schema,
    new: &'a Schema,
    out: Vec<String>,
    /// Statements a transaction cannot hold or that must be committed before the rest uses
    /// them: PostgreSQL's new enum values; in safe mode, indexes dropped concurrently.
    first: Vec<String>,
    /// In safe mode, what runs after the transaction: concurrent index builds, validations.
    after: Vec<String>,
    /// Whether to write PostgreSQL's safe forms ([`Options::safe`]).
    safe: bool,
    destructive: Vec<String>,
    cx: Context<'a>,
    /// Tables whose new primary key came with the column it is over (MySQL's AUTO_INCREMENT).
    keyed_early: BTreeSet<TableId>,
    /// Columns whose AUTO_INCREMENT was taken off for their key to be dropped (MySQL), to be
    /// numbered again once the new key is there.
    renumber: Vec<(TableId, crate::model::ColumnId)>,
    /// [`Options::backfill`], by column.
    backfill: BTreeMap<crate::model::ColumnId, String>,
    /// Enum types renamed aside by a rebuild, dropped once no column uses them.
    enums_aside: Vec<String>,
    /// In safe mode, tables whose new key or unique constraint is built after the commit, so
    /// foreign keys that reference them come after it too.
    keys_after: BTreeSet<TableId>,
}

fn by_id(schema: &Schema) -> BTreeMap<TableId, &Table> {
    schema.tables.iter().map(|t| (t.id, t)).collect()
}

impl Writer<'_> {
    fn push(&mut self, statement: String) {
        self.out.push(statement);
    }

    /// An SQL comment line: the model's names in it cannot end it.
    fn comment(&mut self, text: &str) {
        self.push(format!("-- {}", ddl::sql_comment(text)));
    }

    fn destroy(&mut self, what: String, statement: String) {
        self.comment(&format!("DESTRUCTIVE: {what}"));
        self.push(statement);
        self.destructive.push(what);
    }

    /// Dialects with a full ALTER TABLE.
    fn in_place(&mut self) {
        let (old_tables, new_tables) = (by_id(self.old), by_id(self.new));
        let kept: Vec<(&Table, &Table)> = self
            .new
            .tables
            .iter()
            .filter_map(|t| old_tables.get(&t.id).map(|o| (*o, t)))
            .collect();

        // Where foreign keys must keep an index (InnoDB), one whose index goes is dropped and
        // added again around it.
        let mut recreate = BTreeSet::new();
        if self.dialect.foreign_keys_need_an_index() {
            for (old, new) in &kept {
                for index in old.indexes.iter().filter(|i| !new.indexes.contains(i)) {
                    for fk in &old.foreign_keys {
                        let leads = fk.columns.iter().enumerate().all(|(n, c)| {
                            index
                                .keys
                                .get(n)
                                .is_some_and(|k| k.target == crate::model::IndexTarget::Column(*c))
                        });
                        if leads {
                            recreate.insert(fk.id);
                        }
                    }
                }
            }
        }

        // A key that foreign keys reference cannot be dropped under them ("other objects depend
        // on it", errno 150): those foreign keys go first and come back after the new key.
        let rekeyed: BTreeSet<TableId> = kept
            .iter()
            .filter(|(old, new)| {
                old.primary_key != new.primary_key
                    || old.uniques.iter().any(|u| !new.uniques.contains(u))
            })
            .map(|(old, _)| old.id)
            .collect();
        for (old, _) in &kept {
            for fk in old
                .foreign_keys
                .iter()
                .filter(|f| rekeyed.contains(&f.references))
            {
                recreate.insert(fk.id);
            }
        }

        // 1. What goes away, under the old names. The foreign keys of tables that go, first:
        // then no dropped table holds up another (a parent dropped before its child) or a key.
        for table in self
            .old
            .tables
            .iter()
            .filter(|t| !new_tables.contains_key(&t.id))
        {
            for fk in &table.foreign_keys {
                let name = self.dialect.foreign_key_name(table, fk);
                self.push(self.dialect.drop_foreign_key(table, &name));
            }
        }
        for (old, new) in &kept {
            for fk in &old.foreign_keys {
                if recreate.contains(&fk.id)
                    || new.foreign_keys.iter().find(|f| f.id == fk.id) != Some(fk)
                {
                    let name = self.dialect.foreign_key_name(old, fk);
                    self.push(self.dialect.drop_foreign_key(old, &name));
                }
            }
        }
        for (old, new) in &kept {
            for index in &old.indexes {
                let now = new.indexes.iter().find(|i| i.id == index.id);
                if now.is_none_or(|now| self.remade(index, now)) {
                    let drop = self
                        .dialect
                        .drop_index(old, &self.dialect.index_name(old, index));
                    if self.safe {
                        self.first
                            .push(drop.replacen("DROP INDEX", "DROP INDEX CONCURRENTLY", 1));
                    } else {
                        self.push(drop);
                    }
                }
            }
            for check in &old.checks {
                if self.check_goes(old, new, check) {
                    self.drop_check(old, check);
                }
            }
            for unique in &old.uniques {
                if new.uniques.iter().find(|u| u.id == unique.id) != Some(unique) {
                    self.push(
                        self.dialect
                            .drop_unique(old, &self.dialect.unique_name(old, unique)),
                    );
                }
            }
            if let Some(pk) = &old.primary_key
                && new.primary_key.as_ref() != Some(pk)
            {
                self.unnumber_key_columns(old, new, pk);
                self.push(self.dialect.drop_primary_key(
                    old,
                    &names::primary_key_name(self.dialect.dialect(), old, pk),
                ));
            }
        }
        // Foreign keys from dropped tables into kept ones go with their tables; those from kept
        // tables into dropped ones were removed above (the new model no longer has them).

        // 2. Schemas the new model uses first (a table may move into one), then renames.
        self.new_schemas();
        for (old, new) in &kept {
            self.renames(old, new);
        }

        // 3. Types and tables that are new.
        self.enum_changes();
        let fresh: Vec<&Table> = self
            .new
            .tables
            .iter()
            .filter(|t| !old_tables.contains_key(&t.id))
            .collect();
        for table in &fresh {
            let all: BTreeSet<_> = table.foreign_keys.iter().map(|f| f.id).collect();
            let mut text = String::new();
            ddl::create_table(self.dialect, table, &all, false, &mut self.cx, &mut text);
            self.push(text);
        }

        // 4. Columns.
        for (old, new) in &kept {
            for column in &new.columns {
                match old.column(column.id) {
                    None => {
                        let backfill = self.backfill.get(&column.id).cloned();
                        if let Some(value) = backfill.filter(|_| !column.nullable) {
                            self.add_backfilled(new, column, &value);
                            continue;
                        }
                        // A generated column numbers the rows there: nothing is missing.
                        if columns::wants_a_value(column) {
                            // Renames ran before: the table has its new name.
                            self.guard(
                                new,
                                "TRUE",
                                format!(
                                    "{} has rows, and the new column {} is NOT NULL without a \
                                     default: give it a default, or add it nullable and fill it first",
                                    new.name, column.name
                                ),
                            );
                        }
                        let definition =
                            column_definition(self.dialect, new, column, &mut self.cx).0;
                        let mut statement = self.dialect.add_column(new, &definition);
                        // MySQL takes AUTO_INCREMENT only on a key: a new key over the new
                        // column comes in the same statement, not with the other keys below.
                        if let Some(pk) = &new.primary_key
                            && column.identity.is_some()
                            && self.dialect.dialect() == crate::model::Dialect::MySql
                            && pk.columns.contains(&column.id)
                            && old.primary_key.as_ref() != Some(pk)
                        {
                            statement.push_str(&format!(
                                ", ADD {}",
                                primary_key_clause(self.dialect, new, pk)
                            ));
                            self.keyed_early.insert(new.id);
                        }
                        self.push(statement);
                    }
                    Some(before) => {
                        let renamed = Column {
                            name: column.name.clone(),
                            ..before.clone()
                        };
                        let filled = match self.backfill.get(&column.id).cloned() {
                            Some(value) if before.nullable && !column.nullable => {
                                let name = self.dialect.ident(&column.name);
                                self.push(format!(
                                    "UPDATE {} SET {name} = {value} WHERE {name} IS NULL",
                                    self.dialect.table_name(new)
                                ));
                                true
                            }
                            _ => false,
                        };
                        self.guard_change(new, before, column, filled);
                        if narrows(&before.data_type, &column.data_type) {
                            self.destructive.push(format!(
                                "{}.{}: {} narrowed to {}",
                                new.name,
                                column.name,
                                self.new.type_name(before),
                                self.new.type_name(column)
                            ));
                            self.comment(&format!(
                                "DESTRUCTIVE: {}.{} narrowed; values that do not fit fail or are cut",
                                new.name, column.name
                            ));
                        }
                        let numbering = if before.identity == column.identity {
                            Some(Vec::new())
                        } else {
                            self.identity_change(new, before, column)
                        };
                        if numbering.is_none() {
                            self.cx.lose(
                                format!("{}.{}", new.name, column.name),
                                "this change of numbering (serial, AUTO_INCREMENT, identity) is \
                                 not migrated; change the column by hand",
                            );
                        }
                        // Safe mode sets NOT NULL through a check, after the rest of the change.
                        let through_a_check = self.safe && before.nullable && !column.nullable;
                        let target = if through_a_check {
                            Column {
                                nullable: true,
                                ..column.clone()
                            }
                        } else {
                            column.clone()
                        };
                        let statements =
                            self.dialect
                                .alter_column(new, &renamed, &target, &mut self.cx);
                        // MySQL keeps an enum's values in each column that uses it: a changed
                        // list is a changed column, which the definitions (both read with the
                        // new list) do not show.
                        if statements.is_empty()
                            && self.dialect.dialect() == crate::model::Dialect::MySql
                            && self.enum_changed(column)
                        {
                            self.guard_removed_enum_values(new, column);
                            let definition =
                                column_definition(self.dialect, new, column, &mut self.cx).0;
                            self.push(format!(
                                "ALTER TABLE {} MODIFY COLUMN {definition}",
                                self.dialect.table_name(new)
                            ));
                        }
                        for statement in statements {
                            self.push(statement);
                        }
                        for statement in numbering.unwrap_or_default() {
                            self.push(statement);
                        }
                        if through_a_check {
                            self.not_null_through_a_check(new, column);
                        }
                    }
                }
            }
            for column in &old.columns {
                if new.column(column.id).is_none() {
                    let statement = format!(
                        "ALTER TABLE {} DROP COLUMN {}",
                        self.dialect.table_name(new),
                        self.dialect.ident(&column.name)
                    );
                    self.destroy(
                        format!("drop column {}.{}", new.name, column.name),
                        statement,
                    );
                }
            }
        }
        for table in &self.old.tables {
            if !new_tables.contains_key(&table.id) {
                let statement = format!("DROP TABLE {}", self.dialect.table_name(table));
                self.destroy(format!("drop table {}", table.qualified_name()), statement);
            }
        }

        // 5. What is new, under the new names: comments first.
        for (old, new) in &kept {
            if old.comment != new.comment
                && let Some(statement) = self.dialect.set_comment(new, None, &new.comment)
            {
                self.push(statement);
            }
            for column in &new.columns {
                let before = old.column(column.id).map_or("", |c| c.comment.as_str());
                if before != column.comment
                    && let Some(statement) =
                        self.dialect
                            .set_comment(new, Some(&column.name), &column.comment)
                {
                    self.push(statement);
                }
            }
        }
        for table in &fresh {
            for statement in self.dialect.comments(table) {
                self.push(statement);
            }
        }
        for (old, new) in &kept {
            if let Some(pk) = &new.primary_key
                && old.primary_key.as_ref() != Some(pk)
                && !self.keyed_early.contains(&new.id)
            {
                if self.safe {
                    self.primary_key_over_an_index(new, pk);
                } else {
                    let clause = primary_key_clause(self.dialect, new, pk);
                    self.add(new, clause);
                }
            }
            for column in self
                .renumber
                .iter()
                .filter(|(t, _)| *t == new.id)
                .map(|(_, c)| *c)
            {
                if let Some(column) = new.column(column) {
                    let definition = column_definition(self.dialect, new, column, &mut self.cx).0;
                    self.out.push(format!(
                        "ALTER TABLE {} MODIFY COLUMN {definition}",
                        self.dialect.table_name(new)
                    ));
                }
            }
            for unique in &new.uniques {
                if old.uniques.iter().find(|u| u.id == unique.id) != Some(unique) {
                    if self.safe {
                        self.keys_after.insert(new.id);
                        self.unique_over_an_index(new, unique);
                    } else {
                        let clause = unique_clause(self.dialect, new, unique);
                        self.add(new, clause);
                    }
                }
            }
            for check in &new.checks {
                if (old.checks.iter().find(|c| c.id == check.id) != Some(check)
                    || self.check_rides_on_changed_column(old, new, check))
                    && let Some(clause) = check_clause(self.dialect, new, check, &mut self.cx)
                {
                    let name = names::check_name(self.dialect.dialect(), new, check);
                    self.add_validated(new, clause, &name);
                }
            }
        }
        for table in &self.new.tables {
            let before = old_tables.get(&table.id);
            for index in &table.indexes {
                let was = before.and_then(|o| o.indexes.iter().find(|i| i.id == index.id));
                match was {
                    Some(was) if was == index => {}
                    Some(was) if !self.remade(was, index) => {
                        if let Some(statement) =
                            self.dialect.index_comment(table, index, &mut self.cx)
                        {
                            self.push(statement);
                        }
                    }
                    _ => self.create_index(table, index),
                }
            }
        }
        for table in &self.new.tables {
            let before = old_tables.get(&table.id);
            for fk in &table.foreign_keys {
                let unchanged = !recreate.contains(&fk.id)
                    && before.is_some_and(|o| o.foreign_keys.iter().any(|f| f == fk));
                if !unchanged {
                    let clause = foreign_key(self.dialect, table, fk, &mut self.cx);
                    let name = self.dialect.foreign_key_name(table, fk);
                    if self.keys_after.contains(&fk.references) {
                        // The key it references is built after the commit: so is it.
                        self.add_after_the_keys(table, clause, &name);
                    } else {
                        self.add_validated(table, clause, &name);
                    }
                }
            }
        }
        self.dropped_enums();
    }

    /// Whether `column` is of an enum type whose values differ between the two models.
    fn enum_changed(&self, column: &Column) -> bool {
        let DataType::Enum(id) = column.data_type else {
            return false;
        };
        let values = |schema: &Schema| schema.enum_type(id).map(|e| e.values.clone());
        values(self.old).is_some_and(|before| Some(before) != values(self.new))
    }

    /// Creates the schemas (MySQL: databases) the new model's tables and types are in and the
    /// old model's are not.
    fn new_schemas(&mut self) {
        if !self.dialect.has_schemas() {
            return;
        }
        let used = |schema: &Schema| -> BTreeSet<String> {
            schema
                .tables
                .iter()
                .filter_map(|t| t.schema.clone())
                .chain(schema.enums.iter().filter_map(|e| e.schema.clone()))
                .collect()
        };
        let before = used(self.old);
        for name in used(self.new).difference(&before) {
            self.push(self.dialect.create_schema(name));
        }
    }

    fn add(&mut self, table: &Table, clause: String) {
        self.push(format!(
            "ALTER TABLE {} ADD {clause}",
            self.dialect.table_name(table)
        ));
    }

    fn indexes(&mut self, table: &Table) {
        for index in &table.indexes {
            self.create_index(table, index);
        }
    }

    /// CREATE INDEX, and the statement for its comment where the dialect says that apart.
    fn create_index(&mut self, table: &Table, index: &crate::model::Index) {
        if let Some(statement) = self.dialect.create_index(table, index, &mut self.cx) {
            if self.safe {
                // Our own CREATE [UNIQUE] INDEX: the keyword goes after INDEX.
                self.after
                    .push(statement.replacen(" INDEX ", " INDEX CONCURRENTLY ", 1));
                if !index.comment.is_empty()
                    && let Some(comment) = self.dialect.index_comment(table, index, &mut self.cx)
                {
                    self.after.push(comment);
                }
                return;
            }
            self.push(statement);
            if !index.comment.is_empty()
                && let Some(comment) = self.dialect.index_comment(table, index, &mut self.cx)
            {
                self.push(comment);
            }
        }
    }

    /// Whether an index must be dropped and made again to become `new`: any change but its
    /// comment, which has a statement of its own except in MySQL (there it is in CREATE INDEX).
    fn remade(&self, old: &crate::model::Index, new: &crate::model::Index) -> bool {
        if self.dialect.dialect() == crate::model::Dialect::MySql {
            return old != new;
        }
        let bare = |index: &crate::model::Index| crate::model::Index {
            comment: String::new(),
            ..index.clone()
        };
        bare(old) != bare(new)
    }
}

#[cfg(test)]
mod tests;
