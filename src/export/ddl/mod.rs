//! SQL DDL for one dialect: `schemaboard export model.ron --format sql --dialect D`.
//!
//! The writer ([`export_ddl`]) is shared; each dialect ([`postgres`], [`mysql`], [`sqlite`],
//! [`mssql`]) is a [`SqlDialect`] whose methods say how it spells what differs, the way
//! sqlparser-rs structures its dialects. Output is deterministic. Where a dialect cannot express
//! part of the model, the DDL says the nearest thing it can and a [`Loss`] says what was lost.

mod clauses;
mod dialect;
pub mod expression;
mod foreign_types;
pub mod mssql;
pub mod mysql;
pub mod names;
pub mod order;
pub mod postgres;
pub mod sqlite;
pub mod verbatim;

use crate::model::{Column, Dialect, Schema, Table};
pub use clauses::*;
pub use dialect::SqlDialect;

/// The DDL writer for `dialect`: the one place a model dialect becomes a writer.
pub fn writer(dialect: Dialect) -> &'static dyn SqlDialect {
    match dialect {
        Dialect::Postgres => &postgres::Postgres,
        Dialect::MySql => &mysql::MySql,
        Dialect::Sqlite => &sqlite::Sqlite,
        Dialect::MsSql => &mssql::MsSql,
    }
}
use std::fmt::Write;

/// How a report names a column: `table.column`. Reports only, never written into SQL.
pub fn column_label(table: &Table, column: &Column) -> String {
    // escaped where written: it is shown to the user, not to a server.
    format!("{}.{}", table.name, column.name)
}

/// Something the dialect could not express, said plainly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loss {
    /// Where (`orders.status`, `index orders_open_idx`).
    pub object: String,
    /// What happened (`jsonb written as TEXT`).
    pub message: String,
}

/// The DDL script and what it could not say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ddl {
    /// The script.
    pub sql: String,
    /// Each lossy mapping, in script order.
    pub losses: Vec<Loss>,
}

/// Why no script was written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// Two names become one when cut to the dialect's length limit; the server would refuse the
    /// second.
    #[error(
        "{kind} names {first:?} and {second:?} are both {kept:?} once cut to {dialect}'s length limit; rename one"
    )]
    NamesCollide {
        /// What is named.
        kind: &'static str,
        /// The first name.
        first: String,
        /// The second.
        second: String,
        /// What both become.
        kept: String,
        /// The dialect.
        dialect: &'static str,
    },
    /// A column named by the user (a backfill) that the model does not have.
    #[error("{place}: the new model has no such column")]
    NoSuchColumn {
        /// The table and column as given.
        place: String,
    },
    /// Text the model holds as SQL that could do more than it says (a table option with a `;`
    /// in it): nothing is written, so nothing runs.
    #[error("{object}: {text:?} is refused as {dialect} SQL: {why}")]
    UnsafeText {
        /// Where the text is.
        object: String,
        /// The text.
        text: String,
        /// Why it is refused.
        why: String,
        /// The dialect.
        dialect: &'static str,
    },
}

/// Refuses a model whose table options, partition clauses, operator classes or index methods,
/// written as they are, would be more than one clause of the target's SQL.
pub fn check_verbatim_clauses(
    schema: &Schema,
    dialect: &dyn SqlDialect,
) -> Result<(), ExportError> {
    use crate::model::table::{MYSQL_TABLE_OPTIONS, PARTITION_BOUND, PARTITION_BY, PARTITION_OF};
    let target = dialect.dialect();
    let refuse = |object: String, text: &str, why: String| ExportError::UnsafeText {
        object,
        text: text.to_string(),
        why,
        dialect: dialect.name(),
    };
    for table in &schema.tables {
        for property in [
            MYSQL_TABLE_OPTIONS,
            PARTITION_BY,
            PARTITION_OF,
            PARTITION_BOUND,
            "inherits",
        ] {
            if let Some(text) = table.properties.get(property) {
                verbatim::clause(text, target, verbatim::Clause::Options).map_err(|why| {
                    refuse(format!("{} {property}", table.qualified_name()), text, why)
                })?;
            }
        }
        for index in &table.indexes {
            let object = || format!("index {}", index_name(table, index));
            if let crate::model::IndexMethod::Other(method) = &index.method {
                verbatim::clause(method, target, verbatim::Clause::Type)
                    .map_err(|why| refuse(object(), method, why))?;
            }
            for opclass in index.keys.iter().filter_map(|k| k.opclass.as_ref()) {
                verbatim::clause(opclass, target, verbatim::Clause::Type)
                    .map_err(|why| refuse(object(), opclass, why))?;
            }
        }
    }
    Ok(())
}

