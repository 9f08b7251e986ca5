//! Portable column types.
//!
//! A model is dialect-neutral: a column says `varchar(120)` or `timestamptz` and each exporter maps
//! that to its dialect. What no portable type can say (PostGIS `geography`, SQL Server `hierarchyid`)
//! is kept verbatim as [`DataType::Raw`] rather than guessed at.

use super::dialect::Dialect;
use super::ids::EnumId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The type of a column.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DataType {
    /// 8-bit integer (MySQL `TINYINT`).
    TinyInt,
    /// 16-bit integer.
    SmallInt,
    /// 32-bit integer.
    Integer,
    /// 64-bit integer.
    BigInt,
    /// Exact decimal; `None` precision means the dialect's unconstrained numeric.
    Numeric {
        /// Total significant digits.
        precision: Option<u32>,
        /// Digits after the decimal point.
        scale: Option<u32>,
    },
    /// 32-bit floating point.
    Real,
    /// 64-bit floating point.
    Double,
    /// True/false.
    Boolean,
    /// Fixed-length text.
    Char(Option<u32>),
    /// Variable-length text with an optional length limit.
    Varchar(Option<u32>),
    /// Unbounded text.
    Text,
    /// Calendar date.
    Date,
    /// Time of day without zone.
    Time,
    /// Time of day with zone.
    TimeTz,
    /// Date and time without zone.
    Timestamp,
    /// Date and time with zone (an instant).
    TimestampTz,
    /// A span of time.
    Interval,
    /// 128-bit universally unique identifier.
    Uuid,
    /// JSON stored as text.
    Json,
    /// JSON stored in a binary, indexable form (PostgreSQL `jsonb`).
    Jsonb,
    /// Binary data (`bytea`, `blob`, `varbinary(max)`).
    Blob,
    /// An array of another type.
    Array(Box<DataType>),
    /// A named enum type declared in the schema.
    Enum(EnumId),
    /// A dialect-specific type kept exactly as written.
    Raw(String),
}

impl DataType {
    /// Parses the portable spelling shown in the inspector (`varchar(120)`, `int[]`,
    /// `timestamp with time zone`…), accepting the common aliases of the four dialects.
    /// Names not known as portable types are looked up as enum types through `enum_named`, and
    /// anything else is kept verbatim as [`DataType::Raw`]. Only an empty text is an error.
    pub fn parse(
        text: &str,
        enum_named: impl Fn(&str) -> Option<EnumId>,
    ) -> Result<DataType, EmptyTypeError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(EmptyTypeError);
        }
        if let Some(element) = trimmed.strip_suffix("[]") {
            return Ok(DataType::Array(Box::new(Self::parse(element, enum_named)?)));
        }
        Ok(parse_scalar(trimmed)
            .or_else(|| enum_named(trimmed).map(DataType::Enum))
            .unwrap_or_else(|| DataType::Raw(trimmed.to_string())))
    }

    /// The portable spelling, with enum types named through `enum_name`.
    pub fn display_with<'a>(
        &'a self,
        enum_name: &'a dyn Fn(EnumId) -> Option<String>,
    ) -> impl fmt::Display + 'a {
        TypeDisplay {
            data_type: self,
            enum_name,
        }
    }

    /// Whether values of this type are integers (used for identity columns and key heuristics).
    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            DataType::TinyInt | DataType::SmallInt | DataType::Integer | DataType::BigInt
        )
    }
}

/// A column's type as the dialect it was read from spelled it: `bigint(20) unsigned`,
/// `mediumtext`, `timestamp(0) without time zone`, `varchar(40) character set latin1 collate
/// latin1_bin`, or nothing at all for an untyped SQLite column. An export to that dialect writes
/// it as it is, so what was read comes back exactly; other dialects get the portable type's
/// spelling. It stands for the column's portable type as read, and is forgotten when that type
/// is changed (see `Edit::SetColumn`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NativeType {
    /// The dialect that spelled it.
    pub dialect: Dialect,
    /// The type with its modifiers (length, precision, `unsigned`, character set, collation).
    pub spelling: String,
}

/// The type text was empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a column type cannot be empty")]
pub struct EmptyTypeError;

