//! The file dialog drawn in the window, for desktops without a system one: a folder's files of
//! the kinds asked for, the folders above and recently used, a name or path typed, and a
//! question before a file is replaced. The folder is read when it is entered, never while
//! drawing.

use super::{FileRequest, Filter};
use egui::{Key, Ui};
use std::path::{Path, PathBuf};

/// One entry of the folder shown.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    folder: bool,
}

/// What the user did with the dialog this frame.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// Chose this file (its replacement confirmed, when saving over one).
    Chosen(PathBuf),
    /// Closed it.
    Cancelled,
}

/// The dialog's state while it shows.
#[derive(Debug)]
pub struct Browser {
    /// What the file is for.
    pub request: FileRequest,
    /// The folder shown.
    folder: PathBuf,
    entries: Result<Vec<Entry>, String>,
    /// The name typed: a file name in the folder, or a path (absolute, `~/…`, or relative).
    pub name: String,
    /// The kind of file shown, in `request.filters`.
    filter: usize,
    /// Folders to jump to: recent ones, home, the working folder.
    places: Vec<PathBuf>,
    /// Why the system's dialog is not used, or what is wrong with the name typed.
    pub problem: Option<String>,
    /// A file that exists, waiting for "Replace" (when saving).
    replacing: Option<PathBuf>,
    focus_name: bool,
}

impl Browser {
    /// The dialog for `request`, in `folder`, offering `places` to jump to; `problem` says why
    /// the system's dialog is not used, when it failed.
    pub fn new(
        request: FileRequest,
        folder: PathBuf,
        places: Vec<PathBuf>,
        problem: Option<String>,
    ) -> Self {
        let name = request.file_name.clone().unwrap_or_default();
        let mut browser = Self {
            request,
            folder: PathBuf::new(),
            entries: Ok(Vec::new()),
            name,
            filter: 0,
            places: Vec::new(),
            problem,
            replacing: None,
            focus_name: true,
        };
        let mut unique = Vec::new();
        for place in places {
            if !unique.contains(&place) {
                unique.push(place);
            }
        }
        browser.places = unique;
        browser.enter(folder);
        browser
    }

    /// The folder shown.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Shows `folder` (reads it: called when the user goes there, not each frame).
    fn enter(&mut self, folder: PathBuf) {
        let folder = std::fs::canonicalize(&folder).unwrap_or(folder);
        self.entries = read_folder(&folder);
        self.folder = folder;
        self.replacing = None;
    }

    fn filter(&self) -> Option<&Filter> {
        self.request.filters.get(self.filter)
    }