/// Collects losses while writing.
pub struct Context<'a> {
    /// The model being written.
    pub schema: &'a Schema,
    losses: Vec<Loss>,
    /// Unique constraints written under another name than the model's, where constraint
    /// names share one namespace per schema.
    pub renamed_uniques: std::collections::BTreeMap<crate::model::ConstraintId, String>,
    /// Every column some foreign key references, found once (asking per column scanned every
    /// table's foreign keys, which made exporting a large model quadratic).
    referenced: std::cell::OnceCell<
        std::collections::HashSet<(crate::model::TableId, crate::model::ColumnId)>,
    >,
}

impl<'a> Context<'a> {
    /// A fresh context for writing `schema`.
    pub fn new(schema: &'a Schema) -> Self {
        Self {
            schema,
            losses: Vec::new(),
            renamed_uniques: Default::default(),
            referenced: Default::default(),
        }
    }

    /// Whether a foreign key of the model references `column` of `table`.
    pub fn is_referenced(
        &self,
        table: crate::model::TableId,
        column: crate::model::ColumnId,
    ) -> bool {
        self.referenced
            .get_or_init(|| {
                self.schema
                    .tables
                    .iter()
                    .flat_map(|t| &t.foreign_keys)
                    .flat_map(|fk| fk.referenced_columns.iter().map(|c| (fk.references, *c)))
                    .collect()
            })
            .contains(&(table, column))
    }

    /// What was lost while writing.
    pub fn into_losses(self) -> Vec<Loss> {
        self.losses
    }

    /// Records a loss.
    pub fn lose(&mut self, object: impl Into<String>, message: impl Into<String>) {
        self.losses.push(Loss {
            object: object.into(),
            message: message.into(),
        });
    }
}

