//! From parsed statements to the model: the importer's state while it reads a script.

mod alter;
pub mod like;
mod table;
pub mod table_options;
mod type_spelling;
pub mod types;
mod version_gate;

use super::column_places::ColumnPlaces;
use super::dialect::Dialect;
use super::report::Report;
use crate::model::{
    ColumnId, ConstraintId, Edit, ForeignKey, ReferentialAction, Schema, Table, TableId,
};
use sqlparser::ast::{self, Ident, ObjectName, Statement};
use std::collections::HashMap;

pub use alter::Handled;

/// A position in the file, for diagnostics.
#[derive(Clone, Copy, Debug)]
pub struct At {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// A foreign key waiting for the end of the script, when every table it may name exists.
struct PendingForeignKey {
    table: TableId,
    name: Option<String>,
    columns: Vec<ColumnId>,
    target: (Option<String>, String),
    target_columns: Vec<String>,
    on_delete: ReferentialAction,
    on_update: ReferentialAction,
    deferrable: Option<crate::model::table::Deferral>,
    match_full: bool,
    at: At,
}

/// The model under construction.
pub struct State {
    /// The model so far.
    pub schema: Schema,
    /// The dialect being read.
    pub dialect: Dialect,
    /// Inside `CREATE SCHEMA x CREATE TABLE …`, the schema unqualified names belong to.
    pub current_schema: Option<String>,
    tables: HashMap<(Option<String>, String), TableId>,
    pending: Vec<PendingForeignKey>,
    /// Names of views seen (lower-cased, unqualified), so an index on one is skipped, not failed.
    views: std::collections::HashSet<String>,
    /// The statement being read, as the parser read it, and where its lines start.
    source: Source,
    /// The `LIKE` elements taken out of the CREATE TABLE being read.
    pub likes: Vec<like::Like>,
    /// Where each column of a wide table is, by name, for [`State::column_named`].
    column_places: ColumnPlaces,
}

/// The text the parser read, to find what it spelled at a position it reports.
#[derive(Default)]
pub struct Source {
    text: String,
    line_starts: Vec<usize>,
    /// All ASCII: a column is a byte offset (the common case, and no scan per lookup).
    ascii: bool,
}

impl Source {
    /// The statement as the parser read it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The byte offset of sqlparser's 1-based line and column (in characters).
    pub fn offset(&self, location: sqlparser::tokenizer::Location) -> Option<usize> {
        let line = usize::try_from(location.line).ok()?.checked_sub(1)?;
        let column = usize::try_from(location.column).ok()?.checked_sub(1)?;
        let start = *self.line_starts.get(line)?;
        if self.ascii {
            let at = start + column;
            return (at <= self.text.len()).then_some(at);
        }
        let rest = &self.text[start..];
        match rest.char_indices().nth(column) {
            Some((at, _)) => Some(start + at),
            None => (rest.chars().count() == column).then_some(self.text.len()),
        }
    }

    /// The text from byte `from` on.
    pub fn from(&self, from: usize) -> &str {
        self.text.get(from..).unwrap_or_default()
    }

    /// What the script wrote for `node` (SQLite keeps a default as written, `FALSE` not
    /// `false`), when its span is known and holds the same tokens as the parser's `printed`.
    pub fn written(&self, node: &impl sqlparser::ast::Spanned, printed: &str) -> Option<&str> {
        let span = node.span();
        let start = self.offset(span.start)?;
        let end = self.offset(span.end)?;
        let text = self.text.get(start..end)?.trim();
        same_tokens(text, printed).then_some(text)
    }
}

/// Whether two spellings are the same tokens, ignoring case and spacing.
pub fn same_tokens(a: &str, b: &str) -> bool {
    // Compared as they go, without copies: this runs for every column and default read.
    fn squeeze(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
    }
    squeeze(a).eq(squeeze(b))
}

impl State {
    /// An empty model titled `name`.
    pub fn new(name: &str, dialect: Dialect) -> Self {
        Self {
            schema: Schema::new(name),
            dialect,
            current_schema: None,
            tables: HashMap::new(),
            pending: Vec::new(),
            views: std::collections::HashSet::new(),
            source: Source::default(),
            likes: Vec::new(),
            column_places: Default::default(),
        }
    }

