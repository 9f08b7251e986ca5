//! `schemaboard diff`: what changed between two versions of a model, as a migration (with
//! `--dialect`) or as a report for people (`--format text|json|html`).

use super::{Failure, load_model};
use crate::compare::{MatchingChoice, compare, to_html, to_json, to_text};
use crate::export::diff::versions::{Direction, Versions};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// The form of a change report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One line per change, for a terminal.
    Text,
    /// `{"matching", "changes": [{"kind", "object", "table", "name", "detail"}]}`, for scripts.
    Json,
    /// One self-contained page, to attach to a pull request.
    Html,
    /// The new model's diagram with the changes marked (added green, changed amber, removed
    /// red where they were); needs --output.
    Png,
}

/// How to pair the two models' tables and columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MatchBy {
    /// By id between versions of one model (saved from one another), by name between models
    /// made apart (two imports of two versions of one SQL file).
    Auto,
    /// By stable id: renames are renames.
    Ids,
    /// By schema-qualified name (a model against a fresh import of the database).
    Names,
}

/// What to do with probable renames between models paired by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RenamesChoice {
    /// List them, and migrate them as a drop and an add.
    Never,
    /// Migrate each as a rename (its values kept).
    Accept,
    /// Ask for each on the terminal (or read y/n lines from standard input).
    Ask,
}

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older model.
    pub old: PathBuf,
    /// The newer model.
    pub new: PathBuf,
    /// Write the migration for this dialect.
    #[arg(long, value_enum)]
    pub dialect: Option<crate::model::Dialect>,
    /// Write the down migration (new → old) instead.
    #[arg(long, requires = "dialect")]
    pub down: bool,
    /// PostgreSQL on a live database: lock and statement timeouts, indexes built concurrently,
    /// constraints added NOT VALID and validated after the commit, NOT NULL through a check.
    #[arg(long, requires = "dialect")]
    pub safe: bool,
    /// The value the rows already there get in a column that becomes NOT NULL or is added NOT
    /// NULL without a default: `--backfill orders.status="'open'"` (an SQL expression of the
    /// dialect; repeat for more columns), over the value the model keeps for the column's
    /// existing rows. The rows are filled first; no guard then stops the migration for them.
    #[arg(long, value_name = "TABLE.COLUMN=EXPR", requires = "dialect")]
    pub backfill: Vec<String>,
    /// Between models paired by name, a removed and an added table or column alike in all
    /// but the name are probable renames: listed (`never`), migrated as renames (`accept`), or
    /// asked one by one (`ask`).
    #[arg(long, value_enum, default_value_t = RenamesChoice::Never)]
    pub renames: RenamesChoice,
    /// Without --dialect: the report's form.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text, conflicts_with = "dialect")]
    pub format: ReportFormat,
    /// How to pair tables, columns, constraints and indexes, for the report and the migration.
    #[arg(long = "match", value_enum, default_value_t = MatchBy::Auto)]
    pub match_by: MatchBy,
    /// Output file; standard output when absent.
    #[arg(short, long, conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Write the up and down migrations as the next numbered pair of a migrations folder, as
    /// Flyway names them: `V003__NAME.sql` and `U003__NAME.sql`, after the folder's highest
    /// version.
    #[arg(long, requires_all = ["dialect", "name"], conflicts_with = "down")]
    pub out_dir: Option<PathBuf>,
    /// With --out-dir: what the migration does, in the file names (`add_tax`).
    #[arg(long, requires = "out_dir")]
    pub name: Option<String>,
    /// Replace the output file even where schemaboard did not write it (the old one is kept
    /// as `NAME.bak`).
    #[arg(long)]
    pub force: bool,
}

