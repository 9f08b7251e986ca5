//! Tables and what hangs off them: columns, keys, foreign keys, checks, indexes and the
//! functional dependencies the architect declares.

use super::data_type::{DataType, NativeType};
use super::diagram::{Color, Point};
use super::ids::{ColumnId, ConstraintId, FdId, GroupId, IndexId, TableId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The table property holding a MySQL table's options (`ENGINE=MyISAM DEFAULT CHARSET=latin1`)
/// as the script that it was read from wrote them, empty when it wrote none.
pub const MYSQL_TABLE_OPTIONS: &str = "mysql_table_options";

/// Whether a default takes the next value of a PostgreSQL sequence (`nextval('t_id_seq')`): the
/// column's values come from the database, and only PostgreSQL can write that default.
pub fn is_sequence_default(expression: &str) -> bool {
    let lower = expression.trim_start().to_ascii_lowercase();
    lower.starts_with("nextval(") || lower.starts_with("pg_catalog.nextval(")
}

/// The table property naming the partitioned table a PostgreSQL partition belongs to.
pub const PARTITION_OF: &str = "partition_of";
/// The table property holding a partition's bound as written (`FOR VALUES FROM (…) TO (…)`).
pub const PARTITION_BOUND: &str = "partition_bound";
/// The table property holding a partitioned table's key (`RANGE (at)`).
pub const PARTITION_BY: &str = "partition_by";
/// The table property marking a partition made as a table of its own and attached to its
/// parent afterwards (`ALTER TABLE … ATTACH PARTITION`, as pg_dump writes partitions).
pub const PARTITION_ATTACHED: &str = "partition_attached";

/// A table of the schema, with its place on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Stable id.
    pub id: TableId,
    /// The SQL schema (namespace) it lives in; `None` is the dialect's default schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The table's name, unquoted.
    pub name: String,
    /// What the table holds, for the data dictionary and the canvas.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// The subject area it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupId>,
    /// Header colour; `None` takes the group's colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
    /// Top-left corner of the card on the canvas, in scene units.
    pub position: Point,
    /// Placed by hand and kept there: auto-layout moves the other tables around it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
    /// Dialect-specific table properties kept as written (`partition_by`, `without_rowid`,
    /// `engine`…), so an import/export round trip does not lose them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, String>,
    /// Columns in their declared order.
    pub columns: Vec<Column>,
    /// The primary key, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<PrimaryKey>,
    /// UNIQUE constraints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uniques: Vec<UniqueConstraint>,
    /// Foreign keys going out of this table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign_keys: Vec<ForeignKey>,
    /// CHECK constraints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<CheckConstraint>,
    /// Indexes (those backing the primary key and unique constraints are implicit, not listed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    /// Functional dependencies declared by the user, input to the normal-form checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<FunctionalDependency>,
}

/// The header fields of a table, edited together in the inspector.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableInfo {
    /// See [`Table::schema`].
    pub schema: Option<String>,
    /// See [`Table::name`].
    pub name: String,
    /// See [`Table::comment`].
    pub comment: String,
    /// See [`Table::group`].
    pub group: Option<GroupId>,
    /// See [`Table::color`].
    pub color: Option<Color>,
    /// See [`Table::properties`].
    pub properties: BTreeMap<String, String>,
    /// See [`Table::pinned`].
    pub pinned: bool,
}

impl Table {
    /// An empty table at `position`.
    pub fn new(id: TableId, name: impl Into<String>, position: Point) -> Self {
        Self {
            id,
            schema: None,
            name: name.into(),
            comment: String::new(),
            group: None,
            color: None,
            position,
            pinned: false,
            properties: BTreeMap::new(),
            columns: Vec::new(),
            primary_key: None,
            uniques: Vec::new(),
            foreign_keys: Vec::new(),
            checks: Vec::new(),
            indexes: Vec::new(),
            dependencies: Vec::new(),
        }
    }

    /// `schema.name`, or just `name` in the default schema.
    pub fn qualified_name(&self) -> String {
        match &self.schema {
            Some(schema) => format!("{schema}.{}", self.name),
            None => self.name.clone(),
        }
    }

    /// The column with this id, if it belongs to this table.
    pub fn column(&self, id: ColumnId) -> Option<&Column> {
        self.columns.iter().find(|c| c.id == id)
    }

