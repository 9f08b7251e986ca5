//! A table's partitioning (PostgreSQL's declarative partitioning): the key its rows are split
//! by, and its partitions, each a table of the model holding the parent's columns and the bound
//! of the rows it takes. A key or bound that does not read is refused with the reason.

use super::*;
use crate::model::partition::{self, Key};
use crate::model::table::{PARTITION_BOUND, PARTITION_BY, PARTITION_OF};

/// What is typed to add a partition.
#[derive(Debug, Default)]
pub(super) struct NewPartition {
    name: String,
    bound: String,
}

/// PostgreSQL reads `text` as one expression (a key's item, a bound's value).
fn postgres_expression(text: &str) -> Result<(), String> {
    crate::export::ddl::verbatim::expression(text, crate::model::Dialect::Postgres)
}

/// The partition key typed for `table`, or why it is none: a plain name must be a column.
fn key_typed(table: &Table, typed: &str) -> Result<Key, String> {
    let key = partition::key(typed, postgres_expression)?;
    for item in &key.items {
        let plain = item.chars().all(|c| c.is_alphanumeric() || c == '_');
        if plain
            && !table
                .columns
                .iter()
                .any(|c| c.name.eq_ignore_ascii_case(item))
        {
            return Err(format!("{} has no column {item}.", table.name));
        }
    }
    Ok(key)
}

/// The bound typed for a partition of `parent`, as PostgreSQL takes it.
fn bound_for(parent: &Table, typed: &str) -> Result<String, String> {
    let key = parent
        .properties
        .get(PARTITION_BY)
        .ok_or_else(|| format!("{} is not partitioned.", parent.name))
        .and_then(|k| partition::key(k, |_| Ok(())))?;
    let bound = partition::bound_typed(typed, &key, postgres_expression)?;
    crate::export::ddl::verbatim::clause(
        &bound,
        crate::model::Dialect::Postgres,
        crate::export::ddl::verbatim::Clause::Options,
    )
    .map_err(|why| format!("Not a bound: {why}."))?;
    Ok(bound)
}

/// `table` with `property` set to `value`, or taken out where `value` is none.
fn with_property(table: &Table, property: &str, value: Option<String>) -> Edit {
    let mut info = table.info();
    match value {
        Some(value) => info.properties.insert(property.to_string(), value),
        None => info.properties.remove(property),
    };
    Edit::SetTableInfo {
        table: table.id,
        info,
    }
}

/// A new partition of `parent` named `name`: the parent's columns (comments stay the
/// parent's), and the bound.
fn new_partition_edit(schema: &Schema, parent: &Table, name: &str, bound: String) -> Edit {
    let (edit, ()) = Edit::with_new_ids(schema, |ids| {
        let mut table = Table::new(
            ids.allocate(),
            name,
            crate::model::Point {
                x: parent.position.x + 40.0,
                y: parent.position.y + 40.0,
            },
        );
        table.schema = parent.schema.clone();
        table.group = parent.group;
        table.columns = parent
            .columns
            .iter()
            .map(|c| Column {
                id: ids.allocate(),
                comment: String::new(),
                ..c.clone()
            })
            .collect();
        let pg = |n: &str| crate::export::ddl::names::ident(crate::model::Dialect::Postgres, n);
        let parent_name = match &parent.schema {
            Some(s) => format!("{}.{}", pg(s), pg(&parent.name)),
            None => pg(&parent.name),
        };
        table
            .properties
            .insert(PARTITION_OF.to_string(), parent_name);
        table.properties.insert(PARTITION_BOUND.to_string(), bound);
        (
            Edit::AddTable {
                table,
                index: usize::MAX,
            },
            (),
        )
    });
    edit
}

