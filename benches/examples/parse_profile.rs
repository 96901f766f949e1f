//! Parses (and optionally validates and lints) a synthetic policy, for profilers:
//! `valgrind --tool=callgrind target/release/examples/parse_profile 10000 check`.

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let what = std::env::args().nth(2).unwrap_or_else(|| "parse".into());
    let text = scopec::synth::policy(&scopec::synth::SynthConfig { endpoints: n, ..Default::default() });
    match what.as_str() {
        "parse" => println!("{}", scopec::syntax::parse(&text).file.map_or(0, |f| f.items.len())),
        _ => println!("{}", scopec::check(&text).diagnostics.len()),
    }
}
