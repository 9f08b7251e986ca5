//! The open document: the model (the only thing saved), its file, its history.

use super::history::History;
use super::validation::Validation;
use crate::check::Finding;
use crate::io::{LoadError, Recovered, RecoveryStore, SaveError};
use crate::model::{Edit, EditError, Schema};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How often, at most, unsaved changes are copied to the recovery folder.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(3);

/// A model being edited.
#[derive(Debug)]
pub struct Document {
    /// The model, positions included: read through [`Document::schema`], changed only by edits
    /// (through the history, or as a gesture's preview).
    schema: Schema,
    /// Where it is saved; `None` until "Save as".
    pub path: Option<PathBuf>,
    history: History,
    saved_revision: Option<u64>,
    validation: Validation,
    autosave: Option<Autosave>,
    /// The file as it was when opened or last saved, to notice another program changing it.
    on_disk: Option<DiskStamp>,
    /// A gesture's edit shown in the model while the gesture runs (see [`Document::preview`]):
    /// the inverse that takes it back.
    preview: Option<Edit>,
}

/// Size and modification time of a file: what changes when another program writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct DiskStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl DiskStamp {
    fn of(path: &Path) -> Option<Self> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(Self {
            len: metadata.len(),
            modified: metadata.modified().ok(),
        })
    }
}

/// Where and when unsaved changes were last copied for crash recovery.
#[derive(Debug)]
struct Autosave {
    store: RecoveryStore,
    key: String,
    /// The revision the copy holds, if one was written.
    written: Option<u64>,
    last: Option<Instant>,
    /// Reopened from a copy: worth keeping even before the first edit.
    recovered: bool,
}

impl Document {
    /// Loads a model from disk.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let on_disk = DiskStamp::of(path);
        let mut schema = crate::io::load(path)?;
        schema.ids.skip_ahead_at_random();
        Ok(Self {
            schema,
            path: Some(path.to_path_buf()),
            history: History::default(),
            saved_revision: Some(0),
            validation: Validation::default(),
            autosave: None,
            on_disk,
            preview: None,
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
            autosave: None,
            on_disk: None,
            preview: None,
        }
    }

