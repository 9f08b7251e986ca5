//! The app's dialogs: export SQL, overwrite a changed file, save before discarding, which git
//! revision, errors.

use super::App;
use crate::gui::commands::AppCommand;
use egui::{Key, Ui};

impl App {
    pub(super) fn export_sql_ui(&mut self, ui: &Ui) {
        let Some(panel) = &mut self.view.panels.export_sql else {
            return;
        };
        let mut open = true;
        let mut action = crate::gui::panels::export_sql::ExportAction::None;
        egui::Window::new("Export SQL")
            .open(&mut open)
            .fixed_size(script_window_size(ui, [720.0, 560.0]))
            .constrain(true)
            .show(ui.ctx(), |ui| {
                action = panel.ui(ui, self.document.schema(), self.document.revision());
            });
        match action {
            crate::gui::panels::export_sql::ExportAction::Save(sql, extension) => {
                let name = format!("{}.{extension}", self.document.schema().name);
                self.commands.push(AppCommand::SaveScript { sql, name });
            }
            crate::gui::panels::export_sql::ExportAction::Close => open = false,
            crate::gui::panels::export_sql::ExportAction::None => {}
        }
        if !open {
            self.view.panels.export_sql = None;
        }
    }

    pub(super) fn model_settings_ui(&mut self, ui: &Ui) {
        let Some(panel) = &mut self.view.panels.model_settings else {
            return;
        };
        let mut open = true;
        let mut edit = None;
        let findings: Vec<&crate::check::Finding> = self.document.findings().collect();
        egui::Window::new("Model settings")
            .open(&mut open)
            .default_size([560.0, 620.0])
            .constrain(true)
            .show(ui.ctx(), |ui| {
                edit = panel.ui(ui, self.document.schema(), &findings);
            });
        if let Some(edit) = edit {
            self.commands.push(AppCommand::Apply(Box::new(edit)));
        }
        if !open {
            self.view.panels.model_settings = None;
        }
    }

    /// The comparison's migration script window, while the comparison is shown.
    pub(super) fn export_migration_ui(&mut self, ui: &Ui) {
        use crate::gui::panels::export_migration::MigrationAction;
        let (Some(panel), Some(comparing)) =
            (&mut self.view.panels.export_migration, &self.view.comparing)
        else {
            return;
        };
        let mut open = true;
        let mut action = MigrationAction::None;
        let renames = comparing.accepted();
        let versions = comparing.versions(self.document.schema(), &renames);
        // Beside the change list, not over it.
        egui::Window::new("Migration script")
            .open(&mut open)
            .default_pos([340.0, 40.0])
            .fixed_size(script_window_size(ui, [720.0, 600.0]))
            .constrain(true)
            .show(ui.ctx(), |ui| {
                action = panel.ui(ui, &versions, self.document.revision(), &comparing.against);
            });
        match action {
            MigrationAction::Save(sql, name) => {
                self.commands.push(AppCommand::SaveScript { sql, name });
            }
            MigrationAction::Edit(edit) => {
                self.apply(*edit);
            }
            MigrationAction::Close => open = false,
            MigrationAction::None => {}
        }
        if !open {
            self.view.panels.export_migration = None;
        }
    }

