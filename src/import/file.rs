//! A script file (SQL or DBML) read into a model the one way every caller needs it: the size
//! limit, the text's encoding, the format by extension, the title from the file's name. `import`,
//! `check` and the app's File > Import all come through here.

use super::{Dialect, Report, import_sql};
use crate::model::Schema;
use std::path::Path;

/// What a script is written in, by its extension: `.dbml` is DBML, anything else SQL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// SQL DDL in one of the four dialects.
    Sql,
    /// DBML.
    Dbml,
}

impl Format {
    /// The format of the file at `path`.
    pub fn of(path: &Path) -> Format {
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("dbml"))
        {
            Format::Dbml
        } else {
            Format::Sql
        }
    }
}

/// How the bytes became text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, as expected.
    Utf8,
    /// UTF-16, as Windows tools save scripts.
    Utf16,
    /// Neither: the bytes that were not UTF-8 were replaced.
    Repaired,
}

/// How the statements were read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadAs {
    /// As DBML.
    Dbml,
    /// As SQL of this dialect: the one asked for, or guessed (and why).
    Sql {
        /// The dialect.
        dialect: Dialect,
        /// Why it was guessed, when it was not asked for.
        guessed: Option<String>,
    },
}

impl ReadAs {
    /// The dialect the statements are in, if SQL.
    pub fn dialect(&self) -> Option<Dialect> {
        match self {
            ReadAs::Sql { dialect, .. } => Some(*dialect),
            ReadAs::Dbml => None,
        }
    }
}

/// A script read into a model.
#[derive(Debug)]
pub struct ImportedFile {
    /// The model.
    pub schema: Schema,
    /// What was skipped, failed or worth a warning.
    pub report: Report,
    /// How the statements were read.
    pub read_as: ReadAs,
    /// How the bytes became text.
    pub encoding: Encoding,
}

/// Reads the script at `path` (at most [`crate::io::MAX_SCRIPT_BYTES`], once, so a pipe works)
/// into a model titled after the file, in `dialect` or the one guessed.
pub fn import_file(path: &Path, dialect: Option<Dialect>) -> std::io::Result<ImportedFile> {
    let bytes = crate::io::read_input(path, crate::io::MAX_SCRIPT_BYTES)?;
    let title = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Imported".to_string());
    Ok(import_bytes(&bytes, Format::of(path), dialect, &title))
}

/// The script in `bytes` as a model titled `title`.
pub fn import_bytes(
    bytes: &[u8],
    format: Format,
    dialect: Option<Dialect>,
    title: &str,
) -> ImportedFile {
    let text = crate::io::script_text(bytes);
    let as_utf8 = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    let encoding = if text != as_utf8 {
        Encoding::Utf16
    } else if std::str::from_utf8(bytes).is_ok() {
        Encoding::Utf8
    } else {
        Encoding::Repaired
    };
    match format {
        Format::Dbml => {
            let read = super::dbml::import_dbml(&text, title);
            ImportedFile {
                schema: read.schema,
                report: read.report,
                read_as: ReadAs::Dbml,
                encoding,
            }
        }
        Format::Sql => {
            let read = import_sql(&text, dialect, title);
            let guessed = read.guessed.then(|| {
                read.guess_reason
                    .unwrap_or_else(|| "no markers".to_string())
            });
            ImportedFile {
                schema: read.schema,
                report: read.report,
                read_as: ReadAs::Sql {
                    dialect: read.dialect,
                    guessed,
                },
                encoding,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_comes_from_the_extension_and_the_encoding_is_told() {
        assert_eq!(Format::of(Path::new("a.DBML")), Format::Dbml);
        assert_eq!(Format::of(Path::new("a.sql")), Format::Sql);
        let sql = "CREATE TABLE t (id int PRIMARY KEY);";
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(sql.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let read = import_bytes(&utf16, Format::Sql, None, "t");
        assert_eq!(read.encoding, Encoding::Utf16);
        let no_mark: Vec<u8> = sql.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(
            import_bytes(&no_mark, Format::Sql, None, "t").encoding,
            Encoding::Utf16
        );
        assert_eq!(read.schema.tables.len(), 1);
        assert!(matches!(
            read.read_as,
            ReadAs::Sql {
                guessed: Some(_),
                ..
            }
        ));
        let mut broken = sql.as_bytes().to_vec();
        broken.push(0xFF);
        assert_eq!(
            import_bytes(&broken, Format::Sql, Some(Dialect::MySql), "t").encoding,
            Encoding::Repaired
        );
        let asked = import_bytes(sql.as_bytes(), Format::Sql, Some(Dialect::MySql), "t");
        assert_eq!(
            asked.read_as,
            ReadAs::Sql {
                dialect: Dialect::MySql,
                guessed: None
            }
        );
        let dbml = import_bytes(b"Table t { id int [pk] }", Format::Dbml, None, "t");
        assert_eq!((dbml.read_as, dbml.schema.tables.len()), (ReadAs::Dbml, 1));
    }
}
