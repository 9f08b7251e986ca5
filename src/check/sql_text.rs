//! SQL the model holds as text (IN321): a type, default, check, computed column or index
//! expression must be one type or one expression, read with the tokens of the dialect it was
//! written in (or of each target); text that could end its clause is refused by the exporter,
//! and said here as an error before anyone exports.

use super::Context;
use super::sink::Sink;
use crate::export::ddl::verbatim::{self, Clause};
use crate::model::{DataType, Dialect, FindingTarget, IndexTarget, Table};

/// The dialects a table's text is read in: its own where it was imported, else the model's
/// targets, else PostgreSQL's (the most permissive reader of the four).
fn readers(ctx: &Context, table: &Table) -> Vec<Dialect> {
    if let Some(own) = table
        .columns
        .iter()
        .find_map(|c| c.native_type.as_ref().map(|n| n.dialect))
    {
        return vec![own];
    }
    if ctx.settings.dialects.is_empty() {
        vec![Dialect::Postgres]
    } else {
        ctx.settings.dialects.clone()
    }
}

pub(super) fn check_table(ctx: &Context, table: &Table, sink: &mut Sink) {
    let readers = readers(ctx, table);
    let mut texts: Vec<(FindingTarget, String, String, bool)> = Vec::new();
    for column in &table.columns {
        let at = FindingTarget {
            table: Some(table.id),
            columns: vec![column.id],
            ..FindingTarget::default()
        };
        let what = format!("{}.{}", table.name, column.name);
        if let DataType::Raw(text) = &column.data_type {
            texts.push((
                at.clone(),
                format!("the type of {what}"),
                text.clone(),
                false,
            ));
        }
        if let Some(native) = &column.native_type {
            texts.push((
                at.clone(),
                format!("the type of {what}"),
                native.spelling.clone(),
                false,
            ));
        }
        if let Some(default) = &column.default {
            texts.push((
                at.clone(),
                format!("the default of {what}"),
                default.clone(),
                true,
            ));
        }
        if let Some(generated) = &column.generated {
            texts.push((
                at,
                format!("the computed value of {what}"),
                generated.clone(),
                true,
            ));
        }
    }
    for check in &table.checks {
        let at = FindingTarget {
            table: Some(table.id),
            ..FindingTarget::default()
        };
        let what = format!("a check of {}", table.name);
        texts.push((at, what, check.expression.clone(), true));
    }
    for index in &table.indexes {
        let at = FindingTarget {
            table: Some(table.id),
            index: Some(index.id),
            ..FindingTarget::default()
        };
        let what = format!(
            "index {} of {}",
            index.name.as_deref().unwrap_or("(unnamed)"),
            table.name
        );
        for key in &index.keys {
            if let IndexTarget::Expression(sql) = &key.target {
                texts.push((at.clone(), format!("a key of {what}"), sql.clone(), true));
            }
        }
        if let Some(predicate) = &index.predicate {
            texts.push((at, format!("the WHERE of {what}"), predicate.clone(), true));
        }
    }
    for (at, what, text, is_expression) in texts {
        let refused = readers.iter().find_map(|&dialect| {
            let read = if is_expression {
                verbatim::expression(&text, dialect)
            } else {
                verbatim::clause(&text, dialect, Clause::Type)
            };
            read.err().map(|why| (dialect, why))
        });
        if let Some((dialect, why)) = refused {
            sink.emit(
                "IN321",
                at,
                format!("{what} is refused as {} SQL: {text:?}: {why}", dialect.product()),
            )
            .help("Write one type or one expression; the exporter leaves this out rather than run it.");
        }
    }
}
