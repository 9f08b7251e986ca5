//! `schemaboard check`: the design validator, for CI.

use super::{Failure, load_model};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The model (`.ron`).
    pub model: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// How findings are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One finding a line, for people.
    Text,
    /// JSON, for scripts.
    Json,
    /// SARIF, for code-scanning tools.
    Sarif,
}

pub(super) fn run(args: &CheckArgs) -> Result<super::Outcome, Failure> {
    // The structural checks run on load, so a broken model is reported precisely already.
    load_model(&args.model)?;
    Err(Failure::not_yet("check (the design validator)", 5))
}
