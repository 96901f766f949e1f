//! `scopec build [PATH…] [--out DIR] [--check] [--templates DIR]`

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{deliver, exit, load};
use scopec::emit::markdown;
use scopec::pipeline::{self, Drift};
use scopec::report::{self, FileReport};

#[derive(clap::Args)]
pub struct Args {
    /// Policy files or directories (searched for `*.policy`). Default: `policies/`.
    paths: Vec<PathBuf>,
    /// The output folder.
    #[arg(long, default_value = pipeline::DEFAULT_OUT, value_name = "DIR")]
    out: PathBuf,
    /// Write nothing; exit 1 listing every output that is missing, stale or orphaned.
    #[arg(long)]
    check: bool,
    /// Markdown templates (`NAME.md.hbs`) that replace the built-in ones.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let (sources, io_failed) = load::sources(args.paths);
    if io_failed {
        return exit::USAGE;
    }
    let hb = match markdown::registry(args.templates.as_deref()) {
        Ok(hb) => hb,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    let mut out = deliver::stdout();
    let mut outputs = Vec::new();
    let mut invalid = false;
    let mut stems: Vec<String> = Vec::new();
    for s in &sources {
        let checked = scopec::validate(&s.text);
        let Some(model) = checked.model else {
            let report = FileReport { name: &s.name, source: &s.text, diagnostics: &checked.diagnostics };
            let _ = report::human::write(&mut out, &[report]);
            invalid = true;
            continue;
        };
        let stem = Path::new(&s.name).file_stem().map_or("policy".into(), |x| x.to_string_lossy().into_owned());
        if stems.contains(&stem) {
            eprintln!("error: two policies are named `{stem}`; their outputs would collide");
            return exit::USAGE;
        }
        stems.push(stem.clone());
        match pipeline::outputs(&stem, &model, &hb) {
            Ok(o) => outputs.extend(o),
            Err(e) => {
                eprintln!("error: {}: {e}", s.name);
                invalid = true;
            }
        }
    }
    if invalid {
        let _ = writeln!(out, "nothing written: fix the errors above first");
        return exit::FAILED;
    }
    if args.check {
        let drift = pipeline::compare(&args.out, &outputs);
        for d in &drift {
            let (what, p) = match d {
                Drift::Missing(p) => ("missing", p),
                Drift::Stale(p) => ("stale", p),
                Drift::Orphan(p) => ("orphaned (no policy produces it)", p),
            };
            let _ = writeln!(out, "{what}: {}", args.out.join(p).display());
        }
        if drift.is_empty() {
            let _ = writeln!(out, "{} outputs in {} are up to date", outputs.len(), args.out.display());
            return exit::OK;
        }
        let _ = writeln!(out, "run `scopec build` and commit the result");
        return exit::FAILED;
    }
    match pipeline::write(&args.out, &outputs) {
        Ok(written) => {
            for p in &written {
                let _ = writeln!(out, "wrote {}", args.out.join(p).display());
            }
            let _ = writeln!(
                out,
                "built {} into {}: {} files, {} changed",
                plural(sources.len(), "policy", "policies"),
                args.out.display(),
                outputs.len(),
                written.len()
            );
            exit::OK
        }
        Err(e) => {
            eprintln!("error: cannot write into {}: {e}", args.out.display());
            exit::USAGE
        }
    }
}

/// `1 policy`, `3 policies`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
