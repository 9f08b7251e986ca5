//! What a table drawn on the canvas starts as: an `id` key and `created_at`/`updated_at` audit
//! columns, named in the model's letter case, under a name no other table has.

use super::{
    Column, ColumnId, ConstraintId, DataType, Identity, NameCase, Point, PrimaryKey, Schema, Table,
};

/// A new table at `position`, its ids taken from `schema` (not yet added to it). `case` is the
/// naming convention in force; `Majority` and `Any` should be resolved by the caller (the
/// validator knows what most names use), and fall back to snake case here.
pub fn new_table(schema: &mut Schema, position: Point, case: NameCase) -> Table {
    let name = free_table_name(schema, &cased(&["new", "table"], case));
    let mut table = Table::new(schema.ids.allocate(), name, position);
    let mut id = Column::new(
        schema.ids.allocate::<ColumnId>(),
        cased(&["id"], case),
        DataType::BigInt,
    );
    id.nullable = false;
    id.identity = Some(Identity::ByDefault);
    let audit = |schema: &mut Schema, words: &[&str]| {
        let mut column = Column::new(
            schema.ids.allocate(),
            cased(words, case),
            DataType::TimestampTz,
        );
        column.nullable = false;
        column.default = Some("CURRENT_TIMESTAMP".to_string());
        column
    };
    let created = audit(schema, &["created", "at"]);
    let updated = audit(schema, &["updated", "at"]);
    table.primary_key = Some(PrimaryKey {
        id: schema.ids.allocate::<ConstraintId>(),
        name: None,
        columns: vec![id.id],
    });
    table.columns = vec![id, created, updated];
    table
}

/// `base`, or `base_2`, `base_3`… (in the base's case) if a table already has the name.
pub fn free_table_name(schema: &Schema, base: &str) -> String {
    let taken = |name: &str| {
        schema
            .tables
            .iter()
            .any(|t| t.name.eq_ignore_ascii_case(name))
    };
    if !taken(base) {
        return base.to_string();
    }
    let separator = if base.contains('_') || base.chars().all(|c| c.is_lowercase()) {
        "_"
    } else {
        ""
    };
    (2..)
        .map(|n| format!("{base}{separator}{n}"))
        .find(|name| !taken(name))
        .expect("some number is free")
}

fn cased(words: &[&str], case: NameCase) -> String {
    let capital = |w: &str| {
        let mut chars = w.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    };
    match case {
        NameCase::Camel => words
            .iter()
            .enumerate()
            .map(|(i, w)| if i == 0 { w.to_string() } else { capital(w) })
            .collect(),
        NameCase::Pascal => words.iter().map(|w| capital(w)).collect(),
        NameCase::Snake | NameCase::Majority | NameCase::Any => words.join("_"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, integrity_problems};

    #[test]
    fn new_tables_have_a_key_and_audit_columns_in_the_models_case_and_free_names() {
        let mut schema = Schema::new("t");
        for (case, names) in [
            (
                NameCase::Snake,
                ["new_table", "id", "created_at", "updated_at"],
            ),
            (
                NameCase::Camel,
                ["newTable", "id", "createdAt", "updatedAt"],
            ),
            (
                NameCase::Pascal,
                ["NewTable", "Id", "CreatedAt", "UpdatedAt"],
            ),
        ] {
            let table = new_table(&mut schema, Point::new(10.0, 20.0), case);
            let got: Vec<&str> = std::iter::once(table.name.as_str())
                .chain(table.columns.iter().map(|c| c.name.as_str()))
                .collect();
            assert_eq!(got, names);
            assert_eq!(
                table.primary_key.as_ref().unwrap().columns,
                [table.columns[0].id]
            );
            assert!(table.columns.iter().all(|c| !c.nullable));
            assert_eq!(table.position, Point::new(10.0, 20.0));
            let mut copy = schema.clone();
            Edit::AddTable { table, index: 0 }.apply(&mut copy).unwrap();
            assert_eq!(integrity_problems(&copy), []);
        }
        let first = new_table(&mut schema, Point::new(0.0, 0.0), NameCase::Snake);
        Edit::AddTable {
            table: first,
            index: 0,
        }
        .apply(&mut schema)
        .unwrap();
        let second = new_table(&mut schema, Point::new(0.0, 0.0), NameCase::Snake);
        assert_eq!(second.name, "new_table_2");
        Edit::AddTable {
            table: second,
            index: 1,
        }
        .apply(&mut schema)
        .unwrap();
        assert_eq!(free_table_name(&schema, "new_table"), "new_table_3");
        assert_eq!(free_table_name(&schema, "NewTable"), "NewTable");
    }
}
