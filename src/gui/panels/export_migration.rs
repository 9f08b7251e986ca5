//! The comparison's Migration script… window: the script that takes a database made from the
//! other version to the open model (or back), in a dialect, safe for a live PostgreSQL database
//! if asked, with the values the rows already there get in columns that become required. The
//! script is `export::diff`'s, paired as the comparison pairs (`Versions`), so it is the one
//! `schemaboard diff --dialect` writes.

use crate::export::diff::versions::{Direction, Versions};
use crate::export::diff::{Backfill, Migration, Options};
use crate::model::Dialect;
use egui::Ui;
use std::collections::BTreeMap;

/// What the script was made from, to make it again only when one of them changes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Made {
    revision: u64,
    dialect: Dialect,
    safe: bool,
    down: bool,
    values: Vec<Backfill>,
    renames: Vec<crate::compare::renames::Rename>,
}

/// The window's state.
#[derive(Debug, Default)]
pub struct ExportMigration {
    /// The dialect the script is written in.
    pub dialect: Dialect,
    /// PostgreSQL's safe forms for a live database (`diff --safe`).
    pub safe: bool,
    /// The way back, from the open model to the other version.
    pub down: bool,
    /// What the user typed for each column that needs a value (`table`, `column`).
    pub values: BTreeMap<(String, String), String>,
    /// The target model's value for each of them when last drawn.
    seen: BTreeMap<(String, String), String>,
    /// The script as last made, and from what.
    cached: Option<(Made, Script)>,
}

/// The columns that need a value (`table`, `column`), and the script or why there is none.
pub type Script = (Vec<(String, String)>, Result<Migration, String>);

/// What the window asks the app to do.
pub enum MigrationAction {
    /// Nothing.
    None,
    /// Save this script somewhere the user picks, under this file name.
    Save(String, String),
    /// Close the window.
    Close,
    /// Keep this value for the rows already there in the open model's column (an edit, so it
    /// is undone like any other and saved with the model).
    Edit(Box<crate::model::Edit>),
}

impl ExportMigration {
    fn direction(&self) -> Direction {
        if self.down {
            Direction::Down
        } else {
            Direction::Up
        }
    }

