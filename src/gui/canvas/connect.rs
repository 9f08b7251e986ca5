//! What dropping a column's handle means: a foreign key between the two columns, or, dropped on
//! a table's header, a new column there that references the dragged key.

use crate::model::{
    Column, ColumnId, ConstraintId, Edit, ForeignKey, ReferentialAction, Schema, Table, TableId,
};

/// Where a connection drag was released.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drop {
    /// On a column of a table.
    Column(TableId, ColumnId),
    /// On a table's header.
    Header(TableId),
}

/// The edit a connection from `from` dropped at `drop` makes, if it makes one.
///
/// Column to column: the side whose column is a key (primary or unique) is referenced; when
/// both or neither are, the dragged column references the one it was dropped on. Column to a
/// header: the dragged column is the referenced key and the table gets a new column for it, named
/// `<table>_<column>` (a trailing plural `s` dropped) and typed like the key.
pub fn edit(schema: &Schema, from: (TableId, ColumnId), drop: Drop) -> Option<Edit> {
    match drop {
        Drop::Column(table, column) if (table, column) != from => {
            let from_key = is_key(schema.table(from.0)?, from.1);
            let to_key = is_key(schema.table(table)?, column);
            let (child, parent) = if from_key && !to_key {
                ((table, column), from)
            } else {
                (from, (table, column))
            };
            let fk = foreign_key(
                schema.ids.upcoming(0),
                vec![child.1],
                parent.0,
                vec![parent.1],
            );
            Some(Edit::allocating(
                1,
                Edit::AddForeignKey {
                    table: child.0,
                    foreign_key: fk,
                    index: usize::MAX,
                },
            ))
        }
        Drop::Header(table) if table != from.0 => {
            let parent = schema.table(from.0)?;
            let key = parent.column(from.1)?;
            let base = format!("{}_{}", singular(&parent.name), key.name);
            let data_type = key.data_type.clone();
            let name = free_column_name(schema.table(table)?, &base);
            let mut column = Column::new(schema.ids.upcoming(0), name, data_type);
            column.nullable = true;
            let fk = foreign_key(
                schema.ids.upcoming(1),
                vec![column.id],
                from.0,
                vec![from.1],
            );
            let column_id = column.id;
            Some(Edit::allocating(
                2,
                Edit::Batch(vec![
                    Edit::AddColumn {
                        table,
                        column,
                        index: usize::MAX,
                    },
                    Edit::AddForeignKey {
                        table,
                        foreign_key: ForeignKey {
                            columns: vec![column_id],
                            ..fk
                        },
                        index: usize::MAX,
                    },
                ]),
            ))
        }
        _ => None,
    }
}

fn foreign_key(
    id: ConstraintId,
    columns: Vec<ColumnId>,
    references: TableId,
    referenced_columns: Vec<ColumnId>,
) -> ForeignKey {
    ForeignKey {
        id,
        name: None,
        columns,
        references,
        referenced_columns,
        on_delete: ReferentialAction::NoAction,
        on_update: ReferentialAction::NoAction,
        deferrable: None,
        match_full: false,
    }
}

fn is_key(table: &Table, column: ColumnId) -> bool {
    table
        .primary_key
        .as_ref()
        .is_some_and(|pk| pk.columns == [column])
        || table.uniques.iter().any(|u| u.columns == [column])
}

fn singular(name: &str) -> &str {
    match name.strip_suffix('s') {
        Some(stem) if !stem.is_empty() && !stem.ends_with('s') => stem,
        _ => name,
    }
}

fn free_column_name(table: &Table, base: &str) -> String {
    let taken = |name: &str| {
        table
            .columns
            .iter()
            .any(|c| c.name.eq_ignore_ascii_case(name))
    };
    let names = std::iter::once(base.to_string()).chain((2..).map(|n| format!("{base}_{n}")));
    crate::model::template::first_free(names, taken)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SchemaBuilder, integrity_problems};

    fn shop() -> Schema {
        let mut b = SchemaBuilder::new("shop");
        b.table("customers", (0.0, 0.0), |t| {
            t.column("id", "bigint").pk();
        });
        b.table("orders", (300.0, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("buyer", "bigint");
        });
        b.build().unwrap()
    }

    fn column(schema: &Schema, table: &str, name: &str) -> (TableId, ColumnId) {
        let t = schema.table_named(None, table).unwrap();
        (t.id, t.columns.iter().find(|c| c.name == name).unwrap().id)
    }

    #[test]
    fn a_key_dropped_on_a_plain_column_is_referenced_by_it_whichever_way() {
        for reversed in [false, true] {
            let mut schema = shop();
            let key = column(&schema, "customers", "id");
            let plain = column(&schema, "orders", "buyer");
            let (from, onto) = if reversed { (plain, key) } else { (key, plain) };
            let edit = edit(&schema, from, Drop::Column(onto.0, onto.1)).unwrap();
            edit.apply(&mut schema).unwrap();
            let orders = schema.table(plain.0).unwrap();
            assert_eq!(orders.foreign_keys.len(), 1);
            assert_eq!(orders.foreign_keys[0].columns, [plain.1]);
            assert_eq!(orders.foreign_keys[0].references, key.0);
            assert_eq!(integrity_problems(&schema), []);
        }
    }

    #[test]
    fn a_key_dropped_on_a_header_makes_a_typed_referencing_column() {
        let mut schema = shop();
        let key = column(&schema, "customers", "id");
        let orders = schema.table_named(None, "orders").unwrap().id;
        edit(&schema, key, Drop::Header(orders))
            .unwrap()
            .apply(&mut schema)
            .unwrap();
        let (_, new) = column(&schema, "orders", "customer_id");
        let table = schema.table(orders).unwrap();
        assert_eq!(
            table.column(new).unwrap().data_type,
            crate::model::DataType::BigInt
        );
        assert_eq!(table.foreign_keys[0].columns, [new]);
        assert_eq!(table.foreign_keys[0].referenced_columns, [key.1]);
        assert!(
            edit(&schema, key, Drop::Header(key.0)).is_none(),
            "not onto itself"
        );
        assert!(edit(&schema, key, Drop::Column(key.0, key.1)).is_none());
    }
}
