//! An open document: its text as the editor has it (unsaved), and what checking it found.

use std::sync::Arc;

use lsp_types::TextDocumentContentChangeEvent;

use super::index::Index;
use super::position::LineIndex;
use crate::lint;
use crate::{Diagnostic, Model};

/// What one check of a text found.
#[derive(Debug)]
pub struct Analysis {
    pub diagnostics: Vec<Diagnostic>,
    /// The model, when the text is valid.
    pub model: Option<Model>,
    /// The names, when the text follows the grammar.
    pub index: Option<Index>,
}

impl Analysis {
    /// Checks `text` as `scopec check` does with `config`.
    pub fn of(text: &str, config: &lint::Config) -> Analysis {
        let (checked, file) = crate::check_with_tree(text, config);
        Analysis { diagnostics: checked.diagnostics, model: checked.model, index: file.as_ref().map(Index::build) }
    }
}

/// The names completion offers, kept from the last text that parsed, so that a half-typed
/// line does not empty the list.
#[derive(Debug, Default, Clone)]
pub struct Names {
    pub scopes: Vec<String>,
    pub bundles: Vec<String>,
    pub apis: Vec<String>,
    /// Every endpoint's method and full path pattern.
    pub endpoints: Vec<(String, String)>,
}

/// An open document.
#[derive(Debug)]
pub struct Document {
    pub text: String,
    pub version: i32,
    pub lines: LineIndex,
    pub analysis: Analysis,
    pub names: Arc<Names>,
}

impl Document {
    /// A document with `text`, checked.
    pub fn new(text: String, version: i32, config: &lint::Config) -> Document {
        let mut doc = Document {
            lines: LineIndex::new(&text),
            analysis: Analysis { diagnostics: Vec::new(), model: None, index: None },
            text,
            version,
            names: Arc::default(),
        };
        doc.recheck(config);
        doc
    }

    /// Applies the editor's changes in order (ranges in UTF-16 positions of the text as
    /// each change finds it; a change without a range replaces the whole text).
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, version: i32) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let span = self.lines.span(&self.text, range);
                    self.text.replace_range(span.start..span.end, &change.text);
                }
            }
            self.lines = LineIndex::new(&self.text);
        }
        self.version = version;
    }

    /// Checks the text again.
    pub fn recheck(&mut self, config: &lint::Config) {
        self.analysis = Analysis::of(&self.text, config);
        if let Some(ix) = &self.analysis.index {
            self.names = Arc::new(names(ix, self.analysis.model.as_ref()));
        }
    }
}

fn names(ix: &Index, model: Option<&Model>) -> Names {
    use super::index::Kind;
    let of = |kind: Kind| {
        let mut v: Vec<String> =
            ix.occurrences.iter().filter(|o| o.kind == kind && o.declaration).map(|o| o.name.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let (scopes, bundles, apis) = (of(Kind::Scope), of(Kind::Bundle), of(Kind::Api));
    let endpoints = match model {
        Some(m) => m.endpoints.iter().map(|e| (e.method.to_string(), e.pattern.to_string())).collect(),
        None => ix
            .endpoints
            .iter()
            .filter_map(|e| e.label.split_once(' ').map(|(m, p)| (m.to_string(), p.to_string())))
            .collect(),
    };
    Names { scopes, bundles, apis, endpoints }
}
