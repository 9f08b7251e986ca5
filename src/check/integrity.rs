//! Integrity of keys and references within one table and its parents (IN301–IN305, IN310,
//! IN312, IN315, IN317, IN320, IN322); the rules over the whole foreign-key graph and across tables
//! are in `relationships`.

use super::Context;
use super::fix::Fix;
use super::sink::Sink;
use super::types::{is_float, is_money_type, words};
use crate::model::{
    ColumnId, DataType, Dialect, FindingTarget, ForeignKey, IndexTarget, Severity, Table,
};

mod checks;
mod relationships;

pub(super) use relationships::{graph_rules, name_rules};

pub(super) fn check_table(ctx: &Context, table: &Table, sink: &mut Sink) {
    primary_key(ctx, table, sink);
    for fk in &table.foreign_keys {
        foreign_key(ctx, table, fk, sink);
    }
    duplicate_foreign_keys(table, sink);
    unique_over_nullable(table, sink);
    checks::check_constraints(table, sink);
    money(table, sink);
    enum_defaults(ctx, table, sink);
}

/// The value a default written as a quoted literal names (`'cart'`, `'cart'::order_status`):
/// `None` for one computed by an expression, which is not judged.
fn literal_default(default: &str) -> Option<String> {
    let text = default.trim();
    let text = text
        .split_once("::")
        .map_or(text, |(value, _)| value.trim_end());
    let inner = text.strip_prefix('\'')?.strip_suffix('\'')?;
    // A quote inside is written twice; a lone one means this was not one literal.
    let mut value = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' && chars.next() != Some('\'') {
            return None;
        }
        value.push(c);
    }
    Some(value)
}

/// IN322: an enum column whose default is not one of the type's values.
fn enum_defaults(ctx: &Context, table: &Table, sink: &mut Sink) {
    if !sink.enabled("IN322") {
        return;
    }
    for column in &table.columns {
        let DataType::Enum(id) = column.data_type else {
            continue;
        };
        let (Some(default), Some(enum_type)) = (&column.default, ctx.schema.enum_type(id)) else {
            continue;
        };
        let Some(value) = literal_default(default) else {
            continue;
        };
        if enum_type.values.contains(&value) {
            continue;
        }
        sink.emit(
            "IN322",
            FindingTarget::of_columns(table.id, vec![column.id]),
            format!(
                "{}.{} defaults to {default}, which is not a value of {} ({})",
                table.name,
                column.name,
                enum_type.name,
                enum_type.values.join(", ")
            ),
        )
        .help("Give the column one of the type's values as its default, or add the value to the type.");
    }
}

fn primary_key(ctx: &Context, table: &Table, sink: &mut Sink) {
    match &table.primary_key {
        Some(pk) => {
            let nullable: Vec<ColumnId> = pk
                .columns
                .iter()
                .copied()
                .filter(|c| table.column(*c).is_some_and(|c| c.nullable))
                .collect();
            if !nullable.is_empty() {
                sink.emit(
                    "IN302",
                    FindingTarget {
                        constraint: Some(pk.id),
                        ..FindingTarget::of_columns(table.id, nullable.clone())
                    },
                    format!(
                        "primary key column {}.{} is nullable",
                        table.name,
                        table.column_names(&nullable, ", ")
                    ),
                )
                .help("Declare it NOT NULL.")
                .fix(Fix::SetNotNull { columns: nullable });
            }
        }
        None => {
            // A junction table identified by a UNIQUE over its foreign keys is keyed already.
            let junction = table.uniques.iter().any(|u| {
                u.columns.len() >= 2 && u.columns.iter().all(|c| table.is_foreign_key_column(*c))
            });
            if junction {
                return;
            }
            let referenced = ctx
                .schema
                .foreign_keys_into(table.id)
                .any(|(t, _)| t.id != table.id);
            let draft = sink
                .emit(
                    "IN301",
                    FindingTarget::of_columns(table.id, Vec::new()),
                    format!("{} has no primary key", table.name),
                )
                .help(match table.uniques.first() {
                    Some(u) => format!(
                        "Promote UNIQUE ({}) to the primary key, or add a surrogate id.",
                        table.column_names(&u.columns, ", ")
                    ),
                    None => "Add a primary key: a natural key if one exists, else a surrogate id."
                        .into(),
                });
            if referenced && table.uniques.is_empty() {
                draft.severity(Severity::Error);
            }
        }
    }
}

