//! Undo and redo: two stacks of edits, each entry one user gesture.

use crate::model::{Edit, EditError, Schema};

/// The undo history of one document, with a revision number that identifies each state so
/// "unsaved changes?" is a comparison, not a hand-kept flag.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<(Edit, u64)>,
    redo: Vec<(Edit, u64)>,
    revision: u64,
    next_revision: u64,
}

impl History {
    /// Applies `edit` as one undoable step.
    pub fn apply(&mut self, schema: &mut Schema, edit: Edit) -> Result<(), EditError> {
        let inverse = edit.apply(schema)?;
        self.undo.push((inverse, self.revision));
        self.redo.clear();
        self.next_revision += 1;
        self.revision = self.next_revision;
        Ok(())
    }

    /// Undoes the last step; false when there is none.
    pub fn undo(&mut self, schema: &mut Schema) -> bool {
        Self::step(schema, &mut self.undo, &mut self.redo, &mut self.revision)
    }

    /// Redoes the last undone step; false when there is none.
    pub fn redo(&mut self, schema: &mut Schema) -> bool {
        Self::step(schema, &mut self.redo, &mut self.undo, &mut self.revision)
    }

    fn step(
        schema: &mut Schema,
        from: &mut Vec<(Edit, u64)>,
        to: &mut Vec<(Edit, u64)>,
        revision: &mut u64,
    ) -> bool {
        let Some((edit, target_revision)) = from.pop() else {
            return false;
        };
        match edit.apply(schema) {
            Ok(inverse) => {
                to.push((inverse, *revision));
                *revision = target_revision;
                true
            }
            // An inverse always applies to the state it came from; if it ever does not, the
            // history is dropped rather than corrupting the model.
            Err(_) => {
                from.clear();
                to.clear();
                false
            }
        }
    }

    /// Identifies the current state.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The label of the step Undo would take back.
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|(edit, _)| edit.label())
    }

    /// The label of the step Redo would repeat.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|(edit, _)| edit.label())
    }

    /// The inverse of the step just applied or redone (what Undo would apply).
    pub fn undo_top(&self) -> Option<&Edit> {
        self.undo.last().map(|(edit, _)| edit)
    }

    /// The inverse of the step just undone (what Redo would apply).
    pub fn redo_top(&self) -> Option<&Edit> {
        self.redo.last().map(|(edit, _)| edit)
    }

    /// Number of steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
}
