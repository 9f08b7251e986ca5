//! The editing commands of the canvas and the Edit menu: each is one undoable edit.

use super::App;
use crate::gui::view_state::Notice;
use crate::model::{Edit, Point, clipboard, template};

/// How far a paste lands from the copied tables, so the copy does not hide the original.
const PASTE_OFFSET: f32 = 40.0;

impl App {
    /// Applies `edit` as one undo step; a refused edit is explained in a dialog.
    pub(super) fn apply(&mut self, edit: Edit) -> bool {
        match self.document.apply(edit) {
            Ok(()) => true,
            Err(error) => {
                self.view.dialogs.notice = Some(Notice {
                    title: "That change was not made".to_string(),
                    text: error.to_string(),
                });
                false
            }
        }
    }

    /// Selects a table (and marks the column found in it) and brings it into view.
    pub(super) fn focus(
        &mut self,
        table: crate::model::TableId,
        column: Option<crate::model::ColumnId>,
    ) {
        self.view.selection.tables = std::iter::once(table).collect();
        self.view.selection.column = column;
        // Centred by the canvas in the next frame, once the inspector this selection opens has
        // taken its share of the window.
        self.view.canvas.focus = Some((table, 1));
    }

    pub(super) fn add_table_at(&mut self, at: Point) {
        let schema = self.document.schema();
        let case = crate::check::case_for_new_names(schema);
        let shown = self.shown_view();
        let (edit, id) = Edit::with_new_ids(schema, |ids| {
            let table = template::new_table(schema, ids, at, case);
            let id = table.id;
            let index = schema.tables.len();
            let mut edit = Edit::AddTable { table, index };
            // Drawn in a named view, the table joins that view too, in the same step.
            if let Some(i) = shown {
                let mut views = schema.views.clone();
                views[i].tables.push((id, at));
                edit = Edit::Batch(vec![edit, Edit::SetViews(views)]);
            }
            (edit, id)
        });
        if self.apply(edit) {
            self.view.selection.tables = [id].into();
            self.view.panels.inspector.focus_name = true;
            self.view.canvas.reveal = Some((id, 2));
        }
    }

    pub(super) fn add_note_at(&mut self, at: Point) {
        let schema = self.document.schema();
        let (edit, id) = Edit::with_new_ids(schema, |ids| {
            let note = crate::model::Note {
                id: ids.allocate(),
                text: "Note".to_string(),
                position: at,
                width: 200.0,
                color: None,
            };
            let id = note.id;
            let index = schema.notes.len();
            (Edit::AddNote { note, index }, id)
        });
        if self.apply(edit) {
            self.view.selection.tables.clear();
            self.view.selection.group = None;
            self.view.selection.note = Some(id);
        }
    }

    /// A new group of the selected tables, named "Group N", in the next of the palette's group colours.
    pub(super) fn group_selection(&mut self) {
        use crate::scene::palette::GROUP_COLORS;
        let schema = self.document.schema();
        let tables: Vec<_> = self
            .view
            .selection
            .tables
            .iter()
            .filter_map(|id| schema.table(*id).map(|t| (t.id, t.info())))
            .collect();
        if tables.is_empty() {
            return;
        }
        let taken = |name: &str| schema.groups.iter().any(|g| g.name == name);
        let name = template::first_free((1..).map(|n| format!("Group {n}")), taken);
        let color = GROUP_COLORS[schema.groups.len() % GROUP_COLORS.len()];
        let (edit, id) = Edit::with_new_ids(schema, |ids| {
            let group = crate::model::Group {
                id: ids.allocate(),
                name,
                color,
                comment: String::new(),
                area: None,
            };
            let id = group.id;
            let mut edits = vec![Edit::AddGroup {
                group,
                index: schema.groups.len(),
            }];
            edits.extend(tables.into_iter().map(|(table, info)| Edit::SetTableInfo {
                table,
                info: crate::model::TableInfo {
                    group: Some(id),
                    ..info
                },
            }));
            (Edit::Batch(edits), id)
        });
        if self.apply(edit) {
            self.view.selection.tables.clear();
            self.view.selection.group = Some(id);
        }
    }

    /// The named view shown, if it exists.
    pub(super) fn shown_view(&self) -> Option<usize> {
        self.view
            .active_view
            .filter(|i| *i < self.document.schema().views.len())
    }