/// Writes the whole model as a DDL script for `dialect`.
pub fn export_ddl(schema: &Schema, dialect: &dyn SqlDialect) -> Result<Ddl, ExportError> {
    check_verbatim_clauses(schema, dialect)?;
    let mut cx = Context {
        losses: check_lengths(schema, dialect)?,
        ..Context::new(schema)
    };
    let renamed = unique_index_names(schema, dialect, &mut cx);
    let mut out = String::new();
    let sep = dialect.separator();
    let _ = writeln!(
        out,
        "-- {} for {}, written by Schemaboard",
        sql_comment(&schema.name),
        dialect.name()
    );
    out.push('\n');
    if let Some(preamble) = dialect.preamble() {
        out.push_str(preamble);
        out.push('\n');
    }
    if dialect.has_schemas() {
        // Schemas holding only views or routines kept verbatim are needed too.
        // Only statements that make an object in a schema (not CLUSTER s.t or COMMENT ON s.x),
        // with the name folded as the dialect folds an unquoted one.
        let verbatim_schemas = schema
            .verbatim
            .iter()
            .filter(|o| o.dialect == dialect.dialect())
            .filter(|o| !matches!(o.kind.as_str(), "cluster" | "comment" | "altered sequence"))
            .filter_map(|o| o.name.rsplit_once('.').map(|(s, _)| s))
            .filter_map(|s| {
                let bare = s.trim_matches(['"', '`', '[', ']']);
                if bare.contains(['.', '"', '`', '[', ']'])
                    || Dialect::ALL
                        .iter()
                        .filter_map(|d| d.default_schema())
                        .any(|default| bare.eq_ignore_ascii_case(default))
                {
                    return None;
                }
                let quoted = bare.len() != s.len();
                Some(if !quoted && dialect.dialect().folds_unquoted_to_lower() {
                    bare.to_lowercase()
                } else {
                    bare.to_string()
                })
            });
        let mut schemas: Vec<String> = schema
            .tables
            .iter()
            .filter_map(|t| t.schema.clone())
            .chain(schema.enums.iter().filter_map(|e| e.schema.clone()))
            .chain(verbatim_schemas)
            .collect();
        schemas.sort_unstable();
        schemas.dedup();
        for name in &schemas {
            out.push_str(&dialect.create_schema(name));
            out.push_str(sep);
        }
    } else {
        for table in schema.tables.iter().filter(|t| t.schema.is_some()) {
            cx.lose(
                table.qualified_name(),
                format!(
                    "{} has no schemas; written as {}",
                    dialect.name(),
                    table.name
                ),
            );
        }
    }
    for statement in dialect.enum_types(&mut cx) {
        out.push_str(&statement);
        out.push_str(sep);
    }
    let mut seen = std::collections::BTreeSet::new();
    for object in schema
        .verbatim
        .iter()
        .filter(|o| runs_before_tables(schema, o))
    {
        write_verbatim(dialect, object, &mut seen, &mut cx, &mut out);
    }
    let inline_all = !dialect.alter_add_foreign_key();
    let order = if inline_all {
        order::creation_order(schema)
    } else {
        // Every foreign key after every table, as pg_dump and mysqldump write them: a table the
        // server refuses then takes no other table down with it. Tables then keep the model's
        // order, which is the script's they were read from (a parent before its INHERITS child).
        order::CreationOrder {
            tables: (0..schema.tables.len()).collect(),
            deferred: schema
                .tables
                .iter()
                .flat_map(|t| t.foreign_keys.iter().map(|fk| fk.id))
                .collect(),
        }
    };
    for &index in &order.tables {
        let table = &schema.tables[index];
        let postgres = dialect.dialect() == crate::model::Dialect::Postgres;
        if let Some(parent) = table.properties.get(crate::model::table::PARTITION_OF)
            && !postgres
        {
            cx.lose(
                table.qualified_name(),
                format!(
                    "{} has no PARTITION OF: a partition of {parent} written as a table of its own",
                    dialect.name()
                ),
            );
        }
        if table
            .properties
            .contains_key(crate::model::table::PARTITION_BY)
            && !postgres
        {
            cx.lose(
                table.qualified_name(),
                format!(
                    "{} partitioning is not carried; written as one table",
                    dialect.name()
                ),
            );
        }
        if let Some(parents) = table.properties.get("inherits")
            && !postgres
        {
            cx.lose(
                table.qualified_name(),
                format!(
                    "{} has no table inheritance: INHERITS ({parents}) left out; the table keeps its own copy of the columns",
                    dialect.name()
                ),
            );
        }
        out.push('\n');
        create_table(
            dialect,
            table,
            &order.deferred,
            inline_all,
            &mut cx,
            &mut out,
        );
        out.push_str(sep);
    }
    for &index in &order.tables {
        if let Some(statement) = dialect.attach_partition(&schema.tables[index]) {
            out.push('\n');
            out.push_str(&statement);
            out.push_str(sep);
        }
    }
    // Indexes before the foreign keys, as pg_dump writes them: InnoDB then finds the index a
    // foreign key needs instead of making one of its own. A partitioned table's come after its
    // partitions': PostgreSQL then attaches theirs where they match, as it did for the source.
    let mut index_order = order.tables.clone();
    index_order.sort_by_key(|&i| {
        schema.tables[i]
            .properties
            .contains_key(crate::model::table::PARTITION_BY)
    });
    let mut wrote_index = false;
    for &index in &index_order {
        let table = &schema.tables[index];
        for index_def in &table.indexes {
            let index_def = &match renamed.get(&index_def.id) {
                Some(name) => crate::model::Index {
                    name: Some(name.clone()),
                    ..index_def.clone()
                },
                None => index_def.clone(),
            };
            if let Some(statement) = dialect.create_index(table, index_def, &mut cx) {
                if !wrote_index {
                    out.push('\n');
                    wrote_index = true;
                }
                out.push_str(&statement);
                out.push_str(sep);
                if !index_def.comment.is_empty()
                    && let Some(comment) = dialect.index_comment(table, index_def, &mut cx)
                {
                    out.push_str(&comment);
                    out.push_str(sep);
                }
            }
        }
    }
    if !inline_all {
        for &index in &order.tables {
            let table = &schema.tables[index];
            for fk in table
                .foreign_keys
                .iter()
                .filter(|fk| order.deferred.contains(&fk.id))
            {
                let clause = foreign_key(dialect, table, fk, &mut cx);
                let _ = write!(
                    out,
                    "\nALTER TABLE {} ADD {clause}",
                    dialect.table_name(table)
                );
                out.push_str(sep);
            }
        }
    }
    for &index in &order.tables {
        let table = &schema.tables[index];
        if let Some(column) = auto_updated_column(table) {
            for statement in dialect.touch_on_update(table, column, &mut cx) {
                out.push('\n');
                out.push_str(&statement);
                out.push_str(sep);
            }
        }
    }
    let mut wrote_comment = false;
    for &index in &order.tables {
        for statement in dialect.comments(&schema.tables[index]) {
            if !wrote_comment {
                out.push('\n');
                wrote_comment = true;
            }
            out.push_str(&statement);
            // A comment that is only SQL comment lines needs no terminator.
            if statement.starts_with("--") {
                out.push('\n');
            } else {
                out.push_str(sep);
            }
        }
    }
    for object in schema
        .verbatim
        .iter()
        .filter(|o| !runs_before_tables(schema, o))
    {
        write_verbatim(dialect, object, &mut seen, &mut cx, &mut out);
    }
    Ok(Ddl {
        sql: with_loss_report(out, &cx.losses),
        losses: cx.losses,
    })
}

