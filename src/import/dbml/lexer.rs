//! DBML's tokens, with the line and column each starts at.

use std::borrow::Cow;

/// A token. Its text is borrowed from the input unless unescaping or dedenting changed it: one
/// allocation per token made a 40,000-table file spend most of its import in the allocator.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok<'a> {
    /// A bare word (`Table`, `varchar`, `not`), or a `"quoted"` name.
    Word(Cow<'a, str>),
    /// A `'string'` or `'''multi-line string'''`.
    Str(Cow<'a, str>),
    /// A `` `backtick expression` ``.
    Expr(Cow<'a, str>),
    /// A number, as written.
    Number(&'a str),
    /// Punctuation: `{ } [ ] ( ) : , . > < - ~ #`, and `<>` as one.
    Punct(&'static str),
    /// A line break (significant inside table bodies).
    Newline,
    /// Where the lexer found an error (reported on its own): the element holding it fails.
    Invalid,
}

/// A token and where it starts (1-based).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Token<'a> {
    pub tok: Tok<'a>,
    pub line: usize,
    pub column: usize,
}

/// A lexing error: unterminated string, comment or quote.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct LexError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A place in the text: byte offset, line and column (in characters).
struct Cursor<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    column: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    /// The character `ahead` characters on (0: the one at the cursor).
    fn peek(&self, ahead: usize) -> Option<char> {
        self.rest().chars().nth(ahead)
    }

    /// Moves past one character, keeping the line and column.
    fn bump(&mut self) {
        if let Some(c) = self.peek(0) {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
            self.at += c.len_utf8();
        }
    }

    fn bump_n(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }

    /// Moves past the characters that satisfy `keep`; returns the text passed.
    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let from = self.at;
        while self.peek(0).is_some_and(&keep) {
            self.bump();
        }
        &self.text[from..self.at]
    }

    /// Moves to byte offset `to` (on a character boundary past the cursor).
    fn bump_to(&mut self, to: usize) {
        while self.at < to {
            self.bump();
        }
    }
}

/// The tokens of a text, one at a time, and its errors so far. An error leaves a
/// [`Tok::Invalid`] where it starts and the lexer goes on (after the line of an unclosed one-line
/// quote, after an unexpected character), so one bad quote fails the element it is in, not the
/// whole file. Tokens are made as the parser asks for them, so only the element being read is
/// held, never the whole file's.
pub(super) struct Lexer<'a> {
    cur: Cursor<'a>,
    pub errors: Vec<LexError>,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            cur: Cursor {
                text,
                at: 0,
                line: 1,
                column: 1,
            },
            errors: Vec::new(),
        }
    }

    /// The next token; `None` at the end of the text.
    pub fn next_token(&mut self) -> Option<Token<'a>> {
        let cur = &mut self.cur;
        let errors = &mut self.errors;
        let text = cur.text;
        while let Some(c) = cur.peek(0) {
            let (start_line, start_column) = (cur.line, cur.column);
            let token = |tok: Tok<'a>| {
                Some(Token {
                    tok,
                    line: start_line,
                    column: start_column,
                })
            };
            if c == '\n' {
                cur.bump();
                return token(Tok::Newline);
            } else if c.is_whitespace() {
                cur.bump();
            } else if cur.rest().starts_with("//") {
                cur.take_while(|d| d != '\n');
            } else if cur.rest().starts_with("/*") {
                cur.bump_n(2);
                match cur.rest().find("*/") {
                    Some(end) => cur.bump_to(cur.at + end + 2),
                    None => {
                        cur.bump_to(text.len());
                        errors.push(LexError {
                            line: start_line,
                            column: start_column,
                            message: format!(
                                "unterminated /* comment: it swallows {}",
                                lines_from(start_line, cur.line, cur.column)
                            ),
                        });
                        return token(Tok::Invalid);
                    }
                }
            } else if c == '\'' || c == '"' || c == '`' {
                match quoted(cur, c) {
                    Ok(value) => {
                        return token(match c {
                            '"' => Tok::Word(value),
                            '`' => Tok::Expr(value),
                            _ => Tok::Str(value),
                        });
                    }
                    Err(reach) => {
                        errors.push(LexError {
                            line: start_line,
                            column: start_column,
                            message: format!("unterminated {c} quote: {reach}"),
                        });
                        return token(Tok::Invalid);
                    }
                }
            } else if c == '#' && cur.peek(1).is_some_and(|d| d.is_ascii_hexdigit()) {
                // A colour: `#8b5cf6`.
                let from = cur.at;
                cur.bump();
                cur.take_while(|d| d.is_ascii_hexdigit());
                return token(Tok::Word(Cow::Borrowed(&text[from..cur.at])));
            } else if c.is_ascii_digit() {
                let number = cur.take_while(|d| d.is_ascii_digit() || d == '.');
                return token(Tok::Number(number));
            } else if c.is_alphanumeric() || c == '_' {
                let word = cur.take_while(|d| d.is_alphanumeric() || d == '_');
                return token(Tok::Word(Cow::Borrowed(word)));
            } else {
                let punct: &'static str = match c {
                    '<' if cur.peek(1) == Some('>') => "<>",
                    '{' => "{",
                    '}' => "}",
                    '[' => "[",
                    ']' => "]",
                    '(' => "(",
                    ')' => ")",
                    ':' => ":",
                    ',' => ",",
                    '.' => ".",
                    '>' => ">",
                    '<' => "<",
                    '-' => "-",
                    '~' => "~",
                    '#' => "#",
                    _ => {
                        errors.push(LexError {
                            line: start_line,
                            column: start_column,
                            message: format!("unexpected character {c:?}"),
                        });
                        cur.bump();
                        return token(Tok::Invalid);
                    }
                };
                cur.bump_n(punct.len());
                return token(Tok::Punct(punct));
            }
        }
        None
    }
}

