//! The importer on the corpus of real public schemas (`tests/data/corpus/`, see SOURCES.md).
//!
//! Every file must import with no failed statement and every table, column, key, foreign key and
//! index must arrive. The expected counts below are the truth as read from real catalogs:
//! PostgreSQL 15 and MariaDB 10.11 for their files, after loading each file there (the
//! `counts_match_the_live_catalogs` test repeats that on every run of `scripts/test`), the
//! bundled SQLite (rusqlite) for SQLite, and for SQL Server, which we cannot run here, counts made by hand as
//! each case's comment says.

use crate::common;

use common::catalog::{self, Counts};
use schemaboard::import::{Dialect, Severity, import_sql};
use schemaboard::model::Schema;
use std::path::{Path, PathBuf};

/// Where the truth for a file comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Truth {
    Postgres,
    MariaDb,
    Sqlite,
    /// Counted by hand; the case says how.
    Hand,
}

struct Case {
    file: &'static str,
    dialect: Dialect,
    truth: Truth,
    /// What the import must give.
    expected: Counts,
    /// Where the catalog sees less than the script says (see the case's comment).
    catalog_gap: Counts,
}

const NO_GAP: Counts = counts(0, 0, 0, 0, 0, 0);

const fn counts(
    tables: usize,
    columns: usize,
    foreign_keys: usize,
    primary_keys: usize,
    uniques: usize,
    indexes: usize,
) -> Counts {
    Counts {
        tables,
        columns,
        foreign_keys,
        primary_keys,
        uniques,
        indexes,
    }
}

