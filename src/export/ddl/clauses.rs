//! The pieces of a script: CREATE TABLE, column definitions, constraint clauses, indexes.

use super::SqlDialect;
use super::expression;
use super::names;
use super::{Context, auto_updated_column};
use crate::model::{
    CheckConstraint, Column, DataType, ForeignKey, Identity, Index, IndexMethod, IndexTarget,
    NullsOrder, ReferentialAction, SortOrder, Table,
};
use std::fmt::Write;

/// `CREATE TABLE`, with the foreign keys in `deferred` left for ALTER TABLE (all of them inline
/// when `inline_all`).
pub fn create_table(
    dialect: &dyn SqlDialect,
    table: &Table,
    deferred: &std::collections::BTreeSet<crate::model::ConstraintId>,
    inline_all: bool,
    cx: &mut Context<'_>,
    out: &mut String,
) {
    if let Some(statement) = dialect.create_partition(table) {
        out.push_str(&statement);
        return;
    }
    let mut items: Vec<String> = Vec::new();
    let mut gates: Vec<Option<u32>> = Vec::new();
    let mut key_written_inline = false;
    for column in &table.columns {
        let (definition, inline_key) = column_definition(dialect, table, column, cx);
        key_written_inline |= inline_key;
        gates.push(column.mysql_since.filter(|_| dialect.version_gates()));
        items.push(definition);
    }
    if let Some(pk) = &table.primary_key
        && !key_written_inline
    {
        items.push(primary_key_clause(dialect, table, pk));
    }
    for unique in &table.uniques {
        if unique.nulls_not_distinct && dialect.dialect() != crate::model::Dialect::Postgres {
            cx.lose(
                format!("unique {}", dialect.unique_name(table, unique)),
                format!(
                    "{} has no NULLS NOT DISTINCT: rows may repeat NULLs there",
                    dialect.name()
                ),
            );
        }
        let renamed =
            cx.renamed_uniques
                .get(&unique.id)
                .map(|name| crate::model::UniqueConstraint {
                    name: Some(name.clone()),
                    ..unique.clone()
                });
        items.push(unique_clause(
            dialect,
            table,
            renamed.as_ref().unwrap_or(unique),
        ));
    }
    for check in &table.checks {
        if let Some(clause) = check_clause(dialect, table, check, cx) {
            items.push(clause);
        }
    }
    for fk in &table.foreign_keys {
        if inline_all || !deferred.contains(&fk.id) {
            items.push(foreign_key(dialect, table, fk, cx));
        }
    }
    items.extend(dialect.extra_items(table));
    gates.resize(items.len(), None);
    let _ = write!(
        out,
        "CREATE TABLE {} ({}\n){}",
        dialect.table_name(table),
        table_items(&items, &gates),
        dialect.table_options(table, cx)
    );
}

/// The items of a CREATE TABLE, one a line; an item with a MySQL version gate goes inside
/// `/*!NNNNN … */` with its comma, so a server that skips it reads a list without it. Text
/// holding `*/` is never gated (a server that skips the gate would end it there), nor is a
/// table of gated items alone.
pub fn table_items(items: &[String], gates: &[Option<u32>]) -> String {
    let gate_of = |i: usize| {
        gates
            .get(i)
            .copied()
            .flatten()
            .filter(|_| !items[i].contains("*/"))
    };
    let all_gated = (0..items.len()).all(|i| gate_of(i).is_some());
    let mut out = String::new();
    let mut plain_seen = false;
    for (i, item) in items.iter().enumerate() {
        match gate_of(i).filter(|_| !all_gated) {
            None => {
                if plain_seen {
                    out.push(',');
                }
                out.push_str("\n    ");
                out.push_str(item);
                plain_seen = true;
            }
            Some(since) if plain_seen => {
                let _ = write!(out, "\n    /*!{since} , {item} */");
            }
            Some(since) => {
                let _ = write!(out, "\n    /*!{since} {item}, */");
            }
        }
    }
    out
}

