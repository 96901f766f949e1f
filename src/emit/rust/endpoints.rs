//! What deciding needs of each endpoint (`when`s, requirements per combination of them,
//! data rules) and the public facts of each.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::layout::{List, Part, Row};
use super::routes::method_path;
use super::scopes::scope_sets;
use super::tokens::{bytes, id, num, opt_string, string};
use crate::model::{Endpoint, Model, RuleKind};

/// Every item of this part of the module.
pub fn items(model: &Model) -> Vec<Part<'_>> {
    vec![endpoint_data(model), endpoint_info(model)]
}

fn whens(e: &Endpoint) -> TokenStream {
    let whens = e.whens.iter().map(|w| {
        // A query parameter by its name alone (no `$`, no trailing index: the runtime drops
        // them from the request's keys too).
        let key = if w.header { w.key.as_str() } else { crate::model::query::base(&w.key) };
        let key = bytes(key.as_bytes());
        // Every spelling the runtime accepts for each value (for a boolean, every spelling
        // common parsers read as it), from the runtime's own list.
        let values = if w.values.is_empty() {
            quote!(None)
        } else {
            let mut spellings: Vec<&str> = Vec::new();
            for v in &w.values {
                match scopec_runtime::query::accepted_values(v) {
                    [] => spellings.push(v.as_str()),
                    list => spellings.extend(list.iter().copied()),
                }
            }
            spellings.sort_unstable();
            spellings.dedup();
            let spellings = spellings.into_iter().map(|s| bytes(s.as_bytes()));
            quote!(Some(&[#(#spellings),*]))
        };
        let (header, by_default) = (w.header, w.by_default);
        quote!(rt::When { key: #key, header: #header, values: #values, by_default: #by_default })
    });
    quote!(&[#(#whens),*])
}

/// One requirement for every combination of the `when`s a query can meet (indexed by
/// the bitmask of those met).
fn requirements(model: &Model, e: &Endpoint) -> TokenStream {
    let reqs = (0..1usize << e.whens.len()).map(|mask| {
        let mut req = e.requirement.clone();
        for (i, w) in e.whens.iter().enumerate() {
            if mask & (1 << i) != 0 {
                req = req.and(&w.requirement);
            }
        }
        let (anonymous, alternatives, text) =
            (req.anonymous, scope_sets(&req.dnf), string(&model.requirement_text(&req)));
        let by_kind = req.by_kind.iter().map(|(k, dnf)| {
            let (k, sets) = (super::grants::kind_id(*k), scope_sets(dnf));
            quote!((#k, #sets))
        });
        quote!(rt::Requirement {
            anonymous: #anonymous,
            alternatives: #alternatives,
            by_kind: &[#(#by_kind),*],
            text: #text,
        })
    });
    quote!(&[#(#reqs),*])
}

/// The fields of the rules of one kind, sorted, each with the mask of rules naming it.
fn fields(e: &Endpoint, kind: RuleKind) -> TokenStream {
    let mut by_field: BTreeMap<&str, u32> = BTreeMap::new();
    for (i, r) in e.rules.iter().enumerate().filter(|(_, r)| r.kind == kind) {
        for f in &r.fields {
            *by_field.entry(f.as_str()).or_default() |= 1 << i;
        }
    }
    let items = by_field.into_iter().map(|(f, m)| {
        let (f, m) = (string(f), super::tokens::hex(u64::from(m)));
        quote!((#f, #m))
    });
    quote!(&[#(#items),*])
}

fn endpoint_data(model: &Model) -> Part<'_> {
    let n = num(model.endpoints.len());
    let data = model.endpoints.iter().map(|e| {
        let rules = e.rules.iter().map(|r| {
            let unless = scope_sets(r.unless.as_deref().unwrap_or(&[]));
            quote!(rt::Rule { unless: #unless })
        });
        let (api, whens, requirements) = (id(e.api), whens(e), requirements(model, e));
        let (strip, mask) = (fields(e, RuleKind::Strip), fields(e, RuleKind::Mask));
        let (filters, obligations) = (fields(e, RuleKind::Filter), fields(e, RuleKind::Oblige));
        quote! {
            rt::EndpointData {
                api: #api,
                whens: #whens,
                requirements: #requirements,
                rules: &[#(#rules),*],
                strip: #strip,
                mask: #mask,
                filters: #filters,
                obligations: #obligations,
            }
        }
    });
    Part::List(List::new(
        Row::Element,
        data,
        move |rows| quote!(static ENDPOINT_DATA: [rt::EndpointData<Policy>; #n] = [#(#rows),*];),
    ))
}

fn endpoint_info(model: &Model) -> Part<'_> {
    let n = num(model.endpoints.len());
    let info = model.endpoints.iter().map(|e| {
        let api = string(&model.apis[e.api].name);
        let method = method_path(e.method);
        let path = string(&e.pattern.to_string());
        let summary = opt_string(e.summary.as_deref());
        let rate = opt_string(model.rate_of(e).map(|r| r.name.as_str()));
        let requirement = string(&model.requirement_text(&e.requirement));
        quote! {
            EndpointInfo { api: #api, method: #method, path: #path, summary: #summary, requirement: #requirement, rate: #rate }
        }
    });
    Part::List(List::new(Row::Element, info, move |rows| {
        quote! {
            /// Every endpoint, in declaration order (`Allow::endpoint` indexes it).
            pub static ENDPOINTS: [EndpointInfo; #n] = [#(#rows),*];
        }
    }))
}
