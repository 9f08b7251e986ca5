//! The column grid: name, type, keys, nullability, default, comment, order.

use super::*;
use crate::model::type_names;

impl Inspector {
    pub(super) fn columns_ui(
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
        // Each row's handle, to find where a dragged row is dropped.
        let mut handles: Vec<(ColumnId, egui::Rect)> = Vec::new();
        let mut dragged = None;
        egui::Grid::new(("inspector-columns", table.id))
            .striped(true)
            .num_columns(9)
            .show(ui, |ui| {
                for heading in [
                    "", "Name", "Type", "PK", "NN", "UQ", "Default", "Comment", "",
                ] {
                    ui.strong(heading);
                }
                ui.end_row();
                for (index, column) in table.columns.iter().enumerate() {
                    let handle = drag_handle(ui, &column.name);
                    handles.push((column.id, handle.rect));
                    if handle.dragged() || handle.drag_stopped() {
                        dragged = Some((column.id, index, handle.drag_stopped()));
                    }
                    self.column_row(ui, schema, table, &pk, index, column, edits);
                    ui.end_row();
                }
            });
        let (Some((column, from, dropped)), Some(pointer)) =
            (dragged, ui.ctx().pointer_interact_pos())
        else {
            return;
        };
        let to = drop_index(&handles, column, pointer.y);
        if dropped {
            if to != from {
                edits.push(Edit::MoveColumn { column, index: to });
            }
            return;
        }
        // Where the row would land: a line between rows, across the grid.
        let others: Vec<egui::Rect> = handles
            .iter()
            .filter(|(id, _)| *id != column)
            .map(|(_, rect)| *rect)
            .collect();
        let y = match (
            to.checked_sub(1).and_then(|i| others.get(i)),
            others.get(to),
        ) {
            (_, Some(below)) => below.top() - 1.0,
            (Some(above), None) => above.bottom() + 1.0,
            (None, None) => return,
        };
        let x = handles[0].1.left()..=ui.min_rect().right();
        let stroke = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
        ui.painter().hline(x, y, stroke);
        ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
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
        let focus = self.focus_column == Some(column.id);
        if focus {
            self.focus_column = None;
        }
        if let Some(name) = self.text(
            ui,
            key,
            &column.name,
            (&format!("{} name", column.name), 110.0),
            focus,
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
            let dialects = schema.check_settings.target_dialects();
            let enums = || schema.enums.iter().map(|e| e.name.as_str());
            let suggest = |typed: &str| type_names::suggestions(typed, &dialects, enums());
            if let Some(text) = self.completing_text(
                ui,
                key,
                &current,
                (&format!("{} type", column.name), 130.0),
                false,
                Some(&suggest),
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
                // Dozens of types: scrolled within the window, not run off its bottom.
                let room = (ui.ctx().content_rect().bottom() - ui.min_rect().top() - 16.0)
                    .clamp(120.0, 360.0);
                egui::ScrollArea::vertical()
                    .max_height(room)
                    .show(ui, |ui| {
                        for suggestion in type_names::suggestions("", &dialects, enums()) {
                            let name = suggestion.text.as_str();
                            if ui.button(name).on_hover_text(&suggestion.origin).clicked()
                                && let Ok(data_type) =
                                    DataType::parse(name, |n| schema.enum_named(n))
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
                None => Edit::allocating(
                    1,
                    Edit::AddUnique {
                        table: table.id,
                        unique: UniqueConstraint {
                            id: upcoming_id(schema),
                            name: None,
                            columns: vec![column.id],
                            nulls_not_distinct: false,
                        },
                        index: usize::MAX,
                    },
                ),
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
}

/// The grip a row is dragged by: three short lines, painted rather than drawn from a font.
fn drag_handle(ui: &mut egui::Ui, column: &str) -> egui::Response {
    let size = egui::vec2(12.0, ui.spacing().interact_size.y);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::drag());
    let response = response
        .accessible_name(format!("move {column}"))
        .on_hover_cursor(egui::CursorIcon::Grab);
    let color = if response.hovered() || response.dragged() {
        ui.visuals().strong_text_color()
    } else {
        ui.visuals().weak_text_color()
    };
    for dy in [-4.0, 0.0, 4.0] {
        let y = rect.center().y + dy;
        ui.painter()
            .hline(rect.x_range().shrink(2.0), y, egui::Stroke::new(1.5, color));
    }
    response
}

/// The position a dragged row takes when let go at height `y`: after every other row whose
/// middle is above it.
fn drop_index(rows: &[(ColumnId, egui::Rect)], dragged: ColumnId, y: f32) -> usize {
    rows.iter()
        .filter(|(id, rect)| *id != dragged && rect.center().y < y)
        .count()
}

pub(super) fn new_column_edit(schema: &Schema, table: &Table) -> Edit {
    let taken = |name: &str| {
        table
            .columns
            .iter()
            .any(|c| c.name.eq_ignore_ascii_case(name))
    };
    let name = crate::model::template::first_free((1..).map(|n| format!("column_{n}")), taken);
    Edit::allocating(
        1,
        Edit::AddColumn {
            table: table.id,
            column: Column::new(upcoming_id(schema), name, DataType::Text),
            // Before the audit columns a table ends with, where a designer adds columns.
            index: crate::model::template::new_column_index(table),
        },
    )
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
            .map_or_else(|| upcoming_id(schema), |k| k.id),
        name: table.primary_key.as_ref().and_then(|k| k.name.clone()),
        columns,
    });
    let new_key = table.primary_key.is_none() && primary_key.is_some();
    let edit = Edit::SetPrimaryKey {
        table: table.id,
        primary_key,
    };
    if new_key {
        Edit::allocating(1, edit)
    } else {
        edit
    }
}
