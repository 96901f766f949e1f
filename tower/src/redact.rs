//! Applying `strip` and `mask` to a JSON value by field path.
//!
//! A path is names joined by `.`, a name optionally followed by `[]` (validation refuses
//! anything else, `E0209`). Arrays are transparent at every step: a rule applies to each
//! element of a list response, and to each element of an array it passes through, whether
//! or not the path writes `[]` there. So a rule reaches the field wherever the response
//! nests it under the path's names.

use serde_json::Value;

/// What to do at the end of a path.
#[derive(Debug, Clone, Copy)]
pub enum Edit<'a> {
    /// Remove the field.
    Strip,
    /// Replace the field's value.
    Mask(&'a Value),
}

/// Applies `edit` to every field `path` reaches in `value`. Returns how many fields it
/// changed.
pub fn apply(value: &mut Value, path: &str, edit: Edit<'_>) -> usize {
    match value {
        Value::Array(items) => items.iter_mut().map(|item| apply(item, path, edit)).sum(),
        Value::Object(map) => {
            let (segment, rest) = path.split_once('.').unwrap_or((path, ""));
            let name = segment.trim_end_matches("[]");
            if rest.is_empty() {
                match edit {
                    Edit::Strip => usize::from(map.shift_remove(name).is_some()),
                    Edit::Mask(with) => match map.get_mut(name) {
                        Some(v) => {
                            *v = with.clone();
                            1
                        }
                        None => 0,
                    },
                }
            } else {
                map.get_mut(name).map_or(0, |child| apply(child, rest, edit))
            }
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn strips_and_masks_through_objects_and_arrays() {
        let mut v = json!({
            "id": "o1",
            "prescription": {"drug": "x"},
            "contact": {"email": "a@b", "phone": "1"},
            "items": [{"sku": "s", "price": 3}, {"sku": "t", "price": 4}, "odd"],
        });
        assert_eq!(apply(&mut v, "prescription", Edit::Strip), 1);
        assert_eq!(apply(&mut v, "contact.email", Edit::Mask(&json!("***"))), 1);
        assert_eq!(apply(&mut v, "items[].price", Edit::Strip), 2);
        assert_eq!(apply(&mut v, "missing.field", Edit::Strip), 0);
        assert_eq!(
            v,
            json!({
                "id": "o1",
                "contact": {"email": "***", "phone": "1"},
                "items": [{"sku": "s"}, {"sku": "t"}, "odd"],
            })
        );
        // A list response, and an array the path does not mark.
        let mut list = json!([{"email": "a", "n": [{"email": "b"}]}, {"email": "c"}]);
        assert_eq!(apply(&mut list, "email", Edit::Strip), 2);
        assert_eq!(apply(&mut list, "n.email", Edit::Strip), 1);
        assert_eq!(list, json!([{"n": [{}]}, {}]));
    }
}
