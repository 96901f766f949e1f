//! `scopec explain POLICY [--api NAME] [--scopes a,b] [--kind K] [--grant SET=x,y] [--via …] METHOD TARGET`

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{deliver, exit, load};
use scopec::engine::{Key, Request, Unlisted, explain};
use scopec::model::SchemeKind;
use scopec::report;

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// The policy file.
    policy: PathBuf,
    /// The HTTP method.
    method: String,
    /// The request target: path and optional query, base included (`/v3/notes?x=1`).
    target: String,
    /// Route only within this api.
    #[arg(long)]
    api: Option<String>,
    /// The key's scopes, comma-separated (`--scopes ''` for a key with none). Without
    /// this option the request carries no key.
    #[arg(long, value_name = "a,b")]
    scopes: Option<String>,
    /// Another grant set of the api's `effective` line, e.g. `installation=read:x,read:y`.
    /// A set not given equals the key's scopes.
    #[arg(long, value_name = "SET=a,b")]
    grant: Vec<String>,
    /// A header the request carries, `Name: value` (repeatable); the request carries no
    /// others, as in a `test` case.
    #[arg(long, value_name = "NAME: VALUE")]
    header: Vec<String>,
    /// The key's kind (a `kind` the policy declares). Default: the api's kind when its
    /// schemes accept exactly one.
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    /// How the key is sent: `bearer`, `header:NAME` or `query:NAME`. Default: a way the api accepts.
    #[arg(long, value_name = "SCHEME")]
    via: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

/// The names of a comma-separated list, exactly as written: a key's scope names are
/// compared exactly by the engine and by generated code (`ScopeSet::from_names`), so
/// ` order:read` is not `order:read` here either.
fn split(list: &str) -> Vec<String> {
    list.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect()
}

fn scheme(s: &str) -> Result<SchemeKind, String> {
    match s.split_once(':') {
        None if s == "bearer" => Ok(SchemeKind::Bearer),
        Some(("header", h)) if !h.is_empty() => Ok(SchemeKind::Header(h.into())),
        Some(("query", q)) if !q.is_empty() => Ok(SchemeKind::Query(q.into())),
        _ => Err(format!("`--via {s}`: expected `bearer`, `header:NAME` or `query:NAME`")),
    }
}

pub fn run(args: Args) -> u8 {
    let (source, model) = match load::model(&args.policy) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let api = match &args.api {
        None => None,
        Some(name) => match model.api_named(name) {
            Some(i) => Some(i),
            None => {
                let names: Vec<&str> = model.apis.iter().map(|a| a.name.as_str()).collect();
                eprintln!("error: no api `{name}` in {}; its apis are: {}", source.name, names.join(", "));
                return exit::USAGE;
            }
        },
    };
    let via = match args.via.as_deref().map(scheme).transpose() {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    let mut grants = std::collections::BTreeMap::new();
    for g in &args.grant {
        let Some((name, list)) = g.split_once('=') else {
            eprintln!("error: `--grant {g}`: expected SET=a,b");
            return exit::USAGE;
        };
        if !model.grant_sets().contains(&name) {
            eprintln!("warning: no api intersects a grant set named `{name}`; it has no effect");
        }
        grants.insert(name.to_string(), split(list));
    }
    if let Some(kind) = &args.kind
        && model.kind_named(kind).is_none()
    {
        let names: Vec<&str> = model.kinds.iter().map(|k| k.name.as_str()).collect();
        eprintln!("error: no key kind `{kind}` in {}; its kinds are: {}", source.name, names.join(", "));
        return exit::USAGE;
    }
    if args.kind.is_some() && args.scopes.is_none() {
        eprintln!("error: `--kind` describes the key: give its scopes with `--scopes` (`--scopes ''` for none)");
        return exit::USAGE;
    }
    let key = args.scopes.as_deref().map(|s| Key { scopes: split(s), via, kind: args.kind.clone() });
    for name in key.iter().flat_map(|k| &k.scopes).chain(grants.values().flatten()) {
        if model.lookup(name).is_none() {
            let hint =
                if model.lookup(name.trim()).is_some() { " (scope names are exact: remove the spaces)" } else { "" };
            eprintln!("warning: `{name}` is not a scope of this policy; a key holding it gains nothing{hint}");
        }
    }
    let mut headers = Vec::new();
    for h in &args.header {
        let Some((name, value)) = h.split_once(':') else {
            eprintln!("error: `--header {h}`: expected NAME: VALUE");
            return exit::USAGE;
        };
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let request = Request {
        method: args.method,
        target: args.target,
        api,
        key,
        grants,
        unlisted: Unlisted::SameAsKey,
        headers: Some(headers),
    };
    let x = explain::explain(&model, &request);
    let mut out = deliver::stdout();
    let written = match args.format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report::explain::json(&x, &source.text)).unwrap_or_default()
        ),
        Format::Human => write!(out, "{}", report::explain::render(&x, &source.name, &source.text)),
    };
    if written.is_err() { exit::USAGE } else { exit::OK }
}
