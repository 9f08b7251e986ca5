//! Second, third and Boyce–Codd normal form from the table's keys and its declared functional
//! dependencies, and the verdict per table with what it rests on.
//!
//! Only certain keys enter the analysis: the primary key, and UNIQUE constraints or non-partial
//! unique indexes over NOT NULL columns. A UNIQUE over a nullable column does not identify rows
//! holding NULL, so it is a possible key only (IN315 says so). Soft dependencies are shown but
//! kept out of verdicts, and heuristic candidates (NF111…) never enter until confirmed.

use super::Context;
use super::fd::{Attrs, Dependency, Relation};
use super::fix::Fix;
use super::sink::Sink;
use crate::model::{ColumnId, FindingTarget, FunctionalDependency, IndexTarget, Severity, Table};

/// The highest normal form a table reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NormalForm {
    /// First normal form (structural; the 1NF smells are separate findings).
    First,
    /// Second.
    Second,
    /// Third.
    Third,
    /// Boyce–Codd.
    BoyceCodd,
}

impl NormalForm {
    /// `1NF`, `2NF`, `3NF`, `BCNF`.
    pub fn label(self) -> &'static str {
        match self {
            NormalForm::First => "1NF",
            NormalForm::Second => "2NF",
            NormalForm::Third => "3NF",
            NormalForm::BoyceCodd => "BCNF",
        }
    }
}

/// A table's normal-form verdict and its basis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableVerdict {
    /// The highest form it satisfies; when inconclusive, the highest proven (BCNF or 1NF).
    pub form: NormalForm,
    /// The candidate keys found, as column ids.
    pub keys: Vec<Vec<ColumnId>>,
    /// Key enumeration hit its cap, so 2NF/3NF were not decided.
    pub inconclusive: bool,
    /// What the verdict rests on, in words.
    pub basis: String,
}

/// The analysis of one table.
pub(crate) struct Analysis<'t> {
    table: &'t Table,
    relation: Relation,
    /// Indices into `relation.fds` of the declared (non-key) dependencies, with their ids.
    declared: Vec<(usize, &'t FunctionalDependency)>,
    keys: Vec<Attrs>,
    truncated: bool,
    primes: Attrs,
}

fn column_index(table: &Table, id: ColumnId) -> Option<usize> {
    table.columns.iter().position(|c| c.id == id)
}

fn attrs(table: &Table, ids: &[ColumnId]) -> Option<Attrs> {
    let mut set = Attrs::empty();
    for id in ids {
        set.insert(column_index(table, *id)?);
    }
    Some(set)
}

fn ids(table: &Table, set: Attrs) -> Vec<ColumnId> {
    set.iter().map(|i| table.columns[i].id).collect()
}

fn names(table: &Table, set: Attrs) -> String {
    let names: Vec<&str> = set.iter().map(|i| table.columns[i].name.as_str()).collect();
    names.join(", ")
}

/// Column sets that certainly identify a row: the PK, and unique sets over NOT NULL columns.
pub(crate) fn certain_keys(table: &Table) -> Vec<Vec<ColumnId>> {
    let not_null = |cols: &[ColumnId]| {
        cols.iter()
            .all(|id| table.column(*id).is_some_and(|c| !c.nullable))
    };
    let mut keys = Vec::new();
    if let Some(pk) = &table.primary_key {
        keys.push(pk.columns.clone());
    }
    for u in &table.uniques {
        if not_null(&u.columns) {
            keys.push(u.columns.clone());
        }
    }
    for index in &table.indexes {
        if !index.unique || index.predicate.is_some() {
            continue;
        }
        let cols: Option<Vec<ColumnId>> = index
            .keys
            .iter()
            .map(|k| match k.target {
                IndexTarget::Column(c) => Some(c),
                IndexTarget::Expression(_) => None,
            })
            .collect();
        if let Some(cols) = cols.filter(|c| not_null(c)) {
            keys.push(cols);
        }
    }
    keys
}

