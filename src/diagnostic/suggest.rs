//! "Did you mean" suggestions.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 4);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c == word || c.len().abs_diff(word.len()) > limit {
            continue;
        }
        let d = strsim::damerau_levenshtein(word, c);
        if d <= limit && best.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn near_misses_only() {
        let names = ["read:patients", "write:patients", "read:notes"];
        assert_eq!(closest("read:patient", names), Some("read:patients"));
        assert_eq!(closest("raed:notes", names), Some("read:notes"));
        assert_eq!(closest("orders_read", names), None);
    }
}
