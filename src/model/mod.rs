//! The schema model: what a Schemaboard document is. Knows nothing of files, SQL parsing or the
//! GUI; it does know the four target dialects' rules for names, which every layer shares.

pub mod builder;
pub mod check_settings;
pub mod clipboard;
pub mod data_type;
pub mod diagram;
pub mod dialect;
pub mod edit;
pub mod enum_type;
pub mod ids;
pub mod integrity;
pub mod partition;
pub mod reserved;
pub mod review;
pub mod schema;
pub mod table;
pub mod template;
pub mod type_names;
pub mod verbatim;
pub mod views;
pub mod workload;

pub use builder::{BuildError, SchemaBuilder, TableBuilder};
pub use check_settings::{
    CheckSettings, FindingTarget, Inflection, NameCase, NamingConvention, RuleLevel, Severity,
    Suppression,
};
pub use data_type::{DataType, NativeType};
pub use diagram::{Color, Group, Note, Point, Rect};
pub use dialect::Dialect;
pub use edit::{Edit, EditError};
pub use enum_type::EnumType;
pub use ids::{
    ColumnId, ConstraintId, EnumId, FdId, GroupId, IdAllocator, IndexId, NoteId, QueryId, TableId,
};
pub use integrity::{IntegrityProblem, integrity_problems};
pub use schema::{Schema, SchemaStats};
pub use table::{
    CheckConstraint, Column, ForeignKey, FunctionalDependency, Identity, Index, IndexKey,
    IndexMethod, IndexTarget, NullsOrder, PrimaryKey, ReferentialAction, SortOrder, Table,
    TableInfo, UniqueConstraint, is_sequence_default,
};
pub use verbatim::VerbatimSql;
pub use workload::Query;
