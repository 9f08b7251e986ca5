//! Every action with a key, in one table: its label, its keys, where the keys work, when it is
//! available and the command it runs. The menus, the app's shortcuts and the canvas's keys all
//! read it, so a key is named once and a menu always shows the key that works.

use super::commands::AppCommand;
use super::document::Document;
use super::view_state::ViewState;
use crate::model::Point;
use egui::{Key, KeyboardShortcut, Modifiers};

/// The actions, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// A new, empty model.
    New,
    /// Open a model.
    Open,
    /// Save the model.
    Save,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Find a table or column.
    Find,
    /// Select every table.
    SelectAll,
    /// Start or stop presenting.
    Present,
    /// A table where the pointer is.
    AddTable,
    /// A note where the pointer is.
    AddNote,
    /// Fit the whole diagram in the view.
    FitAll,
    /// Fit the selected tables in the view.
    ZoomToSelection,
    /// One step closer.
    ZoomIn,
    /// One step further out.
    ZoomOut,
    /// Back to 100 %.
    ActualSize,
    /// Delete what is selected.
    Delete,
    /// While presenting: the next named view.
    NextView,
    /// While presenting: the previous named view.
    PreviousView,
    /// While presenting: stop.
    StopPresenting,
    /// While presenting: show or hide the findings' markers.
    MarkFindings,
}

/// Where an action's keys work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere in the window, unless a text field has the keys.
    Window,
    /// On the canvas: plain keys, so only where no text field or other widget has the keys.
    Canvas,
    /// While presenting.
    Presenting,
}

/// One row of the table.
#[derive(Debug)]
pub struct Row {
    /// The action.
    pub action: Action,
    /// What the menu says.
    pub label: &'static str,
    /// Its keys; the first is the one menus show.
    pub keys: &'static [KeyboardShortcut],
    /// Where they work.
    pub scope: Scope,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const NONE: Modifiers = Modifiers::NONE;

/// The table. Where two rows share a key, the one with more modifiers comes first (egui ignores
/// extra Shift: Ctrl+Shift+Z must be read before Ctrl+Z).
pub const TABLE: &[Row] = &[
    Row {
        action: Action::New,
        label: "New",
        keys: &[key(CMD, Key::N)],
        scope: Scope::Window,
    },
    Row {
        action: Action::Open,
        label: "Open…",
        keys: &[key(CMD, Key::O)],
        scope: Scope::Window,
    },
    Row {
        action: Action::Save,
        label: "Save",
        keys: &[key(CMD, Key::S)],
        scope: Scope::Window,
    },
    Row {
        action: Action::Redo,
        label: "Redo",
        keys: &[key(CMD.plus(Modifiers::SHIFT), Key::Z), key(CMD, Key::Y)],
        scope: Scope::Window,
    },
    Row {
        action: Action::Undo,
        label: "Undo",
        keys: &[key(CMD, Key::Z)],
        scope: Scope::Window,
    },
    Row {
        action: Action::Find,
        label: "Find…",
        keys: &[key(CMD, Key::F)],
        scope: Scope::Window,
    },
    Row {
        action: Action::SelectAll,
        label: "Select all",
        keys: &[key(CMD, Key::A)],
        scope: Scope::Window,
    },
    Row {
        action: Action::Present,
        label: "Present",
        keys: &[key(NONE, Key::F5)],
        scope: Scope::Window,
    },
    Row {
        action: Action::AddTable,
        label: "Add table",
        keys: &[key(NONE, Key::T)],
        scope: Scope::Canvas,
    },
    Row {
        action: Action::AddNote,
        label: "Add note",
        keys: &[key(NONE, Key::N)],
        scope: Scope::Canvas,
    },
    Row {
        action: Action::FitAll,
        label: "Fit all",
        keys: &[key(NONE, Key::F), key(NONE, Key::Home)],
        scope: Scope::Canvas,
    },
    Row {
        action: Action::ZoomToSelection,
        label: "Zoom to selection",
        keys: &[key(NONE, Key::Z)],
        scope: Scope::Canvas,
    },
    Row {
        action: Action::ZoomIn,
        label: "Zoom in",
        keys: &[
            key(CMD, Key::Plus),
            key(CMD, Key::Equals),
            key(NONE, Key::Plus),
            key(NONE, Key::Equals),
        ],
        scope: Scope::Canvas,
    },
    Row {
        action: Action::ZoomOut,
        label: "Zoom out",
        keys: &[key(CMD, Key::Minus), key(NONE, Key::Minus)],
        scope: Scope::Canvas,
    },
    Row {
        action: Action::ActualSize,
        label: "Actual size",
        keys: &[key(CMD, Key::Num0), key(NONE, Key::Num0)],
        scope: Scope::Canvas,
    },
    Row {
        action: Action::Delete,
        label: "Delete",
        keys: &[key(NONE, Key::Delete), key(NONE, Key::Backspace)],
        scope: Scope::Canvas,
    },
    Row {
        action: Action::NextView,
        label: "Next view",
        keys: &[
            key(NONE, Key::ArrowRight),
            key(NONE, Key::ArrowDown),
            key(NONE, Key::PageDown),
            key(NONE, Key::Space),
        ],
        scope: Scope::Presenting,
    },
    Row {
        action: Action::PreviousView,
        label: "Previous view",
        keys: &[
            key(NONE, Key::ArrowLeft),
            key(NONE, Key::ArrowUp),
            key(NONE, Key::PageUp),
        ],
        scope: Scope::Presenting,
    },
    Row {
        action: Action::StopPresenting,
        label: "Stop presenting",
        keys: &[key(NONE, Key::Escape)],
        scope: Scope::Presenting,
    },
    Row {
        action: Action::MarkFindings,
        label: "Mark findings",
        keys: &[key(NONE, Key::M)],
        scope: Scope::Presenting,
    },
];

/// What the actions' conditions and commands read.
pub struct Context<'a> {
    /// The model.
    pub document: &'a Document,
    /// The view.
    pub view: &'a ViewState,
    /// Where a new table or note lands (scene units): under the pointer, else mid-canvas.
    pub at: Point,
}

