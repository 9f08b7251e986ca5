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
