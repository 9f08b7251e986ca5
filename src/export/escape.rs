//! Escaping for the text formats we write (SQL comments, HTML, SVG, Markdown): one place
//! decides how a name or comment becomes harmless text.

/// `text` as the body of an SQL `-- …` comment line: no line break (or any other control
/// character, or a Unicode line separator) can end the comment and start code, and no `*/` can
/// close a block comment around it.
pub fn sql_comment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push(' '),
            '/' if out.ends_with('*') => out.push_str(" /"),
            c => out.push(c),
        }
    }
    out
}

/// Appends `c` escaped for XML and HTML content and double- or single-quoted attributes;
/// control characters (not allowed in XML 1.0) become spaces.
pub fn push_xml(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c if (c as u32) < 0x20 && c != '\t' && c != '\n' => out.push(' '),
        c => out.push(c),
    }
}

/// `text` escaped for XML and HTML.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_xml(&mut out, c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn nothing_ends_an_sql_comment() {
        let hostile = "a\nDROP TABLE victim;\r\u{0}\u{85}\u{2028}b */ c\u{b}\u{c}";
        let line = super::sql_comment(hostile);
        assert!(!line.chars().any(|c| c.is_control()), "{line:?}");
        assert!(!line.contains("*/"), "{line:?}");
        assert_eq!(line, "a DROP TABLE victim;    b * / c  ");
    }

    #[test]
    fn markup_and_quotes_become_text() {
        assert_eq!(
            super::xml("<a href=\"x\">'&'</a>\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; "
        );
    }
}
