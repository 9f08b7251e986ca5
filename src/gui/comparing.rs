//! Comparing the open model with another version of it (a file, or the same file at a git
//! revision): what the canvas marks and what the change list shows. The comparison itself is
//! `crate::compare`, the same one `schemaboard diff` reports.

pub use crate::compare::marks::{Mark, Marks, describe};
use crate::compare::{Comparison, MatchingChoice, compare};
use crate::model::Schema;
use crate::scene::Scene;
use std::path::Path;
use std::sync::Arc;

/// A comparison shown on the canvas.
#[derive(Debug)]
pub struct Comparing {
    /// What the model is compared with (`sales.ron`, `HEAD:sales.ron`).
    pub against: String,
    /// The changes, from the other version to the open model.
    pub comparison: Comparison,
    /// The other version, laid out: removed tables are drawn where they were.
    pub old_scene: Arc<Scene>,
    /// What to mark on the canvas.
    pub marks: Marks,
    /// The other version, to compare again after an edit.
    old: Schema,
    /// The open model's revision this comparison was made at.
    pub revision: u64,
}

impl Comparing {
    /// Compares `old` (the other version) with `new` (the open model); `old_scene` is `old`
    /// laid out.
    pub fn new(
        against: String,
        old: &Schema,
        new: &Schema,
        old_scene: Arc<Scene>,
        revision: u64,
    ) -> Self {
        let comparison = compare(old, new, MatchingChoice::Auto);
        let marks = crate::compare::marks::Marks::of(&comparison, old, new);
        Self {
            against,
            comparison,
            old_scene,
            marks,
            old: old.clone(),
            revision,
        }
    }

    /// The same comparison against the open model as it is now, if it changed since.
    pub fn refresh(&mut self, new: &Schema, revision: u64) {
        if revision != self.revision {
            let old = std::mem::take(&mut self.old);
            let against = std::mem::take(&mut self.against);
            *self = Self::new(against, &old, new, self.old_scene.clone(), revision);
        }
    }
}

/// The model as committed at git revision `revision` (`HEAD`, `main~3`, a hash) of the file at
/// `path`, which must be in a git work tree.
pub fn at_git_revision(path: &Path, revision: &str) -> Result<Schema, String> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| "the model has no file name".to_string())?;
    // `REV:./name` is resolved from the current folder, wherever the work tree's root is.
    let spec = format!("{revision}:./{}", name.to_string_lossy());
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["show", &spec])
        .output()
        .map_err(|e| format!("git could not be run: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git show {spec}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let text = String::from_utf8(output.stdout).map_err(|e| format!("{spec}: {e}"))?;
    crate::io::load_str(&text, Path::new(&spec)).map_err(|e| e.to_string())
}
