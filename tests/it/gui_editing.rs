//! Modelling by hand in the app, headless with egui_kittest: every gesture is asserted on the
//! document and its history, not on pixels.
#![cfg(feature = "gui")]

use crate::common;
use crate::harness;

use egui::{Key, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use harness::{app_on, click_at, column_id, drag, harness, header_of, row_of, table, type_into};
use schemaboard::gui::App;
use schemaboard::gui::commands::AppCommand;
use schemaboard::model::{DataType, Point};

fn double_click_at(harness: &mut Harness<'_, App>, at: Pos2) {
    harness.hover_at(at);
    harness.run();
    for _ in 0..2 {
        for pressed in [true, false] {
            harness.event(egui::Event::PointerButton {
                pos: at,
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
        // One frame each: `run` may let more time pass than a double-click allows.
        harness.step();
    }
    harness.run();
}

fn deselect(harness: &mut Harness<'_, App>) {
    for _ in 0..2 {
        harness.key_press(Key::Escape);
        harness.run();
    }
    assert!(harness.state().view.selection.tables.is_empty());
}

/// Presses N over the empty top-left corner of the canvas; returns the note it added.
fn add_note(harness: &mut Harness<'_, App>) -> schemaboard::model::Note {
    harness.hover_at(Pos2::new(70.0, 70.0));
    harness.run();
    harness.key_press(Key::N);
    harness.run();
    harness.run();
    let note = harness
        .state()
        .document
        .schema()
        .notes
        .last()
        .expect("a note added");
    note.clone()
}

/// Selects `products` and `customers` (Shift+click) and groups them; returns the group.
fn group_products_and_customers(harness: &mut Harness<'_, App>) -> schemaboard::model::Group {
    // Shift+click keeps what is selected; the inspector opening after the first click takes
    // part of the canvas, so each table is found where it is now.
    for (name, modifiers) in [
        ("products", Modifiers::NONE),
        ("customers", Modifiers::SHIFT),
    ] {
        let at = header_of(harness, name);
        click_at(harness, at, modifiers);
    }
    assert_eq!(harness.state().view.selection.tables.len(), 2);
    harness.state_mut().queue(AppCommand::GroupSelection);
    harness.run();
    harness.run();
    let group = harness
        .state()
        .document
        .schema()
        .groups
        .last()
        .expect("a group made");
    group.clone()
}

/// The group as the document has it now.
fn group_now(
    harness: &Harness<'_, App>,
    id: schemaboard::model::GroupId,
) -> schemaboard::model::Group {
    harness
        .state()
        .document
        .schema()
        .group(id)
        .expect("the group")
        .clone()
}

/// Where the canvas last drew a group's area (scene units).
fn drawn_group(
    harness: &Harness<'_, App>,
    id: schemaboard::model::GroupId,
) -> schemaboard::model::Rect {
    let scene = harness::scene(harness);
    scene
        .groups
        .iter()
        .find(|g| g.group == id)
        .expect("drawn")
        .rect
}

/// Where the canvas last drew a note (scene units).
fn drawn_note(
    harness: &Harness<'_, App>,
    id: schemaboard::model::NoteId,
) -> schemaboard::model::Rect {
    let scene = harness::scene(harness);
    scene
        .notes
        .iter()
        .find(|n| n.note == id)
        .expect("drawn")
        .rect
}

fn scene_point_under(app: &App, screen: Pos2) -> Pos2 {
    app.view.canvas.screen_from_scene.inverse() * screen
}

#[test]
fn double_click_adds_a_table_there_and_the_inspector_renames_and_edits_its_columns() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    let tables = harness.state().document.schema().tables.len();
    // The top-left corner of the canvas is empty in every sample layout.
    let at = Pos2::new(60.0, 60.0);
    let expected = scene_point_under(harness.state(), at);
    double_click_at(&mut harness, at);
    harness.run();
    let schema = harness.state().document.schema().clone();
    assert_eq!(schema.tables.len(), tables + 1, "one table added");
    let added = schema.tables.last().unwrap();
    assert_eq!(added.name, "new_table");
    assert!(
        (added.position.x - expected.x).abs() < 1.0 && (added.position.y - expected.y).abs() < 1.0
    );
    let names: Vec<&str> = added.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["id", "created_at", "updated_at"], "the template");
    assert_eq!(harness.state().document.history().undo_len(), 1);
    assert!(
        harness.state().view.selection.tables.contains(&added.id),
        "selected for the inspector"
    );

    // Rename it: one edit when the field is committed, not one per letter.
    type_into(&mut harness, "table name", "refunds");
    let schema = harness.state().document.schema();
    assert_eq!(schema.tables.last().unwrap().name, "refunds");
    assert_eq!(harness.state().document.history().undo_len(), 2);

    // Add a column, rename and retype it, make it NOT NULL.
    harness.get_by_label("Add column").click();
    harness.run();
    harness.run();
    assert_eq!(
        table(harness.state().document.schema(), "refunds")
            .columns
            .len(),
        4
    );
    type_into(&mut harness, "column_1 name", "amount");
    type_into(&mut harness, "amount type", "numeric(12,2)");
    harness.get_by_label("amount not null").click();
    harness.run();
    harness.run();
    let payments = table(harness.state().document.schema(), "refunds");
    let amount = payments
        .columns
        .iter()
        .find(|c| c.name == "amount")
        .unwrap();
    assert_eq!(
        amount.data_type,
        DataType::Numeric {
            precision: Some(12),
            scale: Some(2)
        }
    );
    assert!(!amount.nullable);
    assert_eq!(harness.state().document.history().undo_len(), 6);

    // Every step undoes; five undos leave the bare template table.
    for _ in 0..5 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run();
    }
    let last = harness
        .state()
        .document
        .schema()
        .tables
        .last()
        .unwrap()
        .clone();
    assert_eq!(last.name, "new_table");
    assert_eq!(last.columns.len(), 3);
}

#[test]
fn the_t_key_adds_a_table_and_delete_removes_the_selection_undoably() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    let before = harness.state().document.schema().clone();
    harness.hover_at(Pos2::new(80.0, 80.0));
    harness.run();
    harness.key_press(Key::T);
    harness.run();
    harness.run();
    assert_eq!(
        harness.state().document.schema().tables.len(),
        before.tables.len() + 1
    );
    // Escape leaves the new table's name field, then clears the selection (closing the
    // inspector, which covers part of the canvas).
    deselect(&mut harness);

    // Delete "orders" (and with it the foreign keys that point at it).
    let orders_header = header_of(&harness, "orders");
    click_at(&mut harness, orders_header, Modifiers::NONE);
    let orders = table(harness.state().document.schema(), "orders").id;
    assert_eq!(
        harness
            .state()
            .view
            .selection
            .tables
            .iter()
            .collect::<Vec<_>>(),
        [&orders]
    );
    harness.key_press(Key::Delete);
    harness.run();
    harness.run();
    let schema = harness.state().document.schema();
    assert!(schema.table(orders).is_none(), "deleted");
    assert!(
        schema
            .tables
            .iter()
            .all(|t| t.foreign_keys.iter().all(|fk| fk.references != orders)),
        "and nothing references it"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let restored = harness.state().document.schema();
    assert_eq!(restored.tables.len(), before.tables.len() + 1);
    assert_eq!(
        restored.table(orders),
        before.table(orders),
        "one undo brings it back whole"
    );
    let fks = |s: &schemaboard::model::Schema| {
        s.tables.iter().map(|t| t.foreign_keys.len()).sum::<usize>()
    };
    assert_eq!(
        fks(restored),
        fks(&before),
        "with the keys that pointed at it"
    );
}

#[test]
fn a_rubber_band_selects_several_tables_which_then_move_together_in_one_step() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    let before = harness.state().document.schema().clone();
    // A band around the whole canvas selects every table wholly inside it.
    harness.event(egui::Event::ModifiersChanged(Modifiers::SHIFT));
    drag(
        &mut harness,
        Pos2::new(10.0, 40.0),
        Vec2::new(1175.0, 640.0),
    );
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
    let selected = harness.state().view.selection.tables.len();
    assert!(selected >= 3, "{selected} tables selected");
    assert_eq!(
        harness.state().document.history().undo_len(),
        0,
        "selecting edits nothing"
    );

    let start = header_of(&harness, "orders");
    drag(&mut harness, start, Vec2::new(60.0, 30.0));
    let after = harness.state().document.schema();
    let moved = after
        .tables
        .iter()
        .zip(&before.tables)
        .filter(|(a, b)| a.position != b.position)
        .count();
    assert_eq!(moved, selected, "every selected table moved");
    assert_eq!(
        harness.state().document.history().undo_len(),
        1,
        "in one step"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().document.schema(), &before);
}

