//! The grant sets apis intersect with a key's scopes (`effective` lines), and each api's
//! schemes.

use proc_macro2::TokenStream;
use quote::quote;

use super::names;
use super::tokens::{doc, ident, num, string};
use crate::model::{Id, Model, SchemeKind};

/// Every item of this part of the module.
pub fn items(model: &Model) -> TokenStream {
    let names = model.grant_sets();
    let idents = names::grant_sets(&names);
    let sets: Vec<Set<'_>> =
        names.iter().zip(&idents).map(|(name, (field, variant))| Set { name, field, variant }).collect();
    [grants_struct(&sets), grant_set_enum(&sets), grants_impl(&sets), apis(model, &sets), kinds(model)]
        .into_iter()
        .collect()
}

/// `rt::KindId(3)`
pub fn kind_id(kind: usize) -> TokenStream {
    let k = u16_lit(kind);
    quote!(rt::KindId(#k))
}

/// The key kinds: each one's name and the names (scopes, then aliases of them) it can hold.
fn kinds(model: &Model) -> TokenStream {
    let n = num(model.kinds.len());
    let first_alias = model.scopes.len();
    let kinds = model.kinds.iter().map(|k| {
        let name = string(&k.name);
        let holds = match &k.scopes {
            None => quote!(None),
            Some(scopes) => {
                let aliases = model
                    .aliases
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| k.can_hold(a.target))
                    .map(|(i, _)| crate::model::ScopeId::new(first_alias + i));
                let set = super::scopes::scope_set(scopes.iter().copied().chain(aliases));
                quote!(Some(#set))
            }
        };
        quote!(rt::KindData { name: #name, holds: #holds })
    });
    quote! {
        /// The key kinds, in declaration order.
        static KINDS: [rt::KindData<Policy>; #n] = [#(#kinds),*];
    }
}

/// A grant set: its name in the policy, its field of `Grants` and its `GrantSet` variant.
struct Set<'a> {
    name: &'a str,
    field: &'a str,
    variant: &'a str,
}

fn grants_struct(sets: &[Set<'_>]) -> TokenStream {
    let docs = sets.iter().map(|s| doc(&format!("The `{}` grant set.", s.name.escape_debug())));
    let fields = sets.iter().map(|s| ident(s.field));
    quote! {
        /// The grant sets that apis intersect with the key's scopes (their `effective` lines).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct Grants {
            #(#docs pub #fields: ScopeSet,)*
        }
    }
}

fn grant_set_enum(sets: &[Set<'_>]) -> TokenStream {
    let variants = sets.iter().map(|s| ident(s.variant));
    quote! {
        /// One of the grant sets of [`Grants`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum GrantSet {
            #(#variants,)*
        }
    }
}

fn grants_impl(sets: &[Set<'_>]) -> TokenStream {
    let set_body = if sets.is_empty() {
        quote! {
            let _ = (name, scopes);
            false
        }
    } else {
        let arms = sets.iter().map(|s| {
            let (name, field) = (string(s.name), ident(s.field));
            quote!(#name => self.#field = scopes,)
        });
        quote! {
            match name {
                #(#arms)*
                _ => return false,
            }
            true
        }
    };
    let get_arms = sets.iter().map(|s| {
        let (variant, field) = (ident(s.variant), ident(s.field));
        quote!(GrantSet::#variant => &self.#field,)
    });
    quote! {
        impl Grants {
            /// Sets a grant set by its name in the policy; false for an unknown name.
            pub fn set(&mut self, name: &str, scopes: ScopeSet) -> bool {
                #set_body
            }

            /// One grant set.
            pub fn get(&self, set: GrantSet) -> &ScopeSet {
                match set {
                    #(#get_arms)*
                }
            }
        }
    }
}

fn apis(model: &Model, sets: &[Set<'_>]) -> TokenStream {
    let n = num(model.apis.len());
    // Key formats are numbered api by api, scheme by scheme (as `KEY_FORMATS` lists them).
    let mut next_format = 0usize;
    let apis = model.apis.iter().map(|api| {
        let schemes: Vec<TokenStream> = api
            .auth
            .iter()
            .map(|a| {
                let (kind, name) = match &a.kind {
                    SchemeKind::Bearer => (quote!(Bearer), ""),
                    SchemeKind::Header(h) => (quote!(Header), h.as_str()),
                    SchemeKind::Query(q) => (quote!(Query), q.as_str()),
                };
                let (name, legacy) = (string(name), a.legacy);
                let start = next_format;
                next_format += a.formats.len();
                let (start, end) = (u16_lit(start), u16_lit(next_format));
                let kinds = a.kinds.iter().map(|k| kind_id(*k));
                quote!(rt::Scheme {
                    kind: rt::SchemeKind::#kind,
                    name: #name,
                    legacy: #legacy,
                    formats: (#start, #end),
                    kinds: &[#(#kinds),*],
                })
            })
            .collect();
        let api_name = string(&api.name);
        let kinds = api.keys.kinds.iter().map(|(k, _)| string(k));
        let grace = match &api.keys.rotation_grace {
            Some((_, secs)) => {
                let secs = proc_macro2::Literal::u64_unsuffixed(*secs);
                quote!(Some(#secs))
            }
            None => quote!(None),
        };
        let all_legacy = !api.auth.is_empty() && api.auth.iter().all(|a| a.legacy);
        let sets = api.grant_sets().filter_map(|g| sets.iter().find(|s| s.name == g)).map(|s| ident(s.variant));
        quote! {
            rt::ApiData {
                name: #api_name,
                schemes: &[#(#schemes),*],
                all_legacy: #all_legacy,
                grant_sets: &[#(GrantSet::#sets),*],
                kinds: &[#(#kinds),*],
                rotation_grace: #grace,
            }
        }
    });
    let apis: Vec<TokenStream> = apis.collect();
    quote! {
        static APIS: [rt::ApiData<Policy>; #n] = [#(#apis),*];
    }
}

/// An index literal, unsuffixed (`check_limits` refuses policies with more key formats
/// than a `u16` numbers).
fn u16_lit(n: usize) -> proc_macro2::Literal {
    proc_macro2::Literal::usize_unsuffixed(n)
}
