//! `schemaboard import`: SQL DDL or DBML into a model.

use super::Failure;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// Arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The `.sql` or `.dbml` file to read.
    pub input: PathBuf,
    /// The SQL dialect; `auto` guesses from the text and says which it chose.
    #[arg(long, value_enum, default_value_t = DialectChoice::Auto)]
    pub dialect: DialectChoice,
    /// Where to write the model (`.ron`).
    #[arg(short, long)]
    pub output: PathBuf,
}

/// Dialects the importer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DialectChoice {
    /// Guess from the text.
    Auto,
    /// PostgreSQL (and `pg_dump --schema-only`).
    Postgres,
    /// MySQL and MariaDB (and `mysqldump --no-data`).
    Mysql,
    /// SQLite.
    Sqlite,
    /// Microsoft SQL Server.
    Mssql,
}

pub(super) fn run(args: &ImportArgs) -> Result<super::Outcome, Failure> {
    if !args.input.is_file() {
        return Err(Failure::usage_or_io(format!(
            "{}: no such file",
            args.input.display()
        )));
    }
    Err(Failure::not_yet("import", 3))
}
