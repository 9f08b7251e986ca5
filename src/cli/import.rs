//! `schemaboard import`: SQL DDL or DBML into a model.

use super::dialect_arg::DialectOrAuto;
use super::{Failure, Outcome};
use crate::import::file::{Encoding, ReadAs, import_file};
use crate::import::{Severity, SummaryLine};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The `.sql` or `.dbml` file to read.
    pub input: PathBuf,
    /// The SQL dialect; `auto` guesses from the text and says which it chose.
    #[arg(long, value_enum, default_value = "auto")]
    pub dialect: DialectOrAuto,
    /// Where to write the model (`.ron`).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Replace the output file if it exists (the old one is kept as `NAME.bak`).
    #[arg(long)]
    pub force: bool,
    /// List every skipped statement, not only the first few.
    #[arg(long)]
    pub verbose: bool,
}

/// Skipped statements listed one by one before "… and N more".
const SKIPS_SHOWN: usize = 10;

pub(super) fn run(args: &ImportArgs) -> Result<Outcome, Failure> {
    // A model is days of work: an import never replaces one unasked.
    if args.output.exists() && !args.force {
        return Err(Failure::usage_or_io(format!(
            "{}: the file exists; pass --force to replace it (the old file is kept as {})",
            args.output.display(),
            crate::io::backup_path(&args.output).display()
        )));
    }
    let import = import_file(&args.input, args.dialect.chosen())
        .map_err(|e| Failure::usage_or_io(format!("{}: {e}", args.input.display())))?;
    let file = args.input.display().to_string();
    match import.encoding {
        Encoding::Utf8 => {}
        Encoding::Utf16 => eprintln!("{file}: note: read as UTF-16 text"),
        Encoding::Repaired => {
            eprintln!("{file}: warning: the file is not valid UTF-8; invalid bytes were replaced")
        }
    }
    if let ReadAs::Sql {
        dialect,
        guessed: Some(reason),
    } = &import.read_as
    {
        eprintln!(
            "{file}: read as {dialect} (guessed from the statements, {reason}; --dialect chooses)"
        );
    }
    let mut skips_shown = 0;
    let mut skips_hidden = 0;
    for diagnostic in &import.report.diagnostics {
        let label = match diagnostic.severity {
            Severity::Failed => "error",
            Severity::Warning => "warning",
            Severity::Skipped if args.verbose || skips_shown < SKIPS_SHOWN => {
                skips_shown += 1;
                "note"
            }
            Severity::Skipped => {
                skips_hidden += 1;
                continue;
            }
        };
        eprintln!(
            "{file}:{}:{}: {label}: {}",
            diagnostic.line, diagnostic.column, diagnostic.message
        );
    }
    if skips_hidden > 0 {
        eprintln!("… and {skips_hidden} more skipped statements (--verbose lists them)");
    }
    if let Some(summary) = import.report.skipped_summary() {
        eprintln!("{summary}");
    }
    crate::io::save(&args.output, &import.schema)
        .map_err(|e| Failure::usage_or_io(e.to_string()))?;
    eprintln!(
        "{}",
        SummaryLine {
            stats: import.schema.stats(),
            report: &import.report,
        }
    );
    Ok(if import.report.failed() > 0 {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
