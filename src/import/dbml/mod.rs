//! DBML (dbdiagram.io) into a model: tables with column settings, indexes, references (inline
//! and `Ref`), enums, table groups with their colours, notes, and the project's database type as
//! the model's target dialect. A malformed element is reported with its line and column and
//! skipped; the rest is read.

mod lexer;
mod parse;

use super::column_places::{ColumnPlaces, name_hash};
use super::report::Report;
use crate::model::{
    CheckConstraint, Color, Column, ColumnId, DataType, Dialect, EnumType, ForeignKey, Group,
    Identity, Index, IndexKey, IndexMethod, IndexTarget, Note, Point, PrimaryKey,
    ReferentialAction, Schema, Table, UniqueConstraint,
};
use parse::{Document, End, Parser, unquote};
use rustc_hash::FxHashMap;

/// What a DBML import produced.
#[derive(Debug)]
pub struct DbmlImport {
    /// The model.
    pub schema: Schema,
    /// What failed or was left out, with where.
    pub report: Report,
}

/// Reads DBML `text` into a model titled `title` (the project's name wins when it has one).
pub fn import_dbml(text: &str, title: &str) -> DbmlImport {
    let mut doc = Document::default();
    let mut parser = Parser::new(text);
    let mut builder = Builder::new(title);
    let mut syntax_errors = Vec::new();
    loop {
        let read = parser.element(&mut doc);
        // Each element becomes part of the model as soon as it is read, while its text is still
        // in the processor's cache: holding 40,000 parsed tables and building them afterwards
        // made the build's time per table double as the file grew.
        builder.take(&mut doc);
        match read {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                syntax_errors.push(e);
                parser.recover();
            }
        }
    }
    let mut report = Report::default();
    let lex_errors = parser.lex_errors();
    let reported: std::collections::HashSet<(usize, usize)> =
        lex_errors.iter().map(|e| (e.line, e.column)).collect();
    for e in lex_errors {
        report.fail(e.line, e.column, e.message);
    }
    for e in syntax_errors {
        // An element that failed at the lexer's error is reported already.
        if !reported.contains(&(e.line, e.column)) {
            report.fail(e.line, e.column, e.message);
        }
    }
    let mut schema = builder.finish(doc, &mut report);
    // Read in one pass, reported in file order.
    report.diagnostics.sort_by_key(|d| (d.line, d.column));
    schema.lineage = Schema::new_lineage();
    crate::layout::arrange(&mut schema);
    DbmlImport { schema, report }
}

fn dialect_of(database: &str) -> Option<Dialect> {
    let d = database.to_ascii_lowercase();
    if d.contains("postgres") {
        Some(Dialect::Postgres)
    } else if d.contains("mysql") || d.contains("maria") {
        Some(Dialect::MySql)
    } else if d.contains("sqlite") {
        Some(Dialect::Sqlite)
    } else if d.contains("sql server") || d.contains("mssql") || d.contains("sqlserver") {
        Some(Dialect::MsSql)
    } else {
        None
    }
}

fn action(text: &Option<String>) -> ReferentialAction {
    match text.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("cascade") => ReferentialAction::Cascade,
        Some("restrict") => ReferentialAction::Restrict,
        Some("set null") => ReferentialAction::SetNull,
        Some("set default") => ReferentialAction::SetDefault,
        _ => ReferentialAction::NoAction,
    }
}

/// The model as it is built, element by element.
struct Builder {
    schema: Schema,
    report: Report,
    places: ColumnPlaces,
    /// Tables by alias (positions in `schema.tables`, not ids: a search by id per reference
    /// touched a dozen tables far apart in memory each time).
    aliases: FxHashMap<String, usize>,
    /// Tables (positions in `schema.tables`) by the hash of their name, the first of a chain that
    /// `next_named` follows to the others whose names hash the same: keyed by a copy of each name,
    /// the map was a tenth of an import's allocations.
    named: FxHashMap<u64, usize>,
    /// Per table position, the next table in its chain of `named`.
    next_named: Vec<Option<usize>>,
    /// References read before one of their tables was: tried again at the end.
    waiting: Vec<parse::PRef>,
    /// Columns whose type named no type known when they were read, with that text and how many
    /// enums there were then: an enum declared further down may be the type.
    unknown_types: Vec<(usize, usize, String, usize)>,
}