    /// The statement text that the next statements' positions are in.
    pub fn set_source(&mut self, text: &str) {
        self.source.text.clear();
        self.source.text.push_str(text);
        self.source.line_starts.clear();
        self.source.line_starts.push(0);
        self.source
            .line_starts
            .extend(text.match_indices('\n').map(|(at, _)| at + 1));
        self.source.ascii = text.is_ascii();
    }

    /// The text the parser read.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// `ALTER TABLE t ENGINE=InnoDB …` of a MySQL script, applied to the table's kept options;
    /// whether it was one (and the table known).
    pub fn alter_table_options(&mut self, statement: &str) -> bool {
        let words: Vec<&str> = statement.splitn(4, char::is_whitespace).collect();
        let [alter, table, name, rest] = words.as_slice() else {
            return false;
        };
        if !alter.eq_ignore_ascii_case("ALTER") || !table.eq_ignore_ascii_case("TABLE") {
            return false;
        }
        let (schema, bare) = split_name(name);
        let Some(id) = self.find_table(schema.as_deref(), &bare) else {
            return false;
        };
        let key = crate::model::table::MYSQL_TABLE_OPTIONS;
        let Some(table) = self.schema.table_mut(id) else {
            return false;
        };
        let existing = table.properties.get(key).cloned().unwrap_or_default();
        match table_options::apply(&existing, rest) {
            Some(options) => {
                table.properties.insert(key.to_string(), options);
                true
            }
            None => false,
        }
    }

    /// Whether `name` is a shadow table of a kept SQLite virtual table (`t_content` of `t`).
    pub fn is_virtual_table_shadow(&self, name: &str) -> bool {
        let name = name.to_lowercase();
        self.schema
            .verbatim
            .iter()
            .filter(|o| o.kind == "virtual table")
            .any(|o| name.starts_with(&format!("{}_", bare_name(&o.name))))
    }

    /// Remembers a view's name from its (skipped) definition.
    pub fn note_view(&mut self, name: &str) {
        self.views.insert(bare_name(name));
    }

    /// Whether `name` is a view seen earlier.
    pub fn is_view(&self, name: &ObjectName) -> bool {
        self.views.contains(&bare_name(&name.to_string()))
    }

    /// Takes one parsed statement into the model.
    pub fn statement(&mut self, statement: &Statement, at: At, report: &mut Report) -> Handled {
        alter::statement(self, statement, at, report)
    }

    /// Resolves the foreign keys collected along the way; unresolvable ones become warnings.
    pub fn finish(mut self, report: &mut Report) -> Schema {
        for pending in std::mem::take(&mut self.pending) {
            if let Err(message) = self.resolve(&pending) {
                report.warn(pending.at.line, pending.at.column, message);
            }
        }
        self.schema
    }

    fn resolve(&mut self, pending: &PendingForeignKey) -> Result<(), String> {
        let (schema, name) = &pending.target;
        // A name the search path put in its first schema may be a table of the default one.
        let target_id = self
            .find_table(schema.as_deref(), name)
            .or_else(|| schema.as_ref().and_then(|_| self.find_table(None, name)))
            .ok_or_else(|| {
                format!(
                    "foreign key references unknown table {}",
                    display(schema, name)
                )
            })?;
        let target = self
            .schema
            .table(target_id)
            .ok_or_else(|| "table vanished".to_string())?;
        let referenced = if pending.target_columns.is_empty() {
            // `REFERENCES t` alone means t's primary key.
            target
                .primary_key
                .as_ref()
                .map(|pk| pk.columns.clone())
                .ok_or_else(|| format!("{} has no primary key to reference", target.name))?
        } else {
            pending
                .target_columns
                .iter()
                .map(|c| {
                    column_named(target, c, self.dialect).ok_or_else(|| {
                        format!("foreign key references unknown column {}.{c}", target.name)
                    })
                })
                .collect::<Result<Vec<_>, _>>()?
        };
        let id: ConstraintId = self.schema.ids.allocate();
        Edit::AddForeignKey {
            table: pending.table,
            foreign_key: ForeignKey {
                id,
                name: pending.name.clone(),
                columns: pending.columns.clone(),
                references: target_id,
                referenced_columns: referenced,
                on_delete: pending.on_delete,
                on_update: pending.on_update,
                deferrable: pending.deferrable,
                match_full: pending.match_full,
            },
            index: usize::MAX,
        }
        .apply_new(&mut self.schema)
        .map(|_| ())
        .map_err(|e| format!("foreign key not added: {e}"))
    }

