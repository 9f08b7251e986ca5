//! DBML, the language of dbdiagram.io: `schemaboard export model.ron --format dbml`.
//!
//! Tables with column settings, indexes, refs with their actions, enums, notes and TableGroups.
//! Names that are not plain words are double-quoted; notes are single-quoted with quotes and
//! backslashes escaped, so any text stays text.

use crate::model::{
    Column, DataType, Index, IndexTarget, ReferentialAction, Schema, SortOrder, Table,
};
use std::fmt::Write;

/// The model as DBML.
pub fn to_dbml(schema: &Schema) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Project {} {{", name(&schema.name));
    if !schema.comment.is_empty() {
        let _ = writeln!(out, "  Note: {}", note(&schema.comment));
    }
    out.push_str("}\n");
    for enum_type in &schema.enums {
        let _ = writeln!(
            out,
            "\nEnum {} {{",
            qualified(enum_type.schema.as_deref(), &enum_type.name)
        );
        for value in &enum_type.values {
            let _ = writeln!(out, "  {}", name(value));
        }
        out.push_str("}\n");
    }
    for table in &schema.tables {
        table_dbml(schema, table, &mut out);
    }
    for table in &schema.tables {
        for fk in &table.foreign_keys {
            let Some(target) = schema.table(fk.references) else {
                continue;
            };
            let columns = |t: &Table, ids: &[crate::model::ColumnId]| {
                let names: Vec<String> = ids
                    .iter()
                    .filter_map(|id| t.column(*id).map(|c| name(&c.name)))
                    .collect();
                if names.len() == 1 {
                    names[0].clone()
                } else {
                    format!("({})", names.join(", "))
                }
            };
            let mut settings = Vec::new();
            if fk.on_delete != ReferentialAction::NoAction {
                settings.push(format!("delete: {}", action(fk.on_delete)));
            }
            if fk.on_update != ReferentialAction::NoAction {
                settings.push(format!("update: {}", action(fk.on_update)));
            }
            let label = fk
                .name
                .as_deref()
                .map(|n| format!(" {}", name(n)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "\nRef{label}: {}.{} > {}.{}{}",
                qualified(table.schema.as_deref(), &table.name),
                columns(table, &fk.columns),
                qualified(target.schema.as_deref(), &target.name),
                columns(target, &fk.referenced_columns),
                if settings.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", settings.join(", "))
                }
            );
        }
    }
    views_dbml(schema, &mut out);
    for group in &schema.groups {
        let members: Vec<&Table> = schema
            .tables
            .iter()
            .filter(|t| t.group == Some(group.id))
            .collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "\nTableGroup {} [color: {}] {{",
            name(&group.name),
            group.color
        );
        for table in members {
            let _ = writeln!(out, "  {}", qualified(table.schema.as_deref(), &table.name));
        }
        out.push_str("}\n");
    }
    out
}

fn table_dbml(schema: &Schema, table: &Table, out: &mut String) {
    let mut settings = Vec::new();
    if let Some(color) = table
        .color
        .or_else(|| table.group.and_then(|g| schema.group(g)).map(|g| g.color))
    {
        settings.push(format!("headercolor: {color}"));
    }
    let _ = writeln!(
        out,
        "\nTable {}{} {{",
        qualified(table.schema.as_deref(), &table.name),
        if settings.is_empty() {
            String::new()
        } else {
            format!(" [{}]", settings.join(", "))
        }
    );
    let single_pk = table
        .primary_key
        .as_ref()
        .filter(|pk| pk.columns.len() == 1);
    for column in &table.columns {
        let _ = writeln!(
            out,
            "  {}",
            column_dbml(
                schema,
                table,
                column,
                single_pk.is_some_and(|pk| pk.columns[0] == column.id)
            )
        );
    }
    let composite_pk = table.primary_key.as_ref().filter(|pk| pk.columns.len() > 1);
    let composite_uniques: Vec<_> = table
        .uniques
        .iter()
        .filter(|u| u.columns.len() > 1)
        .collect();
    if composite_pk.is_some() || !composite_uniques.is_empty() || !table.indexes.is_empty() {
        out.push_str("\n  Indexes {\n");
        if let Some(pk) = composite_pk {
            let _ = writeln!(out, "    ({}) [pk]", column_names(table, &pk.columns));
        }
        for unique in composite_uniques {
            let mut settings = vec!["unique".to_string()];
            if let Some(n) = &unique.name {
                settings.push(format!("name: {}", note(n)));
            }
            let _ = writeln!(
                out,
                "    ({}) [{}]",
                column_names(table, &unique.columns),
                settings.join(", ")
            );
        }
        for index in &table.indexes {
            let _ = writeln!(out, "    {}", index_dbml(table, index));
        }
        out.push_str("  }\n");
    }
    if !table.comment.is_empty() {
        let _ = writeln!(out, "\n  Note: {}", note(&table.comment));
    }
    out.push_str("}\n");
}

