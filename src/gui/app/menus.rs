//! The menu bar and the status bar.

use super::App;
use crate::gui::action_table::Action;
use crate::gui::commands::AppCommand;
use egui::Ui;

impl App {
    pub(super) fn menu_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.action_item(ui, Action::New, None);
                self.action_item(ui, Action::Open, None);
                if ui.button("Compare with file…").clicked() {
                    self.commands.push(AppCommand::CompareWithFile);
                }
                let in_git = self.document.path.is_some();
                let button = egui::Button::new("Compare with last commit (git HEAD)");
                if ui.add_enabled(in_git, button).clicked() {
                    self.commands
                        .push(AppCommand::CompareWithGit("HEAD".to_string()));
                }
                let button = egui::Button::new("Compare with git revision…");
                if ui.add_enabled(in_git, button).clicked() {
                    self.view.dialogs.revision_prompt = Some("HEAD~1".to_string());
                }
                ui.menu_button("Open recent", |ui| {
                    if self.recent.files().is_empty() {
                        ui.weak("Nothing yet");
                    }
                    for path in self.recent.files() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.commands.push(AppCommand::OpenPath(path.clone()));
                        }
                    }
                });
                if ui.button("Import SQL or DBML…").clicked() {
                    self.commands.push(AppCommand::ImportSql);
                }
                if ui.button("Export SQL…").clicked() {
                    self.commands.push(AppCommand::ExportSql);
                }
                if ui.button("Export image…").clicked() {
                    self.commands.push(AppCommand::ExportImage);
                }
                ui.separator();
                self.action_item(ui, Action::Save, None);
                if ui.button("Save as…").clicked() {
                    self.commands.push(AppCommand::SaveAs);
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    self.commands.push(AppCommand::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                let history = self.document.history();
                let undo = history.undo_label().map(|l| format!("Undo {l}"));
                let redo = history.redo_label().map(|l| format!("Redo {l}"));
                self.action_item(ui, Action::Undo, undo.as_deref());
                self.action_item(ui, Action::Redo, redo.as_deref());
                ui.separator();
                let selected = !self.view.selection.tables.is_empty();
                for (label, command) in [("Cut", AppCommand::Cut), ("Copy", AppCommand::Copy)] {
                    if ui.add_enabled(selected, egui::Button::new(label)).clicked() {
                        self.commands.push(command);
                    }
                }
                let clip = self.view.clipboard.clone();
                if ui
                    .add_enabled(clip.is_some(), egui::Button::new("Paste"))
                    .clicked()
                {
                    self.commands
                        .push(AppCommand::Paste(clip.unwrap_or_default()));
                }
                self.action_item(ui, Action::Delete, None);
                ui.separator();
                self.action_item(ui, Action::AddTable, None);
                self.action_item(ui, Action::AddNote, None);
                let button = egui::Button::new("Group the selected tables");
                if ui.add_enabled(selected, button).clicked() {
                    self.commands.push(AppCommand::GroupSelection);
                }
                ui.separator();
                let one = self
                    .view
                    .selection
                    .only_table()
                    .and_then(|one| self.document.schema().table(one));
                let button = egui::Button::new("New tables start like the selected one");
                if ui.add_enabled(one.is_some(), button).clicked()
                    && let Some(table) = one
                {
                    let template = crate::model::template::TableTemplate::of(table);
                    let edit = crate::model::Edit::SetTableTemplate(Some(template));
                    self.commands.push(AppCommand::Apply(Box::new(edit)));
                }
                let custom = self.document.schema().table_template.is_some();
                let button = egui::Button::new("New tables start with id and audit columns");
                if ui.add_enabled(custom, button).clicked() {
                    let edit = crate::model::Edit::SetTableTemplate(None);
                    self.commands.push(AppCommand::Apply(Box::new(edit)));
                }
                self.action_item(ui, Action::Find, None);
                self.action_item(ui, Action::SelectAll, None);
                ui.separator();
                if ui.button("Model settings…").clicked() {
                    self.commands.push(AppCommand::ModelSettings);
                }
            });
            ui.menu_button("Layout", |ui| {
                if ui.button("Auto-layout all tables").clicked() {
                    self.commands
                        .push(AppCommand::AutoLayout { selection: false });
                }
                let selected = !self.view.selection.tables.is_empty();
                let button = egui::Button::new("Auto-layout the selected tables");
                if ui.add_enabled(selected, button).clicked() {
                    self.commands
                        .push(AppCommand::AutoLayout { selection: true });
                }
                ui.label("Pinned tables (inspector) stay where they are.");
                ui.checkbox(&mut self.view.prefs.snap_to_grid, "Snap to grid");
            });
            ui.menu_button("View", |ui| {
                self.action_item(ui, Action::FitAll, None);
                self.action_item(ui, Action::ZoomToSelection, None);
                self.action_item(ui, Action::ZoomIn, None);
                self.action_item(ui, Action::ZoomOut, None);
                self.action_item(ui, Action::ActualSize, None);
                ui.checkbox(&mut self.view.prefs.show_minimap, "Minimap");
                ui.separator();
                // Words, not egui's theme icons: the bundled fonts have no glyphs for two of them.
                let preference = ui.ctx().options(|o| o.theme_preference);
                for (choice, label) in [
                    (egui::ThemePreference::System, "Theme of the system"),
                    (egui::ThemePreference::Light, "Light"),
                    (egui::ThemePreference::Dark, "Dark"),
                ] {
                    if ui.radio(preference == choice, label).clicked() {
                        ui.ctx().set_theme(choice);
                    }
                }
                ui.separator();
                ui.checkbox(&mut self.view.prefs.show_findings, "Findings panel");
                ui.checkbox(&mut self.view.prefs.show_comments, "Comments panel");
                ui.separator();
                self.views_menu_ui(ui);
                self.action_item(ui, Action::Present, None);
            });
        });
    }

    /// A menu entry for `action` from the action table, with its key; `label` names it where
    /// the menu says more than the table (`Undo remove column`).
    fn action_item(&mut self, ui: &mut Ui, action: Action, label: Option<&str>) {
        let row = action.row();
        let mut button = egui::Button::new(label.unwrap_or(row.label));
        if let Some(key) = row.keys.first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(key));
        }
        let cx = self.action_context();
        if ui.add_enabled(action.enabled(&cx), button).clicked() {
            let command = action.command(&cx);
            self.commands.push(command);
        }
    }

    pub(super) fn status_ui(&mut self, ui: &mut Ui) {
        let stats = self.document.schema().stats();
        ui.horizontal(|ui| {
            let count = crate::words::count;
            ui.label(format!(
                "{} · {} · {}",
                count(stats.tables, "table"),
                count(stats.columns, "column"),
                count(stats.foreign_keys, "relationship")
            ));
            ui.separator();
            let summary = self.document.summary();
            let theme = crate::gui::theme::palette(ui.visuals());
            ui.label(egui::RichText::new(count(summary.errors, "error")).color(theme.error));
            ui.label(egui::RichText::new(count(summary.warnings, "warning")).color(theme.warning));
            if self.document.is_checking() {
                ui.label("checking…");
                // The worker's result is picked up on a later frame.
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(50));
            } else {
                ui.label(format!(
                    "checked in {:.1} ms",
                    self.document.check_time().as_secs_f64() * 1000.0
                ));
            }
            ui.separator();
            ui.label(format!("{:.0}%", self.view.zoom() * 100.0));
            if let Some(path) = &self.document.path {
                ui.separator();
                ui.label(path.display().to_string());
            }
        });
    }

    pub(super) fn views_menu_ui(&mut self, ui: &mut Ui) {
        ui.menu_button("Views", |ui| {
            let shown = self.shown_view();
            if ui
                .selectable_label(shown.is_none(), "Whole model")
                .clicked()
            {
                self.commands.push(AppCommand::ShowView(None));
            }
            for (i, named) in self.document.schema().views.iter().enumerate() {
                if ui.selectable_label(shown == Some(i), &named.name).clicked() {
                    self.commands.push(AppCommand::ShowView(Some(i)));
                }
            }
            ui.separator();
            let selected = !self.view.selection.tables.is_empty();
            let button = egui::Button::new("New view of the selected tables");
            if ui.add_enabled(selected, button).clicked() {
                self.commands.push(AppCommand::NewViewFromSelection);
            }
            if let Some(i) = shown {
                use crate::model::views::Detail;
                let detail = self.document.schema().views[i].detail;
                for (choice, label) in [
                    (Detail::Full, "Every column"),
                    (Detail::Keys, "Keys only"),
                    (Detail::Names, "Names only"),
                ] {
                    if ui.radio(detail == choice, label).clicked() {
                        self.commands.push(AppCommand::SetViewDetail(choice));
                    }
                }
                if ui.button("Open this view at the current zoom").clicked() {
                    let mut views = self.document.schema().views.clone();
                    views[i].zoom = Some(self.view.zoom());
                    let edit = crate::model::Edit::SetViews(views);
                    self.commands.push(AppCommand::Apply(Box::new(edit)));
                }
                if ui.button("Delete this view").clicked() {
                    self.commands.push(AppCommand::DeleteView);
                }
            }
        });
    }
}