#[test]
fn dragging_a_column_handle_onto_a_column_creates_a_foreign_key() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    // A new table, then a key dragged from customers.id onto its plain column.
    harness
        .state_mut()
        .queue(AppCommand::AddTableAt(Point::new(-600.0, -400.0)));
    harness.run();
    deselect(&mut harness);
    harness.state_mut().queue(AppCommand::FitAll);
    harness.run();
    harness.run();
    let before_keys = table(harness.state().document.schema(), "new_table")
        .foreign_keys
        .len();
    assert_eq!(before_keys, 0);
    let from = row_of(&harness, "customers", "id", true);
    let onto = row_of(&harness, "new_table", "created_at", false);
    drag(&mut harness, from, onto - from);
    let schema = harness.state().document.schema().clone();
    let new_table = table(&schema, "new_table");
    assert_eq!(new_table.foreign_keys.len(), 1, "one foreign key made");
    let fk = &new_table.foreign_keys[0];
    let (customers, customer_id) = column_id(&schema, "customers", "id");
    assert_eq!(fk.references, customers);
    assert_eq!(fk.referenced_columns, [customer_id]);
    assert_eq!(
        fk.columns,
        [column_id(&schema, "new_table", "created_at").1]
    );
    let history = harness.state().document.history();
    assert_eq!(history.undo_len(), 2, "the table, then the key");

    // Onto the header: a new column typed like the key, referencing it.
    let from = row_of(&harness, "customers", "id", true);
    let onto = header_of(&harness, "new_table");
    drag(&mut harness, from, onto - from);
    let schema = harness.state().document.schema();
    let new_table = table(schema, "new_table");
    let made = new_table
        .columns
        .iter()
        .find(|c| c.name == "customer_id")
        .expect("column made");
    assert_eq!(
        made.data_type,
        table(schema, "customers").columns[0].data_type
    );
    assert_eq!(new_table.foreign_keys.len(), 2);
}

