//! The catalog's textbook cases (§4.6): candidate keys, highest normal form, violations.

use super::*;
use crate::check::{NormalForm, table_verdict};

/// R(attrs) with the FDs given as `"AB->E"`, no declared key.
fn relation(attrs: &[&str], fds: &[&str]) -> Schema {
    build(|b| {
        b.table("r", (0.0, 0.0), |t| {
            for a in attrs {
                t.column(a, "text");
            }
            for fd in fds {
                let (lhs, rhs) = fd.split_once("->").unwrap();
                let split = |s: &str| -> Vec<String> {
                    if attrs.iter().any(|a| a.len() > 1) {
                        s.split(',').map(str::to_string).collect()
                    } else {
                        s.chars().map(|c| c.to_string()).collect()
                    }
                };
                let (l, r) = (split(lhs), split(rhs));
                let l: Vec<&str> = l.iter().map(String::as_str).collect();
                let r: Vec<&str> = r.iter().map(String::as_str).collect();
                t.dependency(&l, &r, "");
            }
        });
    })
}

fn keys(schema: &Schema) -> Vec<String> {
    let table = &schema.tables[0];
    let verdict = table_verdict(table);
    let mut keys: Vec<String> = verdict
        .keys
        .iter()
        .map(|k| {
            k.iter()
                .map(|id| table.column(*id).unwrap().name.clone())
                .collect::<Vec<_>>()
                .join("")
        })
        .collect();
    keys.sort();
    keys
}

fn form(schema: &Schema) -> NormalForm {
    table_verdict(&schema.tables[0]).form
}

fn codes(schema: &Schema) -> Vec<&'static str> {
    let mut c: Vec<&str> = run(schema)
        .iter()
        .filter(|f| f.code.starts_with("NF1") && f.code != "NF108")
        .map(|f| f.code)
        .collect();
    c.sort();
    c.dedup();
    c
}

#[test]
fn t1_three_keys_third_normal_form() {
    let s = relation(
        &["A", "B", "C", "D", "E"],
        &["AB->E", "AD->B", "B->C", "C->D"],
    );
    assert_eq!(keys(&s), ["AB", "AC", "AD"]);
    assert_eq!(form(&s), NormalForm::Third);
    assert_eq!(codes(&s), ["NF107"]);
}

#[test]
fn t2_emp_proj_first_normal_form() {
    let s = relation(
        &["ssn", "pnumber", "hours", "ename", "pname", "plocation"],
        &[
            "ssn,pnumber->hours",
            "ssn->ename",
            "pnumber->pname,plocation",
        ],
    );
    assert_eq!(keys(&s), ["ssnpnumber"]);
    assert_eq!(form(&s), NormalForm::First);
    let f = run(&s);
    assert_hits(
        &s,
        &f,
        "NF105",
        &["r.(ssn, ename)", "r.(pnumber, pname, plocation)"],
    );
}

#[test]
fn t3_emp_dept_second_normal_form() {
    let s = relation(
        &[
            "ename", "ssn", "bdate", "address", "dnumber", "dname", "dmgr_ssn",
        ],
        &[
            "ssn->ename,bdate,address,dnumber",
            "dnumber->dname,dmgr_ssn",
        ],
    );
    assert_eq!(keys(&s), ["ssn"]);
    assert_eq!(form(&s), NormalForm::Second);
    let f = run(&s);
    assert_hits(&s, &f, "NF106", &["r.(dnumber, dname, dmgr_ssn)"]);
    assert_hits(&s, &f, "NF105", &[]);
}

#[test]
fn t4_teach_third_but_not_bcnf() {
    let s = relation(&["S", "C", "I"], &["SC->I", "I->C"]);
    assert_eq!(keys(&s), ["SC", "SI"]);
    assert_eq!(form(&s), NormalForm::Third);
    assert_eq!(codes(&s), ["NF107"]);
}

#[test]
fn t5_two_keys_first_normal_form() {
    let s = relation(&["A", "B", "C", "D"], &["C->AD", "AB->C"]);
    assert_eq!(keys(&s), ["AB", "BC"]);
    assert_eq!(form(&s), NormalForm::First);
    let f = run(&s);
    assert_hits(&s, &f, "NF105", &["r.(C, D)"]);
}

#[test]
fn t6_canonical_cover_second_normal_form() {
    let s = relation(&["A", "B", "C"], &["A->BC", "B->C", "A->B", "AB->C"]);
    assert_eq!(keys(&s), ["A"]);
    assert_eq!(form(&s), NormalForm::Second);
    let f = run(&s);
    assert_hits(&s, &f, "NF106", &["r.(B, C)"]);
}

#[test]
fn t7_partial_and_transitive() {
    let s = relation(&["A", "B", "C", "D", "E"], &["CE->D", "D->B", "C->A"]);
    assert_eq!(keys(&s), ["CE"]);
    assert_eq!(form(&s), NormalForm::First);
    let f = run(&s);
    assert_hits(&s, &f, "NF105", &["r.(A, C)"]);
    assert_hits(&s, &f, "NF106", &["r.(B, D)"]);
}

#[test]
fn t8_no_dependencies_is_bcnf_by_its_keys_only() {
    let s = relation(&["A", "B", "C"], &[]);
    let verdict = table_verdict(&s.tables[0]);
    assert_eq!(verdict.form, NormalForm::BoyceCodd);
    assert!(verdict.basis.contains("keys only"), "{}", verdict.basis);
}

#[test]
fn t9_sixteen_keys_all_prime_third_normal_form() {
    let s = relation(
        &["a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"],
        &[
            "a1->b1", "b1->a1", "a2->b2", "b2->a2", "a3->b3", "b3->a3", "a4->b4", "b4->a4",
        ],
    );
    assert_eq!(keys(&s).len(), 16);
    assert_eq!(form(&s), NormalForm::Third);
}

#[test]
fn t9_with_ten_pairs_trips_the_cap_and_still_says_not_bcnf() {
    let attrs: Vec<String> = (1..=10)
        .flat_map(|i| [format!("a{i}"), format!("b{i}")])
        .collect();
    let fds: Vec<String> = (1..=10)
        .flat_map(|i| [format!("a{i},x->b{i},x"), format!("b{i},x->a{i},x")])
        .collect();
    let mut attrs: Vec<&str> = attrs.iter().map(String::as_str).collect();
    attrs.push("x");
    let fds: Vec<&str> = fds.iter().map(String::as_str).collect();
    let s = relation(&attrs, &fds);
    let verdict = table_verdict(&s.tables[0]);
    assert!(verdict.inconclusive);
    assert_eq!(
        verdict.form,
        NormalForm::First,
        "BCNF fails without needing the keys"
    );
    let f = run(&s);
    assert_hits(&s, &f, "NF119", &["r"]);
    assert_hits(&s, &f, "NF105", &[]);
}
