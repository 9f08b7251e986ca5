//! Reading a sample query into table accesses: per table reference, the columns it pins with
//! equality, bounds with a range, joins on, sorts by, and the predicates no plain index serves.

use crate::model::{ColumnId, Schema, SortOrder, Table, TableId};
use sqlparser::ast::{
    BinaryOperator, Expr, FromTable, InTarget, JoinConstraint, JoinOperator, LimitClause,
    OrderByKind, OrderBySort, Query, SetExpr, Statement, TableFactor, TableWithJoins, Value,
    visit_expressions_mut,
};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use std::collections::BTreeSet;
use std::ops::ControlFlow;

/// A column or an expression over the table's columns (canonical text).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Term {
    Column(ColumnId),
    Expr(String),
}

/// One table reference of a query and what the query does with it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Access {
    pub table: Option<TableId>,
    /// `col = const`, `col IS NULL`: one value.
    pub eq_single: BTreeSet<Term>,
    /// `col IN (…)`: several values (bounds the scan, does not pin the order).
    pub eq_multi: BTreeSet<Term>,
    /// `col = other.col`.
    pub eq_join: BTreeSet<ColumnId>,
    /// `<`, `>`, BETWEEN, `LIKE 'prefix%'`.
    pub range: BTreeSet<Term>,
    /// Function-wrapped predicates (`lower(email) = $1`), canonical text.
    pub expressions: BTreeSet<String>,
    /// ORDER BY items on this table, in order.
    pub order_by: Vec<(Term, SortOrder, bool)>,
    /// Whether every ORDER BY item is on this table.
    pub owns_order: bool,
    pub limit: bool,
    /// The WHERE conjuncts on this table, canonical with qualifiers dropped.
    pub conjuncts: BTreeSet<String>,
}

/// Why a query could not be read.
pub(crate) enum Unreadable {
    Syntax,
    NotASelect,
}

struct Scope<'s> {
    schema: &'s Schema,
    /// (alias or name, table).
    refs: Vec<(String, &'s Table)>,
}

pub(crate) fn accesses(schema: &Schema, sql: &str) -> Result<Vec<Access>, Unreadable> {
    let statements =
        Parser::parse_sql(&PostgreSqlDialect {}, sql).map_err(|_| Unreadable::Syntax)?;
    let Some(statement) = statements.into_iter().next() else {
        return Err(Unreadable::NotASelect);
    };
    let (from, selection, query): (Vec<TableWithJoins>, Option<Expr>, Option<Query>) =
        match statement {
            Statement::Query(query) => match query.body.as_ref() {
                SetExpr::Select(select) => (
                    select.from.clone(),
                    select.selection.clone(),
                    Some(*query.clone()),
                ),
                _ => return Err(Unreadable::NotASelect),
            },
            Statement::Update(update) => (vec![update.table], update.selection, None),
            Statement::Delete(delete) => {
                let from = match delete.from {
                    FromTable::WithFromKeyword(f) | FromTable::WithoutKeyword(f) => f,
                };
                (from, delete.selection, None)
            }
            _ => return Err(Unreadable::NotASelect),
        };
    let mut scope = Scope {
        schema,
        refs: Vec::new(),
    };
    let mut predicates = Vec::new();
    for item in &from {
        scope.add(&item.relation);
        for join in &item.joins {
            scope.add(&join.relation);
            let constraint = match &join.join_operator {
                JoinOperator::Join(c)
                | JoinOperator::Inner(c)
                | JoinOperator::Left(c)
                | JoinOperator::LeftOuter(c)
                | JoinOperator::Right(c)
                | JoinOperator::RightOuter(c) => Some(c),
                _ => None,
            };
            if let Some(JoinConstraint::On(on)) = constraint {
                predicates.push(on.clone());
            }
        }
    }
    predicates.extend(selection);
    let mut out: Vec<Access> = scope
        .refs
        .iter()
        .map(|(_, t)| Access {
            table: Some(t.id),
            ..Access::default()
        })
        .collect();
    let mut conjuncts = Vec::new();
    for p in &predicates {
        split_and(p, &mut conjuncts);
    }
    for c in conjuncts {
        scope.classify(c, &mut out);
    }
    if let Some(query) = query {
        scope.order(&query, &mut out);
    }
    Ok(out)
}

fn split_and<'e>(expr: &'e Expr, out: &mut Vec<&'e Expr>) {
    match expr {
        Expr::Nested(inner) => split_and(inner, out),
        Expr::BinaryOp {
            left,
            op: BinaryOperator::And,
            right,
        } => {
            split_and(left, out);
            split_and(right, out);
        }
        other => out.push(other),
    }
}

