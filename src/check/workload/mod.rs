//! Workload coverage: each sample query is read with sqlparser, and each table it touches is
//! matched against that table's usable indexes (leftmost prefix, equality then one range,
//! ORDER BY direction, IN lists that do not pin order, partial-index implication, expression
//! keys). Unserved filters (IX213), sorts (IX214) and non-sargable predicates (IX216) come
//! with the index that would serve them, built equality → sort → range.

mod access;

use super::Context;
use super::fix::Fix;
use super::index_model::{CanonIndex, KeyItem, KeyTarget, indexes_of};
use super::sink::Sink;
use crate::model::{
    ColumnId, DataType, FindingTarget, IndexKey, IndexMethod, IndexTarget, Query, SortOrder, Table,
    TableId,
};
use access::{Access, Term, Unreadable, accesses};

/// Checks one sample query; returns the tables it reads (what its findings depend on).
pub(super) fn check_query(ctx: &Context, query: &Query, sink: &mut Sink) -> Vec<TableId> {
    if !["IX213", "IX214", "IX216"].iter().any(|c| sink.enabled(c)) {
        return Vec::new();
    }
    match accesses(ctx.schema, &query.sql) {
        Ok(list) => {
            let mut read = Vec::new();
            for access in list {
                if let Some(table) = access.table.and_then(|t| ctx.table(t)) {
                    read.push(table.id);
                    check_access(table, query, &access, sink);
                }
            }
            read
        }
        // A query we cannot read is not a design finding; the inspector shows the error.
        Err(Unreadable::Syntax | Unreadable::NotASelect) => Vec::new(),
    }
}

fn key_matches(key: &KeyItem, term: &Term) -> bool {
    match (&key.target, term) {
        (KeyTarget::Column(a), Term::Column(b)) => a == b,
        (KeyTarget::Expr(a), Term::Expr(b)) => a == b,
        _ => false,
    }
}

fn in_set(key: &KeyItem, set: &std::collections::BTreeSet<Term>) -> bool {
    set.iter().any(|t| key_matches(key, t))
}

/// Whether the partial index's predicate is implied by the query's conjuncts: each index
/// conjunct appears verbatim, or is `c IS NOT NULL` while the query compares c strictly.
fn applicable(index: &CanonIndex, access: &Access, table: &Table) -> bool {
    index.predicate.iter().all(|p| {
        access.conjuncts.contains(p)
            || p.strip_suffix(" is not null").is_some_and(|col| {
                table
                    .columns
                    .iter()
                    .find(|c| c.name.eq_ignore_ascii_case(col))
                    .is_some_and(|c| {
                        let t = Term::Column(c.id);
                        access.eq_single.contains(&t)
                            || access.eq_multi.contains(&t)
                            || access.range.contains(&t)
                            || access.eq_join.contains(&c.id)
                    })
            })
    })
}

fn usable<'i>(
    table: &Table,
    access: &Access,
    indexes: &'i [CanonIndex<'i>],
) -> Vec<&'i CanonIndex<'i>> {
    indexes
        .iter()
        .filter(|i| matches!(i.method, IndexMethod::BTree) && applicable(i, access, table))
        .collect()
}

/// Leading key columns whose values the predicates bound (§3.5).
fn bounded(index: &CanonIndex, access: &Access) -> usize {
    let mut pos = 0;
    while pos < index.keys.len() {
        let key = &index.keys[pos];
        let eq = in_set(key, &access.eq_single)
            || in_set(key, &access.eq_multi)
            || key.column().is_some_and(|c| access.eq_join.contains(&c));
        if !eq {
            break;
        }
        pos += 1;
    }
    let range = pos < index.keys.len() && in_set(&index.keys[pos], &access.range);
    pos + usize::from(range)
}

/// Whether the index yields rows in the ORDER BY's order (forwards or backwards).
fn order_served(index: &CanonIndex, access: &Access) -> bool {
    let pinned = |term: &Term| access.eq_single.contains(term);
    let items: Vec<&(Term, SortOrder, bool)> = access
        .order_by
        .iter()
        .filter(|(t, _, _)| !pinned(t))
        .collect();
    if items.is_empty() {
        return true;
    }
    let mut i = 0;
    let mut sign: Option<bool> = None;
    for (term, order, nulls_first) in items {
        while i < index.keys.len()
            && !key_matches(&index.keys[i], term)
            && access
                .eq_single
                .iter()
                .any(|t| key_matches(&index.keys[i], t))
        {
            i += 1;
        }
        if i == index.keys.len() || !key_matches(&index.keys[i], term) {
            return false;
        }
        let key = &index.keys[i];
        let desc = *order == SortOrder::Desc;
        let s = if (desc, *nulls_first) == (key.desc, key.nulls_first) {
            true
        } else if (desc, *nulls_first) == (!key.desc, !key.nulls_first) {
            false
        } else {
            return false;
        };
        if sign.is_some_and(|prev| prev != s) {
            return false;
        }
        sign = Some(s);
        i += 1;
    }
    true
}

