//! The fast route walk of a generated module: one function per node of the route tree,
//! each trying its literal children (switched on the first byte, compared a word at a
//! time), then its parameter, then its catch-all, as a hand-written recursive-descent
//! router would, and sending a segment that matches a literal only ignoring case to the
//! general path. Position and backtracking live in registers and return values; the
//! depth of the calls is bounded by the depth of the tree (`scopec_runtime::MAX_DEPTH`).

use proc_macro2::TokenStream;
use quote::quote;

use super::layout::{List, Part, Row};
use super::routes::index;
use super::tokens::{byte, bytes, id, ident, num};
use crate::model::{Id, IdVec, Model, NodeId};

/// A literal arm of a node's switch: first byte, literal (a chain of single-child nodes
/// joined with `/`), and the node it leads to.
struct Arm {
    first: u8,
    literal: String,
    child: NodeId,
}

/// The literal arms of node `n`, with chains of nodes that have one literal child and
/// nothing else to try matched at once (`api/public/v1`), as a radix tree would: no
/// alternative is skipped.
fn arms(model: &Model, n: NodeId) -> Vec<Arm> {
    let nodes = &model.routes.nodes;
    let lone_child = |n: NodeId| {
        let node = &nodes[n];
        let plain = node.param.is_none() && node.catch_all.is_none() && node.end.is_none() && node.end_slash.is_none();
        match (plain, node.literals.len()) {
            (true, 1) => node.literals.iter().next().map(|(l, c)| (l.clone(), *c)),
            _ => None,
        }
    };
    let mut out: Vec<Arm> = nodes[n]
        .literals
        .iter()
        .map(|(l, c)| {
            let (mut literal, mut child) = (l.clone(), *c);
            while let Some((next, grandchild)) = lone_child(child) {
                literal = format!("{literal}/{next}");
                child = grandchild;
            }
            Arm { first: l.as_bytes().first().copied().unwrap_or(0), literal, child }
        })
        .collect();
    out.sort_by(|a, b| (a.first, &a.literal).cmp(&(b.first, &b.literal)));
    out
}

/// The name of node `n`'s function.
fn node_fn(n: NodeId) -> proc_macro2::Ident {
    ident(&format!("n{}", n.index()))
}

/// The name of the root's function, which `Policy::route` calls.
pub fn root_fn() -> proc_macro2::Ident {
    node_fn(NodeId::ROOT)
}

/// The node functions `n0`, `n1`, …: only those a walk calls (the inner nodes of a chain
/// are matched with it). Each is a list of its literal arms, so that a node with
/// thousands of children is laid out a chunk of arms at a time.
pub fn items(model: &Model) -> Vec<Part<'_>> {
    let nodes = &model.routes.nodes;
    let all_arms: IdVec<NodeId, Vec<Arm>> = nodes.ids().map(|n| arms(model, n)).collect();
    let mut called = nodes.map(|_| false);
    let mut todo = vec![NodeId::ROOT];
    while let Some(n) = todo.pop() {
        if called.get(n).copied().unwrap_or(true) {
            continue;
        }
        called[n] = true;
        todo.extend(all_arms[n].iter().map(|a| a.child));
        todo.extend(nodes[n].param);
    }
    let mut all_arms = all_arms;
    nodes
        .ids()
        .filter(|i| called[*i])
        .map(|i| {
            let arms = std::mem::take(&mut all_arms[i]);
            let firsts = firsts(&arms);
            let rows = arms.into_iter().map(arm);
            Part::List(List::new(Row::Arm, rows, move |rows| node(model, i, &firsts, rows)))
        })
        .collect()
}

/// The first bytes of a node's literal arms, in either case, sorted.
fn firsts(arms: &[Arm]) -> Vec<u8> {
    let mut firsts: Vec<u8> =
        arms.iter().flat_map(|a| [a.first.to_ascii_lowercase(), a.first.to_ascii_uppercase()]).collect();
    firsts.sort_unstable();
    firsts.dedup();
    firsts
}

/// A literal arm of a node's switch (without its comma).
fn arm(arm: Arm) -> TokenStream {
    let (first, lit, len) = (byte(arm.first), bytes(arm.literal.as_bytes()), num(arm.literal.len()));
    let child = node_fn(arm.child);
    quote!(#first if rt::route::literal_is(&t[p..], #lit) => #child(t, rt::route::after(t, p + #len)))
}

/// What the walk answers when the path ends at node `i`.
fn end(model: &Model, i: NodeId) -> TokenStream {
    let node = &model.routes.nodes[i];
    match (i == NodeId::ROOT, node.end, node.end_slash) {
        (true, Some(r), _) => {
            let r = id(r);
            quote!(Ok((#r, p)))
        }
        (true, None, _) | (false, None, None) => quote!(Err(rt::Miss::NoRoute)),
        (_, end, slash) => {
            let (end, slash) = (index(end), index(slash));
            quote!(rt::route::ended(t, p, #end, #slash))
        }
    }
}

/// The literal switch of a node. A segment that no arm takes but that equals one of the
/// node's literals ignoring case sends the target to the general path, which rejects it
/// (`case-variant`); only a segment whose first byte is a literal's first byte in either
/// case is looked at. (An arm that took the segment matched it exactly, and the nodes
/// beneath check their own segments.)
fn literal_step(i: NodeId, firsts: &[u8], arms: &[TokenStream]) -> TokenStream {
    let firsts = firsts.iter().copied().map(byte);
    let node = id(i);
    quote! {
        match t[p] {
            #(#arms,)*
            #(#firsts)|* if rt::route::segment_folds::<Policy>(#node, t, p) => Err(rt::Miss::Unsure),
            _ => Err(rt::Miss::NoRoute),
        }
    }
}

/// Node `i`'s function, given its literal arms (`rows`).
fn node(model: &Model, i: NodeId, firsts: &[u8], rows: &[TokenStream]) -> TokenStream {
    let node = &model.routes.nodes[i];
    // The steps to try, in order; every one but the last falls through on `NoRoute`.
    let mut steps: Vec<TokenStream> = Vec::new();
    if !firsts.is_empty() {
        steps.push(literal_step(i, firsts, rows));
    }
    if let Some(param) = node.param {
        let child = node_fn(param);
        steps.push(quote!(#child(t, rt::route::after(t, rt::route::param_end(t, p)?))));
    }
    if let Some(route) = node.catch_all {
        let route = id(route);
        steps.push(quote!(rt::route::rest(t, p, #route)));
    }
    let last = steps.pop().unwrap_or_else(|| quote!(Err(rt::Miss::NoRoute)));
    let tries = steps.into_iter().map(|step| {
        quote! {
            let found = #step;
            if found != Err(rt::Miss::NoRoute) {
                return found;
            }
        }
    });
    let (name, end) = (node_fn(i), end(model, i));
    let doc = if i == NodeId::ROOT {
        quote!(#[doc = " The root of the route tree: the path after its leading `/`."])
    } else {
        quote!()
    };
    quote! {
        #doc
        #[inline]
        fn #name(t: &[u8], p: usize) -> rt::Walk {
            if rt::route::path_end(t, p) {
                return #end;
            }
            #(#tries)*
            #last
        }
    }
}
