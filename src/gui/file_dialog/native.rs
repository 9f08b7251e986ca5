//! The system's file dialog (through rfd): whether the desktop has one, and what came of it.
//!
//! On Linux rfd asks the desktop portal over D-Bus and falls back to zenity; where neither is
//! there it logs an error and returns "no file", which reads like a cancel. So the app looks for
//! them before asking, and a logger catches rfd's errors while a dialog is up, so that a failure
//! is told from a cancel and said.

use super::FileRequest;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// What the system's dialog gave.
#[derive(Debug, PartialEq)]
pub enum Native {
    /// A file.
    Picked(PathBuf),
    /// The user closed it.
    Cancelled,
    /// It could not be shown; why.
    Failed(String),
}

/// `SCHEMABOARD_FILE_DIALOG=builtin` always uses the dialog drawn in the window, `native` always
/// the system's; otherwise the system's where the desktop has one.
pub fn available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(
        || match std::env::var("SCHEMABOARD_FILE_DIALOG").as_deref() {
            Ok("builtin") => false,
            Ok("native") => true,
            _ => desktop_has_a_dialog(),
        },
    )
}

#[cfg(all(unix, not(target_os = "macos")))]
fn desktop_has_a_dialog() -> bool {
    on_path("zenity") || (session_bus() && portal_installed())
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn desktop_has_a_dialog() -> bool {
    true
}

#[cfg(all(unix, not(target_os = "macos")))]
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// A D-Bus session bus to ask the portal on.
#[cfg(all(unix, not(target_os = "macos")))]
fn session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| Path::new(&dir).join("bus").exists())
}

/// The portal's D-Bus service, which the bus starts when asked (looked for where D-Bus looks).
#[cfg(all(unix, not(target_os = "macos")))]
fn portal_installed() -> bool {
    let data_dirs = std::env::var("XDG_DATA_DIRS")
        .ok()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".to_string());
    let home_data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")));
    data_dirs
        .split(':')
        .map(PathBuf::from)
        .chain(home_data)
        .any(|dir| {
            dir.join("dbus-1/services/org.freedesktop.portal.Desktop.service")
                .is_file()
        })
}

/// Shows the system's dialog for `request`, starting in `folder`; blocks until it closes.
pub fn choose(request: &FileRequest, folder: Option<&Path>) -> Native {
    let mut dialog = rfd::FileDialog::new().set_title(request.title());
    for filter in &request.filters {
        dialog = dialog.add_filter(filter.name, filter.extensions);
    }
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    if let Some(name) = &request.file_name {
        dialog = dialog.set_file_name(name);
    }
    errors().lock().map(|mut e| e.clear()).ok();
    let picked = if request.saves() {
        dialog.save_file()
    } else {
        dialog.pick_file()
    };
    match picked {
        Some(path) => Native::Picked(path),
        None => {
            let failed = errors().lock().map(|mut e| std::mem::take(&mut *e));
            match failed {
                Ok(errors) if !errors.is_empty() => Native::Failed(errors.join("; ")),
                _ => Native::Cancelled,
            }
        }
    }
}

fn errors() -> &'static Mutex<Vec<String>> {
    static ERRORS: OnceLock<Mutex<Vec<String>>> = OnceLock::new();
    ERRORS.get_or_init(Default::default)
}

/// Writes warnings and errors to stderr, and keeps rfd's errors for [`choose`]. Installed once,
/// when the window opens; if another logger came first, failures read as cancels, as before.
pub fn install_logger() {
    static LOGGER: DialogLog = DialogLog;
    if log::set_logger(&LOGGER).is_ok() {
        log::set_max_level(log::LevelFilter::Warn);
    }
}

struct DialogLog;

impl log::Log for DialogLog {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.level() <= log::Level::Warn
    }

    fn log(&self, record: &log::Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        if record.level() == log::Level::Error
            && record.target().starts_with("rfd")
            && let Ok(mut errors) = errors().lock()
        {
            errors.push(record.args().to_string());
        }
        eprintln!("{}: {}", record.target(), record.args());
    }

    fn flush(&self) {}
}
