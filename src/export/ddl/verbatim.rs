//! Text the model holds as SQL (a type's spelling, a default or check, table options, an index's
//! operator class) is data until proven SQL: a model file may come from anyone, and its script
//! is run with production credentials. Before it is written, such text is read with the target's
//! own tokenizer (and, for an expression, its parser); text that could end the clause it stands
//! in (a `;`, a comment, a parenthesis it does not open, a comma between columns) or that is not
//! one expression is refused with the reason, and the caller leaves it out and says so.

use crate::model::Dialect;
use sqlparser::tokenizer::{Token, Tokenizer, Whitespace};

/// Where a piece of text goes, which decides what it may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clause {
    /// A column's type (`varchar(40) CHARACTER SET latin1`, `enum('a', 'b')`, `integer[]`).
    Type,
    /// Options of a table, index or partition (`ENGINE=InnoDB`, `FOR VALUES FROM (1) TO (9)`):
    /// commas are theirs to use.
    Options,
}

/// Words that would give a type clauses of a column's own (`int DEFAULT 1 NOT NULL`).
const COLUMN_CLAUSES: &[&str] = &[
    "DEFAULT",
    "CHECK",
    "REFERENCES",
    "PRIMARY",
    "UNIQUE",
    "CONSTRAINT",
    "GENERATED",
    "NOT",
    "NULL",
    "AS",
    "AUTO_INCREMENT",
    "AUTOINCREMENT",
    "IDENTITY",
    "ON",
];

