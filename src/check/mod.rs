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
mod types;
mod workload;

#[cfg(test)]
mod tests;

pub use finding::{Finding, Summary, target_label};
pub use fix::Fix;
pub use incremental::Checker;
pub use normal_forms::{NormalForm, TableVerdict, table_verdict};
pub use rules::{Family, RULES, Rule, rule};

use crate::model::{CheckSettings, Dialect, Schema, Table, TableId};
use sink::Sink;
use std::collections::HashMap;

/// Checks the whole model against every enabled rule. Findings come in table order, then by
/// code; suppressed findings are included, marked with their reason.
pub fn check(schema: &Schema, settings: &CheckSettings) -> Vec<Finding> {
    Checker::default().check(schema, settings).to_vec()
}

/// The rules that read one table (and the tables its foreign keys reference).
fn check_table(ctx: &Context, table: &Table, sink: &mut Sink) {
    heuristics::check_table(ctx, table, sink);
    normal_forms::check_table(ctx, table, sink);
    index_coverage::check_table(ctx, table, sink);
    integrity::check_table(ctx, table, sink);
    naming::check_table(ctx, table, sink);
    portability::check_table(ctx, table, sink);
}

/// The rules over the foreign-key graph.
fn check_graph(ctx: &Context, sink: &mut Sink) {
    integrity::graph_rules(ctx, sink);
}

/// The rules that compare names and types across tables.
fn check_names(ctx: &Context, sink: &mut Sink) {
    integrity::name_rules(ctx, sink);
    naming::check_schema(ctx, sink);
}

/// The rules that read the workload.
fn check_workload(ctx: &Context, sink: &mut Sink) {
    workload::check_schema(ctx, sink);
}

/// What the rules share: the model, the settings, and lookups built once per check.
pub(crate) struct Context<'a> {
    pub schema: &'a Schema,
    pub settings: &'a CheckSettings,
    pub dialects: Vec<Dialect>,
    tables: HashMap<TableId, &'a Table>,
}

impl<'a> Context<'a> {
    pub fn new(schema: &'a Schema, settings: &'a CheckSettings) -> Self {
        Self {
            schema,
            settings,
            dialects: settings.target_dialects(),
            tables: schema.tables.iter().map(|t| (t.id, t)).collect(),
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