const CASES: &[Case] = &[
    Case {
        file: "adventureworks.postgresql.sql",
        dialect: Dialect::Postgres,
        truth: Truth::Postgres,
        expected: counts(68, 456, 90, 68, 1, 0),
        catalog_gap: NO_GAP,
    },
    // By hand: 71 `CREATE TABLE`; 486 column lines inside them (an awk over the CREATE TABLE
    // blocks); 90 `CONSTRAINT [FK_…] FOREIGN KEY`; 71 `CONSTRAINT [PK_…] PRIMARY KEY`; one inline
    // `UNIQUE` (Document.rowguid); 95 CREATE INDEX statements, 2 of them on views.
    Case {
        file: "adventureworks.sqlserver.sql",
        dialect: Dialect::MsSql,
        truth: Truth::Hand,
        expected: counts(71, 486, 90, 71, 1, 93),
        catalog_gap: NO_GAP,
    },
    Case {
        file: "chinook.mysql.sql",
        dialect: Dialect::MySql,
        truth: Truth::MariaDb,
        expected: counts(11, 64, 11, 11, 0, 11),
        catalog_gap: NO_GAP,
    },
    Case {
        file: "chinook.postgresql.sql",
        dialect: Dialect::Postgres,
        truth: Truth::Postgres,
        expected: counts(11, 64, 11, 11, 0, 11),
        catalog_gap: NO_GAP,
    },
    Case {
        file: "chinook.sqlite.sql",
        dialect: Dialect::Sqlite,
        truth: Truth::Sqlite,
        expected: counts(11, 64, 11, 11, 0, 11),
        catalog_gap: NO_GAP,
    },
    // By hand: the same 11 tables and 64 columns as the other Chinook files (which the catalogs
    // confirm); 12 `FOREIGN KEY` and 12 `PRIMARY KEY` matches, one of each in a banner comment;
    // 11 CREATE INDEX statements.
    Case {
        file: "chinook.sqlserver.sql",
        dialect: Dialect::MsSql,
        truth: Truth::Hand,
        expected: counts(11, 64, 11, 11, 0, 11),
        catalog_gap: NO_GAP,
    },
    Case {
        file: "employees.mysql.sql",
        dialect: Dialect::MySql,
        truth: Truth::MariaDb,
        expected: counts(6, 24, 6, 6, 1, 0),
        catalog_gap: NO_GAP,
    },
    Case {
        file: "northwind.postgresql.sql",
        dialect: Dialect::Postgres,
        truth: Truth::Postgres,
        expected: counts(14, 92, 13, 14, 0, 0),
        catalog_gap: NO_GAP,
    },
    Case {
        file: "odoo16.postgresql.sql",
        dialect: Dialect::Postgres,
        truth: Truth::Postgres,
        expected: counts(776, 8197, 2995, 776, 97, 713),
        catalog_gap: NO_GAP,
    },
    // By hand, because PostgreSQL 15 cannot load it (a PostgreSQL 18 `VIRTUAL` column and an
    // extension type): 71 `CREATE TABLE` (16 tables, 55 partitions); 479 column lines inside them;
    // 37 `ADD CONSTRAINT … FOREIGN KEY`; 17 `PRIMARY KEY`, one of them a temporary table inside a
    // function; 38 CREATE INDEX, one of them on the materialized view rental_by_category.
    Case {
        file: "pagila.postgresql.sql",
        dialect: Dialect::Postgres,
        truth: Truth::Hand,
        expected: counts(71, 479, 37, 16, 0, 37),
        catalog_gap: NO_GAP,
    },
    // MariaDB does not run MySQL 5.7's `/*!50705 … */` lines, which add address.location and its
    // SPATIAL KEY; MySQL does, and so do we: the catalog sees one column and one index less.
    Case {
        file: "sakila.mysql.sql",
        dialect: Dialect::MySql,
        truth: Truth::MariaDb,
        expected: counts(16, 90, 22, 16, 2, 22),
        catalog_gap: counts(0, 1, 0, 0, 0, 1),
    },
    Case {
        file: "sakila.postgresql.sql",
        dialect: Dialect::Postgres,
        truth: Truth::Postgres,
        expected: counts(21, 123, 40, 15, 0, 29),
        catalog_gap: NO_GAP,
    },
    // By hand: 16 `CREATE TABLE`, 89 column lines in them, 22 `FOREIGN KEY`, 16 `PRIMARY KEY`,
    // 24 `CREATE [UNIQUE] [NONCLUSTERED] INDEX` statements.
    Case {
        file: "sakila.sqlserver.sql",
        dialect: Dialect::MsSql,
        truth: Truth::Hand,
        expected: counts(16, 89, 22, 16, 0, 24),
        catalog_gap: NO_GAP,
    },
    // SQLite folds open_id_tokens' `UNIQUE (token)` into its PRIMARY KEY on the same column; the
    // model keeps both, as declared.
    Case {
        file: "synapse.sqlite.sql",
        dialect: Dialect::Sqlite,
        truth: Truth::Sqlite,
        expected: counts(130, 607, 14, 27, 57, 144),
        catalog_gap: counts(0, 0, 0, 0, 1, 0),
    },
];

fn plus(a: Counts, b: Counts) -> Counts {
    counts(
        a.tables + b.tables,
        a.columns + b.columns,
        a.foreign_keys + b.foreign_keys,
        a.primary_keys + b.primary_keys,
        a.uniques + b.uniques,
        a.indexes + b.indexes,
    )
}

fn corpus(file: &str) -> PathBuf {
    common::root().join("tests/data/corpus").join(file)
}

fn model_counts(schema: &Schema) -> Counts {
    let stats = schema.stats();
    Counts {
        tables: stats.tables,
        columns: stats.columns,
        foreign_keys: stats.foreign_keys,
        primary_keys: stats.primary_keys,
        uniques: stats.unique_constraints,
        indexes: stats.indexes,
    }
}

fn import_file(path: &Path) -> schemaboard::import::Import {
    let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    import_sql(&text, None, "corpus")
}

fn failures(import: &schemaboard::import::Import) -> Vec<String> {
    import
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Failed)
        .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
        .collect()
}

