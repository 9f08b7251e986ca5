//! What changed between two versions of a model, for people: the list behind `schemaboard diff`'s
//! text, JSON and HTML reports (the migration script is `export::diff`).
//!
//! Two versions of one model share stable ids, so tables and columns are matched by id and a
//! rename is a rename. A model compared with a fresh import of the production dump shares no ids
//! (or shares numbers by accident), so there tables and columns are matched by their
//! schema-qualified names instead, and the comparison says so. Constraints and indexes are matched
//! by id as well, or, by name, by what they are (their columns, target and actions).
//! Positions, colours and groups are layout, not design, and are not reported.

pub mod align;
pub mod marks;
pub mod renames;
mod report;

pub use report::{to_html, to_json, to_text};

use crate::model::{Column, EnumType, Schema, Table};
use std::collections::BTreeMap;

/// How tables and columns of the two models were paired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matching {
    /// By stable id: two versions of one model.
    Ids,
    /// By schema-qualified name: models that do not share ids.
    Names,
}

/// Which way to match, as the user asks for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MatchingChoice {
    /// By id when the models share ids, else by name.
    #[default]
    Auto,
    /// Always by id.
    Ids,
    /// Always by name.
    Names,
}

/// What happened to an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// Only in the new model.
    Added,
    /// Only in the old model.
    Removed,
    /// In both, with another name.
    Renamed,
    /// In both, defined differently.
    Changed,
}

impl ChangeKind {
    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Renamed => "renamed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// `table`, `column`, `primary_key`, `unique`, `foreign_key`, `check`, `index`, `enum`, or
    /// one of the kinds kept as written (`view`, `function`, `trigger`…).
    pub object: &'static str,
    /// The table it is in (its new name where it has one), or the enum's name.
    pub table: String,
    /// The object's name, or what it is when it has none (`(customer_id) → customers (id)`).
    pub name: String,
    /// What changed (`type integer → bigint; NOT NULL → NULL`), or what it was called before.
    pub detail: String,
}

/// The changes between two models and how they were matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// How tables and columns were paired.
    pub matching: Matching,
    /// Every change, table by table in the new model's order, removed tables last.
    pub changes: Vec<Change>,
}

impl Comparison {
    /// How many changes of each kind: added, removed, renamed, changed.
    pub fn counts(&self) -> [usize; 4] {
        let count = |kind| self.changes.iter().filter(|c| c.kind == kind).count();
        [
            count(ChangeKind::Added),
            count(ChangeKind::Removed),
            count(ChangeKind::Renamed),
            count(ChangeKind::Changed),
        ]
    }
}

/// Compares `old` with `new`.
pub fn compare(old: &Schema, new: &Schema, choice: MatchingChoice) -> Comparison {
    let matching = match choice {
        MatchingChoice::Ids => Matching::Ids,
        MatchingChoice::Names => Matching::Names,
        MatchingChoice::Auto => auto_matching(old, new),
    };
    let key = |t: &Table| match matching {
        Matching::Ids => format!("#{}", t.id.0),
        Matching::Names => t.qualified_name().to_lowercase(),
    };
    let old_tables: BTreeMap<String, &Table> = old.tables.iter().map(|t| (key(t), t)).collect();
    let new_keys: std::collections::BTreeSet<String> = new.tables.iter().map(key).collect();
    let mut changes = Vec::new();
    for table in &new.tables {
        match old_tables.get(&key(table)) {
            None => changes.push(Change {
                kind: ChangeKind::Added,
                object: "table",
                table: table.qualified_name(),
                name: table.qualified_name(),
                detail: format!("{} columns", table.columns.len()),
            }),
            Some(before) => {
                let pair = Pair {
                    old,
                    new,
                    before,
                    after: table,
                    matching,
                };
                pair.changes(&mut changes);
            }
        }
    }
    for table in old.tables.iter().filter(|t| !new_keys.contains(&key(t))) {
        changes.push(Change {
            kind: ChangeKind::Removed,
            object: "table",
            table: table.qualified_name(),
            name: table.qualified_name(),
            detail: format!("{} columns", table.columns.len()),
        });
    }
    enums(old, new, matching, &mut changes);
    verbatim(old, new, &mut changes);
    Comparison { matching, changes }
}

/// [`compare`] of models paired by name, with `renames` (accepted proposals of
/// [`renames::probable_renames`]) pairing a table or column with the one of its old name, so
/// each is one rename rather than a removal and an addition.
pub fn compare_with_renames(old: &Schema, new: &Schema, renames: &[renames::Rename]) -> Comparison {
    if renames.is_empty() {
        return compare(old, new, MatchingChoice::Names);
    }
    let aligned = align::by_names_with(old, new, renames);
    Comparison {
        matching: Matching::Names,
        ..compare(old, &aligned, MatchingChoice::Ids)
    }
}

