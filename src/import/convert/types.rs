//! sqlparser's data types → portable column types.
//!
//! Unsigned integers widen to the next signed type (as pgloader does), because a portable model has
//! no unsigned types and the value range must survive. MySQL's `tinyint(1)` is its boolean.
//! Anything without a portable equivalent is kept verbatim as [`DataType::Raw`].

use crate::import::dialect::Dialect;
use crate::model::{DataType, EnumId};
use sqlparser::ast::{self, ArrayElemTypeDef, CharacterLength, ExactNumberInfo, TimezoneInfo};

/// What a column's declared type means for the model.
pub struct MappedType {
    /// The portable type.
    pub data_type: DataType,
    /// PostgreSQL `serial` types: an integer with a sequence default.
    pub serial: bool,
}

/// Maps a declared type; `enum_named` finds enum types declared earlier by (folded) name.
pub fn map_type(
    declared: &ast::DataType,
    dialect: Dialect,
    enum_named: &dyn Fn(&str) -> Option<EnumId>,
) -> MappedType {
    use ast::DataType as T;
    let plain = |data_type| MappedType {
        data_type,
        serial: false,
    };
    let raw = || plain(DataType::Raw(declared.to_string()));
    let length = |l: &Option<CharacterLength>| match l {
        Some(CharacterLength::IntegerLength { length, .. }) => u32::try_from(*length).ok(),
        _ => None,
    };
    match declared {
        T::TinyInt(Some(1)) if dialect == Dialect::MySql => plain(DataType::Boolean),
        T::TinyInt(_) => plain(if dialect == Dialect::MsSql {
            // T-SQL's tinyint is unsigned (0..255).
            DataType::SmallInt
        } else {
            DataType::TinyInt
        }),
        T::TinyIntUnsigned(_) | T::UTinyInt => plain(DataType::SmallInt),
        T::SmallInt(_) | T::Int2(_) | T::Int16 => plain(DataType::SmallInt),
        T::SmallIntUnsigned(_) | T::Int2Unsigned(_) | T::USmallInt => plain(DataType::Integer),
        T::MediumInt(_) | T::MediumIntUnsigned(_) => plain(DataType::Integer),
        T::Int(_) | T::Int4(_) | T::Integer(_) | T::Int32 | T::Signed | T::SignedInteger => {
            plain(DataType::Integer)
        }
        T::IntUnsigned(_) | T::Int4Unsigned(_) | T::IntegerUnsigned(_) | T::UInt32 => {
            plain(DataType::BigInt)
        }
        T::Unsigned | T::UnsignedInteger => plain(DataType::BigInt),
        T::BigInt(_) | T::Int8(_) | T::Int64 => plain(DataType::BigInt),
        T::BigIntUnsigned(_) | T::UBigInt | T::Int8Unsigned(_) | T::UInt64 => {
            plain(DataType::Numeric {
                precision: Some(20),
                scale: Some(0),
            })
        }
        T::Numeric(info)
        | T::Decimal(info)
        | T::Dec(info)
        | T::DecimalUnsigned(info)
        | T::DecUnsigned(info)
        | T::BigNumeric(info)
        | T::BigDecimal(info) => plain(numeric(info)),
        T::Float(info) | T::FloatUnsigned(info) => plain(float(info, dialect)),
        T::Real | T::RealUnsigned | T::Float4 | T::Float32 => plain(DataType::Real),
        T::Double(_)
        | T::DoubleUnsigned(_)
        | T::DoublePrecision
        | T::DoublePrecisionUnsigned
        | T::Float8
        | T::Float64 => plain(DataType::Double),
        T::Bool | T::Boolean => plain(DataType::Boolean),
        T::Bit(Some(1)) | T::Bit(None) if dialect == Dialect::MsSql => plain(DataType::Boolean),
        T::Character(l) | T::Char(l) => plain(DataType::Char(length(l))),
        T::Varchar(Some(CharacterLength::Max)) | T::Nvarchar(Some(CharacterLength::Max)) => {
            plain(DataType::Text)
        }
        T::CharacterVarying(l) | T::CharVarying(l) | T::Varchar(l) | T::Nvarchar(l) => {
            plain(DataType::Varchar(length(l)))
        }
        T::Text | T::TinyText | T::MediumText | T::LongText | T::String(None) => {
            plain(DataType::Text)
        }
        T::Clob(_) | T::CharacterLargeObject(_) | T::CharLargeObject(_) => plain(DataType::Text),
        T::Uuid => plain(DataType::Uuid),
        T::Date => plain(DataType::Date),
        T::Time(_, TimezoneInfo::WithTimeZone | TimezoneInfo::Tz) => plain(DataType::TimeTz),
        T::Time(_, _) => plain(DataType::Time),
        T::Timestamp(_, TimezoneInfo::WithTimeZone | TimezoneInfo::Tz) => {
            plain(DataType::TimestampTz)
        }
        T::Timestamp(_, _) | T::Datetime(_) | T::TimestampNtz(_) => plain(DataType::Timestamp),
        T::Interval { .. } => plain(DataType::Interval),
        T::JSON => plain(DataType::Json),
        T::JSONB => plain(DataType::Jsonb),
        T::Bytea | T::Blob(None) | T::TinyBlob | T::MediumBlob | T::LongBlob => {
            plain(DataType::Blob)
        }
        T::Varbinary(Some(ast::BinaryLength::Max)) => plain(DataType::Blob),
        T::Array(ArrayElemTypeDef::SquareBracket(element, _))
        | T::Array(ArrayElemTypeDef::AngleBracket(element)) => {
            let inner = map_type(element, dialect, enum_named);
            MappedType {
                data_type: DataType::Array(Box::new(inner.data_type)),
                serial: false,
            }
        }
        T::Custom(name, modifiers) => {
            if let Some(unquoted) = unquoted_builtin(name, modifiers, dialect) {
                return map_type(&unquoted, dialect, enum_named);
            }
            // `public."Name"` and `"Name"` are the same type where public is the default schema.
            let unqualified = || {
                let parts = &name.0;
                let default = dialect.default_schema();
                let in_default = parts.len() == 2
                    && parts[0]
                        .as_ident()
                        .zip(default)
                        .is_some_and(|(schema, default)| {
                            schema.value.eq_ignore_ascii_case(default)
                        });
                if in_default {
                    let bare = ast::DataType::Custom(
                        ast::ObjectName(parts[1..].to_vec()),
                        modifiers.clone(),
                    );
                    plain(DataType::Raw(bare.to_string()))
                } else {
                    raw()
                }
            };
            custom(name, modifiers, dialect, enum_named, unqualified)
        }
        _ => raw(),
    }
}

