//! The table's foreign keys: each with its actions and when it is checked, and a form that adds
//! one of any number of columns, pairing the child's columns with a key of the parent.

use super::constraints::typed_columns;
use super::*;
use crate::model::ForeignKey;
use crate::model::table::Deferral;

const ACTIONS: [(ReferentialAction, &str); 5] = [
    (ReferentialAction::NoAction, "no action"),
    (ReferentialAction::Restrict, "restrict"),
    (ReferentialAction::Cascade, "cascade"),
    (ReferentialAction::SetNull, "set null"),
    (ReferentialAction::SetDefault, "set default"),
];

/// When a foreign key is checked, as the combo offers it.
const CHECKED: [(Option<Deferral>, &str); 3] = [
    (None, "checked: each statement"),
    (
        Some(Deferral::Immediate),
        "deferrable, checked: each statement",
    ),
    (Some(Deferral::Deferred), "deferrable, checked: at commit"),
];

/// What is typed for a foreign key being added.
#[derive(Debug, Default)]
pub(super) struct NewForeignKey {
    /// The child's columns, `a, b`.
    columns: String,
    /// The table referenced.
    parent: Option<TableId>,
    /// The parent's columns, pairwise with the child's; its primary key when the parent is
    /// chosen.
    parent_columns: String,
    /// Why the last one was not added.
    problem: Option<String>,
}

impl Inspector {
    pub(super) fn foreign_keys_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: &Table,
        edits: &mut Vec<Edit>,
    ) {
        ui.heading("Foreign keys");
        for fk in &table.foreign_keys {
            self.foreign_key_ui(ui, schema, table, fk, edits);
        }
        self.new_foreign_key_ui(ui, schema, table, edits);
        ui.separator();
    }

    fn foreign_key_ui(
        &self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: &Table,
        fk: &ForeignKey,
        edits: &mut Vec<Edit>,
    ) {
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
            let text = if self.selected_fk == Some(fk.id) {
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
            let shown = CHECKED
                .iter()
                .find(|(d, _)| *d == fk.deferrable)
                .map_or("?", |(_, n)| n);
            egui::ComboBox::from_id_salt(("checked", fk.id))
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for (deferrable, name) in CHECKED {
                        if ui
                            .selectable_label(deferrable == fk.deferrable, name)
                            .clicked()
                        {
                            edits.push(Edit::SetForeignKey {
                                foreign_key: ForeignKey {
                                    deferrable,
                                    ..fk.clone()
                                },
                            });
                        }
                    }
                })
                .response
                .on_hover_text(
                    "A deferrable key may wait until the transaction commits (PostgreSQL and \
                     SQLite; MySQL and MariaDB check every row at once).",
                )
                .accessible_name("when checked");
            if fk.columns.len() > 1 {
                let mut full = fk.match_full;
                if ui
                    .checkbox(&mut full, "match full")
                    .on_hover_text(
                        "All the key's columns NULL or none: without it, one NULL column skips \
                         the check.",
                    )
                    .changed()
                {
                    edits.push(Edit::SetForeignKey {
                        foreign_key: ForeignKey {
                            match_full: full,
                            ..fk.clone()
                        },
                    });
                }
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

    /// The child's columns, the parent and its columns (its primary key unless others are
    /// typed), then "Add foreign key": refused, with the reason, unless the columns pair up with
    /// a key of the parent.
    fn new_foreign_key_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: &Table,
        edits: &mut Vec<Edit>,
    ) {
        let new = &mut self.new_fk;
        ui.horizontal_wrapped(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut new.columns)
                    .hint_text("a, b")
                    .desired_width(120.0),
            )
            .accessible_name("foreign key columns");
            ui.label("references");
            let parent = new.parent.and_then(|id| schema.table(id));
            egui::ComboBox::from_id_salt(("new-fk-parent", table.id))
                .selected_text(parent.map_or("table", |t| t.name.as_str()))
                .height(320.0)
                .show_ui(ui, |ui| {
                    let mut tables: Vec<&Table> = schema.tables.iter().collect();
                    tables.sort_by(|a, b| a.name.cmp(&b.name));
                    for t in tables {
                        if ui
                            .selectable_label(new.parent == Some(t.id), &t.name)
                            .clicked()
                        {
                            new.parent = Some(t.id);
                            new.parent_columns = t
                                .primary_key
                                .as_ref()
                                .map(|pk| t.column_names(&pk.columns, ", "))
                                .unwrap_or_default();
                        }
                    }
                })
                .response
                .accessible_name("referenced table");
            ui.add(
                egui::TextEdit::singleline(&mut new.parent_columns)
                    .hint_text("its key")
                    .desired_width(120.0),
            )
            .accessible_name("referenced columns");
            if ui.button("Add foreign key").clicked() {
                match foreign_key_typed(schema, table, new) {
                    Ok(foreign_key) => {
                        edits.push(Edit::allocating(
                            1,
                            Edit::AddForeignKey {
                                table: table.id,
                                foreign_key,
                                index: usize::MAX,
                            },
                        ));
                        *new = NewForeignKey::default();
                    }
                    Err(why) => new.problem = Some(why),
                }
            }
        });
        if let Some(why) = &self.new_fk.problem {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }
    }
}

/// The foreign key typed into the form, or why it cannot be one.
fn foreign_key_typed(
    schema: &Schema,
    table: &Table,
    new: &NewForeignKey,
) -> Result<ForeignKey, String> {
    let parent = new
        .parent
        .and_then(|id| schema.table(id))
        .ok_or("Choose the table it references.")?;
    let columns = typed_columns(table, &new.columns)?;
    let referenced = typed_columns(parent, &new.parent_columns)?;
    if columns.is_empty() {
        return Err("Name the columns that reference it.".to_string());
    }
    if columns.len() != referenced.len() {
        return Err(format!(
            "{} columns reference {} of {}: give as many on each side.",
            columns.len(),
            referenced.len(),
            parent.name
        ));
    }
    if !parent.is_key(&referenced) {
        return Err(format!(
            "({}) is not a key of {}: a foreign key references its primary key or a unique \
             constraint.",
            parent.column_names(&referenced, ", "),
            parent.name
        ));
    }
    Ok(ForeignKey {
        id: upcoming_id(schema),
        name: None,
        columns,
        references: parent.id,
        referenced_columns: referenced,
        on_delete: ReferentialAction::NoAction,
        on_update: ReferentialAction::NoAction,
        deferrable: None,
        match_full: false,
    })
}
