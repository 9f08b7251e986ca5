//! Naming: length, collisions, reserved words, quoting, convention, duplicates (NM401–NM409).

use super::*;
use crate::model::{Inflection, NameCase};

#[test]
fn nm401_too_long_for_postgres_bytes_and_mysql_generated_names() {
    let long = "a".repeat(64);
    let s = build(|b| {
        b.table("t", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column(&long, "int");
            t.column(&"é".repeat(40), "int"); // 40 characters, 80 bytes
        });
    });
    let f = run_for(&s, &[Dialect::Postgres]);
    assert_hits(
        &s,
        &f,
        "NM401",
        &[&format!("t.{long}"), &format!("t.{}", "é".repeat(40))],
    );
    let f = run_for(&s, &[Dialect::MsSql]);
    assert_hits(&s, &f, "NM401", &[]);
    // MySQL names an unnamed foreign key `<table>_ibfk_<n>`, which must fit 64 characters too.
    let table = "x".repeat(60);
    let s = build(|b| {
        b.table("p", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
        });
        b.table(&table, (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("p_id", "int").references("p", "id");
            t.index(&["p_id"]);
        });
    });
    let f = run_for(&s, &[Dialect::MySql]);
    let messages: Vec<&str> = f
        .iter()
        .filter(|f| f.code == "NM401")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        messages.len(),
        2,
        "the generated FK name and the index: {messages:#?}"
    );
    assert!(messages.iter().any(|m| m.contains("_ibfk_1")));
}

#[test]
fn nm402_collision_after_truncation_or_case_folding() {
    let base = "b".repeat(63);
    let s = build(|b| {
        b.table("t", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column(&format!("{base}_one"), "int");
            t.column(&format!("{base}_two"), "int");
        });
        b.table("Users", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
        });
        b.table("users", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
        });
    });
    let f = run_for(&s, &[Dialect::Postgres]);
    assert_eq!(
        hits(&s, &f, "NM402").len(),
        1,
        "PostgreSQL truncates; it keeps the case of quoted names"
    );
    let f = run_for(&s, &[Dialect::MySql]);
    assert_hits(&s, &f, "NM402", &["users"]);
    let clean = build(|b| {
        b.table("users", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
        });
    });
    assert_hits(&clean, &run(&clean), "NM402", &[]);
}

#[test]
fn nm403_reserved_words_per_dialect() {
    let s = build(|b| {
        b.table("order", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("group", "text");
            t.column("title", "text");
        });
    });
    let f = run_for(&s, &[Dialect::Postgres]);
    assert_hits(&s, &f, "NM403", &["order", "order.group"]);
}

#[test]
fn nm404_names_that_need_quotes() {
    let s = build(|b| {
        b.table("line items", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("1st", "text");
            t.column("UnitPrice", "numeric(10,2)");
            t.column("unit_price", "numeric(10,2)");
        });
    });
    let f = run_for(&s, &[Dialect::Postgres]);
    assert_hits(
        &s,
        &f,
        "NM404",
        &["line items", "line items.1st", "line items.UnitPrice"],
    );
    let f = run_for(&s, &[Dialect::MySql]);
    assert_hits(&s, &f, "NM404", &["line items", "line items.1st"]);
}

#[test]
fn nm405_case_inflection_and_index_prefix() {
    let mut s = build(|b| {
        b.table("customers", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("first_name", "text");
            t.column("lastName", "text");
            t.index(&["first_name"]);
        });
        b.table("invoice", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
        });
    });
    let f = run(&s);
    assert_hits(&s, &f, "NM405", &["customers.lastName"]);
    s.check_settings.naming.case = NameCase::Any;
    s.check_settings.naming.tables = Inflection::Plural;
    s.check_settings.naming.index_prefix = "idx_".into();
    let f = run(&s);
    assert_hits(
        &s,
        &f,
        "NM405",
        &["invoice", "customers index customers_first_name_idx"],
    );
}

#[test]
fn nm409_duplicate_names_in_a_namespace() {
    let mut s = build(|b| {
        b.table("orders", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("a", "int");
            t.index(&["a"]);
        });
        b.table("items", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("a", "int");
            t.index(&["a"]);
        });
    });
    assert_hits(&s, &run(&s), "NM409", &[]);
    // Index names share the schema's namespace with tables (PostgreSQL).
    s.tables[1].indexes[0].name = Some("orders_a_idx".into());
    assert_hits(&s, &run(&s), "NM409", &["items index orders_a_idx"]);
    // MySQL and SQL Server keep them per table: two tables may each have an `orders_a_idx`
    // (sakila does), one table may not have two.
    for dialect in [Dialect::MySql, Dialect::MsSql] {
        assert_hits(&s, &run_for(&s, &[dialect]), "NM409", &[]);
    }
    assert_hits(
        &s,
        &run_for(&s, &[Dialect::MySql, Dialect::Postgres]),
        "NM409",
        &["items index orders_a_idx"],
    );
    let mut twin = s.tables[1].indexes[0].clone();
    twin.id = s.ids.allocate();
    s.tables[1].indexes.push(twin);
    assert_hits(
        &s,
        &run_for(&s, &[Dialect::MySql]),
        "NM409",
        &["items index orders_a_idx"],
    );
}
