//! Lowering: pest pairs to the syntax tree, one function per grammar rule, named after it.
//!
//! A pair of an unexpected shape (which the grammar should make impossible) becomes an
//! `internal` diagnostic at the pair's span; lowering never unwraps.

mod api;
mod cases;
mod expr;
mod items;
mod tokens;

use pest::iterators::{Pair, Pairs};

use super::ast::{Comment, File};
use super::parser::{Rule, is_trivia};
use crate::diagnostic::{Diagnostic, Span};

pub(crate) type Lowered<T> = Result<T, Box<Diagnostic>>;

/// Lowering state: the diagnostics that do not stop lowering (numbers out of range).
pub(crate) struct Lower {
    pub diagnostics: Vec<Diagnostic>,
}

/// Lowers the `file` pair. Items whose lowering fails are left out; their errors are kept.
pub(crate) fn file(pair: Pair<'_, Rule>) -> (File, Vec<Diagnostic>) {
    let comments = pair
        .clone()
        .into_inner()
        .flatten()
        .filter(|p| p.as_rule() == Rule::COMMENT)
        .map(|p| Comment { text: p.as_str().to_string(), span: span(&p) })
        .collect();
    let mut lower = Lower { diagnostics: Vec::new() };
    let mut items = Vec::new();
    for child in pair.into_inner().filter(|p| !is_trivia(p.as_rule())) {
        match lower.item(child) {
            Ok(item) => items.push(item),
            Err(d) => lower.diagnostics.push(*d),
        }
    }
    (File { items, comments, suppressions: Vec::new() }, lower.diagnostics)
}

/// The byte span of a pair, without the whitespace and comments pest leaves at the end of
/// a rule that ends in an optional or repeated part.
pub(crate) fn span(pair: &Pair<'_, Rule>) -> Span {
    let start = pair.as_span().start();
    let text = pair.as_str();
    let mut len = text.trim_end().len();
    let last_line = text[..len].rsplit('\n').next().unwrap_or("");
    if last_line.contains('#') {
        // Trailing comments are children of the pair; cut at the first one that ends the text.
        let comments: Vec<(usize, usize)> = pair
            .clone()
            .into_inner()
            .filter(|p| p.as_rule() == Rule::COMMENT)
            .map(|p| (p.as_span().start() - start, p.as_span().end() - start))
            .collect();
        // In order, so one pass from the back (a rescan per comment was quadratic).
        for (c_start, c_end) in comments.iter().rev() {
            if *c_end == len {
                len = text[..*c_start].trim_end().len();
            } else if *c_end < len {
                break;
            }
        }
    }
    Span::new(start, start + len)
}

type Meaningful<'i> = std::iter::Peekable<std::iter::Filter<Pairs<'i, Rule>, fn(&Pair<'i, Rule>) -> bool>>;

/// The meaningful children of a pair, read in order.
pub(crate) struct Kids<'i> {
    parent: Rule,
    span: Span,
    inner: Meaningful<'i>,
}

fn meaningful(pair: &Pair<'_, Rule>) -> bool {
    !is_trivia(pair.as_rule())
}

impl<'i> Kids<'i> {
    pub fn of(pair: Pair<'i, Rule>) -> Self {
        let parent = pair.as_rule();
        let span = span(&pair);
        let filter: fn(&Pair<'i, Rule>) -> bool = meaningful;
        Kids { parent, span, inner: pair.into_inner().filter(filter).peekable() }
    }

    /// The rule of the next child, if any.
    pub fn peek(&mut self) -> Option<Rule> {
        self.inner.peek().map(|p| p.as_rule())
    }

    /// The next child, which must be a `rule`.
    pub fn take(&mut self, rule: Rule) -> Lowered<Pair<'i, Rule>> {
        match self.inner.next() {
            Some(p) if p.as_rule() == rule => Ok(p),
            Some(p) => Err(Box::new(Diagnostic::internal(
                span(&p),
                format!("expected {rule:?} in {:?}, found {:?}", self.parent, p.as_rule()),
            ))),
            None => Err(Box::new(Diagnostic::internal(
                self.span,
                format!("expected {rule:?} in {:?}, found nothing", self.parent),
            ))),
        }
    }

    /// The next child if it is a `rule`.
    pub fn take_if(&mut self, rule: Rule) -> Option<Pair<'i, Rule>> {
        if self.peek() == Some(rule) { self.inner.next() } else { None }
    }

    /// Any next child.
    pub fn next_any(&mut self) -> Option<Pair<'i, Rule>> {
        self.inner.next()
    }

    /// An internal error for a child that no alternative expected.
    pub fn unexpected(&self, pair: &Pair<'_, Rule>) -> Box<Diagnostic> {
        Box::new(Diagnostic::internal(span(pair), format!("unexpected {:?} in {:?}", pair.as_rule(), self.parent)))
    }

    /// An internal error for a missing child.
    pub fn missing(&self, what: &str) -> Box<Diagnostic> {
        Box::new(Diagnostic::internal(self.span, format!("missing {what} in {:?}", self.parent)))
    }
}
