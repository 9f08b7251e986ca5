//! The type mapping: every source type of each dialect, as each target writes it
//! (`docs/type-mapping.md`, made from the code by this test: `UPDATE_TYPE_MAPPING=1 cargo test
//! --test type_mapping` writes it anew), and a table of all of them, per source dialect,
//! exported to each target and run on its server: every column arrives.

mod common;

use common::snapshot;
use schemaboard::export::ddl::{Context, SqlDialect, export_ddl, mssql, mysql, postgres, sqlite};
use schemaboard::import::{Dialect, import_sql};
use std::fmt::Write;

/// What real schemas declare, per dialect: the portable types and those that are not.
const SOURCE_TYPES: &[(Dialect, &[&str])] = &[
    (
        Dialect::Postgres,
        &[
            "smallint",
            "integer",
            "bigint",
            "numeric",
            "numeric(12,2)",
            "real",
            "double precision",
            "boolean",
            "char(3)",
            "varchar(40)",
            "character varying",
            "text",
            "date",
            "time",
            "time with time zone",
            "timestamp(0) without time zone",
            "timestamp with time zone",
            "interval",
            "uuid",
            "json",
            "jsonb",
            "bytea",
            "text[]",
            "inet",
            "cidr",
            "macaddr",
            "money",
            "xml",
            "citext",
            "tsvector",
            "bit(8)",
        ],
    ),
    (
        Dialect::MySql,
        &[
            "tinyint",
            "tinyint(1)",
            "smallint",
            "mediumint",
            "int",
            "int unsigned",
            "bigint",
            "bigint unsigned",
            "decimal(10,2)",
            "float",
            "double",
            "double(15,8)",
            "bit(1)",
            "char(2)",
            "varchar(255)",
            "tinytext",
            "text",
            "mediumtext",
            "longtext",
            "binary(16)",
            "varbinary(64)",
            "tinyblob",
            "blob",
            "mediumblob",
            "longblob",
            "date",
            "time",
            "datetime",
            "timestamp",
            "year",
            "json",
            "enum('a','b')",
            "set('x','y')",
            "geometry",
            "point",
        ],
    ),
    (
        Dialect::Sqlite,
        &[
            "INTEGER",
            "INT",
            "REAL",
            "NUMERIC",
            "TEXT",
            "BLOB",
            "VARCHAR(10)",
            "BOOLEAN",
            "DATETIME",
            "DATE",
            "BIGINT",
            "DOUBLE",
            "FLOAT",
        ],
    ),
    (
        Dialect::MsSql,
        &[
            "tinyint",
            "smallint",
            "int",
            "bigint",
            "decimal(18,4)",
            "numeric(19,0)",
            "money",
            "smallmoney",
            "float",
            "real",
            "bit",
            "char(10)",
            "nchar(10)",
            "varchar(50)",
            "nvarchar(50)",
            "varchar(max)",
            "nvarchar(max)",
            "text",
            "ntext",
            "date",
            "time",
            "datetime",
            "datetime2",
            "smalldatetime",
            "datetimeoffset",
            "uniqueidentifier",
            "binary(8)",
            "varbinary(max)",
            "image",
            "xml",
            "hierarchyid",
            "sql_variant",
            "geography",
            "sysname",
        ],
    ),
];

const TARGETS: [&dyn SqlDialect; 4] = [
    &postgres::Postgres,
    &mysql::MySql,
    &sqlite::Sqlite,
    &mssql::MsSql,
];

/// A table of one column per type, read as `dialect`.
fn table_of(dialect: Dialect, types: &[&str]) -> schemaboard::model::Schema {
    let columns: Vec<String> = types
        .iter()
        .enumerate()
        .map(|(i, t)| format!("c{i} {t}"))
        .collect();
    // citext is an extension's type: the script makes the extension first, as a real one does.
    let preamble = if dialect == Dialect::Postgres {
        "CREATE EXTENSION IF NOT EXISTS citext;\n"
    } else {
        ""
    };
    let sql = format!("{preamble}CREATE TABLE types ({});", columns.join(", "));
    let import = import_sql(&sql, Some(dialect), "types");
    assert_eq!(import.report.failed(), 0, "{:?}", import.report.diagnostics);
    import.schema
}

fn mapping() -> String {
    let mut out = String::from(
        "# Type mapping\n\n\
         Made from the code by `tests/type_mapping.rs` (`UPDATE_TYPE_MAPPING=1 cargo test --test \
         type_mapping` writes it anew; the test fails when this file is out of date). For each \
         dialect a script is read from, the type each target writes for it. The source's own \
         dialect writes back the type as it was spelled. A type is never narrowed: where the \
         target has no equal type, the nearest wider one is written, or text, and the export \
         says so (marked †).\n",
    );
    for (source, types) in SOURCE_TYPES {
        let schema = table_of(*source, types);
        let table = &schema.tables[0];
        let _ = write!(
            out,
            "\n## From {}\n\n| {} | PostgreSQL | MySQL | SQLite | SQL Server |\n|---|---|---|---|---|\n",
            source.product(),
            source.product()
        );
        for (column, declared) in table.columns.iter().zip(types.iter()) {
            let cells: Vec<String> = TARGETS
                .iter()
                .map(|target| {
                    let mut cx = Context::new(&schema);
                    let written = target.column_type(table, column, &mut cx);
                    let lost = !cx.into_losses().is_empty();
                    format!("`{written}`{}", if lost { " †" } else { "" })
                })
                .collect();
            let _ = writeln!(out, "| `{declared}` | {} |", cells.join(" | "));
        }
    }
    out
}

#[test]
fn the_documented_type_mapping_is_the_codes() {
    let path = common::root().join("docs/type-mapping.md");
    let made = mapping();
    if std::env::var("UPDATE_TYPE_MAPPING").is_ok() {
        std::fs::write(&path, &made).unwrap();
    }
    let documented = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        documented == made,
        "docs/type-mapping.md is out of date: UPDATE_TYPE_MAPPING=1 cargo test --test type_mapping"
    );
}

#[test]
fn a_table_of_every_type_loads_on_every_server() {
    let _servers = common::server_lock();
    let mut problems = Vec::new();
    for (source, types) in SOURCE_TYPES {
        let schema = table_of(*source, types);
        for (target, name) in [
            (&postgres::Postgres as &dyn SqlDialect, "postgres"),
            (&mysql::MySql, "mysql"),
            (&sqlite::Sqlite, "sqlite"),
        ] {
            let ddl = export_ddl(&schema, target).unwrap();
            let snapshot = match name {
                "postgres" => match std::env::var("SCHEMABOARD_TEST_POSTGRES") {
                    Ok(c) => snapshot::postgres(&c, "types", &ddl.sql),
                    Err(_) => continue,
                },
                "mysql" => match std::env::var("SCHEMABOARD_TEST_MARIADB") {
                    Ok(s) => snapshot::mariadb(&s, "types", &ddl.sql, &std::env::temp_dir()),
                    Err(_) => continue,
                },
                _ => snapshot::sqlite(&ddl.sql),
            };
            let columns = snapshot
                .facts
                .iter()
                .filter(|f| f.starts_with("column "))
                .count();
            if !snapshot.errors.is_empty() || columns != types.len() {
                problems.push(format!(
                    "{} types on {name}: {columns} of {} columns, errors {:?}\n{}",
                    source.product(),
                    types.len(),
                    snapshot.errors,
                    ddl.sql
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
