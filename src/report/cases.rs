//! `scopec test` results: the human summary, JSON and JUnit XML.

use std::fmt::Write;

use serde::Serialize;

use super::json::{DiagnosticJson, Location};
use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::testing::{Measure, TestRun, describe_decision, describe_expected, describe_request};

/// The results for one policy file: its run, or the diagnostics that kept it from running.
pub struct FileResult<'a> {
    pub name: &'a str,
    pub source: &'a str,
    pub model: Option<&'a Model>,
    pub run: Option<&'a TestRun>,
    /// Validation errors, or test failures.
    pub diagnostics: &'a [Diagnostic],
    /// Coverage below `--min-coverage`, by kind.
    pub below: Vec<String>,
}

/// Coverage of one file.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageJson {
    pub endpoints: Measure,
    pub scopes: Measure,
    pub data_rules: Measure,
}

impl CoverageJson {
    pub fn of(model: &Model, run: &TestRun) -> Self {
        CoverageJson {
            endpoints: run.coverage.endpoint_measure(model),
            scopes: run.coverage.scope_measure(model),
            data_rules: run.coverage.rule_measure(model),
        }
    }
}

fn percent(m: &Measure) -> String {
    format!("{}/{} ({:.1}%)", m.covered, m.total, m.percent)
}

/// The per-suite summary and coverage of one file (diagnostics are rendered separately).
pub fn summary(r: &FileResult<'_>) -> String {
    let mut o = String::new();
    let (Some(model), Some(run)) = (r.model, r.run) else {
        let _ = writeln!(o, "{}: not run (the policy has errors)", r.name);
        return o;
    };
    let _ = writeln!(o, "{}", r.name);
    for (s, suite) in model.tests.iter().enumerate() {
        let cases: Vec<_> = run.cases.iter().filter(|c| c.suite == s).collect();
        let failed = cases.iter().filter(|c| !c.passed).count();
        let status = if failed == 0 { "ok  " } else { "FAIL" };
        let detail =
            if failed == 0 { format!("{} cases", cases.len()) } else { format!("{failed} of {} failed", cases.len()) };
        let _ = writeln!(o, "  {status} {} ({detail})", suite.name);
    }
    let c = CoverageJson::of(model, run);
    let _ = writeln!(
        o,
        "  coverage: endpoints {}, scopes {}, data rules {}",
        percent(&c.endpoints),
        percent(&c.scopes),
        percent(&c.data_rules)
    );
    for (what, m) in [("endpoints", &c.endpoints), ("scopes", &c.scopes), ("data rules", &c.data_rules)] {
        if !m.uncovered.is_empty() {
            let _ = writeln!(o, "  uncovered {what}:");
            for u in &m.uncovered {
                let _ = writeln!(o, "    {u}");
            }
        }
    }
    for b in &r.below {
        let _ = writeln!(o, "  coverage of {b} is below the minimum");
    }
    o
}

#[derive(Serialize)]
struct CaseJson {
    suite: String,
    request: String,
    expected: String,
    actual: String,
    passed: bool,
    location: Location,
}

#[derive(Serialize)]
struct FileJson {
    file: String,
    valid: bool,
    passed: usize,
    failed: usize,
    cases: Vec<CaseJson>,
    coverage: Option<CoverageJson>,
    below_min_coverage: Vec<String>,
    diagnostics: Vec<DiagnosticJson>,
}

/// Version of the JSON shape; bumped on any incompatible change.
pub const TEST_JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct RunJson {
    version: u32,
    passed: bool,
    files: Vec<FileJson>,
}

fn cases(r: &FileResult<'_>) -> Vec<CaseJson> {
    let (Some(model), Some(run)) = (r.model, r.run) else { return Vec::new() };
    let index = super::LineIndex::new(r.source);
    run.cases
        .iter()
        .map(|c| {
            let suite = &model.tests[c.suite];
            let case = &suite.cases[c.case];
            CaseJson {
                suite: suite.name.clone(),
                request: describe_request(case),
                expected: describe_expected(model, &case.expected),
                actual: describe_decision(model, &c.decision),
                passed: c.passed,
                location: Location::of(case.span, &index),
            }
        })
        .collect()
}

/// The whole run as JSON.
pub fn json(results: &[FileResult<'_>], passed: bool) -> String {
    let files = results
        .iter()
        .map(|r| {
            let cases = cases(r);
            FileJson {
                file: r.name.to_string(),
                valid: r.model.is_some(),
                passed: cases.iter().filter(|c| c.passed).count(),
                failed: cases.iter().filter(|c| !c.passed).count(),
                cases,
                coverage: r.model.zip(r.run).map(|(m, run)| CoverageJson::of(m, run)),
                below_min_coverage: r.below.clone(),
                diagnostics: {
                    let index = super::LineIndex::new(r.source);
                    r.diagnostics.iter().map(|d| DiagnosticJson::of(d, r.name, &index)).collect()
                },
            }
        })
        .collect();
    serde_json::to_string_pretty(&RunJson { version: TEST_JSON_VERSION, passed, files }).unwrap_or_default()
}

/// XML text with `&`, `<`, `>` and quotes escaped.
pub fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => o.push(c),
        }
    }
    o
}

/// The run as JUnit XML: a `<testsuite>` per test block, a `<testcase>` per request. A
/// policy that does not validate is one failing test case.
pub fn junit(results: &[FileResult<'_>]) -> String {
    let mut suites = String::new();
    let (mut total, mut failures) = (0, 0);
    for r in results {
        let (Some(model), Some(run)) = (r.model, r.run) else {
            total += 1;
            failures += 1;
            let msg = r.diagnostics.first().map(|d| format!("{}: {}", d.code, d.message)).unwrap_or_default();
            let _ = write!(
                suites,
                "  <testsuite name=\"{0}\" tests=\"1\" failures=\"1\">\n    <testcase name=\"validate\" classname=\"{0}\">\n      <failure message=\"{1}\"/>\n    </testcase>\n  </testsuite>\n",
                xml_escape(r.name),
                xml_escape(&msg)
            );
            continue;
        };
        let index = super::LineIndex::new(r.source);
        for (s, suite) in model.tests.iter().enumerate() {
            let cs: Vec<_> = run.cases.iter().filter(|c| c.suite == s).collect();
            let failed = cs.iter().filter(|c| !c.passed).count();
            total += cs.len();
            failures += failed;
            let class = format!("{}.{}", r.name, suite.name);
            let _ = writeln!(
                suites,
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\">",
                xml_escape(&class),
                cs.len()
            );
            for c in cs {
                let case = &suite.cases[c.case];
                let name = format!("{} => {}", describe_request(case), describe_expected(model, &case.expected));
                let (line, _) = index.line_col(case.span.start);
                let _ = write!(
                    suites,
                    "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{line}\"",
                    xml_escape(&name),
                    xml_escape(&class),
                    xml_escape(r.name)
                );
                if c.passed {
                    suites.push_str("/>\n");
                } else {
                    let msg = format!("got `{}`", describe_decision(model, &c.decision));
                    let _ = write!(suites, ">\n      <failure message=\"{}\"/>\n    </testcase>\n", xml_escape(&msg));
                }
            }
            suites.push_str("  </testsuite>\n");
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"scopec\" tests=\"{total}\" failures=\"{failures}\">\n{suites}</testsuites>\n"
    )
}
