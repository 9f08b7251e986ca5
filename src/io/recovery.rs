//! Crash recovery. While a model has unsaved changes the app keeps a copy of it in a recovery
//! folder (atomically, every few seconds); saving removes the copy. A copy still there when the
//! app starts is work a crash (or a kill, or a power cut) would have lost, and is offered back.
//!
//! Each copy is two files named after the document: `KEY.ron`, the model, and `KEY.origin`, the
//! path of the file it was opened from (empty for an untitled model). Each write keeps the copy
//! before it as `KEY.ron.bak`, which stands in when the newest copy is damaged; a copy neither of
//! which loads is set aside as `KEY.ron.unreadable`, for a person to look at.

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
    /// Why the newest copy could not be read, when this is the one before it.
    pub damaged: Option<String>,
}

/// A copy that could not be read, nor the one before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The copy.
    pub path: PathBuf,
    /// The file it was a copy of, if its origin could be read.
    pub origin: Option<PathBuf>,
    /// Why it could not be read.
    pub error: String,
}

/// What the store holds of crashed windows' work.
#[derive(Debug, Default)]
pub struct Survey {
    /// The copies that load, oldest first.
    pub copies: Vec<Recovered>,
    /// The copies that do not.
    pub unreadable: Vec<Unreadable>,
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

    /// The key of a document in this process: from its file's absolute path and this process's
    /// id (two windows on one file keep a copy each, and one's save never removes the other's),
    /// or unique to this run for an untitled one.
    pub fn key_for(path: Option<&Path>) -> String {
        match path.and_then(|p| std::path::absolute(p).ok()) {
            Some(absolute) => format!(
                "file-{:016x}-{}",
                fnv1a(absolute.to_string_lossy().as_bytes()),
                std::process::id()
            ),
            None => {
                let nanos = SystemTime::now()
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos());
                format!("untitled-{}-{nanos}", std::process::id())
            }
        }
    }

    /// Whether `a` and `b` are copies of the same file (by whichever process).
    pub fn same_document(a: &str, b: &str) -> bool {
        document_of(a) == document_of(b)
    }

    /// Whether another running Schemaboard holds unsaved changes to `path`.
    pub fn open_elsewhere(&self, path: &Path) -> bool {
        let ours = Self::key_for(Some(path));
        let Ok(entries) = std::fs::read_dir(&self.folder) else {
            return false;
        };
        entries.flatten().any(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".ron").is_some_and(|key| {
                key != ours && Self::same_document(key, &ours) && held_by_a_live_process(key)
            })
        })
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

    /// Every copy in the store that loads, oldest first (see [`Self::survey`]).
    pub fn leftovers(&self) -> Vec<Recovered> {
        self.survey().copies
    }

    /// Every copy in the store a crash left (not a running window's): those that load, the
    /// newest copy or else the one before it, oldest first; and those that do not.
    pub fn survey(&self) -> Survey {
        let mut survey = Survey::default();
        let Ok(entries) = std::fs::read_dir(&self.folder) else {
            return survey;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(key) = path
                .extension()
                .filter(|extension| *extension == "ron")
                .and(path.file_stem())
                .map(|stem| stem.to_string_lossy().into_owned())
            else {
                continue;
            };
            if held_by_a_live_process(&key) {
                // Another window's unsaved work, not a crash's: it is still being edited.
                continue;
            }
            let origin = std::fs::read_to_string(self.origin_file(&key))
                .ok()
                .filter(|text| !text.is_empty())
                .map(PathBuf::from);
            let (schema, damaged, read) = match super::load(&path) {
                Ok(schema) => (schema, None, path.clone()),
                Err(newest) => {
                    let before = super::backup_path(&path);
                    match super::load(&before) {
                        Ok(schema) => (schema, Some(newest.to_string()), before),
                        Err(_) => {
                            survey.unreadable.push(Unreadable {
                                path,
                                origin,
                                error: newest.to_string(),
                            });
                            continue;
                        }
                    }
                }
            };
            let saved_at = std::fs::metadata(&read).and_then(|m| m.modified()).ok();
            survey.copies.push(Recovered {
                schema,
                origin,
                saved_at,
                key,
                damaged,
            });
        }
        survey.copies.sort_by_key(|r| r.saved_at);
        survey
    }

    /// Moves an unreadable copy (and its origin) out of the way, so it is reported once and
    /// kept; returns where the copy now is.
    pub fn set_aside(&self, copy: &Unreadable) -> io::Result<PathBuf> {
        let mut moved = copy.path.clone().into_os_string();
        moved.push(".unreadable");
        let moved = PathBuf::from(moved);
        std::fs::rename(&copy.path, &moved)?;
        if let Some(key) = copy.path.file_stem() {
            let origin = self.origin_file(&key.to_string_lossy());
            let mut aside = origin.clone().into_os_string();
            aside.push(".unreadable");
            let _ = std::fs::rename(origin, aside);
        }
        Ok(moved)
    }
}

