//! The `.ron` document: a version header and the model, written deterministically.
//!
//! Determinism is what makes the file work in git: the same model always gives the same bytes
//! (no hash-map order, fixed indentation, one field per line), so changing one column's type is a
//! one-line diff and a merge conflict points at the object both sides changed.

use super::atomic::write_atomically;
use crate::model::{IntegrityProblem, Schema, integrity_problems};
use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The document format version this build writes. Older versions are migrated when loaded.
pub const CURRENT_VERSION: u32 = 1;

/// Deeper nesting than this is refused rather than risking the stack on a hostile file.
const RECURSION_LIMIT: usize = 64;

#[derive(Serialize)]
struct DocumentOut<'a> {
    version: u32,
    model: &'a Schema,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentIn {
    version: u32,
    model: Schema,
}

/// Reads only the version, so a newer file is reported as such and not as a syntax error.
#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

/// Why a document could not be loaded. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The text is not a valid document; `line` and `column` are 1-based.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was wrong and what was expected there.
        message: String,
    },
    /// The file was written by a newer Schemaboard.
    #[error(
        "{}: this model is in format version {found}, but this Schemaboard reads versions up to \
         {supported}; open it with a newer Schemaboard",
        path.display()
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The document parses but its references do not hold together.
    #[error("{}: the model is inconsistent: {}", path.display(), list(problems))]
    Inconsistent {
        /// The file.
        path: PathBuf,
        /// Every broken invariant.
        problems: Vec<IntegrityProblem>,
    },
}

fn list(problems: &[IntegrityProblem]) -> String {
    const SHOWN: usize = 5;
    let mut text = problems
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    if problems.len() > SHOWN {
        text.push_str(&format!(" (and {} more)", problems.len() - SHOWN));
    }
    text
}

/// Why a document could not be saved. The file on disk is unchanged when this is returned.
#[derive(Debug, thiserror::Error)]
#[error("cannot save {}: {source}", path.display())]
pub struct SaveError {
    /// The file.
    pub path: PathBuf,
    /// What went wrong.
    pub source: std::io::Error,
}

/// The document text for a model: the same model always gives the same bytes.
pub fn to_ron_string(schema: &Schema) -> String {
    let config = PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
        .extensions(Extensions::IMPLICIT_SOME);
    let document = DocumentOut {
        version: CURRENT_VERSION,
        model: schema,
    };
    let mut text = ron::ser::to_string_pretty(&document, config)
        .expect("a model always serialises: it has no maps with non-string keys");
    text.push('\n');
    text
}

/// Parses document text; `path` is used in error messages only.
pub fn load_str(text: &str, path: &Path) -> Result<Schema, LoadError> {
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    if let Ok(probe) = options.from_str::<VersionProbe>(text)
        && probe.version > CURRENT_VERSION
    {
        return Err(LoadError::NewerVersion {
            path: path.to_path_buf(),
            found: probe.version,
            supported: CURRENT_VERSION,
        });
    }
    let document: DocumentIn = options.from_str(text).map_err(|error| {
        let (line, column) = next_token(text, error.span.start.line, error.span.start.col);
        LoadError::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message: match error.code {
                // ron's own text advises developers to raise the limit in code.
                ron::Error::ExceededRecursionLimit => format!(
                    "nested more than {RECURSION_LIMIT} levels deep; a model is never this deep, \
                     so the file is damaged or not a model"
                ),
                other => other.to_string(),
            },
        }
    })?;
    if document.version == 0 {
        return Err(LoadError::Syntax {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "the format version must be 1 or more".to_string(),
        });
    }
    let mut schema = document.model;
    schema
        .ids
        .reserve_above(crate::model::integrity::highest_id(&schema));
    let problems = integrity_problems(&schema);
    if !problems.is_empty() {
        return Err(LoadError::Inconsistent {
            path: path.to_path_buf(),
            problems,
        });
    }
    Ok(schema)
}

/// RON reports some errors at the whitespace before the offending token; point at the token.
fn next_token(text: &str, line: usize, column: usize) -> (usize, usize) {
    let Some(rest) = text.lines().nth(line.saturating_sub(1)) else {
        return (line, column);
    };
    let skipped = rest
        .chars()
        .skip(column.saturating_sub(1))
        .take_while(|c| c.is_whitespace())
        .count();
    let at_end = rest.chars().count() < column + skipped;
    if at_end {
        (line, column)
    } else {
        (line, column + skipped)
    }
}

