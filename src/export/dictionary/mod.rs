//! Data dictionaries: the model as a document for readers, in Markdown and as one self-contained
//! HTML file. Both are written from one [`Dictionary`], built here from the model and the
//! validator's findings, so the two always say the same.

mod html;
mod markdown;

pub use html::to_html;
pub use markdown::to_markdown;

use crate::check::{Finding, table_verdict};
use crate::model::{IndexTarget, Schema, Table, TableId};
use std::collections::HashMap;

/// The model as a dictionary: front matter and one entry per table, in name order.
#[derive(Clone, Debug, PartialEq)]
pub struct Dictionary {
    /// The model's title.
    pub title: String,
    /// What the system is.
    pub comment: String,
    /// Counts for the summary.
    pub summary: Summary,
    /// Tables, by qualified name.
    pub tables: Vec<TableEntry>,
    /// Enum types and their values.
    pub enums: Vec<(String, Vec<String>, String)>,
    /// Views, routines and triggers, as the model keeps them.
    pub objects: Vec<ObjectEntry>,
    /// The review comment threads, as kept in the model.
    pub comments: Vec<CommentEntry>,
}

/// A view, materialized view, function, procedure or trigger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectEntry {
    /// `view`, `trigger`…
    pub kind: String,
    /// Its name as written.
    pub name: String,
    /// The product its SQL is written for.
    pub dialect: &'static str,
    /// What the tables are to it: `reads`, `on`, `names`.
    pub relation: &'static str,
    /// The tables it reads, is on or names.
    pub tables: Vec<Link>,
    /// The statement that creates it.
    pub sql: String,
}

/// A review comment thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentEntry {
    /// `#3`.
    pub number: String,
    /// What it is about: a link to its table (with the column), or "the model".
    pub about: Option<Link>,
    /// `open` or `resolved`.
    pub status: &'static str,
    /// Author, time, text; oldest first.
    pub messages: Vec<(String, String, String)>,
}

/// The summary at the top.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Tables.
    pub tables: usize,
    /// Columns.
    pub columns: usize,
    /// Columns without a comment.
    pub uncommented_columns: usize,
    /// Tables without a comment.
    pub uncommented_tables: usize,
    /// Foreign keys.
    pub foreign_keys: usize,
    /// Active findings by severity: errors, warnings, infos.
    pub findings: [usize; 3],
    /// Accepted findings.
    pub accepted: usize,
}

/// A link to a table's entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The entry's anchor.
    pub anchor: String,
    /// What the link says.
    pub label: String,
}

/// One table.
#[derive(Clone, Debug, PartialEq)]
pub struct TableEntry {
    /// Anchor of its section.
    pub anchor: String,
    /// `schema.name` or `name`.
    pub name: String,
    /// Its subject area.
    pub group: Option<String>,
    /// What it holds.
    pub comment: String,
    /// Normal form and what the verdict rests on.
    pub normal_form: String,
    /// Columns in order.
    pub columns: Vec<ColumnEntry>,
    /// Indexes, keys included.
    pub indexes: Vec<IndexEntry>,
    /// Foreign keys going out.
    pub references: Vec<ReferenceEntry>,
    /// Foreign keys of other tables coming in.
    pub referenced_by: Vec<ReferenceEntry>,
    /// CHECK constraints: name and expression.
    pub checks: Vec<(String, String)>,
    /// Declared functional dependencies: `lhs → rhs`, soft, comment.
    pub dependencies: Vec<(String, bool, String)>,
    /// The validator's findings on this table.
    pub findings: Vec<FindingEntry>,
}

/// One column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnEntry {
    /// Name.
    pub name: String,
    /// Portable type.
    pub data_type: String,
    /// Whether NULL is allowed.
    pub nullable: bool,
    /// Default or generation expression, as SQL.
    pub default: String,
    /// `PK`, `FK`, `UQ`, joined.
    pub keys: String,
    /// The referenced table and column, when the column is part of a foreign key.
    pub references: Option<Link>,
    /// Meaning.
    pub comment: String,
}

/// One index or key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexEntry {
    /// Name (or what it backs).
    pub name: String,
    /// `PRIMARY KEY`, `UNIQUE`, `index`, with the method when not b-tree.
    pub kind: String,
    /// Key items, with directions.
    pub keys: String,
    /// `WHERE` of a partial index, `INCLUDE` columns.
    pub extra: String,
}

/// One foreign key, seen from one end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferenceEntry {
    /// The constraint's name, if it has one.
    pub name: String,
    /// This end's columns.
    pub columns: String,
    /// The other table.
    pub other: Link,
    /// The other end's columns.
    pub other_columns: String,
    /// `ON DELETE … ON UPDATE …` when not the default.
    pub actions: String,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingEntry {
    /// `error`, `warning`, `info`.
    pub severity: String,
    /// Rule code and name.
    pub rule: String,
    /// The message.
    pub message: String,
    /// What to do.
    pub help: String,
    /// The reason it was accepted, if it was.
    pub accepted: Option<String>,
}

