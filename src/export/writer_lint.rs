//! A lint over the format writers: every name or text of the user's that a writer formats goes
//! through that format's escaping function. It reads the writers' sources and, in each
//! `format!`, `write!`, `writeln!` and `push_str` call, flags an argument that reads user text
//! (a name, a comment, a note, a title, a default…) without one of its file's escapers around
//! it. A heuristic, not a proof: text renamed into a local first is not followed, which is why
//! the escapers sit at the point of writing.

/// Each writer; the functions in it that make user text safe for its format; and the calls
/// that take text composed with `format!` and make it safe themselves (or show it to a person,
/// not to a parser).
type Writer = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const WRITERS: &[Writer] = &[
    (
        "src/export/dbml.rs",
        &[
            "name",
            "escaped",
            "qualified",
            "note",
            "default_value",
            "type_name",
            "column_names",
            "note_id",
        ],
        &[],
    ),
    ("src/export/dot.rs", &["label_text", "quoted"], &[]),
    (
        "src/export/mermaid.rs",
        &["label", "identifier", "attribute_type", "entity"],
        &[],
    ),
    (
        "src/export/dictionary/html.rs",
        &["esc", "xml", "link"],
        &[],
    ),
    (
        "src/export/dictionary/markdown.rs",
        &["esc", "code", "link", "fenced_sql"],
        &[],
    ),
    ("src/render/svg.rs", &["esc", "hex"], &[]),
    ("src/export/ddl/postgres.rs", DDL_ESCAPERS, DDL_SINKS),
    ("src/export/ddl/mysql.rs", DDL_ESCAPERS, DDL_SINKS),
    (
        "src/export/ddl/mysql/server_checks.rs",
        DDL_ESCAPERS,
        DDL_SINKS,
    ),
    ("src/export/ddl/sqlite.rs", DDL_ESCAPERS, DDL_SINKS),
    ("src/export/ddl/mssql.rs", DDL_ESCAPERS, DDL_SINKS),
    ("src/export/ddl/clauses.rs", DDL_ESCAPERS, DDL_SINKS),
    ("src/export/ddl/dialect.rs", DDL_ESCAPERS, DDL_SINKS),
    ("src/export/ddl/mod.rs", DDL_ESCAPERS, DDL_SINKS),
    (
        "src/export/diff/mod.rs",
        MIGRATION_ESCAPERS,
        MIGRATION_SINKS,
    ),
    (
        "src/export/diff/guards.rs",
        MIGRATION_ESCAPERS,
        MIGRATION_SINKS,
    ),
    (
        "src/export/diff/renames.rs",
        MIGRATION_ESCAPERS,
        MIGRATION_SINKS,
    ),
    (
        "src/export/diff/safe.rs",
        MIGRATION_ESCAPERS,
        MIGRATION_SINKS,
    ),
    (
        "src/export/diff/sqlite.rs",
        MIGRATION_ESCAPERS,
        MIGRATION_SINKS,
    ),
];

/// How the SQL writers make names and text safe: quoted identifiers, string literals, comment
/// lines, and verbatim clauses that were checked to be one clause.
const DDL_ESCAPERS: &[&str] = &[
    "ident",
    "string_literal",
    "literal",
    "sql_comment",
    "table_name",
    "qualified",
];

/// Where the SQL writers send composed text that is escaped there, or shown to the user only.
const DDL_SINKS: &[&str] = &["lose", "refuse", "stop_with"];

/// How the migration writer makes names safe.
const MIGRATION_ESCAPERS: &[&str] = &["sql_comment", "ident", "string_literal", "table_name"];

/// `comment`, `destroy` and `guard` write their text through `sql_comment` (and a guard its
/// message as a literal); losses and the destructive list are printed for the user, never into
/// the script.
const MIGRATION_SINKS: &[&str] = &["comment", "destroy", "lose", "destructive.push", "guard"];

/// Marks a line whose text is a name made here, quoted where it is written.
const EXEMPT: &str = "// escaped where written";

/// Fields that hold text a user typed, and the method that joins schema and name.
const USER_FIELDS: &[&str] = &[
    "name",
    "comment",
    "note",
    "text",
    "title",
    "default",
    "description",
    "sql",
    "kind",
];
const USER_METHODS: &[&str] = &["qualified_name()"];

/// Whether `argument` reads one of [`USER_FIELDS`] (as a field, not a method of that name) or
/// calls one of [`USER_METHODS`].
fn reads_user_text(argument: &str) -> bool {
    if USER_METHODS.iter().any(|m| argument.contains(m)) {
        return true;
    }
    USER_FIELDS.iter().any(|field| {
        argument
            .match_indices(&format!(".{field}"))
            .any(|(at, found)| {
                let rest = &argument[at + found.len()..];
                let a_method =
                    rest.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '(');
                let only_asked = [".is_empty()", ".len()", ".is_some()", ".is_none()"]
                    .iter()
                    .any(|question| rest.starts_with(question));
                !a_method && !only_asked
            })
    })
}