/// Whether `columns` (as a set) are exactly the PK, a UNIQUE, or a non-partial unique index.
pub(crate) fn is_key_of(table: &Table, columns: &[ColumnId]) -> bool {
    let mut wanted = columns.to_vec();
    wanted.sort();
    let same = |cols: &[ColumnId]| {
        let mut cols = cols.to_vec();
        cols.sort();
        cols == wanted
    };
    table
        .primary_key
        .as_ref()
        .is_some_and(|pk| same(&pk.columns))
        || table.uniques.iter().any(|u| same(&u.columns))
        || table.indexes.iter().any(|i| {
            i.unique
                && i.predicate.is_none()
                && same(
                    &i.keys
                        .iter()
                        .filter_map(|k| match k.target {
                            IndexTarget::Column(c) => Some(c),
                            IndexTarget::Expression(_) => None,
                        })
                        .collect::<Vec<_>>(),
                )
                && i.keys
                    .iter()
                    .all(|k| matches!(k.target, IndexTarget::Column(_)))
        })
}

fn base_kind(t: &DataType) -> std::mem::Discriminant<DataType> {
    std::mem::discriminant(t)
}

fn foreign_key(ctx: &Context, table: &Table, fk: &ForeignKey, sink: &mut Sink) {
    let fk_target = FindingTarget {
        constraint: Some(fk.id),
        ..FindingTarget::of_columns(table.id, fk.columns.clone())
    };
    let Some(parent) = ctx.table(fk.references) else {
        sink.emit(
            "IN305",
            fk_target,
            format!(
                "a foreign key of {} references a table that does not exist",
                table.name
            ),
        )
        .help("Point it at an existing table, or remove it.");
        return;
    };
    let broken = fk.columns.is_empty()
        || fk.columns.len() != fk.referenced_columns.len()
        || fk.columns.iter().any(|c| table.column(*c).is_none())
        || fk
            .referenced_columns
            .iter()
            .any(|c| parent.column(*c).is_none());
    if broken {
        sink.emit(
            "IN305",
            fk_target,
            format!(
                "foreign key {}.({}) → {} names missing columns or pairs them unevenly",
                table.name,
                table.column_names(&fk.columns, ", "),
                parent.name
            ),
        )
        .help("Give it as many referencing as referenced columns, all existing.");
        return;
    }
    if !is_key_of(parent, &fk.referenced_columns) {
        sink.emit(
            "IN304",
            fk_target.clone(),
            format!(
                "foreign key {}.({}) references {}.({}), which is not a primary key or UNIQUE",
                table.name,
                table.column_names(&fk.columns, ", "),
                parent.name,
                parent.column_names(&fk.referenced_columns, ", ")
            ),
        )
        .help(format!(
            "Add UNIQUE ({}) to {}, or reference its primary key.",
            parent.column_names(&fk.referenced_columns, ", "),
            parent.name
        ))
        .fix(Fix::AddUnique {
            table: parent.id,
            columns: fk.referenced_columns.clone(),
        });
    }
    for (child_id, parent_id) in fk.columns.iter().zip(&fk.referenced_columns) {
        let (Some(child), Some(referenced)) = (table.column(*child_id), parent.column(*parent_id))
        else {
            continue;
        };
        if child.data_type == referenced.data_type {
            continue;
        }
        let only_length = base_kind(&child.data_type) == base_kind(&referenced.data_type);
        let severity = if only_length {
            Severity::Info
        } else if ctx.only(Dialect::MySql) {
            Severity::Error
        } else {
            Severity::Warning
        };
        sink.emit(
            "IN303",
            FindingTarget {
                constraint: Some(fk.id),
                ..FindingTarget::of_columns(table.id, vec![child.id])
            },
            format!(
                "{}.{} is {} but references {}.{}, which is {}",
                table.name,
                child.name,
                ctx.schema.type_name(child),
                parent.name,
                referenced.name,
                ctx.schema.type_name(referenced)
            ),
        )
        .severity(severity)
        .help(format!(
            "Give {} the referenced column's type, {}.",
            child.name,
            ctx.schema.type_name(referenced)
        ))
        .fix(Fix::SetType {
            column: child.id,
            data_type: referenced.data_type.clone(),
        });
    }
    if fk.columns.len() >= 2 {
        let nullable: Vec<ColumnId> = fk
            .columns
            .iter()
            .copied()
            .filter(|c| table.column(*c).is_some_and(|c| c.nullable))
            .collect();
        if !nullable.is_empty() {
            sink.emit(
                "IN312",
                FindingTarget {
                    constraint: Some(fk.id),
                    ..FindingTarget::of_columns(table.id, nullable.clone())
                },
                format!(
                    "composite foreign key {}.({}) has nullable columns ({}): a half-filled reference is not checked",
                    table.name,
                    table.column_names(&fk.columns, ", "),
                    table.column_names(&nullable, ", ")
                ),
            )
            .help("Make the columns NOT NULL, or add a CHECK that they are all NULL or all set.")
            .fix(Fix::SetNotNull { columns: nullable });
        }
    }
}

