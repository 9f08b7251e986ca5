//! Running a script on a real server and reading its schema back, through the servers'
//! own clients (`psql`/`pg_dump`, `mariadb`/`mariadb-dump`), and SQLite through rusqlite.

use std::io::Write;
use std::process::{Command, Stdio};

fn run(mut command: Command, input: &str) -> Result<String, String> {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{command:?}: {e}"))?;
    let mut stdin = child.stdin.take().expect("piped");
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    let _ = writer.join();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if output.status.success() && !stderr.contains("ERROR") {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(stderr)
    }
}

/// Runs `script` in a fresh database on the PostgreSQL server at `connection`, stopping at the
/// first error, and returns `pg_dump --schema-only` of the result.
pub fn postgres(connection: &str, database: &str, script: &str) -> Result<String, String> {
    let admin = |sql: &str| {
        let mut command = Command::new("psql");
        command.args([
            &format!("{connection} dbname=postgres"),
            "-X",
            "-q",
            "-c",
            sql,
        ]);
        run(command, "")
    };
    admin(&format!(
        "DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)"
    ))?;
    admin(&format!("CREATE DATABASE \"{database}\""))?;
    let mut load = Command::new("psql");
    load.args([
        &format!("{connection} dbname={database}"),
        "-X",
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-f",
        "-",
    ]);
    run(load, script)?;
    let mut dump = Command::new("pg_dump");
    dump.args([
        "--schema-only",
        "--no-owner",
        "--no-privileges",
        &format!("{connection} dbname={database}"),
    ]);
    run(dump, "")
}

/// Runs `script` in a fresh database on the MariaDB server at `socket`, stopping at the first
/// error, and returns `mariadb-dump --no-data` of it.
pub fn mariadb(socket: &str, database: &str, script: &str) -> Result<String, String> {
    let client = || {
        let mut command = Command::new("mariadb");
        command.args(["--no-defaults", "--socket", socket]);
        command
    };
    let mut admin = client();
    admin.args([
        "-e",
        &format!("DROP DATABASE IF EXISTS `{database}`; CREATE DATABASE `{database}`"),
    ]);
    run(admin, "")?;
    let mut load = client();
    load.arg(database);
    run(load, script)?;
    let mut dump = Command::new("mariadb-dump");
    dump.args([
        "--no-defaults",
        "--socket",
        socket,
        "--no-data",
        "--skip-comments",
        "--skip-add-drop-table",
        database,
    ]);
    run(dump, "")
}

/// Runs `script` in an in-memory SQLite database (rusqlite's bundled SQLite), stopping at the
/// first error, and returns the stored schema.
pub fn sqlite(script: &str) -> Result<String, String> {
    let connection = rusqlite::Connection::open_in_memory().map_err(|e| e.to_string())?;
    connection
        .execute_batch(script)
        .map_err(|e| e.to_string())?;
    sqlite_schema(&connection)
}

fn sqlite_schema(connection: &rusqlite::Connection) -> Result<String, String> {
    let mut statement = connection
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")
        .map_err(|e| e.to_string())?;
    let rows = statement
        .query_map([], |row| row.get::<_, String>(0))
        .map_err(|e| e.to_string())?;
    let mut out = String::new();
    for row in rows {
        out.push_str(&row.map_err(|e| e.to_string())?);
        out.push_str(";\n");
    }
    Ok(out)
}

/// Creates an empty database (dropping one of that name first).
pub fn postgres_create(connection: &str, database: &str) -> Result<(), String> {
    for sql in [
        format!("DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)"),
        format!("CREATE DATABASE \"{database}\""),
    ] {
        let mut command = Command::new("psql");
        command.args([
            &format!("{connection} dbname=postgres"),
            "-X",
            "-q",
            "-c",
            &sql,
        ]);
        run(command, "")?;
    }
    Ok(())
}

/// Runs a script (stopping at the first error) and returns what it printed.
pub fn postgres_run(connection: &str, database: &str, script: &str) -> Result<String, String> {
    let mut command = Command::new("psql");
    command.args([
        &format!("{connection} dbname={database}"),
        "-X",
        "-q",
        "-t",
        "-A",
        "-v",
        "ON_ERROR_STOP=1",
        "-f",
        "-",
    ]);
    run(command, script)
}

/// `pg_dump --schema-only` of a database.
pub fn postgres_dump(connection: &str, database: &str) -> Result<String, String> {
    let mut dump = Command::new("pg_dump");
    dump.args([
        "--schema-only",
        "--no-owner",
        "--no-privileges",
        &format!("{connection} dbname={database}"),
    ]);
    run(dump, "")
}

/// Creates an empty database (dropping one of that name first).
pub fn mariadb_create(socket: &str, database: &str) -> Result<(), String> {
    let mut command = Command::new("mariadb");
    command.args([
        "--no-defaults",
        "--socket",
        socket,
        "-e",
        &format!("DROP DATABASE IF EXISTS `{database}`; CREATE DATABASE `{database}`"),
    ]);
    run(command, "").map(|_| ())
}

/// Runs a script (stopping at the first error) and returns what it printed.
pub fn mariadb_run(socket: &str, database: &str, script: &str) -> Result<String, String> {
    let mut command = Command::new("mariadb");
    command.args([
        "--no-defaults",
        "--socket",
        socket,
        "--batch",
        "--skip-column-names",
        database,
    ]);
    run(command, script)
}

/// `mariadb-dump --no-data` of a database.
pub fn mariadb_dump(socket: &str, database: &str) -> Result<String, String> {
    let mut dump = Command::new("mariadb-dump");
    dump.args([
        "--no-defaults",
        "--socket",
        socket,
        "--no-data",
        "--skip-comments",
        "--skip-add-drop-table",
        database,
    ]);
    run(dump, "")
}

/// Runs a script on an SQLite database file (stopping at the first error); returns the first
/// column of the rows of its last statement, one a line, when that statement is a query.
pub fn sqlite_run(file: &std::path::Path, script: &str) -> Result<String, String> {
    let connection = rusqlite::Connection::open(file).map_err(|e| e.to_string())?;
    let trimmed = script.trim_end().trim_end_matches(';');
    let (body, last) = match trimmed.rfind(';') {
        Some(at) => (&trimmed[..=at], trimmed[at + 1..].trim()),
        None => ("", trimmed.trim()),
    };
    let is_query = last.to_ascii_uppercase().starts_with("SELECT");
    if !is_query {
        connection
            .execute_batch(script)
            .map_err(|e| e.to_string())?;
        return Ok(String::new());
    }
    connection.execute_batch(body).map_err(|e| e.to_string())?;
    let mut statement = connection.prepare(last).map_err(|e| e.to_string())?;
    let rows = statement
        .query_map([], |row| {
            let value: rusqlite::types::Value = row.get(0)?;
            Ok(match value {
                rusqlite::types::Value::Text(text) => text,
                rusqlite::types::Value::Integer(n) => n.to_string(),
                rusqlite::types::Value::Real(x) => x.to_string(),
                rusqlite::types::Value::Null => "NULL".to_string(),
                rusqlite::types::Value::Blob(_) => "<blob>".to_string(),
            })
        })
        .map_err(|e| e.to_string())?;
    let mut out = String::new();
    for row in rows {
        out.push_str(&row.map_err(|e| e.to_string())?);
        out.push('\n');
    }
    Ok(out)
}

/// The schema stored in an SQLite database file.
pub fn sqlite_dump(file: &std::path::Path) -> Result<String, String> {
    let connection = rusqlite::Connection::open(file).map_err(|e| e.to_string())?;
    sqlite_schema(&connection)
}