    /// The column with this name (exact match).
    pub fn column_named(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The header fields.
    pub fn info(&self) -> TableInfo {
        TableInfo {
            schema: self.schema.clone(),
            name: self.name.clone(),
            comment: self.comment.clone(),
            group: self.group,
            color: self.color,
            properties: self.properties.clone(),
            pinned: self.pinned,
        }
    }

    /// Replaces the header fields, returning the old ones.
    pub fn replace_info(&mut self, info: TableInfo) -> TableInfo {
        let old = self.info();
        self.schema = info.schema;
        self.name = info.name;
        self.comment = info.comment;
        self.group = info.group;
        self.color = info.color;
        self.properties = info.properties;
        self.pinned = info.pinned;
        old
    }

    /// The names of these columns, in order, joined by `separator` (ids not in the table are
    /// left out).
    pub fn column_names(&self, ids: &[ColumnId], separator: &str) -> String {
        ids.iter()
            .filter_map(|id| self.column(*id).map(|c| c.name.as_str()))
            .collect::<Vec<_>>()
            .join(separator)
    }

    /// Whether the column is part of the primary key.
    pub fn is_primary_key_column(&self, column: ColumnId) -> bool {
        self.primary_key
            .as_ref()
            .is_some_and(|pk| pk.columns.contains(&column))
    }

    /// Whether the column is part of an outgoing foreign key.
    pub fn is_foreign_key_column(&self, column: ColumnId) -> bool {
        self.foreign_keys
            .iter()
            .any(|fk| fk.columns.contains(&column))
    }

    /// Whether the column alone is declared unique (by a constraint or a unique index).
    pub fn is_unique_column(&self, column: ColumnId) -> bool {
        self.uniques.iter().any(|u| u.columns == [column])
            || self.indexes.iter().any(|i| {
                i.unique
                    && i.predicate.is_none()
                    && matches!(i.keys.as_slice(), [k] if k.target == IndexTarget::Column(column))
            })
    }

    /// Whether these columns, in any order, are declared a key: the primary key, a unique
    /// constraint or a whole-table unique index on columns alone. A foreign key can only
    /// reference such columns.
    pub fn is_key(&self, columns: &[ColumnId]) -> bool {
        let same = |other: &mut dyn Iterator<Item = ColumnId>| {
            let mut other: Vec<ColumnId> = other.collect();
            let mut wanted = columns.to_vec();
            other.sort_unstable();
            wanted.sort_unstable();
            !wanted.is_empty() && other == wanted
        };
        self.primary_key
            .as_ref()
            .is_some_and(|pk| same(&mut pk.columns.iter().copied()))
            || self
                .uniques
                .iter()
                .any(|u| same(&mut u.columns.iter().copied()))
            || self.indexes.iter().any(|i| {
                i.unique
                    && i.predicate.is_none()
                    && i.keys
                        .iter()
                        .all(|k| matches!(k.target, IndexTarget::Column(_)))
                    && same(&mut i.keys.iter().filter_map(|k| match &k.target {
                        IndexTarget::Column(c) => Some(*c),
                        IndexTarget::Expression(_) => None,
                    }))
            })
    }

    /// Whether the column is the first key of some index or key (so lookups by it are served).
    pub fn is_indexed_column(&self, column: ColumnId) -> bool {
        self.primary_key
            .as_ref()
            .is_some_and(|pk| pk.columns.first() == Some(&column))
            || self
                .uniques
                .iter()
                .any(|u| u.columns.first() == Some(&column))
            || self.indexes.iter().any(|i| {
                i.keys
                    .first()
                    .is_some_and(|k| k.target == IndexTarget::Column(column))
            })
    }
}

/// A column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Stable id, unique across the schema.
    pub id: ColumnId,
    /// The column's name, unquoted.
    pub name: String,
    /// Its portable type.
    #[serde(rename = "type")]
    pub data_type: DataType,
    /// The type as the source dialect spelled it, written back by an export to that dialect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub native_type: Option<NativeType>,
    /// Whether NULL is allowed.
    pub nullable: bool,
    /// The default, as an SQL expression (`now()`, `'draft'`, `0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// How the database generates values, if it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// A computed column's expression (`GENERATED ALWAYS AS (…)`, T-SQL `AS …`), as SQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    /// What the column means.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// The MySQL version its definition was gated on (`/*!50705 … */` in the source): MySQL
    /// from that version makes it, MariaDB skips MySQL 5.7-and-later gates; the MySQL export
    /// writes the gate back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mysql_since: Option<u32>,
    /// The value rows already in the database get when a migration makes this column required
    /// (added NOT NULL without a default, or made NOT NULL), as an SQL expression (`0`,
    /// `'none'`, `created_at`); without one such a migration stops on the first row it would
    /// leave without a value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing_rows: Option<String>,
}

