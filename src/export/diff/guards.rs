//! The steps that stop a migration before it rejects or cuts values: NULLs under a new NOT
//! NULL, values that do not fit a narrower type, a required column on a table with rows.

use super::ddl;
use crate::model::{Column, DataType, Table};

impl super::Writer<'_> {
    /// Stops the migration before anything changes where `table` has rows that `condition`
    /// holds for, with `message` (where the dialect can).
    pub(super) fn guard(&mut self, table: &Table, condition: &str, message: String) {
        if let Some(statement) = self.dialect.guard(table, condition, &message) {
            self.comment(&format!("Guard: {message}"));
            self.push(statement);
        }
    }

    /// The guards of a column change that would reject or lose values: NULLs under a new NOT
    /// NULL, values too long or too large for a narrower type. `table` and `after` have their
    /// new names (renames run first). `filled`: the NULLs were given a backfill value just before.
    pub(super) fn guard_change(
        &mut self,
        table: &Table,
        before: &Column,
        after: &Column,
        filled: bool,
    ) {
        let column = self.dialect.ident(&after.name);
        let place = ddl::column_label(table, after);
        if before.nullable && !after.nullable && !filled {
            self.guard(
                table,
                &format!("{column} IS NULL"),
                format!("{place} has NULLs: give them a value before it becomes NOT NULL"),
            );
        }
        use DataType::*;
        let range = |t: &DataType| match t {
            TinyInt => Some((-128i64, 127i64)),
            SmallInt => Some((-32_768, 32_767)),
            Integer => Some((-2_147_483_648, 2_147_483_647)),
            _ => None,
        };
        match (&before.data_type, &after.data_type) {
            (Varchar(_) | Char(_) | Text, Varchar(Some(n)) | Char(Some(n)))
                if narrows(&before.data_type, &after.data_type) =>
            {
                self.guard(
                    table,
                    &format!("length({column}) > {n}"),
                    format!("{place} has values longer than {n} characters: shorten them first"),
                );
            }
            (from, to) if narrows(from, to) => {
                if let Some((low, high)) = range(to) {
                    self.guard(
                        table,
                        &format!("{column} NOT BETWEEN {low} AND {high}"),
                        format!("{place} has values outside {low} to {high}: change them first"),
                    );
                }
            }
            _ => {}
        }
    }
}

/// Whether every value of `before` may not fit `after`.
pub(super) fn narrows(before: &DataType, after: &DataType) -> bool {
    use DataType::*;
    let integer_width = |t: &DataType| match t {
        TinyInt => Some(1),
        SmallInt => Some(2),
        Integer => Some(4),
        BigInt => Some(8),
        _ => None,
    };
    match (before, after) {
        (a, b) if a == b => false,
        (a, b) if integer_width(a).is_some() && integer_width(b).is_some() => {
            integer_width(b) < integer_width(a)
        }
        (Varchar(Some(a)) | Char(Some(a)), Varchar(Some(b)) | Char(Some(b))) => b < a,
        (Varchar(_) | Char(_), Varchar(None) | Text) => false,
        (Text | Varchar(None), Varchar(Some(_)) | Char(_)) => true,
        (
            Numeric {
                precision: p1,
                scale: s1,
            },
            Numeric {
                precision: p2,
                scale: s2,
            },
        ) => p2.unwrap_or(u32::MAX) < p1.unwrap_or(u32::MAX) || s2.unwrap_or(0) < s1.unwrap_or(0),
        (Real, Double) | (Timestamp, TimestampTz) | (Json, Jsonb) | (Jsonb, Json) => false,
        (_, Text) => false,
        _ => true,
    }
}
