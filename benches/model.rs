//! The model as a document and as a picture plan: RON save and load of the largest corpus schema
//! (Odoo 16, 776 tables), and auto-layout of Odoo and of synthetic models of 250 to 2,000 tables.
//!
//! `cargo bench --bench model`

mod common;

use common::odoo;
use criterion::{Criterion, criterion_group, criterion_main};
use schemaboard::io::{load_str, to_ron_string};
use schemaboard::layout::arrange;
use schemaboard::synth::{Spec, generate};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn document(c: &mut Criterion) {
    let schema = odoo();
    let text = to_ron_string(&schema);
    let mut group = c.benchmark_group("ron odoo16");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    group.bench_function("save", |b| {
        b.iter(|| black_box(to_ron_string(&schema).len()))
    });
    group.bench_function("load", |b| {
        b.iter(|| {
            black_box(
                load_str(&text, Path::new("odoo16.ron"))
                    .expect("loads")
                    .tables
                    .len(),
            )
        })
    });
    group.finish();
}

fn layout(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    let mut models = vec![("odoo16".to_string(), odoo())];
    // The scaling series: the growth from 250 to 2,000 tables shows the algorithm's order.
    for tables in [250, 500, 1000, 2000] {
        let spec = Spec {
            tables,
            columns: 30,
            queries: 0,
            seed: 7,
        };
        models.push((format!("synthetic {tables}x30"), generate(spec)));
    }
    for (name, schema) in models {
        group.bench_function(name, |b| {
            b.iter_batched_ref(|| schema.clone(), arrange, criterion::BatchSize::LargeInput)
        });
    }
    group.finish();
}

criterion_group!(benches, document, layout);
criterion_main!(benches);
