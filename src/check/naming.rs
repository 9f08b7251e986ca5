//! Names against the target dialects and the model's convention: too long (NM401), colliding
//! once truncated or case-folded (NM402), reserved (NM403), needing quotes (NM404), off the
//! convention (NM405), duplicated in a namespace (NM409).

use super::Context;
use super::sink::Sink;
use super::types::is_plural;
use crate::model::dialect::{NameLength, truncated};
use crate::model::{Dialect, FindingTarget, Inflection, NameCase, Severity, Table};
use std::collections::{BTreeMap, HashMap};

/// A name of the model with what it names.
struct Named<'a> {
    kind: &'static str,
    name: &'a str,
    target: FindingTarget,
}

fn target(table: &Table) -> FindingTarget {
    FindingTarget {
        table: Some(table.id),
        ..FindingTarget::default()
    }
}

/// The table's own names: itself and its columns.
fn table_and_columns(table: &Table) -> Vec<Named<'_>> {
    let mut out = vec![Named {
        kind: "table",
        name: &table.name,
        target: target(table),
    }];
    out.extend(table.columns.iter().map(|c| Named {
        kind: "column",
        name: &c.name,
        target: FindingTarget {
            columns: vec![c.id],
            ..target(table)
        },
    }));
    out
}

/// Index and constraint names given in the model, and the names MySQL generates for unnamed
/// foreign keys (`<table>_ibfk_<n>`), which must fit too.
fn object_names(table: &Table, dialect: Option<Dialect>) -> Vec<(Named<'_>, Option<String>)> {
    let mut out = Vec::new();
    for index in &table.indexes {
        if let Some(name) = &index.name {
            out.push((
                Named {
                    kind: "index",
                    name,
                    target: FindingTarget {
                        index: Some(index.id),
                        ..target(table)
                    },
                },
                None,
            ));
        }
    }
    let constraints = table
        .primary_key
        .iter()
        .map(|pk| (pk.id, pk.name.as_deref()))
        .chain(table.uniques.iter().map(|u| (u.id, u.name.as_deref())))
        .chain(table.checks.iter().map(|c| (c.id, c.name.as_deref())));
    for (id, name) in constraints {
        if let Some(name) = name {
            out.push((
                Named {
                    kind: "constraint",
                    name,
                    target: FindingTarget {
                        constraint: Some(id),
                        ..target(table)
                    },
                },
                None,
            ));
        }
    }
    for (n, fk) in table.foreign_keys.iter().enumerate() {
        let at = FindingTarget {
            constraint: Some(fk.id),
            ..target(table)
        };
        match (&fk.name, dialect) {
            (Some(name), _) => out.push((
                Named {
                    kind: "constraint",
                    name,
                    target: at,
                },
                None,
            )),
            (None, Some(Dialect::MySql)) => out.push((
                Named {
                    kind: "generated constraint",
                    name: "",
                    target: at,
                },
                Some(format!("{}_ibfk_{}", table.name, n + 1)),
            )),
            (None, _) => {}
        }
    }
    out
}

fn too_long(dialect: Dialect, name: &str) -> bool {
    match dialect.name_limit() {
        Some(NameLength::Bytes(max)) => name.len() > max,
        Some(NameLength::Chars(max)) => name.chars().count() > max,
        None => false,
    }
}

fn limit_text(dialect: Dialect) -> String {
    match dialect.name_limit() {
        Some(NameLength::Bytes(max)) => format!("{max} bytes"),
        Some(NameLength::Chars(max)) => format!("{max} characters"),
        None => "no limit".into(),
    }
}

fn needs_quoting(name: &str, pg: bool) -> Option<&'static str> {
    let first = name.chars().next()?;
    if first.is_ascii_digit() {
        return Some("starts with a digit");
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Some("has characters other than letters, digits and _");
    }
    if pg && name.chars().any(|c| c.is_ascii_uppercase()) {
        return Some("has capital letters, which PostgreSQL folds away unless quoted");
    }
    None
}

