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

/// The shop sample in a window `width` wide, 600 high, with the comments panel on and a table
/// selected (so the inspector is open too).
fn shop_with_panels_open(width: f32) -> egui_kittest::Harness<'static, App> {
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(width, 600.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app_on("shop"));
    harness.state_mut().view.prefs.show_comments = true;
    harness.run();
    let orders = crate::harness::table(harness.state().document.schema(), "orders").id;
    harness.state_mut().view.selection.tables = [orders].into();
    for _ in 0..3 {
        harness.run();
    }
    harness
}

#[test]
fn the_canvas_keeps_half_a_small_window() {
    let harness = shop_with_panels_open(900.0);
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

    // Names read at fit-all: each drawn at 9 px or more, and enough of them to find one's way.
    let names: std::collections::HashSet<String> = harness
        .state()
        .document
        .schema()
        .tables
        .iter()
        .map(|t| t.name.clone())
        .collect();
    let sizes: Vec<f32> = crate::harness::painted(&harness)
        .into_iter()
        .filter_map(|shape| match shape {
            egui::Shape::Text(text) if names.contains(text.galley.job.text.as_str()) => {
                Some(text.galley.job.sections[0].format.font_id.size)
            }
            _ => None,
        })
        .collect();
    assert!(sizes.len() >= 40, "{} names drawn", sizes.len());
    assert!(sizes.iter().all(|s| *s >= 9.0), "{sizes:?}");

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

/// The circles whose centres lie on the card's right edge.
fn handles_on(harness: &egui_kittest::Harness<'static, App>, name: &str) -> usize {
    let card = card_on_screen(harness, name);
    crate::harness::painted(harness)
        .into_iter()
        .filter(|shape| match shape {
            egui::Shape::Circle(c) => {
                (c.center.x - card.right()).abs() < 1.0 && card.y_range().contains(c.center.y)
            }
            _ => false,
        })
        .count()
}

#[test]
fn handles_show_on_the_selected_table_and_where_a_key_would_land_lights_up() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    assert_eq!(handles_on(&harness, "customers"), 0, "none until asked for");
    let customers = crate::harness::table(harness.state().document.schema(), "customers");
    let (id, rows) = (customers.id, customers.columns.len());
    harness.state_mut().queue(AppCommand::FocusTable(id));
    for _ in 0..3 {
        harness.run();
    }
    assert_eq!(handles_on(&harness, "customers"), rows, "one per column");

    // A key dragged out of customers.id over a column of orders: that row is marked. The press
    // is 5 points outside the card: a handle is hit within 6 points of its centre at any zoom.
    let from = egui::pos2(
        card_on_screen(&harness, "customers").right() + 5.0,
        crate::harness::row_of(&harness, "customers", "id", true).y,
    );
    let onto = crate::harness::row_of(&harness, "orders", "currency", false);
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for step in 1..=4 {
        harness.hover_at(from + (onto - from) * (step as f32 / 4.0));
        harness.run();
    }
    let schema = harness.state().document.schema();
    let orders = crate::harness::table(schema, "orders");
    let note = orders
        .columns
        .iter()
        .find(|c| c.name == "currency")
        .unwrap()
        .id;
    let scene = crate::harness::scene(&harness);
    let row = scene
        .tables
        .iter()
        .find(|c| c.table == orders.id)
        .and_then(|c| c.rows.iter().find(|r| r.column == note))
        .unwrap()
        .rect;
    let to_screen = harness.state().view.canvas.screen_from_scene;
    let row = to_screen
        * egui::Rect::from_min_size(egui::pos2(row.x, row.y), egui::vec2(row.width, row.height));
    let accent = harness.ctx.global_style().visuals.selection.bg_fill;
    let marked = crate::harness::painted(&harness)
        .into_iter()
        .any(|s| match s {
            egui::Shape::Rect(r) => {
                (r.rect.min - row.min).length() < 1.0
                    && (r.rect.max - row.max).length() < 1.0
                    && r.stroke.color == accent
            }
            _ => false,
        });
    assert!(marked, "the row under the pointer is marked");
    harness.drop_at(onto);
    harness.run();
    let orders = crate::harness::table(harness.state().document.schema(), "orders");
    assert!(
        orders.foreign_keys.iter().any(|fk| fk.columns == [note]),
        "the key was made"
    );
}

