//! DDL export speed: the largest corpus schema (Odoo 16, 776 tables, imported once) written for
//! each dialect.
//!
//! `cargo bench --bench export`

use criterion::{Criterion, criterion_group, criterion_main};
use schemaboard::export::ddl::{SqlDialect, export_ddl, mysql, postgres, sqlite};
use schemaboard::import::{Dialect, import_sql};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

fn export(c: &mut Criterion) {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus/odoo16.postgresql.sql");
    let text =
        String::from_utf8_lossy(&std::fs::read(&path).expect("the corpus file")).into_owned();
    let schema = import_sql(&text, Some(Dialect::Postgres), "odoo16").schema;
    let mut group = c.benchmark_group("export odoo16");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(6))
        .warm_up_time(Duration::from_secs(1));
    for dialect in [
        &postgres::Postgres as &dyn SqlDialect,
        &mysql::MySql,
        &sqlite::Sqlite,
    ] {
        group.bench_function(dialect.name(), |b| {
            b.iter(|| black_box(export_ddl(&schema, dialect).map(|d| d.sql.len())))
        });
    }
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
