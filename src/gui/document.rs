//! The open document: the model (the only thing saved), its file, its history.

use super::history::History;
use super::validation::Validation;
use crate::check::Finding;
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
    validation: Validation,
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
            validation: Validation::default(),
        })
    }

    /// A model that has no file yet.
    pub fn untitled(schema: Schema) -> Self {
        Self {
            schema,
            path: None,
            history: History::default(),
            saved_revision: None,
            validation: Validation::default(),
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
        self.validation.note(inverse.as_ref(), &self.schema);
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

    /// Re-checks the model if it changed since the last check (see [`Validation`]).
    pub fn refresh_findings(&mut self) {
        let revision = self.revision();
        self.validation.refresh(&self.schema, revision);
    }

    /// The findings of the last check (call [`Document::refresh_findings`] first).
    pub fn findings(&self) -> impl Iterator<Item = &Finding> + '_ {
        self.validation.findings()
    }

    /// How long the last check took.
    pub fn check_time(&self) -> Duration {
        self.validation.check_time()
    }

    /// Whether the first check of a large model is still running.
    pub fn is_checking(&self) -> bool {
        self.validation.is_checking()
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
