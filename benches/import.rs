//! Import speed on the corpus, largest file first. The target: Odoo's 3.6 MB, 776-table dump in
//! under 0.5 s on the project's 2-core machine.
//!
//! `cargo bench --bench import` (add a file name to run one, e.g. `-- odoo16`).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use schemaboard::import::{Dialect, import_sql};
use std::path::PathBuf;
use std::time::Duration;

fn corpus() -> Vec<(String, Dialect, String)> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus");
    let mut files: Vec<(String, Dialect, String)> = std::fs::read_dir(&folder)
        .expect("the corpus folder")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?.to_string();
            let dialect = match name.split('.').nth(1)? {
                "postgresql" => Dialect::Postgres,
                "mysql" => Dialect::MySql,
                "sqlite" => Dialect::Sqlite,
                "sqlserver" => Dialect::MsSql,
                _ => return None,
            };
            let text = String::from_utf8_lossy(&std::fs::read(&path).ok()?).into_owned();
            Some((name, dialect, text))
        })
        .collect();
    files.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then(a.0.cmp(&b.0)));
    files
}

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    for (name, dialect, text) in corpus() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&name), &text, |b, text| {
            b.iter(|| import_sql(text, Some(dialect), "bench"))
        });
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