    /// Asks before saving over a file another program changed since it was opened here.
    pub(super) fn confirm_overwrite_ui(&mut self, ui: &Ui) {
        let Some(asked) = self.view.dialogs.confirm_overwrite.clone() else {
            return;
        };
        let path = asked.path;
        let id = egui::Id::unique("schemaboard-confirm-overwrite");
        let modal = egui::Modal::new(id).show(ui.ctx(), |ui| {
            ui.set_max_width(560.0);
            let backup = crate::io::backup_path(&path);
            if asked.read_only {
                ui.heading("The file is read-only");
                ui.label(format!(
                    "{} is marked read-only: someone meant it to stay as it is. Saving replaces \
                     it anyway, read-only still (the file as it is now is kept as {}).",
                    path.display(),
                    backup.display()
                ));
            } else {
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "{} was changed by another program since you opened it. Saving replaces \
                     those changes with yours (the file as it is now is kept as {}).",
                    path.display(),
                    backup.display()
                ));
            }
            ui.horizontal(|ui| {
                if ui.button("Overwrite").clicked() {
                    return Some(true);
                }
                if ui.button("Cancel").clicked() {
                    return Some(false);
                }
                None
            })
            .inner
        });
        match modal.inner {
            Some(true) => {
                self.view.dialogs.confirm_overwrite = None;
                self.commands.push(AppCommand::SaveOver(path));
            }
            Some(false) => self.view.dialogs.confirm_overwrite = None,
            None if modal.should_close() => self.view.dialogs.confirm_overwrite = None,
            None => {}
        }
    }

    pub(super) fn error_ui(&mut self, ui: &Ui) {
        let Some(notice) = self.view.dialogs.notice.clone() else {
            return;
        };
        let modal = egui::Modal::new(egui::Id::unique("schemaboard-notice")).show(ui.ctx(), |ui| {
            ui.set_max_width(560.0);
            ui.heading(&notice.title);
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    ui.label(&notice.text);
                });
            ui.button("OK").clicked()
        });
        if modal.inner || modal.should_close() {
            self.view.dialogs.notice = None;
        }
    }

    /// Asks which git revision to compare with (a branch, a tag, `HEAD~3`, a hash).
    pub(super) fn revision_prompt_ui(&mut self, ui: &Ui) {
        let Some(revision) = &mut self.view.dialogs.revision_prompt else {
            return;
        };
        let modal =
            egui::Modal::new(egui::Id::unique("schemaboard-revision")).show(ui.ctx(), |ui| {
                ui.heading("Compare with a git revision");
                ui.label("A branch, a tag, HEAD~3 or a commit hash:");
                let field = ui
                    .text_edit_singleline(revision)
                    .accessible_name("git revision");
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                ui.horizontal(|ui| {
                    let compare = ui.button("Compare").clicked() || enter;
                    let cancel = ui.button("Cancel").clicked();
                    (compare, cancel)
                })
                .inner
            });
        let (compare, cancel) = modal.inner;
        if compare && !revision.trim().is_empty() {
            let revision = revision.trim().to_string();
            self.commands.push(AppCommand::CompareWithGit(revision));
            self.view.dialogs.revision_prompt = None;
        } else if cancel || modal.should_close() {
            self.view.dialogs.revision_prompt = None;
        }
    }

    /// Whether a command that replaces the model may go ahead now; if not, asks whether to save
    /// the unsaved changes first and runs `command` after the answer.
    pub(super) fn may_discard(&mut self, command: &AppCommand) -> bool {
        if !self.document.has_work_to_lose() {
            return true;
        }
        if self.view.dialogs.discard_confirmed {
            // Once per answer; closing keeps it, since the close request comes back next frame.
            self.view.dialogs.discard_confirmed = *command == AppCommand::Quit;
            return true;
        }
        self.view.dialogs.unsaved_prompt = Some(command.clone());
        false
    }

    /// Save, Don't save or Cancel, before a command that would replace unsaved work.
    pub(super) fn unsaved_prompt_ui(&mut self, ui: &Ui) {
        let Some(then) = self.view.dialogs.unsaved_prompt.clone() else {
            return;
        };
        let id = egui::Id::unique("schemaboard-unsaved-changes");
        let modal = egui::Modal::new(id).show(ui.ctx(), |ui| {
            ui.set_max_width(480.0);
            ui.heading("Save changes?");
            let name = self.document.path.as_ref().and_then(|p| p.file_name());
            let name = name.map_or(self.document.schema().name.clone(), |n| {
                n.to_string_lossy().into_owned()
            });
            ui.label(format!("{name} has changes that are not saved."));
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    return Some(Some(true));
                }
                if ui.button("Don't save").clicked() {
                    return Some(Some(false));
                }
                if ui.button("Cancel").clicked() {
                    return Some(None);
                }
                None
            })
            .inner
        });
        let answer = match modal.inner {
            None if modal.should_close() => Some(None),
            answer => answer,
        };
        let Some(answer) = answer else {
            return;
        };
        self.view.dialogs.unsaved_prompt = None;
        match answer {
            Some(true) if self.document.path.is_none() => {
                // Untitled: where to save is asked, and what waited runs once it is saved.
                let name = &self.document.schema().name;
                let request = crate::gui::file_dialog::FileRequest::save_model(name, Some(then));
                self.commands.push(AppCommand::ChooseFile(request));
            }
            Some(true) => {
                self.commands.push(AppCommand::Save);
                // Saving as asks for a file, which may be cancelled: only go on once saved.
                self.commands.push(AppCommand::AfterSave(Box::new(then)));
            }
            Some(false) => {
                self.view.dialogs.discard_confirmed = true;
                self.commands.push(then);
            }
            None => {}
        }
    }
}

/// A script window's size: `wanted`, or less where the window is smaller, and never changed by
/// what it shows (its buttons stay where they are while the script or the dialect changes).
fn script_window_size(ui: &Ui, wanted: [f32; 2]) -> egui::Vec2 {
    let screen = ui.ctx().content_rect().size();
    egui::vec2(
        wanted[0].min(screen.x - 48.0).max(240.0),
        wanted[1].min(screen.y - 96.0).max(200.0),
    )
}