/// The script with what it does not carry listed in a comment block after its title line, so a
/// reader of the file alone knows too.
fn with_loss_report(script: String, losses: &[Loss]) -> String {
    if losses.is_empty() {
        return script;
    }
    let (title, rest) = script.split_once('\n').unwrap_or((&script, ""));
    let mut out = String::with_capacity(script.len() + 80 * losses.len());
    let _ = writeln!(out, "{title}");
    let _ = writeln!(
        out,
        "--\n-- Not carried as it is in the model ({} item(s)):",
        losses.len()
    );
    for loss in losses {
        let _ = writeln!(
            out,
            "--   {}: {}",
            sql_comment(&loss.object),
            sql_comment(&loss.message)
        );
    }
    out.push_str(rest);
    out
}

/// Where index names share one namespace per schema (PostgreSQL, SQLite) but the model's came
/// from a dialect that keeps them per table (MySQL's `KEY username` on several tables), the
/// second and later of a name become `table_name`, and each rename is said.
fn unique_index_names(
    schema: &Schema,
    dialect: &dyn SqlDialect,
    cx: &mut Context<'_>,
) -> std::collections::BTreeMap<crate::model::IndexId, String> {
    let mut renamed = std::collections::BTreeMap::new();
    if !dialect.index_names_per_schema() {
        return renamed;
    }
    let key = |table: &Table, name: &str| {
        (
            table.schema.clone().filter(|_| dialect.has_schemas()),
            name.to_lowercase(),
        )
    };
    let mut taken = std::collections::BTreeSet::new();
    for table in &schema.tables {
        taken.insert(key(table, &table.name));
        if let Some(pk) = &table.primary_key {
            taken.insert(key(
                table,
                &names::primary_key_name(dialect.dialect(), table, pk),
            ));
        }
    }
    let free = |taken: &mut std::collections::BTreeSet<_>, table: &Table, name: &str| {
        // escaped where written: a generated constraint name, quoted by `ident` where used.
        let base = format!("{}_{name}", table.name);
        let mut candidate = base.clone();
        let mut n = 2;
        while !taken.insert(key(table, &candidate)) {
            candidate = format!("{base}_{n}");
            n += 1;
        }
        candidate
    };
    // A PostgreSQL unique constraint is an index of its name: those share the namespace too.
    let uniques_are_indexes = dialect.dialect() == crate::model::Dialect::Postgres;
    for table in &schema.tables {
        for unique in &table.uniques {
            let name = dialect.unique_name(table, unique);
            if taken.insert(key(table, &name)) || !uniques_are_indexes {
                continue;
            }
            let candidate = free(&mut taken, table, &name);
            cx.lose(
                format!("unique {name}"),
                format!(
                    "{} constraint names are one per schema and {name} is taken; written as {candidate}",
                    dialect.name()
                ),
            );
            cx.renamed_uniques.insert(unique.id, candidate);
        }
    }
    for table in &schema.tables {
        for index in &table.indexes {
            let name = dialect.index_name(table, index);
            if taken.insert(key(table, &name)) {
                continue;
            }
            let candidate = free(&mut taken, table, &name);
            cx.lose(
                format!("index {name}"),
                format!(
                    "{} index names are one per schema and {name} is taken; written as {candidate}",
                    dialect.name()
                ),
            );
            renamed.insert(index.id, candidate);
        }
    }
    renamed
}