/// A stable, unique anchor per table: `table-` and the name with anything but letters, digits
/// and `-` turned into `-`.
fn anchors(schema: &Schema) -> HashMap<TableId, String> {
    let mut used: HashMap<String, usize> = HashMap::new();
    schema
        .tables
        .iter()
        .map(|t| {
            let base: String = format!("table-{}", t.qualified_name())
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .collect();
            let n = used.entry(base.clone()).or_default();
            *n += 1;
            let anchor = if *n == 1 { base } else { format!("{base}-{n}") };
            (t.id, anchor)
        })
        .collect()
}

fn actions(fk: &crate::model::ForeignKey) -> String {
    use crate::model::ReferentialAction::NoAction;
    let mut out = Vec::new();
    if fk.on_delete != NoAction {
        out.push(format!("ON DELETE {}", fk.on_delete.sql()));
    }
    if fk.on_update != NoAction {
        out.push(format!("ON UPDATE {}", fk.on_update.sql()));
    }
    out.join(" ")
}

/// Builds the dictionary of `schema` with the validator's `findings`.
pub fn build(schema: &Schema, findings: &[Finding]) -> Dictionary {
    let anchors = anchors(schema);
    let link = |id: TableId| Link {
        anchor: anchors.get(&id).cloned().unwrap_or_default(),
        label: schema
            .table(id)
            .map_or_else(|| "?".to_string(), Table::qualified_name),
    };
    let mut summary = Summary::default();
    let mut tables: Vec<TableEntry> = schema
        .tables
        .iter()
        .map(|table| {
            summary.tables += 1;
            summary.columns += table.columns.len();
            summary.foreign_keys += table.foreign_keys.len();
            summary.uncommented_tables += usize::from(table.comment.trim().is_empty());
            summary.uncommented_columns += table
                .columns
                .iter()
                .filter(|c| c.comment.trim().is_empty())
                .count();
            entry(schema, table, findings, &link)
        })
        .collect();
    tables.sort_by_key(|a| a.name.to_lowercase());
    for f in findings {
        match (&f.suppressed, f.severity) {
            (Some(_), _) => summary.accepted += 1,
            (None, s) => summary.findings[2 - s as usize] += 1,
        }
    }
    Dictionary {
        title: schema.name.clone(),
        comment: schema.comment.clone(),
        summary,
        tables,
        enums: schema
            .enums
            .iter()
            .map(|e| (e.name.clone(), e.values.clone(), e.comment.clone()))
            .collect(),
        objects: schema
            .verbatim
            .iter()
            .filter(|o| crate::model::verbatim::REDEFINABLE.contains(&o.kind.as_str()))
            .map(|o| ObjectEntry {
                kind: o.kind.clone(),
                name: o.name.clone(),
                dialect: o.dialect.product(),
                relation: match o.kind.as_str() {
                    "trigger" => "on",
                    "view" | "materialized view" => "reads",
                    _ => "names",
                },
                tables: o.tables(schema).into_iter().map(|t| link(t.id)).collect(),
                sql: o.sql.clone(),
            })
            .collect(),
        comments: schema
            .comments
            .iter()
            .map(|thread| CommentEntry {
                number: format!("#{}", thread.number),
                about: thread
                    .on
                    .table
                    .filter(|t| schema.table(*t).is_some())
                    .map(|t| Link {
                        label: crate::check::target_label(schema, &thread.on),
                        ..link(t)
                    }),
                status: if thread.resolved { "resolved" } else { "open" },
                messages: thread
                    .messages
                    .iter()
                    .map(|m| (m.author.clone(), m.at.clone(), m.text.clone()))
                    .collect(),
            })
            .collect(),
    }
}

