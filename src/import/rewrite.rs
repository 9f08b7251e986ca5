//! Textual repairs before parsing, for constructs real dumps use and sqlparser does not read.
//!
//! Each rewrite works only on code (outside strings, quoted names and comments) and either drops
//! words that carry nothing for the model (`ON [PRIMARY]`, `ROWGUIDCOL`, `NONCLUSTERED`) or
//! restates a construct in a form the parser knows, with the same meaning for the model.

use super::dialect::Dialect;

/// Which bytes of `text` are code, as opposed to inside a string, quoted name or comment.
pub fn code_mask(text: &str, dialect: Dialect) -> Vec<bool> {
    let bytes = text.as_bytes();
    let mut mask = vec![true; bytes.len()];
    let mut i = 0;
    let quote_end = |open: u8| -> Option<u8> {
        match open {
            b'\'' => Some(b'\''),
            b'"' => Some(b'"'),
            b'`' if dialect != Dialect::MsSql => Some(b'`'),
            b'[' if matches!(dialect, Dialect::MsSql | Dialect::Sqlite) => Some(b']'),
            _ => None,
        }
    };
    while i < bytes.len() {
        let byte = bytes[i];
        let start = i;
        if let Some(close) = quote_end(byte) {
            i += 1;
            while i < bytes.len() {
                if dialect == Dialect::MySql && bytes[i] == b'\\' {
                    i += 2;
                    continue;
                }
                if bytes[i] == close {
                    if bytes.get(i + 1) == Some(&close) {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i += 1;
            }
            i = (i + 1).min(bytes.len());
        } else if byte == b'-' && bytes.get(i + 1) == Some(&b'-') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if byte == b'/' && bytes.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                i += 1;
            }
            i = (i + 2).min(bytes.len());
        } else {
            i += 1;
            continue;
        }
        for flag in &mut mask[start..i] {
            *flag = false;
        }
    }
    mask
}

/// Positions of `word` (case-insensitive, whole word) in code.
fn find_words(text: &str, mask: &[bool], word: &str) -> Vec<usize> {
    let upper = text.to_ascii_uppercase();
    let bytes = upper.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    upper
        .match_indices(word)
        .map(|(at, _)| at)
        .filter(|&at| {
            mask.get(at).copied().unwrap_or(false)
                && (at == 0 || !is_word(bytes[at - 1]))
                && bytes.get(at + word.len()).is_none_or(|b| !is_word(*b))
        })
        .collect()
}

/// Repairs one statement for the parser; returns it unchanged when nothing applies. The result
/// may hold several statements separated by `;` (T-SQL adds several constraints in one ALTER).
pub fn rewrite(text: &str, dialect: Dialect) -> String {
    let mut text = text.to_string();
    match dialect {
        Dialect::MsSql => {
            for word in [
                "ROWGUIDCOL",
                "NONCLUSTERED",
                "CLUSTERED",
                "NOT FOR REPLICATION",
            ] {
                text = drop_words(&text, dialect, word);
            }
            text = drop_filegroups(&text, dialect);
            text = replace_words(&text, dialect, "WITH CHECK ADD", "ADD");
            text = replace_words(&text, dialect, "WITH NOCHECK ADD", "ADD");
            text = tsql_columns(&text, dialect).unwrap_or(text);
            text = split_add_list(&text, dialect)
                .iter()
                .map(|part| default_for_column(part, dialect).unwrap_or_else(|| part.clone()))
                .collect::<Vec<_>>()
                .join(";\n");
        }
        Dialect::MySql => text = mysql_binary_attribute(&text, dialect),
        Dialect::Postgres => {
            if crate::import::classify::leading_words(&text, 3)
                .iter()
                .any(|w| w == "INDEX")
            {
                // pg_dump's index of a partitioned table alone, its partitions' attached later:
                // the model's index of that table, made after theirs, is the same thing.
                text = replace_words(&text, dialect, "ON ONLY", "ON");
            }
            text = replace_words(&text, dialect, "VIRTUAL", "STORED");
            text = drop_identity_options(&text, dialect);
        }
        Dialect::Sqlite => {}
    }
    text
}

/// What stands for MySQL's `BINARY` type attribute once the parser has been shown the column
/// without it: a comment, so the parser skips it and the column's spelling can say it again.
pub const BINARY_ATTRIBUTE_MARK: &str = "/*BINARY*/";

