//! State shared by the validation passes: diagnostics and the scope name table.

use rustc_hash::FxHashMap as HashMap;

use crate::codes;
use crate::diagnostic::suggest::closest;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::{IdVec, Kind, RateTier, ScopeId};
use crate::syntax::ast::ScopeName;

/// How many unknown names get a "did you mean" (each costs a scan of all names).
const SUGGESTION_BUDGET: usize = 1_000;

#[derive(Default)]
pub(crate) struct Ctx {
    pub diagnostics: Vec<Diagnostic>,
    /// Scope and alias names to the scope they grant.
    pub names: HashMap<String, ScopeId>,
    /// Declared scope names, by id.
    pub scope_names: IdVec<ScopeId, String>,
    /// Declared rate-limit tiers (`rates::declare`), for the apis and endpoints naming them.
    pub rates: Vec<RateTier>,
    /// Declared key kinds (`kinds::declare`), and the span of each of their formats' prefixes.
    pub kinds: Vec<Kind>,
    pub kind_format_spans: Vec<Vec<Span>>,
    suggestions: HashMap<String, Option<String>>,
}

impl Ctx {
    pub fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Resolves a scope or alias name, reporting `E0101` when it is unknown.
    pub fn scope(&mut self, name: &ScopeName) -> Option<ScopeId> {
        if let Some(id) = self.names.get(&name.name) {
            return Some(*id);
        }
        let d = self.unknown_scope(codes::UNKNOWN_SCOPE, &name.name, name.span);
        self.report(d);
        None
    }

    /// Resolves every name of a list, reporting each unknown one.
    pub fn scopes(&mut self, names: &[ScopeName]) -> Option<Vec<ScopeId>> {
        let ids: Vec<Option<ScopeId>> = names.iter().map(|n| self.scope(n)).collect();
        ids.into_iter().collect()
    }

    /// An "unknown scope" diagnostic with a suggestion when a near name exists.
    pub fn unknown_scope(&mut self, code: &'static str, name: &str, span: Span) -> Diagnostic {
        let d = Diagnostic::error(code, span, format!("unknown scope `{name}`")).with_label("not declared");
        match self.suggest(name) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!("declare it: `scope {name} read \"what it grants\"`")),
        }
    }

    fn suggest(&mut self, name: &str) -> Option<String> {
        if let Some(s) = self.suggestions.get(name) {
            return s.clone();
        }
        if self.suggestions.len() >= SUGGESTION_BUDGET {
            return None;
        }
        let s = closest(name, self.names.keys().map(String::as_str)).map(str::to_string);
        self.suggestions.insert(name.to_string(), s.clone());
        s
    }

    /// Reports a second occurrence of a setting that may appear once.
    pub fn duplicate_setting(&mut self, what: &str, first: Span, again: Span) {
        self.report(
            Diagnostic::error(codes::DUPLICATE_SETTING, again, format!("`{what}` is set twice"))
                .with_label("set again here")
                .with_secondary(first, "first set here")
                .with_help("keep one of them"),
        );
    }
}

/// Remembers the first span of a once-only setting and reports later ones.
pub(crate) struct Once {
    what: &'static str,
    first: Option<Span>,
}

impl Once {
    pub fn new(what: &'static str) -> Self {
        Once { what, first: None }
    }

    /// True the first time; reports and returns false after.
    pub fn first(&mut self, ctx: &mut Ctx, span: Span) -> bool {
        match self.first {
            Some(first) => {
                ctx.duplicate_setting(self.what, first, span);
                false
            }
            None => {
                self.first = Some(span);
                true
            }
        }
    }
}