fn entry(
    schema: &Schema,
    table: &Table,
    findings: &[Finding],
    link: &dyn Fn(TableId) -> Link,
) -> TableEntry {
    let columns = table
        .columns
        .iter()
        .map(|c| {
            let mut keys = Vec::new();
            if table.is_primary_key_column(c.id) {
                keys.push("PK");
            }
            if table.is_foreign_key_column(c.id) {
                keys.push("FK");
            }
            if table.is_unique_column(c.id) {
                keys.push("UQ");
            }
            let references = table
                .foreign_keys
                .iter()
                .find(|fk| fk.columns.contains(&c.id))
                .map(|fk| {
                    let at = fk.columns.iter().position(|x| *x == c.id).unwrap_or(0);
                    let target = link(fk.references);
                    let column = fk
                        .referenced_columns
                        .get(at)
                        .and_then(|id| schema.column(*id))
                        .map_or("?", |(_, c)| c.name.as_str());
                    Link {
                        anchor: target.anchor,
                        label: format!("{}.{column}", target.label),
                    }
                });
            ColumnEntry {
                name: c.name.clone(),
                data_type: schema.type_name(c),
                nullable: c.nullable,
                default: match (&c.generated, &c.default) {
                    (Some(expr), _) => format!("generated: {expr}"),
                    (None, Some(expr)) => expr.clone(),
                    (None, None) if c.identity.is_some() => "identity".to_string(),
                    (None, None) => String::new(),
                },
                keys: keys.join(", "),
                references,
                comment: c.comment.clone(),
            }
        })
        .collect();
    let mut indexes = Vec::new();
    if let Some(pk) = &table.primary_key {
        indexes.push(IndexEntry {
            name: pk.name.clone().unwrap_or_else(|| "(primary key)".into()),
            kind: "PRIMARY KEY".into(),
            keys: table.column_names(&pk.columns, ", "),
            extra: String::new(),
        });
    }
    for u in &table.uniques {
        indexes.push(IndexEntry {
            name: u.name.clone().unwrap_or_else(|| "(unnamed)".into()),
            kind: "UNIQUE".into(),
            keys: table.column_names(&u.columns, ", "),
            extra: String::new(),
        });
    }
    for i in &table.indexes {
        let keys: Vec<String> = i
            .keys
            .iter()
            .map(|k| {
                let mut text = match &k.target {
                    IndexTarget::Column(c) => {
                        table.column(*c).map_or("?".into(), |c| c.name.clone())
                    }
                    IndexTarget::Expression(e) => format!("({e})"),
                };
                if k.order == crate::model::SortOrder::Desc {
                    text.push_str(" DESC");
                }
                text
            })
            .collect();
        let mut kind = if i.unique {
            "UNIQUE index".to_string()
        } else {
            "index".to_string()
        };
        if i.method != crate::model::IndexMethod::BTree {
            kind.push_str(&format!(" ({:?})", i.method));
        }
        let mut extra = Vec::new();
        if !i.include.is_empty() {
            extra.push(format!(
                "INCLUDE ({})",
                table.column_names(&i.include, ", ")
            ));
        }
        if let Some(p) = &i.predicate {
            extra.push(format!("WHERE {p}"));
        }
        if !i.comment.is_empty() {
            extra.push(format!("— {}", i.comment));
        }
        indexes.push(IndexEntry {
            name: i.name.clone().unwrap_or_else(|| "(unnamed)".into()),
            kind,
            keys: keys.join(", "),
            extra: extra.join(" "),
        });
    }
    let references = table
        .foreign_keys
        .iter()
        .map(|fk| ReferenceEntry {
            name: fk.name.clone().unwrap_or_default(),
            columns: table.column_names(&fk.columns, ", "),
            other: link(fk.references),
            other_columns: schema.table(fk.references).map_or_else(String::new, |p| {
                p.column_names(&fk.referenced_columns, ", ")
            }),
            actions: actions(fk),
        })
        .collect();
    let referenced_by = schema
        .foreign_keys_into(table.id)
        .map(|(child, fk)| ReferenceEntry {
            name: fk.name.clone().unwrap_or_default(),
            columns: table.column_names(&fk.referenced_columns, ", "),
            other: link(child.id),
            other_columns: child.column_names(&fk.columns, ", "),
            actions: actions(fk),
        })
        .collect();
    let verdict = table_verdict(table);
    let normal_form = format!("{}, {}", verdict.form.label(), verdict.basis);
    TableEntry {
        anchor: link(table.id).anchor,
        name: table.qualified_name(),
        group: table
            .group
            .and_then(|g| schema.group(g))
            .map(|g| g.name.clone()),
        comment: table.comment.clone(),
        normal_form,
        columns,
        indexes,
        references,
        referenced_by,
        checks: table
            .checks
            .iter()
            .map(|c| (c.name.clone().unwrap_or_default(), c.expression.clone()))
            .collect(),
        dependencies: table
            .dependencies
            .iter()
            .map(|d| {
                (
                    format!(
                        "({}) → ({})",
                        table.column_names(&d.lhs, ", "),
                        table.column_names(&d.rhs, ", ")
                    ),
                    d.soft,
                    d.comment.clone(),
                )
            })
            .collect(),
        findings: findings
            .iter()
            .filter(|f| f.target.table == Some(table.id))
            .map(|f| FindingEntry {
                severity: f.severity.label().to_string(),
                rule: format!("{} {}", f.code, f.rule),
                message: f.message.clone(),
                help: f.help.clone(),
                accepted: f.suppressed.clone(),
            })
            .collect(),
    }
}
