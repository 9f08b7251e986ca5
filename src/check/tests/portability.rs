//! Dialect portability (DL501–DL503): silent without targets, specific with them.

use super::*;
use crate::model::IndexMethod;

fn model() -> Schema {
    build(|b| {
        b.table("docs", (0.0, 0.0), |t| {
            t.column("id", "uuid").pk();
            t.column("title", "varchar");
            t.column("tags", "text[]");
            t.column("body", "jsonb");
            t.column("size", "int");
            t.partial_index(&["size"], false, "size > 0");
            t.index_using(IndexMethod::Gin, &["body"]);
        });
    })
}

#[test]
fn no_targets_no_portability_findings() {
    let s = model();
    let f = run(&s);
    assert!(f.iter().all(|f| !f.code.starts_with("DL")), "{f:#?}");
}

#[test]
fn postgres_alone_has_everything() {
    let s = model();
    let f = run_for(&s, &[Dialect::Postgres]);
    assert!(f.iter().all(|f| !f.code.starts_with("DL")), "{f:#?}");
}

#[test]
fn dl501_varchar_without_length() {
    let s = model();
    let f = run_for(&s, &[Dialect::MsSql]);
    assert_hits(&s, &f, "DL501", &["docs.title"]);
    let f = run_for(&s, &[Dialect::Sqlite]);
    assert_hits(&s, &f, "DL501", &[]);
}

#[test]
fn dl502_types_the_target_lacks() {
    let s = model();
    let f = run_for(&s, &[Dialect::MySql]);
    assert_hits(&s, &f, "DL502", &["docs.id", "docs.tags", "docs.body"]);
    let f = run_for(&s, &[Dialect::Sqlite]);
    assert_hits(&s, &f, "DL502", &["docs.tags"]);
}

#[test]
fn dl503_index_features_the_target_lacks() {
    let s = model();
    let f = run_for(&s, &[Dialect::MySql]);
    assert_hits(
        &s,
        &f,
        "DL503",
        &["docs index docs_size_idx", "docs index docs_body_idx"],
    );
    let f = run_for(&s, &[Dialect::Sqlite]);
    assert_hits(&s, &f, "DL503", &["docs index docs_body_idx"]);
}
