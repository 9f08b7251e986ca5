//! The live validator of a document. An edit is re-checked incrementally within the frame
//! (only the tables it touched and their neighbours); the first full check of a large model
//! runs on a worker thread, so opening a big schema never freezes the window.

use crate::check::{Checker, Finding, Summary, tables_touched};
use crate::model::{ColumnId, Edit, Schema, Severity, TableId};
use std::collections::HashMap;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Models with at least this many tables get their first check on a worker thread.
const BACKGROUND_FROM: usize = 200;

/// Findings kept in step with the model.
#[derive(Debug, Default)]
pub struct Validation {
    checker: Checker,
    checked_revision: Option<u64>,
    check_time: Duration,
    /// The counts of the last check, kept: the status bar and the findings panel show them
    /// every frame, and a big model has tens of thousands of findings.
    summary: Summary,
    /// Tables changed since the last check; `None` when unknown (compare them all).
    touched: Option<Vec<TableId>>,
    /// A first check in flight: the revision it checks, and where its result arrives.
    worker: Option<(u64, mpsc::Receiver<(Checker, Duration)>)>,
}

impl Validation {
    /// Records that a step changed the model; `inverse` names every object it changed.
    pub fn note(&mut self, inverse: Option<&Edit>, schema: &Schema) {
        let tables = inverse.and_then(|e| tables_touched(e, schema));
        match (&mut self.touched, tables) {
            (Some(list), Some(tables)) => list.extend(tables),
            _ => self.touched = None,
        }
    }

    /// Brings the findings up to `revision` of `schema`, if they are not already.
    pub fn refresh(&mut self, schema: &Schema, revision: u64) {
        if let Some((checked, receiver)) = &self.worker {
            match receiver.try_recv() {
                Ok((checker, time)) => {
                    self.checker = checker;
                    self.check_time = time;
                    self.checked_revision = Some(*checked);
                    self.summary = Summary::of(self.checker.findings());
                    self.worker = None;
                }
                Err(mpsc::TryRecvError::Empty) => return,
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.worker = None;
                    self.touched = None;
                }
            }
        }
        if self.checked_revision == Some(revision) {
            return;
        }
        if self.checked_revision.is_none() && schema.tables.len() >= BACKGROUND_FROM {
            let (sender, receiver) = mpsc::channel();
            let copy = schema.clone();
            std::thread::spawn(move || {
                let started = Instant::now();
                let mut checker = Checker::default();
                checker.check(&copy, &copy.check_settings);
                let _ = sender.send((checker, started.elapsed()));
            });
            self.worker = Some((revision, receiver));
            self.touched = Some(Vec::new());
            return;
        }
        let started = Instant::now();
        self.checker
            .check_touched(schema, &schema.check_settings, self.touched.as_deref());
        self.check_time = started.elapsed();
        self.checked_revision = Some(revision);
        self.summary = Summary::of(self.checker.findings());
        self.touched = Some(Vec::new());
    }

    /// Whether a first check is still running.
    pub fn is_checking(&self) -> bool {
        self.worker.is_some()
    }

    /// The findings of the last check.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> + '_ {
        self.checker.findings()
    }

    /// How long the last check took.
    pub fn check_time(&self) -> Duration {
        self.check_time
    }

    /// The counts of the last check's findings.
    pub fn summary(&self) -> Summary {
        self.summary
    }

    /// The model revision the findings are of (`None` before the first check ends): what is
    /// derived from the findings can be kept until it changes.
    pub fn checked_revision(&self) -> Option<u64> {
        self.checked_revision
    }
}

/// Where the validator's findings are, for markers on cards and rows.
#[derive(Debug, Default)]
pub struct FindingMarks {
    pub(crate) tables: HashMap<TableId, (Severity, Vec<String>)>,
    pub(crate) columns: HashMap<ColumnId, (Severity, Vec<String>)>,
}

impl FindingMarks {
    /// Gathers the active findings by table and column: the most serious severity, and each
    /// finding's line for the marker's hover text.
    pub fn of<'f>(findings: impl Iterator<Item = &'f Finding>) -> Self {
        let mut marks = FindingMarks::default();
        for f in findings.filter(|f| f.is_active()) {
            let line = format!("{} {}: {}", f.severity.label(), f.code, f.message);
            let add = |entry: &mut (Severity, Vec<String>)| {
                entry.0 = entry.0.max(f.severity);
                entry.1.push(line.clone());
            };
            if let Some(table) = f.target.table {
                add(marks
                    .tables
                    .entry(table)
                    .or_insert((Severity::Info, Vec::new())));
            }
            for column in &f.target.columns {
                add(marks
                    .columns
                    .entry(*column)
                    .or_insert((Severity::Info, Vec::new())));
            }
        }
        marks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{Spec, generate};

    #[test]
    fn a_large_model_is_first_checked_on_a_worker_then_incrementally() {
        let mut schema = generate(Spec {
            tables: 300,
            columns: 12,
            queries: 20,
            seed: 3,
        });
        let mut validation = Validation::default();
        validation.refresh(&schema, 0);
        assert!(validation.is_checking());
        // An edit made while the worker runs is caught up once its result arrives.
        let column = schema.tables[10].columns[3].clone();
        let mut changed = column.clone();
        changed.nullable = !changed.nullable;
        let inverse = Edit::SetColumn { column: changed }
            .apply(&mut schema)
            .unwrap();
        validation.note(Some(&inverse), &schema);
        let deadline = Instant::now() + Duration::from_secs(60);
        while validation.is_checking() {
            assert!(Instant::now() < deadline, "the worker never answered");
            std::thread::sleep(Duration::from_millis(5));
            validation.refresh(&schema, 1);
        }
        let mut got: Vec<Finding> = validation.findings().cloned().collect();
        let mut want = crate::check::check(&schema, &schema.check_settings);
        let key = |f: &Finding| (f.code, f.target.clone(), f.message.clone());
        got.sort_by_key(key);
        want.sort_by_key(key);
        assert_eq!(got, want);
    }
}