/// Higher ranks first: unique-ish, then ids, then text, dates, and low-cardinality types last.
fn selectivity(table: &Table, term: &Term) -> u8 {
    let Term::Column(id) = term else { return 2 };
    let Some(column) = table.column(*id) else {
        return 0;
    };
    if table.is_unique_column(*id) {
        return 5;
    }
    if table.is_foreign_key_column(*id) || column.name.ends_with("_id") {
        return 4;
    }
    match column.data_type {
        DataType::Boolean | DataType::Enum(_) => 0,
        DataType::Date | DataType::Timestamp | DataType::TimestampTz => 2,
        _ => 3,
    }
}

fn index_key(term: &Term, order: SortOrder) -> IndexKey {
    IndexKey {
        target: match term {
            Term::Column(c) => IndexTarget::Column(*c),
            Term::Expr(e) => IndexTarget::Expression(e.clone()),
        },
        order,
        nulls: None,
        opclass: None,
        prefix: None,
    }
}

/// Equality (most selective first), then the sort when there is a LIMIT, else one range
/// column; at most three keys.
fn suggestion(table: &Table, access: &Access) -> Vec<IndexKey> {
    let mut keys: Vec<IndexKey> = Vec::new();
    let mut used: Vec<Term> = Vec::new();
    let mut eq: Vec<&Term> = access.eq_single.iter().collect();
    eq.sort_by_key(|t| std::cmp::Reverse(selectivity(table, t)));
    let mut multi: Vec<&Term> = access.eq_multi.iter().collect();
    multi.sort_by_key(|t| std::cmp::Reverse(selectivity(table, t)));
    for term in eq.into_iter().chain(multi) {
        keys.push(index_key(term, SortOrder::Asc));
        used.push(term.clone());
    }
    if access.limit && access.owns_order && !access.order_by.is_empty() {
        for (term, order, _) in &access.order_by {
            if !used.contains(term) {
                keys.push(index_key(term, *order));
                used.push(term.clone());
            }
        }
    } else if let Some(range) = access
        .range
        .iter()
        .filter(|t| !used.contains(t))
        .max_by_key(|t| selectivity(table, t))
    {
        keys.push(index_key(range, SortOrder::Asc));
    }
    keys.truncate(3);
    keys
}

