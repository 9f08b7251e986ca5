//! The incremental checker agrees with a full check after every kind of change, re-checks only
//! what an edit touched, and settings (levels, suppressions) apply.

use super::*;
use crate::check::Checker;
use crate::model::{RuleLevel, Severity, Suppression};

fn sample() -> Schema {
    crate::io::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample_models/flawed_inventory.ron"
    )))
    .unwrap()
}

#[test]
fn incremental_results_equal_a_full_check_after_edits() {
    let mut schema = sample();
    let settings = schema.checks.clone();
    let mut checker = Checker::default();
    assert_eq!(
        checker.check(&schema, &settings),
        check(&schema, &settings).as_slice()
    );
    assert_eq!(checker.last_rechecked(), schema.tables.len());
    // Nothing changed: nothing re-checked.
    checker.check(&schema, &settings);
    assert_eq!(checker.last_rechecked(), 0);
    // Moving a card is not a change the rules see.
    schema.tables[0].position.x += 50.0;
    checker.check(&schema, &settings);
    assert_eq!(checker.last_rechecked(), 0);
    // A column edit re-checks its table and neighbours only, with the same result as a full run.
    let table = schema
        .tables
        .iter()
        .position(|t| !t.foreign_keys.is_empty())
        .unwrap();
    schema.tables[table].columns.last_mut().unwrap().nullable ^= true;
    let incremental = checker.check(&schema, &settings).to_vec();
    assert!(
        checker.last_rechecked() < schema.tables.len(),
        "{}",
        checker.last_rechecked()
    );
    assert_eq!(incremental, check(&schema, &settings));
    // Renaming a column and removing a table.
    schema.tables[table].columns[0].name.push_str("_renamed");
    assert_eq!(
        checker.check(&schema, &settings).to_vec(),
        check(&schema, &settings)
    );
    let removed = schema.tables.remove(0).id;
    for t in &mut schema.tables {
        t.foreign_keys.retain(|fk| fk.references != removed);
    }
    assert_eq!(
        checker.check(&schema, &settings).to_vec(),
        check(&schema, &settings)
    );
}

#[test]
fn rule_levels_and_suppressions() {
    let schema = sample();
    let all = check(&schema, &schema.checks);
    let first = all.iter().find(|f| f.is_active()).unwrap().clone();
    let mut settings = schema.checks.clone();
    settings.rules.insert(first.code.into(), RuleLevel::Off);
    assert!(
        check(&schema, &settings)
            .iter()
            .all(|f| f.code != first.code)
    );
    settings
        .rules
        .insert(first.code.into(), RuleLevel::At(Severity::Error));
    assert!(
        check(&schema, &settings)
            .iter()
            .filter(|f| f.code == first.code)
            .all(|f| f.severity == Severity::Error)
    );
    let mut settings = schema.checks.clone();
    settings.suppressions.push(Suppression {
        code: first.code.into(),
        target: first.target.clone(),
        reason: "accepted in the design review".into(),
    });
    let after = check(&schema, &settings);
    let same = after
        .iter()
        .find(|f| f.code == first.code && f.target == first.target)
        .unwrap();
    assert_eq!(
        same.suppressed.as_deref(),
        Some("accepted in the design review")
    );
}