/// By id between versions of one model (one lineage), by name between different ones. For
/// files from before lineages: by id when most tables with the same id in both models also
/// have the same name, as a model and its later version rename few tables.
pub fn auto_matching(old: &Schema, new: &Schema) -> Matching {
    match old.same_lineage(new) {
        Some(true) => return Matching::Ids,
        Some(false) => return Matching::Names,
        None => {}
    }
    let old_by_id: BTreeMap<_, _> = old.tables.iter().map(|t| (t.id, t)).collect();
    let (mut shared, mut same_name) = (0, 0);
    for table in &new.tables {
        if let Some(before) = old_by_id.get(&table.id) {
            shared += 1;
            if before
                .qualified_name()
                .eq_ignore_ascii_case(&table.qualified_name())
            {
                same_name += 1;
            }
        }
    }
    if shared > 0 && same_name * 2 >= shared {
        Matching::Ids
    } else {
        Matching::Names
    }
}

/// One table in both models.
struct Pair<'a> {
    old: &'a Schema,
    new: &'a Schema,
    before: &'a Table,
    after: &'a Table,
    matching: Matching,
}

impl Pair<'_> {
    fn change(
        &self,
        kind: ChangeKind,
        object: &'static str,
        name: String,
        detail: String,
    ) -> Change {
        Change {
            kind,
            object,
            table: self.after.qualified_name(),
            name,
            detail,
        }
    }

    fn changes(&self, out: &mut Vec<Change>) {
        let (before, after) = (self.before, self.after);
        if before.qualified_name() != after.qualified_name() {
            out.push(self.change(
                ChangeKind::Renamed,
                "table",
                after.qualified_name(),
                format!("was {}", before.qualified_name()),
            ));
        }
        if before.comment != after.comment {
            out.push(self.change(
                ChangeKind::Changed,
                "table",
                after.qualified_name(),
                format!(
                    "comment {} → {}",
                    quoted(&before.comment),
                    quoted(&after.comment)
                ),
            ));
        }
        self.columns(out);
        let signatures = [
            ("primary_key", primary_key(before), primary_key(after)),
            ("unique", uniques(before), uniques(after)),
            (
                "foreign_key",
                foreign_keys(self.old, before),
                foreign_keys(self.new, after),
            ),
            ("check", checks(before), checks(after)),
            ("index", indexes(before), indexes(after)),
        ];
        for (object, old_items, new_items) in signatures {
            self.constraints(object, old_items, new_items, out);
        }
    }

    fn columns(&self, out: &mut Vec<Change>) {
        let key = |c: &Column| match self.matching {
            Matching::Ids => format!("#{}", c.id.0),
            Matching::Names => c.name.to_lowercase(),
        };
        let old_columns: BTreeMap<String, &Column> =
            self.before.columns.iter().map(|c| (key(c), c)).collect();
        for column in &self.after.columns {
            let Some(was) = old_columns.get(&key(column)) else {
                let what = format!("{} {}", self.new.type_name(column), null_text(column));
                out.push(self.change(ChangeKind::Added, "column", column.name.clone(), what));
                continue;
            };
            if was.name != column.name {
                let detail = format!("was {}", was.name);
                out.push(self.change(ChangeKind::Renamed, "column", column.name.clone(), detail));
            }
            let mut differences = Vec::new();
            let (old_type, new_type) = (self.old.type_name(was), self.new.type_name(column));
            if old_type != new_type {
                differences.push(format!("type {old_type} → {new_type}"));
            }
            if was.nullable != column.nullable {
                differences.push(format!("{} → {}", null_text(was), null_text(column)));
            }
            let optional = |v: &Option<String>| v.as_deref().unwrap_or("none").to_string();
            if was.default != column.default {
                let (a, b) = (optional(&was.default), optional(&column.default));
                differences.push(format!("default {a} → {b}"));
            }
            if was.generated != column.generated {
                let (a, b) = (optional(&was.generated), optional(&column.generated));
                differences.push(format!("generated {a} → {b}"));
            }
            if was.identity != column.identity {
                let identity = |c: &Column| c.identity.map_or("none".into(), |i| format!("{i:?}"));
                differences.push(format!("identity {} → {}", identity(was), identity(column)));
            }
            if was.comment != column.comment {
                let (a, b) = (quoted(&was.comment), quoted(&column.comment));
                differences.push(format!("comment {a} → {b}"));
            }
            if !differences.is_empty() {
                let detail = differences.join("; ");
                out.push(self.change(ChangeKind::Changed, "column", column.name.clone(), detail));
            }
        }
        let new_keys: std::collections::BTreeSet<String> =
            self.after.columns.iter().map(key).collect();
        for column in self
            .before
            .columns
            .iter()
            .filter(|c| !new_keys.contains(&key(c)))
        {
            let what = format!("{} {}", self.old.type_name(column), null_text(column));
            out.push(self.change(ChangeKind::Removed, "column", column.name.clone(), what));
        }
    }

    fn differ(&self, was: &Item, item: &Item) -> bool {
        match self.matching {
            Matching::Ids => was.identity != item.identity,
            Matching::Names => was.signature != item.signature,
        }
    }

    /// Constraints and indexes: by id, or by what they are when matching by name.
    fn constraints(
        &self,
        object: &'static str,
        old_items: Vec<Item>,
        new_items: Vec<Item>,
        out: &mut Vec<Change>,
    ) {
        let key = |item: &Item| match self.matching {
            Matching::Ids => format!("#{}", item.id),
            Matching::Names => item.signature.clone(),
        };
        let old_by_key: BTreeMap<String, &Item> = old_items.iter().map(|i| (key(i), i)).collect();
        for item in &new_items {
            match old_by_key.get(&key(item)) {
                None => out.push(self.change(
                    ChangeKind::Added,
                    object,
                    item.label(),
                    item.signature.clone(),
                )),
                Some(was) if self.differ(was, item) => out.push(self.change(
                    ChangeKind::Changed,
                    object,
                    item.label(),
                    format!("{} → {}", was.signature, item.signature),
                )),
                Some(was) if was.name != item.name => out.push(self.change(
                    ChangeKind::Renamed,
                    object,
                    item.label(),
                    format!("was {}", was.label()),
                )),
                Some(_) => {}
            }
        }
        let new_keys: std::collections::BTreeSet<String> = new_items.iter().map(key).collect();
        for item in old_items.iter().filter(|i| !new_keys.contains(&key(i))) {
            out.push(self.change(
                ChangeKind::Removed,
                object,
                item.label(),
                item.signature.clone(),
            ));
        }
    }
}

