//! `CREATE TABLE t (LIKE s INCLUDING ALL, extra int)` (PostgreSQL, MySQL) and MySQL's
//! `CREATE TABLE t LIKE s`: the new table starts as a copy of another's columns and, as the
//! options (PostgreSQL) or the dialect (MySQL: everything but foreign keys) say, of its defaults,
//! checks, keys, indexes and comments.
//!
//! The parser reads only a lone `(LIKE s [INCLUDING DEFAULTS])`, so the `LIKE` elements are taken
//! out of the statement's text before it is parsed, and applied once the table is made.

use sqlparser::ast::{Ident, ObjectName};

use super::State;
use crate::import::dialect::Dialect;
use crate::import::rewrite::code_mask;
use crate::model::{Column, ColumnId, IndexTarget, Table};

/// One `LIKE source …` element of a column list.
#[derive(Clone, Debug, PartialEq)]
pub struct Like {
    /// The table copied, as written.
    pub source: ObjectName,
    /// What comes with the columns.
    pub copy: Copied,
    /// How many column definitions come before it: its columns go there.
    pub position: usize,
}

/// What a `LIKE` copies besides the columns' names, types and NOT NULL.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Copied {
    pub defaults: bool,
    pub generated: bool,
    pub identity: bool,
    pub constraints: bool,
    pub indexes: bool,
    pub comments: bool,
    /// Index and key names kept (MySQL, where they are per table); else the server names
    /// them anew after the new table, as PostgreSQL does.
    pub names: bool,
}

impl Copied {
    /// MySQL's: the whole definition but foreign keys.
    pub fn everything() -> Self {
        Self {
            defaults: true,
            generated: true,
            identity: true,
            constraints: true,
            indexes: true,
            comments: true,
            names: true,
        }
    }

    /// PostgreSQL's `INCLUDING x` / `EXCLUDING x`, in order; false for an option it lacks.
    fn set(&mut self, option: &str, on: bool) -> bool {
        match option {
            "ALL" => {
                *self = Self {
                    names: false,
                    ..Self::everything()
                };
                if !on {
                    *self = Self::default();
                }
            }
            "DEFAULTS" => self.defaults = on,
            "GENERATED" => self.generated = on,
            "IDENTITY" => self.identity = on,
            "CONSTRAINTS" => self.constraints = on,
            "INDEXES" => self.indexes = on,
            "COMMENTS" => self.comments = on,
            // Storage details the model does not hold.
            "STATISTICS" | "STORAGE" | "COMPRESSION" => {}
            _ => return false,
        }
        true
    }
}

