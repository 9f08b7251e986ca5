//! SQL import: real DDL scripts of PostgreSQL, MySQL/MariaDB, SQLite and SQL Server into a model.
//!
//! The script is split into statements the way its client would ([`split`]), each statement is
//! classified by its leading words ([`classify`]), repaired where real dumps use forms the parser
//! does not know ([`rewrite`]), parsed alone with sqlparser, and taken into the model
//! ([`convert`]). One statement that cannot be read is reported with its position and the import
//! goes on.

mod classify;
mod column_places;
mod convert;
pub mod dbml;
pub mod dialect;
pub mod file;
pub mod object;
mod report;
pub(crate) mod rewrite;
mod split;

pub use dialect::Dialect;
pub use report::{Diagnostic, Report, Severity, SummaryLine};

use crate::model::Schema;
use convert::{At, Handled, State};
use sqlparser::parser::ParserOptions;

/// The result of reading a script.
#[derive(Debug)]
pub struct Import {
    /// The model read.
    pub schema: Schema,
    /// The dialect it was read as.
    pub dialect: Dialect,
    /// Whether the dialect was guessed from the text.
    pub guessed: bool,
    /// Why it was guessed so (the markers found), when it was guessed.
    pub guess_reason: Option<String>,
    /// What was skipped or failed, and where.
    pub report: Report,
}

/// Reads `text` as `dialect` (guessed when `None`) into a model titled `title`.
pub fn import_sql(text: &str, dialect: Option<Dialect>, title: &str) -> Import {
    let guessed = dialect.is_none();
    let (dialect, guess_reason) = match dialect {
        Some(dialect) => (dialect, None),
        None => {
            let (dialect, reason) = Dialect::guess_with_reason(text);
            (dialect, Some(reason))
        }
    };
    let mut report = Report::default();
    let mut state = State::new(title, dialect);
    // After psql's `SET client_encoding = 'LATIN1'` the server reads every later byte as
    // Latin-1, whatever the file's real encoding: so do we, to hold what the server would.
    let mut latin1 = false;
    let (pieces, left_open) = split::split_checked(text, dialect);
    if let Some(open) = &left_open {
        report.fail(
            open.line,
            open.column,
            format!(
                "{} opened here is never closed: it runs to the end of the script, swallowing {} line(s) and every statement in them",
                open.opener, open.lines
            ),
        );
    }
    for piece in pieces {
        if dialect == Dialect::Postgres
            && let Some(encoding) = client_encoding(piece.text)
        {
            latin1 = encoding;
        }
        if piece.client_command {
            report.skip(piece.line, piece.column, client_label(dialect));
            continue;
        }
        let at = At {
            line: piece.line,
            column: piece.column,
        };
        let text = if latin1 && !piece.text.is_ascii() {
            std::borrow::Cow::Owned(bytes_as_latin1(piece.text))
        } else {
            std::borrow::Cow::Borrowed(piece.text)
        };
        statement(
            &mut state,
            &mut report,
            &unwrap_versioned(&text),
            at,
            piece.batch,
        );
    }
    let mut schema = state.finish(&mut report);
    schema.lineage = Schema::new_lineage();
    crate::layout::arrange(&mut schema);
    Import {
        schema,
        dialect,
        guessed,
        guess_reason,
        report,
    }
}

/// `SET client_encoding = x` or psql's `\encoding x`: whether x is Latin-1.
fn client_encoding(statement: &str) -> Option<bool> {
    let lower = statement.trim_start().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("set client_encoding")
        .or_else(|| lower.strip_prefix("set names"))
        .or_else(|| lower.strip_prefix("\\encoding"))?;
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix('=')
        .or_else(|| rest.strip_prefix("to "))
        .unwrap_or(rest);
    let value: String = rest.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    Some(matches!(value.as_str(), "latin1" | "iso88591"))
}

/// Each UTF-8 byte of `text` read as the Latin-1 character of that code.
fn bytes_as_latin1(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

fn client_label(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => "psql meta-command",
        Dialect::MsSql => "sqlcmd command",
        Dialect::MySql | Dialect::Sqlite => "client command",
    }
}

