//! `--dialect` on every command: the model's dialects as command-line values, named, described
//! and aliased from the one table in [`crate::model::dialect`].

use crate::model::Dialect;
use clap::ValueEnum;
use clap::builder::PossibleValue;

impl ValueEnum for Dialect {
    fn value_variants<'a>() -> &'a [Self] {
        &Dialect::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(
            PossibleValue::new(self.id())
                .help(self.label())
                .aliases(self.aliases().iter().copied()),
        )
    }
}

/// A dialect, or `auto`: guessed from the text where there is text to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialectOrAuto {
    /// Guess from the statements.
    Auto,
    /// This one.
    Is(Dialect),
}

impl DialectOrAuto {
    /// The dialect chosen, if one was.
    pub fn chosen(self) -> Option<Dialect> {
        match self {
            DialectOrAuto::Auto => None,
            DialectOrAuto::Is(dialect) => Some(dialect),
        }
    }
}

impl ValueEnum for DialectOrAuto {
    fn value_variants<'a>() -> &'a [Self] {
        const ALL: [DialectOrAuto; 5] = [
            DialectOrAuto::Auto,
            DialectOrAuto::Is(Dialect::ALL[0]),
            DialectOrAuto::Is(Dialect::ALL[1]),
            DialectOrAuto::Is(Dialect::ALL[2]),
            DialectOrAuto::Is(Dialect::ALL[3]),
        ];
        &ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        match self {
            DialectOrAuto::Auto => Some(PossibleValue::new("auto").help("Guess from the text")),
            DialectOrAuto::Is(dialect) => dialect.to_possible_value(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dialect_is_offered_under_its_id_and_aliases() {
        for dialect in Dialect::ALL {
            assert_eq!(Dialect::from_str(dialect.id(), true), Ok(dialect));
            for alias in dialect.aliases() {
                assert_eq!(Dialect::from_str(alias, true), Ok(dialect));
            }
            assert_eq!(
                DialectOrAuto::from_str(dialect.id(), true),
                Ok(DialectOrAuto::Is(dialect))
            );
        }
        assert_eq!(
            DialectOrAuto::from_str("auto", true),
            Ok(DialectOrAuto::Auto)
        );
        assert!(Dialect::from_str("auto", true).is_err());
    }
}
