//! Same-dialect round trips against the real catalogs: every corpus schema is run on its own
//! server as it is (the ground truth), then imported and exported to the same dialect and run
//! again; the two catalogs are compared fact by fact (`common::snapshot`). The exported script
//! must run with no error, and it must not differ from the original's catalog by more facts than
//! the file's entry in `tests/data/same_dialect_gaps.txt` allows: a ratchet that only goes down,
//! and that lists, per file, how far from an exact round trip it still is (issue 16).

use crate::common;

use common::snapshot::{self, Snapshot};
use schemaboard::export::ddl::{SqlDialect, export_ddl, mysql, postgres, sqlite};
use schemaboard::import::import_sql;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Server {
    Postgres,
    MariaDb,
    Sqlite,
}

fn cases() -> Vec<(PathBuf, Server)> {
    let corpus = common::root().join("tests/data/corpus");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    // moodle29 states no licence, so it is not in the corpus: tested only where ../shared is.
    let moodle = common::root().join("../shared/schemas/moodle29.mysql.sql");
    if moodle.exists() {
        paths.push(moodle);
    }
    let mut cases: Vec<(PathBuf, Server)> = paths
        .into_iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            let server = match name.split('.').nth(1)? {
                // pagila is a PostgreSQL 17 dump (pgvector, uuidv7(), VIRTUAL columns): the
                // original does not load on PostgreSQL 15, so there is no catalog to compare;
                // ddl_real_db reads its export back instead.
                "postgresql" if name.starts_with("pagila") => return None,
                "postgresql" => Server::Postgres,
                "mysql" => Server::MariaDb,
                "sqlite" => Server::Sqlite,
                _ => return None,
            };
            Some((path, server))
        })
        .collect();
    cases.sort_by_key(|(p, _)| p.file_name().map(|n| n.to_os_string()));
    cases
}

fn run(server: Server, label: &str, script: &str, folder: &std::path::Path) -> Option<Snapshot> {
    match server {
        Server::Postgres => {
            let connection = std::env::var("SCHEMABOARD_TEST_POSTGRES").ok()?;
            Some(snapshot::postgres(&connection, label, script))
        }
        Server::MariaDb => {
            let socket = std::env::var("SCHEMABOARD_TEST_MARIADB").ok()?;
            Some(snapshot::mariadb(&socket, label, script, folder))
        }
        Server::Sqlite => Some(snapshot::sqlite(script)),
    }
}

/// The allowed number of differing facts per file.
fn gaps() -> BTreeMap<String, usize> {
    let text =
        std::fs::read_to_string(common::root().join("tests/data/same_dialect_gaps.txt")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (file, n) = l.split_once(char::is_whitespace).unwrap();
            (file.to_string(), n.trim().parse().unwrap())
        })
        .collect()
}

/// What one file's round trip came to.
struct Outcome {
    /// Facts of the original's catalog that the export's does not have, and the other way.
    differences: Vec<String>,
    /// Errors the exported script raised.
    errors: Vec<String>,
}

/// Runs `path` on its server, imports it, exports it to the same dialect, runs that, and
/// compares; `None` when there is no such server here.
fn round_trip(path: &std::path::Path, server: Server, out: &std::path::Path) -> Option<Outcome> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    let label = name.split('.').next().unwrap().to_string();
    let folder = path.parent().unwrap();
    let Some(original) = run(server, &label, &text, folder) else {
        println!("skipped {name}: no {server:?} server (scripts/test starts one)");
        return None;
    };
    let import = import_sql(&text, None, &name);
    let dialect: &dyn SqlDialect = match server {
        Server::Postgres => &postgres::Postgres,
        Server::MariaDb => &mysql::MySql,
        Server::Sqlite => &sqlite::Sqlite,
    };
    let ddl = match export_ddl(&import.schema, dialect) {
        Ok(ddl) => ddl,
        Err(e) => {
            return Some(Outcome {
                differences: Vec::new(),
                errors: vec![format!("export refused: {e}")],
            });
        }
    };
    let back = run(server, &label, &ddl.sql, folder).unwrap();
    let differences = original.differences(&back);
    let _ = std::fs::write(
        out.join(format!("{name}.txt")),
        format!(
            "original errors: {:#?}\nexport errors: {:#?}\n\n{}\n",
            original.errors,
            back.errors,
            differences.join("\n")
        ),
    );
    let _ = std::fs::write(out.join(format!("{name}.export.sql")), &ddl.sql);
    println!(
        "{name}: {} facts, {} differ, {} errors in the export ({} in the original)",
        original.facts.len(),
        differences.len(),
        back.errors.len(),
        original.errors.len()
    );
    Some(Outcome {
        differences,
        errors: back.errors,
    })
}

#[test]
fn corpus_round_trips_through_its_own_server_fact_by_fact() {
    let _servers = common::server_lock();
    let gaps = gaps();
    let out = common::root().join("target/same-dialect");
    let _ = std::fs::create_dir_all(&out);
    let mut problems = Vec::new();
    let mut exact = 0;
    let mut compared = 0;
    for (path, server) in cases() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(outcome) = round_trip(&path, server, &out) else {
            continue;
        };
        compared += 1;
        if outcome.differences.is_empty() && outcome.errors.is_empty() {
            exact += 1;
        }
        if let Some(first) = outcome.errors.first() {
            problems.push(format!(
                "{name}: the exported script raised {} errors on {server:?}, first: {first}",
                outcome.errors.len(),
            ));
        }
        let differences = &outcome.differences;
        let allowed = gaps.get(&name).copied().unwrap_or(0);
        if differences.len() > allowed {
            problems.push(format!(
                "{name}: {} facts differ from the original's catalog, {allowed} allowed; first:\n  {}",
                differences.len(),
                differences.iter().take(12).cloned().collect::<Vec<_>>().join("\n  ")
            ));
        } else if differences.len() < allowed {
            println!(
                "{name}: {} differences, fewer than the {allowed} allowed: lower its entry",
                differences.len()
            );
        }
    }
    println!("exact same-dialect round trips: {exact} of {compared}");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// Small scripts we wrote, one per class of construct a round trip once lost
/// (`tests/data/round_trip_snippets`, named `what.dialect.sql`): each must come back exactly.
#[test]
fn every_snippet_round_trips_exactly() {
    let _servers = common::server_lock();
    let folder = common::root().join("tests/data/round_trip_snippets");
    let out = common::root().join("target/same-dialect-snippets");
    let _ = std::fs::create_dir_all(&out);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut problems = Vec::new();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let server = match name.split('.').nth(1) {
            Some("postgresql") => Server::Postgres,
            Some("mysql") => Server::MariaDb,
            Some("sqlite") => Server::Sqlite,
            _ => panic!("{name}: name it what.postgresql.sql, what.mysql.sql or what.sqlite.sql"),
        };
        let Some(outcome) = round_trip(&path, server, &out) else {
            continue;
        };
        if !outcome.errors.is_empty() || !outcome.differences.is_empty() {
            problems.push(format!(
                "{name}: errors {:?}; differences:\n  {}",
                outcome.errors,
                outcome.differences.join("\n  ")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
