//! Conversion between dialects on the real servers: every corpus schema is imported and
//! exported to each of PostgreSQL, MariaDB and SQLite (the others than its own), and the script
//! runs there with no error, every table, column, primary key and foreign key arriving, and
//! every index but those the exporter said it left out. `tests/data/cross_dialect_gaps.txt`
//! lists the pairs that do not yet, with what is wrong: a ratchet that only goes down (issue 16).

use crate::common;

use common::snapshot::{self, Snapshot};
use schemaboard::export::ddl::{Ddl, SqlDialect, export_ddl, mysql, postgres, sqlite};
use schemaboard::import::import_sql;
use schemaboard::model::Schema;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Server {
    Postgres,
    MariaDb,
    Sqlite,
}

impl Server {
    fn dialect(self) -> &'static dyn SqlDialect {
        match self {
            Server::Postgres => &postgres::Postgres,
            Server::MariaDb => &mysql::MySql,
            Server::Sqlite => &sqlite::Sqlite,
        }
    }

    fn run(self, label: &str, script: &str) -> Option<Snapshot> {
        let folder = std::env::temp_dir();
        match self {
            Server::Postgres => {
                let connection = std::env::var("SCHEMABOARD_TEST_POSTGRES").ok()?;
                Some(snapshot::postgres(&connection, label, script))
            }
            Server::MariaDb => {
                let socket = std::env::var("SCHEMABOARD_TEST_MARIADB").ok()?;
                Some(snapshot::mariadb(&socket, label, script, &folder))
            }
            Server::Sqlite => Some(snapshot::sqlite(script)),
        }
    }
}

/// What the model says the server must hold, and what it holds.
#[derive(Debug, Default, PartialEq)]
struct Arrived {
    tables: usize,
    columns: usize,
    primary_keys: usize,
    foreign_keys: usize,
    indexes: usize,
}

fn expected(model: &Schema, ddl: &Ddl, server: Server) -> Arrived {
    let dialect = server.dialect();
    let left_out = |name: &str| {
        ddl.losses.iter().any(|l| {
            l.object == format!("index {name}")
                && (l.message.ends_with("left out") || l.message.starts_with("left out:"))
        })
    };
    let mut arrived = Arrived::default();
    for table in &model.tables {
        arrived.tables += 1;
        arrived.columns += table.columns.len();
        arrived.primary_keys += usize::from(table.primary_key.is_some());
        arrived.foreign_keys += table.foreign_keys.len();
        // PostgreSQL and SQLite make one index for UNIQUEs of the same columns as the primary
        // key or as each other, as they document: count the distinct ones.
        let mut seen: Vec<Vec<_>> = table
            .primary_key
            .iter()
            .filter(|_| server != Server::MariaDb)
            .map(|pk| sorted(&pk.columns))
            .collect();
        let mut uniques = 0;
        for unique in &table.uniques {
            let columns = sorted(&unique.columns);
            if server == Server::MariaDb || !seen.contains(&columns) {
                uniques += 1;
                seen.push(columns);
            }
        }
        arrived.indexes += uniques
            + table
                .indexes
                .iter()
                .filter(|i| !left_out(&dialect.index_name(table, i)))
                .count();
    }
    arrived
}

fn sorted<T: Ord + Copy>(items: &[T]) -> Vec<T> {
    let mut items = items.to_vec();
    items.sort();
    items
}

/// `relation public.t kind r` → `public.t`.
fn second_word(fact: &str) -> String {
    fact.split(' ').nth(1).unwrap_or_default().to_string()
}

/// The column facts (`column t.c …`) of the base tables among `tables`.
fn columns_of(facts: &[&String], tables: &[String]) -> usize {
    facts
        .iter()
        .filter(|f| {
            let name = second_word(f);
            tables.iter().any(|t| name.starts_with(&format!("{t}.")))
        })
        .count()
}

