//! The route tree's tables: nodes, the literal tables of the general path, routes and the
//! flat route × method table of endpoints.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;
use scopec_runtime::Method;

use super::layout::{List, Part, Row};
use super::tokens::{bytes, id, num, string};
use crate::model::{Id, Model, NodeId};

/// Every item of this part of the module.
pub fn items(model: &Model) -> Vec<Part<'_>> {
    let [literals, folded] = literal_tables(model);
    vec![nodes(model), literals, folded, routes(model), endpoint_of(model)]
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

fn nodes(model: &Model) -> Part<'_> {
    let count = num(model.routes.nodes.len());
    let nodes = model.routes.nodes.iter().map(|n| {
        let (param, catch_all, end, end_slash) = (index(n.param), index(n.catch_all), index(n.end), index(n.end_slash));
        quote!(rt::Node { param: #param, catch_all: #catch_all, end: #end, end_slash: #end_slash })
    });
    Part::List(List::new(Row::Element, nodes, move |nodes| quote!(static NODES: [rt::Node; #count] = [#(#nodes),*];)))
}

/// Each node's literals and children, sorted by bytes, as the general path's binary search
/// reads them; and the same literals in lower case without twins, by length, for the
/// case-variant check (`rt::route::folds_among`). Tables, not code: a `match` with an arm per literal is one function the size of
/// the policy, which the optimizer takes superlinear time on.
fn literal_tables(model: &Model) -> [Part<'_>; 2] {
    let nodes = &model.routes.nodes;
    let count = num(nodes.len());
    let literals = nodes.iter().map(|n| {
        let mut lits: Vec<(&str, NodeId)> = n.literals.iter().map(|(l, c)| (l.as_str(), *c)).collect();
        lits.sort_unstable();
        let lits = lits.into_iter().map(|(l, c)| {
            let (l, c) = (bytes(l.as_bytes()), id(c));
            quote!((#l, #c))
        });
        quote!(&[#(#lits),*])
    });
    let folded = nodes.iter().map(|n| {
        let lower: BTreeSet<(usize, String)> = n.literals.keys().map(|l| (l.len(), l.to_ascii_lowercase())).collect();
        let lower = lower.iter().map(|(_, l)| bytes(l.as_bytes()));
        quote!(&[#(#lower),*])
    });
    let count2 = count.clone();
    [
        Part::List(List::new(
            Row::Element,
            literals,
            move |rows| quote!(static LITERALS: [&[(&[u8], u16)]; #count] = [#(#rows),*];),
        )),
        Part::List(List::new(
            Row::Element,
            folded,
            move |rows| quote!(static FOLDED: [&[&[u8]]; #count2] = [#(#rows),*];),
        )),
    ]
}

fn routes(model: &Model) -> Part<'_> {
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
    Part::List(List::new(Row::Element, routes, move |rows| quote!(static ROUTES: [rt::Route; #count] = [#(#rows),*];)))
}

/// `rt::Method::Get`.
pub fn method_path(m: Method) -> TokenStream {
    let variant = super::tokens::ident(&format!("{m:?}"));
    quote!(rt::Method::#variant)
}

fn endpoint_of(model: &Model) -> Part<'_> {
    let count = num(model.routes.routes.len());
    let rows = model.routes.routes.iter().map(|r| {
        let mut row = vec![None; Method::COUNT];
        for e in &r.endpoints {
            row[model.endpoints[*e].method.code()] = Some(*e);
        }
        let row = row.into_iter().map(index);
        quote!([#(#row),*])
    });
    Part::List(List::new(Row::Element, rows, move |rows| {
        quote! {
            /// The endpoint of each route for each method code, or `NONE`.
            static ENDPOINT_OF: [[u16; rt::Method::COUNT]; #count] = [#(#rows),*];
        }
    }))
}