/// A column definition, and whether it carries the table's primary key (SQLite's
/// `INTEGER PRIMARY KEY AUTOINCREMENT`).
pub fn column_definition(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    column: &Column,
    cx: &mut Context<'_>,
) -> (String, bool) {
    let mut text = dialect.ident(&column.name);
    let ident = |name: &str| dialect.ident(name);
    let names = expression::column_names(table, &ident);
    // An untyped SQLite column comes back untyped.
    let mut column_type = dialect.column_type(table, column, cx);
    if let Err(why) = super::verbatim::clause(
        &column_type,
        dialect.dialect(),
        super::verbatim::Clause::Type,
    ) {
        // A type the model holds as text that would be more than a type: never written.
        let plain = Column {
            data_type: crate::model::DataType::Text,
            native_type: None,
            ..column.clone()
        };
        let fallback = dialect.portable_type(table, &plain, &mut Context::new(cx.schema));
        cx.lose(
            super::column_label(table, column),
            format!("the type {column_type:?} is refused ({why}); written as {fallback}"),
        );
        column_type = fallback;
    }
    // A T-SQL computed column has no declared type: `total AS (price * qty) PERSISTED`.
    let typed = column.generated.is_none() || dialect.computed_columns_typed();
    if !column_type.is_empty() && typed {
        text.push(' ');
        text.push_str(&column_type);
    }
    let mut inline_key = false;
    let object = super::column_label(table, column);
    if let Some(expression) = &column.generated {
        match carried(column_source(table, column), expression, dialect, &names) {
            Ok(expression) => {
                text.push(' ');
                text.push_str(&dialect.generated(&expression));
            }
            Err(why) => cx.lose(
                object.clone(),
                format!("computed as {expression}, which is not carried ({why}): a plain column"),
            ),
        }
    }
    if column.identity.is_some()
        && let Some(clause) = dialect.identity(table, column, cx)
    {
        inline_key = clause.contains("PRIMARY KEY");
        text.push(' ');
        text.push_str(&clause);
    }
    if !column.nullable {
        text.push(' ');
        text.push_str(dialect.not_null(column));
    }
    if let Some(default) = &column.default
        && (dialect.sequence_defaults() || !crate::model::is_sequence_default(default))
    {
        match expression::default_for(
            column,
            column_source(table, column),
            default,
            dialect.dialect(),
            &column_type,
            &names,
        ) {
            Ok(default) => {
                let _ = write!(text, " DEFAULT {}", dialect.default_expression(&default));
            }
            Err(why) => cx.lose(object, format!("DEFAULT {default} left out: {why}")),
        }
    }
    if let Some(check) = dialect.column_checks(table, column, cx) {
        text.push(' ');
        text.push_str(&check);
    }
    if auto_updated_column(table).is_some_and(|c| c.id == column.id)
        && let Some(clause) = dialect.on_update_clause(table, column)
    {
        text.push(' ');
        text.push_str(&clause);
    }
    if let Some(comment) = dialect.inline_column_comment(column) {
        text.push(' ');
        text.push_str(&comment);
    }
    (text, inline_key)
}

fn constraint_name(dialect: &(impl SqlDialect + ?Sized), name: &str) -> String {
    format!("CONSTRAINT {} ", dialect.ident(name))
}

/// `CONSTRAINT name PRIMARY KEY (…)`.
pub fn primary_key_clause(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    pk: &crate::model::PrimaryKey,
) -> String {
    format!(
        "{}PRIMARY KEY ({})",
        constraint_name(
            dialect,
            &names::primary_key_name(dialect.dialect(), table, pk)
        ),
        column_list(dialect, table, &pk.columns)
    )
}