impl Inspector {
    /// The partition key and the partitions of a table, or, for a partition, its parent and
    /// bound.
    pub(super) fn partitions_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: &Table,
        edits: &mut Vec<Edit>,
        commands: &mut Vec<AppCommand>,
    ) {
        ui.heading("Partitioning");
        let parents = partition::parents(schema);
        if let Some(parent) = parents.get(&table.id).and_then(|id| schema.table(*id)) {
            ui.horizontal(|ui| {
                ui.label("A partition of");
                if ui.link(&parent.name).clicked() {
                    commands.push(AppCommand::FocusTable(parent.id));
                }
            });
            self.bound_ui(ui, (parent, table), ("partition bound", table.id), edits);
            self.partition_problem_ui(ui, table.id);
            ui.separator();
            return;
        }
        let current = table
            .properties
            .get(PARTITION_BY)
            .cloned()
            .unwrap_or_default();
        let key = egui::Id::unique(("partition key", table.id));
        let width = (ui.available_width() - 8.0).clamp(120.0, 320.0);
        ui.horizontal(|ui| {
            ui.label("Partition by");
            if let Some(typed) = self.text(ui, key, &current, ("partition key", width), false) {
                let partitions = parents.values().filter(|p| **p == table.id).count();
                let verdict = if typed.trim().is_empty() {
                    if partitions > 0 {
                        Err(format!(
                            "It has {}: remove them first.",
                            crate::words::count(partitions, "partition")
                        ))
                    } else {
                        Ok(None)
                    }
                } else {
                    key_typed(table, &typed).map(|k| Some(k.written()))
                };
                match verdict {
                    Ok(value) => {
                        self.partition_problem = None;
                        if value.as_ref() != table.properties.get(PARTITION_BY) {
                            edits.push(with_property(table, PARTITION_BY, value));
                        }
                    }
                    Err(why) => self.partition_problem = Some((table.id, why)),
                }
            }
        });
        if current.is_empty() {
            ui.weak("Not partitioned: RANGE (placed_at), LIST (region) or HASH (id) splits it.");
            self.partition_problem_ui(ui, table.id);
            ui.separator();
            return;
        }
        if let Some(missing) =
            crate::export::ddl::postgres::keys_without_partition_columns(table, &current)
        {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "PostgreSQL needs the {missing} to hold the partition key's columns; \
                     until it does, the key is left out of the script."
                ),
            );
        }
        let mut partitions: Vec<&Table> = schema
            .tables
            .iter()
            .filter(|t| parents.get(&t.id) == Some(&table.id))
            .collect();
        partitions.sort_by(|a, b| a.name.cmp(&b.name));
        for part in partitions {
            ui.horizontal(|ui| {
                if ui.link(&part.name).clicked() {
                    commands.push(AppCommand::FocusTable(part.id));
                }
                let label = format!("partition {} bound", part.name);
                self.bound_ui(ui, (table, part), (&label, table.id), edits);
                if ui
                    .small_button("×")
                    .on_hover_text("Remove the partition and the rows it holds")
                    .clicked()
                {
                    edits.push(Edit::RemoveTable { table: part.id });
                }
            });
        }
        let new = &mut self.new_partition;
        let mut add = false;
        ui.horizontal_wrapped(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut new.name)
                    .hint_text(format!("{}_next", table.name))
                    .desired_width(140.0),
            )
            .accessible_name("new partition name");
            ui.add(
                egui::TextEdit::singleline(&mut new.bound)
                    .hint_text("FROM (…) TO (…)")
                    .desired_width(200.0),
            )
            .accessible_name("new partition bound");
            add = ui.button("Add partition").clicked();
        });
        if add {
            let name = new.name.trim().to_string();
            let taken = schema
                .tables
                .iter()
                .any(|t| t.schema == table.schema && t.name.eq_ignore_ascii_case(&name));
            let verdict = if name.is_empty() {
                Err("Name the partition.".to_string())
            } else if taken {
                Err(format!("There is a table named {name} already."))
            } else {
                bound_for(table, &new.bound)
            };
            match verdict {
                Ok(bound) => {
                    edits.push(new_partition_edit(schema, table, &name, bound));
                    self.new_partition = NewPartition::default();
                    self.partition_problem = None;
                }
                Err(why) => self.partition_problem = Some((table.id, why)),
            }
        }
        self.partition_problem_ui(ui, table.id);
        ui.separator();
    }

    /// The bound of `part`, a partition of `parent`, in a field named `label`, with why a
    /// bound typed is refused said in the inspector of `shown`.
    fn bound_ui(
        &mut self,
        ui: &mut egui::Ui,
        (parent, part): (&Table, &Table),
        (label, shown): (&str, TableId),
        edits: &mut Vec<Edit>,
    ) {
        let current = part
            .properties
            .get(PARTITION_BOUND)
            .cloned()
            .unwrap_or_else(|| "DEFAULT".to_string());
        let key = egui::Id::unique(("partition bound", part.id));
        // The rest of the row, but room for the remove button after it.
        let width = (ui.available_width() - 36.0).max(160.0);
        if let Some(typed) = self.text(ui, key, &current, (label, width), false) {
            match bound_for(parent, &typed) {
                Ok(bound) => {
                    self.partition_problem = None;
                    if bound != current {
                        edits.push(with_property(part, PARTITION_BOUND, Some(bound)));
                    }
                }
                Err(why) => self.partition_problem = Some((shown, why)),
            }
        }
    }

    fn partition_problem_ui(&self, ui: &mut egui::Ui, table: TableId) {
        if let Some((_, why)) = self.partition_problem.as_ref().filter(|(t, _)| *t == table) {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }
    }
}
