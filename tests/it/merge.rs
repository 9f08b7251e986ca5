//! A model kept in git: two people change different tables of `sample_models/sales.ron` on two
//! branches (each adding a column and moving a table, one also renaming a column), and
//! `git merge` combines them with no conflict into a file that loads and holds both changes.

use crate::common;

use schemaboard::model::{Column, DataType, Edit, Point, Schema};
use std::path::Path;
use std::process::Command;

fn git(folder: &Path, args: &[&str]) -> std::process::Output {
    let output = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(folder)
        .output()
        .expect("git runs");
    assert!(
        output.status.success() || args[0] == "merge",
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// One editing session as the app runs it: open (ids skip ahead at random), edit, save.
fn session(path: &Path, edit: impl FnOnce(&mut Schema) -> Vec<Edit>) {
    let mut schema = schemaboard::io::load(path).unwrap();
    schema.ids.skip_ahead_at_random();
    for step in edit(&mut schema) {
        step.apply(&mut schema).unwrap();
    }
    schemaboard::io::save(path, &schema).unwrap();
}

fn add_column(schema: &mut Schema, table: &str, name: &str) -> Edit {
    let id = schema.table_named(None, table).unwrap().id;
    Edit::AddColumn {
        table: id,
        column: Column::new(schema.ids.allocate(), name, DataType::Text),
        index: usize::MAX,
    }
}

fn move_table(schema: &Schema, table: &str, by: f32) -> Edit {
    let table = schema.table_named(None, table).unwrap();
    let to = Point::new(table.position.x + by, table.position.y + by);
    Edit::MoveItems {
        tables: vec![(table.id, to)],
        notes: Vec::new(),
    }
}

#[test]
fn changes_to_different_tables_on_two_branches_merge_cleanly() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let folder = tempfile::tempdir().unwrap();
    let repo = folder.path();
    let model = repo.join("sales.ron");
    std::fs::copy(common::sample("sales"), &model).unwrap();
    git(repo, &["init", "-q"]);
    git(repo, &["add", "sales.ron"]);
    git(repo, &["commit", "-q", "-m", "model"]);

    git(repo, &["checkout", "-q", "-b", "billing"]);
    session(&model, |s| {
        vec![
            add_column(s, "retailers", "billing_email"),
            move_table(s, "retailers", 40.0),
        ]
    });
    git(repo, &["commit", "-q", "-am", "billing"]);

    git(repo, &["checkout", "-q", "main"]);
    session(&model, |s| {
        let users = s.table_named(None, "users").unwrap();
        let mut phone = users
            .columns
            .iter()
            .find(|c| c.name == "phone")
            .unwrap()
            .clone();
        phone.name = "mobile_phone".to_string();
        vec![
            add_column(s, "engineers", "certified_on"),
            Edit::SetColumn { column: phone },
            move_table(s, "engineers", -40.0),
        ]
    });
    git(repo, &["commit", "-q", "-am", "field force"]);

    let merged = git(repo, &["merge", "--no-edit", "billing"]);
    assert!(
        merged.status.success(),
        "the merge conflicts:\n{}{}",
        String::from_utf8_lossy(&merged.stdout),
        String::from_utf8_lossy(&merged.stderr)
    );
    let schema = schemaboard::io::load(&model).expect("the merged model loads");
    let has = |table: &str, column: &str| {
        let t = schema.table_named(None, table).unwrap();
        t.columns.iter().any(|c| c.name == column)
    };
    assert!(
        has("retailers", "billing_email"),
        "the billing branch's column"
    );
    assert!(has("engineers", "certified_on"), "main's column");
    assert!(
        has("users", "mobile_phone") && !has("users", "phone"),
        "main's rename"
    );
    let original = schemaboard::io::load(&common::sample("sales")).unwrap();
    let moved = |name: &str| {
        let before = original.table_named(None, name).unwrap().position;
        let after = schema.table_named(None, name).unwrap().position;
        (after.x - before.x, after.y - before.y)
    };
    assert_eq!(moved("retailers"), (40.0, 40.0));
    assert_eq!(moved("engineers"), (-40.0, -40.0));
}

#[test]
fn a_model_without_a_saved_counter_allocates_above_its_highest_id() {
    let mut schema = schemaboard::io::load(&common::sample("sales")).unwrap();
    let highest = schemaboard::model::integrity::highest_id(&schema);
    assert!(highest > 100);
    let next: schemaboard::model::TableId = schema.ids.allocate();
    assert_eq!(next.0, highest + 1);
    // Files written before the counter was dropped still load, the counter a floor.
    let text = std::fs::read_to_string(common::sample("sales")).unwrap();
    let old = text.replacen(
        "    model: (\n",
        "    model: (\n        next_id: 5000,\n",
        1,
    );
    assert_ne!(old, text);
    let mut schema = schemaboard::io::load_str(&old, Path::new("old.ron")).unwrap();
    let next: schemaboard::model::TableId = schema.ids.allocate();
    assert_eq!(next.0, 5000);
}