    fn shown(&self, entry: &Entry) -> bool {
        if entry.name.starts_with('.') {
            return false;
        }
        entry.folder
            || self.filter().is_none_or(|filter| {
                Path::new(&entry.name)
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| {
                        filter
                            .extensions
                            .iter()
                            .any(|wanted| e.eq_ignore_ascii_case(wanted))
                    })
            })
    }

    /// The file the typed name stands for: a folder is entered instead, a name without an
    /// extension gets the kind's when saving, a missing file (opening) or folder (saving) is
    /// said.
    fn resolve(&mut self) -> Option<PathBuf> {
        let typed = self.name.trim();
        if typed.is_empty() {
            self.problem = Some("Type a file name, or pick a file.".to_string());
            return None;
        }
        let path = match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
            (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
            _ => self.folder.join(typed),
        };
        if path.is_dir() {
            self.name.clear();
            self.problem = None;
            self.enter(path);
            return None;
        }
        if !self.request.saves() {
            if path.is_file() {
                return Some(path);
            }
            self.problem = Some(format!("There is no file {}.", path.display()));
            return None;
        }
        let mut path = path;
        if path.extension().is_none()
            && let Some(extension) = self.filter().and_then(|f| f.extensions.first())
        {
            path.set_extension(extension);
        }
        match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() && !parent.is_dir() => {
                self.problem = Some(format!("There is no folder {}.", parent.display()));
                None
            }
            _ => Some(path),
        }
    }

    /// Tries the typed name: a new file is chosen at once; an existing one (when saving) asks
    /// first.
    fn confirm(&mut self) -> Option<Outcome> {
        let path = self.resolve()?;
        if self.request.saves() && path.exists() && self.replacing.as_ref() != Some(&path) {
            self.replacing = Some(path);
            return None;
        }
        Some(Outcome::Chosen(path))
    }

    /// Draws the dialog; what the user did, once they did it.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<Outcome> {
        let modal = egui::Modal::new(egui::Id::unique("schemaboard-file-dialog"))
            .show(ctx, |ui| self.contents(ui));
        match modal.inner {
            Some(outcome) => Some(outcome),
            None if modal.should_close() => Some(Outcome::Cancelled),
            None => None,
        }
    }

    fn contents(&mut self, ui: &mut Ui) -> Option<Outcome> {
        // A fixed size inside the window: the dialog neither grows while used nor leaves it.
        let room = ui.ctx().content_rect().size() - egui::vec2(48.0, 48.0);
        let width = room.x.clamp(280.0, 640.0);
        ui.set_width(width);
        ui.heading(self.request.title());
        if let Some(problem) = &self.problem {
            ui.colored_label(ui.visuals().warn_fg_color, problem);
        }
        let mut outcome = None;
        let mut go_to = None;
        ui.horizontal(|ui| {
            if ui
                .add_enabled(self.folder.parent().is_some(), egui::Button::new("Up"))
                .on_hover_text("The folder above")
                .clicked()
            {
                go_to = self.folder.parent().map(Path::to_path_buf);
            }
            if !self.places.is_empty() {
                egui::ComboBox::from_label("Places")
                    .selected_text("Go to")
                    .show_ui(ui, |ui| {
                        for place in &self.places {
                            if ui
                                .selectable_label(false, place.display().to_string())
                                .clicked()
                            {
                                go_to = Some(place.clone());
                            }
                        }
                    });
            }
            ui.add(egui::Label::new(self.folder.display().to_string()).truncate());
        });
        let list_height = (room.y - 220.0).clamp(80.0, 300.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(list_height)
                .min_scrolled_height(list_height)
                .auto_shrink([false, false])
                .show(ui, |ui| match &self.entries {
                    Err(error) => {
                        ui.label(format!("This folder cannot be read: {error}"));
                    }
                    Ok(entries) => {
                        let shown: Vec<&Entry> = entries.iter().filter(|e| self.shown(e)).collect();
                        if shown.is_empty() {
                            ui.weak("Nothing of this kind here.");
                        }
                        for entry in shown {
                            let text = if entry.folder {
                                format!("{}/", entry.name)
                            } else {
                                entry.name.clone()
                            };
                            let selected = !entry.folder && self.name == entry.name;
                            let row = ui.selectable_label(selected, text);
                            if entry.folder && row.clicked() {
                                go_to = Some(self.folder.join(&entry.name));
                            } else if row.double_clicked() {
                                self.name = entry.name.clone();
                                outcome = Some(());
                            } else if row.clicked() {
                                self.name = entry.name.clone();
                                self.replacing = None;
                            }
                        }
                    }
                });
        });
        let mut enter = false;
        ui.horizontal(|ui| {
            ui.label("Name");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.name)
                        .desired_width(f32::INFINITY)
                        .hint_text("a name, or a path such as ~/models/shop.ron"),
                )
                .accessible_name("file name");
            if std::mem::take(&mut self.focus_name) {
                field.request_focus();
            }
            if field.changed() {
                self.replacing = None;
            }
            enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        });
        if self.request.filters.len() > 1 {
            ui.horizontal(|ui| {
                let current = self.filter().map_or("", |f| f.name);
                egui::ComboBox::from_label("Kind")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        for (i, filter) in self.request.filters.iter().enumerate() {
                            ui.selectable_value(&mut self.filter, i, filter.name);
                        }
                    });
            });
        }
        if let Some(path) = &self.replacing {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{} exists. Replace it?", path.display()),
            );
        }
        ui.separator();
        ui.horizontal(|ui| {
            let verb = match (&self.replacing, self.request.saves()) {
                (Some(_), _) => "Replace",
                (None, true) => "Save",
                (None, false) => "Open",
            };
            if ui.button(verb).clicked() || enter {
                outcome = Some(());
            }
            if ui.button("Cancel").clicked() {
                self.replacing = None;
                return Some(Outcome::Cancelled);
            }
            None
        })
        .inner
        .or_else(|| {
            if let Some(folder) = go_to {
                self.name = if self.request.saves() {
                    self.name.clone()
                } else {
                    String::new()
                };
                self.problem = None;
                self.enter(folder);
                return None;
            }
            outcome.and_then(|()| self.confirm())
        })
    }
}

