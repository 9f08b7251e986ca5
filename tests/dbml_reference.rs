//! DBML export checked by the reference parser, `@dbml/core` (npm), run with node: every sample
//! model and every corpus schema parses, with the model's table and reference counts; and so does
//! the DBML of each of them read back by our DBML importer.
//! `scripts/test` installs the parser in a temporary folder and names it in
//! SCHEMABOARD_DBML_CORE; without it the test says it was skipped.

mod common;

use schemaboard::export::dbml::to_dbml;
use schemaboard::import::import_sql;
use schemaboard::model::Schema;

#[test]
fn dbml_export_parses_with_dbml_core_and_keeps_the_counts() {
    let Ok(parser) = std::env::var("SCHEMABOARD_DBML_CORE") else {
        println!("skipped: SCHEMABOARD_DBML_CORE is not set (scripts/test installs @dbml/core)");
        return;
    };
    let folder = tempfile::tempdir().unwrap();
    let mut models: Vec<(String, Schema)> = common::sample_models()
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, schemaboard::io::load(&p).unwrap())
        })
        .collect();
    for entry in std::fs::read_dir(common::root().join("tests/data/corpus")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "sql") {
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            models.push((name, import_sql(&text, None, "corpus").schema));
        }
    }
    // DBML import → DBML export must agree with @dbml/core too.
    let reimported: Vec<(String, Schema)> = models
        .iter()
        .map(|(name, model)| {
            let read = schemaboard::import::dbml::import_dbml(&to_dbml(model), name);
            assert_eq!(
                read.report.failed(),
                0,
                "{name}: {:?}",
                read.report.diagnostics
            );
            (format!("{name}.reimported"), read.schema)
        })
        .collect();
    models.extend(reimported);
    let mut files = Vec::new();
    let mut expected = std::collections::BTreeMap::new();
    for (name, model) in &models {
        let path = folder.path().join(format!("{name}.dbml"));
        std::fs::write(&path, to_dbml(model)).unwrap();
        let stats = model.stats();
        expected.insert(
            path.display().to_string(),
            (stats.tables, stats.foreign_keys),
        );
        files.push(path);
    }
    let output = std::process::Command::new("node")
        .arg(common::root().join("tests/data/dbml_check.js"))
        .args(&files)
        .env(
            "NODE_PATH",
            std::path::Path::new(&parser).join("node_modules"),
        )
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut problems = Vec::new();
    for line in stdout.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let (file, tables, refs) = (fields[0], fields[1], fields.get(2).copied().unwrap_or(""));
        let (want_tables, want_refs) = expected[file];
        if tables != want_tables.to_string() || refs != want_refs.to_string() {
            problems.push(format!("{file}: @dbml/core says {tables} tables, {refs} refs; the model has {want_tables}, {want_refs}"));
        }
    }
    assert_eq!(
        stdout.lines().count(),
        files.len(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