impl Builder {
    fn new(title: &str) -> Self {
        Self {
            schema: Schema::new(title),
            report: Report::default(),
            places: ColumnPlaces::default(),
            aliases: FxHashMap::default(),
            named: FxHashMap::default(),
            next_named: Vec::new(),
            waiting: Vec::new(),
            unknown_types: Vec::new(),
        }
    }

    /// Takes what the parser has read so far out of `doc` (its strings move into the model):
    /// enums, tables and references. Groups, notes and the project wait for the end, since they
    /// name tables that may come later or set the whole model.
    fn take(&mut self, doc: &mut Document) {
        for (enum_schema, name, values) in doc.enums.drain(..) {
            let id = self.schema.ids.allocate();
            self.schema.enums.push(EnumType {
                id,
                schema: enum_schema,
                name,
                values,
                comment: String::new(),
            });
        }
        for table in std::mem::take(&mut doc.tables) {
            self.add_table(table);
        }
        for r in std::mem::take(&mut doc.refs) {
            self.add_ref(r, false);
        }
    }

    /// A table with its columns and indexes; a column's inline `ref:` joins the references.
    fn add_table(&mut self, t: parse::PTable) {
        let schema = &mut self.schema;
        let at = schema.tables.len();
        if let Some(alias) = t.alias {
            self.aliases.entry(alias).or_insert(at);
        }
        let mut table = Table::new(schema.ids.allocate(), t.name, Point::default());
        table.schema = t.schema.filter(|s| s != "public");
        table.comment = t.note;
        table.color = t.color.as_deref().and_then(Color::from_hex);
        let mut inline_refs = Vec::new();
        let mut pk = Vec::new();
        for c in t.columns {
            for (op, to) in c.refs {
                inline_refs.push((table.columns.len(), op, to, c.line, c.column));
            }
            let data_type =
                DataType::parse(&c.type_text, |n| schema.enum_named(n)).unwrap_or(DataType::Text);
            if names_unknown_type(&data_type) {
                self.unknown_types.push((
                    at,
                    table.columns.len(),
                    c.type_text.clone(),
                    schema.enums.len(),
                ));
            }
            let mut column = Column::new(schema.ids.allocate(), c.name, data_type);
            column.nullable = !(c.not_null || c.pk);
            column.default = c.default;
            column.comment = c.note;
            if c.increment {
                column.identity = Some(Identity::AutoIncrement);
            }
            if c.pk {
                pk.push(column.id);
            }
            if c.unique {
                table.uniques.push(UniqueConstraint {
                    id: schema.ids.allocate(),
                    name: None,
                    columns: vec![column.id],
                    nulls_not_distinct: false,
                });
            }
            if let Some(expression) = c.check {
                table.checks.push(CheckConstraint {
                    id: schema.ids.allocate(),
                    name: None,
                    expression,
                    on_column: None,
                });
            }
            table.columns.push(column);
        }
        for index in t.indexes {
            let mut keys = Vec::new();
            for (key, expression) in index.keys {
                let target = if expression {
                    IndexTarget::Expression(key)
                } else if let Some(c) = self.places.exact(&table, &key) {
                    IndexTarget::Column(c)
                } else {
                    self.report.warn(
                        t.line,
                        1,
                        format!("index of {} names no column {key}; left out", table.name),
                    );
                    keys.clear();
                    break;
                };
                keys.push(IndexKey {
                    target,
                    ..IndexKey::column(crate::model::ColumnId(0))
                });
            }
            if keys.is_empty() {
                continue;
            }
            let columns: Vec<_> = keys
                .iter()
                .filter_map(|k| match k.target {
                    IndexTarget::Column(c) => Some(c),
                    IndexTarget::Expression(_) => None,
                })
                .collect();
            if index.pk && columns.len() == keys.len() {
                pk = columns;
                continue;
            }
            table.indexes.push(Index {
                id: schema.ids.allocate(),
                name: index.name,
                unique: index.unique,
                method: match index.method.as_deref() {
                    Some("hash") => IndexMethod::Hash,
                    Some("gin") => IndexMethod::Gin,
                    Some("gist") => IndexMethod::Gist,
                    Some("brin") => IndexMethod::Brin,
                    _ => IndexMethod::BTree,
                },
                keys,
                include: Vec::new(),
                predicate: None,
                comment: index.note,
                mysql_since: None,
            });
        }
        if !pk.is_empty() {
            for c in &mut table.columns {
                if pk.contains(&c.id) {
                    c.nullable = false;
                }
            }
            table.primary_key = Some(PrimaryKey {
                id: schema.ids.allocate(),
                name: None,
                columns: pk,
            });
        }
        let known = self
            .named_in(&table.name, table.schema.as_deref())
            .is_some();
        let schema = &mut self.schema;
        let mut next = None;
        if !known {
            next = self.named.insert(name_hash(&table.name), at);
        }
        self.next_named.push(next);
        schema.tables.push(table);
        for (column, op, to, line, at_column) in inline_refs {
            self.add_inline_ref(at, column, op, to, (line, at_column));
        }
    }

