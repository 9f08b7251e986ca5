//! MySQL and MariaDB (InnoDB): inline ENUM, AUTO_INCREMENT, COMMENT clauses, no partial or
//! expression indexes, no schemas apart from databases.

mod server_checks;

use super::{Context, SqlDialect, enum_values, note_identity_kind, standard_index};
use crate::model::Dialect;
use crate::model::{
    Column, DataType, ForeignKey, Index, IndexMethod, ReferentialAction, Table, UniqueConstraint,
};

/// The MySQL/MariaDB dialect.
pub struct MySql;

/// The column that `column` references through a foreign key of `table`, if any.
fn referenced_column<'s>(
    schema: &'s crate::model::Schema,
    table: &Table,
    column: &Column,
) -> Option<&'s Column> {
    table.foreign_keys.iter().find_map(|fk| {
        let at = fk.columns.iter().position(|c| *c == column.id)?;
        let target = schema.table(fk.references)?;
        target.column(*fk.referenced_columns.get(at)?)
    })
}

/// Whether the column is in the primary key or a foreign key, either end.
fn in_a_key(cx: &Context<'_>, table: &Table, column: &Column) -> bool {
    let in_pk = table
        .primary_key
        .as_ref()
        .is_some_and(|pk| pk.columns.contains(&column.id));
    let references = table
        .foreign_keys
        .iter()
        .any(|fk| fk.columns.contains(&column.id));
    in_pk || references || cx.is_referenced(table.id, column.id)
}

#[derive(Clone, Copy, PartialEq)]
enum Key {
    Unique(crate::model::ConstraintId),
    Index(crate::model::IndexId),
}

/// Every unique constraint's and index's name as the server has it, in the order the script
/// makes them (uniques in CREATE TABLE, then the indexes): an unnamed one is named after its
/// first column, with `_2`, `_3`… when that name is taken, as MySQL names them.
fn server_key_names(table: &Table) -> Vec<(Key, String)> {
    let first_column = |target: Option<&crate::model::IndexTarget>| match target {
        Some(crate::model::IndexTarget::Column(id)) => table
            .column(*id)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        _ => "expr".to_string(),
    };
    let wanted: Vec<(Key, Option<String>, String)> = table
        .uniques
        .iter()
        .map(|u| {
            let column = u
                .columns
                .first()
                .and_then(|id| table.column(*id))
                .map(|c| c.name.clone())
                .unwrap_or_default();
            (Key::Unique(u.id), u.name.clone(), column)
        })
        .chain(table.indexes.iter().map(|i| {
            (
                Key::Index(i.id),
                i.name.clone(),
                first_column(i.keys.first().map(|k| &k.target)),
            )
        }))
        .collect();
    let mut taken: std::collections::BTreeSet<String> = wanted
        .iter()
        .filter_map(|(_, name, _)| name.as_ref().map(|n| n.to_ascii_lowercase()))
        .collect();
    taken.insert("primary".to_string());
    wanted
        .into_iter()
        .map(|(key, name, column)| match name {
            Some(name) => (key, name),
            None => {
                let mut candidate = column.clone();
                let mut n = 2;
                while taken.contains(&candidate.to_ascii_lowercase()) {
                    candidate = format!("{column}_{n}");
                    n += 1;
                }
                taken.insert(candidate.to_ascii_lowercase());
                (key, candidate)
            }
        })
        .collect()
}

impl SqlDialect for MySql {
    fn dialect(&self) -> Dialect {
        Dialect::MySql
    }

    fn column_type(&self, table: &Table, column: &Column, cx: &mut Context<'_>) -> String {
        let own = match self.native_type(table, column) {
            Some(spelling) => spelling.to_string(),
            None => self.portable_type(table, column, cx),
        };
        // InnoDB wants a foreign key's integer columns of the very type they reference
        // (PostgreSQL takes a smallint referencing an integer).
        if column
            .native_type_in(crate::model::Dialect::MySql)
            .is_none()
            && column.data_type.is_integer()
            && let Some(referenced) = referenced_column(cx.schema, table, column)
            && referenced.data_type.is_integer()
            && referenced.data_type != column.data_type
        {
            let wanted = self.portable_type(table, referenced, &mut Context::new(cx.schema));
            cx.lose(
                super::column_label(table, column),
                format!("written as {wanted}, the type of the key it references, as InnoDB needs"),
            );
            return wanted;
        }
        own
    }

