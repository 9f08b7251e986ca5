//! A table's indexes in the inspector, each edited in full: name (the server's default shown
//! where it has none), unique, access method, key items with their order and nulls order or
//! expressions, INCLUDE columns and the predicate of a partial index. Every change is one
//! undoable edit; text that does not read as what it stands for is refused with the reason.

use super::*;
use crate::model::{Index, IndexKey, IndexMethod, IndexTarget, NullsOrder, SortOrder};

/// The methods offered, with what the menu says.
const METHODS: [(IndexMethod, &str); 8] = [
    (IndexMethod::BTree, "B-tree"),
    (IndexMethod::Hash, "hash"),
    (IndexMethod::Gin, "GIN"),
    (IndexMethod::Gist, "GiST"),
    (IndexMethod::SpGist, "SP-GiST"),
    (IndexMethod::Brin, "BRIN"),
    (IndexMethod::FullText, "FULLTEXT"),
    (IndexMethod::Spatial, "SPATIAL"),
];

fn method_label(method: &IndexMethod) -> String {
    METHODS
        .iter()
        .find(|(m, _)| m == method)
        .map_or_else(|| format!("{method:?}"), |(_, label)| label.to_string())
}

/// The key items as typed: `a DESC NULLS LAST, lower(email)`.
pub(super) fn keys_text(table: &Table, keys: &[IndexKey]) -> String {
    keys.iter()
        .map(|key| {
            let mut item = match &key.target {
                IndexTarget::Column(c) => table.column(*c).map_or("?", |c| c.name.as_str()).into(),
                IndexTarget::Expression(e) => e.clone(),
            };
            if key.order == SortOrder::Desc {
                item.push_str(" DESC");
            }
            match key.nulls {
                Some(NullsOrder::First) => item.push_str(" NULLS FIRST"),
                Some(NullsOrder::Last) => item.push_str(" NULLS LAST"),
                None => {}
            }
            item
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Splits at the commas that are not inside parentheses or quotes.
fn items(text: &str) -> Vec<&str> {
    let (mut depth, mut quote, mut start, mut out) = (0i32, None, 0, Vec::new());
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, ',') if depth == 0 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// `text` read back into key items of `table`: a column's name, or an expression, each with an
/// optional `ASC`/`DESC` and `NULLS FIRST`/`NULLS LAST`; or why it does not read.
pub(super) fn parse_keys(
    schema: &Schema,
    table: &Table,
    text: &str,
) -> Result<Vec<IndexKey>, String> {
    let mut keys = Vec::new();
    for item in items(text) {
        let mut rest = item.trim();
        let mut strip = |word: &str| {
            let ends = rest.len() >= word.len()
                && rest[rest.len() - word.len()..].eq_ignore_ascii_case(word)
                && rest[..rest.len() - word.len()].ends_with(char::is_whitespace);
            if ends {
                rest = rest[..rest.len() - word.len()].trim_end();
            }
            ends
        };
        let nulls = if strip("NULLS FIRST") {
            Some(NullsOrder::First)
        } else if strip("NULLS LAST") {
            Some(NullsOrder::Last)
        } else {
            None
        };
        let order = if strip("DESC") {
            SortOrder::Desc
        } else {
            strip("ASC");
            SortOrder::Asc
        };
        if rest.is_empty() {
            return Err("Name a column or write an expression for each key.".to_string());
        }
        let target = match table.columns.iter().find(|c| c.name == rest) {
            Some(column) => IndexTarget::Column(column.id),
            None => {
                let expression = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')'));
                let expression = expression.unwrap_or(rest).trim();
                if let Some(why) = super::constraints::unreadable_expression(schema, expression) {
                    return Err(format!("{rest}: no such column, and {why}"));
                }
                IndexTarget::Expression(expression.to_string())
            }
        };
        keys.push(IndexKey {
            target,
            order,
            nulls,
            opclass: None,
            prefix: None,
        });
    }
    Ok(keys)
}

/// `text` as INCLUDE columns of `table` (`a, b`; empty for none), or the name that is not one.
fn parse_columns(table: &Table, text: &str) -> Result<Vec<ColumnId>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| {
            table
                .columns
                .iter()
                .find(|c| c.name == name)
                .map(|c| c.id)
                .ok_or_else(|| format!("{} has no column {name}.", table.name))
        })
        .collect()
}

