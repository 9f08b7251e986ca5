//! The model's enum types, in the inspector when nothing is selected: each created, renamed,
//! described and removed, its values added, renamed, reordered and removed, every change one
//! undoable edit. The columns that use a type are listed and lead to their table.

use super::*;
use crate::model::{EnumId, EnumType};

/// The columns whose type is `id`: (table, column, `table.column`).
fn columns_using(schema: &Schema, id: EnumId) -> Vec<(TableId, ColumnId, String)> {
    let uses = |data_type: &DataType| match data_type {
        DataType::Enum(used) => *used == id,
        DataType::Array(inner) => matches!(**inner, DataType::Enum(used) if used == id),
        _ => false,
    };
    schema
        .tables
        .iter()
        .flat_map(|table| {
            table
                .columns
                .iter()
                .filter(|column| uses(&column.data_type))
                .map(|column| {
                    let label = format!("{}.{}", table.name, column.name);
                    (table.id, column.id, label)
                })
        })
        .collect()
}

/// `typed` as a type name for the enum `id` (`None` for a new one), or why it cannot be.
fn type_name(schema: &Schema, id: Option<EnumId>, typed: &str) -> Result<String, String> {
    let name = typed.trim();
    if name.is_empty() {
        return Err("An enum type needs a name.".to_string());
    }
    match schema.enum_named(name) {
        Some(other) if Some(other) != id => Err(format!("There is an enum type {name} already.")),
        _ => Ok(name.to_string()),
    }
}

/// `typed` as a value of `values` (in place of the one at `replacing`), or why it cannot be.
fn value(values: &[String], replacing: Option<usize>, typed: &str) -> Result<String, String> {
    let value = typed.trim();
    if value.is_empty() {
        return Err("A value cannot be empty.".to_string());
    }
    let taken = values
        .iter()
        .enumerate()
        .any(|(i, v)| v == value && Some(i) != replacing);
    if taken {
        return Err(format!("{value} is a value already."));
    }
    Ok(value.to_string())
}

