//! The panels beside the canvas: the inspector, review comments, a comparison's change list.

use super::App;
use super::dock::{Dock, Side};
use crate::gui::{canvas, commands::AppCommand, view_state::Notice};
use egui::Ui;

impl App {
    /// The inspector panel, for the one selected table, note or group. Which panel is open does
    /// not change during a drag: a panel opening or closing mid-gesture would resize the canvas
    /// under the pointer.
    pub(super) fn inspector_ui(&mut self, ui: &mut Ui) {
        use crate::gui::view_state::InspectorKind;
        let table = self
            .view
            .selection
            .only_table()
            .filter(|one| self.document.schema().table(*one).is_some());
        let item = self.inspected_item().filter(|_| table.is_none());
        let kind = if self.view.canvas.drag.is_some() {
            self.view.canvas.inspector_kind
        } else {
            table
                .map(|_| InspectorKind::Table)
                .or(item.map(|_| InspectorKind::Item))
                .or_else(|| {
                    self.view
                        .selection
                        .tables
                        .is_empty()
                        .then_some(InspectorKind::Model)
                })
        };
        self.view.canvas.inspector_kind = kind;
        // The left panels are placed already: what is left of the canvas's half is the room.
        let room = side_room(ui, 0.5);
        let dock = |id, default| Dock {
            id,
            title: "Inspector",
            side: Side::Right,
            default,
            room,
        };
        match kind {
            Some(InspectorKind::Table) => {
                self.docked(ui, dock("inspector-table", 600.0), |app, ui| match table {
                    Some(table) => {
                        app.view.panels.inspector.selected_fk = app.view.selection.fk;
                        app.view.panels.inspector.ui(
                            ui,
                            app.document.schema(),
                            table,
                            &mut app.commands,
                        )
                    }
                    None => {
                        ui.weak("Several tables selected");
                    }
                });
            }
            Some(InspectorKind::Item) => {
                self.docked(ui, dock("inspector-item", 360.0), |app, ui| match item {
                    Some(item) => app.view.panels.inspector.item_ui(
                        ui,
                        app.document.schema(),
                        item,
                        &mut app.commands,
                    ),
                    None => {
                        ui.weak("Nothing selected");
                    }
                });
            }
            Some(InspectorKind::Model) => {
                self.docked(ui, dock("inspector-model", 260.0), |app, ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        app.view.panels.inspector.model_ui(
                            ui,
                            app.document.schema(),
                            &mut app.commands,
                        )
                    });
                });
            }
            None => {}
        }
    }

    pub(super) fn comments_ui(&mut self, ui: &mut Ui) {
        if !self.view.prefs.show_comments {
            return;
        }
        let table = self.view.selection.only_table();
        let dock = Dock {
            id: "comments",
            title: "Comments",
            side: Side::Left,
            default: 320.0,
            room: side_room(ui, 0.25),
        };
        self.docked(ui, dock, |app, ui| {
            let findings: Vec<_> = app.document.findings().collect();
            app.view.panels.comments.ui(
                ui,
                app.document.schema(),
                &findings,
                (table, app.view.selection.fk),
                &mut app.commands,
            );
        });
    }

    /// The comparison's change list, beside the canvas.
    pub(super) fn changes_ui(&mut self, ui: &mut Ui) {
        if self.view.comparing.is_none() {
            return;
        }
        let dock = Dock {
            id: "changes",
            title: "Changes",
            side: Side::Left,
            default: 300.0,
            room: side_room(ui, 0.25),
        };
        self.docked(ui, dock, |app, ui| {
            let Some(comparing) = &app.view.comparing else {
                return;
            };
            ui.horizontal(|ui| {
                ui.heading("Changes");
                if ui.button("Stop comparing").clicked() {
                    app.commands.push(AppCommand::StopComparing);
                }
                if ui
                    .button("Migration script…")
                    .on_hover_text(
                        "The SQL that takes a database from the other version to this one",
                    )
                    .clicked()
                {
                    app.commands.push(AppCommand::ExportMigration);
                }
            });
            let [added, removed, renamed, changed] = comparing.comparison.counts();
            ui.label(format!(
                "since {}: {added} added, {removed} removed, {renamed} renamed, {changed} changed",
                comparing.against
            ));
            if comparing.comparison.matching == crate::compare::Matching::Names {
                ui.weak("The models share no ids: tables and columns matched by name.");
            }
            if !comparing.renames.is_empty() {
                ui.label("Probable renames (tick those that are):");
                for (index, (rename, taken)) in comparing.renames.iter().enumerate() {
                    let mut ticked = *taken;
                    if ui.checkbox(&mut ticked, rename.describe()).changed() {
                        app.commands.push(AppCommand::AcceptRename {
                            index,
                            accepted: ticked,
                        });
                    }
                }
            }
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                for change in &comparing.comparison.changes {
                    let line = format!(
                        "{}: {}",
                        change.table,
                        crate::gui::comparing::describe(change)
                    );
                    let target = app
                        .document
                        .schema()
                        .tables
                        .iter()
                        .find(|t| t.qualified_name() == change.table)
                        .map(|t| t.id);
                    if ui.selectable_label(false, line).clicked()
                        && let Some(table) = target
                    {
                        app.commands.push(AppCommand::FocusTable(table));
                    }
                }
            });
        });
    }

    /// The selected note or group, if it still exists.
    pub(super) fn inspected_item(&self) -> Option<crate::gui::panels::inspector::Item> {
        use crate::gui::panels::inspector::Item;
        let schema = self.document.schema();
        if let Some(note) = self
            .view
            .selection
            .note
            .filter(|n| schema.note(*n).is_some())
        {
            return Some(Item::Note(note));
        }
        let group = self.view.selection.group;
        group
            .filter(|g| schema.group(*g).is_some())
            .map(Item::Group)
    }

    pub(super) fn start_comparing(
        &mut self,
        ctx: &egui::Context,
        against: String,
        old: Result<crate::model::Schema, String>,
    ) {
        match old {
            Ok(old) => {
                let measure = canvas::EguiMeasure { ctx };
                let metrics = crate::scene::Metrics::default();
                let old_scene = std::sync::Arc::new(crate::scene::build(&old, &measure, &metrics));
                self.view.comparing = Some(crate::gui::comparing::Comparing::new(
                    against,
                    &old,
                    self.document.schema(),
                    old_scene,
                    self.document.revision(),
                ));
            }
            Err(error) => self.view.dialogs.notice = Some(Notice::error(error)),
        }
    }
}

/// The widest a side panel may be so that the canvas keeps at least half the window: `share`
/// of the window, less what the panels already placed took (never under a usable minimum).
fn side_room(ui: &Ui, share: f32) -> f32 {
    let window = ui.ctx().content_rect().width();
    let taken = window - ui.available_width();
    (window * share - taken.max(0.0)).max(0.0)
}
