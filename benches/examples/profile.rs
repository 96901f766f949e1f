//! Decides the MaxCare test requests with the generated tables in a loop, for profilers:
//! `valgrind --tool=callgrind target/release/examples/profile`.

use std::hint::black_box;

#[allow(dead_code)]
mod tables {
    include!(concat!(env!("OUT_DIR"), "/maxcare.rs"));
}

fn main() {
    let bench = scopec_bench::Bench::load("maxcare");
    let set = |names: &[String]| tables::ScopeSet::from_names(names.iter().map(String::as_str), |_| {});
    let cases: Vec<_> = bench
        .requests
        .iter()
        .map(|r| {
            let mut grants = tables::Grants::default();
            for (name, scopes) in bench.grants(r) {
                grants.set(&name, set(&scopes));
            }
            let key =
                r.key.as_ref().map(|k| tables::Key { scopes: set(&k.scopes), via: tables::Via::Accepted, kind: None });
            (r.method.clone(), r.target.clone(), key, grants)
        })
        .collect();
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let mut allowed = 0;
    for _ in 0..rounds {
        for (m, t, k, g) in &cases {
            if let tables::Decision::Allow(_) = tables::authorize(black_box(m), black_box(t), k.as_ref(), g) {
                allowed += 1;
            }
        }
    }
    println!("{allowed} allowed of {}", rounds * cases.len());
}
