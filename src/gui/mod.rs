//! The desktop app (eframe/egui). The only module that knows the GUI toolkit.

pub mod action_table;
pub mod app;
pub mod canvas;
pub mod commands;
pub mod comparing;
pub mod document;
pub mod file_dialog;
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
    let recent = recent::RecentFiles::of_user();
    let last_file = recent.last_file().map(PathBuf::from);
    let what = file
        .as_deref()
        .or(last_file.as_deref())
        .map_or("the sample".to_string(), |path| path.display().to_string());
    // Read while the window opens: a large model takes seconds, and the window says so.
    let (arrival, opened) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("opening".into())
        .spawn(move || {
            let _ = arrival.send(start(file, crate::io::RecoveryStore::for_user(), last_file));
        })
        .map_err(|e| e.to_string())?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Schemaboard")
            .with_inner_size([1280.0, 800.0])
            // The desktop entry (assets/schemaboard.desktop) finds the window by this name.
            .with_app_id("schemaboard")
            .with_icon(window_icon()),
        ..Default::default()
    };
    eframe::run_native(
        "Schemaboard",
        options,
        Box::new(move |creation| {
            let mut app = App::opening(app::Opening::new(what, opened));
            if file_dialog::native_available() {
                file_dialog::native::install_logger();
                app.use_system_file_dialogs();
            }
            app.remember_recent(recent);
            if let Some(file) = settings::Settings::user_file() {
                app.remember_settings(&creation.egui_ctx, file);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| e.to_string())
}

/// The window's icon: the desktop entry's picture (assets/icons).
pub fn window_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/schemaboard.png"))
        .expect("the bundled icon is a PNG (tested)")
}

/// The document to start with, and what to tell the user about how it was found. Unsaved work
/// a crash left in `store` comes first (for `file` when given, else the newest copy); otherwise
/// `file`, else `last_file`, else the sample. Nothing that fails to open stops the start: the
/// window opens and says what could not be read and that it was left as it was.
pub fn start(
    file: Option<PathBuf>,
    store: Option<crate::io::RecoveryStore>,
    last_file: Option<PathBuf>,
) -> (Document, Option<view_state::Notice>) {
    let mut notices = Vec::new();
    let Some(store) = store else {
        let document = opened(file, last_file, &mut notices);
        return (document, view_state::Notice::merge(notices));
    };
    let survey = store.survey();
    for copy in &survey.unreadable {
        notices.push(unreadable_copy(&store, copy));
    }
    let mut leftovers = survey.copies;
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
        let as_of = match &recovered.damaged {
            None => "as they were at the last autosave".to_string(),
            Some(error) => format!(
                "as they were at the autosave before the last one (the last copy is damaged: \
                 {error})"
            ),
        };
        notices.insert(
            0,
            view_state::Notice {
                title: "Recovered unsaved changes".to_string(),
                text: format!(
                    "Schemaboard did not close normally. Your unsaved changes to {from} are \
                     back, {as_of}. Save to keep them; until then they stay in the recovery \
                     folder."
                ),
            },
        );
        let document = Document::recovered(recovered, store);
        return (document, view_state::Notice::merge(notices));
    }
    if let Some(path) = file.as_deref().filter(|path| store.open_elsewhere(path)) {
        notices.push(view_state::Notice {
            title: "Open in another window".to_string(),
            text: format!(
                "Another Schemaboard window has unsaved changes to {}. Each window keeps its \
                 own recovery copy, but the one that saves last replaces the other's work in \
                 the file: save in one window and reopen it in the other.",
                path.display()
            ),
        });
    }
    let document = opened(file, last_file, &mut notices).with_recovery(store);
    (document, view_state::Notice::merge(notices))
}

/// `file` if it opens; without one, the last model if it opens; else the sample. What did not
/// open is said in `notices`.
fn opened(
    file: Option<PathBuf>,
    last_file: Option<PathBuf>,
    notices: &mut Vec<view_state::Notice>,
) -> Document {
    if let Some(path) = file {
        // A name for a model still to be made, as editors take one: it saves there.
        if !path.exists()
            && path
                .parent()
                .is_none_or(|p| p.as_os_str().is_empty() || p.is_dir())
        {
            return Document::new_file(&path);
        }
        return match Document::open(&path) {
            Ok(document) => document,
            Err(error) => {
                notices.push(view_state::Notice {
                    title: "The model could not be opened".to_string(),
                    text: format!(
                        "{error}\n\nThe file was left as it is. An empty model is open \
                         instead; File → Open chooses another."
                    ),
                });
                Document::untitled(crate::model::Schema::new("Untitled"))
            }
        };
    }
    if let Some(path) = last_file {
        match Document::open(&path) {
            Ok(document) => return document,
            Err(error) => notices.push(view_state::Notice {
                title: "The last model could not be opened".to_string(),
                text: format!("{error}\n\nIt was left as it is; the sample model is open instead."),
            }),
        }
    }
    sample_document()
}

/// `sample_models/sales.ron` beside us, else the copy built into the binary (untitled, so
/// saving asks where).
fn sample_document() -> Document {
    let beside = PathBuf::from("sample_models/sales.ron");
    if beside.is_file()
        && let Ok(document) = Document::open(&beside)
    {
        return document;
    }
    match crate::io::load_str(EMBEDDED_SAMPLE, std::path::Path::new("sales.ron")) {
        Ok(schema) => Document::untitled(schema),
        Err(_) => Document::untitled(crate::model::Schema::new("Untitled")),
    }
}

/// Sets a recovery copy that cannot be read aside, and says so.
fn unreadable_copy(
    store: &crate::io::RecoveryStore,
    copy: &crate::io::Unreadable,
) -> view_state::Notice {
    let of = copy
        .origin
        .as_ref()
        .map_or("an untitled model".to_string(), |p| p.display().to_string());
    let kept = match store.set_aside(copy) {
        Ok(moved) => format!("It was kept as {}.", moved.display()),
        Err(error) => format!(
            "It stays at {} (it could not be moved aside: {error}).",
            copy.path.display()
        ),
    };
    view_state::Notice {
        title: "A recovery copy could not be read".to_string(),
        text: format!(
            "Unsaved changes to {of} that a crash left behind could not be read back: {}. {kept}",
            copy.error
        ),
    }
}