/// The value of the quote (`'`, `"`, `` ` `` or `'''`) at the cursor, borrowed when it holds no
/// escape; or, when it is not closed, how far it reaches (a one-line quote ends at its line's
/// end, and the lexer goes on after it).
fn quoted<'a>(cur: &mut Cursor<'a>, quote: char) -> Result<Cow<'a, str>, String> {
    let start_line = cur.line;
    let triple = quote == '\'' && cur.rest().starts_with("'''");
    cur.bump_n(if triple { 3 } else { 1 });
    let from = cur.at;
    // Stays `None` until an escape makes the value differ from the text.
    let mut owned: Option<String> = None;
    while let Some(d) = cur.peek(0) {
        if d == '\\' && !triple && cur.peek(1).is_some() {
            let value = owned.get_or_insert_with(|| cur.text[from..cur.at].to_string());
            cur.bump();
            let e = cur.peek(0).unwrap_or('\\');
            // `\uXXXX`: four hex digits, as the exporter writes control characters.
            let hex: String = cur.rest().chars().skip(1).take(4).collect();
            let code = (e == 'u' && hex.len() == 4)
                .then(|| u32::from_str_radix(&hex, 16).ok())
                .flatten()
                .and_then(char::from_u32);
            match code {
                Some(decoded) => {
                    value.push(decoded);
                    cur.bump_n(5);
                }
                None => {
                    value.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        other => other,
                    });
                    cur.bump();
                }
            }
            continue;
        }
        let ends = if triple {
            cur.rest().starts_with("'''")
        } else {
            d == quote
        };
        if ends {
            let value = match owned {
                Some(value) => Cow::Owned(value),
                None => Cow::Borrowed(&cur.text[from..cur.at]),
            };
            cur.bump_n(if triple { 3 } else { 1 });
            return Ok(if triple {
                Cow::Owned(dedent(&value))
            } else {
                value
            });
        }
        if d == '\n' && !triple && quote != '`' {
            return Err("it ends at the end of its line".to_string());
        }
        if let Some(value) = owned.as_mut() {
            value.push(d);
        }
        cur.bump();
    }
    Err(format!(
        "it swallows {}",
        lines_from(start_line, cur.line, cur.column)
    ))
}

/// What an unclosed quote or comment opened on line `first` swallows, to the end of the text at
/// `line`:`column` (column 1 there is past a final line break, not a line of its own).
fn lines_from(first: usize, line: usize, column: usize) -> String {
    let last = if column == 1 { line - 1 } else { line }.max(first);
    if first == last {
        format!("the rest of line {first}")
    } else {
        format!("{} lines, {first} to {last}", last - first + 1)
    }
}

/// A `'''` string loses its common indentation and the line breaks that open and close it.
fn dedent(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let body: Vec<&str> = lines
        .iter()
        // `get`, not slicing: a blank line of wider whitespace (U+3000) has no boundary there.
        .map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start()))
        .collect();
    body.join("\n").trim_matches('\n').to_string()
}
