//! Copying tables out of one model and pasting them into the same or another one.
//!
//! The copy is plain text (RON), so it travels through the system clipboard between windows.
//! It refers to things outside the copied tables by name, not id: ids are only unique within one
//! model. Pasting gives every object a fresh id, renames tables whose names are taken, keeps the
//! foreign keys between copied tables, and re-attaches a foreign key to a table outside the copy
//! when the target model has a table and columns of those names.

use super::{
    ColumnId, DataType, Edit, ForeignKey, IndexTarget, Point, Schema, Table, TableId,
    template::free_table_name,
};
use crate::model::IdAllocator;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Tables on the clipboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Clip {
    /// Marks the text as ours, so pasting arbitrary text is refused quickly.
    pub schemaboard_tables: u32,
    /// The tables, without foreign keys to tables outside the copy.
    pub tables: Vec<Table>,
    /// Foreign keys to tables outside the copy, by name.
    pub outside: Vec<OutsideReference>,
    /// Enum types used by the copied columns, by id in the source model.
    pub enums: Vec<(u32, String)>,
}

/// A copied table's foreign key to a table that was not copied.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutsideReference {
    /// Index into [`Clip::tables`].
    pub table: usize,
    /// The key, with its columns' ids from the copied table.
    pub key: ForeignKey,
    /// The referenced table's schema and name.
    pub schema: Option<String>,
    /// See `schema`.
    pub name: String,
    /// The referenced columns' names.
    pub columns: Vec<String>,
}

const FORMAT: u32 = 1;

/// The clipboard text for these tables of `schema` (unknown ids are skipped).
pub fn copy(schema: &Schema, tables: &[TableId]) -> String {
    let copied: Vec<&Table> = schema
        .tables
        .iter()
        .filter(|t| tables.contains(&t.id))
        .collect();
    let mut clip = Clip {
        schemaboard_tables: FORMAT,
        tables: Vec::new(),
        outside: Vec::new(),
        enums: Vec::new(),
    };
    for (index, table) in copied.iter().enumerate() {
        let mut table = (*table).clone();
        let (inside, outside): (Vec<_>, Vec<_>) = table
            .foreign_keys
            .drain(..)
            .partition(|fk| tables.contains(&fk.references));
        table.foreign_keys = inside;
        for key in outside {
            let Some(target) = schema.table(key.references) else {
                continue;
            };
            let columns = key
                .referenced_columns
                .iter()
                .filter_map(|c| target.column(*c).map(|c| c.name.clone()))
                .collect();
            clip.outside.push(OutsideReference {
                table: index,
                key,
                schema: target.schema.clone(),
                name: target.name.clone(),
                columns,
            });
        }
        for column in &table.columns {
            if let DataType::Enum(id) = column.data_type
                && let Some(found) = schema.enum_type(id)
                && !clip.enums.iter().any(|(raw, _)| *raw == id.0)
            {
                clip.enums.push((id.0, found.name.clone()));
            }
        }
        clip.tables.push(table);
    }
    ron::ser::to_string(&clip).expect("a clip always serialises")
}

/// Reads clipboard text; `None` when it is not a copy of tables.
pub fn read(text: &str) -> Option<Clip> {
    if !text.contains("schemaboard_tables") {
        return None;
    }
    let options = ron::Options::default().with_recursion_limit(64);
    options
        .from_str::<Clip>(text)
        .ok()
        .filter(|c| c.schemaboard_tables == FORMAT)
}

