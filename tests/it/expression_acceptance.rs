//! Defaults, generated columns and index expressions of each dialect, converted for each other
//! one, are taken by the real server (issue 16): every case is a table of its own, all of them in
//! one script per source and target; the script must run with no error, and each expression must
//! either arrive (the server's catalog, read back, has the default, the generated column or the
//! index) or be listed as not carried. CHECKs are `tests/it/check_evaluation.rs`'s, with rows.

use crate::common;

use common::servers;
use schemaboard::export::ddl::{SqlDialect, export_ddl, mysql, postgres, sqlite};
use schemaboard::import::{Dialect, import_sql};
use schemaboard::model::Schema;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// `x <type> DEFAULT <expression>`.
    Default(&'static str),
    /// `x <type> GENERATED ALWAYS AS (<expression>) STORED`.
    Generated(&'static str),
    /// `CREATE INDEX … (<expression>)`.
    Index,
}

/// Source dialect, what the expression is, and the expression.
type Case = (Dialect, Kind, &'static str);

use Kind::{Default, Generated, Index};

const CASES: &[Case] = &[
    // PostgreSQL: casts, booleans, functions, arrays, intervals, sequences of text.
    (
        Dialect::Postgres,
        Default("varchar(20)"),
        "''::character varying",
    ),
    (
        Dialect::Postgres,
        Default("varchar(20)"),
        "'draft'::character varying",
    ),
    (Dialect::Postgres, Default("text"), "'a'::text || 'b'::text"),
    (Dialect::Postgres, Default("boolean"), "false"),
    (Dialect::Postgres, Default("boolean"), "true"),
    (Dialect::Postgres, Default("integer"), "0"),
    (Dialect::Postgres, Default("numeric(10,2)"), "0.00"),
    (Dialect::Postgres, Default("numeric(10,2)"), "(-1)::numeric"),
    (Dialect::Postgres, Default("timestamp"), "now()"),
    (Dialect::Postgres, Default("timestamp"), "CURRENT_TIMESTAMP"),
    (
        Dialect::Postgres,
        Default("timestamp with time zone"),
        "now()",
    ),
    (Dialect::Postgres, Default("date"), "CURRENT_DATE"),
    (Dialect::Postgres, Default("date"), "('now'::text)::date"),
    (Dialect::Postgres, Default("date"), "'2024-01-31'::date"),
    (
        Dialect::Postgres,
        Default("timestamp"),
        "(now() + '1 day'::interval)",
    ),
    (Dialect::Postgres, Default("uuid"), "gen_random_uuid()"),
    (Dialect::Postgres, Default("jsonb"), "'{}'::jsonb"),
    (Dialect::Postgres, Default("text[]"), "'{}'::text[]"),
    (Dialect::Postgres, Default("text"), "upper('x')"),
    (Dialect::Postgres, Generated("integer"), "n * 2"),
    (Dialect::Postgres, Generated("text"), "lower(s)"),
    (Dialect::Postgres, Generated("text"), "COALESCE(s, '')"),
    (Dialect::Postgres, Generated("integer"), "length(s)"),
    (
        Dialect::Postgres,
        Generated("text"),
        "(s || '-'::text) || t",
    ),
    (Dialect::Postgres, Index, "lower(s)"),
    (Dialect::Postgres, Index, "(n + 1)"),
    (Dialect::Postgres, Index, "COALESCE(t, ''::text)"),
    // MySQL: its functions, zero dates, CONCAT, bit-valued booleans.
    (Dialect::MySql, Default("varchar(20)"), "''"),
    (Dialect::MySql, Default("tinyint(1)"), "0"),
    (Dialect::MySql, Default("tinyint(1)"), "1"),
    (Dialect::MySql, Default("datetime"), "CURRENT_TIMESTAMP"),
    (Dialect::MySql, Default("timestamp"), "CURRENT_TIMESTAMP"),
    (Dialect::MySql, Default("datetime"), "'0000-00-00 00:00:00'"),
    (Dialect::MySql, Default("date"), "'2024-01-31'"),
    (Dialect::MySql, Default("decimal(10,2)"), "'0.00'"),
    (Dialect::MySql, Default("varchar(36)"), "(uuid())"),
    (Dialect::MySql, Default("int"), "(1 + 2)"),
    (
        Dialect::MySql,
        Generated("varchar(81)"),
        "concat(s, ' ', t)",
    ),
    (Dialect::MySql, Generated("int"), "n * 2"),
    (Dialect::MySql, Generated("varchar(40)"), "upper(s)"),
    (Dialect::MySql, Generated("int"), "ifnull(n, 0)"),
    (Dialect::MySql, Generated("int"), "char_length(s)"),
    // SQLite: its spellings of the same things.
    (Dialect::Sqlite, Default("TEXT"), "''"),
    (Dialect::Sqlite, Default("INTEGER"), "0"),
    (Dialect::Sqlite, Default("TIMESTAMP"), "CURRENT_TIMESTAMP"),
    (Dialect::Sqlite, Default("DATE"), "CURRENT_DATE"),
    (Dialect::Sqlite, Default("TEXT"), "(datetime('now'))"),
    (Dialect::Sqlite, Default("REAL"), "1.5"),
    (Dialect::Sqlite, Default("BOOLEAN"), "FALSE"),
    (Dialect::Sqlite, Default("TEXT"), "('a' || 'b')"),
    (Dialect::Sqlite, Generated("INTEGER"), "n * 2"),
    (Dialect::Sqlite, Generated("TEXT"), "lower(s)"),
    (Dialect::Sqlite, Generated("TEXT"), "ifnull(s, '')"),
    (Dialect::Sqlite, Generated("TEXT"), "s || t"),
    (Dialect::Sqlite, Index, "lower(s)"),
];

/// The columns every case's table has, in `dialect`.
fn columns(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => "id integer PRIMARY KEY, s varchar(40), t text, n integer",
        Dialect::MySql => "id int PRIMARY KEY, s varchar(40), t varchar(40), n int",
        _ => "id INTEGER PRIMARY KEY, s TEXT, t TEXT, n INTEGER",
    }
}

/// One script of `source`: a table `e{i}` for each of its cases.
fn script(source: Dialect) -> (String, Vec<(usize, Kind)>) {
    let mut sql = String::new();
    let mut cases = Vec::new();
    for (i, (dialect, kind, expression)) in CASES.iter().enumerate() {
        if *dialect != source {
            continue;
        }
        let base = columns(source);
        match kind {
            Default(ty) => sql.push_str(&format!(
                "CREATE TABLE e{i} ({base}, x {ty} DEFAULT {expression});\n"
            )),
            Generated(ty) => sql.push_str(&format!(
                "CREATE TABLE e{i} ({base}, x {ty} GENERATED ALWAYS AS ({expression}) STORED);\n"
            )),
            Index => sql.push_str(&format!(
                "CREATE TABLE e{i} ({base});\nCREATE INDEX e{i}_x ON e{i} (({expression}));\n"
            )),
        }
        cases.push((i, *kind));
    }
    (sql, cases)
}

/// Runs `sql` on `target`'s server; its catalog read back, or `None` without a server.
fn run(target: Dialect, label: &str, sql: &str) -> Option<Result<Schema, String>> {
    let dump = match target {
        Dialect::Postgres => servers::postgres(
            &std::env::var("SCHEMABOARD_TEST_POSTGRES").ok()?,
            label,
            sql,
        ),
        Dialect::MySql => {
            servers::mariadb(&std::env::var("SCHEMABOARD_TEST_MARIADB").ok()?, label, sql)
        }
        _ => servers::sqlite(sql),
    };
    Some(dump.map(|text| import_sql(&text, Some(target), "catalog").schema))
}

fn dialect(target: Dialect) -> &'static dyn SqlDialect {
    match target {
        Dialect::Postgres => &postgres::Postgres,
        Dialect::MySql => &mysql::MySql,
        _ => &sqlite::Sqlite,
    }
}

