//! Interleaved A/B timing of this scopec's generated modules against another scopec's
//! (`SCOPEC_BASELINE_DIR`, see `benches/build.rs`), for differences smaller than the
//! machine's drift: each round times both, in alternating order, and the ratio is taken
//! per round, so a slow spell of the machine weighs on both sides alike.
//!
//! Run: `SCOPEC_BASELINE_DIR=DIR cargo run --release -p scopec-bench --example ab [POLICY]`.

#[cfg(scopec_baseline)]
mod ab {
    use std::time::Instant;

    use scopec_bench::Bench;

    const ROUNDS: usize = 400;
    /// Batches per timing, so one timing lasts tens of microseconds.
    const BATCHES: usize = 50;

    fn median(v: &mut [f64]) -> f64 {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    }

    fn time(mut f: impl FnMut()) -> f64 {
        let start = Instant::now();
        for _ in 0..BATCHES {
            f();
        }
        start.elapsed().as_nanos() as f64
    }

    macro_rules! compare {
        ($module:ident, $name:literal) => {
            mod $module {
                scopec_bench::generated_module!(current, concat!(env!("OUT_DIR"), "/", $name, ".rs"));
                scopec_bench::generated_module!(baseline, concat!(env!("OUT_DIR"), "/baseline_", $name, ".rs"));

                pub fn run() {
                    let bench = super::Bench::load($name);
                    let (a, b) = (current::cases(&bench), baseline::cases(&bench));
                    let per = (a.len() * super::BATCHES) as f64;
                    let (mut ta, mut tb, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
                    for round in 0..super::ROUNDS {
                        let (x, y) = if round % 2 == 0 {
                            let x = super::time(|| current::decide_all(&a));
                            (x, super::time(|| baseline::decide_all(&b)))
                        } else {
                            let y = super::time(|| baseline::decide_all(&b));
                            (super::time(|| current::decide_all(&a)), y)
                        };
                        ta.push(x / per);
                        tb.push(y / per);
                        ratio.push(y / x);
                    }
                    println!(
                        "| {} | {:.1} | {:.1} | {:.3} |",
                        stringify!($module),
                        super::median(&mut ta),
                        super::median(&mut tb),
                        super::median(&mut ratio)
                    );
                }
            }
        };
    }

    compare!(maxcare, "maxcare");
    compare!(rxscale, "rxscale");
    compare!(plusmedical, "plusmedical");
    compare!(synthetic_1000, "synthetic");

    pub fn main() {
        println!("| policy | current ns/decision | baseline ns/decision | baseline / current (median of rounds) |");
        println!("|---|---:|---:|---:|");
        // An argument keeps only the policies whose name contains it (for a profiler run).
        let only = std::env::args().nth(1).unwrap_or_default();
        let runs: [(&str, fn()); 4] = [
            ("maxcare", maxcare::run),
            ("rxscale", rxscale::run),
            ("plusmedical", plusmedical::run),
            ("synthetic_1000", synthetic_1000::run),
        ];
        for (name, run) in runs {
            if name.contains(only.as_str()) {
                run();
            }
        }
    }
}

fn main() {
    #[cfg(scopec_baseline)]
    ab::main();
    #[cfg(not(scopec_baseline))]
    eprintln!("set SCOPEC_BASELINE_DIR to a directory of modules another scopec generated (see benches/build.rs)");
}
