//! `scopec build`: every output of every policy, computed in memory, then written
//! atomically or compared with what is on disk.

use std::path::{Path, PathBuf};

use handlebars::Handlebars;

use crate::emit::{markdown, openapi, rust};
use crate::model::Model;

/// The default output folder.
pub const DEFAULT_OUT: &str = "generated";

/// One generated file: its path under the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: PathBuf,
    pub contents: Vec<u8>,
}

/// Why a policy's outputs could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Rust(#[from] rust::EmitError),
    #[error(transparent)]
    Docs(#[from] markdown::DocsError),
}

/// The outputs of one policy named `stem`: `rust/STEM.rs`, `openapi/STEM.openapi-3.0.yaml`,
/// `openapi/STEM.openapi-3.1.yaml` and `docs/STEM.md`.
pub fn outputs(stem: &str, model: &Model, templates: &Handlebars<'_>) -> Result<Vec<Output>, BuildError> {
    let mut out = vec![Output {
        path: Path::new("rust").join(format!("{stem}.rs")),
        contents: rust::generate(model, rust::Runtime::Crate)?.into_bytes(),
    }];
    for (version, tag) in [(openapi::Version::V3_0, "3.0"), (openapi::Version::V3_1, "3.1")] {
        let doc = openapi::standalone(model, version);
        let text = openapi::yaml::from_json(&doc);
        out.push(Output {
            path: Path::new("openapi").join(format!("{stem}.openapi-{tag}.yaml")),
            contents: text.into_bytes(),
        });
    }
    out.push(Output {
        path: Path::new("docs").join(format!("{stem}.md")),
        contents: markdown::render(model, templates)?.into_bytes(),
    });
    Ok(out)
}

/// How a file on disk compares with what `build` makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    Missing(PathBuf),
    Stale(PathBuf),
    /// A file in the output folder that no policy produces.
    Orphan(PathBuf),
}

/// Compares `outputs` with the files under `dir`.
pub fn compare(dir: &Path, outputs: &[Output]) -> Vec<Drift> {
    let mut drift = Vec::new();
    for o in outputs {
        match std::fs::read(dir.join(&o.path)) {
            Ok(bytes) if bytes == o.contents => {}
            Ok(_) => drift.push(Drift::Stale(o.path.clone())),
            Err(_) => drift.push(Drift::Missing(o.path.clone())),
        }
    }
    let mut on_disk = Vec::new();
    walk(dir, dir, &mut on_disk);
    on_disk.sort();
    for p in on_disk {
        // A temporary of an interrupted write is not an output; `build` removes it.
        let temporary = p.file_name().and_then(|n| n.to_str()).and_then(crate::atomic::temporary_of).is_some();
        if !temporary && !outputs.iter().any(|o| o.path == p) {
            drift.push(Drift::Orphan(p));
        }
    }
    drift
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(root, &p, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_path_buf());
        }
    }
}

/// Writes every output under `dir`, atomically, skipping files already up to date.
/// Returns the paths written.
pub fn write(dir: &Path, outputs: &[Output]) -> std::io::Result<Vec<PathBuf>> {
    // Temporaries a killed build left beside the outputs.
    let mut dirs: Vec<PathBuf> = outputs.iter().filter_map(|o| o.path.parent().map(|p| dir.join(p))).collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        crate::atomic::remove_stale_temporaries(d);
    }
    let mut written = Vec::new();
    for o in outputs {
        let path = dir.join(&o.path);
        if std::fs::read(&path).is_ok_and(|b| b == o.contents) {
            continue;
        }
        crate::atomic::write_file(&path, &o.contents)?;
        written.push(o.path.clone());
    }
    Ok(written)
}
