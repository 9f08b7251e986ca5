//! A column's type as the script spelled it (`varchar(40) BINARY`, `timestamp(0) without time
//! zone`, an untyped SQLite column), kept beside the portable type so an export to the same
//! dialect writes it back.

use super::{State, same_tokens};
use sqlparser::ast::{self, ColumnOption};

/// The declared type with its character set and collation, as the script spelled them (an
/// untyped SQLite column has none): the script's own text where it can be found, since SQLite
/// keeps a declared type verbatim, else the parser's spelling.
pub(super) fn native_spelling(state: &State, def: &ast::ColumnDef) -> String {
    let parsed = match def.data_type {
        ast::DataType::Unspecified => String::new(),
        ref declared => declared.to_string(),
    };
    let written = state
        .source()
        .offset(def.name.span.end)
        .map(|after_name| {
            declared_type_text(state.source().from(after_name))
                .replace(crate::import::rewrite::BINARY_ATTRIBUTE_MARK, "BINARY")
        })
        .filter(|written| {
            same_tokens(written, &parsed) || parsed_plus_attributes(written, &parsed)
        });
    let mut spelling = written.unwrap_or(parsed);
    for option in &def.options {
        let clause = match &option.option {
            ColumnOption::CharacterSet(name) => format!("CHARACTER SET {name}"),
            ColumnOption::Collation(name) => format!("COLLATE {name}"),
            _ => continue,
        };
        if !spelling.is_empty() {
            spelling.push(' ');
        }
        spelling.push_str(&clause);
    }
    spelling
}

/// MySQL type attributes the parser reads apart from the type (`varchar(40) BINARY`, which
/// means a binary collation): the script's spelling holds the parsed type and then only these.
fn parsed_plus_attributes(written: &str, parsed: &str) -> bool {
    const ATTRIBUTES: &[&str] = &[
        "BINARY", "ZEROFILL", "UNSIGNED", "SIGNED", "ASCII", "UNICODE",
    ];
    let Some(cut) = written
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(at, _)| at)
        .find(|&at| same_tokens(&written[..at], parsed))
    else {
        return false;
    };
    !parsed.is_empty()
        && written[cut..]
            .split_whitespace()
            .all(|w| ATTRIBUTES.iter().any(|a| w.eq_ignore_ascii_case(a)))
}

/// The type at the start of `rest` (the text after a column's name): up to the first column
/// constraint or clause, or the `,` or `)` that ends the definition.
fn declared_type_text(rest: &str) -> &str {
    const CLAUSES: &[&str] = &[
        "NOT",
        "NULL",
        "DEFAULT",
        "PRIMARY",
        "UNIQUE",
        "KEY",
        "REFERENCES",
        "CHECK",
        "CONSTRAINT",
        "COLLATE",
        "CHARSET",
        "GENERATED",
        "AS",
        "AUTO_INCREMENT",
        "AUTOINCREMENT",
        "IDENTITY",
        "COMMENT",
        "ON",
        "STORED",
        "VIRTUAL",
        "INVISIBLE",
        "ROWGUIDCOL",
        "SPARSE",
        "FILESTREAM",
        "MASKED",
        "ENCRYPTED",
        "COLUMN_FORMAT",
        "STORAGE",
        "SRID",
    ];
    let bytes = rest.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let mut end = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' => depth += 1,
            b')' | b']' if depth > 0 => depth -= 1,
            b')' | b',' | b';' if depth == 0 => break,
            b'\'' | b'"' | b'`' => {
                let close = bytes[i];
                i += 1;
                while i < bytes.len() && bytes[i] != close {
                    i += 1;
                }
            }
            b if depth == 0 && (b.is_ascii_alphabetic() || b == b'_') => {
                let word_end = rest[i..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .map_or(rest.len(), |e| i + e);
                let word = &rest[i..word_end];
                let next = rest[word_end..].trim_start().get(..3).unwrap_or_default();
                let charset =
                    word.eq_ignore_ascii_case("CHARACTER") && next.eq_ignore_ascii_case("SET");
                if CLAUSES.iter().any(|c| c.eq_ignore_ascii_case(word)) || charset {
                    break;
                }
                i = word_end;
                end = i;
                continue;
            }
            _ => {}
        }
        i += 1;
        if !bytes[i - 1].is_ascii_whitespace() {
            end = i;
        }
    }
    // A cut inside a character (never at ASCII, which is all that ends a type) gives nothing.
    rest.get(..end).unwrap_or_default().trim()
}
