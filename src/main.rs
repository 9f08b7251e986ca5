//! The `schemaboard` binary: a subcommand runs headless; no subcommand opens the app.
#![forbid(unsafe_code)]

use clap::Parser;
use schemaboard::cli::{Cli, Outcome};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => schemaboard::cli::run(command).into(),
        None => open_app(cli.file).into(),
    }
}

#[cfg(feature = "gui")]
fn open_app(file: Option<std::path::PathBuf>) -> Outcome {
    match schemaboard::gui::run(file) {
        Ok(()) => Outcome::Success,
        Err(error) => {
            eprintln!("schemaboard: {error}");
            Outcome::UsageOrIo
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_app(_file: Option<std::path::PathBuf>) -> Outcome {
    eprintln!(
        "schemaboard: this build has no desktop app (built without the `gui` feature); run `schemaboard --help` for the subcommands"
    );
    Outcome::UsageOrIo
}
