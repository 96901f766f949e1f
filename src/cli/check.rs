//! `scopec check [PATH…]`

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use super::exit;
use scopec::report::{self, FileReport};
use scopec::source;

#[derive(clap::Args)]
pub struct Args {
    /// Policy files or directories (searched for `*.policy`). Default: `policies/`.
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let mut io_failed = false;
    let mut sources = Vec::new();
    for found in source::discover(&super::paths_or_default(args.paths)) {
        match found.and_then(|p| source::load(&p)) {
            Ok(s) => sources.push(s),
            Err(e) => {
                eprintln!("error: {e}");
                io_failed = true;
            }
        }
    }
    let checked: Vec<_> = sources.iter().map(|s| scopec::check(&s.text)).collect();
    let reports: Vec<FileReport<'_>> = sources
        .iter()
        .zip(&checked)
        .map(|(s, c)| FileReport { name: &s.name, source: &s.text, diagnostics: &c.diagnostics })
        .collect();
    let color = if std::io::stdout().is_terminal() { ColorChoice::Auto } else { ColorChoice::Never };
    let mut out = StandardStream::stdout(color);
    if let Err(e) = report::human::write(&mut out, &reports) {
        eprintln!("error: cannot write diagnostics: {e}");
        return exit::USAGE;
    }
    let (errors, warnings) = report::counts(&reports);
    let _ = writeln!(
        out,
        "checked {} file{}: {}",
        sources.len(),
        if sources.len() == 1 { "" } else { "s" },
        report::summary(errors, warnings)
    );
    if io_failed {
        exit::USAGE
    } else if errors > 0 {
        exit::FAILED
    } else {
        exit::OK
    }
}
