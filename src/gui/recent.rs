//! Recently opened models, newest first: `schemaboard` with no argument picks up the first, and
//! File > Open Recent lists them all.

use std::path::{Path, PathBuf};

/// How many are kept.
const KEPT: usize = 10;

fn store() -> Option<PathBuf> {
    super::settings::config_dir().map(|dir| dir.join("last-file"))
}

/// The models opened or saved, newest first (those still on disk).
pub fn files() -> Vec<PathBuf> {
    let Some(text) = store().and_then(|store| std::fs::read_to_string(store).ok()) else {
        return Vec::new();
    };
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(PathBuf::from)
        .filter(|path| path.is_file())
        .collect()
}

/// The last model opened or saved, if recorded.
pub fn last_file() -> Option<PathBuf> {
    files().into_iter().next()
}

/// Records `path` as the newest model. Best effort: failing to remember is not worth an error.
pub fn remember(path: &Path) {
    let (Some(store), Ok(absolute)) = (store(), std::path::absolute(path)) else {
        return;
    };
    let mut list = files();
    list.retain(|p| p != &absolute);
    list.insert(0, absolute);
    list.truncate(KEPT);
    let text: String = list.iter().map(|p| format!("{}\n", p.display())).collect();
    if let Some(folder) = store.parent()
        && std::fs::create_dir_all(folder).is_ok()
    {
        let _ = std::fs::write(store, text);
    }
}
