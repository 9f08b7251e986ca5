//! Driving the app headless with egui_kittest: shared by the GUI test files.
#![allow(dead_code)]

use egui::{Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use schemaboard::gui::{App, Document};
use schemaboard::model::{ColumnId, Schema, TableId};

/// The app on a sample model, untitled.
pub fn app_on(name: &str) -> App {
    let schema = schemaboard::io::load(&crate::common::sample(name)).unwrap();
    App::new(Document::untitled(schema))
}

/// A 1200 × 800 window on `app`.
pub fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(Vec2::new(1200.0, 800.0))
        // Frames a sixtieth of a second apart, as on screen: a double-click needs two clicks
        // within 0.3 s.
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

/// The table of this name.
pub fn table<'a>(schema: &'a Schema, name: &str) -> &'a schemaboard::model::Table {
    schema
        .tables
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no table {name}"))
}

/// Screen position of a point 40 units right and 12 down from a table's top-left (its header).
pub fn header_of(harness: &Harness<'_, App>, name: &str) -> Pos2 {
    let app = harness.state();
    let position = table(app.document.schema(), name).position;
    app.view.canvas.screen_from_scene * Pos2::new(position.x + 40.0, position.y + 12.0)
}

/// Screen position inside a column's row: near its left end, or on its handle at the right end.
pub fn row_of(harness: &Harness<'_, App>, table_name: &str, column: &str, handle: bool) -> Pos2 {
    let app = harness.state();
    let table = table(app.document.schema(), table_name);
    let id = table.columns.iter().find(|c| c.name == column).unwrap().id;
    let scene = &app
        .view
        .canvas
        .scene_cache
        .as_ref()
        .expect("a frame was drawn")
        .scene;
    let card = scene.tables.iter().find(|c| c.table == table.id).unwrap();
    let row = card.rows.iter().find(|r| r.column == id).unwrap().rect;
    let x = if handle {
        row.x + row.width - 5.0
    } else {
        row.x + 20.0
    };
    app.view.canvas.screen_from_scene * Pos2::new(x, row.y + row.height / 2.0)
}

/// The scene the canvas drew last.
pub fn scene<'a>(harness: &'a Harness<'_, App>) -> &'a schemaboard::scene::Scene {
    &harness
        .state()
        .view
        .canvas
        .scene_cache
        .as_ref()
        .expect("a frame was drawn")
        .scene
}

/// Ids of a table and one of its columns.
pub fn column_id(schema: &Schema, table_name: &str, column: &str) -> (TableId, ColumnId) {
    let t = table(schema, table_name);
    (
        t.id,
        t.columns.iter().find(|c| c.name == column).unwrap().id,
    )
}

/// Presses at `from`, moves by `by` in four steps and releases, a frame each.
pub fn drag(harness: &mut Harness<'_, App>, from: Pos2, by: Vec2) {
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for step in 1..=4 {
        harness.hover_at(from + by * (step as f32 / 4.0));
        harness.run();
    }
    harness.drop_at(from + by);
    harness.run();
}

/// Clicks at a screen point with the given modifiers held.
pub fn click_at(harness: &mut Harness<'_, App>, at: Pos2, modifiers: Modifiers) {
    // Held before the click and released after it, as a hand would.
    harness.event(egui::Event::ModifiersChanged(modifiers));
    harness.hover_at(at);
    harness.run();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed,
            modifiers,
        });
    }
    harness.run();
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
}

/// Every shape the last frame handed egui to paint, nested lists opened.
pub fn painted(harness: &Harness<'_, App>) -> Vec<egui::Shape> {
    let mut out = Vec::new();
    let mut stack: Vec<egui::Shape> = harness
        .output()
        .shapes
        .iter()
        .rev()
        .map(|c| c.shape.clone())
        .collect();
    while let Some(shape) = stack.pop() {
        match shape {
            egui::Shape::Vec(shapes) => stack.extend(shapes.into_iter().rev()),
            other => out.push(other),
        }
    }
    out
}

/// Types into the field with this accessible name, over what it holds, and commits it with Enter.
pub fn type_into(harness: &mut Harness<'_, App>, field: &str, text: &str) {
    use egui_kittest::kittest::Queryable;
    // Fields far down a long inspector are scrolled to first, as a user would.
    harness.get_by_label(field).scroll_to_me();
    harness.run();
    harness.get_by_label(field).click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_label(field).type_text(text);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
}