fn arrived(snapshot: &Snapshot, server: Server) -> Arrived {
    let facts = |prefix: &str| -> Vec<&String> {
        snapshot
            .facts
            .iter()
            .filter(|f| f.starts_with(prefix))
            .collect()
    };
    match server {
        Server::Postgres => {
            let tables: Vec<String> = facts("relation ")
                .into_iter()
                .filter(|f| f.contains(" kind r") || f.contains(" kind p"))
                .map(|f| second_word(f))
                .collect();
            Arrived {
                tables: tables.len(),
                columns: columns_of(&facts("column "), &tables),
                primary_keys: facts("constraint ")
                    .into_iter()
                    .filter(|f| f.contains(" PRIMARY KEY ("))
                    .count(),
                foreign_keys: facts("constraint ")
                    .into_iter()
                    .filter(|f| f.contains(" FOREIGN KEY ("))
                    .count(),
                // Every index but the primary keys'.
                indexes: facts("index ").len()
                    - facts("constraint ")
                        .into_iter()
                        .filter(|f| f.contains(" PRIMARY KEY ("))
                        .count(),
            }
        }
        Server::MariaDb => {
            let tables: Vec<String> = facts("table ")
                .into_iter()
                .filter(|f| f.contains(" BASE TABLE"))
                .map(|f| second_word(f))
                .collect();
            let foreign_keys: Vec<String> = facts("foreign key ")
                .into_iter()
                .map(|f| f.split(' ').nth(2).unwrap_or_default().to_string())
                .collect();
            Arrived {
                tables: tables.len(),
                columns: columns_of(&facts("column "), &tables),
                primary_keys: facts("index ")
                    .into_iter()
                    .filter(|f| f.contains(".PRIMARY "))
                    .count(),
                foreign_keys: foreign_keys.len(),
                // InnoDB's own index for a foreign key is named after it: not the model's.
                indexes: facts("index ")
                    .into_iter()
                    .filter(|f| !f.contains(".PRIMARY "))
                    .filter(|f| {
                        let name = f.split(' ').nth(1).unwrap_or_default();
                        !foreign_keys.iter().any(|k| k == name)
                    })
                    .count(),
            }
        }
        Server::Sqlite => {
            let tables: Vec<String> = facts("table ")
                .into_iter()
                .filter(|f| f.ends_with(" table") || f.contains(" table "))
                .map(|f| second_word(f))
                .collect();
            Arrived {
                tables: tables.len(),
                columns: columns_of(&facts("column "), &tables),
                primary_keys: tables
                    .iter()
                    .filter(|t| {
                        facts(&format!("column {t}."))
                            .iter()
                            .any(|f| f.contains(" pk 1"))
                    })
                    .count(),
                foreign_keys: facts("foreign key ").len(),
                indexes: facts("index ").len(),
            }
        }
    }
}

fn gaps() -> BTreeMap<String, String> {
    let text =
        std::fs::read_to_string(common::root().join("tests/data/cross_dialect_gaps.txt")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (pair, why) = l.split_once(char::is_whitespace)?;
            Some((pair.to_string(), why.trim().to_string()))
        })
        .collect()
}