#[test]
fn a_column_found_by_search_is_marked_on_its_card() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness
        .get_by_label("Find a table or column")
        .type_text("email");
    harness.run();
    harness.get_by_label("customers.email").click();
    for _ in 0..3 {
        harness.run();
    }
    let (table, column) =
        crate::harness::column_id(harness.state().document.schema(), "customers", "email");
    let selection = &harness.state().view.selection;
    assert_eq!(selection.only_table(), Some(table));
    assert_eq!(selection.column, Some(column));
    let scene = crate::harness::scene(&harness);
    let row = scene
        .tables
        .iter()
        .find(|c| c.table == table)
        .and_then(|c| c.rows.iter().find(|r| r.column == column))
        .unwrap()
        .rect;
    let to_screen = harness.state().view.canvas.screen_from_scene;
    let at = to_screen * egui::pos2(row.x + row.width / 2.0, row.y + row.height / 2.0);
    let accent = harness.ctx.global_style().visuals.selection.bg_fill;
    let marked = crate::harness::painted(&harness)
        .into_iter()
        .any(|s| match s {
            egui::Shape::Rect(r) => r.rect.contains(at) && r.stroke.color == accent,
            _ => false,
        });
    assert!(marked, "the found column's row is marked");
}

#[test]
fn zoom_keys_step_by_one_ratio_and_are_in_the_view_menu() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    harness.key_press(Key::Num0);
    harness.run();
    assert_eq!(harness.state().view.zoom(), 1.0, "0 is 100 %");
    harness.key_press(Key::Minus);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    let zoom = harness.state().view.zoom();
    assert!((zoom - 0.5).abs() < 1e-3, "two steps out halve: {zoom}");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    harness.run();
    let zoom = harness.state().view.zoom();
    assert!(
        (zoom - 0.5 * std::f32::consts::SQRT_2).abs() < 1e-3,
        "{zoom}"
    );
    assert_eq!(
        harness.ctx.zoom_factor(),
        1.0,
        "the window's text keeps its size"
    );
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Zoom in");
    harness.get_by_label_contains("Zoom out");
    harness.get_by_label_contains("Actual size");
}

/// The minimap's frame: the rectangle at the canvas's bottom-right corner drawn with a border.
fn minimap_alpha(harness: &egui_kittest::Harness<'static, App>) -> u8 {
    let canvas = canvas_rect(harness);
    crate::harness::painted(harness)
        .into_iter()
        .find_map(|shape| match shape {
            egui::Shape::Rect(r)
                if (r.rect.max - (canvas.max - egui::vec2(10.0, 10.0))).length() < 1.5 =>
            {
                Some(r.fill.a())
            }
            _ => None,
        })
        .expect("a minimap is drawn")
}

#[test]
fn the_minimap_lets_the_cards_under_it_show_until_the_pointer_comes() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    harness.run();
    // A card moved into the minimap's corner.
    let canvas = canvas_rect(&harness);
    let card = card_on_screen(&harness, "customers");
    harness
        .state_mut()
        .view
        .canvas
        .screen_from_scene
        .translation += (canvas.max - egui::vec2(50.0, 50.0)) - card.center();
    harness.run();
    let faded = minimap_alpha(&harness);
    assert!(faded < 128, "see-through over cards: alpha {faded}");
    harness.hover_at(canvas.max - egui::vec2(40.0, 40.0));
    harness.run();
    harness.run();
    let shown = minimap_alpha(&harness);
    assert!(shown > 200, "opaque under the pointer: alpha {shown}");
}

#[test]
fn the_window_and_the_desktop_entry_share_the_bundled_icon() {
    let icon = schemaboard::gui::window_icon();
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let entry = std::fs::read_to_string(root.join("assets/schemaboard.desktop")).unwrap();
    let fields: std::collections::HashMap<&str, &str> = entry
        .lines()
        .skip_while(|l| *l != "[Desktop Entry]")
        .skip(1)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split_once('=').expect("key=value"))
        .collect();
    assert_eq!(fields["Type"], "Application");
    assert_eq!(fields["Icon"], "schemaboard");
    assert_eq!(fields["Exec"].split(' ').next(), Some("schemaboard"));
    assert_eq!(fields["StartupWMClass"], "schemaboard");
    assert!(root.join("assets/icons/schemaboard.svg").exists());
}