/// The edit that adds the clip's tables to `schema`, moved by `offset`, with fresh ids (taken from
/// `ids` now), and the new tables' ids. One undo step removes them all.
pub fn paste(
    schema: &Schema,
    ids: &mut IdAllocator,
    clip: &Clip,
    offset: Point,
) -> (Edit, Vec<TableId>) {
    let mut table_ids: HashMap<TableId, TableId> = HashMap::new();
    let mut columns: HashMap<ColumnId, ColumnId> = HashMap::new();
    for table in &clip.tables {
        table_ids.insert(table.id, ids.allocate());
        for column in &table.columns {
            columns.insert(column.id, ids.allocate());
        }
    }
    let column = |id: &ColumnId| columns.get(id).copied().unwrap_or(*id);
    let remap = |list: &[ColumnId]| list.iter().map(column).collect::<Vec<_>>();
    let mut adds = Vec::new();
    let mut keys = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut pasted = Vec::new();
    for table in &clip.tables {
        let mut new = table.clone();
        new.id = table_ids[&table.id];
        pasted.push(new.id);
        new.position = Point::new(table.position.x + offset.x, table.position.y + offset.y);
        new.pinned = false;
        // The name must be free among the model's tables and the ones pasted before it.
        let mut name = free_table_name(schema, &table.name);
        while names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            name = format!("{name}_copy");
        }
        names.push(name.clone());
        new.name = name;
        if new.group.is_some_and(|g| schema.group(g).is_none()) {
            new.group = None;
        }
        for column in &mut new.columns {
            column.id = columns[&column.id];
            if let DataType::Enum(id) = column.data_type {
                let name = clip.enums.iter().find(|(raw, _)| *raw == id.0);
                column.data_type = name
                    .and_then(|(_, name)| schema.enum_named(name))
                    .map_or(DataType::Text, DataType::Enum);
            }
        }
        if let Some(pk) = &mut new.primary_key {
            pk.id = ids.allocate();
            pk.columns = remap(&pk.columns);
        }
        for unique in &mut new.uniques {
            unique.id = ids.allocate();
            unique.columns = remap(&unique.columns);
        }
        for check in &mut new.checks {
            check.id = ids.allocate();
        }
        for index in &mut new.indexes {
            index.id = ids.allocate();
            index.include = remap(&index.include);
            for key in &mut index.keys {
                if let IndexTarget::Column(c) = &mut key.target {
                    *c = column(c);
                }
            }
        }
        for dependency in &mut new.dependencies {
            dependency.id = ids.allocate();
            dependency.lhs = remap(&dependency.lhs);
            dependency.rhs = remap(&dependency.rhs);
        }
        for mut fk in new.foreign_keys.drain(..) {
            fk.id = ids.allocate();
            fk.columns = remap(&fk.columns);
            fk.references = table_ids[&fk.references];
            fk.referenced_columns = remap(&fk.referenced_columns);
            keys.push(Edit::AddForeignKey {
                table: new.id,
                foreign_key: fk,
                index: usize::MAX,
            });
        }
        adds.push(Edit::AddTable {
            table: new,
            index: usize::MAX,
        });
    }
    for outside in &clip.outside {
        let Some(target) = schema.table_named(outside.schema.as_deref(), &outside.name) else {
            continue;
        };
        let referenced: Option<Vec<ColumnId>> = outside
            .columns
            .iter()
            .map(|name| {
                target
                    .columns
                    .iter()
                    .find(|c| &c.name == name)
                    .map(|c| c.id)
            })
            .collect();
        let (Some(referenced), target) = (referenced, target.id) else {
            continue;
        };
        let mut fk = outside.key.clone();
        fk.id = ids.allocate();
        fk.columns = remap(&fk.columns);
        fk.references = target;
        fk.referenced_columns = referenced;
        keys.push(Edit::AddForeignKey {
            table: table_ids[&clip.tables[outside.table].id],
            foreign_key: fk,
            index: usize::MAX,
        });
    }
    adds.extend(keys);
    (Edit::Batch(adds), pasted)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`paste`] taking its ids from `schema` itself.
    fn paste_into(schema: &mut Schema, clip: &Clip, offset: Point) -> (Edit, Vec<TableId>) {
        let mut ids = schema.ids.clone();
        let out = paste(schema, &mut ids, clip, offset);
        schema.ids = ids;
        out
    }
    use crate::model::{SchemaBuilder, integrity_problems};

    fn shop() -> Schema {
        let mut b = SchemaBuilder::new("shop");
        b.table("customers", (0.0, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("email", "text").unique();
        });
        b.table("orders", (300.0, 0.0), |t| {
            t.column("id", "bigint").pk();
            t.column("customer_id", "bigint")
                .references("customers", "id");
        });
        b.table("items", (600.0, 0.0), |t| {
            t.column("order_id", "bigint").references("orders", "id");
            t.column("line", "int");
            t.unique_index(&["order_id", "line"]);
        });
        b.build().unwrap()
    }

    #[test]
    fn pasting_into_the_same_model_copies_with_new_ids_names_and_keys() {
        let mut schema = shop();
        let orders = schema.table_named(None, "orders").unwrap().id;
        let items = schema.table_named(None, "items").unwrap().id;
        let text = copy(&schema, &[orders, items]);
        let clip = read(&text).expect("our own text reads back");
        let before = schema.clone();
        let (edit, pasted) = paste_into(&mut schema, &clip, Point::new(40.0, 40.0));
        let undo = edit.apply(&mut schema).unwrap();
        assert_eq!(integrity_problems(&schema), []);
        let names: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            ["customers", "orders", "items", "orders_2", "items_2"]
        );
        let orders2 = schema.table(pasted[0]).unwrap();
        let items2 = schema.table(pasted[1]).unwrap();
        assert_eq!(orders2.position, Point::new(340.0, 40.0));
        // items_2 → orders_2 (both copied), orders_2 → customers (outside, found by name).
        assert_eq!(items2.foreign_keys[0].references, orders2.id);
        let customers = schema.table_named(None, "customers").unwrap().id;
        assert_eq!(orders2.foreign_keys[0].references, customers);
        assert_eq!(items2.indexes.len(), 1);
        undo.apply(&mut schema).unwrap();
        assert_eq!(schema.tables, before.tables, "one undo removes the paste");
    }

    #[test]
    fn pasting_into_another_model_keeps_what_resolves_there() {
        let source = shop();
        let orders = source.table_named(None, "orders").unwrap().id;
        let clip = read(&copy(&source, &[orders])).unwrap();
        let mut other = Schema::new("other");
        let (edit, _) = paste_into(&mut other, &clip, Point::new(0.0, 0.0));
        edit.apply(&mut other).unwrap();
        assert_eq!(integrity_problems(&other), []);
        assert_eq!(other.tables.len(), 1);
        assert!(
            other.tables[0].foreign_keys.is_empty(),
            "no customers table here: the key is left out"
        );
        assert!(read("CREATE TABLE x (id int);").is_none());
        assert!(read("(schemaboard_tables: 1, tables: [oops").is_none());
    }
}