#[test]
fn corpus_converts_to_every_other_server() {
    let _servers = common::server_lock();
    let gaps = gaps();
    let out = common::root().join("target/cross-dialect");
    let _ = std::fs::create_dir_all(&out);
    let mut corpus: Vec<PathBuf> = std::fs::read_dir(common::root().join("tests/data/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    corpus.sort();
    let mut problems = Vec::new();
    let (mut clean, mut pairs) = (0, 0);
    for path in corpus {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = name.split('.').nth(1).unwrap().to_string();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let model = import_sql(&text, None, &name).schema;
        for server in [Server::Postgres, Server::MariaDb, Server::Sqlite] {
            let own = matches!(
                (source.as_str(), server),
                ("postgresql", Server::Postgres)
                    | ("mysql", Server::MariaDb)
                    | ("sqlite", Server::Sqlite)
            );
            if own {
                continue;
            }
            let pair = format!("{name}->{}", server.dialect().name());
            let ddl = match export_ddl(&model, server.dialect()) {
                Ok(ddl) => ddl,
                Err(e) => {
                    problems.push(format!("{pair}: export refused: {e}"));
                    continue;
                }
            };
            let label = name.split('.').next().unwrap();
            let Some(snapshot) = server.run(label, &ddl.sql) else {
                println!("skipped {pair}: no server (scripts/test starts one)");
                continue;
            };
            pairs += 1;
            let want = expected(&model, &ddl, server);
            let got = arrived(&snapshot, server);
            let _ = std::fs::write(out.join(format!("{pair}.sql")), &ddl.sql);
            let _ = std::fs::write(
                out.join(format!("{pair}.txt")),
                format!("{:#?}\nwant {want:?}\ngot  {got:?}\n", snapshot.errors),
            );
            // InnoDB adds an index of its own for a foreign key that no index serves.
            let indexes_ok = match server {
                Server::MariaDb => got.indexes >= want.indexes,
                _ => got.indexes == want.indexes,
            };
            let ok = snapshot.errors.is_empty()
                && indexes_ok
                && Arrived { indexes: 0, ..got } == Arrived { indexes: 0, ..want };
            println!(
                "{pair}: {} errors; want {want:?}, got {got:?}",
                snapshot.errors.len()
            );
            if ok {
                clean += 1;
                if gaps.contains_key(&pair) {
                    println!("{pair} now converts cleanly: remove its entry from the gaps file");
                }
            } else if !gaps.contains_key(&pair) {
                problems.push(format!(
                    "{pair}: {} errors (first: {:?}); want {want:?}, got {got:?}",
                    snapshot.errors.len(),
                    snapshot.errors.first()
                ));
            }
        }
    }
    println!("clean conversions: {clean} of {pairs}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// SQL Server has no server here: every corpus schema's T-SQL script is parsed statement by
/// statement by sqlparser's MsSql dialect (a reader we did not write) and read back by our
/// importer, giving the same tables, columns, keys and foreign keys.
#[test]
fn sql_server_scripts_parse_and_read_back_as_the_same_model() {
    use schemaboard::export::ddl::mssql;
    use sqlparser::dialect::MsSqlDialect;
    use sqlparser::parser::Parser;
    let mut corpus: Vec<PathBuf> = std::fs::read_dir(common::root().join("tests/data/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    corpus.sort();
    let mut problems = Vec::new();
    let mut unparsed_computed = 0;
    for path in corpus {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let model = import_sql(&text, None, &name).schema;
        let ddl = export_ddl(&model, &mssql::MsSql).unwrap();
        // Statements kept verbatim are SQL Server's own (from a T-SQL file): sqlparser's T-SQL
        // grammar does not cover every routine body, so only what the exporter writes is parsed.
        let written: String = ddl
            .sql
            .split("\nGO\n")
            .filter(|batch| {
                let batch = batch.trim_start();
                [
                    "CREATE TABLE",
                    "ALTER TABLE",
                    "CREATE INDEX",
                    "CREATE UNIQUE",
                    "CREATE SCHEMA",
                ]
                .iter()
                .any(|k| batch.lines().any(|l| l.starts_with(k)))
            })
            .map(|b| format!("{b}\nGO\n"))
            .collect();
        for batch in written.split("\nGO\n").filter(|b| !b.trim().is_empty()) {
            let statement = batch
                .lines()
                .filter(|l| !l.starts_with("--"))
                .collect::<Vec<_>>()
                .join("\n");
            let statement = statement.trim().trim_end_matches(';');
            let kept = model
                .verbatim
                .iter()
                .any(|o| o.sql.trim().trim_end_matches(';') == statement);
            if statement.is_empty() || kept {
                continue;
            }
            if let Err(e) = Parser::parse_sql(&MsSqlDialect {}, statement) {
                // sqlparser 0.64 reads no T-SQL computed column (`total AS (a * b) PERSISTED`,
                // which SQL Server's grammar has); our importer does, below.
                let computed = statement
                    .lines()
                    .any(|l| l.contains(" AS (") && !l.contains(" TYPE "));
                if computed {
                    unparsed_computed += 1;
                } else {
                    problems.push(format!("{name}: sqlparser: {e}\n  {statement}"));
                    break;
                }
            }
        }
        let back = import_sql(&ddl.sql, Some(schemaboard::import::Dialect::MsSql), "back");
        let shape = |s: &Schema| {
            let mut v: Vec<(String, usize, bool, usize)> = s
                .tables
                .iter()
                .map(|t| {
                    (
                        t.name.to_lowercase(),
                        t.columns.len(),
                        t.primary_key.is_some(),
                        t.foreign_keys.len(),
                    )
                })
                .collect();
            v.sort();
            v
        };
        if back.report.failed() > 0 {
            let first = back
                .report
                .diagnostics
                .iter()
                .find(|d| d.severity == schemaboard::import::Severity::Failed);
            problems.push(format!(
                "{name}: our importer failed on the T-SQL: {first:?}"
            ));
        } else if shape(&back.schema) != shape(&model) {
            problems.push(format!("{name}: the T-SQL reads back as another model"));
        }
    }
    println!(
        "T-SQL statements with computed columns, which sqlparser cannot read: {unparsed_computed}"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