impl Inspector {
    /// The table's indexes, each in a section of its own.
    pub(super) fn indexes_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: &Table,
        edits: &mut Vec<Edit>,
    ) {
        if table.indexes.is_empty() {
            return;
        }
        ui.heading("Indexes");
        let writer = crate::export::ddl::writer(naming_dialect(schema));
        for (i, index) in table.indexes.iter().enumerate() {
            let name = index
                .name
                .clone()
                .unwrap_or_else(|| writer.index_name(table, index));
            let unique = if index.unique { "unique " } else { "" };
            let title = format!("{unique}{name} ({})", keys_text(table, &index.keys));
            egui::CollapsingHeader::new(title)
                .id_salt(("index", index.id))
                .show(ui, |ui| {
                    self.index_ui(ui, schema, table, (i, index), &name, edits)
                });
        }
    }

    fn index_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: &Table,
        (i, index): (usize, &Index),
        default_name: &str,
        edits: &mut Vec<Edit>,
    ) {
        let n = i + 1;
        let width = (ui.available_width() - 90.0).max(120.0);
        let set = |edits: &mut Vec<Edit>, changed: Index| {
            edits.push(Edit::SetIndex { index_def: changed })
        };
        let mut problem = None;
        egui::Grid::new(("index-fields", index.id))
            .num_columns(2)
            .show(ui, |ui| {
                ui.label("Name");
                let key = egui::Id::unique(("index-name", index.id));
                let current = index.name.clone().unwrap_or_default();
                let label = format!("index {n} name");
                if let Some(typed) = self.text(ui, key, &current, (&label, width), false) {
                    let name = Some(typed.trim().to_string()).filter(|t| !t.is_empty());
                    set(
                        edits,
                        Index {
                            name,
                            ..index.clone()
                        },
                    );
                }
                ui.end_row();
                if index.name.is_none() {
                    ui.label("");
                    ui.weak(format!("the server names it {default_name}"));
                    ui.end_row();
                }
                ui.label("Method");
                egui::ComboBox::from_id_salt(("index-method", index.id))
                    .selected_text(method_label(&index.method))
                    .show_ui(ui, |ui| {
                        for (method, label) in &METHODS {
                            if ui
                                .selectable_label(*method == index.method, *label)
                                .clicked()
                            {
                                let method = method.clone();
                                set(
                                    edits,
                                    Index {
                                        method,
                                        ..index.clone()
                                    },
                                );
                            }
                        }
                    })
                    .response
                    .accessible_name(format!("index {n} method"));
                ui.end_row();
                ui.label("Unique");
                let mut unique = index.unique;
                if ui
                    .checkbox(&mut unique, "")
                    .accessible_name(format!("index {n} unique"))
                    .changed()
                {
                    set(
                        edits,
                        Index {
                            unique,
                            ..index.clone()
                        },
                    );
                }
                ui.end_row();
                ui.label("Keys");
                let key = egui::Id::unique(("index-keys", index.id));
                let current = keys_text(table, &index.keys);
                let label = format!("index {n} keys");
                if let Some(typed) = self.text(ui, key, &current, (&label, width), false) {
                    match parse_keys(schema, table, &typed) {
                        Ok(keys) => set(
                            edits,
                            Index {
                                keys,
                                ..index.clone()
                            },
                        ),
                        Err(why) => problem = Some(why),
                    }
                }
                ui.end_row();
                ui.label("Include");
                let key = egui::Id::unique(("index-include", index.id));
                let names: Vec<&str> = index
                    .include
                    .iter()
                    .filter_map(|c| table.column(*c).map(|c| c.name.as_str()))
                    .collect();
                let label = format!("index {n} include");
                if let Some(typed) = self.text(ui, key, &names.join(", "), (&label, width), false) {
                    match parse_columns(table, &typed) {
                        Ok(include) => set(
                            edits,
                            Index {
                                include,
                                ..index.clone()
                            },
                        ),
                        Err(why) => problem = Some(why),
                    }
                }
                ui.end_row();
                ui.label("Where");
                let key = egui::Id::unique(("index-predicate", index.id));
                let current = index.predicate.clone().unwrap_or_default();
                let label = format!("index {n} predicate");
                if let Some(typed) = self.text(ui, key, &current, (&label, width), false) {
                    match super::constraints::optional_expression(schema, &typed) {
                        Ok(predicate) => set(
                            edits,
                            Index {
                                predicate,
                                ..index.clone()
                            },
                        ),
                        Err(why) => problem = Some(why),
                    }
                }
                ui.end_row();
            });
        if problem.is_some() || !edits.is_empty() {
            self.index_problem = problem.map(|why| (index.id, why));
        }
        if let Some((_, why)) = self
            .index_problem
            .as_ref()
            .filter(|(id, _)| *id == index.id)
        {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }
        if ui
            .button("Remove the index")
            .accessible_name(format!("remove index {n}"))
            .clicked()
        {
            edits.push(Edit::RemoveIndex { index_id: index.id });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SchemaBuilder;

    #[test]
    fn keys_read_back_as_they_are_written() {
        let mut b = SchemaBuilder::new("t");
        b.table("users", (0.0, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("email", "text");
            t.column("created_at", "timestamp");
        });
        let schema = b.build().unwrap();
        let table = &schema.tables[0];
        let text = "created_at DESC NULLS LAST, lower(email), (coalesce(email, 'a,b')) asc";
        let keys = parse_keys(&schema, table, text).unwrap();
        assert_eq!(keys.len(), 3);
        assert_eq!(keys[0].order, SortOrder::Desc);
        assert_eq!(keys[0].nulls, Some(NullsOrder::Last));
        assert_eq!(
            keys[1].target,
            IndexTarget::Expression("lower(email)".into())
        );
        assert_eq!(
            keys[2].target,
            IndexTarget::Expression("coalesce(email, 'a,b')".into())
        );
        assert_eq!(
            keys_text(table, &keys),
            "created_at DESC NULLS LAST, lower(email), coalesce(email, 'a,b')"
        );
        assert!(parse_keys(&schema, table, "nope(").is_err());
        assert!(parse_keys(&schema, table, "email, ").is_err());
        assert!(parse_columns(table, "email, id").is_ok());
        assert!(parse_columns(table, "email, nope").is_err());
        assert_eq!(parse_columns(table, " "), Ok(vec![]));
    }
}
