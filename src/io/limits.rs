//! The hard limits on what Schemaboard reads: the size of a SQL or DBML script, and of a model.

use std::io::Read;
use std::path::Path;

/// The largest SQL or DBML script read. Importing takes about 15 bytes of memory per byte of SQL
/// (89 MB of SQL, 75,000 tables, peaks at 1.4 GB), so 512 MiB needs some 8 GB: more would not
/// fit the machines this runs on. The README's "Limits" section states both limits.
pub const MAX_SCRIPT_BYTES: u64 = 512 * 1024 * 1024;

/// The largest model document read. RON is about six times the size of the same model's SQL and
/// loads in about 3.3 bytes of memory per byte (513 MB peaks at 1.7 GB), so the model of the
/// largest script still opens.
pub const MAX_MODEL_BYTES: u64 = 4 * MAX_SCRIPT_BYTES;

/// Reads a whole input file, refusing one over `limit` bytes before reading it.
pub fn read_input(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let too_large = |size: u64| {
        std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "the file is {} MiB; Schemaboard reads files of up to {} MiB",
                size.div_ceil(1024 * 1024),
                limit / (1024 * 1024)
            ),
        )
    };
    let size = file.metadata()?.len();
    if size > limit {
        return Err(too_large(size));
    }
    // A pipe or a growing file has no trustworthy size: read one byte past the limit to tell.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("huge.sql");
        let file = std::fs::File::create(&path).unwrap();
        // Sparse: no disk is used for the size.
        file.set_len(MAX_SCRIPT_BYTES + 1).unwrap();
        let error = read_input(&path, MAX_SCRIPT_BYTES).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::FileTooLarge);
        assert_eq!(
            error.to_string(),
            "the file is 513 MiB; Schemaboard reads files of up to 512 MiB"
        );
        file.set_len(3).unwrap();
        assert_eq!(read_input(&path, MAX_SCRIPT_BYTES).unwrap(), [0, 0, 0]);
    }
}
