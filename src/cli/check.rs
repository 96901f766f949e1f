//! `scopec check [PATH…] [--format …] [--config FILE] [--deny CODE|warnings] [--allow CODE] [--warn CODE]`

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::{deliver, exit, load};
use scopec::lint::{self, Config, Level};
use scopec::report::{self, FileReport};

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
}

#[derive(clap::Args)]
pub struct Args {
    /// Policy files or directories (searched for `*.policy`). Default: `policies/`.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// The configuration file. Default: the nearest `scopec.toml` above each policy.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Report this rule (code or name) as an error; `warnings` turns every warning into one.
    #[arg(long, value_name = "CODE")]
    deny: Vec<String>,
    /// Do not report this rule (code or name).
    #[arg(long, value_name = "CODE")]
    allow: Vec<String>,
    /// Report this rule (code or name) as a warning.
    #[arg(long, value_name = "CODE")]
    warn: Vec<String>,
}

/// The rule levels for one policy: its configuration file, then the command line.
fn config_for(args: &Args, policy: &Path) -> Result<Config, String> {
    let file = args.config.clone().or_else(|| lint::find_config(policy));
    let mut config = match file {
        Some(f) => Config::load(&f, policy).map_err(|e| e.to_string())?,
        None => Config::default(),
    };
    let mut deny_warnings = false;
    for (names, level) in [(&args.allow, Level::Allow), (&args.warn, Level::Warn), (&args.deny, Level::Deny)] {
        for name in names {
            if level == Level::Deny && name == "warnings" {
                deny_warnings = true;
                continue;
            }
            config.set(name, level).map_err(|hint| format!("unknown rule `{name}`{hint}"))?;
        }
    }
    if deny_warnings {
        config.deny_warnings();
    }
    Ok(config)
}

pub fn run(args: Args) -> u8 {
    let (sources, io_failed) = load::sources(args.paths.clone());
    let mut checked = Vec::new();
    for s in &sources {
        match config_for(&args, Path::new(&s.name)) {
            Ok(config) => checked.push(scopec::check_with(&s.text, &config)),
            Err(e) => {
                eprintln!("error: {e}");
                return exit::USAGE;
            }
        }
    }
    let reports: Vec<FileReport<'_>> = sources
        .iter()
        .zip(&checked)
        .map(|(s, c)| FileReport { name: &s.name, source: &s.text, diagnostics: &c.diagnostics })
        .collect();
    let (errors, warnings) = report::counts(&reports);
    let mut out = deliver::stdout();
    let written = match args.format {
        Format::Human => report::human::write(&mut out, &reports).and_then(|()| {
            writeln!(
                out,
                "checked {} file{}: {}",
                sources.len(),
                if sources.len() == 1 { "" } else { "s" },
                report::summary(errors, warnings)
            )
        }),
        Format::Json => write!(out, "{}", report::check::json(&reports)),
        Format::Sarif => write!(out, "{}", report::sarif::render(&reports)),
        Format::Github => write!(out, "{}", report::github::render(&reports)),
        Format::Junit => write!(out, "{}", report::check::junit(&reports)),
    };
    if let Err(e) = written {
        eprintln!("error: cannot write the report: {e}");
        return exit::USAGE;
    }
    if io_failed {
        exit::USAGE
    } else if errors > 0 {
        exit::FAILED
    } else {
        exit::OK
    }
}