/// Whether the declared dependency is usable: both sides non-empty, all columns in the table.
fn valid(table: &Table, fd: &FunctionalDependency) -> bool {
    !fd.lhs.is_empty()
        && !fd.rhs.is_empty()
        && attrs(table, &fd.lhs).is_some()
        && attrs(table, &fd.rhs).is_some()
}

impl<'t> Analysis<'t> {
    /// `None` when there is nothing beyond keys to analyse, or the table is too wide.
    pub fn of(table: &'t Table) -> Option<Result<Self, &'static str>> {
        let declared: Vec<&FunctionalDependency> = table
            .dependencies
            .iter()
            .filter(|fd| !fd.soft && valid(table, fd))
            .collect();
        if declared.is_empty() {
            return None;
        }
        if table.columns.len() > Attrs::CAPACITY {
            return Some(Err("the table has more columns than the analysis handles"));
        }
        let universe = Attrs::first(table.columns.len());
        let mut fds: Vec<Dependency> = certain_keys(table)
            .iter()
            .filter_map(|k| attrs(table, k))
            .map(|lhs| Dependency { lhs, rhs: universe })
            .collect();
        let mut indexed = Vec::new();
        for fd in declared {
            let (Some(lhs), Some(rhs)) = (attrs(table, &fd.lhs), attrs(table, &fd.rhs)) else {
                continue;
            };
            indexed.push((fds.len(), fd));
            fds.push(Dependency { lhs, rhs });
        }
        let relation = Relation { universe, fds };
        let found = relation.candidate_keys();
        let primes = found
            .keys
            .iter()
            .fold(Attrs::empty(), |acc, k| acc.union(k));
        Some(Ok(Self {
            table,
            relation,
            declared: indexed,
            keys: found.keys,
            truncated: found.truncated,
            primes,
        }))
    }

    /// Partial dependencies: for each key K and a ∈ K, the non-prime attributes that
    /// `K ∖ {a}` determines.
    fn partial_dependencies(&self) -> Vec<(Attrs, Attrs)> {
        let non_prime = self.relation.universe.minus(&self.primes);
        let mut found: Vec<(Attrs, Attrs)> = Vec::new();
        for key in &self.keys {
            if key.len() < 2 {
                continue;
            }
            for a in key.iter() {
                let mut part = *key;
                part.remove(a);
                let dependents = self.relation.closure(part).minus(key).intersect(&non_prime);
                if !dependents.is_empty() && !found.iter().any(|(p, _)| *p == part) {
                    found.push((part, dependents));
                }
            }
        }
        found
    }

    /// Transitive dependencies: cover dependencies X → A with X not a superkey, A non-prime,
    /// grouped by X, leaving out what a partial dependency already reported.
    fn transitive_dependencies(&self, partial: &[(Attrs, Attrs)]) -> Vec<(Attrs, Attrs)> {
        let reported = partial
            .iter()
            .fold(Attrs::empty(), |acc, (_, d)| acc.union(d));
        let mut groups: Vec<(Attrs, Attrs)> = Vec::new();
        for fd in self.relation.minimal_cover() {
            if self.relation.is_superkey(fd.lhs) {
                continue;
            }
            let dependent = fd.rhs.minus(&self.primes).minus(&reported);
            if dependent.is_empty() {
                continue;
            }
            match groups.iter_mut().find(|(x, _)| *x == fd.lhs) {
                Some((_, deps)) => *deps = deps.union(&dependent),
                None => groups.push((fd.lhs, dependent)),
            }
        }
        groups
    }

    /// Declared dependencies whose left side is not a superkey (each breaks BCNF).
    fn bcnf_violations(&self) -> Vec<(usize, &'t FunctionalDependency)> {
        self.declared
            .iter()
            .filter(|(i, _)| {
                let fd = self.relation.fds[*i];
                !fd.rhs.is_subset(&fd.lhs) && !self.relation.is_superkey(fd.lhs)
            })
            .copied()
            .collect()
    }

    pub fn verdict(&self) -> TableVerdict {
        let keys = self.keys.iter().map(|k| ids(self.table, *k)).collect();
        let bcnf = self.bcnf_violations().is_empty();
        if self.truncated {
            return TableVerdict {
                form: if bcnf {
                    NormalForm::BoyceCodd
                } else {
                    NormalForm::First
                },
                keys,
                inconclusive: true,
                basis: "key enumeration stopped at its limit; 2NF and 3NF were not decided".into(),
            };
        }
        let partial = self.partial_dependencies();
        let form = if bcnf {
            NormalForm::BoyceCodd
        } else if !partial.is_empty() {
            NormalForm::First
        } else if self.transitive_dependencies(&partial).is_empty() {
            NormalForm::Third
        } else {
            NormalForm::Second
        };
        TableVerdict {
            form,
            keys,
            inconclusive: false,
            basis: "with respect to the keys and the declared functional dependencies".into(),
        }
    }
}

/// The table's normal form. With no dependencies declared beyond its keys, every table is in
/// BCNF by construction, and the basis says so rather than claiming more.
pub fn table_verdict(table: &Table) -> TableVerdict {
    match Analysis::of(table) {
        None => TableVerdict {
            form: NormalForm::BoyceCodd,
            keys: certain_keys(table),
            inconclusive: false,
            basis: "with respect to its keys only: no other functional dependencies are declared"
                .into(),
        },
        Some(Err(why)) => TableVerdict {
            form: NormalForm::First,
            keys: certain_keys(table),
            inconclusive: true,
            basis: why.into(),
        },
        Some(Ok(analysis)) => analysis.verdict(),
    }
}

fn depend(set: Attrs) -> &'static str {
    if set.len() == 1 { "depends" } else { "depend" }
}

