//! Running a script on a real server and reading its schema back, through the servers'
//! own clients (`psql`/`pg_dump`, `mariadb`/`mariadb-dump`, `sqlite3`).

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

/// Runs `script` in an in-memory SQLite database, stopping at the first error, and returns the
/// stored schema (`.schema`).
pub fn sqlite(script: &str) -> Result<String, String> {
    let mut command = Command::new("sqlite3");
    command.args(["-bail", ":memory:"]);
    run(command, &format!("{script}\n.schema\n"))
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

/// Runs a script on an SQLite database file (stopping at the first error).
pub fn sqlite_run(file: &std::path::Path, script: &str) -> Result<String, String> {
    let mut command = Command::new("sqlite3");
    command.args(["-bail", file.to_str().expect("a UTF-8 path")]);
    run(command, script)
}

/// The schema stored in an SQLite database file.
pub fn sqlite_dump(file: &std::path::Path) -> Result<String, String> {
    sqlite_run(file, ".schema")
}