/// Extensions, domains and types come before the tables that use them, and so do functions that
/// a default, check or computed column calls; other functions, views and triggers come after the
/// tables they read.
fn runs_before_tables(schema: &Schema, object: &crate::model::VerbatimSql) -> bool {
    match object.kind.as_str() {
        "extension" | "domain" | "type" | "sequence" | "collation" => true,
        "function" | "procedure" => {
            let bare = object
                .name
                .rsplit('.')
                .next()
                .unwrap_or(&object.name)
                .trim_matches(['"', '`', '[', ']'])
                .to_lowercase();
            let calls = |sql: &str| sql.to_lowercase().contains(&format!("{bare}("));
            schema.tables.iter().any(|t| {
                t.checks.iter().any(|c| calls(&c.expression))
                    || t.columns.iter().any(|c| {
                        c.default.as_deref().is_some_and(calls)
                            || c.generated.as_deref().is_some_and(calls)
                    })
            })
        }
        _ => false,
    }
}

fn write_verbatim(
    dialect: &dyn SqlDialect,
    object: &crate::model::VerbatimSql,
    seen: &mut std::collections::BTreeSet<(String, String)>,
    cx: &mut Context<'_>,
    out: &mut String,
) {
    // Scripts often create the same extension twice; the second would fail.
    if object.kind == "extension" && !seen.insert((object.kind.clone(), object.name.to_lowercase()))
    {
        return;
    }
    if object.dialect != dialect.dialect() {
        cx.lose(
            format!("{} {}", object.kind, object.name),
            format!(
                "written for {}, not {}; left out",
                object.dialect,
                dialect.name()
            ),
        );
        return;
    }
    out.push('\n');
    // The object's own SQL, which is meant to run: kept as the import or the app's SQL editor
    // read it, one statement of its kind.
    // escaped where written
    out.push_str(&dialect.verbatim(&object.sql));
}

/// The table property that asks for a column kept at the time of the last UPDATE.
pub const AUTO_UPDATED_AT: &str = "auto_updated_at";

/// The column named by the table's `auto_updated_at` property, if it has one.
pub fn auto_updated_column(table: &Table) -> Option<&Column> {
    let name = table.properties.get(AUTO_UPDATED_AT)?;
    table.column_named(name)
}

/// Text for an SQL line comment: one line, whatever the model's name holds.
pub use crate::export::escape::sql_comment;

/// A default for a dialect other than PostgreSQL: casts dropped, common functions translated.
pub fn translate_default(expression: &str, dialect: &str) -> String {
    translate_functions(&without_casts(expression), dialect)
}

/// The few functions defaults use everywhere, spelled the way each dialect spells them.
fn translate_functions(expression: &str, dialect: &str) -> String {
    let lower = expression.trim().to_ascii_lowercase();
    let now = matches!(
        lower.as_str(),
        "now()" | "current_timestamp" | "current_timestamp()" | "getdate()" | "localtimestamp"
    );
    let uuid = matches!(
        lower.as_str(),
        "gen_random_uuid()" | "uuid()" | "newid()" | "uuid_generate_v4()"
    );
    match dialect {
        _ if now => "CURRENT_TIMESTAMP".to_string(),
        "mysql" if uuid => "(uuid())".to_string(),
        "mssql" if uuid => "newid()".to_string(),
        "sqlite" if uuid => "(lower(hex(randomblob(16))))".to_string(),
        _ => expression.to_string(),
    }
}

