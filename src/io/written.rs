//! Which files an `-o` wrote, so that a later `-o` replaces those and nothing else: a record of
//! each written file's path and a hash of what was written, in the user's state folder. A file
//! not in the record, or changed since (by hand, by another program), is not ours to replace
//! without `--force`, and a model not even then unless asked.

use std::path::{Path, PathBuf};

/// Where the record lives: `$SCHEMABOARD_STATE_DIR`, else `$XDG_STATE_HOME/schemaboard`, else
/// `~/.local/state/schemaboard`.
fn record_path() -> Option<PathBuf> {
    let folder = std::env::var_os("SCHEMABOARD_STATE_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("XDG_STATE_HOME").map(|s| PathBuf::from(s).join("schemaboard"))
        })
        .or_else(|| {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state/schemaboard"))
        })?;
    Some(folder.join("written-files"))
}

/// FNV-1a, 64 bits: stable across builds, which the standard hasher is not promised to be.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn key(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .replace(['\n', '\t'], " ")
}

fn entries(record: Option<&Path>) -> Vec<(String, String)> {
    record
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(h, p)| (h.to_string(), p.to_string()))
        .collect()
}

/// Why `path` may not be replaced by an output, or `Ok` where it may: it does not exist, is not
/// a regular file (a device or FIFO is written through, never replaced), or holds exactly what an
/// earlier output wrote there; anything else (a model included) only with `force`.
pub fn may_replace(path: &Path, force: bool) -> Result<(), String> {
    may_replace_per(record_path().as_deref(), path, force)
}

fn may_replace_per(record: Option<&Path>, path: &Path, force: bool) -> Result<(), String> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if !meta.is_file() {
        return if meta.is_dir() {
            Err(format!("{} is a folder", path.display()))
        } else {
            Ok(())
        };
    }
    let is_model = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    if force {
        return Ok(());
    }
    if is_model {
        return Err(format!(
            "{} is a model; pass --force to replace it with this output (the model is kept as {})",
            path.display(),
            super::backup_path(path).display()
        ));
    }
    let ours = std::fs::read(path).ok().is_some_and(|bytes| {
        let (h, k) = (format!("{:016x}", hash(&bytes)), key(path));
        entries(record).iter().any(|(eh, ek)| *eh == h && *ek == k)
    });
    if ours {
        Ok(())
    } else {
        Err(format!(
            "{} exists and is not a file schemaboard wrote (or it changed since); pass --force to replace it (the old file is kept as {})",
            path.display(),
            super::backup_path(path).display()
        ))
    }
}

/// Notes that `bytes` were just written to `path`. A record that cannot be kept only means the
/// next output there asks for `--force`.
pub fn remember(path: &Path, bytes: &[u8]) {
    if let Some(record) = record_path() {
        remember_in(&record, path, bytes);
    }
}

fn remember_in(record: &Path, path: &Path, bytes: &[u8]) {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return;
    }
    let k = key(path);
    let mut kept: Vec<(String, String)> = entries(Some(record))
        .into_iter()
        .filter(|(_, p)| *p != k)
        .collect();
    kept.push((format!("{:016x}", hash(bytes)), k));
    // The newest thousand are enough to know one's own recent outputs.
    let skip = kept.len().saturating_sub(1000);
    let text: String = kept[skip..]
        .iter()
        .map(|(h, p)| format!("{h}\t{p}\n"))
        .collect();
    if let Some(folder) = record.parent() {
        let _ = std::fs::create_dir_all(folder);
    }
    let _ = super::write_atomically(record, |out| out.write_all(text.as_bytes()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_unchanged_outputs_are_replaced() {
        let folder = tempfile::tempdir().unwrap();
        let record = folder.path().join("state/written-files");
        let may_replace = |path: &Path, force| may_replace_per(Some(&record), path, force);
        let out = folder.path().join("out.sql");
        assert_eq!(may_replace(&out, false), Ok(()), "a new file");
        std::fs::write(&out, "someone's notes").unwrap();
        assert!(may_replace(&out, false).is_err(), "not ours");
        assert_eq!(may_replace(&out, true), Ok(()), "forced");
        std::fs::write(&out, "ours").unwrap();
        remember_in(&record, &out, b"ours");
        assert_eq!(may_replace(&out, false), Ok(()), "ours, unchanged");
        std::fs::write(&out, "ours, edited").unwrap();
        assert!(may_replace(&out, false).is_err(), "changed since");
        let model = folder.path().join("m.ron");
        std::fs::write(&model, "()").unwrap();
        assert!(may_replace(&model, false).is_err(), "a model");
        assert_eq!(may_replace(&model, true), Ok(()), "a model, forced");
        assert_eq!(
            may_replace(Path::new("/dev/null"), false),
            Ok(()),
            "a device"
        );
    }
}