#[test]
fn copy_and_paste_duplicate_the_selected_tables_with_new_names() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    let count = harness.state().document.schema().tables.len();
    let orders_header = header_of(&harness, "orders");
    click_at(&mut harness, orders_header, Modifiers::NONE);
    harness.event(egui::Event::Copy);
    harness.run();
    harness.run();
    let copied = harness.state().view.clipboard.clone().expect("copied");
    harness.event(egui::Event::Paste(copied.clone()));
    harness.run();
    harness.run();
    let schema = harness.state().document.schema();
    assert_eq!(schema.tables.len(), count + 1);
    let pasted = table(schema, "orders_2");
    let orders = table(schema, "orders");
    assert_ne!(pasted.id, orders.id);
    assert_eq!(pasted.columns.len(), orders.columns.len());
    assert_eq!(
        (
            pasted.position.x - orders.position.x,
            pasted.position.y - orders.position.y
        ),
        (40.0, 40.0),
        "offset so it does not hide the original"
    );
    assert_eq!(harness.state().document.history().undo_len(), 1);
    // The same text pasted into another model (another window) brings the table there too.
    let mut other = harness_on_empty();
    other.event(egui::Event::Paste(copied));
    other.run();
    other.run();
    assert_eq!(other.state().document.schema().tables.len(), 1);
    assert_eq!(other.state().document.schema().tables[0].name, "orders");
}

fn harness_on_empty() -> Harness<'static, App> {
    let app = App::new(schemaboard::gui::Document::untitled(
        schemaboard::model::Schema::new("empty"),
    ));
    let mut harness = harness(app);
    harness.run();
    harness
}

