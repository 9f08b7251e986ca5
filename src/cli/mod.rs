//! The command line: every headless job from the same binary as the app, for scripts and CI.
//!
//! Exit codes (also in `--help`): 0 success; 1 findings, or errors in the input (a model that does
//! not load, statements that failed); 2 usage or I/O errors, and jobs this build cannot do yet.

mod check;
mod check_report;
mod dialect_arg;
mod diff;
mod export;
mod generate;
mod import;
mod render;

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Model relational database schemas: draw, check, import and export them.
#[derive(Debug, Parser)]
#[command(
    name = "schemaboard",
    version,
    about,
    after_help = "Without a subcommand, opens the desktop app on FILE (or the last model).\n\n\
                  Exit codes: 0 ok, 1 findings or errors in the input, 2 usage or I/O error."
)]
pub struct Cli {
    /// A `.ron` model to open in the app.
    pub file: Option<PathBuf>,
    /// What to do instead of opening the app.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless jobs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read SQL DDL (PostgreSQL, MySQL/MariaDB, SQLite, SQL Server) or DBML into a model.
    Import(import::ImportArgs),
    /// Check a model's design: normal forms, index coverage, integrity, naming, portability.
    Check(check::CheckArgs),
    /// Write a model as SQL DDL, a data dictionary, DBML, Mermaid or DOT.
    Export(export::ExportArgs),
    /// Draw a model's diagram to PNG or SVG.
    Render(render::RenderArgs),
    /// Compare two versions of a model; write the migration between them.
    Diff(diff::DiffArgs),
    /// Make a synthetic model for benchmarks.
    #[command(name = "gen")]
    Gen(generate::GenArgs),
}

/// How a command ended, as the process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Done, nothing to report.
    Success = 0,
    /// Done, with findings, or the input had errors.
    Findings = 1,
    /// Wrong usage, an I/O error, or a job this build cannot do.
    UsageOrIo = 2,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> Self {
        ExitCode::from(outcome as u8)
    }
}

/// Runs one subcommand, printing errors to stderr.
pub fn run(command: Command) -> Outcome {
    let result = match command {
        Command::Import(args) => import::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Render(args) => render::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Gen(args) => generate::run(&args),
    };
    result.unwrap_or_else(|failure| {
        eprintln!("schemaboard: {}", failure.message);
        failure.outcome
    })
}

/// An error to report, with the exit code it calls for.
#[derive(Debug)]
pub struct Failure {
    message: String,
    outcome: Outcome,
}

impl Failure {
    fn usage_or_io(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            outcome: Outcome::UsageOrIo,
        }
    }

    fn input(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            outcome: Outcome::Findings,
        }
    }
}

/// Writes one output file: see [`write_output`].
fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), Failure> {
    crate::io::written::may_replace(path, force).map_err(Failure::usage_or_io)?;
    crate::io::write_atomically(path, |out| out.write_all(bytes))
        .map_err(|e| Failure::usage_or_io(format!("{}: {e}", path.display())))?;
    crate::io::written::remember(path, bytes);
    Ok(())
}

/// Loads a model, mapping a missing file to an I/O failure and a bad one to an input failure.
fn load_model(path: &Path) -> Result<crate::model::Schema, Failure> {
    crate::io::load(path).map_err(|error| match error {
        crate::io::LoadError::Io { .. } => Failure::usage_or_io(error.to_string()),
        _ => Failure::input(error.to_string()),
    })
}

/// Writes a command's result to `path` (atomically) or to standard output. An existing file is
/// replaced only where an earlier output wrote it and nobody changed it since, or with `force`.
fn write_output(path: Option<&Path>, text: &str, force: bool) -> Result<(), Failure> {
    use std::io::Write;
    match path {
        Some(path) => write_file(path, text.as_bytes(), force),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| Failure::usage_or_io(format!("standard output: {e}"))),
    }
}
