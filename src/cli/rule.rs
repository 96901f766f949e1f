//! `scopec rule [CODE]`: the rules, or one rule's documentation.

use std::io::Write;
use std::path::PathBuf;

use super::exit;
use scopec::lint::{RULES, registry_doc, rule};

#[derive(clap::Args)]
pub struct Args {
    /// A rule's code or name. Without one, every rule is listed.
    rule: Option<String>,
    /// Write the documentation of every rule into this folder (`CODE.md` and `README.md`).
    #[arg(long, value_name = "DIR", conflicts_with = "rule")]
    docs: Option<PathBuf>,
}

/// The index page of the rules.
pub fn index() -> String {
    let mut s = String::from(
        "# Lint rules\n\n`scopec check` runs these rules on valid policies. `scopec rule CODE` prints a rule's page;\nthis folder is generated from the same text (`scopec rule --docs docs/rules`).\n\n| code | name | default | what it finds |\n| --- | --- | --- | --- |\n",
    );
    for r in RULES {
        s.push_str(&format!("| [{0}]({0}.md) | `{1}` | {2} | {3} |\n", r.code, r.name, r.default.as_str(), r.summary));
    }
    s
}

pub fn run(args: Args) -> u8 {
    let mut out = std::io::stdout();
    if let Some(dir) = args.docs {
        let mut files = vec![(dir.join("README.md"), index())];
        files.extend(RULES.iter().map(|r| (dir.join(format!("{}.md", r.code)), registry_doc(r))));
        for (path, text) in files {
            if let Err(e) = scopec::atomic::write_file(&path, text.as_bytes()) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return exit::USAGE;
            }
        }
        return exit::OK;
    }
    let text = match args.rule {
        None => {
            let mut s = String::new();
            for r in RULES {
                s.push_str(&format!("{}  {:<26} {:<5} {}\n", r.code, r.name, r.default.as_str(), r.summary));
            }
            s
        }
        Some(name) => match rule(&name) {
            Some(r) => registry_doc(r),
            None => {
                eprintln!("error: no rule `{name}`; `scopec rule` lists them");
                return exit::USAGE;
            }
        },
    };
    if out.write_all(text.as_bytes()).is_err() { exit::USAGE } else { exit::OK }
}
