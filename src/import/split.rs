//! Cutting a script into statements, the way the database's own client would.
//!
//! Parsing a whole dump at once loses everything at the first construct the parser does not know,
//! so we split first and parse one statement at a time. The split understands quotes and comments
//! of each dialect, PostgreSQL `$tag$` bodies, MySQL `DELIMITER`, T-SQL `GO` batches, psql
//! meta-commands, sqlcmd `:` commands, and SQLite trigger bodies (`BEGIN … END;`).

use super::dialect::Dialect;

/// One piece of the script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece<'a> {
    /// The statement text, without its terminator; or the client command line.
    pub text: &'a str,
    /// 1-based line of its first character.
    pub line: usize,
    /// 1-based column of its first character.
    pub column: usize,
    /// Whether this is a command for the client program (psql, sqlcmd, mysql) rather than SQL.
    pub client_command: bool,
    /// Whether it ended a T-SQL batch, where statements need no `;` between them.
    pub batch: bool,
}

/// A quote, comment or dollar-quoted body that the script never closes: it runs to the end and
/// swallows every later statement, so the import says so instead of reading on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unterminated {
    /// What was opened (`'`, `/*`, `$body$`).
    pub opener: String,
    /// 1-based line and column where it opens.
    pub line: usize,
    pub column: usize,
    /// How many lines from there to the end of the script it swallowed.
    pub lines: usize,
}

/// Splits `text` into statements and client commands, in order.
#[cfg(test)]
pub fn split(text: &str, dialect: Dialect) -> Vec<Piece<'_>> {
    split_checked(text, dialect).0
}

/// [`split`], and the quote or comment left open at the end, if any.
pub fn split_checked(text: &str, dialect: Dialect) -> (Vec<Piece<'_>>, Option<Unterminated>) {
    Splitter::new(text, dialect).run()
}

struct Splitter<'a> {
    text: &'a str,
    bytes: &'a [u8],
    dialect: Dialect,
    pos: usize,
    line: usize,
    column: usize,
    delimiter: String,
    start: Option<(usize, usize, usize)>,
    trigger_depth: Option<i32>,
    words: usize,
    pieces: Vec<Piece<'a>>,
    unterminated: Option<Unterminated>,
}

