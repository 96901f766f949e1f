//! `scopec openapi POLICY [--spec FILE] [--openapi 3.0|3.1] [--api NAME] [-o FILE]`

use std::path::PathBuf;

use clap::ValueEnum;

use super::{deliver, exit, load};
use scopec::emit::openapi::{self, Version};
use scopec::report::{self, FileReport};

#[derive(Clone, Copy, ValueEnum)]
enum OpenApiVersion {
    #[value(name = "3.0")]
    V30,
    #[value(name = "3.1")]
    V31,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Yaml,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// The policy file.
    policy: PathBuf,
    /// An existing OpenAPI document (YAML or JSON) to annotate in place.
    #[arg(long, value_name = "FILE")]
    spec: Option<PathBuf>,
    /// The OpenAPI version of a new document (default 3.1). With `--spec`, the document's own.
    #[arg(long, value_enum)]
    openapi: Option<OpenApiVersion>,
    /// Compare the document with these apis only (repeatable). Default: every api with an
    /// operation in the document.
    #[arg(long, value_name = "NAME")]
    api: Vec<String>,
    /// Output format of a new document (default: from the `-o` extension, else YAML).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write here (atomically) instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let (source, model) = match load::model(&args.policy) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let version = args.openapi.map(|v| match v {
        OpenApiVersion::V30 => Version::V3_0,
        OpenApiVersion::V31 => Version::V3_1,
    });
    let mut apis = Vec::new();
    for name in &args.api {
        match model.api_named(name) {
            Some(i) => apis.push(i),
            None => {
                eprintln!("error: no api `{name}` in {}", source.name);
                return exit::USAGE;
            }
        }
    }
    let (text, drift) = match &args.spec {
        None => {
            let doc = openapi::standalone(&model, version.unwrap_or_default());
            let json = args.format == Some(Format::Json)
                || (args.format.is_none()
                    && args.output.as_ref().is_some_and(|o| o.extension().is_some_and(|e| e == "json")));
            let text = if json {
                serde_json::to_string_pretty(&doc).map(|t| t + "\n").map_err(|e| e.to_string())
            } else {
                Ok(openapi::yaml::from_json(&doc))
            };
            match text {
                Ok(t) => (t, Vec::new()),
                Err(e) => {
                    eprintln!("error: cannot write the document: {e}");
                    return exit::FAILED;
                }
            }
        }
        Some(spec_path) => {
            let spec = match std::fs::read_to_string(spec_path) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("error: {}: {e}", spec_path.display());
                    return exit::USAGE;
                }
            };
            let only = (!apis.is_empty()).then_some(apis.as_slice());
            match openapi::annotate(&model, &spec, only, version) {
                Ok(a) => (a.text, a.diagnostics),
                Err(e) => {
                    eprintln!("error: {}: {e}", spec_path.display());
                    return exit::USAGE;
                }
            }
        }
    };
    if !drift.is_empty() {
        // Drift goes to standard error when the document goes to standard output.
        let report = FileReport { name: &source.name, source: &source.text, diagnostics: &drift };
        let _ = if args.output.is_some() {
            report::human::write(&mut deliver::stdout(), &[report])
        } else {
            report::human::write(&mut deliver::stderr(), &[report])
        };
    }
    if drift.iter().any(|d| d.is_error()) {
        // A document with operations the policy does not guard is not written: it would
        // be published without their security.
        eprintln!("error: the document was not written: the policy does not guard every operation of it");
        return exit::FAILED;
    }
    deliver::deliver(&text, args.output.as_deref())
}
