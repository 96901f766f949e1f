//! The scope enum and the name tables: names, descriptions, access, aliases, the name
//! lookup and each name's closure.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use super::layout::{List, Part, Row};
use super::tokens::{doc, id, ident, num, string};
use super::{names, words};
use crate::model::{Access, IdVec, Model, ScopeId};

/// Every item of this part of the module.
pub fn items(model: &Model) -> Vec<Part<'_>> {
    let variants = names::scope_variants(model);
    let mut parts = vec![scope_enum(model, &variants), access_enum().into(), scope_impl(model)];
    parts.extend(scope_tables(model));
    parts.extend([aliases(model, &variants).into(), name_index(model), set_constructor(model).into()]);
    parts.extend([closure(model), self_contained(model).into()]);
    parts
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

fn scope_enum<'a>(model: &'a Model, variants: &IdVec<ScopeId, String>) -> Part<'a> {
    let variants: Vec<String> = variants.iter().cloned().collect();
    let rows = model.scopes.iter().zip(variants).map(|(s, v)| {
        let (doc, v) = (doc(&format!("`{}`", s.name.escape_debug())), ident(&v));
        quote!(#doc #v)
    });
    Part::List(List::new(Row::Element, rows, |rows| {
        quote! {
            /// A scope of the policy.
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub enum Scope {
                #(#rows,)*
            }
        }
    }))
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

fn scope_impl(model: &Model) -> Part<'_> {
    let n = num(model.scopes.len());
    let all = names::scope_variants(model).into_iter().map(|v| {
        let v = ident(&v);
        quote!(Scope::#v)
    });
    let parse = if model.aliases.is_empty() {
        quote!(name_index(name).map(|i| Scope::ALL[i]))
    } else {
        quote! {
            let i = name_index(name)?;
            Some(if i < SCOPE_COUNT { Scope::ALL[i] } else { ALIASES[i - SCOPE_COUNT].1 })
        }
    };
    Part::List(List::new(Row::Element, all, move |all| {
        quote! {
            impl Scope {
                /// Every scope, in declaration order.
                pub const ALL: [Scope; #n] = [#(#all),*];

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
    }))
}

fn scope_tables(model: &Model) -> [Part<'_>; 3] {
    let n = num(model.scopes.len());
    let names = model.scopes.iter().map(|s| string(&s.name).into_token_stream());
    let descriptions = model.scopes.iter().map(|s| string(s.description.as_deref().unwrap_or("")).into_token_stream());
    let access = model.scopes.iter().map(|s| match s.access {
        Access::Read => quote!(Access::Read),
        Access::Write => quote!(Access::Write),
        Access::Admin => quote!(Access::Admin),
    });
    let (n1, n2) = (n.clone(), n.clone());
    [
        Part::List(List::new(Row::Element, names, move |rows| quote!(const SCOPE_NAMES: [&str; #n1] = [#(#rows),*];))),
        Part::List(List::new(
            Row::Element,
            descriptions,
            move |rows| quote!(const SCOPE_DESCRIPTIONS: [&str; #n2] = [#(#rows),*];),
        )),
        Part::List(List::new(
            Row::Element,
            access,
            move |rows| quote!(const SCOPE_ACCESS: [Access; #n] = [#(#rows),*];),
        )),
    ]
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

fn name_index(model: &Model) -> Part<'_> {
    if model.scopes.is_empty() && model.aliases.is_empty() {
        return quote! {
            fn name_index(name: &str) -> Option<usize> {
                let _ = name;
                None
            }
        }
        .into();
    }
    let all = model.scopes.iter().map(|s| &s.name).chain(model.aliases.iter().map(|a| &a.name));
    let arms = all.enumerate().map(|(i, name)| {
        let (name, i) = (string(name), num(i));
        quote!(#name => Some(#i))
    });
    Part::List(List::new(Row::Arm, arms, |arms| {
        quote! {
            fn name_index(name: &str) -> Option<usize> {
                match name {
                    #(#arms,)*
                    _ => None,
                }
            }
        }
    }))
}

fn closure(model: &Model) -> Part<'_> {
    let count = num(model.scopes.len() + model.aliases.len());
    let sets = model
        .scopes
        .iter()
        .map(|s| scope_set(s.grants.iter().copied()))
        .chain(model.aliases.iter().map(|a| scope_set(model.scopes[a.target].grants.iter().copied())));
    Part::List(List::new(Row::Element, sets, move |sets| {
        quote! {
            /// What each name grants: the scopes first, then the aliases.
            static CLOSURE: [ScopeSet; #count] = [#(#sets),*];
        }
    }))
}

fn self_contained(model: &Model) -> TokenStream {
    let set = scope_set(model.scopes.enumerate().filter(|(_, s)| s.grants.len() == 1).map(|(i, _)| i));
    quote! {
        /// The scopes that grant only themselves: a set of them needs no closing.
        const SELF_CONTAINED: ScopeSet = #set;
    }
}