struct TypeDisplay<'a> {
    data_type: &'a DataType,
    enum_name: &'a dyn Fn(EnumId) -> Option<String>,
}

impl fmt::Display for TypeDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.data_type {
            DataType::Array(element) => write!(
                f,
                "{}[]",
                TypeDisplay {
                    data_type: element,
                    enum_name: self.enum_name
                }
            ),
            DataType::Enum(id) => match (self.enum_name)(*id) {
                Some(name) => f.write_str(&name),
                None => write!(f, "enum {id}"),
            },
            other => fmt::Display::fmt(other, f),
        }
    }
}

/// The portable spelling; enum types show as their id (use [`DataType::display_with`] for names).
impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataType::TinyInt => f.write_str("tinyint"),
            DataType::SmallInt => f.write_str("smallint"),
            DataType::Integer => f.write_str("integer"),
            DataType::BigInt => f.write_str("bigint"),
            DataType::Numeric {
                precision: Some(p),
                scale: Some(s),
            } => write!(f, "numeric({p},{s})"),
            DataType::Numeric {
                precision: Some(p),
                scale: None,
            } => write!(f, "numeric({p})"),
            DataType::Numeric { .. } => f.write_str("numeric"),
            DataType::Real => f.write_str("real"),
            DataType::Double => f.write_str("double precision"),
            DataType::Boolean => f.write_str("boolean"),
            DataType::Char(Some(n)) => write!(f, "char({n})"),
            DataType::Char(None) => f.write_str("char"),
            DataType::Varchar(Some(n)) => write!(f, "varchar({n})"),
            DataType::Varchar(None) => f.write_str("varchar"),
            DataType::Text => f.write_str("text"),
            DataType::Date => f.write_str("date"),
            DataType::Time => f.write_str("time"),
            DataType::TimeTz => f.write_str("timetz"),
            DataType::Timestamp => f.write_str("timestamp"),
            DataType::TimestampTz => f.write_str("timestamptz"),
            DataType::Interval => f.write_str("interval"),
            DataType::Uuid => f.write_str("uuid"),
            DataType::Json => f.write_str("json"),
            DataType::Jsonb => f.write_str("jsonb"),
            DataType::Blob => f.write_str("blob"),
            DataType::Array(element) => write!(f, "{element}[]"),
            DataType::Enum(id) => write!(f, "enum {id}"),
            DataType::Raw(text) => f.write_str(text),
        }
    }
}

/// The portable types' names and aliases, without arguments.
fn parse_scalar(text: &str) -> Option<DataType> {
    let spelling = plain_spelling(text);
    let (name, args) = split_args(&spelling)?;
    let one = |args: &[u32]| match args {
        [] => Some(None),
        [n] => Some(Some(*n)),
        _ => None,
    };
    let no_args = args.is_empty();
    let data_type = match name {
        "tinyint" | "int1" if no_args => DataType::TinyInt,
        "smallint" | "int2" if no_args => DataType::SmallInt,
        "integer" | "int" | "int4" | "mediumint" if no_args => DataType::Integer,
        "bigint" | "int8" if no_args => DataType::BigInt,
        "numeric" | "decimal" | "dec" => match args.as_slice() {
            [] => DataType::Numeric {
                precision: None,
                scale: None,
            },
            [p] => DataType::Numeric {
                precision: Some(*p),
                scale: None,
            },
            [p, s] => DataType::Numeric {
                precision: Some(*p),
                scale: Some(*s),
            },
            _ => return None,
        },
        "real" | "float4" if no_args => DataType::Real,
        "double precision" | "double" | "float8" | "float" if no_args => DataType::Double,
        "boolean" | "bool" if no_args => DataType::Boolean,
        "char" | "character" | "nchar" => DataType::Char(one(&args)?),
        "varchar" | "character varying" | "nvarchar" | "varchar2" => DataType::Varchar(one(&args)?),
        "text" | "clob" | "ntext" | "longtext" | "mediumtext" if no_args => DataType::Text,
        "date" if no_args => DataType::Date,
        "time" | "time without time zone" if no_args => DataType::Time,
        "timetz" | "time with time zone" if no_args => DataType::TimeTz,
        "timestamp" | "timestamp without time zone" | "datetime" | "datetime2" if no_args => {
            DataType::Timestamp
        }
        "timestamptz" | "timestamp with time zone" | "datetimeoffset" if no_args => {
            DataType::TimestampTz
        }
        "interval" if no_args => DataType::Interval,
        "uuid" | "uniqueidentifier" if no_args => DataType::Uuid,
        "json" if no_args => DataType::Json,
        "jsonb" if no_args => DataType::Jsonb,
        "blob" | "bytea" | "longblob" | "binary large object" if no_args => DataType::Blob,
        _ => return None,
    };
    Some(data_type)
}

