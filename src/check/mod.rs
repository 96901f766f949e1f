//! Stage 2: syntax tree to validated model. Every pass reports all it finds; the model is
//! returned only when no error was found.

mod apis;
mod bundles;
mod cases;
mod ctx;
mod duplicate;
mod endpoints;
mod errors;
mod expr;
mod graph;
mod kinds;
mod meta;
mod paths;
mod rates;
mod scopes;
mod suppressions;

pub use errors::defaults as default_error_bodies;

use crate::diagnostic::Diagnostic;
use crate::model::{Model, RouteTree};
use crate::syntax::ast::File;
use ctx::Ctx;

/// Validates a syntax tree. Returns the model when the tree has no errors, and every
/// diagnostic found either way.
pub fn resolve(file: &File) -> (Option<Model>, Vec<Diagnostic>) {
    let mut ctx = Ctx::default();
    let meta = meta::meta(&mut ctx, file);
    let (groups, scopes) = scopes::declare(&mut ctx, file);
    let aliases = scopes::aliases(&mut ctx, file);
    let scopes = scopes::resolve_options(&mut ctx, scopes);
    let policy_errors = errors::policy_errors(&mut ctx, file);
    rates::declare(&mut ctx, file);
    kinds::declare(&mut ctx, file);
    let mut routes = RouteTree::default();
    let (apis, endpoints) = apis::apis(&mut ctx, file, &policy_errors, &mut routes);
    let bundles = bundles::bundles(&mut ctx, file);
    let forbids = bundles::forbids(file);
    let tests = cases::tests(&mut ctx, file, &apis);
    suppressions::suppressions(&mut ctx, file);
    let Ctx { diagnostics, names, rates, kinds, .. } = ctx;
    if diagnostics.iter().any(Diagnostic::is_error) {
        return (None, diagnostics);
    }
    let model = Model {
        meta,
        groups,
        scopes,
        aliases,
        apis,
        endpoints,
        bundles,
        forbids,
        kinds,
        rates,
        tests,
        errors: policy_errors,
        routes,
        names,
    };
    (Some(model), diagnostics)
}
