//! Index coverage and hygiene (IX201–IX204, IX206, IX209), including the catalog's table of
//! redundancy verdicts.

use super::*;
use crate::model::{IndexMethod, ReferentialAction};

fn orders(define: impl FnOnce(&mut crate::model::TableBuilder<'_>)) -> Schema {
    build(|b| {
        b.table("customers", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("region", "text").not_null();
            t.unique(&["id", "region"]);
        });
        b.table("orders", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("customer_id", "int").not_null();
            t.column("region", "text").not_null();
            t.column("a", "int");
            t.column("b", "int");
            t.column("c", "int");
            t.column("tags", "text[]");
            define(t);
        });
    })
}

#[test]
fn ix201_foreign_key_without_an_index() {
    let s = orders(|t| {
        t.foreign_key(
            &["customer_id"],
            "customers",
            &["id"],
            ReferentialAction::Cascade,
        );
    });
    let f = run(&s);
    assert_hits(&s, &f, "IX201", &["orders.customer_id"]);
    assert!(message(&f, "IX201").contains("cascades"));
    // The quick fix creates the index and the finding goes away.
    apply_fix(&s, &f, "IX201");
}

fn composite_fk(t: &mut crate::model::TableBuilder<'_>) {
    t.foreign_key(
        &["customer_id", "region"],
        "customers",
        &["id", "region"],
        ReferentialAction::NoAction,
    );
}

#[test]
fn ix201_order_of_the_leading_columns_does_not_matter() {
    let s = orders(|t| {
        composite_fk(t);
        t.index(&["region", "customer_id", "a"]);
    });
    assert_hits(&s, &run(&s), "IX201", &[]);
}

#[test]
fn ix201_a_partial_prefix_is_info() {
    let s = orders(|t| {
        composite_fk(t);
        t.index(&["customer_id", "a"]);
    });
    let f = run(&s);
    assert_hits(&s, &f, "IX201", &["orders.(customer_id, region)"]);
    assert_eq!(
        f.iter().find(|f| f.code == "IX201").unwrap().severity,
        crate::model::Severity::Info
    );
}

#[test]
fn ix201_mysql_creates_the_index_itself() {
    let mut s = orders(|t| {
        t.foreign_key(
            &["customer_id"],
            "customers",
            &["id"],
            ReferentialAction::NoAction,
        );
    });
    s.check_settings.dialects = vec![Dialect::MySql];
    assert_hits(&s, &run(&s), "IX201", &[]);
}

#[test]
fn ix202_duplicate_and_ix203_prefix() {
    let s = orders(|t| {
        t.index(&["a"]);
        t.index(&["a", "b"]);
        t.index(&["b", "c"]);
        t.index(&["b", "c"]);
    });
    let f = run(&s);
    assert_hits(&s, &f, "IX202", &["orders.(b, c) index orders_b_c_idx2"]);
    assert_hits(&s, &f, "IX203", &["orders.a index orders_a_idx"]);
}

#[test]
fn redundancy_table_of_the_catalog() {
    // (b,a) vs (a,b); UNIQUE(a) vs (a,b); partial (a) vs (a,b); hash (a) vs (a,b);
    // lower(a) vs (a): none of them is redundant.
    let s = orders(|t| {
        t.index(&["a", "b"]);
        t.index(&["b", "a"]);
        t.unique_index(&["a"]);
        t.partial_index(&["a"], false, "c > 0");
        t.index_using(IndexMethod::Hash, &["a"]);
        t.index(&["lower(region)"]);
        t.index(&["region"]);
    });
    let f = run(&s);
    assert_hits(&s, &f, "IX202", &[]);
    assert_hits(&s, &f, "IX203", &[]);
    // (a DESC) is still a prefix of (a, b): one key, direction irrelevant.
    let s = orders(|t| {
        t.index(&["a desc"]);
        t.index(&["a", "b"]);
    });
    assert_hits(&s, &run(&s), "IX203", &["orders.a index orders_a_idx"]);
    // (a ASC, b DESC) is not a prefix of (a ASC, b ASC, c).
    let s = orders(|t| {
        t.index(&["a", "b desc"]);
        t.index(&["a", "b", "c"]);
    });
    assert_hits(&s, &run(&s), "IX203", &[]);
}

#[test]
fn ix204_repeats_of_the_primary_key() {
    let s = orders(|t| {
        t.index(&["id"]);
        t.unique(&["id"]);
        t.index(&["id", "a"]);
    });
    let f = run(&s);
    assert_hits(
        &s,
        &f,
        "IX204",
        &["orders.id index orders_id_idx", "orders.id"],
    );
}

#[test]
fn ix206_table_without_any_index() {
    let s = build(|b| {
        b.table("events", (0.0, 0.0), |t| {
            t.column("at", "timestamptz");
            t.column("what", "text");
        });
        b.table("logs", (0.0, 0.0), |t| {
            t.column("at", "timestamptz");
            t.index(&["at"]);
        });
    });
    assert_hits(&s, &run(&s), "IX206", &["events"]);
}

#[test]
fn ix209_btree_over_an_array() {
    let s = orders(|t| {
        t.index(&["tags"]);
        t.index_using(IndexMethod::Gin, &["tags"]);
    });
    assert_hits(
        &s,
        &run(&s),
        "IX209",
        &["orders.tags index orders_tags_idx"],
    );
}

#[test]
fn ix204_a_reordered_index_is_another_access_path() {
    // Odoo's many-to-many tables: PRIMARY KEY (a, b) and an index on (b, a) for lookups by b.
    let s = build(|b| {
        b.table("rel", (0.0, 0.0), |t| {
            t.column("a", "int").pk();
            t.column("b", "int").pk();
            t.index(&["b", "a"]);
            t.unique_index(&["b", "a"]);
        });
    });
    assert_hits(&s, &run(&s), "IX204", &[]);
    let s = build(|b| {
        b.table("rel", (0.0, 0.0), |t| {
            t.column("a", "int").pk();
            t.column("b", "int").pk();
            t.unique(&["b", "a"]);
        });
    });
    assert_hits(&s, &run(&s), "IX204", &["rel.(b, a)"]);
}
