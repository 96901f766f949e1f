use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, dnf, rule_doc};
use crate::model::NodeId;

rule_doc! {
    /// ## What it does
    /// Finds a catch-all route (`/files/{path*}`) that, for some method, accepts keys that a
    /// more specific route beneath the same prefix (`/files/{id}/acl`) would refuse: its
    /// requirement does not imply the specific route's.
    ///
    /// ## Why is this bad?
    /// Every near miss of the specific route (a trailing slash, an extra segment, another
    /// spelling) falls into the catch-all, with its weaker requirement. The specific route was
    /// meant to protect those paths.
    ///
    /// ## Example
    /// ```policy
    /// scope files:read read "Read files"
    /// scope files:admin admin "Administer files"
    /// api x { auth bearer GET /files/{path*} requires files:read "Read" GET /files/{id}/acl requires files:admin "ACL" }
    /// ```
    ///
    /// Use instead: give the catch-all at least the requirement of what it can swallow, or
    /// narrow it.
}

pub(crate) const RULE: LintCode = lints::CATCH_ALL_SWALLOWS;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    let tree = &m.routes;
    for node in &tree.nodes {
        let Some(catch) = node.catch_all else { continue };
        for ec in &tree.routes[catch].endpoints {
            let c = &m.endpoints[*ec];
            // The first stronger route beneath the catch-all's node, same method.
            let mut stack: Vec<NodeId> = node.literals.values().copied().chain(node.param).collect();
            stack.sort_unstable();
            let mut found = None;
            while let Some(n) = stack.pop() {
                let nd = &tree.nodes[n];
                for r in [nd.end, nd.end_slash, nd.catch_all].into_iter().flatten() {
                    let stronger = tree.routes[r]
                        .endpoints
                        .iter()
                        .map(|e| &m.endpoints[*e])
                        .find(|e| e.method == c.method && !dnf::implies(m, &c.requirement, &e.requirement));
                    if found.is_none() {
                        found = stronger;
                    }
                }
                if found.is_some() {
                    break;
                }
                let mut next: Vec<NodeId> = nd.literals.values().copied().chain(nd.param).collect();
                next.sort_unstable();
                stack.extend(next);
            }
            if let Some(s) = found {
                out.push(
                    RULE.warning(
                        c.requirement_span,
                        format!(
                            "catch-all `{}` accepts keys that `{}` beneath it refuses, and takes its near misses",
                            c.label(),
                            s.label()
                        ),
                    )
                    .with_label("weaker than a route it can swallow paths from")
                    .with_secondary(s.requirement_span, "the specific route requires this")
                    .with_help("require at least as much on the catch-all, or narrow it"),
                );
            }
        }
    }
}
