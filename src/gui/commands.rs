//! Things the UI asks for while drawing, carried out after the frame (no I/O mid-draw).

use crate::check::Fix;
use crate::model::{Edit, FindingTarget, Point, TableId};
use std::path::PathBuf;

/// A request from the UI.
#[derive(Clone, Debug, PartialEq)]
pub enum AppCommand {
    /// Ask for a file and open it.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Ask for an SQL script and import it as a new, untitled model.
    ImportSql,
    /// Import this SQL script.
    ImportSqlPath(PathBuf),
    /// Show the Export SQL window.
    ExportSql,
    /// Show the comparison's Migration script window.
    ExportMigration,
    /// Ask for a file and write the diagram there (PNG or SVG, by its extension).
    ExportImage,
    /// Write the diagram to this file.
    ExportImagePath(PathBuf),
    /// Ask where to save an SQL script, offering this file name, and write it there.
    SaveScript {
        /// The script.
        sql: String,
        /// The file name offered.
        name: String,
    },
    /// Write an SQL script to this file.
    SaveScriptTo {
        /// The script.
        sql: String,
        /// Where.
        path: PathBuf,
    },
    /// Save to the current file (or ask, when untitled).
    Save,
    /// Ask for a file and save there.
    SaveAs,
    /// Ask for a file (in the system's dialog or the built-in one) for what `request` says.
    ChooseFile(crate::gui::file_dialog::FileRequest),
    /// Save to this file (its replacement confirmed), then run `then`.
    SaveAsPath {
        /// Where.
        path: PathBuf,
        /// What waited for the save.
        then: Option<Box<AppCommand>>,
    },
    /// Save to this file though it is read-only or changed on disk: the user said so.
    SaveOver(PathBuf),
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Fit the whole diagram in the view.
    FitAll,
    /// Fit the selected tables in the view.
    ZoomToSelection,
    /// Zoom about the canvas's centre by whole steps ([`crate::gui::canvas::zoom_step`]): in
    /// for positive, out for negative; 0 is 100 %.
    ZoomStep(i32),
    /// Apply a finding's quick fix as one undoable edit.
    ApplyFix(Fix),
    /// Accept a finding: record a suppression with the architect's reason (undoable).
    Suppress {
        /// Rule code.
        code: String,
        /// What it is about.
        target: FindingTarget,
        /// Why it is fine.
        reason: String,
    },
    /// Select a table and bring it into view.
    FocusTable(TableId),
    /// Open the view, routine or trigger at this place of the model's SQL objects in the SQL
    /// editor.
    EditSqlObject(usize),
    /// Open the model settings window (targets, naming, rule levels, accepted findings).
    ModelSettings,
    /// Select these tables (a sample query's) and bring them into view.
    ShowTables(Vec<TableId>),
    /// Select a table, bring it into view and mark one of its columns on its card.
    FocusColumn(TableId, crate::model::ColumnId),
    /// Close the window (asking first when there are unsaved changes).
    Quit,
    /// Start a new, empty model (asking first when there are unsaved changes).
    New,
    /// Apply an edit made in the inspector or on the canvas, as one undo step.
    Apply(Box<Edit>),
    /// Add a table from the model's template with its top-left corner here (scene units), select
    /// it and show it in the inspector.
    AddTableAt(Point),
    /// Delete the selected tables, or the selected note or group (one undo step).
    DeleteSelection,
    /// Add a sticky note with its top-left corner here (scene units) and select it.
    AddNoteAt(Point),
    /// Put the selected tables in a new group and select it.
    GroupSelection,
    /// Copy the selected tables to the clipboard.
    Copy,
    /// Copy the selected tables, then delete them.
    Cut,
    /// Paste tables from clipboard text (a copy made by Schemaboard).
    Paste(String),
    /// Lay the tables out again; pinned tables stay. Only the selected ones when `selection`.
    AutoLayout {
        /// Move only the selected tables.
        selection: bool,
    },
    /// Open the search box.
    Search,
    /// Ask for another version of the model and compare with it.
    CompareWithFile,
    /// Compare with the model in this file.
    CompareWithPath(PathBuf),
    /// Compare with the open file as committed at this git revision.
    CompareWithGit(String),
    /// Stop showing the comparison.
    StopComparing,
    /// Takes the comparison's probable rename at this index as a rename, or not.
    AcceptRename {
        /// Its place in the list.
        index: usize,
        /// Whether it is taken.
        accepted: bool,
    },
    /// Show a named view (`None`: the whole model).
    ShowView(Option<usize>),
    /// Make a named view of the selected tables, where they are now.
    NewViewFromSelection,
    /// Delete the named view shown.
    DeleteView,
    /// How much of each table the named view shown draws.
    SetViewDetail(crate::model::views::Detail),
    /// Enter or leave presentation mode.
    Present(bool),
    /// While presenting: mark the findings on the cards, or not.
    MarkFindings(bool),
    /// Select every table.
    SelectAll,
    /// While presenting: the next (`true`) or previous named view, the whole model first.
    StepView(bool),
    /// Run this command if the model is saved by now (after "Save" in the unsaved-changes
    /// question).
    AfterSave(Box<AppCommand>),
}
