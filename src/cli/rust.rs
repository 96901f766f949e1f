//! `scopec rust POLICY [-o FILE]`

use std::path::PathBuf;

use super::{deliver, exit, load};
use scopec::emit::rust::Runtime;
use scopec::report;

#[derive(clap::Args)]
pub struct Args {
    /// The policy file.
    policy: PathBuf,
    /// Write the module here (atomically) instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Embed the runtime's source in the module (`mod scopec_runtime`), so that it needs
    /// no `scopec-runtime` dependency.
    #[arg(long)]
    standalone: bool,
}

pub fn run(args: Args) -> u8 {
    let (source, model) = match load::model(&args.policy) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let runtime = if args.standalone { Runtime::Embedded } else { Runtime::Crate };
    let code = match scopec::emit::rust::generate(&model, runtime) {
        Ok(c) => c,
        Err(e) => {
            let (line, col) = report::line_col(&source.text, e.span.start);
            eprintln!("error: {}:{line}:{col}: {e}", source.name);
            return exit::FAILED;
        }
    };
    deliver::deliver(&code, args.output.as_deref())
}
