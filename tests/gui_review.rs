//! Design review in the app, headless with egui_kittest: comparing the open model with another
//! version marks what was added, removed and changed.
#![cfg(feature = "gui")]

mod common;
#[path = "common/harness.rs"]
mod harness;

use egui_kittest::kittest::Queryable;
use harness::{harness, table};
use schemaboard::gui::commands::AppCommand;
use schemaboard::gui::comparing::Mark;
use schemaboard::gui::{App, Document};
use schemaboard::model::{DataType, Edit, Point, Table};

#[test]
fn comparing_with_the_previous_version_marks_added_removed_and_changed() {
    let old = schemaboard::io::load(&common::sample("sales")).unwrap();
    let mut new = old.clone();
    // Added: a table. Removed: audit_log. Changed: a column's type in retailers.
    let table_id = new.ids.allocate();
    let added = Table::new(table_id, "price_lists", Point::new(2000.0, 0.0));
    Edit::AddTable {
        table: added,
        index: usize::MAX,
    }
    .apply(&mut new)
    .unwrap();
    let audit = table(&new, "audit_log").id;
    Edit::RemoveTable { table: audit }.apply(&mut new).unwrap();
    let mut name = table(&new, "retailers")
        .columns
        .iter()
        .find(|c| c.name == "trading_name")
        .unwrap()
        .clone();
    name.data_type = DataType::Text;
    let changed_column = name.id;
    Edit::SetColumn { column: name }.apply(&mut new).unwrap();

    let mut harness = harness(App::new(Document::untitled(new)));
    harness.run();
    harness
        .state_mut()
        .queue(AppCommand::CompareWithPath(common::sample("sales")));
    harness.run();
    harness.run();
    let app = harness.state();
    let comparing = app.view.comparing.as_ref().expect("comparing");
    let schema = &app.document.schema;
    assert_eq!(
        comparing.tables[&table(schema, "price_lists").id].0,
        Mark::Added
    );
    let retailers = &comparing.tables[&table(schema, "retailers").id];
    assert_eq!(retailers.0, Mark::Changed);
    assert!(
        retailers.1.iter().any(|c| c.contains("trading_name")),
        "{retailers:?}"
    );
    assert_eq!(comparing.removed, [audit], "removed, drawn where it was");
    let (mark, what) = &comparing.columns[&changed_column];
    assert_eq!(*mark, Mark::Changed);
    assert!(what.contains("varchar(200) → text"), "{what}");
    assert_eq!(
        comparing.tables.len(),
        2,
        "nothing else is marked: {:?}",
        comparing.tables
    );
    // The change list names each change.
    harness.get_by_label("Changes");
    harness.get_by_label_contains("since sales.ron: 1 added, 1 removed");
    harness.get_by_label_contains("retailers: changed column trading_name");

    // Editing updates the marks; Stop comparing clears them.
    let users = table(&harness.state().document.schema, "users").id;
    let column = schemaboard::model::Column::new(
        harness.state_mut().document.schema.ids.allocate(),
        "nickname",
        DataType::Text,
    );
    harness
        .state_mut()
        .queue(AppCommand::Apply(Box::new(Edit::AddColumn {
            table: users,
            column,
            index: usize::MAX,
        })));
    harness.run();
    harness.run();
    let comparing = harness.state().view.comparing.as_ref().unwrap();
    assert_eq!(comparing.tables[&users].0, Mark::Changed);
    harness.get_by_label("Stop comparing").click();
    harness.run();
    assert!(harness.state().view.comparing.is_none());
}

#[test]
fn comparing_with_the_last_commit_reads_the_file_from_git() {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: git is not installed");
        return;
    }
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("shop.ron");
    std::fs::copy(common::sample("shop"), &path).unwrap();
    for args in [
        vec!["init", "-q"],
        vec!["add", "shop.ron"],
        vec!["commit", "-q", "-m", "shop"],
    ] {
        let status = std::process::Command::new("git")
            .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
            .args(&args)
            .current_dir(folder.path())
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }
    let mut harness = harness(App::new(Document::open(&path).unwrap()));
    harness.run();
    let orders = table(&harness.state().document.schema, "orders").clone();
    let mut info = orders.info();
    info.name = "purchase_orders".to_string();
    harness
        .state_mut()
        .queue(AppCommand::Apply(Box::new(Edit::SetTableInfo {
            table: orders.id,
            info,
        })));
    harness.run();
    harness
        .state_mut()
        .queue(AppCommand::CompareWithGit("HEAD".to_string()));
    harness.run();
    harness.run();
    let comparing = harness.state().view.comparing.as_ref().expect("comparing");
    assert_eq!(comparing.against, "HEAD:shop.ron");
    let renamed = &comparing.tables[&orders.id];
    assert_eq!(renamed.0, Mark::Changed);
    assert!(
        renamed
            .1
            .iter()
            .any(|c| c.starts_with("renamed table purchase_orders")),
        "a rename, not a drop and an add: {renamed:?}"
    );
    assert!(comparing.removed.is_empty());
}
