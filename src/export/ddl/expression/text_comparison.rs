//! Whether text compares with or without regard to case differs between dialects, and a check
//! carried across must accept the same rows: PostgreSQL's and SQLite's `=`, `IN`, `GLOB` and
//! `~` see case, and so does PostgreSQL's `LIKE`; MySQL's and SQL Server's usual collations do
//! not, nor does SQLite's `LIKE`. Each text comparison is restated so the target compares as the
//! source did: a binary (or case-sensitive) collation where the target would ignore case, and
//! `lower()` on both sides, `ILIKE` or `~*` where the target would see it.

use super::{Names, call};
use crate::model::Dialect;
use sqlparser::ast::{self, BinaryOperator, Expr, Ident, ObjectName, ObjectNamePart, Value};

/// Whether `dialect`'s usual collation ignores case in `=`, `IN` and `LIKE`.
fn ignores_case(dialect: Dialect) -> bool {
    matches!(dialect, Dialect::MySql | Dialect::MsSql)
}

/// One node of the tree, its children done already (the visit is bottom-up).
pub fn restate(
    expr: &mut Expr,
    from: Dialect,
    to: Dialect,
    names: Names<'_>,
) -> Result<(), String> {
    if from == to {
        return Ok(());
    }
    let text = |e: &Expr| is_text(e, names);
    match expr {
        Expr::BinaryOp { left, op, right } if is_comparison(op) && (text(left) || text(right)) => {
            if ignores_case(from) && !ignores_case(to) {
                fold_case(left);
                fold_case(right);
            } else if !ignores_case(from) && ignores_case(to) {
                case_sensitive(left, to);
            }
        }
        Expr::In {
            expr: left,
            target: ast::InTarget::List(list),
            ..
        } if text(left) || list.iter().any(text) => {
            if ignores_case(from) && !ignores_case(to) {
                fold_case(left);
                list.iter_mut().for_each(fold_case);
            } else if !ignores_case(from) && ignores_case(to) {
                case_sensitive(left, to);
            }
        }
        Expr::Like {
            negated,
            expr: left,
            pattern,
            escape_char,
            any: false,
        } => {
            // SQLite's LIKE ignores case like MySQL's; PostgreSQL's alone sees it.
            let source_sees_case = from == Dialect::Postgres;
            let target_sees_case = to == Dialect::Postgres;
            if source_sees_case && !target_sees_case {
                if to == Dialect::Sqlite {
                    let glob = escape_char
                        .is_none()
                        .then(|| like_to_glob(pattern))
                        .flatten()
                        .ok_or("SQLite's LIKE ignores case, and the pattern is no literal to make a GLOB of")?;
                    *expr = Expr::BinaryOp {
                        left: left.clone(),
                        op: BinaryOperator::Glob,
                        right: Box::new(glob),
                    };
                } else {
                    case_sensitive(left, to);
                }
            } else if !source_sees_case && target_sees_case {
                *expr = Expr::ILike {
                    negated: *negated,
                    any: false,
                    expr: left.clone(),
                    pattern: pattern.clone(),
                    escape_char: escape_char.clone(),
                };
            }
        }
        // PostgreSQL's `~` sees case; MySQL's REGEXP does not, but for a binary collation.
        Expr::BinaryOp {
            left,
            op: BinaryOperator::PGRegexMatch | BinaryOperator::PGRegexNotMatch,
            ..
        } if to == Dialect::MySql => case_sensitive(left, to),
        Expr::RLike {
            negated,
            expr: left,
            pattern,
            ..
        } if from == Dialect::MySql && to == Dialect::Postgres => {
            *expr = Expr::BinaryOp {
                left: left.clone(),
                op: if *negated {
                    BinaryOperator::PGRegexNotIMatch
                } else {
                    BinaryOperator::PGRegexIMatch
                },
                right: pattern.clone(),
            };
        }
        // SQLite's GLOB: a case-sensitive LIKE with other wildcards.
        Expr::BinaryOp {
            left,
            op: BinaryOperator::Glob,
            right,
        } if to != Dialect::Sqlite => {
            let pattern = glob_to_like(right)
                .ok_or("the GLOB pattern is no literal of * and ? to make a LIKE of")?;
            let mut left = left.clone();
            if to != Dialect::Postgres {
                case_sensitive(&mut left, to);
            }
            *expr = Expr::Like {
                negated: false,
                any: false,
                expr: left,
                pattern: Box::new(pattern),
                escape_char: None,
            };
        }
        _ => {}
    }
    Ok(())
}

