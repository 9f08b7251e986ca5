//! DBML's grammar, read into plain descriptions (names, not ids): tables with their columns,
//! indexes and notes; references; enums; table groups; the project; sticky notes.

use super::lexer::{LexError, Lexer, Tok, Token};

#[derive(Debug, Default)]
pub(super) struct Document {
    pub project: Option<(String, Option<String>, String)>,
    pub tables: Vec<PTable>,
    pub refs: Vec<PRef>,
    pub enums: Vec<(Option<String>, String, Vec<String>)>,
    pub groups: Vec<(String, Option<String>, Vec<String>)>,
    pub notes: Vec<String>,
}

#[derive(Debug, Default)]
pub(super) struct PTable {
    pub schema: Option<String>,
    pub name: String,
    pub alias: Option<String>,
    pub color: Option<String>,
    pub note: String,
    pub columns: Vec<PColumn>,
    pub indexes: Vec<PIndex>,
    pub line: usize,
}

#[derive(Debug, Default)]
pub(super) struct PColumn {
    pub name: String,
    pub type_text: String,
    pub pk: bool,
    pub not_null: bool,
    pub unique: bool,
    pub increment: bool,
    pub default: Option<String>,
    pub note: String,
    pub check: Option<String>,
    /// Inline `ref: > table.column` settings.
    pub refs: Vec<(&'static str, End)>,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Default)]
pub(super) struct PIndex {
    /// Key items: a column name, or an expression (`true`).
    pub keys: Vec<(String, bool)>,
    pub pk: bool,
    pub unique: bool,
    pub name: Option<String>,
    pub method: Option<String>,
    pub note: String,
}

/// One end of a reference: table (maybe schema-qualified) and columns.
#[derive(Debug, Clone, Default)]
pub(super) struct End {
    pub schema: Option<String>,
    pub table: String,
    pub columns: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct PRef {
    pub from: End,
    pub op: &'static str,
    pub to: End,
    pub name: Option<String>,
    pub delete: Option<String>,
    pub update: Option<String>,
    pub line: usize,
    pub column: usize,
}

/// A syntax error at a place.
#[derive(Debug)]
pub(super) struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

pub(super) struct Parser<'a> {
    lexer: Lexer<'a>,
    /// The tokens of the element being read not yet read past (a table of 20,000 columns is
    /// one element: holding all its tokens made the parse's memory, and time, grow with it).
    toks: Vec<Token<'a>>,
    pos: usize,
    /// `ref:` settings met in the last settings list.
    inline: Vec<(&'static str, End)>,
    /// How far the element's end has been looked for in the tokens dropped so far.
    skipped: EndSearch,
}

/// Tokens kept behind the cursor before those read past are dropped.
const KEEP_BEHIND: usize = 4096;

/// The search for where a malformed element ends, one token at a time from its start: at the
/// `}` that closes its block, or at the end of its line for an element without one.
#[derive(Debug, Default)]
struct EndSearch {
    depth: i32,
    opened: bool,
    seen: usize,
    /// The end is where the kept tokens begin: it was among the dropped ones.
    found: bool,
}

impl EndSearch {
    /// After `tok`: `Some(n)` when the element ends `n` tokens on from it (0: before it).
    fn step(&mut self, tok: &Tok) -> Option<usize> {
        let past_start = self.seen > 0;
        self.seen += 1;
        match tok {
            Tok::Punct("{") => {
                self.depth += 1;
                self.opened = true;
            }
            Tok::Punct("}") => {
                self.depth -= 1;
                if self.depth <= 0 {
                    return Some(1);
                }
            }
            Tok::Newline if self.depth <= 0 && !self.opened && past_start => return Some(0),
            _ => {}
        }
        None
    }
}

type Result<T> = std::result::Result<T, SyntaxError>;

impl<'a> Parser<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            lexer: Lexer::new(text),
            toks: Vec::new(),
            pos: 0,
            inline: Vec::new(),
            skipped: EndSearch::default(),
        }
    }

    /// What the lexer found wrong, all of it once the parser is at the end.
    pub fn lex_errors(self) -> Vec<LexError> {
        self.lexer.errors
    }

