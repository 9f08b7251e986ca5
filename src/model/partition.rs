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

/// How a partitioned table splits its rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `RANGE (a, b)`: each partition holds a range of key values.
    Range,
    /// `LIST (a)`: each partition holds the values it lists.
    List,
    /// `HASH (a)`: each partition holds the rows whose key hashes to its remainder.
    Hash,
}

/// A partition key as typed: its method and its items (columns or expressions), as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    /// How the rows are split.
    pub method: Method,
    /// The key's columns or expressions.
    pub items: Vec<String>,
}

impl Key {
    /// The key as PostgreSQL's `PARTITION BY` takes it: `RANGE (a, lower(b))`.
    pub fn written(&self) -> String {
        let method = match self.method {
            Method::Range => "RANGE",
            Method::List => "LIST",
            Method::Hash => "HASH",
        };
        format!("{method} ({})", self.items.join(", "))
    }
}

/// Reads a partition key (`RANGE (placed_at)`, `list(kind)`): its shape here, each item through
/// `expression`, which says why an item is no expression of the target.
pub fn key(text: &str, expression: impl Fn(&str) -> Result<(), String>) -> Result<Key, String> {
    let text = text.trim();
    let word_end = text
        .find(|c: char| !(c.is_ascii_alphabetic()))
        .unwrap_or(text.len());
    let (word, rest) = text.split_at(word_end);
    let method = match word.to_ascii_uppercase().as_str() {
        "RANGE" => Method::Range,
        "LIST" => Method::List,
        "HASH" => Method::Hash,
        _ => {
            return Err(
                "A partition key starts with RANGE, LIST or HASH: RANGE (placed_at).".to_string(),
            );
        }
    };
    let items = parenthesized_list(rest.trim_start(), "the key's columns")?;
    if !items.1.trim().is_empty() {
        return Err(format!(
            "After the key's columns comes nothing, not {}.",
            items.1.trim()
        ));
    }
    if method != Method::Range && items.0.len() > 1 {
        return Err(format!(
            "A {word} key has one column or expression; RANGE takes several.",
            word = word.to_ascii_uppercase()
        ));
    }
    for item in &items.0 {
        expression(item).map_err(|why| format!("{item}: {why}"))?;
    }
    Ok(Key {
        method,
        items: items.0.iter().map(|s| s.to_string()).collect(),
    })
}

/// Reads a partition's bound for a parent partitioned by `key`: `DEFAULT`, or `FOR VALUES`
/// with `FROM (…) TO (…)` for a range (as many values as the key has items, or `MINVALUE` /
/// `MAXVALUE`), `IN (…)` for a list, `WITH (MODULUS m, REMAINDER r)` for a hash; each value
/// through `expression`. Returns the bound as PostgreSQL takes it.
pub fn bound_typed(
    text: &str,
    key: &Key,
    expression: impl Fn(&str) -> Result<(), String>,
) -> Result<String, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("DEFAULT") {
        if key.method == Method::Hash {
            return Err("A hash-partitioned table has no default partition.".to_string());
        }
        return Ok("DEFAULT".to_string());
    }
    let rest = strip_words(text, &["FOR", "VALUES"]).unwrap_or(text);
    let values = |list: &[&str]| -> Result<String, String> {
        for value in list {
            let bare = value.trim();
            if ["MINVALUE", "MAXVALUE"]
                .iter()
                .any(|w| bare.eq_ignore_ascii_case(w))
            {
                continue;
            }
            expression(bare).map_err(|why| format!("{bare}: {why}"))?;
        }
        Ok(list.join(", "))
    };
    let end = |rest: &str| -> Result<(), String> {
        if rest.trim().is_empty() {
            Ok(())
        } else {
            Err(format!("The bound ends there, before {}.", rest.trim()))
        }
    };
    match key.method {
        Method::Range => {
            let after = strip_words(rest, &["FROM"])
                .ok_or("A range partition's bound is FROM (…) TO (…), or DEFAULT.".to_string())?;
            let (from, after) = parenthesized_list(after, "the lower bound")?;
            let after =
                strip_words(after, &["TO"]).ok_or("After FROM (…) comes TO (…).".to_string())?;
            let (to, after) = parenthesized_list(after, "the upper bound")?;
            end(after)?;
            for (side, list) in [("FROM", &from), ("TO", &to)] {
                if list.len() != key.items.len() {
                    return Err(format!(
                        "{side} gives {} values for a key of {}.",
                        list.len(),
                        key.items.len()
                    ));
                }
            }
            Ok(format!(
                "FOR VALUES FROM ({}) TO ({})",
                values(&from)?,
                values(&to)?
            ))
        }
        Method::List => {
            let after = strip_words(rest, &["IN"])
                .ok_or("A list partition's bound is IN (…), or DEFAULT.".to_string())?;
            let (list, after) = parenthesized_list(after, "the values")?;
            end(after)?;
            Ok(format!("FOR VALUES IN ({})", values(&list)?))
        }
        Method::Hash => {
            let wrong = || "A hash partition's bound is WITH (MODULUS m, REMAINDER r).".to_string();
            let after = strip_words(rest, &["WITH"]).ok_or_else(wrong)?;
            let (list, after) = parenthesized_list(after, "the modulus and remainder")?;
            end(after)?;
            let [modulus, remainder] = list[..] else {
                return Err(wrong());
            };
            let number = |text: &str, word: &str| -> Result<u32, String> {
                strip_words(text, &[word])
                    .and_then(|n| n.trim().parse().ok())
                    .ok_or_else(wrong)
            };
            let (m, r) = (number(modulus, "MODULUS")?, number(remainder, "REMAINDER")?);
            if m == 0 || r >= m {
                return Err(format!(
                    "The remainder is under the modulus, which is at least 1: not {r} of {m}."
                ));
            }
            Ok(format!("FOR VALUES WITH (MODULUS {m}, REMAINDER {r})"))
        }
    }
}

