//! The dictionary as one self-contained HTML file: inline CSS, a table of contents with working
//! anchors, the diagram embedded as SVG when given, and a print stylesheet (one table per page,
//! links shown as text). Every name and comment is escaped.

use super::{Dictionary, Link, TableEntry};
use crate::check::Finding;
use crate::model::Schema;
use std::fmt::Write;

/// HTML text of the dictionary; `diagram` is an SVG document to embed after the summary.
pub fn to_html(schema: &Schema, findings: &[Finding], diagram: Option<&str>) -> String {
    render(&super::build(schema, findings), diagram)
}

use crate::export::escape::xml as esc;

fn link(l: &Link) -> String {
    format!("<a href=\"#{}\">{}</a>", esc(&l.anchor), esc(&l.label))
}

const STYLE: &str = r#"
:root { --ink: #1e232d; --muted: #6e7682; --line: #d5dae1; --accent: #2563eb; --error: #dc2626; --warning: #d97706; --info: #2563eb; }
* { box-sizing: border-box; }
pre { background: #f6f7f9; border: 1px solid var(--line); padding: 8px 12px; overflow-x: auto; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif; color: var(--ink); margin: 0; display: flex; }
nav { position: sticky; top: 0; height: 100vh; overflow-y: auto; width: 260px; flex: none; padding: 16px; border-right: 1px solid var(--line); background: #f6f7f9; }
nav ol { list-style: none; padding: 0; margin: 0; }
nav li { margin: 2px 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
main { padding: 24px 32px; max-width: 1100px; min-width: 0; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
h1 { margin-top: 0; }
h2 { border-bottom: 2px solid var(--line); padding-bottom: 4px; margin-top: 40px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f2f5; }
code { font: 12px/1.4 ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", monospace; }
.meta { color: var(--muted); }
.diagram { border: 1px solid var(--line); overflow: auto; max-height: 80vh; }
.diagram svg { display: block; max-width: none; }
.error { color: var(--error); } .warning { color: var(--warning); } .info { color: var(--info); }
.accepted { color: var(--muted); }
@media print {
  nav, .diagram { display: none; }
  body { display: block; }
  main { max-width: none; padding: 0; }
  section.table { break-before: page; }
  a { color: inherit; }
  th { background: none; }
}
"#;

fn render(d: &Dictionary, diagram: Option<&str>) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — data dictionary</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&d.title)
    );
    let _ = writeln!(out, "<nav><strong>{}</strong><ol>", esc(&d.title));
    let _ = writeln!(out, "<li><a href=\"#summary\">Summary</a></li>");
    for t in &d.tables {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\">{}</a></li>",
            esc(&t.anchor),
            esc(&t.name)
        );
    }
    let _ = writeln!(out, "</ol></nav>\n<main>");
    let _ = writeln!(out, "<h1>{}</h1>", esc(&d.title));
    if !d.comment.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(&d.comment));
    }
    let s = &d.summary;
    let _ = writeln!(
        out,
        "<section id=\"summary\"><h2>Summary</h2><table>\
         <tr><th>Tables</th><td>{}</td></tr><tr><th>Columns</th><td>{}</td></tr>\
         <tr><th>Foreign keys</th><td>{}</td></tr>\
         <tr><th>Tables without a comment</th><td>{}</td></tr>\
         <tr><th>Columns without a comment</th><td>{}</td></tr>\
         <tr><th>Findings</th><td><span class=\"error\">{} errors</span>, <span class=\"warning\">{} warnings</span>, <span class=\"info\">{} infos</span>, {} accepted</td></tr>\
         </table></section>",
        s.tables,
        s.columns,
        s.foreign_keys,
        s.uncommented_tables,
        s.uncommented_columns,
        s.findings[0],
        s.findings[1],
        s.findings[2],
        s.accepted
    );
    if let Some(svg) = diagram {
        let _ = writeln!(
            out,
            "<section><h2>Diagram</h2><div class=\"diagram\">{svg}</div></section>"
        );
    }
    for t in &d.tables {
        table(&mut out, t);
    }
    if !d.comments.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"review-comments\"><h2>Review comments</h2><ul>"
        );
        for c in &d.comments {
            let about = c.about.as_ref().map_or("the model".to_string(), link);
            let _ = writeln!(
                out,
                "<li><strong>{}</strong> on {about} ({})<ul>",
                esc(&c.number),
                c.status
            );
            for (author, at, text) in &c.messages {
                let _ = writeln!(out, "<li>{}, {}: {}</li>", esc(author), esc(at), esc(text));
            }
            let _ = writeln!(out, "</ul></li>");
        }
        let _ = writeln!(out, "</ul></section>");
    }
    if !d.enums.is_empty() {
        let _ = writeln!(
            out,
            "<section><h2>Enum types</h2><table><tr><th>Type</th><th>Values</th><th>Comment</th></tr>"
        );
        for (name, values, comment) in &d.enums {
            let values: Vec<String> = values
                .iter()
                .map(|v| format!("<code>{}</code>", esc(v)))
                .collect();
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(name),
                values.join(", "),
                esc(comment)
            );
        }
        let _ = writeln!(out, "</table></section>");
    }
    if !d.objects.is_empty() {
        let _ = writeln!(out, "<section><h2>Views and routines</h2>");
        for o in &d.objects {
            let tables: Vec<String> = o.tables.iter().map(link).collect();
            let mut about = format!("Written for {}", esc(o.dialect));
            if !tables.is_empty() {
                let _ = write!(about, "; {} {}", o.relation, tables.join(", "));
            }
            let _ = writeln!(
                out,
                "<h3>{} {}</h3>\n<p>{about}.</p>\n<pre><code>{}</code></pre>",
                esc(&o.kind),
                esc(&o.name),
                esc(&o.sql)
            );
        }
        let _ = writeln!(out, "</section>");
    }
    let _ = writeln!(out, "</main>\n</body>\n</html>");
    out
}

