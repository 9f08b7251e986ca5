//! Validator speed on a synthetic model of 1,000 tables × 30 columns with foreign keys,
//! indexes, declared dependencies and 200 sample queries. Targets on the project's 2-core
//! machine: a full check under 50 ms, a re-check after one column edit under 2 ms.
//!
//! `cargo bench --bench check`

use criterion::{Criterion, criterion_group, criterion_main};
use schemaboard::check::{Checker, check};
use schemaboard::model::{DataType, Schema};
use schemaboard::synth::{Spec, generate};
use std::hint::black_box;
use std::time::Duration;

fn model() -> Schema {
    generate(Spec {
        tables: 1000,
        columns: 30,
        queries: 200,
        seed: 42,
    })
}

fn full(c: &mut Criterion) {
    let schema = model();
    let mut group = c.benchmark_group("check");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(2));
    group.bench_function("full 1000x30", |b| {
        b.iter(|| black_box(check(&schema, &schema.check_settings).len()))
    });
    group.bench_function("full 1000x30, warm checker, nothing changed", |b| {
        let mut checker = Checker::default();
        checker.check(&schema, &schema.check_settings);
        b.iter(|| {
            checker.check(&schema, &schema.check_settings);
            black_box(checker.last_rechecked())
        })
    });
    group.finish();
}

/// One edit, then a re-check by the warm checker: the edit alternates so every iteration
/// sees a change.
fn incremental(c: &mut Criterion) {
    let mut schema = model();
    let settings = schema.check_settings.clone();
    let mut checker = Checker::default();
    checker.check(&schema, &settings);
    let table = schema.tables.len() / 2;
    let column = 10;
    // The GUI knows which table an edit touched (`check::tables_touched`); so does the bench.
    let id = schema.tables[table].id;
    let mut group = c.benchmark_group("check");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    group.bench_function("incremental: toggle NOT NULL", |b| {
        b.iter(|| {
            let c = &mut schema.tables[table].columns[column];
            c.nullable = !c.nullable;
            checker.check_touched(&schema, &settings, Some(&[id]));
            black_box(checker.last_rechecked())
        })
    });
    let mut flip = false;
    group.bench_function("incremental: change a type", |b| {
        b.iter(|| {
            flip = !flip;
            schema.tables[table].columns[column].data_type = if flip {
                DataType::Text
            } else {
                DataType::Varchar(Some(120))
            };
            checker.check_touched(&schema, &settings, Some(&[id]));
            black_box(checker.last_rechecked())
        })
    });
    group.bench_function("incremental: rename a column", |b| {
        b.iter(|| {
            flip = !flip;
            schema.tables[table].columns[column].name = if flip {
                "renamed".into()
            } else {
                "original".into()
            };
            checker.check_touched(&schema, &settings, Some(&[id]));
            black_box(checker.last_rechecked())
        })
    });
    group.finish();
}

criterion_group!(benches, full, incremental);
criterion_main!(benches);
