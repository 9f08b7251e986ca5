//! Panels on their own (`Harness::new_ui_state`): each draws from a model it only reads and
//! answers with commands; applying those commands is what changes the model.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use schemaboard::gui::commands::AppCommand;
use schemaboard::gui::panels::export_sql::{ExportAction, ExportSql};
use schemaboard::gui::panels::inspector::Inspector;
use schemaboard::model::{Edit, Schema, SchemaBuilder, TableId};

fn model() -> (Schema, TableId) {
    let mut b = SchemaBuilder::new("panels");
    b.table("orders", (0.0, 0.0), |t| {
        t.column("id", "integer").pk();
        t.column("total", "numeric(10,2)").not_null();
    });
    let schema = b.build().unwrap();
    let id = schema.tables[0].id;
    (schema, id)
}

/// What the inspector panel is given and what it answers.
struct InspectorState {
    panel: Inspector,
    schema: Schema,
    table: TableId,
    commands: Vec<AppCommand>,
}

#[test]
fn the_inspector_reads_the_model_and_answers_with_edits_that_bring_their_own_ids() {
    let (schema, table) = model();
    let state = InspectorState {
        panel: Inspector::default(),
        schema,
        table,
        commands: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size(egui::Vec2::new(700.0, 700.0))
        .build_ui_state(
            |ui, s: &mut InspectorState| s.panel.ui(ui, &s.schema, s.table, &mut s.commands),
            state,
        );
    harness.run();
    let before = harness.state().schema.clone();
    harness.get_by_label("Add column").click();
    harness.run();
    let state = harness.state_mut();
    assert_eq!(state.schema, before, "the panel changed nothing itself");
    let commands: [AppCommand; 1] = std::mem::take(&mut state.commands).try_into().unwrap();
    let [AppCommand::Apply(edit)] = commands else {
        panic!("one edit");
    };
    assert!(matches!(*edit, Edit::Allocating { ids: 1, .. }), "{edit:?}");
    let peek = state.schema.ids.peek();
    edit.apply(&mut state.schema).unwrap();
    assert_eq!(state.schema.ids.peek(), peek + 1, "the edit took its id");
    assert_eq!(state.schema.tables[0].columns.len(), 3);
    harness.run();
    assert!(
        harness.query_all_by_label_contains("column_1").count() > 0,
        "the new column is shown"
    );
}

#[test]
fn the_export_sql_window_answers_save_with_the_script_it_shows() {
    let (schema, _) = model();
    let mut harness = Harness::new_ui_state(
        |ui, (panel, schema, answer): &mut (ExportSql, Schema, Option<(String, &str)>)| {
            if let ExportAction::Save(sql, extension) = panel.ui(ui, schema, 0) {
                *answer = Some((sql, extension));
            }
        },
        (ExportSql::default(), schema, None),
    );
    harness.run();
    harness.get_by_label("Save as…").click();
    harness.run();
    let (sql, extension) = harness.state().2.clone().expect("Save as… answers");
    assert!(sql.contains("CREATE TABLE orders"), "{sql}");
    assert_eq!(extension, "sql");
}
