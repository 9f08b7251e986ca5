//! The user's preferences, kept between sessions in `settings.ron` in the config folder: the name
//! review comments are signed with, the theme, snapping, which panels are shown. They belong to
//! the person, not the model, so they never go into a `.ron` model.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Schemaboard's folder for the user's own files (`$XDG_CONFIG_HOME/schemaboard`, else
/// `~/.config/schemaboard`).
pub fn config_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))?;
    Some(base.join("schemaboard"))
}

/// The theme chosen in the View menu.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// egui's name for it.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        }
    }

    /// Ours for egui's.
    pub fn from_preference(preference: egui::ThemePreference) -> Self {
        match preference {
            egui::ThemePreference::System => Theme::System,
            egui::ThemePreference::Light => Theme::Light,
            egui::ThemePreference::Dark => Theme::Dark,
        }
    }
}

/// What is remembered. Fields missing from an older file take their defaults, and unknown ones
/// (from a newer version) are ignored, so the file never stops the app from starting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "Stored")]
pub struct Settings {
    /// The name review comments are signed with; empty: the login name.
    pub author: String,
    /// The theme.
    pub theme: Theme,
    /// Dragged tables land on the grid.
    pub snap_to_grid: bool,
    /// The comments panel is shown.
    pub show_comments: bool,
    /// The findings panel is shown.
    pub show_findings: bool,
    /// The minimap is shown.
    pub show_minimap: bool,
    /// The sizes the side panels were last given (width, or height for the findings), by panel.
    pub panel_sizes: BTreeMap<String, f32>,
    /// The panels folded to their rail.
    pub folded_panels: BTreeSet<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            author: String::new(),
            theme: Theme::System,
            snap_to_grid: true,
            show_comments: false,
            show_findings: true,
            show_minimap: true,
            panel_sizes: BTreeMap::new(),
            folded_panels: BTreeSet::new(),
        }
    }
}

/// The file as any version wrote it: older versions named the switches by what they turned off
/// (`free_placement`, `hide_findings`, `hide_minimap`).
#[derive(Deserialize)]
#[serde(default)]
struct Stored {
    author: String,
    theme: Theme,
    #[serde(deserialize_with = "present")]
    snap_to_grid: Option<bool>,
    show_comments: bool,
    #[serde(deserialize_with = "present")]
    show_findings: Option<bool>,
    #[serde(deserialize_with = "present")]
    show_minimap: Option<bool>,
    #[serde(deserialize_with = "present")]
    free_placement: Option<bool>,
    #[serde(deserialize_with = "present")]
    hide_findings: Option<bool>,
    #[serde(deserialize_with = "present")]
    hide_minimap: Option<bool>,
    panel_sizes: BTreeMap<String, f32>,
    folded_panels: BTreeSet<String>,
}

/// A switch written as a plain `true`/`false`, which [`Stored`] tells from one not written.
fn present<'de, D: serde::Deserializer<'de>>(switch: D) -> Result<Option<bool>, D::Error> {
    bool::deserialize(switch).map(Some)
}

impl Default for Stored {
    fn default() -> Self {
        let now = Settings::default();
        Stored {
            author: now.author,
            theme: now.theme,
            snap_to_grid: None,
            show_comments: now.show_comments,
            show_findings: None,
            show_minimap: None,
            free_placement: None,
            hide_findings: None,
            hide_minimap: None,
            panel_sizes: now.panel_sizes,
            folded_panels: now.folded_panels,
        }
    }
}

impl From<Stored> for Settings {
    fn from(stored: Stored) -> Self {
        let defaults = Settings::default();
        let either = |now: Option<bool>, before: Option<bool>, default: bool| {
            now.or(before.map(|off| !off)).unwrap_or(default)
        };
        Settings {
            author: stored.author,
            theme: stored.theme,
            snap_to_grid: either(
                stored.snap_to_grid,
                stored.free_placement,
                defaults.snap_to_grid,
            ),
            show_comments: stored.show_comments,
            show_findings: either(
                stored.show_findings,
                stored.hide_findings,
                defaults.show_findings,
            ),
            show_minimap: either(
                stored.show_minimap,
                stored.hide_minimap,
                defaults.show_minimap,
            ),
            // A size that is not a number of points is left out: the panel's default is used.
            panel_sizes: stored
                .panel_sizes
                .into_iter()
                .filter(|(_, size)| size.is_finite() && *size > 0.0)
                .collect(),
            folded_panels: stored.folded_panels,
        }
    }
}

impl Settings {
    /// Reads `path`; a missing or unreadable file gives the defaults (with the reason, for a file
    /// that exists but cannot be read, so it can be reported without stopping the app).
    pub fn load(path: &Path) -> (Settings, Option<String>) {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Default::default(),
            Err(e) => {
                return (
                    Settings::default(),
                    Some(format!("{}: {e}", path.display())),
                );
            }
        };
        match ron::from_str(&text) {
            Ok(settings) => (settings, None),
            Err(e) => (
                Settings::default(),
                Some(format!(
                    "{}:{}:{}: {}",
                    path.display(),
                    e.span.start.line,
                    e.span.start.col,
                    e.code
                )),
            ),
        }
    }

    /// Writes `path` atomically, making its folder when needed.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        crate::io::write_atomically(path, |out| out.write_all(text.as_bytes()))
    }

    /// The settings file of this user, if there is a config folder.
    pub fn user_file() -> Option<PathBuf> {
        config_dir().map(|dir| dir.join("settings.ron"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_survive_a_save_and_load() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("nested").join("settings.ron");
        let settings = Settings {
            author: "Ada \"the reviewer\" Lovelace".to_string(),
            theme: Theme::Dark,
            snap_to_grid: false,
            show_comments: true,
            show_findings: true,
            show_minimap: false,
            panel_sizes: [("inspector-table".to_string(), 432.5)].into(),
            folded_panels: ["comments".to_string()].into(),
        };
        settings.save(&path).unwrap();
        assert_eq!(Settings::load(&path), (settings, None));
    }

    #[test]
    fn a_missing_file_gives_the_defaults_and_a_broken_one_says_where() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("settings.ron");
        assert_eq!(Settings::load(&path), (Settings::default(), None));
        std::fs::write(&path, "(author: \"a\",\n theme: Purple)").unwrap();
        let (settings, problem) = Settings::load(&path);
        assert_eq!(settings, Settings::default());
        let problem = problem.unwrap();
        assert!(problem.contains("settings.ron:2:"), "{problem}");
    }

    #[test]
    fn fields_from_an_older_or_newer_version_do_not_stop_loading() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("settings.ron");
        std::fs::write(&path, "(author: \"bo\", zoom_speed: 3)").unwrap();
        let (settings, problem) = Settings::load(&path);
        assert_eq!(problem, None);
        assert_eq!(settings.author, "bo");
        assert_eq!(settings.theme, Theme::System);
    }

    #[test]
    fn an_older_file_that_said_what_was_switched_off_reads_the_same() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("settings.ron");
        std::fs::write(
            &path,
            "(free_placement: true, hide_findings: false, hide_minimap: true)",
        )
        .unwrap();
        let (settings, problem) = Settings::load(&path);
        assert_eq!(problem, None);
        assert!(!settings.snap_to_grid);
        assert!(settings.show_findings);
        assert!(!settings.show_minimap);
        assert_eq!(
            Settings::load(&folder.path().join("none")).0,
            Settings::default()
        );
        assert!(Settings::default().snap_to_grid && Settings::default().show_minimap);
    }
}
