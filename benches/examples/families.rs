//! Time, peak heap and output size of every once-superlinear input family
//! (`scopec::synth::FAMILIES`) at n and 10·n, through check with lints, the human report
//! and, for a valid policy, the Rust module, the OpenAPI document and the Markdown page.
//! Medians of seven runs, the two sizes interleaved, on one core; the ratios are what `BENCHMARKS.md` reports.
//!
//! Run: `cargo run --release -p scopec-bench --example families [--features system-alloc]`.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use scopec::emit::openapi::{self, Version};
use scopec::report::{FileReport, human};

/// The `scopec` binary's allocator (mimalloc), or with `--features system-alloc` the
/// system's.
#[cfg(not(feature = "system-alloc"))]
static INNER: mimalloc::MiMalloc = mimalloc::MiMalloc;
#[cfg(feature = "system-alloc")]
static INNER: std::alloc::System = std::alloc::System;

/// The allocator, counting the live and the peak bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { INNER.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { INNER.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Every output of `text`, in bytes.
fn run(text: &str, templates: &handlebars::Handlebars<'_>) -> usize {
    let checked = scopec::check(text);
    let mut bytes =
        human::render_plain(FileReport { name: "f.policy", source: text, diagnostics: &checked.diagnostics }).len();
    if let Some(model) = &checked.model {
        bytes += scopec::emit::rust::generate(model, scopec::emit::rust::Runtime::Crate).map_or(0, |s| s.len());
        bytes += serde_json::to_string(&openapi::standalone(model, Version::V3_1)).map_or(0, |s| s.len());
        bytes += scopec::emit::markdown::render(model, templates).map_or(0, |s| s.len());
    }
    bytes
}

/// One run of `text`: seconds, peak heap bytes and output bytes.
fn once(text: &str, templates: &handlebars::Handlebars<'_>) -> (f64, usize, usize) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let start = Instant::now();
    let out = run(text, templates);
    let time = start.elapsed().as_secs_f64();
    (time, PEAK.load(Ordering::Relaxed) - base, out)
}

/// Median seconds, peak heap bytes and output bytes of `small` and of `large`, their runs
/// interleaved (small, large, small, …) so that a slow spell on the shared machine falls
/// on both sizes rather than on one.
fn measure(small: &str, large: &str, templates: &handlebars::Handlebars<'_>) -> [(f64, usize, usize); 2] {
    let mut times = [Vec::new(), Vec::new()];
    let mut last = [(0.0, 0, 0); 2];
    for _ in 0..RUNS {
        for (i, text) in [small, large].into_iter().enumerate() {
            last[i] = once(text, templates);
            times[i].push(last[i].0);
        }
    }
    for (i, t) in times.iter_mut().enumerate() {
        t.sort_by(f64::total_cmp);
        last[i].0 = t[RUNS / 2];
    }
    last
}

/// Runs of each size; the median is reported.
const RUNS: usize = 7;

fn main() {
    let templates = scopec::emit::markdown::registry(None).expect("the built-in templates load");
    println!("| family | n | time | peak heap | output | 10·n: input | time | peak heap | output |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    // `-- alias-chain scopes`: only the named families.
    let only: Vec<String> = std::env::args().skip(1).collect();
    for family in scopec::synth::FAMILIES.iter().filter(|f| only.is_empty() || only.iter().any(|o| o == *f)) {
        let n = match *family {
            "and-unknown" | "or-scopes" | "implies-chain" | "scopes" => 1_000,
            _ => 10_000,
        };
        let small = scopec::synth::family(family, n).expect("a family");
        let large = scopec::synth::family(family, 10 * n).expect("a family");
        let [(t1, m1, o1), (t2, m2, o2)] = measure(&small, &large, &templates);
        println!(
            "| {family} | {n} | {:.1} ms | {:.1} MB | {:.2} MB | {:.1}× | {:.1}× | {:.1}× | {:.1}× |",
            t1 * 1e3,
            m1 as f64 / 1e6,
            o1 as f64 / 1e6,
            large.len() as f64 / small.len() as f64,
            t2 / t1,
            m2 as f64 / m1 as f64,
            o2 as f64 / o1 as f64
        );
    }
}