/// T-SQL scripts quote type names (`[int]`, `[nvarchar](50)`, `[money]`, as SSMS writes them),
/// which sqlparser reads as custom types: a plain-word name read again without its brackets, so
/// that built-in types map as usual and the others (`money`, user types) lose the brackets.
fn unquoted_builtin(
    name: &ast::ObjectName,
    modifiers: &[ast::TypeModifier],
    dialect: Dialect,
) -> Option<ast::DataType> {
    let [part] = name.0.as_slice() else {
        return None;
    };
    let ident = part.as_ident()?;
    let plain_word = ident
        .value
        .starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && ident
            .value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if dialect != Dialect::MsSql || ident.quote_style.is_none() || !plain_word {
        return None;
    }
    let arguments: Vec<String> = modifiers.iter().map(ToString::to_string).collect();
    let text = if arguments.is_empty() {
        ident.value.clone()
    } else {
        format!("{}({})", ident.value, arguments.join(", "))
    };
    let parsed = sqlparser::parser::Parser::new(&sqlparser::dialect::MsSqlDialect {})
        .try_with_sql(&text)
        .ok()?
        .parse_data_type()
        .ok()?;
    // Unquoted now, so reading it again cannot come back here.
    Some(parsed)
}

fn numeric(info: &ExactNumberInfo) -> DataType {
    match info {
        ExactNumberInfo::None => DataType::Numeric {
            precision: None,
            scale: None,
        },
        ExactNumberInfo::Precision(p) => DataType::Numeric {
            precision: u32::try_from(*p).ok(),
            scale: None,
        },
        ExactNumberInfo::PrecisionAndScale(p, s) => DataType::Numeric {
            precision: u32::try_from(*p).ok(),
            scale: u32::try_from(*s).ok(),
        },
    }
}

/// `float(p)`: up to 24 bits of precision is single, more is double; bare `float` is double
/// everywhere but MySQL.
fn float(info: &ExactNumberInfo, dialect: Dialect) -> DataType {
    match info {
        ExactNumberInfo::Precision(p) | ExactNumberInfo::PrecisionAndScale(p, _) if *p <= 24 => {
            DataType::Real
        }
        ExactNumberInfo::None if dialect == Dialect::MySql => DataType::Real,
        _ => DataType::Double,
    }
}

fn custom(
    name: &ast::ObjectName,
    modifiers: &[ast::TypeModifier],
    dialect: Dialect,
    enum_named: &dyn Fn(&str) -> Option<EnumId>,
    raw: impl Fn() -> MappedType,
) -> MappedType {
    let last = name
        .0
        .last()
        .and_then(|part| part.as_ident())
        .map(|ident| {
            if ident.quote_style.is_none() && dialect == Dialect::Postgres {
                ident.value.to_lowercase()
            } else {
                ident.value.clone()
            }
        })
        .unwrap_or_default();
    let serial = |data_type| MappedType {
        data_type,
        serial: true,
    };
    let plain = |data_type| MappedType {
        data_type,
        serial: false,
    };
    let lower = last.to_ascii_lowercase();
    match (lower.as_str(), modifiers) {
        ("serial" | "serial4", []) => serial(DataType::Integer),
        ("bigserial" | "serial8", []) => serial(DataType::BigInt),
        ("smallserial" | "serial2", []) => serial(DataType::SmallInt),
        ("timestamptz", _) => plain(DataType::TimestampTz),
        ("timetz", _) => plain(DataType::TimeTz),
        ("uniqueidentifier", []) => plain(DataType::Uuid),
        ("datetime2" | "smalldatetime", _) => plain(DataType::Timestamp),
        ("datetimeoffset", _) => plain(DataType::TimestampTz),
        ("ntext" | "citext", []) => plain(DataType::Text),
        ("nchar", [ast::TypeModifier::Number(n, _)]) => plain(DataType::Char(n.parse().ok())),
        ("nchar", []) => plain(DataType::Char(None)),
        ("image", []) if dialect == Dialect::MsSql => plain(DataType::Blob),
        // YEAR(4) is MySQL's display width for YEAR, not another type.
        ("year", [_]) if dialect == Dialect::MySql => plain(DataType::Raw("year".to_string())),
        _ => match enum_named(&last) {
            Some(id) if modifiers.is_empty() => plain(DataType::Enum(id)),
            _ => raw(),
        },
    }
}
