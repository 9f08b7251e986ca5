//! Graphviz DOT (`schemaboard export model.ron --format dot`): one node per table with an
//! HTML-like label listing its columns with key markers and types, one edge per foreign key
//! from the referencing column's row (east side) to the referenced column's row (west side), with crow's-foot ends
//! from the model (nullable: zero or one parent; unique: one to one). Names are escaped; node
//! and port ids are the model's ids, so any name is safe.

use crate::export::escape::push_xml;
use crate::model::{ForeignKey, Schema, Table};
use crate::scene::palette::Palette;
use std::fmt::Write;

/// The model as a DOT digraph.
pub fn to_dot(schema: &Schema) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", quoted(&schema.name));
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, nodesep=0.4, ranksep=1.0, fontname=\"Helvetica\"];\n  \
         node [shape=plaintext, fontname=\"Helvetica\", fontsize=11];\n  \
         edge [dir=both, color=\"#646e7d\"];"
    );
    for table in &schema.tables {
        node(&mut out, schema, table);
    }
    for table in &schema.tables {
        for fk in &table.foreign_keys {
            edge(&mut out, table, fk);
        }
    }
    out.push_str("}\n");
    out
}

/// `text` in an HTML-like label: escaped as XML, and a line break as a space, which Graphviz
/// would otherwise drop, joining the words around it.
fn label_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_xml(&mut out, if c.is_control() { ' ' } else { c });
    }
    out
}

/// `text` inside DOT's double quotes: backslashes and quotes escaped, control characters as
/// spaces (a line break would end the statement for a human reader, a NUL ends it for Graphviz).
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn node(out: &mut String, schema: &Schema, table: &Table) {
    let color = table
        .color
        .or_else(|| table.group.and_then(|g| schema.group(g)).map(|g| g.color))
        .unwrap_or(Palette::LIGHT.header);
    let header_text = Palette::LIGHT.header_text;
    let _ = write!(
        out,
        "  t{} [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\">\
         <TR><TD COLSPAN=\"2\" BGCOLOR=\"{color}\"><FONT COLOR=\"{header_text}\"><B>{}</B></FONT></TD></TR>",
        table.id,
        label_text(&table.qualified_name())
    );
    for column in &table.columns {
        let id = column.id;
        let mut keys = Vec::new();
        if table.is_primary_key_column(column.id) {
            keys.push("PK");
        }
        if table.is_foreign_key_column(column.id) {
            keys.push("FK");
        }
        let name = if column.nullable {
            label_text(&column.name)
        } else {
            format!("<B>{}</B>", label_text(&column.name))
        };
        let _ = write!(
            out,
            "<TR><TD PORT=\"w{id}\" ALIGN=\"LEFT\">{}{name}</TD><TD PORT=\"e{id}\" ALIGN=\"RIGHT\"><FONT COLOR=\"#6e7682\">{}</FONT></TD></TR>",
            if keys.is_empty() {
                String::new()
            } else {
                format!("<FONT COLOR=\"#ca8a04\">{}</FONT> ", keys.join(","))
            },
            label_text(&schema.type_name(column))
        );
    }
    let _ = writeln!(out, "</TABLE>>];");
}

fn edge(out: &mut String, table: &Table, fk: &ForeignKey) {
    let nullable = fk
        .columns
        .iter()
        .any(|c| table.column(*c).is_none_or(|c| c.nullable));
    let unique = table.is_unique_column(fk.columns[0]) && fk.columns.len() == 1
        || table
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.columns == fk.columns);
    // Tail at the child (many or one, always optional), head at the parent (one, or zero or one).
    let tail = if unique { "teeodot" } else { "crowodot" };
    let head = if nullable { "teeodot" } else { "teetee" };
    let (Some(from), Some(to)) = (fk.columns.first(), fk.referenced_columns.first()) else {
        return;
    };
    let _ = writeln!(
        out,
        "  t{}:e{}:e -> t{}:w{}:w [arrowtail={tail}, arrowhead={head}];",
        table.id, from, fk.references, to
    );
}
