//! Schemaboard: model relational database schemas, check their design, import and export SQL.
//!
//! The library holds everything headless; the desktop app (`gui`, behind the default `gui`
//! feature) is the only part that knows egui. See `ARCHITECTURE.md` for the map.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

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
pub mod words;
