//! The last opened model, so `schemaboard` with no argument picks up where the user left off.

use std::path::{Path, PathBuf};

fn store() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))?;
    Some(base.join("schemaboard").join("last-file"))
}

/// The last model opened or saved, if recorded.
pub fn last_file() -> Option<PathBuf> {
    let text = std::fs::read_to_string(store()?).ok()?;
    let line = text.lines().next()?.trim();
    (!line.is_empty()).then(|| PathBuf::from(line))
}

/// Records `path` as the last model. Best effort: failing to remember is not worth an error.
pub fn remember(path: &Path) {
    let (Some(store), Ok(absolute)) = (store(), std::path::absolute(path)) else {
        return;
    };
    if let Some(folder) = store.parent()
        && std::fs::create_dir_all(folder).is_ok()
    {
        let _ = std::fs::write(store, format!("{}\n", absolute.display()));
    }
}
