//! Identifiers and literals: quoted exactly when the dialect needs it, escaped so that any name
//! (`a"; DROP TABLE x; --`) stays one harmless identifier and any text one literal.

use crate::model::Dialect;
use crate::model::dialect::NameLength;

/// The identifier as it must be written in `dialect`: bare where the server reads it back the
/// same, else quoted with the dialect's quotes and the closing quote doubled.
pub fn ident(dialect: Dialect, name: &str) -> String {
    if bare_ok(dialect, name) {
        name.to_string()
    } else {
        let (open, close) = dialect.quotes();
        let escaped = name.replace(close, &format!("{close}{close}"));
        format!("{open}{escaped}{close}")
    }
}

fn bare_ok(dialect: Dialect, name: &str) -> bool {
    let bytes = name.as_bytes();
    let first_ok = bytes
        .first()
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_');
    let rest_ok = bytes
        .iter()
        .all(|c| c.is_ascii_digit() || *c == b'_' || c.is_ascii_alphabetic());
    let case_ok = !dialect.folds_unquoted_to_lower() || !bytes.iter().any(u8::is_ascii_uppercase);
    // The word list is in upper case and sorted: compared letter by letter, no copy made.
    first_ok
        && rest_ok
        && case_ok
        && dialect
            .reserved_words()
            .binary_search_by(|word| {
                word.bytes()
                    .cmp(bytes.iter().map(|b| b.to_ascii_uppercase()))
            })
            .is_err()
}

pub use crate::model::reserved::{
    MSSQL_RESERVED, MYSQL_RESERVED, POSTGRES_RESERVED, SQLITE_RESERVED,
};

/// A generated name, `base_suffix`, with the base cut (at a character boundary) so the whole
/// fits the dialect's limit, as PostgreSQL shortens the names it makes. Only names we make up are
/// ever shortened, never the user's.
fn generated(dialect: Dialect, base: String, suffix: &str) -> String {
    let Some(limit) = dialect.name_limit() else {
        return format!("{base}_{suffix}");
    };
    let room = limit.max().saturating_sub(limit.measure(suffix) + 1);
    let room = match limit {
        NameLength::Bytes(_) => NameLength::Bytes(room),
        NameLength::Chars(_) => NameLength::Chars(room),
    };
    format!("{}_{suffix}", room.cut(&base))
}

/// The primary key's name: its own, or PostgreSQL's convention `table_pkey`. Constraints are
/// always named in the DDL, so a migration can drop them by the same name everywhere.
pub fn primary_key_name(
    dialect: Dialect,
    table: &crate::model::Table,
    pk: &crate::model::PrimaryKey,
) -> String {
    pk.name
        .clone()
        .unwrap_or_else(|| generated(dialect, table.name.clone(), "pkey"))
}

/// A unique constraint's name, or `table_cols_key`.
pub fn unique_name(
    dialect: Dialect,
    table: &crate::model::Table,
    unique: &crate::model::UniqueConstraint,
) -> String {
    unique.name.clone().unwrap_or_else(|| {
        generated(
            dialect,
            format!(
                "{}_{}",
                table.name,
                table.column_names(&unique.columns, "_")
            ),
            "key",
        )
    })
}

/// A foreign key's name, or `table_cols_fkey`.
pub fn foreign_key_name(
    dialect: Dialect,
    table: &crate::model::Table,
    fk: &crate::model::ForeignKey,
) -> String {
    fk.name.clone().unwrap_or_else(|| {
        generated(
            dialect,
            format!("{}_{}", table.name, table.column_names(&fk.columns, "_")),
            "fkey",
        )
    })
}

/// A check's name, or the one PostgreSQL gives an unnamed check: `table_col_check` when the
/// expression names one column, else `table_check`, numbered `…_check1`, `…_check2` after the
/// table's earlier unnamed checks that took the name, so a migration drops it by the server's name.
pub fn check_name(
    dialect: Dialect,
    table: &crate::model::Table,
    check: &crate::model::CheckConstraint,
) -> String {
    if let Some(name) = &check.name {
        return name.clone();
    }
    let mut taken: Vec<String> = table.checks.iter().filter_map(|c| c.name.clone()).collect();
    for earlier in &table.checks {
        let base = match checked_column(table, &earlier.expression) {
            Some(column) => format!("{}_{column}", table.name),
            None => table.name.clone(),
        };
        let mut candidate = generated(dialect, base.clone(), "check");
        let mut n = 1;
        while taken.contains(&candidate) {
            candidate = generated(dialect, base.clone(), &format!("check{n}"));
            n += 1;
        }
        if earlier.id == check.id {
            return candidate;
        }
        if earlier.name.is_none() {
            taken.push(candidate);
        }
    }
    generated(dialect, table.name.clone(), "check")
}

