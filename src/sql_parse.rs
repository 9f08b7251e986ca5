//! The one way Schemaboard hands SQL text to sqlparser: with a recursion limit for parentheses
//! and a bound on how deep an expression tree the text can make. sqlparser reads a chain of
//! operators (`1 + 1 + 1 …`) in a loop, but builds a tree as deep as the chain is long, and
//! walking it (its spans, printing it, dropping it) recurses: fifty thousand terms overflowed
//! the stack. Text that would build a tree deeper than [`MAX_DEPTH`] is refused before parsing,
//! with the place where it gets too deep.

use sqlparser::ast::Expr;
use sqlparser::dialect::Dialect;
use sqlparser::keywords::Keyword;
use sqlparser::parser::{Parser, ParserError, ParserOptions};
use sqlparser::tokenizer::{Token, TokenWithSpan, Tokenizer};

/// The deepest expression tree read: operators in a row plus parentheses around them. Real
/// schemas stay far below (the deepest in the corpus is under 100); a walk this deep fits in a
/// 2 MiB thread stack.
pub const MAX_DEPTH: usize = 1_000;

/// How many parentheses sqlparser itself may open inside each other.
pub const MAX_PARENTHESES: usize = 64;

/// A parser over `text`, tokenized once, or the error that the text is too deep.
pub fn parser<'a>(
    dialect: &'a dyn Dialect,
    text: &str,
    options: ParserOptions,
) -> Result<Parser<'a>, ParserError> {
    // Tokens take about 90 bytes each, and each byte can be one: text too deep is refused from
    // its characters first, so a huge chain costs no memory.
    if let Some((line, column)) = too_deep_in_text(text, dialect) {
        return Err(ParserError::ParserError(format!(
            "{} at Line: {line}, Column: {column}",
            too_deep()
        )));
    }
    let tokens = Tokenizer::new(dialect, text)
        .with_unescape(options.unescape)
        .tokenize_with_location()?;
    bounded(&tokens)?;
    Ok(Parser::new(dialect)
        .with_options(options)
        .with_recursion_limit(MAX_PARENTHESES)
        .with_tokens_with_locations(tokens))
}

/// `text` as exactly one expression.
pub fn expression(dialect: &dyn Dialect, text: &str) -> Result<Expr, ParserError> {
    let mut parser = parser(dialect, text, ParserOptions::default())?;
    let expr = parser.parse_expr()?;
    parser.expect_token(&Token::EOF)?;
    Ok(expr)
}

/// Whether `token` joins or applies to the operands around it, making the tree one deeper.
fn is_operator(token: &Token) -> bool {
    match token {
        Token::Word(word) => matches!(
            word.keyword,
            Keyword::AND
                | Keyword::OR
                | Keyword::XOR
                | Keyword::NOT
                | Keyword::IS
                | Keyword::LIKE
                | Keyword::ILIKE
                | Keyword::SIMILAR
                | Keyword::REGEXP
                | Keyword::RLIKE
                | Keyword::BETWEEN
                | Keyword::IN
                | Keyword::COLLATE
                | Keyword::AT
                | Keyword::DIV
                | Keyword::MOD
                | Keyword::OVERLAPS
        ),
        Token::EOF
        | Token::Number(..)
        | Token::Char(_)
        | Token::Comma
        | Token::Whitespace(_)
        | Token::LParen
        | Token::RParen
        | Token::LBracket
        | Token::RBracket
        | Token::LBrace
        | Token::RBrace
        | Token::Period
        | Token::SemiColon
        | Token::Placeholder(_)
        | Token::SingleQuotedString(_)
        | Token::DoubleQuotedString(_)
        | Token::TripleSingleQuotedString(_)
        | Token::TripleDoubleQuotedString(_)
        | Token::DollarQuotedString(_)
        | Token::SingleQuotedByteStringLiteral(_)
        | Token::DoubleQuotedByteStringLiteral(_)
        | Token::TripleSingleQuotedByteStringLiteral(_)
        | Token::TripleDoubleQuotedByteStringLiteral(_)
        | Token::SingleQuotedRawStringLiteral(_)
        | Token::DoubleQuotedRawStringLiteral(_)
        | Token::TripleSingleQuotedRawStringLiteral(_)
        | Token::TripleDoubleQuotedRawStringLiteral(_)
        | Token::NationalStringLiteral(_)
        | Token::QuoteDelimitedStringLiteral(_)
        | Token::NationalQuoteDelimitedStringLiteral(_)
        | Token::EscapedStringLiteral(_)
        | Token::UnicodeStringLiteral(_)
        | Token::HexStringLiteral(_) => false,
        // Anything else may be an operator: counting one too many only makes the bound safer.
        _ => true,
    }
}

