//! A model's shape as a database holds it: tables, columns with types normalised to what the
//! dialect can say, nullability, identity, keys, unique constraints, foreign keys with actions
//! and indexes, keyed by name. Two models with equal shapes make the same database.
#![allow(dead_code)]

use schemaboard::model::{Column, DataType, IndexTarget, ReferentialAction, Schema, Table};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Server {
    /// PostgreSQL.
    Postgres,
    /// MariaDB.
    MariaDb,
    /// SQLite.
    Sqlite,
}

#[derive(Debug, PartialEq, Eq)]
pub struct TableShape {
    /// In table order (see [`TableShape::columns_in_any_order`]).
    columns: Vec<String>,
    primary_key: Vec<String>,
    uniques: BTreeSet<Vec<String>>,
    foreign_keys: BTreeSet<String>,
    indexes: BTreeSet<String>,
}

impl TableShape {
    /// The same shape with its columns in name order: PostgreSQL adds a column at the end of
    /// its table, wherever the model has it, and only a rebuild would move it.
    pub fn columns_in_any_order(mut self) -> Self {
        self.columns.sort();
        self
    }
}

/// What a column's type becomes on `server`, in the portable spelling.
pub fn normal_type(server: Server, schema: &Schema, table: &Table, column: &Column) -> String {
    let enum_values = |id| {
        schema
            .enum_type(id)
            .map(|e| format!("enum{:?}", e.values))
            .unwrap_or_default()
    };
    let sole_key = table
        .primary_key
        .as_ref()
        .is_some_and(|pk| pk.columns == [column.id]);
    match (server, &column.data_type) {
        (_, DataType::Enum(id)) if server != Server::Sqlite => enum_values(*id),
        (Server::Postgres, DataType::TinyInt) => "smallint".to_string(),
        (
            Server::MariaDb,
            DataType::Numeric {
                precision: None, ..
            },
        ) => "numeric(65,30)".to_string(),
        (Server::MariaDb, DataType::Char(None)) => "char(1)".to_string(),
        (Server::MariaDb, DataType::Varchar(None)) => "text".to_string(),
        (Server::MariaDb, DataType::TimeTz) => "time".to_string(),
        (Server::MariaDb, DataType::TimestampTz) => "timestamp".to_string(),
        (Server::MariaDb, DataType::Interval) => "varchar(64)".to_string(),
        (Server::MariaDb, DataType::Uuid) => "char(36)".to_string(),
        // MariaDB's JSON is LONGTEXT with a json_valid check.
        (Server::MariaDb, DataType::Json | DataType::Jsonb | DataType::Array(_)) => {
            "text".to_string()
        }
        (Server::Sqlite, DataType::Enum(_) | DataType::Array(_)) => "text".to_string(),
        (Server::Sqlite, t) if column.identity.is_some() && t.is_integer() && sole_key => {
            "integer".to_string()
        }
        (_, DataType::Raw(text)) => text.to_lowercase().split_whitespace().collect(),
        (_, other) => other.to_string(),
    }
}

pub fn shape(
    server: Server,
    schema: &Schema,
    original: Option<&Schema>,
) -> BTreeMap<String, TableShape> {
    let mut tables = BTreeMap::new();
    for table in &schema.tables {
        let name_of = |ids: &[schemaboard::model::ColumnId]| -> Vec<String> {
            ids.iter()
                .filter_map(|id| table.column(*id).map(|c| c.name.clone()))
                .collect()
        };
        let sole_integer_key = |column: &Column| {
            column.data_type.is_integer()
                && table
                    .primary_key
                    .as_ref()
                    .is_some_and(|pk| pk.columns == [column.id])
        };
        let columns = table
            .columns
            .iter()
            .map(|c| {
                let identity =
                    c.identity.is_some() && (server != Server::Sqlite || sole_integer_key(c));
                format!(
                    "{} {} {}{}",
                    c.name,
                    normal_type(server, schema, table, c),
                    if c.nullable { "null" } else { "not null" },
                    if identity { " identity" } else { "" }
                )
            })
            .collect();
        let mut uniques: BTreeSet<Vec<String>> =
            table.uniques.iter().map(|u| name_of(&u.columns)).collect();
        let mut indexes = BTreeSet::new();
        let fk_columns: BTreeSet<Vec<String>> = table
            .foreign_keys
            .iter()
            .map(|f| name_of(&f.columns))
            .collect();
        let original_index_names: Option<BTreeSet<String>> = original.map(|o| {
            o.tables
                .iter()
                .flat_map(|t| t.indexes.iter().filter_map(|i| i.name.clone()))
                .collect()
        });
        for index in &table.indexes {
            let expression = index
                .keys
                .iter()
                .any(|k| matches!(k.target, IndexTarget::Expression(_)));
            let keys: Vec<String> = index
                .keys
                .iter()
                .map(|k| match &k.target {
                    IndexTarget::Column(id) => table
                        .column(*id)
                        .map(|c| c.name.clone())
                        .unwrap_or_default(),
                    IndexTarget::Expression(_) => "(expression)".to_string(),
                })
                .collect();
            if server == Server::MariaDb {
                // What the exporter leaves out, and what InnoDB adds for foreign keys.
                if index.predicate.is_some() || expression {
                    continue;
                }
                let name = index.name.clone().unwrap_or_default();
                let unknown = original_index_names
                    .as_ref()
                    .is_some_and(|n| !n.contains(&name));
                let for_auto_increment = name.ends_with("_auto_increment");
                if unknown && (fk_columns.contains(&keys) || for_auto_increment) {
                    continue;
                }
                if index.unique {
                    uniques.insert(keys);
                    continue;
                }
            }
            indexes.insert(format!(
                "{}{} ({}){}",
                if index.unique { "unique " } else { "" },
                index.name.clone().unwrap_or_default(),
                keys.join(", "),
                if index.predicate.is_some() {
                    " where …"
                } else {
                    ""
                }
            ));
        }
        let foreign_keys = table
            .foreign_keys
            .iter()
            .map(|fk| {
                let target = schema.table(fk.references);
                let target_columns = target
                    .map(|t| {
                        fk.referenced_columns
                            .iter()
                            .filter_map(|id| t.column(*id).map(|c| c.name.clone()))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default();
                let action = |a: ReferentialAction| match (server, a) {
                    (
                        Server::MariaDb,
                        ReferentialAction::Restrict | ReferentialAction::SetDefault,
                    ) => ReferentialAction::NoAction,
                    (_, a) => a,
                };
                format!(
                    "{:?} -> {}{:?} on delete {:?} on update {:?}",
                    name_of(&fk.columns),
                    target.map(|t| t.name.clone()).unwrap_or_default(),
                    target_columns,
                    action(fk.on_delete),
                    action(fk.on_update)
                )
            })
            .collect();
        let key = match (&table.schema, server) {
            (Some(schema), Server::Postgres) => format!("{schema}.{}", table.name),
            _ => table.name.clone(),
        };
        tables.insert(
            key,
            TableShape {
                columns,
                primary_key: table
                    .primary_key
                    .as_ref()
                    .map(|pk| name_of(&pk.columns))
                    .unwrap_or_default(),
                uniques,
                foreign_keys,
                indexes,
            },
        );
    }
    tables
}
