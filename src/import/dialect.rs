//! Guessing which of the four SQL dialects a file is written in.

pub use crate::model::Dialect;

impl Dialect {
    /// Guesses the dialect from tell-tale constructs, scoring each dialect by how many of its
    /// markers the statements hold. Ties go to PostgreSQL, the most common source of dumps.
    pub fn guess(text: &str) -> Dialect {
        Self::guess_with_reason(text).0
    }

    /// The guess and why: the markers that decided it, with their counts
    /// (`SQLite: AUTOINCREMENT ×3, WITHOUT ROWID ×1`). Only statements count: comments and
    /// string literals may say anything (a comment that mentions another database, a default
    /// that holds a backtick), so they are blanked out before looking.
    pub fn guess_with_reason(text: &str) -> (Dialect, String) {
        // Sampling the start keeps the guess cheap on a 100 MB dump; markers appear early.
        let sample: String = text.chars().take(200_000).collect();
        let code = statements_only(&sample).to_ascii_lowercase();
        // A word marker counts whole words only: `serial` is not in `serialized_context`.
        let count = |needle: &str| {
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            let starts = needle.starts_with(|c: char| c.is_alphanumeric());
            let ends = needle.ends_with(|c: char| c.is_alphanumeric());
            code.match_indices(needle)
                .filter(|(at, _)| {
                    (!starts || !word(code[..*at].chars().next_back()))
                        && (!ends || !word(code[at + needle.len()..].chars().next()))
                })
                .count()
        };
        let line_starts = |needle: &str| {
            code.lines()
                .filter(|l| l.trim_start().starts_with(needle))
                .count()
        };
        let go_lines = code.lines().filter(|l| l.trim() == "go").count();
        // Square brackets quote names in SQL Server and in SQLite. A script with `GO` batches or
        // the `dbo` schema is SQL Server's; brackets without either point to SQLite.
        let tsql = go_lines > 0 || code.contains("dbo.") || code.contains("[dbo]");
        let strict_tables = strict_table_count(&code);
        let nvarchar_weight = match (tsql, code.contains('[')) {
            (true, _) => 3,
            (false, false) => 1,
            (false, true) => 0,
        };
        type Marker = (&'static str, usize, usize);
        // Names and weights of each dialect's markers, with how often each occurs.
        let markers: [(Dialect, Vec<Marker>); 4] = [
            (
                Dialect::Postgres,
                vec![
                    (
                        "serial",
                        3,
                        count("serial") + count("bigserial") + count("smallserial"),
                    ),
                    ("::", 3, count("::")),
                    ("$$", 5, count("$$")),
                    ("psql \\ command", 5, line_starts("\\")),
                    ("pg_catalog", 5, count("pg_catalog")),
                    ("OWNER TO", 3, count("owner to")),
                    ("TIMESTAMP WITH", 2, count("timestamp with")),
                    ("CREATE EXTENSION", 2, count("create extension")),
                    ("bytea", 2, count("bytea")),
                    ("jsonb", 2, count("jsonb")),
                ],
            ),
            (
                Dialect::MySql,
                vec![
                    ("backtick", 1, count("`")),
                    ("ENGINE=", 10, count("engine=") + count("engine =")),
                    ("AUTO_INCREMENT", 5, count("auto_increment")),
                    ("/*! */", 5, count("/*!")),
                    ("DELIMITER", 5, line_starts("delimiter ")),
                    ("UNSIGNED", 3, count("unsigned")),
                ],
            ),
            (
                Dialect::Sqlite,
                vec![
                    ("AUTOINCREMENT", 10, count("autoincrement")),
                    ("WITHOUT ROWID", 10, count("without rowid")),
                    ("STRICT", 10, strict_tables),
                    ("PRAGMA", 5, line_starts("pragma ")),
                    ("sqlite_ names", 10, count("sqlite_")),
                    ("CREATE VIRTUAL TABLE", 30, count("create virtual table")),
                ],
            ),
            (
                Dialect::MsSql,
                vec![
                    ("GO", 10, go_lines),
                    ("[dbo]", 1, count("[dbo]")),
                    // MySQL has NVARCHAR too, but its scripts say ENGINE= as well; with
                    // [brackets] and no GO or dbo it is SQLite's (as Chinook's port spells it).
                    ("nvarchar", nvarchar_weight, count("nvarchar")),
                    ("(max)", 5, count("(max)")),
                    ("datetime2", 3, count("datetime2")),
                    ("IDENTITY(", 5, count("identity(") + count("identity (")),
                    ("CLUSTERED", 3, count("clustered") + count("nonclustered")),
                    (":setvar", 3, line_starts(":setvar")),
                    ("uniqueidentifier", 2, count("uniqueidentifier")),
                ],
            ),
        ];
        let brackets = count("[").min(50);
        let mut best: (Dialect, usize, &[Marker]) = (Dialect::Postgres, 0, &[]);
        for (dialect, found) in &markers {
            let score: usize = found.iter().map(|(_, weight, n)| weight * n).sum();
            let score = match dialect {
                Dialect::MsSql if tsql => score * 4 + brackets,
                Dialect::Sqlite if !tsql => score * 4 + brackets,
                _ => score * 4,
            };
            if score > best.1 {
                best = (*dialect, score, found);
            }
        }
        let mut reasons: Vec<String> = best
            .2
            .iter()
            .filter(|(_, _, n)| *n > 0)
            .map(|(name, _, n)| format!("{name} ×{n}"))
            .collect();
        if best.1 > 0 && brackets > 0 && matches!(best.0, Dialect::MsSql | Dialect::Sqlite) {
            reasons.push(format!("[bracketed] names ×{brackets}"));
        }
        let reason = if reasons.is_empty() {
            "no dialect's markers found; PostgreSQL is the default".to_string()
        } else {
            format!("{}: {}", best.0.product(), reasons.join(", "))
        };
        (best.0, reason)
    }
}

/// `CREATE TABLE … ) STRICT`: SQLite's strict tables (`code` is lower case, comments blanked).
fn strict_table_count(code: &str) -> usize {
    code.match_indices(')')
        .filter(|(at, _)| {
            let after = code[at + 1..].trim_start();
            after.starts_with("strict")
                && after["strict".len()..].trim_start().starts_with([';', ','])
        })
        .count()
}

/// The text with comments and the insides of string literals replaced by spaces (line breaks
/// kept, so line-start markers still start lines). MySQL's `/*! … */` is code, not a comment,
/// and `$$` bodies are kept: the markers are about what runs.
fn statements_only(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let blank = |b: u8| if b == b'\n' { b'\n' } else { b' ' };
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"--") || rest.starts_with(b"#") && starts_line(bytes, i) {
            while i < bytes.len() && bytes[i] != b'\n' {
                out.push(b' ');
                i += 1;
            }
        } else if rest.starts_with(b"/*") && !rest.starts_with(b"/*!") {
            let end = text[i + 2..]
                .find("*/")
                .map_or(bytes.len(), |e| i + 2 + e + 2);
            out.extend(bytes[i..end].iter().map(|&b| blank(b)));
            i = end;
        } else if bytes[i] == b'\'' {
            out.push(b'\'');
            i += 1;
            while i < bytes.len() {
                if bytes[i] == b'\'' {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        out.extend_from_slice(b"  ");
                        i += 2;
                        continue;
                    }
                    break;
                }
                if bytes[i] == b'\\' && i + 1 < bytes.len() && bytes[i + 1] != b'\n' {
                    out.extend_from_slice(b"  ");
                    i += 2;
                    continue;
                }
                out.push(blank(bytes[i]));
                i += 1;
            }
            if i < bytes.len() {
                out.push(b'\'');
                i += 1;
            }
        } else if matches!(bytes[i], b'"' | b'`') {
            // A quoted name is copied whole: a quote inside it starts no string.
            let close = bytes[i];
            let end = bytes[i + 1..]
                .iter()
                .position(|&b| b == close)
                .map_or(bytes.len(), |e| i + 1 + e + 1);
            out.extend_from_slice(&bytes[i..end]);
            i = end;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    // Only ASCII bytes were replaced, by ASCII: the rest is the input's valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

fn starts_line(bytes: &[u8], at: usize) -> bool {
    bytes[..at]
        .iter()
        .rev()
        .take_while(|&&b| b != b'\n')
        .all(|b| b.is_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_decide_the_dialect() {
        assert_eq!(
            Dialect::guess("CREATE TABLE `a` (id int) ENGINE=InnoDB;"),
            Dialect::MySql
        );
        assert_eq!(
            Dialect::guess("CREATE TABLE [dbo].[a] ([id] int IDENTITY(1,1))\nGO\n"),
            Dialect::MsSql
        );
        assert_eq!(
            Dialect::guess("CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);"),
            Dialect::Sqlite
        );
        assert_eq!(
            Dialect::guess("CREATE TABLE a (id serial, t timestamp with time zone);"),
            Dialect::Postgres
        );
        assert_eq!(
            Dialect::guess("CREATE TABLE a (id int);"),
            Dialect::Postgres
        );
        assert_eq!(
            Dialect::guess(
                "DROP TABLE IF EXISTS [Album];\nCREATE TABLE [Album] ([Id] INTEGER NOT NULL);"
            ),
            Dialect::Sqlite
        );
    }

    #[test]
    fn comments_and_strings_do_not_sway_the_guess() {
        // A PostgreSQL script whose comments talk of SQLite and MySQL.
        let text = "-- ported from SQLite; AUTOINCREMENT ids became serial\n\
                    /* was ENGINE=InnoDB with AUTO_INCREMENT in MySQL */\n\
                    CREATE TABLE a (id serial, note text DEFAULT 'see `sqlite_master`');";
        assert_eq!(Dialect::guess(text), Dialect::Postgres);
        // An SQLite script whose default holds a backtick and a cast-like string.
        let text =
            "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, t TEXT DEFAULT '`x`::y');";
        assert_eq!(Dialect::guess(text), Dialect::Sqlite);
        // MySQL's versioned comments are code.
        let text = "/*!40101 SET NAMES utf8 */;\nCREATE TABLE a (id int);";
        assert_eq!(Dialect::guess(text), Dialect::MySql);
    }

    #[test]
    fn sqlite_signals_of_its_own() {
        assert_eq!(
            Dialect::guess("CREATE TABLE a (id INTEGER PRIMARY KEY, v ANY) STRICT;"),
            Dialect::Sqlite
        );
        assert_eq!(
            Dialect::guess("CREATE TABLE a (k TEXT PRIMARY KEY, v) WITHOUT ROWID;"),
            Dialect::Sqlite
        );
        assert_eq!(
            Dialect::guess("PRAGMA foreign_keys = ON;\nCREATE TABLE a (id int);"),
            Dialect::Sqlite
        );
        let (dialect, reason) =
            Dialect::guess_with_reason("CREATE TABLE a (k TEXT PRIMARY KEY) WITHOUT ROWID;");
        assert_eq!(dialect, Dialect::Sqlite);
        assert!(reason.contains("WITHOUT ROWID ×1"), "{reason}");
    }

    #[test]
    fn markers_are_whole_words() {
        // `serialized_context` is no serial column; NVARCHAR without ENGINE= is T-SQL's.
        let text =
            "CREATE TABLE c (serialized_context NVARCHAR(2500), short_context NVARCHAR(2500));";
        assert_eq!(Dialect::guess(text), Dialect::MsSql);
        assert_eq!(
            Dialect::guess("CREATE TABLE a (id serial);"),
            Dialect::Postgres
        );
    }
}
