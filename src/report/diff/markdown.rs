//! The Markdown report, meant for a pull-request comment or a job summary: counts, then a
//! table per category (most serious first), details collapsed.

use super::{ChangeJson, PairReport, counts, resolved};
use crate::diff::Category;

/// Escapes text for a table cell.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace('\n', " ").replace('<', "&lt;").replace('>', "&gt;")
}

fn at(c: &ChangeJson) -> String {
    let one = |p: &super::Place| format!("`{}:{}`", p.file, p.location.line);
    match (&c.old, &c.new) {
        (_, Some(n)) => one(n),
        (Some(o), None) => format!("{} (removed)", one(o)),
        (None, None) => String::new(),
    }
}

pub fn markdown(reports: &[PairReport<'_>]) -> String {
    let changes = resolved(reports);
    let n = counts(&changes);
    let mut out = String::from("# scopec diff: what this change does to access\n\n");
    if changes.is_empty() {
        out.push_str("No change to access, data rules, keys or error bodies.\n");
        return out;
    }
    out.push_str("| breaking | widening | exposure | compatible |\n| ---: | ---: | ---: | ---: |\n");
    out.push_str(&format!(
        "| {} | {} | {} | {} |\n",
        n[Category::Breaking as usize],
        n[Category::Widening as usize],
        n[Category::Exposure as usize],
        n[Category::Compatible as usize]
    ));
    for category in [Category::Exposure, Category::Widening, Category::Breaking, Category::Compatible] {
        let these: Vec<&ChangeJson> = changes.iter().filter(|c| c.category == category).collect();
        if these.is_empty() {
            continue;
        }
        let open = if category == Category::Compatible { "" } else { " open" };
        out.push_str(&format!(
            "\n<details{open}>\n<summary><b>{}</b> ({})</summary>\n\n",
            category.as_str(),
            these.len()
        ));
        out.push_str("| code | change | where | witness |\n| --- | --- | --- | --- |\n");
        for c in these {
            out.push_str(&format!(
                "| `{}` {} | {} | {} | {} |\n",
                c.code,
                c.name,
                cell(&c.message),
                at(c),
                cell(c.witness.as_deref().unwrap_or("(none)"))
            ));
        }
        out.push_str("\n</details>\n");
    }
    out
}