    fn portable_type(&self, table: &Table, column: &Column, cx: &mut Context<'_>) -> String {
        let object = super::column_label(table, column);
        // A key column cannot be TEXT in InnoDB: the longest VARCHAR a key of utf8mb4 takes.
        if matches!(column.data_type, DataType::Text | DataType::Varchar(None))
            && in_a_key(cx, table, column)
        {
            cx.lose(
                object,
                "TEXT in a key is written as VARCHAR(255): InnoDB keys need a length",
            );
            return "varchar(255)".to_string();
        }
        // MySQL's AUTO_INCREMENT is for integers: a whole-number decimal key becomes BIGINT.
        if column.identity.is_some()
            && matches!(
                column.data_type,
                DataType::Numeric {
                    scale: None | Some(0),
                    ..
                }
            )
        {
            cx.lose(object, "a generated decimal key is written as BIGINT");
            return "bigint".to_string();
        }
        let lose =
            |cx: &mut Context<'_>, message: &str| cx.lose(object.clone(), message.to_string());
        match &column.data_type {
            DataType::TinyInt => "tinyint".to_string(),
            DataType::SmallInt => "smallint".to_string(),
            DataType::Integer => "int".to_string(),
            DataType::BigInt => "bigint".to_string(),
            DataType::Numeric {
                precision: None, ..
            } => {
                lose(cx, "numeric without precision written as DECIMAL(65,30)");
                "decimal(65,30)".to_string()
            }
            DataType::Numeric {
                precision: Some(p),
                scale,
            } => format!("decimal({p},{})", scale.unwrap_or(0)),
            DataType::Real => "float".to_string(),
            DataType::Double => "double".to_string(),
            DataType::Boolean => "tinyint(1)".to_string(),
            DataType::Char(n) => format!("char({})", n.unwrap_or(1)),
            // Past 16,383 characters (65,535 bytes of utf8mb4) a VARCHAR is refused.
            DataType::Varchar(Some(n)) if *n > 16_383 => {
                lose(
                    cx,
                    &format!(
                        "varchar({n}) written as MEDIUMTEXT, MySQL's longest VARCHAR is 16383"
                    ),
                );
                "mediumtext".to_string()
            }
            DataType::Varchar(Some(n)) => format!("varchar({n})"),
            DataType::Varchar(None) | DataType::Text => "text".to_string(),
            DataType::Date => "date".to_string(),
            DataType::Time => "time".to_string(),
            DataType::TimeTz => {
                lose(cx, "time with time zone written as TIME (zone dropped)");
                "time".to_string()
            }
            DataType::Timestamp => "datetime".to_string(),
            DataType::TimestampTz => {
                lose(
                    cx,
                    "timestamp with time zone written as DATETIME (zone dropped)",
                );
                "datetime".to_string()
            }
            DataType::Interval => {
                lose(cx, "interval written as VARCHAR(64)");
                "varchar(64)".to_string()
            }
            DataType::Uuid => {
                lose(cx, "uuid written as CHAR(36)");
                "char(36)".to_string()
            }
            DataType::Json => "json".to_string(),
            DataType::Jsonb => {
                lose(cx, "jsonb written as JSON");
                "json".to_string()
            }
            DataType::Blob => "longblob".to_string(),
            DataType::Array(_) => {
                lose(cx, "arrays exist only in PostgreSQL; written as JSON");
                "json".to_string()
            }
            DataType::Enum(_) => match enum_values(self, column, cx) {
                Some(values) => format!("enum({values})"),
                None => "text".to_string(),
            },
            DataType::Raw(text) => super::foreign_types::raw_type(self, table, column, text, cx),
        }
    }

    fn identity(&self, table: &Table, column: &Column, cx: &mut Context<'_>) -> Option<String> {
        note_identity_kind(column, table, Dialect::MySql.product(), cx);
        Some("AUTO_INCREMENT".to_string())
    }

