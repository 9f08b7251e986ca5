//! The main window: menu, canvas, status bar; runs queued commands after each frame.

mod actions;

use super::canvas;
use super::commands::AppCommand;
use super::document::Document;
use super::view_state::{Notice, ViewState};
use egui::{Key, KeyboardShortcut, Modifiers, Ui};
use std::path::Path;

const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
const SEARCH: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
const SELECT_ALL: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::A);

/// The application: one document and the view onto it.
pub struct App {
    /// The model being edited.
    pub document: Document,
    /// Pan/zoom, selection, drags.
    pub view: ViewState,
    commands: Vec<AppCommand>,
    last_title: String,
    autosave_failed: bool,
    fonts_installed: bool,
}

impl App {
    /// A window on `document`.
    pub fn new(document: Document) -> Self {
        Self {
            document,
            view: ViewState::default(),
            commands: Vec::new(),
            last_title: String::new(),
            autosave_failed: false,
            fonts_installed: false,
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
        }
        self.shortcuts(ui);
        self.document.refresh_findings();
        if let Err(error) = self.document.autosave(std::time::Instant::now())
            && !self.autosave_failed
        {
            // Once: a full disk should not bring up a dialog every three seconds.
            self.autosave_failed = true;
            self.view.notice = Some(Notice::error(format!(
                "Unsaved changes could not be copied for crash recovery: {error}"
            )));
        }
        if let Some(comparing) = &mut self.view.comparing {
            comparing.refresh(&self.document.schema, self.document.revision());
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
        if chrome && !self.view.hide_findings {
            let height = ui.available_height();
            egui::Panel::bottom("findings")
                .resizable(true)
                .default_size((height * 0.3).max(160.0))
                .show(ui, |ui| {
                    self.view.findings.ui(
                        ui,
                        &self.document.schema,
                        self.document.findings().collect(),
                        &mut self.commands,
                    );
                });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                canvas::canvas_ui(ui, &mut self.document, &mut self.view, &mut self.commands);
            });
        if let (Some(search), Some(area)) = (&mut self.view.search, self.view.canvas)
            && !search.ui(ui.ctx(), area, &self.document.schema, &mut self.commands)
        {
            self.view.search = None;
        }
        self.export_sql_ui(ui);
        self.revision_prompt_ui(ui);
        self.confirm_overwrite_ui(ui);
        self.unsaved_prompt_ui(ui);
        self.error_ui(ui);
        let title = self.document.title();
        if title != self.last_title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // What the commands changed is drawn in the next frame.
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.run(ui, command);
        }
    }

    fn shortcuts(&mut self, ui: &Ui) {
        // The window's close button: ask first when there is unsaved work.
        if ui.input(|i| i.viewport().close_requested())
            && self.document.has_work_to_lose()
            && !self.view.discard_confirmed
        {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.view.unsaved_prompt = Some(AppCommand::Quit);
        }
        // While a text field has focus, Ctrl+Z, Ctrl+C and the rest belong to the text field.
        if ui.ctx().text_edit_focused() {
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
        ui.input_mut(|input| {
            if input.key_pressed(Key::F5) {
                self.commands
                    .push(AppCommand::Present(!self.view.presenting));
            }
            if self.view.presenting {
                if input.key_pressed(Key::Escape) {
                    self.commands.push(AppCommand::Present(false));
                }
                let next = [Key::ArrowRight, Key::ArrowDown, Key::PageDown, Key::Space];
                if next.iter().any(|k| input.key_pressed(*k)) {
                    self.commands.push(AppCommand::StepView(true));
                }
                let back = [Key::ArrowLeft, Key::ArrowUp, Key::PageUp];
                if back.iter().any(|k| input.key_pressed(*k)) {
                    self.commands.push(AppCommand::StepView(false));
                }
                if input.key_pressed(Key::M) {
                    self.view.presenting_findings = !self.view.presenting_findings;
                }
            }
            if input.consume_shortcut(&NEW) {
                self.commands.push(AppCommand::New);
            }
            if input.consume_shortcut(&SEARCH) {
                self.commands.push(AppCommand::Search);
            }
            if input.consume_shortcut(&SELECT_ALL) {
                self.view.selection = self.document.schema.tables.iter().map(|t| t.id).collect();
            }
            if input.consume_shortcut(&REDO) || input.consume_shortcut(&REDO_Y) {
                self.commands.push(AppCommand::Redo);
            } else if input.consume_shortcut(&UNDO) {
                self.commands.push(AppCommand::Undo);
            }
            if input.consume_shortcut(&SAVE) {
                self.commands.push(AppCommand::Save);
            }
            if input.consume_shortcut(&OPEN) {
                self.commands.push(AppCommand::Open);
            }
        });
    }

    fn menu_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("New").clicked() {
                    self.commands.push(AppCommand::New);
                }
                if ui.button("Open…").clicked() {
                    self.commands.push(AppCommand::Open);
                }
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
                    self.view.revision_prompt = Some("HEAD~1".to_string());
                }
                ui.menu_button("Open recent", |ui| {
                    let files = super::recent::files();
                    if files.is_empty() {
                        ui.weak("Nothing yet");
                    }
                    for path in files {
                        if ui.button(path.display().to_string()).clicked() {
                            self.commands.push(AppCommand::OpenPath(path));
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
                if ui.button("Save").clicked() {
                    self.commands.push(AppCommand::Save);
                }
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
                let undo_button = egui::Button::new(undo.as_deref().unwrap_or("Undo"));
                if ui.add_enabled(undo.is_some(), undo_button).clicked() {
                    self.commands.push(AppCommand::Undo);
                }
                let redo_button = egui::Button::new(redo.as_deref().unwrap_or("Redo"));
                if ui.add_enabled(redo.is_some(), redo_button).clicked() {
                    self.commands.push(AppCommand::Redo);
                }
                ui.separator();
                let selected = !self.view.selection.is_empty();
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
                if ui
                    .add_enabled(selected, egui::Button::new("Delete"))
                    .clicked()
                {
                    self.commands.push(AppCommand::DeleteSelection);
                }
                ui.separator();
                let canvas = self.view.canvas.unwrap_or(egui::Rect::ZERO);
                let centre = self.view.screen_from_scene.inverse() * canvas.center();
                let centre = crate::model::Point::new(centre.x, centre.y);
                if ui.button("Add table (T)").clicked() {
                    self.commands.push(AppCommand::AddTableAt(centre));
                }
                if ui.button("Add note (N)").clicked() {
                    self.commands.push(AppCommand::AddNoteAt(centre));
                }
                let button = egui::Button::new("Group the selected tables");
                if ui.add_enabled(selected, button).clicked() {
                    self.commands.push(AppCommand::GroupSelection);
                }
                ui.separator();
                let one = match self.view.selection.iter().collect::<Vec<_>>().as_slice() {
                    [one] => self.document.schema.table(**one),
                    _ => None,
                };
                let button = egui::Button::new("New tables start like the selected one");
                if ui.add_enabled(one.is_some(), button).clicked()
                    && let Some(table) = one
                {
                    let template = crate::model::template::TableTemplate::of(table);
                    let edit = crate::model::Edit::SetTableTemplate(Some(template));
                    self.commands.push(AppCommand::Apply(Box::new(edit)));
                }
                let custom = self.document.schema.table_template.is_some();
                let button = egui::Button::new("New tables start with id and audit columns");
                if ui.add_enabled(custom, button).clicked() {
                    let edit = crate::model::Edit::SetTableTemplate(None);
                    self.commands.push(AppCommand::Apply(Box::new(edit)));
                }
                if ui.button("Find… (Ctrl+F)").clicked() {
                    self.commands.push(AppCommand::Search);
                }
            });
            ui.menu_button("Layout", |ui| {
                if ui.button("Auto-layout all tables").clicked() {
                    self.commands
                        .push(AppCommand::AutoLayout { selection: false });
                }
                let selected = !self.view.selection.is_empty();
                let button = egui::Button::new("Auto-layout the selected tables");
                if ui.add_enabled(selected, button).clicked() {
                    self.commands
                        .push(AppCommand::AutoLayout { selection: true });
                }
                ui.label("Pinned tables (inspector) stay where they are.");
                let mut snap = !self.view.free_placement;
                if ui.checkbox(&mut snap, "Snap to grid").changed() {
                    self.view.free_placement = !snap;
                }
            });
            ui.menu_button("View", |ui| {
                if ui.button("Fit all (F)").clicked() {
                    self.commands.push(AppCommand::FitAll);
                }
                let selected = !self.view.selection.is_empty();
                let button = egui::Button::new("Zoom to selection (Z)");
                if ui.add_enabled(selected, button).clicked() {
                    self.commands.push(AppCommand::ZoomToSelection);
                }
                let mut minimap = !self.view.hide_minimap;
                if ui.checkbox(&mut minimap, "Minimap").changed() {
                    self.view.hide_minimap = !minimap;
                }
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
                let mut shown = !self.view.hide_findings;
                if ui.checkbox(&mut shown, "Findings panel").changed() {
                    self.view.hide_findings = !shown;
                }
                ui.checkbox(&mut self.view.show_comments, "Comments panel");
                ui.separator();
                self.views_menu_ui(ui);
                if ui.button("Present (F5)").clicked() {
                    self.commands.push(AppCommand::Present(true));
                }
            });
        });
    }

    fn status_ui(&mut self, ui: &mut Ui) {
        let stats = self.document.schema.stats();
        ui.horizontal(|ui| {
            ui.label(format!(
                "{} tables · {} columns · {} relationships",
                stats.tables, stats.columns, stats.foreign_keys
            ));
            ui.separator();
            let summary = crate::check::Summary::of(self.document.findings());
            let theme = super::theme::Theme::of(ui.visuals());
            ui.label(egui::RichText::new(format!("{} errors", summary.errors)).color(theme.error));
            ui.label(
                egui::RichText::new(format!("{} warnings", summary.warnings)).color(theme.warning),
            );
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

    fn export_sql_ui(&mut self, ui: &Ui) {
        let Some(panel) = &mut self.view.export_sql else {
            return;
        };
        let mut open = true;
        let mut action = super::panels::export_sql::ExportAction::None;
        egui::Window::new("Export SQL")
            .open(&mut open)
            .default_size([720.0, 560.0])
            .show(ui.ctx(), |ui| {
                action = panel.ui(ui, &self.document.schema, self.document.revision());
            });
        match action {
            super::panels::export_sql::ExportAction::Save(sql, extension) => {
                let picked = rfd::FileDialog::new()
                    .add_filter("SQL script", &["sql"])
                    .set_file_name(format!("{}.{extension}", self.document.schema.name))
                    .save_file();
                if let Some(path) = picked {
                    let written =
                        crate::io::write_atomically(&path, |out| out.write_all(sql.as_bytes()));
                    if let Err(error) = written {
                        self.view.notice =
                            Some(Notice::error(format!("{}: {error}", path.display())));
                    }
                }
            }
            super::panels::export_sql::ExportAction::Close => open = false,
            super::panels::export_sql::ExportAction::None => {}
        }
        if !open {
            self.view.export_sql = None;
        }
    }

    /// Asks before saving over a file another program changed since it was opened here.
    fn confirm_overwrite_ui(&mut self, ui: &Ui) {
        let Some(path) = self.view.confirm_overwrite.clone() else {
            return;
        };
        let id = egui::Id::unique("schemaboard-confirm-overwrite");
        let modal = egui::Modal::new(id).show(ui.ctx(), |ui| {
            ui.set_max_width(560.0);
            ui.heading("The file changed on disk");
            ui.label(format!(
                "{} was changed by another program since you opened it. Saving replaces \
                 those changes with yours (the file as it is now is kept as {}).",
                path.display(),
                crate::io::backup_path(&path).display()
            ));
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
                self.view.confirm_overwrite = None;
                self.save(&path);
            }
            Some(false) => self.view.confirm_overwrite = None,
            None if modal.should_close() => self.view.confirm_overwrite = None,
            None => {}
        }
    }

    fn error_ui(&mut self, ui: &Ui) {
        let Some(notice) = self.view.notice.clone() else {
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
            self.view.notice = None;
        }
    }

    /// The inspector panel, for the one selected table, note or group. Which panel is open does
    /// not change during a drag: a panel opening or closing mid-gesture would resize the canvas
    /// under the pointer.
    fn inspector_ui(&mut self, ui: &mut Ui) {
        use super::view_state::InspectorKind;
        let table = match self.view.selection.iter().collect::<Vec<_>>().as_slice() {
            [one] if self.document.schema.table(**one).is_some() => Some(**one),
            _ => None,
        };
        let item = self.inspected_item().filter(|_| table.is_none());
        let kind = if self.view.drag.is_some() {
            self.view.inspector_kind
        } else {
            table
                .map(|_| InspectorKind::Table)
                .or(item.map(|_| InspectorKind::Item))
        };
        self.view.inspector_kind = kind;
        match kind {
            Some(InspectorKind::Table) => {
                egui::Panel::right("inspector-table")
                    .resizable(true)
                    .default_size(600.0)
                    .show(ui, |ui| match table {
                        Some(table) => {
                            self.view.inspector.selected_fk = self.view.selected_fk;
                            self.view.inspector.ui(
                                ui,
                                &mut self.document.schema,
                                table,
                                &mut self.commands,
                            )
                        }
                        None => {
                            ui.weak("Several tables selected");
                        }
                    });
            }
            Some(InspectorKind::Item) => {
                egui::Panel::right("inspector-item")
                    .resizable(true)
                    .default_size(360.0)
                    .show(ui, |ui| match item {
                        Some(item) => self.view.inspector.item_ui(
                            ui,
                            &self.document.schema,
                            item,
                            &mut self.commands,
                        ),
                        None => {
                            ui.weak("Nothing selected");
                        }
                    });
            }
            None => {}
        }
    }

    fn start_comparing(
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
                self.view.comparing = Some(super::comparing::Comparing::new(
                    against,
                    &old,
                    &self.document.schema,
                    old_scene,
                    self.document.revision(),
                ));
            }
            Err(error) => self.view.notice = Some(Notice::error(error)),
        }
    }

    fn comments_ui(&mut self, ui: &mut Ui) {
        if !self.view.show_comments {
            return;
        }
        let table = match self.view.selection.iter().collect::<Vec<_>>().as_slice() {
            [one] => Some(**one),
            _ => None,
        };
        egui::Panel::left("comments")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                let findings: Vec<_> = self.document.findings().collect();
                self.view.comments.ui(
                    ui,
                    &self.document.schema,
                    &findings,
                    table,
                    &mut self.commands,
                );
            });
    }

    fn views_menu_ui(&mut self, ui: &mut Ui) {
        ui.menu_button("Views", |ui| {
            let shown = self.shown_view();
            if ui
                .selectable_label(shown.is_none(), "Whole model")
                .clicked()
            {
                self.commands.push(AppCommand::ShowView(None));
            }
            for (i, named) in self.document.schema.views.iter().enumerate() {
                if ui.selectable_label(shown == Some(i), &named.name).clicked() {
                    self.commands.push(AppCommand::ShowView(Some(i)));
                }
            }
            ui.separator();
            let selected = !self.view.selection.is_empty();
            let button = egui::Button::new("New view of the selected tables");
            if ui.add_enabled(selected, button).clicked() {
                self.commands.push(AppCommand::NewViewFromSelection);
            }
            if let Some(i) = shown {
                use crate::model::views::Detail;
                let detail = self.document.schema.views[i].detail;
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
                    let mut views = self.document.schema.views.clone();
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

    /// The comparison's change list, beside the canvas.
    fn changes_ui(&mut self, ui: &mut Ui) {
        let Some(comparing) = &self.view.comparing else {
            return;
        };
        egui::Panel::left("changes")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.heading("Changes");
                    if ui.button("Stop comparing").clicked() {
                        self.commands.push(AppCommand::StopComparing);
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
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for change in &comparing.comparison.changes {
                        let line = format!(
                            "{}: {}",
                            change.table,
                            super::comparing::describe(change)
                        );
                        let target = self
                            .document
                            .schema
                            .tables
                            .iter()
                            .find(|t| t.qualified_name() == change.table)
                            .map(|t| t.id);
                        if ui.selectable_label(false, line).clicked()
                            && let Some(table) = target
                        {
                            self.commands.push(AppCommand::FocusTable(table));
                        }
                    }
                });
            });
    }

    /// Asks which git revision to compare with (a branch, a tag, `HEAD~3`, a hash).
    fn revision_prompt_ui(&mut self, ui: &Ui) {
        let Some(revision) = &mut self.view.revision_prompt else {
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
            self.view.revision_prompt = None;
        } else if cancel || modal.should_close() {
            self.view.revision_prompt = None;
        }
    }

    /// The selected note or group, if it still exists.
    fn inspected_item(&self) -> Option<super::panels::inspector::Item> {
        use super::panels::inspector::Item;
        let schema = &self.document.schema;
        if let Some(note) = self
            .view
            .selected_note
            .filter(|n| schema.note(*n).is_some())
        {
            return Some(Item::Note(note));
        }
        let group = self.view.selected_group;
        group
            .filter(|g| schema.group(*g).is_some())
            .map(Item::Group)
    }

    /// Whether a command that replaces the model may go ahead now; if not, asks whether to save
    /// the unsaved changes first and runs `command` after the answer.
    fn may_discard(&mut self, command: &AppCommand) -> bool {
        if !self.document.has_work_to_lose() {
            return true;
        }
        if self.view.discard_confirmed {
            // Once per answer; closing keeps it, since the close request comes back next frame.
            self.view.discard_confirmed = *command == AppCommand::Quit;
            return true;
        }
        self.view.unsaved_prompt = Some(command.clone());
        false
    }

    /// Save, Don't save or Cancel, before a command that would replace unsaved work.
    fn unsaved_prompt_ui(&mut self, ui: &Ui) {
        let Some(then) = self.view.unsaved_prompt.clone() else {
            return;
        };
        let id = egui::Id::unique("schemaboard-unsaved-changes");
        let modal = egui::Modal::new(id).show(ui.ctx(), |ui| {
            ui.set_max_width(480.0);
            ui.heading("Save changes?");
            let name = self.document.path.as_ref().and_then(|p| p.file_name());
            let name = name.map_or(self.document.schema.name.clone(), |n| {
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
        self.view.unsaved_prompt = None;
        match answer {
            Some(true) => {
                self.commands.push(AppCommand::Save);
                // Saving as asks for a file, which may be cancelled: only go on once saved.
                self.commands.push(AppCommand::AfterSave(Box::new(then)));
            }
            Some(false) => {
                self.view.discard_confirmed = true;
                self.commands.push(then);
            }
            None => {}
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
            AppCommand::FitAll => {
                let scene = canvas::current_scene(&mut self.view, &self.document, ui.ctx());
                let area = self.view.canvas.unwrap_or(ui.ctx().content_rect());
                canvas::fit(&mut self.view, &scene, area);
            }
            AppCommand::ZoomToSelection => {
                let scene = canvas::current_scene(&mut self.view, &self.document, ui.ctx());
                let area = self.view.canvas.unwrap_or(ui.ctx().content_rect());
                canvas::zoom_to_selection(&mut self.view, &scene, area);
            }
            AppCommand::Open => {
                let picked = rfd::FileDialog::new()
                    .add_filter("Schemaboard model", &["ron"])
                    .pick_file();
                if let Some(path) = picked {
                    self.run(ui, AppCommand::OpenPath(path));
                }
            }
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
            AppCommand::ExportSql => {
                self.view.export_sql = Some(Default::default());
            }
            AppCommand::ExportImage => {
                let picked = rfd::FileDialog::new()
                    .add_filter("PNG image", &["png"])
                    .add_filter("SVG drawing", &["svg"])
                    .set_file_name(format!("{}.png", self.document.schema.name))
                    .save_file();
                if let Some(path) = picked {
                    self.run(ui, AppCommand::ExportImagePath(path));
                }
            }
            AppCommand::ExportImagePath(path) => self.export_image(&path),
            AppCommand::ImportSql => {
                let picked = rfd::FileDialog::new()
                    .add_filter("SQL script or DBML", &["sql", "ddl", "dbml"])
                    .pick_file();
                if let Some(path) = picked {
                    self.run(ui, AppCommand::ImportSqlPath(path));
                }
            }
            AppCommand::ImportSqlPath(path) => {
                if self.may_discard(&command_again) {
                    self.import_sql(&path);
                }
            }
            AppCommand::Save => match self.document.path.clone() {
                Some(path) if self.document.changed_on_disk() => {
                    self.view.confirm_overwrite = Some(path);
                }
                Some(path) => self.save(&path),
                None => self.run(ui, AppCommand::SaveAs),
            },
            AppCommand::SaveAs => {
                let picked = rfd::FileDialog::new()
                    .add_filter("Schemaboard model", &["ron"])
                    .set_file_name(format!("{}.ron", self.document.schema.name))
                    .save_file();
                if let Some(path) = picked {
                    self.save(&path);
                }
            }
            AppCommand::ApplyFix(fix) => {
                let applied = fix
                    .edit(&mut self.document.schema)
                    .map_err(|e| e.to_string())
                    .and_then(|edit| self.document.apply(edit).map_err(|e| e.to_string()));
                if let Err(error) = applied {
                    self.view.notice = Some(Notice::error(error));
                }
            }
            AppCommand::Suppress {
                code,
                target,
                reason,
            } => {
                let mut settings = self.document.schema.checks.clone();
                settings.suppressions.push(crate::model::Suppression {
                    code,
                    target,
                    reason,
                });
                let edit = crate::model::Edit::SetCheckSettings(Box::new(settings));
                if let Err(error) = self.document.apply(edit) {
                    self.view.notice = Some(Notice::error(error.to_string()));
                }
            }
            AppCommand::FocusTable(table) => {
                self.view.selection = std::iter::once(table).collect();
                // Centred by the canvas in the next frame, once the inspector this selection
                // opens has taken its share of the window.
                self.view.focus = Some((table, 1));
            }
            AppCommand::Quit => {
                if self.may_discard(&command_again) {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            AppCommand::New => {
                if self.may_discard(&command_again) {
                    let untitled = Document::untitled(crate::model::Schema::new("Untitled"));
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
            AppCommand::CompareWithFile => {
                let picked = rfd::FileDialog::new()
                    .add_filter("Schemaboard model", &["ron"])
                    .pick_file();
                if let Some(path) = picked {
                    self.run(ui, AppCommand::CompareWithPath(path));
                }
            }
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
                    self.view.notice = Some(Notice::error(
                        "Save the model in a git work tree to compare it with a revision.",
                    ));
                    return;
                };
                let old = super::comparing::at_git_revision(&path, &revision);
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                self.start_comparing(ui.ctx(), format!("{revision}:{name}"), old);
            }
            AppCommand::StopComparing => self.view.comparing = None,
            AppCommand::ShowView(index) => self.show_view(index),
            AppCommand::NewViewFromSelection => self.new_view_from_selection(),
            AppCommand::DeleteView => {
                if let Some(i) = self.shown_view() {
                    let mut views = self.document.schema.views.clone();
                    views.remove(i);
                    if self.apply(crate::model::Edit::SetViews(views)) {
                        self.show_view(None);
                    }
                }
            }
            AppCommand::SetViewDetail(detail) => {
                if let Some(i) = self.shown_view() {
                    let mut views = self.document.schema.views.clone();
                    views[i].detail = detail;
                    self.apply(crate::model::Edit::SetViews(views));
                }
            }
            AppCommand::Present(on) => {
                self.view.presenting = on;
                ui.ctx()
                    .send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
                // Larger type for the room: everything, canvas included, at 1.4×.
                ui.ctx().set_zoom_factor(if on { 1.4 } else { 1.0 });
                self.view.fitted = false;
            }
            AppCommand::StepView(forward) => {
                // The whole model, then each named view, round and round.
                let count = self.document.schema.views.len() + 1;
                let now = self.shown_view().map_or(0, |i| i + 1);
                let next = if forward {
                    (now + 1) % count
                } else {
                    (now + count - 1) % count
                };
                self.show_view(next.checked_sub(1));
            }
            AppCommand::Search => {
                self.view.search.get_or_insert_with(Default::default).focus = true;
            }
        }
    }

    fn open(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(document) => {
                self.document.succeed(document);
                self.view = ViewState::default();
            }
            Err(error) => self.view.notice = Some(Notice::error(error.to_string())),
        }
    }

    fn save(&mut self, path: &Path) {
        if let Err(error) = self.document.save_as(path) {
            self.view.notice = Some(Notice::error(error.to_string()));
        }
    }

    /// Writes the diagram as the exporter draws it: SVG, or PNG at 2 pixels per unit (tiles
    /// beside the file when it would exceed the rasteriser's size).
    fn export_image(&mut self, path: &Path) {
        let options = crate::render::Options::default();
        let svg = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
        let written = if svg {
            crate::render::to_svg(&self.document.schema, &options).and_then(|text| {
                crate::io::write_atomically(path, |out| out.write_all(text.as_bytes()))
                    .map_err(|e| e.to_string())
            })
        } else {
            crate::render::to_png(&self.document.schema, &options, 2.0).and_then(|tiles| {
                tiles.iter().try_for_each(|tile| {
                    let target = tile.path(path, tiles.len());
                    crate::io::write_atomically(&target, |out| out.write_all(&tile.png))
                        .map_err(|e| e.to_string())
                })
            })
        };
        if let Err(error) = written {
            self.view.notice = Some(Notice::error(format!("{}: {error}", path.display())));
        }
    }

    /// Imports a script as a new untitled model and shows what happened.
    fn import_sql(&mut self, path: &Path) {
        let text = match crate::io::read_input(path, crate::io::MAX_SCRIPT_BYTES) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(error) => {
                self.view.notice = Some(Notice::error(format!("{}: {error}", path.display())));
                return;
            }
        };
        let title = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Imported".to_string());
        let dbml = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("dbml"));
        let (schema, report, read_as) = if dbml {
            let import = crate::import::dbml::import_dbml(&text, &title);
            (import.schema, import.report, "Read as DBML.".to_string())
        } else {
            let import = crate::import::import_sql(&text, None, &title);
            let note = format!("Read as {} (guessed from the text).", import.dialect);
            (import.schema, import.report, note)
        };
        let mut lines = vec![read_as];
        lines.push(
            crate::import::SummaryLine {
                stats: schema.stats(),
                report: &report,
            }
            .to_string(),
        );
        if let Some(skipped) = report.skipped_summary() {
            lines.push(skipped);
        }
        for failure in report
            .diagnostics
            .iter()
            .filter(|d| d.severity != crate::import::Severity::Skipped)
            .take(20)
        {
            lines.push(format!(
                "line {}:{}: {}",
                failure.line, failure.column, failure.message
            ));
        }
        self.document.succeed(Document::untitled(schema));
        self.view = ViewState::default();
        self.view.notice = Some(Notice {
            title: format!("Imported {}", path.display()),
            text: lines.join("\n"),
        });
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