pub(super) fn check_table(ctx: &Context, table: &Table, sink: &mut Sink) {
    for named in table_and_columns(table) {
        let reserved: Vec<Dialect> = ctx
            .dialects
            .iter()
            .copied()
            .filter(|d| d.is_reserved(named.name))
            .collect();
        if !reserved.is_empty() {
            // SQLite accepts most of its keywords as names where they are unambiguous.
            let only_sqlite = reserved == [Dialect::Sqlite];
            let products: Vec<&str> = reserved.iter().map(|d| d.product()).collect();
            sink.emit(
                "NM403",
                named.target.clone(),
                format!(
                    "{} name {} is a reserved word in {}",
                    named.kind,
                    named.name,
                    products.join(", ")
                ),
            )
            .help("Rename it (e.g. add a noun: user → app_user, order → sales_order); quoting works but must be done everywhere.")
            .severity(if only_sqlite { Severity::Info } else { Severity::Warning });
        }
        let pg = ctx.dialects.contains(&Dialect::Postgres);
        if let Some(why) = needs_quoting(named.name, pg) {
            sink.emit(
                "NM404",
                named.target.clone(),
                format!(
                    "{} name \"{}\" {why}, so it must always be quoted",
                    named.kind, named.name
                ),
            )
            .help("Use lower-case letters, digits and underscores, starting with a letter.");
        }
    }
    let mut long: Vec<(Named, String, Vec<Dialect>)> = Vec::new();
    for dialect in &ctx.dialects {
        let mut names: Vec<(Named, Option<String>)> = table_and_columns(table)
            .into_iter()
            .map(|n| (n, None))
            .collect();
        names.extend(object_names(table, Some(*dialect)));
        for (named, generated) in names {
            let text = generated.clone().unwrap_or_else(|| named.name.to_string());
            if !too_long(*dialect, &text) {
                continue;
            }
            match long
                .iter_mut()
                .find(|(n, t, _)| n.target == named.target && *t == text)
            {
                Some((_, _, dialects)) => dialects.push(*dialect),
                None => long.push((named, text, vec![*dialect])),
            }
        }
    }
    for (named, text, dialects) in long {
        let limits: Vec<String> = dialects
            .iter()
            .map(|d| format!("{} allows {}", d.product(), limit_text(*d)))
            .collect();
        sink.emit(
            "NM401",
            named.target,
            format!(
                "{} name {text} is {} characters long; {}",
                named.kind,
                text.chars().count(),
                limits.join(", ")
            ),
        )
        .help(if named.kind == "generated constraint" {
            "Name the foreign key yourself, shorter than the limit.".to_string()
        } else {
            "Shorten it below the limit.".to_string()
        });
    }
}

pub(super) fn check_schema(ctx: &Context, sink: &mut Sink) {
    namespaces(ctx, sink);
    if sink.enabled("NM405") {
        convention(ctx, sink);
    }
}

/// Every namespace's names: relations (tables, indexes, key constraints) per SQL schema,
/// columns per table, constraints per table.
fn namespaces<'a>(ctx: &Context<'a>, sink: &mut Sink) {
    let mut spaces: BTreeMap<String, Vec<Named<'a>>> = BTreeMap::new();
    for table in &ctx.schema.tables {
        let schema_key = format!(
            "relations of schema {}",
            table.schema.as_deref().unwrap_or("")
        );
        let columns_key = format!("columns of {}", table.qualified_name());
        let constraints_key = format!("constraints of {}", table.qualified_name());
        for named in table_and_columns(table) {
            let key = if named.kind == "table" {
                &schema_key
            } else {
                &columns_key
            };
            spaces.entry(key.clone()).or_default().push(named);
        }
        for (named, _) in object_names(table, None) {
            let key = if named.kind == "index" {
                &schema_key
            } else {
                &constraints_key
            };
            spaces.entry(key.clone()).or_default().push(named);
        }
    }
    for (space, names) in spaces {
        let mut exact: HashMap<&str, &Named> = HashMap::new();
        for named in &names {
            if let Some(first) = exact.get(named.name) {
                sink.emit(
                    "NM409",
                    named.target.clone(),
                    format!(
                        "{} name {} is already used by a {} among the {space}",
                        named.kind, named.name, first.kind
                    ),
                )
                .help("Rename one of them.");
            } else {
                exact.insert(named.name, named);
            }
        }
        for dialect in &ctx.dialects {
            let mut seen: HashMap<String, &Named> = HashMap::new();
            for named in &names {
                let mut seen_as = truncated(*dialect, named.name).to_string();
                if dialect.names_ignore_case() {
                    seen_as = seen_as.to_lowercase();
                }
                match seen.get(&seen_as) {
                    Some(first) if first.name != named.name => {
                        sink.emit(
                            "NM402",
                            named.target.clone(),
                            format!(
                                "{} {} and {} {} become the same name in {} ({seen_as})",
                                first.kind,
                                first.name,
                                named.kind,
                                named.name,
                                dialect.product()
                            ),
                        )
                        .help("Rename one so they differ in their first characters and not only in case.");
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(seen_as, named);
                    }
                }
            }
        }
    }
}

