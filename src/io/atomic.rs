//! Atomic file replacement: a save either fully happens or leaves the old file as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// `name.ron` → `name.ron.bak`: where the previous version of a saved file is kept.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Replaces `path` with what `write` produces, atomically, keeping the previous file as
/// [`backup_path`].
///
/// The content goes to a temporary file in the same folder (so the rename cannot cross file
/// systems), is synced to disk, and only then renamed over `path`; the folder is synced last so
/// the rename itself survives a power cut. If `write` or any step before the rename fails, the
/// temporary file is removed and `path` is untouched.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let temporary = folder.join(format!(
        ".{}.tmp-{}-{}",
        file_name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)?;
    let written = write_and_sync(&mut file, write, path);
    drop(file);
    if let Err(error) = written {
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }
    if path.exists()
        && let Err(error) = keep_backup(path)
    {
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }
    if let Err(error) = fs::rename(&temporary, path) {
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }
    sync_folder(&folder);
    Ok(())
}

fn write_and_sync(
    file: &mut File,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    original: &Path,
) -> io::Result<()> {
    {
        let mut buffered = io::BufWriter::new(&mut *file);
        write(&mut buffered)?;
        buffered.flush()?;
    }
    if let Ok(metadata) = fs::metadata(original) {
        // Someone who made their model read-only for the group keeps it that way.
        file.set_permissions(metadata.permissions())?;
    }
    file.sync_all()
}

fn keep_backup(path: &Path) -> io::Result<()> {
    let backup = backup_path(path);
    match fs::remove_file(&backup) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(error),
    }
    // A hard link costs nothing and is exactly the old bytes; copy where links are not allowed.
    if fs::hard_link(path, &backup).is_err() {
        fs::copy(path, &backup)?;
    }
    Ok(())
}

fn sync_folder(folder: &Path) {
    // Folders cannot be opened for syncing on every platform; the data itself is already synced.
    if let Ok(handle) = File::open(folder) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_writer_leaves_the_old_file_and_no_debris() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("model.ron");
        fs::write(&path, "old contents").unwrap();
        let result = write_atomically(&path, |out| {
            out.write_all(b"half of the new cont")?;
            Err(io::Error::other("disk full"))
        });
        assert_eq!(result.unwrap_err().to_string(), "disk full");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old contents");
        let names: Vec<_> = fs::read_dir(folder.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["model.ron"], "no temporary or backup file is left");
    }

    #[test]
    fn a_successful_write_replaces_the_file_and_keeps_a_backup() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("model.ron");
        write_atomically(&path, |out| out.write_all(b"first")).unwrap();
        assert!(
            !backup_path(&path).exists(),
            "nothing to back up the first time"
        );
        write_atomically(&path, |out| out.write_all(b"second")).unwrap();
        write_atomically(&path, |out| out.write_all(b"third")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "third");
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "second");
        assert_eq!(
            backup_path(&path).file_name().unwrap(),
            "model.ron.bak",
            "the backup sits beside the file"
        );
    }

    #[test]
    fn a_bare_file_name_writes_in_the_current_folder() {
        assert_eq!(backup_path(Path::new("m.ron")), PathBuf::from("m.ron.bak"));
    }
}
