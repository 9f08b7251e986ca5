//! The machine-readable forms of `check`: JSON for scripts and SARIF 2.1.0 for code scanning,
//! with each finding placed on the line of the model (or SQL) file that defines its target.

use crate::check::{Finding, RULES, Summary, target_label};
use crate::model::{Schema, Severity};
use serde_json::{Value, json};
use std::collections::HashMap;

/// A finding with what the reports need resolved: names and a line.
pub(super) struct Located<'f> {
    pub finding: &'f Finding,
    pub label: String,
    pub table: Option<String>,
    pub columns: Vec<String>,
    pub index: Option<String>,
    /// 1-based line of the file where the target is defined (1 when not found).
    pub line: usize,
}

impl<'f> Located<'f> {
    pub fn new(schema: &Schema, finding: &'f Finding, lines: &Lines) -> Self {
        let table = finding.target.table.and_then(|id| schema.table(id));
        let columns: Vec<String> = table
            .map(|t| {
                finding
                    .target
                    .columns
                    .iter()
                    .filter_map(|c| t.column(*c).map(|c| c.name.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let index = table.and_then(|t| {
            finding
                .target
                .index
                .and_then(|id| t.indexes.iter().find(|i| i.id == id))
                .and_then(|i| i.name.clone())
        });
        let line = table
            .map(|t| lines.locate(&t.name, columns.first().map(String::as_str)))
            .unwrap_or(1);
        Self {
            finding,
            label: target_label(schema, &finding.target),
            table: table.map(|t| t.qualified_name()),
            columns,
            index,
            line,
        }
    }
}

/// The checked file's lines, with where each table is defined, found in one pass.
pub(super) struct Lines<'t> {
    lines: Vec<&'t str>,
    /// Table name (as in `name: "…"` for a model; lower case, from `CREATE TABLE` for SQL) →
    /// first line index.
    tables: HashMap<String, usize>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let mut tables = HashMap::new();
        for (i, line) in lines.iter().enumerate() {
            if let Some(rest) = line.trim_start().strip_prefix("name: \"")
                && let Some(name) = rest.split('"').next()
            {
                tables.entry(name.to_string()).or_insert(i);
            }
            let lower = line.to_ascii_lowercase();
            if lower.contains("create table") {
                for word in lower.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                    if !word.is_empty() {
                        tables.entry(word.to_string()).or_insert(i);
                    }
                }
            }
        }
        Self { lines, tables }
    }

    /// The 1-based line defining `table` (and `column` after it; 1 when not found).
    fn locate(&self, table: &str, column: Option<&str>) -> usize {
        let start = self
            .tables
            .get(table)
            .or_else(|| self.tables.get(&table.to_ascii_lowercase()));
        let Some(&start) = start else { return 1 };
        let Some(column) = column else {
            return start + 1;
        };
        let ron = format!("name: \"{column}\"");
        let column_lower = column.to_ascii_lowercase();
        self.lines[start + 1..]
            .iter()
            .take(400)
            .position(|l| l.contains(&ron) || mentions(&l.to_ascii_lowercase(), &column_lower))
            .map_or(start + 1, |at| start + 2 + at)
    }
}

/// Whether `word` occurs in `line` as a whole identifier.
fn mentions(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + word.len()..].chars().next();
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !ident(before) && !ident(after)
    })
}

pub(super) fn to_json(findings: &[Located], summary: &Summary) -> String {
    let items: Vec<Value> = findings
        .iter()
        .map(|f| {
            json!({
                "code": f.finding.code,
                "rule": f.finding.rule,
                "severity": f.finding.severity.label(),
                "table": f.table,
                "columns": f.columns,
                "index": f.index,
                "message": f.finding.message,
                "help": f.finding.help,
                "why": f.finding.why,
                "suppressed": f.finding.suppressed,
            })
        })
        .collect();
    let report = json!({
        "findings": items,
        "summary": {
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
            "suppressed": summary.suppressed,
        },
    });
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub(super) fn to_sarif(file: &str, findings: &[Located]) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.name.replace('-', " ") },
                "fullDescription": { "text": r.why },
                "defaultConfiguration": { "level": sarif_level(r.severity) },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.finding.code,
                "ruleIndex": RULES.iter().position(|r| r.code == f.finding.code),
                "level": sarif_level(f.finding.severity),
                "message": { "text": if f.finding.help.is_empty() {
                    f.finding.message.clone()
                } else {
                    format!("{} — {}", f.finding.message, f.finding.help)
                } },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": file },
                        "region": { "startLine": f.line },
                    },
                    "logicalLocations": [{ "fullyQualifiedName": f.label }],
                }],
            });
            if let Some(reason) = &f.finding.suppressed {
                result["suppressions"] = json!([{ "kind": "external", "justification": reason }]);
            }
            result
        })
        .collect();
    let report = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "schemaboard",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/schemaboard/schemaboard",
                "rules": rules,
            } },
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}
