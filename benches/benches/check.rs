//! The cost of checking synthetic policies of growing size (issue: scale). Filled in by
//! the linter work; for now it measures parse and validate.

fn main() {
    divan::main();
}

#[divan::bench(args = [1_000, 10_000])]
fn parse_and_validate(b: divan::Bencher, endpoints: usize) {
    let text = scopec::synth::generate(&scopec::synth::SynthConfig { endpoints, ..Default::default() });
    b.bench(|| divan::black_box(scopec::check(divan::black_box(&text))));
}
