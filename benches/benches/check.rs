//! The cost of checking synthetic policies of 1,000, 10,000 and 100,000 endpoints: parse,
//! validate, lint, and all three (`scopec::check`), on one core. divan's allocation
//! profiler gives the peak heap (`max alloc`). The allocator is the `scopec` binary's
//! (mimalloc); `--features system-alloc` measures with the system's instead.
//!
//! Run: `cargo bench -p scopec-bench --bench check [--features system-alloc]`.

use std::hint::black_box;
use std::sync::LazyLock;

use divan::Bencher;
use scopec::synth::{SynthConfig, policy};

/// The allocator the `scopec` binary uses (mimalloc), or with `--features system-alloc`
/// the system's, to compare the two.
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOC: divan::AllocProfiler<mimalloc::MiMalloc> = divan::AllocProfiler::new(mimalloc::MiMalloc);

#[cfg(feature = "system-alloc")]
#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

static TEXTS: LazyLock<Vec<(usize, String)>> = LazyLock::new(|| {
    SIZES.iter().map(|n| (*n, policy(&SynthConfig { endpoints: *n, ..SynthConfig::default() }))).collect()
});

fn text(n: usize) -> &'static str {
    TEXTS.iter().find(|(m, _)| *m == n).map(|(_, t)| t.as_str()).unwrap_or("")
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn parse(b: Bencher, n: usize) {
    let t = text(n);
    b.bench(|| black_box(scopec::syntax::parse(black_box(t))));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn validate(b: Bencher, n: usize) {
    let file = scopec::syntax::parse(text(n)).file.expect("synthetic policies parse");
    b.bench(|| black_box(scopec::check::resolve(black_box(&file))));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn lint(b: Bencher, n: usize) {
    let t = text(n);
    let file = scopec::syntax::parse(t).file.expect("synthetic policies parse");
    let model = scopec::check::resolve(&file).0.expect("synthetic policies are valid");
    let config = scopec::lint::Config::default();
    b.bench(|| black_box(scopec::lint::lint(black_box(&model), &file, t, &config)));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn check_all(b: Bencher, n: usize) {
    let t = text(n);
    b.bench(|| black_box(scopec::check(black_box(t))));
}

/// The Markdown page (`scopec docs`).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn docs(b: Bencher, n: usize) {
    let model = scopec::compile(text(n)).expect("synthetic policies are valid");
    let templates = scopec::emit::markdown::registry(None).expect("the built-in templates are valid");
    b.bench(|| black_box(scopec::emit::markdown::render(black_box(&model), &templates)));
}

/// The generated Rust module (`scopec rust`). Generated tables number endpoints with
/// `u16`, so 100,000 endpoints are refused, not measured.
#[divan::bench(args = [1_000, 10_000], sample_count = 5, sample_size = 1)]
fn rust(b: Bencher, n: usize) {
    let model = scopec::compile(text(n)).expect("synthetic policies are valid");
    b.bench(|| black_box(scopec::emit::rust::generate(black_box(&model), scopec::emit::rust::Runtime::Crate)));
}

/// Every output of `scopec build` for one policy (Rust, OpenAPI 3.0 and 3.1, Markdown),
/// in memory. 100,000 endpoints exceed the Rust tables (see `rust`).
#[divan::bench(args = [1_000, 10_000], sample_count = 5, sample_size = 1)]
fn build(b: Bencher, n: usize) {
    let model = scopec::compile(text(n)).expect("synthetic policies are valid");
    let templates = scopec::emit::markdown::registry(None).expect("the built-in templates are valid");
    b.bench(|| black_box(scopec::pipeline::outputs("synthetic", black_box(&model), &templates)));
}