/// `text` after the keywords `words` (any case, spaces between), or `None` where it does not
/// start with them.
fn strip_words<'a>(text: &'a str, words: &[&str]) -> Option<&'a str> {
    let mut rest = text.trim_start();
    for word in words {
        let head = rest.get(..word.len())?;
        let after = &rest[word.len()..];
        let ends = after
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if !head.eq_ignore_ascii_case(word) || !ends {
            return None;
        }
        rest = after.trim_start();
    }
    Some(rest)
}

/// The items of the parenthesized list `text` starts with, split at its top-level commas
/// (quotes and inner parentheses respected), and what follows it; `what` names the list in the
/// error.
fn parenthesized_list<'a>(text: &'a str, what: &str) -> Result<(Vec<&'a str>, &'a str), String> {
    if !text.starts_with('(') {
        return Err(format!("{} go in parentheses.", capitalised(what)));
    }
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut items = Vec::new();
    let mut start = 1;
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    items.push(text[start..at].trim());
                    if items.iter().any(|i| i.is_empty()) {
                        return Err(format!("An item of {what} is empty."));
                    }
                    return Ok((items, &text[at + 1..]));
                }
            }
            (None, ',') if depth == 1 => {
                items.push(text[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    Err(format!("The parenthesis of {what} is not closed."))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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

    fn any(_: &str) -> Result<(), String> {
        Ok(())
    }

    #[test]
    fn a_key_is_read_from_its_method_and_items_in_any_spacing_and_case() {
        let key = key("range(placed_at, lower(\"Region, name\"))", any).unwrap();
        assert_eq!(key.method, Method::Range);
        assert_eq!(key.items, ["placed_at", "lower(\"Region, name\")"]);
        assert_eq!(key.written(), "RANGE (placed_at, lower(\"Region, name\"))");
        for (typed, why) in [
            ("SPLIT (a)", "starts with RANGE, LIST or HASH"),
            ("RANGE a", "go in parentheses"),
            ("RANGE (a", "not closed"),
            ("RANGE (a,)", "empty"),
            ("LIST (a, b)", "one column or expression"),
            ("RANGE (a) WITH x", "comes nothing"),
        ] {
            let error = super::key(typed, any).unwrap_err();
            assert!(error.contains(why), "{typed}: {error}");
        }
        let refused = super::key("HASH (a +)", |t| {
            if t.ends_with('+') {
                Err("no".to_string())
            } else {
                Ok(())
            }
        });
        assert_eq!(refused.unwrap_err(), "a +: no");
    }

    #[test]
    fn a_bound_fits_its_parents_method_and_key() {
        let range = key("RANGE (y, m)", any).unwrap();
        assert_eq!(
            bound_typed("for values from (2024, 1) to (2024, MAXVALUE)", &range, any).unwrap(),
            "FOR VALUES FROM (2024, 1) TO (2024, MAXVALUE)"
        );
        assert_eq!(
            bound_typed("FROM (2024, 1) TO (2025, 1)", &range, any).unwrap(),
            "FOR VALUES FROM (2024, 1) TO (2025, 1)"
        );
        assert_eq!(bound_typed("default", &range, any).unwrap(), "DEFAULT");
        let list = key("LIST (kind)", any).unwrap();
        assert_eq!(
            bound_typed("IN ('a', 'b,c')", &list, any).unwrap(),
            "FOR VALUES IN ('a', 'b,c')"
        );
        let hash = key("HASH (id)", any).unwrap();
        assert_eq!(
            bound_typed("WITH (modulus 4, remainder 3)", &hash, any).unwrap(),
            "FOR VALUES WITH (MODULUS 4, REMAINDER 3)"
        );
        for (typed, key, why) in [
            (
                "FROM (2024) TO (2025)",
                &range,
                "FROM gives 1 values for a key of 2",
            ),
            ("IN (1)", &range, "FROM (…) TO (…)"),
            ("FROM (1, 1) TO (2, 2); DROP TABLE x", &range, "ends there"),
            ("FROM (1, 1)", &range, "comes TO"),
            ("FROM (1, 1) TO (2, 2)", &list, "IN (…)"),
            ("WITH (MODULUS 4, REMAINDER 4)", &hash, "not 4 of 4"),
            ("WITH (MODULUS 4)", &hash, "MODULUS m, REMAINDER r"),
            ("DEFAULT", &hash, "no default partition"),
        ] {
            let error = bound_typed(typed, key, any).unwrap_err();
            assert!(error.contains(why), "{typed}: {error}");
        }
    }
}
