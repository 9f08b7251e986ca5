//! Exported DDL runs on real servers, and what the server then holds is the model.
//!
//! For each sample model (on every server) and each corpus schema (on the server of its own
//! dialect): export, run the script on the server, read the schema back with the server's own dump
//! tool, import that, and compare tables, columns (types normalised to what the dialect can say),
//! nullability, identity, primary keys, unique constraints, foreign keys with their actions and
//! indexes. PostgreSQL and MariaDB are the servers `scripts/test` starts; SQLite is rusqlite's
//! bundled build. SQL Server has no server here: its DDL is re-read with our importer instead (last test).

use crate::common;

use common::servers;
use common::shape::{Server, shape};
use schemaboard::export::ddl::{SqlDialect, export_ddl, mssql, mysql, postgres, sqlite};
use schemaboard::import::{Dialect, Severity, import_sql};
use schemaboard::model::{IndexTarget, ReferentialAction, Schema};
use std::path::PathBuf;

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
        Server::Sqlite => servers::sqlite(&ddl.sql),
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

/// `model` as MariaDB makes it: without the columns and indexes gated on MySQL 5.7 or later
/// (`/*!50705 … */`), which it skips.
fn without_skipped_gates(model: &Schema) -> Schema {
    let skipped = |since: Option<u32>| since.is_some_and(|v| (50700..100_000).contains(&v));
    let mut made = model.clone();
    for table in &mut made.tables {
        table.columns.retain(|c| !skipped(c.mysql_since));
        table.indexes.retain(|i| !skipped(i.mysql_since));
    }
    made
}

