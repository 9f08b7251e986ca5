//! The column grid: name, type, keys, nullability, default, comment, order.

use super::*;

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
}

pub(super) fn new_column_edit(schema: &Schema, table: &Table) -> Edit {
    let taken = |name: &str| {
        table
            .columns
            .iter()
            .any(|c| c.name.eq_ignore_ascii_case(name))
    };
    let name = crate::model::template::first_free((1..).map(|n| format!("column_{n}")), taken);
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