/// Whether the catalog `back` holds case `i`'s expression.
fn arrived(back: &Schema, i: usize, kind: Kind) -> bool {
    let name = format!("e{i}");
    let Some(table) = back.tables.iter().find(|t| t.name == name) else {
        return false;
    };
    let x = table.columns.iter().find(|c| c.name == "x");
    match kind {
        Default(_) => x.is_some_and(|c| c.default.is_some()),
        Generated(_) => x.is_some_and(|c| c.generated.is_some()),
        Index => !table.indexes.is_empty(),
    }
}

#[test]
fn every_expression_is_taken_by_the_server_or_reported() {
    let _servers = common::server_lock();
    assert!(CASES.len() >= 50, "{} cases", CASES.len());
    let mut problems = Vec::new();
    let (mut carried, mut reported, mut skipped) = (0, 0, 0);
    for source in [Dialect::Postgres, Dialect::MySql, Dialect::Sqlite] {
        let (sql, cases) = script(source);
        let import = import_sql(&sql, Some(source), "expressions");
        let tables = import.schema.tables.len();
        assert_eq!(tables, cases.len(), "{source:?}: {:?}", import.report);
        for target in [Dialect::Postgres, Dialect::MySql, Dialect::Sqlite] {
            let ddl = export_ddl(&import.schema, dialect(target)).unwrap();
            let label = format!("expr_{source:?}_{target:?}").to_lowercase();
            let back = match run(target, &label, &ddl.sql) {
                None => {
                    skipped += cases.len();
                    continue;
                }
                Some(Err(e)) => {
                    problems.push(format!("{source:?} → {target:?}: the server refused: {e}"));
                    continue;
                }
                Some(Ok(back)) => back,
            };
            for &(i, kind) in &cases {
                let table = format!("e{i}");
                let lost = ddl.losses.iter().any(|l| {
                    l.object == table
                        || l.object.starts_with(&format!("{table}."))
                        || l.object.contains(&format!("{table}_x"))
                });
                if arrived(&back, i, kind) && !lost {
                    carried += 1;
                } else if lost {
                    reported += 1;
                } else {
                    problems.push(format!(
                        "{source:?} → {target:?}: {:?} {:?} neither arrived nor was reported",
                        kind, CASES[i].2
                    ));
                }
            }
        }
    }
    println!(
        "{} expressions × 3 targets: {carried} taken by the server, {reported} reported not carried, {skipped} without a server",
        CASES.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