#[test]
fn zooming_keeps_the_point_under_the_pointer_fixed() {
    let mut harness = harness(app_on("sales"));
    harness.run();
    let pointer = Pos2::new(500.0, 300.0);
    harness.hover_at(pointer);
    harness.run();
    let before = scene_point_under(harness.state(), pointer);
    let zoom = harness.state().view.zoom();
    harness.event(egui::Event::Zoom(1.5));
    harness.run();
    let after = scene_point_under(harness.state(), pointer);
    assert!(
        (harness.state().view.zoom() - zoom * 1.5).abs() < 1e-3,
        "zoomed in"
    );
    assert!(
        (after - before).length() < 0.01,
        "{before:?} moved to {after:?}"
    );
    harness.event(egui::Event::Zoom(0.5));
    harness.run();
    let again = scene_point_under(harness.state(), pointer);
    assert!((again - before).length() < 0.01);
}

#[test]
fn search_jumps_to_a_table_and_selects_it() {
    let mut harness = harness(app_on("sales"));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.run();
    harness
        .get_by_label("Find a table or column")
        .type_text("retailers");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.run();
    let app = harness.state();
    let hit = app
        .document
        .schema()
        .tables
        .iter()
        .find(|t| t.name == "retailers")
        .expect("sales has a retailers table");
    assert_eq!(
        app.view.selection.tables.iter().collect::<Vec<_>>(),
        [&hit.id]
    );
    assert!(app.view.panels.search.is_none(), "the box closes");
    // The table is centred in the canvas.
    let card = app
        .view
        .canvas
        .scene_cache
        .as_ref()
        .unwrap()
        .scene
        .tables
        .iter()
        .find(|c| c.table == hit.id)
        .unwrap()
        .rect;
    let centre = app.view.canvas.screen_from_scene
        * Pos2::new(card.x + card.width / 2.0, card.y + card.height / 2.0);
    let canvas = app.view.canvas.rect.unwrap();
    assert!(
        (centre - canvas.center()).length() < 2.0,
        "{centre:?} vs {:?}",
        canvas.center()
    );
}

#[test]
fn auto_layout_moves_the_other_tables_but_leaves_pinned_ones() {
    let mut harness = harness(app_on("sales"));
    harness.run();
    // Pin one table through the inspector.
    let customers = header_of(&harness, "users");
    click_at(&mut harness, customers, Modifiers::NONE);
    harness
        .get_by_label("auto-layout leaves it where it is")
        .click();
    harness.run();
    harness.run();
    let before = harness.state().document.schema().clone();
    assert!(table(&before, "users").pinned);
    harness
        .state_mut()
        .queue(AppCommand::AutoLayout { selection: false });
    harness.run();
    harness.run();
    let after = harness.state().document.schema();
    assert_eq!(
        table(after, "users").position,
        table(&before, "users").position
    );
    let moved = after
        .tables
        .iter()
        .zip(&before.tables)
        .filter(|(a, b)| a.position != b.position)
        .count();
    assert!(moved > 0, "the others were arranged");
    assert_eq!(
        harness.state().document.history().undo_len(),
        2,
        "pin, then one layout step"
    );
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("shop.ron");
    std::fs::copy(common::sample("shop"), &path).unwrap();
    let app = App::new(schemaboard::gui::Document::open(&path).unwrap());
    let mut harness = harness(app);
    harness.run();
    // Nothing changed: quitting does not ask.
    harness.state_mut().queue(AppCommand::Quit);
    harness.run();
    harness.run();
    assert!(harness.state().view.dialogs.unsaved_prompt.is_none());

    let orders = header_of(&harness, "orders");
    drag(&mut harness, orders, Vec2::new(50.0, 0.0));
    harness.state_mut().queue(AppCommand::Quit);
    harness.run();
    harness.run();
    assert_eq!(
        harness.state().view.dialogs.unsaved_prompt,
        Some(AppCommand::Quit)
    );
    harness.get_by_label("Save changes?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(
        harness.state().view.dialogs.unsaved_prompt.is_none(),
        "cancelled: still open"
    );
    assert!(harness.state().document.has_unsaved_changes());

    harness.state_mut().queue(AppCommand::Quit);
    harness.run();
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    harness.run();
    harness.run();
    assert!(
        !harness.state().document.has_unsaved_changes(),
        "saved before closing"
    );
    let saved = schemaboard::io::load(&path).unwrap();
    let text = schemaboard::io::to_ron_string;
    assert_eq!(text(&saved), text(harness.state().document.schema()));
}

