//! SQL Server: IDENTITY(1,1), Unicode types, computed columns, extended properties for comments,
//! filtered indexes; no expression indexes and no ON DELETE RESTRICT.

use super::{Context, SqlDialect, enum_values, note_identity_kind, standard_index};
use crate::model::Dialect;
use crate::model::{Column, DataType, Index, IndexMethod, IndexTarget, ReferentialAction, Table};

/// The SQL Server dialect.
pub struct MsSql;

impl MsSql {
    /// The table's schema, named: the procedures that take a schema need one.
    fn schema_of(table: &Table) -> &str {
        table
            .schema
            .as_deref()
            .or(Dialect::MsSql.default_schema())
            .unwrap_or_default()
    }
}

impl SqlDialect for MsSql {
    fn dialect(&self) -> Dialect {
        Dialect::MsSql
    }

    fn portable_type(&self, table: &Table, column: &Column, cx: &mut Context<'_>) -> String {
        let object = super::column_label(table, column);
        let lose =
            |cx: &mut Context<'_>, message: &str| cx.lose(object.clone(), message.to_string());
        match &column.data_type {
            DataType::TinyInt | DataType::SmallInt => "smallint".to_string(),
            DataType::Integer => "int".to_string(),
            DataType::BigInt => "bigint".to_string(),
            DataType::Numeric {
                precision: None, ..
            } => {
                lose(cx, "numeric without precision written as DECIMAL(38,10)");
                "decimal(38,10)".to_string()
            }
            DataType::Numeric {
                precision: Some(p),
                scale,
            } => format!("decimal({p},{})", scale.unwrap_or(0)),
            DataType::Real => "real".to_string(),
            DataType::Double => "float".to_string(),
            DataType::Boolean => "bit".to_string(),
            DataType::Char(n) => format!("nchar({})", n.unwrap_or(1)),
            DataType::Varchar(Some(n)) if *n <= 4000 => format!("nvarchar({n})"),
            DataType::Varchar(_) | DataType::Text => "nvarchar(max)".to_string(),
            DataType::Date => "date".to_string(),
            DataType::Time => "time".to_string(),
            DataType::TimeTz => {
                lose(cx, "time with time zone written as TIME (zone dropped)");
                "time".to_string()
            }
            DataType::Timestamp => "datetime2".to_string(),
            DataType::TimestampTz => "datetimeoffset".to_string(),
            DataType::Interval => {
                lose(cx, "interval written as NVARCHAR(64)");
                "nvarchar(64)".to_string()
            }
            DataType::Uuid => "uniqueidentifier".to_string(),
            DataType::Json | DataType::Jsonb => {
                lose(cx, "JSON written as NVARCHAR(MAX)");
                "nvarchar(max)".to_string()
            }
            DataType::Blob => "varbinary(max)".to_string(),
            DataType::Array(_) => {
                lose(
                    cx,
                    "arrays exist only in PostgreSQL; written as NVARCHAR(MAX)",
                );
                "nvarchar(max)".to_string()
            }
            DataType::Enum(_) => {
                lose(cx, "enum written as NVARCHAR with a CHECK of its values");
                "nvarchar(100)".to_string()
            }
            DataType::Raw(text) => super::foreign_types::raw_type(self, table, column, text, cx),
        }
    }

    fn identity(&self, table: &Table, column: &Column, cx: &mut Context<'_>) -> Option<String> {
        note_identity_kind(column, table, Dialect::MsSql.product(), cx);
        Some("IDENTITY(1,1)".to_string())
    }

    fn generated(&self, expression: &str) -> String {
        format!("AS ({expression}) PERSISTED")
    }

    fn create_schema(&self, name: &str) -> String {
        // CREATE SCHEMA must be alone in its batch; EXEC gives it one.
        let statement = format!("CREATE SCHEMA {}", self.ident(name));
        format!(
            "IF SCHEMA_ID({}) IS NULL EXEC({})",
            self.literal(name),
            self.literal(&statement)
        )
    }

    fn column_checks(&self, _table: &Table, column: &Column, cx: &Context<'_>) -> Option<String> {
        enum_values(self, column, cx)
            .map(|values| format!("CHECK ({} IN ({values}))", self.ident(&column.name)))
    }

    fn literal(&self, text: &str) -> String {
        format!("N{}", super::names::string_literal(text, false))
    }

    fn index_comment(&self, table: &Table, index: &Index, _cx: &mut Context<'_>) -> Option<String> {
        let schema = Self::schema_of(table);
        if index.comment.is_empty() {
            return Some(format!(
                "EXEC sp_dropextendedproperty N'MS_Description', N'SCHEMA', {}, N'TABLE', {}, N'INDEX', {}",
                self.literal(schema),
                self.literal(&table.name),
                self.literal(&super::index_name(table, index))
            ));
        }
        Some(format!(
            "EXEC sp_addextendedproperty N'MS_Description', {}, N'SCHEMA', {}, N'TABLE', {}, N'INDEX', {}",
            self.literal(&index.comment),
            self.literal(schema),
            self.literal(&table.name),
            self.literal(&super::index_name(table, index))
        ))
    }

