//! A comparison as text for a terminal, JSON for scripts, and one self-contained HTML page to
//! attach to a pull request.

use super::{Change, ChangeKind, Comparison, Matching};
use crate::export::escape::xml as esc;
use std::fmt::Write;

fn sign(kind: ChangeKind) -> char {
    match kind {
        ChangeKind::Added => '+',
        ChangeKind::Removed => '-',
        ChangeKind::Renamed => '>',
        ChangeKind::Changed => '~',
    }
}

fn matching_text(matching: Matching) -> &'static str {
    match matching {
        Matching::Ids => "matched by stable ids",
        Matching::Names => "the models share no ids: matched by schema-qualified names",
    }
}

fn summary(comparison: &Comparison) -> String {
    let [added, removed, renamed, changed] = comparison.counts();
    format!(
        "{} changes: {added} added, {removed} removed, {renamed} renamed, {changed} changed",
        comparison.changes.len()
    )
}

/// Where a change is: `orders.total` for a column, the table itself for a table.
fn place(change: &Change) -> String {
    if change.object == "table" || change.object == "enum" {
        change.name.clone()
    } else {
        format!("{}.{}", change.table, change.name)
    }
}

/// One line per change (`+ column orders.note: text NULL`), then a summary.
pub fn to_text(comparison: &Comparison, old: &str, new: &str) -> String {
    let mut out = format!("{old} → {new} ({})\n", matching_text(comparison.matching));
    for change in &comparison.changes {
        let object = change.object.replace('_', " ");
        let _ = write!(out, "{} {object} {}", sign(change.kind), place(change));
        if !change.detail.is_empty() {
            let _ = write!(out, ": {}", change.detail);
        }
        out.push('\n');
    }
    out.push_str(&summary(comparison));
    out.push('\n');
    out
}

/// `{"matching": "ids", "changes": [{"kind", "object", "table", "name", "detail"}]}`, in the
/// comparison's order: stable for the same two models.
pub fn to_json(comparison: &Comparison) -> String {
    let changes: Vec<serde_json::Value> = comparison
        .changes
        .iter()
        .map(|c| {
            serde_json::json!({
                "kind": c.kind.as_str(),
                "object": c.object,
                "table": c.table,
                "name": c.name,
                "detail": c.detail,
            })
        })
        .collect();
    let matching = match comparison.matching {
        Matching::Ids => "ids",
        Matching::Names => "names",
    };
    let document = serde_json::json!({ "matching": matching, "changes": changes });
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values serialise");
    text.push('\n');
    text
}

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#1e232d;padding:0 1rem}\
h1{font-weight:500}h2{font-size:1.1rem;margin:1.6rem 0 .4rem}\
table{border-collapse:collapse;width:100%}td{padding:.3rem .6rem;border-bottom:1px solid #e3e6eb;vertical-align:top}\
.k{font-weight:600;width:6rem}.added .k{color:#15803d}.removed .k{color:#b91c1c}.renamed .k{color:#6d28d9}.changed .k{color:#b45309}\
.o{color:#6e7682;width:8rem}code{font:13px ui-monospace,monospace}.muted{color:#6e7682}\
@media print{body{margin:0}h2{break-after:avoid}}";

/// A self-contained page: a summary, then the changes table by table.
pub fn to_html(comparison: &Comparison, old: &str, new: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Changes: {} → {}</title><style>{STYLE}</style></head><body>\n",
        esc(old),
        esc(new)
    );
    let _ = writeln!(
        out,
        "<h1>What changed</h1>\n<p><code>{}</code> → <code>{}</code><br><span class=\"muted\">{}. {}.</span></p>",
        esc(old),
        esc(new),
        esc(matching_text(comparison.matching)),
        esc(&summary(comparison))
    );
    if comparison.changes.is_empty() {
        out.push_str("<p>No changes.</p>\n");
    }
    let mut current: Option<&str> = None;
    for change in &comparison.changes {
        let heading = if change.object == "enum" {
            "Enum types"
        } else {
            change.table.as_str()
        };
        if current != Some(heading) {
            if current.is_some() {
                out.push_str("</table>\n");
            }
            let _ = writeln!(out, "<h2>{}</h2>\n<table>", esc(heading));
            current = Some(heading);
        }
        let _ = writeln!(
            out,
            "<tr class=\"{kind}\"><td class=\"k\">{kind}</td><td class=\"o\">{}</td><td><code>{}</code></td><td>{}</td></tr>",
            esc(&change.object.replace('_', " ")),
            esc(&change.name),
            esc(&change.detail),
            kind = change.kind.as_str()
        );
    }
    if current.is_some() {
        out.push_str("</table>\n");
    }
    out.push_str("</body></html>\n");
    out
}
