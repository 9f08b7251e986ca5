//! Views, materialized views, functions, procedures and triggers: the model keeps them as the
//! SQL that creates them. Listed for the model and, for a table, the triggers on it and the
//! views that read it; each is written in a SQL editor (highlighted, read as an import reads a
//! script, with the parser's complaint at its line) and saved as one undoable edit.

use super::*;
use crate::import::object::read_object;
use crate::model::verbatim::REDEFINABLE;
use crate::model::{Dialect, VerbatimSql};

/// An object being written in the editor.
#[derive(Debug)]
pub(super) struct SqlEditor {
    /// The object being rewritten, by [`VerbatimSql::key`]; `None` for a new one.
    editing: Option<(String, String)>,
    /// The statement as typed.
    text: String,
    /// The dialect it is written in.
    dialect: Dialect,
    /// Why the last save was refused.
    refused: Option<String>,
}

/// The statement a new object of `kind` starts from, in `dialect`, for `table` where given.
fn template(kind: &str, dialect: Dialect, table: Option<&str>) -> String {
    let table = table.unwrap_or("orders");
    match (kind, dialect) {
        ("view", _) => format!("CREATE VIEW {table}_summary AS\nSELECT *\nFROM {table}"),
        ("materialized view", _) => {
            format!(
                "CREATE MATERIALIZED VIEW {table}_totals AS\nSELECT count(*) AS rows\nFROM {table}"
            )
        }
        ("function", Dialect::Postgres) => "CREATE FUNCTION set_updated_at() RETURNS trigger\n\
             LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$"
            .to_string(),
        ("function", Dialect::MsSql) => "CREATE FUNCTION dbo.order_total(@order_id int) \
             RETURNS decimal(12, 2)\nAS\nBEGIN\n  RETURN 0\nEND"
            .to_string(),
        ("function", _) => "CREATE FUNCTION order_total(order_id int) RETURNS decimal(12, 2)\n\
             DETERMINISTIC\nRETURN 0"
            .to_string(),
        ("procedure", Dialect::Postgres) => {
            format!("CREATE PROCEDURE archive_{table}()\nLANGUAGE sql AS $$\n  SELECT 1\n$$")
        }
        ("procedure", Dialect::MsSql) => {
            format!("CREATE PROCEDURE archive_{table}\nAS\nSELECT 1")
        }
        ("procedure", _) => format!("CREATE PROCEDURE archive_{table}()\nSELECT 1"),
        ("trigger", Dialect::Postgres) => format!(
            "CREATE TRIGGER {table}_set_updated_at\nBEFORE UPDATE ON {table}\n\
             FOR EACH ROW EXECUTE FUNCTION set_updated_at()"
        ),
        ("trigger", Dialect::MySql) => format!(
            "CREATE TRIGGER {table}_before_update\nBEFORE UPDATE ON {table}\n\
             FOR EACH ROW SET NEW.updated_at = CURRENT_TIMESTAMP"
        ),
        ("trigger", Dialect::Sqlite) => format!(
            "CREATE TRIGGER {table}_after_update\nAFTER UPDATE ON {table}\nBEGIN\n  \
             UPDATE {table} SET updated_at = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid;\nEND"
        ),
        ("trigger", Dialect::MsSql) => {
            format!("CREATE TRIGGER {table}_after_update\nON {table}\nAFTER UPDATE\nAS\nSELECT 1")
        }
        _ => String::new(),
    }
}

/// SQL laid out with its keywords, strings and comments highlighted, for a text field's
/// layouter.
pub(super) fn highlighted_sql(
    ui: &egui::Ui,
    text: &dyn egui::TextBuffer,
    wrap: f32,
) -> std::sync::Arc<egui::Galley> {
    let theme = egui_extras::syntax_highlighting::CodeTheme::from_style(ui.style());
    let mut job = egui_extras::syntax_highlighting::highlight(
        ui.ctx(),
        ui.style(),
        &theme,
        text.as_str(),
        "sql",
    );
    job.wrap.max_width = wrap;
    ui.fonts_mut(|f| f.layout_job(job))
}

