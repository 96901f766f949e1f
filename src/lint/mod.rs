//! Lints: checks of a valid policy for mistakes a reviewer misses. One file per rule in
//! `rules/`, each with its documentation; one ordered table in `registry.rs`.
//!
//! Rules see the validated model and the syntax tree (for what the model resolves away:
//! the expressions as written, alias names, comments).

mod config;
mod dnf;
mod registry;
pub(crate) mod rules;
mod suppress;

pub use config::{Config, ConfigError, Level, find_config};
pub use registry::{RULES, RuleInfo, doc_markdown as registry_doc, rule};

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::{self, File};

/// Declares a rule's documentation: the doc comment is the rule's text, kept as `DOC` for
/// `scopec rule` and `docs/rules/`.
macro_rules! rule_doc {
    ($(#[doc = $doc:expr])*) => {
        $(#[doc = $doc])*
        pub(crate) const DOC: &str = concat!($($doc, "\n"),*);
    };
}
pub(crate) use rule_doc;

/// What a rule sees.
pub(crate) struct LintContext<'a> {
    pub model: &'a Model,
    pub file: &'a File,
    /// The syntax tree's endpoints, in the model's order.
    pub endpoints: Vec<&'a ast::Endpoint>,
}

impl<'a> LintContext<'a> {
    pub fn new(model: &'a Model, file: &'a File) -> Self {
        let endpoints = file
            .items
            .iter()
            .filter_map(|i| match i {
                ast::Item::Api(a) => Some(a),
                _ => None,
            })
            .flat_map(|a| {
                a.stmts.iter().filter_map(|s| match s {
                    ast::ApiStmt::Endpoint(e) => Some(e),
                    _ => None,
                })
            })
            .collect();
        LintContext { model, file, endpoints }
    }
}

/// Runs every rule not turned off by `config`, applies inline suppressions, and gives
/// each finding the severity the configuration sets.
pub fn lint(model: &Model, file: &File, source: &str, config: &Config) -> Vec<Diagnostic> {
    let ctx = LintContext::new(model, file);
    let mut found = Vec::new();
    for rule in RULES {
        if config.level(rule) == Level::Allow {
            continue;
        }
        let mut out = Vec::new();
        (rule.check)(&ctx, &mut out);
        found.append(&mut out);
    }
    let mut kept = suppress::apply(file, source, found, config);
    for d in &mut kept {
        let level = registry::rule(d.code).map_or(Level::Warn, |r| config.level(r));
        d.severity = if level == Level::Deny { Severity::Error } else { Severity::Warning };
    }
    kept.retain(|d| registry::rule(d.code).is_none_or(|r| config.level(r) != Level::Allow));
    kept
}
