//! The reports of `scopec diff`: human text, JSON, SARIF, GitHub annotations and a
//! Markdown pull-request comment.

mod machine;
mod markdown;
mod text;

pub use machine::{json, sarif};
pub use markdown::markdown;
pub use text::{github, human};

use serde::Serialize;

use super::LineIndex;
use super::json::Location;
use crate::diff::{Category, Change};

/// One policy's two versions and what changed between them.
#[derive(Debug, Clone, Copy)]
pub struct PairReport<'a> {
    /// The old version's name (a path, or `REF:path`) and text; empty for a new file.
    pub old_name: &'a str,
    pub old_source: &'a str,
    pub new_name: &'a str,
    pub new_source: &'a str,
    pub changes: &'a [Change],
}

/// Where a change is, in one version.
#[derive(Debug, Clone, Serialize)]
pub struct Place {
    pub file: String,
    pub location: Location,
}

/// A change with its places resolved, as the JSON report has it.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeJson {
    pub code: &'static str,
    pub name: &'static str,
    pub category: Category,
    pub level: &'static str,
    pub subject: String,
    pub message: String,
    pub witness: Option<String>,
    pub endpoints: Vec<String>,
    pub old: Option<Place>,
    pub new: Option<Place>,
}

/// Every change of every pair, with line and column.
pub fn resolved(reports: &[PairReport<'_>]) -> Vec<ChangeJson> {
    let mut out = Vec::new();
    for r in reports {
        let (oi, ni) = (LineIndex::new(r.old_source), LineIndex::new(r.new_source));
        for c in r.changes {
            out.push(ChangeJson {
                code: c.kind.code,
                name: c.kind.name,
                category: c.kind.category,
                level: c.kind.category.level(),
                subject: c.subject.clone(),
                message: c.message.clone(),
                witness: c.witness.clone(),
                endpoints: c.endpoints.clone(),
                old: c.old.map(|s| Place { file: r.old_name.to_string(), location: Location::of(s, &oi) }),
                new: c.new.map(|s| Place { file: r.new_name.to_string(), location: Location::of(s, &ni) }),
            });
        }
    }
    out
}

/// How many changes fall in each category, in [`Category::ALL`] order.
pub fn counts(changes: &[ChangeJson]) -> [usize; 4] {
    let mut n = [0; 4];
    for c in changes {
        n[c.category as usize] += 1;
    }
    n
}

/// "2 breaking, 1 widening, 0 exposure, 3 compatible"
pub fn summary(changes: &[ChangeJson]) -> String {
    let n = counts(changes);
    format!(
        "{} breaking, {} widening, {} exposure, {} compatible",
        n[Category::Breaking as usize],
        n[Category::Widening as usize],
        n[Category::Exposure as usize],
        n[Category::Compatible as usize]
    )
}
