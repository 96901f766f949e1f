//! The command-line shell: argument parsing and output, over the library.

mod check;

use std::path::PathBuf;
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
    /// Parse and validate policy files and report every problem.
    Check(check::Args),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::run(args),
    };
    ExitCode::from(code)
}

/// The paths given, or `policies/` when none were.
pub(crate) fn paths_or_default(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() { vec![PathBuf::from("policies")] } else { paths }
}
