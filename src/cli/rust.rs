//! `scopec rust POLICY [-o FILE]`

use std::path::PathBuf;

use super::{exit, load, output};
use scopec::report;

#[derive(clap::Args)]
pub struct Args {
    /// The policy file.
    policy: PathBuf,
    /// Write the module here (atomically) instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let (source, model) = match load::model(&args.policy) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let code = match scopec::emit::rust::generate(&model) {
        Ok(c) => c,
        Err(e) => {
            let (line, col) = report::line_col(&source.text, e.span.start);
            eprintln!("error: {}:{line}:{col}: {e}", source.name);
            return exit::FAILED;
        }
    };
    output::deliver(&code, args.output.as_deref())
}
