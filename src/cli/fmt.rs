//! `scopec fmt [PATH…] [--check]`, and `scopec fmt -` (standard input to standard output).

use std::io::{Read, Write};
use std::path::PathBuf;

use super::{deliver, exit, load};
use scopec::report::{self, FileReport};

#[derive(clap::Args)]
pub struct Args {
    /// Policy files or directories (searched for `*.policy`); `-` reads standard input and
    /// writes the formatted text to standard output. Default: `policies/`.
    paths: Vec<PathBuf>,
    /// Change nothing: print a diff for every file that is not formatted and exit 1.
    #[arg(long)]
    check: bool,
    /// The name standard input is reported under.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    stdin_filename: String,
}

pub fn run(args: Args) -> u8 {
    if args.paths.len() == 1 && args.paths[0].as_os_str() == "-" {
        return stdin(&args);
    }
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        eprintln!("error: `-` (standard input) cannot be combined with other paths");
        return exit::USAGE;
    }
    let (sources, io_failed) = load::sources(args.paths.clone());
    let mut failed = false;
    let mut unformatted = 0;
    for source in &sources {
        let formatted = match format(&source.name, &source.text) {
            Some(f) => f,
            None => {
                failed = true;
                continue;
            }
        };
        if formatted == source.text {
            continue;
        }
        if args.check {
            unformatted += 1;
            let diff = scopec::fmt::unified_diff(&source.name, &source.text, &formatted);
            if deliver::deliver(&diff, None) != exit::OK {
                return exit::USAGE;
            }
        } else if let Err(e) = scopec::atomic::write_file(source.name.as_ref(), formatted.as_bytes()) {
            eprintln!("error: cannot write {}: {e}", source.name);
            return exit::USAGE;
        } else {
            eprintln!("formatted {}", source.name);
        }
    }
    if args.check && unformatted > 0 {
        eprintln!("{unformatted} of {} files are not formatted (run `scopec fmt` to format them)", sources.len());
    }
    if io_failed {
        exit::USAGE
    } else if failed || unformatted > 0 {
        exit::FAILED
    } else {
        exit::OK
    }
}

/// Formats one text, printing its diagnostics to standard error when it does not parse.
fn format(name: &str, text: &str) -> Option<String> {
    match scopec::fmt::format(text) {
        Ok(f) => Some(f),
        Err(diagnostics) => {
            let report = FileReport { name, source: text, diagnostics: &diagnostics };
            let _ = report::human::write(&mut deliver::stderr(), &[report]);
            None
        }
    }
}

fn stdin(args: &Args) -> u8 {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("error: cannot read standard input: {e}");
        return exit::USAGE;
    }
    let Some(formatted) = format(&args.stdin_filename, &text) else { return exit::FAILED };
    if args.check {
        if formatted == text {
            return exit::OK;
        }
        let diff = scopec::fmt::unified_diff(&args.stdin_filename, &text, &formatted);
        let _ = std::io::stdout().write_all(diff.as_bytes());
        return exit::FAILED;
    }
    deliver::deliver(&formatted, None)
}
