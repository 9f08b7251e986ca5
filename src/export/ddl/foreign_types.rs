//! Types another dialect spelled that the model keeps verbatim (`inet`, `year`, `money`,
//! `hierarchyid`, a domain or user type): written for the target as the nearest type it has, or
//! as text, and said so. A script never names a type its server does not know.

use super::{Context, SqlDialect};
use crate::model::{Column, DataType, Dialect, Schema, Table};

/// The target's spelling of a type kept verbatim from the column's source dialect.
pub fn raw_type(
    dialect: &(impl SqlDialect + ?Sized),
    table: &Table,
    column: &Column,
    raw: &str,
    cx: &mut Context<'_>,
) -> String {
    let target = dialect.dialect();
    let Some(source) = column.native_type.as_ref().map(|n| n.dialect) else {
        // Typed by hand in the model: the architect's own words.
        return raw.to_string();
    };
    if source == target {
        return raw.to_string();
    }
    let object = super::column_label(table, column);
    // A domain or user type of the model's own: its base type.
    if let Some(base) = base_of_user_type(cx.schema, raw) {
        let data_type = match DataType::parse(&base, |n| cx.schema.enum_named(n)) {
            // T-SQL's bit is its boolean.
            Ok(DataType::Raw(name)) if source == Dialect::MsSql && type_name(&name) == "bit" => {
                DataType::Boolean
            }
            Ok(data_type) => data_type,
            Err(_) => DataType::Text,
        };
        let based = Column {
            data_type,
            native_type: None,
            ..column.clone()
        };
        let written = dialect.portable_type(table, &based, cx);
        cx.lose(
            object,
            format!(
                "{raw} is a type of {}; written as its base type {written}",
                source.product()
            ),
        );
        return written;
    }
    let name = type_name(raw);
    let args = raw.find('(').map(|at| &raw[at..]).unwrap_or("");
    let kept = |name: &str| Some(format!("{name}{args}"));
    let nearest: Option<String> = match (name.as_str(), target) {
        ("bit", Dialect::Postgres) if source == Dialect::MsSql && args.is_empty() => {
            Some("boolean".into())
        }
        ("bit", Dialect::MySql) if source == Dialect::MsSql && args.is_empty() => {
            Some("tinyint(1)".into())
        }
        ("inet" | "cidr" | "macaddr" | "macaddr8", Dialect::Postgres) => kept(&name),
        ("inet" | "cidr", _) => Some("varchar(43)".into()),
        ("macaddr" | "macaddr8", _) => Some("varchar(23)".into()),
        (
            "geometry" | "point" | "linestring" | "polygon" | "multipoint" | "multilinestring"
            | "multipolygon" | "geometrycollection",
            Dialect::MySql,
        ) => kept(&name),
        ("geometry" | "geography", Dialect::MsSql) => kept(&name),
        ("year", _) => Some("smallint".into()),
        ("money", Dialect::MsSql) | ("smallmoney", Dialect::MsSql) => kept(&name),
        ("money", _) => Some("numeric(19,4)".into()),
        ("smallmoney", _) => Some("numeric(10,4)".into()),
        ("sysname", _) => Some("varchar(128)".into()),
        ("xml", Dialect::Postgres | Dialect::MsSql) => kept(&name),
        ("binary" | "varbinary", Dialect::MySql | Dialect::MsSql) => kept(&name),
        ("binary" | "varbinary" | "bytea" | "image", Dialect::Postgres) => Some("bytea".into()),
        ("binary" | "varbinary" | "bytea" | "image", _) => Some("blob".into()),
        ("bit", Dialect::Postgres | Dialect::MySql) => kept(&name),
        ("bit", _) => Some("integer".into()),
        ("citext", _) => Some("text".into()),
        _ => None,
    };
    // InnoDB keys need a length: a key column gets the longest VARCHAR a key takes.
    let in_key = table
        .primary_key
        .as_ref()
        .is_some_and(|pk| pk.columns.contains(&column.id))
        || table
            .foreign_keys
            .iter()
            .any(|fk| fk.columns.contains(&column.id))
        || table.uniques.iter().any(|u| u.columns.contains(&column.id))
        || table.indexes.iter().any(|i| {
            i.keys
                .iter()
                .any(|k| k.target == crate::model::IndexTarget::Column(column.id))
        });
    let text = match target {
        Dialect::MySql if in_key => "varchar(255)",
        Dialect::MySql => "longtext",
        Dialect::MsSql => "nvarchar(max)",
        _ => "text",
    };
    match nearest {
        Some(written) if written == raw => written,
        Some(written) => {
            cx.lose(
                object,
                format!(
                    "{raw} is not a {} type; written as {written}",
                    target.product()
                ),
            );
            written
        }
        None => {
            cx.lose(
                object,
                format!(
                    "{raw} ({}) has no {} equivalent; written as {text}",
                    source.product(),
                    target.product()
                ),
            );
            text.to_string()
        }
    }
}

/// `public."NameStyle"`, `[dbo].[Name]`, `varbinary(16)` → `namestyle`, `name`, `varbinary`.
fn type_name(raw: &str) -> String {
    let name = raw.split('(').next().unwrap_or(raw).trim();
    let last = name.rsplit('.').next().unwrap_or(name);
    last.trim_matches(['"', '`', '[', ']'])
        .trim()
        .to_ascii_lowercase()
}

/// The base type of a domain (`CREATE DOMAIN d AS varchar(50) …`) or of a T-SQL alias type
/// (`CREATE TYPE [dbo].[Name] FROM nvarchar(50) NULL`) kept verbatim in the model.
fn base_of_user_type(schema: &Schema, raw: &str) -> Option<String> {
    let wanted = type_name(raw);
    let object = schema
        .verbatim
        .iter()
        .find(|o| matches!(o.kind.as_str(), "domain" | "type") && type_name(&o.name) == wanted)?;
    let words: Vec<&str> = object.sql.split_whitespace().collect();
    let kind = if object.kind == "domain" {
        "DOMAIN"
    } else {
        "TYPE"
    };
    let after_name = words.iter().position(|w| w.eq_ignore_ascii_case(kind))? + 2;
    let mut rest = words.get(after_name..)?.iter().peekable();
    if rest
        .peek()
        .is_some_and(|w| w.eq_ignore_ascii_case("AS") || w.eq_ignore_ascii_case("FROM"))
    {
        rest.next();
    } else if kind == "TYPE" {
        // `CREATE TYPE t AS ENUM`, composite types…: not an alias of one type.
        return None;
    }
    const ENDS: &[&str] = &["CONSTRAINT", "CHECK", "DEFAULT", "NOT", "NULL", "COLLATE"];
    let base: Vec<&str> = rest
        .take_while(|w| !ENDS.iter().any(|e| w.eq_ignore_ascii_case(e)))
        .copied()
        .collect();
    let base = base.join(" ");
    let base = base.trim_end_matches(';').trim();
    (!base.is_empty()).then(|| {
        base.trim_matches(['[', ']'])
            .replace("](", "(")
            .replace(['[', ']'], "")
    })
}
