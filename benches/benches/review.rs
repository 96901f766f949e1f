//! The pull-request gate's commands: `scopec diff` on the seeds (each against itself: the
//! whole comparison, nothing to report) and on pairs of synthetic policies of 1,000 and
//! 10,000 endpoints (seed 1 against seed 2: every expression, data rule and `when` drawn
//! again, so most endpoints change); `scopec advise` on the seeds' documented scenario and
//! on synthetic policies with a call to every tenth endpoint; `scopec fmt` on synthetic
//! policies.
//!
//! Run: `cargo bench -p scopec-bench --bench review`.

use std::hint::black_box;
use std::sync::LazyLock;

use divan::Bencher;
use scopec::Model;
use scopec::synth::{SynthConfig, policy};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [1_000, 10_000];

fn synth(n: usize, seed: u64) -> String {
    policy(&SynthConfig { endpoints: n, seed, ..SynthConfig::default() })
}

static PAIRS: LazyLock<Vec<(usize, Model, Model)>> = LazyLock::new(|| {
    SIZES
        .iter()
        .map(|n| {
            let a = scopec::compile(&synth(*n, 1)).expect("synthetic policies are valid");
            let b = scopec::compile(&synth(*n, 2)).expect("synthetic policies are valid");
            (*n, a, b)
        })
        .collect()
});

fn seed(name: &str) -> Model {
    let path = format!("{}/../policies/{name}.policy", env!("CARGO_MANIFEST_DIR"));
    scopec::compile(&std::fs::read_to_string(path).expect("the seed exists")).expect("the seeds are valid")
}

#[divan::bench(args = ["maxcare", "plusmedical", "rxscale"], sample_count = 20)]
fn diff_seed(b: Bencher, name: &str) {
    let m = seed(name);
    b.bench(|| black_box(scopec::diff::diff(black_box(&m), black_box(&m))));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn diff_synthetic(b: Bencher, n: usize) {
    let (_, old, new) = PAIRS.iter().find(|(m, _, _)| *m == n).expect("a pair of that size");
    b.bench(|| black_box(scopec::diff::diff(black_box(old), black_box(new))));
}

/// A call to every `step`-th endpoint, parameters filled in.
fn calls(model: &Model, step: usize) -> Vec<scopec::advise::Call> {
    let text: String = model
        .endpoints
        .iter()
        .step_by(step)
        .map(|e| {
            let path: Vec<String> = e
                .pattern
                .to_string()
                .split('/')
                .map(|s| if s.starts_with('{') { "x".to_string() } else { s.to_string() })
                .collect();
            format!("{} {}\n", e.method, path.join("/"))
        })
        .collect();
    scopec::advise::calls::read(&text).0
}

#[divan::bench(sample_count = 20)]
fn advise_seed(b: Bencher) {
    let m = seed("rxscale");
    let path = format!(
        "{}/../tests/fixtures/advise/rxscale-organisation-analytics-dashboard.calls",
        env!("CARGO_MANIFEST_DIR")
    );
    let (calls, _) = scopec::advise::calls::read(&std::fs::read_to_string(path).expect("the scenario exists"));
    b.bench(|| black_box(scopec::advise::advise(black_box(&m), &calls, None)));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn advise_synthetic(b: Bencher, n: usize) {
    let (_, model, _) = PAIRS.iter().find(|(m, _, _)| *m == n).expect("a policy of that size");
    let calls = calls(model, 10);
    b.bench(|| black_box(scopec::advise::advise(black_box(model), &calls, None)));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn fmt(b: Bencher, n: usize) {
    let text = synth(n, 1);
    b.bench(|| black_box(scopec::fmt::format(black_box(&text))));
}
