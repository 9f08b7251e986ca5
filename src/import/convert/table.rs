//! `CREATE TABLE` → a model table, with its columns, keys, checks and (deferred) foreign keys.

use super::types::map_type;
use super::{At, State, column_named};
use crate::import::dialect::Dialect;
use crate::model::{
    CheckConstraint, Column, ColumnId, EnumType, Identity, Index, IndexKey, IndexMethod,
    IndexTarget, NativeType, NullsOrder, Point, PrimaryKey, SortOrder, Table, UniqueConstraint,
};
use sqlparser::ast::{
    self, ColumnOption, CreateTable, Expr, GeneratedAs, IndexColumn, OrderBySort, TableConstraint,
};

/// Why a CREATE TABLE was not turned into a table.
pub enum Outcome {
    /// Added.
    Added,
    /// A kind of table the model does not hold (temporary, `AS SELECT`).
    Skipped(&'static str),
}

pub fn create_table(state: &mut State, create: &CreateTable, at: At) -> Result<Outcome, String> {
    if create.temporary {
        return Ok(Outcome::Skipped("CREATE TEMPORARY TABLE"));
    }
    if create.query.is_some() {
        return Ok(Outcome::Skipped("CREATE TABLE … AS"));
    }
    let (schema, name) = state.object_name(&create.name);
    if state.dialect == Dialect::Sqlite && name.to_ascii_lowercase().starts_with("sqlite_") {
        // sqlite_sequence, sqlite_stat1…: SQLite's own bookkeeping, as `.schema` shows it.
        return Ok(Outcome::Skipped("CREATE TABLE sqlite_… (SQLite's own)"));
    }
    if state.dialect == Dialect::Sqlite && state.is_virtual_table_shadow(&name) {
        // `event_search_content` of `CREATE VIRTUAL TABLE event_search USING fts4`: made by
        // the virtual table (kept verbatim), as `.schema` shows it.
        return Ok(Outcome::Skipped("CREATE TABLE (a virtual table's own)"));
    }
    if state.find_table(schema.as_deref(), &name).is_some() {
        if create.if_not_exists {
            return Ok(Outcome::Skipped("CREATE TABLE IF NOT EXISTS (existing)"));
        }
        return Err(format!("table {name} is defined twice"));
    }
    let mut table = Table::new(state.schema.ids.allocate(), name, Point::default());
    table.schema = schema;
    for parent in create.inherits.iter().flatten() {
        inherit_columns(state, &mut table, parent, "inherits")?;
    }
    // A partition: the parent's columns, and where the rows of this part go.
    if let Some(parent) = &create.partition_of {
        inherit_columns(state, &mut table, parent, PARTITION_OF)?;
        if let Some(bound) = &create.for_values {
            table
                .properties
                .insert(PARTITION_BOUND.to_string(), bound.to_string());
        }
    }
    add_columns(state, &mut table, &create.columns, at)?;
    for constraint in &create.constraints {
        table_constraint(state, &mut table, constraint, at)?;
    }

    properties(state, &mut table, create);
    if state.dialect == Dialect::MySql {
        gate(&mut table, state.source().text());
    }
    let mut likes = std::mem::take(&mut state.likes);
    likes.extend(
        create
            .like
            .as_ref()
            .map(|like| parsed_like(state.dialect, like)),
    );
    for like in likes.iter().rev() {
        // From the last, so each one's place among the columns is still where it was written.
        super::like::copy_into(state, &mut table, like)?;
    }
    state.add_table(table)?;
    Ok(Outcome::Added)
}

/// The MySQL version gates of `statement` on the columns and indexes of `table`.
fn gate(table: &mut Table, statement: &str) {
    use super::version_gate::{Gated, gates};
    if !statement.contains("/*!") {
        return;
    }
    for gate in gates(statement) {
        match gate.element {
            Gated::Column(name) => {
                if let Some(column) = table.columns.iter_mut().find(|c| c.name == name) {
                    column.mysql_since = Some(gate.since);
                }
            }
            Gated::Index(name) => {
                if let Some(index) = table
                    .indexes
                    .iter_mut()
                    .find(|i| i.name.as_deref() == Some(name.as_str()))
                {
                    index.mysql_since = Some(gate.since);
                }
            }
        }
    }
}

/// A `LIKE` the parser read itself: MySQL's `CREATE TABLE t LIKE s`, or a lone `(LIKE s)`.
fn parsed_like(dialect: Dialect, like: &ast::CreateTableLikeKind) -> super::like::Like {
    use super::like::{Copied, Like};
    let (ast::CreateTableLikeKind::Plain(like) | ast::CreateTableLikeKind::Parenthesized(like)) =
        like;
    let copy = match dialect {
        Dialect::MySql => Copied::everything(),
        _ => Copied {
            defaults: like.defaults == Some(ast::CreateTableLikeDefaults::Including),
            ..Copied::default()
        },
    };
    Like {
        source: like.name.clone(),
        copy,
        position: 0,
    }
}

/// The table property naming the partitioned table a partition belongs to.
pub const PARTITION_OF: &str = crate::model::table::PARTITION_OF;
/// The table property holding a partition's bound (`FOR VALUES FROM (…) TO (…)`).
pub const PARTITION_BOUND: &str = crate::model::table::PARTITION_BOUND;

/// PostgreSQL `INHERITS` and `PARTITION OF`: the child starts with the parent's columns.
fn inherit_columns(
    state: &mut State,
    table: &mut Table,
    parent: &ast::ObjectName,
    property: &str,
) -> Result<(), String> {
    let (schema, name) = state.object_name(parent);
    let id = state
        .find_table(schema.as_deref(), &name)
        .ok_or_else(|| format!("{} inherits from unknown table {name}", table.name))?;
    let columns: Vec<Column> = state
        .schema
        .table(id)
        .map(|t| t.columns.clone())
        .unwrap_or_default();
    for mut column in columns {
        if table.columns.iter().any(|c| c.name == column.name) {
            continue;
        }
        column.id = state.schema.ids.allocate();
        // A comment belongs to the parent's column; the child's copy has none of its own.
        column.comment.clear();
        table.columns.push(column);
    }
    let parents = table.properties.entry(property.to_string()).or_default();
    if !parents.is_empty() {
        parents.push_str(", ");
    }
    parents.push_str(&parent.to_string());
    Ok(())
}

type Deferred = Vec<(ColumnId, Option<String>, ColumnOption)>;

/// Adds columns, with their inline keys, checks and foreign keys, to `table`.
pub fn add_columns(
    state: &mut State,
    table: &mut Table,
    definitions: &[ast::ColumnDef],
    at: At,
) -> Result<(), String> {
    let mut deferred = Vec::new();
    // Only the columns already there (inherited, or added before an ALTER TABLE … ADD) are
    // searched by name; the new ones by a set, so a table of thousands of columns stays linear.
    let earlier = table.columns.len();
    let mut added: std::collections::HashSet<String> = std::collections::HashSet::new();
    for def in definitions {
        let column = column(state, table, def, at, &mut deferred)?;
        if !added.insert(column.name.clone()) {
            return Err(format!("column {} is defined twice", column.name));
        }
        // A column the table also inherits is one column: PostgreSQL merges the two, in the
        // inherited place, NOT NULL if either says so, the local default first.
        match table.columns[..earlier]
            .iter_mut()
            .find(|c| c.name == column.name)
        {
            Some(inherited) => {
                let id = inherited.id;
                let merged = Column {
                    id,
                    nullable: inherited.nullable && column.nullable,
                    default: column.default.clone().or(inherited.default.take()),
                    identity: column.identity.or(inherited.identity),
                    ..column.clone()
                };
                *inherited = merged;
                for entry in deferred.iter_mut().filter(|(c, _, _)| *c == column.id) {
                    entry.0 = id;
                }
            }
            None => table.columns.push(column),
        }
    }
    for (column, option_name, option) in deferred {
        column_constraint(state, table, column, option_name, &option, at)?;
    }
    Ok(())
}

fn column(
    state: &mut State,
    table: &Table,
    def: &ast::ColumnDef,
    at: At,
    deferred: &mut Deferred,
) -> Result<Column, String> {
    let name = state.fold(&def.name);
    let id: ColumnId = state.schema.ids.allocate();
    let data_type = match &def.data_type {
        // MySQL's inline ENUM('a','b') becomes a named enum type of the model.
        ast::DataType::Enum(members, _) => {
            let values = members
                .iter()
                .map(|m| match m {
                    ast::EnumMember::Name(v) | ast::EnumMember::NamedValue(v, _) => v.clone(),
                })
                .collect();
            let enum_id = state.schema.ids.allocate();
            state.schema.enums.push(EnumType {
                id: enum_id,
                schema: table.schema.clone(),
                name: format!("{}_{name}", table.name),
                values,
                comment: String::new(),
            });
            crate::model::DataType::Enum(enum_id)
        }
        declared => {
            let schema = &state.schema;
            let mapped = map_type(declared, state.dialect, &|n| schema.enum_named(n));
            let mut column_type = mapped.data_type;
            if mapped.serial {
                let mut column = Column::new(id, name.clone(), column_type.clone());
                column.identity = Some(Identity::AutoIncrement);
                column.nullable = false;
                return finish_column(state, column, def, at, deferred);
            }
            if let crate::model::DataType::Raw(text) = &mut column_type {
                text.truncate(200);
            }
            column_type
        }
    };
    let mut column = Column::new(id, name, data_type);
    column.native_type = Some(NativeType {
        dialect: state.dialect,
        spelling: super::type_spelling::native_spelling(state, def),
    });
    finish_column(state, column, def, at, deferred)
}

fn finish_column(
    state: &mut State,
    mut column: Column,
    def: &ast::ColumnDef,
    _at: At,
    deferred: &mut Deferred,
) -> Result<Column, String> {
    for option in &def.options {
        let constraint_name = option.name.as_ref().map(|n| state.fold(n));
        match &option.option {
            ColumnOption::NotNull => column.nullable = false,
            ColumnOption::Null => column.nullable = true,
            ColumnOption::Default(expr) => {
                let printed = expr.to_string();
                let written = state.source().written(expr, &printed).map(str::to_string);
                set_default(&mut column, written.unwrap_or(printed));
            }
            ColumnOption::Comment(text) => column.comment = text.clone(),
            ColumnOption::Identity(_) => {
                column.identity = Some(Identity::AutoIncrement);
            }
            ColumnOption::DialectSpecific(tokens) => {
                let text: String = tokens
                    .iter()
                    .map(|t| t.to_string().to_uppercase())
                    .collect();
                if text.contains("AUTO_INCREMENT") || text.contains("AUTOINCREMENT") {
                    column.identity = Some(Identity::AutoIncrement);
                }
            }
            ColumnOption::Generated {
                generated_as,
                generation_expr,
                ..
            } => match generation_expr {
                Some(expr) => column.generated = Some(expr.to_string()),
                None => {
                    column.identity = Some(match generated_as {
                        GeneratedAs::ByDefault => Identity::ByDefault,
                        _ => Identity::Always,
                    })
                }
            },
            ColumnOption::PrimaryKey(_)
            | ColumnOption::Unique(_)
            | ColumnOption::ForeignKey(_)
            | ColumnOption::Check(_) => {
                deferred.push((column.id, constraint_name, option.option.clone()));
            }
            // MySQL's way of keeping a column at the time of the last update.
            ColumnOption::OnUpdate(_) => deferred.push((column.id, None, option.option.clone())),
            // Character sets, collations, storage options: not part of the model.
            _ => {}
        }
    }
    if column.identity.is_some() && state.dialect != Dialect::Sqlite {
        column.nullable = false;
    }
    Ok(column)
}

/// A `nextval('seq')` default is how PostgreSQL spells a serial column: the database makes
/// the values (an auto-increment key for the other dialects), from that sequence (kept as the
/// default, which only PostgreSQL writes).
pub fn set_default(column: &mut Column, text: String) {
    if crate::model::is_sequence_default(&text) {
        column.identity = Some(Identity::AutoIncrement);
    }
    column.default = Some(text);
}

fn column_constraint(
    state: &mut State,
    table: &mut Table,
    column: ColumnId,
    name: Option<String>,
    option: &ColumnOption,
    at: At,
) -> Result<(), String> {
    match option {
        ColumnOption::PrimaryKey(_) => set_primary_key(state, table, name, vec![column]),
        ColumnOption::Unique(_) => {
            let id = state.schema.ids.allocate();
            table.uniques.push(UniqueConstraint {
                id,
                name,
                columns: vec![column],
                nulls_not_distinct: false,
            });
        }
        ColumnOption::ForeignKey(fk) => state.defer_foreign_key(
            table.id,
            name.or_else(|| fk.name.as_ref().map(|n| state.fold(n))),
            vec![column],
            &fk.foreign_table,
            &fk.referred_columns,
            fk.on_delete,
            fk.on_update,
            super::deferral(fk.characteristics.as_ref()),
            fk.match_kind == Some(ast::ConstraintReferenceMatchKind::Full),
            at,
        ),
        ColumnOption::OnUpdate(_) => {
            if let Some(c) = table.column(column) {
                let name = c.name.clone();
                table
                    .properties
                    .insert(crate::export::ddl::AUTO_UPDATED_AT.to_string(), name);
            }
        }
        ColumnOption::Check(check) => {
            let id = state.schema.ids.allocate();
            table.checks.push(CheckConstraint {
                id,
                name: name.or_else(|| check.name.as_ref().map(|n| state.fold(n))),
                expression: check.expr.to_string(),
                on_column: Some(column),
            });
        }
        _ => {}
    }
    Ok(())
}

fn set_primary_key(
    state: &mut State,
    table: &mut Table,
    name: Option<String>,
    columns: Vec<ColumnId>,
) {
    // SQLite lets a primary-key column hold NULL unless it says NOT NULL (a documented quirk
    // kept for compatibility), and records it so: its columns stay as declared.
    if state.dialect != Dialect::Sqlite {
        for column in &mut table.columns {
            if columns.contains(&column.id) {
                column.nullable = false;
            }
        }
    }
    match &mut table.primary_key {
        // Two inline PRIMARY KEYs are an error in SQL; keep the first rather than fail.
        Some(_) => {}
        None => {
            let id = state.schema.ids.allocate();
            table.primary_key = Some(PrimaryKey { id, name, columns });
        }
    }
}

/// A table-level constraint, from CREATE TABLE or ALTER TABLE … ADD.
pub fn table_constraint(
    state: &mut State,
    table: &mut Table,
    constraint: &TableConstraint,
    at: At,
) -> Result<(), String> {
    match constraint {
        TableConstraint::PrimaryKey(pk) => {
            let columns = key_columns(state, table, &pk.columns)?;
            let name = pk.name.as_ref().map(|n| state.fold(n));
            set_primary_key(state, table, name, columns);
        }
        // A MySQL unique key on prefixes is a unique index: a constraint keys whole columns.
        TableConstraint::Unique(unique)
            if unique
                .columns
                .iter()
                .any(|c| key_prefix(state, &c.column.expr).is_some()) =>
        {
            let keys = index_keys(state, table, &unique.columns);
            let id = state.schema.ids.allocate();
            table.indexes.push(Index {
                id,
                name: unique
                    .name
                    .as_ref()
                    .or(unique.index_name.as_ref())
                    .map(|n| state.fold(n)),
                unique: true,
                method: IndexMethod::BTree,
                keys,
                include: Vec::new(),
                predicate: None,
                comment: index_comment(&unique.index_options),
                mysql_since: None,
            });
        }
        TableConstraint::Unique(unique) => {
            let columns = key_columns(state, table, &unique.columns)?;
            let id = state.schema.ids.allocate();
            let name = unique
                .name
                .as_ref()
                .or(unique.index_name.as_ref())
                .map(|n| state.fold(n));
            table.uniques.push(UniqueConstraint {
                id,
                name,
                columns,
                nulls_not_distinct: unique.nulls_distinct == ast::NullsDistinctOption::NotDistinct,
            });
        }
        TableConstraint::ForeignKey(fk) => {
            let columns = fk
                .columns
                .iter()
                .map(|c| {
                    let name = state.fold(c);
                    column_named(table, &name, state.dialect)
                        .ok_or_else(|| format!("foreign key names unknown column {name}"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let name = fk.name.as_ref().map(|n| state.fold(n));
            state.defer_foreign_key(
                table.id,
                name,
                columns,
                &fk.foreign_table,
                &fk.referred_columns,
                fk.on_delete,
                fk.on_update,
                super::deferral(fk.characteristics.as_ref()),
                fk.match_kind == Some(ast::ConstraintReferenceMatchKind::Full),
                at,
            );
        }
        TableConstraint::Check(check) => {
            let id = state.schema.ids.allocate();
            table.checks.push(CheckConstraint {
                id,
                name: check.name.as_ref().map(|n| state.fold(n)),
                expression: check.expr.to_string(),
                on_column: None,
            });
        }
        TableConstraint::Index(index) => {
            let keys = index_keys(state, table, &index.columns);
            let method = index
                .index_type
                .as_ref()
                .map(index_method)
                .unwrap_or_default();
            let id = state.schema.ids.allocate();
            table.indexes.push(Index {
                id,
                name: index.name.as_ref().map(|n| state.fold(n)),
                unique: false,
                method,
                keys,
                include: Vec::new(),
                predicate: None,
                comment: index_comment(&index.index_options),
                mysql_since: None,
            });
        }
        TableConstraint::PrimaryKeyUsingIndex(_)
        | TableConstraint::UniqueUsingIndex(_)
        | TableConstraint::Exclude(_) => {
            return Err(format!(
                "{constraint}: this kind of constraint is not part of the model"
            ));
        }
        TableConstraint::FulltextOrSpatial(index) => {
            let keys = index_keys(state, table, &index.columns);
            let id = state.schema.ids.allocate();
            table.indexes.push(Index {
                id,
                name: index.opt_index_name.as_ref().map(|n| state.fold(n)),
                unique: false,
                method: if index.fulltext {
                    IndexMethod::FullText
                } else {
                    IndexMethod::Spatial
                },
                keys,
                include: Vec::new(),
                predicate: None,
                comment: String::new(),
                mysql_since: None,
            });
        }
    }
    Ok(())
}

/// MySQL's `COMMENT '…'` among a key's options.
pub(super) fn index_comment(options: &[ast::IndexOption]) -> String {
    options
        .iter()
        .find_map(|option| match option {
            ast::IndexOption::Comment(text) => Some(text.clone()),
            ast::IndexOption::Using(_) => None,
        })
        .unwrap_or_default()
}

fn key_columns(
    state: &State,
    table: &Table,
    columns: &[IndexColumn],
) -> Result<Vec<ColumnId>, String> {
    columns
        .iter()
        .map(|c| {
            let name = match &c.column.expr {
                Expr::Identifier(ident) => state.fold(ident),
                Expr::CompoundIdentifier(parts) => {
                    parts.last().map(|p| state.fold(p)).unwrap_or_default()
                }
                // MySQL key prefixes such as `name(10)` still key on the column.
                Expr::Function(f) => f
                    .name
                    .0
                    .last()
                    .and_then(|p| p.as_ident())
                    .map(|i| state.fold(i))
                    .unwrap_or_default(),
                other => other.to_string(),
            };
            column_named(table, &name, state.dialect)
                .ok_or_else(|| format!("key names unknown column {name}"))
        })
        .collect()
}

/// Index keys: columns where they name one, expressions otherwise.
pub fn index_keys(state: &State, table: &Table, columns: &[IndexColumn]) -> Vec<IndexKey> {
    columns
        .iter()
        .map(|c| {
            let target = match &c.column.expr {
                Expr::Identifier(ident) => state
                    .column_named(table, &state.fold(ident))
                    .map(IndexTarget::Column),
                Expr::CompoundIdentifier(parts) => parts
                    .last()
                    .and_then(|p| state.column_named(table, &state.fold(p)))
                    .map(IndexTarget::Column),
                // MySQL key prefixes, `name(10)`, still key on the column.
                Expr::Function(f) if state.dialect == Dialect::MySql => f
                    .name
                    .0
                    .last()
                    .and_then(|p| p.as_ident())
                    .and_then(|i| state.column_named(table, &state.fold(i)))
                    .map(IndexTarget::Column),
                _ => None,
            }
            .unwrap_or_else(|| IndexTarget::Expression(c.column.expr.to_string()));
            IndexKey {
                target,
                order: match c.column.options.sort {
                    Some(OrderBySort::Desc) => SortOrder::Desc,
                    _ => SortOrder::Asc,
                },
                nulls: c.column.options.nulls_first.map(|first| {
                    if first {
                        NullsOrder::First
                    } else {
                        NullsOrder::Last
                    }
                }),
                opclass: c.operator_class.as_ref().map(|o| o.to_string()),
                prefix: key_prefix(state, &c.column.expr),
            }
        })
        .collect()
}

/// MySQL's key prefix, the `10` of `name(10)`.
fn key_prefix(state: &State, expr: &Expr) -> Option<u32> {
    let Expr::Function(f) = expr else {
        return None;
    };
    if state.dialect != Dialect::MySql {
        return None;
    }
    let ast::FunctionArguments::List(list) = &f.args else {
        return None;
    };
    match list.args.as_slice() {
        [ast::FunctionArg::Unnamed(ast::FunctionArgExpr::Expr(Expr::Value(value)))] => {
            match &value.value {
                ast::Value::Number(n, _) => n.parse().ok(),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Index access methods.
pub fn index_method(index_type: &ast::IndexType) -> IndexMethod {
    match index_type {
        ast::IndexType::BTree => IndexMethod::BTree,
        ast::IndexType::Hash => IndexMethod::Hash,
        ast::IndexType::GIN => IndexMethod::Gin,
        ast::IndexType::GiST => IndexMethod::Gist,
        ast::IndexType::SPGiST => IndexMethod::SpGist,
        ast::IndexType::BRIN => IndexMethod::Brin,
        other => IndexMethod::Other(other.to_string().to_lowercase()),
    }
}

fn properties(state: &State, table: &mut Table, create: &CreateTable) {
    if let Some(comment) = &create.comment {
        table.comment = comment_text(comment);
    }
    let options = match &create.table_options {
        ast::CreateTableOptions::Plain(options)
        | ast::CreateTableOptions::With(options)
        | ast::CreateTableOptions::Options(options) => options.as_slice(),
        _ => &[],
    };
    let mut kept = Vec::new();
    for option in options {
        match option {
            ast::SqlOption::Comment(comment) => table.comment = comment_text(comment),
            other => kept.push(other.to_string()),
        }
    }
    if state.dialect == Dialect::MySql {
        // Engine, character set, collation, row format… as written, even when none is: a table
        // that said none takes its database's defaults, and must again.
        table.properties.insert(
            crate::model::table::MYSQL_TABLE_OPTIONS.to_string(),
            kept.join(" "),
        );
    }
    if let Some(partition) = &create.partition_by {
        table
            .properties
            .insert("partition_by".to_string(), partition.to_string());
    }
    let without_rowid = create
        .sqlite_table_options
        .options
        .iter()
        .any(|o| matches!(o, ast::SqliteTableOption::WithoutRowid));
    if without_rowid && state.dialect == Dialect::Sqlite {
        table
            .properties
            .insert("without_rowid".to_string(), "true".to_string());
    }
}

fn comment_text(comment: &ast::CommentDef) -> String {
    match comment {
        ast::CommentDef::WithEq(text) | ast::CommentDef::WithoutEq(text) => text.clone(),
    }
}
