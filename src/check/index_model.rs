//! Indexes in one canonical form for comparing them: primary keys and UNIQUE constraints are
//! unique B-trees that back a constraint, expressions and predicates are normalised text, and a
//! NULLS order left to the default is resolved (PostgreSQL's: last ascending, first descending).

use crate::model::{
    ColumnId, ConstraintId, IndexId, IndexMethod, IndexTarget, NullsOrder, SortOrder, Table,
};
use sqlparser::ast::{BinaryOperator, Expr};
use sqlparser::dialect::PostgreSqlDialect;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KeyTarget {
    Column(ColumnId),
    Expr(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct KeyItem {
    pub target: KeyTarget,
    pub desc: bool,
    pub nulls_first: bool,
    pub opclass: Option<String>,
}

impl KeyItem {
    pub fn column(&self) -> Option<ColumnId> {
        match self.target {
            KeyTarget::Column(c) => Some(c),
            KeyTarget::Expr(_) => None,
        }
    }

    /// Same target, operator class (direction is compared separately).
    pub fn same_item(&self, other: &KeyItem) -> bool {
        self.target == other.target && self.opclass == other.opclass
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    PrimaryKey(ConstraintId),
    Unique(ConstraintId),
    Index(IndexId),
}

#[derive(Clone, Debug)]
pub(crate) struct CanonIndex<'t> {
    pub source: Source,
    pub name: Option<&'t str>,
    pub method: &'t IndexMethod,
    pub unique: bool,
    pub keys: Vec<KeyItem>,
    pub include: Vec<ColumnId>,
    /// Canonical conjuncts of the partial-index predicate, sorted.
    pub predicate: Vec<String>,
}

static BTREE: IndexMethod = IndexMethod::BTree;

impl CanonIndex<'_> {
    pub fn backs_constraint(&self) -> bool {
        !matches!(self.source, Source::Index(_))
    }

    pub fn index_id(&self) -> Option<IndexId> {
        match self.source {
            Source::Index(id) => Some(id),
            _ => None,
        }
    }

    pub fn key_columns(&self) -> Vec<ColumnId> {
        self.keys.iter().filter_map(KeyItem::column).collect()
    }

    /// Same method and predicate: the precondition for calling one redundant to the other.
    pub fn same_kind(&self, other: &CanonIndex) -> bool {
        self.method == other.method && self.predicate == other.predicate
    }

    /// A readable name: the index name, or what it backs.
    pub fn describe(&self, table: &Table) -> String {
        let columns: Vec<String> = self
            .keys
            .iter()
            .map(|k| match &k.target {
                KeyTarget::Column(c) => table.column(*c).map_or("?".into(), |c| c.name.clone()),
                KeyTarget::Expr(e) => e.clone(),
            })
            .collect();
        let what = match (self.source, self.name) {
            (Source::PrimaryKey(_), _) => "the primary key".to_string(),
            (Source::Unique(_), Some(name)) => format!("UNIQUE {name}"),
            (Source::Unique(_), None) => "a UNIQUE constraint".to_string(),
            (Source::Index(_), Some(name)) => format!("index {name}"),
            (Source::Index(_), None) => "an unnamed index".to_string(),
        };
        format!("{what} ({})", columns.join(", "))
    }
}

fn column_key(id: ColumnId) -> KeyItem {
    KeyItem {
        target: KeyTarget::Column(id),
        desc: false,
        nulls_first: false,
        opclass: None,
    }
}

/// Every index of the table, constraint-backed ones first.
pub(crate) fn indexes_of(table: &Table) -> Vec<CanonIndex<'_>> {
    let mut out = Vec::new();
    if let Some(pk) = &table.primary_key {
        out.push(CanonIndex {
            source: Source::PrimaryKey(pk.id),
            name: pk.name.as_deref(),
            method: &BTREE,
            unique: true,
            keys: pk.columns.iter().map(|c| column_key(*c)).collect(),
            include: Vec::new(),
            predicate: Vec::new(),
        });
    }
    for u in &table.uniques {
        out.push(CanonIndex {
            source: Source::Unique(u.id),
            name: u.name.as_deref(),
            method: &BTREE,
            unique: true,
            keys: u.columns.iter().map(|c| column_key(*c)).collect(),
            include: Vec::new(),
            predicate: Vec::new(),
        });
    }
    for index in &table.indexes {
        out.push(CanonIndex {
            source: Source::Index(index.id),
            name: index.name.as_deref(),
            method: &index.method,
            unique: index.unique,
            keys: index
                .keys
                .iter()
                .map(|k| {
                    let desc = k.order == SortOrder::Desc;
                    KeyItem {
                        target: match &k.target {
                            IndexTarget::Column(c) => KeyTarget::Column(*c),
                            IndexTarget::Expression(e) => KeyTarget::Expr(canonical_expr(e)),
                        },
                        desc,
                        nulls_first: k.nulls.map_or(desc, |n| n == NullsOrder::First),
                        opclass: k.opclass.clone(),
                    }
                })
                .collect(),
            include: index.include.clone(),
            predicate: index
                .predicate
                .as_deref()
                .map(conjuncts)
                .unwrap_or_default(),
        });
    }
    out
}

fn parse_expr(text: &str) -> Option<Expr> {
    crate::sql_parse::expression(&PostgreSqlDialect {}, text).ok()
}

/// Lower-case text with redundant parentheses and spacing normalised by a parse and re-print.
pub(crate) fn canonical_expr(text: &str) -> String {
    match parse_expr(text) {
        Some(expr) => strip_nested(&expr).to_string().to_lowercase(),
        None => text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    }
}

fn strip_nested(expr: &Expr) -> &Expr {
    match expr {
        Expr::Nested(inner) => strip_nested(inner),
        other => other,
    }
}

/// The AND-ed parts of a predicate, canonical and sorted.
pub(crate) fn conjuncts(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    match parse_expr(text) {
        Some(expr) => flatten_and(&expr, &mut out),
        None => out.push(canonical_expr(text)),
    }
    out.sort();
    out.dedup();
    out
}

pub(crate) fn flatten_and(expr: &Expr, out: &mut Vec<String>) {
    match strip_nested(expr) {
        Expr::BinaryOp {
            left,
            op: BinaryOperator::And,
            right,
        } => {
            flatten_and(left, out);
            flatten_and(right, out);
        }
        other => out.push(other.to_string().to_lowercase()),
    }
}
