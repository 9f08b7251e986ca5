//! Dialect portability, when the model names its target dialects: VARCHAR without a length
//! (DL501), types a target lacks (DL502), index features a target lacks (DL503). Each finding
//! says which targets it concerns.

use super::Context;
use super::sink::Sink;
use crate::model::{DataType, Dialect, FindingTarget, IndexMethod, IndexTarget, Table};

fn list(dialects: &[Dialect]) -> String {
    dialects
        .iter()
        .map(|d| d.product())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The targets among `affected`.
fn hit(ctx: &Context, affected: &[Dialect]) -> Vec<Dialect> {
    ctx.settings
        .dialects
        .iter()
        .copied()
        .filter(|d| affected.contains(d))
        .collect()
}

/// Targets that have no faithful equivalent of the type.
fn lacking(t: &DataType) -> &'static [Dialect] {
    use Dialect::*;
    match t {
        DataType::Array(_) => &[MySql, Sqlite, MsSql],
        DataType::Jsonb => &[MySql, MsSql],
        DataType::Json => &[MsSql],
        DataType::Uuid => &[MySql],
        DataType::Interval | DataType::TimeTz => &[MySql, MsSql],
        DataType::TimestampTz => &[MySql],
        _ => &[],
    }
}

pub(super) fn check_table(ctx: &Context, table: &Table, sink: &mut Sink) {
    if ctx.settings.dialects.is_empty() {
        return;
    }
    for column in &table.columns {
        let at = FindingTarget {
            table: Some(table.id),
            columns: vec![column.id],
            ..FindingTarget::default()
        };
        if column.data_type == DataType::Varchar(None) {
            let targets = hit(ctx, &[Dialect::MySql, Dialect::MsSql]);
            if !targets.is_empty() {
                sink.emit(
                    "DL501",
                    at.clone(),
                    format!(
                        "{}.{} is varchar without a length, which {} reads differently (or rejects)",
                        table.name,
                        column.name,
                        list(&targets)
                    ),
                )
                .help("Give it a length, e.g. varchar(255), or use text.");
            }
        }
        let element = match &column.data_type {
            DataType::Array(inner) if !lacking(&column.data_type).is_empty() => {
                Some(inner.as_ref())
            }
            _ => None,
        };
        let targets = hit(ctx, lacking(&column.data_type));
        if !targets.is_empty() {
            sink.emit(
                "DL502",
                at,
                format!(
                    "{}.{} is {}, which {} cannot store faithfully",
                    table.name,
                    column.name,
                    ctx.schema.type_name(column),
                    list(&targets)
                ),
            )
            .help(match element {
                Some(_) => "Use a child table with one row per element (or JSON where the target has it).".to_string(),
                None => "Pick a type every target has (e.g. timestamp in UTC, char(36) for uuid), or drop the target.".to_string(),
            });
        }
    }
    for index in &table.indexes {
        let at = FindingTarget {
            table: Some(table.id),
            index: Some(index.id),
            ..FindingTarget::default()
        };
        let mut problems: Vec<(String, Vec<Dialect>)> = Vec::new();
        if index.predicate.is_some() {
            problems.push((
                "a partial index (WHERE)".into(),
                hit(ctx, &[Dialect::MySql]),
            ));
        }
        if !index.include.is_empty() {
            problems.push((
                "INCLUDE columns".into(),
                hit(ctx, &[Dialect::MySql, Dialect::Sqlite]),
            ));
        }
        if index
            .keys
            .iter()
            .any(|k| matches!(k.target, IndexTarget::Expression(_)))
        {
            problems.push(("an expression key".into(), hit(ctx, &[Dialect::MsSql])));
        }
        let method_lacking: &[Dialect] = match index.method {
            IndexMethod::BTree => &[],
            IndexMethod::Gin | IndexMethod::Gist | IndexMethod::SpGist | IndexMethod::Brin => {
                &[Dialect::MySql, Dialect::Sqlite, Dialect::MsSql]
            }
            IndexMethod::Hash => &[Dialect::Sqlite, Dialect::MsSql],
            IndexMethod::FullText => &[Dialect::Postgres, Dialect::Sqlite, Dialect::MsSql],
            IndexMethod::Spatial => &[Dialect::Postgres, Dialect::Sqlite],
            IndexMethod::Other(_) => &[],
        };
        problems.push((
            format!("the {:?} method", index.method),
            hit(ctx, method_lacking),
        ));
        for (feature, targets) in problems.into_iter().filter(|(_, t)| !t.is_empty()) {
            sink.emit(
                "DL503",
                at.clone(),
                format!(
                    "index {} of {} uses {feature}, which {} lack",
                    index.name.as_deref().unwrap_or("(unnamed)"),
                    table.name,
                    list(&targets)
                ),
            )
            .help("The exporter leaves the feature out for those targets; index a generated column or accept a plain b-tree there.");
        }
    }
}
