//! DBML's tokens, with the line and column each starts at.

/// A token.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    /// A bare word (`Table`, `varchar`, `not`), or a `"quoted"` name.
    Word(String),
    /// A `'string'` or `'''multi-line string'''`.
    Str(String),
    /// A `` `backtick expression` ``.
    Expr(String),
    /// A number, as written.
    Number(String),
    /// Punctuation: `{ } [ ] ( ) : , . > < - ~ #`, and `<>` as one.
    Punct(&'static str),
    /// A line break (significant inside table bodies).
    Newline,
    /// Where the lexer found an error (reported on its own): the element holding it fails.
    Invalid,
}

/// A token and where it starts (1-based).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Token {
    pub tok: Tok,
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

/// The tokens of `text`, and its errors. An error leaves a [`Tok::Invalid`] where it starts and
/// the lexer goes on (after the line of an unclosed one-line quote, after an unexpected
/// character), so one bad quote fails the element it is in, not the whole file.
pub(super) fn lex(text: &str) -> (Vec<Token>, Vec<LexError>) {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut errors = Vec::new();
    let (mut i, mut line, mut column) = (0usize, 1usize, 1usize);
    while i < chars.len() {
        let c = chars[i];
        let (start_line, start_column) = (line, column);
        let push = |tokens: &mut Vec<Token>, tok| {
            tokens.push(Token {
                tok,
                line: start_line,
                column: start_column,
            })
        };
        if c == '\n' {
            push(&mut tokens, Tok::Newline);
            bump(&chars, &mut i, &mut line, &mut column);
        } else if c.is_whitespace() {
            bump(&chars, &mut i, &mut line, &mut column);
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                bump(&chars, &mut i, &mut line, &mut column);
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            let mut closed = false;
            bump(&chars, &mut i, &mut line, &mut column);
            bump(&chars, &mut i, &mut line, &mut column);
            while i < chars.len() {
                if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    bump(&chars, &mut i, &mut line, &mut column);
                    bump(&chars, &mut i, &mut line, &mut column);
                    closed = true;
                    break;
                }
                bump(&chars, &mut i, &mut line, &mut column);
            }
            if !closed {
                errors.push(LexError {
                    line: start_line,
                    column: start_column,
                    message: format!(
                        "unterminated /* comment: it swallows {}",
                        lines_from(start_line, line, column)
                    ),
                });
                push(&mut tokens, Tok::Invalid);
            }
        } else if c == '\'' || c == '"' || c == '`' {
            let triple =
                c == '\'' && chars.get(i + 1) == Some(&'\'') && chars.get(i + 2) == Some(&'\'');
            let quote_len = if triple { 3 } else { 1 };
            for _ in 0..quote_len {
                bump(&chars, &mut i, &mut line, &mut column);
            }
            let mut value = String::new();
            let mut closed = false;
            while i < chars.len() {
                let d = chars[i];
                if d == '\\' && i + 1 < chars.len() && !triple {
                    bump(&chars, &mut i, &mut line, &mut column);
                    let e = chars[i];
                    // `\uXXXX`: four hex digits, as the exporter writes control characters.
                    let hex: String = chars.iter().skip(i + 1).take(4).collect();
                    let code = (e == 'u' && hex.len() == 4)
                        .then(|| u32::from_str_radix(&hex, 16).ok())
                        .flatten()
                        .and_then(char::from_u32);
                    if let Some(decoded) = code {
                        value.push(decoded);
                        for _ in 0..5 {
                            bump(&chars, &mut i, &mut line, &mut column);
                        }
                        continue;
                    }
                    value.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        other => other,
                    });
                    bump(&chars, &mut i, &mut line, &mut column);
                    continue;
                }
                let ends = if triple {
                    d == '\'' && chars.get(i + 1) == Some(&'\'') && chars.get(i + 2) == Some(&'\'')
                } else {
                    d == c
                };
                if ends {
                    for _ in 0..quote_len {
                        bump(&chars, &mut i, &mut line, &mut column);
                    }
                    closed = true;
                    break;
                }
                if d == '\n' && !triple && c != '`' {
                    break;
                }
                value.push(d);
                bump(&chars, &mut i, &mut line, &mut column);
            }
            if !closed {
                let reach = if i < chars.len() {
                    "it ends at the end of its line".to_string()
                } else {
                    format!("it swallows {}", lines_from(start_line, line, column))
                };
                errors.push(LexError {
                    line: start_line,
                    column: start_column,
                    message: format!("unterminated {c} quote: {reach}"),
                });
                push(&mut tokens, Tok::Invalid);
                continue;
            }
            let value = if triple { dedent(&value) } else { value };
            push(
                &mut tokens,
                match c {
                    '"' => Tok::Word(value),
                    '`' => Tok::Expr(value),
                    _ => Tok::Str(value),
                },
            );
        } else if c == '#' && chars.get(i + 1).is_some_and(|d| d.is_ascii_hexdigit()) {
            // A colour: `#8b5cf6`.
            let mut value = String::from("#");
            bump(&chars, &mut i, &mut line, &mut column);
            while i < chars.len() && chars[i].is_ascii_hexdigit() {
                value.push(chars[i]);
                bump(&chars, &mut i, &mut line, &mut column);
            }
            push(&mut tokens, Tok::Word(value));
        } else if c.is_ascii_digit() {
            let mut value = String::new();
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                value.push(chars[i]);
                bump(&chars, &mut i, &mut line, &mut column);
            }
            push(&mut tokens, Tok::Number(value));
        } else if c.is_alphanumeric() || c == '_' {
            let mut value = String::new();
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                value.push(chars[i]);
                bump(&chars, &mut i, &mut line, &mut column);
            }
            push(&mut tokens, Tok::Word(value));
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let punct: &'static str = match (two.as_str(), c) {
                ("<>", _) => "<>",
                (_, '{') => "{",
                (_, '}') => "}",
                (_, '[') => "[",
                (_, ']') => "]",
                (_, '(') => "(",
                (_, ')') => ")",
                (_, ':') => ":",
                (_, ',') => ",",
                (_, '.') => ".",
                (_, '>') => ">",
                (_, '<') => "<",
                (_, '-') => "-",
                (_, '~') => "~",
                (_, '#') => "#",
                _ => {
                    errors.push(LexError {
                        line,
                        column,
                        message: format!("unexpected character {c:?}"),
                    });
                    push(&mut tokens, Tok::Invalid);
                    bump(&chars, &mut i, &mut line, &mut column);
                    continue;
                }
            };
            for _ in 0..punct.chars().count() {
                bump(&chars, &mut i, &mut line, &mut column);
            }
            push(&mut tokens, Tok::Punct(punct));
        }
    }
    (tokens, errors)
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

/// Moves past the character at `i`, keeping the line and column.
fn bump(chars: &[char], i: &mut usize, line: &mut usize, column: &mut usize) {
    if chars.get(*i) == Some(&'\n') {
        *line += 1;
        *column = 1;
    } else {
        *column += 1;
    }
    *i += 1;
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
