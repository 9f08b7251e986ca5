//! A migration between two versions of a model however they are paired: by id between versions
//! of one lineage, by name between models made apart (with the renames the user took). The CLI's
//! `diff --dialect` and the app's migration window both write their scripts through here, so
//! they pair and rename alike.

use super::{Migration, Options, migration_with};
use crate::compare::Matching;
use crate::compare::renames::{Rename, reversed};
use crate::export::ddl::{ExportError, SqlDialect};
use crate::model::Schema;
use std::borrow::Cow;

/// Two versions of a model and how they are paired.
#[derive(Clone, Copy, Debug)]
pub struct Versions<'a> {
    /// The version the database is at.
    pub old: &'a Schema,
    /// The version it is to be at.
    pub new: &'a Schema,
    /// By id or by name (see `compare::auto_matching`).
    pub matching: Matching,
    /// Between models paired by name: the probable renames (old → new) taken as renames.
    pub renames: &'a [Rename],
}

/// Which way a script goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// From `old` to `new`.
    Up,
    /// From `new` back to `old`, the renames taken back.
    Down,
}

impl Versions<'_> {
    /// The script that takes a database the `direction` says, written as `options` say.
    pub fn migration(
        &self,
        direction: Direction,
        dialect: &dyn SqlDialect,
        options: &Options,
    ) -> Result<Migration, ExportError> {
        let (from, to) = self.paired(direction);
        migration_with(from, &to, dialect, options)
    }

    /// The columns (`table`, `column`) that rows already in the database have no value for on
    /// the way `direction` says: each needs a backfill value ([`Options::backfill`]) or stops the
    /// migration at its guard while the table has rows.
    pub fn needing_values(&self, direction: Direction) -> Vec<(String, String)> {
        let (from, to) = self.paired(direction);
        super::columns::needing_values(from, &to)
    }

    /// The source and the target of the `direction`, the target paired with the source by id.
    fn paired(&self, direction: Direction) -> (&Schema, Cow<'_, Schema>) {
        let (from, to) = match direction {
            Direction::Up => (self.old, self.new),
            Direction::Down => (self.new, self.old),
        };
        match self.matching {
            Matching::Ids => (from, Cow::Borrowed(to)),
            Matching::Names => {
                let renames = match direction {
                    Direction::Up => self.renames.to_vec(),
                    Direction::Down => reversed(self.renames),
                };
                // The writer pairs by id: the target takes the source's ids where names agree.
                let aligned = crate::compare::align::by_names_with(from, to, &renames);
                (from, Cow::Owned(aligned))
            }
        }
    }
}
