//! Keys and constraints: adding an index, a check or a dependency; checks and dependencies
//! listed.

use super::*;

impl Inspector {
    /// Adds an index, a check or a functional dependency from what is typed.
    pub(super) fn additions_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: &Table,
        edits: &mut Vec<Edit>,
    ) {
        ui.separator();
        ui.heading("Add an index, a check or a dependency");
        let names = |text: &str| typed_columns(table, text);
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
                        edits.push(Edit::allocating(
                            1,
                            Edit::AddIndex {
                                table: table.id,
                                index_def: crate::model::Index {
                                    id: upcoming_id(schema),
                                    name: None,
                                    unique: self.unique_index,
                                    method: crate::model::IndexMethod::BTree,
                                    keys: columns
                                        .into_iter()
                                        .map(crate::model::IndexKey::column)
                                        .collect(),
                                    include: Vec::new(),
                                    predicate: None,
                                    comment: String::new(),
                                    mysql_since: None,
                                },
                                index: usize::MAX,
                            },
                        ));
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
                if let Some(why) = unreadable_expression(schema, &expression) {
                    problem = Some(why);
                    return;
                }
                edits.push(Edit::allocating(
                    1,
                    Edit::AddCheck {
                        table: table.id,
                        check: crate::model::CheckConstraint {
                            id: upcoming_id(schema),
                            name: None,
                            expression,
                            on_column: None,
                        },
                        index: usize::MAX,
                    },
                ));
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
                        edits.push(Edit::allocating(
                            1,
                            Edit::AddDependency {
                                table: table.id,
                                dependency: crate::model::FunctionalDependency {
                                    id: upcoming_id(schema),
                                    lhs,
                                    rhs,
                                    soft: false,
                                    comment: String::new(),
                                },
                                index: usize::MAX,
                            },
                        ));
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
}

/// The columns of `table` named in `text`, separated by commas, in any case; or which is not
/// one of them.
pub(super) fn typed_columns(table: &Table, text: &str) -> Result<Vec<ColumnId>, String> {
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
}

pub(super) fn others_ui(ui: &mut egui::Ui, table: &Table, edits: &mut Vec<Edit>) {
    let column = |id: ColumnId| table.column(id).map_or("?", |c| c.name.as_str());
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

/// Why `text` cannot be a CHECK's expression on one of `schema`'s target dialects, if it cannot.
pub(super) fn unreadable_expression(schema: &Schema, text: &str) -> Option<String> {
    if text.trim().is_empty() {
        return Some("A check needs an expression.".to_string());
    }
    schema
        .check_settings
        .target_dialects()
        .into_iter()
        .find_map(|dialect| {
            crate::export::ddl::verbatim::expression(text, dialect)
                .err()
                .map(|why| format!("Not an expression {} reads: {why}", dialect.product()))
        })
}

/// What a field for an optional expression holds: none when left empty, the expression when
/// every target dialect reads it, else why not.
pub(super) fn optional_expression(schema: &Schema, typed: &str) -> Result<Option<String>, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    match unreadable_expression(schema, typed) {
        None => Ok(Some(typed.to_string())),
        Some(why) => Err(why),
    }
}

impl Inspector {
    /// The table's checks, each named and its expression edited in place; an expression a
    /// target dialect cannot read is not taken, and why is said under it.
    pub(super) fn checks_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: &Table,
        edits: &mut Vec<Edit>,
    ) {
        if table.checks.is_empty() {
            return;
        }
        ui.heading("Checks");
        let width = ui.available_width();
        for (i, check) in table.checks.iter().enumerate() {
            let set = |edits: &mut Vec<Edit>, changed: crate::model::CheckConstraint| {
                edits.push(Edit::SetCheck { check: changed })
            };
            ui.horizontal(|ui| {
                let key = egui::Id::unique(("check-name", check.id));
                let name = check.name.clone().unwrap_or_default();
                let label = format!("check {} name", i + 1);
                if let Some(typed) = self.text(ui, key, &name, (&label, 140.0), false) {
                    let name = Some(typed.trim().to_string()).filter(|n| !n.is_empty());
                    set(
                        edits,
                        crate::model::CheckConstraint {
                            name,
                            ..check.clone()
                        },
                    );
                }
                let key = egui::Id::unique(("check-expression", check.id));
                let label = format!("check {} expression", i + 1);
                // Name, expression and × within the panel: a row wider than it would bring a
                // horizontal scroll bar, which floats over the last row and takes its clicks.
                let gaps = 3.0 * ui.spacing().item_spacing.x;
                let room = (width - 140.0 - 24.0 - gaps - 8.0).max(120.0);
                if let Some(typed) = self.text(ui, key, &check.expression, (&label, room), false) {
                    match unreadable_expression(schema, &typed) {
                        None => {
                            self.check_problem = None;
                            set(
                                edits,
                                crate::model::CheckConstraint {
                                    expression: typed.trim().to_string(),
                                    ..check.clone()
                                },
                            );
                        }
                        Some(why) => self.check_problem = Some((check.id, why)),
                    }
                }
                if ui
                    .small_button("×")
                    .on_hover_text("Remove the check")
                    .accessible_name(format!("remove check {}", i + 1))
                    .clicked()
                {
                    edits.push(Edit::RemoveCheck { check: check.id });
                }
            });
            if let Some((_, why)) = self
                .check_problem
                .as_ref()
                .filter(|(id, _)| *id == check.id)
            {
                ui.colored_label(ui.visuals().error_fg_color, why);
            }
        }
    }
}
