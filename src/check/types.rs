//! What the rules need to know about column types and names.

use crate::model::DataType;

pub(crate) fn is_textual(t: &DataType) -> bool {
    matches!(t, DataType::Char(_) | DataType::Varchar(_) | DataType::Text)
}

pub(crate) fn is_float(t: &DataType) -> bool {
    matches!(t, DataType::Real | DataType::Double)
        || matches!(t, DataType::Raw(r) if r.eq_ignore_ascii_case("float") || r.eq_ignore_ascii_case("money") || r.eq_ignore_ascii_case("smallmoney"))
}

pub(crate) fn is_money_type(t: &DataType) -> bool {
    matches!(t, DataType::Raw(r) if r.eq_ignore_ascii_case("money") || r.eq_ignore_ascii_case("smallmoney"))
}

/// Arrays, JSON, XML, hstore, MySQL SET: types that hold many values in one field.
pub(crate) fn is_multi_valued(t: &DataType) -> bool {
    match t {
        DataType::Array(_) | DataType::Json | DataType::Jsonb => true,
        DataType::Raw(r) => {
            let r = r.to_ascii_lowercase();
            r == "xml" || r == "hstore" || r.starts_with("set(")
        }
        _ => false,
    }
}

/// Types a B-tree handles badly: multi-valued ones and large objects.
pub(crate) fn is_btree_unfriendly(t: &DataType) -> bool {
    is_multi_valued(t) || matches!(t, DataType::Blob)
}

pub(crate) fn is_temporal(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Date
            | DataType::Time
            | DataType::TimeTz
            | DataType::Timestamp
            | DataType::TimestampTz
            | DataType::Interval
    )
}

/// Lower-case words of a name: `orderItemID` and `order_item_id` both give order, item, id.
pub(crate) fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `categories` → `category`, `orders` → `order`, `boxes` → `box`, `status` → `status`.
pub(crate) fn singular(word: &str) -> String {
    let w = word.to_ascii_lowercase();
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "shes", "ches", "xes", "zzes"] {
        if w.ends_with(suffix) {
            return w[..w.len() - 2].to_string();
        }
    }
    if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || !w.ends_with('s') {
        return w;
    }
    w[..w.len() - 1].to_string()
}

/// Whether the last word of a table name reads as plural.
pub(crate) fn is_plural(name: &str) -> Option<bool> {
    let last = words(name).pop()?;
    if [
        "data", "news", "media", "staff", "series", "info", "metadata",
    ]
    .contains(&last.as_str())
    {
        return None;
    }
    Some(singular(&last) != last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_snake_and_camel_case() {
        assert_eq!(words("orderItemID"), ["order", "item", "id"]);
        assert_eq!(words("order_item_id"), ["order", "item", "id"]);
        assert_eq!(words("OrderItems"), ["order", "items"]);
    }

    #[test]
    fn singular_forms() {
        assert_eq!(singular("categories"), "category");
        assert_eq!(singular("orders"), "order");
        assert_eq!(singular("boxes"), "box");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("address"), "address");
        assert_eq!(is_plural("order_items"), Some(true));
        assert_eq!(is_plural("customer"), Some(false));
        assert_eq!(is_plural("metadata"), None);
    }
}
