//! The desktop app (eframe/egui). The only module that knows the GUI toolkit.

pub mod app;
pub mod canvas;
pub mod commands;
pub mod document;
pub mod history;
pub mod panels;
pub mod recent;
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
    let document = match file {
        Some(path) => Document::open(&path).map_err(|e| e.to_string())?,
        None => startup_document(),
    };
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
            creation.egui_ctx.set_theme(egui::Theme::Light);
            Ok(Box::new(App::new(document)))
        }),
    )
    .map_err(|e| e.to_string())
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
