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

/// The real binary, run in `folder` with an isolated config home.
pub fn schemaboard(folder: &Path) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("schemaboard").expect("binary builds");
    command
        .current_dir(folder)
        .env("XDG_CONFIG_HOME", folder.join(".config"));
    command
}
pub mod catalog;
pub mod servers;
pub mod shape;

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