/// The model's objects with `object` put where the one keyed `editing` was (or added), or why
/// it cannot be: another object of its kind has its name.
fn with_object(
    schema: &Schema,
    editing: Option<&(String, String)>,
    object: VerbatimSql,
) -> Result<Vec<VerbatimSql>, String> {
    let key = object.key();
    let clash = schema
        .verbatim
        .iter()
        .any(|o| o.key() == key && Some(&o.key()) != editing);
    if clash {
        return Err(format!(
            "There is a {} named {} already.",
            object.kind, object.name
        ));
    }
    let mut objects = schema.verbatim.clone();
    match editing.and_then(|k| objects.iter().position(|o| &o.key() == k)) {
        Some(at) => objects[at] = object,
        None => objects.push(object),
    }
    Ok(objects)
}

impl Inspector {
    /// The model's views and routines, with buttons that start new ones.
    pub(super) fn sql_objects_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        edits: &mut Vec<Edit>,
    ) {
        ui.heading("Views and routines");
        let mut others: std::collections::BTreeMap<&str, usize> = Default::default();
        let mut any = false;
        for object in &schema.verbatim {
            if REDEFINABLE.contains(&object.kind.as_str()) {
                any = true;
                self.object_row(ui, schema, object, edits);
            } else {
                *others.entry(object.kind.as_str()).or_default() += 1;
            }
        }
        if !any {
            ui.weak("None yet: views, functions, procedures and triggers are written as SQL.");
        }
        ui.horizontal_wrapped(|ui| {
            for kind in REDEFINABLE {
                if ui.button(format!("New {kind}")).clicked() {
                    self.open_editor(schema, kind, None);
                }
            }
        });
        if !others.is_empty() {
            let kept: Vec<String> = others
                .iter()
                .map(|(kind, n)| crate::words::count(*n, kind))
                .collect();
            ui.weak(format!("Also kept as imported: {}.", kept.join(", ")));
        }
        ui.separator();
    }

    /// The triggers on `table` and the views that read it.
    pub(super) fn table_sql_objects_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: &Table,
        edits: &mut Vec<Edit>,
    ) {
        ui.heading("Triggers and views");
        let mut any = false;
        for object in &schema.verbatim {
            let on_it = match object.kind.as_str() {
                "trigger" => object.is_trigger_on(table),
                "view" | "materialized view" => object.mentions(&table.name),
                _ => false,
            };
            if on_it {
                any = true;
                self.object_row(ui, schema, object, edits);
            }
        }
        if !any {
            ui.weak("No trigger is on it and no view reads it.");
        }
        ui.horizontal(|ui| {
            if ui.button("New trigger").clicked() {
                self.open_editor(schema, "trigger", Some(&table.name));
            }
            if ui.button("New view of it").clicked() {
                self.open_editor(schema, "view", Some(&table.name));
            }
        });
        ui.separator();
    }

    fn object_row(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        object: &VerbatimSql,
        edits: &mut Vec<Edit>,
    ) {
        ui.horizontal(|ui| {
            ui.weak(&object.kind);
            ui.label(&object.name);
            if object.dialect != naming_dialect(schema) {
                ui.weak(format!("({})", object.dialect.product()));
            }
            let what = format!("{} {}", object.kind, object.name);
            if ui
                .small_button("Edit")
                .on_hover_text("Open its SQL in the editor")
                .accessible_name(format!("edit {what}"))
                .clicked()
            {
                self.edit_object(object);
            }
            if ui
                .small_button("×")
                .on_hover_text(format!("Remove the {}", object.kind))
                .accessible_name(format!("remove {what}"))
                .clicked()
            {
                let key = object.key();
                let kept = schema
                    .verbatim
                    .iter()
                    .filter(|o| o.key() != key)
                    .cloned()
                    .collect();
                edits.push(Edit::SetVerbatim(kept));
            }
        });
    }

    /// Opens `object` in the SQL editor.
    pub fn edit_object(&mut self, object: &VerbatimSql) {
        self.sql_editor = Some(SqlEditor {
            editing: Some(object.key()),
            text: object.sql.clone(),
            dialect: object.dialect,
            refused: None,
        });
    }

    fn open_editor(&mut self, schema: &Schema, kind: &str, table: Option<&str>) {
        let dialect = naming_dialect(schema);
        self.sql_editor = Some(SqlEditor {
            editing: None,
            text: template(kind, dialect, table),
            dialect,
            refused: None,
        });
    }

    /// The SQL editor's window, while an object is being written.
    pub(super) fn sql_editor_ui(
        &mut self,
        ctx: &egui::Context,
        schema: &Schema,
        edits: &mut Vec<Edit>,
    ) {
        let Some(editor) = self.sql_editor.as_mut() else {
            return;
        };
        let mut open = true;
        let mut close = false;
        let title = match &editor.editing {
            Some((kind, name)) => format!("Edit {kind} {name}"),
            None => "New SQL object".to_string(),
        };
        egui::Window::new("SQL object")
            .id(egui::Id::unique("sql-object-editor"))
            .title_bar(true)
            .open(&mut open)
            .default_width(620.0)
            .resizable(true)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.strong(title);
                ui.horizontal(|ui| {
                    ui.label("Written in");
                    egui::ComboBox::from_id_salt("sql-object-dialect")
                        .selected_text(editor.dialect.product())
                        .show_ui(ui, |ui| {
                            for dialect in Dialect::ALL {
                                ui.selectable_value(
                                    &mut editor.dialect,
                                    dialect,
                                    dialect.product(),
                                );
                            }
                        })
                        .response
                        .accessible_name("object dialect");
                });
                let mut layouter = highlighted_sql;
                egui::ScrollArea::vertical()
                    .max_height(360.0)
                    .show(ui, |ui| {
                        ui.add(
                            egui::TextEdit::multiline(&mut editor.text)
                                .code_editor()
                                .desired_rows(14)
                                .desired_width(f32::INFINITY)
                                .layouter(&mut layouter),
                        )
                        .accessible_name("object sql");
                    });
                // Read as typed: where it stops making sense shows while it is written.
                let read = read_object(&editor.text, editor.dialect);
                let problem = match &read {
                    Err(problem) => Some((problem, true)),
                    Ok(read) => read.unparsed.as_ref().map(|p| (p, false)),
                };
                if let Some((problem, refuses)) = problem {
                    let colour = if refuses {
                        ui.visuals().error_fg_color
                    } else {
                        ui.visuals().warn_fg_color
                    };
                    let text = format!(
                        "Line {}, column {}: {}{}",
                        problem.line,
                        problem.column,
                        problem.message,
                        if refuses {
                            ""
                        } else {
                            " (kept as written: its body is the server's to read)"
                        }
                    );
                    ui.colored_label(colour, text);
                }
                if let Some(refused) = &editor.refused {
                    ui.colored_label(ui.visuals().error_fg_color, refused);
                }
                ui.horizontal(|ui| {
                    if ui.button("Save object").clicked() {
                        let saved = read.map_err(|p| p.message).and_then(|read| {
                            with_object(schema, editor.editing.as_ref(), read.object)
                        });
                        match saved {
                            Ok(objects) => {
                                edits.push(Edit::SetVerbatim(objects));
                                close = true;
                            }
                            Err(message) => editor.refused = Some(message),
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
        if close || !open {
            self.sql_editor = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_reads_as_the_object_it_starts() {
        for dialect in Dialect::ALL {
            for kind in REDEFINABLE {
                if kind == "materialized view" && dialect != Dialect::Postgres {
                    continue;
                }
                let sql = template(kind, dialect, Some("orders"));
                let read = read_object(&sql, dialect)
                    .unwrap_or_else(|p| panic!("{kind} in {dialect:?}: {p:?}\n{sql}"));
                assert_eq!(read.object.kind, kind, "{sql}");
            }
        }
    }
}
