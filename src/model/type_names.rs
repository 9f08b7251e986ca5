//! The type names offered while a column's type is typed: the portable spellings every exporter
//! maps to each dialect, then the types of the model's target dialects that have no portable
//! form (kept verbatim as [`DataType::Raw`](super::DataType::Raw)), then the model's enum types.

use super::Dialect;

/// Portable spellings, most used first; a length or precision is a common choice to edit.
pub const PORTABLE: &[&str] = &[
    "bigint",
    "integer",
    "smallint",
    "tinyint",
    "numeric(12,2)",
    "numeric",
    "real",
    "double precision",
    "boolean",
    "varchar(255)",
    "char(2)",
    "text",
    "date",
    "time",
    "timetz",
    "timestamp",
    "timestamptz",
    "interval",
    "uuid",
    "json",
    "jsonb",
    "blob",
    "text[]",
    "integer[]",
];

/// A dialect's own types that the portable ones do not cover.
pub fn native_types(dialect: Dialect) -> &'static [&'static str] {
    match dialect {
        Dialect::Postgres => &[
            "inet",
            "cidr",
            "macaddr",
            "citext",
            "money",
            "tsvector",
            "xml",
            "point",
            "int4range",
            "daterange",
            "tstzrange",
            "geometry",
            "geography",
        ],
        Dialect::MySql => &[
            "year",
            "bit(1)",
            "tinytext",
            "mediumblob",
            "varbinary(255)",
            "geometry",
            "point",
        ],
        // SQLite's type affinities are all portable spellings.
        Dialect::Sqlite => &[],
        Dialect::MsSql => &[
            "money",
            "smallmoney",
            "bit",
            "smalldatetime",
            "varbinary(max)",
            "xml",
            "hierarchyid",
            "sql_variant",
            "rowversion",
            "geography",
            "geometry",
        ],
    }
}

/// The origin of the portable names.
pub const PORTABLE_ORIGIN: &str = "portable";

/// One name offered, and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeSuggestion {
    /// What goes into the field.
    pub text: String,
    /// "portable", the dialects that have it ("PostgreSQL, SQL Server"), or "enum".
    pub origin: String,
}

/// The names that match `typed`, best first: those it begins, then those with a word it begins
/// (`prec` → `double precision`), then those that merely contain it; within each, portable types
/// before the dialects' own and enums. Case is ignored. An empty `typed` offers everything.
pub fn suggestions<'a>(
    typed: &str,
    dialects: &[Dialect],
    enums: impl IntoIterator<Item = &'a str>,
) -> Vec<TypeSuggestion> {
    let mut all: Vec<TypeSuggestion> = PORTABLE
        .iter()
        .map(|name| TypeSuggestion {
            text: name.to_string(),
            origin: PORTABLE_ORIGIN.to_string(),
        })
        .collect();
    for dialect in dialects {
        for name in native_types(*dialect) {
            match all.iter_mut().find(|s| s.text == *name) {
                Some(known) => {
                    known.origin.push_str(", ");
                    known.origin.push_str(dialect.product());
                }
                None => all.push(TypeSuggestion {
                    text: name.to_string(),
                    origin: dialect.product().to_string(),
                }),
            }
        }
    }
    for name in enums {
        if !all.iter().any(|s| s.text == name) {
            all.push(TypeSuggestion {
                text: name.to_string(),
                origin: "enum".to_string(),
            });
        }
    }
    let typed = typed.trim().to_lowercase();
    let rank = |suggestion: &TypeSuggestion| -> Option<u8> {
        let name = suggestion.text.to_lowercase();
        if name.starts_with(&typed) {
            Some(0)
        } else if name
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|word| word.starts_with(&typed))
        {
            Some(1)
        } else if name.contains(&typed) {
            Some(2)
        } else {
            None
        }
    };
    let mut ranked: Vec<(u8, usize, TypeSuggestion)> = all
        .into_iter()
        .enumerate()
        .filter_map(|(order, s)| rank(&s).map(|r| (r, order, s)))
        .collect();
    ranked.sort_by_key(|(rank, order, _)| (*rank, *order));
    ranked.into_iter().map(|(_, _, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DataType;

    fn texts(found: &[TypeSuggestion]) -> Vec<&str> {
        found.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn prefixes_come_first_then_words_then_anything_containing_it() {
        let found = suggestions("time", &[], []);
        assert_eq!(
            texts(&found),
            ["time", "timetz", "timestamp", "timestamptz"],
            "{found:?}"
        );
        let found = suggestions("prec", &[], []);
        assert_eq!(texts(&found), ["double precision"]);
        let found = suggestions("INT", &[], []);
        assert_eq!(
            texts(&found)[..4],
            ["integer", "interval", "integer[]", "bigint"],
            "{found:?}"
        );
    }

    #[test]
    fn only_the_target_dialects_offer_their_own_types() {
        let postgres = suggestions("in", &[Dialect::Postgres], []);
        assert!(texts(&postgres).contains(&"inet"));
        let mssql = suggestions("in", &[Dialect::MsSql], []);
        assert!(!texts(&mssql).contains(&"inet"));
        let money = suggestions("money", &[Dialect::Postgres, Dialect::MsSql], []);
        assert_eq!(money[0].text, "money");
        assert_eq!(money[0].origin, "PostgreSQL, SQL Server");
    }

    #[test]
    fn enums_of_the_model_are_offered() {
        let found = suggestions("stat", &[], ["order_status", "text"]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "order_status");
        assert_eq!(found[0].origin, "enum");
    }

    #[test]
    fn an_empty_field_offers_every_portable_type_in_order() {
        let found = suggestions("  ", &[], []);
        assert_eq!(texts(&found), PORTABLE);
    }

    #[test]
    fn every_portable_name_is_read_as_a_portable_type_and_no_native_one_is() {
        for name in PORTABLE {
            let parsed = DataType::parse(name, |_| None).unwrap();
            assert!(!matches!(parsed, DataType::Raw(_)), "{name}");
        }
        for dialect in Dialect::ALL {
            for name in native_types(dialect) {
                let parsed = DataType::parse(name, |_| None).unwrap();
                assert_eq!(parsed, DataType::Raw(name.to_string()), "{name}");
            }
        }
    }
}