    /// A column's `ref: > table.column`: its own end is known, so it becomes a foreign key at
    /// once unless the other table comes later (then it waits as a named reference).
    fn add_inline_ref(
        &mut self,
        at: usize,
        column: usize,
        op: &'static str,
        to: End,
        (line, at_column): (usize, usize),
    ) {
        let Some(other) = self.find(&to) else {
            let table = &self.schema.tables[at];
            self.waiting.push(parse::PRef {
                from: End {
                    schema: table.schema.clone(),
                    table: table.name.clone(),
                    columns: vec![table.columns[column].name.clone()],
                },
                op,
                to,
                line,
                column: at_column,
                ..Default::default()
            });
            return;
        };
        let here = Side {
            at,
            columns: Some(vec![self.schema.tables[at].columns[column].id]),
            written: None,
        };
        let there = Side {
            at: other,
            columns: self.columns_of(other, &to.columns),
            written: Some(&to.table),
        };
        let meta = Connection {
            op,
            name: None,
            delete: None,
            update: None,
            line,
            column: at_column,
        };
        self.connect(here, there, meta);
    }

    /// The columns of the table at `at` named `names`; `None` if one is not there.
    fn columns_of(&self, at: usize, names: &[String]) -> Option<Vec<ColumnId>> {
        let table = &self.schema.tables[at];
        names.iter().map(|n| self.places.exact(table, n)).collect()
    }

    /// The table an end of a reference names: by alias, then by name and schema.
    fn find(&self, end: &End) -> Option<usize> {
        let by_alias = self
            .aliases
            .get(end.table.as_str())
            .copied()
            .filter(|_| end.schema.is_none());
        if by_alias.is_some() {
            return by_alias;
        }
        let wanted = end.schema.as_deref().filter(|s| *s != "public");
        self.named_in(&end.table, wanted)
    }

    /// The table named `name` in `schema` (`None`: the default one).
    fn named_in(&self, name: &str, schema: Option<&str>) -> Option<usize> {
        let tables = &self.schema.tables;
        let mut at = self.named.get(&name_hash(name)).copied();
        while let Some(here) = at {
            let table = &tables[here];
            if table.name == name && table.schema.as_deref() == schema {
                return Some(here);
            }
            at = self.next_named[here];
        }
        None
    }

    /// A reference becomes a foreign key once both its tables are known; before that it waits,
    /// and at the end (`last`) a table still unknown is reported.
    fn add_ref(&mut self, r: parse::PRef, last: bool) {
        if r.op == "<>" {
            self.report.warn(r.line, r.column, MANY_TO_MANY.into());
            return;
        }
        let (Some(from), Some(to)) = (self.find(&r.from), self.find(&r.to)) else {
            if last {
                let (child, parent) = if r.op == "<" {
                    (&r.to, &r.from)
                } else {
                    (&r.from, &r.to)
                };
                self.report.fail(
                    r.line,
                    r.column,
                    format!(
                        "reference between unknown tables {} and {}",
                        child.table, parent.table
                    ),
                );
            } else {
                self.waiting.push(r);
            }
            return;
        };
        let from = Side {
            at: from,
            columns: self.columns_of(from, &r.from.columns),
            written: Some(&r.from.table),
        };
        let to = Side {
            at: to,
            columns: self.columns_of(to, &r.to.columns),
            written: Some(&r.to.table),
        };
        let meta = Connection {
            op: r.op,
            name: r.name,
            delete: r.delete,
            update: r.update,
            line: r.line,
            column: r.column,
        };
        self.connect(from, to, meta);
    }

