//! The validator's settings, saved with the model so that a team shares one definition of
//! "clean": which rules run and how loudly, the naming convention, the target dialects, and the
//! findings the architect has looked at and accepted, each with its reason.

use super::dialect::Dialect;
use super::ids::{ColumnId, ConstraintId, FdId, IndexId, QueryId, TableId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// A smell or a suggestion.
    Info,
    /// A likely defect.
    Warning,
    /// The model is wrong as written or cannot be deployed.
    Error,
}

impl Severity {
    /// Lower-case name, as compilers print it.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A rule's level as configured: off, or a severity replacing its default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleLevel {
    /// The rule does not run.
    Off,
    /// The rule runs and reports at this severity.
    At(Severity),
}

/// Letter case of names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NameCase {
    /// Whatever most names of the model use.
    #[default]
    Majority,
    /// `order_items`.
    Snake,
    /// `orderItems`.
    Camel,
    /// `OrderItems`.
    Pascal,
    /// No convention.
    Any,
}

/// Whether table names are singular or plural.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inflection {
    /// No convention.
    #[default]
    Any,
    /// `customer`.
    Singular,
    /// `customers`.
    Plural,
}

/// The model's naming convention.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamingConvention {
    /// Letter case of table, column, index and constraint names.
    #[serde(default)]
    pub case: NameCase,
    /// Singular or plural table names.
    #[serde(default)]
    pub tables: Inflection,
    /// Prefix every index name must start with (`idx_`); empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub index_prefix: String,
}

/// What a finding is about: a table, and within it the columns, index, constraint or declared
/// dependency; or a workload query. Ids, not names, so a rename keeps suppressions attached.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingTarget {
    /// The table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<TableId>,
    /// Columns of that table, in the order that matters to the finding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<ColumnId>,
    /// An index of that table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<IndexId>,
    /// A key, foreign key or check of that table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint: Option<ConstraintId>,
    /// A declared functional dependency of that table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependency: Option<FdId>,
    /// A workload query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<QueryId>,
}

impl FindingTarget {
    /// A table as a whole.
    pub fn of_table(table: TableId) -> Self {
        Self {
            table: Some(table),
            ..Self::default()
        }
    }

    /// Columns of a table, in the order that matters to the finding.
    pub fn of_columns(table: TableId, columns: Vec<ColumnId>) -> Self {
        Self {
            table: Some(table),
            columns,
            ..Self::default()
        }
    }
}

/// One finding the architect accepted, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    /// The rule code (`IX201`).
    pub code: String,
    /// What it was reported on.
    pub target: FindingTarget,
    /// Why it is fine here; shown in the data dictionary.
    pub reason: String,
}

/// The validator's settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSettings {
    /// Rules switched off or given another severity, by code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, RuleLevel>,
    /// The naming convention.
    #[serde(default, skip_serializing_if = "is_default")]
    pub naming: NamingConvention,
    /// The dialects the model is deployed to; empty means "portable to all four".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dialects: Vec<Dialect>,
    /// Accepted findings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressions: Vec<Suppression>,
}

impl CheckSettings {
    /// Whether nothing differs from the defaults (such settings are not written to the file).
    pub fn is_default(&self) -> bool {
        is_default(self)
    }

    /// The dialects to check against: the targets, or all four when none is set.
    pub fn target_dialects(&self) -> Vec<Dialect> {
        if self.dialects.is_empty() {
            Dialect::ALL.to_vec()
        } else {
            self.dialects.clone()
        }
    }

    /// The suppression of `code` on `target`, if the architect accepted it.
    pub fn suppression(&self, code: &str, target: &FindingTarget) -> Option<&Suppression> {
        self.suppressions
            .iter()
            .find(|s| s.code == code && &s.target == target)
    }
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}
