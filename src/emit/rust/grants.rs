//! The grant sets apis intersect with a key's scopes (`effective` lines), and each api's
//! schemes.

use proc_macro2::TokenStream;
use quote::quote;

use super::names;
use super::tokens::{doc, ident, num, string};
use crate::model::{Model, SchemeKind};

/// Every item of this part of the module.
pub fn items(model: &Model) -> TokenStream {
    let sets = model.grant_sets();
    [grants_struct(&sets), grant_set_enum(&sets), grants_impl(&sets), apis(model)].into_iter().collect()
}

fn grants_struct(sets: &[&str]) -> TokenStream {
    let docs = sets.iter().map(|s| doc(&format!("The `{}` grant set.", s.escape_debug())));
    let fields = sets.iter().map(|s| ident(&names::field(s)));
    quote! {
        /// The grant sets that apis intersect with the key's scopes (their `effective` lines).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct Grants {
            #(#docs pub #fields: ScopeSet,)*
        }
    }
}

fn grant_set_enum(sets: &[&str]) -> TokenStream {
    let variants = sets.iter().map(|s| ident(&names::variant(s)));
    quote! {
        /// One of the grant sets of [`Grants`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum GrantSet {
            #(#variants,)*
        }
    }
}

fn grants_impl(sets: &[&str]) -> TokenStream {
    let set_body = if sets.is_empty() {
        quote! {
            let _ = (name, scopes);
            false
        }
    } else {
        let arms = sets.iter().map(|s| {
            let (name, field) = (string(s), ident(&names::field(s)));
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
        let (variant, field) = (ident(&names::variant(s)), ident(&names::field(s)));
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

fn apis(model: &Model) -> TokenStream {
    let n = num(model.apis.len());
    let apis = model.apis.iter().map(|api| {
        let schemes = api.auth.iter().map(|a| {
            let (kind, name) = match &a.kind {
                SchemeKind::Bearer => (quote!(Bearer), ""),
                SchemeKind::Header(h) => (quote!(Header), h.as_str()),
                SchemeKind::Query(q) => (quote!(Query), q.as_str()),
            };
            let (name, legacy) = (string(name), a.legacy);
            quote!(rt::Scheme { kind: rt::SchemeKind::#kind, name: #name, legacy: #legacy })
        });
        let all_legacy = !api.auth.is_empty() && api.auth.iter().all(|a| a.legacy);
        let sets = api.grant_sets().map(|s| ident(&names::variant(s)));
        quote! {
            rt::ApiData {
                schemes: &[#(#schemes),*],
                all_legacy: #all_legacy,
                grant_sets: &[#(GrantSet::#sets),*],
            }
        }
    });
    quote! {
        static APIS: [rt::ApiData<Policy>; #n] = [#(#apis),*];
    }
}
