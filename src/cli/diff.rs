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
    let old = load_model(&args.old)?;
    let new = load_model(&args.new)?;
    // A report of the changes (text, JSON, HTML) is the design-review issue's.
    let Some(choice) = args.dialect else {
        return Err(Failure::not_yet(
            "diff without --dialect (a change report)",
            10,
        ));
    };
    let dialect = choice.dialect();
    let (from, to) = if args.down {
        (&new, &old)
    } else {
        (&old, &new)
    };
    let migration = crate::export::diff::migration(from, to, dialect)
        .map_err(|e| Failure::input(e.to_string()))?;
    for loss in &migration.losses {
        eprintln!("warning: {}: {}", loss.object, loss.message);
    }
    super::write_output(args.output.as_deref(), &migration.sql)?;
    if !migration.destructive.is_empty() {
        eprintln!(
            "{} destructive steps (marked in the script): {}",
            migration.destructive.len(),
            migration.destructive.join("; ")
        );
    }
    Ok(super::Outcome::Success)
}