fn table(out: &mut String, t: &TableEntry) {
    let _ = writeln!(
        out,
        "<section class=\"table\" id=\"{}\">\n<h2>{}</h2>",
        esc(&t.anchor),
        esc(&t.name)
    );
    if let Some(group) = &t.group {
        let _ = writeln!(out, "<p class=\"meta\">Subject area: {}</p>", esc(group));
    }
    if !t.comment.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(&t.comment).replace('\n', "<br>"));
    }
    let _ = writeln!(
        out,
        "<p class=\"meta\">Normal form: {}</p>",
        esc(&t.normal_form)
    );
    let _ = writeln!(
        out,
        "<table><tr><th>Column</th><th>Type</th><th>Null</th><th>Default</th><th>Keys</th><th>References</th><th>Comment</th></tr>"
    );
    for c in &t.columns {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&c.name),
            esc(&c.data_type),
            if c.nullable { "yes" } else { "no" },
            esc(&c.default),
            esc(&c.keys),
            c.references.as_ref().map(link).unwrap_or_default(),
            esc(&c.comment)
        );
    }
    let _ = writeln!(out, "</table>");
    if !t.indexes.is_empty() {
        let _ = writeln!(
            out,
            "<h3>Indexes and keys</h3><table><tr><th>Name</th><th>Kind</th><th>Keys</th><th></th></tr>"
        );
        for i in &t.indexes {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
                esc(&i.name),
                esc(&i.kind),
                esc(&i.keys),
                esc(&i.extra)
            );
        }
        let _ = writeln!(out, "</table>");
    }
    for (title, list) in [
        ("References", &t.references),
        ("Referenced by", &t.referenced_by),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<h3>{title}</h3><ul>");
        for r in list {
            let _ = writeln!(
                out,
                "<li>({}) → {} ({}){}{}</li>",
                esc(&r.columns),
                link(&r.other),
                esc(&r.other_columns),
                if r.actions.is_empty() {
                    String::new()
                } else {
                    format!(" <code>{}</code>", esc(&r.actions))
                },
                if r.name.is_empty() {
                    String::new()
                } else {
                    format!(" <span class=\"meta\">{}</span>", esc(&r.name))
                }
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    if !t.checks.is_empty() {
        let _ = writeln!(out, "<h3>Checks</h3><ul>");
        for (name, expr) in &t.checks {
            let _ = writeln!(
                out,
                "<li>{}<code>{}</code></li>",
                if name.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", esc(name))
                },
                esc(expr)
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    if !t.dependencies.is_empty() {
        let _ = writeln!(out, "<h3>Functional dependencies</h3><ul>");
        for (fd, soft, comment) in &t.dependencies {
            let _ = writeln!(
                out,
                "<li>{}{}{}</li>",
                esc(fd),
                if *soft { " (approximate)" } else { "" },
                if comment.is_empty() {
                    String::new()
                } else {
                    format!(": {}", esc(comment))
                }
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    if !t.findings.is_empty() {
        let _ = writeln!(out, "<h3>Findings</h3><ul>");
        for f in &t.findings {
            let class = if f.accepted.is_some() {
                "accepted"
            } else {
                f.severity.as_str()
            };
            let tail = match &f.accepted {
                Some(reason) => format!(" — accepted: {}", esc(reason)),
                None if !f.help.is_empty() => format!(" — {}", esc(&f.help)),
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "<li class=\"{class}\"><strong>{} {}</strong>: {}{tail}</li>",
                esc(&f.severity),
                esc(&f.rule),
                esc(&f.message)
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "</section>");
}
