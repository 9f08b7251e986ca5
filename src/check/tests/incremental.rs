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

/// Findings in one order, whoever produced them.
fn canonical(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by_key(|f| (f.code, f.target.clone(), f.message.clone()));
    findings
}

fn sorted(checker: &Checker) -> Vec<Finding> {
    canonical(checker.findings().cloned().collect())
}

#[test]
fn incremental_results_equal_a_full_check_after_edits() {
    let mut schema = sample();
    let settings = schema.check_settings.clone();
    let mut checker = Checker::default();
    checker.check(&schema, &settings);
    assert_eq!(sorted(&checker), canonical(check(&schema, &settings)));
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
    checker.check(&schema, &settings);
    let incremental = sorted(&checker);
    assert!(
        checker.last_rechecked() < schema.tables.len(),
        "{}",
        checker.last_rechecked()
    );
    assert_eq!(incremental, canonical(check(&schema, &settings)));
    // Renaming a column and removing a table.
    schema.tables[table].columns[0].name.push_str("_renamed");
    checker.check(&schema, &settings);
    assert_eq!(sorted(&checker), canonical(check(&schema, &settings)));
    let removed = schema.tables.remove(0).id;
    for t in &mut schema.tables {
        t.foreign_keys.retain(|fk| fk.references != removed);
    }
    checker.check(&schema, &settings);
    assert_eq!(sorted(&checker), canonical(check(&schema, &settings)));
}

#[test]
fn rule_levels_and_suppressions() {
    let schema = sample();
    let all = check(&schema, &schema.check_settings);
    let first = all.iter().find(|f| f.is_active()).unwrap().clone();
    let mut settings = schema.check_settings.clone();
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
    let mut settings = schema.check_settings.clone();
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

#[test]
fn checking_only_the_tables_an_edit_touched_gives_the_full_result() {
    use crate::check::tables_touched;
    use crate::model::{DataType, Edit, IndexKey};
    let mut schema = sample();
    let settings = schema.check_settings.clone();
    let mut checker = Checker::default();
    checker.check(&schema, &settings);
    let products = schema.table_named(None, "tbl_products").unwrap().clone();
    let mut retyped = products.columns[3].clone();
    retyped.data_type = DataType::Numeric {
        precision: Some(12),
        scale: Some(2),
    };
    let index = crate::model::Index {
        id: schema.ids.allocate(),
        name: Some("tbl_products_supplier_idx".into()),
        unique: false,
        method: Default::default(),
        keys: vec![IndexKey::column(products.columns[5].id)],
        include: Vec::new(),
        predicate: None,
        comment: String::new(),
        mysql_since: None,
    };
    let edits = vec![
        Edit::SetColumn { column: retyped },
        Edit::AddIndex {
            table: products.id,
            index_def: index,
            index: 0,
        },
        Edit::RemoveColumn {
            column: products.columns[6].id,
        },
        Edit::RemoveTable {
            table: schema.tables.last().unwrap().id,
        },
    ];
    for edit in edits {
        let inverse = edit.apply(&mut schema).unwrap();
        let touched = tables_touched(&inverse, &schema);
        checker.check_touched(&schema, &settings, touched.as_deref());
        assert_eq!(
            sorted(&checker),
            canonical(check(&schema, &settings)),
            "after {}",
            inverse.label()
        );
        // And back.
        let redo = inverse.apply(&mut schema).unwrap();
        let touched = tables_touched(&redo, &schema);
        checker.check_touched(&schema, &settings, touched.as_deref());
        assert_eq!(sorted(&checker), canonical(check(&schema, &settings)));
        // Forward again, and let the next step start from an exact cache.
        redo.apply(&mut schema).unwrap();
        checker.check(&schema, &settings);
    }
}
