//! `scopec test`: runs a policy's `test` blocks against the reference engine and measures
//! what they cover.

mod coverage;
mod describe;

pub use coverage::{Coverage, Measure, RuleCoverage};
pub use describe::{describe_decision, describe_expected, describe_request};

use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::engine::{self, Decision, Key, Request, Unlisted};
use crate::model::{Expected, Model, TestCase};

/// The result of one test case.
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub suite: usize,
    pub case: usize,
    pub decision: Decision,
    pub passed: bool,
}

/// The results of all test blocks of a policy.
#[derive(Debug, Clone)]
pub struct TestRun {
    pub cases: Vec<CaseResult>,
    pub coverage: Coverage,
}

impl TestRun {
    pub fn failed(&self) -> usize {
        self.cases.iter().filter(|c| !c.passed).count()
    }
}

/// The request a test case describes. Grant sets it does not give equal the key's scopes.
pub fn request(case: &TestCase) -> Request {
    Request {
        method: case.method.clone(),
        target: case.target.clone(),
        api: case.api,
        key: case.key.as_ref().map(|scopes| Key {
            scopes: scopes.clone(),
            via: case.via.clone(),
            kind: case.kind.clone(),
        }),
        grants: case.grants.iter().cloned().collect(),
        unlisted: Unlisted::SameAsKey,
        headers: Some(case.headers.clone()),
    }
}

/// Runs every test case of the model.
pub fn run(model: &Model) -> TestRun {
    let mut coverage = Coverage::new(model);
    let mut cases = Vec::new();
    for (s, suite) in model.tests.iter().enumerate() {
        for (c, case) in suite.cases.iter().enumerate() {
            let decision = engine::decide(model, &request(case));
            coverage.record(model, &decision);
            let passed = matches(&case.expected, &decision);
            cases.push(CaseResult { suite: s, case: c, decision, passed });
        }
    }
    TestRun { cases, coverage }
}

/// True when a decision is what a test expects.
pub fn matches(expected: &Expected, decision: &Decision) -> bool {
    match (expected, decision) {
        (Expected::Allow { strip, mask, filter, oblige }, Decision::Allow(a)) => {
            *strip == a.strip && *mask == a.mask && *filter == a.filters && *oblige == a.obligations
        }
        (Expected::Deny { missing: None }, Decision::Deny(_)) => true,
        (Expected::Deny { missing: Some(m) }, Decision::Deny(d)) => *m == d.missing,
        (Expected::Unauthenticated, Decision::Unauthenticated { .. })
        | (Expected::NotFound, Decision::NotFound)
        | (Expected::MethodNotAllowed, Decision::MethodNotAllowed { .. })
        | (Expected::Rejected, Decision::Rejected(_)) => true,
        _ => false,
    }
}

/// A diagnostic for each failed case, pointing at its expectation.
pub fn failures(model: &Model, run: &TestRun) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in run.cases.iter().filter(|r| !r.passed) {
        let suite = &model.tests[r.suite];
        let case = &suite.cases[r.case];
        let mut d = Diagnostic::error(
            codes::TEST_FAILED,
            case.expect_span,
            format!(
                "expected `{}`, got `{}`",
                describe_expected(model, &case.expected),
                describe_decision(model, &r.decision)
            ),
        )
        .with_label("this expectation does not hold")
        .with_note(format!("in test `{}`: {}", suite.name, describe_request(case)));
        if let Some(e) = r.decision.endpoint().and_then(|e| model.endpoints.get(e)) {
            let head = Span::new(e.span.start, e.path_span.end);
            d = d.with_secondary(head, format!("decided by `{}`", e.label()));
        }
        if let Decision::Deny(den) = &r.decision {
            let held: Vec<&str> = den.effective.iter().map(|s| model.scope_name(*s)).collect();
            d = d.with_note(format!(
                "effective scopes: {}",
                if held.is_empty() { "none".into() } else { held.join(", ") }
            ));
        }
        out.push(d);
    }
    out
}
