//! First-normal-form smells and candidate dependencies guessed from names and foreign keys
//! (NF101–NF104, NF111, NF112, NF114). Candidates ask "confirm FD?"; they never change a verdict
//! until the architect declares them.

use super::Context;
use super::fix::Fix;
use super::sink::Sink;
use super::types::{is_multi_valued, is_temporal, is_textual, singular, words};
use crate::model::{ColumnId, DataType, FindingTarget, Severity, Table};
use std::collections::{BTreeMap, HashMap};

pub(super) fn check_table(ctx: &Context, table: &Table, sink: &mut Sink) {
    repeating_groups(table, sink);
    multi_valued(ctx, table, sink);
    delimited_lists(ctx, table, sink);
    entity_attribute_value(table, sink);
    let copied = copied_parent_attributes(ctx, table, sink);
    embedded_entities(table, &copied, sink);
    derived_values(ctx, table, sink);
}

/// `phone1`, `phone_2` → (`phone`, 2).
fn numbered(name: &str) -> Option<(String, u32)> {
    let lower = name.to_ascii_lowercase();
    let digits = lower.len() - lower.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    let base = lower[..lower.len() - digits].trim_end_matches('_');
    if !base.ends_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    Some((
        base.to_string(),
        lower[lower.len() - digits..].parse().ok()?,
    ))
}

const NUMBERED_ALLOWED: &[&str] = &["address_line", "line", "x", "y", "q", "address", "street"];

fn repeating_groups(table: &Table, sink: &mut Sink) {
    let mut groups: BTreeMap<String, Vec<(u32, &crate::model::Column)>> = BTreeMap::new();
    for column in &table.columns {
        if let Some((base, n)) = numbered(&column.name) {
            groups.entry(base).or_default().push((n, column));
        }
    }
    for (base, mut members) in groups {
        // A bare `phone` next to `phone2` counts as the first of the group.
        if let Some(bare) = table
            .columns
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(&base))
        {
            members.push((1, bare));
        }
        if members.len() < 2 {
            continue;
        }
        members.sort_by_key(|(n, _)| *n);
        let names: Vec<&str> = members.iter().map(|(_, c)| c.name.as_str()).collect();
        let draft = sink.emit(
            "NF101",
            FindingTarget::of_columns(table.id, members.iter().map(|(_, c)| c.id).collect()),
            format!(
                "{} repeat one attribute in numbered columns ({})",
                table.name,
                names.join(", ")
            ),
        );
        let draft = draft.help(format!(
            "Move {base} into a child table ({}_{base}s: a foreign key to {}, a position, one {base} per row).",
            singular(&table.name),
            table.name
        ));
        if NUMBERED_ALLOWED.contains(&base.as_str()) {
            draft.severity(Severity::Info);
        }
    }
}

fn multi_valued(ctx: &Context, table: &Table, sink: &mut Sink) {
    for column in &table.columns {
        if !is_multi_valued(&column.data_type) {
            continue;
        }
        let ids_array =
            matches!(column.data_type, DataType::Array(_)) && column.name.ends_with("_ids");
        let draft = sink
            .emit(
                "NF102",
                FindingTarget::of_columns(table.id, vec![column.id]),
                format!(
                    "{}.{} ({}) holds many values in one field",
                    table.name,
                    column.name,
                    ctx.schema.type_name(column)
                ),
            )
            .help(if ids_array {
                "An array of ids is a relationship: a junction table with two foreign keys lets the database check every id."
            } else {
                "Keep documents and payloads here; move values you join, filter or constrain into their own rows."
            });
        if ids_array {
            draft.severity(Severity::Warning);
        }
    }
}

fn delimited_lists(ctx: &Context, table: &Table, sink: &mut Sink) {
    for column in &table.columns {
        if !is_textual(&column.data_type) {
            continue;
        }
        let name = column.name.to_ascii_lowercase();
        let suffixed = ["_ids", "_list", "_csv", "_array"]
            .iter()
            .any(|s| name.ends_with(s));
        let names_table = name.ends_with('s')
            && !table.name.eq_ignore_ascii_case(&name)
            && ctx.table_names.contains(&name);
        // `country_id varchar` pointing at a table whose key is a number holds a list (or a
        // stray id); a textual key there is just an external code.
        let id_into_numeric_key = name.strip_suffix("_id").is_some_and(|stem| {
            ctx.numeric_key_stems.contains(stem) && singular(&table.name) != stem
        });
        if !(suffixed || names_table || id_into_numeric_key) {
            continue;
        }
        let draft = sink
            .emit(
                "NF103",
                FindingTarget::of_columns(table.id, vec![column.id]),
                format!(
                    "{}.{} looks like a delimited list stored in text",
                    table.name, column.name
                ),
            )
            .help("Use a junction table with one row per value and a foreign key to the listed table.");
        if !suffixed {
            draft.severity(Severity::Info);
        }
    }
}

