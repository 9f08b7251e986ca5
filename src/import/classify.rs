//! Deciding, from a statement's leading words, whether to parse it or knowingly skip it.
//!
//! Deciding up front keeps routines, grants and client noise away from the parser (whose grammar
//! for them is the least complete), and gives each skipped statement a kind for the summary.

/// What to do with a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Class {
    /// Parse it: it may hold tables, keys, indexes, types or comments.
    Parse,
    /// Not part of the model; the label names the kind (`GRANT`, `CREATE FUNCTION`…).
    Skip(String),
}

const SKIPPED_LEADERS: &[&str] = &[
    "SET",
    "RESET",
    "SELECT",
    "INSERT",
    "REPLACE",
    "UPDATE",
    "DELETE",
    "MERGE",
    "COPY",
    "LOCK",
    "UNLOCK",
    "USE",
    "GRANT",
    "REVOKE",
    "DENY",
    "BEGIN",
    "COMMIT",
    "START",
    "ROLLBACK",
    "SAVEPOINT",
    "RELEASE",
    "END",
    "DROP",
    "TRUNCATE",
    "VACUUM",
    "ANALYZE",
    "ANALYSE",
    "CLUSTER",
    "REINDEX",
    "REFRESH",
    "EXEC",
    "EXECUTE",
    "PRINT",
    "DECLARE",
    "IF",
    "WHILE",
    "PRAGMA",
    "RAISERROR",
    "SOURCE",
    "CALL",
    "DO",
    "LISTEN",
    "NOTIFY",
    "CHECKPOINT",
    "DBCC",
    "WITH",
    "VALUES",
    "EXPLAIN",
    "SHOW",
    "FLUSH",
    "OPTIMIZE",
    "REPAIR",
    "ATTACH",
    "DETACH",
    "SECURITY",
    "LOAD",
    "IMPORT",
    "DISCARD",
    "PREPARE",
    "DEALLOCATE",
    "FETCH",
    "CLOSE",
    "OPEN",
    "RETURN",
    "GO",
    "WAITFOR",
    "THROW",
    "TRY",
    "CATCH",
    "REASSIGN",
    "ELSE",
];

/// Words between CREATE and the object kind that do not change what the statement makes.
const CREATE_NOISE: &[&str] = &[
    "OR",
    "REPLACE",
    "ALTER",
    "TEMP",
    "TEMPORARY",
    "UNLOGGED",
    "GLOBAL",
    "LOCAL",
    "RECURSIVE",
    "TRUSTED",
    "PROCEDURAL",
    "CONSTRAINT",
    "DEFINER",
    "SQL",
    "SECURITY",
    "INVOKER",
    "ALGORITHM",
    "UNDEFINED",
    "MERGE",
    "TEMPTABLE",
    "DEFAULT",
    "IF",
    "NOT",
    "EXISTS",
    "NO",
    "FORCE",
];

/// CREATE kinds that are parsed; everything else after CREATE is skipped by name.
const CREATE_PARSED: &[&str] = &[
    "TABLE",
    "INDEX",
    "UNIQUE",
    "SCHEMA",
    "TYPE",
    "CLUSTERED",
    "NONCLUSTERED",
];

/// Classifies one statement (already unwrapped from MySQL `/*!…*/` comments).
pub fn classify(text: &str) -> Class {
    let words = leading_words(text, 12);
    let first = words.first().map(String::as_str).unwrap_or("");
    match first {
        "CREATE" => create(&words, text),
        "ALTER" => alter(&words, text),
        "DROP" => match words.get(1).map(String::as_str) {
            Some("TABLE" | "INDEX") => Class::Parse,
            Some(other) => Class::Skip(format!("DROP {other}")),
            None => Class::Skip("DROP".to_string()),
        },
        "COMMENT" => match words.get(2).map(String::as_str) {
            Some("TABLE" | "COLUMN" | "INDEX") => Class::Parse,
            Some(other) => Class::Skip(format!("COMMENT ON {other}")),
            None => Class::Parse,
        },
        _ if SKIPPED_LEADERS.contains(&first) => Class::Skip(first.to_string()),
        _ => Class::Parse,
    }
}

fn create(words: &[String], text: &str) -> Class {
    let mut rest = words[1..].iter().map(String::as_str).peekable();
    // MySQL's `DEFINER=`user`@`host`` is one word here; skip anything with `=` too.
    let kind = loop {
        match rest.next() {
            Some(word)
                if CREATE_NOISE.contains(&word) || word.contains('=') || word.contains('@') =>
            {
                continue;
            }
            Some(word) => break word,
            None => return Class::Parse,
        }
    };
    match kind {
        "TYPE" if !upper_contains(text, " AS ENUM") => Class::Skip("CREATE TYPE".to_string()),
        "TABLE" | "INDEX" | "UNIQUE" | "SCHEMA" | "TYPE" | "CLUSTERED" | "NONCLUSTERED" => {
            Class::Parse
        }
        "VIRTUAL" | "FOREIGN" => Class::Skip(format!("CREATE {kind} TABLE")),
        "MATERIALIZED" => Class::Skip("CREATE MATERIALIZED VIEW".to_string()),
        "PROC" => Class::Skip("CREATE PROCEDURE".to_string()),
        "FULLTEXT" | "SPATIAL"
            if !upper_contains(text, " INDEX ") || upper_contains(text, "INDEX ON") =>
        {
            Class::Skip(format!("CREATE {kind}"))
        }
        "FULLTEXT" | "SPATIAL" => Class::Parse,
        other if CREATE_PARSED.contains(&other) => Class::Parse,
        other => Class::Skip(format!("CREATE {other}")),
    }
}

