//! `scopec docs POLICY [-o DIR] [--templates DIR]`

use std::io::Write;
use std::path::PathBuf;

use super::{exit, load, output};
use scopec::emit::markdown;
use scopec::report::{self, FileReport};

#[derive(clap::Args)]
pub struct Args {
    /// The policy file.
    policy: PathBuf,
    /// Write `STEM.md` into this folder (atomically) instead of to standard output.
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Templates (`NAME.md.hbs`) that replace the built-in ones.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
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
    let text = match markdown::registry(args.templates.as_deref()).and_then(|hb| markdown::render(&model, &hb)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::FAILED;
        }
    };
    let result = match &args.output {
        Some(dir) => {
            let stem = args.policy.file_stem().map_or("policy".into(), |s| s.to_string_lossy().into_owned());
            let path = dir.join(format!("{stem}.md"));
            scopec::output::write_atomic(&path, text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))
        }
        None => std::io::stdout().write_all(text.as_bytes()).map_err(|e| e.to_string()),
    };
    match result {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: cannot write {e}");
            exit::USAGE
        }
    }
}