#[test]
fn panels_fold_to_a_rail_open_from_it_and_keep_the_size_given_them() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    let orders = crate::harness::table(harness.state().document.schema(), "orders").id;
    harness.state_mut().queue(AppCommand::FocusTable(orders));
    for _ in 0..3 {
        harness.run();
    }
    let open = canvas_rect(&harness);
    assert!(
        open.right() < 900.0,
        "the inspector takes the right: {open:?}"
    );

    // Its edge dragged 80 points to the right: the size is kept once the button is let go.
    let edge = egui::pos2(open.right() + 1.0, open.center().y);
    crate::harness::drag(&mut harness, edge, egui::vec2(80.0, 0.0));
    harness.run();
    let resized = canvas_rect(&harness);
    assert!(
        (resized.right() - open.right() - 80.0).abs() < 4.0,
        "{resized:?}"
    );
    assert!(
        harness
            .state()
            .view
            .prefs
            .panel_sizes
            .contains_key("inspector-table")
    );

    harness.get_by_label("Fold Inspector").click();
    harness.run();
    harness.run();
    assert!(
        harness
            .state()
            .view
            .prefs
            .folded_panels
            .contains("inspector-table")
    );
    let folded = canvas_rect(&harness);
    assert!(
        folded.right() >= 1200.0 - 32.0,
        "only the rail is left: {folded:?}"
    );

    harness.get_by_label("Inspector").click();
    harness.run();
    harness.run();
    assert!(harness.state().view.prefs.folded_panels.is_empty());
    let again = canvas_rect(&harness);
    assert!(
        (again.right() - resized.right()).abs() < 1.0,
        "{again:?}, {resized:?}"
    );
}

#[test]
fn in_a_narrow_window_the_panels_start_folded() {
    let mut harness = shop_with_panels_open(380.0);
    let width = canvas_rect(&harness).width();
    assert!(
        width >= 380.0 - 2.0 * 32.0,
        "canvas {width} px of 380: two rails"
    );
    // Asked for, a panel opens all the same.
    harness.get_by_label("Inspector").click();
    harness.run();
    harness.run();
    assert!(canvas_rect(&harness).width() < 200.0);
}

#[test]
fn the_window_says_what_it_is_opening_until_the_model_arrives() {
    let (arrival, opened) = std::sync::mpsc::channel();
    let mut harness = harness(App::opening(schemaboard::gui::app::Opening::new(
        "big.ron".to_string(),
        opened,
    )));
    harness.step();
    harness.get_by_label_contains("Opening big.ron");
    harness.step();
    harness.get_by_label_contains("Opening big.ron");

    let schema = schemaboard::synth::generate(schemaboard::synth::Spec {
        tables: 400,
        columns: 4,
        queries: 0,
        seed: 3,
    });
    arrival
        .send((Document::untitled(schema.clone()), None))
        .unwrap();
    harness.step();
    harness.get_by_label_contains("Laying out 400 tables");
    harness.run();
    assert_eq!(harness.state().document.schema(), &schema);
    assert!(harness.query_by_label_contains("Laying out").is_none());
    assert_eq!(crate::harness::scene(&harness).tables.len(), 400);
}

#[test]
fn the_export_sql_window_keeps_its_size_and_its_buttons_in_place() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    harness.state_mut().queue(AppCommand::ExportSql);
    harness.run();
    let at = harness.get_by_label("Save as…").rect();
    harness.get_by_label("Dialect").click();
    harness.run();
    harness.get_by_label("SQLite").click();
    harness.run();
    harness.run();
    assert_eq!(
        harness.get_by_label("Save as…").rect(),
        at,
        "after the dialect"
    );
    harness
        .get_by_label_contains("this dialect cannot say")
        .click();
    harness.run();
    harness.run();
    assert_eq!(
        harness.get_by_label("Save as…").rect(),
        at,
        "with the losses shown"
    );
    let window = harness.ctx.content_rect();
    assert!(window.contains_rect(at));
}

