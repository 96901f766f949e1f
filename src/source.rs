//! Finding and reading policy files, with a clear error for every way that can fail.

use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest policy file scopec reads.
pub const MAX_SIZE: u64 = 32 * 1024 * 1024;

/// A policy file's name (as given on the command line) and text.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

/// Why a policy file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: no such file or directory")]
    NotFound(String),
    #[error("{path}: cannot read: {error}")]
    Io { path: String, error: std::io::Error },
    #[error(
        "{path}: not valid UTF-8 (first invalid byte at line {line}, column {column}); policy files are UTF-8 text"
    )]
    NotUtf8 { path: String, line: usize, column: usize },
    #[error("{path}: file is too large ({size} bytes; the limit is {} MiB)", MAX_SIZE / 1024 / 1024)]
    TooLarge { path: String, size: u64 },
    #[error("{0}: directory holds no `.policy` files")]
    NoPolicies(String),
}

/// Expands directories into the `.policy` files under them (sorted, recursively); files
/// are kept as given. Each path yields its files or an error.
pub fn discover(paths: &[PathBuf]) -> Vec<Result<PathBuf, LoadError>> {
    let mut out = Vec::new();
    for p in paths {
        let shown = p.display().to_string();
        match std::fs::metadata(p) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => out.push(Err(LoadError::NotFound(shown))),
            Err(error) => out.push(Err(LoadError::Io { path: shown, error })),
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                if let Err(error) = walk(p, &mut found) {
                    out.push(Err(LoadError::Io { path: shown, error }));
                    continue;
                }
                found.sort();
                if found.is_empty() {
                    out.push(Err(LoadError::NoPolicies(shown)));
                }
                out.extend(found.into_iter().map(Ok));
            }
            Ok(_) => out.push(Ok(p.clone())),
        }
    }
    out
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "policy") {
            found.push(path);
        }
    }
    Ok(())
}

/// Reads one policy file.
pub fn load(path: &Path) -> Result<Source, LoadError> {
    let name = path.display().to_string();
    let io = |error: std::io::Error| {
        if error.kind() == std::io::ErrorKind::NotFound {
            LoadError::NotFound(name.clone())
        } else {
            LoadError::Io { path: name.clone(), error }
        }
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_SIZE {
        return Err(LoadError::TooLarge { path: name, size });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_SIZE + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_SIZE {
        return Err(LoadError::TooLarge { path: name, size: bytes.len() as u64 });
    }
    from_bytes(name, bytes)
}

/// Decodes file contents as UTF-8 (a leading byte-order mark is dropped).
pub fn from_bytes(name: String, bytes: Vec<u8>) -> Result<Source, LoadError> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.replace_range(..3, "");
            }
            if let std::borrow::Cow::Owned(lf) = crate::diagnostic::position::lone_cr_as_lf(&text) {
                text = lf;
            }
            Ok(Source { name, text })
        }
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let ok = String::from_utf8_lossy(&e.as_bytes()[..bad]).into_owned();
            let (line, column) = crate::diagnostic::position::line_col(&ok, ok.len());
            Err(LoadError::NotUtf8 { path: name, line, column })
        }
    }
}
