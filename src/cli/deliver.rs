//! Terminal output helpers.

use std::io::{IsTerminal, Write};
use std::path::Path;

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

/// Writes a command's output to `path` (atomically: all or nothing) or, without one, to
/// standard output; on failure says so on standard error and gives the exit code. A
/// reader that stops early (`scopec rust P | head`) is not a failure: like other Unix
/// tools, the command exits quietly.
pub fn deliver(text: &str, path: Option<&Path>) -> u8 {
    let written = match path {
        Some(p) => scopec::atomic::write_file(p, text.as_bytes()).map_err(|e| format!("{}: {e}", p.display())),
        None => match std::io::stdout().write_all(text.as_bytes()).and_then(|()| std::io::stdout().flush()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return super::exit::OK,
            other => other.map_err(|e| format!("standard output: {e}")),
        },
    };
    match written {
        Ok(()) => super::exit::OK,
        Err(e) => {
            eprintln!("error: cannot write {e}");
            super::exit::USAGE
        }
    }
}