/// `VARCHAR(40) BINARY` (a binary collation of the column's character set), which the parser
/// does not read: the attribute becomes [`BINARY_ATTRIBUTE_MARK`]. Only after a character type
/// (`… )` or a text type's name), so the `BINARY` and `BINARY(16)` types are left alone.
fn mysql_binary_attribute(text: &str, dialect: Dialect) -> String {
    const TEXT_TYPES: &[&str] = &[
        "CHAR",
        "VARCHAR",
        "TEXT",
        "TINYTEXT",
        "MEDIUMTEXT",
        "LONGTEXT",
        "NCHAR",
        "NVARCHAR",
    ];
    let mask = code_mask(text, dialect);
    let hits: Vec<usize> = find_words(text, &mask, "BINARY")
        .into_iter()
        .filter(|&at| {
            let before = text[..at].trim_end();
            let after = text[at + "BINARY".len()..].trim_start();
            let previous_word = before
                .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()
                .unwrap_or_default();
            let after_type = before.ends_with(')')
                || TEXT_TYPES
                    .iter()
                    .any(|t| previous_word.eq_ignore_ascii_case(t));
            after_type && !after.starts_with('(')
        })
        .collect();
    let mut out = String::with_capacity(text.len() + hits.len() * 4);
    let mut last = 0;
    for at in hits {
        out.push_str(&text[last..at]);
        out.push_str(BINARY_ATTRIBUTE_MARK);
        last = at + "BINARY".len();
    }
    out.push_str(&text[last..]);
    out
}

fn replace_words(text: &str, dialect: Dialect, from: &str, to: &str) -> String {
    let mask = code_mask(text, dialect);
    let hits = find_words(text, &mask, from);
    if hits.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for at in hits {
        out.push_str(&text[last..at]);
        out.push_str(to);
        last = at + from.len();
    }
    out.push_str(&text[last..]);
    out
}

fn drop_words(text: &str, dialect: Dialect, word: &str) -> String {
    replace_words(text, dialect, word, "")
}

/// T-SQL storage clauses: `ON [PRIMARY]`, `TEXTIMAGE_ON [PRIMARY]`, `WITH (PAD_INDEX = OFF, …)`
/// after a key or table, all of which say where data lives, not what it is.
fn drop_filegroups(text: &str, dialect: Dialect) -> String {
    let mut out = text.to_string();
    for keyword in ["TEXTIMAGE_ON", "ON"] {
        loop {
            let mask = code_mask(&out, dialect);
            let Some((at, end)) = find_words(&out, &mask, keyword).into_iter().find_map(|at| {
                let after = out[at + keyword.len()..].trim_start();
                let skipped = out.len() - at - keyword.len() - after.len();
                let group = ["[PRIMARY]", "\"PRIMARY\"", "PRIMARY"]
                    .iter()
                    .find(|g| after.to_ascii_uppercase().starts_with(*g))?;
                // Only at the end of a definition: what follows is `)`, `,`, `;`, WITH, GO or nothing.
                let tail = after[group.len()..].trim_start();
                let ends = tail.is_empty()
                    || tail.starts_with([')', ',', ';'])
                    || tail.to_ascii_uppercase().starts_with("TEXTIMAGE_ON")
                    || tail.to_ascii_uppercase().starts_with("WITH");
                ends.then_some((at, at + keyword.len() + skipped + group.len()))
            }) else {
                break;
            };
            out.replace_range(at..end, "");
        }
    }
    drop_index_options(&out, dialect)
}

/// `WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, …)` on keys and indexes.
fn drop_index_options(text: &str, dialect: Dialect) -> String {
    let mut out = text.to_string();
    loop {
        let mask = code_mask(&out, dialect);
        let found = find_words(&out, &mask, "WITH").into_iter().find_map(|at| {
            let after = &out[at + 4..];
            let open = after.len() - after.trim_start().len();
            if !after.trim_start().starts_with('(') {
                return None;
            }
            let inner_start = at + 4 + open + 1;
            let close = out[inner_start..].find(')')? + inner_start;
            let inner = out[inner_start..close].to_ascii_uppercase();
            let is_storage = [
                "PAD_INDEX",
                "FILLFACTOR",
                "STATISTICS_NORECOMPUTE",
                "IGNORE_DUP_KEY",
                "ALLOW_ROW_LOCKS",
                "ALLOW_PAGE_LOCKS",
                "DATA_COMPRESSION",
                "ONLINE",
                "SORT_IN_TEMPDB",
                "DROP_EXISTING",
                "OPTIMIZE_FOR_SEQUENTIAL_KEY",
            ]
            .iter()
            .any(|option| inner.contains(option));
            is_storage.then_some((at, close + 1))
        });
        match found {
            Some((at, end)) => out.replace_range(at..end, ""),
            None => return out,
        }
    }
}

