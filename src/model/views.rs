//! Named views: a subset of the model's tables and notes with their own positions, zoom and level
//! of detail ("billing", "identity"). A table shown in several views keeps one definition; only
//! where it sits differs.

use super::{NoteId, Point, Schema, TableId};
use serde::{Deserialize, Serialize};

/// How much of each table a view shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Detail {
    /// Every column with its type.
    #[default]
    Full,
    /// Key columns only.
    Keys,
    /// Table names only.
    Names,
}

/// One named view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// Its name.
    pub name: String,
    /// The tables shown, each where it sits in this view.
    pub tables: Vec<(TableId, Point)>,
    /// The notes shown, each where it sits in this view.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<(NoteId, Point)>,
    /// The zoom it opens at; `None` fits the view's tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zoom: Option<f32>,
    /// How much of each table it shows.
    #[serde(default, skip_serializing_if = "is_full")]
    pub detail: Detail,
}

fn is_full(detail: &Detail) -> bool {
    *detail == Detail::Full
}

impl View {
    /// The model as this view shows it: only its tables and notes (those still in the model),
    /// at the view's positions. Foreign keys to tables outside the view are kept in the copy
    /// (the canvas draws no connector without both ends).
    pub fn project(&self, schema: &Schema) -> Schema {
        let mut copy = schema.clone();
        copy.tables = self
            .tables
            .iter()
            .filter_map(|(id, at)| {
                let mut table = schema.table(*id)?.clone();
                table.position = *at;
                Some(table)
            })
            .collect();
        copy.notes = self
            .notes
            .iter()
            .filter_map(|(id, at)| {
                let mut note = schema.note(*id)?.clone();
                note.position = *at;
                Some(note)
            })
            .collect();
        copy
    }

    /// Moves the view's own copy of a table or note; returns whether it is in the view.
    pub fn place_table(&mut self, table: TableId, at: Point) -> bool {
        match self.tables.iter_mut().find(|(id, _)| *id == table) {
            Some((_, position)) => {
                *position = at;
                true
            }
            None => false,
        }
    }

    /// See [`View::place_table`].
    pub fn place_note(&mut self, note: NoteId, at: Point) -> bool {
        match self.notes.iter_mut().find(|(id, _)| *id == note) {
            Some((_, position)) => {
                *position = at;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SchemaBuilder;

    #[test]
    fn a_view_shows_its_tables_where_it_placed_them_and_nothing_else() {
        let mut b = SchemaBuilder::new("t");
        for (name, x) in [("a", 0.0), ("b", 300.0), ("c", 600.0)] {
            b.table(name, (x, 0.0), |t| {
                t.column("id", "int").pk();
            });
        }
        let schema = b.build().unwrap();
        let [a, _, c] = [0, 1, 2].map(|i| schema.tables[i].id);
        let mut view = View {
            name: "two".into(),
            tables: vec![(c, Point::new(10.0, 20.0)), (a, Point::new(400.0, 20.0))],
            notes: Vec::new(),
            zoom: None,
            detail: Detail::Keys,
        };
        let shown = view.project(&schema);
        let names: Vec<&str> = shown.tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["c", "a"]);
        assert_eq!(shown.tables[0].position, Point::new(10.0, 20.0));
        assert_eq!(
            schema.tables[2].position,
            Point::new(600.0, 0.0),
            "the model keeps its own"
        );
        assert!(view.place_table(a, Point::new(0.0, 0.0)));
        assert!(!view.place_table(schema.tables[1].id, Point::new(0.0, 0.0)));
    }
}
