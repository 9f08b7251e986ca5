//! One view, function, procedure or trigger written in the app's SQL editor: read as an import
//! reads a script, so the app keeps exactly what importing the same text would keep, and refused
//! with the place and reason where it is not one such object.

use super::convert::At;
use super::{Dialect, Report, Severity};
use crate::model::VerbatimSql;
use crate::model::verbatim::REDEFINABLE;

/// Why the text is not taken, or what the parser could not follow, at its place in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong there.
    pub message: String,
}

/// An object read from the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadObject {
    /// The object as the model keeps it.
    pub object: VerbatimSql,
    /// Where sqlparser could not follow a routine or trigger it was given (their bodies are
    /// often in a language of the server's own): kept, but said.
    pub unparsed: Option<Problem>,
}

fn at_start(message: impl Into<String>) -> Problem {
    Problem {
        line: 1,
        column: 1,
        message: message.into(),
    }
}

/// The line and column just after the last character of `text`.
fn end_of(text: &str) -> (usize, usize) {
    let line = text.lines().count().max(1);
    let last = text.rsplit('\n').next().unwrap_or("");
    (line, last.chars().count() + 1)
}

/// Reads `sql` as the one object it creates, in `dialect`.
pub fn read_object(sql: &str, dialect: Dialect) -> Result<ReadObject, Problem> {
    let text = sql.trim_end().trim_end_matches(';').trim_end();
    if text.trim().is_empty() {
        return Err(at_start("Write the statement that creates it."));
    }
    let (pieces, _) = super::split::split_checked(text, dialect);
    if let Some(second) = pieces.get(1) {
        return Err(Problem {
            line: second.line,
            column: second.column,
            message: format!(
                "A second statement starts here: one object is written at a time ({} in all).",
                pieces.len()
            ),
        });
    }
    let import = super::import_sql(text, Some(dialect), "object");
    if let Some(failed) = import
        .report
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Failed)
    {
        return Err(Problem {
            line: failed.line,
            column: failed.column,
            message: failed.message.clone(),
        });
    }
    if !import.schema.tables.is_empty() {
        return Err(at_start(
            "It makes a table: tables are made on the canvas, with their columns in the inspector.",
        ));
    }
    let [object] = &import.schema.verbatim[..] else {
        let message = match import.report.skipped.keys().next() {
            Some(kind) => format!("{kind} is no view, function, procedure or trigger."),
            None => "It creates no view, function, procedure or trigger.".to_string(),
        };
        return Err(at_start(message));
    };
    if !REDEFINABLE.contains(&object.kind.as_str()) {
        return Err(at_start(format!(
            "A {} is kept as imported, not written here: a view, function, procedure or trigger is.",
            object.kind
        )));
    }
    if object.name.is_empty() {
        return Err(at_start(format!("The {} has no name.", object.kind)));
    }
    let mut object = object.clone();
    object.sql = text.to_string();
    let unparsed = match super::parse(text, dialect, false) {
        Ok(_) => None,
        Err(error) => {
            let mut report = Report::default();
            super::fail(&mut report, At { line: 1, column: 1 }, &error);
            report.diagnostics.pop().map(|d| {
                // sqlparser gives the end of the text no place: it is where the text ends.
                let (line, column) = if d.message.ends_with("found: EOF") {
                    end_of(text)
                } else {
                    (d.line, d.column)
                };
                Problem {
                    line,
                    column,
                    message: d.message,
                }
            })
        }
    };
    // A view is a query: the parser reads every one the server does, so one it cannot read is
    // wrong. A routine's body may be in a language of the server's own.
    if let Some(problem) = unparsed.clone()
        && object.kind.ends_with("view")
    {
        return Err(problem);
    }
    Ok(ReadObject { object, unparsed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_function_and_trigger_are_read_with_their_kind_and_name() {
        let view = read_object(
            "CREATE VIEW app.\"Active Customers\" AS\nSELECT id FROM customers WHERE active;\n",
            Dialect::Postgres,
        )
        .unwrap();
        assert_eq!(view.object.kind, "view");
        assert_eq!(view.object.name, "app.\"Active Customers\"");
        assert_eq!(
            view.object.sql,
            "CREATE VIEW app.\"Active Customers\" AS\nSELECT id FROM customers WHERE active"
        );
        assert_eq!(view.unparsed, None);
        let function = read_object(
            "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$",
            Dialect::Postgres,
        )
        .unwrap();
        assert_eq!(function.object.kind, "function");
        assert_eq!(function.object.name, "touch");
        let trigger = read_object(
            "CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()",
            Dialect::Postgres,
        )
        .unwrap();
        assert_eq!(trigger.object.kind, "trigger");
        assert_eq!(trigger.object.trigger_table().unwrap()[0].text, "orders");
    }

    #[test]
    fn what_is_not_one_object_is_refused_at_its_place() {
        let refused = |sql: &str| read_object(sql, Dialect::Postgres).unwrap_err();
        let second = refused("CREATE VIEW v AS SELECT 1;\nDROP TABLE victim");
        assert_eq!((second.line, second.column), (2, 1), "{second:?}");
        assert!(second.message.contains("second statement"), "{second:?}");
        let wrong = refused("CREATE VIEW v AS\nSELECT id FROM t WHERE");
        assert_eq!((wrong.line, wrong.column), (2, 23), "{wrong:?}");
        assert!(
            refused("CREATE TABLE t (a int)")
                .message
                .contains("makes a table")
        );
        assert!(
            refused("GRANT SELECT ON t TO bob")
                .message
                .contains("GRANT")
        );
        assert!(
            refused("CREATE EXTENSION pgcrypto")
                .message
                .contains("kept as imported")
        );
        assert!(refused("  ").message.contains("Write the statement"));
        let open = refused("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1");
        assert!(open.message.contains("never closed"), "{open:?}");
    }
}