/// `file-HASH` of a key `file-HASH-PID`; any other key is its own document.
fn document_of(key: &str) -> &str {
    match key
        .strip_prefix("file-")
        .and_then(|rest| rest.split_once('-'))
    {
        Some((hash, _)) => &key[.."file-".len() + hash.len()],
        None => key,
    }
}

/// Whether the process that wrote the copy under `key` (`file-HASH-PID`) is another one that is
/// still running. A copy in our own process's name is a crashed earlier run's that had our id.
fn held_by_a_live_process(key: &str) -> bool {
    let pid = key
        .strip_prefix("file-")
        .and_then(|rest| rest.split_once('-'))
        .and_then(|(_, pid)| pid.parse::<u32>().ok());
    pid.is_some_and(|pid| pid != std::process::id() && process_running(pid))
}

#[cfg(target_os = "linux")]
fn process_running(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_running(_: u32) -> bool {
    // No cheap portable way to ask: offering a live window's copy beats losing a dead one's.
    false
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

    fn small_model(size: usize, seed: u64) -> Schema {
        crate::synth::generate(crate::synth::Spec {
            tables: size,
            columns: size,
            queries: 0,
            seed,
        })
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn two_windows_on_one_file_keep_a_copy_each_and_only_a_dead_ones_is_offered() {
        let folder = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(folder.path().join("recovery"));
        let schema = small_model(2, 3);
        let origin = folder.path().join("model.ron");
        let ours = RecoveryStore::key_for(Some(&origin));
        let document = document_of(&ours).to_string();
        // Process 1 (init) is alive: another window still editing. A pid past Linux's limit
        // is a window that crashed.
        let live = format!("{document}-1");
        let crashed = format!("{document}-4194305");
        store.write(&live, &schema, Some(&origin)).unwrap();
        assert!(store.open_elsewhere(&origin), "the other window is said");
        assert!(
            store.leftovers().is_empty(),
            "a live window's copy is not a crash's"
        );
        store.write(&ours, &schema, Some(&origin)).unwrap();
        store.remove(&ours);
        assert!(
            folder
                .path()
                .join("recovery")
                .join(format!("{live}.ron"))
                .exists(),
            "our save leaves the other window's copy alone"
        );
        store.write(&crashed, &schema, Some(&origin)).unwrap();
        let offered: Vec<String> = store.leftovers().into_iter().map(|r| r.key).collect();
        assert_eq!(offered.as_slice(), std::slice::from_ref(&crashed));
        assert!(RecoveryStore::same_document(&crashed, &ours));
        assert!(!RecoveryStore::same_document(
            &crashed,
            &RecoveryStore::key_for(Some(&folder.path().join("other.ron")))
        ));
    }

    #[test]
    fn a_copy_comes_back_with_its_origin_and_goes_when_removed() {
        let folder = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(folder.path().join("recovery"));
        assert!(
            store.leftovers().is_empty(),
            "an absent folder holds nothing"
        );
        let schema = small_model(5, 1);
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
    fn a_damaged_copy_falls_back_to_the_one_before_or_is_set_aside_once() {
        let folder = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(folder.path().join("recovery"));
        let (older, newer) = (small_model(3, 1), small_model(4, 2));
        let origin = folder.path().join("model.ron");
        let key = "file-00000000000000aa-4194305";
        store.write(key, &older, Some(&origin)).unwrap();
        store.write(key, &newer, Some(&origin)).unwrap();
        let copy = store.model_file(key);
        std::fs::write(&copy, "(version: 1, model: (tables: [(").unwrap();
        let survey = store.survey();
        assert!(survey.unreadable.is_empty());
        let [found] = survey.copies.as_slice() else {
            panic!("{survey:?}");
        };
        assert_eq!(found.schema, older, "the copy before the damaged one");
        assert!(found.damaged.as_deref().is_some_and(|e| e.contains("1:")));

        std::fs::write(super::super::backup_path(&copy), "garbage").unwrap();
        let survey = store.survey();
        assert!(survey.copies.is_empty());
        let [unreadable] = survey.unreadable.as_slice() else {
            panic!("{survey:?}");
        };
        assert_eq!(unreadable.origin.as_deref(), Some(origin.as_path()));
        let moved = store.set_aside(unreadable).unwrap();
        assert!(moved.exists() && !copy.exists(), "kept, out of the way");
        let survey = store.survey();
        assert!(survey.copies.is_empty() && survey.unreadable.is_empty());
    }

    #[test]
    fn untitled_documents_get_their_own_keys() {
        assert_ne!(RecoveryStore::key_for(None), RecoveryStore::key_for(None));
    }
}
