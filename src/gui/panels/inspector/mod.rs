//! The inspector: the selected table's header fields, its columns as an editable grid, and its
//! foreign keys, indexes and checks. Every change is one undoable edit; a text field commits
//! when it loses focus (Enter, Tab or a click elsewhere), so typing a name is one undo step, not
//! one per letter; Escape abandons it.

use crate::gui::commands::AppCommand;
use crate::model::type_names::{self, TypeSuggestion};
use crate::model::{
    Color, Column, ColumnId, DataType, Edit, PrimaryKey, ReferentialAction, Schema, Table, TableId,
    UniqueConstraint,
};
use std::collections::HashMap;

mod column_details;
mod columns;
mod constraint_names;
mod constraints;
mod enums;
mod foreign_keys;
mod indexes;
mod items;
mod partitions;
mod queries;
mod sql_objects;
mod table_options;

use columns::new_column_edit;
use constraints::others_ui;

/// The dialect whose default names the inspector shows for unnamed constraints and indexes:
/// the model's first target.
fn naming_dialect(schema: &Schema) -> crate::model::Dialect {
    schema
        .check_settings
        .target_dialects()
        .first()
        .copied()
        .unwrap_or(crate::model::Dialect::Postgres)
}

/// A diagram item other than a table, shown in the inspector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// A sticky note.
    Note(crate::model::NoteId),
    /// A group (subject area).
    Group(crate::model::GroupId),
}

/// What a field offers for the text typed so far.
type Suggest<'a> = dyn Fn(&str) -> Vec<TypeSuggestion> + 'a;

/// Text being typed into the inspector, by field, until it is committed.
#[derive(Debug, Default)]
pub struct Inspector {
    buffers: HashMap<egui::Id, String>,
    /// Put the keyboard in the table's name field on the next frame (a table was just added).
    pub focus_name: bool,
    /// Put the keyboard in this column's name field when it is drawn (it was just added).
    focus_column: Option<ColumnId>,
    /// What is typed to add an index (`a, b`), a check (`price >= 0`) or a dependency (`a -> b`).
    additions: [String; 3],
    /// The index being added is unique.
    unique_index: bool,
    /// Why the last addition was not made.
    problem: Option<String>,
    /// The name typed for a new enum type.
    new_enum: String,
    /// The value typed to add to each enum type.
    new_values: HashMap<crate::model::EnumId, String>,
    /// Why the last change to an enum type was not made.
    enum_problem: Option<String>,
    /// The column whose identity and generation show under the grid.
    detail_column: Option<ColumnId>,
    /// Why the last change to a column's details was not made.
    detail_problem: Option<String>,
    /// The index whose typed keys, columns or predicate were not taken, and why.
    index_problem: Option<(crate::model::IndexId, String)>,
    /// The check whose typed expression was not taken, and why.
    check_problem: Option<(crate::model::ConstraintId, String)>,
    /// The partition being added.
    new_partition: partitions::NewPartition,
    /// The table whose typed partition key or bound was not taken, and why.
    partition_problem: Option<(TableId, String)>,
    /// The table whose typed MySQL options were not taken, and why.
    options_problem: Option<(TableId, String)>,
    /// The view, routine or trigger being written in the SQL editor.
    sql_editor: Option<sql_objects::SqlEditor>,
    /// The sample query being added.
    new_query: queries::NewQuery,
    /// The query (none: the one being added) whose typed text was not taken, and why.
    query_problem: Option<(Option<crate::model::QueryId>, String)>,
    /// The foreign key being added.
    new_fk: foreign_keys::NewForeignKey,
    /// The relationship selected on the canvas, shown first among the foreign keys.
    pub selected_fk: Option<crate::model::ConstraintId>,
}