fn dialect_of(dialect: Dialect) -> Box<dyn sqlparser::dialect::Dialect> {
    use sqlparser::dialect::{MsSqlDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
    match dialect {
        Dialect::Postgres => Box::new(PostgreSqlDialect {}),
        Dialect::MySql => Box::new(MySqlDialect {}),
        Dialect::Sqlite => Box::new(SQLiteDialect {}),
        Dialect::MsSql => Box::new(MsSqlDialect {}),
    }
}

fn tokens(text: &str, dialect: Dialect) -> Result<Vec<Token>, String> {
    let parser_dialect = dialect_of(dialect);
    Tokenizer::new(parser_dialect.as_ref(), text)
        .tokenize()
        .map_err(|e| format!("it is not {} SQL ({e})", dialect.product()))
}

/// Whether `text` can stand as `clause` in a statement for `dialect` and be only that.
pub fn clause(text: &str, dialect: Dialect, clause: Clause) -> Result<(), String> {
    if text.chars().any(|c| c.is_control() && c != ' ') && clause == Clause::Type {
        return Err("it holds a control character".to_string());
    }
    if let Some(verdict) = plain_clause(text, clause) {
        return verdict;
    }
    tokenized_clause(text, dialect, clause)
}

fn tokenized_clause(text: &str, dialect: Dialect, clause: Clause) -> Result<(), String> {
    let mut depth = 0usize;
    for token in tokens(text, dialect)? {
        match token {
            Token::SemiColon => return Err("it holds a `;`, which would end the statement".into()),
            Token::Whitespace(Whitespace::SingleLineComment { .. })
            | Token::Whitespace(Whitespace::MultiLineComment(_)) => {
                return Err("it holds a comment".into());
            }
            Token::LParen | Token::LBracket => depth += 1,
            Token::RParen | Token::RBracket => {
                depth = depth
                    .checked_sub(1)
                    .ok_or("it closes a parenthesis it did not open")?;
            }
            Token::Comma if depth == 0 && clause == Clause::Type => {
                return Err("it holds a comma between columns".into());
            }
            Token::Word(word)
                if depth == 0
                    && clause == Clause::Type
                    && word.quote_style.is_none()
                    && COLUMN_CLAUSES
                        .iter()
                        .any(|c| word.value.eq_ignore_ascii_case(c)) =>
            {
                return Err(format!(
                    "it holds {}, a clause of the column's own",
                    word.value
                ));
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err("it leaves a parenthesis open".into());
    }
    Ok(())
}

/// The verdict on text of words, numbers, parentheses, commas and dots (`varchar(40)`,
/// `numeric(10, 2) unsigned`, `timestamp(0) without time zone`), most types, reached without
/// the tokenizer, which every dialect would split into exactly these runs; `None` for anything
/// else, which the tokenizer reads.
fn plain_clause(text: &str, clause: Clause) -> Option<Result<(), String>> {
    let plain =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | ' ' | '(' | ')' | ',' | '.');
    if !text.chars().all(plain) {
        return None;
    }
    let mut depth = 0usize;
    for run in runs(text) {
        match run {
            "(" => depth += 1,
            ")" => {
                let Some(d) = depth.checked_sub(1) else {
                    return Some(Err("it closes a parenthesis it did not open".into()));
                };
                depth = d;
            }
            "," if depth == 0 && clause == Clause::Type => {
                return Some(Err("it holds a comma between columns".into()));
            }
            word if word.starts_with(|c: char| c.is_ascii_digit())
                && word.contains(|c: char| c.is_ascii_alphabetic() || c == '_') =>
            {
                // `1e5` or `2x`: how a dialect splits it is the tokenizer's to say.
                return None;
            }
            word if depth == 0
                && clause == Clause::Type
                && COLUMN_CLAUSES.iter().any(|c| word.eq_ignore_ascii_case(c)) =>
            {
                return Some(Err(format!(
                    "it holds {word}, a clause of the column's own"
                )));
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Some(Err("it leaves a parenthesis open".into()));
    }
    Some(Ok(()))
}

/// The runs of `text`: words and numbers whole, every other character alone, spaces left out.
fn runs(text: &str) -> impl Iterator<Item = &str> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut rest = text;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(' ');
        let first = rest.chars().next()?;
        let len = if word(first) {
            rest.find(|c: char| !word(c)).unwrap_or(rest.len())
        } else {
            first.len_utf8()
        };
        let (run, after) = rest.split_at(len);
        rest = after;
        Some(run)
    })
}

/// Whether `text` is exactly one SQL expression of `dialect`, with no comment in it.
pub fn expression(text: &str, dialect: Dialect) -> Result<(), String> {
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err("it holds a control character, which no server takes in SQL".into());
    }
    let tokens = tokens(text, dialect)?;
    if tokens.iter().any(|t| {
        matches!(
            t,
            Token::Whitespace(Whitespace::SingleLineComment { .. })
                | Token::Whitespace(Whitespace::MultiLineComment(_))
        )
    }) {
        return Err("it holds a comment".into());
    }
    if crate::sql_parse::too_deep_at(&tokens).is_some() {
        return Err(crate::sql_parse::too_deep());
    }
    let parser_dialect = dialect_of(dialect);
    let mut parser = sqlparser::parser::Parser::new(parser_dialect.as_ref())
        .with_recursion_limit(crate::sql_parse::MAX_PARENTHESES)
        .with_tokens(tokens);
    parser
        .parse_expr()
        .and_then(|_| parser.expect_token(&Token::EOF).map(|_| ()))
        .map_err(|e| format!("it is not one {} expression ({e})", dialect.product()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_that_would_end_their_clause_are_refused() {
        for ok in [
            "varchar(40) CHARACTER SET latin1 COLLATE latin1_bin",
            "enum('a', 'b,c')",
            "integer[]",
            "timestamp(0) without time zone",
            "int(11) unsigned zerofill",
            "\"My Type\"",
            "public.citext",
        ] {
            assert_eq!(clause(ok, Dialect::Postgres, Clause::Type), Ok(()), "{ok}");
        }
        for bad in [
            "int); DROP TABLE victim; --",
            "int -- hidden",
            "int /* x */",
            "int, evil int",
            "int DEFAULT 1",
            "int NOT NULL",
            "numeric(10",
            "int)",
            "int\nDROP",
        ] {
            assert!(
                clause(bad, Dialect::Postgres, Clause::Type).is_err(),
                "{bad}"
            );
        }
        assert_eq!(
            clause(
                "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4, COMMENT='a;b'",
                Dialect::MySql,
                Clause::Options
            ),
            Ok(())
        );
        assert!(
            clause(
                "ENGINE=InnoDB; DROP TABLE x",
                Dialect::MySql,
                Clause::Options
            )
            .is_err()
        );
    }

    #[test]
    fn plain_text_gets_the_tokenizers_verdict() {
        for text in [
            "varchar(40)",
            "numeric(10, 2) unsigned",
            "timestamp(0) without time zone",
            "public.citext",
            "int, evil int",
            "int DEFAULT 1",
            "int not null",
            "numeric(10",
            "int)",
            "x.NOT",
            "decimal(10.5)",
            "enum(a,b)",
            "",
            "  ",
        ] {
            for dialect in [
                Dialect::Postgres,
                Dialect::MySql,
                Dialect::Sqlite,
                Dialect::MsSql,
            ] {
                for kind in [Clause::Type, Clause::Options] {
                    assert_eq!(
                        plain_clause(text, kind).map(|v| v.is_ok()),
                        Some(tokenized_clause(text, dialect, kind).is_ok()),
                        "{text:?} as {kind:?} in {dialect:?}"
                    );
                }
            }
        }
        assert_eq!(plain_clause("1e5", Clause::Type), None);
        assert_eq!(plain_clause("'a'", Clause::Type), None);
    }

    #[test]
    fn only_one_expression_passes() {
        for ok in ["now()", "'a;b'", "(a > 0) AND b IN (1, 2)", "'--'", "1"] {
            assert_eq!(expression(ok, Dialect::Postgres), Ok(()), "{ok}");
        }
        for bad in [
            "1); DROP TABLE victim; --",
            "1 -- rest of the line",
            "1 /* */",
            "1, 2",
            "",
            "1 1",
        ] {
            assert!(expression(bad, Dialect::Postgres).is_err(), "{bad}");
        }
    }
}
