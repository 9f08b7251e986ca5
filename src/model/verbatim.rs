//! SQL the model does not understand but must not lose: views, functions, procedures and
//! triggers read from a script, kept as written so a DDL export for the same dialect can write
//! them back.

use serde::{Deserialize, Serialize};

/// One statement kept verbatim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbatimSql {
    /// What it creates: `view`, `materialized view`, `function`, `procedure` or `trigger`.
    pub kind: String,
    /// The object's name as written (possibly qualified and quoted).
    pub name: String,
    /// The dialect it is written in (in the file by its short name: `postgres`, `mysql`…).
    #[serde(with = "super::dialect::as_id")]
    pub dialect: super::Dialect,
    /// The statement, without its terminator.
    pub sql: String,
}

/// Kinds of object a migration drops and creates again (their SQL is the only fact the model
/// has of them); the others (extensions, types, sequences…) are made once, before the tables.
pub const REDEFINABLE: [&str; 5] = [
    "view",
    "materialized view",
    "function",
    "procedure",
    "trigger",
];

/// One column of a view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewColumn {
    /// Its name: an alias, the column it shows, or the expression.
    pub name: String,
    /// The table column it shows unchanged, where it shows one.
    pub source: Option<(super::TableId, super::ColumnId)>,
}

/// A view's columns and the tables it reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewShape {
    /// In the query's order; empty where the query could not be read.
    pub columns: Vec<ViewColumn>,
    /// The model's tables its query reads (FROM and JOIN, subqueries included), each once.
    pub reads: Vec<super::TableId>,
}

/// A part of a name as written: its text without quotes, and whether it was quoted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamePart {
    /// The text, unquoted (`""` inside `"…"` read as one `"`).
    pub text: String,
    /// Whether it was quoted (`"…"`, `` `…` `` or `[…]`), which keeps its case.
    pub quoted: bool,
}

impl VerbatimSql {
    /// What the server tells this object apart by: kind and name, quotes gone, case folded.
    pub fn key(&self) -> (String, String) {
        let name: Vec<String> = name_parts(&self.name)
            .into_iter()
            .map(|p| p.text.to_lowercase())
            .collect();
        (self.kind.to_lowercase(), name.join("."))
    }

    /// Whether `other` defines the object the same way: the same text, spacing aside.
    pub fn same_definition(&self, other: &Self) -> bool {
        let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        self.dialect == other.dialect && words(&self.sql) == words(&other.sql)
    }

    /// Whether the statement names `name` as a whole identifier, in any case, quoted or not:
    /// a table a view reads, a function a trigger calls. A string or comment that holds the name
    /// counts too, which at worst makes a migration re-create the object once more.
    pub fn mentions(&self, name: &str) -> bool {
        identifiers(&self.sql).any(|word| word.eq_ignore_ascii_case(name))
    }

    /// Whether this is a trigger on `table` (its name compared as the server would: a quoted
    /// part exactly, a bare one in any case; a schema named must be the table's).
    pub fn is_trigger_on(&self, table: &super::Table) -> bool {
        if self.kind != "trigger" {
            return false;
        }
        let Some(parts) = self.trigger_table() else {
            return false;
        };
        let same = |part: &NamePart, name: &str| {
            if part.quoted {
                part.text == name
            } else {
                part.text.eq_ignore_ascii_case(name)
            }
        };
        match &parts[..] {
            [name] => same(name, &table.name),
            [.., schema, name] => {
                same(name, &table.name) && table.schema.as_deref().is_none_or(|s| same(schema, s))
            }
            [] => false,
        }
    }