fn duplicate_foreign_keys(table: &Table, sink: &mut Sink) {
    for (i, a) in table.foreign_keys.iter().enumerate() {
        let earlier = table.foreign_keys[..i].iter().find(|b| {
            b.references == a.references
                && b.columns == a.columns
                && b.referenced_columns == a.referenced_columns
        });
        if let Some(b) = earlier {
            sink.emit(
                "IN310",
                FindingTarget {
                    constraint: Some(a.id),
                    ..FindingTarget::of_columns(table.id, a.columns.clone())
                },
                format!(
                    "foreign key {} of {} repeats {}",
                    a.name.as_deref().unwrap_or("(unnamed)"),
                    table.name,
                    b.name.as_deref().unwrap_or("(unnamed)")
                ),
            )
            .help("Remove one of them.");
        }
    }
}

fn unique_over_nullable(table: &Table, sink: &mut Sink) {
    let nullable = |cols: &[ColumnId]| -> Vec<ColumnId> {
        cols.iter()
            .copied()
            .filter(|c| table.column(*c).is_some_and(|c| c.nullable))
            .collect()
    };
    let mut sets: Vec<(Vec<ColumnId>, FindingTarget)> = table
        .uniques
        .iter()
        .map(|u| {
            (
                u.columns.clone(),
                FindingTarget {
                    constraint: Some(u.id),
                    ..FindingTarget::of_columns(table.id, Vec::new())
                },
            )
        })
        .collect();
    for index in table
        .indexes
        .iter()
        .filter(|i| i.unique && i.predicate.is_none())
    {
        let cols = index
            .keys
            .iter()
            .filter_map(|k| match k.target {
                IndexTarget::Column(c) => Some(c),
                IndexTarget::Expression(_) => None,
            })
            .collect();
        sets.push((
            cols,
            FindingTarget {
                index: Some(index.id),
                ..FindingTarget::of_columns(table.id, Vec::new())
            },
        ));
    }
    for (cols, mut at) in sets {
        let open = nullable(&cols);
        if open.is_empty() {
            continue;
        }
        at.columns = open.clone();
        sink.emit(
            "IN315",
            at,
            format!(
                "UNIQUE ({}) of {} allows NULL in {}: rows holding NULL are not kept unique",
                table.column_names(&cols, ", "),
                table.name,
                table.column_names(&open, ", ")
            ),
        )
        .help("Make the columns NOT NULL if the combination must identify a row (PostgreSQL 15+ also offers NULLS NOT DISTINCT).");
    }
}

const MONEY_WORDS: &[&str] = &[
    "price", "amount", "cost", "total", "balance", "fee", "salary", "tax", "revenue", "payment",
    "subtotal",
];

fn money(table: &Table, sink: &mut Sink) {
    for column in &table.columns {
        if !is_float(&column.data_type) {
            continue;
        }
        let words = words(&column.name);
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        // `unit_amount` or `qty_amount` count things; a price or cost is money again.
        let counts_things = has(&["qty", "quantity", "unit", "units"]) && !has(&["price", "cost"]);
        let named = has(MONEY_WORDS) && !counts_things;
        let money_type = is_money_type(&column.data_type);
        if !(money_type || (named && is_float(&column.data_type))) {
            continue;
        }
        sink.emit(
            "IN320",
            FindingTarget::of_columns(table.id, vec![column.id]),
            format!(
                "{}.{} holds money in a {} type",
                table.name,
                column.name,
                if money_type {
                    "locale-dependent money"
                } else {
                    "floating-point"
                }
            ),
        )
        .help("Use numeric(12, 2) (or the scale your currency needs).")
        .fix(Fix::SetType {
            column: column.id,
            data_type: DataType::Numeric {
                precision: Some(12),
                scale: Some(2),
            },
        });
    }
}
