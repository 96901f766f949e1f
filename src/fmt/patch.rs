//! The unified diff `scopec fmt --check` prints for a file that is not formatted.

/// A unified diff from `before` to `after`, with three lines of context, headed
/// `--- name` / `+++ name (formatted)`.
pub fn unified(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(name, &format!("{name} (formatted)"))
        .to_string()
}
