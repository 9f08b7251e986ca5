//! The fuzzers' short run inside `cargo test`: every seed they start from and every crash they
//! ever found (`fuzz/regressions/TARGET/`) goes through the same checks as in `fuzz/`
//! (`tests/common/exercise.rs`). The coverage-guided runs themselves are `scripts/fuzz`.

use crate::common;
use crate::exercise;

use std::path::Path;

fn files_in(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .map(|entries| entries.map(|e| e.expect("readable entry").path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file() && p.file_name().is_none_or(|n| n != ".keep"));
    files.sort();
    files
}

fn regressions(target: &str) -> Vec<Vec<u8>> {
    files_in(&common::root().join("fuzz/regressions").join(target))
        .iter()
        .map(|p| std::fs::read(p).expect("readable"))
        .collect()
}

#[test]
fn every_corpus_script_imports_into_a_model_that_exports_and_saves_unchanged() {
    for path in files_in(&common::root().join("tests/data/corpus")) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(dialect) = [".postgresql.", ".mysql.", ".sqlite.", ".sqlserver."]
            .iter()
            .position(|d| name.contains(d))
        else {
            continue;
        };
        let mut input = vec![dialect as u8 + 1];
        input.extend(std::fs::read(&path).unwrap());
        exercise::import_sql_bytes(&input);
    }
}

#[test]
fn sql_crashes_found_by_fuzzing_stay_fixed() {
    for input in regressions("import_sql") {
        exercise::import_sql_bytes(&input);
    }
}

#[test]
fn dbml_seeds_and_crashes_found_by_fuzzing_stay_fixed() {
    let seeds = files_in(&common::root().join("fuzz/seeds/import_dbml"));
    assert!(seeds.len() >= 5, "the DBML seeds are in fuzz/seeds");
    for path in seeds {
        exercise::import_dbml_bytes(&std::fs::read(path).unwrap());
    }
    for input in regressions("import_dbml") {
        exercise::import_dbml_bytes(&input);
    }
}

#[test]
fn sample_models_and_model_crashes_found_by_fuzzing_stay_fixed() {
    for path in common::sample_models() {
        exercise::load_ron_bytes(&std::fs::read(path).unwrap());
    }
    for input in regressions("load_ron") {
        exercise::load_ron_bytes(&input);
    }
}