#[test]
fn z_zooms_to_the_selection_and_the_minimap_moves_the_view() {
    let mut harness = harness(app_on("sales"));
    harness.run();
    let fitted = harness.state().view.zoom();
    let users = header_of(&harness, "users");
    click_at(&mut harness, users, Modifiers::NONE);
    harness.key_press(Key::Z);
    harness.run();
    harness.run();
    let app = harness.state();
    assert!(app.view.zoom() > fitted, "zoomed in on one table");
    let id = table(app.document.schema(), "users").id;
    let scene = &app.view.canvas.scene_cache.as_ref().unwrap().scene;
    let card = scene.tables.iter().find(|c| c.table == id).unwrap().rect;
    let canvas = app.view.canvas.rect.unwrap();
    let on_screen = egui::Rect::from_min_max(
        app.view.canvas.screen_from_scene * Pos2::new(card.x, card.y),
        app.view.canvas.screen_from_scene * Pos2::new(card.x + card.width, card.y + card.height),
    );
    assert!(
        canvas.contains_rect(on_screen),
        "{on_screen:?} inside {canvas:?}"
    );

    // A click in the minimap's top-left corner brings the diagram's top-left into view.
    let canvas = harness.state().view.canvas.rect.unwrap();
    let bounds = harness::scene(&harness).bounds;
    let scale = 180.0 / bounds.width.max(bounds.height);
    let map_min =
        canvas.max - Vec2::new(bounds.width * scale, bounds.height * scale) - Vec2::splat(12.0);
    let before = harness.state().view.canvas.screen_from_scene;
    click_at(&mut harness, map_min + Vec2::splat(2.0), Modifiers::NONE);
    let view = &harness.state().view;
    assert_ne!(view.canvas.screen_from_scene, before, "the view moved");
    let centre = view.canvas.screen_from_scene.inverse() * canvas.center();
    // Two points into the map is 2 / scale units into the diagram.
    let expected = Pos2::new(bounds.x + 2.0 / scale, bounds.y + 2.0 / scale);
    assert!(
        (centre - expected).length() < 1.0,
        "{expected:?} should be at the centre, {centre:?} is"
    );
    assert_eq!(
        harness.state().document.history().undo_len(),
        0,
        "navigation edits nothing"
    );
}

#[test]
fn notes_are_added_with_n_edited_in_the_inspector_dragged_and_deleted() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    let note = add_note(&mut harness);
    assert_eq!(harness.state().view.selection.note, Some(note.id));
    harness.get_by_label("note text").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("note text")
        .type_text("Orders are never deleted.");
    harness.run();
    // Leave the field: a click on the empty canvas commits the text.
    click_at(&mut harness, Pos2::new(30.0, 300.0), Modifiers::NONE);
    let text = |h: &Harness<'_, App>| {
        h.state()
            .document
            .schema()
            .note(note.id)
            .map(|n| n.text.clone())
    };
    assert_eq!(text(&harness).as_deref(), Some("Orders are never deleted."));

    // Drag it by its body: one step.
    let undo = harness.state().document.history().undo_len();
    let on_note = harness.state().view.canvas.screen_from_scene
        * Pos2::new(note.position.x + 10.0, note.position.y + 5.0);
    drag(&mut harness, on_note, Vec2::new(120.0, 60.0));
    let moved = harness
        .state()
        .document
        .schema()
        .note(note.id)
        .unwrap()
        .position;
    assert!(
        moved.x > note.position.x + 50.0 && moved.y > note.position.y + 20.0,
        "{moved:?}"
    );
    assert_eq!(harness.state().document.history().undo_len(), undo + 1);
    assert_eq!(harness.state().view.selection.note, Some(note.id));

    harness.key_press(Key::Delete);
    harness.run();
    harness.run();
    assert!(text(&harness).is_none(), "deleted");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(text(&harness).is_some(), "undone");
}

