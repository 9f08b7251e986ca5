//! `schemaboard import`: SQL DDL or DBML into a model.

use super::dialect_arg::DialectOrAuto;
use super::{Failure, Outcome};
use crate::import::{Severity, SummaryLine, import_sql};
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

/// A model read from SQL or DBML, with what happened on the way.
struct Imported {
    schema: crate::model::Schema,
    report: crate::import::Report,
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
    let bytes = crate::io::read_input(&args.input, crate::io::MAX_SCRIPT_BYTES)
        .map_err(|e| Failure::usage_or_io(format!("{}: {e}", args.input.display())))?;
    let file = args.input.display().to_string();
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let text = crate::io::script_text(error.as_bytes());
            if text == String::from_utf8_lossy(error.as_bytes()) {
                eprintln!(
                    "{file}: warning: the file is not valid UTF-8; invalid bytes were replaced"
                );
            } else {
                eprintln!("{file}: note: read as UTF-16 text");
            }
            text
        }
    };
    let dialect = args.dialect.chosen();
    let title = args
        .input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Imported".to_string());
    let is_dbml = args
        .input
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("dbml"));
    let import = if is_dbml {
        let read = crate::import::dbml::import_dbml(&text, &title);
        Imported {
            schema: read.schema,
            report: read.report,
        }
    } else {
        let read = import_sql(&text, dialect, &title);
        if read.guessed {
            eprintln!(
                "{file}: read as {} (guessed from the statements, {}; --dialect chooses)",
                read.dialect,
                read.guess_reason.as_deref().unwrap_or("no markers")
            );
        }
        Imported {
            schema: read.schema,
            report: read.report,
        }
    };
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