/// T-SQL `ALTER TABLE t ADD CONSTRAINT n DEFAULT (expr) FOR col` says "col defaults to expr";
/// restate it as `ALTER TABLE t ALTER COLUMN col SET DEFAULT expr`.
fn default_for_column(text: &str, dialect: Dialect) -> Option<String> {
    let mask = code_mask(text, dialect);
    let add = *find_words(text, &mask, "ADD").first()?;
    let default = *find_words(text, &mask, "DEFAULT").first()?;
    let for_at = *find_words(text, &mask, "FOR").last()?;
    if !(add < default && default < for_at) {
        return None;
    }
    let head = &text[..add];
    let expression = text[default + "DEFAULT".len()..for_at].trim();
    let column = text[for_at + "FOR".len()..]
        .trim()
        .trim_end_matches(';')
        .trim();
    if !head
        .to_ascii_uppercase()
        .trim_start()
        .starts_with("ALTER TABLE")
    {
        return None;
    }
    Some(format!(
        "{}ALTER COLUMN {column} SET DEFAULT {expression}",
        head
    ))
}

/// pg_dump writes `ADD GENERATED … AS IDENTITY (SEQUENCE NAME s START WITH 1 …)`; the sequence
/// options say nothing the model keeps, and the parser does not read them.
fn drop_identity_options(text: &str, dialect: Dialect) -> String {
    let mask = code_mask(text, dialect);
    let Some(at) = find_words(text, &mask, "IDENTITY").into_iter().next() else {
        return text.to_string();
    };
    let after = at + "IDENTITY".len();
    let rest = &text[after..];
    let trimmed = rest.trim_start();
    if !trimmed.starts_with('(') {
        return text.to_string();
    }
    let open = after + (rest.len() - trimmed.len());
    let mut depth = 0;
    for (i, byte) in text.bytes().enumerate().skip(open) {
        if !mask[i] {
            continue;
        }
        match byte {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return format!("{}{}", &text[..after], &text[i + 1..]);
                }
            }
            _ => {}
        }
    }
    text.to_string()
}

/// Paren depth before each byte, counting only parentheses in code.
fn depths(text: &str, mask: &[bool]) -> Vec<i32> {
    let mut depth = 0;
    text.bytes()
        .enumerate()
        .map(|(i, byte)| {
            let before = depth;
            if mask[i] {
                match byte {
                    b'(' => depth += 1,
                    b')' => depth -= 1,
                    _ => {}
                }
            }
            before
        })
        .collect()
}

/// Byte ranges of the comma-separated items of `text[from..to]` at paren depth `depth`.
fn items(
    text: &str,
    mask: &[bool],
    depth_at: &[i32],
    from: usize,
    to: usize,
    depth: i32,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = from;
    for i in from..to {
        if mask[i] && text.as_bytes()[i] == b',' && depth_at[i] == depth {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, to));
    out
}

/// T-SQL `ALTER TABLE t ADD CONSTRAINT a …, CONSTRAINT b …` → one ALTER per constraint.
fn split_add_list(text: &str, dialect: Dialect) -> Vec<String> {
    if !text
        .trim_start()
        .to_ascii_uppercase()
        .starts_with("ALTER TABLE")
    {
        return vec![text.to_string()];
    }
    let mask = code_mask(text, dialect);
    let depth_at = depths(text, &mask);
    let Some(add) = find_words(text, &mask, "ADD")
        .into_iter()
        .find(|&at| depth_at[at] == 0)
    else {
        return vec![text.to_string()];
    };
    let parts = items(text, &mask, &depth_at, add + 3, text.len(), 0);
    if parts.len() < 2 {
        return vec![text.to_string()];
    }
    parts
        .iter()
        .map(|(from, to)| format!("{}ADD {}", &text[..add], text[*from..*to].trim()))
        .collect()
}

