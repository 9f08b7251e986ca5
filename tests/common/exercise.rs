//! What every fuzz input must survive, shared by the libFuzzer targets in `fuzz/` and by the
//! suite's replay of their seeds and of every crash they found (`tests/it/fuzz_replay.rs`).
//!
//! Beyond "no panic": an import yields a sound model (ids unique, references resolve, positions
//! finite) that the validator, every exporter and the renderer take without panicking, and that
//! saves and loads back unchanged. A model file either loads as a sound model that passes the same,
//! or fails with an error that names the file and, for syntax, a line and column.
#![allow(dead_code)]

use schemaboard::export::ddl::{
    export_ddl, mssql::MsSql, mysql::MySql, postgres::Postgres, sqlite::Sqlite,
};
use schemaboard::import::{Dialect, dbml::import_dbml, import_sql};
use schemaboard::io::{LoadError, load_str, to_ron_string};
use schemaboard::model::{Schema, integrity_problems};
use std::path::Path;

/// The first byte picks the dialect (or guessing), the rest is the script.
pub fn import_sql_bytes(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let dialect = match choice % 5 {
        0 => None,
        1 => Some(Dialect::Postgres),
        2 => Some(Dialect::MySql),
        3 => Some(Dialect::Sqlite),
        _ => Some(Dialect::MsSql),
    };
    sound_model(&import_sql(text, dialect, "fuzz").schema, text);
}

/// A DBML document.
pub fn import_dbml_bytes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    sound_model(&import_dbml(text, "fuzz").schema, text);
}

/// A `.ron` model document.
pub fn load_ron_bytes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match load_str(text, Path::new("fuzz.ron")) {
        Ok(schema) => sound_model(&schema, text),
        Err(LoadError::Syntax { line, column, .. }) => {
            assert!(line >= 1 && column >= 1, "syntax error without a position");
        }
        Err(error) => {
            let message = error.to_string();
            assert!(
                message.starts_with("fuzz.ron"),
                "error without the file: {message}"
            );
        }
    }
}

fn sound_model(schema: &Schema, input: &str) {
    assert_eq!(
        integrity_problems(schema),
        [],
        "unsound model from {input:?}"
    );
    let _ = schemaboard::check::check(schema, &schema.check_settings);
    for dialect in [
        &Postgres as &dyn schemaboard::export::ddl::SqlDialect,
        &MySql,
        &Sqlite,
        &MsSql,
    ] {
        let _ = export_ddl(schema, dialect);
    }
    let _ = schemaboard::export::dbml::to_dbml(schema);
    let _ = schemaboard::export::mermaid::to_mermaid(schema);
    let _ = schemaboard::export::dot::to_dot(schema);
    let _ = schemaboard::render::to_svg(schema, &schemaboard::render::Options::default());
    // The saved text is the model (the id counter is not saved: a loaded model allocates above
    // its highest id), so loading it and saving again must give the same text.
    let text = to_ron_string(schema);
    match load_str(&text, Path::new("again.ron")) {
        Ok(again) => assert!(
            to_ron_string(&again) == text,
            "the model changed through save and load"
        ),
        Err(error) => panic!("a saved model does not load: {error}"),
    }
}
