//! The inspector: the selected table's header fields, its columns as an editable grid, and its
//! foreign keys, indexes and checks. Every change is one undoable edit; a text field commits
//! when it loses focus (Enter, Tab or a click elsewhere), so typing a name is one undo step, not
//! one per letter.

use crate::gui::commands::AppCommand;
use crate::model::{
    Color, Column, ColumnId, DataType, Edit, PrimaryKey, ReferentialAction, Schema, Table, TableId,
    UniqueConstraint,
};
use std::collections::HashMap;

/// Types offered by the type field's menu, in the portable spelling the parser reads; enum
/// types of the model are offered after them.
const COMMON_TYPES: [&str; 21] = [
    "bigint",
    "integer",
    "smallint",
    "numeric(12,2)",
    "real",
    "double precision",
    "boolean",
    "varchar(255)",
    "char(2)",
    "text",
    "date",
    "time",
    "timestamp",
    "timestamptz",
    "interval",
    "uuid",
    "json",
    "jsonb",
    "blob",
    "text[]",
    "integer[]",
];

/// A diagram item other than a table, shown in the inspector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// A sticky note.
    Note(crate::model::NoteId),
    /// A group (subject area).
    Group(crate::model::GroupId),
}

/// Text being typed into the inspector, by field, until it is committed.
#[derive(Debug, Default)]
pub struct Inspector {
    buffers: HashMap<egui::Id, String>,
    /// Put the keyboard in the table's name field on the next frame (a table was just added).
    pub focus_name: bool,
    /// What is typed to add an index (`a, b`), a check (`price >= 0`) or a dependency (`a -> b`).
    additions: [String; 3],
    /// The index being added is unique.
    unique_index: bool,
    /// Why the last addition was not made.
    problem: Option<String>,
    /// The relationship selected on the canvas, shown first among the foreign keys.
    pub selected_fk: Option<crate::model::ConstraintId>,
}

