//! Atomic file replacement: a save either fully happens or leaves the old file as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// The longest file name most file systems take (ext4, XFS, Btrfs, APFS, NTFS), in bytes.
const NAME_MAX: usize = 255;

/// `name.ron` → `name.ron.bak`: where the previous version of a saved file is kept. A name so
/// long that `.bak` would pass the file system's limit keeps what fits of it.
pub fn backup_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let kept = cut(&name, NAME_MAX - ".bak".len());
    path.with_file_name(format!("{kept}.bak"))
}

/// Whether `path` is a file nobody may write (mode 0444, a read-only attribute): someone meant
/// it to stay as it is, so saving over it (which the folder allows) is asked first.
pub fn read_only(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().readonly())
}

/// The start of `name` that fits in `room` bytes, cut at a character boundary.
fn cut(name: &str, room: usize) -> &str {
    let mut end = name.len().min(room);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// The start of a temporary file's name for saves of `file_name`: `.name.tmp-`, with the name
/// cut so that the process id and counter after it (ten digits each at most) still fit.
fn temporary_prefix(file_name: &str) -> String {
    format!(
        ".{}.tmp-",
        cut(file_name, NAME_MAX - ".".len() - ".tmp-".len() - 21)
    )
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
    // Through a symbolic link, the file it names is replaced; the link stays a link.
    let target = link_target(path)?;
    let path = target.as_deref().unwrap_or(path);
    // A device, FIFO or socket (`/dev/null`, `/dev/stdout`) is written to, never renamed over.
    if let Ok(meta) = fs::metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        let mut file = OpenOptions::new().write(true).open(path)?;
        write(&mut file)?;
        return file.flush();
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let temporary = folder.join(format!(
        "{}{}-{}",
        temporary_prefix(&file_name.to_string_lossy()),
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
    sweep_stale_temporaries(&folder, &file_name.to_string_lossy());
    Ok(())
}

/// The file a symbolic link at `path` names (following links to the end), when it is one.
fn link_target(path: &Path) -> io::Result<Option<PathBuf>> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if next.is_relative() => parent.join(next),
                    _ => next,
                };
            }
            _ => return Ok((current != path).then_some(current)),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Removes the temporary files of saves of `file_name` that were killed before their rename (a
/// crash, a power cut): those whose process is gone. Our own process's are left alone, since
/// another thread may be saving.
fn sweep_stale_temporaries(folder: &Path, file_name: &str) {
    let prefix = temporary_prefix(file_name);
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, counter)| {
                counter.parse::<u32>().ok()?;
                pid.parse::<u32>().ok()
            })
        else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid, &entry) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(target_os = "linux")]
fn process_alive(pid: u32, _: &fs::DirEntry) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_alive(_: u32, entry: &fs::DirEntry) -> bool {
    // No cheap portable way to ask: a save takes seconds, so a day-old temporary file is dead.
    let day = std::time::Duration::from_secs(24 * 3600);
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age < day)
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
    fn a_link_keeps_pointing_at_the_file_it_names_and_a_device_is_written_through() {
        let folder = tempfile::tempdir().unwrap();
        let real = folder.path().join("real.ron");
        std::fs::write(&real, "old").unwrap();
        let link = folder.path().join("link.ron");
        std::os::unix::fs::symlink("real.ron", &link).unwrap();
        write_atomically(&link, |out| out.write_all(b"new")).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(backup_path(&real)).unwrap(), "old");
        let null = Path::new("/dev/null");
        write_atomically(null, |out| out.write_all(b"nothing")).unwrap();
        let meta = std::fs::metadata(null).unwrap();
        assert!(!meta.is_file(), "still a device");
    }

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
    fn a_file_name_as_long_as_the_file_system_takes_saves_and_keeps_a_backup() {
        let folder = tempfile::tempdir().unwrap();
        for length in [240, 251] {
            let path = folder.path().join(format!("{}.ron", "m".repeat(length)));
            write_atomically(&path, |out| out.write_all(b"first")).unwrap();
            write_atomically(&path, |out| out.write_all(b"second")).unwrap();
            assert_eq!(fs::read_to_string(&path).unwrap(), "second");
            assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "first");
        }
    }

    #[test]
    fn a_save_sweeps_up_what_killed_saves_left_but_not_live_ones() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("model.ron");
        // No process has a pid this high (Linux's maximum is 2^22).
        let dead = folder.path().join(".model.ron.tmp-999999999-3");
        let ours = folder
            .path()
            .join(format!(".model.ron.tmp-{}-77", std::process::id()));
        let other_file = folder.path().join(".other.ron.tmp-999999999-0");
        let not_ours = folder.path().join(".model.ron.tmp-notes");
        for debris in [&dead, &ours, &other_file, &not_ours] {
            fs::write(debris, "half a save").unwrap();
        }
        write_atomically(&path, |out| out.write_all(b"whole")).unwrap();
        assert!(!dead.exists(), "a dead process's temporary file is removed");
        assert!(ours.exists(), "this process may still be writing its own");
        assert!(other_file.exists(), "another model's saves are not touched");
        assert!(
            not_ours.exists(),
            "a file not named like a temporary is kept"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "whole");
    }

    #[test]
    fn a_bare_file_name_writes_in_the_current_folder() {
        assert_eq!(backup_path(Path::new("m.ron")), PathBuf::from("m.ron.bak"));
        // A name near the limit: the backup and the temporary file fit it too.
        let long = format!("{}é.ron", "m".repeat(248));
        let backup = backup_path(Path::new(&long));
        let backup_name = backup.file_name().unwrap().to_string_lossy().into_owned();
        assert!(backup_name.len() <= NAME_MAX && backup_name.ends_with(".bak"));
        assert!(temporary_prefix(&long).len() + 21 <= NAME_MAX);
    }
}