/// Splits `name(1, 2)` into `("name", [1, 2])`; `None` when the arguments are not plain numbers.
/// `text` lower-cased, each run of white space one space: one allocation, since every column of
/// every import comes through here.
fn plain_spelling(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.make_ascii_lowercase();
    out
}

fn split_args(text: &str) -> Option<(&str, Vec<u32>)> {
    let Some(open) = text.find('(') else {
        return Some((text.trim(), Vec::new()));
    };
    let inner = text[open + 1..].strip_suffix(')')?;
    let args = inner
        .split(',')
        .map(|arg| arg.trim().parse::<u32>().ok())
        .collect::<Option<Vec<_>>>()?;
    Some((text[..open].trim(), args))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> DataType {
        DataType::parse(text, |name| (name == "order_status").then_some(EnumId(7))).unwrap()
    }

    #[test]
    fn portable_spelling_round_trips() {
        let types = [
            DataType::TinyInt,
            DataType::SmallInt,
            DataType::Integer,
            DataType::BigInt,
            DataType::Numeric {
                precision: Some(12),
                scale: Some(2),
            },
            DataType::Numeric {
                precision: Some(5),
                scale: None,
            },
            DataType::Numeric {
                precision: None,
                scale: None,
            },
            DataType::Real,
            DataType::Double,
            DataType::Boolean,
            DataType::Char(Some(2)),
            DataType::Varchar(Some(120)),
            DataType::Varchar(None),
            DataType::Text,
            DataType::Date,
            DataType::Time,
            DataType::TimeTz,
            DataType::Timestamp,
            DataType::TimestampTz,
            DataType::Interval,
            DataType::Uuid,
            DataType::Json,
            DataType::Jsonb,
            DataType::Blob,
            DataType::Array(Box::new(DataType::Text)),
            DataType::Raw("geography(Point,4326)".into()),
        ];
        for data_type in types {
            assert_eq!(parse(&data_type.to_string()), data_type, "{data_type}");
        }
    }

    #[test]
    fn aliases_of_the_dialects_are_understood() {
        assert_eq!(parse("INT"), DataType::Integer);
        assert_eq!(parse("character varying(40)"), DataType::Varchar(Some(40)));
        assert_eq!(parse("Timestamp  With Time Zone"), DataType::TimestampTz);
        assert_eq!(
            parse("DECIMAL(10, 3)"),
            DataType::Numeric {
                precision: Some(10),
                scale: Some(3)
            }
        );
        assert_eq!(
            parse("int[][]"),
            DataType::Array(Box::new(DataType::Array(Box::new(DataType::Integer))))
        );
    }

    #[test]
    fn enums_resolve_and_unknown_types_stay_verbatim() {
        assert_eq!(parse("order_status"), DataType::Enum(EnumId(7)));
        assert_eq!(parse("int(11)"), DataType::Raw("int(11)".into()));
        assert_eq!(parse("varchar(x)"), DataType::Raw("varchar(x)".into()));
        assert_eq!(DataType::parse("  ", |_| None), Err(EmptyTypeError));
    }

    #[test]
    fn enum_names_display_through_the_resolver() {
        let resolve = |id: EnumId| (id == EnumId(7)).then(|| "order_status".to_string());
        let array = DataType::Array(Box::new(DataType::Enum(EnumId(7))));
        assert_eq!(array.display_with(&resolve).to_string(), "order_status[]");
    }
}
