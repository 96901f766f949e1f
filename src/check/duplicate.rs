//! The one shape of every "declared twice" error.

use crate::diagnostic::{Diagnostic, Span};

/// `what` (e.g. "api `orders`") is declared again at `span`, first at `first`.
pub(crate) fn declared_twice(code: &'static str, what: String, span: Span, first: Span, help: &str) -> Diagnostic {
    Diagnostic::error(code, span, format!("{what} is declared twice"))
        .with_label("declared again here")
        .with_secondary(first, "first declared here")
        .with_help(help)
}