pub(super) fn run(args: &DiffArgs) -> Result<super::Outcome, Failure> {
    let old = load_model(&args.old)?;
    let new = load_model(&args.new)?;
    let Some(choice) = args.dialect else {
        return report(args, &old, &new);
    };
    let dialect = crate::export::ddl::writer(choice);
    let options = crate::export::diff::Options {
        safe: args.safe,
        backfill: args
            .backfill
            .iter()
            .map(|b| backfill(b))
            .collect::<Result<_, _>>()?,
    };
    let matching = matching(args, &old, &new);
    let renames = match matching {
        crate::compare::Matching::Ids => Vec::new(),
        crate::compare::Matching::Names => accepted_renames(args, &old, &new)?,
    };
    let versions = Versions {
        old: &old,
        new: &new,
        matching,
        renames: &renames,
    };
    if let Some(folder) = &args.out_dir {
        return migration_files(args, folder, &versions, dialect, options);
    }
    let direction = if args.down {
        Direction::Down
    } else {
        Direction::Up
    };
    let migration = versions
        .migration(direction, dialect, &options)
        .map_err(|e| Failure::input(e.to_string()))?;
    for loss in &migration.losses {
        eprintln!("warning: {}: {}", loss.object, loss.message);
    }
    super::write_output(args.output.as_deref(), &migration.sql, args.force)?;
    if !migration.destructive.is_empty() {
        eprintln!(
            "{} destructive steps (marked in the script): {}",
            migration.destructive.len(),
            migration.destructive.join("; ")
        );
    }
    Ok(super::Outcome::Success)
}

/// `V{n}__{name}.sql` (old → new) and `U{n}__{name}.sql` (back) in `folder`, `n` one above
/// the highest version there.
fn migration_files(
    args: &DiffArgs,
    folder: &std::path::Path,
    versions: &Versions,
    dialect: &dyn crate::export::ddl::SqlDialect,
    options: crate::export::diff::Options,
) -> Result<super::Outcome, Failure> {
    let name = args.name.as_deref().unwrap_or_default();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(Failure::usage_or_io(format!(
            "--name {name:?}: use letters, digits, '_' and '-' (it becomes part of file names)"
        )));
    }
    std::fs::create_dir_all(folder)
        .map_err(|e| Failure::usage_or_io(format!("{}: {e}", folder.display())))?;
    let highest = std::fs::read_dir(folder)
        .map_err(|e| Failure::usage_or_io(format!("{}: {e}", folder.display())))?
        .flatten()
        .filter_map(|entry| {
            let file = entry.file_name().to_string_lossy().into_owned();
            let digits: String = file
                .strip_prefix('V')?
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            file.ends_with(".sql")
                .then(|| digits.parse::<u64>().ok())
                .flatten()
        })
        .max()
        .unwrap_or(0);
    let version = format!("{:03}", highest + 1);
    // The values for the rows are for the way up; the way down has no new required columns
    // of its own to fill unless the old model had them.
    let down = crate::export::diff::Options {
        backfill: Vec::new(),
        ..options.clone()
    };
    for (prefix, direction, options) in [
        ("V", Direction::Up, &options),
        ("U", Direction::Down, &down),
    ] {
        let script = versions
            .migration(direction, dialect, options)
            .map_err(|e| Failure::input(e.to_string()))?;
        for loss in &script.losses {
            eprintln!("warning: {}: {}", loss.object, loss.message);
        }
        let path = folder.join(format!("{prefix}{version}__{name}.sql"));
        super::write_output(Some(&path), &script.sql, args.force)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(super::Outcome::Success)
}

