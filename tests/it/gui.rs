//! The app, headless with egui_kittest: gestures become undoable edits of the model.
#![cfg(feature = "gui")]

use crate::common;
use crate::harness;

use harness::{app_on, drag, harness, header_of};

use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use schemaboard::gui::{App, Document};

#[test]
fn the_window_shows_the_model() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    harness.get_by_label("File");
    harness.get_by_label_contains("12 tables");
    let app = harness.state();
    assert!(app.view.canvas.fitted);
    let zoom = app.view.zoom();
    assert!(zoom > 0.1 && zoom <= 1.0, "fitted zoom {zoom}");
}

#[test]
fn dragging_a_table_is_one_undoable_move() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    let before = harness.state().document.schema().clone();
    let zoom = harness.state().view.zoom();
    let start = header_of(&harness, "orders");
    drag(&mut harness, start, Vec2::new(80.0, 40.0));

    let after = harness.state().document.schema().clone();
    let moved = |schema: &schemaboard::model::Schema| {
        schema
            .tables
            .iter()
            .find(|t| t.name == "orders")
            .unwrap()
            .position
    };
    let delta = (
        moved(&after).x - moved(&before).x,
        moved(&after).y - moved(&before).y,
    );
    // Where the pointer took it, to the nearest grid point (the grid is 10 units).
    assert!(
        (delta.0 - 80.0 / zoom).abs() <= 6.0 && (delta.1 - 40.0 / zoom).abs() <= 6.0,
        "moved by {delta:?} at zoom {zoom}"
    );
    let at = moved(&after);
    assert_eq!(
        (at.x % 10.0, at.y % 10.0),
        (0.0, 0.0),
        "snapped to the grid"
    );
    assert_eq!(
        harness.state().document.history().undo_len(),
        1,
        "one gesture, one step"
    );
    assert!(harness.state().document.has_unsaved_changes());
    let others_unchanged = before
        .tables
        .iter()
        .zip(&after.tables)
        .filter(|(a, _)| a.name != "orders")
        .all(|(a, b)| a == b);
    assert!(others_unchanged);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().document.schema(), &before, "undo restores");

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(harness.state().document.schema(), &after, "redo repeats");
}

#[test]
fn dragging_the_background_pans_without_editing() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    let before = harness.state().document.schema().clone();
    let translation = harness.state().view.canvas.screen_from_scene.translation;
    // The top-left corner of the canvas is empty in every sample layout.
    drag(&mut harness, Pos2::new(10.0, 40.0), Vec2::new(100.0, 50.0));
    let moved = harness.state().view.canvas.screen_from_scene.translation - translation;
    assert!(
        (moved - Vec2::new(100.0, 50.0)).length() < 1.0,
        "panned by {moved:?}"
    );
    assert_eq!(harness.state().document.schema(), &before);
    assert_eq!(harness.state().document.history().undo_len(), 0);
}

#[test]
fn importing_sql_opens_the_imported_model_with_a_summary() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    let script = common::root().join("tests/data/corpus/chinook.sqlite.sql");
    harness
        .state_mut()
        .queue(schemaboard::gui::commands::AppCommand::ImportSqlPath(
            script,
        ));
    harness.run();
    let app = harness.state();
    assert_eq!(app.document.schema().tables.len(), 11);
    assert!(
        app.document.path.is_none(),
        "an import is a new, untitled model"
    );
    let notice = app
        .view
        .dialogs
        .notice
        .as_ref()
        .expect("a summary is shown");
    assert!(notice.text.contains("Read as sqlite"), "{}", notice.text);
    assert!(
        notice.text.contains("imported: 11 tables"),
        "{}",
        notice.text
    );
    harness.get_by_label_contains("imported: 11 tables");
}

#[test]
fn export_sql_shows_a_preview_for_the_chosen_dialect() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    harness
        .state_mut()
        .queue(schemaboard::gui::commands::AppCommand::ExportSql);
    harness.run();
    harness.get_by_label("Export SQL");
    let shown = |harness: &mut Harness<'_, App>| {
        let app = harness.state_mut();
        let revision = app.document.revision();
        let schema = app.document.schema().clone();
        let panel = app
            .view
            .panels
            .export_sql
            .as_mut()
            .expect("the window is open");
        panel.script(&schema, revision).clone().unwrap().sql
    };
    assert!(shown(&mut harness).contains("CREATE TYPE order_status AS ENUM"));
    harness
        .state_mut()
        .view
        .panels
        .export_sql
        .as_mut()
        .unwrap()
        .dialect = schemaboard::model::Dialect::MySql;
    harness.run();
    let mysql = shown(&mut harness);
    assert!(mysql.contains("ENGINE=InnoDB"), "{mysql}");
    harness.get_by_label_contains("things this dialect cannot say");
    // Saving is a command run after the frame, not a write while the window is drawn.
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("shop.sql");
    harness
        .state_mut()
        .queue(schemaboard::gui::commands::AppCommand::SaveScriptTo {
            sql: mysql.clone(),
            path: path.clone(),
        });
    harness.run();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), mysql);
}

