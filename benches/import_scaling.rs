//! Import must be linear: the cost of a statement may not grow with how many came before.
//! Times (median of 7 rounds in which the sizes take turns, each sample the mean of as many imports
//! as fill 100 ms, release build) of importing chains of tables linked by foreign keys
//! (10k/20k/40k, SQL and DBML) and one wide table with a CREATE INDEX per ten columns
//! (2.5k/5k/10k/20k columns, SQL and DBML), and the growth exponent between sizes, log(t2/t1)/log(n2/n1):
//! above 1.15 the run fails. It runs with glibc's heap trimming off (see [`in_one_heap_regime`]).
//!
//! `cargo bench --bench import_scaling`

use schemaboard::import::dbml::import_dbml;
use schemaboard::import::{Dialect, import_sql};
use std::process::Command;
use std::time::{Duration, Instant};

const MAX_EXPONENT: f64 = 1.15;

fn chain_sql(n: usize) -> String {
    let mut out = String::from("CREATE TABLE t0 (id integer PRIMARY KEY);\n");
    for i in 1..n {
        out.push_str(&format!(
            "CREATE TABLE t{i} (id integer PRIMARY KEY, p integer REFERENCES t{} (id));\n",
            i - 1
        ));
    }
    out
}

fn chain_dbml(n: usize) -> String {
    let mut out = String::from("Table t0 {\n  id int [pk]\n}\n");
    for i in 1..n {
        out.push_str(&format!(
            "Table t{i} {{\n  id int [pk]\n  p int [ref: > t{}.id]\n}}\n",
            i - 1
        ));
    }
    out
}

fn wide_sql(n: usize) -> String {
    let columns: Vec<String> = (0..n).map(|i| format!("  c{i} integer")).collect();
    let mut out = format!(
        "CREATE TABLE w (\n  id integer PRIMARY KEY,\n{}\n);\n",
        columns.join(",\n")
    );
    for i in 0..n / 10 {
        out.push_str(&format!("CREATE INDEX w_i{i} ON w (c{});\n", i * 10));
    }
    out
}

fn wide_dbml(n: usize) -> String {
    let columns: Vec<String> = (0..n).map(|i| format!("  c{i} int")).collect();
    let indexes: Vec<String> = (0..n / 10).map(|i| format!("    c{}", i * 10)).collect();
    format!(
        "Table w {{\n  id int [pk]\n{}\n  indexes {{\n{}\n  }}\n}}\n",
        columns.join("\n"),
        indexes.join("\n")
    )
}

/// Rounds of one import per size: the sizes take turns, so a slower spell of a shared machine
/// falls on all of them instead of on one size's runs.
const ROUNDS: usize = 7;

/// Each sample lasts at least this long: a 1 ms import timed once is mostly the clock's and the
/// scheduler's noise, so short imports are repeated and their mean taken.
const SAMPLE: Duration = Duration::from_millis(100);

/// One sample of an import: the mean time of as many imports as fill [`SAMPLE`]; what each made
/// is dropped after the clock stops (freeing a model is not importing it, and freeing 40,000
/// tables costs a tenth of making them).
fn time<T>(import: impl Fn() -> T) -> Duration {
    let (mut spent, mut runs) = (Duration::ZERO, 0u32);
    while spent < SAMPLE || runs == 0 {
        let start = Instant::now();
        let made = std::hint::black_box(import());
        spent += start.elapsed();
        drop(made);
        runs += 1;
    }
    spent / runs
}

/// What is imported, at which sizes, the input of a size, and one import of an input.
type Case<'a> = (
    &'a str,
    &'a [usize],
    fn(usize) -> String,
    fn(&str) -> Duration,
);

/// glibc hands a freed heap back to the system once its free top passes a threshold that moves
/// with the sizes it has seen, so the sizes on either side of it run in different regimes: the
/// smaller ones on memory already mapped, the larger ones faulting theirs in again on every
/// import (measured: a DBML table of 20,000 columns took 2.8 times one of 10,000 that way, 2.0
/// times with trimming off). The bench runs itself again with trimming off and a fixed mmap
/// threshold, so that every size runs in one regime and the figure is the import's own growth.
fn in_one_heap_regime() {
    const TUNABLES: &str = "GLIBC_TUNABLES";
    if !cfg!(target_env = "gnu") || std::env::var_os(TUNABLES).is_some() {
        return;
    }
    let again = std::env::current_exe().and_then(|exe| {
        Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env(
                TUNABLES,
                "glibc.malloc.trim_threshold=4294967295:glibc.malloc.mmap_threshold=33554432",
            )
            .status()
    });
    match again {
        Ok(status) => std::process::exit(status.code().unwrap_or(1)),
        Err(e) => eprintln!("running in one heap regime failed ({e}); measuring as is"),
    }
}

fn main() {
    in_one_heap_regime();
    let cases: [Case; 4] = [
        (
            "SQL tables in a foreign-key chain",
            &[10_000, 20_000, 40_000],
            chain_sql,
            |text| time(|| import_sql(text, Some(Dialect::Postgres), "chain")),
        ),
        (
            "DBML tables in a reference chain",
            &[10_000, 20_000, 40_000],
            chain_dbml,
            |text| time(|| import_dbml(text, "chain")),
        ),
        (
            "columns of one table, n/10 CREATE INDEX",
            &[2_500, 5_000, 10_000, 20_000],
            wide_sql,
            |text| time(|| import_sql(text, Some(Dialect::Postgres), "wide")),
        ),
        (
            "DBML columns of one table, n/10 indexes",
            &[2_500, 5_000, 10_000, 20_000],
            wide_dbml,
            |text| time(|| import_dbml(text, "wide")),
        ),
    ];
    let mut failed = false;
    for (what, sizes, input, import) in cases {
        println!("{what} (median of {ROUNDS}):");
        let inputs: Vec<String> = sizes.iter().map(|&n| input(n)).collect();
        let mut times: Vec<Vec<Duration>> = vec![Vec::new(); sizes.len()];
        for _ in 0..ROUNDS {
            for (text, times) in inputs.iter().zip(&mut times) {
                times.push(import(text));
            }
        }
        let mut previous: Option<(usize, Duration)> = None;
        for (&n, mut times) in sizes.iter().zip(times) {
            times.sort();
            let t = times[ROUNDS / 2];
            match previous {
                Some((m, s)) => {
                    let exponent =
                        (t.as_secs_f64() / s.as_secs_f64()).ln() / (n as f64 / m as f64).ln();
                    let verdict = if exponent <= MAX_EXPONENT {
                        "ok"
                    } else {
                        "TOO STEEP"
                    };
                    failed |= exponent > MAX_EXPONENT;
                    println!(
                        "  {n:>6}: {:>8.1} ms  exponent {exponent:.2} {verdict}",
                        t.as_secs_f64() * 1e3
                    );
                }
                None => println!("  {n:>6}: {:>8.1} ms", t.as_secs_f64() * 1e3),
            }
            previous = Some((n, t));
        }
    }
    if failed {
        eprintln!("import grows faster than linearly (exponent above {MAX_EXPONENT})");
        std::process::exit(1);
    }
}
