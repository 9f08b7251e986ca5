//! libFuzzer target: see `tests/common/exercise.rs` for what is asserted.
#![no_main]

#[path = "../../tests/common/exercise.rs"]
mod exercise;

libfuzzer_sys::fuzz_target!(|data: &[u8]| exercise::import_dbml_bytes(data));