#[test]
fn findings_panel_fixes_and_accepts_findings_undoably() {
    // Tall enough for the whole findings list to be on screen.
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1200.0, 2400.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app_on("flawed_inventory"));
    harness.run();
    harness.get_by_label("Findings");
    // The duplicate index is listed; open it and apply its quick fix.
    let count = |h: &Harness<'_, App>, code: &str| {
        h.state()
            .document
            .findings()
            .filter(|f| f.code == code && f.is_active())
            .count()
    };
    assert_eq!(count(&harness, "IX202"), 1);
    // Narrow the list to the rule.
    harness.get_by_label("filter findings").click();
    harness.run();
    harness.get_by_label("filter findings").type_text("ix202");
    harness.run();
    harness
        .get_by_label("tbl_products.name index tbl_products_name_idx2")
        .click();
    harness.run();
    harness.get_by_label("Drop the index").click();
    harness.run();
    harness.run();
    assert_eq!(count(&harness, "IX202"), 0, "fixed");
    // The list and the canvas's markers are kept between frames: they follow the new findings.
    let row = "tbl_products.name index tbl_products_name_idx2";
    assert!(harness.query_by_label(row).is_none(), "no longer listed");
    let marks_of =
        |h: &Harness<'_, App>| h.state().view.canvas.finding_marks.as_ref().map(|m| m.0.0);
    assert_eq!(
        marks_of(&harness),
        Some(harness.state().document.findings_revision())
    );
    // One undo brings the index, and the finding, back.
    harness
        .state_mut()
        .queue(schemaboard::gui::commands::AppCommand::Undo);
    harness.run();
    harness.run();
    assert_eq!(count(&harness, "IX202"), 1, "undone");
    harness.get_by_label(row);
    assert_eq!(
        marks_of(&harness),
        Some(harness.state().document.findings_revision())
    );
    // Accepting with a reason records a suppression in the model.
    let finding = harness
        .state()
        .document
        .findings()
        .find(|f| f.code == "IX202")
        .unwrap()
        .clone();
    harness
        .state_mut()
        .queue(schemaboard::gui::commands::AppCommand::Suppress {
            code: finding.code.into(),
            target: finding.target.clone(),
            reason: "kept while the old report runs".into(),
        });
    harness.run();
    harness.run();
    assert_eq!(count(&harness, "IX202"), 0);
    assert_eq!(
        harness
            .state()
            .document
            .schema()
            .check_settings
            .suppressions
            .len(),
        1
    );
    harness.get_by_label_contains("1 accepted");
}

#[test]
fn export_image_writes_the_diagram() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness(app_on("shop"));
    harness.run();
    for name in ["shop.svg", "shop.png"] {
        let path = folder.path().join(name);
        harness
            .state_mut()
            .queue(schemaboard::gui::commands::AppCommand::ExportImagePath(
                path.clone(),
            ));
        harness.run();
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(if name.ends_with("svg") {
            b"<svg"
        } else {
            b"\x89PNG"
        }));
    }
    assert!(harness.state().view.dialogs.notice.is_none());
}

#[test]
fn importing_dbml_opens_the_model() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("small.dbml");
    std::fs::write(
        &path,
        "Table users {\n  id int [pk]\n}\nTable posts {\n  id int [pk]\n  user_id int [ref: > users.id]\n}\n",
    )
    .unwrap();
    let mut harness = harness(app_on("shop"));
    harness.run();
    harness
        .state_mut()
        .queue(schemaboard::gui::commands::AppCommand::ImportSqlPath(path));
    harness.run();
    let app = harness.state();
    assert_eq!(app.document.schema().tables.len(), 2);
    assert_eq!(app.document.schema().stats().foreign_keys, 1);
    let notice = app
        .view
        .dialogs
        .notice
        .as_ref()
        .expect("a summary is shown");
    assert!(notice.text.contains("Read as DBML"), "{}", notice.text);
}

