#![doc = include_str!("../ARCHITECTURE.md")]
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod advise;
pub mod atomic;
pub mod build_script;
pub mod check;
pub mod codes;
pub mod diagnostic;
pub mod diff;
pub mod emit;
pub mod engine;
pub mod fmt;
pub mod lang;
pub mod lint;
pub mod lsp;
pub mod model;
pub mod pipeline;
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

/// Parses and validates policy source text (no lints): what generators and the engine
/// need.
pub fn validate(source: &str) -> Checked {
    let (checked, _) = validate_with_tree(source);
    checked
}

fn validate_with_tree(source: &str) -> (Checked, Option<syntax::ast::File>) {
    let parsed = syntax::parse(source);
    let mut diagnostics = parsed.diagnostics;
    let mut model = None;
    if let Some(file) = &parsed.file {
        let (m, ds) = check::resolve(file);
        diagnostics.extend(ds);
        model = m.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    }
    diagnostic::sort(&mut diagnostics);
    (Checked { model, diagnostics }, parsed.file)
}

/// Parses, validates and lints policy source text with the default rule levels.
pub fn check(source: &str) -> Checked {
    check_with(source, &lint::Config::default())
}

/// Parses, validates and lints policy source text with the given rule levels. Lint
/// findings do not withdraw the model: the policy is valid, the findings are advice (or a
/// CI gate, at `deny`).
pub fn check_with(source: &str, config: &lint::Config) -> Checked {
    check_with_tree(source, config).0
}

/// [`check_with`], and the syntax tree when the text follows the grammar (what an editor
/// navigates by, even when validation fails).
pub fn check_with_tree(source: &str, config: &lint::Config) -> (Checked, Option<syntax::ast::File>) {
    let (mut checked, file) = validate_with_tree(source);
    if let (Some(model), Some(file)) = (&checked.model, &file) {
        checked.diagnostics.extend(lint::lint(model, file, source, config));
        diagnostic::sort(&mut checked.diagnostics);
    }
    (checked, file)
}

/// Parses and validates policy source text into a model, or returns its diagnostics.
pub fn compile(source: &str) -> Result<Model, Vec<Diagnostic>> {
    let checked = validate(source);
    match checked.model {
        Some(m) => Ok(m),
        None => Err(checked.diagnostics),
    }
}
