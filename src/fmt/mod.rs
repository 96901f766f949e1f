//! `scopec fmt`: one canonical layout for every policy.
//!
//! The formatter is a chain of plain functions over the syntax tree:
//!
//! 1. **parse**: the source to a tree and its comments (a file with syntax errors is not
//!    formatted);
//! 2. **rows** ([`rows`]): each statement to a row of cells and an optional tail;
//! 3. **print** ([`print`]): rows of one kind in a run aligned in columns, tails broken
//!    past [`print::WIDTH`] columns, blank lines kept (at most one, never after `{` or
//!    before `}`, always around blocks at the top level), and every comment put back;
//! 4. **verify** ([`verify`]): the output is parsed again and must give the same tree and
//!    the same comments, or nothing is written.
//!
//! Tokens are printed as written (strings keep their escapes, scope names their quotes);
//! only the space between them changes, plus parentheses, which are canonical: an `&`
//! chain under `|` is always parenthesized and no others are added or kept.

mod layout;
mod patch;
mod print;
mod rows;
mod text;
mod verify;

pub use patch::unified as unified_diff;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::position::lone_cr_as_lf;

/// Formats a policy. A file that does not parse gives its diagnostics instead.
pub fn format(source: &str) -> Result<String, Vec<Diagnostic>> {
    let source = &*lone_cr_as_lf(source);
    let parsed = crate::syntax::parse(source);
    let file = match parsed.file {
        Some(file) if parsed.diagnostics.is_empty() => file,
        _ => return Err(parsed.diagnostics),
    };
    let src = text::Src { text: source, comments: file.comments.iter().map(|c| c.span).collect() };
    let nodes = rows::file(&src, &file);
    let out = print::file(&src, &nodes, &file.comments);
    verify::same(&file, &out).map_err(|d| vec![*d])?;
    Ok(out)
}