fn entity_attribute_value(table: &Table, sink: &mut Sink) {
    let has_reference =
        !table.foreign_keys.is_empty() || table.columns.iter().any(|c| c.name.ends_with("_id"));
    let attribute = table.columns.iter().find(|c| {
        let n = c.name.to_ascii_lowercase();
        let n = n.strip_suffix("_name").unwrap_or(&n);
        // A bare `name` next to `value` is as often a label and its code (a selection list).
        ["attribute", "attr", "key", "property", "field"].contains(&n)
    });
    let value = table.columns.iter().find(|c| {
        let n = c.name.to_ascii_lowercase();
        let base = n.rsplit('_').next().unwrap_or(&n);
        (base == "value" || base == "val") && is_textual(&c.data_type)
    });
    if let (true, Some(attribute), Some(value)) = (has_reference, attribute, value) {
        sink.emit(
            "NF104",
            FindingTarget::of_columns(table.id, vec![attribute.id, value.id]),
            format!(
                "{} stores attributes as rows ({}, {}): an entity–attribute–value table",
                table.name, attribute.name, value.name
            ),
        )
        .help("Give known attributes their own typed columns; keep EAV for truly open-ended settings.");
    }
}

fn compatible(a: &DataType, b: &DataType) -> bool {
    a == b || (is_textual(a) && is_textual(b))
}

fn already_declared(table: &Table, lhs: &[ColumnId], column: ColumnId) -> bool {
    table
        .dependencies
        .iter()
        .any(|fd| fd.rhs.contains(&column) && fd.lhs.iter().all(|c| lhs.contains(c)))
}

/// NF111; returns the columns it reported so NF112 does not repeat them.
fn copied_parent_attributes(ctx: &Context, table: &Table, sink: &mut Sink) -> Vec<ColumnId> {
    let mut reported = Vec::new();
    for fk in &table.foreign_keys {
        let Some(parent) = ctx.table(fk.references) else {
            continue;
        };
        if parent.id == table.id {
            continue;
        }
        let fk_prefix = match fk.columns.as_slice() {
            [one] => table.column(*one).and_then(|c| {
                c.name
                    .to_ascii_lowercase()
                    .strip_suffix("_id")
                    .map(str::to_string)
            }),
            _ => None,
        };
        // The names a copy of a parent column would have: `<parent>_<column>` and
        // `<fk prefix>_<column>`, built once per foreign key.
        let parent_singular = singular(&parent.name);
        let mut copies: HashMap<String, &crate::model::Column> = HashMap::new();
        for p in parent
            .columns
            .iter()
            .filter(|p| !parent.is_primary_key_column(p.id))
        {
            let pn = p.name.to_ascii_lowercase();
            copies.insert(format!("{parent_singular}_{pn}"), p);
            if let Some(prefix) = &fk_prefix {
                copies.insert(format!("{prefix}_{pn}"), p);
            }
        }
        for column in &table.columns {
            if table.is_primary_key_column(column.id)
                || table.is_foreign_key_column(column.id)
                || column.generated.is_some()
                || reported.contains(&column.id)
                || already_declared(table, &fk.columns, column.id)
            {
                continue;
            }
            let source = copies
                .get(column.name.to_ascii_lowercase().as_str())
                .copied()
                .filter(|p| compatible(&p.data_type, &column.data_type));
            let Some(source) = source else { continue };
            let fk_names: Vec<&str> = fk
                .columns
                .iter()
                .filter_map(|id| table.column(*id).map(|c| c.name.as_str()))
                .collect();
            reported.push(column.id);
            sink.emit(
                "NF111",
                FindingTarget::of_columns(table.id, vec![column.id]),
                format!(
                    "{}.{} looks like a copy of {}.{}: confirm ({}) → {}?",
                    table.name,
                    column.name,
                    parent.name,
                    source.name,
                    fk_names.join(", "),
                    column.name
                ),
            )
            .help(format!(
                "If it always equals the parent's value, drop it and read {}.{} through the join; if it is a snapshot (a price at the time of sale), suppress this finding with that reason.",
                parent.name, source.name
            ))
            .fix(Fix::DeclareDependency {
                table: table.id,
                lhs: fk.columns.clone(),
                rhs: vec![column.id],
            });
        }
    }
    reported
}

fn in_some_key(table: &Table, column: ColumnId) -> bool {
    table.is_primary_key_column(column) || table.uniques.iter().any(|u| u.columns.contains(&column))
}

