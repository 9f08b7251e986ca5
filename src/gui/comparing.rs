//! Comparing the open model with another version of it (a file, or the same file at a git
//! revision): what the canvas marks and what the change list shows. The comparison itself is
//! `crate::compare`, the same one `schemaboard diff` reports.

use crate::compare::{Change, ChangeKind, Comparison, MatchingChoice, compare};
use crate::model::{ColumnId, Schema, TableId};
use crate::scene::Scene;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// How a table or column differs from the other version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Only in the open model.
    Added,
    /// In both, different (renamed, retyped, or something inside it changed).
    Changed,
}

/// A comparison shown on the canvas.
#[derive(Debug)]
pub struct Comparing {
    /// What the model is compared with (`sales.ron`, `HEAD:sales.ron`).
    pub against: String,
    /// The changes, from the other version to the open model.
    pub comparison: Comparison,
    /// The other version, laid out: removed tables are drawn where they were.
    pub old_scene: Arc<Scene>,
    /// Tables of the other version that the open model no longer has.
    pub removed: Vec<TableId>,
    /// Added or changed tables of the open model, with what changed in them.
    pub tables: HashMap<TableId, (Mark, Vec<String>)>,
    /// Added or changed columns of the open model, with what changed.
    pub columns: HashMap<ColumnId, (Mark, String)>,
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
        let by_name = |schema: &Schema, name: &str| {
            schema
                .tables
                .iter()
                .find(|t| t.qualified_name() == name)
                .map(|t| t.id)
        };
        let mut tables: HashMap<TableId, (Mark, Vec<String>)> = HashMap::new();
        let mut columns = HashMap::new();
        let mut removed = Vec::new();
        for change in &comparison.changes {
            if change.object == "enum" {
                continue;
            }
            if change.object == "table" && change.kind == ChangeKind::Removed {
                removed.extend(by_name(old, &change.table));
                continue;
            }
            let Some(table) = by_name(new, &change.table) else {
                continue;
            };
            let added_table = change.object == "table" && change.kind == ChangeKind::Added;
            let entry = tables.entry(table).or_insert((Mark::Changed, Vec::new()));
            if added_table {
                entry.0 = Mark::Added;
            }
            entry.1.push(describe(change));
            if change.object == "column"
                && change.kind != ChangeKind::Removed
                && let Some(column) = new
                    .table(table)
                    .and_then(|t| t.columns.iter().find(|c| c.name == change.name))
            {
                let mark = if change.kind == ChangeKind::Added {
                    Mark::Added
                } else {
                    Mark::Changed
                };
                columns.insert(column.id, (mark, describe(change)));
            }
        }
        Self {
            against,
            comparison,
            old_scene,
            removed,
            tables,
            columns,
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

/// One line for a change: `changed column amount: type integer → bigint`.
pub fn describe(change: &Change) -> String {
    let mut line = format!(
        "{} {} {}",
        change.kind.as_str(),
        change.object.replace('_', " "),
        change.name
    );
    if !change.detail.is_empty() {
        line.push_str(": ");
        line.push_str(&change.detail);
    }
    line
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
