//! `scopec rust POLICY [-o FILE]`

use std::io::Write;
use std::path::PathBuf;

use super::{exit, load, output};
use scopec::report::{self, FileReport};

#[derive(clap::Args)]
pub struct Args {
    /// The policy file.
    policy: PathBuf,
    /// Write the module here (atomically) instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let source = match load::one(&args.policy) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let checked = scopec::validate(&source.text);
    let Some(model) = checked.model else {
        let report = FileReport { name: &source.name, source: &source.text, diagnostics: &checked.diagnostics };
        let _ = report::human::write(&mut output::stdout(), &[report]);
        return exit::FAILED;
    };
    let code = match scopec::emit::rust::generate(&model) {
        Ok(c) => c,
        Err(e) => {
            let (line, col) = report::line_col(&source.text, e.span.start);
            eprintln!("error: {}:{line}:{col}: {e}", source.name);
            return exit::FAILED;
        }
    };
    match args.output {
        Some(path) => match scopec::output::write_atomic(&path, code.as_bytes()) {
            Ok(()) => exit::OK,
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                exit::USAGE
            }
        },
        None => {
            if std::io::stdout().write_all(code.as_bytes()).is_err() {
                return exit::USAGE;
            }
            exit::OK
        }
    }
}
