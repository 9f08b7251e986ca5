//! `schemaboard diff`: what changed between two versions of a model, as a migration or a report.

use super::export::SqlDialectChoice;
use super::{Failure, load_model};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older model.
    pub old: PathBuf,
    /// The newer model.
    pub new: PathBuf,
    /// Write the migration for this dialect.
    #[arg(long, value_enum)]
    pub dialect: Option<SqlDialectChoice>,
    /// Write the down migration (new → old) instead.
    #[arg(long)]
    pub down: bool,
    /// Output file; standard output when absent.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub(super) fn run(args: &DiffArgs) -> Result<super::Outcome, Failure> {
    load_model(&args.old)?;
    load_model(&args.new)?;
    Err(Failure::not_yet("diff", 4))
}