/// T-SQL column forms in CREATE TABLE: computed columns (`[c] AS expr [PERSISTED]`) become
/// generated columns of an unknown type, and schema-qualified user types (`[dbo].[Name]`) lose
/// their schema, which the model keeps as a raw type name anyway.
fn tsql_columns(text: &str, dialect: Dialect) -> Option<String> {
    if !text
        .trim_start()
        .to_ascii_uppercase()
        .starts_with("CREATE TABLE")
    {
        return None;
    }
    let mask = code_mask(text, dialect);
    let depth_at = depths(text, &mask);
    let open = (0..text.len()).find(|&i| mask[i] && text.as_bytes()[i] == b'(')?;
    let close = (open + 1..text.len())
        .find(|&i| mask[i] && text.as_bytes()[i] == b')' && depth_at[i] == 1)?;
    let mut out = text[..open + 1].to_string();
    let elements = items(text, &mask, &depth_at, open + 1, close, 1);
    let rewritten: Vec<String> = elements
        .iter()
        .map(|(from, to)| column_element(&text[*from..*to]))
        .collect();
    out.push_str(&rewritten.join(","));
    out.push_str(&text[close..]);
    Some(out)
}

fn column_element(element: &str) -> String {
    let trimmed = element.trim_start();
    let name_len = if trimmed.starts_with('[') {
        trimmed.find(']').map(|i| i + 1)
    } else {
        Some(
            trimmed
                .find(|c: char| c.is_whitespace())
                .unwrap_or(trimmed.len()),
        )
    };
    let Some(name_len) = name_len else {
        return element.to_string();
    };
    let (name, rest) = trimmed.split_at(name_len);
    let rest_trimmed = rest.trim_start();
    let upper = rest_trimmed.to_ascii_uppercase();
    if upper.starts_with("AS ") || upper.starts_with("AS(") {
        let expression = rest_trimmed[2..].trim();
        let cut = expression
            .to_ascii_uppercase()
            .find(" PERSISTED")
            .unwrap_or(expression.len());
        return format!(
            " {name} sql_variant GENERATED ALWAYS AS ({}) STORED",
            expression[..cut].trim()
        );
    }
    // Typed XML, `[XML]([Schema].[Collection])`, is XML to the model.
    for xml in ["[XML](", "XML("] {
        if upper.starts_with(xml)
            && let Some(close) = rest_trimmed.find(')')
        {
            return format!(" {name} XML{}", &rest_trimmed[close + 1..]);
        }
    }
    // `[dbo].[Flag]` → `[Flag]`
    if rest_trimmed.starts_with('[')
        && let Some(dot) = rest_trimmed.find("].[")
        && !rest_trimmed[..dot].contains(' ')
    {
        return format!(" {name} {}", &rest_trimmed[dot + 2..]);
    }
    element.to_string()
}

