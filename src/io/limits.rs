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

/// A script's bytes as text: UTF-8 (a byte-order mark dropped), or UTF-16 where a byte-order
/// mark says so or every other byte is NUL, as Windows tools save it; bytes that are neither are
/// replaced, as the server's own client would reject them anyway.
pub fn script_text(bytes: &[u8]) -> String {
    let utf16 = |bytes: &[u8], little: bool| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| {
                if little {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        _ => {
            // Without a mark: ASCII text in UTF-16 has a NUL in every other byte.
            let sample = &bytes[..bytes.len().min(4096)];
            let nul_at = |parity: usize| {
                sample
                    .iter()
                    .skip(parity)
                    .step_by(2)
                    .filter(|b| **b == 0)
                    .count()
            };
            let half = sample.len() / 2;
            if half >= 4 && nul_at(1) * 10 >= half * 9 {
                utf16(bytes, true)
            } else if half >= 4 && nul_at(0) * 10 >= half * 9 {
                utf16(bytes, false)
            } else {
                String::from_utf8_lossy(bytes).into_owned()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_in_utf16_or_with_a_mark_read_as_their_text() {
        let sql = "CREATE TABLE é (x int);";
        let le: Vec<u8> = sql.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = sql.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [
            [&[0xFF, 0xFE][..], &le].concat(),
            [&[0xFE, 0xFF][..], &be].concat(),
            le.clone(),
            be.clone(),
            [&[0xEF, 0xBB, 0xBF][..], sql.as_bytes()].concat(),
            sql.as_bytes().to_vec(),
        ] {
            assert_eq!(script_text(&bytes), sql);
        }
    }

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
