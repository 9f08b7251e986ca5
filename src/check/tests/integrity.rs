//! Integrity: keys, references, cycles, cascades, checks, types (IN301–IN320).

use super::*;
use crate::model::{ConstraintId, ForeignKey, ReferentialAction, Severity};

fn parent_child(
    child_type: &str,
    define: impl FnOnce(&mut crate::model::TableBuilder<'_>),
) -> Schema {
    build(|b| {
        b.table("parents", (0.0, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("code", "varchar(10)").not_null();
        });
        b.table("children", (0.0, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("parent_id", child_type)
                .not_null()
                .references("parents", "id");
            t.index(&["parent_id"]);
            define(t);
        });
    })
}

#[test]
fn in301_missing_primary_key_and_its_exceptions() {
    let s = build(|b| {
        b.table("a", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
        });
        b.table("b", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
        });
        b.table("logs", (0.0, 0.0), |t| {
            t.column("line", "text");
        });
        b.table("a_b", (0.0, 0.0), |t| {
            t.column("a_id", "int").not_null().references("a", "id");
            t.column("b_id", "int").not_null().references("b", "id");
            t.unique(&["a_id", "b_id"]);
        });
    });
    let f = run(&s);
    assert_hits(&s, &f, "IN301", &["logs"]);
}

#[test]
fn in302_nullable_primary_key_column() {
    let mut s = parent_child("bigint", |_| {});
    s.tables[0].columns[0].nullable = true;
    let f = run(&s);
    assert_hits(&s, &f, "IN302", &["parents.id"]);
    apply_fix(&s, &f, "IN302");
}

#[test]
fn in303_foreign_key_type_mismatch() {
    let s = parent_child("int", |_| {});
    let f = run(&s);
    assert_hits(&s, &f, "IN303", &["children.parent_id"]);
    assert_eq!(
        f.iter().find(|f| f.code == "IN303").unwrap().severity,
        Severity::Warning
    );
    let mut mysql = s.clone();
    mysql.check_settings.dialects = vec![Dialect::MySql];
    let f = run(&mysql);
    assert_eq!(
        f.iter().find(|f| f.code == "IN303").unwrap().severity,
        Severity::Error
    );
    let same = parent_child("bigint", |_| {});
    assert_hits(&same, &run(&same), "IN303", &[]);
}

#[test]
fn in304_target_not_a_key() {
    let s = parent_child("bigint", |t| {
        t.column("parent_code", "varchar(10)");
        t.foreign_key(
            &["parent_code"],
            "parents",
            &["code"],
            ReferentialAction::NoAction,
        );
    });
    let f = run(&s);
    assert_hits(&s, &f, "IN304", &["children.parent_code"]);
    apply_fix(&s, &f, "IN304");
}

#[test]
fn in305_broken_reference() {
    let mut s = parent_child("bigint", |_| {});
    let good = run(&s);
    assert_hits(&s, &good, "IN305", &[]);
    let fk = &mut s.tables[1].foreign_keys[0];
    fk.referenced_columns.push(crate::model::ColumnId(777));
    assert_hits(&s, &run(&s), "IN305", &["children.parent_id"]);
    s.tables[1].foreign_keys[0].references = crate::model::TableId(4242);
    assert_hits(&s, &run(&s), "IN305", &["children.parent_id"]);
}

fn cycle(nullable_back: bool) -> Schema {
    build(|b| {
        b.table("departments", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            let c = t.column("manager_id", "int").references("employees", "id");
            if !nullable_back {
                c.not_null();
            }
            t.index(&["manager_id"]);
        });
        b.table("employees", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("department_id", "int")
                .not_null()
                .references("departments", "id");
            t.index(&["department_id"]);
        });
    })
}

#[test]
fn in306_cycles_insertable_or_not() {
    let s = cycle(true);
    let f = run(&s);
    assert_hits(&s, &f, "IN306", &["departments"]);
    assert_eq!(
        f.iter().find(|f| f.code == "IN306").unwrap().severity,
        Severity::Info
    );
    let s = cycle(false);
    let f = run(&s);
    assert_eq!(
        f.iter().find(|f| f.code == "IN306").unwrap().severity,
        Severity::Error
    );
    let acyclic = parent_child("bigint", |_| {});
    assert_hits(&acyclic, &run(&acyclic), "IN306", &[]);
}

#[test]
fn in308_two_cascade_paths_to_one_table() {
    let s = build(|b| {
        b.table("accounts", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
        });
        b.table("projects", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("account_id", "int")
                .references("accounts", "id")
                .on_delete(ReferentialAction::Cascade);
            t.index(&["account_id"]);
        });
        b.table("tasks", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("account_id", "int")
                .references("accounts", "id")
                .on_delete(ReferentialAction::Cascade);
            t.column("project_id", "int")
                .references("projects", "id")
                .on_delete(ReferentialAction::Cascade);
            t.index(&["account_id"]);
            t.index(&["project_id"]);
        });
    });
    let f = run(&s);
    assert_hits(&s, &f, "IN308", &["tasks"]);
    assert_eq!(
        f.iter().find(|f| f.code == "IN308").unwrap().severity,
        Severity::Warning
    );
    let f = run_for(&s, &[Dialect::MsSql]);
    assert_eq!(
        f.iter().find(|f| f.code == "IN308").unwrap().severity,
        Severity::Error
    );
    let f = run_for(&s, &[Dialect::Postgres]);
    assert_eq!(
        f.iter().find(|f| f.code == "IN308").unwrap().severity,
        Severity::Info
    );
    let mut one_path = s.clone();
    one_path.tables[2].foreign_keys[0].on_delete = ReferentialAction::NoAction;
    assert_hits(&one_path, &run(&one_path), "IN308", &[]);
}

