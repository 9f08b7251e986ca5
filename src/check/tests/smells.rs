//! First-normal-form smells and heuristic candidate dependencies.

use super::*;

fn one_table(define: impl FnOnce(&mut crate::model::TableBuilder<'_>)) -> Schema {
    build(|b| b.table("contacts", (0.0, 0.0), define))
}

#[test]
fn nf101_numbered_columns_form_a_group() {
    let s = one_table(|t| {
        t.column("id", "int").pk();
        t.column("phone1", "text");
        t.column("phone2", "text");
        t.column("phone_3", "text");
    });
    let f = run(&s);
    assert_hits(&s, &f, "NF101", &["contacts.(phone1, phone2, phone_3)"]);
    assert_eq!(
        f.iter().find(|f| f.code == "NF101").unwrap().severity,
        crate::model::Severity::Warning
    );
}

#[test]
fn nf101_single_numbered_names_and_allowed_bases_are_quiet_or_info() {
    let s = one_table(|t| {
        t.column("id", "int").pk();
        t.column("ipv4", "text");
        t.column("sha256", "text");
        t.column("address_line1", "text");
        t.column("address_line2", "text");
    });
    let f = run(&s);
    assert_hits(
        &s,
        &f,
        "NF101",
        &["contacts.(address_line1, address_line2)"],
    );
    assert_eq!(
        f.iter().find(|f| f.code == "NF101").unwrap().severity,
        crate::model::Severity::Info
    );
}

#[test]
fn nf102_arrays_and_json_hold_many_values() {
    let s = one_table(|t| {
        t.column("id", "int").pk();
        t.column("tag_ids", "int[]");
        t.column("payload", "jsonb");
        t.column("name", "text");
    });
    let f = run(&s);
    assert_hits(&s, &f, "NF102", &["contacts.tag_ids", "contacts.payload"]);
    let ids = f
        .iter()
        .find(|f| f.code == "NF102" && f.message.contains("tag_ids"))
        .unwrap();
    assert_eq!(ids.severity, crate::model::Severity::Warning);
}

#[test]
fn nf103_delimited_lists_in_text() {
    let s = build(|b| {
        b.table("tags", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
        });
        b.table("posts", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("tag_ids", "varchar(200)");
            t.column("tags", "text");
            t.column("stripe_id", "text");
            t.column("title", "text");
        });
    });
    let f = run(&s);
    assert_hits(&s, &f, "NF103", &["posts.tag_ids", "posts.tags"]);
}

#[test]
fn nf104_entity_attribute_value() {
    let s = build(|b| {
        b.table("products", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
        });
        b.table("product_attributes", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("product_id", "int")
                .not_null()
                .references("products", "id");
            t.column("attribute", "text");
            t.column("value", "text");
        });
        b.table("measurements", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("name", "text");
            t.column("value", "numeric(10,2)");
        });
    });
    let f = run(&s);
    assert_hits(&s, &f, "NF104", &["product_attributes.(attribute, value)"]);
}

fn orders_with(extra: &[(&str, &str)]) -> Schema {
    build(|b| {
        b.table("customers", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("name", "text").not_null();
            t.column("email", "text").not_null();
            t.column("status", "text");
        });
        b.table("orders", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("customer_id", "int")
                .not_null()
                .references("customers", "id");
            t.index(&["customer_id"]);
            for (name, ty) in extra {
                t.column(name, ty);
            }
        });
    })
}

#[test]
fn nf111_a_copied_parent_attribute_is_a_candidate_dependency() {
    let s = orders_with(&[("customer_email", "text"), ("status", "text")]);
    let f = run(&s);
    // `status` coincides by a generic name and is not reported.
    assert_hits(&s, &f, "NF111", &["orders.customer_email"]);
    // Confirming it declares the dependency, after which it is no longer a candidate.
    apply_fix(&s, &f, "NF111");
}

#[test]
fn nf111_nothing_without_a_matching_parent_column() {
    let s = orders_with(&[("shipping_note", "text")]);
    assert_hits(&s, &run(&s), "NF111", &[]);
}

#[test]
fn nf112_embedded_entity_prefix_group() {
    let s = one_table(|t| {
        t.column("id", "int").pk();
        t.column("company_id", "int");
        t.column("company_name", "text");
        t.column("company_phone", "text");
        t.column("status_id", "int");
        t.column("status_changed_at", "timestamptz");
    });
    let f = run(&s);
    assert_hits(
        &s,
        &f,
        "NF112",
        &["contacts.(company_id, company_name, company_phone)"],
    );
}

#[test]
fn nf114_stored_derived_values() {
    let s = build(|b| {
        b.table("lines", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("quantity", "int");
            t.column("unit_price", "numeric(10,2)");
            t.column("line_total", "numeric(10,2)");
        });
        b.table("people", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("first_name", "text");
            t.column("last_name", "text");
            t.column("full_name", "text");
            t.column("comment_count", "int");
        });
        b.table("comments", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("person_id", "int").references("people", "id");
        });
    });
    let f = run(&s);
    assert_hits(
        &s,
        &f,
        "NF114",
        &[
            "lines.(line_total, quantity, unit_price)",
            "people.(full_name, first_name, last_name)",
            "people.comment_count",
        ],
    );
}

#[test]
fn nf114_generated_columns_are_not_reported() {
    let mut s = build(|b| {
        b.table("lines", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("qty", "int");
            t.column("price", "numeric(10,2)");
            t.column("total", "numeric(10,2)");
        });
    });
    s.tables[0].columns[3].generated = Some("qty * price".into());
    assert_hits(&s, &run(&s), "NF114", &[]);
}

#[test]
fn refinements_from_the_odoo_review() {
    let s = build(|b| {
        b.table("products", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
        });
        // A selection list (label and code) is not an EAV table.
        b.table("field_selections", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("field_id", "int").references("products", "id");
            t.column("name", "text");
            t.column("value", "text");
            t.index(&["field_id"]);
        });
        // Quantities next to a product id are this row's facts, not the product's.
        b.table("order_lines", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("product_id", "int");
            t.column("product_qty", "numeric(10,2)");
            t.column("product_uom_qty", "numeric(10,2)");
            t.column("unit_amount", "double precision");
            t.column("street", "text");
            t.column("street2", "text");
        });
    });
    let f = run(&s);
    assert_hits(&s, &f, "NF104", &[]);
    assert_hits(&s, &f, "NF112", &[]);
    assert_hits(&s, &f, "IN320", &[]);
    let street = f.iter().find(|f| f.code == "NF101").unwrap();
    assert_eq!(street.severity, crate::model::Severity::Info);
}