/// The expression's text with table qualifiers dropped, lower case: how index expressions and
/// predicates are written.
pub(crate) fn unqualified(expr: &Expr) -> String {
    let mut copy = expr.clone();
    let _ = visit_expressions_mut(&mut copy, |e| {
        if let Expr::CompoundIdentifier(parts) = e
            && let Some(last) = parts.last().cloned()
        {
            *e = Expr::Identifier(last);
        }
        ControlFlow::<()>::Continue(())
    });
    while let Expr::Nested(inner) = copy {
        copy = *inner;
    }
    copy.to_string().to_lowercase()
}

fn is_constant(expr: &Expr) -> bool {
    match expr {
        Expr::Value(_) => true,
        Expr::Nested(inner) => is_constant(inner),
        Expr::UnaryOp { expr, .. } => is_constant(expr),
        Expr::Cast { expr, .. } => is_constant(expr),
        // `lower($1)`, `now()`: no column inside.
        Expr::Function(_) => !mentions_column(expr),
        _ => false,
    }
}

fn mentions_column(expr: &Expr) -> bool {
    let mut found = false;
    let mut copy = expr.clone();
    let _ = visit_expressions_mut(&mut copy, |e| {
        if matches!(e, Expr::Identifier(_) | Expr::CompoundIdentifier(_)) {
            found = true;
        }
        ControlFlow::<()>::Continue(())
    });
    found
}

impl<'s> Scope<'s> {
    fn add(&mut self, factor: &TableFactor) {
        let TableFactor::Table { name, alias, .. } = factor else {
            return;
        };
        let parts: Vec<&str> = name
            .0
            .iter()
            .filter_map(|p| p.as_ident().map(|i| i.value.as_str()))
            .collect();
        let Some(table_name) = parts.last() else {
            return;
        };
        let schema_name = parts.len().checked_sub(2).map(|i| parts[i]);
        let found = self.schema.tables.iter().find(|t| {
            t.name.eq_ignore_ascii_case(table_name)
                && schema_name.is_none_or(|s| {
                    t.schema
                        .as_deref()
                        .is_some_and(|ts| ts.eq_ignore_ascii_case(s))
                        || s.eq_ignore_ascii_case("public")
                })
        });
        if let Some(table) = found {
            let key = alias
                .as_ref()
                .map_or_else(|| table_name.to_string(), |a| a.name.value.clone());
            self.refs.push((key.to_ascii_lowercase(), table));
        }
    }

    /// The (access index, column) a column reference names.
    fn column(&self, expr: &Expr) -> Option<(usize, ColumnId)> {
        match expr {
            Expr::Nested(inner) => self.column(inner),
            Expr::Identifier(ident) => {
                let mut hits = self.refs.iter().enumerate().filter_map(|(i, (_, t))| {
                    t.columns
                        .iter()
                        .find(|c| c.name.eq_ignore_ascii_case(&ident.value))
                        .map(|c| (i, c.id))
                });
                let first = hits.next()?;
                hits.next().is_none().then_some(first)
            }
            Expr::CompoundIdentifier(parts) if parts.len() >= 2 => {
                let qualifier = parts[parts.len() - 2].value.to_ascii_lowercase();
                let column = &parts[parts.len() - 1].value;
                let (i, (_, table)) = self
                    .refs
                    .iter()
                    .enumerate()
                    .find(|(_, (key, _))| *key == qualifier)?;
                table
                    .columns
                    .iter()
                    .find(|c| c.name.eq_ignore_ascii_case(column))
                    .map(|c| (i, c.id))
            }
            _ => None,
        }
    }

    /// The access a column-free-but-one-table expression belongs to (`lower(email)`).
    fn expression_owner(&self, expr: &Expr) -> Option<usize> {
        let mut owner: Option<usize> = None;
        let mut ok = true;
        let mut copy = expr.clone();
        let _ = visit_expressions_mut(&mut copy, |e| {
            if matches!(e, Expr::Identifier(_) | Expr::CompoundIdentifier(_)) {
                match (self.column(e), owner) {
                    (Some((i, _)), None) => owner = Some(i),
                    (Some((i, _)), Some(o)) if i == o => {}
                    _ => ok = false,
                }
            }
            ControlFlow::<()>::Continue(())
        });
        owner.filter(|_| ok)
    }

    fn term(&self, expr: &Expr) -> Option<(usize, Term)> {
        if let Some((i, c)) = self.column(expr) {
            return Some((i, Term::Column(c)));
        }
        if matches!(
            expr,
            Expr::Function(_) | Expr::Cast { .. } | Expr::BinaryOp { .. }
        ) {
            let owner = self.expression_owner(expr)?;
            return Some((owner, Term::Expr(unqualified(expr))));
        }
        None
    }

