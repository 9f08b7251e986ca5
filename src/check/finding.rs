//! What the validator reports.

use super::fix::Fix;
use crate::model::{FindingTarget, Schema, Severity};

/// One problem found in the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule's stable code (`IX201`).
    pub code: &'static str,
    /// The rule's kebab-case name (`fk-without-index`).
    pub rule: &'static str,
    /// How serious it is, after the model's severity overrides.
    pub severity: Severity,
    /// What it is about.
    pub target: FindingTarget,
    /// One line: what is wrong, with names.
    pub message: String,
    /// Why the rule matters.
    pub why: &'static str,
    /// What to do about it.
    pub help: String,
    /// The mechanical fix, when there is one: the GUI offers it as a one-click, undoable edit.
    pub fix: Option<Fix>,
    /// The architect's reason, when this finding was accepted (suppressed).
    pub suppressed: Option<String>,
}

impl Finding {
    /// Whether it counts: not suppressed.
    pub fn is_active(&self) -> bool {
        self.suppressed.is_none()
    }
}

/// `table`, `table.column`, `table.(a, b)`, `table index name`, `query "name"`.
pub fn target_label(schema: &Schema, target: &FindingTarget) -> String {
    let Some(table) = target.table.and_then(|id| schema.table(id)) else {
        return match target.query.and_then(|id| schema.query(id)) {
            Some(query) => format!("query \"{}\"", query.name),
            None => "model".to_string(),
        };
    };
    let mut label = table.qualified_name();
    let names: Vec<&str> = target
        .columns
        .iter()
        .filter_map(|id| table.column(*id).map(|c| c.name.as_str()))
        .collect();
    match names.as_slice() {
        [] => {}
        [one] => {
            label.push('.');
            label.push_str(one);
        }
        many => label.push_str(&format!(".({})", many.join(", "))),
    }
    if let Some(index) = target
        .index
        .and_then(|id| table.indexes.iter().find(|i| i.id == id))
    {
        label.push_str(&format!(
            " index {}",
            index.name.as_deref().unwrap_or("(unnamed)")
        ));
    }
    label
}

/// Counts of active findings by severity, and of suppressed ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Active errors.
    pub errors: usize,
    /// Active warnings.
    pub warnings: usize,
    /// Active infos.
    pub infos: usize,
    /// Accepted findings.
    pub suppressed: usize,
}

impl Summary {
    /// Counts `findings`.
    pub fn of<'f>(findings: impl IntoIterator<Item = &'f Finding>) -> Self {
        let mut summary = Summary::default();
        for f in findings {
            match (&f.suppressed, f.severity) {
                (Some(_), _) => summary.suppressed += 1,
                (None, Severity::Error) => summary.errors += 1,
                (None, Severity::Warning) => summary.warnings += 1,
                (None, Severity::Info) => summary.infos += 1,
            }
        }
        summary
    }

    /// Active findings at or above `level`.
    pub fn at_or_above(&self, level: Severity) -> usize {
        match level {
            Severity::Error => self.errors,
            Severity::Warning => self.errors + self.warnings,
            Severity::Info => self.errors + self.warnings + self.infos,
        }
    }
}