impl Inspector {
    /// Draws the inspector for `table`, queueing the edits it makes.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        model: &mut Schema,
        table: TableId,
        commands: &mut Vec<AppCommand>,
    ) {
        let schema: &Schema = model;
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
                edits.push(new_column_edit(schema, table));
            }
            self.additions_ui(ui, schema, table, &mut edits);
            ui.separator();
            foreign_keys_ui(ui, schema, table, self.selected_fk, &mut edits);
            others_ui(ui, table, &mut edits);
        });
        if !edits.is_empty() {
            // An edit that brings a new object carries the id the model hands out next (see
            // `allocate_preview`): take it now, so the edit finds it allocated and unused.
            model.ids.allocate::<ColumnId>();
        }
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
                let mut text = self
                    .buffers
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| note.text.clone());
                let response = ui
                    .add(egui::TextEdit::multiline(&mut text).id(key).desired_rows(6))
                    .accessible_name("note text");
                if response.has_focus() {
                    self.buffers.insert(key, text);
                } else {
                    self.buffers.remove(&key);
                    if response.lost_focus() && text != note.text {
                        edits.push(Edit::SetNote {
                            note: crate::model::Note {
                                text,
                                ..note.clone()
                            },
                        });
                    }
                }
                let mut width = note.width;
                let slider = egui::Slider::new(&mut width, 120.0..=600.0).text("width");
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
                    "{members} tables. Drag the group's label on the canvas to move them all."
                ));
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
                ui.label("Name");
                let focus = std::mem::take(&mut self.focus_name);
                let key = egui::Id::unique(("table-name", table.id));
                if let Some(name) = self.text(ui, key, &table.name, ("table name", 240.0), focus) {
                    set(
                        edits,
                        crate::model::TableInfo {
                            name,
                            ..info.clone()
                        },
                    );
                }
                ui.end_row();
                ui.label("Schema");
                let key = egui::Id::unique(("table-schema", table.id));
                let current = table.schema.clone().unwrap_or_default();
                if let Some(text) = self.text(ui, key, &current, ("table schema", 240.0), false) {
                    let schema = Some(text.trim().to_string()).filter(|s| !s.is_empty());
                    set(
                        edits,
                        crate::model::TableInfo {
                            schema,
                            ..info.clone()
                        },
                    );
                }
                ui.end_row();
                ui.label("Comment");
                let key = egui::Id::unique(("table-comment", table.id));
                if let Some(comment) =
                    self.text(ui, key, &table.comment, ("table comment", 240.0), false)
                {
                    set(
                        edits,
                        crate::model::TableInfo {
                            comment,
                            ..info.clone()
                        },
                    );
                }
                ui.end_row();
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

    fn columns_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: &Table,
        edits: &mut Vec<Edit>,
    ) {
        let pk: Vec<ColumnId> = table
            .primary_key
            .as_ref()
            .map(|k| k.columns.clone())
            .unwrap_or_default();
        egui::Grid::new(("inspector-columns", table.id))
            .striped(true)
            .num_columns(8)
            .show(ui, |ui| {
                for heading in ["Name", "Type", "PK", "NN", "UQ", "Default", "Comment", ""] {
                    ui.strong(heading);
                }
                ui.end_row();
                for (index, column) in table.columns.iter().enumerate() {
                    self.column_row(ui, schema, table, &pk, index, column, edits);
                    ui.end_row();
                }
            });
    }

    #[allow(clippy::too_many_arguments)]
    fn column_row(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: &Table,
        pk: &[ColumnId],
        index: usize,
        column: &Column,
        edits: &mut Vec<Edit>,
    ) {
        let set = |edits: &mut Vec<Edit>, column: Column| edits.push(Edit::SetColumn { column });
        let key = egui::Id::unique(("column-name", column.id));
        if let Some(name) = self.text(
            ui,
            key,
            &column.name,
            (&format!("{} name", column.name), 110.0),
            false,
        ) {
            set(
                edits,
                Column {
                    name,
                    ..column.clone()
                },
            );
        }
        ui.horizontal(|ui| {
            let key = egui::Id::unique(("column-type", column.id));
            let current = schema.type_name(column);
            if let Some(text) = self.text(
                ui,
                key,
                &current,
                (&format!("{} type", column.name), 100.0),
                false,
            ) && let Ok(data_type) = DataType::parse(&text, |n| schema.enum_named(n))
            {
                set(
                    edits,
                    Column {
                        data_type,
                        ..column.clone()
                    },
                );
            }
            ui.menu_button("…", |ui| {
                let enums = schema.enums.iter().map(|e| e.name.as_str());
                for name in COMMON_TYPES.into_iter().chain(enums) {
                    if ui.button(name).clicked()
                        && let Ok(data_type) = DataType::parse(name, |n| schema.enum_named(n))
                    {
                        set(
                            edits,
                            Column {
                                data_type,
                                ..column.clone()
                            },
                        );
                        ui.close();
                    }
                }
            });
        });
        let mut in_pk = pk.contains(&column.id);
        if ui
            .checkbox(&mut in_pk, "")
            .accessible_name(format!("{} primary key", column.name))
            .changed()
        {
            edits.push(primary_key_edit(schema, table, column.id, in_pk));
        }
        let mut not_null = !column.nullable;
        if ui
            .checkbox(&mut not_null, "")
            .accessible_name(format!("{} not null", column.name))
            .changed()
        {
            set(
                edits,
                Column {
                    nullable: !not_null,
                    ..column.clone()
                },
            );
        }
        let single = table.uniques.iter().find(|u| u.columns == [column.id]);
        let mut unique = single.is_some();
        if ui
            .checkbox(&mut unique, "")
            .accessible_name(format!("{} unique", column.name))
            .changed()
        {
            edits.push(match single {
                Some(u) => Edit::RemoveUnique { unique: u.id },
                None => Edit::AddUnique {
                    table: table.id,
                    unique: UniqueConstraint {
                        id: allocate_preview(schema),
                        name: None,
                        columns: vec![column.id],
                    },
                    index: usize::MAX,
                },
            });
        }
        let key = egui::Id::unique(("column-default", column.id));
        let current = column.default.clone().unwrap_or_default();
        if let Some(text) = self.text(
            ui,
            key,
            &current,
            (&format!("{} default", column.name), 70.0),
            false,
        ) {
            let default = Some(text.trim().to_string()).filter(|s| !s.is_empty());
            set(
                edits,
                Column {
                    default,
                    ..column.clone()
                },
            );
        }
        let key = egui::Id::unique(("column-comment", column.id));
        if let Some(comment) = self.text(
            ui,
            key,
            &column.comment,
            (&format!("{} comment", column.name), 100.0),
            false,
        ) {
            set(
                edits,
                Column {
                    comment,
                    ..column.clone()
                },
            );
        }
        ui.horizontal(|ui| {
            let last = table.columns.len() - 1;
            if ui
                .add_enabled(index > 0, egui::Button::new("Up").small())
                .clicked()
            {
                edits.push(Edit::MoveColumn {
                    column: column.id,
                    index: index - 1,
                });
            }
            if ui
                .add_enabled(index < last, egui::Button::new("Down").small())
                .clicked()
            {
                edits.push(Edit::MoveColumn {
                    column: column.id,
                    index: index + 1,
                });
            }
            if ui
                .small_button("×")
                .on_hover_text("Remove the column")
                .clicked()
            {
                edits.push(Edit::RemoveColumn { column: column.id });
            }
        });
    }

    /// Adds an index, a check or a functional dependency from what is typed.
    fn additions_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: &Table,
        edits: &mut Vec<Edit>,
    ) {
        ui.separator();
        ui.heading("Add an index, a check or a dependency");
        let names = |text: &str| -> Result<Vec<ColumnId>, String> {
            text.split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(|n| {
                    table
                        .columns
                        .iter()
                        .find(|c| c.name.eq_ignore_ascii_case(n))
                        .map(|c| c.id)
                        .ok_or_else(|| format!("no column {n} in {}", table.name))
                })
                .collect()
        };
        let mut problem = None;
        let mut added = false;
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.additions[0])
                    .hint_text("a, b")
                    .desired_width(160.0),
            )
            .accessible_name("index columns");
            ui.checkbox(&mut self.unique_index, "unique");
            if ui.button("Add index").clicked() {
                match names(&self.additions[0]) {
                    Ok(columns) if !columns.is_empty() => {
                        edits.push(Edit::AddIndex {
                            table: table.id,
                            index_def: crate::model::Index {
                                id: allocate_preview(schema),
                                name: None,
                                unique: self.unique_index,
                                method: crate::model::IndexMethod::BTree,
                                keys: columns
                                    .into_iter()
                                    .map(crate::model::IndexKey::column)
                                    .collect(),
                                include: Vec::new(),
                                predicate: None,
                            },
                            index: usize::MAX,
                        });
                        self.additions[0].clear();
                        added = true;
                    }
                    Ok(_) => problem = Some("name the index's columns".to_string()),
                    Err(e) => problem = Some(e),
                }
            }
        });
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.additions[1])
                    .hint_text("price >= 0")
                    .desired_width(160.0),
            )
            .accessible_name("check expression");
            let expression = self.additions[1].trim().to_string();
            if ui
                .add_enabled(!expression.is_empty(), egui::Button::new("Add check"))
                .clicked()
            {
                edits.push(Edit::AddCheck {
                    table: table.id,
                    check: crate::model::CheckConstraint {
                        id: allocate_preview(schema),
                        name: None,
                        expression,
                    },
                    index: usize::MAX,
                });
                self.additions[1].clear();
                added = true;
            }
        });
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.additions[2])
                    .hint_text("zip -> city")
                    .desired_width(160.0),
            )
            .accessible_name("functional dependency");
            if ui.button("Declare dependency").clicked() {
                let text = self.additions[2].clone();
                let sides = text.split_once("->").map(|(l, r)| (names(l), names(r)));
                match sides {
                    Some((Ok(lhs), Ok(rhs))) if !lhs.is_empty() && !rhs.is_empty() => {
                        edits.push(Edit::AddDependency {
                            table: table.id,
                            dependency: crate::model::FunctionalDependency {
                                id: allocate_preview(schema),
                                lhs,
                                rhs,
                                soft: false,
                                comment: String::new(),
                            },
                            index: usize::MAX,
                        });
                        self.additions[2].clear();
                        added = true;
                    }
                    Some((Err(e), _)) | Some((_, Err(e))) => problem = Some(e),
                    _ => problem = Some("write it as: a, b -> c".to_string()),
                }
            }
        });
        if problem.is_some() || added {
            self.problem = problem;
        }
        if let Some(problem) = &self.problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
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
        let mut text = self
            .buffers
            .get(&key)
            .cloned()
            .unwrap_or_else(|| current.to_string());
        // A fixed size: in a grid, a text field's desired width is only a maximum.
        let field = egui::TextEdit::singleline(&mut text).id(key);
        let response = ui
            .add_sized([width, ui.spacing().interact_size.y], field)
            .accessible_name(name);
        if focus {
            response.request_focus();
        }
        if response.has_focus() {
            self.buffers.insert(key, text);
            return None;
        }
        self.buffers.remove(&key);
        (response.lost_focus() && text != current).then_some(text)
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

