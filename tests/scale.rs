//! Every family of input that once cost more than linear time, memory or output
//! (`scopec::synth::FAMILIES`) at a size that takes seconds when the cost is linear and
//! minutes or more when it is not, through everything a user runs on it: check with
//! lints, the human report, and, for a valid policy, the Rust module, the OpenAPI
//! document and the Markdown page. No timing is asserted (the benchmark measures); a
//! regression shows as a test that does not finish. Output sizes are asserted linear.

use scopec::emit::openapi::{self, Version};
use scopec::report::{FileReport, human};

/// Sizes at which a quadratic cost takes minutes in a test build.
fn size(family: &str) -> usize {
    match family {
        "and-scopes" | "suppressions" | "alias-chain" => 50_000,
        "implies-chain" | "scopes" => 5_000,
        _ => 10_000,
    }
}

/// The bytes every output of `text` takes.
fn run(text: &str) -> usize {
    let checked = scopec::check(text);
    let report = human::render_plain(FileReport { name: "f.policy", source: text, diagnostics: &checked.diagnostics });
    let mut bytes = report.len();
    if let Some(model) = &checked.model {
        bytes += scopec::emit::rust::generate(model, scopec::emit::rust::Runtime::Crate).map_or(0, |s| s.len());
        bytes += serde_json::to_string(&openapi::standalone(model, Version::V3_1)).map_or(0, |s| s.len());
        let templates = scopec::emit::markdown::registry(None).unwrap();
        bytes += scopec::emit::markdown::render(model, &templates).map_or(0, |s| s.len());
    }
    bytes
}

#[test]
fn every_family_runs_at_scale_with_output_linear_in_input() {
    for family in scopec::synth::FAMILIES {
        let n = size(family);
        let (small, large) =
            (scopec::synth::family(family, n / 10).unwrap(), scopec::synth::family(family, n).unwrap());
        let (a, b) = (run(&small), run(&large));
        // Ten times the input: at most about ten times the output (quadratic would be 100×).
        let ratio = b as f64 / a.max(1) as f64;
        assert!(ratio < 14.0, "{family}: {a} → {b} bytes of output ({ratio:.1}×)");
    }
}
