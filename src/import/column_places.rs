//! Where each column of a wide table is, by name, so that a script or DBML file naming the
//! columns of a table of thousands of columns thousands of times stays linear.

use crate::model::{ColumnId, Table, TableId};
use rustc_hash::{FxHashMap, FxHasher};
use std::cell::RefCell;
use std::hash::{Hash, Hasher};

/// Below this many columns a scan is cheaper than the map.
const SCAN_BELOW: usize = 64;

/// Tables' columns by exact name, as positions, remembered per table and checked against the
/// table at each use: a name not found where it was (a column added, renamed or dropped since)
/// makes the table's positions again. The positions are keyed by the name's hash, not a copy of
/// the name (a copy per column was most of the map's cost on a table of 40,000 columns); a name
/// whose hash another column's name shares is found by the check and a scan.
#[derive(Default)]
pub struct ColumnPlaces {
    by_table: RefCell<FxHashMap<TableId, FxHashMap<u64, usize>>>,
}

impl ColumnPlaces {
    /// The column of `table` named exactly `name`.
    pub fn exact(&self, table: &Table, name: &str) -> Option<ColumnId> {
        if table.columns.len() < SCAN_BELOW {
            return table.column_named(name).map(|c| c.id);
        }
        let mut by_table = self.by_table.borrow_mut();
        let places = by_table.entry(table.id).or_insert_with(|| places_of(table));
        let key = name_hash(name);
        let at = |places: &FxHashMap<u64, usize>| {
            places
                .get(&key)
                .and_then(|&at| table.columns.get(at))
                .filter(|c| c.name == name)
                .map(|c| c.id)
        };
        if let Some(id) = at(places) {
            return Some(id);
        }
        *places = places_of(table);
        at(places).or_else(|| table.column_named(name).map(|c| c.id))
    }
}

/// A name's hash, for maps that find names by it and check the name found.
pub(super) fn name_hash(name: &str) -> u64 {
    let mut hasher = FxHasher::default();
    name.hash(&mut hasher);
    hasher.finish()
}

fn places_of(table: &Table) -> FxHashMap<u64, usize> {
    let mut places = FxHashMap::with_capacity_and_hasher(table.columns.len(), Default::default());
    for (at, column) in table.columns.iter().enumerate() {
        places.entry(name_hash(&column.name)).or_insert(at);
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, DataType, Point};

    fn wide(n: usize) -> Table {
        let mut table = Table::new(TableId(1), "w", Point::default());
        for i in 0..n {
            let column = Column::new(ColumnId(100 + i as u32), format!("c{i}"), DataType::Integer);
            table.columns.push(column);
        }
        table
    }

    #[test]
    fn finds_columns_of_narrow_and_wide_tables_and_follows_changes() {
        let places = ColumnPlaces::default();
        for n in [3, 200] {
            let mut table = wide(n);
            assert_eq!(places.exact(&table, "c2"), Some(ColumnId(102)));
            assert_eq!(places.exact(&table, "C2"), None);
            assert_eq!(places.exact(&table, "nope"), None);
            // A column removed before the one looked up moves it; the positions are made again.
            table.columns.remove(0);
            assert_eq!(places.exact(&table, "c2"), Some(ColumnId(102)));
            table.columns[1].name = "renamed".into();
            assert_eq!(places.exact(&table, "c2"), None);
            assert_eq!(places.exact(&table, "renamed"), Some(ColumnId(102)));
        }
    }
}