impl Inspector {
    /// The model's enum types and a field to make one.
    pub(super) fn enums_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        edits: &mut Vec<Edit>,
        commands: &mut Vec<AppCommand>,
    ) {
        ui.heading("Enum types");
        let width = (ui.available_width() - 8.0).max(120.0);
        let mut problem = None;
        for enum_type in &schema.enums {
            let users = columns_using(schema, enum_type.id);
            let title = format!(
                "{} ({}, {})",
                enum_type.name,
                crate::words::count(enum_type.values.len(), "value"),
                crate::words::count(users.len(), "column")
            );
            egui::CollapsingHeader::new(title)
                .id_salt(("enum", enum_type.id))
                .show(ui, |ui| {
                    self.enum_ui(ui, schema, enum_type, edits, &mut problem);
                    if !users.is_empty() {
                        ui.label("Used by");
                        for (table, column, label) in &users {
                            if ui.link(label).clicked() {
                                commands.push(AppCommand::FocusColumn(*table, *column));
                            }
                        }
                    }
                    let remove = ui
                        .add_enabled(users.is_empty(), egui::Button::new("Remove the type"))
                        .on_disabled_hover_text("Columns use it: give them another type first");
                    if remove.clicked() {
                        edits.push(Edit::RemoveEnum {
                            enum_type: enum_type.id,
                        });
                    }
                });
        }
        ui.horizontal(|ui| {
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.new_enum)
                        .hint_text("order_status")
                        .desired_width(width - 130.0),
                )
                .accessible_name("new enum type name");
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Add enum type").clicked() || enter {
                match type_name(schema, None, &self.new_enum) {
                    Ok(name) => {
                        edits.push(Edit::allocating(
                            1,
                            Edit::AddEnum {
                                enum_type: EnumType {
                                    id: schema.ids.upcoming(0),
                                    schema: None,
                                    name,
                                    values: Vec::new(),
                                    comment: String::new(),
                                },
                                index: usize::MAX,
                            },
                        ));
                        self.new_enum.clear();
                    }
                    Err(why) => problem = Some(why),
                }
            }
        });
        if problem.is_some() || !edits.is_empty() {
            self.enum_problem = problem;
        }
        if let Some(problem) = &self.enum_problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
    }

    /// One type's name, description and values.
    fn enum_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        enum_type: &EnumType,
        edits: &mut Vec<Edit>,
        problem: &mut Option<String>,
    ) {
        // Inside the section, which is indented: its fields never widen the panel.
        let width = (ui.available_width() - 8.0).max(120.0);
        let id = enum_type.id;
        let set = |edits: &mut Vec<Edit>, changed: EnumType| {
            edits.push(Edit::SetEnum { enum_type: changed })
        };
        ui.label("Name");
        let key = egui::Id::unique(("enum-name", id));
        let name_field = (format!("{} name", enum_type.name), width);
        if let Some(typed) = self.text(
            ui,
            key,
            &enum_type.name,
            (&name_field.0, name_field.1),
            false,
        ) {
            match type_name(schema, Some(id), &typed) {
                Ok(name) => set(
                    edits,
                    EnumType {
                        name,
                        ..enum_type.clone()
                    },
                ),
                Err(why) => *problem = Some(why),
            }
        }
        ui.label("Description");
        let key = egui::Id::unique(("enum-comment", id));
        let field = (format!("{} description", enum_type.name), width);
        if let Some(comment) = self.text(ui, key, &enum_type.comment, (&field.0, field.1), false) {
            set(
                edits,
                EnumType {
                    comment,
                    ..enum_type.clone()
                },
            );
        }
        ui.label("Values, in order");
        let values = &enum_type.values;
        for (i, current) in values.iter().enumerate() {
            ui.horizontal(|ui| {
                let key = egui::Id::unique(("enum-value", id, i));
                let name = format!("{} value {}", enum_type.name, i + 1);
                // Room for Up, Down and ×: the panel must not grow as values are added.
                let room = width - 140.0;
                if let Some(typed) = self.text(ui, key, current, (&name, room), false) {
                    match value(values, Some(i), &typed) {
                        Ok(renamed) => {
                            let mut values = values.clone();
                            values[i] = renamed;
                            set(
                                edits,
                                EnumType {
                                    values,
                                    ..enum_type.clone()
                                },
                            );
                        }
                        Err(why) => *problem = Some(why),
                    }
                }
                let mut moved = |to: usize| {
                    let mut values = values.clone();
                    values.swap(i, to);
                    set(
                        edits,
                        EnumType {
                            values,
                            ..enum_type.clone()
                        },
                    );
                };
                if ui
                    .add_enabled(i > 0, egui::Button::new("Up").small())
                    .on_hover_text("Move the value up")
                    .accessible_name(format!("move {current} up"))
                    .clicked()
                {
                    moved(i - 1);
                }
                if ui
                    .add_enabled(i + 1 < values.len(), egui::Button::new("Down").small())
                    .on_hover_text("Move the value down")
                    .accessible_name(format!("move {current} down"))
                    .clicked()
                {
                    moved(i + 1);
                }
                if ui
                    .small_button("×")
                    .on_hover_text("Remove the value")
                    .accessible_name(format!("remove {current}"))
                    .clicked()
                {
                    let mut values = values.clone();
                    values.remove(i);
                    set(
                        edits,
                        EnumType {
                            values,
                            ..enum_type.clone()
                        },
                    );
                }
            });
        }
        ui.horizontal(|ui| {
            let typed = self.new_values.entry(id).or_default();
            let field = ui
                .add(
                    egui::TextEdit::singleline(typed)
                        .hint_text("a value")
                        .desired_width(width - 100.0),
                )
                .accessible_name(format!("new value of {}", enum_type.name));
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Add value").clicked() || enter {
                match value(values, None, typed) {
                    Ok(added) => {
                        let mut values = values.clone();
                        values.push(added);
                        set(
                            edits,
                            EnumType {
                                values,
                                ..enum_type.clone()
                            },
                        );
                        typed.clear();
                        if enter {
                            field.request_focus();
                        }
                    }
                    Err(why) => *problem = Some(why),
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_values_are_refused_empty_or_taken() {
        let mut b = crate::model::SchemaBuilder::new("t");
        b.enum_type("status", &["new", "paid"], "");
        let schema = b.build().unwrap();
        let status = schema.enum_named("status").unwrap();
        assert!(type_name(&schema, None, "  ").is_err());
        assert!(type_name(&schema, None, "status").is_err());
        assert_eq!(
            type_name(&schema, Some(status), " status "),
            Ok("status".into())
        );
        assert_eq!(type_name(&schema, None, "kind"), Ok("kind".into()));
        let values = ["new".to_string(), "paid".to_string()];
        assert!(value(&values, None, "paid").is_err());
        assert_eq!(value(&values, Some(1), "paid"), Ok("paid".into()));
        assert!(value(&values, Some(0), "paid").is_err());
        assert!(value(&values, None, "").is_err());
    }
}
