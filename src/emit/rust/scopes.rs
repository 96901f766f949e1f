//! The scope enum and the name tables: names, descriptions, access, aliases, the name
//! lookup and each name's closure.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{doc, id, ident, num, string};
use super::{names, words};
use crate::model::{Access, IdVec, Model, ScopeId};

/// Every item of this part of the module.
pub fn items(model: &Model) -> TokenStream {
    let variants = names::scope_variants(model);
    [scope_enum(model, &variants), access_enum(), scope_impl(model), scope_tables(model), aliases(model, &variants)]
        .into_iter()
        .chain([name_index(model), set_constructor(model), closure(model), self_contained(model)])
        .collect()
}

/// The width of scope sets and the compile-time constructor of sparse set literals.
fn set_constructor(model: &Model) -> TokenStream {
    let words = num(words(model));
    quote! {
        /// The number of 64-bit words of a scope set.
        const WORDS: usize = #words;

        /// The scope set of the given name bits, computed at compile time.
        const fn scope_set(bits: &[u32]) -> ScopeSet {
            let mut words = [0u64; WORDS];
            let mut i = 0;
            while i < bits.len() {
                let bit = bits[i] as usize;
                words[bit / 64] |= 1 << (bit % 64);
                i += 1;
            }
            ScopeSet::from_words(words)
        }
    }
}

/// `scope_set(&[bits…])` for a set of name bits: sparse, so that a table of sets costs the
/// bits it holds, not sets × words (the words are computed at compile time).
pub fn scope_set(bits: impl IntoIterator<Item = ScopeId>) -> TokenStream {
    let mut bits: Vec<ScopeId> = bits.into_iter().collect();
    bits.sort_unstable();
    bits.dedup();
    let bits = bits.into_iter().map(id);
    quote!(scope_set(&[#(#bits),*]))
}

/// `&[set, …]` for a requirement's alternatives.
pub fn scope_sets(dnf: &[Vec<ScopeId>]) -> TokenStream {
    let sets = dnf.iter().map(|t| scope_set(t.iter().copied()));
    quote!(&[#(#sets),*])
}

fn scope_enum(model: &Model, variants: &IdVec<ScopeId, String>) -> TokenStream {
    let docs = model.scopes.iter().map(|s| doc(&format!("`{}`", s.name.escape_debug())));
    let variants = variants.iter().map(|v| ident(v));
    quote! {
        /// A scope of the policy.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Scope {
            #(#docs #variants,)*
        }
    }
}

fn access_enum() -> TokenStream {
    quote! {
        /// What a scope grants access to do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Access {
            Read,
            Write,
            Admin,
        }
    }
}

fn scope_impl(model: &Model) -> TokenStream {
    let n = num(model.scopes.len());
    let all = names::scope_variants(model).into_iter().map(|v| ident(&v));
    let parse = if model.aliases.is_empty() {
        quote!(name_index(name).map(|i| Scope::ALL[i]))
    } else {
        quote! {
            let i = name_index(name)?;
            Some(if i < SCOPE_COUNT { Scope::ALL[i] } else { ALIASES[i - SCOPE_COUNT].1 })
        }
    };
    quote! {
        impl Scope {
            /// Every scope, in declaration order.
            pub const ALL: [Scope; #n] = [#(Scope::#all),*];

            /// The scope's name, as keys hold it.
            pub const fn name(self) -> &'static str {
                SCOPE_NAMES[self as usize]
            }

            /// The scope's one-line description.
            pub const fn description(self) -> &'static str {
                SCOPE_DESCRIPTIONS[self as usize]
            }

            /// Read, write or admin.
            pub const fn access(self) -> Access {
                SCOPE_ACCESS[self as usize]
            }

            /// The scope a name stands for: a scope, or an alias's target. `None` when the
            /// policy declares no such name.
            pub fn parse(name: &str) -> Option<Scope> {
                #parse
            }
        }
    }
}

fn scope_tables(model: &Model) -> TokenStream {
    let n = num(model.scopes.len());
    let names = model.scopes.iter().map(|s| string(&s.name));
    let descriptions = model.scopes.iter().map(|s| string(s.description.as_deref().unwrap_or("")));
    let access = model.scopes.iter().map(|s| match s.access {
        Access::Read => quote!(Access::Read),
        Access::Write => quote!(Access::Write),
        Access::Admin => quote!(Access::Admin),
    });
    quote! {
        const SCOPE_NAMES: [&str; #n] = [#(#names),*];
        const SCOPE_DESCRIPTIONS: [&str; #n] = [#(#descriptions),*];
        const SCOPE_ACCESS: [Access; #n] = [#(#access),*];
    }
}

fn aliases(model: &Model, variants: &IdVec<ScopeId, String>) -> TokenStream {
    let n = num(model.aliases.len());
    let items = model.aliases.iter().map(|a| {
        let name = string(&a.name);
        let target = ident(&variants[a.target]);
        quote!((#name, Scope::#target))
    });
    quote! {
        /// Every alias and the scope it grants.
        pub const ALIASES: [(&str, Scope); #n] = [#(#items),*];
    }
}

fn name_index(model: &Model) -> TokenStream {
    let all = model.scopes.iter().map(|s| &s.name).chain(model.aliases.iter().map(|a| &a.name));
    let arms: Vec<TokenStream> = all
        .enumerate()
        .map(|(i, name)| {
            let (name, i) = (string(name), num(i));
            quote!(#name => Some(#i),)
        })
        .collect();
    let body = if arms.is_empty() {
        quote! {
            let _ = name;
            None
        }
    } else {
        quote! {
            match name {
                #(#arms)*
                _ => None,
            }
        }
    };
    quote! {
        fn name_index(name: &str) -> Option<usize> {
            #body
        }
    }
}

fn closure(model: &Model) -> TokenStream {
    let count = num(model.scopes.len() + model.aliases.len());
    let sets = model
        .scopes
        .iter()
        .map(|s| scope_set(s.grants.iter().copied()))
        .chain(model.aliases.iter().map(|a| scope_set(model.scopes[a.target].grants.iter().copied())));
    quote! {
        /// What each name grants: the scopes first, then the aliases.
        static CLOSURE: [ScopeSet; #count] = [#(#sets),*];
    }
}

fn self_contained(model: &Model) -> TokenStream {
    let set = scope_set(model.scopes.enumerate().filter(|(_, s)| s.grants.len() == 1).map(|(i, _)| i));
    quote! {
        /// The scopes that grant only themselves: a set of them needs no closing.
        const SELF_CONTAINED: ScopeSet = #set;
    }
}
