//! `when` conditions on the query: the parts of a query, and the lenient reading of keys
//! and values (`crate::model::query`, shared with validation, which reads defaults the
//! same way).

pub use crate::model::query::{key_matches, value_matches};
pub use scopec_runtime::query::accepted_values;

/// The query's parts as `(key, value)` text, split on `&` and `;` (not decoded).
pub fn parts(query: &str) -> impl Iterator<Item = (&str, &str)> {
    query.split(['&', ';']).filter(|p| !p.is_empty()).map(|p| p.split_once('=').unwrap_or((p, "")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_split_on_both_separators() {
        let p: Vec<_> = parts("a=1;b&c=2&&").collect();
        assert_eq!(p, [("a", "1"), ("b", ""), ("c", "2")]);
    }
}
