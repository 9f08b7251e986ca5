//! Escaping for the text formats we write (HTML, SVG, Markdown): one place decides how a name
//! or comment becomes harmless text.

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
    fn markup_and_quotes_become_text() {
        assert_eq!(
            super::xml("<a href=\"x\">'&'</a>\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; "
        );
    }
}