    fn generated(&self, expression: &str) -> String {
        format!("GENERATED ALWAYS AS ({expression}) STORED")
    }

    fn has_schemas(&self) -> bool {
        // A MySQL schema is a database; a qualified name makes the table in that database.
        true
    }

    fn create_schema(&self, name: &str) -> String {
        format!("CREATE DATABASE IF NOT EXISTS {}", self.ident(name))
    }

    fn inline_column_comment(&self, column: &Column) -> Option<String> {
        (!column.comment.is_empty()).then(|| format!("COMMENT {}", self.literal(&column.comment)))
    }

    fn verbatim(&self, sql: &str) -> String {
        // Routine and trigger bodies hold `;`: the mysql client needs another delimiter for them.
        if sql.contains(';') {
            format!("DELIMITER ;;\n{sql};;\nDELIMITER ;\n")
        } else {
            format!("{sql};\n")
        }
    }

    fn guard(&self, table: &Table, condition: &str, message: &str) -> Option<String> {
        // No plain statement raises an error of its own on MySQL or MariaDB: the message goes
        // into an integer column, which strict mode refuses with the message in its error
        // ("Incorrect integer value: '…'"), and which, where it is not strict, becomes 0 and
        // fails the column's check.
        let scratch = self.ident("schemaboard_guard");
        Some(format!(
            "DROP TEMPORARY TABLE IF EXISTS {scratch};\n\
             CREATE TEMPORARY TABLE {scratch} (stop int CHECK (stop IS NULL));\n\
             INSERT INTO {scratch} (stop) SELECT {} FROM {} WHERE {condition} LIMIT 1;\n\
             DROP TEMPORARY TABLE {scratch}",
            self.literal(message),
            self.table_name(table)
        ))
    }

    fn version_gates(&self) -> bool {
        true
    }

