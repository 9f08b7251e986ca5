//! The four SQL dialects a model is imported from and exported to, and the facts about names
//! that every layer shares (reserved words, identifier limits): the importer reads with them,
//! the exporter quotes with them, the validator warns with them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A dialect of SQL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Dialect {
    /// PostgreSQL.
    Postgres,
    /// MySQL and MariaDB.
    MySql,
    /// SQLite.
    Sqlite,
    /// Microsoft SQL Server (T-SQL).
    MsSql,
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// How a dialect measures the length of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameLength {
    /// UTF-8 bytes (PostgreSQL's NAMEDATALEN counts bytes).
    Bytes(usize),
    /// Characters.
    Chars(usize),
}

impl Dialect {
    /// All four, in a fixed order.
    pub const ALL: [Dialect; 4] = [
        Dialect::Postgres,
        Dialect::MySql,
        Dialect::Sqlite,
        Dialect::MsSql,
    ];

    /// The short lower-case name used on the command line and in files.
    pub fn id(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::MySql => "mysql",
            Dialect::Sqlite => "sqlite",
            Dialect::MsSql => "mssql",
        }
    }

    /// The product name, for messages.
    pub fn product(self) -> &'static str {
        match self {
            Dialect::Postgres => "PostgreSQL",
            Dialect::MySql => "MySQL",
            Dialect::Sqlite => "SQLite",
            Dialect::MsSql => "SQL Server",
        }
    }

    /// The reserved words, upper case and sorted.
    pub fn reserved_words(self) -> &'static [&'static str] {
        use super::reserved::*;
        match self {
            Dialect::Postgres => POSTGRES_RESERVED,
            Dialect::MySql => MYSQL_RESERVED,
            Dialect::Sqlite => SQLITE_RESERVED,
            Dialect::MsSql => MSSQL_RESERVED,
        }
    }

    /// Whether `name` (any case) is a reserved word here.
    pub fn is_reserved(self, name: &str) -> bool {
        reserved_in(name) & (1 << self as u8) != 0
    }

    /// The longest identifier the dialect accepts. SQLite has no limit.
    pub fn name_limit(self) -> Option<NameLength> {
        match self {
            Dialect::Postgres => Some(NameLength::Bytes(63)),
            Dialect::MySql => Some(NameLength::Chars(64)),
            Dialect::Sqlite => None,
            Dialect::MsSql => Some(NameLength::Chars(128)),
        }
    }

    /// Whether unquoted names fold to lower case, so an upper-case letter must stay quoted.
    pub fn folds_unquoted_to_lower(self) -> bool {
        self == Dialect::Postgres
    }

    /// Whether names of one namespace compare without regard to case (MySQL on most systems,
    /// SQLite, SQL Server's default collation; PostgreSQL folds unquoted names instead).
    pub fn names_ignore_case(self) -> bool {
        self != Dialect::Postgres
    }
}

/// The name as the dialect sees it: PostgreSQL silently cuts a long name to its limit; the
/// others reject it (so it stays as written here).
pub fn truncated(dialect: Dialect, name: &str) -> &str {
    if dialect != Dialect::Postgres {
        return name;
    }
    let end = match dialect.name_limit() {
        Some(NameLength::Bytes(max)) => {
            let mut end = name.len().min(max);
            while !name.is_char_boundary(end) {
                end -= 1;
            }
            end
        }
        Some(NameLength::Chars(max)) => name
            .char_indices()
            .nth(max)
            .map_or(name.len(), |(at, _)| at),
        None => name.len(),
    };
    &name[..end]
}

/// The dialects (a bit per [`Dialect`], by its position) in which `name` is reserved: one
/// hash lookup for all four, since this runs for every name of the model on every check.
pub fn reserved_in(name: &str) -> u8 {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static TABLE: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table: HashMap<&'static str, u8> = HashMap::new();
        for dialect in Dialect::ALL {
            for word in dialect.reserved_words() {
                *table.entry(word).or_default() |= 1 << dialect as u8;
            }
        }
        table
    });
    // No reserved word is longer than 32 bytes; upper-case on the stack.
    let mut buffer = [0u8; 32];
    let Some(upper) = buffer.get_mut(..name.len()) else {
        return 0;
    };
    upper.copy_from_slice(name.as_bytes());
    upper.make_ascii_uppercase();
    std::str::from_utf8(upper)
        .ok()
        .and_then(|u| table.get(u).copied())
        .unwrap_or(0)
}