/// A constraint or index reduced to what the comparison needs.
struct Item {
    id: u32,
    name: Option<String>,
    /// What it is, in names: `(customer_id) → customers (id) ON DELETE CASCADE`.
    signature: String,
    /// What it is, with tables and columns by id: renaming a column or a table it involves
    /// does not change it.
    identity: String,
}

impl Item {
    fn label(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.signature.clone())
    }
}

fn column_list(table: &Table, columns: &[crate::model::ColumnId]) -> String {
    format!("({})", table.column_names(columns, ", "))
}

fn id_list(columns: &[crate::model::ColumnId]) -> String {
    let ids: Vec<String> = columns.iter().map(|c| format!("#{}", c.0)).collect();
    format!("({})", ids.join(", "))
}

/// A key over columns (the primary key, a unique constraint).
fn key_item(
    id: u32,
    name: &Option<String>,
    table: &Table,
    columns: &[crate::model::ColumnId],
) -> Item {
    Item {
        id,
        name: name.clone(),
        signature: column_list(table, columns),
        identity: id_list(columns),
    }
}

fn primary_key(table: &Table) -> Vec<Item> {
    let pk = table.primary_key.iter();
    pk.map(|pk| key_item(pk.id.0, &pk.name, table, &pk.columns))
        .collect()
}

fn uniques(table: &Table) -> Vec<Item> {
    let uniques = table.uniques.iter();
    uniques
        .map(|u| key_item(u.id.0, &u.name, table, &u.columns))
        .collect()
}

fn foreign_keys(schema: &Schema, table: &Table) -> Vec<Item> {
    table
        .foreign_keys
        .iter()
        .map(|fk| {
            let target = schema.table(fk.references);
            let target_name = target.map_or("?".into(), Table::qualified_name);
            let target_columns =
                target.map_or("(?)".into(), |t| column_list(t, &fk.referenced_columns));
            let mut signature = format!(
                "{} → {target_name} {target_columns}",
                column_list(table, &fk.columns)
            );
            let mut identity = format!(
                "{} → #{} {}",
                id_list(&fk.columns),
                fk.references.0,
                id_list(&fk.referenced_columns)
            );
            for (when, action) in [("DELETE", fk.on_delete), ("UPDATE", fk.on_update)] {
                if action != crate::model::ReferentialAction::NoAction {
                    let clause = format!(" ON {when} {}", action.sql());
                    signature.push_str(&clause);
                    identity.push_str(&clause);
                }
            }
            Item {
                id: fk.id.0,
                name: fk.name.clone(),
                signature,
                identity,
            }
        })
        .collect()
}

