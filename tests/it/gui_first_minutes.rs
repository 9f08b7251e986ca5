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

/// The canvas's area on screen, as last drawn.
fn canvas_rect(harness: &egui_kittest::Harness<'static, App>) -> egui::Rect {
    harness.state().view.canvas.rect.expect("a frame was drawn")
}

/// A table's card on screen, as last drawn.
fn card_on_screen(harness: &egui_kittest::Harness<'static, App>, name: &str) -> egui::Rect {
    let app = harness.state();
    let id = crate::harness::table(app.document.schema(), name).id;
    let card = crate::harness::scene(harness)
        .tables
        .iter()
        .find(|c| c.table == id)
        .unwrap()
        .rect;
    app.view.canvas.screen_from_scene
        * egui::Rect::from_min_size(
            egui::pos2(card.x, card.y),
            egui::vec2(card.width, card.height),
        )
}

#[test]
fn a_new_table_lands_where_the_inspector_leaves_it_in_view() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    let canvas = canvas_rect(&harness);
    // A double-click near the right edge, where the inspector opens for the new table.
    let near_edge = egui::pos2(canvas.right() - 40.0, canvas.center().y);
    let before = harness.state().document.schema().tables.len();
    for _ in 0..2 {
        crate::harness::click_at(&mut harness, near_edge, Modifiers::NONE);
    }
    for _ in 0..4 {
        harness.run();
    }
    let schema = harness.state().document.schema();
    assert_eq!(schema.tables.len(), before + 1, "a table was added");
    let name = schema.tables.last().unwrap().name.clone();
    let canvas = canvas_rect(&harness);
    let card = card_on_screen(&harness, &name);
    assert!(
        canvas.contains_rect(card),
        "card {card:?} inside the canvas {canvas:?}, left of the inspector"
    );
}

#[test]
fn the_canvas_keeps_half_a_small_window() {
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(900.0, 600.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app_on("shop"));
    harness.state_mut().view.prefs.show_comments = true;
    harness.run();
    let orders = crate::harness::table(harness.state().document.schema(), "orders").id;
    harness.state_mut().view.selection.tables = [orders].into();
    for _ in 0..3 {
        harness.run();
    }
    let width = canvas_rect(&harness).width();
    assert!(width >= 450.0 - 1.0, "canvas {width} px of 900");
}

#[test]
fn far_out_a_drag_on_a_card_pans_and_fit_shows_a_large_model() {
    let schema = schemaboard::synth::generate(schemaboard::synth::Spec {
        tables: 2000,
        columns: 6,
        queries: 0,
        seed: 7,
    });
    let mut harness = harness(App::new(Document::untitled(schema)));
    harness.run();
    harness.run();
    let zoom = harness.state().view.zoom();
    let canvas = canvas_rect(&harness);
    let bounds = crate::harness::scene(&harness).bounds;
    let shown = harness.state().view.canvas.screen_from_scene
        * egui::Rect::from_min_size(
            egui::pos2(bounds.x, bounds.y),
            egui::vec2(bounds.width, bounds.height),
        );
    assert!(zoom < 0.1, "zoomed out past 10 % to fit: {zoom}");
    assert!(
        canvas.expand(1.0).contains_rect(shown),
        "{shown:?} in {canvas:?}"
    );

    let first = harness.state().document.schema().tables[0].name.clone();
    let card = card_on_screen(&harness, &first);
    let before = harness.state().document.schema().clone();
    let translation = harness.state().view.canvas.screen_from_scene.translation;
    crate::harness::drag(&mut harness, card.center(), egui::vec2(60.0, 30.0));
    assert_eq!(harness.state().document.schema(), &before, "nothing moved");
    let moved = harness.state().view.canvas.screen_from_scene.translation - translation;
    assert!(
        (moved - egui::vec2(60.0, 30.0)).length() < 2.0,
        "panned by {moved:?}"
    );
}

#[test]
fn a_new_column_comes_before_the_audit_columns_with_its_name_field_focused() {
    let mut harness = harness(App::new(Document::untitled(
        schemaboard::model::Schema::new("Untitled"),
    )));
    harness.run();
    harness.key_press(Key::T);
    harness.run();
    harness.run();
    harness.get_by_label("Add column").click();
    harness.run();
    harness.run();
    let schema = harness.state().document.schema();
    let names: Vec<&str> = schema.tables[0]
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["id", "column_1", "created_at", "updated_at"]);
    let added = schema.tables[0].columns[1].id;
    let focused = harness.ctx.memory(|m| m.focused());
    assert_eq!(focused, Some(egui::Id::unique(("column-name", added))));
}
