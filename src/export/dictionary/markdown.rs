//! The dictionary as Markdown (GitHub flavour): headings, tables, and anchors that link a
//! foreign key to the referenced table's section. Every name and comment is escaped, so a
//! comment holding `<script>` or `|` shows as text and never breaks a table.

use super::{Dictionary, FindingEntry, Link, TableEntry};
use crate::check::Finding;
use crate::model::Schema;
use std::fmt::Write;

/// Markdown text of the dictionary.
pub fn to_markdown(schema: &Schema, findings: &[Finding]) -> String {
    render(&super::build(schema, findings))
}

/// Text safe inside a Markdown paragraph or table cell.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push_str("<br>"),
            // Quotes are harmless in Markdown text and read better as themselves.
            '"' | '\'' => out.push(c),
            c => crate::export::escape::push_xml(&mut out, c),
        }
    }
    out
}

/// Code text (types, expressions): in backticks, which need no other escaping except the pipe
/// of a table cell and the backtick itself.
fn code(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let clean: String = text
        .replace('|', "\\|")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    // A fence longer than any run of backticks inside, as CommonMark needs.
    let longest = clean.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    let pad = if longest > 0 { " " } else { "" };
    format!("{ticks}{pad}{clean}{pad}{ticks}")
}

fn link(l: &Link) -> String {
    format!("[{}](#{})", esc(&l.label), l.anchor)
}

fn render(d: &Dictionary) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", esc(&d.title));
    if !d.comment.is_empty() {
        let _ = writeln!(out, "{}\n", esc(&d.comment));
    }
    let s = &d.summary;
    let _ = writeln!(out, "## Summary\n");
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| Tables | {} |", s.tables);
    let _ = writeln!(out, "| Columns | {} |", s.columns);
    let _ = writeln!(out, "| Foreign keys | {} |", s.foreign_keys);
    let _ = writeln!(
        out,
        "| Tables without a comment | {} |",
        s.uncommented_tables
    );
    let _ = writeln!(
        out,
        "| Columns without a comment | {} |",
        s.uncommented_columns
    );
    let _ = writeln!(
        out,
        "| Findings | {} errors, {} warnings, {} infos, {} accepted |\n",
        s.findings[0], s.findings[1], s.findings[2], s.accepted
    );
    let _ = writeln!(out, "## Tables\n");
    for t in &d.tables {
        let _ = writeln!(
            out,
            "- [{}](#{}){}",
            esc(&t.name),
            t.anchor,
            t.comment
                .lines()
                .next()
                .filter(|l| !l.is_empty())
                .map(|l| format!(": {}", esc(l)))
                .unwrap_or_default()
        );
    }
    out.push('\n');
    for t in &d.tables {
        table(&mut out, t);
    }
    if !d.comments.is_empty() {
        let _ = writeln!(out, "## Review comments\n");
        for c in &d.comments {
            let about = c.about.as_ref().map_or("the model".to_string(), link);
            let _ = writeln!(out, "- **{}** on {about} ({})", c.number, c.status);
            for (author, at, text) in &c.messages {
                let _ = writeln!(out, "  - {}, {}: {}", esc(author), esc(at), esc(text));
            }
        }
        out.push('\n');
    }
    if !d.enums.is_empty() {
        let _ = writeln!(out, "## Enum types\n");
        let _ = writeln!(out, "| Type | Values | Comment |\n|---|---|---|");
        for (name, values, comment) in &d.enums {
            let values: Vec<String> = values.iter().map(|v| code(v)).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                esc(name),
                values.join(", "),
                esc(comment)
            );
        }
        out.push('\n');
    }
    if !d.objects.is_empty() {
        let _ = writeln!(out, "## Views and routines\n");
        for o in &d.objects {
            let _ = writeln!(out, "### {} {}\n", esc(&o.kind), esc(&o.name));
            let tables: Vec<String> = o.tables.iter().map(link).collect();
            let mut about = format!("Written for {}", esc(o.dialect));
            if !tables.is_empty() {
                let _ = write!(about, "; {} {}", o.relation, tables.join(", "));
            }
            let _ = writeln!(out, "{about}.\n");
            let _ = writeln!(out, "{}\n", fenced_sql(&o.sql));
        }
    }
    out
}

