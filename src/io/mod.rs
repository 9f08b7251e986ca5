//! Reading and writing `.ron` model documents.

mod atomic;
mod document;
mod recovery;

pub use atomic::{backup_path, write_atomically};
pub use document::{CURRENT_VERSION, LoadError, SaveError, load, load_str, save, to_ron_string};
pub use recovery::{Recovered, RecoveryStore};
