//! Reading the policy files a command was given.

use std::path::PathBuf;

use scopec::Model;
use scopec::report::{self, FileReport};
use scopec::source::{self, Source};

/// Loads every policy under `paths` (default `policies/`). Problems are printed to stderr;
/// the flag says whether there were any.
pub fn sources(paths: Vec<PathBuf>) -> (Vec<Source>, bool) {
    let paths = if paths.is_empty() { vec![PathBuf::from("policies")] } else { paths };
    let mut io_failed = false;
    let mut out = Vec::new();
    for found in source::discover(&paths) {
        match found.and_then(|p| source::load(&p)) {
            Ok(s) => out.push(s),
            Err(e) => {
                eprintln!("error: {e}");
                io_failed = true;
            }
        }
    }
    (out, io_failed)
}

/// Loads exactly one policy file.
pub fn one(path: &std::path::Path) -> Result<Source, u8> {
    source::load(path).map_err(|e| {
        eprintln!("error: {e}");
        super::exit::USAGE
    })
}

/// Loads one policy file and validates it: the source and its model, or (its diagnostics
/// printed) the exit code.
pub fn model(path: &std::path::Path) -> Result<(Source, Model), u8> {
    let source = one(path)?;
    let checked = scopec::validate(&source.text);
    match checked.model {
        Some(model) => Ok((source, model)),
        None => {
            let report = FileReport { name: &source.name, source: &source.text, diagnostics: &checked.diagnostics };
            let _ = report::human::write(&mut super::deliver::stdout(), &[report]);
            Err(super::exit::FAILED)
        }
    }
}
