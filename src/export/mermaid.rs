//! Mermaid `erDiagram` for documentation: `schemaboard export model.ron --format mermaid`.
//!
//! Entities are named by safe identifiers with the real name as an alias in quotes; attribute
//! types have no spaces or commas; each foreign key is a relationship whose cardinality comes
//! from the model (nullable key: zero or one parent; unique key: one to one), identifying
//! (`--`) when the key is part of the child's primary key.

use crate::model::{ForeignKey, Schema, Table};
use std::fmt::Write;

/// The model as a Mermaid entity-relationship diagram.
pub fn to_mermaid(schema: &Schema) -> String {
    let mut out = String::from("erDiagram\n");
    for table in &schema.tables {
        let _ = writeln!(
            out,
            "    {}[\"{}\"] {{",
            entity(table),
            label(&table.qualified_name())
        );
        for column in &table.columns {
            let mut keys = Vec::new();
            if table.is_primary_key_column(column.id) {
                keys.push("PK");
            }
            if table.is_foreign_key_column(column.id) {
                keys.push("FK");
            }
            if table.is_unique_column(column.id) {
                keys.push("UK");
            }
            // Mermaid has no enum types: a column of one says its values.
            let values = match column.data_type {
                crate::model::DataType::Enum(id) => schema
                    .enum_type(id)
                    .map(|e| format!("one of {}", e.values.join(", "))),
                _ => None,
            };
            let said: Vec<&str> = [Some(column.comment.as_str()), values.as_deref()]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect();
            let comment = if said.is_empty() {
                String::new()
            } else {
                format!(" \"{}\"", label(&said.join("; ")))
            };
            let _ = writeln!(
                out,
                "        {} {}{}{}",
                attribute_type(&schema.type_name(column)),
                identifier(&column.name),
                if keys.is_empty() {
                    String::new()
                } else {
                    format!(" {}", keys.join(", "))
                },
                comment
            );
        }
        out.push_str("    }\n");
    }
    let views: Vec<(
        String,
        crate::check::view_shape::ViewShape,
        &crate::model::VerbatimSql,
    )> = schema
        .verbatim
        .iter()
        .enumerate()
        .filter_map(|(at, object)| {
            let shape = crate::check::view_shape::view_shape(schema, object)?;
            Some((format!("{}_v{at}", identifier(&object.name)), shape, object))
        })
        .collect();
    for (id, shape, object) in &views {
        let _ = writeln!(
            out,
            "    {id}[\"{}\"] {{",
            label(&format!("{} {}", object.kind, object.name))
        );
        for column in &shape.columns {
            let type_name = column
                .source
                .and_then(|(t, c)| schema.table(t)?.column(c))
                .map_or_else(|| "expression".to_string(), |c| schema.type_name(c));
            let _ = writeln!(
                out,
                "        {} {}",
                attribute_type(&type_name),
                identifier(&column.name)
            );
        }
        out.push_str("    }\n");
    }
    for table in &schema.tables {
        for fk in &table.foreign_keys {
            if let Some(parent) = schema.table(fk.references) {
                let _ = writeln!(out, "    {}", relationship(table, parent, fk));
            }
        }
    }
    // A view reads its tables: a dashed line, not a key.
    for (id, shape, _) in &views {
        for table in shape.reads.iter().filter_map(|t| schema.table(*t)) {
            let _ = writeln!(out, "    {id} }}o..o{{ {} : \"reads\"", entity(table));
        }
    }
    out
}

fn relationship(child: &Table, parent: &Table, fk: &ForeignKey) -> String {
    let nullable = fk
        .columns
        .iter()
        .any(|id| child.column(*id).is_none_or(|c| c.nullable));
    let unique = child.primary_key.as_ref().is_some_and(|pk| {
        pk.columns.len() == fk.columns.len() && fk.columns.iter().all(|c| pk.columns.contains(c))
    }) || child.uniques.iter().any(|u| {
        u.columns.len() == fk.columns.len() && fk.columns.iter().all(|c| u.columns.contains(c))
    });
    let identifying = child
        .primary_key
        .as_ref()
        .is_some_and(|pk| fk.columns.iter().all(|c| pk.columns.contains(c)));
    let parent_end = if nullable { "|o" } else { "||" };
    let child_end = if unique { "o|" } else { "o{" };
    let line = if identifying { "--" } else { ".." };
    let columns: Vec<&str> = fk
        .columns
        .iter()
        .filter_map(|id| child.column(*id).map(|c| c.name.as_str()))
        .collect();
    format!(
        "{} {parent_end}{line}{child_end} {} : \"{}\"",
        entity(parent),
        entity(child),
        label(&columns.join(", "))
    )
}