impl Column {
    /// The source dialect's own spelling of the type, when it was read from `dialect`.
    pub fn native_type_in(&self, dialect: super::Dialect) -> Option<&str> {
        self.native_type
            .as_ref()
            .filter(|n| n.dialect == dialect)
            .map(|n| n.spelling.as_str())
    }

    /// Whether the database would hold the two alike: equal but for what the model keeps only
    /// for migrations ([`Column::existing_rows`]).
    pub fn same_in_database(&self, other: &Column) -> bool {
        let bare = |c: &Column| Column {
            existing_rows: None,
            ..c.clone()
        };
        bare(self) == bare(other)
    }

    /// A nullable column with no default.
    pub fn new(id: ColumnId, name: impl Into<String>, data_type: DataType) -> Self {
        Self {
            id,
            name: name.into(),
            data_type,
            native_type: None,
            nullable: true,
            default: None,
            identity: None,
            generated: None,
            comment: String::new(),
            mysql_since: None,
            existing_rows: None,
        }
    }
}

/// Database-generated values for a key column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Identity {
    /// `GENERATED ALWAYS AS IDENTITY`: the database always supplies the value.
    Always,
    /// `GENERATED BY DEFAULT AS IDENTITY`: supplied unless the insert gives one.
    ByDefault,
    /// `SERIAL`, `AUTO_INCREMENT`, `AUTOINCREMENT`, `IDENTITY(1,1)`.
    AutoIncrement,
}

/// The primary key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrimaryKey {
    /// Stable id.
    pub id: ConstraintId,
    /// Constraint name; `None` lets the exporter or database choose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Key columns in order.
    pub columns: Vec<ColumnId>,
}

/// A UNIQUE constraint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UniqueConstraint {
    /// Stable id.
    pub id: ConstraintId,
    /// Constraint name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The columns whose combination is unique.
    pub columns: Vec<ColumnId>,
    /// NULLs count as equal, so only one row may hold them (PostgreSQL 15's
    /// `UNIQUE NULLS NOT DISTINCT`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nulls_not_distinct: bool,
}

/// What happens to referencing rows when the referenced row is deleted or its key updated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReferentialAction {
    /// Fail at the end of the statement (the SQL default).
    #[default]
    NoAction,
    /// Fail immediately.
    Restrict,
    /// Delete or update the referencing rows too.
    Cascade,
    /// Set the referencing columns to NULL.
    SetNull,
    /// Set the referencing columns to their defaults.
    SetDefault,
}

impl ReferentialAction {
    /// The SQL spelling (`ON DELETE <this>`).
    pub fn sql(self) -> &'static str {
        match self {
            ReferentialAction::NoAction => "NO ACTION",
            ReferentialAction::Restrict => "RESTRICT",
            ReferentialAction::Cascade => "CASCADE",
            ReferentialAction::SetNull => "SET NULL",
            ReferentialAction::SetDefault => "SET DEFAULT",
        }
    }

    fn is_default(&self) -> bool {
        *self == ReferentialAction::NoAction
    }
}

/// A foreign key from columns of this table to a key of another (or the same) table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForeignKey {
    /// Stable id.
    pub id: ConstraintId,
    /// Constraint name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Referencing columns, in this table.
    pub columns: Vec<ColumnId>,
    /// The referenced table.
    pub references: TableId,
    /// Referenced columns, pairwise with `columns`.
    pub referenced_columns: Vec<ColumnId>,
    /// `ON DELETE` action.
    #[serde(default, skip_serializing_if = "ReferentialAction::is_default")]
    pub on_delete: ReferentialAction,
    /// `ON UPDATE` action.
    #[serde(default, skip_serializing_if = "ReferentialAction::is_default")]
    pub on_update: ReferentialAction,
    /// When the key is checked, where it may wait (PostgreSQL and SQLite `DEFERRABLE`);
    /// `None` is at each statement's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deferrable: Option<Deferral>,
    /// `MATCH FULL`: a key of several columns is either all NULL or all present, where the
    /// default (`MATCH SIMPLE`) lets any NULL column skip the check. PostgreSQL enforces it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub match_full: bool,
}

