//! The command-line shell: argument parsing and output, over the library.

mod advise;
mod build;
mod check;
mod deliver;
mod diff;
mod docs;
mod explain;
mod fmt;
mod load;
mod lsp;
mod openapi;
mod rule;
mod rust;
mod synth;
mod test;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit codes shared by every command.
pub(crate) mod exit {
    /// Clean (warnings allowed).
    pub const OK: u8 = 0;
    /// The policy has errors (or a test failed).
    pub const FAILED: u8 = 1;
    /// Bad usage or an unreadable file.
    pub const USAGE: u8 = 2;
}

/// Declare API-key permissions once; check them, test them, generate from them.
#[derive(Parser)]
#[command(name = "scopec", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write Rust tables, OpenAPI documents and Markdown docs for every policy.
    Build(build::Args),
    /// Parse, validate and lint policy files and report every problem.
    Check(check::Args),
    /// List the lint rules, or print one rule's documentation.
    Rule(rule::Args),
    /// Run the `test` blocks of policy files and report coverage.
    Test(test::Args),
    /// Decide one request and show why.
    Explain(explain::Args),
    /// Generate a self-contained Rust module that authorizes requests with static tables.
    Rust(rust::Args),
    /// Generate an OpenAPI document, or annotate an existing one, with the policy's security.
    Openapi(openapi::Args),
    /// Render Markdown docs for a developer portal.
    Docs(docs::Args),
    /// The smallest scope sets for the calls an integration makes (least privilege).
    Advise(advise::Args),
    /// Report what a policy change does to access: widened, narrowed, exposed, broken.
    Diff(diff::Args),
    /// Format policy files in one canonical layout (or, with `--check`, report the ones
    /// that are not).
    Fmt(fmt::Args),
    /// Write a synthetic policy of a given size (for benchmarks and scale tests).
    Synth(synth::Args),
    /// Run the language server (diagnostics, hover, navigation, completion, rename, code
    /// actions, formatting, semantic tokens) over stdio, for editors.
    Lsp(lsp::Args),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Rule(args) => rule::run(args),
        Command::Openapi(args) => openapi::run(args),
        Command::Docs(args) => docs::run(args),
        Command::Synth(args) => synth::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Advise(args) => advise::run(args),
        Command::Test(args) => test::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Rust(args) => rust::run(args),
        Command::Lsp(args) => lsp::run(args),
    };
    ExitCode::from(code)
}
