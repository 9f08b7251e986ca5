//! DBML (dbdiagram.io) into a model: tables with column settings, indexes, references (inline
//! and `Ref`), enums, table groups with their colours, notes, and the project's database type as
//! the model's target dialect. A malformed element is reported with its line and column and
//! skipped; the rest is read.

mod lexer;
mod parse;

use super::column_places::ColumnPlaces;
use super::report::Report;
use crate::model::{
    CheckConstraint, Color, Column, DataType, Dialect, EnumType, ForeignKey, Group, Identity,
    Index, IndexKey, IndexMethod, IndexTarget, Note, Point, PrimaryKey, ReferentialAction, Schema,
    Table, UniqueConstraint,
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
    let mut report = Report::default();
    let mut doc = Document::default();
    let mut parser = Parser::new(text);
    let mut syntax_errors = Vec::new();
    loop {
        match parser.element(&mut doc) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                syntax_errors.push(e);
                parser.recover();
            }
        }
    }
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
    let mut schema = build(doc, title, &mut report);
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

fn build(doc: Document, title: &str, report: &mut Report) -> Schema {
    let mut schema = Schema::new(title);
    // The document is consumed as it is read: its strings move into the model, so a large file
    // is never held twice.
    if let Some((name, database, note)) = doc.project {
        if !name.is_empty() {
            schema.name = name;
        }
        schema.comment = note;
        if let Some(dialect) = database.as_deref().and_then(|d| dialect_of(&unquote(d))) {
            schema.check_settings.dialects = vec![dialect];
        }
    }
    for (enum_schema, name, values) in doc.enums {
        let id = schema.ids.allocate();
        schema.enums.push(EnumType {
            id,
            schema: enum_schema,
            name,
            values,
            comment: String::new(),
        });
    }
    // Tables and their columns first, so references can name any of them; a column's inline
    // `ref:` joins the references, and a table's alias the names tables are found by.
    let mut refs = doc.refs;
    let places = ColumnPlaces::default();
    let mut aliases: FxHashMap<String, usize> = FxHashMap::default();
    schema.tables.reserve_exact(doc.tables.len());
    for (at, t) in doc.tables.into_iter().enumerate() {
        if let Some(alias) = t.alias {
            aliases.entry(alias).or_insert(at);
        }
        let mut table = Table::new(schema.ids.allocate(), &t.name, Point::default());
        table.schema = t.schema.clone().filter(|s| s != "public");
        table.comment = t.note;
        table.color = t.color.as_deref().and_then(Color::from_hex);
        let mut pk = Vec::new();
        for c in t.columns {
            for (op, to) in c.refs {
                refs.push(parse::PRef {
                    from: End {
                        schema: t.schema.clone(),
                        table: t.name.clone(),
                        columns: vec![c.name.clone()],
                    },
                    op,
                    to,
                    line: c.line,
                    column: c.column,
                    ..Default::default()
                });
            }
            let data_type =
                DataType::parse(&c.type_text, |n| schema.enum_named(n)).unwrap_or(DataType::Text);
            let mut column = Column::new(schema.ids.allocate(), &c.name, data_type);
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
                } else if let Some(c) = places.exact(&table, &key) {
                    IndexTarget::Column(c)
                } else {
                    report.warn(
                        t.line,
                        1,
                        format!("index of {} names no column {key}; left out", t.name),
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
        schema.tables.push(table);
    }
    // Tables by alias and by name, looked up once per reference: a scan per reference made a
    // file of thousands of referencing tables quadratic. By name, then schema: a map keyed by
    // both would need both cloned for every look-up.
    // Tables are found as positions in `schema.tables`, not ids: a search by id per reference
    // touched a dozen tables far apart in memory each time.
    let mut named: FxHashMap<String, Vec<(Option<String>, usize)>> = FxHashMap::default();
    named.reserve(schema.tables.len());
    for (at, t) in schema.tables.iter().enumerate() {
        let same_name = named.entry(t.name.clone()).or_default();
        if !same_name.iter().any(|(s, _)| *s == t.schema) {
            same_name.push((t.schema.clone(), at));
        }
    }
    let find = |end: &End| -> Option<usize> {
        let by_alias = aliases
            .get(end.table.as_str())
            .copied()
            .filter(|_| end.schema.is_none());
        if by_alias.is_some() {
            return by_alias;
        }
        let wanted = end.schema.as_deref().filter(|s| *s != "public");
        named
            .get(end.table.as_str())?
            .iter()
            .find(|(s, _)| s.as_deref() == wanted)
            .map(|(_, at)| *at)
    };
    // Read against the tables as they are, then added: the foreign keys in the order read.
    let mut foreign_keys = Vec::new();
    for r in refs {
        // `>` many-to-one and `-` one-to-one: the left side holds the foreign key; `<` the right.
        let (child, parent) = match r.op {
            ">" | "-" => (&r.from, &r.to),
            "<" => (&r.to, &r.from),
            _ => {
                report.warn(r.line, r.column, "a many-to-many reference (<>) is not a foreign key; model it with a junction table".into());
                continue;
            }
        };
        let (Some(child_at), Some(parent_at)) = (find(child), find(parent)) else {
            report.fail(
                r.line,
                r.column,
                format!(
                    "reference between unknown tables {} and {}",
                    child.table, parent.table
                ),
            );
            continue;
        };
        let column_ids = |table: &Table, names: &[String]| -> Option<Vec<_>> {
            names.iter().map(|n| places.exact(table, n)).collect()
        };
        let (Some(columns), Some(referenced)) = (
            column_ids(&schema.tables[child_at], &child.columns),
            column_ids(&schema.tables[parent_at], &parent.columns),
        ) else {
            report.fail(
                r.line,
                r.column,
                format!(
                    "reference names a column that {} or {} does not have",
                    child.table, parent.table
                ),
            );
            continue;
        };
        if columns.len() != referenced.len() {
            report.fail(
                r.line,
                r.column,
                format!(
                    "reference pairs {} column(s) of {} with {} of {}",
                    columns.len(),
                    child.table,
                    referenced.len(),
                    parent.table
                ),
            );
            continue;
        }
        foreign_keys.push((
            child_at,
            ForeignKey {
                id: schema.ids.allocate(),
                name: r.name.clone(),
                columns,
                references: schema.tables[parent_at].id,
                referenced_columns: referenced,
                on_delete: action(&r.delete),
                on_update: action(&r.update),
                deferrable: None,
                match_full: false,
            },
        ));
    }
    for (at, foreign_key) in foreign_keys {
        schema.tables[at].foreign_keys.push(foreign_key);
    }
    for (name, color, members) in doc.groups {
        let id = schema.ids.allocate();
        let color = color.as_deref().and_then(Color::from_hex).unwrap_or(Color {
            r: 100,
            g: 116,
            b: 139,
        });
        schema.groups.push(Group {
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
            if let Some(at) = find(&end) {
                schema.tables[at].group = Some(id);
            }
        }
    }
    for text in doc.notes {
        let id = schema.ids.allocate();
        schema.notes.push(Note {
            id,
            text,
            position: Point::default(),
            width: 240.0,
            color: None,
        });
    }
    schema
}