impl Inspector {
    /// Draws the inspector for `table`, queueing the edits it makes.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: TableId,
        commands: &mut Vec<AppCommand>,
    ) {
        let Some(table) = schema.table(table) else {
            return;
        };
        let mut edits = Vec::new();
        // Both ways: the column grid is wider than the panel, and must not widen it (which would
        // shift the canvas a frame after the panel opens).
        egui::ScrollArea::both().show(ui, |ui| {
            ui.heading("Table");
            self.header_ui(ui, schema, table, &mut edits);
            ui.separator();
            ui.heading("Columns");
            self.columns_ui(ui, schema, table, &mut edits);
            if ui.button("Add column").clicked() {
                self.focus_column = Some(upcoming_id(schema));
                edits.push(new_column_edit(schema, table));
            }
            self.column_details_ui(ui, schema, table, &mut edits);
            self.additions_ui(ui, schema, table, &mut edits);
            ui.separator();
            self.foreign_keys_ui(ui, schema, table, &mut edits);
            self.indexes_ui(ui, schema, table, &mut edits);
            others_ui(ui, table, &mut edits);
            self.checks_ui(ui, schema, table, &mut edits);
            self.constraint_names_ui(ui, schema, table, &mut edits);
            ui.separator();
            self.partitions_ui(ui, schema, table, &mut edits, commands);
            self.table_options_ui(ui, schema, table, &mut edits);
            self.table_sql_objects_ui(ui, schema, table, &mut edits);
            // Room below the last row for the scroll bars, which float over the content.
            ui.add_space(16.0);
        });
        self.sql_editor_ui(ui.ctx(), schema, &mut edits);
        commands.extend(edits.into_iter().map(|e| AppCommand::Apply(Box::new(e))));
    }

    fn header_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: &Table,
        edits: &mut Vec<Edit>,
    ) {
        let info = table.info();
        let set = |edits: &mut Vec<Edit>, info| {
            edits.push(Edit::SetTableInfo {
                table: table.id,
                info,
            })
        };
        egui::Grid::new("inspector-table")
            .num_columns(2)
            .show(ui, |ui| {
                let focus = std::mem::take(&mut self.focus_name);
                if let Some(name) = self.info_field(ui, table, "Name", &table.name, focus) {
                    set(
                        edits,
                        crate::model::TableInfo {
                            name,
                            ..info.clone()
                        },
                    );
                }
                let current = table.schema.clone().unwrap_or_default();
                if let Some(text) = self.info_field(ui, table, "Schema", &current, false) {
                    let schema = Some(text.trim().to_string()).filter(|s| !s.is_empty());
                    set(
                        edits,
                        crate::model::TableInfo {
                            schema,
                            ..info.clone()
                        },
                    );
                }
                if let Some(comment) = self.info_field(ui, table, "Comment", &table.comment, false)
                {
                    set(
                        edits,
                        crate::model::TableInfo {
                            comment,
                            ..info.clone()
                        },
                    );
                }
                ui.label("Group");
                let group_name = |id| schema.group(id).map_or("?", |g| g.name.as_str());
                let shown = table.group.map_or("none", group_name);
                egui::ComboBox::from_id_salt(("table-group", table.id))
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        if ui.selectable_label(table.group.is_none(), "none").clicked() {
                            set(
                                edits,
                                crate::model::TableInfo {
                                    group: None,
                                    ..info.clone()
                                },
                            );
                        }
                        for group in &schema.groups {
                            let chosen = table.group == Some(group.id);
                            if ui.selectable_label(chosen, &group.name).clicked() {
                                let group = Some(group.id);
                                set(
                                    edits,
                                    crate::model::TableInfo {
                                        group,
                                        ..info.clone()
                                    },
                                );
                            }
                        }
                    })
                    .response
                    .accessible_name("table group");
                ui.end_row();
                ui.label("Colour");
                ui.horizontal(|ui| {
                    let mut own = table.color.is_some();
                    if ui.checkbox(&mut own, "own").changed() {
                        let color = own.then_some(Color {
                            r: 0x3b,
                            g: 0x82,
                            b: 0xf6,
                        });
                        set(
                            edits,
                            crate::model::TableInfo {
                                color,
                                ..info.clone()
                            },
                        );
                    }
                    if let Some(color) = table.color {
                        let mut rgb = [color.r, color.g, color.b];
                        let response = ui
                            .color_edit_button_srgb(&mut rgb)
                            .accessible_name("table colour");
                        // One edit when the picker closes, not one per pixel of the drag.
                        if response.changed() && !ui.ctx().is_being_dragged(response.id) {
                            let color = Some(Color {
                                r: rgb[0],
                                g: rgb[1],
                                b: rgb[2],
                            });
                            set(
                                edits,
                                crate::model::TableInfo {
                                    color,
                                    ..info.clone()
                                },
                            );
                        }
                    }
                });
                ui.end_row();
                ui.label("Pinned");
                let mut pinned = table.pinned;
                if ui
                    .checkbox(&mut pinned, "auto-layout leaves it where it is")
                    .changed()
                {
                    set(
                        edits,
                        crate::model::TableInfo {
                            pinned,
                            ..info.clone()
                        },
                    );
                }
                ui.end_row();
            });
    }

    /// One row of the table's header grid: `label`, then a text field named "table <label>"
    /// (for assistive technology and tests); returns the new text once editing ends with a change.
    fn info_field(
        &mut self,
        ui: &mut egui::Ui,
        table: &Table,
        label: &str,
        current: &str,
        focus: bool,
    ) -> Option<String> {
        ui.label(label);
        let name = format!("table {}", label.to_lowercase());
        let key = egui::Id::unique((name.as_str(), table.id));
        let changed = self.text(ui, key, current, (&name, 240.0), focus);
        ui.end_row();
        changed
    }

    /// A one-line text field showing `current`; returns the new text once editing ends with a
    /// change.
    fn text(
        &mut self,
        ui: &mut egui::Ui,
        key: egui::Id,
        current: &str,
        (name, width): (&str, f32),
        focus: bool,
    ) -> Option<String> {
        self.completing_text(ui, key, current, (name, width), focus, None)
    }

    /// What is being typed in the field `key`, else its value `current`.
    fn typed(&self, key: egui::Id, current: &str) -> String {
        self.buffers
            .get(&key)
            .cloned()
            .unwrap_or_else(|| current.to_string())
    }

    /// [`Self::text`] with a list of completions under the field while it is edited: arrows
    /// pick one, Enter, Tab or a click takes it and ends the editing.
    fn completing_text(
        &mut self,
        ui: &mut egui::Ui,
        key: egui::Id,
        current: &str,
        (name, width): (&str, f32),
        focus: bool,
        suggest: Option<&Suggest>,
    ) -> Option<String> {
        let mut text = self.typed(key, current);
        let size = [width, ui.spacing().interact_size.y];
        // A fixed size: in a grid, a text field's desired width is only a maximum.
        let (response, accepted) = match suggest {
            None => {
                let field = egui::TextEdit::singleline(&mut text).id(key);
                (ui.add_sized(size, field), None)
            }
            Some(suggest) => {
                let output = ui
                    .allocate_ui_with_layout(
                        size.into(),
                        egui::Layout::centered_and_justified(egui::Direction::LeftToRight),
                        |ui| {
                            egui::CompletionPopup::new(key)
                                // The whole field is one word: `double precision` is one type.
                                .word_boundary(|_| false)
                                .max_height(240.0)
                                .show(ui, egui::TextEdit::singleline(&mut text), |query| {
                                    suggest(query.text).into_iter().map(suggestion).collect()
                                })
                        },
                    )
                    .inner;
                let accepted = output.accepted.map(|s| s.insert);
                (output.text_edit.response.response, accepted)
            }
        };
        let response = response.accessible_name(name);
        if let Some(accepted) = accepted {
            response.surrender_focus();
            self.buffers.remove(&key);
            return (accepted != current).then_some(accepted);
        }
        if focus {
            response.request_focus();
        }
        if response.has_focus() {
            self.buffers.insert(key, text);
            return None;
        }
        self.buffers.remove(&key);
        // Escape abandons what was typed.
        let cancelled = ui.input(|i| i.key_pressed(egui::Key::Escape));
        (response.lost_focus() && !cancelled && text != current).then_some(text)
    }
}

/// A line of the completion list: the name whole, then, for a type that is not portable, the
/// dialects that have it in weak text, cut short with "…" when the list is narrow (left to
/// itself, egui would wrap the name into the field's width a letter a line).
fn suggestion(s: TypeSuggestion) -> egui::Suggestion {
    use egui::AtomExt as _;
    let name = egui::Atom::from(s.text.clone()).atom_shrink(false);
    if s.origin == type_names::PORTABLE_ORIGIN {
        return egui::Suggestion::new(s.text).content(name);
    }
    let origin = egui::RichText::new(s.origin).weak().small();
    egui::Suggestion::new(s.text).content((
        name,
        egui::Atom::grow(),
        origin.atom_max_width(120.0).atom_shrink(true),
    ))
}

/// The id the model hands out next, for an edit that brings a new object: such an edit is
/// [`Edit::Allocating`], which takes the id when it is applied.
fn upcoming_id<T: From<u32>>(schema: &Schema) -> T {
    schema.ids.upcoming(0)
}