/// Refuses tokens that would make an expression tree deeper than [`MAX_DEPTH`], naming the
/// place where they do.
fn bounded(tokens: &[TokenWithSpan]) -> Result<(), ParserError> {
    match too_deep_at(tokens.iter().map(|t| &t.token)) {
        None => Ok(()),
        Some(index) => {
            let at = tokens[index].span.start;
            Err(ParserError::ParserError(format!(
                "{} at Line: {}, Column: {}",
                too_deep(),
                at.line,
                at.column
            )))
        }
    }
}

/// The line and column (1-based) where `text` would make an expression tree deeper than
/// [`MAX_DEPTH`], judged from its characters: quoted text and comments are skipped, a run of
/// operator characters is one operator, and the keyword operators are words. It may say less
/// than the tokens would (they are checked again), never more for text that tokenizes.
fn too_deep_in_text(text: &str, dialect: &dyn Dialect) -> Option<(usize, usize)> {
    let backslash = dialect.supports_string_literal_backslash_escape();
    let bytes = text.as_bytes();
    let mut gauge = DepthGauge::default();
    let (mut i, mut line, mut line_start) = (0usize, 1usize, 0usize);
    // The column in characters, as sqlparser counts, of byte `at` on the line from `line_start`.
    let place = |line: usize, line_start: usize, at: usize| {
        (line, text[line_start..at].chars().count() + 1)
    };
    let operator_word = |word: &str| {
        [
            "and", "or", "xor", "not", "is", "like", "ilike", "similar", "regexp", "rlike",
            "between", "in", "collate", "at", "div", "mod", "overlaps",
        ]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(word))
    };
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        match c {
            b'\n' => {
                line += 1;
                line_start = i + 1;
                i += 1;
                continue;
            }
            b'\'' | b'"' | b'`' => {
                i += 1;
                while i < bytes.len() && bytes[i] != c {
                    if bytes[i] == b'\\' && backslash && c == b'\'' {
                        i += 1;
                    }
                    if bytes.get(i) == Some(&b'\n') {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                i += 1;
                continue;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                    if bytes[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                i += 2;
                continue;
            }
            b'(' | b')' | b'[' | b']' | b',' | b';' => {
                let token = match c {
                    b'(' => Token::LParen,
                    b')' => Token::RParen,
                    b'[' => Token::LBracket,
                    b']' => Token::RBracket,
                    b',' => Token::Comma,
                    _ => Token::SemiColon,
                };
                i += 1;
                if gauge.too_deep(&token) {
                    return Some(place(line, line_start, start));
                }
                continue;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                if operator_word(&text[start..i]) && gauge.too_deep(&Token::Plus) {
                    return Some(place(line, line_start, start));
                }
                continue;
            }
            b'+' | b'-' | b'*' | b'/' | b'%' | b'|' | b'&' | b'^' | b'=' | b'<' | b'>' | b'!'
            | b'~' | b'#' | b'@' | b'?' | b':' => {
                while i < bytes.len() && b"+-*/%|&^=<>!~#@?:".contains(&bytes[i]) {
                    if bytes[i] == b'-' && bytes.get(i + 1) == Some(&b'-') {
                        break;
                    }
                    i += 1;
                }
                if gauge.too_deep(&Token::Plus) {
                    return Some(place(line, line_start, start));
                }
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        }
    }
    None
}

/// Why text deeper than [`MAX_DEPTH`] is refused.
pub fn too_deep() -> String {
    format!(
        "an expression deeper than {MAX_DEPTH} operators and parentheses, more than Schemaboard reads"
    )
}

/// The index of the first token at which the tokens would make an expression tree deeper than
/// [`MAX_DEPTH`].
pub fn too_deep_at<'t>(tokens: impl IntoIterator<Item = &'t Token>) -> Option<usize> {
    let mut gauge = DepthGauge::default();
    tokens.into_iter().position(|token| gauge.too_deep(token))
}

/// How deep an expression tree the tokens so far make where they end: each element of a list
/// (between commas) is as deep as its operators plus its deepest parenthesis. Fed one token at
/// a time; holds one entry per open parenthesis.
struct DepthGauge {
    groups: Vec<Group>,
    /// Each open group's operators, plus one per group: the depth of where we are.
    path: usize,
}

#[derive(Default)]
struct Group {
    operators: usize,
    inner: usize,
    deepest: usize,
}

impl Default for DepthGauge {
    fn default() -> Self {
        Self {
            groups: vec![Group::default()],
            path: 1,
        }
    }
}

impl DepthGauge {
    /// Takes `token`; whether the tree is now deeper than [`MAX_DEPTH`].
    fn too_deep(&mut self, token: &Token) -> bool {
        match token {
            Token::LParen | Token::LBracket => {
                self.groups.push(Group::default());
                self.path += 1;
            }
            Token::RParen | Token::RBracket if self.groups.len() > 1 => {
                let closed = self.groups.pop().unwrap_or_default();
                self.path -= closed.operators + 1;
                let depth = closed.deepest.max(closed.operators + closed.inner) + 1;
                let open = self.open();
                open.inner = open.inner.max(depth);
            }
            Token::Comma | Token::SemiColon => {
                let open = self.open();
                open.deepest = open.deepest.max(open.operators + open.inner);
                let operators = std::mem::take(&mut open.operators);
                open.inner = 0;
                self.path -= operators;
            }
            other if is_operator(other) => {
                self.open().operators += 1;
                self.path += 1;
            }
            _ => return false,
        }
        self.path + self.groups.last().map_or(0, |g| g.inner) > MAX_DEPTH
    }

    fn open(&mut self) -> &mut Group {
        self.groups.last_mut().expect("the outermost group stays")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlparser::dialect::PostgreSqlDialect;

    fn chain(terms: usize) -> String {
        vec!["(1)"; terms].join(" + ")
    }

    #[test]
    fn a_long_chain_of_operators_is_refused_before_it_is_built() {
        let d = PostgreSqlDialect {};
        let deep = expression(&d, &chain(50_000)).unwrap_err().to_string();
        assert!(deep.contains("deeper than 1000"), "{deep}");
        assert!(deep.contains("Line: 1, Column: "), "{deep}");
        let deep = expression(&d, &vec!["a"; 5_000].join(" AND ")).unwrap_err();
        assert!(deep.to_string().contains("deeper than"));
        // The characters are judged before any token is made, and quoted text is not code.
        let deep = format!("'{}'\n  + {}", "+".repeat(5_000), chain(2_000));
        assert_eq!(too_deep_in_text(&deep, &d), Some((2, 3 + 6 * 998)));
        let quoted = format!("'{}' -- {}\n", chain(2_000), chain(2_000));
        assert_eq!(too_deep_in_text(&quoted, &d), None);
        assert!(expression(&d, &quoted).is_ok());
    }

    /// What the characters say agrees with what the tokens say, on the corpus's text.
    #[test]
    fn the_text_scan_never_refuses_what_the_tokens_accept() {
        let d = PostgreSqlDialect {};
        for text in [
            "a <= b AND c <> d OR e::int >= f",
            "x = 'it''s' || \"q\"\"x\" || $$ + $$",
            "/* + + */ a -> 'b' ->> 'c' @> '{}'",
        ] {
            assert_eq!(too_deep_in_text(text, &d), None, "{text}");
        }
        let near = vec!["a <= b"; MAX_DEPTH / 2 - 5].join(" AND ");
        assert_eq!(too_deep_in_text(&near, &d), None);
        assert!(expression(&d, &near).is_ok());
    }

    #[test]
    fn the_deepest_expression_read_can_be_walked_on_a_small_stack() {
        let d = PostgreSqlDialect {};
        // Just under the bound; this test's thread has Rust's default 2 MiB stack.
        let terms = MAX_DEPTH - 5;
        let text = format!("({}) * 2", chain(terms));
        let expr = expression(&d, &text).unwrap();
        use sqlparser::ast::Spanned;
        assert!(expr.span().start.line == 1);
        assert_eq!(expr.to_string().matches('+').count(), terms - 1);
        assert!(expression(&d, &format!("({}) * 2", chain(MAX_DEPTH))).is_err());
        drop(expr);
        let wide = vec![chain(MAX_DEPTH / 4); 200].join(", ");
        let statement = format!("CREATE TABLE t (a int CHECK (a IN ({wide})))");
        let parsed = parser(&d, &statement, ParserOptions::default())
            .unwrap()
            .parse_statements();
        assert!(
            parsed.is_ok(),
            "many elements are each as deep as their own: {parsed:?}"
        );
    }
}
