//! PostgreSQL's safe forms (`diff --safe`): steps that do not hold a busy table's lock while
//! they scan it.

use crate::model::{Column, Table};

impl super::Writer<'_> {
    /// A foreign key or check named `name`: in safe mode added `NOT VALID` (no scan under the
    /// lock) and validated after the commit, which scans without blocking writes.
    pub(super) fn add_validated(&mut self, table: &Table, clause: String, name: &str) {
        if !self.safe {
            return self.add(table, clause);
        }
        let table_name = self.dialect.table_name(table);
        self.push(format!("ALTER TABLE {table_name} ADD {clause} NOT VALID"));
        self.after.push(format!(
            "ALTER TABLE {table_name} VALIDATE CONSTRAINT {}",
            self.dialect.ident(name)
        ));
    }

    /// Safe mode: a unique constraint over an index built concurrently after the commit.
    pub(super) fn unique_over_an_index(
        &mut self,
        table: &Table,
        unique: &crate::model::UniqueConstraint,
    ) {
        let name = self.dialect.unique_name(table, unique);
        let nulls = if unique.nulls_not_distinct {
            " NULLS NOT DISTINCT"
        } else {
            ""
        };
        self.over_an_index(table, &name, &unique.columns, "UNIQUE", nulls);
    }

    /// Safe mode: a primary key over a unique index built concurrently after the commit (its
    /// columns are NOT NULL by then: a NOT NULL they gain is set above, through a check).
    pub(super) fn primary_key_over_an_index(
        &mut self,
        table: &Table,
        pk: &crate::model::PrimaryKey,
    ) {
        self.keys_after.insert(table.id);
        let name = super::names::primary_key_name(self.dialect.dialect(), table, pk);
        self.over_an_index(table, &name, &pk.columns, "PRIMARY KEY", "");
    }

    /// `CREATE UNIQUE INDEX CONCURRENTLY name`, then the constraint `kind` (UNIQUE, PRIMARY KEY)
    /// `USING INDEX name`, both after the commit.
    fn over_an_index(
        &mut self,
        table: &Table,
        name: &str,
        columns: &[crate::model::ColumnId],
        kind: &str,
        nulls: &str,
    ) {
        let columns: Vec<String> = columns
            .iter()
            .filter_map(|id| table.column(*id))
            .map(|c| self.dialect.ident(&c.name))
            .collect();
        let table_name = self.dialect.table_name(table);
        self.after.push(format!(
            "CREATE UNIQUE INDEX CONCURRENTLY {} ON {table_name} ({}){nulls}",
            self.dialect.ident(name),
            columns.join(", ")
        ));
        self.after.push(format!(
            "ALTER TABLE {table_name} ADD CONSTRAINT {0} {kind} USING INDEX {0}",
            self.dialect.ident(name)
        ));
    }

    /// A foreign key to a key built after the commit: added `NOT VALID` after that key, then
    /// validated.
    pub(super) fn add_after_the_keys(&mut self, table: &Table, clause: String, name: &str) {
        let table_name = self.dialect.table_name(table);
        self.after
            .push(format!("ALTER TABLE {table_name} ADD {clause} NOT VALID"));
        self.after.push(format!(
            "ALTER TABLE {table_name} VALIDATE CONSTRAINT {}",
            self.dialect.ident(name)
        ));
    }

    /// Safe mode: NOT NULL through a check added `NOT VALID` and validated after the commit;
    /// PostgreSQL then sets NOT NULL without scanning the table again.
    pub(super) fn not_null_through_a_check(&mut self, table: &Table, column: &Column) {
        let table_name = self.dialect.table_name(table);
        let check = self
            .dialect
            .ident(&format!("{}_{}_not_null", table.name, column.name));
        let column_name = self.dialect.ident(&column.name);
        self.push(format!(
            "ALTER TABLE {table_name} ADD CONSTRAINT {check} CHECK ({column_name} IS NOT NULL) NOT VALID"
        ));
        self.after.push(format!(
            "ALTER TABLE {table_name} VALIDATE CONSTRAINT {check}"
        ));
        self.after.push(format!(
            "ALTER TABLE {table_name} ALTER COLUMN {column_name} SET NOT NULL"
        ));
        self.after
            .push(format!("ALTER TABLE {table_name} DROP CONSTRAINT {check}"));
    }
}
