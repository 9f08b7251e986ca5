//! MySQL's versioned comments around parts of a `CREATE TABLE` (`/*!50705 location GEOMETRY NOT
//! NULL,*/`, `/*!50705 SPATIAL KEY idx (location),*/`): a server runs the text only from that
//! version on, and MariaDB skips the MySQL 5.7-and-later ones. The parser reads the text as
//! if it were plain, so the version is found here and kept on the column or index, for the
//! MySQL export to write it back the same way.

/// A column or index of a `CREATE TABLE` that stands inside `/*!NNNNN … */`.
#[derive(Debug, PartialEq, Eq)]
pub struct Gate {
    /// The version in the comment (`50705`: MySQL 5.7.5).
    pub since: u32,
    /// What it defines.
    pub element: Gated,
}

/// What a versioned comment of a `CREATE TABLE` defines, by name.
#[derive(Debug, PartialEq, Eq)]
pub enum Gated {
    Column(String),
    Index(String),
}

/// The columns and named indexes of `statement` (a MySQL `CREATE TABLE`) that stand in a
/// versioned comment of their own.
pub fn gates(statement: &str) -> Vec<Gate> {
    let bytes = statement.as_bytes();
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'\'' | b'"' | b'`') => i = past_quoted(bytes, i, quote),
            b'(' => {
                depth += 1;
                i += 1;
            }
            b')' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'/' if bytes[i..].starts_with(b"/*!") => {
                let digits = bytes[i + 3..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                let body_start = i + 3 + digits;
                let end = statement[body_start..]
                    .find("*/")
                    .map_or(bytes.len(), |e| body_start + e);
                // Only a whole element among the table's own (depth 1) counts, not an
                // attribute of one (`KEY k (id) /*!50100 COMMENT 'x' */`).
                let body = statement[body_start..end].trim();
                let before = statement[..i].trim_end().chars().next_back();
                let after = statement
                    .get(end + 2..)
                    .unwrap_or("")
                    .trim_start()
                    .chars()
                    .next();
                let whole = (matches!(before, Some('(' | ',')) || body.starts_with(','))
                    && (body.ends_with(',') || matches!(after, Some(',' | ')')));
                if depth == 1
                    && whole
                    && (5..=6).contains(&digits)
                    && let Ok(since) = statement[i + 3..body_start].parse()
                    && let Some(element) = element(&statement[body_start..end])
                {
                    found.push(Gate { since, element });
                }
                i = end + 2;
            }
            b'/' if bytes[i..].starts_with(b"/*") => {
                i = statement[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |e| i + 2 + e + 2);
            }
            b'-' if bytes[i..].starts_with(b"-- ") => {
                i = statement[i..].find('\n').map_or(bytes.len(), |e| i + e);
            }
            b'#' => i = statement[i..].find('\n').map_or(bytes.len(), |e| i + e),
            _ => i += 1,
        }
    }
    found
}

fn past_quoted(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        if bytes[i] == b'\\' && quote != b'`' {
            i += 2;
        } else if bytes[i] == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2;
            } else {
                return i + 1;
            }
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// The column or index a comment's text defines, when it is one whole element (a separating
/// comma before or after it is its own).
fn element(body: &str) -> Option<Gated> {
    let body = body
        .trim()
        .trim_start_matches(',')
        .trim_end_matches(',')
        .trim();
    if body.is_empty() || body.contains(',') && !balanced_commas_only(body) {
        return None;
    }
    let mut words = body.split_whitespace();
    let first = words.next()?;
    let upper = first.to_ascii_uppercase();
    match upper.as_str() {
        "KEY" | "INDEX" | "UNIQUE" | "FULLTEXT" | "SPATIAL" => {
            let mut name = words.next()?;
            if ["KEY", "INDEX"].contains(&name.to_ascii_uppercase().as_str()) {
                name = words.next()?;
            }
            let name = name.split('(').next()?;
            (!name.is_empty()).then(|| Gated::Index(unquoted(name)))
        }
        "PRIMARY" | "CONSTRAINT" | "FOREIGN" | "CHECK" | "PERIOD" => None,
        _ => Some(Gated::Column(unquoted(first))),
    }
}

/// Whether every comma of `body` stands inside parentheses (`KEY k (a, b)`, `enum('a','b')`):
/// then it is one element, not several.
fn balanced_commas_only(body: &str) -> bool {
    let mut depth = 0i32;
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'\'' | b'"' | b'`') => {
                i = past_quoted(bytes, i, quote);
                continue;
            }
            b'(' => depth += 1,
            b')' => depth -= 1,
            b',' if depth == 0 => return false,
            _ => {}
        }
        i += 1;
    }
    true
}

fn unquoted(name: &str) -> String {
    let trimmed = name.trim_matches('`');
    if name.starts_with('`') {
        trimmed.replace("``", "`")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versioned_columns_and_keys_are_found_by_name() {
        let sql = "CREATE TABLE address (\n  id int,\n  /*!50705 location GEOMETRY NOT NULL,*/\n  \
                   note varchar(9) DEFAULT '/*!50705 not, this */',\n  \
                   /*!50705 SPATIAL KEY `idx_location` (location),*/\n  \
                   KEY k (id) /*!50100 COMMENT 'x' */\n  /*!80000 , `two``ticks` enum('a','b')*/\n) \
                   /*!50100 PARTITION BY HASH (id) */";
        assert_eq!(
            gates(sql),
            vec![
                Gate {
                    since: 50705,
                    element: Gated::Column("location".into())
                },
                Gate {
                    since: 50705,
                    element: Gated::Index("idx_location".into())
                },
                Gate {
                    since: 80000,
                    element: Gated::Column("two`ticks".into())
                },
            ]
        );
    }

    #[test]
    fn several_elements_in_one_comment_are_not_taken_apart() {
        assert_eq!(
            gates("CREATE TABLE t (a int /*!50705 , b int, c int */)"),
            vec![]
        );
        assert_eq!(
            gates("CREATE TABLE t (a int /*!50705 , PRIMARY KEY (a) */)"),
            vec![]
        );
    }
}