/// MySQL runs the text of `/*!40101 … */` as SQL; so do we. mysqldump spreads one statement
/// over several such comments (`/*!50001 CREATE ALGORITHM=UNDEFINED */ /*!50013 DEFINER=… */
/// /*!50001 VIEW v AS … */`), so every one in the statement is opened up.
fn unwrap_versioned(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.starts_with("/*!") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("/*!") {
        out.push_str(&rest[..start]);
        let inner = rest[start + 3..].trim_start_matches(|c: char| c.is_ascii_digit());
        match inner.find("*/") {
            Some(end) => {
                out.push_str(&inner[..end]);
                out.push(' ');
                rest = &inner[end + 2..];
            }
            None => {
                out.push_str(inner);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out.trim().to_string())
}

/// `CREATE [TEMPORARY] [UNLOGGED] TABLE …`.
fn creates_a_table(text: &str) -> bool {
    let words = classify::leading_words(text, 4);
    words.first().is_some_and(|w| w == "CREATE")
        && words
            .iter()
            .skip(1)
            .take_while(|w| *w != "TABLE")
            .all(|w| ["TEMPORARY", "TEMP", "UNLOGGED", "GLOBAL", "LOCAL"].contains(&w.as_str()))
        && words.iter().any(|w| w == "TABLE")
}

fn statement(state: &mut State, report: &mut Report, text: &str, at: At, batch: bool) {
    if text.is_empty() {
        return;
    }
    if let classify::Class::Skip(label) = classify::classify(text) {
        if label == "SET" && state.dialect == Dialect::Postgres && search_path(state, text) {
            // Applied: unqualified names are now in the path's first schema.
        } else if label == "ALTER TABLE … ENGINE"
            && state.dialect == Dialect::MySql
            && state.alter_table_options(text)
        {
            // Applied to the model, like any ALTER TABLE it holds.
        } else if keep_verbatim(state, text, &label) {
            report.keep(at.line, at.column, &label);
        } else if forget_verbatim(state, text, &label) {
            // Applied to the kept statements.
        } else {
            report.skip(at.line, at.column, &label);
        }
        return;
    }
    if let Some((name, starts)) = rewrite::nested_schema(text, state.dialect) {
        nested_schema(state, report, text, at, &name, &starts);
        return;
    }
    let (text_without_likes, likes) = match convert::like::split(text, state.dialect) {
        Some((rest, likes)) if creates_a_table(text) => (Some(rest), likes),
        _ => (None, Vec::new()),
    };
    state.likes = likes;
    let repaired = rewrite::rewrite(text_without_likes.as_deref().unwrap_or(text), state.dialect);
    match parse(&repaired, state.dialect, batch) {
        Ok(statements) => {
            // The parser's positions are in the text it read: keep it for the types' spellings.
            state.set_source(&repaired);
            for parsed in &statements {
                handle(state, report, parsed, text, at);
            }
        }
        Err(error) if batch => batch_fallback(state, report, text, at, error),
        Err(error) => fail(report, at, &error),
    }
}

/// Views and routines are not modelled, but kept as written so an export to the same dialect
/// can write them back; views are also remembered so an index on one is not an error.
fn keep_verbatim(state: &mut State, text: &str, label: &str) -> bool {
    let kind = match label {
        "CREATE VIEW" => "view",
        "CREATE MATERIALIZED VIEW" => "materialized view",
        "CREATE FUNCTION" => "function",
        "CREATE PROCEDURE" => "procedure",
        "CREATE TRIGGER" => "trigger",
        "CREATE EXTENSION" => "extension",
        "CREATE DOMAIN" => "domain",
        "CREATE TYPE" => "type",
        "CREATE AGGREGATE" => "aggregate",
        "CREATE SEQUENCE" => "sequence",
        "ALTER SEQUENCE" => "altered sequence",
        "CREATE COLLATION" => "collation",
        "CREATE VIRTUAL TABLE" => "virtual table",
        "CLUSTER" => "cluster",
        label if label.starts_with("COMMENT ON ") => "comment",
        _ => return false,
    };
    let keyword = match kind {
        // `COMMENT ON INDEX i IS …` is about i.
        "comment" => label
            .rsplit(' ')
            .next()
            .unwrap_or(kind)
            .to_ascii_uppercase(),
        _ => kind.rsplit(' ').next().unwrap_or(kind).to_ascii_uppercase(),
    };
    let keyword = if keyword == "PROCEDURE" && !text.to_ascii_uppercase().contains("PROCEDURE") {
        "PROC".to_string()
    } else {
        keyword
    };
    // The name after the keyword and any IF NOT EXISTS, read whole when quoted
    // (`CREATE TRIGGER "Orders Log" …`).
    let name = keyword_end(text, &keyword)
        .map(|from| {
            let mut rest = text[from..].trim_start();
            for word in ["IF", "NOT", "EXISTS"] {
                if rest.len() >= word.len()
                    && rest.is_char_boundary(word.len())
                    && rest[..word.len()].eq_ignore_ascii_case(word)
                    && rest[word.len()..].starts_with(char::is_whitespace)
                {
                    rest = rest[word.len()..].trim_start();
                }
            }
            crate::model::verbatim::name_at(rest).to_string()
        })
        .unwrap_or_default();
    if kind.ends_with("view") {
        state.note_view(&name);
    }
    let mut sql = text.to_string();
    let mut name = name;
    // Inside `CREATE SCHEMA s CREATE VIEW v …` the view is s.v: say so in the kept text.
    if let Some(schema) = &state.current_schema
        && !name.is_empty()
        && !name.contains('.')
        && let Some(at) = keyword_end(text, &keyword)
            .and_then(|from| text[from..].find(name.as_str()).map(|offset| from + offset))
    {
        let qualified = format!("{schema}.{name}");
        sql.replace_range(at..at + name.len(), &qualified);
        name = qualified;
    }
    state.schema.verbatim.push(crate::model::VerbatimSql {
        kind: kind.to_string(),
        name,
        dialect: state.dialect,
        sql,
    });
    true
}

/// The byte offset just after the first whole-word `keyword` in `text` (case-insensitive).
fn keyword_end(text: &str, keyword: &str) -> Option<usize> {
    crate::model::verbatim::whole_word(&text.to_ascii_uppercase(), keyword, 0)
}

fn handle(
    state: &mut State,
    report: &mut Report,
    parsed: &sqlparser::ast::Statement,
    text: &str,
    at: At,
) {
    match state.statement(parsed, at, report) {
        Handled::Modelled => {}
        Handled::Skipped(label) => {
            let label = label.unwrap_or_else(|| classify::leading_words(text, 2).join(" "));
            report.skip(at.line, at.column, &label);
        }
        Handled::Kept { kind, name, label } => {
            state.schema.verbatim.push(crate::model::VerbatimSql {
                kind: kind.to_string(),
                name,
                dialect: state.dialect,
                sql: text.to_string(),
            });
            report.keep(at.line, at.column, label);
        }
        Handled::Failed(message) => report.fail(at.line, at.column, message),
    }
}

/// psql's `SET search_path = app, public` (or `TO`): tables named without a schema are made in
/// the first schema of the path, as PostgreSQL makes them; whether it was one.
fn search_path(state: &mut State, text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("set search_path")
        .or_else(|| lower.strip_prefix("set session search_path"))
        .or_else(|| lower.strip_prefix("set local search_path"))
    else {
        return false;
    };
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix('=')
        .or_else(|| rest.strip_prefix("to "))
        .unwrap_or(rest);
    // The original spelling of the first entry (a quoted name keeps its case).
    let start = text.len() - text.trim_start().len() + (lower.len() - rest.len());
    let first = text[start..]
        .split(',')
        .map(|p| p.trim().trim_end_matches(';').trim())
        .find(|p| !p.eq_ignore_ascii_case("\"$user\"") && !p.is_empty())
        .unwrap_or("");
    let name = if let Some(quoted) = first.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
        quoted.to_string()
    } else {
        first.trim_matches('\'').to_lowercase()
    };
    state.current_schema = match name.as_str() {
        "" | "public" | "pg_catalog" | "default" => None,
        _ => Some(name),
    };
    true
}

/// `DROP FUNCTION f()`, `DROP VIEW v`…: a kept statement that the script later drops is
/// dropped from the kept ones too (every overload of a function of that name). Whether any was.
fn forget_verbatim(state: &mut State, text: &str, label: &str) -> bool {
    let kind = match label {
        "DROP FUNCTION" => "function",
        "DROP PROCEDURE" => "procedure",
        "DROP VIEW" => "view",
        "DROP MATERIALIZED" => "materialized view",
        "DROP SEQUENCE" => "sequence",
        "DROP TYPE" => "type",
        "DROP DOMAIN" => "domain",
        "DROP TRIGGER" => "trigger",
        "DROP AGGREGATE" => "aggregate",
        "DROP COLLATION" => "collation",
        _ => return false,
    };
    let keyword = kind.rsplit(' ').next().unwrap_or(kind);
    let bare = |name: &str| {
        let name = name.split('(').next().unwrap_or(name);
        name.rsplit('.')
            .next()
            .unwrap_or(name)
            .trim_matches(['"', '`', '[', ']'])
            .to_lowercase()
    };
    let names: Vec<String> = text
        .split_whitespace()
        .skip_while(|w| !w.eq_ignore_ascii_case(keyword))
        .skip(1)
        .filter(|w| !["IF", "EXISTS"].iter().any(|k| w.eq_ignore_ascii_case(k)))
        .take_while(|w| {
            !["CASCADE", "RESTRICT", "ON"]
                .iter()
                .any(|k| w.eq_ignore_ascii_case(k))
        })
        .flat_map(|w| w.split(','))
        .filter(|w| !w.is_empty() && !w.starts_with('('))
        .map(bare)
        .collect();
    let before = state.schema.verbatim.len();
    state.schema.verbatim.retain(|o| {
        o.dialect != state.dialect || o.kind != kind || !names.contains(&bare(&o.name))
    });
    state.schema.verbatim.len() < before
}

/// `CREATE SCHEMA s CREATE TABLE …`: each nested statement on its own, names defaulting to `s`.
fn nested_schema(
    state: &mut State,
    report: &mut Report,
    text: &str,
    at: At,
    name: &str,
    starts: &[usize],
) {
    let ident = sqlparser::ast::Ident::new(name.trim_matches(['"', '[', ']', '`']));
    let quoted = name.starts_with('"');
    let folded = if quoted {
        ident.value.clone()
    } else {
        state.fold(&ident)
    };
    let previous = state.current_schema.replace(folded);
    let mut bounds = starts.to_vec();
    bounds.push(text.len());
    for window in bounds.windows(2) {
        let part = text[window[0]..window[1]].trim();
        statement(state, report, part, offset(text, at, window[0]), false);
    }
    state.current_schema = previous;
}

/// The file position of byte `offset` within a statement that starts at `at`.
fn offset(text: &str, at: At, offset: usize) -> At {
    let before = &text[..offset];
    let newlines = before.matches('\n').count();
    match before.rfind('\n') {
        Some(newline) => At {
            line: at.line + newlines,
            column: before[newline + 1..].chars().count() + 1,
        },
        None => At {
            line: at.line,
            column: at.column + before.chars().count(),
        },
    }
}

/// A T-SQL batch that failed as a whole: statements in a batch need no `;`, so cut it where lines
/// begin with a statement keyword and read each part alone, so one bad statement loses only itself.
fn batch_fallback(
    state: &mut State,
    report: &mut Report,
    text: &str,
    at: At,
    error: sqlparser::parser::ParserError,
) {
    let mut starts = vec![0];
    let mut position = 0;
    for line in text.split_inclusive('\n') {
        let upper = line.to_ascii_uppercase();
        let keyword = [
            "CREATE ", "ALTER ", "INSERT ", "EXEC", "IF ", "ELSE", "BEGIN", "END", "SET ",
            "PRINT ", "DECLARE ", "GRANT ", "DROP ",
        ]
        .iter()
        .any(|k| upper.starts_with(k));
        if keyword && position > 0 {
            starts.push(position);
        }
        position += line.len();
    }
    if starts.len() == 1 {
        fail(report, at, &error);
        return;
    }
    starts.push(text.len());
    for window in starts.windows(2) {
        let part = text[window[0]..window[1]].trim_end();
        statement(state, report, part, offset(text, at, window[0]), false);
    }
}

fn parse(
    text: &str,
    dialect: Dialect,
    batch: bool,
) -> Result<Vec<sqlparser::ast::Statement>, sqlparser::parser::ParserError> {
    use sqlparser::dialect::{MsSqlDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
    let options = ParserOptions {
        trailing_commas: true,
        unescape: true,
        require_semicolon_stmt_delimiter: !batch,
    };
    let parse_with = |d: &dyn sqlparser::dialect::Dialect| {
        crate::sql_parse::parser(d, text, options.clone())?.parse_statements()
    };
    match dialect {
        Dialect::Postgres => parse_with(&PostgreSqlDialect {}),
        Dialect::MySql => parse_with(&MySqlDialect {}),
        Dialect::Sqlite => parse_with(&SQLiteDialect {}),
        Dialect::MsSql => parse_with(&MsSqlDialect {}),
    }
}

/// Reports a parse error at its place in the file: sqlparser counts from the statement's start.
fn fail(report: &mut Report, at: At, error: &sqlparser::parser::ParserError) {
    let message = error.to_string();
    let message = message
        .strip_prefix("sql parser error: ")
        .unwrap_or(&message)
        .to_string();
    let (message, line, column) = match message.rfind(" at Line: ") {
        Some(index) => {
            let location = &message[index + " at Line: ".len()..];
            let mut numbers = location
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .filter_map(|n| n.parse::<usize>().ok());
            let line = numbers.next().unwrap_or(1);
            let column = numbers.next().unwrap_or(1);
            let (line, column) = if line <= 1 {
                (at.line, at.column + column.saturating_sub(1))
            } else {
                (at.line + line - 1, column)
            };
            (message[..index].to_string(), line, column)
        }
        None => (message, at.line, at.column),
    };
    report.fail(line, column, message);
}

#[cfg(test)]
mod tests;
