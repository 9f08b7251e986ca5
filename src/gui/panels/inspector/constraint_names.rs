//! The names of a table's primary key, unique constraints and foreign keys, each typed over the
//! name the server would give it (shown greyed where the model leaves it unnamed): the names a
//! migration drops them by, and the names the house style may require.

use super::*;
use crate::export::ddl::names;

impl Inspector {
    /// One row per named constraint of `table`: what it is, and its name.
    pub(super) fn constraint_names_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: &Table,
        edits: &mut Vec<Edit>,
    ) {
        if table.primary_key.is_none() && table.uniques.is_empty() && table.foreign_keys.is_empty()
        {
            return;
        }
        let dialect = naming_dialect(schema);
        let columns = |ids: &[ColumnId]| table.column_names(ids, ", ");
        ui.heading("Constraint names");
        let width = (ui.available_width() * 0.55).max(140.0);
        egui::Grid::new(("constraint-names", table.id))
            .num_columns(2)
            .show(ui, |ui| {
                if let Some(pk) = &table.primary_key {
                    let what = format!("primary key ({})", columns(&pk.columns));
                    let default = names::primary_key_name(
                        dialect,
                        table,
                        &PrimaryKey {
                            name: None,
                            ..pk.clone()
                        },
                    );
                    if let Some(name) =
                        self.constraint_name(ui, (pk.id, &what), &pk.name, &default, width)
                    {
                        edits.push(Edit::SetPrimaryKey {
                            table: table.id,
                            primary_key: Some(PrimaryKey { name, ..pk.clone() }),
                        });
                    }
                }
                for unique in &table.uniques {
                    let what = format!("unique ({})", columns(&unique.columns));
                    let unnamed = UniqueConstraint {
                        name: None,
                        ..unique.clone()
                    };
                    let default = names::unique_name(dialect, table, &unnamed);
                    if let Some(name) =
                        self.constraint_name(ui, (unique.id, &what), &unique.name, &default, width)
                    {
                        edits.push(Edit::SetUnique {
                            unique: UniqueConstraint {
                                name,
                                ..unique.clone()
                            },
                        });
                    }
                }
                for fk in &table.foreign_keys {
                    let parent = schema.table(fk.references).map_or("?", |t| t.name.as_str());
                    let what = format!("foreign key ({}) to {parent}", columns(&fk.columns));
                    let unnamed = crate::model::ForeignKey {
                        name: None,
                        ..fk.clone()
                    };
                    let default = names::foreign_key_name(dialect, table, &unnamed);
                    if let Some(name) =
                        self.constraint_name(ui, (fk.id, &what), &fk.name, &default, width)
                    {
                        edits.push(Edit::SetForeignKey {
                            foreign_key: crate::model::ForeignKey { name, ..fk.clone() },
                        });
                    }
                }
            });
    }

    /// A row of the grid: what the constraint is, and its name over the server's default; the
    /// new name once one is typed (`None` in it to go back to the default).
    fn constraint_name(
        &mut self,
        ui: &mut egui::Ui,
        (id, what): (crate::model::ConstraintId, &str),
        current: &Option<String>,
        default: &str,
        width: f32,
    ) -> Option<Option<String>> {
        ui.label(what);
        let key = egui::Id::unique(("constraint-name", id));
        let mut text = self.typed(key, current.as_deref().unwrap_or(""));
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .id(key)
                    .hint_text(default)
                    .desired_width(width),
            )
            .accessible_name(format!("{what} name"));
        ui.end_row();
        if response.has_focus() {
            self.buffers.insert(key, text);
            return None;
        }
        self.buffers.remove(&key);
        // Escape abandons what was typed, as in every inspector field.
        let cancelled = ui.input(|i| i.key_pressed(egui::Key::Escape));
        let typed = Some(text.trim().to_string()).filter(|t| !t.is_empty());
        (response.lost_focus() && !cancelled && typed != *current).then_some(typed)
    }
}
