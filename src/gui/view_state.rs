//! What the user is looking at and doing, by owner: the canvas (pan/zoom, the gesture in
//! progress, caches), the selection, the panels, the dialogs, and the preferences. Never in the
//! model, never undoable; only the preferences are saved (by the app, in the config folder).

use super::settings::Settings;
use crate::model::{Point, TableId};

/// Grid step that dragged tables snap to, in scene units.
pub const GRID: f32 = 10.0;
use egui::emath::TSTransform;
use std::collections::BTreeSet;

/// Per-window state, by owner: the canvas's, the selection, the panels', the dialogs', the
/// user's preferences, and what belongs to the session as a whole.
#[derive(Debug, Default)]
pub struct ViewState {
    /// Pan and zoom, the gesture in progress, what the canvas keeps between frames.
    pub canvas: CanvasView,
    /// What is selected.
    pub selection: Selection,
    /// The side panels and windows.
    pub panels: Panels,
    /// Questions and messages waiting for the user.
    pub dialogs: Dialogs,
    /// The user's preferences, kept between sessions (`settings.rs`).
    pub prefs: Settings,
    /// The last tables copied, as clipboard text (also put on the system clipboard).
    pub clipboard: Option<String>,
    /// Pastes since the last copy.
    pub pastes: u32,
    /// The named view shown (index into the model's views); `None` shows the whole model.
    pub active_view: Option<usize>,
    /// Presentation mode (F5): full screen, the canvas alone, larger type, a laser pointer.
    pub presenting: bool,
    /// When presenting started (egui's clock, seconds): how to leave shows for a few seconds.
    pub presenting_since: Option<f64>,
    /// Whether findings are marked on the cards while presenting (M toggles).
    pub presenting_findings: bool,
    /// The comparison with another version of the model, while one is shown.
    pub comparing: Option<super::comparing::Comparing>,
}

/// The canvas's own state: the view transform, gestures and the caches of what it drew.
#[derive(Debug, Default)]
pub struct CanvasView {
    /// Scene units → screen points. Identity until the first fit.
    pub screen_from_scene: TSTransform,
    /// Whether the view has been fitted to the model yet.
    pub fitted: bool,
    /// Where the canvas was drawn last frame, in screen points.
    pub rect: Option<egui::Rect>,
    /// A drag of tables in progress.
    pub drag: Option<TableDrag>,
    /// A note or group area being resized.
    pub resize: Option<Resize>,
    /// Which inspector panel was open when the current drag began.
    pub inspector_kind: Option<InspectorKind>,
    /// A rubber-band selection in progress: where it started and where the pointer is, in scene
    /// units.
    pub rubber_band: Option<(egui::Pos2, egui::Pos2)>,
    /// A foreign key being dragged out of a column's handle, and where the pointer is (scene).
    pub connecting: Option<((TableId, crate::model::ColumnId), egui::Pos2)>,
    /// A table to centre in the canvas, and for how many more frames: it is centred again while
    /// the panels opening beside the canvas settle their sizes.
    pub focus: Option<(TableId, u8)>,
    /// A new table to bring into view if a panel that opened covers it, and for how many more
    /// frames (as for `focus`); the view moves only as far as it must.
    pub reveal: Option<(TableId, u8)>,
    /// The scene last laid out, and for which state of the model (see `canvas::current_scene`).
    pub scene_cache: Option<SceneCache>,
    /// The findings' markers on the canvas, and the findings (revision and counts) they are of.
    pub finding_marks: Option<(FindingsKey, std::sync::Arc<super::validation::FindingMarks>)>,
}

/// What is selected: tables (with, at most, one of their relationships), or a note, or a group.
#[derive(Debug, Default)]
pub struct Selection {
    /// Selected tables.
    pub tables: BTreeSet<TableId>,
    /// The note selected (shown in the inspector); tables and a note are not selected together.
    pub note: Option<crate::model::NoteId>,
    /// The relationship selected by clicking its line (its table is selected with it).
    pub fk: Option<crate::model::ConstraintId>,
    /// The group selected by its label (shown in the inspector).
    pub group: Option<crate::model::GroupId>,
    /// The column a search found, marked on its card while its table is the one selected.
    pub column: Option<crate::model::ColumnId>,
}

impl Selection {
    /// The table selected, when exactly one is.
    pub fn only_table(&self) -> Option<TableId> {
        let mut tables = self.tables.iter();
        match (tables.next(), tables.next()) {
            (Some(one), None) => Some(*one),
            _ => None,
        }
    }
}

/// The panels beside the canvas and the windows over it, each with what it keeps while open.
#[derive(Debug, Default)]
pub struct Panels {
    /// The findings panel.
    pub findings: super::panels::findings::FindingsPanel,
    /// The review comments panel.
    pub comments: super::panels::comments::CommentsPanel,
    /// Text being typed into the inspector's fields.
    pub inspector: super::panels::inspector::Inspector,
    /// The search box (Ctrl+F), while open.
    pub search: Option<super::panels::search::Search>,
    /// The Export SQL window, while open.
    pub export_sql: Option<super::panels::export_sql::ExportSql>,
    /// The model settings window, while open.
    pub model_settings: Option<super::panels::model_settings::ModelSettings>,
    /// The comparison's Migration script window, while open.
    pub export_migration: Option<super::panels::export_migration::ExportMigration>,
    /// The side panels' sizes and folds as this session changes them.
    pub docks: Docks,
}

