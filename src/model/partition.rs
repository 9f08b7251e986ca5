//! A partitioned table and its partitions are one logical table: the partitions are tables of
//! the model (each may have indexes and keys of its own, as PostgreSQL allows), and each names
//! its parent in its `partition_of` property, as the script wrote it. This finds the parent.

use super::table::{PARTITION_BOUND, PARTITION_OF};
use super::{Schema, Table, TableId};
use rustc_hash::FxHashMap;

/// Each partition's partitioned table, for the partitions whose parent is in the model.
pub fn parents(schema: &Schema) -> FxHashMap<TableId, TableId> {
    let mut found = FxHashMap::default();
    if !schema
        .tables
        .iter()
        .any(|t| t.properties.contains_key(PARTITION_OF))
    {
        return found;
    }
    let by_name: FxHashMap<(Option<&str>, &str), TableId> = schema
        .tables
        .iter()
        .map(|t| ((t.schema.as_deref(), t.name.as_str()), t.id))
        .collect();
    for table in &schema.tables {
        let Some(written) = table.properties.get(PARTITION_OF) else {
            continue;
        };
        let (qualifier, name) = split(written);
        let parent = match qualifier.as_deref() {
            // `public` is where the model keeps unqualified tables.
            Some("public") => by_name
                .get(&(Some("public"), name.as_str()))
                .or_else(|| by_name.get(&(None, name.as_str()))),
            Some(s) => by_name.get(&(Some(s), name.as_str())),
            // Unqualified: the partition's own schema.
            None => by_name.get(&(table.schema.as_deref(), name.as_str())),
        };
        if let Some(&parent) = parent
            && parent != table.id
        {
            found.insert(table.id, parent);
        }
    }
    found
}

/// A partition's bound as a card shows it (`FROM ('2022-01-01') TO ('2023-01-01')`, `DEFAULT`).
pub fn bound(table: &Table) -> String {
    let written = table
        .properties
        .get(PARTITION_BOUND)
        .map_or("DEFAULT", String::as_str);
    written
        .strip_prefix("FOR VALUES ")
        .unwrap_or(written)
        .to_string()
}

/// `schema.name` with each part unquoted (`"My Schema".t`).
fn split(written: &str) -> (Option<String>, String) {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = written.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                current.push('"');
            }
            '"' => quoted = !quoted,
            '.' if !quoted => parts.push(std::mem::take(&mut current)),
            c if quoted => current.push(c),
            // Unquoted names are folded as PostgreSQL folds them.
            c => current.extend(c.to_lowercase()),
        }
    }
    parts.push(current);
    let name = parts.pop().unwrap_or_default();
    (parts.pop(), name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Dialect, import_sql};

    #[test]
    fn partitions_find_their_parent_however_it_was_named() {
        let sql = "CREATE SCHEMA app;\n\
                   CREATE TABLE app.\"Log\" (at date) PARTITION BY RANGE (at);\n\
                   CREATE TABLE app.log_2024 PARTITION OF app.\"Log\" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n\
                   CREATE TABLE public.event (kind text) PARTITION BY LIST (kind);\n\
                   CREATE TABLE event_click PARTITION OF public.event FOR VALUES IN ('click');\n\
                   CREATE TABLE event_other (kind text);\n\
                   ALTER TABLE ONLY event ATTACH PARTITION event_other DEFAULT;\n";
        let schema = import_sql(sql, Some(Dialect::Postgres), "t").schema;
        let id = |name: &str| schema.tables.iter().find(|t| t.name == name).unwrap().id;
        let parents = parents(&schema);
        assert_eq!(parents.len(), 3, "{parents:?}");
        assert_eq!(parents[&id("log_2024")], id("Log"));
        assert_eq!(parents[&id("event_click")], id("event"));
        assert_eq!(parents[&id("event_other")], id("event"));
        let log = schema.table(id("log_2024")).unwrap();
        assert_eq!(bound(log), "FROM ('2024-01-01') TO ('2025-01-01')");
        assert_eq!(bound(schema.table(id("event_other")).unwrap()), "DEFAULT");
    }
}
