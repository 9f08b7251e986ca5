//! Crash recovery. While a model has unsaved changes the app keeps a copy of it in a recovery
//! folder (atomically, every few seconds); saving removes the copy. A copy still there when the
//! app starts is work a crash (or a kill, or a power cut) would have lost, and is offered back.
//!
//! Each copy is two files named after the document: `KEY.ron`, the model, and `KEY.origin`, the
//! path of the file it was opened from (empty for an untitled model).

use super::atomic::write_atomically;
use crate::model::Schema;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A folder of recovery copies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryStore {
    folder: PathBuf,
}

/// A copy found in the store.
#[derive(Debug)]
pub struct Recovered {
    /// The model as it was at the last autosave.
    pub schema: Schema,
    /// The file the model was opened from, if any.
    pub origin: Option<PathBuf>,
    /// When the copy was written.
    pub saved_at: Option<SystemTime>,
    /// The copy's key, to remove it once dealt with.
    pub key: String,
}

impl RecoveryStore {
    /// A store in `folder` (created on first write).
    pub fn new(folder: PathBuf) -> Self {
        Self { folder }
    }

    /// The user's store: `$SCHEMABOARD_RECOVERY_DIR`, else `$XDG_STATE_HOME/schemaboard/recovery`,
    /// else `~/.local/state/schemaboard/recovery`.
    pub fn for_user() -> Option<Self> {
        let folder = std::env::var_os("SCHEMABOARD_RECOVERY_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("XDG_STATE_HOME")
                    .map(PathBuf::from)
                    .or_else(|| {
                        std::env::var_os("HOME")
                            .map(|home| PathBuf::from(home).join(".local").join("state"))
                    })
                    .map(|state| state.join("schemaboard").join("recovery"))
            })?;
        Some(Self::new(folder))
    }

    /// The key of a document: from its file's absolute path, or unique to this run for an
    /// untitled one.
    pub fn key_for(path: Option<&Path>) -> String {
        match path.and_then(|p| std::path::absolute(p).ok()) {
            Some(absolute) => format!("file-{:016x}", fnv1a(absolute.to_string_lossy().as_bytes())),
            None => {
                let nanos = SystemTime::now()
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos());
                format!("untitled-{}-{nanos}", std::process::id())
            }
        }
    }

    fn model_file(&self, key: &str) -> PathBuf {
        self.folder.join(format!("{key}.ron"))
    }

    fn origin_file(&self, key: &str) -> PathBuf {
        self.folder.join(format!("{key}.origin"))
    }

    /// Writes (or replaces) the copy under `key`.
    pub fn write(&self, key: &str, schema: &Schema, origin: Option<&Path>) -> io::Result<()> {
        std::fs::create_dir_all(&self.folder)?;
        let origin = origin
            .and_then(|p| std::path::absolute(p).ok())
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        write_atomically(&self.origin_file(key), |out| {
            out.write_all(origin.as_bytes())
        })?;
        let text = super::to_ron_string(schema);
        write_atomically(&self.model_file(key), |out| out.write_all(text.as_bytes()))
    }

    /// Removes the copy under `key` (and the backups the atomic writes kept); nothing to
    /// remove is fine.
    pub fn remove(&self, key: &str) {
        for file in [self.model_file(key), self.origin_file(key)] {
            let _ = std::fs::remove_file(super::backup_path(&file));
            let _ = std::fs::remove_file(file);
        }
    }

    /// Every copy in the store, oldest first. A copy that no longer loads is skipped (and kept,
    /// for a person to look at).
    pub fn leftovers(&self) -> Vec<Recovered> {
        let Ok(entries) = std::fs::read_dir(&self.folder) else {
            return Vec::new();
        };
        let mut found: Vec<Recovered> = entries
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                if path.extension()? != "ron" {
                    return None;
                }
                let key = path.file_stem()?.to_string_lossy().into_owned();
                let schema = super::load(&path).ok()?;
                let origin = std::fs::read_to_string(self.origin_file(&key))
                    .ok()
                    .filter(|text| !text.is_empty())
                    .map(PathBuf::from);
                let saved_at = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
                Some(Recovered {
                    schema,
                    origin,
                    saved_at,
                    key,
                })
            })
            .collect();
        found.sort_by_key(|r| r.saved_at);
        found
    }
}

/// FNV-1a, 64 bits: a stable name for a path (std's hasher may change between releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_comes_back_with_its_origin_and_goes_when_removed() {
        let folder = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(folder.path().join("recovery"));
        assert!(
            store.leftovers().is_empty(),
            "an absent folder holds nothing"
        );
        let schema = crate::synth::generate(crate::synth::Spec {
            tables: 5,
            columns: 5,
            queries: 0,
            seed: 1,
        });
        let origin = folder.path().join("model.ron");
        let key = RecoveryStore::key_for(Some(&origin));
        assert_eq!(key, RecoveryStore::key_for(Some(&origin)), "stable");
        store.write(&key, &schema, Some(&origin)).unwrap();
        store.write(&key, &schema, Some(&origin)).unwrap();
        let found = store.leftovers();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].schema, schema);
        assert_eq!(found[0].origin.as_deref(), Some(origin.as_path()));
        store.remove(&key);
        assert!(store.leftovers().is_empty());
        assert_eq!(
            std::fs::read_dir(store.folder).unwrap().count(),
            0,
            "no debris"
        );
    }

    #[test]
    fn untitled_documents_get_their_own_keys() {
        assert_ne!(RecoveryStore::key_for(None), RecoveryStore::key_for(None));
    }
}