/// The statement without its `LIKE` elements, and those elements; `None` when it has none.
pub fn split(text: &str, dialect: Dialect) -> Option<(String, Vec<Like>)> {
    if !matches!(dialect, Dialect::Postgres | Dialect::MySql) {
        return None;
    }
    let mask = code_mask(text, dialect);
    let bytes = text.as_bytes();
    let open = (0..bytes.len()).find(|&i| mask[i] && bytes[i] == b'(')?;
    // The elements of the column list: byte ranges between the commas at depth 1.
    let mut elements = Vec::new();
    let mut depth = 0usize;
    let mut start = open + 1;
    let mut close = None;
    for i in open..bytes.len() {
        if !mask[i] {
            continue;
        }
        match bytes[i] {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    elements.push((start, i));
                    close = Some(i);
                    break;
                }
            }
            b',' if depth == 1 => {
                elements.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    close?;
    let first_word = |(from, to): (usize, usize)| {
        let element = text[from..to].trim_start();
        element
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase()
    };
    const CONSTRAINTS: &[&str] = &[
        "CONSTRAINT",
        "PRIMARY",
        "UNIQUE",
        "CHECK",
        "FOREIGN",
        "EXCLUDE",
        "KEY",
        "INDEX",
        "FULLTEXT",
        "SPATIAL",
    ];
    let mut likes = Vec::new();
    let mut kept = Vec::new();
    let mut columns = 0;
    for &(from, to) in &elements {
        let word = first_word((from, to));
        if word == "LIKE" {
            likes.push(like_element(&text[from..to], dialect, columns)?);
        } else {
            if !CONSTRAINTS.contains(&word.as_str()) && !text[from..to].trim().is_empty() {
                columns += 1;
            }
            kept.push(text[from..to].trim());
        }
    }
    if likes.is_empty() {
        return None;
    }
    let (head, tail) = (&text[..=open], &text[close?..]);
    Some((format!("{head}{}{tail}", kept.join(", ")), likes))
}

/// `LIKE name [{INCLUDING | EXCLUDING} option …]`.
fn like_element(element: &str, dialect: Dialect, position: usize) -> Option<Like> {
    let rest = element.trim_start()[4..].trim_start();
    let (name, options) = split_name(rest, dialect)?;
    let mut copy = match dialect {
        Dialect::MySql => Copied::everything(),
        _ => Copied::default(),
    };
    let words: Vec<String> = options
        .split_whitespace()
        .map(str::to_ascii_uppercase)
        .collect();
    for pair in words.chunks(2) {
        let [verb, option] = pair else { return None };
        let on = match verb.as_str() {
            "INCLUDING" => true,
            "EXCLUDING" => false,
            _ => return None,
        };
        if !copy.set(option, on) {
            return None;
        }
    }
    Some(Like {
        source: name,
        copy,
        position,
    })
}

/// A possibly qualified, possibly quoted name at the start of `text`, and what follows it.
fn split_name(text: &str, dialect: Dialect) -> Option<(ObjectName, &str)> {
    let mut parts = Vec::new();
    let mut rest = text;
    loop {
        let quote = rest.chars().next()?;
        let (part, after) = if quote == '"' || (quote == '`' && dialect == Dialect::MySql) {
            let end = rest[1..].find(quote)? + 1;
            (Ident::with_quote(quote, &rest[1..end]), &rest[end + 1..])
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .unwrap_or(rest.len());
            if end == 0 {
                return None;
            }
            (Ident::new(&rest[..end]), &rest[end..])
        };
        parts.push(part);
        match after.strip_prefix('.') {
            Some(next) => rest = next,
            None => return Some((ObjectName::from(parts), after)),
        }
    }
}

/// Puts the copy `like` asks for into `table`, whose own columns are made already.
pub fn copy_into(state: &mut State, table: &mut Table, like: &Like) -> Result<(), String> {
    let (schema, name) = state.object_name(&like.source);
    let source = state
        .find_table(schema.as_deref(), &name)
        .and_then(|id| state.schema.table(id))
        .cloned()
        .ok_or_else(|| format!("{} is made LIKE unknown table {name}", table.name))?;
    let copy = like.copy;
    let mut ids: Vec<(ColumnId, ColumnId)> = Vec::new();
    let mut columns = Vec::new();
    for column in &source.columns {
        if table.columns.iter().any(|c| c.name == column.name) {
            return Err(format!(
                "column {} of {} is also in {name}, which it is made LIKE",
                column.name, table.name
            ));
        }
        let id = state.schema.ids.allocate();
        ids.push((column.id, id));
        let mut copied = copied_column(column, id, copy);
        if copy.defaults && state.dialect == Dialect::Postgres {
            share_serial_sequence(&source, &mut copied);
        }
        columns.push(copied);
    }
    if state.dialect == Dialect::MySql {
        // MySQL copies the table's options (engine, character set, comment) as well.
        let options = crate::model::table::MYSQL_TABLE_OPTIONS;
        if let Some(value) = source.properties.get(options)
            && table.properties.get(options).is_none_or(String::is_empty)
        {
            table.properties.insert(options.to_string(), value.clone());
        }
        if table.comment.is_empty() {
            table.comment = source.comment.clone();
        }
    }
    let at = like.position.min(table.columns.len());
    table.columns.splice(at..at, columns);
    let new_id = |old: &ColumnId| ids.iter().find(|(o, _)| o == old).map(|(_, n)| *n);
    let new_ids = |old: &[ColumnId]| old.iter().filter_map(new_id).collect::<Vec<_>>();
    if copy.constraints {
        for check in &source.checks {
            let mut copied = check.clone();
            copied.id = state.schema.ids.allocate();
            if state.dialect == Dialect::Postgres && copied.name.is_none() {
                // PostgreSQL copies a check under the name it has on the source.
                copied.name = Some(crate::export::ddl::names::check_name(
                    Dialect::Postgres,
                    &source,
                    check,
                ));
            }
            table.checks.push(copied);
        }
    }
    if !copy.indexes {
        return Ok(());
    }
    if let Some(pk) = &source.primary_key
        && table.primary_key.is_none()
    {
        let mut pk = pk.clone();
        pk.id = state.schema.ids.allocate();
        pk.columns = new_ids(&pk.columns);
        pk.name = pk.name.filter(|_| copy.names);
        table.primary_key = Some(pk);
    }
    for unique in &source.uniques {
        let mut unique = unique.clone();
        unique.id = state.schema.ids.allocate();
        unique.columns = new_ids(&unique.columns);
        unique.name = unique.name.filter(|_| copy.names);
        table.uniques.push(unique);
    }
    for index in &source.indexes {
        let mut index = index.clone();
        index.id = state.schema.ids.allocate();
        index.name = index.name.filter(|_| copy.names);
        for key in &mut index.keys {
            if let IndexTarget::Column(old) = key.target
                && let Some(id) = new_id(&old)
            {
                key.target = IndexTarget::Column(id);
            }
        }
        index.include = new_ids(&index.include);
        if !copy.comments {
            index.comment.clear();
        }
        table.indexes.push(index);
    }
    Ok(())
}

/// A serial column's default is `nextval` of the sequence the serial made, which the copy
/// shares rather than getting one of its own.
fn share_serial_sequence(source: &Table, column: &mut Column) {
    let serial = column.identity == Some(crate::model::Identity::AutoIncrement)
        && !column
            .default
            .as_deref()
            .is_some_and(crate::model::is_sequence_default);
    if !serial {
        return;
    }
    let sequence = postgres_object_name(&source.name, &column.name, "seq");
    let qualified = match &source.schema {
        Some(schema) => format!(
            "{}.{}",
            quoted_if_needed(schema),
            quoted_if_needed(&sequence)
        ),
        None => quoted_if_needed(&sequence),
    };
    column.default = Some(format!(
        "nextval({}::regclass)",
        crate::export::ddl::names::string_literal(&qualified, false)
    ));
}

/// PostgreSQL's `makeObjectName`: `name1_name2_label`, the longer of the two names cut first
/// until the whole fits 63 bytes.
fn postgres_object_name(name1: &str, name2: &str, label: &str) -> String {
    let room = 63usize.saturating_sub(label.len() + 2);
    let (mut one, mut two) = (name1.len(), name2.len());
    while one + two > room {
        if one > two {
            one -= 1;
        } else {
            two -= 1;
        }
    }
    let cut = |name: &str, mut at: usize| {
        while !name.is_char_boundary(at) {
            at -= 1;
        }
        name[..at].to_string()
    };
    format!("{}_{}_{label}", cut(name1, one), cut(name2, two))
}

/// A name as `regclass` text reads it: bare when it is lower-case letters, digits and `_`.
fn quoted_if_needed(name: &str) -> String {
    let bare = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if bare {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

fn copied_column(column: &Column, id: ColumnId, copy: Copied) -> Column {
    let mut column = column.clone();
    column.id = id;
    let identity_column = matches!(
        column.identity,
        Some(crate::model::Identity::Always | crate::model::Identity::ByDefault)
    );
    if identity_column && !copy.identity {
        column.identity = None;
    }
    // A serial's key generation is its nextval default.
    if !copy.defaults && !identity_column {
        column.default = None;
        column.identity = None;
    }
    if !copy.generated {
        column.generated = None;
    }
    if !copy.comments {
        column.comment.clear();
    }
    column
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_elements_come_out_of_the_column_list() {
        let (text, likes) = split(
            "CREATE TABLE t (id int, LIKE app.\"Src\" INCLUDING ALL EXCLUDING COMMENTS, CONSTRAINT c CHECK (id > 0), n int)",
            Dialect::Postgres,
        )
        .unwrap();
        assert_eq!(
            text,
            "CREATE TABLE t (id int, CONSTRAINT c CHECK (id > 0), n int)"
        );
        assert_eq!(likes.len(), 1);
        assert_eq!(likes[0].source.to_string(), "app.\"Src\"");
        assert_eq!(likes[0].position, 1);
        assert!(likes[0].copy.indexes && likes[0].copy.defaults && !likes[0].copy.comments);
        let (text, likes) = split("CREATE TABLE t (LIKE s)", Dialect::Postgres).unwrap();
        assert_eq!(text, "CREATE TABLE t ()");
        assert_eq!(likes[0].copy, Copied::default());
        let (_, likes) = split("CREATE TABLE t (LIKE s)", Dialect::MySql).unwrap();
        assert_eq!(likes[0].copy, Copied::everything());
    }

    #[test]
    fn what_is_not_a_like_element_is_left_alone() {
        for text in [
            "CREATE TABLE t (a text CHECK (a LIKE 'x%'), b int)",
            "CREATE TABLE t (\"like\" int)",
            "CREATE TABLE t (a int) -- (LIKE s)",
        ] {
            assert_eq!(split(text, Dialect::Postgres), None, "{text}");
        }
        // An option PostgreSQL lacks: the parser says so, not this.
        assert_eq!(
            split(
                "CREATE TABLE t (LIKE s INCLUDING NOTHING)",
                Dialect::Postgres
            ),
            None
        );
    }
}
