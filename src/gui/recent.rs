//! Recently opened models, newest first: `schemaboard` with no argument picks up the first, and
//! File > Open Recent lists them all. Read once when the app starts and written when a model is
//! opened or saved, never while a frame is drawn; a window without a store (tests) keeps its
//! list in memory only.

use std::path::{Path, PathBuf};

/// How many are kept.
const KEPT: usize = 10;

/// The list, and the file it is kept in.
#[derive(Debug, Default)]
pub struct RecentFiles {
    store: Option<PathBuf>,
    files: Vec<PathBuf>,
}

impl RecentFiles {
    /// The list kept in `store` (those of its models still on disk).
    pub fn kept_in(store: PathBuf) -> Self {
        let files = std::fs::read_to_string(&store)
            .map(|text| {
                text.lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .map(PathBuf::from)
                    .filter(|path| path.is_file())
                    .collect()
            })
            .unwrap_or_default();
        Self {
            store: Some(store),
            files,
        }
    }

    /// This user's list, in the config folder; an empty one kept nowhere without a folder.
    pub fn of_user() -> Self {
        super::settings::config_dir()
            .map(|dir| Self::kept_in(dir.join("last-file")))
            .unwrap_or_default()
    }

    /// The models opened or saved, newest first.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The last model opened or saved, if recorded.
    pub fn last_file(&self) -> Option<&Path> {
        self.files.first().map(PathBuf::as_path)
    }

    /// Records `path` as the newest model. Writing is best effort: failing to remember is not
    /// worth an error.
    pub fn remember(&mut self, path: &Path) {
        let Ok(absolute) = std::path::absolute(path) else {
            return;
        };
        self.files.retain(|p| p != &absolute);
        self.files.insert(0, absolute);
        self.files.truncate(KEPT);
        let Some(store) = &self.store else {
            return;
        };
        let text: String = self
            .files
            .iter()
            .map(|p| format!("{}\n", p.display()))
            .collect();
        if let Some(folder) = store.parent()
            && std::fs::create_dir_all(folder).is_ok()
        {
            let _ = crate::io::write_atomically(store, |out| out.write_all(text.as_bytes()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_newest_first_without_repeats_and_survives_a_restart() {
        let folder = tempfile::tempdir().unwrap();
        let store = folder.path().join("config").join("last-file");
        let (a, b) = (folder.path().join("a.ron"), folder.path().join("b.ron"));
        std::fs::write(&a, "").unwrap();
        std::fs::write(&b, "").unwrap();
        let mut recent = RecentFiles::kept_in(store.clone());
        assert!(recent.files().is_empty());
        recent.remember(&a);
        recent.remember(&b);
        recent.remember(&a);
        assert_eq!(recent.files(), [a.clone(), b.clone()]);
        std::fs::remove_file(&b).unwrap();
        let again = RecentFiles::kept_in(store);
        assert_eq!(
            again.files(),
            std::slice::from_ref(&a),
            "a model gone from disk is dropped"
        );
        let mut nowhere = RecentFiles::default();
        nowhere.remember(&a);
        assert_eq!(nowhere.last_file(), Some(a.as_path()));
    }
}