    fn not_null(&self, column: &Column) -> &'static str {
        // MariaDB refuses NOT NULL on a computed column (its value is whatever the expression
        // gives); MySQL from 5.7.6 takes it. MariaDB skips MySQL 5.7-and-later gates.
        if column.generated.is_some() {
            "/*!50706 NOT NULL */"
        } else {
            "NOT NULL"
        }
    }

    fn drop_unnamed_check(
        &self,
        table: &Table,
        derived: &str,
        expression: &str,
        on_column: Option<(&str, &str)>,
    ) -> Option<String> {
        server_checks::drop_unnamed_check(self, table, derived, expression, on_column)
    }

    fn extra_items(&self, table: &Table) -> Vec<String> {
        // InnoDB wants an AUTO_INCREMENT column to lead some index; a composite key led by
        // another column (tenant_id, id) does not, so give it one.
        table
            .columns
            .iter()
            .filter(|c| c.identity.is_some() && !table.is_indexed_column(c.id))
            .map(|c| {
                format!(
                    "KEY {} ({})",
                    self.ident(&format!("{}_auto_increment", c.name)),
                    self.ident(&c.name)
                )
            })
            .collect()
    }

    fn table_options(&self, table: &Table, _cx: &mut Context<'_>) -> String {
        // A table read from MySQL gets its own options back; others InnoDB and full Unicode.
        let mut options = match table
            .properties
            .get(crate::model::table::MYSQL_TABLE_OPTIONS)
        {
            Some(own) if own.is_empty() => String::new(),
            Some(own) => format!(" {own}"),
            None => " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4".to_string(),
        };
        if !table.comment.is_empty() {
            options.push_str(&format!(" COMMENT={}", self.literal(&table.comment)));
        }
        options
    }

    fn says_no_action(&self) -> bool {
        true
    }

    fn key_prefixes(&self) -> bool {
        true
    }

    fn server_names_unnamed(&self) -> bool {
        true
    }

    fn check_allowed(
        &self,
        table: &Table,
        check: &crate::model::CheckConstraint,
    ) -> Result<(), String> {
        // InnoDB refuses a CHECK on a column that a cascading foreign key may change.
        let words: Vec<String> = check
            .expression
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map(str::to_lowercase)
            .collect();
        let cascades = |a: ReferentialAction| {
            matches!(
                a,
                ReferentialAction::Cascade
                    | ReferentialAction::SetNull
                    | ReferentialAction::SetDefault
            )
        };
        let cascaded = table.foreign_keys.iter().any(|fk| {
            (cascades(fk.on_delete) || cascades(fk.on_update))
                && fk.columns.iter().any(|id| {
                    table
                        .column(*id)
                        .is_some_and(|c| words.contains(&c.name.to_lowercase()))
                })
        });
        if cascaded {
            Err(
                "InnoDB takes no CHECK on a column that a cascading foreign key changes"
                    .to_string(),
            )
        } else {
            Ok(())
        }
    }

    fn foreign_key_name(&self, table: &Table, fk: &ForeignKey) -> String {
        if let Some(name) = &fk.name {
            return name.clone();
        }
        // InnoDB numbers a table's unnamed foreign keys in the order they are made.
        let n = table
            .foreign_keys
            .iter()
            .take_while(|f| f.id != fk.id)
            .filter(|f| f.name.is_none())
            .count();
        // escaped where written: InnoDB's own name for the key, quoted by `ident` where used.
        format!("{}_ibfk_{}", table.name, n + 1)
    }

    fn unique_name(&self, table: &Table, unique: &UniqueConstraint) -> String {
        server_key_names(table)
            .into_iter()
            .find_map(|(key, name)| (key == Key::Unique(unique.id)).then_some(name))
            .unwrap_or_default()
    }

    fn index_name(&self, table: &Table, index: &Index) -> String {
        server_key_names(table)
            .into_iter()
            .find_map(|(key, name)| (key == Key::Index(index.id)).then_some(name))
            .unwrap_or_default()
    }

    fn action(
        &self,
        action: ReferentialAction,
        object: &str,
        cx: &mut Context<'_>,
    ) -> ReferentialAction {
        if action == ReferentialAction::SetDefault {
            cx.lose(
                object,
                "InnoDB has no ON … SET DEFAULT; written as NO ACTION",
            );
            return ReferentialAction::NoAction;
        }
        action
    }

    fn index_comment(
        &self,
        _table: &Table,
        _index: &Index,
        _cx: &mut Context<'_>,
    ) -> Option<String> {
        // Said in the CREATE INDEX itself.
        None
    }

    fn preamble(&self) -> Option<&'static str> {
        // As mysqldump does: the client sends the script as full Unicode, whatever its default.
        Some("SET NAMES utf8mb4;\n")
    }

    fn name_repair<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        // MariaDB takes names of the Basic Multilingual Plane only (most emoji are past it),
        // and none that ends in a space.
        let refused = |c: char| c == '\0' || u32::from(c) > 0xFFFF;
        // Only a NUL or a four-byte character (its lead byte is 0xF0 or above) is refused.
        if !name.bytes().any(|b| b == 0 || b >= 0xF0) && !name.ends_with(' ') {
            return name.into();
        }
        let repaired: String = name
            .chars()
            .map(|c| if refused(c) { '_' } else { c })
            .collect();
        let trimmed = repaired.trim_end_matches(' ');
        if trimmed.is_empty() {
            "_".to_string().into()
        } else {
            trimmed.to_string().into()
        }
    }

    fn on_update_clause(&self, _table: &Table, _column: &Column) -> Option<String> {
        Some("ON UPDATE CURRENT_TIMESTAMP".to_string())
    }

    fn foreign_keys_need_an_index(&self) -> bool {
        true
    }

    fn drop_primary_key(&self, table: &Table, _name: &str) -> String {
        format!("ALTER TABLE {} DROP PRIMARY KEY", self.table_name(table))
    }

    fn drop_unique(&self, table: &Table, name: &str) -> String {
        self.drop_index(table, name)
    }

    fn drop_foreign_key(&self, table: &Table, name: &str) -> String {
        format!(
            "ALTER TABLE {} DROP FOREIGN KEY {}",
            self.table_name(table),
            self.ident(name)
        )
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
            "RENAME TABLE {} TO {}",
            self.table_name(old),
            self.table_name(new)
        )]
    }

    fn set_comment(&self, table: &Table, column: Option<&str>, text: &str) -> Option<String> {
        // A column's comment is in its definition, which MODIFY COLUMN writes whole.
        column.is_none().then(|| {
            format!(
                "ALTER TABLE {} COMMENT = {}",
                self.table_name(table),
                self.literal(text)
            )
        })
    }

    fn alter_column(
        &self,
        table: &Table,
        old: &Column,
        new: &Column,
        cx: &mut Context<'_>,
    ) -> Vec<String> {
        let before = super::column_definition(self, table, old, &mut Context::new(cx.schema)).0;
        let after = super::column_definition(self, table, new, cx).0;
        if before == after {
            return Vec::new();
        }
        vec![format!(
            "ALTER TABLE {} MODIFY COLUMN {after}",
            self.table_name(table)
        )]
    }

    fn create_index(&self, table: &Table, index: &Index, cx: &mut Context<'_>) -> Option<String> {
        let name = self.index_name(table, index);
        if index.predicate.is_some() {
            cx.lose(
                format!("index {name}"),
                "MySQL has no partial indexes; left out",
            );
            return None;
        }
        if index
            .keys
            .iter()
            .any(|k| matches!(k.target, crate::model::IndexTarget::Expression(_)))
        {
            cx.lose(
                format!("index {name}"),
                "MariaDB has no expression indexes; left out",
            );
            return None;
        }
        let kind = match index.method {
            IndexMethod::FullText => "FULLTEXT ",
            IndexMethod::Spatial => "SPATIAL ",
            _ if index.unique => "UNIQUE ",
            _ => "",
        };
        let mut plain = Index {
            unique: false,
            method: IndexMethod::BTree,
            include: Vec::new(),
            ..index.clone()
        };
        // An index on TEXT or BLOB needs a prefix in InnoDB; 191 characters of utf8mb4 per
        // column keeps four of them within its 3,072-byte key.
        if index.method != IndexMethod::FullText {
            for key in &mut plain.keys {
                let long = match &key.target {
                    crate::model::IndexTarget::Column(id) => table.column(*id).is_some_and(|c| {
                        c.native_type_in(crate::model::Dialect::MySql).is_none()
                            && matches!(
                                c.data_type,
                                DataType::Text | DataType::Varchar(None) | DataType::Blob
                            )
                            && !in_a_key(cx, table, c)
                    }),
                    crate::model::IndexTarget::Expression(_) => false,
                };
                if long && key.prefix.is_none() {
                    key.prefix = Some(191);
                    cx.lose(
                        format!("index {name}"),
                        "a TEXT column is indexed on its first 191 characters, as InnoDB needs a length",
                    );
                }
            }
        }
        if !index.unique && index.method == IndexMethod::BTree {
            fit_key(cx, table, &mut plain, &name);
        }
        if !index.include.is_empty() {
            cx.lose(
                format!("index {name}"),
                "MySQL has no INCLUDE columns; left out of the index",
            );
        }
        if !matches!(
            index.method,
            IndexMethod::BTree | IndexMethod::FullText | IndexMethod::Spatial | IndexMethod::Hash
        ) {
            cx.lose(
                format!("index {name}"),
                format!("{:?} indexes written as b-tree", index.method),
            );
        }
        let mut statement = standard_index(self, table, &plain, cx, false)?;
        if !index.comment.is_empty() {
            statement.push_str(" COMMENT ");
            statement.push_str(&self.literal(&index.comment));
        }
        let statement = if index.name.is_none() {
            // Unnamed, for the server to name after its first column as it always does.
            let prefix = format!(
                "CREATE INDEX {} ON {} ",
                self.ident(&super::index_name(table, index)),
                self.table_name(table)
            );
            let keys = statement.strip_prefix(&prefix)?;
            format!(
                "ALTER TABLE {} ADD {kind}INDEX {keys}",
                self.table_name(table)
            )
        } else {
            statement.replacen("CREATE INDEX", &format!("CREATE {kind}INDEX"), 1)
        };
        // Gated as the source gated it; never text holding `*/`, which would end the gate
        // early on a server that skips it.
        Some(match index.mysql_since {
            Some(since) if !statement.contains("*/") => format!("/*!{since} {statement} */"),
            _ => statement,
        })
    }
}

