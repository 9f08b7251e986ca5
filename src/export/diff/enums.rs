//! Enum types that are named types (PostgreSQL): new ones created, new values added where the
//! model has them, and a type that loses values or changes their order rebuilt under its name,
//! each column that uses it cast through text, after a guard that no row holds a value the type
//! no longer has.

use super::ddl::Context;
use crate::model::{Column, DataType, EnumType, Schema};
use std::collections::{BTreeMap, BTreeSet};

/// Whether `now` drops values of `before` or puts the ones it keeps in another order: what
/// PostgreSQL cannot do in place (its types only take new values), so the type is rebuilt.
pub(super) fn loses_or_reorders(before: &EnumType, now: &EnumType) -> bool {
    let kept_before = before.values.iter().filter(|v| now.values.contains(v));
    let kept_now = now.values.iter().filter(|v| before.values.contains(v));
    before.values.iter().any(|v| !now.values.contains(v)) || !kept_before.eq(kept_now)
}

impl super::Writer<'_> {
    /// The enum types this migration rebuilds (PostgreSQL), by id.
    pub(super) fn rebuilt_enums(&self) -> BTreeSet<crate::model::EnumId> {
        if self.dialect.dialect() != crate::model::Dialect::Postgres {
            return BTreeSet::new();
        }
        let old_enums: BTreeMap<_, _> = self.old.enums.iter().map(|e| (e.id, e)).collect();
        self.new
            .enums
            .iter()
            .filter(|e| {
                old_enums
                    .get(&e.id)
                    .is_some_and(|b| loses_or_reorders(b, e))
            })
            .map(|e| e.id)
            .collect()
    }

    /// New enum types, and values added to existing ones, where enums are named types.
    pub(super) fn enum_changes(&mut self) {
        let old_enums: BTreeMap<_, _> = self.old.enums.iter().map(|e| (e.id, e)).collect();
        for enum_type in &self.new.enums {
            match old_enums.get(&enum_type.id) {
                None => {
                    if let Some(statement) = self.create_enum(enum_type) {
                        self.push(statement);
                    }
                }
                Some(before) => {
                    let removed: Vec<&String> = before
                        .values
                        .iter()
                        .filter(|v| !enum_type.values.contains(v))
                        .collect();
                    let named_types = self.create_enum(enum_type).is_some();
                    if !loses_or_reorders(before, enum_type) || !named_types {
                        self.add_enum_values(before, enum_type);
                    } else if self.dialect.dialect() == crate::model::Dialect::Postgres {
                        self.rebuild_enum(before, enum_type, &removed);
                    } else {
                        self.cx.lose(
                            format!("type {}", enum_type.name),
                            "removing or reordering an enum type's values is not migrated",
                        );
                    }
                }
            }
        }
    }

    /// Values added to a type that keeps the others in their order.
    fn add_enum_values(&mut self, before: &EnumType, enum_type: &EnumType) {
        for (at, value) in enum_type.values.iter().enumerate() {
            if before.values.contains(value) {
                continue;
            }
            // Where the model has it: before the next value the type already has (new values
            // after it are placed before that one too, in order).
            let next = enum_type.values[at + 1..]
                .iter()
                .find(|v| before.values.contains(v))
                .map(String::as_str);
            if let Some(statement) = self.dialect.add_enum_value(enum_type, value, next) {
                self.first.push(statement);
            }
        }
    }

    /// PostgreSQL cannot drop or move an enum's value: the type is renamed aside, made again
    /// with the new list, each column cast to it through text (its default taken off and put
    /// back, as a default of the old type does not cast), and the old type dropped at the end.
    fn rebuild_enum(&mut self, before: &EnumType, enum_type: &EnumType, removed: &[&String]) {
        let users: Vec<(&crate::model::Table, &Column)> = self
            .new
            .tables
            .iter()
            .filter(|t| self.old.table(t.id).is_some())
            .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
            .filter(|(t, c)| {
                c.data_type == DataType::Enum(enum_type.id)
                    && self.old.table(t.id).and_then(|o| o.column(c.id)).is_some()
            })
            .collect();
        if !removed.is_empty() {
            for (table, column) in &users {
                self.guard_values(table, column, removed, &enum_type.name);
            }
        }
        let name = self.enum_name(enum_type);
        let aside = EnumType {
            name: format!("{}_before_migration", enum_type.name),
            ..before.clone()
        };
        self.push(format!(
            "ALTER TYPE {name} RENAME TO {}",
            self.dialect.ident(&aside.name)
        ));
        if let Some(create) = self.create_enum(enum_type) {
            self.push(create);
        }
        for (table, column) in users {
            let name_of = self.dialect.ident(&column.name);
            let alter = format!(
                "ALTER TABLE {} ALTER COLUMN {name_of}",
                self.dialect.table_name(table)
            );
            // The default the database has now is the old model's.
            let had_default = self
                .old
                .table(table.id)
                .and_then(|t| t.column(column.id))
                .is_some_and(|c| c.default.is_some());
            if had_default {
                self.push(format!("{alter} DROP DEFAULT"));
            }
            self.push(format!("{alter} TYPE {name} USING {name_of}::text::{name}"));
            if column.default.is_some() {
                let bare = Column {
                    default: None,
                    ..column.clone()
                };
                for statement in self
                    .dialect
                    .alter_column(table, &bare, column, &mut self.cx)
                {
                    self.push(statement);
                }
            }
        }
        self.enums_aside.push(self.enum_name(&aside));
    }

    /// Where enums live in columns (MySQL): a guard that no row of `column` holds a value its
    /// type no longer has, as the changed column would refuse it or make it ''.
    pub(super) fn guard_removed_enum_values(
        &mut self,
        table: &crate::model::Table,
        column: &Column,
    ) {
        let DataType::Enum(id) = column.data_type else {
            return;
        };
        let (Some(before), Some(now)) = (self.old.enum_type(id), self.new.enum_type(id)) else {
            return;
        };
        let removed: Vec<&String> = before
            .values
            .iter()
            .filter(|v| !now.values.contains(v))
            .collect();
        if !removed.is_empty() {
            self.guard_values(table, column, &removed, &now.name);
        }
    }

    /// A guard that no row of `column` holds one of `removed`, values of the type `type_name`.
    fn guard_values(
        &mut self,
        table: &crate::model::Table,
        column: &Column,
        removed: &[&String],
        type_name: &str,
    ) {
        let values: Vec<String> = removed.iter().map(|v| self.dialect.literal(v)).collect();
        let place = super::ddl::column_label(table, column);
        let cast = if self.dialect.dialect() == crate::model::Dialect::Postgres {
            "::text"
        } else {
            ""
        };
        self.guard(
            table,
            &format!(
                "{}{cast} IN ({})",
                self.dialect.ident(&column.name),
                values.join(", ")
            ),
            format!(
                "{place} holds {}, which the type {type_name} no longer has: change those rows first",
                removed
                    .iter()
                    .map(|v| format!("'{v}'"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        );
    }

    /// Drops the types no longer in the model, and those renamed aside by a rebuild.
    pub(super) fn dropped_enums(&mut self) {
        for name in std::mem::take(&mut self.enums_aside) {
            self.push(format!("DROP TYPE {name}"));
        }
        let new_ids: std::collections::BTreeSet<_> = self.new.enums.iter().map(|e| e.id).collect();
        for enum_type in self.old.enums.iter().filter(|e| !new_ids.contains(&e.id)) {
            if self.create_enum(enum_type).is_some() {
                let name = self.enum_name(enum_type);
                self.push(format!("DROP TYPE {name}"));
            }
        }
    }

    /// The dialect's CREATE TYPE of `enum_type`; `None` where enums are not named types.
    fn create_enum(&self, enum_type: &EnumType) -> Option<String> {
        self.dialect
            .enum_types(&mut Context::new(&single_enum(enum_type)))
            .into_iter()
            .next()
    }

    /// The type's name as written, qualified where it has a schema.
    fn enum_name(&self, enum_type: &EnumType) -> String {
        match &enum_type.schema {
            Some(schema) => format!(
                "{}.{}",
                self.dialect.ident(schema),
                self.dialect.ident(&enum_type.name)
            ),
            None => self.dialect.ident(&enum_type.name),
        }
    }
}

/// A model of one enum type, for the dialect's CREATE TYPE.
pub(super) fn single_enum(enum_type: &EnumType) -> Schema {
    Schema {
        enums: vec![enum_type.clone()],
        ..Schema::default()
    }
}