    fn peek(&mut self) -> Option<&Tok<'a>> {
        self.peek_at(0)
    }

    /// The token at the cursor, if [`Self::peek`] lexed it.
    fn current(&self) -> Option<&Tok<'a>> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }

    /// The token `ahead` tokens on, lexed when first asked for.
    fn peek_at(&mut self, ahead: usize) -> Option<&Tok<'a>> {
        if self.pos >= 2 * KEEP_BEHIND && self.toks.len() <= self.pos + ahead {
            self.drop_read();
        }
        let at = self.pos + ahead;
        while self.toks.len() <= at {
            self.toks.push(self.lexer.next_token()?);
        }
        self.toks.get(at).map(|t| &t.tok)
    }

    /// Drops the tokens read past but the last [`KEEP_BEHIND`], carrying the search for the
    /// element's end over them first, so that [`Self::recover`] ends where it would have.
    fn drop_read(&mut self) {
        if self.skipped.found {
            return;
        }
        let mut upto = self.pos - KEEP_BEHIND;
        for (i, token) in self.toks[..upto].iter().enumerate() {
            if let Some(on) = self.skipped.step(&token.tok) {
                upto = i + on;
                self.skipped.found = true;
                break;
            }
        }
        self.toks.drain(..upto);
        self.pos -= upto;
    }

    fn here(&self) -> (usize, usize) {
        self.toks
            .get(self.pos)
            .or(self.toks.last())
            .map_or((1, 1), |t| (t.line, t.column))
    }

    fn error<T>(&self, message: impl Into<String>) -> Result<T> {
        let (line, column) = self.here();
        Err(SyntaxError {
            line,
            column,
            message: message.into(),
        })
    }

    fn skip_newlines(&mut self) {
        while self.peek() == Some(&Tok::Newline) {
            self.pos += 1;
        }
    }

    fn at(&mut self, punct: &str) -> bool {
        matches!(self.peek(), Some(Tok::Punct(p)) if *p == punct)
    }

    fn eat(&mut self, punct: &str) -> bool {
        if self.at(punct) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn require(&mut self, punct: &str) -> Result<()> {
        if self.eat(punct) {
            Ok(())
        } else {
            self.error(format!("expected `{punct}`"))
        }
    }

    fn word(&mut self) -> Result<String> {
        match self.peek() {
            Some(Tok::Word(w)) => {
                let w = w.to_string();
                self.pos += 1;
                Ok(w)
            }
            _ => self.error("expected a name"),
        }
    }

    fn string(&mut self) -> Result<String> {
        match self.peek() {
            Some(Tok::Str(s)) => {
                let s = s.to_string();
                self.pos += 1;
                Ok(s)
            }
            _ => self.error("expected a 'string'"),
        }
    }

    /// `name` or `schema.name`.
    fn qualified(&mut self) -> Result<(Option<String>, String)> {
        let first = self.word()?;
        if self.eat(".") {
            Ok((Some(first), self.word()?))
        } else {
            Ok((None, first))
        }
    }

    /// Skips the malformed element: from its start to the end of its block (or of its line,
    /// for an element without one), so the next element is read cleanly.
    pub fn recover(&mut self) {
        let mut search = std::mem::take(&mut self.skipped);
        self.pos = 0;
        if search.found {
            return;
        }
        while let Some(tok) = self.peek_kept() {
            if let Some(on) = search.step(tok) {
                self.pos += on;
                return;
            }
            self.pos += 1;
        }
    }

    /// [`Self::peek`] without dropping tokens: the search for an element's end reads them again.
    fn peek_kept(&mut self) -> Option<&Tok<'a>> {
        while self.toks.len() <= self.pos {
            self.toks.push(self.lexer.next_token()?);
        }
        self.toks.get(self.pos).map(|t| &t.tok)
    }

    /// The next top-level element into `doc`; `Ok(false)` at the end.
    pub fn element(&mut self, doc: &mut Document) -> Result<bool> {
        self.skip_newlines();
        self.toks.drain(..self.pos);
        self.pos = 0;
        self.skipped = EndSearch::default();
        if self.peek().is_none() {
            return Ok(false);
        }
        let (line, column) = self.here();
        // Lower-cased on the stack: an allocation per element was a tenth of reading a table.
        let mut buffer = [0u8; 16];
        let keyword = match self.current() {
            Some(Tok::Word(w)) if w.len() <= buffer.len() => {
                let lower = &mut buffer[..w.len()];
                lower.copy_from_slice(w.as_bytes());
                lower.make_ascii_lowercase();
                std::str::from_utf8(lower).unwrap_or_default()
            }
            Some(Tok::Word(_)) => "",
            _ => return self.error("expected Table, Ref, Enum, TableGroup, Project or Note"),
        };
        self.pos += 1;
        match keyword {
            "table" => {
                let table = self.table(line)?;
                doc.tables.push(table);
            }
            "ref" => {
                let name = match self.peek() {
                    Some(Tok::Word(_)) => Some(self.word()?),
                    _ => None,
                };
                if self.eat(":") {
                    let mut r = self.reference(line, column)?;
                    r.name = name;
                    doc.refs.push(r);
                } else {
                    self.require("{")?;
                    loop {
                        self.skip_newlines();
                        if self.eat("}") {
                            break;
                        }
                        let (l, c) = self.here();
                        let mut r = self.reference(l, c)?;
                        r.name = name.clone();
                        doc.refs.push(r);
                    }
                }
            }
            "enum" => {
                let (schema, name) = self.qualified()?;
                self.require("{")?;
                let mut values = Vec::new();
                loop {
                    self.skip_newlines();
                    if self.eat("}") {
                        break;
                    }
                    values.push(match self.peek() {
                        Some(Tok::Str(_)) => self.string()?,
                        _ => self.word()?,
                    });
                    if self.at("[") {
                        self.settings()?;
                    }
                }
                doc.enums.push((schema, name, values));
            }
            "tablegroup" => {
                let name = self.word()?;
                let settings = if self.at("[") {
                    self.settings()?
                } else {
                    Vec::new()
                };
                let color = setting(&settings, "color");
                self.require("{")?;
                let mut members = Vec::new();
                loop {
                    self.skip_newlines();
                    if self.eat("}") {
                        break;
                    }
                    if matches!(self.peek(), Some(Tok::Word(w)) if w.eq_ignore_ascii_case("note")) {
                        self.pos += 1;
                        self.require(":")?;
                        self.string()?;
                        continue;
                    }
                    let (schema, table) = self.qualified()?;
                    members.push(match schema {
                        Some(s) => format!("{s}.{table}"),
                        None => table,
                    });
                }
                doc.groups.push((name, color, members));
            }
            "project" => {
                let name = match self.peek() {
                    Some(Tok::Word(_)) => self.word()?,
                    _ => String::new(),
                };
                self.require("{")?;
                let (mut database, mut note) = (None, String::new());
                loop {
                    self.skip_newlines();
                    if self.eat("}") {
                        break;
                    }
                    let key = self.word()?.to_ascii_lowercase();
                    if key == "note" {
                        note = self.note_value()?;
                    } else {
                        self.require(":")?;
                        let value = self.value()?;
                        if key == "database_type" {
                            database = Some(value);
                        }
                    }
                }
                doc.project = Some((name, database, note));
            }
            "note" => {
                // A sticky note: `Note name { '…' }`.
                if matches!(self.peek(), Some(Tok::Word(_))) {
                    self.pos += 1;
                }
                self.require("{")?;
                self.skip_newlines();
                let text = self.string()?;
                self.skip_newlines();
                self.require("}")?;
                doc.notes.push(text);
            }
            _ => {
                let written = match self.toks.get(self.pos - 1).map(|t| &t.tok) {
                    Some(Tok::Word(w)) => w.to_string(),
                    _ => String::new(),
                };
                return Err(SyntaxError {
                    line,
                    column,
                    message: format!("`{written}` is not a DBML element this importer reads"),
                });
            }
        }
        Ok(true)
    }

    /// `Note: '…'` or `Note { '…' }`, after the word `Note`.
    fn note_value(&mut self) -> Result<String> {
        if self.eat(":") {
            return self.string();
        }
        self.require("{")?;
        self.skip_newlines();
        let text = self.string()?;
        self.skip_newlines();
        self.require("}")?;
        Ok(text)
    }

    /// A setting's value: a string, a number, an expression, or words (`no action`, `#hex`).
    fn value(&mut self) -> Result<String> {
        let negative = self.eat("-");
        let text = match self.peek() {
            Some(Tok::Str(s)) => format!("'{}'", s.replace('\'', "''")),
            Some(Tok::Expr(e)) => e.to_string(),
            Some(Tok::Number(n)) => n.to_string(),
            Some(Tok::Word(w)) => {
                let mut words = vec![w.to_string()];
                self.pos += 1;
                while let Some(Tok::Word(w)) = self.peek() {
                    words.push(w.to_string());
                    self.pos += 1;
                }
                return Ok(words.join(" "));
            }
            _ => return self.error("expected a value"),
        };
        self.pos += 1;
        Ok(if negative { format!("-{text}") } else { text })
    }

    /// `[a, b: v, ref: > t.c]` as (key, value) pairs, keys lower case.
    fn settings(&mut self) -> Result<Vec<(String, String)>> {
        self.require("[")?;
        let mut out = Vec::new();
        loop {
            self.skip_newlines();
            if self.eat("]") {
                return Ok(out);
            }
            let mut key = String::new();
            while let Some(Tok::Word(w)) = self.peek() {
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str(w);
                self.pos += 1;
            }
            if key.is_empty() {
                return self.error("expected a setting");
            }
            key.make_ascii_lowercase();
            let value = if self.eat(":") {
                if key == "ref" {
                    let op = self.op()?;
                    let end = self.end()?;
                    self.inline.push((op, end));
                    String::new()
                } else {
                    self.value()?
                }
            } else {
                String::new()
            };
            out.push((key, value));
            self.skip_newlines();
            if !self.eat(",") {
                self.skip_newlines();
                self.require("]")?;
                return Ok(out);
            }
        }
    }

    fn op(&mut self) -> Result<&'static str> {
        for op in ["<>", ">", "<", "-"] {
            if self.eat(op) {
                return Ok(op);
            }
        }
        self.error("expected a relationship: >, <, - or <>")
    }

    /// `table.column`, `schema.table.column`, or `table.(a, b)`.
    fn end(&mut self) -> Result<End> {
        let mut parts = vec![self.word()?];
        loop {
            if !self.eat(".") {
                break;
            }
            if self.eat("(") {
                let mut columns = Vec::new();
                loop {
                    columns.push(self.word()?);
                    if self.eat(")") {
                        break;
                    }
                    self.require(",")?;
                }
                let table = parts.pop().unwrap_or_default();
                return Ok(End {
                    schema: parts.pop(),
                    table,
                    columns,
                });
            }
            parts.push(self.word()?);
        }
        let Some(column) = parts.pop().filter(|_| !parts.is_empty()) else {
            return self.error("expected table.column");
        };
        let table = parts.pop().unwrap_or_default();
        Ok(End {
            schema: parts.pop(),
            table,
            columns: vec![column],
        })
    }

    fn reference(&mut self, line: usize, column: usize) -> Result<PRef> {
        let from = self.end()?;
        let op = self.op()?;
        let to = self.end()?;
        let settings = if self.at("[") {
            self.settings()?
        } else {
            Vec::new()
        };
        Ok(PRef {
            from,
            op,
            to,
            name: None,
            delete: setting(&settings, "delete"),
            update: setting(&settings, "update"),
            line,
            column,
        })
    }

    fn table(&mut self, line: usize) -> Result<PTable> {
        let (schema, name) = self.qualified()?;
        let mut table = PTable {
            schema,
            name,
            line,
            ..PTable::default()
        };
        if matches!(self.peek(), Some(Tok::Word(w)) if w.eq_ignore_ascii_case("as")) {
            self.pos += 1;
            table.alias = Some(self.word()?);
        }
        if self.at("[") {
            let settings = self.settings()?;
            table.color = setting(&settings, "headercolor");
            if let Some(note) = setting(&settings, "note") {
                table.note = unquote(&note);
            }
        }
        self.require("{")?;
        loop {
            self.skip_newlines();
            if self.eat("}") {
                return Ok(table);
            }
            let (l, c) = self.here();
            let first = self.word()?;
            if first.eq_ignore_ascii_case("note") && (self.at(":") || self.at("{")) {
                table.note = self.note_value()?;
            } else if first.eq_ignore_ascii_case("indexes") && self.at("{") {
                self.indexes(&mut table)?;
            } else {
                table.columns.push(self.column(first, l, c)?);
            }
        }
    }

    fn column(&mut self, name: String, line: usize, column: usize) -> Result<PColumn> {
        // The type: a word with optional `(args)` and `[]`, or a quoted "type with spaces".
        let mut type_text = self.word()?;
        if self.eat(".") {
            type_text = format!("{type_text}.{}", self.word()?);
        }
        if self.eat("(") {
            let mut args = Vec::new();
            while !self.eat(")") {
                match self.peek() {
                    Some(Tok::Number(n)) => args.push(n.to_string()),
                    Some(Tok::Word(w)) => args.push(w.to_string()),
                    Some(Tok::Str(s)) => args.push(format!("'{s}'")),
                    Some(Tok::Punct(",")) => {}
                    _ => return self.error("expected the type's arguments"),
                }
                self.pos += 1;
            }
            type_text = format!("{type_text}({})", args.join(","));
        }
        if self.at("[") && self.peek_at(1) == Some(&Tok::Punct("]")) {
            self.pos += 2;
            type_text.push_str("[]");
        }
        let mut col = PColumn {
            name,
            type_text,
            line,
            column,
            ..PColumn::default()
        };
        if self.at("[") {
            for (key, value) in self.settings()? {
                match key.as_str() {
                    "pk" | "primary key" => col.pk = true,
                    "not null" => col.not_null = true,
                    "null" => col.not_null = false,
                    "unique" => col.unique = true,
                    "increment" => col.increment = true,
                    "default" => col.default = Some(value),
                    "note" => col.note = unquote(&value),
                    "check" => col.check = Some(value),
                    _ => {}
                }
            }
            col.refs = std::mem::take(&mut self.inline);
        }
        Ok(col)
    }

    fn indexes(&mut self, table: &mut PTable) -> Result<()> {
        self.require("{")?;
        loop {
            self.skip_newlines();
            if self.eat("}") {
                return Ok(());
            }
            let mut index = PIndex::default();
            if self.eat("(") {
                loop {
                    match self.peek() {
                        Some(Tok::Expr(e)) => index.keys.push((e.to_string(), true)),
                        Some(Tok::Word(w)) => index.keys.push((w.to_string(), false)),
                        _ => return self.error("expected a column or `expression`"),
                    }
                    self.pos += 1;
                    if self.eat(")") {
                        break;
                    }
                    self.require(",")?;
                }
            } else {
                match self.peek() {
                    Some(Tok::Expr(e)) => index.keys.push((e.to_string(), true)),
                    Some(Tok::Word(w)) => index.keys.push((w.to_string(), false)),
                    _ => return self.error("expected an index"),
                }
                self.pos += 1;
            }
            if self.at("[") {
                for (key, value) in self.settings()? {
                    match key.as_str() {
                        "pk" => index.pk = true,
                        "unique" => index.unique = true,
                        "name" => index.name = Some(unquote(&value)),
                        "type" => index.method = Some(value),
                        "note" => index.note = unquote(&value),
                        _ => {}
                    }
                }
            }
            table.indexes.push(index);
        }
    }
}

fn setting(settings: &[(String, String)], key: &str) -> Option<String> {
    settings
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
}

/// A value written as `'text'` back to its text.
pub(super) fn unquote(value: &str) -> String {
    value
        .strip_prefix('\'')
        .and_then(|v| v.strip_suffix('\''))
        .map_or_else(|| value.to_string(), |v| v.replace("''", "'"))
}