#[test]
fn in310_duplicate_foreign_key() {
    let mut s = parent_child("bigint", |_| {});
    assert_hits(&s, &run(&s), "IN310", &[]);
    let copy = ForeignKey {
        id: ConstraintId(5000),
        ..s.tables[1].foreign_keys[0].clone()
    };
    s.ids.reserve_above(5000);
    s.tables[1].foreign_keys.push(copy);
    assert_hits(&s, &run(&s), "IN310", &["children.parent_id"]);
}

#[test]
fn in312_composite_foreign_key_with_a_nullable_column() {
    let s = build(|b| {
        b.table("tenants_users", (0.0, 0.0), |t| {
            t.column("tenant_id", "int").pk();
            t.column("user_id", "int").pk();
        });
        b.table("documents", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("tenant_id", "int").not_null();
            t.column("owner_id", "int");
            t.foreign_key(
                &["tenant_id", "owner_id"],
                "tenants_users",
                &["tenant_id", "user_id"],
                ReferentialAction::NoAction,
            );
            t.index(&["tenant_id", "owner_id"]);
        });
    });
    let f = run(&s);
    assert_hits(&s, &f, "IN312", &["documents.owner_id"]);
    apply_fix(&s, &f, "IN312");
}

#[test]
fn in314_implied_relationship() {
    let s = build(|b| {
        b.table("customers", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
        });
        b.table("invoices", (0.0, 0.0), |t| {
            t.column("id", "int").pk();
            t.column("customer_id", "int");
            t.column("external_id", "text");
            t.column("subject_id", "int");
            t.column("subject_type", "text");
        });
    });
    let f = run(&s);
    assert_hits(&s, &f, "IN314", &["invoices.customer_id"]);
    apply_fix(&s, &f, "IN314");
}

#[test]
fn in315_unique_over_a_nullable_column() {
    let s = parent_child("bigint", |t| {
        t.column("badge", "text").unique();
        t.column("serial", "text").not_null().unique();
    });
    assert_hits(&s, &run(&s), "IN315", &["children.badge"]);
}

#[test]
fn in317_broken_unsatisfiable_and_tautological_checks() {
    let s = parent_child("bigint", |t| {
        t.column("qty", "int").not_null();
        t.check("qty_positive", "qty > 0");
        t.check("typo", "quantity > 0");
        t.check("impossible", "qty > 5 AND qty < 3");
        t.check("null_on_not_null", "qty IS NULL");
        t.check("pointless", "qty IS NOT NULL");
    });
    let f = run(&s);
    let messages: Vec<&str> = f
        .iter()
        .filter(|f| f.code == "IN317")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(messages.len(), 4, "{messages:#?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("typo") && m.contains("quantity"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("impossible") && m.contains("never hold"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("null_on_not_null") && m.contains("never hold"))
    );
    assert!(f.iter().any(|f| f.code == "IN317"
        && f.message.contains("pointless")
        && f.severity == Severity::Info));
}

#[test]
fn in319_one_name_two_types() {
    let s = build(|b| {
        for name in ["a", "b", "c"] {
            b.table(name, (0.0, 0.0), |t| {
                t.column("id", "int").pk();
                t.column("amount_cents", if name == "c" { "text" } else { "bigint" });
                t.column("name", if name == "c" { "int" } else { "text" });
            });
        }
    });
    assert_hits(&s, &run(&s), "IN319", &["c.amount_cents"]);
}

#[test]
fn in320_money_in_floating_point() {
    let s = parent_child("bigint", |t| {
        t.column("unit_price", "double precision");
        t.column("rainfall", "real");
        t.column("fee", "numeric(10,2)");
    });
    assert_hits(&s, &run(&s), "IN320", &["children.unit_price"]);
}

#[test]
fn in321_text_that_would_run_as_sql_of_its_own() {
    let s = build(|b| {
        b.table("t", (0.0, 0.0), |t| {
            t.column("id", "integer").pk();
            t.column("evil_type", "int); DROP TABLE victim; --");
            t.column("evil_default", "integer")
                .default("1); DROP TABLE victim; --");
            t.column("fine", "varchar(20)").default("'a; -- b'");
            t.column("fine_type", "citext");
            t.check("t_ok", "fine <> ''");
            t.check("t_evil", "1 = 1) ; DROP TABLE victim; --");
        });
    });
    let findings = run(&s);
    assert_hits(
        &s,
        &findings,
        "IN321",
        &["t.evil_type", "t.evil_default", "t"],
    );
    assert!(
        findings
            .iter()
            .filter(|f| f.code == "IN321")
            .all(|f| f.severity == Severity::Error)
    );
}

#[test]
fn in322_an_enum_column_defaulting_to_no_value_of_its_type() {
    let s = build(|b| {
        b.enum_type("state", &["new", "it's done"], "");
        b.table("t", (0.0, 0.0), |t| {
            t.column("id", "integer").pk();
            t.column("wrong", "state").default("'cart'");
            t.column("cast_wrong", "state").default("'old'::state");
            t.column("right", "state").default("'new'");
            t.column("quoted", "state").default("'it''s done'");
            t.column("computed", "state").default("first_state()");
            t.column("none", "state");
        });
    });
    assert_hits(&s, &run(&s), "IN322", &["t.wrong", "t.cast_wrong"]);
}
