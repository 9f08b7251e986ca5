//! Names against the target dialects and the model's convention: too long (NM401), colliding
//! once truncated or case-folded (NM402), reserved (NM403), needing quotes (NM404), off the
//! convention (NM405), duplicated in a namespace (NM409).

use super::Context;
use super::sink::Sink;
use super::types::is_plural;
use crate::model::dialect::truncated;
use crate::model::{
    ColumnId, ConstraintId, Dialect, FindingTarget, IndexId, Inflection, NameCase, Severity, Table,
    TableId,
};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A name of the model with what it names.
struct Named<'a> {
    kind: &'static str,
    name: &'a str,
    table: TableId,
    item: Item,
}

/// What a name names, kept small: the finding's target is built only when one is reported.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Item {
    Table,
    Column(ColumnId),
    Index(IndexId),
    Constraint(ConstraintId),
}

impl Named<'_> {
    fn target(&self) -> FindingTarget {
        let mut at = FindingTarget {
            table: Some(self.table),
            ..FindingTarget::default()
        };
        match self.item {
            Item::Table => {}
            Item::Column(c) => at.columns = vec![c],
            Item::Index(i) => at.index = Some(i),
            Item::Constraint(c) => at.constraint = Some(c),
        }
        at
    }
}

/// The table's own names: itself and its columns.
fn table_and_columns(table: &Table) -> Vec<Named<'_>> {
    let mut out = vec![Named {
        kind: "table",
        name: &table.name,
        table: table.id,
        item: Item::Table,
    }];
    out.extend(table.columns.iter().map(|c| Named {
        kind: "column",
        name: &c.name,
        table: table.id,
        item: Item::Column(c.id),
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
                    table: table.id,
                    item: Item::Index(index.id),
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
                    table: table.id,
                    item: Item::Constraint(id),
                },
                None,
            ));
        }
    }
    for (n, fk) in table.foreign_keys.iter().enumerate() {
        let at = Item::Constraint(fk.id);
        match (&fk.name, dialect) {
            (Some(name), _) => out.push((
                Named {
                    kind: "constraint",
                    name,
                    table: table.id,
                    item: at,
                },
                None,
            )),
            (None, Some(Dialect::MySql)) => out.push((
                Named {
                    kind: "generated constraint",
                    name: "",
                    table: table.id,
                    item: at,
                },
                Some(format!("{}_ibfk_{}", table.name, n + 1)),
            )),
            (None, _) => {}
        }
    }
    out
}

fn too_long(dialect: Dialect, name: &str) -> bool {
    dialect
        .name_limit()
        .is_some_and(|limit| limit.measure(name) > limit.max())
}

fn limit_text(dialect: Dialect) -> String {
    dialect
        .name_limit()
        .map_or_else(|| "no limit".into(), |limit| limit.to_string())
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
    table_namespaces(ctx, table, sink);
    if sink.enabled("NM405") {
        convention(ctx, table, sink);
    }
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
                named.target(),
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
                named.target(),
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
                .find(|(n, t, _)| n.item == named.item && *t == text)
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
            named.target(),
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
}

/// How many of the table's names (its own and its columns') fit each case: snake, camel,
/// pascal. Summed over the model, they decide the majority convention.
pub(crate) fn case_counts(table: &Table) -> [usize; 3] {
    let mut counts = [0usize; 3];
    for name in names(table) {
        let case = case_of(name);
        for i in 0..3 {
            counts[i] += usize::from(case[i]);
        }
    }
    counts
}

/// The letter case a new name should take: the convention's, or the one most names of the
/// model use (snake case when there is no convention, or no names yet).
pub fn case_for_new_names(schema: &crate::model::Schema) -> NameCase {
    let totals = schema
        .tables
        .iter()
        .map(case_counts)
        .fold([0; 3], |a, b| [a[0] + b[0], a[1] + b[1], a[2] + b[2]]);
    match wanted_case(schema.check_settings.naming.case, totals) {
        Some(1) => NameCase::Camel,
        Some(2) => NameCase::Pascal,
        _ => NameCase::Snake,
    }
}

/// The case every name should have (index into snake, camel, pascal), if any.
pub(crate) fn wanted_case(case: NameCase, totals: [usize; 3]) -> Option<usize> {
    match case {
        NameCase::Any => None,
        NameCase::Majority => (0..3).max_by_key(|i| (totals[*i], 3 - i)),
        NameCase::Snake => Some(0),
        NameCase::Camel => Some(1),
        NameCase::Pascal => Some(2),
    }
}

