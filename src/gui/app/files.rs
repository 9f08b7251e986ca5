//! Opening, saving, importing and exporting files.

use super::App;
use crate::gui::{
    document::Document,
    file_dialog::{Browser, FileRequest, Native, Outcome},
    view_state::{Notice, ViewState},
};
use std::path::{Path, PathBuf};

impl App {
    /// Asks for a file for `request`: in the system's dialog when the app uses it, else (or when
    /// it fails, saying why) in the one drawn in the window.
    pub(super) fn choose_file(&mut self, ui: &egui::Ui, request: FileRequest) {
        let folder = self.start_folder();
        let mut problem = None;
        if let Some(system) = self.system_file_dialogs {
            match system(&request, Some(&folder)) {
                Native::Picked(path) => {
                    let then = request.then(path);
                    self.run(ui, then);
                    return;
                }
                Native::Cancelled => return,
                Native::Failed(reason) => {
                    problem = Some(format!(
                        "The system's file dialog could not be shown ({reason}), so this one \
                         is used."
                    ));
                }
            }
        }
        let places = self.places();
        self.view.dialogs.file = Some(Browser::new(request, folder, places, problem));
    }

    /// Where a file dialog starts: the model's folder, else the last model's, else the working
    /// folder.
    fn start_folder(&self) -> PathBuf {
        let folder_of = |path: &Path| path.parent().filter(|p| p.is_dir()).map(Path::to_path_buf);
        self.document
            .path
            .as_deref()
            .and_then(folder_of)
            .or_else(|| self.recent.files().iter().find_map(|p| folder_of(p)))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"))
    }

    /// Folders to jump to in the built-in dialog: those of recent models, home, the working one.
    fn places(&self) -> Vec<PathBuf> {
        let recent = self
            .recent
            .files()
            .iter()
            .filter_map(|p| p.parent().map(Path::to_path_buf));
        let home = std::env::var_os("HOME").map(PathBuf::from);
        recent
            .chain(home)
            .chain(std::env::current_dir().ok())
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    }

    /// The built-in file dialog, while it shows; the chosen file's command once chosen.
    pub(super) fn file_dialog_ui(&mut self, ui: &egui::Ui) {
        let Some(browser) = &mut self.view.dialogs.file else {
            return;
        };
        match browser.ui(ui.ctx()) {
            Some(Outcome::Chosen(path)) => {
                let request = browser.request.clone();
                self.view.dialogs.file = None;
                self.commands.push(request.then(path));
            }
            Some(Outcome::Cancelled) => self.view.dialogs.file = None,
            None => {}
        }
    }

    pub(super) fn open(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(document) => {
                self.document.succeed(document);
                // A fresh view of the new model; the user's preferences and signature stay.
                let author = std::mem::take(&mut self.view.panels.comments.author);
                self.view = ViewState {
                    prefs: std::mem::take(&mut self.view.prefs),
                    ..ViewState::default()
                };
                self.view.panels.comments.author = author;
                self.recent.remember(path);
            }
            Err(error) => self.view.dialogs.notice = Some(Notice::error(error.to_string())),
        }
    }

    pub(super) fn save(&mut self, path: &Path) {
        match self.document.save_as(path) {
            Ok(()) => self.recent.remember(path),
            Err(error) => self.view.dialogs.notice = Some(Notice::error(error.to_string())),
        }
    }

    /// Writes an SQL script to `path`, atomically.
    pub(super) fn save_script(&mut self, sql: &str, path: &Path) {
        let written = crate::io::write_atomically(path, |out| out.write_all(sql.as_bytes()));
        if let Err(error) = written {
            self.view.dialogs.notice = Some(Notice::error(format!("{}: {error}", path.display())));
        }
    }

    /// Writes the diagram as the exporter draws it: SVG, or PNG at 2 pixels per unit (tiles
    /// beside the file when it would exceed the rasteriser's size).
    pub(super) fn export_image(&mut self, path: &Path) {
        let options = crate::render::Options::default();
        let svg = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
        let written = if svg {
            crate::render::to_svg(self.document.schema(), &options).and_then(|text| {
                crate::io::write_atomically(path, |out| out.write_all(text.as_bytes()))
                    .map_err(|e| e.to_string())
            })
        } else {
            crate::render::to_png(self.document.schema(), &options, 2.0).and_then(|tiles| {
                tiles.iter().try_for_each(|tile| {
                    let target = tile.path(path, tiles.len());
                    crate::io::write_atomically(&target, |out| out.write_all(&tile.png))
                        .map_err(|e| e.to_string())
                })
            })
        };
        if let Err(error) = written {
            self.view.dialogs.notice = Some(Notice::error(format!("{}: {error}", path.display())));
        }
    }

    /// Imports a script as a new untitled model and shows what happened.
    pub(super) fn import_sql(&mut self, path: &Path) {
        use crate::import::file::{ReadAs, import_file};
        let import = match import_file(path, None) {
            Ok(import) => import,
            Err(error) => {
                self.view.dialogs.notice =
                    Some(Notice::error(format!("{}: {error}", path.display())));
                return;
            }
        };
        let read_as = match &import.read_as {
            ReadAs::Dbml => "Read as DBML.".to_string(),
            ReadAs::Sql { dialect, guessed } => format!(
                "Read as {dialect} (guessed from the statements, {}).",
                guessed.as_deref().unwrap_or("no markers")
            ),
        };
        let (schema, report) = (import.schema, import.report);
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
        self.view.dialogs.notice = Some(Notice {
            title: format!("Imported {}", path.display()),
            text: lines.join("\n"),
        });
    }
}