/// A folder's entries: folders first, then files, each by name.
fn read_folder(folder: &Path) -> Result<Vec<Entry>, String> {
    let mut entries: Vec<Entry> = std::fs::read_dir(folder)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|entry| Entry {
            name: entry.file_name().to_string_lossy().into_owned(),
            folder: entry.path().is_dir(),
        })
        .collect();
    entries.sort_by(|a, b| {
        b.folder
            .cmp(&a.folder)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(b: &Browser, start: &str) -> bool {
        b.problem.as_deref().is_some_and(|p| p.starts_with(start))
    }

    fn browser(request: FileRequest, folder: &Path) -> Browser {
        Browser::new(request, folder.to_path_buf(), Vec::new(), None)
    }

    #[test]
    fn a_typed_name_gets_the_kinds_extension_and_a_folder_is_entered() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("models")).unwrap();
        let mut b = browser(FileRequest::save_model("Shop", None), dir.path());
        assert_eq!(b.name, "Shop.ron");
        b.name = "models".into();
        assert_eq!(b.confirm(), None);
        assert_eq!(
            b.folder(),
            dir.path().join("models").canonicalize().unwrap()
        );
        b.name = "inventory".into();
        let chosen = b.folder().join("inventory.ron");
        assert_eq!(b.confirm(), Some(Outcome::Chosen(chosen)));
        b.name = "nowhere/x.ron".into();
        assert_eq!(b.confirm(), None);
        assert!(said(&b, "There is no folder"));
    }

    #[test]
    fn saving_over_a_file_asks_first_and_opening_needs_one() {
        let dir = tempfile::tempdir().unwrap();
        let existing = dir.path().canonicalize().unwrap().join("old.ron");
        std::fs::write(&existing, "x").unwrap();
        let mut b = browser(FileRequest::save_model("old", None), dir.path());
        assert_eq!(b.confirm(), None, "asks before replacing");
        assert_eq!(b.replacing.as_ref(), Some(&existing));
        assert_eq!(b.confirm(), Some(Outcome::Chosen(existing.clone())));

        let mut b = browser(FileRequest::open_model(), dir.path());
        b.name = "missing.ron".into();
        assert_eq!(b.confirm(), None);
        assert!(said(&b, "There is no file"));
        b.name = "old.ron".into();
        assert_eq!(b.confirm(), Some(Outcome::Chosen(existing)));
    }

    #[test]
    fn the_list_shows_folders_and_the_files_of_the_kind() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.ron", "a.RON", "c.sql", ".hidden.ron"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        std::fs::create_dir(dir.path().join("z")).unwrap();
        let b = browser(FileRequest::open_model(), dir.path());
        let shown: Vec<&str> = b
            .entries
            .as_ref()
            .unwrap()
            .iter()
            .filter(|e| b.shown(e))
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(shown, ["z", "a.RON", "b.ron"]);
    }
}