fn key_names(table: &Table, keys: &[IndexKey]) -> String {
    keys.iter()
        .map(|k| {
            let name = match &k.target {
                IndexTarget::Column(c) => table.column(*c).map_or("?".into(), |c| c.name.clone()),
                IndexTarget::Expression(e) => e.clone(),
            };
            if k.order == SortOrder::Desc {
                format!("{name} DESC")
            } else {
                name
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn target(table: &Table, query: &Query, columns: Vec<ColumnId>) -> FindingTarget {
    FindingTarget {
        table: Some(table.id),
        query: Some(query.id),
        columns,
        ..FindingTarget::default()
    }
}

fn check_access(table: &Table, query: &Query, access: &Access, sink: &mut Sink) {
    let indexes = indexes_of(table);
    let usable = usable(table, access, &indexes);
    // IX216: function-wrapped predicates no expression index matches.
    for text in &access.expressions {
        let term = Term::Expr(text.clone());
        if usable
            .iter()
            .any(|i| i.keys.first().is_some_and(|k| key_matches(k, &term)))
        {
            continue;
        }
        let keys = vec![index_key(&term, SortOrder::Asc)];
        sink.emit(
            "IX216",
            target(table, query, Vec::new()),
            format!(
                "query \"{}\" filters {} on {text}, which no index on a plain column can serve",
                query.name, table.name
            ),
        )
        .help(format!(
            "Create an expression index on {} (({text})), or compare the column itself.",
            table.name
        ))
        .fix(Fix::CreateIndex {
            table: table.id,
            keys,
        });
    }
    let column_predicates = access
        .eq_single
        .iter()
        .chain(&access.eq_multi)
        .chain(&access.range)
        .any(|t| matches!(t, Term::Column(_)));
    let best = usable.iter().map(|i| bounded(i, access)).max().unwrap_or(0);
    if column_predicates && best == 0 {
        let mut plain = access.clone();
        for set in [&mut plain.eq_single, &mut plain.eq_multi, &mut plain.range] {
            set.retain(|t| matches!(t, Term::Column(_)));
        }
        let keys = suggestion(table, &plain);
        let columns = keys
            .iter()
            .filter_map(|k| match k.target {
                IndexTarget::Column(c) => Some(c),
                IndexTarget::Expression(_) => None,
            })
            .collect();
        sink.emit(
            "IX213",
            target(table, query, columns),
            format!(
                "query \"{}\" filters {} with no index to serve it: a full scan",
                query.name, table.name
            ),
        )
        .help(format!(
            "Create an index on {}({}).",
            table.name,
            key_names(table, &keys)
        ))
        .fix(Fix::CreateIndex {
            table: table.id,
            keys,
        });
    }
    if access.owns_order
        && !access.order_by.is_empty()
        && !usable.iter().any(|i| order_served(i, access))
    {
        let mut keys: Vec<IndexKey> = access
            .eq_single
            .iter()
            .filter(|t| matches!(t, Term::Column(_)))
            .map(|t| index_key(t, SortOrder::Asc))
            .collect();
        keys.extend(access.order_by.iter().map(|(t, o, _)| index_key(t, *o)));
        let draft = sink
            .emit(
                "IX214",
                target(table, query, Vec::new()),
                format!(
                    "query \"{}\" sorts {} rows: no index yields them in ORDER BY order{}",
                    query.name,
                    table.name,
                    if access.eq_multi.is_empty() {
                        ""
                    } else {
                        " (an IN list does not keep order)"
                    }
                ),
            )
            .help(format!(
                "An index on {}({}) returns the rows already sorted.",
                table.name,
                key_names(table, &keys)
            ))
            .fix(Fix::CreateIndex {
                table: table.id,
                keys,
            });
        if access.limit {
            draft.severity(crate::model::Severity::Warning);
        }
    }
}

/// How one table a sample query reads is served, as the index checks see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableAccess {
    /// The table.
    pub table: TableId,
    /// How its rows are found.
    pub filter: Served,
    /// How they come in ORDER BY order, where the query sorts by this table's columns only.
    pub order: Option<Served>,
}

/// What serves a part of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Served {
    /// This index (described as the inspector names it: `index orders_placed (placed_at)`).
    By(String),
    /// No index: the one that would, as `table(keys)`.
    Unserved(String),
    /// The query does not filter this table by its own columns (it joins to it, or reads all).
    Everything,
}

/// The verdict of the index checks on `sql`, table by table, or why it cannot be read.
pub fn query_access(schema: &crate::model::Schema, sql: &str) -> Result<Vec<TableAccess>, String> {
    let list = accesses(schema, sql).map_err(|why| match why {
        Unreadable::Syntax => {
            let error = sqlparser::parser::Parser::parse_sql(
                &sqlparser::dialect::PostgreSqlDialect {},
                sql,
            )
            .err()
            .map_or_else(String::new, |e| format!(": {e}"));
            format!("Not SQL that PostgreSQL reads{error}")
        }
        Unreadable::NotASelect => "The index checks read one SELECT, UPDATE or DELETE.".to_string(),
    })?;
    Ok(list
        .into_iter()
        .filter_map(|access| {
            let table = schema.table(access.table?)?;
            let indexes = indexes_of(table);
            let usable = usable(table, &access, &indexes);
            let columns = access
                .eq_single
                .iter()
                .chain(&access.eq_multi)
                .chain(&access.range)
                .any(|t| matches!(t, Term::Column(_)));
            let best = usable
                .iter()
                .map(|i| (bounded(i, &access), *i))
                .filter(|(b, _)| *b > 0)
                .max_by_key(|(b, _)| *b);
            let filter = match best {
                Some((_, index)) => Served::By(index.describe(table)),
                None if columns => {
                    let keys = suggestion(table, &access);
                    Served::Unserved(format!("{}({})", table.name, key_names(table, &keys)))
                }
                None => Served::Everything,
            };
            let order = (access.owns_order && !access.order_by.is_empty()).then(|| {
                match usable.iter().find(|i| order_served(i, &access)) {
                    Some(index) => Served::By(index.describe(table)),
                    None => {
                        let keys: Vec<IndexKey> = access
                            .order_by
                            .iter()
                            .map(|(t, o, _)| index_key(t, *o))
                            .collect();
                        Served::Unserved(format!("{}({})", table.name, key_names(table, &keys)))
                    }
                }
            });
            Some(TableAccess {
                table: table.id,
                filter,
                order,
            })
        })
        .collect())
}

#[cfg(test)]
mod verdict_tests {
    use super::*;

    #[test]
    fn a_query_is_told_the_index_that_serves_it_or_the_one_that_would() {
        let schema = crate::import::import_sql(
            "CREATE TABLE orders (id int PRIMARY KEY, customer_id int, placed_at timestamptz, status text);\n\
             CREATE INDEX orders_customer ON orders (customer_id, placed_at);\n",
            Some(crate::import::Dialect::Postgres),
            "t",
        )
        .schema;
        let one = |sql: &str| query_access(&schema, sql).unwrap().remove(0);
        let served = one("SELECT * FROM orders WHERE customer_id = $1 ORDER BY placed_at DESC");
        assert_eq!(
            served.filter,
            Served::By("index orders_customer (customer_id, placed_at)".into())
        );
        assert_eq!(
            served.order,
            Some(Served::By(
                "index orders_customer (customer_id, placed_at)".into()
            ))
        );
        let unserved = one("SELECT * FROM orders WHERE status = 'open' ORDER BY id");
        assert_eq!(unserved.filter, Served::Unserved("orders(status)".into()));
        assert_eq!(
            unserved.order,
            Some(Served::By("the primary key (id)".into()))
        );
        assert_eq!(
            one("SELECT count(*) FROM orders").filter,
            Served::Everything
        );
        let error = query_access(&schema, "SELECT FROM WHERE").unwrap_err();
        assert!(
            error.starts_with("Not SQL that PostgreSQL reads: "),
            "{error}"
        );
        assert!(
            query_access(&schema, "DROP TABLE orders")
                .unwrap_err()
                .contains("one SELECT")
        );
    }
}
