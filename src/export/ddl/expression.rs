//! SQL expressions (defaults, checks, computed columns, index keys and predicates) carried from
//! the dialect that wrote them to another: parsed once with sqlparser, rewritten in the syntax
//! tree (casts, operators, literals, the common functions, identifier quoting) and printed for
//! the target. What the target cannot say is an error naming why, so the caller leaves the
//! clause out and reports it: a script never holds an expression its server rejects by design.

use crate::model::{Column, DataType, Dialect, Table};
use sqlparser::ast::{
    self, BinaryOperator, CastKind, Expr, FunctionArg, FunctionArgExpr, FunctionArguments, Ident,
    ObjectName, ObjectNamePart, Value, visit_expressions_mut,
};
use std::ops::ControlFlow;

/// The dialect an expression of `table` was written in: that of its columns' source types.
/// `None` for a table made in the app, whose expressions are the architect's own words.
pub fn source_of(table: &Table) -> Option<Dialect> {
    table
        .columns
        .iter()
        .find_map(|c| c.native_type.as_ref().map(|n| n.dialect))
}

mod text_comparison;

/// A column an expression names, as the target writes it.
pub struct ColumnName {
    /// Its name quoted as the target must.
    pub written: String,
    /// Whether it holds text (which compares with or without case, by dialect).
    pub text: bool,
}

/// How the target writes a name the expression uses: the table's column of that name (exact,
/// else in any case, as every dialect but PostgreSQL compares names) quoted as the target must.
pub type Names<'a> = &'a dyn Fn(&Ident) -> Option<ColumnName>;

/// The names of `table`'s columns as `ident` quotes them for the target.
pub fn column_names<'t>(
    table: &'t Table,
    ident: &'t dyn Fn(&str) -> String,
) -> impl Fn(&Ident) -> Option<ColumnName> + 't {
    move |name: &Ident| {
        let column = table
            .columns
            .iter()
            .find(|c| c.name == name.value)
            .or_else(|| {
                table
                    .columns
                    .iter()
                    .find(|c| c.name.eq_ignore_ascii_case(&name.value))
            })?;
        Some(ColumnName {
            written: ident(&column.name),
            text: matches!(
                column.data_type,
                DataType::Char(_) | DataType::Varchar(_) | DataType::Text | DataType::Enum(_)
            ),
        })
    }
}