/// Reads a `.ron` model document.
pub fn load(path: &Path) -> Result<Schema, LoadError> {
    let bytes =
        super::read_input(path, super::MAX_MODEL_BYTES).map_err(|source| LoadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let valid = String::from_utf8_lossy(valid);
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        LoadError::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message: "the file is not valid UTF-8 text".to_string(),
        }
    })?;
    load_str(&text, path)
}

/// Saves a model atomically, keeping the previous file as `name.ron.bak`.
pub fn save(path: &Path, schema: &Schema) -> Result<(), SaveError> {
    let text = to_ron_string(schema);
    write_atomically(path, |out: &mut dyn Write| out.write_all(text.as_bytes())).map_err(|source| {
        SaveError {
            path: path.to_path_buf(),
            source,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SchemaBuilder;

    fn small_model() -> Schema {
        let mut b = SchemaBuilder::new("Tiny");
        b.table("people", (10.0, 20.5), |t| {
            t.column("id", "bigint").pk().identity();
            t.column("name", "varchar(80)")
                .not_null()
                .comment("Full name");
            t.column("boss_id", "bigint").references("people", "id");
        });
        b.build().unwrap()
    }

    #[test]
    fn writes_a_version_header_and_reads_back_the_same_model() {
        let schema = small_model();
        let text = to_ron_string(&schema);
        assert!(
            text.starts_with("#![enable(implicit_some)]\n(\n    version: 1,\n"),
            "{text}"
        );
        let loaded = load_str(&text, Path::new("tiny.ron")).unwrap();
        assert_eq!(loaded, schema);
        assert_eq!(to_ron_string(&loaded), text);
    }

    #[test]
    fn a_one_column_change_is_a_one_line_diff() {
        let schema = small_model();
        let mut changed = schema.clone();
        changed.tables[0].columns[1].data_type = crate::model::DataType::Text;
        let before = to_ron_string(&schema);
        let after = to_ron_string(&changed);
        let differing: Vec<_> = before
            .lines()
            .zip(after.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(before.lines().count(), after.lines().count());
        assert_eq!(differing.len(), 1, "{differing:?}");
    }

    #[test]
    fn a_syntax_error_names_file_line_and_column() {
        let text = to_ron_string(&small_model()).replace("nullable: false", "nullable: maybe");
        let line = text.lines().position(|l| l.contains("maybe")).unwrap() + 1;
        let error = load_str(&text, Path::new("m.ron")).unwrap_err();
        let LoadError::Syntax {
            line: at, column, ..
        } = &error
        else {
            panic!("expected a syntax error, got {error}");
        };
        assert_eq!(*at, line);
        assert!(*column > 1);
        assert!(
            error.to_string().starts_with(&format!("m.ron:{line}:")),
            "{error}"
        );
    }

    #[test]
    fn a_newer_version_is_reported_as_such() {
        let text = to_ron_string(&small_model()).replace("version: 1,", "version: 9,");
        let error = load_str(&text, Path::new("m.ron")).unwrap_err();
        assert!(
            matches!(error, LoadError::NewerVersion { found: 9, .. }),
            "{error}"
        );
        assert!(error.to_string().contains("newer Schemaboard"));
    }

    #[test]
    fn a_dangling_reference_is_refused_with_the_object_named() {
        let mut schema = small_model();
        schema.tables[0].foreign_keys[0].references = crate::model::TableId(999);
        let error = load_str(&to_ron_string(&schema), Path::new("m.ron")).unwrap_err();
        assert!(matches!(error, LoadError::Inconsistent { .. }));
        assert!(error.to_string().contains("table \"people\""), "{error}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let error = load_str(&text, Path::new("deep.ron")).unwrap_err();
        assert!(matches!(error, LoadError::Syntax { .. }), "{error}");
        // A type is the one recursive part of a model: an array of arrays of … .
        let mut schema = small_model();
        let mut deep = crate::model::DataType::Integer;
        for _ in 0..100 {
            deep = crate::model::DataType::Array(Box::new(deep));
        }
        schema.tables[0].columns[0].data_type = deep;
        let error = load_str(&to_ron_string(&schema), Path::new("deep.ron")).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("nested more than 64 levels"), "{message}");
        assert!(!message.contains("serde_stacker"), "{message}");
    }
}