    /// The tables of `schema` this object is about: the one a trigger is on, or those a view
    /// or routine names.
    pub fn tables<'a>(&self, schema: &'a super::Schema) -> Vec<&'a super::Table> {
        schema
            .tables
            .iter()
            .filter(|t| {
                if self.kind == "trigger" {
                    self.is_trigger_on(t)
                } else {
                    self.mentions(&t.name)
                }
            })
            .collect()
    }

    /// The table a trigger is on (`CREATE TRIGGER t … ON table …`), as its name parts.
    pub fn trigger_table(&self) -> Option<Vec<NamePart>> {
        let upper = self.sql.to_ascii_uppercase();
        let trigger = whole_word(&upper, "TRIGGER", 0)?;
        let on = whole_word(&upper, "ON", trigger)?;
        let parts = name_parts(name_at(self.sql[on..].trim_start()));
        (!parts.is_empty()).then_some(parts)
    }
}

/// The objects kept verbatim in both models, in one and not the other, or defined otherwise,
/// paired by [`VerbatimSql::key`]: removed (old model's order), added and changed (new model's).
pub struct VerbatimChanges<'a> {
    /// Only in the old model.
    pub removed: Vec<&'a VerbatimSql>,
    /// Only in the new model.
    pub added: Vec<&'a VerbatimSql>,
    /// In both, defined otherwise: (old, new).
    pub changed: Vec<(&'a VerbatimSql, &'a VerbatimSql)>,
}

/// The changes of the [`REDEFINABLE`] objects between two models.
pub fn verbatim_changes<'a>(old: &'a [VerbatimSql], new: &'a [VerbatimSql]) -> VerbatimChanges<'a> {
    let redefinable = |o: &&VerbatimSql| REDEFINABLE.contains(&o.kind.to_lowercase().as_str());
    let old_keys: std::collections::HashMap<_, &VerbatimSql> = old
        .iter()
        .filter(redefinable)
        .map(|o| (o.key(), o))
        .collect();
    let new_keys: std::collections::HashSet<_> = new
        .iter()
        .filter(redefinable)
        .map(VerbatimSql::key)
        .collect();
    let mut changes = VerbatimChanges {
        removed: old
            .iter()
            .filter(redefinable)
            .filter(|o| !new_keys.contains(&o.key()))
            .collect(),
        added: Vec::new(),
        changed: Vec::new(),
    };
    for object in new.iter().filter(redefinable) {
        match old_keys.get(&object.key()) {
            None => changes.added.push(object),
            Some(before) if !before.same_definition(object) => {
                changes.changed.push((before, object))
            }
            Some(_) => {}
        }
    }
    changes
}

/// The parts of a possibly qualified, possibly quoted name: `app."Order Lines"` is `app` and
/// `Order Lines` (quoted).
pub fn name_parts(name: &str) -> Vec<NamePart> {
    let mut parts = Vec::new();
    let mut chars = name.trim().chars().peekable();
    let mut part = NamePart {
        text: String::new(),
        quoted: false,
    };
    while let Some(c) = chars.next() {
        let close = match c {
            '"' => Some('"'),
            '`' => Some('`'),
            '[' => Some(']'),
            _ => None,
        };
        if let Some(close) = close {
            part.quoted = true;
            while let Some(d) = chars.next() {
                if d == close {
                    // A doubled closing quote is one of it, inside the name.
                    if chars.peek() == Some(&close) && close != ']' {
                        part.text.push(close);
                        chars.next();
                        continue;
                    }
                    break;
                }
                part.text.push(d);
            }
        } else if c == '.' {
            parts.push(std::mem::replace(
                &mut part,
                NamePart {
                    text: String::new(),
                    quoted: false,
                },
            ));
        } else if !c.is_whitespace() {
            part.text.push(c);
        }
    }
    if !part.text.is_empty() || part.quoted {
        parts.push(part);
    }
    parts
}

/// The name at the start of `text`, possibly qualified and quoted: up to a space, `(` or `;`
/// outside quotes.
pub fn name_at(text: &str) -> &str {
    &text[..name_end(text)]
}