impl Action {
    /// Its row.
    pub fn row(self) -> &'static Row {
        TABLE
            .iter()
            .find(|row| row.action == self)
            .expect("every action has a row")
    }

    /// Whether it can run now.
    pub fn enabled(self, cx: &Context<'_>) -> bool {
        let selection = &cx.view.selection;
        match self {
            Action::Undo => cx.document.history().undo_label().is_some(),
            Action::Redo => cx.document.history().redo_label().is_some(),
            Action::ZoomToSelection => !selection.tables.is_empty(),
            Action::Delete => {
                !selection.tables.is_empty()
                    || selection.note.is_some()
                    || selection.group.is_some()
            }
            _ => true,
        }
    }

    /// The command it runs.
    pub fn command(self, cx: &Context<'_>) -> AppCommand {
        match self {
            Action::New => AppCommand::New,
            Action::Open => AppCommand::Open,
            Action::Save => AppCommand::Save,
            Action::Undo => AppCommand::Undo,
            Action::Redo => AppCommand::Redo,
            Action::Find => AppCommand::Search,
            Action::SelectAll => AppCommand::SelectAll,
            Action::Present => AppCommand::Present(!cx.view.presenting),
            Action::AddTable => AppCommand::AddTableAt(cx.at),
            Action::AddNote => AppCommand::AddNoteAt(cx.at),
            Action::FitAll => AppCommand::FitAll,
            Action::ZoomToSelection => AppCommand::ZoomToSelection,
            Action::ZoomIn => AppCommand::ZoomStep(1),
            Action::ZoomOut => AppCommand::ZoomStep(-1),
            Action::ActualSize => AppCommand::ZoomStep(0),
            Action::Delete => AppCommand::DeleteSelection,
            Action::NextView => AppCommand::StepView(true),
            Action::PreviousView => AppCommand::StepView(false),
            Action::StopPresenting => AppCommand::Present(false),
            Action::MarkFindings => AppCommand::MarkFindings(!cx.view.presenting_findings),
        }
    }
}

/// The commands of the actions in `scope` whose keys were pressed this frame (consumed, so a
/// key runs one action), for those available now.
pub fn pressed(input: &mut egui::InputState, scope: Scope, cx: &Context<'_>) -> Vec<AppCommand> {
    let mut commands = Vec::new();
    for row in TABLE.iter().filter(|row| row.scope == scope) {
        // Every key of the row is consumed, not just the first that matches.
        let mut hit = false;
        for key in row.keys {
            hit |= input.consume_shortcut(key);
        }
        if hit && row.action.enabled(cx) {
            commands.push(row.action.command(cx));
        }
    }
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_runs_two_actions() {
        // Every scope is live together with the window's, and the canvas's while presenting.
        for (i, a) in TABLE.iter().enumerate() {
            for b in &TABLE[i + 1..] {
                for key in a.keys {
                    assert!(
                        !b.keys.contains(key),
                        "{:?} and {:?} share {key:?}",
                        a.action,
                        b.action
                    );
                }
            }
        }
        for row in TABLE {
            assert_eq!(row.action.row().label, row.label, "one row per action");
        }
    }
}
