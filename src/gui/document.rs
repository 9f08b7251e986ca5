//! The open document: the model (the only thing saved), its file, its history.

use super::history::History;
use crate::check::{Checker, Finding};
use crate::io::{LoadError, SaveError};
use crate::model::{Edit, EditError, Schema};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A model being edited.
#[derive(Debug)]
pub struct Document {
    /// The model, positions included.
    pub schema: Schema,
    /// Where it is saved; `None` until "Save as".
    pub path: Option<PathBuf>,
    history: History,
    saved_revision: Option<u64>,
    checker: Checker,
    checked_revision: Option<u64>,
    check_time: Duration,
    /// Tables changed since the last check; `None` when unknown (compare them all).
    touched: Option<Vec<crate::model::TableId>>,
}

impl Document {
    /// Loads a model from disk.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let schema = crate::io::load(path)?;
        super::recent::remember(path);
        Ok(Self {
            schema,
            path: Some(path.to_path_buf()),
            history: History::default(),
            saved_revision: Some(0),
            checker: Checker::default(),
            checked_revision: None,
            check_time: Duration::ZERO,
            touched: None,
        })
    }

    /// A model that has no file yet.
    pub fn untitled(schema: Schema) -> Self {
        Self {
            schema,
            path: None,
            history: History::default(),
            saved_revision: None,
            checker: Checker::default(),
            checked_revision: None,
            check_time: Duration::ZERO,
            touched: None,
        }
    }

    /// Changes the model through an undoable edit.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.schema, edit)?;
        self.note_touched(self.history.undo_top().cloned());
        Ok(())
    }

    /// Takes back the last change.
    pub fn undo(&mut self) -> bool {
        let done = self.history.undo(&mut self.schema);
        if done {
            self.note_touched(self.history.redo_top().cloned());
        }
        done
    }

    /// Repeats the last undone change.
    pub fn redo(&mut self) -> bool {
        let done = self.history.redo(&mut self.schema);
        if done {
            self.note_touched(self.history.undo_top().cloned());
        }
        done
    }

    /// Remembers which tables a step changed, from its inverse (which names every object it
    /// restores), so the next check compares only those.
    fn note_touched(&mut self, inverse: Option<Edit>) {
        let tables = inverse.and_then(|e| crate::check::tables_touched(&e, &self.schema));
        match (&mut self.touched, tables) {
            (Some(list), Some(tables)) => list.extend(tables),
            _ => self.touched = None,
        }
    }

    /// The history, for menu labels.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Identifies the model's current state (changes on every edit, undo and redo).
    pub fn revision(&self) -> u64 {
        self.history.revision()
    }

    /// Whether the model differs from the file on disk (an untitled model always does).
    pub fn has_unsaved_changes(&self) -> bool {
        self.saved_revision != Some(self.history.revision())
    }

    /// Saves to `path` (atomically) and makes it the document's file.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveError> {
        crate::io::save(path, &self.schema)?;
        self.path = Some(path.to_path_buf());
        self.saved_revision = Some(self.history.revision());
        super::recent::remember(path);
        Ok(())
    }

    /// Re-checks the model if it changed since the last check. Incremental: only the tables
    /// an edit touched (and their neighbours) are checked again, so this fits in a frame.
    pub fn refresh_findings(&mut self) {
        if self.checked_revision == Some(self.revision()) {
            return;
        }
        let started = std::time::Instant::now();
        self.checker
            .check_touched(&self.schema, &self.schema.checks, self.touched.as_deref());
        self.check_time = started.elapsed();
        self.checked_revision = Some(self.revision());
        self.touched = Some(Vec::new());
    }

    /// The findings of the last check (call [`Document::refresh_findings`] first).
    pub fn findings(&self) -> impl Iterator<Item = &Finding> + '_ {
        self.checker.findings()
    }

    /// How long the last check took.
    pub fn check_time(&self) -> Duration {
        self.check_time
    }

    /// A title for the window: file name, with `•` when there are unsaved changes.
    pub fn title(&self) -> String {
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| format!("{} (unsaved)", self.schema.name));
        let dirty = if self.has_unsaved_changes() {
            " •"
        } else {
            ""
        };
        format!("{name}{dirty} — Schemaboard")
    }
}