/// The id the model hands out next, for an edit that brings a new object; [`Inspector::ui`]
/// allocates it once the frame's edits are made.
fn allocate_preview<T: From<u32>>(schema: &Schema) -> T {
    T::from(schema.ids.peek())
}

fn new_column_edit(schema: &Schema, table: &Table) -> Edit {
    let taken = |name: &str| {
        table
            .columns
            .iter()
            .any(|c| c.name.eq_ignore_ascii_case(name))
    };
    let name = (1..)
        .map(|n| format!("column_{n}"))
        .find(|n| !taken(n))
        .expect("some number is free");
    Edit::AddColumn {
        table: table.id,
        column: Column::new(allocate_preview(schema), name, DataType::Text),
        index: usize::MAX,
    }
}

fn primary_key_edit(schema: &Schema, table: &Table, column: ColumnId, add: bool) -> Edit {
    let mut columns: Vec<ColumnId> = table
        .primary_key
        .as_ref()
        .map(|k| k.columns.clone())
        .unwrap_or_default();
    if add {
        columns.push(column);
    } else {
        columns.retain(|c| *c != column);
    }
    let primary_key = (!columns.is_empty()).then(|| PrimaryKey {
        id: table
            .primary_key
            .as_ref()
            .map_or_else(|| allocate_preview(schema), |k| k.id),
        name: table.primary_key.as_ref().and_then(|k| k.name.clone()),
        columns,
    });
    Edit::SetPrimaryKey {
        table: table.id,
        primary_key,
    }
}

