//! Lowering of `test` blocks.

use pest::iterators::Pair;

use super::expr::scope_expr;
use super::tokens::{field_list, scope_set, string, word};
use super::{Kids, Lower, Lowered, span};
use crate::syntax::ast::{Expectation, Scheme, TestBlock, TestCase, Text};
use crate::syntax::parser::Rule;

impl Lower {
    /// `test_block`
    pub(crate) fn test_block(&mut self, pair: Pair<'_, Rule>) -> Lowered<TestBlock> {
        let sp = span(&pair);
        let mut kids = Kids::of(pair);
        let name = string(kids.take(Rule::string)?)?;
        let mut cases = Vec::new();
        while let Some(p) = kids.take_if(Rule::test_case) {
            cases.push(test_case(p)?);
        }
        Ok(TestBlock { name, cases, span: sp })
    }
}

/// `test_case`
fn test_case(pair: Pair<'_, Rule>) -> Lowered<TestCase> {
    let sp = span(&pair);
    let mut kids = Kids::of(pair);
    let method = word(&kids.take(Rule::method)?);
    let target = target(kids.take(Rule::target)?)?;
    let api = match kids.take_if(Rule::test_api) {
        Some(p) => Some(word(&Kids::of(p).take(Rule::ident)?)),
        None => None,
    };
    let (key, kind, via) = match kids.take_if(Rule::test_key) {
        Some(p) => {
            let mut k = Kids::of(p);
            let set = scope_set(k.take(Rule::scope_set)?)?;
            let kind = match k.take_if(Rule::test_kind) {
                Some(w) => Some(word(&Kids::of(w).take(Rule::ident)?)),
                None => None,
            };
            let via = match k.take_if(Rule::test_via) {
                Some(v) => Some(test_via(v)?),
                None => None,
            };
            (Some(set), kind, via)
        }
        None => (None, None, None),
    };
    let mut grants = Vec::new();
    while let Some(p) = kids.take_if(Rule::test_grant) {
        let mut g = Kids::of(p);
        let name = word(&g.take(Rule::ident)?);
        grants.push((name, scope_set(g.take(Rule::scope_set)?)?));
    }
    let mut headers = Vec::new();
    while let Some(p) = kids.take_if(Rule::header_match) {
        let mut h = Kids::of(p);
        let name = string(h.take(Rule::string)?)?;
        headers.push((name, h.take_if(Rule::string).map(string).transpose()?));
    }
    let expect = expectation(kids.take(Rule::expectation)?)?;
    Ok(TestCase { method, target, api, key, via, kind, grants, headers, expect, span: sp })
}

/// `test_via`
fn test_via(pair: Pair<'_, Rule>) -> Lowered<Scheme> {
    let mut kids = Kids::of(pair);
    match kids.next_any() {
        Some(p) if p.as_rule() == Rule::scheme_bearer => Ok(Scheme::Bearer),
        Some(p) if p.as_rule() == Rule::scheme_header => Ok(Scheme::Header(string(Kids::of(p).take(Rule::string)?)?)),
        Some(p) if p.as_rule() == Rule::scheme_query => Ok(Scheme::Query(string(Kids::of(p).take(Rule::string)?)?)),
        Some(p) => Err(kids.unexpected(&p)),
        None => Err(kids.missing("a scheme")),
    }
}

/// `target`: a bare path or a quoted string.
fn target(pair: Pair<'_, Rule>) -> Lowered<Text> {
    let mut kids = Kids::of(pair);
    match kids.next_any() {
        Some(p) if p.as_rule() == Rule::path => {
            Ok(Text { value: p.as_str().to_string(), span: span(&p), escaped: false })
        }
        Some(p) if p.as_rule() == Rule::string => string(p),
        Some(p) => Err(kids.unexpected(&p)),
        None => Err(kids.missing("a request target")),
    }
}

/// `expectation`
fn expectation(pair: Pair<'_, Rule>) -> Lowered<Expectation> {
    let mut kids = Kids::of(pair);
    let Some(p) = kids.next_any() else {
        return Err(kids.missing("an expectation"));
    };
    let sp = span(&p);
    Ok(match p.as_rule() {
        Rule::expect_allow => {
            let (mut strip, mut mask, mut filter, mut oblige) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            let mut clauses = Kids::of(p);
            while let Some(c) = clauses.next_any() {
                match c.as_rule() {
                    Rule::expect_strip => strip.extend(field_list(Kids::of(c).take(Rule::field_list)?)),
                    Rule::expect_mask => mask.extend(field_list(Kids::of(c).take(Rule::field_list)?)),
                    Rule::expect_filter => filter.extend(Kids::of(c).inner.map(|w| word(&w))),
                    Rule::expect_oblige => oblige.extend(Kids::of(c).inner.map(|w| word(&w))),
                    _ => return Err(clauses.unexpected(&c)),
                }
            }
            Expectation::Allow { strip, mask, filter, oblige, span: sp }
        }
        Rule::expect_deny => {
            Expectation::Deny { missing: Kids::of(p).take_if(Rule::scope_expr).map(scope_expr).transpose()?, span: sp }
        }
        Rule::expect_unauthenticated => Expectation::Unauthenticated(sp),
        Rule::expect_not_found => Expectation::NotFound(sp),
        Rule::expect_method_not_allowed => Expectation::MethodNotAllowed(sp),
        Rule::expect_rejected => Expectation::Rejected(sp),
        _ => return Err(kids.unexpected(&p)),
    })
}
