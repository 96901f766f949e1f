//! `scopec test [PATH…]`

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{deliver, exit, load};
use scopec::report::cases::{self as render, FileResult};
use scopec::report::{self, FileReport};
use scopec::testing;

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Junit,
}

#[derive(clap::Args)]
pub struct Args {
    /// Policy files or directories (searched for `*.policy`). Default: `policies/`.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Fail when endpoint, scope or data-rule coverage of any file is below this percentage.
    #[arg(long, value_name = "PCT", value_parser = percentage)]
    min_coverage: Option<f64>,
}

fn percentage(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim_end_matches('%').parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=100.0).contains(&v) { Ok(v) } else { Err(format!("`{s}` is not between 0 and 100")) }
}

pub fn run(args: Args) -> u8 {
    let (sources, io_failed) = load::sources(args.paths);
    let checked: Vec<_> = sources.iter().map(|s| scopec::validate(&s.text)).collect();
    let runs: Vec<_> = checked.iter().map(|c| c.model.as_ref().map(testing::run)).collect();
    let diagnostics: Vec<_> = checked
        .iter()
        .zip(&runs)
        .map(|(c, run)| match (&c.model, run) {
            (Some(m), Some(r)) => testing::failures(m, r),
            _ => c.diagnostics.iter().filter(|d| d.is_error()).cloned().collect(),
        })
        .collect();
    let mut results = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        let model = checked[i].model.as_ref();
        let run = runs[i].as_ref();
        let mut below = Vec::new();
        if let (Some(min), Some(m), Some(r)) = (args.min_coverage, model, run) {
            let c = render::CoverageJson::of(m, r);
            for (what, measure) in [("endpoints", &c.endpoints), ("scopes", &c.scopes), ("data rules", &c.data_rules)] {
                if measure.percent + 1e-9 < min {
                    below.push(format!("{what} ({:.1}% < {min}%)", measure.percent));
                }
            }
        }
        results.push(FileResult { name: &s.name, source: &s.text, model, run, diagnostics: &diagnostics[i], below });
    }
    let failed = results.iter().any(|r| r.model.is_none() || !r.diagnostics.is_empty() || !r.below.is_empty());
    let mut out = deliver::stdout();
    let written = match args.format {
        Format::Json => writeln!(out, "{}", render::json(&results, !failed && !io_failed)),
        Format::Junit => write!(out, "{}", render::junit(&results)),
        Format::Human => human(&mut out, &results),
    };
    if let Err(e) = written {
        eprintln!("error: cannot write results: {e}");
        return exit::USAGE;
    }
    if io_failed {
        exit::USAGE
    } else if failed {
        exit::FAILED
    } else {
        exit::OK
    }
}

fn human(
    out: &mut codespan_reporting::term::termcolor::StandardStream,
    results: &[FileResult<'_>],
) -> std::io::Result<()> {
    let reports: Vec<FileReport<'_>> =
        results.iter().map(|r| FileReport { name: r.name, source: r.source, diagnostics: r.diagnostics }).collect();
    report::human::write(out, &reports)?;
    let (mut passed, mut failed) = (0, 0);
    for r in results {
        write!(out, "{}", render::summary(r))?;
        if let Some(run) = r.run {
            failed += run.failed();
            passed += run.cases.len() - run.failed();
        }
    }
    let ok = results.iter().all(|r| r.model.is_some() && r.diagnostics.is_empty() && r.below.is_empty());
    writeln!(out, "test result: {}. {passed} passed; {failed} failed", if ok { "ok" } else { "FAILED" })
}