fn alter(words: &[String], text: &str) -> Class {
    let kind = words.get(1).map(String::as_str).unwrap_or("");
    let owner = upper_contains(text, " OWNER TO ");
    if kind == "INDEX" && upper_contains(text, " ATTACH PARTITION ") {
        // pg_dump's way of saying a partition's index belongs to its parent's: the export
        // makes the parent's index after the partitions', which PostgreSQL then attaches.
        return Class::Skip(
            "ALTER INDEX … ATTACH PARTITION (implied by the matching indexes)".into(),
        );
    }
    if kind != "TABLE" {
        return Class::Skip(if owner {
            "ALTER … OWNER".to_string()
        } else {
            format!("ALTER {kind}")
        });
    }
    if owner {
        return Class::Skip("ALTER … OWNER".to_string());
    }
    let upper = text.to_ascii_uppercase();
    for (needle, label) in [
        (" DISABLE KEYS", "ALTER TABLE … DISABLE KEYS"),
        (" ENABLE KEYS", "ALTER TABLE … ENABLE KEYS"),
        (" CHECK CONSTRAINT ", "ALTER TABLE … CHECK CONSTRAINT"),
        (" NOCHECK CONSTRAINT ", "ALTER TABLE … NOCHECK CONSTRAINT"),
        (" CLUSTER ON ", "ALTER TABLE … CLUSTER ON"),
        (" REPLICA IDENTITY ", "ALTER TABLE … REPLICA IDENTITY"),
        (" ENABLE TRIGGER", "ALTER TABLE … ENABLE TRIGGER"),
        (" DISABLE TRIGGER", "ALTER TABLE … DISABLE TRIGGER"),
        (
            " ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE … ROW LEVEL SECURITY",
        ),
        (" SET STATISTICS ", "ALTER TABLE … SET STATISTICS"),
        (" SET STORAGE ", "ALTER TABLE … SET STORAGE"),
        (" INHERIT ", "ALTER TABLE … INHERIT"),
        (" ENGINE", "ALTER TABLE … ENGINE"),
    ] {
        let only_that = !upper.contains(" ADD ") && !upper.contains(" ALTER COLUMN ");
        if upper.contains(needle) && only_that {
            return Class::Skip(label.to_string());
        }
    }
    Class::Parse
}

fn upper_contains(text: &str, needle: &str) -> bool {
    text.to_ascii_uppercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .contains(needle.trim())
}

/// The first `count` words, upper-cased, with quotes and brackets kept as part of words.
pub fn leading_words(text: &str, count: usize) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '(' || c == ';')
        .filter(|w| !w.is_empty())
        .take(count)
        .map(|w| w.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip(label: &str) -> Class {
        Class::Skip(label.to_string())
    }

    #[test]
    fn tables_indexes_enums_and_comments_are_parsed() {
        for sql in [
            "CREATE TABLE a (x int)",
            "create unlogged table a (x int)",
            "CREATE UNIQUE INDEX i ON a (x)",
            "CREATE TYPE mood AS ENUM ('sad', 'ok')",
            "COMMENT ON COLUMN a.x IS 'why'",
            "ALTER TABLE ONLY a ADD CONSTRAINT a_pkey PRIMARY KEY (x)",
            "CREATE SCHEMA sales",
        ] {
            assert_eq!(classify(sql), Class::Parse, "{sql}");
        }
    }

    #[test]
    fn everything_else_is_skipped_by_kind() {
        assert_eq!(classify("GRANT ALL ON a TO b"), skip("GRANT"));
        assert_eq!(
            classify("CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ $$"),
            skip("CREATE FUNCTION")
        );
        assert_eq!(
            classify("ALTER TABLE public.a OWNER TO postgres"),
            skip("ALTER … OWNER")
        );
        assert_eq!(
            classify("ALTER SEQUENCE s OWNED BY a.id"),
            skip("ALTER SEQUENCE")
        );
        assert_eq!(
            classify("CREATE TYPE pair AS (a int, b int)"),
            skip("CREATE TYPE")
        );
        assert_eq!(
            classify("CREATE DEFINER=`root`@`localhost` TRIGGER t BEFORE INSERT ON a"),
            skip("CREATE TRIGGER")
        );
        assert_eq!(
            classify("COMMENT ON CONSTRAINT c ON a IS 'x'"),
            skip("COMMENT ON CONSTRAINT")
        );
        assert_eq!(
            classify("ALTER TABLE `a` DISABLE KEYS"),
            skip("ALTER TABLE … DISABLE KEYS")
        );
        assert_eq!(
            classify("CREATE VIRTUAL TABLE f USING fts4(x)"),
            skip("CREATE VIRTUAL TABLE")
        );
    }
}
