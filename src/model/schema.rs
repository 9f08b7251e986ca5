//! The whole model: the one document everything else reads.

use super::check_settings::CheckSettings;
use super::diagram::{Group, Note};
use super::enum_type::EnumType;
use super::ids::{ColumnId, EnumId, GroupId, IdAllocator, NoteId, QueryId, TableId};
use super::table::{Column, ForeignKey, Table};
use super::verbatim::VerbatimSql;
use super::workload::Query;
use serde::{Deserialize, Serialize};

/// A database model: tables, types, workload, and the diagram around them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// The model's title.
    pub name: String,
    /// What the system is, for the dictionary's front page.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// Which model this is a version of: made at random when a model is created or imported
    /// ([`Schema::new_lineage`]) and kept by every version saved from it. Ids mean the same
    /// object only between models of one lineage; two imports of two versions of one SQL file
    /// both number from 1, and their ids mean nothing to each other. Empty in files from before.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lineage: String,
    /// Where the next id comes from. Not saved: a loaded model allocates above its highest id.
    /// Writing the counter made every file edited on two git branches conflict on that line;
    /// older files still carry it, and it is read as a floor.
    #[serde(rename = "next_id", default, skip_serializing)]
    pub ids: IdAllocator,
    /// Subject areas.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// Named enum types.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enums: Vec<EnumType>,
    /// Tables, in the order the user keeps them.
    #[serde(default)]
    pub tables: Vec<Table>,
    /// Free notes on the canvas.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Sample queries: the workload the index checks read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub queries: Vec<Query>,
    /// Views, functions, procedures and triggers kept as written by the importer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verbatim: Vec<VerbatimSql>,
    /// The validator's settings: rule levels, naming convention, targets, accepted findings.
    #[serde(
        rename = "checks",
        default,
        skip_serializing_if = "CheckSettings::is_default"
    )]
    pub check_settings: CheckSettings,
    /// Review comment threads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<super::review::Thread>,
    /// Named views of parts of the model.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<super::views::View>,
    /// The columns new tables start with; `None` is the built-in template (an `id` key and
    /// audit columns in the model's letter case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_template: Option<super::template::TableTemplate>,
}

impl Schema {
    /// An empty model.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// A lineage no other model has: 16 hexadecimal digits from the system's randomness.
    pub fn new_lineage() -> String {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        hasher.write_u32(std::process::id());
        format!("{:016x}", hasher.finish())
    }

    /// Whether ids mean the same objects in `self` and `other`: both of one lineage.
    pub fn same_lineage(&self, other: &Schema) -> Option<bool> {
        (!self.lineage.is_empty() && !other.lineage.is_empty())
            .then(|| self.lineage == other.lineage)
    }

    /// The table with this id.
    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.table_index(id).map(|at| &self.tables[at])
    }

    /// The table with this id, mutably.
    pub fn table_mut(&mut self, id: TableId) -> Option<&mut Table> {
        self.table_index(id).map(|at| &mut self.tables[at])
    }

    /// Where the table with this id is in [`Schema::tables`].
    pub fn table_index(&self, id: TableId) -> Option<usize> {
        // Tables are almost always in the order their ids were allocated (an import, a model
        // built table by table), so a binary search usually lands on the table at once; a
        // scan only follows when the order was changed. Without this, every edit of a 75,000-table
        // import looked its table up by scanning, which made the import quadratic.
        if let Ok(at) = self.tables.binary_search_by_key(&id, |t| t.id)
            && self.tables[at].id == id
        {
            return Some(at);
        }
        self.tables.iter().position(|t| t.id == id)
    }

    /// The table with this schema and name (exact match; `None` schema is the default one).
    pub fn table_named(&self, schema: Option<&str>, name: &str) -> Option<&Table> {
        self.tables
            .iter()
            .find(|t| t.name == name && t.schema.as_deref() == schema)
    }

    /// The column with this id and the table that owns it.
    pub fn column(&self, id: ColumnId) -> Option<(&Table, &Column)> {
        self.tables
            .iter()
            .find_map(|t| t.column(id).map(|column| (t, column)))
    }

    /// The table that owns the column.
    pub fn table_of_column(&self, id: ColumnId) -> Option<TableId> {
        self.column(id).map(|(table, _)| table.id)
    }

    /// Foreign keys of any table that reference `target` (self-references included).
    pub fn foreign_keys_into(
        &self,
        target: TableId,
    ) -> impl Iterator<Item = (&Table, &ForeignKey)> {
        self.tables.iter().flat_map(move |table| {
            table
                .foreign_keys
                .iter()
                .filter(move |fk| fk.references == target)
                .map(move |fk| (table, fk))
        })
    }

    /// The enum type with this id.
    pub fn enum_type(&self, id: EnumId) -> Option<&EnumType> {
        self.enums.iter().find(|e| e.id == id)
    }

    /// The enum type with this name (used when parsing a typed-in column type).
    pub fn enum_named(&self, name: &str) -> Option<EnumId> {
        self.enums.iter().find(|e| e.name == name).map(|e| e.id)
    }

    /// The group with this id.
    pub fn group(&self, id: GroupId) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The note with this id.
    pub fn note(&self, id: NoteId) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id)
    }

    /// The query with this id.
    pub fn query(&self, id: QueryId) -> Option<&Query> {
        self.queries.iter().find(|q| q.id == id)
    }

    /// The portable spelling of a column's type, with enum types by name.
    pub fn type_name(&self, column: &Column) -> String {
        let enum_name = |id: EnumId| self.enum_type(id).map(|e| e.name.clone());
        column.data_type.display_with(&enum_name).to_string()
    }

    /// Counts of what the model holds, for summaries.
    pub fn stats(&self) -> SchemaStats {
        SchemaStats {
            tables: self.tables.len(),
            columns: self.tables.iter().map(|t| t.columns.len()).sum(),
            foreign_keys: self.tables.iter().map(|t| t.foreign_keys.len()).sum(),
            indexes: self.tables.iter().map(|t| t.indexes.len()).sum(),
            primary_keys: self
                .tables
                .iter()
                .filter(|t| t.primary_key.is_some())
                .count(),
            unique_constraints: self.tables.iter().map(|t| t.uniques.len()).sum(),
        }
    }
}

/// How much a model holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SchemaStats {
    /// Number of tables.
    pub tables: usize,
    /// Number of columns over all tables.
    pub columns: usize,
    /// Number of foreign keys.
    pub foreign_keys: usize,
    /// Number of explicit indexes.
    pub indexes: usize,
    /// Number of tables with a primary key.
    pub primary_keys: usize,
    /// Number of UNIQUE constraints.
    pub unique_constraints: usize,
}

impl SchemaStats {
    /// Every index the database builds for the model: explicit ones plus the one behind each
    /// primary key and unique constraint (what a catalog such as `pg_index` lists).
    pub fn all_indexes(&self) -> usize {
        self.indexes + self.primary_keys + self.unique_constraints
    }
}
