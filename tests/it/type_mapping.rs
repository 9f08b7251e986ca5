//! The type mapping: every source type of each dialect, as each target writes it
//! (`docs/type-mapping.md`, made from the code by this test: `UPDATE_TYPE_MAPPING=1 cargo test
//! --test it type_mapping` writes it anew), and a table of all of them, per source dialect,
//! exported to each target and run on its server: every column arrives, and the catalog reports
//! the type the mapping documents (under the server's own name for it: `catalog_spelling`).

use crate::common;

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
         Made from the code by `tests/it/type_mapping.rs` (`UPDATE_TYPE_MAPPING=1 cargo test --test it \
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
        "docs/type-mapping.md is out of date: UPDATE_TYPE_MAPPING=1 cargo test --test it type_mapping"
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
                continue;
            }
            // The catalog has the type the mapping documents, in the server's own spelling.
            let table = &schema.tables[0];
            for column in &table.columns {
                let mut cx = Context::new(&schema);
                let written = target.column_type(table, column, &mut cx);
                let expected = catalog_spelling(name, &written);
                let marker = format!(".{} #", column.name);
                let Some(fact) = snapshot
                    .facts
                    .iter()
                    .find(|f| f.starts_with("column ") && f.contains(&marker))
                else {
                    problems.push(format!("{name}: no catalog row for {}", column.name));
                    continue;
                };
                let reported = fact
                    .split_once(&marker)
                    .and_then(|(_, rest)| rest.split_once(' '))
                    .map(|(_, rest)| rest)
                    .unwrap_or_default();
                let matches = reported.starts_with(&expected)
                    && reported[expected.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| c == ' ');
                if !matches {
                    problems.push(format!(
                        "{} column {} written as `{written}` for {name}: the catalog says `{reported}`, expected `{expected}`",
                        source.product(),
                        column.name
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// How a server's catalog spells a type written as `written`: the documented aliases of each
/// server (PostgreSQL's `format_type`, MariaDB's `COLUMN_TYPE` with display widths, SQLite's
/// declared type as written), each the same type under another name.
fn catalog_spelling(server: &str, written: &str) -> String {
    let lower = written.to_ascii_lowercase();
    match server {
        "postgres" => {
            let (base, modifier) = match lower.split_once('(') {
                Some((base, rest)) => {
                    let close = rest.find(')').map_or(rest.len(), |c| c + 1);
                    (base.trim().to_string(), format!("({}", &rest[..close]))
                }
                None => (lower.clone(), String::new()),
            };
            let tail = lower
                .split_once(')')
                .map(|(_, t)| t.trim().to_string())
                .unwrap_or_default();
            let array = if lower.ends_with("[]") { "[]" } else { "" };
            let base = base.trim_end_matches("[]");
            let name = match base {
                "int" | "int4" | "integer" | "serial" => "integer",
                "int2" | "smallserial" => "smallint",
                "int8" | "bigserial" => "bigint",
                "float8" | "double precision" => "double precision",
                "float4" => "real",
                "bool" => "boolean",
                "char" | "character" => "character",
                "varchar" | "character varying" => "character varying",
                "decimal" => "numeric",
                "time" | "time without time zone" => "time without time zone",
                "timetz" => "time with time zone",
                "timestamp" | "timestamp without time zone" => "timestamp without time zone",
                "timestamptz" => "timestamp with time zone",
                other => other,
            };
            // `timestamp(0) without time zone`: the precision sits inside the name.
            if let Some(rest) = name.strip_prefix("timestamp").or(name.strip_prefix("time"))
                && !modifier.is_empty()
            {
                let head = &name[..name.len() - rest.len()];
                let zone = if tail.is_empty() {
                    rest.to_string()
                } else {
                    format!(" {tail}")
                };
                return format!("{head}{modifier}{zone}{array}");
            }
            if name == "character" && modifier.is_empty() {
                return format!("character(1){array}");
            }
            format!("{name}{modifier}{array}")
        }
        "mysql" => {
            let unsigned = lower.contains("unsigned");
            let bare = lower.replace(" unsigned", "");
            let widths = [
                ("tinyint", 4, 3),
                ("smallint", 6, 5),
                ("mediumint", 9, 8),
                ("int", 11, 10),
                ("bigint", 20, 20),
            ];
            if let Some((name, signed, without_sign)) =
                widths.iter().find(|(name, _, _)| bare == *name)
            {
                let width = if unsigned { without_sign } else { signed };
                let sign = if unsigned { " unsigned" } else { "" };
                return format!("{name}({width}){sign}");
            }
            if let Some(modifier) = bare.strip_prefix("numeric") {
                return format!("decimal{modifier}");
            }
            match bare.as_str() {
                // MariaDB's JSON is LONGTEXT with a JSON_VALID check.
                "json" => "longtext".to_string(),
                "boolean" | "bool" => "tinyint(1)".to_string(),
                "year" => "year(4)".to_string(),
                _ => lower,
            }
        }
        // SQLite keeps the declared type as written, but for the names a STRICT table takes,
        // which it reports in capitals.
        _ => {
            let standard = ["int", "integer", "real", "text", "blob", "any"];
            let spelled = if standard.contains(&lower.as_str()) {
                written.to_ascii_uppercase()
            } else {
                written.to_string()
            };
            format!("type '{}'", spelled.replace('\'', "''"))
        }
    }
}