fn is_comparison(op: &BinaryOperator) -> bool {
    matches!(
        op,
        BinaryOperator::Eq
            | BinaryOperator::NotEq
            | BinaryOperator::Lt
            | BinaryOperator::LtEq
            | BinaryOperator::Gt
            | BinaryOperator::GtEq
    )
}

/// Whether `expr` is text: a text column, a string, or what makes one.
fn is_text(expr: &Expr, names: Names<'_>) -> bool {
    const TEXT_FUNCTIONS: &[&str] = &[
        "lower",
        "upper",
        "trim",
        "ltrim",
        "rtrim",
        "concat",
        "substr",
        "substring",
        "replace",
        "left",
        "right",
        "lpad",
        "rpad",
    ];
    match expr {
        Expr::Identifier(ident) => names(ident).is_some_and(|c| c.text),
        Expr::Value(value) => matches!(
            value.value,
            Value::SingleQuotedString(_)
                | Value::DoubleQuotedString(_)
                | Value::NationalStringLiteral(_)
                | Value::EscapedStringLiteral(_)
        ),
        Expr::Function(f) => {
            let name = f.name.to_string().to_ascii_lowercase();
            TEXT_FUNCTIONS.contains(&name.as_str())
                || (name == "coalesce"
                    && matches!(&f.args, ast::FunctionArguments::List(list)
                        if list.args.iter().any(|a| matches!(a,
                            ast::FunctionArg::Unnamed(ast::FunctionArgExpr::Expr(e)) if is_text(e, names)))))
        }
        Expr::Substring { .. } | Expr::Trim { .. } | Expr::Collate { .. } => true,
        Expr::BinaryOp {
            op: BinaryOperator::StringConcat,
            ..
        } => true,
        Expr::Cast {
            data_type, expr, ..
        } => {
            matches!(
                data_type,
                ast::DataType::Text
                    | ast::DataType::Varchar(_)
                    | ast::DataType::CharacterVarying(_)
                    | ast::DataType::Char(_)
                    | ast::DataType::Character(_)
            ) || is_text(expr, names)
        }
        Expr::Nested(inner) => is_text(inner, names),
        _ => false,
    }
}

/// `x` compared without case: a string literal lower-cased, anything else in `lower()`.
fn fold_case(expr: &mut Expr) {
    if let Expr::Value(value) = expr
        && let Value::SingleQuotedString(text) = &mut value.value
    {
        *text = text.to_lowercase();
        return;
    }
    if matches!(expr, Expr::Value(_)) {
        return;
    }
    *expr = call("lower", vec![expr.clone()]);
}

/// `x` in a collation of `to` that sees case.
fn case_sensitive(expr: &mut Expr, to: Dialect) {
    let collation = match to {
        Dialect::MySql => "utf8mb4_bin",
        Dialect::MsSql => "Latin1_General_CS_AS",
        _ => return,
    };
    let inner = match &*expr {
        Expr::Identifier(_)
        | Expr::Function(_)
        | Expr::Value(_)
        | Expr::Nested(_)
        | Expr::Substring { .. } => expr.clone(),
        other => Expr::Nested(Box::new(other.clone())),
    };
    *expr = Expr::Collate {
        expr: Box::new(inner),
        collation: ObjectName(vec![ObjectNamePart::Identifier(Ident::new(collation))]),
    };
}

fn string_literal(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Value(value) => match &value.value {
            Value::SingleQuotedString(text) => Some(text),
            _ => None,
        },
        Expr::Nested(inner) => string_literal(inner),
        _ => None,
    }
}

fn string(text: String) -> Expr {
    Expr::Value(Value::SingleQuotedString(text).into())
}

/// A LIKE pattern as a GLOB: `%` is `*`, `_` is `?`, and GLOB's own wildcards in brackets.
fn like_to_glob(pattern: &Expr) -> Option<Expr> {
    let text = string_literal(pattern)?;
    let mut glob = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => glob.push('*'),
            '_' => glob.push('?'),
            '*' | '?' | '[' => {
                glob.push('[');
                glob.push(c);
                glob.push(']');
            }
            // PostgreSQL's LIKE escapes with a backslash by default.
            '\\' => return None,
            _ => glob.push(c),
        }
    }
    Some(string(glob))
}

/// A GLOB pattern of `*` and `?` as a LIKE pattern; `None` for character classes.
fn glob_to_like(pattern: &Expr) -> Option<Expr> {
    let text = string_literal(pattern)?;
    let mut like = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '*' => like.push('%'),
            '?' => like.push('_'),
            '[' | ']' | '%' | '_' | '\\' => return None,
            _ => like.push(c),
        }
    }
    Some(string(like))
}