#[test]
fn saving_over_a_read_only_file_asks_first() {
    use std::os::unix::fs::PermissionsExt;
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("shop.ron");
    std::fs::copy(common::sample("shop"), &path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read_to_string(&path).unwrap();
    let mut document = Document::open(&path).unwrap();
    let table = document.schema().tables[0].id;
    let edit = schemaboard::model::Edit::MoveItems {
        tables: vec![(table, schemaboard::model::Point::new(-9.0, -9.0))],
        notes: Vec::new(),
    };
    document.apply(edit).unwrap();
    let mut harness = harness(App::new(document));
    harness.run();
    let save = schemaboard::gui::commands::AppCommand::Save;
    harness.state_mut().queue(save.clone());
    harness.run();
    harness.get_by_label("The file is read-only");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        before,
        "not saved over"
    );
    harness.state_mut().queue(save);
    harness.run();
    harness.get_by_label("Overwrite").click();
    harness.run();
    let saved = schemaboard::io::load(&path).unwrap();
    assert_eq!(
        saved.tables[0].position,
        schemaboard::model::Point::new(-9.0, -9.0)
    );
    assert!(schemaboard::io::read_only(&path), "it stays read-only");
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("shop.ron");
    std::fs::copy(common::sample("shop"), &path).unwrap();
    let mut document = Document::open(&path).unwrap();
    let table = document.schema().tables[0].id;
    let edit = schemaboard::model::Edit::MoveItems {
        tables: vec![(table, schemaboard::model::Point::new(-7.0, -7.0))],
        notes: Vec::new(),
    };
    document.apply(edit).unwrap();
    assert!(!document.changed_on_disk());
    // Another program (a git pull) rewrites the file.
    let theirs = "// changed elsewhere\n".to_string() + &std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &theirs).unwrap();
    assert!(document.changed_on_disk());
    let mut harness = harness(App::new(document));
    harness.run();
    harness
        .state_mut()
        .queue(schemaboard::gui::commands::AppCommand::Save);
    harness.run();
    harness.get_by_label("The file changed on disk");
    // Cancel keeps their version.
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    assert!(harness.query_by_label("The file changed on disk").is_none());
    // Overwrite saves ours, keeping theirs as the backup.
    harness
        .state_mut()
        .queue(schemaboard::gui::commands::AppCommand::Save);
    harness.run();
    harness.get_by_label("Overwrite").click();
    harness.run();
    let saved = schemaboard::io::load(&path).unwrap();
    assert_eq!(
        saved.tables[0].position,
        schemaboard::model::Point::new(-7.0, -7.0)
    );
    assert_eq!(
        std::fs::read_to_string(schemaboard::io::backup_path(&path)).unwrap(),
        theirs
    );
    assert!(!harness.state().document.changed_on_disk());
}

#[test]
fn opening_and_saving_keep_the_recent_list_and_the_preferences_without_touching_the_users_files() {
    let folder = tempfile::tempdir().unwrap();
    let (shop, cms) = (
        folder.path().join("shop.ron"),
        folder.path().join("cms.ron"),
    );
    std::fs::copy(common::sample("shop"), &shop).unwrap();
    std::fs::copy(common::sample("cms"), &cms).unwrap();
    let store = folder.path().join("config").join("last-file");
    let mut app = App::new(Document::open(&shop).unwrap());
    assert!(
        app.recent_files().is_empty(),
        "opening a document records nothing by itself"
    );
    app.remember_recent(schemaboard::gui::recent::RecentFiles::kept_in(
        store.clone(),
    ));
    app.view.prefs.show_minimap = false;
    app.view.panels.comments.author = "Grace".to_string();
    let mut harness = harness(app);
    harness.run();
    harness
        .state_mut()
        .queue(schemaboard::gui::commands::AppCommand::OpenPath(
            cms.clone(),
        ));
    harness.run();
    let app = harness.state();
    assert_eq!(app.document.path.as_deref(), Some(cms.as_path()));
    assert_eq!(app.recent_files(), [cms.clone(), shop.clone()]);
    assert!(!app.view.prefs.show_minimap, "the preferences stay");
    assert_eq!(app.view.panels.comments.author, "Grace");
    let saved = std::fs::read_to_string(&store).unwrap();
    assert_eq!(saved, format!("{}\n{}\n", cms.display(), shop.display()));
    // A window with no store keeps its list in memory only.
    let mut alone = harness::harness(App::new(Document::open(&shop).unwrap()));
    alone
        .state_mut()
        .queue(schemaboard::gui::commands::AppCommand::OpenPath(
            cms.clone(),
        ));
    alone.run();
    assert_eq!(alone.state().recent_files(), [cms]);
}