/// What the app keeps of the panels while it runs (the settings keep the rest).
#[derive(Debug, Default)]
pub struct Docks {
    /// Each panel's size in the last frame.
    pub last: std::collections::HashMap<&'static str, f32>,
    /// Panels being resized by the user now.
    pub resizing: std::collections::HashSet<&'static str>,
    /// Panels opened from their rail although the window is short of room for them.
    pub opened_anyway: std::collections::HashSet<&'static str>,
}

/// Questions and messages waiting for the user.
#[derive(Debug, Default)]
pub struct Dialogs {
    /// A message to show: a failed open or save, an import's summary.
    pub notice: Option<Notice>,
    /// A save waiting for the user to confirm overwriting a file another program changed.
    pub confirm_overwrite: Option<Overwrite>,
    /// The git revision being typed for File > Compare with git revision.
    pub revision_prompt: Option<String>,
    /// Closing, opening or starting another model was asked for while there are unsaved
    /// changes: the question "save them?" is showing, and this runs after the answer.
    pub unsaved_prompt: Option<super::commands::AppCommand>,
    /// The user chose not to save: the next command that would discard changes goes ahead.
    pub discard_confirmed: bool,
    /// The file dialog drawn in the window, while it shows (where the system has none).
    pub file: Option<crate::gui::file_dialog::Browser>,
}

/// The two inspector panels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InspectorKind {
    /// A table's.
    Table,
    /// A note's or a group's.
    Item,
    /// The model's own (title, description), when nothing is selected.
    Model,
}

/// A laid-out scene and what it was laid out from.
#[derive(Debug)]
pub struct SceneCache {
    /// The document's revision (each state of the model has its own).
    pub revision: u64,
    /// Text is measured at this resolution.
    pub pixels_per_point: f32,
    /// The named view it shows (`None`: the whole model).
    pub active_view: Option<usize>,
    /// The scene.
    pub scene: std::sync::Arc<crate::scene::Scene>,
}

/// Which findings something was derived from: the model revision checked, and their counts.
pub type FindingsKey = (Option<u64>, crate::check::Summary);

/// A file about to be saved over, and why that is asked: read-only (else changed on disk),
/// found when Save was chosen so the question does not look at the disk while it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overwrite {
    /// The file.
    pub path: std::path::PathBuf,
    /// Whether it is marked read-only.
    pub read_only: bool,
}

/// A dialog's title and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Heading.
    pub title: String,
    /// Body, several lines allowed.
    pub text: String,
}

impl Notice {
    /// A failure to report.
    pub fn error(text: impl Into<String>) -> Self {
        Self {
            title: "Something went wrong".to_string(),
            text: text.into(),
        }
    }

    /// One notice saying all of `notices`, the first one's title heading it; none for none.
    pub fn merge(notices: Vec<Notice>) -> Option<Notice> {
        let mut notices = notices.into_iter();
        let first = notices.next()?;
        Some(notices.fold(first, |mut merged, next| {
            merged.text = format!("{}\n\n{}\n{}", merged.text, next.title, next.text);
            merged
        }))
    }
}

/// Tables and notes being dragged: where they started, so release commits one edit and Escape
/// aborts.
#[derive(Debug, Clone, Default)]
pub struct TableDrag {
    /// Each dragged table and its position when the drag began.
    pub origins: Vec<(TableId, Point)>,
    /// Each dragged note and its position when the drag began.
    pub notes: Vec<(crate::model::NoteId, Point)>,
    /// A group whose hand-drawn area moves with its tables, and the area when the drag began.
    pub area: Option<(crate::model::GroupId, crate::model::Rect)>,
    /// Total movement so far, in scene units.
    pub offset: egui::Vec2,
}

/// What a resize grip changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resizing {
    /// A note's width, by its right edge.
    Note(crate::model::NoteId),
    /// A group's area, by its top-left corner.
    GroupTopLeft(crate::model::GroupId),
    /// A group's area, by its bottom-right corner.
    GroupBottomRight(crate::model::GroupId),
}

/// A note or group area being resized by a grip: its rectangle when the drag began and now
/// (scene units); release commits one edit, Escape aborts.
#[derive(Debug, Clone, Copy)]
pub struct Resize {
    /// What changes.
    pub what: Resizing,
    /// The rectangle when the drag began.
    pub start: crate::model::Rect,
    /// The rectangle the drag makes.
    pub now: crate::model::Rect,
}

impl ViewState {
    /// The current zoom factor (1.0 = 100%).
    pub fn zoom(&self) -> f32 {
        self.canvas.screen_from_scene.scaling
    }
}
