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
