//! `scopec diff OLD NEW` and `scopec diff --against REF [PATH…]`: what a policy change
//! does to access.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::ValueEnum;

use super::{deliver, exit};
use scopec::diff::{Category, Change};
use scopec::report::diff::{self as report, PairReport};
use scopec::report::{self as reports, FileReport};

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Markdown,
}

#[derive(clap::Args)]
pub struct Args {
    /// The old and the new version (two files, or two directories whose `*.policy` files
    /// are paired by relative path); with `--against`, the policies to compare (default
    /// `policies/`).
    paths: Vec<PathBuf>,
    /// Compare the working tree's policies with their versions at this git revision.
    #[arg(long, value_name = "REF")]
    against: Option<String>,
    /// Exit 1 when there is a change in this category or a more serious one (`breaking` <
    /// `widening` < `exposure`), or in any of a comma-separated list; `none` never fails.
    #[arg(long, value_name = "CATEGORY", default_value = "breaking")]
    fail_on: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Write the report here instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The categories `--fail-on` names.
fn fail_on(text: &str) -> Result<Vec<Category>, String> {
    if text == "none" {
        return Ok(Vec::new());
    }
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let mut out = Vec::new();
    for p in &parts {
        let c = Category::parse(p).ok_or_else(|| {
            format!("unknown category `{p}` for --fail-on (breaking, widening, exposure, compatible or none)")
        })?;
        out.push(c);
    }
    if let [one] = out.as_slice() {
        let one = *one;
        return Ok(Category::ALL.into_iter().filter(|c| *c >= one).collect());
    }
    Ok(out)
}

/// One side of a pair: its name and text (`None` when the file does not exist there).
struct Side {
    name: String,
    text: Option<String>,
}

/// A policy with nothing in it: the other side of an added or removed file.
const NOTHING: &str = "policy \"\" {\n}\n";

pub fn run(args: Args) -> u8 {
    let categories = match fail_on(&args.fail_on) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    let pairs = match &args.against {
        Some(rev) => against(rev, &args.paths),
        None => match args.paths.as_slice() {
            [old, new] => between(old, new),
            _ => Err("give OLD and NEW (two files or two directories), or --against REF".to_string()),
        },
    };
    let pairs = match pairs {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    let mut compared: Vec<(Side, Side, Vec<Change>)> = Vec::new();
    let mut broken = false;
    for (old, new) in pairs {
        let (Some(a), Some(b)) = (model(&old), model(&new)) else {
            broken = true;
            continue;
        };
        let changes = scopec::diff::diff(&a, &b);
        compared.push((old, new, changes));
    }
    if broken {
        return exit::FAILED;
    }
    let views: Vec<PairReport<'_>> = compared
        .iter()
        .map(|(o, n, c)| PairReport {
            old_name: &o.name,
            old_source: o.text.as_deref().unwrap_or(""),
            new_name: &n.name,
            new_source: n.text.as_deref().unwrap_or(""),
            changes: c,
        })
        .collect();
    let text = match args.format {
        Format::Human => report::human(&views),
        Format::Json => report::json(&views),
        Format::Sarif => report::sarif(&views),
        Format::Github => report::github(&views),
        Format::Markdown => report::markdown(&views),
    };
    let code = deliver::deliver(&text, args.output.as_deref());
    if code != exit::OK {
        return code;
    }
    let all: Vec<Change> = compared.into_iter().flat_map(|(_, _, c)| c).collect();
    if scopec::diff::fails(&all, &categories) { exit::FAILED } else { exit::OK }
}

/// Compiles one side; a missing file is the empty policy. Diagnostics go to stderr.
fn model(side: &Side) -> Option<scopec::Model> {
    let text = side.text.as_deref().unwrap_or(NOTHING);
    let checked = scopec::validate(text);
    if checked.model.is_none() {
        let report = FileReport { name: &side.name, source: text, diagnostics: &checked.diagnostics };
        let _ = reports::human::write(&mut deliver::stderr(), &[report]);
    }
    checked.model
}

fn read(path: &Path) -> Result<Side, String> {
    let source = scopec::source::load(path).map_err(|e| e.to_string())?;
    Ok(Side { name: source.name, text: Some(source.text) })
}

/// Policies under a directory, relative to it.
fn relative(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for found in scopec::source::discover(&[dir.to_path_buf()]) {
        let p = found.map_err(|e| e.to_string())?;
        out.push(p.strip_prefix(dir).map(Path::to_path_buf).unwrap_or(p));
    }
    Ok(out)
}

fn between(old: &Path, new: &Path) -> Result<Vec<(Side, Side)>, String> {
    if !(old.is_dir() && new.is_dir()) {
        return Ok(vec![(read(old)?, read(new)?)]);
    }
    let mut names: Vec<PathBuf> = relative(old)?;
    names.extend(relative(new)?);
    names.sort();
    names.dedup();
    let side = |dir: &Path, rel: &Path| -> Result<Side, String> {
        let p = dir.join(rel);
        if p.exists() { read(&p) } else { Ok(Side { name: p.display().to_string(), text: None }) }
    };
    names.iter().map(|rel| Ok((side(old, rel)?, side(new, rel)?))).collect()
}

fn git(args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git").args(args).output().map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(format!("git {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()))
    }
}

fn against(rev: &str, paths: &[PathBuf]) -> Result<Vec<(Side, Side)>, String> {
    let paths = if paths.is_empty() { vec![PathBuf::from("policies")] } else { paths.to_vec() };
    git(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
        .map_err(|_| format!("`{rev}` is not a git revision here"))?;
    let mut names: Vec<String> = Vec::new();
    for found in scopec::source::discover(&paths) {
        match found {
            Ok(p) => names.push(p.display().to_string().replace('\\', "/")),
            // A path may exist only at the revision (a deleted directory).
            Err(scopec::source::LoadError::NotFound(_) | scopec::source::LoadError::NoPolicies(_)) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    let mut listed = vec!["ls-tree", "-r", "--name-only", rev, "--"];
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    listed.extend(shown.iter().map(String::as_str));
    let tree = String::from_utf8_lossy(&git(&listed)?).into_owned();
    names.extend(tree.lines().filter(|l| l.ends_with(".policy")).map(str::to_string));
    names.sort();
    names.dedup();
    if names.is_empty() {
        return Err(format!("no `.policy` files under {} here or at `{rev}`", shown.join(", ")));
    }
    let mut out = Vec::new();
    for name in names {
        let new =
            if Path::new(&name).exists() { read(Path::new(&name))? } else { Side { name: name.clone(), text: None } };
        let old_text = match git(&["show", &format!("{rev}:./{name}")]) {
            Ok(bytes) => Some(String::from_utf8(bytes).map_err(|_| format!("{rev}:{name}: not valid UTF-8"))?),
            Err(_) => None,
        };
        out.push((Side { name: format!("{rev}:{name}"), text: old_text }, new));
    }
    Ok(out)
}
