//! Column steps with more to them than an ALTER: required columns filled from a backfill value
//! first, and columns that start, stop or change numbering themselves.

use super::ddl::{self, ExportError, SqlDialect, column_definition, names};
use super::{Backfill, Column, Schema, Table};
use std::collections::BTreeMap;

/// The value for rows already there of each column of `new` that has one: the model's own
/// ([`Column::existing_rows`]), else `wanted`'s, each checked to be one expression of the target.
pub(super) fn backfills(
    new: &Schema,
    dialect: &dyn SqlDialect,
    wanted: &[Backfill],
) -> Result<BTreeMap<crate::model::ColumnId, String>, ExportError> {
    let mut found = BTreeMap::new();
    let safe = |place: &str, value: &str| {
        ddl::verbatim::expression(value, dialect.dialect()).map_err(|why| ExportError::UnsafeText {
            object: format!("the value for {place}"),
            text: value.to_string(),
            why,
            dialect: dialect.name(),
        })
    };
    // The model's own values first; what the caller gives (`--backfill`) goes over them.
    for table in &new.tables {
        for column in &table.columns {
            if let Some(value) = column.existing_rows.as_deref().map(str::trim)
                && !value.is_empty()
            {
                safe(
                    &format!("{}.{}", table.qualified_name(), column.name),
                    value,
                )?;
                found.insert(column.id, value.to_string());
            }
        }
    }
    for backfill in wanted {
        let place = format!("{}.{}", backfill.table, backfill.column);
        let column = new
            .tables
            .iter()
            .filter(|t| t.qualified_name().eq_ignore_ascii_case(&backfill.table))
            .find_map(|t| {
                t.columns
                    .iter()
                    .find(|c| c.name.eq_ignore_ascii_case(&backfill.column))
            });
        let Some(column) = column else {
            return Err(ExportError::NoSuchColumn { place });
        };
        safe(&place, &backfill.value)?;
        found.insert(column.id, backfill.value.clone());
    }
    Ok(found)
}

/// Whether the rows already in a table would have no value for `column` if it were added: it is
/// required, with no default, and the database does not fill it (numbered or computed).
pub(super) fn wants_a_value(column: &Column) -> bool {
    !column.nullable
        && column.default.is_none()
        && column.identity.is_none()
        && column.generated.is_none()
}

/// The columns of `new` (as `table`, `column` by its names) that rows already in the database
/// would have no value for: added to a kept table as [`wants_a_value`] says, or nullable in `old`
/// and required now. `old` and `new` are paired by id.
pub(super) fn needing_values(old: &Schema, new: &Schema) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for table in &new.tables {
        let Some(before) = old.table(table.id) else {
            continue;
        };
        for column in &table.columns {
            let needs = match before.column(column.id) {
                None => wants_a_value(column),
                Some(was) => was.nullable && !column.nullable && column.generated.is_none(),
            };
            if needs {
                found.push((table.qualified_name(), column.name.clone()));
            }
        }
    }
    found
}

impl super::Writer<'_> {
    /// A required column added to a table with rows, the rows given `value` first: added
    /// nullable, filled, then made NOT NULL.
    pub(super) fn add_backfilled(&mut self, table: &Table, column: &Column, value: &str) {
        let nullable = Column {
            nullable: true,
            ..column.clone()
        };
        let definition = column_definition(self.dialect, table, &nullable, &mut self.cx).0;
        self.push(self.dialect.add_column(table, &definition));
        self.push(format!(
            "UPDATE {} SET {} = {value}",
            self.dialect.table_name(table),
            self.dialect.ident(&column.name)
        ));
        if self.safe {
            self.not_null_through_a_check(table, column);
            return;
        }
        for statement in self
            .dialect
            .alter_column(table, &nullable, column, &mut self.cx)
        {
            self.push(statement);
        }
    }

    /// The statements that make a kept column start, stop or change numbering itself, after its
    /// other changes; `None` where the dialect cannot say it in place. MySQL's is in the column's
    /// definition, which its MODIFY already writes.
    pub(super) fn identity_change(
        &self,
        table: &Table,
        before: &Column,
        column: &Column,
    ) -> Option<Vec<String>> {
        use crate::model::Identity;
        match self.dialect.dialect() {
            crate::model::Dialect::MySql => Some(Vec::new()),
            crate::model::Dialect::Postgres => {
                let alter = format!(
                    "ALTER TABLE {} ALTER COLUMN {}",
                    self.dialect.table_name(table),
                    self.dialect.ident(&column.name)
                );
                let generated = |identity| match identity {
                    Identity::Always => Some("ALWAYS"),
                    Identity::ByDefault => Some("BY DEFAULT"),
                    Identity::AutoIncrement => None,
                };
                match (before.identity, column.identity) {
                    (None, Some(now)) => {
                        let how = generated(now)?;
                        // The sequence starts after the rows already there, not at 1.
                        Some(vec![
                            format!("{alter} ADD GENERATED {how} AS IDENTITY"),
                            format!(
                                "SELECT setval(pg_get_serial_sequence({}, {}), coalesce(max({}), 0) + 1, false) FROM {}",
                                names::string_literal(&self.dialect.table_name(table), false),
                                names::string_literal(&column.name, false),
                                self.dialect.ident(&column.name),
                                self.dialect.table_name(table)
                            ),
                        ])
                    }
                    (Some(was), None) => {
                        generated(was).map(|_| vec![format!("{alter} DROP IDENTITY")])
                    }
                    (Some(was), Some(now)) => {
                        generated(was)?;
                        Some(vec![format!("{alter} SET GENERATED {}", generated(now)?)])
                    }
                    (None, None) => Some(Vec::new()),
                }
            }
            _ => None,
        }
    }

    /// MySQL refuses to drop the key an AUTO_INCREMENT column needs (ERROR 1075): such a column
    /// loses its numbering first, and gets it back after the new key if it keeps it.
    pub(super) fn unnumber_key_columns(
        &mut self,
        old: &Table,
        new: &Table,
        pk: &crate::model::PrimaryKey,
    ) {
        if self.dialect.dialect() != crate::model::Dialect::MySql {
            return;
        }
        for column in old
            .columns
            .iter()
            .filter(|c| c.identity.is_some() && pk.columns.contains(&c.id))
        {
            let plain = Column {
                identity: None,
                ..column.clone()
            };
            let definition = column_definition(self.dialect, old, &plain, &mut self.cx).0;
            self.push(format!(
                "ALTER TABLE {} MODIFY COLUMN {definition}",
                self.dialect.table_name(old)
            ));
            if new.column(column.id).is_some_and(|c| c.identity.is_some()) {
                self.renumber.push((new.id, column.id));
            }
        }
    }
}
