//! `scopec docs POLICY [-o DIR] [--templates DIR]`

use std::path::PathBuf;

use super::{deliver, exit, load};
use scopec::emit::markdown;

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
    let (_, model) = match load::model(&args.policy) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let text = match markdown::registry(args.templates.as_deref()).and_then(|hb| markdown::render(&model, &hb)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::FAILED;
        }
    };
    match &args.output {
        Some(dir) => {
            let stem = args.policy.file_stem().map_or("policy".into(), |s| s.to_string_lossy().into_owned());
            deliver::deliver(&text, Some(&dir.join(format!("{stem}.md"))))
        }
        None => deliver::deliver(&text, None),
    }
}
