//! The sample queries: the workload the index checks read. Each is named and written in SQL
//! (refused, with the reason, where the checks cannot read it), with the verdict of the checks
//! table by table: the index that finds its rows and sorts them, or the one that would.

use super::sql_objects::highlighted_sql;
use super::*;
use crate::check::workload::{Served, query_access};
use crate::model::Query;

/// What is typed for a query being added.
#[derive(Debug, Default)]
pub(super) struct NewQuery {
    name: String,
    sql: String,
}

/// The query typed, or why the index checks cannot read it.
fn readable(schema: &Schema, sql: &str) -> Result<String, String> {
    let sql = sql.trim().trim_end_matches(';').trim_end();
    if sql.is_empty() {
        return Err("Write the query: SELECT … FROM … WHERE ….".to_string());
    }
    query_access(schema, sql)?;
    Ok(sql.to_string())
}

impl Inspector {
    pub(super) fn queries_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        edits: &mut Vec<Edit>,
        commands: &mut Vec<AppCommand>,
    ) {
        ui.heading("Sample queries");
        if schema.queries.is_empty() {
            ui.weak(
                "None yet: the queries the application runs most, which the index checks read.",
            );
        }
        let width = (ui.available_width() - 8.0).max(160.0);
        for (n, query) in schema.queries.iter().enumerate() {
            self.query_ui(ui, schema, (n + 1, query), width, edits, commands);
        }
        ui.add(
            egui::TextEdit::singleline(&mut self.new_query.name)
                .hint_text("orders of a customer")
                .desired_width(width),
        )
        .accessible_name("new query name");
        let mut layouter = highlighted_sql;
        ui.add(
            egui::TextEdit::multiline(&mut self.new_query.sql)
                .code_editor()
                .hint_text("SELECT * FROM orders WHERE customer_id = $1")
                .desired_rows(3)
                .desired_width(width)
                .layouter(&mut layouter),
        )
        .accessible_name("new query sql");
        if ui.button("Add sample query").clicked() {
            let name = self.new_query.name.trim().to_string();
            let verdict = if name.is_empty() {
                Err("Name the query.".to_string())
            } else {
                readable(schema, &self.new_query.sql)
            };
            match verdict {
                Ok(sql) => {
                    edits.push(Edit::allocating(
                        1,
                        Edit::AddQuery {
                            query: Query {
                                id: upcoming_id(schema),
                                name,
                                sql,
                                comment: String::new(),
                            },
                            index: usize::MAX,
                        },
                    ));
                    self.new_query = NewQuery::default();
                    self.query_problem = None;
                }
                Err(why) => self.query_problem = Some((None, why)),
            }
        }
        if let Some((None, why)) = &self.query_problem {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }
        ui.separator();
    }

    fn query_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        (n, query): (usize, &Query),
        width: f32,
        edits: &mut Vec<Edit>,
        commands: &mut Vec<AppCommand>,
    ) {
        let set =
            |edits: &mut Vec<Edit>, changed: Query| edits.push(Edit::SetQuery { query: changed });
        ui.horizontal(|ui| {
            let key = egui::Id::unique(("query name", query.id));
            let label = format!("query {n} name");
            if let Some(name) = self.text(ui, key, &query.name, (&label, width - 40.0), false) {
                if name.trim().is_empty() {
                    self.query_problem = Some((Some(query.id), "Name the query.".to_string()));
                } else {
                    set(
                        edits,
                        Query {
                            name: name.trim().to_string(),
                            ..query.clone()
                        },
                    );
                }
            }
            if ui
                .small_button("×")
                .on_hover_text("Remove the sample query")
                .accessible_name(format!("remove query {n}"))
                .clicked()
            {
                edits.push(Edit::RemoveQuery { query: query.id });
            }
        });
        let key = egui::Id::unique(("query sql", query.id));
        let mut text = self.typed(key, &query.sql);
        let mut layouter = highlighted_sql;
        let response = ui
            .add(
                egui::TextEdit::multiline(&mut text)
                    .id(key)
                    .code_editor()
                    .desired_rows(2)
                    .desired_width(width)
                    .layouter(&mut layouter),
            )
            .accessible_name(format!("query {n} sql"));
        if response.has_focus() {
            self.buffers.insert(key, text);
        } else {
            self.buffers.remove(&key);
            if response.lost_focus() && text != query.sql {
                match readable(schema, &text) {
                    Ok(sql) => {
                        self.query_problem = None;
                        if sql != query.sql {
                            set(
                                edits,
                                Query {
                                    sql,
                                    ..query.clone()
                                },
                            );
                        }
                    }
                    Err(why) => self.query_problem = Some((Some(query.id), why)),
                }
            }
        }
        if let Some((Some(id), why)) = &self.query_problem
            && *id == query.id
        {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }
        match query_access(schema, &query.sql) {
            Ok(tables) => {
                for access in &tables {
                    let name = schema.table(access.table).map_or("?", |t| t.name.as_str());
                    verdict_line(ui, name, "finds its rows", &access.filter);
                    if let Some(order) = &access.order {
                        verdict_line(ui, name, "sorts them", order);
                    }
                }
                if !tables.is_empty()
                    && ui
                        .small_button("Show its tables")
                        .accessible_name(format!("show the tables of query {n}"))
                        .clicked()
                {
                    commands.push(AppCommand::ShowTables(
                        tables.iter().map(|a| a.table).collect(),
                    ));
                }
            }
            Err(why) => {
                ui.colored_label(ui.visuals().warn_fg_color, why);
            }
        }
        ui.add_space(6.0);
    }
}

/// `orders: index orders_customer (customer_id) finds its rows`, or, in the warning colour, the
/// index that would.
fn verdict_line(ui: &mut egui::Ui, table: &str, does: &str, served: &Served) {
    match served {
        Served::By(index) => {
            ui.label(format!("{table}: {index} {does}"));
        }
        Served::Unserved(wanted) => {
            let what = if does == "sorts them" {
                "sorts its rows"
            } else {
                "finds its rows: a full scan"
            };
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{table}: no index {what}; an index on {wanted} would"),
            );
        }
        Served::Everything => {
            ui.weak(format!("{table}: read whole or through a join"));
        }
    }
}
