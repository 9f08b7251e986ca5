//! English for counts shown to people: "1 table", "2 tables", "1 index", "3 indexes".

/// `n` and `noun`, in the plural unless `n` is 1.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    let ends = |suffix: &str| noun.ends_with(suffix);
    let before_y = noun.chars().rev().nth(1);
    let plural = if ends("s") || ends("x") || ends("ch") || ends("sh") {
        format!("{noun}es")
    } else if ends("y") && before_y.is_some_and(|c| !"aeiou".contains(c)) {
        format!("{}ies", &noun[..noun.len() - 1])
    } else {
        format!("{noun}s")
    };
    format!("{n} {plural}")
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_the_rest_plural() {
        assert_eq!(count(1, "table"), "1 table");
        assert_eq!(count(0, "table"), "0 tables");
        assert_eq!(count(2, "index"), "2 indexes");
        assert_eq!(count(3, "relationship"), "3 relationships");
        assert_eq!(count(2, "entry"), "2 entries");
        assert_eq!(count(2, "key"), "2 keys");
        assert_eq!(count(1, "info"), "1 info");
    }
}
