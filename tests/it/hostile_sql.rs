//! Names, comments, defaults and types built to run SQL of their own, through the DDL export and
//! the migration (`-- DESTRUCTIVE: …` comments) on the real servers: the scripts run without an
//! error, make exactly the tables the model has, and the `victim` table made before them is
//! still there after (issue 17).

use crate::common;

use common::snapshot;
use schemaboard::export::ddl::{SqlDialect, export_ddl, mysql, postgres, sqlite};
use schemaboard::export::diff::migration;
use schemaboard::model::{Schema, SchemaBuilder};

/// Each ends a comment, a string or a quoted name and runs `DROP TABLE victim`, if it can.
const HOSTILE: &[&str] = &[
    "n1\nDROP TABLE victim; --",
    "n2\r\nDROP TABLE victim;",
    "n3 */ DROP TABLE victim; /*",
    "n4'; DROP TABLE victim; --",
    "n5\"; DROP TABLE victim; --",
    "n6`; DROP TABLE victim; --",
    "n7 $$; DROP TABLE victim; $$",
    "n8 ]]> </script><img src=x onerror=alert(1)>",
    "n9\u{2028}DROP TABLE victim;",
    // MariaDB refuses these as they are: written repaired, and said.
    "n10 emoji 🦀",
    "n11 trailing space ",
    "n12 nul\u{0}byte",
];

fn hostile_model() -> Schema {
    let mut b = SchemaBuilder::new("hostile\nDROP TABLE victim; --");
    for name in HOSTILE {
        b.table(name, (0.0, 0.0), |t| {
            t.comment(name);
            t.column("id", "integer").pk();
            t.column(name, "varchar(200)")
                .comment(name)
                .default(&format!("'{}'", name.replace('\'', "''")));
            t.column(&format!("{name} gone"), "integer");
        });
    }
    // Text the model holds as SQL: refused, never run.
    b.table("texts", (0.0, 0.0), |t| {
        t.column("id", "integer").pk();
        t.column("evil_type", "int); DROP TABLE victim; --");
        t.column("evil_default", "integer")
            .default("1); DROP TABLE victim; --");
        t.check("texts_evil", "1 = 1); DROP TABLE victim; --");
    });
    b.build().unwrap()
}

/// The model less each table's `… gone` column and the first table.
fn changed(model: &Schema) -> Schema {
    let mut new = model.clone();
    for table in &mut new.tables {
        table.columns.retain(|c| !c.name.ends_with(" gone"));
    }
    new.tables.remove(0);
    new
}

fn run(dialect: &dyn SqlDialect, script: &str) -> Option<(Vec<String>, Vec<String>)> {
    let full = format!(
        "CREATE TABLE victim (id integer);\n{script}\nSELECT 'victim', count(*) FROM victim;\n"
    );
    match dialect.name() {
        "postgres" => {
            let connection = std::env::var("SCHEMABOARD_TEST_POSTGRES").ok()?;
            let counted = format!(
                "{full}SELECT 'tables', count(*) FROM pg_tables WHERE schemaname = 'public';\n"
            );
            Some(snapshot::postgres_output(&connection, "hostile", &counted))
        }
        "mysql" => {
            let socket = std::env::var("SCHEMABOARD_TEST_MARIADB").ok()?;
            let counted = format!(
                "{full}SELECT 'tables', count(*) FROM information_schema.tables WHERE table_schema = 'hostile';\n"
            );
            Some(snapshot::mariadb_output(&socket, "hostile", &counted))
        }
        _ => {
            let counted = format!(
                "{full}SELECT 'tables', count(*) FROM sqlite_master WHERE type = 'table';\n"
            );
            Some(snapshot::sqlite_output(&counted))
        }
    }
}

#[test]
fn hostile_text_runs_nothing_on_any_server() {
    let _servers = common::server_lock();
    let model = hostile_model();
    let new = changed(&model);
    let mut problems = Vec::new();
    for dialect in [
        &postgres::Postgres as &dyn SqlDialect,
        &mysql::MySql,
        &sqlite::Sqlite,
    ] {
        let ddl = export_ddl(&model, dialect).unwrap();
        let up = migration(&model, &new, dialect).unwrap();
        assert!(
            up.sql.contains("DESTRUCTIVE"),
            "the migration drops columns and a table: {}",
            up.sql
        );
        for (label, script, tables) in [
            ("export", ddl.sql.clone(), model.tables.len()),
            (
                "export and migration",
                format!("{}\n{}", ddl.sql, up.sql),
                new.tables.len(),
            ),
        ] {
            let Some((rows, errors)) = run(dialect, &script) else {
                continue;
            };
            let expected = vec!["victim|0".to_string(), format!("tables|{}", tables + 1)];
            if rows != expected || !errors.is_empty() {
                problems.push(format!(
                    "{} {label}: {rows:?} (expected {expected:?}), errors {errors:?}",
                    dialect.name()
                ));
            }
        }
        // What was refused is said.
        let refused: Vec<&str> = ddl
            .losses
            .iter()
            .filter(|l| l.object.starts_with("texts") || l.object.contains("texts_evil"))
            .map(|l| l.object.as_str())
            .collect();
        assert_eq!(refused.len(), 3, "{}: {:?}", dialect.name(), ddl.losses);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
