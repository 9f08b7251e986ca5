//! A MySQL table's options (engine, character set, collation, row format), as the script
//! writes them after the table's parentheses; shown where the model targets MySQL or the table
//! has options of its own.

use super::*;
use crate::model::table::MYSQL_TABLE_OPTIONS;

/// What the MySQL script writes for a table that has no options of its own.
const DEFAULT_OPTIONS: &str = "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

/// The options typed, or why MySQL would not read them after a table's parentheses.
fn options_typed(typed: &str) -> Result<String, String> {
    let typed = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::export::ddl::verbatim::clause(
        &typed,
        crate::model::Dialect::MySql,
        crate::export::ddl::verbatim::Clause::Options,
    )
    .map_err(|why| format!("Not table options: {why}."))?;
    let statement = format!("CREATE TABLE t (a int) {typed}");
    let dialect = sqlparser::dialect::MySqlDialect {};
    let parsed = crate::sql_parse::parser(&dialect, &statement, Default::default())
        .and_then(|mut parser| parser.parse_statements());
    match parsed {
        Ok(statements) if statements.len() == 1 => Ok(typed),
        Ok(_) => Err("Not table options: it reads as more than one statement.".to_string()),
        Err(e) => Err(format!("Not table options MySQL reads: {e}")),
    }
}

/// The storage engine the options name (`ENGINE=MyISAM`, `ENGINE = Aria`).
fn engine(options: &str) -> Option<&str> {
    let at = options.to_ascii_uppercase().find("ENGINE")?;
    let rest = options[at + "ENGINE".len()..].trim_start();
    let rest = rest.strip_prefix('=').unwrap_or(rest).trim_start();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Whether `table` has foreign keys or is referenced by one.
fn has_keys(schema: &Schema, table: &Table) -> bool {
    !table.foreign_keys.is_empty()
        || schema
            .tables
            .iter()
            .any(|t| t.foreign_keys.iter().any(|fk| fk.references == table.id))
}

impl Inspector {
    pub(super) fn table_options_ui(
        &mut self,
        ui: &mut egui::Ui,
        schema: &Schema,
        table: &Table,
        edits: &mut Vec<Edit>,
    ) {
        let own = table.properties.get(MYSQL_TABLE_OPTIONS);
        let targets_mysql = schema
            .check_settings
            .target_dialects()
            .contains(&crate::model::Dialect::MySql);
        if own.is_none() && !targets_mysql {
            return;
        }
        ui.heading("MySQL options");
        let key = egui::Id::unique(("mysql table options", table.id));
        let width = (ui.available_width() - 8.0).clamp(160.0, 360.0);
        let current = own.cloned().unwrap_or_default();
        if let Some(typed) = self.text(ui, key, &current, ("mysql table options", width), false) {
            // Emptied, the table takes the options every table without its own gets.
            let verdict = if typed.trim().is_empty() {
                Ok(None)
            } else {
                options_typed(&typed).map(Some)
            };
            match verdict {
                Ok(value) => {
                    self.options_problem = None;
                    let mut info = table.info();
                    match value {
                        Some(v) => info.properties.insert(MYSQL_TABLE_OPTIONS.to_string(), v),
                        None => info.properties.remove(MYSQL_TABLE_OPTIONS),
                    };
                    if info.properties != table.properties {
                        edits.push(Edit::SetTableInfo {
                            table: table.id,
                            info,
                        });
                    }
                }
                Err(why) => self.options_problem = Some((table.id, why)),
            }
        }
        match own.and_then(|o| engine(o)) {
            None if own.is_none() => {
                ui.weak(format!("None of its own: written with {DEFAULT_OPTIONS}."));
            }
            Some(engine) if !engine.eq_ignore_ascii_case("InnoDB") && has_keys(schema, table) => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "{engine} keeps no foreign keys: the server refuses those between this \
                         table and InnoDB tables."
                    ),
                );
            }
            _ => {}
        }
        if let Some((_, why)) = self
            .options_problem
            .as_ref()
            .filter(|(t, _)| *t == table.id)
        {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }
        ui.separator();
    }
}

#[cfg(test)]
mod tests {
    use super::options_typed;

    #[test]
    fn options_are_what_mysql_reads_after_a_tables_parentheses() {
        assert_eq!(
            options_typed("ENGINE=MyISAM   DEFAULT CHARSET=latin1 COLLATE=latin1_bin").unwrap(),
            "ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_bin"
        );
        for typed in [
            "ENGINE=InnoDB; DROP TABLE x",
            "ENGINE=InnoDB -- x",
            "ENGINE=InnoDB)",
            "WHERE 1",
        ] {
            assert!(options_typed(typed).is_err(), "{typed}");
        }
    }
}