fn embedded_entities(table: &Table, copied: &[ColumnId], sink: &mut Sink) {
    for id_column in &table.columns {
        let lower = id_column.name.to_ascii_lowercase();
        let Some(prefix) = ["_id", "_code", "_no", "_key"]
            .iter()
            .find_map(|s| lower.strip_suffix(s))
        else {
            continue;
        };
        if prefix.is_empty() || in_some_key(table, id_column.id) {
            continue;
        }
        let members: Vec<&crate::model::Column> = table
            .columns
            .iter()
            .filter(|c| {
                let n = c.name.to_ascii_lowercase();
                // Describing attributes are text (names, codes, e-mails); `product_qty` or
                // `currency_rate` are facts of this row, not of the other entity.
                c.id != id_column.id
                    && n.strip_prefix(prefix)
                        .is_some_and(|rest| rest.starts_with('_'))
                    && is_textual(&c.data_type)
                    && ![
                        "_id", "_path", "_uom", "_state", "_status", "_type", "_model",
                    ]
                    .iter()
                    .any(|s| n.ends_with(s))
                    && !copied.contains(&c.id)
                    && !already_declared(table, &[id_column.id], c.id)
            })
            .collect();
        if members.is_empty() {
            continue;
        }
        let names: Vec<&str> = members.iter().map(|c| c.name.as_str()).collect();
        sink.emit(
            "NF112",
            FindingTarget::of_columns(
                table.id,
                std::iter::once(id_column.id)
                    .chain(members.iter().map(|c| c.id))
                    .collect(),
            ),
            format!(
                "{} embeds another entity: {} with {}; confirm {} → ({})?",
                table.name,
                id_column.name,
                names.join(", "),
                id_column.name,
                names.join(", ")
            ),
        )
        .help(format!(
            "Move {} to a {prefix} table keyed by {}, or confirm the dependency to have the normal-form analysis weigh it.",
            names.join(", "),
            id_column.name
        ))
        .fix(Fix::DeclareDependency {
            table: table.id,
            lhs: vec![id_column.id],
            rhs: members.iter().map(|c| c.id).collect(),
        });
    }
}

fn derived_values(ctx: &Context, table: &Table, sink: &mut Sink) {
    let find = |names: &[&str]| {
        table
            .columns
            .iter()
            .find(|c| c.generated.is_none() && names.iter().any(|n| c.name.eq_ignore_ascii_case(n)))
    };
    let report = |sink: &mut Sink,
                  derived: &crate::model::Column,
                  from: Vec<&crate::model::Column>,
                  how: &str| {
        let names: Vec<&str> = from.iter().map(|c| c.name.as_str()).collect();
        sink.emit(
            "NF114",
            FindingTarget::of_columns(
                table.id,
                std::iter::once(derived.id)
                    .chain(from.iter().map(|c| c.id))
                    .collect(),
            ),
            format!(
                "{}.{} can be derived from {} ({how})",
                table.name,
                derived.name,
                names.join(", ")
            ),
        )
        .help(format!(
            "Make {} a generated column, or add a CHECK that keeps it equal; if it is deliberately frozen (an invoice total), suppress this with that reason.",
            derived.name
        ));
    };
    let total = find(&[
        "total",
        "amount",
        "subtotal",
        "line_total",
        "extended_price",
    ]);
    let quantity = find(&["quantity", "qty"]);
    let price = find(&["unit_price", "price"]);
    if let (Some(total), Some(quantity), Some(price)) = (total, quantity, price) {
        report(sink, total, vec![quantity, price], "quantity × price");
    }
    if let (Some(full), Some(first), Some(last)) = (
        find(&["full_name", "fullname"]),
        find(&["first_name", "firstname", "given_name"]),
        find(&["last_name", "lastname", "surname", "family_name"]),
    ) {
        report(sink, full, vec![first, last], "first and last name");
    }
    if let (Some(age), Some(birth)) = (
        find(&["age"]),
        find(&["birth_date", "birthdate", "dob", "date_of_birth"]),
    ) {
        report(sink, age, vec![birth], "the birth date and today");
    }
    for column in &table.columns {
        let lower = column.name.to_ascii_lowercase();
        if column.generated.is_some() {
            continue;
        }
        if let Some(stem) = lower.strip_suffix("_count") {
            let counted = ctx.schema.tables.iter().find(|child| {
                child
                    .foreign_keys
                    .iter()
                    .any(|fk| fk.references == table.id)
                    && (singular(&child.name) == singular(stem)
                        || words(&child.name).last().map(|w| singular(w)) == Some(singular(stem)))
            });
            if let Some(child) = counted {
                sink.emit(
                    "NF114",
                    FindingTarget::of_columns(table.id, vec![column.id]),
                    format!(
                        "{}.{} counts rows of {}: a counter cache that can drift",
                        table.name, column.name, child.name
                    ),
                )
                .help(format!(
                    "Count {} when reading, or keep the counter with a trigger and suppress this with that reason.",
                    child.name
                ));
            }
        }
        for part in ["_year", "_month"] {
            if let Some(base) = lower.strip_suffix(part) {
                let date = find(&[
                    &format!("{base}_date"),
                    &format!("{base}_at"),
                    &format!("{base}_on"),
                ]);
                if let Some(date) = date.filter(|d| is_temporal(&d.data_type)) {
                    report(sink, column, vec![date], "part of the date");
                }
            }
        }
    }
}
