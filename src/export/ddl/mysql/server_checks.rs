//! Checks the server named itself (from the user's own SQL), found in the catalog when the
//! migration runs: MySQL's `t_chk_1`, MariaDB's `CONSTRAINT_1` or a column check's column name.

use super::MySql;
use crate::export::ddl::SqlDialect;
use crate::model::Table;

/// `ALTER TABLE … DROP` of a check with no name in the model: see
/// [`SqlDialect::drop_unnamed_check`].
pub(super) fn drop_unnamed_check(
    dialect: &MySql,
    table: &Table,
    derived: &str,
    expression: &str,
    on_column: Option<(&str, &str)>,
) -> Option<String> {
    // A check made from the user's own SQL without a name has the server's: MySQL's
    // `t_chk_1`, MariaDB's `CONSTRAINT_1`, or on MariaDB, for one written on a column, the
    // column's (and no DROP CONSTRAINT reaches that one: only a MODIFY of its column does).
    // The statement is chosen when it runs, from the catalog: the check of the derived name,
    // else the one whose clause reads the same, else it stops with a message.
    let schema = match &table.schema {
        Some(schema) => dialect.literal(&dialect.server_name(schema)),
        None => "DATABASE()".to_string(),
    };
    let name = dialect.literal(&dialect.server_name(&table.name));
    let derived = dialect.literal(&dialect.server_name(derived));
    let clause = dialect.literal(&comparable_clause(expression));
    let drop_prefix = dialect.literal(&format!(
        "ALTER TABLE {} DROP CONSTRAINT `",
        dialect.table_name(table)
    ));
    let found = |condition: &str| {
        format!(
            "(SELECT CONCAT({drop_prefix}, REPLACE(tc.CONSTRAINT_NAME, '`', '``'), '`') \
             FROM information_schema.TABLE_CONSTRAINTS tc \
             JOIN information_schema.CHECK_CONSTRAINTS cc \
             ON cc.CONSTRAINT_SCHEMA = tc.TABLE_SCHEMA \
             AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME \
             WHERE tc.TABLE_SCHEMA = {schema} AND tc.TABLE_NAME = {name} \
             AND tc.CONSTRAINT_TYPE = 'CHECK' AND {condition} LIMIT 1)"
        )
    };
    let same_clause = format!("{} = {clause}", comparable_sql("cc.CHECK_CLAUSE"));
    let mut choices = vec![found(&format!("tc.CONSTRAINT_NAME = {derived}"))];
    if let Some((column, definition)) = on_column {
        // MariaDB's check on a column is named after the column, and its catalog tells it
        // from a table's check only in a column MySQL lacks: a check of the column's name
        // and of the same clause is taken for it.
        let modify = dialect.literal(&format!(
            "ALTER TABLE {} MODIFY COLUMN {definition}",
            dialect.table_name(table)
        ));
        choices.push(format!(
            "(SELECT {modify} FROM information_schema.TABLE_CONSTRAINTS tc \
             JOIN information_schema.CHECK_CONSTRAINTS cc \
             ON cc.CONSTRAINT_SCHEMA = tc.TABLE_SCHEMA \
             AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME \
             WHERE VERSION() LIKE '%MariaDB%' \
             AND tc.TABLE_SCHEMA = {schema} AND tc.TABLE_NAME = {name} \
             AND tc.CONSTRAINT_TYPE = 'CHECK' AND tc.CONSTRAINT_NAME = {} \
             AND {same_clause} LIMIT 1)",
            dialect.literal(&dialect.server_name(column)),
        ));
    }
    choices.push(found(&same_clause));
    let stop = dialect.literal(&stop_with(
        dialect,
        &format!("no check ({expression}) on {} to drop", table.name),
    ));
    choices.push(stop);
    Some(format!(
        "SET @schemaboard_step = COALESCE({});\n\
         PREPARE schemaboard_step FROM @schemaboard_step;\n\
         EXECUTE schemaboard_step;\n\
         DEALLOCATE PREPARE schemaboard_step",
        choices.join(",\n  ")
    ))
}

/// A check clause with what the server rewrites in its catalog taken out (quotes around names,
/// parentheses, white space, case), so that the user's clause and the server's compare.
fn comparable_clause(clause: &str) -> String {
    clause
        .chars()
        .filter(|c| !matches!(c, '`' | '(' | ')' | ' ' | '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_lowercase()
}

/// The SQL that makes of `column` what [`comparable_clause`] makes of a clause.
fn comparable_sql(column: &str) -> String {
    // LOWER first: REPLACE with CHAR(…) may give a binary string, which LOWER leaves alone.
    let mut sql = format!("LOWER({column})");
    for taken in [
        "'`'", "'('", "')'", "' '", "CHAR(9)", "CHAR(10)", "CHAR(13)",
    ] {
        sql = format!("REPLACE({sql}, {taken}, '')");
    }
    sql
}

/// `SIGNAL` of `message`, cut to the 128 characters a condition's text may have.
fn stop_with(dialect: &MySql, message: &str) -> String {
    let message = if message.chars().count() > 120 {
        message.chars().take(119).collect::<String>() + "…"
    } else {
        message.to_string()
    };
    format!(
        "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = {}",
        dialect.literal(&message)
    )
}
