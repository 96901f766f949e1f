//! `scopec check [PATH…]`

use std::io::Write;
use std::path::PathBuf;

use super::{exit, load, output};
use scopec::report::{self, FileReport};

#[derive(clap::Args)]
pub struct Args {
    /// Policy files or directories (searched for `*.policy`). Default: `policies/`.
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let (sources, io_failed) = load::sources(args.paths);
    let checked: Vec<_> = sources.iter().map(|s| scopec::check(&s.text)).collect();
    let reports: Vec<FileReport<'_>> = sources
        .iter()
        .zip(&checked)
        .map(|(s, c)| FileReport { name: &s.name, source: &s.text, diagnostics: &c.diagnostics })
        .collect();
    let mut out = output::stdout();
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
