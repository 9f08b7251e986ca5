//! The design validator: `check(&Schema, &CheckSettings) -> Vec<Finding>`, pure and headless.
//!
//! One file per rule family (`normal_forms`, `heuristics`, `index_coverage`, `workload`,
//! `integrity`, `naming`, `portability`); `rules` is the catalog with the stable codes, `fd` the
//! functional-dependency algebra, `fix` the quick fixes as model edits, and `incremental` the
//! cache that re-checks only what an edit touched.

mod fd;
mod finding;
pub mod fix;
mod heuristics;
pub mod incremental;
mod index_coverage;
mod index_model;
mod integrity;
mod naming;
pub mod normal_forms;
mod portability;
pub mod rules;
mod sink;
mod sql_text;
mod touched;
mod types;
pub mod view_shape;
pub mod workload;

#[cfg(test)]
mod tests;

pub use finding::{Finding, Summary, target_label};
pub use fix::Fix;
pub use incremental::Checker;
pub use naming::case_for_new_names;
pub use normal_forms::{NormalForm, TableVerdict, table_verdict};
pub use rules::{Family, RULES, Rule, rule};
pub use touched::tables_touched;

use crate::model::{CheckSettings, Dialect, Schema, Table, TableId};
use sink::Sink;
use std::collections::{HashMap, HashSet};

/// Checks the whole model against every enabled rule. Findings come in table order, then by
/// code; suppressed findings are included, marked with their reason.
pub fn check(schema: &Schema, settings: &CheckSettings) -> Vec<Finding> {
    let mut checker = Checker::default();
    checker.check(schema, settings);
    let order: HashMap<TableId, usize> = schema
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i))
        .collect();
    let rank = |f: &Finding| {
        f.target
            .table
            .and_then(|t| order.get(&t).copied())
            .unwrap_or(usize::MAX)
    };
    let mut all: Vec<Finding> = checker.findings().cloned().collect();
    all.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.code.cmp(b.code)));
    all
}

/// The rules that read one table (and the tables its foreign keys reference).
fn check_table(ctx: &Context, table: &Table, sink: &mut Sink) {
    heuristics::check_table(ctx, table, sink);
    normal_forms::check_table(ctx, table, sink);
    index_coverage::check_table(ctx, table, sink);
    integrity::check_table(ctx, table, sink);
    naming::check_table(ctx, table, sink);
    portability::check_table(ctx, table, sink);
    sql_text::check_table(ctx, table, sink);
}

/// The rules over the foreign-key graph.
fn check_graph(ctx: &Context, sink: &mut Sink) {
    integrity::graph_rules(ctx, sink);
}

/// The rules that compare names across tables.
fn check_names(ctx: &Context, sink: &mut Sink) {
    naming::check_schema(ctx, sink);
}

/// The rules that compare column names and types across tables.
fn check_types(ctx: &Context, sink: &mut Sink) {
    integrity::name_rules(ctx, sink);
}

/// What the rules share: the model, the settings, and lookups built once per check.
pub(crate) struct Context<'a> {
    pub schema: &'a Schema,
    pub settings: &'a CheckSettings,
    pub dialects: Vec<Dialect>,
    tables: rustc_hash::FxHashMap<TableId, &'a Table>,
    /// The letter case names should have (snake, camel, pascal), decided over the model.
    pub wanted_case: Option<usize>,
    /// Lower-case table names.
    pub table_names: HashSet<String>,
    /// Lower-case names (and singulars) of tables keyed by one non-text column.
    pub numeric_key_stems: HashSet<String>,
}

impl<'a> Context<'a> {
    pub fn new(schema: &'a Schema, settings: &'a CheckSettings) -> Self {
        Self {
            schema,
            settings,
            dialects: settings.target_dialects(),
            tables: schema.tables.iter().map(|t| (t.id, t)).collect(),
            wanted_case: None,
            table_names: schema
                .tables
                .iter()
                .map(|t| t.name.to_ascii_lowercase())
                .collect(),
            numeric_key_stems: schema
                .tables
                .iter()
                .filter(|t| {
                    t.primary_key.as_ref().is_some_and(|pk| {
                        pk.columns.len() == 1
                            && t.column(pk.columns[0])
                                .is_some_and(|c| !types::is_textual(&c.data_type))
                    })
                })
                .flat_map(|t| [t.name.to_ascii_lowercase(), types::singular(&t.name)])
                .collect(),
        }
    }

    pub fn table(&self, id: TableId) -> Option<&'a Table> {
        self.tables.get(&id).copied()
    }

    /// Whether the model is deployed to exactly this one dialect.
    pub fn only(&self, dialect: Dialect) -> bool {
        self.dialects == [dialect]
    }
}