fn column_dbml(schema: &Schema, table: &Table, column: &Column, primary_key: bool) -> String {
    let mut settings = Vec::new();
    if primary_key {
        settings.push("pk".to_string());
    }
    if column.identity.is_some() {
        settings.push("increment".to_string());
    }
    if !column.nullable && !primary_key {
        settings.push("not null".to_string());
    }
    if table.uniques.iter().any(|u| u.columns == [column.id]) {
        settings.push("unique".to_string());
    }
    if let Some(default) = &column.default {
        settings.push(format!("default: {}", default_value(default)));
    }
    if !column.comment.is_empty() {
        settings.push(format!("note: {}", note(&column.comment)));
    }
    format!(
        "{} {}{}",
        name(&column.name),
        type_name(schema, &column.data_type),
        if settings.is_empty() {
            String::new()
        } else {
            format!(" [{}]", settings.join(", "))
        }
    )
}

fn index_dbml(table: &Table, index: &Index) -> String {
    let keys: Vec<String> = index
        .keys
        .iter()
        .map(|key| match &key.target {
            IndexTarget::Column(id) => table.column(*id).map(|c| name(&c.name)).unwrap_or_default(),
            IndexTarget::Expression(sql) => format!("`{}`", sql.replace('`', "'")),
        })
        .collect();
    let mut settings = Vec::new();
    if index.unique {
        settings.push("unique".to_string());
    }
    if let Some(n) = &index.name {
        settings.push(format!("name: {}", note(n)));
    }
    match index.method {
        crate::model::IndexMethod::Hash => settings.push("type: hash".to_string()),
        crate::model::IndexMethod::BTree => {}
        _ => {}
    }
    let descending = index.keys.iter().any(|k| k.order == SortOrder::Desc);
    if descending || index.predicate.is_some() || !index.comment.is_empty() {
        // DBML has no DESC or WHERE on index keys; keep them readable in the index's note.
        let mut parts = Vec::new();
        if !index.comment.is_empty() {
            parts.push(index.comment.clone());
        }
        if descending {
            parts.push("descending keys".to_string());
        }
        if let Some(predicate) = &index.predicate {
            parts.push(format!("where {predicate}"));
        }
        settings.push(format!("note: {}", note(&parts.join("; "))));
    }
    let keys = if keys.len() == 1 {
        keys[0].clone()
    } else {
        format!("({})", keys.join(", "))
    };
    if settings.is_empty() {
        keys
    } else {
        format!("{keys} [{}]", settings.join(", "))
    }
}

fn column_names(table: &Table, ids: &[crate::model::ColumnId]) -> String {
    ids.iter()
        .filter_map(|id| table.column(*id).map(|c| name(&c.name)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn type_name(schema: &Schema, data_type: &DataType) -> String {
    let text = match data_type {
        DataType::Enum(id) => match schema.enum_type(*id) {
            Some(e) => return qualified(e.schema.as_deref(), &e.name),
            None => "text".to_string(),
        },
        other => {
            let enum_name = |id| schema.enum_type(id).map(|e| e.name.clone());
            other.display_with(&enum_name).to_string()
        }
    };
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '(' | ')' | ','));
    if plain {
        text
    } else {
        format!("\"{}\"", text.replace('"', "'"))
    }
}

fn default_value(expression: &str) -> String {
    let trimmed = expression.trim();
    let number = trimmed.parse::<f64>().is_ok();
    let keyword = matches!(
        trimmed.to_ascii_lowercase().as_str(),
        "true" | "false" | "null"
    );
    let literal = trimmed.len() >= 2
        && trimmed.starts_with('\'')
        && trimmed.ends_with('\'')
        && !trimmed[1..trimmed.len() - 1].contains('\'');
    if literal && trimmed.chars().any(char::is_control) {
        // A string of several lines: DBML's own escapes keep it on one.
        return note(&trimmed[1..trimmed.len() - 1]);
    }
    if number || keyword || literal {
        trimmed.to_string()
    } else {
        // An expression is SQL, where a line break is a space: a backtick setting is one line.
        let one_line: String = trimmed
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        format!("`{}`", one_line.replace('`', "'"))
    }
}

fn action(action: ReferentialAction) -> &'static str {
    match action {
        ReferentialAction::NoAction => "no action",
        ReferentialAction::Restrict => "restrict",
        ReferentialAction::Cascade => "cascade",
        ReferentialAction::SetNull => "set null",
        ReferentialAction::SetDefault => "set default",
    }
}

