//! The route tree's tables: nodes, the literal lookup of the general path, routes and the
//! flat route × method table of endpoints.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;
use scopec_runtime::Method;

use super::tokens::{byte, bytes, id, num, string};
use crate::model::{Id, Model, NodeId};

/// Every item of this part of the module.
pub fn items(model: &Model) -> TokenStream {
    [nodes(model), literal_child(model), literal_folds(model), routes(model), endpoint_of(model)].into_iter().collect()
}

/// A `u16` index, or `rt::NONE`.
pub fn index(n: Option<impl Id>) -> TokenStream {
    match n {
        Some(x) => {
            let x = id(x);
            quote!(#x)
        }
        None => quote!(rt::NONE),
    }
}

fn nodes(model: &Model) -> TokenStream {
    let count = num(model.routes.nodes.len());
    let nodes = model.routes.nodes.iter().map(|n| {
        let (param, catch_all, end, end_slash) = (index(n.param), index(n.catch_all), index(n.end), index(n.end_slash));
        quote!(rt::Node { param: #param, catch_all: #catch_all, end: #end, end_slash: #end_slash })
    });
    quote! {
        static NODES: [rt::Node; #count] = [#(#nodes),*];
    }
}

fn literal_child(model: &Model) -> TokenStream {
    let mut arms: Vec<(NodeId, usize, u8, &str, NodeId)> = Vec::new();
    for (i, n) in model.routes.nodes.enumerate() {
        for (l, c) in &n.literals {
            arms.push((i, l.len(), l.as_bytes().first().copied().unwrap_or(0), l.as_str(), *c));
        }
    }
    arms.sort();
    let body = if arms.is_empty() {
        quote! {
            let _ = (node, seg);
            rt::NONE
        }
    } else {
        // A switch on (node, length, first byte), then one comparison of known length.
        let arms = arms.into_iter().map(|(node, len, first, lit, child)| {
            let (node, len, first, lit, child) = (id(node), num(len), byte(first), bytes(lit.as_bytes()), id(child));
            quote!((#node, #len, #first) if seg == #lit => #child,)
        });
        quote! {
            match (node, seg.len(), seg[0]) {
                #(#arms)*
                _ => rt::NONE,
            }
        }
    };
    quote! {
        /// The child of `node` for the literal segment `seg` (never empty), or `NONE`.
        fn literal_child(node: u16, seg: &[u8]) -> u16 {
            #body
        }
    }
}

/// Length groups up to this size compare each literal in turn; larger ones search.
const FOLD_SEARCH_FROM: usize = 5;

fn literal_folds(model: &Model) -> TokenStream {
    // Each node's literals in ASCII lower case, without twins, by length: a few compared in
    // turn, more searched by `rt::route::folds_among` (sorted).
    let arms: Vec<TokenStream> = model
        .routes
        .nodes
        .enumerate()
        .filter(|(_, n)| !n.literals.is_empty())
        .map(|(i, n)| {
            let mut by_len: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
            for l in n.literals.keys() {
                by_len.entry(l.len()).or_default().insert(l.to_ascii_lowercase());
            }
            let lens = by_len.into_iter().map(|(len, lits)| {
                let len = num(len);
                let many = lits.len() >= FOLD_SEARCH_FROM;
                let lits = lits.iter().map(|l| bytes(l.as_bytes()));
                if many {
                    quote!(#len => rt::route::folds_among(&[#(#lits),*], seg),)
                } else {
                    quote!(#len => #(seg.eq_ignore_ascii_case(#lits))||*,)
                }
            });
            let i = id(i);
            quote! {
                #i => match seg.len() {
                    #(#lens)*
                    _ => false,
                },
            }
        })
        .collect();
    if arms.is_empty() {
        // No literal anywhere: the walk never asks.
        return quote! {
            /// True when `seg` equals a literal child of `node` ignoring ASCII case.
            fn literal_folds(node: u16, seg: &[u8]) -> bool {
                let _ = (node, seg);
                false
            }
        };
    }
    quote! {
        /// True when `seg` equals a literal child of `node` ignoring ASCII case.
        fn literal_folds(node: u16, seg: &[u8]) -> bool {
            match node {
                #(#arms)*
                _ => false,
            }
        }

        /// True when the segment of `t` at `p` equals a literal child of `node` ignoring
        /// ASCII case. Out of line: the walk calls it only for a segment no literal took.
        #[cold]
        #[inline(never)]
        fn segment_folds(node: u16, t: &[u8], p: usize) -> bool {
            literal_folds(node, &t[p..rt::route::segment_end(t, p)])
        }
    }
}

fn routes(model: &Model) -> TokenStream {
    let count = num(model.routes.routes.len());
    let routes = model.routes.routes.iter().map(|r| {
        let methods = r.endpoints.iter().map(|e| {
            let method = method_path(model.endpoints[*e].method);
            let e = id(*e);
            quote!((#method, #e))
        });
        let mut allowed: Vec<Method> = r.endpoints.iter().map(|e| model.endpoints[*e].method).collect();
        allowed.sort();
        let allowed = string(&allowed.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", "));
        quote!(rt::Route { methods: &[#(#methods),*], allowed: #allowed })
    });
    quote! {
        static ROUTES: [rt::Route; #count] = [#(#routes),*];
    }
}

/// `rt::Method::Get`.
pub fn method_path(m: Method) -> TokenStream {
    let variant = super::tokens::ident(&format!("{m:?}"));
    quote!(rt::Method::#variant)
}

fn endpoint_of(model: &Model) -> TokenStream {
    let count = num(model.routes.routes.len());
    let rows = model.routes.routes.iter().map(|r| {
        let mut row = vec![None; Method::COUNT];
        for e in &r.endpoints {
            row[model.endpoints[*e].method.code()] = Some(*e);
        }
        let row = row.into_iter().map(index);
        quote!([#(#row),*])
    });
    quote! {
        /// The endpoint of each route for each method code, or `NONE`.
        static ENDPOINT_OF: [[u16; rt::Method::COUNT]; #count] = [#(#rows),*];
    }
}
