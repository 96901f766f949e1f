//! The server's state: the open documents, the workspace folder, and each document's lint
//! configuration (the nearest `scopec.toml`, as `scopec check` finds it).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types::Uri;

use super::document::Document;
use crate::lint;

/// Everything the server knows.
#[derive(Debug, Default)]
pub struct Workspace {
    pub documents: HashMap<String, Document>,
    /// The folder the client opened, if any.
    pub root: Option<PathBuf>,
}

/// The path of a `file:` URI (percent-decoded), if it is one.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str().strip_prefix("file://")?;
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(PathBuf::from(String::from_utf8(out).ok()?))
}

/// The `file:` URI of a path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s.parse().ok()
}

impl Workspace {
    /// The lint configuration of a document: the nearest `scopec.toml` above its file, or
    /// the defaults (also when the file is not on disk, or the configuration is invalid).
    pub fn config(uri: &Uri) -> lint::Config {
        let Some(path) = path_of(uri) else {
            return lint::Config::default();
        };
        match lint::find_config(&path) {
            Some(toml) => lint::Config::load(&toml, &path).unwrap_or_default(),
            None => lint::Config::default(),
        }
    }

    /// Every policy file of the workspace folder (recursively, skipping `target` and hidden
    /// folders), by URI, with its text: the open document's when it is open.
    pub fn policies(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> =
            self.documents.iter().map(|(uri, d)| (uri.clone(), d.text.clone())).collect();
        if let Some(root) = &self.root {
            let mut files = Vec::new();
            walk(root, &mut files, 0);
            files.sort();
            for f in files {
                let Some(uri) = uri_of(&f) else { continue };
                let key = uri.as_str().to_string();
                if self.documents.contains_key(&key) {
                    continue;
                }
                if let Ok(text) = std::fs::read_to_string(&f) {
                    out.push((key, text));
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 8 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.filter_map(Result::ok) {
        let path = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        if path.is_dir() {
            walk(&path, out, depth + 1);
        } else if name.ends_with(".policy") {
            out.push(path);
        }
    }
}
