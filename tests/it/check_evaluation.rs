//! CHECK constraints converted between dialects mean the same on the real servers: each case is
//! a table with one check, made on its own dialect's server and, after import and export, on each
//! other server; the same sample rows are inserted on both, and the same rows must be accepted.
//! A check the export says it does not carry is counted, never run (issue 16).

use crate::common;

use common::snapshot;
use schemaboard::export::ddl::{SqlDialect, export_ddl, mysql, postgres, sqlite};
use schemaboard::import::{Dialect, import_sql};

/// Source dialect, the columns besides `id`, the check, and rows of values for those columns.
type Case = (Dialect, &'static str, &'static str, &'static [&'static str]);

const CASES: &[Case] = &[
    (
        Dialect::Postgres,
        "qty integer",
        "qty > 0",
        &["5", "0", "-1", "NULL"],
    ),
    (
        Dialect::Postgres,
        "status text",
        "status = ANY (ARRAY['open'::text, 'paid'::text])",
        &["'open'", "'paid'", "'x'", "NULL"],
    ),
    (
        Dialect::Postgres,
        "status varchar(10)",
        "((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))",
        &["'a'", "'c'"],
    ),
    (
        Dialect::Postgres,
        "kind text",
        "kind <> ALL (ARRAY['x', 'y'])",
        &["'x'", "'z'"],
    ),
    (
        Dialect::Postgres,
        "code text",
        "code ~ '^[A-Z]+$'",
        &["'ABC'", "'abc'", "'A1'"],
    ),
    (
        Dialect::Postgres,
        "code text",
        "code !~ '^x'",
        &["'xa'", "'ax'", "'Xa'"],
    ),
    (
        Dialect::Postgres,
        "code text",
        "code ~* '^ab'",
        &["'abc'", "'ABC'", "'cab'"],
    ),
    (
        Dialect::Postgres,
        "name text",
        "name ILIKE 'a%'",
        &["'abc'", "'Abc'", "'bca'"],
    ),
    (
        Dialect::Postgres,
        "name text",
        "name LIKE 'a%'",
        &["'abc'", "'Abc'", "'bca'"],
    ),
    (
        Dialect::Postgres,
        "name text",
        "(name)::text !~~ '% %'::text",
        &["'ab'", "'a b'"],
    ),
    (
        Dialect::Postgres,
        "first text, last text",
        "char_length(first || last) < 6",
        &["'ab', 'cd'", "'abc', 'def'"],
    ),
    (
        Dialect::Postgres,
        "code varchar(10)",
        "char_length((code)::text) = 3",
        &["'abc'", "'ab'"],
    ),
    (
        Dialect::Postgres,
        "email text",
        "lower(email) = email",
        &["'a@b'", "'A@b'"],
    ),
    (
        Dialect::Postgres,
        "s text",
        "upper(s) = s",
        &["'AB'", "'Ab'"],
    ),
    (Dialect::Postgres, "s text", "s <> ''", &["'a'", "''"]),
    (
        Dialect::Postgres,
        "s text",
        "length(s) > 2",
        &["'abc'", "'ab'"],
    ),
    (
        Dialect::Postgres,
        "a integer",
        "coalesce(a, 0) >= 0",
        &["1", "-1", "NULL"],
    ),
    (
        Dialect::Postgres,
        "price numeric(10,2)",
        "price > (0)::numeric",
        &["1.5", "0", "-2"],
    ),
    (
        Dialect::Postgres,
        "lo integer, hi integer",
        "lo < hi",
        &["1, 2", "2, 1", "NULL, 1"],
    ),
    (
        Dialect::Postgres,
        "lo integer, hi integer",
        "(lo >= 0 AND hi <= 1000) OR lo IS NULL",
        &["1, 2", "-1, 5", "NULL, 5000", "3, 2000"],
    ),
    (
        Dialect::Postgres,
        "n integer",
        "n BETWEEN 1 AND 10",
        &["1", "10", "11", "0"],
    ),
    (
        Dialect::Postgres,
        "n integer",
        "n IN (1, 2, 3)",
        &["2", "4"],
    ),
    (Dialect::Postgres, "n integer", "n % 2 = 0", &["2", "3"]),
    (Dialect::Postgres, "n integer", "NOT (n < 0)", &["1", "-1"]),
    (
        Dialect::Postgres,
        "n integer, m integer",
        "(n + m) * 2 < 100",
        &["1, 2", "40, 20"],
    ),
    (Dialect::Postgres, "n integer", "abs(n) < 5", &["-4", "-6"]),
    (
        Dialect::Postgres,
        "x double precision",
        "x >= 0.5",
        &["0.5", "0.4"],
    ),
    (
        Dialect::Postgres,
        "d date",
        "d > '2000-01-01'::date",
        &["'2020-05-05'", "'1999-01-01'"],
    ),
    (
        Dialect::Postgres,
        "s text",
        "substring(s from 1 for 1) = 'a'",
        &["'abc'", "'bcd'"],
    ),
    (Dialect::MySql, "qty int", "qty > 0", &["5", "0", "NULL"]),
    (
        Dialect::MySql,
        "code varchar(10)",
        "code REGEXP '^[a-z]+$'",
        &["'abc'", "'ABC'", "'a1'"],
    ),
    (
        Dialect::MySql,
        "name varchar(20)",
        "name LIKE 'a%'",
        &["'abc'", "'Abc'", "'bca'"],
    ),
    (Dialect::MySql, "s varchar(10)", "s <> ''", &["'a'", "''"]),
    (Dialect::MySql, "a int, b int", "a < b", &["1, 2", "2, 1"]),
    (
        Dialect::MySql,
        "s varchar(10)",
        "CHAR_LENGTH(s) > 1",
        &["'ab'", "'a'"],
    ),
    (
        Dialect::MySql,
        "s varchar(10)",
        "s IN ('x', 'y')",
        &["'x'", "'X'", "'z'"],
    ),
    (Dialect::Sqlite, "n INTEGER", "n > 0", &["1", "0"]),
    (
        Dialect::Sqlite,
        "s TEXT",
        "length(s) < 4",
        &["'abc'", "'abcd'"],
    ),
    (
        Dialect::Sqlite,
        "s TEXT",
        "s LIKE 'a%'",
        &["'abc'", "'Abc'", "'bca'"],
    ),
    (
        Dialect::Sqlite,
        "s TEXT",
        "s GLOB 'a*'",
        &["'abc'", "'Abc'"],
    ),
    (Dialect::Sqlite, "n INTEGER", "n IN (1, 2)", &["1", "3"]),
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Server {
    Postgres,
    MariaDb,
    Sqlite,
}

impl Server {
    fn of(dialect: Dialect) -> Server {
        match dialect {
            Dialect::Postgres => Server::Postgres,
            Dialect::MySql => Server::MariaDb,
            _ => Server::Sqlite,
        }
    }

    fn dialect(self) -> &'static dyn SqlDialect {
        match self {
            Server::Postgres => &postgres::Postgres,
            Server::MariaDb => &mysql::MySql,
            Server::Sqlite => &sqlite::Sqlite,
        }
    }

    /// The rows the script's queries print, or `None` where there is no such server here.
    fn run(self, script: &str) -> Option<Vec<String>> {
        let output = match self {
            Server::Postgres => {
                let connection = std::env::var("SCHEMABOARD_TEST_POSTGRES").ok()?;
                snapshot::postgres_output(&connection, "checks", script)
            }
            Server::MariaDb => {
                let socket = std::env::var("SCHEMABOARD_TEST_MARIADB").ok()?;
                snapshot::mariadb_output(&socket, "checks", script)
            }
            Server::Sqlite => snapshot::sqlite_output(script),
        };
        Some(output.0)
    }
}