    /// The values typed so far, as backfills (an empty field is no value).
    fn backfills(&self) -> Vec<Backfill> {
        self.values
            .iter()
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|((table, column), value)| Backfill {
                table: table.clone(),
                column: column.clone(),
                value: value.trim().to_string(),
            })
            .collect()
    }

    /// The columns that need a value and the script, for `versions` at `revision` (made again
    /// only on change).
    pub fn script(&mut self, versions: &Versions, revision: u64) -> &Script {
        let made = Made {
            revision,
            dialect: self.dialect,
            safe: self.safe,
            down: self.down,
            values: self.backfills(),
            renames: versions.renames.to_vec(),
        };
        if self.cached.as_ref().is_none_or(|(m, _)| *m != made) {
            let direction = self.direction();
            let needing = versions.needing_values(direction);
            // Values typed for columns that no longer need one (the other way, an edit since)
            // are kept in the fields but not written.
            let values = made
                .values
                .iter()
                .filter(|b| needing.contains(&(b.table.clone(), b.column.clone())))
                .cloned()
                .collect();
            let options = Options {
                safe: self.safe,
                backfill: values,
            };
            let script = versions
                .migration(
                    direction,
                    crate::export::ddl::writer(self.dialect),
                    &options,
                )
                .map_err(|e| e.to_string());
            self.cached = Some((made, (needing, script)));
        }
        &self.cached.as_ref().expect("just filled").1
    }

    /// The script as last drawn, if it was.
    pub fn last_script(&self) -> Option<&Script> {
        self.cached.as_ref().map(|(_, script)| script)
    }

    /// Draws the window's contents. `against` names the other version (`HEAD:sales.ron`).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        versions: &Versions,
        revision: u64,
        against: &str,
    ) -> MigrationAction {
        let mut action = MigrationAction::None;
        ui.horizontal(|ui| {
            super::export_sql::dialect_picker(ui, &mut self.dialect);
        });
        ui.horizontal(|ui| {
            ui.radio_value(
                &mut self.down,
                false,
                format!("Up: from {against} to this model"),
            );
            ui.radio_value(&mut self.down, true, "Down: back again");
        });
        let postgres = self.dialect == Dialect::Postgres;
        ui.add_enabled(
            postgres,
            egui::Checkbox::new(&mut self.safe, "Safe for a live database"),
        )
        .on_hover_text(
            "Lock and statement timeouts; indexes built and dropped concurrently; foreign keys \
             and checks added NOT VALID and validated after the commit; NOT NULL through a \
             validated check; unique constraints over a concurrently built index.",
        )
        .on_disabled_hover_text("PostgreSQL only");
        let (needing, script) = {
            let (needing, script) = self.script(versions, revision);
            (needing.clone(), script.clone())
        };
        if !needing.is_empty() {
            ui.separator();
            ui.label("Values for the rows already there (an SQL expression; left empty, the script stops at a guard while the table has rows):");
            egui::Grid::new("migration-values")
                .num_columns(2)
                .show(ui, |ui| {
                    for key in needing {
                        let label = ui.label(format!("{}.{}", key.0, key.1));
                        // Up, the target is the open model: its column keeps the value. Down,
                        // it is the other version, read only: the value is the window's.
                        let target = if self.down {
                            versions.old
                        } else {
                            versions.new
                        };
                        let column = column_named(target, &key);
                        let kept = column
                            .and_then(|c| c.existing_rows.clone())
                            .unwrap_or_default();
                        let id = ui.make_persistent_id(("migration-value", &key));
                        // A value the model gets from elsewhere (undo, the inspector) replaces
                        // the field's; what is typed stays until the field is left.
                        let seen = self.seen.insert(key.clone(), kept.clone());
                        let field = self.values.entry(key).or_insert_with(|| kept.clone());
                        if !self.down && seen.is_some_and(|seen| seen != kept) {
                            field.clone_from(&kept);
                        }
                        let response = ui
                            .add(
                                egui::TextEdit::singleline(field)
                                    .id(id)
                                    .hint_text("none: the guard"),
                            )
                            .labelled_by(label.id);
                        if !self.down
                            && response.lost_focus()
                            && field.trim() != kept.trim()
                            && let Some(column) = column
                        {
                            let value = Some(field.trim().to_string()).filter(|v| !v.is_empty());
                            action =
                                MigrationAction::Edit(Box::new(crate::model::Edit::SetColumn {
                                    column: crate::model::Column {
                                        existing_rows: value,
                                        ..column.clone()
                                    },
                                }));
                        }
                        ui.end_row();
                    }
                });
        }
        ui.separator();
        match script {
            Err(error) => {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            Ok(migration) => {
                if !migration.destructive.is_empty() {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!(
                            "{} steps can lose data: {}",
                            migration.destructive.len(),
                            migration.destructive.join("; ")
                        ),
                    );
                }
                super::export_sql::script_view(ui, &migration.sql, &migration.losses);
                ui.horizontal(|ui| {
                    if ui.button("Save as…").clicked() {
                        let way = if self.down { "down" } else { "up" };
                        let extension = self.dialect.script_extension();
                        action = MigrationAction::Save(
                            migration.sql.clone(),
                            format!("{}-{way}.{extension}", versions.new.name),
                        );
                    }
                    if ui.button("Close").clicked() {
                        action = MigrationAction::Close;
                    }
                });
            }
        }
        action
    }
}

/// The column of `schema` that `key` names (`table`, `column`).
fn column_named<'s>(
    schema: &'s crate::model::Schema,
    key: &(String, String),
) -> Option<&'s crate::model::Column> {
    schema
        .tables
        .iter()
        .filter(|t| t.qualified_name().eq_ignore_ascii_case(&key.0))
        .find_map(|t| {
            t.columns
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(&key.1))
        })
}