    /// The foreign key a reference between two known tables stands for. `>` many-to-one and
    /// `-` one-to-one: the left side holds the key; `<` the right.
    fn connect(&mut self, from: Side, to: Side, r: Connection) {
        let (child, parent) = match r.op {
            ">" | "-" => (from, to),
            "<" => (to, from),
            _ => {
                self.report.warn(r.line, r.column, MANY_TO_MANY.into());
                return;
            }
        };
        let tables = &self.schema.tables;
        let name = |side: &Side| side.written.unwrap_or(&tables[side.at].name).to_string();
        let (Some(columns), Some(referenced)) = (&child.columns, &parent.columns) else {
            let message = format!(
                "reference names a column that {} or {} does not have",
                name(&child),
                name(&parent)
            );
            self.report.fail(r.line, r.column, message);
            return;
        };
        if columns.len() != referenced.len() {
            let message = format!(
                "reference pairs {} column(s) of {} with {} of {}",
                columns.len(),
                name(&child),
                referenced.len(),
                name(&parent)
            );
            self.report.fail(r.line, r.column, message);
            return;
        }
        let foreign_key = ForeignKey {
            id: self.schema.ids.allocate(),
            name: r.name,
            columns: child.columns.unwrap_or_default(),
            references: self.schema.tables[parent.at].id,
            referenced_columns: parent.columns.unwrap_or_default(),
            on_delete: action(&r.delete),
            on_update: action(&r.update),
            deferrable: None,
            match_full: false,
        };
        self.schema.tables[child.at].foreign_keys.push(foreign_key);
    }

    /// The model, once the whole text is read: references still waiting, types an enum declared
    /// later names, then the project, groups and notes (`doc` holds what is left of them).
    fn finish(mut self, doc: Document, report: &mut Report) -> Schema {
        for r in std::mem::take(&mut self.waiting) {
            self.add_ref(r, true);
        }
        let schema = &mut self.schema;
        for (table, column, text, enums_then) in std::mem::take(&mut self.unknown_types) {
            if schema.enums.len() > enums_then
                && let Ok(data_type) = DataType::parse(&text, |n| schema.enum_named(n))
            {
                schema.tables[table].columns[column].data_type = data_type;
            }
        }
        if let Some((name, database, note)) = doc.project {
            if !name.is_empty() {
                schema.name = name;
            }
            schema.comment = note;
            if let Some(dialect) = database.as_deref().and_then(|d| dialect_of(&unquote(d))) {
                schema.check_settings.dialects = vec![dialect];
            }
        }
        for (name, color, members) in doc.groups {
            let id = self.schema.ids.allocate();
            let color = color.as_deref().and_then(Color::from_hex).unwrap_or(Color {
                r: 100,
                g: 116,
                b: 139,
            });
            self.schema.groups.push(Group {
                id,
                name,
                color,
                comment: String::new(),
                area: None,
            });
            for member in members {
                let (table_schema, table_name) = match member.split_once('.') {
                    Some((s, t)) => (Some(s.to_string()), t.to_string()),
                    None => (None, member),
                };
                let end = End {
                    schema: table_schema,
                    table: table_name,
                    columns: Vec::new(),
                };
                if let Some(at) = self.find(&end) {
                    self.schema.tables[at].group = Some(id);
                }
            }
        }
        for text in doc.notes {
            let id = self.schema.ids.allocate();
            self.schema.notes.push(Note {
                id,
                text,
                position: Point::default(),
                width: 240.0,
                color: None,
            });
        }
        report.diagnostics.append(&mut self.report.diagnostics);
        self.schema
    }
}

const MANY_TO_MANY: &str =
    "a many-to-many reference (<>) is not a foreign key; model it with a junction table";

/// One end of a reference whose table is known: the table's place in the model, its columns
/// (`None` when one named is not there), and the table's name as the reference wrote it.
struct Side<'a> {
    at: usize,
    columns: Option<Vec<ColumnId>>,
    written: Option<&'a str>,
}

/// What a reference says besides its ends.
struct Connection {
    op: &'static str,
    name: Option<String>,
    delete: Option<String>,
    update: Option<String>,
    line: usize,
    column: usize,
}

/// Whether a type is kept as written (or is an array of such): it may name an enum.
fn names_unknown_type(data_type: &DataType) -> bool {
    match data_type {
        DataType::Raw(_) => true,
        DataType::Array(element) => names_unknown_type(element),
        _ => false,
    }
}
