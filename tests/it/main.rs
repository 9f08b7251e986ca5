//! The integration tests, in one binary (as ripgrep does): one link of egui, sqlparser and
//! resvg instead of one per file. Each file is a module; shared fixtures are in `tests/common`.

#[path = "../common/mod.rs"]
mod common;
#[path = "../common/exercise.rs"]
mod exercise;
#[cfg(feature = "gui")]
#[path = "../common/harness.rs"]
mod harness;

mod adversarial_names;
mod check_cli;
mod check_evaluation;
mod cli;
mod corrupted_input;
mod cross_dialect;
mod dbml_import;
mod dbml_reference;
mod ddl_real_db;
mod dictionary;
mod dot_export;
mod edit_sequences;
mod expression_acceptance;
mod fuzz_replay;
mod gui;
mod gui_editing;
mod gui_first_minutes;
mod gui_physical_design;
mod gui_review;
mod hostile_sql;
mod import_corpus;
mod merge;
mod mermaid_reference;
mod migrations;
mod module_cycles;
#[cfg(feature = "gui")]
mod palette;
#[cfg(feature = "gui")]
mod panels;
mod recovery;
mod render;
mod roundtrip;
mod same_dialect;
mod torn_save;
mod type_mapping;
