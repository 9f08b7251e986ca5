//! Notes, groups and the model itself in the inspector.

use super::*;

impl Inspector {
    /// A text of several lines kept while it is typed in; the new text once the field is left
    /// changed. `(name, rows, width)`: its accessible name and size.
    fn multiline(
        &mut self,
        ui: &mut egui::Ui,
        key: egui::Id,
        current: &str,
        (name, rows, width): (&str, usize, f32),
    ) -> Option<String> {
        let mut text = self.typed(key, current);
        let field = egui::TextEdit::multiline(&mut text)
            .id(key)
            .desired_rows(rows)
            .desired_width(width);
        let response = ui.add(field).accessible_name(name);
        if response.has_focus() {
            self.buffers.insert(key, text);
            return None;
        }
        self.buffers.remove(&key);
        (response.lost_focus() && text != current).then_some(text)
    }

    /// The model's title and description, and how to edit the rest: what shows when nothing
    /// is selected.
    pub fn model_ui(&mut self, ui: &mut egui::Ui, schema: &Schema, commands: &mut Vec<AppCommand>) {
        ui.heading("Model");
        let width = (ui.available_width() - 8.0).max(120.0);
        let mut edits = Vec::new();
        ui.label("Title");
        let key = egui::Id::unique("model-title");
        if let Some(name) = self.text(ui, key, &schema.name, ("model title", width), false)
            && !name.trim().is_empty()
        {
            edits.push(Edit::SetModelInfo {
                name,
                comment: schema.comment.clone(),
            });
        }
        ui.label("Description");
        let key = egui::Id::unique("model-description");
        let field = ("model description", 4, width);
        if let Some(comment) = self.multiline(ui, key, &schema.comment, field) {
            edits.push(Edit::SetModelInfo {
                name: schema.name.clone(),
                comment,
            });
        }
        ui.add_space(8.0);
        ui.weak("Click a table, note or group to edit it; Shift-drag on the background to select several.");
        ui.add_space(8.0);
        if ui
            .button("Model settings…")
            .on_hover_text("Target dialects, naming convention, rule levels, accepted findings")
            .clicked()
        {
            commands.push(AppCommand::ModelSettings);
        }
        ui.separator();
        self.enums_ui(ui, schema, &mut edits, commands);
        self.sql_objects_ui(ui, schema, &mut edits);
        self.queries_ui(ui, schema, &mut edits, commands);
        self.sql_editor_ui(ui.ctx(), schema, &mut edits);
        commands.extend(edits.into_iter().map(|e| AppCommand::Apply(Box::new(e))));
    }

    /// Draws the inspector for a note or a group, queueing the edits it makes.
    pub fn item_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        item: Item,
        commands: &mut Vec<AppCommand>,
    ) {
        let mut edits = Vec::new();
        match item {
            Item::Note(id) => {
                let Some(note) = schema.note(id) else {
                    return;
                };
                ui.heading("Note");
                let key = egui::Id::unique(("note-text", id));
                let field = ("note text", 6, ui.spacing().text_edit_width);
                if let Some(text) = self.multiline(ui, key, &note.text, field) {
                    edits.push(Edit::SetNote {
                        note: crate::model::Note {
                            text,
                            ..note.clone()
                        },
                    });
                }
                let mut width = note.width;
                let slider = egui::Slider::new(&mut width, 80.0..=1200.0).text("width");
                let response = ui.add(slider).accessible_name("note width");
                if response.drag_stopped() || (response.changed() && !response.dragged()) {
                    edits.push(Edit::SetNote {
                        note: crate::model::Note {
                            width,
                            ..note.clone()
                        },
                    });
                }
                if let Some(color) = colour_ui(ui, note.color, "note colour") {
                    edits.push(Edit::SetNote {
                        note: crate::model::Note {
                            color,
                            ..note.clone()
                        },
                    });
                }
                if ui.button("Delete note").clicked() {
                    edits.push(Edit::RemoveNote { note: id });
                }
            }
            Item::Group(id) => {
                let Some(group) = schema.group(id) else {
                    return;
                };
                ui.heading("Group");
                let key = egui::Id::unique(("group-name", id));
                if let Some(name) = self.text(ui, key, &group.name, ("group name", 240.0), false) {
                    edits.push(Edit::SetGroup {
                        group: crate::model::Group {
                            name,
                            ..group.clone()
                        },
                    });
                }
                let key = egui::Id::unique(("group-comment", id));
                if let Some(comment) =
                    self.text(ui, key, &group.comment, ("group comment", 240.0), false)
                {
                    edits.push(Edit::SetGroup {
                        group: crate::model::Group {
                            comment,
                            ..group.clone()
                        },
                    });
                }
                if let Some(Some(color)) = colour_ui(ui, Some(group.color), "group colour") {
                    edits.push(Edit::SetGroup {
                        group: crate::model::Group {
                            color,
                            ..group.clone()
                        },
                    });
                }
                let members = schema.tables.iter().filter(|t| t.group == Some(id)).count();
                ui.label(format!(
                    "{}. Drag the group's label on the canvas to move them all, \
                     its corners to size the area.",
                    crate::words::count(members, "table")
                ));
                if group.area.is_some()
                    && ui
                        .button("Fit the area to its tables")
                        .on_hover_text("The area was sized by hand; let it follow its tables")
                        .clicked()
                {
                    edits.push(Edit::SetGroup {
                        group: crate::model::Group {
                            area: None,
                            ..group.clone()
                        },
                    });
                }
                if ui
                    .button("Ungroup")
                    .on_hover_text("The tables stay, ungrouped")
                    .clicked()
                {
                    edits.push(Edit::RemoveGroup { group: id });
                }
            }
        }
        commands.extend(edits.into_iter().map(|e| AppCommand::Apply(Box::new(e))));
    }
}

/// A colour button; returns the new colour (`None`: back to the default) when it changed.
fn colour_ui(ui: &mut egui::Ui, current: Option<Color>, name: &str) -> Option<Option<Color>> {
    let mut changed = None;
    ui.horizontal(|ui| {
        ui.label("Colour");
        let mut rgb = current.map_or([0xfe, 0xf3, 0xc7], |c| [c.r, c.g, c.b]);
        let response = ui
            .color_edit_button_srgb(&mut rgb)
            .accessible_name(name.to_string());
        if response.changed() && !ui.ctx().is_being_dragged(response.id) {
            changed = Some(Some(Color {
                r: rgb[0],
                g: rgb[1],
                b: rgb[2],
            }));
        }
    });
    changed
}