fn check(server: Server, model: &Schema, label: &str, problems: &mut Vec<String>) {
    match round_trip(server, model, label) {
        None => println!("skipped {label} on {server:?}: no server (scripts/test starts one)"),
        Some(Err(e)) => problems.push(format!("{label} on {server:?}: {e}")),
        Some(Ok(back)) => {
            let made = match server {
                Server::MariaDb => without_skipped_gates(model),
                _ => model.clone(),
            };
            let expected = shape(server, &made, None);
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
            // pagila needs pgvector, which Debian's PostgreSQL 15 lacks: see the pagila test below.
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

/// Without any server: import(export(model, D), D) gives the model back, and every column type,
/// identity or index that does not come back as it was is one the exporter reported as a loss.
#[test]
fn export_then_import_loses_only_what_the_exporter_reported() {
    use schemaboard::model::Identity;
    for path in common::sample_models() {
        let model = schemaboard::io::load(&path).unwrap();
        for (dialect, import_dialect) in [
            (&postgres::Postgres as &dyn SqlDialect, Dialect::Postgres),
            (&mysql::MySql, Dialect::MySql),
            (&sqlite::Sqlite, Dialect::Sqlite),
            (&mssql::MsSql, Dialect::MsSql),
        ] {
            let ddl = export_ddl(&model, dialect).unwrap();
            let back = import_sql(&ddl.sql, Some(import_dialect), "back").schema;
            let reported = |object: &str| ddl.losses.iter().any(|l| l.object == object);
            let context = format!("{} as {}", path.display(), dialect.name());
            for table in &model.tables {
                let other = back
                    .tables
                    .iter()
                    .find(|t| t.name == table.name)
                    .unwrap_or_else(|| panic!("{context}: table {} missing", table.name));
                assert_eq!(
                    other.columns.len(),
                    table.columns.len(),
                    "{context}: {}",
                    table.name
                );
                for (column, came_back) in table.columns.iter().zip(&other.columns) {
                    let object = format!("{}.{}", table.name, column.name);
                    assert_eq!(came_back.name, column.name, "{context}");
                    assert_eq!(came_back.nullable, column.nullable, "{context}: {object}");
                    // Enums come back as a type of the same values, under the dialect's naming.
                    let values = |s: &Schema, t: &schemaboard::model::DataType| match t {
                        schemaboard::model::DataType::Enum(id) => {
                            s.enum_type(*id).map(|e| format!("enum{:?}", e.values))
                        }
                        other => Some(other.to_string()),
                    };
                    let same_type =
                        values(&model, &column.data_type) == values(&back, &came_back.data_type);
                    let mysql_boolean = column.data_type == schemaboard::model::DataType::Boolean
                        && came_back.data_type == schemaboard::model::DataType::Boolean;
                    let widened = matches!(
                        (&column.data_type, &came_back.data_type),
                        (
                            schemaboard::model::DataType::TinyInt,
                            schemaboard::model::DataType::SmallInt
                        ) | (
                            schemaboard::model::DataType::Varchar(None),
                            schemaboard::model::DataType::Text
                        )
                    );
                    assert!(
                        same_type || mysql_boolean || widened || reported(&object),
                        "{context}: {object} came back as {} instead of {}, and no loss says so",
                        came_back.data_type,
                        column.data_type
                    );
                    let identity_kept = came_back.identity.is_some() == column.identity.is_some();
                    let identity_same = came_back.identity == column.identity
                        || (came_back.identity == Some(Identity::AutoIncrement)
                            && reported(&object));
                    assert!(
                        identity_kept || reported(&object),
                        "{context}: {object} identity lost silently"
                    );
                    assert!(
                        identity_same || !identity_kept || reported(&object),
                        "{context}: {object} identity changed silently"
                    );
                }
                for index in &table.indexes {
                    let name = schemaboard::export::ddl::index_name(table, index);
                    let present = other
                        .indexes
                        .iter()
                        .any(|i| i.name.as_deref() == Some(name.as_str()))
                        || other
                            .uniques
                            .iter()
                            .any(|u| u.name.as_deref() == Some(name.as_str()));
                    assert!(
                        present || reported(&format!("index {name}")),
                        "{context}: index {name} lost silently"
                    );
                }
                assert_eq!(
                    other.foreign_keys.len(),
                    table.foreign_keys.len(),
                    "{context}: {}",
                    table.name
                );
            }
        }
    }
}

/// A table that asks for `auto_updated_at` gets its column set on every UPDATE: a trigger on
/// PostgreSQL and SQLite, `ON UPDATE CURRENT_TIMESTAMP` on MariaDB.
#[test]
fn auto_updated_at_is_kept_current_on_every_server() {
    use schemaboard::model::SchemaBuilder;
    let _servers = common::server_lock();
    let mut b = SchemaBuilder::new("touch");
    b.table("notes", (0.0, 0.0), |t| {
        t.property("auto_updated_at", "updated_at");
        t.column("id", "integer").pk();
        t.column("body", "text");
        t.column("updated_at", "timestamp")
            .not_null()
            .default("CURRENT_TIMESTAMP");
    });
    let model = b.build().unwrap();
    let script = "INSERT INTO notes (id, body, updated_at) VALUES (1, 'a', '2000-01-01 00:00:00');\n\
                  UPDATE notes SET body = 'b' WHERE id = 1;\n\
                  SELECT updated_at FROM notes WHERE id = 1;\n";
    let folder = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for (dialect, name) in [
        (&postgres::Postgres as &dyn SqlDialect, "postgres"),
        (&mysql::MySql, "mariadb"),
        (&sqlite::Sqlite, "sqlite"),
    ] {
        let ddl = export_ddl(&model, dialect).unwrap().sql;
        let output = match name {
            "postgres" => {
                let Ok(c) = std::env::var("SCHEMABOARD_TEST_POSTGRES") else {
                    continue;
                };
                servers::postgres_create(&c, "touch").unwrap();
                servers::postgres_run(&c, "touch", &format!("{ddl}\n{script}"))
            }
            "mariadb" => {
                let Ok(s) = std::env::var("SCHEMABOARD_TEST_MARIADB") else {
                    continue;
                };
                servers::mariadb_create(&s, "touch").unwrap();
                servers::mariadb_run(&s, "touch", &format!("{ddl}\n{script}"))
            }
            _ => servers::sqlite_run(&folder.path().join("touch.db"), &format!("{ddl}\n{script}")),
        }
        .unwrap_or_else(|e| panic!("{name}: {e}\n{ddl}"));
        let value = output.lines().last().unwrap_or_default().to_string();
        assert!(
            !value.is_empty() && !value.starts_with("2000"),
            "{name}: updated_at is {value:?}"
        );
        checked += 1;
    }
    println!("auto_updated_at checked on {checked} servers");
}

/// pagila needs the pgvector extension, which Debian's PostgreSQL 15 lacks, so it cannot run on
/// the test server; its exported DDL is read back by the importer instead.
#[test]
fn pagila_ddl_reads_back_as_the_same_schema() {
    let path = common::root().join("tests/data/corpus/pagila.postgresql.sql");
    let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
    let model = import_sql(&text, None, "pagila").schema;
    let ddl = export_ddl(&model, &postgres::Postgres).unwrap();
    let back = import_sql(&ddl.sql, Some(Dialect::Postgres), "back");
    let failed: Vec<_> = back
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Failed)
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    assert_eq!(
        shape(Server::Postgres, &back.schema, Some(&model)),
        shape(Server::Postgres, &model, None)
    );
}
