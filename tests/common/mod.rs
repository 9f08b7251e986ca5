//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `sample_models/*.ron`, sorted.
pub fn sample_models() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("sample_models"))
        .expect("sample_models/ exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths
}

/// One sample model by file stem.
pub fn sample(name: &str) -> PathBuf {
    root().join("sample_models").join(format!("{name}.ron"))
}

/// The real binary, run in `folder` with an isolated config home and state folder.
pub fn schemaboard(folder: &Path) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("schemaboard").expect("binary builds");
    command
        .current_dir(folder)
        .env("XDG_CONFIG_HOME", folder.join(".config"))
        .env("SCHEMABOARD_STATE_DIR", folder.join(".state"));
    command
}
pub mod catalog;
pub mod servers;
pub mod shape;
pub mod snapshot;

/// Holds the test database servers for one test at a time: tests in other processes (nextest
/// runs each in its own) would otherwise drop each other's databases.
pub fn server_lock() -> std::fs::File {
    let path = std::env::temp_dir().join("schemaboard-test-servers.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .expect("the lock file opens");
    file.lock().expect("the lock is taken");
    file
}

/// Every sample model and every corpus schema (imported), named by file stem.
pub fn sample_and_corpus_models() -> Vec<(String, schemaboard::model::Schema)> {
    let mut models: Vec<_> = sample_models()
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, schemaboard::io::load(&p).unwrap())
        })
        .collect();
    let mut corpus: Vec<_> = std::fs::read_dir(root().join("tests/data/corpus"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "sql"))
        .collect();
    corpus.sort();
    for path in corpus {
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        models.push((
            name,
            schemaboard::import::import_sql(&text, None, "corpus").schema,
        ));
    }
    models
}

/// Writes every model with `write` into a temporary folder, runs the node `script`
/// (`tests/data/…`) on the files, and checks each line it prints,
/// `file<TAB>tables<TAB>refs<TAB>names as JSON`, against the model's table and foreign-key counts
/// and its tables' names as `shown` says the format shows them. The npm packages are in the folder the
/// environment variable `packages` names (passed on as it is and as NODE_PATH); when it is unset
/// the check says it was skipped.
pub fn check_counts_with_node(
    packages: &str,
    script: &str,
    extension: &str,
    models: &[(String, schemaboard::model::Schema)],
    write: impl Fn(&schemaboard::model::Schema) -> String,
    shown: impl Fn(&schemaboard::model::Table) -> String,
    extra: impl Fn(&schemaboard::model::Schema) -> (Vec<String>, usize),
) {
    let Ok(folder_of_packages) = std::env::var(packages) else {
        println!("skipped: {packages} is not set (scripts/test installs the npm packages)");
        return;
    };
    let folder = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut expected = std::collections::BTreeMap::new();
    for (name, model) in models {
        let path = folder.path().join(format!("{name}.{extension}"));
        std::fs::write(&path, write(model)).unwrap();
        let stats = model.stats();
        let (more, more_links) = extra(model);
        let mut names: Vec<String> = model.tables.iter().map(&shown).chain(more).collect();
        names.sort();
        expected.insert(
            path.display().to_string(),
            (
                names.len().to_string(),
                (stats.foreign_keys + more_links).to_string(),
                names,
            ),
        );
        files.push(path);
    }
    let output = std::process::Command::new("node")
        .arg(root().join("tests/data").join(script))
        .args(&files)
        .env(packages, &folder_of_packages)
        .env(
            "NODE_PATH",
            Path::new(&folder_of_packages).join("node_modules"),
        )
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut problems = Vec::new();
    for line in stdout.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let (file, tables, refs) = (fields[0], fields[1], fields.get(2).copied().unwrap_or(""));
        let (want_tables, want_refs, want_names) = &expected[file];
        if tables != want_tables || refs != want_refs {
            problems.push(format!(
                "{file}: {script} reads {tables} tables, {refs} references; \
                 the model has {want_tables}, {want_refs}"
            ));
            continue;
        }
        let mut names: Vec<String> = fields
            .get(3)
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default();
        names.sort();
        for (read, want) in names.iter().zip(want_names).filter(|(r, w)| r != w) {
            problems.push(format!("{file}: {script} reads {read:?} for {want:?}"));
        }
        if names.len() != want_names.len() {
            problems.push(format!("{file}: {script} printed no names"));
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

/// A table's name as @dbml/core reads it: its schema shown unless it is the default one.
pub fn dbml_shown(table: &schemaboard::model::Table) -> String {
    match table.schema.as_deref() {
        Some(schema) if schema != "public" => table.qualified_name(),
        _ => table.name.clone(),
    }
}

/// What a format draws besides tables and foreign keys: nothing.
pub fn nothing_else(_: &schemaboard::model::Schema) -> (Vec<String>, usize) {
    (Vec::new(), 0)
}

/// The views Mermaid draws as entities (labelled with their kind and name), and their lines to
/// the tables they read.
pub fn mermaid_views(schema: &schemaboard::model::Schema) -> (Vec<String>, usize) {
    let mut names = Vec::new();
    let mut links = 0;
    for object in &schema.verbatim {
        if let Some(shape) = schemaboard::check::view_shape::view_shape(schema, object) {
            let label = format!("{} {}", object.kind, object.name);
            names.push(
                label
                    .chars()
                    .map(|c| match c {
                        '"' => '\'',
                        c if c.is_control() => ' ',
                        c => c,
                    })
                    .collect(),
            );
            links += shape.reads.len();
        }
    }
    (names, links)
}

/// A table's label as Mermaid draws it: a double quote as a single one, a control character
/// as a space (a label is one line of quoted text).
pub fn mermaid_shown(table: &schemaboard::model::Table) -> String {
    table
        .qualified_name()
        .chars()
        .map(|c| match c {
            '"' => '\'',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// `count` small corruptions of `text`, reproducible for a seed: three times, a character
/// dropped or replaced by one of `specials` (characters that mean something to the grammar).
/// `SCHEMABOARD_FUZZ_ROUNDS=N` multiplies `count` by N, for a longer run.
pub fn corruptions(text: &str, count: usize, seed: u64, specials: &[char]) -> Vec<String> {
    let rounds: usize = std::env::var("SCHEMABOARD_FUZZ_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let chars: Vec<char> = text.chars().collect();
    let mut rng = schemaboard::synth::Rng::new(seed);
    (0..count * rounds)
        .map(|_| {
            let mut mutated = chars.clone();
            for _ in 0..3 {
                if mutated.is_empty() {
                    break;
                }
                let at = rng.below(mutated.len());
                if rng.chance(50) {
                    mutated.remove(at);
                } else {
                    mutated[at] = specials[rng.below(specials.len())];
                }
            }
            mutated.into_iter().collect()
        })
        .collect()
}