/// The inserts, one a row, and the query of which rows the table took.
fn rows_script(rows: &[&str]) -> String {
    let mut script = String::new();
    for (n, values) in rows.iter().enumerate() {
        script.push_str(&format!("INSERT INTO t VALUES ({}, {values});\n", n + 1));
    }
    script.push_str("SELECT 'rows', count(*) FROM t;\nSELECT id FROM t ORDER BY id;\n");
    script
}

#[test]
fn converted_checks_accept_the_same_rows_on_every_server() {
    let _servers = common::server_lock();
    let (mut compared, mut not_carried) = (0, 0);
    let mut problems = Vec::new();
    for (source, columns, check, rows) in CASES {
        let create = format!(
            "CREATE TABLE t (id integer PRIMARY KEY, {columns}, CONSTRAINT t_rule CHECK ({check}));\n"
        );
        let inserts = rows_script(rows);
        let Some(expected) = Server::of(*source).run(&format!("{create}{inserts}")) else {
            continue;
        };
        assert!(
            expected.first().is_some_and(|l| l.starts_with("rows")),
            "{check}: the case does not run on its own server: {expected:?}"
        );
        let import = import_sql(&create, Some(*source), "checks");
        assert_eq!(
            import.report.failed(),
            0,
            "{check}: {:?}",
            import.report.diagnostics
        );
        for target in [Server::Postgres, Server::MariaDb, Server::Sqlite] {
            let ddl = export_ddl(&import.schema, target.dialect()).unwrap();
            if ddl.losses.iter().any(|l| l.object.contains("t_rule")) {
                not_carried += 1;
                assert!(
                    ddl.sql
                        .lines()
                        .all(|l| l.starts_with("--") || !l.contains("CHECK")),
                    "{check}: said not carried to {target:?}, yet written:\n{}",
                    ddl.sql
                );
                continue;
            }
            let Some(got) = target.run(&format!("{}\n{inserts}", ddl.sql)) else {
                continue;
            };
            compared += 1;
            if !got.first().is_some_and(|l| l.starts_with("rows")) {
                problems.push(format!(
                    "{source:?} CHECK ({check}): the script for {target:?} made no table:\n{}",
                    ddl.sql
                ));
            } else if got != expected {
                problems.push(format!(
                    "{source:?} CHECK ({check}) on {target:?}: accepted {:?}, the source server {:?}\n{}",
                    &got.get(1..).unwrap_or_default(),
                    &expected[1..],
                    ddl.sql
                        .lines()
                        .filter(|l| l.contains("CHECK"))
                        .collect::<Vec<_>>()
                        .join("\n")
                ));
            }
        }
    }
    println!("{compared} conversions compared row by row, {not_carried} said not carried");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
