//! SQLite: free-form type names (written portably, so they read back the same), AUTOINCREMENT only
//! on an INTEGER PRIMARY KEY, every foreign key inline, enums as CHECK constraints.

use super::{Context, SqlDialect, enum_values, sql_comment};
use crate::model::Dialect;
use crate::model::{Column, DataType, Index, IndexMethod, Table};

/// The SQLite dialect.
pub struct Sqlite;

impl Sqlite {
    fn sole_key(table: &Table, column: &Column) -> bool {
        table
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.columns == [column.id])
    }
}

impl SqlDialect for Sqlite {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn portable_type(&self, table: &Table, column: &Column, cx: &mut Context<'_>) -> String {
        let object = super::column_label(table, column);
        match &column.data_type {
            // Only this exact spelling makes the rowid alias AUTOINCREMENT needs.
            _ if column.identity.is_some()
                && column.data_type.is_integer()
                && Self::sole_key(table, column) =>
            {
                "INTEGER".to_string()
            }
            DataType::Enum(_) => {
                cx.lose(object, "enum written as TEXT with a CHECK of its values");
                "text".to_string()
            }
            DataType::Array(_) => {
                cx.lose(object, "arrays exist only in PostgreSQL; written as TEXT");
                "text".to_string()
            }
            DataType::Raw(text) => super::foreign_types::raw_type(self, table, column, text, cx),
            other => other.to_string(),
        }
    }

    fn identity(&self, table: &Table, column: &Column, cx: &mut Context<'_>) -> Option<String> {
        if column.data_type.is_integer() && Self::sole_key(table, column) {
            super::note_identity_kind(column, table, "SQLite", cx);
            Some("PRIMARY KEY AUTOINCREMENT".to_string())
        } else {
            cx.lose(
                super::column_label(table, column),
                "SQLite generates values only for an INTEGER PRIMARY KEY; identity left out",
            );
            None
        }
    }

    fn has_schemas(&self) -> bool {
        false
    }

    fn column_checks(&self, _table: &Table, column: &Column, cx: &Context<'_>) -> Option<String> {
        enum_values(self, column, cx)
            .map(|values| format!("CHECK ({} IN ({values}))", self.ident(&column.name)))
    }

    fn table_options(&self, table: &Table, _cx: &mut Context<'_>) -> String {
        let rowid = table.properties.get("without_rowid").map(String::as_str) == Some("true");
        if rowid {
            " WITHOUT ROWID".to_string()
        } else {
            String::new()
        }
    }

    fn comments(&self, table: &Table) -> Vec<String> {
        // SQLite keeps no comments; say them in the script so a reader still has them.
        let mut lines = Vec::new();
        if !table.comment.is_empty() {
            lines.push(format!(
                "-- {}",
                sql_comment(&format!("{}: {}", table.name, table.comment))
            ));
        }
        for column in table.columns.iter().filter(|c| !c.comment.is_empty()) {
            lines.push(format!(
                "-- {}",
                sql_comment(&format!(
                    "{}.{}: {}",
                    table.name, column.name, column.comment
                ))
            ));
        }
        if lines.is_empty() {
            Vec::new()
        } else {
            vec![lines.join("\n")]
        }
    }

    fn default_expression(&self, expression: &str) -> String {
        let translated = super::translate_default(expression, self.name());
        // SQLite takes a literal as it is and anything else only in parentheses.
        let plain = super::names::is_string_literal(&translated)
            || super::names::is_parenthesized(&translated)
            || translated.parse::<f64>().is_ok()
            || matches!(
                translated.to_ascii_uppercase().as_str(),
                "NULL" | "TRUE" | "FALSE" | "CURRENT_TIMESTAMP" | "CURRENT_DATE" | "CURRENT_TIME"
            );
        if plain {
            translated
        } else {
            format!("({translated})")
        }
    }

    fn touch_on_update(&self, table: &Table, column: &Column, cx: &mut Context<'_>) -> Vec<String> {
        if table.properties.get("without_rowid").map(String::as_str) == Some("true") {
            cx.lose(
                table.name.clone(),
                "auto_updated_at needs a rowid; no trigger written",
            );
            return Vec::new();
        }
        let name = self.ident(&table.name);
        // Recursive triggers are off by default, so the trigger's own UPDATE does not fire it.
        vec![format!(
            "CREATE TRIGGER {} AFTER UPDATE ON {name} FOR EACH ROW BEGIN\n    UPDATE {name} SET {} = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid;\nEND",
            self.ident(&format!("{}_touch_{}", table.name, column.name)),
            self.ident(&column.name)
        )]
    }

    fn alter_add_foreign_key(&self) -> bool {
        false
    }

    fn create_index(&self, table: &Table, index: &Index, cx: &mut Context<'_>) -> Option<String> {
        if index.method != IndexMethod::BTree {
            cx.lose(
                format!("index {}", super::index_name(table, index)),
                format!(
                    "SQLite has only b-tree indexes; {:?} written as b-tree",
                    index.method
                ),
            );
        }
        if !index.include.is_empty() {
            cx.lose(
                format!("index {}", super::index_name(table, index)),
                "SQLite has no INCLUDE columns",
            );
        }
        let plain = Index {
            method: IndexMethod::BTree,
            include: Vec::new(),
            ..index.clone()
        };
        super::standard_index(self, table, &plain, cx, false)
    }
}
