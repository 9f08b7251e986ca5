//! Comparing the open model with another version of it (a file, or the same file at a git
//! revision): what the canvas marks and what the change list shows. The comparison itself is
//! `crate::compare`, the same one `schemaboard diff` reports.

pub use crate::compare::marks::{Mark, Marks, describe};
use crate::compare::renames::{Rename, probable_renames};
use crate::compare::{Comparison, Matching, MatchingChoice, compare, compare_with_renames};
use crate::export::diff::versions::Versions;
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
    /// Between models paired by name: the probable renames, and whether each is taken as one
    /// (the user ticks them; none is taken unasked).
    pub renames: Vec<(Rename, bool)>,
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
        let renames = match comparison.matching {
            Matching::Names => probable_renames(old, new)
                .into_iter()
                .map(|r| (r, false))
                .collect(),
            Matching::Ids => Vec::new(),
        };
        let marks = crate::compare::marks::Marks::of(&comparison, old, new);
        Self {
            against,
            comparison,
            old_scene,
            marks,
            old: old.clone(),
            revision,
            renames,
        }
    }

    /// Takes the probable rename at `index` as a rename, or not, and compares again.
    pub fn accept_rename(&mut self, index: usize, accepted: bool, new: &Schema) {
        if let Some((_, taken)) = self.renames.get_mut(index) {
            *taken = accepted;
        }
        self.compare_again(new);
    }

    /// The same comparison against the open model as it is now, if it changed since; renames
    /// ticked before stay ticked while they are still proposed.
    pub fn refresh(&mut self, new: &Schema, revision: u64) {
        if revision != self.revision {
            let ticked: Vec<Rename> = self.accepted();
            let old = std::mem::take(&mut self.old);
            let against = std::mem::take(&mut self.against);
            *self = Self::new(against, &old, new, self.old_scene.clone(), revision);
            for (rename, taken) in &mut self.renames {
                *taken = ticked.contains(rename);
            }
            self.compare_again(new);
        }
    }

    /// The probable renames the user ticked.
    pub fn accepted(&self) -> Vec<Rename> {
        self.renames
            .iter()
            .filter(|(_, taken)| *taken)
            .map(|(r, _)| r.clone())
            .collect()
    }

    /// The other version and `new` (the open model), paired as this comparison pairs them,
    /// with `renames` (see [`Self::accepted`]) taken: what a migration script is written from.
    pub fn versions<'a>(&'a self, new: &'a Schema, renames: &'a [Rename]) -> Versions<'a> {
        Versions {
            old: &self.old,
            new,
            matching: self.comparison.matching,
            renames,
        }
    }

    fn compare_again(&mut self, new: &Schema) {
        if self.comparison.matching != Matching::Names {
            return;
        }
        self.comparison = compare_with_renames(&self.old, new, &self.accepted());
        self.marks = crate::compare::marks::Marks::of(&self.comparison, &self.old, new);
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
