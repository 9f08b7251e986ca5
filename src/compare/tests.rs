use super::*;
use crate::model::{Column, DataType, ReferentialAction};

fn sales() -> Schema {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_models/sales.ron");
    crate::io::load(std::path::Path::new(path)).unwrap()
}

fn table<'a>(schema: &'a mut Schema, name: &str) -> &'a mut Table {
    schema.tables.iter_mut().find(|t| t.name == name).unwrap()
}

fn lines(comparison: &Comparison) -> Vec<String> {
    comparison
        .changes
        .iter()
        .map(|c| {
            format!(
                "{} {} {}.{}: {}",
                c.kind.as_str(),
                c.object,
                c.table,
                c.name,
                c.detail
            )
        })
        .collect()
}

#[test]
fn the_same_model_has_no_changes() {
    let model = sales();
    let comparison = compare(&model, &model, MatchingChoice::Auto);
    assert_eq!(comparison.matching, Matching::Ids);
    assert_eq!(comparison.changes, Vec::new());
}

#[test]
fn versions_of_a_model_are_compared_by_id_so_renames_are_renames() {
    let old = sales();
    let mut new = old.clone();
    let users = table(&mut new, "users");
    users.name = "app_users".into();
    users
        .columns
        .iter_mut()
        .find(|c| c.name == "phone")
        .unwrap()
        .name = "mobile".into();
    let email = users
        .columns
        .iter_mut()
        .find(|c| c.name == "email")
        .unwrap();
    email.data_type = DataType::Text;
    email.nullable = true;
    let id = new.ids.allocate();
    table(&mut new, "roles")
        .columns
        .push(Column::new(id, "rank", DataType::SmallInt));
    let user_roles = table(&mut new, "user_roles");
    user_roles.foreign_keys[0].on_delete = ReferentialAction::Restrict;
    let removed = new
        .tables
        .iter()
        .position(|t| t.name == "audit_log")
        .unwrap();
    new.tables.remove(removed);

    let comparison = compare(&old, &new, MatchingChoice::Auto);
    assert_eq!(comparison.matching, Matching::Ids);
    let got = lines(&comparison);
    let expected = [
        "added column roles.rank: smallint NULL",
        "renamed table app_users.app_users: was users",
        "renamed column app_users.mobile: was phone",
        "changed column app_users.email: type varchar(320) → text; NOT NULL → NULL",
        "removed table audit_log.audit_log: 8 columns",
    ];
    for line in expected {
        assert!(
            got.iter().any(|g| g == line),
            "missing {line:?} in {got:#?}"
        );
    }
    let fk = got
        .iter()
        .find(|g| g.starts_with("changed foreign_key user_roles."))
        .unwrap_or_else(|| panic!("no foreign key change in {got:#?}"));
    assert!(
        fk.ends_with("→ (user_id) → app_users (id) ON DELETE RESTRICT"),
        "{fk}"
    );
    // Renaming users does not change the foreign keys that point at it: they are matched by
    // ids. Nothing else is reported.
    let others: Vec<_> = got
        .iter()
        .filter(|g| !expected.contains(&g.as_str()) && *g != fk)
        .collect();
    assert!(others.is_empty(), "{others:#?}");
    assert_eq!(comparison.counts().iter().sum::<usize>(), got.len());
}

#[test]
fn models_without_shared_ids_are_compared_by_name_and_say_so() {
    let old = sales();
    // The same design with other ids, as a fresh import of the database would have.
    let mut new = old.clone();
    for t in &mut new.tables {
        t.id.0 += 10_000;
        for fk in &mut t.foreign_keys {
            fk.references.0 += 10_000;
            fk.id.0 += 10_000;
        }
        for index in &mut t.indexes {
            index.id.0 += 10_000;
        }
    }
    let comparison = compare(&old, &new, MatchingChoice::Auto);
    assert_eq!(comparison.matching, Matching::Names);
    assert_eq!(lines(&comparison), Vec::<String>::new());
    let sites = table(&mut new, "potential_sites");
    sites.columns.retain(|c| c.name != "proposed_at");
    let comparison = compare(&old, &new, MatchingChoice::Auto);
    assert_eq!(
        lines(&comparison),
        ["removed column potential_sites.proposed_at: timestamptz NOT NULL"]
    );
    // Asked for ids, the same pair is all additions and removals.
    let by_id = compare(&old, &new, MatchingChoice::Ids);
    assert_eq!(by_id.counts()[0], new.tables.len());
}

#[test]
fn reports_escape_names_and_json_is_stable() {
    let old = sales();
    let mut new = old.clone();
    table(&mut new, "roles").name = "<script>alert(1)</script>".into();
    let comparison = compare(&old, &new, MatchingChoice::Auto);
    let html = to_html(&comparison, "a.ron", "b.ron");
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    let json = to_json(&comparison);
    assert_eq!(json, to_json(&compare(&old, &new, MatchingChoice::Auto)));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["matching"], "ids");
    assert_eq!(value["changes"][0]["kind"], "renamed");
    assert_eq!(value["changes"][0]["object"], "table");
    let text = to_text(&comparison, "a.ron", "b.ron");
    assert!(text.lines().last().unwrap().contains("1 renamed"), "{text}");
}
