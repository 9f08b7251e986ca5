//! A save killed part way — SIGKILL, no chance to clean up — leaves the old file or the new one,
//! whole; never a torn file. The child is the real binary writing a large model with `gen`,
//! killed at moments spread over the time a whole save takes.
#![cfg(unix)]

use std::process::Command;
use std::time::{Duration, Instant};

fn generate(tables: u32, seed: u32, path: &std::path::Path) -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("schemaboard"));
    command
        .args(["gen", "--tables", &tables.to_string(), "--columns", "30"])
        .args(["--queries", "0", "--seed", &seed.to_string(), "-o"])
        .arg(path);
    command
}

#[test]
fn a_save_killed_at_any_moment_leaves_a_whole_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("model.ron");
    assert!(generate(3, 1, &path).status().unwrap().success());
    // How long a whole save of the big model takes here.
    let started = Instant::now();
    assert!(
        generate(1500, 1, &folder.path().join("timing.ron"))
            .status()
            .unwrap()
            .success()
    );
    let whole = started.elapsed();
    let (mut old, mut new) = (0, 0);
    for k in 0..12u32 {
        let mut child = generate(1500, k + 2, &path).spawn().unwrap();
        std::thread::sleep(whole.mul_f64(f64::from(k) / 10.0) + Duration::from_millis(5));
        let _ = child.kill(); // SIGKILL: no destructor, no cleanup
        child.wait().unwrap();
        let model = schemaboard::io::load(&path)
            .unwrap_or_else(|e| panic!("killed after {k}/10 of a save: {e}"));
        match model.tables.len() {
            3 => old += 1,
            1500 => new += 1,
            n => panic!("a model of {n} tables: neither the old file nor the new one"),
        }
        // Start each round from the small file again.
        assert!(generate(3, 1, &path).status().unwrap().success());
    }
    println!("killed 12 saves: {old} left the old file, {new} the new one");
}
