//! The desktop app (eframe/egui). The only module that knows the GUI toolkit.

pub mod app;
pub mod canvas;
pub mod commands;
pub mod comparing;
pub mod document;
pub mod history;
pub mod panels;
pub mod recent;
pub mod settings;
pub mod theme;
pub mod validation;
pub mod view_state;

pub use app::App;
pub use document::Document;

use std::path::PathBuf;

/// The sample opened on a first start away from the repository: always available.
const EMBEDDED_SAMPLE: &str = include_str!("../../sample_models/sales.ron");

/// Opens the main window on `file`, or the last model, or the sales sample.
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    let (document, notice) = open_with_recovery(file)?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Schemaboard")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Schemaboard",
        options,
        Box::new(move |creation| {
            let mut app = App::new(document);
            if let Some(file) = settings::Settings::user_file() {
                app.remember_settings(&creation.egui_ctx, file);
            }
            if notice.is_some() {
                app.view.notice = notice;
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| e.to_string())
}

/// The document to start with. Unsaved work a crash left in the recovery folder comes first
/// (for `file` when given, else the newest copy), reopened with a notice saying so; otherwise
/// `file`, or the startup document.
fn open_with_recovery(
    file: Option<PathBuf>,
) -> Result<(Document, Option<view_state::Notice>), String> {
    let Some(store) = crate::io::RecoveryStore::for_user() else {
        let document = match file {
            Some(path) => Document::open(&path).map_err(|e| e.to_string())?,
            None => startup_document(),
        };
        return Ok((document, None));
    };
    let mut leftovers = store.leftovers();
    let wanted = file
        .as_deref()
        .map(|path| crate::io::RecoveryStore::key_for(Some(path)));
    let pick = match &wanted {
        Some(key) => leftovers
            .iter()
            .position(|r| crate::io::RecoveryStore::same_document(&r.key, key)),
        None => leftovers.len().checked_sub(1),
    };
    if let Some(index) = pick {
        let recovered = leftovers.swap_remove(index);
        let from = recovered
            .origin
            .as_ref()
            .map_or("an untitled model".to_string(), |p| p.display().to_string());
        let notice = view_state::Notice {
            title: "Recovered unsaved changes".to_string(),
            text: format!(
                "Schemaboard did not close normally. Your unsaved changes to {from} are back, \
                 as they were at the last autosave. Save to keep them; until then they stay in \
                 the recovery folder."
            ),
        };
        return Ok((Document::recovered(recovered, store), Some(notice)));
    }
    let elsewhere = file
        .as_deref()
        .filter(|path| store.open_elsewhere(path))
        .map(|path| view_state::Notice {
            title: "Open in another window".to_string(),
            text: format!(
                "Another Schemaboard window has unsaved changes to {}. Each window keeps its \
                 own recovery copy, but the one that saves last replaces the other's work in \
                 the file: save in one window and reopen it in the other.",
                path.display()
            ),
        });
    let document = match file {
        Some(path) => Document::open(&path).map_err(|e| e.to_string())?,
        None => startup_document(),
    };
    Ok((document.with_recovery(store), elsewhere))
}

/// The last model if it still opens, else `sample_models/sales.ron` beside us, else the copy
/// built into the binary (untitled, so saving asks where).
fn startup_document() -> Document {
    let candidates = recent::last_file()
        .into_iter()
        .chain([PathBuf::from("sample_models/sales.ron")]);
    for path in candidates {
        if path.is_file()
            && let Ok(document) = Document::open(&path)
        {
            return document;
        }
    }
    match crate::io::load_str(EMBEDDED_SAMPLE, std::path::Path::new("sales.ron")) {
        Ok(schema) => Document::untitled(schema),
        Err(_) => Document::untitled(crate::model::Schema::new("Untitled")),
    }
}
