//! What a view kept as SQL looks like as a table: its columns, derived from its query where
//! sqlparser reads it (each traced to the table column it shows, where it shows one), and the
//! tables it reads. The canvas, Mermaid and DBML draw views from this.

pub use crate::model::verbatim::{ViewColumn, ViewShape};
use crate::model::{ColumnId, Schema, Table, TableId, VerbatimSql};
use sqlparser::ast::{
    Expr, ObjectName, Query, Select, SelectItem, SelectItemQualifiedWildcardKind, SetExpr,
    Statement, TableFactor,
};

/// The shape of `object`, a view or materialized view; `None` for any other kind. A query that
/// sqlparser cannot read gives no columns, and the tables the text names as those it reads.
pub fn view_shape(schema: &Schema, object: &VerbatimSql) -> Option<ViewShape> {
    if !object.kind.ends_with("view") {
        return None;
    }
    let Some(Statement::CreateView(view)) = parse_one(&object.sql, object.dialect) else {
        return Some(ViewShape {
            columns: Vec::new(),
            reads: object.tables(schema).iter().map(|t| t.id).collect(),
        });
    };
    let mut shape = ViewShape::default();
    let mut reads = Vec::new();
    collect_reads(schema, &view.query, &mut reads);
    for table in reads {
        if !shape.reads.contains(&table.id) {
            shape.reads.push(table.id);
        }
    }
    if let Some(select) = first_select(&view.query) {
        shape.columns = projection(schema, select);
    }
    // `CREATE VIEW v (a, b) AS …` names the columns itself.
    for (column, def) in shape.columns.iter_mut().zip(&view.columns) {
        column.name = def.name.value.clone();
    }
    Some(shape)
}

/// The one statement `sql` holds, as sqlparser reads it for `dialect`.
fn parse_one(sql: &str, dialect: crate::model::Dialect) -> Option<Statement> {
    use sqlparser::dialect::{MsSqlDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
    let parse = |d: &dyn sqlparser::dialect::Dialect| {
        crate::sql_parse::parser(d, sql, Default::default())
            .and_then(|mut p| p.parse_statements())
            .ok()
    };
    let statements = match dialect {
        crate::model::Dialect::Postgres => parse(&PostgreSqlDialect {}),
        crate::model::Dialect::MySql => parse(&MySqlDialect {}),
        crate::model::Dialect::Sqlite => parse(&SQLiteDialect {}),
        crate::model::Dialect::MsSql => parse(&MsSqlDialect {}),
    }?;
    let [statement] = <[Statement; 1]>::try_from(statements).ok()?;
    Some(statement)
}

/// Every view of the model with its shape, by its place in [`Schema::verbatim`].
pub fn views(schema: &Schema) -> Vec<(usize, ViewShape)> {
    schema
        .verbatim
        .iter()
        .enumerate()
        .filter_map(|(at, object)| Some((at, view_shape(schema, object)?)))
        .collect()
}

/// The SELECT whose list names a query's columns: the first of a UNION.
fn first_select(query: &Query) -> Option<&Select> {
    let mut body = query.body.as_ref();
    loop {
        match body {
            SetExpr::Select(select) => return Some(select),
            SetExpr::Query(inner) => body = inner.body.as_ref(),
            SetExpr::SetOperation { left, .. } => body = left.as_ref(),
            _ => return None,
        }
    }
}

/// The model's table named `name` (`schema.table` or `table`), in any case.
fn table_named<'s>(schema: &'s Schema, name: &ObjectName) -> Option<&'s Table> {
    let parts: Vec<&str> = name
        .0
        .iter()
        .filter_map(|p| p.as_ident().map(|i| i.value.as_str()))
        .collect();
    let table_name = parts.last()?;
    let qualifier = parts.len().checked_sub(2).map(|i| parts[i]);
    schema.tables.iter().find(|t| {
        t.name.eq_ignore_ascii_case(table_name)
            && qualifier.is_none_or(|q| {
                t.schema
                    .as_deref()
                    .is_some_and(|s| s.eq_ignore_ascii_case(q))
                    || (t.schema.is_none() && q.eq_ignore_ascii_case("public"))
            })
    })
}

/// The tables a select list's names refer to: (the name or alias it goes by, the table).
fn scope<'s>(schema: &'s Schema, select: &Select) -> Vec<(String, &'s Table)> {
    let mut refs = Vec::new();
    let mut add = |factor: &TableFactor| {
        if let TableFactor::Table { name, alias, .. } = factor
            && let Some(table) = table_named(schema, name)
        {
            let key = alias
                .as_ref()
                .map_or_else(|| table.name.clone(), |a| a.name.value.clone());
            refs.push((key.to_lowercase(), table));
        }
    };
    for item in &select.from {
        add(&item.relation);
        for join in &item.joins {
            add(&join.relation);
        }
    }
    refs
}

/// Every model table read anywhere in `query`: its FROMs and JOINs, nested queries included.
fn collect_reads<'s>(schema: &'s Schema, query: &Query, out: &mut Vec<&'s Table>) {
    use sqlparser::ast::{Visit, Visitor};
    use std::ops::ControlFlow;
    struct Relations<'a, 's> {
        schema: &'s Schema,
        out: &'a mut Vec<&'s Table>,
    }
    impl Visitor for Relations<'_, '_> {
        type Break = ();
        fn pre_visit_relation(&mut self, relation: &ObjectName) -> ControlFlow<()> {
            if let Some(table) = table_named(self.schema, relation) {
                self.out.push(table);
            }
            ControlFlow::Continue(())
        }
    }
    let _ = query.visit(&mut Relations { schema, out });
}

