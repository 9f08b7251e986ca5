//! `schemaboard export`: SQL DDL, data dictionaries, DBML, Mermaid, DOT.

use super::{Failure, load_model};
use crate::model::Dialect;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The model (`.ron`).
    pub model: PathBuf,
    /// What to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// SQL dialect, for `--format sql`.
    #[arg(long, value_enum)]
    pub dialect: Option<Dialect>,
    /// Output file; standard output when absent.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Replace the output file even where schemaboard did not write it (the old one is kept
    /// as `NAME.bak`).
    #[arg(long)]
    pub force: bool,
    /// With `--format sql`: exit 1 when the script does not carry everything in the model
    /// (the script is still written, its losses listed on stderr and at its top).
    #[arg(long)]
    pub strict: bool,
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// SQL DDL for one dialect.
    Sql,
    /// Markdown data dictionary.
    Md,
    /// Self-contained HTML data dictionary.
    Html,
    /// DBML for dbdiagram.io.
    Dbml,
    /// Mermaid `erDiagram`.
    Mermaid,
    /// Graphviz DOT.
    Dot,
}

pub(super) fn run(args: &ExportArgs) -> Result<super::Outcome, Failure> {
    let schema = load_model(&args.model)?;
    match args.format {
        ExportFormat::Sql => sql(args, &schema),
        ExportFormat::Dbml => {
            super::write_output(
                args.output.as_deref(),
                &crate::export::dbml::to_dbml(&schema),
                args.force,
            )?;
            Ok(super::Outcome::Success)
        }
        ExportFormat::Mermaid => {
            super::write_output(
                args.output.as_deref(),
                &crate::export::mermaid::to_mermaid(&schema),
                args.force,
            )?;
            Ok(super::Outcome::Success)
        }
        ExportFormat::Md | ExportFormat::Html => {
            // The dictionary lists the validator's findings (and accepted ones with reasons).
            let findings = crate::check::check(&schema, &schema.check_settings);
            let text = if args.format == ExportFormat::Md {
                crate::export::dictionary::to_markdown(&schema, &findings)
            } else {
                let diagram = crate::render::to_svg(&schema, &Default::default()).ok();
                crate::export::dictionary::to_html(&schema, &findings, diagram.as_deref())
            };
            super::write_output(args.output.as_deref(), &text, args.force)?;
            Ok(super::Outcome::Success)
        }
        ExportFormat::Dot => {
            super::write_output(
                args.output.as_deref(),
                &crate::export::dot::to_dot(&schema),
                args.force,
            )?;
            Ok(super::Outcome::Success)
        }
    }
}

fn sql(args: &ExportArgs, schema: &crate::model::Schema) -> Result<super::Outcome, Failure> {
    let Some(choice) = args.dialect else {
        return Err(Failure::usage_or_io(
            "export --format sql needs --dialect postgres|mysql|sqlite|mssql",
        ));
    };
    let ddl = crate::export::ddl::export_ddl(schema, crate::export::ddl::writer(choice))
        .map_err(|e| Failure::input(e.to_string()))?;
    for loss in &ddl.losses {
        eprintln!("warning: {}: {}", loss.object, loss.message);
    }
    super::write_output(args.output.as_deref(), &ddl.sql, args.force)?;
    if args.strict && !ddl.losses.is_empty() {
        eprintln!(
            "export --strict: the script does not carry {} thing(s) of the model (listed above)",
            ddl.losses.len()
        );
        return Ok(super::Outcome::Findings);
    }
    Ok(super::Outcome::Success)
}