#[test]
fn selected_tables_become_a_group_that_moves_by_its_label_and_is_renamed_in_the_inspector() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    let group = group_products_and_customers(&mut harness);
    let schema = harness.state().document.schema().clone();
    for name in ["products", "customers"] {
        assert_eq!(
            table(&schema, name).group,
            Some(group.id),
            "{name} in the group"
        );
    }
    assert_eq!(harness.state().view.selection.group, Some(group.id));
    type_into(&mut harness, "group name", "Ordering");
    assert_eq!(group_now(&harness, group.id).name, "Ordering");

    // Drag the group by its label band: both tables move, nothing else, in one step.
    let before = harness.state().document.schema().clone();
    let area = drawn_group(&harness, group.id);
    let label =
        harness.state().view.canvas.screen_from_scene * Pos2::new(area.x + 30.0, area.y + 6.0);
    drag(&mut harness, label, Vec2::new(0.0, 100.0));
    let after = harness.state().document.schema();
    let moved: Vec<&str> = after
        .tables
        .iter()
        .zip(&before.tables)
        .filter(|(a, b)| a.position != b.position)
        .map(|(a, _)| a.name.as_str())
        .collect();
    assert_eq!(moved.len(), 2, "moved {moved:?}");
    assert!(moved.contains(&"products") && moved.contains(&"customers"));
    assert_eq!(
        harness.state().document.history().undo_len(),
        3,
        "group, rename, one move"
    );
}

#[test]
fn notes_and_group_areas_are_resized_by_their_grips_and_a_sized_area_moves_with_its_group() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    let note = add_note(&mut harness);
    let card = drawn_note(&harness, note.id);
    let undo = harness.state().document.history().undo_len();
    // The selected note's grip is its bottom-right corner; dragging it right widens the note.
    let to_screen = harness.state().view.canvas.screen_from_scene;
    let grip = to_screen * Pos2::new(card.x + card.width, card.y + card.height);
    let by = Vec2::new(120.0 * to_screen.scaling, 0.0);
    drag(&mut harness, grip, by);
    let widened = harness
        .state()
        .document
        .schema()
        .note(note.id)
        .unwrap()
        .clone();
    assert!(
        (widened.width - (note.width + 120.0)).abs() <= 10.0,
        "{} -> {}",
        note.width,
        widened.width
    );
    assert_eq!(widened.position, note.position, "resizing does not move it");
    assert_eq!(harness.state().document.history().undo_len(), undo + 1);

    // Group two tables; its area follows them until a grip sizes it by hand.
    harness.key_press(Key::Escape);
    harness.run();
    let group = group_products_and_customers(&mut harness);
    assert_eq!(group.area, None);
    let fitted = drawn_group(&harness, group.id);
    let to_screen = harness.state().view.canvas.screen_from_scene;
    let corner = to_screen * Pos2::new(fitted.x + fitted.width, fitted.y + fitted.height);
    drag(
        &mut harness,
        corner,
        Vec2::new(80.0, 50.0) * to_screen.scaling,
    );
    let area = group_now(&harness, group.id).area.expect("sized by hand");
    assert!((area.x - fitted.x).abs() <= 10.0 && (area.y - fitted.y).abs() <= 10.0);
    assert!(
        (area.width - (fitted.width + 80.0)).abs() <= 10.0
            && (area.height - (fitted.height + 50.0)).abs() <= 10.0,
        "{fitted:?} -> {area:?}"
    );

    // Dragging the label moves the tables and the hand-sized area together, in one step.
    let undo = harness.state().document.history().undo_len();
    let products = table(harness.state().document.schema(), "products").position;
    let label =
        harness.state().view.canvas.screen_from_scene * Pos2::new(area.x + 30.0, area.y + 6.0);
    let by = Vec2::new(0.0, 100.0) * harness.state().view.zoom();
    drag(&mut harness, label, by);
    let schema = harness.state().document.schema();
    let moved = table(schema, "products").position;
    let area_after = schema.group(group.id).unwrap().area.unwrap();
    assert!(moved.y > products.y + 50.0, "{products:?} -> {moved:?}");
    assert_eq!(
        area_after.y - area.y,
        moved.y - products.y,
        "the area kept up"
    );
    assert_eq!(area_after.x - area.x, moved.x - products.x);
    assert_eq!(harness.state().document.history().undo_len(), undo + 1);

    // The inspector lets the area follow its tables again.
    harness.get_by_label("Fit the area to its tables").click();
    harness.run();
    harness.run();
    assert_eq!(group_now(&harness, group.id).area, None);
}

