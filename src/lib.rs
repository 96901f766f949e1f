#![doc = include_str!("../ARCHITECTURE.md")]
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod build;
pub mod check;
pub mod codes;
pub mod diagnostic;
pub mod emit;
pub mod engine;
pub mod generate;
pub mod model;
pub mod output;
pub mod report;
pub mod source;
pub mod syntax;
pub mod synth;
pub mod testing;

pub use diagnostic::{Diagnostic, Severity, Span};
pub use model::Model;

/// A checked policy: the model when it is valid, and every diagnostic, sorted by position.
#[derive(Debug)]
pub struct Checked {
    pub model: Option<Model>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses and validates policy source text.
pub fn check(source: &str) -> Checked {
    let parsed = syntax::parse(source);
    let mut diagnostics = parsed.diagnostics;
    let mut model = None;
    if let Some(file) = parsed.file {
        let (m, ds) = check::resolve(&file);
        diagnostics.extend(ds);
        model = m.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    }
    diagnostic::sort(&mut diagnostics);
    Checked { model, diagnostics }
}

/// Parses and validates policy source text into a model, or returns its diagnostics.
pub fn compile(source: &str) -> Result<Model, Vec<Diagnostic>> {
    let checked = check(source);
    match checked.model {
        Some(m) if !checked.has_errors() => Ok(m),
        _ => Err(checked.diagnostics),
    }
}
