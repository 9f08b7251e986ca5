//! Structural invariants of a model: ids unique, every reference resolving, positions finite.
//!
//! These are not design findings (that is `check`); a model that breaks them is corrupt, and the
//! loader refuses it with the object named. Edits keep them, which the property tests verify.

use super::data_type::DataType;
use super::ids::IdAllocator;
use super::schema::Schema;
use super::table::{IndexTarget, Table};
use std::collections::BTreeSet;
use std::fmt;

/// One broken invariant, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntegrityProblem {
    /// The object, e.g. `table "orders" › foreign key "orders_customer_fk"`.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for IntegrityProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Every broken invariant of `schema`, in model order; empty for a sound model.
pub fn integrity_problems(schema: &Schema) -> Vec<IntegrityProblem> {
    let mut checker = Checker::new(&schema.ids);
    walk(&mut checker, schema);
    checker.problems
}

/// The highest id any object of the model holds (0 for an empty model): a loaded model
/// allocates above it.
pub fn highest_id(schema: &Schema) -> u32 {
    let mut checker = Checker::new(&IdAllocator::default());
    checker.next_id = u32::MAX;
    walk(&mut checker, schema);
    checker.highest
}

fn walk(checker: &mut Checker, schema: &Schema) {
    for group in &schema.groups {
        let at = format!("group {:?}", group.name);
        checker.unique_id("group", group.id.0, &at);
        if group.area.is_some_and(|area| !area.is_valid()) {
            checker.problem(
                &at,
                "its area must have finite coordinates and a size of 0 or more",
            );
        }
    }
    for enum_type in &schema.enums {
        checker.unique_id(
            "enum",
            enum_type.id.0,
            &format!("enum {:?}", enum_type.name),
        );
    }
    for table in &schema.tables {
        check_table(checker, schema, table);
    }
    for note in &schema.notes {
        let at = format!("note {}", note.id);
        checker.unique_id("note", note.id.0, &at);
        if !note.position.is_finite() || !note.width.is_finite() || note.width <= 0.0 {
            checker.problem(
                &at,
                "its position and width must be finite, the width above 0",
            );
        }
    }
    for query in &schema.queries {
        checker.unique_id("query", query.id.0, &format!("query {:?}", query.name));
    }
}

/// The broken invariants within one table (its references included), for checking an edit.
pub(crate) fn table_problems(schema: &Schema, table: &Table) -> Vec<IntegrityProblem> {
    let mut checker = Checker::new(&schema.ids);
    check_table(&mut checker, schema, table);
    checker.problems
}