    /// A new, empty model for a file that does not exist yet: saving writes it there.
    pub fn new_file(path: &Path) -> Self {
        let title = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "Untitled".to_string());
        let schema = Schema {
            lineage: Schema::new_lineage(),
            ..Schema::new(&title)
        };
        Self {
            path: Some(path.to_path_buf()),
            ..Self::untitled(schema)
        }
    }

    /// Work a crash interrupted, reopened: unsaved, with its file (if it had one), and copied
    /// again to the same recovery slot until it is saved.
    pub fn recovered(recovered: Recovered, store: RecoveryStore) -> Self {
        let mut document = Self::untitled(recovered.schema);
        // A new editing session, like opening a file: its new ids come from a range of its own.
        document.schema.ids.skip_ahead_at_random();
        // The file as it stands is the one the copy was made over only if nobody wrote it after
        // the last autosave; otherwise saving would lose that writing, so it counts as changed.
        document.on_disk = recovered
            .origin
            .as_deref()
            .and_then(DiskStamp::of)
            .map(|stamp| {
                let written_since = matches!(
                    (stamp.modified, recovered.saved_at),
                    (Some(file), Some(copy)) if file > copy
                );
                if written_since {
                    DiskStamp {
                        len: u64::MAX,
                        modified: None,
                    }
                } else {
                    stamp
                }
            });
        document.path = recovered.origin;
        document.autosave = Some(Autosave {
            store,
            key: recovered.key,
            written: None,
            last: None,
            recovered: true,
        });
        document
    }

    /// This document in place of `self`, copied for crash recovery to the same store as `self`
    /// was (opening another file or starting a new model keeps recovery on).
    pub fn succeed(&mut self, next: Document) {
        let store = self.autosave.take().map(|a| a.store);
        *self = match store {
            Some(store) => next.with_recovery(store),
            None => next,
        };
    }

    /// Copies unsaved changes to `store` from now on (see [`Document::autosave`]).
    pub fn with_recovery(mut self, store: RecoveryStore) -> Self {
        self.autosave = Some(Autosave {
            key: RecoveryStore::key_for(self.path.as_deref()),
            store,
            written: None,
            last: None,
            recovered: false,
        });
        self
    }

    /// Called every frame: copies the model to the recovery folder when it has unsaved changes
    /// not copied yet and the last copy is [`AUTOSAVE_EVERY`] old; removes the copy once there
    /// is nothing unsaved. Returns whether it wrote a copy.
    pub fn autosave(&mut self, now: Instant) -> std::io::Result<bool> {
        let revision = self.history.revision();
        let worth_keeping = self.has_work_to_lose();
        let Some(autosave) = &mut self.autosave else {
            return Ok(false);
        };
        if !worth_keeping {
            if autosave.written.take().is_some() {
                autosave.store.remove(&autosave.key);
            }
            return Ok(false);
        }
        let due = autosave
            .last
            .is_none_or(|last| now.duration_since(last) >= AUTOSAVE_EVERY);
        if autosave.written == Some(revision) || !due {
            return Ok(false);
        }
        autosave
            .store
            .write(&autosave.key, &self.schema, self.path.as_deref())?;
        autosave.written = Some(revision);
        autosave.last = Some(now);
        Ok(true)
    }

    /// Changes the model through an undoable edit.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.cancel_preview();
        self.history.apply(&mut self.schema, edit)?;
        self.note_touched(self.history.undo_top().cloned());
        Ok(())
    }

    /// The model.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// Shows what `make` builds, from the model as it is without any preview, until the gesture
    /// that shows it ends: applied now but outside the history (no undo step), it replaces the
    /// previous frame's preview. A drag or a resize previews this way every frame, then ends
    /// with [`Document::commit_preview`] or [`Document::cancel_preview`].
    pub fn preview(&mut self, make: impl FnOnce(&Schema) -> Option<Edit>) {
        self.cancel_preview();
        if let Some(edit) = make(&self.schema) {
            // A refused preview shows nothing; the commit will say why, through the history.
            self.preview = edit.apply(&mut self.schema).ok();
        }
    }

    /// Ends a preview: the model as it was before the gesture.
    pub fn cancel_preview(&mut self) {
        if let Some(inverse) = self.preview.take() {
            // The inverse of an edit just applied to this model always applies.
            let _ = inverse.apply(&mut self.schema);
        }
    }

    /// Ends a preview and applies what `make` builds from the model without it, as one
    /// undoable edit; `Ok(false)` when it builds nothing.
    pub fn commit_preview(
        &mut self,
        make: impl FnOnce(&Schema) -> Option<Edit>,
    ) -> Result<bool, EditError> {
        self.cancel_preview();
        match make(&self.schema) {
            Some(edit) => self.apply(edit).map(|()| true),
            None => Ok(false),
        }
    }

    /// Whether a gesture's preview is showing.
    pub fn previewing(&self) -> bool {
        self.preview.is_some()
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

    /// Whether closing now would lose something the user did: unsaved edits, or work brought
    /// back after a crash. An untitled model nobody has touched (the sample at start, a fresh
    /// import) is nothing to lose.
    pub fn has_work_to_lose(&self) -> bool {
        self.has_unsaved_changes()
            && (self.history.revision() != 0 || self.autosave.as_ref().is_some_and(|a| a.recovered))
    }

    /// Whether the model differs from the file on disk (an untitled model always does).
    pub fn has_unsaved_changes(&self) -> bool {
        self.saved_revision != Some(self.history.revision())
    }

    /// Whether another program changed the document's file since it was opened or saved here
    /// (saving over it would lose that change, so the app asks first).
    pub fn changed_on_disk(&self) -> bool {
        match (&self.path, &self.on_disk) {
            (Some(path), Some(stamp)) => DiskStamp::of(path).is_some_and(|now| &now != stamp),
            _ => false,
        }
    }

    /// Saves to `path` (atomically) and makes it the document's file.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveError> {
        crate::io::save(path, &self.schema)?;
        self.on_disk = DiskStamp::of(path);
        self.path = Some(path.to_path_buf());
        self.saved_revision = Some(self.history.revision());
        // Saved: the recovery copy has nothing left to keep; later changes go to the slot of
        // the file's new name.
        if let Some(autosave) = &mut self.autosave {
            autosave.store.remove(&autosave.key);
            autosave.key = RecoveryStore::key_for(Some(path));
            autosave.written = None;
        }
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

    /// The counts of the last check's findings.
    pub fn summary(&self) -> crate::check::Summary {
        self.validation.summary()
    }

    /// The model revision the findings are of; what is derived from them can be kept until it
    /// changes.
    pub fn findings_revision(&self) -> Option<u64> {
        self.validation.checked_revision()
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
        // Not for a model nobody has touched yet (the sample, an import, a new file).
        let dirty = if self.has_work_to_lose() { " •" } else { "" };
        format!("{name}{dirty} — Schemaboard")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Point, SchemaBuilder};

    fn moved_to(x: f32, table: crate::model::TableId) -> Option<Edit> {
        Some(Edit::MoveItems {
            tables: vec![(table, Point::new(x, 0.0))],
            notes: Vec::new(),
        })
    }

    #[test]
    fn a_preview_shows_outside_the_history_and_ends_with_one_edit_or_none() {
        let mut b = SchemaBuilder::new("p");
        b.table("t", (0.0, 0.0), |t| {
            t.column("id", "integer").pk();
        });
        let mut document = Document::untitled(b.build().unwrap());
        let original = document.schema.clone();
        let table = original.tables[0].id;
        let x = |d: &Document| d.schema.tables[0].position.x;
        document.preview(|_| moved_to(10.0, table));
        document.preview(|schema| {
            assert_eq!(
                schema, &original,
                "each frame builds from the model as it was"
            );
            moved_to(20.0, table)
        });
        assert_eq!((x(&document), document.revision()), (20.0, 0));
        assert!(
            document.history().undo_label().is_none(),
            "no undo step yet"
        );
        document.cancel_preview();
        assert_eq!(document.schema, original);
        document.preview(|_| moved_to(30.0, table));
        assert_eq!(document.commit_preview(|_| moved_to(40.0, table)), Ok(true));
        assert!(!document.previewing());
        assert_eq!(x(&document), 40.0);
        assert!(document.undo());
        assert_eq!(document.schema, original, "one step takes it all back");
        document.preview(|_| moved_to(50.0, table));
        assert_eq!(document.commit_preview(|_| None), Ok(false));
        assert_eq!(document.schema, original);
    }
}
