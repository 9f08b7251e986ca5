//! IN317: CHECK constraints that name missing columns, that no row can satisfy, or that always
//! hold. The solver is deliberately small: NULL logic and single-column intervals with numbers.

use super::super::index_model::flatten_and;
use super::super::sink::Sink;
use crate::model::{CheckConstraint, FindingTarget, Severity, Table};
use sqlparser::ast::{BinaryOperator, Expr, Value, visit_expressions};
use sqlparser::dialect::PostgreSqlDialect;
use std::collections::BTreeMap;
use std::ops::ControlFlow;

/// Words that parse as identifiers but are values.
const NOT_COLUMNS: &[&str] = &[
    "current_date",
    "current_time",
    "current_timestamp",
    "localtime",
    "localtimestamp",
    "current_user",
    "session_user",
    "user",
    "true",
    "false",
    "null",
];

pub(super) fn check_constraints(table: &Table, sink: &mut Sink) {
    for check in &table.checks {
        let Ok(expr) = crate::sql_parse::expression(&PostgreSqlDialect {}, &check.expression)
        else {
            continue; // dialect syntax we cannot read is kept as written, not judged
        };
        let at = FindingTarget {
            constraint: Some(check.id),
            ..FindingTarget::of_columns(table.id, Vec::new())
        };
        let unknown = unknown_columns(table, &expr);
        if !unknown.is_empty() {
            sink.emit(
                "IN317",
                at,
                format!(
                    "CHECK {} of {} names {} not in the table",
                    label(check),
                    table.name,
                    unknown.join(", ")
                ),
            )
            .help("Fix the column name, or remove the check.");
            continue;
        }
        if let Some(why) = unsatisfiable(table, &expr) {
            sink.emit(
                "IN317",
                at,
                format!(
                    "CHECK {} of {} can never hold: {why}",
                    label(check),
                    table.name
                ),
            )
            .help("Every insert would fail; correct the condition.");
        } else if let Some(why) = tautology(table, &expr) {
            sink.emit(
                "IN317",
                at,
                format!(
                    "CHECK {} of {} always holds: {why}",
                    label(check),
                    table.name
                ),
            )
            .severity(Severity::Info)
            .help("It enforces nothing; remove it or state the intended rule.");
        }
    }
}

fn label(check: &CheckConstraint) -> String {
    check
        .name
        .clone()
        .unwrap_or_else(|| format!("({})", check.expression))
}

fn column_name(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Identifier(ident) => Some(ident.value.clone()),
        Expr::CompoundIdentifier(parts) => parts.last().map(|i| i.value.clone()),
        Expr::Nested(inner) => column_name(inner),
        _ => None,
    }
}

fn unknown_columns(table: &Table, expr: &Expr) -> Vec<String> {
    let mut unknown = Vec::new();
    let _ = visit_expressions(expr, |e| {
        if let Some(name) = column_name(e)
            && !NOT_COLUMNS.contains(&name.to_ascii_lowercase().as_str())
            && !table
                .columns
                .iter()
                .any(|c| c.name.eq_ignore_ascii_case(&name))
            && !unknown.contains(&name)
        {
            unknown.push(name);
        }
        ControlFlow::<()>::Continue(())
    });
    unknown
}

fn is_not_null(table: &Table, name: &str) -> bool {
    table
        .columns
        .iter()
        .any(|c| c.name.eq_ignore_ascii_case(name) && !c.nullable)
}

fn number(expr: &Expr) -> Option<f64> {
    match expr {
        Expr::Value(v) => match &v.value {
            Value::Number(n, _) => n.parse().ok(),
            _ => None,
        },
        Expr::UnaryOp { op, expr } if op.to_string() == "-" => number(expr).map(|n| -n),
        Expr::Nested(inner) => number(inner),
        _ => None,
    }
}

/// A bound on a column: `(value, inclusive)`.
#[derive(Default)]
struct Interval {
    low: Option<(f64, bool)>,
    high: Option<(f64, bool)>,
}

