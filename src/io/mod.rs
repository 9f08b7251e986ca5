//! Reading and writing `.ron` model documents, and reading any input within the size limit.

mod atomic;
mod document;
mod limits;
mod recovery;
pub mod written;

pub use atomic::{backup_path, read_only, write_atomically};
pub use document::{CURRENT_VERSION, LoadError, SaveError, load, load_str, save, to_ron_string};
pub use limits::{MAX_MODEL_BYTES, MAX_SCRIPT_BYTES, read_input, script_text};
pub use recovery::{Recovered, RecoveryStore, Survey, Unreadable};
