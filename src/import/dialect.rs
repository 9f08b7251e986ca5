//! Guessing which of the four SQL dialects a file is written in.

pub use crate::model::Dialect;

impl Dialect {
    /// The schema a table is in when none is named; such names are stored unqualified.
    pub fn default_schema(self) -> Option<&'static str> {
        match self {
            Dialect::Postgres => Some("public"),
            Dialect::MsSql => Some("dbo"),
            Dialect::Sqlite => Some("main"),
            Dialect::MySql => None,
        }
    }

    /// Guesses the dialect from tell-tale constructs, scoring each dialect by how many of its
    /// markers the text holds. Ties go to PostgreSQL, the most common source of dumps.
    pub fn guess(text: &str) -> Dialect {
        // Sampling the start keeps the guess cheap on a 100 MB dump; markers appear early.
        let sample: String = text
            .chars()
            .take(200_000)
            .collect::<String>()
            .to_ascii_lowercase();
        let count = |needle: &str| sample.matches(needle).count();
        let line_starts = |needle: &str| {
            sample
                .lines()
                .filter(|l| l.trim_start().starts_with(needle))
                .count()
        };
        let go_lines = sample.lines().filter(|l| l.trim() == "go").count();
        // Square brackets quote names in SQL Server and in SQLite. A script with `GO` batches or
        // the `dbo` schema is SQL Server's; brackets without either point to SQLite.
        let tsql = go_lines > 0 || sample.contains("dbo.") || sample.contains("[dbo]");
        let scores = [
            (
                Dialect::Postgres,
                3 * count("serial")
                    + 3 * count("::")
                    + 5 * count("$$")
                    + 5 * line_starts("\\")
                    + 5 * count("pg_catalog")
                    + 3 * count("owner to")
                    + 2 * count("timestamp with")
                    + 2 * count("create extension")
                    + 2 * count("bytea")
                    + 2 * count("jsonb"),
            ),
            (
                Dialect::MySql,
                count("`")
                    + 10 * count("engine=")
                    + 10 * count("engine =")
                    + 5 * count("auto_increment")
                    + 5 * count("/*!")
                    + 5 * line_starts("delimiter ")
                    + 3 * count("unsigned"),
            ),
            (
                Dialect::Sqlite,
                10 * count("autoincrement")
                    + 10 * count("without rowid")
                    + 5 * count("pragma ")
                    + 10 * count("sqlite")
                    + 30 * count("create virtual table"),
            ),
            (
                Dialect::MsSql,
                10 * go_lines
                    + count("[dbo]")
                    + if tsql { 3 * count("nvarchar") } else { 0 }
                    + 5 * count("identity(")
                    + 5 * count("identity (")
                    + 3 * count("clustered")
                    + 3 * line_starts(":setvar")
                    + 2 * count("uniqueidentifier"),
            ),
        ];
        let brackets = count("[").min(50);
        let mut best = (Dialect::Postgres, 0usize);
        for (dialect, score) in scores {
            let score = match dialect {
                Dialect::MsSql if tsql => score * 4 + brackets,
                Dialect::Sqlite if !tsql => score * 4 + brackets,
                _ => score * 4,
            };
            if score > best.1 {
                best = (dialect, score);
            }
        }
        best.0
    }
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
}