    /// Folds an identifier the way the database does: PostgreSQL lowercases unquoted names.
    pub fn fold(&self, ident: &Ident) -> String {
        if ident.quote_style.is_none() && self.dialect == Dialect::Postgres {
            ident.value.to_lowercase()
        } else {
            ident.value.clone()
        }
    }

    /// `db.schema.table` → (schema, table), with the dialect's default schema as `None`.
    pub fn object_name(&self, name: &ObjectName) -> (Option<String>, String) {
        let parts: Vec<String> = name
            .0
            .iter()
            .filter_map(|part| part.as_ident())
            .map(|ident| self.fold(ident))
            .collect();
        let (schema, table) = match parts.as_slice() {
            [] => (None, String::new()),
            [table] => (self.current_schema.clone(), table.clone()),
            [.., schema, table] => (Some(schema.clone()), table.clone()),
        };
        let schema = schema.filter(|s| {
            self.dialect
                .default_schema()
                .is_none_or(|default| !s.eq_ignore_ascii_case(default))
        });
        (schema, table)
    }

    fn key(&self, schema: Option<&str>, name: &str) -> (Option<String>, String) {
        if self.dialect == Dialect::Postgres {
            (schema.map(str::to_string), name.to_string())
        } else {
            (schema.map(str::to_lowercase), name.to_lowercase())
        }
    }

    /// The table with this name; unqualified names also find a table of the current schema.
    pub fn find_table(&self, schema: Option<&str>, name: &str) -> Option<TableId> {
        self.tables
            .get(&self.key(schema, name))
            .copied()
            .or_else(|| {
                let current = self.current_schema.as_deref()?;
                if schema.is_none() {
                    self.tables.get(&self.key(Some(current), name)).copied()
                } else {
                    None
                }
            })
    }

    /// Renames a table, keeping the name index in step.
    pub fn rename_table(
        &mut self,
        id: TableId,
        schema: Option<String>,
        name: String,
    ) -> Result<(), String> {
        let table = self.schema.table(id).ok_or("table vanished")?;
        let old_key = self.key(table.schema.as_deref(), &table.name);
        let new_key = self.key(schema.as_deref(), &name);
        let info = crate::model::TableInfo {
            schema,
            name,
            ..table.info()
        };
        Edit::SetTableInfo { table: id, info }
            .apply(&mut self.schema)
            .map_err(|e| e.to_string())?;
        self.tables.remove(&old_key);
        self.tables.insert(new_key, id);
        Ok(())
    }

    /// Removes a table, its waiting foreign keys and its name.
    pub fn drop_table(&mut self, id: TableId) -> Result<(), String> {
        let table = self.schema.table(id).ok_or("table vanished")?;
        let key = self.key(table.schema.as_deref(), &table.name);
        Edit::RemoveTable { table: id }
            .apply(&mut self.schema)
            .map_err(|e| e.to_string())?;
        self.tables.remove(&key);
        self.pending.retain(|p| p.table != id);
        Ok(())
    }

    /// Forgets a foreign key that has not been resolved yet; whether there was one.
    pub fn forget_pending_foreign_key(&mut self, table: TableId, name: &str) -> bool {
        let before = self.pending.len();
        self.pending.retain(|p| {
            !(p.table == table
                && p.name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(name)))
        });
        self.pending.len() != before
    }