/// The probable renames between `from` and `to` that `--renames` takes; the others are said.
fn accepted_renames(
    args: &DiffArgs,
    from: &crate::model::Schema,
    to: &crate::model::Schema,
) -> Result<Vec<crate::compare::renames::Rename>, Failure> {
    use std::io::{BufRead, Write};
    let proposed = crate::compare::renames::probable_renames(from, to);
    let mut accepted = Vec::new();
    let mut answers = std::io::stdin().lock();
    for rename in proposed {
        let take = match args.renames {
            RenamesChoice::Accept => true,
            RenamesChoice::Never => false,
            RenamesChoice::Ask => {
                eprint!(
                    "probable rename: {}; migrate it as a rename? [y/N] ",
                    rename.describe()
                );
                let _ = std::io::stderr().flush();
                let mut answer = String::new();
                answers
                    .read_line(&mut answer)
                    .map_err(|e| Failure::usage_or_io(format!("reading the answer: {e}")))?;
                matches!(answer.trim(), "y" | "Y" | "yes")
            }
        };
        if take {
            eprintln!("note: migrated as a rename: {}", rename.describe());
            accepted.push(rename);
        } else if args.renames == RenamesChoice::Never {
            eprintln!(
                "note: probable rename, migrated as a drop and an add: {} (--renames accept \
                 or ask to keep its values)",
                rename.describe()
            );
        }
    }
    Ok(accepted)
}

fn choice(args: &DiffArgs) -> MatchingChoice {
    match args.match_by {
        MatchBy::Auto => MatchingChoice::Auto,
        MatchBy::Ids => MatchingChoice::Ids,
        MatchBy::Names => MatchingChoice::Names,
    }
}

/// How `from` and `to` are paired, as asked (`auto`: by their lineage).
fn matching(
    args: &DiffArgs,
    from: &crate::model::Schema,
    to: &crate::model::Schema,
) -> crate::compare::Matching {
    match choice(args) {
        MatchingChoice::Ids => crate::compare::Matching::Ids,
        MatchingChoice::Names => crate::compare::Matching::Names,
        MatchingChoice::Auto => crate::compare::auto_matching(from, to),
    }
}

/// What changed, for people: text, JSON or HTML.
fn report(
    args: &DiffArgs,
    old: &crate::model::Schema,
    new: &crate::model::Schema,
) -> Result<super::Outcome, Failure> {
    let comparison = compare(old, new, choice(args));
    if comparison.matching == crate::compare::Matching::Names {
        for rename in crate::compare::renames::probable_renames(old, new) {
            eprintln!("note: probable rename: {}", rename.describe());
        }
    }
    let (old_name, new_name) = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    let text = match args.format {
        ReportFormat::Text => to_text(&comparison, &old_name, &new_name),
        ReportFormat::Json => to_json(&comparison),
        ReportFormat::Html => to_html(&comparison, &old_name, &new_name),
        ReportFormat::Png => {
            let Some(output) = &args.output else {
                return Err(Failure::usage_or_io(
                    "diff --format png needs --output FILE.png",
                ));
            };
            let marks = crate::compare::marks::Marks::of(&comparison, old, new);
            let [added, removed, renamed, changed] = comparison.counts();
            let title = format!(
                "From {old_name} to {new_name}: {added} added (green), {removed} removed (red), \
                 {renamed} renamed, {changed} changed (amber)"
            );
            let tiles = crate::render::comparison_png(old, new, &marks, &title, 1.0)
                .map_err(Failure::usage_or_io)?;
            return super::render::write_tiles(output, &tiles, 1.0, args.force);
        }
    };
    super::write_output(args.output.as_deref(), &text, args.force)?;
    Ok(super::Outcome::Success)
}

/// `TABLE.COLUMN=EXPR` (the table may be schema-qualified: the column is after the last dot
/// before the `=`).
fn backfill(text: &str) -> Result<crate::export::diff::Backfill, Failure> {
    let malformed = || {
        Failure::usage_or_io(format!(
            "--backfill {text:?}: write TABLE.COLUMN=EXPR, such as orders.status=\"'open'\""
        ))
    };
    let (place, value) = text.split_once('=').ok_or_else(malformed)?;
    let (table, column) = place.trim().rsplit_once('.').ok_or_else(malformed)?;
    if table.is_empty() || column.is_empty() || value.trim().is_empty() {
        return Err(malformed());
    }
    Ok(crate::export::diff::Backfill {
        table: table.to_string(),
        column: column.to_string(),
        value: value.trim().to_string(),
    })
}