/// `expression`, written in `from`, as `to` writes it; the reason when `to` cannot.
pub fn convert(
    expression: &str,
    from: Dialect,
    to: Dialect,
    names: Names<'_>,
) -> Result<String, String> {
    if plain_literal(expression) {
        return Ok(expression.to_string());
    }
    // Read with the tokens of the dialect it says it is: one expression and nothing more.
    super::verbatim::expression(expression, from)?;
    if from == to {
        return Ok(expression.to_string());
    }
    let mut expr = parse(expression, from)
        .map_err(|e| format!("could not be read as {} SQL ({e})", from.product()))?;
    let mut problem = None;
    let _ = visit_expressions_mut(&mut expr, |e| {
        if let Err(why) = text_comparison::restate(e, from, to, names) {
            problem = Some(why);
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    });
    if let Some(why) = problem {
        return Err(why);
    }
    let _ = visit_expressions_mut(&mut expr, |e| {
        if let Err(why) = rewrite(e, from, to, names) {
            problem = Some(why);
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    });
    if problem.is_none() && to != Dialect::Postgres {
        // An array not turned into an IN list on the way.
        let _ = visit_expressions_mut(&mut expr, |e| {
            if matches!(e, Expr::Array(_)) {
                problem = Some(format!("{} has no array values", to.product()));
                return ControlFlow::Break(());
            }
            ControlFlow::Continue(())
        });
    }
    match problem {
        Some(why) => Err(why),
        None => Ok(expr.to_string()),
    }
}

/// A number or a plain string (`0`, `-1.5`, `'draft'`), the same in every dialect: most
/// defaults are, and they need no parse.
fn plain_literal(text: &str) -> bool {
    let number = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && text.chars().any(|c| c.is_ascii_digit());
    let string = text.len() >= 2
        && text.starts_with('\'')
        && text.ends_with('\'')
        && !text[1..text.len() - 1].contains(['\'', '\\'])
        && !text.chars().any(char::is_control)
        && !text.starts_with("'0000-00-00");
    number || string
}

/// The keyword for the current moment as `data_type` (`'now'::date` is CURRENT_DATE).
fn now_keyword(data_type: &ast::DataType) -> Option<&'static str> {
    match data_type {
        ast::DataType::Date => Some("CURRENT_DATE"),
        ast::DataType::Time(..) => Some("CURRENT_TIME"),
        ast::DataType::Timestamp(..) | ast::DataType::Datetime(..) => Some("CURRENT_TIMESTAMP"),
        _ => None,
    }
}

/// A column's default for `to`: converted from the dialect it was written in, with a boolean
/// column's `0`/`1` as PostgreSQL's `false`/`true`.
pub fn default_for(
    column: &Column,
    from: Option<Dialect>,
    default: &str,
    to: Dialect,
    written_type: &str,
    names: Names<'_>,
) -> Result<String, String> {
    let Some(from) = from else {
        if !plain_literal(default) {
            super::verbatim::expression(default, to)?;
        }
        return Ok(default.to_string());
    };
    let converted = convert(default, from, to, names)?;
    let boolean =
        column.data_type == DataType::Boolean || written_type.eq_ignore_ascii_case("boolean");
    if boolean && to == Dialect::Postgres && from != Dialect::Postgres {
        let bare = converted.trim_matches(['(', ')', ' ', '\'']);
        match bare {
            "0" => return Ok("false".to_string()),
            "1" => return Ok("true".to_string()),
            _ => {}
        }
    }
    Ok(converted)
}

fn parse(text: &str, dialect: Dialect) -> Result<Expr, sqlparser::parser::ParserError> {
    use sqlparser::dialect::{MsSqlDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
    let parse_with = |d: &dyn sqlparser::dialect::Dialect| crate::sql_parse::expression(d, text);
    match dialect {
        Dialect::Postgres => parse_with(&PostgreSqlDialect {}),
        Dialect::MySql => parse_with(&MySqlDialect {}),
        Dialect::Sqlite => parse_with(&SQLiteDialect {}),
        Dialect::MsSql => parse_with(&MsSqlDialect {}),
    }
}

fn call(name: &str, args: Vec<Expr>) -> Expr {
    Expr::Function(ast::Function {
        name: ObjectName(vec![ObjectNamePart::Identifier(Ident::new(name))]),
        uses_odbc_syntax: false,
        parameters: FunctionArguments::None,
        args: FunctionArguments::List(ast::FunctionArgumentList {
            duplicate_treatment: None,
            args: args
                .into_iter()
                .map(|a| FunctionArg::Unnamed(FunctionArgExpr::Expr(a)))
                .collect(),
            clauses: Vec::new(),
        }),
        filter: None,
        null_treatment: None,
        over: None,
        within_group: Vec::new(),
    })
}

/// A bare keyword-like value (`CURRENT_TIMESTAMP`), printed as it is.
fn keyword(word: &str) -> Expr {
    Expr::Identifier(Ident::new(word))
}

fn arguments(function: &ast::Function) -> Option<Vec<Expr>> {
    match &function.args {
        FunctionArguments::None => Some(Vec::new()),
        FunctionArguments::List(list) => list
            .args
            .iter()
            .map(|a| match a {
                FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) => Some(e.clone()),
                _ => None,
            })
            .collect(),
        FunctionArguments::Subquery(_) => None,
    }
}

/// The functions every target knows under the same name and meaning.
const PORTABLE_FUNCTIONS: &[&str] = &[
    "lower", "upper", "coalesce", "abs", "round", "trim", "ltrim", "rtrim", "replace", "nullif",
    "floor", "ceiling", "sign",
];

fn rewrite(expr: &mut Expr, from: Dialect, to: Dialect, names: Names<'_>) -> Result<(), String> {
    let target = to.product();
    match expr {
        // A column's name, written as the target needs it (`index` is reserved in MySQL, `Lock`
        // keeps its case in PostgreSQL only when quoted).
        Expr::Identifier(ident) => match names(ident) {
            Some(column) => *ident = Ident::new(column.written),
            None => requote(ident, to),
        },
        Expr::CompoundIdentifier(parts) => parts.iter_mut().for_each(|p| requote(p, to)),
        // PostgreSQL's `'now'::date`: the current date or time, not the word.
        Expr::Cast {
            expr: inner,
            data_type,
            ..
        } if to != Dialect::Postgres
            && is_now_literal(inner)
            && now_keyword(data_type).is_some() =>
        {
            *expr = keyword(now_keyword(data_type).unwrap_or("CURRENT_TIMESTAMP"));
        }
        // An interval is no string: without PostgreSQL's cast the arithmetic would change.
        Expr::Cast {
            data_type: ast::DataType::Interval { .. },
            ..
        } if to != Dialect::Postgres => {
            return Err(format!("{target} spells intervals its own way"));
        }
        // PostgreSQL's casts (`''::character varying`, `(x)::text`) only say how to read the
        // value: elsewhere the value is taken as it is.
        Expr::Cast {
            kind: CastKind::DoubleColon,
            expr: inner,
            ..
        } if to != Dialect::Postgres => *expr = (**inner).clone(),
        // MySQL casts only to a few types of its own (CHAR, SIGNED, DATE…): the value as it is.
        Expr::Cast { expr: inner, .. } if to == Dialect::MySql => *expr = (**inner).clone(),
        // `x = ANY (ARRAY['a', 'b'])` → `x IN ('a', 'b')`, which every dialect reads.
        Expr::AnyOp {
            left,
            compare_op: BinaryOperator::Eq,
            right,
            ..
        } if to != Dialect::Postgres => {
            let Some(list) = array_items(right) else {
                return Err(format!("{target} has no = ANY over a non-literal array"));
            };
            *expr = Expr::In {
                expr: left.clone(),
                target: ast::InTarget::List(list),
                negated: false,
                global: false,
            };
        }
        Expr::AllOp {
            left,
            compare_op: BinaryOperator::NotEq,
            right,
        } if to != Dialect::Postgres => {
            let Some(list) = array_items(right) else {
                return Err(format!("{target} has no <> ALL over a non-literal array"));
            };
            *expr = Expr::In {
                expr: left.clone(),
                target: ast::InTarget::List(list),
                negated: true,
                global: false,
            };
        }
        Expr::AnyOp { .. } | Expr::AllOp { .. } if to != Dialect::Postgres => {
            return Err(format!("{target} has no ANY/ALL comparisons"));
        }
        // Regular expressions: MySQL's REGEXP; SQLite and SQL Server have none built in.
        Expr::BinaryOp { left, op, right }
            if matches!(
                op,
                BinaryOperator::PGRegexMatch
                    | BinaryOperator::PGRegexIMatch
                    | BinaryOperator::PGRegexNotMatch
                    | BinaryOperator::PGRegexNotIMatch
            ) && to != Dialect::Postgres =>
        {
            if to != Dialect::MySql {
                return Err(format!("{target} has no regular-expression match"));
            }
            let negated = matches!(
                op,
                BinaryOperator::PGRegexNotMatch | BinaryOperator::PGRegexNotIMatch
            );
            *expr = Expr::RLike {
                negated,
                expr: left.clone(),
                pattern: right.clone(),
                regexp: true,
            };
        }
        Expr::RLike { .. } if to != Dialect::MySql => {
            if to != Dialect::Postgres {
                return Err(format!("{target} has no regular-expression match"));
            }
            let Expr::RLike {
                negated,
                expr: left,
                pattern,
                ..
            } = expr.clone()
            else {
                unreachable!()
            };
            *expr = Expr::BinaryOp {
                left,
                op: if negated {
                    BinaryOperator::PGRegexNotMatch
                } else {
                    BinaryOperator::PGRegexMatch
                },
                right: pattern,
            };
        }
        // pg_dump's `~~` and `!~~` are LIKE and NOT LIKE (`~~*`: ILIKE).
        Expr::BinaryOp { left, op, right }
            if matches!(
                op,
                BinaryOperator::PGLikeMatch
                    | BinaryOperator::PGNotLikeMatch
                    | BinaryOperator::PGILikeMatch
                    | BinaryOperator::PGNotILikeMatch
            ) =>
        {
            let negated = matches!(
                op,
                BinaryOperator::PGNotLikeMatch | BinaryOperator::PGNotILikeMatch
            );
            let insensitive = matches!(
                op,
                BinaryOperator::PGILikeMatch | BinaryOperator::PGNotILikeMatch
            );
            *expr = if insensitive && to == Dialect::Postgres {
                Expr::ILike {
                    negated,
                    any: false,
                    expr: left.clone(),
                    pattern: right.clone(),
                    escape_char: None,
                }
            } else {
                Expr::Like {
                    negated,
                    any: false,
                    expr: left.clone(),
                    pattern: right.clone(),
                    escape_char: None,
                }
            };
        }
        // ILIKE: LIKE is already case-insensitive in MySQL's and SQL Server's usual collations
        // and for ASCII in SQLite.
        Expr::ILike {
            negated,
            any: false,
            expr: left,
            pattern,
            escape_char,
        } if to != Dialect::Postgres => {
            *expr = Expr::Like {
                negated: *negated,
                any: false,
                expr: left.clone(),
                pattern: pattern.clone(),
                escape_char: escape_char.clone(),
            };
        }
        // `a || b` is OR in MySQL and `+` in SQL Server: CONCAT in both.
        Expr::BinaryOp {
            left,
            op: BinaryOperator::StringConcat,
            right,
        } if matches!(to, Dialect::MySql | Dialect::MsSql) => {
            *expr = call("CONCAT", vec![(**left).clone(), (**right).clone()]);
        }
        Expr::Convert { .. } if to != Dialect::MsSql => {
            return Err(format!("CONVERT(…) is T-SQL's; {target} casts its own way"));
        }
        // T-SQL adds strings with `+`: elsewhere that is arithmetic.
        Expr::BinaryOp {
            left,
            op: BinaryOperator::Plus,
            right,
        } if to != Dialect::MsSql && (is_string(left) || is_string(right)) => {
            *expr = match to {
                Dialect::MySql => call("CONCAT", vec![(**left).clone(), (**right).clone()]),
                _ => Expr::BinaryOp {
                    left: left.clone(),
                    op: BinaryOperator::StringConcat,
                    right: right.clone(),
                },
            };
        }
        // `SUBSTRING(s FROM 2 FOR 3)` is standard SQL that SQLite and SQL Server do not read.
        Expr::Substring {
            expr: inner,
            substring_from,
            substring_for,
            special: false,
            ..
        } if matches!(to, Dialect::Sqlite | Dialect::MsSql) => {
            let one = || Expr::Value(Value::Number("1".to_string(), false).into());
            let mut args = vec![
                (**inner).clone(),
                substring_from.as_deref().cloned().unwrap_or_else(one),
            ];
            match (substring_for, to) {
                (Some(length), _) => args.push((**length).clone()),
                (None, Dialect::MsSql) => {
                    return Err(format!("{target}'s SUBSTRING needs a length"));
                }
                (None, _) => {}
            }
            *expr = call(
                if to == Dialect::Sqlite {
                    "substr"
                } else {
                    "SUBSTRING"
                },
                args,
            );
        }
        Expr::Interval(_) if to != Dialect::Postgres => {
            return Err(format!("{target} spells intervals its own way"));
        }
        Expr::Value(value) => literal(&mut value.value, to)?,
        Expr::Function(function) => {
            *expr = function_for(function, from, to)?;
        }
        Expr::Subquery(_)
        | Expr::Exists { .. }
        | Expr::In {
            target: ast::InTarget::Subquery(_) | ast::InTarget::Table { .. },
            ..
        } => {
            return Err("a subquery cannot be a default or a check".to_string());
        }
        _ => {}
    }
    Ok(())
}

/// The current moment, as the visit left it (`now()` has become CURRENT_TIMESTAMP).
fn is_now(expr: &Expr) -> bool {
    match expr {
        Expr::Identifier(ident) => ident.value.eq_ignore_ascii_case("CURRENT_TIMESTAMP"),
        Expr::Function(f) => {
            let name = f.name.to_string().to_ascii_lowercase();
            matches!(name.as_str(), "now" | "getdate" | "current_timestamp")
        }
        _ => false,
    }
}

/// A string literal (`'x'`, `N'x'`).
fn is_string(expr: &Expr) -> bool {
    match expr {
        Expr::Nested(inner) => is_string(inner),
        Expr::Value(value) => matches!(
            value.value,
            Value::SingleQuotedString(_) | Value::NationalStringLiteral(_)
        ),
        _ => false,
    }
}

/// `'now'`, also inside parentheses or a cast to text.
fn is_now_literal(expr: &Expr) -> bool {
    match expr {
        Expr::Nested(inner) | Expr::Cast { expr: inner, .. } => is_now_literal(inner),
        Expr::Value(value) => {
            matches!(&value.value, Value::SingleQuotedString(s) if s.eq_ignore_ascii_case("now"))
        }
        _ => false,
    }
}

fn requote(ident: &mut Ident, to: Dialect) {
    if ident.quote_style.is_some() {
        ident.quote_style = Some(match to {
            Dialect::MySql => '`',
            Dialect::MsSql => '[',
            _ => '"',
        });
    }
}

fn array_items(expr: &Expr) -> Option<Vec<Expr>> {
    match expr {
        Expr::Nested(inner) => array_items(inner),
        Expr::Array(array) => Some(array.elem.clone()),
        Expr::Cast { expr, .. } => array_items(expr),
        _ => None,
    }
}

fn literal(value: &mut Value, to: Dialect) -> Result<(), String> {
    match value {
        Value::SingleQuotedString(text)
            if text.starts_with("0000-00-00") && to != Dialect::MySql =>
        {
            return Err(format!(
                "MySQL's zero date '{text}' is no date in {}",
                to.product()
            ));
        }
        Value::NationalStringLiteral(text) if to != Dialect::MsSql => {
            *value = Value::SingleQuotedString(std::mem::take(text));
        }
        Value::Boolean(b) if to == Dialect::MsSql => {
            *value = Value::Number(if *b { "1" } else { "0" }.to_string(), false);
        }
        _ => {}
    }
    Ok(())
}

/// The common functions in the target's spelling; an unknown function is an error.
fn function_for(function: &ast::Function, from: Dialect, to: Dialect) -> Result<Expr, String> {
    let name = function.name.to_string().to_ascii_lowercase();
    let bare = name
        .rsplit('.')
        .next()
        .unwrap_or(&name)
        .trim_matches(['"', '`', '[', ']']);
    let args = arguments(function)
        .ok_or_else(|| format!("{bare}() with these arguments is not carried"))?;
    let now = || match to {
        Dialect::MsSql => call("getdate", Vec::new()),
        _ => keyword("CURRENT_TIMESTAMP"),
    };
    let converted = match (bare, args.len()) {
        (
            "now"
            | "current_timestamp"
            | "getdate"
            | "sysdatetime"
            | "getutcdate"
            | "localtimestamp"
            | "statement_timestamp"
            | "transaction_timestamp"
            | "clock_timestamp"
            | "sysutcdatetime",
            0,
        ) => now(),
        // `timezone('utc', now())`, as Odoo writes its timestamps' defaults.
        ("timezone", 2) if is_now(&args[1]) => now(),
        // SQLite's `datetime('now')` and `date('now')`.
        ("datetime", 1) if is_now_literal(&args[0]) => now(),
        ("date", 1) if is_now_literal(&args[0]) => keyword("CURRENT_DATE"),
        (
            "gen_random_uuid" | "uuid_generate_v4" | "uuid_generate_v1" | "uuid" | "newid"
            | "newsequentialid" | "uuidv4" | "uuidv7",
            0,
        ) => match to {
            Dialect::Postgres => call("gen_random_uuid", Vec::new()),
            Dialect::MySql => call("uuid", Vec::new()),
            Dialect::MsSql => call("newid", Vec::new()),
            Dialect::Sqlite => call(
                "lower",
                vec![call(
                    "hex",
                    vec![call(
                        "randomblob",
                        vec![Expr::value(Value::Number("16".into(), false))],
                    )],
                )],
            ),
        },
        ("isnull" | "ifnull" | "nvl", 2) => call("COALESCE", args),
        ("len" | "char_length" | "character_length" | "length", 1) => match to {
            Dialect::MsSql => call("LEN", args),
            Dialect::Sqlite => call("length", args),
            _ => call("char_length", args),
        },
        ("substring" | "substr", 2 | 3) => match to {
            Dialect::Sqlite => call("substr", args),
            _ => call("SUBSTRING", args),
        },
        // MySQL's CONCAT is NULL when any part is, as `||` is; PostgreSQL's concat() skips
        // NULLs, and is no immutable function a generated column may call.
        ("concat", _)
            if to == Dialect::Sqlite || (to == Dialect::Postgres && from == Dialect::MySql) =>
        {
            let mut parts = args.into_iter();
            let first = parts.next().ok_or("concat() of nothing")?;
            Expr::Nested(Box::new(parts.fold(first, |left, right| Expr::BinaryOp {
                left: Box::new(left),
                op: BinaryOperator::StringConcat,
                right: Box::new(right),
            })))
        }
        ("concat", _) => call("CONCAT", args),
        ("current_date" | "curdate", 0) => match to {
            Dialect::MsSql => Expr::Cast {
                kind: CastKind::Cast,
                expr: Box::new(call("getdate", Vec::new())),
                data_type: ast::DataType::Date,
                format: None,
            },
            _ => keyword("CURRENT_DATE"),
        },
        (name, _) if PORTABLE_FUNCTIONS.contains(&name) => Expr::Function(function.clone()),
        _ => {
            return Err(format!(
                "{bare}() is not a function {} is known to have",
                to.product()
            ));
        }
    };
    Ok(converted)
}

#[cfg(test)]
mod tests;