fn check_table(checker: &mut Checker, schema: &Schema, table: &Table) {
    let at = format!("table {:?}", table.qualified_name());
    checker.unique_id("table", table.id.0, &at);
    if !table.position.is_finite() {
        checker.problem(&at, "its position must be finite");
    }
    if let Some(group) = table.group
        && schema.group(group).is_none()
    {
        checker.problem(
            &at,
            &format!("it belongs to group {group}, which does not exist"),
        );
    }
    let own: BTreeSet<u32> = table.columns.iter().map(|c| c.id.0).collect();
    for column in &table.columns {
        let column_at = format!("{at} › column {:?}", column.name);
        checker.unique_id("column", column.id.0, &column_at);
        let mut data_type = &column.data_type;
        while let DataType::Array(element) = data_type {
            data_type = element;
        }
        if let DataType::Enum(id) = data_type
            && schema.enum_type(*id).is_none()
        {
            checker.problem(
                &column_at,
                &format!("its type is enum {id}, which does not exist"),
            );
        }
    }
    let own_columns = |checker: &mut Checker, what: &str, ids: &[u32]| {
        if ids.is_empty() {
            checker.problem(what, "it names no columns");
        }
        for id in ids {
            if !own.contains(id) {
                checker.problem(what, &format!("column c{id} is not a column of this table"));
            }
        }
    };
    if let Some(pk) = &table.primary_key {
        let what = format!("{at} › primary key");
        checker.unique_id("constraint", pk.id.0, &what);
        own_columns(checker, &what, &raw(&pk.columns));
    }
    for unique in &table.uniques {
        let what = format!("{at} › unique {}", name_or_id(&unique.name, unique.id));
        checker.unique_id("constraint", unique.id.0, &what);
        own_columns(checker, &what, &raw(&unique.columns));
    }
    for check in &table.checks {
        let what = format!("{at} › check {}", name_or_id(&check.name, check.id));
        checker.unique_id("constraint", check.id.0, &what);
    }
    for fk in &table.foreign_keys {
        let what = format!("{at} › foreign key {}", name_or_id(&fk.name, fk.id));
        checker.unique_id("constraint", fk.id.0, &what);
        own_columns(checker, &what, &raw(&fk.columns));
        match schema.table(fk.references) {
            None => checker.problem(
                &what,
                &format!(
                    "it references table {}, which does not exist",
                    fk.references
                ),
            ),
            Some(target) => {
                for id in &fk.referenced_columns {
                    if target.column(*id).is_none() {
                        checker.problem(
                            &what,
                            &format!(
                                "referenced column {id} is not a column of {:?}",
                                target.name
                            ),
                        );
                    }
                }
            }
        }
        if fk.columns.len() != fk.referenced_columns.len() {
            checker.problem(&what, "it pairs a different number of columns on each side");
        }
    }
    for index in &table.indexes {
        let what = format!("{at} › index {}", name_or_id(&index.name, index.id));
        checker.unique_id("index", index.id.0, &what);
        if index.keys.is_empty() {
            checker.problem(&what, "it has no key");
        }
        let mut columns: Vec<u32> = index
            .keys
            .iter()
            .filter_map(|k| match k.target {
                IndexTarget::Column(id) => Some(id.0),
                IndexTarget::Expression(_) => None,
            })
            .collect();
        columns.extend(raw(&index.include));
        for id in columns {
            if !own.contains(&id) {
                checker.problem(
                    &what,
                    &format!("column c{id} is not a column of this table"),
                );
            }
        }
    }
    for fd in &table.dependencies {
        let what = format!("{at} › functional dependency {}", fd.id);
        checker.unique_id("dependency", fd.id.0, &what);
        own_columns(checker, &what, &raw(&fd.rhs));
        for id in raw(&fd.lhs) {
            if !own.contains(&id) {
                checker.problem(
                    &what,
                    &format!("column c{id} is not a column of this table"),
                );
            }
        }
    }
}

fn raw<T: Copy + Into<u32>>(ids: &[T]) -> Vec<u32> {
    ids.iter().map(|&id| id.into()).collect()
}

fn name_or_id(name: &Option<String>, id: impl fmt::Display) -> String {
    match name {
        Some(name) => format!("{name:?}"),
        None => id.to_string(),
    }
}

struct Checker {
    seen: BTreeSet<(&'static str, u32)>,
    next_id: u32,
    highest: u32,
    problems: Vec<IntegrityProblem>,
}

impl Checker {
    fn new(ids: &IdAllocator) -> Self {
        Self {
            seen: BTreeSet::new(),
            next_id: ids.peek(),
            highest: 0,
            problems: Vec::new(),
        }
    }

    fn unique_id(&mut self, kind: &'static str, id: u32, at: &str) {
        self.highest = self.highest.max(id);
        if !self.seen.insert((kind, id)) {
            self.problem(at, &format!("its id {id} is used by another {kind}"));
        }
        if id >= self.next_id {
            self.problem(
                at,
                &format!("its id {id} is not below next_id ({})", self.next_id),
            );
        }
    }

    fn problem(&mut self, location: &str, message: &str) {
        self.problems.push(IntegrityProblem {
            location: location.to_string(),
            message: message.to_string(),
        });
    }
}
