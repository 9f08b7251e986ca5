//! Checks the migration drops, including those the server named itself.

use super::ddl::{check_expression, column_definition, names};
use crate::model::{CheckConstraint, Table};

impl super::Writer<'_> {
    /// Whether a check of `old` goes, for good or to be made again: it is removed or changed, or
    /// MariaDB would lose it by the MODIFY of the column it was written on (MariaDB keeps such
    /// a check inside the column's definition, which MODIFY replaces).
    pub(super) fn check_goes(&self, old: &Table, new: &Table, check: &CheckConstraint) -> bool {
        new.checks.iter().find(|c| c.id == check.id) != Some(check)
            || self.check_rides_on_changed_column(old, new, check)
    }

    /// Whether `check` was written on a column that this migration modifies in a MySQL script.
    pub(super) fn check_rides_on_changed_column(
        &self,
        old: &Table,
        new: &Table,
        check: &CheckConstraint,
    ) -> bool {
        if self.dialect.dialect() != crate::model::Dialect::MySql || check.name.is_some() {
            return false;
        }
        let Some(column) = check.on_column else {
            return false;
        };
        match (old.column(column), new.column(column)) {
            (Some(before), Some(after)) => {
                // Modified is written otherwise: what the model keeps beside the definition
                // (the value for existing rows) is no MODIFY.
                let renamed = crate::model::Column {
                    name: after.name.clone(),
                    ..before.clone()
                };
                let written = |table: &Table, column: &crate::model::Column| {
                    let mut scratch = super::Context::new(self.new);
                    column_definition(self.dialect, table, column, &mut scratch).0
                };
                written(old, &renamed) != written(new, after)
            }
            _ => false,
        }
    }

    /// Drops a check of `old`: by its name, or where the server may have named it, by the name
    /// it has in the database when the script runs.
    pub(super) fn drop_check(&mut self, old: &Table, check: &CheckConstraint) {
        let derived = names::check_name(self.dialect.dialect(), old, check);
        if check.name.is_none()
            && let Ok(expression) = check_expression(self.dialect, old, check)
        {
            let on_column = check.on_column.and_then(|id| old.column(id)).map(|column| {
                let definition = column_definition(self.dialect, old, column, &mut self.cx).0;
                (column.name.clone(), definition)
            });
            if let Some(statement) = self.dialect.drop_unnamed_check(
                old,
                &derived,
                &expression,
                on_column.as_ref().map(|(c, d)| (c.as_str(), d.as_str())),
            ) {
                self.push(statement);
                return;
            }
        }
        self.push(self.dialect.drop_check(old, &derived));
    }
}