pub(super) fn check_table(_ctx: &Context, table: &Table, sink: &mut Sink) {
    invalid_declarations(table, sink);
    let analysis = match Analysis::of(table) {
        None => return,
        Some(Err(why)) => {
            sink.emit(
                "NF119",
                FindingTarget::of_columns(table.id, Vec::new()),
                format!("normal forms of {} not analysed: {why}", table.name),
            );
            return;
        }
        Some(Ok(a)) => a,
    };
    if analysis.truncated {
        sink.emit(
            "NF119",
            FindingTarget::of_columns(table.id, Vec::new()),
            format!(
                "{} has more than {} candidate keys under its dependencies; 2NF and 3NF verdicts withheld",
                table.name,
                super::fd::KEY_CAP
            ),
        )
        .help("Check the declared dependencies: many mutual dependencies (a ↔ b) multiply the keys.");
    } else {
        let partial = analysis.partial_dependencies();
        for (part, dependents) in &partial {
            let key = analysis
                .keys
                .iter()
                .find(|k| part.is_subset(k))
                .copied()
                .unwrap_or_default();
            sink.emit(
                "NF105",
                FindingTarget::of_columns(table.id, ids(table, dependents.union(part))),
                format!(
                    "{} {} on ({}), only part of the key ({})",
                    names(table, *dependents),
                    depend(*dependents),
                    names(table, *part),
                    names(table, key)
                ),
            )
            .help(format!(
                "Move {} to a table keyed by ({}) and reference it from {}.",
                names(table, *dependents),
                names(table, *part),
                table.name
            ))
            .fix(Fix::ExtractTable {
                table: table.id,
                lhs: ids(table, *part),
                rhs: ids(table, *dependents),
            });
        }
        for (x, dependents) in analysis.transitive_dependencies(&partial) {
            sink.emit(
                "NF106",
                FindingTarget::of_columns(table.id, ids(table, dependents.union(&x))),
                format!(
                    "{} {} on ({}), which is not a key: a transitive dependency",
                    names(table, dependents),
                    depend(dependents),
                    names(table, x)
                ),
            )
            .help(format!(
                "Move {} to a table keyed by ({}) and keep ({}) here as a foreign key.",
                names(table, dependents),
                names(table, x),
                names(table, x)
            ))
            .fix(Fix::ExtractTable {
                table: table.id,
                lhs: ids(table, x),
                rhs: ids(table, dependents),
            });
        }
        for (i, fd) in analysis.bcnf_violations() {
            let dep = analysis.relation.fds[i];
            if !dep.rhs.minus(&dep.lhs).is_subset(&analysis.primes) {
                continue; // a 2NF or 3NF violation, reported above
            }
            sink.emit(
                "NF107",
                FindingTarget {
                    dependency: Some(fd.id),
                    ..FindingTarget::of_columns(table.id, ids(table, dep.lhs.union(&dep.rhs)))
                },
                format!(
                    "({}) → ({}) holds but ({}) is not a key: not in BCNF",
                    names(table, dep.lhs),
                    names(table, dep.rhs),
                    names(table, dep.lhs)
                ),
            )
            .help("Decomposing on this dependency reaches BCNF but may lose another dependency; keep it if that one matters more.");
        }
    }
    unenforced_keys(table, &analysis, sink);
}

