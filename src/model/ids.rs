//! Typed, stable identifiers.
//!
//! Every object a user can point at (table, column, index, constraint…) carries an id that never
//! changes for the life of the model, so a rename never breaks a foreign key, a layout position or
//! a migration. Ids come from one counter per schema ([`IdAllocator`]) and are never reused, so an
//! undone "add table" cannot hand its id to an unrelated table later.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }

        impl From<$name> for u32 {
            fn from(id: $name) -> u32 {
                id.0
            }
        }

        impl From<u32> for $name {
            fn from(raw: u32) -> Self {
                Self(raw)
            }
        }
    };
}

typed_id!(
    /// Identifies a table.
    TableId, "t"
);
typed_id!(
    /// Identifies a column, unique across the whole schema (not just its table).
    ColumnId, "c"
);
typed_id!(
    /// Identifies an index.
    IndexId, "i"
);
typed_id!(
    /// Identifies a primary key, unique, foreign key or check constraint.
    ConstraintId, "k"
);
typed_id!(
    /// Identifies a declared functional dependency.
    FdId, "fd"
);
typed_id!(
    /// Identifies a named enum type.
    EnumId, "e"
);
typed_id!(
    /// Identifies a group (subject area).
    GroupId, "g"
);
typed_id!(
    /// Identifies a free note on the canvas.
    NoteId, "n"
);
typed_id!(
    /// Identifies a named sample query of the workload.
    QueryId, "q"
);

/// Hands out fresh ids. Saved with the model, so ids stay unique across sessions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IdAllocator {
    next: u32,
}

impl Default for IdAllocator {
    fn default() -> Self {
        Self { next: 1 }
    }
}

impl IdAllocator {
    /// A fresh id of any kind; all kinds share the counter so a raw number is never ambiguous.
    pub fn allocate<T: From<u32>>(&mut self) -> T {
        let id = self.next;
        self.next = self.next.saturating_add(1);
        T::from(id)
    }

    /// The number the next allocation returns.
    pub fn peek(&self) -> u32 {
        self.next
    }

    /// The id the `nth` allocation from now returns (0: the next), for an
    /// [`Edit::Allocating`](crate::model::Edit::Allocating) built by code that only reads.
    pub fn upcoming<T: From<u32>>(&self, nth: u32) -> T {
        T::from(self.next.saturating_add(nth))
    }

    /// Moves the counter ahead by a random step below 2^16. An editing session starts with this,
    /// so two people adding objects to one model on two git branches take ids from different
    /// ranges: the merged file then holds no id twice (unless the two ranges meet, about 0.15 %
    /// of the time for 50 new objects on each side, which the loader reports).
    pub fn skip_ahead_at_random(&mut self) {
        use std::hash::{BuildHasher, Hasher};
        // RandomState is seeded from the operating system's randomness, per process.
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64),
        );
        let step = (hasher.finish() % (1 << 16)) as u32;
        self.next = self.next.saturating_add(step);
    }

    /// Makes sure later allocations are above `used`, e.g. after loading a hand-edited file.
    pub fn reserve_above(&mut self, used: u32) {
        if used >= self.next {
            self.next = used.saturating_add(1);
        }
    }
}