fn case_of(name: &str) -> [bool; 3] {
    let has_upper = name.chars().any(|c| c.is_ascii_uppercase());
    let has_underscore = name.contains('_');
    let starts_upper = name.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    [
        plain && !has_upper,                       // snake
        plain && !has_underscore && !starts_upper, // camel
        plain && !has_underscore && starts_upper,  // pascal
    ]
}

const CASES: [(NameCase, &str); 3] = [
    (NameCase::Snake, "snake_case"),
    (NameCase::Camel, "camelCase"),
    (NameCase::Pascal, "PascalCase"),
];

fn convention(ctx: &Context, sink: &mut Sink) {
    let naming = &ctx.settings.naming;
    let mut counts = [0usize; 3];
    for table in &ctx.schema.tables {
        for named in table_and_columns(table) {
            let case = case_of(named.name);
            for i in 0..3 {
                counts[i] += usize::from(case[i]);
            }
        }
    }
    let wanted = match naming.case {
        NameCase::Any => None,
        NameCase::Majority => (0..3).max_by_key(|i| (counts[*i], 3 - i)),
        NameCase::Snake => Some(0),
        NameCase::Camel => Some(1),
        NameCase::Pascal => Some(2),
    };
    for table in &ctx.schema.tables {
        if let Some(i) = wanted {
            for named in table_and_columns(table) {
                if !case_of(named.name)[i] {
                    sink.emit(
                        "NM405",
                        named.target.clone(),
                        format!(
                            "{} name {} is not {}{}",
                            named.kind,
                            named.name,
                            CASES[i].1,
                            if naming.case == NameCase::Majority {
                                ", like most names of the model"
                            } else {
                                ""
                            }
                        ),
                    )
                    .help(format!("Rename it in {}.", CASES[i].1));
                }
            }
        }
        let want_plural = match naming.tables {
            Inflection::Any => None,
            Inflection::Singular => Some(false),
            Inflection::Plural => Some(true),
        };
        if let (Some(want), Some(is)) = (want_plural, is_plural(&table.name))
            && want != is
        {
            sink.emit(
                "NM405",
                target(table),
                format!(
                    "table name {} is {}, but the model's tables are {}",
                    table.name,
                    if is { "plural" } else { "singular" },
                    if want { "plural" } else { "singular" }
                ),
            )
            .help("Rename it to follow the convention.");
        }
        if !naming.index_prefix.is_empty() {
            for index in &table.indexes {
                if let Some(name) = index
                    .name
                    .as_deref()
                    .filter(|n| !n.starts_with(&naming.index_prefix))
                {
                    sink.emit(
                        "NM405",
                        FindingTarget {
                            index: Some(index.id),
                            ..target(table)
                        },
                        format!(
                            "index name {name} does not start with {}",
                            naming.index_prefix
                        ),
                    )
                    .help(format!("Rename it {}{name}.", naming.index_prefix));
                }
            }
        }
    }
}