/// `CREATE SCHEMA s CREATE TABLE a (…) CREATE TABLE b (…)`: the schema's name and the byte
/// offsets where each nested statement begins. `None` for a plain `CREATE SCHEMA`.
pub fn nested_schema(text: &str, dialect: Dialect) -> Option<(String, Vec<usize>)> {
    let upper = text.to_ascii_uppercase();
    if !upper.trim_start().starts_with("CREATE SCHEMA") {
        return None;
    }
    let mask = code_mask(text, dialect);
    let mut depth = 0i32;
    let mut depth_at = vec![0i32; text.len()];
    for (i, byte) in text.bytes().enumerate() {
        if mask[i] {
            match byte {
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
        }
        depth_at[i] = depth;
    }
    let creates: Vec<usize> = find_words(text, &mask, "CREATE")
        .into_iter()
        .filter(|&at| depth_at[at] == 0)
        .skip(1)
        .collect();
    if creates.is_empty() {
        return None;
    }
    let name = text["CREATE SCHEMA".len() + (text.len() - text.trim_start().len())..creates[0]]
        .split_whitespace()
        .next()?
        .to_string();
    Some((name, creates))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsql_storage_clauses_go_and_defaults_become_alter_column() {
        let sql = "CREATE TABLE [dbo].[a]([id] [int] ROWGUIDCOL NOT NULL, CONSTRAINT [PK] PRIMARY KEY CLUSTERED ([id] ASC) WITH (PAD_INDEX = OFF, FILLFACTOR = 90) ON [PRIMARY]) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]";
        let out = rewrite(sql, Dialect::MsSql);
        assert_eq!(
            out.split_whitespace().collect::<Vec<_>>().join(" "),
            "CREATE TABLE [dbo].[a]([id] [int] NOT NULL, CONSTRAINT [PK] PRIMARY KEY ([id] ASC) )"
        );
        let sql =
            "ALTER TABLE [dbo].[a] ADD CONSTRAINT [DF_a_on] DEFAULT (getdate()) FOR [ModifiedDate]";
        assert_eq!(
            rewrite(sql, Dialect::MsSql),
            "ALTER TABLE [dbo].[a] ALTER COLUMN [ModifiedDate] SET DEFAULT (getdate())"
        );
    }

    #[test]
    fn tsql_constraint_lists_computed_columns_and_user_types() {
        let sql = "ALTER TABLE [a] ADD CONSTRAINT [x] CHECK ([n] > 0), CONSTRAINT [DF_y] DEFAULT (0) FOR [y]";
        assert_eq!(
            rewrite(sql, Dialect::MsSql),
            "ALTER TABLE [a] ADD CONSTRAINT [x] CHECK ([n] > 0);\nALTER TABLE [a] ALTER COLUMN [y] SET DEFAULT (0)"
        );
        let sql = "CREATE TABLE [a] ([n] [dbo].[Name] NOT NULL, [t] AS (isnull([n],'')) PERSISTED NOT NULL)";
        assert_eq!(
            rewrite(sql, Dialect::MsSql),
            "CREATE TABLE [a] ( [n] [Name] NOT NULL, [t] sql_variant GENERATED ALWAYS AS ((isnull([n],''))) STORED)"
        );
    }

    #[test]
    fn pg_dump_identity_sequence_options_are_dropped() {
        let sql = "ALTER TABLE public.t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (\n    SEQUENCE NAME public.t_id_seq\n    START WITH 1\n    CACHE 1\n)";
        assert_eq!(
            rewrite(sql, Dialect::Postgres),
            "ALTER TABLE public.t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY"
        );
    }

    #[test]
    fn quoted_text_is_never_rewritten() {
        let sql = "CREATE TABLE a (x varchar(9) DEFAULT 'ON [PRIMARY] VIRTUAL')";
        assert_eq!(rewrite(sql, Dialect::MsSql), sql);
        assert_eq!(rewrite(sql, Dialect::Postgres), sql);
    }

    #[test]
    fn mysql_binary_attribute_and_postgres_virtual_columns() {
        assert_eq!(
            rewrite(
                "CREATE TABLE s (p VARCHAR(40) BINARY DEFAULT NULL)",
                Dialect::MySql
            ),
            "CREATE TABLE s (p VARCHAR(40) /*BINARY*/ DEFAULT NULL)"
        );
        // The BINARY types, and a cast in a default, stay as they are.
        for kept in [
            "CREATE TABLE s (f BINARY NOT NULL, g BINARY(16), h INT DEFAULT 1)",
            "CREATE TABLE s (f VARBINARY(9) NULL, g CHAR(4) DEFAULT (CAST(1 AS BINARY)))",
        ] {
            assert_eq!(rewrite(kept, Dialect::MySql), kept);
        }
        assert_eq!(
            rewrite(
                "CREATE TABLE s (p TEXT BINARY, q CHAR(2) BINARY)",
                Dialect::MySql
            ),
            "CREATE TABLE s (p TEXT /*BINARY*/, q CHAR(2) /*BINARY*/)"
        );
        assert_eq!(
            rewrite(
                "CREATE TABLE f (t tsvector GENERATED ALWAYS AS (x) VIRTUAL)",
                Dialect::Postgres
            ),
            "CREATE TABLE f (t tsvector GENERATED ALWAYS AS (x) STORED)"
        );
    }

    #[test]
    fn nested_schema_statements_are_found_at_the_top_level() {
        let sql =
            "CREATE SCHEMA person\n CREATE TABLE a (x int CHECK (x > 0))\n CREATE TABLE b (y int)";
        let (name, starts) = nested_schema(sql, Dialect::Postgres).unwrap();
        assert_eq!(name, "person");
        assert_eq!(starts.len(), 2);
        assert!(sql[starts[0]..].starts_with("CREATE TABLE a"));
        assert_eq!(nested_schema("CREATE SCHEMA s", Dialect::Postgres), None);
    }
}
