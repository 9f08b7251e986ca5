//! Probable renames between models paired by name: a table or column that is in the old model
//! only, and one in the new model only, alike in everything but the name. They are proposed,
//! never applied unless accepted (`diff --renames accept|ask`), as a guess that is wrong would
//! move one column's values into another.

use crate::model::{Column, Schema, Table};

/// One proposed rename.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rename {
    /// The table the column is in, as the new model names it; for a table, the table's new name.
    pub table: String,
    /// A column's old name; `None` for a table.
    pub column_from: Option<String>,
    /// The old name of the table, or of the column.
    pub from: String,
    /// The new name.
    pub to: String,
}

impl Rename {
    /// `table customers → clients`, `column orders.customer → client`.
    pub fn describe(&self) -> String {
        match &self.column_from {
            None => format!("table {} → {}", self.from, self.to),
            Some(_) => format!("column {}.{} → {}", self.table, self.from, self.to),
        }
    }
}

/// Tables and columns that look renamed between `old` and `new` (matched by name): in each
/// table both have, one column removed and one added of the same type, nullability and default,
/// each the other's only such match; and a table removed and one added with the same columns.
pub fn probable_renames(old: &Schema, new: &Schema) -> Vec<Rename> {
    let key = |t: &Table| t.qualified_name().to_lowercase();
    let old_by_key: std::collections::HashMap<String, &Table> =
        old.tables.iter().map(|t| (key(t), t)).collect();
    let new_keys: std::collections::HashSet<String> = new.tables.iter().map(key).collect();
    let mut found = Vec::new();
    for table in &new.tables {
        let Some(before) = old_by_key.get(&key(table)) else {
            continue;
        };
        let removed: Vec<&Column> = before
            .columns
            .iter()
            .filter(|c| {
                table
                    .columns
                    .iter()
                    .all(|n| !n.name.eq_ignore_ascii_case(&c.name))
            })
            .collect();
        let added: Vec<&Column> = table
            .columns
            .iter()
            .filter(|c| {
                before
                    .columns
                    .iter()
                    .all(|o| !o.name.eq_ignore_ascii_case(&c.name))
            })
            .collect();
        for (from, to) in unique_pairs(&removed, &added, |a, b| alike(a, b)) {
            found.push(Rename {
                table: table.qualified_name(),
                column_from: Some(from.name.clone()),
                from: from.name.clone(),
                to: to.name.clone(),
            });
        }
    }
    let gone: Vec<&Table> = old
        .tables
        .iter()
        .filter(|t| !new_keys.contains(&key(t)))
        .collect();
    let fresh: Vec<&Table> = new
        .tables
        .iter()
        .filter(|t| !old_by_key.contains_key(&key(t)))
        .collect();
    let same_columns = |a: &&Table, b: &&Table| {
        a.schema == b.schema
            && a.columns.len() == b.columns.len()
            && a.columns
                .iter()
                .zip(&b.columns)
                .all(|(x, y)| x.name.eq_ignore_ascii_case(&y.name) && alike(x, y))
    };
    for (from, to) in unique_pairs(&gone, &fresh, same_columns) {
        found.push(Rename {
            table: to.qualified_name(),
            column_from: None,
            from: from.qualified_name(),
            to: to.qualified_name(),
        });
    }
    found
}

/// The renames of `renames` the other way (new name to old), for the way back: a column's
/// table named as the old model names it.
pub fn reversed(renames: &[Rename]) -> Vec<Rename> {
    let old_name_of = |table: &str| {
        renames
            .iter()
            .find(|r| r.column_from.is_none() && r.to.eq_ignore_ascii_case(table))
            .map_or_else(|| table.to_string(), |r| r.from.clone())
    };
    renames
        .iter()
        .map(|r| Rename {
            table: match &r.column_from {
                None => r.from.clone(),
                Some(_) => old_name_of(&r.table),
            },
            column_from: r.column_from.as_ref().map(|_| r.to.clone()),
            from: r.to.clone(),
            to: r.from.clone(),
        })
        .collect()
}

fn alike(a: &Column, b: &Column) -> bool {
    a.data_type == b.data_type
        && a.nullable == b.nullable
        && a.default == b.default
        && a.identity == b.identity
}

/// The pairs (one of `left`, one of `right`) that `same` holds for where each is the other's
/// only match.
fn unique_pairs<'a, T>(
    left: &[&'a T],
    right: &[&'a T],
    same: impl Fn(&&'a T, &&'a T) -> bool,
) -> Vec<(&'a T, &'a T)> {
    let mut pairs = Vec::new();
    for l in left {
        let matches: Vec<&&T> = right.iter().filter(|r| same(l, r)).collect();
        if let [r] = matches.as_slice()
            && left.iter().filter(|other| same(other, r)).count() == 1
        {
            pairs.push((*l, **r));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SchemaBuilder;

    fn model(customer: &str, table: &str, extra: Option<&str>) -> Schema {
        let mut b = SchemaBuilder::new("m");
        b.table("orders", (0.0, 0.0), |t| {
            t.column("id", "integer").pk();
            t.column(customer, "integer").not_null();
            t.column("note", "text");
            if let Some(extra) = extra {
                t.column(extra, "text");
            }
        });
        b.table(table, (0.0, 0.0), |t| {
            t.column("id", "integer").pk();
            t.column("name", "text");
        });
        b.build().unwrap()
    }

    #[test]
    fn proposes_renames_that_are_alike_and_alone() {
        let old = model("customer", "customers", None);
        let new = model("client", "clients", None);
        let renames: Vec<String> = probable_renames(&old, &new)
            .iter()
            .map(Rename::describe)
            .collect();
        assert_eq!(
            renames,
            [
                "column orders.customer → client",
                "table customers → clients"
            ]
        );
        // Two added text columns could each be the removed one: no guess.
        let old = model("customer", "customers", Some("remark"));
        let mut new = model("customer", "customers", Some("comment"));
        new.tables[0].columns.push(Column::new(
            crate::model::ColumnId(900),
            "memo",
            crate::model::DataType::Text,
        ));
        assert!(probable_renames(&old, &new).is_empty());
    }
}