    /// Adds a new table to the model and the name index.
    pub fn add_table(&mut self, table: Table) -> Result<(), String> {
        let key = self.key(table.schema.as_deref(), &table.name);
        let id = table.id;
        // The builder took the table's ids from the allocator for this statement.
        Edit::AddTable {
            table,
            index: usize::MAX,
        }
        .apply_new(&mut self.schema)
        .map_err(|e| e.to_string())?;
        self.tables.insert(key, id);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn defer_foreign_key(
        &mut self,
        table: TableId,
        name: Option<String>,
        columns: Vec<ColumnId>,
        target: &ObjectName,
        target_columns: &[Ident],
        on_delete: Option<ast::ReferentialAction>,
        on_update: Option<ast::ReferentialAction>,
        deferrable: Option<crate::model::table::Deferral>,
        match_full: bool,
        at: At,
    ) {
        let target = self.object_name(target);
        let target_columns = target_columns.iter().map(|c| self.fold(c)).collect();
        self.pending.push(PendingForeignKey {
            table,
            name,
            columns,
            target,
            target_columns,
            on_delete: action(on_delete, self.dialect),
            on_update: action(on_update, self.dialect),
            deferrable,
            match_full,
            at,
        });
    }
}

impl State {
    /// [`column_named`], without a scan of the table per lookup: a dump that indexes a table of
    /// thousands of columns thousands of times stays linear. A name not spelled exactly as the
    /// column is (another case) is looked up by the scan.
    pub fn column_named(&self, table: &Table, name: &str) -> Option<ColumnId> {
        self.column_places
            .exact(table, name)
            .or_else(|| column_named(table, name, self.dialect))
    }
}

/// A column by name: exact first, then ignoring case (all dialects but PostgreSQL compare
/// identifiers without case, and even there a dump's quoting may differ from the reference).
pub fn column_named(table: &Table, name: &str, dialect: Dialect) -> Option<ColumnId> {
    table
        .columns
        .iter()
        .find(|c| c.name == name)
        .or_else(|| {
            let _ = dialect;
            table
                .columns
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(name))
        })
        .map(|c| c.id)
}

/// `DEFERRABLE [INITIALLY DEFERRED | IMMEDIATE]`; INITIALLY DEFERRED alone implies DEFERRABLE.
pub fn deferral(
    characteristics: Option<&ast::ConstraintCharacteristics>,
) -> Option<crate::model::table::Deferral> {
    use crate::model::table::Deferral;
    let c = characteristics?;
    let deferred = c.initially == Some(ast::DeferrableInitial::Deferred);
    match (c.deferrable, deferred) {
        (Some(false), _) => None,
        (_, true) => Some(Deferral::Deferred),
        (Some(true), false) => Some(Deferral::Immediate),
        (None, false) => None,
    }
}

/// The action as the catalog records it: where none is said, MySQL (InnoDB) records and does
/// RESTRICT (checked at once), the others NO ACTION.
fn action(action: Option<ast::ReferentialAction>, dialect: Dialect) -> ReferentialAction {
    match action {
        None if dialect == Dialect::MySql => ReferentialAction::Restrict,
        Some(ast::ReferentialAction::Cascade) => ReferentialAction::Cascade,
        Some(ast::ReferentialAction::Restrict) => ReferentialAction::Restrict,
        Some(ast::ReferentialAction::SetNull) => ReferentialAction::SetNull,
        Some(ast::ReferentialAction::SetDefault) => ReferentialAction::SetDefault,
        Some(ast::ReferentialAction::NoAction) | None => ReferentialAction::NoAction,
    }
}

/// `db.t`, `` `db`.`t` `` → (Some(db), t), quotes removed.
fn split_name(name: &str) -> (Option<String>, String) {
    let unquote = |s: &str| s.trim_matches(['"', '`', '[', ']']).to_string();
    match name.rsplit_once('.') {
        Some((schema, bare)) => (Some(unquote(schema)), unquote(bare)),
        None => (None, unquote(name)),
    }
}

/// `[Sales].[vStore]`, `public."v"`, `v` → `v`, lower-cased.
fn bare_name(name: &str) -> String {
    let last = name.rsplit('.').next().unwrap_or(name);
    last.trim_matches(['"', '[', ']', '`']).to_lowercase()
}

fn display(schema: &Option<String>, name: &str) -> String {
    match schema {
        Some(schema) => format!("{schema}.{name}"),
        None => name.to_string(),
    }
}