/// The relation namespace of each SQL schema: tables, and the indexes where a target dialect
/// keeps their names beside the tables' ([`Dialect::index_names_per_schema`]: PostgreSQL and
/// SQLite, so an index may not take a table's or another table's index's name).
fn namespaces<'a>(ctx: &Context<'a>, sink: &mut Sink) {
    let with_indexes = indexes_share_the_schema(ctx);
    let mut spaces: BTreeMap<Option<&str>, Vec<Named<'a>>> = BTreeMap::new();
    for table in &ctx.schema.tables {
        let names = spaces.entry(table.schema.as_deref()).or_default();
        names.push(Named {
            kind: "table",
            name: &table.name,
            table: table.id,
            item: Item::Table,
        });
        if with_indexes {
            names.extend(
                object_names(table, None)
                    .into_iter()
                    .map(|(n, _)| n)
                    .filter(|n| n.kind == "index"),
            );
        }
    }
    for (schema, names) in spaces {
        let space = match (schema, with_indexes) {
            (Some(schema), true) => format!("tables and indexes of schema {schema}"),
            (None, true) => "tables and indexes".to_string(),
            (Some(schema), false) => format!("tables of schema {schema}"),
            (None, false) => "tables".to_string(),
        };
        namespace(&space, &names, &ctx.dialects, sink);
    }
}

/// Whether a target dialect keeps index names in the schema's namespace; otherwise each
/// table's indexes are a namespace of their own.
fn indexes_share_the_schema(ctx: &Context<'_>) -> bool {
    ctx.dialects.iter().any(|d| d.index_names_per_schema())
}

/// The per-table namespaces: columns, and constraints.
fn table_namespaces(ctx: &Context, table: &Table, sink: &mut Sink) {
    let columns: Vec<Named> = table_and_columns(table).into_iter().skip(1).collect();
    namespace(
        &format!("columns of {}", table.name),
        &columns,
        &ctx.dialects,
        sink,
    );
    let constraints: Vec<Named> = object_names(table, None)
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| n.kind != "index")
        .collect();
    namespace(
        &format!("constraints of {}", table.name),
        &constraints,
        &ctx.dialects,
        sink,
    );
    if !indexes_share_the_schema(ctx) {
        let indexes: Vec<Named> = object_names(table, None)
            .into_iter()
            .map(|(n, _)| n)
            .filter(|n| n.kind == "index")
            .collect();
        namespace(
            &format!("indexes of {}", table.name),
            &indexes,
            &ctx.dialects,
            sink,
        );
    }
}

/// NM409 for equal names, NM402 for names equal once truncated (PostgreSQL) or case-folded
/// (the others).
fn namespace(space: &str, names: &[Named], dialects: &[Dialect], sink: &mut Sink) {
    let mut exact: FxHashMap<&str, &Named> = FxHashMap::default();
    for named in names {
        if let Some(first) = exact.get(named.name) {
            sink.emit(
                "NM409",
                named.target(),
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
    // The dialects fold names in two ways: PostgreSQL truncates, the others ignore case.
    let folds: Vec<(Vec<Dialect>, bool)> = [
        (
            dialects
                .iter()
                .copied()
                .filter(|d| *d == Dialect::Postgres)
                .collect::<Vec<_>>(),
            false,
        ),
        (
            dialects
                .iter()
                .copied()
                .filter(|d| d.names_ignore_case())
                .collect(),
            true,
        ),
    ]
    .into_iter()
    .filter(|(d, _)| !d.is_empty())
    .collect();
    for (group, ignore_case) in folds {
        let mut seen: FxHashMap<Cow<str>, &Named> = FxHashMap::default();
        for named in names {
            let cut = truncated(group[0], named.name);
            let seen_as: Cow<str> = if ignore_case && cut.chars().any(char::is_uppercase) {
                Cow::Owned(cut.to_lowercase())
            } else {
                Cow::Borrowed(cut)
            };
            match seen.get(&seen_as) {
                Some(first) if first.name != named.name => {
                    let products: Vec<&str> = group.iter().map(|d| d.product()).collect();
                    sink.emit(
                        "NM402",
                        named.target(),
                        format!(
                            "{} {} and {} {} become the same name in {} ({seen_as})",
                            first.kind,
                            first.name,
                            named.kind,
                            named.name,
                            products.join(", ")
                        ),
                    )
                    .help(
                        "Rename one so they differ in their first characters and not only in case.",
                    );
                }
                Some(_) => {}
                None => {
                    seen.insert(seen_as, named);
                }
            }
        }
    }
}

fn case_of(name: &str) -> [bool; 3] {
    let (mut has_upper, mut has_underscore, mut plain) = (false, false, true);
    for b in name.bytes() {
        has_upper |= b.is_ascii_uppercase();
        has_underscore |= b == b'_';
        plain &= b.is_ascii_alphanumeric() || b == b'_';
    }
    let starts_upper = name.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
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

/// A table's own name and its columns' names.
fn names(table: &Table) -> impl Iterator<Item = &str> {
    std::iter::once(table.name.as_str()).chain(table.columns.iter().map(|c| c.name.as_str()))
}

/// NM405 for one table, against the case the checker decided for the model.
fn convention(ctx: &Context, table: &Table, sink: &mut Sink) {
    let naming = &ctx.settings.naming;
    let wanted = ctx.wanted_case;
    {
        if let Some(i) = wanted
            && names(table).any(|n| !case_of(n)[i])
        {
            for named in table_and_columns(table) {
                if !case_of(named.name)[i] {
                    sink.emit(
                        "NM405",
                        named.target(),
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
                FindingTarget::of_table(table.id),
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
                            ..FindingTarget::of_table(table.id)
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
