//! Side-by-side: the time to decide each of a policy's test requests, for the generated
//! tables, the reference engine, matchit + bitset, Cedar and regex + HashSet.
//!
//! Run: `cargo bench -p scopec-bench --bench authorize`. Each benchmark decides every
//! request of the policy once per iteration; divan's throughput column gives decisions
//! per second, and the time columns divided by the request count give ns per decision
//! (see BENCHMARKS.md). The allocation columns come from divan's allocation profiler.

use std::collections::HashSet;
use std::hint::black_box;
use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::ItemsCount;
use scopec_bench::{Bench, Cedar, MatchitBitset, RegexHashSet, path_of};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

macro_rules! policy {
    ($module:ident, $name:literal) => {
        mod $module {
            use super::*;

            static BENCH: LazyLock<Bench> = LazyLock::new(|| Bench::load($name));

            // The module this scopec generates.
            scopec_bench::generated_module!(current, concat!(env!("OUT_DIR"), "/", $name, ".rs"));

            #[divan::bench]
            fn generated(b: Bencher) {
                let cases = current::cases(&BENCH);
                b.counter(ItemsCount::new(cases.len())).bench(|| current::decide_all(&cases));
            }

            // The module another scopec generated (`SCOPEC_BASELINE_DIR`, see build.rs),
            // measured in the same run.
            #[cfg(scopec_baseline)]
            scopec_bench::generated_module!(baseline, concat!(env!("OUT_DIR"), "/baseline_", $name, ".rs"));

            #[cfg(scopec_baseline)]
            #[divan::bench]
            fn generated_baseline(b: Bencher) {
                let cases = baseline::cases(&BENCH);
                b.counter(ItemsCount::new(cases.len())).bench(|| baseline::decide_all(&cases));
            }

            #[divan::bench]
            fn engine(b: Bencher) {
                let bench = &*BENCH;
                b.counter(ItemsCount::new(bench.requests.len())).bench(|| {
                    for r in &bench.requests {
                        black_box(scopec::engine::decide(&bench.model, black_box(r)));
                    }
                });
            }

            #[divan::bench]
            fn matchit_bitset(b: Bencher) {
                let bench = &*BENCH;
                let m = MatchitBitset::new(&bench.model);
                let cases: Vec<(String, String, Option<Vec<u64>>)> = bench
                    .requests
                    .iter()
                    .map(|r| {
                        let ids =
                            bench.effective_names(r).iter().filter_map(|n| bench.model.lookup(n)).collect::<Vec<_>>();
                        let key = r.key.as_ref().map(|_| scopec_bench::bits(m.words, ids));
                        (r.method.clone(), path_of(&r.target).to_string(), key)
                    })
                    .collect();
                b.counter(ItemsCount::new(cases.len())).bench(|| {
                    for (method, path, key) in &cases {
                        black_box(m.decide(black_box(method), black_box(path), key.as_deref()));
                    }
                });
            }

            #[divan::bench]
            fn cedar(b: Bencher) {
                let c = Cedar::new(&BENCH);
                b.counter(ItemsCount::new(c.requests.len())).bench(|| {
                    for r in &c.requests {
                        black_box(c.authorizer.is_authorized(black_box(r), &c.policies, &c.entities).decision());
                    }
                });
            }

            #[divan::bench]
            fn regex_hashset(b: Bencher) {
                let bench = &*BENCH;
                let re = RegexHashSet::new(&bench.model);
                let cases: Vec<(String, String, Option<HashSet<String>>)> = bench
                    .requests
                    .iter()
                    .map(|r| {
                        let key = r.key.as_ref().map(|_| bench.effective_names(r).into_iter().collect());
                        (r.method.clone(), path_of(&r.target).to_string(), key)
                    })
                    .collect();
                b.counter(ItemsCount::new(cases.len())).bench(|| {
                    for (method, path, key) in &cases {
                        black_box(re.decide(black_box(method), black_box(path), key.as_ref()));
                    }
                });
            }
        }
    };
}

policy!(maxcare, "maxcare");
policy!(rxscale, "rxscale");
policy!(plusmedical, "plusmedical");
policy!(synthetic_1000, "synthetic");