/// Where the name at the start of `text` ends: at a space or `(` outside quotes.
fn name_end(text: &str) -> usize {
    let mut quote: Option<char> = None;
    for (at, c) in text.char_indices() {
        match quote {
            Some(close) if c == close => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '`' => quote = Some(c),
                '[' => quote = Some(']'),
                c if c.is_whitespace() || c == '(' || c == ';' => return at,
                _ => {}
            },
        }
    }
    text.len()
}

/// The byte offset just after the first whole-word `word` (upper case) in `upper` from `from`.
pub fn whole_word(upper: &str, word: &str, from: usize) -> Option<usize> {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    upper[from..].match_indices(word).find_map(|(at, _)| {
        let at = from + at;
        let before = upper[..at].chars().next_back();
        let after = upper[at + word.len()..].chars().next();
        (!is_word(before) && !is_word(after)).then_some(at + word.len())
    })
}

/// The identifiers of an SQL text: bare words, and the insides of `"…"`, `` `…` `` and `[…]`.
fn identifiers(sql: &str) -> impl Iterator<Item = &str> {
    let mut rest = sql;
    std::iter::from_fn(move || {
        loop {
            let start =
                rest.find(|c: char| c.is_alphanumeric() || c == '_' || "\"`[".contains(c))?;
            rest = &rest[start..];
            let first = rest.chars().next()?;
            let close = match first {
                '"' => Some('"'),
                '`' => Some('`'),
                '[' => Some(']'),
                _ => None,
            };
            let (word, next) = match close {
                Some(close) => match rest[1..].find(close) {
                    Some(end) => (&rest[1..1 + end], 1 + end + 1),
                    None => (&rest[1..], rest.len()),
                },
                None => {
                    let end = rest
                        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .unwrap_or(rest.len());
                    (&rest[..end], end)
                }
            };
            rest = &rest[next..];
            if !word.is_empty() {
                return Some(word);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(kind: &str, name: &str, sql: &str) -> VerbatimSql {
        VerbatimSql {
            kind: kind.into(),
            name: name.into(),
            dialect: crate::model::Dialect::Postgres,
            sql: sql.into(),
        }
    }

    #[test]
    fn names_split_into_unquoted_parts() {
        let parts = name_parts(r#"app."Order ""Lines""""#);
        assert_eq!(parts.len(), 2);
        assert_eq!((parts[0].text.as_str(), parts[0].quoted), ("app", false));
        assert_eq!(parts[1].text, r#"Order "Lines""#);
        assert!(parts[1].quoted);
        assert_eq!(name_parts("[dbo].[x]")[1].text, "x");
    }

    #[test]
    fn objects_pair_by_kind_and_name_whatever_the_quoting_and_spacing() {
        let old = vec![
            object("view", "v", "CREATE VIEW v AS SELECT 1"),
            object("view", "gone", "CREATE VIEW gone AS SELECT 1"),
            object(
                "trigger",
                "t",
                "CREATE TRIGGER t AFTER INSERT ON app.orders FOR EACH ROW EXECUTE FUNCTION f()",
            ),
            object("extension", "x", "CREATE EXTENSION x"),
        ];
        let new = vec![
            object("view", "\"V\"", "CREATE  VIEW v AS\n SELECT 1"),
            object(
                "trigger",
                "t",
                "CREATE TRIGGER t AFTER UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION f()",
            ),
            object(
                "function",
                "f",
                "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql",
            ),
        ];
        let changes = verbatim_changes(&old, &new);
        let names = |list: &[&VerbatimSql]| list.iter().map(|o| o.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&changes.removed), ["gone"]);
        assert_eq!(names(&changes.added), ["f"]);
        assert_eq!(changes.changed.len(), 1);
        assert_eq!(changes.changed[0].1.name, "t");
        let on = old[2].trigger_table().unwrap();
        assert_eq!(
            on.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
            ["app", "orders"]
        );
        assert!(new[1].mentions("ORDERS") && new[1].mentions("f") && !new[1].mentions("order"));
    }
}
