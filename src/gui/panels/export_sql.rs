//! File → Export SQL…: pick a dialect, read the script and what it cannot say, save it.

use crate::export::ddl::{Ddl, export_ddl, writer};
use crate::model::{Dialect, Schema};
use egui::Ui;

/// The export window's state: the chosen dialect and the script for the model's revision.
#[derive(Debug, Default)]
pub struct ExportSql {
    /// The dialect the script is written in.
    pub dialect: Dialect,
    cached: Option<(u64, Dialect, Result<Ddl, String>)>,
}

/// The dialect list both export windows show.
pub(super) fn dialect_picker(ui: &mut Ui, dialect: &mut Dialect) {
    egui::ComboBox::from_label("Dialect")
        .selected_text(dialect.label())
        .show_ui(ui, |ui| {
            for each in Dialect::ALL {
                ui.selectable_value(dialect, each, each.label());
            }
        });
}

/// What the window asks the app to do.
pub enum ExportAction {
    /// Nothing.
    None,
    /// Save this script somewhere the user picks.
    Save(String, &'static str),
    /// Close the window.
    Close,
}

impl ExportSql {
    /// The script for `schema` at `revision` in the chosen dialect (made again only on change).
    pub fn script(&mut self, schema: &Schema, revision: u64) -> &Result<Ddl, String> {
        let stale = self
            .cached
            .as_ref()
            .is_none_or(|(r, d, _)| *r != revision || *d != self.dialect);
        if stale {
            let result = export_ddl(schema, writer(self.dialect)).map_err(|e| e.to_string());
            self.cached = Some((revision, self.dialect, result));
        }
        &self.cached.as_ref().expect("just filled").2
    }

    /// Draws the window's contents.
    pub fn ui(&mut self, ui: &mut Ui, schema: &Schema, revision: u64) -> ExportAction {
        let mut action = ExportAction::None;
        dialect_picker(ui, &mut self.dialect);
        let extension = self.dialect.script_extension();
        match self.script(schema, revision) {
            Err(error) => {
                ui.colored_label(ui.visuals().error_fg_color, error.as_str());
            }
            Ok(ddl) => {
                script_view(ui, &ddl.sql, &ddl.losses);
                ui.horizontal(|ui| {
                    if ui.button("Save as…").clicked() {
                        action = ExportAction::Save(ddl.sql.clone(), extension);
                    }
                    if ui.button("Close").clicked() {
                        action = ExportAction::Close;
                    }
                });
            }
        }
        action
    }
}

/// A script read-only in a code view, under what the dialect could not say (folded).
pub(super) fn script_view(ui: &mut Ui, sql: &str, losses: &[crate::export::ddl::Loss]) {
    if !losses.is_empty() {
        ui.collapsing(
            format!("{} things this dialect cannot say", losses.len()),
            |ui| {
                egui::ScrollArea::vertical()
                    .max_height(120.0)
                    .show(ui, |ui| {
                        for loss in losses {
                            ui.label(format!("{}: {}", loss.object, loss.message));
                        }
                    });
            },
        );
    }
    let mut text = sql;
    // The script takes what the window has left above its row of buttons, however long it is.
    let buttons = ui.spacing().interact_size.y + ui.spacing().item_spacing.y * 2.0;
    let room = (ui.available_height() - buttons).max(60.0);
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .max_height(room)
        .show(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(&mut text)
                    .code_editor()
                    .desired_width(f32::INFINITY),
            );
        });
}
