//! `scopec lsp`: the language server, over standard input and output.

use super::exit;

#[derive(clap::Args)]
pub struct Args {
    /// Accepted for clients that pass it; the server always speaks over stdio.
    #[arg(long)]
    stdio: bool,
}

pub fn run(args: Args) -> u8 {
    let _ = args.stdio;
    match scopec::lsp::stdio() {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: {e}");
            exit::USAGE
        }
    }
}
