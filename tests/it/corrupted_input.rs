//! Short fuzz runs in the suite: thousands of small corruptions of real SQL (the corpus) and of
//! real model files (the samples). The importer reports and never panics, and what it returns
//! is a sound model; the loader either loads a sound model or names the file, line and column of
//! what is wrong. Deep nesting is an error, not a stack overflow.
//! `SCHEMABOARD_FUZZ_ROUNDS=N` runs N times as many corruptions.

use crate::common;

use schemaboard::import::import_sql;
use schemaboard::io::{LoadError, load_str};
use schemaboard::model::integrity_problems;
use std::path::Path;

const SQL_SPECIALS: [char; 16] = [
    '(', ')', ',', ';', '\'', '"', '`', '[', ']', '$', '-', '/', '*', '\n', ' ', 'é',
];

#[test]
fn corrupted_sql_never_panics_or_yields_a_broken_model() {
    // The smaller corpus files, of every dialect (each import is cheap, so many run).
    let files = [
        "chinook.postgresql.sql",
        "chinook.mysql.sql",
        "chinook.sqlite.sql",
        "chinook.sqlserver.sql",
        "northwind.postgresql.sql",
        "employees.mysql.sql",
        "sakila.sqlserver.sql",
    ];
    for (seed, name) in files.iter().enumerate() {
        let path = common::root().join("tests/data/corpus").join(name);
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        for mutated in common::corruptions(&text, 120, seed as u64 + 11, &SQL_SPECIALS) {
            let import = import_sql(&mutated, None, "fuzz");
            assert_eq!(integrity_problems(&import.schema), [], "{name}: {mutated}");
        }
    }
}

#[test]
fn corrupted_model_files_load_soundly_or_say_where_they_break() {
    let specials = [
        '(', ')', '[', ']', ',', ':', '"', '\\', '\n', '9', '-', 'e', 'é',
    ];
    for (seed, path) in common::sample_models().into_iter().enumerate() {
        let text = std::fs::read_to_string(&path).unwrap();
        for mutated in common::corruptions(&text, 300, seed as u64 + 101, &specials) {
            match load_str(&mutated, Path::new("fuzz.ron")) {
                Ok(schema) => assert_eq!(integrity_problems(&schema), [], "{mutated}"),
                Err(LoadError::Syntax { line, column, .. }) => {
                    assert!(line >= 1 && column >= 1, "{mutated}");
                }
                Err(error) => {
                    let message = error.to_string();
                    assert!(message.starts_with("fuzz.ron"), "{message}");
                }
            }
        }
    }
}

#[test]
fn deeply_nested_sql_and_dbml_are_errors_not_stack_overflows() {
    let depth = 100_000;
    let sql = format!(
        "CREATE TABLE t (id int CHECK ({}1{}));\nCREATE TABLE u (id int);\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let import = import_sql(&sql, Some(schemaboard::import::Dialect::Postgres), "deep");
    assert!(
        import.report.failed() >= 1,
        "the deep statement is reported"
    );
    assert!(
        import.schema.tables.iter().any(|t| t.name == "u"),
        "and the rest imports"
    );
    let dbml = format!("Table t {{\n  id int [note: '{}']\n}}\n", "[".repeat(depth));
    let import = schemaboard::import::dbml::import_dbml(&dbml, "deep");
    assert_eq!(integrity_problems(&import.schema), []);
}

/// A chain of operators is read in a loop but makes a tree as deep as it is long: fifty
/// thousand terms overflowed the stack walking it. Through import, the model, the validator and
/// every exporter it is an error or a reported loss.
#[test]
fn a_long_chain_of_operators_is_an_error_not_a_stack_overflow() {
    let chain = vec!["(1)"; 50_000].join(" + ");
    let sql = format!("CREATE TABLE t (id int DEFAULT {chain});\nCREATE TABLE u (id int);\n");
    let import = import_sql(&sql, Some(schemaboard::import::Dialect::Postgres), "chain");
    let failure = import
        .report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("deeper than"))
        .expect("the chain is reported");
    assert_eq!(failure.line, 1);
    assert!(import.schema.tables.iter().any(|t| t.name == "u"));

    let mut b = schemaboard::model::SchemaBuilder::new("chain");
    b.table("t", (0.0, 0.0), |t| {
        t.column("id", "integer").pk().default(&chain);
        t.check("long", &format!("id < {chain}"));
    });
    let model = b.build().unwrap();
    let _ = schemaboard::check::check(&model, &model.check_settings);
    use schemaboard::export::ddl::{export_ddl, mssql, mysql, postgres, sqlite};
    let dialects: [&dyn schemaboard::export::ddl::SqlDialect; 4] = [
        &postgres::Postgres,
        &mysql::MySql,
        &sqlite::Sqlite,
        &mssql::MsSql,
    ];
    for dialect in dialects {
        if let Ok(ddl) = export_ddl(&model, dialect) {
            // Said in a comment of what was not carried, never written as SQL.
            let sql = ddl
                .sql
                .lines()
                .filter(|l| !l.trim_start().starts_with("--"));
            assert!(
                !sql.into_iter().any(|l| l.contains("(1) + (1) + (1)")),
                "{} wrote the chain",
                dialect.name()
            );
            assert!(!ddl.losses.is_empty());
        }
    }
}
