//! The truth about a DDL script, read from a real database's catalog after loading it there.
//!
//! The servers are the ones `scripts/test` starts (PostgreSQL, MariaDB) and bundled SQLite; we
//! talk to them through their command-line clients, so the tests need no driver crates.

use std::path::Path;
use std::process::{Command, Stdio};

/// Counts of what a schema holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Base tables (partitions included).
    pub tables: usize,
    /// Columns of base tables.
    pub columns: usize,
    /// Foreign-key constraints.
    pub foreign_keys: usize,
    /// Primary keys.
    pub primary_keys: usize,
    /// UNIQUE constraints.
    pub uniques: usize,
    /// Indexes that back no constraint.
    pub indexes: usize,
}

impl Counts {
    fn from_row(row: &str) -> Counts {
        let n: Vec<usize> = row
            .split(['|', '\t'])
            .map(|v| {
                v.trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("not a count in {row:?}"))
            })
            .collect();
        Counts {
            tables: n[0],
            columns: n[1],
            foreign_keys: n[2],
            primary_keys: n[3],
            uniques: n[4],
            indexes: n[5],
        }
    }
}

fn run(command: &mut Command, input: Option<&Path>) -> String {
    if let Some(file) = input {
        command.stdin(Stdio::from(std::fs::File::open(file).unwrap()));
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const PG_USER_NAMESPACE: &str =
    "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'";

/// Loads `file` into fresh databases of the PostgreSQL server at `connection` and counts.
pub fn postgres(connection: &str, file: &Path) -> Counts {
    let psql = |database: &str| {
        let mut command = Command::new("psql");
        command
            .arg(format!("{connection} dbname={database}"))
            .args(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=0"])
            .stderr(Stdio::null());
        command
    };
    let databases = |command: &mut Command| -> Vec<String> {
        run(
            command.args(["-c", "SELECT datname FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1')"]),
            None,
        )
        .lines()
        .map(str::to_string)
        .filter(|l| !l.is_empty())
        .collect()
    };
    for stale in databases(&mut psql("postgres")) {
        run(
            psql("postgres").args(["-c", &format!("DROP DATABASE \"{stale}\" WITH (FORCE)")]),
            None,
        );
    }
    run(
        psql("postgres").args(["-c", "CREATE DATABASE corpus"]),
        None,
    );
    run(psql("corpus").args(["-f", file.to_str().unwrap()]), None);
    let query = format!(
        "SELECT
          (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND {ns}),
          (SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND {ns}),
          (SELECT count(*) FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
             WHERE k.contype = 'f' AND k.conparentid = 0 AND {ns}),
          (SELECT count(*) FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
             WHERE k.contype = 'p' AND {ns}),
          (SELECT count(*) FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
             WHERE k.contype = 'u' AND {ns}),
          (SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND {ns}
               AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
               AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid))",
        ns = PG_USER_NAMESPACE
    );
    let mut total = Counts::default();
    for database in databases(&mut psql("postgres")) {
        let row = run(psql(&database).args(["-c", &query]), None);
        let counts = Counts::from_row(row.trim());
        total.tables += counts.tables;
        total.columns += counts.columns;
        total.foreign_keys += counts.foreign_keys;
        total.primary_keys += counts.primary_keys;
        total.uniques += counts.uniques;
        total.indexes += counts.indexes;
    }
    total
}

/// Loads `file` into the MariaDB server listening on `socket` and counts. InnoDB creates an index
/// for each foreign key that no index serves, named after the constraint or its column; those are
/// not in the script and are not counted.
pub fn mariadb(socket: &str, file: &Path) -> Counts {
    let client = || {
        let mut command = Command::new("mariadb");
        command
            .args([
                "--no-defaults",
                "--socket",
                socket,
                "--batch",
                "--skip-column-names",
            ])
            .stderr(Stdio::null());
        command
    };
    let user_schemas =
        "table_schema NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')";
    let stale = run(
        client().args([
            "-e",
            &format!(
                "SELECT DISTINCT table_schema FROM information_schema.tables WHERE {user_schemas}"
            ),
        ]),
        None,
    );
    for schema in stale.lines().filter(|l| !l.is_empty()) {
        run(
            client().args(["-e", &format!("DROP DATABASE `{schema}`")]),
            None,
        );
    }
    run(client().args(["-e", "CREATE DATABASE corpus"]), None);
    let folder = file.parent().unwrap();
    run(
        client().args(["--force", "corpus"]).current_dir(folder),
        Some(file),
    );
    let query = format!(
        "SELECT
          (SELECT count(*) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND {u}),
          (SELECT count(*) FROM information_schema.columns c JOIN information_schema.tables t
             USING (table_schema, table_name) WHERE t.table_type = 'BASE TABLE' AND c.{u}),
          (SELECT count(*) FROM information_schema.referential_constraints WHERE constraint_schema NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')),
          (SELECT count(*) FROM information_schema.table_constraints WHERE constraint_type = 'PRIMARY KEY' AND {u}),
          (SELECT count(*) FROM information_schema.table_constraints WHERE constraint_type = 'UNIQUE' AND {u}),
          (SELECT count(*) FROM (SELECT DISTINCT table_schema, table_name, index_name
             FROM information_schema.statistics s WHERE s.{u} AND index_name <> 'PRIMARY'
             AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints k
               WHERE k.table_schema = s.table_schema AND k.table_name = s.table_name
               AND k.constraint_name = s.index_name AND k.constraint_type IN ('UNIQUE', 'FOREIGN KEY'))
             AND NOT EXISTS (SELECT 1 FROM information_schema.key_column_usage f
               WHERE f.table_schema = s.table_schema AND f.table_name = s.table_name
               AND f.referenced_table_name IS NOT NULL
               AND (f.constraint_name = s.index_name OR (f.column_name = s.index_name AND f.ordinal_position = 1)))) x)",
        u = user_schemas
    );
    Counts::from_row(run(client().args(["-e", &query]), None).trim())
}

/// Loads `file` into an in-memory SQLite database (rusqlite's bundled SQLite) and counts.
/// Virtual tables and their shadow tables are not base tables.
pub fn sqlite(file: &Path) -> Counts {
    let text = String::from_utf8_lossy(&std::fs::read(file).unwrap()).into_owned();
    let connection = rusqlite::Connection::open_in_memory().unwrap();
    connection.execute_batch(&text).unwrap();
    let query = "WITH base AS (SELECT name FROM sqlite_master m
           WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'
           AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL%'
                           AND m.name LIKE v.name || '_%'))
         SELECT
          (SELECT count(*) FROM base),
          (SELECT count(*) FROM base, pragma_table_info(base.name)),
          (SELECT count(*) FROM (SELECT DISTINCT base.name, f.id FROM base, pragma_foreign_key_list(base.name) f)),
          (SELECT count(*) FROM base WHERE EXISTS (SELECT 1 FROM pragma_table_info(base.name) WHERE pk > 0)),
          (SELECT count(*) FROM base, pragma_index_list(base.name) l WHERE l.origin = 'u'),
          (SELECT count(*) FROM base, pragma_index_list(base.name) l WHERE l.origin = 'c')";
    connection
        .query_row(query, [], |row| {
            let n = |i: usize| row.get::<_, i64>(i).map(|v| v as usize);
            Ok(Counts {
                tables: n(0)?,
                columns: n(1)?,
                foreign_keys: n(2)?,
                primary_keys: n(3)?,
                uniques: n(4)?,
                indexes: n(5)?,
            })
        })
        .unwrap()
}
