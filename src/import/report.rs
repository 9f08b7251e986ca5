//! What an import did: counts, skipped statements by kind, failures with their positions.

use crate::model::SchemaStats;
use std::collections::BTreeMap;
use std::fmt;

/// A message about one statement, at its position in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// How serious it is.
    pub severity: Severity,
    /// What happened.
    pub message: String,
}

/// Kinds of diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// A statement of a kind the model does not hold (GRANT, CREATE FUNCTION…), knowingly skipped.
    Skipped,
    /// Read, but something in it could not be taken over in full.
    Warning,
    /// Could not be read at all.
    Failed,
}

/// The outcome of an import, apart from the model itself.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Every diagnostic in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Statements dropped, by kind (`GRANT`, `ALTER … OWNER`…): neither modelled nor kept.
    pub skipped: BTreeMap<String, usize>,
    /// Statements kept verbatim, by kind (`CREATE VIEW`, `CREATE FUNCTION`…): not modelled, but
    /// written back as they are by an export to the same dialect.
    pub kept: BTreeMap<String, usize>,
}

impl Report {
    /// Records a knowingly skipped statement.
    pub fn skip(&mut self, line: usize, column: usize, kind: &str) {
        *self.skipped.entry(kind.to_string()).or_default() += 1;
        self.diagnostics.push(Diagnostic {
            line,
            column,
            severity: Severity::Skipped,
            message: format!("dropped {kind} (not part of the model, not kept)"),
        });
    }

    /// Records a statement kept verbatim.
    pub fn keep(&mut self, line: usize, column: usize, kind: &str) {
        *self.kept.entry(kind.to_string()).or_default() += 1;
        self.diagnostics.push(Diagnostic {
            line,
            column,
            severity: Severity::Skipped,
            message: format!(
                "kept {kind} verbatim (not modelled; an export to the same dialect writes it back)"
            ),
        });
    }

    /// Records a statement that could not be read.
    pub fn fail(&mut self, line: usize, column: usize, message: String) {
        self.diagnostics.push(Diagnostic {
            line,
            column,
            severity: Severity::Failed,
            message,
        });
    }

    /// Records a partial reading.
    pub fn warn(&mut self, line: usize, column: usize, message: String) {
        self.diagnostics.push(Diagnostic {
            line,
            column,
            severity: Severity::Warning,
            message,
        });
    }

    /// Number of statements that failed.
    pub fn failed(&self) -> usize {
        self.count(Severity::Failed)
    }

    /// Number of statements dropped.
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    /// Number of statements kept verbatim.
    pub fn kept_total(&self) -> usize {
        self.kept.values().sum()
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// "kept 12 statements verbatim: 8 CREATE VIEW, 4 CREATE FUNCTION" and "dropped 214
    /// statements: 120 GRANT, 60 ALTER … OWNER, …", most frequent first, one line each.
    pub fn skipped_summary(&self) -> Option<String> {
        let line = |what: &str, kinds: &BTreeMap<String, usize>| {
            let total: usize = kinds.values().sum();
            let mut kinds: Vec<(&String, &usize)> = kinds.iter().collect();
            kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let parts: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
            format!("{what} {total} statements: {}", parts.join(", "))
        };
        let mut lines = Vec::new();
        if !self.kept.is_empty() {
            lines.push(line("kept verbatim", &self.kept));
        }
        if !self.skipped.is_empty() {
            lines.push(line("dropped", &self.skipped));
        }
        (!lines.is_empty()).then(|| lines.join("\n"))
    }
}

/// The one summary line scripts read; "indexes" counts every index the database would build,
/// those behind primary keys and unique constraints included. For example
/// `imported: 776 tables, 8129 columns, 2995 foreign keys, 1874 indexes; kept 40 statements verbatim; dropped 1373 statements; 0 failed`.
pub struct SummaryLine<'a> {
    /// Counts of the imported model.
    pub stats: SchemaStats,
    /// The report.
    pub report: &'a Report,
}

impl fmt::Display for SummaryLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "imported: {} tables, {} columns, {} foreign keys, {} indexes; kept {} statements verbatim; dropped {} statements; {} failed",
            self.stats.tables,
            self.stats.columns,
            self.stats.foreign_keys,
            self.stats.all_indexes(),
            self.report.kept_total(),
            self.report.skipped_total(),
            self.report.failed()
        )
    }
}