    fn classify(&self, conjunct: &Expr, out: &mut [Access]) {
        let note = |i: usize, out: &mut [Access]| {
            out[i].conjuncts.insert(unqualified(conjunct));
        };
        match conjunct {
            Expr::BinaryOp { left, op, right } => {
                // A join: a column on each side, of different references.
                if let (Some((a, ca)), Some((b, cb))) = (self.column(left), self.column(right))
                    && a != b
                    && *op == BinaryOperator::Eq
                {
                    out[a].eq_join.insert(ca);
                    out[b].eq_join.insert(cb);
                    return;
                }
                let (term, op) = match (
                    self.term(left),
                    is_constant(right),
                    self.term(right),
                    is_constant(left),
                ) {
                    (Some(t), true, _, _) => (t, op.clone()),
                    (_, _, Some(t), true) => (t, mirror(op)),
                    _ => return,
                };
                let (i, term) = term;
                note(i, out);
                if let Term::Expr(text) = &term {
                    out[i].expressions.insert(text.clone());
                }
                match op {
                    BinaryOperator::Eq => {
                        out[i].eq_single.insert(term);
                    }
                    BinaryOperator::Lt
                    | BinaryOperator::LtEq
                    | BinaryOperator::Gt
                    | BinaryOperator::GtEq => {
                        out[i].range.insert(term);
                    }
                    _ => {}
                }
            }
            Expr::IsNull(inner) => {
                if let Some((i, term)) = self.term(inner) {
                    note(i, out);
                    out[i].eq_single.insert(term);
                }
            }
            Expr::IsNotNull(inner) => {
                if let Some((i, _)) = self.term(inner) {
                    note(i, out);
                }
            }
            Expr::In {
                expr,
                target: InTarget::List(_),
                negated: false,
                ..
            } => {
                if let Some((i, term)) = self.term(expr) {
                    note(i, out);
                    out[i].eq_multi.insert(term);
                }
            }
            Expr::AnyOp {
                left,
                compare_op: BinaryOperator::Eq,
                ..
            } => {
                if let Some((i, term)) = self.term(left) {
                    note(i, out);
                    out[i].eq_multi.insert(term);
                }
            }
            Expr::Between {
                expr,
                negated: false,
                ..
            } => {
                if let Some((i, term)) = self.term(expr) {
                    note(i, out);
                    out[i].range.insert(term);
                }
            }
            Expr::Like {
                negated: false,
                expr,
                pattern,
                ..
            } => {
                let prefix = matches!(pattern.as_ref(), Expr::Value(v)
                    if matches!(&v.value, Value::SingleQuotedString(s) if !s.starts_with('%') && !s.starts_with('_')));
                if let Some((i, term)) = self.term(expr) {
                    note(i, out);
                    if prefix {
                        out[i].range.insert(term);
                    }
                }
            }
            _ => {}
        }
    }

    fn order(&self, query: &Query, out: &mut [Access]) {
        let limit = matches!(
            &query.limit_clause,
            Some(LimitClause::LimitOffset { limit: Some(_), .. })
        ) || query.fetch.is_some();
        let Some(order_by) = &query.order_by else {
            for access in out.iter_mut() {
                access.limit = limit;
            }
            return;
        };
        let OrderByKind::Expressions(items) = &order_by.kind else {
            return;
        };
        let mut owner: Option<usize> = None;
        let mut single = true;
        let mut terms = Vec::new();
        for item in items {
            let Some((i, term)) = self.term(&item.expr) else {
                single = false;
                continue;
            };
            if owner.is_some_and(|o| o != i) {
                single = false;
            }
            owner = Some(i);
            let desc = matches!(item.options.sort, Some(OrderBySort::Desc));
            let nulls_first = item.options.nulls_first.unwrap_or(desc);
            terms.push((
                term,
                if desc {
                    SortOrder::Desc
                } else {
                    SortOrder::Asc
                },
                nulls_first,
            ));
        }
        for access in out.iter_mut() {
            access.limit = limit;
        }
        if let (Some(i), true) = (owner, single) {
            out[i].order_by = terms;
            out[i].owns_order = true;
        }
    }
}

fn mirror(op: &BinaryOperator) -> BinaryOperator {
    match op {
        BinaryOperator::Lt => BinaryOperator::Gt,
        BinaryOperator::LtEq => BinaryOperator::GtEq,
        BinaryOperator::Gt => BinaryOperator::Lt,
        BinaryOperator::GtEq => BinaryOperator::LtEq,
        other => other.clone(),
    }
}