/// When a deferrable foreign key is checked unless a transaction says otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Deferral {
    /// `DEFERRABLE INITIALLY IMMEDIATE`: at each statement's end.
    Immediate,
    /// `DEFERRABLE INITIALLY DEFERRED`: at commit.
    Deferred,
}

/// A CHECK constraint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConstraint {
    /// Stable id.
    pub id: ConstraintId,
    /// Constraint name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The boolean SQL expression, as written.
    pub expression: String,
    /// The column it was written on (`qty int CHECK (qty > 0)`), where the user's SQL put it
    /// there: MariaDB keeps such a check inside the column, not as a constraint of the table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_column: Option<ColumnId>,
}

/// An index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Index {
    /// Stable id.
    pub id: IndexId,
    /// Index name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether it enforces uniqueness.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unique: bool,
    /// Access method.
    #[serde(default, skip_serializing_if = "IndexMethod::is_default")]
    pub method: IndexMethod,
    /// Key items in order.
    pub keys: Vec<IndexKey>,
    /// Non-key payload columns (`INCLUDE (...)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<ColumnId>,
    /// `WHERE` predicate of a partial index, as SQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// What the index is for (MySQL's `COMMENT '…'`, PostgreSQL's `COMMENT ON INDEX`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// The MySQL version its definition was gated on, as for a column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mysql_since: Option<u32>,
}

/// Index access methods.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum IndexMethod {
    /// B-tree, every dialect's default.
    #[default]
    BTree,
    /// Hash.
    Hash,
    /// PostgreSQL GIN (arrays, jsonb, full text).
    Gin,
    /// PostgreSQL GiST.
    Gist,
    /// PostgreSQL SP-GiST.
    SpGist,
    /// PostgreSQL BRIN.
    Brin,
    /// MySQL FULLTEXT.
    FullText,
    /// MySQL/SQL Server SPATIAL.
    Spatial,
    /// Anything else, by name.
    Other(String),
}

impl IndexMethod {
    fn is_default(&self) -> bool {
        *self == IndexMethod::BTree
    }
}

/// One key item of an index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexKey {
    /// What is indexed.
    pub target: IndexTarget,
    /// Sort direction.
    #[serde(default, skip_serializing_if = "SortOrder::is_default")]
    pub order: SortOrder,
    /// Where NULLs sort; `None` is the dialect's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nulls: Option<NullsOrder>,
    /// PostgreSQL operator class (`gin_trgm_ops`, `text_pattern_ops`), when not the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opclass: Option<String>,
    /// MySQL key prefix: only the first N characters (bytes for binary types) are indexed,
    /// `KEY k (name(10))`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<u32>,
}

impl IndexKey {
    /// An ascending key on a column.
    pub fn column(column: ColumnId) -> Self {
        Self {
            target: IndexTarget::Column(column),
            order: SortOrder::Asc,
            nulls: None,
            opclass: None,
            prefix: None,
        }
    }
}

/// A column or an expression.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IndexTarget {
    /// A column of the table.
    Column(ColumnId),
    /// An SQL expression such as `lower(email)`.
    Expression(String),
}

/// Ascending or descending.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortOrder {
    /// Ascending.
    #[default]
    Asc,
    /// Descending.
    Desc,
}

impl SortOrder {
    fn is_default(&self) -> bool {
        *self == SortOrder::Asc
    }
}

/// NULLS FIRST or NULLS LAST.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NullsOrder {
    /// NULLS FIRST.
    First,
    /// NULLS LAST.
    Last,
}

/// A functional dependency `lhs -> rhs` that holds in a table, declared by the architect.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionalDependency {
    /// Stable id.
    pub id: FdId,
    /// The determinant.
    pub lhs: Vec<ColumnId>,
    /// The dependent columns.
    pub rhs: Vec<ColumnId>,
    /// Approximate ("usually holds"): shown, but kept out of normal-form verdicts.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub soft: bool,
    /// Why it holds.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}