/// A fenced block of SQL: the fence longer than any run of backticks inside (so no line of the
/// text can close it), control characters other than tabs and line ends shown as spaces.
fn fenced_sql(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| *c != '\r')
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let longest = clean.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}sql\n{clean}\n{fence}")
}

fn table(out: &mut String, t: &TableEntry) {
    let _ = writeln!(out, "<a id=\"{}\"></a>\n\n## {}\n", t.anchor, esc(&t.name));
    if let Some(group) = &t.group {
        let _ = writeln!(out, "Subject area: {}\n", esc(group));
    }
    if !t.comment.is_empty() {
        let _ = writeln!(out, "{}\n", esc(&t.comment));
    }
    let _ = writeln!(out, "Normal form: {}\n", esc(&t.normal_form));
    let _ = writeln!(
        out,
        "| Column | Type | Null | Default | Keys | References | Comment |\n|---|---|---|---|---|---|---|"
    );
    for c in &t.columns {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            esc(&c.name),
            code(&c.data_type),
            if c.nullable { "yes" } else { "no" },
            code(&c.default),
            c.keys,
            c.references.as_ref().map(link).unwrap_or_default(),
            esc(&c.comment)
        );
    }
    out.push('\n');
    if !t.indexes.is_empty() {
        let _ = writeln!(
            out,
            "**Indexes and keys**\n\n| Name | Kind | Keys | |\n|---|---|---|---|"
        );
        for i in &t.indexes {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                esc(&i.name),
                esc(&i.kind),
                esc(&i.keys),
                code(&i.extra)
            );
        }
        out.push('\n');
    }
    for (title, list) in [
        ("References", &t.references),
        ("Referenced by", &t.referenced_by),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "**{title}**\n");
        for r in list {
            let _ = writeln!(
                out,
                "- ({}) → {} ({}){}{}",
                esc(&r.columns),
                link(&r.other),
                esc(&r.other_columns),
                if r.actions.is_empty() {
                    String::new()
                } else {
                    format!(" {}", r.actions)
                },
                if r.name.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", esc(&r.name))
                }
            );
        }
        out.push('\n');
    }
    if !t.checks.is_empty() {
        let _ = writeln!(out, "**Checks**\n");
        for (name, expr) in &t.checks {
            let _ = writeln!(
                out,
                "- {}{}",
                if name.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", esc(name))
                },
                code(expr)
            );
        }
        out.push('\n');
    }
    if !t.dependencies.is_empty() {
        let _ = writeln!(out, "**Functional dependencies**\n");
        for (fd, soft, comment) in &t.dependencies {
            let _ = writeln!(
                out,
                "- {}{}{}",
                esc(fd),
                if *soft { " (approximate)" } else { "" },
                if comment.is_empty() {
                    String::new()
                } else {
                    format!(": {}", esc(comment))
                }
            );
        }
        out.push('\n');
    }
    if !t.findings.is_empty() {
        let _ = writeln!(out, "**Findings**\n");
        for f in &t.findings {
            finding(out, f);
        }
        out.push('\n');
    }
}

fn finding(out: &mut String, f: &FindingEntry) {
    let _ = write!(
        out,
        "- {} {}: {}",
        f.severity,
        esc(&f.rule),
        esc(&f.message)
    );
    match &f.accepted {
        Some(reason) => {
            let _ = writeln!(out, " — accepted: {}", esc(reason));
        }
        None if !f.help.is_empty() => {
            let _ = writeln!(out, " — {}", esc(&f.help));
        }
        None => out.push('\n'),
    }
}
