//! Ctrl+F: find a table or column by name and jump to it.

use crate::gui::commands::AppCommand;
use crate::model::{ColumnId, Schema, TableId};

/// Results shown at most; typing more narrows them.
const SHOWN: usize = 12;

/// The search box's state.
#[derive(Debug, Default)]
pub struct Search {
    /// What is typed.
    pub query: String,
    /// Give the text field the keyboard on the next frame.
    pub focus: bool,
}

/// One thing found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The table to show.
    pub table: TableId,
    /// The column found, when it is a column.
    pub column: Option<ColumnId>,
    /// `table` or `table.column`.
    pub label: String,
}

impl Hit {
    /// What showing it asks of the app: its table centred, and its column marked on the card.
    fn command(&self) -> AppCommand {
        match self.column {
            Some(column) => AppCommand::FocusColumn(self.table, column),
            None => AppCommand::FocusTable(self.table),
        }
    }
}

/// Tables whose names contain the query come first, then columns, case-insensitively, each in
/// model order; names that start with the query before the rest.
pub fn find(schema: &Schema, query: &str) -> Vec<Hit> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let mut tables = Vec::new();
    let mut columns = Vec::new();
    for table in &schema.tables {
        let name = table.name.to_lowercase();
        if name.contains(&query) {
            tables.push((
                !name.starts_with(&query),
                Hit {
                    table: table.id,
                    column: None,
                    label: table.name.clone(),
                },
            ));
        }
        for column in &table.columns {
            let lower = column.name.to_lowercase();
            if lower.contains(&query) {
                columns.push((
                    !lower.starts_with(&query),
                    Hit {
                        table: table.id,
                        column: Some(column.id),
                        label: format!("{}.{}", table.name, column.name),
                    },
                ));
            }
        }
    }
    tables.sort_by_key(|(later, _)| *later);
    columns.sort_by_key(|(later, _)| *later);
    tables
        .into_iter()
        .chain(columns)
        .map(|(_, hit)| hit)
        .collect()
}

impl Search {
    /// Draws the box at the top of `area`; returns false once it should close.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        area: egui::Rect,
        schema: &Schema,
        commands: &mut Vec<AppCommand>,
    ) -> bool {
        let mut open = true;
        egui::Area::new(egui::Id::unique("schemaboard-search"))
            .fixed_pos(area.center_top() + egui::vec2(-160.0, 8.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_width(320.0);
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.query)
                                .hint_text("Find a table or column…")
                                .desired_width(f32::INFINITY),
                        )
                        .accessible_name("Find a table or column");
                    if std::mem::take(&mut self.focus) {
                        field.request_focus();
                    }
                    let hits = find(schema, &self.query);
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                        open = false;
                    }
                    if enter && let Some(first) = hits.first() {
                        commands.push(first.command());
                        open = false;
                    }
                    for hit in hits.iter().take(SHOWN) {
                        if ui.selectable_label(false, &hit.label).clicked() {
                            commands.push(hit.command());
                            open = false;
                        }
                    }
                    if hits.len() > SHOWN {
                        ui.weak(format!("… and {} more", hits.len() - SHOWN));
                    } else if hits.is_empty() && !self.query.trim().is_empty() {
                        ui.weak("Nothing found");
                    }
                });
            });
        open
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SchemaBuilder;

    #[test]
    fn tables_come_before_columns_and_prefixes_first() {
        let mut b = SchemaBuilder::new("t");
        b.table("order_items", (0.0, 0.0), |t| {
            t.column("order_id", "bigint");
        });
        b.table("orders", (0.0, 0.0), |t| {
            t.column("id", "bigint");
        });
        b.table("reorders", (0.0, 0.0), |t| {
            t.column("x", "int");
        });
        let schema = b.build().unwrap();
        let labels: Vec<String> = find(&schema, "ORDER")
            .into_iter()
            .map(|h| h.label)
            .collect();
        assert_eq!(
            labels,
            ["order_items", "orders", "reorders", "order_items.order_id"]
        );
        assert!(find(&schema, "  ").is_empty());
    }
}