/// `'ok'::mood` → `'ok'`: PostgreSQL casts in defaults read by the importer, for other dialects.
fn without_casts(expression: &str) -> String {
    let mut out = String::with_capacity(expression.len());
    let mut in_string = false;
    let mut chars = expression.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            in_string = !in_string;
        }
        if !in_string && c == ':' && chars.peek() == Some(&':') {
            // Skip the type name (and its parenthesised arguments or array brackets).
            chars.next();
            while let Some(&next) = chars.peek() {
                if next.is_alphanumeric()
                    || matches!(next, '_' | '.' | '"' | '[' | ']' | ' ' | '(' | ')' | ',')
                {
                    if next == ' ' || next == ')' || next == ',' {
                        break;
                    }
                    chars.next();
                } else {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// Names longer than the dialect allows are cut as its server would cut them, each cut
/// reported as a loss naming both spellings; only two names that the cut makes the same (two
/// tables, two columns of a table, two constraints or indexes of a table) are refused, since the
/// script would then fail on the server.
pub fn check_lengths(schema: &Schema, dialect: &dyn SqlDialect) -> Result<Vec<Loss>, ExportError> {
    let mut losses = Vec::new();
    let mut cut = |kind: &'static str, name: &str| -> String {
        let kept = dialect.server_name(name);
        let repaired = dialect.name_repair(name);
        if repaired != name {
            losses.push(Loss {
                object: format!("{kind} {}", sql_comment(name)),
                message: format!(
                    "{} refuses this name as it is (a NUL, a character past U+FFFF or a trailing space); written as {:?}",
                    dialect.name(),
                    kept
                ),
            });
        } else if kept != name
            && let Some(limit) = dialect.dialect().name_limit()
        {
            losses.push(Loss {
                object: format!("{kind} {name}"),
                message: format!(
                    "the name is {} {} long; {} keeps the first {}: {kept}",
                    limit.measure(name),
                    limit.unit(),
                    dialect.name(),
                    limit.max()
                ),
            });
        }
        kept.into_owned()
    };
    let collide = |kind: &'static str, names: Vec<(String, &str)>| -> Result<(), ExportError> {
        let mut seen: std::collections::BTreeMap<String, &str> = Default::default();
        for (kept, name) in names {
            if let Some(first) = seen.insert(kept.clone(), name)
                && first != name
            {
                return Err(ExportError::NamesCollide {
                    kind,
                    first: first.to_string(),
                    second: name.to_string(),
                    kept,
                    dialect: dialect.name(),
                });
            }
        }
        Ok(())
    };
    let mut tables = Vec::new();
    for table in &schema.tables {
        let schema_name = table.schema.as_deref().map(|s| cut("schema", s));
        tables.push((
            // escaped where written: names compared for collisions, never written.
            format!(
                "{}.{}",
                schema_name.unwrap_or_default(),
                cut("table", &table.name)
            ),
            table.name.as_str(),
        ));
        let columns = table
            .columns
            .iter()
            .map(|c| (cut("column", &c.name), c.name.as_str()))
            .collect();
        collide("column", columns)?;
        let named = table
            .primary_key
            .iter()
            .filter_map(|k| k.name.as_deref())
            .chain(table.uniques.iter().filter_map(|k| k.name.as_deref()))
            .chain(table.checks.iter().filter_map(|k| k.name.as_deref()))
            .chain(table.foreign_keys.iter().filter_map(|k| k.name.as_deref()));
        let mut constraints: Vec<(String, &str)> = Vec::new();
        for name in named {
            constraints.push((cut("constraint", name), name));
        }
        collide("constraint", constraints)?;
        for index in &table.indexes {
            cut("index", &index_name(table, index));
        }
    }
    collide("table", tables)?;
    for enum_type in &schema.enums {
        cut("type", &enum_type.name);
    }
    Ok(losses)
}

#[cfg(test)]
mod tests;
