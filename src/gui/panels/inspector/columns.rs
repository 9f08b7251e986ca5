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
        let widths = Widths::for_room(ui);
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
                    // Moved by dragging its grip, or a row at a time from the grip's menu.
                    let last = table.columns.len() - 1;
                    handle.context_menu(|ui| {
                        let mut step = |ui: &mut egui::Ui, label, enabled, to| {
                            if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
                                edits.push(Edit::MoveColumn {
                                    column: column.id,
                                    index: to,
                                });
                            }
                        };
                        step(ui, "Move up", index > 0, index.saturating_sub(1));
                        step(ui, "Move down", index < last, index + 1);
                    });
                    handles.push((column.id, handle.rect));
                    if handle.dragged() || handle.drag_stopped() {
                        dragged = Some((column.id, index, handle.drag_stopped()));
                    }
                    self.column_row(ui, schema, table, (&pk, widths), column, edits);
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
        (pk, widths): (&[ColumnId], Widths),
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
            (&format!("{} name", column.name), widths.name),
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
                (&format!("{} type", column.name), widths.data_type),
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
            (&format!("{} default", column.name), widths.default),
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
            (&format!("{} comment", column.name), widths.comment),
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
        if ui
            .small_button("×")
            .on_hover_text("Remove the column")
            .clicked()
        {
            edits.push(Edit::RemoveColumn { column: column.id });
        }
    }
}

/// The widths of the grid's text fields, made to fit the panel so the grid is not cut off on
/// the right: as wanted where there is room (a wider panel gives the comment more), shrunk
/// together down to a minimum where there is not (the panel then scrolls).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Widths {
    name: f32,
    data_type: f32,
    default: f32,
    comment: f32,
}

impl Widths {
    const WANTED: [f32; 4] = [110.0, 130.0, 70.0, 100.0];
    const LEAST: [f32; 4] = [70.0, 80.0, 44.0, 56.0];

    /// What the grid takes besides its text fields (the grip, the type list's "…", three check
    /// boxes, the remove button and the gaps), as measured in the inspector; widths follow the
    /// room alone, so that the grid keeps one layout from frame to frame.
    const FIXED: f32 = 300.0;

    fn for_room(ui: &egui::Ui) -> Widths {
        Widths::sharing(ui.available_width() - Self::FIXED)
    }

    fn sharing(room: f32) -> Widths {
        let wanted: f32 = Self::WANTED.iter().sum();
        let least: f32 = Self::LEAST.iter().sum();
        let t = ((room - least) / (wanted - least)).clamp(0.0, 1.0);
        let [name, data_type, default, comment] =
            std::array::from_fn(|i| Self::LEAST[i] + (Self::WANTED[i] - Self::LEAST[i]) * t);
        let extra = (room - wanted).clamp(0.0, 200.0);
        Widths {
            name,
            data_type,
            default,
            comment: comment + extra,
        }
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

#[cfg(test)]
mod tests {
    use super::Widths;

    #[test]
    fn the_fields_share_the_room_between_their_least_and_wanted_widths() {
        let sum = |w: Widths| w.name + w.data_type + w.default + w.comment;
        assert_eq!(sum(Widths::sharing(410.0)), 410.0);
        assert_eq!(sum(Widths::sharing(345.0)), 345.0);
        assert_eq!(
            Widths::sharing(100.0),
            Widths::sharing(250.0),
            "never below the least"
        );
        let wide = Widths::sharing(900.0);
        assert_eq!((wide.name, wide.data_type), (110.0, 130.0));
        assert_eq!(
            wide.comment, 300.0,
            "the comment takes what is spare, up to 200 more"
        );
    }
}
