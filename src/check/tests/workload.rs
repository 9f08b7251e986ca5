//! The catalog's worked example (§3.7): static index findings and the nine query verdicts.

use super::*;
use crate::model::{IndexTarget, SortOrder};

/// customers, orders, order_items, products with indexes I1–I6, plus `queries`.
fn worked_example(queries: &[(&str, &str)]) -> Schema {
    build(|b| {
        b.table("customers", (0.0, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("email", "text").not_null();
            t.column("name", "text");
            t.index(&["email"]);
        });
        b.table("orders", (0.0, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("customer_id", "bigint")
                .not_null()
                .references("customers", "id");
            t.column("status", "text").not_null();
            t.column("created_at", "timestamptz").not_null();
            t.column("total", "numeric(12,2)");
            t.column("deleted_at", "timestamptz");
            t.index(&["customer_id"]);
            t.index(&["customer_id", "created_at"]);
            t.index(&["customer_id", "created_at"]);
            t.partial_index(&["status"], false, "deleted_at IS NULL");
        });
        b.table("products", (0.0, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("name", "text").not_null();
            t.column("price", "numeric(12,2)");
        });
        b.table("order_items", (0.0, 0.0), |t| {
            t.column("order_id", "bigint")
                .pk()
                .references("orders", "id");
            t.column("product_id", "bigint")
                .pk()
                .references("products", "id");
            t.column("qty", "int");
            t.column("unit_price", "numeric(12,2)");
            t.column("product_name", "text");
        });
        for (name, sql) in queries {
            b.query(name, sql, "");
        }
    })
}

#[test]
fn static_findings_of_the_worked_example() {
    let schema = worked_example(&[]);
    let f = run(&schema);
    assert_hits(
        &schema,
        &f,
        "IX202",
        &["orders.(customer_id, created_at) index orders_customer_id_created_at_idx2"],
    );
    assert_hits(
        &schema,
        &f,
        "IX203",
        &["orders.customer_id index orders_customer_id_idx"],
    );
    // order_id leads the primary key; product_id is its second column.
    assert_hits(&schema, &f, "IX201", &["order_items.product_id"]);
    assert_hits(&schema, &f, "NF111", &["order_items.product_name"]);
    assert!(message(&f, "NF111").contains("products.name"));
    assert_hits(&schema, &f, "NF114", &[]);
}

fn verdicts(sql: &str) -> (Schema, Vec<Finding>) {
    let schema = worked_example(&[("q", sql)]);
    let findings = run(&schema)
        .into_iter()
        .filter(|f| f.target.query.is_some())
        .collect();
    (schema, findings)
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code).collect()
}

fn suggested(schema: &Schema, finding: &Finding) -> Vec<String> {
    let Some(super::super::Fix::CreateIndex { table, keys }) = &finding.fix else {
        panic!("no index suggested: {finding:?}");
    };
    let table = schema.table(*table).unwrap();
    keys.iter()
        .map(|k| {
            let name = match &k.target {
                IndexTarget::Column(c) => table.column(*c).unwrap().name.clone(),
                IndexTarget::Expression(e) => e.clone(),
            };
            if k.order == SortOrder::Desc {
                format!("{name} desc")
            } else {
                name
            }
        })
        .collect()
}

#[test]
fn q1_equality_then_backward_scan_for_the_order_is_served() {
    let (_, f) =
        verdicts("SELECT * FROM orders WHERE customer_id=$1 ORDER BY created_at DESC LIMIT 20");
    assert_eq!(codes(&f), Vec::<&str>::new());
}

#[test]
fn q2_a_range_on_a_second_key_column_is_not_served() {
    let (schema, f) = verdicts("SELECT * FROM orders WHERE created_at >= $1 AND created_at < $2");
    assert_eq!(codes(&f), ["IX213"]);
    assert_eq!(suggested(&schema, &f[0]), ["created_at"]);
}

#[test]
fn q3_partial_index_applies_when_its_predicate_is_in_the_query() {
    let (_, f) = verdicts("SELECT * FROM orders WHERE status='open' AND deleted_at IS NULL");
    assert_eq!(codes(&f), Vec::<&str>::new());
}

#[test]
fn q4_partial_index_does_not_apply_without_its_predicate() {
    let (schema, f) = verdicts("SELECT * FROM orders WHERE status='open'");
    assert_eq!(codes(&f), ["IX213"]);
    assert_eq!(suggested(&schema, &f[0]), ["status"]);
}

#[test]
fn q5_equality_plus_range_is_served() {
    let (_, f) =
        verdicts("SELECT id, created_at FROM orders WHERE customer_id=$1 AND created_at > $2");
    assert_eq!(codes(&f), Vec::<&str>::new());
}

#[test]
fn q6_a_function_on_the_column_needs_an_expression_index() {
    let (schema, f) = verdicts("SELECT * FROM customers WHERE lower(email)=lower($1)");
    assert_eq!(codes(&f), ["IX216"]);
    assert_eq!(suggested(&schema, &f[0]), ["lower(email)"]);
    // With the expression index, it is served.
    let mut schema = schema;
    let customers = schema
        .tables
        .iter_mut()
        .find(|t| t.name == "customers")
        .unwrap();
    customers.indexes[0].keys[0].target = IndexTarget::Expression("LOWER(email)".into());
    assert!(run(&schema).iter().all(|f| f.target.query.is_none()));
}

#[test]
fn q7_filter_and_order_served_by_the_leading_equality() {
    let (_, f) =
        verdicts("SELECT * FROM orders WHERE customer_id=$1 AND status='paid' ORDER BY created_at");
    assert_eq!(codes(&f), Vec::<&str>::new());
}

#[test]
fn q8_an_in_list_does_not_keep_the_order() {
    let (schema, f) =
        verdicts("SELECT * FROM orders WHERE customer_id IN (1,2,3) ORDER BY created_at LIMIT 10");
    assert_eq!(codes(&f), ["IX214"]);
    assert_eq!(f[0].severity, crate::model::Severity::Warning, "with LIMIT");
    assert!(f[0].message.contains("IN list"));
    let _ = schema;
}

#[test]
fn q9_mixed_directions_need_a_matching_index() {
    let (schema, f) = verdicts("SELECT * FROM orders ORDER BY customer_id ASC, created_at DESC");
    assert_eq!(codes(&f), ["IX214"]);
    assert_eq!(f[0].severity, crate::model::Severity::Info, "no LIMIT");
    assert_eq!(
        suggested(&schema, &f[0]),
        ["customer_id", "created_at desc"]
    );
}

#[test]
fn joins_use_the_join_columns_and_unreadable_queries_are_skipped() {
    let (_, f) = verdicts(
        "SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = $1",
    );
    assert_eq!(codes(&f), Vec::<&str>::new());
    let (_, f) = verdicts("SELEC nonsense");
    assert!(f.is_empty());
}
