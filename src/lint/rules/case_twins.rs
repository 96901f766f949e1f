use std::collections::BTreeMap;

use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};
use crate::model::{EndpointId, IdVec, Model, NodeId};

rule_doc! {
    /// ## What it does
    /// Finds literal path segments at the same position that differ only in letter case
    /// (`/Docs` and `/docs`, or `/v1/Users/{id}` beside `/v1/users`).
    ///
    /// ## Why is this bad?
    /// A server that routes ignoring case (ASP.NET Core's default) cannot tell the two
    /// apart, so it serves one of them for both spellings while scopec decides each by its
    /// own requirement. scopec rejects every other spelling (`/DOCS`, `case-variant`), but
    /// the two declared ones still reach whichever route the server picks.
    ///
    /// ## Example
    /// ```policy
    /// scope docs_read read "Docs"
    /// api x { auth bearer GET /Docs requires public "Docs" GET /docs requires docs_read "Docs" }
    /// ```
    ///
    /// Use instead: declare one spelling.
    /// ```policy
    /// scope docs_read read "Docs"
    /// api x { auth bearer GET /docs requires docs_read "Docs" }
    /// ```
}

pub(crate) const RULE: LintCode = lints::CASE_TWINS;

/// The first endpoint (by declaration) of a route beneath each node. A child is created
/// after its parent, so one pass from the last node up sees every child first.
fn first_beneath(m: &Model) -> IdVec<NodeId, Option<EndpointId>> {
    let tree = &m.routes;
    let mut first = tree.nodes.map(|_| None::<EndpointId>);
    let ids: Vec<NodeId> = tree.nodes.ids().collect();
    for n in ids.into_iter().rev() {
        let node = &tree.nodes[n];
        let own = [node.end, node.end_slash, node.catch_all]
            .into_iter()
            .flatten()
            .filter_map(|r| tree.routes[r].endpoints.iter().min().copied());
        let children = node.literals.values().chain(node.param.iter()).filter_map(|c| first[*c]);
        first[n] = own.chain(children).min();
    }
    first
}

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    let tree = &m.routes;
    if !tree.nodes.iter().any(|n| n.folded.len() < n.literals.len()) {
        return;
    }
    let first = first_beneath(m);
    for node in tree.nodes.iter().filter(|n| n.folded.len() < n.literals.len()) {
        let mut by_fold: BTreeMap<String, Vec<(EndpointId, &str)>> = BTreeMap::new();
        for (lit, child) in &node.literals {
            if let Some(e) = first[*child] {
                by_fold.entry(lit.to_ascii_lowercase()).or_default().push((e, lit.as_str()));
            }
        }
        for mut twins in by_fold.into_values().filter(|t| t.len() > 1) {
            twins.sort();
            let (earlier, first_spelling) = twins[0];
            for (later, spelling) in &twins[1..] {
                let (a, b) = (&m.endpoints[earlier], &m.endpoints[*later]);
                out.push(
                    RULE.warning(
                        b.path_span,
                        format!(
                            "segment `{spelling}` differs only in letter case from `{first_spelling}` of `{}`",
                            a.pattern
                        ),
                    )
                    .with_label("case twin")
                    .with_secondary(a.path_span, "the other spelling")
                    .with_help("servers that route ignoring case cannot tell these apart; declare one spelling"),
                );
            }
        }
    }
}