/// `CONSTRAINT name UNIQUE (…)`.
pub fn unique_clause(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    unique: &crate::model::UniqueConstraint,
) -> String {
    let name = if unique.name.is_none() && dialect.server_names_unnamed() {
        String::new()
    } else {
        constraint_name(dialect, &dialect.unique_name(table, unique))
    };
    // NULLS NOT DISTINCT is PostgreSQL's alone (`create_table` says so elsewhere).
    let postgres = dialect.dialect() == crate::model::Dialect::Postgres;
    let nulls = if unique.nulls_not_distinct && postgres {
        "NULLS NOT DISTINCT "
    } else {
        ""
    };
    format!(
        "{name}UNIQUE {nulls}({})",
        column_list(dialect, table, &unique.columns)
    )
}

fn column_list(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    ids: &[crate::model::ColumnId],
) -> String {
    ids.iter()
        .filter_map(|id| table.column(*id))
        .map(|c| dialect.ident(&c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `CONSTRAINT name CHECK (…)`, or `None` (and a loss) where the target cannot say the check.
pub fn check_clause(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    check: &CheckConstraint,
    cx: &mut Context<'_>,
) -> Option<String> {
    let name = names::check_name(dialect.dialect(), table, check);
    if let Err(why) = dialect.check_allowed(table, check) {
        cx.lose(
            format!("check {name}"),
            format!("CHECK ({}) left out: {why}", check.expression),
        );
        return None;
    }
    match check_expression(dialect, table, check) {
        Ok(expression) => Some(format!(
            "{}CHECK ({expression})",
            constraint_name(dialect, &name)
        )),
        Err(why) => {
            cx.lose(
                format!("check {name}"),
                format!("CHECK ({}) left out: {why}", check.expression),
            );
            None
        }
    }
}

/// A check's expression as `dialect` writes it.
pub fn check_expression(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    check: &CheckConstraint,
) -> Result<String, String> {
    let ident = |name: &str| dialect.ident(name);
    let columns = expression::column_names(table, &ident);
    carried(
        expression::source_of(table),
        &check.expression,
        dialect,
        &columns,
    )
}

/// The dialect a column's expressions were written in: its type's, else its table's (a
/// T-SQL computed column has no type of its own).
fn column_source(table: &Table, column: &Column) -> Option<crate::model::Dialect> {
    column
        .native_type
        .as_ref()
        .map(|n| n.dialect)
        .or_else(|| expression::source_of(table))
}

/// `text`, written in `from` (unknown: the architect's own, written as it is), for `dialect`.
pub fn carried(
    from: Option<crate::model::Dialect>,
    text: &str,
    dialect: &(impl SqlDialect + ?Sized),
    names: expression::Names<'_>,
) -> Result<String, String> {
    match from {
        Some(from) => expression::convert(text, from, dialect.dialect(), names),
        None => {
            super::verbatim::expression(text, dialect.dialect())?;
            Ok(text.to_string())
        }
    }
}

/// `CONSTRAINT name FOREIGN KEY (…) REFERENCES …`.
pub fn foreign_key(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    fk: &ForeignKey,
    cx: &mut Context<'_>,
) -> String {
    let target = cx.schema.table(fk.references);
    let target_name = target.map(|t| dialect.table_name(t)).unwrap_or_default();
    let target_columns = target
        .map(|t| column_list(dialect, t, &fk.referenced_columns))
        .unwrap_or_default();
    // escaped where written: a report's name for the key, shown to the user only.
    let object = format!(
        "{}.{}",
        table.name,
        fk.name.clone().unwrap_or_else(|| "foreign key".to_string())
    );
    let name = if fk.name.is_none() && dialect.server_names_unnamed() {
        String::new()
    } else {
        constraint_name(dialect, &dialect.foreign_key_name(table, fk))
    };
    let mut text = format!(
        "{name}FOREIGN KEY ({}) REFERENCES {target_name} ({target_columns})",
        column_list(dialect, table, &fk.columns)
    );
    if fk.match_full {
        // PostgreSQL enforces MATCH FULL and SQLite keeps it as written; for one column it
        // means nothing more than the default, so only a key of several is a loss elsewhere.
        if matches!(
            dialect.dialect(),
            crate::model::Dialect::Postgres | crate::model::Dialect::Sqlite
        ) {
            text.push_str(" MATCH FULL");
        } else if fk.columns.len() > 1 {
            cx.lose(
                object.clone(),
                format!(
                    "{} has no MATCH FULL: a partly NULL key is no longer refused",
                    dialect.name()
                ),
            );
        }
    }
    let not_null = fk
        .columns
        .iter()
        .any(|id| table.column(*id).is_some_and(|c| !c.nullable));
    for (clause, action) in [("ON DELETE", fk.on_delete), ("ON UPDATE", fk.on_update)] {
        let mut action = dialect.action(action, &object, cx);
        // SET NULL on a NOT NULL column can only fail, as NO ACTION does: PostgreSQL takes it
        // and fails at the delete, InnoDB refuses the key.
        if action == ReferentialAction::SetNull
            && not_null
            && dialect.dialect() == crate::model::Dialect::MySql
        {
            cx.lose(
                object.clone(),
                format!("{clause} SET NULL on a NOT NULL column written as NO ACTION (both refuse the change)"),
            );
            action = ReferentialAction::NoAction;
        }
        if action != ReferentialAction::NoAction || dialect.says_no_action() {
            let _ = write!(text, " {clause} {}", action.sql());
        }
    }
    if let Some(deferral) = fk.deferrable {
        use crate::model::table::Deferral;
        // PostgreSQL and SQLite wait for the commit where asked; MySQL and SQL Server cannot.
        if matches!(
            dialect.dialect(),
            crate::model::Dialect::Postgres | crate::model::Dialect::Sqlite
        ) {
            text.push_str(match deferral {
                Deferral::Immediate => " DEFERRABLE INITIALLY IMMEDIATE",
                Deferral::Deferred => " DEFERRABLE INITIALLY DEFERRED",
            });
        } else {
            cx.lose(
                object,
                format!(
                    "{} checks every foreign key at once: DEFERRABLE left out",
                    dialect.name()
                ),
            );
        }
    }
    text
}

/// The usual `CREATE [UNIQUE] INDEX name ON table [USING method] (keys) [INCLUDE …] [WHERE …]`.
pub fn standard_index(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    index: &Index,
    cx: &mut Context<'_>,
    using_clause: bool,
) -> Option<String> {
    let name = index_name(table, index);
    let source = expression::source_of(table);
    let ident = |name: &str| dialect.ident(name);
    let columns = expression::column_names(table, &ident);
    let mut not_carried = None;
    let keys: Vec<String> = index
        .keys
        .iter()
        .map(|key| {
            let mut text = match &key.target {
                IndexTarget::Column(id) => table
                    .column(*id)
                    .map(|c| dialect.ident(&c.name))
                    .unwrap_or_default(),
                IndexTarget::Expression(sql) => match carried(source, sql, dialect, &columns) {
                    Ok(sql) => format!("({sql})"),
                    Err(why) => {
                        not_carried = Some(format!("key ({sql}): {why}"));
                        String::new()
                    }
                },
            };
            if let Some(prefix) = key.prefix {
                if dialect.key_prefixes() {
                    let _ = write!(text, "({prefix})");
                } else {
                    cx.lose(
                        format!("index {name}"),
                        format!(
                            "{} indexes whole columns; the key prefix ({prefix}) is dropped",
                            dialect.name()
                        ),
                    );
                }
            }
            if using_clause && let Some(opclass) = &key.opclass {
                text.push(' ');
                text.push_str(opclass);
            }
            if key.order == SortOrder::Desc {
                text.push_str(" DESC");
            }
            match key.nulls {
                Some(_) if dialect.dialect() != crate::model::Dialect::Postgres => {
                    cx.lose(
                        format!("index {name}"),
                        format!(
                            "{} indexes have no NULLS FIRST/LAST; that order is dropped",
                            dialect.name()
                        ),
                    );
                }
                Some(NullsOrder::First) => text.push_str(" NULLS FIRST"),
                Some(NullsOrder::Last) => text.push_str(" NULLS LAST"),
                None => {}
            }
            text
        })
        .collect();
    let predicate = match index
        .predicate
        .as_deref()
        .map(|p| carried(source, p, dialect, &columns))
    {
        Some(Err(why)) => {
            not_carried = Some(format!(
                "WHERE {}: {why}",
                index.predicate.as_deref().unwrap_or("")
            ));
            None
        }
        Some(Ok(predicate)) => Some(predicate),
        None => None,
    };
    if let Some(why) = not_carried {
        cx.lose(format!("index {name}"), format!("left out: its {why}"));
        return None;
    }
    let mut text = format!(
        "CREATE {}INDEX {} ON {}",
        if index.unique { "UNIQUE " } else { "" },
        dialect.ident(&name),
        dialect.table_name(table)
    );
    if using_clause && index.method != IndexMethod::BTree {
        let method = match &index.method {
            IndexMethod::Hash => "hash".to_string(),
            IndexMethod::Gin => "gin".to_string(),
            IndexMethod::Gist => "gist".to_string(),
            IndexMethod::SpGist => "spgist".to_string(),
            IndexMethod::Brin => "brin".to_string(),
            IndexMethod::Other(other) => other.clone(),
            IndexMethod::BTree | IndexMethod::FullText | IndexMethod::Spatial => {
                cx.lose(
                    format!("index {name}"),
                    format!(
                        "{:?} indexes are not PostgreSQL's; written as b-tree",
                        index.method
                    ),
                );
                String::new()
            }
        };
        if !method.is_empty() {
            let _ = write!(text, " USING {method}");
        }
    }
    let _ = write!(text, " ({})", keys.join(", "));
    if !index.include.is_empty() {
        let _ = write!(
            text,
            " INCLUDE ({})",
            column_list(dialect, table, &index.include)
        );
    }
    if let Some(predicate) = &predicate {
        let _ = write!(text, " WHERE {predicate}");
    }
    Some(text)
}

/// An index's name, or the conventional `table_col1_col2_idx` when it has none.
pub fn index_name(table: &Table, index: &Index) -> String {
    index.name.clone().unwrap_or_else(|| {
        let parts: Vec<String> = index
            .keys
            .iter()
            .map(|k| match &k.target {
                IndexTarget::Column(id) => table
                    .column(*id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                IndexTarget::Expression(_) => "expr".to_string(),
            })
            .collect();
        // escaped where written: a generated index name, quoted by `ident` where used.
        format!(
            "{}_{}_{}",
            table.name,
            parts.join("_"),
            if index.unique { "key" } else { "idx" }
        )
    })
}

/// The enum's values as a list of literals, for CHECK (… IN (…)) and MySQL's ENUM(…).
pub fn enum_values(
    dialect: &(impl SqlDialect + ?Sized),
    column: &Column,
    cx: &Context<'_>,
) -> Option<String> {
    let DataType::Enum(id) = &column.data_type else {
        return None;
    };
    let enum_type = cx.schema.enum_type(*id)?;
    Some(
        enum_type
            .values
            .iter()
            .map(|v| dialect.literal(v))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// Identity kinds a dialect cannot tell apart become its one auto-increment form.
pub fn note_identity_kind(column: &Column, table: &Table, dialect: &str, cx: &mut Context<'_>) {
    if matches!(
        column.identity,
        Some(Identity::Always) | Some(Identity::ByDefault)
    ) {
        cx.lose(
            super::column_label(table, column),
            format!("{dialect} has one auto-increment form; GENERATED … AS IDENTITY written as it"),
        );
    }
}
