//! The main window: menu, canvas, status bar; runs queued commands after each frame.

mod actions;
mod dialogs;
mod dock;
mod files;
mod menus;
mod opening;
mod side_panels;

use super::action_table::{self, Scope};
use super::canvas;
use super::commands::AppCommand;
use super::document::Document;
use super::file_dialog::FileRequest;
use super::settings::{Settings, Theme};
use super::view_state::{Notice, ViewState};
use egui::Ui;

pub use opening::Opening;

/// The application: one document and the view onto it.
pub struct App {
    /// The model being edited.
    pub document: Document,
    /// Pan/zoom, selection, drags.
    pub view: ViewState,
    commands: Vec<AppCommand>,
    /// Commands that wait for what this frame's panels commit: Ctrl+S typed in a text field
    /// saves after the field's text is applied.
    after_panels: Vec<AppCommand>,
    last_title: String,
    autosave_failed: bool,
    fonts_installed: bool,
    /// Where the user's preferences are kept, and what was last written there; `None` for a
    /// window that must not touch them (tests).
    settings: Option<(std::path::PathBuf, Settings)>,
    /// The models opened and saved lately (kept nowhere unless [`App::remember_recent`]).
    recent: super::recent::RecentFiles,
    /// Files are chosen in the system's dialog (else in one drawn in the window, as in tests).
    system_file_dialogs: Option<super::file_dialog::SystemDialog>,
    /// The first model, while it is read away from the window's thread.
    opening: Option<opening::Opening>,
    /// A large model arrived: the frame that announced its layout was drawn.
    laying_out: bool,
}

impl App {
    /// A window on `document`.
    pub fn new(document: Document) -> Self {
        Self {
            document,
            view: ViewState::default(),
            commands: Vec::new(),
            after_panels: Vec::new(),
            last_title: String::new(),
            autosave_failed: false,
            fonts_installed: false,
            settings: None,
            recent: Default::default(),
            system_file_dialogs: None,
            opening: None,
            laying_out: false,
        }
    }

    /// Chooses files in the system's dialog from now on (where the desktop has one); a dialog
    /// that fails gives way to the built-in one.
    pub fn use_system_file_dialogs(&mut self) {
        self.use_file_dialog(super::file_dialog::native::choose);
    }

    /// Chooses files with `dialog` from now on, the built-in dialog taking over where it fails
    /// (how tests stand in for a desktop whose dialog cannot be shown).
    pub fn use_file_dialog(&mut self, dialog: super::file_dialog::SystemDialog) {
        self.system_file_dialogs = Some(dialog);
    }

    /// Keeps the recent models in `recent` from now on, the open model's file first.
    pub fn remember_recent(&mut self, recent: super::recent::RecentFiles) {
        self.recent = recent;
        if let Some(path) = self.document.path.clone() {
            self.recent.remember(&path);
        }
    }

    /// The models opened and saved lately, newest first.
    pub fn recent_files(&self) -> &[std::path::PathBuf] {
        self.recent.files()
    }

    /// Takes up the user's preferences from `file` and writes them back there as they change.
    pub fn remember_settings(&mut self, ctx: &egui::Context, file: std::path::PathBuf) {
        let (settings, problem) = Settings::load(&file);
        if let Some(problem) = problem {
            self.view.dialogs.notice = Some(Notice::error(format!(
                "Your settings could not be read, so the defaults are used: {problem}"
            )));
        }
        if !settings.author.trim().is_empty() {
            self.view.panels.comments.author = settings.author.clone();
        }
        ctx.set_theme(settings.theme.preference());
        self.view.prefs = settings.clone();
        self.settings = Some((file, settings));
    }

    /// The preferences as they are now: the view's, with the two that live elsewhere while the
    /// app runs (the name typed in the comments panel, egui's theme).
    fn current_settings(&self, ctx: &egui::Context) -> Settings {
        let author = &self.view.panels.comments.author;
        Settings {
            // The default name is not a choice worth keeping: it follows the login.
            author: if *author == super::panels::comments::default_author() {
                String::new()
            } else {
                author.clone()
            },
            theme: Theme::from_preference(ctx.options(|o| o.theme_preference)),
            ..self.view.prefs.clone()
        }
    }

    /// Writes the preferences when they changed (not while a field is being typed in).
    fn save_settings(&mut self, ctx: &egui::Context) {
        if self.settings.is_none() || ctx.text_edit_focused() {
            return;
        }
        let now = self.current_settings(ctx);
        if let Some((file, saved)) = &mut self.settings
            && *saved != now
        {
            // Best effort, once per change: a read-only config folder is no reason to nag.
            let _ = now.save(file);
            *saved = now;
        }
    }