    /// A view of the selected tables (and nothing else), each where it is now, shown at once.
    pub(super) fn new_view_from_selection(&mut self) {
        let schema = self.document.schema();
        let tables: Vec<_> = schema
            .tables
            .iter()
            .filter(|t| self.view.selection.tables.contains(&t.id))
            .map(|t| (t.id, t.position))
            .collect();
        if tables.is_empty() {
            return;
        }
        let taken = |name: &str| schema.views.iter().any(|v| v.name == name);
        let name = template::first_free((1..).map(|n| format!("View {n}")), taken);
        let mut views = schema.views.clone();
        views.push(crate::model::views::View {
            name,
            tables,
            notes: Vec::new(),
            zoom: None,
            detail: crate::model::views::Detail::Full,
        });
        let index = views.len() - 1;
        if self.apply(Edit::SetViews(views)) {
            self.show_view(Some(index));
        }
    }

    /// Shows a named view (or the whole model), fitted or at the view's zoom.
    pub(super) fn show_view(&mut self, index: Option<usize>) {
        self.view.active_view = index.filter(|i| *i < self.document.schema().views.len());
        self.view.selection.tables.clear();
        self.view.selection.note = None;
        self.view.selection.group = None;
        // Fitted on the next frame, with the view's own scene.
        self.view.canvas.fitted = false;
    }

    pub(super) fn delete_selection(&mut self) {
        // A relationship selected by its line goes first: the table stays.
        if let Some(foreign_key) = self.view.selection.fk.take() {
            self.apply(Edit::RemoveForeignKey { foreign_key });
            return;
        }
        // In a named view, Delete takes tables out of the view; the model keeps them.
        if let Some(i) = self.shown_view()
            && !self.view.selection.tables.is_empty()
        {
            let mut views = self.document.schema().views.clone();
            views[i]
                .tables
                .retain(|(id, _)| !self.view.selection.tables.contains(id));
            if self.apply(Edit::SetViews(views)) {
                self.view.selection.tables.clear();
            }
            return;
        }
        if let Some(note) = self.view.selection.note.take() {
            self.apply(Edit::RemoveNote { note });
            return;
        }
        if let Some(group) = self.view.selection.group.take() {
            self.apply(Edit::RemoveGroup { group });
            return;
        }
        let edits: Vec<Edit> = self
            .view
            .selection
            .tables
            .iter()
            .filter(|id| self.document.schema().table(**id).is_some())
            .map(|id| Edit::RemoveTable { table: *id })
            .collect();
        if !edits.is_empty() && self.apply(Edit::Batch(edits)) {
            self.view.selection.tables.clear();
        }
    }

    /// Puts the selected tables on the clipboard (ours, and the system's as text).
    pub(super) fn copy(&mut self, ctx: &egui::Context) {
        if self.view.selection.tables.is_empty() {
            return;
        }
        let ids: Vec<_> = self.view.selection.tables.iter().copied().collect();
        let text = clipboard::copy(self.document.schema(), &ids);
        ctx.copy_text(text.clone());
        self.view.clipboard = Some(text);
        self.view.pastes = 0;
    }

    /// Pastes tables copied from this or another model; other text is ignored.
    pub(super) fn paste(&mut self, text: &str) {
        let clip = clipboard::read(text)
            .or_else(|| self.view.clipboard.as_deref().and_then(clipboard::read));
        let Some(clip) = clip else {
            return;
        };
        // Each paste of the same copy lands a step further, so none hides another.
        self.view.pastes += 1;
        let step = PASTE_OFFSET * self.view.pastes as f32;
        let schema = self.document.schema();
        let (edit, pasted) = Edit::with_new_ids(schema, |ids| {
            clipboard::paste(schema, ids, &clip, Point::new(step, step))
        });
        if self.apply(edit) {
            self.view.selection.tables = pasted.into_iter().collect();
        }
    }

    /// Lays out all tables but the pinned ones (or only the selected ones) as one move.
    pub(super) fn auto_layout(&mut self, selection: bool) {
        let mut arranged = self.document.schema().clone();
        let chosen = &self.view.selection.tables;
        crate::layout::arrange_where(&mut arranged, |table| {
            !table.pinned && (!selection || chosen.contains(&table.id))
        });
        let tables: Vec<_> = arranged
            .tables
            .iter()
            .zip(&self.document.schema().tables)
            .filter(|(new, old)| new.position != old.position)
            .map(|(new, _)| (new.id, new.position))
            .collect();
        if !tables.is_empty() {
            self.apply(Edit::MoveItems {
                tables,
                notes: Vec::new(),
            });
        }
    }
}