    fn comments(&self, table: &Table) -> Vec<String> {
        let schema = Self::schema_of(table);
        let property = |value: &str, level2: Option<&str>| {
            let mut text = format!(
                "EXEC sp_addextendedproperty N'MS_Description', {}, N'SCHEMA', {}, N'TABLE', {}",
                self.literal(value),
                self.literal(schema),
                self.literal(&table.name)
            );
            if let Some(column) = level2 {
                text.push_str(&format!(", N'COLUMN', {}", self.literal(column)));
            }
            text
        };
        let mut out = Vec::new();
        if !table.comment.is_empty() {
            out.push(property(&table.comment, None));
        }
        for column in table.columns.iter().filter(|c| !c.comment.is_empty()) {
            out.push(property(&column.comment, Some(&column.name)));
        }
        out
    }

    fn action(
        &self,
        action: ReferentialAction,
        object: &str,
        cx: &mut Context<'_>,
    ) -> ReferentialAction {
        if action == ReferentialAction::Restrict {
            cx.lose(
                object,
                "SQL Server has no RESTRICT; written as NO ACTION (checked at once anyway)",
            );
            return ReferentialAction::NoAction;
        }
        action
    }

    fn create_index(&self, table: &Table, index: &Index, cx: &mut Context<'_>) -> Option<String> {
        let name = super::index_name(table, index);
        if index
            .keys
            .iter()
            .any(|k| matches!(k.target, IndexTarget::Expression(_)))
        {
            cx.lose(
                format!("index {name}"),
                "SQL Server has no expression indexes; left out",
            );
            return None;
        }
        if index.method != IndexMethod::BTree {
            cx.lose(
                format!("index {name}"),
                format!("{:?} indexes written as b-tree", index.method),
            );
        }
        let plain = Index {
            method: IndexMethod::BTree,
            ..index.clone()
        };
        standard_index(self, table, &plain, cx, false)
    }

    fn touch_on_update(&self, table: &Table, column: &Column, cx: &mut Context<'_>) -> Vec<String> {
        let Some(pk) = &table.primary_key else {
            cx.lose(
                table.name.clone(),
                "auto_updated_at needs a primary key on SQL Server; no trigger written",
            );
            return Vec::new();
        };
        let name = self.table_name(table);
        let join: Vec<String> = pk
            .columns
            .iter()
            .filter_map(|id| table.column(*id))
            .map(|c| format!("t.{0} = i.{0}", self.ident(&c.name)))
            .collect();
        vec![format!(
            "CREATE TRIGGER {} ON {name} AFTER UPDATE AS\nBEGIN\n    SET NOCOUNT ON;\n    UPDATE t SET {} = SYSDATETIMEOFFSET() FROM {name} t JOIN inserted i ON {};\nEND",
            self.ident(&format!("{}_touch_{}", table.name, column.name)),
            self.ident(&column.name),
            join.join(" AND ")
        )]
    }

    fn drop_index(&self, table: &Table, name: &str) -> String {
        format!(
            "DROP INDEX {} ON {}",
            self.ident(name),
            self.table_name(table)
        )
    }

    fn rename_table(&self, old: &Table, new: &Table) -> Vec<String> {
        vec![format!(
            "EXEC sp_rename {}, {}",
            self.literal(&self.table_name(old)),
            self.literal(&new.name)
        )]
    }

    fn rename_column(&self, table: &Table, old: &str, new: &str) -> String {
        format!(
            "EXEC sp_rename {}, {}, N'COLUMN'",
            self.literal(&format!("{}.{}", self.table_name(table), self.ident(old))),
            self.literal(new)
        )
    }

    fn add_column(&self, table: &Table, definition: &str) -> String {
        format!("ALTER TABLE {} ADD {definition}", self.table_name(table))
    }

    fn alter_column(
        &self,
        table: &Table,
        old: &Column,
        new: &Column,
        cx: &mut Context<'_>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        let old_type = self.column_type(table, old, &mut Context::new(cx.schema));
        let new_type = self.column_type(table, new, cx);
        if old_type != new_type || old.nullable != new.nullable {
            out.push(format!(
                "ALTER TABLE {} ALTER COLUMN {} {new_type} {}",
                self.table_name(table),
                self.ident(&new.name),
                if new.nullable { "NULL" } else { "NOT NULL" }
            ));
        }
        if old.default != new.default {
            cx.lose(
                format!("{}.{}", table.name, new.name),
                "SQL Server keeps defaults as named constraints; change the default by hand",
            );
        }
        out
    }

    fn computed_columns_typed(&self) -> bool {
        false
    }

    fn separator(&self) -> &'static str {
        ";\nGO\n"
    }
}
