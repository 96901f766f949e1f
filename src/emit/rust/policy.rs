//! The module's `Policy`: the unit struct that implements `scopec_runtime::Policy` with
//! the tables above, the names users of the module see, and its entry points.

use proc_macro2::TokenStream;
use quote::quote;

use super::walk::root_fn;
use crate::model::Model;

/// Every item of this part of the module.
pub fn items(model: &Model) -> TokenStream {
    [policy_impl(), tables(model), public_names(), entry_points()].into_iter().collect()
}

fn policy_impl() -> TokenStream {
    let root = root_fn();
    quote! {
        /// The policy, for `scopec_runtime`: its types and tables.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct Policy;

        impl rt::Policy for Policy {
            type Scope = Scope;
            type Words = [u64; WORDS];
            type Grants = Grants;
            type GrantSet = GrantSet;

            const SCOPES: &'static [Scope] = &Scope::ALL;
            const SCOPE_NAMES: &'static [&'static str] = &SCOPE_NAMES;

            #[inline(always)]
            fn tables() -> &'static rt::Tables<Policy> {
                &TABLES
            }

            #[inline(always)]
            fn scope_index(scope: Scope) -> usize {
                scope as usize
            }

            fn name_index(name: &str) -> Option<usize> {
                name_index(name)
            }

            #[inline(always)]
            fn grant(grants: &Grants, set: GrantSet) -> &ScopeSet {
                grants.get(set)
            }

            fn set_grant(grants: &mut Grants, name: &str, set: ScopeSet) -> bool {
                grants.set(name, set)
            }

            #[inline(always)]
            fn route(t: &[u8]) -> rt::Walk {
                #root(t, 1)
            }
        }
    }
}

fn tables(model: &Model) -> TokenStream {
    let closes = !model.aliases.is_empty() || model.scopes.iter().any(|s| s.grants.len() > 1);
    quote! {
        static TABLES: rt::Tables<Policy> = rt::Tables {
            closure: &CLOSURE,
            self_contained: SELF_CONTAINED,
            closes: #closes,
            nodes: &NODES,
            literals: &LITERALS,
            folded: &FOLDED,
            routes: &ROUTES,
            endpoint_of: &ENDPOINT_OF,
            endpoint_data: &ENDPOINT_DATA,
            endpoints: &ENDPOINTS,
            apis: &APIS,
            errors: &ERRORS,
            key_formats: &KEY_FORMATS,
            kinds: &KINDS,
        };
    }
}

fn public_names() -> TokenStream {
    quote! {
        /// A set of scope and alias names (see `scopec_runtime::ScopeSet`).
        pub type ScopeSet = rt::ScopeSet<Policy>;
        /// The decision for a request.
        pub type Decision = rt::Decision<Policy>;
        /// An allowed request.
        pub type Allowed = rt::Allowed<Policy>;
        /// A forbidden request.
        pub type Denied = rt::Denied<Policy>;
        /// A key presented with a request.
        pub type Key<'a> = rt::Key<'a, Policy>;
        // Re-exported for users of the module; a binary may name only some of them.
        #[allow(unused_imports)]
        pub use rt::{EndpointInfo, Headers, KeyFormat, KeyFormatError, KindId, Method, Rejection, Via};
    }
}

fn entry_points() -> TokenStream {
    quote! {
        /// Decides a request: `method`, `target` (path and optional query, as received),
        /// the key if one was sent, and the other grant sets. Does not allocate. Every
        /// `when header` condition counts as met: see `authorize_with_headers`.
        pub fn authorize(method: &str, target: &str, key: Option<&Key<'_>>, grants: &Grants) -> Decision {
            rt::authorize::<Policy>(method, target, key, grants)
        }

        /// `authorize`, reading the request's headers for `when header` conditions through
        /// `headers`. Does not allocate.
        pub fn authorize_with_headers<H: Headers + ?Sized>(
            method: &str,
            target: &str,
            headers: &H,
            key: Option<&Key<'_>>,
            grants: &Grants,
        ) -> Decision {
            rt::authorize_with_headers::<Policy, H>(method, target, headers, key, grants)
        }

        /// The declared format a key matches (by prefix, then length).
        pub fn check_key_format(key: &str) -> Result<&'static KeyFormat, KeyFormatError> {
            rt::check_key_format(&KEY_FORMATS, key)
        }
    }
}
