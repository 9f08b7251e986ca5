//! The first minutes in the app: a model with no file is saved through the file dialog drawn in
//! the window (no desktop portal or zenity needed), a file named on the command line that does
//! not exist yet is a new model saved there, an empty canvas says how to start, the model's
//! title is edited where nothing is selected, and the unsaved mark waits for an edit.
#![cfg(feature = "gui")]

use crate::harness::{app_on, harness};

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use schemaboard::gui::commands::AppCommand;
use schemaboard::gui::{App, Document};

/// Types `text` over what the built-in dialog's name field holds.
fn type_file_name(harness: &mut egui_kittest::Harness<'static, App>, text: &str) {
    let dialog = harness.state_mut().view.dialogs.file.as_mut();
    dialog.expect("the file dialog is open").name.clear();
    harness.run();
    harness.get_by_label("file name").type_text(text);
    harness.run();
}

#[test]
fn an_untitled_model_is_saved_through_the_dialog_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(app_on("shop"));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.run();
    let dialog = harness.state().view.dialogs.file.as_ref();
    assert_eq!(
        dialog.expect("Save on an untitled model asks where").name,
        "Online shop.ron",
        "offered the model's title"
    );
    let path = dir.path().join("models").join("shop");
    std::fs::create_dir(dir.path().join("models")).unwrap();
    type_file_name(&mut harness, path.to_str().unwrap());
    harness.get_by_label("Save").click();
    harness.run();
    harness.run();
    let saved = path.with_extension("ron");
    assert!(harness.state().view.dialogs.file.is_none(), "closed");
    assert!(saved.is_file(), "the kind's extension was added");
    assert_eq!(
        harness.state().document.path.as_deref(),
        Some(saved.as_path())
    );
    assert!(!harness.state().document.has_unsaved_changes());
    let text = schemaboard::io::to_ron_string;
    assert_eq!(
        text(&schemaboard::io::load(&saved).unwrap()),
        text(harness.state().document.schema())
    );
}

#[test]
fn saving_over_a_file_from_the_dialog_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("old.ron");
    std::fs::write(&existing, "not a model").unwrap();
    let mut harness = harness(app_on("shop"));
    harness.run();
    harness.state_mut().queue(AppCommand::SaveAs);
    harness.run();
    harness.run();
    type_file_name(&mut harness, existing.to_str().unwrap());
    harness.get_by_label("Save").click();
    harness.run();
    harness.get_by_label_contains("exists. Replace it?");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "not a model");
    harness.get_by_label("Replace").click();
    harness.run();
    harness.run();
    assert!(schemaboard::io::load(&existing).is_ok(), "replaced");

    // Cancel leaves everything as it was.
    harness.state_mut().queue(AppCommand::Open);
    harness.run();
    harness.run();
    assert!(harness.state().view.dialogs.file.is_some());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().view.dialogs.file.is_none());
}

#[test]
fn answering_save_before_a_new_model_asks_where_then_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(App::new(Document::untitled(
        schemaboard::model::Schema::new("Draft"),
    )));
    harness.run();
    harness.key_press(Key::T);
    harness.run();
    harness.state_mut().queue(AppCommand::New);
    harness.run();
    harness.run();
    harness.get_by_label("Save changes?");
    harness.get_by_label("Save").click();
    harness.run();
    harness.run();
    let path = dir.path().join("draft.ron");
    type_file_name(&mut harness, path.to_str().unwrap());
    harness.get_by_label("Save").click();
    harness.run();
    harness.run();
    harness.run();
    assert_eq!(
        schemaboard::io::load(&path).unwrap().tables.len(),
        1,
        "saved where typed"
    );
    let document = &harness.state().document;
    assert!(
        document.path.is_none() && document.schema().tables.is_empty(),
        "then the new model that waited was made"
    );
}

#[test]
fn a_missing_file_named_at_start_is_a_new_model_that_saves_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.ron");
    let (document, notice) = schemaboard::gui::start(Some(path.clone()), None, None);
    assert!(notice.is_none(), "{notice:?}");
    assert_eq!(document.schema().name, "inventory");
    assert!(document.schema().tables.is_empty());
    assert_eq!(
        document.title(),
        "inventory.ron — Schemaboard",
        "no unsaved mark yet"
    );
    let mut harness = harness(App::new(document));
    harness.run();
    harness.key_press(Key::T);
    harness.run();
    assert!(
        harness.state().document.title().contains('•'),
        "an edit marks it"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.run();
    assert!(harness.state().view.dialogs.file.is_none(), "no question");
    let saved = schemaboard::io::load(&path).unwrap();
    assert_eq!(saved.tables.len(), 1);
    assert!(!path.with_extension("ron.bak").exists() || path.is_file());
}

#[test]
fn an_empty_canvas_says_how_to_start_until_there_is_a_table() {
    let mut harness = harness(App::new(Document::untitled(
        schemaboard::model::Schema::new("Untitled"),
    )));
    harness.run();
    harness.get_by_label_contains("press T, to add a table");
    harness.key_press(Key::T);
    harness.run();
    harness.run();
    assert_eq!(harness.state().document.schema().tables.len(), 1);
    assert!(
        harness
            .query_by_label_contains("press T, to add a table")
            .is_none(),
        "gone after the first table"
    );
}

#[test]
fn the_model_is_titled_where_nothing_is_selected() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    assert_eq!(
        harness.state().document.title(),
        "Online shop (unsaved) — Schemaboard"
    );
    harness.get_by_label("model title").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("model title").type_text("Web shop");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(harness.state().document.schema().name, "Web shop");
    assert!(harness.state().document.title().contains('•'));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().document.schema().name,
        "Online shop",
        "undoable"
    );
    harness.get_by_label_contains("12 tables");
}