impl Interval {
    fn raise_low(&mut self, v: f64, inclusive: bool) {
        if self
            .low
            .is_none_or(|(l, inc)| v > l || (v == l && !inclusive && inc))
        {
            self.low = Some((v, inclusive));
        }
    }
    fn lower_high(&mut self, v: f64, inclusive: bool) {
        if self
            .high
            .is_none_or(|(h, inc)| v < h || (v == h && !inclusive && inc))
        {
            self.high = Some((v, inclusive));
        }
    }
    fn empty(&self) -> bool {
        match (self.low, self.high) {
            (Some((l, li)), Some((h, hi))) => l > h || (l == h && !(li && hi)),
            _ => false,
        }
    }
}

fn unsatisfiable(table: &Table, expr: &Expr) -> Option<String> {
    let mut parts = Vec::new();
    collect_and(expr, &mut parts);
    let mut intervals: BTreeMap<String, Interval> = BTreeMap::new();
    for part in parts {
        match part {
            Expr::IsNull(inner) => {
                if let Some(name) = column_name(inner).filter(|n| is_not_null(table, n)) {
                    return Some(format!("{name} IS NULL on a NOT NULL column"));
                }
            }
            Expr::BinaryOp { left, op, right } => {
                let (name, value, op) = match (
                    column_name(left),
                    number(right),
                    column_name(right),
                    number(left),
                ) {
                    (Some(n), Some(v), _, _) => (n, v, op.clone()),
                    (_, _, Some(n), Some(v)) => (n, v, flip(op)?),
                    _ => continue,
                };
                let interval = intervals.entry(name.to_ascii_lowercase()).or_default();
                match op {
                    BinaryOperator::Gt => interval.raise_low(value, false),
                    BinaryOperator::GtEq => interval.raise_low(value, true),
                    BinaryOperator::Lt => interval.lower_high(value, false),
                    BinaryOperator::LtEq => interval.lower_high(value, true),
                    BinaryOperator::Eq => {
                        interval.raise_low(value, true);
                        interval.lower_high(value, true);
                    }
                    _ => {}
                }
                if interval.empty() {
                    return Some(format!("the bounds on {name} exclude every value"));
                }
            }
            _ => {}
        }
    }
    None
}

fn flip(op: &BinaryOperator) -> Option<BinaryOperator> {
    Some(match op {
        BinaryOperator::Gt => BinaryOperator::Lt,
        BinaryOperator::GtEq => BinaryOperator::LtEq,
        BinaryOperator::Lt => BinaryOperator::Gt,
        BinaryOperator::LtEq => BinaryOperator::GtEq,
        BinaryOperator::Eq => BinaryOperator::Eq,
        _ => return None,
    })
}

fn collect_and<'e>(expr: &'e Expr, out: &mut Vec<&'e Expr>) {
    match expr {
        Expr::Nested(inner) => collect_and(inner, out),
        Expr::BinaryOp {
            left,
            op: BinaryOperator::And,
            right,
        } => {
            collect_and(left, out);
            collect_and(right, out);
        }
        other => out.push(other),
    }
}

fn tautology(table: &Table, expr: &Expr) -> Option<String> {
    let mut canonical = Vec::new();
    flatten_and(expr, &mut canonical);
    let mut parts = Vec::new();
    collect_and(expr, &mut parts);
    // Only a check whose every part always holds is a tautology.
    let mut reasons = Vec::new();
    for part in parts {
        let reason = match part {
            Expr::IsNotNull(inner) => column_name(inner)
                .filter(|n| is_not_null(table, n))
                .map(|n| format!("{n} is already NOT NULL")),
            Expr::Value(v) if v.value == Value::Boolean(true) => Some("TRUE".to_string()),
            Expr::BinaryOp {
                left,
                op: BinaryOperator::Eq,
                right,
            } if left.to_string() == right.to_string() => column_name(left)
                .filter(|n| is_not_null(table, n))
                .map(|_| format!("{part} compares a value with itself"))
                .or_else(|| number(left).map(|_| format!("{part} is constant"))),
            _ => None,
        };
        reasons.push(reason?);
    }
    Some(reasons.join("; "))
}