fn checks(table: &Table) -> Vec<Item> {
    table
        .checks
        .iter()
        .map(|c| Item {
            id: c.id.0,
            name: c.name.clone(),
            signature: format!("CHECK ({})", c.expression),
            identity: c.expression.clone(),
        })
        .collect()
}

fn indexes(table: &Table) -> Vec<Item> {
    table
        .indexes
        .iter()
        .map(|index| {
            let keys: Vec<String> = index
                .keys
                .iter()
                .map(|k| match &k.target {
                    crate::model::IndexTarget::Column(c) => {
                        table.column(*c).map_or("?".into(), |c| c.name.clone())
                    }
                    crate::model::IndexTarget::Expression(e) => format!("({e})"),
                })
                .collect();
            let mut signature = format!(
                "{}({})",
                if index.unique { "UNIQUE " } else { "" },
                keys.join(", ")
            );
            if index.method != crate::model::IndexMethod::BTree {
                let method = format!("{:?}", index.method).to_lowercase();
                signature.push_str(&format!(" USING {method}"));
            }
            if !index.include.is_empty() {
                signature.push_str(&format!(" INCLUDE {}", column_list(table, &index.include)));
            }
            if let Some(predicate) = &index.predicate {
                signature.push_str(&format!(" WHERE {predicate}"));
            }
            let mut identity = index.clone();
            identity.id = crate::model::IndexId(0);
            identity.name = None;
            Item {
                id: index.id.0,
                name: index.name.clone(),
                signature,
                identity: format!("{identity:?}"),
            }
        })
        .collect()
}

/// Views, routines and triggers kept as written: by kind and name whatever the matching (they
/// have no ids), changed when their SQL is.
fn verbatim(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    let changes = crate::model::verbatim::verbatim_changes(&old.verbatim, &new.verbatim);
    let change = |kind, o: &crate::model::VerbatimSql, detail: &str| Change {
        kind,
        object: crate::model::verbatim::REDEFINABLE
            .iter()
            .find(|k| k.eq_ignore_ascii_case(&o.kind))
            .copied()
            .unwrap_or("view"),
        table: o.name.clone(),
        name: o.name.clone(),
        detail: detail.to_string(),
    };
    for o in changes.added {
        out.push(change(ChangeKind::Added, o, "kept as written"));
    }
    for (_, o) in changes.changed {
        out.push(change(ChangeKind::Changed, o, "its SQL"));
    }
    for o in changes.removed {
        out.push(change(ChangeKind::Removed, o, "kept as written"));
    }
}

fn enums(old: &Schema, new: &Schema, matching: Matching, out: &mut Vec<Change>) {
    let key = |e: &EnumType| match matching {
        Matching::Ids => format!("#{}", e.id.0),
        Matching::Names => e.name.to_lowercase(),
    };
    let values = |e: &EnumType| e.values.join(", ");
    let old_by_key: BTreeMap<String, &EnumType> = old.enums.iter().map(|e| (key(e), e)).collect();
    let change = |kind, e: &EnumType, detail| Change {
        kind,
        object: "enum",
        table: e.name.clone(),
        name: e.name.clone(),
        detail,
    };
    for e in &new.enums {
        match old_by_key.get(&key(e)) {
            None => out.push(change(ChangeKind::Added, e, values(e))),
            Some(was) => {
                if was.name != e.name {
                    out.push(change(ChangeKind::Renamed, e, format!("was {}", was.name)));
                }
                if was.values != e.values {
                    let detail = format!("values {} → {}", values(was), values(e));
                    out.push(change(ChangeKind::Changed, e, detail));
                }
            }
        }
    }
    let new_keys: std::collections::BTreeSet<String> = new.enums.iter().map(key).collect();
    for e in old.enums.iter().filter(|e| !new_keys.contains(&key(e))) {
        out.push(change(ChangeKind::Removed, e, values(e)));
    }
}

fn null_text(column: &Column) -> &'static str {
    if column.nullable { "NULL" } else { "NOT NULL" }
}

fn quoted(text: &str) -> String {
    if text.is_empty() {
        "none".to_string()
    } else {
        format!("{text:?}")
    }
}

#[cfg(test)]
mod tests;
