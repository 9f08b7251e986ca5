//! What a table drawn on the canvas starts as: the model's own template when it has one (set
//! from a table the architect made), else an `id` key and `created_at`/`updated_at` audit
//! columns named in the model's letter case; under a name no other table has.

use super::{
    Column, ColumnId, ConstraintId, DataType, Identity, NameCase, Point, PrimaryKey, Schema, Table,
};
use crate::model::IdAllocator;
use serde::{Deserialize, Serialize};

/// The columns every new table starts with, kept in the model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableTemplate {
    /// The columns, in order.
    pub columns: Vec<TemplateColumn>,
}

/// One column of the template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateColumn {
    /// Its name.
    pub name: String,
    /// Its type (enum types are not kept: a template outlives them).
    pub data_type: DataType,
    /// Whether it may be NULL.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
    /// Its default, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Database-generated values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// Part of the primary key.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub primary_key: bool,
}

/// Where a column added to `table` goes: before the audit columns it ends with
/// (`created_at`, `updatedBy`, `deleted_on`… in any case), else last.
pub fn new_column_index(table: &Table) -> usize {
    let audit = |name: &str| {
        let plain: String = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        ["created", "updated", "modified", "deleted", "changed"]
            .iter()
            .any(|event| {
                ["at", "by", "on", "time", "date", ""]
                    .iter()
                    .any(|what| plain == format!("{event}{what}"))
            })
    };
    let trailing = table
        .columns
        .iter()
        .rev()
        .take_while(|c| audit(&c.name))
        .count();
    table.columns.len() - trailing
}

impl TableTemplate {
    /// The template a table makes: its columns, types, defaults and key (enum-typed columns
    /// become text).
    pub fn of(table: &Table) -> Self {
        let key = table
            .primary_key
            .as_ref()
            .map(|k| k.columns.clone())
            .unwrap_or_default();
        Self {
            columns: table
                .columns
                .iter()
                .map(|c| TemplateColumn {
                    name: c.name.clone(),
                    data_type: match c.data_type {
                        DataType::Enum(_) => DataType::Text,
                        ref other => other.clone(),
                    },
                    nullable: c.nullable,
                    default: c.default.clone(),
                    identity: c.identity,
                    primary_key: key.contains(&c.id),
                })
                .collect(),
        }
    }
}

/// A new table at `position` for `schema`, its ids taken from `ids` (not yet added to it). `case` is the
/// naming convention in force; `Majority` and `Any` should be resolved by the caller (the
/// validator knows what most names use), and fall back to snake case here.
pub fn new_table(schema: &Schema, ids: &mut IdAllocator, position: Point, case: NameCase) -> Table {
    let name = free_table_name(schema, &cased(&["new", "table"], case));
    let mut table = Table::new(ids.allocate(), name, position);
    if let Some(template) = schema.table_template.clone() {
        let mut key = Vec::new();
        for spec in &template.columns {
            let mut column = Column::new(ids.allocate(), spec.name.clone(), spec.data_type.clone());
            column.nullable = spec.nullable;
            column.default = spec.default.clone();
            column.identity = spec.identity;
            if spec.primary_key {
                key.push(column.id);
            }
            table.columns.push(column);
        }
        if !key.is_empty() {
            table.primary_key = Some(PrimaryKey {
                id: ids.allocate::<ConstraintId>(),
                name: None,
                columns: key,
            });
        }
        return table;
    }
    let mut id = Column::new(
        ids.allocate::<ColumnId>(),
        cased(&["id"], case),
        DataType::BigInt,
    );
    id.nullable = false;
    id.identity = Some(Identity::ByDefault);
    let mut audit = |words: &[&str]| {
        let mut column = Column::new(ids.allocate(), cased(words, case), DataType::TimestampTz);
        column.nullable = false;
        column.default = Some("CURRENT_TIMESTAMP".to_string());
        column
    };
    let created = audit(&["created", "at"]);
    let updated = audit(&["updated", "at"]);
    table.primary_key = Some(PrimaryKey {
        id: ids.allocate::<ConstraintId>(),
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
    let separator = if base.contains('_') || base.chars().all(|c| c.is_lowercase()) {
        "_"
    } else {
        ""
    };
    first_free(
        std::iter::once(base.to_string()).chain((2..).map(|n| format!("{base}{separator}{n}"))),
        taken,
    )
}

/// The first of `names` (an endless series, `column_1`, `column_2`…) that is not `taken`: how
/// every new table, column, group and view gets a name nobody has.
pub fn first_free(names: impl IntoIterator<Item = String>, taken: impl Fn(&str) -> bool) -> String {
    names
        .into_iter()
        .find(|name| !taken(name))
        .expect("an endless series of names has a free one")
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

    #[test]
    fn a_new_column_goes_before_the_audit_columns_a_table_ends_with() {
        let table = |names: &[&str]| {
            let mut t = Table::new(crate::model::TableId(1), "t", Point::default());
            for (i, n) in names.iter().enumerate() {
                t.columns
                    .push(Column::new(ColumnId(10 + i as u32), *n, DataType::Text));
            }
            t
        };
        assert_eq!(
            new_column_index(&table(&["id", "created_at", "updated_at"])),
            1
        );
        assert_eq!(
            new_column_index(&table(&["Id", "Name", "CreatedBy", "ModifiedOn"])),
            2
        );
        assert_eq!(new_column_index(&table(&["id", "created_at", "name"])), 3);
        assert_eq!(new_column_index(&table(&["id", "creator"])), 2);
        assert_eq!(new_column_index(&table(&[])), 0);
    }

    /// [`new_table`] taking its ids from `schema` itself.
    fn new_table_in(schema: &mut Schema, at: Point, case: NameCase) -> Table {
        let mut ids = schema.ids.clone();
        let table = new_table(schema, &mut ids, at, case);
        schema.ids = ids;
        table
    }
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
            let table = new_table_in(&mut schema, Point::new(10.0, 20.0), case);
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
        let first = new_table_in(&mut schema, Point::new(0.0, 0.0), NameCase::Snake);
        Edit::AddTable {
            table: first,
            index: 0,
        }
        .apply(&mut schema)
        .unwrap();
        let second = new_table_in(&mut schema, Point::new(0.0, 0.0), NameCase::Snake);
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

    #[test]
    fn a_table_made_the_template_is_what_new_tables_start_as() {
        let mut b = crate::model::SchemaBuilder::new("t");
        b.table("model_table", (0.0, 0.0), |t| {
            t.column("uuid", "uuid").pk();
            t.column("tenant_id", "bigint").not_null();
            t.column("note", "text");
        });
        let mut schema = b.build().unwrap();
        let template = TableTemplate::of(&schema.tables[0]);
        Edit::SetTableTemplate(Some(template))
            .apply(&mut schema)
            .unwrap();
        let text = crate::io::to_ron_string(&schema);
        let mut schema = crate::io::load_str(&text, std::path::Path::new("t.ron")).unwrap();
        let table = new_table_in(&mut schema, Point::new(0.0, 0.0), NameCase::Snake);
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["uuid", "tenant_id", "note"]);
        assert_eq!(table.columns[0].data_type, DataType::Uuid);
        assert!(!table.columns[1].nullable && table.columns[2].nullable);
        assert_eq!(
            table.primary_key.as_ref().unwrap().columns,
            [table.columns[0].id]
        );
        Edit::AddTable { table, index: 1 }
            .apply(&mut schema)
            .unwrap();
        assert_eq!(integrity_problems(&schema), []);
    }
}