fn unenforced_keys(table: &Table, analysis: &Analysis, sink: &mut Sink) {
    let enforced: Vec<Attrs> = table
        .primary_key
        .iter()
        .map(|pk| pk.columns.clone())
        .chain(table.uniques.iter().map(|u| u.columns.clone()))
        .chain(table.indexes.iter().filter(|i| i.unique).map(|i| {
            i.keys
                .iter()
                .filter_map(|k| match k.target {
                    IndexTarget::Column(c) => Some(c),
                    IndexTarget::Expression(_) => None,
                })
                .collect()
        }))
        .filter_map(|cols| attrs(table, &cols))
        .collect();
    for key in &analysis.keys {
        if enforced.iter().any(|e| e.is_subset(key)) {
            continue;
        }
        let columns = ids(table, *key);
        sink.emit(
            "NF108",
            FindingTarget::of_columns(table.id, columns.clone()),
            format!(
                "({}) identify a row under the declared dependencies, but nothing enforces it",
                names(table, *key)
            ),
        )
        .help(format!("Add UNIQUE ({}).", names(table, *key)))
        .fix(Fix::AddUnique {
            table: table.id,
            columns,
        });
    }
}

fn invalid_declarations(table: &Table, sink: &mut Sink) {
    for fd in &table.dependencies {
        let fd_target = FindingTarget {
            dependency: Some(fd.id),
            ..FindingTarget::of_columns(table.id, Vec::new())
        };
        let problem = if fd.lhs.is_empty() || fd.rhs.is_empty() {
            Some("has an empty side")
        } else if attrs(table, &fd.lhs).is_none() || attrs(table, &fd.rhs).is_none() {
            Some("names a column that is not in the table")
        } else {
            None
        };
        if let Some(problem) = problem {
            sink.emit(
                "NF110",
                fd_target,
                format!("a functional dependency of {} {problem}", table.name),
            )
            .help("Edit the dependency in the inspector, or remove it.")
            .fix(Fix::RemoveDependency { dependency: fd.id });
        } else if fd.rhs.iter().all(|c| fd.lhs.contains(c)) {
            let text = |cols: &[ColumnId]| {
                cols.iter()
                    .filter_map(|id| table.column(*id).map(|c| c.name.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            sink.emit(
                "NF110",
                fd_target,
                format!(
                    "({}) → ({}) is trivial: the right side is part of the left",
                    text(&fd.lhs),
                    text(&fd.rhs)
                ),
            )
            .severity(Severity::Info)
            .help("Remove it; it states nothing.")
            .fix(Fix::RemoveDependency { dependency: fd.id });
        }
    }
}
