//! `schemaboard check`: the design validator, for people (compiler-style), scripts (JSON) and
//! code-scanning tools (SARIF 2.1.0). Exit 1 when findings at or above `--deny` remain.

use super::check_report::{Lines, Located, to_json, to_sarif};
use super::dialect_arg::DialectOrAuto;
use super::{Failure, Outcome, write_output};
use crate::check::{Finding, Summary, check};
use crate::model::{Dialect, Schema, Severity};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The model (`.ron`), or SQL DDL (`.sql`) or DBML (`.dbml`), which is imported first.
    pub model: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit with 1 when findings at or above this severity remain.
    #[arg(long, value_enum, default_value_t = DenyLevel::Error)]
    pub deny: DenyLevel,
    /// Target dialect(s), replacing the model's; repeat for several. A `.sql` file targets the
    /// dialect it is written in unless this says otherwise.
    #[arg(long, value_enum)]
    pub dialect: Vec<DialectOrAuto>,
    /// Write the report here instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Replace the output file even where schemaboard did not write it (the old one is kept
    /// as `NAME.bak`).
    #[arg(long)]
    pub force: bool,
    /// Also list findings the model's suppressions accept.
    #[arg(long)]
    pub show_suppressed: bool,
}

/// How findings are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Like a compiler: code, severity, where, message, why and help.
    Human,
    /// JSON, for scripts.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

/// The severity that fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DenyLevel {
    /// Errors only.
    Error,
    /// Warnings and errors.
    Warning,
    /// Any finding.
    Info,
}

impl DenyLevel {
    fn severity(self) -> Severity {
        match self {
            DenyLevel::Error => Severity::Error,
            DenyLevel::Warning => Severity::Warning,
            DenyLevel::Info => Severity::Info,
        }
    }
}

/// Loads a `.ron` model, or imports a `.sql` file (whose dialect becomes the target) or a
/// `.dbml` file.
fn load(args: &CheckArgs) -> Result<(Schema, String), Failure> {
    let extension = |wanted: &str| {
        args.model
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(wanted))
    };
    let (is_sql, is_dbml) = (extension("sql"), extension("dbml"));
    let limit = if is_sql || is_dbml {
        crate::io::MAX_SCRIPT_BYTES
    } else {
        crate::io::MAX_MODEL_BYTES
    };
    // Read once: the input may be a pipe or FIFO, which has nothing left for a second read.
    let bytes = crate::io::read_input(&args.model, limit)
        .map_err(|e| Failure::usage_or_io(format!("{}: {e}", args.model.display())))?;
    if !is_sql && !is_dbml {
        let text = String::from_utf8(bytes).map_err(|_| {
            Failure::input(format!(
                "{}: the file is not valid UTF-8 text",
                args.model.display()
            ))
        })?;
        let schema = crate::io::load_str(&text, &args.model)
            .map_err(|error| Failure::input(error.to_string()))?;
        return Ok((schema, text));
    }
    use crate::import::file::{Format, import_bytes};
    let format = if is_dbml { Format::Dbml } else { Format::Sql };
    let forced = args.dialect.first().and_then(|d| d.chosen());
    let import = import_bytes(&bytes, format, forced, "checked");
    report_unread(args, import.report.failed());
    let mut schema = import.schema;
    if let Some(dialect) = import.read_as.dialect() {
        schema.check_settings.dialects = vec![dialect];
    }
    Ok((schema, crate::io::script_text(&bytes)))
}

fn report_unread(args: &CheckArgs, failed: usize) {
    if failed > 0 {
        eprintln!(
            "{}: {failed} statements could not be read; checking the rest (`schemaboard import` lists them)",
            args.model.display(),
        );
    }
}

pub(super) fn run(args: &CheckArgs) -> Result<Outcome, Failure> {
    let (schema, text) = load(args)?;
    let mut settings = schema.check_settings.clone();
    let chosen: Vec<Dialect> = args.dialect.iter().filter_map(|d| d.chosen()).collect();
    if !chosen.is_empty() {
        settings.dialects = chosen;
    }
    let findings = check(&schema, &settings);
    let summary = Summary::of(&findings);
    let shown: Vec<&Finding> = findings
        .iter()
        .filter(|f| args.show_suppressed || f.is_active())
        .collect();
    let file = args.model.display().to_string();
    let lines = Lines::new(&text);
    let located: Vec<Located> = shown
        .iter()
        .map(|f| Located::new(&schema, f, &lines))
        .collect();
    let report = match args.format {
        CheckFormat::Human => human(&file, &located, &summary),
        CheckFormat::Json => to_json(&located, &summary),
        CheckFormat::Sarif => to_sarif(&file, &located),
    };
    write_output(args.output.as_deref(), &report, args.force)?;
    Ok(if summary.at_or_above(args.deny.severity()) > 0 {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}

fn human(file: &str, findings: &[Located], summary: &Summary) -> String {
    let mut out = String::new();
    for f in findings {
        let finding = f.finding;
        out.push_str(&format!(
            "{}[{}] {}: {}\n  --> {file}:{}: {}\n",
            finding.severity, finding.code, finding.rule, finding.message, f.line, f.label
        ));
        if let Some(reason) = &finding.suppressed {
            out.push_str(&format!("  = accepted: {reason}\n"));
        }
        out.push_str(&format!("  = why: {}\n", finding.why));
        if !finding.help.is_empty() {
            out.push_str(&format!("  = help: {}\n", finding.help));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "{} errors, {} warnings, {} infos{}\n",
        summary.errors,
        summary.warnings,
        summary.infos,
        if summary.suppressed > 0 {
            format!(" ({} accepted by suppressions)", summary.suppressed)
        } else {
            String::new()
        }
    ));
    out
}
