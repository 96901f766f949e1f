//! `scopec advise POLICY --calls FILE [--key a,b,c]`: least privilege for integrators.

use std::path::PathBuf;

use super::{deliver, exit, load};

#[derive(clap::Args)]
pub struct Args {
    /// The policy.
    policy: PathBuf,
    /// The calls: `METHOD TARGET` lines, an access log (common or combined format), or
    /// JSON lines with `method` and `path` (or `url`); `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    calls: PathBuf,
    /// A key's scopes, comma-separated: say which of them the calls never needed.
    #[arg(long, value_name = "SCOPES", value_delimiter = ',')]
    key: Option<Vec<String>>,
}

pub fn run(args: Args) -> u8 {
    let (_, model) = match load::model(&args.policy) {
        Ok(m) => m,
        Err(code) => return code,
    };
    let text = if args.calls.as_os_str() == "-" {
        let mut t = String::new();
        if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut t) {
            eprintln!("error: cannot read standard input: {e}");
            return exit::USAGE;
        }
        t
    } else {
        match std::fs::read_to_string(&args.calls) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: {}: {e}", args.calls.display());
                return exit::USAGE;
            }
        }
    };
    let (calls, unreadable) = scopec::advise::calls::read(&text);
    for u in &unreadable {
        eprintln!("warning: {}:{}: not a call, skipped: {}", args.calls.display(), u.line, u.text);
    }
    if calls.is_empty() {
        eprintln!("error: {}: no calls found", args.calls.display());
        return exit::USAGE;
    }
    let advice = scopec::advise::advise(&model, &calls, args.key.as_deref());
    let code = deliver::deliver(&scopec::report::advise::human(&advice), None);
    if code != exit::OK {
        return code;
    }
    if advice.key.as_ref().is_some_and(|k| !k.denied.is_empty()) { exit::FAILED } else { exit::OK }
}
