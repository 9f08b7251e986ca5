//! NF105–NF110 and NF119 on physical tables: keys from PK and NOT NULL uniques, soft and
//! invalid declarations, and the extract-table quick fix.

use super::*;
use crate::check::{NormalForm, table_verdict};
use crate::model::{ColumnId, FdId, FunctionalDependency};

fn employees(define: impl FnOnce(&mut crate::model::TableBuilder<'_>)) -> Schema {
    build(|b| {
        b.table("employees", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("name", "text").not_null();
            t.column("dept_id", "int").not_null();
            t.column("dept_name", "text");
            define(t);
        })
    })
}

#[test]
fn a_table_with_only_keys_has_no_findings_and_says_why_it_is_bcnf() {
    let s = employees(|_| {});
    let f = run(&s);
    assert!(
        f.iter()
            .all(|f| !["NF105", "NF106", "NF107", "NF108", "NF119"].contains(&f.code))
    );
    let verdict = table_verdict(&s.tables[0]);
    assert_eq!(verdict.form, NormalForm::BoyceCodd);
    assert!(verdict.basis.contains("keys only"));
}

#[test]
fn nf106_transitive_dependency_and_the_extract_table_fix() {
    let s = employees(|t| {
        t.dependency(&["dept_id"], &["dept_name"], "");
    });
    let f = run(&s);
    assert_hits(&s, &f, "NF106", &["employees.(dept_id, dept_name)"]);
    assert_eq!(table_verdict(&s.tables[0]).form, NormalForm::Second);
    let s = apply_fix(&s, &f, "NF106");
    let depts = s.table_named(None, "depts").expect("the extracted table");
    assert_eq!(
        depts
            .columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["dept_id", "dept_name"]
    );
    let employees = s.table_named(None, "employees").unwrap();
    assert!(employees.column_named("dept_name").is_none());
    assert_eq!(employees.foreign_keys.len(), 1);
    let after = run(&s);
    assert_hits(&s, &after, "NF106", &[]);
}

#[test]
fn soft_dependencies_stay_out_of_verdicts() {
    let mut s = employees(|t| {
        t.dependency(&["dept_id"], &["dept_name"], "");
    });
    s.tables[0].dependencies[0].soft = true;
    assert_hits(&s, &run(&s), "NF106", &[]);
}

#[test]
fn nf105_partial_dependency_on_a_composite_key() {
    let s = build(|b| {
        b.table("enrolments", (0.0, 0.0), |t| {
            t.column("student_id", "int").pk();
            t.column("course_id", "int").pk();
            t.column("grade", "text");
            t.column("course_title", "text");
            t.dependency(&["course_id"], &["course_title"], "");
        })
    });
    let f = run(&s);
    assert_hits(&s, &f, "NF105", &["enrolments.(course_id, course_title)"]);
    assert!(message(&f, "NF105").contains("only part of the key (student_id, course_id)"));
}

#[test]
fn nf105_not_with_a_single_column_key() {
    let s = employees(|t| {
        t.dependency(&["id"], &["dept_name"], "");
    });
    assert_hits(&s, &run(&s), "NF105", &[]);
}

#[test]
fn nf107_bcnf_violation_with_a_prime_dependent() {
    let s = build(|b| {
        b.table("teaching", (0.0, 0.0), |t| {
            t.column("student", "text").pk();
            t.column("course", "text").pk();
            t.column("instructor", "text").not_null();
            t.unique(&["student", "instructor"]);
            t.dependency(&["instructor"], &["course"], "");
        })
    });
    let f = run(&s);
    assert_hits(&s, &f, "NF107", &["teaching.(course, instructor)"]);
    assert_hits(&s, &f, "NF106", &[]);
}

#[test]
fn nf108_a_key_implied_by_dependencies_but_not_enforced() {
    let s = employees(|t| {
        t.column("email", "text").not_null();
        t.dependency(&["email"], &["id"], "");
    });
    let f = run(&s);
    assert_hits(&s, &f, "NF108", &["employees.email"]);
    apply_fix(&s, &f, "NF108");
}

#[test]
fn a_unique_over_a_nullable_column_is_not_a_key_for_the_analysis() {
    let s = employees(|t| {
        t.column("badge", "text").unique();
        t.dependency(&["dept_id"], &["dept_name"], "");
    });
    let verdict = table_verdict(&s.tables[0]);
    assert_eq!(
        verdict.keys.len(),
        1,
        "only the primary key: {:?}",
        verdict.keys
    );
}

#[test]
fn nf110_invalid_and_trivial_declarations() {
    let mut s = employees(|t| {
        t.dependency(&["dept_id", "dept_name"], &["dept_name"], "");
    });
    let name_id = s.tables[0].columns[1].id;
    s.tables[0].dependencies.push(FunctionalDependency {
        id: FdId(9999),
        lhs: vec![ColumnId(8888)],
        rhs: vec![name_id],
        soft: false,
        comment: String::new(),
    });
    s.tables[0].dependencies.push(FunctionalDependency {
        id: FdId(9998),
        lhs: Vec::new(),
        rhs: vec![name_id],
        soft: false,
        comment: String::new(),
    });
    let f = run(&s);
    let nf110: Vec<&Finding> = f.iter().filter(|f| f.code == "NF110").collect();
    assert_eq!(nf110.len(), 3, "{nf110:#?}");
    assert!(
        nf110
            .iter()
            .any(|f| f.message.contains("trivial") && f.severity == crate::model::Severity::Info)
    );
    assert!(
        nf110.iter().any(|f| f.message.contains("not in the table")
            && f.severity == crate::model::Severity::Error)
    );
    let clean = employees(|t| {
        t.dependency(&["dept_id"], &["dept_name"], "");
    });
    assert_hits(&clean, &run(&clean), "NF110", &[]);
}