const ACTIONS: [(ReferentialAction, &str); 5] = [
    (ReferentialAction::NoAction, "no action"),
    (ReferentialAction::Restrict, "restrict"),
    (ReferentialAction::Cascade, "cascade"),
    (ReferentialAction::SetNull, "set null"),
    (ReferentialAction::SetDefault, "set default"),
];

fn foreign_keys_ui(
    ui: &mut egui::Ui,
    schema: &Schema,
    table: &Table,
    selected: Option<crate::model::ConstraintId>,
    edits: &mut Vec<Edit>,
) {
    if table.foreign_keys.is_empty() {
        return;
    }
    ui.heading("Foreign keys");
    for fk in &table.foreign_keys {
        let target = schema.table(fk.references);
        let names = |ids: &[ColumnId], t: Option<&Table>| {
            ids.iter()
                .map(|c| {
                    t.and_then(|t| t.column(*c))
                        .map_or("?", |c| c.name.as_str())
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        ui.horizontal_wrapped(|ui| {
            let text = format!(
                "({}) references {}({})",
                names(&fk.columns, Some(table)),
                target.map_or("?", |t| t.name.as_str()),
                names(&fk.referenced_columns, target)
            );
            // The relationship clicked on the canvas stands out.
            let text = if selected == Some(fk.id) {
                egui::RichText::new(text)
                    .strong()
                    .background_color(ui.visuals().selection.bg_fill.gamma_multiply(0.4))
            } else {
                egui::RichText::new(text)
            };
            ui.label(text);
            for (label, current, on_delete) in [
                ("on delete", fk.on_delete, true),
                ("on update", fk.on_update, false),
            ] {
                let shown = ACTIONS
                    .iter()
                    .find(|(a, _)| *a == current)
                    .map_or("?", |(_, n)| n);
                egui::ComboBox::from_id_salt((label, fk.id))
                    .selected_text(format!("{label}: {shown}"))
                    .show_ui(ui, |ui| {
                        for (action, name) in ACTIONS {
                            if ui.selectable_label(action == current, name).clicked() {
                                let mut changed = fk.clone();
                                if on_delete {
                                    changed.on_delete = action;
                                } else {
                                    changed.on_update = action;
                                }
                                edits.push(Edit::SetForeignKey {
                                    foreign_key: changed,
                                });
                            }
                        }
                    })
                    .response
                    .accessible_name(label);
            }
            if ui
                .small_button("×")
                .on_hover_text("Remove the foreign key")
                .clicked()
            {
                edits.push(Edit::RemoveForeignKey { foreign_key: fk.id });
            }
        });
    }
    ui.separator();
}

fn others_ui(ui: &mut egui::Ui, table: &Table, edits: &mut Vec<Edit>) {
    let column = |id: ColumnId| table.column(id).map_or("?", |c| c.name.as_str());
    if !table.indexes.is_empty() {
        ui.heading("Indexes");
        for index in &table.indexes {
            ui.horizontal(|ui| {
                let keys: Vec<String> = index
                    .keys
                    .iter()
                    .map(|k| match &k.target {
                        crate::model::IndexTarget::Column(c) => column(*c).to_string(),
                        crate::model::IndexTarget::Expression(e) => e.clone(),
                    })
                    .collect();
                let unique = if index.unique { "unique " } else { "" };
                let name = index.name.as_deref().unwrap_or("(unnamed)");
                ui.label(format!("{unique}{name} ({})", keys.join(", ")));
                if ui
                    .small_button("×")
                    .on_hover_text("Remove the index")
                    .clicked()
                {
                    edits.push(Edit::RemoveIndex { index_id: index.id });
                }
            });
        }
    }
    if !table.checks.is_empty() {
        ui.heading("Checks");
        for check in &table.checks {
            ui.horizontal(|ui| {
                ui.label(format!("CHECK ({})", check.expression));
                if ui
                    .small_button("×")
                    .on_hover_text("Remove the check")
                    .clicked()
                {
                    edits.push(Edit::RemoveCheck { check: check.id });
                }
            });
        }
    }
    if !table.dependencies.is_empty() {
        ui.heading("Functional dependencies");
        for fd in &table.dependencies {
            ui.horizontal(|ui| {
                let side = |ids: &[ColumnId]| {
                    ids.iter()
                        .map(|c| column(*c))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                ui.label(format!("{} -> {}", side(&fd.lhs), side(&fd.rhs)));
                if ui
                    .small_button("×")
                    .on_hover_text("Remove the dependency")
                    .clicked()
                {
                    edits.push(Edit::RemoveDependency { dependency: fd.id });
                }
            });
        }
    }
}
