//! `schemaboard gen`: a synthetic model for benchmarks and stress tests (hub tables, junction
//! tables with composite keys, indexes, declared dependencies, sample queries), laid out and
//! deterministic for a seed.

use super::{Failure, Outcome};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `gen`.
#[derive(Debug, Args)]
pub struct GenArgs {
    /// Number of tables.
    #[arg(long, default_value_t = 1000)]
    pub tables: usize,
    /// Columns per table (at least 4).
    #[arg(long, default_value_t = 30)]
    pub columns: usize,
    /// Sample queries in the workload.
    #[arg(long, default_value_t = 200)]
    pub queries: usize,
    /// Random seed: the same arguments give the same model.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to write the model (`.ron`).
    #[arg(short, long)]
    pub output: PathBuf,
}

/// The most tables `gen` makes: beyond it a model is no longer a realistic benchmark.
const MAX_TABLES: usize = 100_000;

pub(super) fn run(args: &GenArgs) -> Result<Outcome, Failure> {
    if args.tables == 0 || args.tables > MAX_TABLES || args.columns > 1000 {
        return Err(Failure::usage_or_io(format!(
            "gen makes 1 to {MAX_TABLES} tables of up to 1000 columns"
        )));
    }
    let mut schema = crate::synth::generate(crate::synth::Spec {
        tables: args.tables,
        columns: args.columns,
        queries: args.queries,
        seed: args.seed,
    });
    // Deterministic like the rest of the file: one seed and size, one model.
    schema.lineage = format!(
        "gen-{:x}-{}x{}x{}",
        args.seed, args.tables, args.columns, args.queries
    );
    crate::layout::arrange(&mut schema);
    crate::io::save(&args.output, &schema).map_err(|e| Failure::usage_or_io(e.to_string()))?;
    let stats = schema.stats();
    eprintln!(
        "generated: {} tables, {} columns, {} foreign keys, {} queries",
        stats.tables,
        stats.columns,
        stats.foreign_keys,
        schema.queries.len()
    );
    Ok(Outcome::Success)
}