/// InnoDB's longest key, in bytes (DYNAMIC rows, the default since MySQL 5.7 and MariaDB 10.2).
const MAX_KEY_BYTES: u32 = 3072;

/// What one part of a key costs InnoDB: fixed bytes, or characters that a prefix may shorten.
enum KeyPart {
    Fixed(u32),
    Chars { length: u32, bytes_per_char: u32 },
}

/// The cost of a key on `column` as this exporter writes it (utf8mb4, the tables' charset),
/// `prefix` characters of it where given.
fn key_part(cx: &Context<'_>, table: &Table, column: &Column, prefix: Option<u32>) -> KeyPart {
    let chars = |length: u32, bytes_per_char: u32| KeyPart::Chars {
        length: prefix.map_or(length, |p| p.min(length)),
        bytes_per_char,
    };
    match column.data_type {
        DataType::Char(n) => chars(n.unwrap_or(1), 4),
        DataType::Varchar(Some(n)) => chars(n.min(16_383), 4),
        DataType::Text | DataType::Varchar(None) if in_a_key(cx, table, column) => chars(255, 4),
        DataType::Text | DataType::Varchar(None) => chars(prefix.unwrap_or(191), 4),
        DataType::Blob => chars(prefix.unwrap_or(767), 1),
        DataType::Uuid => chars(36, 4),
        DataType::Interval => chars(64, 4),
        DataType::Numeric { .. } => KeyPart::Fixed(30),
        _ => KeyPart::Fixed(8),
    }
}

