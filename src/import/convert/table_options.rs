//! MySQL table options (`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC`) as the
//! script wrote them, and `ALTER TABLE t ENGINE=…` applied to them: the last word on each
//! option wins, as on the server.

/// One option: its key as written (`DEFAULT CHARSET`) and its value (`utf8mb4`, `'a note'`).
#[derive(Debug, PartialEq)]
struct Option_ {
    key: String,
    value: String,
}

/// Words, `=` and `,` of an options text, quoted strings kept whole.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '=' | ',' => out.push(c.to_string()),
            '\'' | '"' | '`' => {
                let mut end = text.len();
                while let Some((at, d)) = chars.next() {
                    if d == c {
                        // A doubled quote is one quote inside the string.
                        if chars.peek().is_some_and(|(_, e)| *e == c) {
                            chars.next();
                            continue;
                        }
                        end = at + d.len_utf8();
                        break;
                    }
                }
                out.push(text[start..end].to_string());
            }
            _ => {
                let mut end = text.len();
                while let Some(&(at, d)) = chars.peek() {
                    if d.is_whitespace() || d == '=' || d == ',' || d == '\'' || d == '"' {
                        end = at;
                        break;
                    }
                    chars.next();
                }
                out.push(text[start..end].to_string());
            }
        }
    }
    out
}

/// `KEY [=] VALUE` pairs; a key is the words before `=` (or all but the last word). `None` when
/// some words are no option.
fn parse(text: &str) -> Option<Vec<Option_>> {
    let mut out = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let tokens = tokens(text);
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        if token == "," {
            i += 1;
            continue;
        }
        if token == "=" {
            if let Some(value) = tokens.get(i + 1) {
                out.push(Option_ {
                    key: words.join(" "),
                    value: value.clone(),
                });
            }
            words.clear();
            i += 2;
            continue;
        }
        words.push(token.clone());
        // Without `=`, a key of known words takes the next word as its value.
        let key = words.join(" ").to_ascii_uppercase();
        let next = tokens.get(i + 1).map(String::as_str);
        if is_key(&key) && next.is_some_and(|n| n != "=" && n != ",") {
            out.push(Option_ {
                key: words.join(" "),
                value: tokens[i + 1].clone(),
            });
            words.clear();
            i += 2;
            continue;
        }
        i += 1;
        if tokens.get(i).is_none_or(|t| t == ",") && !words.is_empty() {
            return None;
        }
    }
    Some(out)
}

fn is_key(key: &str) -> bool {
    matches!(
        canonical(key).as_str(),
        "ENGINE" | "CHARSET" | "COLLATE" | "ROW_FORMAT" | "AUTO_INCREMENT" | "COMMENT"
    )
}

/// The option's identity, whatever its spelling (`DEFAULT CHARACTER SET` is `CHARSET`).
fn canonical(key: &str) -> String {
    let key = key.to_ascii_uppercase();
    let key = key.strip_prefix("DEFAULT ").unwrap_or(&key);
    match key {
        "CHARACTER SET" | "CHARSET" => "CHARSET".to_string(),
        other => other.to_string(),
    }
}

/// `existing` with the options of `alter` (the text after `ALTER TABLE name`) applied;
/// `None` when `alter` holds something other than table options.
pub fn apply(existing: &str, alter: &str) -> Option<String> {
    let changes = parse(alter)?;
    if changes.is_empty() || changes.iter().any(|o| !is_key(&o.key)) {
        return None;
    }
    let mut options = parse(existing).unwrap_or_default();
    for change in changes {
        match options
            .iter_mut()
            .find(|o| canonical(&o.key) == canonical(&change.key))
        {
            Some(option) => option.value = change.value,
            None => options.push(change),
        }
    }
    Some(
        options
            .iter()
            .map(|o| format!("{} = {}", o.key, o.value))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

#[cfg(test)]
mod tests {
    use super::apply;

    #[test]
    fn an_altered_option_replaces_the_one_written_before() {
        assert_eq!(
            apply("ENGINE = MyISAM DEFAULT CHARSET = utf8", "engine=InnoDB").as_deref(),
            Some("ENGINE = InnoDB DEFAULT CHARSET = utf8")
        );
        assert_eq!(
            apply(
                "ENGINE = InnoDB",
                "DEFAULT CHARACTER SET latin1, ROW_FORMAT=DYNAMIC"
            )
            .as_deref(),
            Some("ENGINE = InnoDB DEFAULT CHARACTER SET = latin1 ROW_FORMAT = DYNAMIC")
        );
        assert_eq!(
            apply("", "COMMENT = 'a, b = c'").as_deref(),
            Some("COMMENT = 'a, b = c'")
        );
    }

    #[test]
    fn anything_but_options_is_not_applied() {
        assert_eq!(apply("ENGINE = InnoDB", "ADD COLUMN x int"), None);
        assert_eq!(apply("ENGINE = InnoDB", "ENGINE = InnoDB, DROP x"), None);
    }
}
