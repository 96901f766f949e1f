//! `test` blocks: names, apis, grant sets and scopes are checked now; the decisions are
//! checked by `scopec test`.

use rustc_hash::FxHashMap as HashMap;

use super::ctx::Ctx;
use super::duplicate::declared_twice;
use super::expr;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::{Api, ApiId, Expected, IdVec, KEY_SET, SchemeKind, TestCase, TestSuite};
use crate::syntax::ast::{self, Expectation, File, Item, ScopeSet};

/// Resolves every test block.
pub(crate) fn tests(ctx: &mut Ctx, file: &File, apis: &IdVec<ApiId, Api>) -> Vec<TestSuite> {
    let mut out = Vec::new();
    let mut names: HashMap<&str, Span> = HashMap::default();
    for item in &file.items {
        let Item::Test(t) = item else { continue };
        if let Some(first) = names.get(t.name.value.as_str()) {
            ctx.report(declared_twice(
                codes::DUPLICATE_TEST,
                format!("test `{}`", t.name.value),
                t.name.span,
                *first,
                "give each test block its own name, so failures say which one failed",
            ));
        }
        names.entry(t.name.value.as_str()).or_insert(t.name.span);
        let cases = t.cases.iter().filter_map(|c| case(ctx, c, apis)).collect();
        out.push(TestSuite { name: t.name.value.clone(), cases, span: t.span });
    }
    out
}

fn case(ctx: &mut Ctx, c: &ast::TestCase, apis: &IdVec<ApiId, Api>) -> Option<TestCase> {
    let api = match &c.api {
        None => Ok(None),
        Some(w) => match apis.enumerate().find(|(_, a)| a.name == w.text).map(|(id, _)| id) {
            Some(i) => Ok(Some(i)),
            None => {
                let mut d = Diagnostic::error(codes::UNKNOWN_API, w.span, format!("unknown api `{}`", w.text))
                    .with_label("no such api");
                if let Some(best) = crate::diagnostic::suggest::closest(&w.text, apis.iter().map(|a| a.name.as_str())) {
                    d = d.with_help(format!("did you mean `{best}`?"));
                }
                ctx.report(d);
                Err(())
            }
        },
    };
    let key = c.key.as_ref().map(|k| scope_set(ctx, k));
    let mut ok = true;
    let kind = match &c.kind {
        Some(w) => {
            ok &= super::kinds::named(ctx, w).is_some();
            Some(w.text.clone())
        }
        None => None,
    };
    let mut grants = Vec::new();
    for (name, set) in &c.grants {
        let known = match api {
            Ok(Some(i)) => apis.get(i).is_some_and(|a| a.grant_sets().any(|s| s == name.text)),
            _ => apis.iter().any(|a| a.grant_sets().any(|s| s == name.text)),
        };
        if !known {
            ctx.report(
                Diagnostic::error(
                    codes::GRANT_SET,
                    name.span,
                    format!("no api intersects a grant set named `{}`", name.text),
                )
                .with_label("unknown grant set")
                .with_help(if name.text == KEY_SET {
                    "the key's scopes go after `with`".to_string()
                } else {
                    "name a set from the api's `effective` line".to_string()
                }),
            );
            ok = false;
        } else if grants.iter().any(|(n, _): &(String, _)| *n == name.text) {
            ctx.duplicate_setting(&format!("grant {}", name.text), set.span, name.span);
            ok = false;
        }
        match scope_set(ctx, set) {
            Some(s) => grants.push((name.text.clone(), s)),
            None => ok = false,
        }
    }
    let expected = expectation(ctx, &c.expect);
    let (api, expected) = (api.ok()?, expected?);
    let key = match key {
        Some(None) => return None,
        Some(Some(k)) => Some(k),
        None => None,
    };
    ok.then(|| TestCase {
        method: c.method.text.clone(),
        target: c.target.value.clone(),
        api,
        key,
        via: c.via.as_ref().map(|v| match v {
            ast::Scheme::Bearer => SchemeKind::Bearer,
            ast::Scheme::Header(h) => SchemeKind::Header(h.value.clone()),
            ast::Scheme::Query(q) => SchemeKind::Query(q.value.clone()),
        }),
        kind,
        grants,
        headers: c
            .headers
            .iter()
            .map(|(n, v)| (n.value.clone(), v.as_ref().map(|v| v.value.clone()).unwrap_or_default()))
            .collect(),
        expected,
        span: c.span,
        expect_span: c.expect.span(),
    })
}

/// Scope names of a key or grant set: each must be declared (a typo would silently test
/// nothing), but they stay names, as a real key holds names.
fn scope_set(ctx: &mut Ctx, set: &ScopeSet) -> Option<Vec<String>> {
    ctx.scopes(&set.scopes)?;
    Some(set.scopes.iter().map(|s| s.name.clone()).collect())
}

fn expectation(ctx: &mut Ctx, e: &Expectation) -> Option<Expected> {
    let sorted = |ws: &[ast::Word]| {
        let mut v: Vec<String> = ws.iter().map(|w| w.text.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    Some(match e {
        Expectation::Allow { strip, mask, filter, oblige, .. } => {
            Expected::Allow { strip: sorted(strip), mask: sorted(mask), filter: sorted(filter), oblige: sorted(oblige) }
        }
        Expectation::Deny { missing, .. } => Expected::Deny {
            missing: match missing {
                Some(m) => Some(expr::expr(ctx, m)?),
                None => None,
            },
        },
        Expectation::Unauthenticated(_) => Expected::Unauthenticated,
        Expectation::NotFound(_) => Expected::NotFound,
        Expectation::MethodNotAllowed(_) => Expected::MethodNotAllowed,
        Expectation::Rejected(_) => Expected::Rejected,
    })
}
