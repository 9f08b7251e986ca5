//! Schemaboard: model relational database schemas, check their design, import and export SQL.
//!
//! The library holds everything headless; the desktop app (`gui`, behind the default `gui`
//! feature) is the only part that knows egui. See `ARCHITECTURE.md` for the map.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// One allocator for every program built on the library, so the benches measure what the app
// does. Not under the fuzzer (its sanitizer watches the system allocator) or Miri (no C).
#[cfg(not(any(fuzzing, miri)))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod check;
pub mod cli;
pub mod compare;
pub mod export;
#[cfg(feature = "gui")]
pub mod gui;
pub mod import;
pub mod io;
pub mod layout;
pub mod model;
pub mod render;
pub mod scene;
pub mod sql_parse;
pub mod synth;