/// The macro and method calls that write text.
const WRITES: &[&str] = &["format!(", "write!(", "writeln!(", "push_str("];

/// The arguments of the call whose `(` is at `open`: split at top-level commas.
fn arguments(source: &str, open: usize) -> Vec<&str> {
    let bytes = source.as_bytes();
    let (mut depth, mut start, mut in_string) = (0i32, open + 1, false);
    let mut found = Vec::new();
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            _ if in_string => {}
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    found.push(source[start..i].trim());
                    return found;
                }
            }
            b',' if depth == 1 => {
                found.push(source[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// Whether `argument` reads user text that no escaper has been applied to.
fn unescaped(argument: &str, escapers: &[&str]) -> bool {
    // A write inside the argument is checked on its own.
    let compound = WRITES.iter().any(|write| argument.contains(write));
    if argument.starts_with('"') || compound || !reads_user_text(argument) {
        return false;
    }
    let bare = argument.trim_start_matches('&');
    // The escaper may be reached by a path: `ddl::sql_comment(`, `self.dialect.ident(`.
    !escapers.iter().any(|escaper| {
        bare.match_indices(&format!("{escaper}(")).any(|(at, _)| {
            let path = &bare[..at];
            path.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '.'))
                && (path.is_empty() || path.ends_with('.') || path.ends_with("::"))
        })
    })
}

/// Whether the `format!` at `at` is an argument of a call to one of `sinks`.
fn into_a_sink(code: &str, at: usize, sinks: &[&str]) -> bool {
    let bytes = code.as_bytes();
    let mut depth = 0i32;
    let mut i = at;
    while i > 0 {
        i -= 1;
        match bytes[i] {
            b')' => depth += 1,
            b'(' if depth == 0 => break,
            b'(' => depth -= 1,
            b';' | b'{' | b'}' if depth == 0 => return false,
            _ => {}
        }
    }
    let callee: String = code[..i]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || c.is_whitespace() || matches!(c, '_' | '.' | ':'))
        .filter(|c| !c.is_whitespace())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    sinks.iter().any(|sink| {
        callee == *sink
            || callee.ends_with(&format!(".{sink}"))
            || callee.ends_with(&format!("::{sink}"))
    })
}

/// Every `file:line: argument` a writer formats without escaping, in `source` of `file`.
fn findings(file: &str, source: &str, escapers: &[&str], sinks: &[&str]) -> Vec<String> {
    let code = source.split("\n#[cfg(test)]").next().unwrap_or(source);
    let mut found = Vec::new();
    for write in WRITES {
        for (at, _) in code.match_indices(write) {
            let line_start = code[..at].rfind('\n').map_or(0, |n| n + 1);
            let line_before = code[..line_start.saturating_sub(1)]
                .rsplit('\n')
                .next()
                .unwrap_or("");
            if line_before.trim().starts_with(EXEMPT)
                || into_a_sink(code, at, sinks)
                || into_a_sink(code, at, escapers)
            {
                continue;
            }
            let open = at + write.len() - 1;
            for argument in arguments(code, open) {
                if unescaped(argument, escapers) {
                    let line = code[..at].matches('\n').count() + 1;
                    found.push(format!("{file}:{line}: {argument}"));
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_writer_escapes_what_it_formats() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut all = Vec::new();
        for (file, escapers, sinks) in WRITERS {
            let source = std::fs::read_to_string(root.join(file)).unwrap();
            all.extend(findings(file, &source, escapers, sinks));
        }
        assert!(
            all.is_empty(),
            "user text written unescaped:\n{}",
            all.join("\n")
        );
    }

    #[test]
    fn the_lint_sees_a_name_written_raw() {
        let source = "fn f(out: &mut String, t: &Table) {\n    let _ = write!(out, \"-- {}\\n\", t.name);\n    out.push_str(&label(&t.name));\n    out.push_str(&t.comment.clone().unwrap());\n    out.push_str(&d.name());\n    note(&format!(\"{}\", t.name));\n    out.push_str(&x::label(&t.name));\n    out.push_str(&unlabel(&t.name));\n}\n";
        assert_eq!(
            findings("w.rs", source, &["label"], &["note"]),
            [
                "w.rs:2: t.name",
                "w.rs:4: &t.comment.clone().unwrap()",
                "w.rs:8: &unlabel(&t.name)"
            ]
        );
    }
}