/// DBML has no views: each is a sticky note beside the tables, saying what it reads, its
/// columns and the SQL that makes it.
fn views_dbml(schema: &Schema, out: &mut String) {
    for (at, object) in schema.verbatim.iter().enumerate() {
        let Some(shape) = crate::check::view_shape::view_shape(schema, object) else {
            continue;
        };
        // The note's text, each piece escaped for the quotes it is written in.
        let mut text = escaped(&object.kind, '\'');
        text.push(' ');
        text.push_str(&escaped(&object.name, '\''));
        text.push_str(&escaped(&format!(" ({})", object.dialect.product()), '\''));
        let reads: Vec<String> = shape
            .reads
            .iter()
            .filter_map(|t| schema.table(*t))
            .map(|t| escaped(&t.qualified_name(), '\''))
            .collect();
        if !reads.is_empty() {
            text.push_str(", reads ");
            text.push_str(&reads.join(", "));
        }
        if !shape.columns.is_empty() {
            let columns: Vec<String> = shape
                .columns
                .iter()
                .map(|c| escaped(&c.name, '\''))
                .collect();
            text.push_str("\\ncolumns: ");
            text.push_str(&columns.join(", "));
        }
        text.push_str("\\n\\n");
        text.push_str(&escaped(&object.sql, '\''));
        let _ = writeln!(out, "\nNote {} {{\n  '{text}'\n}}", note_id(object, at));
    }
}

/// A sticky note's name for the `at`th object kept as SQL: letters, digits and `_` only.
fn note_id(object: &crate::model::VerbatimSql, at: usize) -> String {
    let mut id: String = ["view_", object.name.as_str()]
        .concat()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    id.push('_');
    id.push_str(&at.to_string());
    id
}

/// A name, double-quoted unless it is a plain word.
fn name(text: &str) -> String {
    let plain = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", escaped(text, '"'))
    }
}

/// `text` inside `quote`s: backslashes and the quote escaped, line breaks, tabs and other control
/// characters as `\n`, `\t`, `\uXXXX` (which `@dbml/core` and our importer read back).
fn escaped(text: &str, quote: char) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

fn qualified(schema: Option<&str>, table: &str) -> String {
    match schema {
        Some(schema) => format!("{}.{}", name(schema), name(table)),
        None => name(table),
    }
}

/// A note or string setting: single-quoted, quotes and backslashes escaped, on one line.
fn note(text: &str) -> String {
    format!("'{}'", escaped(text, '\''))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SchemaBuilder;

    #[test]
    fn tables_refs_enums_groups_and_notes() {
        let mut b = SchemaBuilder::new("Shop");
        let g = b.group("Sales", "#2563eb", "");
        b.enum_type("status", &["open", "paid"], "");
        b.table("customers", (0.0, 0.0), |t| {
            t.group(g).comment("It's who buys");
            t.column("id", "bigint").pk().identity();
            t.column("e mail", "varchar(320)")
                .not_null()
                .unique()
                .comment("Sign-in");
        });
        b.table("orders", (0.0, 0.0), |t| {
            t.group(g);
            t.column("id", "bigint").pk();
            t.column("customer_id", "bigint")
                .references("customers", "id")
                .on_delete(ReferentialAction::Cascade);
            t.column("status", "status").not_null().default("'open'");
            t.column("placed", "timestamptz").default("now()");
            t.index(&["customer_id", "status"]);
        });
        let dbml = to_dbml(&b.build().unwrap());
        assert!(dbml.contains("Enum status {\n  open\n  paid\n}"), "{dbml}");
        assert!(dbml.contains("Table customers [headercolor: #2563eb] {\n  id bigint [pk, increment]\n  \"e mail\" varchar(320) [not null, unique, note: 'Sign-in']"), "{dbml}");
        assert!(dbml.contains("  Note: 'It\\'s who buys'"), "{dbml}");
        assert!(
            dbml.contains("  status status [not null, default: 'open']"),
            "{dbml}"
        );
        assert!(
            dbml.contains("  placed timestamptz [default: `now()`]"),
            "{dbml}"
        );
        assert!(
            dbml.contains("    (customer_id, status) [name: 'orders_customer_id_status_idx']"),
            "{dbml}"
        );
        assert!(
            dbml.contains("Ref: orders.customer_id > customers.id [delete: cascade]"),
            "{dbml}"
        );
        assert!(
            dbml.contains("TableGroup Sales [color: #2563eb] {\n  customers\n  orders\n}"),
            "{dbml}"
        );
    }

    #[test]
    fn a_view_is_a_sticky_note_with_what_it_reads_its_columns_and_sql() {
        let mut b = SchemaBuilder::new("m");
        b.table("orders", (0.0, 0.0), |t| {
            t.column("id", "bigint").pk();
        });
        let mut schema = b.build().unwrap();
        schema.verbatim.push(crate::model::VerbatimSql {
            kind: "view".into(),
            name: "recent".into(),
            dialect: crate::model::Dialect::Postgres,
            sql: "CREATE VIEW recent AS SELECT id FROM orders WHERE id > 'it''s'".into(),
        });
        let dbml = to_dbml(&schema);
        assert!(
            dbml.contains("Note view_recent_0 {\n  'view recent (PostgreSQL), reads orders\\ncolumns: id\\n\\nCREATE VIEW recent AS SELECT id FROM orders WHERE id > \\'it\\'\\'s\\''\n}"),
            "{dbml}"
        );
    }
}
