//! The four SQL dialects a model is imported from and exported to, and every fact about them
//! that more than one layer needs (names on the command line and in menus, reserved words,
//! identifier limits in the unit the server counts, quotes, the default schema): the importer
//! reads with them, the exporter writes with them, the validator warns with them, the CLI and
//! the GUI offer them. A fact about one dialect that only one writer needs stays in that writer.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A dialect of SQL. PostgreSQL, the most common source of dumps and of designs, is where a
/// choice starts.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Dialect {
    /// PostgreSQL.
    #[default]
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

impl FromStr for Dialect {
    type Err = UnknownDialect;

    /// The short name ([`Dialect::id`]) in any case, or a product's own name (`postgresql`,
    /// `mariadb`, `sqlserver`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase();
        Dialect::ALL
            .into_iter()
            .find(|d| d.id() == wanted || d.aliases().contains(&wanted.as_str()))
            .ok_or_else(|| UnknownDialect(text.to_string()))
    }
}

/// A dialect name that is none of the four.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownDialect(pub String);

impl fmt::Display for UnknownDialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = Dialect::ALL.iter().map(|d| d.id()).collect();
        write!(
            f,
            "unknown dialect {:?}: expected one of {}",
            self.0,
            ids.join(", ")
        )
    }
}

impl std::error::Error for UnknownDialect {}

/// The longest name a dialect takes, in the unit its server counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameLength {
    /// UTF-8 bytes (PostgreSQL's NAMEDATALEN counts bytes).
    Bytes(usize),
    /// Characters (MySQL and SQL Server count characters).
    Chars(usize),
}

impl NameLength {
    /// The length of `name` in this unit.
    pub fn measure(self, name: &str) -> usize {
        match self {
            NameLength::Bytes(_) => name.len(),
            NameLength::Chars(_) => name.chars().count(),
        }
    }

    /// The largest length allowed, in this unit.
    pub fn max(self) -> usize {
        match self {
            NameLength::Bytes(max) | NameLength::Chars(max) => max,
        }
    }

    /// The unit's name, plural (`bytes`, `characters`).
    pub fn unit(self) -> &'static str {
        match self {
            NameLength::Bytes(_) => "bytes",
            NameLength::Chars(_) => "characters",
        }
    }

    /// The longest start of `name` that fits, cut at a character boundary.
    pub fn cut(self, name: &str) -> &str {
        let end = match self {
            NameLength::Bytes(max) => {
                let mut end = name.len().min(max);
                while !name.is_char_boundary(end) {
                    end -= 1;
                }
                end
            }
            NameLength::Chars(max) => name
                .char_indices()
                .nth(max)
                .map_or(name.len(), |(at, _)| at),
        };
        &name[..end]
    }
}

impl fmt::Display for NameLength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.max(), self.unit())
    }
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

    /// Other names the dialect goes by, lower case, accepted wherever a dialect is named.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Dialect::Postgres => &["postgresql", "pg"],
            Dialect::MySql => &["mariadb"],
            Dialect::Sqlite => &["sqlite3"],
            Dialect::MsSql => &["sqlserver", "tsql"],
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

    /// The name a user picks it by, in menus and help: the products it stands for.
    pub fn label(self) -> &'static str {
        match self {
            Dialect::MySql => "MySQL / MariaDB",
            other => other.product(),
        }
    }

    /// What a script in this dialect is saved as: SQLite's files say so, since the same
    /// model's scripts for other dialects often sit beside them.
    pub fn script_extension(self) -> &'static str {
        match self {
            Dialect::Sqlite => "sqlite.sql",
            _ => "sql",
        }
    }

    /// The characters a quoted name opens and closes with.
    pub fn quotes(self) -> (char, char) {
        match self {
            Dialect::MySql => ('`', '`'),
            Dialect::MsSql => ('[', ']'),
            Dialect::Postgres | Dialect::Sqlite => ('"', '"'),
        }
    }

    /// Whether a backslash escapes in an ordinary string literal (MySQL's default `sql_mode`;
    /// PostgreSQL only inside `E'…'`).
    pub fn backslash_escapes(self) -> bool {
        self == Dialect::MySql
    }

    /// The schema a table is in when none is named; such names are stored unqualified.
    pub fn default_schema(self) -> Option<&'static str> {
        match self {
            Dialect::Postgres => Some("public"),
            Dialect::MsSql => Some("dbo"),
            Dialect::Sqlite => Some("main"),
            Dialect::MySql => None,
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

    /// The longest identifier the dialect accepts. SQLite has none (a name is bounded only by
    /// the statement's length).
    pub fn name_limit(self) -> Option<NameLength> {
        match self {
            Dialect::Postgres => Some(NameLength::Bytes(63)),
            Dialect::MySql => Some(NameLength::Chars(64)),
            Dialect::Sqlite => None,
            Dialect::MsSql => Some(NameLength::Chars(128)),
        }
    }

    /// Whether index names share one namespace per schema with the tables (PostgreSQL, SQLite),
    /// rather than being the table's own (MySQL, SQL Server), where two tables may each have an
    /// index of the same name.
    pub fn index_names_per_schema(self) -> bool {
        matches!(self, Dialect::Postgres | Dialect::Sqlite)
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
    match dialect.name_limit() {
        Some(limit) if dialect == Dialect::Postgres => limit.cut(name),
        _ => name,
    }
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

/// Serde for a dialect written as its short name (`"postgres"`), as the file keeps it where a
/// statement or a spelling says which dialect it is in.
pub mod as_id {
    use super::Dialect;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes [`Dialect::id`].
    pub fn serialize<S: Serializer>(dialect: &Dialect, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(dialect.id())
    }

    /// Reads any name [`Dialect::from_str`](std::str::FromStr) takes.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Dialect, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dialect_reads_back_from_its_id_and_aliases() {
        for dialect in Dialect::ALL {
            assert_eq!(dialect.id().parse(), Ok(dialect));
            assert_eq!(dialect.id().to_uppercase().parse(), Ok(dialect));
            for alias in dialect.aliases() {
                assert_eq!(alias.parse(), Ok(dialect));
            }
        }
        let error = "oracle".parse::<Dialect>().unwrap_err().to_string();
        assert!(error.contains("postgres, mysql, sqlite, mssql"), "{error}");
    }

    #[test]
    fn limits_count_in_the_servers_unit() {
        let name = "é".repeat(40);
        let pg = Dialect::Postgres.name_limit().unwrap();
        assert_eq!(pg.measure(&name), 80);
        assert_eq!(pg.cut(&name).len(), 62, "cut on a character boundary");
        let my = Dialect::MySql.name_limit().unwrap();
        assert_eq!(my.measure(&name), 40);
        assert_eq!(my.cut(&name), name);
        assert_eq!(Dialect::Sqlite.name_limit(), None);
        assert_eq!(truncated(Dialect::MySql, &"x".repeat(99)).len(), 99);
        assert_eq!(truncated(Dialect::Postgres, &"x".repeat(99)).len(), 63);
    }
}