/// A table's entity identifier: letters, digits and underscores only, unique by the table's id.
fn entity(table: &Table) -> String {
    format!("{}_{}", identifier(&table.qualified_name()), table.id.0)
}

fn identifier(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// A type as Mermaid's grammar takes it: a word starting with a letter or `_`, then letters,
/// digits and `_-()[]`. Brackets that quote a name (`[dbo].[Name]`) go; `integer[]` keeps its.
fn attribute_type(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            let quoting_open = c == '[' && chars.get(i + 1).is_some_and(|n| *n != ']');
            let quoting_close = c == ']' && i > 0 && chars[i - 1] != '[';
            !(quoting_open || quoting_close)
        })
        .map(|(_, &c)| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '(' | ')' | '[' | ']') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

/// Text inside Mermaid's double quotes: no double quotes, no line breaks or other control
/// characters, and `#`, `;`, `%` and `\` (which Mermaid's grammar trips on even inside quotes)
/// and `<`, `>`, `&` (which its HTML labels would read as markup) as the entity codes Mermaid
/// draws back as those characters.
fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push('\''),
            '#' => out.push_str("#35;"),
            ';' => out.push_str("#59;"),
            '%' => out.push_str("#37;"),
            '\\' => out.push_str("#92;"),
            // Mermaid renders labels as HTML: no markup may come from a name.
            '<' => out.push_str("#60;"),
            '>' => out.push_str("#62;"),
            '&' => out.push_str("#38;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SchemaBuilder;

    #[test]
    fn labels_keep_their_quotes_closed_and_their_lines_whole() {
        assert_eq!(label("a\"b;c#d\ne\u{0}%\\"), "a'b#59;c#35;d e #37;#92;");
        assert_eq!(
            label("<img src=x onerror=alert(1)>&"),
            "#60;img src=x onerror=alert(1)#62;#38;"
        );
    }

    #[test]
    fn types_are_words_mermaid_reads() {
        assert_eq!(attribute_type("[dbo].[Name]"), "dbo_Name");
        assert_eq!(attribute_type("integer[]"), "integer[]");
        assert_eq!(attribute_type("numeric(12,2)"), "numeric(12_2)");
        assert_eq!(attribute_type("double precision"), "double_precision");
        assert_eq!(attribute_type("2d"), "_2d");
        assert_eq!(attribute_type(""), "_");
    }

    #[test]
    fn entities_attributes_and_cardinalities() {
        let mut b = SchemaBuilder::new("m");
        b.table("customers", (0.0, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("email", "varchar(320)")
                .not_null()
                .unique()
                .comment("Sign-in \"name\"");
        });
        b.table("orders", (0.0, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("customer_id", "bigint")
                .not_null()
                .references("customers", "id");
            t.column("total", "numeric(12,2)");
        });
        b.table("profiles", (0.0, 0.0), |t| {
            t.column("customer_id", "bigint")
                .pk()
                .references("customers", "id");
        });
        let text = to_mermaid(&b.build().unwrap());
        assert!(
            text.starts_with("erDiagram\n    customers_1[\"customers\"] {\n        bigint id PK\n"),
            "{text}"
        );
        assert!(
            text.contains("        varchar(320) email UK \"Sign-in 'name'\""),
            "{text}"
        );
        assert!(text.contains("        numeric(12_2) total"), "{text}");
        assert!(
            text.contains("    customers_1 ||..o{ orders_"),
            "mandatory parent, many orders: {text}"
        );
        assert!(
            text.contains("    customers_1 ||--o| profiles_"),
            "one to one, identifying: {text}"
        );
    }

    #[test]
    fn a_view_is_an_entity_with_its_columns_and_dashed_lines_to_what_it_reads() {
        let mut b = SchemaBuilder::new("m");
        b.enum_type("status", &["open", "paid"], "");
        b.table("orders", (0.0, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("status", "status").comment("Where it is");
        });
        let mut schema = b.build().unwrap();
        schema.verbatim.push(crate::model::VerbatimSql {
            kind: "view".into(),
            name: "open <orders>".into(),
            dialect: crate::model::Dialect::Postgres,
            sql: "CREATE VIEW \"open <orders>\" AS SELECT id, upper(status::text) AS s FROM orders"
                .into(),
        });
        let mmd = to_mermaid(&schema);
        assert!(
            mmd.contains("status status \"Where it is#59; one of open, paid\""),
            "{mmd}"
        );
        assert!(
            mmd.contains("    open__orders__v0[\"view open #60;orders#62;\"] {\n        bigint id\n        expression s\n    }"),
            "{mmd}"
        );
        let orders = schema.tables[0].id.0;
        assert!(
            mmd.contains(&format!(
                "    open__orders__v0 }}o..o{{ orders_{orders} : \"reads\""
            )),
            "{mmd}"
        );
    }
}