fn projection(schema: &Schema, select: &Select) -> Vec<ViewColumn> {
    let refs = scope(schema, select);
    let all_of = |table: &Table| -> Vec<ViewColumn> {
        table
            .columns
            .iter()
            .map(|c| ViewColumn {
                name: c.name.clone(),
                source: Some((table.id, c.id)),
            })
            .collect()
    };
    let mut columns = Vec::new();
    for item in &select.projection {
        match item {
            SelectItem::Wildcard(_) => {
                for (_, table) in &refs {
                    columns.extend(all_of(table));
                }
            }
            SelectItem::QualifiedWildcard(SelectItemQualifiedWildcardKind::ObjectName(name), _) => {
                let qualifier = name
                    .0
                    .last()
                    .and_then(|p| p.as_ident())
                    .map(|i| i.value.to_lowercase());
                if let Some((_, table)) = refs.iter().find(|(k, _)| Some(k) == qualifier.as_ref()) {
                    columns.extend(all_of(table));
                }
            }
            SelectItem::UnnamedExpr(expr) => {
                let source = source(&refs, expr);
                let name = match expr {
                    Expr::Identifier(ident) => ident.value.clone(),
                    Expr::CompoundIdentifier(parts) => {
                        parts.last().map(|i| i.value.clone()).unwrap_or_default()
                    }
                    other => other.to_string(),
                };
                columns.push(ViewColumn { name, source });
            }
            SelectItem::ExprWithAlias { expr, alias } => columns.push(ViewColumn {
                name: alias.value.clone(),
                source: source(&refs, expr),
            }),
            SelectItem::ExprWithAliases { expr, aliases } => {
                for alias in aliases {
                    columns.push(ViewColumn {
                        name: alias.value.clone(),
                        source: source(&refs, expr),
                    });
                }
            }
            SelectItem::QualifiedWildcard(SelectItemQualifiedWildcardKind::Expr(expr), _) => {
                columns.push(ViewColumn {
                    name: format!("{expr}.*"),
                    source: None,
                });
            }
        }
    }
    columns
}

/// The table column `expr` shows unchanged (`email`, `c.email`), if it names one.
fn source(refs: &[(String, &Table)], expr: &Expr) -> Option<(TableId, ColumnId)> {
    let (qualifier, name) = match expr {
        Expr::Identifier(ident) => (None, ident.value.as_str()),
        Expr::CompoundIdentifier(parts) if parts.len() >= 2 => (
            Some(parts[parts.len() - 2].value.to_lowercase()),
            parts[parts.len() - 1].value.as_str(),
        ),
        Expr::Nested(inner) => return source(refs, inner),
        _ => return None,
    };
    refs.iter()
        .filter(|(key, _)| qualifier.as_ref().is_none_or(|q| q == key))
        .find_map(|(_, table)| {
            table
                .columns
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(name))
                .map(|c| (table.id, c.id))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shop() -> Schema {
        crate::import::import_sql(
            "CREATE TABLE customers (id int PRIMARY KEY, email text, city text);\n\
             CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, total numeric);\n\
             CREATE TABLE refunds (order_id int, amount numeric);\n",
            Some(crate::import::Dialect::Postgres),
            "t",
        )
        .schema
    }

    fn view(sql: &str) -> VerbatimSql {
        VerbatimSql {
            kind: "view".into(),
            name: "v".into(),
            dialect: crate::model::Dialect::Postgres,
            sql: sql.into(),
        }
    }

    #[test]
    fn a_views_columns_are_traced_to_the_columns_they_show() {
        let schema = shop();
        let table = |n: &str| schema.tables.iter().find(|t| t.name == n).unwrap();
        let shape = view_shape(
            &schema,
            &view(
                "CREATE VIEW big_spenders AS SELECT c.email, o.total AS spent, count(*), o.* \
                 FROM customers c JOIN orders o ON o.customer_id = c.id \
                 WHERE o.id NOT IN (SELECT order_id FROM refunds)",
            ),
        )
        .unwrap();
        let names: Vec<&str> = shape.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["email", "spent", "count(*)", "id", "customer_id", "total"]
        );
        let email = table("customers").column_named("email").unwrap().id;
        assert_eq!(
            shape.columns[0].source,
            Some((table("customers").id, email))
        );
        assert_eq!(shape.columns[2].source, None);
        assert_eq!(
            shape.reads,
            [
                table("customers").id,
                table("orders").id,
                table("refunds").id
            ]
        );
    }

    #[test]
    fn named_columns_a_star_and_an_unreadable_query() {
        let schema = shop();
        let shape = view_shape(
            &schema,
            &view("CREATE VIEW v (who, place) AS SELECT email, city FROM customers"),
        )
        .unwrap();
        let names: Vec<&str> = shape.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["who", "place"]);
        let star = view_shape(&schema, &view("CREATE VIEW v AS SELECT * FROM refunds")).unwrap();
        assert_eq!(star.columns.len(), 2);
        let odd = view_shape(
            &schema,
            &view("CREATE VIEW v AS SELECT FANCY SYNTAX FROM orders WHERE ???"),
        )
        .unwrap();
        assert!(odd.columns.is_empty());
        assert_eq!(odd.reads.len(), 1);
        let function = VerbatimSql {
            kind: "function".into(),
            ..view("CREATE FUNCTION f() RETURNS int AS 'SELECT 1' LANGUAGE sql")
        };
        assert_eq!(view_shape(&schema, &function), None);
    }
}
