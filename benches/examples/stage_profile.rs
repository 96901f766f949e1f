//! Times validation and linting of a synthetic policy (parsed once), for profilers:
//! `perf record target/release/examples/stage_profile 100000 validate`.

use std::time::Instant;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let what = std::env::args().nth(2).unwrap_or_else(|| "validate".into());
    let rounds: usize = std::env::args().nth(3).and_then(|a| a.parse().ok()).unwrap_or(5);
    let text = scopec::synth::policy(&scopec::synth::SynthConfig { endpoints: n, ..Default::default() });
    let Some(file) = scopec::syntax::parse(&text).file else { return };
    let Some(model) = scopec::check::resolve(&file).0 else { return };
    let config = scopec::lint::Config::default();
    let start = Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        found += match what.as_str() {
            "validate" => scopec::check::resolve(&file).1.len(),
            _ => scopec::lint::lint(&model, &file, &text, &config).len(),
        };
    }
    println!("{what} {n}: {:.1} ms per run ({found} findings)", start.elapsed().as_secs_f64() * 1000.0 / rounds as f64);
}