/// A b-tree index longer than InnoDB's key (four `varchar(255)` of utf8mb4 are 4,080 bytes) is
/// refused: its character columns get prefixes that share what the fixed-width ones leave, the
/// shorter ones whole, and the loss is reported. Only for types this exporter chose: a MySQL
/// spelling comes from a script that loaded on MySQL already.
fn fit_key(cx: &mut Context<'_>, table: &Table, index: &mut Index, name: &str) {
    let mut parts = Vec::new();
    for (at, key) in index.keys.iter().enumerate() {
        let crate::model::IndexTarget::Column(id) = key.target else {
            return;
        };
        let Some(column) = table.column(id) else {
            return;
        };
        if column
            .native_type_in(crate::model::Dialect::MySql)
            .is_some()
        {
            return;
        }
        parts.push((at, key_part(cx, table, column, key.prefix)));
    }
    let fixed: u32 = parts
        .iter()
        .map(|(_, p)| match p {
            KeyPart::Fixed(bytes) => *bytes,
            KeyPart::Chars { .. } => 0,
        })
        .sum();
    let mut text: Vec<(usize, u32, u32)> = parts
        .iter()
        .filter_map(|(at, p)| match p {
            KeyPart::Chars {
                length,
                bytes_per_char,
            } => Some((*at, *length, *bytes_per_char)),
            KeyPart::Fixed(_) => None,
        })
        .collect();
    let bytes = |&(_, length, per): &(usize, u32, u32)| length * per;
    if fixed + text.iter().map(bytes).sum::<u32>() <= MAX_KEY_BYTES || text.is_empty() {
        return;
    }
    text.sort_by_key(bytes);
    let mut left = MAX_KEY_BYTES.saturating_sub(fixed);
    let mut cut = Vec::new();
    for (done, part) in text.iter().enumerate() {
        let share = left / u32::try_from(text.len() - done).unwrap_or(1);
        let (at, length, per) = *part;
        if length * per <= share {
            left = left.saturating_sub(length * per);
            continue;
        }
        let prefix = (share / per).max(1);
        left = left.saturating_sub(prefix * per);
        index.keys[at].prefix = Some(prefix);
        if let crate::model::IndexTarget::Column(id) = index.keys[at].target
            && let Some(column) = table.column(id)
        {
            // escaped where written: listed in a report, not in the script.
            cut.push(format!("{}({prefix})", column.name));
        }
    }
    cx.lose(
        format!("index {name}"),
        format!(
            "longer than InnoDB's {MAX_KEY_BYTES}-byte key; indexed on prefixes: {}",
            cut.join(", ")
        ),
    );
}
