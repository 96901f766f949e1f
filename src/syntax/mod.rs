//! Stage 1: source text to syntax tree.

pub mod ast;
mod lower;
pub(crate) mod parser;
mod prescan;
mod suppress;

pub use prescan::MAX_DEPTH;

use crate::diagnostic::Diagnostic;

/// The result of parsing: a tree when the text follows the grammar, and every problem found.
#[derive(Debug)]
pub struct Parsed {
    pub file: Option<ast::File>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses policy source text into a syntax tree.
pub fn parse(source: &str) -> Parsed {
    // Same offsets, so spans hold for the caller's text.
    let source = &*crate::diagnostic::position::lone_cr_as_lf(source);
    if let Some(d) = prescan::prescan(source) {
        return Parsed { file: None, diagnostics: vec![d] };
    }
    match parser::parse_file(source) {
        Ok(pair) => {
            let (mut file, diagnostics) = lower::file(pair);
            file.suppressions = suppress::suppressions(&file.comments, source);
            Parsed { file: Some(file), diagnostics }
        }
        Err(d) => Parsed { file: None, diagnostics: vec![*d] },
    }
}
