//! SQLite: a changed table is rebuilt (the new shape made, the rows copied, the old dropped and
//! the new renamed), the whole in one transaction with foreign keys off.

use super::{by_id, ddl};
use crate::model::{Column, Table};
use std::collections::BTreeSet;

impl super::Writer<'_> {
    /// SQLite: new tables are created, dropped ones dropped, renamed ones renamed, and every
    /// other changed table rebuilt (create the new shape, copy the rows, drop, rename), with
    /// foreign-key enforcement off and the whole in one transaction, the views and triggers of
    /// `redo` dropped first and created last.
    pub(super) fn rebuilding(&mut self, redo: super::verbatim::Redo) {
        let old_tables = by_id(self.old);
        let new_tables = by_id(self.new);
        self.push("PRAGMA foreign_keys = OFF".to_string());
        self.push("BEGIN".to_string());
        self.out.extend(redo.drops);
        for table in &self.old.tables {
            if !new_tables.contains_key(&table.id) {
                let statement = format!("DROP TABLE {}", self.dialect.table_name(table));
                self.destroy(format!("drop table {}", table.qualified_name()), statement);
            }
        }
        for table in &self.new.tables {
            match old_tables.get(&table.id) {
                None => {
                    let mut text = String::new();
                    ddl::create_table(
                        self.dialect,
                        table,
                        &BTreeSet::new(),
                        true,
                        &mut self.cx,
                        &mut text,
                    );
                    self.push(text);
                    self.indexes(table);
                }
                Some(old) => self.rebuild_if_changed(old, table),
            }
        }
        self.out.extend(redo.creates);
        self.push("PRAGMA foreign_key_check".to_string());
        self.push("COMMIT".to_string());
        self.push("PRAGMA foreign_keys = ON".to_string());
    }

    pub(super) fn rebuild_if_changed(&mut self, old: &Table, new: &Table) {
        let renamed_only = Table {
            name: old.name.clone(),
            schema: old.schema.clone(),
            columns: new
                .columns
                .iter()
                .map(|c| Column {
                    name: old
                        .column(c.id)
                        .map(|o| o.name.clone())
                        .unwrap_or_else(|| c.name.clone()),
                    ..c.clone()
                })
                .collect(),
            ..new.clone()
        };
        let same_shape = renamed_only.columns.len() == old.columns.len()
            && renamed_only
                .columns
                .iter()
                .zip(&old.columns)
                .all(|(a, b)| a.same_in_database(b))
            && renamed_only.primary_key == old.primary_key
            && renamed_only.uniques == old.uniques
            && renamed_only.checks == old.checks
            && renamed_only.foreign_keys == old.foreign_keys
            && renamed_only.indexes == old.indexes
            && renamed_only.properties == old.properties
            // SQLite checks an enum's values in the table: a changed list is a changed table.
            && !new.columns.iter().any(|c| self.enum_changed(c));
        if same_shape {
            self.renames(old, new);
            return;
        }
        for column in &old.columns {
            if new.column(column.id).is_none() {
                self.comment(&format!(
                    "DESTRUCTIVE: drop column {}.{}",
                    new.name, column.name
                ));
                self.destructive
                    .push(format!("drop column {}.{}", new.name, column.name));
            }
        }
        // escaped where written: the scratch table's name is quoted like any table's.
        let scratch_name = format!("_schemaboard_new_{}", new.name);
        let scratch = Table {
            name: scratch_name.clone(),
            schema: None,
            ..self.with_constraint_names(new)
        };
        let mut text = String::new();
        ddl::create_table(
            self.dialect,
            &scratch,
            &BTreeSet::new(),
            true,
            &mut self.cx,
            &mut text,
        );
        self.push(text);
        let (mut to, mut from) = (Vec::new(), Vec::new());
        for column in &new.columns {
            let value = self.backfill.get(&column.id);
            match (old.column(column.id), value) {
                (Some(before), Some(value)) if before.nullable && !column.nullable => {
                    to.push(self.dialect.ident(&column.name));
                    from.push(format!(
                        "coalesce({}, {value})",
                        self.dialect.ident(&before.name)
                    ));
                }
                (Some(before), _) => {
                    to.push(self.dialect.ident(&column.name));
                    from.push(self.dialect.ident(&before.name));
                }
                (None, Some(value)) => {
                    to.push(self.dialect.ident(&column.name));
                    from.push(value.clone());
                }
                (None, None) => {}
            }
        }
        if !to.is_empty() {
            self.push(format!(
                "INSERT INTO {} ({}) SELECT {} FROM {}",
                self.dialect.ident(&scratch_name),
                to.join(", "),
                from.join(", "),
                self.dialect.table_name(old)
            ));
        }
        self.push(format!("DROP TABLE {}", self.dialect.table_name(old)));
        self.push(format!(
            "ALTER TABLE {} RENAME TO {}",
            self.dialect.ident(&scratch_name),
            self.dialect.ident(&new.name)
        ));
        self.indexes(new);
    }

    /// `table` with each unnamed constraint given the name the server would derive from the
    /// table's own name: the rebuild makes it under a scratch name, which would otherwise stay
    /// in the names derived from it after the rename.
    fn with_constraint_names(&self, table: &Table) -> Table {
        let rules = self.dialect.dialect();
        let mut named = table.clone();
        if let Some(pk) = &mut named.primary_key
            && pk.name.is_none()
        {
            pk.name = Some(ddl::names::primary_key_name(rules, table, pk));
        }
        for unique in named.uniques.iter_mut().filter(|u| u.name.is_none()) {
            unique.name = Some(self.dialect.unique_name(table, unique));
        }
        for check in named.checks.iter_mut().filter(|c| c.name.is_none()) {
            check.name = Some(ddl::names::check_name(rules, table, check));
        }
        for fk in named.foreign_keys.iter_mut().filter(|f| f.name.is_none()) {
            fk.name = Some(self.dialect.foreign_key_name(table, fk));
        }
        named
    }
}
