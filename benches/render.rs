//! Image export speed on the largest corpus schema (Odoo 16: 776 tables, 2,995 foreign keys),
//! laid out by our importer: scene build (layout of cards and connectors), SVG, and PNG at
//! scale 1 (tiled past 8192 px). `scripts/bench-peers` (issue #8) compares it with Graphviz.
//!
//! `cargo bench --bench render`

mod common;

use common::odoo;
use criterion::{Criterion, criterion_group, criterion_main};
use schemaboard::render::{FontMeasure, Options, to_png, to_svg};
use schemaboard::scene::{Metrics, build};
use std::hint::black_box;
use std::time::Duration;

fn render(c: &mut Criterion) {
    let schema = odoo();
    let mut group = c.benchmark_group("render odoo16");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("scene", |b| {
        let metrics = Metrics::default();
        let measure = FontMeasure::new(metrics);
        b.iter(|| black_box(build(&schema, &measure, &metrics).tables.len()))
    });
    group.bench_function("svg", |b| {
        b.iter(|| black_box(to_svg(&schema, &Options::default()).unwrap().len()))
    });
    group.measurement_time(Duration::from_secs(60));
    group.bench_function("png scale 1", |b| {
        b.iter(|| black_box(to_png(&schema, &Options::default(), 1.0).unwrap().len()))
    });
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
