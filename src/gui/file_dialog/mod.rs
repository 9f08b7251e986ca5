//! Choosing a file to open or save. The system's dialog where the desktop has one; where it has
//! none (no desktop portal and no zenity: minimal desktops, tiling window managers, remote
//! sessions, containers) a dialog drawn in the window, [`Browser`]. A system dialog that fails
//! says why, and the built-in one opens in its place: a choice is never lost as a silent cancel.

mod browser;
pub mod native;

pub use browser::{Browser, Outcome};
pub use native::{Native, available as native_available};

/// A system's file dialog: shows itself for a request, starting in a folder, and says what came
/// of it ([`native::choose`] in the app).
pub type SystemDialog = fn(&FileRequest, Option<&std::path::Path>) -> Native;

use super::commands::AppCommand;
use std::path::PathBuf;

/// What the chosen file is for: it decides the command that follows.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    /// Open a model.
    OpenModel,
    /// Save the model there, then run what waited for the save (a quit, an open).
    SaveModel {
        /// What runs once the model is saved.
        then: Option<Box<AppCommand>>,
    },
    /// Import an SQL script or DBML file as a new model.
    ImportScript,
    /// Write the diagram as PNG or SVG.
    ExportImage,
    /// Write this SQL script.
    SaveScript {
        /// The script.
        sql: String,
    },
    /// Compare the model with a saved one.
    CompareWith,
}

/// A kind of file offered: its name and extensions (without the dot).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filter {
    /// Shown in the dialog.
    pub name: &'static str,
    /// The extensions it shows; the first is added to a typed name that has none.
    pub extensions: &'static [&'static str],
}

const MODEL: Filter = Filter {
    name: "Schemaboard model",
    extensions: &["ron"],
};

/// A request for a file: what for, which kinds, and the name offered when saving.
#[derive(Clone, Debug, PartialEq)]
pub struct FileRequest {
    /// What for.
    pub purpose: Purpose,
    /// The kinds offered, the default first.
    pub filters: Vec<Filter>,
    /// The file name offered when saving.
    pub file_name: Option<String>,
}

impl FileRequest {
    /// A model to open.
    pub fn open_model() -> Self {
        Self::new(Purpose::OpenModel, vec![MODEL], None)
    }

    /// Where to save the model, named `title`; `then` runs after it is saved.
    pub fn save_model(title: &str, then: Option<AppCommand>) -> Self {
        let then = then.map(Box::new);
        let name = format!("{}.ron", file_stem(title));
        Self::new(Purpose::SaveModel { then }, vec![MODEL], Some(name))
    }

    /// A script or DBML file to import.
    pub fn import_script() -> Self {
        let filter = Filter {
            name: "SQL script or DBML",
            extensions: &["sql", "ddl", "dbml"],
        };
        Self::new(Purpose::ImportScript, vec![filter], None)
    }

    /// Where to write the diagram of the model named `title`.
    pub fn export_image(title: &str) -> Self {
        let filters = vec![
            Filter {
                name: "PNG image",
                extensions: &["png"],
            },
            Filter {
                name: "SVG drawing",
                extensions: &["svg"],
            },
        ];
        let name = format!("{}.png", file_stem(title));
        Self::new(Purpose::ExportImage, filters, Some(name))
    }

    /// Where to write `sql`, offering `name`.
    pub fn save_script(sql: String, name: String) -> Self {
        let filter = Filter {
            name: "SQL script",
            extensions: &["sql"],
        };
        Self::new(Purpose::SaveScript { sql }, vec![filter], Some(name))
    }

    /// A model to compare with.
    pub fn compare_with() -> Self {
        Self::new(Purpose::CompareWith, vec![MODEL], None)
    }

    fn new(purpose: Purpose, filters: Vec<Filter>, file_name: Option<String>) -> Self {
        Self {
            purpose,
            filters,
            file_name,
        }
    }

    /// Whether the file is written (else read: it must exist).
    pub fn saves(&self) -> bool {
        matches!(
            self.purpose,
            Purpose::SaveModel { .. } | Purpose::ExportImage | Purpose::SaveScript { .. }
        )
    }

    /// The dialog's title.
    pub fn title(&self) -> &'static str {
        match self.purpose {
            Purpose::OpenModel => "Open a model",
            Purpose::SaveModel { .. } => "Save the model",
            Purpose::ImportScript => "Import an SQL script or DBML file",
            Purpose::ExportImage => "Export the diagram as an image",
            Purpose::SaveScript { .. } => "Save the SQL script",
            Purpose::CompareWith => "Compare with a saved model",
        }
    }

    /// What runs with the chosen `path`.
    pub fn then(self, path: PathBuf) -> AppCommand {
        match self.purpose {
            Purpose::OpenModel => AppCommand::OpenPath(path),
            Purpose::SaveModel { then } => AppCommand::SaveAsPath { path, then },
            Purpose::ImportScript => AppCommand::ImportSqlPath(path),
            Purpose::ExportImage => AppCommand::ExportImagePath(path),
            Purpose::SaveScript { sql } => AppCommand::SaveScriptTo { sql, path },
            Purpose::CompareWith => AppCommand::CompareWithPath(path),
        }
    }
}

/// A model's title as a file name: characters file systems refuse become `_`.
fn file_stem(title: &str) -> String {
    let stem: String = title
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    if stem.is_empty() || stem.chars().all(|c| c == '.') {
        "Untitled".to_string()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_becomes_a_file_name_the_file_system_takes() {
        assert_eq!(file_stem("Sales"), "Sales");
        assert_eq!(file_stem("a/b: c?\n"), "a_b_ c_");
        assert_eq!(file_stem(" .. "), "Untitled");
        assert_eq!(
            FileRequest::save_model("Shop/2", None).file_name.as_deref(),
            Some("Shop_2.ron")
        );
    }

    #[test]
    fn each_purpose_leads_to_its_command() {
        let path = PathBuf::from("/tmp/x");
        assert_eq!(
            FileRequest::open_model().then(path.clone()),
            AppCommand::OpenPath(path.clone())
        );
        let then = FileRequest::save_model("m", Some(AppCommand::Quit)).then(path.clone());
        assert_eq!(
            then,
            AppCommand::SaveAsPath {
                path: path.clone(),
                then: Some(Box::new(AppCommand::Quit))
            }
        );
        assert!(FileRequest::export_image("m").saves());
        assert!(!FileRequest::compare_with().saves());
    }
}
