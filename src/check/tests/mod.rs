//! Every rule with a positive and a negative case, the catalog's textbook dependency cases,
//! its worked index/workload example, and the incremental checker against a full check.

mod fd_cases;
mod incremental;
mod indexes;
mod integrity;
mod naming;
mod normal_forms;
mod portability;
mod smells;
mod workload;

use super::{Finding, check, target_label};
use crate::model::{CheckSettings, Dialect, Schema, SchemaBuilder};

pub(super) fn build(define: impl FnOnce(&mut SchemaBuilder)) -> Schema {
    let mut builder = SchemaBuilder::new("test");
    define(&mut builder);
    builder.build().expect("a valid test model")
}

pub(super) fn run(schema: &Schema) -> Vec<Finding> {
    check(schema, &schema.check_settings)
}

pub(super) fn run_for(schema: &Schema, dialects: &[Dialect]) -> Vec<Finding> {
    let settings = CheckSettings {
        dialects: dialects.to_vec(),
        ..schema.check_settings.clone()
    };
    check(schema, &settings)
}

/// The targets (as labels) of the findings with `code`.
pub(super) fn hits(schema: &Schema, findings: &[Finding], code: &str) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| target_label(schema, &f.target))
        .collect()
}

/// Asserts `code` fires exactly on `expected` (labels, any order).
#[track_caller]
pub(super) fn assert_hits(schema: &Schema, findings: &[Finding], code: &str, expected: &[&str]) {
    let mut got = hits(schema, findings, code);
    got.sort();
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(
        got,
        want,
        "{code}: {:#?}",
        findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| &f.message)
            .collect::<Vec<_>>()
    );
}

/// The message of the one finding with `code`.
#[track_caller]
pub(super) fn message(findings: &[Finding], code: &str) -> String {
    let found: Vec<&Finding> = findings.iter().filter(|f| f.code == code).collect();
    assert_eq!(found.len(), 1, "{code}: {found:#?}");
    found[0].message.clone()
}

/// Applies the quick fix of the first `code` finding and returns the fixed model, after
/// asserting the finding is gone and the model is still sound.
#[track_caller]
pub(super) fn apply_fix(schema: &Schema, findings: &[Finding], code: &str) -> Schema {
    let fix = findings
        .iter()
        .find(|f| f.code == code)
        .and_then(|f| f.fix.clone())
        .unwrap_or_else(|| panic!("{code} carries no fix"));
    let mut fixed = schema.clone();
    let mut ids = fixed.ids.clone();
    let edit = fix.edit(&fixed, &mut ids).unwrap();
    fixed.ids = ids;
    edit.apply(&mut fixed).unwrap();
    assert_eq!(crate::model::integrity_problems(&fixed), []);
    let before = hits(schema, findings, code).len();
    let after = hits(&fixed, &run(&fixed), code).len();
    assert_eq!(after, before - 1, "{code}: the fix resolves its finding");
    fixed
}
