//! Exported DDL runs on real servers, and what the server then holds is the model.
//!
//! For each sample model (on every server) and each corpus schema (on the server of its own
//! dialect): export, run the script on the server, read the schema back with the server's own dump
//! tool, import that, and compare tables, columns (types normalised to what the dialect can say),
//! nullability, identity, primary keys, unique constraints, foreign keys with their actions and
//! indexes. PostgreSQL and MariaDB are the servers `scripts/test` starts; SQLite is the sqlite3
//! shell. SQL Server has no server here: its DDL is re-read with our importer instead (last test).

mod common;

use common::servers;
use schemaboard::export::ddl::{SqlDialect, export_ddl, mssql, mysql, postgres, sqlite};
use schemaboard::import::{Dialect, Severity, import_sql};
use schemaboard::model::{Column, DataType, IndexTarget, ReferentialAction, Schema, Table};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Server {
    Postgres,
    MariaDb,
    Sqlite,
}

#[derive(Debug, PartialEq, Eq)]
struct TableShape {
    columns: Vec<String>,
    primary_key: Vec<String>,
    uniques: BTreeSet<Vec<String>>,
    foreign_keys: BTreeSet<String>,
    indexes: BTreeSet<String>,
}

/// What a column's type becomes on `server`, in the portable spelling.
fn normal_type(server: Server, schema: &Schema, table: &Table, column: &Column) -> String {
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

fn shape(
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

fn dialect_of(server: Server) -> (&'static dyn SqlDialect, Dialect) {
    match server {
        Server::Postgres => (&postgres::Postgres, Dialect::Postgres),
        Server::MariaDb => (&mysql::MySql, Dialect::MySql),
        Server::Sqlite => (&sqlite::Sqlite, Dialect::Sqlite),
    }
}

/// Exports `model`, runs it on `server`, reads it back; `None` when that server is not running.
fn round_trip(server: Server, model: &Schema, label: &str) -> Option<Result<Schema, String>> {
    let (dialect, import_dialect) = dialect_of(server);
    let ddl = match export_ddl(model, dialect) {
        Ok(ddl) => ddl,
        Err(e) => return Some(Err(format!("export: {e}"))),
    };
    // Some scripts name their own database in view bodies (`sakila.film`): use that name.
    let database = label.split('_').next().unwrap_or(label).to_string();
    let dumped = match server {
        Server::Postgres => {
            let connection = std::env::var("SCHEMABOARD_TEST_POSTGRES").ok()?;
            servers::postgres(&connection, &database, &ddl.sql)
        }
        Server::MariaDb => {
            let socket = std::env::var("SCHEMABOARD_TEST_MARIADB").ok()?;
            servers::mariadb(&socket, &database, &ddl.sql)
        }
        Server::Sqlite => {
            std::process::Command::new("sqlite3")
                .arg("--version")
                .output()
                .ok()?;
            servers::sqlite(&ddl.sql)
        }
    };
    Some(
        dumped
            .map_err(|e| format!("the server refused the script: {e}"))
            .and_then(|text| {
                let import = import_sql(&text, Some(import_dialect), "round trip");
                let failed: Vec<String> = import
                    .report
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Failed)
                    .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
                    .collect();
                if failed.is_empty() {
                    Ok(import.schema)
                } else {
                    Err(format!("reading the dump back failed: {failed:?}"))
                }
            }),
    )
}

fn check(server: Server, model: &Schema, label: &str, problems: &mut Vec<String>) {
    match round_trip(server, model, label) {
        None => println!("skipped {label} on {server:?}: no server (scripts/test starts one)"),
        Some(Err(e)) => problems.push(format!("{label} on {server:?}: {e}")),
        Some(Ok(back)) => {
            let expected = shape(server, model, None);
            let actual = shape(server, &back, Some(model));
            if expected != actual {
                let mut lines = Vec::new();
                for (name, table) in &expected {
                    match actual.get(name) {
                        None => lines.push(format!("  table {name} missing")),
                        Some(other) if other != table => lines.push(format!(
                            "  {name}:\n    model  {table:?}\n    server {other:?}"
                        )),
                        _ => {}
                    }
                }
                for name in actual.keys().filter(|n| !expected.contains_key(*n)) {
                    lines.push(format!("  unexpected table {name}"));
                }
                problems.push(format!(
                    "{label} on {server:?} differs:\n{}",
                    lines.join("\n")
                ));
            } else {
                println!("{label} on {server:?}: {} tables agree", expected.len());
            }
        }
    }
}

#[test]
fn sample_models_round_trip_through_every_server() {
    let _servers = common::server_lock();
    let mut problems = Vec::new();
    for path in common::sample_models() {
        let model = schemaboard::io::load(&path).unwrap();
        let label = path.file_stem().unwrap().to_string_lossy().into_owned();
        for server in [Server::Postgres, Server::MariaDb, Server::Sqlite] {
            check(server, &model, &label, &mut problems);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

fn corpus_cases() -> Vec<(PathBuf, Server)> {
    let corpus = common::root().join("tests/data/corpus");
    let mut cases: Vec<(PathBuf, Server)> = std::fs::read_dir(&corpus)
        .unwrap()
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path.file_name()?.to_str()?.to_string();
            // PostgreSQL 15 cannot run pagila (a PostgreSQL 18 VIRTUAL column); see import_corpus.
            let server = match name.split('.').nth(1)? {
                "postgresql" if !name.starts_with("pagila") => Server::Postgres,
                "mysql" => Server::MariaDb,
                "sqlite" => Server::Sqlite,
                _ => return None,
            };
            Some((path, server))
        })
        .collect();
    cases.sort();
    cases
}

#[test]
fn imported_corpus_schemas_round_trip_through_their_own_server() {
    let _servers = common::server_lock();
    let mut problems = Vec::new();
    for (path, server) in corpus_cases() {
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let model = import_sql(&text, None, "corpus").schema;
        let label = path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .replace('.', "_");
        check(server, &model, &label, &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn sql_server_ddl_reads_back_as_the_same_tables() {
    // No SQL Server here: re-read the script with the importer's T-SQL reader instead.
    for path in common::sample_models() {
        let model = schemaboard::io::load(&path).unwrap();
        let ddl = export_ddl(&model, &mssql::MsSql).unwrap();
        let import = import_sql(&ddl.sql, Some(Dialect::MsSql), "mssql");
        let failed: Vec<_> = import
            .report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Failed)
            .collect();
        assert!(
            failed.is_empty(),
            "{}: {failed:?}\n{}",
            path.display(),
            ddl.sql
        );
        // SQL Server has no expression indexes: the exporter leaves them out (and says so).
        let names = |s: &Schema| -> Vec<(String, usize, usize, usize)> {
            let mut v: Vec<_> = s
                .tables
                .iter()
                .map(|t| {
                    let indexes = t
                        .indexes
                        .iter()
                        .filter(|i| {
                            i.keys
                                .iter()
                                .all(|k| matches!(k.target, IndexTarget::Column(_)))
                        })
                        .count();
                    (
                        t.name.clone(),
                        t.columns.len(),
                        t.foreign_keys.len(),
                        indexes,
                    )
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(names(&import.schema), names(&model), "{}", path.display());
    }
}

/// Names built to break naive quoting: quotes of every kind, a statement terminator and a
/// comment, reserved words, case, spaces, non-ASCII, and the longest name PostgreSQL allows.
fn adversarial_model() -> Schema {
    use schemaboard::model::SchemaBuilder;
    let longest = format!("t{}", "x".repeat(62));
    let mut b = SchemaBuilder::new("adversarial");
    b.table("a\"; DROP TABLE x; --", (0.0, 0.0), |t| {
        t.column("select", "integer").pk();
        t.column("it's", "text")
            .default("'it''s; -- not a comment'");
        t.column("back`tick", "varchar(10)").not_null();
        t.column("[bracket]", "integer");
        t.index(&["back`tick", "[bracket]"]);
    });
    b.table("Ünïcödé 表", (0.0, 0.0), |t| {
        t.column("Order", "integer").pk();
        t.column("with space", "integer")
            .references("a\"; DROP TABLE x; --", "select")
            .on_delete(ReferentialAction::Cascade);
        t.unique(&["with space"]);
    });
    b.table(&longest, (0.0, 0.0), |t| {
        t.column(&format!("c{}", "y".repeat(62)), "integer").pk();
    });
    b.build().unwrap()
}

#[test]
fn adversarial_names_round_trip_through_every_server() {
    let _servers = common::server_lock();
    let model = adversarial_model();
    let mut problems = Vec::new();
    for server in [Server::Postgres, Server::MariaDb, Server::Sqlite] {
        check(server, &model, "adversarial", &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
