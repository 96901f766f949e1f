//! `scopec synth --endpoints N [--apis A] [--seed S] [-o FILE]`: a synthetic policy for
//! benchmarks and scale tests.

use std::path::PathBuf;

use super::deliver;
use scopec::synth::{SynthConfig, policy};

#[derive(clap::Args)]
pub struct Args {
    /// Endpoints in total (five per resource).
    #[arg(long, default_value_t = 1_000)]
    endpoints: usize,
    /// Apis the resources are spread over.
    #[arg(long, default_value_t = 4)]
    apis: usize,
    /// Percentage of endpoints with an either-of or both-of requirement.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u8).range(0..=100))]
    expressions: u8,
    /// Percentage of read endpoints with a data rule.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u8).range(0..=100))]
    data_rules: u8,
    /// Percentage of list endpoints with a `when` condition.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u8).range(0..=100))]
    whens: u8,
    /// Test cases per resource.
    #[arg(long, default_value_t = 2)]
    tests: usize,
    /// Seed of the generator (same seed, same policy).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write here instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let text = policy(&SynthConfig {
        endpoints: args.endpoints,
        apis: args.apis,
        expressions: args.expressions,
        data_rules: args.data_rules,
        whens: args.whens,
        tests: args.tests,
        seed: args.seed,
    });
    deliver::deliver(&text, args.output.as_deref())
}