impl<'a> Splitter<'a> {
    fn new(text: &'a str, dialect: Dialect) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Self {
            text,
            bytes: text.as_bytes(),
            dialect,
            pos: 0,
            line: 1,
            column: 1,
            delimiter: ";".to_string(),
            start: None,
            trigger_depth: None,
            words: 0,
            pieces: Vec::new(),
            unterminated: None,
        }
    }

    fn run(mut self) -> (Vec<Piece<'a>>, Option<Unterminated>) {
        while self.pos < self.bytes.len() {
            if self.at_line_start() && self.line_command() {
                continue;
            }
            let byte = self.bytes[self.pos];
            if self.start.is_none() && !byte.is_ascii_whitespace() && !self.at_comment() {
                self.start = Some((self.pos, self.line, self.column));
                self.trigger_depth = None;
                self.words = 0;
            }
            if self.at_delimiter() {
                if self.trigger_depth.unwrap_or(0) > 0 {
                    self.advance(self.delimiter.len());
                    continue;
                }
                self.finish(self.pos, false);
                self.advance(self.delimiter.len());
                continue;
            }
            match byte {
                b'\'' => self.quoted(b'\'', self.backslash_escapes()),
                b'"' => self.quoted(b'"', self.dialect == Dialect::MySql),
                b'`' if matches!(self.dialect, Dialect::MySql | Dialect::Sqlite) => {
                    self.quoted(b'`', false)
                }
                b'[' if matches!(self.dialect, Dialect::MsSql | Dialect::Sqlite) => {
                    self.quoted(b']', false)
                }
                b'-' if self.peek(1) == Some(b'-') => self.skip_line(),
                b'#' if self.dialect == Dialect::MySql => self.skip_line(),
                b'/' if self.peek(1) == Some(b'*') => self.block_comment(),
                b'$' if self.dialect == Dialect::Postgres => self.dollar_quoted(),
                b if b.is_ascii_alphabetic() => self.word(),
                _ => self.advance(1),
            }
        }
        self.finish(self.bytes.len(), false);
        (self.pieces, self.unterminated)
    }

    /// Notes that what opened at `(line, column)` with `opener` reached the end of the script.
    fn left_open(&mut self, opener: &str, line: usize, column: usize) {
        if self.unterminated.is_none() {
            self.unterminated = Some(Unterminated {
                opener: opener.to_string(),
                line,
                column,
                lines: self.line - line + 1,
            });
        }
    }

    fn peek(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    fn advance(&mut self, count: usize) {
        let mut end = (self.pos + count).min(self.bytes.len());
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        for ch in self.text[self.pos..end].chars() {
            if ch == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.pos = end;
    }

    fn finish(&mut self, end: usize, batch: bool) {
        if let Some((start, line, column)) = self.start.take() {
            let text = self.text[start..end].trim_end();
            if !text.is_empty() {
                self.pieces.push(Piece {
                    text,
                    line,
                    column,
                    client_command: false,
                    batch,
                });
            }
        }
        self.trigger_depth = None;
    }

    fn at_line_start(&self) -> bool {
        self.pos == 0 || self.bytes[self.pos - 1] == b'\n'
    }

    fn rest_of_line(&self) -> &'a str {
        let rest = &self.text[self.pos..];
        rest.split('\n').next().unwrap_or("")
    }

    /// Client commands that own a whole line. Returns whether one was consumed.
    fn line_command(&mut self) -> bool {
        let line = self.rest_of_line();
        let trimmed = line.trim();
        let lower = trimmed.to_ascii_lowercase();
        let statement_empty = self.start.is_none();
        match self.dialect {
            Dialect::MsSql if lower == "go" || is_go_count(&lower) => {
                self.finish(self.pos, true);
                self.advance(line.len());
                return true;
            }
            Dialect::MsSql if statement_empty && trimmed.starts_with(':') => {
                self.client_command(line);
                return true;
            }
            Dialect::MySql if lower.starts_with("delimiter ") || lower == "delimiter" => {
                self.finish(self.pos, false);
                let new = trimmed[9..].trim();
                if !new.is_empty() {
                    self.delimiter = new.to_string();
                }
                self.advance(line.len());
                return true;
            }
            Dialect::Postgres if statement_empty && trimmed.starts_with('\\') => {
                self.client_command(line);
                return true;
            }
            _ => {}
        }
        false
    }

    fn client_command(&mut self, line: &'a str) {
        let text = line.trim();
        let offset = line.len() - line.trim_start().len();
        self.pieces.push(Piece {
            text,
            line: self.line,
            column: self.column + offset,
            client_command: true,
            batch: false,
        });
        self.advance(line.len());
    }

    fn at_delimiter(&self) -> bool {
        self.text[self.pos..].starts_with(self.delimiter.as_str())
    }

    fn at_comment(&self) -> bool {
        match self.bytes[self.pos] {
            b'-' => self.peek(1) == Some(b'-'),
            // MySQL's `/*!50100 … */` is executable, not a comment.
            b'/' => self.peek(1) == Some(b'*') && self.peek(2) != Some(b'!'),
            b'#' => self.dialect == Dialect::MySql,
            _ => false,
        }
    }

    fn backslash_escapes(&self) -> bool {
        match self.dialect {
            Dialect::MySql => true,
            // PostgreSQL only in E'…' strings.
            Dialect::Postgres => {
                self.pos > 0
                    && matches!(self.bytes[self.pos - 1], b'e' | b'E')
                    && (self.pos < 2 || !is_word_byte(self.bytes[self.pos - 2]))
            }
            _ => false,
        }
    }

    /// Skips a quoted string or identifier; a doubled closing quote is an escaped one.
    fn quoted(&mut self, close: u8, backslash: bool) {
        let (line, column) = (self.line, self.column);
        let opener = self.text[self.pos..]
            .chars()
            .next()
            .unwrap_or('\'')
            .to_string();
        self.advance(1);
        while self.pos < self.bytes.len() {
            let byte = self.bytes[self.pos];
            if backslash && byte == b'\\' {
                self.advance(2);
            } else if byte == close {
                if self.peek(1) == Some(close) {
                    self.advance(2);
                } else {
                    self.advance(1);
                    return;
                }
            } else {
                self.advance(1);
            }
        }
        self.left_open(&opener, line, column);
    }

    fn skip_line(&mut self) {
        let line = self.rest_of_line();
        self.advance(line.len());
    }

    fn block_comment(&mut self) {
        // PostgreSQL block comments nest; the others end at the first `*/`.
        let nests = self.dialect == Dialect::Postgres;
        let mut depth = 0;
        let (line, column) = (self.line, self.column);
        while self.pos < self.bytes.len() {
            if self.bytes[self.pos] == b'/' && self.peek(1) == Some(b'*') {
                depth += 1;
                self.advance(2);
            } else if self.bytes[self.pos] == b'*' && self.peek(1) == Some(b'/') {
                depth -= 1;
                self.advance(2);
                if depth == 0 || !nests {
                    return;
                }
            } else {
                self.advance(1);
            }
        }
        self.left_open("/*", line, column);
    }

    fn dollar_quoted(&mut self) {
        let rest = &self.text[self.pos + 1..];
        let tag_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        let starts_with_digit = rest.bytes().next().is_some_and(|b| b.is_ascii_digit());
        if starts_with_digit || rest.as_bytes().get(tag_len) != Some(&b'$') {
            self.advance(1);
            return;
        }
        let tag = &self.text[self.pos..self.pos + tag_len + 2];
        let (line, column) = (self.line, self.column);
        self.advance(tag.len());
        match self.text[self.pos..].find(tag) {
            Some(end) => self.advance(end + tag.len()),
            None => {
                self.advance(self.bytes.len() - self.pos);
                self.left_open(tag, line, column);
            }
        }
    }

    /// Reads a word; tracks `BEGIN … END` inside trigger bodies so their `;` do not split.
    fn word(&mut self) {
        let len = self.bytes[self.pos..]
            .iter()
            .take_while(|b| is_word_byte(**b))
            .count();
        let word = self.text[self.pos..self.pos + len].to_ascii_uppercase();
        self.words += 1;
        if self.trigger_depth.is_none()
            && self.words <= 3
            && let Some((start, _, _)) = self.start
        {
            let head = self.text[start..self.pos + len].to_ascii_uppercase();
            let head: Vec<&str> = head.split_whitespace().collect();
            let is_trigger = matches!(
                head.as_slice(),
                ["CREATE", "TRIGGER"] | ["CREATE", "TEMP" | "TEMPORARY", "TRIGGER"]
            );
            if is_trigger && matches!(self.dialect, Dialect::Sqlite | Dialect::MySql) {
                self.trigger_depth = Some(0);
            }
        }
        if let Some(depth) = &mut self.trigger_depth {
            match word.as_str() {
                "BEGIN" | "CASE" => *depth += 1,
                "END" => *depth -= 1,
                _ => {}
            }
        }
        self.advance(len);
    }
}

fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

fn is_go_count(lower: &str) -> bool {
    lower
        .strip_prefix("go ")
        .is_some_and(|n| n.trim().chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sql: &str, dialect: Dialect) -> Vec<&str> {
        split(sql, dialect).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn semicolons_in_strings_comments_and_quotes_do_not_split() {
        let sql =
            "CREATE TABLE a (x text DEFAULT 'a;b'); -- c;d\n/* e; */ CREATE TABLE \"f;g\" (y int);";
        assert_eq!(
            texts(sql, Dialect::Postgres),
            [
                "CREATE TABLE a (x text DEFAULT 'a;b')",
                "CREATE TABLE \"f;g\" (y int)"
            ]
        );
    }

    #[test]
    fn positions_are_line_and_column_of_the_first_token() {
        let pieces = split(
            "\n\n  -- note\n  CREATE TABLE a (x int);\nSELECT 1;",
            Dialect::Postgres,
        );
        assert_eq!((pieces[0].line, pieces[0].column), (4, 3));
        assert_eq!((pieces[1].line, pieces[1].column), (5, 1));
    }

    #[test]
    fn dollar_bodies_are_one_statement() {
        let sql = "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN; RETURN 1; END $body$ LANGUAGE plpgsql;\nSELECT $1;";
        let pieces = texts(sql, Dialect::Postgres);
        assert_eq!(pieces.len(), 2, "{pieces:?}");
        assert!(pieces[0].ends_with("LANGUAGE plpgsql"));
    }

    #[test]
    fn psql_meta_commands_are_client_commands() {
        let pieces = split(
            "\\connect shop\nCREATE TABLE a (x int);\n",
            Dialect::Postgres,
        );
        assert!(pieces[0].client_command);
        assert_eq!(pieces[0].text, "\\connect shop");
        assert_eq!(pieces[1].text, "CREATE TABLE a (x int)");
    }

    #[test]
    fn mysql_delimiters_and_escapes() {
        let sql = "CREATE TABLE `a;` (x varchar(9) DEFAULT 'it\\'s;');\nDELIMITER ;;\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END;;\nDELIMITER ;\n# comment;\nCREATE TABLE b (y int);";
        let pieces = texts(sql, Dialect::MySql);
        assert_eq!(pieces.len(), 3, "{pieces:?}");
        assert!(pieces[1].ends_with("END"));
        assert_eq!(pieces[2], "CREATE TABLE b (y int)");
    }

    #[test]
    fn go_ends_a_batch_and_sqlcmd_lines_are_client_commands() {
        let sql = ":setvar db shop\nCREATE TABLE [a;b] (x int)\nCREATE TABLE c (y int)\nGO\nPRINT 'x'\ngo 2\n";
        let pieces = split(sql, Dialect::MsSql);
        assert!(pieces[0].client_command);
        assert_eq!(
            pieces[1].text,
            "CREATE TABLE [a;b] (x int)\nCREATE TABLE c (y int)"
        );
        assert!(pieces[1].batch);
        assert_eq!(pieces[2].text, "PRINT 'x'");
    }

    #[test]
    fn sqlite_trigger_bodies_keep_their_semicolons() {
        let sql = "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET n = CASE WHEN 1 THEN 2 END; DELETE FROM c; END;\nCREATE TABLE d (x);";
        let pieces = texts(sql, Dialect::Sqlite);
        assert_eq!(pieces.len(), 2, "{pieces:?}");
        assert!(pieces[0].ends_with("END"));
    }

    #[test]
    fn mysql_versioned_comments_are_statements_and_a_bom_is_ignored() {
        let sql = "\u{feff}/*!40101 SET NAMES utf8 */;\n/* plain */\nCREATE TABLE a (x int);";
        let pieces = split(sql, Dialect::MySql);
        assert_eq!(pieces[0].text, "/*!40101 SET NAMES utf8 */");
        assert_eq!((pieces[1].line, pieces[1].column), (3, 1));
    }

    #[test]
    fn what_is_left_open_is_said_where_it_opens() {
        let sql = "CREATE TABLE a (x int);\nCREATE FUNCTION f() RETURNS int AS $body$\nSELECT 1;\nCREATE TABLE b (y int);\n";
        let (pieces, open) = split_checked(sql, Dialect::Postgres);
        assert_eq!(pieces.len(), 2);
        let open = open.expect("reported");
        assert_eq!(
            (open.opener.as_str(), open.line, open.column),
            ("$body$", 2, 36)
        );
        assert_eq!(open.lines, 4);
        for (sql, opener) in [("SELECT 1; /* open\nx", "/*"), ("SELECT 'open\n;", "'")] {
            let (_, open) = split_checked(sql, Dialect::MySql);
            assert_eq!(open.map(|o| o.opener), Some(opener.to_string()), "{sql}");
        }
        assert_eq!(
            split_checked("SELECT 'closed'; /* c */", Dialect::MySql).1,
            None
        );
    }

    #[test]
    fn unterminated_input_does_not_panic() {
        for sql in [
            "'open", "\"open", "/* open", "$a$ open", "[open", "`open", "x\\",
        ] {
            for dialect in [
                Dialect::Postgres,
                Dialect::MySql,
                Dialect::Sqlite,
                Dialect::MsSql,
            ] {
                let _ = split(sql, dialect);
            }
        }
    }
}
