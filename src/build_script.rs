//! One call for build scripts: a policy file in, its generated Rust module out.
//!
//! ```no_run
//! // build.rs of a service that authorizes with the RxScale policy
//! fn main() {
//!     let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("policy.rs");
//!     println!("cargo:rerun-if-changed=policies/rxscale.policy");
//!     if let Err(e) = scopec::build_script::rust_module("policies/rxscale.policy", &out, scopec::build_script::Runtime::Crate) {
//!         panic!("{e}");
//!     }
//! }
//! ```
//!
//! and in the service: `pub mod policy { include!(concat!(env!("OUT_DIR"), "/policy.rs")); }`.

// The example is a build script: its `fn main` is the point.
#![allow(clippy::needless_doctest_main)]

use std::path::Path;

pub use crate::emit::rust::Runtime;
use crate::report::{FileReport, human};
use crate::source::{self, LoadError};

/// Why a module could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The policy has errors; the text is the rendered diagnostics.
    #[error("{0}")]
    Invalid(String),
    #[error("{path}: {error}")]
    Emit { path: String, error: crate::emit::rust::EmitError },
    #[error("cannot write {path}: {error}")]
    Write { path: String, error: std::io::Error },
}

/// Compiles the policy at `policy` and writes its Rust module to `out`, on the
/// `scopec-runtime` crate or with the runtime embedded (`runtime`), (atomically, and
/// only when the content changed, so unchanged policies do not trigger rebuilds).
pub fn rust_module(policy: impl AsRef<Path>, out: impl AsRef<Path>, runtime: Runtime) -> Result<(), GenerateError> {
    let source = source::load(policy.as_ref())?;
    let checked = crate::validate(&source.text);
    let Some(model) = checked.model else {
        let report = FileReport { name: &source.name, source: &source.text, diagnostics: &checked.diagnostics };
        return Err(GenerateError::Invalid(human::render_plain(report)));
    };
    let code = crate::emit::rust::generate(&model, runtime)
        .map_err(|error| GenerateError::Emit { path: source.name.clone(), error })?;
    let out = out.as_ref();
    if std::fs::read(out).is_ok_and(|old| old == code.as_bytes()) {
        return Ok(());
    }
    crate::atomic::write_file(out, code.as_bytes())
        .map_err(|error| GenerateError::Write { path: out.display().to_string(), error })
}