#[test]
fn the_inspector_adds_indexes_checks_and_dependencies() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    let customers = header_of(&harness, "customers");
    click_at(&mut harness, customers, Modifiers::NONE);
    let before = table(harness.state().document.schema(), "customers").clone();
    let mut add = |field: &str, text: &str, button: &str| {
        harness.get_by_label(field).click();
        harness.run();
        harness.get_by_label(field).type_text(text);
        harness.run();
        harness.get_by_label(button).click();
        harness.run();
        harness.run();
    };
    add("index columns", "email", "Add index");
    add("check expression", "length(email) > 3", "Add check");
    add("functional dependency", "id -> email", "Declare dependency");
    add("index columns", "nonexistent", "Add index");
    let after = table(harness.state().document.schema(), "customers");
    assert_eq!(after.indexes.len(), before.indexes.len() + 1);
    assert_eq!(after.checks.len(), before.checks.len() + 1);
    assert_eq!(after.dependencies.len(), before.dependencies.len() + 1);
    assert_eq!(after.checks.last().unwrap().expression, "length(email) > 3");
    harness.get_by_label_contains("no column nonexistent in customers");
    assert_eq!(
        harness.state().document.history().undo_len(),
        3,
        "one step each"
    );
}

#[test]
fn the_type_field_completes_portable_types_and_the_target_dialects_own() {
    let mut schema = schemaboard::io::load(&common::sample("shop")).unwrap();
    schema.check_settings.dialects = vec![schemaboard::model::Dialect::MsSql];
    let mut harness = harness(App::new(schemaboard::gui::Document::untitled(schema)));
    harness.run();
    let customers = header_of(&harness, "customers");
    click_at(&mut harness, customers, Modifiers::NONE);
    let type_of = |harness: &Harness<'_, App>, column: &str| {
        let table = table(harness.state().document.schema(), "customers");
        let column = table.columns.iter().find(|c| c.name == column).unwrap();
        column.data_type.clone()
    };
    let start_typing = |harness: &mut Harness<'_, App>, field: &str, text: &str| {
        harness.get_by_label(field).click();
        harness.run();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness.run();
        harness.get_by_label(field).type_text(text);
        harness.run();
    };

    // A type only SQL Server has, offered because the model targets it; Enter takes it.
    start_typing(&mut harness, "email type", "hier");
    harness.key_press(Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(
        type_of(&harness, "email"),
        DataType::Raw("hierarchyid".into())
    );
    assert_eq!(harness.state().document.history().undo_len(), 1);
    assert!(
        !harness.ctx.text_edit_focused(),
        "taking a suggestion ends the editing"
    );

    // `time` offers time, timetz, timestamp, timestamptz in that order: two down is timestamp.
    start_typing(&mut harness, "email type", "time");
    harness.key_press(Key::ArrowDown);
    harness.run();
    harness.key_press(Key::ArrowDown);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(type_of(&harness, "email"), DataType::Timestamp);
    assert_eq!(harness.state().document.history().undo_len(), 2);

    // A type no list has is kept as typed when nothing matches it.
    start_typing(&mut harness, "email type", "varchar(80)");
    harness.key_press(Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(type_of(&harness, "email"), DataType::Varchar(Some(80)));

    // Escape closes the list, and a second one leaves the field unchanged.
    start_typing(&mut harness, "email type", "jso");
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    harness.run();
    assert_eq!(type_of(&harness, "email"), DataType::Varchar(Some(80)));
    assert_eq!(harness.state().document.history().undo_len(), 3);
}

#[test]
fn columns_are_reordered_by_dragging_their_handle_in_the_inspector() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    let customers = header_of(&harness, "customers");
    click_at(&mut harness, customers, Modifiers::NONE);
    let names = |harness: &Harness<'_, App>| -> Vec<String> {
        let table = table(harness.state().document.schema(), "customers");
        table.columns.iter().map(|c| c.name.clone()).collect()
    };
    let before = names(&harness);
    assert_eq!(before[1..4], ["email", "full_name", "password_hash"]);
    // Drop `email` just below the middle of `password_hash`'s row.
    let from = harness.get_by_label("move email").rect().center();
    let onto = harness.get_by_label("move password_hash").rect();
    let by = Pos2::new(from.x, onto.center().y + onto.height() * 0.3) - from;
    drag(&mut harness, from, by);
    harness.run();
    let after = names(&harness);
    assert_eq!(
        after[1..4],
        ["full_name", "password_hash", "email"],
        "{after:?}"
    );
    assert_eq!(harness.state().document.history().undo_len(), 1, "one step");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(names(&harness), before);
}

