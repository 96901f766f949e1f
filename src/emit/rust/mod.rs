//! The Rust emitter: a module of static tables that authorizes requests with the same
//! semantics as [`crate::engine`], on the `scopec-runtime` crate (or with that crate's
//! source embedded, [`Runtime::Embedded`]).
//!
//! The module is built as syntax (`quote`), one function per generated item, and laid out
//! by `prettyplease`, as prost-build and bindgen lay out theirs.

mod endpoints;
mod errors;
mod grants;
mod layout;
mod names;
mod policy;
mod routes;
mod scopes;
mod standalone;
mod tokens;
mod walk;

use proc_macro2::TokenStream;
use quote::quote;

use crate::diagnostic::Span;
use crate::model::Model;
use layout::Part;
use tokens::num;

/// The most `when` conditions one endpoint may have in generated code (the tables hold a
/// requirement for every combination).
pub const MAX_WHENS: usize = 6;
/// The most data rules one endpoint may have in generated code (a bitmask of 32).
pub const MAX_RULES: usize = 32;

/// Where the generated module finds its runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Runtime {
    /// On the `scopec-runtime` crate, a dependency of the crate that includes the module
    /// (the default: the runtime is compiled, tested and versioned once).
    #[default]
    Crate,
    /// With the runtime's source embedded as `mod scopec_runtime`: no dependency at all.
    Embedded,
}

/// Why a policy cannot be turned into tables.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EmitError {
    pub message: String,
    pub span: Span,
}

/// Generates the module for a validated policy.
pub fn generate<'m>(model: &'m Model, runtime: Runtime) -> Result<String, EmitError> {
    check_limits(model)?;
    let sections: [&dyn Fn() -> Vec<Part<'m>>; 8] = [
        &|| vec![prelude(model, runtime).into()],
        &|| scopes::items(model),
        &|| vec![grants::items(model).into()],
        &|| routes::items(model),
        &|| walk::items(model),
        &|| endpoints::items(model),
        &|| vec![errors::items(model).into()],
        &|| vec![policy::items(model).into()],
    ];
    let mut text = header(model, runtime);
    // Section by section, item by item and, for tables, a few rows at a time, so that only
    // a bounded piece of tokens and syntax tree is in memory at once; items are separated
    // by a blank line.
    let mut first = true;
    for section in sections {
        for part in section() {
            match part {
                Part::Items(tokens) => layout::items(tokens, &mut first, &mut text)?,
                Part::List(list) => layout::list(list, &mut first, &mut text)?,
            }
        }
    }
    if runtime == Runtime::Embedded {
        text.push_str(&standalone::runtime_module());
    }
    Ok(text)
}

/// Refuses policies larger than the tables' `u16` numbering or the rule and `when` masks.
fn check_limits(model: &Model) -> Result<(), EmitError> {
    for e in &model.endpoints {
        if e.whens.len() > MAX_WHENS || e.rules.len() > MAX_RULES {
            return Err(EmitError {
                message: format!(
                    "endpoint `{}` has more than {MAX_WHENS} `when` conditions or {MAX_RULES} data rules, more than generated tables hold",
                    e.label()
                ),
                span: e.span,
            });
        }
    }
    // Nodes, routes and endpoints are numbered with `u16`, `scopec_runtime::NONE` meaning none.
    let counts = [
        ("endpoints", model.endpoints.len()),
        ("routes", model.routes.routes.len()),
        ("route tree nodes", model.routes.nodes.len()),
        ("key formats", model.apis.iter().flat_map(|a| &a.auth).map(|a| a.formats.len()).sum()),
        ("key kinds", model.kinds.len()),
    ];
    for (what, n) in counts {
        if n >= usize::from(scopec_runtime::NONE) {
            return Err(EmitError {
                message: format!(
                    "the policy has {n} {what}, more than generated tables hold ({})",
                    scopec_runtime::NONE - 1
                ),
                span: model.endpoints.last().map_or(Span::new(0, 0), |e| e.span),
            });
        }
    }
    Ok(())
}

/// The number of 64-bit words a name set needs (scopes and aliases).
fn words(model: &Model) -> usize {
    (model.scopes.len() + model.aliases.len()).div_ceil(64).max(1)
}

/// The comment lines before the code. Policy text in them is escaped (`escape_debug`), so
/// no newline in a title or version can end the comment.
fn header(model: &Model, runtime: Runtime) -> String {
    let version = model.meta.version.as_ref().map(|v| format!(" (version {})", v.escape_debug())).unwrap_or_default();
    let needs = match runtime {
        Runtime::Crate => "// It needs the `scopec-runtime` crate of the same version as a dependency.\n".to_string(),
        Runtime::Embedded => {
            "// The runtime is embedded at the end (`mod scopec_runtime`): no dependency.\n".to_string()
        }
    };
    format!(
        "// @generated by scopec {} from the policy \"{}\"{version}.\n\
         // Do not edit: change the policy and generate again.\n\
         //\n\
         // Include it in a module, e.g. from a build script's output:\n\
         // `pub mod policy {{ include!(concat!(env!(\"OUT_DIR\"), \"/policy.rs\")); }}`\n\
         {needs}\n",
        env!("CARGO_PKG_VERSION"),
        model.meta.title.escape_debug(),
    )
}

/// The runtime import and the policy's counts. The import names the crate (`::`) or the
/// embedded module (`self::`) explicitly, so that a crate with both is not ambiguous.
fn prelude(model: &Model, runtime: Runtime) -> TokenStream {
    let (scopes, aliases, apis) = (num(model.scopes.len()), num(model.aliases.len()), num(model.apis.len()));
    let import = match runtime {
        Runtime::Crate => quote!(
            use ::scopec_runtime as rt;
        ),
        Runtime::Embedded => quote!(
            use self::scopec_runtime as rt;
        ),
    };
    quote! {
        #import

        /// The number of declared scopes.
        pub const SCOPE_COUNT: usize = #scopes;
        /// The number of declared aliases.
        pub const ALIAS_COUNT: usize = #aliases;
        /// The number of apis.
        pub const API_COUNT: usize = #apis;
    }
}
