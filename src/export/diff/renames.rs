//! Renames of tables and columns, and of the constraint and index names derived from them.

use super::ddl::names;
use crate::model::Table;

impl super::Writer<'_> {
    /// Renames the table (and moves it to its new schema) and its renamed columns.
    pub(super) fn renames(&mut self, old: &Table, new: &Table) {
        let moved = old.schema != new.schema && self.dialect.has_schemas();
        if old.name != new.name || moved {
            for statement in self.dialect.rename_table(old, new) {
                self.push(statement);
            }
        }
        for column in &new.columns {
            if let Some(before) = old.column(column.id)
                && before.name != column.name
            {
                self.push(self.dialect.rename_column(new, &before.name, &column.name));
            }
        }
        self.rename_derived_names(old, new);
    }

    /// PostgreSQL keeps the names it gave unnamed constraints and indexes when their table or
    /// column is renamed, while the model derives them from the new names: each kept one whose
    /// derived name changes is renamed too, so the next migration finds it by that name.
    pub(super) fn rename_derived_names(&mut self, old: &Table, new: &Table) {
        if self.dialect.dialect() != crate::model::Dialect::Postgres {
            return;
        }
        let rules = self.dialect.dialect();
        let mut constraints = Vec::new();
        if let (Some(a), Some(b)) = (&old.primary_key, &new.primary_key)
            && a == b
        {
            constraints.push((
                names::primary_key_name(rules, old, a),
                names::primary_key_name(rules, new, b),
            ));
        }
        for a in &old.uniques {
            if let Some(b) = new.uniques.iter().find(|b| b.id == a.id && *b == a) {
                constraints.push((
                    self.dialect.unique_name(old, a),
                    self.dialect.unique_name(new, b),
                ));
            }
        }
        for a in &old.foreign_keys {
            if let Some(b) = new.foreign_keys.iter().find(|b| b.id == a.id && *b == a) {
                constraints.push((
                    self.dialect.foreign_key_name(old, a),
                    self.dialect.foreign_key_name(new, b),
                ));
            }
        }
        for a in &old.checks {
            if let Some(b) = new.checks.iter().find(|b| b.id == a.id && *b == a) {
                constraints.push((
                    names::check_name(rules, old, a),
                    names::check_name(rules, new, b),
                ));
            }
        }
        for (before, after) in constraints.into_iter().filter(|(a, b)| a != b) {
            self.push(format!(
                "ALTER TABLE {} RENAME CONSTRAINT {} TO {}",
                self.dialect.table_name(new),
                self.dialect.ident(&before),
                self.dialect.ident(&after)
            ));
        }
        for a in &old.indexes {
            let Some(b) = new.indexes.iter().find(|b| b.id == a.id) else {
                continue;
            };
            let (before, after) = (
                self.dialect.index_name(old, a),
                self.dialect.index_name(new, b),
            );
            if before != after && !self.remade(a, b) {
                let qualified = match &new.schema {
                    Some(schema) => format!(
                        "{}.{}",
                        self.dialect.ident(schema),
                        self.dialect.ident(&before)
                    ),
                    None => self.dialect.ident(&before),
                };
                self.push(format!(
                    "ALTER INDEX {qualified} RENAME TO {}",
                    self.dialect.ident(&after)
                ));
            }
        }
    }
}