/// Every area egui shows (menus, popups, windows) lies inside the window.
fn all_areas_inside(harness: &egui_kittest::Harness<'static, App>) {
    let window = harness.ctx.content_rect().expand(1.0);
    harness.ctx.memory(|m| {
        for layer in m.areas().visible_layer_ids() {
            if let Some(rect) = m.area_rect(layer.id) {
                assert!(
                    window.contains_rect(rect),
                    "{layer:?} at {rect:?} in {window:?}"
                );
            }
        }
    });
}

#[test]
fn type_lists_stay_inside_a_small_window() {
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(1200.0, 560.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app_on("shop"));
    harness.run();
    let orders = crate::harness::table(harness.state().document.schema(), "orders").id;
    harness.state_mut().queue(AppCommand::FocusTable(orders));
    for _ in 0..3 {
        harness.run();
    }
    let window = harness.ctx.content_rect();
    // The completions of the lowest type field that shows.
    let columns = &crate::harness::table(harness.state().document.schema(), "orders").columns;
    let field = columns
        .iter()
        .map(|c| format!("{} type", c.name))
        .filter(|label| {
            harness
                .query_by_label(label)
                .is_some_and(|f| window.contains_rect(f.rect()))
        })
        .max_by(|a, b| {
            let top = |label: &str| harness.get_by_label(label).rect().top();
            top(a).total_cmp(&top(b))
        })
        .unwrap();
    harness.get_by_label(&field).click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label(&field).type_text("t");
    harness.run();
    harness.run();
    assert!(
        harness.query_all_by_label_contains("timestamp").count() > 1,
        "completions show"
    );
    all_areas_inside(&harness);
    harness.key_press(Key::Enter);
    harness.run();
    // The whole list, from the lowest "…" beside a column's type that shows.
    let lowest = harness
        .get_all_by_label("…")
        .filter(|menu| window.contains_rect(menu.rect()))
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap();
    assert!(lowest.rect().top() > 300.0, "{:?}", lowest.rect());
    lowest.click();
    harness.run();
    harness.run();
    assert!(
        harness.query_by_label("integer").is_some(),
        "the list is open"
    );
    all_areas_inside(&harness);
}

#[test]
fn the_column_grid_fits_the_inspector() {
    let mut harness = harness(app_on("sales"));
    harness.run();
    let users = crate::harness::table(harness.state().document.schema(), "users").id;
    harness.state_mut().queue(AppCommand::FocusTable(users));
    for _ in 0..3 {
        harness.run();
    }
    let panel = egui::Rect::from_x_y_ranges(canvas_rect(&harness).right().., 0.0..=800.0);
    for field in ["id comment", "email comment", "id primary key"] {
        let rect = harness.get_by_label(field).rect();
        assert!(
            panel.expand(1.0).contains_rect(rect) && rect.right() <= 1200.0,
            "{field} at {rect:?}, panel {panel:?}"
        );
    }
    let remove = harness.get_all_by_label("×").next().unwrap().rect();
    assert!(
        remove.right() <= 1200.0,
        "the row's last button shows: {remove:?}"
    );
}

#[test]
fn where_the_systems_dialog_cannot_be_shown_the_one_in_the_window_says_why_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on("shop");
    // What rfd reports on a desktop with neither a portal nor zenity.
    app.use_file_dialog(|_, _| {
        schemaboard::gui::file_dialog::Native::Failed(
            "The name org.freedesktop.portal.Desktop was not provided by any .service files"
                .to_string(),
        )
    });
    let mut harness = harness(app);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.run();
    assert!(
        harness.state().view.dialogs.file.is_some(),
        "the dialog in the window"
    );
    harness.get_by_label_contains("could not be shown (The name org.freedesktop.portal");
    let path = dir.path().join("shop.ron");
    type_file_name(&mut harness, path.to_str().unwrap());
    harness.get_by_label("Save").click();
    harness.run();
    harness.run();
    assert!(path.is_file());
    assert!(!harness.state().document.has_unsaved_changes());
}