/// The one column of `table` that a check's expression names, if it names exactly one.
fn checked_column<'t>(table: &'t crate::model::Table, expression: &str) -> Option<&'t str> {
    use sqlparser::tokenizer::{Token, Tokenizer};
    let dialect = sqlparser::dialect::GenericDialect {};
    let tokens = Tokenizer::new(&dialect, expression).tokenize().ok()?;
    let mut found: Option<&str> = None;
    let significant: Vec<&Token> = tokens
        .iter()
        .filter(|t| !matches!(t, Token::Whitespace(_)))
        .collect();
    for (at, token) in significant.iter().enumerate() {
        let Token::Word(word) = token else { continue };
        if matches!(significant.get(at + 1), Some(Token::LParen)) {
            continue;
        }
        let column = table.columns.iter().find(|c| match word.quote_style {
            Some(_) => c.name == word.value,
            None => c.name.eq_ignore_ascii_case(&word.value),
        });
        if let Some(column) = column {
            match found {
                Some(other) if other != column.name => return None,
                _ => found = Some(&column.name),
            }
        }
    }
    found
}

/// A standard SQL string literal: quotes doubled; backslashes doubled too where the dialect reads
/// them as escapes (MySQL).
/// No server keeps a NUL in text (PostgreSQL refuses it, MySQL's client and SQLite's tokenizer
/// stop at it): it is left out.
pub fn string_literal(text: &str, backslash_escapes: bool) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\0' => {}
            '\'' => out.push_str("''"),
            '\\' if backslash_escapes => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Whether `text` is one SQL string literal (`'it''s'`), not an expression that starts and
/// ends with one (`'a' || 'b'`).
pub fn is_string_literal(text: &str) -> bool {
    let Some(inner) = text
        .strip_prefix('\'')
        .and_then(|rest| rest.strip_suffix('\''))
    else {
        return false;
    };
    inner.replace("''", "").find('\'').is_none() && text.len() >= 2
}

/// Whether `text` is wholly inside one pair of parentheses (`(a || b)`, not `(a) || (b)`).
pub fn is_parenthesized(text: &str) -> bool {
    if !text.starts_with('(') {
        return false;
    }
    let mut depth = 0usize;
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1 == text.len();
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_parentheses_are_told_from_expressions_that_start_with_them() {
        assert!(is_string_literal("'it''s'"));
        assert!(is_string_literal("''"));
        assert!(!is_string_literal("'a' || 'b'"));
        assert!(!is_string_literal("'"));
        assert!(is_parenthesized("(a || ')')"));
        assert!(!is_parenthesized("(a) || (b)"));
        assert!(!is_parenthesized("a"));
    }

    #[test]
    fn reserved_lists_are_sorted_for_binary_search() {
        for list in [
            POSTGRES_RESERVED,
            MYSQL_RESERVED,
            SQLITE_RESERVED,
            MSSQL_RESERVED,
        ] {
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "{:?}",
                list.windows(2).find(|w| w[0] >= w[1])
            );
        }
    }

    #[test]
    fn quotes_exactly_when_needed() {
        let pg = |name| ident(Dialect::Postgres, name);
        assert_eq!(pg("orders"), "orders");
        assert_eq!(pg("order"), "\"order\"", "reserved");
        assert_eq!(pg("Orders"), "\"Orders\"", "folds to lower");
        assert_eq!(pg("order lines"), "\"order lines\"");
        assert_eq!(pg("café"), "\"café\"");
        assert_eq!(
            pg("a\"; DROP TABLE x; --"),
            "\"a\"\"; DROP TABLE x; --\"",
            "one identifier, quote doubled"
        );
        assert_eq!(ident(Dialect::MsSql, "a]b"), "[a]]b]");
        assert_eq!(ident(Dialect::MsSql, "Orders"), "Orders");
        assert_eq!(ident(Dialect::MySql, "a`b"), "`a``b`");
    }

    #[test]
    fn generated_names_fit_the_limit_in_the_servers_unit() {
        let accents = "é".repeat(70);
        let mysql = generated(Dialect::MySql, accents.clone(), "key");
        assert_eq!(mysql.chars().count(), 64, "MySQL counts characters");
        let postgres = generated(Dialect::Postgres, accents.clone(), "key");
        assert!(
            postgres.len() <= 63 && postgres.len() >= 62,
            "{}",
            postgres.len()
        );
        let long = "x".repeat(2000);
        assert_eq!(
            generated(Dialect::Sqlite, long.clone(), "key"),
            format!("{long}_key"),
            "SQLite has no limit"
        );
    }

    #[test]
    fn literals_escape_quotes_and_where_needed_backslashes() {
        assert_eq!(string_literal("it's", false), "'it''s'");
        assert_eq!(string_literal("a\\'b", true), "'a\\\\''b'");
    }
}
