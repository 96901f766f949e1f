//! Terminal output helpers.

use std::io::IsTerminal;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

/// Standard output, in colour only when it is a terminal.
pub fn stdout() -> StandardStream {
    let color = if std::io::stdout().is_terminal() { ColorChoice::Auto } else { ColorChoice::Never };
    StandardStream::stdout(color)
}

/// Standard error, in colour only when it is a terminal.
pub fn stderr() -> StandardStream {
    let color = if std::io::stderr().is_terminal() { ColorChoice::Auto } else { ColorChoice::Never };
    StandardStream::stderr(color)
}