    /// Asks for a command to run after the next frame (menus and tests use this).
    pub fn queue(&mut self, command: AppCommand) {
        self.commands.push(command);
    }

    /// Draws one frame and then carries out what it asked for. Used by eframe and by tests.
    pub fn show(&mut self, ui: &mut Ui) {
        if !std::mem::replace(&mut self.fonts_installed, true) {
            super::theme::install_fonts(ui.ctx());
            // Ctrl+Plus, Ctrl+Minus and Ctrl+0 zoom the canvas (the action table), not the
            // whole window's text.
            ui.ctx().options_mut(|o| o.zoom_with_keyboard = false);
        }
        if self.opening_ui(ui) {
            return;
        }
        self.shortcuts(ui);
        self.document.refresh_findings();
        if let Err(error) = self.document.autosave(std::time::Instant::now())
            && !self.autosave_failed
        {
            // Once: a full disk should not bring up a dialog every three seconds.
            self.autosave_failed = true;
            self.view.dialogs.notice = Some(Notice::error(format!(
                "Unsaved changes could not be copied for crash recovery: {error}"
            )));
        }
        if let Some(comparing) = &mut self.view.comparing {
            comparing.refresh(self.document.schema(), self.document.revision());
        }
        // Presenting, the canvas has the screen to itself.
        let chrome = !self.view.presenting;
        if chrome {
            egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
            egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
            self.changes_ui(ui);
            self.comments_ui(ui);
            self.inspector_ui(ui);
        }
        if chrome && self.view.prefs.show_findings {
            let height = ui.available_height();
            let dock = dock::Dock {
                id: "findings",
                title: "Findings",
                side: dock::Side::Bottom,
                default: (height * 0.3).max(160.0),
                room: height * 0.5,
            };
            self.docked(ui, dock, |app, ui| {
                app.view.panels.findings.ui(
                    ui,
                    app.document.schema(),
                    (
                        app.document.findings().collect(),
                        app.document.summary(),
                        app.document.findings_revision(),
                    ),
                    &mut app.commands,
                );
            });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                canvas::canvas_ui(ui, &mut self.document, &mut self.view, &mut self.commands);
            });
        if let (Some(search), Some(area)) = (&mut self.view.panels.search, self.view.canvas.rect)
            && !search.ui(ui.ctx(), area, self.document.schema(), &mut self.commands)
        {
            self.view.panels.search = None;
        }
        self.export_sql_ui(ui);
        self.model_settings_ui(ui);
        self.export_migration_ui(ui);
        self.revision_prompt_ui(ui);
        self.confirm_overwrite_ui(ui);
        self.file_dialog_ui(ui);
        self.unsaved_prompt_ui(ui);
        self.error_ui(ui);
        let title = self.document.title();
        if title != self.last_title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
        self.commands.append(&mut self.after_panels);
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // What the commands changed is drawn in the next frame.
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.run(ui, command);
        }
        self.save_settings(ui.ctx());
    }

    fn shortcuts(&mut self, ui: &Ui) {
        // The window's close button: ask first when there is unsaved work.
        if ui.input(|i| i.viewport().close_requested())
            && self.document.has_work_to_lose()
            && !self.view.dialogs.discard_confirmed
        {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.view.dialogs.unsaved_prompt = Some(AppCommand::Quit);
        }
        // While a text field has focus, Ctrl+Z, Ctrl+C and the rest belong to the text field;
        // Ctrl+S does not, and saves what the field holds: the field loses focus, which commits
        // its text this frame, and the save runs after that.
        if ui.ctx().text_edit_focused() {
            let save = action_table::Action::Save.row().keys;
            if ui.input_mut(|input| save.iter().any(|key| input.consume_shortcut(key))) {
                ui.ctx().memory_mut(|memory| {
                    if let Some(field) = memory.focused() {
                        memory.surrender_focus(field);
                    }
                });
                self.after_panels.push(AppCommand::Save);
            }
            return;
        }
        ui.input(|input| {
            for event in &input.events {
                match event {
                    egui::Event::Copy => self.commands.push(AppCommand::Copy),
                    egui::Event::Cut => self.commands.push(AppCommand::Cut),
                    egui::Event::Paste(text) => self.commands.push(AppCommand::Paste(text.clone())),
                    _ => {}
                }
            }
        });
        let cx = self.action_context();
        let mut pressed = ui.input_mut(|input| {
            let mut pressed = Vec::new();
            if self.view.presenting {
                pressed.extend(action_table::pressed(input, Scope::Presenting, &cx));
            }
            pressed.extend(action_table::pressed(input, Scope::Window, &cx));
            pressed
        });
        self.commands.append(&mut pressed);
    }

    /// What the action table reads now; new items land mid-canvas.
    pub(super) fn action_context(&self) -> action_table::Context<'_> {
        let canvas = self.view.canvas.rect.unwrap_or(egui::Rect::ZERO);
        let centre = self.view.canvas.screen_from_scene.inverse() * canvas.center();
        action_table::Context {
            document: &self.document,
            view: &self.view,
            at: crate::model::Point::new(centre.x, centre.y),
        }
    }

    fn run(&mut self, ui: &Ui, command: AppCommand) {
        let command_again = command.clone();
        match command {
            AppCommand::Undo => {
                self.document.undo();
            }
            AppCommand::Redo => {
                self.document.redo();
            }
            AppCommand::ZoomStep(steps) => {
                if let Some(area) = self.view.canvas.rect {
                    let target = canvas::zoom_step(self.view.zoom(), steps);
                    canvas::zoom_to(&mut self.view, area.center(), target);
                }
            }
            AppCommand::FitAll => {
                let scene = canvas::current_scene(&mut self.view, &self.document, ui.ctx());
                let area = self.view.canvas.rect.unwrap_or(ui.ctx().content_rect());
                canvas::fit(&mut self.view, &scene, area);
            }
            AppCommand::ZoomToSelection => {
                let scene = canvas::current_scene(&mut self.view, &self.document, ui.ctx());
                let area = self.view.canvas.rect.unwrap_or(ui.ctx().content_rect());
                canvas::zoom_to_selection(&mut self.view, &scene, area);
            }
            AppCommand::Open => self.choose_file(ui, FileRequest::open_model()),
            AppCommand::ChooseFile(request) => self.choose_file(ui, request),
            AppCommand::OpenPath(path) => {
                if self.may_discard(&command_again) {
                    self.open(&path);
                }
            }
            AppCommand::AfterSave(then) => {
                if !self.document.has_work_to_lose() {
                    self.commands.push(*then);
                }
            }
            AppCommand::EditSqlObject(object) => {
                if let Some(object) = self.document.schema().verbatim.get(object) {
                    self.view.panels.inspector.edit_object(object);
                }
            }
            AppCommand::ModelSettings => {
                self.view.panels.model_settings = Some(Default::default());
            }
            AppCommand::ExportSql => {
                self.view.panels.export_sql = Some(Default::default());
            }
            AppCommand::ExportMigration => {
                if self.view.comparing.is_some() {
                    self.view.panels.export_migration = Some(Default::default());
                }
            }
            AppCommand::ExportImage => {
                let request = FileRequest::export_image(&self.document.schema().name);
                self.choose_file(ui, request);
            }
            AppCommand::ExportImagePath(path) => self.export_image(&path),
            AppCommand::SaveScript { sql, name } => {
                self.choose_file(ui, FileRequest::save_script(sql, name));
            }
            AppCommand::SaveScriptTo { sql, path } => self.save_script(&sql, &path),
            AppCommand::ImportSql => self.choose_file(ui, FileRequest::import_script()),
            AppCommand::ImportSqlPath(path) => {
                if self.may_discard(&command_again) {
                    self.import_sql(&path);
                }
            }
            AppCommand::Save => match self.document.path.clone() {
                Some(path) => {
                    let read_only = crate::io::read_only(&path);
                    if read_only || self.document.changed_on_disk() {
                        self.view.dialogs.confirm_overwrite =
                            Some(super::view_state::Overwrite { path, read_only });
                    } else {
                        self.save(&path);
                    }
                }
                None => self.run(ui, AppCommand::SaveAs),
            },
            AppCommand::SaveOver(path) => self.save(&path),
            AppCommand::SaveAs => {
                let request = FileRequest::save_model(&self.document.schema().name, None);
                self.choose_file(ui, request);
            }
            AppCommand::SaveAsPath { path, then } => {
                self.save(&path);
                if let Some(then) = then
                    && !self.document.has_unsaved_changes()
                {
                    self.commands.push(*then);
                }
            }
            AppCommand::ApplyFix(fix) => {
                let schema = self.document.schema();
                let applied =
                    crate::model::Edit::try_with_new_ids(schema, |ids| fix.edit(schema, ids))
                        .map_err(|e| e.to_string())
                        .and_then(|edit| self.document.apply(edit).map_err(|e| e.to_string()));
                if let Err(error) = applied {
                    self.view.dialogs.notice = Some(Notice::error(error));
                }
            }
            AppCommand::Suppress {
                code,
                target,
                reason,
            } => {
                let mut settings = self.document.schema().check_settings.clone();
                settings.suppressions.push(crate::model::Suppression {
                    code,
                    target,
                    reason,
                });
                let edit = crate::model::Edit::SetCheckSettings(Box::new(settings));
                if let Err(error) = self.document.apply(edit) {
                    self.view.dialogs.notice = Some(Notice::error(error.to_string()));
                }
            }
            AppCommand::FocusTable(table) => self.focus(table, None),
            AppCommand::ShowTables(tables) => {
                self.view.selection.tables = tables.into_iter().collect();
                let scene = canvas::current_scene(&mut self.view, &self.document, ui.ctx());
                let area = self.view.canvas.rect.unwrap_or(ui.ctx().content_rect());
                canvas::zoom_to_selection(&mut self.view, &scene, area);
            }
            AppCommand::FocusColumn(table, column) => self.focus(table, Some(column)),
            AppCommand::Quit => {
                if self.may_discard(&command_again) {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            AppCommand::New => {
                if self.may_discard(&command_again) {
                    let untitled = Document::untitled(crate::model::Schema {
                        lineage: crate::model::Schema::new_lineage(),
                        ..crate::model::Schema::new("Untitled")
                    });
                    self.document.succeed(untitled);
                    self.view = ViewState::default();
                }
            }
            AppCommand::Apply(edit) => {
                self.apply(*edit);
            }
            AppCommand::AddTableAt(at) => self.add_table_at(at),
            AppCommand::DeleteSelection => self.delete_selection(),
            AppCommand::AddNoteAt(at) => self.add_note_at(at),
            AppCommand::GroupSelection => self.group_selection(),
            AppCommand::Copy => self.copy(ui.ctx()),
            AppCommand::Cut => {
                self.copy(ui.ctx());
                self.delete_selection();
            }
            AppCommand::Paste(text) => self.paste(&text),
            AppCommand::AutoLayout { selection } => self.auto_layout(selection),
            AppCommand::CompareWithFile => self.choose_file(ui, FileRequest::compare_with()),
            AppCommand::CompareWithPath(path) => {
                let old = crate::io::load(&path).map_err(|e| e.to_string());
                let name = path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                self.start_comparing(ui.ctx(), name, old);
            }
            AppCommand::CompareWithGit(revision) => {
                let Some(path) = self.document.path.clone() else {
                    self.view.dialogs.notice = Some(Notice::error(
                        "Save the model in a git work tree to compare it with a revision.",
                    ));
                    return;
                };
                let old = super::comparing::at_git_revision(&path, &revision);
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                self.start_comparing(ui.ctx(), format!("{revision}:{name}"), old);
            }
            AppCommand::StopComparing => {
                self.view.comparing = None;
                self.view.panels.export_migration = None;
            }
            AppCommand::AcceptRename { index, accepted } => {
                if let Some(comparing) = &mut self.view.comparing {
                    comparing.accept_rename(index, accepted, self.document.schema());
                }
            }
            AppCommand::ShowView(index) => self.show_view(index),
            AppCommand::NewViewFromSelection => self.new_view_from_selection(),
            AppCommand::DeleteView => {
                if let Some(i) = self.shown_view() {
                    let mut views = self.document.schema().views.clone();
                    views.remove(i);
                    if self.apply(crate::model::Edit::SetViews(views)) {
                        self.show_view(None);
                    }
                }
            }
            AppCommand::SetViewDetail(detail) => {
                if let Some(i) = self.shown_view() {
                    let mut views = self.document.schema().views.clone();
                    views[i].detail = detail;
                    self.apply(crate::model::Edit::SetViews(views));
                }
            }
            AppCommand::MarkFindings(on) => self.view.presenting_findings = on,
            AppCommand::SelectAll => {
                self.view.selection.tables =
                    self.document.schema().tables.iter().map(|t| t.id).collect();
            }
            AppCommand::Present(on) => {
                self.view.presenting = on;
                self.view.presenting_since = on.then(|| ui.input(|i| i.time));
                ui.ctx()
                    .send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
                // Larger type for the room: everything, canvas included, at 1.4×.
                ui.ctx().set_zoom_factor(if on { 1.4 } else { 1.0 });
                self.view.canvas.fitted = false;
            }
            AppCommand::StepView(forward) => {
                // The whole model, then each named view, round and round.
                let count = self.document.schema().views.len() + 1;
                let now = self.shown_view().map_or(0, |i| i + 1);
                let next = if forward {
                    (now + 1) % count
                } else {
                    (now + count - 1) % count
                };
                self.show_view(next.checked_sub(1));
            }
            AppCommand::Search => {
                self.view
                    .panels
                    .search
                    .get_or_insert_with(Default::default)
                    .focus = true;
            }
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