#[test]
fn every_corpus_file_imports_completely() {
    let mut tables = 0;
    for case in CASES {
        let import = import_file(&corpus(case.file));
        assert_eq!(
            import.dialect, case.dialect,
            "{}: dialect guessed",
            case.file
        );
        assert_eq!(failures(&import), Vec::<String>::new(), "{}", case.file);
        assert_eq!(model_counts(&import.schema), case.expected, "{}", case.file);
        tables += import.schema.tables.len();
    }
    // With moodle29 (328 tables, kept in ../shared only) that makes all 1,561 of the corpus.
    assert_eq!(tables, 1561 - 328);
}

#[test]
fn moodle_from_the_shared_folder() {
    let path = common::root().join("../shared/schemas/moodle29.mysql.sql");
    if !path.exists() {
        println!(
            "skipped: {} is not here (it states no licence, so it is not in the repository)",
            path.display()
        );
        return;
    }
    let import = import_file(&path);
    assert_eq!(import.dialect, Dialect::MySql);
    assert_eq!(failures(&import), Vec::<String>::new());
    // Truth from MariaDB 10.11 (see `counts_match_the_live_catalogs`).
    assert_eq!(model_counts(&import.schema), MOODLE);
}

const MOODLE: Counts = counts(328, 2999, 0, 328, 109, 553);

#[test]
fn counts_match_the_live_catalogs() {
    let _servers = common::server_lock();
    let postgres = std::env::var("SCHEMABOARD_TEST_POSTGRES").ok();
    let mariadb = std::env::var("SCHEMABOARD_TEST_MARIADB").ok();
    let sqlite = true;
    let mut moodle = Vec::new();
    let shared_moodle = common::root().join("../shared/schemas/moodle29.mysql.sql");
    if shared_moodle.exists() {
        moodle.push((shared_moodle, Truth::MariaDb, MOODLE, NO_GAP));
    }
    let cases = CASES
        .iter()
        .map(|c| (corpus(c.file), c.truth, c.expected, c.catalog_gap))
        .chain(moodle);
    let mut disagreements = Vec::new();
    for (path, truth, expected, gap) in cases {
        let live = match truth {
            Truth::Postgres => postgres.as_deref().map(|c| catalog::postgres(c, &path)),
            Truth::MariaDb => mariadb.as_deref().map(|s| catalog::mariadb(s, &path)),
            Truth::Sqlite if sqlite => Some(catalog::sqlite(&path)),
            Truth::Sqlite | Truth::Hand => continue,
        };
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(live) = live else {
            println!("skipped {name}: no {truth:?} server (scripts/test starts one)");
            continue;
        };
        let live = plus(live, gap);
        println!("{name}: catalog plus gap {live:?}");
        if live != expected {
            disagreements.push(format!(
                "{name}: catalog plus gap {live:?}, recorded {expected:?}"
            ));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn import_then_save_then_load_gives_the_same_model() {
    let folder = tempfile::tempdir().unwrap();
    for case in CASES {
        let import = import_file(&corpus(case.file));
        let path = folder.path().join(format!("{}.ron", case.file));
        schemaboard::io::save(&path, &import.schema).unwrap();
        let loaded = schemaboard::io::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded, import.schema, "{}", case.file);
    }
}

/// Every corpus file, those of no case above included, is guessed as the dialect its name says,
/// from its statements alone.
#[test]
fn every_corpus_file_is_guessed_as_its_own_dialect() {
    let mut wrong = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(common::root().join("tests/data/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let expected = match name.split('.').nth(1).unwrap() {
            "postgresql" => Dialect::Postgres,
            "mysql" => Dialect::MySql,
            "sqlite" => Dialect::Sqlite,
            _ => Dialect::MsSql,
        };
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let (guessed, reason) = Dialect::guess_with_reason(&text);
        if guessed != expected {
            wrong.push(format!("{name}: guessed {guessed} ({reason})"));
        }
    }
    assert!(files.len() >= 25, "the corpus is there");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