#[test]
fn clicking_a_relationship_selects_it_and_delete_removes_only_the_key() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    // The middle of the longest segment of the first relationship's line.
    let line = harness::scene(&harness).connectors[0].clone();
    let (a, b) = line
        .points
        .windows(2)
        .map(|w| (w[0], w[1]))
        .max_by(|(a, b), (c, d)| {
            let len = |p: schemaboard::model::Point, q: schemaboard::model::Point| {
                (q.x - p.x).abs() + (q.y - p.y).abs()
            };
            len(*a, *b).total_cmp(&len(*c, *d))
        })
        .unwrap();
    let on_line = harness.state().view.canvas.screen_from_scene
        * Pos2::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
    click_at(&mut harness, on_line, Modifiers::NONE);
    let view = &harness.state().view;
    assert_eq!(view.selection.fk, Some(line.foreign_key));
    assert_eq!(
        view.selection.tables.iter().collect::<Vec<_>>(),
        [&line.from_table]
    );
    let keys = |h: &Harness<'_, App>| {
        h.state()
            .document
            .schema()
            .table(line.from_table)
            .unwrap()
            .foreign_keys
            .iter()
            .map(|fk| fk.id)
            .collect::<Vec<_>>()
    };
    assert!(keys(&harness).contains(&line.foreign_key));
    harness.key_press(Key::Delete);
    harness.run();
    harness.run();
    assert!(
        !keys(&harness).contains(&line.foreign_key),
        "the key is gone"
    );
    assert!(
        harness
            .state()
            .document
            .schema()
            .table(line.from_table)
            .is_some(),
        "the table stays"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(keys(&harness).contains(&line.foreign_key), "undone");
}

#[test]
fn a_table_can_become_the_template_for_new_tables() {
    let mut harness = harness(app_on("shop"));
    harness.run();
    let customers = header_of(&harness, "customers");
    click_at(&mut harness, customers, Modifiers::NONE);
    harness.get_by_label("Edit").click();
    harness.run();
    harness
        .get_by_label("New tables start like the selected one")
        .click();
    harness.run();
    harness.run();
    assert!(harness.state().document.schema().table_template.is_some());
    harness
        .state_mut()
        .queue(AppCommand::AddTableAt(Point::new(-900.0, -900.0)));
    harness.run();
    let schema = harness.state().document.schema();
    let names = |t: &schemaboard::model::Table| {
        t.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>()
    };
    let added = schema.tables.last().unwrap();
    assert_eq!(names(added), names(table(schema, "customers")));
    assert_eq!(
        harness.state().document.history().undo_len(),
        2,
        "template, table"
    );
}

/// Ctrl+S typed while a name is being edited saves the model with that name: the field gives
/// up its text first.
#[test]
fn ctrl_s_in_a_text_field_saves_what_it_holds() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("shop.ron");
    std::fs::copy(common::sample("shop"), &path).unwrap();
    let document = schemaboard::gui::Document::open(&path).unwrap();
    let mut harness = harness(App::new(document));
    harness.run();
    let customers = header_of(&harness, "customers");
    click_at(&mut harness, customers, Modifiers::NONE);
    harness.get_by_label("table name").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label("table name").type_text("clients");
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = schemaboard::io::load(&path).unwrap();
    assert!(
        saved.tables.iter().any(|t| t.name == "clients"),
        "the typed name is saved"
    );
    assert!(
        !harness.state().document.has_unsaved_changes(),
        "and the window knows"
    );
}
